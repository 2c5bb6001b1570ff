// "You are the server": the simulated client (wasm ClientRole) sends its commands and the
// learner types the replies. After each reply the client reacts; the core judges the reply
// against the step (a Verdict) and says what a well-behaved server sends (an Expectation).

import { ClientRole, catalogLabels } from './pkg/smtp_sim.js';
import { language, t } from './i18n.js';
import { el, renderExplanation } from './explain.js';
import { ReplyList, clientLine, noteLine, noticeLine, renderOutcome } from './sim-view.js';

const $ = (id) => document.getElementById(id);
const FIT_CLASS = {
  Usual: 'c2',
  Unusual: 'c3',
  Refusal: 'c4',
  UnlistedRefusal: 'c4',
  Closing: 'c4',
  Wrong: 'c5',
  Malformed: 'c5',
  Unsolicited: 'c5',
};

export function startServerRole() {
  const ui = {
    envelope: $('serve-envelope'),
    reset: $('serve-reset'),
    log: $('serve-transcript'),
    verdict: $('serve-verdict'),
    form: $('serve-form'),
    input: $('serve-reply'),
    expect: $('serve-expect'),
    outcome: $('serve-outcome'),
    outcomeBody: $('serve-outcome-body'),
    explanation: $('serve-explanation'),
  };

  let role = null;
  let lastVerdict = null;
  /** Reply id → the verdict it got, shown above its explanation. */
  let verdicts = new Map();
  let lastLine = '';
  /** Every line the learner answered since the start, to replay in another language. */
  let answered = [];
  let replaying = false;
  let partialLines = [];
  /** The transcript lines of a reply still being typed (250-…), replaced by the whole reply. */
  let partialEls = [];
  const history = [];
  let historyAt = 0;
  const replies = new ReplyList(ui.log, showExplanation);

  function reset() {
    role?.free();
    // The envelope is the core's example one; the words of the message are the page's.
    role = new ClientRole({
      subject: t('serve.subject'),
      body: t('serve.body'),
      language: language(),
    });
    replies.clear();
    answered = [];
    lastVerdict = null;
    verdicts = new Map();
    partialLines = [];
    ui.outcome.hidden = true;
    ui.input.disabled = false;
    ui.explanation.replaceChildren(el('p', 'muted', t('serve.noReplyYet')));
    renderTurn(role.start());
  }

  function answer(line) {
    if (!role) return;
    answered.push(line);
    lastLine = line;
    const turn = role.reply(line);
    if (turn.partial) partialLines.push(line);
    else if (!turn.reply) {
      // Not read as a reply: show the learner's line as typed, marked as wrong.
      const li = el('li', 'entry server c5 unread');
      const row = el('span', 'wire-line');
      row.append(el('span', 'who', 'S:'), el('span', 'text', line));
      li.append(row);
      replies.append(li);
    }
    renderTurn(turn);
  }

  function renderTurn(turn) {
    if (turn.reply || !turn.partial) {
      for (const li of partialEls) li.remove();
      partialEls = [];
      partialLines = [];
    }
    if (turn.reply) {
      if (turn.verdict) verdicts.set(turn.id, { verdict: turn.verdict, line: lastLine });
      replies.add(turn.id, turn.reply, turn.verdict && !turn.verdict.ok ? 'not-ok' : '');
    } else if (turn.partial) {
      const li = el('li', 'entry server pending');
      const row = el('span', 'wire-line');
      row.append(el('span', 'who', 'S:'), el('span', 'text', partialLines.at(-1)));
      li.append(row);
      replies.append(li);
      partialEls.push(li);
    }
    const who = t('watch.client');
    for (const { kind, ruleText: rule, text } of turn.events) {
      if (kind.type === 'Note') replies.append(noteLine(who, text, rule));
      else if (kind.type === 'Recipient') {
        const { address, status } = kind.value;
        replies.append(noteLine(who, `${address}: ${t(`outcome.recipient.${status}`)}`, rule, `s-${status}`));
      } else if (kind.type === 'Content') {
        replies.append(noteLine(who, t('watch.content', { n: kind.value.octets, k: kind.value.stuffedLines }), rule));
      }
    }
    const rules = new Map(turn.events.filter((e) => e.kind.type === 'Command').map((e) => [e.kind.value, e.ruleText]));
    for (const line of turn.sent) {
      // Lines with a command event are commands (with their rule); the rest is message content.
      const rule = rules.get(line);
      replies.append(rule !== undefined ? clientLine(line, rule) : clientLine(line, null, true));
    }
    lastVerdict = turn.partial ? { partial: true } : turn.verdict;
    renderVerdict();
    renderExpect(turn.expect);
    if (turn.done) {
      ui.input.disabled = true;
      replies.append(noticeLine(t('serve.closed')));
      renderOutcome(ui.outcomeBody, role.outcome(), t);
      ui.outcome.hidden = false;
      if (!replaying) ui.reset.focus();
    }
  }

  function renderVerdict() {
    verdictInto(ui.verdict, lastVerdict, lastLine);
  }

  /** Fills `box` with a Verdict: how the reply `line` fitted, what was wrong, what was expected. */
  function verdictInto(box, v, line) {
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

  function renderExpect(expect) {
    if (!expect) {
      ui.expect.replaceChildren(el('p', 'muted', t('serve.nothingExpected')));
      return;
    }
    const waits = el('p', 'expect-text');
    waits.append(el('strong', null, `${t('serve.waitsFor', { command: expect.answers === 'CONNECT' ? t('serve.greeting') : expect.answers })} `), expect.text, ' ', el('span', 'rfc-ref', `(${expect.rfc})`));
    const hint = el('p', 'expect-hint');
    const chip = el('button', 'chip', expect.example);
    chip.type = 'button';
    chip.setAttribute('aria-label', `${t('serve.useExample')} ${expect.example}`);
    chip.addEventListener('click', () => {
      ui.input.value = expect.example;
      ui.input.focus();
    });
    hint.append(el('span', 'muted', `${t('serve.wellBehaved')} `), chip);
    ui.expect.replaceChildren(waits, hint);
  }

  function showExplanation(id) {
    if (!role) return;
    role.language = language();
    // The catalogue's "in this session" sentences speak to the client ("You sent DATA …"); here
    // the learner is the server, so the verdict takes their place.
    const explained = { ...role.explain(id), context: null };
    renderExplanation(ui.explanation, explained, catalogLabels(language()), t);
    const judged = verdicts.get(id);
    if (judged && !judged.verdict.ok) {
      const box = el('div', 'verdict');
      verdictInto(box, judged.verdict, judged.line);
      ui.explanation.prepend(box);
    }
  }

  function describeEnvelope() {
    const { reversePath, recipients } = role.envelope;
    ui.envelope.textContent = t('serve.delivers', { from: reversePath, to: recipients.join(', ') });
  }

  ui.form.addEventListener('submit', (e) => {
    e.preventDefault();
    const line = ui.input.value;
    if (line !== '' && history.at(-1) !== line) history.push(line);
    historyAt = history.length;
    ui.input.value = '';
    answer(line);
  });
  ui.input.addEventListener('keydown', (e) => {
    if ((e.key !== 'ArrowUp' && e.key !== 'ArrowDown') || !history.length) return;
    e.preventDefault();
    historyAt = Math.max(0, Math.min(history.length, historyAt + (e.key === 'ArrowUp' ? -1 : 1)));
    ui.input.value = history[historyAt] ?? '';
  });
  ui.reset.addEventListener('click', () => {
    reset();
    ui.input.focus();
  });

  reset();
  describeEnvelope();
  return {
    relabel() {
      describeEnvelope();
      // The same replies again, so the client's notes and rules are in the new language too.
      const lines = answered;
      const selected = replies.selected;
      replaying = true;
      reset();
      for (const line of lines) answer(line);
      replaying = false;
      if (selected !== null && replies.buttons.has(selected)) replies.select(selected);
    },
  };
}
