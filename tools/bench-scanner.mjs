// The end-of-data scanner end to end through each contender's JS API (bytes in, unstuffed message
// out), in one Node process, on the workloads of tools/scanner-workloads.mjs (the native bench's
// twins):
//
//   scan-simd …      the page's scanner module (www/scanner.js over pkg/smtp_sim_scan_simd.wasm,
//   scan-scalar …    and the scalar pkg/smtp_sim_scan.wasm): "(view)" writes each chunk into the
//                    scanner's input region and reads the message in place; "(copy out)" takes it
//                    with takeMessage (one copy into a fresh array); "scan-simd (feed)" hands each
//                    chunk to feed() (the class copies it in) and reads the message in place
//   wasm …           DotScanner from a wasm-bindgen build: feed(chunk) per chunk, takeMessage()
//   wasm … (view)    the same build's copy-light path, when it has one: each chunk written into
//                    the scanner's input region (inputBuffer/feedInput), the message read in place
//                    (messageView); "(in place, copy out)" takes it with takeMessage instead
//   JS (Buffer)      the best plain-JS scanner for Node (Buffer.indexOf), tools/js-scanners.mjs
//   JS (Uint8Array)  the best plain-JS scanner without Buffer (what a browser can run)
//   SMTPStream       Node smtp-server's own data-mode parser (lib/smtp-stream.js), driven directly
//
// Every contender must give back exactly the message before anything is timed. Rounds interleave
// the contenders (who goes first rotates); medians and ratios are printed, never asserted. With
// target/bench/native-scanner.json from `cargo bench --bench scanner` (same checksums), the table
// also gives wasm/native.
//
//   node tools/bench-scanner.mjs [--rounds N] [--scale K] [--only TEXT] [--wasm LABEL=DIR]...
//                                [--scan LABEL=DIR]... [--variants] [--precut small|all|none]
//                                [--ratio LABEL] [--json FILE]
//
// --wasm adds a build (a directory with smtp_sim.js and smtp_sim_bg.wasm; default: www/pkg as
// "wasm"); --scan adds a directory holding the scanner module's two flavours (default: www/pkg as
// "scan", when built), read through the directory's own scanner.js when it has one; --variants also times the other JS scanners; --scale divides sizes;
// --ratio names the contender the ratio columns compare (default: the first scanner module's SIMD
// view, else the first build's view path, else the first build); "best JS" is the fastest
// plain-JS contender of the row. --precut: which workloads also get a ", pre-cut" row, their chunks
// cut before timing (one array of views shared by every contender, as a socket hands chunks over);
// default "small" (chunks of ≤ 256 octets), see tools/bench-scanner-options.mjs.

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import v8 from 'node:v8';
import vm from 'node:vm';

import { loadScanner } from '../www/scanner.js';
import { nodeScanner, nodeScannerNeedle, U8Scanner, U8ScannerDot, U8ScannerLf, U8ScannerLoop, U8ScannerWords } from './js-scanners.mjs';
import { benchRows, cut, labelled, rate, runScanner, scannerOptions, usage } from './bench-scanner-options.mjs';
import { checksum, workloads } from './scanner-workloads.mjs';

// Optimising tier from the start for wasm (no Liftoff tier-up in the middle of the rounds);
// gc() between runs so one contender's garbage is not collected on another's clock.
v8.setFlagsFromString('--no-liftoff');
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc');

const { values: opts } = parseArgs({ options: scannerOptions });
if (opts.help) {
  console.log(usage(readFileSync(new URL(import.meta.url), 'utf8')));
  process.exit(0);
}
const ROUNDS = Number(opts.rounds);
const root = new URL('../', import.meta.url);

/** DotScanner from one build: its own copy of the glue (a distinct module URL per build). */
async function loadWasm(label, dir) {
  const base = new URL(dir.endsWith('/') ? dir : `${dir}/`, root);
  const glue = await import(new URL(`smtp_sim.js?${encodeURIComponent(label)}`, base));
  // A glue split by tools/split-glue.mjs: the full module's imports come with its second file.
  if (existsSync(new URL('smtp_sim_full.js', base))) {
    (await import(new URL(`smtp_sim_full.js?${encodeURIComponent(label)}`, base))).__wbg_full(glue.__wbg_core);
  }
  glue.initSync({ module: readFileSync(new URL('smtp_sim_bg.wasm', base)) });
  return glue.DotScanner;
}

const builds = (opts.wasm ?? ['wasm=www/pkg']).map(labelled);

// Every runner is run(wire, chunk, parts) → message: with `parts` (a pre-cut row) it feeds those
// views, else it cuts `wire` into `chunk`-octet views as it goes (two loops, so neither row pays
// for the other's way).

