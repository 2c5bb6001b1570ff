//! The server side of an SMTP session: the RFC 5321 state machine.
//!
//! [`ServerSession`] is sans-IO, in the dialect the client shares (the [crate docs](crate) give
//! the polling order): feed it the client's bytes with [`ServerSession::receive`], split
//! anywhere; show what [`ServerSession::poll_event`] yields; send what
//! [`ServerSession::take_output`] returns. It reads no clock: the adapter calls
//! [`ServerSession::timeout`] when its idle timer fires.
//!
//! ```text
//! Connected --EHLO/HELO--> Ready --MAIL--> Mail --RCPT (250)--> Rcpt --DATA (354)--> Data
//! Data --end of data (250, 4xx or 5xx)--> Ready
//! Rcpt --BDAT n (250)--> Bdat --BDAT n LAST (250)--> Ready       (BDAT n LAST from Rcpt too)
//! Ready --AUTH (334)--> Auth --235 / 535 / 501--> Ready
//! Ready --STARTTLS (220)--> Connected                           (RFC 3207 §4.2: EHLO again)
//! Mail, Rcpt, Bdat --RSET, EHLO, HELO--> Ready                  (RFC 5321 §4.1.4)
//! any --QUIT (221), or a 421--> Closed
//! ```
//!
//! A rejected command leaves the state as it was (RFC 5321 §4.1.4).
//!
//! Decisions where servers differ (each cites its source):
//! - A line ending in a bare LF (RFC 5321 §2.3.8 forbids it) is handled as the [`Persona`]
//!   says, after Postfix's `smtpd_forbid_bare_newline`: refused with 550 (strict, `reject`),
//!   read as CRLF with the end of data at CRLF.CRLF only (lenient, `normalize`), or read as
//!   CRLF everywhere, the end of data included (vulnerable, `no`). Each persona raises
//!   [`Warning::BareLfInCommand`] / [`Warning::BareLfInData`]; a bare CR is kept as data and
//!   reported with [`Warning::BareCrInData`] (Postfix keeps it too).
//! - Command lines may be 512 octets, CRLF included (RFC 5321 §4.5.3.1.4), plus the allowances
//!   extensions grant when advertised: MAIL +26 for SIZE (RFC 1870 §3), +100 for ENVID and RET
//!   (RFC 3461 §4), +500 for AUTH= (RFC 4954 §5), +10 for SMTPUTF8 (RFC 6531 §3.4); RCPT +500
//!   for NOTIFY and ORCPT (RFC 3461 §4). AUTH command and response lines may be 12288 octets
//!   (RFC 4954 §4). Longer lines get `500 5.5.2 Line too long` (`500 5.5.6` inside an AUTH
//!   exchange, RFC 4954 §6) and the rest of the line is discarded.
//! - A command is *bad* when it is answered 500, 501, 503, 504 or 555 (not understood, wrong
//!   syntax, wrong order, unknown parameter). After [`ServerConfig::max_errors`] bad commands in a
//!   row the bad command's reply is followed by `421 4.7.0` and the close (RFC 5321 §7.8 allows it
//!   as a defence). Any other reply resets the count.
//! - VRFY is answered `252 2.0.0` (RFC 5321 §7.3); EXPN `502 5.5.1`: mailing lists are private
//!   (§7.3) and this server has none, so "not implemented here" is the honest answer, as Gmail
//!   gives it.
//! - No enhanced status code on any reply to HELO or EHLO, errors included (RFC 2034 §4: "other
//!   than the initial greeting and any response to HELO or EHLO"), as Postfix does.
//! - A second STARTTLS gets `503 5.5.1` (Postfix answers 554, go-smtp 502).
//! - A 503 names the first missing step, checked in session order: MAIL, RCPT, DATA and BDAT
//!   before HELO/EHLO all get `Send HELO or EHLO first` (RFC 5321 §4.1.4); STARTTLS and AUTH
//!   check the hello, then an open transaction, then TLS or a login already done, so the state
//!   before the command tells which check refused it.
//! - ESMTP parameters after HELO count as not advertised (`555 5.5.4`): HELO negotiated nothing.

use std::collections::VecDeque;

#[cfg(feature = "serde")]
use serde::{Deserialize, Serialize};

use crate::command::{
    split_verb, BodyType, Command, CommandError, MailParams, Mailbox, RcptParams, Verb,
    MAX_COMMAND_LINE,
};
use crate::data::{BdatReceiver, DataReceiver, DataStatus, LineEnd};
use crate::forced::{PathPattern, Strikes, Target};
use crate::names;
use crate::push_decimal;
use crate::reply::{EnhancedCode, Reply};
use crate::sequence::{Closing, Prompt};

/// How the server treats line endings and the end of data: the three settings of Postfix's
/// `smtpd_forbid_bare_newline` (postconf(5); Postfix `smtpd.c`, `smtp_stream.c`), which real
/// servers share. The end of data per persona, vector by vector, is tested against the research
/// table in `src/core/tests/personas.rs`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub enum Persona {
    /// RFC 5321 to the letter (§2.3.8: lines end with CRLF; §4.1.1.4: data ends at CRLF.CRLF),
    /// as Postfix with `smtpd_forbid_bare_newline = reject`: a line read as a command that ends
    /// with a bare LF gets `550 5.5.2 <host> Error: bare <LF> received` and the connection is
    /// closed (Postfix HISTORY 20231221); a message holding a bare LF is read to its CRLF.CRLF
    /// and then refused with the same 550 (the "delayed reject" of 20240104), and nothing is
    /// stored; so is a BDAT chunk holding one. Paths need angle brackets. The default.
    #[default]
    Strict,
    /// Postfix 3.9's default, `smtpd_forbid_bare_newline = normalize`: a bare LF ends a command
    /// or a message line as if it were CRLF (stored as CRLF), but the data ends only at
    /// CRLF.CRLF; a lone `.` line next to a bare LF is skipped. aiosmtpd 1.4.5 and later end
    /// the data at the same places (CVE-2024-27305), though they keep a bare LF in the message
    /// as it came. `MAIL FROM:user@example.com` without brackets is accepted, as Postfix's
    /// default `strict_rfc821_envelopes = no` does.
    Lenient,
    /// A server open to SMTP smuggling (CVE-2023-51764/5/6), as Postfix before 3.9 or with
    /// `smtpd_forbid_bare_newline = no`: a bare LF ends any line, so `<LF>.<LF>`, `<LF>.<CRLF>`
    /// and `<CRLF>.<LF>` also end the data (and `<CRLF>.<CR><CRLF>`, since Postfix then strips
    /// the CRs before an LF). aiosmtpd before 1.4.5 ended it at `<LF>.<CRLF>` too. For the
    /// lesson and the lab; never the default.
    Vulnerable,
}

impl Persona {
    /// How this persona reads DATA.
    pub const fn line_end(self) -> LineEnd {
        match self {
            Persona::Strict | Persona::Lenient => LineEnd::Normalize,
            Persona::Vulnerable => LineEnd::Lf,
        }
    }

    /// True when a line ending in a bare LF is refused rather than read.
    pub const fn refuses_bare_lf(self) -> bool {
        matches!(self, Persona::Strict)
    }
}

names::names!(Persona {
    Strict,
    Lenient,
    Vulnerable
});

/// Which ESMTP extensions the server advertises in its EHLO reply and honours.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
pub struct Extensions {
    /// PIPELINING (RFC 2920).
    pub pipelining: bool,
    /// SIZE (RFC 1870), with [`ServerConfig::max_message_size`].
    pub size: bool,
    /// 8BITMIME (RFC 6152).
    pub eightbitmime: bool,
    /// SMTPUTF8 (RFC 6531).
    pub smtputf8: bool,
    /// ENHANCEDSTATUSCODES (RFC 2034).
    pub enhanced_status_codes: bool,
    /// CHUNKING, the BDAT command (RFC 3030).
    pub chunking: bool,
    /// STARTTLS (RFC 3207), simulated.
    pub starttls: bool,
    /// AUTH PLAIN LOGIN (RFC 4954).
    pub auth: bool,
    /// DSN (RFC 3461).
    pub dsn: bool,
    /// HELP, listed as a keyword.
    pub help: bool,
}

impl Default for Extensions {
    fn default() -> Self {
        Self {
            pipelining: true,
            size: true,
            eightbitmime: true,
            smtputf8: true,
            enhanced_status_codes: true,
            chunking: true,
            starttls: true,
            auth: true,
            dsn: true,
            help: true,
        }
    }
}

/// Where a [`Fault`] strikes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
pub enum FaultPoint {
    /// The 220 greeting. A forced 554 makes the session answer everything but QUIT with 503
    /// (RFC 5321 §3.1); a forced 421 closes it at once.
    Greeting,
    /// HELO.
    Helo,
    /// EHLO.
    Ehlo,
    /// MAIL.
    Mail,
    /// RCPT.
    Rcpt,
    /// The DATA command itself (instead of 354).
    Data,
    /// The reply after the message: the end of data, or `BDAT … LAST`. The content is read to
    /// the end first, and the transaction ends whatever the reply.
    EndOfData,
    /// Any BDAT command; its chunk is still read (RFC 3030 §2) and then dropped.
    Bdat,
    /// RSET.
    Rset,
    /// NOOP.
    Noop,
    /// QUIT.
    Quit,
    /// VRFY.
    Vrfy,
    /// EXPN.
    Expn,
    /// HELP.
    Help,
    /// STARTTLS.
    StartTls,
    /// AUTH (the command, not the responses to its challenges).
    Auth,
}

