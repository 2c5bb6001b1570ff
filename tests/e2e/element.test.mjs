// <smtp-sim> as tutorial authors use it, in Debian's headless Chromium: several on one page driven
// at the same time, the compact layout in 600×480, the language inherited, the events, the
// attributes, lazy loading, the strictest CSP, the single-file variant from disk, embed.html in a
// frame, export and import. No page may write the host's location; every test checks the console
// (a CSP violation is an error there) and that nothing went to another host.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, assertClean, isFocused, openPage, screenshotPath, servedPage } from './harness.mjs';

const open = servedPage({ root: ROOT });
const FIX = 'tests/e2e/fixtures/';

/**
 * Puts a line in one element's input (the command box, or the reply box in server mode) and
 * submits its form, as Enter does, without the keyboard: focus is one per page (Playwright's fill
 * types into whatever has focus), so two elements driven concurrently must not depend on it.
 */
async function typeInto(page, id, line) {
  const input = page.locator(`#${id}`).locator('input#command:visible, input#serve-reply:visible');
  await input.evaluate((node, value) => {
    node.value = value;
    node.form.requestSubmit();
  }, line);
}

/** The role and accessible name Chromium computes for the element (ElementInternals included). */
async function accessible(page, selector) {
  const cdp = await page.context().newCDPSession(page);
  const { root } = await cdp.send('DOM.getDocument');
  const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector });
  const { nodes } = await cdp.send('Accessibility.getPartialAXTree', { nodeId, fetchRelatives: false });
  await cdp.detach();
  return { role: nodes[0].role?.value, name: nodes[0].name?.value };
}

const replies = (page, id) => page.locator(`#${id}`).getByRole('log').locator('button.reply');

/**
 * Records every smtp-* event heard on the document, and any location change, from before the
 * page's own scripts run (an `open` option).
 */
const listening = {
  before: ({ context }) =>
    context.addInitScript(() => {
      window.heard = [];
      const types = ['smtp-ready', 'smtp-command', 'smtp-reply', 'smtp-state', 'smtp-message', 'smtp-warning', 'smtp-error', 'smtp-select'];
      for (const type of types) {
        document.addEventListener(type, (e) => {
          window.heard.push({ type, target: e.target.id, bubbles: e.bubbles, composed: e.composed, detail: e.detail });
        });
      }
      window.moved = [];
      window.addEventListener('hashchange', () => window.moved.push('hashchange'));
      window.addEventListener('popstate', () => window.moved.push('popstate'));
      window.where = { href: location.href, length: history.length };
    }),
};

async function assertNotMoved(page) {
  const now = await page.evaluate(() => ({ href: location.href, length: history.length, moved: window.moved, where: window.where }));
  assert.equal(now.href, now.where.href, 'the page address is untouched');
  assert.equal(now.length, now.where.length, 'no history entry was added');
  assert.deepEqual(now.moved, [], 'no hashchange or popstate');
}

