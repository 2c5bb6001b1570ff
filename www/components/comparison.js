// Two reply codes side by side under the seed's headings (Description, When you see it, How to
// fix it, Key differences, When to use which): the page's Compare tab and the element's own
// "compare with" view both render it. Both import this module on first use (a click), with its
// styles: it is never in a first load.

import { catalogue } from '../engine.js';
import { compareCodes } from '../compare-codes.js';
import { el } from '../dom.js';
import { codeHead } from './explanation.js';

const STYLE = String.raw`
.compare-title { font-size: 1.3rem; text-transform: none; letter-spacing: 0; color: var(--text); margin: .25rem 0 .4rem; }
.compare-summary { font-size: 1.05rem; max-width: 70ch; }
.compare-cols { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 1rem; margin-top: .75rem; }
.compare-col {
  border: 1px solid var(--line);
  border-top: 5px solid var(--cls);
  border-radius: 10px;
  padding: .8rem 1rem;
  background: linear-gradient(var(--cls-bg), var(--card) 7rem);
}
.compare-col .code-name { margin: 0; font-size: 1.15rem; }
.compare-col h5, .compare-col h6, .compare-h {
  font-size: .8rem; text-transform: uppercase; letter-spacing: .06em; color: var(--muted); margin: 1rem 0 .3rem;
}
.compare-h { font-size: .9rem; color: var(--text); margin-top: 1.4rem; }
.table-wrap { overflow-x: auto; }
.diff-table { width: 100%; border-collapse: collapse; font-size: .95rem; }
.diff-table th, .diff-table td { text-align: left; vertical-align: top; padding: .5rem .6rem; border-bottom: 1px solid var(--line); }
.diff-table thead th { font-family: var(--mono); font-size: 1.05rem; color: var(--cls); border-bottom: 2px solid var(--cls); }
.diff-table tbody th { color: var(--muted); font-weight: 600; width: 12rem; }
.diff-table tr.same td { color: var(--muted); }
.same-tag { font-size: .75rem; padding: 0 .4rem; border-radius: 999px; border: 1px solid var(--line); white-space: nowrap; }
.note-label { font-size: .75rem; font-weight: 700; text-transform: uppercase; letter-spacing: .06em; color: var(--notice); margin-bottom: .2rem !important; }
.use-which { list-style: none; padding: 0; margin: 0; display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: .5rem 1rem; }
.use-which li { padding: .45rem .7rem; border-left: 4px solid var(--cls); background: var(--cls-bg); border-radius: 0 8px 8px 0; margin: 0; }
.use-which .code-chip { font-family: var(--mono); color: var(--cls); }
.use-cmds { margin: .2rem 0 0 !important; font-size: .9rem; display: flex; flex-wrap: wrap; gap: .3rem; align-items: baseline; }
.use-cmds .cmd { padding: 0 .4rem; border-radius: 5px; background: var(--card); border: 1px solid var(--line); font-family: var(--mono); font-size: .8rem; }
.shared { font-size: .9rem; }
/* In the element's Explanation (smtp-sim.js): a way back above, one column. */
.compare-box .back-to-explanation { margin-bottom: .5rem; }
.compare-box h3.compare-title { font-size: 1.1rem; text-transform: none; letter-spacing: 0; color: var(--text); }
.compare-box .compare-cols { grid-template-columns: minmax(0, 1fr); }
@container (max-width: 640px) {
  .compare-cols, .use-which { grid-template-columns: minmax(0, 1fr); }
  .diff-table thead { display: none; }
  .diff-table tr, .diff-table th, .diff-table td { display: block; width: auto !important; }
  .diff-table tbody th { border-bottom: 0; padding-bottom: 0; }
  .diff-table td[data-code]::before { content: attr(data-code) ' · '; font-family: var(--mono); font-weight: 700; }
}
`;

let sheet = null;

/**
 * Adds the comparison's stylesheet to `root` (the element's shadow root, the page's document),
 * once, right after the catalogue entries' sheet (element-style.js marks it): the cascade is the
 * one these rules had when they were in it.
 */
function adoptStyle(root) {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(STYLE);
  }
  const list = root.adoptedStyleSheets;
  if (list.includes(sheet)) return;
  const at = list.findIndex((s) => s[Symbol.for('smtp-sim.entries')]) + 1;
  root.adoptedStyleSheets = [...list.slice(0, at), sheet, ...list.slice(at)];
}

/**
 * Renders codes `codeA` and `codeB` side by side into `container`, in `lang` (`t`: the words of the page
 * or element; `root`: where its styles go). False, and nothing rendered, when the catalogue has
 * no comparison of the two.
 */
export function renderComparison(container, codeA, codeB, lang, t, { root, titleId = 'compare-title', level = 3 }) {
  const c = compareCodes(catalogue, codeA, codeB, lang);
  if (!c) return false;
  adoptStyle(root);
  const labels = catalogue.labels(lang);
  const h = (n) => `h${Math.min(6, level + n)}`;
  const [a, b] = [c.a.code, c.b.code];
  const out = [];
  const title = el(h(0), 'compare-title', t('compareTitle', { a: `${a} ${c.a.name}`, b: `${b} ${c.b.name}` }));
  title.id = titleId;
  // The class pair's summary comes with the rare texts file: a placeholder until then.
  out.push(title, c.summary ? el('p', 'compare-summary', c.summary) : el('p', 'compare-summary muted placeholder texts-pending', t('textsLoading')));

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
  return true;
}
