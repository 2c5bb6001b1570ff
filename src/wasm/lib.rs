//! The WebAssembly adapter: the JS API the page (and any tutorial author) uses.
//!
//! This is the only crate that names `wasm-bindgen` or `js-sys`; on other targets it is empty. It owns no protocol logic: it
//! turns JS values into core calls and core values into plain JS objects (through
//! `serde-wasm-bindgen`), with the shapes written out in the TypeScript section below so the
//! generated `.d.ts` is exact.
//!
//! Exports:
//! - [`JsServerSession`] (JS `ServerSession`): one server session; the learner plays the client.
//! - [`DotScanner`]: the DATA receiver on its own (end of data and dot-unstuffing, RFC 5321
//!   §4.5.2), for pages and benchmarks that scan message content.
//! - catalogue lookups: [`explain_code`], [`explain_enhanced`], [`catalog_labels`], [`compare`],
//!   [`lookup`], [`explain_reply`], [`all_codes`], [`all_enhanced`], [`curated_pairs`],
//!   [`explain_warning`]; a session's [`JsServerSession::explain`] adds the sentence for the
//!   command and state that led to a reply.
//! - [`JsSimulation`] (JS `Simulation`): the simulated client and our server back to back, step
//!   by step, with faults ("Watch"); [`JsClientRole`] (JS `ClientRole`): the simulated client
//!   alone, the learner types the server's replies ("You are the server").

#![cfg(target_arch = "wasm32")]

use serde::Serialize;
use wasm_bindgen::prelude::*;

use smtp_sim_core::data::{DataReceiver, DataStatus};
use smtp_sim_core::reply::Reply;
use smtp_sim_core::sequence::Prompt;
use smtp_sim_core::server::{Event, Persona, ServerConfig, ServerSession, State, Warning};
use smtp_sim_explain::{self as catalog, Confusion, ContextNote, Digit, EnhancedEntry, Lang, Wild};

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
  | {
      type: "command";
      /** The verb ("MAIL"), or "UNKNOWN", or "AUTH-RESPONSE" for a line inside AUTH. */
      verb: string;
      line: string;
    }
  | { type: "reply"; reply: ReplyView }
  /** The 220 to STARTTLS went out; in the browser TLS is simulated and the session goes on. */
  | { type: "startTls" }
  | { type: "state"; from: StateName; to: StateName }
  | {
      type: "message";
      /** The message's number in this session, from 1. */
      id: number;
      helo: string;
      /** The trace protocol name (RFC 3848): "ESMTP", "ESMTPA", "UTF8SMTP", … */
      protocol: string;
      /** Empty for the null sender <>. */
      reversePath: string;
      recipients: string[];
      /** The content as stored: dots unstuffed, terminator removed. */
      content: Uint8Array;
      smtputf8: boolean;
      /** The content came in BDAT chunks rather than DATA. */
      chunked: boolean;
      /** The user who authenticated with AUTH, if any. */
      authenticated: string | null;
    }
  | {
      type: "warning";
      kind: WarningKind;
      /** How many lines, bytes or octets, for the kinds that count something; else null. */
      count: number | null;
      /** A short English description (the page words its own). */
      description: string;
    };

/** Things worth pointing out that are not error replies. */
export type WarningKind =
  | "BareLfInCommand"
  | "BareLfInData"
  | "BareCrInData"
  | "DiscardedAfterStartTls"
  | "AuthWithoutTls"
  | "LongLines"
  | "NonStandardEndOfData";

/** What one call did: the events in order, the bytes the server sent, where it stands now. */
export interface Exchange {
  events: SessionEvent[];
  /** The server's output as text (what a telnet user would see). */
  output: string;
  state: StateName;
  /** True once the server has closed the session (after 221 or 421). */
  closed: boolean;
}

/** One digit of a reply code explained (RFC 5321 §4.2.1). */
export interface Digit {
  digit: number;
  /** "3xx" for a class, "x5z" for a category. */
  pattern: string;
  name: string;
  meaning: string;
}

/** A code this one is often confused with, and why. */
export interface Confusion {
  code: number;
  name: string;
  why: string;
}

/** How a well-known server words the reply, and where that wording was read. */
export interface Wild {
  server: string;
  reply: string;
  source: string;
}

/** Everything the catalogue knows about one reply code, in one language. */
export interface CodeEntry {
  code: number;
  language: Language;
  /** A short name, e.g. "Start mail input". */
  name: string;
  /** The first digit. */
  class: Digit;
  /** The second digit. */
  category: Digit;
  description: string;
  /** When you see it: which commands and states produce it. */
  when: string;
  /** What the client does next. */
  next: string;
  /** How to fix the cause, or why there is nothing to fix. */
  fix: string;
  confusions: Confusion[];
  /** Commands that may get this reply. */
  producedBy: string[];
  /** RFC sections, e.g. "RFC 5321 §4.2.2". */
  rfc: string[];
  /** Enhanced codes commonly sent with it, e.g. "2.0.0". */
  enhanced: string[];
  inTheWild: Wild[];
}

/** One part of an enhanced status code explained. */
export interface EnhancedPart {
  value: number;
  name: string;
  meaning: string;
}

/** An RFC 3463 enhanced status code, each part explained. */
export interface EnhancedEntry {
  code: { class: number; subject: number; detail: number };
  /** As written, e.g. "5.1.1". */
  text: string;
  class: EnhancedPart;
  subject: EnhancedPart;
  /** Null when the catalogue does not know the detail. */
  detail: EnhancedPart | null;
  /** True when the detail is in the IANA registry. */
  registered: boolean;
  rfc: string;
}

/** The sentence that explains a reply after the command that produced it. */
export interface ContextNote {
  code: number;
  text: string;
  /** False when no sentence fits and `text` is the code's generic description. */
  specific: boolean;
}

/** The explanation of one reply of a session, in the session's language. */
export interface Explanation {
  language: Language;
  reply: ReplyView;
  /** What the reply answers: "CONNECT" for the greeting, the verb ("DATA"), "END-OF-DATA", "UNKNOWN", "AUTH-RESPONSE" or "CLOSING". */
  command: string;
  /** The session state before that command. */
  stateBefore: StateName;
  /** Null for a code the catalogue does not know. */
  entry: CodeEntry | null;
  /** The reply's enhanced code explained; null when it has none. */
  enhanced: EnhancedEntry | null;
  context: ContextNote;
}

