//! The reply-code catalogue: what every SMTP reply means, in English and Brazilian Portuguese.
//!
//! Everything here is data in static tables plus small functions that assemble it into
//! serialisable views for the page and the terminal:
//!
//! - [`entry`]: the full entry for one reply code (name, description, when you see it, what the
//!   client does next, how to fix it, common confusions, RFC sections, real servers' wordings);
//! - [`enhanced`]: an RFC 3463 enhanced status code, class, subject and detail explained;
//! - [`compare`]: two codes side by side, derived from their facts, with a hand-written note for
//!   the pairs people confuse;
//! - [`in_context`] and [`in_context_with`]: one sentence saying what a reply means after the
//!   line just sent, in the learner's voice or a simulated client's; [`bad_commands_warning`]
//!   before the server closes for too many bad commands;
//! - [`explain_text`]: anything pasted from a real log or bounce (reply lines, a transcript, an
//!   MTA's log line, a bounce's text or RFC 3464 fields, a whole bounce message, a library's
//!   error) read by [`read_pasted`], then explained: who wrote it and whose reply it carries,
//!   what it answered and how that is known, the enhanced code part by part, what the sender
//!   should do ([`advice`]), a summary per recipient, and how it was read; [`explain_reply`]
//!   keeps only the reply, parsed, explained and checked;
//! - [`guide`]: where a session stands and what may come next (an open BDAT chunk included), in
//!   words, with a hint;
//! - [`session_warning`]: what the server's warnings (bare LF, STARTTLS, AUTH in clear) teach.
//! - [`expectation`] and [`judge`]: what the simulated client waits for at each step, and how a
//!   reply typed by a learner playing the server fits it.
//! - [`client_rule`], [`client_note`] and [`client_error`]: what the simulated client's steps say
//!   (the rules it follows, what it concludes, what went wrong), rendered from its identifiers.
//!
//! The texts are `&'static str` so the tables cost nothing at run time; nothing is formatted in
//! loops (a reading note fills in one count). Digits follow RFC 5321 §4.2.1, codes §4.2.2–§4.2.3 and §4.3.2, and the extensions the
//! simulated server speaks (RFC 1870, 2034, 3030, 3207, 3461, 4954, 6531, 7504).

use serde::Serialize;

/// A static table of sentence pairs as this build keeps it: in each row, the fields of a
/// language left out (`en => pt` field numbers) become "". Evaluated at compile time, so the
/// dropped literals never reach the binary. `one_lang!(3 => 5, 4 => 6; [rows…])`.
macro_rules! one_lang {
    ($($en:tt => $pt:tt),+; $rows:expr) => {{
        let mut rows = $rows;
        let mut i = 0;
        while i < rows.len() {
            $(
                if !$crate::HAS_EN {
                    rows[i].$en = "";
                }
                if !$crate::HAS_PT {
                    rows[i].$pt = "";
                }
            )+
            i += 1;
        }
        rows
    }};
}

/// [`one_lang!`] for a single row.
macro_rules! one_row {
    ($($en:tt => $pt:tt),+; $row:expr) => {{
        let mut row = $row;
        $(
            if !$crate::HAS_EN {
                row.$en = "";
            }
            if !$crate::HAS_PT {
                row.$pt = "";
            }
        )+
        row
    }};
}

mod advice;
mod client_steps;
mod compare;
mod context;
mod digits;
mod enhanced;
mod expect;
mod facts;
mod formats;
mod guide;
mod labels;
mod real_reply;
mod session_warnings;
mod text_en;
mod text_pt;
mod texts_file;

pub use advice::{advice, Advice, AdviceKind};
pub use client_steps::{client_error, client_note, client_rule, fault_spec_error};
pub use compare::{
    compare, comparison_texts, curated_pairs, Comparison, ComparisonTexts, Difference,
};
pub use context::{
    bad_commands_warning, in_context, in_context_with, Context, ContextNote, Said, Stage, Voice,
};
pub use digits::{category_of, class_of, Digit};
pub use enhanced::{all_enhanced, enhanced, enhanced_str, EnhancedEntry, EnhancedSummary, Part};
pub use expect::{expectation, judge, judgement, reply_problem, Expectation, Fit, Judgement};
pub use facts::{prompt_label, prompt_labels, PromptLabel, Wild, PROMPTS};
pub use formats::{
    read as read_pasted, Action, Command, CommandFrom, Family, Finding, Format, Note, NoteKind,
    RawLine, Reading, Software, StatusFrom,
};
pub use guide::{guide, input_words, Guide, InputWords};
pub use labels::{labels, Labels};
pub use real_reply::{
    action_text, command_from_text, explain_reply, explain_text, format_text, note_template,
    ExplainError, ExplainedReply, ExplainedText, NoteView, RecipientSummary, ReplyWarning,
    Severity, WarningView,
};
pub use session_warnings::{session_warning, SessionWarningText};
pub use texts_file::{load_texts, texts_pending, TextsFileError};
#[cfg(not(feature = "texts-file"))]
pub use texts_file::{session_codes, texts_files};

