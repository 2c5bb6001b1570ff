// <smtp-sim lesson="…">: a lesson (docs/lesson-format.md) in the element. The learner works in
// the client view as usual (or, in a lab lesson, in the smuggling lab); the engine's lesson run
// judges each exchange against the step's goals, never the keystrokes, and this view shows what it
// decided: goals ticked, fail texts, hints one at a time, "Show me", progress kept per lesson in
// localStorage, and the smtp-step / smtp-lesson-complete events for a host page or an LMS.

import { EngineError } from '../engine.js';
import { lab, lessonRun } from '../engine-full.js';
import { button, el } from '../dom.js';
import { applyLabels } from '../i18n.js';
import { ClientMode } from './client.js';
import { LabPanel } from '../components/lab.js';
import { blockNodes, inlineNodes } from '../components/markdown.js';

const utf8 = new TextEncoder();
const STORE = 'smtp-sim:lesson:';

function labelled(tag, key, className = null) {
  const node = el(tag, className);
  node.dataset.i18n = key;
  return node;
}

/** localStorage may be missing or refuse (private windows, file://): progress is then not kept. */
const storage = {
  get(key) {
    try {
      return JSON.parse(globalThis.localStorage?.getItem(key) ?? 'null');
    } catch {
      return null;
    }
  },
  set(key, value) {
    try {
      globalThis.localStorage?.setItem(key, JSON.stringify(value));
    } catch {
      // Not kept; the lesson still works.
    }
  },
};

export class LessonMode extends ClientMode {
  constructor(ctx) {
    super(ctx);
    this.info = null;
    this.step = 0;
    this.skipSent = 0;
    this.quiet = false;
    this.buildLesson();
  }

  buildLesson() {
    const panel = el('section', 'lesson');
    panel.setAttribute('part', 'lesson');
    panel.dataset.i18nAriaLabel = 'lesson.label';
    const title = el('h2', 'lesson-title');
    title.id = 'lesson-title';
    const progress = el('p', 'lesson-progress');
    progress.id = 'lesson-progress';
    const intro = el('details', 'lesson-intro');
    intro.append(labelled('summary', 'lesson.intro'));
    const introBody = el('div', 'narration');
    intro.append(introBody);
    const steps = el('ol', 'lesson-steps');
    steps.id = 'lesson-steps';
    const stepTitle = el('h3', 'lesson-step-title');
    stepTitle.id = 'lesson-step-title';
    const narration = el('div', 'narration lesson-narration');
    const goalsHead = labelled('p', 'lesson.goals', 'lesson-goals-head');
    goalsHead.id = 'lesson-goals-head';
    const goals = el('ul', 'lesson-goals');
    goals.id = 'lesson-goals';
    goals.setAttribute('aria-labelledby', 'lesson-goals-head');
    const feedback = el('div', 'lesson-feedback');
    feedback.id = 'lesson-feedback';
    feedback.setAttribute('role', 'status');
    feedback.setAttribute('aria-live', 'polite');
    const hints = el('ol', 'lesson-hints');
    hints.id = 'lesson-hints';
    const actions = el('div', 'lesson-actions');
    const hint = button('secondary lesson-hint');
    hint.id = 'lesson-hint';
    const showMe = labelled('button', 'lesson.showMe', 'secondary');
    showMe.type = 'button';
    showMe.id = 'lesson-show-me';
    const restart = labelled('button', 'lesson.restartStep', 'secondary');
    restart.type = 'button';
    restart.id = 'lesson-restart';
    const next = labelled('button', 'lesson.continue');
    next.type = 'button';
    next.id = 'lesson-continue';
    actions.append(hint, showMe, restart, next);

    // Explain a real reply, for steps whose solution pastes one (explain: lines).
    const explainBox = el('div', 'lesson-explain');
    const explainLabel = labelled('label', 'lesson.explainLabel');
    explainLabel.htmlFor = 'lesson-explain-text';
    const explainText = el('textarea', null);
    explainText.id = 'lesson-explain-text';
    explainText.rows = 3;
    explainText.spellcheck = false;
    const explainGo = labelled('button', 'lesson.explainGo', 'secondary');
    explainGo.type = 'button';
    explainGo.id = 'lesson-explain-go';
    explainBox.append(explainLabel, explainText, explainGo);

    const done = el('p', 'lesson-done');
    done.id = 'lesson-done';
    done.setAttribute('role', 'status');
    done.hidden = true;
    const error = el('pre', 'lesson-error');
    error.id = 'lesson-error';
    error.setAttribute('role', 'alert');
    error.hidden = true;

    panel.append(title, progress, intro, steps, stepTitle, narration, goalsHead, goals, feedback, hints, actions, explainBox, done, error);
    const labBox = el('div', 'lesson-lab');
    this.view.prepend(panel);
    this.view.append(labBox);
    this.view.classList.add('lesson-view');
    this.lessonUi = { panel, title, progress, intro, introBody, steps, stepTitle, narration, goals, goalsHead, feedback, hints, hint, showMe, restart, next, explainBox, explainText, explainGo, done, error, labBox };

    hint.addEventListener('click', () => this.act((s) => s.revealHint()));
    showMe.addEventListener('click', () => this.act((s) => s.showMe()));
    next.addEventListener('click', () => this.act((s) => s.continueRead()));
    restart.addEventListener('click', () => this.restartStep());
    explainGo.addEventListener('click', () => this.act((s) => s.explainPaste(explainText.value)));
  }

