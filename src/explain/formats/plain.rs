//! The last resort: reply lines pasted on their own, or a reply found anywhere in text no other
//! reader knows, or failing that an enhanced status code with no reply code.

use super::assemble::{assemble, Wrap};
use super::text::{
    after_code, bare, code_at_start, enhanced_at_start, find_code_and_enhanced, three_digits, Line,
};
use super::{command_named, CommandFrom, Finding, Format, NoteKind, Partial, StatusFrom};

pub(crate) fn read(lines: &[Line]) -> Option<Partial> {
    let first = lines.iter().position(|l| !l.is_blank())?;
    let head = lines.get(first)?.bare();
    if whole_code(head).is_some() {
        return Some(pasted_reply(lines.get(first..)?));
    }
    let mut p = Partial::new(Format::Found, None);
    let mut i = 0;
    while i < lines.len() {
        match reply_in(lines, i) {
            Some((f, next)) => {
                p.findings.push(f);
                i = next;
            }
            None => i += 1,
        }
    }
    if p.findings.len() > 1 {
        p.note(NoteKind::Replies, p.findings.len());
    }
    if p.findings.is_empty() {
        let (status, detail) = lines.iter().find_map(|l| status_only(l.bare()))?;
        p.findings.push(Finding {
            status: Some((status, StatusFrom::Text)),
            detail: Some(detail.to_owned()),
            ..Finding::default()
        });
        p.note(NoteKind::NoReplyCode, 0);
    }
    Some(p)
}

/// A code at the very start of the pasted text, read as leniently as the explainer's checks
/// want it: any three digits followed by anything but a digit run that makes a date, a dot or a
/// comma (`650 strange` and `2500 hello` are replies to check; `2023-03-24` and `192.0.2.1` are
/// not).
pub(crate) fn whole_code(s: &str) -> Option<u16> {
    let code = three_digits(s)?;
    if code < 100 {
        return None;
    }
    let rest = after_code(s);
    match rest.chars().next() {
        None | Some(' ' | '-' | '\t') => Some(code),
        Some('.' | ',') => None,
        Some(c) if c.is_ascii_digit() => {
            let fifth = rest.chars().nth(1);
            (!matches!(fifth, Some('-' | '/' | ':' | '.'))).then_some(code)
        }
        Some(_) => Some(code),
    }
}

/// Reply lines pasted as they are: every non-blank line belongs to the reply, and a line without
/// a code is kept as a line (the explainer says it breaks RFC 5321 §4.2).
fn pasted_reply(lines: &[Line]) -> Partial {
    let mut p = Partial::new(Format::Reply, None);
    let mut f = Finding::default();
    let mut pieces: Vec<(usize, String)> = Vec::new();
    for l in lines.iter().filter(|l| !l.is_blank()) {
        let b = l.bare();
        let (reply, command) = split_in_reply_to(b);
        if let Some(c) = command.and_then(|c| command_named(c, CommandFrom::Stated)) {
            f.command = Some(c);
        }
        pieces.push((l.no, reply.to_owned()));
    }
    let refs: Vec<(usize, &str)> = pieces.iter().map(|(n, s)| (*n, s.as_str())).collect();
    // Assembling would split at a repeated code; pasted lines are kept exactly as lines.
    f.reply = refs
        .iter()
        .map(|&(no, t)| super::RawLine {
            no,
            text: t.trim().to_owned(),
        })
        .collect();
    p.findings.push(f);
    p
}

/// Splits Postfix's `… (in reply to RCPT TO command)` off a line.
pub(crate) fn split_in_reply_to(line: &str) -> (&str, Option<&str>) {
    match line.rsplit_once("(in reply to ") {
        Some((reply, cmd)) => {
            let cmd = cmd.trim_end().trim_end_matches(')');
            let cmd = cmd.strip_suffix(" command").unwrap_or(cmd).trim();
            (reply.trim_end(), Some(cmd))
        }
        None => (line, None),
    }
}

