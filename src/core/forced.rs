//! Forced replies: which [`Fault`] strikes a command, and how often.
//!
//! A fault (a lesson's `reply:` rule, `smtp-sim demo --fault`) replaces the server's answer to a
//! command, the way curl's test servers take `REPLY` and `COUNT` (curl `docs/tests/FILEFORMAT.md`).
//! The server consults its faults only where it would accept the command: a command it refuses
//! on its own (500, 501, 503, 555, a 452 at the recipient limit, a 552 for a message too big)
//! gets that refusal and uses no strike, so a fault never makes a wrong command look right.
//!
//! Rules are tried in order: the ones set for the moment
//! ([`ServerSession::set_step_faults`](crate::server::ServerSession::set_step_faults), a lesson
//! step's), then the configured ones ([`ServerConfig::faults`](crate::server::ServerConfig)).
//! The first whose point matches, whose [`PathPattern`] (if any) matches the command's path, and
//! which has strikes left, strikes.

#[cfg(feature = "serde")]
use serde::Serialize;

use crate::command::Mailbox;
use crate::server::{Fault, FaultPoint, FaultTimes};

/// The longest path pattern, in characters (a path is at most 256 octets, RFC 5321 §4.5.3.1.3).
pub const MAX_PATTERN: usize = 256;

/// An address pattern for MAIL and RCPT faults: `<*@gone.example.test>`, `<carol@example.test>`,
/// `<>`. In the local part and the domain `*` is any run of characters (possibly none) and `?`
/// one character; letters match in any case. `<>` matches only the null reverse-path
/// (RFC 5321 §4.5.5), and no pattern with an `@` matches it.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
pub struct PathPattern {
    /// The pattern as written, brackets included.
    text: String,
}

/// Why a path pattern could not be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
pub enum PatternError {
    /// Not `<…>`.
    Brackets,
    /// Neither `<>` nor `<local@domain>` with both parts non-empty.
    NoAt,
    /// Longer than [`MAX_PATTERN`] characters.
    TooLong,
    /// A space or a control character inside.
    BadCharacter,
}

impl PathPattern {
    /// Reads a pattern written with its angle brackets.
    pub fn parse(text: &str) -> Result<Self, PatternError> {
        if text.chars().count() > MAX_PATTERN {
            return Err(PatternError::TooLong);
        }
        let inner = text
            .strip_prefix('<')
            .and_then(|t| t.strip_suffix('>'))
            .ok_or(PatternError::Brackets)?;
        if inner.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(PatternError::BadCharacter);
        }
        if !inner.is_empty() {
            match split_at_last_at(inner) {
                Some((local, domain)) if !local.is_empty() && !domain.is_empty() => {}
                _ => return Err(PatternError::NoAt),
            }
        }
        Ok(Self {
            text: text.to_owned(),
        })
    }

    /// The pattern as written.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// True when the path matches; `None` is the null path `<>`.
    pub fn matches(&self, path: Option<&Mailbox>) -> bool {
        // The text was checked to be `<…>` when the pattern was made.
        let inner = self.text.strip_prefix('<').unwrap_or(&self.text);
        let inner = inner.strip_suffix('>').unwrap_or(inner);
        match (split_at_last_at(inner), path) {
            (None, path) => path.is_none(),
            (Some(_), None) => false,
            (Some((local, domain)), Some(m)) => {
                glob(local, &m.local_part) && glob(domain, &m.domain)
            }
        }
    }
}

/// The text before and after the last `@` (`rsplit_once('@')` by a byte loop: no `memrchr`
/// linked into the first-load module for it, bench/RESULTS.md §39).
fn split_at_last_at(s: &str) -> Option<(&str, &str)> {
    let at = s.bytes().rposition(|b| b == b'@')?;
    Some((s.get(..at)?, s.get(at + 1..)?))
}

/// `*` and `?` matching, ASCII case-insensitive. The greedy algorithm with one backtrack point:
/// O(pattern × text) at worst, both short.
fn glob(pattern: &str, text: &str) -> bool {
    let p: Vec<char> = pattern.chars().map(|c| c.to_ascii_lowercase()).collect();
    let t: Vec<char> = text.chars().map(|c| c.to_ascii_lowercase()).collect();
    let (mut pi, mut ti) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while ti < t.len() {
        match p.get(pi) {
            Some('*') => {
                star = Some((pi, ti));
                pi += 1;
            }
            Some(&c) if c == '?' || c == t[ti] => {
                pi += 1;
                ti += 1;
            }
            _ => match star {
                Some((sp, st)) => {
                    pi = sp + 1;
                    ti = st + 1;
                    star = Some((sp, st + 1));
                }
                None => return false,
            },
        }
    }
    p[pi..].iter().all(|&c| c == '*')
}

