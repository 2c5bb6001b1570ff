//! SMTP commands and their parser (RFC 5321 §4.1 grammar, with the ESMTP parameters of the
//! extensions the server offers).
//!
//! [`Command::parse`] takes one command line without its line ending and returns a
//! [`Command`] or a [`CommandError`]. The parser checks syntax and the size limits of
//! RFC 5321 §4.5.3.1; whether a command or parameter is allowed *now* (sequence, advertised
//! extensions, SMTPUTF8) is the session's business.
//!
//! Errors are a small `Copy` enum with a static description; each variant's doc names the reply
//! it maps to, and [`CommandError::code`] / [`CommandError::enhanced`] give it.

use core::fmt;

#[cfg(feature = "serde")]
use serde::Serialize;

use crate::reply::EnhancedCode;

/// The local part every implementation must be able to receive, in octets (RFC 5321
/// §4.5.3.1.1). It is a floor, not a ceiling: §4.5.3.1 says servers SHOULD avoid length limits,
/// and real return paths (SRS, VERP, BATV) exceed it, so the parser takes longer ones up to the
/// path limit ([`MAX_PATH`]), as Postfix does; the server then raises
/// [`Warning::LongLocalPart`](crate::server::Warning::LongLocalPart) because a client SHOULD
/// NOT rely on servers that do.
pub const MAX_LOCAL_PART: usize = 64;
/// Longest domain, in octets (RFC 5321 §4.5.3.1.2).
pub const MAX_DOMAIN: usize = 255;
/// Longest reverse-path or forward-path, punctuation included (RFC 5321 §4.5.3.1.3).
pub const MAX_PATH: usize = 256;
/// Longest command line, command word and CRLF included (RFC 5321 §4.5.3.1.4).
pub const MAX_COMMAND_LINE: usize = 512;
/// Longest ENVID value (RFC 3461 §4.4).
pub const MAX_ENVID: usize = 100;
/// Longest ORCPT value (RFC 3461 §4.2).
pub const MAX_ORCPT: usize = 500;

/// A command word (RFC 5321 §4.1.1 and the extensions), matched case-insensitively.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize))]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
// The command word as on the wire, the same as `as_str` (a test holds them equal).
#[cfg_attr(feature = "serde", serde(rename_all = "UPPERCASE"))]
pub enum Verb {
    /// HELO (RFC 5321 §4.1.1.1).
    Helo,
    /// EHLO (RFC 5321 §4.1.1.1).
    Ehlo,
    /// MAIL FROM (RFC 5321 §4.1.1.2).
    Mail,
    /// RCPT TO (RFC 5321 §4.1.1.3).
    Rcpt,
    /// DATA (RFC 5321 §4.1.1.4).
    Data,
    /// BDAT (RFC 3030 §2).
    Bdat,
    /// RSET (RFC 5321 §4.1.1.5).
    Rset,
    /// NOOP (RFC 5321 §4.1.1.9).
    Noop,
    /// QUIT (RFC 5321 §4.1.1.10).
    Quit,
    /// VRFY (RFC 5321 §4.1.1.6).
    Vrfy,
    /// EXPN (RFC 5321 §4.1.1.7).
    Expn,
    /// HELP (RFC 5321 §4.1.1.8).
    Help,
    /// STARTTLS (RFC 3207 §4).
    StartTls,
    /// AUTH (RFC 4954 §4).
    Auth,
}

impl Verb {
    /// Every verb, in the order HELP lists them.
    pub const ALL: [Verb; 14] = [
        Verb::Helo,
        Verb::Ehlo,
        Verb::Mail,
        Verb::Rcpt,
        Verb::Data,
        Verb::Bdat,
        Verb::Rset,
        Verb::Noop,
        Verb::Quit,
        Verb::Vrfy,
        Verb::Expn,
        Verb::Help,
        Verb::StartTls,
        Verb::Auth,
    ];

    /// The command word in upper case.
    pub const fn as_str(self) -> &'static str {
        match self {
            Verb::Helo => "HELO",
            Verb::Ehlo => "EHLO",
            Verb::Mail => "MAIL",
            Verb::Rcpt => "RCPT",
            Verb::Data => "DATA",
            Verb::Bdat => "BDAT",
            Verb::Rset => "RSET",
            Verb::Noop => "NOOP",
            Verb::Quit => "QUIT",
            Verb::Vrfy => "VRFY",
            Verb::Expn => "EXPN",
            Verb::Help => "HELP",
            Verb::StartTls => "STARTTLS",
            Verb::Auth => "AUTH",
        }
    }

    /// The verb a word names, ignoring case; `None` for anything else.
    pub fn from_word(word: &[u8]) -> Option<Verb> {
        Verb::ALL
            .into_iter()
            .find(|v| v.as_str().as_bytes().eq_ignore_ascii_case(word))
    }

    /// A one-line usage, for `HELP <verb>`.
    pub const fn usage(self) -> &'static str {
        match self {
            Verb::Helo => "HELO <your-domain>",
            Verb::Ehlo => "EHLO <your-domain>",
            Verb::Mail => "MAIL FROM:<sender> [SIZE=n] [BODY=7BIT|8BITMIME] [SMTPUTF8] [RET=FULL|HDRS] [ENVID=id]",
            Verb::Rcpt => "RCPT TO:<recipient> [NOTIFY=NEVER|SUCCESS,FAILURE,DELAY] [ORCPT=rfc822;addr]",
            Verb::Data => "DATA, then the message, then a line holding only a dot",
            Verb::Bdat => "BDAT <octets> [LAST], then exactly that many octets",
            Verb::Rset => "RSET (abandons the current transaction)",
            Verb::Noop => "NOOP (does nothing; arguments are ignored)",
            Verb::Quit => "QUIT (ends the session)",
            Verb::Vrfy => "VRFY <user>",
            Verb::Expn => "EXPN <list>",
            Verb::Help => "HELP [command]",
            Verb::StartTls => "STARTTLS (then EHLO again)",
            Verb::Auth => "AUTH PLAIN [initial-response] | AUTH LOGIN [username]",
        }
    }
}

