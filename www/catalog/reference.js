// The Reference tab: every reply code and every enhanced status code the catalogue explains,
// filtered as you type (by number, or by words in the page's language), each opening its full
// entry beside the list (below it on a phone).

import { catalogue } from '../engine.js';
import { button, el, rfcLink } from '../dom.js';
import { codeHead, entryBody } from '../components/explanation.js';

/** Lower case without accents, so "descricao" finds "descrição". */
function fold(text) {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * How well an item matches the query, 0 when some word is missing: a number at the start of
 * the code counts most, then a whole word of the name, part of the name, a whole word of the
 * description, part of it. So "available" lists 421 "not available" before 450 "unavailable".
 */
function score(tokens, number, name, text) {
  let total = 0;
  for (const tok of tokens) {
    const word = new RegExp(`(^|[^a-z0-9])${escape(tok)}($|[^a-z0-9])`);
    let s = 0;
    if (tok.endsWith('=')) s = number === tok.slice(0, -1) ? 100 : 0;
    else if (/^[\dx.]+$/.test(tok) && number.startsWith(tok)) s = 100;
    else if (word.test(name)) s = 10;
    else if (name.includes(tok)) s = 5;
    else if (word.test(text)) s = 2;
    else if (text.includes(tok)) s = 1;
    if (s === 0) return 0;
    total += s;
  }
  return tokens.length ? total : 1;
}

/** `app` gives the page's translator and language; `onCompare(a, b)` opens Compare. */
export function startReference(panel, app, onCompare) {
  const t = (...args) => app.t(...args);
  const label = el('label', null, t('refSearch'));
  label.htmlFor = 'reference-search';
  label.dataset.i18n = 'refSearch';
  const input = el('input', 'search');
  input.id = 'reference-search';
  input.type = 'search';
  input.autocomplete = 'off';
  input.spellcheck = false;
  input.setAttribute('aria-describedby', 'reference-count');
  const count = el('p', 'ref-count');
  count.id = 'reference-count';
  count.setAttribute('role', 'status');
  const searchRow = el('div', 'ref-search field');
  searchRow.append(label, input, count);

  const codesTitle = el('h3', 'ref-list-title', t('refCodes'));
  codesTitle.id = 'ref-codes-title';
  codesTitle.dataset.i18n = 'refCodes';
  const codesList = el('ul', 'ref-list');
  codesList.setAttribute('aria-labelledby', codesTitle.id);
  const enhancedTitle = el('h3', 'ref-list-title', t('refEnhanced'));
  enhancedTitle.id = 'ref-enhanced-title';
  enhancedTitle.dataset.i18n = 'refEnhanced';
  const enhancedList = el('ul', 'ref-list enhanced');
  enhancedList.setAttribute('aria-labelledby', enhancedTitle.id);
  const none = el('p', 'muted');
  const lists = el('div', 'ref-lists');
  lists.append(codesTitle, codesList, enhancedTitle, enhancedList, none);

  const entry = el('article', 'ref-entry');
  entry.id = 'reference-entry';
  entry.tabIndex = -1;
  const grid = el('div', 'ref-grid');
  grid.append(lists, entry);
  panel.append(searchRow, grid);

  /** What is open: { kind: 'code', code } or { kind: 'enhanced', subject, detail }, or null. */
  let open = null;
  let items = [];

  function item(key, chip, name, summary, onOpen, cls) {
    const li = el('li', `ref-item ${cls}`);
    const open = button('ref-open');
    open.dataset.key = key;
    open.append(el('span', 'code-chip', chip), ' ', el('span', 'ref-name', name));
    open.addEventListener('click', () => {
      onOpen();
      entry.focus({ preventScroll: true });
      if (!window.matchMedia('(min-width: 900px)').matches) entry.scrollIntoView({ block: 'start' });
    });
    li.append(open, el('p', 'ref-summary', summary));
    return li;
  }

  function build() {
    const lang = app.lang;
    items = [];
    // A description still on its way (engine.js "Texts") says so; relabel() builds the list again.
    const codes = catalogue.allCodes(lang).map((c) => {
      const li = item(`c${c.code}`, String(c.code), c.name, c.pending ? t('textsLoading') : c.description, () => openCode(c.code), `c${c.class}`);
      items.push({ li, number: String(c.code), name: fold(c.name), text: fold(c.description) });
      return li;
    });
    const enhanced = catalogue.allEnhanced(lang).map((e) => {
      const text = `X.${e.subject}.${e.detail}`;
      const li = item(`e${e.subject}.${e.detail}`, text, e.name, e.pending ? t('textsLoading') : e.meaning, () => openEnhanced(e.subject, e.detail), '');
      // "5.7.1" and "7.1" both find X.7.1: the class is not part of the detail's identity.
      items.push({ li, number: `${e.subject}.${e.detail}`, name: fold(`${text} ${e.name}`), text: fold(e.meaning), enhanced: true });
      return li;
    });
    codesList.replaceChildren(...codes);
    enhancedList.replaceChildren(...enhanced);
    filter();
  }

  function filter() {
    const q = input.value.trim();
    const tokens = fold(q).split(/\s+/).filter(Boolean);
    let n = 0;
    let m = 0;
    for (const it of items) {
      // An enhanced code typed in full ("5.7.1") names exactly one detail, by its last two
      // numbers ("7.1="); typed in part ("5.7.") it names the start of some.
      const toks = it.enhanced
        ? tokens.map((tok) => tok.replace(/^[245x]\.(\d+\.\d+)$/, '$1=').replace(/^[245x]\.(?=\d+\.)/, ''))
        : tokens;
      it.score = score(toks, it.number, it.name, it.text);
      it.li.hidden = it.score === 0;
      if (it.score && it.enhanced) m += 1;
      else if (it.score) n += 1;
    }
    // Best matches first; the catalogue's order among equals (sort is stable).
    for (const list of [codesList, enhancedList]) {
      const mine = items.filter((it) => it.li.parentNode === list);
      const order = tokens.length ? [...mine].sort((x, y) => y.score - x.score) : mine;
      if (order.some((it, i) => list.children[i] !== it.li)) list.replaceChildren(...order.map((it) => it.li));
    }
    const mt = items.filter((it) => it.enhanced).length;
    count.textContent = t('refCount', { n, total: items.length - mt, m, mt });
    codesTitle.hidden = n === 0;
    enhancedTitle.hidden = m === 0;
    none.textContent = n + m === 0 ? t('refNone', { q }) : '';
  }

  function mark() {
    for (const button of panel.querySelectorAll('.ref-open')) {
      const key = open && (open.kind === 'code' ? `c${open.code}` : `e${open.subject}.${open.detail}`);
      if (button.dataset.key === key) button.setAttribute('aria-current', 'true');
      else button.removeAttribute('aria-current');
    }
  }

  function openCode(code) {
    open = { kind: 'code', code };
    const lang = app.lang;
    const e = catalogue.explainCode(code, lang);
    const labels = catalogue.labels(lang);
    entry.replaceChildren(codeHead(code, e, t, 'h3'), ...entryBody(e, labels, t, { onCompare }));
    mark();
  }

  function openEnhanced(subject, detail) {
    open = { kind: 'enhanced', subject, detail };
    const lang = app.lang;
    const labels = catalogue.labels(lang);
    // Any class gives the same subject and detail (RFC 3463 §3); 5 is as good as 4.
    const e = catalogue.explainEnhanced(`5.${subject}.${detail}`, lang);
    const head = el('div', 'code-head enh');
    const big = el('p', 'code-big');
    big.setAttribute('aria-label', `X.${subject}.${detail}`);
    for (const part of ['X', '.', String(subject), '.', String(detail)]) {
      big.append(el('span', part === '.' ? 'dot' : 'digit', part));
    }
    head.append(big, el('h3', 'code-name', e.detail?.name || e.subject.name));
    const dl = el('dl', 'parts enh');
    const rows = [
      ['X', labels.class, '', t('refEnhancedClass')],
      [subject, labels.subject, e.subject.name, e.subject.meaning],
    ];
    if (e.detail) rows.push([detail, labels.detail, e.detail.name, e.detail.meaning]);
    for (const [value, partLabel, name, meaning] of rows) {
      const dt = el('dt', null);
      dt.append(el('span', 'digit', String(value)));
      const dd = el('dd', null);
      const p = el('p', 'part-name');
      p.append(el('span', 'part-label', name ? `${partLabel} · ` : partLabel), name);
      dd.append(p, el('p', 'part-meaning', meaning));
      dl.append(dt, dd);
    }
    const rfc = el('p', 'rfc');
    rfc.append(el('span', 'rfc-label', `${labels.rfc}: `), rfcLink(e.rfc));
    entry.replaceChildren(head, dl, rfc);
    mark();
  }

  function showOpen() {
    if (open?.kind === 'code') openCode(open.code);
    else if (open?.kind === 'enhanced') openEnhanced(open.subject, open.detail);
    else entry.replaceChildren(el('p', 'muted placeholder', t('refPick')));
  }

  input.addEventListener('input', filter);
  // Enter opens the first match, so "421 ⏎" goes straight to the entry.
  input.addEventListener('keydown', (e) => {
    if (e.key !== 'Enter') return;
    const firstHit = items.find((it) => !it.li.hidden);
    if (firstHit) {
      e.preventDefault();
      firstHit.li.querySelector('button').click();
    }
  });

  return {
    relabel() {
      input.placeholder = t('refPlaceholder');
      build();
      showOpen();
    },
  };
}
