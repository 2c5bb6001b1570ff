// Lessons and the smuggling lab in <smtp-sim>, in Debian's headless Chromium (issue 11).
//
// - Every shipped lesson (lessons/index.txt) is solved inside <smtp-sim lesson=…> on the lesson
//   index page, in both languages, by a scripted learner that reads the lesson's own solution
//   lines and does what a person does: types each line into the command box (or pastes raw bytes,
//   or types them into the lab's byte box and presses Send, or flips a fix switch). Each step
//   must fire smtp-step with its id and goals and be ticked in the step list; the lesson must fire
//   smtp-lesson-complete.
// - An idle learner completes nothing; a wrong line shows the step's own fail text.
// - The lab shows one message at a strict hop and two at a vulnerable one, and flipping the fix
//   switch turns two into one; its matrix is the engine's.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, assertClean, servedPage } from './harness.mjs';

const open = servedPage({ root: ROOT });

/** Records smtp-step, smtp-lesson-complete, smtp-lab and smtp-error from before the page runs. */
const listening = {
  before: ({ context }) =>
    context.addInitScript(() => {
      window.heard = [];
      for (const type of ['smtp-step', 'smtp-lesson-complete', 'smtp-lab', 'smtp-error']) {
        document.addEventListener(type, (e) => {
          window.heard.push({ type, bubbles: e.bubbles, composed: e.composed, detail: e.detail });
        });
      }
    }),
};

/** The shipped lessons, in the index's order. */
function index() {
  return readFileSync(join(ROOT, 'lessons/index.txt'), 'utf8')
    .split('\n')
    .slice(1)
    .filter((l) => l.trim() && !l.startsWith('#'))
    .map((l) => {
      const [id, file] = l.split(' | ');
      return { id, file };
    });
}

/**
 * What a learner needs from a lesson file: the header's pt-BR title and, per step, its id, goals
 * and solution actions in order (`solution:`, `C:`, `|`, `send:`, `toggle:`, `explain:` lines,
 * consecutive explain lines joined as one paste) — read as a person reads the file.
 */
function readLesson(file) {
  const text = readFileSync(join(ROOT, 'lessons', file), 'utf8');
  const lesson = { title: {}, steps: [] };
  let step = null;
  const value = (line, key) => {
    const v = line.slice(key.length);
    return v.startsWith(' ') ? v.slice(1) : v;
  };
  for (const line of text.split('\n').map((l) => l.replace(/\s+$/, ''))) {
    if (line.startsWith('## ')) {
      const m = /^## ([a-z0-9-]+):/.exec(line);
      step = { id: m[1], goals: [], actions: [] };
      lesson.steps.push(step);
    } else if (!step && line.startsWith('title:')) lesson.title.en = value(line, 'title:');
    else if (!step && line.startsWith('title[pt-BR]:')) lesson.title['pt-BR'] = value(line, 'title[pt-BR]:');
    else if (!step) continue;
    else if (line.startsWith('goal:')) step.goals.push(value(line, 'goal:').trim());
    else if (line.startsWith('solution:')) step.actions.push({ type: 'line', text: value(line, 'solution:') });
    else if (line.startsWith('C:')) step.actions.push({ type: 'line', text: value(line, 'C:') });
    else if (line.startsWith('|')) step.actions.push({ type: 'line', text: value(line, '|') });
    else if (line.startsWith('send:')) step.actions.push({ type: 'send', text: value(line, 'send:').trim() });
    else if (line.startsWith('toggle:')) step.actions.push({ type: 'toggle', text: value(line, 'toggle:').trim() });
    else if (line.startsWith('explain:')) {
      const last = step.actions.at(-1);
      if (last?.type === 'explain' && last.open) last.text += `\n${value(line, 'explain:')}`;
      else step.actions.push({ type: 'explain', text: value(line, 'explain:'), open: true });
      continue;
    }
    const last = step?.actions.at(-1);
    if (last?.type === 'explain') last.open = false;
  }
  return lesson;
}

/** `send:` tokens as the text a person pastes (CRLF line ends; these lessons hold no other bytes). */
function pasteText(tokens) {
  return tokens.replaceAll('<CRLF>', '\r\n').replaceAll('<SP>', ' ');
}

