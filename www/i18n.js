// The one i18n helper: each element and the page get a translator for their own language, so
// two elements in two languages live side by side. The words are in i18n/<lang>.js only.

export const LANGUAGES = ['en', 'pt-BR'];
/** The label tables loaded so far: only the languages shown are fetched (issue 12, "Weight"). */
const TABLES = {};
const loadingTables = {};

/** A BCP 47 tag as one of ours: any Portuguese tag is pt-BR, anything else English. */
export function normalizeLang(tag) {
  return /^pt\b/i.test(String(tag ?? '').trim()) ? 'pt-BR' : 'en';
}

/** True once `lang`'s labels are loaded (a translator for it then has its words). */
export const hasLabels = (lang) => Boolean(TABLES[normalizeLang(lang)]);

/**
 * Loads `lang`'s labels (once per page; a failed load is tried again on the next call) and
 * resolves with its translator. Literal imports, so bundlers split each table off (and the
 * single-file build inlines both).
 */
export function loadLabels(lang) {
  const code = normalizeLang(lang);
  loadingTables[code] ??= (code === 'pt-BR' ? import('./i18n/pt-BR.js') : import('./i18n/en.js')).then(
    (m) => {
      TABLES[code] = m.default;
    },
    (e) => {
      delete loadingTables[code];
      throw e;
    },
  );
  return loadingTables[code].then(() => translator(code));
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
    let value = lookup(TABLES[code], key);
    if (value === undefined) value = lookup(TABLES.en, key);
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
