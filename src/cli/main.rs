//! The `smtp-sim` command line: the native adapter around the core and the catalogue. Only this
//! binary touches sockets, files and the terminal; each subcommand has a file of its own here.
//!
//! One parser (clap, derive) reads every subcommand. A wrong flag or value is one line on stderr
//! and exit code 2; a failure at run time is one line and exit code 1. Every text that came from
//! outside is printed through [`term::untrusted`].

use std::io::{self, Write};
use std::net::IpAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::SystemTime;

use clap::{Parser, Subcommand, ValueEnum};
use smtp_sim_core::server::{Event, Persona, ServerConfig, ServerSession, StoreFailure};
use smtp_sim_explain::Lang;

mod demo;
mod explain;
mod lesson;
mod send;
mod serve;
mod share;
mod shutdown;
mod stdio;
mod store;
mod term;
mod tls;
mod transcript;

/// An SMTP simulator: a server for real clients, a client for real servers, and the reference
/// of every reply code.
#[derive(Parser, Debug)]
#[command(
    name = "smtp-sim",
    version,
    after_help = "Run 'smtp-sim COMMAND --help' for a command's options."
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// One SMTP server session on stdin/stdout (like sendmail -bs).
    ///
    /// The greeting comes first; each reply is written with CRLF and flushed as soon as the input
    /// that caused it has been read. Only SMTP bytes go to stdout; diagnostics go to stderr. Exits 0
    /// after the session closes (221 to QUIT, or 421) or at the end of input. SIGTERM or SIGINT
    /// ends the session with 421 4.3.2 and exit 0.
    ///
    /// STARTTLS here is simulated: the 220 and the RFC 3207 state reset happen, but no TLS follows
    /// (stdin and stdout carry no handshake). `serve` does real TLS.
    Stdio(stdio::Args),
    /// An SMTP server for real clients (swaks, curl, Python's smtplib, …).
    ///
    /// Prints a line containing 'listening on ADDR' on stdout once it accepts connections (with
    /// port 0 the address shows the port the system chose); with --tls-port a second such line
    /// ends with '(implicit TLS)'. Runs until SIGTERM or SIGINT: then every open session gets
    /// 421 4.3.2 (RFC 5321 §3.8) and the server exits 0.
    ///
    /// STARTTLS is real here (rustls): the certificate comes from --cert/--key, or is generated
    /// at start-up, self-signed for --hostname, so clients must be told not to verify it (curl -k,
    /// swaks --tls-verify off by default, smtplib with an unverified context).
    Serve(serve::Args),
    /// Deliver one message to a real SMTP server and print the annotated transcript on stdout.
    ///
    /// FILE (or - for stdin) is the whole message, headers and body, sent as it is (line ends
    /// become CRLF, leading dots are doubled on the wire). With --subject, FILE is only the body and
    /// the command writes From, To, Subject and Date headers. Without FILE the body is empty.
    ///
    /// Exit status: 0 when at least one recipient accepted the message, 1 otherwise, 2 on bad
    /// usage.
    Send(send::Args),
    /// A whole simulated SMTP session, client and server, on screen.
    ///
    /// The simulated client delivers a message to the simulated server, and every line on the
    /// wire is shown with the rule each side applied.
    Demo(demo::Args),
    /// What an SMTP reply means.
    ///
    /// Give a reply code (354), an enhanced status code (5.7.1), a whole reply line quoted
    /// ('550 5.1.1 <bob@example.test>: Recipient address rejected'), or - to read a reply (one line
    /// or several) from stdin.
    Explain(explain::ExplainArgs),
    /// Two reply codes side by side.
    ///
    /// Shows each code's class, category, description, when you see it and what the client does
    /// next, then the key differences and when to use which (with a note for pairs people often
    /// confuse).
    Compare(explain::CompareArgs),
    /// Check lessons, or turn a recorded session into one (docs/lesson-format.md).
    ///
    /// 'lesson check FILE…' parses each lesson (or transcript, or lessons/index.txt and its
    /// lessons), plays its solution, and proves that an idle learner and one missing a step's
    /// last action do not pass; it warns about missing translations. 'lesson skeleton
    /// TRANSCRIPT' prints a lesson made from a %smtp-transcript 1 file.
    Lesson(lesson::Args),
    /// Print the share link of a recorded session.
    ///
    /// FILE (or - for stdin) is a transcript in any form the page imports: our export, a C:/S:
    /// listing, swaks output, a telnet/nc capture or Python smtplib's debug output. It is written
    /// as our canonical transcript (AUTH secrets redacted unless --credentials) and packed into
    /// BASE#s=1.<codec>.<payload>, the link the page makes for the same session. BASE is the
    /// page: index.html unless --base names the site's URL. A link over 2,000 characters gets a
    /// warning on stderr; over 32,000, the advice to share the file instead.
    Link(share::LinkArgs),
    /// Replay a share link in the terminal, marking every reply that drifted.
    ///
    /// Decodes the link (a whole URL, the part after #s=, or - for stdin), replays what the
    /// client sent through this engine, and prints the transcript with this engine's replies; a
    /// reply that differs from the recording gets a '! drift' line. Exit status: 0 when nothing
    /// drifted, 1 when something did, 2 when the link does not decode.
    Open(share::OpenArgs),
}

