//! `smtp-sim serve`: an SMTP server on loopback, one thread per connection, bounded: a cap on
//! sessions and on sessions per client address, timeouts per command and per DATA block
//! (RFC 5321 §4.5.3.2), real TLS (STARTTLS and implicit), and an orderly shutdown on SIGTERM or
//! SIGINT (421 to every open session, RFC 5321 §3.8).

use std::collections::HashMap;
use std::io::{self, Read, Write};
use std::net::{IpAddr, Shutdown, SocketAddr, TcpListener, TcpStream, ToSocketAddrs};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread;
use std::time::{Duration, Instant};

use smtp_sim_core::server::{ServerSession, State};
use socket2::{Domain, Protocol, Socket, Type};

use crate::tls::{self, Stream};
use crate::{
    drain_events, positive, seconds, shutdown, term, Failure, Outcome, SessionArgs, SessionOptions,
};

const DEFAULT_LISTEN: &str = "127.0.0.1:2525";

/// Stack of each session thread. A session keeps its buffers on the heap; the deepest stack
/// use is the TLS handshake, which runs in well under a quarter of this (checked with 64 KiB).
const SESSION_STACK: usize = 256 * 1024;

/// The listen backlog: connections the kernel queues before `accept`. std's `TcpListener::bind`
/// always asks for 128, and 256 clients connecting at once then lose SYNs and wait a second for
/// the retransmission (bench/RESULTS.md §6). Linux caps it at `net.core.somaxconn` (4096).
const BACKLOG: i32 = 1024;

/// First size of a session's read buffer: an idle session holds only this much. A read that
/// fills it doubles it, up to [`READ_BUFFER_MAX`] (message content arrives in bulk).
const READ_BUFFER_MIN: usize = 1024;

/// Largest read buffer a session grows to.
const READ_BUFFER_MAX: usize = 64 * 1024;

/// Octets of message content that make one "data block" for the data-block timeout.
const DATA_BLOCK: usize = 64 * 1024;

/// How long an orderly shutdown waits for the sessions to say 421 and close.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(5);

/// The arguments of `smtp-sim serve` (their help is on the subcommand).
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Where to listen; port 0 picks a free port. Only loopback addresses are allowed unless
    /// --allow-remote is given
    #[arg(long, value_name = "ADDR", default_value = DEFAULT_LISTEN)]
    listen: String,
    /// Allow a non-loopback --listen address. This is a simulator with a demo account and a
    /// persona open to smuggling: do not expose it
    #[arg(long)]
    allow_remote: bool,
    /// Also listen on PORT (same address as --listen) for implicit TLS (RFC 8314 §3, the
    /// submissions port 465): the session starts inside TLS
    #[arg(long, value_name = "PORT")]
    tls_port: Option<u16>,
    /// The certificate chain (PEM) for TLS; without it one is generated at start-up
    #[arg(long, value_name = "FILE", requires = "key")]
    cert: Option<PathBuf>,
    /// The private key (PEM) of --cert
    #[arg(long, value_name = "FILE", requires = "cert")]
    key: Option<PathBuf>,
    /// Sessions served at once; a connection beyond that gets 421 4.3.2 and is closed
    #[arg(long, value_name = "N", default_value = "64", value_parser = positive)]
    max_sessions: usize,
    /// Sessions at once from one client address, beyond which it gets 421 4.3.2 (default: half
    /// of --max-sessions, as Postfix's smtpd_client_connection_count_limit)
    #[arg(long, value_name = "N", value_parser = positive)]
    max_per_client: Option<usize>,
    /// Close the session with 421 4.4.2 when a whole command has not arrived SECS seconds after
    /// the server started waiting for it, however many bytes trickle in (RFC 5321 §4.5.3.2.7:
    /// at least 5 minutes)
    #[arg(
        long,
        visible_alias = "idle-timeout",
        value_name = "SECS",
        default_value = "300",
        value_parser = seconds
    )]
    command_timeout: Duration,
    /// Close the session with 421 4.4.2 when a block of 64 KiB of message content has not
    /// arrived within SECS seconds of the block's start (RFC 5321 §4.5.3.2.5: 3 minutes)
    #[arg(long, value_name = "SECS", default_value = "180", value_parser = seconds)]
    data_block_timeout: Duration,
    /// Close the session with 421 4.4.2 when the whole message content (from 354 to the final
    /// dot, or one BDAT chunk) takes longer than SECS seconds (the 10 minutes of RFC 5321
    /// §4.5.3.2.6)
    #[arg(long, value_name = "SECS", default_value = "600", value_parser = seconds)]
    data_timeout: Duration,
    #[command(flatten)]
    session: SessionArgs,
}

