// index.html's and embed.html's classic script at the end of <head>, built by ./build.sh into
// early.min.js (a classic script: an async or module script ran later, after the first paint or
// the preloaded chunks; bench/RESULTS.md §18). It runs on arrival, before layout and the bundle:
// - starts the compile of the wasm module the page will start on (engine.js takes it; the choice
//   is first-load.js's, as the bundle makes it: weight.test.mjs checks one module per case);
// - preloads the labels the page will show.
// The first screen's fonts are the element's to warm, after the frame that shows its input
// (before it, they held the first paint back; bench/RESULTS.md §27).
import { MODES, PAGE_MODES, moduleFile, needsFull, normalizeLang, pageLanguage } from './first-load.js';

const key = Symbol.for('smtp-sim.early-wasm');
const here = document.currentScript.src;
// index.html: the stored language or the browser's; #s= (a share link), #watch, #server.
// embed.html (data-page="embed"): the attributes embed.js sets from its hash, else <html lang>.
let lang;
let full;
let labels;
if (document.currentScript.dataset.page === 'embed') {
  const params = new URLSearchParams(location.hash.slice(1));
  const mode = (params.get('mode') ?? '').toLowerCase();
  lang = normalizeLang(params.get('lang') ?? document.documentElement.lang);
  full = needsFull({ mode: MODES.includes(mode) ? mode : 'client', state: params.get('state') ?? '', transcript: params.get('transcript') ?? '' });
  labels = [`embed.${lang}.js`];
} else {
  lang = pageLanguage();
  const hash = location.hash.slice(1);
  full = needsFull({ mode: PAGE_MODES.includes(hash) ? hash : 'client', state: hash.startsWith('s=') ? hash : '' });
  labels = [`app.${lang}.js`, `app.${lang}-page.js`];
}
for (const name of labels) {
  const link = document.createElement('link');
  link.rel = 'modulepreload';
  link.href = new URL(name, here).href;
  document.head.append(link);
}
if (!globalThis[key] && WebAssembly.compileStreaming) {
  const url = new URL(moduleFile(lang, full), here).href;
  const module = WebAssembly.compileStreaming(fetch(url));
  module.catch(() => {}); // the engine compiles it again and reports a failure
  globalThis[key] = { url, module, lang, full };
}
