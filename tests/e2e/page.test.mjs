// The page as a person uses it, in Debian's headless Chromium: typed key by key, switched to
// Portuguese, driven by keyboard, opened from disk. Every test also checks that the page asked
// no other host for anything and logged no error.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, assertClean, isFocused, screenshotPath, servedPage, typeLine } from './harness.mjs';

const open = servedPage();

const transcript = (page) => page.getByRole('log');
const explanation = (page, name = 'Explanation') => page.getByRole('region', { name });

/** The English labels that are not Portuguese words as well (www/i18n), placeholders left out. */
async function englishOnlyLabels() {
  const load = async (name) => (await import(pathToFileURL(join(ROOT, 'www', 'i18n', `${name}.js`)).href)).default;
  const table = async (lang) => ({
    ...(await load(lang)),
    ...(await load(`${lang}-views`)),
    ...(await load(`${lang}-tools`)),
    ...(await load(`${lang}-page`)),
  });
  const flat = (o) => Object.values(o).flatMap((v) => (typeof v === 'string' ? [v] : flat(v)));
  const pt = new Set(flat(await table('pt-BR')));
  return new Set(flat(await table('en')).filter((v) => !pt.has(v) && !v.includes('{') && v.length > 3));
}

/** The text of the last server reply in the transcript. */
async function lastReply(page) {
  return transcript(page).locator('button.reply').last().innerText();
}

test('a whole session typed key by key, with 354 and 221 explained', async () => {
  const { page, problems, context } = await open();
  const log = transcript(page);
  await assert.doesNotReject(log.getByText('220 mx.example.test ESMTP smtp-sim').waitFor());

  await typeLine(page, 'EHLO client.example');
  assert.match(await lastReply(page), /^S:\s*250-mx\.example\.test/);
  assert.match(await lastReply(page), /\n\s*250 /, 'the multi-line EHLO reply is intact');
  assert.match(await page.locator('#state-name').innerText(), /ready|greeted/i);

  await typeLine(page, 'MAIL FROM:<alice@example.org>');
  assert.match(await lastReply(page), /250 2\.1\.0/);
  await typeLine(page, 'RCPT TO:<bob@example.net>');
  assert.match(await lastReply(page), /250 2\.1\.5/);

  await typeLine(page, 'DATA');
  assert.match(await lastReply(page), /^S:\s*354 /);
  const region = explanation(page);
  await assert.doesNotReject(region.locator('.code-big').getByText('3').waitFor());
  assert.equal(await region.locator('.code-big').getAttribute('aria-label'), '354');
  const dataExplained = await region.innerText();
  assert.match(dataExplained, /Description/i);
  assert.match(dataExplained, /RFC 5321/);
  assert.match(dataExplained, /In this session/i, 'a contextual sentence');
  assert.ok(await page.getByText(/a line with only a dot/i).isVisible(), 'the DATA hint shows');
  await page.screenshot({ path: screenshotPath('session-data') });

  await typeLine(page, 'Subject: Hello');
  await typeLine(page, '');
  await typeLine(page, '..a line that starts with a dot');
  assert.equal(
    await page.locator('#message-body').textContent(),
    'Subject: Hello\r\n\r\n.a line that starts with a dot\r\n',
    'the preview shows the message with the stuffing dot removed',
  );
  await typeLine(page, '.');
  assert.match(await lastReply(page), /^S:\s*250 2\.0\.0/);
  assert.match(await page.locator('#message-panel').innerText(), /accepted/i);

  await typeLine(page, 'QUIT');
  assert.match(await lastReply(page), /^S:\s*221 /);
  const quitExplained = await region.innerText();
  assert.equal(await region.locator('.code-big').getAttribute('aria-label'), '221');
  assert.match(quitExplained, /Description/i);
  assert.doesNotMatch(quitExplained, /No explanation/);
  assert.match(await page.locator('#state-name').innerText(), /closed/i);

  // Clicking an earlier reply selects it; the newest no longer is.
  await log.locator('button.reply', { hasText: '354' }).click();
  assert.equal(await region.locator('.code-big').getAttribute('aria-label'), '354');
  assert.equal(await log.locator('button.reply[aria-pressed="true"]').count(), 1);

  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: screenshotPath('session-done') });
  // The README's picture is refreshed on request, so a test run leaves the checkout unchanged.
  if (process.env.UPDATE_SCREENSHOT) {
    mkdirSync(join(ROOT, 'docs'), { recursive: true });
    copyFileSync(screenshotPath('session-done'), join(ROOT, 'docs', 'screenshot.png'));
  }
  assertClean(problems);
  await context.close();
});

