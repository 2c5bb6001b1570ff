// The full page: one <smtp-sim> (the modes) and the reply-code catalogue around it. The page owns
// the address (#client, #watch, #server, #compare, #reference, #real-reply), the language select
// and the page's own labels; the element owns the session. They talk through the element's
// attributes (state in) and its events (out): no document-level events between modes.

import './smtp-sim.js';
import { addLabels, applyLabels, hasLabels, loadLabels, normalizeLang, translator } from './i18n.js';
import { pageSheets } from './element-style.js';
import { covers, isLoaded, onTexts, useLanguage } from './engine.js';
import { LANGUAGE_KEY, PAGE_MODES as MODES, pageLanguage } from './first-load.js';

// The page's own labels (around the element, the catalogue): named here, so the element alone
// never fetches them.
addLabels('page', { en: () => import('./i18n/en-page.js'), 'pt-BR': () => import('./i18n/pt-BR-page.js') }).catch(() => {});

// The page's catalogue shows the same entries as the element: the same tokens and styles.
document.adoptedStyleSheets = [...pageSheets(), ...document.adoptedStyleSheets];

const sim = document.getElementById('session');
const select = document.getElementById('language');
/** The catalogue's tabs, as index.html lists them (compare, reference, real-reply). */
const TABS = [...document.querySelectorAll('#catalog [role="tab"]')].map((tab) => tab.getAttribute('aria-controls'));
// The language early.js started the module and labels in (first-load.js decides for both).
let t = translator(pageLanguage());
const app = {
  get t() {
    return t;
  },
  get lang() {
    return t.lang;
  },
};
let catalog = null;
// Entries the catalogue showed before its texts file arrived (engine.js "Texts"): shown again,
// unless a language switch is under way (it relabels when done).
onTexts(() => {
  if (t.lang === wanted && covers(wanted)) catalog?.relabel();
});

/** The language last chosen (the page may still show the previous one while it loads). */
let wanted = t.lang;

/**
 * Switches the page to `lang`. <html lang> changes at once and the element follows it by itself;
 * the page's labels and its catalogue change together once `lang`'s labels are loaded and, when
 * the module already runs, the module holds `lang`'s texts: no moment in the other language.
 */
function setLanguage(lang, remember = true) {
  const code = normalizeLang(lang);
  wanted = code;
  select.value = code;
  document.documentElement.lang = code;
  if (remember) {
    try {
      localStorage.setItem(LANGUAGE_KEY, code);
    } catch {
      // Not remembered, still switched.
    }
  }
  const held = covers(code);
  const module = useLanguage(document, code);
  const waits = [loadLabels(code)];
  if (isLoaded() && !held) waits.push(module);
  // A module that fails to load leaves the catalogue's texts as they were: the labels follow anyway.
  Promise.allSettled(waits).then(([labels]) => {
    if (wanted !== code) return;
    if (!hasLabels(code)) {
      // The views' labels became wanted meanwhile (a mode loading): those too, then.
      if (labels.status === 'fulfilled') setLanguage(code, false);
      return;
    }
    t = translator(code);
    applyLabels(document, t);
    document.title = t('title');
    catalog?.relabel();
  });
}

