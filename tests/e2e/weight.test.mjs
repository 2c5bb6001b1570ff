// The first load (issue 12, "Weight"): the page and the element start on the lite module of one
// language without the other modes' views, and fetch the full module (and those views) only on
// first use of what the lite one lacks, carrying the session over. Which wasm files the browser asks for is asserted from its requests, never a time.
// Every catalogue text but the greeting's is in one file per language (pkg/texts_en.bin), fetched
// on the first key typed (or the first text that needs it) and shared by the lite and the full
// module (tests/e2e/texts.test.mjs: what shows while it comes).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ROOT, assertClean, servedPage, typeLine } from './harness.mjs';

const open = servedPage();

/**
 * Opens `path` recording the name of every wasm file requested, in order, of every script
 * holding the other modes' views (`*.full-ui.js`, loaded on their first use), of every
 * language's labels (`*.en.js`, `*.pt-BR.js`, loaded when that language is shown; `*-views.js`,
 * those of the other modes' views, loaded with them) and of every catalogue texts file
 * (`texts_*.bin`).
 */
async function openRecording(path, options = {}) {
  const wasm = [];
  const views = [];
  const labels = [];
  const texts = [];
  const opened = await open(path, {
    ...options,
    before: async (o) => {
      await options.before?.(o);
      o.page.on('request', (r) => {
        const name = r.url().split('/').pop();
        if (name.endsWith('.wasm')) wasm.push(name);
        if (name.endsWith('full-ui.js')) views.push(name);
        if (/\.(?:en|pt-BR)(?:-views)?\.js$/.test(name)) labels.push(name);
        if (/^texts_.*\.bin$/.test(name)) texts.push(name);
      });
    },
  });
  return { ...opened, wasm, views, labels, texts };
}

/** The last reply in the client mode's transcript ("Transcrição" in Portuguese). */
const lastReply = (page, name = 'Transcript') => page.getByRole('log', { name, exact: true }).locator('button.reply').last().innerText();

/** typeLine for the Portuguese page: the command box is "Comando SMTP" there. */
async function typePt(page, line) {
  await page.getByRole('textbox', { name: 'Comando SMTP' }).focus();
  await page.keyboard.type(line, { delay: 5 });
  await page.keyboard.press('Enter');
}

test('first load: only the English lite module and labels, and the client mode, Compare and Reference run on it', async () => {
  const { page, problems, context, wasm, views, labels, texts } = await openRecording();
  await typeLine(page, 'EHLO client.example');
  assert.match(await lastReply(page), /^S:\s*250-/);
  // Compare is shown at once, Reference on its tab: both come from the lite module's catalogue.
  await page.getByRole('link', { name: 'Reference' }).click();
  await page.locator('#reference').getByText('554', { exact: false }).first().waitFor();
  assert.equal(await page.evaluate(() => document.getElementById('session').shadowRoot.querySelector('.loading').hidden), true);
  assert.deepEqual(wasm, ['smtp_sim_lite_en.wasm']);
  assert.deepEqual(views, [], 'the other modes\' views are not loaded');
  assert.deepEqual(labels, ['app.en.js'], 'the English labels only');
  assert.deepEqual(texts, ['texts_en.bin'], 'the first key typed asks for the texts file, once');
  // An entry outside the greeting: shown at once, its texts once the file has come.
  await page.locator('#reference').getByRole('button', { name: /554/ }).first().click();
  await page.locator('#reference').getByText(/As the greeting instead of 220 \(a blocklisted client\)/).waitFor();
  assert.equal(await page.locator('#reference .texts-pending').count(), 0);
  assert.deepEqual(texts, ['texts_en.bin']);
  // A curated pair's note outside the first codes is in the same file: not fetched again.
  await page.getByRole('navigation').getByRole('link', { name: 'Compare' }).click();
  const compare = page.getByRole('tabpanel', { name: 'Compare' });
  await compare.getByRole('button', { name: '221 · 421' }).click();
  await compare.locator('.note').getByText(/221 only ever answers QUIT/).waitFor();
  assert.equal(await compare.locator('.texts-pending').count(), 0);
  assert.deepEqual(texts, ['texts_en.bin']);
  // Another language: that language's lite module, the session carried over.
  await page.getByLabel('Language').selectOption('pt-BR');
  await page.waitForFunction(() => performance.getEntriesByType('resource').some((e) => e.name.endsWith('smtp_sim_lite_pt-BR.wasm')));
  await typePt(page, 'MAIL FROM:<alice@example.org>');
  assert.match(await lastReply(page, 'Transcrição'), /^S:\s*250 /, 'MAIL after the EHLO typed before the switch');
  assert.deepEqual(wasm, ['smtp_sim_lite_en.wasm', 'smtp_sim_lite_pt-BR.wasm']);
  assert.deepEqual(labels, ['app.en.js', 'app.pt-BR.js']);
  assertClean(problems);
  await context.close();

  // Opened in Portuguese (the choice stored by that switch): Portuguese only, no English fetched.
  const pt = await openRecording('', {
    before: (o) => o.context.addInitScript(() => localStorage.setItem('smtp-sim.language', 'pt-BR')),
  });
  await typePt(pt.page, 'EHLO client.example');
  assert.match(await lastReply(pt.page, 'Transcrição'), /^S:\s*250-/);
  assert.equal(await pt.page.title(), 'smtp-sim — converse com um servidor de e-mail');
  assert.deepEqual(pt.wasm, ['smtp_sim_lite_pt-BR.wasm']);
  assert.deepEqual(pt.labels, ['app.pt-BR.js']);
  assertClean(pt.problems);
  await pt.context.close();
});

