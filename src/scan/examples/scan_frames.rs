//! The native scanner as an oracle for the JS class of the page's scanner module
//! (tests/e2e/scanner.test.mjs): reads cases from stdin, writes what the scanner made of each.
//!
//! A case, little-endian: `u8` line end (0 Crlf, 1 Normalize, 2 Lf), `u32` limit (`u32::MAX`:
//! none), `u32` chunk count, then each chunk as `u32` length and octets. Its answer: `u32` octets
//! consumed up to and including the terminator (`u32::MAX` when the end was not seen), `u32`
//! message length and the message, then six `u32` stats (size, bare LF, bare CR, unstuffed, long
//! lines, longest line) and two `u8` (complete, limit exceeded).

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
        let mode = match take(&mut input, 1)[0] {
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
            if end == u32::MAX {
                match rx.feed(chunk) {
                    DataStatus::Incomplete => seen += len,
                    DataStatus::Complete { consumed } => end = (seen + consumed) as u32,
                }
            }
        }
        let st = rx.stats();
        out.extend_from_slice(&end.to_le_bytes());
        out.extend_from_slice(&(rx.message().len() as u32).to_le_bytes());
        out.extend_from_slice(rx.message());
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
    io::stdout().write_all(&out)
}
