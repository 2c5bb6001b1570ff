//! Sentences that must be true where they are shown: the digit texts for every code of their
//! class, the "When you see it" texts against the RFC 5321 §4.3.2 table, and the "In this
//! session" sentences for what a learner (or the simulated client) actually typed.

use smtp_sim_core::command::Verb;
use smtp_sim_core::sequence::{replies, Closing, Prompt};
use smtp_sim_explain::{class_of, entry, Lang, CODES};

const EN: Lang = Lang::En;
const PT: Lang = Lang::PtBr;

/// The codes after which the server closes the connection: QUIT's reply and the 421 it sends on
/// its own (RFC 5321 §3.8, §4.3.2).
fn closing_codes() -> Vec<u16> {
    let mut codes = replies(Prompt::Command(Verb::Quit)).usual.to_vec();
    codes.extend(replies(Prompt::Closing(Closing::Timeout)).usual);
    codes
}

#[test]
fn class_texts_hold_for_the_codes_that_close_the_connection() {
    // Before: 221's class said "you can send the next command" right after the server closed.
    for code in closing_codes() {
        for lang in Lang::ALL {
            let class = class_of(code, lang).unwrap();
            assert!(
                class.meaning.contains(&code.to_string()),
                "{code} {lang:?}: the {} text does not say what happens after {code}: {}",
                class.pattern,
                class.meaning
            );
        }
        let en = class_of(code, EN).unwrap().meaning;
        assert!(!en.contains("you can send the next command"), "{en}");
    }
}

/// The verbs a "When you see it" text names right after "after" (en) or "depois do" (pt).
fn verbs_after(text: &str, markers: &[&str]) -> Vec<&'static str> {
    let mut out = Vec::new();
    for m in markers {
        for (i, _) in text.match_indices(m) {
            let rest = &text[i + m.len()..];
            let word: String = rest.chars().take_while(char::is_ascii_alphabetic).collect();
            if let Some(v) =
                Verb::from_word(word.as_bytes()).filter(|_| word == word.to_uppercase())
            {
                out.push(v.as_str());
            }
        }
    }
    out
}

#[test]
fn when_you_see_it_names_only_commands_that_get_the_code() {
    // Before: 450 said "sometimes after MAIL FROM" while RFC 5321 §4.3.2 lists it for RCPT and
    // the end of data only.
    for code in CODES {
        for (lang, markers) in [
            (EN, &["after ", "After "][..]),
            (
                PT,
                &[
                    "depois do ",
                    "depois de ",
                    "Depois do ",
                    "após o ",
                    "Após o ",
                ][..],
            ),
        ] {
            let e = entry(code, lang).unwrap();
            if e.produced_by
                .iter()
                .any(|p| p.contains("any") || p.contains("qualquer"))
            {
                continue;
            }
            for verb in verbs_after(e.when, markers) {
                assert!(
                    e.produced_by.contains(&verb),
                    "{code} {lang:?}: \"when\" names {verb}, the command table gives {:?}: {}",
                    e.produced_by,
                    e.when
                );
            }
        }
    }
}
