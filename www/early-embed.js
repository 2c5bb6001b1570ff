// embed.html's classic script at the end of <head>, built by ./build.sh into early-embed.min.js
// and written inline into embed.html under its CSP hash (tools/inline-page.mjs):
// what early.js does for index.html, for the frame alone (its hash, none of the page's storage,
// address modes or first screen), so the frame loads only this part (bench/RESULTS.md §41).
// It runs on arrival, before the bundle: starts the compile of the wasm module the element will
// start on (engine.js takes it; first-load.js chooses, as the bundle does: weight.test.mjs checks
// one module per case) and preloads the labels (and the code a full-module start or another mode
// needs). The attributes are the ones embed.js sets from the same hash, else <html lang>.
import { MODES, needsFull, normalizeLang } from './first-load.js';
import { startEarly } from './early-start.js';

const params = new URLSearchParams(location.hash.slice(1));
let mode = (params.get('mode') ?? '').toLowerCase();
if (!MODES.includes(mode)) mode = 'client';
const lang = normalizeLang(params.get('lang') ?? document.documentElement.lang);
startEarly({
  bundle: 'embed',
  lang,
  mode,
  full: needsFull({ mode, state: params.get('state') ?? '', transcript: params.get('transcript') ?? '' }),
  files: [`embed.${lang}.js`],
});
