// The size budget (issue 12): gzip -9 bytes of every shipped file and the first-load total of
// each entry point (tools/bench-size.mjs finds them), compared with size-budget.json. Fails
// when one grows more than the budget's tolerance (10 %) past its budget, or when a shipped
// file has no budget; prints the table otherwise. A size is deterministic, unlike a time, so
// this is a test. After a cut, `--write` records the new (lower) sizes as the budget.
//
//   node tools/size-budget.mjs [WWW_DIR] [--write]        (./build.sh test runs it)

import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { measure, sum } from './bench-size.mjs';

const root = join(fileURLToPath(import.meta.url), '..', '..');
const budgetPath = join(root, 'size-budget.json');
const args = process.argv.slice(2);
const www = resolve(args.find((a) => !a.startsWith('--')) ?? join(root, 'www'));
const write = args.includes('--write');

const measured = measure(www);
const files = {};
for (const m of measured) for (const r of [...m.first, ...m.lazy]) files[r.path] = r.gz;
const firstLoad = Object.fromEntries(measured.map((m) => [m.entry, sum(m.first).gz]));

if (write) {
  const old = (() => {
    try {
      return JSON.parse(readFileSync(budgetPath, 'utf8'));
    } catch {
      return {};
    }
  })();
  const sorted = (o) => Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));
  const budget = {
    about: old.about ?? 'gzip -9 bytes per shipped file of www/ and per entry point\'s first load; ./build.sh test fails past budget × (1 + tolerance). Lower it after a cut: node tools/size-budget.mjs --write',
    tolerance: old.tolerance ?? 0.1,
    targets: old.targets ?? { 'index.html': 100000, 'smtp-sim.min.js': 80000 },
    firstLoad: sorted(firstLoad),
    files: sorted(files),
  };
  writeFileSync(budgetPath, `${JSON.stringify(budget, null, 2)}\n`);
  console.log(`size-budget: wrote ${budgetPath}`);
  process.exit(0);
}

const budget = JSON.parse(readFileSync(budgetPath, 'utf8'));
const tolerance = budget.tolerance ?? 0.1;
const failures = [];
const rows = [];
const check = (kind, name, actual, allowed, target) => {
  if (allowed === undefined) {
    failures.push(`${name}: shipped but not in size-budget.json (add it: node tools/size-budget.mjs --write)`);
    rows.push([kind, name, actual, '-', '-', target ?? '', 'NO BUDGET']);
    return;
  }
  const limit = Math.floor(allowed * (1 + tolerance));
  const over = actual > limit;
  if (over) failures.push(`${name}: ${actual} gzipped bytes, budget ${allowed} (+${Math.round(tolerance * 100)} % = ${limit})`);
  const change = `${actual >= allowed ? '+' : ''}${(((actual - allowed) / allowed) * 100).toFixed(1)} %`;
  rows.push([kind, name, actual, allowed, change, target ?? '', over ? 'OVER' : 'ok']);
};
for (const [name, actual] of Object.entries(firstLoad)) {
  check('first load', name, actual, budget.firstLoad?.[name], budget.targets?.[name]);
}
for (const [name, actual] of Object.entries(files).sort((a, b) => b[1] - a[1])) check('file', name, actual, budget.files?.[name]);

const head = ['', 'name', 'gzip', 'budget', 'change', 'target', ''];
const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
const fmt = (r) => r.map((c, i) => (i === 2 || i === 3 || i === 5 ? String(c).padStart(widths[i]) : String(c).padEnd(widths[i]))).join('  ');
console.log(`size budget (gzip -9 bytes, tolerance +${Math.round(tolerance * 100)} %)`);
console.log(`  ${fmt(head)}`);
for (const r of rows) console.log(`  ${fmt(r)}`);
if (failures.length) {
  console.error(`\nsize-budget: over budget:\n  ${failures.join('\n  ')}`);
  process.exit(1);
}
