//! The end-of-data scanner of SMTP's DATA command: finds where message content ends and removes
//! the stuffing dots, streaming, whatever the chunking. One implementation for every build: the
//! native core (`smtp-sim-core`'s `data` module re-exports it), the page's main wasm module, and
//! the scanner's own small wasm module (built at opt-level 3, with and without `simd128`).
//!
//! # End of data (RFC 5321 §4.1.1.4, §4.5.2)
//!
//! The content ends at a line holding a single `.`: the bytes `CRLF . CRLF`, where the first CRLF
//! may be the one that ended the DATA command (so `.` alone on the first line is an empty body).
//! The CRLF before the dot belongs to the message. A line that starts with `.` and holds more
//! loses that first dot, whatever follows it (`..x` → `.x`, `.x` → `x`).
//!
//! Bare LF and bare CR never end the data in [`LineEnd::Crlf`] or [`LineEnd::Normalize`]: they
//! are counted in [`DataStats`], so the server can warn about them or refuse the message.
//! Treating `<LF>.<LF>` as the end is what made SMTP smuggling possible (CVE-2023-51764/5/6);
//! [`LineEnd::Lf`] reproduces that pre-2023 behaviour for the lesson and the lab.
//!
//! The scanner is streaming: feed it chunks split anywhere and the result is the same. Its fast
//! path reads 64 octets at a time and turns them into bit masks of CR, LF and `.` (SIMD where the
//! build has it: SSE2 on x86_64, `simd128` on wasm; eight octets per `u64` otherwise). A block
//! whose only news is ordinary CRLF line ends is settled with a few bit operations: line lengths
//! and bare CR / bare LF counts from the masks, stuffing dots dropped in place, nothing copied
//! until a run ends. Only what needs a decision — a dot line that may be the terminator, a bare
//! LF to rewrite, the last octets of a chunk — goes to the line-at-a-time path (`memchr2`).

#![cfg_attr(not(test), no_std)]
#![warn(missing_docs)]
extern crate alloc;

use alloc::vec::Vec;
#[cfg(not(feature = "small-scan"))]
use memchr::memchr2;

/// The first `a` or `b` in `h`, a byte at a time: feature `small-scan` (the page's first-load
/// module, whose session reads typed lines; memchr's searcher is weight there:
/// bench/RESULTS.md §41). The scanner's own modules and native builds keep memchr.
#[cfg(feature = "small-scan")]
fn memchr2(a: u8, b: u8, h: &[u8]) -> Option<usize> {
    h.iter().position(|&x| x == a || x == b)
}
#[cfg(feature = "serde")]
use serde::Serialize;

/// The first CR or LF in `bytes`. Short inputs (tiny chunks, a line's tail) are searched in
/// place: `memchr2` goes through a function pointer chosen at run time, which costs more than it
/// saves on a few octets.
#[inline(always)]
fn find_line_end(bytes: &[u8]) -> Option<usize> {
    if bytes.len() < 16 {
        bytes.iter().position(|&b| b == b'\r' || b == b'\n')
    } else {
        memchr2(b'\r', b'\n', bytes)
    }
}

/// Octets the fast path looks at in one step: one bit per octet in a `u64` mask.
const BLOCK: usize = 64;

/// One block as bit masks: bit k is set when octet k is CR, LF or `.`.
#[derive(Clone, Copy)]
struct Masks {
    cr: u64,
    lf: u64,
    dot: u64,
}

#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
#[inline(always)]
fn masks(block: &[u8; BLOCK]) -> Masks {
    // SAFETY: `masks_sse2` only needs SSE2, which this function's cfg requires of the build
    // (every x86_64 target has it). No pointers are involved.
    unsafe { masks_sse2(block) }
}

#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
#[target_feature(enable = "sse2")]
fn masks_sse2(block: &[u8; BLOCK]) -> Masks {
    use core::arch::x86_64::{_mm_cmpeq_epi8, _mm_movemask_epi8, _mm_set1_epi8, _mm_set_epi64x};
    let mut m = Masks {
        cr: 0,
        lf: 0,
        dot: 0,
    };
    for (k, part) in block.chunks_exact(16).enumerate() {
        // Two little-endian loads; the compiler makes them one unaligned 16-octet load.
        let (lo, hi) = part.split_at(8);
        let v = _mm_set_epi64x(le_i64(hi), le_i64(lo));
        // A macro, not a closure: at opt-level "z" a closure stays a call.
        macro_rules! bits {
            ($c:expr) => {
                u64::from(_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8($c as i8))) as u16)
                    << (16 * k)
            };
        }
        m.cr |= bits!(b'\r');
        m.lf |= bits!(b'\n');
        m.dot |= bits!(b'.');
    }
    m
}

#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
#[inline(always)]
fn le_i64(b: &[u8]) -> i64 {
    let mut a = [0; 8];
    a.copy_from_slice(b);
    i64::from_le_bytes(a)
}

#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
#[inline(always)]
fn masks(block: &[u8; BLOCK]) -> Masks {
    use core::arch::wasm32::{u64x2, u8x16_bitmask, u8x16_eq, u8x16_splat};
    let mut m = Masks {
        cr: 0,
        lf: 0,
        dot: 0,
    };
    for (k, part) in block.chunks_exact(16).enumerate() {
        let (lo, hi) = part.split_at(8);
        // Folded into one v128.load by the compiler.
        let v = u64x2(le_u64(lo), le_u64(hi));
        macro_rules! bits {
            ($c:expr) => {
                u64::from(u8x16_bitmask(u8x16_eq(v, u8x16_splat($c)))) << (16 * k)
            };
        }
        m.cr |= bits!(b'\r');
        m.lf |= bits!(b'\n');
        m.dot |= bits!(b'.');
    }
    m
}

/// The portable fallback (wasm without `simd128`, other targets): eight octets per `u64`.
#[cfg(not(any(
    all(target_arch = "x86_64", target_feature = "sse2"),
    all(target_arch = "wasm32", target_feature = "simd128")
)))]
fn masks(block: &[u8; BLOCK]) -> Masks {
    masks_swar(block)
}

/// [`masks`] without SIMD: per `u64` of eight octets, an exact zero-octet test of `x ^ c` sets
/// the octet's high bit, and one multiplication gathers the eight high bits into a byte.
#[cfg_attr(
    any(
        all(target_arch = "x86_64", target_feature = "sse2"),
        all(target_arch = "wasm32", target_feature = "simd128")
    ),
    allow(dead_code)
)]
fn masks_swar(block: &[u8; BLOCK]) -> Masks {
    const LO7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    const ONES: u64 = 0x0101_0101_0101_0101;
    #[inline(always)]
    fn eq(x: u64, c: u8) -> u64 {
        let y = x ^ (ONES * u64::from(c));
        let zero = !(((y & LO7) + LO7) | y | LO7);
        (zero >> 7).wrapping_mul(0x0102_0408_1020_4080) >> 56
    }
    let mut m = Masks {
        cr: 0,
        lf: 0,
        dot: 0,
    };
    for (k, part) in block.chunks_exact(8).enumerate() {
        let x = le_u64(part);
        m.cr |= eq(x, b'\r') << (8 * k);
        m.lf |= eq(x, b'\n') << (8 * k);
        m.dot |= eq(x, b'.') << (8 * k);
    }
    m
}

#[cfg_attr(all(target_arch = "x86_64", target_feature = "sse2"), allow(dead_code))]
#[inline(always)]
fn le_u64(b: &[u8]) -> u64 {
    let mut a = [0; 8];
    a.copy_from_slice(b);
    u64::from_le_bytes(a)
}

/// Whether runs of bare CRs are jumped (see [`cr_run`]): SIMD builds only. Measured on wasm
/// (bench/RESULTS.md): with SIMD the jump doubles the speed on a body of bare CRs; without it
/// the extra pass lost more than it saved.
const CR_JUMP: bool = cfg!(any(
    all(target_arch = "x86_64", target_feature = "sse2"),
    all(target_arch = "wasm32", target_feature = "simd128")
));

/// [`cr_run`] where [`CR_JUMP`] is off: never called.
#[cfg(not(any(
    all(target_arch = "x86_64", target_feature = "sse2"),
    all(target_arch = "wasm32", target_feature = "simd128")
)))]
fn cr_run(_bytes: &[u8]) -> (usize, usize) {
    (0, 0)
}