fn main() -> ExitCode {
    // A panic message may quote input (a slice of a typed word): it is printed escaped too.
    std::panic::set_hook(Box::new(|info| {
        eprintln!(
            "smtp-sim: internal error, please report it: {}",
            term::untrusted(&info.to_string())
        );
    }));
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return clap_error(e),
    };
    let result = match cli.command {
        None => {
            use clap::CommandFactory;
            let _ = writeln!(io::stdout(), "{}", Cli::command().render_help());
            return ExitCode::SUCCESS;
        }
        Some(Command::Stdio(a)) => stdio::run(a),
        Some(Command::Serve(a)) => serve::run(a),
        Some(Command::Send(a)) => send::run(a),
        Some(Command::Demo(a)) => demo::run(a),
        Some(Command::Explain(a)) => explain::explain(a),
        Some(Command::Compare(a)) => explain::compare(a),
        Some(Command::Lesson(a)) => lesson::run(a),
        Some(Command::Link(a)) => share::link(a),
        Some(Command::Open(a)) => share::open(a),
    };
    match result {
        Ok(code) => code,
        Err(Failure::Usage(msg)) => {
            eprintln!("smtp-sim: {} (see --help)", term::untrusted(&msg));
            ExitCode::from(2)
        }
        Err(Failure::Runtime(msg)) => {
            eprintln!("smtp-sim: {}", term::untrusted(&msg));
            ExitCode::FAILURE
        }
    }
}

/// Prints a parse error as one line on stderr (exit 2), or help and version on stdout (exit 0).
///
/// clap's own rendering spans several lines (the error, a tip, the usage, a pointer to
/// `--help`); the error and its tip are joined into one line, the rest is left to `--help`.
/// The line quotes what was typed, so it goes through [`term::untrusted`].
fn clap_error(e: clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    if matches!(
        e.kind(),
        ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    ) {
        let _ = write!(io::stdout(), "{}", e.render());
        return ExitCode::SUCCESS;
    }
    eprintln!(
        "smtp-sim: {}",
        term::untrusted(&one_line(&e.render().to_string()))
    );
    ExitCode::from(2)
}

/// clap's multi-line error as one line: its lines up to the usage, trimmed, joined by "; ".
fn one_line(rendered: &str) -> String {
    let parts: Vec<&str> = rendered
        .lines()
        .map(str::trim)
        .take_while(|l| !l.starts_with("Usage:") && !l.starts_with("For more information"))
        .filter(|l| !l.is_empty())
        .map(|l| l.strip_prefix("error: ").unwrap_or(l))
        .collect();
    let mut line = parts.join("; ").replace(":;", ":");
    line.push_str(" (see --help)");
    line
}

/// Why a subcommand stopped early; each maps to an exit code.
#[derive(Debug)]
pub enum Failure {
    /// Bad flags or values found after parsing (a non-loopback `--listen`): exit 2.
    Usage(String),
    /// Something failed at run time (bind, stdin, the store): exit 1.
    Runtime(String),
}

/// A subcommand's outcome: its exit code, or why it stopped.
pub type Outcome = Result<ExitCode, Failure>;

/// `--persona`: how line endings and the end of data are read.
#[derive(Clone, Copy, Debug, Default, ValueEnum)]
pub enum PersonaArg {
    /// RFC 5321: a bare LF gets 550 (Postfix's smtpd_forbid_bare_newline = reject)
    #[default]
    Strict,
    /// A bare LF reads as CRLF; data ends only at CRLF.CRLF (Postfix's default, normalize)
    Lenient,
    /// A dot line next to a bare LF also ends data: open to SMTP smuggling (for the lesson)
    Vulnerable,
}

impl From<PersonaArg> for Persona {
    fn from(p: PersonaArg) -> Self {
        match p {
            PersonaArg::Strict => Persona::Strict,
            PersonaArg::Lenient => Persona::Lenient,
            PersonaArg::Vulnerable => Persona::Vulnerable,
        }
    }
}