/// Text that opens a quotation or a literal around a reply.
pub(crate) fn unquote(s: &str) -> &str {
    let mut t = bare(s);
    loop {
        let before = t;
        for p in ["<<\"", "b'", "b\"", "'", "\"", "[", "(", "{", ",", "+"] {
            if let Some(r) = t.strip_prefix(p) {
                t = r.trim_start();
            }
        }
        for q in [
            "\">>}}", "\">>", "',", "\",", "' +", "\" +", "')", "\")", "'", "\"",
        ] {
            if let Some(r) = t.strip_suffix(q) {
                t = r.trim_end();
            }
        }
        if t == before {
            return t;
        }
    }
}

/// Markers after which other programs put the reply.
const MARKERS: &[&str] = &[
    "said: ",
    "Reason: ",
    "reason: ",
    "replied: ",
    "response=",
    "response: '",
    "\"response\": \"",
    "returned '",
    "Error: ",
    "error: ",
    "Exception: ",
    "=> ",
    "chars< ",
    "with message \"",
    "<<\"",
];

/// Where a reply starts in `s`, if it holds one.
pub(crate) fn reply_start(s: &str) -> Option<usize> {
    let u = unquote(s);
    if code_at_start(u).is_some() {
        return s.find(u);
    }
    if let Some(at) = find_code_and_enhanced(s) {
        return Some(at);
    }
    for m in MARKERS {
        if let Some(i) = s.find(m) {
            let at = i + m.len();
            if s.get(at..).is_some_and(|r| code_at_start(r).is_some()) {
                return Some(at);
            }
        }
    }
    None
}

/// The reply that starts on line `i`, and the index of the first line after it.
fn reply_in(lines: &[Line], i: usize) -> Option<(Finding, usize)> {
    let l = lines.get(i)?;
    let b = l.bare();
    let at = reply_start(b)?;
    let start = unquote(b.get(at..)?);
    let code = three_digits(start)?;
    let mut pieces: Vec<(usize, &str)> = vec![(l.no, start)];
    let mut pending = after_code(start).starts_with('-');
    let mut j = i + 1;
    while pending {
        let Some(next) = lines.get(j) else { break };
        let t = unquote(next.bare());
        if t.is_empty() && j < i + 3 {
            j += 1;
            continue;
        }
        if three_digits(t) != Some(code) {
            break;
        }
        pending = after_code(t).starts_with('-');
        pieces.push((next.no, t));
        j += 1;
    }
    let (reply, _) = assemble(&pieces, Wrap::Join);
    let f = Finding {
        reply,
        ..Finding::default()
    };
    Some((f, j))
}

/// An enhanced status code that opens a text with no reply code (`5.7.708 Access denied`,
/// `permanent: 5.7.1 …`), and the words after it.
fn status_only(s: &str) -> Option<(smtp_sim_core::reply::EnhancedCode, &str)> {
    let u = unquote(s);
    let u = ["permanent: ", "temporary: ", "transient: "]
        .iter()
        .find_map(|m| u.strip_prefix(m))
        .unwrap_or(u);
    let e = enhanced_at_start(u)?;
    let words = u.split_once(' ').map_or("", |(_, w)| w.trim());
    Some((e, words))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_codes() {
        assert_eq!(whole_code("2500 hello"), Some(250));
        assert_eq!(whole_code("650 strange"), Some(650));
        assert_eq!(whole_code("2023-03-24 10:02"), None);
        assert_eq!(whole_code("192.0.2.1 x"), None);
        assert_eq!(whole_code("421, \"4.7.0\", x"), None);
    }

    #[test]
    fn unquoting() {
        assert_eq!(
            unquote("'535 5.7.8  https://x - gsmtp',"),
            "535 5.7.8  https://x - gsmtp"
        );
        assert_eq!(unquote("' +"), "");
        assert_eq!(code_at_start(unquote("{{x<<\"550 5.4.5 y")), None);
    }
}
