//! The lexical layer of the lesson format: reading lines (§2), tokens and values (§4), and the
//! byte strings of `send:` lines (§4.6).

/// Largest file, parts included one by one (§2).
pub(crate) const MAX_FILE: usize = 1_048_576;
/// Longest line in bytes, line ending excluded.
pub(crate) const MAX_LINE: usize = 4096;
/// Most lines in a lesson with all its parts.
pub(crate) const MAX_LINES: usize = 50_000;
/// Longest quoted string, in characters.
pub(crate) const MAX_STRING: usize = 1000;
/// Errors reported before stopping.
pub(crate) const MAX_ERRORS: usize = 100;

/// One line of a file, after §2's clean-up: CR removed, trailing spaces and tabs removed.
#[derive(Clone, Debug)]
pub(crate) struct Line {
    pub number: u32,
    pub text: String,
}

/// A problem at a line and column, before the file name is attached.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Problem {
    pub line: u32,
    pub column: u32,
    pub message: String,
}

impl Problem {
    pub fn new(line: u32, column: u32, message: impl Into<String>) -> Self {
        Self {
            line,
            column,
            message: message.into(),
        }
    }
}

/// Splits a file into lines, reporting what §2 forbids: a file over 1 MiB (nothing else is
/// read), bytes that are not UTF-8, a CR not followed by LF, control characters, lines over 4096
/// bytes (the rest is not read). A byte order mark at the start is skipped. Lines with a problem
/// are left out; the others keep their numbers.
pub(crate) fn lines(bytes: &[u8], problems: &mut Vec<Problem>) -> Vec<Line> {
    if bytes.len() > MAX_FILE {
        problems.push(Problem::new(
            1,
            1,
            "file is larger than 1 MiB (1048576 bytes)",
        ));
        return Vec::new();
    }
    let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
    let mut out = Vec::new();
    let mut number = 0u32;
    for raw in bytes.split(|&b| b == b'\n') {
        number += 1;
        let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
        if raw.len() > MAX_LINE {
            problems.push(Problem::new(
                number,
                MAX_LINE as u32 + 1,
                "line is longer than 4096 bytes",
            ));
            continue;
        }
        let text = match core::str::from_utf8(raw) {
            Ok(t) => t,
            Err(e) => {
                let valid = core::str::from_utf8(&raw[..e.valid_up_to()]).unwrap_or("");
                problems.push(Problem::new(
                    number,
                    valid.chars().count() as u32 + 1,
                    "this byte is not UTF-8 (a lesson is UTF-8 text; write raw bytes as \\xHH in a send: line)",
                ));
                continue;
            }
        };
        if let Some((col, c)) = text
            .chars()
            .enumerate()
            .find(|(_, c)| c.is_control() && *c != '\t')
        {
            let message = if c == '\r' {
                "a CR must be followed by LF: lines end with LF or CRLF".to_owned()
            } else {
                format!(
                    "control character U+{:04X}; write raw bytes only in a send: line, as \\x{:02X}",
                    c as u32, c as u32
                )
            };
            problems.push(Problem::new(number, col as u32 + 1, message));
            continue;
        }
        out.push(Line {
            number,
            text: text.trim_end_matches([' ', '\t']).to_owned(),
        });
    }
    // A file that ends with LF has no line after it.
    if bytes.ends_with(b"\n") {
        out.retain(|l| l.number < number);
    }
    out
}

/// The column (from 1) of byte offset `at` in `s`, when `s` starts at column `col0`.
pub(crate) fn column(s: &str, at: usize, col0: u32) -> u32 {
    col0 + s.char_indices().take_while(|&(i, _)| i < at).count() as u32
}

/// A word of a value and its column.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Tok<'a> {
    pub text: &'a str,
    pub col: u32,
}

/// Reads a value token by token: tokens are separated by spaces or tabs (§4).
#[derive(Clone, Debug)]
pub(crate) struct Cursor<'a> {
    s: &'a str,
    at: usize,
    col0: u32,
}

impl<'a> Cursor<'a> {
    pub fn new(s: &'a str, col0: u32) -> Self {
        Self { s, at: 0, col0 }
    }

    fn skip_ws(&mut self) {
        let rest = self.s.get(self.at..).unwrap_or_default();
        self.at += rest.len() - rest.trim_start_matches([' ', '\t']).len();
    }

    /// The column of the next token (or of the end).
    pub fn col(&mut self) -> u32 {
        self.skip_ws();
        column(self.s, self.at, self.col0)
    }

