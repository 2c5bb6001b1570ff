// "You are the server": the simulated client (the engine's ClientRole) sends its commands and the
// learner types the replies. After each reply the client reacts; the core judges the reply against
// the step (a Verdict) and says what a well-behaved server sends (an Expectation). The role is
// deterministic, so "undo last reply" is the same role replayed without that line.

import { EngineError } from '../engine.js';
import { clientRole } from '../engine-full.js';
import { button, el } from '../dom.js';
import { applyLabels } from '../i18n.js';
import { Transcript } from '../components/transcript.js';
import { renderExplanation } from '../components/explanation.js';
import { outcomeSection, renderOutcome } from '../components/outcome.js';

const FROM = 'alice@client.example.test';
const TO = ['bob@mx.example.test'];
const FIT_CLASS = {
  usual: 'c2',
  unusual: 'c3',
  refusal: 'c4',
  unlistedRefusal: 'c4',
  closing: 'c4',
  wrong: 'c5',
  malformed: 'c5',
  unsolicited: 'c5',
};

function labelled(tag, key, className = null) {
  const node = el(tag, className);
  node.dataset.i18n = key;
  return node;
}

export class ServerMode {
  constructor(ctx) {
    this.ctx = ctx;
    this.role = null;
    this.lastVerdict = null;
    /** Reply id → the verdict it got and the line, shown above its explanation. */
    this.verdicts = new Map();
    this.lastLine = '';
    /** Every line the learner answered since the start: replayed for a new language or an undo. */
    this.answered = [];
    this.replaying = false;
    this.partialLines = [];
    /** The transcript lines of a reply still being typed (250-…), replaced by the whole reply. */
    this.partialEls = [];
    this.history = [];
    this.historyAt = 0;
    this.done = false;
    this.build();
  }

  build() {
    const view = el('section', 'view server-view sim');
    view.id = 'serve';
    view.setAttribute('part', 'session');
    view.setAttribute('aria-labelledby', 'serve-title');
    const title = labelled('h2', 'serve.title', 'mode-title');
    title.id = 'serve-title';
    const lead = labelled('p', 'serve.lead', 'lead');
    const toolbar = el('div', 'toolbar');
    toolbar.setAttribute('part', 'toolbar');
    toolbar.dataset.panel = 'toolbar';
    const envelope = el('p', 'envelope');
    const undo = labelled('button', 'serve.undo', 'secondary');
    undo.type = 'button';
    undo.id = 'serve-undo';
    const reset = labelled('button', 'serve.reset', 'secondary');
    reset.type = 'button';
    reset.id = 'serve-reset';
    toolbar.append(envelope, undo, reset);

    const head = el('div', 'transcript-head');
    head.dataset.panel = 'transcript';
    head.append(labelled('h3', 'transcript'));
    this.transcript = new Transcript({ id: 'serve-transcript', onSelect: (id) => this.showExplanation(id) });
    this.transcript.node.classList.add('sim-log');
    this.transcript.node.dataset.i18nAriaLabel = 'serve.transcript';
    this.transcript.node.dataset.panel = 'transcript';
    const verdict = el('div', 'verdict');
    verdict.id = 'serve-verdict';
    verdict.setAttribute('role', 'status');

    const form = el('form', 'command-form');
    form.setAttribute('part', 'input');
    form.dataset.panel = 'input';
    form.autocomplete = 'off';
    const label = labelled('label', 'serve.yourReply');
    label.htmlFor = 'serve-reply';
    const row = el('div', 'command-row');
    const prompt = el('span', 'prompt server-prompt', 'S:');
    prompt.setAttribute('aria-hidden', 'true');
    const input = el('input', null);
    input.id = 'serve-reply';
    input.type = 'text';
    input.autocomplete = 'off';
    input.spellcheck = false;
    for (const [k, v] of [['autocapitalize', 'off'], ['autocorrect', 'off'], ['enterkeyhint', 'send'], ['aria-describedby', 'serve-expect']]) {
      input.setAttribute(k, v);
    }
    const send = labelled('button', 'serve.send');
    send.type = 'submit';
    send.id = 'serve-send';
    row.append(prompt, input, send);
    const expect = el('div', 'expect');
    expect.id = 'serve-expect';
    form.append(label, row, expect);
    const outcome = outcomeSection('serve-outcome', this.ctx.t);

    view.append(title, lead, toolbar, head, this.transcript.node, verdict, form, outcome.section);
    this.view = view;
    this.explanation = el('div', 'explanation-body');
    this.explanation.id = 'serve-explanation';
    this.ui = { envelope, undo, reset, verdict, form, input, send, expect, outcome: outcome.section, outcomeBody: outcome.body };
    this.wire();
  }