/** Marks the nav link of where the address points; the mode in use keeps a lighter mark. */
function markNav(current) {
  for (const a of document.querySelectorAll('nav.modes a')) {
    const name = a.dataset.mode ?? a.dataset.tab;
    const on = name === current;
    a.classList.toggle('current', on);
    a.classList.toggle('mode-on', !on && a.dataset.mode === sim.mode);
    if (on) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
}

/** A share link's payload in the address (`#s=1.z.…`), or null. */
const sharedState = () => (location.hash.startsWith('#s=') ? location.hash.slice(3) : null);

/** Follows the address: a mode switches the element, a tab opens in the catalogue, a share link replays. */
function route({ scroll = false } = {}) {
  const hash = location.hash.slice(1);
  if (sharedState()) {
    sim.mode = 'client';
    sim.state = sharedState();
    markNav('client');
  } else if (MODES.includes(hash)) {
    sim.mode = hash;
    markNav(hash);
    if (scroll) sim.scrollIntoView({ block: 'nearest' });
  } else if (TABS.includes(hash)) {
    // Before the catalogue's code is in, loading it routes again.
    if (catalog) catalog.show(hash, 'panel');
    else loadCatalog();
    markNav(hash);
  } else {
    markNav(sim.mode);
  }
}

/** To the session: the element in view and its input focused (skip link, "Back to the session"). */
function toSession(e) {
  e.preventDefault();
  if (location.hash.slice(1) !== sim.mode) history.replaceState(null, '', `#${sim.mode}`);
  markNav(sim.mode);
  sim.scrollIntoView({ block: 'start' });
  sim.focus({ preventScroll: true });
}

setLanguage(t.lang, false);
if (MODES.includes(location.hash.slice(1))) sim.mode = location.hash.slice(1);
// A share link opens the client mode replaying the session it carries (the element reads `state`).
if (sharedState()) {
  sim.mode = 'client';
  sim.state = sharedState();
}
markNav(sim.mode);
select.addEventListener('change', () => setLanguage(select.value));
for (const a of document.querySelectorAll('a.skip, a.back')) a.addEventListener('click', toSession);
window.addEventListener('hashchange', () => route({ scroll: true }));
// Compare follows the codes the learner looks at, and opens on a "compare with" in the session.
sim.addEventListener('smtp-select', (e) => {
  if (catalog) catalog.seen(e.detail.code);
  else seenCodes = [...seenCodes, e.detail.code].slice(-2);
});
sim.addEventListener('smtp-compare', (e) => {
  e.preventDefault();
  loadCatalog().then((c) => {
    c.openCompare(e.detail.a, e.detail.b);
    markNav('compare');
  });
});

/**
 * Runs `fn` once the browser has painted the current frame (or after 100 ms when no frame comes,
 * e.g. in a background tab): work queued there does not delay the first usable frame.
 */
function afterPaint(fn) {
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    fn();
  };
  requestAnimationFrame(() => setTimeout(once));
  setTimeout(once, 100);
}

/** The last two codes the learner looked at before the catalogue's code was in (Compare follows them). */
let seenCodes = [];
let catalogCode = null;

/**
 * The catalogue (Compare, Reference, Explain a real reply): its code and its texts are fetched on
 * first use — the address names one of its tabs, a link or tab is followed, a "compare with" in
 * the session, or the catalogue scrolls into view — not with the page, which needs only the
 * session. Resolves to the catalogue.
 */
function loadCatalog() {
  catalogCode ??= import('./catalog/tabs.js').then(({ startCatalog }) => {
    catalog ??= startCatalog(app);
    for (const code of seenCodes) catalog.seen(code);
    route();
    return catalog;
  });
  return catalogCode;
}

const catalogSection = document.getElementById('catalog');
// A tab focused, pressed or clicked before the code is in: load it, then hand the tab the key or
// click it missed (its own handlers take over from there).
catalogSection.addEventListener('focusin', () => loadCatalog(), { once: true });
const beforeCatalog = (e) => {
  const tab = catalog ? null : e.target.closest?.('[role="tab"]');
  if (!tab) return;
  e.preventDefault();
  const missed = e.type === 'click' ? new MouseEvent('click', e) : new KeyboardEvent('keydown', e);
  loadCatalog().then(() => tab.dispatchEvent(missed));
};
catalogSection.addEventListener('click', beforeCatalog);
catalogSection.addEventListener('keydown', beforeCatalog);

sim.ready.then(() => {
  document.getElementById('app').setAttribute('aria-busy', 'false');
  if (TABS.includes(location.hash.slice(1))) {
    loadCatalog();
    return;
  }
  // Its panels entering the viewport (the header may already show below the session).
  const panels = catalogSection.querySelector('[role="tabpanel"]:not([hidden])') ?? catalogSection;
  const near = new IntersectionObserver((entries) => {
    if (!entries.some((e) => e.isIntersecting)) return;
    near.disconnect();
    afterPaint(loadCatalog);
  });
  near.observe(panels);
});