test('two elements on one page, different modes, languages and personas, driven at the same time', async () => {
  const { page, problems, context } = await open('www/demo.html', { ready: false, viewport: { width: 1000, height: 900 }, ...listening });
  await page.evaluate(() => Promise.all(['first', 'second'].map((id) => document.getElementById(id).ready)));
  assert.equal(await page.locator('#first').evaluate((s) => [s.mode, s.persona, s.language].join()), 'client,strict,en');
  assert.equal(await page.locator('#second').evaluate((s) => [s.mode, s.persona, s.language].join()), 'server,lenient,pt-BR');

  // Both at once: the learner's commands in one, the learner's replies in the other.
  await Promise.all([
    (async () => {
      for (const line of ['EHLO pc.example', 'MAIL FROM:<ana@example.org>', 'DATA']) await typeInto(page, 'first', line);
    })(),
    (async () => {
      for (const line of ['220 mx.example.test pronto', '250 ola', '250 ok']) await typeInto(page, 'second', line);
    })(),
  ]);
  const first = await page.locator('#first').getByRole('log').innerText();
  const second = await page.locator('#second').getByRole('log').innerText();
  assert.match(first, /C:\s*MAIL FROM:<ana@example\.org>/);
  assert.match(first, /S:\s*503 5\.5\.1/, 'DATA before RCPT');
  assert.doesNotMatch(first, /pronto|ola/, 'no line of the other element');
  assert.match(second, /S:\s*220 mx\.example\.test pronto/);
  assert.match(second, /C:\s*MAIL FROM:<alice@client\.example\.test>/);
  assert.doesNotMatch(second, /ana@example\.org|pc\.example/);
  // Each explains in its own language, in its own region and live region.
  assert.match(await page.locator('#first').getByRole('region', { name: 'Explanation' }).innerText(), /Bad sequence/);
  assert.match(await page.locator('#second').getByRole('region', { name: 'Explicação' }).innerText(), /Remetente|Requested|Ação/);
  assert.match(await page.locator('#first p.live[aria-live="polite"]').textContent(), /^503 /);
  assert.match(await page.locator('#second p.live[aria-live="polite"]').textContent(), /^250 /);
  // Ids live in each shadow root: the same id twice on the page, never in the document.
  assert.equal(await page.evaluate(() => document.querySelectorAll('#command, #transcript, #explanation').length), 0);

  // Events bubble out of each element, composed, with their details.
  const heard = await page.evaluate(() => window.heard);
  assert.ok(heard.every((e) => e.bubbles && e.composed));
  const firstReplies = heard.filter((e) => e.type === 'smtp-reply' && e.target === 'first').map((e) => e.detail.code);
  assert.deepEqual(firstReplies, [220, 250, 250, 503]);
  const reply503 = heard.find((e) => e.type === 'smtp-reply' && e.detail.code === 503).detail;
  assert.deepEqual(Object.keys(reply503).sort(), ['code', 'enhanced', 'id', 'lines', 'source', 'state']);
  assert.equal(reply503.enhanced, '5.5.1');
  assert.equal(reply503.state, 'Mail');
  assert.equal(reply503.source, 'server');
  const command = heard.find((e) => e.type === 'smtp-command' && e.target === 'first' && e.detail.line === 'DATA').detail;
  assert.deepEqual(command, { line: 'DATA', verb: 'DATA', data: false, source: 'learner' });
  assert.deepEqual(heard.find((e) => e.type === 'smtp-state' && e.target === 'first').detail, { from: 'Connected', to: 'Ready' });
  const learner = heard.filter((e) => e.type === 'smtp-reply' && e.target === 'second');
  assert.deepEqual(learner.map((e) => [e.detail.code, e.detail.source, e.detail.verdict?.fit]), [
    [220, 'learner', 'usual'],
    [250, 'learner', 'usual'],
    [250, 'learner', 'usual'],
  ]);
  const ready = heard.filter((e) => e.type === 'smtp-ready').map((e) => [e.target, e.detail.mode, e.detail.lang]);
  assert.deepEqual(ready.sort(), [['first', 'client', 'en'], ['second', 'server', 'pt-BR']]);

  // "Compare with …" on a page that does not handle it: the element shows the pair itself.
  const region = page.locator('#first').getByRole('region', { name: 'Explanation' });
  await region.getByText('The full entry').click();
  await region.getByRole('button', { name: /^500 .*compare with 503/ }).click();
  // The comparison's code arrives on this first click (it is not in the first load).
  await region.getByRole('heading', { level: 3, name: /^503 .* vs 500 / }).waitFor();
  assert.match(await region.getByRole('heading', { level: 3 }).first().innerText(), /^503 .* vs 500 /);
  await region.getByRole('button', { name: 'Back to the explanation' }).click();
  assert.equal(await region.locator('.code-big').first().getAttribute('aria-label'), '503');

  // The third, hidden in a closed <details>, starts when opened and works.
  assert.equal(await page.locator('#third').getByRole('button', { name: 'Step', exact: true }).isVisible(), false);
  await page.getByText('Watch a whole delivery').click();
  await page.locator('#third').evaluate((s) => s.ready);
  const step = page.locator('#third').getByRole('button', { name: 'Step', exact: true });
  for (let i = 0; i < 40 && (await step.isEnabled()); i += 1) await step.click();
  assert.match(await page.locator('#third').getByRole('log').innerText(), /S:\s*221 /);
  await page.screenshot({ path: screenshotPath('element-tutorial-full'), fullPage: true });
  // The README's picture: the top of the tutorial, refreshed on request only.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: screenshotPath('element-tutorial') });
  if (process.env.UPDATE_SCREENSHOT) {
    mkdirSync(join(ROOT, 'docs'), { recursive: true });
    copyFileSync(screenshotPath('element-tutorial'), join(ROOT, 'docs', 'element-tutorial.png'));
  }
  await assertNotMoved(page);
  assertClean(problems);
  await context.close();
});

