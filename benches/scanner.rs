//! End-of-data scanner throughput, native: the library's `DataReceiver`, the scanner it replaced
//! (one `memchr2` per line, frozen in `baseline_data.rs`) and a byte-at-a-time loop, on the same
//! workloads as `tools/bench-scanner.mjs`. Rounds interleave the contenders (rotating who goes
//! first) so machine noise hits all alike; medians and ratios are printed, never asserted. Every
//! contender must give back exactly the message (and the two receivers the same stats) before
//! anything is timed.
//!
//!   ./build.sh bench                      (all benchmarks)
//!   cargo bench --bench scanner           (this one; env SCANNER_ROUNDS=N, SCANNER_SCALE=K
//!                                          divides every size, SCANNER_ONLY=text filters)
//!
//! The medians also go to target/bench/native-scanner.json, which the Node benchmark reads to
//! print wasm/native ratios.

use std::fmt::Write as _;
use std::hint::black_box;
use std::time::{Duration, Instant};

#[path = "baseline_data.rs"]
mod baseline;
#[path = "workloads.rs"]
mod workloads;

use smtp_sim_core::data::{DataReceiver, DataStatus, LineEnd};

/// A straightforward byte-at-a-time CRLF.CRLF scanner with unstuffing: the shape most servers
/// use. Streaming: the state survives between chunks.
struct ByteLoop {
    /// 0 line start, 1 in line, 2 in line after CR, 3 dot at line start, 4 dot CR, 5 done
    st: u8,
    out: Vec<u8>,
}

impl ByteLoop {
    fn feed(&mut self, chunk: &[u8]) -> Option<usize> {
        let out = &mut self.out;
        let mut st = self.st;
        for (i, &b) in chunk.iter().enumerate() {
            st = match (st, b) {
                (5, _) => return Some(0),
                (0, b'.') => 3,
                (3, b'\r') => 4,
                (4, b'\n') => {
                    self.st = 5;
                    return Some(i + 1);
                }
                (4, _) => {
                    out.push(b'\r');
                    out.push(b);
                    if b == b'\r' {
                        2
                    } else {
                        1
                    }
                }
                (_, b'\r') => {
                    out.push(b);
                    2
                }
                (2, b'\n') => {
                    out.push(b);
                    0
                }
                _ => {
                    out.push(b);
                    1
                }
            };
        }
        self.st = st;
        None
    }
}

type Stats = (usize, usize, usize, usize, usize, usize);

fn run_current(wire: &[u8], chunk: usize, limit: usize) -> (Vec<u8>, Stats) {
    let mut rx = DataReceiver::with_options(LineEnd::Crlf, limit);
    for c in wire.chunks(chunk) {
        if let DataStatus::Complete { .. } = rx.feed(black_box(c)) {
            break;
        }
    }
    assert!(rx.is_complete(), "DataReceiver: end of data not found");
    let s = rx.stats();
    (
        rx.take_message(),
        (
            s.size,
            s.bare_lf,
            s.bare_cr,
            s.unstuffed,
            s.long_lines,
            s.longest_line,
        ),
    )
}

fn run_baseline(wire: &[u8], chunk: usize, limit: usize) -> (Vec<u8>, Stats) {
    let mut rx = baseline::DataReceiver::with_options(baseline::LineEnd::Crlf, limit);
    for c in wire.chunks(chunk) {
        if let baseline::DataStatus::Complete { .. } = rx.feed(black_box(c)) {
            break;
        }
    }
    assert!(rx.is_complete(), "baseline: end of data not found");
    let s = rx.stats();
    (
        rx.take_message(),
        (
            s.size,
            s.bare_lf,
            s.bare_cr,
            s.unstuffed,
            s.long_lines,
            s.longest_line,
        ),
    )
}