/** The catalogue's headings in one language (field names as the catalogue spells them). */
export interface CatalogLabels {
  description: string;
  when: string;
  next: string;
  fix: string;
  confusions: string;
  produced_by: string;
  rfc: string;
  enhanced: string;
  in_the_wild: string;
  class: string;
  category: string;
  differences: string;
  when_to_use: string;
  note: string;
  shared_commands: string;
  reply_text: string;
  warnings: string;
  in_context: string;
  subject: string;
  detail: string;
  unregistered: string;
  none: string;
  read_as: string;
  written_by: string;
  reply_from: string;
  recipient: string;
  answers: string;
  what_to_do: string;
  recipients: string;
  how_read: string;
  status: string;
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
    /// `Explanation` in TypeScript.
    #[wasm_bindgen(typescript_type = "Explanation")]
    pub type ExplanationJs;
    /// `CodeEntry | null` in TypeScript.
    #[wasm_bindgen(typescript_type = "CodeEntry | null")]
    pub type CodeEntryJs;
    /// `EnhancedEntry | null` in TypeScript.
    #[wasm_bindgen(typescript_type = "EnhancedEntry | null")]
    pub type EnhancedEntryJs;
    /// `CatalogLabels` in TypeScript.
    #[wasm_bindgen(typescript_type = "CatalogLabels")]
    pub type CatalogLabelsJs;
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

/// Reads a language tag the way the catalogue does (`en`, `pt-BR`, `pt`).
fn parse_lang(tag: &str) -> Result<Lang, js_sys::Error> {
    Lang::parse(tag).ok_or_else(|| js_error("smtp-sim: language must be \"en\" or \"pt-BR\""))
}

fn lang_of(value: JsValue) -> Result<Lang, js_sys::Error> {
    parse_lang(&value.as_string().unwrap_or_default())
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

fn warning_view(w: &Warning) -> (&'static str, Option<usize>) {
    (w.kind().name(), w.count())
}

/// A reply kept for later explanation, with what the core says it answers.
#[derive(Debug)]
struct ReplyRecord {
    reply: Reply,
    /// What the reply answers.
    answers: Prompt,
    /// The server's state before that command.
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
        verb: &'static str,
        line: &'a str,
    },
    Reply {
        reply: ReplyView<'a>,
    },
    StartTls,
    State {
        from: &'static str,
        to: &'static str,
    },
    #[serde(rename_all = "camelCase")]
    Message {
        id: u64,
        helo: &'a str,
        protocol: &'a str,
        reverse_path: &'a str,
        recipients: &'a [String],
        content: Bytes<'a>,
        smtputf8: bool,
        chunked: bool,
        authenticated: Option<&'a str>,
    },
    Warning {
        kind: &'static str,
        count: Option<usize>,
        description: &'static str,
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
    language: Lang,
    log: ReplyLog,
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
            Some(l) => parse_lang(&l)?,
            None => Lang::En,
        };
        Ok(Self {
            session: ServerSession::new(config.clone()),
            config,
            language,
            log: ReplyLog::default(),
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
        #[cfg(feature = "test-trap")]
        test_trap::check(bytes);
        self.session.receive(bytes);
        self.exchange()
    }

    /// Where the session stands.
    pub fn state(&self) -> StateNameJs {
        JsValue::from_str(State::name(self.session.state())).unchecked_into()
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

    /// The commands the server accepts in the current state, upper-case.
    #[wasm_bindgen(js_name = allowedCommands)]
    pub fn allowed_commands(&self) -> Result<StringArrayJs, js_sys::Error> {
        Ok(to_js(self.session.state().allowed_commands())?.unchecked_into())
    }

    /// The language explanations are written in.
    #[wasm_bindgen(getter)]
    pub fn language(&self) -> LanguageJs {
        JsValue::from_str(self.language.tag()).unchecked_into()
    }

    /// Switches the language of explanations. Throws on anything but "en" or "pt-BR".
    #[wasm_bindgen(setter)]
    pub fn set_language(&mut self, language: LanguageJs) -> Result<(), js_sys::Error> {
        self.language = lang_of(language.into())?;
        Ok(())
    }

    /// Explains the reply with the given id: the catalogue entry for its code, its enhanced
    /// code, and the sentence for the command and state that led to it.
    pub fn explain(&self, id: usize) -> Result<ExplanationJs, js_sys::Error> {
        explain_record(&self.log.records, id, self.language)
    }

    /// The reply with the given id, as first reported.
    pub fn reply(&self, id: usize) -> Result<ReplyViewJs, js_sys::Error> {
        let record = self
            .log
            .records
            .get(id)
            .ok_or_else(|| js_error("smtp-sim: no reply with that id in this session"))?;
        Ok(to_js(&ReplyView::new(id, &record.reply))?.unchecked_into())
    }

    /// Starts over: a fresh session with the same options, its greeting queued for `poll()`.
    /// Reply ids start again from 0.
    pub fn reset(&mut self) {
        self.session = ServerSession::new(self.config.clone());
        self.log = ReplyLog::default();
    }

    /// Drains events and output into one JS object, recording replies for explanation. A
    /// received message is kept in memory, which cannot fail: the page accepts it, the same step
    /// a terminal adapter takes after storing it.
    fn exchange(&mut self) -> Result<ExchangeJs, js_sys::Error> {
        let mut events = Vec::new();
        while let Some(e) = self.session.poll_event() {
            if let Event::MessageReceived(m) = &e {
                let id = m.id.to_string();
                self.session.accept_message(&id);
            }
            events.push(e);
        }
        let output = self.session.take_output();
        let log = &mut self.log;
        let views = events
            .iter()
            .map(|event| server_event_view(event, log.observe(event)))
            .collect();
        let view = ExchangeView {
            events: views,
            output: String::from_utf8_lossy(&output).into_owned(),
            state: State::name(self.session.state()),
            closed: self.session.is_closed(),
        };
        Ok(to_js(&view)?.unchecked_into())
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ExplanationView<'a> {
    language: &'static str,
    reply: ReplyView<'a>,
    command: &'a str,
    state_before: &'static str,
    entry: Option<EntryView<'a>>,
    enhanced: Option<EnhancedEntry>,
    context: ContextNote,
}

/// The catalogue's [`catalog::Entry`] with camelCase field names.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct EntryView<'a> {
    code: u16,
    language: &'static str,
    name: &'static str,
    class: Digit,
    category: Digit,
    description: &'static str,
    when: &'static str,
    next: &'static str,
    fix: &'static str,
    confusions: &'a [Confusion],
    produced_by: &'a [&'static str],
    rfc: &'static [&'static str],
    enhanced: &'static [&'static str],
    in_the_wild: &'static [Wild],
}

impl<'a> From<&'a catalog::Entry> for EntryView<'a> {
    fn from(e: &'a catalog::Entry) -> Self {
        Self {
            code: e.code,
            language: e.lang.tag(),
            name: e.name,
            class: e.class,
            category: e.category,
            description: e.description,
            when: e.when,
            next: e.next,
            fix: e.fix,
            confusions: &e.confusions,
            produced_by: &e.produced_by,
            rfc: e.rfc,
            enhanced: e.enhanced,
            in_the_wild: e.in_the_wild,
        }
    }
}

