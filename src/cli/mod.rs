//! Subcommand dispatch and the usage text.

use std::process::ExitCode;

mod explain;

const USAGE: &str = "\
smtp-sim — an SMTP simulator

Usage:
  smtp-sim stdio                 one server session on stdin/stdout (like sendmail -bs)
  smtp-sim serve [OPTIONS]       an SMTP server on loopback
  smtp-sim explain CODE [--lang en|pt-BR]
                                 what a reply means: 354, 5.7.1, or a whole reply line
                                 ('-' reads a multi-line reply from stdin; --command VERB)
  smtp-sim compare CODE CODE [--lang en|pt-BR]
                                 two reply codes side by side
  smtp-sim --help                this text
";

/// Runs the command line; the exit code is 0 on success, 1 on failure, 2 on bad usage.
pub fn run(args: Vec<String>) -> ExitCode {
    match args.first().map(String::as_str) {
        None | Some("-h" | "--help" | "help") => {
            print!("{USAGE}");
            ExitCode::SUCCESS
        }
        Some("explain") => explain::explain(&args[1..]),
        Some("compare") => explain::compare_cmd(&args[1..]),
        Some(other) => {
            eprintln!("smtp-sim: unknown command '{other}' (try 'smtp-sim --help')");
            ExitCode::from(2)
        }
    }
}
