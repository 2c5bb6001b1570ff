// Every badge and chip on the page, and the small coloured texts near them, are readable: its text against the background it is drawn on
// meets WCAG 2.2 AA (4.5:1 for text of this size, §1.4.3), in the light and the dark scheme. The
// colours are the ones Chromium computes and paints, backgrounds with transparency composited
// over what lies under them.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertClean, screenshotPath, servedPage, typeLine } from './harness.mjs';

const open = servedPage();

/** WCAG AA for normal text (the badges and chips are small). */
const AA = 4.5;
/** Badges and chips, and the small coloured or muted texts around them (notes, rules, verdicts). */
const SELECTOR = '.badge, .chip, .chips .cmd, .code-chip, .entry.note, .rule, .muted, .outcome-status, .verdict-head strong';

/**
 * Every visible badge and chip whose contrast is below AA, with its text, colours and ratio;
 * `seen` counts how many were checked.
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
      const background = (node) => {
        const layers = [];
        for (let n = node; n; n = n.parentElement) layers.push(rgba(getComputedStyle(n).backgroundColor));
        // The canvas under the root is white, and each layer is painted over the one below.
        return layers.reverse().reduce((under, layer) => over(layer, under), [255, 255, 255]);
      };
      const problems = [];
      let seen = 0;
      for (const node of document.querySelectorAll(selector)) {
        if (!node.checkVisibility() || !node.textContent.trim()) continue;
        seen += 1;
        const bg = background(node);
        const fg = over(rgba(getComputedStyle(node).color), bg);
        const [hi, lo] = [luminance(fg), luminance(bg)].sort((a, b) => b - a);
        const ratio = (hi + 0.05) / (lo + 0.05);
        if (ratio < aa) {
          problems.push(`${node.className} "${node.textContent.trim()}": ${fg.map(Math.round)} on ${bg.map(Math.round)} = ${ratio.toFixed(2)}`);
        }
      }
      return { problems, seen };
    },
    { selector: SELECTOR, aa: AA },
  );
}

async function check(page, where, counted) {
  const { problems, seen } = await contrastProblems(page);
  assert.deepEqual(problems, [], `${where}: badges and chips below ${AA}:1`);
  counted.push(seen);
}

for (const colorScheme of ['light', 'dark']) {
  test(`every badge and chip meets WCAG AA contrast (${colorScheme} scheme)`, async () => {
    const { page, problems, context } = await open('', { colorScheme });
    const counted = [];

    // The manual client: suggestion chips, then an explained reply (command chips, confusions)
    // and Compare's pair chips, one of them pressed.
    await typeLine(page, 'EHLO client.example');
    await page.getByRole('button', { name: '250 · 354' }).click();
    await check(page, 'client and Compare', counted);

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
      await check(page, `Watch outcome (${fault})`, counted);
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
}