  wire() {
    const { ui } = this;
    ui.form.addEventListener('submit', (e) => {
      e.preventDefault();
      if (this.done) return;
      const line = ui.input.value;
      if (line !== '' && this.history.at(-1) !== line) this.history.push(line);
      this.historyAt = this.history.length;
      ui.input.value = '';
      this.answer(line);
    });
    ui.input.addEventListener('keydown', (e) => {
      if ((e.key !== 'ArrowUp' && e.key !== 'ArrowDown') || !this.history.length) return;
      e.preventDefault();
      this.historyAt = Math.max(0, Math.min(this.history.length, this.historyAt + (e.key === 'ArrowUp' ? -1 : 1)));
      ui.input.value = this.history[this.historyAt] ?? '';
    });
    ui.reset.addEventListener('click', () => {
      this.reset();
      this.focus();
    });
    ui.undo.addEventListener('click', () => this.undo());
  }

  start() {
    this.reset();
  }

  reset(lines = []) {
    const t = this.ctx.t;
    this.role?.free();
    this.role = clientRole({ from: FROM, to: TO, subject: t('serve.subject'), body: t('serve.body'), language: this.ctx.lang });
    this.transcript.clear();
    this.answered = [];
    this.lastVerdict = null;
    this.verdicts = new Map();
    this.partialLines = [];
    this.partialEls = [];
    this.done = false;
    this.ui.outcome.hidden = true;
    this.explanation.replaceChildren(el('p', 'muted', t('serve.noReplyYet')));
    this.ui.envelope.textContent = t('serve.delivers', { from: FROM, to: TO.join(', ') });
    try {
      this.renderTurn(this.role.start());
      this.replaying = true;
      for (const line of lines) this.answer(line);
    } finally {
      this.replaying = false;
    }
    this.updateControls();
  }

  setPersona() {
    // The learner is the server here: the persona does not apply.
  }

  focus(options) {
    (this.done ? this.ui.undo : this.ui.input).focus(options);
  }

  /** Answers as the server; returns the client's turn (null when the client has closed). */
  answer(line) {
    if (!this.role || this.done) return null;
    let turn;
    try {
      turn = this.role.reply(line);
    } catch (e) {
      if (!(e instanceof EngineError)) throw e;
      this.ctx.error('trap', this.ctx.t('engine.trapped'));
      this.transcript.notice(this.ctx.t('engine.trapped'), 'error');
      return null;
    }
    this.answered.push(line);
    this.lastLine = line;
    if (turn.partial) this.partialLines.push(line);
    else if (!turn.reply) this.transcript.serverText(line, 'c5 unread'); // not read as a reply
    this.renderTurn(turn);
    this.updateControls();
    // The client has closed: the way on is Undo (or Start over), so focus goes there.
    if (turn.done && !this.replaying && this.ctx.active) this.ui.undo.focus();
    return turn;
  }

  /** Takes the last reply back: the same role replayed without that line. */
  undo() {
    if (!this.answered.length) return;
    const lines = this.answered.slice(0, -1);
    const selected = this.transcript.selected;
    this.reset(lines);
    if (selected !== null && this.transcript.has(selected)) this.transcript.select(selected);
    this.transcript.notice(this.ctx.t('serve.undone'));
    this.ui.input.focus();
  }

  renderTurn(turn) {
    const t = this.ctx.t;
    if (turn.reply || !turn.partial) {
      for (const li of this.partialEls) this.transcript.remove(li);
      this.partialEls = [];
      this.partialLines = [];
    }
    if (turn.reply) {
      if (turn.verdict) this.verdicts.set(turn.reply.id, { verdict: turn.verdict, line: this.lastLine });
      this.announceNext = !this.replaying;
      this.transcript.reply(turn.reply, { className: turn.verdict && !turn.verdict.ok ? 'not-ok' : '' });
      this.announceNext = false;
      if (!this.replaying) {
        this.ctx.emit('smtp-reply', {
          id: turn.reply.id,
          code: turn.reply.code,
          enhanced: turn.reply.enhanced,
          lines: turn.reply.lines,
          state: turn.state,
          source: 'learner',
          verdict: turn.verdict ? { fit: turn.verdict.fit, ok: turn.verdict.ok, text: turn.verdict.text } : null,
        });
      }
    } else if (turn.partial) {
      this.partialEls.push(this.transcript.serverText(this.partialLines.at(-1), 'pending'));
    }
    const who = t('watch.client');
    for (const { event, rule } of turn.events) {
      if (event.type === 'note') this.transcript.note(who, event.text, rule);
      else if (event.type === 'recipient') {
        this.transcript.note(who, `${event.address}: ${t(`outcome.recipient.${event.status}`)}`, rule, `s-${event.status}`);
      } else if (event.type === 'content') {
        this.transcript.note(who, t('watch.content', { n: event.octets, k: event.stuffedLines }), rule);
      }
    }
    const rules = new Map(turn.events.filter((e) => e.event.type === 'command').map((e) => [e.event.line, e.rule]));
    for (const line of turn.sent) {
      // Lines with a command event are commands (with their rule); the rest is message content.
      const rule = rules.get(line);
      this.transcript.client(line, rule !== undefined ? { ending: '\r\n', rule } : { ending: '\r\n', data: true });
      if (rule !== undefined && !this.replaying) {
        this.ctx.emit('smtp-command', { line, verb: line.split(' ')[0].toUpperCase(), data: false, source: 'client' });
      }
    }
    this.lastVerdict = turn.partial ? { partial: true } : turn.verdict;
    this.verdictInto(this.ui.verdict, this.lastVerdict, this.lastLine);
    this.renderExpect(turn.expect);
    if (turn.done) {
      this.done = true;
      this.transcript.notice(t('serve.closed'));
      renderOutcome(this.ui.outcomeBody, this.role.outcome(), t);
      this.ui.outcome.hidden = false;
    }
  }

