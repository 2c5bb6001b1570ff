//! Session transcripts as text, both ways: the one reader and the one writer of what the page
//! exports, a share link carries (`share`), and `smtp-sim link`/`open` read.
//!
//! - [`read`] takes a transcript in any form people paste and says which it read: our own
//!   export (`%smtp-transcript 1`, `docs/lesson-format.md` §18), an RFC-style `C:`/`S:`
//!   listing (RFC 5321 appendix D writes sessions this way), swaks output (`->`, `<-`, `~>`,
//!   `<~`, with `===`/`***` notes skipped) and a telnet/nc capture (a line starting with three
//!   digits is the server's, every other line the client's). Client lines between a `354` and
//!   the `.` that ends the message are marked as message lines (RFC 5321 §4.1.1.4).
//! - [`write`] is canonical (§18.3): the same lines always give the same text, so two share
//!   links of one session compare equal. AUTH secrets become `<redacted>` unless the caller
//!   asks to keep them; the demo account's never do.
//! - [`steps`] and [`drift`] are what a replay needs: the writes to send again (a redacted AUTH
//!   exchange cancelled with `*`, RFC 4954 §4) and the rule that says whether the engine's
//!   replies differ from the recording (§18.4).
//!
//! Sans-IO: text in, text out.

use crate::base64;
use crate::lesson::{decode_send, encode_send};
use crate::server::{Event, Persona, ServerConfig, ServerSession, State};

#[cfg(feature = "serde")]
use serde::{Deserialize, Serialize};

/// The version line of a transcript (§2).
pub const MAGIC: &str = "%smtp-transcript 1";

/// Which side wrote a line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[cfg_attr(feature = "ts", tsify(rename = "TranscriptSide"))]
pub enum Side {
    /// The client (`C:`, `|`, `send:`).
    #[cfg_attr(feature = "serde", serde(rename = "C"))]
    Client,
    /// The server (`S:`).
    #[cfg_attr(feature = "serde", serde(rename = "S"))]
    Server,
}

fn crlf() -> String {
    "\r\n".into()
}

/// One line of a session: a write of the client or a reply line of the server.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[cfg_attr(feature = "ts", tsify(rename = "TranscriptLine"))]
pub struct Line {
    /// Who wrote it.
    #[cfg_attr(feature = "ts", tsify(type = "TranscriptSide"))]
    pub side: Side,
    /// The line without its ending.
    pub text: String,
    /// A message line, sent between the `354` and the final `.` (RFC 5321 §4.1.1.4).
    #[cfg_attr(feature = "serde", serde(default))]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub data: bool,
    /// What ended the write on the wire: `"\r\n"` as RFC 5321 §2.3.8 wants, or a bare `"\n"`,
    /// or `""` for a write that stopped inside a line.
    #[cfg_attr(feature = "serde", serde(default = "crlf"))]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub ending: String,
    /// Sent inside an AUTH exchange, after a `334` (RFC 4954 §4): a secret unless redacted.
    #[cfg_attr(feature = "serde", serde(default))]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub auth: bool,
}

impl Line {
    /// A line ended by CRLF.
    pub fn new(side: Side, text: impl Into<String>) -> Self {
        Self {
            side,
            text: text.into(),
            data: false,
            ending: crlf(),
            auth: false,
        }
    }
}

/// How [`read`] read a text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[cfg_attr(feature = "ts", tsify(rename = "TranscriptFormat"))]
#[cfg_attr(feature = "serde", serde(rename_all = "lowercase"))]
pub enum Format {
    /// Our export, or a `C:`/`S:` listing.
    Smtp,
    /// swaks output.
    Swaks,
    /// A telnet or nc capture.
    Nc,
    /// Python's smtplib with `set_debuglevel(1)`: `send: '…'` and `reply: b'…'` lines.
    Smtplib,
}

impl Format {
    /// `smtp`, `swaks` or `nc`.
    pub fn name(self) -> &'static str {
        match self {
            Format::Smtp => "smtp",
            Format::Swaks => "swaks",
            Format::Nc => "nc",
            Format::Smtplib => "smtplib",
        }
    }
}

/// The header of a transcript (§18.1) that a replay uses; other keys are read and dropped.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[cfg_attr(feature = "ts", tsify(rename = "TranscriptMeta", missing_as_null))]
pub struct Meta {
    /// The engine version that recorded it.
    #[cfg_attr(feature = "serde", serde(default))]
    pub engine: Option<String>,
    /// `strict`, `lenient` or `vulnerable` (§7.1).
    #[cfg_attr(feature = "serde", serde(default))]
    pub persona: Option<String>,
    /// The interface language it was recorded in (one tag).
    #[cfg_attr(feature = "serde", serde(default))]
    pub lang: Option<String>,
}

