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
// A module built with other features than GLUE's (a lite module) is given as WASM=OWN_GLUE, the
// glue wasm-bindgen wrote with it: wasm-bindgen numbers its cast intrinsics
// (`__wbindgen_generic_0000000000000001`, …) per build, in the order the build meets them, so
// the same number can cast to another type in GLUE (a string read as a Uint8Array). Such a
// module's intrinsics are renamed to GLUE's number for the same cast (each glue says which cast
// in a comment); one GLUE lacks stops the build.
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

/** A glue's cast intrinsics: name (`__wbindgen_generic_…`) → the cast, as its comment says. */
function casts(glue) {
  const out = new Map();
  for (const m of glue.matchAll(/^ +(__wbindgen_generic_\d+): function\([^)]*\) \{\n +\/\/ (Cast intrinsic for .*)$/gm)) {
    out.set(m[1], m[2]);
  }
  return out;
}

/** `map` and, for a module with its own glue, its cast intrinsics renamed to GLUE's. */
function moduleMapping(map, glue, ownGluePath, file) {
  if (!ownGluePath) return map;
  const own = casts(readFileSync(ownGluePath, 'utf8'));
  const named = new Map([...casts(glue)].map(([name, cast]) => [cast, name]));
  const out = new Map(map);
  for (const [name, cast] of own) {
    if (!named.has(cast)) throw new Error(`${file}: ${name} (${cast}) is not in the glue`);
    out.set(name, named.get(cast));
  }
  return out;
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
for (const arg of modules) {
  const [file, ownGlue] = arg.split('=');
  const wasm = renameImports(readFileSync(file), moduleMapping(map, glue, ownGlue, file), file);
  // Still a module, importing only names the glue now has.
  const imports = WebAssembly.Module.imports(new WebAssembly.Module(wasm));
  const missing = imports.filter((i) => HASHED.test(i.name));
  if (missing.length) throw new Error(`${file}: ${missing[0].name} left`);
  writeFileSync(file, wasm);
}
console.error(`short-imports: ${map.size} names, ${namesOnly ? '' : 'the glue and '}${modules.length} modules`);
