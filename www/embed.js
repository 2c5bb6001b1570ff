// embed.html: one <smtp-sim> configured by the address's hash, for sites that strip <script> and
// can only frame a page. Its events and its height go to the parent with postMessage, to the
// parent's origin only; messages from the parent are obeyed only from that origin and window.
// It reads its own hash once and never writes any location. (embed.html itself carries no
// comment: this one and README's "Where scripts are stripped" are its documentation.)
//   e.g.       embed.html#mode=server&lang=pt-BR&layout=compact&origin=https://your.site
//
//   hash:      mode, persona, lang, layout, theme, panels, readonly, transcript, state, speed,
//              autoplay; origin (the parent's origin, required when the browser cannot tell it)
//   out:       { type: 'smtp-sim', event: 'smtp-reply', detail }  (every smtp-* event)
//              { type: 'smtp-sim:height', px }
//   in:        { type: 'smtp-sim:send', line }, { type: 'smtp-sim:reset' },
//              { type: 'smtp-sim:set', name, value } (one of the attributes above)

import './smtp-sim.js';

// The frame's own rules, here rather than in a stylesheet of their own (one request and 182 B
// gzipped less: bench/RESULTS.md §41; a constructed sheet is not inline style to the CSP). The
// element fills the frame; nothing else is on the page, and nothing shows before this runs.
const sheet = new CSSStyleSheet();
sheet.replaceSync(
  "html, body { margin: 0; background: transparent; } body { padding: 1px; } smtp-sim[layout='compact'] { --smtp-sim-height: calc(100vh - 2px); }",
);
document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];

const ATTRIBUTES = ['mode', 'persona', 'lang', 'layout', 'theme', 'panels', 'readonly', 'transcript', 'state', 'speed', 'autoplay'];
const EVENTS = ['smtp-ready', 'smtp-command', 'smtp-reply', 'smtp-state', 'smtp-message', 'smtp-warning', 'smtp-error', 'smtp-select'];

const params = new URLSearchParams(location.hash.slice(1));
const sim = document.querySelector('smtp-sim');
for (const name of ATTRIBUTES) {
  if (!params.has(name)) continue;
  const value = params.get(name);
  if (name === 'readonly' || name === 'autoplay') sim.toggleAttribute(name, value !== 'false');
  else sim.setAttribute(name, value);
}
if (params.has('lang')) document.documentElement.lang = params.get('lang');

/**
 * The parent's origin: the browser's word for it (ancestorOrigins), else the referrer's; an
 * `origin` in the hash must agree with what the browser says. Null when there is no parent to
 * trust: then nothing is sent and nothing is obeyed.
 */
function parentOrigin() {
  if (window.parent === window) return null;
  const told = params.get('origin');
  const known = location.ancestorOrigins?.[0] ?? (document.referrer ? new URL(document.referrer).origin : null);
  if (told && known && told !== known) return null;
  const origin = told ?? known;
  return origin && origin !== 'null' ? origin : null;
}

const origin = parentOrigin();

function post(message) {
  if (origin) window.parent.postMessage(message, origin);
}

for (const type of EVENTS) {
  sim.addEventListener(type, (e) => post({ type: 'smtp-sim', event: type, detail: e.detail }));
}

let lastHeight = 0;
new ResizeObserver(() => {
  const px = Math.ceil(document.documentElement.scrollHeight);
  if (px !== lastHeight) {
    lastHeight = px;
    post({ type: 'smtp-sim:height', px });
  }
}).observe(document.body);

window.addEventListener('message', (e) => {
  if (!origin || e.origin !== origin || e.source !== window.parent) return;
  const m = e.data;
  if (!m || typeof m !== 'object') return;
  if (m.type === 'smtp-sim:send' && typeof m.line === 'string') sim.send(m.line);
  else if (m.type === 'smtp-sim:reset') sim.reset();
  else if (m.type === 'smtp-sim:set' && ATTRIBUTES.includes(m.name) && typeof m.value === 'string') {
    sim.setAttribute(m.name, m.value);
  }
});
