//! Hand-written JSON of the values the first-load ("lite") module returns: the session's
//! exchange, its state, guide, limits and replies, their explanations and the catalogue's views.
//! The module hands the text to `JSON.parse` (one call across the boundary per value), so neither
//! serde's `Serialize` impls nor serde-wasm-bindgen's serializer are linked into it
//! (bench/RESULTS.md has the sizes). The text is exactly what serde's derives give (field names,
//! order, tags, `null` for `None`): a native test holds it equal to `serde_json` for every kind
//! of value, so the page gets the same objects as before, and the tsify types still describe them.
//!
//! Byte fields (a received message's `content`) have no JSON form: they are written as `null`
//! and set to a `Uint8Array` after parsing (`ServerSession`'s exchange).

use std::borrow::Cow;

use smtp_sim_core::command::{BodyType, Verb};
use smtp_sim_core::reply::{EnhancedCode, Reply};
use smtp_sim_core::sequence::Prompt;
use smtp_sim_core::server::{Event, Input, Message, State, Warning, WarningKind};
use smtp_sim_explain::{
    CodeSummary, Comparison, ComparisonTexts, Confusion, ContextNote, Difference, Digit,
    EnhancedEntry, EnhancedSummary, Entry, Guide, InputWords, Labels, Lang, Part, PromptLabel,
    SessionWarningText, Severity, Wild,
};

/// A value that writes itself as JSON text.
pub trait ToJson {
    /// Appends the JSON text of `self` to `out`.
    fn write(&self, out: &mut String);
}

/// The JSON text of a value.
pub fn to_string(value: &dyn ToJson) -> String {
    let mut out = String::new();
    value.write(&mut out);
    out
}

/// An object with these fields, in this order (trait objects keep one copy of each writer).
pub fn object(out: &mut String, fields: &[(&str, &dyn ToJson)]) {
    let mut sep = "{\"";
    for (key, value) in fields {
        out.push_str(sep);
        out.push_str(key);
        out.push_str("\":");
        value.write(out);
        sep = ",\"";
    }
    out.push_str(if fields.is_empty() { "{}" } else { "}" });
}

/// A string, escaped as serde_json escapes it (quote, backslash, control characters).
pub fn string(out: &mut String, s: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push('"');
    let mut start = 0;
    for (i, b) in s.bytes().enumerate() {
        let escape = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0c => "\\f",
            0..=0x1f => "",
            _ => continue,
        };
        out.push_str(s.get(start..i).unwrap_or_default());
        if escape.is_empty() {
            out.push_str("\\u00");
            out.push(HEX[usize::from(b >> 4)] as char);
            out.push(HEX[usize::from(b & 15)] as char);
        } else {
            out.push_str(escape);
        }
        start = i + 1;
    }
    out.push_str(s.get(start..).unwrap_or_default());
    out.push('"');
}

/// A whole number in decimal, without `core::fmt` (and without indexing, so no panic path).
fn number(out: &mut String, n: u64) {
    if n >= 10 {
        number(out, n / 10);
    }
    out.push(char::from(b'0' + (n % 10) as u8));
}

impl ToJson for u8 {
    fn write(&self, out: &mut String) {
        number(out, u64::from(*self));
    }
}

impl ToJson for u16 {
    fn write(&self, out: &mut String) {
        number(out, u64::from(*self));
    }
}

impl ToJson for u64 {
    fn write(&self, out: &mut String) {
        number(out, *self);
    }
}

impl ToJson for usize {
    fn write(&self, out: &mut String) {
        number(out, *self as u64);
    }
}

impl ToJson for bool {
    fn write(&self, out: &mut String) {
        out.push_str(if *self { "true" } else { "false" });
    }
}

impl ToJson for str {
    fn write(&self, out: &mut String) {
        string(out, self);
    }
}

impl ToJson for &str {
    fn write(&self, out: &mut String) {
        string(out, self);
    }
}

impl ToJson for String {
    fn write(&self, out: &mut String) {
        string(out, self);
    }
}

