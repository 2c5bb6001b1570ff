//! What every class shares: the one place errors become JS exceptions, the conversions between
//! JS values and the Rust types (serde both ways for the full module's own values; the
//! hand-written JSON of [`crate::json`] for what the first-load module returns), and the message
//! form of `Simulation` and `ClientRole`.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use tsify::{Ts, Tsify};
use wasm_bindgen::JsValue;

use crate::json::{object, ToJson};

use smtp_sim_core::client::{compose_message, ClientConfig, Envelope};
use smtp_sim_core::server::Persona;
use smtp_sim_explain::Lang;

/// The one place errors become JS exceptions; every message starts with `smtp-sim: `.
pub fn js_error(message: &str) -> js_sys::Error {
    let mut m = String::from("smtp-sim: ");
    m.push_str(message);
    js_sys::Error::new(&m)
}

/// A value as a plain JS object: `None` is `null`, bytes are a `Uint8Array`, maps (from
/// `#[serde(flatten)]`) are objects.
pub fn to_value<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, js_sys::Error> {
    let serializer = serde_wasm_bindgen::Serializer::new()
        .serialize_missing_as_null(true)
        .serialize_maps_as_objects(true);
    value
        .serialize(&serializer)
        .map_err(|_| js_error("could not convert a value for JavaScript"))
}

/// A value as the JS object its generated TypeScript type describes.
pub fn to_js<T: Serialize + Tsify>(value: &T) -> Result<Ts<T>, js_sys::Error> {
    to_value(value).map(Ts::new_unchecked)
}

/// A value as the JS object its hand-written JSON describes (one `JSON.parse`; no serde). Not
/// generic: one copy in the module.
pub fn json_value(value: &dyn ToJson) -> Result<JsValue, js_sys::Error> {
    js_sys::JSON::parse(&crate::json::to_string(value))
        .map_err(|_| js_error("could not convert a value for JavaScript"))
}

/// [`json_value`] as the JS object its generated TypeScript type describes.
pub fn json_js<T: ToJson + Tsify>(value: &T) -> Result<Ts<T>, js_sys::Error> {
    json_value(value).map(Ts::new_unchecked)
}

/// Reads a JS value as `T`; the error names `what` and the field that is wrong, e.g.
/// `smtp-sim: options.persona: unknown variant "paranoid", expected one of …`.
pub fn from_js<T: DeserializeOwned>(value: JsValue, what: &str) -> Result<T, js_sys::Error> {
    serde_path_to_error::deserialize(serde_wasm_bindgen::Deserializer::from(value)).map_err(|e| {
        let mut m = String::from(what);
        let path = e.path().to_string();
        if path != "." {
            m.push('.');
            m.push_str(&path);
        }
        m.push_str(": ");
        // serde-wasm-bindgen's errors print as a JS `Error`: keep the message only.
        let inner = e.inner().to_string();
        m.push_str(inner.strip_prefix("Error: ").unwrap_or(&inner));
        js_error(&m)
    })
}

/// Reads a language argument (`"en"` or `"pt-BR"`), by hand (see [`crate::read`]).
pub fn lang(language: Ts<Lang>) -> Result<Lang, js_sys::Error> {
    crate::read::lang(&language.js_value(), "language")
}

/// A message for the simulated client to deliver, and how; every field is optional.
#[derive(Debug, Default, Deserialize, Tsify)]
pub struct MessageForm {
    /// The sender; `""` is the null sender `<>`. Default: the core's example envelope
    /// (`alice@client.example.test`).
    #[tsify(optional)]
    pub from: Option<String>,
    /// The recipients. Default: the example envelope's (`bob@mx.example.test`).
    #[tsify(optional)]
    pub to: Option<Vec<String>>,
    /// Default `"Hello"`.
    #[tsify(optional)]
    pub subject: Option<String>,
    /// The text after the headers, any line ends.
    #[tsify(optional)]
    pub body: Option<String>,
    /// Send MAIL, RCPT and DATA as one group when PIPELINING is advertised (RFC 2920). Default:
    /// the core client's (true).
    #[tsify(optional)]
    pub pipelining: Option<bool>,
    /// Send the content with BDAT when CHUNKING is advertised (RFC 3030). Default: the core
    /// client's (false).
    #[tsify(optional)]
    pub chunking: Option<bool>,
    /// Open with EHLO (true) or the old HELO (false). Default: the core client's (true).
    #[tsify(optional)]
    pub ehlo: Option<bool>,
    /// The simulated server's persona (`Simulation` only). Default `"Strict"`.
    #[tsify(optional)]
    pub persona: Option<Persona>,
    /// Forced server replies (`Simulation` only): `"COMMAND:CODE[:once|always][:TEXT]"`, as
    /// `smtp-sim demo --fault`, e.g. `"rcpt:450"`.
    #[tsify(optional)]
    pub faults: Option<Vec<String>>,
    /// Language of explanations and of the client's notes and rules. Default `"en"`.
    #[tsify(optional)]
    pub language: Option<Lang>,
}

