//! `smtp-sim explain` and `smtp-sim compare`: the catalogue in a terminal.
//!
//! Output is plain text wrapped at 78 columns, with bold headings only when stdout is a
//! terminal and `NO_COLOR` is unset.

use std::io::{IsTerminal, Read, Write};
use std::process::ExitCode;

use smtp_sim_explain::{
    self as catalog, compare, labels, lookup, Comparison, EnhancedEntry, Entry, ExplainedReply,
    Labels, Lang, Lookup, Severity,
};

const WIDTH: usize = 78;

/// How to print headings.
#[derive(Clone, Copy)]
struct Style {
    bold: bool,
}

impl Style {
    fn detect() -> Self {
        Style {
            bold: std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
        }
    }
}

struct Out {
    buf: String,
    style: Style,
}

impl Out {
    fn new(style: Style) -> Self {
        Out {
            buf: String::with_capacity(4096),
            style,
        }
    }

    fn heading(&mut self, h: &str) {
        if !self.buf.is_empty() && !self.buf.ends_with("\n\n") {
            self.buf.push('\n');
        }
        if self.style.bold {
            self.buf.push_str("\x1b[1m");
            self.buf.push_str(h);
            self.buf.push_str("\x1b[0m\n");
        } else {
            self.buf.push_str(h);
            self.buf.push('\n');
        }
    }

    /// Appends `text` wrapped at [`WIDTH`], the first line after `first`, the others after
    /// `rest` (both are indents, possibly with a label).
    fn wrap(&mut self, first: &str, rest: &str, text: &str) {
        let mut col = 0;
        self.buf.push_str(first);
        col += first.chars().count();
        let mut at_start = true;
        for word in text.split_whitespace() {
            let w = word.chars().count();
            if !at_start && col + 1 + w > WIDTH {
                self.buf.push('\n');
                self.buf.push_str(rest);
                col = rest.chars().count();
                at_start = true;
            }
            if !at_start {
                self.buf.push(' ');
                col += 1;
            }
            self.buf.push_str(word);
            col += w;
            at_start = false;
        }
        self.buf.push('\n');
    }

    fn para(&mut self, text: &str) {
        self.wrap("  ", "  ", text);
    }

    fn labelled(&mut self, label: &str, text: &str) {
        let first = format!("  {label}: ");
        self.wrap(&first, "    ", text);
    }

    /// A line printed as is (reply text keeps its spacing), indented.
    fn raw(&mut self, prefix: &str, line: &str) {
        self.buf.push_str(prefix);
        self.buf.push_str(line);
        self.buf.push('\n');
    }
}

/// What the options said.
struct Args {
    lang: Lang,
    command: Option<String>,
    positional: Vec<String>,
}

const EXPLAIN_USAGE: &str =
    "usage: smtp-sim explain CODE|ENHANCED|REPLY|- [--lang en|pt-BR] [--command VERB]";
const COMPARE_USAGE: &str = "usage: smtp-sim compare CODE CODE [--lang en|pt-BR]";

const EXPLAIN_HELP: &str = "\
smtp-sim explain — what an SMTP reply means

Usage: smtp-sim explain CODE|ENHANCED|REPLY|- [--lang en|pt-BR] [--command VERB]

  CODE       a reply code: 354
  ENHANCED   an enhanced status code: 5.7.1
  REPLY      a whole reply line, quoted: '550 5.1.1 <bob@example.test>: Recipient address rejected'
  -          read a reply (one line or several) from stdin
  --command  the command the reply answered (RCPT, DATA …), to check it fits
  --lang     en (default) or pt-BR";

const COMPARE_HELP: &str = "\
smtp-sim compare — two reply codes side by side

Usage: smtp-sim compare CODE CODE [--lang en|pt-BR]

Shows each code's class, category, description, when you see it and what the client does next,
then the key differences and when to use which (with a note for pairs people often confuse).
  --lang     en (default) or pt-BR";

fn wants_help(args: &[String]) -> bool {
    args.iter().any(|a| a == "-h" || a == "--help")
}

fn parse_args(args: &[String], allow_command: bool) -> Result<Args, String> {
    let mut out = Args {
        lang: Lang::En,
        command: None,
        positional: Vec::new(),
    };
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let (key, inline) = match a.split_once('=') {
            Some((k, v)) if k.starts_with("--") => (k, Some(v.to_owned())),
            _ => (a.as_str(), None),
        };
        match key {
            "--lang" | "-l" => {
                let v = inline
                    .or_else(|| it.next().cloned())
                    .ok_or("--lang needs a value: en or pt-BR")?;
                out.lang = Lang::parse(&v)
                    .ok_or_else(|| format!("unknown language '{v}' (en or pt-BR)"))?;
            }
            "--command" | "-c" if allow_command => {
                let v = inline
                    .or_else(|| it.next().cloned())
                    .ok_or("--command needs a value, e.g. RCPT")?;
                out.command = Some(v);
            }
            k if k.starts_with("--")
                || (k.starts_with('-') && k.len() > 1 && !k.as_bytes()[1].is_ascii_digit()) =>
            {
                return Err(format!("unknown option '{a}'"));
            }
            _ => out.positional.push(a.clone()),
        }
    }
    Ok(out)
}

