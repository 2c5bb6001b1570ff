//! `smtp-sim send`: drives the client core over TCP against a real SMTP server and prints the
//! annotated transcript on stdout (`S:` server lines, `C:` client lines, `~` the client's
//! reasoning). Errors about the command line and the connection go to stderr.
//!
//! Exit code: 0 when at least one recipient accepted the message, 1 otherwise, 2 on bad usage.

use std::io::{Read, Write};
use std::net::{TcpStream, ToSocketAddrs};
use std::process::ExitCode;
use std::time::{Duration, SystemTime};

use smtp_sim_core::client::{
    compose_message, ClientConfig, ClientSession, Envelope, EventKind, Outcome,
};
use smtp_sim_explain::{self as catalog, Lang};

const USAGE: &str = "\
Usage: smtp-sim send --server HOST:PORT --from ADDR --to ADDR [--to ADDR ...] [OPTIONS] [FILE|-]

Delivers one message to a real SMTP server and prints the annotated transcript on stdout.
FILE (or - for stdin) is the whole message, headers and body, sent as it is (line ends become
CRLF, leading dots are doubled on the wire). With --subject, FILE is only the body and the
command writes From, To, Subject and Date headers. Without FILE the body is empty.

Options:
  --server HOST:PORT   the server to connect to (required)
  --from ADDR          the envelope sender, MAIL FROM (required; \"\" for the null sender)
  --to ADDR            an envelope recipient, RCPT TO (at least one; repeat for more)
  --subject TEXT       write headers; FILE becomes the body
  --helo NAME          the name given in EHLO/HELO (default: localhost)
  --timeout SECS       connect and per-reply timeout (default: 30)
  --no-pipelining      wait for each reply even when PIPELINING is advertised
  --chunking           send the message with BDAT when CHUNKING is advertised
  --lang en|pt-BR      the language of the client's notes and rules (default en)

Exit status: 0 when at least one recipient accepted the message, 1 otherwise, 2 on bad usage.
";

/// Largest amount of reply bytes read in one session; a server that talks more is cut off.
const MAX_REPLY_BYTES: usize = 1 << 20;

struct Args {
    server: String,
    from: String,
    to: Vec<String>,
    subject: Option<String>,
    helo: String,
    timeout: Duration,
    pipelining: bool,
    chunking: bool,
    lang: Lang,
    file: Option<String>,
}

fn parse(args: &[String]) -> Result<Args, String> {
    let mut a = Args {
        server: String::new(),
        from: String::new(),
        to: Vec::new(),
        subject: None,
        helo: "localhost".into(),
        timeout: Duration::from_secs(30),
        pipelining: true,
        chunking: false,
        lang: Lang::En,
        file: None,
    };
    let mut from = None;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let mut value = |name: &str| {
            it.next()
                .cloned()
                .ok_or_else(|| format!("{name} needs a value"))
        };
        match arg.as_str() {
            "--server" => a.server = value("--server")?,
            "--from" => from = Some(value("--from")?),
            "--to" => a.to.push(value("--to")?),
            "--subject" => a.subject = Some(value("--subject")?),
            "--helo" => a.helo = value("--helo")?,
            "--timeout" => {
                let v = value("--timeout")?;
                let secs: u64 = v.parse().ok().filter(|s| *s > 0).ok_or_else(|| {
                    format!("--timeout needs a positive number of seconds, not '{v}'")
                })?;
                a.timeout = Duration::from_secs(secs);
            }
            "--no-pipelining" => a.pipelining = false,
            "--chunking" => a.chunking = true,
            "--lang" => {
                let v = value("--lang")?;
                a.lang = Lang::parse(&v)
                    .ok_or_else(|| format!("--lang takes en or pt-BR, not '{v}'"))?;
            }
            "-" => a.file = Some("-".into()),
            s if s.starts_with('-') => return Err(format!("unknown option '{s}'")),
            s if a.file.is_none() => a.file = Some(s.into()),
            s => return Err(format!("only one message file, not also '{s}'")),
        }
    }
    if a.server.is_empty() {
        return Err("--server HOST:PORT is required".into());
    }
    a.from = from.ok_or("--from ADDR is required")?;
    if a.to.is_empty() {
        return Err("at least one --to ADDR is required".into());
    }
    let bad = |s: &str| s.chars().any(|c| c.is_control());
    if bad(&a.from) || a.to.iter().any(|t| bad(t)) || a.subject.as_deref().is_some_and(bad) {
        return Err("addresses and subject cannot hold line breaks or control characters".into());
    }
    Ok(a)
}

