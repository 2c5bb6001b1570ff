//! `smtp-sim stdio`: one server session on stdin and stdout, like `sendmail -bs`.

use std::io::{self, IsTerminal, Read, Write};

use smtp_sim_core::server::ServerSession;

use super::{drain_events, Args, Failure, Outcome, SessionOptions, SESSION_OPTIONS_HELP};

fn help() -> String {
    format!(
        "\
smtp-sim stdio — one SMTP server session on stdin/stdout (like sendmail -bs)

Usage: smtp-sim stdio [OPTIONS]

The greeting comes first; each reply is written with CRLF and flushed as soon as the input that
caused it has been read. Only SMTP bytes go to stdout; diagnostics go to stderr. Exits 0 after
the session closes (221 to QUIT, or 421) or at the end of input.

Options:
{SESSION_OPTIONS_HELP}  -h, --help          this text
"
    )
}

/// Parses the flags, then runs the session until it closes or stdin ends.
pub fn run(mut args: Args) -> Outcome {
    let mut options = SessionOptions::default();
    while let Some(flag) = args.next_flag() {
        if options.take(&flag, &mut args)? {
            continue;
        }
        match flag.as_str() {
            "-h" | "--help" => {
                print!("{}", help());
                return Ok(());
            }
            _ => {
                return Err(Failure::Usage(format!(
                    "stdio: unknown option '{flag}' (try 'smtp-sim stdio --help')"
                )))
            }
        }
    }
    options.open_store()?;
    let stdin = io::stdin();
    // A terminal ends each typed line with LF; SMTP wants CRLF (RFC 5321 §2.3.8). The terminal
    // is this adapter's business, not the server's: turn the person's Enter into CRLF here, so
    // every persona reads a typed session as a client would send it.
    let typed = stdin.is_terminal();
    let stdout = io::stdout();
    session(&options, typed, &mut stdin.lock(), &mut stdout.lock())
        .map_err(|e| Failure::Runtime(format!("stdio: {e}")))
}

/// Runs one session over any byte streams, so a test can drive it from memory. With `typed`
/// (stdin is a terminal) each bare LF is sent to the session as CRLF.
fn session(
    options: &SessionOptions,
    typed: bool,
    input: &mut impl Read,
    output: &mut impl Write,
) -> io::Result<()> {
    let mut session = ServerSession::new(options.config.clone());
    let session_id = std::process::id().to_string();
    let mut buf = vec![0; 16 * 1024];
    let mut line_ends = TerminalLineEnds::default();
    loop {
        drain_events(&mut session, options, None, "stdio", &session_id);
        output.write_all(&session.take_output())?;
        output.flush()?;
        if session.is_closed() {
            return Ok(());
        }
        let n = match input.read(&mut buf) {
            Ok(0) => return Ok(()),
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if typed {
            session.receive(&line_ends.convert(&buf[..n]));
        } else {
            session.receive(&buf[..n]);
        }
    }
}

/// Turns a terminal's line ends into CRLF: a LF not preceded by CR gets one, across reads.
#[derive(Default)]
struct TerminalLineEnds {
    after_cr: bool,
}

impl TerminalLineEnds {
    fn convert(&mut self, bytes: &[u8]) -> Vec<u8> {
        let mut out = Vec::with_capacity(bytes.len() + 8);
        for &b in bytes {
            if b == b'\n' && !self.after_cr {
                out.push(b'\r');
            }
            out.push(b);
            self.after_cr = b == b'\r';
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_typed_session_reaches_the_strict_server_as_crlf() {
        let typed =
            b"EHLO me\nMAIL FROM:<a@b.example>\r\nRCPT TO:<c@d.example>\nDATA\nhi\n.\nQUIT\n";
        let run = |is_terminal: bool| {
            let mut out = Vec::new();
            session(
                &SessionOptions::default(),
                is_terminal,
                &mut &typed[..],
                &mut out,
            )
            .unwrap();
            String::from_utf8(out).unwrap()
        };
        let from_terminal = run(true);
        assert!(
            from_terminal.contains("250 2.0.0 Ok: queued as"),
            "{from_terminal}"
        );
        assert!(
            from_terminal.ends_with("221 2.0.0 Bye\r\n"),
            "{from_terminal}"
        );
        // Piped bytes are the client's own: the strict persona refuses the bare LF.
        let piped = run(false);
        assert!(
            piped.ends_with("550 mx.example.test Error: bare <LF> received\r\n"),
            "{piped}"
        );
    }

    #[test]
    fn line_ends_split_across_reads() {
        let mut t = TerminalLineEnds::default();
        assert_eq!(t.convert(b"a\r"), b"a\r");
        assert_eq!(t.convert(b"\nb\n"), b"\nb\r\n");
        assert_eq!(t.convert(b"\n"), b"\r\n");
    }
}
