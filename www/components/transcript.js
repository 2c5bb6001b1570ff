// The one transcript every mode uses: lines the client sent, replies the server sent (each a
// button that selects its explanation), notices, the simulated client's notes, server warnings.
// The log is one tab stop (the selected reply); ↑/↓/Home/End move between replies. Everything is
// written as text. Line endings are drawn as styled "CR LF" text, shown on demand.

import { button, el } from '../dom.js';

/** The line ending of a line, drawn as text ("CR LF", "LF"), hidden unless the log shows endings. */
export function eol(ending) {
  const span = el('span', 'eol');
  span.setAttribute('aria-hidden', 'true');
  for (const mark of ending.replaceAll('\r', 'C').replaceAll('\n', 'L')) {
    span.append(el('span', 'eol-mark', mark === 'C' ? 'CR' : 'LF'));
  }
  return span;
}

export class Transcript {
  /** `onSelect(id)` is called with the id of the reply selected (by the learner or a new reply). */
  constructor({ id, onSelect }) {
    this.node = el('ol', 'transcript');
    if (id) this.node.id = id;
    this.node.setAttribute('role', 'log');
    // The element announces one summary per reply itself; the log would read every line.
    this.node.setAttribute('aria-live', 'off');
    this.node.setAttribute('part', 'transcript');
    this.onSelect = onSelect;
    this.buttons = new Map();
    this.selected = null;
    /** What each line puts in an exported transcript: li → [{ side: 'C' | 'S', text, data?, ending?, auth? }]. */
    this.wire = new WeakMap();
    /** A scroll to the newest line is queued for the end of the current script. */
    this.scrollQueued = false;
    this.node.addEventListener('click', (e) => {
      const b = e.target.closest('button.reply');
      if (b) this.select(Number(b.dataset.id));
    });
    this.node.addEventListener('keydown', (e) => {
      if (!e.target.closest('button.reply') || this.buttons.size === 0) return;
      const ids = [...this.buttons.keys()];
      const at = ids.indexOf(this.selected);
      const to = { ArrowUp: at - 1, ArrowDown: at + 1, Home: 0, End: ids.length - 1 }[e.key];
      if (to === undefined) return;
      e.preventDefault();
      this.select(ids[Math.max(0, Math.min(ids.length - 1, to))], true);
    });
  }

  set showEol(on) {
    this.node.classList.toggle('show-eol', on);
  }

  clear() {
    this.buttons.clear();
    this.selected = null;
    this.node.replaceChildren();
  }

  /** Appends a line and keeps the newest in view, inside the log only (never the page). */
  append(li, wire = null) {
    if (wire) this.wire.set(li, wire);
    this.node.append(li);
    // Scrolled once at the end of the current script, not per line: reading scrollHeight forces
    // a layout, and a reply renders several lines and its explanation in one go.
    if (!this.scrollQueued) {
      this.scrollQueued = true;
      queueMicrotask(() => {
        this.scrollQueued = false;
        this.node.scrollTop = this.node.scrollHeight;
      });
    }
    return li;
  }

  remove(li) {
    li.remove();
  }

  /** A line the client sent: "C: text", its line ending when known, the rule it followed. */
  client(text, { ending = null, data = false, rule = null, className = '', auth = false } = {}) {
    const li = el('li', `entry client${data ? ' data' : ''} ${className}`.trim());
    li.setAttribute('part', 'line line-client');
    li.append(el('span', 'who', 'C:'), el('span', 'text', text));
    if (ending) li.append(eol(ending));
    if (rule) li.append(el('span', 'rule', rule));
    return this.append(li, [{ side: 'C', text, data, ending: ending ?? '\r\n', auth }]);
  }

  /**
   * A reply (a ReplyView) as a button that selects it; `annotation` is shown under it (a decoded
   * 334 challenge). Selects it unless `select` is false.
   */
  reply(reply, { className = '', annotation = null, select = true } = {}) {
    const li = el('li', `entry server c${Math.floor(reply.code / 100)} ${className}`.trim());
    li.setAttribute('part', 'line line-server');
    const b = button('reply');
    b.tabIndex = -1;
    b.dataset.id = String(reply.id);
    b.setAttribute('aria-pressed', 'false');
    const lines = reply.wire.split('\r\n').slice(0, -1);
    lines.forEach((text, i) => {
      const row = el('span', 'wire-line');
      row.append(el('span', 'who', i === 0 ? 'S:' : '  '), el('span', 'text', text), eol('\r\n'));
      b.append(row);
    });
    if (annotation) b.append(el('span', 'annotation', annotation));
    li.append(b);
    this.append(li, lines.map((text) => ({ side: 'S', text })));
    this.buttons.set(reply.id, b);
    if (select) this.select(reply.id);
    return li;
  }

  /** A server line that is not (yet) a reply: typed by the learner and unreadable, or a continuation. */
  serverText(text, className) {
    const li = el('li', `entry server ${className}`);
    li.setAttribute('part', 'line line-server');
    const row = el('span', 'wire-line');
    row.append(el('span', 'who', 'S:'), el('span', 'text', text));
    li.append(row);
    return this.append(li, [{ side: 'S', text }]);
  }

  /** A centred notice about the session as a whole. */
  notice(text, className = '') {
    return this.append(el('li', `entry notice ${className}`.trim(), text));
  }

  /** A server warning, explained by the catalogue: { title, text, facts, severity }. */
  warning({ title, text, facts, severity }) {
    const li = el('li', `entry notice warning ${severity === 'Rule' ? 'rule' : 'note'}`);
    li.append(el('strong', 'notice-title', title), ' ', el('span', null, text));
    if (facts) li.append(' ', el('span', 'notice-facts', `(${facts})`));
    return this.append(li);
  }

  /** What the simulated client concluded ("Client: …"), with the rule, apart from the wire lines. */
  note(label, text, rule, className = '') {
    const li = el('li', `entry note ${className}`.trim());
    li.append(el('span', 'note-who', `${label}: `), el('span', 'note-text', text));
    if (rule) li.append(el('span', 'rule', rule));
    return this.append(li);
  }

  has(id) {
    return this.buttons.has(id);
  }

  select(id, focus = false) {
    const previous = this.buttons.get(this.selected);
    if (previous) {
      previous.setAttribute('aria-pressed', 'false');
      previous.tabIndex = -1;
    }
    this.selected = id;
    const b = this.buttons.get(id);
    if (!b) return;
    b.setAttribute('aria-pressed', 'true');
    b.tabIndex = 0;
    if (focus) b.focus();
    this.onSelect?.(id);
  }

  /** The wire lines in order, for export: [{ side: 'C' | 'S', text, data?, ending?, auth? }]. */
  lines() {
    return [...this.node.children].flatMap((li) => this.wire.get(li) ?? []);
  }
}
