//! The client side of an SMTP session: an envelope and a message in, the commands a careful
//! client sends out, step by step, reacting to every reply as RFC 5321 says it must.
//!
//! [`ClientSession`] is sans-IO and speaks the dialect of [`crate::server::ServerSession`] (see
//! the [crate docs](crate) for the polling order both share): the caller feeds the server's bytes
//! with [`ClientSession::receive`] and, after each call (and once after creating the session,
//! though nothing is sent before the greeting), drains
//!
//! 1. [`ClientSession::poll_event`] until `None`: what happened and which rule applied;
//! 2. [`ClientSession::take_output`]: bytes to write to the server, in order (empty when none);
//! 3. [`ClientSession::is_closed`]: when true, close the connection and read
//!    [`ClientSession::outcome`].
//!
//! A closed connection or an expired timer is reported with
//! [`ClientSession::connection_closed`] or [`ClientSession::timeout`]. The session never panics
//! on what the server sends.
//!
//! # The states (the reply the client is waiting for)
//!
//! ```text
//!  Greeting ──220──▶ Ehlo ──250──▶ [StartTls ──220──▶ Ehlo] ──▶ [Auth ⟲334 ──235──▶]
//!     │554            │500/502                                        │
//!     ▼               ▼                                               ▼
//!   Quit            Helo ──250──────────────────────────────────────▶ Mail ──250──▶ Rcpt ⟲
//!                                                                                    │ ≥1 accepted
//!             Done ◀──221── Quit ◀── Content ◀──354── Data ◀─────────────────────────┤
//!                            ▲                        Bdat ⟲ ◀────── (CHUNKING) ─────┘
//!                            └─ after the final reply, or after any error: no RSET is needed
//!                               because QUIT aborts an open transaction (RFC 5321 §4.1.1.10)
//! ```
//!
//! A 421 at any point ends the session at once, without QUIT (RFC 5321 §3.8). With PIPELINING
//! (RFC 2920 §3.1) MAIL, every RCPT and DATA go out as one group and the replies are matched to
//! them in order.
//!
//! What it does not do: no real TLS (STARTTLS is followed by a simulated handshake), no MIME
//! conversion (a message that needs 8BITMIME or SMTPUTF8 is refused when they are not offered),
//! one transaction per session.

use std::collections::VecDeque;

#[cfg(feature = "serde")]
use serde::Serialize;

use crate::base64::encode as base64;
use crate::command::Verb;
use crate::data::{dot_stuff, normalize_line_endings};
use crate::names;
use crate::reply::{Reply, ReplyError, ReplyParser};
use crate::sequence::{fit, Fit, Prompt};
use crate::server::State as ServerState;

/// The account AUTH uses (RFC 4954).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Credentials {
    /// The user name (authentication identity).
    pub user: String,
    /// The password.
    pub password: String,
}

/// How the client behaves.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClientConfig {
    /// The name the client gives in EHLO or HELO (RFC 5321 §4.1.1.1).
    pub hostname: String,
    /// Open with EHLO (true) or with the old HELO (false).
    pub ehlo: bool,
    /// Send MAIL, RCPT and DATA as one group when PIPELINING is advertised (RFC 2920).
    pub pipelining: bool,
    /// Send the content with BDAT when CHUNKING is advertised (RFC 3030). Off by default so that
    /// a session shows the DATA, 354 and `.` steps every server supports.
    pub chunking: bool,
    /// Octets per BDAT chunk; 0 sends the whole message as one `BDAT n LAST`.
    pub bdat_chunk_size: usize,
    /// Ask for STARTTLS when advertised (RFC 3207); the handshake itself is simulated.
    pub starttls: bool,
    /// Log in with AUTH PLAIN or LOGIN before the transaction (RFC 4954).
    pub auth: Option<Credentials>,
    /// Declare the message size in MAIL when SIZE is advertised (RFC 1870).
    pub declare_size: bool,
}

impl Default for ClientConfig {
    fn default() -> Self {
        Self {
            hostname: "client.example.test".into(),
            ehlo: true,
            pipelining: true,
            chunking: false,
            bdat_chunk_size: 0,
            starttls: false,
            auth: None,
            declare_size: true,
        }
    }
}

/// Who the message is from and to (RFC 5321 §2.3.1): the addresses go in MAIL and RCPT.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[cfg_attr(feature = "serde", serde(rename_all = "camelCase"))]
pub struct Envelope {
    /// The reverse-path without brackets; empty for the null sender `<>`.
    pub reverse_path: String,
    /// The forward-paths without brackets, in the order they are sent.
    pub recipients: Vec<String>,
}

/// The sender of [`Envelope::example`], at the default client's host.
pub const EXAMPLE_SENDER: &str = "alice@client.example.test";
/// The recipient of [`Envelope::example`], at the default server's host.
pub const EXAMPLE_RECIPIENT: &str = "bob@mx.example.test";

impl Envelope {
    /// The envelope a caller starts from when it names none: [`EXAMPLE_SENDER`] to
    /// [`EXAMPLE_RECIPIENT`], at the hosts of the default client and server configurations
    /// (RFC 2606 reserves `.test`, so nothing here can reach a real mailbox).
    pub fn example() -> Self {
        Self {
            reverse_path: EXAMPLE_SENDER.into(),
            recipients: vec![EXAMPLE_RECIPIENT.into()],
        }
    }
}

/// A message from a form: `Date` (when given; the core reads no clock, so the caller formats it,
/// RFC 5322 §3.3), `From`, `To` and `Subject` headers, a blank line, then `body` as it is
/// (RFC 5322 §2.1, §3.6). Headers end with CRLF; a CR or LF inside a value becomes a space, so
/// a line break typed into a form cannot start a header of its own.
pub fn compose_message(
    from: &str,
    to: &[String],
    subject: &str,
    date: Option<&str>,
    body: &[u8],
) -> Vec<u8> {
    fn value(m: &mut Vec<u8>, v: &str) {
        m.extend(
            v.bytes()
                .map(|b| if b == b'\r' || b == b'\n' { b' ' } else { b }),
        );
    }
    let mut m = Vec::with_capacity(body.len() + 128);
    if let Some(date) = date {
        m.extend_from_slice(b"Date: ");
        value(&mut m, date);
        m.extend_from_slice(b"\r\n");
    }
    m.extend_from_slice(b"From: <");
    value(&mut m, from);
    m.extend_from_slice(b">\r\nTo: ");
    for (i, t) in to.iter().enumerate() {
        if i > 0 {
            m.extend_from_slice(b", ");
        }
        m.push(b'<');
        value(&mut m, t);
        m.push(b'>');
    }
    m.extend_from_slice(b"\r\nSubject: ");
    value(&mut m, subject);
    m.extend_from_slice(b"\r\n\r\n");
    m.extend_from_slice(body);
    m
}

/// The extensions the server listed in its EHLO reply (RFC 5321 §4.1.1.1).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
pub struct Advertised {
    /// PIPELINING (RFC 2920).
    pub pipelining: bool,
    /// SIZE (RFC 1870) and its limit; `Some(0)` when no limit was given.
    pub size: Option<u64>,
    /// 8BITMIME (RFC 6152).
    pub eightbitmime: bool,
    /// SMTPUTF8 (RFC 6531).
    pub smtputf8: bool,
    /// CHUNKING (RFC 3030).
    pub chunking: bool,
    /// STARTTLS (RFC 3207).
    pub starttls: bool,
    /// ENHANCEDSTATUSCODES (RFC 2034).
    pub enhanced_status_codes: bool,
    /// The AUTH mechanisms, upper-cased (RFC 4954 §3).
    pub auth: Vec<String>,
    /// Every keyword as listed, upper-cased.
    pub keywords: Vec<String>,
}

