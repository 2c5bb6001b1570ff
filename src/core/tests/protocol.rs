//! Table-driven protocol tests for the server session.
//!
//! Each row is the client's input after the greeting and the exact replies expected (written
//! with `\n`; the wire has CRLF). Every row is run whole, byte by byte, and split in two at every
//! position; all runs must give the same output bytes and the same events.

use proptest::prelude::*;
use smtp_sim_core::data::{dot_stuff, normalize_line_endings};
use smtp_sim_core::reply::Reply;
use smtp_sim_core::sequence::{fit, Fit};
use smtp_sim_core::server::{
    Event, Fault, FaultPoint, FaultTimes, Message, Persona, ServerConfig, ServerSession, State,
    Warning,
};

macro_rules! ehlo_reply {
    () => {
        "250-mx.example.test\n250-PIPELINING\n250-SIZE 10485760\n250-8BITMIME\n250-SMTPUTF8\n\
         250-ENHANCEDSTATUSCODES\n250-CHUNKING\n250-STARTTLS\n250-AUTH PLAIN LOGIN\n250-DSN\n\
         250 HELP\n"
    };
}

/// EHLO, MAIL and one RCPT.
macro_rules! tx {
    () => {
        "EHLO c.example\r\nMAIL FROM:<a@b.example>\r\nRCPT TO:<c@d.example>\r\n"
    };
}

macro_rules! tx_reply {
    () => {
        concat!(ehlo_reply!(), "250 2.1.0 Ok\n250 2.1.5 Ok\n")
    };
}

type Configure = fn(&mut ServerConfig);

struct Row {
    name: String,
    configure: Configure,
    /// What the client sends, in flights: each flight is one `receive` call when run whole.
    flights: Vec<Vec<u8>>,
    expect: String,
}

fn default(_: &mut ServerConfig) {}
fn lenient(c: &mut ServerConfig) {
    c.persona = Persona::Lenient;
}
fn vulnerable(c: &mut ServerConfig) {
    c.persona = Persona::Vulnerable;
}
fn tiny(c: &mut ServerConfig) {
    c.max_message_size = 10;
}

fn row(name: &str, input: impl AsRef<[u8]>, expect: impl AsRef<str>) -> Row {
    row_with(name, default, input, expect)
}

fn row_with(
    name: &str,
    configure: Configure,
    input: impl AsRef<[u8]>,
    expect: impl AsRef<str>,
) -> Row {
    Row {
        name: name.to_owned(),
        configure,
        flights: vec![input.as_ref().to_vec()],
        expect: expect.as_ref().to_owned(),
    }
}

/// A forced reply for every address (no pattern).
fn fault(command: FaultPoint, times: FaultTimes, reply: Reply) -> Fault {
    Fault {
        command,
        reply,
        times,
        pattern: None,
    }
}

fn config(configure: Configure) -> ServerConfig {
    let mut c = ServerConfig::default();
    configure(&mut c);
    c
}

/// Runs a session on the given pieces; returns the output after the greeting and the events
/// after the greeting's.
/// Feeds the pieces as an adapter would: after each, drain the events and accept every message
/// that arrived (queue ids count from 1, as the simulation numbers them).
fn run(config: &ServerConfig, pieces: &[&[u8]]) -> (Vec<u8>, Vec<Event>) {
    let mut s = ServerSession::new(config.clone());
    let _greeting = s.take_output();
    while s.poll_event().is_some() {}
    let mut events = Vec::new();
    for p in pieces {
        s.receive(p);
        while let Some(e) = s.poll_event() {
            if let Event::MessageReceived(m) = &e {
                s.accept_message(&m.id.to_string());
            }
            events.push(e);
        }
    }
    (s.take_output(), events)
}

