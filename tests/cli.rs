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
        &["serve", "--max-per-client", "-1"],
        &["serve", "--idle-timeout", "soon"],
        &["serve", "--command-timeout", "0"],
        &["serve", "--data-block-timeout", "x"],
        &["serve", "--listen", "0.0.0.0:0"],
        &["serve", "--tls-port", "70000"],
        &["serve", "--cert", "c.pem"],
        &["send", "--bogus"],
        &["send", "--from", "a@b"],
        &["send", "--server", "h:25", "--from", "a@b", "--to", "c\n@d"],
        &[
            "send", "--server", "h:25", "--from", "", "--to", "c@d", "x", "y",
        ],
        &[
            "send",
            "--server",
            "h:25",
            "--from",
            "",
            "--to",
            "c@d",
            "--timeout",
            "0",
        ],
        &[
            "send", "--server", "h:25", "--from", "", "--to", "c@d", "--lang", "ené",
        ],
        &["demo", "--bogus"],
        &["demo", "--fault", "rcpt"],
        &["demo", "--max-recipients", "many"],
        &["demo", "--lang", "xx"],
        &["demo", "--helo=yes"],
        &["explain"],
        &["explain", "--bogus", "354"],
        &["explain", "354", "--lang"],
        &["compare", "221"],
        &["compare", "abc", "221"],
        &["compare", "221", "421", "--command", "QUIT"],
        &["frobnicate"],
        &["serve", "--listen", "\x1b]0;PWNED\x07"],
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
        assert!(
            !err.contains('\x1b') && !err.contains('\x07'),
            "{args:?}: quotes the input escaped: {err:?}"
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
        (
            &["--help"],
            &["stdio", "serve", "send", "demo", "explain", "compare"],
        ),
        (
            &[],
            &["stdio", "serve", "send", "demo", "explain", "compare"],
        ),
        (
            &["stdio", "--help"],
            &["--persona", "--hostname", "stderr", "simulated", "421"],
        ),
        (
            &["serve", "--help"],
            &[
                "--listen",
                "--store",
                "--allow-remote",
                "--max-sessions",
                "--max-per-client",
                "--idle-timeout",
                "--command-timeout",
                "--data-block-timeout",
                "--data-timeout",
                "--tls-port",
                "--cert",
                "--key",
                "listening on",
            ],
        ),
        (
            &["send", "--help"],
            &[
                "--server",
                "--from",
                "--to",
                "--subject",
                "--timeout",
                "--chunking",
            ],
        ),
        (&["demo", "-h"], &["--fault", "--max-recipients", "--lang"]),
        (&["explain", "--help"], &["--command", "--lang"]),
        (&["compare", "--help"], &["CODE", "--lang"]),
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
    assert_eq!(
        refused.text(),
        "mx.example.test Too many connections, try again later"
    );
    second.expect_closed();

    assert_eq!(first.cmd("QUIT").code, 221);
    first.expect_closed();
    // The slot is released once the session's connection is closed, just after the 221.
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

#[test]
fn demo_refuses_fault_text_with_a_line_break() {
    // Issue 8, defect 10: the CRLF ended the 450 and put "250 2.1.5 injected" on the wire.
    for (spec, lang, words) in [
        ("rcpt:450:x\r\n250 2.1.5 injected", "en", "line breaks"),
        (
            "rcpt:450:x\r\n250 2.1.5 injected",
            "pt-BR",
            "quebras de linha",
        ),
        ("rcpt:450:always:x\n250 ok", "en", "line breaks"),
        ("end:552:\u{1b}]0;title\u{7}", "en", "control characters"),
    ] {
        let out = demo(&["--fault", spec, "--lang", lang]);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{spec:?}: {err}");
        assert_eq!(err.lines().count(), 1, "{spec:?}: {err:?}");
        assert!(err.contains(words), "{spec:?}: {err}");
        assert!(!err.contains('\x1b') && !err.contains('\r'), "{err:?}");
        assert!(out.stdout.is_empty(), "{spec:?}: nothing ran");
    }
}

// ---- shutdown (RFC 5321 §3.8) --------------------------------------------------------------

#[test]
fn serve_answers_sigterm_and_sigint_with_421_to_every_open_session_and_exits_0() {
    for signal in [libc::SIGTERM, libc::SIGINT] {
        let mut server = Server::start(&[]);
        let mut idle = Client::connect(server.addr);
        assert_eq!(idle.reply().code, 220);
        assert_eq!(idle.cmd("EHLO idle.example").code, 250);
        let mut in_data = Client::connect(server.addr);
        assert_eq!(in_data.reply().code, 220);
        assert_eq!(in_data.cmd("EHLO data.example").code, 250);
        assert_eq!(in_data.cmd("MAIL FROM:<a@example.org>").code, 250);
        assert_eq!(in_data.cmd("RCPT TO:<b@example.net>").code, 250);
        assert_eq!(in_data.cmd("DATA").code, 354);
        in_data.send(b"Subject: half\r\n\r\nnot finished");
        // Both sessions have been answered, so both are open when the signal comes.
        server.signal(signal);
        for c in [&mut idle, &mut in_data] {
            let r = c.reply();
            assert_eq!((r.code, enhanced(&r).as_str()), (421, "4.3.2"), "{r:?}");
            assert_eq!(r.text(), "mx.example.test Service shutting down");
            c.expect_closed();
        }
        let status = server.wait();
        assert_eq!(status.code(), Some(0), "signal {signal}: {status}");
        assert!(server.stored().is_empty(), "half a message is not stored");
        assert!(
            server.log_has("2 open session(s) told 421"),
            "{}",
            server.log()
        );
    }
}

/// Raises this process's soft limit on open files to its hard limit (a server started now
/// inherits it) and returns the soft limit in effect.
fn raise_open_files_limit() -> libc::rlim_t {
    let mut lim = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: getrlimit and setrlimit only read and write the struct passed to them.
    unsafe {
        if libc::getrlimit(libc::RLIMIT_NOFILE, &mut lim) != 0 {
            return 0;
        }
        if lim.rlim_cur < lim.rlim_max {
            let raised = libc::rlimit {
                rlim_cur: lim.rlim_max,
                rlim_max: lim.rlim_max,
            };
            if libc::setrlimit(libc::RLIMIT_NOFILE, &raised) == 0 {
                lim = raised;
            }
        }
    }
    lim.rlim_cur
}

#[test]
fn serve_tells_a_thousand_idle_sessions_421_on_sigterm() {
    const N: usize = 1000;
    // 1 000 client sockets here and as many in the server, beside the other tests' sockets.
    let limit = raise_open_files_limit();
    if limit < 4 * N as libc::rlim_t {
        eprintln!("skipped: the open-files limit ({limit}) is below {}", 4 * N);
        return;
    }
    let mut server = Server::start(&["--max-sessions", "1000", "--max-per-client", "1000"]);
    let mut clients: Vec<Client> = (0..N).map(|_| Client::connect(server.addr)).collect();
    for (i, c) in clients.iter_mut().enumerate() {
        assert_eq!(c.reply().code, 220, "session {i}");
        assert_eq!(
            c.cmd(&format!("HELO c{i}.example")).code,
            250,
            "session {i}"
        );
    }
    server.signal(libc::SIGTERM);
    for (i, c) in clients.iter_mut().enumerate() {
        let r = c.reply();
        assert_eq!(
            (r.code, enhanced(&r).as_str()),
            (421, "4.3.2"),
            "session {i}: {r:?}"
        );
        c.expect_closed();
    }
    assert_eq!(server.wait().code(), Some(0));
    assert!(
        server.log_has("1000 open session(s) told 421"),
        "{}",
        server.log()
    );
}

#[test]
fn stdio_answers_sigterm_with_421_and_exits_0() {
    let mut s = Stdio1::start(&[]);
    assert!(s.line().starts_with(b"220 "));
    s.send(b"EHLO c.example\r\nMAIL FROM:<a@example.org>\r\n");
    while !s.line().starts_with(b"250 ") {}
    assert!(s.line().starts_with(b"250 "), "MAIL accepted");
    common::send_signal(&s.child.0, libc::SIGTERM);
    let line = s.line();
    assert_eq!(
        String::from_utf8_lossy(&line),
        "421 4.3.2 mx.example.test Service shutting down\r\n"
    );
    let status = wait_bounded(&mut s.child.0, WAIT, "smtp-sim stdio after SIGTERM");
    assert_eq!(status.code(), Some(0), "{status}");
}

/// A hidden temporary file as the store names them: `.SECS.NANOS.PID.N.tmp`.
fn temp_name(pid: u32, n: u32) -> String {
    format!(".1700000000.000000001.{pid}.{n}.tmp")
}

#[test]
fn serve_removes_leftover_temporaries_at_start_and_at_shutdown() {
    let store = TempDir::new("leftovers");
    // pid 0 is never a user process: a server that was killed while storing left this.
    let dead = store.path().join(temp_name(0, 1));
    // This test process runs: its file is not the server's to remove.
    let alive = store.path().join(temp_name(std::process::id(), 2));
    std::fs::write(&dead, b"half a message").unwrap();
    std::fs::write(&alive, b"someone else's message").unwrap();
    let mut server = Server::start_in(store, &[], &[]);
    assert!(!dead.exists(), "removed at start-up");
    assert!(alive.exists());
    // A store of this server cut short by the shutdown.
    let own = server.store.path().join(temp_name(server.pid(), 3));
    std::fs::write(&own, b"being written").unwrap();
    server.signal(libc::SIGTERM);
    assert_eq!(server.wait().code(), Some(0));
    assert!(!own.exists(), "removed at shutdown");
    assert!(alive.exists());
}

// ---- slots and timeouts (RFC 5321 §4.5.3.2) ------------------------------------------------

/// Sends `bytes` one at a time, `gap` apart, on a thread; returns a flag set once all were sent.
fn trickle(
    c: &Client,
    bytes: &'static [u8],
    gap: Duration,
) -> std::sync::Arc<std::sync::atomic::AtomicBool> {
    use std::io::Write;
    use std::sync::atomic::{AtomicBool, Ordering};
    let done = std::sync::Arc::new(AtomicBool::new(false));
    let flag = done.clone();
    let mut w = c.writer();
    thread::spawn(move || {
        for b in bytes {
            if w.write_all(std::slice::from_ref(b)).is_err() {
                return;
            }
            thread::sleep(gap);
        }
        flag.store(true, Ordering::SeqCst);
    });
    done
}

/// Waits until a new connection is greeted with 220 (the slot of a closed session is released
/// just after the close); false if it never is.
fn greeted_again(addr: std::net::SocketAddr) -> bool {
    for _ in 0..100 {
        let mut c = Client::connect(addr);
        if c.reply().code == 220 {
            return true;
        }
        thread::sleep(Duration::from_millis(50));
    }
    false
}

#[test]
fn serve_command_timeout_is_not_restarted_by_a_trickle_and_frees_the_slot() {
    use std::sync::atomic::Ordering;
    let server = Server::start(&["--command-timeout", "1", "--max-sessions", "1"]);
    let mut c = Client::connect(server.addr);
    assert_eq!(c.reply().code, 220);
    // 100 bytes, one every 100 ms: a read every 0.1 s, but no whole command for 10 s.
    let done = trickle(&c, &[b'N'; 100], Duration::from_millis(100));
    let r = c.reply();
    assert_eq!((r.code, enhanced(&r).as_str()), (421, "4.4.2"), "{r:?}");
    assert!(
        !done.load(Ordering::SeqCst),
        "cut while still trickling, not after"
    );
    c.expect_closed();
    assert!(greeted_again(server.addr), "the slot is free again");
}

#[test]
fn serve_data_block_timeout_cuts_a_trickle_inside_data() {
    use std::sync::atomic::Ordering;
    let server = Server::start(&["--data-block-timeout", "1", "--max-sessions", "1"]);
    let mut c = Client::connect(server.addr);
    assert_eq!(c.reply().code, 220);
    assert_eq!(c.cmd("HELO slow.example").code, 250);
    assert_eq!(c.cmd("MAIL FROM:<a@example.org>").code, 250);
    assert_eq!(c.cmd("RCPT TO:<b@example.net>").code, 250);
    assert_eq!(c.cmd("DATA").code, 354);
    let done = trickle(&c, &[b'x'; 100], Duration::from_millis(100));
    let r = c.reply();
    assert_eq!((r.code, enhanced(&r).as_str()), (421, "4.4.2"), "{r:?}");
    assert!(!done.load(Ordering::SeqCst), "cut while still trickling");
    c.expect_closed();
    assert!(server.stored().is_empty());
    assert!(greeted_again(server.addr), "the slot is free again");
}

#[test]
fn serve_caps_sessions_per_client_address() {
    let server = Server::start(&["--max-per-client", "2", "--max-sessions", "10"]);
    let one: std::net::IpAddr = "127.0.0.1".parse().unwrap();
    let two: std::net::IpAddr = "127.0.0.2".parse().unwrap();
    let mut first = Client::connect_from(one, server.addr);
    let mut second = Client::connect_from(one, server.addr);
    assert_eq!(first.reply().code, 220);
    assert_eq!(second.reply().code, 220);
    let mut third = Client::connect_from(one, server.addr);
    let r = third.reply();
    assert_eq!((r.code, enhanced(&r).as_str()), (421, "4.3.2"), "{r:?}");
    assert_eq!(
        r.text(),
        "mx.example.test Too many connections, try again later"
    );
    third.expect_closed();
    // Another client is still served.
    let mut other = Client::connect_from(two, server.addr);
    assert_eq!(other.reply().code, 220);
    assert_eq!(first.cmd("QUIT").code, 221);
    first.expect_closed();
    let mut again = false;
    for _ in 0..100 {
        let mut c = Client::connect_from(one, server.addr);
        if c.reply().code == 220 {
            again = true;
            break;
        }
        thread::sleep(Duration::from_millis(50));
    }
    assert!(again, "the client's slot is free after its session closed");
}

#[test]
fn serve_stops_reading_a_client_that_does_not_read_its_replies() {
    // Pipelined EHLOs whose replies (25 times their size) the client never reads: once the
    // replies fill the socket buffers the server must stop reading, so the client's writes
    // block long before 64 MiB. A server that kept reading would buffer every reply.
    use std::io::Write;
    let server = Server::start(&[]);
    let mut c = Client::connect(server.addr);
    assert_eq!(c.reply().code, 220);
    let mut w = c.writer();
    w.set_write_timeout(Some(Duration::from_secs(2))).unwrap();
    let chunk = b"EHLO c.example\r\n".repeat(4096);
    let mut written = 0usize;
    let blocked = loop {
        if written >= 64 << 20 {
            break false;
        }
        match w.write(&chunk) {
            Ok(n) => written += n,
            Err(e) => {
                assert!(
                    matches!(
                        e.kind(),
                        std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                    ),
                    "{e}"
                );
                break true;
            }
        }
    };
    assert!(blocked, "the server read all {written} octets");
    // Still served: the replies come in order once the client reads.
    let r = c.reply();
    assert_eq!(r.code, 250, "{r:?}");
}

/// Resident memory of a process, from /proc (Linux), in KiB.
fn rss_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

#[test]
fn serve_holds_256_sessions_at_once() {
    const N: usize = 256;
    let server = Server::start(&["--max-sessions", "256", "--max-per-client", "256"]);
    let before = rss_kib(server.pid());
    let mut clients: Vec<Client> = (0..N).map(|_| Client::connect(server.addr)).collect();
    for c in &mut clients {
        assert_eq!(c.reply().code, 220);
    }
    // All 256 are open at once: each still answers.
    for (i, c) in clients.iter_mut().enumerate() {
        assert_eq!(c.cmd(&format!("HELO c{i}.example")).code, 250);
    }
    let during = rss_kib(server.pid());
    if let (Some(a), Some(b)) = (before, during) {
        // Information for the reader, not a threshold.
        eprintln!(
            "serve RSS: {a} KiB idle, {b} KiB with {N} sessions: {:.1} KiB per session",
            (b.saturating_sub(a)) as f64 / N as f64
        );
    }
    for c in &mut clients {
        assert_eq!(c.cmd("QUIT").code, 221);
    }
}

// ---- terminal safety -----------------------------------------------------------------------

/// Characters that act on a terminal: C0 controls but LF, DEL, C1 controls, and bidi or
/// invisible format characters.
fn raw_controls(bytes: &[u8]) -> Vec<char> {
    String::from_utf8_lossy(bytes)
        .chars()
        .filter(|&c| {
            (c.is_control() && c != '\n')
                || matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
        })
        .collect()
}

/// A one-session SMTP server on loopback whose replies carry terminal escape sequences: it sets
/// the window title (OSC 0 … BEL), clears the screen (CSI 2J), uses the C1 CSI U+009B and the
/// right-to-left override U+202E. Returns its address.
fn hostile_server() -> std::net::SocketAddr {
    use std::io::{BufRead, BufReader, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    thread::spawn(move || {
        let Ok((stream, _)) = listener.accept() else {
            return;
        };
        stream.set_read_timeout(Some(WAIT)).unwrap();
        let mut w = stream.try_clone().unwrap();
        let evil = "\x1b]0;PWNED\x07 \x1b[2J \u{9b}31m \u{202e}gpj.exe";
        let _ = write!(w, "220 evil.test ESMTP {evil}\r\n");
        let mut lines = BufReader::new(stream).lines();
        for _ in 0..10 {
            let Some(Ok(line)) = lines.next() else { return };
            let verb = line.get(..4).unwrap_or("").to_ascii_uppercase();
            let reply = match verb.as_str() {
                "EHLO" => format!("250-evil.test {evil}\r\n250 ENHANCEDSTATUSCODES\r\n"),
                "MAIL" => "250 2.1.0 Ok\r\n".to_string(),
                "RCPT" => format!("550 5.1.1 {evil}\r\n"),
                "QUIT" => format!("221 2.0.0 {evil}\r\n"),
                _ => format!("500 5.5.2 {evil}\r\n"),
            };
            let _ = w.write_all(reply.as_bytes());
            if verb == "QUIT" {
                return;
            }
        }
    });
    addr
}

#[test]
fn send_prints_nothing_raw_from_a_hostile_server() {
    let addr = hostile_server();
    let mut cmd = Command::new(BIN);
    cmd.args(["send", "--server", &addr.to_string(), "--timeout", "10"])
        .args([
            "--from",
            "a@example.org",
            "--to",
            "b@example.net",
            "--no-pipelining",
        ]);
    let out = run_bounded(cmd, b"", "smtp-sim send to a hostile server");
    assert_eq!(out.status.code(), Some(1), "nobody accepted the message");
    assert_eq!(raw_controls(&out.stdout), Vec::<char>::new());
    assert_eq!(raw_controls(&out.stderr), Vec::<char>::new());
    let stdout = String::from_utf8_lossy(&out.stdout);
    let shown = "\\x1b]0;PWNED\\x07 \\x1b[2J \\u{9b}31m \\u{202e}gpj.exe";
    assert!(
        stdout.contains(&format!("S: 550 5.1.1 {shown}\n")),
        "{stdout}"
    );
    assert!(
        stdout.contains(&format!("  Failed <b@example.net> 550 5.1.1 {shown}\n")),
        "the summary: {stdout}"
    );
}

#[test]
fn verbose_logs_and_trace_headers_carry_no_raw_controls() {
    let dir = TempDir::new("stdio-escapes");
    // SMTPUTF8 lets a quoted local part carry C1 controls and bidi overrides (RFC 6531 §3.3).
    let input = "EHLO c.example\r\n\
                 MAIL FROM:<\"\u{9b}2J\u{202e}evil\"@example.org> SMTPUTF8\r\n\
                 RCPT TO:<\"\u{2066}b\"@example.net>\r\n\
                 DATA\r\nSubject: x\r\n\r\nhi\r\n.\r\nQUIT\r\n";
    let out = stdio(
        &["-v", "--store", dir.path().to_str().unwrap()],
        input.as_bytes(),
    );
    assert_eq!(
        codes(&replies(&out.stdout)),
        [220, 250, 250, 250, 354, 250, 221]
    );
    assert_eq!(raw_controls(&out.stderr), Vec::<char>::new());
    let log = String::from_utf8_lossy(&out.stderr);
    assert!(
        log.contains("received message from <\"\\u{9b}2J\\u{202e}evil\"@example.org>"),
        "{log}"
    );
    let files = stored_in(dir.path());
    assert_eq!(files.len(), 1);
    let eml = String::from_utf8_lossy(&files[0].1);
    let (head, _) = eml.split_once("Subject:").unwrap();
    let bad: Vec<char> = raw_controls(head.as_bytes())
        .into_iter()
        .filter(|c| !matches!(c, '\r' | '\t'))
        .collect();
    assert_eq!(bad, Vec::<char>::new(), "{head:?}");
    assert!(
        head.starts_with("Return-Path: <\"?2J?evil\"@example.org>\r\n"),
        "{head:?}"
    );
}

// ---- the store ------------------------------------------------------------------------------

/// How to run the server so that file permissions bind it: as is for a normal user; as
/// `nobody` (uid and gid 65534) through `setpriv` for root, which permission bits do not stop.
/// `None` (and a printed reason) when root has no `setpriv`.
fn unprivileged() -> Option<Vec<&'static str>> {
    // SAFETY: geteuid(2) has no preconditions.
    if unsafe { libc::geteuid() } != 0 {
        return Some(Vec::new());
    }
    let found = std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default())
        .any(|d| d.join("setpriv").is_file());
    if !found {
        eprintln!("skipped: running as root and setpriv is not installed (util-linux)");
        return None;
    }
    Some(vec![
        "setpriv",
        "--reuid=65534",
        "--regid=65534",
        "--clear-groups",
        "--",
    ])
}

