// The styles of the catalogue's tabs (Compare, Reference, Explain a real reply): they come with
// the catalogue's code, on its first use, instead of in every first load's style.css.

const CATALOG = String.raw`
button.secondary { background: transparent; color: var(--text); border-color: var(--line); }
button.link { background: none; border: 0; padding: 0; color: var(--accent); font-weight: 600; text-decoration: underline; }
.chip {
  font-family: var(--mono);
  font-weight: 400;
  font-size: .8rem;
  min-height: 2rem;
  padding: .2rem .6rem;
  border-radius: 999px;
  background: var(--bg);
  color: var(--text);
  border: 1px solid var(--line);
}
.chip:hover { border-color: var(--accent); }
.chip[aria-pressed='true'] { background: var(--accent); color: var(--card); border-color: var(--accent); }
.catalog h3.compare-title { font-size: 1.3rem; text-transform: none; letter-spacing: 0; color: var(--text); margin: .25rem 0 .4rem; }
.pairs-row { display: flex; flex-wrap: wrap; align-items: center; gap: .4rem .6rem; margin: .5rem 0 0; }
.pairs-label { font-size: .85rem; font-weight: 600; color: var(--muted); }
.pairs { display: flex; flex-wrap: wrap; gap: .35rem; }

/* Compare */
.compare-controls { display: flex; flex-wrap: wrap; align-items: end; gap: .5rem .75rem; }
.compare-controls .field { flex: 1 1 16rem; max-width: 30rem; }
.code-select { width: 100%; font-family: var(--mono); }
.swap { font-size: 1.1rem; padding: .3rem .7rem; }
.compare-source { font-size: .9rem; color: var(--muted); margin-top: .5rem !important; }
.comparison { margin-top: 1rem; border-top: 1px solid var(--line); padding-top: .75rem; }

/* Reference */
.ref-search { max-width: 36rem; }
.ref-search input {
  padding: .5rem .7rem;
  border: 2px solid var(--line);
  border-radius: 10px;
  background: var(--card);
  font-size: 1rem;
}
.ref-search input:focus { border-color: var(--focus); outline: none; }
.ref-count { font-size: .85rem; color: var(--muted); margin: .2rem 0 0 !important; }
.ref-grid { display: grid; grid-template-columns: minmax(0, 2fr) minmax(0, 3fr); gap: 1.25rem; margin-top: .75rem; align-items: start; }
@media (max-width: 900px) { .ref-grid { grid-template-columns: minmax(0, 1fr); } }
.ref-lists { max-height: 75vh; overflow-y: auto; padding-right: .25rem; }
@media (max-width: 900px) { .ref-lists { max-height: 50vh; } }
.catalog h3.ref-list-title { margin-top: .5rem; }
.ref-list { list-style: none; margin: 0 0 .75rem; padding: 0; }
.ref-item { border-bottom: 1px solid var(--line); padding: .3rem 0; }
.ref-open {
  width: 100%;
  text-align: left;
  background: transparent;
  color: var(--text);
  padding: .25rem .4rem;
  font-weight: 600;
}
.ref-open:hover { background: var(--cls-bg, var(--bg)); }
.ref-open[aria-current='true'] { background: var(--cls-bg, var(--bg)); box-shadow: inset 4px 0 0 var(--cls, var(--accent)); }
.ref-open .code-chip { font-family: var(--mono); color: var(--cls, var(--accent)); margin-right: .3rem; }
.ref-list.enhanced .code-chip { color: var(--accent); }
.ref-summary {
  margin: 0 .4rem .1rem !important;
  font-size: .82rem;
  color: var(--muted);
  display: -webkit-box;
  -webkit-line-clamp: 2;
  -webkit-box-orient: vertical;
  overflow: hidden;
}
.ref-entry { position: sticky; top: 1rem; border-left: 1px solid var(--line); padding-left: 1.25rem; min-height: 10rem; }
.ref-entry:focus { outline: none; }
@media (max-width: 900px) { .ref-entry { position: static; border-left: 0; padding-left: 0; border-top: 1px solid var(--line); padding-top: .75rem; } }
.catalog .code-head h3.code-name { font-size: 1.2rem; text-transform: none; letter-spacing: 0; color: var(--text); margin: 0; }
.placeholder { padding: 1rem 0; }

/* Explain a real reply */
.real-field textarea {
  width: 100%;
  font-family: var(--mono);
  font-size: 1rem;
  padding: .5rem .7rem;
  border: 2px solid var(--line);
  border-radius: 10px;
  background: var(--card);
  color: var(--text);
  resize: vertical;
}
.real-field textarea:focus { border-color: var(--focus); outline: none; }
.real-field label { font-size: .9rem; color: var(--text); }
.real-row { display: flex; flex-wrap: wrap; align-items: end; gap: .6rem 1rem; margin-top: .6rem; }
.real-result { margin-top: 1rem; border-top: 1px solid var(--line); padding-top: .75rem; max-width: 60rem; }
.real-facts { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; margin: 0; }
.real-facts dt { color: var(--muted); font-size: .9rem; }
.real-facts dd { margin: 0; font-weight: 700; }
.real-facts .code-chip { font-family: var(--mono); color: var(--cls); }
.real-facts .cmd-text { font-family: var(--mono); font-weight: 400; }
.catalog h4.sub { font-size: .8rem; color: var(--muted); margin: .75rem 0 .25rem; }
.real-lines { margin: 0; padding: .4rem .5rem .4rem 2.2rem; background: var(--bg); border-radius: 8px; font-family: var(--mono); font-size: .85rem; }
.real-lines li { white-space: pre-wrap; word-break: break-word; }
.real-lines li::marker { color: var(--muted); }
.real-warnings { list-style: none; padding: 0; margin: 0; }
.real-warnings li { border-left: 4px solid var(--c3); background: var(--c3-bg); border-radius: 0 8px 8px 0; padding: .45rem .8rem; margin-bottom: .5rem; }
.real-warnings li.rule { border-left-color: var(--c5); background: var(--c5-bg); }
.real-warnings p { margin: .15rem 0 0 !important; }
.badge { display: inline-block; font-size: .72rem; font-weight: 700; text-transform: uppercase; letter-spacing: .05em; padding: .05rem .5rem; border-radius: 999px; color: var(--card); background: var(--c3); }
.real-warnings .rule .badge { background: var(--c5); }
.warning-rule { font-size: .8rem; color: var(--muted); }
.real-clean { border-left: 4px solid var(--c2); background: var(--c2-bg); padding: .45rem .8rem; border-radius: 0 8px 8px 0; }
.real-error { border-left: 4px solid var(--c4); background: var(--c4-bg); padding: .45rem .8rem; border-radius: 0 8px 8px 0; }
`;

/**
 * Adds the catalogue's sheet to the document, before the adopted ones (the entries' tokens and
 * styles), where these rules stood in style.css: the same cascade as before.
 */
export function adoptCatalogStyle() {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(CATALOG);
  document.adoptedStyleSheets = [sheet, ...document.adoptedStyleSheets];
}
