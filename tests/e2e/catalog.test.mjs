// The reply-code catalogue on the page, in Debian's headless Chromium: the Compare view following
// the session, the language switch, curated notes, the searchable Reference, the real-reply
// explainer and the server warnings' texts. Every test also checks that the page asked no other
// host for anything and logged no error.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertClean, screenshotPath, servedPage, typeLine } from './harness.mjs';

const open = servedPage();

const SESSION = [
  'EHLO client.example',
  'MAIL FROM:<alice@example.org>',
  'RCPT TO:<bob@example.net>',
  'DATA',
  'Subject: Hello',
  '',
  'Hi Bob.',
  '.',
  'QUIT',
];

const compareTab = (page) => page.getByRole('tabpanel', { name: /^(Compare|Comparar)$/ });
const codeValues = async (page, first = 'First code', second = 'Second code') => [
  await page.getByRole('combobox', { name: first }).inputValue(),
  await page.getByRole('combobox', { name: second }).inputValue(),
];
/** The names of the headings in a region, in order. */
const headings = (locator) => locator.getByRole('heading').allInnerTexts();

test('Compare defaults to the last two codes seen, side by side under the seed headings', async () => {
  const { page, problems, context } = await open();
  for (const line of SESSION) await typeLine(page, line);
  const log = page.getByRole('log');
  assert.match(await log.locator('button.reply').last().innerText(), /^S:\s*221 /);

  // The last two different codes the learner looked at: 250 (the message) and 221 (QUIT).
  await page.getByRole('navigation').getByRole('link', { name: 'Compare' }).click();
  const panel = compareTab(page);
  assert.ok(await panel.isVisible());
  assert.deepEqual(await codeValues(page), ['250', '221']);

  // Looking back at 354 makes 221 and 354 the last two.
  await log.locator('button.reply', { hasText: '354' }).click();
  assert.deepEqual(await codeValues(page), ['221', '354']);
  assert.match(await panel.innerText(), /last two codes you looked at/);
  const columns = panel.locator('.compare-col');
  assert.equal(await columns.count(), 2);
  assert.equal(await columns.nth(0).locator('.code-big').getAttribute('aria-label'), '221');
  assert.equal(await columns.nth(1).locator('.code-big').getAttribute('aria-label'), '354');
  assert.match(await columns.nth(0).innerText(), /QUIT/);
  assert.match(await columns.nth(1).innerText(), /DATA/);

  const h = await headings(panel);
  for (const want of ['Description', 'When you see it', 'How to fix', 'Key differences', 'When to use which']) {
    assert.ok(h.some((x) => x.toLowerCase().startsWith(want.toLowerCase())), `heading "${want}" in ${h.join(' | ')}`);
  }
  // Side by side on a wide screen.
  const [a, b] = [await columns.nth(0).boundingBox(), await columns.nth(1).boundingBox()];
  assert.ok(Math.abs(a.y - b.y) < 2 && b.x > a.x + a.width - 1, 'columns side by side');
  assert.equal(await panel.locator('.note').count(), 0, '221/354 has no curated note');
  await page.locator('#catalog').screenshot({ path: screenshotPath('compare-221-354') });

  // Português: the seed's headings and the catalogue's texts in Portuguese.
  const english = await columns.nth(0).innerText();
  await page.getByRole('combobox', { name: 'Language' }).selectOption('pt-BR');
  const pt = compareTab(page);
  // The Portuguese module loads when Português is chosen; the tab is redone once it is in.
  await pt.getByRole('heading', { name: 'Quando usar qual' }).waitFor();
  const ph = await headings(pt);
  for (const want of ['Descrição', 'Quando você o vê', 'Como corrigir', 'Diferenças principais', 'Quando usar qual']) {
    assert.ok(ph.some((x) => x.toLowerCase() === want.toLowerCase()), `heading "${want}" in ${ph.join(' | ')}`);
  }
  for (const gone of ['Description', 'Key differences', 'When to use which']) {
    assert.ok(!ph.some((x) => x.toLowerCase() === gone.toLowerCase()), `no English "${gone}" left`);
  }
  const portuguese = await pt.locator('.compare-col').nth(0).innerText();
  assert.notEqual(portuguese, english);
  assert.match(portuguese, /conexão/);
  assert.deepEqual(await codeValues(page, 'Primeiro código', 'Segundo código'), ['221', '354']);
  assert.match(await page.getByRole('combobox', { name: 'Primeiro código' }).locator('option:checked').innerText(), /^221 · /);
  assert.ok(await page.getByRole('navigation').getByRole('link', { name: 'Comparar' }).isVisible());
  await page.locator('#catalog').screenshot({ path: screenshotPath('compare-pt') });
  assertClean(problems);
  await context.close();
});