impl Advertised {
    /// Reads the keyword lines of an EHLO reply (every line after the first).
    pub fn from_ehlo(reply: &Reply) -> Self {
        let mut a = Self::default();
        for line in reply.lines.iter().skip(1) {
            let mut words = line.split_ascii_whitespace();
            let Some(keyword) = words.next() else {
                continue;
            };
            let keyword = keyword.to_ascii_uppercase();
            match keyword.as_str() {
                "PIPELINING" => a.pipelining = true,
                "SIZE" => a.size = Some(words.next().and_then(|n| n.parse().ok()).unwrap_or(0)),
                "8BITMIME" => a.eightbitmime = true,
                "SMTPUTF8" => a.smtputf8 = true,
                "CHUNKING" => a.chunking = true,
                "STARTTLS" => a.starttls = true,
                "ENHANCEDSTATUSCODES" => a.enhanced_status_codes = true,
                "AUTH" => a.auth = words.map(str::to_ascii_uppercase).collect(),
                _ => {}
            }
            a.keywords.push(keyword);
        }
        a
    }
}

/// The reply the client is waiting for: where the session stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[cfg_attr(feature = "ts", tsify(rename = "ClientState"))]
pub enum State {
    /// The server's greeting, 220 (RFC 5321 §3.1).
    Greeting,
    /// The reply to EHLO.
    Ehlo,
    /// The reply to HELO.
    Helo,
    /// The reply to STARTTLS, 220 (RFC 3207 §4).
    StartTls,
    /// A reply during AUTH: 334 for more, 235 when logged in (RFC 4954 §4).
    Auth,
    /// The reply to MAIL.
    Mail,
    /// The reply to a RCPT.
    Rcpt,
    /// The reply to DATA, 354 (RFC 5321 §4.1.1.4).
    Data,
    /// The reply after the message content and its final `.` line.
    Content,
    /// The reply to a BDAT chunk (RFC 3030).
    Bdat,
    /// The reply to QUIT, 221.
    Quit,
    /// The session is over; close the connection.
    Done,
}

names::names!(State {
    Greeting,
    Ehlo,
    Helo,
    StartTls,
    Auth,
    Mail,
    Rcpt,
    Data,
    Content,
    Bdat,
    Quit,
    Done
});

impl State {
    /// What the reply the client waits for answers, in the server's terms; `None` once done.
    pub const fn prompt(self) -> Option<Prompt> {
        Some(match self {
            State::Greeting => Prompt::Connect,
            State::Ehlo => Prompt::Command(Verb::Ehlo),
            State::Helo => Prompt::Command(Verb::Helo),
            State::StartTls => Prompt::Command(Verb::StartTls),
            State::Auth => Prompt::Command(Verb::Auth),
            State::Mail => Prompt::Command(Verb::Mail),
            State::Rcpt => Prompt::Command(Verb::Rcpt),
            State::Data => Prompt::Command(Verb::Data),
            State::Content => Prompt::EndOfData,
            State::Bdat => Prompt::Command(Verb::Bdat),
            State::Quit => Prompt::Command(Verb::Quit),
            State::Done => return None,
        })
    }

    /// How a reply with `code` fits here, as the client acts on it: the one table of
    /// [`crate::sequence`] (RFC 5321 §4.2.1, §4.3.2), except that after QUIT any reply ends the
    /// session (RFC 5321 §4.1.1.10), so one other than 221 or 421 is unusual, never wrong.
    /// `None` once the session is over: nothing waits for a reply.
    pub fn fit(self, code: u16) -> Option<Fit> {
        let prompt = self.prompt()?;
        Some(match fit(prompt, code) {
            f @ (Fit::Usual | Fit::Closing) => f,
            _ if self == State::Quit => Fit::Unusual,
            f => f,
        })
    }
}

/// What the client made of one line typed as the server's reply ([`ClientSession::receive_line`]):
/// for a person who plays the server, one line at a time.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reading {
    /// A continuation line (`250-…`): the reply goes on, and the client waits for its last line,
    /// the one with a space after the code (RFC 5321 §4.2.1).
    Partial,
    /// The line completed a reply.
    Reply {
        /// The whole reply.
        reply: Reply,
        /// What it answers.
        answers: Prompt,
        /// The state a server following RFC 5321 is in when it sends this reply: its state before
        /// the command ([`ClientSession::server_state`]).
        before: ServerState,
        /// How it fits what it answers, as the client acts on it ([`State::fit`]).
        fit: Fit,
    },
    /// Not a reply line (RFC 5321 §4.2); the client gives up on the session.
    Malformed {
        /// What is wrong with the line.
        error: ReplyError,
        /// What the client was waiting for.
        answers: Prompt,
    },
    /// Nothing waits for a reply (the session is over); the line was not read.
    Unsolicited,
}

/// What happened to one recipient.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub enum RecipientStatus {
    /// Not tried yet.
    Pending,
    /// RCPT accepted (250 or 251); the content is still to be sent.
    Accepted,
    /// The server took responsibility for the message (RFC 5321 §4.2.5: 250 after the content).
    Delivered,
    /// Failed for good (5yz): do not try again with the same message.
    Failed,
    /// Failed this time (4yz, or the session ended early): try again later.
    RetryLater,
}

names::names!(RecipientStatus {
    Pending,
    Accepted,
    Delivered,
    Failed,
    RetryLater
});

/// One recipient and what happened to it.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[cfg_attr(feature = "ts", tsify(missing_as_null))]
pub struct RecipientResult {
    /// The address, as given in the envelope.
    pub address: String,
    /// Where the recipient stands.
    pub status: RecipientStatus,
    /// The reply that decided the status, when a reply did.
    pub reply: Option<Reply>,
    /// The rule that decided it; `None` while nothing has.
    pub rule: Option<Rule>,
}

/// The overall result of a session.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub enum Status {
    /// The session is still running.
    InProgress,
    /// Every recipient got the message.
    Delivered,
    /// Some recipients got the message; others failed or must be retried.
    PartiallyDelivered,
    /// Nobody got the message, and at least one recipient should be retried later.
    RetryLater,
    /// Nobody got the message and retrying will not help.
    Failed,
}

names::names!(Status {
    InProgress,
    Delivered,
    PartiallyDelivered,
    RetryLater,
    Failed
});

/// A session-level problem, apart from the replies themselves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[cfg_attr(feature = "serde", serde(tag = "type", content = "value"))]
pub enum ClientError {
    /// A reply could not be read (RFC 5321 §4.2).
    MalformedReply(ReplyError),
    /// A reply arrived when no command was waiting for one.
    UnsolicitedReply,
    /// A reply's first digit made no sense for the command (RFC 5321 §4.2.1, §4.3.2).
    UnexpectedReply,
    /// The server closed the connection before the session ended.
    ConnectionClosed,
    /// The server did not answer in time (RFC 5321 §4.5.3.2).
    Timeout,
    /// Credentials were given but the server offers no mechanism the client knows.
    AuthUnavailable,
    /// The message or addresses need an extension the server does not offer.
    ExtensionMissing,
    /// The message is larger than the server's declared SIZE.
    MessageTooLarge,
    /// The envelope has no usable recipient, or its sender cannot be sent safely.
    BadEnvelope,
}

/// The result of a session: who got the message, who did not, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[cfg_attr(feature = "ts", tsify(missing_as_null))]
pub struct Outcome {
    /// The overall status.
    pub status: Status,
    /// Every recipient, in envelope order.
    pub recipients: Vec<RecipientResult>,
    /// The first session-level problem, if any.
    pub error: Option<ClientError>,
}

impl Outcome {
    /// Addresses that got the message.
    pub fn delivered(&self) -> impl Iterator<Item = &RecipientResult> {
        self.with(RecipientStatus::Delivered)
    }

    /// Recipients that failed for good.
    pub fn failed(&self) -> impl Iterator<Item = &RecipientResult> {
        self.with(RecipientStatus::Failed)
    }

    /// Recipients to retry later.
    pub fn retry_later(&self) -> impl Iterator<Item = &RecipientResult> {
        self.with(RecipientStatus::RetryLater)
    }

    fn with(&self, s: RecipientStatus) -> impl Iterator<Item = &RecipientResult> {
        self.recipients.iter().filter(move |r| r.status == s)
    }

