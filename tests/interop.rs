//! Real SMTP clients against `smtp-sim serve` over loopback: Python's smtplib, swaks and curl,
//! in plain text and over real TLS (STARTTLS, RFC 3207, and implicit TLS, RFC 8314).
//!
//! Each test starts its own server (port 0, its own `--store` directory), runs a client program,
//! and checks the stored `.eml` ends with exactly the bytes the client sent. A missing client
//! program fails the test with "run ./build.sh setup"; nothing is skipped.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::{check_eml, find_eml, require, run_bounded, Server, TempDir};

fn write(dir: &TempDir, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

fn show(out: &Output) -> String {
    format!(
        "status {}\n--- stdout ---\n{}\n--- stderr ---\n{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// The client program succeeded and wrote `text` to its standard output.
fn assert_said(out: &Output, text: &str) {
    assert!(out.status.success(), "{}", show(out));
    assert!(
        String::from_utf8_lossy(&out.stdout).contains(text),
        "{}",
        show(out)
    );
}

/// The client program succeeded and the server stored one file, which ends with `sent` from
/// `sender`; its `Received:` line, for the test's own checks.
fn delivered_once(server: &Server, out: &Output, sender: &str, sent: &[u8]) -> String {
    assert!(out.status.success(), "{}", show(out));
    let stored = server.stored();
    assert_eq!(stored.len(), 1, "{}", show(out));
    check_eml(&stored[0].0, &stored[0].1, sender, sent)
}

/// `python3 tests/interop/smtplib_send.py PORT FROM TO,.. [--utf8] FILE..`
fn smtplib(server: &Server, from: &str, to: &[&str], utf8: bool, files: &[&Path]) -> Output {
    let flags: &[&str] = if utf8 { &["--utf8"] } else { &[] };
    smtplib_with(server.port(), from, to, flags, files)
}

/// `python3 tests/interop/smtplib_send.py PORT FROM TO,.. [FLAGS] FILE..`
fn smtplib_with(port: u16, from: &str, to: &[&str], flags: &[&str], files: &[&Path]) -> Output {
    let python = require("python3");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/interop/smtplib_send.py");
    let mut cmd = Command::new(python);
    cmd.arg(script)
        .arg(port.to_string())
        .arg(from)
        .arg(to.join(","))
        .env("PYTHONUTF8", "1")
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .args(flags)
        .args(files);
    run_bounded(cmd, b"", "python3 smtplib_send.py")
}

fn swaks(server: &Server, data: &Path, extra: &[&str]) -> Output {
    let mut cmd = Command::new(require("swaks"));
    cmd.args(["--server", "127.0.0.1", "--port"])
        .arg(server.port().to_string())
        .args(["--helo", "swaks.test", "--timeout", "15"])
        .args(["--from", "alice@example.org", "--to", "bob@example.net"])
        .arg("--data")
        .arg(format!("@{}", data.display()))
        .args(extra);
    run_bounded(cmd, b"", "swaks")
}

#[test]
fn smtplib_leading_dots_and_lone_dot_lines_come_back_unstuffed() {
    let server = Server::start(&[]);
    let dir = TempDir::new("py-dots");
    let messages: [&[u8]; 4] = [
        b"Subject: dots\r\n\r\n.one leading dot\r\n..two leading dots\r\n...\r\nend\r\n",
        b"Subject: lone dot\r\n\r\nbefore\r\n.\r\nafter\r\n",
        b"Subject: last line\r\n\r\nthe last line is a dot\r\n.\r\n",
        b"Subject: dot then space\r\n\r\n. \r\n.\t\r\n.CRLF.CRLF\r\n",
    ];
    let files: Vec<PathBuf> = messages
        .iter()
        .enumerate()
        .map(|(i, m)| write(&dir, &format!("m{i}.eml"), m))
        .collect();
    let paths: Vec<&Path> = files.iter().map(PathBuf::as_path).collect();
    let out = smtplib(
        &server,
        "alice@example.org",
        &["bob@example.net"],
        false,
        &paths,
    );
    assert_said(&out, "sent 4");
    let stored = server.stored();
    assert_eq!(stored.len(), messages.len(), "one file per message");
    for m in messages {
        let (name, eml) = find_eml(&stored, m);
        let received = check_eml(name, eml, "alice@example.org", m);
        assert!(
            received.starts_with("Received: from python.test (localhost [127.0.0.1])\r\n"),
            "{received}"
        );
        assert!(received.contains("\tfor <bob@example.net>;"), "{received}");
    }
}

#[test]
fn smtplib_smtputf8_non_ascii_addresses_and_body() {
    let server = Server::start(&[]);
    let dir = TempDir::new("py-utf8");
    let message = "Subject: olá\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n\
                   Coração, 日本語, ✓\r\n.ponto inicial\r\n"
        .as_bytes();
    let file = write(&dir, "utf8.eml", message);
    let out = smtplib(
        &server,
        "jörg@exämple.test",
        &["zoë@例え.test"],
        true,
        &[&file],
    );
    let received = delivered_once(&server, &out, "jörg@exämple.test", message);
    assert!(received.contains("\tfor <zoë@例え.test>;"), "{received}");
    // RFC 6531 §3.7.3: a message received with SMTPUTF8 is traced "with UTF8SMTP".
    assert!(received.contains(" with UTF8SMTP id "), "{received}");
}

#[test]
fn smtplib_several_recipients_one_rejected_still_one_file() {
    let server = Server::start(&[]);
    let dir = TempDir::new("py-rcpts");
    // RFC 5321 §4.5.3.1.3: a path longer than 256 octets is refused (a local part over 64
    // octets alone is not: §4.5.3.1 asks servers not to limit it).
    let too_long = format!("{}@example.net", "x".repeat(250));
    let message = b"Subject: to many\r\n\r\nhello all\r\n";
    let file = write(&dir, "many.eml", message);
    let out = smtplib(
        &server,
        "alice@example.org",
        &["bob@example.net", &too_long, "carol@example.net"],
        false,
        &[&file],
    );
    assert!(out.status.success(), "{}", show(&out));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let refused: Vec<&str> = stdout
        .lines()
        .filter(|l| l.starts_with("refused"))
        .collect();
    assert_eq!(refused.len(), 1, "{}", show(&out));
    let fields: Vec<&str> = refused[0].split('\t').collect();
    assert!(
        fields[1].starts_with('5'),
        "a permanent refusal: {refused:?}"
    );
    assert_eq!(fields[2], too_long);
    let stored = server.stored();
    assert_eq!(stored.len(), 1, "one file per message, not per recipient");
    let received = check_eml(&stored[0].0, &stored[0].1, "alice@example.org", message);
    assert!(!received.contains("for <"), "{received}");
}

/// swaks with `extra` flags sending one message to a new server (its store in a directory
/// named after `label`): the server, swaks's output, and the bytes that must arrive. swaks
/// dot-stuffs the `--data` file and ends it with CRLF.CRLF, so a file without a final line ending
/// arrives with exactly one CRLF added.
fn swaks_sends(label: &str, extra: &[&str]) -> (Server, Output, Vec<u8>) {
    let server = Server::start(&[]);
    let dir = TempDir::new(label);
    let data =
        b"Subject: from swaks\r\nX-Test: interop\r\n\r\nfirst line\r\n.a leading dot\r\nlast line";
    let path = write(&dir, "swaks.txt", data);
    let out = swaks(&server, &path, extra);
    let mut sent = data.to_vec();
    sent.extend_from_slice(b"\r\n");
    (server, out, sent)
}

#[test]
fn swaks_plain() {
    let (server, out, sent) = swaks_sends("swaks-plain", &[]);
    let received = delivered_once(&server, &out, "alice@example.org", &sent);
    assert!(
        received.starts_with("Received: from swaks.test (localhost [127.0.0.1])"),
        "{received}"
    );
    assert!(received.contains(" with ESMTP id "), "{received}");
}

#[test]
fn swaks_pipeline() {
    let (server, out, sent) = swaks_sends("swaks-pipe", &["--pipeline"]);
    delivered_once(&server, &out, "alice@example.org", &sent);
}

#[test]
fn swaks_auth_plain() {
    let auth = [
        "--auth",
        "PLAIN",
        "--auth-user",
        "alice",
        "--auth-password",
        "wonderland",
    ];
    let (server, out, sent) = swaks_sends("swaks-auth", &auth);
    assert_said(&out, "<-  235 2.7.0");
    let received = delivered_once(&server, &out, "alice@example.org", &sent);
    // RFC 3848 §2: ESMTPA once the client has authenticated.
    assert!(received.contains(" with ESMTPA id "), "{received}");
}

#[test]
fn swaks_auth_plain_wrong_password_gets_535_and_fails() {
    let auth = [
        "--auth",
        "PLAIN",
        "--auth-user",
        "alice",
        "--auth-password",
        "looking-glass",
    ];
    let (server, out, _) = swaks_sends("swaks-badauth", &auth);
    assert!(!out.status.success(), "{}", show(&out));
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("<** 535 5.7.8"),
        "{}",
        show(&out)
    );
    assert!(server.stored().is_empty(), "nothing is delivered");
}

#[test]
fn curl_upload_file() {
    let curl = require("curl");
    let server = Server::start(&[]);
    let dir = TempDir::new("curl");
    let message =
        b"Subject: from curl\r\nTo: bob@example.net\r\n\r\nhello\r\n.dot line\r\n..two\r\nbye\r\n";
    let file = write(&dir, "curl.eml", message);
    let mut cmd = Command::new(curl);
    cmd.args(["--silent", "--show-error", "--max-time", "15"])
        .arg(format!("smtp://127.0.0.1:{}/curl.test", server.port()))
        .args(["--mail-from", "alice@example.org"])
        .args(["--mail-rcpt", "bob@example.net"])
        .args(["--mail-rcpt", "carol@example.net"])
        .arg("--upload-file")
        .arg(&file);
    let out = run_bounded(cmd, b"", "curl");
    assert!(out.status.success(), "{}", show(&out));
    let stored = server.stored();
    assert_eq!(stored.len(), 1, "{}", show(&out));
    let (name, eml) = find_eml(&stored, message);
    let received = check_eml(name, eml, "alice@example.org", message);
    assert!(
        received.starts_with("Received: from curl.test (localhost [127.0.0.1])"),
        "{received}"
    );
}

/// `curl … smtp[s]://ADDR/curl.test` uploading `file`, with `tls` flags.
fn curl_tls(url: String, tls: &[&str], file: &Path) -> Output {
    let mut cmd = Command::new(require("curl"));
    cmd.args(["--silent", "--show-error", "--max-time", "15"])
        .args(tls)
        .arg(url)
        .args(["--mail-from", "alice@example.org"])
        .args(["--mail-rcpt", "bob@example.net"])
        .arg("--upload-file")
        .arg(file);
    run_bounded(cmd, b"", "curl with TLS")
}

#[test]
fn curl_starttls_delivers_over_real_tls() {
    // `--ssl-reqd`: STARTTLS or fail; `--ssl`: STARTTLS when offered (opportunistic). `-k`: the
    // certificate is self-signed, generated at start-up.
    let dir = TempDir::new("curl-tls");
    let message = b"Subject: STARTTLS\r\n\r\nsecret words\r\n.dot line\r\n";
    let file = write(&dir, "m.eml", message);
    for flag in ["--ssl-reqd", "--ssl"] {
        let server = Server::start(&[]);
        let url = format!("smtp://127.0.0.1:{}/curl.test", server.port());
        let out = curl_tls(url, &[flag, "-k"], &file);
        assert!(out.status.success(), "{flag}: {}", show(&out));
        let stored = server.stored();
        assert_eq!(stored.len(), 1, "{flag}: {}", show(&out));
        let received = check_eml(&stored[0].0, &stored[0].1, "alice@example.org", message);
        // RFC 3848 §2: ESMTPS once the session runs over TLS.
        assert!(received.contains(" with ESMTPS id "), "{received}");
        assert!(server.log_has("TLS established (STARTTLS)"));
    }
    // Without -k the self-signed certificate is refused by the client, and nothing is sent.
    let server = Server::start(&[]);
    let url = format!("smtp://127.0.0.1:{}/curl.test", server.port());
    let out = curl_tls(url, &["--ssl-reqd"], &file);
    assert!(!out.status.success(), "{}", show(&out));
    assert!(server.stored().is_empty());
}

#[test]
fn curl_implicit_tls_on_the_tls_port() {
    let dir = TempDir::new("curl-smtps");
    let message = b"Subject: implicit TLS\r\n\r\nRFC 8314\r\n";
    let file = write(&dir, "m.eml", message);
    let server = Server::start(&["--tls-port", "0"]);
    let tls = server.tls_addr.expect("a TLS address");
    let out = curl_tls(format!("smtps://{tls}/curl.test"), &["-k"], &file);
    let received = delivered_once(&server, &out, "alice@example.org", message);
    assert!(received.contains(" with ESMTPS id "), "{received}");
    assert!(server.log_has("TLS established (implicit)"));
}

#[test]
fn curl_without_tls_still_delivers_when_starttls_is_not_offered() {
    let dir = TempDir::new("curl-plain");
    let message = b"Subject: plain\r\n\r\nplain text\r\n";
    let file = write(&dir, "m.eml", message);
    let server = Server::start(&["--no-starttls"]);
    let url = format!("smtp://127.0.0.1:{}/curl.test", server.port());
    let out = curl_tls(url, &["--ssl"], &file);
    let received = delivered_once(&server, &out, "alice@example.org", message);
    assert!(received.contains(" with ESMTP id "), "{received}");
}

#[test]
fn swaks_tls() {
    // swaks does not verify the certificate unless asked (--tls-verify).
    let (server, out, sent) = swaks_sends("swaks-tls", &["--tls"]);
    assert_said(&out, "=== TLS started with cipher");
    let received = delivered_once(&server, &out, "alice@example.org", &sent);
    assert!(received.contains(" with ESMTPS id "), "{received}");
}

#[test]
fn smtplib_starttls_and_implicit_tls() {
    let dir = TempDir::new("py-tls");
    let message = b"Subject: smtplib over TLS\r\n\r\n.leading dot\r\nbye\r\n";
    let file = write(&dir, "m.eml", message);
    let server = Server::start(&["--tls-port", "0"]);
    let starttls = smtplib_with(
        server.port(),
        "alice@example.org",
        &["bob@example.net"],
        &["--starttls"],
        &[&file],
    );
    assert!(starttls.status.success(), "{}", show(&starttls));
    assert!(String::from_utf8_lossy(&starttls.stdout).contains("tls TLSv1."));
    let implicit = smtplib_with(
        server.tls_addr.expect("a TLS address").port(),
        "carol@example.org",
        &["dave@example.net"],
        &["--ssl"],
        &[&file],
    );
    assert!(implicit.status.success(), "{}", show(&implicit));
    assert!(String::from_utf8_lossy(&implicit.stdout).contains("tls TLSv1."));
    let stored = server.stored();
    assert_eq!(stored.len(), 2);
    let sent_by = |sender: &str| {
        stored
            .iter()
            .find(|(_, b)| b.starts_with(format!("Return-Path: <{sender}>").as_bytes()))
            .unwrap_or_else(|| panic!("no file from {sender}"))
    };
    let (name, eml) = sent_by("alice@example.org");
    let received = check_eml(name, eml, "alice@example.org", message);
    assert!(received.contains(" with ESMTPS id "), "{received}");
    let (name, eml) = sent_by("carol@example.org");
    let received = check_eml(name, eml, "carol@example.org", message);
    assert!(received.contains(" with ESMTPS id "), "{received}");
}

#[test]
fn smtplib_large_message_with_many_dot_lines() {
    let server = Server::start(&[]);
    let dir = TempDir::new("py-large");
    let mut message = b"Subject: large\r\n\r\n".to_vec();
    for i in 0..40_000u32 {
        // Every third line starts with a dot; lines vary in length up to 999 octets + CRLF.
        if i % 3 == 0 {
            message.push(b'.');
        }
        let len = (i as usize * 37) % 120;
        message.extend(std::iter::repeat_n(b'a' + (i % 26) as u8, len));
        message.extend_from_slice(b"\r\n");
    }
    message.extend_from_slice(&[b'z'; 998]);
    message.extend_from_slice(b"\r\n");
    let file = write(&dir, "large.eml", &message);
    let out = smtplib(
        &server,
        "alice@example.org",
        &["bob@example.net"],
        false,
        &[&file],
    );
    delivered_once(&server, &out, "alice@example.org", &message);
}

/// RFC 3207 §4.2 (CVE-2011-0411): plain-text commands sent after STARTTLS, before the
/// handshake, must not run inside the TLS session. Python's ssl drives the handshake.
#[test]
fn commands_injected_after_starttls_do_not_run_inside_tls() {
    let server = Server::start(&[]);
    let script = r#"
import socket, ssl, sys
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=15)
f = s.makefile("rb")
def reply():
    lines = []
    while True:
        line = f.readline().decode()
        lines.append(line.strip())
        if line[3:4] != "-":
            return lines
reply()
s.sendall(b"EHLO inject.test\r\n"); reply()
s.sendall(b"STARTTLS\r\nMAIL FROM:<evil@inject.test>\r\n")
print("starttls", reply()[-1])
t = ssl._create_unverified_context().wrap_socket(s)
g = t.makefile("rb")
def treply():
    while True:
        line = g.readline().decode()
        if line[3:4] != "-":
            return line.strip()
t.sendall(b"EHLO inject.test\r\n"); treply()
t.sendall(b"RCPT TO:<bob@example.net>\r\n")
print("rcpt", treply())
t.sendall(b"QUIT\r\n"); print("quit", treply())
"#;
    let mut cmd = Command::new(require("python3"));
    cmd.arg("-c").arg(script).arg(server.port().to_string());
    let out = run_bounded(cmd, b"", "python3 STARTTLS injection");
    assert!(out.status.success(), "{}", show(&out));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("starttls 220 2.0.0"), "{stdout}");
    // No MAIL ran: the RCPT inside TLS is out of sequence.
    assert!(stdout.contains("rcpt 503 5.5.1"), "{stdout}");
    assert!(stdout.contains("quit 221"), "{stdout}");
    assert!(server.log_has("DiscardedAfterStartTls"), "{}", server.log());
}

