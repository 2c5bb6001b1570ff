//! Reading the texts people paste: a reply on its own, a session transcript, an MTA's log line,
//! the body of a bounce, the delivery-status fields of RFC 3464, a whole bounce message, or a
//! client library's error that wraps a reply.
//!
//! [`read`] is the one entry point. It takes any text, never panics, and returns a [`Reading`]:
//! how the text was laid out, who wrote it, and one [`Finding`] per reply it reports (one per
//! failed recipient in a bounce). It holds no sentences; the explainer renders it in a language.
//!
//! How each layout is recognised (one module per family):
//!
//! - a whole message (`message`): a header block first (`Return-Path:`, `Received:`, `From:` …),
//!   then its MIME parts; the returned original is not read;
//! - delivery-status fields (`dsn`): `Final-Recipient`, `Action`, `Status`, `Diagnostic-Code`,
//!   `Remote-MTA` (RFC 3464 §2.3), one group per recipient, anywhere in the text;
//! - Exchange (`exchange`): `Remote Server returned '…'`, `#550 5.1.1 …##`, `Status code:`;
//! - Sendmail (`sendmail`): `----- The following addresses had permanent fatal errors -----`,
//!   `(reason: …)`, the `>>>`/`<<<` transcript, log lines with `dsn=…, stat=…`;
//! - Exim (`exim`): `SMTP error from remote mail server after …`, its bounce blocks and its main
//!   log lines (`**`, `==`);
//! - providers' and gateways' own bounce wordings (`providers`): Gmail, Yahoo, MessageLabs …;
//! - qmail (`qmail`): `Remote host said:`, `does not like recipient`, `(#5.1.1)`;
//! - Postfix (`postfix`): `host … said: … (in reply to … command)`, `status=bounced (…)`,
//!   `NOQUEUE: reject: RCPT from …`, `refused to talk to me`;
//! - transcripts (`transcript`): `S:`/`C:`, `<-`/`->`, `>>>`/`<<<`, `SMTP<<`, debug prefixes,
//!   or bare command and reply lines;
//! - client libraries and applications (`wrappers`): exceptions, tuples, JSON fields;
//! - anything else (`plain`): reply lines, or a reply code followed by an enhanced code anywhere.

use serde::Serialize;

use smtp_sim_core::reply::EnhancedCode;
use smtp_sim_core::sequence::{replies, Prompt, ANY_COMMAND};

mod assemble;
mod dsn;
mod exchange;
mod exim;
mod message;
mod plain;
mod postfix;
mod providers;
mod qmail;
mod sendmail;
mod text;
mod transcript;
mod who;
mod wrappers;

pub use who::{Family, Software};

use text::Line;

/// How a pasted text was laid out.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum Format {
    /// Reply lines on their own (`550-5.1.1 …`, `550 5.1.1 …`).
    Reply,
    /// A session: commands and replies, with or without `S:`/`C:`-style prefixes.
    Transcript,
    /// Postfix's log lines or the text of a Postfix bounce.
    Postfix,
    /// Exim's bounce text or main log lines.
    Exim,
    /// Sendmail's bounce text, transcript or log lines.
    Sendmail,
    /// qmail's bounce text.
    Qmail,
    /// An Exchange or Microsoft 365 non-delivery report.
    Exchange,
    /// Delivery-status fields (RFC 3464).
    DeliveryStatus,
    /// A whole bounce message, headers first.
    Message,
    /// A provider's or gateway's own bounce wording (Gmail, Yahoo, a security gateway …).
    ProviderBounce,
    /// A client library's or application's error that wraps the reply.
    ClientError,
    /// A row of a provider's published table of errors.
    Table,
    /// A reply found inside text the readers do not know.
    Found,
}

impl Format {
    /// Every value, in declaration order.
    pub const ALL: [Format; 13] = [
        Format::Reply,
        Format::Transcript,
        Format::Postfix,
        Format::Exim,
        Format::Sendmail,
        Format::Qmail,
        Format::Exchange,
        Format::DeliveryStatus,
        Format::Message,
        Format::ProviderBounce,
        Format::ClientError,
        Format::Table,
        Format::Found,
    ];
}