/** The fix switch a `toggle: hop=name` flips (on for a fix; the checked one off for the default). */
const SWITCH = { 'inbound=lenient': 'fix-b-crlf', 'inbound=strict': 'fix-b-reject', 'relay=reject': 'fix-a-reject', 'relay=normalize': 'fix-a-normalize', 'relay=clean': 'fix-a-clean' };

/** Does one solution action as a person would, inside the element `sim`. */
async function perform(page, sim, action) {
  const input = sim.locator('input#command');
  switch (action.type) {
    case 'line':
      // A transcript step pre-fills its next input: select it all and type over it.
      await input.click();
      await page.keyboard.press('Control+A');
      if (action.text) await page.keyboard.type(action.text, { delay: 2 });
      else await page.keyboard.press('Delete');
      await page.keyboard.press('Enter');
      break;
    case 'send': {
      const lab = sim.locator('#lab-bytes');
      if (await lab.isVisible()) {
        await lab.click();
        await page.keyboard.press('Control+A');
        await page.keyboard.insertText(action.text);
        await sim.locator('#lab-send').click();
      } else {
        // Raw bytes in a client lesson: a multi-line paste, one write (§14.3).
        await input.evaluate((node, text) => {
          node.focus();
          const data = new DataTransfer();
          data.setData('text', text);
          node.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
        }, pasteText(action.text));
      }
      break;
    }
    case 'toggle': {
      for (const change of action.text.split(/\s+/)) {
        const id = SWITCH[change.toLowerCase()];
        assert.ok(id, `a switch for ${change}`);
        const box = sim.locator(`#${id}`);
        if (!(await box.isChecked())) await box.click();
      }
      break;
    }
    case 'explain':
      await sim.locator('#lesson-explain-text').fill(action.text);
      await sim.locator('#lesson-explain-go').click();
      break;
    default:
      throw new Error(action.type);
  }
}

const heard = (page, type) => page.evaluate((t) => window.heard.filter((h) => h.type === t), type);

async function solve(lang, entry) {
  const lesson = readLesson(entry.file);
  const { page, problems } = await open(`www/lessons.html?lang=${lang}#${entry.id}`, { ready: false, ...listening });
  await page.waitForFunction(() => document.getElementById('lesson-sim')?.ready);
  await page.evaluate(() => document.getElementById('lesson-sim').ready);
  const sim = page.locator('#lesson-sim');
  const title = sim.locator('#lesson-title');
  assert.equal(await title.textContent(), lesson.title[lang] ?? lesson.title.en, `${entry.id}: the title in ${lang}`);
  for (const [i, step] of lesson.steps.entries()) {
    if (!step.actions.length) {
      await sim.locator('#lesson-continue').click();
    } else {
      for (const action of step.actions) await perform(page, sim, action);
    }
    await page.waitForFunction((n) => window.heard.filter((h) => h.type === 'smtp-step').length > n, i, { timeout: 5000 }).catch(() => {});
    const steps = await heard(page, 'smtp-step');
    assert.equal(steps.length, i + 1, `${entry.id} (${lang}): step "${step.id}" completed by its solution`);
    const last = steps.at(-1);
    assert.equal(last.detail.id, step.id);
    assert.equal(last.detail.lesson, entry.id);
    // The goals as the lesson writes them (keywords canonical: `to QUIT` reads back `to quit`).
    const canon = (goals) => goals.map((g) => g.toLowerCase().replace(/\s+/g, ' '));
    assert.deepEqual(canon(last.detail.goals), canon(step.goals), `${entry.id}: the goals of "${step.id}"`);
    assert.ok(last.bubbles && last.composed, 'smtp-step bubbles out of the shadow root');
    assert.equal(await sim.locator(`.lesson-steps li[data-step="${step.id}"]`).getAttribute('class'), 'done', `"${step.id}" is ticked`);
  }
  const done = await heard(page, 'smtp-lesson-complete');
  assert.equal(done.length, 1, `${entry.id} (${lang}): smtp-lesson-complete`);
  assert.equal(done[0].detail.lesson, entry.id);
  assert.equal(done[0].detail.steps, lesson.steps.length);
  assert.equal(done[0].detail.shown, 0, 'solved without Show me');
  assert.ok(await sim.locator('#lesson-done').isVisible(), 'the lesson says it is complete');
  assert.deepEqual(await heard(page, 'smtp-error'), []);
  // Progress is kept in this browser: the index marks the lesson done.
  await page.evaluate(() => {
    location.hash = '';
  });
  await page.locator(`#lesson-list li[data-lesson="${entry.id}"] .lesson-state`).waitFor();
  assertClean(problems);
  await page.context().close();
}

