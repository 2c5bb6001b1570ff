// Transcripts as text, both ways, in the format of docs/lesson-format.md §13 and §18 (version 1):
// `%smtp-transcript 1`, a header (engine, persona, lang), then `S:` reply lines, `C:` command
// lines, `| ` message lines in DATA and `send:` lines for any other write (a bare LF, control
// characters), with the RFC's tokens. AUTH credentials are redacted unless they are the demo
// account's. Mermaid draws the same lines as a sequence diagram. Import reads our format, an
// RFC-style C:/S: listing, swaks output (`->`, `<-`, `~>`, `<~`) and a telnet/nc capture, and says
// how it read it. (The same grammar gets a Rust parser and writer; this one follows it.)

/** The version line of a transcript. */
export const MAGIC = '%smtp-transcript 1';

/** The demo account's credentials, never redacted (§18.3). */
const DEMO = new Set(['alice', 'wonderland', '\0alice\0wonderland', 'alice\0alice\0wonderland']);

function decode64(text) {
  try {
    const bytes = Uint8Array.from(atob(text.trim()), (c) => c.charCodeAt(0));
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** A write as a `send:` value: the RFC's tokens for line endings and controls (§4.6). */
function tokens(bytes) {
  let out = '';
  const text = bytes.replace(/[ \t]+(?=\r?\n?$)/, (ws) => ws.replaceAll(' ', '<SP>').replaceAll('\t', '<TAB>'));
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (c === '\r' && text[i + 1] === '\n') {
      out += '<CRLF>';
      i += 1;
    } else if (c === '\r') out += '<CR>';
    else if (c === '\n') out += '<LF>';
    else if (c === '\t') out += '<TAB>';
    else if (c === '\0') out += '<NUL>';
    else if (c === '\\') out += '\\\\';
    else if (/[\u0001-\u001f\u007f]/.test(c)) out += `\\x${c.charCodeAt(0).toString(16).padStart(2, '0').toUpperCase()}`;
    else out += c;
  }
  return out;
}

/** Can this write be a `C:` or `|` line (TEXT + CRLF, no control but TAB, no trailing blank)? */
const plainLine = (text, ending) => ending === '\r\n' && !/[\u0000-\u0008\u000a-\u001f\u007f]/.test(text) && !/[ \t]$/.test(text);

/**
 * The canonical text of a session. `lines`: [{ side: 'C' | 'S', text, data?, ending?, auth? }] in
 * order (`auth`: sent inside an AUTH exchange); `meta`: header values (engine, persona, lang)
 * written when given; `credentials`: keep AUTH secrets instead of `<redacted>`.
 */
export function exportText(lines, meta = {}, { credentials = false } = {}) {
  const out = [MAGIC];
  for (const key of ['engine', 'persona', 'lang']) if (meta[key]) out.push(`${key}: ${meta[key]}`);
  for (const { side, text, data, ending = '\r\n', auth } of lines) {
    if (side === 'S') {
      out.push(/^\d{3}/.test(text) ? `S: ${text}` : `# not a reply: ${text}`);
      continue;
    }
    let line = text;
    if (!credentials) {
      const command = /^(AUTH\s+\S+)\s+(\S.*)$/i.exec(text);
      if (command && !DEMO.has(decode64(command[2]))) line = `${command[1]} <redacted>`;
      else if (auth && !command && !DEMO.has(decode64(text)) && text !== '*') line = '<redacted>';
    }
    if (line !== text) out.push(`C: ${line}`);
    else if (!plainLine(text, ending)) out.push(`send: ${tokens(text + ending)}`);
    else if (data && text !== '.') out.push(text === '' ? '|' : `| ${text}`);
    else out.push(text === '' ? 'C:' : `C: ${text}`);
  }
  return `${out.join('\n')}\n`;
}

/** Mermaid escapes: "#" starts an entity and ";" ends a statement. */
const mermaidText = (text) => text.replaceAll('#', '#35;').replaceAll(';', '#59;');

/** A Mermaid sequenceDiagram of the same lines (client and server as two lanes). */
export function exportMermaid(lines, { client = 'Client', server = 'Server' } = {}) {
  const out = ['sequenceDiagram', `  participant C as ${mermaidText(client)}`, `  participant S as ${mermaidText(server)}`];
  for (const { side, text } of lines) {
    out.push(side === 'S' ? `  S-->>C: ${mermaidText(text)}` : `  C->>S: ${mermaidText(text)}`);
  }
  return `${out.join('\n')}\n`;
}

/** JSON: the header values and the lines as they are. */
export function exportJson(lines, meta = {}) {
  return `${JSON.stringify({ format: 'smtp-transcript', version: 1, ...meta, lines }, null, 2)}\n`;
}

const SWAKS_CLIENT = /^\s*(?:->|~>|\*\*>)\s*(.*)$/;
const SWAKS_SERVER = /^\s*(?:<-|<~|<\*\*)\s*(.*)$/;
const SWAKS_INFO = /^\s*(?:===|\*\*\*|<~\*|~>\*)/;
const REPLY = /^\d{3}(?:[ -]|$)/;

/** A `send:` value back to the write it stands for (§4.6). */
function untokens(value) {
  return value.replace(/<CRLF>|<CR>|<LF>|<SP>|<TAB>|<NUL>|\\x([0-9a-fA-F]{2})|\\\\/g, (m, hex) => {
    if (hex) return String.fromCharCode(parseInt(hex, 16));
    return { '<CRLF>': '\r\n', '<CR>': '\r', '<LF>': '\n', '<SP>': ' ', '<TAB>': '\t', '<NUL>': '\0', '\\\\': '\\' }[m];
  });
}

/**
 * Reads a transcript. Returns { format: 'smtp' | 'swaks' | 'nc', lines, meta }, lines being
 * [{ side, text, data, ending }] (a `send:` write keeps its own ending, possibly ''), or
 * { format: null, lines: [], meta: {} } when nothing reads as a session.
 */
export function importText(text) {
  const raw = String(text).replace(/\r\n?/g, '\n').split('\n');
  while (raw.length && raw.at(-1).trim() === '') raw.pop();
  const meaningful = raw.filter((l) => l.trim() !== '');
  if (meaningful[0]?.startsWith('%smtp-transcript') || meaningful.some((l) => /^[CS]:/.test(l))) return readSmtp(raw);
  if (meaningful.some((l) => SWAKS_CLIENT.test(l)) && meaningful.some((l) => SWAKS_SERVER.test(l))) return readSwaks(raw);
  if (meaningful.some((l) => REPLY.test(l))) return readNc(raw);
  return { format: null, lines: [], meta: {} };
}

function readSmtp(raw) {
  const lines = [];
  const meta = {};
  let header = true;
  for (const line of raw) {
    if (line.startsWith('%') || line.startsWith('#')) continue;
    const m = /^(C|S):(?: (.*))?$/.exec(line);
    if (m) {
      header = false;
      lines.push({ side: m[1], text: m[2] ?? '', data: false, ending: '\r\n' });
    } else if (line === '|' || line.startsWith('| ')) {
      header = false;
      lines.push({ side: 'C', text: line.slice(2), data: true, ending: '\r\n' });
    } else if (line.startsWith('send: ')) {
      header = false;
      const write = untokens(line.slice(6));
      const ending = /\r\n$/.test(write) ? '\r\n' : /\n$/.test(write) ? '\n' : '';
      lines.push({ side: 'C', text: write.slice(0, write.length - ending.length), data: false, ending });
    } else if (header) {
      const kv = /^([a-z-]+):\s*(.*)$/.exec(line);
      if (kv) meta[kv[1]] = kv[2];
    }
  }
  return { format: 'smtp', lines: markData(lines), meta };
}

function readSwaks(raw) {
  const lines = [];
  for (const line of raw) {
    if (SWAKS_INFO.test(line)) continue;
    const c = SWAKS_CLIENT.exec(line);
    const s = SWAKS_SERVER.exec(line);
    if (c) lines.push({ side: 'C', text: c[1], data: false, ending: '\r\n' });
    else if (s) lines.push({ side: 'S', text: s[1], data: false, ending: '\r\n' });
  }
  return { format: 'swaks', lines: markData(lines), meta: {} };
}

function readNc(raw) {
  const lines = raw.map((line) => ({ side: REPLY.test(line) ? 'S' : 'C', text: line, data: false, ending: '\r\n' }));
  return { format: 'nc', lines: markData(lines), meta: {} };
}

/** Client lines between a 354 and the "." that ends the message are message lines. */
function markData(lines) {
  let inData = false;
  return lines.map((line) => {
    if (line.side === 'S') {
      if (/^354\b/.test(line.text)) inData = true;
      return line;
    }
    if (inData && line.text === '.') {
      inData = false;
      return { ...line, data: false };
    }
    return { ...line, data: line.data || inData };
  });
}

/**
 * The writes to replay, each with the reply lines recorded after it. A redacted AUTH line is
 * replayed cancelled (§18.4): `AUTH PLAIN <redacted>` as `AUTH PLAIN`, `<redacted>` as `*`.
 */
export function steps(lines) {
  const out = [];
  for (const line of lines) {
    if (line.side === 'C') {
      let text = line.text;
      if (/^AUTH\s+\S+\s+<redacted>$/i.test(text)) text = text.replace(/\s+<redacted>$/, '');
      else if (text === '<redacted>') text = '*';
      out.push({ line: text, ending: line.ending, recorded: [], redacted: text !== line.text });
    } else if (out.length) out.at(-1).recorded.push(line.text);
  }
  return out;
}

/**
 * Replies that differ from the recording (§18.4): for our own format every line exactly; for
 * captures of other servers (swaks, nc) the codes only, since their names and wording differ.
 * Returns { recorded, now } for the first difference, or null.
 */
export function drift(recorded, now, format) {
  const same = format === 'smtp' ? (a, b) => a === b : (a, b) => a?.slice(0, 3) === b?.slice(0, 3);
  const n = format === 'smtp' ? Math.max(recorded.length, now.length) : Math.min(recorded.length, now.length) && 1;
  for (let i = 0; i < n; i += 1) {
    if (!same(recorded[i], now[i])) return { recorded: recorded[i] ?? '', now: now[i] ?? '' };
  }
  return null;
}
