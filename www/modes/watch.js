// "Watch": the simulated client delivers the form's message to the simulated server, one exchange
// per Step (or on a timer with Play). Client lines carry the rule the client followed; each server
// reply is a button whose explanation fills the element's Explanation. The engine's Simulation
// does all of the protocol; this view renders what it returns.

import { EngineError } from '../engine.js';
import { simulation } from '../engine-full.js';
import { button, el } from '../dom.js';
import { applyLabels } from '../i18n.js';
import { Transcript } from '../components/transcript.js';
import { renderExplanation } from '../components/explanation.js';
import { outcomeSection, renderOutcome } from '../components/outcome.js';

/** Milliseconds between steps while playing; slower when the system asks for less motion. */
const PACE = 900;
const REDUCED_PACE = 2500;

const PRESETS = [
  ['', 'watch.preset.none'],
  ['rcpt:450', 'watch.preset.greylist'],
  ['rcpt:550:once:5.1.1 No such user here', 'watch.preset.unknown'],
  ['data:421', 'watch.preset.closing'],
  ['end:552', 'watch.preset.tooBig'],
  ['greeting:554', 'watch.preset.greeting'],
  ['custom', 'watch.preset.custom'],
];
const FAULT_COMMANDS = [
  ['greeting', 'watch.greeting'],
  ['ehlo'], ['mail'], ['rcpt'], ['data'],
  ['end', 'watch.endOfData'],
  ['quit'],
];

function labelled(tag, key, className = null) {
  const node = el(tag, className);
  node.dataset.i18n = key;
  return node;
}

function field(id, key, control) {
  const f = el('div', 'field');
  const label = labelled('label', key);
  label.htmlFor = id;
  control.id = id;
  f.append(label, control);
  return f;
}

function options(select, list) {
  for (const [value, key] of list) {
    const o = el('option', null, key ? null : value.toUpperCase());
    o.value = value;
    if (key) o.dataset.i18n = key;
    select.append(o);
  }
}

export class WatchMode {
  constructor(ctx) {
    this.ctx = ctx;
    this.sim = null;
    this.steps = 0;
    this.timer = null;
    /** Commands the client queued, waiting for their bytes on the wire: { line, rule }. */
    this.queued = [];
    /** The form's subject and body until the learner edits them: they follow the language. */
    this.defaults = { subject: true, body: true };
    this.reduced = window.matchMedia('(prefers-reduced-motion: reduce)');
    this.build();
  }