fn show(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// A flight after which the client must wait (it holds STARTTLS) is fed as it is; any other
/// flight may be split anywhere.
fn splittable(flight: &[u8]) -> bool {
    !flight
        .to_ascii_uppercase()
        .windows(8)
        .any(|w| w == b"STARTTLS")
}

fn check(row: &Row) {
    let cfg = config(row.configure);
    let whole: Vec<&[u8]> = row.flights.iter().map(Vec::as_slice).collect();
    let (out, events) = run(&cfg, &whole);
    let expect = row.expect.replace('\n', "\r\n");
    assert_eq!(show(&out), expect, "row {:?}", row.name);
    // Every reply fits what it answers, by the one table of RFC 5321 §4.3.2.
    for e in &events {
        if let Event::Reply { reply, answers, .. } = e {
            assert_ne!(
                fit(*answers, reply.code),
                Fit::Wrong,
                "row {:?}: {} to {answers:?}",
                row.name,
                reply.code
            );
        }
    }

    // Byte by byte, and in two at every position, flight by flight.
    for (f, flight) in row.flights.iter().enumerate() {
        if !splittable(flight) {
            continue;
        }
        let before: Vec<&[u8]> = whole[..f].to_vec();
        let after: Vec<&[u8]> = whole[f + 1..].to_vec();
        let bytes: Vec<&[u8]> = flight.chunks(1).collect();
        let pieces = [before.clone(), bytes, after.clone()].concat();
        let (o, e) = run(&cfg, &pieces);
        assert_eq!(show(&o), expect, "row {:?} byte by byte", row.name);
        assert_eq!(e, events, "row {:?} byte by byte: events", row.name);
        let stride = if flight.len() > 4000 { 37 } else { 1 };
        for split in (0..=flight.len()).step_by(stride) {
            let (a, b) = flight.split_at(split);
            let pieces = [before.clone(), vec![a, b], after.clone()].concat();
            let (o, e) = run(&cfg, &pieces);
            assert_eq!(show(&o), expect, "row {:?} split at {split}", row.name);
            assert_eq!(e, events, "row {:?} split at {split}: events", row.name);
        }
    }
}

fn rcpts(n: usize) -> String {
    (0..n)
        .map(|i| format!("RCPT TO:<r{i}@d.example>\r\n"))
        .collect()
}

fn rows() -> Vec<Row> {
    let mut rows = vec![
        // ---- greeting and hello -------------------------------------------------------------
        row("ehlo", "EHLO c.example\r\n", ehlo_reply!()),
        row("ehlo lower case", "ehlo c.example\r\n", ehlo_reply!()),
        row("helo", "HELO c.example\r\n", "250 mx.example.test\n"),
        // RFC 2034 §4: no enhanced code on any reply to HELO/EHLO.
        row("ehlo without domain", "EHLO\r\n", "501 Syntax: EHLO hostname\n"),
        row("helo without domain", "HELO \r\n", "501 Syntax: HELO hostname\n"),
        row("ehlo with control bytes", "EHLO a\x01b\r\n", "501 Syntax: EHLO hostname\n"),
        row("ehlo address literal", "EHLO [192.0.2.1]\r\n", ehlo_reply!()),
        row(
            "second ehlo",
            "EHLO a.example\r\nEHLO b.example\r\n",
            concat!(ehlo_reply!(), ehlo_reply!()),
        ),
        // ---- sequence errors ----------------------------------------------------------------
        row(
            "mail before hello",
            "MAIL FROM:<a@b.example>\r\n",
            "503 5.5.1 Send HELO or EHLO first\n",
        ),
        row(
            "rcpt before mail",
            "EHLO c\r\nRCPT TO:<c@d.example>\r\n",
            concat!(ehlo_reply!(), "503 5.5.1 Need MAIL before RCPT\n"),
        ),
        row(
            "rcpt before hello",
            "RCPT TO:<c@d.example>\r\n",
            "503 5.5.1 Send HELO or EHLO first\n",
        ),
        row("data before hello", "DATA\r\n", "503 5.5.1 Send HELO or EHLO first\n"),
        row(
            "bdat before hello still reads its chunk",
            "BDAT 4\r\nQUITNOOP\r\n",
            "503 5.5.1 Send HELO or EHLO first\n250 2.0.0 Ok\n",
        ),
        row(
            "data before mail",
            "EHLO c\r\nDATA\r\n",
            concat!(ehlo_reply!(), "503 5.5.1 Need MAIL command\n"),
        ),
        row(
            "data without rcpt",
            "EHLO c\r\nMAIL FROM:<a@b.example>\r\nDATA\r\n",
            concat!(ehlo_reply!(), "250 2.1.0 Ok\n503 5.5.1 Need RCPT command\n"),
        ),
        // RFC 2920 §3.1: pipelined RCPTs all failed.
        row(
            "data after every rcpt failed",
            "EHLO c\r\nMAIL FROM:<a@b.example>\r\nRCPT TO:<bad>\r\nRCPT TO:<x@@y>\r\nDATA\r\n",
            concat!(
                ehlo_reply!(),
                "250 2.1.0 Ok\n501 5.1.3 Bad recipient address syntax\n\
                 501 5.1.3 Bad recipient address syntax\n554 5.5.1 No valid recipients\n"
            ),
        ),
        row(
            "data after a rejected and an accepted rcpt",
            concat!(tx!(), "RCPT TO:<bad>\r\nDATA\r\n.\r\n"),
            concat!(
                tx_reply!(),
                "501 5.1.3 Bad recipient address syntax\n354 End data with <CR><LF>.<CR><LF>\n\
                 250 2.0.0 Ok: queued as 1\n"
            ),
        ),
        row(
            "nested mail",
            concat!(tx!(), "MAIL FROM:<x@y.example>\r\n"),
            concat!(tx_reply!(), "503 5.5.1 Nested MAIL command\n"),
        ),
        row(
            "mail twice",
            "EHLO c\r\nMAIL FROM:<a@b.example>\r\nMAIL FROM:<a@b.example>\r\n",
            concat!(ehlo_reply!(), "250 2.1.0 Ok\n503 5.5.1 Nested MAIL command\n"),
        ),
        // RFC 5321 §4.1.4: a rejected command leaves the state as it was.
        row(
            "rejected mail keeps the transaction",
            concat!(tx!(), "MAIL FROM:<bad\r\nDATA\r\n.\r\n"),
            concat!(
                tx_reply!(),
                "501 5.1.7 Bad sender address syntax\n354 End data with <CR><LF>.<CR><LF>\n\
                 250 2.0.0 Ok: queued as 1\n"
            ),
        ),
        // RFC 5321 §4.1.4: a late EHLO resets the transaction.
        row(
            "late ehlo resets",
            concat!(tx!(), "EHLO c.example\r\nDATA\r\n"),
            concat!(tx_reply!(), ehlo_reply!(), "503 5.5.1 Need MAIL command\n"),
        ),
        row(
            "rejected ehlo keeps the transaction",
            concat!(tx!(), "EHLO\r\nDATA\r\n.\r\n"),
            concat!(
                tx_reply!(),
                "501 Syntax: EHLO hostname\n354 End data with <CR><LF>.<CR><LF>\n\
                 250 2.0.0 Ok: queued as 1\n"
            ),
        ),
        row(
            "rset ends the transaction",
            concat!(tx!(), "RSET\r\nRCPT TO:<c@d.example>\r\n"),
            concat!(tx_reply!(), "250 2.0.0 Ok\n503 5.5.1 Need MAIL before RCPT\n"),
        ),
        row("rset before hello", "RSET\r\n", "250 2.0.0 Ok\n"),
        // ---- argument errors ----------------------------------------------------------------
        row("rset with argument", "RSET x\r\n", "501 5.5.4 This command takes no arguments\n"),
        row(
            "quit with argument",
            "QUIT x\r\nQUIT\r\n",
            "501 5.5.4 This command takes no arguments\n221 2.0.0 Bye\n",
        ),
        row(
            "data with argument",
            concat!(tx!(), "DATA x\r\n"),
            concat!(tx_reply!(), "501 5.5.4 This command takes no arguments\n"),
        ),
        row(
            "starttls with argument",
            "EHLO c\r\nSTARTTLS x\r\n",
            concat!(ehlo_reply!(), "501 5.5.4 This command takes no arguments\n"),
        ),
        row("vrfy without argument", "VRFY\r\n", "501 5.5.4 Argument required\n"),
        row("mail without argument", "EHLO c\r\nMAIL\r\n", concat!(ehlo_reply!(), "501 5.5.4 Argument required\n")),
        row(
            "mail with wrong keyword",
            "EHLO c\r\nMAIL TO:<a@b.example>\r\n",
            concat!(ehlo_reply!(), "501 5.5.4 Syntax error in arguments\n"),
        ),
        row(
            "text glued after the path",
            "EHLO c\r\nMAIL FROM:<a@b.example>SIZE=1\r\n",
            concat!(ehlo_reply!(), "501 5.5.4 Syntax error in arguments\n"),
        ),
        // ---- other commands -----------------------------------------------------------------
        row("noop", "NOOP\r\n", "250 2.0.0 Ok\n"),
        row("noop ignores arguments", "NOOP x y \x01\r\n", "250 2.0.0 Ok\n"),
        row("quit", "QUIT\r\n", "221 2.0.0 Bye\n"),
        row("input after quit is ignored", "QUIT\r\nNOOP\r\nFOO\r\n", "221 2.0.0 Bye\n"),
        // RFC 5321 §7.3: 252, never 502/550.
        row(
            "vrfy",
            "VRFY alice\r\n",
            "252 2.0.0 Cannot VRFY user, but will accept message and attempt delivery\n",
        ),
        row("expn", "EXPN staff\r\n", "502 5.5.1 EXPN is not available here\n"),
        row(
            "help",
            "HELP\r\n",
            "214-2.0.0 Commands: HELO EHLO MAIL RCPT DATA BDAT RSET NOOP QUIT VRFY EXPN HELP \
             STARTTLS AUTH\n214 2.0.0 HELP <command> shows its syntax\n",
        ),
        row("help topic", "HELP vrfy\r\n", "214 2.0.0 VRFY <user>\n"),
        row("help unknown topic", "HELP FOO\r\n", "504 5.5.4 HELP topic unknown\n"),
        row("unknown command", "FOO bar\r\n", "500 5.5.2 Command not recognized\n"),
        row("empty line", "\r\n", "500 5.5.2 Command not recognized\n"),
        row("tab is not a separator", "NOOP\tx\r\n", "500 5.5.2 Command not recognized\n"),
        // Postfix `smtpd_forbid_bare_newline`: reject (strict) / normalize (lenient) / no.
        row(
            "strict: a bare LF command gets 550 and the close",
            "EHLO c\nNOOP\r\n",
            "550 mx.example.test Error: bare <LF> received\n",
        ),
        row(
            "strict: a bare LF after the hello, with its enhanced code",
            "EHLO c\r\nNOOP\nNOOP\r\n",
            concat!(ehlo_reply!(), "550 5.5.2 mx.example.test Error: bare <LF> received\n"),
        ),
        row_with(
            "lenient: a bare LF ends a command",
            lenient,
            "EHLO c\nNOOP\n",
            concat!(ehlo_reply!(), "250 2.0.0 Ok\n"),
        ),
        row_with(
            "vulnerable: a bare LF ends a command",
            vulnerable,
            "EHLO c\nNOOP\n",
            concat!(ehlo_reply!(), "250 2.0.0 Ok\n"),
        ),
        // ---- paths --------------------------------------------------------------------------
        row(
            "null sender",
            "EHLO c\r\nMAIL FROM:<>\r\n",
            concat!(ehlo_reply!(), "250 2.1.0 Ok\n"),
        ),
        row(
            "postmaster without domain",
            "EHLO c\r\nMAIL FROM:<>\r\nRCPT TO:<Postmaster>\r\n",
            concat!(ehlo_reply!(), "250 2.1.0 Ok\n250 2.1.5 Ok\n"),
        ),
        row(
            "path forms",
            "EHLO c\r\nMAIL FROM: <\"john doe\"@b.example>\r\nRCPT TO:<a@[192.0.2.1]>\r\n\
             RCPT TO:<a@[IPv6:2001:db8::1]>\r\nRCPT TO:<@r1.example,@r2.example:a@b.example>\r\n",
            concat!(ehlo_reply!(), "250 2.1.0 Ok\n250 2.1.5 Ok\n250 2.1.5 Ok\n250 2.1.5 Ok\n"),
        ),
        row(
            "bad paths",
            "EHLO c\r\nMAIL FROM:a@b.example\r\nMAIL FROM:<a@[1.2.3.999]>\r\nMAIL FROM:<a..b@c>\r\n",
            concat!(
                ehlo_reply!(),
                "501 5.1.7 Bad sender address syntax\n501 5.1.7 Bad sender address syntax\n\
                 501 5.1.7 Bad sender address syntax\n"
            ),
        ),
        row_with(
            "lenient takes a path without brackets",
            lenient,
            "EHLO c\r\nMAIL FROM:a@b.example\r\n",
            concat!(ehlo_reply!(), "250 2.1.0 Ok\n"),
        ),
        row(
            "no local part limit below the path limit (RFC 5321 §4.5.3.1)",
            format!(
                "EHLO c\r\nMAIL FROM:<{}@b.example>\r\nRSET\r\nMAIL FROM:<{}@b.example>\r\n",
                "l".repeat(245),
                "l".repeat(244)
            ),
            concat!(
                ehlo_reply!(),
                "501 5.5.4 Path too long (256 octets at most)\n250 2.0.0 Ok\n250 2.1.0 Ok\n"
            ),
        ),
        row(
            "path limit",
            {
                // <64 @ 63.63.61> is 256 octets; one more label octet makes 257.
                let d = |last: usize| format!("{}.{}.{}", "d".repeat(63), "d".repeat(63), "d".repeat(last));
                format!(
                    "EHLO c\r\nMAIL FROM:<>\r\nRCPT TO:<{l}@{}>\r\nRCPT TO:<{l}@{}>\r\n",
                    d(61),
                    d(62),
                    l = "l".repeat(64)
                )
            },
            concat!(
                ehlo_reply!(),
                "250 2.1.0 Ok\n250 2.1.5 Ok\n501 5.5.4 Path too long (256 octets at most)\n"
            ),
        ),
        // ---- line limits --------------------------------------------------------------------
        row(
            "512-octet command line",
            format!("NOOP {}\r\nNOOP {}\r\nNOOP\r\n", "x".repeat(505), "x".repeat(506)),
            "250 2.0.0 Ok\n500 5.5.2 Line too long\n250 2.0.0 Ok\n",
        ),
        row(
            "huge command line",
            format!("{}\r\nNOOP\r\n", "x".repeat(20_000)),
            "500 5.5.2 Line too long\n250 2.0.0 Ok\n",
        ),
        row(
            "huge ehlo line",
            format!("EHLO {}\r\n", "x".repeat(600)),
            "500 Line too long\n",
        ),
        // RFC 1870 §3, RFC 3461 §4, RFC 4954 §5, RFC 6531 §3.4: 512 + 26 + 100 + 500 + 10.
        row(
            "mail line allowances",
            {
                let head = "MAIL FROM:<a@b.example> AUTH=";
                format!(
                    "EHLO c\r\n{head}{}\r\n{head}{}\r\n",
                    "x".repeat(1146 - head.len()),
                    "x".repeat(1147 - head.len())
                )
            },
            concat!(ehlo_reply!(), "250 2.1.0 Ok\n500 5.5.2 Line too long\n"),
        ),
        row(
            "rcpt line allowance",
            {
                let head = "RCPT TO:<c@d.example> ORCPT=rfc822;";
                format!(
                    "EHLO c\r\nMAIL FROM:<>\r\n{head}{}\r\nRCPT TO:<c@d.example> X={}\r\n",
                    "x".repeat(500 - 7),
                    "x".repeat(1011 - 24)
                )
            },
            concat!(ehlo_reply!(), "250 2.1.0 Ok\n250 2.1.5 Ok\n500 5.5.2 Line too long\n"),
        ),
        // ---- recipients limit ---------------------------------------------------------------
        row(
            "101st recipient",
            format!("EHLO c\r\nMAIL FROM:<>\r\n{}DATA\r\n", rcpts(101)),
            format!(
                "{}250 2.1.0 Ok\n{}452 4.5.3 Too many recipients\n354 End data with <CR><LF>.<CR><LF>\n",
                ehlo_reply!(),
                "250 2.1.5 Ok\n".repeat(100)
            ),
        ),
        // ---- parameters ---------------------------------------------------------------------
        row(
            "size parameter",
            "EHLO c\r\nMAIL FROM:<a@b.example> SIZE=10485761\r\nMAIL FROM:<a@b.example> SIZE=10485760\r\n",
            concat!(
                ehlo_reply!(),
                "552 5.3.4 Message size exceeds fixed maximum message size\n250 2.1.0 Ok\n"
            ),
        ),
        row(
            "all mail parameters",
            "EHLO c\r\nMAIL FROM:<a@b.example> SIZE=100 BODY=8BITMIME SMTPUTF8 RET=HDRS ENVID=x+2By AUTH=<>\r\n\
             RCPT TO:<c@d.example> NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;c@d.example\r\n",
            concat!(ehlo_reply!(), "250 2.1.0 Ok\n250 2.1.5 Ok\n"),
        ),
        row(
            "unknown parameters",
            "EHLO c\r\nMAIL FROM:<a@b.example> XFOO=1\r\nMAIL FROM:<a@b.example>\r\nRCPT TO:<c@d.example> SIZE=1\r\n",
            concat!(
                ehlo_reply!(),
                "555 5.5.4 Unknown parameter\n250 2.1.0 Ok\n555 5.5.4 Unknown parameter\n"
            ),
        ),
        row(
            "bad parameter syntax",
            "EHLO c\r\nMAIL FROM:<a@b.example> SIZE=ten\r\nMAIL FROM:<a@b.example> BODY=9BIT\r\n\
             MAIL FROM:<a@b.example> SIZE=1 SIZE=1\r\n",
            concat!(
                ehlo_reply!(),
                "501 5.5.4 Bad parameter syntax\n501 5.5.4 Bad parameter syntax\n\
                 501 5.5.4 Parameter given twice\n"
            ),
        ),
        row(
            "notify never combined",
            "EHLO c\r\nMAIL FROM:<>\r\nRCPT TO:<c@d.example> NOTIFY=NEVER,SUCCESS\r\n\
             RCPT TO:<c@d.example> NOTIFY=NEVER\r\n",
            concat!(
                ehlo_reply!(),
                "250 2.1.0 Ok\n501 5.5.4 NOTIFY=NEVER cannot be combined with other values\n250 2.1.5 Ok\n"
            ),
        ),
        row(
            "parameters after helo are not advertised",
            "HELO c\r\nMAIL FROM:<a@b.example> SIZE=10\r\nMAIL FROM:<a@b.example>\r\n\
             RCPT TO:<c@d.example> NOTIFY=NEVER\r\n",
            "250 mx.example.test\n555 5.5.4 SIZE parameter not supported\n250 2.1.0 Ok\n\
             555 5.5.4 DSN parameters not supported\n",
        ),
        row_with(
            "parameters of a disabled extension",
            |c| c.extensions.dsn = false,
            "EHLO c\r\nMAIL FROM:<a@b.example> RET=FULL\r\n",
            "250-mx.example.test\n250-PIPELINING\n250-SIZE 10485760\n250-8BITMIME\n250-SMTPUTF8\n\
             250-ENHANCEDSTATUSCODES\n250-CHUNKING\n250-STARTTLS\n250-AUTH PLAIN LOGIN\n250 HELP\n\
             555 5.5.4 DSN parameters not supported\n",
        ),
        row(
            "binarymime is not offered",
            "EHLO c\r\nMAIL FROM:<a@b.example> BODY=BINARYMIME\r\n",
            concat!(ehlo_reply!(), "555 5.5.4 BODY=BINARYMIME not supported\n"),
        ),
        row(
            "non-ascii address needs smtputf8",
            "EHLO c\r\nMAIL FROM:<jörg@b.example>\r\nMAIL FROM:<a@b.example>\r\nRCPT TO:<zoë@d.example>\r\n\
             RSET\r\nMAIL FROM:<jörg@b.example> SMTPUTF8\r\nRCPT TO:<zoë@bücher.example>\r\n",
            concat!(
                ehlo_reply!(),
                "553 5.6.7 Non-ASCII address needs SMTPUTF8\n250 2.1.0 Ok\n\
                 553 5.6.7 Non-ASCII address needs SMTPUTF8\n250 2.0.0 Ok\n250 2.1.0 Ok\n250 2.1.5 Ok\n"
            ),
        ),
        // ---- DATA ---------------------------------------------------------------------------
        row(
            "data",
            concat!(tx!(), "DATA\r\nSubject: hi\r\n\r\n..dot\r\n.\r\nQUIT\r\n"),
            concat!(
                tx_reply!(),
                "354 End data with <CR><LF>.<CR><LF>\n250 2.0.0 Ok: queued as 1\n221 2.0.0 Bye\n"
            ),
        ),
        row(
            "empty body",
            concat!(tx!(), "DATA\r\n.\r\n"),
            concat!(tx_reply!(), "354 End data with <CR><LF>.<CR><LF>\n250 2.0.0 Ok: queued as 1\n"),
        ),
        row(
            "two messages in one session",
            concat!(tx!(), "DATA\r\na\r\n.\r\nMAIL FROM:<>\r\nRCPT TO:<x@y.example>\r\nDATA\r\nb\r\n.\r\n"),
            concat!(
                tx_reply!(),
                "354 End data with <CR><LF>.<CR><LF>\n250 2.0.0 Ok: queued as 1\n250 2.1.0 Ok\n\
                 250 2.1.5 Ok\n354 End data with <CR><LF>.<CR><LF>\n250 2.0.0 Ok: queued as 2\n"
            ),
        ),
        row(
            "commands inside data are data",
            concat!(tx!(), "DATA\r\nQUIT\r\nRSET\r\n.\r\nNOOP\r\n"),
            concat!(
                tx_reply!(),
                "354 End data with <CR><LF>.<CR><LF>\n250 2.0.0 Ok: queued as 1\n250 2.0.0 Ok\n"
            ),
        ),
        row_with(
            "body over the size limit",
            tiny,
            concat!(tx!(), "DATA\r\n0123456789\r\n.\r\nRCPT TO:<c@d.example>\r\nNOOP\r\n"),
            "250-mx.example.test\n250-PIPELINING\n250-SIZE 10\n250-8BITMIME\n250-SMTPUTF8\n\
             250-ENHANCEDSTATUSCODES\n250-CHUNKING\n250-STARTTLS\n250-AUTH PLAIN LOGIN\n250-DSN\n\
             250 HELP\n250 2.1.0 Ok\n250 2.1.5 Ok\n354 End data with <CR><LF>.<CR><LF>\n\
             552 5.3.4 Message size exceeds fixed maximum message size\n\
             503 5.5.1 Need MAIL before RCPT\n250 2.0.0 Ok\n",
        ),
        row(
            "1000-octet data line",
            format!(
                "{}DATA\r\n{}\r\n..{}\r\n.\r\n",
                tx!(),
                "x".repeat(998),
                "y".repeat(997)
            ),
            concat!(tx_reply!(), "354 End data with <CR><LF>.<CR><LF>\n250 2.0.0 Ok: queued as 1\n"),
        ),
        row(
            "1001-octet data lines answered once, after the end, with a code §4.3.2 allows there",
            format!(
                "{}DATA\r\n{}\r\nok\r\n{}\r\n.\r\nNOOP\r\n",
                tx!(),
                "x".repeat(999),
                "x".repeat(5000)
            ),
            concat!(
                tx_reply!(),
                "354 End data with <CR><LF>.<CR><LF>\n\
                 554 5.6.0 Line 1 of the message is 1001 octets long; the limit is 1000 with CRLF\n\
                 250 2.0.0 Ok\n"
            ),
        ),
        row_with(
            "lenient: long data lines are taken in, as Postfix does",
            lenient,
            format!("{}DATA\r\nok\r\n{}\r\n.\r\n", tx!(), "x".repeat(1200)),
            concat!(
                tx_reply!(),
                "354 End data with <CR><LF>.<CR><LF>\n250 2.0.0 Ok: queued as 1\n"
            ),
        ),
        row_with(
            "lenient: data typed with bare LF does not end at LF.LF (Postfix normalize)",
            lenient,
            "EHLO c\nMAIL FROM:<a@b.example>\nRCPT TO:<c@d.example>\nDATA\nhello\n.\nNOOP\n",
            concat!(tx_reply!(), "354 End data with <CR><LF>.<CR><LF>\n"),
        ),
        // ---- BDAT (RFC 3030) ----------------------------------------------------------------
        row(
            "bdat chunks",
            concat!(tx!(), "BDAT 5\r\nhelloBDAT 8 LAST\r\n world\r\nNOOP\r\n"),
            concat!(
                tx_reply!(),
                "250 2.0.0 5 octets received\n250 2.0.0 Ok: queued as 1\n250 2.0.0 Ok\n"
            ),
        ),
        row(
            "bdat 0 last",
            concat!(tx!(), "BDAT 0 LAST\r\n"),
            concat!(tx_reply!(), "250 2.0.0 Ok: queued as 1\n"),
        ),
        row(
            "the verdict on an empty BDAT comes before the next command's reply",
            concat!(tx!(), "BDAT 0 LAST\r\nFOO\r\nNOOP\r\n"),
            concat!(
                tx_reply!(),
                "250 2.0.0 Ok: queued as 1\n500 5.5.2 Command not recognized\n250 2.0.0 Ok\n"
            ),
        ),
        row(
            "bdat chunk holding a dot line and commands",
            concat!(tx!(), "BDAT 11 LAST\r\n.\r\nQUIT\r\n..NOOP\r\n"),
            concat!(tx_reply!(), "250 2.0.0 Ok: queued as 1\n250 2.0.0 Ok\n"),
        ),
        row(
            "rejected bdat still reads its chunk",
            "EHLO c\r\nBDAT 12\r\nQUIT\r\nQUIT\r\nNOOP\r\n",
            concat!(ehlo_reply!(), "503 5.5.1 Need MAIL command\n250 2.0.0 Ok\n"),
        ),
        row(
            "bdat without rcpt",
            "EHLO c\r\nMAIL FROM:<>\r\nBDAT 4 LAST\r\nQUIT",
            concat!(ehlo_reply!(), "250 2.1.0 Ok\n503 5.5.1 Need RCPT command\n"),
        ),
        row(
            "data, rcpt and mail after bdat",
            concat!(
                tx!(),
                "BDAT 3\r\nabcDATA\r\nRCPT TO:<x@y.example>\r\nMAIL FROM:<>\r\nBDAT 0 LAST\r\n"
            ),
            concat!(
                tx_reply!(),
                "250 2.0.0 3 octets received\n503 5.5.1 DATA after BDAT\n503 5.5.1 RCPT after BDAT\n\
                 503 5.5.1 MAIL after BDAT\n250 2.0.0 Ok: queued as 1\n"
            ),
        ),
        row(
            "rset during bdat",
            concat!(tx!(), "BDAT 3\r\nabcRSET\r\nBDAT 1 LAST\r\nx"),
            concat!(
                tx_reply!(),
                "250 2.0.0 3 octets received\n250 2.0.0 Ok\n503 5.5.1 Need MAIL command\n"
            ),
        ),
        row_with(
            "bdat over the size limit",
            tiny,
            concat!(tx!(), "BDAT 6\r\n123456BDAT 6 LAST\r\n123456BDAT 1 LAST\r\nx"),
            "250-mx.example.test\n250-PIPELINING\n250-SIZE 10\n250-8BITMIME\n250-SMTPUTF8\n\
             250-ENHANCEDSTATUSCODES\n250-CHUNKING\n250-STARTTLS\n250-AUTH PLAIN LOGIN\n250-DSN\n\
             250 HELP\n250 2.1.0 Ok\n250 2.1.5 Ok\n250 2.0.0 6 octets received\n\
             552 5.3.4 Message size exceeds fixed maximum message size\n503 5.5.1 Need MAIL command\n",
        ),
        // Every malformed form is in tests/bdat_malformed.rs (issue 13, item 2).
        row(
            "bad bdat syntax: a readable size, the chunk read, then refused",
            concat!(tx!(), "BDAT 5 NEXT\r\nNOOP\rRSET\r\n"),
            concat!(
                tx_reply!(),
                "501 5.5.4 Syntax: BDAT <octets> [LAST]\n250 2.0.0 Ok\n"
            ),
        ),
        row(
            "bad bdat syntax: no size, the session ends",
            concat!(tx!(), "BDAT x\r\nNOOP\r\n"),
            concat!(tx_reply!(), "521 5.5.4 Syntax: BDAT <octets> [LAST]\n"),
        ),
        row_with(
            "bdat when chunking is off",
            |c| c.extensions.chunking = false,
            concat!(tx!(), "BDAT 6\r\nNOOP\r\nNOOP\r\n"),
            "250-mx.example.test\n250-PIPELINING\n250-SIZE 10485760\n250-8BITMIME\n250-SMTPUTF8\n\
             250-ENHANCEDSTATUSCODES\n250-STARTTLS\n250-AUTH PLAIN LOGIN\n250-DSN\n250 HELP\n\
             250 2.1.0 Ok\n250 2.1.5 Ok\n502 5.5.1 BDAT not available\n250 2.0.0 Ok\n",
        ),
        // ---- AUTH (RFC 4954) ----------------------------------------------------------------
        row(
            "auth plain with initial response",
            "EHLO c\r\nAUTH PLAIN AGFsaWNlAHdvbmRlcmxhbmQ=\r\n",
            concat!(ehlo_reply!(), "235 2.7.0 Authentication successful\n"),
        ),
        row(
            "auth plain with authzid",
            "EHLO c\r\nAUTH PLAIN YWxpY2UAYWxpY2UAd29uZGVybGFuZA==\r\n",
            concat!(ehlo_reply!(), "235 2.7.0 Authentication successful\n"),
        ),
        row(
            "auth plain after a challenge",
            "EHLO c\r\nAUTH PLAIN\r\nAGFsaWNlAHdvbmRlcmxhbmQ=\r\n",
            concat!(ehlo_reply!(), "334 \n235 2.7.0 Authentication successful\n"),
        ),
        row(
            "auth login",
            "EHLO c\r\nauth login\r\nYWxpY2U=\r\nd29uZGVybGFuZA==\r\n",
            concat!(
                ehlo_reply!(),
                "334 VXNlcm5hbWU6\n334 UGFzc3dvcmQ6\n235 2.7.0 Authentication successful\n"
            ),
        ),
        row(
            "auth login with initial response",
            "EHLO c\r\nAUTH LOGIN YWxpY2U=\r\nd29uZGVybGFuZA==\r\n",
            concat!(ehlo_reply!(), "334 UGFzc3dvcmQ6\n235 2.7.0 Authentication successful\n"),
        ),
        row(
            "auth wrong password",
            "EHLO c\r\nAUTH LOGIN\r\nYWxpY2U=\r\ncXVlZW4=\r\nAUTH PLAIN AGFsaWNlAHF1ZWVu\r\n",
            concat!(
                ehlo_reply!(),
                "334 VXNlcm5hbWU6\n334 UGFzc3dvcmQ6\n535 5.7.8 Authentication credentials invalid\n\
                 535 5.7.8 Authentication credentials invalid\n"
            ),
        ),
        row(
            "auth cancelled",
            "EHLO c\r\nAUTH LOGIN\r\n*\r\nAUTH PLAIN\r\n*\r\n",
            concat!(
                ehlo_reply!(),
                "334 VXNlcm5hbWU6\n501 5.7.0 Authentication cancelled\n334 \n\
                 501 5.7.0 Authentication cancelled\n"
            ),
        ),
        row(
            "auth bad base64",
            "EHLO c\r\nAUTH PLAIN !!!!\r\nAUTH LOGIN\r\nYWxpY2U\r\nNOOP\r\n",
            concat!(
                ehlo_reply!(),
                "501 5.5.2 Cannot decode base64 response\n334 VXNlcm5hbWU6\n\
                 501 5.5.2 Cannot decode base64 response\n250 2.0.0 Ok\n"
            ),
        ),
        // Issue 8, defect 9: 10,000 wrong passwords all got 535. The third failed exchange
        // (535, cancelled or undecodable alike) is the last (RFC 4954 §4, RFC 5321 §7.8).
        row(
            "three failed logins close the session",
            "EHLO c\r\nAUTH PLAIN AGFsaWNlAHF1ZWVu\r\nAUTH LOGIN\r\n*\r\nAUTH PLAIN !!!!\r\n\
             AUTH PLAIN AGFsaWNlAHdvbmRlcmxhbmQ=\r\nNOOP\r\n",
            concat!(
                ehlo_reply!(),
                "535 5.7.8 Authentication credentials invalid\n334 VXNlcm5hbWU6\n\
                 501 5.7.0 Authentication cancelled\n501 5.5.2 Cannot decode base64 response\n\
                 421 4.7.0 mx.example.test Error: too many failed authentication attempts\n"
            ),
        ),
        row_with(
            "the failed-login limit is configurable",
            |c| c.max_auth_failures = 1,
            "EHLO c\r\nAUTH PLAIN AGFsaWNlAHF1ZWVu\r\nNOOP\r\n",
            "250-mx.example.test\n250-PIPELINING\n250-SIZE 10485760\n250-8BITMIME\n250-SMTPUTF8\n\
             250-ENHANCEDSTATUSCODES\n250-CHUNKING\n250-STARTTLS\n250-AUTH PLAIN LOGIN\n250-DSN\n\
             250 HELP\n535 5.7.8 Authentication credentials invalid\n\
             421 4.7.0 mx.example.test Error: too many failed authentication attempts\n",
        ),
        row_with(
            "no failed-login limit",
            |c| c.max_auth_failures = 0,
            "EHLO c\r\nAUTH PLAIN AGFsaWNlAHF1ZWVu\r\nAUTH PLAIN AGFsaWNlAHF1ZWVu\r\n\
             AUTH PLAIN AGFsaWNlAHF1ZWVu\r\nAUTH PLAIN AGFsaWNlAHF1ZWVu\r\nAUTH PLAIN AGFsaWNlAHdvbmRlcmxhbmQ=\r\n",
            "250-mx.example.test\n250-PIPELINING\n250-SIZE 10485760\n250-8BITMIME\n250-SMTPUTF8\n\
             250-ENHANCEDSTATUSCODES\n250-CHUNKING\n250-STARTTLS\n250-AUTH PLAIN LOGIN\n250-DSN\n\
             250 HELP\n535 5.7.8 Authentication credentials invalid\n\
             535 5.7.8 Authentication credentials invalid\n535 5.7.8 Authentication credentials invalid\n\
             535 5.7.8 Authentication credentials invalid\n235 2.7.0 Authentication successful\n",
        ),
        row(
            "auth unknown mechanism",
            "EHLO c\r\nAUTH CRAM-MD5\r\n",
            concat!(ehlo_reply!(), "504 5.5.4 Unrecognized authentication mechanism\n"),
        ),
        row("auth without mechanism", "EHLO c\r\nAUTH\r\n", concat!(ehlo_reply!(), "501 5.5.4 Argument required\n")),
        row(
            "second auth",
            "EHLO c\r\nAUTH PLAIN AGFsaWNlAHdvbmRlcmxhbmQ=\r\nAUTH LOGIN\r\n",
            concat!(
                ehlo_reply!(),
                "235 2.7.0 Authentication successful\n503 5.5.1 Already authenticated\n"
            ),
        ),
        row(
            "auth inside a transaction",
            concat!(tx!(), "AUTH PLAIN AGFsaWNlAHdvbmRlcmxhbmQ=\r\n"),
            concat!(tx_reply!(), "503 5.5.1 AUTH not allowed during a mail transaction\n"),
        ),
        row(
            "auth before ehlo",
            "AUTH PLAIN AGFsaWNlAHdvbmRlcmxhbmQ=\r\n",
            "503 5.5.1 Send EHLO first\n",
        ),
        row(
            "auth response too long",
            format!("EHLO c\r\nAUTH PLAIN\r\n{}\r\nNOOP\r\n", "A".repeat(12_287)),
            concat!(
                ehlo_reply!(),
                "334 \n500 5.5.6 Authentication Exchange line is too long\n250 2.0.0 Ok\n"
            ),
        ),
        // ---- STARTTLS (RFC 3207) ------------------------------------------------------------
        row(
            "starttls before ehlo",
            "STARTTLS\r\n",
            "503 5.5.1 Send EHLO first\n",
        ),
        row(
            "starttls in a transaction",
            concat!(tx!(), "STARTTLS\r\n"),
            concat!(tx_reply!(), "503 5.5.1 Mail transaction in progress\n"),
        ),
        row_with(
            "auth and starttls when switched off",
            |c| {
                c.extensions.auth = false;
                c.extensions.starttls = false;
            },
            "EHLO c\r\nAUTH PLAIN AGFsaWNlAHdvbmRlcmxhbmQ=\r\nSTARTTLS\r\n",
            "250-mx.example.test\n250-PIPELINING\n250-SIZE 10485760\n250-8BITMIME\n250-SMTPUTF8\n\
             250-ENHANCEDSTATUSCODES\n250-CHUNKING\n250-DSN\n250 HELP\n\
             502 5.5.1 AUTH not available\n502 5.5.1 STARTTLS not available\n",
        ),
        // ---- too many errors ----------------------------------------------------------------
        row(
            "ten bad commands close the session",
            "FOO\r\n".repeat(11),
            format!(
                "{}421 4.7.0 mx.example.test Error: too many errors\n",
                "500 5.5.2 Command not recognized\n".repeat(10)
            ),
        ),
        row(
            "a good command resets the count",
            format!("{}NOOP\r\n{}", "FOO\r\n".repeat(9), "RSET x\r\n".repeat(9)),
            format!(
                "{}250 2.0.0 Ok\n{}",
                "500 5.5.2 Command not recognized\n".repeat(9),
                "501 5.5.4 This command takes no arguments\n".repeat(9)
            ),
        ),
        row_with(
            "enhanced codes off",
            |c| c.extensions.enhanced_status_codes = false,
            concat!(tx!(), "DATA\r\n.\r\nFOO\r\n"),
            "250-mx.example.test\n250-PIPELINING\n250-SIZE 10485760\n250-8BITMIME\n250-SMTPUTF8\n\
             250-CHUNKING\n250-STARTTLS\n250-AUTH PLAIN LOGIN\n250-DSN\n250 HELP\n250 Ok\n250 Ok\n\
             354 End data with <CR><LF>.<CR><LF>\n250 Ok: queued as 1\n500 Command not recognized\n",
        ),
        // ---- faults -------------------------------------------------------------------------
        row_with(
            "fault once on rcpt",
            |c| {
                let reply = Reply::new(450, None, "Mailbox busy");
                c.faults.push(fault(FaultPoint::Rcpt, FaultTimes::Once, reply));
            },
            concat!(tx!(), "RCPT TO:<c@d.example>\r\n"),
            concat!(ehlo_reply!(), "250 2.1.0 Ok\n450 Mailbox busy\n250 2.1.5 Ok\n"),
        ),
        row_with(
            "fault 421 on data closes",
            |c| {
                let reply = Reply::new(421, None, "Going away");
                c.faults.push(fault(FaultPoint::Data, FaultTimes::Always, reply));
            },
            concat!(tx!(), "DATA\r\nhello\r\n.\r\n"),
            concat!(tx_reply!(), "421 Going away\n"),
        ),
        row_with(
            "fault at end of data",
            |c| {
                let reply = Reply::new(451, None, "Try again later");
                c.faults.push(fault(FaultPoint::EndOfData, FaultTimes::Always, reply));
            },
            concat!(tx!(), "DATA\r\nQUIT\r\n.\r\nRCPT TO:<c@d.example>\r\n"),
            concat!(
                tx_reply!(),
                "354 End data with <CR><LF>.<CR><LF>\n451 Try again later\n503 5.5.1 Need MAIL before RCPT\n"
            ),
        ),
        row_with(
            "fault on bdat reads the chunk",
            |c| {
                let reply = Reply::new(452, None, "No room");
                c.faults.push(fault(FaultPoint::Bdat, FaultTimes::Once, reply));
            },
            concat!(tx!(), "BDAT 6\r\nNOOP\r\nBDAT 2 LAST\r\nab"),
            concat!(tx_reply!(), "452 No room\n250 2.0.0 Ok: queued as 1\n"),
        ),
        row_with(
            "greeting refused",
            |c| {
                let reply = Reply::new(554, None, "No SMTP service here");
                c.faults.push(fault(FaultPoint::Greeting, FaultTimes::Once, reply));
            },
            "EHLO c\r\nMAIL FROM:<>\r\nQUIT\r\n",
            "503 No service here: send QUIT\n503 5.5.1 No service here: send QUIT\n221 2.0.0 Bye\n",
        ),
    ];

    // ---- STARTTLS, in flights: the client waits for the 220 ------------------------------
    rows.push(Row {
        name: "starttls discards pipelined bytes and resets".into(),
        configure: default,
        flights: vec![
            b"EHLO c\r\n".to_vec(),
            b"STARTTLS\r\nMAIL FROM:<evil@x.example>\r\n".to_vec(),
            b"MAIL FROM:<a@b.example>\r\nEHLO c\r\nSTARTTLS\r\n".to_vec(),
        ],
        expect: concat!(
            ehlo_reply!(),
            "220 2.0.0 Ready to start TLS\n503 5.5.1 Send HELO or EHLO first\n\
             250-mx.example.test\n250-PIPELINING\n250-SIZE 10485760\n250-8BITMIME\n250-SMTPUTF8\n\
             250-ENHANCEDSTATUSCODES\n250-CHUNKING\n250-AUTH PLAIN LOGIN\n250-DSN\n250 HELP\n\
             503 5.5.1 TLS already active\n"
        )
        .into(),
    });
    rows.push(Row {
        name: "auth after starttls".into(),
        configure: default,
        flights: vec![
            b"EHLO c\r\nAUTH PLAIN AGFsaWNlAHdvbmRlcmxhbmQ=\r\nSTARTTLS\r\n".to_vec(),
            b"EHLO c\r\nAUTH PLAIN AGFsaWNlAHdvbmRlcmxhbmQ=\r\n".to_vec(),
        ],
        expect: concat!(
            ehlo_reply!(),
            "235 2.7.0 Authentication successful\n220 2.0.0 Ready to start TLS\n\
             250-mx.example.test\n250-PIPELINING\n250-SIZE 10485760\n250-8BITMIME\n250-SMTPUTF8\n\
             250-ENHANCEDSTATUSCODES\n250-CHUNKING\n250-AUTH PLAIN LOGIN\n250-DSN\n250 HELP\n\
             235 2.7.0 Authentication successful\n"
        )
        .into(),
    });

    // ---- SMTP smuggling shapes, for each persona ---------------------------------------------
    // The shape follows "body"; then a command, then the real terminator. (bare LF, ends at the
    // vulnerable persona)
    let shapes: [(&str, &str, bool, bool); 5] = [
        ("LF.LF", "\n.\n", true, true),
        ("LF.CRLF", "\n.\r\n", true, true),
        ("CRLF.LF", "\r\n.\n", true, true),
        ("CR.CR", "\r.\r", false, false),
        ("CRLF.CRCRLF", "\r\n.\r\r\n", false, true),
    ];
    let not_ended = concat!(
        tx_reply!(),
        "354 End data with <CR><LF>.<CR><LF>\n250 2.0.0 Ok: queued as 1\n"
    );
    let refused = concat!(
        tx_reply!(),
        "354 End data with <CR><LF>.<CR><LF>\n\
         550 5.5.2 mx.example.test Error: bare <LF> received\n"
    );
    let ended = concat!(
        tx_reply!(),
        "354 End data with <CR><LF>.<CR><LF>\n250 2.0.0 Ok: queued as 1\n250 2.0.0 Ok\n\
         500 5.5.2 Command not recognized\n"
    );
    for (shape, bytes, bare_lf, ends) in shapes {
        let input = format!("{}DATA\r\nbody{bytes}RSET\r\n.\r\n", tx!());
        let strict = if bare_lf { refused } else { not_ended };
        rows.push(row(&format!("strict {shape}"), &input, strict));
        rows.push(row_with(
            &format!("lenient {shape}"),
            lenient,
            &input,
            not_ended,
        ));
        let expect = if ends { ended } else { not_ended };
        rows.push(row_with(
            &format!("vulnerable {shape}"),
            vulnerable,
            &input,
            expect,
        ));
    }
    rows
}

#[test]
fn protocol_table() {
    for row in rows() {
        check(&row);
    }
}

/// The messages a session accepted, and its warnings.
fn accepted(configure: Configure, input: &[u8]) -> (Vec<Message>, Vec<Warning>) {
    let (_, events) = run(&config(configure), &[input]);
    let mut messages = Vec::new();
    let mut warnings = Vec::new();
    for e in events {
        match e {
            Event::MessageReceived(m) => messages.push(m),
            Event::Warning(w) => warnings.push(w),
            _ => {}
        }
    }
    (messages, warnings)
}

#[test]
fn smuggling_content_per_persona() {
    let input = concat!(
        tx!(),
        "DATA\r\nbody\n.\nMAIL FROM:<ceo@bank.example>\r\nRCPT TO:<c@d.example>\r\nDATA\r\nfake\r\n.\r\n"
    );
    // Strict (Postfix reject): read to the real end, then refused; nothing is stored.
    let (m, w) = accepted(default, input.as_bytes());
    assert!(m.is_empty());
    assert_eq!(w, [Warning::BareLfInData { count: 2 }]);
    // Lenient (Postfix normalize): one message; the bare LF became CRLF, the lone dot is
    // dropped, and the smuggled commands are text.
    let (m, w) = accepted(lenient, input.as_bytes());
    assert_eq!(m.len(), 1);
    assert_eq!(
        m[0].content,
        b"body\r\nMAIL FROM:<ceo@bank.example>\r\nRCPT TO:<c@d.example>\r\nDATA\r\nfake\r\n"
    );
    assert_eq!(w, [Warning::BareLfInData { count: 2 }]);
    // Vulnerable (Postfix no): the smuggled transaction becomes a second message from someone
    // else.
    let (m, w) = accepted(vulnerable, input.as_bytes());
    assert_eq!(m.len(), 2);
    assert_eq!(m[0].content, b"body\r\n");
    assert_eq!(m[1].reverse_path, "ceo@bank.example");
    assert_eq!(m[1].content, b"fake\r\n");
    assert_eq!(
        w,
        [
            Warning::BareLfInData { count: 1 },
            Warning::NonStandardEndOfData
        ]
    );
    // The usual terminator raises nothing, even in the vulnerable persona, and even right
    // after DATA.
    for input in [
        concat!(tx!(), "DATA\r\nhi\r\n.\r\n"),
        concat!(tx!(), "DATA\r\n.\r\n"),
    ] {
        let (m, w) = accepted(vulnerable, input.as_bytes());
        assert_eq!((m.len(), w), (1, vec![]));
    }
}

/// Issue 9: Strict and Lenient differ where their names say, for what a learner types.
#[test]
fn strict_and_lenient_differ_on_a_bare_lf() {
    let typed = b"EHLO c\nMAIL FROM:<a@b.example>\n";
    let (out, events) = run(&config(default), &[typed]);
    assert_eq!(
        show(&out),
        "550 mx.example.test Error: bare <LF> received\r\n"
    );
    assert!(events.contains(&Event::StateChanged {
        from: State::Connected,
        to: State::Closed
    }));
    let (out, _) = run(&config(lenient), &[typed]);
    assert!(show(&out).ends_with("250 2.1.0 Ok\r\n"), "{}", show(&out));
}

#[test]
fn bare_cr_is_kept_and_reported() {
    let (m, w) = accepted(
        default,
        concat!(tx!(), "DATA\r\na\rb\r.\r\r\n.\r\n").as_bytes(),
    );
    assert_eq!(m[0].content, b"a\rb\r.\r\r\n");
    assert_eq!(w, [Warning::BareCrInData { count: 3 }]);
}

#[test]
fn message_fields() {
    let (m, _) = accepted(
        default,
        b"EHLO client.example\r\nAUTH PLAIN AGFsaWNlAHdvbmRlcmxhbmQ=\r\n\
          MAIL FROM:<j\xc3\xb6rg@b.example> SMTPUTF8 BODY=8BITMIME SIZE=42\r\n\
          RCPT TO:<Postmaster>\r\nRCPT TO:<x@[192.0.2.1]>\r\nDATA\r\nhi\r\n.\r\n\
          MAIL FROM:<>\r\nRCPT TO:<c@d.example>\r\nBDAT 2 LAST\r\nyo",
    );
    assert_eq!(m.len(), 2);
    assert_eq!(m[0].id, 1);
    assert_eq!(m[0].helo, "client.example");
    assert_eq!(m[0].protocol, "UTF8SMTPA");
    assert_eq!(m[0].reverse_path, "jörg@b.example");
    assert_eq!(m[0].recipients, ["Postmaster", "x@[192.0.2.1]"]);
    assert_eq!(m[0].content, b"hi\r\n");
    assert!(m[0].smtputf8);
    assert_eq!(m[0].declared_size, Some(42));
    assert_eq!(m[0].authenticated.as_deref(), Some("alice"));
    assert!(!m[0].chunked);
    assert_eq!(m[1].id, 2);
    assert_eq!(m[1].protocol, "ESMTPA");
    assert_eq!(m[1].reverse_path, "");
    assert_eq!(m[1].content, b"yo");
    assert!(m[1].chunked);

    let (m, _) = accepted(
        default,
        b"HELO c\r\nMAIL FROM:<>\r\nRCPT TO:<c@d.example>\r\nDATA\r\n.\r\n",
    );
    assert_eq!(m[0].protocol, "SMTP");
    assert_eq!(m[0].content, b"");
}

#[test]
fn protocol_after_starttls() {
    let cfg = ServerConfig::default();
    let mut s = ServerSession::new(cfg);
    s.receive(b"EHLO c\r\nSTARTTLS\r\n");
    assert!(s.is_tls());
    assert_eq!(s.state(), State::Connected);
    let mut protocols = Vec::new();
    for input in [
        &b"EHLO c\r\nMAIL FROM:<>\r\nRCPT TO:<c@d.example>\r\nDATA\r\n.\r\n"[..],
        b"AUTH PLAIN AGFsaWNlAHdvbmRlcmxhbmQ=\r\nMAIL FROM:<>\r\nRCPT TO:<c@d.example>\r\nDATA\r\n.\r\n",
    ] {
        s.receive(input);
        while let Some(e) = s.poll_event() {
            if let Event::MessageReceived(m) = e {
                protocols.push(m.protocol);
                s.accept_message("q");
            }
        }
    }
    assert_eq!(protocols, ["ESMTPS", "ESMTPSA"]);
}

#[test]
fn starttls_warns_about_discarded_bytes() {
    let (_, events) = run(
        &ServerConfig::default(),
        &[b"EHLO c\r\nSTARTTLS\r\nMAIL FROM:<>\r\n"],
    );
    assert!(
        events.contains(&Event::Warning(Warning::DiscardedAfterStartTls {
            octets: 14
        }))
    );
}

#[test]
fn events_come_in_order() {
    let (_, events) = run(&config(lenient), &[b"EHLO c\nQUIT\r\n"]);
    let kinds: Vec<String> = events
        .iter()
        .map(|e| match e {
            Event::Command { prompt, .. } => format!("command {}", prompt.name()),
            Event::Reply { reply, .. } => format!("reply {}", reply.code),
            Event::StateChanged { from, to } => format!("{} -> {}", from.name(), to.name()),
            Event::Warning(w) => format!("warning {w:?}"),
            Event::MessageReceived(_) => "message".into(),
            Event::StartTls => "starttls".into(),
        })
        .collect();
    assert_eq!(
        kinds,
        [
            "command EHLO",
            "warning BareLfInCommand",
            "reply 250",
            "Connected -> Ready",
            "command QUIT",
            "reply 221",
            "Ready -> Closed",
        ]
    );
}

#[test]
fn timeout_and_shutdown() {
    let mut s = ServerSession::new(ServerConfig::default());
    s.take_output();
    s.receive(b"EHLO c\r\nMAIL FROM:<>\r\nRCPT TO:<c@d.example>\r\nDATA\r\npartial");
    s.take_output();
    s.timeout();
    assert_eq!(
        s.take_output(),
        b"421 4.4.2 mx.example.test Error: timeout exceeded\r\n"
    );
    assert!(s.is_closed());
    s.receive(b"\r\n.\r\nNOOP\r\n");
    s.timeout();
    s.shutdown();
    assert_eq!(s.take_output(), b"");

    let mut s = ServerSession::new(ServerConfig::default());
    s.take_output();
    s.shutdown();
    assert_eq!(
        s.take_output(),
        b"421 4.3.2 mx.example.test Service shutting down\r\n"
    );
    assert!(s.is_closed());

    // A busy server says so, and says it once.
    let mut s = ServerSession::new(ServerConfig::default());
    s.take_output();
    s.refuse_busy();
    s.refuse_busy();
    s.shutdown();
    assert_eq!(
        s.take_output(),
        b"421 4.3.2 mx.example.test Too many connections, try again later\r\n"
    );
    assert!(s.is_closed());
}

#[test]
fn greeting() {
    let mut s = ServerSession::new(ServerConfig::default());
    assert_eq!(s.take_output(), b"220 mx.example.test ESMTP smtp-sim\r\n");
    let mut cfg = ServerConfig::default();
    cfg.faults.push(fault(
        FaultPoint::Greeting,
        FaultTimes::Always,
        Reply::new(
            421,
            Some(smtp_sim_core::reply::EnhancedCode::new(4, 3, 2)),
            "Busy",
        ),
    ));
    let mut s = ServerSession::new(cfg);
    assert_eq!(s.take_output(), b"421 4.3.2 Busy\r\n");
    assert!(s.is_closed());
}

// ---- properties ------------------------------------------------------------------------------

/// Fragments that reach deep into the state machine, mixed with arbitrary bytes.
fn fragment() -> impl Strategy<Value = Vec<u8>> {
    let words: Vec<&'static [u8]> = vec![
        b"EHLO c\r\n",
        b"HELO c\n",
        b"MAIL FROM:<a@b.example>\r\n",
        b"MAIL FROM:<> SIZE=20\r\n",
        b"RCPT TO:<c@d.example>\r\n",
        b"RCPT TO:<Postmaster>\r\n",
        b"DATA\r\n",
        b"DATA\n",
        b"BDAT 5\r\n",
        b"BDAT 3 LAST\r\n",
        b"BDAT 0 LAST\r\n",
        b"RSET\r\n",
        b"NOOP\r\n",
        b"VRFY x\r\n",
        b"HELP\r\n",
        b"AUTH LOGIN\r\n",
        b"AUTH PLAIN\r\n",
        b"YWxpY2U=\r\n",
        b"*\r\n",
        b".\r\n",
        b"..\r\n",
        b"\r\n.\r\n",
        b"\n.\n",
        b"\r",
        b"\n",
        b".",
        b"QUIT\r\n",
    ];
    prop_oneof![
        3 => proptest::sample::select(words).prop_map(|w| w.to_vec()),
        1 => proptest::collection::vec(any::<u8>(), 0..40),
    ]
}