impl FaultPoint {
    /// The point at which a command with this verb can be faulted (the lessons' `to` points too).
    pub(crate) fn of(verb: Verb) -> FaultPoint {
        match verb {
            Verb::Helo => FaultPoint::Helo,
            Verb::Ehlo => FaultPoint::Ehlo,
            Verb::Mail => FaultPoint::Mail,
            Verb::Rcpt => FaultPoint::Rcpt,
            Verb::Data => FaultPoint::Data,
            Verb::Bdat => FaultPoint::Bdat,
            Verb::Rset => FaultPoint::Rset,
            Verb::Noop => FaultPoint::Noop,
            Verb::Quit => FaultPoint::Quit,
            Verb::Vrfy => FaultPoint::Vrfy,
            Verb::Expn => FaultPoint::Expn,
            Verb::Help => FaultPoint::Help,
            Verb::StartTls => FaultPoint::StartTls,
            Verb::Auth => FaultPoint::Auth,
        }
    }
}

names::names!(FaultPoint {
    Greeting,
    Helo,
    Ehlo,
    Mail,
    Rcpt,
    Data,
    EndOfData,
    Bdat,
    Rset,
    Noop,
    Quit,
    Vrfy,
    Expn,
    Help,
    StartTls,
    Auth,
});

/// How often a [`Fault`] strikes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
pub enum FaultTimes {
    /// The first time it matches, then never again in this session.
    Once,
    /// The first N times it matches.
    Times(u32),
    /// Every time.
    Always,
}

/// A forced reply, for simulations and lessons (the rules of [`crate::forced`]): when a command
/// at `command` arrives that the server would accept, and its path matches `pattern` (MAIL and
/// RCPT only), `reply` is sent instead of the normal one.
///
/// A 4xx or 5xx refuses the command: the state does not change (RFC 5321 §4.1.4), a 421 closes
/// the session (§3.8), and at [`FaultPoint::EndOfData`] the transaction ends. A 2xx to MAIL, RCPT
/// or the end of data carries the command out — the sender or recipient is accepted (a 251 to
/// RCPT is "will forward", RFC 5321 §3.4), the message is handed over — and is sent in place of
/// the usual 250. Any other forced reply is sent and changes nothing.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
pub struct Fault {
    /// Where it strikes.
    pub command: FaultPoint,
    /// The reply sent instead (written exactly as given).
    pub reply: Reply,
    /// How often.
    pub times: FaultTimes,
    /// For MAIL and RCPT: only commands whose path matches; `None` for every command.
    pub pattern: Option<PathPattern>,
}

/// Settings of a [`ServerSession`].
#[derive(Clone, Debug)]
pub struct ServerConfig {
    /// The name the server gives itself in the greeting, EHLO reply and trace headers.
    pub hostname: String,
    /// Line-ending and end-of-data behaviour.
    pub persona: Persona,
    /// How DATA is read when not as the persona reads it: the lab's relays keep a bare LF as it
    /// came ([`LineEnd::Crlf`], as Exchange Online did in 2023). `None` by default.
    pub data_line_end: Option<LineEnd>,
    /// Extensions advertised and honoured.
    pub extensions: Extensions,
    /// Recipients accepted per transaction; the next gets 452 4.5.3 (RFC 5321 §4.5.3.1.8).
    pub max_recipients: usize,
    /// Largest message accepted, in octets (RFC 1870); larger gets 552 5.3.4.
    pub max_message_size: usize,
    /// Bad commands in a row before 421 4.7.0 and the close; 0 never closes.
    pub max_errors: u32,
    /// Failed AUTH exchanges (535, or one cancelled or undecodable) in a session before
    /// `421 4.7.0` and the close, against password guessing (RFC 4954 §4, RFC 5321 §7.8); 0
    /// never closes. Default 3.
    pub max_auth_failures: u32,
    /// Accounts AUTH accepts, as (user, password).
    pub users: Vec<(String, String)>,
    /// Forced replies, for simulations (empty by default).
    pub faults: Vec<Fault>,
    /// The session runs inside TLS from its first byte (RFC 8314 §3, "implicit TLS", port
    /// 465): the adapter did the handshake before the greeting. STARTTLS is then not offered.
    pub implicit_tls: bool,
}

impl Default for ServerConfig {
    fn default() -> Self {
        Self {
            hostname: "mx.example.test".into(),
            persona: Persona::Strict,
            data_line_end: None,
            extensions: Extensions::default(),
            max_recipients: 100,
            max_message_size: 10_485_760,
            max_errors: 10,
            max_auth_failures: 3,
            users: vec![("alice".into(), "wonderland".into())],
            faults: Vec::new(),
            implicit_tls: false,
        }
    }
}

/// True for a name the server may give itself in its greeting and EHLO reply
/// ([`ServerConfig::hostname`]): a domain or an address literal (RFC 5321 §4.2 `Greeting`,
/// §4.1.3), in ASCII because the greeting goes out before SMTPUTF8 could be agreed (RFC 6531
/// §3.7.1), at most 255 octets (RFC 5321 §4.5.3.1.2).
pub fn is_server_name(name: &str) -> bool {
    name.len() <= crate::command::MAX_DOMAIN
        && name.is_ascii()
        && (crate::command::is_domain(name) || crate::command::is_address_literal(name))
}

/// Where the session stands (RFC 5321 §4.1.4 ordering).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub enum State {
    /// Greeting sent; waiting for HELO or EHLO.
    Connected,
    /// The client said hello; no mail transaction open.
    Ready,
    /// In the middle of an AUTH exchange, waiting for the client's response to a 334.
    Auth,
    /// MAIL accepted; waiting for RCPT.
    Mail,
    /// At least one RCPT accepted; more RCPT, DATA or BDAT may follow.
    Rcpt,
    /// Receiving message content after 354, until the `.` line.
    Data,
    /// Receiving BDAT chunks; more are expected until `BDAT n LAST`.
    Bdat,
    /// The session is over (after 221 or 421).
    Closed,
}

names::names!(State {
    Connected,
    Ready,
    Auth,
    Mail,
    Rcpt,
    Data,
    Bdat,
    Closed
});

/// One kind of input the server takes next: what a learner may usefully type, by RFC 5321
/// §4.1.4 and the extensions. [`State::inputs`] lists them per state; [`ServerSession::inputs`]
/// also knows when a BDAT chunk is open.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize))]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[cfg_attr(feature = "serde", serde(tag = "type", content = "value"))]
pub enum Input {
    /// A command with this verb.
    Command(Verb),
    /// The answer to a 334 challenge: base64 on a line of its own (RFC 4954 §4).
    AuthResponse,
    /// `*`, which cancels the AUTH exchange (RFC 4954 §4).
    AuthCancel,
    /// A line of the message (RFC 5321 §4.1.1.4).
    MessageLine,
    /// The line holding only `.` that ends the message (RFC 5321 §4.1.1.4).
    EndOfData,
    /// Octets of the open BDAT chunk: every byte is message content until `left` more have
    /// arrived, command words included (RFC 3030 §2).
    ChunkOctets {
        /// Octets still to come.
        left: u64,
    },
}

impl Input {
    /// How [`State::allowed_commands`] spells it: the verb, or a placeholder in angle brackets.
    const fn word(self) -> &'static str {
        match self {
            Input::Command(v) => v.as_str(),
            Input::AuthResponse => "<base64 response>",
            Input::AuthCancel => "*",
            Input::MessageLine => "<message line>",
            Input::EndOfData => ".",
            Input::ChunkOctets { .. } => "<chunk octets>",
        }
    }
}

/// Commands that fit in any state after the greeting (RFC 5321 §4.1.4: RSET, NOOP, HELP, VRFY
/// and QUIT may come at any time), listed last in each state.
macro_rules! inputs {
    ($($verb:ident),*) => {
        &[$(Input::Command(Verb::$verb)),*, Input::Command(Verb::Rset),
          Input::Command(Verb::Noop), Input::Command(Verb::Help), Input::Command(Verb::Vrfy),
          Input::Command(Verb::Quit)]
    };
}

const CONNECTED: &[Input] = inputs!(Ehlo, Helo);
const READY: &[Input] = inputs!(Mail, Auth, StartTls, Ehlo, Helo);
const AUTH: &[Input] = &[Input::AuthResponse, Input::AuthCancel];
const MAIL: &[Input] = inputs!(Rcpt, Ehlo, Helo);
const RCPT: &[Input] = inputs!(Rcpt, Data, Bdat, Ehlo, Helo);
const DATA: &[Input] = &[Input::MessageLine, Input::EndOfData];
const BDAT: &[Input] = inputs!(Bdat, Ehlo, Helo);

/// The [`Input::word`]s of a list, computed at compile time.
const fn words<const N: usize>(inputs: &[Input]) -> [&'static str; N] {
    let mut out = [""; N];
    let mut i = 0;
    while i < N {
        out[i] = inputs[i].word();
        i += 1;
    }
    out
}

impl State {
    /// What a learner may usefully type next in this state (RFC 5321 §4.1.4 and the
    /// extensions). While a BDAT chunk is open only its octets count: ask
    /// [`ServerSession::inputs`].
    pub const fn inputs(self) -> &'static [Input] {
        match self {
            State::Connected => CONNECTED,
            State::Ready => READY,
            State::Auth => AUTH,
            State::Mail => MAIL,
            State::Rcpt => RCPT,
            State::Data => DATA,
            State::Bdat => BDAT,
            State::Closed => &[],
        }
    }

    /// [`State::inputs`] as words: verbs, and placeholders in angle brackets. Superseded by
    /// `inputs`, whose words the catalogue gives in each language; kept for the wasm adapter
    /// until it renders those.
    pub const fn allowed_commands(self) -> &'static [&'static str] {
        match self {
            State::Connected => &const { words::<{ CONNECTED.len() }>(CONNECTED) },
            State::Ready => &const { words::<{ READY.len() }>(READY) },
            State::Auth => &const { words::<{ AUTH.len() }>(AUTH) },
            State::Mail => &const { words::<{ MAIL.len() }>(MAIL) },
            State::Rcpt => &const { words::<{ RCPT.len() }>(RCPT) },
            State::Data => &const { words::<{ DATA.len() }>(DATA) },
            State::Bdat => &const { words::<{ BDAT.len() }>(BDAT) },
            State::Closed => &[],
        }
    }
}