/// What a recipient's delivery came to (RFC 3464 §2.3.3; `deliverable` is Postfix's answer to
/// an address test, `sendmail -bv`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum Action {
    /// The message could not be delivered; the sender gets it back.
    Failed,
    /// Not delivered yet; the reporting server keeps trying.
    Delayed,
    /// Delivered.
    Delivered,
    /// Passed on to a system that sends no reports.
    Relayed,
    /// Delivered and forwarded to more addresses.
    Expanded,
    /// An address test found it deliverable; nothing was sent.
    Deliverable,
}

impl Action {
    /// Every value, in declaration order.
    pub const ALL: [Action; 6] = [
        Action::Failed,
        Action::Delayed,
        Action::Delivered,
        Action::Relayed,
        Action::Expanded,
        Action::Deliverable,
    ];

    fn parse(s: &str) -> Option<Action> {
        let w = s
            .split_whitespace()
            .next()?
            .trim_end_matches([';', ',', '.']);
        [
            ("failed", Action::Failed),
            ("bounced", Action::Failed),
            ("delayed", Action::Delayed),
            ("deferred", Action::Delayed),
            ("delivered", Action::Delivered),
            ("sent", Action::Delivered),
            ("relayed", Action::Relayed),
            ("expanded", Action::Expanded),
            ("deliverable", Action::Deliverable),
        ]
        .into_iter()
        .find(|(n, _)| w.eq_ignore_ascii_case(n))
        .map(|(_, a)| a)
    }
}

/// Where the enhanced status code of a finding came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum StatusFrom {
    /// The reply itself, right after its code (RFC 2034 §4).
    Reply,
    /// The `Status:` field of the delivery-status part (RFC 3464 §2.3.4).
    Dsn,
    /// The `dsn=` field of a Postfix or Sendmail log line.
    Log,
    /// qmail's `(#5.1.1)` after its own text.
    Qmail,
    /// Sendmail's own status line for the recipient (`550 5.1.1 <a@b>... User unknown`).
    Sendmail,
    /// An enhanced code at the start of a text with no reply code (a library or a document
    /// dropped the code).
    Text,
}

/// How the command a reply answered is known.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum CommandFrom {
    /// The user said so.
    Given,
    /// The text names it (`in reply to RCPT TO command`, `after MAIL FROM:`, `>>> DATA`).
    Stated,
    /// Where the reply sits: after a command in a transcript, before any command (the
    /// greeting), under a label (smtplib's `data:`).
    Layout,
    /// Only one command gets this code (354 answers DATA, 235 and 334 answer AUTH, 221 QUIT).
    Code,
    /// The reply's words: a refused recipient (`Recipient address rejected`, `RecipNotFound`).
    Wording,
}

impl CommandFrom {
    /// Every value, in declaration order.
    pub const ALL: [CommandFrom; 5] = [
        CommandFrom::Given,
        CommandFrom::Stated,
        CommandFrom::Layout,
        CommandFrom::Code,
        CommandFrom::Wording,
    ];
}

/// The command a reply answered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Command {
    /// What it answered, as the server's own session would say.
    pub prompt: Prompt,
    /// The words the text used (`RCPT TO`, `end of DATA`, `initial connection`).
    pub wording: String,
    /// How it is known.
    pub from: CommandFrom,
    /// The whole command line as it was sent, when the text shows it (`RCPT TO:<a@b>`).
    pub line: Option<String>,
}

/// One line of a reply as read back from the text: `550-5.1.1 The email account …`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RawLine {
    /// The pasted line it starts on, counting from 1.
    pub no: usize,
    /// The reply line, code first, without its line end.
    pub text: String,
}

/// One reply the text reports, with what the text says around it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Finding {
    /// The recipient it is about, when the text names one.
    pub recipient: Option<String>,
    /// The reply's lines; empty when the text gives no reply code.
    pub reply: Vec<RawLine>,
    /// An enhanced status code from outside the reply, when the reply has none.
    pub status: Option<(EnhancedCode, StatusFrom)>,
    /// The command the reply answered.
    pub command: Option<Command>,
    /// The remote host, as the text names it.
    pub host: Option<String>,
    /// The server or provider whose reply it is, when it can be told.
    pub remote: Option<Software>,
    /// What the delivery came to, when the text says.
    pub action: Option<Action>,
    /// True when the writer kept only part of a multi-line reply.
    pub partial: bool,
    /// What the text says when it gives no reply (the words after a status, a diagnostic
    /// without a code, the reporting server's own sentence).
    pub detail: Option<String>,
}

