//! The WebAssembly adapter: the JS API the page (and any tutorial author) uses.
//!
//! This is the only module that names `wasm-bindgen` or `js-sys`. It owns no protocol logic: it
//! turns JS values into core calls and core values into plain JS objects (through
//! `serde-wasm-bindgen`), with the shapes written out in the TypeScript section below so the
//! generated `.d.ts` is exact.
//!
//! Exports:
//! - [`JsServerSession`] (JS `ServerSession`): one server session; the learner plays the client.
//! - [`DotScanner`]: the DATA receiver on its own (end of data and dot-unstuffing, RFC 5321
//!   §4.5.2), for pages and benchmarks that scan message content.

use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::data::{DataReceiver, DataStatus};
use crate::reply::Reply;
use crate::server::{Event, Persona, ServerConfig, ServerSession, State, Warning};

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &str = r#"
/** How the server treats line endings: RFC to the letter, friendly to `nc`, or open to smuggling. */
export type Persona = "strict" | "lenient" | "vulnerable";
/** The languages explanations are written in. */
export type Language = "en" | "pt-BR";
/** Where a session stands (RFC 5321 §4.1.4 ordering). */
export type StateName = "Connected" | "Ready" | "Auth" | "Mail" | "Rcpt" | "Data" | "Bdat" | "Closed";

/** Options for `new ServerSession(options)`; every field is optional. */
export interface SessionOptions {
  /** Default "strict". */
  persona?: Persona;
  /** The name in the greeting and EHLO reply. Default "mx.example.test". */
  hostname?: string;
  /** Language of explanations. Default "en". */
  language?: Language;
}

/** One reply as the server sent it. */
export interface ReplyView {
  /** Numbers replies in this session from 0 (the greeting); pass it to `explain`. */
  id: number;
  /** The three-digit code, e.g. 250. */
  code: number;
  /** The RFC 3463 enhanced status code, e.g. "2.1.0", or null. */
  enhanced: string | null;
  /** Each line's text, without code, separator or enhanced code. */
  lines: string[];
  /** The reply exactly as sent on the wire, CRLF after every line. */
  wire: string;
}

/** Something the session did, in order. */
export type SessionEvent =
  | { type: "command"; verb: string; line: string }
  | { type: "reply"; reply: ReplyView }
  | { type: "state"; from: StateName; to: StateName }
  | {
      type: "message";
      helo: string;
      protocol: string;
      /** Empty for the null sender <>. */
      reversePath: string;
      recipients: string[];
      /** The content as stored: dots unstuffed, terminator removed. */
      content: Uint8Array;
    }
  | { type: "warning"; warning: WarningKind };

/** Things worth pointing out that are not error replies. */
export type WarningKind = "BareLfInCommand";

/** What one call did: the events in order, the bytes the server sent, where it stands now. */
export interface Exchange {
  events: SessionEvent[];
  /** The server's output as text (what a telnet user would see). */
  output: string;
  state: StateName;
  /** True once the server has closed the session (after 221 or 421). */
  closed: boolean;
}
"#;

#[wasm_bindgen]
extern "C" {
    /// `SessionOptions` in TypeScript.
    #[wasm_bindgen(typescript_type = "SessionOptions | undefined")]
    pub type SessionOptionsJs;
    /// `Exchange` in TypeScript.
    #[wasm_bindgen(typescript_type = "Exchange")]
    pub type ExchangeJs;
    /// `StateName` in TypeScript.
    #[wasm_bindgen(typescript_type = "StateName")]
    pub type StateNameJs;
    /// `Language` in TypeScript.
    #[wasm_bindgen(typescript_type = "Language")]
    pub type LanguageJs;
    /// `string[]` in TypeScript.
    #[wasm_bindgen(typescript_type = "string[]")]
    pub type StringArrayJs;
    /// `ReplyView` in TypeScript.
    #[wasm_bindgen(typescript_type = "ReplyView")]
    pub type ReplyViewJs;
}

/// Routes Rust panics to the browser console; runs once when the module is instantiated.
#[wasm_bindgen(start)]
fn start() {
    #[cfg(feature = "panic-hook")]
    console_error_panic_hook::set_once();
}

/// The one place errors become JS exceptions.
fn js_error(message: &str) -> js_sys::Error {
    js_sys::Error::new(message)
}

/// Turns a value into a plain JS object; `None` becomes `null`, bytes become `Uint8Array`.
fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, js_sys::Error> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::new().serialize_missing_as_null(true))
        .map_err(|_| js_error("smtp-sim: could not convert a value for JavaScript"))
}