  build() {
    const view = el('section', 'view watch-view sim');
    view.id = 'watch';
    view.setAttribute('part', 'session');
    view.setAttribute('aria-labelledby', 'watch-title');
    const title = labelled('h2', 'watch.title', 'mode-title');
    title.id = 'watch-title';
    const lead = labelled('p', 'watch.lead', 'lead');

    const form = el('form', 'sim-form');
    form.autocomplete = 'off';
    form.dataset.panel = 'toolbar';
    const text = (value, spell = true) => {
      const i = el('input', null);
      i.type = 'text';
      i.value = value;
      i.spellcheck = spell;
      return i;
    };
    const area = (value, rows) => {
      const a = el('textarea', null);
      a.rows = rows;
      a.value = value;
      return a;
    };
    const from = text('alice@client.example.test', false);
    const to = area('bob@mx.example.test\ncarol@mx.example.test', 2);
    to.spellcheck = false;
    const subject = text('');
    const body = area('', 3);
    const check = (id, key, on) => {
      const label = el('label', 'check');
      const box = el('input', null);
      box.type = 'checkbox';
      box.id = id;
      box.checked = on;
      label.append(box, ' ', labelled('span', key));
      return { label, box };
    };
    const pipelining = check('watch-pipelining', 'watch.pipelining', true);
    const chunking = check('watch-chunking', 'watch.chunking', false);
    const clientSet = el('fieldset', 'options');
    clientSet.append(labelled('legend', 'watch.options'), pipelining.label, chunking.label);

    const fault = el('select', null);
    options(fault, PRESETS);
    const faultCommand = el('select', null);
    options(faultCommand, FAULT_COMMANDS);
    faultCommand.value = 'rcpt';
    const faultCode = el('input', null);
    faultCode.type = 'number';
    faultCode.min = '200';
    faultCode.max = '559';
    faultCode.value = '451';
    faultCode.inputMode = 'numeric';
    const faultTimes = el('select', null);
    options(faultTimes, [['once', 'watch.once'], ['always', 'watch.always']]);
    const custom = el('div', 'custom-fault');
    custom.hidden = true;
    custom.append(
      field('watch-fault-command', 'watch.command', faultCommand),
      field('watch-fault-code', 'watch.code', faultCode),
      field('watch-fault-times', 'watch.times', faultTimes),
    );
    const faultSet = el('fieldset', 'faults');
    faultSet.append(labelled('legend', 'watch.faults'), field('watch-fault', 'watch.fault', fault), custom);

    form.append(
      field('watch-from', 'watch.from', from),
      field('watch-to', 'watch.to', to),
      field('watch-subject', 'watch.subject', subject),
      field('watch-body', 'watch.body', body),
      clientSet,
      faultSet,
    );

    const controls = el('div', 'sim-controls');
    controls.dataset.panel = 'input';
    const step = labelled('button', 'watch.step');
    step.type = 'button';
    step.id = 'watch-step';
    const play = el('button', null);
    play.type = 'button';
    play.id = 'watch-play';
    play.setAttribute('aria-pressed', 'false');
    const reset = labelled('button', 'watch.reset', 'secondary');
    reset.type = 'button';
    reset.id = 'watch-reset';
    const status = el('p', 'sim-status');
    status.setAttribute('role', 'status');
    controls.append(step, play, reset, status);
    const error = el('p', 'form-error');
    error.setAttribute('role', 'alert');
    error.hidden = true;

    const head = el('div', 'transcript-head');
    head.dataset.panel = 'transcript';
    head.append(labelled('h3', 'transcript'));
    this.transcript = new Transcript({ id: 'watch-transcript', onSelect: (id) => this.showExplanation(id) });
    this.transcript.node.classList.add('sim-log');
    this.transcript.node.dataset.i18nAriaLabel = 'watch.transcript';
    this.transcript.node.dataset.panel = 'transcript';
    const outcome = outcomeSection('watch-outcome', this.ctx.t);

    view.append(title, lead, form, controls, error, head, this.transcript.node, outcome.section);
    this.view = view;
    this.explanation = el('div', 'explanation-body');
    this.explanation.id = 'watch-explanation';
    this.ui = {
      form, from, to, subject, body,
      pipelining: pipelining.box, chunking: chunking.box,
      fault, custom, faultCommand, faultCode, faultTimes,
      step, play, reset, status, error,
      outcome: outcome.section, outcomeBody: outcome.body,
    };
    this.wire();
  }

  wire() {
    const { ui } = this;
    ui.step.addEventListener('click', () => {
      this.pause();
      this.step();
    });
    ui.play.addEventListener('click', () => (this.timer ? this.pause() : this.play()));
    ui.reset.addEventListener('click', () => this.reset());
    ui.form.addEventListener('change', () => this.reset());
    ui.form.addEventListener('submit', (e) => {
      e.preventDefault();
      this.reset();
    });
    ui.subject.addEventListener('input', () => (this.defaults.subject = false));
    ui.body.addEventListener('input', () => (this.defaults.body = false));
  }

  faults() {
    const { ui } = this;
    const preset = ui.fault.value;
    if (preset === 'custom') return [`${ui.faultCommand.value}:${ui.faultCode.value}:${ui.faultTimes.value}`];
    return preset ? [preset] : [];
  }

