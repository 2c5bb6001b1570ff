//! Share links: a whole session in a URL fragment, `#s=1.<codec>.<payload>`, with no server.
//!
//! The payload is the canonical transcript text ([`capture::write`](crate::capture::write),
//! `docs/lesson-format.md` §18): its header carries the settings (`persona`, `lang`, `engine`)
//! and its body what was typed and answered. `1` is the version of this grammar; the codec
//! letter says how the text is packed:
//!
//! | codec | payload |
//! |---|---|
//! | `t` | the UTF-8 text, base64url without padding (RFC 4648 §5) |
//! | `z` | the text raw-DEFLATEd (RFC 1951, no zlib header), then base64url |
//!
//! [`encode`] picks `z` only when it is shorter. The page (through the wasm adapter) and
//! `smtp-sim link` both call this module, so the same session gives the same link everywhere.
//!
//! [`decode`] takes whatever a person pastes (a whole URL, `#s=…`, `s=…` or the bare payload)
//! and never trusts it: the payload may be at most [`MAX_PAYLOAD`] characters, and inflating
//! stops at [`MAX_TEXT`] bytes (1 MiB, the lesson format's file limit, §2), so a deflate bomb
//! costs at most that much memory.

use crate::base64;

/// The version of the `#s=` grammar this module writes and reads.
pub const VERSION: &str = "1";

/// The largest text a link may carry, inflated: 1 MiB, as for a lesson file (§2). A payload
/// that inflates to more is refused ([`ShareError::TooLarge`]) after at most this much work.
pub const MAX_TEXT: usize = 1 << 20;

/// The longest payload [`decode`] reads, in characters: a `t` payload of [`MAX_TEXT`] bytes.
pub const MAX_PAYLOAD: usize = MAX_TEXT / 3 * 4 + 4;

/// How the text is packed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Codec {
    /// `t`: base64url of the UTF-8 text.
    Text,
    /// `z`: raw DEFLATE, then base64url.
    Deflate,
}

impl Codec {
    /// The codec's letter in the link.
    pub fn letter(self) -> char {
        match self {
            Codec::Text => 't',
            Codec::Deflate => 'z',
        }
    }
}

/// Why a link does not decode. Each is a different tampering or truncation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ShareError {
    /// Not of the form `1.<codec>.<payload>` (after an optional URL and `#s=`).
    Shape,
    /// A version this code does not read (newer, or not a number).
    Version(String),
    /// A codec letter other than `t` and `z`.
    Codec(String),
    /// The payload is not unpadded base64url (RFC 4648 §5), or has bits set past its end.
    Base64,
    /// The `z` payload is not a complete raw DEFLATE stream (truncated or corrupt).
    Deflate,
    /// The payload or the text it holds is over the limits ([`MAX_PAYLOAD`], [`MAX_TEXT`]).
    TooLarge,
    /// The text is not UTF-8.
    NotUtf8,
}

impl ShareError {
    /// The error's name, stable for programs (the page picks its sentence by it).
    pub fn name(&self) -> &'static str {
        match self {
            ShareError::Shape => "Shape",
            ShareError::Version(_) => "Version",
            ShareError::Codec(_) => "Codec",
            ShareError::Base64 => "Base64",
            ShareError::Deflate => "Deflate",
            ShareError::TooLarge => "TooLarge",
            ShareError::NotUtf8 => "NotUtf8",
        }
    }
}

impl core::fmt::Display for ShareError {
    /// One line of English for the terminal (the page has its own words in both languages).
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            ShareError::Shape => f.write_str("not a share link: expected #s=1.<codec>.<payload>"),
            ShareError::Version(v) => write!(
                f,
                "share link version {v:?} is not one this smtp-sim reads (it reads {VERSION})"
            ),
            ShareError::Codec(c) => write!(f, "unknown share codec {c:?} (expected t or z)"),
            ShareError::Base64 => f.write_str("the share payload is not valid base64url"),
            ShareError::Deflate => f.write_str("the share payload is truncated or corrupt"),
            ShareError::TooLarge => write!(
                f,
                "the share payload holds more than {MAX_TEXT} bytes of text: refused"
            ),
            ShareError::NotUtf8 => f.write_str("the share payload is not UTF-8 text"),
        }
    }
}