/// The catalogue entry for a reply code in a language ("en" or "pt-BR"), or `null` for a code
/// the catalogue does not know. Throws on an unknown language.
#[wasm_bindgen(js_name = explainCode)]
pub fn explain_code(code: u16, language: LanguageJs) -> Result<CodeEntryJs, js_sys::Error> {
    let entry = catalog::entry(code, lang_of(language.into())?);
    Ok(to_js(&entry.as_ref().map(EntryView::from))?.unchecked_into())
}

/// An enhanced status code such as "5.1.1" explained part by part, or `null` when it is not
/// one (RFC 3463). Throws on an unknown language.
#[wasm_bindgen(js_name = explainEnhanced)]
pub fn explain_enhanced(
    code: &str,
    language: LanguageJs,
) -> Result<EnhancedEntryJs, js_sys::Error> {
    let entry = catalog::enhanced_str(code, lang_of(language.into())?);
    Ok(to_js(&entry)?.unchecked_into())
}

/// The catalogue's headings ("Description", "When you see it", …) in a language.
#[wasm_bindgen(js_name = catalogLabels)]
pub fn catalog_labels(language: LanguageJs) -> Result<CatalogLabelsJs, js_sys::Error> {
    Ok(to_js(catalog::labels(lang_of(language.into())?))?.unchecked_into())
}

#[wasm_bindgen(typescript_custom_section)]
const TS_CATALOG: &str = r#"
/** One code's column in a comparison. */
export interface ComparisonSide {
  code: number;
  name: string;
  class: Digit;
  category: Digit;
  description: string;
  when: string;
  next: string;
  fix: string;
  producedBy: string[];
}

/** One row of "key differences": an aspect and each code's value for it. */
export interface Difference {
  aspect: string;
  a: string;
  b: string;
  /** True when both codes share this value. */
  same: boolean;
}

/** Two codes side by side, derived from their facts. */
export interface Comparison {
  language: Language;
  a: ComparisonSide;
  b: ComparisonSide;
  /** One sentence on what the two classes mean together. */
  summary: string;
  differences: Difference[];
  /** Commands that may get either code. */
  sharedCommands: string[];
  /** The hand-written note for a pair people confuse; null for other pairs. */
  note: string | null;
}

/** How serious a warning is: a broken rule, or a remark. */
export type Severity = "Rule" | "Note";

/** Something in a pasted reply that breaks a rule or deserves a remark. */
export interface ReplyWarningView {
  kind:
    | "EnhancedClassMismatch" | "EnhancedOnIntermediate" | "EnhancedBadClass" | "EnhancedInconsistent"
    | "EnhancedUnregistered" | "CodeChanged" | "EarlyLastLine" | "UnfinishedReply" | "BadSeparator"
    | "LineWithoutCode" | "CodeOutsideGrammar" | "UnknownCode" | "WrongCommand"
    | "UnlistedRefusal" | "UnusualCode" | "LineTooLong";
  severity: Severity;
  /** What is wrong, in the requested language. */
  text: string;
  /** The rule's source, e.g. "RFC 3463 §2". */
  rule: string;
  /** The pasted line (from 1) where it was seen, or null. */
  line: number | null;
}

/** A reply pasted from a log, parsed and explained. */
export interface ExplainedReply {
  /** The code of the first line. */
  code: number;
  /** The enhanced code of the first line, e.g. "5.1.1", or null. */
  enhanced: string | null;
  /** Each line's text, without code, separator and enhanced code. */
  lines: string[];
  /** The command the reply answered, as given or found in the log line; null if unknown. */
  command: string | null;
  /** Null for a code the catalogue does not know. */
  entry: CodeEntry | null;
  enhancedEntry: EnhancedEntry | null;
  /** What the reply means after `command`; null when no command is known. */
  context: ContextNote | null;
  /** Empty for a reply that follows the rules. */
  warnings: ReplyWarningView[];
}

/** What `lookup` found: a code, an enhanced code, or a whole reply. */
export type Lookup =
  | { kind: "code"; value: CodeEntry }
  | { kind: "enhanced"; value: EnhancedEntry }
  | { kind: "reply"; value: ExplainedReply };

/** One line of the reference of reply codes. */
export interface CodeSummary {
  code: number;
  name: string;
  /** The first digit: 2, 3, 4 or 5. */
  class: number;
  description: string;
}

/** One line of the reference of enhanced codes: the detail `X.subject.detail`. */
export interface EnhancedSummary {
  subject: number;
  detail: number;
  name: string;
  meaning: string;
  rfc: string;
}

/** What a server warning (a `SessionEvent` of type "warning") teaches. */
export interface WarningExplanation {
  kind: WarningKind;
  severity: Severity;
  /** A few words naming it. */
  title: string;
  /** What happened and why it matters. */
  text: string;
  /** What the event's `count` counts ("lines", "octets"), or null when it counts nothing. */
  countLabel: string | null;
  rule: string;
}
"#;

#[wasm_bindgen]
extern "C" {
    /// `Comparison | null` in TypeScript.
    #[wasm_bindgen(typescript_type = "Comparison | null")]
    pub type ComparisonJs;
    /// `Lookup` in TypeScript.
    #[wasm_bindgen(typescript_type = "Lookup")]
    pub type LookupJs;
    /// `ExplainedReply` in TypeScript.
    #[wasm_bindgen(typescript_type = "ExplainedReply")]
    pub type ExplainedReplyJs;
    /// `CodeSummary[]` in TypeScript.
    #[wasm_bindgen(typescript_type = "CodeSummary[]")]
    pub type CodeSummaryArrayJs;
    /// `EnhancedSummary[]` in TypeScript.
    #[wasm_bindgen(typescript_type = "EnhancedSummary[]")]
    pub type EnhancedSummaryArrayJs;
    /// `[number, number][]` in TypeScript.
    #[wasm_bindgen(typescript_type = "[number, number][]")]
    pub type PairArrayJs;
    /// `WarningKind` in TypeScript.
    #[wasm_bindgen(typescript_type = "WarningKind")]
    pub type WarningKindJs;
    /// `WarningExplanation` in TypeScript.
    #[wasm_bindgen(typescript_type = "WarningExplanation")]
    pub type WarningExplanationJs;
}

/// The catalogue's [`catalog::Side`] with camelCase field names.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SideView<'a> {
    code: u16,
    name: &'static str,
    class: Digit,
    category: Digit,
    description: &'static str,
    when: &'static str,
    next: &'static str,
    fix: &'static str,
    produced_by: &'a [&'static str],
}

impl<'a> From<&'a catalog::Side> for SideView<'a> {
    fn from(s: &'a catalog::Side) -> Self {
        Self {
            code: s.code,
            name: s.name,
            class: s.class,
            category: s.category,
            description: s.description,
            when: s.when,
            next: s.next,
            fix: s.fix,
            produced_by: &s.produced_by,
        }
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ComparisonView<'a> {
    language: &'static str,
    a: SideView<'a>,
    b: SideView<'a>,
    summary: &'static str,
    differences: &'a [catalog::Difference],
    shared_commands: &'a [&'static str],
    note: Option<&'static str>,
}