/// What a fault is tried against: a command without a path, or the path of MAIL or RCPT
/// (`None` for the null reverse-path).
#[derive(Clone, Copy, Debug)]
pub(crate) enum Target<'a> {
    Command,
    Path(Option<&'a Mailbox>),
}

impl Fault {
    /// A fault that strikes at `command` with `reply`, every time, for any path.
    pub fn always(command: FaultPoint, reply: crate::reply::Reply) -> Self {
        Fault {
            command,
            reply,
            times: FaultTimes::Always,
            pattern: None,
        }
    }

    /// How many times it may strike; `None` for always.
    pub const fn strikes(&self) -> Option<u32> {
        match self.times {
            FaultTimes::Once => Some(1),
            FaultTimes::Times(n) => Some(n),
            FaultTimes::Always => None,
        }
    }

    fn applies(&self, point: FaultPoint, target: Target<'_>) -> bool {
        self.command == point
            && match (&self.pattern, target) {
                (None, _) => true,
                (Some(p), Target::Path(path)) => p.matches(path),
                (Some(_), Target::Command) => false,
            }
    }
}

/// The strikes used so far: one counter per configured fault and per step fault.
#[derive(Clone, Debug, Default)]
pub(crate) struct Strikes {
    configured: Vec<u32>,
    step: Vec<Fault>,
    step_used: Vec<u32>,
}

impl Strikes {
    /// Replaces the step's faults, with fresh counts.
    pub(crate) fn set_step(&mut self, faults: Vec<Fault>) {
        self.step_used = vec![0; faults.len()];
        self.step = faults;
    }

    /// The reply of the first fault that strikes now, counting the strike.
    pub(crate) fn strike(
        &mut self,
        configured: &[Fault],
        point: FaultPoint,
        target: Target<'_>,
    ) -> Option<crate::reply::Reply> {
        if self.configured.len() < configured.len() {
            self.configured.resize(configured.len(), 0);
        }
        let lists = [
            (&self.step[..], &mut self.step_used),
            (configured, &mut self.configured),
        ];
        for (faults, used) in lists {
            for (fault, used) in faults.iter().zip(used.iter_mut()) {
                let left = fault.strikes().is_none_or(|n| *used < n);
                if left && fault.applies(point, target) {
                    *used = used.saturating_add(1);
                    return Some(fault.reply.clone());
                }
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mailbox(local: &str, domain: &str) -> Mailbox {
        Mailbox {
            local_part: local.into(),
            domain: domain.into(),
        }
    }

    #[test]
    fn patterns() {
        let p = |t: &str| PathPattern::parse(t).unwrap();
        let joao = mailbox("joao", "Gone.Example.Test");
        assert!(p("<*@gone.example.test>").matches(Some(&joao)));
        assert!(p("<j?ao@*.test>").matches(Some(&joao)));
        assert!(p("<*@*>").matches(Some(&joao)));
        assert!(!p("<*@*>").matches(None));
        assert!(p("<>").matches(None));
        assert!(!p("<>").matches(Some(&joao)));
        assert!(!p("<carol@gone.example.test>").matches(Some(&joao)));
        assert!(!p("<*@example.test>").matches(Some(&joao)));
        assert!(p("<a*b*c@x>").matches(Some(&mailbox("aXbYbZc", "x"))));
        assert!(!p("<a*b*c@x>").matches(Some(&mailbox("aXbYbZ", "x"))));
        for (bad, e) in [
            ("*@x", PatternError::Brackets),
            ("<x>", PatternError::NoAt),
            ("<@x>", PatternError::NoAt),
            ("<a b@x>", PatternError::BadCharacter),
        ] {
            assert_eq!(PathPattern::parse(bad), Err(e), "{bad}");
        }
        let long = format!("<{}@x>", "a".repeat(300));
        assert_eq!(PathPattern::parse(&long), Err(PatternError::TooLong));
    }

    #[test]
    fn many_stars_stay_fast_and_right() {
        let pattern = format!("<{}b@x>", "*a".repeat(60));
        let text = "a".repeat(200);
        assert!(!PathPattern::parse(&pattern)
            .unwrap()
            .matches(Some(&mailbox(&text, "x"))));
    }
}
