//! The DATA receiver's scanner as it was before the block scanner (one `memchr2` per line),
//! frozen here so the benchmark can time the old and the new side by side in one run.
//! Benchmark-only: the library's `smtp_sim_core::data` is the one that ships.
#![allow(dead_code)]

use memchr::memchr2;

/// The longest text line RFC 5321 §4.5.3.1.6 requires a server to accept, CRLF included and the
/// stuffing dot not counted.
pub const MAX_TEXT_LINE: usize = 1000;

/// Which byte sequences end a line, and so where a terminating `.` line can start.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum LineEnd {
    /// Only CRLF ends a line (RFC 5321 §2.3.8). End of data is `CRLF . CRLF` and nothing else.
    #[default]
    Crlf,
    /// A bare LF also ends a line, so `LF . LF`, `LF . CRLF` and `CRLF . LF` end the data too.
    /// This is how servers behaved before the 2023 smuggling fixes.
    Lf {
        /// Store each bare LF as CRLF, so the accepted message has one line ending throughout.
        normalize: bool,
    },
}

/// The result of feeding bytes to a receiver.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
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
    /// A line started with `.` and then CR.
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
        }
    }

    /// Scans a chunk. Returns how far it got; see [`DataStatus`]. After the end, consumes nothing.
    pub fn feed(&mut self, chunk: &[u8]) -> DataStatus {
        let lf_ends = matches!(self.line_end, LineEnd::Lf { .. });
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
                        i += 1;
                    }
                    b'\n' if lf_ends => {
                        self.scan = Scan::Done;
                        i += 1;
                    }
                    _ => {
                        // A stuffed line: the dot goes, the rest is ordinary content.
                        self.stats.unstuffed += 1;
                        self.scan = Scan::InLine;
                    }
                },
                Scan::DotCr => {
                    if b == b'\n' {
                        self.scan = Scan::Done;
                        i += 1;
                    } else {
                        // `.` CR x: the dot was stuffing; the CR is content (and bare).
                        self.stats.unstuffed += 1;
                        self.push(b"\r");
                        self.line_len += 1;
                        self.line_crs += 1;
                        self.prev_cr = true;
                        self.scan = Scan::InLine;
                    }
                }
                Scan::InLine => i = self.scan_lines(chunk, i),
                Scan::Done => return DataStatus::Complete { consumed: i },
            }
        }
    }

    /// Copies content from `chunk[i..]`, line after line, until a line starts with a dot, the
    /// chunk ends, or a bare LF must become CRLF; returns the new index. One `memchr2` pass finds
    /// each CR and LF, and the bytes between those stops are copied as one run.
    fn scan_lines(&mut self, chunk: &[u8], mut i: usize) -> usize {
        let lf_ends = matches!(self.line_end, LineEnd::Lf { .. });
        let normalize = self.line_end == (LineEnd::Lf { normalize: true });
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
                if normalize {
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
