// Where the bytes of a wasm module go: section sizes, data segments, and the code section's
// function bodies summed by crate and by top-level path, from the module's name section (build
// one that keeps it: cargo's output before wasm-bindgen, or wasm-bindgen without
// --remove-name-section). Printed, never asserted.
//
//   node tools/wasm-breakdown.mjs FILE.wasm [--top N] [--depth D]
//
// --depth D groups function names by their first D path segments (1: crate, 2: module …);
// --top N prints the N largest functions too.

import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith('--') && !/^\d+$/.test(a));
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};
const top = opt('--top', 25);
const depth = opt('--depth', 1);
if (!file) {
  console.error('usage: node tools/wasm-breakdown.mjs FILE.wasm [--top N] [--depth D]');
  process.exit(2);
}
const bytes = readFileSync(file);
const gz = (b) => gzipSync(b, { level: 9 }).length;

let pos = 8;
function uleb() {
  let result = 0;
  let shift = 0;
  for (;;) {
    const b = bytes[pos++];
    result += (b & 0x7f) * 2 ** shift;
    shift += 7;
    if (!(b & 0x80)) return result;
  }
}
const name = () => {
  const len = uleb();
  const s = bytes.subarray(pos, pos + len).toString('utf8');
  pos += len;
  return s;
};

const SECTION = ['custom', 'type', 'import', 'function', 'table', 'memory', 'global', 'export', 'start', 'element', 'code', 'data', 'datacount'];
const sections = [];
let imported = 0;
let bodies = [];
const segments = [];
const names = new Map();
while (pos < bytes.length) {
  const id = bytes[pos++];
  const size = uleb();
  const start = pos;
  const end = pos + size;
  let label = SECTION[id] ?? `#${id}`;
  if (id === 0) {
    label = `custom "${name()}"`;
    if (label === 'custom "name"') {
      while (pos < end) {
        const sub = bytes[pos++];
        const subSize = uleb();
        const subEnd = pos + subSize;
        if (sub === 1) {
          for (let n = uleb(); n > 0; n -= 1) {
            const idx = uleb();
            names.set(idx, name());
          }
        }
        pos = subEnd;
      }
    }
  } else if (id === 2) {
    for (let n = uleb(); n > 0; n -= 1) {
      name();
      name();
      const kind = bytes[pos++];
      if (kind === 0) {
        imported += 1;
        uleb();
      } else if (kind === 1) {
        pos += 1;
        const flags = uleb();
        uleb();
        if (flags & 1) uleb();
      } else if (kind === 2) {
        const flags = uleb();
        uleb();
        if (flags & 1) uleb();
      } else if (kind === 3) pos += 2;
    }
  } else if (id === 10) {
    for (let n = uleb(), i = 0; i < n; i += 1) {
      const len = uleb();
      bodies.push({ index: imported + i, size: len, bytes: bytes.subarray(pos, pos + len) });
      pos += len;
    }
  } else if (id === 11) {
    for (let n = uleb(); n > 0; n -= 1) {
      const flags = uleb();
      if (flags === 2) uleb();
      if (flags !== 1) {
        while (bytes[pos] !== 0x0b) pos += 1;
        pos += 1;
      }
      const len = uleb();
      segments.push(bytes.subarray(pos, pos + len));
      pos += len;
    }
  }
  sections.push({ label, size, gz: gz(bytes.subarray(start, end)) });
  pos = end;
}

const fmt = (n) => String(n).padStart(9);
console.log(`${file}: ${bytes.length} bytes, ${gz(bytes)} gzipped`);
console.log('\nsections                            raw  gzip alone');
for (const s of sections) console.log(`  ${s.label.padEnd(30)} ${fmt(s.size)} ${fmt(s.gz)}`);
console.log(`\ndata segments: ${segments.length}`);
for (const [i, s] of segments.entries()) {
  if (s.length > 256) console.log(`  #${i} ${fmt(s.length)} ${fmt(gz(s))}`);
}

// Demangles enough of Rust's legacy mangling (_ZN…E) to group by path.
function demangle(sym) {
  const m = /^_ZN(.*)E$/.exec(sym);
  if (!m) return sym;
  const parts = [];
  let s = m[1];
  while (s.length && /^\d/.test(s)) {
    const len = Number(/^\d+/.exec(s)[0]);
    s = s.slice(String(len).length);
    parts.push(s.slice(0, len));
    s = s.slice(len);
  }
  if (parts.length && /^h[0-9a-f]{16}$/.test(parts.at(-1))) parts.pop();
  return parts
    .join('::')
    .replace(/\$LT\$/g, '<')
    .replace(/\$GT\$/g, '>')
    .replace(/\$u20\$/g, ' ')
    .replace(/\$C\$/g, ',')
    .replace(/\$RF\$/g, '&')
    .replace(/\$u7b\$/g, '{')
    .replace(/\$u7d\$/g, '}')
    .replace(/\.\./g, '::');
}

/** The grouping key: the first `depth` segments of the path (a trait impl groups by its type). */
function group(name) {
  let full = name;
  full = full.replace(/(^|::)_</g, '$1<');
  const impl = /<impl (?:[\w:]*::)?(Serialize|Deserialize|Visitor|Tsify|FromWasmAbi|IntoWasmAbi)\b/.exec(full);
  if (impl) return `<derived impl ${impl[1]}>`;
  const trait = /^<([\w:]+?)(?:<.*?)? as ([\w:]+)/.exec(full);
  if (trait && depth === 1 && /^(serde|serde_core)::/.test(trait[2])) return `<${trait[2].split('::').slice(0, 3).join('::')} impls>`;
  const v0 = /^_R.*?C(?:s[0-9A-Za-z]*_)?\d+(\w+?)(?=\d|$)/.exec(full);
  if (v0) return v0[1].replace(/^_+/, '');
  let s = full.replace(/^<(.*?)( as .*)?>::/, '$1::').replace(/^&(mut )?/, '');
  s = s.replace(/<.*$/, '');
  return s.split('::').slice(0, depth).join('::') || full;
}

const totals = new Map();
let codeTotal = 0;
for (const b of bodies) {
  const full = demangle(names.get(b.index) ?? `func[${b.index}]`);
  b.name = full;
  const key = group(full);
  const t = totals.get(key) ?? { size: 0, count: 0 };
  t.size += b.size;
  t.count += 1;
  totals.set(key, t);
  codeTotal += b.size;
}
console.log(`\ncode by ${depth === 1 ? 'crate' : `path (${depth} segments)`} (function bodies, raw bytes; total ${codeTotal})`);
for (const [key, t] of [...totals].sort((a, b) => b[1].size - a[1].size).slice(0, 40)) {
  console.log(`  ${fmt(t.size)} ${String(t.count).padStart(5)}  ${key}`);
}
if (top > 0) {
  console.log(`\nlargest functions`);
  for (const b of [...bodies].sort((a, b) => b.size - a.size).slice(0, top)) {
    console.log(`  ${fmt(b.size)}  ${b.name.slice(0, 150)}`);
  }
}