/// The catalogue's [`catalog::ExplainedReply`] with camelCase field names.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ExplainedReplyView<'a> {
    code: u16,
    enhanced: Option<String>,
    lines: &'a [String],
    command: Option<&'a str>,
    entry: Option<EntryView<'a>>,
    enhanced_entry: Option<&'a EnhancedEntry>,
    context: Option<&'a ContextNote>,
    warnings: &'a [catalog::WarningView],
}

impl<'a> From<&'a catalog::ExplainedReply> for ExplainedReplyView<'a> {
    fn from(r: &'a catalog::ExplainedReply) -> Self {
        Self {
            code: r.code,
            enhanced: r.enhanced.map(|e| e.to_string()),
            lines: &r.lines,
            command: r.command.as_deref(),
            entry: r.entry.as_ref().map(EntryView::from),
            enhanced_entry: r.enhanced_entry.as_ref(),
            context: r.context.as_ref(),
            warnings: &r.warnings,
        }
    }
}

#[derive(Serialize)]
#[serde(tag = "kind", content = "value", rename_all = "camelCase")]
enum LookupView<'a> {
    Code(EntryView<'a>),
    Enhanced(&'a EnhancedEntry),
    Reply(ExplainedReplyView<'a>),
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct WarningExplanationView {
    kind: &'static str,
    severity: catalog::Severity,
    title: &'static str,
    text: &'static str,
    count_label: Option<&'static str>,
    rule: &'static str,
}

/// Two reply codes side by side in a language: class and category, what the client does after
/// each, the commands that get them, and the hand-written note for pairs people confuse; `null`
/// when either code is unknown. Throws on an unknown language.
#[wasm_bindgen]
pub fn compare(a: u16, b: u16, language: LanguageJs) -> Result<ComparisonJs, js_sys::Error> {
    let c = catalog::compare(a, b, lang_of(language.into())?);
    let view = c.as_ref().map(|c| ComparisonView {
        language: c.lang.tag(),
        a: SideView::from(&c.a),
        b: SideView::from(&c.b),
        summary: c.summary,
        differences: &c.differences,
        shared_commands: &c.shared_commands,
        note: c.note,
    });
    Ok(to_js(&view)?.unchecked_into())
}

/// Explains whatever a learner typed: a code (`"354"`), an enhanced code (`"5.7.1"`) or a whole
/// reply. Throws an `Error` whose message says, in the language asked for, why nothing matched.
#[wasm_bindgen]
pub fn lookup(query: &str, language: LanguageJs) -> Result<LookupJs, js_sys::Error> {
    let lang = lang_of(language.into())?;
    let found = catalog::lookup(query, lang).map_err(|e| js_error(e.description(lang)))?;
    let view = match &found {
        catalog::Lookup::Code(e) => LookupView::Code(EntryView::from(e)),
        catalog::Lookup::Enhanced(e) => LookupView::Enhanced(e),
        catalog::Lookup::Reply(r) => LookupView::Reply(ExplainedReplyView::from(r.as_ref())),
    };
    Ok(to_js(&view)?.unchecked_into())
}

/// Parses and explains a reply pasted from a log (one line or several, CRLF or LF), with a
/// warning for each rule it breaks. `command` is the command it answered (`"RCPT"`,
/// `"MAIL FROM:<a@b>"`, `"."` for the end of data) or `null`. Throws an `Error` with a sentence
/// in the language asked for when no line starts with a reply code.
#[wasm_bindgen(js_name = explainReply)]
pub fn explain_reply(
    text: &str,
    command: Option<String>,
    language: LanguageJs,
) -> Result<ExplainedReplyJs, js_sys::Error> {
    let lang = lang_of(language.into())?;
    let r = catalog::explain_reply(text, command.as_deref(), lang)
        .map_err(|e| js_error(e.description(lang)))?;
    Ok(to_js(&ExplainedReplyView::from(&r))?.unchecked_into())
}

/// Every reply code the catalogue explains, ascending, with its name and description.
#[wasm_bindgen(js_name = allCodes)]
pub fn all_codes(language: LanguageJs) -> Result<CodeSummaryArrayJs, js_sys::Error> {
    Ok(to_js(&catalog::all_codes(lang_of(language.into())?))?.unchecked_into())
}

/// Every enhanced-code detail the catalogue explains (`X.subject.detail`).
#[wasm_bindgen(js_name = allEnhanced)]
pub fn all_enhanced(language: LanguageJs) -> Result<EnhancedSummaryArrayJs, js_sys::Error> {
    Ok(to_js(&catalog::all_enhanced(lang_of(language.into())?))?.unchecked_into())
}

/// The pairs of codes with a hand-written note in `compare`, lower code first.
#[wasm_bindgen(js_name = curatedPairs)]
pub fn curated_pairs() -> Result<PairArrayJs, js_sys::Error> {
    Ok(to_js(&catalog::curated_pairs())?.unchecked_into())
}

/// What a server warning teaches (the `kind` of a "warning" event), in a language. Throws on an
/// unknown kind or language.
#[wasm_bindgen(js_name = explainWarning)]
pub fn explain_warning(
    kind: WarningKindJs,
    language: LanguageJs,
) -> Result<WarningExplanationJs, js_sys::Error> {
    let lang = lang_of(language.into())?;
    let name = JsValue::from(kind).as_string().unwrap_or_default();
    let kind = catalog::SessionWarning::from_name(&name)
        .ok_or_else(|| js_error("smtp-sim: unknown warning kind"))?;
    let t = catalog::session_warning(kind, lang);
    let view = WarningExplanationView {
        kind: kind.name(),
        severity: t.severity,
        title: t.title,
        text: t.text,
        count_label: t.count_label,
        rule: t.rule,
    };
    Ok(to_js(&view)?.unchecked_into())
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

// ---- Watch and "You are the server": the simulated client, alone or against our server ----

use smtp_sim_core::client::{
    self as smtp_client, ClientConfig, ClientSession, Envelope, EventKind, Outcome,
    RecipientStatus, Status,
};
use smtp_sim_core::reply::ReplyLine;
use smtp_sim_core::sim::{Entry, Side, Simulation};
use smtp_sim_explain::{Expectation, Fit};

#[wasm_bindgen(typescript_custom_section)]
const TS_CLIENT_TYPES: &str = r#"
/** Where the simulated client stands: the reply it waits for ("Done" once it closed). */
export type ClientStateName =
  | "Greeting" | "Ehlo" | "Helo" | "StartTls" | "Auth" | "Mail" | "Rcpt" | "Data" | "Content"
  | "Bdat" | "Quit" | "Done";
/** What happened to one recipient. */
export type RecipientStatusName = "Pending" | "Accepted" | "Delivered" | "Failed" | "RetryLater";
/** The result of a session as a whole. */
export type OutcomeStatus = "InProgress" | "Delivered" | "PartiallyDelivered" | "RetryLater" | "Failed";

/** A message for the simulated client to deliver, and how; every field is optional. */
export interface MessageForm {
  /** The sender. Default "alice@client.example.test"; "" is the null sender <>. */
  from?: string;
  /** The recipients. Default ["bob@mx.example.test"]. */
  to?: string[];
  /** Default "Hello". */
  subject?: string;
  /** The text after the headers, any line ends. */
  body?: string;
  /** Send MAIL, RCPT and DATA as one group when PIPELINING is advertised (RFC 2920). Default true. */
  pipelining?: boolean;
  /** Send the content with BDAT when CHUNKING is advertised (RFC 3030). Default false. */
  chunking?: boolean;
  /** Open with EHLO (true) or the old HELO (false). Default true. */
  ehlo?: boolean;
  /** The simulated server's persona (Simulation only). Default "strict". */
  persona?: Persona;
  /** Forced server replies (Simulation only): "COMMAND:CODE[:once|always][:TEXT]", e.g. "rcpt:450". */
  faults?: string[];
  /** Language of explanations and of the client's notes and rules. Default "en". */
  language?: Language;
}

/** Something the simulated client did or concluded (texts in the handle's language). */
export type ClientEvent =
  | { type: "command"; line: string }
  | { type: "content"; octets: number; stuffedLines: number }
  | { type: "reply"; code: number }
  | { type: "malformedReply"; problem: string }
  | { type: "note"; text: string }
  | { type: "recipient"; address: string; status: RecipientStatusName }
  | { type: "finished"; status: OutcomeStatus };

/** One step of the client, the state it was in and the rule it followed, with its source, in the
 * handle's language ("" when none applies). */
export interface ClientStep {
  state: ClientStateName;
  rule: string;
  event: ClientEvent;
}

/** One entry of a simulation's transcript, in order. */
export type SimEntry =
  | { type: "wire"; from: "client" | "server"; text: string }
  | { type: "client"; step: ClientStep }
  | { type: "server"; event: SessionEvent };

/** One recipient at the end (or so far). */
export interface RecipientOutcome {
  address: string;
  status: RecipientStatusName;
  /** The reply that decided it, as sent (CRLF between lines, none at the end); null if none did. */
  reply: string | null;
  /** The rule that decided it, with its source, in the handle's language ("" while none has). */
  rule: string;
}

/** Who got the message, who did not, and why. */
export interface OutcomeView {
  status: OutcomeStatus;
  recipients: RecipientOutcome[];
  /** The first session-level problem, in a few words in the handle's language; null when none. */
  error: string | null;
}

/** What the client waits for at a step, and what a well-behaved server sends there. */
export interface Expectation {
  /** What it waits on: "CONNECT" (the greeting), "EHLO", "MAIL", …, "END-OF-DATA". */
  command: string;
  /** What the reply answers. */
  answers: Prompt;
  /** Codes a well-behaved server uses to let the client go on. */
  usual: number[];
  /** The reply a well-behaved server sends here, one wire line without CRLF. */
  example: string;
  text: string;
  rfc: string;
}

/** How a reply fitted the step it answered. */
export type Fit = "usual" | "unusual" | "refusal" | "unlistedRefusal" | "closing" | "wrong"
  | "malformed" | "unsolicited";

/** What a reply answers (RFC 5321 §4.3.2). */
export type Prompt = "Connect" | { Command: string } | "Unknown" | "AuthResponse" | "EndOfData"
  | { Closing: "Timeout" | "Shutdown" | "Busy" | "TooManyErrors" | "TooManyAuthFailures" };

/** A learner's reply judged against the step. */
export interface Verdict {
  fit: Fit;
  /** False for wrong, malformed and unsolicited replies. */
  ok: boolean;
  text: string;
  /** For a line that could not be read: what is wrong with it; else null. */
  problem: string | null;
  /** What the client was waiting for; null when it waited for nothing. */
  expected: Expectation | null;
}

/** What the client did after `start()` or one reply line. */
export interface ClientTurn {
  /** The reply as the client read it (explain it by its id); null for `start()`, continuation lines and lines it could not read. */
  reply: ReplyView | null;
  /** True after a continuation line ("250-…"): the client waits for the reply's last line. */
  partial: boolean;
  /** Null for `start()` and continuation lines. */
  verdict: Verdict | null;
  /** Lines the client sent in answer (commands and message content), without CRLF. */
  sent: string[];
  events: ClientStep[];
  /** What the client waits for now; null once it is done. */
  expect: Expectation | null;
  state: ClientStateName;
  done: boolean;
}
"#;

#[wasm_bindgen]
extern "C" {
    /// `MessageForm` in TypeScript.
    #[wasm_bindgen(typescript_type = "MessageForm | undefined")]
    pub type MessageFormJs;
    /// `SimEntry[]` in TypeScript.
    #[wasm_bindgen(typescript_type = "SimEntry[]")]
    pub type SimEntriesJs;
    /// `OutcomeView` in TypeScript.
    #[wasm_bindgen(typescript_type = "OutcomeView")]
    pub type OutcomeViewJs;
    /// `ClientTurn` in TypeScript.
    #[wasm_bindgen(typescript_type = "ClientTurn")]
    pub type ClientTurnJs;
    /// `Expectation | null` in TypeScript.
    #[wasm_bindgen(typescript_type = "Expectation | null")]
    pub type ExpectationJs;
    /// `ClientStateName` in TypeScript.
    #[wasm_bindgen(typescript_type = "ClientStateName")]
    pub type ClientStateNameJs;
}

/// A message form read from JS, with the defaults filled in.
struct Form {
    config: ClientConfig,
    envelope: Envelope,
    message: Vec<u8>,
    persona: Persona,
    faults: Vec<String>,
    language: Lang,
}

fn form_field(obj: &JsValue, name: &str) -> Result<JsValue, js_sys::Error> {
    if obj.is_undefined() || obj.is_null() {
        return Ok(JsValue::UNDEFINED);
    }
    if !obj.is_object() {
        return Err(js_error("smtp-sim: the message form must be an object"));
    }
    js_sys::Reflect::get(obj, &JsValue::from_str(name))
        .map_err(|_| js_error("smtp-sim: could not read the message form"))
}

fn form_string(obj: &JsValue, name: &str) -> Result<Option<String>, js_sys::Error> {
    let v = form_field(obj, name)?;
    if v.is_undefined() || v.is_null() {
        return Ok(None);
    }
    v.as_string().map(Some).ok_or_else(|| {
        js_error("smtp-sim: from, subject, body, persona and language must be strings")
    })
}

fn form_bool(obj: &JsValue, name: &str, default: bool) -> Result<bool, js_sys::Error> {
    let v = form_field(obj, name)?;
    if v.is_undefined() || v.is_null() {
        return Ok(default);
    }
    v.as_bool()
        .ok_or_else(|| js_error("smtp-sim: pipelining, chunking and ehlo must be true or false"))
}

fn form_strings(obj: &JsValue, name: &str) -> Result<Option<Vec<String>>, js_sys::Error> {
    let v = form_field(obj, name)?;
    if v.is_undefined() || v.is_null() {
        return Ok(None);
    }
    if !js_sys::Array::is_array(&v) {
        return Err(js_error(
            "smtp-sim: to and faults must be arrays of strings",
        ));
    }
    js_sys::Array::from(&v)
        .iter()
        .map(|s| {
            s.as_string()
                .ok_or_else(|| js_error("smtp-sim: to and faults must be arrays of strings"))
        })
        .collect::<Result<Vec<_>, _>>()
        .map(Some)
}

impl Form {
    fn read(form: Option<MessageFormJs>) -> Result<Self, js_sys::Error> {
        let obj: JsValue = form.map(Into::into).unwrap_or(JsValue::UNDEFINED);
        let from = form_string(&obj, "from")?.unwrap_or_else(|| "alice@client.example.test".into());
        let to = form_strings(&obj, "to")?
            .unwrap_or_else(|| vec!["bob@mx.example.test".into()])
            .into_iter()
            .map(|t| t.trim().to_owned())
            .filter(|t| !t.is_empty())
            .collect::<Vec<_>>();
        let subject = form_string(&obj, "subject")?.unwrap_or_else(|| "Hello".into());
        let body = form_string(&obj, "body")?.unwrap_or_default();
        let config = ClientConfig {
            pipelining: form_bool(&obj, "pipelining", true)?,
            chunking: form_bool(&obj, "chunking", false)?,
            ehlo: form_bool(&obj, "ehlo", true)?,
            ..ClientConfig::default()
        };
        let persona = match form_string(&obj, "persona")? {
            Some(p) => parse_persona(&p)?,
            None => Persona::Strict,
        };
        let language = match form_string(&obj, "language")? {
            Some(l) => parse_lang(&l)?,
            None => Lang::En,
        };
        let message =
            smtp_client::compose_message(from.trim(), &to, &subject, None, body.as_bytes());
        Ok(Self {
            config,
            envelope: Envelope {
                reverse_path: from.trim().to_owned(),
                recipients: to,
            },
            message,
            persona,
            faults: form_strings(&obj, "faults")?.unwrap_or_default(),
            language,
        })
    }
}

fn client_state_name(s: smtp_client::State) -> &'static str {
    use smtp_client::State as S;
    match s {
        S::Greeting => "Greeting",
        S::Ehlo => "Ehlo",
        S::Helo => "Helo",
        S::StartTls => "StartTls",
        S::Auth => "Auth",
        S::Mail => "Mail",
        S::Rcpt => "Rcpt",
        S::Data => "Data",
        S::Content => "Content",
        S::Bdat => "Bdat",
        S::Quit => "Quit",
        S::Done => "Done",
    }
}

const fn recipient_status_name(s: RecipientStatus) -> &'static str {
    match s {
        RecipientStatus::Pending => "Pending",
        RecipientStatus::Accepted => "Accepted",
        RecipientStatus::Delivered => "Delivered",
        RecipientStatus::Failed => "Failed",
        RecipientStatus::RetryLater => "RetryLater",
    }
}

const fn status_name(s: Status) -> &'static str {
    match s {
        Status::InProgress => "InProgress",
        Status::Delivered => "Delivered",
        Status::PartiallyDelivered => "PartiallyDelivered",
        Status::RetryLater => "RetryLater",
        Status::Failed => "Failed",
    }
}

#[derive(Serialize)]
#[serde(tag = "type", rename_all = "camelCase")]
enum ClientEventView<'a> {
    Command {
        line: &'a str,
    },
    #[serde(rename_all = "camelCase")]
    Content {
        octets: usize,
        stuffed_lines: usize,
    },
    Reply {
        code: u16,
    },
    MalformedReply {
        problem: &'static str,
    },
    Note {
        text: &'static str,
    },
    Recipient {
        address: &'a str,
        status: &'static str,
    },
    Finished {
        status: &'static str,
    },
}