/// `input` cut at the positions `cuts` (each taken modulo the length + 1, in order).
fn cut(input: &[u8], cuts: Vec<usize>) -> Vec<&[u8]> {
    let mut cuts: Vec<usize> = cuts.into_iter().map(|c| c % (input.len() + 1)).collect();
    cuts.sort_unstable();
    let mut pieces = Vec::new();
    let mut at = 0;
    for c in cuts {
        pieces.push(&input[at..c]);
        at = c;
    }
    pieces.push(&input[at..]);
    pieces
}

fn persona() -> impl Strategy<Value = Persona> {
    prop_oneof![
        Just(Persona::Strict),
        Just(Persona::Lenient),
        Just(Persona::Vulnerable)
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// However the input is split, the replies and events are the same (STARTTLS is off: it
    /// alone depends on what arrives together, by design).
    #[test]
    fn chunking_never_changes_the_session(
        parts in proptest::collection::vec(fragment(), 0..40),
        cuts in proptest::collection::vec(any::<usize>(), 0..8),
        persona in persona(),
        max_size in prop_oneof![Just(10_485_760usize), Just(16usize)],
    ) {
        let input: Vec<u8> = parts.concat();
        let mut cfg = ServerConfig { persona, max_message_size: max_size, max_errors: 0, ..ServerConfig::default() };
        cfg.extensions.starttls = false;
        let whole = run(&cfg, &[&input]);
        let pieces = cut(&input, cuts);
        let split = run(&cfg, &pieces);
        prop_assert_eq!(show(&whole.0), show(&split.0));
        prop_assert_eq!(whole.1, split.1);
    }

    /// Arbitrary bytes in arbitrary chunks never panic, with every extension on.
    #[test]
    fn arbitrary_bytes_never_panic(
        chunks in proptest::collection::vec(proptest::collection::vec(any::<u8>(), 0..200), 0..20),
        persona in persona(),
    ) {
        let cfg = ServerConfig { persona, ..ServerConfig::default() };
        let mut s = ServerSession::new(cfg);
        for c in &chunks {
            s.receive(c);
            let _ = s.take_output();
        }
        while s.poll_event().is_some() {}
        s.timeout();
    }

    /// Any body, dot-stuffed and fed after DATA in any chunking, comes back byte-identical
    /// (line endings made CRLF).
    #[test]
    fn body_round_trip(
        raw in proptest::collection::vec(any::<u16>(), 0..3000),
        cuts in proptest::collection::vec(any::<usize>(), 0..6),
        persona in persona(),
    ) {
        // Mostly the bytes that matter to the scanner, some of anything.
        let body: Vec<u8> = raw
            .iter()
            .map(|&r| match r % 8 {
                0 => b'.',
                1 => b'\r',
                2 => b'\n',
                3 => 0,
                4 | 5 => b'a',
                _ => (r >> 8) as u8,
            })
            .collect();
        let expect = normalize_line_endings(&body);
        prop_assume!(expect.split(|&b| b == b'\n').all(|l| l.len() < 1000));
        let mut input = concat!(tx!(), "DATA\r\n").as_bytes().to_vec();
        input.extend_from_slice(&dot_stuff(&body));
        let cfg = ServerConfig { persona, ..ServerConfig::default() };
        let pieces = cut(&input, cuts);
        let (_, events) = run(&cfg, &pieces);
        let messages: Vec<&Message> = events.iter().filter_map(|e| match e {
            Event::MessageReceived(m) => Some(m),
            _ => None,
        }).collect();
        prop_assert_eq!(messages.len(), 1);
        prop_assert_eq!(&messages[0].content, &expect);
    }
}

/// Issue 13, item 3: a local part over 64 octets is accepted up to the path limit (RFC 5321
/// §4.5.3.1: servers SHOULD avoid such limits; SRS, VERP and BATV exceed 64), with a warning
/// that teaches the 64 as what a client may count on (§4.5.3.1.1). Before: 501 5.5.4.
#[test]
fn local_parts_over_64_octets_are_accepted_with_a_warning() {
    use smtp_sim_core::server::{Event, Warning};
    let srs = format!("SRS0=HHH=TT=example.com={}", "y".repeat(80));
    let mut s = ServerSession::new(ServerConfig::default());
    s.receive(
        format!(
            "EHLO c\r\nMAIL FROM:<{srs}@example.org>\r\nRCPT TO:<{}@example.net>\r\n\
             RCPT TO:<short@example.net>\r\nRCPT TO:<{}@example.net>\r\n",
            "x".repeat(65),
            "z".repeat(244)
        )
        .as_bytes(),
    );
    let out = String::from_utf8(s.take_output()).unwrap();
    let codes: Vec<&str> = out
        .lines()
        .map(|l| &l.as_bytes()[..3])
        .map(|c| std::str::from_utf8(c).unwrap())
        .collect();
    assert_eq!(
        codes[codes.len() - 4..],
        ["250", "250", "250", "501"],
        "{out}"
    );
    assert!(
        out.ends_with("501 5.5.4 Path too long (256 octets at most)\r\n"),
        "{out}"
    );
    let warnings: Vec<Warning> = std::iter::from_fn(|| s.poll_event())
        .filter_map(|e| match e {
            Event::Warning(w) => Some(w),
            _ => None,
        })
        .collect();
    assert_eq!(
        warnings,
        [
            Warning::LongLocalPart { octets: srs.len() },
            Warning::LongLocalPart { octets: 65 }
        ]
    );
}
