// Every badge and chip on the page and inside the <smtp-sim> element (its shadow root included),
// and the small coloured texts near them, are readable: its text against the background it is
// drawn on meets WCAG 2.2 AA (4.5:1 for text of this size, §1.4.3), in the light and the dark
// scheme, and with the element's own theme attribute. The colours are the ones Chromium computes
// and paints, backgrounds with transparency composited over what lies under them (across the
// shadow boundary).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertClean, screenshotPath, servedPage, typeLine } from './harness.mjs';

const open = servedPage();

/** WCAG AA for normal text (the badges and chips are small). */
const AA = 4.5;
/** Badges and chips, and the small coloured or muted texts around them (notes, rules, verdicts). */
const SELECTOR =
  '.badge, .chip, .chips .cmd, .code-chip, .entry.note, .rule, .muted, .outcome-status, .verdict-head strong, ' +
  '.eol-mark, .annotation, .pasted, .script-status, .auth-name, .hint, .entry.notice, button:disabled, button';

/**
 * Every visible badge and chip whose contrast is below AA, with its text, colours and ratio;
 * `seen` counts how many were checked, `inElement` how many of them inside an element.
 */
async function contrastProblems(page) {
  return page.evaluate(
    ({ selector, aa }) => {
      const canvas = document.createElement('canvas');
      canvas.width = 1;
      canvas.height = 1;
      const ctx = canvas.getContext('2d', { willReadFrequently: true });
      // Any CSS colour the browser computes (rgb, color(srgb …), oklab …) as 8-bit RGBA.
      const rgba = (css) => {
        ctx.clearRect(0, 0, 1, 1);
        ctx.fillStyle = '#000';
        ctx.fillStyle = css;
        ctx.fillRect(0, 0, 1, 1);
        const [r, g, b, a] = ctx.getImageData(0, 0, 1, 1).data;
        return [r, g, b, a / 255];
      };
      const over = (top, under) => top.slice(0, 3).map((c, i) => c * top[3] + under[i] * (1 - top[3]));
      const luminance = (rgb) => {
        const [r, g, b] = rgb.map((v) => {
          const c = v / 255;
          return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
        });
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
      };
      // The parent in the flat tree: out of a shadow root, to its host.
      const up = (n) => n.parentElement ?? n.getRootNode().host ?? null;
      const background = (node) => {
        const layers = [];
        for (let n = node; n; n = up(n)) layers.push(rgba(getComputedStyle(n).backgroundColor));
        // The canvas under the root is white, and each layer is painted over the one below.
        return layers.reverse().reduce((under, layer) => over(layer, under), [255, 255, 255]);
      };
      // Every match in the document and in every open shadow root.
      const all = [];
      const collect = (root) => {
        all.push(...root.querySelectorAll(selector));
        for (const host of root.querySelectorAll('*')) if (host.shadowRoot) collect(host.shadowRoot);
      };
      collect(document);
      const problems = [];
      let seen = 0;
      let inElement = 0;
      for (const node of all) {
        if (!node.checkVisibility() || !node.textContent.trim()) continue;
        seen += 1;
        if (node.getRootNode() !== document) inElement += 1;
        const bg = background(node);
        const fg = over(rgba(getComputedStyle(node).color), bg);
        const [hi, lo] = [luminance(fg), luminance(bg)].sort((a, b) => b - a);
        const ratio = (hi + 0.05) / (lo + 0.05);
        if (ratio < aa) {
          problems.push(`${node.className} "${node.textContent.trim()}": ${fg.map(Math.round)} on ${bg.map(Math.round)} = ${ratio.toFixed(2)}`);
        }
      }
      return { problems, seen, inElement };
    },
    { selector: SELECTOR, aa: AA },
  );
}

async function check(page, where, counted) {
  const { problems, seen, inElement } = await contrastProblems(page);
  assert.deepEqual(problems, [], `${where}: badges and chips below ${AA}:1`);
  counted.push(seen);
  return inElement;
}

