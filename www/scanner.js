// The end-of-data scanner on its own, fast: a small wasm module of its own (src/scan-wasm, the
// very scanner the simulator's core uses, built at opt-level 3) behind this hand-written class.
// build.sh ships it twice, pkg/smtp_sim_scan_simd.wasm (128-bit SIMD) and pkg/smtp_sim_scan.wasm
// (scalar); loadScanner() picks the SIMD one when WebAssembly.validate accepts a tiny SIMD
// module, the scalar one otherwise, so no browser loses.
//
// RFC 5321 §4.1.1.4: the content ends at a line holding a single "." (CRLF . CRLF, the CRLF
// before the dot belongs to the message); §4.5.2: a line that starts with "." loses that dot.
//
//   const { DotScanner } = await loadScanner();
//   const d = new DotScanner();
//   for (const chunk of chunks) {
//     d.inputBuffer(chunk.length).set(chunk);    // at the message's end in wasm memory: one copy in
//     if (d.feedInput(chunk.length) >= 0) break; // the octets of this chunk consumed
//   }
//   const body = d.messageView();               // valid until the next call: no copy out
//
// The input region is the message's spare room: dots are removed in place, so a run with no dot
// is never copied again. It moves as the message grows: ask inputBuffer() for every chunk, never
// write through an older view. Chunks of up to 256 octets with no LF (every terminator ends with
// one) wait unscanned at the message's end, with no call into wasm, until an LF, 4 KiB of them or
// a read. Views of wasm memory die when the memory grows: the methods here re-create theirs; a
// view you hold may be detached (length 0).
// Out of memory (a message larger than wasm memory can hold) is a trap, a WebAssembly.RuntimeError:
// the instance is then unusable; call loadScanner() again for a fresh one.

/** A module of one function returning `i8x16.popcnt(i8x16.splat(0))`: valid only with SIMD. */
const SIMD_PROBE = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15, 253, 98, 11,
]);

/** Whether this engine runs 128-bit wasm SIMD (the final spec's, `i8x16.popcnt` included). */
export const simdSupported = () => WebAssembly.validate(SIMD_PROBE);

/** Where build.sh puts the two flavours, beside this file (one of them is fetched). */
export const scannerUrls = {
  simd: new URL('./pkg/smtp_sim_scan_simd.wasm', import.meta.url),
  scalar: new URL(/* lazy */ './pkg/smtp_sim_scan.wasm', import.meta.url),
};

const LINE_ENDS = { Crlf: 0, Normalize: 1, Lf: 2 };

/** `len` as wasm's u32, or a RangeError naming the method: a wrong length must not reach wasm. */
function octets(len, method) {
  if (!Number.isInteger(len) || len < 0 || len > 0xffffffff) {
    throw new RangeError(`smtp-sim: DotScanner.${method}: length ${len} is not a whole number of octets`);
  }
  return len;
}
const INCOMPLETE = 0xffffffff;
const TOO_LONG = 0xfffffffe;
const SMALL = 256;
const ROOM = 4096;
const LF = 0x0a;

/** A compiled module and its instance from a URL, bytes or a compiled module. */
async function instantiate(source) {
  if (source instanceof WebAssembly.Module) return WebAssembly.instantiate(source, {});
  if (source instanceof ArrayBuffer || ArrayBuffer.isView(source)) {
    return (await WebAssembly.instantiate(source, {})).instance;
  }
  const response = await fetch(source);
  if (!response.ok) throw new Error(`smtp-sim: scanner module ${source}: HTTP ${response.status}`);
  // instantiateStreaming needs the application/wasm type; a plain file server may not send it.
  if (response.headers.get('content-type')?.startsWith('application/wasm') && WebAssembly.instantiateStreaming) {
    return (await WebAssembly.instantiateStreaming(response, {})).instance;
  }
  return (await WebAssembly.instantiate(await response.arrayBuffer(), {})).instance;
}

/**
 * Loads the scanner module. `options.flavour`: "auto" (default: SIMD when supported), "simd" or
 * "scalar". `options.simd` / `options.scalar`: where each flavour comes from (a URL, bytes or a
 * WebAssembly.Module; defaults: `scannerUrls`). Resolves to `{ flavour, DotScanner }`, the
 * class bound to this instance (scanners of one instance share its memory).
 */
export async function loadScanner(options = {}) {
  const wanted = options.flavour ?? 'auto';
  if (!['auto', 'simd', 'scalar'].includes(wanted)) throw new TypeError(`smtp-sim: unknown scanner flavour ${wanted}`);
  const flavour = wanted === 'auto' ? (simdSupported() ? 'simd' : 'scalar') : wanted;
  const instance = await instantiate(options[flavour] ?? scannerUrls[flavour]);
  return { flavour, DotScanner: scannerClass(instance.exports) };
}

