// Writes into www/index.html, in place, what its first frame waits for (bench/RESULTS.md §40):
// early.min.js (the wasm compile's start, the Enter queue), style.css (the page's chrome), the
// element's colour and font tokens the two screens use (first-tokens.css, on :root) and first.css
// (the first screen's rules, inside <smtp-sim>'s declarative shadow root), each in the
// element marked `data-inline="FILE"`, and their hashes in the page's CSP (script-src, style-src:
// 'self' and these hashes, nothing 'unsafe-inline'). As separate files, the parser waited for
// early.min.js (a parser-blocking script) and style.css (which blocks scripts and rendering), and
// autofocus for first.css (a pending stylesheet in a shadow root holds it back): three round trips
// before the input was focused. Into www/embed.html likewise its early-embed.min.js (the wasm's
// download starts one round trip sooner).
//
// Generated, never edited by hand: the marked elements' contents and the CSP's hashes are
// rewritten at every ./build.sh bundle (the sources stay www/early.js, www/early-embed.js,
// www/style.css, tools/first-css.mjs). index.html and embed.html are committed with them, so the
// served www/ works as checked out after a build; a stale copy is rewritten by the next build (the
// browser refuses content whose hash is not listed, which the page tests report).
//
//   node tools/inline-page.mjs [www]   (./build.sh bundle runs it, after early.min.js and first.css)

import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { transformSync } from 'esbuild';

const www = process.argv[2] ?? 'www';
const fail = (message) => {
  console.error(`inline-page.mjs: ${message}`);
  process.exit(1);
};
const read = (name) => readFileSync(join(www, name), 'utf8').trim();
const minifyCss = (css) => transformSync(css, { loader: 'css', minify: true, target: 'chrome120', logLevel: 'silent' }).code.trim();
const sha = (text) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/** What each marked element holds: the early scripts as built, the stylesheets minified. */
const CONTENT = {
  'early.min.js': () => read('early.min.js'),
  'early-embed.min.js': () => read('early-embed.min.js'),
  'first-tokens.css': () => read('first-tokens.css'),
  'style.css': () => minifyCss(read('style.css')),
  'first.css': () => read('first.css'),
};

/**
 * The pages and the parts each holds inline: index.html its first frame; embed.html its early
 * script, which starts the wasm's download before the bundle (linked, it cost the frame a round
 * trip before that request could go out).
 */
const PAGES = {
  'index.html': ['early.min.js', 'first-tokens.css', 'style.css', 'first.css'],
  'embed.html': ['early-embed.min.js'],
};

for (const [name, parts] of Object.entries(PAGES)) inline(name, parts);

function inline(name, parts) {
  const page = join(www, name);
  let html = readFileSync(page, 'utf8');
  const scripts = [];
  const styles = [];
  const seen = [];
  html = html.replace(/<(script|style) data-inline="([^"]+)">([\s\S]*?)<\/\1>/g, (_, tag, part) => {
    const make = CONTENT[part];
    if (!make || !parts.includes(part)) fail(`${name}: no content known for data-inline="${part}"`);
    const text = make();
    if (new RegExp(`</${tag}`, 'i').test(text)) fail(`${part} contains "</${tag}"`);
    (tag === 'script' ? scripts : styles).push(sha(text));
    seen.push(part);
    return `<${tag} data-inline="${part}">${text}</${tag}>`;
  });
  if (seen.length !== parts.length || parts.some((p) => !seen.includes(p))) fail(`${name}: expected ${parts.join(', ')} inline once each, found ${seen.join(', ') || 'none'}`);
  // The CSP: 'self' and exactly these hashes (a hash left from an older build is dropped).
  const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html);
  if (!csp) fail(`${name}: no CSP meta`);
  const policy = directive(name, directive(name, csp[1], 'script-src', scripts), 'style-src', styles);
  html = html.replace(csp[0], () => `<meta http-equiv="Content-Security-Policy" content="${policy}">`);
  if (html !== readFileSync(page, 'utf8')) writeFileSync(page, html);
}

/** `policy` with `dir` holding 'self' and exactly `hashes` (one left from an older build is dropped). */
function directive(name, policy, dir, hashes) {
  const re = new RegExp(`(^|; )${dir} ([^;]*)`);
  const m = re.exec(policy);
  if (!m) fail(`${name}: CSP without ${dir}`);
  const kept = m[2].split(' ').filter((source) => !source.startsWith("'sha256-"));
  const at = kept.indexOf("'self'");
  if (at < 0) fail(`${name}: CSP ${dir} without 'self'`);
  kept.splice(at + 1, 0, ...hashes);
  return policy.replace(re, `$1${dir} ${kept.join(' ')}`);
}