test('index.html preloads every chunk app.min.js imports, so none waits for the bundle to be parsed', () => {
  const html = readFileSync(join(ROOT, 'www/index.html'), 'utf8');
  const preloaded = [...html.matchAll(/<link rel="modulepreload" href="([^"]+)">/g)].map((m) => m[1]);
  const bundle = readFileSync(join(ROOT, 'www/app.min.js'), 'utf8');
  const imported = [...bundle.matchAll(/(?:from|import)\s*"\.\/([^"]+)"/g)].map((m) => m[1]);
  assert.ok(imported.length > 0, 'app.min.js imports its shared chunks');
  for (const chunk of imported) assert.ok(preloaded.includes(chunk), `${chunk} is imported by app.min.js but not preloaded`);
});

/**
 * True once the engine took the compile index.html's (or embed.html's) early.min.js started (not a fetch of its
 * own). A parser-blocking script in <head>, it always runs before the bundle.
 */
const tookEarly = (page) => page.evaluate(() => globalThis[Symbol.for('smtp-sim.early-wasm')]?.taken === true);

test('the module compiled early is the one the page starts on, fetched once: stored language, Watch in the address', async () => {
  const english = await openRecording();
  assert.equal(await tookEarly(english.page), true, 'the engine used the early compile');
  assert.deepEqual(english.wasm, ['smtp_sim_lite_en.wasm']);
  assertClean(english.problems);
  await english.context.close();

  const pt = await openRecording('', { before: (o) => o.context.addInitScript(() => localStorage.setItem('smtp-sim.language', 'pt-BR')) });
  assert.equal(await tookEarly(pt.page), true);
  assert.deepEqual(pt.wasm, ['smtp_sim_lite_pt-BR.wasm']);
  assertClean(pt.problems);
  await pt.context.close();

  const watch = await openRecording('#watch');
  assert.equal(await tookEarly(watch.page), true);
  assert.deepEqual(watch.wasm, ['smtp_sim_en.wasm']);
  assertClean(watch.problems);
  await watch.context.close();
});