impl Finding {
    /// The reply code, from the first reply line.
    pub fn code(&self) -> Option<u16> {
        self.reply.first().and_then(|l| text::three_digits(&l.text))
    }

    /// The reply's own enhanced code, from its first line (RFC 2034 §4).
    pub fn own_enhanced(&self) -> Option<EnhancedCode> {
        let first = self.reply.first()?;
        let rest = text::after_code(&first.text);
        let rest = rest.strip_prefix(':').unwrap_or(rest);
        let rest = rest.get(1..).unwrap_or("").trim_start_matches(' ');
        let rest = rest.strip_prefix('#').unwrap_or(rest);
        text::enhanced_at_start(rest)
    }

    /// The enhanced code that stands for this finding: the reply's own, else the status given
    /// elsewhere.
    pub fn enhanced(&self) -> Option<(EnhancedCode, StatusFrom)> {
        match self.own_enhanced() {
            Some(e) => Some((e, StatusFrom::Reply)),
            None => self.status,
        }
    }

    /// True when the finding holds a reply code or an enhanced code.
    pub fn has_code(&self) -> bool {
        !self.reply.is_empty() || self.status.is_some()
    }
}

/// Something the readers did to read the text, worth telling the user.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum NoteKind {
    /// Literal `\r\n` escapes were read as line breaks (count: how many).
    LiteralCrlf,
    /// Literal `\n` escapes were read as line breaks (count: how many).
    LiteralLf,
    /// HTML entities (`&lt;`) were decoded (count: lines).
    HtmlEntities,
    /// Lines a log or a mail program had wrapped were joined (count: lines joined).
    Unwrapped,
    /// A multi-line reply written on one line was split back into its lines (count: lines).
    Flattened,
    /// Spaces written as `+` (a Windows SMTP service log) were read as spaces.
    PlusEncoded,
    /// The text names several recipients (count); each is summarised.
    Recipients,
    /// The text holds several replies (count); the first is explained.
    Replies,
    /// Sendmail shows only the last command it pipelined (`>>> DATA`); the refusals before the
    /// reply to DATA answered RCPT.
    PipelinedSendmail,
    /// Sendmail's transcript does not show the final dot: the refusal after `>>> DATA` is read as
    /// the reply to the end of the data.
    SendmailDataPhase,
    /// The log kept only the first line of a multi-line reply.
    PartialReply,
    /// The code and the text were given apart (a tuple, JSON fields) and read as one reply.
    CodeApart,
    /// A row of a published table, not a reply as a server sends it.
    TableRow,
    /// `>>>` marks what was received and `<<<` what was sent: the reverse of Sendmail's use.
    ReversedArrows,
    /// The text gives an enhanced status code but no reply code.
    NoReplyCode,
    /// The enhanced code shown is the delivery-status report's `Status:`.
    StatusFromDsn,
    /// The enhanced code shown is a log line's `dsn=`.
    StatusFromLog,
    /// The enhanced code shown is qmail's `(#…)`.
    StatusFromQmail,
    /// The enhanced code shown is from Sendmail's own status line.
    StatusFromSendmail,
    /// The command is implied by the code: only one command gets it.
    CommandFromCode,
    /// The command is implied by what the reply says it refused.
    CommandFromWording,
    /// Exchange and Microsoft 365 use 5.1.10 for a recipient their address lookup did not find,
    /// not for RFC 7505's null MX.
    MicrosoftRecipientNotFound,
}

impl NoteKind {
    /// Every value, in declaration order.
    pub const ALL: [NoteKind; 22] = [
        NoteKind::LiteralCrlf,
        NoteKind::LiteralLf,
        NoteKind::HtmlEntities,
        NoteKind::Unwrapped,
        NoteKind::Flattened,
        NoteKind::PlusEncoded,
        NoteKind::Recipients,
        NoteKind::Replies,
        NoteKind::PipelinedSendmail,
        NoteKind::SendmailDataPhase,
        NoteKind::PartialReply,
        NoteKind::CodeApart,
        NoteKind::TableRow,
        NoteKind::ReversedArrows,
        NoteKind::NoReplyCode,
        NoteKind::StatusFromDsn,
        NoteKind::StatusFromLog,
        NoteKind::StatusFromQmail,
        NoteKind::StatusFromSendmail,
        NoteKind::CommandFromCode,
        NoteKind::CommandFromWording,
        NoteKind::MicrosoftRecipientNotFound,
    ];
}

