//! SMTP replies: the three-digit code, the optional enhanced status code, and the text lines.
//!
//! Wire form (RFC 5321 §4.2):
//!
//! ```text
//! Reply-line = *( Reply-code "-" [ textstring ] CRLF )
//!              Reply-code [ SP textstring ] CRLF
//! ```
//!
//! When ENHANCEDSTATUSCODES is in use (RFC 2034 §4), every line of a 2xx, 4xx or 5xx reply starts
//! with the `class.subject.detail` code after the separator. [`ReplyParser`] reads replies as a
//! client receives them: streamed, multi-line, split anywhere.

use core::fmt;

#[cfg(feature = "serde")]
use serde::Serialize;

/// An RFC 3463 enhanced status code: `class.subject.detail`, e.g. `5.1.1`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[cfg_attr(feature = "ts", tsify(type = "string"))]
pub struct EnhancedCode {
    /// 2 (success), 4 (persistent transient failure) or 5 (permanent failure).
    pub class: u8,
    /// The subject: 0 other, 1 addressing, 2 mailbox, 3 mail system, 4 network and routing,
    /// 5 mail delivery protocol, 6 message content, 7 security or policy.
    pub subject: u16,
    /// The detail within the subject.
    pub detail: u16,
}

impl EnhancedCode {
    /// Builds a code from its three parts.
    pub const fn new(class: u8, subject: u16, detail: u16) -> Self {
        Self {
            class,
            subject,
            detail,
        }
    }

    /// Parses `class.subject.detail` (RFC 3463 §2: class is 2, 4 or 5; subject and detail have
    /// one to three digits). Returns `None` for anything else.
    pub fn parse(s: &str) -> Option<Self> {
        let mut parts = s.split('.');
        let class = parts.next()?;
        let subject = parts.next()?;
        let detail = parts.next()?;
        if parts.next().is_some() || class.len() != 1 {
            return None;
        }
        let class = match class.as_bytes()[0] {
            b'2' => 2,
            b'4' => 4,
            b'5' => 5,
            _ => return None,
        };
        Some(Self::new(class, parse_1to3(subject)?, parse_1to3(detail)?))
    }
}

fn parse_1to3(s: &str) -> Option<u16> {
    if s.len() > 3 {
        return None;
    }
    crate::parse_decimal(s).map(|n| n as u16)
}

impl EnhancedCode {
    /// The code as written in a reply, `class.subject.detail` (RFC 3463 §2), as `Display` writes
    /// it but without `core::fmt`.
    pub fn text(&self) -> String {
        let mut s = String::new();
        crate::push_decimal(&mut s, u64::from(self.class));
        s.push('.');
        crate::push_decimal(&mut s, u64::from(self.subject));
        s.push('.');
        crate::push_decimal(&mut s, u64::from(self.detail));
        s
    }
}

impl fmt::Display for EnhancedCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text())
    }
}

/// The class of a reply, from its first digit (RFC 5321 §4.2.1).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
pub enum ReplyClass {
    /// 2yz: the requested action has been completed.
    PositiveCompletion,
    /// 3yz: accepted, waiting for more information (354 after DATA, 334 during AUTH).
    PositiveIntermediate,
    /// 4yz: not done this time; the same request may succeed later.
    TransientNegative,
    /// 5yz: not done; repeating the same request will fail again.
    PermanentNegative,
}

/// One SMTP reply, possibly spanning several lines.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[cfg_attr(
    feature = "ts",
    tsify(type = "{ code: number; enhanced: EnhancedCode | null; lines: string[]; wire: string }")
)]
pub struct Reply {
    /// The three-digit reply code, 200–599.
    pub code: u16,
    /// The enhanced status code shown on every line, if any.
    pub enhanced: Option<EnhancedCode>,
    /// The text of each line, without code, separator, enhanced code or CRLF. Never empty.
    pub lines: Vec<String>,
}

