//! The readiness loops of `serve`: a few threads (one per core), each with a mio `Poll` over
//! non-blocking sockets, instead of a thread per connection. A connection is the core's
//! [`ServerSession`], the bytes not yet sent, TLS state when in effect, and its timer; reads go
//! through one buffer per loop, so an idle session holds no buffer and no stack.
//!
//! - Every loop watches the listeners and accepts in small batches, so the loops share new
//!   connections; slots (max sessions, per client) are counted across loops in [`Shared`].
//! - Back-pressure: a connection is not read while any of its output is unsent, so a client that
//!   pipelines without reading cannot make the server buffer without bound.
//! - Timers: the RFC 5321 §4.5.3.2 deadlines of each connection ([`Clock`]); the loop sleeps
//!   until the earliest one and sweeps its connections when it passes.
//! - TLS (STARTTLS, RFC 3207; implicit, RFC 8314 §3) is rustls driven by hand: `read_tls`,
//!   `process_new_packets`, the plaintext reader, then `write_tls` while it wants to write.
//! - The store's verdict: a message is handed to a small pool of store threads (a write and an
//!   fsync must not stall a loop); the core holds the session's input meanwhile, and the 250
//!   goes out only once the file is on disk (RFC 5321 §6.1).
//! - Shutdown: a `Waker` tells every loop; each says `421 4.3.2` to every session (RFC 5321
//!   §3.8), flushes, and ends when its connections are closed or the grace period is over.

use std::io::{self, Read, Write};
use std::net::{IpAddr, Shutdown, SocketAddr, TcpListener};
use std::sync::atomic::Ordering;
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use mio::net::{TcpListener as MioListener, TcpStream};
use mio::{Events, Interest, Poll, Token, Waker};
use rustls::ServerConnection;
use slab::Slab;
use smtp_sim_core::server::{Event, Message, ServerSession, State, StoreFailure};

use super::{Clock, Refusal, Shared, SHUTDOWN_GRACE};
use crate::{log_event, store_verdict, term};

/// The waker's token; listeners take the tokens just below it, connections their slab index.
const WAKE: Token = Token(usize::MAX);

/// Token of listener `i`.
fn listener_token(i: usize) -> Token {
    Token(usize::MAX - 1 - i)
}

/// Each loop's read buffer: one read takes at most this much from a socket.
const READ_BUFFER: usize = 64 * 1024;

/// Reads one connection gets before the loop turns to the others (fairness; the rest of its
/// input waits for the next turn).
const READS_PER_TURN: usize = 16;

/// Connections one loop accepts per turn, so that the loops share a burst of connections.
const ACCEPTS_PER_TURN: usize = 32;

/// Threads that write messages to the `--store` directory (each write ends with an fsync).
const STORE_THREADS: usize = 4;

/// After an accept error (out of descriptors), how long a loop waits before accepting again.
const ACCEPT_BACKOFF: Duration = Duration::from_millis(50);

/// After the last reply: how long the server reads and drops what the client still sends
/// before it closes (see [`Closing`]).
const LINGER: Duration = Duration::from_secs(2);

/// After the last reply: how many octets the server reads and drops at most.
const LINGER_OCTETS: usize = 64 * 1024;

/// The largest unsent-output buffer a connection keeps once it is flushed; a larger one (a
/// burst of pipelined replies) is freed, so an idle session holds almost nothing.
const OUTPUT_BUFFER_KEEP: usize = 4 * 1024;

/// A loop's mailbox: store verdicts and the shutdown, with the waker that announces them.
struct Mailbox {
    waker: Waker,
    verdicts: Mutex<Vec<Verdict>>,
}

/// A message the store threads write.
struct Job {
    mailbox: Arc<Mailbox>,
    token: usize,
    conn: u64,
    message: Message,
    queue_id: String,
    hostname: String,
    peer: IpAddr,
    tag: String,
}

/// What the store made of a [`Job`].
struct Verdict {
    token: usize,
    conn: u64,
    queue_id: String,
    result: Result<(), StoreFailure>,
}

/// The loops, built and registered but not yet running.
pub struct Server {
    loops: Vec<EventLoop>,
}

/// The running loops.
pub struct Running {
    threads: Vec<JoinHandle<usize>>,
    mailboxes: Vec<Arc<Mailbox>>,
}