/// A message the server accepted.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[cfg_attr(feature = "serde", serde(rename_all = "camelCase"))]
#[cfg_attr(feature = "ts", tsify(missing_as_null))]
pub struct Message {
    /// The message's number in this session, from 1 (the core has no clock or randomness, so
    /// this is the queue id; adapters may prefix it with something unique).
    pub id: u64,
    /// The name the client gave in HELO or EHLO.
    pub helo: String,
    /// The trace protocol name (RFC 3848, RFC 6531 §3.7.3): SMTP, ESMTP, ESMTPA, ESMTPS,
    /// ESMTPSA, UTF8SMTP, UTF8SMTPA, UTF8SMTPS, UTF8SMTPSA.
    pub protocol: &'static str,
    /// The reverse-path without brackets; empty for the null sender `<>`.
    pub reverse_path: String,
    /// The accepted forward-paths, without brackets.
    pub recipients: Vec<String>,
    /// The message content exactly as received, unstuffed.
    #[cfg_attr(feature = "serde", serde(serialize_with = "serialize_bytes"))]
    #[cfg_attr(feature = "ts", tsify(type = "Uint8Array"))]
    pub content: Vec<u8>,
    /// The transaction used SMTPUTF8 (RFC 6531).
    pub smtputf8: bool,
    /// The BODY parameter of MAIL, if any (RFC 6152).
    pub body: Option<BodyType>,
    /// The SIZE parameter of MAIL, if any (RFC 1870).
    pub declared_size: Option<u64>,
    /// The user who authenticated with AUTH, if any (RFC 4954).
    pub authenticated: Option<String>,
    /// The content came in BDAT chunks (RFC 3030) rather than DATA.
    pub chunked: bool,
}

/// Something worth pointing out that is not an error reply.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[cfg_attr(feature = "serde", serde(tag = "kind"))]
pub enum Warning {
    /// A command line ended with a bare LF instead of CRLF (RFC 5321 §2.3.8).
    BareLfInCommand,
    /// The message held lines ended by a bare LF; they were kept as data (reported after the
    /// terminator).
    BareLfInData {
        /// How many.
        count: usize,
    },
    /// The message held CR bytes not followed by LF; they were kept as data.
    BareCrInData {
        /// How many.
        count: usize,
    },
    /// Bytes the client sent after STARTTLS, before it could have seen the 220, were thrown
    /// away (RFC 3207 §4.2; the 2011 STARTTLS command-injection flaw, CVE-2011-0411).
    DiscardedAfterStartTls {
        /// How many octets ([`Warning::count`], and `count` when serialised, like the others).
        #[cfg_attr(feature = "serde", serde(rename = "count"))]
        octets: usize,
    },
    /// AUTH without TLS: the password crossed the wire in base64, which is not encryption
    /// (RFC 4954 §4 expects a protected channel).
    AuthWithoutTls,
    /// The message held lines longer than 1000 octets with their CRLF (RFC 5321 §4.5.3.1.6);
    /// this persona took them in, as Postfix does.
    LongLines {
        /// How many.
        count: usize,
        /// The longest, in octets, CRLF included.
        longest: usize,
    },
    /// A MAIL or RCPT path with a local part over 64 octets was accepted. RFC 5321 §4.5.3.1.1
    /// names 64 as the size every server must take, §4.5.3.1 says servers SHOULD not limit
    /// it, and Postfix does not: a client SHOULD NOT count on more.
    LongLocalPart {
        /// The local part's length, in octets (`count` when serialised, like the others).
        #[cfg_attr(feature = "serde", serde(rename = "count"))]
        octets: usize,
    },
    /// The data ended at a sequence other than CRLF.CRLF (`LF.LF`, `LF.CRLF`, `CRLF.LF`), which
    /// only the lenient and vulnerable personas accept. RFC 5321 §4.1.1.4 forbids it; it is
    /// what SMTP smuggling exploits (CVE-2023-51764/5/6).
    NonStandardEndOfData,
}

/// A kind of [`Warning`], without its counts: what the catalogue explains.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub enum WarningKind {
    /// [`Warning::BareLfInCommand`].
    BareLfInCommand,
    /// [`Warning::BareLfInData`].
    BareLfInData,
    /// [`Warning::BareCrInData`].
    BareCrInData,
    /// [`Warning::DiscardedAfterStartTls`].
    DiscardedAfterStartTls,
    /// [`Warning::AuthWithoutTls`].
    AuthWithoutTls,
    /// [`Warning::LongLines`].
    LongLines,
    /// [`Warning::NonStandardEndOfData`].
    NonStandardEndOfData,
    /// [`Warning::LongLocalPart`].
    LongLocalPart,
}

names::names!(WarningKind {
    BareLfInCommand,
    BareLfInData,
    BareCrInData,
    DiscardedAfterStartTls,
    AuthWithoutTls,
    LongLines,
    NonStandardEndOfData,
    LongLocalPart,
});

impl Warning {
    /// Its kind.
    pub const fn kind(&self) -> WarningKind {
        match self {
            Warning::BareLfInCommand => WarningKind::BareLfInCommand,
            Warning::BareLfInData { .. } => WarningKind::BareLfInData,
            Warning::BareCrInData { .. } => WarningKind::BareCrInData,
            Warning::DiscardedAfterStartTls { .. } => WarningKind::DiscardedAfterStartTls,
            Warning::AuthWithoutTls => WarningKind::AuthWithoutTls,
            Warning::LongLines { .. } => WarningKind::LongLines,
            Warning::NonStandardEndOfData => WarningKind::NonStandardEndOfData,
            Warning::LongLocalPart { .. } => WarningKind::LongLocalPart,
        }
    }

    /// What it counts, for the kinds that count something: lines, bytes or octets.
    pub const fn count(&self) -> Option<usize> {
        match self {
            Warning::BareLfInData { count }
            | Warning::BareCrInData { count }
            | Warning::LongLines { count, .. } => Some(*count),
            Warning::DiscardedAfterStartTls { octets } | Warning::LongLocalPart { octets } => {
                Some(*octets)
            }
            Warning::BareLfInCommand | Warning::AuthWithoutTls | Warning::NonStandardEndOfData => {
                None
            }
        }
    }
}

/// Message content as bytes (a `Uint8Array` in JavaScript), not as a list of numbers.
#[cfg(feature = "serde")]
fn serialize_bytes<S: serde::Serializer>(bytes: &[u8], s: S) -> Result<S::Ok, S::Error> {
    s.serialize_bytes(bytes)
}

/// Why the adapter could not take responsibility for a message (RFC 5321 §6.1).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
pub enum StoreFailure {
    /// Storing failed for a reason that may pass: `451 4.3.0` (RFC 5321 §4.2.3, RFC 3463).
    Local,
    /// The disk is full: `452 4.3.1` "insufficient system storage" (RFC 3463 §3.4).
    Full,
}

/// Something the session did that a caller may show, in the order it happened.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[cfg_attr(feature = "serde", serde(tag = "type"))]
#[cfg_attr(feature = "ts", tsify(rename = "ServerEvent"))]
pub enum Event {
    /// A command line was read (CRLF removed; invalid UTF-8 shown lossily).
    Command {
        /// What the line is: a command with a known verb, an unknown word, or a response inside
        /// an AUTH exchange.
        prompt: Prompt,
        /// The whole line (its first 512 octets if it was too long).
        line: String,
    },
    /// A reply was sent, with what it answers and the state the session was in when that
    /// arrived (before the command changed it).
    Reply {
        /// The reply, as written to the wire.
        reply: Reply,
        /// What it answers (RFC 5321 §4.3.2 pairs each command with its replies).
        answers: Prompt,
        /// The state before the command it answers.
        before: State,
    },
    /// The session moved from one state to another.
    StateChanged {
        /// The state before.
        from: State,
        /// The state after.
        to: State,
    },
    /// The whole message has arrived (the end of data, or `BDAT … LAST`) and no reply has been
    /// sent yet. A 250 is a promise (RFC 5321 §6.1: the server takes responsibility for the
    /// message), so the adapter stores the message first, then answers with
    /// [`ServerSession::accept_message`] or [`ServerSession::refuse_message`]. Until it does, the
    /// session holds any further input.
    MessageReceived(Message),
    /// The 220 to STARTTLS was queued (RFC 3207 §4): the adapter sends the output, then starts
    /// the TLS handshake on the connection. Everything after it is read inside TLS. A session
    /// without a real TLS layer (the browser, the simulation) just goes on: TLS is simulated.
    StartTls,
    /// Something noteworthy that is not an error.
    Warning(Warning),
}

/// The text after the hostname in the strict persona's refusal of a bare LF: Postfix's words.
const BARE_LF_TEXT: &str = " Error: bare <LF> received";

/// The 503 text for MAIL, RCPT, DATA and BDAT before HELO or EHLO: RFC 5321 §4.1.4 requires the
/// hello before a mail transaction, so all four get the same answer.
const NO_HELLO: &str = "Send HELO or EHLO first";