/// The text packed with `codec`, as `1.<letter>.<payload>`.
pub fn encode_with(text: &str, codec: Codec) -> String {
    let payload = match codec {
        Codec::Text => base64::encode_url(text.as_bytes()),
        // Level 9: links are made once and read often, and longer ones are worse to share.
        Codec::Deflate => {
            base64::encode_url(&miniz_oxide::deflate::compress_to_vec(text.as_bytes(), 9))
        }
    };
    let mut out = String::with_capacity(payload.len() + 4);
    out.push_str(VERSION);
    out.push('.');
    out.push(codec.letter());
    out.push('.');
    out.push_str(&payload);
    out
}

/// The text as a payload: `z` when that is shorter than `t`, else `t`.
///
/// ```
/// use smtp_sim_core::share::{decode, encode};
/// let text = "%smtp-transcript 1\nC: EHLO a\nS: 250 mx\n";
/// assert!(encode(text).starts_with("1.t."));
/// assert_eq!(decode(&encode(text)).unwrap(), text);
/// ```
pub fn encode(text: &str) -> String {
    let z = encode_with(text, Codec::Deflate);
    // base64url of n bytes is ceil(4n/3) characters: no need to build the `t` form to compare.
    if z.len() < 4 + (text.len() * 4).div_ceil(3) {
        z
    } else {
        encode_with(text, Codec::Text)
    }
}

/// A link to the page at `base` that opens `text`: `base` without its own fragment, then
/// `#s=` and the payload. `base` may be relative (`index.html`): it is used as given.
pub fn url(base: &str, text: &str) -> String {
    let base = base.split('#').next().unwrap_or("");
    let mut out = String::from(base);
    out.push_str("#s=");
    out.push_str(&encode(text));
    out
}

/// The payload inside a link: after `#s=` (or a leading `s=`), up to the next `&` or `#`; the
/// whole string, trimmed, when it has neither.
pub fn payload_of(link: &str) -> &str {
    let link = link.trim();
    let after = match link.find("#s=") {
        Some(i) => &link[i + 3..],
        None => link
            .strip_prefix("s=")
            .or_else(|| link.strip_prefix("#s="))
            .unwrap_or(link),
    };
    after.split(['&', '#']).next().unwrap_or("")
}

/// The transcript text a link carries. Reads the whole URL, `#s=…`, `s=…` or the bare payload
/// (see [`payload_of`]); every way it can fail is a [`ShareError`], never a panic.
pub fn decode(link: &str) -> Result<String, ShareError> {
    let payload = payload_of(link);
    if payload.len() > MAX_PAYLOAD + 4 {
        return Err(ShareError::TooLarge);
    }
    let mut parts = payload.splitn(3, '.');
    let (Some(version), Some(codec), Some(data)) = (parts.next(), parts.next(), parts.next())
    else {
        return Err(ShareError::Shape);
    };
    if version != VERSION {
        return Err(ShareError::Version(version.chars().take(16).collect()));
    }
    let bytes = base64::decode_url(data);
    let text = match codec {
        "t" => {
            let bytes = bytes.ok_or(ShareError::Base64)?;
            if bytes.len() > MAX_TEXT {
                return Err(ShareError::TooLarge);
            }
            bytes
        }
        "z" => {
            let bytes = bytes.ok_or(ShareError::Base64)?;
            miniz_oxide::inflate::decompress_to_vec_with_limit(&bytes, MAX_TEXT).map_err(|e| {
                match e.status {
                    miniz_oxide::inflate::TINFLStatus::HasMoreOutput => ShareError::TooLarge,
                    _ => ShareError::Deflate,
                }
            })?
        }
        other => return Err(ShareError::Codec(other.chars().take(16).collect())),
    };
    String::from_utf8(text).map_err(|_| ShareError::NotUtf8)
}