impl Server {
    /// `count` loops, each watching every listener (`true`: implicit TLS); a store pool when
    /// there is a store.
    pub fn new(
        shared: Arc<Shared>,
        listeners: &[(TcpListener, bool)],
        count: usize,
    ) -> io::Result<Self> {
        let jobs = match shared.options.store {
            Some(_) => Some(store_pool(&shared)?),
            None => None,
        };
        let count = count.max(1);
        let mut loops = Vec::with_capacity(count);
        for index in 0..count {
            let poll = Poll::new()?;
            let mailbox = Arc::new(Mailbox {
                waker: Waker::new(poll.registry(), WAKE)?,
                verdicts: Mutex::new(Vec::new()),
            });
            let mut own = Vec::with_capacity(listeners.len());
            for (i, (l, implicit)) in listeners.iter().enumerate() {
                let clone = l.try_clone()?;
                clone.set_nonblocking(true)?;
                let mut l = MioListener::from_std(clone);
                poll.registry()
                    .register(&mut l, listener_token(i), Interest::READABLE)?;
                own.push(Listener {
                    socket: l,
                    implicit_tls: *implicit,
                    pending: true,
                    retry_at: None,
                });
            }
            loops.push(EventLoop {
                index,
                poll,
                ctx: Ctx {
                    shared: shared.clone(),
                    mailbox,
                    jobs: jobs.clone(),
                },
                listeners: own,
                conns: Slab::new(),
                buf: vec![0; READ_BUFFER].into_boxed_slice(),
                again: Vec::new(),
                next_due: None,
                stop_at: None,
                told: 0,
            });
        }
        Ok(Self { loops })
    }

    /// Starts one thread per loop.
    pub fn start(self) -> io::Result<Running> {
        let mut running = Running {
            threads: Vec::new(),
            mailboxes: self.loops.iter().map(|l| l.ctx.mailbox.clone()).collect(),
        };
        for mut l in self.loops {
            let thread = thread::Builder::new()
                .name(format!("smtp-loop-{}", l.index))
                .spawn(move || l.run())?;
            running.threads.push(thread);
        }
        Ok(running)
    }
}

impl Running {
    /// The shutdown: wakes every loop (the caller has set [`Shared::stopping`]), waits for them
    /// to end (each within [`SHUTDOWN_GRACE`]), and returns how many sessions were told 421.
    pub fn stop(self) -> usize {
        for m in &self.mailboxes {
            let _ = m.waker.wake();
        }
        self.threads
            .into_iter()
            .map(|t| t.join().unwrap_or(0))
            .sum()
    }
}

/// Starts the store threads; returns where to send them messages.
fn store_pool(shared: &Arc<Shared>) -> io::Result<Sender<Job>> {
    let (tx, rx) = mpsc::channel::<Job>();
    let rx = Arc::new(Mutex::new(rx));
    for i in 0..STORE_THREADS {
        let rx = rx.clone();
        let shared = shared.clone();
        thread::Builder::new()
            .name(format!("smtp-store-{i}"))
            .spawn(move || store_thread(&rx, &shared))?;
    }
    Ok(tx)
}

fn store_thread(rx: &Mutex<Receiver<Job>>, shared: &Shared) {
    loop {
        let job = match rx.lock().unwrap_or_else(|e| e.into_inner()).recv() {
            Ok(job) => job,
            Err(_) => return,
        };
        let result = store_verdict(
            &shared.options,
            &job.message,
            &job.queue_id,
            &job.hostname,
            Some(job.peer),
            &job.tag,
        );
        job.mailbox
            .verdicts
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(Verdict {
                token: job.token,
                conn: job.conn,
                queue_id: job.queue_id,
                result,
            });
        let _ = job.mailbox.waker.wake();
    }
}

/// What a connection needs from its loop.
struct Ctx {
    shared: Arc<Shared>,
    mailbox: Arc<Mailbox>,
    jobs: Option<Sender<Job>>,
}

struct Listener {
    socket: MioListener,
    implicit_tls: bool,
    /// Connections may be waiting (readiness is edge-triggered: accept until `WouldBlock`).
    pending: bool,
    /// After an accept error, when to try again.
    retry_at: Option<Instant>,
}

struct EventLoop {
    index: usize,
    poll: Poll,
    ctx: Ctx,
    listeners: Vec<Listener>,
    conns: Slab<Conn>,
    buf: Box<[u8]>,
    /// Connections that used their turn with input left to read.
    again: Vec<usize>,
    /// The earliest deadline of any connection, or later (the sweep finds the exact one).
    next_due: Option<Instant>,
    /// Set once the shutdown started: the loop ends then at the latest.
    stop_at: Option<Instant>,
    told: usize,
}

