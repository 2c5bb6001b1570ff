// Minifies the stylesheets inside the bundles: the element's styles are CSS text in String.raw
// templates (www/element-style.js, www/full-ui-style.js: constructable stylesheets, so a page's
// CSP needs nothing for them), which esbuild's JS minifier leaves as written, comments and all.
// Each such template in the given files is replaced by esbuild's CSS minification of it, padded
// with the newlines and spaces it took, so the code after it keeps its line and column and the
// source maps stay right (the padding costs a few gzipped bytes).
//
//   node tools/minify-css.mjs www/app.min.js www/app.full-ui.js …   (build.sh runs it)

import { readFileSync, writeFileSync } from 'node:fs';
import { transformSync } from 'esbuild';

const TEMPLATE = /String\.raw`([^`$\\]*)`/g;

/** `css` minified, padded to the same number of lines and the same last-line length. */
function minified(css) {
  const { code, warnings } = transformSync(css, { loader: 'css', minify: true, target: 'chrome120', logLevel: 'silent' });
  if (warnings.length) throw new Error(`CSS warnings: ${warnings.map((w) => w.text).join('; ')}`);
  const text = code.trim();
  const lines = css.split('\n');
  const last = lines.at(-1).length;
  if (lines.length === 1) return text.length <= css.length ? text.padEnd(css.length) : css;
  return `${text}${'\n'.repeat(lines.length - 1)}${' '.repeat(last)}`;
}

let saved = 0;
for (const file of process.argv.slice(2)) {
  const source = readFileSync(file, 'utf8');
  // A template that is not a stylesheet (no rule in it) is left alone.
  const out = source.replace(TEMPLATE, (whole, css) => (/\{[^}]*:[^}]*\}/.test(css) ? `String.raw\`${minified(css)}\`` : whole));
  if (out !== source) {
    saved += source.length - out.length;
    writeFileSync(file, out);
  }
}
console.error(`minify-css: ${saved} bytes fewer`);