test('a curated pair shows its note; a confusion in the explanation opens Compare', async () => {
  const { page, problems, context } = await open();
  await page.getByRole('navigation').getByRole('link', { name: 'Compare' }).click();
  const panel = compareTab(page);
  await panel.getByRole('group', { name: 'Pairs people confuse' }).getByRole('button', { name: '221 · 421' }).click();
  assert.deepEqual(await codeValues(page), ['221', '421']);
  const note = panel.locator('.note');
  // The note comes with the texts file (one-language modules): wait for it.
  await note.getByText(/221 only ever answers QUIT/).waitFor();
  assert.match(await note.innerText(), /Why people mix them up/i);
  assert.match(await note.innerText(), /421/);
  assert.match(await note.innerText(), /QUIT/);
  assert.match(await panel.getByRole('status').innerText(), /Comparing 221 and 421/);

  // The selects choose any pair; swapping keeps it.
  await page.getByRole('combobox', { name: 'Second code' }).selectOption('503');
  assert.deepEqual(await codeValues(page), ['221', '503']);
  await panel.getByRole('button', { name: 'Swap the two codes' }).click();
  assert.deepEqual(await codeValues(page), ['503', '221']);

  // 503 in the session: its "often confused with 500" opens Compare on 503 and 500.
  await typeLine(page, 'EHLO client.example');
  await typeLine(page, 'RCPT TO:<bob@example.net>');
  const region = page.getByRole('region', { name: 'Explanation' });
  assert.equal(await region.locator('.code-big').getAttribute('aria-label'), '503');
  await region.getByRole('button', { name: /^500 .*compare with 503/ }).click();
  assert.deepEqual(await codeValues(page), ['503', '500']);
  assert.match(await panel.locator('.note').innerText(), /timing/);
  assert.ok(await page.evaluate(() => document.activeElement?.id === 'compare'), 'focus moves to the Compare view');
  assertClean(problems);
  await context.close();
});

test('Reference: search by number and by words; each code opens its full entry', async () => {
  const { page, problems, context } = await open();
  await page.getByRole('navigation').getByRole('link', { name: 'Reference' }).click();
  const panel = page.getByRole('tabpanel', { name: 'Reference' });
  const search = panel.getByRole('searchbox', { name: 'Search the codes' });
  // The catalogue's code loads on first use: this click.
  await panel.getByRole('list', { name: 'Reply codes' }).waitFor();
  assert.equal(await panel.getByRole('list', { name: 'Reply codes' }).getByRole('button').count(), 34);
  // One evaluation in the page: a locator's evaluateAll queries, then evaluates in a second round
  // trip, and the texts file arriving in between rebuilds the list (the queried buttons detached).
  const visibleCodes = () =>
    page.evaluate(() =>
      [...document.querySelectorAll('#reference .ref-list:not(.enhanced) button')]
        .filter((b) => b.checkVisibility())
        .map((b) => b.querySelector('.code-chip').textContent),
    );
  assert.equal((await visibleCodes()).length, 34, 'every code listed');

  await search.fill('421');
  assert.deepEqual(await visibleCodes(), ['421']);
  assert.match(await panel.getByRole('status').innerText(), /^1 of 34 reply codes/);
  await page.keyboard.press('Enter');
  const entry = page.locator('#reference-entry');
  assert.equal(await entry.locator('.code-big').getAttribute('aria-label'), '421');
  // 421's long texts come with the catalogue's texts file (fetched on this first need).
  await entry.locator('.texts-pending').waitFor({ state: 'detached' });
  const text = await entry.innerText();
  for (const want of ['Description', 'When you see it', 'What the client does next', 'How to fix it', 'Often confused with', 'How real servers word it']) {
    assert.ok(text.toLowerCase().includes(want.toLowerCase()), `the entry has "${want}"`);
  }
  assert.match(text, /RFC 5321 §4\.2\.3/);

  // A word from its name, in the page's language: codes whose name has the word come first.
  await search.fill('available');
  const available = await visibleCodes();
  assert.ok(available.length < 34 && available.slice(0, 2).includes('421'), available.join());
  assert.ok(available.indexOf('421') < available.indexOf('450'), '"not available" before "unavailable"');
  await search.fill('not available closing');
  assert.deepEqual(await visibleCodes(), ['421']);
  await search.fill('mailbox');
  const mailbox = await visibleCodes();
  assert.ok(mailbox.includes('550') && mailbox.includes('450') && !mailbox.includes('221'), mailbox.join());

  // Enhanced codes too: "5.7.1" finds X.7.1 (not X.7.10), which opens part by part.
  await search.fill('5.7.1');
  const enhancedList = panel.getByRole('list', { name: 'Enhanced status codes' });
  const enhanced = enhancedList.getByRole('button', { name: /^X\.7\.1 / });
  assert.ok(await enhanced.isVisible());
  assert.equal(await enhancedList.getByRole('button').filter({ visible: true }).count(), 1);
  assert.ok((await visibleCodes()).includes('550'), 'and the reply codes whose text names 5.7.1');
  await enhanced.click();
  assert.equal(await entry.locator('.code-big').getAttribute('aria-label'), 'X.7.1');
  assert.match(await entry.innerText(), /Subject/);

  await search.fill('zzzz');
  assert.match(await panel.innerText(), /No code matches “zzzz”/);

  // In Portuguese, words in Portuguese, accents optional.
  await page.getByRole('combobox', { name: 'Language' }).selectOption('pt-BR');
  const ptSearch = page.getByRole('searchbox', { name: 'Buscar nos códigos' });
  await ptSearch.fill('indisponivel encerrando');
  // The catalogue's Portuguese words come with the Portuguese module, fetched on this switch.
  await page.getByRole('list', { name: 'Códigos de resposta' }).waitFor();
  assert.deepEqual(await visibleCodes(), ['421']);
  await page.keyboard.press('Enter');
  // Its long texts come with the Portuguese texts file, fetched on this first need.
  await entry.locator('.texts-pending').waitFor({ state: 'detached' });
  assert.match(await entry.textContent(), /Descrição/);
  await page.locator('#catalog').screenshot({ path: screenshotPath('reference-pt') });
  assertClean(problems);
  await context.close();
});

