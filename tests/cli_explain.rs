//! `smtp-sim explain` and `smtp-sim compare`, run as the real binary.

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn run(args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_smtp-sim"))
        .args(args)
        .env_remove("NO_COLOR")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn smtp-sim");
    let mut pipe = child.stdin.take().unwrap();
    pipe.write_all(stdin.unwrap_or("").as_bytes()).unwrap();
    drop(pipe);
    child.wait_with_output().unwrap()
}

fn ok(args: &[&str]) -> String {
    let out = run(args, None);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn assert_fits_terminal(s: &str) {
    for line in s.lines() {
        assert!(line.chars().count() <= 78, "too wide: {line:?}");
    }
    assert!(
        !s.contains('\x1b'),
        "colour codes when stdout is not a terminal"
    );
}

#[test]
fn explain_a_code_in_english() {
    let s = ok(&["explain", "354"]);
    assert!(s.starts_with("354 Start mail input\n"));
    for h in [
        "Description",
        "When you see it",
        "How to fix it",
        "Often confused with",
    ] {
        assert!(s.contains(&format!("\n{h}\n")), "missing heading {h}");
    }
    assert!(s.contains("dot-stuffs"));
    assert!(s.contains("354 End data with <CR><LF>.<CR><LF>"));
    assert_fits_terminal(&s);
}

#[test]
fn explain_a_code_in_portuguese() {
    for lang in ["pt-BR", "pt-br"] {
        let s = ok(&["explain", "221", "--lang", lang]);
        assert!(s.starts_with("221 Encerrando o canal de transmissão\n"));
        for h in ["Descrição", "Quando você o vê", "Como corrigir"] {
            assert!(s.contains(&format!("\n{h}\n")), "missing heading {h}");
        }
        assert!(s.contains("421, não 221"));
        assert_fits_terminal(&s);
    }
    assert!(ok(&["explain", "--lang=pt-BR", "503"]).contains("Sequência de comandos inválida"));
}

#[test]
fn explain_an_enhanced_code() {
    let s = ok(&["explain", "5.7.1"]);
    assert!(s.starts_with("5.7.1\n"));
    assert!(s.contains("Delivery not authorized"));
    assert!(s.contains("Security or policy status"));
    let s = ok(&["explain", "5.6.11"]);
    assert!(s.contains("not in the IANA registry"));
}

#[test]
fn explain_a_reply_line() {
    let s = ok(&["explain", "550 5.1.1 <x@y>: Recipient address rejected"]);
    assert!(s.starts_with("Reply text\n  550 5.1.1\n  | <x@y>: Recipient address rejected\n"));
    assert!(s.contains("Bad destination mailbox address"));
    assert!(s.contains("550 Mailbox unavailable"));
    assert!(!s.contains("Warnings"));
    // Unquoted words are joined back into one line.
    let t = ok(&[
        "explain",
        "550",
        "5.1.1",
        "<x@y>:",
        "Recipient",
        "address",
        "rejected",
    ]);
    assert_eq!(s, t);
}

#[test]
fn explain_a_multiline_reply_from_stdin() {
    let gmail = "550-5.1.1 The email account that you tried to reach does not exist. Please try\n\
                 550-5.1.1 double-checking the recipient's email address for typos or\n\
                 550 5.1.1 unnecessary spaces. - gsmtp\n";
    let out = run(&["explain", "-", "--command", "RCPT"], Some(gmail));
    assert_eq!(out.status.code(), Some(0));
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(s.contains("  | double-checking the recipient's email address for typos or\n"));
    assert!(s.contains("In this session"));
    assert!(!s.contains("Warnings"));
}

#[test]
fn explain_shows_warnings() {
    let s = ok(&["explain", "--command", "QUIT", "250 4.7.1 Ok"]);
    assert!(s.contains("\nWarnings\n"));
    assert!(s.contains("RFC 5321 §4.3.2"));
    assert!(s.contains("enhanced code's class"));
    let s = ok(&["explain", "--lang", "pt-BR", "550 4.7.1 x"]);
    assert!(s.contains("\nAvisos\n"));
}

#[test]
fn compare_two_codes() {
    let s = ok(&["compare", "354", "221"]);
    assert!(s.starts_with("354 vs 221\n"));
    for h in ["Key differences", "When to use which", "How to fix it"] {
        assert!(s.contains(&format!("\n{h}\n")), "missing heading {h}");
    }
    assert!(s.contains("Positive Intermediate") && s.contains("Positive Completion"));
    assert_fits_terminal(&s);

    let s = ok(&["compare", "221", "421", "--lang", "pt-BR"]);
    for h in [
        "Descrição",
        "Diferenças principais",
        "Quando usar qual",
        "Por que as pessoas os confundem",
    ] {
        assert!(s.contains(&format!("\n{h}\n")), "missing heading {h}");
    }
    assert!(s.contains("§3.8"));
    assert_fits_terminal(&s);
}

#[test]
fn unknown_codes_fail_with_exit_1() {
    for args in [
        &["explain", "299"][..],
        &["explain", "9.9.9"],
        &["explain", "hello"],
        &["compare", "221", "299"],
    ] {
        let out = run(args, None);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert!(out.stdout.is_empty());
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(err.starts_with("smtp-sim: "), "{err}");
        assert_eq!(err.lines().count(), 1, "{err}");
    }
    let err = run(&["explain", "299", "--lang", "pt-BR"], None).stderr;
    assert!(String::from_utf8(err).unwrap().contains("não é um código"));
}

#[test]
fn bad_usage_fails_with_exit_2() {
    for args in [
        &["explain"][..],
        &["explain", "354", "--lang", "fr"],
        &["explain", "354", "--lang"],
        &["explain", "--bogus", "354"],
        &["compare", "221"],
        &["compare", "221", "421", "250"],
        &["compare", "abc", "221"],
        &["compare", "221", "421", "--command", "QUIT"],
        // Issue 8: accented words once sliced mid-character and aborted (exit 134).
        &["explain", "250", "--lang", "ené"],
        &["explain", "250", "--lang", "pt-BRé"],
        &["explain", "550 5.1.1 x", "--command", "café"],
        &["explain", "550 5.1.1 x", "--command", "você"],
        &["explain", "550 5.1.1 x", "--command", "ação"],
    ] {
        let out = run(args, None);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(err.starts_with("smtp-sim: "), "{args:?}: {err}");
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
        assert!(err.ends_with("(see --help)\n"), "{args:?}: {err}");
        assert!(out.stdout.is_empty(), "{args:?}");
    }
}

#[test]
fn accented_text_in_the_query_is_read_not_a_crash() {
    for query in ["550 5.1.1 no (in reply to ação command)", "café", ">JĪ"] {
        let out = run(&["explain", query], None);
        assert!(matches!(out.status.code(), Some(0 | 1)), "{query}: {out:?}");
        let out = run(&["explain", "-"], Some(query));
        assert!(matches!(out.status.code(), Some(0 | 1)), "{query}: {out:?}");
    }
}

#[test]
fn help_lists_the_commands() {
    let s = ok(&["--help"]);
    for command in ["stdio", "serve", "send", "demo", "explain", "compare"] {
        assert!(s.contains(&format!("\n  {command} ")), "{command}: {s}");
    }
}

#[test]
fn help_prints_usage_and_exits_zero() {
    assert!(ok(&["explain", "--help"]).contains("Usage: smtp-sim explain"));
    assert!(ok(&["compare", "-h"]).contains("Usage: smtp-sim compare"));
}

/// Bytes that act on a terminal: ESC (escape sequences), BEL (ends an OSC title), C1 controls
/// (U+0080–U+009F as UTF-8), and bidi or invisible format characters.
fn raw_controls(bytes: &[u8]) -> Vec<String> {
    let text = String::from_utf8_lossy(bytes);
    text.chars()
        .filter(|&c| {
            (c.is_control() && c != '\n')
                || matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
        })
        .map(|c| format!("{:?}", c))
        .collect()
}

#[test]
fn a_pasted_reply_with_escape_sequences_is_echoed_escaped() {
    let hostile = "550 5.1.1 \x1b]0;PWNED\x07gone \x1b[2J \u{9b}31m \u{202e}txt.exe\n";
    let out = run(&["explain", "-"], Some(hostile));
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(raw_controls(&out.stdout), Vec::<String>::new());
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(
        s.contains("  | \\x1b]0;PWNED\\x07gone \\x1b[2J \\u{9b}31m \\u{202e}txt.exe\n"),
        "{s}"
    );

    // Errors that quote the input, and a wrong value of a flag, escape it too.
    for args in [
        &["explain", "\x1b]0;PWNED\x07"][..],
        &["explain", "250", "--lang", "\x1b[2J\u{202e}"],
        &["compare", "\u{9b}2J", "250"],
    ] {
        let out = run(args, None);
        assert_ne!(out.status.code(), Some(0), "{args:?}");
        assert_eq!(raw_controls(&out.stderr), Vec::<String>::new(), "{args:?}");
        assert!(
            String::from_utf8_lossy(&out.stderr).contains("\\x1b")
                || String::from_utf8_lossy(&out.stderr).contains("\\u{9b}"),
            "{args:?}"
        );
    }
}

/// The text of one record of the corpus of real bounces (`tests/corpus/replies/`).
fn corpus_text(file: &str, id: &str) -> String {
    let path = format!("{}/tests/corpus/replies/{file}", env!("CARGO_MANIFEST_DIR"));
    let all = std::fs::read_to_string(path).unwrap();
    let record = all
        .split("\n%%")
        .find(|r| {
            r.trim_start_matches("%%")
                .trim_start()
                .starts_with(&format!("{id}\n"))
        })
        .unwrap_or_else(|| panic!("no record {id}"));
    let (_, text) = record.split_once("\n---\n").unwrap();
    text.trim_end_matches('\n').to_owned()
}

#[test]
fn a_whole_bounce_from_stdin_gets_a_summary_per_recipient() {
    // A Postfix bounce returning a message to five Gmail addresses, as it arrived.
    let bounce = corpus_text("bounces.txt", "bounce-postfix-five-gmail-recipients");
    let out = run(&["explain", "-"], Some(&bounce));
    assert_eq!(out.status.code(), Some(0));
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(s.contains("\nRead as\n  a whole bounce message\n  Written by: Postfix\n"));
    assert!(s.contains("Reply from: Gmail (gmail-smtp-in.l.google.com)"));
    assert!(s.contains("Answers: RCPT (named in the text)"));
    assert!(s.contains("\nRecipients (5)\n"));
    for addr in [
        "bbbbvhvbbvkjbhfbvbvjhb@gmail.com",
        "bscdbcjhasbcjhbdscbhbsdhcbj@gmail.com",
        "egyfefsdvsfvvhjsd@gmail.com",
        "kfhejkfbsjkjsbhds@gmail.com",
        "qfvhgsvhgsduiohncdhcvhsdfvsfygusd@gmail.com",
    ] {
        assert!(
            s.contains(&format!("  - {addr} — 550 5.1.1 · RCPT · failed\n")),
            "{addr}: {s}"
        );
    }
    assert_eq!(s.matches("→ Check the recipient's address").count(), 5);
    assert!(s.contains("\nWhat to do\n"));
    assert!(s.contains("\nHow it was read\n"));
    assert!(s.contains("Bad destination mailbox address"));

    // The same in Portuguese, and a Sendmail bounce whose two recipients failed differently.
    let out = run(&["explain", "-", "--lang", "pt-BR"], Some(&bounce));
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(s.contains("\nDestinatários (5)\n") && s.contains("Escrito por: Postfix"));
    assert!(s.contains("· RCPT · falhou\n"));
    let sendmail = corpus_text("bounces.txt", "bounce-sendmail-two-recipients");
    let s = String::from_utf8(run(&["explain", "-"], Some(&sendmail)).stdout).unwrap();
    assert!(
        s.contains("  - userunknown@example.org — 550 5.1.1 · RCPT · failed\n"),
        "{s}"
    );
    assert!(
        s.contains("  - filtered@example.org — 550 5.2.1 · RCPT · failed\n"),
        "{s}"
    );
    assert!(s.contains("Sendmail shows only the last command it pipelined"));
}

#[test]
fn a_status_alone_and_a_text_without_codes() {
    let s = String::from_utf8(run(&["explain", "-"], Some("Status: 5.1.1\n")).stdout).unwrap();
    assert!(s.contains("Enhanced status code: 5.1.1"), "{s}");
    assert!(s.contains("no reply code"));
    let out = run(&["explain", "-"], Some("Action: failed\n"));
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("no SMTP reply code"), "{err}");
    // A reply copied with a literal \r\n is split there, and the split is said.
    let s = ok(&["explain", "'550-5.1.1 No such\\r\\n550 5.1.1 user\\r\\n'"]);
    assert!(s.contains("  | No such\n  | user\n"), "{s}");
    assert!(s.contains("Split at 2 literal \\r\\n"), "{s}");
}
