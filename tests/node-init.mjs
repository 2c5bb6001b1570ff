// initSync with the module's bytes, in Node (no fetch, no DOM): the path a benchmark or a
// server-side script takes. Exits non-zero on any failure. Optional argument: another .wasm
// file to check with the same glue (build.sh uses it to vet wasm-opt's output).

import { readFileSync } from 'node:fs';
import assert from 'node:assert/strict';

const pkg = new URL('../www/pkg/', import.meta.url);
const wasmPath = process.argv[2] ?? new URL('smtp_sim_bg.wasm', pkg);
const { initSync, ServerSession, DotScanner } = await import(new URL('smtp_sim.js', pkg));

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

console.log(`node: initSync ok (${readFileSync(wasmPath).length} bytes)`);
