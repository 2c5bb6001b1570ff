// Splits wasm-bindgen's glue in two, at build time, so the first load carries only what the lite
// module can run: GLUE keeps the instance, the import object and every export the lite module
// backs; GLUE_full.js gets the exports only the full module backs (the simulated client, the
// lessons, the lab, share links, the transcript readers …) and the private helpers only they
// use, importing the rest from GLUE. www/engine.js imports GLUE_full.js with the full module.
//
//   node tools/split-glue.mjs www/pkg/smtp_sim.js www/pkg/smtp_sim_lite_en.wasm
//
// Nothing is kept by hand: an export is full-only when it calls a wasm export the lite module
// lacks; a helper moves with it when nothing left in GLUE uses it and it assigns no binding of
// GLUE's (an import is read-only). The two files together hold every item of the glue, once.

import { readFileSync, writeFileSync } from 'node:fs';

const [gluePath, ...litePaths] = process.argv.slice(2);
const glue = readFileSync(gluePath, 'utf8');
const liteModules = litePaths.map((p) => new WebAssembly.Module(readFileSync(p)));
// What every lite module exports, and what any of them imports.
const liteExports = new Set(
  WebAssembly.Module.exports(liteModules[0])
    .map((e) => e.name)
    .filter((n) => liteModules.every((m) => WebAssembly.Module.exports(m).some((e) => e.name === n))),
);
const liteImports = new Set(liteModules.flatMap((m) => WebAssembly.Module.imports(m).map((i) => i.name)));

// Top-level items: each starts on a line at column 0 (its doc comment with it); indented lines
// and lines closing a block (`}`, `)`) continue the item before.
const lines = glue.split('\n');
const items = [];
let doc = [];
let current = null;
for (const line of lines) {
  const top = line.length > 0 && !/^[\s})\]*]/.test(line);
  if (line.startsWith('/**')) {
    current = null;
    doc = [line];
    continue;
  }
  if (doc.length && !top) {
    doc.push(line);
    continue;
  }
  if (top) {
    current = { text: [...doc, line], names: [] };
    doc = [];
    items.push(current);
    const m = /^(?:export )?(?:async )?(?:function|class|const|let|var) ([\w, ]+?)(?:\s*[=({;]|\s+extends|\s*$)/.exec(line);
    if (m) current.names = m[1].split(',').map((n) => n.trim()).filter(Boolean);
    current.exported = /^export (?:function|class) /.test(line);
    current.mutable = /^let /.test(line);
  } else if (current) {
    current.text.push(line);
  } else if (line.trim() === '' && items.length) {
    items.at(-1).text.push(line);
  }
}
for (const item of items) item.body = item.text.join('\n');
// Every line belongs to exactly one item, in order.
if (items.map((i) => i.body).join('\n').trimEnd() !== glue.trimEnd()) throw new Error('split-glue: the items do not add up to the glue');

const byName = new Map();
for (const item of items) for (const n of item.names) byName.set(n, item);
// `if (Symbol.dispose) X.prototype…` goes with X.
for (const item of items) {
  const m = /^if \(Symbol\.dispose\) (\w+)\.prototype/.exec(item.body);
  if (m) item.owner = byName.get(m[1]);
}
// A class method's header (`    start() {`): its name is no reference.
const METHOD = /^(\s+(?:static\s+)?(?:async\s+)?(?:get\s+|set\s+)?)(?!(?:if|for|while|switch|catch|function|return)\b)[\w$]+(\s*\([^)]*\)\s*\{)$/gm;
const code = (item) =>
  (item.code ??= item.body
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/^\s*\/\/.*$/gm, '')
    .replace(METHOD, '$1$2'));
const refs = (item) => new Set((code(item).match(/\b[A-Za-z_$][\w$]*\b/g) ?? []).filter((w) => byName.has(w) && !item.names.includes(w)));

