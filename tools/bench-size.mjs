// The page weight table: every file the page loads, raw, gzip -9 and brotli (quality 11), and
// the total. The list is found, not hard-coded: the local scripts, stylesheets and images that
// index.html names, the ES modules they import (static and dynamic), and the files a module
// opens with `new URL('…', import.meta.url)` (the wasm). Sizes are printed, never asserted.
//
//   node tools/bench-size.mjs [WWW_DIR]        (./build.sh bench runs it after building)

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const www = resolve(process.argv[2] ?? 'www');
const isLocal = (ref) => !/^(?:[a-z][a-z0-9+.-]*:|\/\/|#)/i.test(ref);

/** Files one file makes the browser load, as paths relative to `www`. */
function references(path, text) {
  const refs = [];
  if (path.endsWith('.html')) {
    for (const m of text.matchAll(/<(script|link|img)\b[^>]*>/gi)) {
      const tag = m[0];
      if (/^<link/i.test(tag) && !/\brel=["']?(?:stylesheet|icon|modulepreload|preload|manifest)/i.test(tag)) {
        continue;
      }
      const attr = /\b(?:src|href)=["']([^"']+)["']/i.exec(tag);
      if (attr) refs.push(attr[1]);
    }
  } else if (path.endsWith('.js') || path.endsWith('.mjs')) {
    const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
    for (const m of code.matchAll(/\bfrom\s+['"]([^'"]+)['"]|\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s+['"]([^'"]+)['"]/gm)) {
      refs.push(m[1] ?? m[2] ?? m[3]);
    }
    for (const m of code.matchAll(/new\s+URL\(\s*['"]([^'"]+)['"]\s*,\s*import\.meta\.url\s*\)/g)) refs.push(m[1]);
  } else if (path.endsWith('.css')) {
    for (const m of text.matchAll(/url\(\s*['"]?([^'")]+)['"]?\s*\)|@import\s+['"]([^'"]+)['"]/g)) refs.push(m[1] ?? m[2]);
  }
  return refs
    .filter(isLocal)
    .map((ref) => relative(www, resolve(dirname(join(www, path)), ref.split(/[?#]/)[0])));
}

/** gzip -9 as the command does it (no name in the header); zlib's level 9 where gzip is missing. */
function gzipSize(bytes) {
  const r = spawnSync('gzip', ['-9', '-n', '-c'], { input: bytes, maxBuffer: 1 << 28 });
  return r.status === 0 ? r.stdout.length : gzipSync(bytes, { level: 9 }).length;
}

const seen = new Set();
const queue = ['index.html'];
while (queue.length) {
  const path = queue.shift();
  if (seen.has(path)) continue;
  seen.add(path);
  if (!existsSync(join(www, path))) {
    console.error(`bench-size: ${path} is referenced but missing (run ./build.sh first)`);
    process.exit(1);
  }
  if (/\.(?:html|m?js|css)$/.test(path)) queue.push(...references(path, readFileSync(join(www, path), 'utf8')));
}

const rows = [...seen].map((path) => {
  const bytes = readFileSync(join(www, path));
  const br = brotliCompressSync(bytes, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
  });
  return { path, raw: bytes.length, gz: gzipSize(bytes), br: br.length };
});
const total = rows.reduce((t, r) => ({ path: 'total', raw: t.raw + r.raw, gz: t.gz + r.gz, br: t.br + r.br }), {
  raw: 0,
  gz: 0,
  br: 0,
});

const w = Math.max(...rows.map((r) => r.path.length), 5);
const line = (r) =>
  `  ${r.path.padEnd(w)} ${String(r.raw).padStart(8)} ${String(r.gz).padStart(8)} ${String(r.br).padStart(8)}`;
console.log(`page weight (${relative(process.cwd(), www) || '.'}/, bytes)`);
console.log(`  ${'file'.padEnd(w)} ${'raw'.padStart(8)} ${'gzip -9'.padStart(8)} ${'brotli'.padStart(8)}`);
for (const r of rows.sort((a, b) => b.raw - a.raw)) console.log(line(r));
console.log(line(total));