/// A transcript read from text.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct Transcript {
    /// How it was read.
    #[cfg_attr(feature = "ts", tsify(type = "TranscriptFormat"))]
    pub format: Format,
    /// The header values (only our own format has them).
    #[cfg_attr(feature = "ts", tsify(type = "TranscriptMeta"))]
    pub meta: Meta,
    /// The lines in order.
    #[cfg_attr(feature = "ts", tsify(type = "TranscriptLine[]"))]
    pub lines: Vec<Line>,
}

/// `NNN` at the start, then a space, a hyphen or the end (RFC 5321 §4.2).
fn is_reply(line: &str) -> bool {
    let b = line.as_bytes();
    b.len() >= 3
        && b[..3].iter().all(u8::is_ascii_digit)
        && matches!(b.get(3), None | Some(b' ' | b'-'))
}

/// Does `line` start (after blanks) with one of `marks`? Returns the rest, blanks trimmed.
fn after_mark<'a>(line: &'a str, marks: &[&str]) -> Option<&'a str> {
    let t = line.trim_start();
    marks
        .iter()
        .find_map(|m| t.strip_prefix(m))
        .map(str::trim_start)
}

/// swaks's notes (`===`), errors (`***`) and its TLS notes (`<~*`, `~>*`): not part of the session.
fn swaks_note(line: &str) -> bool {
    after_mark(line, &["===", "***", "<~*", "~>*"]).is_some()
}

fn swaks_client(line: &str) -> Option<&str> {
    after_mark(line, &["->", "~>", "**>"])
}

fn swaks_server(line: &str) -> Option<&str> {
    after_mark(line, &["<-", "<~", "<**"])
}

/// Reads a transcript, or `None` when no line reads as part of a session. The first test that
/// matches decides: our magic line or a `C:`/`S:` line; smtplib's `reply: b'…'` lines; a swaks
/// client line and a swaks server line; a line that starts with a reply code.
pub fn read(text: &str) -> Option<Transcript> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut raw: Vec<&str> = text
        .split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .collect();
    while raw.last().is_some_and(|l| l.trim().is_empty()) {
        raw.pop();
    }
    let meaningful = || raw.iter().copied().filter(|l| !l.trim().is_empty());
    let smtp = meaningful()
        .next()
        .is_some_and(|l| l.starts_with("%smtp-transcript"))
        || meaningful().any(|l| l.starts_with("C:") || l.starts_with("S:"));
    let (format, lines, meta) = if smtp {
        let (lines, meta) = read_smtp(&raw);
        (Format::Smtp, lines, meta)
    } else if meaningful().any(|l| l.starts_with("reply: b'") || l.starts_with("reply: b\"")) {
        (Format::Smtplib, read_smtplib(&raw), Meta::default())
    } else if meaningful().any(|l| swaks_client(l).is_some() && !swaks_note(l))
        && meaningful().any(|l| swaks_server(l).is_some() && !swaks_note(l))
    {
        (Format::Swaks, read_swaks(&raw), Meta::default())
    } else if meaningful().any(is_reply) {
        let lines = raw
            .iter()
            .map(|l| {
                Line::new(
                    if is_reply(l) {
                        Side::Server
                    } else {
                        Side::Client
                    },
                    *l,
                )
            })
            .collect();
        (Format::Nc, lines, Meta::default())
    } else {
        return None;
    };
    Some(Transcript {
        format,
        meta,
        lines: mark_data(lines),
    })
}

