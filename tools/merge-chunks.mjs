// One file for an entry's first load instead of three: esbuild's code splitting puts what the
// entry shares with its lazy parts (full-ui.js, the client tools, the comparison …) in shared
// chunks by the set of parts that use it (ENTRY.chunk.js, ENTRY.chunk2.js), and the entry's own
// code in ENTRY.min.js; the entry imports them all at once, so the three are always fetched
// together, and three files gzip about 1.2 KB worse than one (bench/RESULTS.md §35). This joins
// every chunk the entry imports (and what they import) with the entry into one file, and points
// the lazy parts' imports at it.
//
//   node tools/merge-chunks.mjs WWW ENTRY [--into-entry]   (build.sh runs it after the renames)
//
// Without --into-entry the joined code is ENTRY.chunk.js and ENTRY.min.js re-exports the entry's
// exports from it (a few bytes): a lazy part imports ENTRY.chunk.js, never the entry, so an author's
// `<script src="smtp-sim.min.js?v=2">` still evaluates the code once. With --into-entry (a page of
// ours that names the entry itself: embed.html) the joined code is ENTRY.min.js, one request fewer.
// Both passes are esbuild's, reading the input source maps, so the maps still point at www/'s modules.

import { readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';

const [www, entry, flag] = process.argv.slice(2);
if (!www || !entry) {
  console.error('usage: node tools/merge-chunks.mjs WWW ENTRY [--into-entry]');
  process.exit(2);
}
const intoEntry = flag === '--into-entry';
const BANNER = '//# allFunctionsCalledOnLoad';
const entryFile = `${entry}.min.js`;
const read = (file) => readFileSync(join(www, file), 'utf8');
const fail = (message) => {
  console.error(`merge-chunks: ${message}`);
  process.exit(1);
};

/** The files `code` imports statically (`import{…}from"./x.js"`, `import"./x.js"`), not import(). */
const staticImports = (code) =>
  [...code.matchAll(/(?:^|[;\n])\s*import\s*(?:\{[^}]*\}\s*from\s*|[\w$]+\s*from\s*|\*\s*as\s+[\w$]+\s*from\s*)?["']\.\/([^"']+)["']/g)].map((m) => m[1]);

/** A chunk's exported names: esbuild writes one `export{a as b,…};` at its end. */
function exportsOf(file) {
  const code = read(file);
  const all = [...code.matchAll(/(?:^|[;\n}])\s*export\s*\{([^}]*)\}\s*;?/g)];
  if (all.length !== 1) fail(`${file}: expected one export list, found ${all.length}`);
  if (/(?:^|[;\n])\s*export\s+(?:default|function|class|const|let|var|\*)/.test(code)) fail(`${file}: an export form esbuild does not write`);
  return all[0][1]
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((spec) => spec.split(/\s+as\s+/).at(-1));
}

// The chunks of the first load: what the entry imports, and what those import.
const merged = [];
const pending = staticImports(read(entryFile));
while (pending.length) {
  const file = pending.shift();
  if (merged.includes(file)) continue;
  if (!file.startsWith(`${entry}.`)) fail(`${entryFile} imports ${file}, not one of its chunks`);
  merged.push(file);
  pending.push(...staticImports(read(file)));
}
if (!merged.length) process.exit(0);

