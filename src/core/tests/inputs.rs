//! What the server says it takes next, how many bad commands it still takes, and which 503 a
//! command gets in each state before it (RFC 5321 §4.1.4).

use smtp_sim_core::command::Verb;
use smtp_sim_core::server::{Input, ServerConfig, ServerSession, State};

fn session() -> ServerSession {
    let mut s = ServerSession::new(ServerConfig::default());
    s.take_output();
    s
}

fn said(s: &mut ServerSession, input: &str) -> String {
    s.receive(input.as_bytes());
    String::from_utf8(s.take_output()).expect("ASCII replies")
}

const TX: &str = "EHLO c\r\nMAIL FROM:<a@b.example>\r\nRCPT TO:<c@d.example>\r\n";

#[test]
fn an_open_chunk_takes_only_octets() {
    // Before: the state read Rcpt and the page offered DATA, which became chunk content.
    let mut s = session();
    said(&mut s, TX);
    assert!(s.inputs().contains(&Input::Command(Verb::Data)));
    said(&mut s, "BDAT 3\r\n");
    assert_eq!(s.state(), State::Rcpt);
    assert_eq!(s.inputs(), [Input::ChunkOctets { left: 3 }]);
    assert_eq!(said(&mut s, "DA"), "");
    assert_eq!(s.inputs(), [Input::ChunkOctets { left: 1 }]);
    assert_eq!(said(&mut s, "T"), "250 2.0.0 3 octets received\r\n");
    assert_eq!(s.inputs(), State::Bdat.inputs());
}

#[test]
fn a_huge_chunk_swallows_rset_and_says_so() {
    let mut s = session();
    said(&mut s, "EHLO c\r\nBDAT 999999999999\r\n");
    assert_eq!(said(&mut s, "RSET\r\n"), "");
    assert_eq!(
        s.inputs(),
        [Input::ChunkOctets {
            left: 999_999_999_993
        }]
    );
}

#[test]
fn every_state_but_data_and_auth_takes_commands() {
    let s = session();
    assert_eq!(s.inputs(), State::Connected.inputs());
    assert_eq!(State::Data.inputs(), [Input::MessageLine, Input::EndOfData]);
    assert_eq!(
        State::Auth.inputs(),
        [Input::AuthResponse, Input::AuthCancel]
    );
    assert!(State::Closed.inputs().is_empty());
}

#[test]
fn mail_rcpt_data_and_bdat_before_hello_get_the_same_answer() {
    // Before: MAIL got "Send HELO or EHLO first", DATA "Need MAIL command", RCPT "Need MAIL
    // before RCPT", although the missing step is the same (RFC 5321 §4.1.4).
    let answers: Vec<String> = [
        "MAIL FROM:<a@b.example>",
        "RCPT TO:<c@d.example>",
        "DATA",
        "BDAT 0",
    ]
    .iter()
    .map(|line| said(&mut session(), &format!("{line}\r\n")))
    .collect();
    for a in &answers {
        assert_eq!(a, "503 5.5.1 Send HELO or EHLO first\r\n");
    }
}

#[test]
fn the_state_before_tells_which_check_refused_starttls_and_auth() {
    // Connected: no hello yet, even after a TLS handshake.
    let mut s = session();
    assert_eq!(
        said(&mut s, "EHLO c\r\nSTARTTLS\r\n").lines().last(),
        Some("220 2.0.0 Ready to start TLS")
    );
    assert_eq!(
        said(&mut s, "STARTTLS\r\n"),
        "503 5.5.1 Send EHLO first\r\n"
    );
    // Ready: TLS is already on.
    said(&mut s, "EHLO c\r\n");
    assert_eq!(
        said(&mut s, "STARTTLS\r\n"),
        "503 5.5.1 TLS already active\r\n"
    );
    // A transaction: it must come before MAIL, whatever else is true.
    said(
        &mut s,
        "AUTH PLAIN AGFsaWNlAHdvbmRlcmxhbmQ=\r\nMAIL FROM:<a@b.example>\r\n",
    );
    assert_eq!(
        said(&mut s, "STARTTLS\r\n"),
        "503 5.5.1 Mail transaction in progress\r\n"
    );
    assert_eq!(
        said(&mut s, "AUTH LOGIN\r\n"),
        "503 5.5.1 AUTH not allowed during a mail transaction\r\n"
    );
    said(&mut s, "RSET\r\n");
    assert_eq!(
        said(&mut s, "AUTH LOGIN\r\n"),
        "503 5.5.1 Already authenticated\r\n"
    );
}

#[test]
fn bad_commands_left_counts_down_to_the_421() {
    let mut s = session();
    let max = ServerConfig::default().max_errors;
    assert_eq!(s.bad_commands_left(), Some(max));
    said(&mut s, "\r\nFOO\r\n");
    assert_eq!(s.bad_commands_left(), Some(max - 2));
    // Any good reply starts the count again.
    said(&mut s, "NOOP\r\n");
    assert_eq!(s.bad_commands_left(), Some(max));
    for _ in 1..max {
        said(&mut s, "\r\n");
    }
    assert_eq!(s.bad_commands_left(), Some(1));
    assert!(!s.is_closed());
    let last = said(&mut s, "\r\n");
    assert!(
        last.ends_with("421 4.7.0 mx.example.test Error: too many errors\r\n"),
        "{last}"
    );
    assert!(s.is_closed());

    let never = ServerSession::new(ServerConfig {
        max_errors: 0,
        ..ServerConfig::default()
    });
    assert_eq!(never.bad_commands_left(), None);
}