fn run_byte_loop(wire: &[u8], chunk: usize) -> Vec<u8> {
    let mut s = ByteLoop {
        st: 0,
        out: Vec::new(),
    };
    for c in wire.chunks(chunk) {
        if s.feed(black_box(c)).is_some() {
            break;
        }
    }
    assert_eq!(s.st, 5, "byte loop: end of data not found");
    s.out
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn main() {
    let rounds = env_usize("SCANNER_ROUNDS", 11).max(1);
    let scale = env_usize("SCANNER_SCALE", 1).max(1);
    let only = std::env::var("SCANNER_ONLY").unwrap_or_default();
    // Contenders: 0 and 1 keep the message (end to end: bytes in, message out); 2 and 3 keep
    // nothing (storage limit 0: the scan alone, no copy, no allocation); 4 the byte loop.
    let names = [
        "DataReceiver",
        "baseline",
        "DataReceiver scan only",
        "baseline scan only",
        "byte loop",
    ];
    let keys = [
        "DataReceiver",
        "baseline",
        "scan_only",
        "baseline_scan_only",
        "byte_loop",
    ];
    println!(
        "native scanner, medians of {rounds} interleaved rounds (MiB/s; ratios of medians; \
         scan only = storage limit 0, nothing copied)"
    );
    println!(
        "  {:<30} {:>9} {:>9} {:>9} | {:>9} {:>9} {:>9} | {:>9} {:>9}  checksum",
        "workload",
        "new",
        "baseline",
        "new/base",
        "new scan",
        "base scan",
        "new/base",
        "byte loop",
        "new/byte"
    );
    let mut json = String::from("{\n");
    let mut first = true;
    for w in workloads::all(scale) {
        if !w.name.contains(&only) {
            continue;
        }
        let (msg, stats) = run_current(&w.wire, w.chunk, usize::MAX);
        let (base_msg, base_stats) = run_baseline(&w.wire, w.chunk, usize::MAX);
        assert!(
            msg == w.message,
            "{}: DataReceiver gave another message",
            w.name
        );
        assert!(
            base_msg == w.message,
            "{}: baseline gave another message",
            w.name
        );
        assert_eq!(stats, base_stats, "{}: stats differ", w.name);
        assert_eq!(
            run_current(&w.wire, w.chunk, 0).1,
            stats,
            "{}: scan-only stats",
            w.name
        );
        assert_eq!(
            run_baseline(&w.wire, w.chunk, 0).1,
            stats,
            "{}: scan-only stats",
            w.name
        );
        assert!(
            run_byte_loop(&w.wire, w.chunk) == w.message,
            "{}: byte loop gave another message",
            w.name
        );
        let n = names.len();
        let mut times: Vec<Vec<Duration>> = vec![Vec::new(); n];
        for r in 0..rounds {
            for k in 0..n {
                let who = (r + k) % n;
                let t = Instant::now();
                match who {
                    0 => drop(black_box(run_current(&w.wire, w.chunk, usize::MAX))),
                    1 => drop(black_box(run_baseline(&w.wire, w.chunk, usize::MAX))),
                    2 => drop(black_box(run_current(&w.wire, w.chunk, 0))),
                    3 => drop(black_box(run_baseline(&w.wire, w.chunk, 0))),
                    _ => drop(black_box(run_byte_loop(&w.wire, w.chunk))),
                }
                times[who].push(t.elapsed());
            }
        }
        let med: Vec<f64> = times.into_iter().map(|t| median(t).as_secs_f64()).collect();
        let mib = w.wire.len() as f64 / (1 << 20) as f64;
        println!(
            "  {:<30} {:>9.0} {:>9.0} {:>8.2}x | {:>9.0} {:>9.0} {:>8.2}x | {:>9.0} {:>8.2}x  {:08x}",
            w.name,
            mib / med[0],
            mib / med[1],
            med[1] / med[0],
            mib / med[2],
            mib / med[3],
            med[3] / med[2],
            mib / med[4],
            med[4] / med[0],
            workloads::checksum(&w.wire)
        );
        if !first {
            json.push_str(",\n");
        }
        first = false;
        let _ = write!(
            json,
            "  \"{}\": {{ \"bytes\": {}, \"checksum\": {}",
            w.name,
            w.wire.len(),
            workloads::checksum(&w.wire)
        );
        for (key, secs) in keys.iter().zip(&med) {
            let _ = write!(json, ", \"{key}_ms\": {:.4}", secs * 1e3);
        }
        json.push_str(" }");
    }
    json.push_str("\n}\n");
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench");
    if std::fs::create_dir_all(&dir).is_ok() {
        let _ = std::fs::write(dir.join("native-scanner.json"), json);
    }
}