impl Reply {
    /// A one-line reply.
    pub fn new(code: u16, enhanced: Option<EnhancedCode>, text: impl Into<String>) -> Self {
        Self {
            code,
            enhanced,
            lines: vec![text.into()],
        }
    }

    /// A multi-line reply; an empty `lines` becomes one empty line.
    pub fn multiline(code: u16, enhanced: Option<EnhancedCode>, lines: Vec<String>) -> Self {
        let lines = if lines.is_empty() {
            vec![String::new()]
        } else {
            lines
        };
        Self {
            code,
            enhanced,
            lines,
        }
    }

    /// The reply's class, from its first digit; `None` outside 2yz–5yz.
    pub fn class(&self) -> Option<ReplyClass> {
        match self.code / 100 {
            2 => Some(ReplyClass::PositiveCompletion),
            3 => Some(ReplyClass::PositiveIntermediate),
            4 => Some(ReplyClass::TransientNegative),
            5 => Some(ReplyClass::PermanentNegative),
            _ => None,
        }
    }

    /// True for 2yz and 3yz replies.
    pub fn is_positive(&self) -> bool {
        matches!(self.code / 100, 2 | 3)
    }

    /// The text of all lines joined with a space.
    pub fn text(&self) -> String {
        self.lines.join(" ")
    }

    /// Appends the reply in wire form, CRLF after every line.
    pub fn write_to(&self, out: &mut Vec<u8>) {
        let last = self.lines.len().saturating_sub(1);
        for (i, line) in self.lines.iter().enumerate() {
            push_code(out, self.code);
            out.push(if i == last { b' ' } else { b'-' });
            if let Some(e) = self.enhanced {
                push_enhanced(out, e);
                if !line.is_empty() {
                    out.push(b' ');
                }
            }
            out.extend_from_slice(line.as_bytes());
            out.extend_from_slice(b"\r\n");
        }
    }

    /// The reply in wire form.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(64);
        self.write_to(&mut out);
        out
    }
}

fn push_code(out: &mut Vec<u8>, code: u16) {
    let code = code.min(999);
    out.push(b'0' + (code / 100) as u8);
    out.push(b'0' + (code / 10 % 10) as u8);
    out.push(b'0' + (code % 10) as u8);
}

fn push_num(out: &mut Vec<u8>, n: u16) {
    if n >= 100 {
        out.push(b'0' + (n / 100 % 10) as u8);
    }
    if n >= 10 {
        out.push(b'0' + (n / 10 % 10) as u8);
    }
    out.push(b'0' + (n % 10) as u8);
}

fn push_enhanced(out: &mut Vec<u8>, e: EnhancedCode) {
    out.push(b'0' + e.class % 10);
    out.push(b'.');
    push_num(out, e.subject);
    out.push(b'.');
    push_num(out, e.detail);
}

/// As its text, `5.1.1` (RFC 3463 §2), the way every log and catalogue writes it.
#[cfg(feature = "serde")]
impl Serialize for EnhancedCode {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// Its fields, and `wire`: the reply exactly as written to the wire, CRLF after every line, so
/// no adapter formats replies again.
#[cfg(feature = "serde")]
impl Serialize for Reply {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut r = s.serialize_struct("Reply", 4)?;
        r.serialize_field("code", &self.code)?;
        r.serialize_field("enhanced", &self.enhanced)?;
        r.serialize_field("lines", &self.lines)?;
        r.serialize_field("wire", &String::from_utf8_lossy(&self.to_bytes()))?;
        r.end()
    }
}

impl fmt::Display for Reply {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&String::from_utf8_lossy(&self.to_bytes()))
    }
}

/// Why a reply line could not be read. Each variant is a rule of RFC 5321 §4.2.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub enum ReplyError {
    /// The line does not start with three digits, the first 2–5 and the second 0–5.
    BadCode,
    /// The character after the code is neither `-`, a space, nor the end of the line.
    BadSeparator,
    /// A continuation line carries a different code from the first line of the reply.
    CodeChanged,
    /// A line is longer than the 512 octets of RFC 5321 §4.5.3.1.5 (CRLF included).
    LineTooLong,
    /// A line is not valid UTF-8.
    NotUtf8,
    /// A reply has more than [`MAX_REPLY_LINES`] lines; a client stops reading it rather than
    /// buffer without bound.
    TooManyLines,
}

