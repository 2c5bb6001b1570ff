//! The catalogue without a session: free functions over `smtp-sim-explain`, in the language
//! asked for. Each returns the catalogue's own type.

use tsify::Ts;
use wasm_bindgen::prelude::*;

use smtp_sim_core::server::WarningKind;
use smtp_sim_explain::{self as catalog, ComparisonTexts, Labels, Lang, SessionWarningText};
#[cfg(feature = "real-reply")]
use smtp_sim_explain::{ExplainedReply, Lookup};

#[cfg(feature = "real-reply")]
use crate::shared::js_error;
use crate::shared::{json_js, json_value, lang};
#[cfg(feature = "real-reply")]
use crate::shared::to_js;

#[wasm_bindgen]
extern "C" {
    /// `Entry | null` in TypeScript.
    #[wasm_bindgen(typescript_type = "Entry | null")]
    pub type EntryOrNull;
    /// `EnhancedEntry | null` in TypeScript.
    #[wasm_bindgen(typescript_type = "EnhancedEntry | null")]
    pub type EnhancedEntryOrNull;
    /// `Comparison | null` in TypeScript.
    #[wasm_bindgen(typescript_type = "Comparison | null")]
    pub type ComparisonOrNull;
    /// `[number, number][]` in TypeScript.
    #[wasm_bindgen(typescript_type = "[number, number][]")]
    pub type CodePairs;
    /// `CodeSummary[]` in TypeScript.
    #[wasm_bindgen(typescript_type = "CodeSummary[]")]
    pub type CodeSummaries;
    /// `EnhancedSummary[]` in TypeScript.
    #[wasm_bindgen(typescript_type = "EnhancedSummary[]")]
    pub type EnhancedSummaries;
    /// `PromptLabel[]` in TypeScript.
    #[wasm_bindgen(typescript_type = "PromptLabel[]")]
    pub type PromptLabels;
}

/// The catalogue entry for a reply code in a language, or `null` for a code the catalogue does
/// not know. Throws on an unknown language.
#[wasm_bindgen(js_name = explainCode)]
pub fn explain_code(code: u16, language: Ts<Lang>) -> Result<EntryOrNull, js_sys::Error> {
    Ok(json_value(&catalog::entry(code, lang(language)?))?.unchecked_into())
}

/// An enhanced status code such as "5.1.1" explained part by part, or `null` when it is not
/// one (RFC 3463). Throws on an unknown language.
#[wasm_bindgen(js_name = explainEnhanced)]
pub fn explain_enhanced(
    code: &str,
    language: Ts<Lang>,
) -> Result<EnhancedEntryOrNull, js_sys::Error> {
    Ok(json_value(&catalog::enhanced_str(code, lang(language)?))?.unchecked_into())
}

/// The catalogue's headings ("Description", "When you see it", …) in a language.
#[wasm_bindgen(js_name = catalogLabels)]
pub fn catalog_labels(language: Ts<Lang>) -> Result<Ts<Labels>, js_sys::Error> {
    json_js(catalog::labels(lang(language)?))
}

/// Two reply codes side by side in a language: class and category, what the client does after
/// each, the commands that get them, and the hand-written note for pairs people confuse; `null`
/// when either code is unknown. Throws on an unknown language. Not in the first-load modules
/// (feature `compare`): www/compare.js builds the same object from `explainCode`,
/// `catalogLabels` and `compareTexts`.
#[cfg(feature = "compare")]
#[wasm_bindgen]
pub fn compare(a: u16, b: u16, language: Ts<Lang>) -> Result<ComparisonOrNull, js_sys::Error> {
    Ok(json_value(&catalog::compare(a, b, lang(language)?))?.unchecked_into())
}

/// What comparing codes `a` and `b` says beyond their entries, as `compare` has it: the summary
/// of their classes (`""` while pending), the pair's hand-written note or `null`, and `pending:
/// true` while either waits for the texts file. Throws on an unknown language.
#[wasm_bindgen(js_name = compareTexts)]
pub fn compare_texts(
    a: u16,
    b: u16,
    language: Ts<Lang>,
) -> Result<Ts<ComparisonTexts>, js_sys::Error> {
    json_js(&catalog::comparison_texts(a, b, lang(language)?))
}

