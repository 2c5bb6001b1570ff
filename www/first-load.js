// What a visit starts on, in one place: its language, whether it needs the full module, the
// module's file, and the font strikes of the element's first screen. app.js and the element read
// them here, and so do early.js and early-embed.js — the classic scripts at the end of
// index.html's and embed.html's <head> (built by ./build.sh into early.min.js and
// early-embed.min.js) that ask for the module and the labels before the bundle runs — so the
// early start picks what the bundle will ask for. Nothing here may import what the bundle splits
// off (the early scripts must stay small).

/** Where the page keeps the language chosen (app.js writes it). */
export const LANGUAGE_KEY = 'smtp-sim.language';

/** A BCP 47 tag as one of ours: any Portuguese tag is pt-BR, anything else English. */
export function normalizeLang(tag) {
  return /^pt\b/i.test(String(tag ?? '').trim()) ? 'pt-BR' : 'en';
}

/** The page's language: the one stored from an earlier visit, else the browser's. */
export function pageLanguage() {
  let saved = null;
  try {
    saved = localStorage.getItem(LANGUAGE_KEY);
  } catch {
    // Storage can be blocked (private mode, file:// in some browsers): the browser's decides.
  }
  return saved === 'en' || saved === 'pt-BR' ? saved : normalizeLang(navigator.language);
}

/** The values of the element's `mode` attribute (a lesson is set by its own attribute). */
export const MODES = ['client', 'watch', 'server', 'lab'];

/** The modes index.html's address names (#client, #watch, #server). */
export const PAGE_MODES = ['client', 'watch', 'server'];

/** The views that run only on the full module; the client mode runs on the lite one. */
export const FULL_VIEWS = new Set(['watch', 'server', 'lab', 'lesson']);

/**
 * Whether an element starts on the full module: a view that needs it (a lesson counts as one), or
 * a session to replay (a share link's `state`, a `transcript`: the readers are in the full one).
 */
export function needsFull({ mode = 'client', lesson = '', state = '', transcript = '' }) {
  return FULL_VIEWS.has(lesson ? 'lesson' : mode) || Boolean(state || transcript);
}

/** The module a page starts on, relative to the element's files (engine.js names the same). */
export const moduleFile = (lang, full) => `pkg/smtp_sim_${full ? '' : 'lite_'}${lang}.wasm`;

/**
 * The element's font stacks, as element-style.js writes them in --sans and --mono (kept literal
 * there, for its CSS minifier; fonts.test.mjs fails when they differ). early.js warms these; the
 * element warms the stacks it computes (an author's --smtp-sim-font included).
 */
export const SANS = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Helvetica Neue', Arial, sans-serif";
export const MONO = "ui-monospace, 'SFMono-Regular', 'Cascadia Mono', 'DejaVu Sans Mono', Menlo, Consolas, monospace";

/**
 * Every font strike of the element's first screen (the client mode, the greeting explained, all
 * of it laid out, below the fold too):
 * [stack, size in rem, weight]. Chromium resolves each strike once per renderer, with synchronous
 * calls to the browser process; unresolved, they all fall in the task that starts the session
 * (bench/RESULTS.md §22). tests/e2e/fonts.test.mjs fails when this list and the screen differ.
 */
export const FIRST_FONTS = [
  ['sans', 0.75, 400],
  ['sans', 0.75, 700],
  ['sans', 0.8, 400],
  ['sans', 0.8, 600],
  ['sans', 0.8, 700],
  ['sans', 0.85, 400],
  ['sans', 0.9, 400],
  ['sans', 0.9, 600],
  ['sans', 0.92, 400],
  ['sans', 0.95, 400],
  ['sans', 0.95, 700],
  ['sans', 1, 400],
  ['sans', 1, 600],
  ['sans', 1.05, 500],
  ['sans', 1.1, 700],
  ['sans', 1.15, 700],
  ['mono', 0.7, 400],
  ['mono', 0.75, 400],
  ['mono', 0.8, 400],
  ['mono', 0.82, 400],
  ['mono', 0.85, 400],
  ['mono', 0.9, 400],
  ['mono', 0.9, 700],
  ['mono', 1, 400],
  ['mono', 1, 700],
  ['mono', 2, 700],
];

// Pure: early.min.js bundles this module for its names and must not keep the call.
const WARMED = /* @__PURE__ */ Symbol.for('smtp-sim.fonts-warmed');

/**
 * Resolves FIRST_FONTS in the stacks `stacks()` returns (a canvas given a font resolves the same
 * strikes as layout), once per page: called while the module downloads, so the task that starts
 * the session finds them resolved. Returns false when they already were (`stacks` not called:
 * an element's computed style costs a style pass).
 */
export function warmFonts(stacks) {
  if (globalThis[WARMED]) return false;
  globalThis[WARMED] = true;
  const { sans, mono } = stacks();
  const context = document.createElement('canvas').getContext('2d');
  if (!context) return false;
  const rem = parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
  for (const [stack, size, weight] of FIRST_FONTS) {
    context.font = `${weight} ${size * rem}px ${stack === 'mono' ? mono : sans}`;
    context.measureText('');
  }
  return true;
}
