// index.html's classic script at the end of <head>: it runs as soon as it arrives, before the page
// is laid out and long before the bundle is evaluated, and starts compiling the wasm module the
// page will start on, for engine.js to take. (An async module script ran only after the first
// paint.) It picks as app.js and engine.js do, or two modules load (weight.test.mjs checks).
// It preloads that language's labels too (app.<lang>.js, build.sh's chunk of i18n/<lang>.js):
// the element waits for them as for the module.
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
