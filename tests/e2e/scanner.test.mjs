// The page's scanner module (www/scanner.js over pkg/smtp_sim_scan{,_simd}.wasm) against the
// native scanner: both flavours, loaded explicitly in Node, must give what the native
// DataReceiver gives — the end of data, the message and every statistic — on fixtures, the
// benchmark's workloads (scaled down) and random inputs in random chunkings, driven through every
// way in and out of the JS class. In Chromium, a page whose WebAssembly.validate rejects SIMD
// must load the scalar module and still scan correctly; an ordinary page loads the SIMD one.
//
// The native answers come from src/scan/examples/scan_frames.rs (built here with cargo).

import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, servedPage } from './harness.mjs';
import { loadScanner } from '../../www/scanner.js';
import { workloads } from '../../tools/scanner-workloads.mjs';

const enc = new TextEncoder();
const MODES = ['Crlf', 'Normalize', 'Lf'];
const NO_LIMIT = 0xffffffff;

/** A seeded PRNG (mulberry32): the same cases every run. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Cuts `wire` into chunks at `cuts` random places (0 → whole). */
function chunked(wire, cuts, rand) {
  const at = Array.from({ length: cuts }, () => Math.floor(rand() * (wire.length + 1))).sort((a, b) => a - b);
  const chunks = [];
  let start = 0;
  for (const end of [...at, wire.length]) {
    chunks.push(wire.subarray(start, end));
    start = end;
  }
  return chunks;
}

const bytes = (s) => (typeof s === 'string' ? enc.encode(s) : s);

