// The element's styles, as constructable stylesheets (no <style>, no inline style attributes, so
// a page's CSP needs nothing for them). TOKENS and EXPLAIN are shared with the full page, which
// adopts them into its document for the catalogue views; the rest lives in the shadow root only.
//
// Styling hooks for authors: the --smtp-sim-* custom properties below, ::part() names (frame,
// toolbar, state, transcript, line, line-client, line-server, reply-code, message, input, tools,
// explanation, session), and container queries (embeds live in columns, not viewports).
// --smtp-sim-above: what the host page keeps on screen above the element (its own header); the
// log gives that much of its height up, so on a page's first screen the command input is in view
// and autofocus need not scroll the page (index.html sets it).
// The styles of the views loaded on first use (Watch, You are the server, lessons, the lab) are
// in full-ui-style.js, which arrives with them.

/** Colours for both schemes in one place (light-dark follows `theme` through color-scheme). */
const TOKENS = String.raw`
:host, :root {
  color-scheme: light dark;
  --bg: var(--smtp-sim-bg, light-dark(#f3f5f8, #0e1318));
  --card: var(--smtp-sim-card, light-dark(#ffffff, #161d25));
  --text: var(--smtp-sim-fg, light-dark(#18202a, #e4e8ee));
  --muted: light-dark(#5a6472, #9aa5b4);
  --line: light-dark(#dde2e8, #2a3440);
  --focus: light-dark(#2563eb, #7aa7ff);
  --accent: var(--smtp-sim-accent, light-dark(#1f5f8b, #6fb3e0));
  --on-accent: light-dark(#ffffff, #0e1318);
  --client: var(--smtp-sim-client, light-dark(#1d4ed8, #8fb3ff));
  --client-bg: light-dark(#eef3ff, #1a2540);
  --server: var(--smtp-sim-server, var(--text));
  --c2: light-dark(#17703f, #5fd08c);
  --c2-bg: light-dark(#ecf8f0, #14291d);
  --c3: light-dark(#0e6a86, #5cc8e6);
  --c3-bg: light-dark(#e8f6fa, #12262d);
  --c4: light-dark(#8a5800, #f0b453);
  --c4-bg: light-dark(#fdf5e3, #2d2311);
  --c5: var(--smtp-sim-error, light-dark(#b3261e, #ff8a80));
  --c5-bg: light-dark(#fdeeed, #321817);
  --notice-bg: light-dark(#f4f0fb, #231d33);
  --notice: light-dark(#5b3d99, #c5b1f5);
  --disabled: light-dark(#e3e7ec, #252e38);
  --on-disabled: light-dark(#4f5967, #a7b1be);
  --mono: var(--smtp-sim-font-mono, ui-monospace, 'SFMono-Regular', 'Cascadia Mono', 'DejaVu Sans Mono', Menlo, Consolas, monospace);
  --sans: var(--smtp-sim-font, system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Helvetica Neue', Arial, sans-serif);
  --radius: var(--smtp-sim-radius, 12px);
}
.c2 { --cls: var(--c2); --cls-bg: var(--c2-bg); }
.c3 { --cls: var(--c3); --cls-bg: var(--c3-bg); }
.c4 { --cls: var(--c4); --cls-bg: var(--c4-bg); }
.c5 { --cls: var(--c5); --cls-bg: var(--c5-bg); }
.muted { color: var(--muted); }
.small { font-size: .85rem; }
.visually-hidden {
  position: absolute !important;
  width: 1px; height: 1px;
  overflow: hidden;
  clip: rect(0 0 0 0);
  white-space: nowrap;
}
[hidden] { display: none !important; }
`;

