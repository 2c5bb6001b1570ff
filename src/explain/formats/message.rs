//! A whole bounce message as it arrived: the header block (RFC 5322 §2.2), then the body, split
//! into MIME parts (RFC 2046 §5.1) when it is a `multipart/report` (RFC 6522). The text parts
//! and the `message/delivery-status` part (RFC 3464) are kept for the other readers; the
//! returned original (`message/rfc822`, `text/rfc822-headers`) is left out.

use super::text::{contains_ci, find_ci, first_address, Line};
use super::Software;

/// What the headers say, and the lines worth reading.
pub(crate) struct Split {
    pub headers: Headers,
    pub body: Vec<Line>,
}

/// What the header block says about the bounce.
#[derive(Debug, Default)]
pub(crate) struct Headers {
    /// The reporting software, when the headers name it.
    pub writer: Option<Software>,
    /// `X-Failed-Recipients:` (Exim, Gmail), in order.
    pub failed: Vec<String>,
}

const NAMES: &[&str] = &[
    "return-path",
    "received",
    "delivered-to",
    "date",
    "from",
    "to",
    "subject",
    "message-id",
    "mime-version",
    "content-type",
    "auto-submitted",
    "x-original-to",
    "envelope-to",
    "delivery-date",
    "dkim-signature",
    "x-received",
    "x-failed-recipients",
    "references",
    "in-reply-to",
    "content-transfer-encoding",
    "x-forwarded-to",
    "x-forwarded-for",
    "x-bounced-address",
];

const KEY: &[&str] = &[
    "from",
    "subject",
    "received",
    "return-path",
    "date",
    "message-id",
];

fn header_name(line: &str) -> Option<String> {
    let (name, _) = line.split_once(':')?;
    let ok = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    ok.then(|| name.to_ascii_lowercase())
}

/// The header block at the top of `lines` and the parts worth reading, when the text is a whole
/// message.
pub(crate) fn split(lines: &[Line]) -> Option<Split> {
    let start = lines.iter().position(|l| !l.is_blank())?;
    let mut i = start;
    if lines.get(i)?.raw.starts_with("From ") {
        i += 1;
    }
    // (name, value unfolded)
    let mut fields: Vec<(String, String)> = Vec::new();
    while let Some(l) = lines.get(i) {
        if l.raw.trim().is_empty() {
            break;
        }
        if l.raw.starts_with([' ', '\t']) {
            match fields.last_mut() {
                Some((_, v)) => {
                    v.push(' ');
                    v.push_str(l.raw.trim());
                }
                None => return None,
            }
        } else {
            let name = header_name(&l.raw)?;
            let value = l.raw.split_once(':').map_or("", |(_, v)| v).trim();
            fields.push((name, value.to_owned()));
        }
        i += 1;
    }
    let known = fields
        .iter()
        .filter(|(n, _)| NAMES.contains(&n.as_str()) || n.starts_with("x-"))
        .count();
    let key = fields.iter().any(|(n, _)| KEY.contains(&n.as_str()));
    if fields.len() < 3 || known * 2 < fields.len() || !key {
        return None;
    }
    let headers = read_headers(&fields);
    let rest = lines.get(i..).unwrap_or(&[]);
    let content_type = fields
        .iter()
        .find(|(n, _)| n == "content-type")
        .map(|(_, v)| v.as_str())
        .unwrap_or("");
    let body = match boundary(content_type) {
        Some(b) if contains_ci(content_type, "multipart/") => parts(rest, &b),
        _ => cut_original(rest),
    };
    Some(Split { headers, body })
}

fn read_headers(fields: &[(String, String)]) -> Headers {
    let mut h = Headers::default();
    for (name, value) in fields {
        match name.as_str() {
            "x-failed-recipients" => {
                for a in value.split(',') {
                    if let Some(addr) = first_address(a) {
                        h.failed.push(addr.to_owned());
                    }
                }
            }
            "from" if contains_ci(value, "googlemail.com") || contains_ci(value, "@google.com") => {
                h.writer = Some(Software::Gmail);
            }
            "from" | "message-id"
                if contains_ci(value, "outlook.com") || contains_ci(value, "onmicrosoft.com") =>
            {
                h.writer = h.writer.or(Some(Software::ExchangeOnline));
            }
            "received" if contains_ci(value, "invoked for bounce") => {
                h.writer = h.writer.or(Some(Software::Qmail));
            }
            _ => {}
        }
    }
    h
}

/// The `boundary` parameter of a `multipart/*` content type (RFC 2046 §5.1.1).
fn boundary(content_type: &str) -> Option<String> {
    let at = find_ci(content_type, "boundary=")?;
    let v = content_type.get(at + "boundary=".len()..)?;
    let v = match v.strip_prefix('"') {
        Some(q) => q.split('"').next()?,
        None => v.split([';', ' ']).next()?,
    };
    (!v.is_empty()).then(|| v.to_owned())
}

/// The lines of the parts worth reading: text parts and delivery-status parts.
fn parts(lines: &[Line], boundary: &str) -> Vec<Line> {
    let delimiter = format!("--{boundary}");
    let mut out = Vec::new();
    let mut in_part = false;
    let mut in_headers = false;
    let mut keep = false;
    let mut seen = false;
    for l in lines {
        let t = l.raw.trim_end();
        if t == delimiter || t == format!("{delimiter}--") {
            seen = true;
            in_part = t == delimiter;
            in_headers = in_part;
            keep = true;
            continue;
        }
        if !in_part {
            continue;
        }
        if in_headers {
            if t.is_empty() {
                in_headers = false;
                continue;
            }
            if header_name(t).as_deref() == Some("content-type") {
                let lower = t.to_ascii_lowercase();
                keep = lower.contains("text/plain") || lower.contains("delivery-status");
            }
            if t.starts_with([' ', '\t']) || header_name(t).is_some() {
                continue;
            }
            in_headers = false;
        }
        if keep {
            out.push(l.clone());
        }
    }
    if seen {
        out
    } else {
        cut_original(lines)
    }
}

/// The body up to where a plain bounce starts quoting the returned message.
fn cut_original(lines: &[Line]) -> Vec<Line> {
    let markers = [
        "This is a copy of the message",
        "Below this line is a copy of the message",
        "Original message headers:",
        "----- Original message -----",
        "------ Original message ------",
    ];
    let end = lines
        .iter()
        .position(|l| markers.iter().any(|m| contains_ci(&l.raw, m)))
        .unwrap_or(lines.len());
    lines.get(..end).unwrap_or(&[]).to_vec()
}