/// Options every server-side subcommand takes.
#[derive(clap::Args, Clone, Debug)]
pub struct SessionArgs {
    /// How line endings and the end of data are read
    #[arg(long, value_enum, default_value_t = PersonaArg::Strict)]
    persona: PersonaArg,
    /// The server's name in its greeting, replies and trace headers
    #[arg(long, value_name = "NAME", default_value = "mx.example.test", value_parser = hostname)]
    hostname: String,
    /// Write each message to DIR as its own .eml file (Return-Path and Received headers, then
    /// the message as received) before answering 250; a failed write is answered 451 4.3.0
    /// (452 4.3.1 when there is no room) and the client keeps the message. DIR must be writable
    /// at start-up
    #[arg(long, value_name = "DIR")]
    store: Option<PathBuf>,
    /// Do not advertise STARTTLS
    #[arg(long)]
    no_starttls: bool,
    /// Print each session's commands, replies and events to stderr
    #[arg(short, long)]
    verbose: bool,
}

/// What every session of a run shares: its configuration, the log switch and the store.
#[derive(Debug)]
pub struct SessionOptions {
    /// The configuration each session starts with.
    pub config: ServerConfig,
    /// Print each session's events to stderr.
    pub verbose: bool,
    /// Where accepted messages are written, if anywhere.
    pub store: Option<store::Store>,
    /// Queue ids, unique in this run.
    pub queue_ids: store::QueueIds,
}

impl SessionArgs {
    /// The options, with the store opened (and checked writable) if one was given.
    pub fn open(self) -> Result<SessionOptions, Failure> {
        let config = ServerConfig {
            hostname: self.hostname,
            persona: self.persona.into(),
            extensions: smtp_sim_core::server::Extensions {
                starttls: !self.no_starttls,
                ..Default::default()
            },
            ..ServerConfig::default()
        };
        let store = match self.store {
            Some(dir) => Some(
                store::Store::open(&dir)
                    .map_err(|e| Failure::Runtime(format!("--store {}: {e}", dir.display())))?,
            ),
            None => None,
        };
        Ok(SessionOptions {
            config,
            verbose: self.verbose,
            store,
            queue_ids: store::QueueIds::new(SystemTime::now()),
        })
    }
}

/// `--hostname`: a domain name (RFC 1035 §2.3.1 letters, digits, hyphens and dots), as the
/// server names itself in the greeting (RFC 5321 §4.1.1.1); it goes into trace headers, so no
/// spaces or controls.
fn hostname(name: &str) -> Result<String, String> {
    let ok = !name.is_empty()
        && name.len() <= 255
        && name.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && label
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-')
                && !label.starts_with('-')
                && !label.ends_with('-')
        });
    if ok {
        Ok(name.to_owned())
    } else {
        Err("must be a domain name like mx.example.test".into())
    }
}

/// `--lang`: en or pt-BR (also pt, pt_BR, en-US …).
pub fn language(tag: &str) -> Result<Lang, String> {
    Lang::parse(tag).ok_or_else(|| "takes en or pt-BR".into())
}

/// A number of seconds above 0.
pub fn seconds(value: &str) -> Result<std::time::Duration, String> {
    match value.parse::<u64>() {
        Ok(n) if n > 0 => Ok(std::time::Duration::from_secs(n)),
        _ => Err("must be a whole number of seconds above 0".into()),
    }
}

/// A count above 0.
pub fn positive(value: &str) -> Result<usize, String> {
    match value.parse::<usize>() {
        Ok(n) if n > 0 => Ok(n),
        _ => Err("must be a whole number above 0".into()),
    }
}

/// What [`drain_events`] saw that the adapter acts on.
#[derive(Clone, Copy, Debug, Default)]
pub struct Drained {
    /// A command line was read or a reply sent: the command timer restarts.
    pub progress: bool,
    /// The 220 to STARTTLS was queued: once it is sent, the TLS handshake follows.
    pub start_tls: bool,
}

