//! Hand-written readers of the JS values the first-load ("lite") module takes: a language,
//! `ServerSession`'s options, a server warning's kind, transcript lines, their header and a
//! transcript format. They keep the rules and the error messages serde's derives gave (`smtp-sim:
//! options.persona: unknown variant `paranoid`, expected one of …`, `lines.[0]: missing field
//! `text``) without linking serde's deserializer, `serde_path_to_error` and float formatting
//! into that module: about 19 KB gzipped of it (bench/RESULTS.md, section 11). The full module's
//! other inputs (the message form, lesson options) still go through `shared::from_js`.
//!
//! Like serde-wasm-bindgen: `undefined` is a missing field, `null` is "unit value" (`None` for an
//! optional field), unknown keys are ignored.

use js_sys::{Array, Reflect};
use wasm_bindgen::JsValue;

use smtp_sim_core::capture::{Format, Line, Meta, Side};
use smtp_sim_core::server::{Persona, WarningKind};
use smtp_sim_explain::Lang;

use crate::server_session::SessionOptions;
use crate::shared::js_error;

type Result<T> = std::result::Result<T, js_sys::Error>;

/// The error for the value at `path` (`options.persona`, `lines.[0]`).
fn fail(path: &str, message: &str) -> js_sys::Error {
    js_error(&[path, ": ", message].concat())
}

/// serde's wording of a JS value it did not expect: `string "x"`, `floating point `3.0``, …
/// (numbers are printed by JavaScript, so no float formatting is linked).
fn unexpected(v: &JsValue) -> String {
    if v.is_null() || v.is_undefined() {
        return "unit value".into();
    }
    if let Some(b) = v.as_bool() {
        return if b {
            "boolean `true`"
        } else {
            "boolean `false`"
        }
        .into();
    }
    if v.as_string().is_some() {
        let quoted: String = js_sys::JSON::stringify(v)
            .map(String::from)
            .unwrap_or_default();
        return ["string ", &quoted].concat();
    }
    if let Some(n) = v.as_f64() {
        let mut text = String::from(
            js_sys::Number::from(n)
                .to_string_with_radix(10)
                .unwrap_or_default(),
        );
        if text.bytes().all(|b| b.is_ascii_digit() || b == b'-') {
            text.push_str(".0");
        }
        return ["floating point `", &text, "`"].concat();
    }
    if Array::is_array(v) {
        return "sequence".into();
    }
    "map".into()
}

fn invalid_type(path: &str, v: &JsValue, expected: &str) -> js_sys::Error {
    fail(
        path,
        &["invalid type: ", &unexpected(v), ", expected ", expected].concat(),
    )
}

/// serde's `unknown variant` message: "expected `A`", "expected `A` or `B`", "expected one of
/// `A`, `B`, `C`".
fn unknown_variant(path: &str, got: &str, names: &[&str]) -> js_sys::Error {
    let mut m = ["unknown variant `", got, "`, expected "].concat();
    if names.len() > 2 {
        m.push_str("one of ");
    }
    for (i, name) in names.iter().enumerate() {
        if i > 0 {
            m.push_str(if names.len() == 2 { " or " } else { ", " });
        }
        m.push('`');
        m.push_str(name);
        m.push('`');
    }
    fail(path, &m)
}

fn missing(v: &JsValue) -> bool {
    v.is_undefined()
}

fn nullish(v: &JsValue) -> bool {
    v.is_undefined() || v.is_null()
}

