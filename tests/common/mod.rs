//! Helpers shared by the command-line and interop tests: temporary directories, the server under
//! test as a child process, a minimal SMTP client, bounded child processes, stored-file checks.
#![allow(dead_code)] // each test file uses a different part

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, ExitStatus, Output, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use smtp_sim_core::reply::{Reply, ReplyParser};

/// Every wait in these tests ends by itself after this long.
pub const WAIT: Duration = Duration::from_secs(20);

/// The binary under test.
pub const BIN: &str = env!("CARGO_BIN_EXE_smtp-sim");

/// A fresh directory under the system's temp dir, removed on drop.
pub struct TempDir(PathBuf);

impl TempDir {
    pub fn new(label: &str) -> Self {
        static N: AtomicU64 = AtomicU64::new(0);
        let path = std::env::temp_dir().join(format!(
            "smtp-sim-{label}-{}-{}",
            std::process::id(),
            N.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path).expect("create temp dir");
        Self(path)
    }

    pub fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Kills a child process when dropped, so a failing test leaves nothing running.
pub struct KillOnDrop(pub Child);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Reads a pipe to its end on a thread, keeping everything it read.
pub fn collect(mut pipe: impl Read + Send + 'static) -> Arc<Mutex<Vec<u8>>> {
    let buf = Arc::new(Mutex::new(Vec::new()));
    let sink = buf.clone();
    thread::spawn(move || {
        let mut chunk = [0u8; 4096];
        while let Ok(n) = pipe.read(&mut chunk) {
            if n == 0 {
                break;
            }
            sink.lock().unwrap().extend_from_slice(&chunk[..n]);
        }
    });
    buf
}

/// Like [`collect`], with the reading thread's handle, to know when the pipe reached its end.
fn reader(mut pipe: impl Read + Send + 'static) -> (Arc<Mutex<Vec<u8>>>, thread::JoinHandle<()>) {
    let buf = Arc::new(Mutex::new(Vec::new()));
    let sink = buf.clone();
    let handle = thread::spawn(move || {
        let mut chunk = [0u8; 4096];
        while let Ok(n) = pipe.read(&mut chunk) {
            if n == 0 {
                break;
            }
            sink.lock().unwrap().extend_from_slice(&chunk[..n]);
        }
    });
    (buf, handle)
}

/// Waits for `child` at most `limit`; kills it and panics if it is still running then.
pub fn wait_bounded(child: &mut Child, limit: Duration, what: &str) -> ExitStatus {
    let deadline = Instant::now() + limit;
    loop {
        if let Some(status) = child.try_wait().expect("try_wait") {
            return status;
        }
        if Instant::now() >= deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{what} did not finish within {limit:?}");
        }
        thread::sleep(Duration::from_millis(20));
    }
}

/// Runs `cmd` with `input` on stdin, bounded by [`WAIT`]; returns its status and output.
pub fn run_bounded(mut cmd: Command, input: &[u8], what: &str) -> Output {
    cmd.stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {what}: {e}"));
    let (out, out_done) = reader(child.stdout.take().unwrap());
    let (err, err_done) = reader(child.stderr.take().unwrap());
    let mut stdin = child.stdin.take().unwrap();
    let input = input.to_vec();
    // Written on a thread so a child that stops reading cannot block the test.
    let writer = thread::spawn(move || {
        let _ = stdin.write_all(&input);
    });
    let status = wait_bounded(&mut child, WAIT, what);
    let _ = writer.join();
    // The pipes close when the child exits: wait (bounded) until both readers saw the end, so a
    // slow machine cannot lose output that the child wrote.
    let deadline = Instant::now() + WAIT;
    while !(out_done.is_finished() && err_done.is_finished()) && Instant::now() < deadline {
        thread::sleep(Duration::from_millis(5));
    }
    let stdout = out.lock().unwrap().clone();
    let stderr = err.lock().unwrap().clone();
    Output {
        status,
        stdout,
        stderr,
    }
}

/// Sends `signal` (libc::SIGTERM …) to a child process.
pub fn send_signal(child: &Child, signal: i32) {
    let pid = libc::pid_t::try_from(child.id()).expect("pid fits");
    // SAFETY: kill(2) on our own child's pid with a valid signal number.
    let rc = unsafe { libc::kill(pid, signal) };
    assert_eq!(rc, 0, "kill({pid}, {signal}) failed");
}

/// Fails the test unless `program` is on PATH: interop tests never pass by skipping a client.
pub fn require(program: &str) -> PathBuf {
    let path = std::env::var_os("PATH").unwrap_or_default();
    for dir in std::env::split_paths(&path) {
        let candidate = dir.join(program);
        if candidate.is_file() {
            return candidate;
        }
    }
    panic!(
        "the interop tests need '{program}' and it is not on PATH: run ./build.sh setup \
         (it installs swaks, curl and python3)"
    );
}

/// `smtp-sim serve` on 127.0.0.1:0, storing into its own temp dir; killed on drop.
pub struct Server {
    child: KillOnDrop,
    pub addr: SocketAddr,
    /// The implicit TLS address, when started with `--tls-port`.
    pub tls_addr: Option<SocketAddr>,
    pub store: TempDir,
    stderr: Arc<Mutex<Vec<u8>>>,
}

impl Server {
    pub fn start(extra: &[&str]) -> Self {
        Self::start_in(TempDir::new("store"), extra, &[])
    }

