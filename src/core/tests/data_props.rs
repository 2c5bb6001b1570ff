//! Property tests for the DATA receiver: chunking never changes a result, and client stuffing
//! followed by server unstuffing is the identity (RFC 5321 §4.5.2).

use proptest::prelude::*;
use smtp_sim_core::data::{
    dot_stuff, normalize_line_endings, DataReceiver, DataStats, DataStatus, LineEnd,
};

/// Bodies rich in the bytes that matter: dots, CR, LF, and ordinary text.
fn body() -> impl Strategy<Value = Vec<u8>> {
    prop::collection::vec(
        prop_oneof![
            4 => Just(b'.'),
            3 => Just(b'\r'),
            3 => Just(b'\n'),
            6 => b'a'..=b'c',
            1 => any::<u8>(),
        ],
        0..300,
    )
}

/// Split points for a buffer of `len` bytes: sorted, deduplicated.
fn cuts(len: usize, raw: &[usize]) -> Vec<usize> {
    let mut c: Vec<usize> = raw.iter().map(|&r| r % (len + 1)).collect();
    c.sort_unstable();
    c.dedup();
    c
}

/// Feeds `input` in pieces cut at `cuts`; returns (total consumed when complete, message, stats).
fn feed_chunked(
    line_end: LineEnd,
    input: &[u8],
    cuts: &[usize],
) -> (Option<usize>, Vec<u8>, DataStats) {
    let mut rx = DataReceiver::with_options(line_end, usize::MAX);
    let mut start = 0;
    let mut done = None;
    for &end in cuts.iter().chain(std::iter::once(&input.len())) {
        if end < start {
            continue;
        }
        if let DataStatus::Complete { consumed } = rx.feed(&input[start..end]) {
            done = Some(start + consumed);
            break;
        }
        start = end;
    }
    (done, rx.take_message(), rx.stats())
}

fn modes() -> impl Strategy<Value = LineEnd> {
    prop_oneof![
        Just(LineEnd::Crlf),
        Just(LineEnd::Normalize),
        Just(LineEnd::Lf),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Any body, stuffed by the client and fed in any chunking, comes back byte-identical
    /// (line endings normalised to CRLF), and the terminator is the last byte consumed.
    #[test]
    fn stuff_then_unstuff_is_identity(msg in body(), raw in prop::collection::vec(any::<usize>(), 0..8), tail in body()) {
        let mut wire = dot_stuff(&msg);
        let terminator_end = wire.len();
        wire.extend_from_slice(&tail);
        let (done, got, stats) = feed_chunked(LineEnd::Crlf, &wire, &cuts(wire.len(), &raw));
        prop_assert_eq!(done, Some(terminator_end));
        prop_assert_eq!(got, normalize_line_endings(&msg));
        prop_assert_eq!((stats.bare_lf, stats.bare_cr), (0, 0));
    }

    /// Raw bytes (not stuffed): every chunking gives the same result as one whole feed.
    #[test]
    fn chunking_never_changes_the_result(line_end in modes(), input in body(), raw in prop::collection::vec(any::<usize>(), 0..8)) {
        let whole = feed_chunked(line_end, &input, &[]);
        let split = feed_chunked(line_end, &input, &cuts(input.len(), &raw));
        prop_assert_eq!(split, whole);
    }

    /// In strict mode the data ends exactly at the first CRLF "." CRLF that starts at a line
    /// start (the start of the data counts), and the message is what precedes it, unstuffed.
    #[test]
    fn strict_ends_only_at_crlf_dot_crlf(input in body()) {
        let (done, got, _) = feed_chunked(LineEnd::Crlf, &input, &[]);
        let mut expect_end = None;
        let mut line_start = 0;
        let mut i = 0;
        while i < input.len() {
            if i == line_start && input[i..].starts_with(b".\r\n") {
                expect_end = Some(i + 3);
                break;
            }
            if input[i..].starts_with(b"\r\n") {
                line_start = i + 2;
                i += 2;
            } else {
                i += 1;
            }
        }
        prop_assert_eq!(done, expect_end);
        // An incomplete input may hold back a pending "." or "." CR, so only count when done.
        let Some(end) = expect_end else { return Ok(()) };
        let body_len = end - 3;
        let dots = input[..body_len]
            .iter()
            .enumerate()
            .filter(|&(j, &b)| b == b'.' && (j == 0 || input[..j].ends_with(b"\r\n")))
            .count();
        prop_assert_eq!(got.len(), body_len - dots);
    }
}