  // ---- Starting ----------------------------------------------------------------------------

  /** A new run of the lesson the element loaded, resumed at the saved step. */
  start() {
    const source = this.ctx.lesson;
    this.session?.free();
    this.session = null;
    this.scanner?.free();
    this.scanner = null;
    this.storedMessage = null;
    this.transcript.clear();
    this.ui.message.hidden = true;
    const u = this.lessonUi;
    u.error.hidden = true;
    u.done.hidden = true;
    if (!source) return;
    if (source.error) {
      this.showError(source.error);
      return;
    }
    const options = { language: this.ctx.lang, inline: source.inline, file: source.file };
    try {
      let run = lessonRun(source.text, options);
      const info = run.lesson();
      const saved = storage.get(this.key(info));
      if (saved && !saved.complete && saved.step > 0) {
        run.free();
        run = lessonRun(source.text, { ...options, resumeAt: saved.step });
      }
      this.session = run;
      this.info = info;
    } catch (e) {
      if (!(e instanceof EngineError)) throw e;
      // "load": this module was built without the lessons; else the parser's diagnostics.
      this.showError(e.kind === 'load' ? this.ctx.t('lesson.unavailable') : e.message);
      return;
    }
    this.renderLesson();
    this.quiet = true;
    this.apply(this.session.poll());
    this.quiet = false;
    this.ui.input.disabled = Boolean(this.info.lab);
    this.renderAuth();
    this.renderScript();
  }

  reset() {
    if (this.info) storage.set(this.key(this.info), null);
    this.start();
  }

  setPersona() {
    // A lesson names its own server (persona: in its header).
  }

  key(info) {
    return `${STORE}${info.id}@${info.revision}`;
  }

  showError(message) {
    const u = this.lessonUi;
    u.error.textContent = message;
    u.error.hidden = false;
    u.title.textContent = this.ctx.t('lesson.broken');
    this.ctx.error('lesson', message);
  }

  // ---- Rendering the lesson ----------------------------------------------------------------

  renderLesson() {
    const u = this.lessonUi;
    const info = this.info;
    u.title.textContent = info.title;
    u.introBody.replaceChildren(...blockNodes(info.intro));
    u.intro.hidden = !info.intro.length;
    u.intro.open = this.step === 0;
    u.steps.replaceChildren(
      ...info.steps.map((s, i) => {
        const li = el('li', null, s.title);
        li.dataset.step = s.id;
        li.dataset.index = i;
        return li;
      }),
    );
    u.explainBox.hidden = !info.steps.some((s) => s.solution.some((a) => a.type === 'explain'));
    this.view.classList.toggle('lesson-lab-view', info.lab);
    if (info.lab && !this.labPanel) this.buildLab();
    this.renderStep();
  }

