//! The client and our server back to back, with fault injection on the server side.

use smtp_sim_core::client::{
    ClientConfig, ClientError, Credentials, Envelope, EventKind, RecipientStatus, Status,
};
use smtp_sim_core::data::normalize_line_endings;
use smtp_sim_core::server::{FaultPoint, FaultTimes, ServerConfig};
use smtp_sim_core::sim::{parse_fault, usual_reply, Entry, FaultSpecError, Side, Simulation};

use RecipientStatus::{Delivered, Failed, RetryLater};

const MSG: &[u8] = b"Subject: sim\n\n.leading dot\n.\nbody\n";

fn envelope(to: &[&str]) -> Envelope {
    Envelope {
        reverse_path: "alice@client.test".into(),
        recipients: to.iter().map(|s| s.to_string()).collect(),
    }
}

fn server_with(faults: &[&str]) -> ServerConfig {
    ServerConfig {
        faults: faults.iter().map(|f| parse_fault(f).unwrap()).collect(),
        ..ServerConfig::default()
    }
}

/// Every command line the client put on the wire, in order (content lines excluded).
fn client_commands(sim: &Simulation) -> Vec<String> {
    sim.transcript()
        .iter()
        .filter_map(|e| match e {
            Entry::Client(ev) => match &ev.kind {
                EventKind::Command(c) => Some(c.clone()),
                _ => None,
            },
            _ => None,
        })
        .collect()
}

fn statuses(sim: &Simulation) -> Vec<RecipientStatus> {
    sim.outcome().recipients.iter().map(|r| r.status).collect()
}

#[test]
fn a_clean_session_delivers_the_exact_message() {
    let mut sim = Simulation::new(
        ClientConfig::default(),
        envelope(&["bob@mx.test", "carol@mx.test"]),
        MSG,
        ServerConfig::default(),
    );
    sim.run();
    assert!(sim.is_done());
    assert_eq!(sim.outcome().status, Status::Delivered);
    assert_eq!(sim.messages().len(), 1);
    let m = &sim.messages()[0];
    assert_eq!(m.content, normalize_line_endings(MSG));
    assert_eq!(m.reverse_path, "alice@client.test");
    assert_eq!(m.recipients, ["bob@mx.test", "carol@mx.test"]);
    assert!(sim.server().is_closed());
    // Both sides appear, and the stuffed dots are on the wire.
    let wire: String = sim
        .transcript()
        .iter()
        .filter_map(|e| match e {
            Entry::Wire {
                from: Side::Client,
                text,
            } => Some(text.as_str()),
            _ => None,
        })
        .collect();
    assert!(
        wire.contains("\r\n..leading dot\r\n..\r\nbody\r\n.\r\nQUIT\r\n"),
        "{wire}"
    );
    assert!(sim
        .transcript()
        .iter()
        .any(|e| e.side() == Side::Server && matches!(e, Entry::Wire { .. })));
    assert!(sim.steps() < 20, "{} steps", sim.steps());
}

#[test]
fn stepping_one_exchange_at_a_time() {
    let mut sim = Simulation::new(
        ClientConfig::default(),
        envelope(&["bob@mx.test"]),
        MSG,
        ServerConfig::default(),
    );
    let first = sim.step().to_vec();
    let wire: Vec<_> = first
        .iter()
        .filter(|e| matches!(e, Entry::Wire { .. }))
        .collect();
    assert!(
        matches!(wire[..], [Entry::Wire { from: Side::Server, text }] if text.starts_with("220 ")),
        "{first:?}"
    );
    let mut n = 1;
    while !sim.is_done() {
        assert!(!sim.step().is_empty());
        n += 1;
        assert!(n < 50);
    }
    assert!(sim.step().is_empty(), "nothing after the end");
    assert_eq!(sim.outcome().status, Status::Delivered);
}

/// (faults, client config changes, recipients, statuses, overall, a command that must appear,
/// a command that must not)
type Row = (
    &'static [&'static str],
    fn(&mut ClientConfig),
    &'static [&'static str],
    &'static [RecipientStatus],
    Status,
    &'static str,
    &'static str,
);

fn plain(_: &mut ClientConfig) {}
fn no_pipelining(c: &mut ClientConfig) {
    c.pipelining = false;
}
fn chunking(c: &mut ClientConfig) {
    c.chunking = true;
    c.bdat_chunk_size = 7;
}