/// The languages explanations are written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Language {
    En,
    PtBr,
}

impl Language {
    fn parse(s: &str) -> Result<Self, js_sys::Error> {
        match s {
            "en" => Ok(Self::En),
            "pt-BR" | "pt" => Ok(Self::PtBr),
            _ => Err(js_error("smtp-sim: language must be \"en\" or \"pt-BR\"")),
        }
    }

    fn tag(self) -> &'static str {
        match self {
            Self::En => "en",
            Self::PtBr => "pt-BR",
        }
    }
}

fn parse_persona(s: &str) -> Result<Persona, js_sys::Error> {
    match s {
        "strict" => Ok(Persona::Strict),
        "lenient" => Ok(Persona::Lenient),
        "vulnerable" => Ok(Persona::Vulnerable),
        _ => Err(js_error(
            "smtp-sim: persona must be \"strict\", \"lenient\" or \"vulnerable\"",
        )),
    }
}

/// Reads a string field of an options object: absent, `undefined` and `null` mean "not given".
fn string_field(obj: &JsValue, name: &str) -> Result<Option<String>, js_sys::Error> {
    if obj.is_undefined() || obj.is_null() {
        return Ok(None);
    }
    if !obj.is_object() {
        return Err(js_error("smtp-sim: options must be an object"));
    }
    let value = js_sys::Reflect::get(obj, &JsValue::from_str(name))
        .map_err(|_| js_error("smtp-sim: could not read options"))?;
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    value.as_string().map(Some).ok_or_else(|| {
        js_error("smtp-sim: options.persona, .hostname and .language must be strings")
    })
}

fn state_name(state: State) -> &'static str {
    match state {
        State::Connected => "Connected",
        State::Ready => "Ready",
        State::Auth => "Auth",
        State::Mail => "Mail",
        State::Rcpt => "Rcpt",
        State::Data => "Data",
        State::Bdat => "Bdat",
        State::Closed => "Closed",
    }
}

/// A reply kept for later explanation, with what led to it.
#[derive(Debug)]
struct ReplyRecord {
    reply: Reply,
    /// The command line this reply answers (`None` for the greeting and the end of data).
    #[allow(dead_code)] // read by the contextual explanation once the catalogue lands
    command: Option<String>,
    /// The state before the command was read.
    #[allow(dead_code)]
    state_before: State,
}

#[derive(Serialize)]
struct ReplyView<'a> {
    id: usize,
    code: u16,
    enhanced: Option<String>,
    lines: &'a [String],
    wire: String,
}

impl<'a> ReplyView<'a> {
    fn new(id: usize, reply: &'a Reply) -> Self {
        Self {
            id,
            code: reply.code,
            enhanced: reply.enhanced.map(|e| e.to_string()),
            lines: &reply.lines,
            wire: String::from_utf8_lossy(&reply.to_bytes()).into_owned(),
        }
    }
}

/// Serializes as a `Uint8Array`.
struct Bytes<'a>(&'a [u8]);

impl Serialize for Bytes<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_bytes(self.0)
    }
}

#[derive(Serialize)]
#[serde(tag = "type", rename_all = "camelCase")]
enum EventView<'a> {
    Command {
        verb: &'a str,
        line: &'a str,
    },
    Reply {
        reply: ReplyView<'a>,
    },
    State {
        from: &'static str,
        to: &'static str,
    },
    #[serde(rename_all = "camelCase")]
    Message {
        helo: &'a str,
        protocol: &'a str,
        reverse_path: &'a str,
        recipients: &'a [String],
        content: Bytes<'a>,
    },
    Warning {
        warning: &'a Warning,
    },
}

#[derive(Serialize)]
struct ExchangeView<'a> {
    events: Vec<EventView<'a>>,
    output: String,
    state: &'static str,
    closed: bool,
}

/// One SMTP server session running in the page; the caller plays the client.
///
/// ```js
/// const s = new ServerSession({ persona: "strict", language: "en" });
/// s.poll();                       // the 220 greeting
/// s.sendLine("EHLO me.example");  // events: command, reply 250, state Connected → Ready
/// s.free();
/// ```
#[wasm_bindgen(js_name = ServerSession)]
pub struct JsServerSession {
    config: ServerConfig,
    session: ServerSession,
    language: Language,
    replies: Vec<ReplyRecord>,
    /// The last command line read, until a reply answers it.
    pending_command: Option<String>,
    state_before: State,
}

