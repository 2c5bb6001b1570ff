//! Text from outside (a server's replies, a client's commands, pasted logs, argument values) on
//! a terminal: one function, [`untrusted`], renders it so that nothing in it can act on the
//! terminal — no escape sequences (window title, screen clearing, colours), no C1 controls that
//! some terminals obey, no bidi or invisible formatting characters that reorder or hide text
//! (the "Trojan Source" trick, CVE-2021-42574).

use std::borrow::Cow;
use std::fmt::Write as _;

/// Characters that must never reach a terminal or a header as they are:
/// - C0 controls U+0000–U+001F (ESC starts every escape sequence, BEL ends OSC titles, CR and
///   BS overwrite what was printed) and DEL U+007F;
/// - C1 controls U+0080–U+009F (U+009B is CSI on terminals that read 8-bit controls);
/// - bidi controls U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069 (Unicode UAX #9), which
///   reorder what is shown;
/// - other invisible format characters (category Cf: U+00AD, U+180E, U+200B–U+200D,
///   U+2060–U+2064, U+206A–U+206F, U+FEFF, U+FFF9–U+FFFB, tags U+E0000–U+E007F) and the line
///   and paragraph separators U+2028, U+2029, which hide or break text.
pub fn is_unsafe(c: char) -> bool {
    matches!(
        c,
        '\u{0}'..='\u{1f}'
            | '\u{7f}'..='\u{9f}'
            | '\u{ad}'
            | '\u{61c}'
            | '\u{180e}'
            | '\u{200b}'..='\u{200f}'
            | '\u{2028}'..='\u{202e}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{206f}'
            | '\u{feff}'
            | '\u{fff9}'..='\u{fffb}'
            | '\u{e0000}'..='\u{e007f}'
    )
}

/// `text` made safe to print: every [`is_unsafe`] character is written out as an escape —
/// `\x1b` for C0 controls and DEL, `\u{9b}` or `\u{202e}` for the rest — and everything else is
/// kept. Borrowed when there is nothing to escape.
pub fn untrusted(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if !is_unsafe(c) {
            out.push(c);
        } else if (c as u32) < 0x80 {
            let _ = write!(out, "\\x{:02x}", c as u32);
        } else {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        }
    }
    Cow::Owned(out)
}

/// Bytes from the network as safe text: invalid UTF-8 becomes U+FFFD, then [`untrusted`].
pub fn untrusted_bytes(bytes: &[u8]) -> String {
    untrusted(&String::from_utf8_lossy(bytes)).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_and_non_latin_scripts_pass_unchanged() {
        for s in [
            "250 2.0.0 Ok",
            "Coração, 日本語, ✓",
            "zoë@例え.test",
            "olá — ação",
        ] {
            assert!(matches!(untrusted(s), Cow::Borrowed(_)), "{s}");
        }
    }

    #[test]
    fn controls_and_format_characters_are_shown_escaped() {
        let rows = [
            ("\x1b]0;PWNED\x07", "\\x1b]0;PWNED\\x07"),
            ("a\x1b[2Jb", "a\\x1b[2Jb"),
            ("tab\there", "tab\\x09here"),
            ("cr\rlf\n", "cr\\x0dlf\\x0a"),
            ("del\x7f", "del\\x7f"),
            ("c1 \u{9b}31m", "c1 \\u{9b}31m"),
            ("\u{202e}txt.exe", "\\u{202e}txt.exe"),
            ("\u{2066}x\u{2069}", "\\u{2066}x\\u{2069}"),
            ("\u{200e}\u{200f}\u{61c}", "\\u{200e}\\u{200f}\\u{61c}"),
            ("zero\u{200b}width\u{feff}", "zero\\u{200b}width\\u{feff}"),
            ("tag\u{e0041}", "tag\\u{e0041}"),
        ];
        for (input, want) in rows {
            assert_eq!(untrusted(input), want, "{input:?}");
        }
    }

    #[test]
    fn no_unsafe_character_survives_any_input() {
        let every: String = (0u32..0x3000)
            .chain(0xe0000..0xe0080)
            .filter_map(char::from_u32)
            .collect();
        let out = untrusted(&every);
        assert!(!out.chars().any(is_unsafe));
    }

    #[test]
    fn invalid_utf8_becomes_the_replacement_character() {
        assert_eq!(untrusted_bytes(b"a\xff\x1bb"), "a\u{fffd}\\x1bb");
    }
}
