// The two-hop smuggling lab (issue 11): the bytes the attacker sends to relay A, how A and then
// inbound B read them (the byte ribbon, the smuggled span shaded), each hop's transcript side by
// side, the two mailboxes, the fixes as switches and the matrix. Every number comes from a run of
// the engine (the core's lab); this component only draws it. Used by mode="lab" and by lab
// lessons, which route Send and the switches through the lesson run instead.

import { button, el } from '../dom.js';
import { tokens } from './tokens.js';

const RELAYS = ['passthrough', 'reject', 'normalize', 'clean'];
const INBOUNDS = ['Strict', 'Lenient', 'Vulnerable'];
/** The fixes, each a switch: which hop, which setting it selects (off: the vulnerable default). */
export const FIXES = [
  { id: 'fix-b-crlf', hop: 'inbound', value: 'Lenient', key: 'lab.fix.bCrlfOnly' },
  { id: 'fix-b-reject', hop: 'inbound', value: 'Strict', key: 'lab.fix.bRejectLf' },
  { id: 'fix-a-reject', hop: 'relay', value: 'reject', key: 'lab.fix.aReject' },
  { id: 'fix-a-normalize', hop: 'relay', value: 'normalize', key: 'lab.fix.aNormalize' },
  { id: 'fix-a-clean', hop: 'relay', value: 'clean', key: 'lab.fix.aClean' },
];
const OFF = { relay: 'passthrough', inbound: 'Vulnerable' };

function labelled(tag, key, className = null) {
  const node = el(tag, className);
  node.dataset.i18n = key;
  return node;
}

export class LabPanel {
  /**
   * `onSend(bytes)` and `onChange({ relay } | { inbound })` are called by the controls; the owner
   * runs the lab (directly, or through a lesson) and calls `showRun` and `setSettings`.
   */
  constructor({ ctx, vectors, onSend, onChange, onMatrix }) {
    this.ctx = ctx;
    this.vectors = vectors;
    this.onSend = onSend;
    this.onChange = onChange;
    this.onMatrix = onMatrix;
    this.settings = { ...OFF };
    this.run = null;
    this.build();
  }

  build() {
    const node = el('section', 'lab');
    node.setAttribute('part', 'lab');

    // The scenario: a vector, the bytes (tokens), Send, Matrix.
    const scenario = el('div', 'lab-scenario');
    const vectorField = el('div', 'field');
    const vectorLabel = labelled('label', 'lab.vector');
    vectorLabel.htmlFor = 'lab-vector';
    const vector = el('select', null);
    vector.id = 'lab-vector';
    for (const v of this.vectors) {
      const o = el('option', null, `${v.ending}${v.producible ? '' : ' †'}`);
      o.value = v.name;
      vector.append(o);
    }
    vectorField.append(vectorLabel, vector);
    const bytesLabel = labelled('label', 'lab.bytes');
    bytesLabel.htmlFor = 'lab-bytes';
    const bytes = el('textarea', 'lab-bytes');
    bytes.id = 'lab-bytes';
    bytes.rows = 3;
    bytes.spellcheck = false;
    bytes.setAttribute('autocapitalize', 'off');
    const lfcrlf = this.vectors.find((v) => v.name === 'lfcrlf') ?? this.vectors[0];
    if (lfcrlf) {
      vector.value = lfcrlf.name;
      bytes.value = lfcrlf.payload;
    }
    const bytesError = el('p', 'lab-error');
    bytesError.setAttribute('role', 'alert');
    const actions = el('div', 'lab-actions');
    const send = labelled('button', 'lab.send');
    send.type = 'button';
    send.id = 'lab-send';
    const matrix = labelled('button', 'lab.matrix', 'secondary');
    matrix.type = 'button';
    matrix.id = 'lab-matrix';
    actions.append(send, matrix);
    scenario.append(vectorField, bytesLabel, bytes, bytesError, actions);

    // The fixes.
    const fixes = el('fieldset', 'lab-fixes');
    fixes.append(labelled('legend', 'lab.fixes'));
    const switches = {};
    for (const hop of ['relay', 'inbound']) {
      const group = el('div', `lab-fix-group ${hop}`);
      group.append(labelled('p', hop === 'relay' ? 'lab.hopA' : 'lab.hopB', 'lab-fix-hop'));
      for (const fix of FIXES.filter((f) => f.hop === hop)) {
        const label = el('label', 'check lab-switch');
        const box = el('input', null);
        box.type = 'checkbox';
        box.id = fix.id;
        box.setAttribute('role', 'switch');
        label.append(box, ' ', labelled('span', fix.key));
        group.append(label);
        switches[fix.id] = box;
        box.addEventListener('change', () => {
          const value = box.checked ? fix.value : OFF[hop];
          this.onChange({ [hop]: value });
        });
      }
      fixes.append(group);
    }
    const settingsLine = el('p', 'lab-settings');
    settingsLine.setAttribute('aria-live', 'polite');
    fixes.append(settingsLine);

    // The result: summary, ribbons, hops side by side, mailboxes.
    const result = el('div', 'lab-result');
    const summary = el('p', 'lab-summary');
    summary.id = 'lab-summary';
    summary.setAttribute('role', 'status');
    const ribbons = el('div', 'lab-ribbons');
    const hops = el('div', 'lab-hops');
    const boxes = el('div', 'lab-mailboxes');
    result.append(summary, ribbons, hops, boxes);
    result.hidden = true;

    const matrixBox = el('div', 'lab-matrix-box');
    matrixBox.hidden = true;

    node.append(scenario, fixes, result, matrixBox);
    this.node = node;
    this.ui = { vector, bytes, bytesError, send, matrix, switches, settingsLine, result, summary, ribbons, hops, boxes, matrixBox };

    vector.addEventListener('change', () => {
      const v = this.vectors.find((x) => x.name === vector.value);
      if (v) bytes.value = v.payload;
    });
    send.addEventListener('click', () => this.sendBytes());
    matrix.addEventListener('click', () => this.showMatrix());
  }

