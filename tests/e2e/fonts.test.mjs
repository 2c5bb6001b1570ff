// The first screen's fonts are resolved while the module downloads (issue 12, "Load"): Chromium
// resolves each font strike — family, size, weight, style — once per renderer, with synchronous
// calls to the browser process, and unresolved they all fell in the task that starts the session.
// first-load.js lists the element's first-screen strikes and warmFonts() resolves them early
// (the element, while its module loads, after the frame that shows its input). These
// tests keep that list equal to what the first screen really uses, and check each page warms it.
// They assert which fonts, never how long anything took.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, assertClean, servedPage } from './harness.mjs';
import { FIRST_FONTS, MONO, SANS } from '../../www/first-load.js';

const open = servedPage({ root: ROOT });

/**
 * Every [family, size px, weight, style] of text the element lays out once its session started,
 * sorted: layout resolves the fonts of all of it, in view or not (focusing the input scrolls).
 */
const shownStrikes = (page) =>
  page.evaluate(() => {
    const found = new Set();
    const add = (style) => found.add(JSON.stringify([style.fontFamily, parseFloat(style.fontSize), Number(style.fontWeight), style.fontStyle]));
    const laidOut = (rect) => rect.width > 0 && rect.height > 0;
    const root = document.querySelector('smtp-sim').shadowRoot;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.nodeType === Node.ELEMENT_NODE) {
        // Form controls draw their value (or placeholder) in their own font.
        if (/^(INPUT|SELECT|BUTTON|TEXTAREA)$/.test(node.tagName) && laidOut(node.getBoundingClientRect())) add(getComputedStyle(node));
        continue;
      }
      if (!node.textContent.trim() || !node.parentElement) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      if (laidOut(range.getBoundingClientRect())) add(getComputedStyle(node.parentElement));
    }
    return [...found].sort();
  });

/** A font-family list as computed style writes it, quotes and spaces aside. */
const family = (list) => list.replace(/["'\s]/g, '');

test('first-load.js lists exactly the font strikes of the first screen, in the stacks the element uses', async () => {
  const { page, problems, context } = await open('www/index.html');
  const rem = await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
  const stacks = { sans: family(SANS), mono: family(MONO) };
  const shown = (await shownStrikes(page)).map((s) => JSON.parse(s));
  for (const [list] of shown) {
    assert.ok(Object.values(stacks).includes(family(list)), `a font stack first-load.js does not know: ${list}`);
  }
  const key = ([stack, size, weight, style = 'normal']) => `${stack} ${size}px ${weight} ${style}`;
  const listed = FIRST_FONTS.map(([stack, size, weight]) => key([stack, size * rem, weight])).sort();
  const used = [...new Set(shown.map(([list, size, weight, style]) => key([family(list) === stacks.mono ? 'mono' : 'sans', size, weight, style])))].sort();
  assert.deepEqual(listed, used, 'first-load.js FIRST_FONTS and the first screen differ');
  // The stacks are written twice (element-style.js keeps its CSS literal): the same words.
  const css = readFileSync(join(ROOT, 'www/element-style.js'), 'utf8');
  assert.ok(css.includes(`--sans: var(--smtp-sim-font, ${SANS});`), 'element-style.js --sans is first-load.js SANS');
  assert.ok(css.includes(`--mono: var(--smtp-sim-font-mono, ${MONO});`), 'element-style.js --mono is first-load.js MONO');
  assertClean(problems);
  await context.close();
});

const warmed = (page) => page.evaluate(() => globalThis[Symbol.for('smtp-sim.fonts-warmed')] === true);

test('the page, embed.html and the element alone resolve those fonts while their module loads', async () => {
  for (const path of ['www/index.html', 'www/embed.html', 'tests/e2e/fixtures/full.html']) {
    const { page, problems, context } = await open(path, { ready: 'elements' });
    assert.equal(await warmed(page), true, `${path}: fonts resolved early`);
    assertClean(problems);
    await context.close();
  }
});