/** Synchronous contenders: [label, run(wire, chunk, parts) → message]. */
function syncRunner(Scanner) {
  return (wire, chunk, parts) => runScanner(Scanner, wire, chunk, parts);
}

/**
 * A build's copy-light path: chunks written into the scanner's input region in wasm memory, the
 * message read as a view (valid until the next call into that module: the scanner is freed at the
 * start of the next run, after the caller has compared or dropped the view), or taken as a copy.
 */
function inPlaceRunner(Scanner, copyOut) {
  let last = null;
  // Asked for every chunk: the region is the message's spare room and moves as it grows.
  const put = (s, part) => {
    s.inputBuffer(part.length).set(part);
    return s.feedInput(part.length);
  };
  return (wire, chunk, parts) => {
    last?.free();
    const s = (last = new Scanner());
    let consumed = -1;
    if (parts) for (let k = 0; k < parts.length && consumed < 0; k++) consumed = put(s, parts[k]);
    else for (let at = 0; at < wire.length && consumed < 0; at += chunk) consumed = put(s, wire.subarray(at, at + chunk));
    if (consumed < 0) throw new Error('end of data not found');
    return copyOut ? s.takeMessage() : s.messageView();
  };
}

/** The scanner module's feed(chunk) door: the class copies each chunk in; the message read in place. */
function feedRunner(Scanner) {
  let last = null;
  return (wire, chunk, parts) => {
    last?.free();
    const s = (last = new Scanner());
    let consumed = -1;
    if (parts) for (let k = 0; k < parts.length && consumed < 0; k++) consumed = s.feed(parts[k]);
    else for (let at = 0; at < wire.length && consumed < 0; at += chunk) consumed = s.feed(wire.subarray(at, at + chunk));
    if (consumed < 0) throw new Error('end of data not found');
    return s.messageView();
  };
}

const require = createRequire(import.meta.url);
const { SMTPStream } = require('smtp-server/lib/smtp-stream.js');

/** smtp-server's parser in data mode, as its connection drives it after 354. */
function smtpStream(wire, chunk, parts) {
  return new Promise((resolve, reject) => {
    const s = new SMTPStream();
    s.oncommand = () => reject(new Error('SMTPStream left data mode'));
    const data = s.startDataMode();
    const out = [];
    data.on('data', (b) => out.push(b));
    data.on('end', () => resolve(Buffer.concat(out)));
    s.on('error', reject);
    if (parts) for (let k = 0; k < parts.length; k++) s.write(parts[k]);
    else for (let at = 0; at < wire.length; at += chunk) s.write(wire.subarray(at, at + chunk));
  });
}

const scans = (opts.scan ?? (existsSync(new URL('www/pkg/smtp_sim_scan_simd.wasm', root)) ? ['scan=www/pkg'] : [])).map(labelled);

const contenders = [];
for (const [label, dir] of scans) {
  const base = new URL(dir.endsWith('/') ? dir : `${dir}/`, root);
  // A directory with its own scanner.js (an older build kept for a before/after run) is loaded
  // through that class; otherwise through www/scanner.js.
  const load = existsSync(new URL('scanner.js', base))
    ? (await import(new URL(`scanner.js?${encodeURIComponent(label)}`, base))).loadScanner
    : loadScanner;
  for (const [flavour, file] of [['simd', 'smtp_sim_scan_simd.wasm'], ['scalar', 'smtp_sim_scan.wasm']]) {
    const { DotScanner } = await load({ flavour, [flavour]: readFileSync(new URL(file, base)) });
    contenders.push([`${label}-${flavour} (view)`, inPlaceRunner(DotScanner, false)]);
    contenders.push([`${label}-${flavour} (copy out)`, inPlaceRunner(DotScanner, true)]);
    if (flavour === 'simd') contenders.push([`${label}-simd (feed)`, feedRunner(DotScanner)]);
  }
}
for (const [label, dir] of builds) {
  const Scanner = await loadWasm(label, dir);
  contenders.push([label, syncRunner(Scanner)]);
  if (Scanner.prototype.inputBuffer) {
    contenders.push([`${label} (view)`, inPlaceRunner(Scanner, false)]);
    contenders.push([`${label} (in place, copy out)`, inPlaceRunner(Scanner, true)]);
  }
}
const jsNode = 'JS (Buffer)';
const jsU8 = 'JS (Uint8Array)';
contenders.push([jsNode, syncRunner(nodeScanner(Buffer))]);
contenders.push([jsU8, syncRunner(U8Scanner)]);
if (opts.variants) {
  contenders.push(['JS NodeScannerNeedle', syncRunner(nodeScannerNeedle(Buffer))]);
  for (const S of [U8ScannerLf, U8ScannerDot, U8ScannerLoop, U8ScannerWords]) {
    if (S !== U8Scanner) contenders.push([`JS ${S.name}`, syncRunner(S)]);
  }
}
contenders.push(['SMTPStream', smtpStream]);