/// Longest AUTH command or response line, CRLF included (RFC 4954 §4).
const MAX_AUTH_LINE: usize = 12288;
/// Bytes of a line kept while reading it: the longest content any line may have, plus a CR.
/// A line longer than this is too long whatever its verb, so the rest need not be kept.
const LINE_CAP: usize = MAX_AUTH_LINE - 2 + 1;

/// How the next input bytes are read.
#[derive(Debug)]
enum Mode {
    /// Command lines (or AUTH responses in [`State::Auth`]).
    Command,
    /// Message content after 354, and the last five bytes fed to it (to tell which sequence
    /// ended the data).
    Data(Box<DataReceiver>, [u8; 5]),
    /// A BDAT chunk: exactly `size` octets, then the reply decided when the command came.
    Chunk {
        rx: BdatReceiver,
        size: u64,
        verdict: ChunkVerdict,
    },
}

#[derive(Debug)]
enum ChunkVerdict {
    Accept { last: bool },
    Reject(Reply),
}

/// The client's hello (RFC 5321 §4.1.1.1).
#[derive(Debug)]
enum Hello {
    /// None yet, or forgotten after STARTTLS (RFC 3207 §4.2).
    NotYet,
    /// HELO with this name: no extensions.
    Helo(String),
    /// EHLO with this name: the extensions are in use.
    Ehlo(String),
}

impl Hello {
    /// The name the client gave; empty before the hello.
    fn name(&self) -> &str {
        match self {
            Hello::NotYet => "",
            Hello::Helo(name) | Hello::Ehlo(name) => name,
        }
    }

    /// True after EHLO: ESMTP parameters and extensions may be used.
    fn esmtp(&self) -> bool {
        matches!(self, Hello::Ehlo(_))
    }
}

/// A whole message that waits for the adapter's verdict (RFC 5321 §6.1).
#[derive(Debug)]
struct AwaitedVerdict {
    /// What the verdict answers: the end of data or `BDAT … LAST`.
    answers: Prompt,
    /// The state before that.
    before: State,
    /// A forced 2xx sent instead of the verdict's 250.
    forced: Option<Reply>,
}

#[derive(Debug)]
enum AuthStep {
    Plain,
    LoginUser,
    LoginPassword(String),
}

/// The mail transaction (RFC 5321 §3.3), open in [`State::Mail`], [`State::Rcpt`] and
/// [`State::Bdat`].
#[derive(Debug, Default)]
struct Transaction {
    from: Option<Mailbox>,
    params: MailParams,
    recipients: Vec<String>,
    /// A RCPT was tried, accepted or not: DATA then gets 554 rather than 503 (RFC 2920 §3.1).
    rcpt_attempted: bool,
    /// BDAT chunks so far (stored up to the size limit).
    content: Vec<u8>,
    /// Octets of all BDAT chunks so far.
    chunked_size: u64,
}

/// One server session, sans-IO.
///
/// Feed client bytes with [`ServerSession::receive`]; then send what
/// [`ServerSession::take_output`] returns and show what [`ServerSession::poll_event`] yields.
/// Output and events come out in the order they happened, and do not depend on how the input
/// was split — except that bytes arriving in the same `receive` call as a STARTTLS line, after
/// it, are discarded (the client sent them before it could have seen the 220).
#[derive(Debug)]
pub struct ServerSession {
    config: ServerConfig,
    state: State,
    output: Vec<u8>,
    events: VecDeque<Event>,
    mode: Mode,
    /// The line being read, at most [`LINE_CAP`] bytes of it.
    line: Vec<u8>,
    /// The line being read is longer than [`LINE_CAP`].
    line_overflow: bool,
    hello: Hello,
    tls: bool,
    authenticated: Option<String>,
    auth: Option<AuthStep>,
    /// The greeting was a forced 554: only QUIT is served (RFC 5321 §3.1).
    refused: bool,
    tx: Transaction,
    /// Bad commands in a row.
    errors: u32,
    /// AUTH exchanges that ended without 235 this session.
    auth_failures: u32,
    /// How often each fault has struck.
    strikes: Strikes,
    messages: u64,
    /// STARTTLS was accepted: drop the rest of the current input.
    discard_rest: bool,
    /// What the next reply answers, and the state before it arrived.
    answering: (Prompt, State),
    /// A whole message awaits the adapter's verdict.
    verdict: Option<AwaitedVerdict>,
    /// Input that arrived while a verdict was pending, read once it is given.
    held: Vec<u8>,
}

impl ServerSession {
    /// A new session; its 220 greeting is queued as the first output.
    pub fn new(config: ServerConfig) -> Self {
        let tls = config.implicit_tls;
        let mut s = Self {
            config,
            state: State::Connected,
            output: Vec::new(),
            events: VecDeque::new(),
            mode: Mode::Command,
            line: Vec::new(),
            line_overflow: false,
            hello: Hello::NotYet,
            tls,
            authenticated: None,
            auth: None,
            refused: false,
            tx: Transaction::default(),
            errors: 0,
            auth_failures: 0,
            strikes: Strikes::default(),
            messages: 0,
            discard_rest: false,
            answering: (Prompt::Connect, State::Connected),
            verdict: None,
            held: Vec::new(),
        };
        match s.fault(FaultPoint::Greeting, Target::Command) {
            Some(forced) => {
                s.refused = forced.code == 554;
                s.send_forced(forced);
            }
            None => {
                let mut text = s.config.hostname.clone();
                text.push_str(" ESMTP smtp-sim");
                s.send(Reply::new(220, None, text));
            }
        }
        s
    }

    /// Processes client bytes, split anywhere; everything is consumed (partial lines are kept).
    /// After the session is closed, input is ignored. While a message awaits its verdict
    /// ([`Event::MessageReceived`]) input is held, and read when the verdict is given.
    pub fn receive(&mut self, input: &[u8]) {
        let mut rest = input;
        while !rest.is_empty() && self.state != State::Closed {
            if self.verdict.is_some() {
                // Nothing after the message is read before the adapter's verdict is sent.
                self.held.extend_from_slice(rest);
                return;
            }
            match &mut self.mode {
                Mode::Command => {
                    let Some(lf) = crate::find_byte(b'\n', rest) else {
                        self.buffer_line(rest);
                        return;
                    };
                    self.buffer_line(&rest[..lf]);
                    rest = &rest[lf + 1..];
                    self.end_line();
                    if std::mem::take(&mut self.discard_rest) && !rest.is_empty() {
                        self.warn(Warning::DiscardedAfterStartTls { octets: rest.len() });
                        return;
                    }
                }
                Mode::Data(rx, tail) => match rx.feed(rest) {
                    DataStatus::Incomplete => {
                        push_tail(tail, rest);
                        return;
                    }
                    DataStatus::Complete { consumed } => {
                        let (used, after) = rest.split_at(consumed.min(rest.len()));
                        push_tail(tail, used);
                        rest = after;
                        if let Mode::Data(rx, tail) =
                            std::mem::replace(&mut self.mode, Mode::Command)
                        {
                            self.end_of_data(*rx, tail);
                        }
                    }
                },
                Mode::Chunk { rx, verdict, .. } => {
                    let limit = match verdict {
                        ChunkVerdict::Accept { .. } => self.config.max_message_size,
                        ChunkVerdict::Reject(_) => 0,
                    };
                    let n = rx.feed(rest, &mut self.tx.content, limit);
                    rest = rest.get(n..).unwrap_or_default();
                    if rx.is_complete() {
                        if let Mode::Chunk { size, verdict, .. } =
                            std::mem::replace(&mut self.mode, Mode::Command)
                        {
                            self.end_of_chunk(size, verdict);
                        }
                    }
                }
            }
        }
    }

    /// Takes the bytes to send to the client, in order.
    pub fn take_output(&mut self) -> Vec<u8> {
        std::mem::take(&mut self.output)
    }

    /// The next event, oldest first.
    pub fn poll_event(&mut self) -> Option<Event> {
        self.events.pop_front()
    }

    /// Where the session stands.
    pub fn state(&self) -> State {
        self.state
    }

    /// Octets of the current BDAT chunk still to come, while one is being read (RFC 3030 §2:
    /// they are message bytes, never commands); `None` otherwise.
    pub fn chunk_remaining(&self) -> Option<u64> {
        match &self.mode {
            Mode::Chunk { rx, .. } => Some(rx.remaining()),
            _ => None,
        }
    }

    /// What the server takes next: [`State::inputs`], or only the octets of an open BDAT chunk
    /// (RFC 3030 §2), however the state reads.
    pub fn inputs(&self) -> Vec<Input> {
        match self.chunk_remaining() {
            Some(left) => vec![Input::ChunkOctets { left }],
            None => self.state.inputs().to_vec(),
        }
    }

    /// How many more bad commands (answered 500, 501, 503, 504 or 555) the server takes before
    /// it follows one with `421 4.7.0` and closes (RFC 5321 §7.8): 1 means the next bad command
    /// ends the session. `None` when [`ServerConfig::max_errors`] is 0 (it never closes for
    /// errors).
    pub fn bad_commands_left(&self) -> Option<u32> {
        (self.config.max_errors > 0).then(|| self.config.max_errors.saturating_sub(self.errors))
    }

    /// True once the session has ended (after 221 or 421): the caller closes the connection.
    pub fn is_closed(&self) -> bool {
        self.state == State::Closed
    }

    /// The configuration this session runs with.
    pub fn config(&self) -> &ServerConfig {
        &self.config
    }

