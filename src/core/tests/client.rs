//! Client session tables: every reply at every step, fed whole and split, plus property tests.

use smtp_sim_core::client::{
    ClientConfig, ClientError, ClientSession, Credentials, Envelope, EventKind, RecipientStatus,
    Rule, State, Status,
};
use smtp_sim_core::data::{normalize_line_endings, DataReceiver, DataStatus};
use smtp_sim_core::reply::ReplyError;

const MSG: &[u8] = b"Subject: t\r\n\r\nhello\r\n";
const EHLO: &str = "250-mx.test\r\n250 8BITMIME\r\n";
const EHLO_PIPE: &str = "250-mx.test\r\n250-PIPELINING\r\n250 SIZE 1000\r\n";

use RecipientStatus::{Delivered, Failed, RetryLater};

fn envelope(to: &[&str]) -> Envelope {
    Envelope {
        reverse_path: "a@x.test".into(),
        recipients: to.iter().map(|s| s.to_string()).collect(),
    }
}

fn session(to: &[&str]) -> ClientSession {
    ClientSession::new(ClientConfig::default(), envelope(to), MSG)
}

fn take(c: &mut ClientSession) -> String {
    let mut out = Vec::new();
    out.extend(c.take_output());
    String::from_utf8(out).unwrap()
}

/// Plays a script of (server bytes, client bytes expected after them).
fn play(c: &mut ClientSession, steps: &[(&str, &str)]) {
    assert_eq!(take(c), "", "nothing before the greeting");
    for (i, (server, client)) in steps.iter().enumerate() {
        c.receive(server.as_bytes());
        assert_eq!(take(c), *client, "step {i}: after {server:?}");
    }
}

fn statuses(c: &ClientSession) -> Vec<RecipientStatus> {
    c.outcome().recipients.iter().map(|r| r.status).collect()
}

/// (name, recipients, script, recipient statuses, overall status)
type Row = (
    &'static str,
    &'static [&'static str],
    &'static [(&'static str, &'static str)],
    &'static [RecipientStatus],
    Status,
);

const DOT: &str = "Subject: t\r\n\r\nhello\r\n.\r\n";

