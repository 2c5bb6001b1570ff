//! End-of-data scanner throughput: the memchr-based `DataReceiver` against a byte-at-a-time
//! reference scanner, run interleaved in one process so machine noise hits both alike.
//! Prints medians and their ratio. Run with `./build.sh bench` (it also sets
//! `CARGO_PROFILE_RELEASE_PANIC=unwind`, so the library is built once for the bench and the
//! binary alike).

use std::hint::black_box;
use std::time::{Duration, Instant};

use smtp_sim_core::data::{dot_stuff, DataReceiver, DataStatus};

/// A straightforward byte-at-a-time CRLF.CRLF scanner with unstuffing: the shape most servers use.
fn bytewise(input: &[u8], out: &mut Vec<u8>) -> Option<usize> {
    // 0 line start, 1 in line, 2 in line after CR, 3 dot at line start, 4 dot CR
    let mut st = 0u8;
    for (i, &b) in input.iter().enumerate() {
        st = match (st, b) {
            (0, b'.') => 3,
            (3, b'\r') => 4,
            (4, b'\n') => return Some(i + 1),
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
    None
}

fn message(lines: usize, width: usize) -> Vec<u8> {
    let mut m = Vec::with_capacity(lines * (width + 2));
    for i in 0..lines {
        if i % 50 == 0 {
            m.push(b'.');
        }
        m.extend(std::iter::repeat_n(b'a' + (i % 26) as u8, width));
        m.extend_from_slice(b"\r\n");
    }
    m
}

fn time<F: FnMut()>(mut f: F) -> Duration {
    let t = Instant::now();
    f();
    t.elapsed()
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn main() {
    let rounds = 21;
    for (name, width, chunk) in [
        ("1 MiB, 76-octet lines, 16 KiB chunks", 76, 16 * 1024),
        ("1 MiB, 998-octet lines, 16 KiB chunks", 998, 16 * 1024),
        ("1 MiB, 76-octet lines, 1 KiB chunks", 76, 1024),
    ] {
        let wire = dot_stuff(&message((1 << 20) / (width + 2), width));
        let (mut fast, mut slow) = (Vec::new(), Vec::new());
        for _ in 0..rounds {
            fast.push(time(|| {
                let mut rx = DataReceiver::new();
                for c in wire.chunks(chunk) {
                    if let DataStatus::Complete { .. } = rx.feed(black_box(c)) {
                        break;
                    }
                }
                black_box(rx.take_message());
            }));
            slow.push(time(|| {
                let mut out = Vec::new();
                black_box(bytewise(black_box(&wire), &mut out));
                black_box(out);
            }));
        }
        let (f, s) = (median(fast), median(slow));
        let mib = wire.len() as f64 / (1 << 20) as f64;
        println!(
            "{name}: DataReceiver {:.0} MiB/s, byte loop {:.0} MiB/s, ratio {:.1}x (medians of {rounds})",
            mib / f.as_secs_f64(),
            mib / s.as_secs_f64(),
            s.as_secs_f64() / f.as_secs_f64()
        );
    }
}
