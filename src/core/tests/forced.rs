//! Forced replies (`reply:` rules of a lesson, `--fault` of the demo): address patterns, strike
//! counts, a forced 2xx that carries the command out, and the rule that a command refused for its
//! sequence or syntax never uses a strike.

use smtp_sim_core::forced::PathPattern;
use smtp_sim_core::reply::{EnhancedCode, Reply};
use smtp_sim_core::server::{
    Event, Fault, FaultPoint, FaultTimes, Message, ServerConfig, ServerSession, State,
};

fn rule(point: FaultPoint, pattern: Option<&str>, times: FaultTimes, reply: &str) -> Fault {
    let (code, rest) = reply.split_at(3);
    let (enhanced, text) = smtp_sim_core::reply::split_enhanced(rest.trim_start());
    Fault {
        command: point,
        reply: Reply::new(code.parse().unwrap(), enhanced, text),
        times,
        pattern: pattern.map(|p| PathPattern::parse(p).unwrap()),
    }
}

/// Feeds each line (CRLF added) and returns one reply line per input (the last line of the
/// replies it caused, or "-"), the messages accepted and the final state.
fn session(faults: Vec<Fault>, lines: &[&str]) -> (Vec<String>, Vec<Message>, State) {
    let mut s = ServerSession::new(ServerConfig {
        faults,
        ..ServerConfig::default()
    });
    s.take_output();
    while s.poll_event().is_some() {}
    let mut replies = Vec::new();
    let mut messages = Vec::new();
    for line in lines {
        s.receive(format!("{line}\r\n").as_bytes());
        while let Some(e) = s.poll_event() {
            if let Event::MessageReceived(m) = e {
                s.accept_message(&m.id.to_string());
                messages.push(m);
            }
        }
        let out = String::from_utf8(s.take_output()).unwrap();
        replies.push(out.lines().last().unwrap_or("-").to_owned());
    }
    (replies, messages, s.state())
}

const GREET: &str = "EHLO c.example";

#[test]
fn patterns_and_counts() {
    let faults = vec![
        rule(
            FaultPoint::Rcpt,
            Some("<*@gone.example.test>"),
            FaultTimes::Always,
            "550 5.1.1 User unknown",
        ),
        rule(
            FaultPoint::Rcpt,
            Some("<carol@example.test>"),
            FaultTimes::Once,
            "450 4.7.1 Greylisted",
        ),
    ];
    let (r, m, state) = session(
        faults,
        &[
            GREET,
            "MAIL FROM:<ana@example.test>",
            "RCPT TO:<joao@GONE.example.test>",
            "RCPT TO:<maria@gone.example.test>",
            "RCPT TO:<carol@example.test>",
            "RCPT TO:<carol@example.test>",
            "RCPT TO:<bia@example.test>",
            "DATA",
            "hi",
            ".",
        ],
    );
    assert_eq!(
        r[2..7],
        [
            "550 5.1.1 User unknown",
            "550 5.1.1 User unknown",
            "450 4.7.1 Greylisted",
            "250 2.1.5 Ok",
            "250 2.1.5 Ok"
        ]
    );
    assert_eq!(m[0].recipients, ["carol@example.test", "bia@example.test"]);
    assert_eq!(state, State::Ready);
}

#[test]
fn a_forced_251_accepts_the_recipient() {
    let faults = vec![rule(
        FaultPoint::Rcpt,
        Some("<davi@moved.example.test>"),
        FaultTimes::Always,
        "251 2.1.5 User not local; will forward to <davi@new.example.test>",
    )];
    let (r, m, _) = session(
        faults,
        &[
            GREET,
            "MAIL FROM:<ana@example.test>",
            "RCPT TO:<davi@moved.example.test>",
            "DATA",
            ".",
        ],
    );
    assert_eq!(
        r[2],
        "251 2.1.5 User not local; will forward to <davi@new.example.test>"
    );
    assert_eq!(r[3], "354 End data with <CR><LF>.<CR><LF>");
    assert_eq!(m[0].recipients, ["davi@moved.example.test"]);
}