#[test]
fn every_reply_at_every_step() {
    let rows: &[Row] = &[
        (
            "happy path",
            &["b@y.test"],
            &[
                ("220 mx ready\r\n", "EHLO client.example.test\r\n"),
                (EHLO, "MAIL FROM:<a@x.test>\r\n"),
                ("250 ok\r\n", "RCPT TO:<b@y.test>\r\n"),
                ("250 ok\r\n", "DATA\r\n"),
                ("354 go\r\n", DOT),
                ("250 queued\r\n", "QUIT\r\n"),
                ("221 bye\r\n", ""),
            ],
            &[Delivered],
            Status::Delivered,
        ),
        (
            "greeting 554",
            &["b@y.test"],
            &[("554 go away\r\n", "QUIT\r\n"), ("221 bye\r\n", "")],
            &[Failed],
            Status::Failed,
        ),
        (
            "greeting 421",
            &["b@y.test"],
            &[("421 busy\r\n", "")],
            &[RetryLater],
            Status::RetryLater,
        ),
        (
            "greeting 450",
            &["b@y.test"],
            &[("450 later\r\n", "QUIT\r\n"), ("221 bye\r\n", "")],
            &[RetryLater],
            Status::RetryLater,
        ),
        (
            "greeting 354 is not a greeting",
            &["b@y.test"],
            &[("354 what\r\n", "QUIT\r\n"), ("221 bye\r\n", "")],
            &[RetryLater],
            Status::RetryLater,
        ),
        (
            "EHLO 500 falls back to HELO",
            &["b@y.test"],
            &[
                ("220 mx\r\n", "EHLO client.example.test\r\n"),
                ("500 what?\r\n", "HELO client.example.test\r\n"),
                ("250 mx\r\n", "MAIL FROM:<a@x.test>\r\n"),
                ("250 ok\r\n", "RCPT TO:<b@y.test>\r\n"),
                ("250 ok\r\n", "DATA\r\n"),
                ("354 go\r\n", DOT),
                ("250 ok\r\n", "QUIT\r\n"),
                ("221 bye\r\n", ""),
            ],
            &[Delivered],
            Status::Delivered,
        ),
        (
            "EHLO 502 falls back to HELO, HELO 501 fails",
            &["b@y.test"],
            &[
                ("220 mx\r\n", "EHLO client.example.test\r\n"),
                ("502 no\r\n", "HELO client.example.test\r\n"),
                ("501 bad name\r\n", "QUIT\r\n"),
                ("221 bye\r\n", ""),
            ],
            &[Failed],
            Status::Failed,
        ),
        (
            "EHLO 550 is not a fallback",
            &["b@y.test"],
            &[
                ("220 mx\r\n", "EHLO client.example.test\r\n"),
                ("550 no\r\n", "QUIT\r\n"),
                ("221 bye\r\n", ""),
            ],
            &[Failed],
            Status::Failed,
        ),
        (
            "EHLO 421",
            &["b@y.test"],
            &[
                ("220 mx\r\n", "EHLO client.example.test\r\n"),
                ("421 shutting down\r\n", ""),
            ],
            &[RetryLater],
            Status::RetryLater,
        ),
        (
            "MAIL 451",
            &["b@y.test"],
            &[
                ("220 mx\r\n", "EHLO client.example.test\r\n"),
                (EHLO, "MAIL FROM:<a@x.test>\r\n"),
                ("451 4.3.0 try later\r\n", "QUIT\r\n"),
                ("221 bye\r\n", ""),
            ],
            &[RetryLater],
            Status::RetryLater,
        ),
        (
            "MAIL 550",
            &["b@y.test", "c@y.test"],
            &[
                ("220 mx\r\n", "EHLO client.example.test\r\n"),
                (EHLO, "MAIL FROM:<a@x.test>\r\n"),
                ("550 5.7.1 no\r\n", "QUIT\r\n"),
                ("221 bye\r\n", ""),
            ],
            &[Failed, Failed],
            Status::Failed,
        ),
        (
            "MAIL 552",
            &["b@y.test"],
            &[
                ("220 mx\r\n", "EHLO client.example.test\r\n"),
                (EHLO, "MAIL FROM:<a@x.test>\r\n"),
                ("552 5.3.4 too big\r\n", "QUIT\r\n"),
                ("221 bye\r\n", ""),
            ],
            &[Failed],
            Status::Failed,
        ),
        (
            "RCPT mix: 250, 550, 251",
            &["b@y.test", "c@y.test", "d@y.test"],
            &[
                ("220 mx\r\n", "EHLO client.example.test\r\n"),
                (EHLO, "MAIL FROM:<a@x.test>\r\n"),
                ("250 ok\r\n", "RCPT TO:<b@y.test>\r\n"),
                ("250 ok\r\n", "RCPT TO:<c@y.test>\r\n"),
                ("550 5.1.1 unknown\r\n", "RCPT TO:<d@y.test>\r\n"),
                ("251 will forward\r\n", "DATA\r\n"),
                ("354 go\r\n", DOT),
                ("250 ok\r\n", "QUIT\r\n"),
                ("221 bye\r\n", ""),
            ],
            &[Delivered, Failed, Delivered],
            Status::PartiallyDelivered,
        ),
        (
            "RCPT 452 stops RCPT; the rest is retried later",
            &["b@y.test", "c@y.test", "d@y.test"],
            &[
                ("220 mx\r\n", "EHLO client.example.test\r\n"),
                (EHLO, "MAIL FROM:<a@x.test>\r\n"),
                ("250 ok\r\n", "RCPT TO:<b@y.test>\r\n"),
                ("250 ok\r\n", "RCPT TO:<c@y.test>\r\n"),
                ("452 4.5.3 too many\r\n", "DATA\r\n"),
                ("354 go\r\n", DOT),
                ("250 ok\r\n", "QUIT\r\n"),
                ("221 bye\r\n", ""),
            ],
            &[Delivered, RetryLater, RetryLater],
            Status::PartiallyDelivered,
        ),
        (
            "RCPT 552 is treated as 452",
            &["b@y.test", "c@y.test"],
            &[
                ("220 mx\r\n", "EHLO client.example.test\r\n"),
                (EHLO, "MAIL FROM:<a@x.test>\r\n"),
                ("250 ok\r\n", "RCPT TO:<b@y.test>\r\n"),
                ("552 too many recipients\r\n", "QUIT\r\n"),
                ("221 bye\r\n", ""),
            ],
            &[RetryLater, RetryLater],
            Status::RetryLater,
        ),
        (
            "RCPT 450 greylisting, then 550: no DATA",
            &["b@y.test", "c@y.test"],
            &[
                ("220 mx\r\n", "EHLO client.example.test\r\n"),
                (EHLO, "MAIL FROM:<a@x.test>\r\n"),
                ("250 ok\r\n", "RCPT TO:<b@y.test>\r\n"),
                ("450 4.2.0 greylisted\r\n", "RCPT TO:<c@y.test>\r\n"),
                ("550 no\r\n", "QUIT\r\n"),
                ("221 bye\r\n", ""),
            ],
            &[RetryLater, Failed],
            Status::RetryLater,
        ),
        (
            "RCPT 421 mid-session",
            &["b@y.test", "c@y.test"],
            &[
                ("220 mx\r\n", "EHLO client.example.test\r\n"),
                (EHLO, "MAIL FROM:<a@x.test>\r\n"),
                ("250 ok\r\n", "RCPT TO:<b@y.test>\r\n"),
                ("250 ok\r\n", "RCPT TO:<c@y.test>\r\n"),
                ("421 4.3.2 bye\r\n", ""),
            ],
            &[RetryLater, RetryLater],
            Status::RetryLater,
        ),
        (
            "DATA 503",
            &["b@y.test"],
            &[
                ("220 mx\r\n", "EHLO client.example.test\r\n"),
                (EHLO, "MAIL FROM:<a@x.test>\r\n"),
                ("250 ok\r\n", "RCPT TO:<b@y.test>\r\n"),
                ("250 ok\r\n", "DATA\r\n"),
                ("503 5.5.1 bad sequence\r\n", "QUIT\r\n"),
                ("221 bye\r\n", ""),
            ],
            &[Failed],
            Status::Failed,
        ),
        (
            "DATA 554",
            &["b@y.test"],
            &[
                ("220 mx\r\n", "EHLO client.example.test\r\n"),
                (EHLO, "MAIL FROM:<a@x.test>\r\n"),
                ("250 ok\r\n", "RCPT TO:<b@y.test>\r\n"),
                ("250 ok\r\n", "DATA\r\n"),
                ("554 no valid recipients\r\n", "QUIT\r\n"),
                ("221 bye\r\n", ""),
            ],
            &[Failed],
            Status::Failed,
        ),
        (
            "DATA 250 is not 354",
            &["b@y.test"],
            &[
                ("220 mx\r\n", "EHLO client.example.test\r\n"),
                (EHLO, "MAIL FROM:<a@x.test>\r\n"),
                ("250 ok\r\n", "RCPT TO:<b@y.test>\r\n"),
                ("250 ok\r\n", "DATA\r\n"),
                ("250 ok\r\n", "QUIT\r\n"),
                ("221 bye\r\n", ""),
            ],
            &[RetryLater],
            Status::RetryLater,
        ),
        (
            "end of data 450",
            &["b@y.test"],
            &[
                ("220 mx\r\n", "EHLO client.example.test\r\n"),
                (EHLO, "MAIL FROM:<a@x.test>\r\n"),
                ("250 ok\r\n", "RCPT TO:<b@y.test>\r\n"),
                ("250 ok\r\n", "DATA\r\n"),
                ("354 go\r\n", DOT),
                ("450 4.7.1 later\r\n", "QUIT\r\n"),
                ("221 bye\r\n", ""),
            ],
            &[RetryLater],
            Status::RetryLater,
        ),
        (
            "end of data 552",
            &["b@y.test"],
            &[
                ("220 mx\r\n", "EHLO client.example.test\r\n"),
                (EHLO, "MAIL FROM:<a@x.test>\r\n"),
                ("250 ok\r\n", "RCPT TO:<b@y.test>\r\n"),
                ("250 ok\r\n", "DATA\r\n"),
                ("354 go\r\n", DOT),
                ("552 5.3.4 too big\r\n", "QUIT\r\n"),
                ("221 bye\r\n", ""),
            ],
            &[Failed],
            Status::Failed,
        ),
        (
            "end of data 554",
            &["b@y.test"],
            &[
                ("220 mx\r\n", "EHLO client.example.test\r\n"),
                (EHLO, "MAIL FROM:<a@x.test>\r\n"),
                ("250 ok\r\n", "RCPT TO:<b@y.test>\r\n"),
                ("250 ok\r\n", "DATA\r\n"),
                ("354 go\r\n", DOT),
                ("554 5.7.1 spam\r\n", "QUIT\r\n"),
                ("221 bye\r\n", ""),
            ],
            &[Failed],
            Status::Failed,
        ),
        (
            "end of data 421: the message is not delivered",
            &["b@y.test"],
            &[
                ("220 mx\r\n", "EHLO client.example.test\r\n"),
                (EHLO, "MAIL FROM:<a@x.test>\r\n"),
                ("250 ok\r\n", "RCPT TO:<b@y.test>\r\n"),
                ("250 ok\r\n", "DATA\r\n"),
                ("354 go\r\n", DOT),
                ("421 going down\r\n", ""),
            ],
            &[RetryLater],
            Status::RetryLater,
        ),
        (
            "QUIT answered with 500 still ends the session",
            &["b@y.test"],
            &[
                ("220 mx\r\n", "EHLO client.example.test\r\n"),
                (EHLO, "MAIL FROM:<a@x.test>\r\n"),
                ("250 ok\r\n", "RCPT TO:<b@y.test>\r\n"),
                ("250 ok\r\n", "DATA\r\n"),
                ("354 go\r\n", DOT),
                ("250 ok\r\n", "QUIT\r\n"),
                ("500 what\r\n", ""),
            ],
            &[Delivered],
            Status::Delivered,
        ),
        (
            "QUIT answered with 421 after delivery",
            &["b@y.test"],
            &[
                ("220 mx\r\n", "EHLO client.example.test\r\n"),
                (EHLO, "MAIL FROM:<a@x.test>\r\n"),
                ("250 ok\r\n", "RCPT TO:<b@y.test>\r\n"),
                ("250 ok\r\n", "DATA\r\n"),
                ("354 go\r\n", DOT),
                ("250 ok\r\n", "QUIT\r\n"),
                ("421 bye\r\n", ""),
            ],
            &[Delivered],
            Status::Delivered,
        ),
        (
            "malformed reply: error, then QUIT",
            &["b@y.test"],
            &[
                ("220 mx\r\n", "EHLO client.example.test\r\n"),
                ("hello there\r\n", "QUIT\r\n"),
                ("221 bye\r\n", ""),
            ],
            &[RetryLater],
            Status::RetryLater,
        ),
        (
            "pipelined: MAIL, RCPTs and DATA in one group",
            &["b@y.test", "c@y.test"],
            &[
                ("220 mx\r\n", "EHLO client.example.test\r\n"),
                (
                    EHLO_PIPE,
                    "MAIL FROM:<a@x.test> SIZE=21\r\nRCPT TO:<b@y.test>\r\nRCPT TO:<c@y.test>\r\nDATA\r\n",
                ),
                ("250 ok\r\n250 ok\r\n", ""),
                ("550 no\r\n", ""),
                ("354 go\r\n", DOT),
                ("250 ok\r\n", "QUIT\r\n"),
                ("221 bye\r\n", ""),
            ],
            &[Delivered, Failed],
            Status::PartiallyDelivered,
        ),
        (
            "pipelined: every RCPT refused and DATA 554",
            &["b@y.test", "c@y.test"],
            &[
                ("220 mx\r\n", "EHLO client.example.test\r\n"),
                (
                    EHLO_PIPE,
                    "MAIL FROM:<a@x.test> SIZE=21\r\nRCPT TO:<b@y.test>\r\nRCPT TO:<c@y.test>\r\nDATA\r\n",
                ),
                ("250 ok\r\n550 no\r\n450 later\r\n554 no valid recipients\r\n", "QUIT\r\n"),
                ("221 bye\r\n", ""),
            ],
            &[Failed, RetryLater],
            Status::RetryLater,
        ),
        (
            "pipelined: DATA 354 with nobody accepted gets a lone dot",
            &["b@y.test"],
            &[
                ("220 mx\r\n", "EHLO client.example.test\r\n"),
                (
                    EHLO_PIPE,
                    "MAIL FROM:<a@x.test> SIZE=21\r\nRCPT TO:<b@y.test>\r\nDATA\r\n",
                ),
                ("250 ok\r\n550 no\r\n354 go\r\n", ".\r\n"),
                ("554 no recipients\r\n", "QUIT\r\n"),
                ("221 bye\r\n", ""),
            ],
            &[Failed],
            Status::Failed,
        ),
        (
            "pipelined: MAIL refused, the rest of the group is only counted",
            &["b@y.test"],
            &[
                ("220 mx\r\n", "EHLO client.example.test\r\n"),
                (
                    EHLO_PIPE,
                    "MAIL FROM:<a@x.test> SIZE=21\r\nRCPT TO:<b@y.test>\r\nDATA\r\n",
                ),
                ("550 sender refused\r\n503 need MAIL\r\n", ""),
                ("503 need RCPT\r\n", "QUIT\r\n"),
                ("221 bye\r\n", ""),
            ],
            &[Failed],
            Status::Failed,
        ),
        (
            "message larger than SIZE is not sent",
            &["b@y.test"],
            &[
                ("220 mx\r\n", "EHLO client.example.test\r\n"),
                ("250-mx\r\n250 SIZE 10\r\n", "QUIT\r\n"),
                ("221 bye\r\n", ""),
            ],
            &[Failed],
            Status::Failed,
        ),
    ];
    for &(name, to, script, want, status) in rows {
        let mut c = session(to);
        play(&mut c, script);
        assert!(c.is_closed(), "{name}: not done");
        assert_eq!(c.state(), State::Done, "{name}");
        assert_eq!(statuses(&c), want, "{name}");
        let outcome = c.outcome();
        assert_eq!(outcome.status, status, "{name}");
        // Same bytes out when every server chunk arrives one byte at a time.
        let mut d = session(to);
        let mut all = String::new();
        for (server, _) in script {
            for b in server.as_bytes() {
                d.receive(std::slice::from_ref(b));
                all.push_str(&take(&mut d));
            }
        }
        let expected: String = script.iter().map(|(_, c)| *c).collect();
        assert_eq!(all, expected, "{name}: byte by byte");
        assert_eq!(d.outcome(), outcome, "{name}: byte by byte");
    }
}

