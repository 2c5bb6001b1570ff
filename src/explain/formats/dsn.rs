//! Delivery-status fields (RFC 3464 §2.2–§2.3): a group per message (`Reporting-MTA` …) and a
//! group per recipient (`Final-Recipient`, `Action`, `Status`, `Remote-MTA`,
//! `Diagnostic-Code`), groups separated by blank lines, long values folded onto lines that start
//! with white space (RFC 5322 §2.2.3). Some writers put a space before the colon (Mimecast) or
//! none after the `;` of a typed value; both are read.

use super::assemble::{assemble, Wrap};
use super::text::{code_at_start, enhanced_at_start, host_name, Line};
use super::{who, Action, Finding, Software, StatusFrom};

/// The delivery-status fields found in a text.
#[derive(Debug, Default)]
pub(crate) struct Part {
    /// One finding per recipient group, in order.
    pub findings: Vec<Finding>,
    /// Which lines were fields (the rest is prose for the other readers).
    pub used: Vec<bool>,
    /// The reporting software, when the fields name it.
    pub writer: Option<Software>,
}

const FIELDS: &[&str] = &[
    "reporting-mta",
    "received-from-mta",
    "arrival-date",
    "original-envelope-id",
    "dsn-gateway",
    "final-recipient",
    "original-recipient",
    "action",
    "status",
    "remote-mta",
    "diagnostic-code",
    "last-attempt-date",
    "will-retry-until",
    "final-log-id",
    "x-postfix-queue-id",
    "x-postfix-sender",
    "x-symantec-messaging-gateway-queue-id",
    "x-symantec-messaging-gateway-sender",
    "x-actual-recipient",
    "x-display-name",
];

/// `(name in lower case, value)` when `line` is a delivery-status field.
fn field(line: &str) -> Option<(String, &str)> {
    let (name, value) = line.split_once(':')?;
    let name = name.trim_end().to_ascii_lowercase();
    FIELDS
        .contains(&name.as_str())
        .then(|| (name, value.trim()))
}

/// One group of fields: (name, value, continuation lines with their numbers).
type Group<'a> = Vec<(String, &'a str, usize, Vec<(usize, &'a str)>)>;

/// Reads every delivery-status field in `lines`.
pub(crate) fn read(lines: &[Line]) -> Part {
    let mut part = Part {
        used: vec![false; lines.len()],
        ..Part::default()
    };
    let mut groups: Vec<Group> = Vec::new();
    let mut current: Group = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        let b = l.bare();
        if let Some((name, value)) = field(b) {
            current.push((name, value, l.no, Vec::new()));
            part.used[i] = true;
            continue;
        }
        let folded = !b.is_empty() && l.raw.starts_with([' ', '\t']);
        if folded {
            if let Some(last) = current.last_mut() {
                last.3.push((l.no, b));
                part.used[i] = true;
                continue;
            }
        }
        if !current.is_empty() {
            groups.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        groups.push(current);
    }
    for g in &groups {
        read_group(g, &mut part);
    }
    part
}

fn value_after_type(v: &str) -> (&str, &str) {
    match v.split_once(';') {
        Some((t, rest)) => (t.trim(), rest.trim()),
        None => ("", v.trim()),
    }
}

fn read_group(g: &Group, part: &mut Part) {
    let mut f = Finding::default();
    let mut about_recipient = false;
    for (name, value, no, cont) in g {
        match name.as_str() {
            "reporting-mta" => {
                let (_, host) = value_after_type(value);
                if let Some(s) = host_name(host).as_deref().and_then(who::from_host) {
                    part.writer = part.writer.or(Some(s));
                }
            }
            "x-postfix-queue-id" | "x-postfix-sender" => part.writer = Some(Software::Postfix),
            n if n.starts_with("x-symantec-messaging-gateway") => {
                part.writer = Some(Software::SymantecGateway);
            }
            "final-recipient" | "original-recipient" | "x-actual-recipient" => {
                about_recipient = true;
                if f.recipient.is_none() || name == "final-recipient" {
                    let (_, addr) = value_after_type(value);
                    let addr = addr.trim_matches(['<', '>', '`']).trim();
                    if !addr.is_empty() {
                        f.recipient = Some(addr.to_owned());
                    }
                }
            }
            "action" => {
                about_recipient = true;
                f.action = Action::parse(value);
            }
            "status" => {
                about_recipient = true;
                if let Some(e) = enhanced_at_start(value) {
                    f.status = Some((e, StatusFrom::Dsn));
                }
            }
            "remote-mta" => {
                about_recipient = true;
                let (_, host) = value_after_type(value);
                f.host = host_name(host);
            }
            "diagnostic-code" => {
                about_recipient = true;
                let (kind, text) = value_after_type(value);
                if kind.eq_ignore_ascii_case("x-postfix") {
                    part.writer = Some(Software::Postfix);
                }
                let text = text.trim_end_matches('`');
                if !text.is_empty() {
                    let mut words = text.to_owned();
                    for (_, t) in cont {
                        words.push(' ');
                        words.push_str(t.trim_end_matches('`'));
                    }
                    f.detail = Some(words);
                }
                if code_at_start(text).is_some() {
                    let mut pieces: Vec<(usize, &str)> = vec![(*no, text)];
                    pieces.extend(cont.iter().map(|&(n, t)| (n, t.trim_end_matches('`'))));
                    f.reply = assemble(&pieces, Wrap::Join).0;
                }
            }
            _ => {}
        }
    }
    if about_recipient {
        part.findings.push(f);
    }
}