  buildLab() {
    const ctx = this.ctx;
    this.labPanel = new LabPanel({
      ctx: {
        get t() {
          return ctx.t;
        },
        decode: (text) => lab.decode(text),
      },
      vectors: lab.vectors(),
      onSend: (bytes) => this.act((s) => s.send(bytes)),
      onChange: (change) => this.act((s) => s.toggle(change)),
      onMatrix: (relay) => lab.matrix(relay),
    });
    this.lessonUi.labBox.replaceChildren(this.labPanel.node);
    applyLabels(this.labPanel.node, ctx.t);
    const settings = this.session.labSettings();
    if (settings) this.labPanel.setSettings(settings);
  }

  renderStep() {
    const u = this.lessonUi;
    const t = this.ctx.t;
    const info = this.info;
    const n = info.steps.length;
    const complete = this.step >= n;
    for (const li of u.steps.children) {
      const i = Number(li.dataset.index);
      li.className = i < this.step ? 'done' : i === this.step ? 'current' : '';
      if (i === this.step) li.setAttribute('aria-current', 'step');
      else li.removeAttribute('aria-current');
    }
    u.progress.textContent = complete ? t('lesson.completeShort') : t('lesson.progress', { i: this.step + 1, n });
    const step = info.steps[this.step];
    u.stepTitle.textContent = step ? step.title : '';
    u.narration.replaceChildren(...(step ? blockNodes(step.narration) : []));
    u.goals.replaceChildren(
      ...(step?.goals ?? []).map((g) => {
        const li = el('li', 'goal');
        li.dataset.goal = g.written;
        li.append(el('span', 'goal-mark', '○'), ' ', el('span', 'goal-text', this.goalText(g)));
        return li;
      }),
    );
    u.goalsHead.hidden = !step?.goals.length;
    u.hints.replaceChildren();
    u.feedback.replaceChildren();
    u.hint.classList.remove('attention');
    this.renderHintButton(0);
    u.showMe.hidden = !step || !step.solution.length;
    u.restart.hidden = !step || step.kind === 'Read';
    u.next.hidden = !step || step.kind !== 'Read';
    u.done.hidden = !complete;
    if (complete) u.done.textContent = t('lesson.complete');
    // A transcript step offers its next input (§13); a lab step its bytes.
    if (step && step.kind === 'Transcript') this.offerNext();
    if (step && info.lab) {
      const bytes = step.solution.find((a) => a.type === 'bytes');
      if (bytes && this.labPanel) this.labPanel.ui.bytes.value = bytes.tokens;
    }
  }

  renderHintButton(revealed) {
    const u = this.lessonUi;
    const step = this.info?.steps[this.step];
    const left = step ? step.hints - revealed : 0;
    u.hint.textContent = this.ctx.t('lesson.hint', { n: left });
    u.hint.disabled = left <= 0;
    u.hint.hidden = !step || step.hints === 0;
    u.hint.dataset.revealed = revealed;
  }

  offerNext() {
    const next = this.session?.nextInput();
    if (next?.type === 'line' && this.ui.input.value === '') this.ui.input.value = next.text;
  }

  /** The checklist's words for a goal: the i18n template for its kind, else the goal as written. */
  goalText(g) {
    const t = this.ctx.t;
    const key = g.kind.replace(/-(\w)/g, (_, c) => c.toUpperCase());
    const text = t(`lesson.goal.${key}`, { detail: g.detail }) ?? g.written;
    return g.negated ? t('lesson.goalNot', { goal: text }) : text;
  }

  renderGoals(x) {
    const u = this.lessonUi;
    if (x.step !== this.step) return;
    [...u.goals.children].forEach((li, i) => {
      const on = Boolean(x.goals[i]);
      li.classList.toggle('met', on);
      li.dataset.met = on;
      li.firstChild.textContent = on ? '✓' : '○';
    });
  }

