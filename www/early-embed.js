// embed.html's classic script at the end of <head>, built by ./build.sh into early-embed.min.js:
// what early.js does for index.html, for the frame alone (its hash, none of the page's storage,
// address modes or first screen), so the frame loads only this part (bench/RESULTS.md §41).
// It runs on arrival, before the bundle: starts the compile of the wasm module the element will
// start on (engine.js takes it; first-load.js chooses, as the bundle does: weight.test.mjs checks
// one module per case) and preloads the labels (and the code a full-module start or another mode
// needs). The attributes are the ones embed.js sets from the same hash, else <html lang>.
import { FULL_VIEWS, MODES, moduleFile, needsFull, normalizeLang } from './first-load.js';

const key = Symbol.for('smtp-sim.early-wasm');
const here = document.currentScript.src;
const params = new URLSearchParams(location.hash.slice(1));
let mode = (params.get('mode') ?? '').toLowerCase();
if (!MODES.includes(mode)) mode = 'client';
const lang = normalizeLang(params.get('lang') ?? document.documentElement.lang);
const full = needsFull({ mode, state: params.get('state') ?? '', transcript: params.get('transcript') ?? '' });
const labels = [`embed.${lang}.js`];
if (full) labels.push('embed.smtp_sim_full.js');
if (FULL_VIEWS.has(mode)) labels.push('embed.full-ui.js', `embed.${lang}-views.js`);
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
