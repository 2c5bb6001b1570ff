// Load time (issue 12): navigation to a usable command input, in headless Chromium (Debian's,
// driven by playwright-core as the page tests do), the page served locally by tools/serve.mjs.
// "Usable": the element's command input is enabled and has the focus (index.html autofocuses
// it). Each round opens a fresh browser context (empty cache); the time is performance.now() in
// the page when the input was first seen usable (polled every animation frame), i.e. from the
// navigation's start. Several builds can be compared side by side: rounds are interleaved and
// who goes first rotates. Medians are printed; nothing is asserted.
//
// "Greeting shown" is timed beside it: the server's first reply (220) laid out in the element's
// transcript, i.e. the engine in and the session started. The input may be usable before that
// (what is typed meanwhile is queued and sent once the engine is in): the two are different
// moments, printed side by side. The floor page has no transcript: "—".
//
// The poll runs in the page from its first script on (an init script), so the time is the page's
// own. The page says when it has both times by a console message, and only then does the tool
// evaluate anything in it: Playwright's waitForFunction (how this tool read them before §27)
// evaluates Playwright's injected script in the page at once, a task of 15–180 ms on the page's
// main thread in the middle of its load (the trace shows it as an EvaluateScript before
// early.min.js's); --read-by-wait reads them that way again, to compare with older numbers.
// --harness-poll polls with Playwright's waitForFunction instead, as this tool did first:
// that poll starts only once Playwright's injected script is set up in the new document (tens of
// ms), so a page usable sooner is timed when the poll starts, not when it became usable.
//
//   node tools/bench-load.mjs [--rounds 10] [--page index.html] [--www NAME=DIR …] [--slow] [--harness-poll] [--read-by-wait] [--detail] [--json FILE]
//
// bench/floor/ is the floor page (`--www floor=bench/floor`): what any usable input costs here.
//
// --detail also prints, per build, the medians of when the first wasm module and the labels file
// (app.<lang>.js) were requested and were in, and of the first contentful paint (resource and
// paint timing in the page): where the chain to usable stands, steadier than its end under load.
//
// --slow also times a throttled link (CDP network emulation: 400 kbit/s, 400 ms latency): when
// the page first shows it is loading (the placeholder's shimmer, or the element's "Loading…"
// status; on a page that ships the element's first screen, that screen's pulsing log), and when
// the input is usable.

import { writeFileSync } from 'node:fs';
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
const rounds = Number(value('--rounds', 10));
const pagePath = value('--page', 'index.html');
const slow = args.includes('--slow');
const harnessPoll = args.includes('--harness-poll');
const readByWait = args.includes('--read-by-wait');
/** The console message the page's poll logs once it has both times. */
const DONE = 'bench-load: times taken';
const detail = args.includes('--detail');
const builds = [];
for (let i = 0; i < args.length; i += 1) {
  if (args[i] === '--www') {
    const [name, dir] = args[i + 1].includes('=') ? args[i + 1].split('=') : [args[i + 1], args[i + 1]];
    builds.push({ name, dir: resolve(dir) });
  }
}
if (!builds.length) builds.push({ name: 'www', dir: join(root, 'www') });

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});
for (const b of builds) {
  b.server = await startStaticServer(b.dir, 0);
  b.usable = [];
  b.greeting = [];
  b.slowLoading = [];
  b.slowUsable = [];
  b.detail = [];
}

/** In the page: when the first wasm module and labels file were requested and in, and the FCP. */
function chain() {
  const entries = performance.getEntriesByType('resource');
  const first = (re) => entries.find((e) => re.test(new URL(e.name).pathname));
  const wasm = first(/\.wasm$/);
  const labels = first(/\.(en|pt-BR)\.js$/);
  const fcp = performance.getEntriesByName('first-contentful-paint')[0];
  return {
    'wasm asked': wasm?.startTime,
    'wasm in': wasm?.responseEnd,
    'labels asked': labels?.startTime,
    'labels in': labels?.responseEnd,
    fcp: fcp?.startTime,
  };
}

/** In the page: performance.now() once the command input is enabled and focused, else false. */
function usableAt() {
  const sim = document.querySelector('smtp-sim');
  const active = sim?.shadowRoot?.activeElement;
  const ok = active && /^(INPUT|TEXTAREA)$/.test(active.tagName) && !active.disabled && document.activeElement === sim;
  return ok ? performance.now() : false;
}

/**
 * In the page: performance.now() once it shows it is loading, else false (-1 once it is usable
 * with none shown): the element's placeholder shimmer (before its script ran), the pulsing log of
 * the first screen the page shipped in its shadow root, or its visible "Loading…" status.
 */
function loadingShownAt() {
  const sim = document.querySelector('smtp-sim');
  if (!sim) return false;
  if (!customElements.get('smtp-sim') && getComputedStyle(sim).animationName !== 'none' && sim.getClientRects().length) {
    return performance.now();
  }
  // The first screen the page ships in the element's shadow root: its empty log pulses.
  const first = sim.shadowRoot?.querySelector('.first .transcript');
  if (first && getComputedStyle(first).animationName !== 'none' && first.getClientRects().length) return performance.now();
  const status = sim.shadowRoot?.querySelector('.loading');
  if (status && !status.hidden && status.textContent.trim() && status.getClientRects().length) return performance.now();
  // Usable before any loading state was seen (the floor: nothing to load): -1, no time.
  return window.__usableAt !== undefined ? -1 : false;
}

/**
 * In the page: performance.now() once the greeting (the first server reply) is laid out in the
 * element's transcript, else false; null on a page whose element has no transcript (the floor).
 */
function greetingAt() {
  const root = document.querySelector('smtp-sim')?.shadowRoot;
  if (root && !root.querySelector('.transcript') && window.__usableAt !== undefined) return null;
  const reply = root?.querySelector('.transcript .entry.server');
  return reply?.getClientRects().length ? performance.now() : false;
}

