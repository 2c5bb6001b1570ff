// The reply-code catalogue on the full page: one card with three tabs (Compare, Reference,
// Explain a real reply). Each tab lives in its own module; this one holds the tab behaviour
// (WAI-ARIA tabs: arrow keys, Home/End) and what the page asks of them.

import { startCompare } from './compare.js';
import { startReference } from './reference.js';
import { startRealReply } from './real-reply.js';
import { adoptCatalogStyle } from './style.js';

export const TABS = ['compare', 'reference', 'real-reply'];

/** `app` gives the page's translator and language. */
export function startCatalog(app) {
  adoptCatalogStyle();
  const card = document.getElementById('catalog');
  const tabs = TABS.map((id) => document.getElementById(`tab-${id}`));
  const panels = TABS.map((id) => document.getElementById(id));
  const compare = startCompare(panels[0], app);
  const openCompare = (a, b) => {
    compare.choose(a, b);
    show('compare', 'panel');
  };
  // Reference (every code and enhanced code) and Explain a real reply are built when first shown:
  // most visits never open them, and building them held the page's main thread after it loaded.
  const makers = {
    reference: () => startReference(panels[1], app, openCompare),
    'real-reply': () => startRealReply(panels[2], app, openCompare),
  };
  const views = { compare };
  const view = (id) => {
    if (!views[id]) {
      views[id] = makers[id]();
      views[id].relabel();
    }
    return views[id];
  };
  let current = 'compare';

  /** Shows one tab's panel; `focus` moves focus to the tab (keyboard) or the panel (links). */
  function show(id, focus = null) {
    const at = Math.max(0, TABS.indexOf(id));
    current = TABS[at];
    tabs.forEach((tab, i) => {
      tab.setAttribute('aria-selected', String(i === at));
      tab.tabIndex = i === at ? 0 : -1;
      panels[i].hidden = i !== at;
    });
    view(current).shown?.();
    if (focus === 'tab') tabs[at].focus();
    if (focus === 'panel') {
      card.scrollIntoView({ block: 'start' });
      panels[at].focus({ preventScroll: true });
    }
  }

  tabs.forEach((tab, i) => {
    tab.addEventListener('click', () => show(TABS[i]));
    tab.addEventListener('keydown', (e) => {
      const to = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: TABS.length - 1 }[e.key];
      if (to === undefined) return;
      e.preventDefault();
      show(TABS[(to + TABS.length) % TABS.length], 'tab');
    });
  });

  show('compare');
  for (const v of Object.values(views)) v.relabel();
  return {
    show,
    openCompare,
    get current() {
      return current;
    },
    /** A code the learner looked at in the session (Compare follows the last two). */
    seen: (code) => compare.seen(code),
    relabel() {
      for (const v of Object.values(views)) v.relabel();
    },
  };
}