    /// Starts the server storing into `store`, with `extra` flags, run through `wrapper` (a
    /// program and its arguments that exec the server, such as `setpriv …` or `prlimit …`).
    pub fn start_in(store: TempDir, extra: &[&str], wrapper: &[&str]) -> Self {
        let mut cmd = match wrapper.split_first() {
            Some((program, args)) => {
                let mut c = Command::new(program);
                c.args(args).arg(BIN);
                c
            }
            None => Command::new(BIN),
        };
        cmd.args(["serve", "--listen", "127.0.0.1:0", "--verbose", "--store"])
            .arg(store.path())
            .args(extra)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = KillOnDrop(cmd.spawn().expect("start smtp-sim serve"));
        let stderr = collect(child.0.stderr.take().unwrap());
        let stdout = child.0.stdout.take().unwrap();
        let (tx, rx) = mpsc::channel();
        thread::spawn(move || {
            let mut lines = BufReader::new(stdout).lines();
            while let Some(Ok(line)) = lines.next() {
                let _ = tx.send(line);
            }
        });
        let mut next_addr = || {
            let line = rx.recv_timeout(WAIT).unwrap_or_else(|_| {
                panic!(
                    "smtp-sim serve printed no address within {WAIT:?}; stderr: {}",
                    String::from_utf8_lossy(&stderr.lock().unwrap())
                )
            });
            let text = line
                .split("listening on ")
                .nth(1)
                .unwrap_or_else(|| panic!("stdout line lacks 'listening on': {line:?}"));
            let addr = text.split_whitespace().next().unwrap_or_default();
            addr.parse::<SocketAddr>()
                .unwrap_or_else(|e| panic!("bad address in {line:?}: {e}"))
        };
        let addr = next_addr();
        let tls_addr = extra.contains(&"--tls-port").then(&mut next_addr);
        Self {
            child,
            addr,
            tls_addr,
            store,
            stderr,
        }
    }

    pub fn port(&self) -> u16 {
        self.addr.port()
    }

    pub fn pid(&self) -> u32 {
        self.child.0.id()
    }

    /// Sends `signal` (libc::SIGTERM …) to the server process.
    pub fn signal(&self, signal: i32) {
        send_signal(&self.child.0, signal);
    }

    /// Waits for the server to exit on its own (bounded by [`WAIT`]).
    pub fn wait(&mut self) -> ExitStatus {
        wait_bounded(&mut self.child.0, WAIT, "smtp-sim serve to exit")
    }

    /// What the server printed on stderr so far (its `--verbose` transcript).
    pub fn log(&self) -> String {
        String::from_utf8_lossy(&self.stderr.lock().unwrap()).into_owned()
    }

