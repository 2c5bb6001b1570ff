//! The texts file: every text the first screen does not show, in one language: the entries of
//! the codes outside [`FIRST_CODES`] (description, when you see it, what the client does next,
//! how to fix it, the confusions), the hand-written compare notes of the pairs with such a code,
//! the "in this session" sentences but the greeting's, the server warnings, the enhanced codes'
//! details, and the real servers' wordings of those codes.
//!
//! A build with the feature `texts-file` (the page's one-language wasm modules) leaves those
//! texts out and reads them at run time from this file ([`load_texts`]), so the lite and the full
//! module share one download, fetched only when a text first needs it. Every other build holds
//! them and writes the file ([`texts_file`]); `build.sh` writes `www/pkg/texts_<lang>.bin` with it.
//!
//! Format (UTF-8, gzip-friendly: the sentences one after the other):
//! `smtp-sim texts 3 <lang>\n`, then sections separated by GS (0x1D), records by RS (0x1E),
//! fields by US (0x1F): the entries, one record per code in ascending order,
//! `code US description US when US next US fix (US code US why)*`; the compare notes, one per
//! curated pair in the catalogue's order, `lower US higher US note`; the context sentences, one
//! per rule of the table in its order, `you US client` (empty for the rules the build keeps, and
//! `client` empty when the rule has no third-person twin); the server warnings, one per
//! [`WarningKind`] in its order, `title US text US count label`; the enhanced codes' details,
//! one per row of the table, `name US meaning`; the real servers' wordings, one record per code
//! outside [`FIRST_CODES`], `(server US reply US source)*`.

use std::sync::OnceLock;

use smtp_sim_core::server::WarningKind;

use crate::{text, Lang, Wild, CODES, FIRST_CODES};

const MAGIC: &str = "smtp-sim texts 3 ";
const GS: char = '\u{1d}';
const RS: char = '\u{1e}';
const US: char = '\u{1f}';

/// The long texts of one entry.
#[derive(Clone, Copy)]
pub(crate) struct Long {
    pub description: &'static str,
    pub when: &'static str,
    pub next: &'static str,
    pub fix: &'static str,
    pub confusions: Confusions,
}

/// The codes an entry is confused with, and why: the build's table, or a loaded record's tail
/// (`code US why US code US why …`, checked when it was loaded).
#[derive(Clone, Copy)]
pub(crate) enum Confusions {
    Built(&'static [(u16, &'static str)]),
    Loaded(&'static str),
}

impl Confusions {
    /// Calls `f` with each code and why, in order.
    pub(crate) fn each(self, mut f: impl FnMut(u16, &'static str)) {
        match self {
            Confusions::Built(rows) => rows.iter().for_each(|&(code, why)| f(code, why)),
            Confusions::Loaded(tail) => {
                let mut fields = tail.split(US);
                while let (Some(code), Some(why)) = (fields.next(), fields.next()) {
                    f(code_of(code).unwrap_or(0), why);
                }
            }
        }
    }
}

/// The body of the texts file loaded (its records), kept for the program's life.
static LOADED: OnceLock<&'static str> = OnceLock::new();

/// Why a texts file was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextsFileError {
    /// It does not start with the header of this format's version.
    Header,
    /// Its language is not the one this build speaks.
    Language,
    /// A record is malformed, or the codes are not exactly those the build left out.
    Records,
}

/// True when the texts file carries the entry texts of `code`: it is outside [`FIRST_CODES`].
const fn in_file(code: u16) -> bool {
    let mut i = 0;
    while i < FIRST_CODES.len() {
        if FIRST_CODES[i] == code {
            return false;
        }
        i += 1;
    }
    true
}

/// True when this build leaves the entry texts of `code` to the texts file.
pub(crate) const fn lazy(code: u16) -> bool {
    cfg!(feature = "texts-file") && in_file(code)
}

