//! The texts files: every text the first screen does not show, in one language, in two parts.
//! Part 1 (`texts_<lang>.bin`) holds what a learner typing a session meets (see
//! [`session_codes`]): those codes' entries (description, when you see it, what the client does
//! next, how to fix it, the confusions, the real servers' wordings), the "in this session"
//! sentences of their rules, the enhanced details sent with them, the enhanced codes' classes and
//! subjects, and the server warnings. Part 2
//! (`texts_<lang>_rare.bin`) holds the rest: the other codes' entries and sentences, the other
//! details, the hand-written compare notes and the class-pair summaries (Reference, Compare).
//!
//! A build with the feature `texts-file` (the page's one-language wasm modules) leaves those
//! texts out and reads them at run time from the parts ([`load_texts`]), so the lite and the full
//! module share one download of each, fetched only when a text first needs it. Every other build
//! holds them and writes the parts ([`texts_files`]); `build.sh` writes them into `www/pkg/`.
//! Which part carries what is decided by the writer alone: the reader finds a text by its key
//! (a code, a pair) or its table position in whichever part is loaded.
//!
//! Format (UTF-8, gzip-friendly: the sentences one after the other):
//! `smtp-sim texts 4 <lang> <part> <id>\n` (`id`, the same in both parts, FNV-1a of the two
//! bodies in hex: a part is refused when the other one loaded has another), then eight sections
//! separated by GS (0x1D), records by RS (0x1E), fields by US (0x1F):
//! 0. the entries, `code US description US when US next US fix (US code US why)*`, ascending;
//! 1. the compare notes, `lower US higher US note`, in the catalogue's order;
//! 2. the context sentences, one record per rule of the table, `you US client` (`client` empty
//!    without a third-person twin), or empty when the other part (or the build) has it;
//! 3. the server warnings, one per [`WarningKind`], `title US text US count label`, or empty;
//! 4. the enhanced codes' details, one per row of the table, `name US meaning`, or empty;
//! 5. the real servers' wordings, `code (US server US reply US source)*`, ascending;
//! 6. the class-pair summaries, one per pair of classes (see `compare.rs`), or empty;
//! 7. the enhanced codes' classes (2, 4, 5) and subjects (0 to 7), `name US meaning`, or empty.
//!
//! The keyed sections (0, 1, 5) hold only the part's records (a section with none is empty).

use std::sync::OnceLock;

use smtp_sim_core::server::WarningKind;

use crate::{text, Lang, Wild, CODES, FIRST_CODES};

const MAGIC: &str = "smtp-sim texts 4 ";
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

/// Each part loaded: its body (its records) and its build's id; kept for the program's life.
static LOADED: [OnceLock<(&'static str, &'static str)>; 2] = [OnceLock::new(), OnceLock::new()];

/// Why a texts file was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextsFileError {
    /// It does not start with the header of this format's version.
    Header,
    /// Its language is not the one this build speaks.
    Language,
    /// It is cut or altered, a record is malformed, its records are not ones the build left out,
    /// or it is not of the same build as the other part loaded.
    Records,
}

/// True when the texts files carry the entry texts of `code`: it is outside [`FIRST_CODES`].
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

/// True when this build leaves the entry texts of `code` to the texts files.
pub(crate) const fn lazy(code: u16) -> bool {
    cfg!(feature = "texts-file") && in_file(code)
}

/// True when this build leaves the compare note of the pair `lo`, `hi` to the texts files: when
/// either code's long texts are there.
pub(crate) const fn lazy_note(lo: u16, hi: u16) -> bool {
    lazy(lo) || lazy(hi)
}

/// True when the texts files carry the compare note of the pair `lo`, `hi` (in the build that
/// writes them, which keeps every text).
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

/// Section `n` of each loaded part (0 the entries … 6 the summaries, see the module's doc).
fn sections(n: usize) -> impl Iterator<Item = &'static str> {
    LOADED
        .iter()
        .filter_map(move |part| part.get()?.0.split(GS).nth(n))
}

/// The record of `code` in a keyed section, in whichever part holds it.
fn keyed(n: usize, code: u16) -> Option<&'static str> {
    sections(n).find_map(|s| records(s).find(|r| r.get(..3).and_then(code_of) == Some(code)))
}