fn chmod(path: &std::path::Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

#[test]
fn a_store_that_cannot_be_written_stops_the_start() {
    let Some(wrapper) = unprivileged() else {
        return;
    };
    let dir = TempDir::new("read-only-store");
    chmod(dir.path(), 0o555);
    let file = dir.path().join("a-file");
    for (sub, store) in [
        ("serve", dir.path().to_owned()),
        ("stdio", dir.path().to_owned()),
        ("serve", file.clone()),
    ] {
        if store == file {
            chmod(dir.path(), 0o755);
            std::fs::write(&file, b"not a directory").unwrap();
        }
        let (program, args) = match wrapper.split_first() {
            Some((p, a)) => (*p, a.to_vec()),
            None => (BIN, Vec::new()),
        };
        let mut cmd = Command::new(program);
        cmd.args(args);
        if program != BIN {
            cmd.arg(BIN);
        }
        cmd.args([sub, "--store"]).arg(&store);
        if sub == "serve" {
            cmd.args(["--listen", "127.0.0.1:0"]);
        }
        let out = run_bounded(cmd, b"", "smtp-sim with a store it cannot write");
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{sub} {store:?}: {err}");
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.starts_with("smtp-sim: --store "), "{err}");
        assert!(
            err.contains("cannot write there") || err.contains("ot a directory"),
            "{err}"
        );
        assert!(
            !String::from_utf8_lossy(&out.stdout).contains("listening"),
            "never listened"
        );
    }
    chmod(dir.path(), 0o755);
}