/// True when this build leaves the compare note of the pair `lo`, `hi` to the texts file: when
/// either code's long texts are there. The notes of pairs the client mode's first replies make
/// (Compare follows them: 250 and 354 on the happy path, 500, 501 and 503 after a first
/// mistake) stay in the build.
pub(crate) const fn lazy_note(lo: u16, hi: u16) -> bool {
    lazy(lo) || lazy(hi)
}

/// True when the texts file carries the compare note of the pair `lo`, `hi` (in the build that
/// writes it, which keeps every text).
fn note_in_file(lo: u16, hi: u16) -> bool {
    in_file(lo) || in_file(hi)
}

/// The curated compare notes as this build keeps them: with `texts-file`, those of the pairs
/// with a code outside [`FIRST_CODES`] become empty (at compile time).
pub(crate) const fn keep_first_notes<const N: usize>(
    mut rows: [(u16, u16, &'static str, &'static str); N],
) -> [(u16, u16, &'static str, &'static str); N] {
    let mut i = 0;
    while i < N {
        if lazy_note(rows[i].0, rows[i].1) {
            rows[i].2 = "";
            rows[i].3 = "";
        }
        i += 1;
    }
    rows
}

/// The loaded file's section `n` (0 the entries, 1 the notes, 2 the context sentences, 3 the
/// warnings, 4 the enhanced details, 5 the wordings); `None` before it is loaded.
fn section(n: usize) -> Option<&'static str> {
    LOADED.get()?.split(GS).nth(n)
}

/// The loaded compare note of the pair `lo`, `hi`; `None` before the file is loaded.
pub(crate) fn loaded_note(lo: u16, hi: u16) -> Option<&'static str> {
    section(1)?.split(RS).find_map(|r| {
        let mut fields = r.splitn(3, US);
        let pair = (
            fields.next().and_then(code_of),
            fields.next().and_then(code_of),
        );
        (pair == (Some(lo), Some(hi))).then(|| fields.next().unwrap_or(""))
    })
}

/// A table of entry texts as this build keeps it: with `texts-file`, the long texts of the codes
/// outside [`FIRST_CODES`] become empty (evaluated at compile time, so they never reach the
/// binary).
pub(crate) const fn keep_first<const N: usize>(
    mut rows: [crate::CodeText; N],
) -> [crate::CodeText; N] {
    let mut i = 0;
    while i < N {
        if lazy(rows[i].code) {
            rows[i].description = "";
            rows[i].when = "";
            rows[i].next = "";
            rows[i].fix = "";
            rows[i].confusions = &[];
        }
        i += 1;
    }
    rows
}

/// A three-digit code (hand-read: the module has no other use for integer parsing).
fn code_of(s: &str) -> Option<u16> {
    match *s.as_bytes() {
        [a, b, c] if [a, b, c].iter().all(u8::is_ascii_digit) => {
            Some(u16::from(a - b'0') * 100 + u16::from(b - b'0') * 10 + u16::from(c - b'0'))
        }
        _ => None,
    }
}

/// The long texts of `code` in `lang`: the build's own, or the loaded file's; `None` while the
/// file they are in has not been loaded.
pub(crate) fn long(code: u16, lang: Lang) -> Option<Long> {
    if !lazy(code) {
        let t = text(code, lang)?;
        return Some(Long {
            description: t.description,
            when: t.when,
            next: t.next,
            fix: t.fix,
            confusions: Confusions::Built(t.confusions),
        });
    }
    let record = section(0)?
        .split(RS)
        .find(|r| r.get(..3).and_then(code_of) == Some(code))?;
    // Five fields at least: checked when it was loaded.
    let mut fields = record.splitn(6, US).skip(1);
    let mut field = || fields.next().unwrap_or("");
    Some(Long {
        description: field(),
        when: field(),
        next: field(),
        fix: field(),
        confusions: Confusions::Loaded(field()),
    })
}

/// True while this build waits for its texts file: some entries lack their long texts.
pub fn texts_pending() -> bool {
    cfg!(feature = "texts-file") && LOADED.get().is_none()
}