// A class the lite modules back in part (ServerSession without sendLine, …): each method that
// calls a wasm export they lack leaves the class for the split-off file, which defines it on the
// class (its prototype, or the class for a static one) as the class body would have.
const patches = [];
for (const item of [...items]) {
  const lines = item.body.split('\n');
  const start = lines.findIndex((l) => /^export class \w+/.test(l));
  if (!item.exported || start < 0) continue;
  const cls = /^export class (\w+)/.exec(lines[start])[1];
  // A class the lite modules lack altogether (no destructor there) moves whole, as an export.
  if (!liteExports.has(`__wbg_${cls.toLowerCase()}_free`)) continue;
  const end = lines.lastIndexOf('}');
  const kept = lines.slice(0, start + 1);
  const moved = [];
  let member = [];
  for (const line of lines.slice(start + 1, end)) {
    member.push(line);
    // A member ends at its closing brace, at the class body's indentation.
    if (line !== '    }') continue;
    const calls = [...member.join('\n').matchAll(/\bwasm\.(\w+)/g)].map((m) => m[1]);
    if (!calls.some((c) => !liteExports.has(c))) {
      kept.push(...member);
    } else {
      const at = member.findIndex((l) => /^ {4}(?:static |get |set )?[\w$]+\(.*\) \{$/.test(l));
      const [, kind, name, params] = /^ {4}(static |get |set )?([\w$]+)\((.*)\) \{$/.exec(member[at] ?? '') ?? [];
      if (!name || name === 'constructor') throw new Error(`split-glue: cannot move a member of ${cls}: ${member[at]}`);
      const target = kind === 'static ' ? cls : `${cls}.prototype`;
      const field = kind === 'get ' ? 'get' : kind === 'set ' ? 'set' : 'value';
      const tail = field === 'value' ? ', writable: true, configurable: true' : ', configurable: true';
      moved.push(
        ...member.slice(0, at),
        `Object.defineProperty(${target}, '${name}', { ${field}: function (${params}) {`,
        ...member.slice(at + 1, -1),
        `}${tail} });`,
      );
    }
    member = [];
  }
  if (!moved.length) continue;
  item.body = [...kept, ...member, ...lines.slice(end)].join('\n');
  item.code = undefined;
  const patch = { text: [], names: [], body: moved.join('\n'), exported: false };
  items.splice(items.indexOf(item) + 1, 0, patch);
  patches.push(patch);
}

const full = new Set(patches);
for (const item of items) {
  if (!item.exported) continue;
  const calls = [...code(item).matchAll(/\bwasm\.(\w+)/g)].map((m) => m[1]);
  if (calls.some((c) => !liteExports.has(c))) full.add(item);
}
for (const item of items) if (item.owner && full.has(item.owner)) full.add(item);
// The import object's functions no lite module imports: out of `__wbg_get_imports` into one item
// of their own, which the full file adds to GLUE's `__wbg_more` (spread into the import object).
const getImports = items.find((i) => i.names.includes('__wbg_get_imports'));
if (!getImports) throw new Error('split-glue: no __wbg_get_imports in the glue');
{
  const kept = [];
  const moved = [];
  let into = kept;
  let inObject = false;
  for (const line of getImports.body.split('\n')) {
    if (/^ {4}const import0 = \{$/.test(line)) inObject = true;
    else if (inObject && /^ {4}\};$/.test(line)) {
      inObject = false;
      into = kept;
      kept.push('        ...__wbg_more,');
    } else if (inObject) {
      const entry = /^ {8}([\w$]+): /.exec(line);
      if (entry && entry[1] !== '__proto__') into = liteImports.has(entry[1]) ? kept : moved;
    }
    into.push(line);
  }
  if (!kept.includes('        ...__wbg_more,')) throw new Error('split-glue: no import0 object in __wbg_get_imports');
  getImports.body = kept.join('\n');
  const more = { text: [], names: [], body: `Object.assign(__wbg_more, {\n${moved.join('\n')}\n});`, exported: false, imports: true };
  const store = { text: [], names: ['__wbg_more'], body: '/** The imports only the full modules need, added by the split-off file. */\nconst __wbg_more = {};', exported: false };
  items.splice(items.indexOf(getImports), 0, store);
  items.push(more);
  byName.set('__wbg_more', store);
  full.add(more);
  console.error(`split-glue: ${moved.filter((l) => /^ {8}[\w$]+: /.test(l)).length} imports only the full modules use → the split-off file`);
}
// Helpers only full-only items use (and that assign none of the core's `let` bindings) follow.
const mutables = new Set(items.filter((i) => i.mutable).flatMap((i) => i.names));
const assigns = (item) => [...mutables].some((n) => !item.names.includes(n) && new RegExp(`\\b${n.replace('$', '\\$')}\\s*(?:[-+*/|&]?=)(?!=)`).test(code(item)));
for (let changed = true; changed; ) {
  changed = false;
  const coreRefs = new Set(items.filter((i) => !full.has(i)).flatMap((i) => [...refs(i)]));
  for (const item of items) {
    if (full.has(item) || item.exported || item.owner || !item.names.length || item.mutable) continue;
    if (item.names.some((n) => coreRefs.has(n)) || assigns(item)) continue;
    const users = items.filter((i) => i !== item && refs(i).has(item.names[0]));
    if (users.length && users.every((u) => full.has(u))) {
      full.add(item);
      changed = true;
    }
  }
}
// A full-only export the core still uses stays in the core.
const coreRefs = new Set(items.filter((i) => !full.has(i)).flatMap((i) => [...refs(i)]));
for (const item of [...full]) if (item.names.some((n) => coreRefs.has(n))) throw new Error(`split-glue: the core uses ${item.names}, moved`);
for (const item of full) if (assigns(item)) throw new Error(`split-glue: ${item.names} assigns a binding of the core`);

const needed = new Set([...full].flatMap((i) => [...refs(i)]).filter((n) => !full.has(byName.get(n))));
const fullNames = [...full].filter((i) => i.exported).flatMap((i) => i.names);
const core = items.filter((i) => !full.has(i)).map((i) => i.body).join('\n');
const fullPath = gluePath.replace(/\.js$/, '_full.js');
const fullFile = gluePath.split('/').pop();
// GLUE_full.js imports nothing (a static import of GLUE would make the bundler split GLUE from
// the code around it into chunks of their own): it exports a function that takes GLUE's
// internals (read through getters: `wasm` changes with each instance) and returns the exports.
const accessors = [...needed].sort().map((n) => (mutables.has(n) ? `get ${n}() { return ${n}; }` : n));
const rename = (text) => {
  let out = text.replace(/^export (class|function) /gm, '$1 ');
  const words = [...needed].map((n) => n.replace('$', '\\$')).join('|');
  const free = new RegExp(`(?<![.\\w$])(${words})\\b(?!\\s*:)`, 'g');
  // Code lines only: doc comments and method headers keep their words.
  return out
    .split('\n')
    .map((line) => (/^\s*(?:\*|\/\*\*|\/\/)/.test(line) || new RegExp(METHOD.source).test(line) ? line : line.replace(free, 'core.$1')))
    .join('\n');
};
writeFileSync(
  gluePath,
  `${core.replace(/\n+$/, '')}\n\n/** For ${fullPath.split('/').pop()} (split off this glue by the build): what its exports use. */\nexport const __wbg_core = { ${accessors.join(', ')} };\n`,
);
writeFileSync(
  fullPath,
  `// The glue's exports only the full modules back, split off ${fullFile} by the build (not by hand).\n\n/** These exports, on ${fullFile}'s internals (its \`__wbg_core\`). */\nexport function __wbg_full(core) {\n${[...full].map((i) => rename(i.body)).join('\n').replace(/\n+$/, '')}\n  return { ${fullNames.join(', ')} };\n}\n`,
);
console.error(`split-glue: ${fullNames.length} exports (${fullNames.join(', ')}) and ${full.size - fullNames.length} items with them → ${fullPath}`);
