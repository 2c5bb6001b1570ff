// Writes into www/index.html, in place, what its first frame waits for (bench/RESULTS.md §40):
// early.min.js (the wasm compile's start, the Enter queue), style.css (the page's chrome), the
// element's colour and font tokens the two screens use (first-tokens.css, on :root) and first.css
// (the first screen's rules, inside <smtp-sim>'s declarative shadow root), each in the
// element marked `data-inline="FILE"`, and their hashes in the page's CSP (script-src, style-src:
// 'self' and these hashes, nothing 'unsafe-inline'). As separate files, the parser waited for
// early.min.js (a parser-blocking script) and style.css (which blocks scripts and rendering), and
// autofocus for first.css (a pending stylesheet in a shadow root holds it back): three round trips
// before the input was focused.
//
// Generated, never edited by hand: the marked elements' contents and the CSP's hashes are rewritten
// at every ./build.sh bundle (the sources stay www/early.js, www/style.css, tools/first-css.mjs).
// index.html is committed with them, so the served www/ works as checked out after a build; a
// stale copy is rewritten by the next build (the browser refuses content whose hash is not listed,
// which the page tests report).
//
//   node tools/inline-page.mjs [www]   (./build.sh bundle runs it, after early.min.js and first.css)

import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { transformSync } from 'esbuild';

const www = process.argv[2] ?? 'www';
const page = join(www, 'index.html');
const fail = (message) => {
  console.error(`inline-page.mjs: ${message}`);
  process.exit(1);
};
const read = (name) => readFileSync(join(www, name), 'utf8').trim();
const minifyCss = (css) => transformSync(css, { loader: 'css', minify: true, target: 'chrome120', logLevel: 'silent' }).code.trim();
const sha = (text) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/** What each marked element holds: early.min.js as built, the stylesheets minified. */
const CONTENT = {
  'early.min.js': () => read('early.min.js'),
  'first-tokens.css': () => read('first-tokens.css'),
  'style.css': () => minifyCss(read('style.css')),
  'first.css': () => read('first.css'),
};

let html = readFileSync(page, 'utf8');
const scripts = [];
const styles = [];
html = html.replace(/<(script|style) data-inline="([^"]+)">([\s\S]*?)<\/\1>/g, (_, tag, name) => {
  const make = CONTENT[name];
  if (!make) fail(`index.html: no content known for data-inline="${name}"`);
  const text = make();
  if (new RegExp(`</${tag}`, 'i').test(text)) fail(`${name} contains "</${tag}"`);
  (tag === 'script' ? scripts : styles).push(sha(text));
  return `<${tag} data-inline="${name}">${text}</${tag}>`;
});
if (scripts.length !== 1 || styles.length !== Object.keys(CONTENT).length - 1) fail(`index.html: expected every inline part once, found ${scripts.length} scripts and ${styles.length} styles`);
// The CSP: 'self' and exactly these hashes (a hash left from an older build is dropped).
const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html);
if (!csp) fail('index.html: no CSP meta');
const directive = (policy, name, hashes) => {
  const re = new RegExp(`(^|; )${name} ([^;]*)`);
  const m = re.exec(policy);
  if (!m) fail(`index.html: CSP without ${name}`);
  const kept = m[2].split(' ').filter((source) => !source.startsWith("'sha256-"));
  const at = kept.indexOf("'self'");
  if (at < 0) fail(`index.html: CSP ${name} without 'self'`);
  kept.splice(at + 1, 0, ...hashes);
  return policy.replace(re, `$1${name} ${kept.join(' ')}`);
};
const policy = directive(directive(csp[1], 'script-src', scripts), 'style-src', styles);
html = html.replace(csp[0], () => `<meta http-equiv="Content-Security-Policy" content="${policy}">`);
if (html !== readFileSync(page, 'utf8')) writeFileSync(page, html);