/// SIGTERM reaches sessions inside TLS too: each gets its 421 over TLS (RFC 5321 §3.8).
#[test]
fn tls_sessions_get_their_421_on_sigterm() {
    let mut server = Server::start(&["--tls-port", "0"]);
    let script = r#"
import smtplib, ssl, sys, os, signal
ctx = ssl._create_unverified_context()
a = smtplib.SMTP_SSL("127.0.0.1", int(sys.argv[1]), context=ctx, timeout=15); a.ehlo("a.test")
b = smtplib.SMTP("127.0.0.1", int(sys.argv[2]), timeout=15); b.ehlo("b.test")
b.starttls(context=ctx); b.ehlo("b.test")
os.kill(int(sys.argv[3]), signal.SIGTERM)
for c in (a, b):
    code, text = c.getreply()
    print(code, text.decode())
"#;
    let mut cmd = Command::new(require("python3"));
    cmd.arg("-c")
        .arg(script)
        .arg(server.tls_addr.expect("a TLS address").port().to_string())
        .arg(server.port().to_string())
        .arg(server.pid().to_string());
    let out = run_bounded(cmd, b"", "python3 TLS sessions and SIGTERM");
    assert!(out.status.success(), "{}", show(&out));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        stdout
            .matches("421 4.3.2 mx.example.test Service shutting down\n")
            .count(),
        2,
        "{stdout}"
    );
    assert_eq!(server.wait().code(), Some(0));
}