#[derive(Serialize)]
struct ClientStepView<'a> {
    state: &'static str,
    rule: &'static str,
    event: ClientEventView<'a>,
}

impl<'a> ClientStepView<'a> {
    fn new(e: &'a smtp_client::Event, lang: Lang) -> Self {
        let event = match &e.kind {
            EventKind::Command(line) => ClientEventView::Command { line },
            EventKind::Content {
                octets,
                stuffed_lines,
            } => ClientEventView::Content {
                octets: *octets,
                stuffed_lines: *stuffed_lines,
            },
            EventKind::Reply(r) => ClientEventView::Reply { code: r.code },
            EventKind::MalformedReply(err) => ClientEventView::MalformedReply {
                problem: catalog::reply_problem(*err, lang),
            },
            EventKind::Note(note) => ClientEventView::Note {
                text: catalog::client_note(*note, lang),
            },
            EventKind::Recipient { address, status } => ClientEventView::Recipient {
                address,
                status: recipient_status_name(*status),
            },
            EventKind::Finished(s) => ClientEventView::Finished {
                status: status_name(*s),
            },
        };
        Self {
            state: client_state_name(e.state),
            rule: e.rule.map_or("", |r| catalog::client_rule(r, lang)),
            event,
        }
    }
}

#[derive(Serialize)]
#[serde(tag = "type", rename_all = "camelCase")]
enum SimEntryView<'a> {
    Wire { from: &'static str, text: &'a str },
    Client { step: ClientStepView<'a> },
    Server { event: EventView<'a> },
}

#[derive(Serialize)]
struct RecipientOutcomeView<'a> {
    address: &'a str,
    status: &'static str,
    reply: Option<String>,
    rule: &'static str,
}

