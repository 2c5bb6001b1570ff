// Two reply codes side by side under the seed's headings (Description, When you see it, How to
// fix it, Key differences, When to use which): the page's Compare tab and the element's own
// "compare with" view both render it. `c` is the engine's Comparison; `labels` the catalogue's
// headings (camelCase); `t` the page's words.

import { el } from '../dom.js';
import { codeHead } from './explanation.js';

export function renderComparison(container, c, labels, t, { titleId = 'compare-title', level = 3 } = {}) {
  const h = (n) => `h${Math.min(6, level + n)}`;
  const [a, b] = [c.a.code, c.b.code];
  const out = [];
  const title = el(h(0), 'compare-title', t('compareTitle', { a: `${a} ${c.a.name}`, b: `${b} ${c.b.name}` }));
  title.id = titleId;
  out.push(title, el('p', 'compare-summary', c.summary));

  const cols = el('div', 'compare-cols');
  for (const side of [c.a, c.b]) {
    const col = el('section', `compare-col c${Math.floor(side.code / 100)}`);
    col.setAttribute('aria-label', `${side.code} ${side.name}`);
    col.append(codeHead(side.code, side, t, h(1)));
    for (const [key, text] of [['description', side.description], ['when', side.when], ['fix', side.fix]]) {
      // A side whose long texts are on their way (engine.js "Texts") shows a placeholder.
      col.append(el(h(2), null, labels[key]), el('p', null, text || (side.pending ? t('textsLoading') : '')));
    }
    cols.append(col);
  }
  out.push(cols);

  out.push(el(h(1), 'compare-h', labels.differences));
  const table = el('table', 'diff-table');
  const head = el('tr', null);
  head.append(el('td', null));
  for (const side of [c.a, c.b]) {
    const th = el('th', `c${Math.floor(side.code / 100)}`, String(side.code));
    th.scope = 'col';
    head.append(th);
  }
  const thead = el('thead', null);
  thead.append(head);
  const tbody = el('tbody', null);
  for (const d of c.differences) {
    const tr = el('tr', d.same ? 'same' : null);
    const th = el('th', null, d.aspect);
    th.scope = 'row';
    tr.append(th);
    if (d.same) {
      const td = el('td', null, d.a);
      td.colSpan = 2;
      td.append(' ', el('span', 'same-tag', t('compareSame')));
      tr.append(td);
    } else {
      const ta = el('td', null, d.a || (c.a.pending ? t('textsLoading') : ''));
      ta.dataset.code = String(a);
      const tb = el('td', null, d.b || (c.b.pending ? t('textsLoading') : ''));
      tb.dataset.code = String(b);
      tr.append(ta, tb);
    }
    tbody.append(tr);
  }
  table.append(thead, tbody);
  const wrap = el('div', 'table-wrap');
  wrap.append(table);
  out.push(wrap);

  out.push(el(h(1), 'compare-h', labels.whenToUse));
  // A note still on its way (engine.js "Texts") shows a placeholder until it comes.
  if (c.note || c.pending) {
    const note = el('div', 'note');
    note.append(el('p', 'note-label', labels.note), el('p', c.note ? null : 'muted placeholder texts-pending', c.note || t('textsLoading')));
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
  container.replaceChildren(...out);
}