fn read_smtp(raw: &[&str]) -> (Vec<Line>, Meta) {
    let mut lines = Vec::new();
    let mut meta = Meta::default();
    let mut header = true;
    for &line in raw {
        if line.starts_with('%') || line.starts_with('#') {
            continue;
        }
        let side = if let Some(rest) = line.strip_prefix("C:") {
            Some((Side::Client, rest))
        } else {
            line.strip_prefix("S:").map(|rest| (Side::Server, rest))
        };
        if let Some((side, rest)) = side {
            if rest.is_empty() || rest.starts_with(' ') {
                header = false;
                lines.push(Line::new(side, rest.strip_prefix(' ').unwrap_or(rest)));
                continue;
            }
        }
        if line == "|" || line.starts_with("| ") {
            header = false;
            let mut l = Line::new(Side::Client, line.get(2..).unwrap_or(""));
            l.data = true;
            lines.push(l);
        } else if let Some(value) = line.strip_prefix("send: ") {
            header = false;
            // A value that does not decode is kept as the text it is (a listing, not ours).
            let bytes = decode_send(value, 1).unwrap_or_else(|_| value.as_bytes().to_vec());
            let write = String::from_utf8_lossy(&bytes).into_owned();
            let ending = if write.ends_with("\r\n") {
                "\r\n"
            } else if write.ends_with('\n') {
                "\n"
            } else {
                ""
            };
            let mut l = Line::new(Side::Client, write.strip_suffix(ending).unwrap_or(&write));
            l.ending = ending.into();
            lines.push(l);
        } else if header {
            if let Some((key, value)) = line.split_once(':') {
                let value = value.trim().to_owned();
                match key {
                    "engine" => meta.engine = Some(value),
                    "persona" => meta.persona = Some(value),
                    "lang" => meta.lang = Some(value),
                    _ => {}
                }
            }
        }
    }
    (lines, meta)
}

fn read_swaks(raw: &[&str]) -> Vec<Line> {
    let mut lines = Vec::new();
    for &line in raw {
        if swaks_note(line) {
            continue;
        }
        if let Some(text) = swaks_client(line) {
            lines.push(Line::new(Side::Client, text));
        } else if let Some(text) = swaks_server(line) {
            lines.push(Line::new(Side::Server, text));
        }
    }
    lines
}

/// A Python string or bytes literal (`'…'`, `b'…'`, `"…"`), unescaped; `None` when it is not one.
fn python_literal(text: &str) -> Option<String> {
    let text = text.strip_prefix('b').unwrap_or(text);
    let quote = text.chars().next().filter(|q| matches!(q, '\'' | '"'))?;
    let body = text.strip_prefix(quote)?.strip_suffix(quote)?;
    let mut out = String::with_capacity(body.len());
    let mut chars = body.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next()? {
            'r' => out.push('\r'),
            'n' => out.push('\n'),
            't' => out.push('\t'),
            '0' => out.push('\0'),
            'x' => {
                let hex: String = chars.by_ref().take(2).collect();
                out.push(char::from(u8::from_str_radix(&hex, 16).ok()?));
            }
            other => out.push(other),
        }
    }
    Some(out)
}

/// smtplib's debug output: each `send:` is a write (split at its line ends, one line per line),
/// each `reply: b'…'` a reply line; `reply: retcode …` and `data: …` repeat what came before.
fn read_smtplib(raw: &[&str]) -> Vec<Line> {
    let mut lines = Vec::new();
    for &line in raw {
        if let Some(write) = line.strip_prefix("send: ").and_then(python_literal) {
            let mut rest = write.as_str();
            while !rest.is_empty() {
                let (text, ending, next) = match rest.split_once('\n') {
                    Some((text, next)) => match text.strip_suffix('\r') {
                        Some(text) => (text, "\r\n", next),
                        None => (text, "\n", next),
                    },
                    None => (rest, "", ""),
                };
                let mut l = Line::new(Side::Client, text);
                l.ending = ending.into();
                lines.push(l);
                rest = next;
            }
        } else if let Some(reply) = line.strip_prefix("reply: ").and_then(python_literal) {
            let reply = reply.strip_suffix('\n').unwrap_or(&reply);
            lines.push(Line::new(
                Side::Server,
                reply.strip_suffix('\r').unwrap_or(reply),
            ));
        }
    }
    lines
}

/// Client lines between a `354` and the `.` that ends the message are message lines; a client
/// line after a `334` is inside an AUTH exchange.
fn mark_data(mut lines: Vec<Line>) -> Vec<Line> {
    let mut in_data = false;
    let mut in_auth = false;
    for line in &mut lines {
        match line.side {
            Side::Server => {
                if line.text.starts_with("354") {
                    in_data = true;
                }
                in_auth = line.text.starts_with("334");
            }
            Side::Client => {
                if in_data && line.text == "." {
                    in_data = false;
                    line.data = false;
                } else {
                    line.data |= in_data;
                }
                line.auth |= in_auth;
            }
        }
    }
    lines
}

/// The demo account's credentials (alice / wonderland), never redacted (§18.3).
fn is_demo(b64: &str) -> bool {
    let Some(bytes) = base64::decode(b64.trim()) else {
        return false;
    };
    matches!(
        &bytes[..],
        b"alice" | b"wonderland" | b"\0alice\0wonderland" | b"alice\0alice\0wonderland"
    )
}

