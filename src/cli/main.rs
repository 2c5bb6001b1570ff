//! The `smtp-sim` command line: the native adapter around the core and the catalogue. Only this
//! binary touches sockets, files and the terminal; each subcommand has a file of its own here.

use std::net::IpAddr;
use std::process::ExitCode;
use std::time::SystemTime;

use smtp_sim_core::server::{Event, Persona, ServerConfig, ServerSession, StoreFailure};

mod serve;
mod stdio;
mod store;

mod explain;

mod demo;
mod lesson;
mod send;

const USAGE: &str = "\
smtp-sim — an SMTP simulator

Usage:
  smtp-sim stdio [OPTIONS]       one server session on stdin/stdout (like sendmail -bs)
  smtp-sim serve [OPTIONS]       an SMTP server on loopback
  smtp-sim explain CODE [--lang en|pt-BR]
                                 what a reply means: 354, 5.7.1, or a whole reply line
                                 ('-' reads a multi-line reply from stdin; --command VERB)
  smtp-sim compare CODE CODE [--lang en|pt-BR]
                                 two reply codes side by side
  smtp-sim send [OPTIONS] [FILE] deliver a message to a real SMTP server, with a transcript
  smtp-sim demo [--fault …]      a whole simulated session, client and server, on screen
  smtp-sim lesson check FILE…    check lessons: parse, play the solution, test idle learners
  smtp-sim --help                this text

Run 'smtp-sim COMMAND --help' for a command's options.
";

fn main() -> ExitCode {
    run(std::env::args().skip(1).collect())
}

/// Runs the command line; the exit code is 0 on success, 1 on failure, 2 on bad usage.
pub fn run(args: Vec<String>) -> ExitCode {
    let mut args = args.into_iter();
    let command = args.next();
    let raw: Vec<String> = args.collect();
    let rest = Args::new(raw.clone());
    let result = match command.as_deref() {
        None | Some("-h" | "--help" | "help") => {
            print!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Some("stdio") => stdio::run(rest),
        Some("serve") => serve::run(rest),
        Some("explain") => return explain::explain(&raw),
        Some("compare") => return explain::compare_cmd(&raw),
        Some("send") => return send::run(&raw),
        Some("demo") => return demo::run(&raw),
        Some("lesson") => return lesson::run(&raw),
        Some(other) => Err(Failure::Usage(format!(
            "unknown command '{other}' (try 'smtp-sim --help')"
        ))),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Usage(msg)) => {
            eprintln!("smtp-sim: {msg}");
            ExitCode::from(2)
        }
        Err(Failure::Runtime(msg)) => {
            eprintln!("smtp-sim: {msg}");
            ExitCode::FAILURE
        }
    }
}

/// Why a subcommand stopped early; each maps to an exit code.
#[derive(Debug)]
pub enum Failure {
    /// Bad flags or values: exit 2 with one line on stderr.
    Usage(String),
    /// Something failed at run time (bind, stdin, …): exit 1.
    Runtime(String),
}

/// A subcommand's outcome.
pub type Outcome = Result<(), Failure>;

/// The arguments after the subcommand, read one option at a time.
pub struct Args {
    items: std::vec::IntoIter<String>,
    /// The value of the last `--flag=value`, waiting for [`Args::value`].
    pending: Option<String>,
}

impl Args {
    fn new(items: Vec<String>) -> Self {
        Self {
            items: items.into_iter(),
            pending: None,
        }
    }

    /// The next option name; `--flag=value` keeps its value for [`Args::value`].
    pub fn next_flag(&mut self) -> Option<String> {
        let item = self.items.next()?;
        if item.starts_with("--") {
            if let Some((flag, value)) = item.split_once('=') {
                self.pending = Some(value.to_owned());
                return Some(flag.to_owned());
            }
        }
        self.pending = None;
        Some(item)
    }

    /// The value of `flag`: after `=` or the next argument.
    pub fn value(&mut self, flag: &str) -> Result<String, Failure> {
        self.pending
            .take()
            .or_else(|| self.items.next())
            .ok_or_else(|| Failure::Usage(format!("{flag} needs a value")))
    }