#[derive(Serialize)]
struct OutcomeViewOut<'a> {
    status: &'static str,
    recipients: Vec<RecipientOutcomeView<'a>>,
    error: Option<&'static str>,
}

fn outcome_js(o: &Outcome, lang: Lang) -> Result<OutcomeViewJs, js_sys::Error> {
    let view = OutcomeViewOut {
        status: status_name(o.status),
        recipients: o
            .recipients
            .iter()
            .map(|r| RecipientOutcomeView {
                address: &r.address,
                status: recipient_status_name(r.status),
                reply: r
                    .reply
                    .as_ref()
                    .map(|x| x.to_string().trim_end().to_owned()),
                rule: r.rule.map_or("", |r| catalog::client_rule(r, lang)),
            })
            .collect(),
        error: o.error.map(|e| catalog::client_error(e, lang)),
    };
    Ok(to_js(&view)?.unchecked_into())
}

/// The view of one server event; `reply_id` numbers it when it is a reply.
fn server_event_view(event: &Event, reply_id: usize) -> EventView<'_> {
    match event {
        Event::Command { prompt, line } => EventView::Command {
            verb: prompt.name(),
            line,
        },
        Event::Reply { reply, .. } => EventView::Reply {
            reply: ReplyView::new(reply_id, reply),
        },
        Event::StartTls => EventView::StartTls,
        Event::StateChanged { from, to } => EventView::State {
            from: from.name(),
            to: to.name(),
        },
        Event::MessageReceived(m) => EventView::Message {
            id: m.id,
            helo: &m.helo,
            protocol: m.protocol,
            reverse_path: &m.reverse_path,
            recipients: &m.recipients,
            content: Bytes(&m.content),
            smtputf8: m.smtputf8,
            chunked: m.chunked,
            authenticated: m.authenticated.as_deref(),
        },
        Event::Warning(w) => {
            let (kind, count) = warning_view(w);
            EventView::Warning {
                kind,
                count,
                description: catalog::session_warning(w.kind(), Lang::En).title,
            }
        }
    }
}