impl EventLoop {
    /// Serves until the shutdown is over; returns how many sessions this loop told 421.
    fn run(&mut self) -> usize {
        let mut events = Events::with_capacity(1024);
        loop {
            let now = Instant::now();
            if let Some(stop) = self.stop_at {
                if self.conns.is_empty() || now >= stop {
                    return self.told;
                }
            }
            let timeout = self.timeout(now);
            if let Err(e) = self.poll.poll(&mut events, timeout) {
                if e.kind() == io::ErrorKind::Interrupted {
                    continue;
                }
                eprintln!("smtp-sim: poll: {e}");
                return self.told;
            }
            let mut woken = false;
            for event in events.iter() {
                match event.token() {
                    WAKE => woken = true,
                    Token(t) if t > usize::MAX - 1 - self.listeners.len() => {
                        if let Some(l) = self.listeners.get_mut(usize::MAX - 1 - t) {
                            l.pending = true;
                        }
                    }
                    Token(_) => {}
                }
            }
            // New connections first: their greeting is the first step of their latency, and
            // sessions already open are served in the same turn anyway.
            self.accept();
            for event in events.iter() {
                match event.token() {
                    Token(t) if t >= usize::MAX - self.listeners.len() => {}
                    Token(t) => {
                        if let Some(c) = self.conns.get_mut(t) {
                            if event.is_readable() || event.is_read_closed() || event.is_error() {
                                c.readable = true;
                            }
                            self.drive(t);
                        }
                    }
                }
            }
            if woken {
                self.verdicts();
                if self.stop_at.is_none() && self.ctx.shared.stopping() {
                    self.stop();
                }
            }
            for t in std::mem::take(&mut self.again) {
                if self.conns.contains(t) {
                    self.drive(t);
                }
            }
            if self.next_due.is_some_and(|due| Instant::now() >= due) {
                self.sweep();
            }
        }
    }

    /// How long to sleep: until the next deadline, not at all when work is left over.
    fn timeout(&self, now: Instant) -> Option<Duration> {
        let busy = !self.again.is_empty()
            || self
                .listeners
                .iter()
                .any(|l| l.pending && l.retry_at.is_none());
        if busy {
            return Some(Duration::ZERO);
        }
        let due = [self.next_due, self.stop_at]
            .into_iter()
            .chain(self.listeners.iter().map(|l| l.retry_at))
            .flatten()
            .min();
        due.map(|d| d.saturating_duration_since(now))
    }

    /// Accepts up to [`ACCEPTS_PER_TURN`] connections from each listener that has some.
    fn accept(&mut self) {
        let now = Instant::now();
        for i in 0..self.listeners.len() {
            let l = &mut self.listeners[i];
            if l.retry_at.is_some_and(|t| now >= t) {
                l.retry_at = None;
                l.pending = true;
            }
            if !l.pending || l.retry_at.is_some() {
                continue;
            }
            for _ in 0..ACCEPTS_PER_TURN {
                let l = &mut self.listeners[i];
                let implicit_tls = l.implicit_tls;
                match l.socket.accept() {
                    Ok((tcp, peer)) => self.admit(tcp, peer, implicit_tls),
                    Err(e) if e.kind() == io::ErrorKind::WouldBlock => {
                        l.pending = false;
                        break;
                    }
                    Err(e)
                        if matches!(
                            e.kind(),
                            io::ErrorKind::Interrupted | io::ErrorKind::ConnectionAborted
                        ) => {}
                    Err(e) => {
                        // Out of descriptors, say: say so, back off, go on.
                        eprintln!("smtp-sim: accept: {e}");
                        l.retry_at = Some(now + ACCEPT_BACKOFF);
                        break;
                    }
                }
            }
        }
    }

