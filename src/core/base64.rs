//! Base64 (RFC 4648 §4, standard alphabet, padded), as AUTH uses it (RFC 4954 §4), and its
//! URL-safe form without padding (RFC 4648 §5), as share links use it.
//!
//! Hand-written because it is about forty lines and a crate would cost wasm size.

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Encodes bytes as padded base64.
///
/// ```
/// assert_eq!(smtp_sim_core::base64::encode(b"Username:"), "VXNlcm5hbWU6");
/// ```
pub fn encode(input: &[u8]) -> String {
    let mut out = String::with_capacity(input.len().div_ceil(3) * 4);
    for chunk in input.chunks(3) {
        let b0 = chunk.first().copied().unwrap_or(0) as u32;
        let b1 = chunk.get(1).copied().unwrap_or(0) as u32;
        let b2 = chunk.get(2).copied().unwrap_or(0) as u32;
        let n = (b0 << 16) | (b1 << 8) | b2;
        for (i, shift) in [18u32, 12, 6, 0].into_iter().enumerate() {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> shift & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

fn value(c: u8) -> Option<u32> {
    Some(match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        b'/' => 63,
        _ => return None,
    } as u32)
}

/// Decodes padded base64. Returns `None` for anything that is not canonical base64: a length
/// that is not a multiple of four, a character outside the alphabet, padding anywhere but the
/// end, or non-zero bits in the padding (RFC 4648 §3.5).
///
/// ```
/// assert_eq!(smtp_sim_core::base64::decode("AGFsaWNlAHdvbmRlcmxhbmQ="), Some(b"\0alice\0wonderland".to_vec()));
/// assert_eq!(smtp_sim_core::base64::decode("abc"), None);
/// ```
pub fn decode(input: &str) -> Option<Vec<u8>> {
    let bytes = input.as_bytes();
    if !bytes.len().is_multiple_of(4) {
        return None;
    }
    let mut out = Vec::with_capacity(bytes.len() / 4 * 3);
    let quads = bytes.len() / 4;
    for (q, quad) in bytes.chunks_exact(4).enumerate() {
        let pad = quad.iter().rev().take_while(|&&c| c == b'=').count();
        if pad > 2 || (pad > 0 && q + 1 != quads) {
            return None;
        }
        let mut n = 0u32;
        for &c in &quad[..4 - pad] {
            n = n << 6 | value(c)?;
        }
        n <<= 6 * pad as u32;
        let decoded = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
        // Bits under the padding must be zero, or two strings would decode alike.
        if decoded[3 - pad..].iter().any(|&b| b != 0) {
            return None;
        }
        out.extend_from_slice(&decoded[..3 - pad]);
    }
    Some(out)
}

/// Encodes bytes as base64url without padding (RFC 4648 §5): `-` and `_` for `+` and `/`, no
/// `=`, so the text needs no escaping in a URL fragment.
///
/// ```
/// assert_eq!(smtp_sim_core::base64::encode_url(&[0xfb, 0xff]), "-_8");
/// ```
pub fn encode_url(input: &[u8]) -> String {
    encode(input)
        .trim_end_matches('=')
        .chars()
        .map(|c| match c {
            '+' => '-',
            '/' => '_',
            c => c,
        })
        .collect()
}

/// Decodes unpadded base64url (RFC 4648 §5). Returns `None` for `+`, `/`, `=`, any other
/// character outside the URL alphabet, a length that leaves one lone character, or non-zero
/// bits past the end: one text, one encoding.
///
/// ```
/// assert_eq!(smtp_sim_core::base64::decode_url("-_8"), Some(vec![0xfb, 0xff]));
/// assert_eq!(smtp_sim_core::base64::decode_url("-_8="), None);
/// ```
pub fn decode_url(input: &str) -> Option<Vec<u8>> {
    if input.len() % 4 == 1 || input.bytes().any(|b| matches!(b, b'+' | b'/' | b'=')) {
        return None;
    }
    let mut std: String = input
        .chars()
        .map(|c| match c {
            '-' => '+',
            '_' => '/',
            c => c,
        })
        .collect();
    while !std.len().is_multiple_of(4) {
        std.push('=');
    }
    decode(&std)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_rfc4648_vectors() {
        let vectors: &[(&[u8], &str)] = &[
            (b"", ""),
            (b"f", "Zg=="),
            (b"fo", "Zm8="),
            (b"foo", "Zm9v"),
            (b"foob", "Zm9vYg=="),
            (b"fooba", "Zm9vYmE="),
            (b"foobar", "Zm9vYmFy"),
            (b"Password:", "UGFzc3dvcmQ6"),
            (&[0xff, 0xfe, 0x00], "//4A"),
        ];
        for &(raw, text) in vectors {
            assert_eq!(encode(raw), text);
            assert_eq!(decode(text).as_deref(), Some(raw), "{text}");
        }
    }

    #[test]
    fn url_form_round_trips_and_is_strict() {
        for raw in [
            &b""[..],
            b"f",
            b"fo",
            b"foo",
            &[0xfb, 0xef, 0xff],
            &[0xff; 7],
        ] {
            let text = encode_url(raw);
            assert!(!text.contains(['+', '/', '=']), "{text}");
            assert_eq!(decode_url(&text).as_deref(), Some(raw), "{text}");
        }
        for bad in ["Z", "Zg=", "Zh", "+w", "/w", "Zm 9", "Zm9v\n", "é"] {
            assert_eq!(decode_url(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn rejects_non_canonical_input() {
        for bad in [
            "Zg", "Zg=", "Zg===", "Z===", "Zh==", "Zm9=", "Zg==Zg==", "Zm 9", "Zm9v\r\n", "*",
            "====",
        ] {
            assert_eq!(decode(bad), None, "{bad:?}");
        }
    }
}
