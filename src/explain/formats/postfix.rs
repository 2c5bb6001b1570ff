//! Postfix's wordings: its log records (`postfix/smtp[…]: … to=<a@b>, relay=…, dsn=5.1.1,
//! status=bounced (host … said: … (in reply to RCPT TO command))`, `NOQUEUE: reject: RCPT from
//! …: 554 5.7.1 …; from=<…> to=<…>`) and the text of its bounces (`<a@b>: host mx[ip] said: 550
//! 5.1.1 … (in reply to RCPT TO command)`, `refused to talk to me`), wrapped at 78 columns with
//! an indent, a multi-line reply flattened onto one line.

use super::assemble::{assemble, Wrap};
use super::text::{after, code_at_start, enhanced_at_start, first_address, host_name, Line};
use super::{
    command_named, Action, Command, CommandFrom, Finding, Format, NoteKind, Partial, Software,
    StatusFrom,
};

const SIGNS: &[&str] = &[
    "said:",
    "refused to talk to me",
    "postfix/",
    "/smtp[",
    "/smtpd[",
    "/lmtp[",
    ": reject: ",
    "smtpd_check",
    "(in reply to",
    "status=bounced",
    "status=deferred",
    "status=sent",
    "lost connection with",
    "This is the mail system at host",
];

/// Signs that only Postfix writes.
const OWN: &[&str] = &[
    "postfix/",
    "(in reply to",
    "refused to talk to me",
    "NOQUEUE: reject",
    "smtpd_check",
    "This is the mail system at host",
    "lost connection with",
];

pub(crate) fn read(lines: &[Line]) -> Option<Partial> {
    let joined: Vec<&str> = lines.iter().map(|l| l.raw.as_str()).collect();
    let has = |m: &str| joined.iter().any(|l| l.contains(m));
    if !(SIGNS.iter().any(|s| has(s)) || has("(in reply") && has("said")) {
        return None;
    }
    let writer = (OWN.iter().any(|s| has(s)) || has("(in reply")).then_some(Software::Postfix);
    let mut p = Partial::new(Format::Postfix, writer);
    for rec in records(lines) {
        let text = super::text::join_trimmed(rec.iter().map(|l| l.bare()));
        let no = rec.first().map_or(1, |l| l.no);
        if let Some(mut f) = read_record(&text, no) {
            if rec.len() > 1 && !f.reply.is_empty() {
                p.note(NoteKind::Unwrapped, rec.len() - 1);
            }
            let flattened = f.reply.len().saturating_sub(1);
            if flattened > 0 {
                p.note(NoteKind::Flattened, f.reply.len());
            }
            if f.remote.is_none() && text.contains(": reject: ") {
                f.remote = Some(Software::Postfix);
            }
            p.findings.push(f);
        }
    }
    Some(p)
}

fn is_start(l: &Line) -> bool {
    let b = l.bare();
    let before_colon = b.split(": ").next().unwrap_or("");
    (b.starts_with('<') && (b.contains(">:") || b.contains("> (expanded")))
        || (before_colon.contains('@')
            && !before_colon.contains(' ')
            && b.get(before_colon.len()..)
                .is_some_and(|r| r.starts_with(": host")))
        || b.starts_with("host ")
        || b.contains("delivery via ")
        || ["postfix/", "/smtp[", "/smtpd[", "/lmtp[", "smtpd_check:"]
            .iter()
            .any(|m| b.contains(m))
        || code_at_start(b).is_some()
}

/// Groups lines into records: a record starts at a recognised first line, or after a blank line
/// at a line that is not indented; indented lines continue it.
fn records(lines: &[Line]) -> Vec<Vec<&Line>> {
    let mut out: Vec<Vec<&Line>> = Vec::new();
    let mut gap = false;
    for l in lines {
        if l.is_blank() {
            gap = true;
            continue;
        }
        let indented = l.raw.starts_with([' ', '\t']);
        // A line indented deeper than the record's first, or a reply under a line that ends in
        // "said:", continues the record (Postfix indents its wrapped lines).
        let continues = out.last().is_some_and(|r| {
            r.first().is_some_and(|f| f.indent() < l.indent())
                || (code_at_start(l.bare()).is_some()
                    && r.last().is_some_and(|p| p.raw.trim_end().ends_with(':')))
        });
        let start = (is_start(l) && !continues) || out.is_empty() || (gap && !indented);
        match out.last_mut() {
            Some(r) if !start => r.push(l),
            _ => out.push(vec![l]),
        }
        gap = false;
    }
    out
}

