//! Subcommand dispatch and the usage text.

use std::process::ExitCode;

mod demo;
mod send;

const USAGE: &str = "\
smtp-sim — an SMTP simulator

Usage:
  smtp-sim stdio                 one server session on stdin/stdout (like sendmail -bs)
  smtp-sim serve [OPTIONS]       an SMTP server on loopback
  smtp-sim demo [--fault …]      a whole simulated session, client and server, on screen
  smtp-sim send [OPTIONS] [FILE]  deliver a message to a real SMTP server, with a transcript
  smtp-sim --help                this text
";

/// Runs the command line; the exit code is 0 on success, 1 on failure, 2 on bad usage.
pub fn run(args: Vec<String>) -> ExitCode {
    match args.first().map(String::as_str) {
        None | Some("-h" | "--help" | "help") => {
            print!("{USAGE}");
            ExitCode::SUCCESS
        }
        Some("demo") => demo::run(&args[1..]),
        Some("send") => send::run(&args[1..]),
        Some(other) => {
            eprintln!("smtp-sim: unknown command '{other}' (try 'smtp-sim --help')");
            ExitCode::from(2)
        }
    }
}
