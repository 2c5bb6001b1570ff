// initSync with the module's bytes, in Node (no fetch, no DOM): the path a benchmark or a
// server-side script takes. Exits non-zero on any failure. Optional argument: another .wasm
// file to check with the same glue (build.sh uses it to vet wasm-opt's output); with
// --one-language, the file is a one-language module (smtp_sim_en.wasm, smtp_sim_pt-BR.wasm, and
// the lite smtp_sim_lite_en.wasm, smtp_sim_lite_pt-BR.wasm, which export a subset of the API):
// it must load and answer in its language whatever language is asked for, then the check ends.
//
// Every object the API returns is checked against the .d.ts generated from the Rust types,
// key by key and all the way down (tests/dts.mjs): no undeclared key, no missing one, every
// value of its declared type.

import { readFileSync } from 'node:fs';
import assert from 'node:assert/strict';
import { mismatch, parseDts } from './dts.mjs';
import { compareCodes } from '../www/compare-codes.js';

const pkg = new URL('../www/pkg/', import.meta.url);
const args = process.argv.slice(2);
const oneLanguage = args.includes('--one-language');
const wasmPath = args.find((a) => !a.startsWith('--')) ?? new URL('smtp_sim_bg.wasm', pkg);
// The glue is two files (the build splits off what only the full modules back): one API.
const core = await import(new URL('smtp_sim.js', pkg));
const wasm = { ...core, ...(await import(new URL('smtp_sim_full.js', pkg))).__wbg_full(core.__wbg_core) };
const {
  initSync, ServerSession, DotScanner, explainCode, explainEnhanced, catalogLabels, compareTexts,
  lookup, explainReply, allCodes, allEnhanced, curatedPairs, explainWarning, promptLabels,
  Simulation, ClientRole, LessonRun, labRun, labMatrix, labVectors, encodeBytes, decodeBytes,
} = wasm;

const bytes = readFileSync(wasmPath);
initSync({ module: bytes });
const exported = (name) => WebAssembly.Module.exports(new WebAssembly.Module(bytes)).some((e) => e.name === name);
/** The transcript readers are in the full modules only (the lite ones have the writer). */
const hasReaders = exported('replaySteps');
/** The lite modules have no `compare`: the page builds it (www/compare-codes.js), as here. */
const compare = exported('compare')
  ? wasm.compare
  : (a, b, lang) => compareCodes({ explainCode, labels: catalogLabels, compareTexts }, a, b, lang);

/**
 * The inputs the first-load module reads by hand (src/wasm/read.rs): serde's rules and its
 * messages, word for word, in every module.
 */
function checkReaders() {
  const says = (fn, message) => assert.throws(fn, (e) => e.message === `smtp-sim: ${message}`, message);
  says(() => new ServerSession({ persona: 'paranoid' }), 'options.persona: unknown variant `paranoid`, expected one of `Strict`, `Lenient`, `Vulnerable`');
  says(() => new ServerSession({ persona: 'strict' }), 'options.persona: unknown variant `strict`, expected one of `Strict`, `Lenient`, `Vulnerable`');
  says(() => new ServerSession({ persona: 3 }), 'options.persona: invalid type: floating point `3.0`, expected enum Persona');
  says(() => new ServerSession({ hostname: 2.5 }), 'options.hostname: invalid type: floating point `2.5`, expected a string');
  says(() => new ServerSession('x'), 'options: invalid type: string "x", expected struct SessionOptions');
  says(() => new ServerSession({ language: 'fr' }), 'options.language: invalid value: string "fr", expected "en" or "pt-BR"');
  says(() => explainCode(250, 7), 'language: invalid type: floating point `7.0`, expected a string');
  says(() => explainWarning('Nope', 'en'), 'warning kind: unknown variant `Nope`, expected one of `BareLfInCommand`, `BareLfInData`, `BareCrInData`, `DiscardedAfterStartTls`, `AuthWithoutTls`, `LongLines`, `NonStandardEndOfData`, `LongLocalPart`');
  says(() => wasm.writeTranscript([{ side: 'X', text: '' }], {}, false), 'lines.[0].side: unknown variant `X`, expected `C` or `S`');
  says(() => wasm.writeTranscript([{ side: 'C' }], {}, false), 'lines.[0]: missing field `text`');
  says(() => wasm.writeTranscript([{ side: 'C', text: 'a', ending: null }], {}, false), 'lines.[0].ending: invalid type: unit value, expected a string');
  says(() => wasm.writeTranscript([{ side: 'C', text: 'a', data: 'y' }], {}, false), 'lines.[0].data: invalid type: string "y", expected a boolean');
  says(() => wasm.writeTranscript('x', {}, false), 'lines: invalid type: string "x", expected a sequence');
  says(() => wasm.writeTranscript([], { engine: 5 }, false), 'meta.engine: invalid type: floating point `5.0`, expected a string');
  if (hasReaders) says(() => wasm.transcriptDrift(['a'], ['b'], 'Nope'), 'format: unknown variant `Nope`, expected one of `smtp`, `swaks`, `nc`, `smtplib`');
  // Absent and null optional fields, unknown keys ignored.
  assert.ok(new ServerSession({ persona: null, language: undefined, hostname: null, extra: 1 }));
  assert.equal(
    wasm.writeTranscript([{ side: 'C', text: 'EHLO x', auth: undefined }, { side: 'S', text: '250 ok' }], { engine: '0.1.0', persona: null, lang: 'en' }, false),
    '%smtp-transcript 1\nengine: 0.1.0\nlang: en\nC: EHLO x\nS: 250 ok\n',
  );
  if (hasReaders) assert.deepEqual(wasm.replaySteps([{ side: 'C', text: 'NOOP', ending: '\n' }, { side: 'S', text: '250 ok' }]).map((s) => [s.line, s.ending, s.recorded]), [['NOOP', '\n', ['250 ok']]]);
}
checkReaders();