    /// Waits (bounded) until the server's stderr holds `needle`: a log line written before a
    /// reply may reach the reading thread after the client has read the reply.
    pub fn log_has(&self, needle: &str) -> bool {
        let deadline = Instant::now() + WAIT;
        loop {
            if self.log().contains(needle) {
                return true;
            }
            if Instant::now() >= deadline {
                return false;
            }
            thread::sleep(Duration::from_millis(10));
        }
    }

    /// The stored `.eml` files, sorted by name, and any other file names found.
    pub fn stored(&self) -> Vec<(String, Vec<u8>)> {
        stored_in(self.store.path())
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if thread::panicking() {
            eprintln!("--- smtp-sim serve stderr ---\n{}", self.log());
        }
    }
}

/// Every file in `dir` (name, bytes), sorted by name.
pub fn stored_in(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .expect("read store dir")
        .map(|e| {
            let e = e.unwrap();
            let name = e.file_name().into_string().unwrap();
            (name, std::fs::read(e.path()).unwrap())
        })
        .collect();
    files.sort();
    files
}

/// Checks one stored file: `Return-Path: <sender>` first, then one `Received:` header folded
/// over tab-led lines, CRLF throughout, then exactly `content`. Returns the Received header.
pub fn check_eml(name: &str, eml: &[u8], sender: &str, content: &[u8]) -> String {
    assert!(name.ends_with(".eml"), "stored file {name:?} is not a .eml");
    assert!(
        eml.ends_with(content),
        "{name}: does not end with the bytes sent.\n--- sent ---\n{:?}\n--- stored ---\n{:?}",
        String::from_utf8_lossy(content),
        String::from_utf8_lossy(eml)
    );
    let trace = std::str::from_utf8(&eml[..eml.len() - content.len()])
        .unwrap_or_else(|_| panic!("{name}: trace headers are not UTF-8"));
    let want_first = format!("Return-Path: <{sender}>\r\n");
    assert!(
        trace.starts_with(&want_first),
        "{name}: expected {want_first:?} first, got {trace:?}"
    );
    let received = trace.strip_prefix(&want_first).unwrap_or_default();
    assert!(
        received.starts_with("Received: from "),
        "{name}: Received: must follow Return-Path: {trace:?}"
    );
    let lines: Vec<&str> = received.split('\n').collect();
    assert_eq!(lines.last(), Some(&""), "{name}: trace must end in CRLF");
    for (i, line) in lines[..lines.len() - 1].iter().enumerate() {
        assert!(line.ends_with('\r'), "{name}: bare LF in trace {trace:?}");
        if i > 0 {
            assert!(
                line.starts_with('\t'),
                "{name}: only one Received header expected, got {trace:?}"
            );
        }
    }
    assert!(
        received.contains(" (smtp-sim) with ") && received.contains(" id "),
        "{name}: Received lacks by/with/id clauses: {received:?}"
    );
    assert!(
        received.trim_end().ends_with("+0000"),
        "{name}: Received must end with an RFC 5322 date: {received:?}"
    );
    received.to_owned()
}

/// Finds the one stored file that ends with `content`; fails if none or several do.
pub fn find_eml<'a>(files: &'a [(String, Vec<u8>)], content: &[u8]) -> &'a (String, Vec<u8>) {
    let hits: Vec<_> = files.iter().filter(|(_, b)| b.ends_with(content)).collect();
    assert_eq!(
        hits.len(),
        1,
        "expected exactly one stored file ending with {:?}; files: {:#?}",
        String::from_utf8_lossy(content),
        files
            .iter()
            .map(|(n, b)| (n, String::from_utf8_lossy(b)))
            .collect::<Vec<_>>()
    );
    hits[0]
}

/// A minimal SMTP client for driving the server byte by byte.
pub struct Client {
    stream: TcpStream,
    parser: ReplyParser,
}

impl Client {
    pub fn connect(addr: SocketAddr) -> Self {
        let stream = TcpStream::connect_timeout(&addr, WAIT).expect("connect");
        stream.set_read_timeout(Some(WAIT)).unwrap();
        stream.set_write_timeout(Some(WAIT)).unwrap();
        Self {
            stream,
            parser: ReplyParser::new(),
        }
    }