/// Reads a texts file and keeps its texts for the rest of the program. A build that holds every
/// text (no `texts-file`) checks the file and keeps nothing; a second file once one is loaded is
/// checked and ignored. Returns the file's language.
pub fn load_texts(bytes: &[u8]) -> Result<Lang, TextsFileError> {
    let text = std::str::from_utf8(bytes).map_err(|_| TextsFileError::Header)?;
    let rest = text.strip_prefix(MAGIC).ok_or(TextsFileError::Header)?;
    let (tag, body) = rest.split_once('\n').ok_or(TextsFileError::Header)?;
    let lang = Lang::parse(tag).ok_or(TextsFileError::Header)?;
    if lang.built() != lang {
        return Err(TextsFileError::Language);
    }
    check(body)?;
    if cfg!(feature = "texts-file") && LOADED.get().is_none() {
        // Kept for the program's life: the entries hand out `&'static str`.
        let _ = LOADED.set(Box::leak(body.into()));
    }
    Ok(lang)
}

/// Checks a file's sections: the entries and the notes this build leaves out, exactly, then one
/// record per context rule and per warning, with their fields.
fn check(body: &str) -> Result<(), TextsFileError> {
    let mut sections = body.split(GS);
    check_entries(sections.next().unwrap_or(""))?;
    check_notes(sections.next().ok_or(TextsFileError::Records)?)?;
    check_rows(sections.next(), crate::context::RULE_COUNT, 2)?;
    check_rows(sections.next(), WarningKind::ALL.len(), 3)?;
    check_rows(sections.next(), crate::enhanced::DETAIL_COUNT, 2)?;
    check_wild(sections.next().ok_or(TextsFileError::Records)?)?;
    match sections.next() {
        None => Ok(()),
        Some(_) => Err(TextsFileError::Records),
    }
}

/// Checks the compare notes: one per curated pair with a code outside [`FIRST_CODES`], in order.
fn check_notes(notes: &str) -> Result<(), TextsFileError> {
    let mut expected = crate::compare::curated_rows()
        .iter()
        .filter(|c| note_in_file(c.0, c.1));
    for record in notes.split(RS) {
        let fields: [&str; 3] = {
            let mut f = record.splitn(3, US);
            [(); 3].map(|()| f.next().unwrap_or(""))
        };
        let want = expected.next().ok_or(TextsFileError::Records)?;
        if code_of(fields[0]) != Some(want.0) || code_of(fields[1]) != Some(want.1) {
            return Err(TextsFileError::Records);
        }
    }
    match expected.next() {
        None => Ok(()),
        Some(_) => Err(TextsFileError::Records),
    }
}

/// Checks a section of `count` records of `fields` fields each.
fn check_rows(section: Option<&str>, count: usize, fields: usize) -> Result<(), TextsFileError> {
    let section = section.ok_or(TextsFileError::Records)?;
    let mut n = 0;
    for record in section.split(RS) {
        if record.split(US).count() != fields {
            return Err(TextsFileError::Records);
        }
        n += 1;
    }
    if n == count {
        Ok(())
    } else {
        Err(TextsFileError::Records)
    }
}

/// Checks the wordings: one record per code outside [`FIRST_CODES`], empty or of triplets.
fn check_wild(section: &str) -> Result<(), TextsFileError> {
    let mut n = 0;
    for record in section.split(RS) {
        if !record.is_empty() && record.split(US).count() % 3 != 0 {
            return Err(TextsFileError::Records);
        }
        n += 1;
    }
    if n == CODES.iter().filter(|c| in_file(**c)).count() {
        Ok(())
    } else {
        Err(TextsFileError::Records)
    }
}

