//! `ServerSession`: one SMTP server session running in the page; the caller plays the client.

use serde::Serialize;
use tsify::{Ts, Tsify};
use wasm_bindgen::prelude::*;

use smtp_sim_core::reply::Reply;
use smtp_sim_core::sequence::Prompt;
use smtp_sim_core::server::{self, Event, Persona, ServerConfig, State};
use smtp_sim_explain::{Guide, Lang, Voice};

use crate::json::{object, ToJson};
use crate::replies::{explain_and_language, Replies};
use crate::shared::{js_error, json_js, json_value, Limits};

/// Options for `new ServerSession(options)`; every field is optional.
#[derive(Debug, Default, Tsify)]
pub struct SessionOptions {
    /// How the server treats line endings. Default `"Strict"`.
    #[tsify(optional)]
    pub persona: Option<Persona>,
    /// The name in the greeting and EHLO reply: a domain or an address literal. Default: the
    /// core's (`mx.example.test`).
    #[tsify(optional)]
    pub hostname: Option<String>,
    /// Language of explanations. Default `"en"`.
    #[tsify(optional)]
    pub language: Option<Lang>,
}

/// A server event as JS sees it: the core's event; a reply also carries its id (for `explain`).
#[derive(Tsify)]
#[tsify(
    type = "(Extract<ServerEvent, { type: \"Reply\" }> & { id: number }) | Exclude<ServerEvent, { type: \"Reply\" }>"
)]
pub enum SessionEvent {
    /// A reply, numbered in its session from 0.
    Reply(ReplyEvent),
    /// Any other event, as the core reports it.
    Other(Event),
}

/// The core's `Reply` event with the reply's id (written `{"type":"Reply","id",…}`).
pub struct ReplyEvent {
    id: usize,
    reply: Reply,
    answers: Prompt,
    before: State,
}

impl SessionEvent {
    /// Numbers a reply (keeping it for `explain`); passes any other event through.
    pub fn new(event: Event, replies: &mut Replies) -> Self {
        match (replies.observe(&event), event) {
            (
                Some(id),
                Event::Reply {
                    reply,
                    answers,
                    before,
                },
            ) => Self::Reply(ReplyEvent {
                id,
                reply,
                answers,
                before,
            }),
            (_, event) => Self::Other(event),
        }
    }
}

/// In the full module's values built with serde (a simulation's entries, a lesson's events) an
/// event is the same object as in an exchange: built by the JSON writer and passed through as a
/// JS value. Only serde-wasm-bindgen serialises these values.
impl Serialize for SessionEvent {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let value = json_value(self)
            .and_then(|v| {
                if let Self::Other(Event::MessageReceived(m)) = self {
                    set_content(&v, &m.content)?;
                }
                Ok(v)
            })
            .map_err(|_| serde::ser::Error::custom("could not convert an event"))?;
        serde_wasm_bindgen::preserve::serialize(&value, s)
    }
}

/// Sets a received message's `content` (written `null` in its JSON) to a `Uint8Array` of its
/// bytes, in its place among the fields.
fn set_content(event: &JsValue, content: &[u8]) -> Result<(), js_sys::Error> {
    let content = js_sys::Uint8Array::from(content);
    js_sys::Reflect::set(event, &"content".into(), &content)
        .map(drop)
        .map_err(|_| js_error("could not convert a value for JavaScript"))
}

impl ToJson for SessionEvent {
    fn write(&self, out: &mut String) {
        match self {
            Self::Reply(r) => object(
                out,
                &[
                    ("type", &"Reply"),
                    ("id", &r.id),
                    ("reply", &r.reply),
                    ("answers", &r.answers),
                    ("before", &r.before),
                ],
            ),
            Self::Other(e) => e.write(out),
        }
    }
}

/// What one call did: the events in order, the bytes the server sent, where it stands now.
#[derive(Serialize, Tsify)]
pub struct Exchange {
    /// What the session did, in order.
    pub events: Vec<SessionEvent>,
    /// The server's output as text (what a telnet user would see).
    pub output: String,
    /// Where the session stands now.
    pub state: State,
    /// True once the server has closed the session (after 221 or 421).
    pub closed: bool,
}

