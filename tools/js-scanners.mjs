// Plain-JavaScript end-of-data scanners for the benchmark: the best we could write, so that the
// wasm DotScanner is measured against something serious. Same contract as DotScanner: `feed(chunk)`
// returns −1 until the end of data (CRLF . CRLF, RFC 5321 §4.1.1.4), then the octets of that chunk
// consumed; `takeMessage()` gives the content with stuffing dots removed (§4.5.2). A line starts
// only after CRLF (bare LF and bare CR are content), as in the strict DataReceiver. No stats.
//
// The fast part searches for "\r\n." only; every other octet is copied as a run. Long runs are
// kept as views of the caller's chunks and joined once in takeMessage (one copy in all), so the
// caller must not reuse a chunk's memory before then — true of Node socket chunks and of fetch
// streams. Short runs (a stuffed line each) are copied into 64 KiB blocks as they come, so a
// message of many stuffed lines does not become a million views.
//
// Plain ES module: NodeScanner needs Buffer (Buffer.indexOf is a native search); the Uint8Array
// ones run in any browser.

// States between octets: IN a line (the octet before was not CR), after CR, at a line start,
// after a line-start dot, after dot CR, done.
const IN = 0;
const CR = 1;
const LS = 2;
const DOT = 3;
const DOTCR = 4;
const DONE = 5;
const CR_BYTE = new Uint8Array([0x0d]);
const EMPTY = new Uint8Array(0);
// Runs at least this long are kept as views; shorter ones are copied into blocks of BLOCK_SIZE.
const LONG_RUN = 256;
const BLOCK_SIZE = 64 << 10;

/** A scanner class whose fast search is `find(chunk, from)`: the index of the next "\r\n.", or −1. */
function scannerClass(name, find, prepare = (c) => c) {
  const cls = class {
    constructor() {
      this.st = LS;
      this.parts = [];
      this.size = 0;
      this.block = EMPTY;
      this.start = 0;
      this.used = 0;
    }

    put(chunk, from, to) {
      const n = to - from;
      if (n <= 0) return;
      this.size += n;
      if (n >= LONG_RUN) {
        // A long run stays a view of the caller's chunk: no copy until takeMessage.
        this.flush();
        this.parts.push(chunk.subarray(from, to));
        return;
      }
      // Short runs (many stuffed lines) are copied into a block: one view per block, not per run.
      if (this.used + n > this.block.length) {
        this.flush();
        this.block = new Uint8Array(BLOCK_SIZE);
        this.start = this.used = 0;
      }
      const block = this.block;
      let at = this.used;
      for (let i = from; i < to; i++) block[at++] = chunk[i];
      this.used = at;
    }

    flush() {
      if (this.used > this.start) this.parts.push(this.block.subarray(this.start, this.used));
      this.start = this.used;
    }

    feed(input) {
      if (this.st === DONE) return 0;
      const chunk = prepare(input);
      const n = chunk.length;
      let st = this.st;
      let i = 0;
      for (;;) {
        // The states that need a look at single octets; rare, so one at a time.
        while (st !== IN) {
          if (i >= n) {
            this.st = st;
            return -1;
          }
          const b = chunk[i];
          if (st === LS) {
            if (b === 0x2e) {
              st = DOT;
              i++;
            } else st = IN;
          } else if (st === DOT) {
            if (b === 0x0d) {
              st = DOTCR;
              i++;
            } else st = IN; // a stuffing dot: dropped
          } else if (st === DOTCR) {
            if (b === 0x0a) {
              this.st = DONE;
              return i + 1;
            }
            this.put(CR_BYTE, 0, 1); // ". CR x": the dot was stuffing, the CR is content
            st = CR;
          } else {
            // after CR: an LF makes a line end
            if (b === 0x0a) {
              this.put(chunk, i, i + 1);
              i++;
              st = LS;
            } else st = IN;
          }
        }
        const k = find(chunk, i);
        if (k < 0) {
          this.put(chunk, i, n);
          if (n > i) {
            const last = chunk[n - 1];
            st = last === 0x0d ? CR : last === 0x0a && n - i >= 2 && chunk[n - 2] === 0x0d ? LS : IN;
          }
          this.st = st;
          return -1;
        }
        this.put(chunk, i, k + 2);
        i = k + 3;
        st = DOT;
      }
    }

    messageLength() {
      return this.size;
    }

    takeMessage() {
      this.flush();
      const out = new Uint8Array(this.size);
      let at = 0;
      for (const p of this.parts) {
        out.set(p, at);
        at += p.length;
      }
      this.parts = [];
      this.size = 0;
      this.block = EMPTY;
      this.start = this.used = 0;
      return out;
    }
  };
  Object.defineProperty(cls, 'name', { value: name });
  return cls;
}

