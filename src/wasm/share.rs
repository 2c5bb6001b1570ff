//! Transcripts and share links: the core's transcript writer (cargo feature `transcripts`), its
//! readers (`transcript-read`) and its codec (`share`), so the page and `smtp-sim link` make the
//! same link for the same session and read every import format the same way. Only the writer is
//! in the first-load module (the element's `export()` is synchronous); the readers and the codec
//! (DEFLATE) load with the full module.

use tsify::Ts;
use wasm_bindgen::prelude::*;

use smtp_sim_core::capture::{self, Line, Meta};
#[cfg(feature = "transcript-read")]
use smtp_sim_core::capture::{Drift, Format, Step};
#[cfg(feature = "share")]
use smtp_sim_core::share;

use crate::read;
#[cfg(feature = "share")]
use crate::shared::js_error;
#[cfg(feature = "transcript-read")]
use crate::shared::{to_js, to_value};

#[wasm_bindgen]
extern "C" {
    /// `Transcript | null` in TypeScript.
    #[wasm_bindgen(typescript_type = "Transcript | null")]
    pub type TranscriptOrNull;
    /// `Drift | null` in TypeScript.
    #[wasm_bindgen(typescript_type = "Drift | null")]
    pub type DriftOrNull;
    /// `TranscriptLine[]` in TypeScript.
    #[wasm_bindgen(typescript_type = "TranscriptLine[]")]
    pub type TranscriptLines;
}

/// The share payload of a transcript text, `1.z.…` when deflating makes it shorter, else
/// `1.t.…`; a link is the page's URL without its fragment, then `#s=` and this.
#[cfg(feature = "share")]
#[wasm_bindgen(js_name = shareEncode)]
pub fn share_encode(text: &str) -> String {
    share::encode(text)
}

/// The transcript text a share link carries: a whole URL, `#s=…`, or the payload. Throws an
/// `Error` whose message is `smtp-sim: share: NAME` (`Shape`, `Version`, `Codec`, `Base64`,
/// `Deflate`, `TooLarge`, `NotUtf8`), the page's key for its sentence.
#[cfg(feature = "share")]
#[wasm_bindgen(js_name = shareDecode)]
pub fn share_decode(link: &str) -> Result<String, js_sys::Error> {
    share::decode(link).map_err(|e| {
        let mut m = String::from("share: ");
        m.push_str(e.name());
        js_error(&m)
    })
}

/// Reads a transcript in any import format (our export, C:/S:, swaks, telnet/nc, smtplib), or
/// `null` when nothing in it reads as a session.
#[cfg(feature = "transcript-read")]
#[wasm_bindgen(js_name = readTranscript)]
pub fn read_transcript(text: &str) -> Result<TranscriptOrNull, js_sys::Error> {
    Ok(to_value(&capture::read(text))?.unchecked_into())
}

/// The canonical transcript text of `lines` (lesson-format §18.3), with `meta`'s header; AUTH
/// secrets become `<redacted>` unless `credentials`.
#[wasm_bindgen(js_name = writeTranscript)]
pub fn write_transcript(
    lines: TranscriptLines,
    meta: Ts<Meta>,
    credentials: bool,
) -> Result<String, js_sys::Error> {
    let lines: Vec<Line> = read::lines(&lines.into(), "lines")?;
    let meta: Meta = read::meta(&meta.js_value(), "meta")?;
    Ok(capture::write(&lines, &meta, credentials))
}

/// The writes to replay, each with the reply lines recorded after it (lesson-format §18.4).
#[cfg(feature = "transcript-read")]
#[wasm_bindgen(js_name = replaySteps)]
pub fn replay_steps(lines: TranscriptLines) -> Result<Vec<Ts<Step>>, js_sys::Error> {
    let lines: Vec<Line> = read::lines(&lines.into(), "lines")?;
    capture::steps(&lines).iter().map(to_js).collect()
}

/// The first difference between recorded reply lines and the engine's, or `null` (exact for
/// our own format, the first line's code for other servers' captures).
#[cfg(feature = "transcript-read")]
#[wasm_bindgen(js_name = transcriptDrift)]
pub fn transcript_drift(
    recorded: Vec<String>,
    now: Vec<String>,
    format: Ts<Format>,
) -> Result<DriftOrNull, js_sys::Error> {
    let format: Format = read::format(&format.js_value(), "format")?;
    let d: Option<Drift> = capture::drift(&recorded, &now, format);
    Ok(to_value(&d)?.unchecked_into())
}
