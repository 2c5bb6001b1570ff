//! smtp-sim-core: the SMTP protocol, sans-IO.
//!
//! Both sides of an SMTP session (RFC 5321 and the extensions people meet) as state machines
//! that take bytes and return bytes and events: the command parser, the server session, the DATA
//! and BDAT receivers (the end-of-data scanner and dot-unstuffing), the client session, and a
//! simulation that wires a client to a server in memory.
//!
//! What it does not do: no sockets, files, clocks, threads or DOM; no text for people beyond the
//! reply lines a server puts on the wire (every explanation lives in `smtp-sim-explain`, which
//! depends on this crate, never the reverse); no real TLS (the adapter wraps the stream) and no
//! real delivery (accepted messages are handed to the caller). The adapters around it are
//! `smtp-sim-wasm` (the browser) and the `smtp-sim` binary (the terminal).
//!
//! # One sans-IO dialect
//!
//! [`server::ServerSession`] and [`client::ClientSession`] are driven the same way, with the
//! same names:
//!
//! 1. `receive(&[u8])`: the peer's bytes, split anywhere (the client also takes one typed reply
//!    line with `receive_line` and a parsed reply with `receive_reply`);
//! 2. `poll_event()` until `None`: what happened, oldest first. Events first, because one may
//!    ask for an answer that adds output: the server's `MessageReceived` waits for the
//!    adapter's `accept_message` or `refuse_message` (RFC 5321 §6.1);
//! 3. `take_output() -> Vec<u8>`: the bytes to write to the peer, in order; empty when none;
//! 4. `is_closed()`: when true, the caller closes the connection.
//!
//! Drain 2 to 4 after every input, and once after `new` (the server's greeting is queued then).
//! Time is the caller's: when its timer fires it calls `timeout()`, which ends the session (the
//! server queues `421 4.4.2`, RFC 5321 §4.5.3.2; the client gives up and retries later). What
//! only one side has: the server's `shutdown()` and `refuse_busy()` (a 421 of its own,
//! RFC 5321 §3.8) and its message verdict (`accept_message`, `refuse_message`, RFC 5321 §6.1);
//! the client's `connection_closed()` (the connection ended under it) and `outcome()`.
//!
//! | module | what lives there |
//! |---|---|
//! | [`command`] | SMTP commands and their parser (paths, ESMTP parameters) |
//! | [`base64`] | the base64 codec AUTH uses |
//! | [`reply`] | replies, enhanced status codes, the streaming reply parser |
//! | [`data`] | the DATA and BDAT receivers, dot-stuffing |
//! | [`sequence`] | which replies answer which commands (RFC 5321 §4.3.2): the one judge of a reply |
//! | [`server`] | the server session state machine and its configuration |
//! | [`forced`] | forced replies: which fault strikes a command, address patterns, counts |
//! | [`client`] | the client session: an envelope and a message in, commands out |
//! | [`sim`] | a client and a server wired back to back, and the transcript |
//! | [`lab`] | the two-hop SMTP smuggling lab: relay A and inbound B read the same bytes |
//! | [`lesson`] | the `.smtp` lesson format: parser, evaluator, `lesson check`, transcripts |
//! | [`capture`] | transcripts as text both ways: our export, `C:`/`S:`, swaks, telnet/nc |
//! | [`share`] | share links `#s=1.<codec>.<payload>` (cargo feature `share`) |
#![deny(missing_docs)]

mod names;

pub mod base64;
pub mod capture;
pub mod client;
pub mod command;
pub mod data;
pub mod forced;
pub mod lab;
pub mod lesson;
pub mod reply;
pub mod sequence;
pub mod server;
#[cfg(feature = "share")]
pub mod share;
pub mod sim;

/// Appends `n` in decimal. Numbers reach text through this and [`push_hex_escape`], not
/// `core::fmt`: the page's first-load module links none of the formatting machinery.
pub fn push_decimal(s: &mut String, mut n: u64) {
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    for &d in &digits[i..] {
        s.push(d as char);
    }
}

/// Appends `b` as `\xHH` (upper-case hex), the escape of transcripts and `send:` lines.
pub fn push_hex_escape(s: &mut String, b: u8) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    s.push_str("\\x");
    s.push(HEX[usize::from(b >> 4)] as char);
    s.push(HEX[usize::from(b & 15)] as char);
}

/// Reads `s` as a whole number in decimal: ASCII digits only (no sign), at least one, `None`
/// past `u64::MAX`. The callers' numbers (an address literal's octet, an enhanced code's part, a
/// BDAT chunk size) go through this one reader instead of `str::parse` for each integer type:
/// one copy of the code in the first-load module (bench/RESULTS.md §34).
pub fn parse_decimal(s: &str) -> Option<u64> {
    if s.is_empty() {
        return None;
    }
    s.bytes().try_fold(0u64, |n, b| {
        if b.is_ascii_digit() {
            n.checked_mul(10)?.checked_add(u64::from(b - b'0'))
        } else {
            None
        }
    })
}

/// The index of the first `byte` in `hay`: memchr, or with feature `small-scan` a byte loop
/// (the page's first-load module, whose session reads typed lines: bench/RESULTS.md §41).
#[inline]
pub(crate) fn find_byte(byte: u8, hay: &[u8]) -> Option<usize> {
    #[cfg(feature = "small-scan")]
    return hay.iter().position(|&b| b == byte);
    #[cfg(not(feature = "small-scan"))]
    memchr::memchr(byte, hay)
}

/// The index of the first CR or LF in `hay`: [`find_byte`]'s choice, for two bytes.
#[inline]
pub(crate) fn find_cr_or_lf(hay: &[u8]) -> Option<usize> {
    #[cfg(feature = "small-scan")]
    return hay.iter().position(|&b| b == b'\r' || b == b'\n');
    #[cfg(not(feature = "small-scan"))]
    memchr::memchr2(b'\r', b'\n', hay)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimal_read_as_str_parse_reads_digits() {
        for s in [
            "0",
            "7",
            "255",
            "256",
            "00012",
            "18446744073709551615",
            "18446744073709551616",
            "99999999999999999999",
            "",
            "+1",
            "-1",
            "1a",
            " 1",
            "1.0",
        ] {
            let digits = !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
            let std = if digits { s.parse::<u64>().ok() } else { None };
            assert_eq!(parse_decimal(s), std, "{s:?}");
        }
    }

    #[test]
    fn decimal_and_hex_as_core_fmt_writes_them() {
        for n in [0u64, 7, 10, 12345, u64::MAX] {
            let mut s = String::new();
            push_decimal(&mut s, n);
            assert_eq!(s, n.to_string());
        }
        for b in 0..=255u8 {
            let mut s = String::new();
            push_hex_escape(&mut s, b);
            assert_eq!(s, format!("\\x{b:02X}"));
        }
    }
}