#[test]
fn recipient_results_carry_the_deciding_reply() {
    let mut c = session(&["b@y.test", "c@y.test", "d@y.test"]);
    play(
        &mut c,
        &[
            ("220 mx\r\n", "EHLO client.example.test\r\n"),
            (EHLO, "MAIL FROM:<a@x.test>\r\n"),
            ("250 ok\r\n", "RCPT TO:<b@y.test>\r\n"),
            ("250 ok\r\n", "RCPT TO:<c@y.test>\r\n"),
            ("550 5.1.1 no such user\r\n", "RCPT TO:<d@y.test>\r\n"),
            ("450 4.2.0 greylisted\r\n", "DATA\r\n"),
            ("354 go\r\n", DOT),
            ("250 2.0.0 queued as X\r\n", "QUIT\r\n"),
            ("221 bye\r\n", ""),
        ],
    );
    let o = c.outcome();
    let d: Vec<_> = o.delivered().map(|r| r.address.as_str()).collect();
    assert_eq!(d, ["b@y.test"]);
    let f: Vec<_> = o.failed().collect();
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].reply.as_ref().unwrap().code, 550);
    assert_eq!(f[0].reply.as_ref().unwrap().lines, ["no such user"]);
    let r: Vec<_> = o.retry_later().collect();
    assert_eq!(r[0].address, "d@y.test");
    assert_eq!(r[0].reply.as_ref().unwrap().code, 450);
    assert_eq!(
        o.delivered().next().unwrap().reply.as_ref().unwrap().code,
        250
    );
    assert!(o.any_delivered());
    assert_eq!(o.error, None);
}