  form() {
    const { ui } = this;
    return {
      from: ui.from.value.trim(),
      to: ui.to.value.split(/[\n,;]+/).map((s) => s.trim()).filter(Boolean),
      subject: ui.subject.value,
      body: ui.body.value,
      pipelining: ui.pipelining.checked,
      chunking: ui.chunking.checked,
      persona: this.ctx.persona,
      faults: this.faults(),
      language: this.ctx.lang,
    };
  }

  start() {
    this.fillDefaults();
    this.reset();
  }

  /** The default subject and body in the element's language, unless the learner wrote their own. */
  fillDefaults() {
    if (this.defaults.subject) this.ui.subject.value = this.ctx.t('watch.defaultSubject');
    if (this.defaults.body) this.ui.body.value = this.ctx.t('watch.defaultBody');
  }

  reset() {
    const { ui } = this;
    const t = this.ctx.t;
    this.pause();
    this.sim?.free();
    this.sim = null;
    this.steps = 0;
    this.queued = [];
    this.transcript.clear();
    ui.outcome.hidden = true;
    ui.error.hidden = true;
    ui.custom.hidden = ui.fault.value !== 'custom';
    try {
      this.sim = simulation(this.form());
    } catch (e) {
      if (!(e instanceof EngineError)) throw e;
      // The core says what is wrong with the form (a bad fault code, say), in the language asked.
      const custom = e.field === 'fault' && ui.fault.value === 'custom';
      const reason = e.kind === 'invalid' ? e.message : t('engine.trapped');
      ui.error.textContent = [t('watch.formError'), custom ? t('watch.customFault') : null, reason].filter(Boolean).join(' ');
      ui.error.hidden = false;
    }
    this.explanation.replaceChildren(el('p', 'muted', t('watch.noReplyYet')));
    this.update();
  }

  setPersona() {
    if (this.sim || this.steps) this.reset();
  }

  focus(options) {
    const target = this.ui.step.disabled ? this.ui.reset : this.ui.step;
    target.focus(options);
  }

  step() {
    if (!this.sim) return;
    try {
      if (this.sim.isDone) return;
      this.steps += 1;
      for (const entry of this.sim.step()) this.render(entry);
      if (this.sim.isDone) {
        this.pause();
        renderOutcome(this.ui.outcomeBody, this.sim.outcome(), this.ctx.t);
        this.ui.outcome.hidden = false;
      }
    } catch (e) {
      if (!(e instanceof EngineError)) throw e;
      this.pause();
      this.ctx.error('trap', this.ctx.t('engine.trapped'));
      this.transcript.notice(this.ctx.t('engine.trapped'), 'error');
    }
    this.update();
  }

  render(entry) {
    const t = this.ctx.t;
    if (entry.type === 'wire') {
      if (entry.from !== 'client') return; // the server's bytes are shown as its replies
      const lines = entry.text.split('\r\n');
      if (lines.at(-1) === '') lines.pop();
      for (const line of lines) {
        if (this.queued.findIndex((q) => q.line === line) === 0) {
          this.transcript.client(line, { ending: '\r\n', rule: this.queued.shift().rule });
          this.ctx.emit('smtp-command', { line, verb: line.split(' ')[0].toUpperCase(), data: false, source: 'client' });
        } else {
          this.transcript.client(line, { ending: '\r\n', data: true });
        }
      }
      return;
    }
    if (entry.type === 'server') {
      const e = entry.event;
      if (e.type === 'reply') {
        this.announceNext = true;
        this.transcript.reply(e.reply);
        this.announceNext = false;
        this.ctx.emit('smtp-reply', {
          id: e.reply.id,
          code: e.reply.code,
          enhanced: e.reply.enhanced,
          lines: e.reply.lines,
          state: null,
          source: 'server',
        });
      } else if (e.type === 'state') {
        this.ctx.emit('smtp-state', { from: e.from, to: e.to });
      } else if (e.type === 'message') {
        this.transcript.notice(t('watch.stored', { n: e.content.length, to: e.recipients.join(', ') }));
        this.ctx.emit('smtp-message', {
          id: e.id,
          from: e.reversePath,
          recipients: e.recipients,
          size: e.content.length,
          text: new TextDecoder().decode(e.content),
        });
      } else if (e.type === 'warning') {
        // Explained by the catalogue in the element's language, as in the client mode.
        const w = this.ctx.catalogue.explainWarning(e.kind, this.ctx.lang);
        this.transcript.warning({ title: w.title, text: w.text, facts: w.rule, severity: w.severity });
        this.ctx.emit('smtp-warning', { kind: e.kind, count: e.count, title: w.title, text: w.text });
      }
      return;
    }
    const { event, rule } = entry.step;
    const who = t('watch.client');
    switch (event.type) {
      case 'command':
        this.queued.push({ line: event.line, rule });
        break;
      case 'note':
        this.transcript.note(who, event.text, rule);
        break;
      case 'content':
        this.transcript.note(who, t('watch.content', { n: event.octets, k: event.stuffedLines }), rule);
        break;
      case 'recipient':
        this.transcript.note(who, `${event.address}: ${t(`outcome.recipient.${event.status}`)}`, rule, `s-${event.status}`);
        break;
      case 'malformedReply':
        this.transcript.note(who, event.problem, rule, 's-Failed');
        break;
      default:
        break; // replies are shown from the server's side; the outcome shows the finish
    }
  }