/// A run with no line end (a body of bare CRs) from `bytes`' start: how far it goes — to the
/// first 16 octets that hold an LF, or the last whole 16 — and the CRs in that part. The block
/// path would take it 64 octets at a time with three masks each; here each 16 octets cost two
/// compares and a subtract (CR counts add up in eight-bit lanes, summed every 255 steps).
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
fn cr_run(bytes: &[u8]) -> (usize, usize) {
    use core::arch::wasm32::{
        u16x8_extadd_pairwise_u8x16, u32x4_extadd_pairwise_u16x8, u32x4_extract_lane, u64x2,
        u8x16_eq, u8x16_splat, u8x16_sub, v128, v128_any_true, v128_or,
    };
    let (cr, lf) = (u8x16_splat(b'\r'), u8x16_splat(b'\n'));
    let (mut at, mut crs) = (0, 0);
    let sum = |acc| {
        let sums = u32x4_extadd_pairwise_u16x8(u16x8_extadd_pairwise_u8x16(acc));
        (u32x4_extract_lane::<0>(sums)
            + u32x4_extract_lane::<1>(sums)
            + u32x4_extract_lane::<2>(sums)
            + u32x4_extract_lane::<3>(sums)) as usize
    };
    // 64 octets a step while none is an LF (one test for the four), at most four counts per
    // lane a step; then 16 at a time up to the part holding the LF.
    loop {
        let mut acc = u8x16_splat(0);
        let mut steps = 0;
        while let Some(block) = bytes.get(at..at + 64) {
            let v: [v128; 4] = core::array::from_fn(|k| {
                let (lo, hi) = block[16 * k..16 * k + 16].split_at(8);
                u64x2(le_u64(lo), le_u64(hi))
            });
            let lfs = v128_or(
                v128_or(u8x16_eq(v[0], lf), u8x16_eq(v[1], lf)),
                v128_or(u8x16_eq(v[2], lf), u8x16_eq(v[3], lf)),
            );
            if v128_any_true(lfs) {
                break;
            }
            for x in v {
                acc = u8x16_sub(acc, u8x16_eq(x, cr));
            }
            at += 64;
            steps += 1;
            if steps == 63 {
                break;
            }
        }
        crs += sum(acc);
        if steps < 63 {
            break;
        }
    }
    loop {
        let mut acc = u8x16_splat(0);
        let mut steps = 0;
        let mut ended = true;
        while let Some(part) = bytes.get(at..at + 16) {
            let (lo, hi) = part.split_at(8);
            let v = u64x2(le_u64(lo), le_u64(hi));
            if v128_any_true(u8x16_eq(v, lf)) {
                break;
            }
            // A match is 0xff, -1 in its lane: subtracting it counts one.
            acc = u8x16_sub(acc, u8x16_eq(v, cr));
            at += 16;
            steps += 1;
            if steps == 255 {
                ended = false;
                break;
            }
        }
        crs += sum(acc);
        if ended {
            return (at, crs);
        }
    }
}

/// [`cr_run`] with SSE2 (native x86_64 builds: the tests run the path the wasm SIMD build runs).
#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
fn cr_run(bytes: &[u8]) -> (usize, usize) {
    // SAFETY: SSE2 is required by this function's cfg; no pointers are involved.
    unsafe { cr_run_sse2(bytes) }
}

#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
#[target_feature(enable = "sse2")]
fn cr_run_sse2(bytes: &[u8]) -> (usize, usize) {
    use core::arch::x86_64::{
        _mm_add_epi64, _mm_cmpeq_epi8, _mm_cvtsi128_si64, _mm_movemask_epi8, _mm_sad_epu8,
        _mm_set1_epi8, _mm_set_epi64x, _mm_setzero_si128, _mm_srli_si128, _mm_sub_epi8,
    };
    let (cr, lf) = (_mm_set1_epi8(b'\r' as i8), _mm_set1_epi8(b'\n' as i8));
    let mut total = _mm_setzero_si128();
    let mut at = 0;
    loop {
        let mut acc = _mm_setzero_si128();
        let mut steps = 0;
        let mut ended = true;
        while let Some(part) = bytes.get(at..at + 16) {
            let (lo, hi) = part.split_at(8);
            let v = _mm_set_epi64x(le_i64(hi), le_i64(lo));
            if _mm_movemask_epi8(_mm_cmpeq_epi8(v, lf)) != 0 {
                break;
            }
            acc = _mm_sub_epi8(acc, _mm_cmpeq_epi8(v, cr));
            at += 16;
            steps += 1;
            if steps == 255 {
                ended = false;
                break;
            }
        }
        // Sums of eight lanes each, in the two 64-bit halves.
        total = _mm_add_epi64(total, _mm_sad_epu8(acc, _mm_setzero_si128()));
        if ended {
            let sum = _mm_cvtsi128_si64(total) + _mm_cvtsi128_si64(_mm_srli_si128::<8>(total));
            return (at, sum as usize);
        }
    }
}

/// The longest text line RFC 5321 §4.5.3.1.6 requires a server to accept, CRLF included and the
/// stuffing dot not counted.
pub const MAX_TEXT_LINE: usize = 1000;

/// Which byte sequences end a line, and so where a terminating `.` line can start. Each mode is
/// how a real server reads DATA; the server's personas pick one.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
pub enum LineEnd {
    /// Only CRLF ends a line (RFC 5321 §2.3.8): bare LF and bare CR are content, kept as they
    /// came, and the end of data is `CRLF . CRLF` and nothing else. This is how aiosmtpd 1.4.5
    /// and later read DATA (`readuntil(b"\r\n")`, the fix for CVE-2024-27305).
    #[default]
    Crlf,
    /// Postfix 3.9's default, `smtpd_forbid_bare_newline = normalize` (and `reject`, which reads
    /// the same way before it refuses): a bare LF ends a line too and is stored as CRLF, so a
    /// dot after it is a stuffing dot, but the end of data is `CRLF . CRLF` only. A lone `.`
    /// line that a bare LF ends or follows is dropped: neither content nor the end (Postfix
    /// `smtpd.c`, `receive_data`: "Do not store or send to proxy filter").
    Normalize,
    /// Postfix before 3.9, or `smtpd_forbid_bare_newline = no`: any LF ends a line ("always
    /// process a bare <LF> as if the client sent <CR><LF>", postconf(5)), bare LF is stored as
    /// CRLF, and a `.` line ends the data whatever ends it or the line before: `LF . LF`,
    /// `LF . CRLF`, `CRLF . LF`, and, since Postfix then strips every CR before the LF
    /// (`smtp_stream.c`, `smtp_get_noexcept`), `CRLF . CR CRLF`. Open to SMTP smuggling; for
    /// the lesson.
    Lf,
}

impl LineEnd {
    /// A bare LF ends a line (so a dot after it is at a line start).
    const fn lf_ends_line(self) -> bool {
        matches!(self, LineEnd::Normalize | LineEnd::Lf)
    }
}

/// The result of feeding bytes to a receiver.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
pub enum DataStatus {
    /// Every byte was consumed and the end has not been seen yet.
    Incomplete,
    /// The end was seen; `consumed` bytes of this chunk were used, terminator included. The rest
    /// of the chunk belongs to whatever follows (pipelined commands go back to the parser).
    Complete {
        /// How many bytes of the chunk the receiver used.
        consumed: usize,
    },
}

/// What the scanner noticed about the content, for warnings and limits.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
pub struct DataStats {
    /// Unstuffed message size in octets, counting bytes beyond the storage limit too.
    pub size: usize,
    /// Lines ended by LF without CR before it.
    pub bare_lf: usize,
    /// CR bytes not followed by LF.
    pub bare_cr: usize,
    /// Lines that started with a dot which was removed.
    pub unstuffed: usize,
    /// Lines longer than [`MAX_TEXT_LINE`] octets (CRLF included, stuffing dot not).
    pub long_lines: usize,
    /// The longest line seen, in octets, CRLF included.
    pub longest_line: usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Scan {
    /// At the start of a line: a dot here is special.
    LineStart,
    /// A line started with `.`; the dot is held back.
    Dot,
    /// A line started with `.` and then CR (more than one CR in [`LineEnd::Lf`]).
    DotCr,
    /// Inside a line.
    InLine,
    /// The terminator has been consumed.
    Done,
}

/// Where a scan reads its chunk and puts the message's octets. Two ways: [`Append`] copies runs
/// of the chunk onto the end of the message ([`DataReceiver::feed`]); [`InPlace`] scans a chunk
/// already written at the message's end and only moves octets left past a removed stuffing dot
/// ([`DataReceiver::feed_input`]). The scanner never keeps a borrow of the chunk across a call
/// that writes, so the in-place sink may write into the memory it reads.
trait Sink {
    /// The chunk being scanned.
    fn chunk(&self) -> &[u8];
    /// Appends `chunk[a..b]` to the message.
    fn run(&mut self, a: usize, b: usize);
    /// Appends `n` copies of `byte` (octets the chunk does not hold at that place: a CR before a
    /// bare LF, CRs held back after a line-start dot). `chunk[unread..]` has not been read yet.
    fn fill(&mut self, byte: u8, n: usize, unread: usize);
}

/// [`Sink`] for a chunk that lies elsewhere: runs are copied onto the message.
struct Append<'a> {
    chunk: &'a [u8],
    body: Vec<u8>,
}

