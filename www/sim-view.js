// Pieces the Watch and "You are the server" modes share: transcript lines for both sides, reply
// buttons that select their explanation (one tab stop, arrow keys between replies), and the
// outcome per recipient. Everything is written as text, never parsed as HTML.

import { el } from './explain.js';

/** A line the client sent: "C: text", with the rule it followed underneath when given. */
export function clientLine(text, rule, data = false) {
  const li = el('li', data ? 'entry client data' : 'entry client');
  li.append(el('span', 'who', 'C:'), el('span', 'text', text));
  if (rule) li.append(el('span', 'rule', rule));
  return li;
}

/** What the client concluded ("Client: …"), with the rule, set apart from the wire lines. */
export function noteLine(label, text, rule, className = '') {
  const li = el('li', `entry note ${className}`.trim());
  li.append(el('span', 'note-who', `${label}: `), el('span', 'note-text', text));
  if (rule) li.append(el('span', 'rule', rule));
  return li;
}

/** A centred notice about the session as a whole. */
export function noticeLine(text) {
  return el('li', 'entry notice', text);
}

/**
 * A transcript of replies that can be selected: `add(reply)` appends an "S:" button and selects
 * it, `onSelect(id)` is called with the selected reply's id (to render its explanation).
 */
export class ReplyList {
  constructor(log, onSelect) {
    this.log = log;
    this.onSelect = onSelect;
    this.buttons = new Map();
    this.selected = null;
    log.addEventListener('click', (e) => {
      const button = e.target.closest('button.reply');
      if (button) this.select(Number(button.dataset.id));
    });
    log.addEventListener('keydown', (e) => {
      if (!e.target.closest('button.reply') || this.buttons.size === 0) return;
      const ids = [...this.buttons.keys()];
      const at = ids.indexOf(this.selected);
      const to = { ArrowUp: at - 1, ArrowDown: at + 1, Home: 0, End: ids.length - 1 }[e.key];
      if (to === undefined) return;
      e.preventDefault();
      this.select(ids[Math.max(0, Math.min(ids.length - 1, to))], true);
    });
  }

  clear() {
    this.buttons.clear();
    this.selected = null;
    this.log.replaceChildren();
  }

  /** Appends a line and keeps the newest in view, inside the log only. */
  append(li) {
    this.log.append(li);
    this.log.scrollTop = this.log.scrollHeight;
  }

  /** Appends a reply (a Reply, with its id) as a button; `extraClass` marks one that did not fit. */
  add(id, reply, extraClass = '') {
    const li = el('li', `entry server c${Math.floor(reply.code / 100)} ${extraClass}`.trim());
    const button = el('button', 'reply');
    button.type = 'button';
    button.tabIndex = -1;
    button.dataset.id = String(id);
    button.setAttribute('aria-pressed', 'false');
    reply.wire
      .split('\r\n')
      .slice(0, -1)
      .forEach((text, i) => {
        const row = el('span', 'wire-line');
        row.append(el('span', 'who', i === 0 ? 'S:' : '  '), el('span', 'text', text));
        button.append(row);
      });
    li.append(button);
    this.append(li);
    this.buttons.set(id, button);
    this.select(id);
    return li;
  }

  select(id, focus = false) {
    const previous = this.buttons.get(this.selected);
    if (previous) {
      previous.setAttribute('aria-pressed', 'false');
      previous.tabIndex = -1;
    }
    this.selected = id;
    const button = this.buttons.get(id);
    if (!button) return;
    button.setAttribute('aria-pressed', 'true');
    button.tabIndex = 0;
    if (focus) button.focus();
    this.onSelect(id);
  }
}

const STATUS_CLASS = { Delivered: 'c2', Accepted: 'c2', Failed: 'c5', RetryLater: 'c4', Pending: 'c3' };

/** Fills `container` with an OutcomeView: the overall status, then each recipient. */
export function renderOutcome(container, outcome, t) {
  const out = [el('p', `outcome-status ${STATUS_CLASS[outcome.status] ?? ''}`, t(`outcome.status.${outcome.status}`))];
  const ul = el('ul', 'recipients');
  for (const r of outcome.recipients) {
    const li = el('li', `recipient ${STATUS_CLASS[r.status] ?? ''}`);
    li.append(el('span', 'address', r.address), el('span', 'badge', t(`outcome.recipient.${r.status}`)));
    if (r.reply) li.append(el('code', 'why-reply', r.reply.wire.trimEnd()));
    if (r.ruleText) li.append(el('span', 'rule', r.ruleText));
    ul.append(li);
  }
  out.push(ul);
  if (outcome.errorText) out.push(el('p', 'muted small', outcome.errorText));
  container.replaceChildren(...out);
}