/// The most lines [`ReplyParser`] collects into one reply. Real EHLO replies have a few dozen.
pub const MAX_REPLY_LINES: usize = 256;

/// Octets of a reply line's text, its CRLF not counted: 512 with the CRLF (RFC 5321
/// §4.5.3.1.5). A line ended by a bare LF is held to the same text length.
pub const MAX_REPLY_TEXT: usize = 510;

/// One parsed reply line: code, whether more lines follow, and the text after the separator.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReplyLine<'a> {
    /// The three-digit code.
    pub code: u16,
    /// True when the separator was `-` (more lines follow).
    pub more: bool,
    /// The text after the separator, enhanced code included, without CRLF.
    pub text: &'a str,
}

impl<'a> ReplyLine<'a> {
    /// Parses one line without its CRLF (RFC 5321 §4.2 grammar; codes 2yz–5yz with y in 0–5).
    pub fn parse(line: &'a str) -> Result<Self, ReplyError> {
        let b = line.as_bytes();
        if b.len() < 3
            || !(b'2'..=b'5').contains(&b[0])
            || !(b'0'..=b'5').contains(&b[1])
            || !b[2].is_ascii_digit()
        {
            return Err(ReplyError::BadCode);
        }
        let code = (b[0] - b'0') as u16 * 100 + (b[1] - b'0') as u16 * 10 + (b[2] - b'0') as u16;
        let (more, text) = match b.get(3) {
            None => (false, ""),
            Some(b' ') => (false, line.get(4..).unwrap_or_default()),
            Some(b'-') => (true, line.get(4..).unwrap_or_default()),
            Some(_) => return Err(ReplyError::BadSeparator),
        };
        Ok(Self { code, more, text })
    }
}

/// Splits an enhanced status code off the front of a reply text, if one is there
/// (RFC 2034 §4: `status-code SP text`).
pub fn split_enhanced(text: &str) -> (Option<EnhancedCode>, &str) {
    let (head, rest) = text.split_once(' ').unwrap_or((text, ""));
    match EnhancedCode::parse(head) {
        Some(e) => (Some(e), rest),
        None => (None, text),
    }
}

/// True when `code` fits the reply-code grammar of RFC 5321 §4.2: first digit 2–5, second 0–5.
pub const fn code_in_grammar(code: u16) -> bool {
    matches!(code / 100, 2..=5) && code / 10 % 10 <= 5
}

/// What follows the code of a [`PastedLine`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
pub enum Separator {
    /// A space: the last line of the reply (RFC 5321 §4.2.1).
    Space,
    /// A hyphen: more lines follow (RFC 5321 §4.2.1).
    Hyphen,
    /// Nothing: the line is the code alone, a last line.
    End,
    /// A colon and a space (`550: 5.7.1 …`), which no RFC allows; read as a last line.
    Colon,
    /// Any other character, which breaks RFC 5321 §4.2.
    Other,
}

/// A reply line read the way people paste them: the grammar of RFC 5321 §4.2 and RFC 2034 §4,
/// and the deviations real software writes, each reported rather than refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PastedLine<'a> {
    /// The three leading digits, whether or not they fit the grammar ([`code_in_grammar`]).
    pub code: u16,
    /// What follows the code.
    pub separator: Separator,
    /// The enhanced status code after the separator (RFC 2034 §4), also when written with a `#`
    /// before it or a `:` after it.
    pub enhanced: Option<EnhancedCode>,
    /// True when the enhanced code carried a `#` before it or a `:` after it.
    pub enhanced_marked: bool,
    /// The class digit of a leading token shaped like an enhanced code whose class is not 2, 4
    /// or 5 (`1.0.0`): RFC 3463 §2 defines no other class.
    pub bad_class: Option<u8>,
    /// The rest of the line after the code, the separator and the enhanced code.
    pub text: &'a str,
}