test('RCPT before MAIL gets 503, explained', async () => {
  const { page, problems, context } = await open();
  await typeLine(page, 'EHLO client.example');
  await typeLine(page, 'RCPT TO:<bob@example.net>');
  assert.match(await lastReply(page), /^S:\s*503 5\.5\.1/);
  const region = explanation(page);
  assert.equal(await region.locator('.code-big').getAttribute('aria-label'), '503');
  const text = await region.innerText();
  assert.match(text, /How to fix/i);
  assert.match(text, /MAIL/);
  // The session goes on.
  await typeLine(page, 'MAIL FROM:<alice@example.org>');
  assert.match(await lastReply(page), /^S:\s*250/);
  assertClean(problems);
  await context.close();
});

test('language switch relabels everything and is remembered', async () => {
  const { page, problems, context } = await open();
  await typeLine(page, 'EHLO client.example');
  await typeLine(page, 'RCPT TO:<bob@example.net>');
  const englishExplanation = await explanation(page).innerText();
  assert.match(englishExplanation, /How to fix/i);

  // Every text written after choosing Português (the page's and the element's, labels and the
  // module's explanations): none may be English, not even for a moment while the labels and the
  // Portuguese module load.
  await page.evaluate(() => {
    window.written = [];
    const seen = new MutationObserver((records) => {
      for (const r of records) {
        if (r.type === 'characterData') window.written.push(r.target.data);
        else if (r.type === 'attributes') window.written.push(r.target.getAttribute(r.attributeName) ?? '');
        else for (const node of r.addedNodes) window.written.push(node.textContent ?? '');
      }
    });
    const what = { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['aria-label', 'placeholder', 'content'] };
    seen.observe(document, what);
    seen.observe(document.getElementById('session').shadowRoot, what);
  });
  await page.getByRole('combobox', { name: 'Language' }).selectOption('pt-BR');
  assert.equal(await page.locator('html').getAttribute('lang'), 'pt-BR');
  const region = explanation(page, 'Explicação');
  // Labels and explanation arrive together, once the Portuguese labels and module are in.
  await region.filter({ hasText: /Como corrigir/i }).waitFor();
  assert.ok(await page.getByRole('button', { name: 'Reiniciar sessão' }).isVisible());
  assert.ok(await page.getByRole('textbox', { name: 'Comando SMTP' }).isVisible());
  const portugueseExplanation = await region.innerText();
  const written = await page.evaluate(() => window.written.map((text) => text.trim()).filter(Boolean));
  assert.ok(written.length > 0, 'the switch was recorded');
  const english = await englishOnlyLabels();
  assert.deepEqual(written.filter((text) => english.has(text)), [], 'no English label after choosing Português');
  assert.deepEqual(written.filter((text) => /How to fix/i.test(text)), [], 'no English explanation after choosing Português');
  assert.notEqual(portugueseExplanation, englishExplanation);
  assert.match(portugueseExplanation, /Como corrigir/i);
  assert.match(await page.locator('#state-name').innerText(), /Apresentado/);

  await page.reload();
  await page.waitForSelector('#app[aria-busy="false"]');
  assert.equal(await page.getByRole('combobox', { name: 'Idioma' }).inputValue(), 'pt-BR');
  assert.ok(await explanation(page, 'Explicação').isVisible());
  await page.screenshot({ path: screenshotPath('portuguese') });
  assertClean(problems);
  await context.close();
});