/// `smtp-sim explain …`; `args` excludes the subcommand.
pub fn explain(args: &[String]) -> ExitCode {
    if wants_help(args) {
        println!("{EXPLAIN_HELP}");
        return ExitCode::SUCCESS;
    }
    let a = match parse_args(args, true) {
        Ok(a) if !a.positional.is_empty() => a,
        Ok(_) => return usage_error("explain", "nothing to explain", EXPLAIN_USAGE),
        Err(e) => return usage_error("explain", &e, EXPLAIN_USAGE),
    };
    let query = if a.positional.len() == 1 && a.positional[0] == "-" {
        let mut s = String::new();
        if std::io::stdin().read_to_string(&mut s).is_err() {
            eprintln!("smtp-sim explain: standard input is not valid UTF-8");
            return ExitCode::from(1);
        }
        s
    } else {
        a.positional.join(" ")
    };
    let mut out = Out::new(Style::detect());
    let found = match a.command.as_deref() {
        // With a command, whatever was typed is a reply to that command.
        Some(cmd) => catalog::explain_reply(&query, Some(cmd), a.lang)
            .map(|r| Lookup::Reply(Box::new(r)))
            .map_err(catalog::LookupError::Reply),
        None => lookup(&query, a.lang),
    };
    match found {
        Ok(Lookup::Code(e)) => render_entry(&mut out, &e),
        Ok(Lookup::Enhanced(e)) => render_enhanced(&mut out, &e, a.lang),
        Ok(Lookup::Reply(r)) => render_reply(&mut out, &r, a.lang),
        Err(e) => {
            eprintln!(
                "smtp-sim explain: {}: {}",
                query.trim(),
                e.description(a.lang)
            );
            return ExitCode::from(1);
        }
    }
    emit(&out.buf)
}

/// `smtp-sim compare A B`; `args` excludes the subcommand.
pub fn compare_cmd(args: &[String]) -> ExitCode {
    if wants_help(args) {
        println!("{COMPARE_HELP}");
        return ExitCode::SUCCESS;
    }
    let a = match parse_args(args, false) {
        Ok(a) if a.positional.len() == 2 => a,
        Ok(_) => return usage_error("compare", "give exactly two codes", COMPARE_USAGE),
        Err(e) => return usage_error("compare", &e, COMPARE_USAGE),
    };
    let mut codes = [0u16; 2];
    for (slot, s) in codes.iter_mut().zip(&a.positional) {
        match s.parse::<u16>() {
            Ok(c) if s.len() == 3 && catalog::is_known(c) => *slot = c,
            Ok(_) if s.len() == 3 => {
                eprintln!(
                    "smtp-sim compare: {s}: {}",
                    catalog::LookupError::UnknownCode.description(a.lang)
                );
                return ExitCode::from(1);
            }
            _ => {
                let msg = format!("'{s}' is not a three-digit code");
                return usage_error("compare", &msg, COMPARE_USAGE);
            }
        }
    }
    let Some(c) = compare(codes[0], codes[1], a.lang) else {
        return ExitCode::from(1);
    };
    let mut out = Out::new(Style::detect());
    render_comparison(&mut out, &c);
    emit(&out.buf)
}

fn usage_error(cmd: &str, msg: &str, usage: &str) -> ExitCode {
    eprintln!("smtp-sim {cmd}: {msg}\n{usage}");
    ExitCode::from(2)
}

fn emit(s: &str) -> ExitCode {
    let mut stdout = std::io::stdout().lock();
    // A closed pipe (`| head`) is not an error worth reporting.
    let _ = stdout.write_all(s.as_bytes()).and_then(|()| stdout.flush());
    ExitCode::SUCCESS
}

fn title(out: &mut Out, code: u16, name: &str) {
    let t = format!("{code} {name}");
    out.heading(&t);
}

