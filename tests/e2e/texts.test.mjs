// The catalogue's texts file (pkg/texts_<lang>.bin): the lite module holds only what the first
// screen shows (the greeting's explanation); every other text comes from the file, fetched on
// the first key typed. A visitor faster than the file sees a placeholder where each text goes
// (the reply's sentence in context and its entry, a refusal's reason, a server warning, the
// Reference list's descriptions), then the text itself once the file is in, with no second fetch.
// The file's arrival is held back by a route, so nothing here depends on timing.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertClean, servedPage, typeLine } from './harness.mjs';

const open = servedPage();

/** Opens the page with the texts file held until `release()`; `fetched` lists its requests. */
async function openHeld(path = '', { lang = 'en' } = {}) {
  const fetched = [];
  let release;
  const held = new Promise((resolve) => {
    release = resolve;
  });
  const opened = await open(path, {
    before: async (o) => {
      if (lang !== 'en') await o.context.addInitScript((l) => localStorage.setItem('smtp-sim.language', l), lang);
      await o.page.route('**/texts_*.bin', async (route) => {
        fetched.push(route.request().url().split('/').pop());
        await held;
        await route.continue();
      });
    },
  });
  return { ...opened, fetched, release };
}

/**
 * `fetched` once it lists a request (the route hears of it a moment after the page asks), or as
 * it is after 250 turns of 20 ms.
 */
async function asked(fetched) {
  for (let i = 0; i < 250 && fetched.length === 0; i += 1) await new Promise((resolve) => setTimeout(resolve, 20));
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
  // The Reference list: every description there, from the same file.
  await page.getByRole('link', { name: 'Reference' }).click();
  await page.locator('#reference').getByText(/Information about the server's status/).waitFor();
  assert.equal(await page.locator('#reference .texts-pending, #reference :text("Loading the rest")').count(), 0);
  assert.deepEqual(fetched, ['texts_en.bin']);
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
