// The page weight: every file each entry point makes the browser load, raw, gzip -9 and brotli
// (quality 11), and the first-load total of each entry. The lists are found, not hard-coded:
// the local scripts, stylesheets and images an HTML page names, the ES modules they import, and
// the files a module opens with `new URL('…', import.meta.url)` (the wasm). A static import is
// part of the first load; a dynamic `import('…')` and whatever only it reaches is "lazy" (loaded
// on first use), and so is a wasm module marked `/* lazy */` in its `new URL(…)` (engine.js: the
// full modules, the other language's, the two-language one; the first load counts the English
// lite one).
// Sizes are printed here, never asserted (tools/size-budget.mjs compares them with a budget).
//
//   node tools/bench-size.mjs [WWW_DIR]        (./build.sh bench runs it after building)
//
// Entries: index.html (the full page, its scripts bundled in app.min.js), smtp-sim.js (the
// element alone as modules, what an author's one <script> tag loads), smtp-sim.min.js (the
// same, bundled), embed.html (the framed element, bundled), demo.html (a tutorial page) and
// scanner.js (the end-of-data scanner's own module: its first load counts the SIMD flavour, the
// scalar one is marked lazy, fetched only where SIMD is missing).

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

export const ENTRIES = ['index.html', 'smtp-sim.js', 'smtp-sim.min.js', 'embed.html', 'demo.html', 'scanner.js'];

/**
 * The modules engine.js fetches only when asked: the full modules (on first use of what the lite
 * one lacks), another language's, the two-language one. The first load counts the English lite one.
 * Likewise the catalogue's texts files (fetched when an entry first needs one).
 */
const LAZY_WASM = new Set([
  'pkg/smtp_sim_en.wasm',
  'pkg/smtp_sim_pt-BR.wasm',
  'pkg/smtp_sim_bg.wasm',
  'pkg/smtp_sim_lite_pt-BR.wasm',
  'pkg/texts_en.bin',
  'pkg/texts_pt-BR.bin',
  'pkg/texts_en_rare.bin',
  'pkg/texts_pt-BR_rare.bin',
]);

/**
 * The English labels: a dynamic import (each language's labels are fetched only when shown, see
 * www/i18n.js), but every English first load fetches them, so they count in it, like the
 * English lite module. In a bundle they are ENTRY.en.js (and the page's own, app.js's import,
 * app.en-page.js).
 */
const FIRST_LOAD_IMPORT = /(?:^|[/.])en(?:-page)?\.js$/;