impl fmt::Display for Verb {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Why a command line could not be parsed. Each variant names the reply it maps to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize))]
pub enum CommandError {
    /// The command word is not one we know. → `500 5.5.2` (RFC 5321 §4.2.4).
    UnknownCommand,
    /// The line is longer than its limit (RFC 5321 §4.5.3.1.4). → `500 5.5.2`. The session's
    /// line reader produces this one; the parser never sees the line.
    LineTooLong,
    /// A required argument is missing (`EHLO`, `VRFY`, `MAIL` without a path…). → `501 5.5.4`.
    MissingArgument,
    /// The command takes no argument but got one (`RSET x`, `DATA x`, …). → `501 5.5.4`.
    UnexpectedArgument,
    /// The arguments do not follow the command's grammar (`MAIL TO:`, text after the path
    /// without a space…). → `501 5.5.4`.
    BadSyntax,
    /// The arguments are not valid UTF-8. → `501 5.5.4`.
    NotUtf8,
    /// The reverse-path is not a valid mailbox (RFC 5321 §4.1.2). → `501 5.1.7`
    /// (RFC 3463: bad sender's mailbox address syntax).
    BadSenderAddress,
    /// The forward-path is not a valid mailbox (RFC 5321 §4.1.2). → `501 5.1.3`
    /// (RFC 3463: bad destination mailbox address syntax).
    BadRecipientAddress,
    /// The domain is longer than 255 octets (RFC 5321 §4.5.3.1.2). → `501 5.5.4`.
    DomainTooLong,
    /// The path is longer than 256 octets (RFC 5321 §4.5.3.1.3). → `501 5.5.4`.
    PathTooLong,
    /// A MAIL or RCPT parameter we do not know (RFC 5321 §4.1.1.11). → `555 5.5.4`.
    UnknownParameter,
    /// A known parameter with a value outside its grammar. → `501 5.5.4`.
    BadParameter,
    /// The same parameter twice. → `501 5.5.4`.
    DuplicateParameter,
    /// `NOTIFY=NEVER` together with another value (RFC 3461 §4.1). → `501 5.5.4`.
    NotifyNeverCombined,
    /// `BDAT` without a valid chunk size or with something other than `LAST` after it
    /// (RFC 3030 §2). → `501 5.5.4`.
    BadChunkSize,
}

impl CommandError {
    /// The reply code this error is answered with.
    pub const fn code(self) -> u16 {
        match self {
            Self::UnknownCommand | Self::LineTooLong => 500,
            Self::UnknownParameter => 555,
            _ => 501,
        }
    }

    /// The enhanced status code this error is answered with (RFC 3463).
    pub const fn enhanced(self) -> EnhancedCode {
        match self {
            Self::UnknownCommand | Self::LineTooLong => EnhancedCode::new(5, 5, 2),
            Self::BadSenderAddress => EnhancedCode::new(5, 1, 7),
            Self::BadRecipientAddress => EnhancedCode::new(5, 1, 3),
            _ => EnhancedCode::new(5, 5, 4),
        }
    }

    /// A short English description, also used as the reply text.
    pub const fn description(self) -> &'static str {
        match self {
            Self::UnknownCommand => "Command not recognized",
            Self::LineTooLong => "Line too long",
            Self::MissingArgument => "Argument required",
            Self::UnexpectedArgument => "This command takes no arguments",
            Self::BadSyntax => "Syntax error in arguments",
            Self::NotUtf8 => "Arguments are not valid UTF-8",
            Self::BadSenderAddress => "Bad sender address syntax",
            Self::BadRecipientAddress => "Bad recipient address syntax",
            Self::DomainTooLong => "Domain too long (255 octets at most)",
            Self::PathTooLong => "Path too long (256 octets at most)",
            Self::UnknownParameter => "Unknown parameter",
            Self::BadParameter => "Bad parameter syntax",
            Self::DuplicateParameter => "Parameter given twice",
            Self::NotifyNeverCombined => "NOTIFY=NEVER cannot be combined with other values",
            Self::BadChunkSize => "Syntax: BDAT <octets> [LAST]",
        }
    }
}

impl fmt::Display for CommandError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.description())
    }
}

/// A mailbox from a path: `local-part@domain` (RFC 5321 §4.1.2).
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
pub struct Mailbox {
    /// The local part as written, quotes included for a quoted string.
    pub local_part: String,
    /// The domain or address literal (brackets included); empty only for `<Postmaster>`.
    pub domain: String,
}

impl Mailbox {
    /// True when the address is all ASCII (otherwise it needs SMTPUTF8, RFC 6531 §3.3).
    pub fn is_ascii(&self) -> bool {
        self.local_part.is_ascii() && self.domain.is_ascii()
    }

    /// The address as `local@domain`, or the bare local part for `<Postmaster>`.
    pub fn address(&self) -> String {
        if self.domain.is_empty() {
            self.local_part.clone()
        } else {
            let mut s = String::with_capacity(self.local_part.len() + 1 + self.domain.len());
            s.push_str(&self.local_part);
            s.push('@');
            s.push_str(&self.domain);
            s
        }
    }
}

impl fmt::Display for Mailbox {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.local_part)?;
        if !self.domain.is_empty() {
            f.write_str("@")?;
            f.write_str(&self.domain)?;
        }
        Ok(())
    }
}

/// The BODY parameter of MAIL (RFC 6152 §2, RFC 3030 §3).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub enum BodyType {
    /// `BODY=7BIT`.
    SevenBit,
    /// `BODY=8BITMIME`.
    EightBitMime,
    /// `BODY=BINARYMIME` (needs BINARYMIME, which this server does not offer).
    BinaryMime,
}

/// The RET parameter of MAIL (RFC 3461 §4.3).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
pub enum Ret {
    /// `RET=FULL`: return the whole message in a failure DSN.
    Full,
    /// `RET=HDRS`: return only the headers.
    Hdrs,
}

/// The NOTIFY parameter of RCPT (RFC 3461 §4.1).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
pub struct Notify {
    /// `NEVER`: no DSN at all (never combined with the others).
    pub never: bool,
    /// `SUCCESS`.
    pub success: bool,
    /// `FAILURE`.
    pub failure: bool,
    /// `DELAY`.
    pub delay: bool,
}

/// The ORCPT parameter of RCPT (RFC 3461 §4.2): `addr-type ; xtext`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
pub struct Orcpt {
    /// The address type, e.g. `rfc822`.
    pub addr_type: String,
    /// The original address, still xtext-encoded.
    pub address: String,
}

/// The parameters of MAIL FROM, each `None` / `false` when absent.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
pub struct MailParams {
    /// `SIZE=n`, the declared message size (RFC 1870 §6); saturates at `u64::MAX`.
    pub size: Option<u64>,
    /// `BODY=` (RFC 6152).
    pub body: Option<BodyType>,
    /// `SMTPUTF8` (RFC 6531 §3.4).
    pub smtputf8: bool,
    /// `RET=` (RFC 3461 §4.3).
    pub ret: Option<Ret>,
    /// `ENVID=`, xtext-encoded (RFC 3461 §4.4).
    pub envid: Option<String>,
    /// `AUTH=`, the authenticated submitter, xtext-encoded or `<>` (RFC 4954 §5).
    pub auth: Option<String>,
}

/// The parameters of RCPT TO, each `None` when absent.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
pub struct RcptParams {
    /// `NOTIFY=` (RFC 3461 §4.1).
    pub notify: Option<Notify>,
    /// `ORCPT=` (RFC 3461 §4.2).
    pub orcpt: Option<Orcpt>,
}

