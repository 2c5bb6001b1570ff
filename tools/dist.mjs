// Writes what `./build.sh dist` ships, from www/ (with www/pkg/ built):
//
//   DIST/smtp-sim.html       the full page as ONE file (works opened from disk)
//   DIST/smtp-sim.inline.js  the element as one classic script with the wasm inside
//                            (<script src="smtp-sim.inline.js"></script>: file://, LMS zips)
//   DIST/npm/                an npm package: the element's modules, the wasm, the inline
//                            variant, smtp-sim.d.ts, package.json with exports and types
//
//   node tools/dist.mjs WWW_DIR DIST_DIR
//
// Content-Security-Policy of the single page: from file:// there is no 'self' worth trusting, so
// the policy names the one inline script and the one inline style by their SHA-256 hashes, keeps
// 'wasm-unsafe-eval' for the module, allows images only as data: URLs and nothing else. The
// element's own styles are constructable stylesheets, which need no style-src.

import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { BundleError, bundle, moduleGraph } from './bundle.mjs';

const [wwwArg, distArg] = process.argv.slice(2);
if (!wwwArg || !distArg) {
  console.error('usage: node tools/dist.mjs WWW_DIR DIST_DIR');
  process.exit(2);
}
const www = resolve(wwwArg);
const dist = resolve(distArg);
const root = resolve(www, '..');
const read = (p) => readFileSync(join(www, p), 'utf8');

function fail(message) {
  console.error(`dist: ${message}`);
  process.exit(1);
}

function write(file, text) {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
  console.log(`dist: ${file} (${text.length} bytes)`);
}

const wasmBase64 = readFileSync(join(www, 'pkg', 'smtp_sim_bg.wasm')).toString('base64');
const prelude = `const __wasmBytes = Uint8Array.from(atob('${wasmBase64}'), (c) => c.charCodeAt(0));`;
// A "</script" inside the code would end the element early; "<\/" means the same in JS strings.
const inlineSafe = (code) => code.replaceAll('</script', '<\\/script').replaceAll('<!--', '<\\!--');

function bundled(entry) {
  try {
    return inlineSafe(bundle(www, entry, { prelude }));
  } catch (e) {
    if (e instanceof BundleError) fail(e.message);
    throw e;
  }
}

// The element with its wasm: configure() runs before the engine's first load reads it.
const elementEntry = `import { configure } from './engine.js';
import './smtp-sim.js';
configure({ wasmBytes: __wasmBytes });
`;
const pageEntry = `import { configure } from './engine.js';
import './app.js';
configure({ wasmBytes: __wasmBytes });
`;

// 1. The element, inline.
const inlineJs = bundled(elementEntry);
write(join(dist, 'smtp-sim.inline.js'), inlineJs);

// 2. The page, as one file.
const script = bundled(pageEntry);
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
// index.html holds style.css inline already (tools/inline-page.mjs): the same text, unminified.
// The element's tokens on :root before the bundle (index.html's first frame): here the bundle is
// inline, its adopted sheets hold them.
replaceOnce(/<style data-inline="first-tokens\.css">[\s\S]*?<\/style>\n/, '', 'inline tokens');
replaceOnce(/<style data-inline="style\.css">[\s\S]*?<\/style>/, `<style>${style}</style>`, 'inline style.css');
// An inline module script runs after the document is parsed, as the served app.min.js does.
// The bundle's shared chunks are inside the one script: nothing to preload.
replaceOnce(/(?:<link rel="modulepreload" href="app\.chunk\d*\.js">\n)+/, '', 'app.chunk*.js modulepreloads');
// The module is inside the script too (configure({ wasmBytes })): no early fetch of a wasm file.
replaceOnce(/<!-- early\.min\.js: [\s\S]*?-->\n<script data-inline="early\.min\.js">[\s\S]*?<\/script>\n/, '', 'early.min.js script');
// The first screen shipped in the element's shadow root (its styles inline in it, first.css):
// the element builds its own here, as it does on an author's page, under the page's placeholder.
replaceOnce(/ data-first-screen><template shadowrootmode[\s\S]*?<\/template>/, '>', 'first screen');
replaceOnce(/<!-- What the first frame waits for [\s\S]*?-->\n/, '', 'inline parts comment');
replaceOnce(/<script type="module" src="app\.min\.js"><\/script>/, `<script type="module">${script}</script>`, 'app.min.js script');
html = html.replaceAll('href="favicon.svg"', `href="${favicon}"`).replaceAll('src="favicon.svg"', `src="${favicon}"`);
const markup = html.replace(/<script\b[^>]*>[\s\S]*?<\/script>|<style>[\s\S]*?<\/style>/g, '');
const stray = /(?:src|href)="(?!data:|#|https:)[^"]*"/.exec(markup);
if (stray) fail(`a reference to a separate file is left: ${stray[0]}`);
write(join(dist, 'smtp-sim.html'), html);

