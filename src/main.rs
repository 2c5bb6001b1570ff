//! The `smtp-sim` command line: the native adapter around the core. Only this binary touches
//! sockets, files and the terminal; each subcommand lives in `src/cli/`.

mod cli;

fn main() -> std::process::ExitCode {
    cli::run(std::env::args().skip(1).collect())
}