/// The loaded compare note of the pair `lo`, `hi`; `None` before its part is loaded.
pub(crate) fn loaded_note(lo: u16, hi: u16) -> Option<&'static str> {
    sections(1).find_map(|s| {
        s.split(RS).find_map(|r| {
            let mut fields = r.splitn(3, US);
            let pair = (
                fields.next().and_then(code_of),
                fields.next().and_then(code_of),
            );
            (pair == (Some(lo), Some(hi))).then(|| fields.next().unwrap_or(""))
        })
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

/// The long texts of `code` in `lang`: the build's own, or the loaded parts'; `None` while the
/// part they are in has not been loaded.
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
    let record = keyed(0, code)?;
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

/// True while this build waits for a part of its texts files: some texts are not in yet.
pub fn texts_pending() -> bool {
    cfg!(feature = "texts-file") && LOADED.iter().any(|p| p.get().is_none())
}

/// Reads a part of the texts files and keeps its texts for the rest of the program. A build that
/// holds every text (no `texts-file`) checks the part and keeps nothing; a part already loaded is
/// checked and ignored. Returns the part's language.
pub fn load_texts(bytes: &[u8]) -> Result<Lang, TextsFileError> {
    let text = std::str::from_utf8(bytes).map_err(|_| TextsFileError::Header)?;
    let rest = text.strip_prefix(MAGIC).ok_or(TextsFileError::Header)?;
    let (head, body) = rest.split_once('\n').ok_or(TextsFileError::Header)?;
    // `<lang> <part> <id>`.
    let (tag, head) = head.split_once(' ').ok_or(TextsFileError::Header)?;
    let lang = Lang::parse(tag).ok_or(TextsFileError::Header)?;
    let (part, id) = match head.split_once(' ') {
        Some(("1", id)) => (0, id),
        Some(("2", id)) => (1, id),
        _ => return Err(TextsFileError::Header),
    };
    if lang.built() != lang {
        return Err(TextsFileError::Language);
    }
    // A part of another build than the other part loaded.
    if LOADED[1 - part].get().is_some_and(|p| p.1 != id) {
        return Err(TextsFileError::Records);
    }
    check(body)?;
    if cfg!(feature = "texts-file") && LOADED[part].get().is_none() {
        // Kept for the program's life: the entries hand out `&'static str`.
        let _ = LOADED[part].set((Box::leak(body.into()), Box::leak(id.into())));
    }
    Ok(lang)
}

/// Checks a part's sections: the keyed ones hold records the build leaves out, in order; the
/// others one record per row of their table, each empty or with its fields.
fn check(body: &str) -> Result<(), TextsFileError> {
    let mut s = body.split(GS);
    let mut next = || s.next().ok_or(TextsFileError::Records);
    check_keyed(next()?, 5, 2)?;
    check_notes(next()?)?;
    check_rows(next()?, crate::context::RULE_COUNT, 2)?;
    check_rows(next()?, WarningKind::ALL.len(), 3)?;
    check_rows(next()?, crate::enhanced::DETAIL_COUNT, 2)?;
    check_keyed(next()?, 1, 3)?;
    check_rows(next()?, crate::compare::CLASS_PAIRS.len(), 1)?;
    check_rows(next()?, crate::enhanced::PART_COUNT, 2)?;
    match s.next() {
        None => Ok(()),
        Some(_) => Err(TextsFileError::Records),
    }
}

/// The records of a keyed section (none when it is empty).
fn records(section: &str) -> impl Iterator<Item = &str> {
    section.split(RS).filter(move |_| !section.is_empty())
}

/// Checks the compare notes: pairs with a code outside [`FIRST_CODES`], in the catalogue's order.
fn check_notes(notes: &str) -> Result<(), TextsFileError> {
    let mut expected = crate::compare::curated_rows()
        .iter()
        .filter(|c| note_in_file(c.0, c.1));
    for record in records(notes) {
        let mut f = record.splitn(3, US);
        let pair = (f.next().and_then(code_of), f.next().and_then(code_of));
        f.next().ok_or(TextsFileError::Records)?;
        // The next expected pair that is this one: skipped ones are in the other part.
        expected
            .find(|c| pair == (Some(c.0), Some(c.1)))
            .ok_or(TextsFileError::Records)?;
    }
    Ok(())
}

/// Checks a section of `count` records, each empty or of `fields` fields.
fn check_rows(section: &str, count: usize, fields: usize) -> Result<(), TextsFileError> {
    let mut n = 0;
    for record in section.split(RS) {
        if !record.is_empty() && record.split(US).count() != fields {
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

/// The real servers' wordings of `code`: the build's, or the loaded parts'; `None` while the
/// part they are in has not been loaded.
pub(crate) fn wild(code: u16) -> Option<Vec<Wild>> {
    if !lazy(code) {
        return Some(crate::facts::facts(code)?.wild.to_vec());
    }
    let record = keyed(5, code)?;
    let mut fields = record.split(US).skip(1);
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

/// Field `field` of record `index` of section `n`, from the part that holds it; `None` before
/// that part is loaded (its shape was checked then).
pub(crate) fn loaded_field(n: usize, index: usize, field: usize) -> Option<&'static str> {
    sections(n).find_map(|s| {
        let record = s.split(RS).nth(index)?;
        (!record.is_empty()).then(|| record.split(US).nth(field))?
    })
}

/// Checks a section keyed by code: records of codes this build leaves out, ascending, each of
/// `fixed` fields and then groups of `step` (the entries: the code, four texts, then a code and
/// a why per confusion; the wordings: the code, then a server, a reply and a source each).
fn check_keyed(section: &str, fixed: usize, step: usize) -> Result<(), TextsFileError> {
    let mut expected = CODES.iter().filter(|c| in_file(**c));
    for record in records(section) {
        let code = record.get(..3).and_then(code_of);
        let n = record.split(US).count();
        if !expected.any(|c| Some(*c) == code) || n < fixed || !(n - fixed).is_multiple_of(step) {
            return Err(TextsFileError::Records);
        }
    }
    Ok(())
}

/// The codes a learner typing a session meets, whose texts go to part 1: the greeting; the
/// usual replies (RFC 5321 §4.3.2, the core's sequence table) to the commands of a session —
/// EHLO, HELO, MAIL, RCPT, DATA, the end of data, RSET, NOOP, QUIT, AUTH and its responses; the
/// replies to any command (500, 501, 530, 421); and every code the lessons' goals and fail
/// rules name (`reply NNN`: the refusals they teach — 503 out of order, 550 a bare LF or an
/// unknown recipient, 552 too big, 535 bad credentials …), read from `lessons/*.smtp`. The
/// others (HELP, VRFY, EXPN, STARTTLS, the rarer refusals) go to part 2 with Reference and
/// Compare.
#[cfg(not(feature = "texts-file"))]
pub fn session_codes() -> Vec<u16> {
    use smtp_sim_core::command::Verb;
    use smtp_sim_core::sequence::{replies, Prompt, ANY_COMMAND};
    // The catalogue's prompts less the commands a typed session rarely sends.
    let rare = |p: &Prompt| {
        matches!(
            p,
            Prompt::Command(Verb::Bdat | Verb::Vrfy | Verb::Expn | Verb::Help | Verb::StartTls)
        )
    };
    let prompts = crate::facts::PROMPTS
        .iter()
        .filter(|p| !rare(p))
        .chain([&Prompt::AuthResponse]);
    let mut codes: Vec<u16> = prompts
        .flat_map(|p| replies(*p).usual.iter().copied())
        .chain(ANY_COMMAND.iter().copied())
        .collect();
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../lessons");
    let lessons = std::fs::read_dir(dir).expect("the lessons");
    for file in lessons.flatten() {
        if file.path().extension().is_some_and(|e| e == "smtp") {
            let text = std::fs::read_to_string(file.path()).expect("a lesson");
            for (_, tail) in text
                .match_indices("reply ")
                .map(|(i, _)| text.split_at(i + 6))
            {
                codes.extend(tail.get(..3).and_then(code_of));
            }
        }
    }
    codes.retain(|c| CODES.contains(c));
    codes.sort_unstable();
    codes.dedup();
    codes
}

/// The two parts of the texts files of `lang` (see the module's doc): every text a
/// `texts-file` build leaves out, each in one part. Only a build that holds them all can write
/// them.
#[cfg(not(feature = "texts-file"))]
pub fn texts_files(lang: Lang) -> [String; 2] {
    let session = session_codes();
    let first = |code: u16| session.contains(&code);
    // The enhanced details sent with the session's codes.
    let details: Vec<(u16, u16)> = session
        .iter()
        .filter_map(|&c| crate::facts::facts(c))
        .flat_map(|f| f.enhanced.iter())
        .filter_map(|e| {
            let mut n = e.split('.').skip(1).map(|n| n.parse::<u16>().ok());
            Some((n.next()??, n.next()??))
        })
        .collect();
    let bodies = [0, 1].map(|part| {
        let here = |in_first: bool| in_first == (part == 0);
        let rs = RS.to_string();
        let us = US.to_string();
        let entries: Vec<String> = CODES
            .iter()
            .filter(|&&c| in_file(c) && here(first(c)))
            .map(|&code| {
                let t = text(code, lang).expect("every code has texts");
                let mut r = format!("{code}");
                for field in [t.description, t.when, t.next, t.fix] {
                    r.push(US);
                    r.push_str(field);
                }
                for &(other, why) in t.confusions {
                    r.push_str(&format!("{US}{other}{US}{why}"));
                }
                r
            })
            .collect();
        // Compare's notes: no session shows them before Compare is opened.
        let notes: Vec<String> = crate::compare::curated_rows()
            .iter()
            .filter(|c| note_in_file(c.0, c.1) && here(false))
            .map(|&(lo, hi, en, pt)| format!("{lo}{US}{hi}{US}{}", lang.pick(en, pt)))
            .collect();
        let context = crate::context::rules_for_file(lang, &rs, &us, &|code| here(first(code)));
        // Every warning: any typed session can raise one (the client mode's line-ending switch,
        // AUTH without TLS, a long line).
        let warnings: Vec<String> = WarningKind::ALL
            .into_iter()
            .map(|kind| {
                let w = crate::session_warnings::built(kind, lang);
                let r = format!(
                    "{}{US}{}{US}{}",
                    w.title,
                    w.text,
                    w.count_label.unwrap_or("")
                );
                if here(true) {
                    r
                } else {
                    String::new()
                }
            })
            .collect();
        let enhanced = crate::enhanced::details_for_file(lang, &rs, &us, &|subject, detail| {
            here(details.contains(&(subject, detail)))
        });
        let wild: Vec<String> = CODES
            .iter()
            .filter(|&&c| in_file(c) && here(first(c)))
            .map(|&code| {
                let facts = crate::facts::facts(code).expect("every code has facts");
                let mut r = format!("{code}");
                for w in facts.wild {
                    r.push_str(&format!("{US}{}{US}{}{US}{}", w.server, w.reply, w.source));
                }
                r
            })
            .collect();
        // Compare's class-pair summaries.
        let summaries: Vec<&str> = (0..crate::compare::CLASS_PAIRS.len())
            .map(|i| match here(false) {
                true => crate::compare::class_pair_built(i, lang),
                false => "",
            })
            .collect();
        // The enhanced codes' classes and subjects: the first reply with one (MAIL's 250 2.1.0).
        let parts = match here(true) {
            true => crate::enhanced::parts_for_file(lang, &rs, &us),
            false => rs.repeat(crate::enhanced::PART_COUNT - 1),
        };
        [
            entries.join(&rs),
            notes.join(&rs),
            context,
            warnings.join(&rs),
            enhanced,
            wild.join(&rs),
            summaries.join(&rs),
            parts,
        ]
        .join(&GS.to_string())
    });
    // The build's id: FNV-1a of both bodies.
    let id = bodies
        .iter()
        .flat_map(|b| b.bytes())
        .fold(0x811c_9dc5_u32, |h, b| {
            (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
        });
    let mut n = 0;
    bodies.map(|body| {
        n += 1;
        format!("{MAGIC}{} {n} {id:08x}\n{body}", lang.tag())
    })
}