/// The explanation of a recorded reply, in `lang`.
fn explain_record(
    records: &[ReplyRecord],
    id: usize,
    lang: Lang,
) -> Result<ExplanationJs, js_sys::Error> {
    let record = records
        .get(id)
        .ok_or_else(|| js_error("smtp-sim: no reply with that id in this session"))?;
    let context = catalog::in_context(
        &record.reply,
        &catalog::Context {
            answers: record.answers,
            stage: Some(record.state_before),
        },
        lang,
    );
    let entry = catalog::entry(record.reply.code, lang);
    let view = ExplanationView {
        language: lang.tag(),
        reply: ReplyView::new(id, &record.reply),
        command: record.answers.name(),
        state_before: record.state_before.name(),
        entry: entry.as_ref().map(EntryView::from),
        enhanced: record
            .reply
            .enhanced
            .and_then(|e| catalog::enhanced(e, lang)),
        context,
    };
    Ok(to_js(&view)?.unchecked_into())
}

/// A server's replies, each with what the core says it answers.
#[derive(Debug, Default)]
struct ReplyLog {
    records: Vec<ReplyRecord>,
}

impl ReplyLog {
    /// Notes one server event; returns the id a reply gets.
    fn observe(&mut self, event: &Event) -> usize {
        if let Event::Reply {
            reply,
            answers,
            before,
        } = event
        {
            self.records.push(ReplyRecord {
                reply: reply.clone(),
                answers: *answers,
                state_before: *before,
            });
            return self.records.len() - 1;
        }
        self.records.len()
    }
}

/// A simulated client and our server back to back, stepped one exchange at a time: "Watch".
///
/// ```js
/// const sim = new Simulation({ to: ["bob@mx.example.test"], faults: ["rcpt:450"] });
/// while (!sim.isDone) sim.step();   // SimEntry[] per step: wire bytes, both sides' events
/// sim.outcome();                    // { status: "RetryLater", recipients: [...] }
/// sim.free();
/// ```
#[wasm_bindgen(js_name = Simulation)]
pub struct JsSimulation {
    sim: Simulation,
    language: Lang,
    log: ReplyLog,
}

#[wasm_bindgen(js_class = Simulation)]
impl JsSimulation {
    /// A simulation of the client delivering the form's message to our server, with the
    /// form's faults. Throws on a bad fault, persona or language, with the reason.
    #[wasm_bindgen(constructor)]
    pub fn new(form: Option<MessageFormJs>) -> Result<JsSimulation, js_sys::Error> {
        let form = Form::read(form)?;
        let mut server = ServerConfig {
            persona: form.persona,
            ..ServerConfig::default()
        };
        for spec in &form.faults {
            let fault = smtp_sim_core::sim::parse_fault(spec.trim()).map_err(|e| {
                let mut m = String::from("smtp-sim: fault \"");
                m.push_str(spec);
                m.push_str("\": ");
                m.push_str(catalog::fault_spec_error(e, form.language));
                js_error(&m)
            })?;
            server.faults.push(fault);
        }
        Ok(Self {
            sim: Simulation::new(form.config, form.envelope, &form.message, server),
            language: form.language,
            log: ReplyLog::default(),
        })
    }

    /// Runs one exchange; returns the entries it added (the first call includes the client's
    /// note that it waits for the greeting). Empty once the session is over.
    pub fn step(&mut self) -> Result<SimEntriesJs, js_sys::Error> {
        // The client's first note (it waits for the greeting) comes with the first step.
        let start = if self.sim.steps() == 0 {
            0
        } else {
            self.sim.transcript().len()
        };
        self.sim.step();
        self.entries(start)
    }

    /// Steps to the end; returns every entry added.
    pub fn run(&mut self) -> Result<SimEntriesJs, js_sys::Error> {
        let start = self.sim.transcript().len();
        self.sim.run();
        self.entries(start)
    }

    /// True once the session is over.
    #[wasm_bindgen(getter, js_name = isDone)]
    pub fn is_done(&self) -> bool {
        self.sim.is_done()
    }

    /// The client's view of the result: per recipient, delivered, failed or retry later.
    pub fn outcome(&self) -> Result<OutcomeViewJs, js_sys::Error> {
        outcome_js(&self.sim.outcome(), self.language)
    }

    /// Explains the server's reply with this id (ids count the server's replies from 0).
    pub fn explain(&self, id: usize) -> Result<ExplanationJs, js_sys::Error> {
        explain_record(&self.log.records, id, self.language)
    }

    /// The language explanations are written in.
    #[wasm_bindgen(getter)]
    pub fn language(&self) -> LanguageJs {
        JsValue::from_str(self.language.tag()).unchecked_into()
    }

    /// Switches the language of explanations and of the client's notes and rules from now on.
    /// Throws on anything but "en" or "pt-BR".
    #[wasm_bindgen(setter)]
    pub fn set_language(&mut self, language: LanguageJs) -> Result<(), js_sys::Error> {
        self.language = lang_of(language.into())?;
        Ok(())
    }

    fn entries(&mut self, start: usize) -> Result<SimEntriesJs, js_sys::Error> {
        let Self { sim, language, log } = self;
        let entries = &sim.transcript()[start..];
        let views: Vec<SimEntryView<'_>> = entries
            .iter()
            .map(|e| match e {
                Entry::Wire { from, text } => SimEntryView::Wire {
                    from: if *from == Side::Client {
                        "client"
                    } else {
                        "server"
                    },
                    text,
                },
                Entry::Client(c) => SimEntryView::Client {
                    step: ClientStepView::new(c, *language),
                },
                Entry::Server(s) => SimEntryView::Server {
                    event: server_event_view(s, log.observe(s)),
                },
            })
            .collect();
        Ok(to_js(&views)?.unchecked_into())
    }
}

