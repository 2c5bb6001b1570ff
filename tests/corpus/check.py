#!/usr/bin/env python3
"""Checks the record grammar of tests/corpus/replies/*.txt and prints counts.

No dependencies. Usage: python3 tests/corpus/check.py [DIR]
Exit status 0 when every record is well formed, 1 otherwise.
The grammar is described in tests/corpus/README.md.
"""
import collections
import os
import re
import sys

FORMATS = {'plain', 'transcript', 'postfix-log', 'exim', 'exchange', 'dsn', 'bounce',
           'sendmail', 'qmail', 'literal-crlf', 'other'}
COMMANDS = {'CONNECT', 'HELO', 'EHLO', 'STARTTLS', 'AUTH', 'MAIL', 'RCPT', 'DATA',
            'END-OF-DATA', 'BDAT', 'VRFY', 'EXPN', 'QUIT', 'unknown'}
REQUIRED = ['source', 'format', 'writer', 'code', 'enhanced', 'command', 'expect']
OPTIONAL = ['remote', 'recipients', 'note']
ID_RE = re.compile(r'^[a-z0-9][a-z0-9-]*$')
CODE_RE = re.compile(r'^[2-5][0-9][0-9]$')
ENHANCED_RE = re.compile(r'^[245]\.[0-9]{1,3}\.[0-9]{1,3}$')
SOURCE_RE = re.compile(r'^(https?://\S+|github:[^/\s]+/\S+ \S+@[0-9a-f]{40}(#L[0-9]+-L[0-9]+)?)$')


def parse(path):
    """Yields (line number, id, fields dict, text lines) for each record of one file."""
    with open(path, encoding='utf-8') as f:
        lines = f.read().split('\n')
    records, cur = [], None
    for n, line in enumerate(lines, 1):
        if line.startswith('%%'):
            cur = {'line': n, 'id': line[2:].strip(), 'head': [], 'text': None}
            records.append(cur)
        elif cur is None:
            if line != '':
                raise ValueError(f'{path}:{n}: text before the first %% line')
        elif cur['text'] is None:
            if line == '---':
                cur['text'] = []
            else:
                cur['head'].append((n, line))
        else:
            cur['text'].append(line)
    for r in records:
        text = r['text'] if r['text'] is not None else []
        while text and text[-1] == '':
            text.pop()
        yield r['line'], r['id'], r['head'], r['text'] is not None, text


def check_record(where, rid, head, has_sep, text, errors):
    def err(msg):
        errors.append(f'{where}: {rid or "?"}: {msg}')

    if not ID_RE.match(rid):
        err('bad id')
    if not has_sep:
        err('no "---" line')
    fields = {}
    for n, line in head:
        key, sep, value = line.partition(': ')
        if not sep or not value.strip():
            err(f'line {n}: not "key: value"')
            continue
        if key not in REQUIRED and key not in OPTIONAL:
            err(f'line {n}: unknown field {key}')
        if key in fields:
            err(f'line {n}: field {key} repeated')
        fields[key] = value.strip()
    for key in REQUIRED:
        if key not in fields:
            err(f'missing field {key}')
    if not text:
        err('empty text')
    if any('\r' in l for l in text):
        err('carriage return in text')
    body = '\n'.join(text)

    fmt, code, enh = fields.get('format'), fields.get('code'), fields.get('enhanced')
    if fmt is not None and fmt not in FORMATS:
        err(f'unknown format {fmt}')
    if fields.get('command') is not None and fields['command'] not in COMMANDS:
        err(f'unknown command {fields["command"]}')
    if 'source' in fields and not SOURCE_RE.match(fields['source']):
        err(f'source is neither a URL nor "github:owner/repo path@commit": {fields["source"]}')
    if code is not None and code != 'none':
        if not CODE_RE.match(code):
            err(f'code {code} is not three digits 2xx-5xx')
        elif code not in body:
            err(f'code {code} does not occur in the text')
    if enh is not None and enh != 'none':
        if not ENHANCED_RE.match(enh):
            err(f'enhanced {enh} is not class.subject.detail')
        elif enh not in body:
            err(f'enhanced {enh} does not occur in the text')
    expect = fields.get('expect')
    if expect not in (None, 'ok', 'error'):
        err(f'expect must be ok or error, not {expect}')
    if expect == 'error' and (code != 'none' or enh != 'none'):
        err('expect: error needs code: none and enhanced: none')
    if expect == 'ok' and code == 'none' and enh == 'none':
        err('expect: ok needs a code or an enhanced code')
    if 'recipients' in fields:
        entries = [e.split() for e in fields['recipients'].split(';')]
        if len(entries) < 2:
            err('recipients lists fewer than two recipients')
        for e in entries:
            if len(e) != 3:
                err(f'recipients entry {" ".join(e)!r} is not "address code enhanced"')
                continue
            addr, rcode, renh = e
            if addr not in body:
                err(f'recipient {addr} does not occur in the text')
            if not CODE_RE.match(rcode):
                err(f'recipient {addr}: bad code {rcode}')
            if renh != 'none' and not ENHANCED_RE.match(renh):
                err(f'recipient {addr}: bad enhanced {renh}')
        if entries and len(entries[0]) == 3 and (entries[0][1], entries[0][2]) != (code, enh):
            err('the first recipient\'s code and enhanced differ from the record\'s')
    return fields


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), 'replies')
    files = sorted(f for f in os.listdir(root) if f.endswith('.txt'))
    errors, seen = [], {}
    per = {k: collections.Counter() for k in ('file', 'format', 'writer', 'remote', 'expect', 'command')}
    total = 0
    for name in files:
        try:
            records = list(parse(os.path.join(root, name)))
        except (ValueError, UnicodeDecodeError) as e:
            errors.append(str(e))
            continue
        for line, rid, head, has_sep, text in records:
            where = f'{name}:{line}'
            if rid in seen:
                errors.append(f'{where}: {rid}: duplicate id (first in {seen[rid]})')
            seen[rid] = where
            fields = check_record(where, rid, head, has_sep, text, errors)
            total += 1
            per['file'][name] += 1
            for k in ('format', 'writer', 'expect', 'command'):
                per[k][fields.get(k, '?')] += 1
            per['remote'][fields.get('remote', '(same as writer or not known)')] += 1
    for k in ('file', 'format', 'writer', 'remote', 'command', 'expect'):
        print(f'per {k}:')
        for v, n in sorted(per[k].items(), key=lambda kv: (-kv[1], kv[0])):
            print(f'  {n:4d}  {v}')
    print(f'total: {total} records in {len(files)} files')
    for e in errors:
        print('ERROR', e)
    print(f'{len(errors)} error(s)')
    return 1 if errors else 0


if __name__ == '__main__':
    sys.exit(main())
