//! Helpers the targets share: cutting one input into arbitrary pieces, reproducibly.

/// Cuts `data` into pieces whose sizes come from a small PRNG seeded with `seed`: 1 to `max`
/// octets each, so one input is also tried split at many places.
pub fn pieces(data: &[u8], seed: u64, max: usize) -> Vec<&[u8]> {
    let mut state = seed | 1;
    let mut out = Vec::new();
    let mut rest = data;
    while !rest.is_empty() {
        // xorshift64
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let n = 1 + (state as usize) % max.max(1);
        let (a, b) = rest.split_at(n.min(rest.len()));
        out.push(a);
        rest = b;
    }
    out
}

/// The input's first `n` bytes as control bits and the rest as the payload (all of it, with
/// zero bits, when the input is shorter).
pub fn split_head(data: &[u8], n: usize) -> (u64, &[u8]) {
    let (head, rest) = data.split_at(n.min(data.len()));
    let mut bits = 0u64;
    for &b in head {
        bits = bits << 8 | u64::from(b);
    }
    (bits, rest)
}