fn render_entry(out: &mut Out, e: &Entry) {
    let l = labels(e.lang);
    title(out, e.code, e.name);
    out.labelled(
        &format!("{} {} — {}", l.class, e.class.pattern, e.class.name),
        e.class.meaning,
    );
    out.labelled(
        &format!(
            "{} {} — {}",
            l.category, e.category.pattern, e.category.name
        ),
        e.category.meaning,
    );
    out.heading(l.description);
    out.para(e.description);
    out.heading(l.when);
    out.para(e.when);
    out.heading(l.next);
    out.para(e.next);
    out.heading(l.fix);
    out.para(e.fix);
    out.heading(l.confusions);
    for c in &e.confusions {
        out.labelled(&format!("{} {}", c.code, c.name), c.why);
    }
    out.heading(l.produced_by);
    out.para(&e.produced_by.join(", "));
    if !e.enhanced.is_empty() {
        out.heading(l.enhanced);
        out.para(&e.enhanced.join(", "));
    }
    if !e.in_the_wild.is_empty() {
        out.heading(l.in_the_wild);
        for w in e.in_the_wild {
            out.raw("  ", w.server);
            for line in w.reply.lines() {
                out.raw("    ", line);
            }
            out.wrap("    (", "     ", &format!("{})", w.source));
        }
    }
    out.heading(l.rfc);
    out.para(&e.rfc.join(", "));
}

fn render_enhanced(out: &mut Out, e: &EnhancedEntry, lang: Lang) {
    let l = labels(lang);
    out.heading(&e.text);
    out.labelled(
        &format!("{} {} — {}", l.class, e.class.value, e.class.name),
        e.class.meaning,
    );
    out.labelled(
        &format!("{} {} — {}", l.subject, e.subject.value, e.subject.name),
        e.subject.meaning,
    );
    match e.detail {
        Some(d) => out.labelled(&format!("{} {} — {}", l.detail, d.value, d.name), d.meaning),
        None => out.labelled(&format!("{} {}", l.detail, e.code.detail), l.unregistered),
    }
    out.heading(l.rfc);
    out.para(e.rfc);
}

fn render_reply(out: &mut Out, r: &ExplainedReply, lang: Lang) {
    let l = labels(lang);
    out.heading(l.reply_text);
    let head = match r.enhanced {
        Some(e) => format!("  {} {e}", r.code),
        None => format!("  {}", r.code),
    };
    out.raw("", &head);
    for line in &r.lines {
        out.raw("  | ", line);
    }
    if !r.warnings.is_empty() {
        out.heading(l.warnings);
        for w in &r.warnings {
            let mark = match w.severity {
                Severity::Rule => "  ! ",
                Severity::Note => "  i ",
            };
            out.wrap(mark, "    ", &format!("{} ({})", w.text, w.rule));
        }
    }
    if let Some(c) = &r.context {
        out.heading(l.in_context);
        out.para(&c.text);
    }
    if let Some(e) = &r.enhanced_entry {
        out.buf.push('\n');
        render_enhanced(out, e, lang);
    }
    if let Some(e) = &r.entry {
        out.buf.push('\n');
        render_entry(out, e);
    }
}

fn render_comparison(out: &mut Out, c: &Comparison) {
    let l: &Labels = labels(c.lang);
    let heading = format!("{} vs {}", c.a.code, c.b.code);
    out.heading(&heading);
    out.raw("  ", &format!("{} {}", c.a.code, c.a.name));
    out.raw("  ", &format!("{} {}", c.b.code, c.b.name));
    out.buf.push('\n');
    out.para(c.summary);
    out.heading(l.description);
    out.labelled(&c.a.code.to_string(), c.a.description);
    out.labelled(&c.b.code.to_string(), c.b.description);
    out.heading(l.differences);
    for d in &c.differences {
        out.raw("  ", d.aspect);
        out.wrap(&format!("    {}: ", c.a.code), "      ", d.a);
        out.wrap(&format!("    {}: ", c.b.code), "      ", d.b);
    }
    out.raw("  ", l.produced_by);
    out.wrap(
        &format!("    {}: ", c.a.code),
        "      ",
        &c.a.produced_by.join(", "),
    );
    out.wrap(
        &format!("    {}: ", c.b.code),
        "      ",
        &c.b.produced_by.join(", "),
    );
    if !c.shared_commands.is_empty() {
        out.raw("  ", l.shared_commands);
        out.wrap("    ", "    ", &c.shared_commands.join(", "));
    }
    out.heading(l.when_to_use);
    out.labelled(&c.a.code.to_string(), c.a.when);
    out.labelled(&c.b.code.to_string(), c.b.when);
    if let Some(n) = c.note {
        out.heading(l.note);
        out.para(n);
    }
    out.heading(l.fix);
    out.labelled(&c.a.code.to_string(), c.a.fix);
    out.labelled(&c.b.code.to_string(), c.b.fix);
}