for (const lang of ['en', 'pt-BR']) {
  test(`a scripted learner solves every shipped lesson in ${lang}`, async () => {
    const lessons = index();
    assert.ok(lessons.length >= 10, 'at least ten lessons');
    for (const entry of lessons) await solve(lang, entry);
  });
}

test('an idle learner completes nothing; a wrong line shows the step’s own fail text', async () => {
  const { page, problems } = await open('www/lessons.html#first-mail', { ready: false, ...listening });
  await page.waitForFunction(() => document.getElementById('lesson-sim')?.ready);
  await page.evaluate(() => document.getElementById('lesson-sim').ready);
  const sim = page.locator('#lesson-sim');
  assert.equal(await sim.locator('#lesson-progress').textContent(), 'Step 1 of 4');
  assert.equal(await sim.locator('.lesson-goals li.met').count(), 0, 'no goal is met by doing nothing');
  assert.deepEqual(await heard(page, 'smtp-step'), []);
  // "EHLO" without a name: the server says 501 and the lesson says why, in its own words.
  await sim.locator('input#command').click();
  await page.keyboard.type('EHLO');
  await page.keyboard.press('Enter');
  assert.match(await sim.locator('#lesson-feedback').textContent(), /EHLO.*needs a name after it/);
  assert.deepEqual(await heard(page, 'smtp-step'), [], 'a refused command completes nothing');
  // Hints come one at a time.
  await sim.locator('#lesson-hint').click();
  assert.equal(await sim.locator('#lesson-hints li').count(), 1);
  assert.match(await sim.locator('#lesson-hints li').textContent(), /EHLO/);
  assertClean(problems);
  await page.context().close();
});

test('Show me plays the step; progress survives a reload (resumed at the saved step)', async () => {
  const { page, problems } = await open('www/lessons.html#first-mail', { ready: false, ...listening });
  await page.evaluate(() => document.getElementById('lesson-sim')?.ready);
  await page.waitForFunction(() => document.getElementById('lesson-sim')?.ready);
  await page.evaluate(() => document.getElementById('lesson-sim').ready);
  const sim = page.locator('#lesson-sim');
  await sim.locator('#lesson-show-me').click();
  const steps = await heard(page, 'smtp-step');
  assert.equal(steps.length, 1);
  assert.equal(steps[0].detail.shown, true);
  assert.equal(await sim.locator('#lesson-progress').textContent(), 'Step 2 of 4');
  await page.reload();
  await page.waitForFunction(() => document.getElementById('lesson-sim')?.ready);
  await page.evaluate(() => document.getElementById('lesson-sim').ready);
  assert.equal(await sim.locator('#lesson-progress').textContent(), 'Step 2 of 4', 'resumed at step 2');
  assert.ok((await sim.locator('.entry.setup').count()) > 0, 'the replayed step is shown greyed');
  assertClean(problems);
  await page.context().close();
});

test('an inline lesson in a pt-BR page: narration in Portuguese, solved by typing', async () => {
  const { page, problems } = await open('tests/e2e/fixtures/inline-lesson.html', { ready: 'elements', ...listening });
  const sim = page.locator('#inline');
  assert.equal(await sim.locator('#lesson-title').textContent(), 'Faça o servidor dizer 354');
  assert.match(await sim.locator('.lesson-narration').textContent(), /DATA só funciona/);
  assert.equal(await sim.locator('.lesson-narration code').first().textContent(), 'MAIL FROM', 'Markdown-lite code, as an element');
  for (const line of ['DATA', 'MAIL FROM:<ana@example.test>', 'RCPT TO:<bia@example.test>', 'DATA']) {
    await sim.locator('input#command').click();
    await page.keyboard.type(line);
    await page.keyboard.press('Enter');
    if (line === 'DATA' && !(await heard(page, 'smtp-lesson-complete')).length) {
      assert.match(await sim.locator('#lesson-feedback').textContent(), /Cedo demais/);
    }
  }
  assert.equal((await heard(page, 'smtp-lesson-complete')).length, 1);
  assertClean(problems);
  await page.context().close();
});