/// `AUTH MECH INITIAL` split into `AUTH MECH` and the initial response (RFC 4954 §4).
fn auth_initial(text: &str) -> Option<(&str, &str)> {
    let (head, rest) = text.split_at_checked(4)?;
    if !head.eq_ignore_ascii_case("AUTH") {
        return None;
    }
    let after = rest.trim_start();
    if after.len() == rest.len() {
        return None;
    }
    let mech_len = after.find(char::is_whitespace)?;
    let (mech, initial) = after.split_at_checked(mech_len)?;
    let initial = initial.trim_start();
    if initial.is_empty() {
        return None;
    }
    let command = text.get(..text.len() - (after.len() - mech.len()))?;
    Some((command, initial))
}

/// Can this write be a `C:` or `|` line: TEXT + CRLF, no control but TAB, no trailing blank?
fn plain_line(text: &str, ending: &str) -> bool {
    ending == "\r\n"
        && !text
            .chars()
            .any(|c| (c.is_control() && c != '\t') || c == '\u{7f}')
        && !text.ends_with([' ', '\t'])
}

/// The canonical text of a session (§18.3): the version line, `engine`, `persona` and `lang`
/// when given, then one line per line. With `credentials` false, the initial response of
/// `AUTH MECH …` and every client line inside an AUTH exchange become `<redacted>` (a `*`
/// that cancels stays), unless they are the demo account's.
pub fn write(lines: &[Line], meta: &Meta, credentials: bool) -> String {
    let mut out = String::from(MAGIC);
    out.push('\n');
    for (key, value) in [
        ("engine", &meta.engine),
        ("persona", &meta.persona),
        ("lang", &meta.lang),
    ] {
        if let Some(v) = value.as_deref().filter(|v| !v.is_empty()) {
            out.push_str(key);
            out.push_str(": ");
            out.push_str(v);
            out.push('\n');
        }
    }
    for l in lines {
        if l.side == Side::Server {
            let coded = l
                .text
                .as_bytes()
                .get(..3)
                .is_some_and(|d| d.iter().all(u8::is_ascii_digit));
            out.push_str(if coded { "S: " } else { "# not a reply: " });
            push_line(&mut out, &l.text);
            out.push('\n');
            continue;
        }
        let redacted = if credentials {
            None
        } else if let Some((command, initial)) = auth_initial(&l.text) {
            (!is_demo(initial)).then(|| [command, " <redacted>"].concat())
        } else if l.auth && l.text != "*" && !is_demo(&l.text) {
            Some("<redacted>".to_owned())
        } else {
            None
        };
        match redacted {
            Some(r) if r != l.text => {
                out.push_str("C: ");
                out.push_str(&r);
            }
            _ if !plain_line(&l.text, &l.ending) => {
                out.push_str("send: ");
                let mut bytes = l.text.clone().into_bytes();
                bytes.extend_from_slice(l.ending.as_bytes());
                out.push_str(&encode_send(&bytes));
            }
            _ if l.data && l.text != "." => {
                out.push('|');
                if !l.text.is_empty() {
                    out.push(' ');
                    out.push_str(&l.text);
                }
            }
            _ => {
                out.push_str("C:");
                if !l.text.is_empty() {
                    out.push(' ');
                    out.push_str(&l.text);
                }
            }
        }
        out.push('\n');
    }
    out
}

/// A reply line as a transcript line: controls would break the line grammar (§2), so they are
/// written as `\xHH`.
fn push_line(out: &mut String, text: &str) {
    for c in text.chars() {
        if c.is_control() && c != '\t' {
            crate::push_hex_escape(out, (c as u32 & 0xff) as u8);
        } else {
            out.push(c);
        }
    }
}

/// One write to replay and the reply lines recorded after it.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[cfg_attr(feature = "ts", tsify(rename = "ReplayStep"))]
pub struct Step {
    /// The text to send (without its ending).
    pub line: String,
    /// Its ending (`"\r\n"`, `"\n"` or `""`).
    pub ending: String,
    /// A message line (sent in DATA).
    pub data: bool,
    /// The reply lines recorded after it.
    pub recorded: Vec<String>,
    /// A redacted AUTH line, replayed cancelled: its replies are not compared.
    pub redacted: bool,
}

