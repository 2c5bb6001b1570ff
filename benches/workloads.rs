//! The scanner benchmark's inputs, byte for byte the same as `tools/bench-scanner.mjs` makes
//! (same generator, same seed), so native, wasm and JavaScript numbers describe the same work.
//! Each workload prints a checksum of its wire bytes; the two programs' checksums must match.

/// xorshift32 (Marsaglia), seeded as in the JS twin.
struct Rng(u32);

impl Rng {
    fn next(&mut self) -> u32 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        self.0 = x;
        x
    }
}

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// About `size` octets of mail body, CRLF lines: 55 % prose (30–78 octets, periods and commas
/// inside), 25 % base64 (76), 12 % empty, 7 % quoted-printable (76, soft break), 1 % starting
/// with a dot. With `all_dots`, every line starts with a dot (the dot-stuffing worst case).
pub fn mail(size: usize, all_dots: bool) -> Vec<u8> {
    let mut r = Rng(2463534242);
    let mut out = Vec::with_capacity(size + 256);
    while out.len() < size {
        let kind = if all_dots {
            out.push(b'.');
            0
        } else {
            r.next() % 100
        };
        if kind < 55 {
            let len = 30 + r.next() % 49;
            out.push(b'A' + (r.next() % 26) as u8);
            for _ in 1..len {
                let c = (r.next() % 32) as u8;
                out.push(match c {
                    0..=25 => b'a' + c,
                    26..=29 => b' ',
                    30 => b'.',
                    _ => b',',
                });
            }
        } else if kind < 80 {
            for _ in 0..76 {
                out.push(B64[(r.next() % 64) as usize]);
            }
        } else if kind < 92 {
        } else if kind < 99 {
            for _ in 0..75 {
                out.push(b'a' + (r.next() % 26) as u8);
            }
            out.push(b'=');
        } else {
            out.push(b'.');
            for _ in 0..r.next() % 20 {
                out.push(b'a' + (r.next() % 26) as u8);
            }
        }
        out.extend_from_slice(b"\r\n");
    }
    out
}

/// One line of `size` prose octets, then CRLF.
pub fn one_line(size: usize) -> Vec<u8> {
    let mut r = Rng(2463534242);
    let mut out: Vec<u8> = (0..size).map(|_| b'a' + (r.next() % 26) as u8).collect();
    out.extend_from_slice(b"\r\n");
    out
}

/// `size` bare CRs, then CRLF: every byte is a line-ending anomaly.
pub fn bare_crs(size: usize) -> Vec<u8> {
    let mut out = vec![b'\r'; size];
    out.extend_from_slice(b"\r\n");
    out
}

/// What a client sends for a message of CRLF lines: a dot added to each line that starts with
/// one (RFC 5321 §4.5.2), then `.` CRLF.
pub fn stuff(message: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(message.len() + message.len() / 32 + 3);
    let mut start = true;
    for &b in message {
        if start && b == b'.' {
            out.push(b'.');
        }
        out.push(b);
        start = b == b'\n';
    }
    out.extend_from_slice(b".\r\n");
    out
}

/// FNV-1a over the bytes, printed beside each workload so the JS run can be checked against it.
pub fn checksum(bytes: &[u8]) -> u32 {
    bytes.iter().fold(0x811c_9dc5u32, |h, &b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    })
}

/// One benchmark input: the wire bytes, the chunk size they are fed in, the expected message.
pub struct Workload {
    pub name: String,
    pub wire: Vec<u8>,
    pub chunk: usize,
    pub message: Vec<u8>,
}

const MIB: usize = 1 << 20;

/// The workloads, at full size and at a quarter (the pair shows whether time grows linearly).
/// `scale` divides every size (for a quick run).
pub fn all(scale: usize) -> Vec<Workload> {
    let mut v = Vec::new();
    let mut add = |name: String, message: Vec<u8>, chunk: usize| {
        let wire = stuff(&message);
        v.push(Workload {
            name,
            wire,
            chunk,
            message,
        });
    };
    let big = 64 * MIB / scale;
    add(
        format!("mail {}, 64 KiB chunks", mib(big)),
        mail(big, false),
        64 << 10,
    );
    for size in [big / 4, big] {
        add(
            format!("every line stuffed {}", mib(size)),
            mail(size, true),
            64 << 10,
        );
    }
    for size in [MIB / 4 / scale, MIB / scale] {
        add(
            format!("mail {}, 1-byte chunks", mib(size)),
            mail(size, false),
            1,
        );
    }
    for size in [big / 4, big] {
        add(format!("one line {}", mib(size)), one_line(size), 64 << 10);
    }
    for size in [big / 4, big] {
        add(format!("bare CRs {}", mib(size)), bare_crs(size), 64 << 10);
    }
    v
}

fn mib(bytes: usize) -> String {
    if bytes >= MIB {
        format!("{} MiB", bytes / MIB)
    } else {
        format!("{} KiB", bytes >> 10)
    }
}