// New short export names for what the chunks export (the lazy parts import them).
const entryExports = /export\s*\{/.test(read(entryFile)) ? exportsOf(entryFile) : [];
const RESERVED = new Set(['do', 'if', 'in', 'as']);
let counter = 0;
function nextName() {
  const letters = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
  for (;;) {
    let n = counter++;
    let name = letters[n % 52];
    n = Math.floor(n / 52);
    while (n > 0) {
      name = letters[(n - 1) % 52] + name;
      n = Math.floor((n - 1) / 52);
    }
    if (!RESERVED.has(name) && !entryExports.includes(name)) return name;
  }
}
/** `renamed.get(chunk).get(old export name)` → the joined file's export name. */
const renamed = new Map(merged.map((file) => [file, new Map(exportsOf(file).map((name) => [name, nextName()]))]));

const target = intoEntry ? entryFile : `${entry}.chunk.js`;
const mergedSet = new Set([entryFile, ...merged]);
const local = (path) => path.replace(/^\.\//, '');

/** Everything but the files being joined stays an import (the lazy parts, the labels). */
const externals = (keep) => ({
  name: 'externals',
  setup(b) {
    b.onResolve({ filter: /.*/ }, (args) => {
      if (args.kind === 'entry-point') return undefined;
      if (args.path.startsWith('joined:')) return { path: `./${target}`, external: true };
      if (keep(local(args.path))) return undefined;
      return { path: args.path, external: true };
    });
  },
});

const options = {
  bundle: true,
  write: false,
  format: 'esm',
  target: 'es2022',
  minify: true,
  sourcemap: 'external',
  legalComments: 'none',
  logLevel: 'warning',
  banner: { js: BANNER },
  absWorkingDir: resolve(www),
};

/** Writes esbuild's outputs (the file and its map), the map's name as the file's. */
function save(result, file) {
  for (const out of result.outputFiles) {
    let text = out.text;
    if (out.path.endsWith('.map')) writeFileSync(join(www, `${file}.map`), text);
    else {
      text = text.replace(/\/\/# sourceMappingURL=\S+\s*$/, `//# sourceMappingURL=${file}.map\n`);
      writeFileSync(join(www, file), text);
    }
  }
}

// 1. The joined file: the entry (its exports kept) and every chunk's exports under the new names.
const joinedSource = [
  entryExports.length ? `export * from './${entryFile}';` : `import './${entryFile}';`,
  ...merged.map((file) => `export { ${[...renamed.get(file)].map(([from, to]) => `${from} as ${to}`).join(', ')} } from './${file}';`),
].join('\n');
const joined = await build({
  ...options,
  stdin: { contents: joinedSource, resolveDir: resolve(www), sourcefile: 'joined.js', loader: 'js' },
  outfile: join(resolve(www), target),
  plugins: [externals((path) => mergedSet.has(path))],
});

// 2. Every other part of the entry that imports a joined chunk: its imports through a shim that
//    names the joined file's exports.
const parts = readdirSync(www).filter((f) => f.startsWith(`${entry}.`) && f.endsWith('.js') && !mergedSet.has(f));
const rebuilt = [];
for (const file of parts) {
  const imports = staticImports(read(file));
  if (imports.includes(entryFile)) fail(`${file} imports ${entryFile}`);
  if (!imports.some((f) => renamed.has(f))) continue;
  const result = await build({
    ...options,
    entryPoints: [join(resolve(www), file)],
    outfile: join(resolve(www), file),
    allowOverwrite: true,
    plugins: [
      {
        name: 'shim',
        setup(b) {
          b.onResolve({ filter: /.*/ }, (args) => (renamed.has(local(args.path)) && args.kind !== 'entry-point' ? { path: local(args.path), namespace: 'shim' } : undefined));
          b.onLoad({ filter: /.*/, namespace: 'shim' }, (args) => ({
            contents: `export { ${[...renamed.get(args.path)].map(([from, to]) => `${to} as ${from}`).join(', ')} } from 'joined:';`,
            loader: 'js',
          }));
        },
      },
      externals(() => false),
    ],
  });
  rebuilt.push([result, file]);
}

// Written only once every build succeeded.
for (const file of merged) {
  rmSync(join(www, file));
  rmSync(join(www, `${file}.map`), { force: true });
}
save(joined, target);
if (!intoEntry) {
  const stub = entryExports.length
    ? `export{${entryExports.join(',')}}from"./${target}";`
    : `import"./${target}";`;
  // No compile hint: one line, nothing to compile.
  writeFileSync(join(www, entryFile), `${stub}\n`);
  rmSync(join(www, `${entryFile}.map`), { force: true });
}
for (const [result, file] of rebuilt) save(result, file);
const left = parts.filter((f) => merged.some((m) => read(f).includes(`"./${m}"`) && m !== target));
if (left.length) fail(`${left.join(', ')} still name a joined chunk`);
console.error(`merge-chunks: ${entry}: ${[entryFile, ...merged].join(' + ')} → ${target}; ${rebuilt.length} parts re-pointed`);