    /// The recipients accepted in the open transaction (none when no transaction is open).
    pub fn recipients(&self) -> &[String] {
        &self.tx.recipients
    }

    /// True while simulated TLS is in effect (after STARTTLS).
    pub fn is_tls(&self) -> bool {
        self.tls
    }

    /// The user who authenticated with AUTH, if any.
    pub fn authenticated_user(&self) -> Option<&str> {
        self.authenticated.as_deref()
    }

    /// The adapter's idle timer fired (RFC 5321 §4.5.3.2): queues `421 4.4.2` and closes.
    /// Whatever was half-received is dropped.
    pub fn timeout(&mut self) {
        if self.state != State::Closed {
            self.answering = (Prompt::Closing(Closing::Timeout), self.state);
            let text = self.with_host(" Error: timeout exceeded");
            self.reply(421, (4, 4, 2), text);
            self.close();
        }
    }

    /// The server is going down: queues `421 4.3.2` and closes (RFC 5321 §3.8).
    pub fn shutdown(&mut self) {
        if self.state != State::Closed {
            self.answering = (Prompt::Closing(Closing::Shutdown), self.state);
            let text = self.with_host(" Service shutting down");
            self.reply(421, (4, 3, 2), text);
            self.close();
        }
    }

    /// The server is too busy to serve this client now (all session slots taken, or too many
    /// from its address): queues `421 4.3.2 <host> Too many connections, try again later` and
    /// closes. RFC 5321 §3.8 and §4.2.3: 421 means "service not available", which the client
    /// retries later; RFC 3463 §3.4: X.3.2, the system is not accepting messages. An adapter
    /// refusing a connection sends this in place of the 220 greeting.
    pub fn refuse_busy(&mut self) {
        if self.state != State::Closed {
            self.answering = (Prompt::Closing(Closing::Busy), self.state);
            let text = self.with_host(" Too many connections, try again later");
            self.reply(421, (4, 3, 2), text);
            self.close();
        }
    }

    // ---- output helpers -------------------------------------------------------------------

    fn with_host(&self, tail: &str) -> String {
        let mut s = self.config.hostname.clone();
        s.push_str(tail);
        s
    }

    /// The enhanced code to attach, if ENHANCEDSTATUSCODES is on (RFC 2034).
    fn ec(&self, (class, subject, detail): (u8, u16, u16)) -> Option<EnhancedCode> {
        self.config
            .extensions
            .enhanced_status_codes
            .then_some(EnhancedCode::new(class, subject, detail))
    }

    /// Sends a reply with its enhanced code.
    fn reply(&mut self, code: u16, e: (u8, u16, u16), text: impl Into<String>) {
        let enhanced = self.ec(e);
        self.send(Reply::new(code, enhanced, text));
    }

    /// Sends a reply to HELO or EHLO: never an enhanced code (RFC 2034 §4).
    fn reply_hello(&mut self, code: u16, text: impl Into<String>) {
        self.send(Reply::new(code, None, text));
    }

    fn send(&mut self, reply: Reply) {
        reply.write_to(&mut self.output);
        let bad = matches!(reply.code, 500 | 501 | 503 | 504 | 555);
        let (answers, before) = self.answering;
        self.events.push_back(Event::Reply {
            reply,
            answers,
            before,
        });
        if !bad {
            self.errors = 0;
            return;
        }
        self.errors = self.errors.saturating_add(1);
        if self.config.max_errors > 0 && self.errors >= self.config.max_errors {
            self.answering = (Prompt::Closing(Closing::TooManyErrors), self.state);
            let text = self.with_host(" Error: too many errors");
            self.reply(421, (4, 7, 0), text);
            self.close();
        }
    }

    /// Sends a forced reply; a 421 closes the session.
    fn send_forced(&mut self, reply: Reply) {
        let closes = reply.code == 421;
        self.send(reply);
        if closes {
            self.close();
        }
    }

    fn warn(&mut self, w: Warning) {
        self.events.push_back(Event::Warning(w));
    }

    /// Accepted, but over the 64 octets a client may count on (RFC 5321 §4.5.3.1.1).
    fn warn_long_local_part(&mut self, m: &Mailbox) {
        let octets = m.local_part.len();
        if octets > crate::command::MAX_LOCAL_PART {
            self.warn(Warning::LongLocalPart { octets });
        }
    }

    fn set_state(&mut self, to: State) {
        if self.state != State::Closed && self.state != to {
            self.events.push_back(Event::StateChanged {
                from: self.state,
                to,
            });
            self.state = to;
        }
    }

    fn close(&mut self) {
        self.set_state(State::Closed);
        self.mode = Mode::Command;
        self.line.clear();
        self.auth = None;
    }

    /// The forced reply for this point, if a fault strikes now. Called only where the server
    /// would accept the command ([`crate::forced`]).
    fn fault(&mut self, point: FaultPoint, target: Target<'_>) -> Option<Reply> {
        self.strikes.strike(&self.config.faults, point, target)
    }

    /// Sets faults tried before the configured ones, with fresh strike counts, until the next
    /// call (a lesson step's `reply:` rules); an empty list retires them.
    pub fn set_step_faults(&mut self, faults: Vec<Fault>) {
        self.strikes.set_step(faults);
    }

    // ---- command lines --------------------------------------------------------------------

    fn buffer_line(&mut self, bytes: &[u8]) {
        let room = LINE_CAP.saturating_sub(self.line.len());
        if bytes.len() > room {
            self.line_overflow = true;
        }
        self.line
            .extend_from_slice(bytes.get(..bytes.len().min(room)).unwrap_or_default());
    }

    /// The longest content (CRLF excluded) a line with this verb may have.
    fn line_limit(&self, verb: Option<Verb>) -> usize {
        let ext = &self.config.extensions;
        let base = MAX_COMMAND_LINE - 2;
        let plus = |on: bool, n: usize| if on { n } else { 0 };
        match verb {
            _ if self.state == State::Auth => MAX_AUTH_LINE - 2,
            Some(Verb::Auth) => MAX_AUTH_LINE - 2,
            // RFC 1870 §3, RFC 3461 §4, RFC 4954 §5, RFC 6531 §3.4.
            Some(Verb::Mail) => {
                base + plus(ext.size, 26)
                    + plus(ext.dsn, 100)
                    + plus(ext.auth, 500)
                    + plus(ext.smtputf8, 10)
            }
            // RFC 3461 §4.
            Some(Verb::Rcpt) => base + plus(ext.dsn, 500),
            _ => base,
        }
    }

    /// A complete line is in `self.line` (its LF removed): answer it.
    fn end_line(&mut self) {
        let mut raw = std::mem::take(&mut self.line);
        let overflow = std::mem::take(&mut self.line_overflow);
        let bare_lf = raw.last() != Some(&b'\r');
        if !bare_lf {
            raw.pop();
        }
        let shown = raw
            .get(..MAX_COMMAND_LINE)
            .filter(|_| overflow)
            .unwrap_or(&raw);
        let line = String::from_utf8_lossy(shown).into_owned();
        if self.state == State::Auth {
            self.answering = (Prompt::AuthResponse, self.state);
            self.events.push_back(Event::Command {
                prompt: Prompt::AuthResponse,
                line,
            });
            if bare_lf && !overflow {
                self.warn(Warning::BareLfInCommand);
                if self.config.persona.refuses_bare_lf() {
                    self.auth = None;
                    return self.refuse_bare_lf_line(None);
                }
            }
            self.auth_response(&raw, overflow);
            return;
        }
        let (word, _) = split_verb(&raw);
        let verb = Verb::from_word(word);
        let prompt = verb.map_or(Prompt::Unknown, Prompt::Command);
        self.answering = (prompt, self.state);
        self.events.push_back(Event::Command { prompt, line });
        if bare_lf && !overflow {
            self.warn(Warning::BareLfInCommand);
        }
        if verb == Some(Verb::Rcpt) && matches!(self.state, State::Mail | State::Rcpt) {
            self.tx.rcpt_attempted = true;
        }
        if overflow || raw.len() > self.line_limit(verb) {
            return self.reject_line(verb, &raw, CommandError::LineTooLong);
        }
        if bare_lf && self.config.persona.refuses_bare_lf() {
            return self.refuse_bare_lf_line(verb);
        }
        let parsed = if self.config.persona == Persona::Lenient {
            Command::parse_lenient(&raw)
        } else {
            Command::parse(&raw)
        };
        match parsed {
            Err(e) => self.reject_line(verb, &raw, e),
            Ok(cmd) => {
                if self.refused && cmd != Command::Quit {
                    let text = "No service here: send QUIT";
                    if let Command::Bdat { size, .. } = cmd {
                        // Refused, but its chunk is still data (RFC 3030 §2).
                        let reply = Reply::new(503, self.ec((5, 5, 1)), text);
                        return self.start_chunk(size, ChunkVerdict::Reject(reply));
                    }
                    return self.sequence(cmd.verb(), text);
                }
                self.dispatch(cmd, bare_lf);
            }
        }
    }

    /// The strict persona's answer to a line ended by a bare LF, as Postfix gives it with
    /// `smtpd_forbid_bare_newline = reject`: `550 5.5.2 <host> Error: bare <LF> received`
    /// (`smtpd_forbid_bare_newline_reject_code`, default 550), then the connection is closed
    /// (Postfix HISTORY 20231221). No enhanced code to HELO or EHLO (RFC 2034 §4).
    fn refuse_bare_lf_line(&mut self, verb: Option<Verb>) {
        let text = self.with_host(BARE_LF_TEXT);
        if matches!(verb, Some(Verb::Helo | Verb::Ehlo)) {
            self.reply_hello(550, text);
        } else {
            self.reply(550, (5, 5, 2), text);
        }
        self.close();
    }

