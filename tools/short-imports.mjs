// Shorter names for the functions the wasm modules import from the wasm-bindgen glue.
// wasm-bindgen names each one after the JS it calls plus a 16-hex-digit hash
// (`__wbg_new_bb74001155cb8ca8`), so names stay unique across crates and versions; here the set
// is closed (one glue, the modules built with it), so the hash goes: `__wbg_new`, and when a
// name occurs more than once, `__wbg_new`, `__wbg_new1`, … in the order of the hashes. The
// hashes do not compress: about 0.7 KB gzipped in the glue and 0.4 KB in each module.
//
//   node tools/short-imports.mjs GLUE [WASM …]             renames in the glue and the modules
//   node tools/short-imports.mjs --names-from GLUE WASM …  only the modules, with GLUE's names
//
// The names are read from GLUE's `__wbg_get_imports` (wasm-bindgen's own output, not renamed
// yet); a module that imports a hashed name the glue does not have stops the build.

import { readFileSync, writeFileSync } from 'node:fs';

const HASHED = /^(__wbg_\w+?)_[0-9a-f]{16}$/;

/** Old name → new name, for every hashed import of the glue's `__wbg_get_imports`. */
function mapping(glue) {
  const start = glue.indexOf('function __wbg_get_imports()');
  if (start < 0) throw new Error('no __wbg_get_imports in the glue');
  const body = glue.slice(start, glue.indexOf('\n}\n', start));
  const names = [...body.matchAll(/^\s+(__wbg_\w+): function\b/gm)].map((m) => m[1]).filter((n) => HASHED.test(n));
  if (!names.length) throw new Error('the glue has no hashed import names (renamed already?)');
  const map = new Map();
  const count = new Map();
  for (const name of [...new Set(names)].sort()) {
    const base = name.match(HASHED)[1];
    const n = count.get(base) ?? 0;
    count.set(base, n + 1);
    map.set(name, n ? `${base}${n}` : base);
  }
  const taken = new Set(body.match(/\b__wb\w+/g).filter((n) => !map.has(n)));
  for (const short of map.values()) {
    if (taken.has(short)) throw new Error(`${short} is taken twice`);
    taken.add(short);
  }
  return map;
}

/** Reads an unsigned LEB128 at `at`: [value, next offset]. */
function leb(bytes, at) {
  let value = 0;
  let shift = 0;
  for (;;) {
    const b = bytes[at++];
    value += (b & 0x7f) * 2 ** shift;
    shift += 7;
    if (!(b & 0x80)) return [value, at];
  }
}

function encodeLeb(value) {
  const out = [];
  do {
    let b = value % 128;
    value = Math.floor(value / 128);
    if (value) b |= 0x80;
    out.push(b);
  } while (value);
  return out;
}

const utf8 = new TextEncoder();
const text = new TextDecoder();

/** The module with its import section's names renamed by `map` (every other byte as it was). */
function renameImports(bytes, map, file) {
  const out = [bytes.subarray(0, 8)];
  let at = 8;
  while (at < bytes.length) {
    const id = bytes[at];
    const [size, body] = leb(bytes, at + 1);
    const end = body + size;
    if (id !== 2) {
      out.push(bytes.subarray(at, end));
      at = end;
      continue;
    }
    let [count, p] = leb(bytes, body);
    const section = [...encodeLeb(count)];
    const name = () => {
      const [len, from] = leb(bytes, p);
      p = from + len;
      return text.decode(bytes.subarray(from, p));
    };
    const skipLeb = () => {
      p = leb(bytes, p)[1];
    };
    const limits = () => {
      const flags = bytes[p++];
      skipLeb();
      if (flags & 1) skipLeb();
    };
    while (count--) {
      const module = name();
      let field = name();
      if (map.has(field)) field = map.get(field);
      else if (HASHED.test(field)) throw new Error(`${file} imports ${field}, which the glue does not have`);
      const desc = p;
      const kind = bytes[p++];
      if (kind === 0) skipLeb();
      else if (kind === 1) (p++, limits());
      else if (kind === 2) limits();
      else if (kind === 3) p += 2;
      else if (kind === 4) (p++, skipLeb());
      else throw new Error(`${file}: import of unknown kind ${kind}`);
      for (const s of [module, field]) {
        const b = utf8.encode(s);
        section.push(...encodeLeb(b.length), ...b);
      }
      section.push(...bytes.subarray(desc, p));
    }
    if (p !== end) throw new Error(`${file}: the import section does not end where it says`);
    out.push(Uint8Array.of(2, ...encodeLeb(section.length), ...section));
    at = end;
  }
  return Buffer.concat(out);
}

const args = process.argv.slice(2);
const namesOnly = args[0] === '--names-from';
if (namesOnly) args.shift();
const [gluePath, ...modules] = args;
const glue = readFileSync(gluePath, 'utf8');
const map = mapping(glue);
if (!namesOnly) {
  const renamed = glue.replace(/\b__wbg_\w+_[0-9a-f]{16}\b/g, (n) => map.get(n) ?? n);
  writeFileSync(gluePath, renamed);
}
for (const file of modules) {
  const wasm = renameImports(readFileSync(file), map, file);
  // Still a module, importing only names the glue now has.
  const imports = WebAssembly.Module.imports(new WebAssembly.Module(wasm));
  const missing = imports.filter((i) => HASHED.test(i.name));
  if (missing.length) throw new Error(`${file}: ${missing[0].name} left`);
  writeFileSync(file, wasm);
}
console.error(`short-imports: ${map.size} names, ${namesOnly ? '' : 'the glue and '}${modules.length} modules`);