test('compact layout: the reply and its explanation together in a 600×480 box', async () => {
  const { page, problems, context } = await open(`${FIX}compact.html`, { ready: 'elements', viewport: { width: 600, height: 480 } });
  const sim = page.locator('#compact');
  for (const line of ['EHLO client.example', 'MAIL FROM:<alice@example.org>', 'RCPT TO:<bob@example.net>', 'RCPT TO:<carol@example.net>', 'DATA', 'Subject: hi', '', 'text', '.', 'RSET', 'RCPT TO:<bob@example.net>']) {
    await typeInto(page, 'compact', line);
  }
  const host = await sim.boundingBox();
  assert.deepEqual([host.width, host.height], [600, 480], 'the element is the 600×480 box');
  // What must be in view, unscrolled and uncovered: the newest reply, its code, the sentence that
  // explains it here, and the input.
  const seen = await sim.evaluate((s) => {
    const root = s.shadowRoot;
    const show = (node) => {
      if (!node) return 'missing';
      const r = node.getBoundingClientRect();
      const h = s.getBoundingClientRect();
      if (r.width === 0 || r.top < h.top || r.bottom > h.bottom + 0.5 || r.left < h.left || r.right > h.right + 0.5) return `outside ${JSON.stringify(r)}`;
      const hit = root.elementFromPoint(r.left + r.width / 2, r.top + Math.min(r.height / 2, 10));
      return hit && (node === hit || node.contains(hit)) ? 'visible' : `covered by ${hit?.className}`;
    };
    const lastReply = [...root.querySelectorAll('#transcript button.reply')].at(-1);
    return {
      reply: show(lastReply),
      replyText: lastReply.textContent,
      code: show(root.querySelector('#explanation-body .code-big')),
      codeLabel: root.querySelector('#explanation-body .code-big').getAttribute('aria-label'),
      context: show(root.querySelector('#explanation-body .context-text')),
      input: show(root.querySelector('#command')),
    };
  });
  assert.match(seen.replyText, /503 5\.5\.1/);
  assert.equal(seen.codeLabel, '503');
  assert.deepEqual([seen.reply, seen.code, seen.context, seen.input], ['visible', 'visible', 'visible', 'visible']);
  await sim.screenshot({ path: screenshotPath('compact-600x480') });
  assertClean(problems);
  await context.close();
});

test('the language comes from the nearest ancestor with lang; its own lang wins; changes follow', async () => {
  const { page, problems, context } = await open(`${FIX}lang.html`, { ready: 'elements' });
  const language = (id) => page.locator(`#${id}`).evaluate((s) => s.language);
  const label = (id) => page.locator(`#${id}`).getByRole('button', { name: /Reset session|Reiniciar sessão/ }).innerText();
  assert.equal(await language('page'), 'pt-BR', 'from <html lang="pt-BR">');
  assert.equal(await label('page'), 'Reiniciar sessão');
  assert.equal(await page.locator('#page').getAttribute('aria-label'), null, 'no attribute written on the host');
  assert.deepEqual(await accessible(page, '#page'), { role: 'group', name: 'Simulador SMTP' }, 'a group named in its language');
  assert.equal(await language('nested'), 'en', 'from the nearer <div lang="en">');
  assert.equal(await language('own'), 'en', 'its own lang="en-GB"');

  // The page switches language: those that inherit follow, explanations included.
  await typeInto(page, 'page', 'RCPT TO:<b@example.net>');
  assert.match(await page.locator('#page').getByRole('region', { name: 'Explicação' }).innerText(), /como corrigir/i);
  await page.evaluate(() => document.documentElement.setAttribute('lang', 'en'));
  await page.locator('#page').getByRole('button', { name: 'Reset session' }).waitFor();
  assert.match(await page.locator('#page').getByRole('region', { name: 'Explanation' }).innerText(), /how to fix/i);
  await page.evaluate(() => document.getElementById('english').setAttribute('lang', 'pt-BR'));
  await page.locator('#nested').getByRole('button', { name: 'Reiniciar sessão' }).waitFor();
  assert.equal(await language('own'), 'en', 'an element with its own lang is not moved');
  // The host's aria-label is the author's: respected, not overwritten.
  await page.locator('#own').evaluate((s) => s.setAttribute('aria-label', 'Exercise 3'));
  assert.deepEqual(await accessible(page, '#own'), { role: 'group', name: 'Exercise 3' });
  await page.evaluate(() => document.documentElement.setAttribute('lang', 'pt-BR'));
  assert.deepEqual(await accessible(page, '#own'), { role: 'group', name: 'Exercise 3' }, 'and kept');
  assertClean(problems);
  await context.close();
});