impl Sink for Append<'_> {
    #[inline(always)]
    fn chunk(&self) -> &[u8] {
        self.chunk
    }
    #[inline(always)]
    fn run(&mut self, a: usize, b: usize) {
        self.body.extend_from_slice(&self.chunk[a..b]);
    }
    fn fill(&mut self, byte: u8, n: usize, _unread: usize) {
        self.body.resize(self.body.len() + n, byte);
    }
}

/// [`Sink`] for a chunk at `buf[base..base + len]`, right after the message (`buf[..w]`): a run
/// that is already where it belongs costs nothing; after a removed dot the rest of the chunk's
/// runs move left (`copy_within`). Writes never pass the next octet to read: the message only
/// shrinks against the chunk, except where [`Sink::fill`] inserts, which first makes room.
///
/// Octets before the current line's start may be overwritten; the scanner looks back only
/// within the current line (the octet before a LF, before a block), which no write has reached:
/// every write ends before the end of the run written, and every run ends at or before the start
/// of the line being scanned.
struct InPlace {
    buf: Vec<u8>,
    base: usize,
    len: usize,
    /// The message's end.
    w: usize,
}

impl Sink for InPlace {
    #[inline(always)]
    fn chunk(&self) -> &[u8] {
        &self.buf[self.base..self.base + self.len]
    }
    #[inline(always)]
    fn run(&mut self, a: usize, b: usize) {
        let from = self.base + a;
        if self.w != from {
            self.buf.copy_within(from..self.base + b, self.w);
        }
        self.w += b - a;
    }
    fn fill(&mut self, byte: u8, n: usize, unread: usize) {
        let next = self.base + unread;
        if self.w + n > next {
            // No room before the unread octets: move them right by `n` plus what is left of
            // the chunk. Past this point every octet read adds at most two to the message (a bare
            // LF stored as CRLF), so this chunk never needs room again. Rare: a bare LF in the
            // modes that store it as CRLF before any dot of the chunk was removed, or CRs held
            // from the chunk before.
            let gap = n + (self.len - unread);
            let end = self.base + self.len;
            if self.buf.len() < end + gap {
                self.buf.resize(end + gap, 0);
            }
            self.buf.copy_within(next..end, next + gap);
            self.base += gap;
        }
        self.buf[self.w..self.w + n].fill(byte);
        self.w += n;
    }
}

/// The DATA receiver: finds the end of data and removes the stuffing dots (RFC 5321 §4.5.2).
///
/// ```
/// use smtp_sim_scan::{DataReceiver, DataStatus};
/// let mut rx = DataReceiver::new();
/// assert_eq!(rx.feed(b"Subject: hi\r\n\r\n..dots\r\n"), DataStatus::Incomplete);
/// assert_eq!(rx.feed(b".\r\nQUIT\r\n"), DataStatus::Complete { consumed: 3 });
/// assert_eq!(rx.message(), b"Subject: hi\r\n\r\n.dots\r\n");
/// ```
///
/// A chunk can also be scanned where it lies, written straight after the message
/// ([`Self::input`], then [`Self::feed_input`]): a run with no stuffing dot is then never
/// copied again.
///
/// ```
/// use smtp_sim_scan::{DataReceiver, DataStatus};
/// let mut rx = DataReceiver::new();
/// for chunk in [&b"Subject: hi\r\n\r\n.."[..], b"dots\r\n.\r\nQUIT\r\n"] {
///     rx.input(chunk.len()).copy_from_slice(chunk);
///     if let Some(DataStatus::Complete { consumed }) = rx.feed_input(chunk.len()) {
///         assert_eq!(consumed, 9);
///     }
/// }
/// assert_eq!(rx.message(), b"Subject: hi\r\n\r\n.dots\r\n");
/// ```
#[derive(Clone, Debug)]
pub struct DataReceiver {
    line_end: LineEnd,
    limit: usize,
    scan: Scan,
    /// The message is `body[..kept]`; what follows is the input region of [`Self::input`].
    body: Vec<u8>,
    kept: usize,
    stats: DataStats,
    /// Octets of the current line so far (stuffing dot not counted).
    line_len: usize,
    /// CR bytes in the current line so far.
    line_crs: usize,
    /// The last byte of the current line so far was CR.
    prev_cr: bool,
    /// The previous line ended with a bare LF ([`LineEnd::Normalize`] drops a `.` line then).
    prev_bare_lf: bool,
    /// CR bytes after a line-start dot, in [`Scan::DotCr`].
    dot_crs: usize,
}

impl Default for DataReceiver {
    fn default() -> Self {
        Self::new()
    }
}

impl DataReceiver {
    /// A strict receiver (CRLF only) with no storage limit.
    pub fn new() -> Self {
        Self::with_options(LineEnd::Crlf, usize::MAX)
    }

    /// A receiver with the given line-ending rule that stores at most `limit` octets; beyond it
    /// the content is still scanned and counted in [`DataStats::size`] but not kept.
    pub fn with_options(line_end: LineEnd, limit: usize) -> Self {
        Self {
            line_end,
            limit,
            scan: Scan::LineStart,
            body: Vec::new(),
            kept: 0,
            stats: DataStats::default(),
            line_len: 0,
            line_crs: 0,
            prev_cr: false,
            prev_bare_lf: false,
            dot_crs: 0,
        }
    }

    /// Scans a chunk. Returns how far it got; see [`DataStatus`]. After the end, consumes nothing.
    pub fn feed(&mut self, chunk: &[u8]) -> DataStatus {
        // The message moves into the sink and back (three words): the sink owns what it writes.
        let mut body = core::mem::take(&mut self.body);
        body.truncate(self.kept);
        let mut sink = Append { chunk, body };
        let status = self.scan(&mut sink);
        self.kept = sink.body.len();
        self.body = sink.body;
        status
    }

    /// The input region: `len` octets right after the message, where the next chunk is written
    /// before [`Self::feed_input`] scans it in place. Its contents are whatever was there (a
    /// previous chunk's leftovers, zeros). It moves whenever the message grows or is taken, so
    /// ask again for every chunk. Memory stays bounded: the message never holds more than the
    /// limit, and the region is what the caller asks for.
    pub fn input(&mut self, len: usize) -> &mut [u8] {
        let end = self.kept.saturating_add(len);
        if self.body.len() < end {
            // Amortised growth, zeroing only octets never used before.
            self.body.resize(end, 0);
        }
        &mut self.body[self.kept..end]
    }

    /// [`Self::input`] for a caller that writes the region through a pointer (the page's wasm
    /// module, whose JS writes chunks into wasm memory): the region's address, with room for
    /// `len` octets, none of them zeroed first — zeroing would be one more pass over the
    /// message. Scan them with [`Self::feed_written`].
    pub fn input_ptr(&mut self, len: usize) -> *mut u8 {
        let end = self.kept.saturating_add(len);
        if self.body.len() < end {
            // Amortised growth; a reallocation copies only the octets in use.
            self.body.reserve(end - self.body.len());
        }
        self.body.as_mut_ptr().wrapping_add(self.kept)
    }