impl ToJson for Exchange {
    fn write(&self, out: &mut String) {
        object(
            out,
            &[
                ("events", &self.events),
                ("output", &self.output),
                ("state", &self.state),
                ("closed", &self.closed),
            ],
        );
    }
}

impl Exchange {
    /// The exchange as a JS object: its JSON parsed, then each received message's `content`
    /// (written as `null`) set to a `Uint8Array` of its bytes, in its place among the fields.
    fn to_js(&self) -> Result<Ts<Exchange>, js_sys::Error> {
        let value = json_value(self)?;
        let fail = |_| js_error("could not convert a value for JavaScript");
        let mut events = JsValue::UNDEFINED;
        for (i, e) in self.events.iter().enumerate() {
            if let SessionEvent::Other(Event::MessageReceived(m)) = e {
                if events.is_undefined() {
                    events = js_sys::Reflect::get(&value, &"events".into()).map_err(fail)?;
                }
                let event = js_sys::Reflect::get_u32(&events, i as u32).map_err(fail)?;
                set_content(&event, &m.content)?;
            }
        }
        Ok(Ts::new_unchecked(value))
    }
}

#[wasm_bindgen]
extern "C" {
    /// `string[]` in TypeScript.
    #[wasm_bindgen(typescript_type = "string[]")]
    pub type Strings;
}

/// One SMTP server session running in the page; the caller plays the client.
///
/// ```js
/// const s = new ServerSession({ persona: "Strict", language: "en" });
/// s.poll();                       // the 220 greeting
/// s.sendLine("EHLO me.example");  // events: Command, Reply 250, StateChanged Connected → Ready
/// s.free();
/// ```
#[wasm_bindgen]
pub struct ServerSession {
    config: ServerConfig,
    session: server::ServerSession,
    language: Lang,
    replies: Replies,
}

explain_and_language!(ServerSession);

#[wasm_bindgen]
impl ServerSession {
    /// A new session with its 220 greeting queued: call `poll()` to take it. Throws on an
    /// unknown option, persona or language, or a hostname that is not a domain.
    #[wasm_bindgen(constructor)]
    pub fn new(options: Option<Ts<SessionOptions>>) -> Result<ServerSession, js_sys::Error> {
        let options: SessionOptions = match options {
            Some(o) => crate::read::session_options(&o.js_value(), "options")?,
            None => SessionOptions::default(),
        };
        let mut config = ServerConfig {
            persona: options.persona.unwrap_or_default(),
            ..ServerConfig::default()
        };
        if let Some(h) = options.hostname {
            if !server::is_server_name(&h) {
                return Err(js_error(
                    "options.hostname: must be a domain or an address literal, in ASCII",
                ));
            }
            config.hostname = h;
        }
        Ok(Self {
            session: server::ServerSession::new(config.clone()),
            config,
            language: options.language.unwrap_or(Lang::En),
            replies: Replies::new(Voice::You),
        })
    }

    /// Takes what the server has to say without sending anything (the greeting, after `new` or
    /// `reset`).
    pub fn poll(&mut self) -> Result<Ts<Exchange>, js_sys::Error> {
        self.exchange()
    }

    /// Sends one line as a client would: the text followed by CRLF. Use it for commands and, in
    /// the DATA state, for message lines (a line holding only `.` ends the message).
    #[cfg(feature = "script-api")]
    #[wasm_bindgen(js_name = sendLine)]
    pub fn send_line(&mut self, line: &str) -> Result<Ts<Exchange>, js_sys::Error> {
        let mut bytes = Vec::with_capacity(line.len() + 2);
        bytes.extend_from_slice(line.as_bytes());
        bytes.extend_from_slice(b"\r\n");
        self.send_bytes(&bytes)
    }

    /// Sends raw bytes, split anywhere (bare LF, pipelined commands and so on arrive as given).
    #[wasm_bindgen(js_name = sendBytes)]
    pub fn send_bytes(&mut self, bytes: &[u8]) -> Result<Ts<Exchange>, js_sys::Error> {
        #[cfg(feature = "test-trap")]
        test_trap::check(bytes);
        self.session.receive(bytes);
        self.exchange()
    }