#[test]
fn faults_and_how_the_client_reacts() {
    let two: &[&str] = &["bob@mx.test", "carol@mx.test"];
    let rows: &[Row] = &[
        (
            &["rcpt:450"],
            no_pipelining,
            two,
            &[RetryLater, Delivered],
            Status::PartiallyDelivered,
            "DATA",
            "",
        ),
        (
            &["rcpt:450"],
            plain,
            two,
            &[RetryLater, Delivered],
            Status::PartiallyDelivered,
            "DATA",
            "",
        ),
        (
            &["rcpt:450:always"],
            no_pipelining,
            two,
            &[RetryLater, RetryLater],
            Status::RetryLater,
            "QUIT",
            "DATA",
        ),
        (
            &["rcpt:452"],
            no_pipelining,
            two,
            &[RetryLater, RetryLater],
            Status::RetryLater,
            "QUIT",
            "RCPT TO:<carol@mx.test>",
        ),
        (
            &["mail:421"],
            no_pipelining,
            two,
            &[RetryLater, RetryLater],
            Status::RetryLater,
            "MAIL FROM:<alice@client.test> SIZE=39",
            "QUIT",
        ),
        (
            &["mail:421"],
            plain,
            two,
            &[RetryLater, RetryLater],
            Status::RetryLater,
            "DATA",
            "QUIT",
        ),
        (
            &["end:552"],
            plain,
            two,
            &[Failed, Failed],
            Status::Failed,
            "QUIT",
            "",
        ),
        (
            &["end:451"],
            chunking,
            two,
            &[RetryLater, RetryLater],
            Status::RetryLater,
            "BDAT 4 LAST",
            "DATA",
        ),
        (
            &["data:554"],
            no_pipelining,
            two,
            &[Failed, Failed],
            Status::Failed,
            "QUIT",
            "",
        ),
        (
            &["greeting:554"],
            plain,
            two,
            &[Failed, Failed],
            Status::Failed,
            "QUIT",
            "EHLO client.example.test",
        ),
        (
            &["greeting:421"],
            plain,
            two,
            &[RetryLater, RetryLater],
            Status::RetryLater,
            "",
            "QUIT",
        ),
        (
            &["ehlo:500"],
            plain,
            two,
            &[Delivered, Delivered],
            Status::Delivered,
            "HELO client.example.test",
            "MAIL FROM:<alice@client.test> SIZE=39",
        ),
        (
            &["quit:421"],
            plain,
            two,
            &[Delivered, Delivered],
            Status::Delivered,
            "QUIT",
            "",
        ),
        (
            &["rcpt:550", "rcpt:550"],
            plain,
            two,
            &[Failed, Failed],
            Status::Failed,
            "DATA",
            "",
        ),
        (
            &[],
            chunking,
            two,
            &[Delivered, Delivered],
            Status::Delivered,
            "BDAT 7",
            "DATA",
        ),
    ];
    for (i, &(faults, tweak, to, want, status, present, absent)) in rows.iter().enumerate() {
        let mut cfg = ClientConfig::default();
        tweak(&mut cfg);
        let mut sim = Simulation::new(cfg, envelope(to), MSG, server_with(faults));
        sim.run();
        let cmds = client_commands(&sim);
        let row = format!("row {i} {faults:?}: {cmds:?}");
        assert!(sim.is_done(), "{row}");
        assert_eq!(statuses(&sim), want, "{row}");
        assert_eq!(sim.outcome().status, status, "{row}");
        if !present.is_empty() {
            assert!(
                cmds.iter().any(|c| c == present),
                "{row}: missing {present}"
            );
        }
        if !absent.is_empty() {
            assert!(!cmds.iter().any(|c| c == absent), "{row}: has {absent}");
        }
        // Whatever the server accepted is exactly the message.
        for m in sim.messages() {
            assert_eq!(m.content, normalize_line_endings(MSG), "{row}");
        }
        assert_eq!(
            sim.messages().len(),
            usize::from(sim.outcome().any_delivered()),
            "{row}"
        );
    }
}