    /// [`Self::feed_input`] for octets written at [`Self::input_ptr`]'s address. `None`
    /// (nothing scanned) when `len` is more than the room it made.
    ///
    /// # Safety
    /// Since the last [`Self::input_ptr`] (with this `len` or more, and no other call on this
    /// receiver since), the caller has written all `len` octets at the address it returned.
    pub unsafe fn feed_written(&mut self, len: usize) -> Option<DataStatus> {
        let end = self.kept.checked_add(len)?;
        if end > self.body.capacity() {
            return None;
        }
        if self.body.len() < end {
            // SAFETY: `end` is within the capacity (checked above), and the caller has written
            // every octet from `kept` to `end`, so those past the old length are initialised.
            unsafe { self.body.set_len(end) };
        }
        self.feed_input(len)
    }

    /// Scans the first `len` octets of the input region ([`Self::input`]) where they lie: the
    /// same result as [`Self::feed`] on those octets, with no copy of a run that needs no
    /// change. `None` (nothing scanned) when the region is shorter than `len`. Afterwards the
    /// region's contents are unspecified: keep the chunk's octets after the end of data (the
    /// next commands) from your own copy.
    pub fn feed_input(&mut self, len: usize) -> Option<DataStatus> {
        if self.body.len() - self.kept < len {
            return None;
        }
        let mut sink = InPlace {
            buf: core::mem::take(&mut self.body),
            base: self.kept,
            len,
            w: self.kept,
        };
        let status = self.scan(&mut sink);
        self.kept = sink.w;
        self.body = sink.buf;
        Some(status)
    }

    /// The scan itself, whichever way the chunk came in.
    fn scan<S: Sink>(&mut self, out: &mut S) -> DataStatus {
        let mode = self.line_end;
        let mut i = 0;
        loop {
            let Some(&b) = out.chunk().get(i) else {
                if self.scan == Scan::Done {
                    return DataStatus::Complete { consumed: i };
                }
                return DataStatus::Incomplete;
            };
            match self.scan {
                Scan::LineStart => {
                    if b == b'.' {
                        self.scan = Scan::Dot;
                        i += 1;
                    } else {
                        self.scan = Scan::InLine;
                    }
                }
                Scan::Dot => match b {
                    b'\r' => {
                        self.scan = Scan::DotCr;
                        self.dot_crs = 1;
                        i += 1;
                    }
                    b'\n' if mode == LineEnd::Lf => {
                        self.scan = Scan::Done;
                        i += 1;
                    }
                    b'\n' if mode == LineEnd::Normalize => {
                        // `.` and a bare LF: neither content nor the end.
                        self.stats.bare_lf += 1;
                        self.prev_bare_lf = true;
                        self.scan = Scan::LineStart;
                        i += 1;
                    }
                    _ => {
                        // A stuffed line: the dot goes, the rest is ordinary content.
                        self.stats.unstuffed += 1;
                        self.scan = Scan::InLine;
                    }
                },
                Scan::DotCr => match b {
                    b'\n' if mode == LineEnd::Normalize && self.prev_bare_lf => {
                        // `.` CRLF right after a bare LF: dropped, not the end.
                        self.prev_bare_lf = false;
                        self.scan = Scan::LineStart;
                        i += 1;
                    }
                    b'\n' => {
                        self.scan = Scan::Done;
                        i += 1;
                    }
                    b'\r' if mode == LineEnd::Lf => {
                        self.dot_crs += 1;
                        i += 1;
                    }
                    _ => {
                        // `.` CR x: the dot was stuffing; the CRs are content (and bare).
                        self.stats.unstuffed += 1;
                        let crs = core::mem::take(&mut self.dot_crs);
                        self.push_fill(out, b'\r', crs, i);
                        self.line_len += crs;
                        self.line_crs += crs;
                        self.prev_cr = true;
                        self.scan = Scan::InLine;
                    }
                },
                Scan::InLine => i = self.scan_lines(out, i),
                Scan::Done => return DataStatus::Complete { consumed: i },
            }
        }
    }

    /// Copies content from `chunk[i..]`, line after line, until a line starts with a dot that
    /// may end the data, the chunk ends, or a bare LF must become CRLF; returns the new index.
    /// Whole blocks go through [`Self::skip_blocks`]; what it leaves, one CR or LF at a time
    /// (`memchr2`). Bytes between stops are copied as one run.
    fn scan_lines<S: Sink>(&mut self, out: &mut S, mut i: usize) -> usize {
        // Where a bare LF ends a line it is stored as CRLF.
        let lf_ends = self.line_end.lf_ends_line();
        let n = out.chunk().len();
        // Bytes from `run` on are not copied yet; the current line's bytes in this chunk start
        // at `line` (`line_len` counts those before it).
        let mut run = i;
        let mut line = i;
        // The block fast path is tried again only past the block it last gave back.
        let mut retry_at = i;
        loop {
            // Feature `small-scan` (the page's first-load module, its session's typed lines):
            // one line at a time always; the block path's code stays out of the module.
            if !cfg!(feature = "small-scan") && i >= retry_at && n - i > BLOCK {
                let (j, line_start, stopped) = self.skip_blocks(out, i, &mut run, &mut line);
                i = j;
                retry_at = if stopped { i + BLOCK } else { usize::MAX };
                if line_start && out.chunk().get(i) == Some(&b'.') {
                    self.push(out, run, i);
                    self.scan = Scan::LineStart;
                    return i;
                }
            }
            let chunk = out.chunk();
            let Some(k) = find_line_end(&chunk[i..]).map(|k| i + k) else {
                self.line_len += n - line;
                self.prev_cr = false;
                self.push(out, run, n);
                return n;
            };
            let lf = if chunk[k] == b'\n' {
                k
            } else {
                self.line_crs += 1;
                match chunk.get(k + 1).copied() {
                    Some(b'\n') => k + 1,
                    Some(_) => {
                        i = k + 1;
                        continue;
                    }
                    None => {
                        self.line_len += n - line;
                        self.prev_cr = true;
                        self.push(out, run, n);
                        return n;
                    }
                }
            };
            let crlf = if lf > line {
                chunk[lf - 1] == b'\r'
            } else {
                self.prev_cr
            };
            let mut ending = 1;
            if crlf {
                self.line_crs -= 1;
            } else {
                self.stats.bare_lf += 1;
                if lf_ends {
                    // The CR goes in before the LF, which stays the next run's first octet.
                    self.push(out, run, lf);
                    self.push_fill(out, b'\r', 1, lf);
                    run = lf;
                    ending = 2;
                }
            }
            self.stats.bare_cr += self.line_crs;
            let len = self.line_len + (lf - line) + ending;
            self.stats.longest_line = self.stats.longest_line.max(len);
            if len > MAX_TEXT_LINE {
                self.stats.long_lines += 1;
            }
            self.line_len = 0;
            self.line_crs = 0;
            self.prev_cr = false;
            self.prev_bare_lf = !crlf;
            i = lf + 1;
            line = i;
            // After a bare LF in strict mode the next byte is not at a line start: a dot there
            // is content, and cannot end the data.
            if crlf || lf_ends {
                match out.chunk().get(i) {
                    Some(b'.') | None => {
                        self.push(out, run, i);
                        self.scan = Scan::LineStart;
                        return i;
                    }
                    Some(_) => {}
                }
            }
        }
    }