/// The writes to replay, each with the reply lines recorded after it (§18.4). A redacted AUTH
/// line is replayed cancelled: `AUTH PLAIN <redacted>` as `AUTH PLAIN`, `<redacted>` as `*`
/// (RFC 4954 §4). Reply lines before the first write (the greeting) are not steps.
pub fn steps(lines: &[Line]) -> Vec<Step> {
    let mut out: Vec<Step> = Vec::new();
    for l in lines {
        match l.side {
            Side::Client => {
                let (line, redacted) = if l.text == "<redacted>" {
                    ("*".to_owned(), true)
                } else if let Some(cmd) = l
                    .text
                    .strip_suffix(" <redacted>")
                    .filter(|_| auth_initial(&l.text).is_some())
                {
                    (cmd.trim_end().to_owned(), true)
                } else {
                    (l.text.clone(), false)
                };
                out.push(Step {
                    line,
                    ending: l.ending.clone(),
                    data: l.data,
                    recorded: Vec::new(),
                    redacted,
                });
            }
            Side::Server => {
                if let Some(step) = out.last_mut() {
                    step.recorded.push(l.text.clone());
                }
            }
        }
    }
    out
}

/// A difference between the recording and the engine: the first line that differs.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct Drift {
    /// What the recording says (`""` when it says nothing more).
    pub recorded: String,
    /// What the engine says now (`""` when it says nothing more).
    pub now: String,
}

/// Do the engine's reply lines `now` differ from the `recorded` ones (§18.4)? For our own
/// format every line must be equal and none missing; for captures of other servers (swaks, nc)
/// only the first line's code is compared, since their names and wording differ.
pub fn drift(recorded: &[String], now: &[String], format: Format) -> Option<Drift> {
    let exact = format == Format::Smtp;
    let n = if exact {
        recorded.len().max(now.len())
    } else {
        usize::from(!recorded.is_empty() && !now.is_empty())
    };
    (0..n).find_map(|i| {
        let (r, g) = (recorded.get(i), now.get(i));
        let same = if exact {
            r == g
        } else {
            r.and_then(|r| r.get(..3)) == g.and_then(|g| g.get(..3))
        };
        (!same).then(|| Drift {
            recorded: r.cloned().unwrap_or_default(),
            now: g.cloned().unwrap_or_default(),
        })
    })
}

/// One write replayed against the engine.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Replayed {
    /// The write, as [`steps`] gave it.
    pub step: Step,
    /// The engine's reply lines to it, without CRLF.
    pub now: Vec<String>,
    /// How they differ from the recording, when they do (never for a redacted line).
    pub drift: Option<Drift>,
}

/// A transcript replayed against a fresh [`ServerSession`] configured by its header (§18.4):
/// the greeting, then each write and what the engine said to it, compared with the recording
/// by [`drift`]. A redacted AUTH exchange is sent cancelled (`*`, RFC 4954 §4) and not
/// compared; a lone `*` left over once the exchange is over is not sent.
pub fn replay(transcript: &Transcript) -> (Vec<String>, Vec<Replayed>) {
    let persona = transcript
        .meta
        .persona
        .as_deref()
        .and_then(Persona::from_name)
        .unwrap_or_default();
    let mut session = ServerSession::new(ServerConfig {
        persona,
        ..ServerConfig::default()
    });
    let greeting = reply_lines(&mut session);
    let mut out = Vec::new();
    for step in steps(&transcript.lines) {
        if step.redacted && step.line == "*" && session.state() != State::Auth {
            continue;
        }
        let mut bytes = step.line.clone().into_bytes();
        bytes.extend_from_slice(step.ending.as_bytes());
        session.receive(&bytes);
        let now = reply_lines(&mut session);
        if step.redacted && now.last().is_some_and(|l| l.starts_with("334")) {
            session.receive(b"*\r\n");
            reply_lines(&mut session);
        }
        let drift = if step.redacted {
            None
        } else {
            drift(&step.recorded, &now, transcript.format)
        };
        out.push(Replayed { step, now, drift });
    }
    (greeting, out)
}

/// The reply lines the session queued since the last call, each message accepted with its id.
fn reply_lines(session: &mut ServerSession) -> Vec<String> {
    let mut lines = Vec::new();
    while let Some(event) = session.poll_event() {
        match event {
            Event::MessageReceived(m) => {
                let mut id = String::new();
                crate::push_decimal(&mut id, m.id);
                session.accept_message(&id);
            }
            Event::Reply { reply, .. } => lines.extend(
                String::from_utf8_lossy(&reply.to_bytes())
                    .split("\r\n")
                    .filter(|l| !l.is_empty())
                    .map(str::to_owned),
            ),
            _ => {}
        }
    }
    session.take_output();
    lines
}