#[wasm_bindgen(js_class = ServerSession)]
impl JsServerSession {
    /// A new session with its 220 greeting queued: call `poll()` to take it.
    /// Throws on an unknown persona or language.
    #[wasm_bindgen(constructor)]
    pub fn new(options: Option<SessionOptionsJs>) -> Result<JsServerSession, js_sys::Error> {
        let options: JsValue = options.map(Into::into).unwrap_or(JsValue::UNDEFINED);
        let mut config = ServerConfig::default();
        if let Some(p) = string_field(&options, "persona")? {
            config.persona = parse_persona(&p)?;
        }
        if let Some(h) = string_field(&options, "hostname")? {
            if h.is_empty() || h.len() > 255 || h.bytes().any(|b| b <= b' ' || b >= 0x7f) {
                return Err(js_error(
                    "smtp-sim: hostname must be 1 to 255 printable ASCII characters",
                ));
            }
            config.hostname = h;
        }
        let language = match string_field(&options, "language")? {
            Some(l) => Language::parse(&l)?,
            None => Language::En,
        };
        let session = ServerSession::new(config.clone());
        Ok(Self {
            state_before: session.state(),
            config,
            session,
            language,
            replies: Vec::new(),
            pending_command: None,
        })
    }

    /// Takes what the server has to say without sending anything (the greeting, after `new` or
    /// `reset`).
    pub fn poll(&mut self) -> Result<ExchangeJs, js_sys::Error> {
        self.exchange()
    }

    /// Sends one line as a client would: the text followed by CRLF. Use it for commands and, in
    /// the DATA state, for message lines (a line holding only `.` ends the message).
    #[wasm_bindgen(js_name = sendLine)]
    pub fn send_line(&mut self, line: &str) -> Result<ExchangeJs, js_sys::Error> {
        let mut bytes = Vec::with_capacity(line.len() + 2);
        bytes.extend_from_slice(line.as_bytes());
        bytes.extend_from_slice(b"\r\n");
        self.session.receive(&bytes);
        self.exchange()
    }

    /// Sends raw bytes, split anywhere (bare LF, pipelined commands and so on arrive as given).
    #[wasm_bindgen(js_name = sendBytes)]
    pub fn send_bytes(&mut self, bytes: &[u8]) -> Result<ExchangeJs, js_sys::Error> {
        self.session.receive(bytes);
        self.exchange()
    }

    /// Where the session stands.
    pub fn state(&self) -> StateNameJs {
        JsValue::from_str(state_name(self.session.state())).unchecked_into()
    }

    /// True once the server has closed the session (after 221 or 421).
    #[wasm_bindgen(getter)]
    pub fn closed(&self) -> bool {
        self.session.is_closed()
    }

    /// The commands the server accepts in the current state, upper-case.
    #[wasm_bindgen(js_name = allowedCommands)]
    pub fn allowed_commands(&self) -> Result<StringArrayJs, js_sys::Error> {
        Ok(to_js(allowed_commands(self.session.state()))?.unchecked_into())
    }

    /// The language explanations are written in.
    #[wasm_bindgen(getter)]
    pub fn language(&self) -> LanguageJs {
        JsValue::from_str(self.language.tag()).unchecked_into()
    }

    /// Switches the language of explanations. Throws on anything but "en" or "pt-BR".
    #[wasm_bindgen(setter)]
    pub fn set_language(&mut self, language: LanguageJs) -> Result<(), js_sys::Error> {
        let language: JsValue = language.into();
        self.language = Language::parse(&language.as_string().unwrap_or_default())?;
        Ok(())
    }

    /// The reply with the given id, as first reported.
    pub fn reply(&self, id: usize) -> Result<ReplyViewJs, js_sys::Error> {
        let record = self
            .replies
            .get(id)
            .ok_or_else(|| js_error("smtp-sim: no reply with that id in this session"))?;
        Ok(to_js(&ReplyView::new(id, &record.reply))?.unchecked_into())
    }

    /// Starts over: a fresh session with the same options, its greeting queued for `poll()`.
    /// Reply ids start again from 0.
    pub fn reset(&mut self) {
        self.session = ServerSession::new(self.config.clone());
        self.replies.clear();
        self.pending_command = None;
        self.state_before = self.session.state();
    }

