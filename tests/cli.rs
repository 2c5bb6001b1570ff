//! The `smtp-sim` binary as users run it: stdio sessions, flags, `serve`, `--store`.

mod common;

use std::process::Command;
use std::thread;
use std::time::Duration;

use common::{
    check_eml, find_eml, run_bounded, stored_in, wait_bounded, Client, Server, Stdio1, TempDir,
    BIN, WAIT,
};
use smtp_sim_core::reply::{Reply, ReplyParser};

/// Parses all of `out` as SMTP replies; fails on anything that is not one (or not CRLF).
fn replies(out: &[u8]) -> Vec<Reply> {
    let text = String::from_utf8_lossy(out);
    for line in text.split_inclusive('\n') {
        assert!(line.ends_with("\r\n"), "reply line without CRLF: {line:?}");
    }
    let mut parser = ReplyParser::new();
    parser.feed(out);
    let mut all = Vec::new();
    while let Some(r) = parser.next_reply() {
        all.push(r.unwrap_or_else(|e| panic!("stdout holds a non-reply ({e:?}): {text:?}")));
    }
    assert!(!parser.has_partial(), "stdout ends mid-reply: {text:?}");
    all
}

fn codes(replies: &[Reply]) -> Vec<u16> {
    replies.iter().map(|r| r.code).collect()
}

fn enhanced(reply: &Reply) -> String {
    reply.enhanced.map(|e| e.to_string()).unwrap_or_default()
}

fn stdio(args: &[&str], input: &[u8]) -> std::process::Output {
    let mut cmd = Command::new(BIN);
    cmd.arg("stdio").args(args);
    run_bounded(cmd, input, "smtp-sim stdio")
}

#[test]
fn stdio_greets_before_reading_anything() {
    let s = Stdio1::start(&[]);
    let first = s.line();
    assert!(
        first.starts_with(b"220 ") && first.ends_with(b"\r\n"),
        "{:?}",
        String::from_utf8_lossy(&first)
    );
}

#[test]
fn stdio_flushes_each_reply_while_stdin_stays_open() {
    let mut s = Stdio1::start(&[]);
    s.line();
    s.send(b"NOOP\r\n");
    let reply = s.line();
    assert!(
        reply.starts_with(b"250 "),
        "{:?}",
        String::from_utf8_lossy(&reply)
    );
    s.send(b"QUIT\r\n");
    assert!(s.line().starts_with(b"221 "));
    // stdin is still open: the process must end on its own after 221.
    let status = wait_bounded(&mut s.child.0, WAIT, "smtp-sim stdio after QUIT");
    assert!(status.success(), "{status}");
}