/// One parsed SMTP command.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
pub enum Command {
    /// `HELO domain`.
    Helo(String),
    /// `EHLO domain`.
    Ehlo(String),
    /// `MAIL FROM:<reverse-path> [params]`.
    Mail {
        /// The sender; `None` for the null reverse-path `<>` (RFC 5321 §4.5.5).
        from: Option<Mailbox>,
        /// ESMTP parameters.
        params: MailParams,
    },
    /// `RCPT TO:<forward-path> [params]`.
    Rcpt {
        /// The recipient (`Postmaster` with an empty domain for `<Postmaster>`).
        to: Mailbox,
        /// ESMTP parameters.
        params: RcptParams,
    },
    /// `DATA`.
    Data,
    /// `BDAT size [LAST]`.
    Bdat {
        /// Octets in the chunk that follows the command line.
        size: u64,
        /// True for the last chunk.
        last: bool,
    },
    /// `RSET`.
    Rset,
    /// `NOOP [anything]`.
    Noop,
    /// `QUIT`.
    Quit,
    /// `VRFY string`.
    Vrfy(String),
    /// `EXPN string`.
    Expn(String),
    /// `HELP [topic]`.
    Help(Option<String>),
    /// `STARTTLS`.
    StartTls,
    /// `AUTH mechanism [initial-response]`.
    Auth {
        /// The SASL mechanism name, upper-cased.
        mechanism: String,
        /// The initial response, as sent (base64, or `=` for an empty one).
        initial_response: Option<String>,
    },
}

impl Command {
    /// The command's verb.
    pub fn verb(&self) -> Verb {
        match self {
            Command::Helo(_) => Verb::Helo,
            Command::Ehlo(_) => Verb::Ehlo,
            Command::Mail { .. } => Verb::Mail,
            Command::Rcpt { .. } => Verb::Rcpt,
            Command::Data => Verb::Data,
            Command::Bdat { .. } => Verb::Bdat,
            Command::Rset => Verb::Rset,
            Command::Noop => Verb::Noop,
            Command::Quit => Verb::Quit,
            Command::Vrfy(_) => Verb::Vrfy,
            Command::Expn(_) => Verb::Expn,
            Command::Help(_) => Verb::Help,
            Command::StartTls => Verb::StartTls,
            Command::Auth { .. } => Verb::Auth,
        }
    }

    /// Parses one command line without its line ending, to the letter of RFC 5321 §4.1:
    /// paths must be in angle brackets.
    pub fn parse(line: &[u8]) -> Result<Command, CommandError> {
        parse(line, false)
    }

    /// Like [`Command::parse`], but also takes `MAIL FROM:user@example.com` without angle
    /// brackets, as many servers do for people typing by hand.
    pub fn parse_lenient(line: &[u8]) -> Result<Command, CommandError> {
        parse(line, true)
    }
}

/// Splits a line into its command word and the rest (leading spaces removed). Trailing spaces
/// and tabs are dropped first.
pub fn split_verb(line: &[u8]) -> (&[u8], &[u8]) {
    let line = trim_end(line);
    match line.iter().position(|&b| b == b' ') {
        Some(sp) => (&line[..sp], trim_start(&line[sp + 1..])),
        None => (line, &[]),
    }
}

fn trim_end(mut s: &[u8]) -> &[u8] {
    while let [rest @ .., b' ' | b'\t'] = s {
        s = rest;
    }
    s
}

fn trim_start(mut s: &[u8]) -> &[u8] {
    while let [b' ', rest @ ..] = s {
        s = rest;
    }
    s
}

fn parse(line: &[u8], lenient: bool) -> Result<Command, CommandError> {
    let (word, args) = split_verb(line);
    let verb = Verb::from_word(word).ok_or(CommandError::UnknownCommand)?;
    if verb == Verb::Noop {
        // RFC 5321 §4.1.1.9: any parameter string SHOULD be ignored.
        return Ok(Command::Noop);
    }
    let args = match core::str::from_utf8(args) {
        Ok(a) => a,
        Err(_) => {
            return Err(match verb {
                Verb::Mail => CommandError::BadSenderAddress,
                Verb::Rcpt => CommandError::BadRecipientAddress,
                _ => CommandError::NotUtf8,
            })
        }
    };
    let none = |c: Command| {
        if args.is_empty() {
            Ok(c)
        } else {
            Err(CommandError::UnexpectedArgument)
        }
    };
    let some = |f: fn(String) -> Command| {
        if args.is_empty() {
            Err(CommandError::MissingArgument)
        } else if args.bytes().any(|c| c < 0x20 || c == 0x7f) {
            // Control characters are never part of a domain or a user name, and these
            // arguments may be echoed.
            Err(CommandError::BadSyntax)
        } else {
            Ok(f(args.to_owned()))
        }
    };
    match verb {
        Verb::Helo => some(Command::Helo),
        Verb::Ehlo => some(Command::Ehlo),
        Verb::Vrfy => some(Command::Vrfy),
        Verb::Expn => some(Command::Expn),
        Verb::Data => none(Command::Data),
        Verb::Rset => none(Command::Rset),
        Verb::Quit => none(Command::Quit),
        Verb::StartTls => none(Command::StartTls),
        Verb::Noop => Ok(Command::Noop),
        Verb::Help if args.bytes().any(|c| c < 0x20 || c == 0x7f) => Err(CommandError::BadSyntax),
        Verb::Help => Ok(Command::Help(if args.is_empty() {
            None
        } else {
            Some(args.to_owned())
        })),
        Verb::Mail => parse_mail(args, lenient),
        Verb::Rcpt => parse_rcpt(args, lenient),
        Verb::Bdat => parse_bdat(args),
        Verb::Auth => parse_auth(args),
    }
}

/// Strips a case-insensitive prefix.
fn strip_prefix_ci<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let (head, rest) = s.split_at_checked(prefix.len())?;
    head.eq_ignore_ascii_case(prefix).then_some(rest)
}

fn parse_mail(args: &str, lenient: bool) -> Result<Command, CommandError> {
    if args.is_empty() {
        return Err(CommandError::MissingArgument);
    }
    let rest = strip_prefix_ci(args, "FROM:").ok_or(CommandError::BadSyntax)?;
    // `MAIL FROM: <a@b>`: a space after the colon is common and harmless.
    let rest = rest.trim_start_matches(' ');
    let (path, params) = split_path(rest, lenient, CommandError::BadSenderAddress)?;
    let from = if path == "<>" {
        None
    } else {
        Some(parse_path(path, false, CommandError::BadSenderAddress)?)
    };
    Ok(Command::Mail {
        from,
        params: parse_mail_params(params)?,
    })
}