/// A language the catalogue is written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub enum Lang {
    /// English.
    #[serde(rename = "en")]
    En,
    /// Brazilian Portuguese.
    #[serde(rename = "pt-BR")]
    PtBr,
}

impl Lang {
    /// Every language, in display order.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::PtBr];

    /// Reads a language tag: `en`, `pt-BR` (also `pt`, `pt_BR`, any case).
    pub fn parse(tag: &str) -> Option<Self> {
        let t = tag.trim();
        if t.eq_ignore_ascii_case("en")
            || t.len() > 3 && t.as_bytes()[..3].eq_ignore_ascii_case(b"en-")
        {
            Some(Lang::En)
        } else if t.eq_ignore_ascii_case("pt")
            || t.eq_ignore_ascii_case("pt-BR")
            || t.eq_ignore_ascii_case("pt_BR")
        {
            Some(Lang::PtBr)
        } else {
            None
        }
    }

    /// The BCP 47 tag: `en` or `pt-BR`.
    pub const fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::PtBr => "pt-BR",
        }
    }

    /// The language whose texts answer for this one: itself, unless this build leaves its texts
    /// out (features `lang-en` / `lang-pt`), then the one language built in.
    #[inline(always)]
    pub const fn built(self) -> Lang {
        match (HAS_EN, HAS_PT) {
            (true, false) => Lang::En,
            (false, true) => Lang::PtBr,
            _ => self,
        }
    }

    /// The languages whose texts this build holds.
    pub const fn available() -> &'static [Lang] {
        match (HAS_EN, HAS_PT) {
            (true, false) => &[Lang::En],
            (false, true) => &[Lang::PtBr],
            _ => &Lang::ALL,
        }
    }

    /// Picks the text for this language from a pair. In a one-language build the other text is
    /// never reached, so the optimiser drops it from the module.
    #[inline(always)]
    pub(crate) const fn pick(self, en: &'static str, pt: &'static str) -> &'static str {
        match self.built() {
            Lang::En => en,
            Lang::PtBr => pt,
        }
    }
}

// A one-language build (the page's wasm modules, one per language) keeps only that language's
// texts; every other build (the CLI, the tests) keeps both. No feature at all is an error.
#[cfg(not(any(feature = "lang-en", feature = "lang-pt")))]
compile_error!("smtp-sim-explain needs feature lang-en, lang-pt or both (the default)");
const HAS_EN: bool = cfg!(feature = "lang-en");
const HAS_PT: bool = cfg!(feature = "lang-pt");

/// A sentence pair as this build keeps it in a static table: a language left out is "" (its
/// literal is evaluated at compile time only and never reaches the binary).
pub(crate) const fn pair(en: &'static str, pt: &'static str) -> (&'static str, &'static str) {
    (if HAS_EN { en } else { "" }, if HAS_PT { pt } else { "" })
}

/// Reads a language tag as [`Lang::parse`] does.
impl<'de> serde::Deserialize<'de> for Lang {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let tag = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        Lang::parse(&tag).ok_or_else(|| {
            serde::de::Error::invalid_value(
                serde::de::Unexpected::Str(&tag),
                &"\"en\" or \"pt-BR\"",
            )
        })
    }
}

/// The texts of one reply code in one language (a row of `text_en` / `text_pt`).
#[derive(Debug)]
pub(crate) struct CodeText {
    pub code: u16,
    pub name: &'static str,
    pub description: &'static str,
    pub when: &'static str,
    pub next: &'static str,
    pub fix: &'static str,
    /// Codes this one is confused with, and why.
    pub confusions: &'static [(u16, &'static str)],
}

/// Builds a [`CodeText`] row; positional to keep the tables short.
pub(crate) const fn t(
    code: u16,
    name: &'static str,
    description: &'static str,
    when: &'static str,
    next: &'static str,
    fix: &'static str,
    confusions: &'static [(u16, &'static str)],
) -> CodeText {
    CodeText {
        code,
        name,
        description,
        when,
        next,
        fix,
        confusions,
    }
}

