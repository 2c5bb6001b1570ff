//! Hostile input, one row each (issue 8): what the server session answers and the most heap it
//! holds while doing so, counted by this test binary's global allocator. The bounds are bytes,
//! never time. Each row feeds its input the way an adapter does: in socket-sized reads, taking
//! the output and the events after each read (and giving the verdict on a message).
//!
//! `cargo test -p smtp-sim-core --test hostile -- --nocapture` prints the table.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

use smtp_sim_core::server::{Event, ServerConfig, ServerSession};

/// The system allocator, counting the bytes live now and the most live since the last reset.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let now = LIVE.fetch_add(layout.size(), Relaxed) + layout.size();
            PEAK.fetch_max(now, Relaxed);
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), Relaxed);
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            if new_size >= layout.size() {
                let now =
                    LIVE.fetch_add(new_size - layout.size(), Relaxed) + new_size - layout.size();
                PEAK.fetch_max(now, Relaxed);
            } else {
                LIVE.fetch_sub(layout.size() - new_size, Relaxed);
            }
        }
        p
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// One socket read.
const READ: usize = 4096;

const KIB: usize = 1024;
const MIB: usize = 1024 * KIB;

/// What a row's session said: how many reply lines, the distinct ones in order of first
/// appearance (with their counts), and whether it closed.
#[derive(Default)]
struct Said {
    lines: usize,
    distinct: Vec<(String, usize)>,
    closed: bool,
}

impl Said {
    fn add(&mut self, out: &[u8]) {
        for line in out.split(|&b| b == b'\n').filter(|l| !l.is_empty()) {
            self.lines += 1;
            let text = String::from_utf8_lossy(line).trim_end().to_owned();
            match self.distinct.iter_mut().find(|(t, _)| *t == text) {
                Some((_, n)) => *n += 1,
                None => self.distinct.push((text, 1)),
            }
        }
    }

    fn summary(&self) -> String {
        let parts: Vec<String> = self
            .distinct
            .iter()
            .map(|(t, n)| {
                let t: String = t.chars().take(48).collect();
                if *n > 1 {
                    format!("{n} × {t}")
                } else {
                    t
                }
            })
            .collect();
        format!(
            "{}{}",
            parts.join(" | "),
            if self.closed { " [closed]" } else { "" }
        )
    }
}

/// A session fed `setup`, then `input` produced piece by piece (so the test's own input never
/// sits in memory whole); returns what it said after `setup` and the peak heap above the
/// starting point, the session's own state included.
fn row(
    config: ServerConfig,
    setup: &[u8],
    input: &mut dyn FnMut(&mut Vec<u8>) -> bool,
    then_timeout: bool,
) -> (Said, usize) {
    let mut piece = Vec::with_capacity(READ);
    let base = LIVE.load(Relaxed);
    PEAK.store(base, Relaxed);
    let mut s = ServerSession::new(config);
    let mut said = Said::default();
    let drain = |s: &mut ServerSession| {
        while let Some(e) = s.poll_event() {
            if let Event::MessageReceived(_) = e {
                s.accept_message("1");
            }
        }
    };
    s.receive(setup);
    drain(&mut s);
    s.take_output();
    loop {
        piece.clear();
        let more = input(&mut piece);
        s.receive(&piece);
        drain(&mut s);
        said.add(&s.take_output());
        if !more || s.is_closed() {
            break;
        }
    }
    if then_timeout {
        s.timeout();
        drain(&mut s);
        said.add(&s.take_output());
    }
    said.closed = s.is_closed();
    let peak = PEAK.load(Relaxed) - base;
    drop(s);
    (said, peak)
}

/// An input of `total` octets of `fill`, then `end`, in reads of [`READ`].
fn stream(total: usize, fill: u8, end: &'static [u8]) -> impl FnMut(&mut Vec<u8>) -> bool {
    let mut sent = 0;
    move |buf: &mut Vec<u8>| {
        let n = READ.min(total - sent);
        buf.resize(n, fill);
        sent += n;
        if sent == total {
            buf.extend_from_slice(end);
            false
        } else {
            true
        }
    }
}

/// `count` copies of `line`, packed into reads of about [`READ`].
fn repeated(count: usize, line: &'static [u8]) -> impl FnMut(&mut Vec<u8>) -> bool {
    let mut left = count;
    move |buf: &mut Vec<u8>| {
        while left > 0 && buf.len() + line.len() <= READ {
            buf.extend_from_slice(line);
            left -= 1;
        }
        left > 0
    }
}

const TX: &[u8] = b"EHLO c.example\r\nMAIL FROM:<a@b.example>\r\nRCPT TO:<c@d.example>\r\n";

