//! Puts a reply back together from the pieces a log or a bounce left of it.
//!
//! Writers mangle multi-line replies in three ways, all undone here:
//! - they wrap long lines, so a piece without a code continues the line before it (Postfix,
//!   Exim, mail programs), or — when the user pasted reply lines — is a line of its own that the
//!   explainer flags;
//! - they flatten the lines into one (`550-5.7.26 a 550-5.7.26 b 550 5.7.26 c`, Postfix), so a
//!   line is split again where the same code and a hyphen reappear after a space, and where the
//!   code and a space reappear while the reply still waits for its last line (RFC 5321 §4.2.1);
//! - they split the code from its text at a wrap (`said: 550` / `5.1.1 <a@b>…`), which the
//!   joining repairs.

use super::text::{code_at_start, three_digits};
use super::RawLine;

/// How pieces without a code are read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Wrap {
    /// A wrapped continuation: joined to the line before.
    Join,
    /// A line of its own (the user pasted lines; the explainer says it lacks a code).
    Keep,
}

/// What assembling did, for the notes.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct Done {
    /// Pieces joined to the line before.
    pub joined: usize,
    /// Lines split out of a flattened line.
    pub split: usize,
}

/// Builds reply lines from `pieces` (pasted line number, text); the first piece starts with the
/// reply code.
pub(crate) fn assemble(pieces: &[(usize, &str)], wrap: Wrap) -> (Vec<RawLine>, Done) {
    let mut done = Done::default();
    let mut lines: Vec<RawLine> = Vec::new();
    let Some(code) = pieces.first().and_then(|(_, t)| three_digits(t.trim())) else {
        return (lines, done);
    };
    for &(no, piece) in pieces {
        let t = piece.trim();
        let starts = code_at_start(t).is_some() || three_digits(t) == Some(code);
        if lines.is_empty() || starts || wrap == Wrap::Keep {
            if t.is_empty() && wrap == Wrap::Join {
                continue;
            }
            lines.push(RawLine {
                no,
                text: t.to_owned(),
            });
        } else if let Some(last) = lines.last_mut() {
            if t.is_empty() {
                continue;
            }
            if !last.text.is_empty() {
                last.text.push(' ');
            }
            last.text.push_str(t);
            done.joined += 1;
        }
    }
    let mut out = Vec::with_capacity(lines.len());
    for l in lines {
        let parts = unflatten(&l.text, code);
        done.split += parts.len().saturating_sub(1);
        for p in parts {
            out.push(RawLine { no: l.no, text: p });
        }
    }
    (out, done)
}

/// Splits a line where the same reply code starts a new line of the same reply.
pub(crate) fn unflatten(line: &str, code: u16) -> Vec<String> {
    let digits = code.to_string();
    let mut out: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut pending = hyphen_after_code(line, &digits);
    let mut rest = line;
    loop {
        let Some(at) = next_split(rest, &digits, pending) else {
            current.push_str(rest);
            break;
        };
        let (head, tail) = rest.split_at_checked(at).unwrap_or((rest, ""));
        current.push_str(head);
        out.push(current.trim_end().to_owned());
        current = String::new();
        pending = hyphen_after_code(tail, &digits);
        rest = tail;
    }
    out.push(current.trim_end().to_owned());
    out
}

fn hyphen_after_code(s: &str, digits: &str) -> bool {
    s.strip_prefix(digits).is_some_and(|r| r.starts_with('-'))
}

/// Where the next line of a flattened reply starts in `s` (after its first character).
fn next_split(s: &str, digits: &str, pending: bool) -> Option<usize> {
    let mut search_from = 1;
    while let Some(found) = s.get(search_from..).and_then(|t| t.find(digits)) {
        let at = search_from + found;
        search_from = at + digits.len();
        let before = s.get(..at).and_then(|b| b.chars().next_back());
        if !before.is_some_and(char::is_whitespace) {
            continue;
        }
        let after = s.get(at + digits.len()..).unwrap_or("");
        if after.starts_with('-') || (pending && (after.is_empty() || after.starts_with(' '))) {
            return Some(at);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(pieces: &[&str], wrap: Wrap) -> Vec<String> {
        let p: Vec<(usize, &str)> = pieces.iter().map(|s| (1, *s)).collect();
        assemble(&p, wrap).0.into_iter().map(|l| l.text).collect()
    }

    #[test]
    fn flattened_replies_are_split_again() {
        assert_eq!(
            texts(&["550-5.7.26 a 550-5.7.26 b 550 5.7.26 c"], Wrap::Join),
            ["550-5.7.26 a", "550-5.7.26 b", "550 5.7.26 c"]
        );
        // A last line never splits at a later "550 ".
        assert_eq!(
            texts(&["550 x said 550 y"], Wrap::Join),
            ["550 x said 550 y"]
        );
    }

    #[test]
    fn wrapped_pieces_join() {
        assert_eq!(
            texts(&["550", "5.1.1 <a@b>... User", "unknown"], Wrap::Join),
            ["550 5.1.1 <a@b>... User unknown"]
        );
        assert_eq!(
            texts(&["550-5.1.1 a", "b", "550 5.1.1 c"], Wrap::Keep),
            ["550-5.1.1 a", "b", "550 5.1.1 c"]
        );
    }
}
