//! Replies wrapped by the program that received them: client libraries' exceptions and debug
//! output (Python's `(550, b'5.7.1 …')`, SwiftMailer, PHPMailer, Nodemailer, Ruby's Net::SMTP),
//! applications (Roundcube, MyBB, OpenSMTPD and maddy logs, ZoneMTA, hMailServer, a Windows SMTP
//! service log with `+` for spaces) and the rows of Google's published table of errors.

use smtp_sim_core::sequence::Prompt;

use super::assemble::{assemble, Wrap};
use super::plain::{self, unquote};
use super::text::{
    after, bare, code_at_start, enhanced_at_start, first_address, host_name, three_digits, Line,
};
use super::{
    command_named, Command, CommandFrom, Finding, Format, NoteKind, Partial, RawLine, Software,
};

pub(crate) fn read(lines: &[Line]) -> Option<Partial> {
    let readers: [super::Reader; 13] = [
        python_tuple,
        swiftmailer,
        phpmailer,
        nodemailer,
        roundcube,
        maddy,
        iis,
        opensmtpd,
        table_row,
        json_array,
        labelled,
        ionos,
        amavis,
    ];
    readers.iter().find_map(|r| r(lines))
}

fn one(format: Format, writer: Option<Software>, f: Finding) -> Partial {
    let mut p = Partial::new(format, writer);
    p.findings.push(f);
    p
}

fn lines_of(no: usize, reply: &str) -> Vec<RawLine> {
    assemble(&[(no, reply)], Wrap::Join).0
}

/// Reply lines rebuilt from a code and the texts of its lines.
fn rebuild(code: u16, texts: &[(usize, &str)]) -> Vec<RawLine> {
    let last = texts.len().saturating_sub(1);
    texts
        .iter()
        .enumerate()
        .map(|(i, (no, t))| RawLine {
            no: *no,
            text: format!("{code}{}{t}", if i == last { ' ' } else { '-' }),
        })
        .collect()
}

/// Python's `(550, b'5.7.1 …')`: smtplib's (code, message) pair, the message's lines joined with
/// `\n` (already split into lines here). smtplib prints `data:` before the reply to DATA and
/// before the reply to the end of the data.
fn python_tuple(lines: &[Line]) -> Option<Partial> {
    let (i, l, rest) = lines.iter().enumerate().find_map(|(i, l)| {
        let (_, r) = l.raw.split_once('(')?;
        let code = three_digits(r)?;
        let r = r.get(3..)?.strip_prefix(", ")?;
        let r = r.strip_prefix('b').unwrap_or(r);
        let r = r.strip_prefix(['\'', '"'])?;
        (200..600).contains(&code).then_some((i, l, (code, r)))
    })?;
    let (code, first) = rest;
    let mut texts: Vec<(usize, &str)> = vec![(l.no, tuple_text(first))];
    if !tuple_closed(first) {
        for next in lines.get(i + 1..).unwrap_or(&[]) {
            let t = next.raw.trim();
            texts.push((next.no, tuple_text(t)));
            if tuple_closed(t) {
                break;
            }
        }
    }
    let writer =
        (l.raw.contains("data: (") || l.raw.contains("reply: ")).then_some(Software::PythonSmtplib);
    let command = if l.raw.trim_start().starts_with("data: (") {
        let prompt = if matches!(code, 354 | 503 | 554) {
            Prompt::Command(smtp_sim_core::command::Verb::Data)
        } else {
            Prompt::EndOfData
        };
        Some(Command {
            prompt,
            wording: "data:".to_owned(),
            from: CommandFrom::Layout,
            line: None,
        })
    } else {
        None
    };
    let mut p = one(
        Format::ClientError,
        writer,
        Finding {
            reply: rebuild(code, &texts),
            command,
            ..Finding::default()
        },
    );
    p.note(NoteKind::CodeApart, 0);
    Some(p)
}

/// True when a piece of a Python string literal closes it (`…')`, `…'`).
fn tuple_closed(t: &str) -> bool {
    let t = t.trim_end().trim_end_matches('.');
    t.ends_with(['\'', '"']) || t.ends_with("')") || t.ends_with("\")")
}

/// A piece of a Python string literal without the quote and parenthesis that close it.
fn tuple_text(t: &str) -> &str {
    let t = t.trim_end().trim_end_matches('.');
    let t = t.strip_suffix(')').unwrap_or(t);
    t.strip_suffix(['\'', '"']).unwrap_or(t)
}

