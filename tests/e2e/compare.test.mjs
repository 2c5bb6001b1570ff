// The comparison the page builds in JS (www/compare-codes.js, over a lite module's explainCode,
// catalogLabels and compareTexts) against the full modules' own `compare`, for every pair of
// catalogue codes and a few unknown ones, asked in both languages, before either texts file,
// after the session's part and after the rare one: the same JSON text, key order included. It
// runs in Node (the same V8 and WebAssembly as Chromium; no page is needed), each module in its
// own instance of the glue (a query string makes a separate ES module).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { compareCodes } from '../../www/compare-codes.js';

const pkg = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'www', 'pkg');
const LANGS = ['en', 'pt-BR'];

/** A fresh instance of the glue (both its files) on `file`. */
async function instance(file) {
  const tag = `?${file}`;
  const core = await import(pathToFileURL(join(pkg, 'smtp_sim.js')).href + tag);
  const full = (await import(pathToFileURL(join(pkg, 'smtp_sim_full.js')).href + tag)).__wbg_full(core.__wbg_core);
  const bytes = readFileSync(join(pkg, file));
  core.initSync({ module: bytes });
  const exports = WebAssembly.Module.exports(new WebAssembly.Module(bytes)).map((e) => e.name);
  return { ...core, ...full, exports };
}

test('the JS comparison of a lite module is the full module\'s compare, field for field', async () => {
  const both = await instance('smtp_sim_bg.wasm');
  const codes = both.allCodes('en').map((c) => c.code);
  assert.ok(codes.length > 30, `${codes.length} codes`);
  // Unknown codes: a class of their own, a known class, none.
  const all = [...codes, 299, 999, 0];
  const curated = both.curatedPairs();
  assert.ok(curated.length >= 20, `${curated.length} curated pairs`);
  for (const lang of LANGS) {
    const lite = await instance(`smtp_sim_lite_${lang}.wasm`);
    const full = await instance(`smtp_sim_${lang}.wasm`);
    // The lite module really has no compare of its own (the page builds it), the full one has.
    assert.ok(!lite.exports.includes('compare') && lite.exports.includes('compareTexts'), lang);
    assert.ok(full.exports.includes('compare'), lang);
    assert.deepEqual(lite.curatedPairs(), curated);
    const m = { explainCode: lite.explainCode, labels: lite.catalogLabels, compareTexts: lite.compareTexts };
    /** Every pair asked with either language tag; returns how many were pending, with a note, null. */
    const check = (stage, against = full, tags = LANGS) => {
      const seen = { pending: 0, notes: 0, none: 0, summaries: 0 };
      for (const asked of tags) {
        for (const a of all) {
          for (const b of all) {
            const want = against.compare(a, b, asked);
            const got = compareCodes(m, a, b, asked);
            assert.equal(JSON.stringify(got), JSON.stringify(want), `${lang} module, ${stage}: ${a} and ${b} in ${asked}`);
            if (!want) seen.none += 1;
            else {
              seen.pending += want.pending === true;
              seen.notes += want.note !== null;
              seen.summaries += want.summary !== '';
            }
          }
        }
      }
      return seen;
    };
    const pairs = all.length * all.length * LANGS.length;
    const known = codes.length * codes.length * LANGS.length;
    // Before any texts file: every comparison waits (the summaries are in the rare part).
    assert.deepEqual(check('no texts file'), { pending: known, notes: 0, none: pairs - known, summaries: 0 });
    const part = (rare) => readFileSync(join(pkg, `texts_${lang}${rare ? '_rare' : ''}.bin`));
    for (const mod of [lite, full]) mod.loadTexts(part(false));
    assert.deepEqual(check('the session\'s part'), { pending: known, notes: 0, none: pairs - known, summaries: 0 });
    for (const mod of [lite, full]) mod.loadTexts(part(true));
    // Every comparison complete: a summary each, the curated pairs' notes in either order.
    const done = check('both parts');
    assert.deepEqual(done, { pending: 0, notes: curated.length * 2 * LANGS.length, none: pairs - known, summaries: known });
    // And the texts are the two-language module's own (which holds every text), in this language.
    check('both parts, against the two-language module', both, [lang]);
  }
});