    /// The next token, without taking it.
    pub fn peek(&mut self) -> Option<Tok<'a>> {
        self.clone().next()
    }

    /// The next token, or an empty one at the end's column (for "found \"\"" errors).
    pub fn next_or_end(&mut self) -> Tok<'a> {
        let col = self.col();
        self.next().unwrap_or(Tok { text: "", col })
    }

    /// [`Cursor::next_or_end`] without taking the token.
    pub fn peek_or_end(&mut self) -> Tok<'a> {
        self.clone().next_or_end()
    }

    /// The next token.
    #[allow(clippy::should_implement_trait)]
    pub fn next(&mut self) -> Option<Tok<'a>> {
        self.skip_ws();
        let rest = self.s.get(self.at..).unwrap_or_default();
        if rest.is_empty() {
            return None;
        }
        let text = rest.split([' ', '\t']).next().unwrap_or_default();
        let col = column(self.s, self.at, self.col0);
        self.at += text.len();
        Some(Tok { text, col })
    }

    /// Everything after the current position, spaces at both ends removed, and its column.
    pub fn rest(&mut self) -> Tok<'a> {
        self.skip_ws();
        let col = column(self.s, self.at, self.col0);
        let text = self.s.get(self.at..).unwrap_or_default();
        let text = text.trim_end_matches([' ', '\t']);
        self.at = self.s.len();
        Tok { text, col }
    }

    /// A quoted string (§4.5).
    pub fn string(&mut self) -> Result<(String, u32), (u32, String)> {
        self.skip_ws();
        let start = self.at;
        let col = column(self.s, start, self.col0);
        let rest = self.s.get(start..).unwrap_or_default();
        let Some(body) = rest.strip_prefix('"') else {
            let found = rest.split([' ', '\t']).next().unwrap_or("");
            return Err((
                col,
                if found.is_empty() {
                    "expected a quoted string, as in \"Subject: hi\"".to_owned()
                } else {
                    format!("expected a quoted string, as in \"Subject: hi\", found {found:?}")
                },
            ));
        };
        let mut out = String::new();
        let mut chars = body.char_indices();
        while let Some((i, c)) = chars.next() {
            match c {
                '"' => {
                    self.at = start + 1 + i + 1;
                    if out.chars().count() > MAX_STRING {
                        return Err((col, "a quoted string is longer than 1000 characters".into()));
                    }
                    return Ok((out, col));
                }
                '\\' => match chars.next() {
                    Some((_, e @ ('"' | '\\'))) => out.push(e),
                    _ => {
                        return Err((
                            column(self.s, start + 1 + i, self.col0),
                            "in a quoted string a backslash escapes only \" and \\".into(),
                        ))
                    }
                },
                c => out.push(c),
            }
        }
        Err((col, "this quoted string has no closing \"".into()))
    }
}

/// Edit distance, for "did you mean" (at most two edits suggest a key).
pub(crate) fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != *cb))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// The known word closest to `word`: at most two edits away, or three when the first four
/// letters agree (`replied` → `reply`).
pub(crate) fn suggest<'k>(word: &str, known: &[&'k str]) -> Option<&'k str> {
    let lower = word.to_ascii_lowercase();
    let stem = |w: &str| w.chars().take(4).collect::<String>();
    known
        .iter()
        .map(|k| (distance(&lower, k), *k))
        .filter(|(d, k)| *d <= 2 || (*d == 3 && k.len() >= 4 && stem(k) == stem(&lower)))
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

/// ` (did you mean "reply"?)` after an unknown word, when [`suggest`] finds one; else empty.
pub(crate) fn did_you_mean(word: &str, known: &[&str]) -> String {
    suggest(word, known)
        .map(|k| format!(" (did you mean {k:?}?)"))
        .unwrap_or_default()
}