    /// Where the session stands.
    pub fn state(&self) -> Result<Ts<State>, js_sys::Error> {
        Ok(Ts::new_unchecked(self.session.state().name().into()))
    }

    /// Octets of the BDAT chunk being read that are still to come, or `null` when no chunk is
    /// open: while it is, every byte sent is message content (RFC 3030 §2).
    #[wasm_bindgen(js_name = chunkRemaining)]
    pub fn chunk_remaining(&self) -> Option<f64> {
        self.session.chunk_remaining().map(|n| n as f64)
    }

    /// True once the server has closed the session (after 221 or 421).
    #[wasm_bindgen(getter)]
    pub fn closed(&self) -> bool {
        self.session.is_closed()
    }

    /// Where the session stands and what may come next, in the session's language: the stage,
    /// a hint and the inputs allowed next, an open BDAT chunk included (the catalogue's `guide`
    /// over the core's `State` and `inputs`).
    pub fn guide(&self) -> Result<Ts<Guide>, js_sys::Error> {
        let (state, inputs) = (self.session.state(), self.session.inputs());
        json_js(&smtp_sim_explain::guide(state, &inputs, self.language))
    }

    /// What a learner may usefully type in the current state (the core's
    /// `State::allowed_commands`).
    #[cfg(feature = "script-api")]
    #[wasm_bindgen(js_name = allowedCommands)]
    pub fn allowed_commands(&self) -> Result<Strings, js_sys::Error> {
        Ok(json_value(&self.session.state().allowed_commands())?.unchecked_into())
    }

    /// The limits the session enforces (512, 1000, 64, 255, recipients, SIZE) and the
    /// recipients accepted so far: the page's counters.
    pub fn limits(&self) -> Result<Ts<Limits>, js_sys::Error> {
        json_js(&Limits::of(&self.session))
    }

    /// The reply with this id.
    #[cfg(feature = "script-api")]
    pub fn reply(&self, id: usize) -> Result<Ts<Reply>, js_sys::Error> {
        json_js(self.replies.reply(id)?)
    }

    /// Starts over: a fresh session with the same options, its greeting queued for `poll()`.
    /// Reply ids start again from 0.
    pub fn reset(&mut self) {
        self.session = server::ServerSession::new(self.config.clone());
        self.replies = Replies::new(Voice::You);
    }

    /// Drains events and output into one exchange. A received message is kept in memory, which
    /// cannot fail: the page accepts it, the step a terminal adapter takes after storing it.
    fn exchange(&mut self) -> Result<Ts<Exchange>, js_sys::Error> {
        let mut events = Vec::new();
        while let Some(e) = self.session.poll_event() {
            if let Event::MessageReceived(m) = &e {
                let mut id = String::new();
                smtp_sim_core::push_decimal(&mut id, m.id);
                self.session.accept_message(&id);
            }
            events.push(SessionEvent::new(e, &mut self.replies));
        }
        let output = self.session.take_output();
        Exchange {
            events,
            output: String::from_utf8_lossy(&output).into_owned(),
            state: self.session.state(),
            closed: self.session.is_closed(),
        }
        .to_js()
    }
}

/// Test builds only (cargo feature `test-trap`): a panic inside a session call, as a bug in the
/// core would cause one, so the page's recovery from a trap can be tested in a browser.
#[cfg(feature = "test-trap")]
mod test_trap {
    /// Panics on the line `TEST-TRAP` while the session is borrowed: with `panic = "abort"` the
    /// instance traps, the handle stays borrowed, and the shadow stack pointer is never restored,
    /// exactly as after a real bug deep in the core.
    pub fn check(bytes: &[u8]) {
        if bytes.starts_with(b"TEST-TRAP") {
            deep(bytes);
        }
    }

    /// A frame as large as deep core code has (64 KiB on the shadow stack): an instance kept
    /// after such traps runs out of stack within a few dozen of them.
    #[inline(never)]
    fn deep(bytes: &[u8]) {
        let mut frame = [0u8; 64 * 1024];
        frame[bytes.len() % frame.len()] = 1;
        std::hint::black_box(&mut frame);
        panic!("test-trap: a forced panic");
    }
}