    /// The fast path: settles whole [`BLOCK`]s from `chunk[i..]` (each needs one octet after it,
    /// so the last block's end is known) as long as all they hold is content, CRLF or bare line
    /// ends, and stuffing dots. Stuffing dots are dropped here (the run before each is copied);
    /// line lengths, bare CR and bare LF counts are kept exactly as the line path keeps them.
    ///
    /// Stops at a block holding a dot line that may be the terminator (a line-start dot followed
    /// by CR or LF), or a bare LF that must become CRLF, leaving that block to the line path.
    /// Returns (where to go on, whether that octet starts a line, whether it stopped at such a
    /// block rather than at the end of the whole blocks).
    ///
    /// On entry, octet `i` is not a line-start dot (the caller has looked), and `line_crs`
    /// counts the CRs of the current line before `i`, the one right before `i` included.
    fn skip_blocks<S: Sink>(
        &mut self,
        out: &mut S,
        mut i: usize,
        run: &mut usize,
        line: &mut usize,
    ) -> (usize, bool, bool) {
        // Both modes where a bare LF ends a line store it as CRLF: a block holding one goes to
        // the line path, which inserts the CR (and applies normalize's rules for dot lines).
        let lf_ends = self.line_end.lf_ends_line();
        let normalize = lf_ends;
        let n = out.chunk().len();
        // Whether the octet before the block is CR, and whether it ended a line so that the
        // block's first octet starts one.
        let mut cr_in = u64::from(if i > *line {
            out.chunk()[i - 1] == b'\r'
        } else {
            self.prev_cr
        });
        let mut start_in = 0;
        // Blocks in a row with no CR or LF: inside a long line, `memchr2` jumps further.
        let mut blank = 0;
        // Blocks in a row with CRs but no LF (bare CRs): SIMD builds jump to the next LF.
        let mut cr_run = 0;
        loop {
            let chunk = out.chunk();
            let Some((block, after)) = chunk[i..].split_first_chunk::<BLOCK>() else {
                break;
            };
            let Some(&next) = after.first() else { break };
            let m = masks(block);
            if (m.cr | m.lf) == 0 && start_in == 0 {
                // Nothing but content (a dot here is not at a line start).
                i += BLOCK;
                cr_in = 0;
                self.prev_cr = false;
                blank += 1;
                if blank > 1 {
                    match memchr2(b'\r', b'\n', &chunk[i..]) {
                        Some(k) => i += k,
                        None => return (n, false, false),
                    }
                }
                continue;
            }
            blank = 0;
            // Bit k of `x << 1` says something of octet k - 1; of `x >> 1`, of octet k + 1.
            let after_cr = (m.cr << 1) | cr_in;
            let bare_lf = m.lf & !after_cr;
            let ends = if lf_ends { m.lf } else { m.lf & after_cr };
            let line_dots = m.dot & ((ends << 1) | start_in);
            let lf_after = (m.lf >> 1) | (u64::from(next == b'\n') << 63);
            let bare_cr = m.cr & !lf_after;
            // A CR at the block's end before an LF: counted until its LF is seen, as below.
            let pending_cr = usize::from(m.cr >> 63 != 0 && next == b'\n');
            if line_dots | bare_lf | bare_cr != 0 {
                let nl_after =
                    ((m.cr | m.lf) >> 1) | (u64::from(next == b'\r' || next == b'\n') << 63);
                if line_dots & nl_after != 0 || (normalize && bare_lf != 0) {
                    return (i, start_in != 0, true);
                }
                // Every other line-start dot is stuffing (RFC 5321 §4.5.2): drop it.
                let mut dots = line_dots;
                while dots != 0 {
                    let d = i + dots.trailing_zeros() as usize;
                    self.push(out, *run, d);
                    *run = d + 1;
                    self.stats.unstuffed += 1;
                    dots &= dots - 1;
                }
                if line_dots & 1 != 0 {
                    // The line that starts the block starts with a stuffing dot: not counted.
                    *line = i + 1;
                }
                self.stats.bare_lf += bare_lf.count_ones() as usize;
            }
            if m.lf == 0 {
                self.line_crs += bare_cr.count_ones() as usize + pending_cr;
                cr_run += 1;
            } else {
                cr_run = 0;
                let first = m.lf.trailing_zeros() as usize;
                let last = 63 - m.lf.leading_zeros() as usize;
                // CRs of the open line: its CR before the first LF was counted if it came
                // before the block; every bare CR up to the last LF ends in a line here.
                let open_crs = self.line_crs - (m.lf & cr_in) as usize;
                let upto_last = u64::MAX >> (63 - last);
                self.stats.bare_cr += open_crs;
                self.line_crs = pending_cr;
                if bare_cr != 0 {
                    // Rare; and `count_ones` is a loop of shifts where POPCNT is not assumed.
                    self.stats.bare_cr += (bare_cr & upto_last).count_ones() as usize;
                    self.line_crs += (bare_cr & !upto_last).count_ones() as usize;
                }
                // The open line ends at the first LF; the others are shorter than a block, so
                // they matter only while every line so far has been shorter than a block.
                let len = self.line_len + (i + first - *line) + 1;
                self.note_line(len);
                if self.stats.longest_line < BLOCK {
                    let mut prev = first;
                    let mut rest = m.lf & (m.lf - 1);
                    while rest != 0 {
                        let lf = rest.trailing_zeros() as usize;
                        let dot = usize::from(line_dots >> (prev + 1) & 1 != 0);
                        self.note_line(lf - prev - dot);
                        prev = lf;
                        rest &= rest - 1;
                    }
                }
                let dot_after = last < 63 && line_dots >> (last + 1) & 1 != 0;
                *line = i + last + 1 + usize::from(dot_after);
                self.line_len = 0;
                // Every line end settled here is a CRLF (a bare LF sends the block to the line
                // path): the line before the next one did not end in a bare LF.
                self.prev_bare_lf = false;
            }
            self.prev_cr = m.cr >> 63 != 0;
            cr_in = m.cr >> 63;
            start_in = ends >> 63;
            i += BLOCK;
            if CR_JUMP && cr_run > 1 {
                cr_run = 0;
                let to = self.jump_crs(out.chunk(), i);
                if to > i {
                    cr_in = u64::from(self.prev_cr);
                    i = to;
                }
            }
        }
        (i, start_in != 0, false)
    }

    /// A run of bare CRs from `chunk[i..]`: no line starts or ends before the next LF, so all it
    /// needs is its CRs counted. Returns where the blocks take over: near that LF, or at least a
    /// block and an octet before the chunk's end. Out of the block loop, which stays as it was.
    #[inline(never)]
    #[cold]
    fn jump_crs(&mut self, chunk: &[u8], i: usize) -> usize {
        let limit = chunk.len().saturating_sub(BLOCK + 1).max(i);
        let (len, crs) = cr_run(&chunk[i..limit]);
        if len > 0 {
            self.line_crs += crs;
            self.prev_cr = chunk[i + len - 1] == b'\r';
        }
        i + len
    }

    /// Counts a line of `len` octets (CRLF included, stuffing dot not) in the stats.
    #[inline(always)]
    fn note_line(&mut self, len: usize) {
        self.stats.longest_line = self.stats.longest_line.max(len);
        if len > MAX_TEXT_LINE {
            self.stats.long_lines += 1;
        }
    }

    /// Adds `chunk[a..b]` to the message, as far as the limit allows.
    #[inline]
    fn push<S: Sink>(&mut self, out: &mut S, a: usize, b: usize) {
        let room = self.limit.saturating_sub(self.stats.size);
        let keep = (b - a).min(room);
        if keep != 0 {
            out.run(a, a + keep);
        }
        self.stats.size += b - a;
    }

    /// Adds `n` copies of `byte` to the message, as far as the limit allows.
    fn push_fill<S: Sink>(&mut self, out: &mut S, byte: u8, n: usize, unread: usize) {
        let keep = n.min(self.limit.saturating_sub(self.stats.size));
        if keep != 0 {
            out.fill(byte, keep, unread);
        }
        self.stats.size += n;
    }

    /// True once the terminator has been seen.
    pub fn is_complete(&self) -> bool {
        self.scan == Scan::Done
    }

    /// True when the content grew beyond the storage limit (RFC 1870: answer 552 after the end).
    pub fn exceeded_limit(&self) -> bool {
        self.stats.size > self.limit
    }

    /// The unstuffed content received so far (at most the storage limit).
    pub fn message(&self) -> &[u8] {
        &self.body[..self.kept]
    }

    /// Takes the content out, leaving the receiver's message empty.
    pub fn take_message(&mut self) -> Vec<u8> {
        let mut body = core::mem::take(&mut self.body);
        body.truncate(core::mem::take(&mut self.kept));
        body
    }

    /// Empties the message but keeps its memory for what comes next (the caller has read it).
    pub fn clear_message(&mut self) {
        self.kept = 0;
    }

