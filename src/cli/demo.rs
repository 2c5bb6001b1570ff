//! `smtp-sim demo`: a whole simulated session, client and server in memory, printed on stdout.
//! `C:`/`S:` lines are the bytes on the wire; `~` lines are the client's reasoning with the rule
//! it applied; `#` lines are what the server did.

use std::io::Write;
use std::process::ExitCode;

use smtp_sim_core::client::{compose_message, ClientConfig, Envelope, EventKind};
use smtp_sim_core::server::{self, ServerConfig};
use smtp_sim_core::sim::{parse_fault, Entry, Side, Simulation};
use smtp_sim_explain::{self as catalog, Lang};

const USAGE: &str = "\
Usage: smtp-sim demo [OPTIONS]

Prints a whole simulated SMTP session: the simulated client delivers a message to the
simulated server, and every line on the wire is shown with the rule each side applied.

Options:
  --fault COMMAND:CODE[:once|always][:TEXT]
                     force a server reply, e.g. rcpt:450 (greylisting on the first RCPT),
                     mail:421 (the server closes mid-session), end:552 (refused after DATA).
                     COMMAND: greeting helo ehlo starttls auth mail rcpt data end bdat rset
                     noop quit. Repeat for more faults.
  --from ADDR        the sender (default alice@client.example.test)
  --to ADDR          a recipient (repeat; default bob@mx.example.test, carol@mx.example.test)
  --subject TEXT     the subject
  --body TEXT        the body (\\n for a line break)
  --helo             use HELO instead of EHLO (no extensions)
  --no-pipelining    one command at a time even when PIPELINING is advertised
  --chunking         BDAT instead of DATA when CHUNKING is advertised
  --max-recipients N the server's recipient limit per message (452 beyond it)
  --lang en|pt-BR    the language of the client's notes and rules (default en)
";

const BODY: &str = "Hi Bob,\n.this line starts with a dot, so the client doubles it on the wire.\n.\nThe line above is a lone dot: it does not end the message.\nAlice\n";

/// Runs `smtp-sim demo`.
pub fn run(args: &[String]) -> ExitCode {
    let mut client = ClientConfig::default();
    let mut server = ServerConfig::default();
    let mut from = "alice@client.example.test".to_string();
    let mut to = Vec::new();
    let mut subject = "Lunch on Friday?".to_string();
    let mut body = BODY.to_string();
    let mut lang = Lang::En;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let mut value = || it.next().cloned();
        let ok = match arg.as_str() {
            "-h" | "--help" => {
                print!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            "--fault" => match value().map(|v| parse_fault(&v)) {
                Some(Ok(f)) => {
                    server.faults.push(f);
                    true
                }
                Some(Err(e)) => {
                    eprintln!(
                        "smtp-sim demo: --fault: {}",
                        smtp_sim_explain::fault_spec_error(e, Lang::En)
                    );
                    return ExitCode::from(2);
                }
                None => false,
            },
            "--lang" => value()
                .and_then(|v| Lang::parse(&v))
                .map(|l| lang = l)
                .is_some(),
            "--from" => value().map(|v| from = v).is_some(),
            "--to" => value().map(|v| to.push(v)).is_some(),
            "--subject" => value().map(|v| subject = v).is_some(),
            "--body" => value().map(|v| body = v.replace("\\n", "\n")).is_some(),
            "--max-recipients" => value()
                .and_then(|v| v.parse().ok())
                .map(|n| server.max_recipients = n)
                .is_some(),
            "--helo" => {
                client.ehlo = false;
                true
            }
            "--no-pipelining" => {
                client.pipelining = false;
                true
            }
            "--chunking" => {
                client.chunking = true;
                true
            }
            _ => false,
        };
        if !ok {
            eprintln!("smtp-sim demo: bad or incomplete option '{arg}'\n\n{USAGE}");
            return ExitCode::from(2);
        }
    }
    if to.is_empty() {
        to = vec!["bob@mx.example.test".into(), "carol@mx.example.test".into()];
    }
    let message = compose_message(&from, &to, &subject, None, body.as_bytes());
    let envelope = Envelope {
        reverse_path: from,
        recipients: to,
    };
    let mut sim = Simulation::new(client, envelope, &message, server);
    let out = &mut std::io::stdout().lock();
    for entry in sim.run() {
        print_entry(entry, lang, out);
    }
    let o = sim.outcome();
    let _ = writeln!(out, "status: {:?}", o.status);
    for r in &o.recipients {
        let reply = r.reply.as_ref().map(|x| x.to_string()).unwrap_or_default();
        let _ = writeln!(out, "  {:?} <{}> {}", r.status, r.address, reply.trim_end());
    }
    ExitCode::SUCCESS
}

fn print_entry(entry: &Entry, lang: Lang, out: &mut impl Write) {
    match entry {
        Entry::Wire { from, text } => {
            let prefix = if *from == Side::Client { "C: " } else { "S: " };
            for line in text.split_inclusive('\n') {
                let line = line.trim_end_matches('\n').trim_end_matches('\r');
                let _ = writeln!(out, "{prefix}{}", line.escape_debug());
            }
        }
        Entry::Client(e) => {
            let text = match &e.kind {
                EventKind::Note(n) => catalog::client_note(*n, lang).to_string(),
                EventKind::MalformedReply(err) => {
                    format!("malformed reply: {}", catalog::reply_problem(*err, lang))
                }
                EventKind::Recipient { address, status } => format!("<{address}>: {status:?}"),
                EventKind::Content {
                    octets,
                    stuffed_lines,
                } if *stuffed_lines > 0 => {
                    format!("content: {octets} octets, {stuffed_lines} line(s) dot-stuffed")
                }
                EventKind::Finished(s) => format!("finished: {s:?}"),
                _ => return,
            };
            let _ = match e.rule {
                None => writeln!(out, "   ~ {text}"),
                Some(r) => writeln!(out, "   ~ {text}  [{}]", catalog::client_rule(r, lang)),
            };
        }
        Entry::Server(e) => {
            let text = match e {
                server::Event::StateChanged { from, to } => format!("{from:?} → {to:?}"),
                server::Event::MessageReceived(m) => format!(
                    "message received: {} octets for {}",
                    m.content.len(),
                    m.recipients.join(", ")
                ),
                server::Event::Warning(w) => format!("warning: {w:?}"),
                _ => return,
            };
            let _ = writeln!(out, "   # server: {text}");
        }
    }
}