/**
 * In the page from its first script: records window.__usableAt on the first usable frame and
 * window.__greetingAt on the first frame with the greeting shown.
 */
function pollUsable(check, greeting, done) {
  const poll = () => {
    if (window.__usableAt === undefined) {
      const at = check();
      if (at !== false) window.__usableAt = at;
    }
    if (window.__greetingAt === undefined) {
      const at = greeting();
      if (at !== false) window.__greetingAt = at;
    }
    if (window.__usableAt === undefined || window.__greetingAt === undefined) requestAnimationFrame(poll);
    else console.debug(done);
  };
  requestAnimationFrame(poll);
}

async function once(b, { throttled }) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  if (!harnessPoll) await context.addInitScript(`(${pollUsable})(${usableAt}, ${greetingAt}, ${JSON.stringify(DONE)})`);
  const page = await context.newPage();
  if (throttled) {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 400,
      downloadThroughput: (400 * 1000) / 8,
      uploadThroughput: (400 * 1000) / 8,
    });
  }
  const timeout = throttled ? 120_000 : 30_000;
  const taken = harnessPoll || readByWait || throttled ? null : page.waitForEvent('console', { predicate: (m) => m.text() === DONE, timeout });
  await page.goto(new URL(pagePath, b.server.url).href, { waitUntil: 'commit' });
  let loadingAt = null;
  if (throttled) {
    // A page usable before it shows any loading state has no "loading" time (-1, kept as null):
    // waiting for that state alone timed out on the floor page, and `./build.sh bench` with it.
    loadingAt = await (await page.waitForFunction(loadingShownAt, null, { polling: 'raf', timeout })).jsonValue();
    if (loadingAt === -1) loadingAt = null;
  }
  if (taken) await taken;
  const at = harnessPoll
    ? await (await page.waitForFunction(usableAt, null, { polling: 'raf', timeout })).jsonValue()
    : await (await page.waitForFunction(() => window.__usableAt ?? false, null, { polling: 100, timeout })).jsonValue();
  const greeted = harnessPoll
    ? null
    : await (await page.waitForFunction(() => (window.__greetingAt === undefined ? false : { at: window.__greetingAt }), null, { polling: 100, timeout })).jsonValue();
  const steps = detail && !throttled ? await page.evaluate(chain) : null;
  await context.close();
  return { at, loadingAt, steps, greetingAt: greeted?.at ?? null };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

// One warm-up per build (the browser's own first start), not counted.
for (const b of builds) await once(b, { throttled: false });
for (let r = 0; r < rounds; r += 1) {
  const order = builds.map((_, i) => builds[(i + r) % builds.length]);
  for (const b of order) {
    const { at, steps, greetingAt: greeting } = await once(b, { throttled: false });
    b.usable.push(at);
    if (greeting != null) b.greeting.push(greeting);
    if (steps) b.detail.push(steps);
  }
}
if (slow) {
  for (let r = 0; r < Math.min(rounds, 3); r += 1) {
    for (const b of builds) {
      const { at, loadingAt } = await once(b, { throttled: true });
      b.slowUsable.push(at);
      if (loadingAt != null) b.slowLoading.push(loadingAt);
    }
  }
}
await browser.close();
for (const b of builds) await b.server.close();

const ms = (x) => `${x.toFixed(0).padStart(6)} ms`;
console.log(`load: navigation → command input usable | greeting shown, ${pagePath}, medians of ${rounds} (Chromium, served locally, ${harnessPoll ? "Playwright's poll" : 'polled in the page'}${readByWait ? ', read by waitForFunction' : ''})`);
const spread = (xs) => {
  const s = [...xs].sort((x, y) => x - y);
  return `(min ${s[0].toFixed(0)}, max ${s.at(-1).toFixed(0)})`;
};
for (const b of builds) {
  const greeting = b.greeting.length ? `${ms(median(b.greeting))}   ${spread(b.greeting)}` : '     —';
  console.log(`  ${b.name.padEnd(12)} usable ${ms(median(b.usable))}   ${spread(b.usable).padEnd(20)} | greeting ${greeting}`);
}
if (detail) {
  console.log('the chain, medians in ms after navigation (— when the page asked for none)');
  const keys = ['wasm asked', 'wasm in', 'labels asked', 'labels in', 'fcp'];
  console.log(`  ${''.padEnd(12)}${keys.map((k) => k.padStart(14)).join('')}`);
  for (const b of builds) {
    const cells = keys.map((k) => {
      const xs = b.detail.map((d) => d[k]).filter((x) => x != null);
      return (xs.length ? median(xs).toFixed(0) : '—').padStart(14);
    });
    console.log(`  ${b.name.padEnd(12)}${cells.join('')}`);
  }
}
if (slow) {
  console.log(`throttled link (400 kbit/s, 400 ms latency), medians of ${Math.min(rounds, 3)}: "Loading…" shown / input usable`);
  for (const b of builds) console.log(`  ${b.name.padEnd(12)} ${b.slowLoading.length ? ms(median(b.slowLoading)) : '     — (none shown)'} / ${ms(median(b.slowUsable))}`);
}
const json = value('--json');
if (json) {
  const summary = (xs) => (xs.length ? { median: median(xs), min: Math.min(...xs), max: Math.max(...xs), n: xs.length } : null);
  const out = { page: pagePath, rounds, builds: {} };
  for (const b of builds) out.builds[b.name] = { usable: summary(b.usable), greeting: summary(b.greeting), slowLoading: summary(b.slowLoading), slowUsable: summary(b.slowUsable) };
  writeFileSync(json, `${JSON.stringify(out, null, 2)}\n`);
}
