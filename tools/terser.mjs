// A second minifying pass over esbuild's bundles: terser (compress, two passes, and mangle) on
// each output (kept when it gzips smaller), its source map chained to esbuild's so it still points at www/'s modules.
// Measured on the first loads (bench/RESULTS.md): esbuild's output then terser gzips about 2 %
// smaller than esbuild's alone, and smaller than terser on esbuild's unminified bundle.
//
//   node tools/terser.mjs www/app.min.js www/app.chunk.js …   (build.sh runs it)

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { gzipSync } from 'node:zlib';
import { minify } from 'terser';

const gz = (text) => gzipSync(text, { level: 9 }).length;

let before = 0;
let after = 0;
await Promise.all(
  process.argv.slice(2).map(async (file) => {
    const source = readFileSync(file, 'utf8');
    const map = `${file}.map`;
    const sourceMap = existsSync(map) ? { content: readFileSync(map, 'utf8'), url: basename(map) } : false;
    // module: the bundles are ES modules (top-level names are private, strict mode).
    const out = await minify(source, {
      module: true,
      ecma: 2022,
      compress: { passes: 2 },
      mangle: true,
      sourceMap,
    });
    // A file terser does not make smaller gzipped (a table of labels) is kept as esbuild wrote it.
    before += gz(source);
    if (gz(out.code) >= gz(source)) {
      after += gz(source);
      return;
    }
    after += gz(out.code);
    writeFileSync(file, out.code);
    if (sourceMap) writeFileSync(map, out.map);
  }),
);
console.error(`terser: ${before - after} gzipped bytes fewer`);
