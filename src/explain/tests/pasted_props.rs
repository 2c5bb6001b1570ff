//! Property tests for the readers of pasted text: any string, and every corpus text mutated, is
//! read without a panic; line ends (LF or CRLF) never change a reading; both languages read the
//! same thing. `read_pasted` is the entry point a fuzz target calls.

use std::fs;
use std::path::PathBuf;

use proptest::prelude::*;
use smtp_sim_explain::{explain_reply, explain_text, lookup, read_pasted, ExplainedText, Lang};

/// The texts of every corpus record (the lines after `---`), read once.
fn corpus_texts() -> &'static [String] {
    static TEXTS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    TEXTS.get_or_init(read_corpus)
}

fn read_corpus() -> Vec<String> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpus/replies");
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let mut out = Vec::new();
    for f in files {
        let content = fs::read_to_string(f).unwrap();
        for record in content.split("\n%%") {
            if let Some((_, text)) = record.split_once("\n---\n") {
                out.push(text.trim_end_matches('\n').to_owned());
            }
        }
    }
    out
}

/// Strings rich in what the readers look for: codes, dots, markers, brackets, line ends.
fn pasted() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            4 => prop::sample::select(vec![
                "550", "550-", "5.1.1", "4.7.0", "250 ", "\n", "\r\n", "\\r\\n", "\\n", " said: ",
                "(in reply to ", " command)", "<a@b.example>", ": host ", "[", "]", "(", ")",
                "'", "\"", "`", "> ", ">>> ", "<<< ", "S: ", "C: ", "Status: ", "Action: failed",
                "Diagnostic-Code: smtp; ", "Final-Recipient: rfc822; ", "#", "##", "(#5.1.1)",
                "SMTP error from remote mail server after ", "RCPT TO:", "dsn=", "stat=",
                "Remote Server returned '", "Remote host said: ", "--", "Content-Type: ",
                "multipart/report; boundary=\"b\"", "From: x\nSubject: y\nDate: z\n\n", " ",
                "    ", "é", "\u{202e}", "\u{1F600}", ".", ":", ";", "=", "+", "&lt;",
            ]).prop_map(str::to_owned),
            3 => "[0-9]{1,4}",
            2 => "[a-zA-Z ]{1,8}",
            1 => any::<String>(),
        ],
        0..40,
    )
    .prop_map(|parts| parts.concat())
}

fn facts(t: &ExplainedText) -> impl PartialEq + std::fmt::Debug {
    let recipients: Vec<_> = t
        .recipients
        .iter()
        .map(|r| (r.address.clone(), r.code, r.enhanced))
        .collect();
    (
        t.code, t.enhanced, t.answers, t.writer, t.remote, recipients,
    )
}

/// The same text cut at a character boundary near `at` (per mille of its length).
fn cut(s: &str, at: u16) -> usize {
    let target = s.len() * usize::from(at) / 1000;
    (0..=target)
        .rev()
        .find(|&i| s.is_char_boundary(i))
        .unwrap_or(0)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn any_text_is_read_without_panic(s in pasted(), cmd in pasted()) {
        let reading = read_pasted(&s);
        let en = explain_text(&s, None, Lang::En);
        let pt = explain_text(&s, Some(&cmd), Lang::PtBr);
        let _ = explain_reply(&s, Some(&cmd), Lang::En);
        let _ = lookup(&s, Lang::PtBr);
        // A reading with a code or a status explains; one without fails cleanly.
        let has_code = reading.findings.iter().any(|f| f.has_code());
        prop_assert_eq!(en.is_ok(), has_code && reading.any_text);
        prop_assert_eq!(pt.is_ok(), en.is_ok());
        if let Ok(t) = &en {
            prop_assert!(t.code.is_some() || t.enhanced.is_some());
            prop_assert_eq!(t.reply.is_some(), t.code.is_some());
            prop_assert!(!t.advice.text.is_empty());
        }
    }

    #[test]
    fn corpus_texts_mutated_are_read_without_panic(
        pick in any::<prop::sample::Index>(),
        at in 0u16..=1000,
        to in 0u16..=1000,
        insert in pasted(),
        how in 0u8..4,
    ) {
        let texts = corpus_texts();
        let text = pick.get(texts);
        let (a, b) = (cut(text, at.min(to)), cut(text, at.max(to)));
        let mutated = match how {
            0 => format!("{}{}", text.get(..a).unwrap_or(""), text.get(b..).unwrap_or("")),
            1 => format!("{}{}{}", text.get(..a).unwrap_or(""), insert, text.get(a..).unwrap_or("")),
            2 => text.get(a..b).unwrap_or("").to_owned(),
            _ => format!("{text}\n{}", text.get(a..).unwrap_or("")),
        };
        let _ = read_pasted(&mutated);
        let _ = explain_text(&mutated, None, Lang::En);
        let _ = explain_text(&mutated, Some(&insert), Lang::PtBr);
    }
}

#[test]
fn line_ends_and_languages_never_change_a_corpus_reading() {
    for text in corpus_texts() {
        let text = text.as_str();
        let lf = explain_text(text, None, Lang::En);
        let crlf = explain_text(&text.replace('\n', "\r\n"), None, Lang::PtBr);
        match (&lf, &crlf) {
            (Ok(a), Ok(b)) => assert_eq!(facts(a), facts(b), "{text}"),
            (Err(a), Err(b)) => assert_eq!(a, b, "{text}"),
            _ => panic!("CRLF changed whether it reads: {text}"),
        }
    }
}