test('keyboard only: history, selecting an earlier reply, line endings', async () => {
  const { page, problems, context } = await open();
  await typeLine(page, 'NOOP');
  await typeLine(page, 'EHLO client.example');
  const input = page.getByRole('textbox', { name: /command/i });
  await page.keyboard.press('ArrowUp');
  assert.equal(await input.inputValue(), 'EHLO client.example');
  await page.keyboard.press('ArrowUp');
  assert.equal(await input.inputValue(), 'NOOP');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  assert.equal(await input.inputValue(), '', 'back to the empty draft');

  // The transcript is one tab stop (the selected reply, here the newest): Shift+Tab from the
  // input reaches it past the suggestion buttons, and ↑ moves to the greeting.
  const newest = transcript(page).locator('button.reply').last();
  for (let i = 0; i < 12 && !(await isFocused(newest)); i++) {
    await page.keyboard.press('Shift+Tab');
  }
  assert.ok(await isFocused(newest), 'the newest reply takes focus');
  assert.equal(await transcript(page).locator('button.reply[tabindex="0"]').count(), 1);
  await page.keyboard.press('Home');
  const greeting = transcript(page).locator('button.reply').first();
  assert.ok(await isFocused(greeting));
  assert.equal(await explanation(page).locator('.code-big').getAttribute('aria-label'), '220');
  assert.equal(await greeting.getAttribute('aria-pressed'), 'true');
  await page.keyboard.press('ArrowDown');
  assert.equal(await explanation(page).locator('.code-big').getAttribute('aria-label'), '250');

  const toggle = page.getByRole('checkbox', { name: /line endings/i });
  assert.equal(await transcript(page).locator('.eol').first().isVisible(), false);
  await toggle.focus();
  await page.keyboard.press('Space');
  // Drawn as text ("CR" "LF"), not as Control Pictures (U+240D, U+240A) that many fonts lack.
  const ending = transcript(page).locator('.eol').first();
  assert.ok(await ending.isVisible());
  assert.deepEqual(await ending.locator('.eol-mark').allInnerTexts(), ['CR', 'LF']);
  const pictures = await page.evaluate(() => /[\u240D\u240A]/.test(document.querySelector('smtp-sim').shadowRoot.textContent));
  assert.equal(pictures, false, 'no Control Pictures anywhere in the element');
  assertClean(problems);
  await context.close();
});

test('what the user types is shown as text, never run as HTML', async () => {
  const { page, problems, context } = await open();
  const attack = '<img src=x onerror=alert(1)>';
  await typeLine(page, attack);
  const log = transcript(page);
  assert.ok(await log.getByText(attack, { exact: true }).isVisible());
  assert.equal(await page.locator('#transcript img').count(), 0);
  await typeLine(page, 'EHLO <b>bold</b>');
  assert.equal(await page.locator('#transcript b').count(), 0);
  assertClean(problems);
  await context.close();
});

test('persona select and reset start a fresh session', async () => {
  const { page, problems, context } = await open();
  await typeLine(page, 'EHLO client.example');
  await page.getByRole('combobox', { name: /persona/i }).selectOption('lenient');
  assert.equal(await transcript(page).locator('button.reply').count(), 1, 'only the new greeting');
  await typeLine(page, 'EHLO client.example');
  await page.getByRole('button', { name: /reset/i }).click();
  assert.equal(await transcript(page).locator('li').count(), 1);
  assert.match(await page.locator('#state-name').innerText(), /connected/i);
  assertClean(problems);
  await context.close();
});

test('BDAT: typed lines fill the chunk, and only then does the server answer', async () => {
  const { page, problems, context } = await open();
  for (const line of ['EHLO client.example', 'MAIL FROM:<a@example.org>', 'RCPT TO:<b@example.net>']) {
    await typeLine(page, line);
  }
  const log = transcript(page);
  await typeLine(page, 'BDAT 10 LAST');
  assert.ok(await log.getByText(/exactly 10 octets/).isVisible(), 'the page says the chunk is open');
  assert.match(await lastReply(page), /^S:\s*250 2\.1\.5/, 'no reply to BDAT yet');
  await typeLine(page, 'RSET');
  assert.ok(await log.getByText(/still needs 4 octets/).isVisible(), '"RSET" + CRLF is content');
  assert.match(await lastReply(page), /^S:\s*250 2\.1\.5/);
  await typeLine(page, '.x');
  assert.match(await lastReply(page), /^S:\s*250 2\.0\.0/);
  assert.equal(
    await page.locator('#message-body').textContent(),
    'RSET\r\n.x\r\n',
    'the chunk is stored as sent: no unstuffing in BDAT',
  );
  assertClean(problems);
  await context.close();
});