    /// What the scanner noticed so far.
    pub fn stats(&self) -> DataStats {
        self.stats
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (line-ending mode, input, bytes consumed when complete, message)
    type LfRow<'a> = (LineEnd, &'a [u8], Option<usize>, &'a [u8]);

    fn run(line_end: LineEnd, input: &[u8]) -> (Option<usize>, Vec<u8>, DataStats) {
        let mut rx = DataReceiver::with_options(line_end, usize::MAX);
        match rx.feed(input) {
            DataStatus::Complete { consumed } => (Some(consumed), rx.take_message(), rx.stats()),
            DataStatus::Incomplete => (None, rx.take_message(), rx.stats()),
        }
    }

    /// Feeds a chunk copied (`feed`) or, `in_place`, written at the message's end and scanned
    /// there (`input`, `feed_input`).
    fn feed_by(rx: &mut DataReceiver, chunk: &[u8], in_place: bool) -> DataStatus {
        if in_place {
            rx.input(chunk.len()).copy_from_slice(chunk);
            rx.feed_input(chunk.len())
                .expect("the region holds the chunk")
        } else {
            rx.feed(chunk)
        }
    }

    /// Feeds `input` cut at `cuts` (sorted; the end is added), each piece in place when the
    /// piece's bit of `in_place` is set. Returns (consumed when complete, message, stats).
    fn feed_cut(
        rx: &mut DataReceiver,
        input: &[u8],
        cuts: &[usize],
        in_place: u64,
    ) -> (Option<usize>, Vec<u8>, DataStats) {
        let mut start = 0;
        for (k, &end) in cuts.iter().chain([&input.len()]).enumerate() {
            let piece = &input[start..end];
            if let DataStatus::Complete { consumed: n } =
                feed_by(rx, piece, in_place >> (k % 64) & 1 == 1)
            {
                assert!(n <= piece.len());
                // After the end nothing more is consumed, whichever way it comes.
                assert_eq!(
                    feed_by(rx, b".\r\n", in_place & 1 == 1),
                    DataStatus::Complete { consumed: 0 }
                );
                return (Some(start + n), rx.message().to_vec(), rx.stats());
            }
            start = end;
        }
        (None, rx.message().to_vec(), rx.stats())
    }

    /// Runs whole, byte by byte, and split at every position, copied and in place; all must
    /// agree.
    fn run_all_splits(line_end: LineEnd, input: &[u8]) -> (Option<usize>, Vec<u8>, DataStats) {
        let whole = run(line_end, input);
        for in_place in [0, u64::MAX, 0b10, 0b01] {
            for split in 0..=input.len() {
                let mut rx = DataReceiver::with_options(line_end, usize::MAX);
                assert_eq!(
                    feed_cut(&mut rx, input, &[split], in_place),
                    whole,
                    "split {split}, in place {in_place:b}"
                );
            }
            let mut rx = DataReceiver::with_options(line_end, usize::MAX);
            let cuts: Vec<usize> = (1..input.len()).collect();
            assert_eq!(
                feed_cut(&mut rx, input, &cuts, in_place),
                whole,
                "byte by byte, in place {in_place:b}"
            );
        }
        whole
    }

    #[test]
    fn strict_table() {
        // (input after DATA CRLF, bytes consumed when complete, message)
        let rows: &[(&[u8], Option<usize>, &[u8])] = &[
            (b".\r\n", Some(3), b""),
            (b"body\r\n.\r\n", Some(9), b"body\r\n"),
            (b"body\r\n.\r\nQUIT\r\n", Some(9), b"body\r\n"),
            (b"..\r\n.\r\n", Some(7), b".\r\n"),
            (b"..x\r\n.x\r\n.\r\n", Some(12), b".x\r\nx\r\n"),
            (b"a\r\n\r\n.\r\n", Some(8), b"a\r\n\r\n"),
            (b"body\n.\n", None, b"body\n.\n"),
            (b"body\n.\r\n", None, b"body\n.\r\n"),
            (b"body\r\n.\n", None, b"body\r\n\n"),
            (b"body\r.\r", None, b"body\r.\r"),
            (b"body\r.\r\n", None, b"body\r.\r\n"),
            (b"body\r\n.\r", None, b"body\r\n"),
            (b"body\r\n.\r\r\n", None, b"body\r\n\r\r\n"),
            (b"body\r\n\0.\r\n", None, b"body\r\n\0.\r\n"),
            (b"body\r\r\n.\r\n", Some(10), b"body\r\r\n"),
            (
                b"x\n.\nMAIL FROM:<a@b>\r\n.\r\n",
                Some(24),
                b"x\n.\nMAIL FROM:<a@b>\r\n",
            ),
        ];
        for &(input, consumed, message) in rows {
            let (c, m, _) = run_all_splits(LineEnd::Crlf, input);
            assert_eq!(c, consumed, "{:?}", String::from_utf8_lossy(input));
            assert_eq!(m, message, "{:?}", String::from_utf8_lossy(input));
        }
    }

    #[test]
    fn lf_and_normalize_tables() {
        let (lf, norm) = (LineEnd::Lf, LineEnd::Normalize);
        let rows: &[LfRow] = &[
            // Postfix `no`: any dot line ends the data; bare LF is stored as CRLF.
            (lf, b"body\n.\n", Some(7), b"body\r\n"),
            (lf, b"body\n.\r\n", Some(8), b"body\r\n"),
            (lf, b"body\r\n.\n", Some(8), b"body\r\n"),
            (lf, b"body\r\n.\r\r\n", Some(10), b"body\r\n"),
            (lf, b".\n", Some(2), b""),
            (lf, b"body\r.\r\n.\r\n", Some(11), b"body\r.\r\n"),
            (lf, b"a\n..b\n.\n", Some(8), b"a\r\n.b\r\n"),
            (lf, b".\r\rx\r\n.\r\n", Some(9), b"\r\rx\r\n"),
            // Postfix `normalize`: only CRLF.CRLF ends; a dot line touching a bare LF is dropped.
            (norm, b"body\n.\n", None, b"body\r\n"),
            (
                norm,
                b"body\n.\r\nmore\r\n.\r\n",
                Some(17),
                b"body\r\nmore\r\n",
            ),
            (
                norm,
                b"body\r\n.\nmore\r\n.\r\n",
                Some(17),
                b"body\r\nmore\r\n",
            ),
            (norm, b"body\r\n.\r\r\n.\r\n", Some(13), b"body\r\n\r\r\n"),
            (norm, b"a\n..b\r\n.\r\n", Some(10), b"a\r\n.b\r\n"),
            (norm, b".\r\n", Some(3), b""),
            (norm, b"a\r\nb\n\r\n.\r\n", Some(10), b"a\r\nb\r\n\r\n"),
        ];
        for &(mode, input, consumed, message) in rows {
            let (c, m, _) = run_all_splits(mode, input);
            assert_eq!(c, consumed, "{mode:?} {:?}", String::from_utf8_lossy(input));
            assert_eq!(m, message, "{mode:?} {:?}", String::from_utf8_lossy(input));
        }
    }

    #[test]
    fn stats_count_bare_endings_and_long_lines() {
        let (_, _, s) = run_all_splits(LineEnd::Crlf, b"a\nb\rc\r\n..d\r\n.\r\n");
        assert_eq!((s.bare_lf, s.bare_cr, s.unstuffed), (1, 1, 1));
        // ". CR x": the dot is stuffing; the CR it leaves is content and counts in the line.
        let (_, m, s) = run_all_splits(LineEnd::Crlf, b".\rx\r\n.\r\n");
        assert_eq!(m, b"\rx\r\n");
        assert_eq!((s.bare_cr, s.longest_line), (1, 4));
        let mut long = vec![b'x'; 998];
        long.extend_from_slice(b"\r\n.");
        long.extend_from_slice(&[b'y'; 998]);
        long.extend_from_slice(b"\r\nz");
        long.extend_from_slice(&[b'z'; 998]);
        long.extend_from_slice(b"\r\n.\r\n");
        let (c, m, s) = run(LineEnd::Crlf, &long);
        assert!(c.is_some());
        assert_eq!(m.len(), 1000 + 1000 + 1001);
        assert_eq!((s.long_lines, s.longest_line), (1, 1001));
    }

    #[test]
    fn limit_keeps_scanning() {
        let mut rx = DataReceiver::with_options(LineEnd::Crlf, 4);
        assert_eq!(
            rx.feed(b"abcdef\r\n.\r\n"),
            DataStatus::Complete { consumed: 11 }
        );
        assert!(rx.exceeded_limit());
        assert_eq!(rx.message(), b"abcd");
        assert_eq!(rx.stats().size, 8);
        assert_eq!(rx.feed(b"more"), DataStatus::Complete { consumed: 0 });
        assert_eq!(rx.take_message(), b"abcd");
        assert!(rx.message().is_empty());
    }

    /// checked against. Returns (consumed when complete, stored message, stats).
    #[cfg_attr(target_arch = "wasm32", allow(dead_code))] // the proptests run natively only
    fn bytewise_model(
        line_end: LineEnd,
        limit: usize,
        input: &[u8],
    ) -> (Option<usize>, Vec<u8>, DataStats) {
        let lf_ends = line_end != LineEnd::Crlf;
        let (mut out, mut st) = (Vec::new(), DataStats::default());
        let push = |out: &mut Vec<u8>, st: &mut DataStats, b: u8| {
            if st.size < limit {
                out.push(b);
            }
            st.size += 1;
        };
        // Octets of the line (the stuffing dot not counted), its CR bytes, whether its last byte
        // was CR, whether the line before ended with a bare LF; CRs after a line-start dot.
        let (mut len, mut crs, mut prev_cr, mut prev_bare, mut dot_crs) = (0, 0, false, false, 0);
        let mut scan = Scan::LineStart;
        let mut i = 0;
        while let Some(&b) = input.get(i) {
            match scan {
                Scan::LineStart if b == b'.' => scan = Scan::Dot,
                Scan::Dot if b == b'\r' => {
                    scan = Scan::DotCr;
                    dot_crs = 1;
                }
                Scan::DotCr if b == b'\r' && line_end == LineEnd::Lf => dot_crs += 1,
                Scan::Dot if b == b'\n' && line_end == LineEnd::Normalize => {
                    st.bare_lf += 1;
                    prev_bare = true;
                    scan = Scan::LineStart;
                }
                Scan::DotCr if b == b'\n' && line_end == LineEnd::Normalize && prev_bare => {
                    prev_bare = false;
                    scan = Scan::LineStart;
                }
                Scan::Dot | Scan::DotCr
                    if b == b'\n' && (line_end == LineEnd::Lf || scan == Scan::DotCr) =>
                {
                    return (Some(i + 1), out, st);
                }
                Scan::LineStart | Scan::Dot | Scan::DotCr => {
                    if scan != Scan::LineStart {
                        st.unstuffed += 1;
                    }
                    if scan == Scan::DotCr {
                        for _ in 0..dot_crs {
                            push(&mut out, &mut st, b'\r');
                        }
                        len += dot_crs;
                        crs += dot_crs;
                        prev_cr = true;
                    }
                    scan = Scan::InLine;
                    continue;
                }
                Scan::InLine if b == b'\n' => {
                    if prev_cr {
                        crs -= 1;
                    } else {
                        st.bare_lf += 1;
                        if lf_ends {
                            push(&mut out, &mut st, b'\r');
                            len += 1;
                        }
                    }
                    push(&mut out, &mut st, b'\n');
                    len += 1;
                    st.bare_cr += crs;
                    st.longest_line = st.longest_line.max(len);
                    st.long_lines += usize::from(len > MAX_TEXT_LINE);
                    scan = if prev_cr || lf_ends {
                        Scan::LineStart
                    } else {
                        Scan::InLine
                    };
                    prev_bare = !prev_cr;
                    (len, crs, prev_cr) = (0, 0, false);
                }
                Scan::InLine => {
                    push(&mut out, &mut st, b);
                    len += 1;
                    crs += usize::from(b == b'\r');
                    prev_cr = b == b'\r';
                }
                Scan::Done => unreachable!("the model returns at the terminator"),
            }
            i += 1;
        }
        (None, out, st)
    }

    /// Found by the block-path property: a block that settles CRLF lines must forget that an
    /// earlier line ended in a bare LF, or normalize mode misses the real end of data.
    #[test]
    fn normalize_ends_after_a_block_of_crlf_lines_that_follows_a_dropped_dot() {
        let mut input = b".\n".to_vec();
        input.extend(std::iter::repeat_n(b'a', 62));
        input.extend_from_slice(b"\r\n.\r\nNOOP\r\n");
        let mut rx = DataReceiver::with_options(LineEnd::Normalize, usize::MAX);
        assert_eq!(rx.feed(&input), DataStatus::Complete { consumed: 69 });
        assert_eq!(rx.message().len(), 64);
    }

    /// A chunk with no stuffing dot is scanned where it was written: the message's new octets
    /// are the region's own, not a copy of them.
    #[test]
    fn in_place_run_without_dots_stays_where_it_was_written() {
        let mut rx = DataReceiver::new();
        let first = b"..first line\r\nsecond\r\n";
        rx.input(first.len()).copy_from_slice(first);
        assert_eq!(rx.feed_input(first.len()), Some(DataStatus::Incomplete));
        let body = vec![b'x'; 4096];
        let at = rx.input(body.len()).as_ptr();
        rx.input(body.len()).copy_from_slice(&body);
        assert_eq!(rx.feed_input(body.len()), Some(DataStatus::Incomplete));
        assert_eq!(rx.message()[first.len() - 1..].as_ptr(), at);
        assert_eq!(rx.message().len(), first.len() - 1 + body.len());
        // Longer than the region: refused, nothing scanned.
        rx.input(8);
        assert_eq!(rx.feed_input(1 << 20), None);
        assert_eq!(rx.stats().size, first.len() - 1 + body.len());
    }

    /// Every cut position and the one after it, every mode, each piece in place: inputs with
    /// dots at line starts right at chunk edges and block edges, bare LFs to rewrite as CRLF
    /// before any dot was removed (the message outgrows the chunk), and CRs held after a dot
    /// across a cut. Checked against the byte-at-a-time model.
    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn in_place_every_cut_matches_bytewise_model() {
        let mut inputs: Vec<Vec<u8>> = vec![
            b"a\nb\nc\n..d\r\n.\r\n".to_vec(),
            b"..\r\n..\r\n.x\r\n.\rz\r\n\n\n.\r\r\n.\r\n".to_vec(),
            b".\r\r\r\rx\r\n.\n".to_vec(),
            b"\n\n\n\n\n\n\n\n.\n..\n".to_vec(),
        ];
        // Lines ending just before, at and after a 64-octet block edge, then a stuffed line.
        for n in [61, 62, 63, 64, 65] {
            let mut v = Vec::new();
            for _ in 0..3 {
                v.extend(std::iter::repeat_n(b'a', n));
                v.extend_from_slice(b"\r\n..x\r\n.y\n");
            }
            v.extend_from_slice(b".\r\nQUIT\r\n");
            inputs.push(v);
        }
        for input in &inputs {
            for mode in [LineEnd::Crlf, LineEnd::Normalize, LineEnd::Lf] {
                for limit in [usize::MAX, 5] {
                    let want = bytewise_model(mode, limit, input);
                    for p in 0..=input.len() {
                        for q in p..=(p + 2).min(input.len()) {
                            for in_place in [u64::MAX, 0b101] {
                                let mut rx = DataReceiver::with_options(mode, limit);
                                assert_eq!(
                                    feed_cut(&mut rx, input, &[p, q], in_place),
                                    want,
                                    "{mode:?} limit {limit} cuts {p} {q} in place {in_place:b}: {:?}",
                                    String::from_utf8_lossy(input)
                                );
                            }
                        }
                    }
                }
            }
        }
    }

    /// Runs of bare CRs long enough for the SIMD builds' jump to the next LF, ending right
    /// before an LF, before a dot line, at a chunk's end: the model's answer, every mode, cut
    /// at every position.
    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn bare_cr_runs_match_bytewise_model() {
        let mut input = b"a\r\n".to_vec();
        input.extend(std::iter::repeat_n(b'\r', 300));
        input.extend_from_slice(b".x\r");
        input.extend(std::iter::repeat_n(b'\r', 200));
        input.extend_from_slice(b"\n..y");
        input.extend(std::iter::repeat_n(b'\r', 199));
        input.extend_from_slice(b"\r\n.\r\n");
        for mode in [LineEnd::Crlf, LineEnd::Normalize, LineEnd::Lf] {
            let want = bytewise_model(mode, usize::MAX, &input);
            assert!(want.0.is_some() && want.2.bare_cr > 600);
            for p in 0..=input.len() {
                for in_place in [0, u64::MAX] {
                    let mut rx = DataReceiver::with_options(mode, usize::MAX);
                    assert_eq!(
                        feed_cut(&mut rx, &input, &[p], in_place),
                        want,
                        "{mode:?} cut {p}"
                    );
                }
            }
        }
    }

    /// The message never holds more than the limit, in place too: memory is the limit plus the
    /// region asked for, whatever the content (here bare LFs that Lf mode stores as CRLF).
    #[test]
    fn in_place_memory_stays_bounded_by_the_limit() {
        for (mode, fill) in [(LineEnd::Crlf, b'x'), (LineEnd::Lf, b'\n')] {
            let mut rx = DataReceiver::with_options(mode, 100);
            let chunk = vec![fill; 1 << 16];
            for _ in 0..64 {
                rx.input(chunk.len()).copy_from_slice(&chunk);
                assert_eq!(rx.feed_input(chunk.len()), Some(DataStatus::Incomplete));
            }
            assert_eq!(rx.message().len(), 100);
            assert!(rx.exceeded_limit());
            assert!(
                rx.body.capacity() <= 4 * (100 + (1 << 16)),
                "{mode:?}: {}",
                rx.body.capacity()
            );
        }
    }

    #[cfg(not(target_arch = "wasm32"))]
    mod model {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(1024))]

