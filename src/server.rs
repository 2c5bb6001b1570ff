//! The server side of an SMTP session: the RFC 5321 state machine.
//!
//! SKELETON: the types below are the agreed API; the bodies are being written (issue 2).

use serde::Serialize;

use crate::reply::Reply;

/// How the server treats line endings and the end of data.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub enum Persona {
    /// RFC 5321 to the letter: CRLF only; end of data is CRLF.CRLF.
    #[default]
    Strict,
    /// Accepts bare LF as a line ending, for people typing into `nc`; end of data is still
    /// CRLF.CRLF or LF.LF at a line start that the lenient reader has normalised.
    Lenient,
    /// A pre-2023 server, open to SMTP smuggling: `<LF>.<LF>` also ends the data. For the lesson.
    Vulnerable,
}

/// Settings of a [`ServerSession`].
#[derive(Clone, Debug)]
pub struct ServerConfig {
    /// The name the server gives itself in the greeting, EHLO reply and trace headers.
    pub hostname: String,
    /// Line-ending and end-of-data behaviour.
    pub persona: Persona,
}

impl Default for ServerConfig {
    fn default() -> Self {
        Self {
            hostname: "mx.example.test".into(),
            persona: Persona::Strict,
        }
    }
}

/// Where the session stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum State {
    /// Connected and greeted; waiting for HELO or EHLO.
    Connected,
    /// Greeted the client; no mail transaction.
    Ready,
    /// MAIL accepted; waiting for RCPT.
    Mail,
    /// At least one RCPT accepted; DATA or BDAT may follow.
    Rcpt,
    /// Receiving message content after 354.
    Data,
    /// The session is over.
    Closed,
}

/// A message the server accepted.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Message {
    /// The reverse-path without brackets; empty for the null sender `<>`.
    pub reverse_path: String,
    /// The accepted forward-paths, without brackets.
    pub recipients: Vec<String>,
    /// The message content exactly as received, unstuffed.
    pub content: Vec<u8>,
}

/// Something the session did that a caller may show.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum Event {
    /// A reply was sent.
    Reply(Reply),
    /// A message was accepted.
    Message(Message),
}

/// One server session.
#[derive(Debug)]
pub struct ServerSession {
    config: ServerConfig,
}

impl ServerSession {
    /// A new session; its greeting is queued.
    pub fn new(config: ServerConfig) -> Self {
        Self { config }
    }

    /// The configuration this session runs with.
    pub fn config(&self) -> &ServerConfig {
        &self.config
    }
}