#[test]
fn the_server_recipient_limit_gives_452() {
    let server = ServerConfig {
        max_recipients: 1,
        ..ServerConfig::default()
    };
    for pipelining in [false, true] {
        let cfg = ClientConfig {
            pipelining,
            ..ClientConfig::default()
        };
        let mut sim = Simulation::new(
            cfg,
            envelope(&["a@mx.test", "b@mx.test", "c@mx.test"]),
            MSG,
            server.clone(),
        );
        sim.run();
        assert_eq!(
            statuses(&sim),
            [Delivered, RetryLater, RetryLater],
            "pipelining {pipelining}"
        );
        let r = &sim.outcome().recipients[1];
        assert_eq!(r.reply.as_ref().unwrap().code, 452);
        assert_eq!(sim.messages()[0].recipients, ["a@mx.test"]);
    }
}

#[test]
fn starttls_and_auth_against_our_server() {
    let cfg = ClientConfig {
        starttls: true,
        auth: Some(Credentials {
            user: "alice".into(),
            password: "wonderland".into(),
        }),
        ..ClientConfig::default()
    };
    let mut sim = Simulation::new(
        cfg.clone(),
        envelope(&["bob@mx.test"]),
        MSG,
        ServerConfig::default(),
    );
    sim.run();
    let cmds = client_commands(&sim);
    assert_eq!(sim.outcome().status, Status::Delivered, "{cmds:?}");
    assert_eq!(
        cmds[..3],
        [
            "EHLO client.example.test",
            "STARTTLS",
            "EHLO client.example.test"
        ]
    );
    assert!(cmds[3].starts_with("AUTH PLAIN "), "{cmds:?}");

    let bad = ClientConfig {
        auth: Some(Credentials {
            user: "alice".into(),
            password: "wrong".into(),
        }),
        ..cfg
    };
    let mut sim = Simulation::new(
        bad,
        envelope(&["bob@mx.test"]),
        MSG,
        ServerConfig::default(),
    );
    sim.run();
    assert_eq!(sim.outcome().status, Status::Failed);
    assert_eq!(
        sim.outcome().recipients[0].reply.as_ref().unwrap().code / 100,
        5
    );
    assert!(sim.messages().is_empty());
}

#[test]
fn utf8_and_8bit_against_our_server() {
    let msg = "Subject: caf\u{e9}\r\n\r\n\u{e0} bient\u{f4}t\r\n".as_bytes();
    let mut sim = Simulation::new(
        ClientConfig::default(),
        envelope(&["jos\u{e9}@mx.test"]),
        msg,
        ServerConfig::default(),
    );
    sim.run();
    let cmds = client_commands(&sim);
    assert_eq!(sim.outcome().status, Status::Delivered, "{cmds:?}");
    assert!(
        cmds.iter().any(|c| c.ends_with("BODY=8BITMIME SMTPUTF8")),
        "{cmds:?}"
    );
    assert_eq!(sim.messages()[0].content, normalize_line_endings(msg));

    // Without SMTPUTF8 on the server, the client does not send the message.
    let mut server = ServerConfig::default();
    server.extensions.smtputf8 = false;
    let mut sim = Simulation::new(
        ClientConfig::default(),
        envelope(&["jos\u{e9}@mx.test"]),
        msg,
        server,
    );
    sim.run();
    assert_eq!(sim.outcome().error, Some(ClientError::ExtensionMissing));
    assert!(sim.messages().is_empty());
}

