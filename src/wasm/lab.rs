//! The two-hop smuggling lab (`labRun`, `labMatrix`, `labVectors`) and the byte tokens of
//! `send:` lines (`encodeBytes`, `decodeBytes`): the core's `lab` module, for `mode="lab"`.
//! Behind the cargo feature `lessons`.
//!
//! A run is the core's: fresh sessions for relay A and inbound B, hop 1 the attacker's prelude
//! and bytes to A, hop 2 A relaying each accepted message to B as its relay setting emits it
//! (RFC 5321 §4.5.2 dot-stuffing, or not). Nothing here decides anything; it reshapes the run
//! for the page.

use serde::Serialize;
use tsify::{Ts, Tsify};
use wasm_bindgen::prelude::*;

use smtp_sim_core::lab::{self, Hop, LabRun, LabSettings, Reading, Ribbon};
use smtp_sim_core::lesson::{decode_send, encode_send};
use smtp_sim_core::server::{Message, Persona};
use smtp_sim_core::sim::Side;

use crate::lesson_run::LabSwitch;
use crate::shared::{from_js, js_error, to_js};

/// A span of a ribbon: bytes `start..end` read as message data or as commands.
#[derive(Serialize, Tsify)]
#[tsify(missing_as_null)]
#[serde(rename_all = "camelCase")]
pub struct SpanView {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// Read as message content.
    pub data: bool,
}

/// Bytes a hop read and how: where the data ended, what was read as commands.
#[derive(Serialize, Tsify)]
#[tsify(missing_as_null)]
#[serde(rename_all = "camelCase")]
pub struct RibbonView {
    /// The bytes.
    #[serde(with = "serde_bytes_compat")]
    #[tsify(type = "Uint8Array")]
    pub bytes: Vec<u8>,
    /// Consecutive spans covering them.
    pub spans: Vec<SpanView>,
    /// Where the data ended: one past the last byte of each terminator.
    pub ends: Vec<usize>,
}

/// One write on a hop's wire, decoded for the transcript.
#[derive(Serialize, Tsify)]
#[tsify(missing_as_null)]
#[serde(rename_all = "camelCase")]
pub struct WireView {
    /// Who wrote it: the client (the attacker, or A in hop 2) or the server.
    pub side: Side,
    /// The bytes as UTF-8 text (lossy).
    pub text: String,
    /// The bytes with the lesson's tokens (`<CRLF>`, `<LF>`), as the "as sent" view shows them.
    pub tokens: String,
}

/// One hop of a run.
#[derive(Serialize, Tsify)]
#[tsify(missing_as_null)]
#[serde(rename_all = "camelCase")]
pub struct HopView {
    /// Its wire, in order.
    pub wire: Vec<WireView>,
    /// The messages it accepted.
    pub messages: Vec<Message>,
    /// The first refusal of a message (4yz/5yz after the data), if any.
    pub refusal: Option<u16>,
}

/// One run of the lab, for the page.
#[derive(Serialize, Tsify)]
#[tsify(missing_as_null)]
#[serde(rename_all = "camelCase")]
pub struct LabView {
    /// Relay A's setting: `passthrough`, `reject`, `normalize` or `clean`.
    pub relay: String,
    /// Inbound B's persona.
    pub inbound: Persona,
    /// Messages A accepted.
    pub accepted: usize,
    /// Messages B accepted.
    pub delivered: usize,
    /// Hop 1: the attacker and A.
    pub relay_hop: HopView,
    /// How A read the attacker's bytes (after the prelude).
    pub relay_ribbon: RibbonView,
    /// Hop 2: A and B.
    pub inbound_hop: HopView,
    /// How B read each message A relayed (the bytes after B's 354).
    pub inbound_ribbons: Vec<RibbonView>,
}

mod serde_bytes_compat {
    /// Bytes as a `Uint8Array`, not a list of numbers.
    pub fn serialize<S: serde::Serializer>(bytes: &[u8], s: S) -> Result<S::Ok, S::Error> {
        s.serialize_bytes(bytes)
    }
}

fn ribbon(r: &Ribbon) -> RibbonView {
    RibbonView {
        bytes: r.bytes.clone(),
        spans: r
            .spans
            .iter()
            .map(|s| SpanView {
                start: s.start,
                end: s.end,
                data: s.reading == Reading::Data,
            })
            .collect(),
        ends: r.ends().to_vec(),
    }
}

fn hop(h: &Hop) -> HopView {
    HopView {
        wire: h
            .wire
            .iter()
            .map(|(side, b)| WireView {
                side: *side,
                text: String::from_utf8_lossy(b).into_owned(),
                tokens: encode_send(b),
            })
            .collect(),
        messages: h.messages.clone(),
        refusal: h.refusal(),
    }
}

impl LabView {
    /// The page's view of a core run.
    pub fn new(run: &LabRun) -> Self {
        Self {
            relay: run.settings.relay.name().to_ascii_lowercase(),
            inbound: run.settings.inbound,
            accepted: run.accepted(),
            delivered: run.delivered(),
            relay_hop: hop(&run.relay),
            relay_ribbon: ribbon(&run.relay_ribbon),
            inbound_hop: hop(&run.inbound),
            inbound_ribbons: run.inbound_ribbons.iter().map(ribbon).collect(),
        }
    }
}