    /// True when at least one recipient got the message.
    pub fn any_delivered(&self) -> bool {
        self.delivered().next().is_some()
    }
}

/// What happened, in order.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[cfg_attr(
    feature = "serde",
    serde(tag = "type", content = "value", rename_all_fields = "camelCase")
)]
pub enum EventKind {
    /// A command line was queued for sending (shown without CRLF).
    Command(String),
    /// Message content was queued: after 354 (dot-stuffed, with the `.` line) or one BDAT chunk.
    Content {
        /// Octets on the wire (stuffing and terminator included for DATA).
        octets: usize,
        /// Lines that got an extra leading dot (RFC 5321 §4.5.2).
        stuffed_lines: usize,
    },
    /// A reply arrived.
    Reply(Reply),
    /// A reply could not be read; the client gives up and sends QUIT.
    MalformedReply(ReplyError),
    /// What the client concluded.
    Note(Note),
    /// A recipient's status changed.
    Recipient {
        /// The address.
        address: String,
        /// Its new status.
        status: RecipientStatus,
    },
    /// The session ended with this status.
    Finished(Status),
}

/// One step of the session: what happened, in which state, and the rule that applied.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[cfg_attr(feature = "ts", tsify(missing_as_null))]
#[cfg_attr(feature = "ts", tsify(rename = "ClientEvent"))]
pub struct Event {
    /// The state when it happened (for a reply: the state it answered).
    #[cfg_attr(feature = "ts", tsify(type = "ClientState"))]
    pub state: State,
    /// What happened.
    pub kind: EventKind,
    /// The rule that applied; `None` when none is worth citing.
    pub rule: Option<Rule>,
}

/// A rule the client follows, named by what it is about; [`Rule::source`] says where it is
/// written. The sentence that explains it lives in the catalogue, in every language
/// (`smtp_sim_explain::client_rule`), so the core emits only this identifier.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize))]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub enum Rule {
    /// RFC 5321 §3.1: wait for the 220 greeting before sending anything.
    Greeting,
    /// RFC 5321 §3.1: a 554 greeting refuses the connection; the client sends QUIT and waits for the reply.
    GreetingRefused,
    /// RFC 5321 §3.8: 421 means the server is closing the connection; the session ends without QUIT.
    ServiceClosing,
    /// RFC 5321 §3.2: a client that supports extensions opens with EHLO.
    Ehlo,
    /// RFC 5321 §4.1.1.1: HELO, the client asked not to use extensions.
    Helo,
    /// RFC 5321 §3.2: EHLO was not recognised (500/502); fall back to HELO, without extensions.
    HeloFallback,
    /// RFC 5321 §2.2.2: use only the extensions the EHLO reply lists.
    AdvertisedOnly,
    /// RFC 3207 §4: STARTTLS was advertised; ask for TLS before sending the envelope.
    StartTls,
    /// RFC 3207 §4.2: after the TLS handshake the client forgets what it knew and sends EHLO again (handshake simulated).
    StartTlsEhlo,
    /// RFC 3207 §4: TLS was refused; the client goes on without it (opportunistic TLS).
    StartTlsRefused,
    /// RFC 4954 §4: log in with a mechanism the server listed (PLAIN per RFC 4616, else LOGIN).
    Auth,
    /// RFC 4954 §6: 235, authentication succeeded.
    AuthAccepted,
    /// RFC 4954 §6: authentication failed; the transaction cannot go on.
    AuthFailed,
    /// RFC 4954 §4: an unexpected 334 challenge; the client cancels with "*".
    AuthCancel,
    /// RFC 4954 §4: credentials were given but the server lists no PLAIN or LOGIN mechanism.
    AuthUnavailable,
    /// RFC 5321 §4.1.1.2: MAIL starts the transaction with the reverse-path.
    Mail,
    /// RFC 2920 §3.1: PIPELINING advertised; MAIL, every RCPT and DATA go as one group, DATA last.
    Pipeline,
    /// RFC 5321 §4.1.1.3: one RCPT per recipient.
    Rcpt,
    /// RFC 5321 §4.3.2: 250 or 251, the recipient is accepted.
    RcptAccepted,
    /// RFC 5321 §4.5.3.1.10: 452 (or 552) too many recipients; send no more RCPT, deliver to those accepted and retry the rest later.
    TooManyRecipients,
    /// RFC 5321 §4.2.1: 4yz, this recipient failed for now; retry it later.
    RcptTemporary,
    /// RFC 5321 §4.2.1: 5yz, this recipient failed for good; do not retry it.
    RcptPermanent,
    /// RFC 5321 §4.2.1: MAIL refused, so no recipient can get the message (4yz: retry later; 5yz: failed).
    MailRefused,
    /// RFC 5321 §3.3: no recipient was accepted, so DATA is not sent.
    NoRecipients,
    /// RFC 5321 §4.1.1.4: at least one recipient accepted; DATA asks to send the content.
    Data,
    /// RFC 5321 §4.5.2: 354, send the content: CRLF line ends, a dot added to every line that starts with one, then the "." line.
    Content,
    /// RFC 2920 §3.1: DATA was accepted although no recipient was; send the "." line alone to leave data mode.
    EmptyData,
    /// RFC 5321 §4.3.2: DATA refused; the accepted recipients did not get the message.
    DataRefused,
    /// RFC 5321 §4.2.5: 250 after the content; the server has taken responsibility for the message.
    Delivered,
    /// RFC 5321 §4.2.5: the content was refused (4yz: retry later; 5yz: failed); the client keeps responsibility.
    NotDelivered,
    /// RFC 3030 §2: CHUNKING advertised; BDAT sends exactly n octets, no dot-stuffing, no "." line.
    Bdat,
    /// RFC 3030 §4.2: a BDAT chunk was refused; send no more chunks.
    BdatRefused,
    /// RFC 6531 §3.4: non-ASCII addresses or headers; MAIL carries SMTPUTF8.
    Smtputf8,
    /// RFC 6152 §3: the content has 8-bit octets; MAIL carries BODY=8BITMIME.
    EightBitMime,
    /// RFC 6152 §3, RFC 6531 §3.2: the message needs 8BITMIME or SMTPUTF8 and the server does not offer it; the client does not send it.
    NeedsExtension,
    /// RFC 1870 §6.1: the message is larger than the server's SIZE; the client does not send it.
    TooLarge,
    /// RFC 5321 §4.1.1.10: QUIT ends the session (and aborts any open transaction, so no RSET is needed).
    Quit,
    /// RFC 5321 §4.1.1.10: the reply to QUIT; close the connection.
    QuitReply,
    /// RFC 5321 §3.8: the session is being abandoned and the server waits for content; closing the connection makes it drop the transaction without delivering.
    AbandonData,
    /// RFC 5321 §4.2: a reply the client cannot read; it gives up and sends QUIT.
    Malformed,
    /// RFC 5321 §4.3.2: this reply code does not fit the command; the client gives up and sends QUIT.
    Unexpected,
    /// RFC 5321 §4.2: every reply answers one command; this one answers none, so the client gives up.
    Unsolicited,
    /// RFC 5321 §4.2.1: 4yz, the session cannot go on now; retry later.
    SessionTemporary,
    /// RFC 5321 §4.2.1: 5yz, the session cannot go on.
    SessionPermanent,
    /// RFC 5321 §3.8: the connection closed before the session ended; undelivered recipients are retried later.
    Closed,
    /// RFC 5321 §4.5.3.2: no reply in time; the client gives up and retries later.
    Timeout,
    /// RFC 5321 §4.1.2: an address is empty or holds a line break, angle bracket or control character; it is not sent.
    BadEnvelope,
}

