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
use memchr::memchr2;
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

/// The DATA receiver: finds the end of data and removes the stuffing dots (RFC 5321 §4.5.2).
///
/// ```
/// use smtp_sim_scan::{DataReceiver, DataStatus};
/// let mut rx = DataReceiver::new();
/// assert_eq!(rx.feed(b"Subject: hi\r\n\r\n..dots\r\n"), DataStatus::Incomplete);
/// assert_eq!(rx.feed(b".\r\nQUIT\r\n"), DataStatus::Complete { consumed: 3 });
/// assert_eq!(rx.message(), b"Subject: hi\r\n\r\n.dots\r\n");
/// ```
#[derive(Clone, Debug)]
pub struct DataReceiver {
    line_end: LineEnd,
    limit: usize,
    scan: Scan,
    body: Vec<u8>,
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
        let mode = self.line_end;
        let mut i = 0;
        loop {
            let Some(&b) = chunk.get(i) else {
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
                        for _ in 0..crs {
                            self.push(b"\r");
                        }
                        self.line_len += crs;
                        self.line_crs += crs;
                        self.prev_cr = true;
                        self.scan = Scan::InLine;
                    }
                },
                Scan::InLine => i = self.scan_lines(chunk, i),
                Scan::Done => return DataStatus::Complete { consumed: i },
            }
        }
    }

    /// Copies content from `chunk[i..]`, line after line, until a line starts with a dot that
    /// may end the data, the chunk ends, or a bare LF must become CRLF; returns the new index.
    /// Whole blocks go through [`Self::skip_blocks`]; what it leaves, one CR or LF at a time
    /// (`memchr2`). Bytes between stops are copied as one run.
    fn scan_lines(&mut self, chunk: &[u8], mut i: usize) -> usize {
        // Where a bare LF ends a line it is stored as CRLF.
        let lf_ends = self.line_end.lf_ends_line();
        // Bytes from `run` on are not copied yet; the current line's bytes in this chunk start
        // at `line` (`line_len` counts those before it).
        let mut run = i;
        let mut line = i;
        // The block fast path is tried again only past the block it last gave back.
        let mut retry_at = i;
        loop {
            if i >= retry_at && chunk.len() - i > BLOCK {
                let (j, line_start, stopped) = self.skip_blocks(chunk, i, &mut run, &mut line);
                i = j;
                retry_at = if stopped { i + BLOCK } else { usize::MAX };
                if line_start && chunk.get(i) == Some(&b'.') {
                    self.push(&chunk[run..i]);
                    self.scan = Scan::LineStart;
                    return i;
                }
            }
            let Some(k) = find_line_end(&chunk[i..]).map(|k| i + k) else {
                self.line_len += chunk.len() - line;
                self.prev_cr = false;
                self.push(&chunk[run..]);
                return chunk.len();
            };
            let lf = if chunk[k] == b'\n' {
                k
            } else {
                self.line_crs += 1;
                match chunk.get(k + 1) {
                    Some(b'\n') => k + 1,
                    Some(_) => {
                        i = k + 1;
                        continue;
                    }
                    None => {
                        self.line_len += chunk.len() - line;
                        self.prev_cr = true;
                        self.push(&chunk[run..]);
                        return chunk.len();
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
                    self.push(&chunk[run..lf]);
                    self.push(b"\r\n");
                    run = lf + 1;
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
                match chunk.get(i) {
                    Some(b'.') | None => {
                        self.push(&chunk[run..i]);
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
    fn skip_blocks(
        &mut self,
        chunk: &[u8],
        mut i: usize,
        run: &mut usize,
        line: &mut usize,
    ) -> (usize, bool, bool) {
        // Both modes where a bare LF ends a line store it as CRLF: a block holding one goes to
        // the line path, which inserts the CR (and applies normalize's rules for dot lines).
        let lf_ends = self.line_end.lf_ends_line();
        let normalize = lf_ends;
        // Whether the octet before the block is CR, and whether it ended a line so that the
        // block's first octet starts one.
        let mut cr_in = u64::from(if i > *line {
            chunk[i - 1] == b'\r'
        } else {
            self.prev_cr
        });
        let mut start_in = 0;
        // Blocks in a row with no CR or LF: inside a long line, `memchr2` jumps further.
        let mut blank = 0;
        while let Some((block, after)) = chunk[i..].split_first_chunk::<BLOCK>() {
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
                        None => return (chunk.len(), false, false),
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
                    self.push(&chunk[*run..d]);
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
            } else {
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
        }
        (i, start_in != 0, false)
    }

    /// Counts a line of `len` octets (CRLF included, stuffing dot not) in the stats.
    #[inline(always)]
    fn note_line(&mut self, len: usize) {
        self.stats.longest_line = self.stats.longest_line.max(len);
        if len > MAX_TEXT_LINE {
            self.stats.long_lines += 1;
        }
    }

    fn push(&mut self, bytes: &[u8]) {
        let room = self.limit.saturating_sub(self.stats.size);
        self.body.extend_from_slice(&bytes[..bytes.len().min(room)]);
        self.stats.size += bytes.len();
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
        &self.body
    }

    /// Takes the content out, leaving the receiver's message empty.
    pub fn take_message(&mut self) -> Vec<u8> {
        core::mem::take(&mut self.body)
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

    /// Runs whole, byte by byte, and split at every position; all must agree.
    fn run_all_splits(line_end: LineEnd, input: &[u8]) -> (Option<usize>, Vec<u8>, DataStats) {
        let whole = run(line_end, input);
        for split in 0..=input.len() {
            let mut rx = DataReceiver::with_options(line_end, usize::MAX);
            let mut consumed = None;
            for (start, part) in [(0, &input[..split]), (split, &input[split..])] {
                if consumed.is_some() {
                    break;
                }
                if let DataStatus::Complete { consumed: n } = rx.feed(part) {
                    consumed = Some(start + n);
                }
            }
            assert_eq!(
                (consumed, rx.message().to_vec(), rx.stats()),
                whole,
                "split {split}"
            );
        }
        let mut rx = DataReceiver::with_options(line_end, usize::MAX);
        let mut consumed = None;
        for (pos, b) in input.iter().enumerate() {
            if let DataStatus::Complete { consumed: n } = rx.feed(core::slice::from_ref(b)) {
                assert_eq!(n, 1);
                consumed = Some(pos + 1);
                break;
            }
        }
        assert_eq!(
            (consumed, rx.message().to_vec(), rx.stats()),
            whole,
            "byte by byte"
        );
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

    #[cfg(not(target_arch = "wasm32"))]
    mod model {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(1024))]

            /// Any input, any chunking, any mode and storage limit: the scanner gives exactly what
            /// the byte-at-a-time model gives, stats included.
            #[test]
            fn scanner_matches_bytewise_model(
                mode in 0..3u8,
                limit in prop_oneof![Just(usize::MAX), 0..64usize],
                input in proptest::collection::vec(proptest::sample::select(b".\r\nab\0".to_vec()), 0..200),
                long in proptest::option::of(990..1010usize),
                cuts in proptest::collection::vec(any::<usize>(), 0..6),
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
                cuts.push(input.len());
                let mut rx = DataReceiver::with_options(line_end, limit);
                let (mut start, mut consumed) = (0, None);
                for end in cuts {
                    if let DataStatus::Complete { consumed: n } = rx.feed(&input[start..end]) {
                        consumed = Some(start + n);
                        break;
                    }
                    start = end;
                }
                prop_assert_eq!(
                    (consumed, rx.message().to_vec(), rx.stats()),
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
                cuts.push(input.len());
                let mut rx = DataReceiver::with_options(line_end, limit);
                let (mut start, mut consumed) = (0, None);
                for end in cuts {
                    if let DataStatus::Complete { consumed: n } = rx.feed(&input[start..end]) {
                        consumed = Some(start + n);
                        break;
                    }
                    start = end;
                }
                prop_assert_eq!(
                    (consumed, rx.message().to_vec(), rx.stats()),
                    bytewise_model(line_end, limit, &input)
                );
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
