// The page bugs found trying the page as a new user would (issue 10, "Page bugs"), one test each,
// in Debian's headless Chromium, driven as a person would. Every test also checks that nothing
// went to another host and that the console stayed clean.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertClean, isFocused, openPage, screenshotPath, servedPage, typeLine } from './harness.mjs';

const open = servedPage();

const command = (page) => page.getByRole('textbox', { name: /SMTP command|Comando SMTP/ });
const lastReply = (page) => page.getByRole('log').locator('button.reply').last().innerText();

/** Is the element's box inside the viewport (top and bottom)? */
async function inViewport(locator) {
  const box = await locator.boundingBox();
  const height = await locator.page().evaluate(() => innerHeight);
  return box !== null && box.y >= 0 && box.y + box.height <= height;
}

test('first load: the command input has focus, and on a phone it is above the fold', async () => {
  const desktop = await open();
  assert.ok(await isFocused(command(desktop.page)), 'focused on a desktop');
  await desktop.page.keyboard.type('EHLO client.example');
  await desktop.page.keyboard.press('Enter');
  assert.match(await lastReply(desktop.page), /^S:\s*250-/, 'typing at once works');
  assertClean(desktop.problems);
  await desktop.context.close();

  // A laptop's first screen holds the page's header, its modes and the input, unscrolled: the log
  // gives the header's height up (--smtp-sim-above); before, autofocus scrolled the header away.
  for (const viewport of [{ width: 1280, height: 860 }, { width: 1366, height: 768 }]) {
    const laptop = await open('', { viewport });
    assert.ok(await isFocused(command(laptop.page)), `focused at ${viewport.width}×${viewport.height}`);
    assert.ok(await inViewport(command(laptop.page)), `the input is on the first screen at ${viewport.width}×${viewport.height}`);
    assert.ok(await inViewport(laptop.page.getByRole('heading', { level: 1 })), 'so is the page title');
    assert.ok(await inViewport(laptop.page.getByRole('navigation').first()), 'and the modes');
    assert.equal(await laptop.page.evaluate(() => scrollY), 0, 'without scrolling the page');
    assertClean(laptop.problems);
    await laptop.context.close();
  }

  const phone = await open('', { viewport: { width: 390, height: 844 } });
  assert.ok(await isFocused(command(phone.page)), 'focused on a phone');
  assert.ok(await inViewport(command(phone.page)), 'the input is on the first screen');
  assert.equal(await phone.page.evaluate(() => scrollY), 0, 'without scrolling the page');
  await phone.page.screenshot({ path: screenshotPath('phone-first-screen') });
  assertClean(phone.problems);
  await phone.context.close();
});