/// The real servers' wordings of `code`: the build's, or the loaded file's; `None` while the
/// file they are in has not been loaded.
pub(crate) fn wild(code: u16) -> Option<Vec<Wild>> {
    if !lazy(code) {
        return Some(crate::facts::facts(code)?.wild.to_vec());
    }
    let index = CODES
        .iter()
        .filter(|c| in_file(**c))
        .position(|&c| c == code)?;
    let record = section(5)?.split(RS).nth(index)?;
    let mut fields = record.split(US).filter(|_| !record.is_empty());
    let mut out = Vec::new();
    while let (Some(server), Some(reply), Some(source)) =
        (fields.next(), fields.next(), fields.next())
    {
        out.push(Wild {
            server,
            reply,
            source,
        });
    }
    Some(out)
}

/// Field `field` of record `index` of the loaded file's section `n`; `None` before it is loaded
/// (its shape was checked then).
pub(crate) fn loaded_field(n: usize, index: usize, field: usize) -> Option<&'static str> {
    section(n)?.split(RS).nth(index)?.split(US).nth(field)
}

/// Checks the entries' records: one per code this build leaves out, in order, each with its
/// four texts and pairs of a code and a why.
fn check_entries(body: &str) -> Result<(), TextsFileError> {
    let mut expected = CODES.iter().filter(|c| in_file(**c));
    for record in body.split(RS) {
        let fields = record.split(US);
        let mut n = 0;
        for (i, field) in fields.enumerate() {
            let code = i == 0 || i >= 5 && i % 2 == 1;
            if code && code_of(field).is_none() {
                return Err(TextsFileError::Records);
            }
            if i == 0 && code_of(field) != expected.next().copied() {
                return Err(TextsFileError::Records);
            }
            n = i + 1;
        }
        if n < 5 || n % 2 != 1 {
            return Err(TextsFileError::Records);
        }
    }
    match expected.next() {
        None => Ok(()),
        Some(_) => Err(TextsFileError::Records),
    }
}

/// The texts file of `lang`: every text a `texts-file` build leaves out (see the module's doc).
/// Only a build that holds them all can write it.
#[cfg(not(feature = "texts-file"))]
pub fn texts_file(lang: Lang) -> String {
    let mut out = format!("{MAGIC}{}\n", lang.tag());
    for (i, &code) in CODES.iter().filter(|c| in_file(**c)).enumerate() {
        let t = text(code, lang).expect("every code has texts");
        if i > 0 {
            out.push(RS);
        }
        out.push_str(&code.to_string());
        for field in [t.description, t.when, t.next, t.fix] {
            out.push(US);
            out.push_str(field);
        }
        for &(other, why) in t.confusions {
            out.push(US);
            out.push_str(&other.to_string());
            out.push(US);
            out.push_str(why);
        }
    }
    out.push(GS);
    let notes = crate::compare::curated_rows()
        .iter()
        .filter(|c| note_in_file(c.0, c.1));
    for (i, &(lo, hi, en, pt)) in notes.enumerate() {
        if i > 0 {
            out.push(RS);
        }
        out.push_str(&format!("{lo}{US}{hi}{US}{}", lang.pick(en, pt)));
    }
    out.push(GS);
    out.push_str(&crate::context::rules_for_file(
        lang,
        &RS.to_string(),
        &US.to_string(),
    ));
    out.push(GS);
    for (i, kind) in WarningKind::ALL.into_iter().enumerate() {
        if i > 0 {
            out.push(RS);
        }
        let w = crate::session_warnings::built(kind, lang);
        out.push_str(&format!(
            "{}{US}{}{US}{}",
            w.title,
            w.text,
            w.count_label.unwrap_or("")
        ));
    }
    out.push(GS);
    out.push_str(&crate::enhanced::details_for_file(
        lang,
        &RS.to_string(),
        &US.to_string(),
    ));
    out.push(GS);
    for (i, &code) in CODES.iter().filter(|c| in_file(**c)).enumerate() {
        if i > 0 {
            out.push(RS);
        }
        let wild = crate::facts::facts(code)
            .expect("every code has facts")
            .wild;
        let fields: Vec<&str> = wild
            .iter()
            .flat_map(|w| [w.server, w.reply, w.source])
            .collect();
        out.push_str(&fields.join(&US.to_string()));
    }
    out
}