    /// Refuses a line that could not be read as a command. A BDAT line is followed by its chunk
    /// whatever is wrong with the rest of it (RFC 3030 §2), so none of the chunk may be read as
    /// commands: when its size can be read, the chunk is read and then the line refused; when
    /// it cannot, nothing tells where the commands start again, and the session ends with
    /// `521 5.5.4`, as Postfix ends it (`smtpd.c`, `bdat_cmd`).
    fn reject_line(&mut self, verb: Option<Verb>, raw: &[u8], e: CommandError) {
        if verb != Some(Verb::Bdat) {
            return self.reject(verb, e);
        }
        let (_, args) = split_verb(raw);
        let size = core::str::from_utf8(args)
            .ok()
            .and_then(crate::command::bdat_chunk_size);
        let ec = e.enhanced();
        match size {
            Some(size) => {
                let reply = Reply::new(
                    e.code(),
                    self.ec((ec.class, ec.subject, ec.detail)),
                    e.description(),
                );
                self.start_chunk(size, ChunkVerdict::Reject(reply));
            }
            None => {
                let text = CommandError::BadChunkSize.description();
                self.reply(521, (5, 5, 4), text);
                self.close();
            }
        }
    }

    fn reject(&mut self, verb: Option<Verb>, e: CommandError) {
        if matches!(verb, Some(Verb::Helo | Verb::Ehlo)) {
            let text = match (e, verb) {
                (CommandError::LineTooLong, _) => e.description(),
                (_, Some(Verb::Helo)) => "Syntax: HELO hostname",
                _ => "Syntax: EHLO hostname",
            };
            self.reply_hello(e.code(), text);
        } else {
            let ec = e.enhanced();
            self.reply(e.code(), (ec.class, ec.subject, ec.detail), e.description());
        }
    }

    /// 503 5.5.1: bad sequence of commands (RFC 5321 §4.3.2). The checks run in session order
    /// (no hello, then a transaction open, then what was already done), so the state before
    /// the command tells which one refused it.
    fn sequence(&mut self, verb: Verb, text: &'static str) {
        if matches!(verb, Verb::Helo | Verb::Ehlo) {
            self.reply_hello(503, text);
        } else {
            self.reply(503, (5, 5, 1), text);
        }
    }

    fn in_transaction(&self) -> bool {
        matches!(self.state, State::Mail | State::Rcpt | State::Bdat)
    }

    /// Ends any mail transaction (RSET, late EHLO, end of data); keeps the hello.
    fn reset_transaction(&mut self) {
        self.tx = Transaction::default();
        if self.in_transaction() {
            self.set_state(State::Ready);
        }
    }

    fn dispatch(&mut self, cmd: Command, bare_lf: bool) {
        let always_accepted = matches!(
            cmd,
            Command::Helo(_)
                | Command::Ehlo(_)
                | Command::Rset
                | Command::Noop
                | Command::Quit
                | Command::Vrfy(_)
                | Command::Expn(_)
                | Command::Help(_)
        );
        if always_accepted {
            if let Some(forced) = self.fault(FaultPoint::of(cmd.verb()), Target::Command) {
                return self.send_forced(forced);
            }
        }
        match cmd {
            Command::Helo(name) => self.hello(name, false),
            Command::Ehlo(name) => self.hello(name, true),
            Command::Mail { from, params } => self.mail(from, params),
            Command::Rcpt { to, params } => self.rcpt(to, params),
            Command::Data => self.data(bare_lf),
            Command::Bdat { size, last } => self.bdat(size, last),
            Command::Rset => {
                self.reset_transaction();
                self.reply(250, (2, 0, 0), "Ok");
            }
            Command::Noop => self.reply(250, (2, 0, 0), "Ok"),
            Command::Quit => {
                self.reply(221, (2, 0, 0), "Bye");
                self.close();
            }
            // RFC 5321 §7.3: a server that will not verify answers 252, never 502 or 550.
            Command::Vrfy(_) => self.reply(
                252,
                (2, 0, 0),
                "Cannot VRFY user, but will accept message and attempt delivery",
            ),
            Command::Expn(_) => self.reply(502, (5, 5, 1), "EXPN is not available here"),
            Command::Help(topic) => self.help(topic),
            Command::StartTls => self.starttls(),
            Command::Auth {
                mechanism,
                initial_response,
            } => self.auth(&mechanism, initial_response.as_deref()),
        }
    }

    fn hello(&mut self, name: String, ehlo: bool) {
        // RFC 5321 §4.1.4: a late EHLO or HELO resets the transaction, like RSET.
        self.reset_transaction();
        self.hello = if ehlo {
            Hello::Ehlo(name)
        } else {
            Hello::Helo(name)
        };
        let host = self.config.hostname.clone();
        if !ehlo {
            self.reply_hello(250, host);
        } else {
            let ext = self.config.extensions;
            let mut size = String::from("SIZE ");
            push_decimal(&mut size, self.config.max_message_size as u64);
            let keywords = [
                (ext.pipelining, "PIPELINING"),
                (ext.size, size.as_str()),
                (ext.eightbitmime, "8BITMIME"),
                (ext.smtputf8, "SMTPUTF8"),
                (ext.enhanced_status_codes, "ENHANCEDSTATUSCODES"),
                (ext.chunking, "CHUNKING"),
                // RFC 3207 §4.2: not offered again once TLS is in effect.
                (ext.starttls && !self.tls, "STARTTLS"),
                (ext.auth, "AUTH PLAIN LOGIN"),
                (ext.dsn, "DSN"),
                (ext.help, "HELP"),
            ];
            let mut lines = vec![host];
            lines.extend(
                keywords
                    .iter()
                    .filter(|(on, _)| *on)
                    .map(|(_, kw)| (*kw).to_owned()),
            );
            self.send(Reply::multiline(250, None, lines));
        }
        self.set_state(State::Ready);
    }

    fn mail(&mut self, from: Option<Mailbox>, params: MailParams) {
        match self.state {
            State::Connected => return self.sequence(Verb::Mail, NO_HELLO),
            State::Mail | State::Rcpt => return self.sequence(Verb::Mail, "Nested MAIL command"),
            State::Bdat => return self.sequence(Verb::Mail, "MAIL after BDAT"),
            _ => {}
        }
        let ext = self.config.extensions;
        let e = self.hello.esmtp();
        let unsupported = if params.size.is_some() && !(e && ext.size) {
            Some("SIZE parameter not supported")
        } else if params.body == Some(BodyType::BinaryMime) {
            Some("BODY=BINARYMIME not supported")
        } else if params.body.is_some() && !(e && ext.eightbitmime) {
            Some("BODY parameter not supported")
        } else if params.smtputf8 && !(e && ext.smtputf8) {
            Some("SMTPUTF8 parameter not supported")
        } else if (params.ret.is_some() || params.envid.is_some()) && !(e && ext.dsn) {
            Some("DSN parameters not supported")
        } else if params.auth.is_some() && !(e && ext.auth) {
            Some("AUTH parameter not supported")
        } else {
            None
        };
        if let Some(text) = unsupported {
            // RFC 5321 §4.1.1.11: a parameter not recognised or not implemented gets 555.
            return self.reply(555, (5, 5, 4), text);
        }
        if from.as_ref().is_some_and(|m| !m.is_ascii()) && !params.smtputf8 {
            // RFC 6531 §3.5.
            return self.reply(553, (5, 6, 7), "Non-ASCII address needs SMTPUTF8");
        }
        if let Some(size) = params.size {
            // RFC 1870 §6.1: over the fixed limit → 552 5.3.4 (SIZE 0 means no limit).
            let max = self.config.max_message_size as u64;
            if max > 0 && size > max {
                return self.reply(
                    552,
                    (5, 3, 4),
                    "Message size exceeds fixed maximum message size",
                );
            }
        }
        let forced = self.fault(FaultPoint::Mail, Target::Path(from.as_ref()));
        let accept = match forced {
            Some(r) if r.code / 100 != 2 => return self.send_forced(r),
            Some(r) => r,
            None => Reply::new(250, self.ec((2, 1, 0)), "Ok"),
        };
        if let Some(m) = &from {
            self.warn_long_local_part(m);
        }
        self.tx = Transaction {
            from,
            params,
            ..Transaction::default()
        };
        self.send(accept);
        self.set_state(State::Mail);
    }

    fn rcpt(&mut self, to: Mailbox, params: RcptParams) {
        match self.state {
            State::Connected => return self.sequence(Verb::Rcpt, NO_HELLO),
            State::Ready => return self.sequence(Verb::Rcpt, "Need MAIL before RCPT"),
            State::Bdat => return self.sequence(Verb::Rcpt, "RCPT after BDAT"),
            _ => {}
        }
        let dsn = self.hello.esmtp() && self.config.extensions.dsn;
        if (params.notify.is_some() || params.orcpt.is_some()) && !dsn {
            return self.reply(555, (5, 5, 4), "DSN parameters not supported");
        }
        if !to.is_ascii() && !self.tx.params.smtputf8 {
            return self.reply(553, (5, 6, 7), "Non-ASCII address needs SMTPUTF8");
        }
        if self.tx.recipients.len() >= self.config.max_recipients {
            // RFC 5321 §4.5.3.1.10: 452, not 552.
            return self.reply(452, (4, 5, 3), "Too many recipients");
        }
        let accept = match self.fault(FaultPoint::Rcpt, Target::Path(Some(&to))) {
            Some(r) if r.code / 100 != 2 => return self.send_forced(r),
            Some(r) => r,
            None => Reply::new(250, self.ec((2, 1, 5)), "Ok"),
        };
        self.warn_long_local_part(&to);
        self.tx.recipients.push(to.address());
        self.send(accept);
        self.set_state(State::Rcpt);
    }

