//! Sendmail's wordings: the bounce body (`----- The following addresses had permanent fatal
//! errors -----`, `<a@b>` and `(reason: 550 5.1.1 …)` per recipient, then `----- Transcript of
//! session follows -----` with `>>>` for what it sent and `<<<` for what it received, and its own
//! status line per recipient, `550 5.1.1 <a@b>... User unknown`), and its log lines
//! (`… to=<a@b>, …, relay=mx. [ip], dsn=4.0.0, stat=Deferred: 421-4.7.0 …`).

use super::assemble::{assemble, Wrap};
use super::text::{
    after, after_code, code_at_start, contains_ci, enhanced_at_start, first_address, host_name,
    lone_address, three_digits, Line,
};
use super::{transcript, Action, Finding, Format, NoteKind, Partial, Software, StatusFrom};

pub(crate) fn read(lines: &[Line]) -> Option<Partial> {
    let has = |m: &str| lines.iter().any(|l| contains_ci(&l.raw, m));
    let header = has("The following addresses had");
    let transcript_header =
        has("Transcript of session follows") || has("Transcript of the session follows");
    let log = lines.iter().any(|l| is_log(&l.raw));
    if !(header || transcript_header || has("... while talking to") || log) {
        return None;
    }
    // Trend Micro's InterScan writes the same report with "Transcript of the session".
    let writer = (!has("Transcript of the session")).then_some(Software::Sendmail);
    let mut p = Partial::new(Format::Sendmail, writer);
    if log {
        for l in lines.iter().filter(|l| is_log(&l.raw)) {
            let f = log_line(&l.raw, l.no, &mut p);
            p.findings.push(f);
        }
        return Some(p);
    }
    // The session starts at its heading, or at "... while talking to" when the heading was
    // not pasted.
    let start = lines
        .iter()
        .position(|l| contains_ci(&l.raw, "Transcript of"))
        .or_else(|| {
            lines
                .iter()
                .position(|l| l.raw.contains("while talking to"))
        })
        .unwrap_or(lines.len());
    let session = lines.get(start..).unwrap_or(&[]);
    let host = session
        .iter()
        .find_map(|l| after(&l.raw, "while talking to ").and_then(host_name));
    let own = own_statuses(session);
    let replies = transcript::read(session).map(|t| {
        for n in t.notes {
            p.note(n.kind, n.count);
        }
        t.findings
    });
    let replies = replies.unwrap_or_default();
    let listed = listed(lines.get(..start).unwrap_or(lines));
    if listed.is_empty() {
        for f in &replies {
            let mut f = f.clone();
            f.host = f.host.or_else(|| host.clone());
            p.findings.push(f);
        }
    }
    for (addr, reason) in listed {
        let mut f = Finding {
            recipient: Some(addr.clone()),
            host: host.clone(),
            action: Some(Action::Failed),
            ..Finding::default()
        };
        let matching = |r: &&Finding| {
            let first = r.reply.first().map_or("", |l| l.text.as_str());
            match &reason {
                Some((_, text)) => same_words(first, text),
                None => {
                    r.code().is_some_and(|c| c >= 400)
                        && r.reply.iter().any(|l| contains_ci(&l.text, &addr))
                }
            }
        };
        let found = replies.iter().find(matching).or_else(|| {
            reason
                .is_none()
                .then(|| replies.iter().find(|r| r.code().is_some_and(|c| c >= 400)))
                .flatten()
        });
        match (found, &reason) {
            (Some(r), _) => {
                f.reply = r.reply.clone();
                f.command = r.command.clone();
            }
            (None, Some((no, text))) => {
                f.reply = assemble(&[(*no, text.as_str())], Wrap::Join).0;
            }
            (None, None) => {}
        }
        if f.own_enhanced().is_none() {
            if let Some((_, e)) = own.iter().find(|(a, _)| a.eq_ignore_ascii_case(&addr)) {
                f.status = Some((*e, StatusFrom::Sendmail));
            }
        }
        p.findings.push(f);
    }
    Some(p)
}

fn is_log(s: &str) -> bool {
    (s.contains("sm-mta[") || s.contains("sendmail[")) && s.contains("stat=")
}

/// `to=<a@b>, …, relay=mx. [ip], dsn=4.0.0, stat=Deferred: 421-4.7.0 …`.
fn log_line(s: &str, no: usize, p: &mut Partial) -> Finding {
    let mut f = Finding::default();
    if let Some(to) = after(s, " to=") {
        f.recipient = first_address(to.split(',').next().unwrap_or("")).map(str::to_owned);
    }
    if let Some(relay) = after(s, "relay=") {
        f.host = host_name(relay.split(',').next().unwrap_or("")).filter(|h| !h.starts_with('['));
    }
    if let Some(e) = after(s, "dsn=").and_then(enhanced_at_start) {
        f.status = Some((e, StatusFrom::Log));
    }
    if let Some(stat) = after(s, "stat=") {
        let stat = stat.trim();
        f.action = if stat.starts_with("Sent") {
            Some(Action::Delivered)
        } else if stat.starts_with("Deferred") {
            Some(Action::Delayed)
        } else {
            Some(Action::Failed)
        };
        let text = stat
            .split_once(": ")
            .map(|(_, r)| r)
            .filter(|r| code_at_start(r).is_some())
            .or_else(|| code_at_start(stat).map(|_| stat));
        if text.is_none() {
            f.detail = Some(stat.to_owned());
        }
        if let Some(t) = text {
            f.reply = assemble(&[(no, t)], Wrap::Join).0;
            if f.reply
                .last()
                .is_some_and(|l| after_code(&l.text).starts_with('-'))
            {
                f.partial = true;
                p.note(NoteKind::PartialReply, 0);
            }
        }
    }
    f
}

/// The recipients listed before the transcript, with their `(reason: …)` when given.
fn listed(lines: &[Line]) -> Vec<(String, Option<(usize, String)>)> {
    let mut out: Vec<(String, Option<(usize, String)>)> = Vec::new();
    let Some(start) = lines
        .iter()
        .position(|l| contains_ci(&l.raw, "The following addresses had"))
    else {
        return out;
    };
    for l in lines.get(start + 1..).unwrap_or(&[]) {
        let b = l.bare();
        if let Some(r) = b.strip_prefix("(reason:") {
            let r = r.trim().strip_suffix(')').unwrap_or(r.trim());
            if let Some(last) = out.last_mut() {
                last.1 = Some((l.no, r.to_owned()));
            }
        } else if let Some(a) = lone_address(b) {
            out.push((a.to_owned(), None));
        } else if b.starts_with("-----") {
            break;
        }
    }
    out
}

/// Sendmail's own status lines in the transcript: `550 5.1.1 <a@b>... User unknown`.
fn own_statuses(lines: &[Line]) -> Vec<(String, smtp_sim_core::reply::EnhancedCode)> {
    let mut out = Vec::new();
    for l in lines {
        let b = l.bare();
        if three_digits(b).is_none() || code_at_start(b).is_none() {
            continue;
        }
        let rest = after_code(b).trim_start_matches([' ', '-']);
        let Some(e) = enhanced_at_start(rest) else {
            continue;
        };
        let Some((who, _)) = rest.split_once("... ") else {
            continue;
        };
        if let Some(a) = first_address(who) {
            out.push((a.to_owned(), e));
        }
    }
    out
}

/// True when two renderings of a reply line say the same words.
fn same_words(a: &str, b: &str) -> bool {
    let w = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let (a, b) = (w(a), w(b));
    !a.is_empty() && (a == b || a.starts_with(&b) || b.starts_with(&a))
}