/** Every case: { mode, limit, chunks }. */
function cases() {
  const out = [];
  const rand = prng(12);
  const pick = (a) => a[Math.floor(rand() * a.length)];
  // The Rust unit tests' tables, each whole, byte by byte and in random pieces.
  const fixtures = [
    '.\r\n', 'body\r\n.\r\n', 'body\r\n.\r\nQUIT\r\n', '..\r\n.\r\n', '..x\r\n.x\r\n.\r\n', 'a\r\n\r\n.\r\n',
    'body\n.\n', 'body\n.\r\n', 'body\r\n.\n', 'body\r.\r', 'body\r.\r\n', 'body\r\n.\r', 'body\r\n.\r\r\n',
    'body\r\n\0.\r\n', 'body\r\r\n.\r\n', 'x\n.\nMAIL FROM:<a@b>\r\n.\r\n', 'body\r.\r\n.\r\n', 'a\n..b\n.\n',
    '.\r\rx\r\n.\r\n', 'body\n.\r\nmore\r\n.\r\n', 'body\r\n.\nmore\r\n.\r\n', 'a\r\nb\n\r\n.\r\n', 'a\nb\rc\r\n..d\r\n.\r\n',
    '.\n' + 'a'.repeat(62) + '\r\n.\r\nNOOP\r\n', 'x'.repeat(998) + '\r\n.' + 'y'.repeat(998) + '\r\n.\r\n',
  ];
  for (const f of fixtures) {
    const wire = bytes(f);
    for (const mode of MODES) {
      out.push({ mode, limit: NO_LIMIT, chunks: [wire] });
      out.push({ mode, limit: NO_LIMIT, chunks: [...wire].map((b) => Uint8Array.of(b)) });
      out.push({ mode, limit: 4, chunks: chunked(wire, 3, rand) });
    }
  }
  // Written in place (inputBuffer/feedInput: the region is the message's spare room, unstuffed
  // where it lies), cut at every position: dots at line starts on both sides of the cut, bare LFs
  // that Normalize and Lf store as CRLF before any dot was removed, CRs held after a dot.
  const edges = ['..a\r\n.b\r\n..\r\n.\r\n', 'x\n.\n..y\r\n.\r\r\n.\r\n', '\n\n.\r\rz\n.\n', 'a'.repeat(62) + '\r\n..b\r\n.\r\n'];
  for (const f of edges) {
    const wire = bytes(f);
    for (const mode of MODES) {
      for (let p = 0; p <= wire.length; p++) {
        out.push({ mode, limit: NO_LIMIT, chunks: [wire.subarray(0, p), wire.subarray(p)], style: 1 });
      }
    }
  }
  // Small chunks (1..N octets, some over the class's 256-octet cut) answered after every chunk
  // (`steps`): the class holds chunks without an LF back from wasm, and must still report the end
  // at the right chunk and exact stats whenever asked. Runs past the 4 KiB of room it holds.
  const small = [
    ...fixtures.slice(0, 12),
    ...edges,
    '.'.repeat(5000) + '\r\n.\r\n',
    '\r'.repeat(9000) + '\r\n..x\r\n.\r\n',
    'a'.repeat(4095) + '\r\n.\r\n',
    '.\r\r\r' + 'b'.repeat(4100) + '\n.\n..\r\n.\r\nQUIT\r\n',
  ].map(bytes);
  for (let n = 0; n < 60; n++) {
    const lines = [];
    for (let l = Math.floor(rand() * 40); l > 0; l--) {
      lines.push(pick(['', '', '.', '..', '.\r', '\r']), 'x'.repeat(Math.floor(rand() * 90)), pick(['\r\n', '\r\n', '\n', '\r']));
    }
    lines.push(pick(['.\r\n', '.\r\nRSET\r\n', '.\n', '']));
    small.push(enc.encode(lines.join('')));
  }
  small.forEach((wire, k) => {
    const most = [1, 1, 2, 3, 8, 300][k % 6];
    const chunks = [];
    for (let at = 0; at < wire.length; ) {
      const n = 1 + Math.floor(rand() * most);
      chunks.push(wire.subarray(at, at + n));
      at += n;
    }
    out.push({ mode: MODES[k % 3], limit: k % 4 === 3 ? Math.floor(rand() * 200) : NO_LIMIT, chunks, steps: true });
  });
  // The benchmark's workloads (mail, every line stuffed, one line, bare CRs, 1-byte chunks),
  // scaled down to 256 KiB and less, in their own chunk sizes.
  for (const w of workloads(256)) {
    const { wire } = w.make();
    const chunks = [];
    for (let at = 0; at < wire.length; at += w.chunk) chunks.push(wire.subarray(at, at + w.chunk));
    out.push({ mode: 'Crlf', limit: NO_LIMIT, chunks });
  }
  // Random inputs: few symbols (every state), and mail-shaped lines (whole 64-octet blocks
  // through the fast path, its exits at every offset), in random chunkings, modes and limits.
  for (let n = 0; n < 300; n++) {
    const len = Math.floor(rand() * 200);
    const wire = Uint8Array.from({ length: len }, () => pick([0x2e, 0x0d, 0x0a, 0x61, 0x62, 0]));
    out.push({ mode: pick(MODES), limit: rand() < 0.75 ? NO_LIMIT : Math.floor(rand() * 64), chunks: chunked(wire, Math.floor(rand() * 6), rand) });
  }
  for (let n = 0; n < 300; n++) {
    const parts = [];
    const lines = Math.floor(rand() * 120);
    for (let l = 0; l < lines; l++) {
      parts.push(pick(['', '', '', '', '', '.', '.', '.\r', '.\n']));
      const len = rand() < 0.9 ? Math.floor(rand() * 80) : 80 + Math.floor(rand() * 1020);
      const seed = Math.floor(rand() * 256);
      let text = '';
      for (let k = 0; k < len; k++) {
        const c = (k * 31 + seed) % 53;
        text += c === 0 ? '.' : c === 1 ? ' ' : c === 2 ? '\0' : String.fromCharCode(97 + (c % 26));
      }
      parts.push(text, rand() < 0.8 ? '\r\n' : pick(['\n', '\r', '\r\r\n']));
    }
    parts.push(pick(['.\r\n', '.\r\nQUIT\r\n', '.\n', '']));
    const wire = enc.encode(parts.join(''));
    out.push({ mode: pick(MODES), limit: rand() < 0.75 ? NO_LIMIT : Math.floor(rand() * 4096), chunks: chunked(wire, Math.floor(rand() * 6), rand) });
  }
  return out;
}

/** The cases in scan_frames's input format. */
function encodeCases(all) {
  const parts = [];
  for (const c of all) {
    const head = new DataView(new ArrayBuffer(9));
    head.setUint8(0, MODES.indexOf(c.mode) | (c.steps ? 0x80 : 0));
    head.setUint32(1, c.limit, true);
    head.setUint32(5, c.chunks.length, true);
    parts.push(new Uint8Array(head.buffer));
    for (const ch of c.chunks) {
      const n = new DataView(new ArrayBuffer(4));
      n.setUint32(0, ch.length, true);
      parts.push(new Uint8Array(n.buffer), ch);
    }
  }
  return Buffer.concat(parts);
}