/// The three timeouts of RFC 5321 §4.5.3.2 a server applies while reading.
#[derive(Clone, Copy, Debug)]
struct Timeouts {
    command: Duration,
    data_block: Duration,
    data: Duration,
}

/// Binds, then serves until SIGTERM or SIGINT.
pub fn run(a: Args) -> Outcome {
    let addrs = resolve(&a.listen, a.allow_remote)?;
    let options = a.session.open()?;
    let identity = tls::identity(
        &options.config.hostname,
        a.cert.as_deref().zip(a.key.as_deref()),
    )
    .map_err(|e| Failure::Runtime(format!("serve: TLS: {e}")))?;
    let listener = listen(&addrs)
        .map_err(|e| Failure::Runtime(format!("serve: cannot listen on {}: {e}", a.listen)))?;
    let local = listener
        .local_addr()
        .map_err(|e| Failure::Runtime(format!("serve: {e}")))?;
    let tls_listener =
        match a.tls_port {
            Some(port) => {
                let addr = SocketAddr::new(local.ip(), port);
                Some(listen(&[addr]).map_err(|e| {
                    Failure::Runtime(format!("serve: cannot listen on {addr}: {e}"))
                })?)
            }
            None => None,
        };
    // Caught from here on: a signal that comes once the address is printed is an orderly stop.
    let mut signals = shutdown::catch().map_err(|e| Failure::Runtime(format!("serve: {e}")))?;
    let shared = Arc::new(Shared {
        max_per_client: a.max_per_client.unwrap_or(a.max_sessions.div_ceil(2)),
        max_sessions: a.max_sessions,
        timeouts: Timeouts {
            command: a.command_timeout,
            data_block: a.data_block_timeout,
            data: a.data_timeout,
        },
        tls: identity.config,
        options,
        registry: Mutex::new(Registry::default()),
        ended: Condvar::new(),
        stopping: AtomicBool::new(false),
        next_id: AtomicU64::new(1),
    });
    if shared.options.verbose {
        eprintln!(
            "smtp-sim: TLS certificate {}",
            term::untrusted(&identity.source)
        );
    }
    {
        let mut out = io::stdout().lock();
        // Tests and scripts wait for these lines; they must be out before the first accept.
        let _ = writeln!(out, "smtp-sim: listening on {local}");
        if let Some(l) = &tls_listener {
            if let Ok(addr) = l.local_addr() {
                let _ = writeln!(out, "smtp-sim: listening on {addr} (implicit TLS)");
            }
        }
        let _ = out.flush();
    }
    let accept = |listener: TcpListener, implicit_tls: bool| {
        let shared = shared.clone();
        thread::Builder::new()
            .name("smtp-accept".into())
            .spawn(move || accept_loop(listener, &shared, implicit_tls))
            .map_err(|e| Failure::Runtime(format!("serve: {e}")))
    };
    accept(listener, false)?;
    if let Some(l) = tls_listener {
        accept(l, true)?;
    }
    let signal = signals.forever().next().unwrap_or(0);
    let told = shared.stop();
    if let Some(store) = &shared.options.store {
        store.remove_leftovers(true);
    }
    eprintln!(
        "smtp-sim: {}: {told} open session(s) told 421, shutting down",
        shutdown::name(signal)
    );
    Ok(ExitCode::SUCCESS)
}

