//! `smtp-sim serve`: an SMTP server on loopback, one thread per connection, bounded.

use std::io::{self, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream, ToSocketAddrs};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::thread;
use std::time::Duration;

use smtp_sim_core::server::ServerSession;

use super::{drain_events, Args, Failure, Outcome, SessionOptions, SESSION_OPTIONS_HELP};

const DEFAULT_LISTEN: &str = "127.0.0.1:2525";
const DEFAULT_MAX_SESSIONS: usize = 64;
/// RFC 5321 §4.5.3.2.7: the server waits at least 5 minutes for the next command.
const DEFAULT_IDLE_SECS: u64 = 300;

fn help() -> String {
    format!(
        "\
smtp-sim serve — an SMTP server for real clients (swaks, curl, Python's smtplib, …)

Usage: smtp-sim serve [OPTIONS]

Prints a line containing 'listening on ADDR' on stdout once it accepts connections (with port 0
the address shows the port the system chose). Runs until killed.

Options:
  --listen ADDR       where to listen (default: {DEFAULT_LISTEN}); port 0 picks a free port.
                      Only loopback addresses are allowed unless --allow-remote is given
  --allow-remote      allow a non-loopback --listen address. This is a simulator with a
                      demo account and a persona open to smuggling: do not expose it
  --max-sessions N    sessions served at once (default: {DEFAULT_MAX_SESSIONS}); a connection
                      beyond that gets 421 4.3.2 and is closed
  --idle-timeout SECS close a session with 421 4.4.2 after SECS seconds without input
                      (default: {DEFAULT_IDLE_SECS}, RFC 5321 §4.5.3.2)
{SESSION_OPTIONS_HELP}  -h, --help          this text
"
    )
}

struct ServeOptions {
    session: SessionOptions,
    listen: String,
    allow_remote: bool,
    max_sessions: usize,
    idle: Duration,
}

/// Parses the flags, binds, then serves until the process is killed.
pub fn run(mut args: Args) -> Outcome {
    let mut o = ServeOptions {
        session: SessionOptions::default(),
        listen: DEFAULT_LISTEN.into(),
        allow_remote: false,
        max_sessions: DEFAULT_MAX_SESSIONS,
        idle: Duration::from_secs(DEFAULT_IDLE_SECS),
    };
    while let Some(flag) = args.next_flag() {
        if o.session.take(&flag, &mut args)? {
            continue;
        }
        match flag.as_str() {
            "--listen" => o.listen = args.value(&flag)?,
            "--allow-remote" => {
                args.no_value(&flag)?;
                o.allow_remote = true;
            }
            "--max-sessions" => o.max_sessions = positive(&flag, &args.value(&flag)?)?,
            "--idle-timeout" => {
                o.idle = Duration::from_secs(positive(&flag, &args.value(&flag)?)? as u64)
            }
            "-h" | "--help" => {
                print!("{}", help());
                return Ok(());
            }
            _ => {
                return Err(Failure::Usage(format!(
                    "serve: unknown option '{flag}' (try 'smtp-sim serve --help')"
                )))
            }
        }
    }
    let addrs = resolve(&o.listen, o.allow_remote)?;
    o.session.open_store()?;
    let listener = TcpListener::bind(&addrs[..])
        .map_err(|e| Failure::Runtime(format!("serve: cannot listen on {}: {e}", o.listen)))?;
    let local = listener
        .local_addr()
        .map_err(|e| Failure::Runtime(format!("serve: {e}")))?;
    {
        let mut out = io::stdout().lock();
        // Tests and scripts wait for this line; it must be out before the first accept.
        let _ = writeln!(out, "smtp-sim: listening on {local}");
        let _ = out.flush();
    }
    serve(listener, o);
    Ok(())
}

fn positive(flag: &str, value: &str) -> Result<usize, Failure> {
    match value.parse::<usize>() {
        Ok(n) if n > 0 => Ok(n),
        _ => Err(Failure::Usage(format!(
            "{flag} must be a whole number above 0, not '{value}'"
        ))),
    }
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

/// Releases a session slot when the connection's thread ends, however it ends.
struct Slot(Arc<AtomicUsize>);

impl Drop for Slot {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::AcqRel);
    }
}

