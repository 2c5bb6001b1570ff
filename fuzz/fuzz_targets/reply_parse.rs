//! The client's reply parser on any bytes (RFC 5321 §4.2): the same replies and errors whole,
//! in random pieces and byte by byte (issue 8, defect 7); every reply it returns is written back
//! and read again as the same reply; the line readers take any text.
#![no_main]

#[path = "common.rs"]
mod common;

use libfuzzer_sys::fuzz_target;
use smtp_sim_core::reply::{
    split_enhanced, EnhancedCode, PastedLine, Reply, ReplyError, ReplyLine, ReplyParser,
};

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

fuzz_target!(|data: &[u8]| {
    let (bits, input) = common::split_head(data, 1);
    let whole = parse(&[input]);
    let random = common::pieces(input, bits.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1, 700);
    assert_eq!(parse(&random), whole, "random pieces");
    let single: Vec<&[u8]> = input.chunks(1).collect();
    assert_eq!(parse(&single), whole, "byte by byte");
    for r in whole.0.iter().flatten() {
        assert!((200..=599).contains(&r.code));
        let again = parse(&[&r.to_bytes()]);
        assert_eq!(again.0.len(), 1, "{r:?} written as {:?}", r.to_string());
        assert_eq!(again.0[0].as_ref(), Ok(r), "{r:?} written as {:?}", r.to_string());
    }
    for line in String::from_utf8_lossy(input).lines() {
        let _ = ReplyLine::parse(line);
        let _ = PastedLine::parse(line);
        let _ = split_enhanced(line);
        let _ = EnhancedCode::parse(line);
    }
});
