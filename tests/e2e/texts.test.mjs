// The catalogue's texts files: the lite module holds only what the first screen shows (the
// greeting's explanation); what a typed session meets comes from pkg/texts_<lang>.bin, fetched on
// the first key typed, the rest (Reference, Compare, the rarer codes) from
// pkg/texts_<lang>_rare.bin, fetched when a text still waits once the first is in. A visitor
// faster than a file sees a placeholder where each text goes (the reply's sentence in context and
// its entry, a refusal's reason, a server warning, the Reference list's descriptions, Compare's
// summary and note), then the text itself once the file is in, each file fetched once. The files'
// arrival is held back by a route, so nothing here depends on timing.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertClean, servedPage, typeLine } from './harness.mjs';

const open = servedPage();

/**
 * Opens the page with the texts files (those `held` matches) held until `release()`; `fetched`
 * lists the requests of every texts file.
 */
async function openHeld(path = '', { lang = 'en', held: which = /texts_.*\.bin$/ } = {}) {
  const fetched = [];
  let release;
  const held = new Promise((resolve) => {
    release = resolve;
  });
  const opened = await open(path, {
    before: async (o) => {
      if (lang !== 'en') await o.context.addInitScript((l) => localStorage.setItem('smtp-sim.language', l), lang);
      await o.page.route('**/texts_*.bin', async (route) => {
        const name = route.request().url().split('/').pop();
        fetched.push(name);
        if (which.test(name)) await held;
        await route.continue();
      });
    },
  });
  return { ...opened, fetched, release };
}

/**
 * `fetched` once it lists `n` requests (the route hears of one a moment after the page asks), or as
 * it is after 250 turns of 20 ms.
 */
async function asked(fetched, n = 1) {
  for (let i = 0; i < 250 && fetched.length < n; i += 1) await new Promise((resolve) => setTimeout(resolve, 20));
  return fetched;
}

/** Types a line into the client mode's command box, whatever the language calls it. */
async function type(page, line, name = /command/i) {
  await page.getByRole('textbox', { name }).focus();
  await page.keyboard.type(line, { delay: 5 });
  await page.keyboard.press('Enter');
}