if (oneLanguage) {
  // The catalogue's texts of one language only: both tags get that language's words.
  const en = explainCode(250, 'en').name;
  assert.equal(explainCode(250, 'pt-BR').name, en);
  assert.ok(en === 'Requested mail action okay, completed' || /[ãçõé]/.test(en), en);
  const s = new ServerSession({ language: 'en' });
  assert.ok(s.sendBytes(new TextEncoder().encode('EHLO x\r\n')).events.length > 0);
  // The long texts of most entries come from the language's texts file (feature texts-file): an
  // entry before it is pending with those texts empty, complete after; another language's file
  // is refused.
  const lang = en === 'Requested mail action okay, completed' ? 'en' : 'pt-BR';
  const other = lang === 'en' ? 'pt-BR' : 'en';
  assert.equal(wasm.textsPending(), true);
  // The first screen is complete at once: the greeting, its sentence in context, its entry (the
  // names of the codes it is confused with too).
  const first = new ServerSession({ language: lang });
  const greeting = first.poll().events.find((e) => e.type === 'Reply');
  const shown = first.explain(greeting.id);
  assert.equal(shown.entry.code, 220);
  assert.ok(!('pending' in shown.entry) && !('pending' in shown.context), 'the greeting waits for nothing');
  assert.ok(shown.context.specific && shown.context.text.length > 0 && shown.entry.when.length > 0);
  assert.ok(shown.entry.inTheWild.length > 0 && shown.entry.confusions.every((c) => c.name && c.why));
  // Every other text waits: an entry, a reply's sentence, a warning, an enhanced detail, the
  // descriptions of the list (the names are there).
  const before = explainCode(421, lang);
  assert.equal(before.pending, true);
  assert.deepEqual([before.description, before.when, before.next, before.fix, before.confusions, before.inTheWild], ['', '', '', '', [], []]);
  assert.ok(before.name.length > 0);
  const ehlo = first.sendBytes(new TextEncoder().encode('EHLO x\r\n')).events.find((e) => e.type === 'Reply');
  const waiting = first.explain(ehlo.id);
  assert.deepEqual([waiting.context.pending, waiting.context.text, waiting.entry.pending], [true, '', true]);
  const bareLf = first.sendBytes(new TextEncoder().encode('NOOP\n')).events.find((e) => e.type === 'Warning');
  assert.ok(bareLf, 'a bare LF is warned about');
  for (const kind of ['BareLfInCommand', 'AuthWithoutTls', 'LongLines']) {
    const w = explainWarning(kind, lang);
    assert.deepEqual([w.pending, w.title, w.text], [true, '', ''], kind);
    assert.ok(w.rule.startsWith('RFC'), kind);
  }
  const detail = explainEnhanced('5.1.1', lang);
  assert.deepEqual([detail.pending, detail.detail.name, detail.subject.name, detail.class.meaning], [true, '', '', '']);
  assert.ok(allEnhanced(lang).every((e) => e.pending && e.name === ''));
  assert.deepEqual(allCodes(lang).filter((c) => !c.pending).map((c) => c.code), [220]);
  assert.ok(allCodes(lang).every((c) => c.name.length > 0));
  // Every compare note waits as well (every pair has a code outside the greeting).
  const notes = () => curatedPairs().map(([a, b]) => compare(a, b, lang));
  for (const c of notes()) {
    assert.equal(c.pending, true, `${c.a.code}/${c.b.code}`);
    assert.equal(c.note, null, `${c.a.code}/${c.b.code}`);
  }
  assert.equal(compare(221, 354, lang).summary, '', 'the class pair summary waits for the rare part');
  assert.throws(() => wasm.loadTexts(readFileSync(new URL(`texts_${other}.bin`, pkg))), /not this module's language/);
  assert.equal(wasm.textsPending(), true);
  // The session's part: what a typed session meets is complete, the rest still waits.
  const session = readFileSync(new URL(`texts_${lang}.bin`, pkg));
  // Cut at its last record's start.
  const cut = (bytes) => bytes.subarray(0, bytes.lastIndexOf(0x1e));
  assert.throws(() => wasm.loadTexts(cut(session)), /cut/, 'a cut part is refused');
  wasm.loadTexts(session);
  assert.equal(wasm.textsPending(), true, 'the rare part is still to come');
  const inSession = first.explain(ehlo.id);
  assert.ok(!('pending' in inSession.context) && inSession.context.text.length > 0 && !('pending' in inSession.entry));
  for (const code of [250, 354, 221, 500, 501, 503, 530, 535, 334, 235, 550]) {
    const e = explainCode(code, lang);
    assert.ok(!('pending' in e) && e.when.length > 0, `${code} is in the session's part`);
  }
  assert.ok(!('pending' in explainWarning('BareLfInCommand', lang)));
  const sessionDetail = explainEnhanced('5.1.1', lang);
  assert.ok(!('pending' in sessionDetail), '550 5.1.1: a detail a session meets');
  assert.ok(sessionDetail.subject.name.length > 0 && sessionDetail.class.meaning.length > 0);
  assert.equal(explainCode(214, lang).pending, true, 'HELP waits for the rare part');
  assert.equal(compare(221, 421, lang).pending, true, 'Compare waits for the rare part');
  // The rare part: refused when cut, or when it is not of the same build as the session's part.
  const rare = readFileSync(new URL(`texts_${lang}_rare.bin`, pkg));
  assert.throws(() => wasm.loadTexts(cut(rare)), /cut/);
  const head = rare.indexOf(10);
  const stale = Buffer.from(rare);
  stale[head - 1] = stale[head - 1] === 48 ? 49 : 48; // the build's id, one digit changed
  assert.throws(() => wasm.loadTexts(stale), /cut/, 'a rare part of another build is refused');
  assert.equal(wasm.textsPending(), true);
  wasm.loadTexts(rare);
  assert.equal(wasm.textsPending(), false);
  assert.ok(compare(221, 354, lang).summary.length > 0);
  let confusions = 0;
  for (const { code } of allCodes(lang)) {
    const e = explainCode(code, lang);
    assert.equal(e.pending, undefined, `${code}`);
    assert.ok([e.when, e.next, e.fix].every((t) => t.length > 0), `${code}: ${e.when}`);
    assert.ok(e.confusions.every((c) => c.name && c.why.length > 0), `${code}`);
    confusions += e.confusions.length;
  }
  assert.ok(confusions > 50, `${confusions} confusions`);
  for (const c of notes()) {
    assert.equal(c.pending, undefined, `${c.a.code}/${c.b.code}`);
    assert.ok(c.note.length > 0, `${c.a.code}/${c.b.code}`);
  }
  // After the file: the sentence, the warnings, the details and the list are complete.
  const after = first.explain(ehlo.id);
  assert.ok(!('pending' in after.context) && after.context.text.length > 0 && !('pending' in after.entry));
  for (const kind of ['BareLfInCommand', 'AuthWithoutTls', 'LongLines']) {
    const w = explainWarning(kind, lang);
    assert.ok(!('pending' in w) && w.title.length > 0 && w.text.length > 0, kind);
  }
  assert.equal(explainWarning('LongLines', lang).countLabel.length > 0, true);
  assert.ok(allEnhanced(lang).every((e) => !('pending' in e) && e.name && e.meaning));
  assert.ok(allCodes(lang).every((c) => !('pending' in c) && c.description.length > 0));
  assert.ok(explainCode(421, lang).inTheWild.length > 0);
  console.log(`node-init: ${wasmPath}: one language, "${en}"`);
  process.exit(0);
}

const dtsText = readFileSync(new URL('smtp_sim.d.ts', pkg), 'utf8');
const dts = parseDts(dtsText);
/** Asserts that `value` is exactly of the declared type `type` (a name or a type expression). */
function conforms(value, type) {
  const why = mismatch(dts, value, type);
  assert.equal(why, null, `${type}: ${why}`);
  return value;
}

// Every type the .d.ts names is declared in it (or is a JS built-in).
const named = new Set();
const walk = (ty) => {
  if (!ty) return;
  if (ty.kind === 'ref') named.add(ty.name);
  for (const part of [...(ty.of && Array.isArray(ty.of) ? ty.of : [ty.of]), ...(ty.args ?? [])]) walk(part);
  for (const f of ty.fields?.values() ?? []) walk(f.type);
};
for (const name of dts.names()) if (!/^(Sync)?Init(Input|Output)$/.test(name)) walk(dts.get(name));
assert.deepEqual([...named].filter((n) => !dts.has(n) && n !== 'Uint8Array'), [], 'undeclared types in the .d.ts');

// One convention for "nothing" in returned objects: null, never a field that may be undefined.
for (const name of dts.names()) {
  const decl = new RegExp(`export (?:type|interface) ${name}\\b[^\\n]*(?:\\n(?!export)[^\\n]*)*`).exec(dtsText)[0];
  if (!/Options|Form/.test(name)) assert.ok(!/\bundefined\b/.test(decl.replace(/\/\*[\s\S]*?\*\//g, '')), `${name} uses undefined`);
}

const session = new ServerSession({ persona: 'Strict', hostname: 'node.example.test', language: 'en' });
const greeting = conforms(session.poll(), 'Exchange');
const replies = greeting.events.filter((e) => e.type === 'Reply');
assert.equal(replies.length, 1, 'one greeting');
assert.equal(replies[0].reply.code, 220);
assert.equal(replies[0].id, 0);
assert.equal(replies[0].answers, 'CONNECT');
assert.match(greeting.output, /^220 node\.example\.test /);
assert.equal(session.state(), 'Connected');
assert.throws(() => new ServerSession({ persona: 'paranoid' }), /options\.persona: unknown variant `paranoid`/);
assert.throws(() => new ServerSession({ hostname: 'has space' }), /options\.hostname/);
assert.throws(() => new ServerSession({ language: 'fr' }), /options\.language: invalid value/);
session.free();

const enc = new TextEncoder();
const scanner = new DotScanner();
assert.equal(scanner.feed(enc.encode('Hi\r\n..dot\r\n\r')), -1);
assert.equal(scanner.feed(enc.encode('\n.\r\nQUIT\r\n')), 4);
assert.equal(scanner.feed(enc.encode('more')), 0);
assert.equal(new TextDecoder().decode(scanner.takeMessage()), 'Hi\r\n.dot\r\n\r\n');
assert.equal(scanner.messageLength(), 0);
scanner.free();

// The same through the input region and the message view (no copies at the boundary).
const inPlace = new DotScanner();
let region = inPlace.inputBuffer(8);
assert.ok(region instanceof Uint8Array && region.length === 8);
for (const part of ['Hi\r\n..dot\r\n\r', '\n.\r\nQUIT\r\n']) {
  const bytes = enc.encode(part);
  if (region.length < bytes.length) region = inPlace.inputBuffer(bytes.length);
  region.set(bytes);
  const got = inPlace.feedInput(bytes.length);
  assert.equal(got, part.startsWith('Hi') ? -1 : 4);
}
assert.equal(new TextDecoder().decode(inPlace.messageView()), 'Hi\r\n.dot\r\n\r\n');
assert.throws(() => inPlace.feedInput(1 << 20), /^Error: smtp-sim: DotScanner\.feedInput/);
assert.equal(new TextDecoder().decode(inPlace.takeMessage()), 'Hi\r\n.dot\r\n\r\n');
inPlace.free();

const s = new ServerSession({ language: 'en' });
conforms(s.poll(), 'Exchange');
for (const line of ['EHLO node.test', 'MAIL FROM:<a@node.test>', 'RCPT TO:<b@node.test>']) conforms(s.sendLine(line), 'Exchange');
const data = conforms(s.sendLine('DATA'), 'Exchange');
const reply = data.events.find((e) => e.type === 'Reply');
assert.equal(reply.answers, 'DATA');
assert.equal(reply.before, 'Rcpt');
assert.ok(data.events.some((e) => e.type === 'StateChanged' && e.to === 'Data'));
const explained = conforms(s.explain(reply.id), 'Explanation');
assert.equal(explained.entry.name.length > 0, true);
assert.ok(explained.entry.confusions.length > 0, 'the confusions are checked too');
conforms(s.reply(reply.id), 'Reply');
s.sendLine('..x');
const end = conforms(s.sendLine('.'), 'Exchange');
const message = end.events.find((e) => e.type === 'MessageReceived');
assert.equal(new TextDecoder().decode(message.content), '.x\r\n');
assert.equal(message.id, 1, "a message event's id is the message's number in the session");
assert.ok(!('id' in data.events.find((e) => e.type === 'StateChanged')), 'only replies get a reply id');
const explainedEnd = conforms(s.explain(end.events.find((e) => e.type === 'Reply').id), 'Explanation');
assert.equal(explainedEnd.enhanced.text, '2.0.0');
const lf = conforms(s.sendBytes(enc.encode('NOOP\n')), 'Exchange');
assert.ok(lf.events.some((e) => e.type === 'Warning' && e.kind === 'BareLfInCommand'));
conforms(s.sendBytes(enc.encode('AUTH PLAIN AGFsaWNlAHdvbmRlcmxhbmQ=\r\nBDAT 3 LAST\r\nabc')), 'Exchange');
conforms(s.sendLine('QUIT'), 'Exchange');
// Where a session stands, in the catalogue's words: the inputs allowed next, an open chunk too.
const g = new ServerSession({ language: 'pt-BR' });
g.poll();
g.sendLine('EHLO node.test');
const ready = conforms(g.guide(), 'Guide');
assert.ok(ready.allowed.some((a) => a.input.type === 'Command' && a.input.value === 'MAIL' && a.literal));
conforms(g.sendBytes(enc.encode('MAIL FROM:<a@node.test>\r\nRCPT TO:<b@node.test>\r\nBDAT 5 LAST\r\nab')), 'Exchange');
const chunk = conforms(g.guide(), 'Guide');
assert.deepEqual(chunk.allowed.map((a) => a.input), [{ type: 'ChunkOctets', value: { left: 3 } }], 'an open chunk takes only its octets');
assert.ok(chunk.allowed[0].text.includes('3') && !chunk.allowed[0].literal);
conforms(g.sendBytes(enc.encode('cde')), 'Exchange');
g.free();
conforms(s.state(), 'State');
conforms(s.allowedCommands(), 'string[]');
conforms(s.language, 'Lang');
conforms(explainCode(221, 'pt-BR'), 'Entry');
assert.equal(explainCode(299, 'en'), null);
conforms(explainEnhanced('5.1.1', 'en'), 'EnhancedEntry');
assert.equal(explainEnhanced('nope', 'en'), null);
conforms(catalogLabels('en'), 'Labels');
s.free();

// The catalogue's own types: comparison, lookup, the real-reply explainer, the references and
// the server warnings' teaching texts.
const cmp = conforms(compare(221, 421, 'pt-BR'), 'Comparison');
assert.equal(typeof cmp.note, 'string', '221/421 is a curated pair');
assert.equal(compare(221, 354, 'en').note, null);
assert.equal(compare(221, 999, 'en'), null);
const texts = conforms(compareTexts(421, 221, 'en'), 'ComparisonTexts');
assert.deepEqual([texts.summary, texts.note], [compare(421, 221, 'en').summary, compare(421, 221, 'en').note]);
const pasted = conforms(explainReply('550-5.1.1 No such user\r\n550 5.1.1 try again', 'RCPT', 'en'), 'ExplainedReply');
assert.equal(pasted.enhanced, '5.1.1');
assert.deepEqual(pasted.lines, ['No such user', 'try again']);
const mismatched = conforms(explainReply('550 4.7.1 Client host rejected', null, 'en'), 'ExplainedReply');
assert.ok(mismatched.warnings.some((w) => w.kind === 'EnhancedClassMismatch' && w.severity === 'Rule'));
assert.throws(() => explainReply('   ', null, 'pt-BR'), /nada para explicar/);
assert.equal(conforms(lookup('354', 'en'), 'Lookup').kind, 'Code');
assert.equal(conforms(lookup('5.7.1', 'en'), 'Lookup').kind, 'Enhanced');
assert.equal(conforms(lookup('250 2.0.0 Ok', 'en'), 'Lookup').kind, 'Reply');
assert.throws(() => lookup('999', 'en'), /not a reply code/);
const codes = conforms(allCodes('pt-BR'), 'CodeSummary[]');
assert.equal(codes.length, 34);
conforms(allEnhanced('en'), 'EnhancedSummary[]');
const pairs = conforms(curatedPairs(), '[number, number][]');
// Every prompt the catalogue lists can be given back to explainReply as the command it answered.
for (const { prompt } of conforms(promptLabels('pt-BR'), 'PromptLabel[]')) {
  assert.equal(conforms(explainReply('250 ok', prompt, 'en'), 'ExplainedReply').command !== null, true, prompt);
}
assert.ok(pairs.some(([a, b]) => a === 221 && b === 421));
for (const kind of ['BareLfInCommand', 'BareLfInData', 'DiscardedAfterStartTls', 'LongLines']) {
  conforms(explainWarning(kind, 'en'), 'SessionWarningText');
}
assert.equal(explainWarning('BareLfInData', 'en').countLabel, 'lines');
assert.throws(() => explainWarning('Nope', 'en'), /warning kind: unknown variant/);
assert.throws(() => explainCode(250, 'fr'), /language: invalid value/);

// The simulated client against our server ("Watch"), and alone with the caller as the server.
const sim = new Simulation({ to: ['b@node.test', 'c@node.test'], faults: ['rcpt:450'], language: 'en' });
const entries = [];
while (!sim.isDone) entries.push(...conforms(sim.step(), 'SimEntry[]'));
assert.deepEqual(sim.step(), [], 'nothing after the end');
for (const type of ['Wire', 'Client', 'Server']) assert.ok(entries.some((e) => e.type === type), type);
const command = entries.find((e) => e.type === 'Client' && e.value.kind.type === 'Command').value;
assert.match(command.ruleText, /^RFC /);
const simReply = entries.find((e) => e.type === 'Server' && e.value.type === 'Reply').value;
conforms(sim.explain(simReply.id), 'Explanation');
const outcome = conforms(sim.outcome(), 'OutcomeView');
assert.deepEqual(outcome.recipients.map((r) => r.status), ['RetryLater', 'Delivered']);
conforms(sim.envelope, 'Envelope');
assert.throws(() => new Simulation({ faults: ['nope:250'] }), /fault "nope:250"/);
assert.throws(() => new Simulation({ to: 'b@node.test' }), /form\.to: /);
sim.free();

const role = new ClientRole({ to: ['b@node.test'] });
assert.deepEqual(role.envelope, { reversePath: 'alice@client.example.test', recipients: ['b@node.test'] });
const first = conforms(role.start(), 'ClientTurn');
conforms(role.expect(), 'Expectation');
assert.deepEqual(first.sent, [], 'nothing before the greeting');
const turn = conforms(role.reply('220 node.test ESMTP'), 'ClientTurn');
assert.equal(turn.verdict.fit, 'Usual');
assert.match(turn.sent[0], /^EHLO /);
conforms(role.explain(turn.id), 'Explanation');
assert.equal(conforms(role.reply('250-node.test'), 'ClientTurn').partial, true);
conforms(role.reply('250 PIPELINING'), 'ClientTurn');
conforms(role.reply('nonsense'), 'ClientTurn');
while (!role.isDone) conforms(role.reply('221 bye'), 'ClientTurn');
assert.equal(conforms(role.reply('250 late'), 'ClientTurn').verdict.fit, 'Unsolicited');
assert.equal(role.expect(), null);
conforms(role.outcome(), 'OutcomeView');
conforms(role.state(), 'ClientState');
role.free();

// Share links and transcripts (the cargo feature `share`; skipped in a module built without it).
if (typeof wasm.shareEncode === 'function') {
  const { shareEncode, shareDecode, readTranscript, writeTranscript, replaySteps, transcriptDrift } = wasm;
  const swaks = '<-  220 mx ESMTP\n -> EHLO a.test\n<-  250 mx\n -> AUTH PLAIN AGJvYgBzZWNyZXQ=\n<-  535 5.7.8 no\n';
  const read = conforms(readTranscript(swaks), 'Transcript | null');
  assert.equal(read.format, 'swaks');
  assert.deepEqual(read.meta, { engine: null, persona: null, lang: null });
  assert.equal(readTranscript('no session here'), null);
  const text = writeTranscript(read.lines, { engine: '0.1.0', persona: 'strict', lang: null }, false);
  assert.equal(text, '%smtp-transcript 1\nengine: 0.1.0\npersona: strict\nS: 220 mx ESMTP\nC: EHLO a.test\nS: 250 mx\nC: AUTH PLAIN <redacted>\nS: 535 5.7.8 no\n');
  assert.match(writeTranscript([{ side: 'C', text: 'AUTH PLAIN AGJvYgBzZWNyZXQ=' }], { engine: null, persona: null, lang: null }, true), /AGJvYgBzZWNyZXQ=/);
  assert.throws(() => writeTranscript([{ side: 'X', text: '' }], {}, false), /lines\.\[0\]\.side: unknown variant `X`/);
  const steps = replaySteps(read.lines).map((s) => conforms(s, 'ReplayStep'));
  assert.deepEqual(steps.map((s) => s.line), ['EHLO a.test', 'AUTH PLAIN AGJvYgBzZWNyZXQ=']);
  assert.equal(transcriptDrift(['250 a'], ['250 b'], 'swaks'), null);
  assert.deepEqual(conforms(transcriptDrift(['250 a'], ['250 b'], 'smtp'), 'Drift | null'), { recorded: '250 a', now: '250 b' });
  const payload = shareEncode(text);
  assert.match(payload, /^1\.[tz]\./);
  assert.equal(shareDecode(`https://x.test/index.html#s=${payload}`), text);
  assert.throws(() => shareDecode('2.z.AAAA'), /^Error: smtp-sim: share: Version$/);
  assert.throws(() => shareDecode('1.z.AAAA'), /share: Deflate/);
}

// A lesson (the first shipped one), solved by its own solution lines; every shape as declared.
const lessonText = readFileSync(new URL('../lessons/first-mail.smtp', import.meta.url), 'utf8');
const run = new LessonRun(lessonText, { file: 'first-mail.smtp', language: 'pt-BR' });
const view = conforms(run.lesson(), 'LessonView');
assert.equal(view.lang, 'pt-BR');
assert.equal(view.title, 'Seu primeiro e-mail, à mão');
const started = conforms(run.poll(), 'LessonExchange');
assert.equal(started.step, 0);
assert.equal(conforms(run.sendLine('EHLO'), 'LessonExchange').events.filter((e) => e.type === 'Fail').length, 1);
let lessonDone = false;
for (const step of view.steps) {
  for (const a of step.solution) {
    assert.equal(a.type, 'line');
    lessonDone = conforms(run.sendLine(a.text), 'LessonExchange').complete;
  }
}
assert.ok(lessonDone, 'the solution completes the lesson');
conforms(run.records(), 'Records');
run.free();
assert.throws(() => new LessonRun('%smtp-lesson 1\nid: x\ntitle: x\n## a: A\ngoals: reply 354\n'), /lesson\.smtp:5:1: error: unknown key "goals"/);
const labView = conforms(labRun({ relay: 'passthrough', inbound: 'Vulnerable' }, decodeBytes('Hi<LF>.<CRLF>MAIL FROM:<a@x.test><CRLF>RCPT TO:<b@y.test><CRLF>DATA<CRLF>x<CRLF>.<CRLF>')), 'LabView');
assert.deepEqual([labView.accepted, labView.delivered], [1, 2]);
conforms(labVectors(), 'Vectors');
conforms(labMatrix(null), 'Cells');
assert.equal(encodeBytes(new Uint8Array([0x2e, 0x0d, 0x0a])), '.<CRLF>');
assert.throws(() => decodeBytes('Hi<lf>'), /column/);

console.log(`node: initSync ok (${readFileSync(wasmPath).length} bytes)`);