impl<'a> PastedLine<'a> {
    /// Reads `line` (without its line end); `None` unless it starts with three ASCII digits.
    pub fn parse(line: &'a str) -> Option<Self> {
        let mut chars = line.char_indices();
        let mut code = 0u16;
        for _ in 0..3 {
            let (_, c) = chars.next()?;
            code = code * 10 + c.to_digit(10)? as u16;
        }
        let rest = line.get(3..)?;
        let (separator, after) = if rest.is_empty() {
            (Separator::End, "")
        } else if let Some(r) = rest.strip_prefix(' ') {
            (Separator::Space, r)
        } else if let Some(r) = rest.strip_prefix('-') {
            (Separator::Hyphen, r)
        } else if let Some(r) = rest.strip_prefix(": ") {
            (Separator::Colon, r)
        } else {
            let r = rest.trim_start_matches(|c: char| !c.is_whitespace());
            (Separator::Other, r.trim_start())
        };
        let token_end = after.find(' ').unwrap_or(after.len());
        let (token, tail) = after.split_at_checked(token_end).unwrap_or((after, ""));
        let tail = tail.strip_prefix(' ').unwrap_or(tail);
        let unmarked = token.strip_prefix('#').unwrap_or(token);
        let unmarked = unmarked.strip_suffix(':').unwrap_or(unmarked);
        let enhanced = EnhancedCode::parse(unmarked);
        let shaped = {
            let mut parts = unmarked.split('.');
            let ok = |p: Option<&str>| {
                p.is_some_and(|p| {
                    !p.is_empty() && p.len() <= 3 && p.bytes().all(|b| b.is_ascii_digit())
                })
            };
            let class = parts.next();
            class.is_some_and(|c| c.len() == 1)
                && ok(class)
                && ok(parts.next())
                && ok(parts.next())
                && parts.next().is_none()
        };
        let bad_class = match (enhanced, shaped) {
            (None, true) => unmarked.bytes().next().map(|b| b - b'0'),
            _ => None,
        };
        Some(Self {
            code,
            separator,
            enhanced,
            enhanced_marked: enhanced.is_some() && unmarked != token,
            bad_class,
            text: if enhanced.is_some() { tail } else { after },
        })
    }
}

/// A streaming reader of replies, as a client receives them.
///
/// Feed bytes with [`ReplyParser::feed`] in any chunking; take complete replies with
/// [`ReplyParser::next_reply`]. Lines end at CRLF; a bare LF is accepted as a line end because
/// replies are read, not relayed. A line that cannot be read is returned as an error and
/// dropped, together with the reply it was part of. The output is the same for every chunking of
/// the same bytes: a line whose text is over 510 octets (512 with its CRLF, however it ends) is
/// one [`ReplyError::LineTooLong`] however it arrives,
/// and its tail is never read as a reply of its own (RFC 5321 §4.5.3.1.5).
#[derive(Debug, Default)]
pub struct ReplyParser {
    buf: Vec<u8>,
    pending: Option<Reply>,
    /// After [`ReplyError::TooManyLines`]: the rest of that reply is dropped up to its last line.
    skipping: bool,
    /// After [`ReplyError::LineTooLong`] for a line whose end has not arrived: its remaining
    /// octets are dropped up to and including its LF.
    discarding: bool,
}

impl ReplyParser {
    /// A parser with nothing buffered.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds received bytes.
    pub fn feed(&mut self, bytes: &[u8]) {
        self.buf.extend_from_slice(bytes);
    }

    /// True when bytes of an unfinished line or reply are buffered (or an over-long line's end
    /// is still awaited).
    pub fn has_partial(&self) -> bool {
        !self.buf.is_empty() || self.pending.is_some() || self.discarding
    }

