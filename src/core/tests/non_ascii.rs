//! Issue 8, defect 1: text a learner types in Portuguese (or any multi-byte UTF-8, or bytes that
//! are not UTF-8 at all) goes through every parser of the core without a panic. Each parser once
//! sliced a `&str` at a byte offset; the lint `clippy::string_slice` now keeps it that way.

use smtp_sim_core::command::Command;
use smtp_sim_core::forced::PathPattern;
use smtp_sim_core::reply::{split_enhanced, PastedLine, ReplyLine, ReplyParser};
use smtp_sim_core::server::{ServerConfig, ServerSession};
use smtp_sim_core::sim::parse_fault;

/// Words that put a multi-byte character where the parsers used to cut.
const WORDS: [&str; 8] = ["café", "você", "ação", "ené", "está", "é", "Ī", "日本語"];

/// Every command shape, with the word in each field a parser splits.
fn lines(w: &str) -> Vec<String> {
    vec![
        w.to_owned(),
        format!("{w} {w}"),
        format!("EHLO {w}"),
        format!("HELO {w}"),
        format!("MAIL FROM:<{w}@{w}>"),
        format!("MAIL FROM:<\"{w}\"@x.example> SIZE={w}"),
        format!("MAIL FROM:<@{w},@{w}:a@b.example>"),
        format!("MAIL FROM:<a@[{w}:{w}]>"),
        format!("MAIL FROM:<a@[IPv6{w}]>"),
        format!("MAIL FROM:<a@b.example> {w}={w} BODY={w}"),
        format!("RCPT TO:<{w}@b.example> NOTIFY={w} ORCPT={w};{w}"),
        format!("RCPT TO:<a@b.example> ORCPT=rfc822;{w}"),
        format!("VRFY {w}"),
        format!("AUTH {w} {w}"),
        format!("BDAT {w}"),
        format!("{w}MAIL FROM:<a@b>"),
    ]
}

#[test]
fn the_command_parser_takes_any_text() {
    for w in WORDS {
        for line in lines(w) {
            let _ = Command::parse(line.as_bytes());
            let _ = Command::parse_lenient(line.as_bytes());
        }
    }
}

#[test]
fn the_server_session_answers_every_word_with_replies() {
    for w in WORDS {
        let mut s = ServerSession::new(ServerConfig::default());
        s.receive(b"EHLO c.example\r\n");
        for line in lines(w) {
            s.receive(format!("{line}\r\n").as_bytes());
        }
        let out = s.take_output();
        assert!(!out.is_empty());
        // Every byte the server wrote is a well-formed reply line.
        let mut p = ReplyParser::new();
        p.feed(&out);
        while let Some(r) = p.next_reply() {
            r.unwrap_or_else(|e| panic!("{w}: {e:?} in {:?}", String::from_utf8_lossy(&out)));
        }
        assert!(!p.has_partial(), "{w}");
    }
}

#[test]
fn the_fuzzer_s_minimal_session_gets_a_reply() {
    // The fuzzer's first find: a command of NUL, a U+FFFD fragment and a bare LF.
    let mut s = ServerSession::new(ServerConfig::default());
    s.take_output();
    s.receive(&[0x01, 0x00, 0x00, 0xfd, 0xff, 0x0a]);
    let out = String::from_utf8(s.take_output()).unwrap();
    assert!(out.starts_with("5"), "{out}");
}

#[test]
fn reply_parsers_take_any_text() {
    for w in WORDS {
        for text in [
            format!("250 {w}"),
            format!("250-{w}"),
            format!("25{w}"),
            format!("2{w}"),
            w.to_owned(),
            format!("550 5.1.1{w}"),
            format!("550 {w} {w}"),
        ] {
            let _ = ReplyLine::parse(&text);
            let _ = PastedLine::parse(&text);
            let _ = split_enhanced(&text);
            let _ = split_enhanced(w);
            let mut p = ReplyParser::new();
            p.feed(format!("{text}\r\n").as_bytes());
            while p.next_reply().is_some() {}
        }
    }
}

#[test]
fn faults_and_patterns_take_any_text() {
    for w in WORDS {
        for spec in [
            w.to_owned(),
            format!("{w}:450"),
            format!("rcpt:{w}"),
            format!("rcpt:450:{w}"),
            format!("rcpt<{w}>:450"),
        ] {
            let _ = parse_fault(&spec);
        }
        for pat in [
            format!("<{w}>"),
            format!("<{w}@{w}>"),
            format!("<{w}"),
            w.to_owned(),
        ] {
            if let Ok(p) = PathPattern::parse(&pat) {
                let _ = p.matches(None);
            }
        }
    }
}