/// A message form read, with the defaults filled in.
pub struct Form {
    pub config: ClientConfig,
    pub envelope: Envelope,
    pub message: Vec<u8>,
    pub persona: Persona,
    pub faults: Vec<String>,
    pub language: Lang,
}

impl Form {
    /// Reads the form a constructor was given (`undefined` and `null` give the defaults).
    pub fn read(form: Option<Ts<MessageForm>>) -> Result<Self, js_sys::Error> {
        let form: MessageForm = match form {
            Some(f) => from_js(f.js_value(), "form")?,
            None => MessageForm::default(),
        };
        let example = Envelope::example();
        let defaults = ClientConfig::default();
        let from = form.from.unwrap_or(example.reverse_path);
        let from = from.trim();
        let to: Vec<String> = form
            .to
            .unwrap_or(example.recipients)
            .iter()
            .map(|t| t.trim().to_owned())
            .filter(|t| !t.is_empty())
            .collect();
        let subject = form.subject.as_deref().unwrap_or("Hello");
        let body = form.body.unwrap_or_default();
        let message = compose_message(from, &to, subject, None, body.as_bytes());
        Ok(Self {
            config: ClientConfig {
                pipelining: form.pipelining.unwrap_or(defaults.pipelining),
                chunking: form.chunking.unwrap_or(defaults.chunking),
                ehlo: form.ehlo.unwrap_or(defaults.ehlo),
                ..defaults
            },
            envelope: Envelope {
                reverse_path: from.to_owned(),
                recipients: to,
            },
            message,
            persona: form.persona.unwrap_or_default(),
            faults: form.faults.unwrap_or_default(),
            language: form.language.unwrap_or(Lang::En),
        })
    }
}

/// The limits a session enforces, and where it stands against the one that moves: what the
/// page's counters show while the learner types.
#[derive(Debug, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct Limits {
    /// A command line, CRLF included: 512 octets (RFC 5321 §4.5.3.1.4).
    pub command_line: usize,
    /// A line of message text, CRLF included: 1000 octets (RFC 5321 §4.5.3.1.6).
    pub text_line: usize,
    /// The local part of an address: 64 octets (RFC 5321 §4.5.3.1.1).
    pub local_part: usize,
    /// A domain: 255 octets (RFC 5321 §4.5.3.1.2).
    pub domain: usize,
    /// Recipients per transaction (at least 100 must be accepted, RFC 5321 §4.5.3.1.8): the
    /// server's setting.
    pub recipients: usize,
    /// The largest message, in octets: the server's SIZE (RFC 1870).
    pub size: usize,
    /// Recipients accepted in the open transaction.
    pub recipients_now: usize,
}

impl ToJson for Limits {
    fn write(&self, out: &mut String) {
        object(
            out,
            &[
                ("commandLine", &self.command_line),
                ("textLine", &self.text_line),
                ("localPart", &self.local_part),
                ("domain", &self.domain),
                ("recipients", &self.recipients),
                ("size", &self.size),
                ("recipientsNow", &self.recipients_now),
            ],
        );
    }
}

impl Limits {
    /// The limits of a session now.
    pub fn of(session: &smtp_sim_core::server::ServerSession) -> Self {
        use smtp_sim_core::command::{MAX_COMMAND_LINE, MAX_DOMAIN, MAX_LOCAL_PART};
        let config = session.config();
        Self {
            command_line: MAX_COMMAND_LINE,
            text_line: smtp_sim_core::data::MAX_TEXT_LINE,
            local_part: MAX_LOCAL_PART,
            domain: MAX_DOMAIN,
            recipients: config.max_recipients,
            size: config.max_message_size,
            recipients_now: session.recipients().len(),
        }
    }
}