/// Every reply code the catalogue explains, in ascending order.
pub const CODES: [u16; 34] = [
    211, 214, 220, 221, 235, 250, 251, 252, 334, 354, 421, 432, 450, 451, 452, 454, 455, 500, 501,
    502, 503, 504, 521, 530, 534, 535, 538, 550, 551, 552, 553, 554, 555, 556,
];

/// The codes whose texts every build holds: what the first screen shows before any action (the
/// greeting's explanation). The others' descriptions and long texts come from the texts file in
/// a `texts-file` build, with the compare notes of every pair that has one of them; every code
/// keeps its name (the greeting's confusions, the lists and the headings show it).
pub const FIRST_CODES: [u16; 1] = [220];

fn texts(lang: Lang) -> &'static [CodeText] {
    match lang.built() {
        Lang::En => &text_en::TEXTS,
        Lang::PtBr => &text_pt::TEXTS,
    }
}

/// `template` with each `{name}` placeholder of `values` replaced by its value, in one pass: a
/// value is never searched again, so text the learner typed that looks like a placeholder stays
/// as typed. A byte scan for `{` rather than `str::replace`, whose substring searcher (and its
/// slicing panics) would be the only one in the first-load module.
pub(crate) fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(i) = rest.bytes().position(|b| b == b'{') {
        let (before, at) = rest.split_at_checked(i).unwrap_or((rest, ""));
        out.push_str(before);
        match values.iter().find(|(key, _)| at.starts_with(key)) {
            Some((key, value)) => {
                out.push_str(value);
                rest = at.get(key.len()..).unwrap_or("");
            }
            None => {
                out.push('{');
                rest = at.get(1..).unwrap_or("");
            }
        }
    }
    out.push_str(rest);
    out
}

pub(crate) fn text(code: u16, lang: Lang) -> Option<&'static CodeText> {
    let all = texts(lang);
    all.binary_search_by_key(&code, |t| t.code)
        .ok()
        .map(|i| &all[i])
}

/// True when the catalogue has an entry for `code`.
pub fn is_known(code: u16) -> bool {
    CODES.binary_search(&code).is_ok()
}

/// A code this one is often confused with, and why.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct Confusion {
    /// The other code.
    pub code: u16,
    /// The other code's name, in the entry's language.
    pub name: &'static str,
    /// Why people mix them up, and how to tell them apart.
    pub why: &'static str,
}

/// Everything the catalogue knows about one reply code, in one language.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Entry {
    /// The three-digit code.
    pub code: u16,
    /// The language of the texts.
    #[serde(rename = "language")]
    pub lang: Lang,
    /// A short name, e.g. "Start mail input".
    pub name: &'static str,
    /// The first digit: the reply's class (RFC 5321 §4.2.1).
    pub class: Digit,
    /// The second digit: the reply's category (RFC 5321 §4.2.1).
    pub category: Digit,
    /// What the reply means.
    pub description: &'static str,
    /// Which commands and session states produce it.
    pub when: &'static str,
    /// What the client does after it.
    pub next: &'static str,
    /// How to fix the cause, or why there is nothing to fix.
    pub fix: &'static str,
    /// Codes it is confused with.
    pub confusions: Vec<Confusion>,
    /// The commands that may get this reply, derived from RFC 5321 §4.3.2 and the extensions.
    pub produced_by: Vec<&'static str>,
    /// RFC sections that define it.
    pub rfc: &'static [&'static str],
    /// Enhanced status codes commonly sent with it.
    pub enhanced: &'static [&'static str],
    /// How well-known servers word it, with the source of each wording.
    pub in_the_wild: Vec<Wild>,
    /// True while `description`, `when`, `next`, `fix`, `confusions` and `in_the_wild` wait for
    /// the texts file (they are then empty): a `texts-file` build before [`load_texts`]. Absent
    /// when false.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub pending: bool,
}

/// The entry for `code` in `lang`; `None` for a code the catalogue does not know.
pub fn entry(code: u16, lang: Lang) -> Option<Entry> {
    let t = text(code, lang)?;
    let f = facts::facts(code)?;
    let long = texts_file::long(code, lang);
    let wild = texts_file::wild(code);
    let pending = long.is_none() || wild.is_none();
    let long = long.unwrap_or(texts_file::Long {
        description: "",
        when: "",
        next: "",
        fix: "",
        confusions: texts_file::Confusions::Built(&[]),
    });
    let mut confusions = Vec::new();
    long.confusions.each(|other, why| {
        confusions.push(Confusion {
            code: other,
            name: text(other, lang).map_or("", |o| o.name),
            why,
        });
    });
    Some(Entry {
        code,
        lang,
        name: t.name,
        class: class_of(code, lang)?,
        category: category_of(code, lang)?,
        description: long.description,
        when: long.when,
        next: long.next,
        fix: long.fix,
        confusions,
        produced_by: facts::produced_by(code, lang),
        rfc: f.rfc,
        enhanced: f.enhanced,
        in_the_wild: wild.unwrap_or_default(),
        pending,
    })
}

