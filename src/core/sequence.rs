//! Which replies answer which commands: RFC 5321 §4.3.2 "Command-Reply Sequences", plus the
//! extensions the server speaks (RFC 1870, 3030, 3207, 4954, 7504).
//!
//! This is the one judge of whether a reply fits what it answers. The server checks its own
//! replies against it (in tests), the client uses it to decide whether it can go on, and the
//! catalogue uses it for "You are the server" and for replies pasted from real logs.
//!
//! ```text
//!  prompt          usual          also listed (refusals)                 client goes on with
//!  connect         220            554 521                                2yz
//!  EHLO, HELO      250            504 550 502                            2yz
//!  MAIL            250            552 451 452 550 553 503 455 555        2yz
//!  RCPT            250 251        550 551 552 553 450 451 452 503 455 555 556   2yz
//!  DATA            354            503 554                                3yz
//!  end of data     250            552 554 451 452 450 550                2yz
//!  BDAT            250            552 554 451 452 450 550 503            2yz
//!  AUTH, response  235 334        432 454 503 504 534 535 538 (501)      2yz 3yz
//!  any command     —              421 500 501 530                        —
//! ```

#[cfg(feature = "serde")]
use serde::Serialize;

use crate::command::Verb;

/// Why the server closes the session on its own, with a 421 nobody asked for (RFC 5321 §3.8).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize))]
pub enum Closing {
    /// The client was silent too long (RFC 5321 §4.5.3.2): `421 4.4.2`.
    Timeout,
    /// The server is shutting down (RFC 5321 §3.8): `421 4.3.2`.
    Shutdown,
    /// The server has no room for another session: `421 4.3.2` in place of the greeting.
    Busy,
    /// Too many bad commands in a row (RFC 5321 §7.8 allows it as a defence): `421 4.7.0`.
    TooManyErrors,
    /// Too many failed AUTH attempts (RFC 4954 §4, RFC 5321 §7.8): `421 4.7.0`.
    TooManyAuthFailures,
}

/// What a server reply answers. Serialised as [`Prompt::name`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[cfg_attr(
    feature = "ts",
    tsify(
        type = "\"CONNECT\" | Verb | \"UNKNOWN\" | \"AUTH-RESPONSE\" | \"END-OF-DATA\" | \"CLOSING\""
    )
)]
pub enum Prompt {
    /// The connection was opened: the reply is the greeting (RFC 5321 §3.1, §4.2).
    Connect,
    /// A command line with a known verb (RFC 5321 §4.1.1), whether or not it parsed.
    Command(Verb),
    /// A line that is not a command the server knows: an unknown word, an empty line.
    Unknown,
    /// A line answering a 334 challenge inside an AUTH exchange (RFC 4954 §4).
    AuthResponse,
    /// The end of the message content: the `.` line after DATA (RFC 5321 §4.1.1.4).
    EndOfData,
    /// Nothing the client sent: the server closes on its own.
    Closing(Closing),
}

