//! qmail-send's bounce text: `<a@b>:` then what happened (`192.0.2.1 does not like recipient.`,
//! `Connected to 192.0.2.1 but sender was rejected.`, `… failed after I sent the message.`),
//! `Remote host said: 550 5.1.1 …`, and qmail's own status in parentheses, `(#5.1.1)`.

use smtp_sim_core::command::Verb;
use smtp_sim_core::sequence::Prompt;

use super::assemble::{assemble, Wrap};
use super::text::{
    after, after_code, code_at_start, contains_ci, enhanced_at_start, lone_address, three_digits,
    Line,
};
use super::{Action, Command, CommandFrom, Finding, Format, Partial, Software, StatusFrom};

/// qmail's sentences, each saying which step the remote server refused.
const STEPS: &[(&str, Option<Prompt>)] = &[
    ("does not like recipient", Some(Prompt::Command(Verb::Rcpt))),
    ("but sender was rejected", Some(Prompt::Command(Verb::Mail))),
    (
        "but my name was rejected",
        Some(Prompt::Command(Verb::Helo)),
    ),
    ("failed after I sent the message", Some(Prompt::EndOfData)),
    ("failed on DATA command", Some(Prompt::Command(Verb::Data))),
    (
        "most progress was RCPT TO response",
        Some(Prompt::Command(Verb::Rcpt)),
    ),
    (
        "most progress was MAIL FROM response",
        Some(Prompt::Command(Verb::Mail)),
    ),
    (
        "wasn't able to establish an SMTP connection",
        Some(Prompt::Connect),
    ),
    ("Connected to", None),
];

pub(crate) fn read(lines: &[Line]) -> Option<Partial> {
    let qmail = lines.iter().any(|l| {
        let r = &l.raw;
        r.contains("qmail-send program")
            || r.contains("Giving up on")
            || r.contains("does not like recipient")
            || r.contains("failed after I sent the message")
            || r.contains("no SMTP connection got far enough")
            || has_qmail_status(r)
    });
    if !qmail {
        return None;
    }
    let mut p = Partial::new(Format::Qmail, Some(Software::Qmail));
    let mut i = 0;
    while i < lines.len() {
        let Some(addr) = lone_address(lines[i].bare()).filter(|_| lines[i].bare().ends_with(':'))
        else {
            i += 1;
            continue;
        };
        let mut f = Finding {
            recipient: Some(addr.to_owned()),
            action: Some(Action::Failed),
            ..Finding::default()
        };
        let mut j = i + 1;
        let mut pieces: Vec<(usize, String)> = Vec::new();
        while let Some(l) = lines.get(j) {
            let b = l.bare();
            if l.is_blank() || (lone_address(b).is_some() && b.ends_with(':')) {
                break;
            }
            if let Some((_, step)) = STEPS.iter().find(|(s, _)| b.contains(s)) {
                if let Some(prompt) = step {
                    f.command = Some(Command {
                        prompt: *prompt,
                        wording: STEPS
                            .iter()
                            .find(|(s, _)| b.contains(s))
                            .map_or("", |(s, _)| s)
                            .to_owned(),
                        from: CommandFrom::Stated,
                        line: None,
                    });
                }
                f.host = host_before(b);
            }
            if let Some(e) = qmail_status(b) {
                f.status = Some((e, StatusFrom::Qmail));
                if f.detail.is_none() && !b.contains("said:") {
                    f.detail = Some(strip_status(b).to_owned());
                }
            }
            let reply = after(b, "said:").map(str::trim);
            match reply {
                Some(r) if code_at_start(r).is_some() => pieces.push((l.no, r.to_owned())),
                Some(_) => pieces.push((l.no, String::new())),
                None if !pieces.is_empty() && continues(b, &pieces) => {
                    pieces.push((l.no, b.to_owned()))
                }
                None => {}
            }
            j += 1;
        }
        pieces.retain(|(_, t)| !t.is_empty());
        let cleaned: Vec<(usize, String)> = pieces
            .into_iter()
            .map(|(n, t)| (n, strip_status(&t).to_owned()))
            .collect();
        let refs: Vec<(usize, &str)> = cleaned.iter().map(|(n, s)| (*n, s.as_str())).collect();
        f.reply = assemble(&refs, Wrap::Join).0;
        p.findings.push(f);
        i = j;
    }
    Some(p)
}

/// A line after `Remote host said:` that still belongs to the reply: another line of it, or the
/// rest of a line split by its own CR/LF (qmail prints them raw).
fn continues(b: &str, pieces: &[(usize, String)]) -> bool {
    if b.starts_with("Giving up") || b.starts_with("I'm not going") || b.starts_with("(Other") {
        return false;
    }
    let code = pieces.iter().find_map(|(_, t)| three_digits(t));
    let pending = pieces
        .last()
        .is_some_and(|(_, t)| t.is_empty() || after_code(t).starts_with('-'));
    match code {
        Some(c) if three_digits(b) == Some(c) => true,
        _ => pending || b.starts_with(". (#") || b.starts_with('['),
    }
}

fn host_before(b: &str) -> Option<String> {
    let b = b.strip_prefix("Connected to ").unwrap_or(b);
    let b = after(b, "> ")
        .filter(|_| b.contains("RCPT: <"))
        .unwrap_or(b);
    let b = after(b, "remote host ").unwrap_or(b);
    let token = b.split_whitespace().next()?;
    token
        .chars()
        .all(|c| c.is_ascii_hexdigit() || c == '.' || c == ':')
        .then(|| token.to_owned())
}

fn has_qmail_status(s: &str) -> bool {
    qmail_status(s).is_some()
}

/// qmail's `(#5.1.1)`.
fn qmail_status(s: &str) -> Option<smtp_sim_core::reply::EnhancedCode> {
    let r = after(s, "(#")?;
    enhanced_at_start(r)
}

fn strip_status(s: &str) -> &str {
    match s.rfind("(#") {
        Some(i) if contains_ci(s.get(i..).unwrap_or(""), ")") => s
            .get(..i)
            .unwrap_or(s)
            .trim_end()
            .trim_end_matches('.')
            .trim_end(),
        _ => s,
    }
}