/// A [`NoteKind`] with the number it counts (0 when it counts nothing).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct Note {
    /// What was done.
    pub kind: NoteKind,
    /// How many (lines, escapes, recipients), when it counts something.
    pub count: usize,
}

impl Note {
    pub(crate) const fn new(kind: NoteKind, count: usize) -> Self {
        Self { kind, count }
    }
}

/// What [`read`] found in a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reading {
    /// How the text was laid out.
    pub format: Format,
    /// The software or provider that wrote the text (the log, the bounce, the library's error),
    /// when it can be told and differs from the reply's author.
    pub writer: Option<Software>,
    /// The replies it reports, in the text's order: the first is the one to explain.
    pub findings: Vec<Finding>,
    /// What was done to read it.
    pub notes: Vec<Note>,
    /// False when the text was empty or white space only.
    pub any_text: bool,
}

impl Reading {
    /// The finding to explain: the first one.
    pub fn primary(&self) -> Option<&Finding> {
        self.findings.first()
    }

    /// The findings about a named recipient.
    pub fn recipients(&self) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(|f| f.recipient.is_some())
    }
}

/// A family's reader: the lines, and what it made of them when it recognised them.
pub(crate) type Reader = fn(&[Line]) -> Option<Partial>;

/// What one family's reader made of the text.
#[derive(Debug, Default)]
pub(crate) struct Partial {
    pub format: Option<Format>,
    pub writer: Option<Software>,
    pub findings: Vec<Finding>,
    pub notes: Vec<Note>,
}

impl Partial {
    pub fn new(format: Format, writer: Option<Software>) -> Self {
        Partial {
            format: Some(format),
            writer,
            ..Partial::default()
        }
    }

    pub fn note(&mut self, kind: NoteKind, count: usize) {
        if let Some(n) = self.notes.iter_mut().find(|n| n.kind == kind) {
            n.count += count;
        } else {
            self.notes.push(Note::new(kind, count));
        }
    }
}

/// Reads `input`, whatever it is. Never panics; an empty reading has no findings.
pub fn read(input: &str) -> Reading {
    let text::Text { lines, mut notes } = text::normalise(input);
    let any_text = lines.iter().any(|l| !l.is_blank());
    let (body, headers) = match message::split(&lines) {
        Some(m) => (m.body, Some(m.headers)),
        None => (lines, None),
    };
    let body: Vec<Line> = body.into_iter().filter(|l| !is_mime_furniture(l)).collect();
    let dsn = dsn::read(&body);
    let prose: Vec<Line> = body
        .iter()
        .zip(&dsn.used)
        .filter(|(_, used)| !**used)
        .map(|(l, _)| l.clone())
        .collect();
    let mut partial = read_prose(&prose).unwrap_or_default();
    merge_dsn(&mut partial, dsn.findings);
    if partial.format.is_none() && !partial.findings.is_empty() {
        partial.format = Some(Format::DeliveryStatus);
    }
    let mut writer = partial.writer.or(dsn.writer);
    let mut format = partial.format.unwrap_or(Format::Found);
    if let Some(h) = &headers {
        format = Format::Message;
        writer = writer.or(h.writer);
        if let Some(first) = partial.findings.first_mut() {
            if first.recipient.is_none() && h.failed.len() == 1 {
                first.recipient = h.failed.first().cloned();
            }
        }
    }
    for f in &mut partial.findings {
        finish(f);
    }
    // A reply written by the reporting software itself has no other author to name.
    if let Some(w) = writer {
        for f in &mut partial.findings {
            if f.remote == Some(w) && f.host.is_none() {
                f.remote = None;
            }
        }
    }
    let n = partial.recipients_count();
    if n > 1 {
        partial.note(NoteKind::Recipients, n);
    }
    notes.append(&mut partial.notes);
    Reading {
        format,
        writer,
        findings: partial.findings,
        notes,
        any_text,
    }
}

impl Partial {
    fn recipients_count(&self) -> usize {
        self.findings
            .iter()
            .filter(|f| f.recipient.is_some())
            .count()
    }
}

