//! The two-hop smuggling lab: where each hop ends the data, how many messages each accepts, and
//! the matrix of every vector against every persona, held to the project's research table.

use smtp_sim_core::lab::{self, LabSettings, Reading, Relay, PRELUDE, VECTORS};
use smtp_sim_core::server::Persona;

fn vector(name: &str) -> lab::Vector {
    VECTORS.into_iter().find(|v| v.name == name).unwrap()
}

fn split(relay: Relay, inbound: Persona, name: &str) -> (usize, usize) {
    let run = lab::run(
        LabSettings { relay, inbound },
        &PRELUDE,
        &vector(name).payload(),
    );
    (run.accepted(), run.delivered())
}

#[test]
fn one_message_at_a_two_at_a_vulnerable_b() {
    let payload = vector("lfcrlf").payload();
    let run = lab::run(
        LabSettings {
            relay: Relay::Passthrough,
            inbound: Persona::Vulnerable,
        },
        &PRELUDE,
        &payload,
    );
    assert_eq!((run.accepted(), run.delivered()), (1, 2));
    // A read every byte as data and ended at the last CRLF.CRLF.
    assert_eq!(run.relay_ribbon.ends, [payload.len()]);
    assert_eq!(run.relay_ribbon.spans.len(), 1);
    // B ended at "Hi Bia" LF . CRLF, read the smuggled commands, and ended again.
    let b = &run.inbound_ribbons[0];
    assert_eq!(b.ends[0], b"Hi Bia\n.\r\n".len());
    assert_eq!(
        b.spans.iter().map(|s| s.reading).collect::<Vec<_>>(),
        [Reading::Data, Reading::Commands, Reading::Data]
    );
    assert_eq!(
        run.inbound.messages[1].reverse_path,
        "ceo@bank.example.test"
    );
    // B's extra replies reveal the split: 250, 250, 354, 250 after the first message's 250.
    let b_codes: Vec<u16> = run
        .inbound
        .events
        .iter()
        .filter_map(|e| match e {
            smtp_sim_core::server::Event::Reply { reply, .. } => Some(reply.code),
            _ => None,
        })
        .collect();
    assert_eq!(
        b_codes,
        [220, 250, 250, 250, 354, 250, 250, 250, 354, 250, 221]
    );
}

#[test]
fn each_fix() {
    use Persona::*;
    use Relay::*;
    // B ends data only at CRLF.CRLF (lenient, Postfix's default): one message.
    assert_eq!(split(Passthrough, Lenient, "lfcrlf"), (1, 1));
    // B refuses bare LF (strict, Postfix reject): the message is refused.
    assert_eq!(split(Passthrough, Strict, "lfcrlf"), (1, 0));
    // A refuses bare LF: nothing is relayed.
    assert_eq!(split(Reject, Vulnerable, "lfcrlf"), (0, 0));
    // A normalises, then stuffs: B, vulnerable or not, sees one message.
    assert_eq!(split(Normalize, Vulnerable, "lfcrlf"), (1, 1));
    // A "cleans" without stuffing again: it writes a real CRLF.CRLF, and even a strict B
    // delivers two.
    assert_eq!(split(Clean, Strict, "lfcrlf"), (1, 2));
    assert_eq!(split(Clean, Lenient, "lfcrlf"), (1, 2));
    // Pipelining: two honest messages at both hops.
    assert_eq!(split(Passthrough, Strict, "pipelining"), (2, 2));
}

/// With a passthrough A, either fix at B alone stops the smuggled message for every vector a
/// compliant client can produce (one message delivered, or the message refused).
#[test]
fn one_fix_at_b_is_enough() {
    for v in VECTORS.into_iter().filter(|v| v.name != "pipelining") {
        for b in [Persona::Strict, Persona::Lenient] {
            let (a, delivered) = split(Relay::Passthrough, b, v.name);
            assert_eq!(a, 1, "{}", v.name);
            assert!(delivered <= 1, "{} {b:?}: {delivered}", v.name);
        }
    }
}

/// Straight to B, the matrix agrees with `shared/research/end-of-data-matrix.md` for the columns
/// the personas model: B delivers two messages exactly where that server ends the data at the
/// vector. (Vector → the table's row; the table's columns for Postfix `no` and `normalize`.)
#[test]
fn the_matrix_agrees_with_the_research_table() {
    let table: &[(&str, bool, bool)] = &[
        ("lflf", true, false),
        ("lfcrlf", true, false),
        ("crlflf", true, false),
        ("crcrlf", false, false),
        ("crlfcr", false, false),
        ("nullbefore", false, false),
        // CRLF.CRCRLF: "no" in the table; Postfix's reader without bare-newline detection
        // strips the CRs (see src/core/tests/personas.rs).
        ("crlfcrcrlf", true, false),
    ];
    let cells = lab::matrix(None);
    for &(name, postfix_no, normalize) in table {
        let cell = |p: Persona| {
            cells
                .iter()
                .find(|c| c.vector == name && c.inbound == p)
                .unwrap()
        };
        assert_eq!(
            cell(Persona::Vulnerable).delivered == 2,
            postfix_no,
            "vulnerable {name}"
        );
        assert_eq!(
            cell(Persona::Lenient).delivered == 2,
            normalize,
            "lenient {name}"
        );
        let strict = cell(Persona::Strict);
        let bare_lf = vector(name)
            .payload()
            .windows(2)
            .any(|w| w[1] == b'\n' && w[0] != b'\r');
        if bare_lf {
            assert_eq!(
                (strict.delivered, strict.refused),
                (0, Some(550)),
                "strict {name}"
            );
        } else {
            assert_eq!(strict.delivered == 2, normalize, "strict {name}");
        }
    }
}

#[test]
fn vectors_a_compliant_client_cannot_produce() {
    let not: Vec<&str> = VECTORS
        .iter()
        .filter(|v| !v.producible())
        .map(|v| v.name)
        .collect();
    assert_eq!(
        not,
        [
            "crlflf",
            "crlfcr",
            "nullafter",
            "crlfcrcrlf",
            "crcrlfcrcrlf"
        ]
    );
    // Through a relay that stuffs every line starting with a dot, none of them splits.
    for v in VECTORS.iter().filter(|v| !v.producible()) {
        for b in Persona::ALL {
            assert!(
                split(Relay::Passthrough, b, v.name).1 <= 1,
                "{} {b:?}",
                v.name
            );
        }
    }
}

#[test]
fn emitted_bytes() {
    assert_eq!(
        lab::emit(Relay::Passthrough, b"a\n.\r\n.b\r\n"),
        b"a\n.\r\n..b\r\n.\r\n"
    );
    assert_eq!(
        lab::emit(Relay::Normalize, b"a\n.\r\n"),
        b"a\r\n..\r\n.\r\n"
    );
    assert_eq!(lab::emit(Relay::Clean, b"a\n.\r\n"), b"a\r\n.\r\n.\r\n");
}