/// One line of the searchable reference.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct CodeSummary {
    /// The three-digit code.
    pub code: u16,
    /// Its short name.
    pub name: &'static str,
    /// Its class digit (2, 3, 4 or 5).
    pub class: u8,
    /// What it means.
    pub description: &'static str,
    /// True while `description` waits for the texts file (it is then empty): a `texts-file`
    /// build before [`load_texts`]. Absent when false.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub pending: bool,
}

/// Every code with its name and description, in ascending order: the searchable reference.
pub fn all_codes(lang: Lang) -> Vec<CodeSummary> {
    texts(lang)
        .iter()
        .map(|t| {
            let description = texts_file::long(t.code, lang).map(|l| l.description);
            CodeSummary {
                code: t.code,
                name: t.name,
                class: (t.code / 100) as u8,
                description: description.unwrap_or(""),
                pending: description.is_none(),
            }
        })
        .collect()
}

/// What a query given to [`lookup`] turned out to be.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(tag = "kind", content = "value")]
pub enum Lookup {
    /// A three-digit reply code.
    Code(Entry),
    /// An enhanced status code such as `5.7.1`.
    Enhanced(EnhancedEntry),
    /// A whole reply (one or more lines).
    Reply(Box<ExplainedReply>),
}

/// Why [`lookup`] found nothing.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum LookupError {
    /// Three digits, but not a code the catalogue knows.
    UnknownCode,
    /// An enhanced status code with an unknown class or subject.
    UnknownEnhanced,
    /// Not a code, and not a reply that could be read.
    Reply(ExplainError),
}

impl LookupError {
    /// A short sentence for the user, in `lang`.
    pub const fn description(self, lang: Lang) -> &'static str {
        match self {
            LookupError::UnknownCode => lang.pick(
                "this is not a reply code the catalogue knows (SMTP replies run from 2xx to 5xx, \
                 with a second digit from 0 to 5)",
                "este não é um código de resposta que o catálogo conheça (as respostas SMTP vão \
                 de 2xx a 5xx, com o segundo dígito de 0 a 5)",
            ),
            LookupError::UnknownEnhanced => lang.pick(
                "this enhanced status code has an unknown class or subject (RFC 3463: class 2, 4 \
                 or 5; subject 0–7)",
                "este código de status estendido tem classe ou tema desconhecido (RFC 3463: \
                 classe 2, 4 ou 5; tema de 0 a 7)",
            ),
            LookupError::Reply(e) => e.description(lang),
        }
    }
}

/// Explains whatever the user typed: `354`, `5.7.1`, or a whole reply such as
/// `550 5.1.1 <x@y>: Recipient address rejected`.
pub fn lookup(query: &str, lang: Lang) -> Result<Lookup, LookupError> {
    let q = query.trim();
    if q.len() == 3 && q.bytes().all(|b| b.is_ascii_digit()) {
        let code: u16 = q.parse().map_err(|_| LookupError::UnknownCode)?;
        return entry(code, lang)
            .map(Lookup::Code)
            .ok_or(LookupError::UnknownCode);
    }
    if !q.contains(char::is_whitespace) && q.bytes().filter(|&b| b == b'.').count() == 2 {
        if let Some(code) = smtp_sim_core::reply::EnhancedCode::parse(q) {
            return enhanced(code, lang)
                .map(Lookup::Enhanced)
                .ok_or(LookupError::UnknownEnhanced);
        }
        if q.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
            return Err(LookupError::UnknownEnhanced);
        }
    }
    // A text with only a status (a DSN's "Status: 5.1.1", a library that dropped the code) is
    // looked up as its enhanced code.
    let text = explain_text(q, None, lang).map_err(LookupError::Reply)?;
    match (text.reply, text.enhanced_entry) {
        (Some(r), _) => Ok(Lookup::Reply(Box::new(r))),
        (None, Some(e)) => Ok(Lookup::Enhanced(e)),
        (None, None) => Err(LookupError::UnknownEnhanced),
    }
}
