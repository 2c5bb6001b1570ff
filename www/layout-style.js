// The compact and inline layouts' rules (`layout="compact"`, `layout="inline"`): the element
// adopts this sheet after its own (element-style.js) when it first shows one of those layouts, so
// the default layout's first load does not carry them (bench/RESULTS.md §35). Until it is in, the
// frame keeps its room and shows nothing (`.frame.unlaid`), so no full layout flashes in a small box.

const LAYOUTS = String.raw`
/* Compact: the reply and its explanation side by side in a small box (600×480 and up). */
.frame[data-layout='compact'] .grid, .frame[data-layout='inline'] .grid { gap: .6rem; }
.frame[data-layout='compact'] .grid { grid-template-rows: minmax(0, 1fr); align-items: stretch; }
.frame[data-layout='compact'] .views { min-height: 0; height: 100%; display: flex; flex-direction: column; }
.frame[data-layout='compact'] .view { flex: 1 1 0; min-height: 0; display: flex; flex-direction: column; padding: .6rem; overflow: hidden; }
.frame[data-layout='compact'] .explanation { height: 100%; min-height: 0; overflow-y: auto; padding: .6rem .75rem; }
.frame[data-layout='compact'] .explanation h2 { display: none; }
.frame[data-layout='compact'] .transcript { flex: 1 1 0; height: auto; min-height: 3rem; margin: .3rem 0; }
.frame[data-layout='compact'] :is(.state, .tools, .suggestions, .hint, .message-panel, .transcript-head) { display: none !important; }
.frame[data-layout='compact'] .toolbar { flex-wrap: nowrap; padding-bottom: .4rem; gap: .3rem; }
.frame[data-layout='compact'] .toolbar .field { flex: 1 1 0; }
.frame[data-layout='compact'] .toolbar .field label { display: none; }
.frame[data-layout='compact'] .toolbar :is(select, button) { font-size: .85rem; padding: .3rem .45rem; }
.frame[data-layout='compact'] .command-form > label { font-size: .8rem; margin-bottom: .1rem; }
.frame[data-layout='compact'] .code-big .digit { width: 1.8rem; height: 2.3rem; font-size: 1.5rem; }
.frame[data-layout='compact'] .context { margin: .5rem 0; padding: .4rem .6rem; }
.frame[data-layout='compact'] .context-text { font-size: .95rem; }
@container smtp-sim (min-width: 520px) {
  .frame[data-layout='compact'] .grid { grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); }
}
@container smtp-sim (max-width: 519px) {
  .frame[data-layout='compact'] .grid { grid-template-rows: minmax(0, 3fr) minmax(0, 2fr); }
}
/* Inline: one input, the replies, and the explanation's first lines, for a paragraph of prose. */
.frame[data-layout='inline'] :is(.toolbar, .state, .tools, .suggestions, .hint, .message-panel, .transcript-head, .explanation h2) { display: none !important; }
.frame[data-layout='inline'] .transcript { height: auto; max-height: 8rem; min-height: 3rem; }
`;

let cache = null;

/** The layouts' stylesheet (shared by every element on the page). */
export function layoutSheet() {
  if (!cache) {
    cache = new CSSStyleSheet();
    cache.replaceSync(LAYOUTS);
  }
  return cache;
}