/** scan_frames's answers: [{ end, message, stats, complete, exceeded, steps? }]. */
function decodeAnswers(buf, all) {
  const out = [];
  let at = 0;
  const u32 = () => {
    const v = buf.readUInt32LE(at);
    at += 4;
    return v;
  };
  const state = () => {
    const [size, bareLf, bareCr, unstuffed, longLines, longestLine] = [u32(), u32(), u32(), u32(), u32(), u32()];
    const complete = buf[at++] === 1;
    const exceeded = buf[at++] === 1;
    return { stats: { size, bareLf, bareCr, unstuffed, longLines, longestLine }, complete, exceeded };
  };
  for (const c of all) {
    const steps = c.steps
      ? c.chunks.map(() => {
          const r = u32();
          return { r: r === 0xffffffff ? -1 : r, length: u32(), ...state() };
        })
      : undefined;
    const end = u32();
    const len = u32();
    const message = new Uint8Array(buf.subarray(at, at + len));
    at += len;
    const [size, bareLf, bareCr, unstuffed, longLines, longestLine] = [u32(), u32(), u32(), u32(), u32(), u32()];
    const complete = buf[at++] === 1;
    const exceeded = buf[at++] === 1;
    const answer = { end: end === 0xffffffff ? null : end, message, stats: { size, bareLf, bareCr, unstuffed, longLines, longestLine }, complete, exceeded };
    out.push(steps ? { ...answer, steps } : answer);
  }
  assert.equal(at, buf.length, 'scan_frames answered every case, nothing more');
  return out;
}

/**
 * One case through the JS class, the way `style` says: 0 feed() + messageView(), 1
 * inputBuffer()/feedInput() + takeMessage() at the end, 2 feed() + takeMessage() after every
 * chunk (the pieces joined). After the end every further chunk must consume 0.
 */
function runJs(DotScanner, c, style) {
  const d = new DotScanner({ lineEnd: c.mode, limit: c.limit === NO_LIMIT ? Infinity : c.limit });
  const taken = [];
  let seen = 0;
  let end = null;
  for (const ch of c.chunks) {
    let r;
    if (style === 1) {
      const region = d.inputBuffer(ch.length);
      assert.ok(region.length >= ch.length);
      region.set(ch);
      r = d.feedInput(ch.length);
    } else {
      r = d.feed(ch);
    }
    if (end !== null) assert.equal(r, 0, 'nothing consumed after the end');
    else if (r < 0) seen += ch.length;
    else end = seen + r;
    if (style === 2) taken.push(d.takeMessage());
  }
  const message = style === 0 ? d.messageView().slice() : style === 1 ? d.takeMessage() : Buffer.concat(taken);
  const got = { end, message: new Uint8Array(message), stats: d.stats(), complete: d.isComplete, exceeded: d.exceededLimit };
  if (style !== 0) assert.equal(d.messageLength, 0, 'takeMessage leaves nothing');
  d.free();
  return got;
}

/**
 * A `steps` case: each chunk by feed() or inputBuffer()/feedInput() at random, what it returned
 * checked against native after every chunk, and at random cuts one of the reads (the class must
 * scan what it held back first). The final answer as runJs gives it.
 */
function runSteps(DotScanner, c, native, rand) {
  const d = new DotScanner({ lineEnd: c.mode, limit: c.limit === NO_LIMIT ? Infinity : c.limit });
  let seen = 0;
  let end = null;
  c.chunks.forEach((ch, k) => {
    const n = native.steps[k];
    let r;
    if (rand() < 0.5) r = d.feed(ch);
    else {
      d.inputBuffer(ch.length).set(ch);
      r = d.feedInput(ch.length);
    }
    assert.equal(r, n.r, `chunk ${k}: what feed returned`);
    if (end === null && r < 0) seen += ch.length;
    else if (end === null) end = seen + r;
    assert.equal(d.isComplete, n.complete, `chunk ${k}: isComplete`);
    const read = rand();
    if (read < 0.1) assert.deepEqual(d.stats(), n.stats, `chunk ${k}: stats`);
    else if (read < 0.15) assert.equal(d.messageLength, n.length, `chunk ${k}: messageLength`);
    else if (read < 0.2) assert.equal(d.messageView().length, n.length, `chunk ${k}: messageView`);
    else if (read < 0.25) assert.equal(d.exceededLimit, n.exceeded, `chunk ${k}: exceededLimit`);
  });
  const got = { end, message: d.messageView().slice(), stats: d.stats(), complete: d.isComplete, exceeded: d.exceededLimit };
  d.free();
  return got;
}

