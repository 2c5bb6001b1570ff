// The npm package that `./build.sh dist` writes (dist/npm/): packed with `npm pack`, installed
// into a scratch Vite project (Vite from npm, in a temporary directory), built, and the built page
// driven in Chromium: the same tag works there, the wasm found by the bundler.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startStaticServer } from '../../tools/serve.mjs';
import { ROOT, assertClean, launch, openPage } from './harness.mjs';

const PKG = join(ROOT, 'dist/npm');
const run = (cmd, args, cwd) => execFileSync(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });

test('the npm package: packed, installed in a Vite project, built, and the tag works', { timeout: 600_000 }, async () => {
  assert.ok(existsSync(join(PKG, 'package.json')), 'run ./build.sh dist first');
  const manifest = JSON.parse(readFileSync(join(PKG, 'package.json'), 'utf8'));
  assert.equal(manifest.exports['.'].types, './smtp-sim.d.ts');
  assert.equal(manifest.exports['.'].default, './smtp-sim.js');
  assert.equal(manifest.exports['./inline'], './smtp-sim.inline.js');
  assert.deepEqual(manifest.exports['./scanner'], { types: './scanner.d.ts', default: './scanner.js' });
  assert.equal(manifest.types, './smtp-sim.d.ts');

  const dir = mkdtempSync(join(tmpdir(), 'smtp-sim-vite-'));
  let server;
  let browser;
  try {
    const packed = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', dir], PKG))[0];
    const inside = packed.files.map((f) => f.path);
    for (const file of ['smtp-sim.js', 'smtp-sim.d.ts', 'smtp-sim.inline.js', 'engine.js', 'pkg/smtp_sim.js', 'pkg/smtp_sim_bg.wasm',
      'scanner.js', 'scanner.d.ts', 'pkg/smtp_sim_scan_simd.wasm', 'pkg/smtp_sim_scan.wasm', 'pkg/texts_en.bin', 'pkg/texts_pt-BR.bin', 'pkg/texts_en_rare.bin', 'pkg/texts_pt-BR_rare.bin']) {
      assert.ok(inside.includes(file), `${file} in the tarball`);
    }
    const app = join(dir, 'app');
    mkdirSync(app);
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'scratch', private: true, type: 'module' }));
    writeFileSync(
      join(app, 'index.html'),
      '<!doctype html><html lang="pt-BR"><head><meta charset="utf-8"><title>scratch</title>' +
        '<script type="module" src="/main.js"></script></head>' +
        '<body><smtp-sim id="sim" loading="eager"></smtp-sim></body></html>\n',
    );
    writeFileSync(join(app, 'main.js'), "import 'smtp-sim';\n");
    run('npm', ['install', '--no-audit', '--no-fund', '--silent', 'vite', join(dir, packed.filename)], app);
    run(join(app, 'node_modules/.bin/vite'), ['build', '--logLevel', 'warn'], app);
    const assets = readdirSync(join(app, 'dist/assets'));
    assert.ok(assets.some((f) => f.endsWith('.wasm')), `the bundler emitted the wasm: ${assets.join(', ')}`);

    server = await startStaticServer(join(app, 'dist'), 0);
    browser = await launch();
    const { page, problems, context } = await openPage(browser, { allowedPrefixes: [server.url] });
    await page.goto(server.url);
    await page.locator('#sim').evaluate((s) => s.ready);
    const input = page.getByRole('textbox', { name: 'Comando SMTP' });
    await input.fill('EHLO vite.example');
    await input.press('Enter');
    assert.match(await page.locator('#sim').getByRole('log').locator('button.reply').last().innerText(), /^S:\s*250-/);
    assert.match(await page.locator('#sim').getByRole('region', { name: 'Explicação' }).innerText(), /NESTA SESSÃO/i);
    assertClean(problems);
    await context.close();
  } finally {
    await browser?.close();
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