#[test]
fn stdio_answers_a_scripted_session_and_exits_0_after_quit() {
    let input = b"EHLO client.example\r\n\
        MAIL FROM:<alice@example.org>\r\n\
        RCPT TO:<bob@example.net>\r\n\
        DATA\r\n\
        Subject: hello\r\n\
        \r\n\
        ..a line that began with a dot\r\n\
        .\r\n\
        QUIT\r\n\
        NOOP\r\n";
    let out = stdio(&[], input);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let r = replies(&out.stdout);
    assert_eq!(codes(&r), [220, 250, 250, 250, 354, 250, 221], "{r:?}");
    assert!(r[1].lines.len() > 1, "EHLO gets a multi-line reply: {r:?}");
    assert!(
        out.stderr.is_empty(),
        "{:?}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn stdio_exits_0_at_end_of_input_without_quit() {
    let out = stdio(&[], b"HELO client.example\r\nNOOP\r\n");
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert_eq!(codes(&replies(&out.stdout)), [220, 250, 250]);
}

#[test]
fn stdio_stdout_holds_only_smtp_bytes_even_when_verbose() {
    let out = stdio(
        &["--verbose"],
        b"EHLO x.example\r\nBOGUS\r\nMAIL FROM:<a@b.example> BAD=1\r\nQUIT\r\n",
    );
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let r = replies(&out.stdout);
    assert_eq!(r.first().map(|r| r.code), Some(220));
    assert_eq!(r.last().map(|r| r.code), Some(221));
    let log = String::from_utf8_lossy(&out.stderr);
    assert!(log.contains("BOGUS"), "verbose log on stderr: {log}");
}

#[test]
fn stdio_hostname_names_the_server_in_the_greeting() {
    let out = stdio(&["--hostname", "mx.school.test"], b"");
    assert_eq!(out.status.code(), Some(0));
    let r = replies(&out.stdout);
    assert_eq!(r[0].code, 220);
    assert!(r[0].text().starts_with("mx.school.test"), "{r:?}");
}

#[test]
fn stdio_store_writes_one_file_per_message() {
    let dir = TempDir::new("stdio-store");
    let body = b"Subject: to two\r\n\r\nhello\r\n";
    let mut input = b"EHLO c.example\r\nMAIL FROM:<>\r\nRCPT TO:<a@x.example>\r\nRCPT TO:<b@x.example>\r\nDATA\r\n".to_vec();
    input.extend_from_slice(body);
    input.extend_from_slice(b".\r\nQUIT\r\n");
    let out = stdio(&["--store", dir.path().to_str().unwrap()], &input);
    assert_eq!(
        codes(&replies(&out.stdout)),
        [220, 250, 250, 250, 250, 354, 250, 221]
    );
    let files = stored_in(dir.path());
    assert_eq!(files.len(), 1, "one file for two recipients: {files:?}");
    let received = check_eml(&files[0].0, &files[0].1, "", body);
    assert!(
        received.starts_with("Received: from c.example\r\n"),
        "{received}"
    );
    assert!(!received.contains("for <"), "two recipients: no for clause");
}

#[test]
fn bad_flags_give_one_line_and_exit_2() {
    let cases: &[&[&str]] = &[
        &["stdio", "--bogus"],
        &["stdio", "--persona", "sloppy"],
        &["stdio", "--persona"],
        &["stdio", "--hostname", "two words"],
        &["stdio", "--verbose=yes"],
        &["serve", "--bogus"],
        &["serve", "--listen"],
        &["serve", "--listen", "not an address"],
        &["serve", "--max-sessions", "0"],
        &["serve", "--idle-timeout", "soon"],
        &["serve", "--listen", "0.0.0.0:0"],
        &["frobnicate"],
    ];
    for args in cases {
        let mut cmd = Command::new(BIN);
        cmd.args(*args);
        let out = run_bounded(cmd, b"", "smtp-sim with bad flags");
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert_eq!(err.lines().count(), 1, "{args:?}: one line, got {err:?}");
        assert!(
            err.starts_with("smtp-sim: "),
            "{args:?}: names itself: {err:?}"
        );
        assert!(out.stdout.is_empty(), "{args:?}: nothing on stdout");
    }
}

#[test]
fn non_loopback_listen_names_the_flag_that_allows_it() {
    let mut cmd = Command::new(BIN);
    cmd.args(["serve", "--listen", "0.0.0.0:0"]);
    let out = run_bounded(cmd, b"", "smtp-sim serve 0.0.0.0");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--allow-remote"));
}

#[test]
fn help_for_each_command_exits_0_and_lists_its_options() {
    let cases: &[(&[&str], &[&str])] = &[
        (&["--help"], &["stdio", "serve"]),
        (&["stdio", "--help"], &["--persona", "--hostname", "stderr"]),
        (
            &["serve", "--help"],
            &[
                "--listen",
                "--store",
                "--allow-remote",
                "--max-sessions",
                "--idle-timeout",
                "listening on",
            ],
        ),
    ];
    for (args, words) in cases {
        let mut cmd = Command::new(BIN);
        cmd.args(*args);
        let out = run_bounded(cmd, b"", "smtp-sim --help");
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        let text = String::from_utf8_lossy(&out.stdout);
        for w in *words {
            assert!(text.contains(w), "{args:?} help lacks {w}: {text}");
        }
    }
}

#[test]
fn serve_on_port_0_prints_the_real_address_and_greets() {
    let server = Server::start(&[]);
    assert!(server.addr.ip().is_loopback());
    assert_ne!(server.port(), 0, "the printed port is the bound one");
    let mut c = Client::connect(server.addr);
    assert_eq!(c.reply().code, 220);
    assert_eq!(c.cmd("QUIT").code, 221);
    c.expect_closed();
}

#[test]
fn serve_runs_sessions_at_the_same_time() {
    let server = Server::start(&[]);
    let mut clients: Vec<Client> = (0..4).map(|_| Client::connect(server.addr)).collect();
    for c in &mut clients {
        assert_eq!(c.reply().code, 220);
    }
    for (i, c) in clients.iter_mut().enumerate() {
        assert_eq!(c.cmd(&format!("HELO c{i}.example")).code, 250);
    }
    for c in &mut clients {
        assert_eq!(c.cmd("QUIT").code, 221);
    }
}

#[test]
fn serve_store_writes_one_file_per_message_with_trace_headers_in_order() {
    let server = Server::start(&["--hostname", "mx.store.test"]);
    let mut c = Client::connect(server.addr);
    assert_eq!(c.reply().code, 220);
    assert_eq!(c.cmd("EHLO client.example").code, 250);

    let first = b"Subject: one\r\n\r\nfor two recipients\r\n";
    assert_eq!(c.cmd("MAIL FROM:<alice@example.org>").code, 250);
    assert_eq!(c.cmd("RCPT TO:<bob@example.net>").code, 250);
    assert_eq!(c.cmd("RCPT TO:<carol@example.net>").code, 250);
    assert_eq!(c.cmd("DATA").code, 354);
    c.send(first);
    assert_eq!(c.cmd(".").code, 250);

    let second = b"Subject: two\r\n\r\n.hidden dot\r\nbounce\r\n";
    assert_eq!(c.cmd("MAIL FROM:<>").code, 250);
    assert_eq!(c.cmd("RCPT TO:<dave@example.net>").code, 250);
    assert_eq!(c.cmd("DATA").code, 354);
    c.send(b"Subject: two\r\n\r\n..hidden dot\r\nbounce\r\n");
    assert_eq!(c.cmd(".").code, 250);
    assert_eq!(c.cmd("QUIT").code, 221);

    let files = server.stored();
    assert_eq!(files.len(), 2, "one file per message: {files:?}");
    let (name, eml) = find_eml(&files, first);
    let received = check_eml(name, eml, "alice@example.org", first);
    assert!(
        received.starts_with("Received: from client.example (localhost [127.0.0.1])\r\n"),
        "{received}"
    );
    assert!(
        received.contains("\tby mx.store.test (smtp-sim) with ESMTP id "),
        "{received}"
    );
    assert!(!received.contains("for <"), "{received}");

    let (name, eml) = find_eml(&files, second);
    let received = check_eml(name, eml, "", second);
    assert!(
        received.contains("\tfor <dave@example.net>;\r\n"),
        "{received}"
    );
}

#[test]
fn serve_beyond_max_sessions_answers_421_4_3_2_and_frees_the_slot_later() {
    let server = Server::start(&["--max-sessions", "1"]);
    let mut first = Client::connect(server.addr);
    assert_eq!(first.reply().code, 220);

    let mut second = Client::connect(server.addr);
    let refused = second.reply();
    assert_eq!(
        (refused.code, enhanced(&refused).as_str()),
        (421, "4.3.2"),
        "{refused:?}"
    );
    second.expect_closed();

    assert_eq!(first.cmd("QUIT").code, 221);
    first.expect_closed();
    // The slot is released when the session's thread ends, just after the close.
    let mut greeted = false;
    for _ in 0..100 {
        let mut third = Client::connect(server.addr);
        if third.reply().code == 220 {
            greeted = true;
            break;
        }
        thread::sleep(Duration::from_millis(50));
    }
    assert!(greeted, "a freed slot serves the next connection");
}

#[test]
fn serve_closes_an_idle_session_with_421_4_4_2() {
    let server = Server::start(&["--idle-timeout", "1"]);
    let mut c = Client::connect(server.addr);
    assert_eq!(c.reply().code, 220);
    assert_eq!(c.cmd("HELO idle.example").code, 250);
    let r = c.reply();
    assert_eq!((r.code, enhanced(&r).as_str()), (421, "4.4.2"), "{r:?}");
    c.expect_closed();
}

#[test]
fn no_starttls_drops_it_from_the_ehlo_reply() {
    let ehlo = |args: &[&str]| {
        let out = stdio(args, b"EHLO c.example\r\nQUIT\r\n");
        assert_eq!(out.status.code(), Some(0));
        replies(&out.stdout)[1].lines.clone()
    };
    assert!(ehlo(&[]).iter().any(|l| l == "STARTTLS"));
    let without = ehlo(&["--no-starttls"]);
    assert!(!without.iter().any(|l| l == "STARTTLS"), "{without:?}");
    assert!(without.iter().any(|l| l == "PIPELINING"), "{without:?}");
}

fn demo(args: &[&str]) -> std::process::Output {
    let mut cmd = Command::new(BIN);
    cmd.arg("demo").args(args);
    run_bounded(cmd, b"", "smtp-sim demo")
}

#[test]
fn demo_speaks_english_by_default_and_portuguese_on_request() {
    let en = demo(&["--fault", "rcpt:450"]);
    assert!(en.status.success());
    let en = String::from_utf8(en.stdout).unwrap();
    assert!(
        en.contains("~ waiting for the server's greeting  [RFC 5321 §3.1: wait for"),
        "{en}"
    );
    assert!(
        en.contains("RFC 5321 §4.2.1: 4yz, this recipient failed for now"),
        "{en}"
    );

    let pt = demo(&["--fault", "rcpt:450", "--lang", "pt-BR"]);
    assert!(pt.status.success());
    let pt = String::from_utf8(pt.stdout).unwrap();
    assert!(
        pt.contains("~ esperando a saudação do servidor  [RFC 5321 §3.1: esperar"),
        "{pt}"
    );
    assert!(
        pt.contains("RFC 5321 §4.2.1: 4yz, este destinatário falhou por enquanto"),
        "{pt}"
    );
    // The wire is the same in both languages.
    let wire = |s: &str| {
        s.lines()
            .filter(|l| l.starts_with("C: ") || l.starts_with("S: "))
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert_eq!(wire(&en), wire(&pt));

    assert_eq!(demo(&["--lang", "xx"]).status.code(), Some(2));
}
