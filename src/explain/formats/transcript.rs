//! Session transcripts: what the client sent and what the server answered, marked by the program
//! that printed them (`S:`/`C:` of the RFCs and MailKit, swaks's `<-`/`->`, Sendmail's
//! `>>>`/`<<<`, Exim's `SMTP<<`, PHPMailer's `SERVER -> CLIENT:`, smtplib's `send:`/`reply:`,
//! Nodemailer's trees, debug prefixes) or not marked at all (a session typed into telnet).
//!
//! Each reply answers the oldest command not yet answered (RFC 2920 §3: pipelined replies come
//! back in order); a reply before any command is the greeting. Sendmail prints only the last
//! command it pipelined, so after its `>>> DATA` the refusals before the last reply answered
//! RCPT; and it never prints the final dot, so a lone refusal after `>>> DATA` answers the end of
//! the data (RFC 5321 §4.3.2 lists 503 and 554 for DATA itself; a 503 is read as that).

use std::collections::VecDeque;

use smtp_sim_core::command::Verb;
use smtp_sim_core::sequence::Prompt;

use super::assemble::{assemble, Wrap};
use super::plain::unquote;
use super::text::{after, after_code, code_at_start, three_digits, Line};
use super::{Command, CommandFrom, Finding, Format, NoteKind, Partial, Software};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Side {
    Client,
    Server,
}

/// How a line was marked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mark {
    /// A prefix that says the side (`S:`, `<-`, `SERVER -> CLIENT:` …).
    Sided,
    /// `>>>` (Sendmail: sent).
    Out,
    /// `<<<` (Sendmail: received).
    In,
    /// No prefix.
    Bare,
}

struct Event<'a> {
    no: usize,
    side: Side,
    mark: Mark,
    text: &'a str,
}

/// The side a line's prefix gives, and its content.
fn classify<'a>(b: &'a str, tree: &mut Option<Side>) -> Option<(Side, Mark, &'a str)> {
    if let Some(r) = after(b, "SERVER -> CLIENT:") {
        return Some((Side::Server, Mark::Sided, r.trim()));
    }
    if let Some(r) = after(b, "CLIENT -> SERVER:") {
        return Some((Side::Client, Mark::Sided, r.trim()));
    }
    for (head, side) in [("SERVER", Side::Server), ("CLIENT", Side::Client)] {
        if b.strip_prefix(head).is_some_and(|r| {
            let r = r.trim();
            r.ends_with(':') && r.trim_end_matches(':').chars().all(|c| c.is_ascii_digit())
        }) {
            *tree = Some(side);
            return None;
        }
    }
    for t in ["└──", "├──"] {
        if let Some(r) = b.strip_prefix(t) {
            return tree.map(|s| (s, Mark::Sided, r.trim()));
        }
    }
    if let Some(r) = after(b, "SMTP<<") {
        return Some((Side::Server, Mark::Sided, r.trim()));
    }
    if let Some(r) = after(b, "SMTP>>") {
        return Some((Side::Client, Mark::Sided, r.trim()));
    }
    for (p, side) in [("S:", Side::Server), ("C:", Side::Client)] {
        if let Some(r) = b.strip_prefix(p) {
            return Some((side, Mark::Sided, r.trim()));
        }
        if let Some(r) = after(b, &format!("] {p} ")) {
            return Some((side, Mark::Sided, r.trim()));
        }
    }
    for (p, side) in [
        ("<-", Side::Server),
        ("<~", Side::Server),
        ("<**", Side::Server),
        ("->", Side::Client),
        ("~>", Side::Client),
        ("**>", Side::Client),
    ] {
        if let Some(r) = b.strip_prefix(p) {
            return Some((side, Mark::Sided, r.trim()));
        }
    }
    for (p, mark) in [(">>>", Mark::Out), ("<<<", Mark::In)] {
        let content = b.strip_prefix(p).or_else(|| after(b, &format!(": {p} ")));
        if let Some(r) = content {
            let r = r.trim();
            let side = if code_at_start(r).is_some() {
                Side::Server
            } else {
                Side::Client
            };
            return Some((side, mark, r));
        }
    }
    if let Some(r) = b.strip_prefix("reply:") {
        if r.trim_start().starts_with("retcode") {
            return None;
        }
        return Some((Side::Server, Mark::Sided, unquote(r)));
    }
    if let Some(r) = b.strip_prefix("send:") {
        return Some((Side::Client, Mark::Sided, unquote(r)));
    }
    if b.starts_with("data: (") || b.starts_with("===") {
        return None;
    }
    let u = unquote(b);
    if code_at_start(u).is_some() {
        return Some((Side::Server, Mark::Bare, u));
    }
    if is_command(u) {
        return Some((Side::Client, Mark::Bare, u));
    }
    None
}