/**
 * One instance's exports, memory and a view of all of it (re-made after growth detached it:
 * length 0; memory.buffer is a slow getter). Every instance's context has this one shape.
 */
function context(w) {
  const live = typeof FinalizationRegistry === 'function' ? new FinalizationRegistry((h) => w.scanner_free(h)) : null;
  return { w, memory: w.memory, all: new Uint8Array(w.memory.buffer), live };
}
const bytesOf = (c) => (c.all.length !== 0 ? c.all : (c.all = new Uint8Array(c.memory.buffer)));

/** The DotScanner class over one instance's exports: a subclass that only binds its context. */
function scannerClass(w) {
  const c = context(w);
  return class DotScanner extends Scanner {
    constructor(options) {
      super(c, options);
    }
  };
}

/**
 * The scanner itself, one class for every instance: its code (and private names) shared, so
 * two loaded modules (both flavours, a reload after a trap) do not make its accesses megamorphic.
 */
class Scanner {
  #c;
  #h;
  #input = null; // the last input view, re-made when memory grew or the region moved
  #armed = -1; // octets inputBuffer offered since the last scan
  #message = null;
  // #room octets reserved at #base (the message's end), the first #pending written, unscanned.
  #base = 0;
  #room = 0;
  #pending = 0;
  #at = 0; // where the chunk goes
  #stage = null; // small chunks are written here, then copied to #at
  #stageViews = [];
  #staged = false;
  #done = false;

  /**
   * A scanner at the start of message content (just after the CRLF that ended DATA).
   * `lineEnd`: "Crlf" (default: only CRLF . CRLF ends the data, RFC 5321 §2.3.8), "Normalize"
   * (Postfix 3.9's default) or "Lf" (pre-2023 Postfix: open to SMTP smuggling). `limit`: octets
   * of message kept; the rest is scanned and counted in stats().size, not stored.
   */
  constructor(c, { lineEnd = 'Crlf', limit = Infinity } = {}) {
    this.#c = c;
    if (!Object.hasOwn(LINE_ENDS, lineEnd)) throw new TypeError(`smtp-sim: unknown lineEnd ${lineEnd}`);
    if (typeof limit !== 'number' || !(limit >= 0)) throw new RangeError(`smtp-sim: DotScanner limit ${limit} is not a number of octets`);
    const cap = limit >= 0xffffffff ? 0xffffffff : Math.floor(limit);
    this.#h = this.#c.w.scanner_new(LINE_ENDS[lineEnd], cap);
    this.#c.live?.register(this, this.#h, this);
  }

  #handle() {
    if (this.#h === 0) throw new Error('smtp-sim: DotScanner used after free()');
    return this.#h;
  }