test('under script-src \'self\' \'wasm-unsafe-eval\' and style-src \'none\', styled, and events are composed', async () => {
  const { page, problems, context } = await open(`${FIX}strict.html`, { ready: false, ...listening });
  await page.waitForFunction(() => document.getElementById('wrapper').shadowRoot?.getElementById('inner'));
  await page.evaluate(() => Promise.all([document.getElementById('direct').ready, document.getElementById('wrapper').shadowRoot.getElementById('inner').ready]));
  const look = await page.locator('#direct').evaluate((s) => {
    const view = getComputedStyle(s.shadowRoot.querySelector('.view'));
    return { radius: view.borderTopLeftRadius, border: view.borderTopStyle, display: getComputedStyle(s).display };
  });
  assert.deepEqual(look, { radius: '12px', border: 'solid', display: 'block' }, 'the constructable stylesheets apply');
  await typeInto(page, 'direct', 'EHLO client.example');
  assert.match(await replies(page, 'direct').last().innerText(), /^S:\s*250-/);
  // The element inside another component's shadow root: in Portuguese (the host's lang), and its
  // events reach the document, retargeted to that component.
  const inner = page.locator('#wrapper #inner');
  assert.equal(await inner.evaluate((s) => s.language), 'pt-BR');
  const input = inner.getByRole('textbox', { name: 'Comando SMTP' });
  await input.fill('NOOP');
  await input.press('Enter');
  // The reply comes after the key: waited for, then every reply heard is compared.
  await page.waitForFunction(() => window.heard.some((e) => e.type === 'smtp-reply' && e.target === 'wrapper' && e.detail.code === 250));
  const heard = await page.evaluate(() =>
    window.heard.filter((e) => e.type === 'smtp-reply' && e.detail.code === 250).map((e) => [e.target, e.detail.code]),
  );
  assert.deepEqual(heard, [['direct', 250], ['wrapper', 250]]);
  // The API: attributes and properties reflect each other; unknown values fall back.
  const reflected = await page.locator('#direct').evaluate((s) => {
    s.persona = 'lenient';
    s.layout = 'compact';
    s.readonly = true;
    s.panels = ['transcript', 'explain'];
    const out = [s.getAttribute('persona'), s.getAttribute('layout'), s.hasAttribute('readonly'), s.getAttribute('panels')];
    s.setAttribute('theme', 'neon');
    out.push(s.theme, s.mode, s.loading, s.speed);
    return out;
  });
  assert.deepEqual(reflected, ['lenient', 'compact', true, 'transcript explain', 'auto', 'client', 'eager', 1]);
  assert.equal(await page.locator('#direct').getByRole('combobox', { name: 'Server persona' }).isVisible(), false, 'panels hides the toolbar');
  assert.equal(await page.locator('#direct').getByRole('textbox', { name: 'SMTP command' }).isVisible(), false, 'readonly hides the input');
  // The fresh session's greeting arrives after the change (the engine answers asynchronously):
  // waited for, then the log must hold it alone, the old session's replies gone.
  const fresh = page.locator('#direct').getByRole('log').locator('button.reply');
  await fresh.first().waitFor();
  assert.equal(await fresh.count(), 1, 'the persona change started a fresh session');
  await assertNotMoved(page);
  assertClean(problems);
  await context.close();
});