impl ToJson for Cow<'_, str> {
    fn write(&self, out: &mut String) {
        string(out, self);
    }
}

impl<T: ToJson> ToJson for Option<T> {
    fn write(&self, out: &mut String) {
        match self {
            Some(v) => v.write(out),
            None => out.push_str("null"),
        }
    }
}

impl<T: ToJson> ToJson for [T] {
    fn write(&self, out: &mut String) {
        out.push('[');
        for (i, v) in self.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            v.write(out);
        }
        out.push(']');
    }
}

impl<T: ToJson> ToJson for &[T] {
    fn write(&self, out: &mut String) {
        (**self).write(out);
    }
}

impl<T: ToJson> ToJson for Vec<T> {
    fn write(&self, out: &mut String) {
        self.as_slice().write(out);
    }
}

impl<T: ToJson> ToJson for &T {
    fn write(&self, out: &mut String) {
        (**self).write(out);
    }
}

/// A pair as a two-element array, as serde writes a tuple.
impl ToJson for (u16, u16) {
    fn write(&self, out: &mut String) {
        [self.0, self.1].write(out);
    }
}

/// A field-less enum as its variant's name.
macro_rules! by_name {
    ($($ty:ty => $name:expr),* $(,)?) => {
        $(impl ToJson for $ty {
            fn write(&self, out: &mut String) {
                let name: fn($ty) -> &'static str = $name;
                string(out, name(*self));
            }
        })*
    };
}

by_name! {
    State => State::name,
    WarningKind => WarningKind::name,
    Verb => Verb::as_str,
    Prompt => Prompt::name,
    Lang => Lang::tag,
    BodyType => |b| match b {
        BodyType::SevenBit => "SevenBit",
        BodyType::EightBitMime => "EightBitMime",
        BodyType::BinaryMime => "BinaryMime",
    },
    Severity => |s| match s {
        Severity::Rule => "Rule",
        Severity::Note => "Note",
    },
}

/// As its text, `5.1.1` (serde writes it through `Display`).
impl ToJson for EnhancedCode {
    fn write(&self, out: &mut String) {
        out.push('"');
        number(out, u64::from(self.class));
        out.push('.');
        number(out, u64::from(self.subject));
        out.push('.');
        number(out, u64::from(self.detail));
        out.push('"');
    }
}

impl ToJson for Reply {
    fn write(&self, out: &mut String) {
        let wire = String::from_utf8_lossy(&self.to_bytes()).into_owned();
        object(
            out,
            &[
                ("code", &self.code),
                ("enhanced", &self.enhanced),
                ("lines", &self.lines),
                ("wire", &wire),
            ],
        );
    }
}

/// Adjacently tagged: `{"type":"Command","value":"MAIL"}`, `{"type":"MessageLine"}`.
impl ToJson for Input {
    fn write(&self, out: &mut String) {
        let (tag, value): (&str, Option<&dyn ToJson>) = match self {
            Input::Command(v) => ("Command", Some(v)),
            Input::AuthResponse => ("AuthResponse", None),
            Input::AuthCancel => ("AuthCancel", None),
            Input::MessageLine => ("MessageLine", None),
            Input::EndOfData => ("EndOfData", None),
            Input::ChunkOctets { left } => ("ChunkOctets", Some(&Left(*left))),
        };
        match value {
            Some(v) => object(out, &[("type", &tag), ("value", v)]),
            None => object(out, &[("type", &tag)]),
        }
    }
}

/// `ChunkOctets`' fields.
struct Left(u64);

impl ToJson for Left {
    fn write(&self, out: &mut String) {
        object(out, &[("left", &self.0)]);
    }
}