    /// Drains output and events into one JS object, recording replies for explanation.
    fn exchange(&mut self) -> Result<ExchangeJs, js_sys::Error> {
        let output = self.session.take_output();
        let mut events = Vec::new();
        while let Some(e) = self.session.poll_event() {
            events.push(e);
        }
        let first_id = self.replies.len();
        for event in &events {
            match event {
                Event::Command { line, .. } => {
                    self.pending_command = Some(line.clone());
                    self.state_before = self.session.state();
                }
                Event::StateChanged { from, .. } if self.pending_command.is_none() => {
                    self.state_before = *from;
                }
                Event::Reply(reply) => self.replies.push(ReplyRecord {
                    reply: reply.clone(),
                    command: self.pending_command.take(),
                    state_before: self.state_before,
                }),
                _ => {}
            }
        }
        let mut next_id = first_id;
        let views = events
            .iter()
            .map(|event| match event {
                Event::Command { verb, line } => EventView::Command { verb, line },
                Event::Reply(reply) => {
                    next_id += 1;
                    EventView::Reply {
                        reply: ReplyView::new(next_id - 1, reply),
                    }
                }
                Event::StateChanged { from, to } => EventView::State {
                    from: state_name(*from),
                    to: state_name(*to),
                },
                Event::MessageAccepted(m) => EventView::Message {
                    helo: &m.helo,
                    protocol: m.protocol,
                    reverse_path: &m.reverse_path,
                    recipients: &m.recipients,
                    content: Bytes(&m.content),
                },
                Event::Warning(w) => EventView::Warning { warning: w },
            })
            .collect();
        let view = ExchangeView {
            events: views,
            output: String::from_utf8_lossy(&output).into_owned(),
            state: state_name(self.session.state()),
            closed: self.session.is_closed(),
        };
        Ok(to_js(&view)?.unchecked_into())
    }
}

/// The commands a server accepts in each state (RFC 5321 §4.1.4).
fn allowed_commands(state: State) -> &'static [&'static str] {
    match state {
        State::Connected => &["EHLO", "HELO", "NOOP", "RSET", "VRFY", "HELP", "QUIT"],
        State::Ready => &[
            "MAIL", "EHLO", "HELO", "STARTTLS", "AUTH", "NOOP", "RSET", "VRFY", "HELP", "QUIT",
        ],
        State::Auth => &["(base64 response)", "*"],
        State::Mail => &["RCPT", "RSET", "NOOP", "VRFY", "HELP", "QUIT"],
        State::Rcpt => &[
            "RCPT", "DATA", "BDAT", "RSET", "NOOP", "VRFY", "HELP", "QUIT",
        ],
        State::Data => &["(message lines)", "."],
        State::Bdat => &["BDAT", "RSET", "QUIT"],
        State::Closed => &[],
    }
}

/// The DATA receiver on its own: finds the end of data (`CRLF . CRLF`) and removes stuffing dots
/// (RFC 5321 §4.5.2: `..x` → `.x`, `.x` → `x`). The CRLF before the final dot belongs to the
/// message; bare LF never ends it.
///
/// ```js
/// const d = new DotScanner();
/// d.feed(enc.encode("Hi\r\n..dot\r\n")); // -1: not ended yet
/// d.feed(enc.encode(".\r\nQUIT\r\n"));   // 3: the terminator; "QUIT\r\n" is not consumed
/// d.takeMessage();                      // "Hi\r\n.dot\r\n"
/// ```
#[wasm_bindgen]
pub struct DotScanner {
    rx: DataReceiver,
}

impl Default for DotScanner {
    fn default() -> Self {
        Self::new()
    }
}

#[wasm_bindgen]
impl DotScanner {
    /// A scanner at the start of message content (just after the CRLF of the DATA command).
    #[wasm_bindgen(constructor)]
    pub fn new() -> DotScanner {
        Self {
            rx: DataReceiver::new(),
        }
    }

    /// Scans a chunk. Returns −1 while the end of data has not been seen (the whole chunk was
    /// consumed); otherwise how many bytes of this chunk were consumed, terminator included.
    /// After the end, consumes nothing and returns 0.
    pub fn feed(&mut self, chunk: &[u8]) -> f64 {
        match self.rx.feed(chunk) {
            DataStatus::Incomplete => -1.0,
            DataStatus::Complete { consumed } => consumed as f64,
        }
    }

    /// Octets of unstuffed content held so far.
    #[wasm_bindgen(js_name = messageLength)]
    pub fn message_length(&self) -> usize {
        self.rx.message().len()
    }

    /// Takes the unstuffed content out; `messageLength()` is 0 afterwards.
    #[wasm_bindgen(js_name = takeMessage)]
    pub fn take_message(&mut self) -> Vec<u8> {
        self.rx.take_message()
    }

    /// True once the terminator has been seen.
    #[wasm_bindgen(js_name = isComplete)]
    pub fn is_complete(&self) -> bool {
        self.rx.is_complete()
    }
}
