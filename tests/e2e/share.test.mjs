// Share links in Debian's headless Chromium: a session typed into the page becomes a link
// (`shareUrl()`, the Share tool), the link opened in a new page replays the same transcript with
// no drift, AUTH secrets stay out of it, a tampered link says what is wrong in words (no stack
// trace), and `smtp-sim link` prints the very same URL for the exported transcript.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, assertClean, servedPage, typeLine } from './harness.mjs';
import en from '../../www/i18n/en-tools.js';
import pt from '../../www/i18n/pt-BR-tools.js';

const open = servedPage();

/** A typical ten-command session. */
const SESSION = [
  'EHLO pc.example.test',
  'MAIL FROM:<ana@example.test>',
  'RCPT TO:<bia@example.test>',
  'DATA',
  'Subject: shared',
  '',
  '..a dot-stuffed line',
  '.',
  'NOOP',
  'QUIT',
];

const sim = (page) => page.locator('smtp-sim#session');

/** Opens a page at `url` (a share link) and waits until its replay has said how it went. */
async function openLink(url) {
  const opened = await open('', { url, allowedPrefixes: [open.url()], ready: 'page' });
  await opened.page.locator('smtp-sim#session .entry.notice').filter({ hasText: /Shared session replayed|share link|not a share link/ }).first().waitFor();
  return opened;
}

/** `smtp-sim ARGS…` from this checkout (built by cargo if needed). */
function cli(args) {
  return execFileSync('cargo', ['run', '-q', '--bin', 'smtp-sim', '--', ...args], { cwd: ROOT, encoding: 'utf8' });
}