const ALL = cases();
let native;
const pkg = (f) => join(ROOT, 'www/pkg', f);

before(() => {
  assert.ok(existsSync(pkg('smtp_sim_scan.wasm')) && existsSync(pkg('smtp_sim_scan_simd.wasm')), 'run ./build.sh first');
  execFileSync('cargo', ['build', '-q', '--release', '-p', 'smtp-sim-scan', '--example', 'scan_frames'], { cwd: ROOT, stdio: 'inherit' });
  const out = execFileSync(join(ROOT, 'target/release/examples/scan_frames'), { input: encodeCases(ALL), maxBuffer: 1 << 30 });
  native = decodeAnswers(out, ALL);
});

for (const flavour of ['simd', 'scalar']) {
  test(`the ${flavour} module gives what the native scanner gives, every case, every way in and out`, async () => {
    const source = pkg(flavour === 'simd' ? 'smtp_sim_scan_simd.wasm' : 'smtp_sim_scan.wasm');
    const scan = await loadScanner({ flavour, [flavour]: readFileSync(source) });
    assert.equal(scan.flavour, flavour);
    // The flavours really differ: only the SIMD one compares 16 octets at once (binaryen's
    // disassembler, from npm, reads the module).
    const text = execFileSync(join(ROOT, 'node_modules/.bin/wasm-dis'), [source], { maxBuffer: 1 << 28 }).toString();
    assert.equal(/i8x16\.eq/.test(text), flavour === 'simd', 'i8x16.eq in the SIMD module only');
    let ended = 0;
    const rand = prng(27);
    ALL.forEach((c, k) => {
      const { steps, ...want } = native[k];
      const got = steps ? runSteps(scan.DotScanner, c, native[k], rand) : runJs(scan.DotScanner, c, c.style ?? k % 3);
      assert.deepEqual(got, want, `case ${k} (${c.mode}, limit ${c.limit}, ${c.chunks.length} chunks)`);
      if (got.end !== null) ended += 1;
    });
    assert.ok(ended > ALL.length / 3 && ended < ALL.length, `ends found in some cases, not all (${ended}/${ALL.length})`);
  });
}

test('the JS class refuses what it cannot do', async () => {
  const { DotScanner } = await loadScanner({ flavour: 'scalar', scalar: readFileSync(pkg('smtp_sim_scan.wasm')) });
  assert.throws(() => new DotScanner({ lineEnd: 'CR' }), /unknown lineEnd/);
  assert.throws(() => new DotScanner({ lineEnd: 'toString' }), /unknown lineEnd/);
  assert.throws(() => new DotScanner({ limit: -1 }), /^RangeError: smtp-sim: DotScanner limit/);
  assert.throws(() => new DotScanner({ limit: '5' }), /^RangeError/);
  const d = new DotScanner();
  // A length that is not a u32 never reaches wasm (-1 would ask for a 4 GiB region and trap).
  for (const bad of [-1, 1.5, NaN, 2 ** 32]) {
    assert.throws(() => d.inputBuffer(bad), /^RangeError: smtp-sim: DotScanner\.inputBuffer/);
    assert.throws(() => d.feedInput(bad), /^RangeError: smtp-sim: DotScanner\.feedInput/);
  }
  d.inputBuffer(16);
  assert.throws(() => d.feedInput(1 << 20), /^RangeError: smtp-sim: DotScanner\.feedInput/);
  d.free();
  assert.throws(() => d.feed(enc.encode('x')), /used after free/);
  await assert.rejects(loadScanner({ flavour: 'sse' }), /unknown scanner flavour/);
});