/// A known vector: its name, its bytes with tokens, the whole payload, and whether a compliant
/// client can produce it.
#[derive(Serialize, Tsify)]
#[tsify(missing_as_null)]
#[serde(rename_all = "camelCase")]
pub struct VectorView {
    /// hannob's `smtpsmug` name (`lfcrlf`, …) or The-Login's extras.
    pub name: String,
    /// The malformed end, with tokens (`<LF>.<CRLF>`).
    pub ending: String,
    /// The attacker's bytes after DATA: a first line, the vector, the smuggled transaction.
    pub payload: String,
    /// False for `<CRLF>.` followed by anything but CRLF (a compliant client dot-stuffs it).
    pub producible: bool,
}

/// One cell of the matrix.
#[derive(Serialize, Tsify)]
#[tsify(missing_as_null)]
#[serde(rename_all = "camelCase")]
pub struct CellView {
    /// The vector's name.
    pub vector: String,
    /// Inbound B.
    pub inbound: Persona,
    /// Relay A, or `null` when the attacker talks to B directly.
    pub relay: Option<String>,
    /// See `VectorView.producible`.
    pub producible: bool,
    /// Messages A accepted (`null` without A).
    pub accepted: Option<usize>,
    /// Messages B accepted.
    pub delivered: usize,
    /// B's refusal of a message, if any.
    pub refused: Option<u16>,
}

/// Lab settings from JS; both default to the vulnerable pair (passthrough, vulnerable).
fn settings(switch: Option<Ts<LabSwitch>>) -> Result<LabSettings, js_sys::Error> {
    let mut s = LabSettings {
        relay: lab::Relay::Passthrough,
        inbound: Persona::Vulnerable,
    };
    if let Some(sw) = switch {
        let sw: LabSwitch = from_js(sw.js_value(), "settings")?;
        s.apply(sw.change()?);
    }
    Ok(s)
}

/// Runs the lab once: the attacker's usual prelude (EHLO, MAIL, RCPT, DATA), then `bytes` to
/// relay A; every message A accepts goes on to inbound B. `settings` defaults to
/// `{ relay: "passthrough", inbound: "Vulnerable" }`.
#[wasm_bindgen(js_name = labRun)]
pub fn lab_run(
    settings_: Option<Ts<LabSwitch>>,
    bytes: &[u8],
) -> Result<Ts<LabView>, js_sys::Error> {
    let s = settings(settings_)?;
    to_js(&LabView::new(&lab::run(s, &lab::PRELUDE, bytes)))
}

/// The known vectors (hannob's list and The-Login's extras), in the core's order.
#[wasm_bindgen(js_name = labVectors)]
pub fn lab_vectors() -> Result<Ts<Vectors>, js_sys::Error> {
    to_js(&Vectors(
        lab::VECTORS
            .iter()
            .map(|v| VectorView {
                name: v.name.to_owned(),
                ending: encode_send(v.ending),
                payload: encode_send(&v.payload()),
                producible: v.producible(),
            })
            .collect(),
    ))
}

/// Every vector against every persona as B, through `relay` (`passthrough`, …) or straight to B
/// (`null`), computed now by the engine.
#[wasm_bindgen(js_name = labMatrix)]
pub fn lab_matrix(relay: Option<String>) -> Result<Ts<Cells>, js_sys::Error> {
    let relay =
        match relay {
            Some(r) => Some(lab::Relay::from_name(&r).ok_or_else(|| {
                js_error("relay: expected passthrough, reject, normalize or clean")
            })?),
            None => None,
        };
    to_js(&Cells(
        lab::matrix(relay)
            .into_iter()
            .map(|c| CellView {
                vector: c.vector.to_owned(),
                inbound: c.inbound,
                relay: c.relay.map(|r| r.name().to_ascii_lowercase()),
                producible: c.producible,
                accepted: c.accepted,
                delivered: c.delivered,
                refused: c.refused,
            })
            .collect(),
    ))
}

/// Bytes written with the tokens of `send:` lines (`<CR>`, `<LF>`, `<CRLF>`, `\xHH`, §4.6).
#[wasm_bindgen(js_name = encodeBytes)]
pub fn encode_bytes(bytes: &[u8]) -> String {
    encode_send(bytes)
}

/// Reads a byte string written with the tokens of `send:` lines; throws with the column and
/// what was expected (`"<lf>" is not a token; …`).
#[wasm_bindgen(js_name = decodeBytes)]
pub fn decode_bytes(text: &str) -> Result<Vec<u8>, js_sys::Error> {
    decode_send(text, 1).map_err(|(col, m)| {
        let mut s = String::from("column ");
        s.push_str(&col.to_string());
        s.push_str(": ");
        s.push_str(&m);
        js_error(&s)
    })
}

/// The vectors.
#[derive(Serialize, Tsify)]
#[tsify(missing_as_null)]
pub struct Vectors(pub Vec<VectorView>);

/// The matrix's cells.
#[derive(Serialize, Tsify)]
#[tsify(missing_as_null)]
pub struct Cells(pub Vec<CellView>);
