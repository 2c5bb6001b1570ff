//! The adapter's verdict on a received message (RFC 5321 §6.1: a 250 is a promise), what each
//! reply answers, and the STARTTLS hand-over to a real TLS layer.

use smtp_sim_core::command::Verb;
use smtp_sim_core::sequence::{fit, Closing, Fit, Prompt};
use smtp_sim_core::server::{Event, ServerConfig, ServerSession, State, StoreFailure};

const TX: &[u8] = b"EHLO c.example\r\nMAIL FROM:<a@b.example>\r\nRCPT TO:<c@d.example>\r\n";

fn session() -> ServerSession {
    let mut s = ServerSession::new(ServerConfig::default());
    s.take_output();
    while s.poll_event().is_some() {}
    s
}

fn events(s: &mut ServerSession) -> Vec<Event> {
    std::iter::from_fn(|| s.poll_event()).collect()
}

/// A reply event's code, what it answers and the state before it; `None` for other events.
fn reply_of(e: &Event) -> Option<(u16, Prompt, State)> {
    match e {
        Event::Reply {
            reply,
            answers,
            before,
        } => Some((reply.code, *answers, *before)),
        _ => None,
    }
}

fn text(b: Vec<u8>) -> String {
    String::from_utf8(b).unwrap()
}

#[test]
fn no_reply_to_the_end_of_data_before_the_verdict() {
    let mut s = session();
    s.receive(TX);
    s.receive(b"DATA\r\nhello\r\n.\r\nNOOP\r\n");
    let out = text(s.take_output());
    assert!(
        out.ends_with("354 End data with <CR><LF>.<CR><LF>\r\n"),
        "{out}"
    );
    assert!(s.awaits_verdict());
    let evs = events(&mut s);
    let Some(Event::MessageReceived(m)) = evs.last() else {
        panic!("the message comes last: {evs:?}");
    };
    assert_eq!(m.content, b"hello\r\n");
    // The NOOP pipelined after the dot waits too: its 250 must not come before the verdict's.
    s.receive(b"QUIT\r\n");
    assert_eq!(s.take_output(), b"");
    s.accept_message("7F3A.1");
    assert_eq!(
        text(s.take_output()),
        "250 2.0.0 Ok: queued as 7F3A.1\r\n250 2.0.0 Ok\r\n221 2.0.0 Bye\r\n"
    );
    assert!(s.is_closed());
}

#[test]
fn a_failed_store_is_a_4yz_and_the_session_goes_on() {
    for (failure, line) in [
        (
            StoreFailure::Local,
            "451 4.3.0 Local error in processing: message not stored, try again later\r\n",
        ),
        (
            StoreFailure::Full,
            "452 4.3.1 Insufficient system storage: message not stored, try again later\r\n",
        ),
    ] {
        let mut s = session();
        s.receive(TX);
        s.receive(b"DATA\r\nhello\r\n.\r\n");
        s.take_output();
        s.refuse_message(failure);
        assert_eq!(text(s.take_output()), line);
        assert_eq!(s.state(), State::Ready);
        // A new transaction works after the refusal.
        s.receive(b"MAIL FROM:<a@b.example>\r\n");
        assert_eq!(text(s.take_output()), "250 2.1.0 Ok\r\n");
    }
}

#[test]
fn bdat_last_waits_for_the_verdict_too() {
    let mut s = session();
    s.receive(TX);
    s.receive(b"BDAT 5 LAST\r\nhello");
    assert!(s.awaits_verdict());
    let out = text(s.take_output());
    assert!(!out.contains("queued"), "{out}");
    s.accept_message("q1");
    let evs = events(&mut s);
    let reply = evs.iter().rev().find_map(reply_of);
    assert_eq!(reply, Some((250, Prompt::Command(Verb::Bdat), State::Rcpt)));
    assert!(text(s.take_output()).contains("queued as q1"));
}

#[test]
fn a_verdict_without_a_message_does_nothing() {
    let mut s = session();
    s.accept_message("x");
    s.refuse_message(StoreFailure::Full);
    assert_eq!(s.take_output(), b"");
    // Control characters in a queue id never reach the wire.
    s.receive(TX);
    s.receive(b"DATA\r\n.\r\n");
    s.take_output();
    s.accept_message("a\r\n250 b");
    assert_eq!(text(s.take_output()), "250 2.0.0 Ok: queued as a250b\r\n");
}

#[test]
fn each_reply_says_what_it_answers() {
    let mut s = ServerSession::new(ServerConfig::default());
    s.receive(TX);
    s.receive(b"DATA\r\n.\r\nXYZZY\r\nAUTH LOGIN\r\nYWxpY2U=\r\n");
    let mut answered = Vec::new();
    loop {
        let evs = events(&mut s);
        if evs.is_empty() {
            break;
        }
        for e in evs {
            if let Event::MessageReceived(_) = e {
                s.accept_message("1");
            }
            answered.extend(reply_of(&e));
        }
    }
    s.timeout();
    answered.extend(events(&mut s).iter().filter_map(reply_of));
    use Prompt::*;
    assert_eq!(
        answered,
        [
            (220, Connect, State::Connected),
            (250, Command(Verb::Ehlo), State::Connected),
            (250, Command(Verb::Mail), State::Ready),
            (250, Command(Verb::Rcpt), State::Mail),
            (354, Command(Verb::Data), State::Rcpt),
            (250, EndOfData, State::Data),
            (500, Unknown, State::Ready),
            (334, Command(Verb::Auth), State::Ready),
            (334, AuthResponse, State::Auth),
            (
                421,
                Closing(smtp_sim_core::sequence::Closing::Timeout),
                State::Auth
            ),
        ]
    );
    for (code, prompt, _) in answered {
        assert_ne!(fit(prompt, code), Fit::Wrong, "{code} to {prompt:?}");
    }
}

#[test]
fn the_421_after_too_many_errors_is_the_servers_own() {
    let cfg = ServerConfig {
        max_errors: 2,
        ..ServerConfig::default()
    };
    let mut s = ServerSession::new(cfg);
    s.receive(b"EHLO c\r\nFOO\r\nBAR\r\n");
    let last = events(&mut s).iter().rev().find_map(reply_of);
    assert_eq!(
        last,
        Some((421, Prompt::Closing(Closing::TooManyErrors), State::Ready))
    );
}

#[test]
fn starttls_hands_over_to_the_adapter() {
    let mut s = session();
    s.receive(b"EHLO c\r\nSTARTTLS\r\n");
    let evs = events(&mut s);
    assert_eq!(evs.last(), Some(&Event::StartTls));
    assert!(s.is_tls());
    assert!(text(s.take_output()).ends_with("220 2.0.0 Ready to start TLS\r\n"));
}

#[test]
fn implicit_tls_starts_secure_and_does_not_offer_starttls() {
    let cfg = ServerConfig {
        implicit_tls: true,
        ..ServerConfig::default()
    };
    let mut s = ServerSession::new(cfg);
    assert!(s.is_tls());
    s.take_output();
    s.receive(b"EHLO c\r\nSTARTTLS\r\n");
    let out = text(s.take_output());
    assert!(!out.contains("STARTTLS"), "{out}");
    assert!(out.ends_with("503 5.5.1 TLS already active\r\n"), "{out}");
}