/** An explained code, a comparison: the element's Explanation and the page's catalogue. */
const EXPLAIN = String.raw`
.code-head { display: flex; align-items: center; gap: .9rem; }
.code-big { display: flex; gap: .25rem; margin: 0 !important; }
.code-big .digit,
.parts dt .digit {
  display: inline-grid;
  place-items: center;
  font-family: var(--mono);
  font-weight: 700;
  color: var(--cls);
  background: var(--cls-bg);
  border: 1px solid color-mix(in srgb, var(--cls) 35%, transparent);
  border-radius: 8px;
}
.code-big .digit { width: 2.4rem; height: 3rem; font-size: 2rem; }
.code-big .dot { align-self: end; font-family: var(--mono); font-weight: 700; font-size: 1.6rem; color: var(--muted); }
.code-head.enh { --cls: var(--accent); --cls-bg: color-mix(in srgb, var(--accent) 10%, transparent); }
.code-head.enh .digit { width: auto; min-width: 2.4rem; padding: 0 .3rem; }
.code-name { font-size: 1.15rem; font-weight: 700; margin: 0 !important; line-height: 1.25; }
.code-class { color: var(--muted); font-size: .9rem; margin: 0 !important; }
.quote {
  margin: .75rem 0;
  padding: .4rem .65rem;
  background: var(--bg);
  border-radius: 8px;
  font-family: var(--mono);
  font-size: .85rem;
  white-space: pre-wrap;
  word-break: break-word;
}
.context {
  border-left: 4px solid var(--accent);
  background: color-mix(in srgb, var(--accent) 9%, transparent);
  border-radius: 0 8px 8px 0;
  margin: .9rem 0;
  padding: .65rem .9rem;
}
.context p { margin: 0 !important; }
.context-label { font-size: .75rem; font-weight: 700; text-transform: uppercase; letter-spacing: .06em; color: var(--accent); }
.context-text { font-size: 1.05rem; font-weight: 500; line-height: 1.45; }
.parts { display: grid; grid-template-columns: auto 1fr; gap: .6rem .8rem; margin: 0; align-items: start; }
.parts dt { display: flex; flex-direction: column; align-items: center; gap: .1rem; }
.parts dt .digit { min-width: 2rem; height: 2rem; padding: 0 .35rem; }
.parts .pattern { font-family: var(--mono); font-size: .7rem; color: var(--muted); }
.parts dd { margin: 0; }
.part-name { font-weight: 600; margin: 0 0 .1rem !important; }
.part-label { color: var(--muted); font-weight: 400; }
.part-meaning { margin: 0 !important; color: var(--text); }
.chips { display: flex; flex-wrap: wrap; gap: .3rem; margin: 0 0 .5rem !important; }
.chips .cmd {
  padding: .05rem .45rem;
  border-radius: 5px;
  background: var(--bg);
  border: 1px solid var(--line);
  font-family: var(--mono);
  font-size: .8rem;
}
.code-chip { font-family: var(--mono); color: var(--cls); }
.confusions { list-style: none; margin: 0; padding: 0; }
.confusions li { margin-bottom: .6rem; }
.confusion {
  display: flex;
  width: 100%;
  flex-wrap: wrap;
  align-items: baseline;
  gap: .35rem;
  padding: .2rem .6rem;
  background: var(--cls-bg);
  color: var(--text);
  border: 1px solid color-mix(in srgb, var(--cls) 40%, transparent);
  border-radius: 8px;
  font: inherit;
  font-weight: 600;
  text-align: left;
  cursor: pointer;
}
.confusion:disabled { cursor: default; }
.confusion:hover:enabled { border-color: var(--cls); }
.confusion .code-chip { font-weight: 700; }
.compare-cue { font-weight: 400; font-size: .8rem; color: var(--muted); margin-left: auto; white-space: nowrap; }
.compare-cue::before { content: '⇄ '; }
.confusion-why { margin: .25rem 0 0 !important; font-size: .92rem; }
ul.wild { list-style: none; padding: 0; margin: 0; }
ul.wild li { margin-bottom: .45rem; }
ul.wild .wild-server { display: block; font-size: .8rem; color: var(--muted); font-weight: 600; }
ul.wild code { display: block; padding: .2rem .45rem; background: var(--bg); border-radius: 6px; font-size: .82rem; white-space: pre-wrap; word-break: break-word; }
.rfc { font-size: .9rem; margin-top: 1rem !important; }
.rfc-label { font-weight: 600; }
a { color: var(--accent); }
details.more > summary { cursor: pointer; font-weight: 600; color: var(--accent); margin: .5rem 0; }

.note {
  border-left: 4px solid var(--notice);
  background: var(--notice-bg);
  border-radius: 0 8px 8px 0;
  padding: .6rem .9rem;
  margin: .25rem 0 .75rem;
  max-width: 80ch;
}
.note p { margin: 0 !important; }
`;

