// What both early scripts (early.js for index.html, early-embed.js for embed.html) start before
// their bundle runs. A module of its own, not part of first-load.js: the element's modules never
// load it.
import { FULL_VIEWS, moduleFile } from './first-load.js';

/**
 * What an early script (early.js for index.html, early-embed.js for embed.html) starts before its
 * bundle runs: a modulepreload of each of `files` and, for a visit that starts on the full module
 * or in another mode, of that glue's other half or that mode's views and labels (the `bundle`'s
 * chunks); and the compile of the module `lang` and `full` start on, left under
 * `Symbol.for('smtp-sim.early-wasm')` for engine.js to take. The files sit beside the page: both
 * early scripts are inline in their pages (tools/inline-page.mjs).
 */
export function startEarly({ bundle, lang, mode, full, files }) {
  const here = document.baseURI;
  const names = [...files];
  if (full) names.push(`${bundle}.smtp_sim_full.js`);
  if (FULL_VIEWS.has(mode)) names.push(`${bundle}.full-ui.js`, `${bundle}.${lang}-views.js`);
  for (const name of names) {
    const link = document.createElement('link');
    link.rel = 'modulepreload';
    link.href = new URL(name, here).href;
    document.head.append(link);
  }
  const key = Symbol.for('smtp-sim.early-wasm');
  if (!globalThis[key] && WebAssembly.compileStreaming) {
    const url = new URL(moduleFile(lang, full), here).href;
    const module = WebAssembly.compileStreaming(fetch(url));
    module.catch(() => {}); // the engine compiles it again and reports a failure
    globalThis[key] = { url, module, lang, full };
  }
}