/// The fields of a message, after any tag (`null` for `content`, set by the caller).
fn message_fields<'a>(
    m: &'a Message,
    tag: &'a [(&'a str, &'a dyn ToJson)],
) -> Vec<(&'a str, &'a dyn ToJson)> {
    let mut fields: Vec<(&str, &dyn ToJson)> = tag.to_vec();
    fields.extend_from_slice(&[
        ("id", &m.id as &dyn ToJson),
        ("helo", &m.helo),
        ("protocol", &m.protocol),
        ("reversePath", &m.reverse_path),
        ("recipients", &m.recipients),
        ("content", &None::<u8>),
        ("smtputf8", &m.smtputf8),
        ("body", &m.body),
        ("declaredSize", &m.declared_size),
        ("authenticated", &m.authenticated),
        ("chunked", &m.chunked),
    ]);
    fields
}

impl ToJson for Message {
    fn write(&self, out: &mut String) {
        object(out, &message_fields(self, &[]));
    }
}

/// The fields of a warning, after any tag: internally tagged by `kind`.
fn warning_fields<'a>(
    w: &'a Warning,
    tag: &'a [(&'a str, &'a dyn ToJson)],
) -> Vec<(&'a str, &'a dyn ToJson)> {
    let mut fields: Vec<(&str, &dyn ToJson)> = tag.to_vec();
    let kind: &dyn ToJson = match w {
        Warning::BareLfInCommand => &"BareLfInCommand",
        Warning::BareLfInData { .. } => &"BareLfInData",
        Warning::BareCrInData { .. } => &"BareCrInData",
        Warning::DiscardedAfterStartTls { .. } => &"DiscardedAfterStartTls",
        Warning::AuthWithoutTls => &"AuthWithoutTls",
        Warning::LongLines { .. } => &"LongLines",
        Warning::LongLocalPart { .. } => &"LongLocalPart",
        Warning::NonStandardEndOfData => &"NonStandardEndOfData",
    };
    fields.push(("kind", kind));
    match w {
        Warning::BareLfInData { count }
        | Warning::BareCrInData { count }
        | Warning::DiscardedAfterStartTls { octets: count }
        | Warning::LongLocalPart { octets: count } => fields.push(("count", count)),
        Warning::LongLines { count, longest } => {
            fields.push(("count", count));
            fields.push(("longest", longest));
        }
        Warning::BareLfInCommand | Warning::AuthWithoutTls | Warning::NonStandardEndOfData => {}
    }
    fields
}

impl ToJson for Warning {
    fn write(&self, out: &mut String) {
        object(out, &warning_fields(self, &[]));
    }
}

/// Internally tagged by `type`; a newtype variant's fields follow the tag.
impl ToJson for Event {
    fn write(&self, out: &mut String) {
        match self {
            Event::Command { prompt, line } => object(
                out,
                &[("type", &"Command"), ("prompt", prompt), ("line", line)],
            ),
            Event::Reply {
                reply,
                answers,
                before,
            } => object(
                out,
                &[
                    ("type", &"Reply"),
                    ("reply", reply),
                    ("answers", answers),
                    ("before", before),
                ],
            ),
            Event::StateChanged { from, to } => object(
                out,
                &[("type", &"StateChanged"), ("from", from), ("to", to)],
            ),
            Event::MessageReceived(m) => {
                object(out, &message_fields(m, &[("type", &"MessageReceived")]))
            }
            Event::StartTls => object(out, &[("type", &"StartTls")]),
            Event::Warning(w) => object(out, &warning_fields(w, &[("type", &"Warning")])),
        }
    }
}

impl ToJson for InputWords {
    fn write(&self, out: &mut String) {
        object(
            out,
            &[
                ("input", &self.input),
                ("text", &self.text),
                ("literal", &self.literal),
            ],
        );
    }
}

impl ToJson for Guide {
    fn write(&self, out: &mut String) {
        object(
            out,
            &[
                ("stage", &self.stage),
                ("hint", &self.hint),
                ("allowed", &self.allowed),
            ],
        );
    }
}

impl ToJson for ContextNote {
    fn write(&self, out: &mut String) {
        // `pending` only when true, as serde skips it.
        let fields: [(&str, &dyn ToJson); 4] = [
            ("code", &self.code),
            ("text", &self.text),
            ("specific", &self.specific),
            ("pending", &true),
        ];
        object(out, &fields[..if self.pending { 4 } else { 3 }]);
    }
}