test('views survive wasm memory growth: inputBuffer and messageView re-made', async () => {
  const { DotScanner } = await loadScanner({ flavour: 'simd', simd: readFileSync(pkg('smtp_sim_scan_simd.wasm')) });
  const d = new DotScanner();
  const small = d.inputBuffer(8);
  small.set(enc.encode('..a\r\n'));
  assert.equal(d.feedInput(5), -1);
  const held = d.messageView();
  // 8 MiB of content: the region and the message both grow wasm memory.
  const big = new Uint8Array(8 << 20).fill(0x62);
  assert.equal(d.feed(big), -1);
  assert.equal(held.length, 0, 'a view held across growth is detached');
  assert.equal(d.feed(enc.encode('\r\n.\r\n')), 5);
  const m = d.messageView();
  assert.equal(m.length, 4 + (8 << 20) + 2);
  assert.deepEqual([...m.subarray(0, 5)], [...enc.encode('.a\r\nb')]);
  d.free();
});

test('in place: a run without dots stays where it was written; the region moves and must be asked for', async () => {
  const { DotScanner } = await loadScanner({ flavour: 'simd', simd: readFileSync(pkg('smtp_sim_scan_simd.wasm')) });
  const d = new DotScanner();
  const first = enc.encode('..one\r\n');
  d.inputBuffer(first.length).set(first);
  assert.equal(d.feedInput(first.length), -1);
  const text = enc.encode('no dots here\r\n'.repeat(100));
  const region = d.inputBuffer(text.length);
  region.set(text);
  assert.equal(d.feedInput(text.length), -1);
  const m = d.messageView();
  assert.equal(m.length, first.length - 1 + text.length);
  // The message's new octets are the region itself: scanned where JS wrote them, not copied.
  assert.equal(m.byteOffset + first.length - 1, region.byteOffset);
  assert.equal(m.buffer, region.buffer);
  // The next region starts where the message now ends; the old view is message now. (Chunks of
  // 256 octets or less are staged and copied in: see the next test.)
  const next = d.inputBuffer(1024);
  assert.equal(next.byteOffset, m.byteOffset + m.length);
  assert.equal(next.buffer, m.buffer);
  next.set(enc.encode('.\r\n'));
  assert.equal(d.feedInput(3), 3);
  // A chunk written through a view from before is refused at feedInput (and again after takeMessage).
  assert.throws(() => d.feedInput(1), /^RangeError: smtp-sim: DotScanner\.feedInput: call inputBuffer/);
  d.inputBuffer(2);
  d.takeMessage();
  assert.throws(() => d.feedInput(2), /^RangeError: smtp-sim: DotScanner\.feedInput/);
  d.free();
});

test('small chunks held back from wasm: the end found at its chunk, a read scans them, a read drops an offered region', async () => {
  const { DotScanner } = await loadScanner({ flavour: 'scalar', scalar: readFileSync(pkg('smtp_sim_scan.wasm')) });
  const d = new DotScanner();
  for (const b of enc.encode('..a\r')) assert.equal(d.feed(Uint8Array.of(b)), -1);
  // Read while octets are held back: what was fed is all there (the CR too: content until an LF).
  assert.deepEqual([...d.messageView()], [...enc.encode('.a\r')]);
  assert.equal(d.stats().unstuffed, 1);
  // A region offered, then a read: the read may move the message's end, so the region is dropped.
  d.inputBuffer(1).set([0x2e]);
  assert.equal(d.messageLength, 3);
  assert.throws(() => d.feedInput(1), /^RangeError: smtp-sim: DotScanner\.feedInput: call inputBuffer/);
  // The LF that ends the data arrives in a small chunk after held-back ones: consumed counts only it.
  for (const b of enc.encode('\r\n.\r')) assert.equal(d.feed(Uint8Array.of(b)), -1);
  assert.equal(d.isComplete, false);
  const last = d.inputBuffer(6);
  last.set(enc.encode('\nRSET\r'));
  assert.equal(d.feedInput(6), 1);
  assert.equal(d.isComplete, true);
  assert.equal(d.feed(enc.encode('\n')), 0, 'nothing consumed after the end');
  assert.deepEqual([...d.messageView()], [...enc.encode('.a\r\r\n')]);
  assert.equal(d.stats().bareCr, 1);
  d.free();
});