  /** Decodes the byte box (lesson tokens) and hands the bytes to the owner. */
  sendBytes() {
    const { bytes, bytesError } = this.ui;
    bytesError.textContent = '';
    let decoded;
    try {
      decoded = this.ctx.decode(bytes.value.replace(/\r?\n$/, ''));
    } catch (e) {
      bytesError.textContent = this.ctx.t('lab.badBytes', { why: e.message ?? '' });
      return;
    }
    this.onSend(decoded);
  }

  setSettings(settings) {
    this.settings = { ...this.settings, ...settings };
    for (const fix of FIXES) this.ui.switches[fix.id].checked = this.settings[fix.hop] === fix.value;
    const t = this.ctx.t;
    this.ui.settingsLine.textContent = t('lab.now', {
      relay: t(`lab.relay.${this.settings.relay}`),
      inbound: t(`lab.inbound.${this.settings.inbound}`),
    });
  }

  /** A ribbon: the bytes as tokens, data and commands shaded, an end-of-data mark after each end. */
  ribbon(title, view, smuggling) {
    const box = el('figure', 'ribbon');
    box.append(el('figcaption', null, title));
    const line = el('p', 'ribbon-bytes');
    const ends = new Set(view.ends);
    const spanOf = (offset) => view.spans.find((s) => offset >= s.start && offset < s.end);
    for (const tok of tokens(view.bytes)) {
      const span = spanOf(tok.start);
      const reading = span ? (span.data ? 'data' : smuggling ? 'smuggled' : 'commands') : 'unread';
      line.append(el('span', `tok ${reading}${tok.eol ? ' ctl' : ''}`, tok.text));
      if (ends.has(tok.end)) {
        const mark = el('span', 'eod', '▲');
        mark.title = this.ctx.t('lab.eod', { n: tok.end });
        mark.setAttribute('aria-label', this.ctx.t('lab.eod', { n: tok.end }));
        line.append(mark);
      }
    }
    box.append(line);
    return box;
  }

  hop(title, view) {
    const box = el('section', 'lab-hop');
    box.append(el('h3', null, title));
    const list = el('ol', 'lab-wire');
    for (const w of view.wire) {
      if (w.side === 'Client') {
        list.append(el('li', 'client', `C: ${w.tokens}`));
      } else {
        for (const l of w.text.split('\r\n').filter(Boolean)) list.append(el('li', 'server', `S: ${l}`));
      }
    }
    box.append(list);
    return box;
  }