impl ToJson for Digit {
    fn write(&self, out: &mut String) {
        object(
            out,
            &[
                ("digit", &self.digit),
                ("pattern", &self.pattern),
                ("name", &self.name),
                ("meaning", &self.meaning),
            ],
        );
    }
}

impl ToJson for Confusion {
    fn write(&self, out: &mut String) {
        object(
            out,
            &[
                ("code", &self.code),
                ("name", &self.name),
                ("why", &self.why),
            ],
        );
    }
}

impl ToJson for Wild {
    fn write(&self, out: &mut String) {
        object(
            out,
            &[
                ("server", &self.server),
                ("reply", &self.reply),
                ("source", &self.source),
            ],
        );
    }
}

impl ToJson for Entry {
    fn write(&self, out: &mut String) {
        // `pending` only when true, as serde skips it.
        let fields: [(&str, &dyn ToJson); 15] = [
            ("code", &self.code),
            ("language", &self.lang),
            ("name", &self.name),
            ("class", &self.class),
            ("category", &self.category),
            ("description", &self.description),
            ("when", &self.when),
            ("next", &self.next),
            ("fix", &self.fix),
            ("confusions", &self.confusions),
            ("producedBy", &self.produced_by),
            ("rfc", &self.rfc),
            ("enhanced", &self.enhanced),
            ("inTheWild", &self.in_the_wild),
            ("pending", &true),
        ];
        object(out, &fields[..if self.pending { 15 } else { 14 }]);
    }
}

impl ToJson for CodeSummary {
    fn write(&self, out: &mut String) {
        // `pending` only when true, as serde skips it.
        let fields: [(&str, &dyn ToJson); 5] = [
            ("code", &self.code),
            ("name", &self.name),
            ("class", &self.class),
            ("description", &self.description),
            ("pending", &true),
        ];
        object(out, &fields[..if self.pending { 5 } else { 4 }]);
    }
}

impl ToJson for Part {
    fn write(&self, out: &mut String) {
        object(
            out,
            &[
                ("value", &self.value),
                ("name", &self.name),
                ("meaning", &self.meaning),
            ],
        );
    }
}

impl ToJson for EnhancedEntry {
    fn write(&self, out: &mut String) {
        // `pending` only when true, as serde skips it.
        let fields: [(&str, &dyn ToJson); 7] = [
            ("text", &self.text),
            ("class", &self.class),
            ("subject", &self.subject),
            ("detail", &self.detail),
            ("registered", &self.registered),
            ("rfc", &self.rfc),
            ("pending", &true),
        ];
        object(out, &fields[..if self.pending { 7 } else { 6 }]);
    }
}

impl ToJson for EnhancedSummary {
    fn write(&self, out: &mut String) {
        // `pending` only when true, as serde skips it.
        let fields: [(&str, &dyn ToJson); 6] = [
            ("subject", &self.subject),
            ("detail", &self.detail),
            ("name", &self.name),
            ("meaning", &self.meaning),
            ("rfc", &self.rfc),
            ("pending", &true),
        ];
        object(out, &fields[..if self.pending { 6 } else { 5 }]);
    }
}

impl ToJson for Difference {
    fn write(&self, out: &mut String) {
        object(
            out,
            &[
                ("aspect", &self.aspect),
                ("a", &self.a),
                ("b", &self.b),
                ("same", &self.same),
            ],
        );
    }
}

impl ToJson for Comparison {
    fn write(&self, out: &mut String) {
        // `pending` only when true, as serde skips it.
        let fields: [(&str, &dyn ToJson); 8] = [
            ("language", &self.lang),
            ("a", &self.a),
            ("b", &self.b),
            ("summary", &self.summary),
            ("differences", &self.differences),
            ("sharedCommands", &self.shared_commands),
            ("note", &self.note),
            ("pending", &true),
        ];
        object(out, &fields[..if self.pending { 8 } else { 7 }]);
    }
}

