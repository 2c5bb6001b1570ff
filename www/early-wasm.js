// index.html's classic script at the end of <head>: runs on arrival, before layout and the bundle,
// and starts the wasm module's compile (engine.js takes it) and the labels' fetch the page will
// use, picked as app.js and engine.js pick (weight.test.mjs checks). Neither async nor a module:
// those ran later, after the first paint or the preloaded chunks (bench/RESULTS.md §15-load).
{
  let lang = null;
  try {
    lang = localStorage.getItem('smtp-sim.language');
  } catch {
    // Storage blocked: the browser's language decides.
  }
  if (lang !== 'en' && lang !== 'pt-BR') lang = /^pt\b/i.test(navigator.language ?? '') ? 'pt-BR' : 'en';
  // A share link, Watch and You are the server start on the full module.
  const full = /^#(s=|watch$|server$)/.test(location.hash);
  const here = document.currentScript.src;
  const url = new URL(`pkg/smtp_sim_${full ? '' : 'lite_'}${lang}.wasm`, here).href;
  // The element's labels and the page's own (app.js adds them).
  for (const name of [`app.${lang}.js`, `app.${lang}-page.js`]) {
    const labels = document.createElement('link');
    labels.rel = 'modulepreload';
    labels.href = new URL(name, here).href;
    document.head.append(labels);
  }
  const key = Symbol.for('smtp-sim.early-wasm');
  if (!globalThis[key] && WebAssembly.compileStreaming) {
    const module = WebAssembly.compileStreaming(fetch(url));
    module.catch(() => {}); // the engine compiles it again and reports a failure
    globalThis[key] = { url, module };
  }
}