test('the lab: one message at a strict hop, two at a vulnerable one; the fix switch turns two into one', async () => {
  const { page, problems } = await open('tests/e2e/fixtures/lab.html', { ready: 'elements', ...listening });
  const sim = page.locator('#lab');
  const summary = sim.locator('#lab-summary');
  // The default scenario: A passes bare LF on, B is vulnerable; the vector <LF>.<CRLF>.
  assert.equal(await sim.locator('#lab-vector').inputValue(), 'lfcrlf');
  await sim.locator('#lab-send').click();
  assert.equal(await summary.textContent(), 'A accepted 1, B delivered 2');
  assert.equal(await sim.locator('.lab-mailbox li.smuggled').count(), 1, 'the smuggled message is marked');
  assert.ok((await sim.locator('.tok.smuggled').count()) > 0, 'the span B read as commands is shaded');
  // The ribbon draws the bytes that make the attack: the bare LF and the CRLFs are visible tokens.
  assert.match(await sim.locator('.ribbon').first().innerText(), /Hi Bia<LF>\.<CRLF>MAIL FROM:/, 'the line-end tokens are drawn');
  assert.equal(await sim.locator('.ribbon').first().locator('.eod').count(), 1, 'A ended the data once');
  // B's fix: end data only at <CRLF>.<CRLF>.
  await sim.locator('#fix-b-crlf').click();
  assert.equal(await summary.textContent(), 'A accepted 1, B delivered 1');
  // B strict: refuses the message holding a bare LF.
  await sim.locator('#fix-b-reject').click();
  assert.equal(await sim.locator('#fix-b-crlf').isChecked(), false, 'one setting per hop');
  assert.equal(await summary.textContent(), 'A accepted 1, B delivered 0');
  await sim.locator('#fix-b-reject').click();
  assert.equal(await summary.textContent(), 'A accepted 1, B delivered 2', 'the switch off: vulnerable again');
  // A's fix instead: normalise, then stuff.
  await sim.locator('#fix-a-normalize').click();
  assert.equal(await summary.textContent(), 'A accepted 1, B delivered 1');
  // The "clean" model makes a real CRLF.CRLF: even a fixed B delivers two.
  await sim.locator('#fix-a-clean').click();
  await sim.locator('#fix-b-crlf').click();
  assert.equal(await summary.textContent(), 'A accepted 1, B delivered 2');
  const runs = await heard(page, 'smtp-lab');
  assert.deepEqual(runs.at(-1).detail, { relay: 'clean', inbound: 'Lenient', accepted: 1, delivered: 2 });
  assertClean(problems);
  await page.context().close();
});

test('the lab matrix is computed by the engine and agrees with the measured table', async () => {
  const { page, problems } = await open('tests/e2e/fixtures/lab.html', { ready: 'elements' });
  const sim = page.locator('#lab');
  await sim.locator('#lab-matrix').click();
  const cell = async (vector, inbound) => sim.locator(`td[data-vector="${vector}"][data-inbound="${inbound}"]`).textContent();
  // Through a passthrough A: B vulnerable splits on the bare-LF vectors, lenient never does,
  // strict refuses a message holding a bare LF (550).
  assert.equal(await cell('lfcrlf', 'Vulnerable'), '2');
  assert.equal(await cell('lflf', 'Vulnerable'), '2');
  assert.equal(await cell('lfcrlf', 'Lenient'), '1');
  assert.equal(await cell('lfcrlf', 'Strict'), '550');
  // <CR>.<CRLF> ends data at no persona (Postfix "no" included: it treats a bare CR as data).
  assert.equal(await cell('crcrlf', 'Vulnerable'), '1');
  // Straight to B, the research table's setting: its Postfix "no" and "normalize" columns.
  await sim.locator('#lab-matrix-relay').selectOption('direct');
  const table = { lflf: ['2', '1'], lfcrlf: ['2', '1'], crlflf: ['2', '1'], crcrlf: ['1', '1'], crlfcr: ['1', '1'], nullbefore: ['1', '1'] };
  for (const [vector, [no, normalize]] of Object.entries(table)) {
    assert.equal(await cell(vector, 'Vulnerable'), no, `${vector}, Postfix no`);
    assert.equal(await cell(vector, 'Lenient'), normalize, `${vector}, Postfix normalize`);
  }
  // CRLF.CRCRLF: the table says "no" for Postfix `no`; the engine follows Postfix's reader,
  // which strips every CR before the LF when bare-newline detection is off, so "." CR CR LF
  // reads as "." and ends the data (HISTORY 20240106). The engine wins.
  assert.equal(await cell('crlfcrcrlf', 'Vulnerable'), '2');
  assertClean(problems);
  await page.context().close();
});