/// `obj[key]`; `undefined` when absent (or when `obj` is not an object).
fn field(obj: &JsValue, key: &str) -> JsValue {
    Reflect::get(obj, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn child(path: &str, key: &str) -> String {
    [path, ".", key].concat()
}

/// A plain object (not an array, not a primitive), or the "expected struct NAME" error.
fn object(v: &JsValue, path: &str, name: &str) -> Result<()> {
    if v.is_object() && !Array::is_array(v) {
        Ok(())
    } else {
        Err(invalid_type(path, v, &["struct ", name].concat()))
    }
}

fn string(v: &JsValue, path: &str) -> Result<String> {
    v.as_string()
        .ok_or_else(|| invalid_type(path, v, "a string"))
}

fn optional_string(v: &JsValue, path: &str) -> Result<Option<String>> {
    if nullish(v) {
        return Ok(None);
    }
    string(v, path).map(Some)
}

/// A `bool` with a default: `undefined` is `false`.
fn flag(v: &JsValue, path: &str) -> Result<bool> {
    if missing(v) {
        return Ok(false);
    }
    v.as_bool()
        .ok_or_else(|| invalid_type(path, v, "a boolean"))
}

/// A field-less enum spelled as `name` spells it (exact case, as serde reads it).
fn variant<T: Copy>(
    v: &JsValue,
    path: &str,
    all: &[T],
    name: fn(T) -> &'static str,
    enum_name: &str,
) -> Result<T> {
    let Some(text) = v.as_string() else {
        return Err(invalid_type(path, v, &["enum ", enum_name].concat()));
    };
    all.iter()
        .copied()
        .find(|&x| name(x) == text)
        .ok_or_else(|| {
            let names: Vec<&str> = all.iter().map(|&x| name(x)).collect();
            unknown_variant(path, &text, &names)
        })
}

/// A language tag as [`Lang::parse`] reads it (`"en"`, `"pt-BR"`, also `pt`, any case).
pub fn lang(v: &JsValue, path: &str) -> Result<Lang> {
    let tag = string(v, path)?;
    Lang::parse(&tag).ok_or_else(|| {
        let quoted: String = js_sys::JSON::stringify(v)
            .map(String::from)
            .unwrap_or_default();
        fail(
            path,
            &[
                "invalid value: string ",
                &quoted,
                ", expected \"en\" or \"pt-BR\"",
            ]
            .concat(),
        )
    })
}

/// `new ServerSession(options)`'s options; every field optional.
pub fn session_options(v: &JsValue, path: &str) -> Result<SessionOptions> {
    object(v, path, "SessionOptions")?;
    let persona = field(v, "persona");
    let language = field(v, "language");
    Ok(SessionOptions {
        persona: if nullish(&persona) {
            None
        } else {
            Some(variant(
                &persona,
                &child(path, "persona"),
                &Persona::ALL,
                Persona::name,
                "Persona",
            )?)
        },
        hostname: optional_string(&field(v, "hostname"), &child(path, "hostname"))?,
        language: if nullish(&language) {
            None
        } else {
            Some(lang(&language, &child(path, "language"))?)
        },
    })
}

/// A server warning's kind (`"BareLfInData"`).
pub fn warning_kind(v: &JsValue, path: &str) -> Result<WarningKind> {
    variant(v, path, &WarningKind::ALL, WarningKind::name, "WarningKind")
}

/// A transcript format (`"smtp"`, `"swaks"`, `"nc"`, `"smtplib"`).
pub fn format(v: &JsValue, path: &str) -> Result<Format> {
    const ALL: [Format; 4] = [Format::Smtp, Format::Swaks, Format::Nc, Format::Smtplib];
    variant(v, path, &ALL, Format::name, "Format")
}

/// Transcript lines: `[{ side: "C" | "S", text, data?, ending?, auth? }]`.
pub fn lines(v: &JsValue, path: &str) -> Result<Vec<Line>> {
    if !Array::is_array(v) {
        return Err(invalid_type(path, v, "a sequence"));
    }
    let array = Array::from(v);
    let mut out = Vec::with_capacity(array.length() as usize);
    for (i, item) in array.iter().enumerate() {
        let mut at = [path, ".["].concat();
        smtp_sim_core::push_decimal(&mut at, i as u64);
        at.push(']');
        out.push(line(&item, &at)?);
    }
    Ok(out)
}

fn line(v: &JsValue, path: &str) -> Result<Line> {
    object(v, path, "Line")?;
    let side = field(v, "side");
    if missing(&side) {
        return Err(fail(path, "missing field `side`"));
    }
    let side = variant(
        &side,
        &child(path, "side"),
        &[Side::Client, Side::Server],
        |s| match s {
            Side::Client => "C",
            Side::Server => "S",
        },
        "Side",
    )?;
    let text = field(v, "text");
    if missing(&text) {
        return Err(fail(path, "missing field `text`"));
    }
    let ending = field(v, "ending");
    Ok(Line {
        side,
        text: string(&text, &child(path, "text"))?,
        data: flag(&field(v, "data"), &child(path, "data"))?,
        ending: if missing(&ending) {
            "\r\n".into()
        } else {
            string(&ending, &child(path, "ending"))?
        },
        auth: flag(&field(v, "auth"), &child(path, "auth"))?,
    })
}

/// A transcript's header values: `{ engine?, persona?, lang? }`, each a string or null.
pub fn meta(v: &JsValue, path: &str) -> Result<Meta> {
    object(v, path, "Meta")?;
    Ok(Meta {
        engine: optional_string(&field(v, "engine"), &child(path, "engine"))?,
        persona: optional_string(&field(v, "persona"), &child(path, "persona"))?,
        lang: optional_string(&field(v, "lang"), &child(path, "lang"))?,
    })
}
