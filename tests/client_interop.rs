//! The client against real SMTP servers on loopback: aiosmtpd (Python) and Node's smtp-server.
//!
//! Each test starts a server from `tests/interop/` on 127.0.0.1 with a free port, delivers
//! messages with `smtp-sim send`, and compares what the server stored with what was sent. A
//! missing server program fails the test with a pointer to `./build.sh setup`.
#![cfg(not(target_arch = "wasm32"))]

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use smtp_sim_core::data::normalize_line_endings;

const WAIT: Duration = Duration::from_secs(30);

/// A server child process, killed and reaped when dropped, with its output folder.
struct Sink {
    child: Child,
    port: u16,
    dir: PathBuf,
    next: usize,
}

impl Drop for Sink {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn require(ok: bool, what: &str) {
    assert!(
        ok,
        "{what} is missing: run ./build.sh setup (the client interop tests need it)"
    );
}

fn program_works(cmd: &str, args: &[&str]) -> bool {
    Command::new(cmd)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

fn start(name: &str, program: &str, script: &str) -> Sink {
    let script = root().join("tests/interop").join(script);
    spawn_sink(name, program, &[script.as_os_str()], |dir| {
        vec![dir.as_os_str().to_owned()]
    })
}

/// Starts a server and reads its port from the first line it prints (the last number on it).
fn spawn_sink(
    name: &str,
    program: &str,
    args: &[&std::ffi::OsStr],
    dir_args: impl Fn(&Path) -> Vec<std::ffi::OsString>,
) -> Sink {
    let dir = std::env::temp_dir().join(format!(
        "smtp-sim-interop-{name}-{}-{:?}",
        std::process::id(),
        std::thread::current().id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let mut child = Command::new(program)
        .args(args)
        .args(dir_args(&dir))
        .current_dir(root())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {program}: {e}; run ./build.sh setup"));
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut line = String::new();
        let _ = BufReader::new(stdout).read_line(&mut line);
        let _ = tx.send(line);
    });
    let mut sink = Sink {
        child,
        port: 0,
        dir,
        next: 0,
    };
    let line = rx
        .recv_timeout(WAIT)
        .unwrap_or_else(|_| panic!("{name} did not print its port within {WAIT:?}"));
    let digits = line.trim().rsplit(|c: char| !c.is_ascii_digit()).next();
    sink.port = digits.unwrap_or("").parse().unwrap_or_else(|_| {
        panic!("{name} printed {line:?} instead of a port; run ./build.sh setup")
    });
    sink
}

fn aiosmtpd() -> Sink {
    require(
        program_works("python3", &["-c", "import aiosmtpd"]),
        "python3 with aiosmtpd",
    );
    start("aiosmtpd", "python3", "aiosmtpd_sink.py")
}

fn smtp_server() -> Sink {
    require(program_works("node", &["--version"]), "node");
    require(
        root()
            .join("node_modules/smtp-server/package.json")
            .exists(),
        "the npm package smtp-server (node_modules)",
    );
    start("smtp-server", "node", "smtp_server_sink.mjs")
}

struct Sent {
    code: Option<i32>,
    transcript: String,
}

/// Runs `smtp-sim send` with the message on stdin; bounded by [`WAIT`].
fn send(sink: &Sink, to: &[&str], message: &[u8]) -> Sent {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_smtp-sim"));
    cmd.args([
        "send",
        "--server",
        &format!("127.0.0.1:{}", sink.port),
        "--from",
        "sender@client.test",
        "--timeout",
        "20",
    ]);
    for t in to {
        cmd.args(["--to", t]);
    }
    let file = sink.dir.join("outgoing.msg");
    std::fs::write(&file, message).unwrap();
    cmd.arg(&file);
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + WAIT;
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("smtp-sim send did not finish within {WAIT:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let out = child.wait_with_output().unwrap();
    Sent {
        code: out.status.code(),
        transcript: String::from_utf8_lossy(&out.stdout).into_owned()
            + &String::from_utf8_lossy(&out.stderr),
    }
}

/// The next stored message and its envelope JSON.
fn stored(sink: &mut Sink) -> (Vec<u8>, String) {
    let n = sink.next;
    sink.next += 1;
    let eml = sink.dir.join(format!("{n}.eml"));
    let json = sink.dir.join(format!("{n}.json"));
    // The server writes the file before its 250, so it is there when send returns.
    let content = std::fs::read(&eml).unwrap_or_else(|e| panic!("no {}: {e}", eml.display()));
    (content, std::fs::read_to_string(json).unwrap())
}

fn messages() -> Vec<(&'static str, Vec<u8>)> {
    let mut long = b"Subject: long lines\r\n\r\n".to_vec();
    long.extend_from_slice(&[b'x'; 998]);
    long.extend_from_slice(b"\r\n.");
    long.extend_from_slice(&[b'y'; 997]);
    long.extend_from_slice(b"\r\n");
    long.extend_from_slice(&[b'z'; 998]);
    vec![
        (
            "plain",
            b"From: <sender@client.test>\r\nSubject: hello\r\n\r\nHi there.\r\n".to_vec(),
        ),
        (
            "leading dots",
            b"Subject: dots\r\n\r\n.hidden\r\n..two\r\n...\r\n. space\r\n".to_vec(),
        ),
        (
            "a lone dot line",
            b"Subject: lone dot\r\n\r\nbefore\r\n.\r\nafter\r\n".to_vec(),
        ),
        ("empty body", b"Subject: empty\r\n\r\n".to_vec()),
        ("empty message", Vec::new()),
        ("only a dot", b".".to_vec()),
        ("998-octet lines", long),
        (
            "bare LF and CR become CRLF",
            b"Subject: endings\n\nunix\nold mac\rend".to_vec(),
        ),
        (
            "8-bit body",
            "Subject: accents\r\n\r\ncaf\u{e9} \u{e0} la cr\u{e8}me\r\n"
                .as_bytes()
                .to_vec(),
        ),
        (
            "SMTP smuggling shape stays inside the message",
            b"Subject: smuggle\r\n\r\na\n.\nMAIL FROM:<x@y>\r\n".to_vec(),
        ),
    ]
}

fn round_trips(mut sink: Sink, server: &str) {
    for (name, message) in messages() {
        let sent = send(&sink, &["rcpt@server.test"], &message);
        assert_eq!(
            sent.code,
            Some(0),
            "{server}, {name}: send failed\n{}",
            sent.transcript
        );
        let (content, envelope) = stored(&mut sink);
        assert_eq!(
            String::from_utf8_lossy(&content),
            String::from_utf8_lossy(&normalize_line_endings(&message)),
            "{server}, {name}: stored message differs\n{}",
            sent.transcript
        );
        assert_eq!(
            content,
            normalize_line_endings(&message),
            "{server}, {name}"
        );
        assert!(
            envelope.contains("\"sender@client.test\"")
                && envelope.contains("\"rcpt@server.test\""),
            "{server}, {name}: envelope {envelope}"
        );
        assert!(sent.transcript.contains("~ finished: Delivered"), "{name}");
        if !message.is_ascii() {
            assert!(
                sent.transcript.contains("BODY=8BITMIME"),
                "{server}, {name}"
            );
        }
    }
}

fn mixed_recipients(mut sink: Sink, server: &str) {
    let msg = b"Subject: mixed\r\n\r\nsome get it\r\n";
    let sent = send(
        &sink,
        &[
            "one@server.test",
            "reject@server.test",
            "later@server.test",
            "two@server.test",
        ],
        msg,
    );
    assert_eq!(sent.code, Some(0), "{server}\n{}", sent.transcript);
    let t = &sent.transcript;
    assert!(t.contains("status: PartiallyDelivered"), "{server}\n{t}");
    assert!(
        t.contains("Failed <reject@server.test> 550"),
        "{server}\n{t}"
    );
    assert!(
        t.contains("RetryLater <later@server.test> 450"),
        "{server}\n{t}"
    );
    assert!(
        t.contains("Delivered <two@server.test> 250"),
        "{server}\n{t}"
    );
    let (content, envelope) = stored(&mut sink);
    assert_eq!(content, msg);
    assert!(envelope.contains("one@server.test") && envelope.contains("two@server.test"));
    assert!(
        !envelope.contains("reject@") && !envelope.contains("later@"),
        "{envelope}"
    );

    // Nobody accepted: no DATA content, exit 1.
    let sent = send(&sink, &["reject@server.test", "later2@server.test"], msg);
    assert_eq!(sent.code, Some(1), "{server}\n{}", sent.transcript);
    assert!(
        sent.transcript.contains("status: RetryLater"),
        "{}",
        sent.transcript
    );
    assert!(!sink.dir.join(format!("{}.eml", sink.next)).exists());
}

#[test]
fn aiosmtpd_stores_what_was_sent() {
    round_trips(aiosmtpd(), "aiosmtpd");
}

#[test]
fn smtp_server_stores_what_was_sent() {
    round_trips(smtp_server(), "smtp-server");
}

#[test]
fn aiosmtpd_per_recipient_results() {
    mixed_recipients(aiosmtpd(), "aiosmtpd");
}

#[test]
fn smtp_server_per_recipient_results() {
    mixed_recipients(smtp_server(), "smtp-server");
}

#[test]
fn send_usage_and_connection_errors() {
    let bin = env!("CARGO_BIN_EXE_smtp-sim");
    let out = Command::new(bin)
        .args(["send", "--from", "a@b"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--server"));
    // Nothing listens on a port that was just freed: exit 1 with a message.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let out = Command::new(bin)
        .args([
            "send",
            "--server",
            &format!("127.0.0.1:{port}"),
            "--from",
            "a@b",
            "--to",
            "c@d",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot connect"));
}

/// Our own server over real TCP: `smtp-sim serve --store` keeps each message after its trace
/// headers, so the stored file must end with exactly what was sent.
#[test]
fn our_serve_stores_what_was_sent() {
    let bin = env!("CARGO_BIN_EXE_smtp-sim");
    let sink = spawn_sink(
        "serve",
        bin,
        &[
            "serve".as_ref(),
            "--listen".as_ref(),
            "127.0.0.1:0".as_ref(),
            "--no-starttls".as_ref(),
        ],
        |dir| vec!["--store".into(), dir.as_os_str().to_owned()],
    );
    let emls = |dir: &Path| -> Vec<PathBuf> {
        let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
            .unwrap()
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "eml"))
            .collect();
        v.sort();
        v
    };
    for (name, message) in messages() {
        let before = emls(&sink.dir);
        let sent = send(&sink, &["rcpt@server.test"], &message);
        assert_eq!(sent.code, Some(0), "{name}\n{}", sent.transcript);
        let new: Vec<_> = emls(&sink.dir)
            .into_iter()
            .filter(|p| !before.contains(p))
            .collect();
        assert_eq!(new.len(), 1, "{name}: one new file");
        let stored = std::fs::read(&new[0]).unwrap();
        let want = normalize_line_endings(&message);
        assert!(
            stored.ends_with(&want) && stored.starts_with(b"Return-Path: <sender@client.test>\r\n"),
            "{name}: stored\n{}\nwanted it to end with\n{}",
            String::from_utf8_lossy(&stored),
            String::from_utf8_lossy(&want)
        );
        // Our server advertises PIPELINING: the envelope went as one group.
        assert!(sent.transcript.contains("RFC 2920 §3.1"), "{name}");
    }
}