fn parse_rcpt(args: &str, lenient: bool) -> Result<Command, CommandError> {
    if args.is_empty() {
        return Err(CommandError::MissingArgument);
    }
    let rest = strip_prefix_ci(args, "TO:").ok_or(CommandError::BadSyntax)?;
    let rest = rest.trim_start_matches(' ');
    let (path, params) = split_path(rest, lenient, CommandError::BadRecipientAddress)?;
    let to = parse_path(path, true, CommandError::BadRecipientAddress)?;
    Ok(Command::Rcpt {
        to,
        params: parse_rcpt_params(params)?,
    })
}

/// Splits `<path> params` into the path (brackets included, or the bare address in lenient
/// mode) and the parameter string.
fn split_path(s: &str, lenient: bool, bad: CommandError) -> Result<(&str, &str), CommandError> {
    if s.is_empty() {
        return Err(CommandError::MissingArgument);
    }
    let end = if s.starts_with('<') {
        // The closing bracket, skipping a quoted local part that may hold `>`.
        let b = s.as_bytes();
        let mut i = 1;
        let mut quoted = false;
        loop {
            match b.get(i) {
                None => return Err(bad),
                Some(b'\\') if quoted => i += 1,
                Some(b'"') => quoted = !quoted,
                Some(b'>') if !quoted => break i + 1,
                _ => {}
            }
            i += 1;
        }
    } else if lenient {
        s.find(' ').unwrap_or(s.len())
    } else {
        return Err(bad);
    };
    // `end` follows an ASCII byte (or is the end), so this never fails; `split_at` would link
    // str slicing's panic message into the first-load module.
    let (path, rest) = s.split_at_checked(end).ok_or(bad)?;
    if rest.is_empty() {
        return Ok((path, rest));
    }
    match rest.strip_prefix(' ') {
        Some(params) => Ok((path, params.trim_start_matches(' '))),
        None => Err(CommandError::BadSyntax),
    }
}

/// Parses a path: `<[@route,@route:]local@domain>`, or a bare address in lenient mode.
/// With `postmaster`, `<Postmaster>` without a domain is accepted (RFC 5321 §4.1.1.3).
fn parse_path(path: &str, postmaster: bool, bad: CommandError) -> Result<Mailbox, CommandError> {
    if path.len() > MAX_PATH {
        return Err(CommandError::PathTooLong);
    }
    let inner = match path.strip_prefix('<') {
        Some(p) => p.strip_suffix('>').ok_or(bad)?,
        None => path,
    };
    // A-d-l ":" (source route): accepted and ignored (RFC 5321 §4.1.2, §C).
    let inner = if inner.starts_with('@') {
        let (route, rest) = inner.split_once(':').ok_or(bad)?;
        for hop in route.split(',') {
            let domain = hop.strip_prefix('@').ok_or(bad)?;
            check_domain(domain, bad)?;
        }
        rest
    } else {
        inner
    };
    if postmaster && inner.eq_ignore_ascii_case("postmaster") {
        return Ok(Mailbox {
            local_part: inner.to_owned(),
            domain: String::new(),
        });
    }
    let at = local_part_end(inner).ok_or(bad)?;
    let (local, domain) = inner.split_at_checked(at).ok_or(bad)?;
    let domain = domain.strip_prefix('@').ok_or(bad)?;
    if domain.starts_with('[') {
        if !is_address_literal(domain) {
            return Err(bad);
        }
    } else {
        check_domain(domain, bad)?;
    }
    Ok(Mailbox {
        local_part: local.to_owned(),
        domain: domain.to_owned(),
    })
}

/// Finds the `@` after a valid local part (Dot-string or Quoted-string, RFC 5321 §4.1.2, with
/// UTF-8 allowed per RFC 6531 §3.3).
fn local_part_end(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    if b.first() == Some(&b'"') {
        let mut i = 1;
        loop {
            match *b.get(i)? {
                b'\\' => {
                    // quoted-pairSMTP = %d92 %d32-126
                    let next = *b.get(i + 1)?;
                    if !(32..=126).contains(&next) {
                        return None;
                    }
                    i += 2;
                }
                b'"' => break,
                // qtextSMTP = %d32-33 / %d35-91 / %d93-126 / UTF8-non-ascii
                c if c >= 32 && c != 127 => i += 1,
                _ => return None,
            }
        }
        // At least the two quotes; then the `@`.
        return (b.get(i + 1) == Some(&b'@')).then_some(i + 1);
    }
    let (local, _) = s.split_once('@')?;
    if local.is_empty()
        || local
            .split('.')
            .any(|atom| atom.is_empty() || !atom.bytes().all(is_atext))
    {
        return None;
    }
    Some(local.len())
}

/// atext (RFC 5322 §3.2.3), plus any byte of a UTF-8 sequence (RFC 6531 §3.3).
fn is_atext(c: u8) -> bool {
    c.is_ascii_alphanumeric() || b"!#$%&'*+-/=?^_`{|}~".contains(&c) || c >= 0x80
}

/// Domain = sub-domain *("." sub-domain); sub-domain = Let-dig [Ldh-str] (RFC 5321 §4.1.2),
/// U-labels allowed (RFC 6531 §3.3).
fn check_domain(d: &str, bad: CommandError) -> Result<(), CommandError> {
    if d.len() > MAX_DOMAIN {
        return Err(CommandError::DomainTooLong);
    }
    if is_domain(d) {
        Ok(())
    } else {
        Err(bad)
    }
}

/// True for a syntactically valid domain name (RFC 5321 §4.1.2, U-labels allowed).
pub fn is_domain(d: &str) -> bool {
    !d.is_empty()
        && d.split('.').all(|label| {
            let b = label.as_bytes();
            let letdig = |c: &u8| c.is_ascii_alphanumeric() || *c >= 0x80;
            matches!((b.first(), b.last()), (Some(f), Some(l)) if letdig(f) && letdig(l))
                && b.iter().all(|c| letdig(c) || *c == b'-')
        })
}

/// address-literal = "[" ( IPv4 / "IPv6:" IPv6 / tag ":" dcontent ) "]" (RFC 5321 §4.1.3).
pub fn is_address_literal(s: &str) -> bool {
    let Some(inner) = s.strip_prefix('[').and_then(|s| s.strip_suffix(']')) else {
        return false;
    };
    if let Some(v6) = strip_prefix_ci(inner, "IPv6:") {
        return is_ipv6_address(v6);
    }
    if let Some((tag, content)) = inner.split_once(':') {
        // General-address-literal = Standardized-tag ":" 1*dcontent
        return is_domain(tag)
            && !tag.as_bytes().contains(&b'.')
            && !content.is_empty()
            && content
                .bytes()
                .all(|c| (33..=90).contains(&c) || (94..=126).contains(&c));
    }
    let parts: Vec<&str> = inner.split('.').collect();
    parts.len() == 4
        && parts.iter().all(|p| {
            (1..=3).contains(&p.len())
                && p.bytes().all(|c| c.is_ascii_digit())
                && crate::parse_decimal(p).is_some_and(|n| n <= 255)
        })
}

