//! `smtp-sim explain` and `smtp-sim compare`: the catalogue in a terminal.
//!
//! Output is plain text wrapped at 78 columns, with bold headings only when stdout is a
//! terminal and `NO_COLOR` is unset. Every text goes into the output through
//! [`crate::term::untrusted`]: a pasted reply may carry escape sequences, and the catalogue's
//! own texts pass through unchanged.

use std::io::{IsTerminal, Read, Write};
use std::process::ExitCode;

use smtp_sim_explain::{
    self as catalog, action_text, command_from_text, labels, lookup, Comparison, EnhancedEntry,
    Entry, ExplainedReply, ExplainedText, Format, Labels, Lang, Lookup, Severity,
};

use crate::term::untrusted;
use crate::{language, Failure, Outcome};

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
        let h = untrusted(h);
        if self.style.bold {
            self.buf.push_str("\x1b[1m");
            self.buf.push_str(&h);
            self.buf.push_str("\x1b[0m\n");
        } else {
            self.buf.push_str(&h);
            self.buf.push('\n');
        }
    }

    /// Appends `text` wrapped at [`WIDTH`], the first line after `first`, the others after
    /// `rest` (both are indents, possibly with a label).
    fn wrap(&mut self, first: &str, rest: &str, text: &str) {
        let first = untrusted(first);
        let mut col = 0;
        self.buf.push_str(&first);
        col += first.chars().count();
        let mut at_start = true;
        for word in text.split_whitespace() {
            let word = untrusted(word);
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
            self.buf.push_str(&word);
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
        self.buf.push_str(&untrusted(line));
        self.buf.push('\n');
    }
}

/// The arguments of `smtp-sim explain` (their help is on the subcommand).
#[derive(clap::Args, Debug)]
pub struct ExplainArgs {
    /// A code, an enhanced code, a reply (its words are joined by spaces), or -
    #[arg(value_name = "CODE|ENHANCED|REPLY|-", required = true)]
    query: Vec<String>,
    /// en (default) or pt-BR
    #[arg(short, long, value_name = "LANG", default_value = "en", value_parser = language)]
    lang: Lang,
    /// The command the reply answered (RCPT, DATA …), to check it fits
    #[arg(short, long, value_name = "VERB", value_parser = command_word)]
    command: Option<String>,
}

/// A `--command` the catalogue can place: a verb, a command line, `.` or END-OF-DATA. Anything
/// else (a typo, a word in another language) is a usage error, not a silent "unknown command".
fn command_word(text: &str) -> Result<String, String> {
    match smtp_sim_core::sequence::Prompt::parse(text) {
        Some(_) if !text.trim().is_empty() => Ok(text.to_owned()),
        _ => Err("takes an SMTP command: EHLO, MAIL, RCPT, DATA, . (end of data) …".into()),
    }
}

/// The arguments of `smtp-sim compare` (their help is on the subcommand).
#[derive(clap::Args, Debug)]
pub struct CompareArgs {
    /// The first code
    #[arg(value_name = "CODE", value_parser = three_digits)]
    a: u16,
    /// The second code
    #[arg(value_name = "CODE", value_parser = three_digits)]
    b: u16,
    /// en (default) or pt-BR
    #[arg(short, long, value_name = "LANG", default_value = "en", value_parser = language)]
    lang: Lang,
}

/// `smtp-sim explain …`.
pub fn explain(a: ExplainArgs) -> Outcome {
    let query = if a.query.len() == 1 && a.query[0] == "-" {
        let mut s = String::new();
        if std::io::stdin().read_to_string(&mut s).is_err() {
            return Err(Failure::Runtime(
                "explain: standard input is not valid UTF-8".into(),
            ));
        }
        s
    } else {
        a.query.join(" ")
    };
    let mut out = Out::new(Style::detect());
    // A bare code or enhanced code is looked up; anything else (a reply, a log line, a whole
    // bounce) is read as pasted text, with the command when one is given.
    let q = query.trim();
    let bare = q.bytes().all(|b| b.is_ascii_digit() || b == b'.') && !q.is_empty();
    let found = if bare && a.command.is_none() {
        lookup(&query, a.lang).map(|l| match l {
            Lookup::Code(e) => Found::Code(e),
            Lookup::Enhanced(e) => Found::Enhanced(e),
            Lookup::Reply(r) => Found::Reply(r),
        })
    } else {
        catalog::explain_text(&query, a.command.as_deref(), a.lang)
            .map(|t| Found::Text(Box::new(t)))
            .map_err(catalog::LookupError::Reply)
    };
    match found {
        Ok(Found::Code(e)) => render_entry(&mut out, &e),
        Ok(Found::Enhanced(e)) => render_enhanced(&mut out, &e, a.lang),
        Ok(Found::Reply(r)) => render_reply(&mut out, &r, a.lang),
        Ok(Found::Text(t)) => render_text(&mut out, &t, a.lang),
        Err(e) => {
            return Err(Failure::Runtime(format!(
                "explain: {}: {}",
                query.trim(),
                e.description(a.lang)
            )))
        }
    }
    Ok(emit(&out.buf))
}