/// `Expected response code 250 but got code "550", with message "550 …"`.
fn swiftmailer(lines: &[Line]) -> Option<Partial> {
    let i = lines.iter().position(|l| {
        l.raw.contains("Expected response code") && l.raw.contains("with message \"")
    })?;
    let first = after(&lines[i].raw, "with message \"")?;
    let mut pieces: Vec<(usize, String)> = vec![(
        lines[i].no,
        first.trim_end().trim_end_matches('"').to_owned(),
    )];
    for l in lines.get(i + 1..).unwrap_or(&[]) {
        let t = l.raw.trim();
        if t == "\"" || t.is_empty() {
            break;
        }
        pieces.push((l.no, t.trim_end_matches('"').to_owned()));
    }
    let refs: Vec<(usize, &str)> = pieces.iter().map(|(n, s)| (*n, s.as_str())).collect();
    code_at_start(refs.first()?.1)?;
    Some(one(
        Format::ClientError,
        Some(Software::SwiftMailer),
        Finding {
            reply: assemble(&refs, Wrap::Join).0,
            ..Finding::default()
        },
    ))
}

/// PHPMailer: `SMTP server error: DATA END command failed Detail: 5.7.60 … SMTP code: 550`.
fn phpmailer(lines: &[Line]) -> Option<Partial> {
    let all = super::text::join_trimmed(lines.iter().map(|l| l.raw.as_str()));
    let code = three_digits(after(&all, "SMTP code: ")?)?;
    let detail = after(&all, "Detail: ")?;
    let detail = detail.split(" SMTP code:").next().unwrap_or(detail).trim();
    let command = after(&all, "SMTP server error: ")
        .and_then(|r| r.split(" command failed").next())
        .and_then(|c| command_named(c, CommandFrom::Stated));
    let no = lines.first().map_or(1, |l| l.no);
    let mut p = one(
        Format::ClientError,
        Some(Software::PhpMailer),
        Finding {
            reply: rebuild(code, &[(no, detail)]),
            command,
            ..Finding::default()
        },
    );
    p.note(NoteKind::CodeApart, 0);
    Some(p)
}

/// Nodemailer's error: `response: '535-5.7.8 …\n' + '535 5.7.8 …'`, `command: 'AUTH PLAIN'`, or
/// its message `Invalid login: 535-5.7.8 …`.
fn nodemailer(lines: &[Line]) -> Option<Partial> {
    let is_node = lines.iter().any(|l| {
        let b = l.bare();
        b.starts_with("response: ")
            || b.starts_with("\"response\":")
            || b.starts_with("responseCode:")
            || b.contains("Invalid login: ")
    });
    if !is_node {
        return None;
    }
    let mut p = plain::read(lines)?;
    p.format = Some(Format::ClientError);
    p.writer = Some(Software::Nodemailer);
    let command = lines.iter().find_map(|l| {
        let b = bare(&l.raw);
        let v = b
            .strip_prefix("command:")
            .or_else(|| b.strip_prefix("\"command\":"))?;
        command_named(unquote(v.trim().trim_end_matches(',')), CommandFrom::Stated)
    });
    let command = command.or_else(|| {
        lines
            .iter()
            .any(|l| l.raw.contains("Invalid login"))
            .then(|| command_named("AUTH", CommandFrom::Stated))
            .flatten()
    });
    if let Some(f) = p.findings.first_mut() {
        f.command = f.command.take().or(command);
    }
    Some(p)
}

/// Roundcube: `SMTP Error (550): Failed to add recipient "…" (5.7.1 <…>: Client host rejected…)`.
fn roundcube(lines: &[Line]) -> Option<Partial> {
    let l = lines.iter().find(|l| l.raw.contains("SMTP Error ("))?;
    let r = after(&l.raw, "SMTP Error (")?;
    let code = three_digits(r)?;
    let msg = after(r, "): ").unwrap_or("");
    let command = if msg.starts_with("Failed to add recipient") {
        command_named("RCPT", CommandFrom::Stated)
    } else if msg.starts_with("Failed to set sender") {
        command_named("MAIL", CommandFrom::Stated)
    } else if msg.starts_with("Authentication failed") {
        command_named("AUTH", CommandFrom::Stated)
    } else {
        None
    };
    // The server's own words come last, in parentheses, with the enhanced code first.
    let inner = msg
        .rsplit_once(" (")
        .map(|(_, i)| i.trim_end().trim_end_matches('.').trim_end_matches(')'))
        .filter(|i| enhanced_at_start(i).is_some())
        .unwrap_or(msg);
    let mut p = one(
        Format::ClientError,
        Some(Software::Roundcube),
        Finding {
            reply: rebuild(code, &[(l.no, inner)]),
            command,
            ..Finding::default()
        },
    );
    p.note(NoteKind::CodeApart, 0);
    Some(p)
}