/// IPv6-addr (RFC 5321 §4.1.3) in the text forms of RFC 4291 §2.2: eight groups of 1-4 hex
/// digits, one `::` standing for one or more zero groups, the last two groups optionally a dotted
/// IPv4 address; no zone id. Accepts exactly what `core::net::Ipv6Addr`'s parser accepts (a
/// differential test holds it to that), in a fraction of its code: the page's first-load module
/// carries this.
pub fn is_ipv6_address(s: &str) -> bool {
    let s = s.as_bytes();
    let mut at = 0;
    let (head, head_v4) = ipv6_groups(s, &mut at, 8);
    if head == 8 {
        return at == s.len();
    }
    // An IPv4 part ends the address; anything else needs the `::` now, standing for at least
    // one group.
    if head_v4 || s.get(at..at + 2) != Some(b"::") {
        return false;
    }
    at += 2;
    ipv6_groups(s, &mut at, 7 - head);
    at == s.len()
}

/// Reads up to `limit` colon-separated groups of 1-4 hex digits from `s[*at..]`, the last two
/// of which may be a dotted IPv4 address (RFC 4291 §2.2 form 3); moves `*at` past what it read
/// and returns how many groups that was and whether it ended in an IPv4 address.
fn ipv6_groups(s: &[u8], at: &mut usize, limit: usize) -> (usize, bool) {
    let mut n = 0;
    while n < limit {
        let mut p = *at;
        if n > 0 {
            if s.get(p) != Some(&b':') {
                break;
            }
            p += 1;
        }
        let rest = s.get(p..).unwrap_or_default();
        if n + 1 < limit {
            if let Some(len) = ipv4_dotted(rest) {
                *at = p + len;
                return (n + 2, true);
            }
        }
        let digits = rest
            .iter()
            .take(5)
            .take_while(|c| c.is_ascii_hexdigit())
            .count();
        if !(1..=4).contains(&digits) {
            break;
        }
        *at = p + digits;
        n += 1;
    }
    (n, false)
}

/// The length of the dotted IPv4 address at the start of `s` (four decimal octets up to 255,
/// no leading zeros: RFC 6943 §3.1.1 reads those as octal), if there is one.
fn ipv4_dotted(s: &[u8]) -> Option<usize> {
    let mut at = 0;
    for i in 0..4 {
        if i > 0 {
            if s.get(at) != Some(&b'.') {
                return None;
            }
            at += 1;
        }
        let octet = s.get(at..).unwrap_or_default();
        let digits = octet
            .iter()
            .take(4)
            .take_while(|c| c.is_ascii_digit())
            .count();
        let value = octet
            .iter()
            .take(digits)
            .fold(0u32, |v, c| v * 10 + u32::from(c - b'0'));
        if !(1..=3).contains(&digits) || (digits > 1 && octet.first() == Some(&b'0')) || value > 255
        {
            return None;
        }
        at += digits;
    }
    Some(at)
}

/// Iterates `keyword[=value]` parameters, checking the esmtp-param grammar
/// (RFC 5321 §4.1.2; values may hold UTF-8, RFC 6531 §3.3).
fn params(s: &str) -> impl Iterator<Item = Result<(&str, Option<&str>), CommandError>> {
    s.split(' ').filter(|p| !p.is_empty()).map(|p| {
        let (key, value) = match p.split_once('=') {
            Some((key, value)) => (key, Some(value)),
            None => (p, None),
        };
        let kb = key.as_bytes();
        let key_ok = kb.first().is_some_and(|c| c.is_ascii_alphanumeric())
            && kb.iter().all(|c| c.is_ascii_alphanumeric() || *c == b'-');
        let value_ok = value.is_none_or(|v| {
            !v.is_empty()
                && v.bytes()
                    .all(|c| (33..=126).contains(&c) && c != b'=' || c >= 0x80)
        });
        if key_ok && value_ok {
            Ok((key, value))
        } else {
            Err(CommandError::BadParameter)
        }
    })
}

/// xtext (RFC 3461 §4): printable ASCII except `+` and `=`, with `+XX` uppercase-hex escapes.
pub fn is_xtext(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        if c == b'+' {
            let hex =
                |c: Option<&u8>| c.is_some_and(|c| c.is_ascii_digit() || (b'A'..=b'F').contains(c));
            if !hex(b.get(i + 1)) || !hex(b.get(i + 2)) {
                return false;
            }
            i += 3;
        } else if (33..=126).contains(&c) && c != b'=' {
            i += 1;
        } else {
            return false;
        }
    }
    true
}

fn set_once<T>(slot: &mut Option<T>, value: T) -> Result<(), CommandError> {
    if slot.is_some() {
        return Err(CommandError::DuplicateParameter);
    }
    *slot = Some(value);
    Ok(())
}

fn parse_mail_params(s: &str) -> Result<MailParams, CommandError> {
    let mut p = MailParams::default();
    for item in params(s) {
        let (key, value) = item?;
        let upper = |v: Option<&str>| v.map(|v| v.to_ascii_uppercase());
        if key.eq_ignore_ascii_case("SIZE") {
            // size-value ::= 1*20DIGIT (RFC 1870 §6)
            let v = value.ok_or(CommandError::BadParameter)?;
            if v.len() > 20 || !v.bytes().all(|c| c.is_ascii_digit()) {
                return Err(CommandError::BadParameter);
            }
            let n = v.bytes().fold(0u64, |n, c| {
                n.saturating_mul(10).saturating_add((c - b'0') as u64)
            });
            set_once(&mut p.size, n)?;
        } else if key.eq_ignore_ascii_case("BODY") {
            let body = match upper(value).as_deref() {
                Some("7BIT") => BodyType::SevenBit,
                Some("8BITMIME") => BodyType::EightBitMime,
                Some("BINARYMIME") => BodyType::BinaryMime,
                _ => return Err(CommandError::BadParameter),
            };
            set_once(&mut p.body, body)?;
        } else if key.eq_ignore_ascii_case("SMTPUTF8") {
            // RFC 6531 §3.4: the parameter has no value.
            if value.is_some() {
                return Err(CommandError::BadParameter);
            }
            if p.smtputf8 {
                return Err(CommandError::DuplicateParameter);
            }
            p.smtputf8 = true;
        } else if key.eq_ignore_ascii_case("RET") {
            let ret = match upper(value).as_deref() {
                Some("FULL") => Ret::Full,
                Some("HDRS") => Ret::Hdrs,
                _ => return Err(CommandError::BadParameter),
            };
            set_once(&mut p.ret, ret)?;
        } else if key.eq_ignore_ascii_case("ENVID") {
            let v = value.ok_or(CommandError::BadParameter)?;
            if v.len() > MAX_ENVID || !is_xtext(v) {
                return Err(CommandError::BadParameter);
            }
            set_once(&mut p.envid, v.to_owned())?;
        } else if key.eq_ignore_ascii_case("AUTH") {
            // RFC 4954 §5: AUTH=<> or AUTH=xtext(mailbox).
            let v = value.ok_or(CommandError::BadParameter)?;
            if v != "<>" && !is_xtext(v) {
                return Err(CommandError::BadParameter);
            }
            set_once(&mut p.auth, v.to_owned())?;
        } else {
            return Err(CommandError::UnknownParameter);
        }
    }
    Ok(p)
}