    /// Why there is no transaction ready for content, if there is none.
    fn content_refusal(&mut self, verb: Verb) -> Option<Reply> {
        let (code, e, text) = match self.state {
            State::Connected => (503, (5, 5, 1), NO_HELLO),
            State::Ready => (503, (5, 5, 1), "Need MAIL command"),
            // RFC 2920 §3.1: RCPTs were sent but none was accepted.
            State::Mail if self.tx.rcpt_attempted => (554, (5, 5, 1), "No valid recipients"),
            State::Mail => (503, (5, 5, 1), "Need RCPT command"),
            State::Bdat if verb == Verb::Data => (503, (5, 5, 1), "DATA after BDAT"),
            _ => return None,
        };
        Some(Reply::new(code, self.ec(e), text))
    }

    fn data(&mut self, bare_lf: bool) {
        if let Some(r) = self.content_refusal(Verb::Data) {
            return self.send(r);
        }
        if let Some(forced) = self.fault(FaultPoint::Data, Target::Command) {
            return self.send_forced(forced);
        }
        let line_end = self
            .config
            .data_line_end
            .unwrap_or(self.config.persona.line_end());
        let rx = DataReceiver::with_options(line_end, self.config.max_message_size);
        self.send(Reply::new(354, None, "End data with <CR><LF>.<CR><LF>"));
        // The line end of DATA itself may be the first half of the terminator.
        let tail = if bare_lf {
            *b"\0\0\0\0\n"
        } else {
            *b"\0\0\0\r\n"
        };
        self.mode = Mode::Data(Box::new(rx), tail);
        self.set_state(State::Data);
    }

    fn end_of_data(&mut self, mut rx: DataReceiver, tail: [u8; 5]) {
        let stats = rx.stats();
        if stats.bare_lf > 0 {
            self.warn(Warning::BareLfInData {
                count: stats.bare_lf,
            });
        }
        if stats.bare_cr > 0 {
            self.warn(Warning::BareCrInData {
                count: stats.bare_cr,
            });
        }
        if &tail != b"\r\n.\r\n" {
            self.warn(Warning::NonStandardEndOfData);
        }
        self.answering = (Prompt::EndOfData, State::Data);
        let strict = self.config.persona == Persona::Strict;
        if stats.bare_lf > 0 && self.config.persona.refuses_bare_lf() {
            // Postfix `reject`: the message is read to its end, then refused (HISTORY
            // 20240104, "delayed reject"); the connection stays open.
            let text = self.with_host(BARE_LF_TEXT);
            self.reply(550, (5, 5, 2), text);
        } else if rx.exceeded_limit() {
            // RFC 1870 §6.3 / RFC 5321 §4.5.3.1.10, answered only after the terminator.
            self.reply(
                552,
                (5, 3, 4),
                "Message size exceeds fixed maximum message size",
            );
        } else if stats.long_lines > 0 && strict {
            // RFC 5321 §4.5.3.1.6: a text line is at most 1000 octets with its CRLF. The reply
            // comes after the terminator, so it must be one §4.3.2 lists for the end of data:
            // 554 "transaction failed", with the media-error subject of RFC 3463 §3.7.
            let content = rx.take_message();
            let (line, octets) = first_long_line(&content).unwrap_or((0, stats.longest_line));
            let mut text = String::from("Line ");
            push_decimal(&mut text, line as u64);
            text.push_str(" of the message is ");
            push_decimal(&mut text, octets as u64);
            text.push_str(" octets long; the limit is 1000 with CRLF");
            self.reply(554, (5, 6, 0), text);
        } else {
            if stats.long_lines > 0 {
                // Postfix and most servers take long lines in; the lenient personas do too.
                self.warn(Warning::LongLines {
                    count: stats.long_lines,
                    longest: stats.longest_line,
                });
            }
            match self.fault(FaultPoint::EndOfData, Target::Command) {
                Some(forced) if forced.code / 100 != 2 => self.send_forced(forced),
                forced => return self.await_verdict(rx.take_message(), false, State::Data, forced),
            }
        }
        self.tx = Transaction::default();
        self.set_state(State::Ready);
    }

    /// Hands the whole message to the adapter and waits for its verdict (RFC 5321 §6.1).
    fn await_verdict(
        &mut self,
        content: Vec<u8>,
        chunked: bool,
        before: State,
        forced: Option<Reply>,
    ) {
        self.messages += 1;
        let id = self.messages;
        let tx = std::mem::take(&mut self.tx);
        let message = Message {
            id,
            helo: self.hello.name().to_owned(),
            protocol: self.protocol(tx.params.smtputf8),
            reverse_path: tx.from.map(|m| m.address()).unwrap_or_default(),
            recipients: tx.recipients,
            content,
            smtputf8: tx.params.smtputf8,
            body: tx.params.body,
            declared_size: tx.params.size,
            authenticated: self.authenticated.clone(),
            chunked,
        };
        let answers = if chunked {
            Prompt::Command(Verb::Bdat)
        } else {
            Prompt::EndOfData
        };
        self.verdict = Some(AwaitedVerdict {
            answers,
            before,
            forced,
        });
        self.events.push_back(Event::MessageReceived(message));
    }

    /// True while a message awaits the adapter's verdict ([`Event::MessageReceived`]).
    pub fn awaits_verdict(&self) -> bool {
        self.verdict.is_some()
    }

    /// The adapter has taken responsibility for the message it got in
    /// [`Event::MessageReceived`]: queues `250 2.0.0 Ok: queued as <queue_id>` (RFC 5321 §6.1,
    /// §4.2.2) and reads any input held meanwhile. The queue id is the adapter's (unique per
    /// server, so a relaying MTA's log can tell deliveries apart); only its printable ASCII is
    /// used. Does nothing when no message is waiting.
    pub fn accept_message(&mut self, queue_id: &str) {
        let forced = match &mut self.verdict {
            Some(v) => v.forced.take(),
            None => return,
        };
        let mut text = String::from("Ok: queued as ");
        text.extend(queue_id.chars().filter(|c| c.is_ascii_graphic()));
        let reply = forced.unwrap_or_else(|| Reply::new(250, self.ec((2, 0, 0)), text));
        self.give_verdict(reply);
    }

    /// The adapter could not store the message it got in [`Event::MessageReceived`]: queues
    /// `451 4.3.0` or, for a full disk, `452 4.3.1` (RFC 5321 §4.2.3, RFC 3463 §3.4), so the
    /// client keeps the message and tries again later. Does nothing when no message is waiting.
    pub fn refuse_message(&mut self, failure: StoreFailure) {
        let reply = match failure {
            StoreFailure::Local => Reply::new(
                451,
                self.ec((4, 3, 0)),
                "Local error in processing: message not stored, try again later",
            ),
            StoreFailure::Full => Reply::new(
                452,
                self.ec((4, 3, 1)),
                "Insufficient system storage: message not stored, try again later",
            ),
        };
        self.give_verdict(reply);
    }

    fn give_verdict(&mut self, reply: Reply) {
        let Some(v) = self.verdict.take() else {
            return;
        };
        self.answering = (v.answers, v.before);
        self.send(reply);
        self.tx = Transaction::default();
        self.set_state(State::Ready);
        let held = std::mem::take(&mut self.held);
        self.receive(&held);
    }

