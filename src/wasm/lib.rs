//! The WebAssembly adapter: the JS API the page (and any tutorial author) uses.
//!
//! This is the only crate whose code calls `wasm-bindgen` or `js-sys`; on other targets it holds
//! only its JSON writer. It holds no protocol logic: it reads JS options (by hand, or with
//! serde), calls the core and the catalogue, and hands their own types back as plain JS objects
//! (the session's and the catalogue's through the hand-written JSON of [`json`], the full
//! module's other values through `serde-wasm-bindgen`). The `.d.ts` is generated from those Rust
//! types by tsify (the `ts` features of the core and the catalogue).
//!
//! One class per file:
//!
//! | file | JS export |
//! |---|---|
//! | [`server_session`] | `ServerSession`: one server session; the learner plays the client |
//! | `simulation` | `Simulation`: the simulated client against our server, step by step ("Watch"; feature `sim`) |
//! | `client_role` | `ClientRole`: the simulated client alone; the learner plays the server (feature `sim`) |
//! | [`dot_scanner`] | `DotScanner`: the DATA receiver on its own (RFC 5321 §4.5.2) |
//! | `lesson_run` | `LessonRun`: a lesson checked by the engine (feature `lessons`) |
//! | `lab` | `labRun`, `labVectors`, `labMatrix`, `encodeBytes`, `decodeBytes`: the smuggling lab (feature `lessons`) |
//! | [`catalog`] | `explainCode`, `explainEnhanced`, `catalogLabels`, `compare`, `lookup` and `explainReply` (feature `real-reply`), `allCodes`, `allEnhanced`, `curatedPairs`, `explainWarning` |
//! | `share` | `writeTranscript` (feature `transcripts`); `readTranscript`, `replaySteps`, `transcriptDrift` (feature `transcript-read`); `shareEncode`, `shareDecode` (feature `share`) |
//! | [`replies`] | the replies a handle showed, kept for `explain(id)` |
//! | [`read`] | hand-written readers of the first-load module's inputs (no serde deserializer there) |
//! | [`shared`] | the one error helper, JS ↔ Rust conversion, the message form |
//! | [`json`] | hand-written JSON of the first-load module's outputs (no serde serializer there) |
//!
//! Casing: fields and methods are camelCase; enum values are the core's and the catalogue's
//! names, PascalCase (`"Connected"`, `"Reply"`, `"RetryLater"`). Two kinds of value keep the
//! spelling of their standard: SMTP command words and what a reply answers (`"MAIL"`,
//! `"END-OF-DATA"`), and language tags (`"en"`, `"pt-BR"`, BCP 47).

//!
//! Features: the default build has everything. The page's first-load ("lite") module is built
//! with `transcripts` and a language only (build.sh): the client mode and the catalogue; the
//! page moves to the full module on first use of the rest (www/engine.js).

// The JSON writer is plain Rust, built on every target so a native test can hold it equal to
// serde's; everything else is the wasm adapter, empty on other targets.
pub mod json;

/// Items of the wasm adapter only (the crate is empty elsewhere, but for [`json`]).
macro_rules! wasm_only {
    ($($item:item)*) => { $(#[cfg(target_arch = "wasm32")] $item)* };
}

wasm_only! {
pub mod catalog;
#[cfg(feature = "sim")]
pub mod client_role;
pub mod dot_scanner;
#[cfg(feature = "lessons")]
pub mod lab;
#[cfg(feature = "lessons")]
pub mod lesson_run;
pub mod read;
pub mod replies;
pub mod server_session;
#[cfg(feature = "transcripts")]
pub mod share;
pub mod shared;
#[cfg(feature = "sim")]
pub mod simulation;

pub use catalog::*;
#[cfg(feature = "sim")]
pub use client_role::ClientRole;
pub use dot_scanner::DotScanner;
#[cfg(feature = "lessons")]
pub use lab::*;
#[cfg(feature = "lessons")]
pub use lesson_run::LessonRun;
pub use server_session::ServerSession;
#[cfg(feature = "transcripts")]
pub use share::*;
#[cfg(feature = "sim")]
pub use simulation::Simulation;
}

/// The allocator of the wasm builds: talc instead of std's dlmalloc, about 6 KB less code
/// (bench/RESULTS.md). The module is single-threaded (no `atomics`), which this allocator needs;
/// a fresh instance after a trap (www/engine.js) starts with a fresh heap.
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

// Outside the macro: wasm-bindgen would copy a doc comment written inside it into the .d.ts as
// `r"…"`.
/// Routes Rust panics to the browser console; runs once when the module is instantiated.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen(start)]
fn start() {
    #[cfg(feature = "panic-hook")]
    console_error_panic_hook::set_once();
}