            /// Any input, any chunking, any mode and storage limit, each chunk copied in or
            /// scanned in place: the scanner gives exactly what the byte-at-a-time model gives,
            /// stats included.
            #[test]
            fn scanner_matches_bytewise_model(
                mode in 0..3u8,
                limit in prop_oneof![Just(usize::MAX), 0..64usize],
                input in proptest::collection::vec(proptest::sample::select(b".\r\nab\0".to_vec()), 0..200),
                long in proptest::option::of(990..1010usize),
                cuts in proptest::collection::vec(any::<usize>(), 0..6),
                in_place in prop_oneof![Just(0u64), Just(u64::MAX), any::<u64>()],
            ) {
                let line_end = [LineEnd::Crlf, LineEnd::Lf, LineEnd::Normalize][mode as usize];
                let mut input = input;
                if let Some(n) = long {
                    // A line around the 1000-octet limit somewhere in the middle.
                    let at = input.len() / 2;
                    input.splice(at..at, std::iter::repeat_n(b'x', n).chain(*b"\r\n"));
                }
                let mut cuts: Vec<usize> = cuts.iter().map(|c| c % (input.len() + 1)).collect();
                cuts.sort_unstable();
                let mut rx = DataReceiver::with_options(line_end, limit);
                prop_assert_eq!(
                    feed_cut(&mut rx, &input, &cuts, in_place),
                    bytewise_model(line_end, limit, &input)
                );
            }