/** The element: frame, layouts, the session views. */
const ELEMENT = String.raw`
:host {
  display: block;
  contain: content;
  color: var(--text);
  font: var(--smtp-sim-font-size, 16px)/1.5 var(--sans);
  text-align: left;
}
:host([hidden]) { display: none; }
:host([theme='light']) { color-scheme: light; }
:host([theme='dark']) { color-scheme: dark; }
:host([layout='compact']) { height: var(--smtp-sim-height, 30rem); }
* { box-sizing: border-box; }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
code, pre, .transcript, input#command { font-family: var(--mono); }
h2, h3 { line-height: 1.25; }

select, button, input, textarea { font: inherit; color: inherit; }
select {
  max-width: 100%;
  padding: .4rem .6rem;
  border: 1px solid var(--line);
  border-radius: 8px;
  background: var(--card);
}
button {
  cursor: pointer;
  border-radius: 8px;
  border: 1px solid transparent;
  padding: .45rem .9rem;
  background: var(--accent);
  color: var(--on-accent);
  font-weight: 600;
}
button.secondary { background: transparent; color: var(--text); border-color: var(--line); }
button.secondary.attention { background: var(--accent); color: var(--on-accent); border-color: var(--accent); }
/* Finished or unavailable: flat, grey and not clickable-looking, unlike the active buttons. */
button:disabled,
button.secondary:disabled {
  cursor: not-allowed;
  background: var(--disabled);
  color: var(--on-disabled);
  border-color: var(--disabled);
  box-shadow: none;
}
button.small { font-size: .8rem; padding: .2rem .6rem; }
button.link { background: none; border: 0; padding: 0; color: var(--accent); font-weight: 600; text-decoration: underline; }

.frame {
  container: smtp-sim / inline-size;
  height: 100%;
  display: flex;
  flex-direction: column;
}
/* Waiting a moment for the module (smtp-sim.js, PENDING_MS): the room of the page's placeholder,
   with its pulse (opacity only: the compositor runs it, no layout or paint per frame). */
/* Its labels not loaded yet (smtp-sim.js): its room kept, nothing of it shown. */
/* Its layout's rules not loaded yet (layout-style.js): likewise. */
.frame.unlabelled > *, .frame.unlaid > * { visibility: hidden; }
.frame.pending { min-height: 10rem; border-radius: 12px; background: color-mix(in srgb, var(--text) 6%, transparent); animation: pending 1.4s ease-in-out infinite alternate; }
.frame.pending > * { display: none; }
@keyframes pending { to { opacity: .45; } }
@media (prefers-reduced-motion: reduce) { .frame.pending { animation: none; } }
.loading { margin: 0; padding: .75rem 1rem; border: 1px dashed var(--line); border-radius: var(--radius); color: var(--text); background: var(--card); }
.loading.error { color: var(--c5); border-color: var(--c5); }
.command-form .loading { margin-top: .35rem; }
.grid { display: grid; grid-template-columns: minmax(0, 1fr); gap: 1.25rem; align-items: start; min-height: 0; flex: 1; }
@container smtp-sim (min-width: 860px) {
  .frame[data-layout='full'] .grid { grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); }
  .frame[data-layout='full'] .explanation { position: sticky; top: 1rem; max-height: calc(100vh - 2rem); overflow-y: auto; }
}
.frame.no-explain .grid { grid-template-columns: minmax(0, 1fr) !important; }
.panel-off { display: none !important; }
.readonly [data-panel='input'], .readonly [data-panel='tools'] { display: none !important; }

.card, .view {
  background: var(--card);
  border: 1px solid var(--line);
  border-radius: var(--radius);
  padding: 1rem;
  box-shadow: 0 1px 2px rgb(0 0 0 / .04);
  min-width: 0;
}
.explanation h2 { margin: 0 0 .75rem; font-size: 1.1rem; }
.explanation h3 { font-size: .8rem; text-transform: uppercase; letter-spacing: .06em; color: var(--muted); margin: 1rem 0 .3rem; }
.explanation p { margin: 0 0 .5rem; }

/* Session toolbar and state */
.toolbar {
  display: flex;
  flex-wrap: wrap;
  align-items: end;
  gap: .6rem 1rem;
  padding-bottom: .75rem;
  border-bottom: 1px solid var(--line);
}
.toolbar .field { flex: 0 1 auto; min-width: 0; }
.toolbar .reset { margin-left: auto; }
.field { display: flex; flex-direction: column; gap: .2rem; min-width: 0; }
.field label { font-size: .8rem; font-weight: 600; color: var(--muted); }
.check { display: flex; align-items: center; gap: .35rem; font-size: .9rem; }
.check input { width: 1.1rem; height: 1.1rem; }
.state { padding-top: .75rem; }
.state p { margin: 0; }
.state-now { font-size: .95rem; }
/* Its line as tall before the session as with the commands' chips in it: the input below does not
   move when the greeting comes. */
.allowed { font-size: .85rem; line-height: 1.7; color: var(--muted); margin-top: .35rem !important; }
.allowed .cmd-words { display: inline-block; margin: 0 .35rem 0 0; font-style: italic; }
.allowed .cmd {
  display: inline-block;
  line-height: 1.3;
  margin: 0 .2rem 0 0;
  padding: 0 .35rem;
  border-radius: 5px;
  background: var(--bg);
  border: 1px solid var(--line);
  color: var(--text);
  font-size: .8rem;
}
.stepper { list-style: none; display: flex; margin: .5rem 0 0; padding: 0; font-size: .75rem; }
.stepper li {
  flex: 1;
  position: relative;
  padding-top: 1.1rem;
  text-align: center;
  color: var(--muted);
  white-space: nowrap;
  overflow: hidden;
  text-overflow: ellipsis;
}
.stepper li::before { content: ''; position: absolute; top: .3rem; left: 0; right: 0; height: 4px; background: var(--line); }
.stepper li::after {
  content: '';
  position: absolute;
  top: 0; left: calc(50% - 6px);
  width: 12px; height: 12px;
  border-radius: 50%;
  background: var(--card);
  border: 2px solid var(--line);
}
.stepper li.done::before, .stepper li.current::before { background: var(--accent); }
.stepper li.done::after { background: var(--accent); border-color: var(--accent); }
.stepper li.current { color: var(--text); font-weight: 700; }
.stepper li.current::after { border-color: var(--accent); background: var(--card); box-shadow: 0 0 0 3px color-mix(in srgb, var(--accent) 30%, transparent); }

/* Transcript */
.transcript-head { display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between; gap: .3rem .75rem; margin-top: .75rem; }
.transcript-head h2, .transcript-head h3 { font-size: .8rem; text-transform: uppercase; letter-spacing: .06em; color: var(--muted); margin: 0; }
.head-tools { display: flex; align-items: center; gap: .75rem; }
.head-tools .check { font-size: .85rem; }
.transcript {
  list-style: none;
  margin: .35rem 0 .75rem;
  padding: .5rem;
  min-height: 9rem;
  height: clamp(9rem, calc(100vh - 30rem - var(--smtp-sim-above, 0px)), 40rem);
  overflow-y: auto;
  background: var(--bg);
  border-radius: 10px;
  font-size: .9rem;
  display: flex;
  flex-direction: column;
  gap: .35rem;
}
.sim-log { height: clamp(14rem, calc(100vh - 26rem - var(--smtp-sim-above, 0px)), 36rem); }
.entry { max-width: 92%; }
.who { color: var(--muted); margin-right: .6rem; user-select: none; white-space: pre; }
.text { white-space: pre-wrap; word-break: break-word; }
/* CR and LF drawn as small text badges (fonts often lack the Control Pictures glyphs). */
.eol { display: none; margin-left: .3rem; gap: .15rem; vertical-align: baseline; }
.show-eol .eol { display: inline-flex; }
.eol-mark {
  font-family: var(--sans);
  font-size: .68rem;
  font-weight: 700;
  letter-spacing: .03em;
  line-height: 1.1;
  padding: 0 .25rem;
  border-radius: 4px;
  color: var(--muted);
  border: 1px solid var(--line);
  background: var(--card);
}
.entry.client {
  align-self: flex-end;
  background: var(--client-bg);
  color: var(--text);
  border: 1px solid color-mix(in srgb, var(--client) 25%, transparent);
  border-radius: 10px 10px 2px 10px;
  padding: .3rem .65rem;
}
.entry.client .who { color: var(--client); font-weight: 700; }
.entry.client.data { border-style: dashed; }
.entry.server { align-self: flex-start; }
.reply {
  display: block;
  width: 100%;
  text-align: left;
  font: inherit;
  font-family: var(--mono);
  font-weight: 400;
  color: var(--server);
  background: var(--card);
  border: 1px solid var(--line);
  border-left: 4px solid var(--cls);
  border-radius: 2px 10px 10px 10px;
  padding: .3rem .65rem;
}
.reply .who { color: var(--cls); font-weight: 700; }
.wire-line { display: block; }
.reply .annotation { display: block; font-family: var(--sans); font-size: .8rem; color: var(--muted); margin-top: .1rem; }
.reply:hover { background: var(--cls-bg); }
.reply[aria-pressed='true'] { background: var(--cls-bg); box-shadow: 0 0 0 2px var(--cls); }
.entry.notice {
  align-self: center;
  font-family: var(--sans);
  font-size: .85rem;
  color: var(--notice);
  background: var(--notice-bg);
  border-radius: 999px;
  padding: .15rem .8rem;
  text-align: center;
}
.entry.notice.error { color: var(--c5); background: var(--c5-bg); border-radius: 10px; }
.entry.notice.drift { color: var(--c4); background: var(--c4-bg); border-radius: 10px; }
.entry.notice.warning { align-self: stretch; max-width: none; text-align: left; border-radius: 10px; padding: .4rem .75rem; border-left: 4px solid var(--notice); }
.notice-title { display: block; }
.notice-facts { color: var(--muted); font-size: .8rem; }
.rule { display: block; font-family: var(--sans); font-size: .75rem; color: var(--muted); margin-top: .1rem; }

/* Command input */
.command-form > label { display: block; font-weight: 600; font-size: .9rem; margin-bottom: .25rem; }
.command-row {
  display: flex;
  align-items: center;
  gap: .5rem;
  border: 2px solid var(--line);
  border-radius: 10px;
  padding: .25rem .25rem .25rem .75rem;
  background: var(--card);
}
.command-row:focus-within { border-color: var(--focus); }
.command-row .prompt { color: var(--client); font-family: var(--mono); font-weight: 700; }
.command-row input { flex: 1; min-width: 0; border: 0; background: transparent; padding: .45rem 0; font-size: 1rem; outline: none; }
.in-data .command-row { border-style: dashed; border-color: var(--c3); }
.data-mode { margin: 0 0 .5rem; padding: .4rem .7rem; border-radius: 8px; background: var(--c3-bg); color: var(--text); border-left: 4px solid var(--c3); font-size: .9rem; }
.hint { margin: .35rem 0 0; font-size: .85rem; color: var(--muted); }
.pasted:empty { display: none; }
.pasted { margin: .35rem 0 0; font-size: .85rem; color: var(--notice); }
.suggestions { display: flex; flex-wrap: wrap; align-items: center; gap: .4rem; margin-top: .5rem; font-size: .85rem; }
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

/* Tools under the input: the script and the AUTH helper (their bodies: modes/client-tools.js) */
.tools { display: grid; gap: .5rem; margin-top: .75rem; }
.tool { border: 1px solid var(--line); border-radius: 10px; padding: .4rem .75rem; }
.tool > summary { cursor: pointer; font-weight: 600; font-size: .9rem; }
.tool[open] > summary { margin-bottom: .4rem; }

/* Narrow containers (phones, columns): the input comes sooner, controls wrap. */
@container smtp-sim (max-width: 560px) {
  .card, .view { padding: .75rem; }
  .toolbar { gap: .4rem .6rem; padding-bottom: .5rem; }
  .toolbar .field label { font-size: .75rem; }
  .toolbar select { padding: .3rem .4rem; font-size: .9rem; }
  .allowed { display: none; }
  .transcript { height: clamp(7rem, 30vh, 24rem); }
  .stepper { font-size: .68rem; }
}

/* The compact and inline layouts' rules are in layout-style.js, adopted when an element uses one. */

/* Why the last command was refused, under the state diagram. */
.refused-why { margin: .3rem 0; padding: .3rem .6rem; border-left: 4px solid var(--c5); background: var(--c5-bg); color: var(--text); font-size: .85rem; }

/* The message panel's rules are in modes/client-message.js, which builds it. */

/* The limits under the command box. */
.limits { display: flex; flex-wrap: wrap; gap: .2rem .8rem; margin: .2rem 0 0; font-size: .75rem; color: var(--muted); font-family: var(--mono); }
.limits .limit.over { color: var(--c5); font-weight: 700; }

/* The bytes as sent (the client mode) and the lab's ribbon. */
.tok.ctl { font-weight: 700; color: var(--accent); }
`;

let cache = null;

function sheet(text) {
  const s = new CSSStyleSheet();
  s.replaceSync(text);
  return s;
}

function sheets() {
  if (!cache) {
    cache = { tokens: sheet(TOKENS), explain: sheet(EXPLAIN), element: sheet(ELEMENT) };
    // Where a component loaded later puts its own sheet (components/comparison.js), without
    // importing this module (which would split the bundles' shared chunks once more).
    cache.explain[Symbol.for('smtp-sim.entries')] = true;
  }
  return cache;
}

/** The stylesheets of an element's shadow root (shared by every element on the page). */
export function elementSheets() {
  const s = sheets();
  return [s.tokens, s.explain, s.element];
}

/** The stylesheets the full page adopts for its catalogue views (the same tokens and entries). */
export function pageSheets() {
  const s = sheets();
  return [s.tokens, s.explain];
}