test('embed.html compiles early the module its hash asks for, fetched once: language, mode, a share link', async () => {
  const cases = [
    ['embed.html', 'smtp_sim_lite_en.wasm', 'embed.en.js'],
    ['embed.html#lang=pt-BR', 'smtp_sim_lite_pt-BR.wasm', 'embed.pt-BR.js'],
    ['embed.html#mode=server', 'smtp_sim_en.wasm', 'embed.en.js'],
    ['embed.html#lang=pt&mode=Watch', 'smtp_sim_pt-BR.wasm', 'embed.pt-BR.js'],
    ['embed.html#mode=lesson', 'smtp_sim_lite_en.wasm', 'embed.en.js'],
  ];
  for (const [path, module, label] of cases) {
    const opened = await openRecording(path, { ready: 'elements' });
    assert.equal(await tookEarly(opened.page), true, `${path}: the engine used the early compile`);
    assert.deepEqual(opened.wasm, [module], path);
    assert.equal(opened.labels[0], label, `${path}: its labels`);
    assertClean(opened.problems);
    await opened.context.close();
  }
  // A share link's state: the full module (the readers are in it), compiled early.
  const first = await openRecording();
  await typeLine(first.page, 'EHLO client.example');
  const url = await first.page.evaluate(() => document.getElementById('session').shareUrl());
  await first.context.close();
  const shared = await openRecording(`embed.html#state=${encodeURIComponent(new URL(url).hash.slice(3))}`, { ready: 'elements' });
  await shared.page.locator('smtp-sim').getByRole('log').getByText(/EHLO client\.example/).waitFor();
  assert.equal(await tookEarly(shared.page), true);
  assert.deepEqual(shared.wasm, ['smtp_sim_en.wasm']);
  assertClean(shared.problems);
  await shared.context.close();
});

test('first use of Watch loads the full module once, and the views with their labels; the typed session is intact', async () => {
  const { page, problems, context, wasm, views, labels, texts } = await openRecording();
  await typeLine(page, 'EHLO client.example');
  // A reply outside the first codes: its explanation completes when the texts file arrives.
  await typeLine(page, 'VRFY bob');
  const vrfyWhen = page.locator('#session').getByText(/After VRFY \(and sometimes EXPN\) on a server/);
  await vrfyWhen.waitFor({ state: 'attached' });
  assert.deepEqual(texts, ['texts_en.bin']);
  await typeLine(page, 'MAIL FROM:<alice@example.org>');
  assert.match(await lastReply(page), /250 2\.1\.0/);
  await page.getByRole('link', { name: 'Watch' }).click();
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await page.getByRole('log', { name: /Watch transcript/ }).getByText(/^220 mx\.example\.test/).waitFor();
  assert.deepEqual(wasm, ['smtp_sim_lite_en.wasm', 'smtp_sim_en.wasm']);
  assert.deepEqual(views, ['app.full-ui.js']);
  assert.deepEqual(labels, ['app.en.js', 'app.en-views.js']);
  // Back to the client: the session goes on where it was (RCPT after MAIL is accepted).
  await page.getByRole('link', { name: 'You are the client' }).click();
  await typeLine(page, 'RCPT TO:<bob@example.net>');
  assert.match(await lastReply(page), /250 2\.1\.5/);
  // The full module got the texts file already fetched: complete at once, not fetched again.
  await typeLine(page, 'VRFY bob');
  assert.equal(await page.locator('#session .texts-pending').count(), 0);
  await vrfyWhen.waitFor({ state: 'attached' });
  assert.deepEqual(texts, ['texts_en.bin']);
  // You are the server needs nothing more.
  await page.getByRole('link', { name: 'You are the server' }).click();
  await page.locator('#serve-expect').waitFor();
  assert.deepEqual(wasm, ['smtp_sim_lite_en.wasm', 'smtp_sim_en.wasm']);
  assert.deepEqual(views, ['app.full-ui.js']);
  assertClean(problems);
  await context.close();
});

test('Explain a real reply loads the full module on first use, then explains; Watch after it starts', async () => {
  const { page, problems, context, wasm } = await openRecording('#real-reply');
  const panel = page.locator('#real-reply');
  await panel.getByRole('textbox').first().fill('550 5.1.1 <bob@example.net>: Recipient address rejected: User unknown');
  await panel.getByRole('button', { name: /Explain/ }).first().click();
  await panel.getByText('5.1.1').first().waitFor();
  assert.match(await panel.innerText(), /550/);
  assert.deepEqual(wasm, ['smtp_sim_lite_en.wasm', 'smtp_sim_en.wasm']);
  // The engine is full already, the views are not: Watch loads them and starts.
  await page.getByRole('link', { name: 'Watch' }).click();
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await page.getByRole('log', { name: /Watch transcript/ }).getByText(/^220 mx\.example\.test/).waitFor();
  assert.deepEqual(wasm, ['smtp_sim_lite_en.wasm', 'smtp_sim_en.wasm']);
  assertClean(problems);
  await context.close();
});

