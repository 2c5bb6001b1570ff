//! The texts file: the long texts of an entry (when you see it, what the client does next, how to
//! fix it, the confusions) for every code outside [`FIRST_CODES`], and the hand-written compare
//! notes of the pairs with such a code, in one language.
//!
//! A build with the feature `texts-file` (the page's one-language wasm modules) leaves those
//! texts out and reads them at run time from this file ([`load_texts`]), so the lite and the full
//! module share one download, fetched only when an entry first needs it. Every other build holds
//! them and writes the file ([`texts_file`]); `build.sh` writes `www/pkg/texts_<lang>.bin` with it.
//!
//! Format (UTF-8, gzip-friendly: the sentences one after the other):
//! `smtp-sim texts 2 <lang>\n`, then sections separated by GS (0x1D), records by RS (0x1E),
//! fields by US (0x1F): the entries, one record per code in ascending order,
//! `code US when US next US fix (US code US why)*`; then the compare notes, one per curated pair
//! in the catalogue's order, `lower US higher US note`.

use std::sync::OnceLock;

use crate::{text, Lang, CODES, FIRST_CODES};

const MAGIC: &str = "smtp-sim texts 2 ";
const GS: char = '\u{1d}';
const RS: char = '\u{1e}';
const US: char = '\u{1f}';

/// The long texts of one entry.
#[derive(Clone, Copy)]
pub(crate) struct Long {
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

/// True when this build leaves the long texts of `code` to the texts file.
const fn lazy(code: u16) -> bool {
    if !cfg!(feature = "texts-file") {
        return false;
    }
    let mut i = 0;
    while i < FIRST_CODES.len() {
        if FIRST_CODES[i] == code {
            return false;
        }
        i += 1;
    }
    true
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
    !(FIRST_CODES.contains(&lo) && FIRST_CODES.contains(&hi))
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

/// The loaded file's section `n` (0 the entries, 1 the notes); `None` before it is loaded.
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
            when: t.when,
            next: t.next,
            fix: t.fix,
            confusions: Confusions::Built(t.confusions),
        });
    }
    let record = section(0)?
        .split(RS)
        .find(|r| r.get(..3).and_then(code_of) == Some(code))?;
    // Four fields at least: checked when it was loaded.
    let mut fields = record.splitn(5, US).skip(1);
    let mut field = || fields.next().unwrap_or("");
    Some(Long {
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

/// Checks a file's sections: the entries and the notes this build leaves out, exactly.
fn check(body: &str) -> Result<(), TextsFileError> {
    let mut sections = body.split(GS);
    check_entries(sections.next().unwrap_or(""))?;
    check_notes(sections.next().ok_or(TextsFileError::Records)?)?;
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

/// Checks the entries' records: one per code this build leaves out, in order, each with its
/// three texts and pairs of a code and a why.
fn check_entries(body: &str) -> Result<(), TextsFileError> {
    let mut expected = CODES.iter().filter(|c| !FIRST_CODES.contains(c));
    for record in body.split(RS) {
        let fields = record.split(US);
        let mut n = 0;
        for (i, field) in fields.enumerate() {
            let code = i == 0 || i >= 4 && i % 2 == 0;
            if code && code_of(field).is_none() {
                return Err(TextsFileError::Records);
            }
            if i == 0 && code_of(field) != expected.next().copied() {
                return Err(TextsFileError::Records);
            }
            n = i + 1;
        }
        if n < 4 || n % 2 != 0 {
            return Err(TextsFileError::Records);
        }
    }
    match expected.next() {
        None => Ok(()),
        Some(_) => Err(TextsFileError::Records),
    }
}

/// The texts file of `lang`: the long texts of every code outside [`FIRST_CODES`]. Only a build
/// that holds them all can write it.
#[cfg(not(feature = "texts-file"))]
pub fn texts_file(lang: Lang) -> String {
    let mut out = format!("{MAGIC}{}\n", lang.tag());
    for (i, &code) in CODES
        .iter()
        .filter(|c| !FIRST_CODES.contains(c))
        .enumerate()
    {
        let t = text(code, lang).expect("every code has texts");
        if i > 0 {
            out.push(RS);
        }
        out.push_str(&code.to_string());
        for field in [t.when, t.next, t.fix] {
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
    out
}