    /// Connects from a chosen local address (any of 127.0.0.0/8 is loopback on Linux), so a
    /// test can play several clients.
    pub fn connect_from(local: std::net::IpAddr, addr: SocketAddr) -> Self {
        let socket = socket2::Socket::new(
            socket2::Domain::for_address(addr),
            socket2::Type::STREAM,
            None,
        )
        .expect("socket");
        socket
            .bind(&SocketAddr::new(local, 0).into())
            .expect("bind the client's address");
        socket.connect_timeout(&addr.into(), WAIT).expect("connect");
        let stream: TcpStream = socket.into();
        stream.set_read_timeout(Some(WAIT)).unwrap();
        stream.set_write_timeout(Some(WAIT)).unwrap();
        Self {
            stream,
            parser: ReplyParser::new(),
        }
    }

    pub fn send(&mut self, bytes: &[u8]) {
        self.stream.write_all(bytes).expect("send");
    }

    /// A second handle on the socket, for a writer thread.
    pub fn writer(&self) -> TcpStream {
        self.stream.try_clone().expect("clone the socket")
    }

    /// The next reply; panics on timeout, a closed connection or a malformed reply.
    pub fn reply(&mut self) -> Reply {
        let mut buf = [0u8; 4096];
        loop {
            if let Some(r) = self.parser.next_reply() {
                return r.expect("well-formed reply");
            }
            let n = self.stream.read(&mut buf).expect("read reply");
            assert!(n > 0, "connection closed while waiting for a reply");
            self.parser.feed(&buf[..n]);
        }
    }

    /// Sends `line` with CRLF and returns the reply.
    pub fn cmd(&mut self, line: &str) -> Reply {
        self.send(format!("{line}\r\n").as_bytes());
        self.reply()
    }

    /// Asserts the server closes the connection with nothing more to say.
    pub fn expect_closed(&mut self) {
        let mut buf = [0u8; 256];
        match self.stream.read(&mut buf) {
            Ok(0) => {}
            Ok(n) => panic!(
                "expected the close, got {:?}",
                String::from_utf8_lossy(&buf[..n])
            ),
            Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset => {}
            Err(e) => panic!("expected the close, got {e}"),
        }
    }
}

/// A running `smtp-sim stdio` with its stdin held open, for interactive checks.
pub struct Stdio1 {
    pub child: KillOnDrop,
    pub stdin: Option<ChildStdin>,
    lines: mpsc::Receiver<Vec<u8>>,
    pub stderr: Arc<Mutex<Vec<u8>>>,
}

impl Stdio1 {
    pub fn start(extra: &[&str]) -> Self {
        let mut child = KillOnDrop(
            Command::new(BIN)
                .arg("stdio")
                .args(extra)
                .stdin(Stdio::piped())
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .expect("start smtp-sim stdio"),
        );
        let stdin = child.0.stdin.take();
        let stderr = collect(child.0.stderr.take().unwrap());
        let stdout = child.0.stdout.take().unwrap();
        let (tx, rx) = mpsc::channel();
        thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            loop {
                let mut line = Vec::new();
                match reader.read_until(b'\n', &mut line) {
                    Ok(0) | Err(_) => break,
                    Ok(_) => {
                        if tx.send(line).is_err() {
                            break;
                        }
                    }
                }
            }
        });
        Self {
            child,
            stdin,
            lines: rx,
            stderr,
        }
    }

    /// The next stdout line (with its line ending), waiting at most [`WAIT`].
    pub fn line(&self) -> Vec<u8> {
        self.lines
            .recv_timeout(WAIT)
            .unwrap_or_else(|_| panic!("no stdout line from smtp-sim stdio within {WAIT:?}"))
    }

    pub fn send(&mut self, bytes: &[u8]) {
        let stdin = self.stdin.as_mut().expect("stdin open");
        stdin.write_all(bytes).expect("write stdin");
        stdin.flush().unwrap();
    }
}