  /** Reply and the input are off once the client has closed; Undo needs a reply to take back. */
  updateControls() {
    const { ui } = this;
    ui.input.disabled = this.done;
    ui.send.disabled = this.done;
    ui.undo.disabled = this.answered.length === 0;
    ui.reset.classList.toggle('attention', this.done);
  }

  /** Fills `box` with a Verdict: how the reply `line` fitted, what was wrong, what was expected. */
  verdictInto(box, v, line) {
    const t = this.ctx.t;
    if (!v) {
      box.replaceChildren();
      box.className = 'verdict';
      return;
    }
    if (v.partial) {
      box.className = 'verdict c3';
      box.replaceChildren(el('p', null, t('serve.partial')));
      return;
    }
    box.className = `verdict ${FIT_CLASS[v.fit] ?? ''}`;
    const out = [];
    const head = el('p', 'verdict-head');
    head.append(el('strong', null, t(`serve.fit.${v.fit}`)), ' ', el('code', null, line));
    out.push(head, el('p', null, v.text));
    if (v.problem) out.push(el('p', null, `${t('serve.problem')} ${v.problem}`));
    if (v.expected && !v.ok) out.push(el('p', 'expected', `${t('serve.expected')} ${v.expected.text}`));
    box.replaceChildren(...out);
  }

  renderExpect(expect) {
    const t = this.ctx.t;
    const { ui } = this;
    if (!expect) {
      ui.expect.replaceChildren(el('p', 'muted', t('serve.nothingExpected')));
      return;
    }
    const waits = el('p', 'expect-text');
    const command = expect.command === 'CONNECT' ? t('serve.greeting') : expect.command;
    waits.append(el('strong', null, `${t('serve.waitsFor', { command })} `), expect.text, ' ', el('span', 'rfc-ref', `(${expect.rfc})`));
    const hint = el('p', 'expect-hint');
    const chip = button('chip', expect.example);
    chip.setAttribute('aria-label', `${t('serve.useExample')} ${expect.example}`);
    chip.addEventListener('click', () => {
      ui.input.value = expect.example;
      ui.input.focus();
    });
    hint.append(el('span', 'muted', `${t('serve.wellBehaved')} `), chip);
    ui.expect.replaceChildren(waits, hint);
  }

  showExplanation(id = this.transcript.selected) {
    if (!this.role || id === null) return;
    try {
      // The catalogue's "in this session" sentences speak to the client ("You sent DATA …"); here
      // the learner is the server, so the verdict takes their place.
      const explained = { ...this.role.explain(id), context: null };
      const judged = this.verdicts.get(id);
      const before = [];
      if (judged && !judged.verdict.ok) {
        const box = el('div', 'verdict');
        this.verdictInto(box, judged.verdict, judged.line);
        before.push(box);
      }
      renderExplanation(this.explanation, explained, this.ctx.catalogue.labels(this.ctx.lang), this.ctx.t, {
        brief: this.ctx.brief,
        onCompare: this.ctx.compare,
        before,
      });
      this.ctx.selected(explained, this.announceNext);
    } catch (e) {
      if (!(e instanceof EngineError)) throw e;
      this.explanation.replaceChildren(el('p', 'muted', this.ctx.t('engine.trappedExplain')));
      this.ctx.error('trap', this.ctx.t('engine.trappedExplain'));
    }
  }

  /** Everything in the new language: the same replies again, so the client's notes are too. */
  relabel() {
    applyLabels(this.view, this.ctx.t);
    const selected = this.transcript.selected;
    this.reset(this.answered);
    if (selected !== null && this.transcript.has(selected)) this.transcript.select(selected);
  }

  hide() {}
}
