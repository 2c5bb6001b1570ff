//! The server session on any bytes, in any chunks (issue 8). Properties:
//! - the bytes written are the same whether the input comes whole, in random pieces or one byte
//!   at a time, and so are the commands read and the final state;
//! - every byte written parses as a valid reply (RFC 5321 §4.2), nothing left half-written;
//! - no byte inside a chunk a `BDAT <size>` command announced is ever read as a command
//!   (RFC 3030 §2: those octets are message data, whatever the reply to the command).
//!
//! STARTTLS is off: after it the session discards what came in the same read (RFC 3207 §4.2 —
//! the adapter starts TLS there), which depends on the chunking by design.
#![no_main]

#[path = "common.rs"]
mod common;

use libfuzzer_sys::fuzz_target;
use smtp_sim_core::reply::ReplyParser;
use smtp_sim_core::command::Verb;
use smtp_sim_core::sequence::Prompt;
use smtp_sim_core::server::{Event, Persona, ServerConfig, ServerSession, State, StoreFailure};

struct Run {
    output: Vec<u8>,
    /// Every line read, with what the server read it as (a command, an AUTH response …).
    commands: Vec<(Prompt, String)>,
    state: State,
}

/// Drains events as an adapter would: every message is accepted, or refused when `refuse`.
fn drain(s: &mut ServerSession, refuse: bool, commands: &mut Vec<(Prompt, String)>) -> usize {
    let mut n = 0;
    loop {
        let Some(e) = s.poll_event() else { return n };
        match e {
            Event::Command { prompt, line } => {
                commands.push((prompt, line));
                n += 1;
            }
            Event::MessageReceived(_) => {
                if refuse {
                    s.refuse_message(StoreFailure::Local);
                } else {
                    s.accept_message("Q1");
                }
            }
            _ => {}
        }
    }
}

fn config(bits: u64) -> ServerConfig {
    let mut c = ServerConfig {
        persona: Persona::ALL[(bits % 3) as usize],
        max_message_size: if bits & 4 != 0 { 64 } else { 10_485_760 },
        max_recipients: if bits & 8 != 0 { 2 } else { 100 },
        ..ServerConfig::default()
    };
    c.extensions.starttls = false;
    c.extensions.chunking = bits & 16 == 0;
    c.extensions.pipelining = bits & 32 == 0;
    c
}

fn run(bits: u64, pieces: &[&[u8]], bdat_check: bool) -> Run {
    let refuse = bits & 64 != 0;
    let mut s = ServerSession::new(config(bits));
    let mut commands = Vec::new();
    drain(&mut s, refuse, &mut commands);
    // Octets of an announced BDAT chunk still to come: none of them may be read as a command.
    let mut in_chunk: u64 = 0;
    for piece in pieces {
        s.receive(piece);
        let before = commands.len();
        let read = drain(&mut s, refuse, &mut commands);
        if bdat_check {
            assert!(piece.len() == 1, "byte-at-a-time run");
            if in_chunk > 0 {
                assert_eq!(
                    read, 0,
                    "a byte inside an announced BDAT chunk was read as a command: {:?}",
                    &commands[before..]
                );
                in_chunk -= 1;
            }
            if read > 0 {
                // Only a line read as a BDAT command announces a chunk (not, say, an AUTH
                // response that happens to read "BDAT 8").
                if let Some((Prompt::Command(Verb::Bdat), line)) = commands.last() {
                    if let Some(size) = bdat_size(line) {
                        in_chunk = size;
                    }
                }
            }
        }
    }
    if bits & 128 != 0 {
        s.timeout();
        drain(&mut s, refuse, &mut commands);
    }
    Run {
        output: s.take_output(),
        commands,
        state: s.state(),
    }
}

/// The size of a `BDAT <size> [LAST]` line whose size is a number (RFC 3030 §2: `chunk-size =
/// 1*DIGIT`), when the line is one.
fn bdat_size(line: &str) -> Option<u64> {
    let mut words = line.split(' ');
    let verb = words.next()?;
    if !verb.eq_ignore_ascii_case("BDAT") {
        return None;
    }
    let size = words.next()?;
    if size.is_empty() || !size.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    size.parse().ok()
}

fuzz_target!(|data: &[u8]| {
    let (bits, input) = common::split_head(data, 2);
    let whole = run(bits, &[input], false);
    let chunked = run(bits, &common::pieces(input, bits.wrapping_mul(0x9e37_79b9), 40), false);
    let bytes: Vec<&[u8]> = input.chunks(1).collect();
    let single = run(bits, &bytes, true);
    for other in [&chunked, &single] {
        assert_eq!(whole.output, other.output, "output depends on the chunking");
        assert_eq!(whole.commands, other.commands, "commands depend on the chunking");
        assert_eq!(whole.state, other.state);
    }
    let mut p = ReplyParser::new();
    p.feed(&whole.output);
    while let Some(r) = p.next_reply() {
        let r = r.unwrap_or_else(|e| {
            panic!("{e:?} in {:?}", String::from_utf8_lossy(&whole.output))
        });
        assert!((200..=599).contains(&r.code));
    }
    assert!(!p.has_partial(), "a reply left unfinished");
});