/// Handles what the session did since the last call: logs events if asked, and gives each
/// received message its verdict. RFC 5321 §6.1: a 250 is a promise, so the message is stored
/// first and answered `250 … queued as <id>` only once its file is written; a failed store is
/// answered `451 4.3.0`, or `452 4.3.1` when there is no room.
pub fn drain_events(
    session: &mut ServerSession,
    options: &SessionOptions,
    peer: Option<IpAddr>,
    tag: &str,
) -> Drained {
    let mut seen = Drained::default();
    while let Some(event) = session.poll_event() {
        if options.verbose {
            log_event(tag, &event);
        }
        match &event {
            Event::Command { .. } | Event::Reply { .. } => seen.progress = true,
            Event::StartTls => seen.start_tls = true,
            Event::MessageReceived(message) => {
                let id = options.queue_ids.next();
                let hostname = session.config().hostname.clone();
                match store_verdict(options, message, &id, &hostname, peer, tag) {
                    Ok(()) => session.accept_message(&id),
                    Err(failure) => session.refuse_message(failure),
                }
            }
            _ => {}
        }
    }
    seen
}

/// The verdict on a received message: `Ok` once it is in the `--store` directory (or at once
/// without a store), or why it could not be stored, logged on stderr. RFC 5321 §6.1: the
/// caller answers 250 only on `Ok`; a failure is answered `451 4.3.0`, or `452 4.3.1` when
/// there is no room (RFC 3463 §3.4).
pub fn store_verdict(
    options: &SessionOptions,
    message: &smtp_sim_core::server::Message,
    queue_id: &str,
    hostname: &str,
    peer: Option<IpAddr>,
    tag: &str,
) -> Result<(), StoreFailure> {
    store_message(options, message, queue_id, hostname, peer, tag).map_err(|e| {
        let full = store::is_full(&e);
        let kind = if full { "no room" } else { "failed" };
        eprintln!(
            "{tag} could not store message {queue_id} ({kind}): {}",
            term::untrusted(&e.to_string())
        );
        if full {
            StoreFailure::Full
        } else {
            StoreFailure::Local
        }
    })
}

/// Writes a message to the `--store` directory, if there is one, and logs where.
fn store_message(
    options: &SessionOptions,
    message: &smtp_sim_core::server::Message,
    queue_id: &str,
    hostname: &str,
    peer: Option<IpAddr>,
    tag: &str,
) -> io::Result<()> {
    let Some(store) = &options.store else {
        return Ok(());
    };
    let delivery = store::Delivery {
        hostname,
        peer,
        id: queue_id,
        time: SystemTime::now(),
    };
    let path = store.save(message, &delivery)?;
    if options.verbose {
        eprintln!(
            "{tag} stored {}",
            term::untrusted(&path.display().to_string())
        );
    }
    Ok(())
}

/// One line on stderr for an event, when `--verbose` asks for it.
pub fn log_event(tag: &str, event: &Event) {
    use term::untrusted;
    match event {
        Event::Command { line, .. } => eprintln!("{tag} C: {}", untrusted(line)),
        Event::Reply { reply, .. } => {
            for line in String::from_utf8_lossy(&reply.to_bytes()).lines() {
                eprintln!("{tag} S: {}", untrusted(line));
            }
        }
        Event::StateChanged { from, to } => eprintln!("{tag} state {from:?} -> {to:?}"),
        Event::StartTls => eprintln!("{tag} STARTTLS accepted"),
        Event::MessageReceived(m) => eprintln!(
            "{tag} received message from <{}> for {} recipient(s), {} octets",
            untrusted(&m.reverse_path),
            m.recipients.len(),
            m.content.len()
        ),
        Event::Warning(w) => eprintln!("{tag} warning: {}", untrusted(&format!("{w:?}"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostnames_are_domain_names() {
        assert!(hostname("mx.example.test").is_ok());
        assert!(hostname("localhost").is_ok());
        for bad in ["", "a b", "a..b", "-a.b", "a\r\nb", "x.", "é.test"] {
            assert!(hostname(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn languages_never_reach_the_catalogue_as_non_ascii() {
        assert_eq!(language("pt-BR"), Ok(Lang::PtBr));
        assert_eq!(language("en"), Ok(Lang::En));
        for bad in ["ené", ">JĪ", "fr", ""] {
            assert!(language(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn clap_errors_become_one_line() {
        let rendered = "error: unexpected argument '--listn' found\n\n  tip: a similar argument \
                        exists: '--listen'\n\nUsage: smtp-sim serve --listen <ADDR>\n\nFor more \
                        information, try '--help'.\n";
        assert_eq!(
            one_line(rendered),
            "unexpected argument '--listn' found; tip: a similar argument exists: '--listen' \
             (see --help)"
        );
        let missing = "error: the following required arguments were not provided:\n  --server \
                       <HOST:PORT>\n\nUsage: x\n";
        assert_eq!(
            one_line(missing),
            "the following required arguments were not provided: --server <HOST:PORT> (see \
             --help)"
        );
    }

    #[test]
    fn the_parser_is_consistent() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }
}
