#!/usr/bin/env node
// What a visitor pays in gzip -9 bytes (every file the page asked for, counted as
// tools/bench-size.mjs counts a file) for three visits to index.html in headless Chromium:
// (a) idle: the page loads, nothing is done; (b) a typed session: EHLO, MAIL, RCPT, DATA, a
// body, the dot, QUIT, each reply explained; (c) idle, then the Reference tab opened and an
// entry outside the session (214) read. Each visit waits until no text shows a placeholder.
// Sizes only (no timing); the files each visit fetched are listed with --detail.
//
//   node tools/bench-texts.mjs [--detail] [--www name=dir ...]   (default: www)

import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { launch, openPage, serveWww, typeLine, ROOT } from '../tests/e2e/harness.mjs';
import { gzipSize } from './bench-size.mjs';

const args = process.argv.slice(2);
const detail = args.includes('--detail');
const sites = [];
for (let i = 0; i < args.length; i += 1) if (args[i] === '--www') sites.push(args[(i += 1)].split('='));
if (!sites.length) sites.push(['www', 'www']);

const gz = (file) => gzipSize(readFileSync(file));

/** Waits until neither the page nor the element shows a texts placeholder. */
async function settled(page) {
  await page.waitForFunction(() => {
    const roots = [document, ...[...document.querySelectorAll('smtp-sim')].map((e) => e.shadowRoot).filter(Boolean)];
    // Visible ones: a hidden tab draws again when shown.
    return roots.every((r) => ![...r.querySelectorAll('.texts-pending')].some((n) => n.checkVisibility()));
  });
  await page.waitForLoadState('networkidle');
}

const VISITS = {
  idle: async () => {},
  session: async (page) => {
    for (const line of ['EHLO client.example', 'MAIL FROM:<alice@example.org>', 'RCPT TO:<bob@example.net>', 'DATA', 'Subject: hi', '', 'Hello Bob.', '.', 'QUIT']) {
      await typeLine(page, line);
    }
    await page.getByRole('log', { name: 'Transcript', exact: true }).locator('button.reply').nth(6).waitFor();
  },
  reference: async (page) => {
    await page.getByRole('link', { name: 'Reference' }).click();
    await page.locator('#reference').getByRole('button', { name: /214/ }).first().click();
    await page.locator('#reference .ref-entry h3').first().waitFor();
  },
};

const browser = await launch();
const rows = [];
for (const [name, dir] of sites) {
  const root = resolve(ROOT, dir);
  const server = await serveWww(root);
  for (const [visit, act] of Object.entries(VISITS)) {
    const { page, context } = await openPage(browser, { allowedPrefixes: [server.url] });
    const files = [];
    page.on('request', (r) => {
      const path = decodeURIComponent(new URL(r.url()).pathname).replace(/^\//, '') || 'index.html';
      if (r.url().startsWith(server.url)) files.push(path);
    });
    await page.goto(server.url);
    await page.waitForSelector('#app[aria-busy="false"]', { timeout: 15000 });
    await act(page);
    await settled(page);
    const unique = [...new Set(files)];
    const sizes = unique.map((f) => [f, gz(join(root, f))]);
    const total = sizes.reduce((n, [, s]) => n + s, 0);
    const texts = sizes.filter(([f]) => f.includes('texts_')).map(([f, s]) => `${f.split('/').pop()} ${s}`);
    rows.push({ site: name, visit, total, texts: texts.join(', ') || '—' });
    if (detail) for (const [f, s] of sizes) console.log(`${name} ${visit} ${f} ${s}`);
    await context.close();
  }
  await server.close();
}
await browser.close();
console.log('| site | visit | gz bytes fetched | texts files |\n|---|---|---:|---|');
for (const r of rows) console.log(`| ${r.site} | ${r.visit} | ${r.total} | ${r.texts} |`);