/// MIME boundaries and part headers inside a pasted body carry nothing to read.
fn is_mime_furniture(l: &Line) -> bool {
    let b = l.bare();
    let lower = b.to_ascii_lowercase();
    (b.starts_with("--") && b.len() > 6 && !b.contains(' '))
        || lower.starts_with("content-type:")
        || lower.starts_with("content-description:")
        || lower.starts_with("content-transfer-encoding:")
        || lower.starts_with("content-disposition:")
        || lower.starts_with("mime-version:")
        || lower == "this is a mime-encapsulated message."
        || lower == "this is a mime-encapsulated message"
        || lower == "this is a multi-part message in mime format."
}

/// The first family reader that recognises the text.
fn read_prose(lines: &[Line]) -> Option<Partial> {
    if lines.iter().all(Line::is_blank) {
        return None;
    }
    let readers: [Reader; 9] = [
        exchange::read,
        sendmail::read,
        exim::read,
        providers::read,
        qmail::read,
        postfix::read,
        transcript::read,
        wrappers::read,
        plain::read,
    ];
    readers.iter().find_map(|r| r(lines))
}

/// Adds what the delivery-status part says to the findings of the human-readable part, or takes
/// its findings when that part named none.
fn merge_dsn(partial: &mut Partial, dsn: Vec<Finding>) {
    if dsn.is_empty() {
        return;
    }
    let with_code = partial.findings.iter().any(Finding::has_code);
    let named = partial.findings.iter().any(|f| f.recipient.is_some());
    if partial.findings.is_empty() || (!with_code && !named) {
        partial.findings = dsn;
        return;
    }
    if !named && partial.findings.len() == 1 && dsn.len() == 1 {
        let d = dsn.into_iter().next().unwrap_or_default();
        let f = &mut partial.findings[0];
        fill(f, d);
        return;
    }
    let mut by_address: std::collections::HashMap<String, Finding> =
        std::collections::HashMap::new();
    for d in dsn {
        if let Some(r) = &d.recipient {
            by_address.entry(r.to_ascii_lowercase()).or_insert(d);
        }
    }
    for f in &mut partial.findings {
        let Some(addr) = f.recipient.as_deref().map(str::to_ascii_lowercase) else {
            continue;
        };
        if let Some(d) = by_address.get(&addr) {
            fill(f, d.clone());
        }
    }
}

fn fill(f: &mut Finding, d: Finding) {
    if f.reply.is_empty() {
        f.reply = d.reply;
        f.partial = d.partial;
    }
    if f.status.is_none() {
        f.status = d.status;
    }
    if f.recipient.is_none() {
        f.recipient = d.recipient;
    }
    if f.host.is_none() {
        f.host = d.host;
    }
    if f.action.is_none() {
        f.action = d.action;
    }
    if f.detail.is_none() {
        f.detail = d.detail;
    }
    if f.command.is_none() {
        f.command = d.command;
    }
}

/// Fills in what can be told from the reply itself: its author and, when only one command gets
/// its code, the command.
fn finish(f: &mut Finding) {
    let reply = text::join_trimmed(f.reply.iter().map(|l| l.text.as_str()));
    if f.remote.is_none() {
        let by_tag = who::from_reply_tags(&reply);
        let by_host = f.host.as_deref().and_then(who::from_host);
        // A host name is more specific than a tag of the same family (an ASPMX host is a
        // Google Workspace domain; gsmtp only says Google).
        f.remote = match (by_tag, by_host) {
            (Some(t), Some(h)) if t.family() == h.family() => Some(h),
            (Some(t), _) => Some(t),
            (None, h) => h,
        }
        .or_else(|| who::from_reply_mentions(&reply))
        .or_else(|| f.recipient.as_deref().and_then(who::from_recipient))
        .or_else(|| who::from_reply_wording(&reply));
    }
    // Narrow Microsoft and Google down when the recipient's domain says which service it is.
    if let (Some(r), Some(addr)) = (f.remote, f.recipient.as_deref()) {
        if let Some(by_domain) = who::from_recipient(addr) {
            if by_domain.family() == r.family() && by_domain != r && f.host.is_none() {
                f.remote = Some(by_domain);
            }
        }
    }
    if f.command.is_none() && f.action == Some(Action::Deliverable) {
        // Postfix's address test (sendmail -bv) stops after RCPT and reports its reply
        // (Postfix ADDRESS_VERIFICATION_README).
        f.command = Some(Command {
            prompt: Prompt::Command(smtp_sim_core::command::Verb::Rcpt),
            wording: String::new(),
            from: CommandFrom::Layout,
            line: None,
        });
    }
    if f.command.is_none() {
        f.command = command_from_code(f.code(), &reply).or_else(|| command_from_wording(&reply));
    }
}

