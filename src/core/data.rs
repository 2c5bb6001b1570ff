//! Message content: the DATA receiver (end-of-data scanner and dot-unstuffing), the BDAT
//! receiver, and the client's dot-stuffing.
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
//! The scanner is streaming: feed it chunks split anywhere and the result is the same. It finds
//! line ends with `memchr`, so it copies whole lines at a time instead of looking at each byte.

use memchr::memchr2;
#[cfg(feature = "serde")]
use serde::Serialize;

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
/// use smtp_sim_core::data::{DataReceiver, DataStatus};
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

    /// Copies content from `chunk[i..]`, line after line, until a line starts with a dot, the
    /// chunk ends, or a bare LF must become CRLF; returns the new index. One `memchr2` pass finds
    /// each CR and LF, and the bytes between those stops are copied as one run.
    fn scan_lines(&mut self, chunk: &[u8], mut i: usize) -> usize {
        // Where a bare LF ends a line it is stored as CRLF.
        let lf_ends = self.line_end.lf_ends_line();
        // Bytes from `run` on are not copied yet; the current line's bytes in this chunk start
        // at `line` (`line_len` counts those before it).
        let mut run = i;
        let mut line = i;
        loop {
            let Some(k) = memchr2(b'\r', b'\n', &chunk[i..]).map(|k| i + k) else {
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

/// The BDAT receiver (RFC 3030): takes exactly the announced number of octets, with no
/// stuffing and no terminator.
#[derive(Clone, Debug)]
pub struct BdatReceiver {
    remaining: u64,
}

impl BdatReceiver {
    /// A receiver for a chunk of `size` octets.
    pub fn new(size: u64) -> Self {
        Self { remaining: size }
    }

    /// Takes as much of `input` as the chunk still needs, appending it to `out` while `out` stays
    /// within `limit` octets; returns how many bytes of `input` were consumed.
    pub fn feed(&mut self, input: &[u8], out: &mut Vec<u8>, limit: usize) -> usize {
        let n = input
            .len()
            .min(usize::try_from(self.remaining).unwrap_or(usize::MAX));
        let room = limit.saturating_sub(out.len());
        out.extend_from_slice(&input[..n.min(room)]);
        self.remaining -= n as u64;
        n
    }

    /// Octets still expected.
    pub fn remaining(&self) -> u64 {
        self.remaining
    }

    /// True once the whole chunk has been read.
    pub fn is_complete(&self) -> bool {
        self.remaining == 0
    }
}

/// Turns a message into the bytes a client sends after 354: every line ending made CRLF (a bare
/// LF or bare CR becomes CRLF), a dot added to every line that starts with one (the first line
/// included; RFC 5321 §4.5.2), a final CRLF added when missing, then the `.` CRLF terminator.
///
/// ```
/// use smtp_sim_core::data::dot_stuff;
/// assert_eq!(dot_stuff(b".hidden\n."), b"..hidden\r\n..\r\n.\r\n");
/// assert_eq!(dot_stuff(b""), b".\r\n");
/// ```
pub fn dot_stuff(message: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(message.len() + message.len() / 32 + 8);
    let mut rest = message;
    while !rest.is_empty() {
        if rest[0] == b'.' {
            out.push(b'.');
        }
        let end = memchr::memchr2(b'\r', b'\n', rest).unwrap_or(rest.len());
        out.extend_from_slice(&rest[..end]);
        out.extend_from_slice(b"\r\n");
        rest = match rest.get(end..) {
            Some([b'\r', b'\n', tail @ ..]) => tail,
            Some([_, tail @ ..]) => tail,
            _ => &[],
        };
    }
    out.extend_from_slice(b".\r\n");
    out
}

/// What [`dot_stuff`] followed by a [`DataReceiver`] gives back: the message with every line
/// ending made CRLF and a final CRLF when the message is not empty.
pub fn normalize_line_endings(message: &[u8]) -> Vec<u8> {
    let mut stuffed = dot_stuff(message);
    stuffed.truncate(stuffed.len() - 3);
    let mut out = Vec::with_capacity(stuffed.len());
    let mut at_start = true;
    for &b in &stuffed {
        if at_start && b == b'.' {
            at_start = false;
            continue;
        }
        at_start = b == b'\n';
        out.push(b);
    }
    out
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

    #[test]
    fn stuffing() {
        assert_eq!(dot_stuff(b"a\r\n.b\n.\rc"), b"a\r\n..b\r\n..\r\nc\r\n.\r\n");
        assert_eq!(dot_stuff(b"x\r\n"), b"x\r\n.\r\n");
        assert_eq!(normalize_line_endings(b".a\nb"), b".a\r\nb\r\n");
        assert_eq!(normalize_line_endings(b""), b"");
    }

    /// The receiver's contract, one byte at a time: the oracle the line-at-a-time scanner is
    /// checked against. Returns (consumed when complete, stored message, stats).
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
        }
    }

    #[test]
    fn bdat_takes_exactly_the_size() {
        let mut rx = BdatReceiver::new(5);
        let mut out = Vec::new();
        assert_eq!(rx.feed(b"abc", &mut out, 100), 3);
        assert_eq!(rx.feed(b"de\r\nQUIT", &mut out, 100), 2);
        assert!(rx.is_complete());
        assert_eq!(out, b"abcde");
    }
}
