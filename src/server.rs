//! The server side of an SMTP session: the RFC 5321 state machine.
//!
//! SKELETON (issue 2 in progress): the public types and method signatures below are the agreed
//! API that the CLI, the wasm adapter and the simulation code against. Bodies are being written.

use std::collections::VecDeque;

use serde::Serialize;

use crate::reply::Reply;

/// How the server treats line endings and the end of data.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub enum Persona {
    /// RFC 5321 to the letter: end of data is CRLF.CRLF only. The default.
    #[default]
    Strict,
    /// Friendly to people typing into `nc`, whose terminal sends bare LF.
    Lenient,
    /// A pre-2023 server open to SMTP smuggling: `<LF>.<LF>` also ends the data. For the lesson.
    Vulnerable,
}

/// Which ESMTP extensions the server advertises in its EHLO reply and honours.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
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

/// Settings of a [`ServerSession`].
#[derive(Clone, Debug)]
pub struct ServerConfig {
    /// The name the server gives itself in the greeting, EHLO reply and trace headers.
    pub hostname: String,
    /// Line-ending and end-of-data behaviour.
    pub persona: Persona,
    /// Extensions advertised and honoured.
    pub extensions: Extensions,
    /// Recipients accepted per transaction; the next gets 452 4.5.3 (RFC 5321 §4.5.3.1.8).
    pub max_recipients: usize,
    /// Largest message accepted, in octets (RFC 1870); larger gets 552 5.3.4.
    pub max_message_size: usize,
    /// Bad commands in a row before 421 4.7.0 and the close.
    pub max_errors: u32,
    /// Accounts AUTH accepts, as (user, password).
    pub users: Vec<(String, String)>,
}

impl Default for ServerConfig {
    fn default() -> Self {
        Self {
            hostname: "mx.example.test".into(),
            persona: Persona::Strict,
            extensions: Extensions::default(),
            max_recipients: 100,
            max_message_size: 10_485_760,
            max_errors: 10,
            users: vec![("alice".into(), "wonderland".into())],
        }
    }
}

/// Where the session stands (RFC 5321 §4.1.4 ordering).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
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

/// A message the server accepted.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Message {
    /// The name the client gave in HELO or EHLO.
    pub helo: String,
    /// The trace protocol name (RFC 3848): SMTP, ESMTP, ESMTPA, ESMTPS, ESMTPSA, UTF8SMTP, ….
    pub protocol: &'static str,
    /// The reverse-path without brackets; empty for the null sender `<>`.
    pub reverse_path: String,
    /// The accepted forward-paths, without brackets.
    pub recipients: Vec<String>,
    /// The message content exactly as received, unstuffed.
    pub content: Vec<u8>,
}

/// Something worth pointing out that is not an error reply.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum Warning {
    /// A command line ended with a bare LF instead of CRLF.
    BareLfInCommand,
}

/// Something the session did that a caller may show, in the order it happened.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum Event {
    /// A command line was read (CRLF removed; invalid UTF-8 shown lossily).
    Command {
        /// The command word, upper-cased (`MAIL`, `RCPT`, …), or the first word as typed.
        verb: String,
        /// The whole line.
        line: String,
    },
    /// A reply was sent.
    Reply(Reply),
    /// The session moved from one state to another.
    StateChanged {
        /// The state before.
        from: State,
        /// The state after.
        to: State,
    },
    /// A message was accepted (after the 250 to the end of data or to `BDAT … LAST`).
    MessageAccepted(Message),
    /// Something noteworthy that is not an error.
    Warning(Warning),
}

/// One server session, sans-IO.
///
/// Feed client bytes with [`ServerSession::receive`]; then send what
/// [`ServerSession::take_output`] returns and show what [`ServerSession::poll_event`] yields.
#[derive(Debug)]
pub struct ServerSession {
    config: ServerConfig,
    state: State,
    output: Vec<u8>,
    events: VecDeque<Event>,
}

impl ServerSession {
    /// A new session; its 220 greeting is queued as the first output.
    pub fn new(config: ServerConfig) -> Self {
        let mut s = Self {
            config,
            state: State::Connected,
            output: Vec::new(),
            events: VecDeque::new(),
        };
        let greeting = Reply::new(220, None, format!("{} ESMTP smtp-sim", s.config.hostname));
        greeting.write_to(&mut s.output);
        s.events.push_back(Event::Reply(greeting));
        s
    }

    /// Processes client bytes, split anywhere; everything is consumed (partial lines are kept).
    pub fn receive(&mut self, input: &[u8]) {
        let _ = input;
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

    /// True once the session has ended (after 221 or 421): the caller closes the connection.
    pub fn is_closed(&self) -> bool {
        self.state == State::Closed
    }

    /// The configuration this session runs with.
    pub fn config(&self) -> &ServerConfig {
        &self.config
    }
}