/// maddy's structured log: `"smtp_code":556,"smtp_enchcode":"5.1.10","smtp_msg":"…"`.
fn maddy(lines: &[Line]) -> Option<Partial> {
    let l = lines.iter().find(|l| l.raw.contains("\"smtp_code\":"))?;
    let code = three_digits(after(&l.raw, "\"smtp_code\":")?.trim())?;
    let json_str = |key: &str| {
        after(&l.raw, key)
            .and_then(|r| r.strip_prefix('"'))
            .map(|r| r.split('"').next().unwrap_or(""))
    };
    let enh = json_str("\"smtp_enchcode\":").unwrap_or("");
    let msg = json_str("\"smtp_msg\":").unwrap_or("");
    let text = if enh.is_empty() {
        msg.to_owned()
    } else {
        format!("{enh} {msg}")
    };
    let mut p = one(
        Format::ClientError,
        Some(Software::Maddy),
        Finding {
            recipient: json_str("\"rcpt\":")
                .and_then(first_address)
                .map(str::to_owned),
            reply: rebuild(code, &[(l.no, &text)]),
            ..Finding::default()
        },
    );
    p.note(NoteKind::CodeApart, 0);
    Some(p)
}

/// A Windows SMTP service (IIS) protocol log: `550+5.7.60+SMTP;+Client+does+not+have…`.
fn iis(lines: &[Line]) -> Option<Partial> {
    let l = lines
        .iter()
        .find(|l| l.raw.contains("SMTPSVC") || l.raw.contains("OutboundConnectionResponse"))?;
    let token = l
        .raw
        .split_whitespace()
        .find(|t| three_digits(t).is_some() && t.get(3..4) == Some("+"))?;
    let reply = token.replace('+', " ");
    let mut p = one(
        Format::ClientError,
        Some(Software::IisSmtp),
        Finding {
            reply: lines_of(l.no, &reply),
            ..Finding::default()
        },
    );
    p.note(NoteKind::PlusEncoded, 0);
    Some(p)
}

/// OpenSMTPD's logs: `Failed command on session …: "RCPT TO:<a@b>" => 451 …` and
/// `mda delivery … stat=Error (… LMTP server error: 550 5.7.1 …")`.
fn opensmtpd(lines: &[Line]) -> Option<Partial> {
    let all = super::text::join_trimmed(lines.iter().map(|l| l.raw.as_str()));
    let is = all.contains("smtp-in:") || all.contains("evpid=") || all.contains("mta: ");
    if !is {
        return None;
    }
    let no = lines.first().map_or(1, |l| l.no);
    if let Some((cmd, reply)) = all.split_once("\" => ") {
        let cmd = cmd.rsplit_once('"').map_or(cmd, |(_, c)| c);
        if code_at_start(reply).is_some() {
            return Some(one(
                Format::ClientError,
                Some(Software::OpenSmtpd),
                Finding {
                    reply: lines_of(no, reply),
                    command: command_named(cmd, CommandFrom::Stated),
                    remote: Some(Software::OpenSmtpd),
                    ..Finding::default()
                },
            ));
        }
    }
    let reply = after(&all, "server error: ")?;
    code_at_start(reply)?;
    let reply = reply.trim_end().trim_end_matches(')').trim_end_matches('"');
    Some(one(
        Format::ClientError,
        Some(Software::OpenSmtpd),
        Finding {
            reply: lines_of(no, reply),
            recipient: after(&all, "rcpt=<")
                .and_then(first_address)
                .map(str::to_owned),
            ..Finding::default()
        },
    ))
}

/// A row of Google's "Gmail SMTP errors and codes": `421, "4.7.0", TLS required …`.
fn table_row(lines: &[Line]) -> Option<Partial> {
    let l = lines.iter().find(|l| !l.is_blank())?;
    let b = l.bare();
    let code = three_digits(b)?;
    let rest = b.get(3..)?.strip_prefix(", ")?;
    let rest = rest.strip_prefix(['"', '“'])?;
    let e = enhanced_at_start(rest)?;
    let text = rest
        .split_once(['"', '”'])
        .map_or("", |(_, t)| t)
        .trim_start_matches(',')
        .trim();
    let mut p = one(
        Format::Table,
        None,
        Finding {
            reply: rebuild(code, &[(l.no, &format!("{e} {text}"))]),
            ..Finding::default()
        },
    );
    p.note(NoteKind::TableRow, 0);
    Some(p)
}