test('Explain a real reply: Gmail multi-line, a class mismatch, and markup shown as text', async () => {
  const { page, problems, context } = await open();
  await page.getByRole('navigation').getByRole('link', { name: 'Explain a real reply' }).click();
  const panel = page.getByRole('tabpanel', { name: 'Explain a real reply' });
  const box = panel.getByRole('textbox', { name: /Paste a reply/ });
  const result = panel.getByRole('article');

  const gmail = [
    '550-5.1.1 The email account that you tried to reach does not exist. Please try',
    "550-5.1.1 double-checking the recipient's email address for typos or",
    '550-5.1.1 unnecessary spaces. For more information, go to',
    '550 5.1.1  https://support.google.com/mail/?p=NoSuchUser 41si2834587wrj.238 - gsmtp',
  ].join('\n');
  await box.fill(gmail);
  await panel.getByRole('combobox', { name: 'The command it answered' }).selectOption('RCPT');
  await panel.getByRole('button', { name: 'Explain', exact: true }).click();
  assert.equal(await result.locator('.code-big').getAttribute('aria-label'), '550');
  const facts = await result.locator('.real-facts').innerText();
  assert.match(facts, /Reply code\s+550/);
  assert.match(facts, /Enhanced code\s+5\.1\.1/);
  assert.match(facts, /Answers\s+RCPT/);
  assert.equal(await result.locator('.real-lines li').count(), 4);
  assert.match(await result.locator('.real-lines li').first().innerText(), /^The email account/);
  assert.match(await result.innerText(), /Well-formed/);
  assert.match(await result.locator('.context').innerText(), /refused this recipient/);
  assert.match(await result.innerText(), /Bad destination mailbox address/);
  assert.match(await panel.getByRole('status').innerText(), /550, warnings: 0/);
  await page.locator('#catalog').screenshot({ path: screenshotPath('real-reply-gmail') });

  // 550 with a 4.x.x enhanced code: the classes disagree, a broken rule.
  await box.fill('550 4.7.1 Client host rejected: cannot find your hostname');
  await panel.getByRole('combobox', { name: 'The command it answered' }).selectOption('');
  await box.press('Control+Enter');
  const warnings = result.locator('.real-warnings li');
  const mismatch = warnings.filter({ hasText: /does not match the reply's first digit/ });
  assert.equal(await mismatch.count(), 1);
  assert.match(await mismatch.innerText(), /^Rule broken/i);
  assert.match(await mismatch.innerText(), /RFC 3463/);
  await page.locator('#catalog').screenshot({ path: screenshotPath('real-reply-mismatch') });

  // Markup is text: on its own it is not a reply; inside a reply it is the reply's text.
  const attack = '<img src=x onerror=alert(1)>';
  await box.fill(attack);
  await box.press('Control+Enter');
  assert.match(await panel.getByRole('alert').innerText(), /no SMTP reply code \(such as 250 or 550\)/);
  await box.fill(`550 5.1.1 ${attack}`);
  await box.press('Control+Enter');
  assert.equal(await result.locator('.real-lines li').first().textContent(), attack);
  assert.equal(await page.locator('#catalog img').count(), 0);
  assertClean(problems);
  await context.close();
});

test('keyboard only: the tabs, the search and the text box', async () => {
  const { page, problems, context } = await open();
  const tab = page.getByRole('tab', { name: 'Compare' });
  await tab.focus();
  await page.keyboard.press('ArrowRight');
  // The key may come before the catalogue's code (loaded on first use): it is handed on then.
  await page.getByRole('tab', { name: 'Reference', selected: true }).waitFor();
  assert.ok(await page.getByRole('tabpanel', { name: 'Reference' }).isVisible());
  assert.equal(await page.locator('#compare').isVisible(), false);
  const onSearch = () => page.evaluate(() => document.activeElement?.id === 'reference-search');
  for (let i = 0; i < 3 && !(await onSearch()); i++) await page.keyboard.press('Tab');
  assert.ok(await onSearch(), 'Tab from the tab reaches the search');
  await page.keyboard.type('354');
  await page.keyboard.press('Enter');
  assert.equal(await page.locator('#reference-entry .code-big').getAttribute('aria-label'), '354');
  assert.ok(await page.evaluate(() => document.activeElement?.id === 'reference-entry'), 'the entry takes focus');

  await page.getByRole('tab', { name: 'Reference' }).focus();
  await page.keyboard.press('End');
  assert.equal(await page.getByRole('tab', { name: 'Explain a real reply' }).getAttribute('aria-selected'), 'true');
  await page.getByRole('textbox', { name: /Paste a reply/ }).focus();
  await page.keyboard.type('250 2.0.0 Ok');
  await page.keyboard.press('Control+Enter');
  assert.equal(await page.locator('.real-result .code-big').getAttribute('aria-label'), '250');
  assertClean(problems);
  await context.close();
});

test('server warnings are explained by the catalogue, in the page language', async () => {
  const { page, problems, context } = await open();
  await page.getByRole('combobox', { name: 'Language' }).selectOption('pt-BR');
  await page.getByRole('combobox', { name: 'Perfil do servidor' }).selectOption('vulnerable');
  await page.getByRole('combobox', { name: 'Fim de linha' }).selectOption('lf');
  const input = page.getByRole('textbox', { name: 'Comando SMTP' });
  for (const line of ['EHLO client.example', 'MAIL FROM:<a@example.org>', 'RCPT TO:<b@example.net>', 'DATA', 'hi', '.']) {
    await input.fill(line);
    await input.press('Enter');
  }
  const log = page.getByRole('log');
  assert.ok(await log.getByText(/LF sozinho, não com CRLF/).first().isVisible());
  // Both the bare-LF notice and the end-of-data notice name SMTP smuggling now; the second cites
  // the end-of-data rule.
  const smuggling = log.locator('.notice.warning', { hasText: 'Mensagem encerrada sem CRLF' });
  assert.match(await smuggling.innerText(), /RFC 5321 §4\.1\.1\.4/);
  assert.match(await smuggling.innerText(), /SMTP smuggling/);
  assertClean(problems);
  await context.close();
});

test('phone width and dark scheme: stacked columns, no sideways scrolling', async () => {
  const { page, problems, context } = await open('', { viewport: { width: 390, height: 844 }, colorScheme: 'dark' });
  await typeLine(page, 'QUIT');
  await page.getByRole('navigation').getByRole('link', { name: 'Compare' }).click();
  const columns = compareTab(page).locator('.compare-col');
  // Measured once the texts files are in: each one's arrival draws the comparison again.
  await columns.nth(1).waitFor();
  await page.waitForFunction(() => !document.querySelector('#compare .texts-pending'));
  const [a, b] = [await columns.nth(0).boundingBox(), await columns.nth(1).boundingBox()];
  assert.ok(b.y >= a.y + a.height, 'the second code below the first');
  for (const name of ['Compare', 'Reference', 'Explain a real reply']) {
    await page.getByRole('tab', { name }).click();
    if (name === 'Explain a real reply') await page.getByRole('button', { name: 'Classes that disagree' }).click();
    if (name === 'Reference') await page.getByRole('list', { name: 'Reply codes' }).getByRole('button', { name: /^503/ }).click();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `${name}: no horizontal scrolling on a phone (overflow ${overflow}px)`);
  }
  const bg = await page.evaluate(() => getComputedStyle(document.querySelector('#catalog')).backgroundColor);
  const [r, g, bl] = bg.match(/\d+/g).map(Number);
  assert.ok(r + g + bl < 150, `dark card, got ${bg}`);
  await page.getByRole('tab', { name: 'Compare' }).click();
  await page.locator('#catalog').screenshot({ path: screenshotPath('compare-phone-dark') });
  assertClean(problems);
  await context.close();
});