#[test]
fn events_name_state_and_rule() {
    let mut c = session(&["b@y.test"]);
    play(
        &mut c,
        &[
            ("220 mx\r\n", "EHLO client.example.test\r\n"),
            ("502 no\r\n", "HELO client.example.test\r\n"),
            ("250 mx\r\n", "MAIL FROM:<a@x.test>\r\n"),
        ],
    );
    let events: Vec<_> = std::iter::from_fn(|| c.poll_event()).collect();
    let helo = events
        .iter()
        .find(|e| e.kind == EventKind::Command("HELO client.example.test".into()))
        .unwrap();
    assert_eq!(helo.rule, Some(Rule::HeloFallback));
    assert_eq!(Rule::HeloFallback.source(), "RFC 5321 §3.2");
    assert_eq!(helo.state, State::Helo);
    let reply = events
        .iter()
        .find(|e| matches!(&e.kind, EventKind::Reply(r) if r.code == 502))
        .unwrap();
    assert_eq!(reply.state, State::Ehlo);
    // Every command is cited.
    for e in &events {
        if let EventKind::Command(_) = e.kind {
            assert!(
                e.rule.is_some_and(|r| r.source().starts_with("RFC ")),
                "{e:?}"
            );
        }
    }
}

#[test]
fn malformed_reply_is_an_error_event() {
    for bad in [
        "2x0 nope\r\n",
        "250-a\r\n251 b\r\n",
        "250\tx\r\n",
        "\u{1b}[31m\r\n",
    ] {
        let mut c = session(&["b@y.test"]);
        c.receive(b"220 mx\r\n");
        take(&mut c);
        c.receive(bad.as_bytes());
        assert_eq!(take(&mut c), "QUIT\r\n", "{bad:?}");
        let events: Vec<_> = std::iter::from_fn(|| c.poll_event()).collect();
        assert!(
            events
                .iter()
                .any(|e| matches!(e.kind, EventKind::MalformedReply(_))),
            "{bad:?}"
        );
        assert!(matches!(
            c.outcome().error,
            Some(ClientError::MalformedReply(_))
        ));
        c.receive(b"221 bye\r\n");
        assert!(c.is_closed());
    }
    let mut c = session(&["b@y.test"]);
    c.receive(&[b'2'; 600]);
    assert_eq!(take(&mut c), "QUIT\r\n");
    assert_eq!(
        c.outcome().error,
        Some(ClientError::MalformedReply(ReplyError::LineTooLong))
    );
}

