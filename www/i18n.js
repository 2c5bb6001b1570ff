// The one i18n helper: each element and the page get a translator for their own language, so
// two elements in two languages live side by side. The words are in i18n/<lang>.js only.

import { normalizeLang } from './first-load.js';

export const LANGUAGES = ['en', 'pt-BR'];
/**
 * The label tables loaded so far, per language and part: `core` (the element, the client mode),
 * `views` (the views full-ui.js holds, fetched with them), `tools` (the client mode's tools and
 * the transcript import, fetched with their code) and the parts a page adds (`addLabels`:
 * the full page's own). Only the languages shown are fetched (issue 12, "Weight"). Their
 * top-level keys are disjoint.
 */
const loaded = {};
const loading = {};
/** The parts every language loads: core, and views once full-ui.js is wanted, and a page's own. */
const wanted = new Set(['core']);
// Literal imports, so bundlers split each table off (and the single-file build inlines them).
const IMPORTS = {
  'en/core': () => import('./i18n/en.js'),
  'pt-BR/core': () => import('./i18n/pt-BR.js'),
  'en/views': () => import('./i18n/en-views.js'),
  'pt-BR/views': () => import('./i18n/pt-BR-views.js'),
  'en/tools': () => import('./i18n/en-tools.js'),
  'pt-BR/tools': () => import('./i18n/pt-BR-tools.js'),
};

// A BCP 47 tag as one of ours (first-load.js, where the page's first choice is made too).
export { normalizeLang };

/** Loads one part of one language's labels, once (a failed load is tried again on the next call). */
function part(code, which) {
  const key = `${code}/${which}`;
  loading[key] ??= IMPORTS[key]().then(
    (m) => {
      (loaded[code] ??= {})[which] = m.default;
    },
    (e) => {
      delete loading[key];
      throw e;
    },
  );
  return loading[key];
}

/** True once `lang`'s labels are loaded (every part wanted). */
export function hasLabels(lang) {
  const table = loaded[normalizeLang(lang)];
  return [...wanted].every((which) => table?.[which]);
}

/** Loads `lang`'s labels (every part wanted) and resolves with its translator. */
export function loadLabels(lang) {
  const code = normalizeLang(lang);
  return Promise.all([...wanted].map((which) => part(code, which))).then(() => translator(code));
}

/** Wants `which` from now on: loads it in every language loaded or loading. */
function want(which) {
  wanted.add(which);
  const langs = Object.keys(loading).filter((k) => k.endsWith('/core')).map((k) => k.split('/')[0]);
  return Promise.all(langs.map((code) => part(code, which)));
}

/** The labels of the views loaded on first use (Watch, You are the server, lessons, the lab). */
export const loadViewLabels = () => want('views');

/** The labels of the client mode's tools and of reading a transcript (client-tools.js, element-import.js). */
export const loadToolLabels = () => want('tools');

/**
 * A page's own labels, part `which`: `imports` maps each language to a literal `import()` of its
 * table (in the page's module, so the element alone never names them).
 */
export function addLabels(which, imports) {
  for (const lang of LANGUAGES) IMPORTS[`${lang}/${which}`] = imports[lang];
  return want(which);
}

const lookup = (table, key) => key.split('.').reduce((o, k) => o?.[k], table);

/**
 * `t(key, vars)` for one language: the label `key` (dotted for nested tables) with `{name}`
 * placeholders filled in; English when the language lacks it and English is loaded; undefined
 * before the language's labels are loaded (see `loadLabels`). `t.lang` is the language.
 */
export function translator(lang) {
  const code = normalizeLang(lang);
  const t = (key, vars) => {
    const table = loaded[code] ?? {};
    const find = (parts) => Object.values(parts ?? {}).reduce((found, part) => found ?? lookup(part, key), undefined);
    let value = find(table);
    if (value === undefined) value = find(loaded.en);
    if (typeof value !== 'string' || !vars) return value;
    return value.replace(/\{(\w+)\}/g, (_, name) => String(vars[name] ?? ''));
  };
  t.lang = code;
  return t;
}

/**
 * Fills `[data-i18n]` (text), `[data-i18n-aria-label]`, `[data-i18n-placeholder]` and
 * `[data-i18n-content]` (a meta's content) under `root`, `root` itself included (a view's own
 * section names itself), with the words of `t`.
 */
export function applyLabels(root, t) {
  const all = (selector) => [...(root.matches?.(selector) ? [root] : []), ...root.querySelectorAll(selector)];
  for (const node of all('[data-i18n]')) node.textContent = t(node.dataset.i18n);
  for (const node of all('[data-i18n-aria-label]')) {
    node.setAttribute('aria-label', t(node.dataset.i18nAriaLabel));
  }
  for (const node of all('[data-i18n-placeholder]')) {
    node.setAttribute('placeholder', t(node.dataset.i18nPlaceholder));
  }
  for (const node of all('[data-i18n-content]')) {
    node.setAttribute('content', t(node.dataset.i18nContent));
  }
}

/** The language in effect at `node`: its own `lang`, else the nearest ancestor's, across shadow roots. */
export function inheritedLang(node) {
  for (let n = node; n; ) {
    if (n.nodeType === 1 && n.hasAttribute('lang')) return n.getAttribute('lang');
    n = n.parentNode ?? n.host ?? null;
  }
  return navigator.language || 'en';
}
