// The protocol made visible (issue 11), in Debian's headless Chromium: the limits counted while
// typing, from the session's own numbers.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ROOT, assertClean, servedPage } from './harness.mjs';

const open = servedPage({ root: ROOT });

/** Puts a line in the command box as typing does (an input event), without sending it. */
async function typeInto(input, text) {
  await input.fill(text);
}

test('limits are counted while typing: 512 per command, 64 and 255 per address, recipients, 1000 per text line', async () => {
  const { page, problems } = await open('tests/e2e/fixtures/full.html', { ready: 'elements' });
  const sim = page.locator('smtp-sim').first();
  const input = sim.locator('input#command');
  const limit = (name) => sim.locator(`#limits [data-limit="${name}"]`);
  await typeInto(input, 'EHLO pc.example');
  assert.ok(await limit('commandLine').isVisible());
  assert.equal(await limit('commandLine').textContent(), 'line 17 / 512 octets', 'CRLF counts');
  await page.keyboard.press('Enter');
  await input.focus();
  await typeInto(input, `MAIL FROM:<${'a'.repeat(65)}@example.test>`);
  assert.equal(await limit('localPart').textContent(), 'local part 65 / 64');
  assert.equal(await limit('localPart').getAttribute('class'), 'limit over', 'past the limit is marked');
  assert.equal(await limit('domain').textContent(), 'domain 12 / 255');
  await page.keyboard.press('Enter');
  await typeInto(input, 'MAIL FROM:<ana@example.test>');
  await page.keyboard.press('Enter');
  await typeInto(input, 'RCPT TO:<bia@example.test>');
  assert.equal(await limit('recipients').textContent(), 'recipients 0 / 100');
  await page.keyboard.press('Enter');
  await typeInto(input, 'DATA');
  assert.equal(await limit('recipients').textContent(), 'recipients 1 / 100', 'counted by the server');
  await page.keyboard.press('Enter');
  await typeInto(input, 'x'.repeat(999));
  assert.equal(await limit('textLine').textContent(), 'text line 1001 / 1000 octets');
  assert.equal(await limit('textLine').getAttribute('class'), 'limit over');
  assert.match(await limit('size').textContent(), /^message 0 \/ 10485760 octets/);
  assert.equal(await limit('commandLine').count(), 0, 'in DATA a line is text, not a command');
  assertClean(problems);
  await page.context().close();
});

test('the message as typed, as sent and as stored: dot-stuffing and line endings made visible', async () => {
  const { page, problems } = await open('tests/e2e/fixtures/full.html', { ready: 'elements' });
  const sim = page.locator('smtp-sim').first();
  const input = sim.locator('input#command');
  for (const line of ['EHLO pc.example', 'MAIL FROM:<ana@example.test>', 'RCPT TO:<bia@example.test>', 'DATA', 'Subject: dots', '', '..profile', '.']) {
    await input.fill(line);
    await page.keyboard.press('Enter');
  }
  // The panel's parts come with its code (asked for by the first key): waited for, then read.
  await sim.locator('#message-sent').waitFor();
  assert.ok(await sim.locator('#message-sent').isVisible(), 'the three views are shown');
  assert.equal(await sim.locator('#message-typed').textContent(), 'Subject: dots\n\n..profile\n.');
  assert.equal(await sim.locator('#message-sent').textContent(), 'Subject: dots<CRLF><CRLF>..profile<CRLF>.<CRLF>');
  // As drawn, not only in the DOM: the byte tokens are shown whatever the log's line-endings switch.
  assert.equal(await sim.locator('#message-sent').innerText(), 'Subject: dots<CRLF><CRLF>..profile<CRLF>.<CRLF>', 'the tokens are visible');
  assert.equal(await sim.locator('#message-body').textContent(), 'Subject: dots\r\n\r\n.profile\r\n', 'stored: unstuffed, no terminator');
  assertClean(problems);
  await page.context().close();
});

test('the state diagram lights the current state and says why a refused command was refused', async () => {
  const { page, problems } = await open('tests/e2e/fixtures/full.html', { ready: 'elements' });
  const sim = page.locator('smtp-sim').first();
  const input = sim.locator('input#command');
  const why = sim.locator('#refused-why');
  const send = async (line) => {
    await input.fill(line);
    await page.keyboard.press('Enter');
  };
  await send('EHLO pc.example');
  assert.equal(await sim.locator('.stepper li.current').count(), 1);
  const lit = await sim.locator('.stepper li.current').textContent();
  await send('DATA');
  assert.ok(await why.isVisible(), 'a refusal is explained under the diagram');
  assert.match(await why.textContent(), /^DATA refused \(503\): \S/);
  assert.equal(await sim.locator('.stepper li.current').textContent(), lit, 'still in the same state');
  await send('MAIL FROM:<ana@example.test>');
  assert.equal(await why.isVisible(), false, 'an accepted command clears it');
  assert.notEqual(await sim.locator('.stepper li.current').textContent(), lit, 'the diagram moved on');
  assertClean(problems);
  await page.context().close();
});
