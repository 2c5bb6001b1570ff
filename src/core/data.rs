//! Message content: the DATA receiver (end-of-data scanner and dot-unstuffing, from the
//! `smtp-sim-scan` crate), the BDAT receiver, and the client's dot-stuffing.
//!
//! The DATA receiver and its types live in their own crate so the page's scanner module can be
//! built from the same code at another opt-level; they are re-exported here unchanged (RFC 5321
//! §4.1.1.4, §4.5.2: see [`DataReceiver`]).

pub use smtp_sim_scan::{DataReceiver, DataStats, DataStatus, LineEnd, MAX_TEXT_LINE};

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
        let end = crate::find_cr_or_lf(rest).unwrap_or(rest.len());
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

    #[test]
    fn stuffing() {
        assert_eq!(dot_stuff(b"a\r\n.b\n.\rc"), b"a\r\n..b\r\n..\r\nc\r\n.\r\n");
        assert_eq!(dot_stuff(b"x\r\n"), b"x\r\n.\r\n");
        assert_eq!(normalize_line_endings(b".a\nb"), b".a\r\nb\r\n");
        assert_eq!(normalize_line_endings(b""), b"");
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