impl ToJson for ComparisonTexts {
    fn write(&self, out: &mut String) {
        // `pending` only when true, as serde skips it.
        let fields: [(&str, &dyn ToJson); 3] = [
            ("summary", &self.summary),
            ("note", &self.note),
            ("pending", &true),
        ];
        object(out, &fields[..if self.pending { 3 } else { 2 }]);
    }
}

impl ToJson for PromptLabel {
    fn write(&self, out: &mut String) {
        object(out, &[("prompt", &self.prompt), ("label", &self.label)]);
    }
}

impl ToJson for SessionWarningText {
    fn write(&self, out: &mut String) {
        // `pending` only when true, as serde skips it.
        let fields: [(&str, &dyn ToJson); 7] = [
            ("kind", &self.kind),
            ("severity", &self.severity),
            ("title", &self.title),
            ("text", &self.text),
            ("countLabel", &self.count_label),
            ("rule", &self.rule),
            ("pending", &true),
        ];
        object(out, &fields[..if self.pending { 7 } else { 6 }]);
    }
}

/// Every field a string: a table of keys and values, cheaper than a `dyn` writer per field.
impl ToJson for Labels {
    fn write(&self, out: &mut String) {
        let l = self;
        let fields: [(&str, &str); 31] = [
            ("description", l.description),
            ("when", l.when),
            ("next", l.next),
            ("fix", l.fix),
            ("confusions", l.confusions),
            ("producedBy", l.produced_by),
            ("rfc", l.rfc),
            ("enhanced", l.enhanced),
            ("inTheWild", l.in_the_wild),
            ("class", l.class),
            ("category", l.category),
            ("differences", l.differences),
            ("whenToUse", l.when_to_use),
            ("note", l.note),
            ("sharedCommands", l.shared_commands),
            ("replyText", l.reply_text),
            ("warnings", l.warnings),
            ("inContext", l.in_context),
            ("subject", l.subject),
            ("detail", l.detail),
            ("unregistered", l.unregistered),
            ("none", l.none),
            ("readAs", l.read_as),
            ("writtenBy", l.written_by),
            ("replyFrom", l.reply_from),
            ("recipient", l.recipient),
            ("answers", l.answers),
            ("whatToDo", l.what_to_do),
            ("recipients", l.recipients),
            ("howRead", l.how_read),
            ("status", l.status),
        ];
        let mut sep = '{';
        for (key, value) in fields {
            out.push(sep);
            string(out, key);
            out.push(':');
            string(out, value);
            sep = ',';
        }
        out.push('}');
    }
}

#[cfg(test)]
mod tests {
    //! The hand-written JSON against serde's (serde_json writes the same field names, order and
    //! tags as serde-wasm-bindgen builds objects with), over every kind of value the module
    //! returns: the events of sessions in every persona, every catalogue view in both languages.

    use super::*;
    use serde::Serialize;
    use smtp_sim_core::server::{Persona, ServerConfig, ServerSession};
    use smtp_sim_explain as catalog;

    /// Asserts that our JSON of `value` is serde's, byte for byte.
    fn same<T: ToJson + Serialize + ?Sized>(value: &T) {
        let mut ours = String::new();
        value.write(&mut ours);
        let serde = serde_json::to_string(value).unwrap();
        assert_eq!(ours, serde);
    }

    /// serde's JSON of a message writes its bytes as an array of numbers; ours writes `null`
    /// (the module sets a `Uint8Array` there).
    fn without_content(serde: &str) -> String {
        let Some(start) = serde.find("\"content\":[") else {
            return serde.to_owned();
        };
        let value = start + "\"content\":".len();
        let end = value + serde.get(value..).unwrap().find(']').unwrap() + 1;
        [
            serde.get(..value).unwrap(),
            "null",
            serde.get(end..).unwrap(),
        ]
        .concat()
    }

