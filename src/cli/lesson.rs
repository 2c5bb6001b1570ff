//! `smtp-sim lesson check FILE…` and `smtp-sim lesson skeleton TRANSCRIPT`: the lesson format
//! of `docs/lesson-format.md`, read from files. The parsing and checking are the core's; this
//! adapter reads files, asks the catalogue to read `explain:` pastes, and prints.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use smtp_sim_core::lesson::{self, check, transcript, Diagnostic, FileKind, Severity};

use crate::{term, Failure, Outcome};

/// The arguments of `smtp-sim lesson` (their help is on the subcommand).
#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(subcommand)]
    command: Sub,
}

#[derive(clap::Subcommand, Debug)]
enum Sub {
    /// Check lessons: parse, play the solution, prove idle and naive learners fail.
    ///
    /// Each FILE is a lesson, a transcript (replayed: every drift from the recorded replies is
    /// an error) or a lesson index (lessons/index.txt: its lessons are checked too, and must
    /// agree with it). Prints one line per problem, FILE:LINE:COLUMN: error|warning: …, then
    /// "FILE: ok (…)" or "FILE: N errors, M warnings". Exit 0 when there is no error (and no
    /// warning with --deny-warnings), 1 otherwise.
    Check {
        /// Warnings fail the check too.
        #[arg(long)]
        deny_warnings: bool,
        /// The files.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
    /// Print a lesson skeleton made from a transcript (a %smtp-transcript 1 file).
    ///
    /// Its inputs become solution lines (send: lines stay), its replies comments, and each
    /// step gets suggested goals to sharpen.
    Skeleton {
        /// The transcript.
        #[arg(value_name = "TRANSCRIPT")]
        transcript: PathBuf,
    },
}

/// Runs `smtp-sim lesson …`.
pub fn run(a: Args) -> Outcome {
    match a.command {
        Sub::Check {
            deny_warnings,
            files,
        } => Ok(check_cmd(deny_warnings, &files)),
        Sub::Skeleton { transcript } => skeleton_cmd(&transcript),
    }
}

/// The catalogue reads a pasted reply for `explain:` actions.
fn explain(text: &str) -> Option<(u16, Option<smtp_sim_core::reply::EnhancedCode>)> {
    smtp_sim_explain::explain_reply(text, None, smtp_sim_explain::Lang::En)
        .ok()
        .map(|r| (r.code, r.enhanced))
}

/// Reads a lesson file and its parts from the file system.
fn parse_file(name: &str) -> Result<lesson::Lesson, Vec<Diagnostic>> {
    let bytes = std::fs::read(name).map_err(|e| {
        vec![Diagnostic {
            file: name.to_owned(),
            line: 1,
            column: 1,
            severity: Severity::Error,
            message: format!("cannot read: {e}"),
            included_from: Vec::new(),
        }]
    })?;
    lesson::parse(name, &bytes, &mut |part: &str| std::fs::read(part).ok())
}

struct Tally {
    errors: usize,
    warnings: usize,
}

fn print_all(diags: &[Diagnostic], tally: &mut Tally) {
    for d in diags {
        println!("{}", term::untrusted(&d.to_string()));
        match d.severity {
            Severity::Error => tally.errors += 1,
            Severity::Warning => tally.warnings += 1,
        }
    }
}

fn check_cmd(deny: bool, files: &[PathBuf]) -> ExitCode {
    let mut total = Tally {
        errors: 0,
        warnings: 0,
    };
    // An index checks its lessons too, unless they are named on the command line as well.
    for f in files {
        let name = f.to_string_lossy();
        let t = if name.ends_with("index.txt") {
            check_index(&name, files)
        } else {
            check_one(&name)
        };
        total.errors += t.errors;
        total.warnings += t.warnings;
    }
    if total.errors > 0 || (deny && total.warnings > 0) {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// Checks one file and prints its problems and its summary line.
fn check_one(name: &str) -> Tally {
    let mut tally = Tally {
        errors: 0,
        warnings: 0,
    };
    match parse_file(name) {
        Err(diags) => print_all(&diags, &mut tally),
        Ok(l) => {
            let diags = check::check(&l, &mut explain);
            print_all(&diags, &mut tally);
            if tally.errors == 0 && tally.warnings == 0 {
                let what = match l.kind {
                    FileKind::Transcript => "replayed".to_owned(),
                    _ => format!("{} steps, {}", l.steps.len(), l.langs.join(" ")),
                };
                println!("{name}: ok ({what})");
                return tally;
            }
        }
    }
    println!(
        "{name}: {} error{}, {} warning{}",
        tally.errors,
        if tally.errors == 1 { "" } else { "s" },
        tally.warnings,
        if tally.warnings == 1 { "" } else { "s" }
    );
    tally
}

/// Checks an index and every lesson it lists (Appendix B).
fn check_index(name: &str, named: &[PathBuf]) -> Tally {
    let mut tally = Tally {
        errors: 0,
        warnings: 0,
    };
    let text = match std::fs::read_to_string(name) {
        Ok(t) => t,
        Err(e) => {
            println!("{name}:1:1: error: cannot read: {e}");
            tally.errors += 1;
            return tally;
        }
    };
    let entries = match check::parse_index(name, &text) {
        Ok(e) => e,
        Err(diags) => {
            print_all(&diags, &mut tally);
            return tally;
        }
    };
    let dir = Path::new(name).parent().unwrap_or(Path::new(""));
    for e in &entries {
        let path = dir.join(&e.file);
        let file = path.to_string_lossy();
        if !named.contains(&path) {
            let t = check_one(&file);
            tally.errors += t.errors;
            tally.warnings += t.warnings;
        }
        if let Ok(l) = parse_file(&file) {
            print_all(&check::check_index_entry(name, e, &l), &mut tally);
        }
    }
    if tally.errors == 0 && tally.warnings == 0 {
        println!("{name}: ok ({} lessons)", entries.len());
    }
    tally
}

fn skeleton_cmd(file: &Path) -> Outcome {
    let name = file.to_string_lossy();
    match parse_file(&name) {
        Ok(l) if l.kind == FileKind::Transcript => {
            print!("{}", transcript::skeleton(&l));
            Ok(ExitCode::SUCCESS)
        }
        Ok(_) => Err(Failure::Runtime(format!(
            "{name} is not a transcript (its first line is not \"%smtp-transcript 1\")"
        ))),
        Err(diags) => {
            for d in &diags {
                eprintln!("{}", term::untrusted(&d.to_string()));
            }
            Err(Failure::Runtime(format!("{name}: {} errors", diags.len())))
        }
    }
}