fn serve(listener: TcpListener, o: ServeOptions) {
    let active = Arc::new(AtomicUsize::new(0));
    let session_options = Arc::new(o.session);
    let mut next_id: u64 = 0;
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
        next_id += 1;
        let tag = match stream.peer_addr() {
            Ok(peer) => format!("[{next_id} {peer}]"),
            Err(_) => format!("[{next_id}]"),
        };
        if active.fetch_add(1, Ordering::AcqRel) >= o.max_sessions {
            let slot = Slot(active.clone());
            refuse(stream, &session_options, &tag);
            drop(slot);
            continue;
        }
        let slot = Slot(active.clone());
        let options = session_options.clone();
        let idle = o.idle;
        let number = next_id;
        let spawned = thread::Builder::new()
            .name(format!("smtp-session-{next_id}"))
            .spawn(move || {
                let _slot = slot;
                if let Err(e) = connection(stream, &options, idle, number, &tag) {
                    if options.verbose {
                        eprintln!("{tag} connection error: {e}");
                    }
                }
            });
        if let Err(e) = spawned {
            eprintln!("smtp-sim: cannot start a session thread: {e}");
        }
    }
}

/// Too many sessions: 421 4.3.2 from the core instead of a greeting (RFC 5321 §3.1), then close.
fn refuse(mut stream: TcpStream, options: &SessionOptions, tag: &str) {
    if options.verbose {
        eprintln!("{tag} refused: too many sessions");
    }
    let mut session = ServerSession::new(options.config.clone());
    let _greeting = session.take_output();
    session.shutdown();
    let reply = session.take_output();
    let _ = stream.set_write_timeout(Some(Duration::from_secs(1)));
    let _ = stream.write_all(&reply);
    // No lingering here: this runs on the accept loop, and the client has sent nothing yet.
    let _ = stream.shutdown(Shutdown::Write);
}

/// Runs one session on `stream` until it closes, the peer leaves, or it idles out.
fn connection(
    mut stream: TcpStream,
    options: &SessionOptions,
    idle: Duration,
    number: u64,
    tag: &str,
) -> io::Result<()> {
    let peer = stream.peer_addr().ok().map(|a| a.ip());
    // Unique among this process's sessions; the file names carry the cross-process uniqueness.
    let session_id = format!("{}-{number}", std::process::id());
    stream.set_read_timeout(Some(idle))?;
    // A client that never reads must not hold the thread forever either.
    stream.set_write_timeout(Some(idle))?;
    let _ = stream.set_nodelay(true);
    if options.verbose {
        eprintln!("{tag} connected");
    }
    let mut session = ServerSession::new(options.config.clone());
    let mut buf = vec![0; 16 * 1024];
    loop {
        drain_events(&mut session, options, peer, tag, &session_id);
        stream.write_all(&session.take_output())?;
        if session.is_closed() {
            break;
        }
        match stream.read(&mut buf) {
            Ok(0) => {
                if options.verbose {
                    eprintln!("{tag} client closed the connection");
                }
                return Ok(());
            }
            Ok(n) => session.receive(&buf[..n]),
            Err(e)
                if matches!(
                    e.kind(),
                    io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut
                ) =>
            {
                session.timeout();
                drain_events(&mut session, options, peer, tag, &session_id);
                let reply = session.take_output();
                if options.verbose {
                    eprintln!("{tag} idle for {}s: closing", idle.as_secs());
                }
                stream.write_all(&reply)?;
                break;
            }
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    if options.verbose {
        eprintln!("{tag} closed");
    }
    close(stream);
    Ok(())
}

/// Closes gracefully: send FIN, then read and drop what the client still sends (bounded), so
/// unread bytes pipelined after QUIT do not make the kernel answer with a reset that could
/// destroy our last reply before the client reads it.
fn close(mut stream: TcpStream) {
    let _ = stream.shutdown(Shutdown::Write);
    let _ = stream.set_read_timeout(Some(Duration::from_secs(2)));
    let mut sink = [0u8; 4096];
    let mut budget: usize = 64 * 1024;
    while budget > 0 {
        match stream.read(&mut sink) {
            Ok(0) | Err(_) => break,
            Ok(n) => budget = budget.saturating_sub(n),
        }
    }
}