test('bare LF: strict refuses it, lenient reads it as CRLF, vulnerable ends the data at it', async () => {
  const { page, problems, context } = await open();
  const log = transcript(page);
  const session = ['EHLO client.example', 'MAIL FROM:<a@example.org>', 'RCPT TO:<b@example.net>', 'DATA', 'hi', '.'];
  await page.getByRole('combobox', { name: /lines end with/i }).selectOption('lf');
  // Strict models Postfix's smtpd_forbid_bare_newline = reject: 550 and the session closes.
  await typeLine(page, session[0]);
  assert.match(await lastReply(page), /^S:\s*550 .*bare <LF>/);
  assert.match(await page.locator('#state-name').innerText(), /closed/i);

  // Lenient models "normalize": bare LF ends lines, but only CRLF . CRLF ends the message.
  await page.getByRole('combobox', { name: /persona/i }).selectOption('lenient');
  for (const line of session) await typeLine(page, line);
  assert.match(await lastReply(page), /^S:\s*354 /, 'the dot line after a bare LF did not end the data');
  assert.match(await page.locator('#state-name').innerText(), /writing the message/i);
  // The dot ends the data only after a line that itself ended in CRLF.
  await page.getByRole('combobox', { name: /lines end with/i }).selectOption('crlf');
  await typeLine(page, 'bye');
  await typeLine(page, '.');
  assert.match(await lastReply(page), /^S:\s*250 /);
  assert.ok(await log.getByText(/Bare LF inside the message/).first().isVisible(), 'the bare-LF warning shows');

  // Vulnerable models Postfix before 3.9: a dot line next to a bare LF ends the data.
  await page.getByRole('combobox', { name: /persona/i }).selectOption('vulnerable');
  await page.getByRole('combobox', { name: /lines end with/i }).selectOption('lf');
  for (const line of session) await typeLine(page, line);
  assert.match(await lastReply(page), /^S:\s*250 /);
  assert.ok(await log.getByText(/SMTP smuggling/).first().isVisible(), 'the smuggling warning shows');
  assertClean(problems);
  await context.close();
});

test('dark scheme and a phone-sized screen', async () => {
  const dark = await open('', { colorScheme: 'dark' });
  const bg = await dark.page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const [r, g, b] = bg.match(/\d+/g).map(Number);
  assert.ok(r + g + b < 150, `dark background, got ${bg}`);
  await typeLine(dark.page, 'EHLO client.example');
  await dark.page.screenshot({ path: screenshotPath('dark') });
  assertClean(dark.problems);
  await dark.context.close();

  const phone = await open('', { viewport: { width: 390, height: 844 } });
  const overflow = await phone.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `no horizontal scrolling on a phone (overflow ${overflow}px)`);
  await typeLine(phone.page, 'EHLO client.example');
  await phone.page.screenshot({ path: screenshotPath('phone'), fullPage: true });
  assertClean(phone.problems);
  await phone.context.close();
});

// What index.html's first frame waits for, and embed.html's early script, are inline
// (tools/inline-page.mjs): each CSP holds 'self' and exactly the hashes of those parts.
for (const [name, scripts, styles] of [
  ['index.html', 1, 3], // early.min.js; the tokens, style.css and first.css
  ['embed.html', 1, 0], // early-embed.min.js
]) {
  test(`the Content-Security-Policy of ${name} allows only the page itself`, async () => {
    const html = readFileSync(join(ROOT, 'www', name), 'utf8');
    const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1];
    assert.ok(csp, 'a CSP meta tag');
    assert.match(csp, /default-src 'none'/);
    assert.doesNotMatch(csp, /unsafe-inline|https?:|\*/);
    const hashes = (tag) =>
      [...html.matchAll(new RegExp(`<${tag} data-inline="[^"]+">([\\s\\S]*?)</${tag}>`, 'g'))].map(
        ([, text]) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`,
      );
    assert.equal(hashes('script').length, scripts, 'the inline scripts');
    assert.equal(hashes('style').length, styles, 'the inline styles');
    const directives = csp.split('; ');
    assert.ok(directives.includes(`script-src 'self' ${hashes('script').join(' ')} 'wasm-unsafe-eval'`), csp);
    assert.ok(directives.includes(`style-src 'self'${hashes('style').map((h) => ` ${h}`).join('')}`), csp);
  });
}

test('the dist file works opened from disk', async () => {
  const file = join(ROOT, 'dist/smtp-sim.html');
  assert.ok(existsSync(file), 'run ./build.sh dist first');
  const html = readFileSync(file, 'utf8');
  const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1];
  assert.match(csp, /script-src 'sha256-[^']+' 'wasm-unsafe-eval'/);
  assert.doesNotMatch(csp, /unsafe-inline|'self'|https?:/);
  const markup = html.replace(/<script\b[^>]*>[\s\S]*?<\/script>|<style>[\s\S]*?<\/style>/g, '');
  assert.doesNotMatch(markup, /(?:src|href)="(?!data:|#|https:)/, 'no reference to another file');

  const url = pathToFileURL(file).href;
  const { page, problems, context } = await open('', { url });
  await typeLine(page, 'EHLO client.example');
  assert.match(await lastReply(page), /^S:\s*250-/);
  await typeLine(page, 'MAIL FROM:<alice@example.org>');
  assert.match(await lastReply(page), /^S:\s*250 2\.1\.0/);
  assert.match(await explanation(page).innerText(), /Description/i);
  assertClean(problems);
  await context.close();
});