#[derive(Serialize)]
struct VerdictView {
    fit: Fit,
    ok: bool,
    text: &'static str,
    problem: Option<&'static str>,
    expected: Option<Expectation>,
}

#[derive(Serialize)]
struct ClientTurnView<'a> {
    reply: Option<ReplyView<'a>>,
    partial: bool,
    verdict: Option<VerdictView>,
    sent: Vec<String>,
    events: Vec<ClientStepView<'a>>,
    expect: Option<Expectation>,
    state: &'static str,
    done: bool,
}

/// The simulated client alone: the caller plays the server ("You are the server").
///
/// ```js
/// const c = new ClientRole({ to: ["bob@mx.example.test"] });
/// c.start();                   // the client waits for the greeting; turn.expect.example is "220 …"
/// c.reply("220 mx.example.test ESMTP");  // sent: ["EHLO client.example.test"]
/// c.reply("250");              // sent: ["MAIL FROM:<…>"]
/// c.free();
/// ```
#[wasm_bindgen(js_name = ClientRole)]
pub struct JsClientRole {
    client: ClientSession,
    language: Lang,
    records: Vec<ReplyRecord>,
}

#[wasm_bindgen(js_class = ClientRole)]
impl JsClientRole {
    /// A client that will deliver the form's message; it waits for the greeting. Throws on a
    /// bad option or language.
    #[wasm_bindgen(constructor)]
    pub fn new(form: Option<MessageFormJs>) -> Result<JsClientRole, js_sys::Error> {
        let form = Form::read(form)?;
        Ok(Self {
            client: ClientSession::new(form.config, form.envelope, &form.message),
            language: form.language,
            records: Vec::new(),
        })
    }

    /// What the client does first: nothing sent, it waits for the greeting (`expect`).
    pub fn start(&mut self) -> Result<ClientTurnJs, js_sys::Error> {
        self.turn(None, false, None)
    }

    /// Feeds one reply line typed by the learner (CRLF is added; anything after a line break
    /// is dropped) and returns what the client did about it.
    pub fn reply(&mut self, line: &str) -> Result<ClientTurnJs, js_sys::Error> {
        let line = line.split(['\r', '\n']).next().unwrap_or("");
        let before = self.client.state();
        let server_before = self.client.server_state().unwrap_or(State::Ready);
        if self.client.is_done() {
            let verdict = VerdictView {
                fit: Fit::Unsolicited,
                ok: false,
                text: catalog::judgement(Fit::Unsolicited, self.language).text,
                problem: None,
                expected: None,
            };
            return self.turn(None, false, Some(verdict));
        }
        let partial = ReplyLine::parse(line).is_ok_and(|l| l.more);
        let mut bytes = Vec::with_capacity(line.len() + 2);
        bytes.extend_from_slice(line.as_bytes());
        bytes.extend_from_slice(b"\r\n");
        self.client.handle_input(&bytes);
        self.turn(Some((before, server_before)), partial, None)
    }

    /// What the client waits for now, and what a well-behaved server answers; null once done.
    pub fn expect(&self) -> Result<ExpectationJs, js_sys::Error> {
        Ok(to_js(&catalog::expectation(self.client.state(), self.language))?.unchecked_into())
    }

    /// The reply the client waits for.
    pub fn state(&self) -> ClientStateNameJs {
        JsValue::from_str(client_state_name(self.client.state())).unchecked_into()
    }

    /// True once the client has closed the session.
    #[wasm_bindgen(getter, js_name = isDone)]
    pub fn is_done(&self) -> bool {
        self.client.is_done()
    }

    /// Who got the message, who did not, and why (final once `isDone`).
    pub fn outcome(&self) -> Result<OutcomeViewJs, js_sys::Error> {
        outcome_js(&self.client.outcome(), self.language)
    }

    /// Explains the learner's reply with this id (ids count the replies the client read, from 0).
    pub fn explain(&self, id: usize) -> Result<ExplanationJs, js_sys::Error> {
        explain_record(&self.records, id, self.language)
    }

    /// The language explanations are written in.
    #[wasm_bindgen(getter)]
    pub fn language(&self) -> LanguageJs {
        JsValue::from_str(self.language.tag()).unchecked_into()
    }

    /// Switches the language of explanations and of the client's notes and rules from now on.
    /// Throws on anything but "en" or "pt-BR".
    #[wasm_bindgen(setter)]
    pub fn set_language(&mut self, language: LanguageJs) -> Result<(), js_sys::Error> {
        self.language = lang_of(language.into())?;
        Ok(())
    }

    /// Drains the client into one turn, recording the reply it read (if any) for `explain`.
    /// `before` is the state the learner's reply answered; `verdict` is given when it is known
    /// without reading the events.
    fn turn(
        &mut self,
        before: Option<(smtp_client::State, State)>,
        partial: bool,
        mut verdict: Option<VerdictView>,
    ) -> Result<ClientTurnJs, js_sys::Error> {
        let lang = self.language;
        let mut events = Vec::new();
        while let Some(e) = self.client.poll_event() {
            events.push(e);
        }
        let mut reply_id = None;
        for e in &events {
            match &e.kind {
                EventKind::Reply(r) if before.is_some() && reply_id.is_none() => {
                    if let Some((state, state_before)) = before {
                        self.records.push(ReplyRecord {
                            reply: r.clone(),
                            answers: state.prompt().unwrap_or(Prompt::Connect),
                            state_before,
                        });
                        reply_id = Some(self.records.len() - 1);
                        let j = catalog::judge(state, r.code, lang);
                        verdict = Some(VerdictView {
                            fit: j.fit,
                            ok: j.ok,
                            text: j.text,
                            problem: None,
                            expected: catalog::expectation(state, lang),
                        });
                    }
                }
                EventKind::MalformedReply(err) => {
                    if let Some((state, _)) = before {
                        verdict = Some(VerdictView {
                            fit: Fit::Malformed,
                            ok: false,
                            text: catalog::judgement(Fit::Malformed, lang).text,
                            problem: Some(catalog::reply_problem(*err, lang)),
                            expected: catalog::expectation(state, lang),
                        });
                    }
                }
                _ => {}
            }
        }
        let mut sent = Vec::new();
        while let Some(bytes) = self.client.poll_transmit() {
            let text = String::from_utf8_lossy(&bytes).into_owned();
            let text = text.strip_suffix('\n').unwrap_or(&text);
            sent.extend(
                text.split('\n')
                    .map(|l| l.trim_end_matches('\r').to_owned()),
            );
        }
        let view = ClientTurnView {
            reply: reply_id.map(|id| ReplyView::new(id, &self.records[id].reply)),
            partial,
            verdict,
            sent,
            events: events
                .iter()
                .map(|e| ClientStepView::new(e, lang))
                .collect(),
            expect: catalog::expectation(self.client.state(), lang),
            state: client_state_name(self.client.state()),
            done: self.client.is_done(),
        };
        Ok(to_js(&view)?.unchecked_into())
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
