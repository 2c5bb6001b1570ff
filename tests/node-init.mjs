// initSync with the module's bytes, in Node (no fetch, no DOM): the path a benchmark or a
// server-side script takes. Exits non-zero on any failure. Optional argument: another .wasm
// file to check with the same glue (build.sh uses it to vet wasm-opt's output).

import { readFileSync } from 'node:fs';
import assert from 'node:assert/strict';

const pkg = new URL('../www/pkg/', import.meta.url);
const wasmPath = process.argv[2] ?? new URL('smtp_sim_bg.wasm', pkg);
const {
  initSync, ServerSession, DotScanner, explainCode, explainEnhanced, catalogLabels,
  compare, lookup, explainReply, allCodes, allEnhanced, curatedPairs, explainWarning,
  Simulation, ClientRole,
} = await import(
  new URL('smtp_sim.js', pkg)
);

initSync({ module: readFileSync(wasmPath) });

const session = new ServerSession({ persona: 'strict', hostname: 'node.example.test', language: 'en' });
const greeting = session.poll();
const replies = greeting.events.filter((e) => e.type === 'reply');
assert.equal(replies.length, 1, 'one greeting');
assert.equal(replies[0].reply.code, 220);
assert.match(greeting.output, /^220 node\.example\.test /);
assert.equal(session.state(), 'Connected');
assert.throws(() => new ServerSession({ persona: 'paranoid' }), /persona/);
session.free();

const enc = new TextEncoder();
const scanner = new DotScanner();
assert.equal(scanner.feed(enc.encode('Hi\r\n..dot\r\n\r')), -1);
assert.equal(scanner.feed(enc.encode('\n.\r\nQUIT\r\n')), 4);
assert.equal(scanner.feed(enc.encode('more')), 0);
assert.equal(new TextDecoder().decode(scanner.takeMessage()), 'Hi\r\n.dot\r\n\r\n');
assert.equal(scanner.messageLength(), 0);
scanner.free();

// The generated .d.ts describes the objects the module really returns: every interface's fields
// are exactly the keys of a live object.
const dts = readFileSync(new URL('smtp_sim.d.ts', pkg), 'utf8');
function fields(name) {
  const body = new RegExp(`export interface ${name} \\{([\\s\\S]*?)\\n\\}`).exec(dts)?.[1];
  assert.ok(body, `interface ${name} in the .d.ts`);
  return [...body.matchAll(/^ {4}(\w+)\??:/gm)].map((m) => m[1]).sort();
}
const keys = (obj) => Object.keys(obj).sort();

const s = new ServerSession({ language: 'en' });
assert.deepEqual(keys(s.poll()), fields('Exchange'));
for (const line of ['EHLO node.test', 'MAIL FROM:<a@node.test>', 'RCPT TO:<b@node.test>']) s.sendLine(line);
const data = s.sendLine('DATA');
const reply = data.events.find((e) => e.type === 'reply').reply;
assert.deepEqual(keys(reply), fields('ReplyView'));
const explained = s.explain(reply.id);
assert.deepEqual(keys(explained), fields('Explanation'));
assert.deepEqual(keys(explained.entry), fields('CodeEntry'));
assert.deepEqual(keys(explained.entry.class), fields('Digit'));
assert.deepEqual(keys(explained.entry.confusions[0]), fields('Confusion'));
assert.deepEqual(keys(explained.context), fields('ContextNote'));
assert.equal(explained.entry.name.length > 0, true);
s.sendLine('..x');
const end = s.sendLine('.');
const message = end.events.find((e) => e.type === 'message');
assert.deepEqual(keys(message), [
  'authenticated', 'chunked', 'content', 'helo', 'id', 'protocol', 'recipients', 'reversePath', 'smtputf8', 'type',
]);
assert.equal(new TextDecoder().decode(message.content), '.x\r\n');
const enhanced = s.explain(end.events.find((e) => e.type === 'reply').reply.id).enhanced;
assert.deepEqual(keys(enhanced), fields('EnhancedEntry'));
assert.deepEqual(keys(enhanced.class), fields('EnhancedPart'));
const lf = s.sendBytes(new TextEncoder().encode('NOOP\n'));
assert.deepEqual(keys(lf.events.find((e) => e.type === 'warning')), ['count', 'description', 'kind', 'type']);
assert.deepEqual(keys(explainCode(221, 'pt-BR')), fields('CodeEntry'));
assert.deepEqual(keys(explainEnhanced('5.1.1', 'en')), fields('EnhancedEntry'));
assert.deepEqual(keys(catalogLabels('en')), fields('CatalogLabels'));
s.free();