fn parse_rcpt_params(s: &str) -> Result<RcptParams, CommandError> {
    let mut p = RcptParams::default();
    for item in params(s) {
        let (key, value) = item?;
        if key.eq_ignore_ascii_case("NOTIFY") {
            let v = value.ok_or(CommandError::BadParameter)?;
            let mut n = Notify::default();
            let mut count = 0;
            for word in v.split(',') {
                let flag = if word.eq_ignore_ascii_case("NEVER") {
                    &mut n.never
                } else if word.eq_ignore_ascii_case("SUCCESS") {
                    &mut n.success
                } else if word.eq_ignore_ascii_case("FAILURE") {
                    &mut n.failure
                } else if word.eq_ignore_ascii_case("DELAY") {
                    &mut n.delay
                } else {
                    return Err(CommandError::BadParameter);
                };
                if *flag {
                    return Err(CommandError::BadParameter);
                }
                *flag = true;
                count += 1;
            }
            if n.never && count > 1 {
                return Err(CommandError::NotifyNeverCombined);
            }
            set_once(&mut p.notify, n)?;
        } else if key.eq_ignore_ascii_case("ORCPT") {
            // original-recipient-address = addr-type ";" xtext (RFC 3461 §4.2)
            let v = value.ok_or(CommandError::BadParameter)?;
            let (addr_type, address) = v.split_once(';').ok_or(CommandError::BadParameter)?;
            if v.len() > MAX_ORCPT
                || addr_type.is_empty()
                || !addr_type.bytes().all(|c| is_atext(c) && c < 0x80)
                || address.is_empty()
                || !is_xtext(address)
            {
                return Err(CommandError::BadParameter);
            }
            set_once(
                &mut p.orcpt,
                Orcpt {
                    addr_type: addr_type.to_owned(),
                    address: address.to_owned(),
                },
            )?;
        } else {
            return Err(CommandError::UnknownParameter);
        }
    }
    Ok(p)
}

/// The chunk size of a BDAT command's arguments, when its first word is one (`chunk-size =
/// 1*DIGIT`, RFC 3030 §2, within 64 bits), whatever follows it. A server that refuses the rest
/// of the line still knows where the chunk ends, and reads it as data.
pub fn bdat_chunk_size(args: &str) -> Option<u64> {
    let size = args.split(' ').find(|w| !w.is_empty())?;
    if size.len() > 20 {
        return None;
    }
    crate::parse_decimal(size)
}

fn parse_bdat(args: &str) -> Result<Command, CommandError> {
    // bdat-cmd = "BDAT" SP chunk-size [ SP end-marker ] CRLF (RFC 3030 §2)
    let size = bdat_chunk_size(args).ok_or(CommandError::BadChunkSize)?;
    let mut words = args.split(' ').filter(|w| !w.is_empty()).skip(1);
    let last = match words.next() {
        None => false,
        Some(w) if w.eq_ignore_ascii_case("LAST") => true,
        Some(_) => return Err(CommandError::BadChunkSize),
    };
    if words.next().is_some() {
        return Err(CommandError::BadChunkSize);
    }
    Ok(Command::Bdat { size, last })
}

