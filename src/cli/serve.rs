//! `smtp-sim serve`: an SMTP server on loopback, bounded: a cap on sessions and on sessions per
//! client address, timeouts per command and per DATA block (RFC 5321 §4.5.3.2), real TLS
//! (STARTTLS and implicit), and an orderly shutdown on SIGTERM or SIGINT (421 to every open
//! session, RFC 5321 §3.8).
//!
//! Sessions run on a few readiness loops (mio: one per core, [`evloop`]), not a thread each: an
//! idle session is its core state and a socket, with no stack of its own, and the sans-IO core
//! needs nothing else — bytes in with `receive`, bytes out with `take_output`.

mod evloop;

use std::collections::HashMap;
use std::io::{self, Write};
use std::net::{IpAddr, SocketAddr, TcpListener, ToSocketAddrs};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use socket2::{Domain, Protocol, Socket, Type};

use crate::tls;
use crate::{positive, seconds, shutdown, term, Failure, Outcome, SessionArgs, SessionOptions};

const DEFAULT_LISTEN: &str = "127.0.0.1:2525";

/// The listen backlog: connections the kernel queues before `accept`. std's `TcpListener::bind`
/// always asks for 128, and 256 clients connecting at once then lose SYNs and wait a second for
/// the retransmission (bench/RESULTS.md §6). Linux caps it at `net.core.somaxconn` (4096).
const BACKLOG: i32 = 1024;

/// Octets of message content that make one "data block" for the data-block timeout.
const DATA_BLOCK: usize = 64 * 1024;

/// How long an orderly shutdown waits for the sessions to say 421 and close.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(5);

/// Most readiness loops started, whatever the core count: each holds only a read buffer and
/// its share of the sessions.
const MAX_LOOPS: usize = 8;

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
        stopping: AtomicBool::new(false),
        next_id: AtomicU64::new(1),
    });
    if shared.options.verbose {
        eprintln!(
            "smtp-sim: TLS certificate {}",
            term::untrusted(&identity.source)
        );
    }
    let loops = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(MAX_LOOPS);
    let mut listeners = vec![(listener, false)];
    listeners.extend(tls_listener.map(|l| (l, true)));
    let server = evloop::Server::new(shared.clone(), &listeners, loops)
        .map_err(|e| Failure::Runtime(format!("serve: {e}")))?;
    {
        let mut out = io::stdout().lock();
        // Tests and scripts wait for these lines; they must be out before the first accept.
        let _ = writeln!(out, "smtp-sim: listening on {local}");
        for (l, implicit) in &listeners {
            if let (true, Ok(addr)) = (implicit, l.local_addr()) {
                let _ = writeln!(out, "smtp-sim: listening on {addr} (implicit TLS)");
            }
        }
        let _ = out.flush();
    }
    let running = server
        .start()
        .map_err(|e| Failure::Runtime(format!("serve: {e}")))?;
    let signal = signals.forever().next().unwrap_or(0);
    shared.stopping.store(true, Ordering::SeqCst);
    let told = running.stop();
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

/// What every readiness loop shares.
struct Shared {
    options: SessionOptions,
    timeouts: Timeouts,
    tls: Arc<rustls::ServerConfig>,
    max_sessions: usize,
    max_per_client: usize,
    registry: Mutex<Registry>,
    /// Set once a signal asked for the shutdown.
    stopping: AtomicBool,
    next_id: AtomicU64,
}

/// The open sessions of all loops: how many, and from where.
#[derive(Default)]
struct Registry {
    active: usize,
    per_client: HashMap<IpAddr, usize>,
}

/// Why a connection is not served.
#[derive(Clone, Copy, Debug)]
enum Refusal {
    Busy,
    Stopping,
}

impl Shared {
    fn registry(&self) -> MutexGuard<'_, Registry> {
        self.registry.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Takes a slot for a connection from `client`, or says why not (RFC 5321 §3.8: a server
    /// may refuse a connection with 421; the caps are Postfix's smtpd_client_connection_count_limit
    /// and process limit).
    fn admit(&self, client: IpAddr) -> Result<(), Refusal> {
        let mut r = self.registry();
        if self.stopping() {
            return Err(Refusal::Stopping);
        }
        let from_client = r.per_client.get(&client).copied().unwrap_or(0);
        if r.active >= self.max_sessions || from_client >= self.max_per_client {
            return Err(Refusal::Busy);
        }
        r.active += 1;
        r.per_client.insert(client, from_client + 1);
        Ok(())
    }

    /// Gives back the slot [`Shared::admit`] took for `client`, once its connection is closed.
    fn release(&self, client: IpAddr) {
        let mut r = self.registry();
        r.active = r.active.saturating_sub(1);
        if let Some(n) = r.per_client.get_mut(&client) {
            *n -= 1;
            if *n == 0 {
                r.per_client.remove(&client);
            }
        }
    }

    fn stopping(&self) -> bool {
        self.stopping.load(Ordering::SeqCst)
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::TcpStream;

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