            /// The same check on inputs shaped like mail — lines of ordinary text, mostly CRLF,
            /// some stuffed, some bare CR or LF, a few long — so that whole 64-octet blocks go
            /// through the fast path, and its exits (a dot line, a bare LF to rewrite, a chunk's
            /// last octets) land at every offset within a block.
            #[test]
            fn block_path_matches_bytewise_model(
                mode in 0..3u8,
                limit in prop_oneof![3 => Just(usize::MAX), 1 => 0..4096usize],
                lines in proptest::collection::vec(
                    (
                        prop_oneof![8 => 0..80usize, 1 => 80..1100usize],
                        prop_oneof![12 => Just(&b"\r\n"[..]), 1 => Just(&b"\n"[..]), 1 => Just(&b"\r"[..]), 1 => Just(&b"\r\r\n"[..])],
                        prop_oneof![10 => Just(&b""[..]), 2 => Just(&b"."[..]), 1 => Just(&b".\r"[..]), 1 => Just(&b".\n"[..])],
                        any::<u8>(),
                    ),
                    0..120,
                ),
                end in prop_oneof![Just(&b".\r\n"[..]), Just(&b".\n"[..]), Just(&b""[..])],
                cuts in proptest::collection::vec(any::<usize>(), 0..6),
                in_place in prop_oneof![Just(0u64), Just(u64::MAX), any::<u64>()],
            ) {
                let line_end = [LineEnd::Crlf, LineEnd::Lf, LineEnd::Normalize][mode as usize];
                let mut input = Vec::new();
                for (len, ending, start, seed) in lines {
                    input.extend_from_slice(start);
                    // Text with an occasional dot, space or NUL; the seed varies where.
                    input.extend((0..len).map(|k| match (k * 31 + usize::from(seed)) % 53 {
                        0 => b'.',
                        1 => b' ',
                        2 => 0,
                        c => b'a' + (c % 26) as u8,
                    }));
                    input.extend_from_slice(ending);
                }
                input.extend_from_slice(end);
                let mut cuts: Vec<usize> = cuts.iter().map(|c| c % (input.len() + 1)).collect();
                cuts.sort_unstable();
                let mut rx = DataReceiver::with_options(line_end, limit);
                prop_assert_eq!(
                    feed_cut(&mut rx, &input, &cuts, in_place),
                    bytewise_model(line_end, limit, &input)
                );
            }

            /// Mail-shaped input scanned in place, cut right around its line-start dots (before
            /// the dot, after it, after the octet that follows): the model's answer.
            #[test]
            fn in_place_dots_at_chunk_edges(
                mode in 0..3u8,
                limit in prop_oneof![3 => Just(usize::MAX), 1 => 0..512usize],
                lines in proptest::collection::vec(
                    (
                        prop_oneof![4 => 0..70usize, 1 => 120..200usize],
                        prop_oneof![8 => Just(&b"\r\n"[..]), 1 => Just(&b"\n"[..]), 1 => Just(&b"\r"[..])],
                        prop_oneof![3 => Just(&b""[..]), 3 => Just(&b"."[..]), 1 => Just(&b".\r"[..]), 1 => Just(&b".\n"[..])],
                    ),
                    0..40,
                ),
                end in prop_oneof![Just(&b".\r\n"[..]), Just(&b".\n"[..]), Just(&b""[..])],
                picks in proptest::collection::vec(0..4usize, 0..40),
                in_place in prop_oneof![3 => Just(u64::MAX), 1 => any::<u64>()],
            ) {
                let line_end = [LineEnd::Crlf, LineEnd::Lf, LineEnd::Normalize][mode as usize];
                let (mut input, mut dots) = (Vec::new(), Vec::new());
                for (len, ending, start) in lines {
                    if start.first() == Some(&b'.') {
                        dots.push(input.len());
                    }
                    input.extend_from_slice(start);
                    input.extend((0..len).map(|k| b'a' + (k % 26) as u8));
                    input.extend_from_slice(ending);
                }
                input.extend_from_slice(end);
                // One cut near each dot, as `picks` says: none, before, after, or one later.
                let mut cuts: Vec<usize> = dots
                    .iter()
                    .zip(picks.iter().chain(std::iter::repeat(&1)))
                    .filter(|(_, &p)| p != 0)
                    .map(|(&d, &p)| (d + p - 1).min(input.len()))
                    .collect();
                cuts.sort_unstable();
                let mut rx = DataReceiver::with_options(line_end, limit);
                prop_assert_eq!(
                    feed_cut(&mut rx, &input, &cuts, in_place),
                    bytewise_model(line_end, limit, &input)
                );
            }

            /// The SIMD run of bare CRs stops before the first 16 octets holding an LF, at a
            /// multiple of 16, and counts exactly the CRs before it (more than 255 steps of 16
            /// included).
            #[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
            #[test]
            fn cr_run_counts(
                len in 0..9000usize,
                lf in proptest::option::of(0..9000usize),
                other in proptest::collection::vec(0..9000usize, 0..4),
            ) {
                let mut bytes = vec![b'\r'; len];
                for k in other { if k < len { bytes[k] = b'a'; } }
                if let Some(k) = lf { if k < len { bytes[k] = b'\n'; } }
                let (at, crs) = cr_run(&bytes);
                let end = bytes.iter().position(|&b| b == b'\n').map_or(len / 16 * 16, |k| k / 16 * 16);
                prop_assert_eq!(at, end);
                prop_assert_eq!(crs, bytes[..at].iter().filter(|&&b| b == b'\r').count());
            }

            /// The SIMD masks and the portable ones agree on any block.
            #[test]
            fn masks_agree(block in proptest::collection::vec(proptest::sample::select(b".\r\nab\0\xff".to_vec()), BLOCK)) {
                let block: &[u8; BLOCK] = block.as_slice().try_into().expect("BLOCK octets");
                let (a, b) = (masks(block), masks_swar(block));
                prop_assert_eq!((a.cr, a.lf, a.dot), (b.cr, b.lf, b.dot));
                for (k, &o) in block.iter().enumerate() {
                    prop_assert_eq!(b.cr >> k & 1 == 1, o == b'\r');
                    prop_assert_eq!(b.lf >> k & 1 == 1, o == b'\n');
                    prop_assert_eq!(b.dot >> k & 1 == 1, o == b'.');
                }
            }
        }
    }
}