#[test]
fn close_and_timeout_end_the_session() {
    let mut c = session(&["b@y.test"]);
    c.receive(b"220 mx\r\n");
    c.connection_closed();
    assert!(c.is_closed());
    assert_eq!(c.outcome().status, Status::RetryLater);
    assert_eq!(c.outcome().error, Some(ClientError::ConnectionClosed));

    let mut c = session(&["b@y.test"]);
    c.timeout();
    assert_eq!(c.outcome().error, Some(ClientError::Timeout));
    assert_eq!(statuses(&c), [RetryLater]);

    // A close right after QUIT is a normal end.
    let mut c = session(&["b@y.test"]);
    play(
        &mut c,
        &[
            ("220 mx\r\n", "EHLO client.example.test\r\n"),
            (EHLO, "MAIL FROM:<a@x.test>\r\n"),
            ("250 ok\r\n", "RCPT TO:<b@y.test>\r\n"),
            ("250 ok\r\n", "DATA\r\n"),
            ("354 go\r\n", DOT),
            ("250 ok\r\n", "QUIT\r\n"),
        ],
    );
    c.connection_closed();
    assert_eq!(c.outcome().status, Status::Delivered);
    assert_eq!(c.outcome().error, None);
    // Input after the end is ignored.
    c.receive(b"250 more\r\n");
    assert!(c.take_output().is_empty());
}

#[test]
fn helo_only_client() {
    let cfg = ClientConfig {
        ehlo: false,
        ..ClientConfig::default()
    };
    let mut c = ClientSession::new(cfg, envelope(&["b@y.test"]), MSG);
    play(
        &mut c,
        &[
            ("220 mx\r\n", "HELO client.example.test\r\n"),
            ("250 mx\r\n", "MAIL FROM:<a@x.test>\r\n"),
        ],
    );
}

