// Writes the page as ONE self-contained HTML file: the CSS in a <style>, every ES module wrapped
// in a function scope inside one inline <script type="module">, the wasm inlined as base64 and
// instantiated from those bytes, the favicon as a data: URL. It works opened straight from disk.
//
//   node tools/dist.mjs WWW_DIR OUT_FILE
//
// Content-Security-Policy: from file:// there is no 'self' worth trusting, so the policy names
// the one inline script and the one inline style by their SHA-256 hashes, keeps
// 'wasm-unsafe-eval' for the module, allows images only as data: URLs and nothing else (no
// fetch, no connections, no frames).
//
// The module wrapper understands the forms our modules and wasm-bindgen's glue use (single
// `import … from './x.js'` statements, `export function/class/const/let`, `export { a, b as c }`,
// `export default`) and stops with an error on anything else rather than guess.

import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const [wwwArg, outArg] = process.argv.slice(2);
if (!wwwArg || !outArg) {
  console.error('usage: node tools/dist.mjs WWW_DIR OUT_FILE');
  process.exit(2);
}
const www = resolve(wwwArg);
const read = (p) => readFileSync(join(www, p), 'utf8');

function fail(message) {
  console.error(`dist: ${message}`);
  process.exit(1);
}

const IMPORT_RE = /^import\s+([^;]*?)\s+from\s+['"](\.{1,2}\/[^'"]+)['"];?[ \t]*$/gm;

/** `init, { a, b as c }` or `* as ns` → the destructuring that reads them from a module object. */
function bindingsOf(clause, moduleVar) {
  const star = /^\*\s+as\s+(\w+)$/.exec(clause);
  if (star) return `const ${star[1]} = ${moduleVar};`;
  const m = /^(?:(\w+)\s*,?\s*)?(?:\{([^}]*)\})?$/.exec(clause.trim());
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
function transform(source, resolveVar) {
  const exported = [];
  let body = source.replace(IMPORT_RE, (_, clause, spec) => bindingsOf(clause, resolveVar(spec)));
  body = body.replace(/^export\s+(async\s+function\*?|function\*?|class|const|let|var)\s+([\w$]+)/gm, (_, kw, name) => {
    exported.push([name, name]);
    return `${kw} ${name}`;
  });
  body = body.replace(/^export\s+default\s+(?:async\s+)?function\s+([\w$]+)/gm, (m, name) => {
    exported.push(['default', name]);
    return m.replace(/^export\s+default\s+/, '');
  });
  body = body.replace(/^export\s*\{([^}]*)\};?/gm, (_, list) => {
    for (const spec of list.split(',').map((s) => s.trim()).filter(Boolean)) {
      const [local, name] = spec.split(/\s+as\s+/);
      exported.push([name ?? local, local]);
    }
    return '';
  });
  const leftover = /^(?:import|export)\b.*$/m.exec(body);
  if (leftover) fail(`unsupported module syntax: ${leftover[0]}`);
  const ret = exported.map(([name, local]) => (name === local ? name : `${JSON.stringify(name)}: ${local}`));
  return { body, ret };
}

/** Bundles `entrySource` (an inline module text living in www/) and everything it imports. */
function bundle(entrySource) {
  const order = [];
  const vars = new Map();
  const visiting = new Set();
  const visit = (file) => {
    if (vars.has(file)) return vars.get(file);
    if (visiting.has(file)) fail(`import cycle through ${file}`);
    visiting.add(file);
    const source = read(file);
    for (const [, , spec] of source.matchAll(IMPORT_RE)) visit(join(dirname(file), spec));
    const name = `__module_${vars.size}`;
    vars.set(file, name);
    order.push([file, source]);
    visiting.delete(file);
    return name;
  };
  const resolver = (from) => (spec) => vars.get(join(dirname(from), spec));
  for (const [, , spec] of entrySource.matchAll(IMPORT_RE)) visit(join('.', spec));
  const chunks = order.map(([file, source]) => {
    const { body, ret } = transform(source, resolver(file));
    return `// ${relative(www, join(www, file))}\nconst ${vars.get(file)} = (() => {\n${body}\nreturn { ${ret.join(', ')} };\n})();\n`;
  });
  const entry = transform(entrySource, resolver('index.html')).body;
  return `${chunks.join('\n')}\n${entry}`;
}

const wasmBase64 = readFileSync(join(www, 'pkg', 'smtp_sim_bg.wasm')).toString('base64');
const entry = `import init from './pkg/smtp_sim.js';
import { start } from './app.js';
import { t } from './i18n.js';
import { startSimModes } from './sim-modes.js';
const wasmBytes = Uint8Array.from(atob('${wasmBase64}'), (c) => c.charCodeAt(0));
try {
  await init({ module_or_path: wasmBytes });
} catch (e) {
  document.getElementById('explanation-body').textContent = t('loadFailed');
  throw e;
}
start();
startSimModes();
`;

// A "</script" inside the code would end the element early; "<\/" means the same in JS strings.
const script = bundle(entry).replaceAll('</script', '<\\/script').replaceAll('<!--', '<\\!--');
const style = read('style.css');
if (style.includes('</style')) fail('style.css contains "</style"');
const sha = (text) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
const favicon = `data:image/svg+xml;base64,${Buffer.from(read('favicon.svg')).toString('base64')}`;
const csp = [
  "default-src 'none'",
  `script-src ${sha(script)} 'wasm-unsafe-eval'`,
  `style-src ${sha(style)}`,
  'img-src data:',
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

let html = read('index.html');
const replaceOnce = (pattern, replacement, what) => {
  if (!pattern.test(html)) fail(`index.html: ${what} not found`);
  html = html.replace(pattern, () => replacement);
};
replaceOnce(/<meta http-equiv="Content-Security-Policy" content="[^"]*">/, `<meta http-equiv="Content-Security-Policy" content="${csp}">`, 'CSP meta');
replaceOnce(/<link rel="stylesheet" href="style.css">/, `<style>${style}</style>`, 'stylesheet link');
replaceOnce(/<script type="module" src="main.js"><\/script>/, `<script type="module">${script}</script>`, 'main.js script');
html = html.replaceAll('href="favicon.svg"', `href="${favicon}"`).replaceAll('src="favicon.svg"', `src="${favicon}"`);
const stray = /(?:src|href)="(?!data:|#|https:)[^"]*"/.exec(html);
if (stray) fail(`a reference to a separate file is left: ${stray[0]}`);

mkdirSync(dirname(resolve(outArg)), { recursive: true });
writeFileSync(outArg, html);
console.log(`dist: ${outArg} (${html.length} bytes)`);