impl Rule {
    /// Every rule, in the order of the session.
    pub const ALL: [Rule; 47] = [
        Self::Greeting,
        Self::GreetingRefused,
        Self::ServiceClosing,
        Self::Ehlo,
        Self::Helo,
        Self::HeloFallback,
        Self::AdvertisedOnly,
        Self::StartTls,
        Self::StartTlsEhlo,
        Self::StartTlsRefused,
        Self::Auth,
        Self::AuthAccepted,
        Self::AuthFailed,
        Self::AuthCancel,
        Self::AuthUnavailable,
        Self::Mail,
        Self::Pipeline,
        Self::Rcpt,
        Self::RcptAccepted,
        Self::TooManyRecipients,
        Self::RcptTemporary,
        Self::RcptPermanent,
        Self::MailRefused,
        Self::NoRecipients,
        Self::Data,
        Self::Content,
        Self::EmptyData,
        Self::DataRefused,
        Self::Delivered,
        Self::NotDelivered,
        Self::Bdat,
        Self::BdatRefused,
        Self::Smtputf8,
        Self::EightBitMime,
        Self::NeedsExtension,
        Self::TooLarge,
        Self::Quit,
        Self::QuitReply,
        Self::AbandonData,
        Self::Malformed,
        Self::Unexpected,
        Self::Unsolicited,
        Self::SessionTemporary,
        Self::SessionPermanent,
        Self::Closed,
        Self::Timeout,
        Self::BadEnvelope,
    ];

    /// Where the rule is written, e.g. `RFC 5321 §3.1`.
    pub const fn source(self) -> &'static str {
        match self {
            Self::Greeting | Self::GreetingRefused => "RFC 5321 §3.1",
            Self::ServiceClosing | Self::AbandonData | Self::Closed => "RFC 5321 §3.8",
            Self::Ehlo | Self::HeloFallback => "RFC 5321 §3.2",
            Self::Helo => "RFC 5321 §4.1.1.1",
            Self::AdvertisedOnly => "RFC 5321 §2.2.2",
            Self::StartTls | Self::StartTlsRefused => "RFC 3207 §4",
            Self::StartTlsEhlo => "RFC 3207 §4.2",
            Self::Auth | Self::AuthCancel | Self::AuthUnavailable => "RFC 4954 §4",
            Self::AuthAccepted | Self::AuthFailed => "RFC 4954 §6",
            Self::Mail => "RFC 5321 §4.1.1.2",
            Self::Pipeline | Self::EmptyData => "RFC 2920 §3.1",
            Self::Rcpt => "RFC 5321 §4.1.1.3",
            Self::RcptAccepted | Self::DataRefused | Self::Unexpected => "RFC 5321 §4.3.2",
            Self::TooManyRecipients => "RFC 5321 §4.5.3.1.10",
            Self::RcptTemporary
            | Self::RcptPermanent
            | Self::MailRefused
            | Self::SessionTemporary
            | Self::SessionPermanent => "RFC 5321 §4.2.1",
            Self::NoRecipients => "RFC 5321 §3.3",
            Self::Data => "RFC 5321 §4.1.1.4",
            Self::Content => "RFC 5321 §4.5.2",
            Self::Delivered | Self::NotDelivered => "RFC 5321 §4.2.5",
            Self::Bdat => "RFC 3030 §2",
            Self::BdatRefused => "RFC 3030 §4.2",
            Self::Smtputf8 => "RFC 6531 §3.4",
            Self::EightBitMime => "RFC 6152 §3",
            Self::NeedsExtension => "RFC 6152 §3, RFC 6531 §3.2",
            Self::TooLarge => "RFC 1870 §6.1",
            Self::Quit | Self::QuitReply => "RFC 5321 §4.1.1.10",
            Self::Malformed | Self::Unsolicited => "RFC 5321 §4.2",
            Self::Timeout => "RFC 5321 §4.5.3.2",
            Self::BadEnvelope => "RFC 5321 §4.1.2",
        }
    }
}

/// What the client concluded at a step, shown next to the rule that led there. The words live
/// in the catalogue (`smtp_sim_explain::client_note`), in every language.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize))]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub enum Note {
    /// "Waiting for the server's greeting."
    AwaitingGreeting,
    /// "The connection closed."
    ConnectionClosed,
    /// "Timed out waiting for a reply."
    TimedOut,
    /// "The server is closing the session."
    ServerClosing,
    /// "Closing without ending the data."
    ClosingMidData,
    /// "Session over."
    SessionOver,
    /// "Unexpected reply code."
    UnexpectedReply,
    /// "The server refuses this connection."
    ConnectionRefused,
    /// "Read the extensions the server offers."
    ExtensionsRead,
    /// "EHLO not recognised; trying HELO."
    TryingHelo,
    /// "TLS is up (simulated); saying EHLO again."
    TlsUp,
    /// "Going on without TLS."
    WithoutTls,
    /// "Logged in."
    LoggedIn,
    /// "Authentication failed."
    AuthFailed,
    /// "No more RCPT in this transaction."
    NoMoreRecipients,
    /// "DATA refused."
    DataRefused,
    /// "Message delivered."
    Delivered,
    /// "Chunk refused."
    ChunkRefused,
    /// "No recipient accepted."
    NoRecipientAccepted,
    /// "Cannot log in."
    CannotLogIn,
    /// "No recipient to send to."
    NoRecipientToSend,
    /// "The server cannot take this message."
    MessageNotAcceptable,
    /// "The message is too large for this server."
    TooLarge,
    /// "Sending the envelope as one group."
    EnvelopePipelined,
}

impl Note {
    /// Every note.
    pub const ALL: [Note; 24] = [
        Self::AwaitingGreeting,
        Self::ConnectionClosed,
        Self::TimedOut,
        Self::ServerClosing,
        Self::ClosingMidData,
        Self::SessionOver,
        Self::UnexpectedReply,
        Self::ConnectionRefused,
        Self::ExtensionsRead,
        Self::TryingHelo,
        Self::TlsUp,
        Self::WithoutTls,
        Self::LoggedIn,
        Self::AuthFailed,
        Self::NoMoreRecipients,
        Self::DataRefused,
        Self::Delivered,
        Self::ChunkRefused,
        Self::NoRecipientAccepted,
        Self::CannotLogIn,
        Self::NoRecipientToSend,
        Self::MessageNotAcceptable,
        Self::TooLarge,
        Self::EnvelopePipelined,
    ];
}
/// A command that waits for a reply.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Pending {
    Greeting,
    Ehlo,
    Helo,
    StartTls,
    Auth,
    Mail,
    Rcpt(usize),
    Data,
    Content,
    Bdat { last: bool },
    Quit,
}