    /// A new connection: a session if there is a slot, else a refusal.
    fn admit(&mut self, tcp: TcpStream, peer: SocketAddr, implicit_tls: bool) {
        let shared = &self.ctx.shared;
        let id = shared.next_id.fetch_add(1, Ordering::Relaxed);
        if let Err(why) = shared.admit(peer.ip()) {
            refuse(tcp, shared, why, implicit_tls, &tag(id, peer));
            return;
        }
        let _ = tcp.set_nodelay(true);
        let entry = self.conns.vacant_entry();
        let token = entry.key();
        let mut conn = Conn::new(&self.ctx, tcp, id, peer, implicit_tls);
        if let Err(e) = self.poll.registry().register(
            &mut conn.tcp,
            Token(token),
            Interest::READABLE | Interest::WRITABLE,
        ) {
            eprintln!("smtp-sim: cannot watch a connection: {e}");
            shared.release(peer.ip());
            return;
        }
        entry.insert(conn);
        self.drive(token);
    }

    /// Runs connection `token` as far as it goes now, then notes its deadline or removes it.
    fn drive(&mut self, token: usize) {
        let Some(conn) = self.conns.get_mut(token) else {
            return;
        };
        match conn.drive(token, &self.ctx, &mut self.buf) {
            Ok(Turn::Wait) => {}
            Ok(Turn::Again) => self.again.push(token),
            Ok(Turn::Done) => return self.remove(token),
            Err(e) => {
                if self.ctx.shared.options.verbose {
                    eprintln!(
                        "{} connection error: {}",
                        conn.tag(),
                        term::untrusted(&e.to_string())
                    );
                }
                return self.remove(token);
            }
        }
        if let Some(d) = conn.deadline() {
            if self.next_due.is_none_or(|due| d < due) {
                self.next_due = Some(d);
            }
        }
    }

    fn remove(&mut self, token: usize) {
        // Closing the socket (on drop) takes it out of the poll: no deregister call needed.
        if let Some(conn) = self.conns.try_remove(token) {
            if self.ctx.shared.options.verbose {
                eprintln!("{} closed", conn.tag());
            }
            self.ctx.shared.release(conn.peer.ip());
        }
    }

    /// Gives each stored message's session its verdict.
    fn verdicts(&mut self) {
        let done = std::mem::take(
            &mut *self
                .ctx
                .mailbox
                .verdicts
                .lock()
                .unwrap_or_else(|e| e.into_inner()),
        );
        for v in done {
            let Some(conn) = self.conns.get_mut(v.token).filter(|c| c.id == v.conn) else {
                continue;
            };
            match v.result {
                Ok(()) => conn.session.accept_message(&v.queue_id),
                Err(failure) => conn.session.refuse_message(failure),
            }
            if conn.stop_after_verdict {
                conn.session.shutdown();
            }
            self.drive(v.token);
        }
    }

    /// Starts the shutdown: `421 4.3.2` to every open session (RFC 5321 §3.8); a session whose
    /// message is being stored gets its verdict first.
    fn stop(&mut self) {
        self.stop_at = Some(Instant::now() + SHUTDOWN_GRACE);
        let verbose = self.ctx.shared.options.verbose;
        let tokens: Vec<usize> = self.conns.iter().map(|(t, _)| t).collect();
        for t in tokens {
            let conn = &mut self.conns[t];
            if conn.closing.is_some() || conn.session.is_closed() {
                continue;
            }
            self.told += 1;
            if verbose {
                eprintln!("{} server stopping: closing with 421", conn.tag());
            }
            if conn.session.awaits_verdict() {
                conn.stop_after_verdict = true;
            } else {
                conn.session.shutdown();
                self.drive(t);
            }
        }
    }

    /// Ends what is due: `421 4.4.2` to a session whose timer ran out (RFC 5321 §4.5.3.2), the
    /// close of a lingering one; then finds the next deadline.
    fn sweep(&mut self) {
        let now = Instant::now();
        self.next_due = None;
        let mut due = Vec::new();
        for (t, c) in &self.conns {
            let Some(d) = c.deadline() else {
                continue;
            };
            if d <= now {
                due.push(t);
            } else if self.next_due.is_none_or(|n| d < n) {
                self.next_due = Some(d);
            }
        }
        for t in due {
            let conn = &mut self.conns[t];
            if conn.closing.is_some() || conn.has_unsent() {
                // Lingered long enough, or a client that does not read what it is sent:
                // nothing more can be said to it.
                self.remove(t);
                continue;
            }
            if self.ctx.shared.options.verbose {
                eprintln!("{} timed out: closing with 421", conn.tag());
            }
            conn.session.timeout();
            self.drive(t);
        }
    }
}