const isLocal = (ref) => !/^(?:[a-z][a-z0-9+.-]*:|\/\/|#)/i.test(ref);

/** Files one file makes the browser load: `{ path, lazy }`, paths relative to `www`. */
function references(www, path, text) {
  const refs = [];
  if (path.endsWith('.html')) {
    for (const m of text.matchAll(/<(script|link|img)\b[^>]*>/gi)) {
      const tag = m[0];
      if (/^<link/i.test(tag) && !/\brel=["']?(?:stylesheet|icon|modulepreload|preload|manifest)/i.test(tag)) {
        continue;
      }
      const attr = /\b(?:src|href)=["']([^"']+)["']/i.exec(tag);
      if (attr) refs.push({ ref: attr[1], lazy: false });
    }
  } else if (path.endsWith('.js') || path.endsWith('.mjs')) {
    // Comments out, but a `/* lazy */` marker kept.
    const code = text
      .replace(/\/\*\s*lazy\s*\*\//g, '__LAZY__')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/^\s*\/\/.*$/gm, '');
    for (const m of code.matchAll(/(?<=[\s}*])from\s*['"]([^'"]+)['"]|\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)|(?:^|[;}])\s*import\s*['"]([^'"]+)['"]/gm)) {
      refs.push({ ref: m[1] ?? m[2] ?? m[3], lazy: m[2] !== undefined && !FIRST_LOAD_IMPORT.test(m[2]) });
    }
    for (const m of code.matchAll(/new\s+URL\(\s*(__LAZY__)?\s*['"]([^'"]+)['"]\s*,\s*import\.meta\.url\s*\)/g)) {
      // The wasm-bindgen glue's default module URL (a bare name) is never fetched: engine.js
      // always hands init the module it chose.
      if (m[2] === 'smtp_sim_bg.wasm') continue;
      // A bundle loses the /* lazy */ marks: the modules engine.js loads only on demand.
      refs.push({ ref: m[2], lazy: Boolean(m[1]) || LAZY_WASM.has(m[2].replace(/^\.\//, '')) });
    }
  } else if (path.endsWith('.css')) {
    for (const m of text.matchAll(/url\(\s*['"]?([^'")]+)['"]?\s*\)|@import\s+['"]([^'"]+)['"]/g)) {
      refs.push({ ref: m[1] ?? m[2], lazy: false });
    }
  }
  return refs.filter((r) => isLocal(r.ref)).map(resolveRef(www, path));
}

const resolveRef = (www, path) => (r) => ({
  path: relative(www, resolve(dirname(join(www, path)), r.ref.split(/[?#]/)[0])),
  lazy: r.lazy,
});

/** gzip -9 as the command does it (no name in the header); zlib's level 9 where gzip is missing. */
export function gzipSize(bytes) {
  const r = spawnSync('gzip', ['-9', '-n', '-c'], { input: bytes, maxBuffer: 1 << 28 });
  return r.status === 0 ? r.stdout.length : gzipSync(bytes, { level: 9 }).length;
}

const sizeCache = new Map();
function sizes(www, path) {
  const key = join(www, path);
  if (!sizeCache.has(key)) {
    const bytes = readFileSync(key);
    const br = brotliCompressSync(bytes, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
    });
    sizeCache.set(key, { raw: bytes.length, gz: gzipSize(bytes), br: br.length });
  }
  return sizeCache.get(key);
}

/**
 * One entry's files: `{ first, lazy }`, each a list of `{ path, raw, gz, br }`. The first load is
 * what static references reach; lazy is what only dynamic imports (or marked URLs) reach.
 */
export function crawl(www, entry) {
  const first = new Set();
  const lazy = new Set();
  const queue = [{ path: entry, lazy: false }];
  while (queue.length) {
    const { path, lazy: isLazy } = queue.shift();
    if (first.has(path) || (isLazy && lazy.has(path))) continue;
    if (!existsSync(join(www, path))) throw new Error(`${path} is referenced but missing (run ./build.sh first)`);
    (isLazy ? lazy : first).add(path);
    if (!isLazy) lazy.delete(path);
    if (/\.(?:html|m?js|css)$/.test(path)) {
      for (const r of references(www, path, readFileSync(join(www, path), 'utf8'))) {
        queue.push({ path: r.path, lazy: isLazy || r.lazy });
      }
    }
  }
  const rows = (set) => [...set].map((path) => ({ path, ...sizes(www, path) })).sort((a, b) => b.gz - a.gz);
  return { first: rows(first), lazy: rows([...lazy].filter((p) => !first.has(p))) };
}

export const sum = (rows) => rows.reduce((t, r) => ({ raw: t.raw + r.raw, gz: t.gz + r.gz, br: t.br + r.br }), { raw: 0, gz: 0, br: 0 });

/** Every entry that exists under `www`, crawled. */
export function measure(www) {
  return ENTRIES.filter((e) => existsSync(join(www, e))).map((entry) => ({ entry, ...crawl(www, entry) }));
}

function main() {
  const www = resolve(process.argv[2] ?? 'www');
  let measured;
  try {
    measured = measure(www);
  } catch (e) {
    console.error(`bench-size: ${e.message}`);
    process.exit(1);
  }
  const all = measured.flatMap((m) => [...m.first, ...m.lazy]);
  const w = Math.max(...all.map((r) => r.path.length), 24);
  const n = (x) => String(x).padStart(8);
  const line = (label, r) => `  ${label.padEnd(w)} ${n(r.raw)} ${n(r.gz)} ${n(r.br)}`;
  console.log(`page weight (${relative(process.cwd(), www) || '.'}/, bytes)`);
  for (const m of measured) {
    console.log(`\n${m.entry}`);
    console.log(`  ${'file'.padEnd(w)} ${'raw'.padStart(8)} ${'gzip -9'.padStart(8)} ${'brotli'.padStart(8)}`);
    for (const r of m.first) console.log(line(r.path, r));
    console.log(line('first load', sum(m.first)));
    if (m.lazy.length) {
      for (const r of m.lazy) console.log(line(`(lazy) ${r.path}`, r));
      console.log(line('lazy, on first use', sum(m.lazy)));
    }
  }
  console.log('\nfirst load, gzip -9: ' + measured.map((m) => `${m.entry} ${sum(m.first).gz}`).join(' · '));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