/// The command when only one gets this code (RFC 5321 §4.3.2, RFC 4954 §6).
fn command_from_code(code: Option<u16>, reply: &str) -> Option<Command> {
    let code = code?;
    if ANY_COMMAND.contains(&code) {
        return None;
    }
    // A greeting names the host and the protocol; the 220 to STARTTLS does neither.
    if code == 220 {
        let words: Vec<&str> = reply.split_whitespace().skip(1).collect();
        let greeting =
            words.first().is_some_and(|w| w.contains('.')) && !text::contains_ci(reply, "TLS");
        return greeting.then(|| Command {
            prompt: Prompt::Connect,
            wording: String::new(),
            from: CommandFrom::Code,
            line: None,
        });
    }
    let mut found: Option<Prompt> = None;
    for p in all_prompts() {
        let r = replies(p);
        if r.usual.contains(&code) || r.listed.contains(&code) {
            let p = match p {
                Prompt::AuthResponse => Prompt::Command(smtp_sim_core::command::Verb::Auth),
                other => other,
            };
            match found {
                None => found = Some(p),
                Some(q) if q == p => {}
                Some(_) => return None,
            }
        }
    }
    found.map(|prompt| Command {
        prompt,
        wording: String::new(),
        from: CommandFrom::Code,
        line: None,
    })
}

fn all_prompts() -> impl Iterator<Item = Prompt> {
    use smtp_sim_core::command::Verb;
    Verb::ALL.into_iter().map(Prompt::Command).chain([
        Prompt::Connect,
        Prompt::AuthResponse,
        Prompt::EndOfData,
    ])
}

/// A refused recipient, or a refused connection, says so in words several servers share.
fn command_from_wording(reply: &str) -> Option<Command> {
    // RFC 5321 §3.1: a server that will not talk answers the connection "554 No SMTP service".
    if reply.contains("No SMTP service") {
        return Some(Command {
            prompt: Prompt::Connect,
            wording: String::new(),
            from: CommandFrom::Wording,
            line: None,
        });
    }
    let rcpt = [
        "Recipient address rejected",
        "tried to reach does not exist",
        "RecipientNotFound",
        "RecipNotFound",
        "ExRecipNotFound",
        "RESOLVER.RST.",
    ];
    rcpt.iter().any(|w| reply.contains(w)).then(|| Command {
        prompt: Prompt::Command(smtp_sim_core::command::Verb::Rcpt),
        wording: String::new(),
        from: CommandFrom::Wording,
        line: None,
    })
}

/// The command named by `words` (`RCPT TO`, `end of DATA`, `initial connection`, `DATA END`).
pub(crate) fn command_named(words: &str, from: CommandFrom) -> Option<Command> {
    let w = words
        .trim()
        .trim_matches(|c: char| c == ':' || c == '\'' || c == '"' || c.is_whitespace());
    let w = w.strip_prefix("pipelined ").unwrap_or(w);
    let lower = w.to_ascii_lowercase();
    let prompt = if lower.starts_with("initial connection")
        || lower.starts_with("connect")
        || lower == "greeting"
    {
        Prompt::Connect
    } else if lower.starts_with("end of data")
        || lower.starts_with("data end")
        || lower.starts_with("end of message")
        || lower.starts_with("end-of-message")
    {
        Prompt::EndOfData
    } else if w.is_empty() {
        return None;
    } else {
        Prompt::parse(w)?
    };
    Some(Command {
        prompt,
        wording: w.to_owned(),
        from,
        line: whole_line(prompt, w).then(|| w.to_owned()),
    })
}

/// True when `w` is a whole command line, not just the name of one (`RCPT TO:<a@b>`, `HELO
/// host`, `DATA`; not Postfix's `RCPT TO`).
fn whole_line(prompt: Prompt, w: &str) -> bool {
    use smtp_sim_core::command::Verb;
    let Prompt::Command(v) = prompt else {
        return false;
    };
    let words = w.split_whitespace().count();
    match v {
        Verb::Mail | Verb::Rcpt => w.contains(':'),
        Verb::Helo | Verb::Ehlo | Verb::Auth | Verb::Vrfy | Verb::Expn | Verb::Bdat => words > 1,
        _ => words == 1,
    }
}