/// A connection that gets no session: `421 4.3.2` from the core instead of a greeting
/// (RFC 5321 §3.1, §3.8), then close. On the implicit TLS port nothing can be said before a
/// handshake, and a handshake costs what a refusal must not, so the connection is just closed.
fn refuse(mut tcp: TcpStream, shared: &Shared, why: Refusal, implicit_tls: bool, tag: &str) {
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
    // A fresh socket's send buffer takes these few octets at once; if not, the client loses
    // only a refusal. The client has sent nothing yet, so closing now resets nothing.
    let _ = tcp.write(&session.take_output());
    let _ = tcp.shutdown(Shutdown::Write);
}

/// The log tag of a connection: `[id peer]`.
fn tag(id: u64, peer: SocketAddr) -> String {
    format!("[{id} {peer}]")
}

/// What a connection's turn ended with.
enum Turn {
    /// Waiting for the socket (input, room to write) or a store verdict.
    Wait,
    /// Input is left to read: another turn soon.
    Again,
    /// Closed: remove it.
    Done,
}

/// The end of a connection after its last reply: TLS close_notify, FIN, then read and drop
/// what the client still sends (at most [`LINGER_OCTETS`] for at most [`LINGER`]), so unread
/// bytes pipelined after QUIT do not make the kernel answer with a reset that could destroy
/// the last reply before the client reads it.
struct Closing {
    until: Instant,
    budget: usize,
    shut: bool,
}

/// One connection: the core session and what the socket still owes it.
struct Conn {
    id: u64,
    tcp: TcpStream,
    peer: SocketAddr,
    session: ServerSession,
    /// Bytes for the socket not yet written (plain TCP; under TLS rustls holds them).
    out: Vec<u8>,
    tls: Option<Box<ServerConnection>>,
    /// The TLS handshake is under way: `Some(true)` on the implicit TLS port, `Some(false)`
    /// after STARTTLS.
    handshake: Option<bool>,
    /// The 220 to STARTTLS was queued: TLS starts once it is sent (RFC 3207 §4).
    start_tls: bool,
    clock: Clock,
    /// The socket may have input (readiness is edge-triggered: read until `WouldBlock`).
    readable: bool,
    /// Octets of the last read, for the clock.
    octets: usize,
    /// A command line was read or a reply sent since the clock last heard of it.
    progress: bool,
    /// The shutdown came while a message was being stored: 421 after its verdict.
    stop_after_verdict: bool,
    closing: Option<Closing>,
}

impl Conn {
    fn new(ctx: &Ctx, tcp: TcpStream, id: u64, peer: SocketAddr, implicit_tls: bool) -> Self {
        let shared = &ctx.shared;
        let mut config = shared.options.config.clone();
        let mut tls = None;
        if implicit_tls {
            // Already inside TLS: the core neither offers STARTTLS nor forgets its trace
            // protocol (ESMTPS). Its greeting waits in rustls until the handshake is done.
            config.implicit_tls = true;
            tls = new_tls(shared);
        }
        if shared.options.verbose {
            eprintln!("{} connected", tag(id, peer));
        }
        let now = Instant::now();
        Self {
            id,
            tcp,
            peer,
            session: ServerSession::new(config),
            out: Vec::new(),
            handshake: tls.as_ref().map(|_| true),
            tls,
            start_tls: false,
            clock: Clock::new(shared.timeouts, now),
            // Registering reports input that came before it: no read is tried until then.
            readable: false,
            octets: 0,
            progress: false,
            stop_after_verdict: false,
            closing: None,
        }
    }

    fn tag(&self) -> String {
        tag(self.id, self.peer)
    }

    /// When this connection's wait ends; `None` while a message is being stored (the wait is
    /// the server's, not the client's).
    fn deadline(&self) -> Option<Instant> {
        match &self.closing {
            Some(c) => Some(c.until),
            None if self.session.awaits_verdict() => None,
            None => Some(self.clock.deadline()),
        }
    }

    fn has_unsent(&self) -> bool {
        !self.out.is_empty() || self.tls.as_ref().is_some_and(|t| t.wants_write())
    }

