//! `smtp-sim link FILE` and `smtp-sim open LINK`: share links in the terminal, with the core's
//! codec (`smtp_sim_core::share`) and transcript reader (`smtp_sim_core::capture`), the same the
//! page uses, so a link printed here is the link the page makes for the same session.

use std::io::{self, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use smtp_sim_core::capture;
use smtp_sim_core::share;

use crate::term::untrusted;
use crate::{Failure, Outcome};

/// Links longer than this are hard to paste into chats and LMS fields: a warning.
const WARN_LENGTH: usize = 2_000;
/// Browsers' address bars cut links at about this length: share the file instead.
const FILE_LENGTH: usize = 32_000;

/// The arguments of `smtp-sim link`.
#[derive(clap::Args, Debug)]
pub struct LinkArgs {
    /// The page the link opens: a URL or a path relative to where the link is used. The default
    /// is the page itself, `index.html`; a site that serves smtp-sim at
    /// https://example.test/smtp-sim/ passes --base https://example.test/smtp-sim/
    #[arg(long, value_name = "URL", default_value = "index.html")]
    base: String,
    /// Keep AUTH credentials in the link (by default they are written as <redacted>, except
    /// the demo account's)
    #[arg(long)]
    credentials: bool,
    /// Print only the payload (1.z.…), as the element's `state` attribute takes it
    #[arg(long)]
    payload: bool,
    /// The transcript: our export, a C:/S: listing, swaks output, a telnet/nc capture or
    /// smtplib's debug output; - reads stdin
    #[arg(value_name = "FILE")]
    file: PathBuf,
}

/// The arguments of `smtp-sim open`.
#[derive(clap::Args, Debug)]
pub struct OpenArgs {
    /// A share link (https://…#s=1.z.…), the part after #s=, or - to read it from stdin
    #[arg(value_name = "URL|PAYLOAD")]
    link: String,
}

fn read_input(path: &std::path::Path) -> Result<String, Failure> {
    let bytes = if path.as_os_str() == "-" {
        let mut b = Vec::new();
        io::stdin()
            .read_to_end(&mut b)
            .map_err(|e| Failure::Runtime(format!("stdin: {e}")))?;
        b
    } else {
        std::fs::read(path).map_err(|e| Failure::Runtime(format!("{}: {e}", path.display())))?
    };
    String::from_utf8(bytes)
        .map_err(|_| Failure::Runtime(format!("{}: not UTF-8 text", path.display())))
}

/// Runs `smtp-sim link`: reads the transcript, writes it canonically (lesson-format §18.3) and
/// prints the link on stdout; its length goes to stderr when it is long.
pub fn link(a: LinkArgs) -> Outcome {
    let text = read_input(&a.file)?;
    let Some(t) = capture::read(&text) else {
        return Err(Failure::Runtime(format!(
            "{}: not a transcript (our export, C:/S: lines, swaks, telnet/nc or smtplib output)",
            a.file.display()
        )));
    };
    let canonical = capture::write(&t.lines, &t.meta, a.credentials);
    let out = if a.payload {
        share::encode(&canonical)
    } else {
        share::url(&a.base, &canonical)
    };
    let _ = writeln!(io::stdout(), "{}", untrusted(&out));
    if out.len() > FILE_LENGTH {
        eprintln!(
            "smtp-sim: the link is {} characters, more than browsers keep ({FILE_LENGTH}): share the file instead",
            out.len()
        );
    } else if out.len() > WARN_LENGTH {
        eprintln!(
            "smtp-sim: the link is {} characters; chats and forms may cut links over {WARN_LENGTH}",
            out.len()
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// Runs `smtp-sim open`: decodes the link, replays what the client sent through the engine and
/// prints the transcript, each reply that differs from the recording marked `! drift`. Exit 0
/// when nothing drifted, 1 when something did, 2 when the link does not decode (as `diff` does).
pub fn open(a: OpenArgs) -> Outcome {
    let link = if a.link == "-" {
        read_input(std::path::Path::new("-"))?
    } else {
        a.link
    };
    let text = match share::decode(&link) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("smtp-sim: {e}");
            return Ok(ExitCode::from(2));
        }
    };
    let Some(t) = capture::read(&text) else {
        eprintln!("smtp-sim: the link holds no transcript");
        return Ok(ExitCode::from(2));
    };
    let mut out = io::stdout().lock();
    let recorded_by = t.meta.engine.as_deref().unwrap_or("unknown");
    let _ = writeln!(
        out,
        "# smtp-sim open: format {}, persona {}, recorded by engine {}, replayed by {}",
        t.format.name(),
        untrusted(t.meta.persona.as_deref().unwrap_or("strict")),
        untrusted(recorded_by),
        env!("CARGO_PKG_VERSION"),
    );
    let (greeting, replayed) = capture::replay(&t);
    for line in &greeting {
        let _ = writeln!(out, "S: {}", untrusted(line));
    }
    let mut drifted = 0;
    for r in &replayed {
        let s = &r.step;
        let shown = match (s.redacted, s.line.as_str()) {
            (true, "*") => "<redacted>".to_owned(),
            (true, command) => format!("{command} <redacted>"),
            (false, line) => line.to_owned(),
        };
        let shown = shown.as_str();
        let _ = match (s.data, shown.is_empty()) {
            (true, true) => writeln!(out, "|"),
            (true, false) => writeln!(out, "| {}", untrusted(shown)),
            (false, _) => writeln!(out, "C: {}", untrusted(shown)),
        };
        for line in &r.now {
            let _ = writeln!(out, "S: {}", untrusted(line));
        }
        if s.redacted {
            let _ = writeln!(out, "   # not replayed: credentials redacted");
        }
        if let Some(d) = &r.drift {
            drifted += 1;
            let _ = writeln!(
                out,
                "   ! drift: recorded {:?}, this engine says {:?}",
                untrusted(&d.recorded),
                untrusted(&d.now)
            );
        }
    }
    let _ = out.flush();
    if drifted > 0 {
        eprintln!(
            "smtp-sim: drift: {drifted} of {} inputs got replies that differ from the recording",
            replayed.len()
        );
        return Ok(ExitCode::FAILURE);
    }
    Ok(ExitCode::SUCCESS)
}
