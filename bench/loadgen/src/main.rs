//! A load generator with the session shape of Postfix's `smtp-source` (connect, HELO, MAIL,
//! RCPT, DATA, headers and a body of `--size` octets, `.`, QUIT; one message per connection
//! unless `--reuse`, like its `-d`), `--sessions` of them in parallel, that also records each
//! message's latency: from the start of its connection (or its MAIL, with `--reuse`) to the 250
//! after the final dot. Prints one JSON line: messages, seconds, messages per second, latency
//! percentiles in milliseconds, errors.
//!
//! `--idle N --hold SECS`: opens N sessions that say HELO and then wait (for the memory-per-idle-
//! session measurement); prints `ready` once all are open, closes them after SECS seconds.
//!
//! Loopback only (the harness passes 127.0.0.1 addresses); every loop is bounded by counts.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

struct Options {
    addr: String,
    sessions: usize,
    messages: usize,
    size: usize,
    reuse: bool,
    idle: usize,
    hold: u64,
}

fn parse() -> Options {
    let mut o = Options {
        addr: "127.0.0.1:2525".into(),
        sessions: 1,
        messages: 100,
        size: 10240,
        reuse: false,
        idle: 0,
        hold: 5,
    };
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut val = || args.next().expect("a value after the flag");
        match a.as_str() {
            "--addr" => o.addr = val(),
            "--sessions" => o.sessions = val().parse().expect("--sessions N"),
            "--messages" => o.messages = val().parse().expect("--messages N"),
            "--size" => o.size = val().parse().expect("--size OCTETS"),
            "--reuse" => o.reuse = true,
            "--idle" => o.idle = val().parse().expect("--idle N"),
            "--hold" => o.hold = val().parse().expect("--hold SECS"),
            _ => panic!("unknown flag {a}"),
        }
    }
    o
}

fn message(size: usize) -> Vec<u8> {
    let mut m =
        b"From: <load@client.example.test>\r\nTo: <sink@mx.example.test>\r\nSubject: load\r\n\r\n"
            .to_vec();
    let mut n = 0;
    while n < size {
        let w = (size - n).min(78);
        m.extend(std::iter::repeat_n(b'X', w));
        m.extend_from_slice(b"\r\n");
        n += w;
    }
    m.extend_from_slice(b".\r\n");
    m
}

struct Conn {
    r: BufReader<TcpStream>,
    w: TcpStream,
    line: String,
}

impl Conn {
    fn open(addr: &str) -> std::io::Result<Conn> {
        let s = TcpStream::connect(addr)?;
        s.set_nodelay(true)?;
        s.set_read_timeout(Some(Duration::from_secs(60)))?;
        let mut c = Conn {
            r: BufReader::new(s.try_clone()?),
            w: s,
            line: String::new(),
        };
        c.expect(220)?;
        c.cmd(b"HELO client.example.test\r\n", 250)?;
        Ok(c)
    }

    /// Reads one reply (all its lines) and checks its code.
    fn expect(&mut self, code: u32) -> std::io::Result<()> {
        loop {
            self.line.clear();
            if self.r.read_line(&mut self.line)? == 0 {
                return Err(std::io::Error::other("closed"));
            }
            if self.line.as_bytes().get(3) != Some(&b'-') {
                break;
            }
        }
        let got: u32 = self.line.get(..3).and_then(|c| c.parse().ok()).unwrap_or(0);
        if got != code {
            return Err(std::io::Error::other(format!(
                "expected {code}, got {}",
                self.line.trim_end()
            )));
        }
        Ok(())
    }

    fn cmd(&mut self, bytes: &[u8], code: u32) -> std::io::Result<()> {
        self.w.write_all(bytes)?;
        self.expect(code)
    }

    fn send(&mut self, body: &[u8]) -> std::io::Result<()> {
        self.cmd(b"MAIL FROM:<load@client.example.test>\r\n", 250)?;
        self.cmd(b"RCPT TO:<sink@mx.example.test>\r\n", 250)?;
        self.cmd(b"DATA\r\n", 354)?;
        self.cmd(body, 250)
    }

    fn quit(mut self) {
        let _ = self.cmd(b"QUIT\r\n", 221);
    }
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let k = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[k]
}

fn main() {
    let o = parse();
    if o.idle > 0 {
        // Opened from 32 threads at once: a server that pauses before its greeting (smtp-server
        // waits 100 ms) would otherwise take N × the pause.
        let per = o.idle.div_ceil(32);
        let openers: Vec<_> = (0..o.idle)
            .step_by(per)
            .map(|start| {
                let (addr, n) = (o.addr.clone(), per.min(o.idle - start));
                std::thread::spawn(move || {
                    (0..n)
                        .map(|_| Conn::open(&addr).expect("idle session"))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        let conns: Vec<Conn> = openers
            .into_iter()
            .flat_map(|t| t.join().expect("opener"))
            .collect();
        println!("ready");
        let _ = std::io::stdout().flush();
        std::thread::sleep(Duration::from_secs(o.hold));
        drop(conns);
        return;
    }
    let body = Arc::new(message(o.size));
    let next = Arc::new(AtomicUsize::new(0));
    let errors = Arc::new(AtomicUsize::new(0));
    let lat = Arc::new(Mutex::new(Vec::with_capacity(o.messages)));
    let start = Instant::now();
    let threads: Vec<_> = (0..o.sessions)
        .map(|_| {
            let (body, next, errors, lat, addr) = (
                body.clone(),
                next.clone(),
                errors.clone(),
                lat.clone(),
                o.addr.clone(),
            );
            let (total, reuse) = (o.messages, o.reuse);
            std::thread::spawn(move || {
                let mut mine = Vec::new();
                let mut conn: Option<Conn> = None;
                while next.fetch_add(1, Ordering::Relaxed) < total {
                    let t = Instant::now();
                    let c = match conn.take() {
                        Some(c) => Ok(c),
                        None => Conn::open(&addr),
                    };
                    let sent = c.and_then(|mut c| c.send(&body).map(|()| c));
                    match sent {
                        Ok(c) => {
                            mine.push(t.elapsed().as_secs_f64() * 1e3);
                            if reuse {
                                conn = Some(c);
                            } else {
                                c.quit();
                            }
                        }
                        Err(_) => {
                            errors.fetch_add(1, Ordering::Relaxed);
                        }
                    }
                }
                if let Some(c) = conn {
                    c.quit();
                }
                lat.lock().unwrap().extend(mine);
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
    let secs = start.elapsed().as_secs_f64();
    let mut l = lat.lock().unwrap().clone();
    l.sort_by(|a, b| a.total_cmp(b));
    println!(
        "{{\"messages\": {}, \"seconds\": {:.4}, \"per_second\": {:.1}, \"p50_ms\": {:.3}, \"p99_ms\": {:.3}, \"max_ms\": {:.3}, \"errors\": {}}}",
        l.len(),
        secs,
        l.len() as f64 / secs,
        percentile(&l, 0.50),
        percentile(&l, 0.99),
        l.last().copied().unwrap_or(0.0),
        errors.load(Ordering::Relaxed)
    );
}
