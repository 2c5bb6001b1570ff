//! A [`ClientSession`] and a [`ServerSession`] wired back to back, in memory.
//!
//! [`Simulation::step`] runs one exchange: the client's pending bytes go to the server, the
//! server's answer goes back to the client, and the client reacts. The first step delivers the
//! greeting. [`Simulation::run`] steps to the end, and always stops: every step either moves
//! bytes or ends the session, and [`MAX_STEPS`] bounds the rest.
//!
//! The transcript is a list of [`Entry`] values (serde-serialisable, for the page): the bytes
//! that crossed the wire, from which side, and each side's events with their state and rule.
//! Faults are set on the server's configuration (`ServerConfig::faults`) before the start.

#[cfg(feature = "serde")]
use serde::Serialize;

use crate::client::{ClientConfig, ClientSession, Envelope, Outcome};
use crate::reply::{EnhancedCode, Reply};
use crate::server::{self, ServerConfig, ServerSession};

/// Steps after which [`Simulation::run`] gives up. A session with one message needs far fewer
/// (greeting, hello, MAIL, one per recipient, DATA, content, QUIT).
pub const MAX_STEPS: usize = 10_000;

/// Which end of the connection.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub enum Side {
    /// The simulated mail client.
    Client,
    /// The simulated mail server.
    Server,
}

/// One line of the transcript.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
#[cfg_attr(feature = "serde", serde(tag = "type", content = "value"))]
pub enum Entry {
    /// Bytes sent by one side, as text (invalid UTF-8 shown lossily, CRLF kept).
    Wire {
        /// Who sent them.
        from: Side,
        /// The bytes as text.
        text: String,
    },
    /// Something the client did or concluded.
    Client(crate::client::Event),
    /// Something the server did.
    Server(server::Event),
}

impl Entry {
    /// The side this entry belongs to.
    pub fn side(&self) -> Side {
        match self {
            Self::Wire { from, .. } => *from,
            Self::Client(_) => Side::Client,
            Self::Server(_) => Side::Server,
        }
    }
}

/// A client and a server talking to each other.
#[derive(Debug)]
pub struct Simulation {
    client: ClientSession,
    server: ServerSession,
    transcript: Vec<Entry>,
    messages: Vec<server::Message>,
    steps: usize,
    finished: bool,
}

impl Simulation {
    /// A simulation that delivers `message` from the envelope's sender to its recipients.
    pub fn new(
        client: ClientConfig,
        envelope: Envelope,
        message: &[u8],
        server: ServerConfig,
    ) -> Self {
        let mut s = Self {
            client: ClientSession::new(client, envelope, message),
            server: ServerSession::new(server),
            transcript: Vec::new(),
            messages: Vec::new(),
            steps: 0,
            finished: false,
        };
        s.drain_client();
        s
    }

    /// Runs one exchange and returns the entries it added; empty once the session is over.
    pub fn step(&mut self) -> &[Entry] {
        let start = self.transcript.len();
        if self.finished {
            return &self.transcript[start..];
        }
        self.steps += 1;
        let mut moved = false;
        let bytes = self.client.take_output();
        if !bytes.is_empty() {
            moved = true;
            self.wire(Side::Client, &bytes);
            if !self.server.is_closed() {
                self.server.receive(&bytes);
            }
        }
        self.drain_server();
        let answer = self.server.take_output();
        if !answer.is_empty() {
            moved = true;
            self.wire(Side::Server, &answer);
            self.client.receive(&answer);
        }
        if !moved && !self.client.is_closed() {
            // Nothing left to say on either side: the server hung up, or it waits for bytes
            // the client will never send. Either way the connection ends here.
            self.client.connection_closed();
        }
        self.drain_client();
        if self.client.is_closed() {
            self.finished = true;
        }
        if self.steps >= MAX_STEPS && !self.finished {
            self.client.connection_closed();
            self.drain_client();
            self.finished = true;
        }
        &self.transcript[start..]
    }

    /// Steps until the session is over (bounded by [`MAX_STEPS`]); returns the whole transcript.
    pub fn run(&mut self) -> &[Entry] {
        while !self.finished {
            self.step();
        }
        &self.transcript
    }

    /// Everything so far.
    pub fn transcript(&self) -> &[Entry] {
        &self.transcript
    }

    /// True when the session is over.
    pub fn is_done(&self) -> bool {
        self.finished
    }

    /// Exchanges run so far.
    pub fn steps(&self) -> usize {
        self.steps
    }

    /// The client's view of the result.
    pub fn outcome(&self) -> Outcome {
        self.client.outcome()
    }

    /// The messages the server accepted.
    pub fn messages(&self) -> &[server::Message] {
        &self.messages
    }

    /// The client side.
    pub fn client(&self) -> &ClientSession {
        &self.client
    }

    /// The server side.
    pub fn server(&self) -> &ServerSession {
        &self.server
    }

    fn wire(&mut self, from: Side, bytes: &[u8]) {
        self.transcript.push(Entry::Wire {
            from,
            text: String::from_utf8_lossy(bytes).into_owned(),
        });
    }

    fn drain_client(&mut self) {
        while let Some(e) = self.client.poll_event() {
            self.transcript.push(Entry::Client(e));
        }
    }

    fn drain_server(&mut self) {
        while let Some(e) = self.server.poll_event() {
            let received = match &e {
                server::Event::MessageReceived(m) => Some(m.clone()),
                _ => None,
            };
            self.transcript.push(Entry::Server(e));
            if let Some(m) = received {
                // The simulated server stores in memory, which cannot fail: the same step a
                // real adapter takes after writing the message to disk. Queue ids stay small.
                let mut id = String::new();
                crate::push_decimal(&mut id, m.id);
                self.server.accept_message(&id);
                self.messages.push(m);
            }
        }
    }
}

