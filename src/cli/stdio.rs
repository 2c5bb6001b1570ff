//! `smtp-sim stdio`: one server session on stdin and stdout, like `sendmail -bs`.

use std::io::{self, IsTerminal, Read, Write};

use smtp_sim_core::server::{Persona, ServerSession};

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
    if stdin.is_terminal() && options.config.persona == Persona::Strict {
        // A terminal sends LF, and the strict persona ends data only at CRLF.CRLF.
        eprintln!(
            "smtp-sim: typing by hand? Your terminal ends lines with LF, so in the strict \
             persona a \".\" line will not end DATA. Run 'smtp-sim stdio --persona lenient'."
        );
    }
    let stdout = io::stdout();
    session(&options, &mut stdin.lock(), &mut stdout.lock())
        .map_err(|e| Failure::Runtime(format!("stdio: {e}")))
}

/// Runs one session over any byte streams, so a test can drive it from memory.
fn session(
    options: &SessionOptions,
    input: &mut impl Read,
    output: &mut impl Write,
) -> io::Result<()> {
    let mut session = ServerSession::new(options.config.clone());
    let session_id = std::process::id().to_string();
    let mut buf = vec![0; 16 * 1024];
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
        session.receive(&buf[..n]);
    }
}