/// A line that starts with a command verb, or the lone dot that ends the data.
fn is_command(s: &str) -> bool {
    if s == "." {
        return true;
    }
    let word = s.split([' ', ':']).next().unwrap_or("");
    Verb::from_word(word.as_bytes()).is_some()
}

fn writer_of(lines: &[Line]) -> Option<Software> {
    let has = |m: &str| lines.iter().any(|l| l.raw.contains(m));
    if has("SERVER -> CLIENT:") || has("CLIENT -> SERVER:") {
        Some(Software::PhpMailer)
    } else if has("└──") {
        Some(Software::Nodemailer)
    } else if has("DEBUG: [") && (has("] S: ") || has("] C: ")) {
        Some(Software::NodeSmtpServer)
    } else if lines
        .iter()
        .any(|l| l.bare().starts_with("reply:") || l.bare().starts_with("send:"))
    {
        Some(Software::PythonSmtplib)
    } else if has("mta: 0x") {
        Some(Software::OpenSmtpd)
    } else if has("SMTP<<") || has("SMTP>>") {
        Some(Software::Exim)
    } else if lines.iter().any(|l| l.bare().starts_with("<- ")) && has("===") {
        Some(Software::Swaks)
    } else {
        None
    }
}

struct Open {
    lines: Vec<(usize, String)>,
    command: Option<Command>,
    after_client: usize,
}

pub(crate) fn read(lines: &[Line]) -> Option<Partial> {
    let mut tree = None;
    let events: Vec<Event> = lines
        .iter()
        .filter_map(|l| {
            classify(l.bare(), &mut tree).map(|(side, mark, text)| Event {
                no: l.no,
                side,
                mark,
                text,
            })
        })
        .collect();
    let marked_server = events
        .iter()
        .any(|e| e.side == Side::Server && e.mark != Mark::Bare);
    let first_reply = events.iter().position(|e| e.side == Side::Server)?;
    let command_first = events
        .get(..first_reply)
        .is_some_and(|before| before.iter().any(|e| e.side == Side::Client));
    if !marked_server && !command_first {
        return None;
    }
    if !marked_server {
        // Bare lines: every line must be a command, a reply or message data before a dot.
        let prose = lines
            .iter()
            .filter(|l| !l.is_blank())
            .filter(|l| classify(l.bare(), &mut None).is_none())
            .count();
        if prose > 2 {
            return None;
        }
    }
    let sendmail_style = events
        .iter()
        .any(|e| e.mark == Mark::Out && e.side == Side::Client)
        && events
            .iter()
            .any(|e| e.mark == Mark::In && e.side == Side::Server);
    let reversed = events
        .iter()
        .any(|e| e.mark == Mark::Out && e.side == Side::Server)
        && events
            .iter()
            .any(|e| e.mark == Mark::In && e.side == Side::Client);

    let mut p = Partial::new(Format::Transcript, writer_of(lines));
    if reversed {
        p.note(NoteKind::ReversedArrows, 0);
    }
    let has_clients = events.iter().any(|e| e.side == Side::Client);
    let mut queue: VecDeque<Command> = VecDeque::new();
    let mut clients = 0usize;
    let mut replies: Vec<Open> = Vec::new();
    let mut open: Option<Open> = None;
    let server_mark = events
        .iter()
        .find(|e| e.side == Side::Server)
        .map(|e| e.mark);
    for e in &events {
        match e.side {
            Side::Client => {
                if let Some(o) = open.take() {
                    replies.push(o);
                }
                clients += 1;
                if let Some(c) = client_command(e.text) {
                    queue.push_back(c);
                }
            }
            Side::Server => {
                let code = three_digits(e.text);
                let continues = open.as_ref().is_some_and(|o| {
                    o.lines.last().is_some_and(|(_, t)| {
                        after_code(t).starts_with('-') && three_digits(t) == code
                    })
                });
                // In a marked transcript an unmarked code line after a finished reply is the
                // client's own comment (Sendmail's status line), not a reply.
                if !continues && e.mark == Mark::Bare && server_mark != Some(Mark::Bare) {
                    continue;
                }
                if continues {
                    if let Some(o) = open.as_mut() {
                        o.lines.push((e.no, e.text.to_owned()));
                    }
                    continue;
                }
                if let Some(o) = open.take() {
                    replies.push(o);
                }
                let command = if clients == 0 && replies.is_empty() && has_clients {
                    Some(Command {
                        prompt: Prompt::Connect,
                        wording: String::new(),
                        from: CommandFrom::Layout,
                        line: None,
                    })
                } else {
                    queue.pop_front()
                };
                open = Some(Open {
                    lines: vec![(e.no, e.text.to_owned())],
                    command,
                    after_client: clients,
                });
            }
        }
    }
    if let Some(o) = open.take() {
        replies.push(o);
    }
    if sendmail_style {
        sendmail_order(&mut replies, &events, &mut p);
    }
    for o in replies {
        let pieces: Vec<(usize, &str)> = o.lines.iter().map(|(n, t)| (*n, t.as_str())).collect();
        let (reply, _) = assemble(&pieces, Wrap::Keep);
        p.findings.push(Finding {
            reply,
            command: o.command,
            ..Finding::default()
        });
    }
    if p.findings.len() > 1 {
        p.note(NoteKind::Replies, p.findings.len());
    }
    Some(p)
}