/// What `explain` found to print.
enum Found {
    Code(Entry),
    Enhanced(EnhancedEntry),
    Reply(Box<ExplainedReply>),
    Text(Box<ExplainedText>),
}

/// A reply code as `compare` takes it: three digits.
fn three_digits(s: &str) -> Result<u16, String> {
    match s.parse::<u16>() {
        Ok(c) if s.len() == 3 && s.bytes().all(|b| b.is_ascii_digit()) => Ok(c),
        _ => Err("is not a three-digit code".into()),
    }
}

/// `smtp-sim compare A B`.
pub fn compare(a: CompareArgs) -> Outcome {
    if let Some(unknown) = [a.a, a.b].into_iter().find(|c| !catalog::is_known(*c)) {
        return Err(Failure::Runtime(format!(
            "compare: {unknown}: {}",
            catalog::LookupError::UnknownCode.description(a.lang)
        )));
    }
    let Some(c) = catalog::compare(a.a, a.b, a.lang) else {
        return Err(Failure::Runtime("compare: no comparison".into()));
    };
    let mut out = Out::new(Style::detect());
    render_comparison(&mut out, &c);
    Ok(emit(&out.buf))
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
        for w in &e.in_the_wild {
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
    render_reply_lines(out, r, lang);
    render_reply_entries(out, r, lang);
}

/// Anything pasted: the reply, then what the text says around it, then the explanations.
fn render_text(out: &mut Out, t: &ExplainedText, lang: Lang) {
    let l = labels(lang);
    if let Some(r) = &t.reply {
        render_reply_lines(out, r, lang);
    }
    let plain = t.format == Format::Reply && t.writer.is_none() && t.recipient.is_none();
    if !plain || t.remote.is_some() {
        out.heading(l.read_as);
        out.para(t.format_text);
        if let Some(w) = t.writer {
            out.labelled(l.written_by, w.name());
        }
        let from = match (t.remote, &t.remote_host) {
            (Some(r), Some(h)) => Some(format!("{} ({h})", r.name())),
            (Some(r), None) => Some(r.name().to_owned()),
            (None, Some(h)) => Some(h.clone()),
            (None, None) => None,
        };
        if let Some(f) = from {
            out.labelled(l.reply_from, &f);
        }
        if let Some(rcpt) = &t.recipient {
            out.labelled(l.recipient, rcpt);
        }
        if let (Some(a), Some(how)) = (t.answers_text, t.command_from) {
            out.labelled(
                l.answers,
                &format!("{a} ({})", command_from_text(how, lang)),
            );
        }
        if t.code.is_none() {
            if let Some(e) = t.enhanced {
                out.labelled(l.status, &e.to_string());
            }
        }
    }
    out.heading(l.what_to_do);
    out.para(t.advice.text);
    let bounce = !matches!(t.format, Format::Reply | Format::Transcript);
    if bounce && !t.recipients.is_empty() {
        out.heading(&format!("{} ({})", l.recipients, t.recipients.len()));
        for s in &t.recipients {
            let mut head = s.address.clone();
            let code = s.code.map(|c| c.to_string());
            let enhanced = s.enhanced.map(|e| e.to_string());
            let status: Vec<String> = [code, enhanced].into_iter().flatten().collect();
            if !status.is_empty() {
                head.push_str(" — ");
                head.push_str(&status.join(" "));
            }
            if let Some(a) = s.answers {
                head.push_str(" · ");
                head.push_str(a);
            }
            if let Some(a) = s.action {
                head.push_str(" · ");
                head.push_str(action_text(a, lang));
            }
            out.wrap("  - ", "    ", &head);
            let from = match (s.remote, &s.remote_host) {
                (Some(r), Some(h)) => Some(format!("{} ({h})", r.name())),
                (Some(r), None) => Some(r.name().to_owned()),
                (None, Some(h)) => Some(h.clone()),
                (None, None) => None,
            };
            if let Some(f) = from {
                out.wrap("    ", "    ", &format!("{}: {f}", l.reply_from));
            }
            if !s.text.is_empty() {
                out.wrap("    ", "    ", &s.text);
            }
            out.wrap("    → ", "      ", s.advice.text);
        }
    }
    if !t.notes.is_empty() {
        out.heading(l.how_read);
        for n in &t.notes {
            out.wrap("  - ", "    ", &n.text);
        }
    }
    // The enhanced code the text gives elsewhere (a DSN's Status:) when the reply has none.
    if t.reply.as_ref().is_none_or(|r| r.enhanced_entry.is_none()) {
        if let Some(e) = &t.enhanced_entry {
            out.buf.push('\n');
            render_enhanced(out, e, lang);
        }
    }
    if let Some(r) = &t.reply {
        render_reply_entries(out, r, lang);
    }
}

/// The reply's lines, its warnings and what it means after its command.
fn render_reply_lines(out: &mut Out, r: &ExplainedReply, lang: Lang) {
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
}

/// The explanations of the reply's enhanced code and code.
fn render_reply_entries(out: &mut Out, r: &ExplainedReply, lang: Lang) {
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