/// Why a fault description could not be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
pub enum FaultSpecError {
    /// The command is not one a fault can strike (see [`parse_fault`]).
    UnknownCommand,
    /// The code is not a reply code from 200 to 559 whose second digit is 0–5 (RFC 5321 §4.2).
    BadCode,
    /// The text holds CR, LF or another control character (only HT is allowed: RFC 5321 §4.2
    /// `textstring`). A CRLF would end the reply and put a second, injected one on the wire.
    ControlCharacter,
    /// The reply line would be longer than 512 octets, CRLF included (RFC 5321 §4.5.3.1.5).
    TooLong,
}

/// Reads a fault description, `COMMAND:CODE[:once|always][:TEXT]`, e.g. `rcpt:450` (greylisting
/// on the first RCPT), `mail:421:always`, `end:552:5.3.4 Too big`. COMMAND is one of
/// greeting, helo, ehlo, starttls, auth, mail, rcpt, data, end (the reply after the content),
/// bdat, rset, noop, quit, vrfy, expn, help. Without TEXT a usual text for the code is used;
/// without once/always the fault strikes once.
pub fn parse_fault(spec: &str) -> Result<server::Fault, FaultSpecError> {
    use server::{FaultPoint as P, FaultTimes};
    let mut parts = spec.splitn(3, ':');
    let command = match parts.next().unwrap_or("").to_ascii_lowercase().as_str() {
        "greeting" | "banner" => P::Greeting,
        "helo" => P::Helo,
        "ehlo" => P::Ehlo,
        "starttls" => P::StartTls,
        "auth" => P::Auth,
        "mail" => P::Mail,
        "rcpt" => P::Rcpt,
        "data" => P::Data,
        "end" | "end-of-data" | "dot" => P::EndOfData,
        "bdat" => P::Bdat,
        "rset" => P::Rset,
        "noop" => P::Noop,
        "quit" => P::Quit,
        "vrfy" => P::Vrfy,
        "expn" => P::Expn,
        "help" => P::Help,
        _ => return Err(FaultSpecError::UnknownCommand),
    };
    let code = parts.next().unwrap_or("");
    let code: u16 = match code.parse() {
        // Reply-code = %x32-35 %x30-35 %x30-39 (RFC 5321 §4.2): 276 is no reply code.
        Ok(c) if code.len() == 3 && (200..=559).contains(&c) && c / 10 % 10 <= 5 => c,
        _ => return Err(FaultSpecError::BadCode),
    };
    let mut times = FaultTimes::Once;
    let mut text = parts.next();
    if let Some(rest) = text {
        let (word, after) = rest
            .split_once(':')
            .map_or((rest, None), |(w, a)| (w, Some(a)));
        let found = match word.to_ascii_lowercase().as_str() {
            "once" => Some(FaultTimes::Once),
            "always" => Some(FaultTimes::Always),
            _ => None,
        };
        if let Some(t) = found {
            times = t;
            text = after;
        }
    }
    if text.is_some_and(|t| t.chars().any(|c| c.is_control() && c != '\t')) {
        return Err(FaultSpecError::ControlCharacter);
    }
    let reply = match text {
        Some(t) => {
            let (enhanced, t) = crate::reply::split_enhanced(t);
            Reply::new(code, enhanced, t)
        }
        None => usual_reply(code),
    };
    if reply.lines.iter().any(|l| l.len() + 16 > 512) {
        // Code, separator, the longest enhanced code and CRLF fit in the other 16 octets.
        return Err(FaultSpecError::TooLong);
    }
    Ok(server::Fault {
        command,
        reply,
        times,
        pattern: None,
    })
}

/// A usual reply for a code, for faults given without text (RFC 5321 §4.2.2–4.2.3, RFC 3463).
pub fn usual_reply(code: u16) -> Reply {
    let (class, subject, detail, text) = match code {
        421 => (4, 3, 2, "Service shutting down, closing the connection"),
        450 => (4, 2, 0, "Mailbox busy or greylisted, try again later"),
        451 => (4, 3, 0, "Local error in processing, try again later"),
        452 => (4, 5, 3, "Too many recipients, send the rest later"),
        454 => (4, 7, 0, "TLS not available right now"),
        500 => (5, 5, 2, "Command not recognised"),
        501 => (5, 5, 4, "Syntax error in parameters"),
        502 => (5, 5, 1, "Command not implemented"),
        503 => (5, 5, 1, "Bad sequence of commands"),
        535 => (5, 7, 8, "Authentication credentials invalid"),
        550 => (5, 1, 1, "Mailbox unavailable"),
        551 => (5, 1, 6, "User not local"),
        552 => (5, 3, 4, "Message exceeds the size limit"),
        553 => (5, 1, 3, "Mailbox name not allowed"),
        554 => (5, 7, 1, "Transaction failed"),
        354 => (3, 0, 0, "Start mail input; end with <CRLF>.<CRLF>"),
        c if c >= 500 => (5, 0, 0, "Failed (simulated)"),
        c if c >= 400 => (4, 0, 0, "Failed for now (simulated)"),
        c if c >= 300 => (3, 0, 0, "Go ahead (simulated)"),
        _ => (2, 0, 0, "OK (simulated)"),
    };
    // 3yz replies carry no enhanced code (RFC 2034 §4 covers 2yz, 4yz and 5yz only).
    let enhanced = (code / 100 != 3).then_some(EnhancedCode::new(class, subject, detail));
    Reply::new(code, enhanced, text)
}