/// Runs `smtp-sim send`.
pub fn run(args: &[String]) -> ExitCode {
    if args.iter().any(|a| a == "-h" || a == "--help") {
        print!("{USAGE}");
        return ExitCode::SUCCESS;
    }
    let a = match parse(args) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("smtp-sim send: {e}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let body = match read_file(a.file.as_deref()) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("smtp-sim send: {e}");
            return ExitCode::from(2);
        }
    };
    let message = match &a.subject {
        Some(subject) => {
            let date = super::store::rfc5322_date(SystemTime::now());
            compose_message(&a.from, &a.to, subject, Some(&date), &body)
        }
        None => body,
    };
    let config = ClientConfig {
        hostname: a.helo.clone(),
        pipelining: a.pipelining,
        chunking: a.chunking,
        ..ClientConfig::default()
    };
    let envelope = Envelope {
        reverse_path: a.from.clone(),
        recipients: a.to.clone(),
    };
    let mut client = ClientSession::new(config, envelope, &message);
    let stream = match connect(&a.server, a.timeout) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("smtp-sim send: cannot connect to {}: {e}", a.server);
            return ExitCode::FAILURE;
        }
    };
    let outcome = drive(&mut client, stream, a.lang, &mut std::io::stdout().lock());
    if outcome.any_delivered() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

