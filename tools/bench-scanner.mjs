// The wasm DotScanner (from www/pkg, loaded with initSync) against a plain JS byte loop doing
// the same end-of-data scan and dot-unstuffing (RFC 5321 §4.5.2), fed the same ~1 MiB
// dot-stuffed message in the same chunks. Rounds alternate between the two so machine noise hits
// both alike; medians and their ratio are printed, never asserted. Both must give back exactly
// the original message before anything is timed.
//
//   node tools/bench-scanner.mjs [--rounds N] [--baseline OTHER.wasm]
//
// --baseline also times a second build of the module (say, before a change to the scanner) in
// the same rounds; it must export the same API as www/pkg's glue expects.

import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import v8 from 'node:v8';

// Compile wasm with the optimising tier up front: otherwise V8 starts on its baseline compiler
// and tiers up in the background at a moment of its choosing, in the middle of the rounds. A page
// that scans a lot of data runs the optimised code too.
v8.setFlagsFromString('--no-liftoff');

const { values: opts } = parseArgs({
  options: { rounds: { type: 'string', default: '31' }, baseline: { type: 'string' } },
});
const ROUNDS = Number(opts.rounds);
const pkg = new URL('../www/pkg/', import.meta.url);

/** A DotScanner class from its own instance of the glue (a distinct module URL per build). */
async function loadScanner(wasmBytes, tag) {
  const glue = await import(new URL(`smtp_sim.js?${tag}`, pkg));
  glue.initSync({ module: wasmBytes });
  return glue.DotScanner;
}

const scanners = [['DotScanner', await loadScanner(readFileSync(new URL('smtp_sim_bg.wasm', pkg)), 'current')]];
if (opts.baseline) scanners.push(['baseline', await loadScanner(readFileSync(opts.baseline), 'baseline')]);
const enc = new TextEncoder();

/** ~1 MiB of `width`-octet lines; every 50th starts with a dot, so it gets stuffed. */
function message(width) {
  const lines = Math.floor((1 << 20) / (width + 2));
  const parts = [];
  for (let i = 0; i < lines; i++) {
    const c = String.fromCharCode(97 + (i % 26));
    parts.push((i % 50 === 0 ? '.' : '') + c.repeat(width) + '\r\n');
  }
  return enc.encode(parts.join(''));
}

/** What a client sends after 354: a dot added to each line that starts with one, then `.` CRLF. */
function dotStuff(msg) {
  const out = [];
  let lineStart = true;
  for (const b of msg) {
    if (lineStart && b === 0x2e) out.push(0x2e);
    out.push(b);
    lineStart = b === 0x0a;
  }
  out.push(0x2e, 0x0d, 0x0a);
  return Uint8Array.from(out);
}

/** A straightforward streaming byte-at-a-time scanner: the shape most JS servers use. State and
 * output live in locals inside the loop, so the JIT sees a plain array walk. */
class ByteLoopScanner {
  constructor() {
    this.out = new Uint8Array(64 * 1024);
    this.len = 0;
    // 0 line start, 1 in line, 2 in line after CR, 3 dot at line start, 4 dot CR, 5 done
    this.st = 0;
  }

  /** −1 while the end is not seen; otherwise bytes of this chunk consumed (0 after the end). */
  feed(chunk) {
    if (this.st === 5) return 0;
    // A chunk adds at most its own length plus the CR held back after a line-start dot.
    if (this.len + chunk.length + 1 > this.out.length) {
      const bigger = new Uint8Array(Math.max(this.out.length * 2, this.len + chunk.length + 1));
      bigger.set(this.out.subarray(0, this.len));
      this.out = bigger;
    }
    const out = this.out;
    let len = this.len;
    let st = this.st;
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i];
      if (st === 0 && b === 0x2e) {
        st = 3;
      } else if (st === 3 && b === 0x0d) {
        st = 4;
      } else if (st === 4 && b === 0x0a) {
        this.len = len;
        this.st = 5;
        return i + 1;
      } else if (st === 4) {
        // `.` CR x: the dot was stuffing, the CR is content.
        out[len++] = 0x0d;
        out[len++] = b;
        st = b === 0x0d ? 2 : 1;
      } else if (b === 0x0d) {
        out[len++] = b;
        st = 2;
      } else if (st === 2 && b === 0x0a) {
        out[len++] = b;
        st = 0;
      } else {
        out[len++] = b;
        st = 1;
      }
    }
    this.len = len;
    this.st = st;
    return -1;
  }

  takeMessage() {
    const m = this.out.slice(0, this.len);
    this.len = 0;
    return m;
  }
}

function run(Scanner, wire, chunk) {
  const s = new Scanner();
  let consumed = -1;
  for (let at = 0; at < wire.length && consumed < 0; at += chunk) {
    consumed = s.feed(wire.subarray(at, at + chunk));
  }
  const m = s.takeMessage();
  s.free?.();
  if (consumed < 0) throw new Error(`${Scanner.name}: end of data not found`);
  return m;
}

const same = (a, b) => a.length === b.length && a.every((x, i) => x === b[i]);
const median = (v) => v.slice().sort((a, b) => a - b)[v.length >> 1];

scanners.push(['JS byte loop', ByteLoopScanner]);
const names = scanners.map(([name]) => name);
console.log(`wasm ${names.slice(0, -1).join(', ')} vs JS byte loop (Node ${process.version}, medians of ${ROUNDS}, interleaved)`);
for (const [width, chunk] of [
  [76, 16 * 1024],
  [998, 16 * 1024],
  [76, 1024],
]) {
  const msg = message(width);
  const wire = dotStuff(msg);
  for (const [name, Scanner] of scanners) {
    if (!same(run(Scanner, wire, chunk), msg)) {
      throw new Error(`${name} did not give back the message (${width}-octet lines)`);
    }
  }
  // Warm up so the JIT has compiled the byte loop before timing starts.
  for (let i = 0; i < 5; i++) for (const [, Scanner] of scanners) run(Scanner, wire, chunk);
  const times = scanners.map(() => []);
  for (let r = 0; r < ROUNDS; r++) {
    scanners.forEach(([, Scanner], k) => {
      const t = performance.now();
      run(Scanner, wire, chunk);
      times[k].push(performance.now() - t);
    });
  }
  const mib = wire.length / (1 << 20);
  const med = times.map(median);
  const js = med[med.length - 1];
  const cols = scanners.map(([name], k) => `${name} ${(mib / (med[k] / 1000)).toFixed(0)} MiB/s (${med[k].toFixed(2)} ms)`);
  const ratios = med.slice(0, -1).map((m, k) => `${names[k]}/JS ${(js / m).toFixed(1)}x`);
  if (opts.baseline) ratios.push(`DotScanner/baseline ${(med[1] / med[0]).toFixed(2)}x`);
  console.log(`  ${mib.toFixed(2)} MiB, ${width}-octet lines, ${chunk / 1024} KiB chunks: ${cols.join(', ')}; ${ratios.join(', ')}`);
}