    /// Fails when a flag that takes no value was given one (`--verbose=yes`).
    pub fn no_value(&mut self, flag: &str) -> Outcome {
        match self.pending.take() {
            Some(_) => Err(Failure::Usage(format!("{flag} takes no value"))),
            None => Ok(()),
        }
    }
}

/// Options every server-side subcommand takes.
#[derive(Clone, Debug, Default)]
pub struct SessionOptions {
    /// The configuration each session starts with.
    pub config: ServerConfig,
    /// Print each session's events to stderr.
    pub verbose: bool,
    /// `--store DIR`, until [`SessionOptions::open_store`] opens it.
    pub store_dir: Option<std::path::PathBuf>,
    /// Where accepted messages are written, if anywhere.
    pub store: Option<store::Store>,
}

impl SessionOptions {
    /// Takes `flag` if it is a session option; `Ok(false)` if it is not one.
    pub fn take(&mut self, flag: &str, args: &mut Args) -> Result<bool, Failure> {
        match flag {
            "--persona" => {
                let value = args.value(flag)?;
                self.config.persona = match value.as_str() {
                    "strict" => Persona::Strict,
                    "lenient" => Persona::Lenient,
                    "vulnerable" => Persona::Vulnerable,
                    _ => {
                        return Err(Failure::Usage(format!(
                            "--persona must be strict, lenient or vulnerable, not '{value}'"
                        )))
                    }
                };
            }
            "--hostname" => {
                let value = args.value(flag)?;
                if !is_hostname(&value) {
                    return Err(Failure::Usage(format!(
                        "--hostname must be a domain name like mx.example.test, not '{value}'"
                    )));
                }
                self.config.hostname = value;
            }
            "--store" => {
                self.store_dir = Some(args.value(flag)?.into());
            }
            "--no-starttls" => {
                args.no_value(flag)?;
                self.config.extensions.starttls = false;
            }
            "--verbose" | "-v" => {
                args.no_value(flag)?;
                self.verbose = true;
            }
            _ => return Ok(false),
        }
        Ok(true)
    }

    /// Opens (creating if needed) the `--store` directory, once all flags are read.
    pub fn open_store(&mut self) -> Outcome {
        if let Some(dir) = &self.store_dir {
            let store = store::Store::open(dir)
                .map_err(|e| Failure::Runtime(format!("--store {}: {e}", dir.display())))?;
            self.store = Some(store);
        }
        Ok(())
    }
}

/// The help text for the options of [`SessionOptions`].
pub const SESSION_OPTIONS_HELP: &str = "  --persona strict|lenient|vulnerable
                      how line endings and the end of data are read (default: strict)
                        strict      RFC 5321: a bare LF gets 550 (Postfix's
                                    smtpd_forbid_bare_newline = reject)
                        lenient     a bare LF reads as CRLF; data ends at CRLF.CRLF
                                    only (Postfix's default, normalize)
                        vulnerable  a bare-LF dot line also ends data, as before the
                                    2023 fixes: open to SMTP smuggling (for the lesson)
  --hostname NAME     the server's name in its greeting and trace headers
                      (default: mx.example.test)
  --no-starttls       do not advertise STARTTLS. The core only simulates it (RFC 3207 state
                      reset, no crypto), so a real client that upgrades when offered
                      (curl --ssl, swaks --tls-optional, nodemailer) fails its TLS handshake
  --store DIR         write each accepted message to DIR as its own .eml file:
                      Return-Path and Received headers, then the message as received
  -v, --verbose       print each session's commands, replies and events to stderr
";

/// Handles what the session did since the last call: logs events if asked and stores accepted
/// messages. Called before the session's output is sent, so a stored file exists by the time the
/// client reads its 250.
///
/// The core numbers messages within a session ("queued as 1"); the `Received:` id is that number
/// after `session_id`, which the caller makes unique to the process and the session.
pub fn drain_events(
    session: &mut ServerSession,
    options: &SessionOptions,
    peer: Option<IpAddr>,
    tag: &str,
    session_id: &str,
) {
    while let Some(event) = session.poll_event() {
        if options.verbose {
            log_event(tag, &event);
        }
        let Event::MessageReceived(message) = &event else {
            continue;
        };
        // RFC 5321 §6.1: store first, then promise with 250; a failed store is a 4yz.
        let id = format!("{session_id}.{}", message.id);
        let Some(store) = &options.store else {
            session.accept_message(&id);
            continue;
        };
        let delivery = store::Delivery {
            hostname: &session.config().hostname,
            peer,
            id: &id,
            time: SystemTime::now(),
        };
        match store.save(message, &delivery) {
            Ok(path) => {
                if options.verbose {
                    eprintln!("{tag} stored {}", path.display());
                }
                session.accept_message(&id);
            }
            Err(e) => {
                eprintln!("{tag} could not store message {id}: {e}");
                session.refuse_message(if e.kind() == std::io::ErrorKind::StorageFull {
                    StoreFailure::Full
                } else {
                    StoreFailure::Local
                });
            }
        }
    }
}

/// A domain name (RFC 1035 §2.3.1 letters, digits, hyphens and dots), as the server names itself
/// in the greeting (RFC 5321 §4.1.1.1): it goes into trace headers, so no spaces or controls.
fn is_hostname(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 255
        && name.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && label
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-')
                && !label.starts_with('-')
                && !label.ends_with('-')
        })
}