test('a visitor who types before the texts file is in sees placeholders, then every text, from one fetch', async () => {
  const { page, problems, context, fetched, release } = await openHeld();
  const session = page.locator('#session');
  // The first screen: the greeting explained in full, nothing waiting, nothing fetched.
  await session.getByText(/The connection is open and the server greeted you/).waitFor();
  await session.getByText(/Right after the TCP connection opens/).waitFor();
  assert.equal(await session.locator('.texts-pending').count(), 0);
  assert.deepEqual(fetched, []);

  // The first key typed asks for the file, before any reply needs it.
  await page.getByRole('textbox', { name: /command/i }).focus();
  assert.deepEqual(fetched, [], 'focus alone asks for nothing');
  await page.keyboard.type('E');
  assert.deepEqual(await asked(fetched), ['texts_en.bin']);
  await page.keyboard.press('Backspace');
  // EHLO: the reply is there at once; its sentence and entry wait for the file.
  await typeLine(page, 'EHLO client.example');
  await session.locator('.context .texts-pending').getByText('Loading the rest of this entry…').waitFor();
  assert.ok((await session.locator('.texts-pending').count()) >= 2, 'the sentence and the entry wait');
  // A refusal's reason under the state diagram, and a server warning, wait as well.
  await typeLine(page, 'EHOL client.example');
  await session.locator('.refused-why').getByText(/Loading the rest of this entry…/).waitFor();
  await session.getByLabel('Lines end with').selectOption('lf');
  await typeLine(page, 'NOOP');
  await session.locator('.entry.warning').getByText('Loading the rest of this entry…').waitFor();
  const warnings = [];
  await page.exposeFunction('warned', (w) => warnings.push(w));
  await page.evaluate(() => document.getElementById('session').addEventListener('smtp-warning', (e) => window.warned(e.detail)));

  // The file comes: every placeholder gives way to its text, drawn again without a click.
  release();
  await session.locator('.entry.warning').getByText(/That line ended with a bare LF/).waitFor();
  assert.equal(await session.locator('.entry.warning').getByText('Bare LF after a command').count(), 1);
  await page.waitForFunction(() => !document.getElementById('session').shadowRoot.querySelector('.texts-pending'));
  assert.doesNotMatch(await session.locator('.refused-why').innerText(), /Loading/);
  // The warning's event went out once its words were in.
  assert.deepEqual(warnings.map((w) => [w.kind, w.title]), [['BareLfInCommand', 'Bare LF after a command']]);
  // The EHLO reply, selected again: its sentence in this session.
  await page.getByRole('log', { name: 'Transcript', exact: true }).locator('button.reply').nth(1).click();
  await session.getByText(/You said EHLO, so the server answered with its name/).waitFor();
  // The Reference list: every description there, the rarer codes' from the rare part.
  await page.getByRole('link', { name: 'Reference' }).click();
  await page.locator('#reference').getByText(/Information about the server's status/).waitFor();
  assert.equal(await page.locator('#reference .texts-pending, #reference :text("Loading the rest")').count(), 0);
  assert.deepEqual(fetched, ['texts_en.bin', 'texts_en_rare.bin']);
  assertClean(problems);
  await context.close();
});

test('the Reference list opened before the file shows its descriptions as they come', async () => {
  const { page, problems, context, fetched, release } = await openHeld();
  await page.getByRole('link', { name: 'Reference' }).click();
  const reference = page.locator('#reference');
  await reference.locator('.ref-summary').getByText('Loading the rest of this entry…').first().waitFor();
  // The greeting's description is in the module.
  await reference.getByText(/The server greets you and is ready for commands/).waitFor();
  assert.deepEqual(await asked(fetched), ['texts_en.bin']);
  release();
  await reference.getByText(/Information about the server's status/).waitFor();
  assert.equal(await reference.locator('.ref-summary').getByText('Loading the rest of this entry…').count(), 0);
  assert.deepEqual(fetched, ['texts_en.bin', 'texts_en_rare.bin'], 'the rare part once the first left texts waiting');
  assertClean(problems);
  await context.close();
});

test('the rare part: a session never asks for it; Compare shows its summary and note as it comes', async () => {
  const { page, problems, context, fetched, release } = await openHeld('', { held: /_rare\.bin$/ });
  const session = page.locator('#session');
  for (const line of ['EHLO client.example', 'MAIL FROM:<alice@example.org>', 'RCPT TO:<bob@example.net>', 'DATA', 'Hello.', '.', 'QUIT']) {
    await typeLine(page, line);
  }
  await session.getByText(/You said QUIT/).waitFor();
  await page.waitForFunction(() => !document.getElementById('session').shadowRoot.querySelector('.texts-pending'));
  assert.deepEqual(fetched, ['texts_en.bin']);
  // Compare: a pair's summary and note wait for the rare part, then show.
  await page.getByRole('navigation').getByRole('link', { name: 'Compare' }).click();
  const compare = page.getByRole('tabpanel', { name: 'Compare' });
  await compare.getByRole('button', { name: '221 · 421' }).click();
  await compare.locator('.compare-summary.texts-pending').waitFor();
  await compare.locator('.note .texts-pending').waitFor();
  assert.deepEqual(await asked(fetched, 2), ['texts_en.bin', 'texts_en_rare.bin']);
  release();
  await compare.locator('.note').getByText(/221 only ever answers QUIT/).waitFor();
  await compare.locator('.compare-summary').getByText(/The 2xx reply is a success/).waitFor();
  assert.equal(await compare.locator('.texts-pending').count(), 0);
  assert.deepEqual(fetched, ['texts_en.bin', 'texts_en_rare.bin']);
  assertClean(problems);
  await context.close();
});

test('in Portuguese: the placeholder, then the sentence, from the Portuguese file', async () => {
  const { page, problems, context, fetched, release } = await openHeld('', { lang: 'pt-BR' });
  const session = page.locator('#session');
  await session.getByText(/A conexão está aberta e o servidor cumprimentou você/).waitFor();
  assert.equal(await session.locator('.texts-pending').count(), 0);
  await type(page, 'EHLO client.example', 'Comando SMTP');
  await session.locator('.context .texts-pending').getByText('Carregando o resto deste verbete…').waitFor();
  assert.deepEqual(await asked(fetched), ['texts_pt-BR.bin']);
  release();
  await session.getByText(/Você disse EHLO, então o servidor respondeu com o nome dele/).waitFor();
  assert.equal(await session.locator('.texts-pending').count(), 0);
  assertClean(problems);
  await context.close();
});