/// `a, b, c or d`.
pub(crate) fn either(words: &[&str]) -> String {
    match words {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

/// The tokens of §4.6 and their bytes, longest first.
const TOKENS: [(&str, &[u8]); 6] = [
    ("<CRLF>", b"\r\n"),
    ("<CR>", b"\r"),
    ("<LF>", b"\n"),
    ("<SP>", b" "),
    ("<TAB>", b"\t"),
    ("<NUL>", b"\0"),
];

/// Decodes a `send:` value (§4.6): UTF-8 text with the RFC's tokens, `\xHH` and `\\`. `col0` is
/// the column of its first character, for errors.
pub fn decode_send(value: &str, col0: u32) -> Result<Vec<u8>, (u32, String)> {
    let mut out = Vec::with_capacity(value.len());
    let mut i = 0;
    let b = value.as_bytes();
    while i < b.len() {
        let rest = value.get(i..).unwrap_or_default();
        let col = column(value, i, col0);
        if let Some(after_lt) = rest.strip_prefix('<') {
            if let Some((tok, bytes)) = TOKENS.iter().find(|(t, _)| rest.starts_with(t)) {
                out.extend_from_slice(bytes);
                i += tok.len();
                continue;
            }
            // A token name in the wrong case, or a token cut off at the end of the line.
            let name: String = after_lt
                .chars()
                .take_while(|c| c.is_ascii_alphabetic())
                .collect();
            let known = TOKENS
                .iter()
                .any(|(t, _)| t.trim_matches(['<', '>']).eq_ignore_ascii_case(&name));
            if known && !name.is_empty() {
                let after = after_lt.get(name.len()..).unwrap_or_default();
                if let Some(after) = after.strip_prefix('>') {
                    let _ = after;
                    return Err((
                        col,
                        format!(
                            "\"<{name}>\" is not a token; tokens are upper case: <CR>, <LF>, <CRLF>, <SP>, <TAB>, <NUL>"
                        ),
                    ));
                }
                if after.is_empty() {
                    return Err((
                        col,
                        format!("\"<{name}\" is missing its \">\"; tokens are <CR>, <LF>, <CRLF>, <SP>, <TAB>, <NUL>"),
                    ));
                }
            }
            out.push(b'<');
            i += 1;
            continue;
        }
        if let Some(after) = rest.strip_prefix('\\') {
            if after.starts_with('\\') {
                out.push(b'\\');
                i += 2;
                continue;
            }
            if let Some(hex) = after.strip_prefix(['x', 'X']) {
                let digits: &str = hex.get(..2).unwrap_or("");
                if digits.len() == 2 && digits.bytes().all(|c| c.is_ascii_hexdigit()) {
                    out.push(u8::from_str_radix(digits, 16).unwrap_or(0));
                    i += 4;
                    continue;
                }
                return Err((col, "\"\\x\" needs two hex digits, as in \\x0D".into()));
            }
            return Err((
                col,
                "a backslash starts \\xHH (a byte) or \\\\ (a backslash); nothing else".into(),
            ));
        }
        let c = rest.chars().next().unwrap_or(' ');
        let mut buf = [0u8; 4];
        out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
        i += c.len_utf8();
    }
    if out.is_empty() {
        return Err((col0, "a send: line needs at least one byte".into()));
    }
    Ok(out)
}

/// Writes bytes as a `send:` value (§4.6, §18.3): text as it is, CR, LF, NUL and the line's
/// trailing spaces as tokens, other control bytes and bytes that are not UTF-8 as `\xHH`, a
/// backslash as `\\`, and a `<` that would read as a token as `\x3C`. [`decode_send`] reads it
/// back to the same bytes.
pub fn encode_send(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() + 8);
    let trailing_spaces = bytes.len() - bytes.iter().rev().take_while(|&&b| b == b' ').count();
    let mut i = 0;
    while i < bytes.len() {
        let rest = &bytes[i..];
        match rest[0] {
            b'\r' if rest.get(1) == Some(&b'\n') => {
                out.push_str("<CRLF>");
                i += 2;
                continue;
            }
            b'\r' => out.push_str("<CR>"),
            b'\n' => out.push_str("<LF>"),
            b'\0' => out.push_str("<NUL>"),
            b'\t' => out.push_str("<TAB>"),
            b' ' if i >= trailing_spaces => out.push_str("<SP>"),
            b'\\' => out.push_str("\\\\"),
            b'<' if looks_like_token(rest) => out.push_str("\\x3C"),
            b if b < 0x20 || b == 0x7f => crate::push_hex_escape(&mut out, b),
            b if b < 0x80 => out.push(b as char),
            _ => {
                // A UTF-8 sequence, or a byte that is not one.
                let len = utf8_len(rest);
                match core::str::from_utf8(&rest[..len]) {
                    Ok(s) if len > 0 => {
                        out.push_str(s);
                        i += len;
                        continue;
                    }
                    _ => crate::push_hex_escape(&mut out, rest[0]),
                }
            }
        }
        i += 1;
    }
    out
}

fn looks_like_token(rest: &[u8]) -> bool {
    let name: Vec<u8> = rest[1..]
        .iter()
        .take_while(|c| c.is_ascii_alphabetic())
        .copied()
        .collect();
    TOKENS
        .iter()
        .any(|(t, _)| t.as_bytes()[1..t.len() - 1].eq_ignore_ascii_case(&name))
}

/// The length of the UTF-8 sequence starting `rest`, or 0.
fn utf8_len(rest: &[u8]) -> usize {
    let want = match rest[0] {
        0xC2..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF4 => 4,
        _ => return 0,
    };
    if rest.len() >= want && core::str::from_utf8(&rest[..want]).is_ok() {
        want
    } else {
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn send_tokens() {
        assert_eq!(
            decode_send("MAIL FROM:<ana@example.test><CRLF>", 1).unwrap(),
            b"MAIL FROM:<ana@example.test>\r\n"
        );
        assert_eq!(decode_send("a<SP><TAB>\\x0d\\\\", 1).unwrap(), b"a \t\r\\");
        assert_eq!(decode_send("<SPAM@x>", 1).unwrap(), b"<SPAM@x>");
        assert!(decode_send("Hi<lf>", 1).is_err());
        assert!(decode_send("Hi<CRLF", 1).is_err());
        assert!(decode_send("\\q", 1).is_err());
    }

    #[test]
    fn encode_round_trips() {
        for bytes in [
            &b"QUIT\n"[..],
            b"a\r\n.\r\r\n\0x ",
            b"\xff\xfe<CRLF>\\ \t",
            "caf\u{e9}\r".as_bytes(),
        ] {
            let text = encode_send(bytes);
            assert_eq!(decode_send(&text, 1).unwrap(), bytes, "{text}");
        }
    }

    #[test]
    fn distances() {
        assert_eq!(distance("goals", "goal"), 1);
        assert_eq!(suggest("replied", &["reply", "state"]), Some("reply"));
        assert_eq!(suggest("xyz", &["reply"]), None);
    }
}
