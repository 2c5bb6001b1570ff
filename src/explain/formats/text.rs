//! Lines as pasted, made readable: carriage returns dropped, literal `\r\n` escapes read as line
//! breaks, HTML entities decoded, and the quote and code markers people wrap text in set aside.
//!
//! Every helper here slices with `split_once`, `strip_prefix`, `get` and the like, never by byte
//! offset, so no input can land a cut inside a character.

use super::{Note, NoteKind};

/// One line of the pasted text.
#[derive(Clone, Debug)]
pub(crate) struct Line {
    /// The pasted line it came from, counting from 1 (several lines share it when a literal
    /// `\r\n` was split).
    pub no: usize,
    /// The line, without its line end.
    pub raw: String,
}

impl Line {
    /// Leading white space, in characters (a tab counts as one).
    pub fn indent(&self) -> usize {
        self.raw.chars().take_while(|c| c.is_whitespace()).count()
    }

    /// The line without white space and quote or code markers around it.
    pub fn bare(&self) -> &str {
        bare(&self.raw)
    }

    /// True for an empty or white-space-only line (markers included).
    pub fn is_blank(&self) -> bool {
        self.bare().is_empty()
    }
}

/// The pasted text split into lines, and what was done to read it.
pub(crate) struct Text {
    pub lines: Vec<Line>,
    pub notes: Vec<Note>,
}

/// Splits `input` into lines and undoes the ways text gets mangled on its way to a paste.
pub(crate) fn normalise(input: &str) -> Text {
    let mut notes = Vec::new();
    let mut entities = 0;
    let mut crlf = 0;
    let mut lf = 0;
    let mut lines = Vec::new();
    for (i, raw) in input.split('\n').enumerate() {
        let mut s: String = raw.chars().filter(|&c| c != '\r').collect();
        if s.contains('&') {
            let before = s.len();
            s = decode_entities(&s);
            if s.len() != before {
                entities += 1;
            }
        }
        if s.contains('\\') {
            crlf += s.matches("\\r\\n").count();
            s = s.replace("\\r\\n", "\n");
            lf += s.matches("\\n").count();
            s = s.replace("\\n", "\n");
        }
        for piece in s.split('\n') {
            lines.push(Line {
                no: i + 1,
                raw: piece.to_owned(),
            });
        }
    }
    if crlf > 0 {
        notes.push(Note::new(NoteKind::LiteralCrlf, crlf));
    }
    if lf > 0 {
        notes.push(Note::new(NoteKind::LiteralLf, lf));
    }
    if entities > 0 {
        notes.push(Note::new(NoteKind::HtmlEntities, entities));
    }
    Text { lines, notes }
}