for (const colorScheme of ['light', 'dark']) {
  test(`every badge and chip meets WCAG AA contrast (${colorScheme} scheme)`, async () => {
    const { page, problems, context } = await open('', { colorScheme });
    const counted = [];

    // The manual client: suggestion chips, then an explained reply (command chips, confusions)
    // and Compare's pair chips, one of them pressed.
    await typeLine(page, 'EHLO client.example');
    await page.getByRole('checkbox', { name: /line endings/i }).check();
    // The catalogue below the session loads as it scrolls into view.
    await page.locator('#compare').scrollIntoViewIfNeeded();
    await page.getByRole('button', { name: '250 · 354' }).click();
    assert.ok((await check(page, 'client and Compare', counted)) > 0, 'the element itself was checked');

    // Reference: every code as a chip of its class colour.
    await page.getByRole('navigation').getByRole('link', { name: 'Reference' }).click();
    await check(page, 'Reference', counted);

    // A real reply with a broken rule: the severity badges and the code chips.
    await page.getByRole('navigation').getByRole('link', { name: 'Explain a real reply' }).click();
    const panel = page.getByRole('tabpanel', { name: 'Explain a real reply' });
    await panel.getByRole('textbox', { name: /Paste a reply/ }).fill('550 4.7.1 Client host rejected');
    await panel.getByRole('button', { name: 'Explain', exact: true }).click();
    await panel.locator('.real-warnings .badge').first().waitFor();
    await check(page, 'Explain a real reply', counted);

    // Watch: the outcome's status badges for delivered, failed and retry later.
    await page.getByRole('link', { name: 'Watch' }).click();
    for (const fault of ['550 unknown user on the first recipient', '450 greylisting on the first RCPT']) {
      await page.getByLabel('Fault', { exact: true }).selectOption({ label: fault });
      const step = page.getByRole('button', { name: 'Step', exact: true });
      for (let i = 0; i < 40 && (await step.isEnabled()); i += 1) await step.click();
      await page.getByRole('region', { name: 'Outcome' }).locator('.badge').first().waitFor();
      assert.ok((await check(page, `Watch outcome (${fault})`, counted)) > 0, 'the outcome badges were checked');
    }
    const outcome = page.getByRole('region', { name: 'Outcome' });
    await outcome.screenshot({ path: screenshotPath(`outcome-badges-${colorScheme}`) });

    // You are the server: the example reply chip.
    await page.getByRole('link', { name: 'You are the server' }).click();
    await page.locator('#serve-expect .chip').waitFor();
    await check(page, 'You are the server', counted);

    assert.ok(counted.every((n) => n > 0), `every view had badges or chips to check: ${counted}`);
    assertClean(problems);
    await context.close();
  });

  // The element's theme attribute wins over the system scheme (theme="dark" on a light system).
  test(`the element's theme="${colorScheme === 'light' ? 'dark' : 'light'}" meets AA on a ${colorScheme} system`, async () => {
    const { page, problems, context } = await open('', { colorScheme });
    const theme = colorScheme === 'light' ? 'dark' : 'light';
    await page.locator('smtp-sim').evaluate((sim, value) => sim.setAttribute('theme', value), theme);
    await typeLine(page, 'EHLO client.example');
    await typeLine(page, 'AUTH LOGIN');
    const bg = await page.locator('smtp-sim').evaluate((sim) => getComputedStyle(sim.shadowRoot.querySelector('.view')).backgroundColor);
    const sum = bg.match(/\d+/g).slice(0, 3).map(Number).reduce((a, b) => a + b);
    assert.ok(theme === 'dark' ? sum < 150 : sum > 600, `${theme} card, got ${bg}`);
    const counted = [];
    assert.ok((await check(page, `theme=${theme}`, counted)) > 0);
    await page.getByRole('link', { name: 'Watch' }).click();
    const step = page.getByRole('button', { name: 'Step', exact: true });
    for (let i = 0; i < 40 && (await step.isEnabled()); i += 1) await step.click();
    assert.ok((await check(page, `theme=${theme}, Watch finished`, counted)) > 0);
    assertClean(problems);
    await context.close();
  });
}
