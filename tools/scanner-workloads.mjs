// The scanner benchmark's inputs, byte for byte those of benches/workloads.rs (same generator,
// same seed): the Node, Chromium and native numbers then describe the same work. Each workload
// has a checksum (FNV-1a of the wire bytes) that must equal the native bench's.
//
// Plain ES module with no Node imports: the Chromium bench loads it too.

/** xorshift32 (Marsaglia), seeded as in the Rust twin. */
function rng(seed = 2463534242) {
  let x = seed >>> 0;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>>= 0);
  };
}

const B64 = new TextEncoder().encode('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/');

/** About `size` octets of mail body in CRLF lines (see benches/workloads.rs for the mix). */
export function mail(size, allDots = false) {
  const next = rng();
  const out = new Uint8Array(size + 256);
  let n = 0;
  while (n < size) {
    let kind;
    if (allDots) {
      out[n++] = 0x2e;
      kind = 0;
    } else {
      kind = next() % 100;
    }
    if (kind < 55) {
      const len = 30 + (next() % 49);
      out[n++] = 0x41 + (next() % 26);
      for (let j = 1; j < len; j++) {
        const c = next() % 32;
        out[n++] = c < 26 ? 0x61 + c : c < 30 ? 0x20 : c === 30 ? 0x2e : 0x2c;
      }
    } else if (kind < 80) {
      for (let j = 0; j < 76; j++) out[n++] = B64[next() % 64];
    } else if (kind < 92) {
      // an empty line
    } else if (kind < 99) {
      for (let j = 0; j < 75; j++) out[n++] = 0x61 + (next() % 26);
      out[n++] = 0x3d;
    } else {
      out[n++] = 0x2e;
      const len = next() % 20;
      for (let j = 0; j < len; j++) out[n++] = 0x61 + (next() % 26);
    }
    out[n++] = 0x0d;
    out[n++] = 0x0a;
  }
  return out.slice(0, n);
}

/** One line of `size` letters, then CRLF. */
export function oneLine(size) {
  const next = rng();
  const out = new Uint8Array(size + 2);
  for (let i = 0; i < size; i++) out[i] = 0x61 + (next() % 26);
  out[size] = 0x0d;
  out[size + 1] = 0x0a;
  return out;
}

/** `size` bare CRs, then CRLF. */
export function bareCrs(size) {
  const out = new Uint8Array(size + 2).fill(0x0d);
  out[size + 1] = 0x0a;
  return out;
}

/** What a client sends: a dot added to each line that starts with one, then `.` CRLF. */
export function stuff(msg) {
  let dots = 0;
  let start = true;
  for (let i = 0; i < msg.length; i++) {
    if (start && msg[i] === 0x2e) dots++;
    start = msg[i] === 0x0a;
  }
  const out = new Uint8Array(msg.length + dots + 3);
  let n = 0;
  start = true;
  for (let i = 0; i < msg.length; i++) {
    const b = msg[i];
    if (start && b === 0x2e) out[n++] = 0x2e;
    out[n++] = b;
    start = b === 0x0a;
  }
  out[n++] = 0x2e;
  out[n++] = 0x0d;
  out[n++] = 0x0a;
  return out;
}

/** FNV-1a, as the native bench prints it. */
export function checksum(bytes) {
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i], 0x01000193) >>> 0;
  return h >>> 0;
}

const MIB = 1 << 20;
const mib = (n) => (n >= MIB ? `${n / MIB} MiB` : `${n >> 10} KiB`);

/**
 * The workloads as { name, chunk, make } with `make()` giving { wire, message }; the same names
 * and sizes as the native bench. `scale` divides every size.
 */
export function workloads(scale = 1) {
  const big = (64 * MIB) / scale;
  const w = [];
  const add = (name, chunk, gen) => w.push({ name, chunk, make: () => {
    const message = gen();
    return { wire: stuff(message), message };
  } });
  add(`mail ${mib(big)}, 64 KiB chunks`, 64 << 10, () => mail(big));
  for (const s of [big / 4, big]) add(`every line stuffed ${mib(s)}`, 64 << 10, () => mail(s, true));
  for (const s of [MIB / 4 / scale, MIB / scale]) add(`mail ${mib(s)}, 1-byte chunks`, 1, () => mail(s));
  for (const s of [big / 4, big]) add(`one line ${mib(s)}`, 64 << 10, () => oneLine(s));
  for (const s of [big / 4, big]) add(`bare CRs ${mib(s)}`, 64 << 10, () => bareCrs(s));
  return w;
}