fn read_file(file: Option<&str>) -> Result<Vec<u8>, String> {
    match file {
        None => Ok(Vec::new()),
        Some("-") => {
            let mut b = Vec::new();
            std::io::stdin()
                .read_to_end(&mut b)
                .map_err(|e| format!("cannot read stdin: {e}"))?;
            Ok(b)
        }
        Some(path) => std::fs::read(path).map_err(|e| format!("cannot read {path}: {e}")),
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
    out: &mut impl Write,
) -> Outcome {
    let mut server_lines = LinePrinter::new("S: ");
    let mut client_lines = LinePrinter::new("C: ");
    let mut buf = [0u8; 8192];
    let mut received = 0usize;
    loop {
        print_events(client, lang, out);
        while let Some(bytes) = client.poll_transmit() {
            client_lines.print(&bytes, out);
            if let Err(e) = stream.write_all(&bytes) {
                let _ = writeln!(out, "~ write failed: {e}");
                client.handle_close();
            }
        }
        if client.is_done() {
            break;
        }
        match stream.read(&mut buf) {
            Ok(0) => {
                let _ = writeln!(out, "~ the server closed the connection");
                client.handle_close();
            }
            Ok(n) => {
                received += n;
                server_lines.print(&buf[..n], out);
                client.handle_input(&buf[..n]);
                if received > MAX_REPLY_BYTES && !client.is_done() {
                    let _ = writeln!(
                        out,
                        "~ the server sent over {MAX_REPLY_BYTES} octets of replies; giving up"
                    );
                    client.handle_close();
                }
            }
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) =>
            {
                client.handle_timeout();
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => {
                let _ = writeln!(out, "~ read failed: {e}");
                client.handle_close();
            }
        }
    }
    server_lines.flush(out);
    print_events(client, lang, out);
    let outcome = client.outcome();
    print_summary(&outcome, lang, out);
    let _ = stream.shutdown(std::net::Shutdown::Both);
    outcome
}

fn print_events(client: &mut ClientSession, lang: Lang, out: &mut impl Write) {
    while let Some(e) = client.poll_event() {
        let text = match &e.kind {
            // Commands, content and replies are shown as the bytes that crossed the wire.
            EventKind::Command(_) | EventKind::Content { .. } | EventKind::Reply(_) => continue,
            EventKind::Note(n) => catalog::client_note(*n, lang).to_string(),
            EventKind::MalformedReply(err) => {
                format!("malformed reply: {}", catalog::reply_problem(*err, lang))
            }
            EventKind::Recipient { address, status } => format!("<{address}>: {status:?}"),
            EventKind::Finished(status) => format!("finished: {status:?}"),
        };
        let _ = match e.rule {
            None => writeln!(out, "~ {text}"),
            Some(r) => writeln!(out, "~ {text} [{}]", catalog::client_rule(r, lang)),
        };
    }
}

fn print_summary(o: &Outcome, lang: Lang, out: &mut impl Write) {
    let _ = writeln!(out, "status: {:?}", o.status);
    for r in &o.recipients {
        let reply = r
            .reply
            .as_ref()
            .map(|x| {
                let mut s = x.code.to_string();
                if let Some(e) = x.enhanced {
                    s.push(' ');
                    s.push_str(&e.to_string());
                }
                s.push(' ');
                s.push_str(&x.text());
                s
            })
            .unwrap_or_default();
        let _ = writeln!(out, "  {:?} <{}> {}", r.status, r.address, reply.trim_end());
    }
    if let Some(e) = o.error {
        let _ = writeln!(out, "  error: {}", catalog::client_error(e, lang));
    }
}

/// Prints bytes as lines with a prefix; bytes of an unfinished line wait for the rest.
struct LinePrinter {
    prefix: &'static str,
    partial: Vec<u8>,
}

impl LinePrinter {
    fn new(prefix: &'static str) -> Self {
        Self {
            prefix,
            partial: Vec::new(),
        }
    }

    fn print(&mut self, bytes: &[u8], out: &mut impl Write) {
        self.partial.extend_from_slice(bytes);
        while let Some(i) = self.partial.iter().position(|&b| b == b'\n') {
            let line: Vec<u8> = self.partial.drain(..=i).collect();
            self.line(&line, out);
        }
    }

    fn flush(&mut self, out: &mut impl Write) {
        if !self.partial.is_empty() {
            let line = std::mem::take(&mut self.partial);
            self.line(&line, out);
        }
    }

    fn line(&self, line: &[u8], out: &mut impl Write) {
        let body = line.strip_suffix(b"\n").unwrap_or(line);
        let body = body.strip_suffix(b"\r").unwrap_or(body);
        let mut text = String::with_capacity(body.len());
        for c in String::from_utf8_lossy(body).chars() {
            // Control characters from the peer are shown escaped, never sent to the terminal.
            if c.is_control() {
                text.push_str(&c.escape_default().to_string());
            } else {
                text.push(c);
            }
        }
        let _ = writeln!(out, "{}{text}", self.prefix);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usage_errors() {
        let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        assert!(parse(&s(&["--from", "a@b", "--to", "c@d"])).is_err());
        assert!(parse(&s(&["--server", "h:25", "--to", "c@d"])).is_err());
        assert!(parse(&s(&["--server", "h:25", "--from", "a@b"])).is_err());
        assert!(parse(&s(&["--server", "h:25", "--from", "a@b", "--to", "c\n@d"])).is_err());
        assert!(parse(&s(&[
            "--server", "h:25", "--from", "", "--to", "c@d", "x", "y"
        ]))
        .is_err());
        let a = parse(&s(&["--server", "h:25", "--from", "", "--to", "c@d", "-"])).unwrap();
        assert_eq!(a.file.as_deref(), Some("-"));
        assert!(a.from.is_empty());
    }
}
