// Shared setup for the page tests: Debian's Chromium driven by playwright-core, the page served
// by tools/serve.mjs on a free loopback port, and a watch on every request and console message.

import { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startStaticServer } from '../../tools/serve.mjs';

const here = dirname(fileURLToPath(import.meta.url));
export const ROOT = join(here, '..', '..');
export const ARTIFACTS = join(here, 'artifacts');
mkdirSync(ARTIFACTS, { recursive: true });

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

export async function serveWww(root = join(ROOT, 'www')) {
  return startStaticServer(root, 0);
}

/** Waits until every element on the page that loads at once is ready (its session started). */
export async function elementsReady(page) {
  await page.waitForFunction(() => customElements.get('smtp-sim'));
  await page.evaluate(() => Promise.all([...document.querySelectorAll('smtp-sim[loading="eager"]')].map((s) => s.ready)));
}

/**
 * A fresh page that records console errors, page errors, failed responses and every request
 * whose URL is not under one of `allowedPrefixes`.
 */
export async function openPage(browser, { allowedPrefixes, colorScheme = 'light', viewport } = {}) {
  const context = await browser.newContext({
    colorScheme,
    viewport: viewport ?? { width: 1280, height: 860 },
    deviceScaleFactor: 1,
  });
  // A Content-Security-Policy violation is a console error, so assertClean fails on it.
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
    });
  });
  const page = await context.newPage();
  const problems = { console: [], page: [], foreign: [], failed: [] };
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.console.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.page.push(String(e)));
  page.on('dialog', (d) => {
    problems.page.push(`unexpected dialog: ${d.message()}`);
    d.dismiss();
  });
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (allowedPrefixes.some((p) => url.startsWith(p))) return route.continue();
    problems.foreign.push(url);
    return route.abort();
  });
  page.on('response', (r) => {
    if (r.status() >= 400) problems.failed.push(`${r.status()} ${r.url()}`);
  });
  return { context, page, problems };
}

/** Types a line key by key, as a person would, and presses Enter. */
export async function typeLine(page, line) {
  const input = page.getByRole('textbox', { name: /command/i });
  await input.focus();
  await page.keyboard.type(line, { delay: 5 });
  await page.keyboard.press('Enter');
}

/** True when `locator`'s element has focus, inside a shadow root or not. */
export async function isFocused(locator) {
  return locator.evaluate((node) => node.getRootNode().activeElement === node && node.ownerDocument.hasFocus());
}

export function screenshotPath(name) {
  return join(ARTIFACTS, `${name}.png`);
}

/**
 * Serves www/ (or `root`, e.g. the repository root for test pages under tests/e2e/fixtures/) and
 * launches Chromium for the test file that calls it (before its tests, closed after them), and
 * returns `open(path?, options?)`: a fresh page (see `openPage`) at the served root, or at
 * `options.url`, with `path` (a hash or a file) appended, once the simulator is ready (for the
 * full page: #app not busy; `options.ready: 'elements'`: every eager element ready; `false`: no
 * wait). Only requests under that address are allowed unless `options.allowedPrefixes` says
 * otherwise; `options.before(opened)` runs before the page is loaded (to add routes). `open.url()`
 * is the served root's address, `open.browser()` the browser.
 */
export function servedPage({ root = join(ROOT, 'www') } = {}) {
  let browser;
  let server;
  before(async () => {
    assert.ok(existsSync(join(ROOT, 'www/pkg/smtp_sim_bg.wasm')), 'run ./build.sh first');
    server = await serveWww(root);
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });
  async function open(hash = '', options = {}) {
    const base = options.url ?? server.url;
    const opened = await openPage(browser, { allowedPrefixes: [base], ...options });
    if (options.before) await options.before(opened);
    await opened.page.goto(base + hash);
    const ready = options.ready ?? 'page';
    if (ready === 'page') await opened.page.waitForSelector('#app[aria-busy="false"]', { timeout: 15000 });
    else if (ready === 'elements') await elementsReady(opened.page);
    return opened;
  }
  open.url = () => server.url;
  open.browser = () => browser;
  return open;
}

/** Asserts that a page (from `openPage`) stayed on its own host and logged nothing wrong. */
export function assertClean(problems) {
  assert.deepEqual(problems.foreign, [], 'no request to another host');
  assert.deepEqual(problems.console, [], 'no console error or warning');
  assert.deepEqual(problems.page, [], 'no page error');
  assert.deepEqual(problems.failed, [], 'no failed response (favicon included)');
}
