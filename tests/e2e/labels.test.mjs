// The page's words live in www/i18n/<lang>.js only (issue 9): both languages have the same keys,
// every key is used, every key the code asks for exists, and index.html holds keys, not words.
// Read from the sources, no browser needed.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from './harness.mjs';

const WWW = join(ROOT, 'www');
const LANGS = ['en', 'pt-BR'];

/** Dotted keys of a label table; arrays (a sample message) are one label. */
function keysOf(table, prefix = '') {
  return Object.entries(table).flatMap(([k, v]) =>
    v && typeof v === 'object' && !Array.isArray(v) ? keysOf(v, `${prefix}${k}.`) : [`${prefix}${k}`],
  );
}

/** Every .js and .html under www/, except the generated module and the label files themselves. */
function sources(dir = WWW) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    const rel = relative(WWW, path);
    if (rel === 'pkg' || rel === 'i18n') return [];
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(js|html)$/.test(name) ? [{ rel, text: readFileSync(path, 'utf8') }] : [];
  });
}

/**
 * Each language's labels: the element's, its views' (<lang>-views.js), its client tools'
 * (<lang>-tools.js) and the page's (<lang>-page.js), merged.
 */
async function tables() {
  const out = {};
  const load = async (name) => (await import(pathToFileURL(join(WWW, 'i18n', `${name}.js`)).href)).default;
  for (const lang of LANGS) {
    const parts = [await load(lang), await load(`${lang}-views`), await load(`${lang}-tools`), await load(`${lang}-page`)];
    const keys = parts.flatMap((p) => Object.keys(p));
    assert.deepEqual(keys.filter((k, i) => keys.indexOf(k) !== i), [], `${lang}: keys in two of its files`);
    out[lang] = Object.assign({}, ...parts);
  }
  return out;
}

test('en and pt-BR have exactly the same keys', async () => {
  const t = await tables();
  const en = new Set(keysOf(t.en));
  const pt = new Set(keysOf(t['pt-BR']));
  assert.deepEqual([...en].filter((k) => !pt.has(k)), [], 'keys missing in pt-BR');
  assert.deepEqual([...pt].filter((k) => !en.has(k)), [], 'keys missing in en');
  for (const lang of LANGS) {
    for (const key of keysOf(t[lang])) {
      const value = key.split('.').reduce((o, k) => o[k], t[lang]);
      assert.ok(Array.isArray(value) ? value.length : String(value).trim(), `${lang}: ${key} is empty`);
    }
  }
});

test('every key is used, and every key the code asks for exists', async () => {
  const t = await tables();
  const keys = keysOf(t.en);
  const known = new Set(keys);
  const files = sources();
  const literals = new Set();
  const prefixes = new Set();
  const asked = [];
  for (const { rel, text } of files) {
    for (const [, s] of text.matchAll(/['"]([A-Za-z][\w]*(?:\.[\w]+)*)['"]/g)) literals.add(s);
    for (const [, p] of text.matchAll(/`([A-Za-z][\w.]*\.)\$\{/g)) prefixes.add(p);
    for (const [, key] of text.matchAll(/\bt\(\s*'([^']+)'/g)) asked.push([rel, key]);
    for (const [, key] of text.matchAll(/data-i18n(?:-[a-z-]+)?="([^"]+)"/g)) asked.push([rel, key]);
    for (const [, key] of text.matchAll(/dataset\.i18n\w*\s*=\s*'([^']+)'/g)) asked.push([rel, key]);
  }
  const unused = keys.filter((k) => !literals.has(k) && ![...prefixes].some((p) => k.startsWith(p)));
  assert.deepEqual(unused, [], 'keys nothing uses');
  const missing = asked.filter(([, k]) => !known.has(k)).map(([rel, k]) => `${rel}: ${k}`);
  assert.deepEqual(missing, [], 'keys asked for but not defined');
  for (const p of prefixes) {
    if (/^(outcome|serve|watch|states|steps|next)\./.test(p)) {
      assert.ok(keys.some((k) => k.startsWith(p)), `no key under ${p}`);
    }
  }
});

test('index.html holds keys only: no label text of its own', () => {
  const html = readFileSync(join(WWW, 'index.html'), 'utf8');
  const body = html.slice(html.indexOf('<body>'));
  const words = body
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<style data-inline="[^"]+">[^<]*<\/style>/g, '') // the first screen's rules (tools/inline-page.mjs)
    .replace(/<noscript>[\s\S]*?<\/noscript>/g, '') // shown without JavaScript: both languages, fixed
    .replace(/<option value="[^"]*" lang="[^"]*">[^<]*<\/option>/g, '') // language names, in themselves
    .replace(/<h1>smtp-sim<\/h1>/, '') // the name
    .replace(/<[^>]+>/g, '')
    .trim();
  assert.equal(words, '', 'text in index.html outside the label files');
  assert.ok(!/\saria-label="/.test(body), 'accessible names come from keys too (data-i18n-aria-label)');
  const head = html.slice(0, html.indexOf('<body>'));
  assert.match(head, /<meta name="description" content="" data-i18n-content="metaDescription">/);
});
