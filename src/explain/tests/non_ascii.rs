//! Issue 8, defect 1: the catalogue's parsers take any text. `Lang::parse("ené")` and the
//! real-reply explainer on `>J\xc4\xaa` once sliced a `&str` inside a multi-byte character and
//! panicked (a trap in the page, exit 134 in the terminal).

use smtp_sim_explain::{enhanced_str, explain_reply, explain_text, lookup, read_pasted, Lang};

const WORDS: [&str; 8] = ["café", "você", "ação", "ené", "está", "é", "Ī", "en-é"];

#[test]
fn language_tags_with_accents_are_refused_not_a_panic() {
    for w in WORDS.into_iter().filter(|w| !w.starts_with("en-")) {
        assert_eq!(Lang::parse(w), None, "{w}");
        assert_eq!(Lang::parse(&format!(" {w} ")), None, "{w}");
    }
    // Any English variant reads as English, whatever follows the hyphen.
    assert_eq!(Lang::parse("en-é"), Some(Lang::En));
    assert_eq!(Lang::parse("en-GB"), Some(Lang::En));
    assert_eq!(Lang::parse("pt-BR"), Some(Lang::PtBr));
}

#[test]
fn the_fuzzer_s_pasted_reply_is_an_error_not_a_panic() {
    let text = String::from_utf8(b">J\xc4\xaa".to_vec()).unwrap();
    for lang in [Lang::En, Lang::PtBr] {
        assert!(explain_text(&text, None, lang).is_err());
    }
}

#[test]
fn every_entry_point_reads_accented_text() {
    for lang in [Lang::En, Lang::PtBr] {
        for w in WORDS {
            for text in [
                w.to_owned(),
                format!("550 5.1.1 no (in reply to {w} command)"),
                format!("550 5.1.1 {w}"),
                format!("55{w}"),
                format!("5.1.{w}"),
                format!("S: 250-{w}\nS: 250 {w}"),
                format!("host {w} said: 550 {w} (in reply to RCPT TO command)"),
                format!("Diagnostic-Code: {w}; 550 {w}"),
                format!("{w}: 550 5.1.1 x"),
                format!("<- 2{w}"),
            ] {
                let _ = read_pasted(&text);
                let _ = lookup(&text, lang);
                let _ = enhanced_str(&text, lang);
                for command in [
                    None,
                    Some(w),
                    Some("RCPT"),
                    Some(&*format!("MAIL FROM:<{w}>")),
                ] {
                    let _ = explain_text(&text, command, lang);
                    let _ = explain_reply(&text, command, lang);
                }
            }
            // The command the user names may be any word.
            let r = explain_text("550 5.1.1 x", Some(w), lang);
            assert!(r.is_ok(), "{w}: {r:?}");
        }
    }
}