test('a slow link shows "Loading…" until the module is there; what is typed meanwhile is sent, in order, once it is', async () => {
  let release;
  const held = new Promise((resolve) => {
    release = resolve;
  });
  const { page, problems, context } = await open('', {
    ready: false,
    viewport: { width: 390, height: 844 },
    // The module arrives only when the test lets it, as on a slow link.
    before: ({ context: ctx }) =>
      ctx.route('**/pkg/*.wasm', async (route) => {
        await held;
        await route.continue();
      }),
  });
  const loading = page.getByRole('status').filter({ hasText: 'Loading the simulator…' });
  await loading.waitFor();
  assert.ok(await loading.isVisible(), 'a visible "Loading…"');
  assert.equal(await page.locator('#app').getAttribute('aria-busy'), 'true');
  // The input is there and takes commands before the module: none is lost, none answered yet.
  assert.ok(await command(page).isEnabled(), 'the input takes commands while the module loads');
  assert.ok(await isFocused(command(page)), 'and has the focus');
  await page.keyboard.type('EHLO early.example');
  await page.keyboard.press('Enter');
  await page.keyboard.type('MAIL FROM:<a@early.example>');
  await page.keyboard.press('Enter');
  await page.keyboard.type('RCPT TO:<b@');
  const entries = () =>
    page.evaluate(() =>
      [...document.getElementById('session').shadowRoot.querySelectorAll('.transcript .entry')].map((li) => li.textContent.replace(/\s+/g, ' ').trim()),
    );
  assert.deepEqual(await entries(), [], 'nothing shown as sent or answered before the module is in');
  assert.equal(await command(page).inputValue(), 'RCPT TO:<b@', 'the line being typed is in the input');
  release();
  await page.waitForSelector('#app[aria-busy="false"]');
  await page.waitForFunction(() => document.getElementById('session').shadowRoot.querySelectorAll('.transcript .entry').length >= 5);
  const shown = await entries();
  assert.match(shown[0], /^S: ?220 /, 'the greeting first');
  assert.match(shown[1], /^C: ?EHLO early\.example/, 'then the first line typed');
  assert.match(shown[2], /^S: ?250-/, 'its reply');
  assert.match(shown[3], /^C: ?MAIL FROM:<a@early\.example>/, 'then the second');
  assert.match(shown[4], /^S: ?250 /, 'its reply');
  assert.equal(shown.length, 5, 'nothing else');
  assert.equal(await loading.count(), 0, '"Loading…" is gone');
  assert.ok(await isFocused(command(page)), 'the input keeps the focus');
  assert.equal(await command(page).inputValue(), 'RCPT TO:<b@', 'and what was being typed');
  await page.keyboard.type('example>');
  await page.keyboard.press('Enter');
  assert.match(await lastReply(page), /^S:\s*250 /, 'and the session goes on');
  assertClean(problems);
  await context.close();
});

