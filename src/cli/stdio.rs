//! `smtp-sim stdio`: one server session on stdin and stdout, like `sendmail -bs`.

use std::io::{self, IsTerminal, Read, Write};
use std::process::ExitCode;
use std::sync::mpsc;
use std::thread;

use smtp_sim_core::server::ServerSession;

use crate::{drain_events, shutdown, term, Failure, Outcome, SessionArgs, SessionOptions};

/// The arguments of `smtp-sim stdio` (their help is on the subcommand).
#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    session: SessionArgs,
}

/// What the session loop waits for.
enum Input {
    Bytes(Vec<u8>),
    End,
    Failed(io::Error),
    Signal(i32),
}

/// Opens the store, then runs the session until it closes, stdin ends, or a signal comes.
pub fn run(a: Args) -> Outcome {
    let options = a.session.open()?;
    let signals = shutdown::catch().map_err(|e| Failure::Runtime(format!("stdio: {e}")))?;
    let stdin = io::stdin();
    // A terminal ends each typed line with LF; SMTP wants CRLF (RFC 5321 §2.3.8). The terminal
    // is this adapter's business, not the server's: the person's Enter becomes CRLF here, so
    // every persona reads a typed session as a client would send it.
    let typed = stdin.is_terminal();
    let (tx, rx) = mpsc::channel();
    let from_signal = tx.clone();
    let mut signals = signals;
    thread::spawn(move || {
        if let Some(sig) = signals.forever().next() {
            let _ = from_signal.send(Input::Signal(sig));
        }
    });
    thread::spawn(move || read_stdin(tx, typed));
    let result = session(&options, rx, &mut io::stdout().lock());
    if let Some(store) = &options.store {
        store.remove_leftovers(true);
    }
    result
        .map(|()| ExitCode::SUCCESS)
        .map_err(|e| Failure::Runtime(format!("stdio: {e}")))
}

/// Reads stdin; with `typed` (a terminal) each bare LF becomes CRLF.
fn read_stdin(tx: mpsc::Sender<Input>, typed: bool) {
    let mut stdin = io::stdin().lock();
    let mut buf = vec![0; 16 * 1024];
    let mut line_ends = TerminalLineEnds::default();
    loop {
        let input = match stdin.read(&mut buf) {
            Ok(0) => Input::End,
            Ok(n) if typed => Input::Bytes(line_ends.convert(&buf[..n])),
            Ok(n) => Input::Bytes(buf[..n].to_vec()),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => Input::Failed(e),
        };
        let last = !matches!(input, Input::Bytes(_));
        if tx.send(input).is_err() || last {
            return;
        }
    }
}

/// Runs one session on what `input` delivers, writing replies to `output`.
fn session(
    options: &SessionOptions,
    input: mpsc::Receiver<Input>,
    output: &mut impl Write,
) -> io::Result<()> {
    let mut session = ServerSession::new(options.config.clone());
    loop {
        drain_events(&mut session, options, None, "stdio");
        output.write_all(&session.take_output())?;
        output.flush()?;
        if session.is_closed() {
            return Ok(());
        }
        match input.recv() {
            Ok(Input::Bytes(bytes)) => session.receive(&bytes),
            Ok(Input::End) | Err(_) => return Ok(()),
            Ok(Input::Failed(e)) => return Err(e),
            Ok(Input::Signal(sig)) => {
                if options.verbose {
                    eprintln!(
                        "stdio {}: closing with 421",
                        term::untrusted(shutdown::name(sig))
                    );
                }
                session.shutdown();
            }
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

    /// Runs a session on `reads`, each converted as typed when `typed`.
    fn run(typed: bool, reads: &[&[u8]]) -> String {
        let (tx, rx) = mpsc::channel();
        let mut ends = TerminalLineEnds::default();
        for r in reads {
            let bytes = if typed { ends.convert(r) } else { r.to_vec() };
            tx.send(Input::Bytes(bytes)).unwrap();
        }
        tx.send(Input::End).unwrap();
        let mut out = Vec::new();
        let options = SessionOptions {
            config: smtp_sim_core::server::ServerConfig::default(),
            verbose: false,
            store: None,
            queue_ids: crate::store::QueueIds::new(std::time::SystemTime::now()),
        };
        session(&options, rx, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn a_typed_session_reaches_the_strict_server_as_crlf() {
        let reads: [&[u8]; 4] = [
            b"EHLO me\nMAIL FROM:<a@b.example>\r",
            b"\nRCPT TO:<c@d.example>\nDATA\n",
            b"hi\n.\n",
            b"QUIT\n",
        ];
        let typed = run(true, &reads);
        assert!(typed.contains("250 2.0.0 Ok: queued as"), "{typed}");
        assert!(typed.ends_with("221 2.0.0 Bye\r\n"), "{typed}");
        // Piped bytes are the client's own: the strict persona refuses the bare LF.
        let piped = run(false, &reads);
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