#[test]
fn extensions_used_only_when_advertised() {
    // 8-bit body: BODY=8BITMIME only when offered; refused without it.
    let msg = "Subject: hi\r\n\r\ncafé\r\n".as_bytes();
    let mut c = ClientSession::new(ClientConfig::default(), envelope(&["b@y.test"]), msg);
    play(
        &mut c,
        &[
            ("220 mx\r\n", "EHLO client.example.test\r\n"),
            (
                "250-mx\r\n250-8BITMIME\r\n250 SIZE\r\n",
                "MAIL FROM:<a@x.test> SIZE=22 BODY=8BITMIME\r\n",
            ),
        ],
    );
    let mut c = ClientSession::new(ClientConfig::default(), envelope(&["b@y.test"]), msg);
    play(
        &mut c,
        &[
            ("220 mx\r\n", "EHLO client.example.test\r\n"),
            ("250-mx\r\n250 SIZE\r\n", "QUIT\r\n"),
            ("221 bye\r\n", ""),
        ],
    );
    assert_eq!(c.outcome().error, Some(ClientError::ExtensionMissing));
    assert_eq!(statuses(&c), [Failed]);
    // Non-ASCII address: SMTPUTF8.
    let mut c = ClientSession::new(ClientConfig::default(), envelope(&["josé@y.test"]), MSG);
    play(
        &mut c,
        &[
            ("220 mx\r\n", "EHLO client.example.test\r\n"),
            (
                "250-mx\r\n250-8BITMIME\r\n250 SMTPUTF8\r\n",
                "MAIL FROM:<a@x.test> SMTPUTF8\r\n",
            ),
            ("250 ok\r\n", "RCPT TO:<josé@y.test>\r\n"),
        ],
    );
    // No SIZE when the client is told not to declare it.
    let cfg = ClientConfig {
        declare_size: false,
        ..ClientConfig::default()
    };
    let mut c = ClientSession::new(cfg, envelope(&["b@y.test"]), MSG);
    play(
        &mut c,
        &[
            ("220 mx\r\n", "EHLO client.example.test\r\n"),
            ("250-mx\r\n250 SIZE 100\r\n", "MAIL FROM:<a@x.test>\r\n"),
        ],
    );
    // PIPELINING and CHUNKING ignored when the client is told not to use them.
    let cfg = ClientConfig {
        pipelining: false,
        ..ClientConfig::default()
    };
    let mut c = ClientSession::new(cfg, envelope(&["b@y.test"]), MSG);
    play(
        &mut c,
        &[
            ("220 mx\r\n", "EHLO client.example.test\r\n"),
            ("250-mx\r\n250 PIPELINING\r\n", "MAIL FROM:<a@x.test>\r\n"),
        ],
    );
}

#[test]
fn bdat_when_chunking() {
    let cfg = ClientConfig {
        chunking: true,
        bdat_chunk_size: 8,
        ..ClientConfig::default()
    };
    let mut c = ClientSession::new(cfg, envelope(&["b@y.test"]), b"a\n.b\nc");
    play(
        &mut c,
        &[
            ("220 mx\r\n", "EHLO client.example.test\r\n"),
            (
                "250-mx\r\n250-PIPELINING\r\n250 CHUNKING\r\n",
                "MAIL FROM:<a@x.test>\r\nRCPT TO:<b@y.test>\r\n",
            ),
            ("250 ok\r\n250 ok\r\n", "BDAT 8\r\na\r\n.b\r\nc"),
            ("250 ok\r\n", "BDAT 2 LAST\r\n\r\n"),
            ("250 ok\r\n", "QUIT\r\n"),
            ("221 bye\r\n", ""),
        ],
    );
    assert_eq!(c.outcome().status, Status::Delivered);
    // An empty message is one `BDAT 0 LAST`; a refused chunk stops the chunks.
    let cfg = ClientConfig {
        chunking: true,
        ..ClientConfig::default()
    };
    let mut c = ClientSession::new(cfg, envelope(&["b@y.test"]), b"");
    play(
        &mut c,
        &[
            ("220 mx\r\n", "EHLO client.example.test\r\n"),
            ("250-mx\r\n250 CHUNKING\r\n", "MAIL FROM:<a@x.test>\r\n"),
            ("250 ok\r\n", "RCPT TO:<b@y.test>\r\n"),
            ("250 ok\r\n", "BDAT 0 LAST\r\n"),
            ("554 no\r\n", "QUIT\r\n"),
            ("221 bye\r\n", ""),
        ],
    );
    assert_eq!(statuses(&c), [Failed]);
}

#[test]
fn starttls_then_ehlo_again_then_auth() {
    let cfg = ClientConfig {
        starttls: true,
        auth: Some(Credentials {
            user: "alice".into(),
            password: "wonderland".into(),
        }),
        ..ClientConfig::default()
    };
    let mut c = ClientSession::new(cfg.clone(), envelope(&["b@y.test"]), MSG);
    play(
        &mut c,
        &[
            ("220 mx\r\n", "EHLO client.example.test\r\n"),
            (
                "250-mx\r\n250-STARTTLS\r\n250 AUTH PLAIN LOGIN\r\n",
                "STARTTLS\r\n",
            ),
            ("220 go ahead\r\n", "EHLO client.example.test\r\n"),
            (
                "250-mx\r\n250 AUTH LOGIN PLAIN\r\n",
                "AUTH PLAIN AGFsaWNlAHdvbmRlcmxhbmQ=\r\n",
            ),
            ("235 2.7.0 ok\r\n", "MAIL FROM:<a@x.test>\r\n"),
        ],
    );
    // LOGIN, when it is the only mechanism; 454 to STARTTLS goes on in the clear.
    let mut c = ClientSession::new(cfg.clone(), envelope(&["b@y.test"]), MSG);
    play(
        &mut c,
        &[
            ("220 mx\r\n", "EHLO client.example.test\r\n"),
            (
                "250-mx\r\n250-STARTTLS\r\n250 AUTH LOGIN\r\n",
                "STARTTLS\r\n",
            ),
            ("454 4.7.0 no TLS now\r\n", "AUTH LOGIN\r\n"),
            ("334 VXNlcm5hbWU6\r\n", "YWxpY2U=\r\n"),
            ("334 UGFzc3dvcmQ6\r\n", "d29uZGVybGFuZA==\r\n"),
            ("334 more?\r\n", "*\r\n"),
            ("501 cancelled\r\n", "QUIT\r\n"),
            ("221 bye\r\n", ""),
        ],
    );
    assert_eq!(statuses(&c), [Failed]);
    // 535: failed; no AUTH offered: not even tried.
    let mut c = ClientSession::new(cfg.clone(), envelope(&["b@y.test"]), MSG);
    play(
        &mut c,
        &[
            ("220 mx\r\n", "EHLO client.example.test\r\n"),
            (
                "250-mx\r\n250 AUTH PLAIN\r\n",
                "AUTH PLAIN AGFsaWNlAHdvbmRlcmxhbmQ=\r\n",
            ),
            ("535 5.7.8 bad credentials\r\n", "QUIT\r\n"),
        ],
    );
    let mut c = ClientSession::new(cfg, envelope(&["b@y.test"]), MSG);
    play(
        &mut c,
        &[
            ("220 mx\r\n", "EHLO client.example.test\r\n"),
            ("250 mx\r\n", "QUIT\r\n"),
        ],
    );
    assert_eq!(c.outcome().error, Some(ClientError::AuthUnavailable));
}