test('a share link opens on the full module directly, and so does a lesson element', async () => {
  const first = await openRecording();
  await typeLine(first.page, 'EHLO client.example');
  const url = await first.page.evaluate(() => document.getElementById('session').shareUrl());
  assert.deepEqual(first.wasm, ['smtp_sim_lite_en.wasm', 'smtp_sim_en.wasm'], 'shareUrl() moved to the full module');
  assertClean(first.problems);
  await first.context.close();

  const shared = await openRecording(`#s=${new URL(url).hash.slice(3)}`);
  await shared.page.getByRole('log').getByText(/EHLO client\.example/).waitFor();
  assert.deepEqual(shared.wasm, ['smtp_sim_en.wasm']);
  assert.equal(await tookEarly(shared.page), true, 'the full module was compiled early');
  assertClean(shared.problems);
  await shared.context.close();

  const lesson = await openRecording('lessons.html#first-mail', { ready: false });
  await lesson.page.waitForFunction(() => document.getElementById('lesson-sim')?.ready);
  await lesson.page.evaluate(() => document.getElementById('lesson-sim').ready);
  assert.deepEqual(lesson.wasm, ['smtp_sim_en.wasm']);
  assertClean(lesson.problems);
  await lesson.context.close();
});

test('the message panel comes on first need: a key in the command form, or DATA reached through the API with no key', async () => {
  // Through the API only (no key, no press): the panel's code is asked for when DATA is reached,
  // and the panel then shows what was sent meanwhile.
  const fetched = [];
  const { page, problems, context } = await open('', {
    before: (o) => o.page.on('request', (r) => fetched.push(r.url().split('/').pop())),
  });
  const panelCode = () => fetched.filter((n) => n.endsWith('client-message.js'));
  assert.deepEqual(panelCode(), [], 'not in the first load');
  await page.evaluate(async () => {
    const sim = document.getElementById('session');
    for (const line of ['EHLO pc.example', 'MAIL FROM:<ana@example.test>', 'RCPT TO:<bia@example.test>', 'DATA', 'Subject: api', '']) await sim.send(line);
  });
  const body = page.locator('#session #message-body');
  await body.waitFor();
  assert.equal(await body.textContent(), 'Subject: api\r\n\r\n', 'the lines sent before the panel came');
  assert.equal(await page.locator('#session #message-sent').textContent(), 'Subject: api<CRLF><CRLF>');
  assert.ok(await page.locator('#session #message-panel').isVisible());
  assert.deepEqual(panelCode(), ['app.client-message.js'], 'fetched once');
  await context.close();
  assertClean(problems);

  // Typed: the first key in the command form asks for it, long before DATA.
  const typed = [];
  const second = await open('', { before: (o) => o.page.on('request', (r) => typed.push(r.url().split('/').pop())) });
  await typeLine(second.page, 'EHLO pc.example');
  await second.page.waitForFunction(() => performance.getEntriesByType('resource').some((e) => e.name.endsWith('client-message.js')));
  assert.equal(await second.page.locator('#session #message-panel').isVisible(), false, 'built, hidden until DATA');
  assert.deepEqual(typed.filter((n) => n.endsWith('client-message.js')), ['app.client-message.js']);
  assertClean(second.problems);
  await second.context.close();
});

test('an idle visit fetches nothing that the size budget counts as lazy: the first load is every byte a visit costs with no action', async () => {
  // index.html (below the session, the catalogue loads when used or scrolled to) and embed.html
  // (the element alone in a frame): their first loads are the targets.
  const { crawl } = await import('../../tools/bench-size.mjs');
  const www = join(dirname(fileURLToPath(import.meta.url)), '../../www');
  for (const [entry, path, ready] of [
    ['index.html', '', 'page'],
    ['embed.html', 'embed.html', 'elements'],
  ]) {
    const fetched = [];
    const { page, context } = await open(path, {
      ready,
      before: (o) => o.page.on('request', (r) => fetched.push(new URL(r.url()).pathname.slice(1))),
    });
    // Left alone: no scroll, no input, until nothing has been asked for for half a second.
    await page.waitForLoadState('networkidle');
    const first = new Set(crawl(www, entry).first.map((f) => f.path));
    const uncounted = fetched.filter((p) => p !== '' && !first.has(p));
    assert.deepEqual(uncounted, [], `${entry}: fetched with no action but counted as lazy`);
    await context.close();
  }
});