    /// Sends each chunk to a fresh session and returns every event, with the session's guide
    /// after each chunk checked on the way.
    fn events(persona: Persona, chunks: &[&[u8]]) -> Vec<Event> {
        let mut s = ServerSession::new(ServerConfig {
            persona,
            ..ServerConfig::default()
        });
        let mut all = Vec::new();
        for chunk in chunks {
            s.receive(chunk);
            while let Some(e) = s.poll_event() {
                if let Event::MessageReceived(m) = &e {
                    s.accept_message(&m.id.to_string());
                }
                all.push(e);
            }
            for lang in Lang::ALL {
                same(&catalog::guide(s.state(), &s.inputs(), lang));
            }
        }
        all
    }

    const SESSIONS: &[&[&[u8]]] = &[
        &[
            b"EHLO client.example\r\n",
            b"MAIL FROM:<a@b.example> BODY=8BITMIME SIZE=100\r\n",
            b"RCPT TO:<c@d.example>\r\n",
            b"DATA\r\n",
            b"Subject: \"hi\"\r\n\r\nline\nbare lf\r\nbare\rcr\r\n..dot\r\n",
            b".\r\n",
            b"BDAT 5\r\n",
            b"NOOP\r\nRSET\r\n",
            b"MAIL FROM:<>\r\nRCPT TO:<x@y.example>\r\nBDAT 4\r\nabcdBDAT 3 LAST\r\nxyz",
            b"VRFY bob\r\nHELP\r\nwhat\r\nEXPN x\r\n",
            b"AUTH PLAIN\r\n",
            b"AGFsaWNlAHdvbmRlcmxhbmQ=\r\n",
            b"MAIL FROM:<a@b.example>\r\nRCPT TO:<aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa@d.example>\r\n",
            b"STARTTLS\r\nEHLO again\r\n",
            b"HELO x\r\nQUIT\r\n",
        ],
        &[b"HELO\r\n", b"EHLO x\n", b"MAIL FROM:<caf\xc3\xa9@x.example> SMTPUTF8\r\n", b"RCPT TO:<\x01@x>\r\n", b"\xff\xfe\r\n", b"STARTTLS\r\nNOOP\r\n"],
        &[b"EHLO x\r\nMAIL FROM:<a@b.example>\r\nRCPT TO:<c@d.example>\r\nDATA\r\n", b"x\n.\nmore\r\n.\r\n", b"AUTH LOGIN\r\n", b"*\r\n", b"QUIT\r\n"],
            &[b"EHLO x\r\n", b"STARTTLS\r\nEHLO y\r\n"],
    ];

    #[test]
    fn events_as_serde_writes_them() {
        let mut seen = std::collections::BTreeSet::new();
        for persona in Persona::ALL {
            for chunks in SESSIONS {
                for e in events(persona, chunks) {
                    let serde = without_content(&serde_json::to_string(&e).unwrap());
                    assert_eq!(to_string(&e), serde);
                    if let Event::Reply {
                        reply,
                        answers,
                        before,
                    } = &e
                    {
                        let context = catalog::Context {
                            answers: *answers,
                            stage: Some(*before),
                        };
                        for lang in Lang::ALL {
                            let said = catalog::Said {
                                line: Some("RCPT TO:<\"x\\y\"@z>"),
                                voice: catalog::Voice::You,
                            };
                            same(&catalog::in_context_with(reply, &context, &said, lang));
                        }
                        same(reply);
                    }
                    if let Event::Warning(w) = &e {
                        same(w);
                    }
                    let tag_end = serde.find([',', '}']).unwrap_or(serde.len());
                    seen.insert(serde.get(..tag_end).unwrap().to_owned());
                }
            }
        }
        // Every kind of event is among them (a kind missing here is a kind not checked).
        for kind in [
            "Command",
            "Reply",
            "StateChanged",
            "MessageReceived",
            "StartTls",
            "Warning",
        ] {
            assert!(
                seen.contains(&["{\"type\":\"", kind, "\""].concat()),
                "no {kind} event"
            );
        }
    }