// 3. The npm package: the element's module graph as it is (bundlers follow import.meta.url to the
// wasm), the inline variant and the types.
const pkgDir = join(dist, 'npm');
rmSync(pkgDir, { recursive: true, force: true });
const files = moduleGraph(www, ['smtp-sim.js']);
// The engine loads the lite module of the language shown first, that language's full module on
// first use of the rest, and the two-language one when a page shows both; the one-language modules
// read the catalogue's long texts from that language's texts file (the inline builds run on the
// two-language module, which holds them). The end-of-data scanner's own module
// (`smtp-sim/scanner`): its class and both flavours.
const WASM = [
  'pkg/smtp_sim_bg.wasm',
  'pkg/smtp_sim_en.wasm',
  'pkg/smtp_sim_pt-BR.wasm',
  'pkg/smtp_sim_lite_en.wasm',
  'pkg/smtp_sim_lite_pt-BR.wasm',
  'pkg/smtp_sim_scan_simd.wasm',
  'pkg/smtp_sim_scan.wasm',
  'pkg/texts_en.bin',
  'pkg/texts_pt-BR.bin',
  'pkg/texts_en_rare.bin',
  'pkg/texts_pt-BR_rare.bin',
];
files.push('scanner.js');
for (const file of [...files, ...WASM, 'pkg/smtp_sim.d.ts', 'smtp-sim.d.ts', 'scanner.d.ts']) {
  mkdirSync(dirname(join(pkgDir, file)), { recursive: true });
  copyFileSync(join(www, file), join(pkgDir, file));
}
writeFileSync(join(pkgDir, 'smtp-sim.inline.js'), inlineJs);

// 4. The shipped lessons (lessons/*.smtp and their index), beside the page and in the package, so
// <smtp-sim lesson="lessons/first-mail.smtp"> works wherever the element is served from.
const lessonsDir = join(root, 'lessons');
const lessonFiles = readdirSync(lessonsDir).filter((f) => f.endsWith('.smtp') || f === 'index.txt');
for (const target of [join(dist, 'lessons'), join(pkgDir, 'lessons')]) {
  rmSync(target, { recursive: true, force: true });
  mkdirSync(target, { recursive: true });
  for (const f of lessonFiles) copyFileSync(join(lessonsDir, f), join(target, f));
}
console.log(`dist: ${lessonFiles.length} lesson files in ${join(dist, 'lessons')} and ${join(pkgDir, 'lessons')}`);
const version = /^version\s*=\s*"([^"]+)"/m.exec(readFileSync(join(root, 'Cargo.toml'), 'utf8'))?.[1] ?? '0.0.0';
const manifest = {
  name: 'smtp-sim',
  version,
  description: 'The <smtp-sim> custom element: talk to a simulated mail server, every SMTP reply explained (WebAssembly).',
  license: 'MIT OR Apache-2.0',
  type: 'module',
  main: './smtp-sim.js',
  module: './smtp-sim.js',
  types: './smtp-sim.d.ts',
  exports: {
    '.': { types: './smtp-sim.d.ts', default: './smtp-sim.js' },
    './inline': './smtp-sim.inline.js',
    './scanner': { types: './scanner.d.ts', default: './scanner.js' },
    './smtp_sim_bg.wasm': './pkg/smtp_sim_bg.wasm',
    './package.json': './package.json',
  },
  files: [...files, ...WASM, 'pkg/smtp_sim.d.ts', 'smtp-sim.d.ts', 'scanner.d.ts', 'smtp-sim.inline.js', 'lessons/'],
  sideEffects: ['./smtp-sim.js', './smtp-sim.inline.js'],
};
write(join(pkgDir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
write(
  join(pkgDir, 'README.md'),
  `# smtp-sim\n\nThe \`<smtp-sim>\` element: a simulated mail server in the page, every reply explained (en, pt-BR).\n\n` +
    "```js\nimport 'smtp-sim';\n```\n\n```html\n<smtp-sim mode=\"client\" persona=\"strict\"></smtp-sim>\n```\n\n" +
    'Without a bundler: `<script src="smtp-sim.inline.js"></script>` (the wasm is inside). Attributes, methods and events: `smtp-sim.d.ts`.\n',
);
