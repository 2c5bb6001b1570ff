// Writes www/first.css: the styles of the first screen index.html ships in <smtp-sim>'s
// declarative shadow root (its command input shown and focused at the first paint, before any
// script runs; bench/RESULTS.md §36). They are the element's own rules (www/element-style.js:
// TOKENS and ELEMENT), kept where every class a selector names is one the first screen uses, so
// the input stands where the element's view puts it when it takes over; then the few rules of
// the first screen alone (the prompt's "C:", the lines whose words come with the labels, the
// pulse that says it is loading). Generated, never edited: a change of the element's styles
// reaches it at the next build (tests/e2e/bugs.test.mjs checks the input does not move).
// tools/inline-page.mjs then writes it inside that shadow root, inline (§40).
//
//   node tools/first-css.mjs [www]   (./build.sh bundle runs it)

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { transformSync } from 'esbuild';

const www = process.argv[2] ?? 'www';
const source = readFileSync(join(www, 'element-style.js'), 'utf8');
const template = (name) => {
  const m = new RegExp(`const ${name} = String\\.raw\`([^\`]*)\``).exec(source);
  if (!m) throw new Error(`element-style.js: ${name} not found`);
  return m[1];
};

/** The classes of the first screen (index.html's template) and of the view that replaces it. */
const KEEP = new Set([
  'frame', 'first', 'grid', 'views', 'view', 'client-view', 'card', 'explanation', 'toolbar', 'field',
  'persona', 'line-ending', 'secondary', 'reset', 'state', 'state-now', 'stepper', 'allowed',
  'transcript-head', 'head-tools', 'check', 'small', 'copy', 'transcript', 'command-form',
  'command-row', 'prompt', 'hint', 'tools', 'tool', 'script', 'share', 'auth', 'entry', 'client', 'who', 'text',
  // the first screen's own (OWN below)
  'reset-line',
]);
/** Attribute values of other layouts and states than the first screen's. */
const DROP = /compact|inline|pending|unlabelled|in-data|readonly|no-explain|panel-off|done|current|attention|:disabled|:hover/;

/** Splits a selector list at its top-level commas (not those inside :is(…)). */
function selectors(list) {
  const out = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < list.length; i += 1) {
    if (list[i] === '(') depth += 1;
    else if (list[i] === ')') depth -= 1;
    else if (list[i] === ',' && depth === 0) {
      out.push(list.slice(from, i));
      from = i + 1;
    }
  }
  out.push(list.slice(from));
  return out;
}

/**
 * Inside the shadow root only (`:host …` matches nothing in a document): the rules are safe
 * anywhere. index.html holds them inline in the shadow root: linked (preloaded from the head),
 * the pending stylesheet held autofocus back until it was in (bench/RESULTS.md §36, §40).
 */
const scoped = (selector) => (/^:(host|root)\b/.test(selector) ? selector : `:host ${selector}`);

const keeps = (selector) => !DROP.test(selector) && [...selector.matchAll(/\.([\w-]+)/g)].every(([, c]) => KEEP.has(c));

/** Minified CSS's top-level blocks → those the first screen needs (at-rules filtered inside). */
function filter(css) {
  let out = '';
  let i = 0;
  while (i < css.length) {
    const open = css.indexOf('{', i);
    if (open < 0) break;
    const head = css.slice(i, open);
    let depth = 1;
    let j = open + 1;
    for (; depth; j += 1) {
      if (css[j] === '{') depth += 1;
      else if (css[j] === '}') depth -= 1;
    }
    const body = css.slice(open + 1, j - 1);
    if (head.startsWith('@container') || (head.startsWith('@media') && body.includes('{'))) {
      const inner = filter(body);
      if (inner) out += `${head}{${inner}}`;
    } else if (!head.startsWith('@')) {
      const kept = selectors(head).filter(keeps).map(scoped);
      if (kept.length) out += `${kept.join(',')}{${body}}`;
    }
    i = j;
  }
  return out;
}

// The first screen's own: words come with the labels (the lines keep their height meanwhile: a
// line's height, not a no-break space, so no font is looked up for them — each size of each font
// drawn is a synchronous IPC at the first frame; the buttons' padding makes theirs simpler so),
// the prompt is the element's "C:", and the empty log pulses while the simulator loads. Its
// toolbar wraps as the element's does once the selects hold their words (in English, both layouts;
// in Portuguese the wide one): the reset button on a line of its own, in a narrow container the
// persona alone on the first line and the reset button beside the line ending, and the log's
// tools under its title — else the input moved down by those lines when the element took over
// (bench/RESULTS.md §40).
const OWN = String.raw`
.first .reset-line { flex: 1 0 100%; display: flex; justify-content: flex-end; }
@container smtp-sim (max-width: 560px) {
  .first .toolbar .field:first-child { flex-basis: 100%; }
  .first .reset-line { flex-basis: auto; }
  .first .head-tools { flex-basis: 100%; }
}
.first :is(label, h2, summary, .state-now, .allowed):empty { min-height: 1lh; }
.first button:empty::before { content: '\a0'; }
.first .prompt::before { content: 'C:'; }
.first .transcript { animation: first-loading 1.4s ease-in-out infinite alternate; }
@media (prefers-reduced-motion: reduce) { .first .transcript { animation: none; } }
`;

const minify = (css) => transformSync(css, { loader: 'css', minify: true, target: 'chrome120', logLevel: 'silent' }).code.trim();
const rules = `${filter(minify(template('ELEMENT')))}${filter(minify(OWN))}${minify('@keyframes first-loading { to { opacity: .45; } }')}`;
// The tokens those rules use (and the tokens they use): the other colours come with the element.
const tokens = filter(minify(template('TOKENS')));
const used = new Set();
const use = (text) => {
  for (const [, name] of text.matchAll(/var\((--[\w-]+)/g)) {
    if (used.has(name)) continue;
    used.add(name);
    const decl = new RegExp(`(?:^|[;{])${name}:([^;}]*)`).exec(tokens);
    if (decl) use(decl[1]);
  }
};
use(rules);
// and those the page's own chrome uses (style.css): it is drawn before the bundle too.
use(readFileSync(join(www, 'style.css'), 'utf8'));
const kept = tokens
  .replace(/([;{])(--[\w-]+):[^;}]*/g, (whole, before, name) => (used.has(name) ? whole : before))
  .replace(/;(?=[;}])/g, '');
// The tokens go on the page's :root (www/first-tokens.css, inline in index.html's head): the first
// screen inherits them through its host, and the page's chrome has its colours and fonts at the
// first frame instead of the browser's defaults until the bundle adopts the element's sheets
// (a second font family looked up, and a white page turning grey; bench/RESULTS.md §40).
const root = /^:host,:root(\{[^{}]*\})/.exec(kept);
if (!root) throw new Error('element-style.js: TOKENS does not start with its `:host, :root` rule');
writeFileSync(join(www, 'first-tokens.css'), `:root${root[1]}\n`);
writeFileSync(join(www, 'first.css'), `${kept.slice(root[0].length)}${rules}\n`);
