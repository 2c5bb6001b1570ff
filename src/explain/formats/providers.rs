//! Providers' and gateways' own bounce wordings: Gmail's (`Delivery to the following recipient
//! failed permanently:` … `The error that the other server returned was:`), Yahoo's (`Sorry, we
//! were unable to deliver your message to the following address.` … `Remote host said: …
//! [RCPT_TO]`), Oracle Messaging Server's (`Diagnostic code: smtp;…`, `Remote system: dns;…`),
//! Stalwart's (`<a@b> (host 'mx' rejected command 'DATA' with code 550 …)`), and the `Reason:`
//! of gateways such as Symantec MessageLabs.

use smtp_sim_core::command::Verb;
use smtp_sim_core::sequence::Prompt;

use super::assemble::{assemble, Wrap};
use super::plain::reply_start;
use super::text::{
    after, code_at_start, contains_ci, first_address, host_name, lone_address, Line,
};
use super::{command_named, Action, Command, CommandFrom, Finding, Format, Partial, Software};

pub(crate) fn read(lines: &[Line]) -> Option<Partial> {
    let readers: [super::Reader; 5] = [gmail, yahoo, oracle, stalwart, reason];
    readers.iter().find_map(|r| r(lines))
}

/// The reply that starts at line `i` (after `marker` on it, or on the next line), with its
/// continuation lines up to a blank line or a line `stop` accepts.
fn reply_from(
    lines: &[Line],
    i: usize,
    marker: &str,
    stop: impl Fn(&str) -> bool,
) -> (Vec<super::RawLine>, usize) {
    let mut pieces: Vec<(usize, &str)> = Vec::new();
    let mut j = i;
    if let Some(l) = lines.get(i) {
        let rest = after(l.bare(), marker).map(str::trim).unwrap_or("");
        if code_at_start(rest).is_some() {
            pieces.push((l.no, rest));
        }
        j += 1;
    }
    while let Some(l) = lines.get(j) {
        let b = l.bare();
        if l.is_blank() || stop(b) {
            break;
        }
        if pieces.is_empty() && code_at_start(b).is_none() {
            break;
        }
        pieces.push((l.no, b));
        j += 1;
    }
    (assemble(&pieces, Wrap::Join).0, j)
}

/// Gmail's bounce: before 2016 `Delivery to the following recipient failed permanently:` and
/// the address on a line of its own; since, `Your message wasn't delivered to a@b because …`.
fn gmail(lines: &[Line]) -> Option<Partial> {
    if let Some(p) = gmail_now(lines) {
        return Some(p);
    }
    let start = lines
        .iter()
        .position(|l| contains_ci(&l.raw, "Delivery to the following recipient"))?;
    let mut p = Partial::new(Format::ProviderBounce, Some(Software::Gmail));
    let mut f = Finding {
        action: Some(Action::Failed),
        ..Finding::default()
    };
    if contains_ci(&lines[start].raw, "delayed") {
        f.action = Some(Action::Delayed);
    }
    f.recipient = lines
        .get(start + 1..)?
        .iter()
        .filter(|l| !l.is_blank())
        .find_map(|l| lone_address(l.bare()))
        .map(str::to_owned);
    f.host = lines.iter().find_map(|l| {
        after(&l.raw, "rejected by the server for the recipient domain ")
            .and_then(|r| after(r, " by "))
            .and_then(host_name)
    });
    let at = lines.iter().position(|l| {
        [
            "server returned was:",
            "remote server was:",
            "The response was:",
        ]
        .iter()
        .any(|m| l.raw.contains(m))
    })?;
    let (reply, _) = reply_from(lines, at, ":", |_| false);
    f.reply = reply;
    p.findings.push(f);
    Some(p)
}

fn yahoo(lines: &[Line]) -> Option<Partial> {
    lines
        .iter()
        .position(|l| l.raw.contains("we were unable to deliver your message"))?;
    let mut p = Partial::new(Format::ProviderBounce, Some(Software::Yahoo));
    let mut i = 0;
    while i < lines.len() {
        let Some(addr) = lone_address(lines[i].bare()) else {
            i += 1;
            continue;
        };
        let mut f = Finding {
            recipient: Some(addr.to_owned()),
            action: Some(Action::Failed),
            ..Finding::default()
        };
        let mut j = i + 1;
        if let Some(l) = lines.get(j) {
            let marker = if l.bare().starts_with("Remote host said:") {
                "Remote host said:"
            } else {
                ""
            };
            let start = if marker.is_empty() && code_at_start(l.bare()).is_some() {
                j - 1
            } else {
                j
            };
            let (reply, next) = reply_from(lines, start, marker, |b| b.starts_with('['));
            f.reply = reply
                .into_iter()
                .map(|mut r| {
                    if let Some((t, tag)) = r.text.rsplit_once(" [") {
                        if let Some(c) = tag_command(tag) {
                            f.command = Some(c);
                            r.text = t.trim_end().to_owned();
                        }
                    }
                    r
                })
                .collect();
            j = next;
            if let Some(tag) = lines.get(j).map(|l| l.bare()) {
                if let Some(c) = tag.strip_prefix('[').and_then(tag_command) {
                    f.command = Some(c);
                    j += 1;
                }
            }
        }
        p.findings.push(f);
        i = j.max(i + 1);
    }
    Some(p)
}