#[test]
fn fault_specs() {
    let f = parse_fault("rcpt:450").unwrap();
    assert_eq!((f.command, f.times), (FaultPoint::Rcpt, FaultTimes::Once));
    assert_eq!(f.reply, usual_reply(450));
    let f = parse_fault("END:552:always").unwrap();
    assert_eq!(
        (f.command, f.times),
        (FaultPoint::EndOfData, FaultTimes::Always)
    );
    let f = parse_fault("mail:451:4.7.1 Greylisted: come back later").unwrap();
    assert_eq!(f.times, FaultTimes::Once);
    assert_eq!(f.reply.enhanced.unwrap().to_string(), "4.7.1");
    assert_eq!(f.reply.lines, ["Greylisted: come back later"]);
    let f = parse_fault("data:554:always:No thanks").unwrap();
    assert_eq!(f.times, FaultTimes::Always);
    assert_eq!(f.reply.lines, ["No thanks"]);
    assert_eq!(
        parse_fault("lunch:450"),
        Err(FaultSpecError::UnknownCommand)
    );
    assert_eq!(parse_fault("rcpt:4500"), Err(FaultSpecError::BadCode));
    assert_eq!(parse_fault("rcpt:199"), Err(FaultSpecError::BadCode));
    assert_eq!(parse_fault("rcpt"), Err(FaultSpecError::BadCode));
    // Found by the options fuzz target: 276 put a line no client reads as a reply on the wire.
    for bad in ["end:276:x", "rcpt:460", "mail:599", "rcpt:29"] {
        assert_eq!(parse_fault(bad), Err(FaultSpecError::BadCode), "{bad}");
    }
    assert!(parse_fault("rcpt:259").is_ok());
    // Issue 8, defect 10: a CRLF in the text put a second, injected reply on the wire.
    for bad in [
        "rcpt:450:x\r\n250 2.1.5 injected",
        "rcpt:450:always:x\n250 ok",
        "mail:421:bye\r",
        "data:554:\u{0}",
        "end:552:\u{1b}[2J",
        "end:552:\u{7f}",
        "end:552:\u{85}",
    ] {
        assert_eq!(
            parse_fault(bad),
            Err(FaultSpecError::ControlCharacter),
            "{bad:?}"
        );
    }
    let long = format!("rcpt:450:4.2.0 {}", "x".repeat(500));
    assert_eq!(parse_fault(&long), Err(FaultSpecError::TooLong));
    assert!(parse_fault(&format!("rcpt:450:4.2.0 {}", "x".repeat(490))).is_ok());
    let f = parse_fault("rcpt:450:4.2.0 a\ttab is text (RFC 5321 §4.2)").unwrap();
    assert_eq!(f.reply.lines, ["a\ttab is text (RFC 5321 §4.2)"]);
    assert_eq!(usual_reply(354).enhanced, None);
}

#[cfg(not(target_arch = "wasm32"))]
mod props {
    use super::*;
    use proptest::prelude::*;

    fn fault() -> impl Strategy<Value = String> {
        let points = prop::sample::select(vec![
            "greeting", "ehlo", "helo", "mail", "rcpt", "data", "end", "bdat", "rset", "quit",
            "starttls", "auth",
        ]);
        let codes = prop::sample::select(vec![
            220u16, 221, 250, 251, 334, 354, 421, 450, 451, 452, 500, 502, 503, 550, 552, 554,
        ]);
        let times = prop::sample::select(vec!["once", "always"]);
        (points, codes, times).prop_map(|(p, c, t)| format!("{p}:{c}:{t}"))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        /// Any message, any faults, any client options: the session ends, and whatever the
        /// server accepted is the message, byte for byte.
        #[test]
        fn every_session_ends_and_delivers_exactly(
            msg in prop::collection::vec(prop_oneof![Just(b'.'), Just(b'\r'), Just(b'\n'), Just(b'x'), 0x20u8..0x7f], 0..300),
            faults in prop::collection::vec(fault(), 0..3),
            pipelining: bool, chunking: bool, ehlo: bool, chunk in 0usize..20,
        ) {
            let cfg = ClientConfig { pipelining, chunking, ehlo, bdat_chunk_size: chunk, ..ClientConfig::default() };
            let faults: Vec<&str> = faults.iter().map(String::as_str).collect();
            let mut sim = Simulation::new(cfg, envelope(&["bob@mx.test", "carol@mx.test"]), &msg, server_with(&faults));
            sim.run();
            prop_assert!(sim.is_done());
            // One step per exchange: a few for the envelope, one per BDAT chunk.
            let bound = 30 + 2 * msg.len() / chunk.max(1);
            prop_assert!(sim.steps() < bound, "{} steps", sim.steps());
            let o = sim.outcome();
            prop_assert!(o.status != Status::InProgress);
            let want = normalize_line_endings(&msg);
            // A forced 2yz/3yz on BDAT drops that chunk while the client, told all is well,
            // goes on: the server lies, so the content cannot match.
            let lying = faults.iter().any(|f| f.starts_with("bdat:2") || f.starts_with("bdat:3"));
            for m in sim.messages().iter().filter(|_| !lying) {
                prop_assert_eq!(&m.content, &want);
            }
            if faults.is_empty() {
                prop_assert_eq!(o.status, Status::Delivered);
                prop_assert_eq!(sim.messages().len(), 1);
            }
        }
    }
}