/** Node, the one reported as "JS (Buffer)": Buffer.indexOf for the single octet LF (memchr), then
 * a look at its neighbours. (Searching for the three octets "\r\n." is about as fast on mail but
 * degenerates to a crawl on a run of CRs: see NodeScannerNeedle.) */
export function nodeScanner(Buffer) {
  return scannerClass(
    'NodeScanner',
    (c, i) => {
      for (let from = i + 1; ; ) {
        const k = c.indexOf(0x0a, from);
        if (k < 0 || k + 1 >= c.length) return -1;
        if (c[k + 1] === 0x2e && c[k - 1] === 0x0d) return k - 1;
        from = k + 1;
      }
    },
    (c) => (Buffer.isBuffer(c) ? c : Buffer.from(c.buffer, c.byteOffset, c.length)),
  );
}

/** Node, variant "needle": Buffer.indexOf with the three-octet needle "\r\n.". */
export function nodeScannerNeedle(Buffer) {
  const needle = Buffer.from('\r\n.');
  return scannerClass(
    'NodeScannerNeedle',
    (c, i) => c.indexOf(needle, i),
    (c) => (Buffer.isBuffer(c) ? c : Buffer.from(c.buffer, c.byteOffset, c.length)),
  );
}

/** Browsers, variant "LF": TypedArray.indexOf for LF, then a look at its neighbours. */
export const U8ScannerLf = scannerClass('U8ScannerLf', (c, i) => {
  for (let from = i + 1; ; ) {
    const k = c.indexOf(0x0a, from);
    if (k < 0 || k + 1 >= c.length) return -1;
    if (c[k + 1] === 0x2e && c[k - 1] === 0x0d) return k - 1;
    from = k + 1;
  }
});

/** Browsers, variant "dot": TypedArray.indexOf for '.', then a look back (dots are rarer than LF in text?). */
export const U8ScannerDot = scannerClass('U8ScannerDot', (c, i) => {
  for (let from = i + 2; ; ) {
    const k = c.indexOf(0x2e, from);
    if (k < 0) return -1;
    if (c[k - 1] === 0x0a && c[k - 2] === 0x0d) return k - 2;
    from = k + 1;
  }
});

/** Browsers, variant "loop": a plain loop the JIT compiles, testing every octet for LF. */
export const U8ScannerLoop = scannerClass('U8ScannerLoop', (c, i) => {
  const n = c.length - 1;
  for (let k = i + 1; k < n; k++) {
    if (c[k] === 0x0a && c[k + 1] === 0x2e && c[k - 1] === 0x0d) return k - 1;
  }
  return -1;
});

/** Browsers, variant "words": four octets at a time through an Int32Array view (SWAR). */
export const U8ScannerWords = scannerClass('U8ScannerWords', (c, i) => {
  const n = c.length;
  let k = i + 1;
  // Octets before the first 4-aligned address, one at a time.
  while ((c.byteOffset + k) & 3) {
    if (k >= n - 1) return -1;
    if (c[k] === 0x0a && c[k + 1] === 0x2e && c[k - 1] === 0x0d) return k - 1;
    k++;
  }
  const words = new Int32Array(c.buffer, c.byteOffset + k, (n - k) >> 2);
  for (let w = 0; w < words.length; w++) {
    // A zero octet in x ^ 0x0a0a0a0a marks an LF (may flag a non-LF next to an LF: checked below).
    const x = words[w] ^ 0x0a0a0a0a;
    if (((x - 0x01010101) & ~x & 0x80808080) !== 0) {
      const base = k + (w << 2);
      for (let j = base; j < base + 4; j++) {
        if (c[j] === 0x0a && j + 1 < n && c[j + 1] === 0x2e && c[j - 1] === 0x0d) return j - 1;
      }
    }
  }
  for (let j = k + (words.length << 2); j < n - 1; j++) {
    if (c[j] === 0x0a && c[j + 1] === 0x2e && c[j - 1] === 0x0d) return j - 1;
  }
  return -1;
});

/** The browser variant the benchmark reports as "JS (Uint8Array)"; see bench/RESULTS.md for why. */
export const U8Scanner = U8ScannerLf;