impl Prompt {
    /// A short, stable name: the verb (`MAIL`), or `CONNECT`, `UNKNOWN`, `AUTH-RESPONSE`,
    /// `END-OF-DATA`, `CLOSING`.
    pub const fn name(self) -> &'static str {
        match self {
            Prompt::Connect => "CONNECT",
            Prompt::Command(v) => v.as_str(),
            Prompt::Unknown => "UNKNOWN",
            Prompt::AuthResponse => "AUTH-RESPONSE",
            Prompt::EndOfData => "END-OF-DATA",
            Prompt::Closing(_) => "CLOSING",
        }
    }

    /// Reads what a reply answers from the way people write it: a verb or a whole command line
    /// (`RCPT`, `rcpt to:<a@b>`, `MAIL FROM:<a@b>`), `.` or `END-OF-DATA` for the end of data,
    /// `CONNECT` (or an empty string) for the greeting. `None` for anything else.
    pub fn parse(text: &str) -> Option<Prompt> {
        // Postfix logs the reply to the final dot as "(in reply to end of DATA command)".
        let mut words = text.split_whitespace();
        if words.next().is_some_and(|w| w.eq_ignore_ascii_case("end"))
            && words.next().is_some_and(|w| w.eq_ignore_ascii_case("of"))
        {
            return match words.next() {
                Some(w) if w.eq_ignore_ascii_case("DATA") => Some(Prompt::EndOfData),
                _ => None,
            };
        }
        let word = text.split_whitespace().next().unwrap_or("");
        // "MAIL FROM:<a@b>" written without a space still starts with the verb.
        let head = word.split(':').next().unwrap_or(word);
        if head.is_empty() || head.eq_ignore_ascii_case("CONNECT") {
            return Some(Prompt::Connect);
        }
        if head == "." || head.eq_ignore_ascii_case("END-OF-DATA") {
            return Some(Prompt::EndOfData);
        }
        if head.eq_ignore_ascii_case("AUTH-RESPONSE") {
            return Some(Prompt::AuthResponse);
        }
        if let Some(v) = Verb::from_word(head.as_bytes()) {
            return Some(Prompt::Command(v));
        }
        // "MAILFROM:<a@b>", "RCPTTO:…": the verb run into its keyword.
        let bytes = head.as_bytes();
        bytes
            .get(..4)
            .and_then(Verb::from_word)
            .filter(|v| matches!(v, Verb::Mail | Verb::Rcpt))
            .map(Prompt::Command)
    }
}

/// As its name, the way a person writes what a reply answers: `MAIL`, `END-OF-DATA`.
#[cfg(feature = "serde")]
impl Serialize for Prompt {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}

/// The replies a prompt may get.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Replies {
    /// The codes a well-behaved server uses to let the client go on, most usual first.
    pub usual: &'static [u16],
    /// The other codes the RFCs list for it (refusals, mostly).
    pub listed: &'static [u16],
    /// The first digits that let the client go on.
    pub go_on: &'static [u16],
}

/// Replies any command may get (RFC 5321 §4.3.2: 421, 500, 501; RFC 3207 §4 and RFC 4954 §6:
/// 530 when TLS or authentication is required first).
pub const ANY_COMMAND: &[u16] = &[421, 500, 501, 530];

/// The replies `prompt` may get, [`ANY_COMMAND`] not included.
pub const fn replies(prompt: Prompt) -> Replies {
    const fn r(usual: &'static [u16], listed: &'static [u16], go_on: &'static [u16]) -> Replies {
        Replies {
            usual,
            listed,
            go_on,
        }
    }
    match prompt {
        Prompt::Connect => r(&[220], &[554, 521], &[2]),
        Prompt::Command(v) => match v {
            Verb::Ehlo | Verb::Helo => r(&[250], &[504, 550, 502], &[2]),
            Verb::Mail => r(&[250], &[552, 451, 452, 550, 553, 503, 455, 555], &[2]),
            Verb::Rcpt => r(
                &[250, 251],
                &[550, 551, 552, 553, 450, 451, 452, 503, 455, 555, 556],
                &[2],
            ),
            Verb::Data => r(&[354], &[503, 554], &[3]),
            Verb::Bdat => r(&[250], &[552, 554, 451, 452, 450, 550, 503], &[2]),
            Verb::Rset | Verb::Noop => r(&[250], &[], &[2]),
            Verb::Vrfy => r(&[250, 251, 252], &[550, 551, 553, 502, 504], &[2]),
            Verb::Expn => r(&[250, 252], &[550, 502, 504], &[2]),
            Verb::Help => r(&[214, 211], &[502, 504], &[2]),
            Verb::Quit => r(&[221], &[], &[2]),
            Verb::StartTls => r(&[220], &[454, 503, 554], &[2]),
            Verb::Auth => r(&[235, 334], &[432, 454, 503, 504, 534, 535, 538], &[2, 3]),
        },
        Prompt::AuthResponse => r(&[235, 334], &[432, 454, 534, 535, 538], &[2, 3]),
        Prompt::EndOfData => r(&[250], &[552, 554, 451, 452, 450, 550], &[2]),
        Prompt::Unknown => r(&[], &[502], &[]),
        Prompt::Closing(_) => r(&[421], &[], &[]),
    }
}