#[test]
fn hostile_input_gets_a_reply_and_bounded_memory() {
    let small = ServerConfig {
        max_message_size: MIB,
        ..ServerConfig::default()
    };
    let mut rcpts = {
        let mut n = 0usize;
        move |buf: &mut Vec<u8>| {
            while n < 10_000 && buf.len() + 40 <= READ {
                buf.extend_from_slice(format!("RCPT TO:<r{n}@d.example>\r\n").as_bytes());
                n += 1;
            }
            n < 10_000
        }
    };
    #[allow(clippy::type_complexity)]
    let mut rows: Vec<(
        &str,
        ServerConfig,
        &[u8],
        Box<dyn FnMut(&mut Vec<u8>) -> bool + '_>,
        bool,
        &str,
        usize,
    )> = vec![
        (
            "10 MB command line",
            ServerConfig::default(),
            b"EHLO c.example\r\n",
            Box::new(stream(10 * MIB, b'x', b"\r\n")),
            false,
            "500 5.5.2 Line too long",
            64 * KIB,
        ),
        (
            "a million pipelined NOOPs",
            ServerConfig::default(),
            b"EHLO c.example\r\n",
            Box::new(repeated(1_000_000, b"NOOP\r\n")),
            false,
            "1000000 × 250 2.0.0 Ok",
            512 * KIB,
        ),
        (
            "10,000 recipients",
            ServerConfig::default(),
            b"EHLO c.example\r\nMAIL FROM:<a@b.example>\r\n",
            Box::new(&mut rcpts),
            false,
            "100 × 250 2.1.5 Ok | 9900 × 452 4.5.3 Too many recipients",
            512 * KIB,
        ),
        (
            "NUL in a command",
            ServerConfig::default(),
            b"EHLO c.example\r\n",
            Box::new(repeated(1, b"NO\0OP\r\n")),
            false,
            "500 5.5.2",
            16 * KIB,
        ),
        (
            "invalid UTF-8",
            ServerConfig::default(),
            b"EHLO c.example\r\n",
            Box::new(repeated(1, b"\xff\xfe\xc3(\r\n")),
            false,
            "500 5.5.2",
            16 * KIB,
        ),
        (
            "10 MB of bare CR as a command",
            ServerConfig::default(),
            b"EHLO c.example\r\n",
            Box::new(stream(10 * MIB, b'\r', b"\n")),
            false,
            "500 5.5.2 Line too long",
            64 * KIB,
        ),
        (
            "10 MB of bare CR in DATA (1 MiB limit)",
            small.clone(),
            b"EHLO c.example\r\nMAIL FROM:<a@b.example>\r\nRCPT TO:<c@d.example>\r\nDATA\r\n",
            Box::new(stream(10 * MIB, b'\r', b"\r\n.\r\n")),
            false,
            "552 5.3.4",
            MIB + 256 * KIB,
        ),
        (
            "BDAT 2^64-1, then 10 MB (1 MiB limit), then the idle timeout",
            small.clone(),
            TX,
            {
                let mut first = true;
                let mut body = stream(10 * MIB, b'y', b"");
                Box::new(move |buf: &mut Vec<u8>| {
                    if std::mem::take(&mut first) {
                        buf.extend_from_slice(b"BDAT 18446744073709551615 LAST\r\n");
                        return true;
                    }
                    body(buf)
                })
            },
            true,
            "421 4.4.2",
            MIB + 256 * KIB,
        ),
        (
            "BDAT with a size over 64 bits",
            ServerConfig::default(),
            TX,
            Box::new(repeated(1, b"BDAT 99999999999999999999 LAST\r\nNOOP\r\n")),
            false,
            "521 5.5.4 Syntax: BDAT <octets> [LAST]",
            16 * KIB,
        ),
        (
            "endless AUTH with a wrong password",
            ServerConfig::default(),
            b"EHLO c.example\r\n",
            Box::new(repeated(10_000, b"AUTH PLAIN AGFsaWNlAHF1ZWVu\r\n")),
            false,
            "3 × 535 5.7.8 Authentication credentials invalid | 421 4.7.0",
            64 * KIB,
        ),
    ];
    let mut table =
        String::from("| input | reply | peak heap (bytes) | bound |\n|---|---|---|---|\n");
    let mut failures = Vec::new();
    for (name, config, setup, input, timeout, want, bound) in &mut rows {
        let (said, peak) = row(config.clone(), setup, input.as_mut(), *timeout);
        let summary = said.summary();
        table.push_str(&format!("| {name} | {summary} | {peak} | {bound} |\n"));
        if !summary.starts_with(*want) {
            failures.push(format!(
                "{name}: reply {summary:?}, expected it to start {want:?}"
            ));
        }
        if peak > *bound {
            failures.push(format!("{name}: peak {peak} bytes over the bound {bound}"));
        }
    }
    println!("{table}");
    assert!(failures.is_empty(), "{}\n{table}", failures.join("\n"));
}
