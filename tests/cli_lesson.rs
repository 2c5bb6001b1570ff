//! `smtp-sim lesson check` and `smtp-sim lesson skeleton` as authors run them.

mod common;

use std::process::Command;

use common::{run_bounded, TempDir, BIN};

fn lesson(args: &[&str]) -> (i32, String, String) {
    let mut cmd = Command::new(BIN);
    cmd.arg("lesson").args(args);
    let out = run_bounded(cmd, b"", "smtp-sim lesson");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn every_shipped_lesson_passes() {
    let mut files: Vec<String> = std::fs::read_dir("lessons")
        .unwrap()
        .map(|e| e.unwrap().path().to_string_lossy().into_owned())
        .filter(|p| p.ends_with(".smtp"))
        .collect();
    files.sort();
    assert!(files.len() >= 10, "{files:?}");
    files.push("lessons/index.txt".into());
    let args: Vec<&str> = std::iter::once("check")
        .chain(files.iter().map(String::as_str))
        .collect();
    let (code, out, err) = lesson(&args);
    assert_eq!(code, 0, "{out}{err}");
    for f in &files {
        assert!(
            out.lines().any(|l| l.starts_with(&format!("{f}: ok ("))),
            "{f}: {out}"
        );
    }
}

#[test]
fn a_broken_lesson_fails_with_its_reasons() {
    let dir = TempDir::new("lesson");
    let file = dir.path().join("broken.smtp");
    std::fs::write(
        &file,
        "%smtp-lesson 1
id: broken
title: Broken
lang: en pt-BR
setup: EHLO pc.example.test
## hello: Say hello
goal: state ready
hint: h
solution: EHLO pc.example.test
",
    )
    .unwrap();
    let name = file.to_string_lossy().into_owned();
    let (code, out, _) = lesson(&["check", &name]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains(&format!(
        "{name}:6:1: error: step \"hello\": an idle learner passes this step (goals already true: state ready)"
    )), "{out}");
    assert!(
        out.contains(&format!(
            "{name}:3:1: warning: the title has no pt-BR translation"
        )),
        "{out}"
    );
    assert!(
        out.ends_with(&format!("{name}: 1 error, 3 warnings\n")),
        "{out}"
    );
    // A parse error names the place and what was expected.
    std::fs::write(
        &file,
        "%smtp-lesson 1\nid: x\ntitle: X\n## s: S\ngoals: reply 250\n",
    )
    .unwrap();
    let (code, out, _) = lesson(&["check", &name]);
    assert_eq!(code, 1);
    assert!(
        out.starts_with(&format!(
            "{name}:5:1: error: unknown key \"goals\" (did you mean \"goal\"?)"
        )),
        "{out}"
    );
    let (code, _, err) = lesson(&["check", "--nope", &name]);
    assert_eq!((code, err.lines().count()), (2, 1), "{err}");
}

#[test]
fn a_transcript_becomes_a_skeleton_that_parses() {
    let dir = TempDir::new("skeleton");
    let file = dir.path().join("session.smtp");
    std::fs::write(
        &file,
        "%smtp-transcript 1
persona: strict
S: 220 mx.example.test ESMTP smtp-sim
C: EHLO pc.example.test
S: 250-mx.example.test
S: 250-PIPELINING
S: 250-SIZE 10485760
S: 250-8BITMIME
S: 250-SMTPUTF8
S: 250-ENHANCEDSTATUSCODES
S: 250-CHUNKING
S: 250-STARTTLS
S: 250-AUTH PLAIN LOGIN
S: 250-DSN
S: 250 HELP
C: MAIL FROM:<ana@example.test>
S: 250 2.1.0 Ok
C: RCPT TO:<bia@example.test>
S: 250 2.1.5 Ok
C: DATA
S: 354 End data with <CR><LF>.<CR><LF>
| Subject: hi
|
| ..and a dot
C: .
S: 250 2.0.0 Ok: queued as 1
send: QUIT<CRLF>
S: 221 2.0.0 Bye
",
    )
    .unwrap();
    let name = file.to_string_lossy().into_owned();
    // The transcript replays without drift.
    let (code, out, _) = lesson(&["check", &name]);
    assert_eq!(code, 0, "{out}");
    let (code, skeleton, err) = lesson(&["skeleton", &name]);
    assert_eq!(code, 0, "{err}");
    let parsed = smtp_sim_core::lesson::parse_text("skeleton.smtp", &skeleton)
        .unwrap_or_else(|d| panic!("{}\n{skeleton}", d[0]));
    let steps: Vec<Vec<String>> = parsed
        .steps
        .iter()
        .map(|s| s.goals.iter().map(|g| g.item.to_string()).collect())
        .collect();
    assert_eq!(
        steps,
        [
            vec!["reply 250", "state ready"],
            vec!["reply 354", "state data"],
            vec!["reply 250", "state ready", "accepted 1"],
            vec!["reply 221", "closed"],
        ]
    );
    assert!(skeleton.contains("solution: ..and a dot\n"), "{skeleton}");
    assert!(skeleton.contains("send: QUIT<CRLF>\n"), "{skeleton}");
    // A recorded reply the engine does not give is drift.
    let drifted = std::fs::read_to_string(&file)
        .unwrap()
        .replace("S: 250 2.1.0 Ok", "S: 250 2.1.0 Sender ok");
    std::fs::write(&file, drifted).unwrap();
    let (code, out, _) = lesson(&["check", &name]);
    assert_eq!(code, 1);
    assert!(out.contains(":17:1: error: drift: recorded \"250 2.1.0 Sender ok\", the engine says \"250 2.1.0 Ok\""), "{out}");
}