/// Delivers one message of `body` on a fresh connection; returns the reply to the final dot and
/// checks the session goes on (NOOP 250) whatever it was.
fn deliver(server: &Server, body: &[u8]) -> Reply {
    let mut c = Client::connect(server.addr);
    assert_eq!(c.reply().code, 220);
    assert_eq!(c.cmd("EHLO store.example").code, 250);
    assert_eq!(c.cmd("MAIL FROM:<alice@example.org>").code, 250);
    assert_eq!(c.cmd("RCPT TO:<bob@example.net>").code, 250);
    assert_eq!(c.cmd("DATA").code, 354);
    c.send(body);
    let verdict = c.cmd(".");
    assert_eq!(c.cmd("NOOP").code, 250, "the session goes on");
    assert_eq!(c.cmd("QUIT").code, 221);
    verdict
}

fn code_and_enhanced(r: &Reply) -> (u16, String) {
    (r.code, enhanced(r))
}

#[test]
fn a_stored_message_is_answered_250_with_a_queue_id_unique_in_the_run() {
    let server = Server::start(&[]);
    let body = b"Subject: id\r\n\r\nhello\r\n";
    let a = deliver(&server, body);
    let b = deliver(&server, body);
    for r in [&a, &b] {
        assert_eq!(code_and_enhanced(r), (250, "2.0.0".into()), "{r:?}");
        assert!(r.text().starts_with("Ok: queued as "), "{r:?}");
    }
    assert_ne!(a.text(), b.text(), "two sessions, two ids");
    // The id in the reply is the id in the trace header of the file.
    let files = server.stored();
    assert_eq!(files.len(), 2);
    for r in [&a, &b] {
        let id = r.text().trim_start_matches("Ok: queued as ").to_owned();
        assert!(
            files
                .iter()
                .any(|(_, eml)| String::from_utf8_lossy(eml).contains(&format!(" id {id}\r\n"))),
            "{id} in no Received header"
        );
    }
}