  showExplanation(id = this.transcript.selected) {
    if (!this.sim || id === null) return;
    try {
      const explained = this.sim.explain(id);
      renderExplanation(this.explanation, explained, this.ctx.catalogue.labels(this.ctx.lang), this.ctx.t, {
        brief: this.ctx.brief,
        onCompare: this.ctx.compare,
      });
      this.ctx.selected(explained, this.announceNext);
    } catch (e) {
      if (!(e instanceof EngineError)) throw e;
      this.explanation.replaceChildren(el('p', 'muted', this.ctx.t('engine.trappedExplain')));
      this.ctx.error('trap', this.ctx.t('engine.trappedExplain'));
    }
  }

  update() {
    const { ui } = this;
    const t = this.ctx.t;
    let done = true;
    try {
      done = !this.sim || this.sim.isDone;
    } catch {
      // A lost simulation is done.
    }
    ui.step.disabled = done;
    ui.play.disabled = done;
    ui.reset.classList.toggle('attention', Boolean(this.sim) && done);
    ui.play.textContent = this.timer ? t('watch.pause') : t('watch.play');
    ui.play.setAttribute('aria-pressed', this.timer ? 'true' : 'false');
    if (!this.sim) ui.status.textContent = '';
    else if (done) ui.status.textContent = t('watch.finished', { n: this.steps });
    else if (this.steps === 0) ui.status.textContent = t('watch.ready');
    else ui.status.textContent = t('watch.stepCount', { n: this.steps });
    for (const control of ui.form.elements) control.disabled = this.ctx.readonly;
  }

  play() {
    if (!this.sim || this.sim.isDone) return;
    const tick = () => {
      this.step();
      if (this.timer && this.sim && !this.sim.isDone) {
        this.timer = setTimeout(tick, (this.reduced.matches ? REDUCED_PACE : PACE) / this.ctx.speed);
      }
    };
    this.timer = setTimeout(tick, 0);
    this.update();
  }

  pause() {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.ui) this.update();
  }

  /** Hidden (another mode shown): Play stops. */
  hide() {
    this.pause();
  }

  /**
   * Everything in the element's language: the same simulation again to the step it had reached
   * (the core is deterministic, so the transcript is the same one, with every client note and rule
   * in the new language). The selected reply and Play carry over.
   */
  relabel() {
    applyLabels(this.view, this.ctx.t);
    this.fillDefaults();
    const reached = this.steps;
    const selected = this.transcript.selected;
    const playing = Boolean(this.timer);
    this.reset();
    while (this.sim && !this.sim.isDone && this.steps < reached) this.step();
    if (selected !== null && this.transcript.has(selected)) this.transcript.select(selected);
    if (playing) this.play();
  }

  stop() {
    this.pause();
  }
}
