//! `smtp-sim send`: drives the client core over TCP against a real SMTP server and prints the
//! annotated transcript on stdout (see [`crate::transcript`]). Errors about the command line and
//! the connection go to stderr.
//!
//! Exit code: 0 when at least one recipient accepted the message, 1 otherwise, 2 on bad usage.

use std::io::{Read, Write};
use std::net::{TcpStream, ToSocketAddrs};
use std::process::ExitCode;
use std::time::{Duration, SystemTime};

use smtp_sim_core::client::{compose_message, ClientConfig, ClientSession, Envelope, Outcome};
use smtp_sim_core::sim::Side;
use smtp_sim_explain::Lang;

use crate::transcript::Transcript;
use crate::{language, seconds, Failure};

/// The arguments of `smtp-sim send` (their help is on the subcommand).
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The server to connect to
    #[arg(long, value_name = "HOST:PORT")]
    server: String,
    /// The envelope sender, MAIL FROM ("" for the null sender)
    #[arg(long, value_name = "ADDR", value_parser = no_controls)]
    from: String,
    /// An envelope recipient, RCPT TO (repeat for more)
    #[arg(long, value_name = "ADDR", required = true, value_parser = no_controls)]
    to: Vec<String>,
    /// Write headers; FILE becomes the body
    #[arg(long, value_name = "TEXT", value_parser = no_controls)]
    subject: Option<String>,
    /// The name given in EHLO/HELO
    #[arg(long, value_name = "NAME", default_value = "localhost", value_parser = no_controls)]
    helo: String,
    /// Connect and per-reply timeout, in seconds
    #[arg(long, value_name = "SECS", default_value = "30", value_parser = seconds)]
    timeout: Duration,
    /// Wait for each reply even when PIPELINING is advertised
    #[arg(long)]
    no_pipelining: bool,
    /// Send the message with BDAT when CHUNKING is advertised
    #[arg(long)]
    chunking: bool,
    /// The language of the client's notes and rules: en or pt-BR
    #[arg(long, value_name = "LANG", default_value = "en", value_parser = language)]
    lang: Lang,
    /// The message file, or - for stdin
    #[arg(value_name = "FILE")]
    file: Option<String>,
}

/// Addresses, names and subjects go on the wire as they are: no line breaks or controls.
fn no_controls(value: &str) -> Result<String, String> {
    if value.chars().any(char::is_control) {
        Err("cannot hold line breaks or control characters".into())
    } else {
        Ok(value.to_owned())
    }
}

/// Largest amount of reply bytes read in one session; a server that talks more is cut off.
const MAX_REPLY_BYTES: usize = 1 << 20;

/// Runs `smtp-sim send`.
pub fn run(a: Args) -> Result<ExitCode, Failure> {
    let body = read_file(a.file.as_deref()).map_err(Failure::Usage)?;
    let message = match &a.subject {
        Some(subject) => {
            let date = crate::store::rfc5322_date(SystemTime::now());
            compose_message(&a.from, &a.to, subject, Some(&date), &body)
        }
        None => body,
    };
    let config = ClientConfig {
        hostname: a.helo.clone(),
        pipelining: !a.no_pipelining,
        chunking: a.chunking,
        ..ClientConfig::default()
    };
    let envelope = Envelope {
        reverse_path: a.from.clone(),
        recipients: a.to.clone(),
    };
    let mut client = ClientSession::new(config, envelope, &message);
    let stream = connect(&a.server, a.timeout)
        .map_err(|e| Failure::Runtime(format!("send: cannot connect to {}: {e}", a.server)))?;
    let outcome = drive(&mut client, stream, a.lang, std::io::stdout().lock());
    Ok(if outcome.any_delivered() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

fn read_file(file: Option<&str>) -> Result<Vec<u8>, String> {
    match file {
        None => Ok(Vec::new()),
        Some("-") => {
            let mut b = Vec::new();
            std::io::stdin()
                .read_to_end(&mut b)
                .map_err(|e| format!("send: cannot read stdin: {e}"))?;
            Ok(b)
        }
        Some(path) => std::fs::read(path).map_err(|e| format!("send: cannot read {path}: {e}")),
    }
}

fn connect(server: &str, timeout: Duration) -> std::io::Result<TcpStream> {
    let mut last = None;
    for addr in server.to_socket_addrs()? {
        match TcpStream::connect_timeout(&addr, timeout) {
            Ok(s) => {
                s.set_read_timeout(Some(timeout))?;
                s.set_write_timeout(Some(timeout))?;
                return Ok(s);
            }
            Err(e) => last = Some(e),
        }
    }
    Err(last.unwrap_or_else(|| std::io::Error::other("no address found")))
}

/// Runs the session over the stream, printing the transcript; returns the outcome.
fn drive(
    client: &mut ClientSession,
    mut stream: TcpStream,
    lang: Lang,
    out: impl Write,
) -> Outcome {
    let mut t = Transcript::new(out, lang);
    let mut buf = [0u8; 8192];
    let mut received = 0usize;
    loop {
        while let Some(e) = client.poll_event() {
            t.client_event(&e);
        }
        let bytes = client.take_output();
        if !bytes.is_empty() {
            t.wire(Side::Client, &bytes);
            if let Err(e) = stream.write_all(&bytes) {
                t.note(&format!("write failed: {e}"));
                client.connection_closed();
            }
        }
        if client.is_closed() {
            break;
        }
        match stream.read(&mut buf) {
            Ok(0) => {
                t.note("the server closed the connection");
                client.connection_closed();
            }
            Ok(n) => {
                received += n;
                t.wire(Side::Server, &buf[..n]);
                client.receive(&buf[..n]);
                if received > MAX_REPLY_BYTES && !client.is_closed() {
                    t.note(&format!(
                        "the server sent over {MAX_REPLY_BYTES} octets of replies; giving up"
                    ));
                    client.connection_closed();
                }
            }
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) =>
            {
                client.timeout();
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => {
                t.note(&format!("read failed: {e}"));
                client.connection_closed();
            }
        }
    }
    t.flush_wire();
    while let Some(e) = client.poll_event() {
        t.client_event(&e);
    }
    let outcome = client.outcome();
    t.summary(&outcome);
    let _ = stream.shutdown(std::net::Shutdown::Both);
    outcome
}