test('two loaded modules, one class code: scanners of each, used in turn, keep to their own memory', async () => {
  const simd = (await loadScanner({ flavour: 'simd', simd: readFileSync(pkg('smtp_sim_scan_simd.wasm')) })).DotScanner;
  const scalar = (await loadScanner({ flavour: 'scalar', scalar: readFileSync(pkg('smtp_sim_scan.wasm')) })).DotScanner;
  assert.notEqual(simd, scalar);
  const [a, b] = [new simd(), new scalar({ lineEnd: 'Lf' })];
  const wire = enc.encode('..one\r\ntwo\n.\nthree\r\n.\r\n');
  const ends = [-1, -1];
  wire.forEach((octet, k) => {
    for (const [i, d] of [a, b].entries()) {
      const r = k % 2 ? d.feed(Uint8Array.of(octet)) : (d.inputBuffer(1).set([octet]), d.feedInput(1));
      if (ends[i] < 0 && r >= 0) ends[i] = k;
    }
  });
  assert.deepEqual(ends, [wire.length - 1, 12]);
  assert.equal(new TextDecoder().decode(a.messageView()), '.one\r\ntwo\n.\nthree\r\n');
  assert.equal(new TextDecoder().decode(b.messageView()), '.one\r\ntwo\r\n');
  assert.equal(a.messageView().buffer === b.messageView().buffer, false, 'each instance its own memory');
  a.free();
  b.free();
});

const open = servedPage({ root: ROOT });
const PAGE = 'tests/e2e/fixtures/scanner.html';

/** Loads the scanner in the page (SIMD refused when `refuseSimd`) and scans some cases there. */
async function scanInPage(refuseSimd) {
  const { page, context } = await open(PAGE, {
    ready: false,
    before: async ({ context: ctx }) => {
      if (refuseSimd) {
        await ctx.addInitScript(() => {
          const validate = WebAssembly.validate;
          // An engine without SIMD: a module with SIMD instructions (prefix 0xfd, as the
          // scanner's probe has) is invalid; any other is as before.
          WebAssembly.validate = (b) => {
            const u = ArrayBuffer.isView(b) ? new Uint8Array(b.buffer, b.byteOffset, b.byteLength) : new Uint8Array(b);
            for (let i = 0; i + 2 < u.length; i++) if (u[i] === 0xfd && u[i + 2] === 0xfd) return false;
            return validate(b);
          };
        });
      }
    },
  });
  // Every fifth small case (the page gets them as JSON arrays).
  const expected = ALL.map((_, k) => k).filter((k) => k % 5 === 0 && ALL[k].chunks.reduce((n, ch) => n + ch.length, 0) < 8192);
  const wire = expected.map((k) => ALL[k]).map((c) => ({ mode: c.mode, limit: c.limit, chunks: c.chunks.map((ch) => [...ch]) }));
  const result = await page.evaluate(async (cases) => {
    const { loadScanner } = await import('/www/scanner.js');
    const { flavour, DotScanner } = await loadScanner();
    const answers = cases.map((c) => {
      const d = new DotScanner({ lineEnd: c.mode, limit: c.limit === 0xffffffff ? Infinity : c.limit });
      let seen = 0;
      let end = null;
      for (const ch of c.chunks) {
        const r = d.feed(Uint8Array.from(ch));
        if (end === null && r < 0) seen += ch.length;
        else if (end === null) end = seen + r;
      }
      const out = { end, message: [...d.messageView()], stats: d.stats() };
      d.free();
      return out;
    });
    const loaded = performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname);
    return { flavour, answers, loaded };
  }, wire);
  await context.close();
  assert.ok(expected.length > 100);
  result.answers.forEach((a, i) => {
    const n = native[expected[i]];
    assert.deepEqual({ ...a, message: Uint8Array.from(a.message) }, { end: n.end, message: n.message, stats: n.stats }, `case ${expected[i]}`);
  });
  return result;
}

test('Chromium: SIMD refused by WebAssembly.validate → the scalar module, same answers', async () => {
  const { flavour, loaded } = await scanInPage(true);
  assert.equal(flavour, 'scalar');
  assert.ok(loaded.includes('/www/pkg/smtp_sim_scan.wasm'), 'the scalar module was fetched');
  assert.ok(!loaded.includes('/www/pkg/smtp_sim_scan_simd.wasm'), 'the SIMD one was not');
});

test('Chromium: with SIMD → the SIMD module, same answers', async () => {
  const { flavour, loaded } = await scanInPage(false);
  assert.equal(flavour, 'simd');
  assert.ok(loaded.includes('/www/pkg/smtp_sim_scan_simd.wasm'));
  assert.ok(!loaded.includes('/www/pkg/smtp_sim_scan.wasm'));
});
