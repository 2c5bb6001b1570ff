// "Watch" and "You are the server" driven as a person would, in Debian's headless Chromium: the
// mode links, the message form, Step and Play, fault injection, typed replies judged by the
// core, the language switch. Every test also checks that nothing went to another host and that
// the console stayed clean.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { ROOT, assertClean, screenshotPath, servedPage } from './harness.mjs';

const open = servedPage();

const explanation = (page) => page.getByRole('region', { name: /Explanation|Explicação/ });

/** Clicks Step (or the button with that name) until it is disabled: the session is over; bounded. */
async function stepToTheEnd(page, name = 'Step') {
  const step = page.getByRole('button', { name, exact: true });
  for (let i = 0; i < 40 && (await step.isEnabled()); i += 1) await step.click();
  assert.equal(await step.isEnabled(), false, 'the session ends by itself');
}

test('Watch: two recipients stepped to the end, 354 and 221 explained, delivered', async () => {
  const { page, problems, context } = await open();
  await page.getByRole('link', { name: 'Watch' }).click();
  assert.equal(await page.getByRole('link', { name: 'Watch' }).getAttribute('aria-current'), 'page');
  assert.equal(await page.locator('#command').isVisible(), false, 'the manual client is hidden');

  await page.getByLabel('From', { exact: true }).fill('ana@client.example.test');
  await page.getByLabel(/^To/).fill('bob@mx.example.test\ncarol@mx.example.test');
  await page.getByLabel('Subject', { exact: true }).fill('Two recipients');
  await page.getByRole('textbox', { name: 'Message', exact: true }).fill('Hello both.\n.starts with a dot');
  await page.getByRole('textbox', { name: 'Message', exact: true }).blur();

  const log = page.getByRole('log', { name: /Watch transcript/ });
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await assert.doesNotReject(log.getByText(/^220 mx\.example\.test/).waitFor());
  assert.match(await explanation(page).innerText(), /220/);

  await stepToTheEnd(page);
  const text = await log.innerText();
  assert.match(text, /MAIL FROM:<ana@client\.example\.test>/);
  assert.match(text, /RCPT TO:<bob@mx\.example\.test>/);
  assert.match(text, /RCPT TO:<carol@mx\.example\.test>/);
  assert.match(text, /RFC 2920 §3\.1/, 'the pipelining rule is shown');
  assert.match(text, /\.\.starts with a dot/, 'the client dot-stuffed the line');
  assert.match(text, /S:\s*354 /);
  assert.match(text, /S:\s*221 /);

  // The last reply (221) is explained; the 354 is explained when selected.
  assert.equal(await page.locator('#watch-explanation .code-big').getAttribute('aria-label'), '221');
  await log.locator('button.reply', { hasText: '354' }).click();
  assert.equal(await page.locator('#watch-explanation .code-big').getAttribute('aria-label'), '354');
  assert.match(await explanation(page).innerText(), /RFC 5321/);

  const outcome = page.getByRole('region', { name: 'Outcome' });
  assert.match(await outcome.innerText(), /Delivered to every recipient/);
  const rows = outcome.locator('li.recipient');
  assert.equal(await rows.count(), 2);
  for (let i = 0; i < 2; i += 1) assert.match(await rows.nth(i).innerText(), /delivered/i);
  await page.screenshot({ path: screenshotPath('watch-delivered'), fullPage: true });
  assertClean(problems);
  await context.close();
});

test('Watch: 450 greylisting on the first RCPT, that recipient retries later', async () => {
  const { page, problems, context } = await open('#watch');
  await page.getByLabel('Fault', { exact: true }).selectOption({ label: '450 greylisting on the first RCPT' });
  await stepToTheEnd(page);
  const log = page.getByRole('log', { name: /Watch transcript/ });
  assert.match(await log.innerText(), /S:\s*450 4\.2\.0/);
  const rows = page.getByRole('region', { name: 'Outcome' }).locator('li.recipient');
  assert.match(await rows.nth(0).innerText(), /bob@mx\.example\.test[\s\S]*retry later/i);
  assert.match(await rows.nth(1).innerText(), /carol@mx\.example\.test[\s\S]*delivered/i);
  assert.match(await page.getByRole('region', { name: 'Outcome' }).innerText(), /Delivered to some recipients/);
  await page.screenshot({ path: screenshotPath('watch-greylisted'), fullPage: true });

  // A custom fault the core refuses is explained as text, and Step stays off.
  await page.getByLabel('Fault', { exact: true }).selectOption('custom');
  await page.getByLabel('Reply code', { exact: true }).fill('999');
  await page.getByLabel('Reply code', { exact: true }).blur();
  await assert.doesNotReject(page.getByRole('alert').getByText(/200 to 559/).waitFor());
  assert.equal(await page.getByRole('button', { name: 'Step', exact: true }).isEnabled(), false);
  assertClean(problems);
  await context.close();
});