// The catalogue's own views: comparison, lookup, the real-reply explainer, the references and
// the server warnings' teaching texts.
const cmp = compare(221, 421, 'pt-BR');
assert.deepEqual(keys(cmp), fields('Comparison'));
assert.deepEqual(keys(cmp.a), fields('ComparisonSide'));
assert.deepEqual(keys(cmp.differences[0]), fields('Difference'));
assert.equal(typeof cmp.note, 'string', '221/421 is a curated pair');
assert.equal(compare(221, 354, 'en').note, null);
assert.equal(compare(221, 999, 'en'), null);
const pasted = explainReply('550-5.1.1 No such user\r\n550 5.1.1 try again', 'RCPT', 'en');
assert.deepEqual(keys(pasted), fields('ExplainedReply'));
assert.equal(pasted.enhanced, '5.1.1');
assert.deepEqual(pasted.lines, ['No such user', 'try again']);
assert.deepEqual(keys(pasted.entry), fields('CodeEntry'));
const mismatch = explainReply('550 4.7.1 Client host rejected', null, 'en');
assert.deepEqual(keys(mismatch.warnings[0]), fields('ReplyWarningView'));
assert.ok(mismatch.warnings.some((w) => w.kind === 'EnhancedClassMismatch' && w.severity === 'Rule'));
assert.throws(() => explainReply('   ', null, 'pt-BR'), /nada para explicar/);
assert.equal(lookup('354', 'en').kind, 'code');
assert.deepEqual(keys(lookup('354', 'en').value), fields('CodeEntry'));
assert.equal(lookup('5.7.1', 'en').kind, 'enhanced');
assert.equal(lookup('250 2.0.0 Ok', 'en').kind, 'reply');
assert.throws(() => lookup('999', 'en'), /not a reply code/);
const codes = allCodes('pt-BR');
assert.equal(codes.length, 34);
assert.deepEqual(keys(codes[0]), fields('CodeSummary'));
assert.deepEqual(keys(allEnhanced('en')[0]), fields('EnhancedSummary'));
const pairs = curatedPairs();
assert.ok(pairs.some(([a, b]) => a === 221 && b === 421));
const warning = explainWarning('BareLfInData', 'en');
assert.deepEqual(keys(warning), fields('WarningExplanation'));
assert.equal(warning.countLabel, 'lines');
assert.throws(() => explainWarning('Nope', 'en'), /warning kind/);
// The simulated client against our server ("Watch"), and alone with the caller as the server.
const sim = new Simulation({ to: ['b@node.test', 'c@node.test'], faults: ['rcpt:450'], language: 'en' });
const entries = [];
while (!sim.isDone) entries.push(...sim.step());
assert.deepEqual(sim.step(), [], 'nothing after the end');
const step = entries.find((e) => e.type === 'client' && e.step.event.type === 'command');
assert.deepEqual(keys(step), ['step', 'type']);
assert.deepEqual(keys(step.step), fields('ClientStep'));
assert.deepEqual(keys(entries.find((e) => e.type === 'wire')), ['from', 'text', 'type']);
const simReply = entries.find((e) => e.type === 'server' && e.event.type === 'reply').event.reply;
assert.deepEqual(keys(simReply), fields('ReplyView'));
assert.deepEqual(keys(sim.explain(simReply.id)), fields('Explanation'));
const outcome = sim.outcome();
assert.deepEqual(keys(outcome), fields('OutcomeView'));
assert.deepEqual(keys(outcome.recipients[0]), fields('RecipientOutcome'));
assert.deepEqual(outcome.recipients.map((r) => r.status), ['RetryLater', 'Delivered']);
assert.throws(() => new Simulation({ faults: ['nope:250'] }), /fault "nope:250"/);
assert.throws(() => new Simulation({ to: 'b@node.test' }), /arrays of strings/);
sim.free();

const role = new ClientRole({ to: ['b@node.test'] });
const first = role.start();
assert.deepEqual(keys(first), fields('ClientTurn'));
assert.deepEqual(keys(first.expect), fields('Expectation'));
assert.deepEqual(first.sent, [], 'nothing before the greeting');
const turn = role.reply('220 node.test ESMTP');
assert.deepEqual(keys(turn.verdict), fields('Verdict'));
assert.equal(turn.verdict.fit, 'usual');
assert.match(turn.sent[0], /^EHLO /);
assert.deepEqual(keys(turn.events[0]), fields('ClientStep'));
assert.equal(role.reply('250-node.test').partial, true);
role.reply('250 PIPELINING');
role.free();

console.log(`node: initSync ok (${readFileSync(wasmPath).length} bytes)`);
