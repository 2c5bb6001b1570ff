//! Exim's wordings: the bounce body (`The following address(es) failed:`, then per address
//! `SMTP error from remote mail server after RCPT TO:<a@b>:` / `host mx [ip]: 550 5.1.1 …`, each
//! reply line on its own line), the delay warning (`Delay reason:`), and main-log records (`**`
//! failed, `==` deferred) where a multi-line reply is written with a literal `\n` between lines.

use super::assemble::{assemble, Wrap};
use super::text::{
    after, code_at_start, contains_ci, first_address, host_name, lone_address, Line,
};
use super::{command_named, Action, CommandFrom, Finding, Format, NoteKind, Partial, Software};

const ERROR: &str = "SMTP error from remote mail";

pub(crate) fn read(lines: &[Line]) -> Option<Partial> {
    let has = |m: &str| lines.iter().any(|l| l.raw.contains(m));
    let log = lines.iter().any(|l| is_log_record(&l.raw));
    let bounce = has("This message was created automatically by mail delivery software")
        || has("address(es) failed:")
        || has("could not be delivered to one or more of its");
    if !(has(ERROR) || log || bounce) {
        return None;
    }
    let mut p = Partial::new(Format::Exim, Some(Software::Exim));
    let permanent = has("This is a permanent error") || has("address(es) failed");
    let (addr_from, addr_indent) = address_indent(lines).unzip();
    let mut i = 0;
    while i < lines.len() {
        let l = &lines[i];
        let is_error = l.raw.contains(ERROR);
        let is_addr = addr_indent
            .is_some_and(|n| l.indent() == n && lone_address(l.bare()).is_some())
            && addr_from.is_some_and(|from| i >= from);
        if is_log_record(&l.raw) && !is_error {
            p.findings.push(log_without_reply(&l.raw));
            i += 1;
            continue;
        }
        if is_addr {
            let (f, next) = block(lines, i, permanent, &mut p);
            p.findings.push(f);
            i = next.max(i + 1);
            continue;
        }
        if is_error {
            let (f, next) = error_at(lines, i, None, &mut p);
            p.findings.push(f);
            i = next.max(i + 1);
            continue;
        }
        i += 1;
    }
    Some(p)
}

/// `DATE ID ** addr …` or `DATE ID == addr …`: a failed or deferred delivery.
fn is_log_record(s: &str) -> bool {
    (s.contains(" ** ") || s.contains(" == ")) && (s.contains(" R=") || s.contains(" T="))
        || s.contains(" rejected RCPT ")
}

fn log_without_reply(s: &str) -> Finding {
    let mut f = Finding {
        action: log_action(s),
        ..Finding::default()
    };
    if let Some(r) = after(s, " ** ").or_else(|| after(s, " == ")) {
        f.recipient = first_address(r.split_whitespace().next().unwrap_or("")).map(str::to_owned);
    }
    f
}

fn log_action(s: &str) -> Option<Action> {
    if s.contains(" ** ") {
        Some(Action::Failed)
    } else if s.contains(" == ") {
        Some(Action::Delayed)
    } else {
        None
    }
}

/// Where the address lines under "The following address(es) failed:" start, and their indent.
fn address_indent(lines: &[Line]) -> Option<(usize, usize)> {
    let start = lines
        .iter()
        .rposition(|l| {
            contains_ci(&l.raw, "address(es) failed")
                || contains_ci(&l.raw, "has not yet been delivered")
                || contains_ci(&l.raw, "could not be delivered")
        })
        .map_or(0, |i| i + 1);
    let first = lines
        .get(start..)?
        .iter()
        .position(|l| lone_address(l.bare()).is_some() && l.raw.starts_with(' '))?;
    Some((start + first, lines.get(start + first)?.indent()))
}

/// One address block of a bounce: the address, then what happened to it.
fn block(lines: &[Line], i: usize, permanent: bool, p: &mut Partial) -> (Finding, usize) {
    let addr_line = &lines[i];
    let recipient = lone_address(addr_line.bare()).map(str::to_owned);
    let indent = addr_line.indent();
    let mut j = i + 1;
    let mut host = None;
    while let Some(l) = lines.get(j) {
        if l.is_blank() || l.indent() <= indent && lone_address(l.bare()).is_some() {
            break;
        }
        if l.raw.contains(ERROR) {
            let (mut f, next) = error_at(lines, j, Some(indent), p);
            f.recipient = recipient;
            if f.host.is_none() {
                f.host = host;
            }
            if f.action.is_none() && permanent {
                f.action = Some(Action::Failed);
            }
            return (f, next);
        }
        if let Some(h) = l.bare().strip_prefix("host ") {
            host = host_name(h);
        }
        j += 1;
    }
    let f = Finding {
        recipient,
        host,
        action: permanent.then_some(Action::Failed),
        ..Finding::default()
    };
    (f, j)
}