    /// One turn: handles the session's events, sends its output, reads while it may, until
    /// the socket would block, the output cannot all be sent, or the turn's reads are used.
    fn drive(&mut self, token: usize, ctx: &Ctx, buf: &mut [u8]) -> io::Result<Turn> {
        let mut reads = 0;
        loop {
            if self.closing.is_some() {
                return self.linger(buf);
            }
            self.progress |= self.events(token, ctx);
            self.queue_output()?;
            if !self.flush()? {
                return Ok(Turn::Wait);
            }
            let now = Instant::now();
            if self.session.is_closed() {
                if let Some(tls) = &mut self.tls {
                    tls.send_close_notify();
                }
                self.closing = Some(Closing {
                    until: now + LINGER,
                    budget: LINGER_OCTETS,
                    shut: false,
                });
                continue;
            }
            if std::mem::take(&mut self.start_tls) {
                // The 220 to STARTTLS is out: the handshake follows on the same socket, and the
                // session goes on inside TLS (RFC 3207 §4). Bytes the client sent after
                // STARTTLS in the same read were discarded by the core.
                self.tls = new_tls(&ctx.shared);
                if self.tls.is_none() {
                    return Ok(Turn::Done);
                }
                self.handshake = Some(false);
                self.clock.restart(now);
                continue;
            }
            let in_content =
                self.session.state() == State::Data || self.session.chunk_remaining().is_some();
            let octets = std::mem::take(&mut self.octets);
            let progress = std::mem::take(&mut self.progress);
            self.clock.update(now, octets, in_content, progress);
            if self.session.awaits_verdict() {
                // Its input is held by the core until the store answers: read no more.
                return Ok(Turn::Wait);
            }
            if reads == READS_PER_TURN {
                // Under TLS, rustls may hold plaintext even when the socket is drained.
                return Ok(if self.readable || self.tls.is_some() {
                    Turn::Again
                } else {
                    Turn::Wait
                });
            }
            match self.read(buf, &ctx.shared)? {
                Input::Bytes(n) => {
                    reads += 1;
                    self.octets = n;
                    if let Some(bytes) = buf.get(..n) {
                        self.session.receive(bytes);
                    }
                }
                Input::None => return Ok(Turn::Wait),
                Input::End => {
                    if ctx.shared.options.verbose {
                        eprintln!("{} client closed the connection", self.tag());
                    }
                    return Ok(Turn::Done);
                }
            }
        }
    }

    /// Logs the session's events if asked, hands each received message to the store, and
    /// says whether a command line was read or a reply sent (the command timer restarts).
    fn events(&mut self, token: usize, ctx: &Ctx) -> bool {
        let options = &ctx.shared.options;
        let mut progress = false;
        while let Some(event) = self.session.poll_event() {
            if options.verbose {
                log_event(&self.tag(), &event);
            }
            match event {
                Event::Command { .. } | Event::Reply { .. } => progress = true,
                Event::StartTls => self.start_tls = true,
                Event::MessageReceived(message) => self.store(token, ctx, message),
                _ => {}
            }
        }
        progress
    }

    /// RFC 5321 §6.1: a 250 is a promise. Without a store the message is dropped and answered
    /// at once; with one, a store thread writes it and the verdict comes back by the mailbox.
    fn store(&mut self, token: usize, ctx: &Ctx, message: Message) {
        let queue_id = ctx.shared.options.queue_ids.next();
        let Some(jobs) = &ctx.jobs else {
            // No --store: nothing to write, the message is accepted and dropped.
            self.session.accept_message(&queue_id);
            return;
        };
        let job = Job {
            mailbox: ctx.mailbox.clone(),
            token,
            conn: self.id,
            message,
            queue_id,
            hostname: self.session.config().hostname.clone(),
            peer: self.peer.ip(),
            tag: self.tag(),
        };
        if let Err(mpsc::SendError(job)) = jobs.send(job) {
            // The store threads are gone (they never end while the server runs).
            eprintln!("{} could not store message {}", job.tag, job.queue_id);
            self.session.refuse_message(StoreFailure::Local);
        }
    }

    /// Moves the session's output to the transport: the unsent bytes, or rustls.
    fn queue_output(&mut self) -> io::Result<()> {
        let out = self.session.take_output();
        if out.is_empty() {
            return Ok(());
        }
        match &mut self.tls {
            Some(tls) => tls.writer().write_all(&out),
            None if self.out.is_empty() => {
                self.out = out;
                Ok(())
            }
            None => {
                self.out.extend_from_slice(&out);
                Ok(())
            }
        }
    }

