//! The sans-IO core's own cost, no I/O: a whole server session (greeting, EHLO, MAIL, RCPT, DATA,
//! a 10 KiB body, the final dot, QUIT) and each of those steps alone, with the output taken and
//! the events drained after each step as an adapter does. Criterion reports the medians.
//!
//!   cargo bench --bench session            (./build.sh bench runs it)

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use smtp_sim_core::server::{ServerConfig, ServerSession};

/// The client's side of the session, one entry per step: (name, bytes sent).
fn script() -> Vec<(&'static str, Vec<u8>)> {
    let mut body = Vec::with_capacity(10 * 1024 + 64);
    body.extend_from_slice(b"Subject: bench\r\nFrom: <a@client.example.test>\r\n\r\n");
    let mut n = 0u32;
    while body.len() < 10 * 1024 {
        // 76-octet lines; every 40th starts with a (stuffed) dot.
        if n.is_multiple_of(40) {
            body.extend_from_slice(b"..");
        }
        body.extend(std::iter::repeat_n(b'a' + (n % 26) as u8, 74));
        body.extend_from_slice(b"\r\n");
        n += 1;
    }
    body.extend_from_slice(b".\r\n");
    vec![
        ("EHLO", b"EHLO client.example.test\r\n".to_vec()),
        (
            "MAIL",
            b"MAIL FROM:<alice@client.example.test> SIZE=10240\r\n".to_vec(),
        ),
        ("RCPT", b"RCPT TO:<bob@mx.example.test>\r\n".to_vec()),
        ("DATA", b"DATA\r\n".to_vec()),
        ("10 KiB body + dot", body),
        ("QUIT", b"QUIT\r\n".to_vec()),
    ]
}

/// What an adapter does after each input: drain the events, take responsibility for a message
/// received (its verdict, RFC 5321 §6.1: the 250 comes only then), and take the bytes to send.
/// Returns the events drained and those bytes.
fn respond(s: &mut ServerSession) -> (usize, Vec<u8>) {
    let mut events = 0;
    while let Some(e) = s.poll_event() {
        black_box(&e);
        events += 1;
    }
    if s.awaits_verdict() {
        s.accept_message("B3NCH");
    }
    (events, s.take_output())
}

/// [`respond`], counted: what the timed loops keep so the work is not optimized away.
fn drain(s: &mut ServerSession) -> usize {
    let (events, out) = respond(s);
    events + out.len()
}

fn session(config: &ServerConfig, steps: &[(&str, Vec<u8>)]) -> usize {
    let mut s = ServerSession::new(config.clone());
    let mut n = drain(&mut s);
    for (_, bytes) in steps {
        s.receive(black_box(bytes));
        n += drain(&mut s);
    }
    assert!(s.is_closed());
    n
}

/// Once, before timing: the session the bench times is the one a client gets (greeting, three
/// 250s, 354, the message's 250, 221), so a change in the core cannot leave it timing a session
/// stuck halfway (the verdict before the 250 did once).
fn check_replies(config: &ServerConfig, steps: &[(&str, Vec<u8>)]) {
    let mut s = ServerSession::new(config.clone());
    let mut wire = respond(&mut s).1;
    for (_, bytes) in steps {
        s.receive(bytes);
        wire.extend(respond(&mut s).1);
    }
    let text = String::from_utf8_lossy(&wire);
    // The last line of each reply: its code and a space.
    let codes: Vec<&str> = text
        .split("\r\n")
        .filter(|l| l.as_bytes().get(3) == Some(&b' '))
        .filter_map(|l| l.get(..3))
        .collect();
    assert_eq!(
        codes,
        ["220", "250", "250", "250", "354", "250", "221"],
        "replies: {text}"
    );
    assert!(s.is_closed());
}

fn bench(c: &mut Criterion) {
    let config = ServerConfig::default();
    let steps = script();
    let wire: usize = steps.iter().map(|(_, b)| b.len()).sum();
    check_replies(&config, &steps);

    let mut g = c.benchmark_group("session");
    g.throughput(Throughput::Bytes(wire as u64));
    g.bench_function("whole session (EHLO … QUIT, 10 KiB body)", |b| {
        b.iter(|| session(&config, &steps))
    });
    g.finish();

    let mut g = c.benchmark_group("step");
    g.bench_function("connect (greeting)", |b| {
        b.iter(|| {
            let mut s = ServerSession::new(config.clone());
            drain(&mut s)
        })
    });
    for (k, (name, bytes)) in steps.iter().enumerate() {
        g.throughput(Throughput::Bytes(bytes.len() as u64));
        g.bench_function(*name, |b| {
            b.iter_batched(
                // A session that has already done the steps before this one (not timed).
                || {
                    let mut s = ServerSession::new(config.clone());
                    drain(&mut s);
                    for (_, earlier) in &steps[..k] {
                        s.receive(earlier);
                        drain(&mut s);
                    }
                    s
                },
                |mut s| {
                    s.receive(black_box(bytes));
                    drain(&mut s);
                    s
                },
                BatchSize::SmallInput,
            )
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