#[test]
fn unsafe_addresses_are_never_sent() {
    let env = Envelope {
        reverse_path: "a@x.test".into(),
        recipients: vec!["b@y.test\r\nRSET".into(), "c@y.test".into(), "".into()],
    };
    let mut c = ClientSession::new(ClientConfig::default(), env, MSG);
    play(
        &mut c,
        &[
            ("220 mx\r\n", "EHLO client.example.test\r\n"),
            (EHLO, "MAIL FROM:<a@x.test>\r\n"),
            ("250 ok\r\n", "RCPT TO:<c@y.test>\r\n"),
        ],
    );
    assert_eq!(statuses(&c)[0], Failed);
    let env = Envelope {
        reverse_path: "a>@x".into(),
        recipients: vec!["c@y.test".into()],
    };
    let mut c = ClientSession::new(ClientConfig::default(), env, MSG);
    play(
        &mut c,
        &[
            ("220 mx\r\n", "EHLO client.example.test\r\n"),
            (EHLO, "QUIT\r\n"),
        ],
    );
    assert_eq!(c.outcome().error, Some(ClientError::BadEnvelope));
}

/// Runs a session against canned replies: the greeting, EHLO, and 250/354 to everything.
fn deliver_through(message: &[u8], chunks: &[usize]) -> (Vec<u8>, Vec<u8>) {
    let mut c = ClientSession::new(ClientConfig::default(), envelope(&["b@y.test"]), message);
    let replies = b"220 mx\r\n250-mx\r\n250-8BITMIME\r\n250 SMTPUTF8\r\n250 ok\r\n250 ok\r\n354 go\r\n250 ok\r\n221 bye\r\n";
    let mut wire = Vec::new();
    let mut pos = 0;
    let mut k = 0;
    // The server script is delivered in the given chunk sizes, cycling.
    while pos < replies.len() {
        let n = chunks
            .get(k % chunks.len().max(1))
            .copied()
            .unwrap_or(1)
            .clamp(1, replies.len() - pos);
        k += 1;
        c.receive(&replies[pos..pos + n]);
        pos += n;
        wire.extend(c.take_output());
    }
    assert!(c.is_closed());
    // Pull the content out of the wire: it follows the DATA command line.
    let start = memchr_find(&wire, b"DATA\r\n").unwrap() + 6;
    (wire.clone(), wire[start..].to_vec())
}

fn memchr_find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