impl Pending {
    fn state(self) -> State {
        match self {
            Self::Greeting => State::Greeting,
            Self::Ehlo => State::Ehlo,
            Self::Helo => State::Helo,
            Self::StartTls => State::StartTls,
            Self::Auth => State::Auth,
            Self::Mail => State::Mail,
            Self::Rcpt(_) => State::Rcpt,
            Self::Data => State::Data,
            Self::Content => State::Content,
            Self::Bdat { .. } => State::Bdat,
            Self::Quit => State::Quit,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum AuthMech {
    Plain,
    Login,
}

/// Progress through the session, in order; each step is done once.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Progress {
    greeted: bool,
    hello_sent: bool,
    hello_done: bool,
    tls_tried: bool,
    auth_sent: bool,
    auth_done: bool,
    mail_sent: bool,
    mail_ok: bool,
    rcpt_next: usize,
    rcpt_stopped: bool,
    content_started: bool,
    /// DATA got 354 but nobody was accepted: the lone `.` was sent.
    empty_data: bool,
    /// BDAT chunks the server accepted so far.
    chunks_answered: usize,
    /// The transaction is over (finished or abandoned): QUIT when nothing is outstanding.
    finished: bool,
    quit_sent: bool,
    done: bool,
}

/// One client session, sans-IO. See the [module docs](self) for the polling order.
#[derive(Debug)]
pub struct ClientSession {
    config: ClientConfig,
    envelope: Envelope,
    /// The message with CRLF line ends (what BDAT sends and SIZE counts).
    normalized: Vec<u8>,
    needs_8bit: bool,
    needs_utf8: bool,
    parser: ReplyParser,
    pending: VecDeque<Pending>,
    output: Vec<u8>,
    events: VecDeque<Event>,
    advertised: Advertised,
    esmtp: bool,
    tls: bool,
    auth_mech: Option<AuthMech>,
    auth_round: u8,
    bdat_offset: usize,
    recipients: Vec<RecipientResult>,
    progress: Progress,
    error: Option<ClientError>,
    status: Status,
}

impl ClientSession {
    /// A session that will deliver `message` (headers and body, any line ends) to the envelope's
    /// recipients. It first waits for the server's greeting.
    pub fn new(config: ClientConfig, envelope: Envelope, message: &[u8]) -> Self {
        let normalized = normalize_line_endings(message);
        let needs_8bit = !normalized.is_ascii();
        // Searched once per session: a plain scan keeps memchr's substring searcher out of the
        // wasm build (only the client needs it).
        let header_end = normalized
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .unwrap_or(normalized.len());
        let needs_utf8 = !envelope.reverse_path.is_ascii()
            || envelope.recipients.iter().any(|r| !r.is_ascii())
            || !normalized[..header_end].is_ascii();
        let recipients = envelope
            .recipients
            .iter()
            .map(|a| RecipientResult {
                address: a.clone(),
                status: RecipientStatus::Pending,
                reply: None,
                rule: None,
            })
            .collect();
        let mut s = Self {
            config,
            envelope,
            normalized,
            needs_8bit,
            needs_utf8,
            parser: ReplyParser::new(),
            pending: VecDeque::from([Pending::Greeting]),
            output: Vec::new(),
            events: VecDeque::new(),
            advertised: Advertised::default(),
            esmtp: false,
            tls: false,
            auth_mech: None,
            auth_round: 0,
            bdat_offset: 0,
            recipients,
            progress: Progress::default(),
            error: None,
            status: Status::InProgress,
        };
        s.note(Rule::Greeting, Note::AwaitingGreeting);
        s
    }

    /// Feeds bytes received from the server, split anywhere. Bytes after the session ended are
    /// ignored.
    pub fn receive(&mut self, bytes: &[u8]) {
        if self.progress.done {
            return;
        }
        self.parser.feed(bytes);
        while !self.progress.done {
            match self.parser.next_reply() {
                None => break,
                Some(Ok(reply)) => self.on_reply(reply),
                Some(Err(e)) => self.on_malformed(e),
            }
        }
    }

    /// Feeds one line typed as the server's reply (CRLF is added; anything from a line break on
    /// is dropped) and says what the client made of it. Drain [`ClientSession::take_output`]
    /// and [`ClientSession::poll_event`] afterwards, as after [`ClientSession::receive`].
    pub fn receive_line(&mut self, line: &str) -> Reading {
        let state = self.state();
        let (Some(answers), Some(before)) = (state.prompt(), self.server_state()) else {
            return Reading::Unsolicited;
        };
        let line = line.split(['\r', '\n']).next().unwrap_or("");
        let mut bytes = Vec::with_capacity(line.len() + 2);
        bytes.extend_from_slice(line.as_bytes());
        bytes.extend_from_slice(b"\r\n");
        let seen = self.events.len();
        self.receive(&bytes);
        // One line completes at most one reply (or is one malformed line).
        for e in self.events.iter().skip(seen) {
            match &e.kind {
                EventKind::Reply(reply) => {
                    return Reading::Reply {
                        fit: state.fit(reply.code).unwrap_or(Fit::Unsolicited),
                        reply: reply.clone(),
                        answers,
                        before,
                    }
                }
                EventKind::MalformedReply(error) => {
                    return Reading::Malformed {
                        error: *error,
                        answers,
                    }
                }
                _ => {}
            }
        }
        Reading::Partial
    }

    /// Feeds one reply that is already parsed (e.g. from a form where a learner plays the
    /// server); the same as feeding its wire form.
    pub fn receive_reply(&mut self, reply: Reply) {
        self.receive(&reply.to_bytes());
    }

    /// The server closed the connection (or the caller did). Ends the session.
    pub fn connection_closed(&mut self) {
        if self.progress.done {
            return;
        }
        // A close right after QUIT was sent is how many servers end; the session is complete.
        if self.progress.quit_sent && self.pending.front() == Some(&Pending::Quit) {
            self.finish();
            return;
        }
        self.set_error(ClientError::ConnectionClosed);
        self.settle_open(RecipientStatus::RetryLater, None, Rule::Closed);
        self.note(Rule::Closed, Note::ConnectionClosed);
        self.finish();
    }

    /// No reply came in time (RFC 5321 §4.5.3.2). Ends the session; the caller closes.
    pub fn timeout(&mut self) {
        if self.progress.done {
            return;
        }
        self.set_error(ClientError::Timeout);
        self.settle_open(RecipientStatus::RetryLater, None, Rule::Timeout);
        self.note(Rule::Timeout, Note::TimedOut);
        self.finish();
    }

    /// Takes the bytes to send to the server: everything queued so far, in order; empty when
    /// there is nothing to send.
    pub fn take_output(&mut self) -> Vec<u8> {
        std::mem::take(&mut self.output)
    }

    /// The next event, oldest first.
    pub fn poll_event(&mut self) -> Option<Event> {
        self.events.pop_front()
    }

    /// The reply the client is waiting for.
    pub fn state(&self) -> State {
        if self.progress.done {
            return State::Done;
        }
        self.pending.front().map_or(State::Done, |p| p.state())
    }

    /// The state a server following RFC 5321 is in while it answers the reply the client waits
    /// for now (its state before that command): what a learner playing the server has in front
    /// of them. `None` once the session is over.
    pub fn server_state(&self) -> Option<ServerState> {
        if self.progress.done {
            return None;
        }
        let accepted = self
            .recipients
            .iter()
            .any(|r| r.status == RecipientStatus::Accepted);
        Some(match self.pending.front()? {
            Pending::Greeting | Pending::Ehlo | Pending::Helo => ServerState::Connected,
            Pending::Auth if self.auth_round > 0 => ServerState::Auth,
            Pending::StartTls | Pending::Auth | Pending::Mail | Pending::Quit => ServerState::Ready,
            Pending::Rcpt(_) if accepted => ServerState::Rcpt,
            Pending::Rcpt(_) => ServerState::Mail,
            Pending::Data => ServerState::Rcpt,
            Pending::Content => ServerState::Data,
            Pending::Bdat { .. } if self.progress.chunks_answered > 0 => ServerState::Bdat,
            Pending::Bdat { .. } => ServerState::Rcpt,
        })
    }

    /// True once the session is over: the caller closes the connection.
    pub fn is_closed(&self) -> bool {
        self.progress.done
    }

    /// What the EHLO reply advertised (empty before it, and after HELO).
    pub fn advertised(&self) -> &Advertised {
        &self.advertised
    }

    /// Every recipient and where it stands now.
    pub fn recipients(&self) -> &[RecipientResult] {
        &self.recipients
    }

    /// The result so far; final once [`ClientSession::is_closed`].
    pub fn outcome(&self) -> Outcome {
        Outcome {
            status: self.status,
            recipients: self.recipients.clone(),
            error: self.error,
        }
    }

    /// The configuration this session runs with.
    pub fn config(&self) -> &ClientConfig {
        &self.config
    }

    /// Who the message is from and to.
    pub fn envelope(&self) -> &Envelope {
        &self.envelope
    }

    // ---- events and output ----

    fn push_event(&mut self, kind: EventKind, rule: Option<Rule>) {
        let state = self.state();
        self.events.push_back(Event { state, kind, rule });
    }

    fn note(&mut self, rule: Rule, note: Note) {
        self.push_event(EventKind::Note(note), Some(rule));
    }

    fn send(&mut self, line: String, pending: Pending, rule: Rule) {
        self.output.extend_from_slice(line.as_bytes());
        self.output.extend_from_slice(b"\r\n");
        self.pending.push_back(pending);
        self.push_event(EventKind::Command(line), Some(rule));
    }

    fn set_error(&mut self, e: ClientError) {
        if self.error.is_none() {
            self.error = Some(e);
        }
    }

    fn set_recipient(
        &mut self,
        i: usize,
        status: RecipientStatus,
        reply: Option<&Reply>,
        rule: Rule,
    ) {
        let Some(r) = self.recipients.get_mut(i) else {
            return;
        };
        r.status = status;
        r.reply = reply.cloned();
        r.rule = Some(rule);
        let address = r.address.clone();
        self.push_event(EventKind::Recipient { address, status }, Some(rule));
    }

    /// Gives every recipient that is still pending or accepted the given status.
    fn settle_open(&mut self, status: RecipientStatus, reply: Option<&Reply>, rule: Rule) {
        for i in 0..self.recipients.len() {
            if matches!(
                self.recipients[i].status,
                RecipientStatus::Pending | RecipientStatus::Accepted
            ) {
                self.set_recipient(i, status, reply, rule);
            }
        }
    }

    /// Gives the accepted recipients the status the final reply decided.
    fn settle_accepted(&mut self, status: RecipientStatus, reply: &Reply, rule: Rule) {
        for i in 0..self.recipients.len() {
            if self.recipients[i].status == RecipientStatus::Accepted {
                self.set_recipient(i, status, Some(reply), rule);
            }
        }
    }

    fn accepted(&self) -> usize {
        self.recipients
            .iter()
            .filter(|r| r.status == RecipientStatus::Accepted)
            .count()
    }

    // ---- replies ----

    fn on_malformed(&mut self, e: ReplyError) {
        self.push_event(EventKind::MalformedReply(e), Some(Rule::Malformed));
        self.set_error(ClientError::MalformedReply(e));
        // The reply answered the command at the front of the queue, as far as anyone can tell.
        let answered = self.pending.pop_front();
        if answered == Some(Pending::Quit) {
            self.finish();
            return;
        }
        self.give_up(None, Rule::Malformed);
    }

    /// Abandons the session after a protocol error: the rest is retried later, QUIT goes out now.
    fn give_up(&mut self, reply: Option<&Reply>, rule: Rule) {
        self.settle_open(RecipientStatus::RetryLater, reply, rule);
        self.progress.finished = true;
        // A pipelined DATA may still be answered with 354; a QUIT sent now would become message
        // content. Wait for that reply first.
        if !self.pending.contains(&Pending::Data) {
            self.quit();
        }
    }

    fn on_reply(&mut self, reply: Reply) {
        let state = self.state();
        self.events.push_back(Event {
            state,
            kind: EventKind::Reply(reply.clone()),
            rule: None,
        });
        let Some(p) = self.pending.pop_front() else {
            self.set_error(ClientError::UnsolicitedReply);
            self.give_up(Some(&reply), Rule::Unsolicited);
            return;
        };
        if reply.code == 421 && p != Pending::Quit {
            self.note(Rule::ServiceClosing, Note::ServerClosing);
            self.settle_open(
                RecipientStatus::RetryLater,
                Some(&reply),
                Rule::ServiceClosing,
            );
            self.finish();
            return;
        }
        // Once the session is being abandoned, outstanding replies are only counted; a 354
        // still has to be answered, or the server would take QUIT as content.
        if self.progress.finished && !matches!(p, Pending::Quit) {
            if p == Pending::Data && reply.code / 100 == 3 {
                // The server may hold recipients the client gave up on: a `.` would deliver an
                // empty message to them. Closing before the end of data cancels it instead.
                self.note(Rule::AbandonData, Note::ClosingMidData);
                self.finish();
                return;
            }
            self.advance();
            return;
        }
        // A first digit that cannot answer this command (RFC 5321 §4.2.1, §4.3.2): the one
        // table every part of smtp-sim judges replies by. QUIT ends the session whatever comes.
        let wrong = p.state().fit(reply.code) == Some(Fit::Wrong);
        if wrong {
            self.unexpected(&reply);
            self.advance();
            return;
        }
        let class = reply.code / 100;
        match p {
            Pending::Greeting => self.on_greeting(&reply, class),
            Pending::Ehlo => self.on_ehlo(reply, class),
            Pending::Helo => self.on_hello_result(&reply, class),
            Pending::StartTls => self.on_starttls(class),
            Pending::Auth => self.on_auth(&reply, class),
            Pending::Mail => self.on_mail(&reply, class),
            Pending::Rcpt(i) => self.on_rcpt(i, &reply, class),
            Pending::Data => self.on_data(&reply, class),
            Pending::Content | Pending::Bdat { last: true } => self.on_final(&reply, class),
            Pending::Bdat { last: false } => self.on_bdat_chunk(&reply, class),
            Pending::Quit => {
                self.note(Rule::QuitReply, Note::SessionOver);
                self.finish();
                return;
            }
        }
        self.advance();
    }

    /// A reply of the wrong class: give up.
    fn unexpected(&mut self, reply: &Reply) {
        self.set_error(ClientError::UnexpectedReply);
        self.note(Rule::Unexpected, Note::UnexpectedReply);
        self.give_up(Some(reply), Rule::Unexpected);
    }

    /// 4yz or 5yz before the transaction: nobody gets the message.
    fn session_failed(&mut self, reply: &Reply, class: u16) {
        let (status, rule) = if class == 4 {
            (RecipientStatus::RetryLater, Rule::SessionTemporary)
        } else {
            (RecipientStatus::Failed, Rule::SessionPermanent)
        };
        self.settle_open(status, Some(reply), rule);
        self.progress.finished = true;
    }

    fn on_greeting(&mut self, reply: &Reply, class: u16) {
        match class {
            2 => self.progress.greeted = true,
            5 => {
                self.note(Rule::GreetingRefused, Note::ConnectionRefused);
                self.settle_open(RecipientStatus::Failed, Some(reply), Rule::GreetingRefused);
                self.progress.finished = true;
            }
            4 => self.session_failed(reply, class),
            _ => self.unexpected(reply),
        }
    }

    fn on_ehlo(&mut self, reply: Reply, class: u16) {
        match (class, reply.code) {
            (2, _) => {
                self.advertised = Advertised::from_ehlo(&reply);
                self.esmtp = true;
                self.progress.hello_done = true;
                self.note(Rule::AdvertisedOnly, Note::ExtensionsRead);
            }
            (5, 500 | 502) => {
                self.note(Rule::HeloFallback, Note::TryingHelo);
                let line = self.hello_line("HELO");
                self.send(line, Pending::Helo, Rule::HeloFallback);
            }
            (4 | 5, _) => self.session_failed(&reply, class),
            _ => self.unexpected(&reply),
        }
    }

    fn on_hello_result(&mut self, reply: &Reply, class: u16) {
        match class {
            2 => {
                self.advertised = Advertised::default();
                self.esmtp = false;
                self.progress.hello_done = true;
            }
            4 | 5 => self.session_failed(reply, class),
            _ => self.unexpected(reply),
        }
    }

    fn on_starttls(&mut self, class: u16) {
        if class == 2 {
            self.tls = true;
            self.advertised = Advertised::default();
            self.progress.hello_sent = false;
            self.progress.hello_done = false;
            self.note(Rule::StartTlsEhlo, Note::TlsUp);
        } else {
            self.note(Rule::StartTlsRefused, Note::WithoutTls);
        }
    }

    fn on_auth(&mut self, reply: &Reply, class: u16) {
        match class {
            2 => {
                self.progress.auth_done = true;
                self.note(Rule::AuthAccepted, Note::LoggedIn);
            }
            3 => self.auth_continue(),
            4 | 5 => {
                self.note(Rule::AuthFailed, Note::AuthFailed);
                let (status, rule) = if class == 4 {
                    (RecipientStatus::RetryLater, Rule::SessionTemporary)
                } else {
                    (RecipientStatus::Failed, Rule::AuthFailed)
                };
                self.settle_open(status, Some(reply), rule);
                self.progress.finished = true;
            }
            _ => self.unexpected(reply),
        }
    }

    fn on_mail(&mut self, reply: &Reply, class: u16) {
        match class {
            2 => self.progress.mail_ok = true,
            4 | 5 => {
                let status = if class == 4 {
                    RecipientStatus::RetryLater
                } else {
                    RecipientStatus::Failed
                };
                self.settle_open(status, Some(reply), Rule::MailRefused);
                self.progress.finished = true;
            }
            _ => self.unexpected(reply),
        }
    }

    fn on_rcpt(&mut self, i: usize, reply: &Reply, class: u16) {
        if !self.progress.mail_ok {
            // MAIL failed inside a pipelined group; this recipient is settled already.
            return;
        }
        match (class, reply.code) {
            (2, _) => self.set_recipient(
                i,
                RecipientStatus::Accepted,
                Some(reply),
                Rule::RcptAccepted,
            ),
            (4 | 5, 452 | 552) => {
                self.set_recipient(
                    i,
                    RecipientStatus::RetryLater,
                    Some(reply),
                    Rule::TooManyRecipients,
                );
                if !self.progress.rcpt_stopped {
                    self.progress.rcpt_stopped = true;
                    self.note(Rule::TooManyRecipients, Note::NoMoreRecipients);
                }
                // Recipients never sent are retried later too.
                for j in self.progress.rcpt_next..self.recipients.len() {
                    if self.recipients[j].status == RecipientStatus::Pending {
                        self.set_recipient(
                            j,
                            RecipientStatus::RetryLater,
                            Some(reply),
                            Rule::TooManyRecipients,
                        );
                    }
                }
            }
            (4, _) => self.set_recipient(
                i,
                RecipientStatus::RetryLater,
                Some(reply),
                Rule::RcptTemporary,
            ),
            (5, _) => {
                self.set_recipient(i, RecipientStatus::Failed, Some(reply), Rule::RcptPermanent)
            }
            _ => self.unexpected(reply),
        }
    }

    fn on_data(&mut self, reply: &Reply, class: u16) {
        match class {
            3 if self.progress.mail_ok && self.accepted() > 0 => self.send_content(),
            3 => {
                self.send_lone_dot();
                self.progress.finished = true;
            }
            4 | 5 => {
                let status = if class == 4 {
                    RecipientStatus::RetryLater
                } else {
                    RecipientStatus::Failed
                };
                if self.accepted() > 0 {
                    self.note(Rule::DataRefused, Note::DataRefused);
                }
                self.settle_accepted(status, reply, Rule::DataRefused);
                self.progress.finished = true;
            }
            _ => self.unexpected(reply),
        }
    }

    fn on_final(&mut self, reply: &Reply, class: u16) {
        if self.progress.empty_data {
            // The reply to a lone `.` sent only to leave data mode: nothing to deliver.
            self.progress.finished = true;
            return;
        }
        match class {
            2 => {
                self.note(Rule::Delivered, Note::Delivered);
                self.settle_accepted(RecipientStatus::Delivered, reply, Rule::Delivered);
            }
            4 => self.settle_accepted(RecipientStatus::RetryLater, reply, Rule::NotDelivered),
            5 => self.settle_accepted(RecipientStatus::Failed, reply, Rule::NotDelivered),
            _ => return self.unexpected(reply),
        }
        self.progress.finished = true;
    }

    fn on_bdat_chunk(&mut self, reply: &Reply, class: u16) {
        match class {
            2 => {
                self.progress.chunks_answered += 1;
                self.send_bdat_chunk();
            }
            4 | 5 => {
                let status = if class == 4 {
                    RecipientStatus::RetryLater
                } else {
                    RecipientStatus::Failed
                };
                self.note(Rule::BdatRefused, Note::ChunkRefused);
                self.settle_accepted(status, reply, Rule::BdatRefused);
                self.progress.finished = true;
            }
            _ => self.unexpected(reply),
        }
    }

    // ---- what to send next ----

    /// Decides the next command when no reply is outstanding.
    fn advance(&mut self) {
        if self.progress.done || !self.pending.is_empty() {
            return;
        }
        let p = self.progress;
        if p.finished || !p.greeted {
            // Not greeted and nothing pending means the greeting failed (finished is set).
            self.quit();
            return;
        }
        if !p.hello_sent {
            self.progress.hello_sent = true;
            if self.config.ehlo {
                let line = self.hello_line("EHLO");
                let rule = if self.tls {
                    Rule::StartTlsEhlo
                } else {
                    Rule::Ehlo
                };
                self.send(line, Pending::Ehlo, rule);
            } else {
                let line = self.hello_line("HELO");
                self.send(line, Pending::Helo, Rule::Helo);
            }
            return;
        }
        if !p.hello_done {
            return self.quit();
        }
        if self.config.starttls && self.advertised.starttls && !self.tls && !p.tls_tried {
            self.progress.tls_tried = true;
            self.send("STARTTLS".into(), Pending::StartTls, Rule::StartTls);
            return;
        }
        if self.config.auth.is_some() && !p.auth_done {
            if p.auth_sent {
                return self.quit();
            }
            return self.start_auth();
        }
        if !p.mail_sent {
            return self.start_transaction();
        }
        if !p.mail_ok {
            return self.quit();
        }
        let n = self.recipients.len();
        if !p.rcpt_stopped && p.rcpt_next < n {
            let i = p.rcpt_next;
            self.progress.rcpt_next += 1;
            return self.send_rcpt(i);
        }
        if !p.content_started {
            if self.accepted() == 0 {
                self.note(Rule::NoRecipients, Note::NoRecipientAccepted);
                return self.quit();
            }
            self.progress.content_started = true;
            if self.use_bdat() {
                return self.send_bdat_chunk();
            }
            self.send("DATA".into(), Pending::Data, Rule::Data);
            return;
        }
        self.quit();
    }

    fn hello_line(&self, verb: &str) -> String {
        // The name is configuration, but a line break in it would inject a command.
        let name: String = self
            .config
            .hostname
            .chars()
            .filter(|c| !c.is_control() && *c != ' ')
            .collect();
        let name = if name.is_empty() { "localhost" } else { &name };
        let mut line = String::with_capacity(verb.len() + 1 + name.len());
        line.push_str(verb);
        line.push(' ');
        line.push_str(name);
        line
    }

    fn quit(&mut self) {
        self.progress.finished = true;
        if self.progress.quit_sent || self.progress.done {
            return;
        }
        self.progress.quit_sent = true;
        self.send("QUIT".into(), Pending::Quit, Rule::Quit);
    }

    fn start_auth(&mut self) {
        self.progress.auth_sent = true;
        let mech = if self.advertised.auth.iter().any(|m| m == "PLAIN") {
            AuthMech::Plain
        } else if self.advertised.auth.iter().any(|m| m == "LOGIN") {
            AuthMech::Login
        } else {
            self.set_error(ClientError::AuthUnavailable);
            self.note(Rule::AuthUnavailable, Note::CannotLogIn);
            self.settle_open(RecipientStatus::Failed, None, Rule::AuthUnavailable);
            return self.quit();
        };
        self.auth_mech = Some(mech);
        self.auth_round = 0;
        match mech {
            AuthMech::Plain => {
                let mut line = String::from("AUTH PLAIN ");
                line.push_str(&self.plain_token());
                self.send(line, Pending::Auth, Rule::Auth);
            }
            AuthMech::Login => self.send("AUTH LOGIN".into(), Pending::Auth, Rule::Auth),
        }
    }

    /// RFC 4616 §2: authzid NUL authcid NUL passwd, with an empty authzid.
    fn plain_token(&self) -> String {
        let c = self.config.auth.as_ref();
        let user = c.map_or("", |c| c.user.as_str());
        let pass = c.map_or("", |c| c.password.as_str());
        let mut raw = Vec::with_capacity(user.len() + pass.len() + 2);
        raw.push(0);
        raw.extend_from_slice(user.as_bytes());
        raw.push(0);
        raw.extend_from_slice(pass.as_bytes());
        base64(&raw)
    }

    /// Answers a 334 challenge.
    fn auth_continue(&mut self) {
        self.auth_round += 1;
        let c = self.config.auth.clone().unwrap_or(Credentials {
            user: String::new(),
            password: String::new(),
        });
        let answer = match (self.auth_mech, self.auth_round) {
            // A server that ignored the initial response asks again with an empty challenge.
            (Some(AuthMech::Plain), 1) => Some(self.plain_token()),
            (Some(AuthMech::Login), 1) => Some(base64(c.user.as_bytes())),
            (Some(AuthMech::Login), 2) => Some(base64(c.password.as_bytes())),
            _ => None,
        };
        match answer {
            Some(a) => self.send(a, Pending::Auth, Rule::Auth),
            None => self.send("*".into(), Pending::Auth, Rule::AuthCancel),
        }
    }

    fn start_transaction(&mut self) {
        self.progress.mail_sent = true;
        let safe = |a: &str| !a.chars().any(|c| c.is_control() || c == '<' || c == '>');
        if !safe(&self.envelope.reverse_path) {
            self.set_error(ClientError::BadEnvelope);
            self.settle_open(RecipientStatus::Failed, None, Rule::BadEnvelope);
            return self.quit();
        }
        for i in 0..self.recipients.len() {
            let a = &self.recipients[i].address;
            if a.is_empty() || !safe(a) {
                self.set_recipient(i, RecipientStatus::Failed, None, Rule::BadEnvelope);
            }
        }
        if !self
            .recipients
            .iter()
            .any(|r| r.status == RecipientStatus::Pending)
        {
            self.set_error(ClientError::BadEnvelope);
            self.note(Rule::BadEnvelope, Note::NoRecipientToSend);
            return self.quit();
        }
        let a = self.advertised.clone();
        let utf8 = self.needs_utf8;
        let eight = self.needs_8bit;
        if (utf8 && !a.smtputf8) || (eight && !(a.eightbitmime || a.smtputf8)) {
            self.set_error(ClientError::ExtensionMissing);
            self.note(Rule::NeedsExtension, Note::MessageNotAcceptable);
            self.settle_open(RecipientStatus::Failed, None, Rule::NeedsExtension);
            return self.quit();
        }
        let size = self.normalized.len() as u64;
        if let Some(limit) = a.size {
            if limit > 0 && size > limit {
                self.set_error(ClientError::MessageTooLarge);
                self.note(Rule::TooLarge, Note::TooLarge);
                self.settle_open(RecipientStatus::Failed, None, Rule::TooLarge);
                return self.quit();
            }
        }
        let mut line = String::from("MAIL FROM:<");
        line.push_str(&self.envelope.reverse_path);
        line.push('>');
        let mut rule = Rule::Mail;
        if a.size.is_some() && self.config.declare_size {
            line.push_str(" SIZE=");
            line.push_str(&size.to_string());
        }
        if eight && a.eightbitmime {
            line.push_str(" BODY=8BITMIME");
            rule = Rule::EightBitMime;
        }
        if utf8 {
            line.push_str(" SMTPUTF8");
            rule = Rule::Smtputf8;
        }
        let pipeline = self.config.pipelining && a.pipelining;
        self.send(line, Pending::Mail, rule);
        if !pipeline {
            return;
        }
        self.note(Rule::Pipeline, Note::EnvelopePipelined);
        for i in 0..self.recipients.len() {
            self.progress.rcpt_next = i + 1;
            if self.recipients[i].status == RecipientStatus::Pending {
                self.send_rcpt(i);
            }
        }
        if !self.use_bdat() {
            // DATA is last in the group; its reply says whether any recipient made it.
            self.progress.content_started = true;
            self.send("DATA".into(), Pending::Data, Rule::Data);
        }
    }

    fn send_rcpt(&mut self, i: usize) {
        if self.recipients[i].status != RecipientStatus::Pending {
            // Refused locally (bad address): move on to the next.
            return self.advance();
        }
        let mut line = String::from("RCPT TO:<");
        line.push_str(&self.recipients[i].address);
        line.push('>');
        self.send(line, Pending::Rcpt(i), Rule::Rcpt);
    }

    fn use_bdat(&self) -> bool {
        self.config.chunking && self.advertised.chunking
    }

    fn send_content(&mut self) {
        let stuffed = dot_stuff(&self.normalized);
        let stuffed_lines = stuffed.len() - 3 - self.normalized.len();
        self.output.extend_from_slice(&stuffed);
        self.pending.push_back(Pending::Content);
        self.push_event(
            EventKind::Content {
                octets: stuffed.len(),
                stuffed_lines,
            },
            Some(Rule::Content),
        );
    }

    fn send_lone_dot(&mut self) {
        self.progress.empty_data = true;
        self.output.extend_from_slice(b".\r\n");
        self.pending.push_back(Pending::Content);
        self.push_event(
            EventKind::Content {
                octets: 3,
                stuffed_lines: 0,
            },
            Some(Rule::EmptyData),
        );
    }

    fn send_bdat_chunk(&mut self) {
        let total = self.normalized.len();
        let start = self.bdat_offset.min(total);
        let size = match self.config.bdat_chunk_size {
            0 => total - start,
            n => n.min(total - start),
        };
        let end = start + size;
        let last = end == total;
        self.bdat_offset = end;
        let mut line = String::from("BDAT ");
        line.push_str(&size.to_string());
        if last {
            line.push_str(" LAST");
        }
        self.send(line, Pending::Bdat { last }, Rule::Bdat);
        self.output.extend_from_slice(&self.normalized[start..end]);
        self.push_event(
            EventKind::Content {
                octets: size,
                stuffed_lines: 0,
            },
            Some(Rule::Bdat),
        );
    }

    fn finish(&mut self) {
        if self.progress.done {
            return;
        }
        self.settle_open(RecipientStatus::RetryLater, None, Rule::Closed);
        self.progress.done = true;
        self.progress.finished = true;
        self.pending.clear();
        let count = |s| self.recipients.iter().filter(|r| r.status == s).count();
        let delivered = count(RecipientStatus::Delivered);
        let retry = count(RecipientStatus::RetryLater);
        self.status = if delivered > 0 && delivered == self.recipients.len() {
            Status::Delivered
        } else if delivered > 0 {
            Status::PartiallyDelivered
        } else if retry > 0 {
            Status::RetryLater
        } else {
            Status::Failed
        };
        self.push_event(EventKind::Finished(self.status), None);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn composes_headers_then_body() {
        let to = ["b@y.test".to_string(), "c@y.test".to_string()];
        let m = compose_message("a@x.test", &to, "Hi", None, b"line\n.dot\n");
        assert_eq!(
            m,
            b"From: <a@x.test>\r\nTo: <b@y.test>, <c@y.test>\r\nSubject: Hi\r\n\r\nline\n.dot\n"
        );
        let dated = compose_message("", &to[..1], "a\r\nBcc: x", Some("Fri, 1 Mar 2024"), b"");
        assert_eq!(
            dated,
            b"Date: Fri, 1 Mar 2024\r\nFrom: <>\r\nTo: <b@y.test>\r\nSubject: a  Bcc: x\r\n\r\n"
        );
    }

    #[test]
    fn reads_ehlo_keywords() {
        let r = Reply::multiline(
            250,
            None,
            vec![
                "mx greets you".into(),
                "pipelining".into(),
                "SIZE 1000".into(),
                "AUTH login PLAIN".into(),
                "8BITMIME".into(),
                "".into(),
            ],
        );
        let a = Advertised::from_ehlo(&r);
        assert!(a.pipelining && a.eightbitmime && !a.chunking);
        assert_eq!(a.size, Some(1000));
        assert_eq!(a.auth, ["LOGIN", "PLAIN"]);
        assert_eq!(a.keywords, ["PIPELINING", "SIZE", "AUTH", "8BITMIME"]);
    }
}