test('lazy: nothing is loaded until an element is shown or near; inside <details> it works once opened', async () => {
  const { page, problems, context } = await open(`${FIX}lazy.html`, { ready: false });
  await page.waitForFunction(() => customElements.get('smtp-sim'));
  const wasmLoads = () => page.evaluate(() => performance.getEntriesByType('resource').filter((e) => e.name.endsWith('.wasm')).map((e) => e.name.split('/').pop()));
  await page.waitForTimeout(300);
  assert.deepEqual(await wasmLoads(), [], 'no module while every element is hidden or far away');
  await page.getByText('Try it').click();
  await page.locator('#hidden').evaluate((s) => s.ready);
  assert.deepEqual(await wasmLoads(), ['smtp_sim_lite_en.wasm'], 'the client mode starts on the lite module');
  const transcript = await page.locator('#hidden').getByRole('log').boundingBox();
  assert.ok(transcript.height > 50 && transcript.width > 200, `laid out once shown: ${JSON.stringify(transcript)}`);
  await typeInto(page, 'hidden', 'EHLO client.example');
  assert.match(await replies(page, 'hidden').last().innerText(), /^S:\s*250-/);
  // The one below the fold (Watch) starts when scrolled to, on the full module, which then serves
  // both elements: the first one's session is carried over (MAIL after its EHLO gets 250, not 503).
  await page.locator('#below').scrollIntoViewIfNeeded();
  await page.locator('#below').evaluate((s) => s.ready);
  await page.locator('#below').getByRole('button', { name: 'Step', exact: true }).waitFor();
  assert.deepEqual(await wasmLoads(), ['smtp_sim_lite_en.wasm', 'smtp_sim_en.wasm'], 'the full module, once, for every element');
  await typeInto(page, 'hidden', 'MAIL FROM:<a@client.example>');
  assert.match(await replies(page, 'hidden').last().innerText(), /^S:\s*250 /);
  assertClean(problems);
  await context.close();
});

test('embed.html in a frame: events and height to the parent\'s origin only; commands only from it', async () => {
  const { page, problems, context } = await open(`${FIX}frame.html`, { ready: false });
  const good = page.frameLocator('#good');
  await good.getByRole('button', { name: 'Reiniciar sessão' }).waitFor();
  await page.waitForFunction(() => window.heard.good.some((m) => m.data.event === 'smtp-ready'));
  // A command from the parent, by postMessage.
  await page.evaluate(() => document.getElementById('good').contentWindow.postMessage({ type: 'smtp-sim:send', line: 'EHLO pai.example' }, location.origin));
  await page.waitForFunction(() => window.heard.good.some((m) => m.data.event === 'smtp-reply' && m.data.detail.code === 250));
  const heard = await page.evaluate(() => window.heard);
  assert.ok(await page.evaluate(() => window.heard.good.every((m) => m.origin === location.origin)), 'from the embed, addressed to this origin');
  assert.ok(heard.good.some((m) => m.data.type === 'smtp-sim:height' && m.data.px > 100), 'the height is reported');
  // The frame's own rules (embed.js adopts them): no margin, the element's 1px of room.
  const box = await good.locator('body').evaluate((b) => [getComputedStyle(b).margin, getComputedStyle(b).padding, getComputedStyle(document.documentElement).margin]);
  assert.deepEqual(box, ['0px', '1px', '0px'], "embed.js's rules apply in the frame");
  const ready = heard.good.find((m) => m.data.event === 'smtp-ready').data.detail;
  assert.deepEqual([ready.mode, ready.persona, ready.lang], ['client', 'lenient', 'pt-BR']);
  assert.match(await good.getByRole('log').innerText(), /C:\s*EHLO pai\.example/);

  // The frame told another origin talks to nobody and obeys nobody.
  const wrong = page.frameLocator('#wrong');
  await wrong.getByRole('button', { name: 'Reset session' }).waitFor();
  await page.evaluate(() => document.getElementById('wrong').contentWindow.postMessage({ type: 'smtp-sim:send', line: 'EHLO intruder' }, '*'));
  await page.waitForTimeout(300);
  assert.deepEqual(await page.evaluate(() => window.heard.wrong), [], 'nothing sent to this page');
  assert.doesNotMatch(await wrong.getByRole('log').innerText(), /intruder/, 'and nothing obeyed from it');
  // Neither frame moved its own address or the parent's.
  const frames = await page.evaluate(() => ['good', 'wrong'].map((id) => document.getElementById(id).contentWindow.location.hash));
  assert.deepEqual(frames, ['#mode=client&lang=pt-BR&persona=lenient', '#mode=client&origin=http://example.test']);
  assert.equal(await page.evaluate(() => location.pathname + location.hash), '/tests/e2e/fixtures/frame.html');
  assertClean(problems);
  await context.close();
});

