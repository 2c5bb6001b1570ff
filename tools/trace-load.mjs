// Where the renderer's main thread spends the load (issue 12): one Chromium trace per round from
// navigation to the usable command input (as tools/bench-load.mjs defines it), its events
// attributed by self time to script, wasm, style, layout, paint, HTML parsing, GC and other.
// Thread time by default (CPU the main thread used: steadier than wall time on a shared
// machine); --wall attributes wall time instead. Builds are interleaved, medians printed.
//
//   node tools/trace-load.mjs [--runs 5] [--wall] [--page index.html] --www NAME=DIR …
//
// The page's usable moment is polled in the page (an init script, every animation frame) and
// reported by a console message: Playwright's waitForFunction would evaluate its injected script
// in the page during the load, a task of its own on the traced thread (bench/RESULTS.md §27).
//
// Columns: usable (ms after navigation, polled in the page), busy (sum of the kinds), the kinds,
// fonts (font lookups the renderer asked the browser for: a synchronous IPC each — a family
// matched, or a strike's render style), lookups (FontCache::GetFontPlatformData: a family, size,
// weight and style resolved, found or not), FP (the thread time of Document::FinishedParsing,
// where Chromium forces the page's first layout), and the key task: the top-level task of the
// main thread with the most thread time before usable (the one that starts the session), its
// wall and thread time and the font IPCs inside it.

import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startStaticServer } from './serve.mjs';

const root = join(fileURLToPath(import.meta.url), '..', '..');
const args = process.argv.slice(2);
const value = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const runs = Number(value('--runs', 5));
const pagePath = value('--page', 'index.html');
const field = args.includes('--wall') ? 'dur' : 'tdur';
const builds = [];
for (let i = 0; i < args.length; i += 1) {
  if (args[i] === '--www') {
    const [name, dir] = args[i + 1].split('=');
    builds.push({ name, dir: resolve(dir ?? name), rows: [] });
  }
}
if (!builds.length) builds.push({ name: 'www', dir: join(root, 'www'), rows: [] });

const KINDS = [
  ['script', /^(EvaluateScript|v8\.|V8\.Parse|V8\.Compile|FunctionCall|RunMicrotasks|BlinkScheduler_PerformMicrotaskCheckpoint|TimerFire|FireAnimationFrame|EventDispatch|CustomElementReactionQueue)/],
  ['wasm', /^(wasm\.|v8\.wasm)/],
  ['style', /^(UpdateLayoutTree|Document::updateStyle|Document::recalcStyle|CSSParserImpl|ParseAuthorStyleSheet|Blink\.ParseStyleSheet)/],
  ['layout', /^(Layout|LocalFrameView::performLayout|LocalFrameView::layout)$/],
  ['paint', /^(Paint|PrePaint|Layerize|Commit|UpdateLayer|LocalFrameView::Run(Pre)?PaintLifecyclePhase)$/],
  ['parse', /^(ParseHTML|HTMLDocumentParser)/],
  ['gc', /GC/],
];
// wasm before script: v8.wasm.* would otherwise count as script.
const kindOf = (name) => (KINDS[1][1].test(name) ? 'wasm' : KINDS.find(([, re]) => re.test(name))?.[0] ?? null);

/** The same test as bench-load.mjs: the element's input enabled and focused. */
function usableAt() {
  const sim = document.querySelector('smtp-sim');
  const active = sim?.shadowRoot?.activeElement;
  const ok = active && /^(INPUT|TEXTAREA)$/.test(active.tagName) && !active.disabled && document.activeElement === sim;
  return ok ? performance.now() : false;
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});

/** In the page from its first script: logs DONE with the time of the first usable frame. */
function pollUsable(check, done) {
  const poll = () => {
    const at = check();
    if (at === false) requestAnimationFrame(poll);
    else console.debug(done, at);
  };
  requestAnimationFrame(poll);
}
const DONE = 'trace-load: usable at';