test('Watch: Play runs to the end by itself', async () => {
  const { page, problems, context } = await open('#watch');
  await page.getByRole('button', { name: 'Play' }).click();
  assert.equal(await page.getByRole('button', { name: 'Pause' }).getAttribute('aria-pressed'), 'true');
  await page.getByRole('region', { name: 'Outcome' }).waitFor({ timeout: 30000 });
  assert.match(await page.getByRole('log', { name: /Watch transcript/ }).innerText(), /S:\s*221 /);
  assert.equal(await page.getByRole('button', { name: 'Play' }).isEnabled(), false);
  assertClean(problems);
  await context.close();
});

/** Types a reply into the "You are the server" input, key by key, and presses Enter. */
async function answer(page, line) {
  const input = page.getByRole('textbox', { name: /Your reply|Sua resposta/ });
  await input.focus();
  await page.keyboard.type(line, { delay: 2 });
  await page.keyboard.press('Enter');
}

test('You are the server: the right replies deliver the message', async () => {
  const { page, problems, context } = await open();
  await page.getByRole('link', { name: 'You are the server' }).click();
  const log = page.getByRole('log', { name: /Server transcript/ });
  // The mode runs on the full module, loaded on this first use: its view shows once it is in.
  await page.locator('#serve-expect').waitFor();
  assert.match(await page.locator('#serve-expect').innerText(), /220 mx\.example\.test/, 'the hint for the greeting');

  await answer(page, '220 mx.example.test ESMTP ready');
  await assert.doesNotReject(log.getByText(/^EHLO client\.example\.test$/).waitFor());
  await answer(page, '250-mx.example.test greets you');
  assert.match(await page.locator('#serve-verdict').innerText(), /last line/, 'a continuation line waits for more');
  await answer(page, '250 SIZE 1000000');
  await assert.doesNotReject(log.getByText(/^MAIL FROM:<alice@client\.example\.test> SIZE=\d+$/).waitFor());
  assert.equal(await log.locator('li.pending').count(), 0, 'the typed lines became one reply');
  assert.match(await log.locator('button.reply').last().innerText(), /250-mx\.example\.test greets you\n\s*S?:?\s*250 SIZE 1000000/);
  await answer(page, '250 2.1.0 Sender OK');
  await answer(page, '250 2.1.5 Recipient OK');
  await assert.doesNotReject(log.getByText(/^DATA$/).waitFor());
  assert.match(await page.locator('#serve-expect').innerText(), /354/, 'the hint names 354 after DATA');
  await answer(page, '354 Go ahead');
  await assert.doesNotReject(log.getByText(/^\.$/).waitFor());
  assert.match(await page.getByRole('status').filter({ hasText: 'Right' }).innerText(), /354/);
  await answer(page, '250 2.0.0 Queued');
  await assert.doesNotReject(log.getByText(/^QUIT$/).waitFor());
  await answer(page, '221 2.0.0 Bye');

  const outcome = page.getByRole('region', { name: 'Outcome' });
  assert.match(await outcome.innerText(), /Delivered to every recipient/);
  assert.match(await outcome.locator('li.recipient').innerText(), /bob@mx\.example\.test[\s\S]*delivered/i);
  assert.equal(await page.locator('#serve-explanation .code-big').getAttribute('aria-label'), '221');
  await page.screenshot({ path: screenshotPath('server-delivered'), fullPage: true });
  assertClean(problems);
  await context.close();
});

test('You are the server: 250 to DATA is wrong, "hello" is malformed, typed HTML stays text', async () => {
  const { page, problems, context } = await open('#server');
  const verdict = page.locator('#serve-verdict');
  const log = page.getByRole('log', { name: /Server transcript/ });
  for (const line of ['220 ready', '250 hi', '250 ok', '250 ok']) await answer(page, line);
  await assert.doesNotReject(log.getByText(/^DATA$/).waitFor());
  await answer(page, '250 ok');
  const wrong = await verdict.innerText();
  assert.match(wrong, /Wrong for this step/);
  assert.match(wrong, /DATA expects 354/);
  await assert.doesNotReject(log.getByText(/^QUIT$/).waitFor(), 'the client gives up');
  await page.screenshot({ path: screenshotPath('server-wrong'), fullPage: true });

  await page.getByRole('button', { name: 'Start over' }).click();
  await answer(page, 'hello');
  const malformed = await verdict.innerText();
  assert.match(malformed, /Not a valid reply/);
  assert.match(malformed, /three-digit code/);
  assert.match(malformed, /220/, 'what the greeting step expects');

  await page.getByRole('button', { name: 'Start over' }).click();
  await answer(page, '<img src=x onerror=alert(1)>');
  assert.equal(await page.locator('#serve img, #serve-explanation img').count(), 0, 'no element made from the text');
  await assert.doesNotReject(log.getByText('<img src=x onerror=alert(1)>').waitFor());
  assert.match(await verdict.innerText(), /<img src=x onerror=alert\(1\)>/);
  assertClean(problems);
  await context.close();
});

