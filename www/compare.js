// The Compare tab: any two reply codes side by side under the seed's headings (Description, When
// you see it, How to fix it, Key differences, When to use which), in the page's language. It
// follows the last two codes the learner looked at in the session until they pick a pair.

import { allCodes, catalogLabels, compare, curatedPairs } from './pkg/smtp_sim.js';
import { language, t } from './i18n.js';
import { codeHead, el, labelledChips } from './explain.js';

/** The seed's pair, until the session has shown two different codes. */
const START = [221, 354];

function field(id, key) {
  const wrap = el('div', 'field');
  const label = el('label', null, t(key));
  label.htmlFor = id;
  label.dataset.i18n = key;
  const select = el('select', 'code-select');
  select.id = id;
  wrap.append(label, select);
  return { wrap, select };
}

export function startCompare(panel) {
  const first = field('compare-a', 'compareFirst');
  const second = field('compare-b', 'compareSecond');
  const swap = el('button', 'secondary swap', '⇄');
  swap.type = 'button';
  swap.dataset.i18nAriaLabel = 'compareSwap';
  const controls = el('div', 'compare-controls');
  controls.append(first.wrap, swap, second.wrap);

  const sourceText = el('span', null);
  const back = el('button', 'link');
  back.type = 'button';
  back.hidden = true;
  const source = el('p', 'compare-source');
  source.append(sourceText, ' ', back);

  const [pairsLabel, pairs] = labelledChips('compare-pairs-label', 'comparePairs', t);
  const pairsRow = el('div', 'pairs-row');
  pairsRow.append(pairsLabel, pairs);

  const status = el('p', 'visually-hidden');
  status.setAttribute('role', 'status');
  const body = el('article', 'comparison');
  body.setAttribute('aria-labelledby', 'compare-title');
  panel.append(controls, source, pairsRow, status, body);

  let known = new Set();
  /** Codes the learner looked at, oldest first, without immediate repeats. */
  const seen = [];
  let follow = true;
  let pair = START;
  let dirty = true;

  const lastTwo = () => (seen.length >= 2 ? [seen.at(-2), seen.at(-1)] : null);

  function fillSelects() {
    const codes = allCodes(language());
    known = new Set(codes.map((c) => c.code));
    for (const select of [first.select, second.select]) {
      select.replaceChildren(...codes.map((c) => {
        const option = el('option', null, `${c.code} · ${c.name}`);
        option.value = String(c.code);
        return option;
      }));
    }
    pairs.replaceChildren(...curatedPairs().map(([a, b]) => {
      const chip = el('button', 'chip pair', `${a} · ${b}`);
      chip.type = 'button';
      chip.addEventListener('click', () => choose(a, b, true));
      return chip;
    }));
  }

  function render() {
    dirty = false;
    if (follow) pair = lastTwo() ?? START;
    const [a, b] = pair;
    first.select.value = String(a);
    second.select.value = String(b);
    for (const chip of pairs.children) {
      const on = chip.textContent === `${Math.min(a, b)} · ${Math.max(a, b)}`;
      chip.setAttribute('aria-pressed', String(on));
    }
    const recent = lastTwo();
    sourceText.textContent = follow ? t(recent ? 'compareFollowing' : 'compareStart') : t('compareChosen');
    back.hidden = follow || !recent;
    if (recent) back.textContent = t('compareBack', { a: recent[0], b: recent[1] });

    const lang = language();
    const c = compare(a, b, lang);
    if (!c) {
      body.replaceChildren();
      return;
    }
    const labels = catalogLabels(lang);
    const out = [];
    const title = el('h3', 'compare-title', t('compareTitle', { a: `${a} ${c.a.name}`, b: `${b} ${c.b.name}` }));
    title.id = 'compare-title';
    out.push(title, el('p', 'compare-summary', c.summary));

    const cols = el('div', 'compare-cols');
    for (const side of [c.a, c.b]) {
      const col = el('section', `compare-col c${Math.floor(side.code / 100)}`);
      col.setAttribute('aria-label', `${side.code} ${side.name}`);
      col.append(codeHead(side.code, side, t, 'h4'));
      for (const [key, text] of [['description', side.description], ['when', side.when], ['fix', side.fix]]) {
        col.append(el('h5', null, labels[key]), el('p', null, text));
      }
      cols.append(col);
    }
    out.push(cols);

    out.push(el('h4', 'compare-h', labels.differences));
    const table = el('table', 'diff-table');
    const head = el('tr', null);
    const corner = el('td', null);
    head.append(corner);
    for (const side of [c.a, c.b]) {
      const th = el('th', `c${Math.floor(side.code / 100)}`, String(side.code));
      th.scope = 'col';
      head.append(th);
    }
    const thead = el('thead', null);
    thead.append(head);
    const tbody = el('tbody', null);
    const rows = c.differences.map((d) => [d.aspect, d.a, d.b, d.same]);
    for (const [aspect, va, vb, same] of rows) {
      const tr = el('tr', same ? 'same' : null);
      const th = el('th', null, aspect);
      th.scope = 'row';
      tr.append(th);
      if (same) {
        const td = el('td', null, va);
        td.colSpan = 2;
        td.append(' ', el('span', 'same-tag', t('compareSame')));
        tr.append(td);
      } else {
        const ta = el('td', null, va);
        ta.dataset.code = String(a);
        const tb = el('td', null, vb);
        tb.dataset.code = String(b);
        tr.append(ta, tb);
      }
      tbody.append(tr);
    }
    table.append(thead, tbody);
    out.push(el('div', 'table-wrap'));
    out.at(-1).append(table);

    out.push(el('h4', 'compare-h', labels.whenToUse));
    if (c.note) {
      const note = el('div', 'note');
      note.append(el('p', 'note-label', labels.note), el('p', null, c.note));
      out.push(note);
    }
    // Which commands get each code: the server's side of "when to use which".
    const use = el('ul', 'use-which');
    for (const side of [c.a, c.b]) {
      const li = el('li', `c${Math.floor(side.code / 100)}`);
      li.append(el('strong', 'code-chip', String(side.code)), ' ', el('strong', null, side.name));
      const cmds = el('p', 'use-cmds');
      cmds.append(el('span', 'muted', `${labels.producedBy}: `));
      if (side.producedBy.length) cmds.append(...side.producedBy.flatMap((cmd, i) => [i ? ' ' : '', el('code', 'cmd', cmd)]));
      else cmds.append(labels.none);
      li.append(cmds);
      use.append(li);
    }
    out.push(use);
    if (c.sharedCommands.length) {
      const p = el('p', 'shared');
      p.append(el('span', 'rfc-label', `${labels.sharedCommands}: `), c.sharedCommands.join(', '));
      out.push(p);
    }
    body.replaceChildren(...out);
  }

  function update() {
    if (panel.hidden) dirty = true;
    else render();
  }

  /** Compares `a` and `b` from now on (a confusion button, a pair chip or the selects). */
  function choose(a, b, announce = false) {
    if (!known.has(a) || !known.has(b)) return;
    follow = false;
    pair = [a, b];
    render();
    if (announce) status.textContent = t('compareStatus', { a, b });
  }

  const picked = () => choose(Number(first.select.value), Number(second.select.value), true);
  first.select.addEventListener('change', picked);
  second.select.addEventListener('change', picked);
  swap.addEventListener('click', () => choose(pair[1], pair[0], true));
  back.addEventListener('click', () => {
    follow = true;
    render();
    const [a, b] = pair;
    status.textContent = t('compareStatus', { a, b });
  });

  document.addEventListener('smtp-sim:seen', (e) => {
    const code = e.detail.code;
    if (!known.has(code) || seen.at(-1) === code) return;
    seen.push(code);
    if (seen.length > 16) seen.shift();
    update();
  });

  fillSelects();
  return {
    choose,
    shown() {
      if (dirty) render();
    },
    relabel() {
      fillSelects();
      swap.setAttribute('aria-label', t('compareSwap'));
      update();
    },
  };
}