test('before any script: the first screen shipped in the page has its input focused and its log pulsing; lines entered then are answered, in order, as text', async () => {
  let release;
  const held = new Promise((resolve) => {
    release = resolve;
  });
  // Opened by hand: the held script holds back the load event that open() waits for.
  const { page, problems, context } = await openPage(open.browser(), { allowedPrefixes: [open.url()] });
  // The page's script (and so the element's words and the wasm) arrives only when let through.
  await context.route('**/app.min.js', async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(open.url(), { waitUntil: 'commit' });
  const input = page.locator('#session #command');
  await input.waitFor();
  await page.waitForFunction(() => document.getElementById('session').shadowRoot.activeElement?.id === 'command');
  const first = await page.locator('smtp-sim').evaluate((sim) => {
    const log = sim.shadowRoot.querySelector('.first .transcript');
    return {
      defined: Boolean(customElements.get('smtp-sim')),
      hostAnimation: getComputedStyle(sim).animationName,
      logAnimation: getComputedStyle(log).animationName,
      logHeight: log.getBoundingClientRect().height,
      inputs: sim.shadowRoot.querySelectorAll('input#command').length,
    };
  });
  assert.equal(first.defined, false, 'the element is not defined yet');
  assert.equal(first.inputs, 1, 'the first screen has the command input');
  assert.ok(await input.isEnabled(), 'enabled');
  assert.ok(await isFocused(input), 'and focused, before any script of the element ran');
  assert.equal(first.logAnimation, 'first-loading', 'the empty log pulses: it is loading');
  assert.ok(first.logHeight > 0);
  assert.equal(first.hostAnimation, 'none', 'not the whole element (the input must stay readable)');
  assert.equal(await page.locator('#app').getAttribute('aria-busy'), 'true', 'assistive technology hears "busy"');
  // Typed before the element exists: two lines entered, a third being typed.
  await input.evaluate((node) => {
    node.firstScreen = true;
  });
  await page.keyboard.type('EHLO early.example');
  await page.keyboard.press('Enter');
  await page.keyboard.type('NOOP <b>bold</b>');
  await page.keyboard.press('Enter');
  await page.keyboard.type('MAIL FROM:<a@');
  const early = await page.locator('smtp-sim').evaluate((sim) => ({
    lines: [...sim.shadowRoot.querySelectorAll('.first .transcript .entry')].map((li) => li.textContent),
    markup: sim.shadowRoot.querySelectorAll('.first .transcript b').length,
  }));
  assert.deepEqual(early.lines, ['C:EHLO early.example', 'C:NOOP <b>bold</b>'], 'shown in the first screen as entered');
  assert.equal(early.markup, 0, 'as text, never as HTML');
  assert.equal(await input.inputValue(), 'MAIL FROM:<a@');
  release();
  await page.waitForSelector('#app[aria-busy="false"]');
  const entries = () =>
    page.evaluate(() =>
      [...document.getElementById('session').shadowRoot.querySelectorAll('.transcript .entry')].map((li) => li.textContent.replace(/\s+/g, ' ').trim()),
    );
  await page.waitForFunction(() => document.getElementById('session').shadowRoot.querySelectorAll('.transcript .entry').length >= 5);
  const shown = await entries();
  assert.match(shown[0], /^S: ?220 /, 'the greeting first');
  assert.match(shown[1], /^C: ?EHLO early\.example/, 'then the first line entered');
  assert.match(shown[2], /^S: ?250-/, 'its reply');
  assert.match(shown[3], /^C: ?NOOP <b>bold<\/b>/, 'then the second, as text');
  assert.match(shown[4], /^S: ?250 /, 'its reply');
  assert.equal(shown.length, 5, 'nothing else');
  const after = await page.locator('smtp-sim').evaluate((sim) => {
    const inputs = sim.shadowRoot.querySelectorAll('input');
    const command = sim.shadowRoot.getElementById('command');
    return {
      commands: sim.shadowRoot.querySelectorAll('#command').length,
      adopted: command.firstScreen === true,
      firstLeft: sim.shadowRoot.querySelectorAll('.first').length,
      inputs: inputs.length,
      markup: sim.shadowRoot.querySelectorAll('.transcript b').length,
    };
  });
  assert.equal(after.firstLeft, 0, 'the first screen gave way to the element’s own');
  assert.equal(after.commands, 1, 'one command input: not duplicated');
  assert.ok(after.adopted, 'the very node the page shipped, adopted by the element');
  assert.equal(after.markup, 0, 'nothing interpreted as HTML');
  assert.equal(await input.inputValue(), 'MAIL FROM:<a@', 'what was being typed is still there');
  assert.ok(await isFocused(command(page)), 'the input keeps the focus, now named');
  await page.keyboard.type('early.example>');
  await page.keyboard.press('Enter');
  assert.match(await lastReply(page), /^S:\s*250 /, 'and the session goes on');
  // ↑ brings back the lines entered in the first screen too.
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  assert.equal(await command(page).inputValue(), 'NOOP <b>bold</b>', 'history holds them');
  assertClean(problems);
  await context.close();
});

/**
 * The command input's box (left, top, height: its width follows the send button's word), and
 * where it stands under the log. The rows above the log hold words, which the first screen cannot
 * know (they come with the labels): it wraps its toolbar and the log's head as the English view
 * does at these sizes, so in English the input does not move at all (first-css.mjs).
 */
const inputBox = (page) =>
  page.locator('#session').evaluate((sim) => {
    const r = sim.shadowRoot.getElementById('command').getBoundingClientRect();
    const log = sim.shadowRoot.querySelector('.transcript').getBoundingClientRect();
    return { left: r.left, top: r.top + scrollY, height: r.height, underLog: r.top - log.bottom, logHeight: log.height };
  });

for (const viewport of [{ width: 1280, height: 860 }, { width: 390, height: 844 }]) {
  test(`the input does not move under the log when the element takes the first screen over, nor at all when the greeting comes (${viewport.width}×${viewport.height})`, async () => {
    const gates = {};
    const hold = (name) =>
      new Promise((resolve) => {
        gates[name] = resolve;
      });
    const script = hold('script');
    const wasm = hold('wasm');
    const { page, problems, context } = await openPage(open.browser(), { allowedPrefixes: [open.url()], viewport });
    await context.route('**/app.min.js', async (route) => {
      await script;
      await route.continue();
    });
    await context.route('**/pkg/*.wasm', async (route) => {
      await wasm;
      await route.continue();
    });
    await page.goto(open.url(), { waitUntil: 'commit' });
    await page.locator('#session #command').waitFor();
    // first.css in: the first screen as painted.
    await page.waitForFunction(() => getComputedStyle(document.getElementById('session').shadowRoot.querySelector('.command-row')).display === 'flex');
    await page.evaluate(() => document.fonts.ready);
    const painted = await inputBox(page);
    gates.script();
    // The element's own view, labelled, before the module: the first screen is gone.
    await page.waitForFunction(() => {
      const root = document.getElementById('session').shadowRoot;
      return !root.querySelector('.first') && root.querySelector('.client-view label[for="command"]')?.textContent;
    });
    const taken = await inputBox(page);
    gates.wasm();
    await page.waitForSelector('#app[aria-busy="false"]');
    await page.getByRole('log').locator('button.reply').first().waitFor();
    const greeted = await inputBox(page);
    const same = (a, b, keys) => keys.every((k) => Math.abs(a[k] - b[k]) < 0.5);
    assert.ok(same(painted, taken, ['left', 'top', 'height', 'underLog', 'logHeight']), `taken over: ${JSON.stringify(painted)} → ${JSON.stringify(taken)}`);
    assert.ok(same(taken, greeted, ['left', 'top', 'height', 'underLog', 'logHeight']), `greeted: ${JSON.stringify(taken)} → ${JSON.stringify(greeted)}`);
    assertClean(problems);
    await context.close();
  });
}

test('AUTH: the demo account is shown, PLAIN is built for you, 334 challenges are decoded', async () => {
  const { page, problems, context } = await open();
  await typeLine(page, 'EHLO client.example');
  await typeLine(page, 'AUTH LOGIN');
  const log = page.getByRole('log');
  assert.match(await lastReply(page), /^S:\s*334 VXNlcm5hbWU6/);
  assert.match(await log.locator('button.reply').last().innerText(), /decoded: “Username:”/);
  const helper = page.locator('details.auth');
  assert.equal(await helper.getAttribute('open'), '', 'the helper opens during AUTH');
  // Its body is built on first open.
  await helper.getByText(/user alice, password wonderland/).waitFor();
  assert.match(await helper.innerText(), /user alice, password wonderland/);
  assert.match(await helper.innerText(), /zero byte/, 'how PLAIN is built');
  // The LOGIN lines: the user, then the password, each in base64.
  await helper.getByRole('button', { name: /YWxpY2U=$/ }).click();
  assert.equal(await command(page).inputValue(), 'YWxpY2U=');
  await page.keyboard.press('Enter');
  assert.match(await log.locator('button.reply').last().innerText(), /334 UGFzc3dvcmQ6[\s\S]*decoded: “Password:”/);
  await helper.getByRole('button', { name: /d29uZGVybGFuZA==$/ }).click();
  await page.keyboard.press('Enter');
  assert.match(await lastReply(page), /^S:\s*235 /);

  // PLAIN for another user: the encoder follows the fields.
  await page.getByRole('button', { name: 'Reset session' }).click();
  await typeLine(page, 'EHLO client.example');
  if ((await helper.getAttribute('open')) === null) await helper.locator('summary').click();
  await helper.getByRole('textbox', { name: 'User' }).fill('bob');
  await helper.getByRole('textbox', { name: 'Password' }).fill('secret');
  const plain = helper.getByRole('button', { name: /AUTH PLAIN/ });
  assert.equal(await plain.innerText(), 'AUTH PLAIN AGJvYgBzZWNyZXQ=', '\\0bob\\0secret in base64');
  await helper.getByRole('textbox', { name: 'User' }).fill('alice');
  await helper.getByRole('textbox', { name: 'Password' }).fill('wonderland');
  await plain.click();
  await page.keyboard.press('Enter');
  assert.match(await lastReply(page), /^S:\s*235 /);
  assertClean(problems);
  await context.close();
});

/** Types a reply into the "You are the server" input and presses Enter. */
async function answer(page, line) {
  const input = page.getByRole('textbox', { name: /Your reply|Sua resposta/ });
  await input.fill(line);
  await input.press('Enter');
}

test('You are the server: Reply is off once the client closed; one typo can be undone', async () => {
  const { page, problems, context } = await open('#server');
  const log = page.getByRole('log', { name: /Server transcript/ });
  const reply = page.getByRole('button', { name: 'Reply', exact: true });
  const undo = page.getByRole('button', { name: 'Undo last reply' });
  assert.ok(await undo.isDisabled(), 'nothing to undo yet');

  await answer(page, '421 bye');
  await log.getByText('The client closed the connection.').waitFor();
  assert.ok(await reply.isDisabled(), 'Reply is off after the client closed');
  assert.ok(await page.getByRole('textbox', { name: /Your reply/ }).isDisabled());
  assert.ok(await isFocused(undo), 'focus goes to Undo');
  const lines = await log.locator('li').count();
  await reply.click({ force: true });
  await reply.click({ force: true });
  assert.equal(await log.locator('li').count(), lines, 'clicking it adds nothing');

  // A typo at the greeting: the client gives up; Undo takes the line back.
  await page.getByRole('button', { name: 'Start over' }).click();
  await answer(page, 'hello');
  await log.getByText(/^QUIT$/).waitFor();
  await undo.click();
  assert.equal(await log.getByText('hello').count(), 0, 'the typo is gone');
  assert.equal(await log.getByText(/^QUIT$/).count(), 0, 'and so is what it caused');
  assert.match(await log.innerText(), /Your last reply was taken back/);
  assert.match(await page.locator('#serve-expect').innerText(), /220/, 'the client waits for the greeting again');
  await answer(page, '220 mx.example.test ready');
  await log.getByText(/^EHLO client\.example\.test$/).waitFor();
  assert.ok(await reply.isEnabled());
  assertClean(problems);
  await context.close();
});

test('You are the server, in Portuguese: the well-behaved replies the page offers deliver the message', async () => {
  const { page, problems, context } = await open('#server');
  await page.getByRole('combobox', { name: 'Language' }).selectOption('pt-BR');
  // The page and the element relabel together once the Portuguese labels and module are in.
  await page.getByRole('combobox', { name: 'Idioma' }).waitFor();
  const chip = page.locator('#serve-expect').getByRole('button', { name: /^Usar a resposta/ });
  for (let i = 0; i < 12 && (await chip.count()); i += 1) {
    await chip.click();
    await page.keyboard.press('Enter');
  }
  const outcome = page.getByRole('region', { name: 'Resultado' });
  assert.match(await outcome.innerText(), /Entregue a todos os destinatários/);
  assertClean(problems);
  await context.close();
});

test('Watch: finished Step and Play look finished', async () => {
  const { page, problems, context } = await open('#watch');
  const step = page.getByRole('button', { name: 'Step', exact: true });
  const play = page.getByRole('button', { name: 'Play' });
  const reset = page.getByRole('button', { name: 'Reset', exact: true });
  const look = (locator) =>
    locator.evaluate((b) => {
      const s = getComputedStyle(b);
      return { background: s.backgroundColor, color: s.color, cursor: s.cursor };
    });
  const active = await look(step);
  for (let i = 0; i < 40 && (await step.isEnabled()); i += 1) await step.click();
  const finished = await look(step);
  assert.ok(await step.isDisabled());
  assert.notEqual(finished.background, active.background, 'a finished Step is not filled like an active one');
  assert.equal(finished.cursor, 'not-allowed');
  assert.equal(active.cursor, 'pointer');
  assert.deepEqual(await look(play), finished, 'Play looks finished too');
  const next = await look(reset);
  assert.notDeepEqual(next, finished, 'Reset, the way on, does not look finished');
  assert.match(await page.getByRole('status').filter({ hasText: /Finished/ }).innerText(), /Reset to watch again/);
  await page.locator('smtp-sim').screenshot({ path: screenshotPath('watch-finished') });
  assertClean(problems);
  await context.close();
});

test('skip link, "Back to the session", the nav and a typed hash all go where they say', async () => {
  const { page, problems, context } = await open();
  // Skip link: the session in view and the input focused; the reply to what is typed is visible.
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  const skip = page.getByRole('link', { name: 'Skip to the session' });
  await skip.focus();
  await page.keyboard.press('Enter');
  assert.ok(await isFocused(command(page)));
  await page.keyboard.type('EHLO client.example');
  await page.keyboard.press('Enter');
  assert.ok(await inViewport(page.getByRole('log').locator('button.reply').last()), 'the new reply is in view');

  // The nav marks where you are: a catalogue link takes the mark from the mode.
  const nav = page.getByRole('navigation');
  await nav.getByRole('link', { name: 'Reference' }).click();
  assert.equal(await nav.getByRole('link', { name: 'Reference' }).getAttribute('aria-current'), 'page');
  assert.equal(await nav.getByRole('link', { name: 'You are the client' }).getAttribute('aria-current'), null);
  assert.ok(await page.getByRole('tabpanel', { name: 'Reference' }).isVisible());

  // A hash typed after load switches the tab, and the mode.
  await page.evaluate(() => {
    location.hash = '#real-reply';
  });
  await page.getByRole('tabpanel', { name: 'Explain a real reply' }).waitFor();
  assert.equal(await page.getByRole('tab', { name: 'Explain a real reply' }).getAttribute('aria-selected'), 'true');
  assert.equal(await nav.getByRole('link', { name: 'Explain a real reply' }).getAttribute('aria-current'), 'page');
  await page.evaluate(() => {
    location.hash = '#watch';
  });
  await page.getByRole('button', { name: 'Step', exact: true }).waitFor();
  assert.equal(await page.locator('smtp-sim').getAttribute('mode'), 'watch');
  assert.equal(await nav.getByRole('link', { name: 'Watch' }).getAttribute('aria-current'), 'page');

  // "Back to the session" from the catalogue, in Watch: the element in view, its Step focused.
  await nav.getByRole('link', { name: 'Compare' }).click();
  await page.getByRole('link', { name: '↑ Back to the session' }).click();
  assert.ok(await isFocused(page.getByRole('button', { name: 'Step', exact: true })), 'Step has focus');
  assert.ok(await inViewport(page.getByRole('button', { name: 'Step', exact: true })));
  assert.equal(await page.evaluate(() => location.hash), '#watch', 'a reload stays in Watch');
  assert.equal(await nav.getByRole('link', { name: 'Watch' }).getAttribute('aria-current'), 'page');

  // And in "You are the server": the reply box.
  await nav.getByRole('link', { name: 'You are the server' }).click();
  await nav.getByRole('link', { name: 'Reference' }).click();
  await page.getByRole('link', { name: '↑ Back to the session' }).click();
  assert.ok(await isFocused(page.getByRole('textbox', { name: /Your reply/ })));
  assertClean(problems);
  await context.close();
});

test('Português: Watch defaults, the title, the description, the custom-fault error, no "Assunto" clash', async () => {
  const { page, problems, context } = await open('#watch');
  await page.getByRole('combobox', { name: 'Language' }).selectOption('pt-BR');
  await page.getByRole('combobox', { name: 'Idioma' }).waitFor();
  assert.equal(await page.title(), 'smtp-sim — converse com um servidor de e-mail');
  assert.match(await page.locator('meta[name="description"]').getAttribute('content'), /Digite comandos SMTP/);
  assert.equal(await page.getByRole('textbox', { name: 'Assunto' }).inputValue(), 'Almoço na sexta?');
  assert.match(await page.getByRole('textbox', { name: 'Mensagem', exact: true }).inputValue(), /^Oi Bob,/);

  // The custom fault: the reason in Portuguese, without the fault's internal syntax.
  await page.getByLabel('Falha', { exact: true }).selectOption('custom');
  await page.getByLabel('Código de resposta', { exact: true }).fill('999');
  await page.getByLabel('Código de resposta', { exact: true }).blur();
  const alert = page.getByRole('alert');
  await alert.waitFor();
  const error = await alert.innerText();
  assert.match(error, /^Não foi possível começar: a falha personalizada não é válida: o código de resposta deve ter três dígitos, de 200 a 559, o segundo de 0 a 5 \(RFC 5321 §4\.2\)$/);
  assert.doesNotMatch(error, /fault|:999|once/);

  // The RFC 3463 subject part is "Tema", not the e-mail's "Assunto".
  await page.getByLabel('Falha', { exact: true }).selectOption({ label: '550 usuário inexistente no primeiro destinatário' });
  const step = page.getByRole('button', { name: 'Passo' });
  for (let i = 0; i < 40 && (await step.isEnabled()); i += 1) await step.click();
  await page.getByRole('log').locator('button.reply', { hasText: '550 5.1.1' }).click();
  const explained = await page.getByRole('region', { name: 'Explicação' }).innerText();
  assert.match(explained, /Tema \(subject\) · /);
  assert.doesNotMatch(explained, /Assunto/);

  // A typed-in subject is the learner's: it stays when the language changes back.
  await page.getByRole('textbox', { name: 'Assunto' }).fill('Minha pergunta');
  await page.getByRole('combobox', { name: 'Idioma' }).selectOption('en');
  assert.equal(await page.getByRole('textbox', { name: 'Subject' }).inputValue(), 'Minha pergunta');
  assert.match(await page.getByRole('textbox', { name: 'Message', exact: true }).inputValue(), /^Hi Bob,/);
  assert.equal(await page.title(), 'smtp-sim — talk to a mail server');
  assertClean(problems);
  await context.close();
});

test('at 320 px the persona select and every control stay inside their card', async () => {
  const { page, problems, context } = await open('', { viewport: { width: 320, height: 640 } });
  const overflowing = await page.locator('smtp-sim').evaluate((sim) => {
    const out = [];
    for (const view of sim.shadowRoot.querySelectorAll('.view:not([hidden])')) {
      const card = view.getBoundingClientRect();
      for (const node of view.querySelectorAll('select, input, button, textarea, summary')) {
        if (!node.checkVisibility()) continue;
        const r = node.getBoundingClientRect();
        if (r.left < card.left - 0.5 || r.right > card.right + 0.5) out.push(`${node.id || node.className || node.tagName} ${Math.round(r.left)}–${Math.round(r.right)} in ${Math.round(card.left)}–${Math.round(card.right)}`);
      }
    }
    return out;
  });
  assert.deepEqual(overflowing, []);
  const persona = page.getByRole('combobox', { name: 'Server persona' });
  await persona.selectOption('vulnerable');
  const fits = await persona.evaluate((s) => s.getBoundingClientRect().right <= s.closest('.view').getBoundingClientRect().right);
  assert.ok(fits, 'the longest persona fits too');
  assert.ok((await page.evaluate(() => document.documentElement.scrollWidth)) <= 320, 'no sideways scrolling');
  assertClean(problems);
  await context.close();
});

/** Pastes text into a field as a person would (a paste event carrying the clipboard's text). */
async function paste(locator, text) {
  await locator.focus();
  await locator.evaluate((node, value) => {
    const data = new DataTransfer();
    data.setData('text/plain', value);
    node.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}

test('a multi-line paste sends one line per line, with a count; in DATA, message lines', async () => {
  const { page, problems, context } = await open();
  const log = page.getByRole('log');
  await paste(command(page), 'EHLO a\nMAIL FROM:<a@b.c>\r\nRCPT TO:<d@e.f>\nDATA\n');
  assert.match(await page.getByRole('status').filter({ hasText: /Pasted/ }).innerText(), /Pasted 4 lines/);
  assert.match(await lastReply(page), /^S:\s*354 /, 'four commands, four replies');
  assert.equal(await log.locator('li.entry.client').count(), 4);
  assert.equal(await command(page).inputValue(), '', 'nothing left over');

  await paste(command(page), 'Subject: Pasted\nFrom: alice@example.org\n\nLine one\nLine two\n.\nQUI');
  assert.match(await page.getByRole('status').filter({ hasText: /Pasted/ }).innerText(), /Pasted 6 lines/);
  assert.match(await lastReply(page), /^S:\s*250 2\.0\.0/, 'the "." line ended the message');
  assert.equal(
    await page.locator('#message-body').textContent(),
    'Subject: Pasted\r\nFrom: alice@example.org\r\n\r\nLine one\r\nLine two\r\n',
    'each pasted line a line of the message',
  );
  assert.equal(await command(page).inputValue(), 'QUI', 'a last line without its newline waits in the box');
  await page.keyboard.type('T');
  await page.keyboard.press('Enter');
  assert.match(await lastReply(page), /^S:\s*221 /);
  assertClean(problems);
  await context.close();
});

test('the script box sends a prepared session step by step', async () => {
  const { page, problems, context } = await open();
  const script = page.locator('details.script');
  await script.locator('summary').click();
  await script.getByRole('textbox').fill('EHLO client.example\nMAIL FROM:<a@example.org>\nRCPT TO:<b@example.net>\nDATA\nHi\n.\nQUIT\n');
  const status = script.getByRole('status');
  const next = script.getByRole('button', { name: 'Send next line' });
  await next.click();
  assert.match(await lastReply(page), /^S:\s*250-/);
  assert.match(await status.innerText(), /Line 2 of 7 is next/);
  await next.click();
  await next.click();
  assert.match(await lastReply(page), /^S:\s*250 2\.1\.5/);
  await script.getByRole('button', { name: 'Send all' }).click();
  assert.match(await lastReply(page), /^S:\s*221 /);
  assert.match(await status.innerText(), /All 7 lines sent/);
  assert.ok(await next.isDisabled());
  assert.equal(await page.locator('#message-body').textContent(), 'Hi\r\n');
  assertClean(problems);
  await context.close();
});

test('a transcript pasted into the script box is read (swaks here) and becomes the lines to send', async () => {
  const { page, problems, context } = await open();
  const script = page.locator('details.script');
  await script.locator('summary').click();
  const box = script.getByRole('textbox');
  await paste(box, ['<-  220 mx.example.com ESMTP', ' -> EHLO laptop.example', '<-  250 mx.example.com', ' -> QUIT', '<-  221 Bye'].join('\n'));
  // The readers come with the full module, loaded on this first paste: the box is read once it is in.
  await script.getByRole('status').getByText(/^Read as swaks output/).waitFor();
  assert.equal(await box.inputValue(), 'EHLO laptop.example\nQUIT');
  assert.match(await script.getByRole('status').innerText(), /^Read as swaks output: 5 lines\. Line 1 of 2 is next\.$/);
  await script.getByRole('button', { name: 'Send all' }).click();
  assert.match(await lastReply(page), /^S:\s*221 /);
  assertClean(problems);
  await context.close();
});