/// Explains whatever a learner typed: a code (`"354"`), an enhanced code (`"5.7.1"`) or a whole
/// reply. Throws an `Error` whose message says, in the language asked for, why nothing matched.
#[cfg(feature = "real-reply")]
#[wasm_bindgen]
pub fn lookup(query: &str, language: Ts<Lang>) -> Result<Ts<Lookup>, js_sys::Error> {
    let lang = lang(language)?;
    let found = catalog::lookup(query, lang).map_err(|e| js_error(e.description(lang)))?;
    to_js(&found)
}

/// Parses and explains a reply pasted from a log (one line or several, CRLF or LF), with a
/// warning for each rule it breaks. `command` is the command it answered (`"RCPT"`,
/// `"MAIL FROM:<a@b>"`, `"."` for the end of data) or `null`. Throws an `Error` with a sentence
/// in the language asked for when no line starts with a reply code.
#[cfg(feature = "real-reply")]
#[wasm_bindgen(js_name = explainReply)]
pub fn explain_reply(
    text: &str,
    command: Option<String>,
    language: Ts<Lang>,
) -> Result<Ts<ExplainedReply>, js_sys::Error> {
    let lang = lang(language)?;
    let r = catalog::explain_reply(text, command.as_deref(), lang)
        .map_err(|e| js_error(e.description(lang)))?;
    to_js(&r)
}

/// Every reply code the catalogue explains, ascending, with its name and description.
#[wasm_bindgen(js_name = allCodes)]
pub fn all_codes(language: Ts<Lang>) -> Result<CodeSummaries, js_sys::Error> {
    Ok(json_value(&catalog::all_codes(lang(language)?))?.unchecked_into())
}

/// Every enhanced-code detail the catalogue explains (`X.subject.detail`).
#[wasm_bindgen(js_name = allEnhanced)]
pub fn all_enhanced(language: Ts<Lang>) -> Result<EnhancedSummaries, js_sys::Error> {
    Ok(json_value(&catalog::all_enhanced(lang(language)?))?.unchecked_into())
}

/// What a reply can answer (the greeting, each command, the end of data), in the order a session
/// meets them, each with its label in a language: the choices for `explainReply`'s `command`.
#[wasm_bindgen(js_name = promptLabels)]
pub fn prompt_labels(language: Ts<Lang>) -> Result<PromptLabels, js_sys::Error> {
    Ok(json_value(&catalog::prompt_labels(lang(language)?))?.unchecked_into())
}

/// The pairs of codes with a hand-written note in `compare`, lower code first.
#[wasm_bindgen(js_name = curatedPairs)]
pub fn curated_pairs() -> Result<CodePairs, js_sys::Error> {
    Ok(json_value(&catalog::curated_pairs())?.unchecked_into())
}

/// What a server warning teaches (the `kind` of a `"Warning"` event), in a language. Throws on
/// an unknown kind or language.
#[wasm_bindgen(js_name = explainWarning)]
pub fn explain_warning(
    kind: Ts<WarningKind>,
    language: Ts<Lang>,
) -> Result<Ts<SessionWarningText>, js_sys::Error> {
    let kind: WarningKind = crate::read::warning_kind(&kind.js_value(), "warning kind")?;
    json_js(&catalog::session_warning(kind, lang(language)?))
}

/// Hands the module a part of the catalogue's texts files of its language (`pkg/texts_<lang>.bin`,
/// what a typed session meets, and `pkg/texts_<lang>_rare.bin`, the rest; written by build.sh):
/// the texts the one-language modules leave out. Until its part is in, such a text comes with
/// `pending: true` and empty. A module that holds every text checks the part and keeps nothing.
/// Throws when the part is malformed, cut, of another language or version, or of another build
/// than the other part loaded.
#[wasm_bindgen(js_name = loadTexts)]
pub fn load_texts(bytes: &[u8]) -> Result<(), js_sys::Error> {
    use catalog::TextsFileError as E;
    catalog::load_texts(bytes).map(|_| ()).map_err(|e| {
        crate::shared::js_error(match e {
            E::Header => "texts file: not a texts file of this version",
            E::Language => "texts file: not this module's language",
            E::Records => "texts file: cut, or not the texts this module leaves out",
        })
    })
}

/// True while this module waits for a part of its texts files (see `loadTexts`).
#[wasm_bindgen(js_name = textsPending)]
pub fn texts_pending() -> bool {
    catalog::texts_pending()
}