/// One line on stderr for an event, when `--verbose` asks for it.
pub fn log_event(tag: &str, event: &Event) {
    match event {
        Event::Command { line, .. } => eprintln!("{tag} C: {}", line.escape_debug()),
        Event::Reply { reply, .. } => {
            for line in String::from_utf8_lossy(&reply.to_bytes()).lines() {
                eprintln!("{tag} S: {line}");
            }
        }
        Event::StateChanged { from, to } => eprintln!("{tag} state {from:?} -> {to:?}"),
        Event::StartTls => eprintln!("{tag} STARTTLS: TLS is simulated here"),
        Event::MessageReceived(m) => eprintln!(
            "{tag} received message from <{}> for {} recipient(s), {} octets",
            m.reverse_path,
            m.recipients.len(),
            m.content.len()
        ),
        Event::Warning(w) => eprintln!("{tag} warning: {w:?}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(items: &[&str]) -> Args {
        Args::new(items.iter().map(|s| s.to_string()).collect())
    }

    #[test]
    fn flags_take_values_after_equals_or_as_next_argument() {
        let mut a = args(&["--listen=127.0.0.1:0", "--store", "dir", "--verbose"]);
        assert_eq!(a.next_flag().as_deref(), Some("--listen"));
        assert_eq!(a.value("--listen").unwrap(), "127.0.0.1:0");
        assert_eq!(a.next_flag().as_deref(), Some("--store"));
        assert_eq!(a.value("--store").unwrap(), "dir");
        assert_eq!(a.next_flag().as_deref(), Some("--verbose"));
        assert!(a.no_value("--verbose").is_ok());
        assert!(a.next_flag().is_none());
    }

    #[test]
    fn a_missing_value_is_a_usage_error() {
        let mut a = args(&["--store"]);
        a.next_flag();
        assert!(matches!(a.value("--store"), Err(Failure::Usage(_))));
    }

    #[test]
    fn session_options_check_their_values() {
        let mut o = SessionOptions::default();
        let mut a = args(&["--persona", "lenient", "--hostname", "bad name"]);
        let f = a.next_flag().unwrap();
        assert!(o.take(&f, &mut a).unwrap());
        assert_eq!(o.config.persona, Persona::Lenient);
        let f = a.next_flag().unwrap();
        assert!(matches!(o.take(&f, &mut a), Err(Failure::Usage(_))));
        let mut a = args(&["--persona=loose"]);
        let f = a.next_flag().unwrap();
        assert!(matches!(o.take(&f, &mut a), Err(Failure::Usage(_))));
    }

    #[test]
    fn hostnames_are_domain_names() {
        assert!(is_hostname("mx.example.test"));
        assert!(is_hostname("localhost"));
        for bad in ["", "a b", "a..b", "-a.b", "a\r\nb", "x.", "é.test"] {
            assert!(!is_hostname(bad), "{bad:?}");
        }
    }
}