test('a typed session shared, opened in a new page, replays the same with no drift; the CLI makes the same URL', async () => {
  const { page, problems } = await open('index.html');
  for (const line of SESSION) await typeLine(page, line);
  const text = await sim(page).evaluate((s) => s.export('text'));
  const url = await sim(page).evaluate((s) => s.shareUrl());
  assert.ok(url.startsWith(`${open.url()}index.html#s=1.z.`), url);
  assert.equal(await page.evaluate(() => location.hash), '', 'the host page address is untouched');

  const second = await openLink(url);
  assert.equal(await sim(second.page).evaluate((s) => s.export('text')), text, 'the same transcript');
  assert.equal(await second.page.locator('smtp-sim#session .entry.notice.drift').count(), 0, 'no drift');
  await second.page.getByText(en.share.same).waitFor();
  assertClean(second.problems);

  // The CLI, given the exported transcript and the page's address, prints the identical URL.
  const dir = mkdtempSync(join(tmpdir(), 'smtp-sim-share-'));
  try {
    writeFileSync(join(dir, 'session.smtp'), text);
    const printed = cli(['link', '--base', `${open.url()}index.html`, join(dir, 'session.smtp')]).trim();
    assert.equal(printed, url);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  assertClean(problems);
});

test('AUTH secrets are redacted in a share link unless asked, and the redacted session replays without drift', async () => {
  const { page, problems } = await open('index.html');
  // "\0bob\0secret": not the demo account, so it is a secret.
  for (const line of ['EHLO pc.example.test', 'AUTH PLAIN AGJvYgBzZWNyZXQ=', 'AUTH LOGIN', 'Ym9i', 'c2VjcmV0', 'QUIT']) await typeLine(page, line);
  const url = await sim(page).evaluate((s) => s.shareUrl());
  const opened = cli(['open', url]);
  assert.doesNotMatch(opened, /AGJvYgBzZWNyZXQ=|Ym9i|c2VjcmV0/);
  assert.match(opened, /C: AUTH PLAIN <redacted>/);
  assert.match(opened, /C: <redacted>/);
  const kept = await sim(page).evaluate((s) => s.shareUrl({ credentials: true }));
  assert.match(cli(['open', kept]), /C: AUTH PLAIN AGJvYgBzZWNyZXQ=/);

  const second = await openLink(url);
  const text = await sim(second.page).evaluate((s) => s.export('text'));
  assert.doesNotMatch(text, /AGJvYgBzZWNyZXQ=|Ym9i|c2VjcmV0/);
  assert.equal(await second.page.locator('smtp-sim#session .entry.notice.drift').count(), 0, 'redacted lines are not drift');
  assertClean(second.problems);
  assertClean(problems);
});

test('a tampered link shows what is wrong in words, with no stack trace', async () => {
  const { page, problems } = await open('index.html');
  for (const line of SESSION.slice(0, 3)) await typeLine(page, line);
  const url = await sim(page).evaluate((s) => s.shareUrl());
  const payload = url.slice(url.indexOf('#s=') + 3);
  const rows = [
    // Cut at a whole base64 group, so it is the DEFLATE stream that ends early.
    [payload.slice(0, 4 + Math.floor((payload.length - 4) / 8) * 4), en.share.error.Deflate],
    [payload.replace(/^1\./, '7.'), en.share.error.Version],
    [payload.replace(/^1\.z\./, '1.q.'), en.share.error.Codec],
    [`${payload}!`, en.share.error.Base64],
  ];
  for (const [bad, says] of rows) {
    const opened = await openLink(`${open.url()}index.html#s=${bad}`);
    const log = sim(opened.page).getByRole('log');
    await log.getByText(says).waitFor();
    const shown = await log.innerText();
    assert.doesNotMatch(shown, /\bat \w+ \(|Error:|smtp-sim: share|DOMException/, 'no stack trace or error class');
    assertClean(opened.problems);
  }
  // The method says the same, as a DataError.
  const err = await sim(page).evaluate((s) => s.load({ state: '1.z.@@' }).then(() => null, (e) => [e.name, e.message]));
  assert.deepEqual(err, ['DataError', en.share.error.Base64]);
  assertClean(problems);
});

test('the Share tool shows the link and its length, warns past 2,000 characters and offers a file past 32,000', async () => {
  const { page, problems } = await open('index.html');
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await typeLine(page, 'EHLO pc.example.test');
  const tool = sim(page).locator('details.share');
  await tool.locator('summary').click();
  await tool.getByRole('button', { name: en.share.make }).click();
  const link = tool.getByRole('textbox', { name: en.share.link });
  await link.waitFor();
  const value = await link.inputValue();
  assert.equal(value, await sim(page).evaluate((s) => s.shareUrl()));
  await tool.getByText(en.share.ready.replace('{n}', String(value.length))).waitFor();

  // Lines a compressor cannot shorten: NOOP with a long pseudo-random word (RFC 5321 §4.1.1.9
  // lets NOOP take a string), so a few hundred commands make a link past 32,000 characters.
  const noops = (count, seed) =>
    sim(page).evaluate(
      async (s, [n, x0]) => {
        let x = x0;
        for (let i = 0; i < n; i += 1) {
          let word = '';
          for (let k = 0; k < 200; k += 1) {
            // xorshift32: integer-exact in JS, unlike a multiplier past 2^53.
            x ^= x << 13;
            x ^= x >>> 17;
            x ^= x << 5;
            word += ((x >>> 0) % 36).toString(36);
          }
          await s.send(`NOOP ${word}`);
        }
      },
      [count, seed],
    );
  await noops(15, 7);
  await tool.getByRole('button', { name: en.share.make }).click();
  await tool.getByText(/some chats and course sites cut links over 2,000/).waitFor();
  await noops(200, 11);
  await tool.getByRole('button', { name: en.share.make }).click();
  const download = tool.getByRole('link', { name: en.share.download });
  await download.waitFor();
  assert.equal(await link.isHidden(), true, 'no link past 32,000 characters');
  assert.match(await download.getAttribute('href'), /^blob:/);
  assertClean(problems);
});

test('the tools\' labels come with their code, and a language change while they are open relabels them', async () => {
  const labels = [];
  const { page, problems } = await open('index.html', {
    before: ({ page: p }) =>
      p.on('request', (r) => {
        const name = r.url().split('/').pop();
        if (/\.(?:en|pt-BR)-tools\.js$/.test(name)) labels.push(name);
      }),
  });
  await typeLine(page, 'EHLO pc.example.test');
  assert.deepEqual(labels, [], 'not in the first load');
  const tool = sim(page).locator('details.share');
  await tool.locator('summary').click();
  await tool.getByRole('button', { name: en.share.make }).waitFor();
  await page.getByRole('combobox', { name: 'Language' }).selectOption('pt-BR');
  await tool.getByRole('button', { name: pt.share.make }).waitFor();
  assert.equal(await tool.locator('summary').innerText(), 'Compartilhar');
  assert.equal(await tool.locator('input.share-link').getAttribute('aria-label'), pt.share.link);
  assert.deepEqual(labels.sort(), ['app.en-tools.js', 'app.pt-BR-tools.js']);
  assertClean(problems);
});