  mailbox(title, messages, smuggledFrom) {
    const box = el('section', 'lab-mailbox');
    box.append(el('h3', null, title));
    const list = el('ul', null);
    messages.forEach((m, i) => {
      const smuggled = i >= smuggledFrom;
      const li = el('li', smuggled ? 'smuggled' : null, `✉ ${m.reversePath || '<>'}`);
      if (smuggled) li.append(' ', el('strong', null, `⚠ ${this.ctx.t('lab.smuggled')}`));
      list.append(li);
    });
    if (!messages.length) list.append(el('li', 'muted', this.ctx.t('none')));
    box.append(list);
    return box;
  }

  /** Draws a run (the module's LabView). */
  showRun(run) {
    this.run = run;
    this.setSettings({ relay: run.relay, inbound: run.inbound });
    const t = this.ctx.t;
    const { result, summary, ribbons, hops, boxes } = this.ui;
    result.hidden = false;
    const smuggled = run.delivered > run.accepted;
    summary.textContent = t('lab.summary', { a: run.accepted, b: run.delivered });
    summary.dataset.accepted = run.accepted;
    summary.dataset.delivered = run.delivered;
    summary.classList.toggle('smuggled', smuggled);
    ribbons.replaceChildren(
      this.ribbon(t('lab.ribbonA'), run.relayRibbon, false),
      ...run.inboundRibbons.map((r, i) => this.ribbon(t('lab.ribbonB', { n: i + 1 }), r, true)),
    );
    hops.replaceChildren(this.hop(t('lab.hop1'), run.relayHop), this.hop(t('lab.hop2'), run.inboundHop));
    boxes.replaceChildren(
      this.mailbox(t('lab.boxA', { n: run.accepted }), run.relayHop.messages, Infinity),
      this.mailbox(t('lab.boxB', { n: run.delivered }), run.inboundHop.messages, Math.max(run.accepted, 1)),
    );
  }

  /**
   * The matrix: every vector against every persona as B, through A's current setting or (the
   * research table's setting) straight to B; computed now by the engine.
   */
  showMatrix(through = this.matrixThrough ?? this.settings.relay) {
    const t = this.ctx.t;
    const box = this.ui.matrixBox;
    this.matrixThrough = through;
    const cells = this.onMatrix(through === 'direct' ? null : through);
    const pick = el('select', null);
    pick.id = 'lab-matrix-relay';
    pick.setAttribute('aria-label', t('lab.matrixThrough'));
    for (const r of ['direct', ...RELAYS]) {
      const o = el('option', null, r === 'direct' ? t('lab.direct') : t(`lab.relay.${r}`));
      o.value = r;
      pick.append(o);
    }
    pick.value = through;
    pick.addEventListener('change', () => this.showMatrix(pick.value));
    const table = el('table', 'lab-matrix');
    table.append(
      el('caption', null, through === 'direct' ? t('lab.matrixDirect') : t('lab.matrixCaption', { relay: t(`lab.relay.${through}`) })),
    );
    const head = el('tr', null);
    head.append(el('th', null, t('lab.vector')), ...INBOUNDS.map((p) => el('th', null, t(`lab.inbound.${p}`))));
    table.append(head);
    for (const v of this.vectors) {
      const row = el('tr', null);
      const name = el('th', null, `${v.name} ${v.ending}${v.producible ? '' : ' †'}`);
      name.scope = 'row';
      row.append(name);
      for (const p of INBOUNDS) {
        const c = cells.find((x) => x.vector === v.name && x.inbound === p);
        const td = el('td', c && c.delivered > (c.accepted ?? 1) ? 'split' : null, c ? (c.refused ? String(c.refused) : String(c.delivered)) : '');
        td.dataset.vector = v.name;
        td.dataset.inbound = p;
        row.append(td);
      }
      table.append(row);
    }
    const label = el('label', 'lab-matrix-pick', `${t('lab.matrixThrough')} `);
    label.append(pick);
    box.replaceChildren(label, table, el('p', 'muted small', t('lab.matrixNote')));
    box.hidden = false;
  }

  relabel() {
    this.setSettings({});
    if (this.run) this.showRun(this.run);
    if (!this.ui.matrixBox.hidden) this.showMatrix();
  }
}

export { RELAYS, INBOUNDS };
