// index.html's classic script at the end of <head>, built by ./build.sh into early.min.js (a
// classic script: an async or module script ran later, after the first paint or the preloaded
// chunks; bench/RESULTS.md §18); index.html holds it inline (tools/inline-page.mjs, §40).
// embed.html has its own, early-embed.js: the frame needs none of the page's part. It runs
// before layout and the bundle:
// - starts the compile of the wasm module the page will start on (engine.js takes it; the choice
//   is first-load.js's, as the bundle makes it: weight.test.mjs checks one module per case);
// - preloads the labels the page will show (and, starting in another mode or on a share link,
//   the code that needs).
// The first screen's fonts are the element's to warm, after the frame that shows its input
// (before it, they held the first paint back; bench/RESULTS.md §27).
import { PAGE_MODES, needsFull, pageLanguage } from './first-load.js';
import { startEarly } from './early-start.js';

// The stored language or the browser's; #s= (a share link), #watch, #server.
const lang = pageLanguage();
const hash = location.hash.slice(1);
const mode = PAGE_MODES.includes(hash) ? hash : 'client';
startEarly({
  bundle: 'app',
  lang,
  mode,
  full: needsFull({ mode, state: hash.startsWith('s=') ? hash : '' }),
  files: [`app.${lang}.js`, `app.${lang}-page.js`],
});

// index.html ships the client view's first screen in <smtp-sim>'s declarative shadow root, its
// input focused at the first paint: a line entered there before the element takes it over is
// queued here (the element sends the queue, in order, after the greeting) and shown in that
// screen's log, as text. Once the element has adopted the input it is no longer in `.first`.
{
  const lines = (globalThis[Symbol.for('smtp-sim.early-lines')] = []);
  addEventListener(
    'keydown',
    (e) => {
      const input = e.composedPath()[0];
      if (e.key !== 'Enter' || e.isComposing || input?.id !== 'command' || !input.closest('.first')) return;
      e.preventDefault();
      lines.push(input.value);
      const li = document.createElement('li');
      li.className = 'entry client';
      const who = document.createElement('span');
      who.className = 'who';
      who.textContent = 'C:';
      const text = document.createElement('span');
      text.className = 'text';
      text.textContent = input.value;
      li.append(who, text);
      input.closest('.first').querySelector('.transcript')?.append(li);
      input.value = '';
    },
    true,
  );
}