/// The `SMTP error from remote mail server after …` on line `i`, and the reply after it.
fn error_at(
    lines: &[Line],
    i: usize,
    block_indent: Option<usize>,
    p: &mut Partial,
) -> (Finding, usize) {
    let l = &lines[i];
    let mut f = Finding {
        action: log_action(&l.raw),
        ..Finding::default()
    };
    if contains_ci(&l.raw, "Delay reason:") {
        f.action = Some(Action::Delayed);
    }
    if let Some(r) = after(&l.raw, " ** ").or_else(|| after(&l.raw, " == ")) {
        f.recipient = first_address(r.split_whitespace().next().unwrap_or("")).map(str::to_owned);
    } else if let Some(r) = after(&l.raw, " rejected RCPT ") {
        f.recipient = first_address(r).map(str::to_owned);
    }
    if let Some(h) = after(&l.raw, " H=") {
        f.host = host_name(h);
    }
    // The words after "after", joined with the next lines while no reply has started.
    let mut tail = after(&l.raw, ERROR)
        .and_then(|r| after(r, " after "))
        .unwrap_or("")
        .trim()
        .to_owned();
    let mut j = i + 1;
    let mut reply_at: Option<(usize, String)> = reply_in_tail(&tail).map(|r| (l.no, r.to_owned()));
    if let Some((_, r)) = &reply_at {
        let cut = tail.len() - r.len();
        tail = tail.get(..cut).unwrap_or("").to_owned();
    }
    while reply_at.is_none() {
        let Some(next) = lines.get(j) else { break };
        if next.is_blank() {
            break;
        }
        let b = next.bare();
        if code_at_start(b).is_some() {
            reply_at = Some((next.no, b.to_owned()));
        } else if let Some(r) = reply_in_tail(b) {
            let head = b.get(..b.len() - r.len()).unwrap_or("");
            tail.push(' ');
            tail.push_str(head);
            reply_at = Some((next.no, r.to_owned()));
        } else {
            tail.push(' ');
            tail.push_str(b);
        }
        j += 1;
    }
    // "RCPT TO:<a@b>: host mx [ip]:" → command "RCPT TO:<a@b>", host "mx".
    let command_text = tail.split(": host ").next().unwrap_or(&tail);
    let command_text = command_text.split(" host ").next().unwrap_or(command_text);
    f.command = command_named(
        command_text.trim().trim_end_matches(':'),
        CommandFrom::Stated,
    );
    if f.recipient.is_none() && command_text.to_ascii_uppercase().starts_with("RCPT") {
        f.recipient = first_address(command_text).map(str::to_owned);
    }
    if f.host.is_none() {
        if let Some(h) = after(&tail, "host ") {
            f.host = host_name(h);
        }
    }
    let Some((no, first)) = reply_at else {
        return (f, j);
    };
    let code_indent = lines.get(j.saturating_sub(1)).map_or(0, Line::indent);
    let mut pieces: Vec<(usize, String)> = vec![(no, first)];
    while let Some(next) = lines.get(j) {
        let b = next.bare();
        if next.is_blank()
            || b.contains(ERROR)
            || is_log_record(&next.raw)
            || block_indent.is_some_and(|n| next.indent() <= n)
            || (next.indent() < code_indent.min(4) && code_at_start(b).is_none())
        {
            break;
        }
        pieces.push((next.no, b.to_owned()));
        j += 1;
    }
    let refs: Vec<(usize, &str)> = pieces.iter().map(|(n, s)| (*n, s.as_str())).collect();
    let (reply, done) = assemble(&refs, Wrap::Join);
    if done.joined > 0 {
        p.note(NoteKind::Unwrapped, done.joined);
    }
    f.reply = reply;
    (f, j)
}

/// The reply inside the rest of an error line: after `host mx [ip]: ` or after the command's
/// `: ` (`RCPT TO:<a@b>: 550 …`, `initial connection: 571 …`).
fn reply_in_tail(tail: &str) -> Option<&str> {
    let mut rest = tail;
    while let Some((_, r)) = rest.split_once(": ") {
        let r = r.trim_start();
        if code_at_start(r).is_some() {
            return Some(r);
        }
        rest = r;
    }
    None
}