#[test]
fn a_rule_never_strikes_out_of_sequence() {
    let faults = vec![rule(
        FaultPoint::Rcpt,
        None,
        FaultTimes::Once,
        "450 4.7.1 Greylisted",
    )];
    let (r, _, state) = session(
        faults,
        &[
            GREET,
            "RCPT TO:<bia@example.test>",
            "RCPT bia",
            "MAIL FROM:<ana@example.test>",
            "RCPT TO:<bia@example.test>",
            "RCPT TO:<bia@example.test>",
        ],
    );
    assert_eq!(r[1], "503 5.5.1 Need MAIL before RCPT");
    assert!(r[2].starts_with("501 "), "{}", r[2]);
    // The one strike is still there for the first RCPT in sequence.
    assert_eq!(r[4], "450 4.7.1 Greylisted");
    assert_eq!(r[5], "250 2.1.5 Ok");
    assert_eq!(state, State::Rcpt);
}

#[test]
fn n_times_at_the_end_of_data_and_a_forced_success() {
    let faults = vec![rule(
        FaultPoint::EndOfData,
        None,
        FaultTimes::Times(2),
        "451 4.3.0 Queue file write error",
    )];
    let tx = [
        GREET,
        "MAIL FROM:<>",
        "RCPT TO:<bia@example.test>",
        "DATA",
        "x",
        ".",
    ];
    let lines: Vec<&str> = tx.iter().chain(&tx[1..]).chain(&tx[1..]).copied().collect();
    let (r, m, _) = session(faults, &lines);
    assert_eq!(r[5], "451 4.3.0 Queue file write error");
    assert_eq!(r[10], "451 4.3.0 Queue file write error");
    assert_eq!(r[15], "250 2.0.0 Ok: queued as 1");
    assert_eq!(m.len(), 1);

    let faults = vec![rule(
        FaultPoint::EndOfData,
        None,
        FaultTimes::Always,
        "250 2.0.0 Accepted for delivery",
    )];
    let (r, m, _) = session(faults, &tx);
    assert_eq!(r[5], "250 2.0.0 Accepted for delivery");
    assert_eq!(m.len(), 1);
}

#[test]
fn step_rules_come_first_with_fresh_counts() {
    let mut s = ServerSession::new(ServerConfig {
        faults: vec![rule(
            FaultPoint::Noop,
            None,
            FaultTimes::Always,
            "250 2.0.0 header",
        )],
        ..ServerConfig::default()
    });
    s.take_output();
    let noop = |s: &mut ServerSession| {
        s.receive(b"NOOP\r\n");
        String::from_utf8(s.take_output()).unwrap()
    };
    s.set_step_faults(vec![rule(
        FaultPoint::Noop,
        None,
        FaultTimes::Once,
        "250 2.0.0 step",
    )]);
    assert_eq!(noop(&mut s), "250 2.0.0 step\r\n");
    assert_eq!(noop(&mut s), "250 2.0.0 header\r\n");
    s.set_step_faults(vec![rule(
        FaultPoint::Noop,
        None,
        FaultTimes::Once,
        "250 2.0.0 step",
    )]);
    assert_eq!(noop(&mut s), "250 2.0.0 step\r\n");
    s.set_step_faults(Vec::new());
    assert_eq!(noop(&mut s), "250 2.0.0 header\r\n");
}

#[test]
fn a_mail_pattern_matches_the_null_sender_only_as_written() {
    let faults = vec![rule(
        FaultPoint::Mail,
        Some("<>"),
        FaultTimes::Always,
        "550 5.7.1 No bounces here",
    )];
    let (r, _, _) = session(
        faults,
        &[
            GREET,
            "MAIL FROM:<ana@example.test>",
            "RSET",
            "MAIL FROM:<>",
        ],
    );
    assert_eq!(r[1], "250 2.1.0 Ok");
    assert_eq!(r[3], "550 5.7.1 No bounces here");
    // The enhanced code given with the rule is the one sent.
    assert_eq!(
        rule(FaultPoint::Mail, None, FaultTimes::Once, "550 5.7.1 x")
            .reply
            .enhanced,
        Some(EnhancedCode::new(5, 7, 1))
    );
}
