// Bundles ES modules under www/ into one classic script: each module becomes a function scope
// that returns its exports, run in dependency order, so the result works from file://, in an LMS
// zip and inside an inline <script>. `import.meta.url` becomes the script's own address.
//
// It understands the forms our modules and wasm-bindgen's glue use (`import … from './x.js'`,
// `import './x.js'`, `export function/class/const/let`, `export { a, b as c }`, `export default`)
// and stops with an error on anything else rather than guess. A dynamic `import('./x.js')` (the
// views smtp-sim.js loads on first use) is bundled too: the one file must work offline, so the
// module is in it and the call resolves to it at once.

import { readFileSync } from 'node:fs';
import { join, posix } from 'node:path';

const IMPORT_RE = /^import\s+(?:([^;'"]*?)\s+from\s+)?['"](\.{1,2}\/[^'"]+)['"];?[ \t]*$/gm;
const DYNAMIC_RE = /\bimport\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g;

export class BundleError extends Error {}

function fail(message) {
  throw new BundleError(message);
}

/** `init, { a, b as c }` or `* as ns` → the destructuring that reads them from a module object. */
function bindingsOf(clause, moduleVar) {
  if (!clause) return '';
  const star = /^\*\s+as\s+(\w+)$/.exec(clause.trim());
  if (star) return `const ${star[1]} = ${moduleVar};`;
  const m = /^(?:(\w+)\s*,?\s*)?(?:\{([^}]*)\})?$/s.exec(clause.trim());
  if (!m) fail(`cannot read import clause "${clause}"`);
  const parts = [];
  if (m[1]) parts.push(`default: ${m[1]}`);
  for (const spec of (m[2] ?? '').split(',').map((s) => s.trim()).filter(Boolean)) {
    const [name, alias] = spec.split(/\s+as\s+/);
    parts.push(alias ? `${name}: ${alias}` : name);
  }
  return `const { ${parts.join(', ')} } = ${moduleVar};`;
}

/** Rewrites one module body: imports become reads of earlier modules, exports are collected. */
function transform(source, resolveVar, file) {
  const exported = [];
  let body = source.replace(IMPORT_RE, (_, clause, spec) => bindingsOf(clause, resolveVar(spec)));
  body = body.replace(DYNAMIC_RE, (_, spec) => `Promise.resolve(${resolveVar(spec)})`);
  body = body.replace(/^export\s+(async\s+function\*?|function\*?|class|const|let|var)\s+([\w$]+)/gm, (_, kw, name) => {
    exported.push([name, name]);
    return `${kw} ${name}`;
  });
  body = body.replace(/^export\s+default\s+(?:async\s+)?(function|class)\s+([\w$]+)/gm, (m, _kw, name) => {
    exported.push(['default', name]);
    return m.replace(/^export\s+default\s+/, '');
  });
  body = body.replace(/^export\s+default\s+/gm, () => {
    exported.push(['default', '__default']);
    return 'const __default = ';
  });
  body = body.replace(/^export\s*\{([^}]*)\};?/gm, (_, list) => {
    for (const spec of list.split(',').map((s) => s.trim()).filter(Boolean)) {
      const [local, name] = spec.split(/\s+as\s+/);
      exported.push([name ?? local, local]);
    }
    return '';
  });
  const leftover = /^(?:import|export)\b.*$/m.exec(body);
  if (leftover) fail(`${file}: unsupported module syntax: ${leftover[0]}`);
  body = body.replaceAll('import.meta.url', '__bundleBase');
  if (/\bimport\.meta\b/.test(body)) fail(`${file}: import.meta other than its url cannot be bundled`);
  const ret = exported.map(([name, local]) => (name === local ? name : `${JSON.stringify(name)}: ${local}`));
  return { body, ret };
}

/**
 * The files `entries` import, directly or not (dynamic imports too), in dependency order
 * (www-relative paths).
 * `root` is the www directory.
 */
export function moduleGraph(root, entries) {
  const order = [];
  const seen = new Set();
  const visiting = new Set();
  const visit = (file) => {
    if (seen.has(file)) return;
    if (visiting.has(file)) fail(`import cycle through ${file}`);
    visiting.add(file);
    const source = readFileSync(join(root, file), 'utf8');
    for (const [, , spec] of source.matchAll(IMPORT_RE)) visit(posix.join(posix.dirname(file), spec));
    for (const [, spec] of source.matchAll(DYNAMIC_RE)) visit(posix.join(posix.dirname(file), spec));
    visiting.delete(file);
    seen.add(file);
    order.push(file);
  };
  for (const entry of entries) visit(posix.normalize(entry));
  return order;
}

/**
 * One classic script holding `entrySource` (module code as if it lived in www/) and every module
 * it imports. `prelude` runs first, inside the same scope (for example a wasm byte array).
 */
export function bundle(root, entrySource, { prelude = '' } = {}) {
  const entries = [...entrySource.matchAll(IMPORT_RE)].map(([, , spec]) => posix.normalize(spec));
  const order = moduleGraph(root, entries);
  const vars = new Map(order.map((file, i) => [file, `__module_${i}`]));
  const resolver = (from) => (spec) => vars.get(posix.join(posix.dirname(from), spec));
  const chunks = order.map((file) => {
    const source = readFileSync(join(root, file), 'utf8');
    const { body, ret } = transform(source, resolver(file), file);
    return `// ${file}\nconst ${vars.get(file)} = (() => {\n${body}\nreturn { ${ret.join(', ')} };\n})();\n`;
  });
  const entry = transform(entrySource, resolver('entry.js'), 'entry').body;
  const base = `const __bundleBase = (typeof document !== 'undefined' && document.currentScript && document.currentScript.src) || (typeof location !== 'undefined' ? location.href : '');`;
  return `(() => {\n'use strict';\n${base}\n${prelude}\n${chunks.join('\n')}\n${entry}\n})();\n`;
}