fn parse_auth(args: &str) -> Result<Command, CommandError> {
    // auth-command = "AUTH" SP sasl-mech [SP initial-response] (RFC 4954 §4)
    let mut words = args.split(' ').filter(|w| !w.is_empty());
    let mech = words.next().ok_or(CommandError::MissingArgument)?;
    // sasl-mech = 1*20mech-char; mech-char = UPPER-ALPHA / DIGIT / HYPHEN / UNDERSCORE
    if mech.len() > 20
        || !mech
            .bytes()
            .all(|c| c.is_ascii_alphanumeric() || c == b'-' || c == b'_')
    {
        return Err(CommandError::BadSyntax);
    }
    let initial_response = words.next().map(str::to_owned);
    if words.next().is_some() {
        return Err(CommandError::BadSyntax);
    }
    Ok(Command::Auth {
        mechanism: mech.to_ascii_uppercase(),
        initial_response,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mb(local: &str, domain: &str) -> Mailbox {
        Mailbox {
            local_part: local.into(),
            domain: domain.into(),
        }
    }

    fn mail(from: Option<Mailbox>) -> Command {
        Command::Mail {
            from,
            params: MailParams::default(),
        }
    }

    #[test]
    fn simple_commands() {
        use Command::*;
        let rows: &[(&str, Result<Command, CommandError>)] = &[
            ("HELO client.example", Ok(Helo("client.example".into()))),
            ("ehlo [192.0.2.1]", Ok(Ehlo("[192.0.2.1]".into()))),
            ("EHLO", Err(CommandError::MissingArgument)),
            ("EHLO   ", Err(CommandError::MissingArgument)),
            ("data", Ok(Data)),
            ("DATA x", Err(CommandError::UnexpectedArgument)),
            ("RSET ", Ok(Rset)),
            ("RSET x", Err(CommandError::UnexpectedArgument)),
            ("QUIT now", Err(CommandError::UnexpectedArgument)),
            ("NOOP whatever \u{1}", Ok(Noop)),
            ("STARTTLS x", Err(CommandError::UnexpectedArgument)),
            ("VRFY", Err(CommandError::MissingArgument)),
            ("VRFY alice", Ok(Vrfy("alice".into()))),
            ("EXPN staff", Ok(Expn("staff".into()))),
            ("HELP", Ok(Help(None))),
            ("HELP mail", Ok(Help(Some("mail".into())))),
            ("", Err(CommandError::UnknownCommand)),
            ("FOO bar", Err(CommandError::UnknownCommand)),
            ("MAILFROM:<a@b>", Err(CommandError::UnknownCommand)),
            (
                "BDAT 0 LAST",
                Ok(Bdat {
                    size: 0,
                    last: true,
                }),
            ),
            (
                "BDAT 100",
                Ok(Bdat {
                    size: 100,
                    last: false,
                }),
            ),
            (
                "bdat 7 last",
                Ok(Bdat {
                    size: 7,
                    last: true,
                }),
            ),
            ("BDAT", Err(CommandError::BadChunkSize)),
            ("BDAT x", Err(CommandError::BadChunkSize)),
            ("BDAT -1", Err(CommandError::BadChunkSize)),
            ("BDAT 5 FIRST", Err(CommandError::BadChunkSize)),
            ("BDAT 5 LAST x", Err(CommandError::BadChunkSize)),
            ("BDAT 99999999999999999999", Err(CommandError::BadChunkSize)),
            (
                "AUTH plain AGFsaWNlAHdvbmRlcmxhbmQ=",
                Ok(Auth {
                    mechanism: "PLAIN".into(),
                    initial_response: Some("AGFsaWNlAHdvbmRlcmxhbmQ=".into()),
                }),
            ),
            ("AUTH", Err(CommandError::MissingArgument)),
            ("AUTH PL@IN", Err(CommandError::BadSyntax)),
        ];
        for (line, want) in rows {
            assert_eq!(&Command::parse(line.as_bytes()), want, "{line:?}");
        }
    }

    #[test]
    fn paths() {
        let rows: &[(&str, Result<Command, CommandError>)] = &[
            ("MAIL FROM:<>", Ok(mail(None))),
            (
                "MAIL FROM:<a@b.example>",
                Ok(mail(Some(mb("a", "b.example")))),
            ),
            (
                "mail from:<a@b.example>",
                Ok(mail(Some(mb("a", "b.example")))),
            ),
            (
                "MAIL FROM: <a@b.example>",
                Ok(mail(Some(mb("a", "b.example")))),
            ),
            ("MAIL FROM:a@b.example", Err(CommandError::BadSenderAddress)),
            (
                "MAIL FROM:<a@b.example",
                Err(CommandError::BadSenderAddress),
            ),
            ("MAIL FROM:<a@b.example>x", Err(CommandError::BadSyntax)),
            ("MAIL TO:<a@b.example>", Err(CommandError::BadSyntax)),
            ("MAIL", Err(CommandError::MissingArgument)),
            ("MAIL FROM:", Err(CommandError::MissingArgument)),
            (
                "MAIL FROM:<\"john doe\"@b.example>",
                Ok(mail(Some(mb("\"john doe\"", "b.example")))),
            ),
            (
                "MAIL FROM:<\"a>b\\\"c\"@b.example>",
                Ok(mail(Some(mb("\"a>b\\\"c\"", "b.example")))),
            ),
            (
                "MAIL FROM:<a@[192.0.2.1]>",
                Ok(mail(Some(mb("a", "[192.0.2.1]")))),
            ),
            (
                "MAIL FROM:<a@[IPv6:2001:db8::1]>",
                Ok(mail(Some(mb("a", "[IPv6:2001:db8::1]")))),
            ),
            (
                "MAIL FROM:<a@[192.0.2.256]>",
                Err(CommandError::BadSenderAddress),
            ),
            (
                "MAIL FROM:<a@[IPv6:zz]>",
                Err(CommandError::BadSenderAddress),
            ),
            (
                "MAIL FROM:<@relay.example,@r2.example:a@b.example>",
                Ok(mail(Some(mb("a", "b.example")))),
            ),
            (
                "MAIL FROM:<@:a@b.example>",
                Err(CommandError::BadSenderAddress),
            ),
            (
                "MAIL FROM:<a..b@b.example>",
                Err(CommandError::BadSenderAddress),
            ),
            (
                "MAIL FROM:<.a@b.example>",
                Err(CommandError::BadSenderAddress),
            ),
            (
                "MAIL FROM:<a@-b.example>",
                Err(CommandError::BadSenderAddress),
            ),
            (
                "MAIL FROM:<a@b..example>",
                Err(CommandError::BadSenderAddress),
            ),
            (
                "MAIL FROM:<a b@b.example>",
                Err(CommandError::BadSenderAddress),
            ),
            ("MAIL FROM:<a>", Err(CommandError::BadSenderAddress)),
            (
                "MAIL FROM:<Postmaster>",
                Err(CommandError::BadSenderAddress),
            ),
            (
                "MAIL FROM:<jörg@bücher.example>",
                Ok(mail(Some(mb("jörg", "bücher.example")))),
            ),
        ];
        for (line, want) in rows {
            assert_eq!(&Command::parse(line.as_bytes()), want, "{line:?}");
        }
        let rcpt = |line: &str| match Command::parse(line.as_bytes()) {
            Ok(Command::Rcpt { to, .. }) => Ok(to),
            Ok(other) => panic!("{other:?}"),
            Err(e) => Err(e),
        };
        assert_eq!(rcpt("RCPT TO:<Postmaster>"), Ok(mb("Postmaster", "")));
        assert_eq!(rcpt("rcpt to:<POSTMASTER>"), Ok(mb("POSTMASTER", "")));
        assert_eq!(rcpt("RCPT TO:<>"), Err(CommandError::BadRecipientAddress));
        assert_eq!(
            rcpt("RCPT TO:<bob>"),
            Err(CommandError::BadRecipientAddress)
        );
        assert_eq!(rcpt("RCPT FROM:<a@b>"), Err(CommandError::BadSyntax));
        assert_eq!(rcpt("RCPT TO:"), Err(CommandError::MissingArgument));
        assert_eq!(
            Command::parse(b"MAIL FROM:<a\xff@b>"),
            Err(CommandError::BadSenderAddress)
        );
        assert_eq!(
            Command::parse_lenient(b"MAIL FROM:a@b.example SIZE=10"),
            Ok(Command::Mail {
                from: Some(mb("a", "b.example")),
                params: MailParams {
                    size: Some(10),
                    ..Default::default()
                }
            })
        );
    }

    #[test]
    fn limits() {
        let local = "l".repeat(64);
        let ok = format!("MAIL FROM:<{local}@b.example>");
        assert!(Command::parse(ok.as_bytes()).is_ok());
        // Issue 13, item 3: over 64 octets is accepted up to the path limit (§4.5.3.1).
        let long = format!("MAIL FROM:<{}@b.example>", "l".repeat(244));
        assert!(Command::parse(long.as_bytes()).is_ok());
        let too_long = format!("MAIL FROM:<{}@b.example>", "l".repeat(245));
        assert_eq!(
            Command::parse(too_long.as_bytes()),
            Err(CommandError::PathTooLong)
        );
        // 255-octet domain: labels of 63 octets.
        let label = "d".repeat(63);
        let domain = format!("{label}.{label}.{label}.{}", "d".repeat(63));
        assert_eq!(domain.len(), 255);
        assert_eq!(
            check_domain(&domain, CommandError::BadRecipientAddress),
            Ok(())
        );
        let d256 = format!("x.{}", domain.get(2..).unwrap());
        let d256 = format!("{d256}d");
        assert_eq!(d256.len(), 256);
        assert_eq!(
            check_domain(&d256, CommandError::BadRecipientAddress),
            Err(CommandError::DomainTooLong)
        );
        // In a path, the 256-octet path limit is met before the domain limit.
        let long = format!("RCPT TO:<a@{domain}>");
        assert_eq!(
            Command::parse(long.as_bytes()),
            Err(CommandError::PathTooLong)
        );
        // Path: 256 octets including the brackets is fine, 257 is not.
        let local = "l".repeat(64);
        let dom = |n: usize| {
            let mut d = String::new();
            while d.len() < n {
                if !d.is_empty() {
                    d.push('.');
                }
                let take = (n - d.len()).min(63);
                d.push_str(&"d".repeat(take));
            }
            d
        };
        let p256 = format!("<{local}@{}>", dom(256 - 64 - 3));
        assert_eq!(p256.len(), 256);
        assert!(Command::parse(format!("RCPT TO:{p256}").as_bytes()).is_ok());
        let p257 = format!("<{local}@{}>", dom(257 - 64 - 3));
        assert_eq!(
            Command::parse(format!("RCPT TO:{p257}").as_bytes()),
            Err(CommandError::PathTooLong)
        );
    }

    #[test]
    fn parameters() {
        let p = |line: &str| match Command::parse(line.as_bytes()) {
            Ok(Command::Mail { params, .. }) => Ok(params),
            Ok(other) => panic!("{other:?}"),
            Err(e) => Err(e),
        };
        assert_eq!(
            p("MAIL FROM:<a@b> SIZE=1000 BODY=8bitmime SMTPUTF8 RET=hdrs ENVID=QQ+2B1 AUTH=<>"),
            Ok(MailParams {
                size: Some(1000),
                body: Some(BodyType::EightBitMime),
                smtputf8: true,
                ret: Some(Ret::Hdrs),
                envid: Some("QQ+2B1".into()),
                auth: Some("<>".into()),
            })
        );
        assert_eq!(
            p("MAIL FROM:<a@b>  size=5 "),
            Ok(MailParams {
                size: Some(5),
                ..Default::default()
            })
        );
        assert_eq!(
            p("MAIL FROM:<a@b> SIZE=99999999999999999999").map(|p| p.size),
            Ok(Some(u64::MAX))
        );
        let errors: &[(&str, CommandError)] = &[
            ("MAIL FROM:<a@b> SIZE=", CommandError::BadParameter),
            ("MAIL FROM:<a@b> SIZE", CommandError::BadParameter),
            ("MAIL FROM:<a@b> SIZE=12x", CommandError::BadParameter),
            (
                "MAIL FROM:<a@b> SIZE=123456789012345678901",
                CommandError::BadParameter,
            ),
            (
                "MAIL FROM:<a@b> SIZE=1 SIZE=2",
                CommandError::DuplicateParameter,
            ),
            ("MAIL FROM:<a@b> BODY=9BIT", CommandError::BadParameter),
            ("MAIL FROM:<a@b> SMTPUTF8=yes", CommandError::BadParameter),
            ("MAIL FROM:<a@b> RET=ALL", CommandError::BadParameter),
            ("MAIL FROM:<a@b> ENVID=a=b", CommandError::BadParameter),
            ("MAIL FROM:<a@b> ENVID=a+2b", CommandError::BadParameter),
            ("MAIL FROM:<a@b> XFOO=1", CommandError::UnknownParameter),
            (
                "MAIL FROM:<a@b> NOTIFY=NEVER",
                CommandError::UnknownParameter,
            ),
            ("MAIL FROM:<a@b> -x", CommandError::BadParameter),
        ];
        for &(line, e) in errors {
            assert_eq!(p(line), Err(e), "{line}");
        }
        let r = |line: &str| match Command::parse(line.as_bytes()) {
            Ok(Command::Rcpt { params, .. }) => Ok(params),
            Ok(other) => panic!("{other:?}"),
            Err(e) => Err(e),
        };
        assert_eq!(
            r("RCPT TO:<a@b> NOTIFY=success,delay ORCPT=rfc822;a+40b"),
            Ok(RcptParams {
                notify: Some(Notify {
                    success: true,
                    delay: true,
                    ..Default::default()
                }),
                orcpt: Some(Orcpt {
                    addr_type: "rfc822".into(),
                    address: "a+40b".into()
                }),
            })
        );
        let errors: &[(&str, CommandError)] = &[
            (
                "RCPT TO:<a@b> NOTIFY=NEVER,DELAY",
                CommandError::NotifyNeverCombined,
            ),
            ("RCPT TO:<a@b> NOTIFY=SOMETIMES", CommandError::BadParameter),
            (
                "RCPT TO:<a@b> NOTIFY=DELAY,DELAY",
                CommandError::BadParameter,
            ),
            ("RCPT TO:<a@b> ORCPT=rfc822", CommandError::BadParameter),
            ("RCPT TO:<a@b> ORCPT=;a@b", CommandError::BadParameter),
            ("RCPT TO:<a@b> ORCPT=rfc822;", CommandError::BadParameter),
            ("RCPT TO:<a@b> SIZE=10", CommandError::UnknownParameter),
        ];
        for &(line, e) in errors {
            assert_eq!(r(line), Err(e), "{line}");
        }
    }

    #[test]
    fn address_literals_and_xtext() {
        for ok in [
            "[1.2.3.4]",
            "[IPv6:::1]",
            "[ipv6:2001:db8::192.0.2.1]",
            "[x-tag:abc]",
        ] {
            assert!(is_address_literal(ok), "{ok}");
        }
        for bad in [
            "[1.2.3]",
            "[1.2.3.4.5]",
            "[01234.1.1.1]",
            "[]",
            "[IPv6:1::2::3]",
            "1.2.3.4",
            "[x:]",
        ] {
            assert!(!is_address_literal(bad), "{bad}");
        }
        assert!(is_xtext("abc+2Bdef"));
        assert!(!is_xtext("abc+2bdef"));
        assert!(!is_xtext("abc+2"));
        assert!(!is_xtext("a b"));
    }

    #[test]
    fn errors_map_to_replies() {
        assert_eq!(CommandError::UnknownCommand.code(), 500);
        assert_eq!(CommandError::UnknownParameter.code(), 555);
        assert_eq!(
            CommandError::UnknownParameter.enhanced(),
            EnhancedCode::new(5, 5, 4)
        );
        assert_eq!(
            CommandError::BadSenderAddress.enhanced(),
            EnhancedCode::new(5, 1, 7)
        );
        assert_eq!(
            CommandError::BadRecipientAddress.enhanced(),
            EnhancedCode::new(5, 1, 3)
        );
        assert_eq!(CommandError::PathTooLong.code(), 501);
    }
}