    #[test]
    fn every_warning_and_input_as_serde_writes_them() {
        for w in [
            Warning::BareLfInCommand,
            Warning::BareLfInData { count: 2 },
            Warning::BareCrInData { count: 3 },
            Warning::DiscardedAfterStartTls { octets: 14 },
            Warning::AuthWithoutTls,
            Warning::LongLines {
                count: 1,
                longest: 1200,
            },
            Warning::LongLocalPart { octets: 70 },
            Warning::NonStandardEndOfData,
        ] {
            same(&w);
            same(&Event::Warning(w));
        }
        for input in [
            Input::AuthResponse,
            Input::AuthCancel,
            Input::MessageLine,
            Input::EndOfData,
            Input::ChunkOctets { left: 7 },
        ]
        .into_iter()
        .chain(Verb::ALL.map(Input::Command))
        {
            same(&input);
        }
        for state in State::ALL {
            same(&state);
        }
        for kind in WarningKind::ALL {
            same(&kind);
        }
        for body in [
            BodyType::SevenBit,
            BodyType::EightBitMime,
            BodyType::BinaryMime,
        ] {
            same(&body);
        }
    }

    #[test]
    fn catalogue_views_as_serde_writes_them() {
        for lang in Lang::ALL {
            same(&lang);
            same(catalog::labels(lang));
            same(&catalog::prompt_labels(lang));
            let codes = catalog::all_codes(lang);
            same(&codes);
            for c in &codes {
                same(&catalog::entry(c.code, lang));
            }
            same(&catalog::entry(299, lang));
            // An entry waiting for the texts file (a `texts-file` module) says so.
            let mut waiting = catalog::entry(421, lang).unwrap();
            waiting.pending = true;
            same(&waiting);
            for (a, b) in catalog::curated_pairs()
                .into_iter()
                .chain([(250, 550), (421, 999)])
            {
                same(&catalog::compare(a, b, lang));
            }
            // A comparison whose note waits for the texts file says so.
            let mut waiting = catalog::compare(421, 221, lang).unwrap();
            (waiting.note, waiting.pending) = (None, true);
            same(&waiting);
            // What the first-load module hands www/compare.js instead, and it waiting.
            for (a, b) in [(221, 421), (250, 354), (550, 450), (999, 250)] {
                same(&catalog::comparison_texts(a, b, lang));
            }
            let mut waiting = catalog::comparison_texts(221, 421, lang);
            (waiting.summary, waiting.note, waiting.pending) = ("", None, true);
            same(&waiting);
            let enhanced = catalog::all_enhanced(lang);
            same(&enhanced);
            for e in &enhanced {
                for class in [2, 4, 5] {
                    let code = [
                        class.to_string(),
                        e.subject.to_string(),
                        e.detail.to_string(),
                    ]
                    .join(".");
                    same(&catalog::enhanced_str(&code, lang));
                }
            }
            same(&catalog::enhanced_str("5.9.99", lang));
            // A detail and a summary waiting for the texts file say so.
            let mut waiting = catalog::enhanced_str("5.1.1", lang).unwrap();
            waiting.pending = true;
            same(&waiting);
            let mut waiting = enhanced[0].clone();
            waiting.pending = true;
            same(&waiting);
            same(&catalog::enhanced_str("nope", lang));
            for kind in WarningKind::ALL {
                same(&catalog::session_warning(kind, lang));
                // A warning waiting for the texts file says so.
                let mut waiting = catalog::session_warning(kind, lang);
                (waiting.title, waiting.text, waiting.count_label) = ("", "", None);
                waiting.pending = true;
                same(&waiting);
            }
            // A sentence and a summary waiting for the texts file say so.
            let mut summary = catalog::all_codes(lang).remove(5);
            (summary.description, summary.pending) = ("", true);
            same(&summary);
            same(&catalog::ContextNote {
                code: 250,
                text: "".into(),
                specific: true,
                pending: true,
            });
        }
        same(&catalog::curated_pairs());
    }

    #[test]
    fn strings_escaped_as_serde_escapes_them() {
        let all: String = (0u8..0x80).map(char::from).chain("é€😀".chars()).collect();
        same(&all);
        same("");
        same(&vec![String::new(), "\"\\".into()]);
        for n in [0u64, 9, 10, 65_535, u64::MAX] {
            same(&n);
        }
    }
}
