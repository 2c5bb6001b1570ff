// The scanner benchmark in headless Chromium (Debian's /usr/bin/chromium, driven by
// playwright-core): the page's scanner module (www/scanner.js, both flavours) and the main
// module's wasm DotScanner, end to end through their JS APIs, against the best
// Uint8Array-only JS scanner (tools/js-scanners.mjs; a page has no Buffer), on the workloads of
// tools/scanner-workloads.mjs. Same rules as tools/bench-scanner.mjs: outputs checked equal before
// timing, rounds interleaved, medians and ratios printed, nothing asserted.
//
//   node tools/bench-scanner-browser.mjs [--rounds N] [--scale K] [--only TEXT] [--wasm LABEL=DIR]...
//                                        [--scan LABEL=DIR]... [--variants] [--precut small|all|none]
//                                        [--ratio LABEL] [--json FILE]
//
// --scan: a directory inside this checkout (served from it) with smtp_sim_scan_simd.wasm and
// smtp_sim_scan.wasm (default: www/pkg as "scan", when built), loaded through www/scanner.js or the directory's own scanner.js if any; the ratio columns compare the first one's
// SIMD view unless --ratio names another contender. --precut as in tools/bench-scanner.mjs: rows
// whose chunks are cut before timing (tools/bench-scanner-options.mjs).
//
// Files are served to the page from this checkout through Playwright's request routing (no
// server, no network); nothing is downloaded.

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { labelled, rate, scannerOptions, usage } from './bench-scanner-options.mjs';

