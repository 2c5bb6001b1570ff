//! A person playing the server, one typed line at a time (`ClientSession::receive_line`): what the
//! client makes of each line, how the reply fits (`client::State::fit`), and the name a server
//! may give itself (`server::is_server_name`).

use smtp_sim_core::client::{
    ClientConfig, ClientSession, Envelope, EventKind, Reading, RecipientStatus, State,
};
use smtp_sim_core::command::Verb;
use smtp_sim_core::reply::ReplyError;
use smtp_sim_core::sequence::{Fit, Prompt};
use smtp_sim_core::server::{is_server_name, State as ServerState};

fn client() -> ClientSession {
    let config = ClientConfig {
        pipelining: false,
        ..ClientConfig::default()
    };
    ClientSession::new(config, Envelope::example(), b"Subject: x\r\n\r\nhi\r\n")
}

fn drain(c: &mut ClientSession) {
    c.take_output();
    while c.poll_event().is_some() {}
}

/// The fit, what it answers and the server's state before, for a line that completes a reply.
fn reply(c: &mut ClientSession, line: &str) -> (Fit, Prompt, ServerState) {
    let r = c.receive_line(line);
    drain(c);
    match r {
        Reading::Reply {
            fit,
            answers,
            before,
            reply,
        } => {
            assert_eq!(reply.code.to_string(), line[..3], "{line}");
            (fit, answers, before)
        }
        other => panic!("{line:?}: {other:?}"),
    }
}

#[test]
fn each_line_says_what_it_answers_and_how_it_fits() {
    let mut c = client();
    drain(&mut c);
    let cmd = Prompt::Command;
    assert_eq!(
        reply(&mut c, "220 mx ready"),
        (Fit::Usual, Prompt::Connect, ServerState::Connected)
    );
    // A continuation line completes nothing; the last line completes the reply.
    assert_eq!(c.receive_line("250-mx.example.test"), Reading::Partial);
    assert_eq!(
        reply(&mut c, "250 8BITMIME"),
        (Fit::Usual, cmd(Verb::Ehlo), ServerState::Connected)
    );
    assert_eq!(
        reply(&mut c, "250 ok"),
        (Fit::Usual, cmd(Verb::Mail), ServerState::Ready)
    );
    assert_eq!(
        reply(&mut c, "554 5.7.1 Relay access denied"),
        (Fit::UnlistedRefusal, cmd(Verb::Rcpt), ServerState::Mail)
    );
    // No recipient: the client quits; anything but 221 or 421 to QUIT is unusual, never wrong.
    assert_eq!(c.state(), State::Quit);
    assert_eq!(
        reply(&mut c, "500 what?"),
        (Fit::Unusual, cmd(Verb::Quit), ServerState::Ready)
    );
    assert!(c.is_closed());
    assert_eq!(c.receive_line("221 bye"), Reading::Unsolicited);
    assert_eq!(c.outcome().recipients[0].status, RecipientStatus::Failed);
}

#[test]
fn a_line_that_is_not_a_reply_and_what_follows_a_line_break() {
    let mut c = client();
    drain(&mut c);
    assert_eq!(
        c.receive_line("hello"),
        Reading::Malformed {
            error: ReplyError::BadCode,
            answers: Prompt::Connect
        }
    );
    // The client gave up with QUIT; only the first line of typed text is read.
    assert_eq!(c.state(), State::Quit);
    let events: Vec<_> = std::iter::from_fn(|| c.poll_event()).collect();
    assert!(events
        .iter()
        .any(|e| matches!(e.kind, EventKind::MalformedReply(ReplyError::BadCode))));
    assert!(matches!(
        c.receive_line("221 bye\r\n250 smuggled"),
        Reading::Reply {
            fit: Fit::Usual,
            ..
        }
    ));
    assert!(c.is_closed());
}

#[test]
fn wrong_first_digits_are_what_the_client_gives_up_on() {
    // DATA wants 354: a 250 is wrong (RFC 5321 §4.3.2); after QUIT nothing is.
    assert_eq!(State::Data.fit(250), Some(Fit::Wrong));
    assert_eq!(State::Data.fit(354), Some(Fit::Usual));
    assert_eq!(State::Content.fit(250), Some(Fit::Usual));
    assert_eq!(State::Quit.fit(250), Some(Fit::Unusual));
    assert_eq!(State::Quit.fit(421), Some(Fit::Closing));
    assert_eq!(State::Quit.fit(221), Some(Fit::Usual));
    assert_eq!(State::Done.fit(250), None);
}

#[test]
fn names_a_server_may_give_itself() {
    for good in [
        "mx.example.test",
        "localhost",
        "[192.0.2.1]",
        "[IPv6:2001:db8::1]",
    ] {
        assert!(is_server_name(good), "{good}");
    }
    let long = format!("{}.test", "a".repeat(251));
    for bad in [
        "",
        "has space",
        "mx.exämple.test",
        "mx..test",
        "-mx.test",
        "mx\r\n250 x",
        "[999.0.0.1]",
        &long,
    ] {
        assert!(!is_server_name(bad), "{bad:?}");
    }
}