/// How a reply fits what it answers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize))]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub enum Fit {
    /// The code a well-behaved server sends here to let the client go on.
    Usual,
    /// The right first digit, so the client goes on, but not a code servers use here.
    Unusual,
    /// A refusal the RFCs list for this command (or for any command: 500, 501, 530).
    Refusal,
    /// A 4yz or 5yz the RFCs do not list for this command. A client treats it as a refusal all
    /// the same (RFC 5321 §4.2.1: it acts on the first digit); real servers send some of these
    /// (Postfix's `554 5.7.1 Relay access denied` to RCPT).
    UnlistedRefusal,
    /// 421: the server is closing the session; allowed at any step (RFC 5321 §3.8).
    Closing,
    /// A first digit that makes no sense here: the client cannot go on.
    Wrong,
    /// Not a reply line at all (RFC 5321 §4.2); [`fit`] never says this, the reply parser does.
    Malformed,
    /// Nothing was waiting for a reply; [`fit`] never says this, the client does.
    Unsolicited,
}

impl Fit {
    /// True when a client can take the reply at face value and act on it.
    pub const fn is_ok(self) -> bool {
        !matches!(self, Fit::Wrong | Fit::Malformed | Fit::Unsolicited)
    }
}

/// How `code` fits when it answers `prompt` (RFC 5321 §4.2.1, §4.3.2).
pub fn fit(prompt: Prompt, code: u16) -> Fit {
    let r = replies(prompt);
    let class = code / 100;
    if code == 421 {
        Fit::Closing
    } else if r.usual.contains(&code) {
        Fit::Usual
    } else if r.listed.contains(&code) || ANY_COMMAND.contains(&code) {
        Fit::Refusal
    } else if r.go_on.contains(&class) {
        Fit::Unusual
    } else if matches!(class, 4 | 5) {
        Fit::UnlistedRefusal
    } else {
        Fit::Wrong
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_wants_354_and_refuses_250() {
        let data = Prompt::Command(Verb::Data);
        assert_eq!(fit(data, 354), Fit::Usual);
        assert_eq!(fit(data, 250), Fit::Wrong);
        assert_eq!(fit(data, 554), Fit::Refusal);
        assert_eq!(fit(data, 550), Fit::UnlistedRefusal);
        assert_eq!(fit(Prompt::EndOfData, 250), Fit::Usual);
    }

    #[test]
    fn relay_denied_is_an_unlisted_refusal_not_wrong() {
        assert_eq!(fit(Prompt::Command(Verb::Rcpt), 554), Fit::UnlistedRefusal);
        assert_eq!(fit(Prompt::Command(Verb::Rcpt), 450), Fit::Refusal);
        assert_eq!(fit(Prompt::Command(Verb::Rcpt), 299), Fit::Unusual);
        assert_eq!(fit(Prompt::Command(Verb::Rcpt), 354), Fit::Wrong);
    }

    #[test]
    fn any_command_replies_and_421() {
        for p in [
            Prompt::Connect,
            Prompt::Command(Verb::Noop),
            Prompt::EndOfData,
            Prompt::AuthResponse,
        ] {
            assert_eq!(fit(p, 421), Fit::Closing);
        }
        assert_eq!(fit(Prompt::Command(Verb::Quit), 500), Fit::Refusal);
        assert_eq!(fit(Prompt::Unknown, 500), Fit::Refusal);
        assert_eq!(fit(Prompt::Unknown, 250), Fit::Wrong);
    }

    #[test]
    fn prompts_read_from_text() {
        let p = Prompt::parse;
        assert_eq!(p("rcpt to:<a@b>"), Some(Prompt::Command(Verb::Rcpt)));
        assert_eq!(p("MAIL FROM:<a@b>"), Some(Prompt::Command(Verb::Mail)));
        assert_eq!(p("MAILFROM:<a@b>"), Some(Prompt::Command(Verb::Mail)));
        assert_eq!(p("."), Some(Prompt::EndOfData));
        assert_eq!(p(""), Some(Prompt::Connect));
        assert_eq!(p("café"), None);
        assert_eq!(p("açãoé:x"), None);
        assert_eq!(p("DATA"), Some(Prompt::Command(Verb::Data)));
        assert_eq!(p("end of DATA"), Some(Prompt::EndOfData));
        assert_eq!(p("end of file"), None);
    }
}
