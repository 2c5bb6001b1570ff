// The Compare tab: any two reply codes side by side (components/comparison.js), in the page's
// language. It follows the last two codes the learner looked at in the session (the element's
// smtp-select events, which the page passes to `seen`) until they pick a pair.

import { catalogue } from '../engine.js';
import { button, el, labelledChips } from '../dom.js';

/** The seed's pair, until the session has shown two different codes. */
const START = [221, 354];

function field(id, key, t) {
  const wrap = el('div', 'field');
  const label = el('label', null, t(key));
  label.htmlFor = id;
  label.dataset.i18n = key;
  const select = el('select', 'code-select');
  select.id = id;
  wrap.append(label, select);
  return { wrap, select };
}

/** `app` gives the page's translator (`app.t`) and language (`app.lang`). */
export function startCompare(panel, app) {
  // The renderer is its own chunk, shared with the element's "compare with": asked for now.
  const comparison = import('../components/comparison.js');
  const t = (...args) => app.t(...args);
  const first = field('compare-a', 'compareFirst', t);
  const second = field('compare-b', 'compareSecond', t);
  const swap = button('secondary swap', '⇄');
  swap.dataset.i18nAriaLabel = 'compareSwap';
  const controls = el('div', 'compare-controls');
  controls.append(first.wrap, swap, second.wrap);

  const sourceText = el('span', null);
  const back = button('link');
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
    const codes = catalogue.allCodes(app.lang);
    known = new Set(codes.map((c) => c.code));
    for (const select of [first.select, second.select]) {
      select.replaceChildren(...codes.map((c) => {
        const option = el('option', null, `${c.code} · ${c.name}`);
        option.value = String(c.code);
        return option;
      }));
    }
    pairs.replaceChildren(...catalogue.curatedPairs().map(([a, b]) => {
      const chip = button('chip pair', `${a} · ${b}`);
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
    // Renders run in the order asked (one promise): the last pair asked is the one shown.
    comparison.then(({ renderComparison }) => {
      if (!renderComparison(body, a, b, app.lang, t, { root: document })) body.replaceChildren();
    });
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

  fillSelects();
  return {
    choose,
    /** A code the learner looked at in the session. */
    seen(code) {
      if (!known.has(code) || seen.at(-1) === code) return;
      seen.push(code);
      if (seen.length > 16) seen.shift();
      update();
    },
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