/// Reads one record, joined onto one line.
fn read_record(text: &str, no: usize) -> Option<Finding> {
    if code_at_start(text).is_some() {
        let (reply, cmd) = super::plain::split_in_reply_to(text);
        return Some(Finding {
            reply: reply_lines(reply, no),
            command: cmd.and_then(|c| command_named(c, CommandFrom::Stated)),
            ..Finding::default()
        });
    }
    if let Some(r) = after(text, ": reject: ") {
        return Some(reject(r, no));
    }
    if text.contains("status=") || text.contains("dsn=") || text.contains(" to=<") {
        return log_record(text, no);
    }
    // Verbose smtpd logging of its own reply: "> unknown[10.5.0.1]: 220 …".
    if let Some(r) = after(text, ": > ") {
        let reply = r.split_once("]: ").map(|(_, r)| r)?;
        return code_at_start(reply).map(|_| Finding {
            reply: reply_lines(reply, no),
            remote: Some(Software::Postfix),
            ..Finding::default()
        });
    }
    let f = sentence(text, no);
    (f.has_code() || f.recipient.is_some()).then_some(f)
}

/// `RCPT from host[ip]: 554 5.7.1 …; from=<a> to=<b> proto=ESMTP helo=<h>`.
fn reject(r: &str, no: usize) -> Finding {
    let verb = r.split_whitespace().next().unwrap_or("");
    let command = command_named(verb, CommandFrom::Stated);
    let reply = r
        .split_once("]: ")
        .map(|(_, x)| x)
        .or_else(|| after(r, ": "))
        .unwrap_or("");
    let end = ["; from=<", "; proto=", "; helo="]
        .iter()
        .filter_map(|m| reply.rfind(m))
        .min()
        .unwrap_or(reply.len());
    let reply = reply.get(..end).unwrap_or(reply);
    let recipient = after(r, " to=<")
        .and_then(|t| t.split('>').next())
        .filter(|a| !a.is_empty())
        .map(str::to_owned);
    Finding {
        recipient,
        reply: if code_at_start(reply).is_some() {
            reply_lines(reply, no)
        } else {
            Vec::new()
        },
        command,
        ..Finding::default()
    }
}

/// `… to=<a@b>, relay=mx[ip]:25, …, dsn=5.1.1, status=bounced (host … said: …)`.
fn log_record(text: &str, no: usize) -> Option<Finding> {
    let field = |name: &str| {
        after(text, name).map(|v| {
            v.split([',', ' '])
                .next()
                .unwrap_or("")
                .trim_end_matches(',')
        })
    };
    let mut f = Finding {
        recipient: field("to=<").map(|v| v.trim_end_matches('>').to_owned()),
        ..Finding::default()
    };
    if let Some(e) = field("dsn=").and_then(enhanced_at_start) {
        f.status = Some((e, StatusFrom::Log));
    }
    if let Some(relay) = field("relay=").filter(|r| *r != "none") {
        f.host = host_name(relay);
    }
    f.action = field("status=").and_then(Action::parse);
    if let Some(detail) = after(text, "status=").and_then(|s| after(s, " (")) {
        let detail = detail.trim_end_matches('`').trim_end();
        let detail = detail.strip_suffix(')').unwrap_or(detail);
        let s = sentence(detail, no);
        if s.reply.is_empty() {
            f.detail = Some(detail.to_owned());
        }
        f.reply = s.reply;
        f.command = s.command;
        if s.host.is_some() {
            f.host = s.host;
        }
    }
    Some(f)
}

/// The sentence of a Postfix bounce: `<a@b> (expanded from <c@d>): host mx[ip] said: REPLY (in
/// reply to RCPT TO command)`, `… refused to talk to me: REPLY`, `<a@b>: REPLY`.
fn sentence(text: &str, no: usize) -> Finding {
    let mut f = Finding::default();
    let (body, command) = match text.rsplit_once("(in reply ") {
        Some((b, c)) => {
            let c = c.trim_end_matches(')').trim();
            let c = c.strip_prefix("to ").unwrap_or(c);
            let c = c.strip_suffix(" command").unwrap_or(c);
            (b.trim_end(), command_named(c, CommandFrom::Stated))
        }
        None => (text, None),
    };
    f.command = command;
    let (head, reply) = if let Some((h, r)) = body.split_once("refused to talk to me:") {
        f.command = Some(Command {
            prompt: smtp_sim_core::sequence::Prompt::Connect,
            wording: "refused to talk to me".to_owned(),
            from: CommandFrom::Stated,
            line: None,
        });
        (h, r.trim())
    } else if let Some((h, r)) = body.split_once("said:") {
        (h, r.trim())
    } else if let Some(i) = body.find(">: ") {
        let (h, r) = body.split_at_checked(i + 3).unwrap_or((body, ""));
        (h, r.trim())
    } else {
        (body, "")
    };
    let who = head.split(" host ").next().unwrap_or(head);
    if who.contains('@') {
        f.recipient = first_address(who).map(str::to_owned);
    }
    if let Some(h) = after(head, "host ").or_else(|| head.strip_prefix("host ")) {
        f.host = host_name(h);
    }
    if code_at_start(reply).is_some() {
        f.reply = reply_lines(reply, no);
    }
    f
}

fn reply_lines(reply: &str, no: usize) -> Vec<super::RawLine> {
    assemble(&[(no, reply)], Wrap::Join).0
}