fn decode_entities(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// `s` without surrounding white space, e-mail quote markers (`> `, but never the `>>>` of a
/// transcript) and markdown code markers (`` ` ``).
pub(crate) fn bare(s: &str) -> &str {
    let mut t = s.trim();
    loop {
        let before = t;
        if let Some(rest) = t.strip_prefix('>') {
            if !rest.starts_with('>') && (rest.is_empty() || rest.starts_with([' ', '\t'])) {
                t = rest.trim_start();
            }
        }
        t = t.trim_start_matches('`').trim_end_matches('`').trim();
        if t == before {
            return t;
        }
    }
}

/// The three digits at the start of `s` as a number, whatever follows them.
pub(crate) fn three_digits(s: &str) -> Option<u16> {
    let mut n = 0u16;
    let mut chars = s.chars();
    for _ in 0..3 {
        let d = chars.next()?.to_digit(10)?;
        n = n * 10 + d as u16;
    }
    Some(n)
}

/// The text after the first three characters of `s` (they are ASCII digits when called).
pub(crate) fn after_code(s: &str) -> &str {
    s.get(3..).unwrap_or("")
}

/// A reply code at the start of `s` as a reply line holds it: `2yz`–`5yz` followed by a space, a
/// hyphen, the end, or a colon and a space (`550: 5.7.1`, seen in Yahoo's bounces).
pub(crate) fn code_at_start(s: &str) -> Option<u16> {
    let code = three_digits(s)?;
    if !(200..600).contains(&code) {
        return None;
    }
    let rest = after_code(s);
    let ok = rest.is_empty()
        || rest.starts_with([' ', '-', '\t'])
        || rest.strip_prefix(':').is_some_and(|r| r.starts_with(' '));
    ok.then_some(code)
}

/// An enhanced status code at the start of `s`, followed by white space, the end, or one of
/// `:;,.)'"`: `5.1.1`, `4.7.650`.
pub(crate) fn enhanced_at_start(s: &str) -> Option<smtp_sim_core::reply::EnhancedCode> {
    let end = s
        .char_indices()
        .find(|&(_, c)| !(c.is_ascii_digit() || c == '.'))
        .map_or(s.len(), |(i, _)| i);
    let (token, rest) = s.split_at_checked(end)?;
    let token = token.strip_suffix('.').unwrap_or(token);
    let ok_end = rest.is_empty()
        || rest.starts_with(|c: char| c.is_whitespace() || ":;,)'\"]”’".contains(c));
    if !ok_end {
        return None;
    }
    smtp_sim_core::reply::EnhancedCode::parse(token)
}

/// Where in `line` a reply code followed by an enhanced code starts (`550 5.1.1`, `550-5.7.26`,
/// `550 #5.1.0`): the surest sign of a reply inside other text. The code must start a word.
pub(crate) fn find_code_and_enhanced(line: &str) -> Option<usize> {
    let mut prev: Option<char> = None;
    for (i, c) in line.char_indices() {
        let starts_word = prev.is_none_or(|p| !(p.is_alphanumeric() || ".-_+/#".contains(p)));
        prev = Some(c);
        if !starts_word || !matches!(c, '2'..='5') {
            continue;
        }
        let Some(rest) = line.get(i..) else { continue };
        if code_at_start(rest).is_none() {
            continue;
        }
        let after = after_code(rest);
        let Some(after) = after.strip_prefix([' ', '-', ':']) else {
            continue;
        };
        let after = after.trim_start_matches(' ');
        let after = after.strip_prefix('#').unwrap_or(after);
        if enhanced_at_start(after).is_some() {
            return Some(i);
        }
    }
    None
}

/// The first e-mail address in `s` (`local@domain`, without angle brackets).
pub(crate) fn first_address(s: &str) -> Option<&str> {
    let at = s.find('@')?;
    let (head, tail) = s.split_at_checked(at)?;
    let is_addr = |c: char| !(c.is_whitespace() || "<>()[]\"',;:`".contains(c));
    let start = head
        .char_indices()
        .rev()
        .find(|&(_, c)| !is_addr(c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let end = tail
        .char_indices()
        .skip(1)
        .find(|&(_, c)| !is_addr(c))
        .map_or(tail.len(), |(i, _)| i);
    let local = head.get(start..)?;
    let domain = tail.get(..end)?;
    let domain = domain.trim_end_matches(['.', ')']);
    if local.is_empty() || domain.len() < 2 {
        return None;
    }
    let whole = s.get(start..at + domain.len())?;
    Some(whole)
}

/// An address written alone on a line, possibly in angle brackets, with a colon after it:
/// `<user@example.com>:`, `user@example.com`.
pub(crate) fn lone_address(s: &str) -> Option<&str> {
    let t = s.trim().trim_end_matches(':').trim_end();
    let t = t
        .strip_prefix('<')
        .and_then(|t| t.strip_suffix('>'))
        .unwrap_or(t);
    (!t.is_empty()
        && t.contains('@')
        && !t.contains(char::is_whitespace)
        && !t.contains(['<', '>', '(', ')']))
    .then_some(t)
}

/// Case-insensitive ASCII search: the byte offset of `needle` in `hay`.
pub(crate) fn find_ci(hay: &str, needle: &str) -> Option<usize> {
    let n = needle.len();
    if n == 0 {
        return Some(0);
    }
    hay.char_indices().map(|(i, _)| i).find(|&i| {
        hay.get(i..i + n)
            .is_some_and(|w| w.eq_ignore_ascii_case(needle))
    })
}

/// True when `hay` contains `needle`, ignoring ASCII case.
pub(crate) fn contains_ci(hay: &str, needle: &str) -> bool {
    find_ci(hay, needle).is_some()
}

/// The part of `s` after the first `pat`.
pub(crate) fn after<'a>(s: &'a str, pat: &str) -> Option<&'a str> {
    s.split_once(pat).map(|(_, r)| r)
}

/// The host name in `host H[ip]`, `host H [ip]`, `H (ip)` or `H.`: `H` without the address.
pub(crate) fn host_name(s: &str) -> Option<String> {
    let s = s.trim().trim_start_matches('\'');
    let end = s
        .char_indices()
        .find(|&(_, c)| c.is_whitespace() || "[(':,".contains(c))
        .map_or(s.len(), |(i, _)| i);
    let h = s.get(..end)?.trim_end_matches('.');
    (h.contains('.') || h.contains('/')).then(|| h.to_owned())
}

/// Joins the pieces with single spaces, each trimmed.
pub(crate) fn join_trimmed<'a>(pieces: impl IntoIterator<Item = &'a str>) -> String {
    let mut out = String::new();
    for p in pieces {
        let p = p.trim();
        if p.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(p);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literal_line_breaks_are_split_and_counted() {
        let t = normalise("'554-a\\r\\n554 b\\r\\n'");
        let raws: Vec<_> = t.lines.iter().map(|l| l.raw.as_str()).collect();
        assert_eq!(raws, ["'554-a", "554 b", "'"]);
        assert_eq!(t.notes, [Note::new(NoteKind::LiteralCrlf, 2)]);
    }

    #[test]
    fn markers_are_set_aside() {
        assert_eq!(bare("> `550 x`"), "550 x");
        assert_eq!(bare(">>> 550 x"), ">>> 550 x");
        assert_eq!(bare("```550 5.1.1 : x```"), "550 5.1.1 : x");
    }

    #[test]
    fn codes_and_enhanced_codes() {
        assert_eq!(code_at_start("550-5.1.1 x"), Some(550));
        assert_eq!(code_at_start("550: 5.7.1 x"), Some(550));
        assert_eq!(code_at_start("2023-03-24"), None);
        assert_eq!(code_at_start("203.0.113.22"), None);
        assert_eq!(find_code_and_enhanced("got data 550 5.7.1 Mail"), Some(9));
        assert_eq!(find_code_and_enhanced("x 550 #5.1.0 y"), Some(2));
        assert_eq!(find_code_and_enhanced("defer (113): x"), None);
        assert_eq!(
            first_address("to=<a.b@c.example>, x"),
            Some("a.b@c.example")
        );
        assert_eq!(lone_address("<a@b.example>:"), Some("a@b.example"));
        assert_eq!(
            host_name("mx.example.org[192.0.2.1]"),
            Some("mx.example.org".into())
        );
    }
}
