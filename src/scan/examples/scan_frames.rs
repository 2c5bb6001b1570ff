//! The native scanner as an oracle for the JS class of the page's scanner module
//! (tests/e2e/scanner.test.mjs): reads cases from stdin, writes what the scanner made of each.
//!
//! A case, little-endian: `u8` line end (0 Crlf, 1 Normalize, 2 Lf), `u32` limit (`u32::MAX`:
//! none), `u32` chunk count, then each chunk as `u32` length and octets. Its answer: `u32` octets
//! consumed up to and including the terminator (`u32::MAX` when the end was not seen), `u32`
//! message length and the message, then six `u32` stats (size, bare LF, bare CR, unstuffed, long
//! lines, longest line) and two `u8` (complete, limit exceeded).
//!
//! With bit 7 of the line-end octet set, the answer first gives, after every chunk, what a caller
//! could ask then: `u32` what that chunk's feed returned (`u32::MAX` incomplete, else octets of it
//! consumed: 0 after the end), `u32` message length, the six stats and the two `u8`. The JS class
//! holds small chunks back from wasm, and must answer as if it did not.

use std::io::{self, Read, Write};

use smtp_sim_scan::{DataReceiver, DataStatus, LineEnd};

fn take<'a>(input: &mut &'a [u8], n: usize) -> &'a [u8] {
    let (head, rest) = input.split_at(n);
    *input = rest;
    head
}

fn u32_at(input: &mut &[u8]) -> u32 {
    u32::from_le_bytes(take(input, 4).try_into().expect("four octets"))
}

fn main() -> io::Result<()> {
    let mut all = Vec::new();
    io::stdin().read_to_end(&mut all)?;
    let mut input = all.as_slice();
    let mut out = Vec::new();
    while !input.is_empty() {
        let head = take(&mut input, 1)[0];
        let steps = head & 0x80 != 0;
        let mode = match head & 0x7f {
            1 => LineEnd::Normalize,
            2 => LineEnd::Lf,
            _ => LineEnd::Crlf,
        };
        let limit = match u32_at(&mut input) {
            u32::MAX => usize::MAX,
            n => n as usize,
        };
        let mut rx = DataReceiver::with_options(mode, limit);
        let (mut seen, mut end) = (0usize, u32::MAX);
        for _ in 0..u32_at(&mut input) {
            let len = u32_at(&mut input) as usize;
            let chunk = take(&mut input, len);
            if steps {
                let r = match rx.feed(chunk) {
                    DataStatus::Incomplete => u32::MAX,
                    DataStatus::Complete { consumed } => consumed as u32,
                };
                if end == u32::MAX {
                    match r {
                        u32::MAX => seen += len,
                        consumed => end = (seen + consumed as usize) as u32,
                    }
                }
                out.extend_from_slice(&r.to_le_bytes());
                out.extend_from_slice(&(rx.message().len() as u32).to_le_bytes());
                state(&rx, &mut out);
            } else if end == u32::MAX {
                match rx.feed(chunk) {
                    DataStatus::Incomplete => seen += len,
                    DataStatus::Complete { consumed } => end = (seen + consumed) as u32,
                }
            }
        }
        out.extend_from_slice(&end.to_le_bytes());
        out.extend_from_slice(&(rx.message().len() as u32).to_le_bytes());
        out.extend_from_slice(rx.message());
        state(&rx, &mut out);
    }
    io::stdout().write_all(&out)
}

/// The six stats and the two flags.
fn state(rx: &DataReceiver, out: &mut Vec<u8>) {
    let st = rx.stats();
    for v in [
        st.size,
        st.bare_lf,
        st.bare_cr,
        st.unstuffed,
        st.long_lines,
        st.longest_line,
    ] {
        out.extend_from_slice(&(v as u32).to_le_bytes());
    }
    out.extend_from_slice(&[u8::from(rx.is_complete()), u8::from(rx.exceeded_limit())]);
}