fn gmail_now(lines: &[Line]) -> Option<Partial> {
    let lead = lines
        .iter()
        .find_map(|l| after(&l.raw, "Your message wasn't delivered to "))?;
    let at = lines
        .iter()
        .position(|l| l.raw.contains("The response from the remote server was:"))?;
    let mut p = Partial::new(Format::ProviderBounce, Some(Software::Gmail));
    let (reply, _) = reply_from(lines, at, ":", |_| false);
    p.findings.push(Finding {
        recipient: first_address(lead.split(" because").next().unwrap_or(lead)).map(str::to_owned),
        reply,
        action: Some(Action::Failed),
        ..Finding::default()
    });
    Some(p)
}

/// Yahoo's `[RCPT_TO]`, `[MAIL_FROM]`, `[DATA]`: the step the remote server refused.
fn tag_command(tag: &str) -> Option<Command> {
    let t = tag.trim().trim_end_matches(']');
    let prompt = match t {
        "RCPT_TO" => Prompt::Command(Verb::Rcpt),
        "MAIL_FROM" => Prompt::Command(Verb::Mail),
        "DATA" => Prompt::Command(Verb::Data),
        "EHLO" | "HELO" => Prompt::Command(Verb::Ehlo),
        _ => return None,
    };
    Some(Command {
        prompt,
        wording: format!("[{t}]"),
        from: CommandFrom::Stated,
        line: None,
    })
}

fn oracle(lines: &[Line]) -> Option<Partial> {
    let diag = lines
        .iter()
        .position(|l| l.bare().starts_with("Diagnostic code:"))?;
    let mut p = Partial::new(Format::ProviderBounce, Some(Software::OracleMessaging));
    let l = &lines[diag];
    let v = after(l.bare(), "Diagnostic code:")?.trim();
    let v = v.split_once(';').map_or(v, |(_, r)| r).trim();
    let mut f = Finding {
        action: Some(Action::Failed),
        ..Finding::default()
    };
    if code_at_start(v).is_some() {
        f.reply = assemble(&[(l.no, v)], Wrap::Join).0;
    }
    for l in lines {
        let b = l.bare();
        if let Some(a) = b.strip_prefix("Recipient address:") {
            f.recipient = first_address(a).map(str::to_owned);
        }
        if let Some(h) = b.strip_prefix("Remote system:") {
            let h = h.split_once(';').map_or(h, |(_, r)| r);
            f.host = host_name(h);
        }
        if b.starts_with("Reason:") && contains_ci(b, "rejected address") {
            f.command = command_named("RCPT", CommandFrom::Stated);
        }
    }
    p.findings.push(f);
    Some(p)
}

/// `<a@b> (host 'mx.example' rejected command 'DATA' with code 550 (0.0.0) 'text')`.
fn stalwart(lines: &[Line]) -> Option<Partial> {
    let rows: Vec<&Line> = lines
        .iter()
        .filter(|l| l.raw.contains("' rejected command '") && l.raw.contains(" with code "))
        .collect();
    if rows.is_empty() {
        return None;
    }
    let mut p = Partial::new(Format::ProviderBounce, None);
    for l in rows {
        let b = l.bare();
        let recipient = b
            .split(" (host")
            .next()
            .and_then(first_address)
            .map(str::to_owned);
        let host = after(b, "(host '").and_then(host_name);
        let cmd = after(b, "rejected command '").and_then(|r| r.split('\'').next());
        let Some(rest) = after(b, " with code ") else {
            continue;
        };
        let code = rest.get(..3).unwrap_or("");
        // "(0.0.0)" is the reporting server's placeholder, not an enhanced code.
        let text = rest
            .split_once(" '")
            .map_or("", |(_, t)| t)
            .trim_end()
            .trim_end_matches(')')
            .trim_end_matches('\'');
        let reply = format!("{code} {text}");
        p.findings.push(Finding {
            recipient,
            host,
            command: cmd.and_then(|c| command_named(c, CommandFrom::Stated)),
            reply: if code_at_start(&reply).is_some() {
                assemble(&[(l.no, reply.as_str())], Wrap::Join).0
            } else {
                Vec::new()
            },
            action: Some(Action::Failed),
            ..Finding::default()
        });
    }
    Some(p)
}

/// A gateway's `Reason: 550-…` (or `Reason: Remote host said: 550 …`) under the recipient's
/// address (`Failed Recipient: a@b`, or the address alone on a line).
fn reason(lines: &[Line]) -> Option<Partial> {
    let at = lines.iter().position(|l| {
        let b = l.bare();
        b.starts_with("Reason:") && reply_start(b).is_some()
    })?;
    let l = &lines[at];
    let b = l.bare();
    let marker = if b.contains("said:") {
        "said:"
    } else {
        "Reason:"
    };
    let recipient = lines
        .get(..at)?
        .iter()
        .rev()
        .filter(|l| !l.is_blank())
        .take(3)
        .find_map(|l| {
            let b = l.bare();
            lone_address(b).or_else(|| b.strip_prefix("Failed Recipient:").and_then(first_address))
        })
        .map(str::to_owned);
    let (reply, _) = reply_from(lines, at, marker, |_| false);
    let mut p = Partial::new(Format::ProviderBounce, None);
    p.findings.push(Finding {
        recipient,
        reply,
        action: Some(Action::Failed),
        ..Finding::default()
    });
    Some(p)
}
