//! Transcripts read from real captures (tests/fixtures/captures: swaks against `smtp-sim serve`,
//! with and without TLS and AUTH; an interactive nc session; Python's smtplib at debug level 1),
//! written back canonically, and replayed against the engine with no drift.

use smtp_sim_core::capture::{self, read, replay, write, Format, Line, Meta, Side, Transcript};

macro_rules! capture {
    ($name:literal) => {
        include_str!(concat!("../../../tests/fixtures/captures/", $name))
    };
}

fn client(t: &Transcript) -> Vec<&str> {
    t.lines
        .iter()
        .filter(|l| l.side == Side::Client)
        .map(|l| l.text.as_str())
        .collect()
}

/// Replays and asserts that nothing drifted; returns the number of writes sent.
fn replays_clean(t: &Transcript) -> usize {
    let (greeting, steps) = replay(t);
    assert_eq!(greeting[0].get(..3), Some("220"));
    for s in &steps {
        assert_eq!(s.drift, None, "{:?} → {:?}", s.step.line, s.now);
    }
    steps.len()
}

#[test]
fn swaks_output_reads_with_its_message_lines() {
    let t = read(capture!("swaks.txt")).unwrap();
    assert_eq!(t.format, Format::Swaks);
    assert_eq!(
        t.lines[0],
        Line::new(Side::Server, "220 mx.example.test ESMTP smtp-sim")
    );
    let c = client(&t);
    assert_eq!(
        c[..4],
        [
            "EHLO pc.example.test",
            "MAIL FROM:<ana@example.test>",
            "RCPT TO:<bia@example.test>",
            "DATA"
        ]
    );
    assert_eq!(c.last(), Some(&"QUIT"));
    let data: Vec<&str> = t
        .lines
        .iter()
        .filter(|l| l.data)
        .map(|l| l.text.as_str())
        .collect();
    assert_eq!(data.len(), 10, "{data:?}");
    assert!(data.contains(&"Subject: hi") && data.contains(&"Hello Bia"));
    assert!(!data.contains(&"."));
    assert_eq!(replays_clean(&t), c.len());
}

#[test]
fn swaks_over_tls_reads_its_tilde_lines_and_keeps_the_demo_account() {
    let t = read(capture!("swaks-tls-auth.txt")).unwrap();
    assert_eq!(t.format, Format::Swaks);
    let c = client(&t);
    assert!(c.contains(&"STARTTLS"));
    assert!(c.contains(&"AUTH PLAIN AGFsaWNlAHdvbmRlcmxhbmQ="));
    // The demo account is never redacted (lesson-format §18.3).
    let text = write(&t.lines, &t.meta, false);
    assert!(
        text.contains("C: AUTH PLAIN AGFsaWNlAHdvbmRlcmxhbmQ=\n"),
        "{text}"
    );
    replays_clean(&t);
}

#[test]
fn secrets_in_a_swaks_auth_login_are_redacted_unless_asked() {
    let t = read(capture!("swaks-auth-login.txt")).unwrap();
    assert_eq!(t.format, Format::Swaks);
    let redacted = write(&t.lines, &t.meta, false);
    assert!(
        !redacted.contains("Y2Fyb2w=") && !redacted.contains("aHVudGVyMg=="),
        "{redacted}"
    );
    assert!(redacted.contains("C: AUTH LOGIN\nS: 334 VXNlcm5hbWU6\nC: <redacted>\nS: 334 UGFzc3dvcmQ6\nC: <redacted>\nS: 535"), "{redacted}");
    let kept = write(&t.lines, &t.meta, true);
    assert!(kept.contains("C: Y2Fyb2w=\n") && kept.contains("C: aHVudGVyMg==\n"));
    // The redacted export replays cancelled: no drift, and QUIT still gets its 221.
    let back = read(&redacted).unwrap();
    let (_, steps) = replay(&back);
    assert!(steps.iter().all(|s| s.drift.is_none()), "{steps:?}");
    assert_eq!(steps.last().unwrap().now, ["221 2.0.0 Bye"]);
}

#[test]
fn an_nc_session_reads_by_reply_codes() {
    let t = read(capture!("nc.txt")).unwrap();
    assert_eq!(t.format, Format::Nc);
    let data: Vec<&str> = t
        .lines
        .iter()
        .filter(|l| l.data)
        .map(|l| l.text.as_str())
        .collect();
    assert_eq!(data, ["Subject: typed by hand", "", ".leading dot"]);
    assert_eq!(replays_clean(&t), 9);
}

#[test]
fn smtplib_debug_output_reads_its_writes_and_replies() {
    let t = read(capture!("smtplib-debug.txt")).unwrap();
    assert_eq!(t.format, Format::Smtplib);
    let c = client(&t);
    assert_eq!(c[0], "ehlo pc.example.test");
    assert!(c.contains(&"..dot line"), "{c:?}");
    assert_eq!(t.lines.iter().filter(|l| l.data).count(), 4);
    replays_clean(&t);
}

#[test]
fn our_export_is_a_fixed_point_of_read_and_write() {
    for text in [
        capture!("swaks.txt"),
        capture!("swaks-tls-auth.txt"),
        capture!("swaks-auth-login.txt"),
        capture!("nc.txt"),
        capture!("smtplib-debug.txt"),
    ] {
        let t = read(text).unwrap();
        let meta = Meta {
            engine: Some("0.1.0".into()),
            persona: Some("strict".into()),
            lang: Some("pt-BR".into()),
        };
        let ours = write(&t.lines, &meta, false);
        let again = read(&ours).unwrap();
        assert_eq!(again.format, Format::Smtp);
        assert_eq!(again.meta, meta);
        assert_eq!(write(&again.lines, &again.meta, false), ours);
        // The lesson parser (lesson check, lesson skeleton) reads it too.
        let parsed = smtp_sim_core::lesson::parse("x.smtp", ours.as_bytes(), &mut |_: &str| None);
        assert!(parsed.is_ok(), "{ours}\n{parsed:?}");
    }
}

#[test]
fn odd_writes_become_send_lines_that_read_back() {
    let mut lf = Line::new(Side::Client, "MAIL FROM:<a@b.test>");
    lf.ending = "\n".into();
    let mut trailing = Line::new(Side::Client, "NOOP  ");
    trailing.auth = false;
    let lines = vec![
        Line::new(Side::Server, "220 mx"),
        lf.clone(),
        trailing.clone(),
    ];
    let text = write(&lines, &Meta::default(), false);
    assert_eq!(
        text,
        "%smtp-transcript 1\nS: 220 mx\nsend: MAIL FROM:<a@b.test><LF>\nsend: NOOP  <CRLF>\n"
    );
    let back = read(&text).unwrap();
    assert_eq!(back.lines[1..], [lf, trailing]);
}

#[test]
fn nothing_like_a_session_is_not_read() {
    for text in ["", "\n\n", "hello\nworld", "Subject: x\n\nbody"] {
        assert_eq!(read(text), None, "{text:?}");
    }
    assert_eq!(capture::steps(&[]), vec![]);
}