test('a lesson written from the README alone, embedded with one tag, runs as written', async () => {
  const { page, problems } = await open('tests/e2e/fixtures/teacher.html', { ready: false, ...listening });
  await page.waitForFunction(() => customElements.get('smtp-sim'));
  await page.evaluate(() => document.getElementById('teacher').ready);
  const sim = page.locator('#teacher');
  assert.equal(await sim.locator('#lesson-title').textContent(), 'Say goodbye with QUIT');
  assert.equal(await sim.locator('.lesson-goals li').count(), 2);
  await sim.locator('input#command').click();
  await page.keyboard.type('QUTI');
  await page.keyboard.press('Enter');
  assert.match(await sim.locator('#lesson-feedback').textContent(), /The one that says goodbye is QUIT/);
  await page.keyboard.type('QUIT');
  await page.keyboard.press('Enter');
  const done = await heard(page, 'smtp-lesson-complete');
  assert.deepEqual(done.map((d) => d.detail.lesson), ['say-goodbye']);
  assertClean(problems);
  await page.context().close();
});

test('the lesson follows a language change: lesson texts from the lesson, labels from i18n', async () => {
  const { page, problems } = await open('www/lessons.html#first-mail', { ready: false, ...listening });
  await page.waitForFunction(() => document.getElementById('lesson-sim')?.ready);
  await page.evaluate(() => document.getElementById('lesson-sim').ready);
  const sim = page.locator('#lesson-sim');
  assert.equal(await sim.locator('#lesson-title').textContent(), 'Your first mail, by hand');
  assert.equal(await sim.locator('#lesson-show-me').textContent(), 'Show me');
  await sim.evaluate((node) => node.setAttribute('lang', 'pt-BR'));
  await page.waitForFunction(() => document.getElementById('lesson-sim').language === 'pt-BR');
  assert.equal(await sim.locator('#lesson-title').textContent(), 'Seu primeiro e-mail, à mão');
  assert.equal(await sim.locator('#lesson-step-title').textContent(), 'Diga olá');
  assert.equal(await sim.locator('#lesson-show-me').textContent(), 'Mostre-me');
  assert.equal(await sim.locator('#lesson-progress').textContent(), 'Passo 1 de 4');
  assertClean(problems);
  await page.context().close();
});

test('goals are ticked one by one as the engine reaches them, not all at once at the end', async () => {
  const { page, problems } = await open('www/lessons.html#smuggling', { ready: false, ...listening });
  await page.waitForFunction(() => document.getElementById('lesson-sim')?.ready);
  await page.evaluate(() => document.getElementById('lesson-sim').ready);
  const sim = page.locator('#lesson-sim');
  // Show me through the first three steps; the fourth ("clean-trap") sets B lenient as its set-up.
  for (let i = 0; i < 3; i += 1) await sim.locator('#lesson-show-me').click();
  assert.equal((await heard(page, 'smtp-step')).length, 3);
  assert.equal(await sim.locator('#lesson-step-title').textContent(), 'The fix that makes it worse');
  const met = () => sim.locator('.lesson-goals li.met').evaluateAll((lis) => lis.map((li) => li.dataset.goal));
  assert.deepEqual(await met(), ['lab inbound=lenient'], 'the set-up already meets one goal of three');
  // Flip A to "clean": the lab runs again, and the other two goals are met with it.
  await sim.locator('#fix-a-clean').click();
  assert.equal((await heard(page, 'smtp-lesson-complete')).length, 1);
  assertClean(problems);
  await page.context().close();
});
