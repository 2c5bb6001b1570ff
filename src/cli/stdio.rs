//! `smtp-sim stdio`: one server session on stdin and stdout, like `sendmail -bs`.

use std::io::{self, IsTerminal, Read, Write};
use std::process::ExitCode;
use std::sync::mpsc;
use std::thread;

use smtp_sim_core::server::{Persona, ServerSession};

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
    if stdin.is_terminal() && options.config.persona == Persona::Strict {
        // A terminal sends LF, and the strict persona ends data only at CRLF.CRLF.
        eprintln!(
            "smtp-sim: typing by hand? Your terminal ends lines with LF, so in the strict \
             persona a \".\" line will not end DATA. Run 'smtp-sim stdio --persona lenient'."
        );
    }
    let (tx, rx) = mpsc::channel();
    let from_signal = tx.clone();
    let mut signals = signals;
    thread::spawn(move || {
        if let Some(sig) = signals.forever().next() {
            let _ = from_signal.send(Input::Signal(sig));
        }
    });
    thread::spawn(move || read_stdin(tx));
    let result = session(&options, rx, &mut io::stdout().lock());
    if let Some(store) = &options.store {
        store.remove_leftovers(true);
    }
    result
        .map(|()| ExitCode::SUCCESS)
        .map_err(|e| Failure::Runtime(format!("stdio: {e}")))
}

fn read_stdin(tx: mpsc::Sender<Input>) {
    let mut stdin = io::stdin().lock();
    let mut buf = vec![0; 16 * 1024];
    loop {
        let input = match stdin.read(&mut buf) {
            Ok(0) => Input::End,
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