    /// The RFC 3848 / RFC 6531 §3.7.3 protocol name for the trace header.
    fn protocol(&self, smtputf8: bool) -> &'static str {
        if !self.hello.esmtp() {
            return "SMTP";
        }
        match (smtputf8, self.tls, self.authenticated.is_some()) {
            (false, false, false) => "ESMTP",
            (false, false, true) => "ESMTPA",
            (false, true, false) => "ESMTPS",
            (false, true, true) => "ESMTPSA",
            (true, false, false) => "UTF8SMTP",
            (true, false, true) => "UTF8SMTPA",
            (true, true, false) => "UTF8SMTPS",
            (true, true, true) => "UTF8SMTPSA",
        }
    }

    fn bdat(&mut self, size: u64, last: bool) {
        // RFC 3030 §2: the chunk is read whatever the answer, so its bytes are never taken
        // for commands.
        let verdict = if !self.config.extensions.chunking {
            ChunkVerdict::Reject(Reply::new(502, self.ec((5, 5, 1)), "BDAT not available"))
        } else if let Some(r) = self.content_refusal(Verb::Bdat) {
            ChunkVerdict::Reject(r)
        } else if let Some(forced) = self.fault(FaultPoint::Bdat, Target::Command) {
            ChunkVerdict::Reject(forced)
        } else {
            ChunkVerdict::Accept { last }
        };
        self.start_chunk(size, verdict);
    }

    fn start_chunk(&mut self, size: u64, verdict: ChunkVerdict) {
        if size == 0 {
            self.end_of_chunk(0, verdict);
        } else {
            self.mode = Mode::Chunk {
                rx: BdatReceiver::new(size),
                size,
                verdict,
            };
        }
    }

    fn end_of_chunk(&mut self, size: u64, verdict: ChunkVerdict) {
        let last = match verdict {
            ChunkVerdict::Reject(r) => return self.send_forced(r),
            ChunkVerdict::Accept { last } => last,
        };
        self.tx.chunked_size = self.tx.chunked_size.saturating_add(size);
        let max = self.config.max_message_size as u64;
        if self.tx.chunked_size > max {
            // RFC 3030 §4.2 / RFC 1870: the transaction is over; later chunks get 503.
            self.reply(
                552,
                (5, 3, 4),
                "Message size exceeds fixed maximum message size",
            );
            self.tx = Transaction::default();
            return self.set_state(State::Ready);
        }
        if self.config.persona.refuses_bare_lf() && chunk_has_bare_lf(&self.tx.content, size) {
            // Postfix `reject` refuses BDAT text with a bare LF too (postconf(5), citing RFC 3030
            // §3), at the chunk that holds it; the transaction is over.
            self.warn(Warning::BareLfInData { count: 1 });
            let text = self.with_host(BARE_LF_TEXT);
            self.reply(550, (5, 5, 2), text);
            self.tx = Transaction::default();
            return self.set_state(State::Ready);
        }
        if !last {
            let mut text = String::new();
            push_decimal(&mut text, size);
            text.push_str(" octets received");
            self.reply(250, (2, 0, 0), text);
            return self.set_state(State::Bdat);
        }
        match self.fault(FaultPoint::EndOfData, Target::Command) {
            Some(forced) if forced.code / 100 != 2 => self.send_forced(forced),
            forced => {
                let content = std::mem::take(&mut self.tx.content);
                let before = self.answering.1;
                return self.await_verdict(content, true, before, forced);
            }
        }
        self.tx = Transaction::default();
        self.set_state(State::Ready);
    }

    fn help(&mut self, topic: Option<String>) {
        let Some(topic) = topic else {
            let lines = vec![
                "Commands: HELO EHLO MAIL RCPT DATA BDAT RSET NOOP QUIT VRFY EXPN HELP STARTTLS AUTH"
                    .to_owned(),
                "HELP <command> shows its syntax".to_owned(),
            ];
            let e = self.ec((2, 0, 0));
            return self.send(Reply::multiline(214, e, lines));
        };
        match Verb::from_word(topic.as_bytes()) {
            Some(v) => self.reply(214, (2, 0, 0), v.usage()),
            None => self.reply(504, (5, 5, 4), "HELP topic unknown"),
        }
    }

    fn starttls(&mut self) {
        if !self.config.extensions.starttls {
            return self.reply(502, (5, 5, 1), "STARTTLS not available");
        }
        if self.state == State::Connected {
            return self.sequence(Verb::StartTls, "Send EHLO first");
        }
        if self.in_transaction() {
            return self.sequence(Verb::StartTls, "Mail transaction in progress");
        }
        if self.tls {
            return self.sequence(Verb::StartTls, "TLS already active");
        }
        if let Some(forced) = self.fault(FaultPoint::StartTls, Target::Command) {
            return self.send_forced(forced);
        }
        self.reply(220, (2, 0, 0), "Ready to start TLS");
        // RFC 3207 §4.2: both sides forget what they knew; the client must EHLO again.
        self.tls = true;
        self.hello = Hello::NotYet;
        self.authenticated = None;
        self.tx = Transaction::default();
        self.set_state(State::Connected);
        self.discard_rest = true;
        self.events.push_back(Event::StartTls);
    }

    fn auth(&mut self, mechanism: &str, initial: Option<&str>) {
        if !self.config.extensions.auth {
            return self.reply(502, (5, 5, 1), "AUTH not available");
        }
        if self.state == State::Connected {
            return self.sequence(Verb::Auth, "Send EHLO first");
        }
        if self.in_transaction() {
            // RFC 4954 §4: AUTH is not permitted during a mail transaction.
            return self.sequence(Verb::Auth, "AUTH not allowed during a mail transaction");
        }
        if self.authenticated.is_some() {
            // RFC 4954 §4: after a successful AUTH, further AUTH commands get 503.
            return self.sequence(Verb::Auth, "Already authenticated");
        }
        let step = match mechanism {
            "PLAIN" => AuthStep::Plain,
            "LOGIN" => AuthStep::LoginUser,
            _ => return self.reply(504, (5, 5, 4), "Unrecognized authentication mechanism"),
        };
        if let Some(forced) = self.fault(FaultPoint::Auth, Target::Command) {
            return self.send_forced(forced);
        }
        if !self.tls {
            self.warn(Warning::AuthWithoutTls);
        }
        match initial {
            Some(response) => {
                self.auth = Some(step);
                self.auth_response(response.as_bytes(), false);
            }
            None => {
                let challenge = match step {
                    AuthStep::LoginUser => "VXNlcm5hbWU6",
                    _ => "",
                };
                self.auth = Some(step);
                self.send(Reply::new(334, None, challenge));
                self.set_state(State::Auth);
            }
        }
    }

    /// One response line of an AUTH exchange (RFC 4954 §4).
    fn auth_response(&mut self, line: &[u8], overflow: bool) {
        let Some(step) = self.auth.take() else {
            return self.set_state(State::Ready);
        };
        if overflow || line.len() > MAX_AUTH_LINE - 2 {
            self.reply(500, (5, 5, 6), "Authentication Exchange line is too long");
            return self.auth_failed();
        }
        if line == b"*" {
            self.reply(501, (5, 7, 0), "Authentication cancelled");
            return self.auth_failed();
        }
        // `=` is an empty initial response (RFC 4954 §4).
        let decoded = if line == b"=" {
            Some(Vec::new())
        } else {
            core::str::from_utf8(line)
                .ok()
                .and_then(crate::base64::decode)
        };
        let Some(decoded) = decoded else {
            self.reply(501, (5, 5, 2), "Cannot decode base64 response");
            return self.auth_failed();
        };
        let user = match step {
            AuthStep::Plain => {
                // message = [authzid] NUL authcid NUL passwd (RFC 4616 §2)
                let mut parts = decoded.split(|&b| b == 0);
                match (parts.next(), parts.next(), parts.next(), parts.next()) {
                    (Some(authz), Some(user), Some(pass), None)
                        if authz.is_empty() || authz == user =>
                    {
                        self.check_password(user, pass)
                    }
                    _ => None,
                }
            }
            AuthStep::LoginUser => {
                let user = String::from_utf8_lossy(&decoded).into_owned();
                self.auth = Some(AuthStep::LoginPassword(user));
                self.send(Reply::new(334, None, "UGFzc3dvcmQ6"));
                return self.set_state(State::Auth);
            }
            AuthStep::LoginPassword(user) => self.check_password(user.as_bytes(), &decoded),
        };
        match user {
            Some(user) => {
                self.authenticated = Some(user);
                self.reply(235, (2, 7, 0), "Authentication successful");
                self.set_state(State::Ready);
            }
            None => {
                self.reply(535, (5, 7, 8), "Authentication credentials invalid");
                self.auth_failed();
            }
        }
    }

    /// An AUTH exchange ended without 235 (its reply already sent). After
    /// [`ServerConfig::max_auth_failures`] of them the server stops the guessing: `421 4.7.0`
    /// and the close (RFC 4954 §4: a server may limit failed attempts; RFC 5321 §7.8).
    fn auth_failed(&mut self) {
        if self.state == State::Closed {
            return; // the reply itself was one bad command too many
        }
        self.set_state(State::Ready);
        self.auth_failures = self.auth_failures.saturating_add(1);
        let max = self.config.max_auth_failures;
        if max > 0 && self.auth_failures >= max {
            self.answering = (Prompt::Closing(Closing::TooManyAuthFailures), self.state);
            let text = self.with_host(" Error: too many failed authentication attempts");
            self.reply(421, (4, 7, 0), text);
            self.close();
        }
    }

    fn check_password(&self, user: &[u8], pass: &[u8]) -> Option<String> {
        self.config
            .users
            .iter()
            .find(|(u, p)| u.as_bytes() == user && p.as_bytes() == pass)
            .map(|(u, _)| u.clone())
    }
}

/// The first line of `content` over 1000 octets with its line end (RFC 5321 §4.5.3.1.6): its
/// number, from 1, and its length.
fn first_long_line(content: &[u8]) -> Option<(usize, usize)> {
    content
        .split_inclusive(|&b| b == b'\n')
        .enumerate()
        .find(|(_, line)| line.len() > crate::data::MAX_TEXT_LINE)
        .map(|(i, line)| (i + 1, line.len()))
}

/// True when the last `size` bytes of `content` (a chunk just read, and the byte before it) hold
/// an LF without a CR before it.
fn chunk_has_bare_lf(content: &[u8], size: u64) -> bool {
    let start = content
        .len()
        .saturating_sub(usize::try_from(size).unwrap_or(usize::MAX));
    let chunk = &content[start..];
    let before = start.checked_sub(1).map(|i| content[i]);
    chunk.iter().enumerate().any(|(i, &b)| {
        let prev = if i == 0 { before } else { Some(chunk[i - 1]) };
        b == b'\n' && prev != Some(b'\r')
    })
}

/// Keeps the last five bytes seen in `tail`.
fn push_tail(tail: &mut [u8; 5], bytes: &[u8]) {
    for &b in bytes.iter().rev().take(5).rev() {
        tail.rotate_left(1);
        tail[4] = b;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_state_has_a_name_and_inputs() {
        for s in State::ALL.into_iter().filter(|s| *s != State::Closed) {
            assert!(!s.inputs().is_empty(), "{}", s.name());
            let words: Vec<_> = s.inputs().iter().map(|i| i.word()).collect();
            assert_eq!(s.allowed_commands(), words, "{}", s.name());
        }
        assert!(State::Closed.inputs().is_empty());
        assert!(State::Rcpt.inputs().contains(&Input::Command(Verb::Data)));
        assert_eq!(
            State::Rcpt.allowed_commands()[..3],
            ["RCPT", "DATA", "BDAT"]
        );
    }
}