/// The addresses `listen` names; all of them loopback unless `allow_remote`.
fn resolve(listen: &str, allow_remote: bool) -> Result<Vec<SocketAddr>, Failure> {
    let addrs: Vec<SocketAddr> = listen
        .to_socket_addrs()
        .map_err(|e| Failure::Usage(format!("--listen '{listen}': {e}")))?
        .collect();
    if addrs.is_empty() {
        return Err(Failure::Usage(format!(
            "--listen '{listen}' names no address"
        )));
    }
    if !allow_remote {
        if let Some(remote) = addrs.iter().find(|a| !a.ip().is_loopback()) {
            return Err(Failure::Usage(format!(
                "--listen {remote} is not a loopback address; add --allow-remote to listen there anyway"
            )));
        }
    }
    Ok(addrs)
}

/// A listener on the first of `addrs` that binds, with a backlog of [`BACKLOG`] (and, as std's
/// `bind`, `SO_REUSEADDR`, so a restarted server does not wait for TIME_WAIT to pass).
fn listen(addrs: &[SocketAddr]) -> io::Result<TcpListener> {
    let mut last = io::Error::new(io::ErrorKind::InvalidInput, "no address to listen on");
    for addr in addrs {
        let bound = (|| {
            let socket = Socket::new(
                Domain::for_address(*addr),
                Type::STREAM,
                Some(Protocol::TCP),
            )?;
            socket.set_reuse_address(true)?;
            socket.bind(&(*addr).into())?;
            socket.listen(BACKLOG)?;
            Ok(TcpListener::from(socket))
        })();
        match bound {
            Ok(listener) => return Ok(listener),
            Err(e) => last = e,
        }
    }
    Err(last)
}

/// What every connection thread shares.
struct Shared {
    options: SessionOptions,
    timeouts: Timeouts,
    tls: Arc<rustls::ServerConfig>,
    max_sessions: usize,
    max_per_client: usize,
    registry: Mutex<Registry>,
    /// Signalled each time a session ends.
    ended: Condvar,
    /// Set once a signal asked for the shutdown.
    stopping: AtomicBool,
    next_id: AtomicU64,
}

/// The open sessions: how many, from where, and a handle on each socket to wake its thread.
#[derive(Default)]
struct Registry {
    active: usize,
    per_client: HashMap<IpAddr, usize>,
    sockets: HashMap<u64, TcpStream>,
}

/// Why a connection is not served.
enum Refusal {
    Busy,
    Stopping,
}

impl Shared {
    fn registry(&self) -> MutexGuard<'_, Registry> {
        self.registry.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Takes a slot for a connection from `client`, or says why not.
    fn admit(
        self: &Arc<Self>,
        id: u64,
        stream: &TcpStream,
        client: IpAddr,
    ) -> Result<Slot, Refusal> {
        let mut r = self.registry();
        if self.stopping.load(Ordering::SeqCst) {
            return Err(Refusal::Stopping);
        }
        let from_client = r.per_client.get(&client).copied().unwrap_or(0);
        if r.active >= self.max_sessions || from_client >= self.max_per_client {
            return Err(Refusal::Busy);
        }
        r.active += 1;
        r.per_client.insert(client, from_client + 1);
        if let Ok(handle) = stream.try_clone() {
            r.sockets.insert(id, handle);
        }
        Ok(Slot {
            shared: self.clone(),
            id,
            client,
        })
    }

    /// Starts the orderly shutdown: wakes every session thread blocked in a read (their
    /// sockets stop reading), waits until they have sent their 421 and closed (bounded), and
    /// returns how many sessions were open.
    fn stop(&self) -> usize {
        let mut r = self.registry();
        self.stopping.store(true, Ordering::SeqCst);
        let open = r.active;
        for socket in r.sockets.values() {
            let _ = socket.shutdown(Shutdown::Read);
        }
        let deadline = Instant::now() + SHUTDOWN_GRACE;
        while r.active > 0 {
            let now = Instant::now();
            if now >= deadline {
                break;
            }
            r = match self.ended.wait_timeout(r, deadline - now) {
                Ok((guard, _)) => guard,
                Err(e) => e.into_inner().0,
            };
        }
        open
    }

    fn stopping(&self) -> bool {
        self.stopping.load(Ordering::SeqCst)
    }
}

/// A session slot, released when the connection's thread ends, however it ends.
struct Slot {
    shared: Arc<Shared>,
    id: u64,
    client: IpAddr,
}