const { values: opts } = parseArgs({ options: scannerOptions });
if (opts.help) {
  console.log(usage(readFileSync(new URL(import.meta.url), 'utf8')));
  process.exit(0);
}
const root = new URL('../', import.meta.url);
const builds = (opts.wasm ?? ['wasm=www/pkg']).map((s) => {
  const [label, dir] = labelled(s);
  return [label, dir.replace(/\/?$/, '/')];
});

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    // gc() between runs, and wasm compiled by the optimising tier from the start (as in Node).
    '--js-flags=--expose-gc --no-liftoff',
  ],
});
const types = { '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm', '.html': 'text/html' };
try {
  const page = await browser.newPage();
  page.on('console', (m) => console.error(`  [page] ${m.text()}`));
  await page.route('http://bench.test/**', (route) => {
    const path = new URL(route.request().url()).pathname.slice(1);
    const file = fileURLToPath(new URL(path || 'index.html', root));
    if (path === '') return route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>bench</title>' });
    try {
      return route.fulfill({ contentType: types[extname(file)] ?? 'application/octet-stream', body: readFileSync(file) });
    } catch {
      return route.fulfill({ status: 404, body: 'not found' });
    }
  });
  await page.goto('http://bench.test/');
  const version = await page.evaluate(() => navigator.userAgent.match(/Chrome\/[\d.]+/)?.[0] ?? navigator.userAgent);
  const scans = (opts.scan ?? (existsSync(new URL('www/pkg/smtp_sim_scan_simd.wasm', root)) ? ['scan=www/pkg'] : [])).map((s) => {
    const [label, dir] = labelled(s);
    const d = dir.replace(/\/?$/, '/');
    // A directory with its own scanner.js (an older build kept for a before/after run) is
    // loaded through that class.
    return [label, d, existsSync(new URL(`${d}scanner.js`, root))];
  });
  const results = await page.evaluate(
    async ({ builds, scans, rounds, scale, only, variants, precut }) => {
      const js = await import('/tools/js-scanners.mjs');
      const { workloads } = await import('/tools/scanner-workloads.mjs');
      const { benchRows, cut, runScanner: run } = await import('/tools/bench-scanner-options.mjs');
      const { loadScanner } = await import('/www/scanner.js');
      const contenders = [];
      // A runner class over a copy-light scanner, the message read as a view of wasm memory
      // (valid until the next call into the module: the scanner is freed when the next run
      // starts) or taken as a copy. Chunks go in through `door`: "input", written into its
      // input region (asked for every chunk: the region is the message's spare room and moves as
      // it grows), or "feed", the module's feed(chunk) (the class copies each chunk in).
      const runner = (Scanner, door, copyOut = false) => {
        let last = null;
        return class {
          constructor() {
            last?.free();
            this.s = last = new Scanner();
          }
          feed(part) {
            if (door === 'feed') return this.s.feed(part);
            this.s.inputBuffer(part.length).set(part);
            return this.s.feedInput(part.length);
          }
          takeMessage() {
            return copyOut ? this.s.takeMessage() : this.s.messageView();
          }
        };
      };
      for (const [label, dir, ownClass] of scans) {
        const load = ownClass ? (await import(`/${dir}scanner.js?${encodeURIComponent(label)}`)).loadScanner : loadScanner;
        for (const [flavour, file] of [['simd', 'smtp_sim_scan_simd.wasm'], ['scalar', 'smtp_sim_scan.wasm']]) {
          const { DotScanner } = await load({ flavour, [flavour]: `/${dir}${file}` });
          contenders.push([`${label}-${flavour} (view)`, runner(DotScanner, 'input')]);
          contenders.push([`${label}-${flavour} (copy out)`, runner(DotScanner, 'input', true)]);
          if (flavour === 'simd') contenders.push([`${label}-simd (feed)`, runner(DotScanner, 'feed')]);
        }
      }
      for (const [label, dir] of builds) {
        const glue = await import(`/${dir}smtp_sim.js?${encodeURIComponent(label)}`);
        // A glue split by tools/split-glue.mjs: the full module's imports come with its second file.
        if (glue.__wbg_core) (await import(`/${dir}smtp_sim_full.js?${encodeURIComponent(label)}`)).__wbg_full(glue.__wbg_core);
        const bytes = await (await fetch(`/${dir}smtp_sim_bg.wasm`)).arrayBuffer();
        glue.initSync({ module: bytes });
        contenders.push([label, glue.DotScanner]);
        // The copy-light path, when the build has one: chunks written into the scanner's input
        // region, the message read as a view of wasm memory (valid until the next call into the
        // module: the scanner is freed when the next run starts) or taken as a copy.
        if (glue.DotScanner.prototype.inputBuffer) {
          contenders.push([`${label} (view)`, runner(glue.DotScanner, 'input')]);
          contenders.push([`${label} (in place, copy out)`, runner(glue.DotScanner, 'input', true)]);
        }
      }
      contenders.push(['JS (Uint8Array)', js.U8Scanner]);
      if (variants) {
        for (const S of [js.U8ScannerLf, js.U8ScannerDot, js.U8ScannerLoop, js.U8ScannerWords]) {
          if (S !== js.U8Scanner) contenders.push([`JS ${S.name}`, S]);
        }
      }
      const same = (a, b) => {
        if (a.length !== b.length) return false;
        for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
        return true;
      };
      const median = (v) => v.slice().sort((a, b) => a - b)[v.length >> 1];
      const out = [];
      let made = null; // a pre-cut row follows its workload's row: the same wire
      for (const w of benchRows(workloads(scale), precut)) {
        if (!w.name.includes(only)) continue;
        if (made?.name !== (w.base ?? w.name)) made = { name: w.base ?? w.name, ...w.make() };
        const { wire, message } = made;
        // Pre-cut rows: cut afresh for each run, untimed (see bench-scanner-options.mjs).
        for (const [label, S] of contenders) {
          if (!same(run(S, wire, w.chunk, w.precut ? cut(wire, w.chunk) : null), message)) throw new Error(`${label} did not give back the message (${w.name})`);
        }
        const times = contenders.map(() => []);
        for (let r = 0; r < rounds; r++) {
          for (let k = 0; k < contenders.length; k++) {
            const who = (r + k) % contenders.length;
            globalThis.gc?.();
            const parts = w.precut ? cut(wire, w.chunk) : null;
            const t = performance.now();
            run(contenders[who][1], wire, w.chunk, parts);
            times[who].push(performance.now() - t);
          }
        }
        out.push({ name: w.name, bytes: wire.length, ms: Object.fromEntries(contenders.map(([l], k) => [l, median(times[k])])) });
      }
      return out;
    },
    { builds, scans, rounds: Number(opts.rounds), scale: Number(opts.scale), only: opts.only, variants: opts.variants, precut: opts.precut },
  );
  console.log(`scanner end to end in Chromium (${version}, headless), medians of ${opts.rounds} interleaved rounds, MiB/s`);
  const labels = Object.keys(results[0]?.ms ?? {});
  // The ratio columns compare --ratio, else the first scanner module's SIMD view, else the first
  // build's view path if it has one, else the first build.
  const first =
    opts.ratio ??
    (scans.length ? `${scans[0][0]}-simd (view)` : labels.includes(`${builds[0][0]} (view)`) ? `${builds[0][0]} (view)` : builds[0][0]);
  if (!labels.includes(first)) throw new Error(`--ratio ${first}: no such contender`);
  const jsLabels = labels.filter((l) => l.startsWith('JS '));
  console.log(`  ${['workload'.padEnd(38), ...labels.map((l) => l.padStart(Math.max(10, l.length))), `${first}/U8`.padStart(10), `${first}/best JS`.padStart(14)].join(' ')}`);
  for (const r of results) {
    const mib = r.bytes / (1 << 20);
    const cells = labels.map((l) => rate(mib / (r.ms[l] / 1000)).padStart(Math.max(10, l.length)));
    const ratio = `${(r.ms['JS (Uint8Array)'] / r.ms[first]).toFixed(2)}x`;
    const best = `${(Math.min(...jsLabels.map((l) => r.ms[l])) / r.ms[first]).toFixed(2)}x`;
    console.log(`  ${[r.name.padEnd(38), ...cells, ratio.padStart(10), best.padStart(14)].join(' ')}`);
  }
  if (opts.json) writeFileSync(opts.json, `${JSON.stringify({ ours: first, workloads: results }, null, 2)}\n`);
} finally {
  await browser.close();
}