  /**
   * A view to write the next chunk into, then feedInput(chunk.length); ask again for every
   * chunk. Over 256 octets: the input region in wasm memory, `len` octets right after the
   * message; smaller: a view of the scanner's, copied in by feedInput. A read in between
   * (stats, messageView, messageLength, exceededLimit, takeMessage) drops it.
   */
  inputBuffer(len) {
    if ((len | 0) === len && len > 0 && len <= SMALL && this.#pending + len <= this.#room) {
      // Room left after the held octets (the usual case with small chunks): nothing to ask wasm
      // (room is 0 after the end and after free(): the long way).
      this.#armed = len;
      this.#at = this.#base + this.#pending;
      this.#staged = true;
      return (this.#stageViews[len] ??= (this.#stage ??= new Uint8Array(SMALL)).subarray(0, len));
    }
    octets(len, 'inputBuffer');
    const ptr = this.#region(len);
    this.#armed = len;
    if (this.#room !== 0) {
      // A view kept per length: a new one per chunk costs more than the copy.
      this.#staged = true;
      this.#stage ??= new Uint8Array(SMALL);
      return (this.#stageViews[len] ??= this.#stage.subarray(0, len));
    }
    this.#staged = false;
    const v = this.#input;
    const buffer = bytesOf(this.#c).buffer;
    if (v && v.buffer === buffer && v.byteOffset === ptr && v.length === len) return v;
    return (this.#input = new Uint8Array(buffer, ptr, len));
  }

  /**
   * Scans the first `len` octets of the input region. −1 while the end of data has not been
   * seen; otherwise the octets of this chunk consumed, terminator included (0 after the end):
   * what follows is the next command's — take it from your chunk, not the region.
   */
  feedInput(len) {
    octets(len, 'feedInput');
    if (len > this.#armed) {
      throw new RangeError('smtp-sim: DotScanner.feedInput: call inputBuffer(len) before every chunk (the region moves)');
    }
    if (this.#staged) return this.#put(this.#stage, len, this.#at);
    return this.#scan(len);
  }

  /** Where the next chunk goes: after the pending octets when small, else (them scanned) the message's end. */
  #region(len) {
    const h = this.#handle();
    if (len <= SMALL && !this.#done) {
      if (this.#pending + len > this.#room) {
        this.#flush();
        this.#base = this.#c.w.scanner_input(h, ROOM) >>> 0;
        this.#room = ROOM;
      }
      return (this.#at = this.#base + this.#pending);
    }
    this.#flush();
    return (this.#at = this.#c.w.scanner_input(h, len) >>> 0);
  }

  /** The handle for a read: pending octets scanned first; an offered region dropped (it may have moved). */
  #read() {
    const h = this.#handle();
    this.#flush();
    this.#armed = -1;
    return h;
  }

  /** Scans the pending octets: they hold no LF, so they never end the data. */
  #flush() {
    const n = this.#pending;
    this.#room = 0;
    if (n === 0) return;
    this.#pending = 0;
    this.#c.w.scanner_feed(this.#h, n);
  }

  #scan(len) {
    this.#armed = -1;
    return this.#feed(len, 0);
  }

  /** Scans `n` octets at the message's end, the first `pending` of them from earlier chunks. */
  #feed(n, pending) {
    const r = this.#c.w.scanner_feed(this.#handle(), n) >>> 0;
    if (r === INCOMPLETE) return -1;
    if (r === TOO_LONG) throw new RangeError('smtp-sim: DotScanner.feedInput: len is larger than the input region');
    this.#done = true;
    return r === 0 ? 0 : r - pending; // the terminator's LF is this chunk's
  }

  /** Scans a chunk (copied into wasm memory once, at the message's end); returns as feedInput. */
  feed(bytes) {
    const len = bytes.length;
    // Room left after the held octets (the usual case with small chunks): nothing to ask wasm.
    const held = this.#pending;
    // (len 0 goes the long way: after the end it must answer 0, after free() throw; room is 0 then.)
    if (len !== 0 && len <= SMALL && held + len <= this.#room) return this.#put(bytes, len, this.#base + held);
    const ptr = this.#region(len);
    if (this.#room !== 0) return this.#put(bytes, len, ptr);
    bytesOf(this.#c).set(bytes, ptr);
    return this.#scan(len);
  }

  /** A small chunk: copied to `at`, after the pending octets, scanned with them if it has an LF. */
  #put(bytes, len, at) {
    this.#armed = -1;
    const m = bytesOf(this.#c);
    let lf = false;
    for (let i = 0; i < len; i++) {
      const b = bytes[i];
      m[at + i] = b;
      if (b === LF) lf = true;
    }
    const pending = this.#pending;
    if (!lf) {
      this.#pending = pending + len;
      return -1;
    }
    this.#pending = 0;
    this.#room = 0;
    return this.#feed(pending + len, pending);
  }

  /** Octets of unstuffed message kept so far. */
  get messageLength() {
    return this.#c.w.scanner_message_len(this.#read()) >>> 0;
  }

  /** The unstuffed message kept so far, as a view of wasm memory (no copy): valid until the next call. */
  messageView() {
    const h = this.#read();
    const ptr = this.#c.w.scanner_message_ptr(h) >>> 0;
    const len = this.#c.w.scanner_message_len(h) >>> 0;
    const m = this.#message;
    if (m && m.buffer === this.#c.memory.buffer && m.byteOffset === ptr && m.length === len) return m;
    this.#message = new Uint8Array(this.#c.memory.buffer, ptr, len);
    return this.#message;
  }

  /** The unstuffed message so far as a fresh copy; the scanner keeps scanning with it emptied. */
  takeMessage() {
    const copy = this.messageView().slice();
    this.#c.w.scanner_clear_message(this.#h);
    this.#message = null;
    this.#armed = -1; // the region moved to where the message was
    return copy;
  }

  /** True once the terminator has been seen. */
  get isComplete() {
    return this.#c.w.scanner_complete(this.#handle()) !== 0;
  }

  /** True when the content grew beyond the limit (RFC 1870: 552 after the end). */
  get exceededLimit() {
    return this.#c.w.scanner_exceeded_limit(this.#read()) !== 0;
  }

  /** What the scanner noticed: { size, bareLf, bareCr, unstuffed, longLines, longestLine }. */
  stats() {
    const ptr = this.#c.w.scanner_stats(this.#read()) >>> 0;
    const [size, bareLf, bareCr, unstuffed, longLines, longestLine] = new Uint32Array(this.#c.memory.buffer, ptr, 6);
    return { size, bareLf, bareCr, unstuffed, longLines, longestLine };
  }

  /** Frees the scanner's memory now (otherwise when it is garbage-collected). */
  free() {
    if (this.#h === 0) return;
    this.#c.live?.unregister(this);
    this.#c.w.scanner_free(this.#h);
    this.#h = 0;
    this.#input = this.#message = null;
    this.#armed = -1;
    this.#room = this.#pending = 0;
  }
}
