//! `smtp-sim demo`: a whole simulated session, client and server in memory, printed on stdout
//! with the same transcript printer as `send` (see [`crate::transcript`]).

use std::process::ExitCode;

use smtp_sim_core::client::{compose_message, ClientConfig, Envelope, EXAMPLE_RECIPIENT};
use smtp_sim_core::server::{Fault, ServerConfig};
use smtp_sim_core::sim::{parse_fault, Entry, Simulation};
use smtp_sim_explain::Lang;

use crate::transcript::Transcript;
use crate::{language, Failure};

/// The arguments of `smtp-sim demo` (their help is on the subcommand).
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Force a server reply, e.g. rcpt:450 (greylisting on the first RCPT), mail:421 (the
    /// server closes mid-session), end:552 (refused after DATA). COMMAND: greeting helo ehlo
    /// starttls auth mail rcpt data end bdat rset noop quit. Repeat for more faults
    #[arg(long, value_name = "COMMAND:CODE[:once|always][:TEXT]")]
    fault: Vec<String>,
    /// The sender
    #[arg(long, value_name = "ADDR", default_value = smtp_sim_core::client::EXAMPLE_SENDER)]
    from: String,
    /// A recipient (repeat; default bob@mx.example.test and carol@mx.example.test)
    #[arg(long, value_name = "ADDR")]
    to: Vec<String>,
    /// The subject
    #[arg(long, value_name = "TEXT", default_value = "Lunch on Friday?")]
    subject: String,
    /// The body (\n for a line break)
    #[arg(long, value_name = "TEXT")]
    body: Option<String>,
    /// Use HELO instead of EHLO (no extensions)
    #[arg(long)]
    helo: bool,
    /// One command at a time even when PIPELINING is advertised
    #[arg(long)]
    no_pipelining: bool,
    /// BDAT instead of DATA when CHUNKING is advertised
    #[arg(long)]
    chunking: bool,
    /// The server's recipient limit per message (452 beyond it)
    #[arg(long, value_name = "N")]
    max_recipients: Option<usize>,
    /// The language of the client's notes and rules: en or pt-BR
    #[arg(long, value_name = "LANG", default_value = "en", value_parser = language)]
    lang: Lang,
}

const BODY: &str = "Hi Bob,\n.this line starts with a dot, so the client doubles it on the wire.\n.\nThe line above is a lone dot: it does not end the message.\nAlice\n";

/// `--fault`: the simulation's fault syntax; the error is the catalogue's sentence in `lang`
/// (read after parsing, so that `--lang` may come after `--fault`).
fn faults(specs: &[String], lang: Lang) -> Result<Vec<Fault>, Failure> {
    specs
        .iter()
        .map(|spec| {
            parse_fault(spec).map_err(|e| {
                let why = smtp_sim_explain::fault_spec_error(e, lang);
                Failure::Usage(format!("--fault {spec:?}: {why}"))
            })
        })
        .collect()
}

/// Runs `smtp-sim demo`.
pub fn run(a: Args) -> Result<ExitCode, Failure> {
    let client = ClientConfig {
        ehlo: !a.helo,
        pipelining: !a.no_pipelining,
        chunking: a.chunking,
        ..ClientConfig::default()
    };
    let mut server = ServerConfig {
        faults: faults(&a.fault, a.lang)?,
        ..ServerConfig::default()
    };
    if let Some(n) = a.max_recipients {
        server.max_recipients = n;
    }
    let to = if a.to.is_empty() {
        // The example recipient, and a second one so the transcript shows two RCPTs.
        vec![EXAMPLE_RECIPIENT.into(), "carol@mx.example.test".into()]
    } else {
        a.to
    };
    let body = a
        .body
        .map_or_else(|| BODY.to_owned(), |b| b.replace("\\n", "\n"));
    let message = compose_message(&a.from, &to, &a.subject, None, body.as_bytes());
    let envelope = Envelope {
        reverse_path: a.from,
        recipients: to,
    };
    let mut sim = Simulation::new(client, envelope, &message, server);
    let mut t = Transcript::new(std::io::stdout().lock(), a.lang);
    for entry in sim.run() {
        match entry {
            Entry::Wire { from, text } => t.wire(*from, text.as_bytes()),
            Entry::Client(e) => t.client_event(e),
            Entry::Server(e) => t.server_event(e),
        }
    }
    t.flush_wire();
    t.summary(&sim.outcome());
    Ok(ExitCode::SUCCESS)
}
