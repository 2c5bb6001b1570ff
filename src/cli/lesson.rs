//! `smtp-sim lesson check FILE…` and `smtp-sim lesson skeleton TRANSCRIPT`: the lesson format
//! of `docs/lesson-format.md`, read from files. The parsing and checking are the core's; this
//! adapter reads files, asks the catalogue to read `explain:` pastes, and prints.

use std::path::Path;
use std::process::ExitCode;

use smtp_sim_core::lesson::{self, check, transcript, Diagnostic, FileKind, Severity};

const USAGE: &str = "\
smtp-sim lesson — check lessons, turn a transcript into a lesson

Usage:
  smtp-sim lesson check [--deny-warnings] FILE…
        parse each lesson (or transcript, or lessons/index.txt with its lessons), play its
        solution, and prove that an idle learner and one missing a step's last action do not
        pass; warn about missing translations. Exit 0 when there is no error (and no warning
        with --deny-warnings), 1 otherwise, 2 for a usage error.
  smtp-sim lesson skeleton TRANSCRIPT
        print a lesson skeleton made from a %smtp-transcript 1 file: its inputs as solution
        lines, its replies as comments, and suggested goals.
";

/// Runs `smtp-sim lesson …`.
pub fn run(args: &[String]) -> ExitCode {
    match args.first().map(String::as_str) {
        Some("check") => check_cmd(&args[1..]),
        Some("skeleton") => skeleton_cmd(&args[1..]),
        None | Some("-h" | "--help" | "help") => {
            print!("{USAGE}");
            ExitCode::SUCCESS
        }
        Some(other) => usage(&format!(
            "lesson: unknown command '{other}' (try 'smtp-sim lesson --help')"
        )),
    }
}

fn usage(msg: &str) -> ExitCode {
    eprintln!("smtp-sim: {msg}");
    ExitCode::from(2)
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
        println!("{d}");
        match d.severity {
            Severity::Error => tally.errors += 1,
            Severity::Warning => tally.warnings += 1,
        }
    }
}

fn check_cmd(args: &[String]) -> ExitCode {
    let mut deny = false;
    let mut files = Vec::new();
    for a in args {
        match a.as_str() {
            "--deny-warnings" => deny = true,
            "-h" | "--help" => {
                print!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            f if f.starts_with('-') => {
                return usage(&format!(
                    "lesson check: unknown option '{f}' (try 'smtp-sim lesson --help')"
                ))
            }
            f => files.push(f.to_owned()),
        }
    }
    if files.is_empty() {
        return usage("lesson check: name at least one FILE (try 'smtp-sim lesson --help')");
    }
    let mut total = Tally {
        errors: 0,
        warnings: 0,
    };
    // An index checks its lessons too, unless they are named on the command line as well.
    let named: Vec<std::path::PathBuf> = files.iter().map(|f| Path::new(f).to_path_buf()).collect();
    for f in &files {
        let t = if f.ends_with("index.txt") {
            check_index(f, &named)
        } else {
            check_one(f)
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
fn check_index(name: &str, named: &[std::path::PathBuf]) -> Tally {
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

fn skeleton_cmd(args: &[String]) -> ExitCode {
    let [name] = args else {
        return usage("lesson skeleton: name one TRANSCRIPT file (try 'smtp-sim lesson --help')");
    };
    match parse_file(name) {
        Ok(l) if l.kind == FileKind::Transcript => {
            print!("{}", transcript::skeleton(&l));
            ExitCode::SUCCESS
        }
        Ok(_) => {
            eprintln!("smtp-sim: {name} is not a transcript (its first line is not \"%smtp-transcript 1\")");
            ExitCode::FAILURE
        }
        Err(diags) => {
            for d in diags {
                eprintln!("{d}");
            }
            ExitCode::FAILURE
        }
    }
}