/// The command a client line sent.
fn client_command(text: &str) -> Option<Command> {
    let t = text.trim();
    let prompt = Prompt::parse(t)?;
    if t.is_empty() {
        return None;
    }
    let wording = t.split(':').next().unwrap_or(t).trim().to_owned();
    // The line as the client sent it, for the sentence that reads it ("." ends the data).
    let line = matches!(prompt, Prompt::Command(_)).then(|| t.to_owned());
    Some(Command {
        prompt,
        wording,
        from: CommandFrom::Stated,
        line,
    })
}

/// Sendmail's transcript shows one command, then every reply that came back for the commands it
/// had pipelined up to that one.
fn sendmail_order(replies: &mut [Open], events: &[Event], p: &mut Partial) {
    let clients: Vec<&str> = events
        .iter()
        .filter(|e| e.side == Side::Client)
        .map(|e| e.text)
        .collect();
    let mut k = 0;
    while k < replies.len() {
        let group = replies[k].after_client;
        let mut end = k + 1;
        while replies.get(end).is_some_and(|r| r.after_client == group) {
            end += 1;
        }
        let shown = group.checked_sub(1).and_then(|i| clients.get(i)).copied();
        let is_data = shown.is_some_and(|c| {
            c.split_whitespace()
                .next()
                .is_some_and(|w| w.eq_ignore_ascii_case("DATA"))
        });
        if is_data {
            let n = end - k;
            for (idx, r) in replies.iter_mut().enumerate().take(end).skip(k) {
                let code = r.lines.first().and_then(|(_, t)| three_digits(t));
                let last = idx + 1 == end;
                let (prompt, wording) = if !last {
                    (Prompt::Command(Verb::Rcpt), "RCPT")
                } else if n > 1 || matches!(code, Some(503 | 354)) {
                    (Prompt::Command(Verb::Data), "DATA")
                } else {
                    (Prompt::EndOfData, "DATA")
                };
                r.command = Some(Command {
                    prompt,
                    wording: wording.to_owned(),
                    from: CommandFrom::Layout,
                    line: None,
                });
            }
            if n > 1 {
                p.note(NoteKind::PipelinedSendmail, n - 1);
            } else if replies
                .get(k)
                .and_then(|r| r.command.as_ref())
                .is_some_and(|c| c.prompt == Prompt::EndOfData)
            {
                p.note(NoteKind::SendmailDataPhase, 0);
            }
        }
        k = end;
    }
}