    /// The next complete reply; `None` when more bytes are needed.
    pub fn next_reply(&mut self) -> Option<Result<Reply, ReplyError>> {
        loop {
            if self.discarding {
                match crate::find_byte(b'\n', &self.buf) {
                    Some(lf) => {
                        self.buf.drain(..=lf);
                        self.discarding = false;
                    }
                    None => {
                        self.buf.clear();
                        return None;
                    }
                }
            }
            let Some(lf) = crate::find_byte(b'\n', &self.buf) else {
                // More than 511 octets and no LF: its text is over 510 whatever ends it (the
                // last octet may be the CR of its CRLF).
                if self.buf.len() > MAX_REPLY_TEXT + 1 {
                    // Too long already, whatever follows: say so once, and drop the rest of
                    // the line as it arrives, exactly as if it had come in one read.
                    self.buf.clear();
                    self.pending = None;
                    self.discarding = true;
                    return Some(Err(ReplyError::LineTooLong));
                }
                return None;
            };
            let raw: Vec<u8> = self.buf.drain(..=lf).collect();
            let mut end = raw.len() - 1;
            if end > 0 && raw[end - 1] == b'\r' {
                end -= 1;
            }
            // The text counts, not the line end it came with: a line ended by a bare LF is
            // written back with CRLF, and must fit in 512 octets then too.
            if end > MAX_REPLY_TEXT {
                self.pending = None;
                return Some(Err(ReplyError::LineTooLong));
            }
            let Ok(line) = core::str::from_utf8(&raw[..end]) else {
                self.pending = None;
                return Some(Err(ReplyError::NotUtf8));
            };
            let parsed = match ReplyLine::parse(line) {
                Ok(p) => p,
                Err(e) => {
                    self.pending = None;
                    return Some(Err(e));
                }
            };
            if self.skipping {
                self.skipping = parsed.more;
                continue;
            }
            let (enhanced, text) = split_enhanced(parsed.text);
            match &mut self.pending {
                Some(r) if r.code != parsed.code => {
                    self.pending = None;
                    return Some(Err(ReplyError::CodeChanged));
                }
                Some(r) if r.lines.len() >= MAX_REPLY_LINES => {
                    self.pending = None;
                    self.skipping = parsed.more;
                    return Some(Err(ReplyError::TooManyLines));
                }
                Some(r) => r.lines.push(text.to_owned()),
                None => {
                    self.pending = Some(Reply::new(parsed.code, enhanced, text));
                }
            }
            if !parsed.more {
                return self.pending.take().map(Ok);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_single_and_multiline() {
        let r = Reply::new(250, Some(EnhancedCode::new(2, 1, 0)), "Ok");
        assert_eq!(r.to_bytes(), b"250 2.1.0 Ok\r\n");
        let r = Reply::multiline(250, None, vec!["mx.example".into(), "PIPELINING".into()]);
        assert_eq!(r.to_bytes(), b"250-mx.example\r\n250 PIPELINING\r\n");
        let r = Reply::new(354, None, "End data with <CR><LF>.<CR><LF>");
        assert_eq!(r.to_string(), "354 End data with <CR><LF>.<CR><LF>\r\n");
        let r = Reply::new(552, Some(EnhancedCode::new(5, 3, 4)), "");
        assert_eq!(r.to_bytes(), b"552 5.3.4\r\n");
        let r = Reply::new(550, Some(EnhancedCode::new(5, 7, 100)), "x");
        assert_eq!(r.to_bytes(), b"550 5.7.100 x\r\n");
    }

    #[test]
    fn enhanced_code_parse() {
        assert_eq!(
            EnhancedCode::parse("5.1.1"),
            Some(EnhancedCode::new(5, 1, 1))
        );
        assert_eq!(
            EnhancedCode::parse("4.7.100"),
            Some(EnhancedCode::new(4, 7, 100))
        );
        for bad in [
            "3.1.1", "5.1", "5.1.1.1", "5..1", "5.1234.1", "x.1.1", "55.1.1", "",
        ] {
            assert_eq!(EnhancedCode::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn parser_reads_split_multiline_replies() {
        let wire =
            b"220 mx ESMTP\r\n250-mx\r\n250-SIZE 100\r\n250 HELP\r\n550 5.1.1 No such user\r\n";
        for split in 0..wire.len() {
            let mut p = ReplyParser::new();
            p.feed(&wire[..split]);
            let mut got = Vec::new();
            while let Some(r) = p.next_reply() {
                got.push(r.unwrap());
            }
            p.feed(&wire[split..]);
            while let Some(r) = p.next_reply() {
                got.push(r.unwrap());
            }
            assert_eq!(got.len(), 3, "split at {split}");
            assert_eq!(got[1].lines, ["mx", "SIZE 100", "HELP"]);
            assert_eq!(got[2].enhanced, Some(EnhancedCode::new(5, 1, 1)));
            assert_eq!(got[2].lines, ["No such user"]);
            assert!(!p.has_partial());
        }
    }

    #[test]
    fn parser_caps_lines_per_reply() {
        let mut p = ReplyParser::new();
        for _ in 0..MAX_REPLY_LINES + 5 {
            p.feed(b"250-x\r\n");
        }
        assert_eq!(p.next_reply(), Some(Err(ReplyError::TooManyLines)));
        // The rest of the overlong reply, its last line included, is dropped.
        p.feed(b"250 end\r\n");
        assert_eq!(p.next_reply(), None);
        p.feed(b"221 bye\r\n");
        assert_eq!(p.next_reply(), Some(Ok(Reply::new(221, None, "bye"))));
    }

    #[test]
    fn pasted_lines_report_their_deviations() {
        let l = PastedLine::parse("550-5.1.1 No such user").unwrap();
        assert_eq!((l.code, l.separator), (550, Separator::Hyphen));
        assert_eq!(l.enhanced, Some(EnhancedCode::new(5, 1, 1)));
        assert_eq!(l.text, "No such user");
        let l = PastedLine::parse("550: 5.7.1 Rejected").unwrap();
        assert_eq!(l.separator, Separator::Colon);
        assert_eq!(l.enhanced, Some(EnhancedCode::new(5, 7, 1)));
        let l = PastedLine::parse("550 #5.1.0 Address rejected.").unwrap();
        assert!(l.enhanced_marked);
        assert_eq!(l.text, "Address rejected.");
        let l = PastedLine::parse("250 2.0.0: Ok").unwrap();
        assert_eq!(
            (l.enhanced, l.text),
            (Some(EnhancedCode::new(2, 0, 0)), "Ok")
        );
        let l = PastedLine::parse("250 1.0.0 Ok").unwrap();
        assert_eq!(
            (l.enhanced, l.bad_class, l.text),
            (None, Some(1), "1.0.0 Ok")
        );
        assert_eq!(
            PastedLine::parse("2500 x").unwrap().separator,
            Separator::Other
        );
        assert_eq!(PastedLine::parse("25x"), None);
        assert_eq!(PastedLine::parse("5\u{e9}0"), None);
        assert!(code_in_grammar(554) && !code_in_grammar(571) && !code_in_grammar(650));
    }

    #[test]
    fn parser_reports_bad_lines() {
        let mut p = ReplyParser::new();
        p.feed(b"hello\r\n250-a\r\n251 b\r\n2500 x\r\n250\r\n");
        assert_eq!(p.next_reply(), Some(Err(ReplyError::BadCode)));
        assert_eq!(p.next_reply(), Some(Err(ReplyError::CodeChanged)));
        assert_eq!(p.next_reply(), Some(Err(ReplyError::BadSeparator)));
        assert_eq!(p.next_reply(), Some(Ok(Reply::new(250, None, ""))));
        assert_eq!(p.next_reply(), None);
    }
}
