// index.html's classic script, end of <head>: runs on arrival, before layout and the bundle, and
// starts the wasm module's compile (engine.js takes it) and the labels' fetch the page will use,
// picked as app.js and engine.js pick (weight.test.mjs checks: an async module ran after paint).
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
  const labels = document.createElement('link');
  labels.rel = 'modulepreload';
  labels.href = new URL(`app.${lang}.js`, here).href;
  document.head.append(labels);
  const key = Symbol.for('smtp-sim.early-wasm');
  if (!globalThis[key] && WebAssembly.compileStreaming) {
    const module = WebAssembly.compileStreaming(fetch(url));
    module.catch(() => {}); // the engine compiles it again and reports a failure
    globalThis[key] = { url, module };
  }
}
