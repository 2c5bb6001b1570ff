// DotScanner.feed in the lite English module (feature small-scan: one line at a time, byte loops)
// against the full one, same glue, 7 interleaved rounds (bench/RESULTS.md §41). After ./build.sh build:
//   node bench/lite-dotscanner.mjs        (LONG=1: 1 MiB lines instead of 80-octet ones)
import { readFileSync } from 'node:fs';
const pkg = new URL('../www/pkg/', import.meta.url);
const core0 = await import(new URL('smtp_sim.js', pkg));
const core = { ...core0, ...(await import(new URL('smtp_sim_full.js', pkg))).__wbg_full(core0.__wbg_core) };
const mods = {
  full: new WebAssembly.Module(readFileSync(new URL('smtp_sim_en.wasm', pkg))),
  lite: new WebAssembly.Module(readFileSync(new URL('smtp_sim_lite_en.wasm', pkg))),
};
const line = process.env.LONG ? 'x'.repeat(1 << 20) + '\r\n' : 'The quick brown fox jumps over the lazy dog, and again, and again; 72 octets.\r\n';
const body = new TextEncoder().encode(line.repeat(Math.ceil((4 << 20) / line.length)) + '.\r\n');
const typed = new TextEncoder().encode('Subject: hi\r\n\r\nHello\r\n.\r\n');
const res = { full: [], lite: [], fullTyped: [], liteTyped: [] };
for (let r = 0; r < 7; r++) {
  for (const name of ['full', 'lite']) {
    core.initSync({ module: mods[name] });
    const s = new core.DotScanner();
    const t0 = performance.now();
    for (let i = 0; i < body.length; i += 65536) s.feed(body.subarray(i, i + 65536));
    const ms = performance.now() - t0;
    res[name].push(body.length / 1048576 / (ms / 1000));
    s.free();
    const t1 = performance.now();
    for (let k = 0; k < 2000; k++) { const x = new core.DotScanner(); x.feed(typed); x.free(); }
    res[name + 'Typed'].push((performance.now() - t1) / 2000 * 1000);
  }
}
const med = (a) => a.sort((x, y) => x - y)[a.length >> 1];
console.log(`${process.env.LONG ? '4 × 1 MiB lines' : '4 MiB of 80-octet lines'} in 64 KiB chunks, MiB/s medians of 7: full ${med(res.full).toFixed(0)}, lite ${med(res.lite).toFixed(0)}`);
console.log(`a typed 25-octet message (new scanner + feed), µs medians: full ${med(res.fullTyped).toFixed(2)}, lite ${med(res.liteTyped).toFixed(2)}`);
