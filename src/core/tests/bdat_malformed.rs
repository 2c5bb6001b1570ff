//! Every malformed BDAT form (issue 13, item 2). RFC 3030 §2: the octets after a BDAT line are
//! message data, so none of them may ever be read as a command. When the size can be read the
//! chunk is read and then the line refused; when it cannot, the session ends with 521 as
//! Postfix ends it. Before: `BDAT 6 FINAL` then `NOOP<CRLF>` got 501 and then 250 — the chunk
//! ran as a command.

use smtp_sim_core::server::{Event, ServerConfig, ServerSession};

const TX: &str = "EHLO c\r\nMAIL FROM:<a@b.example>\r\nRCPT TO:<c@d.example>\r\n";

/// The replies after the transaction's, one per line, and whether the session closed.
fn after_tx(config: ServerConfig, input: &str) -> (Vec<String>, bool) {
    let mut s = ServerSession::new(config);
    s.receive(TX.as_bytes());
    while s.poll_event().is_some() {}
    s.take_output();
    s.receive(input.as_bytes());
    let mut commands = Vec::new();
    while let Some(e) = s.poll_event() {
        if let Event::Command { line, .. } = e {
            commands.push(line);
        }
    }
    // The chunk's NOOP line is never a command.
    assert!(
        !commands.iter().any(|c| c == "NOOP"),
        "{input:?}: {commands:?}"
    );
    let out = String::from_utf8(s.take_output()).unwrap();
    (out.lines().map(str::to_owned).collect(), s.is_closed())
}

const SYNTAX_501: &str = "501 5.5.4 Syntax: BDAT <octets> [LAST]";
const SYNTAX_521: &str = "521 5.5.4 Syntax: BDAT <octets> [LAST]";

#[test]
fn a_readable_size_means_the_chunk_is_read_then_refused() {
    for line in [
        "BDAT 6 FINAL",
        "BDAT 6 LAST x",
        "BDAT 6 last LAST",
        "BDAT 6 LAST LAST",
        "BDAT 6 NEXT",
        "BDAT 6 =LAST",
        "BDAT 000006 FINAL",
    ] {
        // The six octets "NOOP\r\n" are the chunk; the RSET after it is the next command.
        let input = format!("{line}\r\nNOOP\r\nRSET\r\n");
        let (replies, closed) = after_tx(ServerConfig::default(), &input);
        assert_eq!(replies, [SYNTAX_501, "250 2.0.0 Ok"], "{line}");
        assert!(!closed, "{line}");
    }
}

#[test]
fn an_unreadable_size_ends_the_session_with_521() {
    for line in [
        "BDAT",
        "BDAT ",
        "BDAT x",
        "BDAT -6",
        "BDAT +6",
        "BDAT 6x",
        "BDAT 0x6",
        "BDAT 6.0",
        "BDAT LAST",
        "BDAT LAST 6",
        "BDAT 99999999999999999999",
        "BDAT 18446744073709551616",
        "BDAT \u{663}",
    ] {
        let input = format!("{line}\r\nNOOP\r\nRSET\r\n");
        let (replies, closed) = after_tx(ServerConfig::default(), &input);
        assert_eq!(replies, [SYNTAX_521], "{line}");
        assert!(closed, "{line}");
    }
}

#[test]
fn a_too_long_bdat_line_with_a_size_still_has_its_chunk_read() {
    let line = format!("BDAT 6 {}", "x".repeat(600));
    let input = format!("{line}\r\nNOOP\r\nRSET\r\n");
    let (replies, closed) = after_tx(ServerConfig::default(), &input);
    assert_eq!(replies.len(), 2, "{replies:?}");
    assert!(replies[0].starts_with("500 5.5.2"), "{replies:?}");
    assert_eq!(replies[1], "250 2.0.0 Ok");
    assert!(!closed);
}

#[test]
fn a_refused_bdat_still_has_its_chunk_read() {
    // Refused for the state (no hello), for the extension (off), and for a 554 greeting.
    let mut s = ServerSession::new(ServerConfig::default());
    s.take_output();
    s.receive(b"BDAT 6 LAST\r\nNOOP\r\nRSET\r\n");
    let out = String::from_utf8(s.take_output()).unwrap();
    assert_eq!(out, "503 5.5.1 Send HELO or EHLO first\r\n250 2.0.0 Ok\r\n");

    let mut off = ServerConfig::default();
    off.extensions.chunking = false;
    let (replies, _) = after_tx(off, "BDAT 6 LAST\r\nNOOP\r\nRSET\r\n");
    assert_eq!(replies, ["502 5.5.1 BDAT not available", "250 2.0.0 Ok"]);
}

#[test]
fn bdat_inside_an_auth_exchange_is_a_response_not_a_chunk() {
    // From the fuzzer (a false alarm of its first BDAT property, kept as a test): inside AUTH
    // LOGIN the line "BDAT 8" is the client's base64 answer, so no chunk follows it.
    let mut s = ServerSession::new(ServerConfig::default());
    s.receive(b"EHLO c\r\nAUTH LOGIN\r\n");
    s.take_output();
    s.receive(b"BDAT 8\r\nNOOP\r\n");
    let out = String::from_utf8(s.take_output()).unwrap();
    assert_eq!(
        out,
        "501 5.5.2 Cannot decode base64 response\r\n250 2.0.0 Ok\r\n"
    );
}