const nativePath = new URL('target/bench/native-scanner.json', root);
const native = existsSync(nativePath) ? JSON.parse(readFileSync(nativePath, 'utf8')) : {};

const same = (a, b) => Buffer.from(a.buffer, a.byteOffset, a.length).equals(Buffer.from(b.buffer, b.byteOffset, b.length));
const median = (v) => v.slice().sort((a, b) => a - b)[v.length >> 1];

console.log(
  `scanner end to end through the JS API (Node ${process.version}, V8 ${process.versions.v8}), ` +
    `medians of ${ROUNDS} interleaved rounds, MiB/s`,
);
const labels = contenders.map(([l]) => l);
const first =
  opts.ratio ??
  (scans.length ? `${scans[0][0]}-simd (view)` : labels.includes(`${builds[0][0]} (view)`) ? `${builds[0][0]} (view)` : builds[0][0]);
if (!labels.includes(first)) throw new Error(`--ratio ${first}: no such contender`);
const jsLabels = labels.filter((l) => l.startsWith('JS '));
const head = ['workload'.padEnd(38), ...labels.map((l) => l.padStart(Math.max(10, l.length)))];
head.push(
  `${first}/Buffer`.padStart(12),
  `${first}/U8`.padStart(10),
  `${first}/best JS`.padStart(14),
  `${first}/SMTPStream`.padStart(16),
  `${first}/native`.padStart(12),
);
console.log(`  ${head.join(' ')}`);
const results = {};
let made = null; // a pre-cut row follows its workload's row: the same wire
for (const w of benchRows(workloads(Number(opts.scale)), opts.precut)) {
  if (!w.name.includes(opts.only)) continue;
  if (made?.name !== (w.base ?? w.name)) made = { name: w.base ?? w.name, ...w.make() };
  const { wire: wireU8, message } = made;
  const wire = Buffer.from(wireU8.buffer, wireU8.byteOffset, wireU8.length);
  const sum = checksum(wire);
  // Buffer views, as a Node socket's chunks are (and as the defined rows cut them); cut afresh
  // for each run, untimed (see bench-scanner-options.mjs).
  for (const [label, run] of contenders) {
    const got = await run(wire, w.chunk, w.precut ? cut(wire, w.chunk) : null);
    if (!same(got, message)) throw new Error(`${label} did not give back the message (${w.name})`);
  }
  const times = contenders.map(() => []);
  for (let r = 0; r < ROUNDS; r++) {
    for (let k = 0; k < contenders.length; k++) {
      const who = (r + k) % contenders.length;
      gc();
      const parts = w.precut ? cut(wire, w.chunk) : null;
      const t = performance.now();
      await contenders[who][1](wire, w.chunk, parts);
      times[who].push(performance.now() - t);
    }
  }
  const med = times.map(median);
  const mib = wire.length / (1 << 20);
  const byLabel = Object.fromEntries(labels.map((l, k) => [l, med[k]]));
  const nat = native[w.base ?? w.name];
  const natMs = nat && nat.checksum === sum ? nat.DataReceiver_ms : undefined;
  const ratio = (a, b) => (a && b ? `${(b / a).toFixed(2)}x` : '-');
  const row = [w.name.padEnd(38), ...labels.map((l, k) => rate(mib / (med[k] / 1000)).padStart(Math.max(10, l.length)))];
  row.push(
    ratio(byLabel[first], byLabel[jsNode]).padStart(12),
    ratio(byLabel[first], byLabel[jsU8]).padStart(10),
    ratio(byLabel[first], Math.min(...jsLabels.map((l) => byLabel[l]))).padStart(14),
    ratio(byLabel[first], byLabel.SMTPStream).padStart(16),
    ratio(byLabel[first], natMs).padStart(12),
  );
  console.log(`  ${row.join(' ')}`);
  results[w.name] = { bytes: wire.length, checksum: sum, ms: byLabel, native_ms: natMs ?? null };
}
if (Object.keys(native).length === 0) console.log('  (no target/bench/native-scanner.json: run cargo bench --bench scanner for wasm/native)');
if (opts.json) writeFileSync(opts.json, `${JSON.stringify({ ours: first, workloads: results }, null, 2)}\n`);
