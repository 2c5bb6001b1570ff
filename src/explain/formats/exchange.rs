//! Exchange and Microsoft 365 non-delivery reports: `Remote Server returned '550 5.1.10
//! RESOLVER.ADR.RecipientNotFound; …'`, Exchange 2007's `#550 5.1.1 RESOLVER.ADR.RecipNotFound;
//! not found ##` (and Outlook's `#< #5.1.1 smtp;550 5.1.1 …>`), the modern `Status code: 550
//! 5.1.10`, and the "Diagnostic information for administrators" block that names the recipient on
//! the line above the reply.

use super::assemble::{assemble, Wrap};
use super::text::{after, code_at_start, contains_ci, first_address, lone_address, Line};
use super::{Action, Finding, Format, Partial, Software};

pub(crate) fn read(lines: &[Line]) -> Option<Partial> {
    let has = |m: &str| lines.iter().any(|l| contains_ci(&l.raw, m));
    let hits: Vec<(usize, &str)> = lines
        .iter()
        .enumerate()
        .filter_map(|(i, l)| reply_of(l.bare()).map(|r| (i, r)))
        .collect();
    if hits.is_empty() {
        return None;
    }
    let generated_online = lines.iter().any(|l| {
        after(&l.raw, "Generating server:").is_some_and(|h| contains_ci(h, "outlook.com"))
    });
    let online = generated_online || has("onmicrosoft.com") || has("More Info for Email Admins");
    let writer = if online {
        Software::ExchangeOnline
    } else {
        Software::Exchange
    };
    let mut p = Partial::new(Format::Exchange, Some(writer));
    for (i, reply) in hits {
        let no = lines[i].no;
        // The recipient is named on a line of its own just above (blank lines between).
        let recipient = lines
            .get(..i)
            .unwrap_or(&[])
            .iter()
            .rev()
            .find(|l| !l.is_blank())
            .and_then(|l| lone_address(l.bare()).or_else(|| mailto(l.bare())))
            .map(str::to_owned);
        p.findings.push(Finding {
            recipient,
            reply: assemble(&[(no, reply)], Wrap::Join).0,
            action: Some(Action::Failed),
            ..Finding::default()
        });
    }
    Some(p)
}

/// The reply an Exchange line carries.
fn reply_of(b: &str) -> Option<&str> {
    if let Some(r) = after(b, "Remote Server returned '") {
        let r = r.trim_end().strip_suffix('\'').unwrap_or(r);
        return code_at_start(r).map(|_| r);
    }
    // Outlook's rendering of an NDR line: `#< #5.1.1 smtp;550 5.1.1 RESOLVER…; not found>`.
    if let Some(r) = b.strip_prefix("#<").and_then(|r| after(r, "smtp;")) {
        let r = r.trim().trim_end_matches('>').trim_end();
        return code_at_start(r).map(|_| r);
    }
    if let Some(r) = b.strip_prefix('#') {
        let r = r.trim_end();
        let r = r.strip_suffix("##").unwrap_or(r).trim_end();
        return code_at_start(r).map(|_| r);
    }
    if let Some(r) = b.strip_prefix("Status code:") {
        let r = r.trim();
        return code_at_start(r).map(|_| r);
    }
    None
}

/// `user@example.com<mailto:user@example.com>`, as Outlook renders a recipient.
fn mailto(b: &str) -> Option<&str> {
    b.contains("<mailto:").then(|| first_address(b)).flatten()
}