async function once(b) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  await context.addInitScript(`(${pollUsable})(${usableAt}, ${JSON.stringify(DONE)})`);
  const page = await context.newPage();
  await browser.startTracing(page, {
    categories: ['devtools.timeline', 'v8', 'v8.wasm', 'blink', 'loading', 'blink.user_timing', 'toplevel', 'fonts', 'disabled-by-default-devtools.timeline', 'disabled-by-default-v8.compile'],
  });
  const url = new URL(pagePath, b.server.url).href;
  const told = page.waitForEvent('console', { predicate: (m) => m.text().startsWith(DONE), timeout: 30_000 });
  await page.goto(url, { waitUntil: 'commit' });
  const at = Number((await told).text().slice(DONE.length));
  const raw = JSON.parse((await browser.stopTracing()).toString()).traceEvents.sort((x, y) => x.ts - y.ts);
  await context.close();
  const nav = raw.filter((e) => e.name === 'navigationStart' && String(e.args?.data?.documentLoaderURL ?? '').startsWith(b.server.url)).at(-1);
  const thread = `${nav.pid}:${nav.tid}`;
  const t0 = nav.ts;
  const t1 = t0 + at * 1000;
  // Begin/end pairs and complete events of the main thread, as spans.
  const spans = [];
  const open = [];
  for (const e of raw) {
    if (`${e.pid}:${e.tid}` !== thread) continue;
    if (e.ph === 'B') open.push(e);
    else if (e.ph === 'E') {
      const s = open.pop();
      if (s) spans.push({ name: s.name, ts: s.ts, dur: e.ts - s.ts, tdur: (e.tts ?? 0) - (s.tts ?? 0) });
    } else if (e.ph === 'X' && e.dur != null) spans.push({ name: e.name, ts: e.ts, dur: e.dur, tdur: e.tdur ?? 0 });
  }
  spans.sort((x, y) => x.ts - y.ts || y.dur - x.dur);
  const inside = spans.filter((s) => s.ts >= t0 && s.ts + s.dur <= t1);
  // Self time, attributed to the nearest event (itself or an ancestor) of a known kind.
  const row = { usable: at };
  const stack = [];
  const self = new Map();
  for (const s of inside) {
    while (stack.length && stack.at(-1).ts + stack.at(-1).dur <= s.ts) stack.pop();
    const parent = stack.at(-1);
    s.kind = kindOf(s.name) ?? parent?.kind ?? 'other';
    if (parent) self.set(parent, self.get(parent) - s[field]);
    self.set(s, s[field]);
    stack.push(s);
  }
  for (const [s, time] of self) row[s.kind] = (row[s.kind] ?? 0) + Math.max(0, time) / 1000;
  row.busy = [...KINDS.map(([k]) => k), 'other'].reduce((sum, k) => sum + (row[k] ?? 0), 0);
  const fontIpc = (s) => /WebSandboxSupportLinux|onMatchFamilyStyle/.test(s.name);
  row.fonts = inside.filter(fontIpc).length;
  row.lookups = inside.filter((s) => s.name === 'FontCache::GetFontPlatformData').length;
  // Top-level tasks: spans not inside an earlier one.
  let end = 0;
  const tasks = [];
  for (const s of inside) {
    if (s.ts < end) continue;
    end = s.ts + s.dur;
    tasks.push(s);
  }
  const key = tasks.reduce((a, s) => (s.tdur > (a?.tdur ?? -1) ? s : a), null);
  if (key) {
    row.keyWall = key.dur / 1000;
    row.keyCpu = key.tdur / 1000;
    row.keyFonts = inside.filter((s) => fontIpc(s) && s.ts >= key.ts && s.ts + s.dur <= key.ts + key.dur).length;
  }
  row.FP = inside.filter((s) => s.name === 'Document::FinishedParsing').reduce((sum, s) => sum + s.tdur, 0) / 1000;
  return row;
}

for (const b of builds) {
  b.server = await startStaticServer(b.dir, 0);
  await once(b); // warm-up, not counted
}
for (let r = 0; r < runs; r += 1) {
  for (const b of builds.map((_, i) => builds[(i + r) % builds.length])) b.rows.push(await once(b));
}
await browser.close();
for (const b of builds) await b.server.close();

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const cols = ['usable', 'busy', ...KINDS.map(([k]) => k), 'other', 'fonts', 'lookups', 'FP', 'keyWall', 'keyCpu', 'keyFonts'];
const whole = new Set(['fonts', 'lookups', 'keyFonts']);
console.log(`main thread from navigation to usable, ${pagePath}, ${field === 'tdur' ? 'thread' : 'wall'} time in ms, medians of ${runs}`);
console.log(`  ${''.padEnd(12)}${cols.map((c) => c.padStart(9)).join('')}`);
for (const b of builds) {
  console.log(`  ${b.name.padEnd(12)}${cols.map((c) => median(b.rows.map((r) => r[c] ?? 0)).toFixed(whole.has(c) ? 0 : 1).padStart(9)).join('')}`);
}