test('export as text and Mermaid, import our export, a swaks capture and an nc capture', async () => {
  const { page, problems, context } = await open(`${FIX}compact.html`, { ready: 'elements', viewport: { width: 1000, height: 700 } });
  const sim = page.locator('#compact');
  for (const line of ['EHLO client.example', 'MAIL FROM:<alice@example.org>', 'RCPT TO:<bob@example.net>', 'DATA', 'Subject: hi', '', '..dot', '.', 'QUIT']) {
    await typeInto(page, 'compact', line);
  }
  const text = await sim.evaluate((s) => s.export('text'));
  const lines = text.trimEnd().split('\n');
  assert.equal(lines[0], '%smtp-transcript 1');
  assert.deepEqual(lines.slice(1, 4), ['engine: 0.1.0', 'persona: strict', 'lang: en'], 'the header of lesson-format.md §18.1');
  assert.ok(lines.includes('S: 220 mx.example.test ESMTP smtp-sim'));
  assert.ok(lines.includes('C: EHLO client.example'));
  assert.ok(lines.includes('| Subject: hi') && lines.includes('|') && lines.includes('| ..dot'), 'message lines as sent');
  assert.ok(lines.includes('C: .') && lines.at(-1).startsWith('S: 221 '));
  const mermaid = await sim.evaluate((s) => s.export('mermaid'));
  assert.match(mermaid, /^sequenceDiagram\n {2}participant C as Client\n {2}participant S as Server\n {2}S-->>C: 220 /);
  assert.match(mermaid, /\n {2}C->>S: EHLO client\.example\n/);

  // Our export back in, played: the same replies, no drift.
  await sim.evaluate((s) => s.setAttribute('autoplay', ''));
  const again = await sim.evaluate((s, t) => s.import(t), text);
  assert.deepEqual([again.format, again.sent, again.drift], ['smtp', 9, []]);
  assert.equal(await sim.evaluate((s) => s.export('text')), text, 'export → import → export is the identity');

  // swaks, as it prints a session (=== info lines, -> client, <- server, <~ / ~> after STARTTLS).
  const swaks = [
    '=== Trying 127.0.0.1:2525...',
    '=== Connected to 127.0.0.1.',
    '<-  220 mx.example.test ESMTP smtp-sim',
    ' -> EHLO laptop.example',
    '<-  250-mx.example.test',
    '<-  250 HELP',
    ' -> MAIL FROM:<swaks@example.org>',
    '<-  250 2.1.0 Ok',
    ' -> RCPT TO:<nobody>',
    '<** 501 5.1.3 Bad recipient address syntax',
    ' -> QUIT',
    '<-  221 2.0.0 Bye',
    '=== Connection closed with remote host.',
  ].join('\n');
  const read = await sim.evaluate((s, t) => s.import(t), swaks);
  assert.equal(read.format, 'swaks');
  assert.equal(read.sent, 4);
  assert.deepEqual(read.drift, [], 'our server answers as the recorded one did');
  assert.match(await sim.getByRole('log').innerText(), /C:\s*MAIL FROM:<swaks@example\.org>/);

  // A telnet/nc capture, with a reply that differs from what our server says (flagged as drift).
  const nc = ['220 mail.example.com ESMTP Postfix', 'HELO me', '250 mail.example.com', 'VRFY bob', '550 no', 'QUIT', '221 Bye'].join('\n');
  const capture = await sim.evaluate((s, t) => s.import(t), nc);
  assert.equal(capture.format, 'nc');
  assert.equal(capture.drift.length, 1, 'only the VRFY reply differs in its code');
  assert.equal(capture.drift[0].line, 'VRFY bob');
  assert.equal(capture.drift[0].recorded, '550 no');
  assert.match(capture.drift[0].now, /^252 /);
  assert.match(await sim.getByRole('log').innerText(), /Read as a telnet or nc capture: 7 lines\.[\s\S]*Recorded “550 no”; this engine says “252 /);

  // Credentials are redacted in an export (the demo account's are not), and a redacted exchange
  // replays cancelled; a bare-LF write is a send: line and replays as one (on the lenient persona:
  // the strict one refuses a bare LF and closes, as Postfix's "reject" does).
  await sim.evaluate((s) => s.setAttribute('persona', 'lenient'));
  await sim.evaluate((s) => s.reset());
  await sim.evaluate((s) => s.setAttribute('layout', 'full'));
  for (const line of ['EHLO client.example', 'AUTH PLAIN AGJvYgBzZWNyZXQ=', 'AUTH LOGIN', 'Ym9i', 'c2VjcmV0', 'AUTH PLAIN AGFsaWNlAHdvbmRlcmxhbmQ=']) {
    await typeInto(page, 'compact', line);
  }
  await sim.getByRole('combobox', { name: 'Lines end with' }).selectOption('lf');
  await typeInto(page, 'compact', 'NOOP');
  const secret = await sim.evaluate((s) => s.export('text'));
  assert.doesNotMatch(secret, /AGJvYgBzZWNyZXQ=|Ym9i|c2VjcmV0/, 'no secret in the export');
  assert.match(secret, /\nC: AUTH PLAIN <redacted>\nS: 535 /);
  assert.match(secret, /\nC: AUTH LOGIN\nS: 334 VXNlcm5hbWU6\nC: <redacted>\nS: 334 UGFzc3dvcmQ6\nC: <redacted>\nS: 535 /);
  assert.match(secret, /\nC: AUTH PLAIN AGFsaWNlAHdvbmRlcmxhbmQ=\nS: 235 /, 'the demo account is kept');
  assert.match(secret, /\nsend: NOOP<LF>\n/);
  const replayed = await sim.evaluate((s, t) => {
    s.setAttribute('autoplay', '');
    return s.import(t);
  }, secret);
  assert.equal(replayed.sent, 6, 'the second redacted LOGIN line is skipped: the exchange was over');
  assert.deepEqual(replayed.drift, [], 'a redacted exchange is not drift; the rest replays the same');
  assert.match(await sim.getByRole('log').innerText(), /C:\s*\*\n/, 'replayed cancelled with *');
  assert.match(await sim.getByRole('log').innerText(), /bare LF/, 'the NOOP went with a bare LF again');
  await sim.evaluate((s) => s.removeAttribute('autoplay'));

  // Without autoplay, the lines wait in the script box to be stepped through.
  const stepped = await sim.evaluate((s, t) => s.import(t), nc);
  assert.equal(stepped.sent, 0);
  assert.match(await sim.locator('details.script').getByRole('status').innerText(), /Line 1 of 3 is next/);
  // A share link of the session (tests/e2e/share.test.mjs covers them in full).
  assert.match(await sim.evaluate((s) => s.shareUrl()), /#s=1\.[tz]\.[\w-]+$/);

  // A share payload in the plain codec (1.t.<base64url of the text>) loads the same way, played
  // at once: the nc capture's VRFY reply is drift again.
  const payload = `1.t.${Buffer.from(nc).toString('base64url')}`;
  const shared = await sim.evaluate((s, state) => s.load({ state }), payload);
  assert.deepEqual([shared.format, shared.lines, shared.drift.length], ['nc', 7, 1]);
  assertClean(problems);
  await context.close();
});

test('smtp-sim.inline.js: one classic script with the wasm inside, served and opened from disk', async () => {
  const inline = join(ROOT, 'dist/smtp-sim.inline.js');
  assert.ok(existsSync(inline), 'run ./build.sh dist first');
  const dir = mkdtempSync(join(tmpdir(), 'smtp-sim-inline-'));
  try {
    copyFileSync(inline, join(dir, 'smtp-sim.inline.js'));
    copyFileSync(join(ROOT, FIX, 'inline.html'), join(dir, 'index.html'));
    const url = pathToFileURL(join(dir, 'index.html')).href;
    const { page, problems, context } = await openPage(open.browser(), { allowedPrefixes: [pathToFileURL(dir).href] });
    await page.goto(url);
    await page.locator('#inline').evaluate((s) => s.ready);
    const input = page.getByRole('textbox', { name: 'Comando SMTP' });
    await input.fill('EHLO disco.example');
    await input.press('Enter');
    assert.match(await replies(page, 'inline').last().innerText(), /^S:\s*250-/);
    assert.ok(await isFocused(input));
    const requests = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
    assert.deepEqual(requests.filter((u) => !u.endsWith('smtp-sim.inline.js')), [], 'no file but the script itself');
    assertClean(problems);
    await context.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