/// A client library's array of reply lines: `["554-…", "554 …", ""]`.
fn json_array(lines: &[Line]) -> Option<Partial> {
    let l = lines.iter().find(|l| !l.is_blank())?;
    let b = l.bare().strip_prefix("[\"")?;
    let items: Vec<&str> = b
        .trim_end_matches(']')
        .split("\", \"")
        .map(|s| s.trim_matches('"'))
        .filter(|s| !s.is_empty())
        .collect();
    code_at_start(items.first()?)?;
    let pieces: Vec<(usize, &str)> = items.iter().map(|s| (l.no, *s)).collect();
    Some(one(
        Format::ClientError,
        None,
        Finding {
            reply: assemble(&pieces, Wrap::Keep).0,
            ..Finding::default()
        },
    ))
}

/// Other programs' labels before a reply: Ruby's `Net::SMTPFatalError - 550 …`, MyBB's `The mail
/// server does not understand the RCPT TO command. Reason: 554 …`, hMailServer's `Remote server
/// replied: 550-…`, a Java `SMTPSendFailedException: 421-…`, ZoneMTA's `Invalid greeting.
/// response=554 …`.
fn labelled(lines: &[Line]) -> Option<Partial> {
    let all: Vec<&str> = lines.iter().map(|l| l.raw.as_str()).collect();
    let has = |m: &str| all.iter().any(|l| l.contains(m));
    let (writer, command) = if has("Net::SMTP") {
        (Some(Software::RubyNetSmtp), None)
    } else if let Some(cmd) = all
        .iter()
        .find_map(|l| after(l, "does not understand the ").and_then(|r| r.split(" command").next()))
    {
        (
            Some(Software::MyBb),
            command_named(cmd, CommandFrom::Stated),
        )
    } else if has("Remote server replied:") {
        (Some(Software::HMailServer), None)
    } else if has("zone-mta") {
        let greeting = has("Invalid greeting");
        (
            Some(Software::ZoneMta),
            greeting
                .then(|| command_named("CONNECT", CommandFrom::Stated))
                .flatten(),
        )
    } else if has("SMTPSendFailedException") {
        (None, None)
    } else {
        return None;
    };
    let mut p = plain::read(lines)?;
    p.format = Some(Format::ClientError);
    p.writer = writer;
    let host = all
        .iter()
        .find_map(|l| after(l, "at remote mailserver ").and_then(host_name));
    if let Some(f) = p.findings.first_mut() {
        f.command = f.command.take().or(command);
        f.host = f.host.take().or(host);
        if f.reply
            .last()
            .is_some_and(|l| super::text::after_code(&l.text).starts_with('-'))
        {
            f.partial = true;
            p.notes.push(super::Note::new(NoteKind::PartialReply, 0));
        }
    }
    Some(p)
}

/// IONOS's bounce: `SMTP error from remote server for MAIL FROM command, host: mx (ip) reason:
/// 550 5.7.1 …`, wrapped by the mail program (sometimes mid-word).
fn ionos(lines: &[Line]) -> Option<Partial> {
    let i = lines
        .iter()
        .position(|l| l.raw.contains("SMTP error from remote server for "))?;
    let l = &lines[i];
    let r = after(&l.raw, "SMTP error from remote server for ")?;
    let cmd = r.split(" command").next().unwrap_or("");
    let host = after(r, "host: ").and_then(host_name);
    let reply = after(r, "reason: ")?;
    let mut pieces: Vec<(usize, &str)> = vec![(l.no, reply)];
    for n in lines.get(i + 1..).unwrap_or(&[]) {
        if n.is_blank() {
            break;
        }
        pieces.push((n.no, n.raw.as_str()));
    }
    let (reply, done) = assemble(&pieces, Wrap::Join);
    let mut p = one(
        Format::ProviderBounce,
        Some(Software::Ionos),
        Finding {
            reply,
            command: command_named(cmd, CommandFrom::Stated),
            host,
            ..Finding::default()
        },
    );
    if done.joined > 0 {
        p.note(NoteKind::Unwrapped, done.joined);
    }
    Some(p)
}

/// amavis's log of what it read from the next server: `rw_loop read 65 chars< 250 2.1.0 Ok\r\n…`.
fn amavis(lines: &[Line]) -> Option<Partial> {
    if !lines.iter().any(|l| l.raw.contains("amavis[")) {
        return None;
    }
    let mut p = plain::read(lines)?;
    p.format = Some(Format::ClientError);
    p.writer = Some(Software::Amavis);
    Some(p)
}
