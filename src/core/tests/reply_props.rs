//! The client's reply parser gives the same replies and errors for every chunking of the same
//! bytes (issue 8, defect 7): a line over 512 octets split across reads once had its tail parsed
//! as a reply of its own, so a hostile server could slip a fake `250` past the client.

use proptest::prelude::*;
use smtp_sim_core::reply::{Reply, ReplyError, ReplyParser};

/// Everything a parser says about `pieces` fed in order: each reply or error, then whether an
/// unfinished line or reply is left.
fn parse(pieces: &[&[u8]]) -> (Vec<Result<Reply, ReplyError>>, bool) {
    let mut p = ReplyParser::new();
    let mut out = Vec::new();
    for piece in pieces {
        p.feed(piece);
        while let Some(r) = p.next_reply() {
            out.push(r);
        }
    }
    (out, p.has_partial())
}

fn whole(input: &[u8]) -> (Vec<Result<Reply, ReplyError>>, bool) {
    parse(&[input])
}

#[test]
fn the_tail_of_a_long_line_is_never_a_reply() {
    // A 550 whose text runs past 512 octets, with "250 2.0.0 fake" where the first read ends.
    let mut wire = b"550 ".to_vec();
    wire.extend(std::iter::repeat_n(b'x', 596));
    wire.extend_from_slice(b"250 2.0.0 fake\r\n220 next\r\n");
    let expected = vec![
        Err(ReplyError::LineTooLong),
        Ok(Reply::new(220, None, "next")),
    ];
    assert_eq!(whole(&wire), (expected.clone(), false));
    let (a, b) = wire.split_at(600);
    assert_eq!(parse(&[a, b]), (expected.clone(), false));
    let (a, rest) = wire.split_at(513);
    let (b, c) = rest.split_at(50);
    assert_eq!(parse(&[a, b, c]), (expected, false));
}

/// Found by the fuzzer: 511 octets of text ended by a bare LF (512 octets) were read, but written
/// back with CRLF (513) the same reply no longer parsed. The text is what counts: 510 octets at
/// most, however the line ends.
#[test]
fn the_limit_is_on_the_text_whatever_ends_the_line() {
    let line = |text: usize, end: &[u8]| {
        let mut l = b"550 ".to_vec();
        l.extend(std::iter::repeat_n(b'x', text - 4));
        l.extend_from_slice(end);
        l
    };
    for end in [&b"\n"[..], b"\r\n"] {
        let ok = line(510, end);
        let (replies, partial) = whole(&ok);
        assert!(!partial);
        let reply = replies[0].as_ref().expect("510 octets of text are read");
        assert_eq!(
            whole(&reply.to_bytes()).0,
            vec![Ok(reply.clone())],
            "and read again as written"
        );
        assert_eq!(
            whole(&line(511, end)),
            (vec![Err(ReplyError::LineTooLong)], false)
        );
        // Byte by byte, the same answer.
        let long = line(511, end);
        let bytes: Vec<&[u8]> = long.chunks(1).collect();
        assert_eq!(parse(&bytes), (vec![Err(ReplyError::LineTooLong)], false));
    }
}

#[test]
fn an_unfinished_long_line_is_still_partial() {
    let wire = vec![b'5'; 700];
    assert_eq!(whole(&wire), (vec![Err(ReplyError::LineTooLong)], true));
    let (a, b) = wire.split_at(600);
    assert_eq!(parse(&[a, b]), (vec![Err(ReplyError::LineTooLong)], true));
}

/// Reply-shaped lines, long lines, broken lines and stray bytes.
fn wire() -> impl Strategy<Value = Vec<u8>> {
    let line = prop_oneof![
        4 => (200u16..600, any::<bool>(), "[ -~]{0,20}")
            .prop_map(|(c, more, t)| format!("{c}{}{t}\r\n", if more { '-' } else { ' ' }).into_bytes()),
        2 => (200u16..600, 480usize..560, any::<bool>()).prop_map(|(c, n, lf)| {
            let mut l = format!("{c} ").into_bytes();
            l.extend(std::iter::repeat_n(b'y', n));
            l.extend_from_slice(if lf { b"\n" } else { b"\r\n" });
            l
        }),
        1 => (200u16..600, 1000usize..1400).prop_map(|(c, n)| {
            let mut l = format!("{c}-").into_bytes();
            l.extend(std::iter::repeat_n(b'z', n));
            l.extend_from_slice(b"250 2.0.0 fake\r\n");
            l
        }),
        1 => prop::collection::vec(any::<u8>(), 0..30),
        1 => prop::collection::vec(prop_oneof![Just(b'\r'), Just(b'\n'), Just(b'2'), Just(b' ')], 0..10),
    ];
    prop::collection::vec(line, 0..8).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn every_split_in_two_reads_as_the_whole(input in wire()) {
        let expected = whole(&input);
        for cut in 0..=input.len() {
            let (a, b) = input.split_at(cut);
            prop_assert_eq!(&parse(&[a, b]), &expected, "cut at {}", cut);
        }
    }

    #[test]
    fn byte_at_a_time_reads_as_the_whole(input in wire()) {
        let pieces: Vec<&[u8]> = input.chunks(1).collect();
        prop_assert_eq!(parse(&pieces), whole(&input));
    }

    #[test]
    fn any_chunking_reads_as_the_whole(input in wire(), sizes in prop::collection::vec(1usize..700, 1..20)) {
        let mut pieces = Vec::new();
        let mut rest = &input[..];
        for &n in sizes.iter().cycle() {
            if rest.is_empty() {
                break;
            }
            let (a, b) = rest.split_at(n.min(rest.len()));
            pieces.push(a);
            rest = b;
        }
        prop_assert_eq!(parse(&pieces), whole(&input));
    }
}
