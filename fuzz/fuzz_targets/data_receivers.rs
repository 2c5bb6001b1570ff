//! The DATA and BDAT receivers against models that read one byte at a time (RFC 5321 §4.5.2,
//! RFC 3030 §2). For every line-end rule the DATA receiver gives the same end, message and
//! statistics whole, in random pieces and byte by byte; for CRLF-only reading it also matches a
//! plain line-by-line model; scanned in place (each piece written at the message's end) it
//! gives the same again. The BDAT receiver takes exactly its size, whatever the pieces.
//! The DATA receiver is the `smtp-sim-scan` crate's (the core re-exports it), the one the page's
//! scanner module builds too, so this target covers that crate.
#![no_main]

#[path = "common.rs"]
mod common;

use libfuzzer_sys::fuzz_target;
use smtp_sim_core::data::{BdatReceiver, DataReceiver, DataStats, DataStatus, LineEnd};

const MODES: [LineEnd; 3] = [LineEnd::Crlf, LineEnd::Normalize, LineEnd::Lf];

/// (octets consumed when the end was found, message, statistics). `in_place`: each piece is
/// written at the message's end and scanned there (`input`, `feed_input`) instead of copied.
fn feed(
    mode: LineEnd,
    limit: usize,
    pieces: &[&[u8]],
    in_place: bool,
) -> (Option<usize>, Vec<u8>, DataStats) {
    let mut rx = DataReceiver::with_options(mode, limit);
    let mut seen = 0;
    for piece in pieces {
        let status = if in_place {
            rx.input(piece.len()).copy_from_slice(piece);
            rx.feed_input(piece.len()).expect("the region holds the piece")
        } else {
            rx.feed(piece)
        };
        match status {
            DataStatus::Incomplete => seen += piece.len(),
            DataStatus::Complete { consumed } => {
                assert!(consumed <= piece.len());
                assert!(rx.is_complete());
                // After the end nothing more is consumed.
                assert_eq!(rx.feed(b".\r\n"), DataStatus::Complete { consumed: 0 });
                return (Some(seen + consumed), rx.take_message(), rx.stats());
            }
        }
    }
    assert!(!rx.is_complete());
    (None, rx.take_message(), rx.stats())
}

/// RFC 5321 §4.5.2 read line by line: lines end at CRLF only; the line "." ends the data; any
/// other line that starts with a dot loses it.
fn crlf_model(input: &[u8]) -> Option<(usize, Vec<u8>)> {
    let mut out = Vec::new();
    let mut pos = 0;
    loop {
        let rest = &input[pos..];
        let end = rest.windows(2).position(|w| w == b"\r\n")?;
        let line = &rest[..end];
        if line == b"." {
            return Some((pos + 3, out));
        }
        out.extend_from_slice(line.strip_prefix(b".").unwrap_or(line));
        out.extend_from_slice(b"\r\n");
        pos += end + 2;
    }
}

fuzz_target!(|data: &[u8]| {
    let (bits, input) = common::split_head(data, 2);
    let limit = if bits & 1 != 0 { 16 } else { usize::MAX };
    let random = common::pieces(input, bits.wrapping_mul(0x2545_f491), 24);
    let single: Vec<&[u8]> = input.chunks(1).collect();
    for mode in MODES {
        let whole = feed(mode, limit, &[input], false);
        assert_eq!(feed(mode, limit, &random, false), whole, "{mode:?}: random pieces");
        assert_eq!(feed(mode, limit, &single, false), whole, "{mode:?}: byte by byte");
        // Scanned in place, where the message only moves left past a removed dot.
        assert_eq!(feed(mode, limit, &[input], true), whole, "{mode:?}: in place");
        assert_eq!(feed(mode, limit, &random, true), whole, "{mode:?}: in place, random pieces");
        assert!(whole.1.len() <= limit);
        if mode == LineEnd::Crlf && limit == usize::MAX {
            let model = crlf_model(input);
            match (&whole, model) {
                ((Some(n), msg, _), Some((m, model_msg))) => {
                    assert_eq!(*n, m, "end of data");
                    assert_eq!(msg, &model_msg, "message");
                }
                ((None, _, _), None) => {}
                (got, want) => panic!("receiver {:?} vs model {want:?}", got.0),
            }
        }
    }

    // BDAT: a size from the head, the input as the stream.
    let size = (bits >> 2) as u64 % (input.len() as u64 + 8);
    let blimit = if bits & 2 != 0 { 5 } else { usize::MAX };
    for pieces in [vec![input], random.clone(), single.clone()] {
        let mut rx = BdatReceiver::new(size);
        let mut out = Vec::new();
        let mut consumed = 0;
        for piece in &pieces {
            let n = rx.feed(piece, &mut out, blimit);
            assert!(n <= piece.len());
            // Once complete, nothing more is taken; before, a piece is taken whole.
            assert!(n == piece.len() || rx.is_complete());
            consumed += n;
        }
        let want = (size as usize).min(input.len());
        assert_eq!(consumed, want);
        assert_eq!(out, &input[..want.min(blimit)]);
        assert_eq!(rx.is_complete(), input.len() as u64 >= size);
        assert_eq!(rx.remaining(), size - want as u64);
    }
});
