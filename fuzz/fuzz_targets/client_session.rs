//! The client session fed any server bytes, in any pieces: never a panic, the same commands
//! written whether the replies come whole or in pieces, and a bounded amount written.
#![no_main]

#[path = "common.rs"]
mod common;

use libfuzzer_sys::fuzz_target;
use smtp_sim_core::client::{ClientConfig, ClientSession, Credentials, Envelope};

const MESSAGE: &[u8] = b"Subject: hi\r\n\r\n.dot\r\nbody\r\n";

fn config(bits: u64) -> ClientConfig {
    ClientConfig {
        ehlo: bits & 1 == 0,
        pipelining: bits & 2 == 0,
        chunking: bits & 4 != 0,
        bdat_chunk_size: ((bits >> 8) & 15) as usize,
        starttls: bits & 16 != 0,
        auth: (bits & 32 != 0).then(|| Credentials {
            user: "alice".into(),
            password: "wonderland".into(),
        }),
        declare_size: bits & 64 == 0,
        ..ClientConfig::default()
    }
}

fn run(bits: u64, pieces: &[&[u8]]) -> (Vec<u8>, bool) {
    let envelope = Envelope {
        reverse_path: "a@b.example".into(),
        recipients: vec!["c@d.example".into(), "e@f.example".into()],
    };
    let mut c = ClientSession::new(config(bits), envelope, MESSAGE);
    let mut out = c.take_output();
    for piece in pieces {
        c.receive(piece);
        out.extend(c.take_output());
        while c.poll_event().is_some() {}
    }
    if bits & 128 != 0 {
        c.connection_closed();
    } else {
        c.timeout();
    }
    out.extend(c.take_output());
    while c.poll_event().is_some() {}
    let _ = c.outcome();
    (out, c.is_closed())
}

fuzz_target!(|data: &[u8]| {
    let (bits, input) = common::split_head(data, 2);
    let whole = run(bits, &[input]);
    let random = common::pieces(input, bits.wrapping_mul(0x2545_f491) | 1, 64);
    assert_eq!(run(bits, &random), whole, "random pieces");
    // A client writes at most its commands and the message for each reply it reads.
    let replies = input.iter().filter(|&&b| b == b'\n').count() + 2;
    assert!(whole.0.len() <= replies * (4 * 1024 + MESSAGE.len() * 2));
});