impl Drop for Slot {
    fn drop(&mut self) {
        let mut r = self.shared.registry();
        r.active = r.active.saturating_sub(1);
        r.sockets.remove(&self.id);
        if let Some(n) = r.per_client.get_mut(&self.client) {
            *n -= 1;
            if *n == 0 {
                r.per_client.remove(&self.client);
            }
        }
        drop(r);
        self.shared.ended.notify_all();
    }
}

fn accept_loop(listener: TcpListener, shared: &Arc<Shared>, implicit_tls: bool) {
    for conn in listener.incoming() {
        let stream = match conn {
            Ok(stream) => stream,
            Err(e) => {
                // Out of descriptors or an aborted handshake: say so, back off, go on.
                eprintln!("smtp-sim: accept: {e}");
                thread::sleep(Duration::from_millis(50));
                continue;
            }
        };
        let Ok(peer) = stream.peer_addr() else {
            continue;
        };
        let id = shared.next_id.fetch_add(1, Ordering::Relaxed);
        let tag = format!("[{id} {peer}]");
        let slot = match shared.admit(id, &stream, peer.ip()) {
            Ok(slot) => slot,
            Err(why) => {
                refuse(stream, shared, why, implicit_tls, &tag);
                continue;
            }
        };
        let worker = shared.clone();
        let spawned = thread::Builder::new()
            .name(format!("smtp-session-{id}"))
            .stack_size(SESSION_STACK)
            .spawn(move || {
                let _slot = slot;
                if let Err(e) = connection(stream, &worker, peer.ip(), implicit_tls, &tag) {
                    if worker.options.verbose {
                        eprintln!(
                            "{tag} connection error: {}",
                            term::untrusted(&e.to_string())
                        );
                    }
                }
            });
        if let Err(e) = spawned {
            eprintln!("smtp-sim: cannot start a session thread: {e}");
        }
    }
}

/// A connection that gets no session: `421 4.3.2` from the core instead of a greeting
/// (RFC 5321 §3.1, §3.8), then close. On the implicit TLS port nothing can be said before a
/// handshake, and a handshake costs what a refusal must not, so the connection is just closed.
fn refuse(mut stream: TcpStream, shared: &Shared, why: Refusal, implicit_tls: bool, tag: &str) {
    if shared.options.verbose {
        let reason = match why {
            Refusal::Busy => "too many sessions",
            Refusal::Stopping => "shutting down",
        };
        eprintln!("{tag} refused: {reason}");
    }
    if implicit_tls {
        return;
    }
    let mut session = ServerSession::new(shared.options.config.clone());
    let _greeting = session.take_output();
    match why {
        Refusal::Busy => session.refuse_busy(),
        Refusal::Stopping => session.shutdown(),
    }
    let reply = session.take_output();
    let _ = stream.set_write_timeout(Some(Duration::from_secs(1)));
    let _ = stream.write_all(&reply);
    // No lingering here: this runs on the accept loop, and the client has sent nothing yet.
    let _ = stream.shutdown(Shutdown::Write);
}

/// When the current wait for input ends, by RFC 5321 §4.5.3.2: a whole command within the
/// command timeout of the moment the server started waiting for it; message content in blocks,
/// each within the data-block timeout of its start, and all of it within the data timeout.
/// Reads in between never restart a timer.
struct Clock {
    t: Timeouts,
    command_since: Instant,
    content: Option<Content>,
}

struct Content {
    since: Instant,
    block_since: Instant,
    block_octets: usize,
}

impl Clock {
    fn new(t: Timeouts, now: Instant) -> Self {
        Self {
            t,
            command_since: now,
            content: None,
        }
    }

    /// After input was handled: `octets` read, `in_content` whether message content is being
    /// read now, `progress` whether a command line was completed or a reply sent.
    fn update(&mut self, now: Instant, octets: usize, in_content: bool, progress: bool) {
        match (&mut self.content, in_content) {
            (None, true) => {
                self.content = Some(Content {
                    since: now,
                    block_since: now,
                    block_octets: 0,
                })
            }
            (Some(c), true) => {
                c.block_octets += octets;
                if c.block_octets >= DATA_BLOCK {
                    c.block_since = now;
                    c.block_octets = 0;
                }
            }
            (Some(_), false) => {
                self.content = None;
                self.command_since = now;
            }
            (None, false) if progress => self.command_since = now,
            (None, false) => {}
        }
    }