#[test]
fn edge_messages_round_trip() {
    let long = [b'x'; 998];
    let mut long_msg = long.to_vec();
    long_msg.extend_from_slice(b"\r\n");
    let rows: Vec<&[u8]> = vec![
        b"",
        b".",
        b".\r\n",
        b"..\r\n.\r\n",
        b"\r\n.\r\n\r\n",
        b"a\rb\nc\r\n.d",
        b"no final newline",
        &long_msg,
    ];
    for msg in rows {
        let (_, content) = deliver_through(msg, &[1000]);
        let mut rx = DataReceiver::new();
        let DataStatus::Complete { consumed } = rx.feed(&content) else {
            panic!("no end of data for {msg:?}");
        };
        assert_eq!(&content[consumed..], b"QUIT\r\n");
        assert_eq!(rx.message(), normalize_line_endings(msg));
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod props {
    use super::*;
    use proptest::prelude::*;

    fn message() -> impl Strategy<Value = Vec<u8>> {
        // Bias towards the bytes that matter: dots, CR, LF.
        prop::collection::vec(
            prop_oneof![
                Just(b'.'),
                Just(b'\r'),
                Just(b'\n'),
                Just(b'a'),
                any::<u8>()
            ],
            0..200,
        )
    }

    proptest! {
        /// Client stuffing then server unstuffing is the identity, for any server chunking.
        #[test]
        fn stuffing_round_trips(msg in message(), chunks in prop::collection::vec(1usize..40, 1..8),
                                rx_split in prop::collection::vec(1usize..64, 1..8)) {
            let (wire, content) = deliver_through(&msg, &chunks);
            // Never a bare CR or LF on the wire.
            for (i, &b) in wire.iter().enumerate() {
                if b == b'\n' { prop_assert_eq!(wire[i - 1], b'\r'); }
                if b == b'\r' { prop_assert_eq!(wire.get(i + 1), Some(&b'\n')); }
            }
            // Feed the content to the server's receiver in arbitrary pieces.
            let mut rx = DataReceiver::new();
            let mut pos = 0;
            let mut k = 0;
            let mut end = None;
            while pos < content.len() && end.is_none() {
                let n = rx_split[k % rx_split.len()].min(content.len() - pos);
                k += 1;
                if let DataStatus::Complete { consumed } = rx.feed(&content[pos..pos + n]) {
                    end = Some(pos + consumed);
                }
                pos += n;
            }
            let end = end.expect("end of data found");
            prop_assert_eq!(&content[end..], b"QUIT\r\n");
            let want = normalize_line_endings(&msg);
            prop_assert_eq!(rx.message(), want.as_slice());
        }

        /// The client's output and outcome do not depend on how replies are split.
        #[test]
        fn output_independent_of_reply_chunking(msg in message(),
                                                a in prop::collection::vec(1usize..30, 1..6),
                                                b in prop::collection::vec(1usize..30, 1..6)) {
            prop_assert_eq!(deliver_through(&msg, &a).0, deliver_through(&msg, &b).0);
        }

        /// Any server bytes: no panic, and the session ends within a bounded number of replies.
        #[test]
        fn never_panics_on_server_input(input in prop::collection::vec(any::<u8>(), 0..400)) {
            let mut c = session(&["b@y.test", "c@y.test"]);
            c.receive(&input);
            c.take_output();
            while c.poll_event().is_some() {}
            c.connection_closed();
            prop_assert!(c.is_closed());
            prop_assert!(c.outcome().status != Status::InProgress);
        }
    }
}

#[test]
fn giving_up_inside_a_pipelined_group_never_turns_quit_into_content() {
    let mut c = session(&["b@y.test", "c@y.test"]);
    play(
        &mut c,
        &[
            ("220 mx\r\n", "EHLO client.example.test\r\n"),
            (
                EHLO_PIPE,
                "MAIL FROM:<a@x.test> SIZE=21\r\nRCPT TO:<b@y.test>\r\nRCPT TO:<c@y.test>\r\nDATA\r\n",
            ),
            // 354 to a RCPT makes no sense: the client gives up, but DATA is still outstanding.
            ("250 ok\r\n354 what\r\n250 ok\r\n", ""),
            // The server took DATA: closing is the only way out that delivers nothing.
            ("354 go\r\n", ""),
        ],
    );
    assert!(c.is_closed());
    assert_eq!(c.outcome().error, Some(ClientError::UnexpectedReply));
    assert_eq!(statuses(&c), [RetryLater, RetryLater]);
    // When DATA is refused instead, QUIT follows.
    let mut c = session(&["b@y.test", "c@y.test"]);
    play(
        &mut c,
        &[
            ("220 mx\r\n", "EHLO client.example.test\r\n"),
            (
                EHLO_PIPE,
                "MAIL FROM:<a@x.test> SIZE=21\r\nRCPT TO:<b@y.test>\r\nRCPT TO:<c@y.test>\r\nDATA\r\n",
            ),
            ("250 ok\r\n354 what\r\n250 ok\r\n", ""),
            ("503 no\r\n", "QUIT\r\n"),
            ("221 bye\r\n", ""),
        ],
    );
    assert!(c.is_closed());
}

/// The client's idea of the server's state, checked against a real server one command at a
/// time: before each reply, `server_state()` is the state the server was in when that command
/// arrived.
#[test]
fn the_client_knows_the_state_the_server_answers_in() {
    use smtp_sim_core::client::Credentials;
    use smtp_sim_core::server::{Event, ServerConfig, ServerSession};
    let configs = [
        ClientConfig {
            pipelining: false,
            ..ClientConfig::default()
        },
        ClientConfig {
            pipelining: false,
            chunking: true,
            bdat_chunk_size: 4,
            ..ClientConfig::default()
        },
        ClientConfig {
            pipelining: false,
            starttls: true,
            auth: Some(Credentials {
                user: "alice".into(),
                password: "wonderland".into(),
            }),
            ..ClientConfig::default()
        },
        ClientConfig {
            pipelining: false,
            ehlo: false,
            ..ClientConfig::default()
        },
    ];
    for config in configs {
        let to = envelope(&["bob@mx.example.test", "nobody@mx.example.test"]);
        let mut c = ClientSession::new(config.clone(), to, b"Subject: x\r\n\r\nhello there\r\n");
        let mut s = ServerSession::new(ServerConfig::default());
        let mut checked = 0;
        for _ in 0..100 {
            if c.is_closed() {
                break;
            }
            let before = s.state();
            s.receive(&c.take_output());
            while let Some(e) = s.poll_event() {
                if let Event::MessageReceived(_) = e {
                    s.accept_message("1");
                }
            }
            let out = s.take_output();
            if out.is_empty() {
                break;
            }
            assert_eq!(
                c.server_state(),
                Some(before),
                "{config:?}, {:?}",
                c.state()
            );
            checked += 1;
            c.receive(&out);
            while c.poll_event().is_some() {}
        }
        assert!(c.is_closed(), "{config:?}");
        assert!(checked >= 6, "{config:?}: {checked}");
        assert_eq!(c.server_state(), None);
    }
}
