// What tools/bench-scanner.mjs (Node) and tools/bench-scanner-browser.mjs (Chromium) share: their
// options, the LABEL=DIR lists, and the rows a workload gives. Plain ES module with no Node
// imports (the Chromium bench's page loads it too).

/** parseArgs options of both scanner benchmarks. */
export const scannerOptions = {
  rounds: { type: 'string', default: '7' },
  scale: { type: 'string', default: '1' },
  only: { type: 'string', default: '' },
  wasm: { type: 'string', multiple: true },
  scan: { type: 'string', multiple: true },
  variants: { type: 'boolean', default: false },
  precut: { type: 'string', default: 'small' },
  ratio: { type: 'string' },
  json: { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
};

/** The leading comment of a benchmark's source, as its --help text. */
export function usage(source) {
  const lines = [];
  for (const line of source.split('\n')) {
    if (!line.startsWith('//')) break;
    lines.push(line.replace(/^\/\/ ?/, ''));
  }
  return lines.join('\n');
}

/** "LABEL=DIR" (or "DIR", its own label) as [label, dir]. */
export function labelled(s) {
  const at = s.indexOf('=');
  return at < 0 ? [s, s] : [s.slice(0, at), s.slice(at + 1)];
}

/** Chunks this long or shorter get a pre-cut row by default (`--precut small`). */
const SMALL_CHUNK = 256;

/**
 * The rows to time: each workload as defined (its chunks cut inside the timed loop, as a reader
 * slicing a buffer would), and, for small chunks (`--precut small`, the default) or every
 * workload (`all`), a second row ", pre-cut" whose chunks are cut before timing, as a socket hands
 * chunks over ready-made: that row times the scanners, not the cutting (RESULTS §28: cutting 1 MiB
 * into 1-octet views alone runs at 9–11 MiB/s). The same views for every contender, cut afresh
 * (after gc, untimed) before each run: a socket's chunks are new objects, and one array of a
 * million views kept across runs is walked cold after each gc (RESULTS §37: the loop alone at
 * 13–26 MiB/s instead of about 60). `none`: the defined rows only.
 */
export function benchRows(workloads, precut = 'small') {
  if (!['small', 'all', 'none'].includes(precut)) throw new Error(`--precut ${precut}: small, all or none`);
  const rows = [];
  for (const w of workloads) {
    rows.push({ ...w, precut: false });
    if (precut === 'all' || (precut === 'small' && w.chunk <= SMALL_CHUNK)) {
      rows.push({ ...w, name: `${w.name}, pre-cut`, base: w.name, precut: true });
    }
  }
  return rows;
}

/** `wire` cut into views of `chunk` octets (the last one shorter), before any timing. */
export function cut(wire, chunk) {
  const parts = new Array(Math.ceil(wire.length / chunk));
  for (let k = 0, at = 0; at < wire.length; k++, at += chunk) parts[k] = wire.subarray(at, at + chunk);
  return parts;
}

/**
 * One run of a scanner class with the `feed(chunk)` / `takeMessage()` contract: with `parts` (a
 * pre-cut row) those views are fed, else `wire` is cut into `chunk`-octet views as it goes (two
 * loops, so neither row pays for the other's way). Returns the message.
 */
export function runScanner(Scanner, wire, chunk, parts) {
  const s = new Scanner();
  let consumed = -1;
  if (parts) for (let k = 0; k < parts.length && consumed < 0; k++) consumed = s.feed(parts[k]);
  else for (let at = 0; at < wire.length && consumed < 0; at += chunk) consumed = s.feed(wire.subarray(at, at + chunk));
  const m = s.takeMessage();
  s.free?.();
  if (consumed < 0) throw new Error('end of data not found');
  return m;
}

/** MiB/s for a table cell: whole numbers, two decimals below 10 (the 1-octet rows). */
export const rate = (mibPerS) => mibPerS.toFixed(mibPerS < 10 ? 2 : 0);