test('the language switch relabels both modes; phone width in the dark', async () => {
  const { page, problems, context } = await open('#watch', {
    colorScheme: 'dark',
    viewport: { width: 390, height: 844 },
  });
  await page.getByLabel('Language').selectOption('pt-BR');
  assert.equal(await page.getByRole('link', { name: 'Assistir' }).getAttribute('aria-current'), 'page');
  await assert.doesNotReject(page.getByRole('button', { name: 'Passo' }).waitFor());
  await page.getByRole('button', { name: 'Passo' }).click();
  assert.match(await explanation(page).innerText(), /Explicação/);
  await page.screenshot({ path: screenshotPath('watch-pt-phone-dark'), fullPage: true });
  await page.getByRole('link', { name: 'Você é o servidor' }).click();
  assert.match(await page.locator('#serve-expect').innerText(), /O cliente espera/);
  await answer(page, '220 pronto');
  assert.match(await page.locator('#serve-verdict').innerText(), /Certo/);
  await page.screenshot({ path: screenshotPath('server-pt-phone-dark'), fullPage: true });
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 390, `no sideways scrolling on a phone (${width}px)`);
  await page.getByLabel('Idioma').selectOption('en');
  assertClean(problems);
  await context.close();
});

test('Watch in Português: the client\'s notes, rules and outcome are in Portuguese', async () => {
  const { page, problems, context } = await open('#watch');
  const log = page.getByRole('log', { name: /Watch transcript|Transcrição da simulação/ });
  await page.getByLabel('Fault', { exact: true }).selectOption({ label: '450 greylisting on the first RCPT' });
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  assert.match(await log.innerText(), /waiting for the server's greeting/);

  // Switching the language mid-session redoes the transcript so far in the new language.
  await page.getByLabel('Language').selectOption('pt-BR');
  await assert.doesNotReject(log.getByText('esperando a saudação do servidor').waitFor());
  assert.match(await log.innerText(), /S:\s*250-mx\.example\.test/, 'the steps already taken are kept');
  await stepToTheEnd(page, 'Passo');

  const text = await log.innerText();
  assert.match(text, /RFC 5321 §3\.1: esperar a saudação 220/);
  assert.match(text, /enviando o envelope num só grupo/);
  assert.match(text, /RFC 2920 §3\.1: PIPELINING anunciado/);
  assert.match(text, /este destinatário falhou por enquanto/, 'the 450 recipient, in Portuguese');
  assert.match(text, /mensagem entregue/);
  for (const english of [/waiting for/, /sending the envelope/, /the recipient is accepted/, /message delivered/, /session over/]) {
    assert.doesNotMatch(text, english);
  }
  const outcome = page.getByRole('region', { name: 'Resultado' });
  assert.match(await outcome.innerText(), /o servidor assumiu a responsabilidade pela mensagem/);
  assert.match(await outcome.innerText(), /tentar de novo mais tarde/);
  await page.screenshot({ path: screenshotPath('watch-pt-notes'), fullPage: true });
  await page.getByLabel('Idioma').selectOption('en');
  // The English module loads when English is chosen again: the transcript is redone once it is in.
  await assert.doesNotReject(log.getByText('RFC 5321 §3.1: wait for the 220 greeting').waitFor());
  assert.match(await log.innerText(), /RFC 5321 §3\.1: wait for the 220 greeting/, 'and back in English');
  assert.doesNotMatch(await log.innerText(), /esperando a saudação/);
  assertClean(problems);
  await context.close();
});

test('both modes work in the dist file opened from disk', async () => {
  const file = join(ROOT, 'dist/smtp-sim.html');
  assert.ok(existsSync(file), 'run ./build.sh dist first');
  const { page, problems, context } = await open('#watch', { url: pathToFileURL(file).href });
  await stepToTheEnd(page);
  assert.match(await page.getByRole('region', { name: 'Outcome' }).innerText(), /Delivered to every recipient/);
  await page.getByRole('link', { name: 'You are the server' }).click();
  await answer(page, '220 ready');
  await assert.doesNotReject(
    page.getByRole('log', { name: /Server transcript/ }).getByText(/^EHLO client\.example\.test$/).waitFor(),
  );
  assertClean(problems);
  await context.close();
});
