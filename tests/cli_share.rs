//! `smtp-sim link` and `smtp-sim open` as people run them: real captures become links, links
//! replay with drift marked, bad links fail with one line, nothing untrusted reaches the terminal.

mod common;

use std::process::Command;

use common::{run_bounded, TempDir, BIN};

fn run(args: &[&str], stdin: &[u8]) -> (i32, String, String) {
    let mut cmd = Command::new(BIN);
    cmd.args(args);
    let out = run_bounded(cmd, stdin, "smtp-sim");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A session as the page exports it: our format, replies as this engine gives them (shared
/// with the core's share-link tests).
const EXPORT: &str = include_str!("fixtures/export.smtp");

fn link_of(text: &str, extra: &[&str]) -> String {
    let mut args = vec!["link"];
    args.extend_from_slice(extra);
    args.push("-");
    let (code, out, err) = run(&args, text.as_bytes());
    assert_eq!(code, 0, "{err}");
    out.trim_end().to_owned()
}

#[test]
fn an_exported_session_links_and_replays_without_drift() {
    let link = link_of(EXPORT, &[]);
    assert!(link.starts_with("index.html#s=1.z."), "{link}");
    // Canonical: the link of the decoded text is the same link.
    let (code, out, err) = run(&["open", &link], b"");
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.starts_with("# smtp-sim open: format smtp, persona strict, recorded by engine 0.1.0"),
        "{out}"
    );
    for line in [
        "C: EHLO pc.example.test",
        "| ..and a dot",
        "|\n",
        "S: 250 2.0.0 Ok: queued as 1",
        "S: 221 2.0.0 Bye",
    ] {
        assert!(out.contains(line), "{line:?} in {out}");
    }
    assert!(!out.contains("drift"), "{out}");
    // The payload alone and stdin work too.
    let payload = link_of(EXPORT, &["--payload"]);
    assert_eq!(format!("index.html#s={payload}"), link);
    assert_eq!(run(&["open", &payload], b"").0, 0);
    assert_eq!(run(&["open", "-"], link.as_bytes()).0, 0);
}

#[test]
fn base_names_the_page_without_its_fragment() {
    let link = link_of(
        EXPORT,
        &["--base", "https://example.test/sim/?lang=pt-BR#old"],
    );
    assert!(
        link.starts_with("https://example.test/sim/?lang=pt-BR#s=1.z."),
        "{link}"
    );
}

#[test]
fn a_changed_reply_is_drift_and_exit_1() {
    let changed = EXPORT.replace("S: 250 2.1.5 Ok", "S: 250 2.1.5 Recipient ok");
    let (code, out, err) = run(&["open", &link_of(&changed, &[])], b"");
    assert_eq!(code, 1, "{out}{err}");
    assert!(out.contains("S: 250 2.1.5 Ok\n   ! drift: recorded \"250 2.1.5 Recipient ok\", this engine says \"250 2.1.5 Ok\""), "{out}");
    assert!(err.contains("drift: 1 of 9 inputs"), "{err}");
}

#[test]
fn every_real_capture_links_and_replays() {
    for (file, drifted) in [
        ("swaks.txt", 1),
        ("swaks-tls-auth.txt", 1),
        ("swaks-auth-login.txt", 0),
        ("nc.txt", 1),
        ("smtplib-debug.txt", 1),
    ] {
        let path = format!("tests/fixtures/captures/{file}");
        let (code, link, err) = run(&["link", &path], b"");
        assert_eq!(code, 0, "{file}: {err}");
        let (code, out, err) = run(&["open", link.trim()], b"");
        // The only drift is the queue id: the capture's server numbered its queue its own way.
        let drifts: Vec<&str> = out.lines().filter(|l| l.contains("! drift")).collect();
        assert_eq!(drifts.len(), drifted, "{file}: {out}");
        assert!(
            drifts.iter().all(|l| l.contains("queued as")),
            "{file}: {drifts:?}"
        );
        assert_eq!(code, if drifted > 0 { 1 } else { 0 }, "{file}: {err}");
    }
}

#[test]
fn auth_secrets_are_redacted_unless_asked() {
    let path = "tests/fixtures/captures/swaks-auth-login.txt";
    let (_, link, _) = run(&["link", path], b"");
    let (code, out, _) = run(&["open", link.trim()], b"");
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("C: <redacted>\n"), "{out}");
    assert!(
        out.contains("# not replayed: credentials redacted"),
        "{out}"
    );
    assert!(
        !out.contains("Y2Fyb2w=") && !out.contains("aHVudGVyMg=="),
        "{out}"
    );
    let (_, kept, _) = run(&["link", "--credentials", path], b"");
    let (_, out, _) = run(&["open", kept.trim()], b"");
    assert!(out.contains("C: Y2Fyb2w=\n"), "{out}");
}

#[test]
fn bad_links_fail_with_one_line_and_exit_2() {
    let good = link_of(EXPORT, &[]);
    // A link is ASCII, so cutting at any byte keeps it text.
    let truncated = good.get(..good.len() - 40).expect("an ASCII link");
    let rows = [
        ("2.z.AAAA", "version"),
        ("1.q.AAAA", "codec"),
        ("1.z.AA+A", "base64url"),
        (truncated, "truncated or corrupt"),
        ("https://example.test/", "not a share link"),
    ];
    for (link, says) in rows {
        let (code, out, err) = run(&["open", link], b"");
        assert_eq!(code, 2, "{link}: {out}{err}");
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains(says), "{link}: {err}");
        assert!(!err.contains("panicked") && out.is_empty());
    }
}

#[test]
fn terminal_escapes_in_a_link_are_shown_escaped() {
    let evil = "%smtp-transcript 1\nS: 220 mx\nsend: NOOP \\x1B]0;PWNED\\x07<CRLF>\n";
    let (_, out, _) = run(&["open", &link_of(evil, &[])], b"");
    assert!(!out.contains('\x1b') && !out.contains('\x07'), "{out:?}");
    assert!(out.contains("C: NOOP \\x1b]0;PWNED\\x07"), "{out}");
}

#[test]
fn long_links_warn_and_huge_ones_say_to_share_the_file() {
    // Lines a compressor cannot shorten much: a pseudo-random word per NOOP.
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut session = String::from("%smtp-transcript 1\n");
    for _ in 0..200 {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        session.push_str(&format!("C: NOOP {x:016x}\nS: 250 2.0.0 Ok\n"));
    }
    let (code, link, err) = run(&["link", "-"], session.as_bytes());
    assert_eq!(code, 0);
    assert!(link.len() > 2_000 && link.len() < 32_000, "{}", link.len());
    assert!(
        err.contains("chats and forms may cut links over 2000"),
        "{err}"
    );
    for _ in 0..4_000 {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        session.push_str(&format!("C: NOOP {x:016x}\nS: 250 2.0.0 Ok\n"));
    }
    let (_, link, err) = run(&["link", "-"], session.as_bytes());
    assert!(link.len() > 32_000);
    assert!(err.contains("share the file instead"), "{err}");
}

#[test]
fn a_file_that_is_no_transcript_is_refused() {
    let dir = TempDir::new("share");
    let file = dir.path().join("note.txt");
    std::fs::write(&file, "just some words\n").unwrap();
    let (code, out, err) = run(&["link", file.to_str().unwrap()], b"");
    assert_eq!(code, 1, "{out}");
    assert!(err.contains("not a transcript"), "{err}");
}