    /// A new wait for a command starts now (after the TLS handshake).
    fn restart(&mut self, now: Instant) {
        self.content = None;
        self.command_since = now;
    }

    fn deadline(&self) -> Instant {
        match &self.content {
            Some(c) => (c.block_since + self.t.data_block).min(c.since + self.t.data),
            None => self.command_since + self.t.command,
        }
    }
}

/// How a session ends, when the server ends it.
enum End {
    TimedOut,
    Stopping,
}

/// Runs one session on `stream` until it closes, the peer leaves, a timer fires or the server
/// stops.
fn connection(
    tcp: TcpStream,
    shared: &Shared,
    peer: IpAddr,
    implicit_tls: bool,
    tag: &str,
) -> io::Result<()> {
    let options = &shared.options;
    let t = shared.timeouts;
    // A client that never reads must not hold the thread forever either.
    tcp.set_write_timeout(Some(t.command))?;
    let _ = tcp.set_nodelay(true);
    if options.verbose {
        eprintln!("{tag} connected");
    }
    let mut stream = Stream::Plain(tcp);
    let mut config = options.config.clone();
    if implicit_tls {
        stream.tcp().set_read_timeout(Some(t.command))?;
        stream = stream.start_tls(&shared.tls)?;
        // Already inside TLS: the core neither offers STARTTLS nor forgets its trace protocol
        // (ESMTPS).
        config.implicit_tls = true;
        if options.verbose {
            eprintln!("{tag} TLS established (implicit)");
        }
    }
    let mut session = ServerSession::new(config);
    let mut clock = Clock::new(t, Instant::now());
    // Small while the session is idle; grown when reads fill it (message content).
    let mut buf = vec![0; READ_BUFFER_MIN];
    let mut octets = 0;
    let end = loop {
        let seen = drain_events(&mut session, options, Some(peer), tag);
        let out = session.take_output();
        if !out.is_empty() {
            stream.write_all(&out)?;
            stream.flush()?;
        }
        if session.is_closed() {
            break None;
        }
        let now = Instant::now();
        if seen.start_tls {
            // The 220 to STARTTLS is out: the handshake follows on the same socket, and the
            // session goes on inside TLS (RFC 3207 §4). Bytes the client sent after STARTTLS
            // in the same read were discarded by the core.
            stream.tcp().set_read_timeout(Some(t.command))?;
            stream = stream.start_tls(&shared.tls)?;
            if options.verbose {
                eprintln!("{tag} TLS established (STARTTLS)");
            }
            clock.restart(Instant::now());
            continue;
        }
        let in_content = session.state() == State::Data || session.chunk_remaining().is_some();
        clock.update(now, octets, in_content, seen.progress);
        octets = 0;
        let Some(wait) = clock
            .deadline()
            .checked_duration_since(now)
            .filter(|d| !d.is_zero())
        else {
            break Some(End::TimedOut);
        };
        stream.tcp().set_read_timeout(Some(wait))?;
        match stream.read(&mut buf) {
            Ok(0) if shared.stopping() => break Some(End::Stopping),
            Ok(0) => {
                if options.verbose {
                    eprintln!("{tag} client closed the connection");
                }
                return Ok(());
            }
            Ok(n) => {
                octets = n;
                session.receive(&buf[..n]);
                if n == buf.len() && buf.len() < READ_BUFFER_MAX {
                    buf.resize(buf.len() * 2, 0);
                }
            }
            Err(_) if shared.stopping() => break Some(End::Stopping),
            Err(e)
                if matches!(
                    e.kind(),
                    io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut
                ) => {}
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    };
    if let Some(end) = end {
        match end {
            End::TimedOut => session.timeout(),
            End::Stopping => session.shutdown(),
        }
        drain_events(&mut session, options, Some(peer), tag);
        if options.verbose {
            let why = match end {
                End::TimedOut => "timed out",
                End::Stopping => "server stopping",
            };
            eprintln!("{tag} {why}: closing with 421");
        }
        stream.write_all(&session.take_output())?;
        stream.flush()?;
    }
    if options.verbose {
        eprintln!("{tag} closed");
    }
    close(stream);
    Ok(())
}

/// Closes gracefully: TLS close_notify, FIN, then read and drop what the client still sends
/// (at most 64 KiB for at most 2 s in all, so a trickling client cannot keep the slot), so
/// unread bytes pipelined after QUIT do not make the kernel answer with a reset that could
/// destroy our last reply before the client reads it.
fn close(mut stream: Stream) {
    stream.close_notify();
    let mut tcp = stream.tcp();
    let _ = tcp.shutdown(Shutdown::Write);
    let deadline = Instant::now() + Duration::from_secs(2);
    let mut sink = [0u8; 4096];
    let mut budget: usize = 64 * 1024;
    while budget > 0 {
        let Some(left) = deadline.checked_duration_since(Instant::now()) else {
            break;
        };
        if left.is_zero() || tcp.set_read_timeout(Some(left)).is_err() {
            break;
        }
        match tcp.read(&mut sink) {
            Ok(0) | Err(_) => break,
            Ok(n) => budget = budget.saturating_sub(n),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn timeouts() -> Timeouts {
        Timeouts {
            command: Duration::from_secs(300),
            data_block: Duration::from_secs(180),
            data: Duration::from_secs(600),
        }
    }

    #[test]
    fn the_listener_queues_hundreds_of_connections_before_accepting() {
        // 300 clients connect at once and none is accepted yet. std's bind (backlog 128) queues
        // 129 and drops the SYNs of the rest, whose connects then wait for retransmissions and
        // time out here; the backlog of 1024 queues them all.
        let somaxconn = std::fs::read_to_string("/proc/sys/net/core/somaxconn")
            .ok()
            .and_then(|s| s.trim().parse::<usize>().ok());
        if somaxconn.is_some_and(|n| n < 300) {
            eprintln!("skipped: net.core.somaxconn is below 300");
            return;
        }
        let listener = listen(&["127.0.0.1:0".parse().unwrap()]).unwrap();
        let addr = listener.local_addr().unwrap();
        let clients: Vec<TcpStream> = (0..300)
            .map(|i| {
                TcpStream::connect_timeout(&addr, Duration::from_secs(3))
                    .unwrap_or_else(|e| panic!("connection {i} was not queued: {e}"))
            })
            .collect();
        assert_eq!(clients.len(), 300);
        drop(listener);
    }

    #[test]
    fn listen_says_why_no_address_binds() {
        let taken = listen(&["127.0.0.1:0".parse().unwrap()]).unwrap();
        let addr = taken.local_addr().unwrap();
        let e = listen(&[addr]).expect_err("the port is taken");
        assert_eq!(e.kind(), io::ErrorKind::AddrInUse);
        assert!(listen(&[]).is_err(), "no address at all");
    }

    #[test]
    fn reads_without_a_whole_command_do_not_restart_the_command_timer() {
        let t0 = Instant::now();
        let mut c = Clock::new(timeouts(), t0);
        for s in 1..=100 {
            c.update(t0 + Duration::from_secs(s), 1, false, false);
        }
        assert_eq!(c.deadline(), t0 + Duration::from_secs(300));
        c.update(t0 + Duration::from_secs(150), 5, false, true);
        assert_eq!(c.deadline(), t0 + Duration::from_secs(450));
    }

    #[test]
    fn content_runs_on_block_and_total_timers() {
        let t0 = Instant::now();
        let at = |s| t0 + Duration::from_secs(s);
        let mut c = Clock::new(timeouts(), t0);
        c.update(at(10), 6, true, true);
        assert_eq!(c.deadline(), at(190), "a block of 64 KiB within 3 minutes");
        c.update(at(100), 1000, true, false);
        assert_eq!(
            c.deadline(),
            at(190),
            "a small read does not restart the block"
        );
        c.update(at(150), DATA_BLOCK, true, false);
        assert_eq!(c.deadline(), at(330), "a whole block starts the next one");
        for s in [300, 450] {
            c.update(at(s), DATA_BLOCK, true, false);
        }
        assert_eq!(c.deadline(), at(610), "all content within 10 minutes");
        c.update(at(500), 5, false, true);
        assert_eq!(c.deadline(), at(800), "after the dot, the command timer");
    }
}