  feedback(nodes, kind) {
    const p = el('p', `lesson-feedback-${kind}`);
    p.append(...nodes);
    this.lessonUi.feedback.replaceChildren(p);
  }

  // ---- What the learner does ---------------------------------------------------------------

  /** A lesson action through the engine (a hint, Show me, a lab send or switch …), then its events. */
  act(fn) {
    if (!this.session) return [];
    try {
      return this.apply(fn(this.session));
    } catch (e) {
      this.failed(e);
      return [];
    }
  }

  restartStep() {
    if (!this.session) return;
    try {
      const x = this.session.restartStep();
      this.transcript.clear();
      this.storedMessage = null;
      this.quiet = true;
      this.apply(x);
    } catch (e) {
      this.failed(e);
    } finally {
      this.quiet = false;
    }
  }

  /** A typed line, as in the client view; the lesson run judges what the server did with it. */
  send(line, source = 'api', ending = null) {
    if (!this.session || this.info?.lab) return [];
    const t = this.ctx.t;
    try {
      if (this.session.closed) {
        this.transcript.notice(t('lesson.closed'));
        this.lessonUi.restart.classList.add('attention');
        return [];
      }
      const state = this.session.state();
      const inData = state === 'Data';
      const inChunk = this.session.chunkRemaining() != null;
      ending ??= this.ui.ending.value === 'lf' ? '\n' : '\r\n';
      const bytes = utf8.encode(line + ending);
      this.transcript.client(line, { ending, data: inData || inChunk, auth: state === 'Auth' });
      if (inData) this.noteData(line, bytes);
      this.skipSent = 1;
      const x = this.session.send(bytes);
      const command = x.events.find((e) => e.type === 'command' && !e.setup);
      this.ctx.emit('smtp-command', { line, verb: command?.verb ?? null, data: inData || inChunk, source });
      return this.apply(x);
    } catch (e) {
      this.failed(e);
      return [];
    } finally {
      this.skipSent = 0;
    }
  }

  /**
   * A multi-line paste is one write of all its lines, each ended by CRLF (§14.3): what a
   * pipelining client does, and what the lessons on PIPELINING and STARTTLS rely on.
   */
  paste(lines) {
    if (!this.session || this.info?.lab || !lines.length) return;
    try {
      for (const line of lines) this.transcript.client(line, { ending: '\r\n', className: 'pasted' });
      this.skipSent = 1;
      const x = this.session.send(utf8.encode(lines.map((l) => `${l}\r\n`).join('')));
      this.ctx.emit('smtp-command', { line: lines.join('\n'), verb: null, data: false, source: 'paste' });
      this.apply(x);
    } catch (e) {
      this.failed(e);
    } finally {
      this.skipSent = 0;
    }
  }

  /** A write the run reports (set-up lines greyed; Show me's lines as the learner's). */
  showSent(e) {
    const className = e.setup ? 'setup' : 'shown';
    const lines = e.text.split('\r\n');
    if (lines.at(-1) === '') lines.pop();
    // Bytes a keyboard cannot type (a bare CR or LF) are shown with the lesson's tokens.
    if (lines.some((l) => /[\r\n]/.test(l)) || !e.text.endsWith('\r\n')) {
      this.transcript.client(e.tokens, { className });
      return;
    }
    const inData = this.session.state() === 'Data';
    for (const l of lines) this.transcript.client(l, { ending: '\r\n', className, data: inData && l !== '.' });
  }

  addReply(reply, setup = false) {
    this.transcript.reply(reply, { className: setup ? 'setup' : '', select: !setup });
    if (setup) return;
    this.ctx.emit('smtp-reply', {
      id: reply.id,
      code: reply.code,
      enhanced: reply.enhanced,
      lines: reply.lines,
      state: this.session.state(),
      source: 'server',
    });
  }