    /// Writes what is unsent; true once nothing is left.
    fn flush(&mut self) -> io::Result<bool> {
        while !self.out.is_empty() {
            match self.tcp.write(&self.out) {
                Ok(0) => return Err(io::ErrorKind::WriteZero.into()),
                Ok(n) if n == self.out.len() => {
                    if self.out.capacity() > OUTPUT_BUFFER_KEEP {
                        self.out = Vec::new();
                    } else {
                        self.out.clear();
                    }
                }
                Ok(n) => {
                    self.out.drain(..n);
                }
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => return Ok(false),
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
        if let Some(tls) = &mut self.tls {
            while tls.wants_write() {
                match tls.write_tls(&mut self.tcp) {
                    Ok(0) => return Err(io::ErrorKind::WriteZero.into()),
                    Ok(_) => {}
                    Err(e) if e.kind() == io::ErrorKind::WouldBlock => return Ok(false),
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                    Err(e) => return Err(e),
                }
            }
        }
        Ok(true)
    }

    /// Reads what the client sent: plain bytes, or TLS records decrypted into `buf`.
    fn read(&mut self, buf: &mut [u8], shared: &Shared) -> io::Result<Input> {
        let Some(tls) = &mut self.tls else {
            if !self.readable {
                return Ok(Input::None);
            }
            return match self.tcp.read(buf) {
                Ok(0) => Ok(Input::End),
                Ok(n) => Ok(Input::Bytes(n)),
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => {
                    self.readable = false;
                    Ok(Input::None)
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => Ok(Input::Bytes(0)),
                Err(e) => Err(e),
            };
        };
        loop {
            // Plaintext rustls already holds first: it may hold some while the socket is quiet.
            match tls.reader().read(buf) {
                Ok(0) => return Ok(Input::End),
                Ok(n) => return Ok(Input::Bytes(n)),
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => {}
                Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => return Ok(Input::End),
                Err(e) => return Err(e),
            }
            if !self.readable {
                return Ok(Input::None);
            }
            match tls.read_tls(&mut self.tcp) {
                Ok(_) => {}
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => {
                    self.readable = false;
                    return Ok(Input::None);
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            }
            if let Err(e) = tls.process_new_packets() {
                // The alert that says why goes out before the close.
                let _ = tls.write_tls(&mut self.tcp);
                return Err(io::Error::other(e));
            }
            if let Some(implicit) = self.handshake {
                if !tls.is_handshaking() {
                    self.handshake = None;
                    self.clock.restart(Instant::now());
                    if shared.options.verbose {
                        let how = if implicit { "implicit" } else { "STARTTLS" };
                        eprintln!("{} TLS established ({how})", tag(self.id, self.peer));
                    }
                }
            }
            if tls.wants_write() {
                // Handshake messages to send before anything more can come.
                return Ok(Input::Bytes(0));
            }
        }
    }

    /// After the last reply: sends what is left, then the FIN, then drops what comes in until
    /// the client closes, the budget is spent or the sweep ends the linger.
    fn linger(&mut self, buf: &mut [u8]) -> io::Result<Turn> {
        if !self.flush()? {
            return Ok(Turn::Wait);
        }
        let Some(closing) = &mut self.closing else {
            return Ok(Turn::Done);
        };
        if !closing.shut {
            closing.shut = true;
            let _ = self.tcp.shutdown(Shutdown::Write);
        }
        loop {
            match self.tcp.read(buf) {
                Ok(0) => return Ok(Turn::Done),
                Ok(n) => {
                    closing.budget = closing.budget.saturating_sub(n);
                    if closing.budget == 0 {
                        return Ok(Turn::Done);
                    }
                }
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => return Ok(Turn::Wait),
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(_) => return Ok(Turn::Done),
            }
        }
    }
}

/// What one read gave.
enum Input {
    /// Octets in the buffer (0: TLS made progress, nothing for the session yet).
    Bytes(usize),
    /// Nothing now.
    None,
    /// The client closed its side.
    End,
}

/// A TLS server connection for one session; `None` (logged) if rustls refuses to make one.
/// Its plaintext buffers are not capped by rustls: back-pressure bounds them (a session is not
/// read while output is unsent).
fn new_tls(shared: &Shared) -> Option<Box<ServerConnection>> {
    match ServerConnection::new(shared.tls.clone()) {
        Ok(mut c) => {
            c.set_buffer_limit(None);
            Some(Box::new(c))
        }
        Err(e) => {
            eprintln!("smtp-sim: TLS: {}", term::untrusted(&e.to_string()));
            None
        }
    }
}