/// `--cert` and `--key` serve the given certificate: curl verifies it against that very file
/// (no -k), so only the given certificate passes.
#[test]
fn serve_uses_the_certificate_it_is_given() {
    let found = std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default())
        .any(|d| d.join("openssl").is_file());
    if !found {
        eprintln!("skipped: the openssl program is not installed");
        return;
    }
    let dir = TempDir::new("given-cert");
    let (cert, key) = (dir.path().join("cert.pem"), dir.path().join("key.pem"));
    let mut cmd = Command::new("openssl");
    cmd.args([
        "req",
        "-x509",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
    ])
    .args(["-nodes", "-days", "1", "-subj", "/CN=mx.example.test"])
    .args(["-addext", "subjectAltName=IP:127.0.0.1"])
    .arg("-keyout")
    .arg(&key)
    .arg("-out")
    .arg(&cert);
    let out = run_bounded(cmd, b"", "openssl req");
    assert!(out.status.success(), "{}", show(&out));
    let (c, k) = (cert.to_str().unwrap(), key.to_str().unwrap());
    let server = Server::start(&["--cert", c, "--key", k]);
    let message = b"Subject: verified\r\n\r\nchecked certificate\r\n";
    let file = write(&dir, "m.eml", message);
    let url = format!("smtp://127.0.0.1:{}/curl.test", server.port());
    let out = curl_tls(url, &["--ssl-reqd", "--cacert", c], &file);
    delivered_once(&server, &out, "alice@example.org", message);

    // A key that does not parse stops the start with one line.
    let mut cmd = Command::new(common::BIN);
    cmd.args(["serve", "--listen", "127.0.0.1:0", "--cert", c, "--key", c]);
    let out = run_bounded(cmd, b"", "smtp-sim serve with a bad key");
    assert_eq!(out.status.code(), Some(1), "{}", show(&out));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.starts_with("smtp-sim: serve: TLS: --key "), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
}