  /** Renders a lesson exchange in order; returns the replies to the learner's write. */
  apply(x) {
    const replies = [];
    const t = this.ctx.t;
    for (const e of x.events) {
      switch (e.type) {
        case 'Sent':
          if (!e.setup && this.skipSent > 0) this.skipSent -= 1;
          else if (!this.info.lab) this.showSent(e);
          break;
        case 'reply':
          if (!e.setup) replies.push(e.reply);
          if (!this.info.lab) this.addReply(e.reply, e.setup);
          if (!this.info.lab && !e.setup) this.noteRefusal(e);
          break;
        case 'state':
        case 'message':
        case 'warning':
          if (!this.info.lab && !(e.setup && e.type === 'warning')) ClientMode.prototype.render.call(this, { events: [e] });
          break;
        case 'StepStarted':
          this.step = e.step;
          this.renderStep();
          if (!this.quiet) storage.set(this.key(this.info), { step: e.step, complete: false });
          break;
        case 'StepCompleted':
          this.stepCompleted(e);
          break;
        case 'LessonCompleted':
          this.step = this.info.steps.length;
          this.renderStep();
          storage.set(this.key(this.info), { step: this.step, complete: true });
          if (!this.quiet) {
            this.ctx.emit('smtp-lesson-complete', {
              lesson: this.info.id,
              revision: this.info.revision,
              steps: this.info.steps.length,
              attempts: e.attempts,
              hints: e.hints,
              shown: e.shown,
            });
          }
          break;
        case 'Fail':
          this.feedback(inlineNodes(e.text), 'fail');
          break;
        case 'Mismatch':
          this.feedback([t('lesson.mismatch', { expected: e.expected, got: e.got ?? '—' })], 'fail');
          break;
        case 'ScriptRestarted':
          this.transcript.notice(t('lesson.scriptRestarted'));
          break;
        case 'HintOffered':
          this.lessonUi.hint.classList.add('attention');
          break;
        case 'HintRevealed': {
          const li = el('li', null);
          li.append(...inlineNodes(e.text));
          this.lessonUi.hints.append(li);
          this.lessonUi.hint.classList.remove('attention');
          this.renderHintButton(e.hint + 1);
          break;
        }
        case 'Explained':
          this.feedback([t('lesson.explained', { code: e.code, enhanced: e.enhanced ?? '' }).trim()], 'info');
          break;
        case 'Lab':
          this.labPanel?.showRun(e.run);
          break;
        case 'LabChanged':
          this.labPanel?.setSettings({ relay: e.relay, inbound: e.inbound });
          break;
        case 'EventLimit':
          this.feedback([t('lesson.eventLimit')], 'fail');
          break;
        default:
          break;
      }
    }
    this.renderGoals(x);
    if (!this.info.lab) {
      this.updateState();
      this.updateMessage();
      if (x.closed && !x.complete) this.lessonUi.restart.classList.add('attention');
    }
    if (this.info.steps[this.step]?.kind === 'Transcript') this.offerNext();
    return replies;
  }

  stepCompleted(e) {
    const step = this.info.steps[e.step];
    const li = this.lessonUi.steps.children[e.step];
    if (li) li.className = 'done';
    this.lessonUi.restart.classList.remove('attention');
    if (this.quiet) return;
    this.ctx.emit('smtp-step', {
      lesson: this.info.id,
      revision: this.info.revision,
      step: e.step,
      id: step.id,
      title: step.title,
      of: this.info.steps.length,
      goals: step.goals.map((g) => g.written),
      attempts: e.record.attempts,
      hints: e.record.hintsRevealed,
      shown: e.record.shown,
    });
  }

  // ---- The element's language --------------------------------------------------------------

  relabel() {
    super.relabel();
    applyLabels(this.lessonUi.panel, this.ctx.t);
    if (this.session && this.info) {
      this.info = this.session.lesson();
      const revealed = [...this.lessonUi.hints.children];
      const feedback = [...this.lessonUi.feedback.children];
      this.renderLesson();
      this.lessonUi.hints.replaceChildren(...revealed);
      this.lessonUi.feedback.replaceChildren(...feedback);
      this.renderHintButton(revealed.length);
    }
    this.labPanel?.relabel();
  }
}