#[test]
fn a_store_removed_after_start_answers_451_and_keeps_nothing() {
    let server = Server::start(&[]);
    std::fs::remove_dir_all(server.store.path()).unwrap();
    let r = deliver(&server, b"Subject: lost?\r\n\r\nno\r\n");
    assert_eq!(code_and_enhanced(&r), (451, "4.3.0".into()), "{r:?}");
    assert!(server.log_has("could not store"), "{}", server.log());
}

#[test]
fn a_store_made_read_only_after_start_answers_451() {
    let Some(wrapper) = unprivileged() else {
        return;
    };
    let store = TempDir::new("ro-later");
    // The server (maybe as nobody) owns its store, then loses the right to write it.
    if !wrapper.is_empty() {
        std::os::unix::fs::chown(store.path(), Some(65534), Some(65534)).unwrap();
    }
    let server = Server::start_in(store, &[], &wrapper);
    chmod(server.store.path(), 0o555);
    let r = deliver(&server, b"Subject: ro\r\n\r\nno\r\n");
    chmod(server.store.path(), 0o755);
    assert_eq!(code_and_enhanced(&r), (451, "4.3.0".into()), "{r:?}");
    assert!(server.stored().is_empty());
}

#[test]
fn a_full_store_answers_452() {
    // RLIMIT_FSIZE (prlimit, util-linux) makes a write past 2048 octets fail with EFBIG, as a
    // full disk fails with ENOSPC; both are "no room" (RFC 3463 X.3.1). A small tmpfs would need
    // privileges that CI may not have.
    let found = std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default())
        .any(|d| d.join("prlimit").is_file());
    if !found {
        eprintln!("skipped: prlimit (util-linux) is not installed");
        return;
    }
    let server = Server::start_in(
        TempDir::new("full"),
        &[],
        &["prlimit", "--fsize=2048", "--"],
    );
    let small = deliver(&server, b"Subject: small\r\n\r\nfits\r\n");
    assert_eq!(
        code_and_enhanced(&small),
        (250, "2.0.0".into()),
        "{small:?}"
    );
    let mut big = b"Subject: big\r\n\r\n".to_vec();
    for _ in 0..100 {
        big.extend_from_slice(&[b'x'; 98]);
        big.extend_from_slice(b"\r\n");
    }
    let r = deliver(&server, &big);
    assert_eq!(code_and_enhanced(&r), (452, "4.3.1".into()), "{r:?}");
    let files = server.stored();
    assert_eq!(
        files.len(),
        1,
        "only the small one, and no temporary left: {files:?}"
    );
    assert!(files[0].1.ends_with(b"fits\r\n"));
}

#[test]
fn stdio_answers_451_when_the_store_goes_away() {
    let dir = TempDir::new("stdio-gone");
    let mut s = Stdio1::start(&["--store", dir.path().to_str().unwrap()]);
    assert!(s.line().starts_with(b"220 "));
    std::fs::remove_dir_all(dir.path()).unwrap();
    s.send(b"HELO c.example\r\nMAIL FROM:<>\r\nRCPT TO:<b@example.net>\r\nDATA\r\nhi\r\n.\r\n");
    let mut last = Vec::new();
    for _ in 0..5 {
        last = s.line();
    }
    assert!(
        last.starts_with(b"451 4.3.0 "),
        "{:?}",
        String::from_utf8_lossy(&last)
    );
}
