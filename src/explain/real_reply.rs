//! Explains a reply pasted from a real log: one line or a whole multi-line reply, parsed with
//! [`smtp_sim_core::reply::ReplyLine`] and checked against the rules it should follow.

use serde::Serialize;

use super::context::{in_context_with, Context, ContextNote, Said, Voice};
use super::{enhanced, entry, is_known, EnhancedEntry, Entry, Lang};
use smtp_sim_core::reply::{split_enhanced, EnhancedCode, Reply, ReplyError, ReplyLine};
use smtp_sim_core::sequence::{fit, Fit, Prompt};

/// How serious a [`ReplyWarning`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub enum Severity {
    /// The reply breaks a rule of an RFC.
    Rule,
    /// Worth knowing, but allowed.
    Note,
}

/// Something in a pasted reply that breaks a rule or deserves a remark.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub enum ReplyWarning {
    /// The enhanced code's class differs from the reply's first digit (`550 4.7.1`).
    EnhancedClassMismatch,
    /// A 3xx reply carries an enhanced code; they exist only for 2xx, 4xx and 5xx.
    EnhancedOnIntermediate,
    /// Something shaped like an enhanced code has a class other than 2, 4 or 5.
    EnhancedBadClass,
    /// The lines of one reply do not all carry the same enhanced code.
    EnhancedInconsistent,
    /// The enhanced code's detail (or subject) is not in the registry the catalogue knows.
    EnhancedUnregistered,
    /// A continuation line carries a different reply code.
    CodeChanged,
    /// A line before the last uses a space after the code, which marks the last line.
    EarlyLastLine,
    /// The last line still has a hyphen after the code: the reply is not finished.
    UnfinishedReply,
    /// The code is followed by something other than a space, a hyphen or the line end.
    BadSeparator,
    /// A line after the first does not start with a reply code.
    LineWithoutCode,
    /// The code is outside the grammar: first digit 2–5, second 0–5.
    CodeOutsideGrammar,
    /// The code fits the grammar but is not defined by RFC 5321 or the common extensions.
    UnknownCode,
    /// The reply's first digit cannot answer the command given (a 2yz to DATA, a 3yz to MAIL):
    /// a client cannot go on (RFC 5321 §4.2.1, §4.3.2).
    WrongCommand,
    /// A refusal (4yz, 5yz) that RFC 5321 §4.3.2 does not list for the command given. Clients
    /// treat it as a refusal all the same, and real servers send some (Postfix's `554 5.7.1
    /// Relay access denied` to RCPT).
    UnlistedRefusal,
    /// The first digit lets a client go on, but RFC 5321 §4.3.2 lists other codes for the
    /// command given (a 250 to QUIT, which must get 221).
    UnusualCode,
    /// A line is longer than 512 octets, CRLF included.
    LineTooLong,
}

impl ReplyWarning {
    /// Whether the warning is a broken rule or a remark.
    pub const fn severity(self) -> Severity {
        match self {
            Self::EnhancedUnregistered
            | Self::UnknownCode
            | Self::UnlistedRefusal
            | Self::UnusualCode => Severity::Note,
            _ => Severity::Rule,
        }
    }

    /// The rule's source.
    pub const fn rule(self) -> &'static str {
        match self {
            Self::EnhancedClassMismatch => "RFC 3463 §2, RFC 2034 §4",
            Self::EnhancedOnIntermediate | Self::EnhancedBadClass => "RFC 3463 §2, RFC 2034 §4",
            Self::EnhancedInconsistent => "RFC 2034 §4",
            Self::EnhancedUnregistered => "RFC 5248 (IANA registry)",
            Self::CodeChanged | Self::EarlyLastLine | Self::UnfinishedReply => "RFC 5321 §4.2.1",
            Self::BadSeparator | Self::LineWithoutCode | Self::CodeOutsideGrammar => {
                "RFC 5321 §4.2"
            }
            Self::UnknownCode => "RFC 5321 §4.2.1, §4.2.2",
            Self::WrongCommand => "RFC 5321 §4.2.1, §4.3.2",
            Self::UnlistedRefusal | Self::UnusualCode => "RFC 5321 §4.3.2",
            Self::LineTooLong => "RFC 5321 §4.5.3.1.5",
        }
    }

    /// What is wrong, in `lang`.
    pub const fn description(self, lang: Lang) -> &'static str {
        match self {
            Self::EnhancedClassMismatch => lang.pick(
                "The enhanced code's class (its first number) does not match the reply's first \
                 digit. Clients act on the reply code; the enhanced code should say the same \
                 thing (a 5xx reply with 5.x.x, a 4xx reply with 4.x.x).",
                "A classe do código estendido (o primeiro número) não combina com o primeiro \
                 dígito da resposta. Os clientes agem pelo código da resposta; o código \
                 estendido deveria dizer a mesma coisa (uma resposta 5xx com 5.x.x, uma 4xx com \
                 4.x.x).",
            ),
            Self::EnhancedOnIntermediate => lang.pick(
                "A 3xx reply carries an enhanced code. Enhanced codes exist only for 2xx, 4xx \
                 and 5xx replies (classes 2, 4 and 5), so a 3xx reply has none.",
                "Uma resposta 3xx traz um código estendido. Códigos estendidos só existem para \
                 respostas 2xx, 4xx e 5xx (classes 2, 4 e 5); uma resposta 3xx não tem nenhum.",
            ),
            Self::EnhancedBadClass => lang.pick(
                "The text starts with something shaped like an enhanced code, but its class is \
                 not 2, 4 or 5, and no other class exists.",
                "O texto começa com algo no formato de um código estendido, mas a classe não é \
                 2, 4 nem 5, e nenhuma outra classe existe.",
            ),
            Self::EnhancedInconsistent => lang.pick(
                "The lines of this reply do not all carry the same enhanced code. A server that \
                 uses ENHANCEDSTATUSCODES puts the same code on every line.",
                "As linhas desta resposta não trazem todas o mesmo código estendido. Um servidor \
                 que usa ENHANCEDSTATUSCODES põe o mesmo código em todas as linhas.",
            ),
            Self::EnhancedUnregistered => lang.pick(
                "This enhanced code is not in the IANA registry as far as the catalogue knows. \
                 Some servers use private ones (Exchange Online's 5.6.11, for example); only the \
                 class and the subject have a standard meaning.",
                "Este código estendido não está no registro da IANA, até onde o catálogo sabe. \
                 Alguns servidores usam códigos próprios (o 5.6.11 do Exchange Online, por \
                 exemplo); só a classe e o tema têm significado padronizado.",
            ),
            Self::CodeChanged => lang.pick(
                "A continuation line carries a different reply code. Every line of one reply \
                 must start with the same code.",
                "Uma linha de continuação traz outro código de resposta. Todas as linhas de uma \
                 resposta devem começar com o mesmo código.",
            ),
            Self::EarlyLastLine => lang.pick(
                "A line before the last one has a space after the code, which marks the last \
                 line of a reply. A client would read the lines after it as another reply. \
                 Continuation lines use a hyphen: 250-…",
                "Uma linha antes da última tem um espaço depois do código, o que marca a última \
                 linha de uma resposta. Um cliente leria as linhas seguintes como outra \
                 resposta. Linhas de continuação usam hífen: 250-…",
            ),
            Self::UnfinishedReply => lang.pick(
                "The last line still has a hyphen after the code, so the reply is not finished: \
                 a client would keep waiting for a line with a space after the code.",
                "A última linha ainda tem hífen depois do código, então a resposta não terminou: \
                 um cliente continuaria esperando uma linha com espaço depois do código.",
            ),
            Self::BadSeparator => lang.pick(
                "The code is followed by something other than a space or a hyphen.",
                "O código é seguido por algo que não é um espaço nem um hífen.",
            ),
            Self::LineWithoutCode => lang.pick(
                "A line does not start with a reply code, though every line of a reply must. It \
                 may have been wrapped by a log or a mail program; it is shown as part of the \
                 text.",
                "Uma linha não começa com um código de resposta, embora toda linha de uma \
                 resposta deva começar. Ela pode ter sido quebrada por um log ou por um programa \
                 de e-mail; aparece como parte do texto.",
            ),
            Self::CodeOutsideGrammar => lang.pick(
                "The code is outside RFC 5321's grammar: the first digit must be 2 to 5 and the \
                 second 0 to 5.",
                "O código está fora da gramática da RFC 5321: o primeiro dígito deve ir de 2 a 5 \
                 e o segundo, de 0 a 5.",
            ),
            Self::UnknownCode => lang.pick(
                "The code fits the grammar but is not defined by RFC 5321 or the common \
                 extensions. A client can only go by its first digit.",
                "O código segue a gramática, mas não é definido pela RFC 5321 nem pelas extensões \
                 comuns. Um cliente só pode se guiar pelo primeiro dígito.",
            ),
            Self::WrongCommand => lang.pick(
                "The first digit cannot answer this command: RFC 5321 §4.3.2 (or the extension \
                 that defines the command) gives it other replies, and a client cannot go on.",
                "O primeiro dígito não pode responder a este comando: a RFC 5321 §4.3.2 (ou a \
                 extensão que define o comando) dá a ele outras respostas, e um cliente não \
                 consegue seguir.",
            ),
            Self::UnusualCode => lang.pick(
                "The first digit lets a client go on, but RFC 5321 §4.3.2 lists other codes for \
                 this command.",
                "O primeiro dígito deixa o cliente seguir, mas a RFC 5321 §4.3.2 lista outros \
                 códigos para este comando.",
            ),
            Self::UnlistedRefusal => lang.pick(
                "A refusal RFC 5321 §4.3.2 does not list for this command. Clients treat it as a \
                 refusal all the same, by its first digit, and real servers do send some.",
                "Uma recusa que a RFC 5321 §4.3.2 não lista para este comando. Os clientes a \
                 tratam como recusa mesmo assim, pelo primeiro dígito, e servidores reais enviam \
                 algumas.",
            ),
            Self::LineTooLong => lang.pick(
                "A reply line is longer than 512 octets, CRLF included.",
                "Uma linha da resposta tem mais de 512 octetos, contando o CRLF.",
            ),
        }
    }
}

/// A warning ready to show.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[cfg_attr(feature = "ts", tsify(missing_as_null))]
pub struct WarningView {
    /// Which warning.
    pub kind: ReplyWarning,
    /// Broken rule or remark.
    pub severity: Severity,
    /// What is wrong, in the requested language.
    pub text: &'static str,
    /// The rule's source.
    pub rule: &'static str,
    /// The first line (1-based, counting pasted lines) where it was seen, if it is about a line.
    pub line: Option<usize>,
}

/// Why a pasted reply could not be explained at all.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum ExplainError {
    /// Nothing but blank lines.
    Empty,
    /// No line starts with a three-digit code.
    NoCode,
}

impl ExplainError {
    /// What went wrong, in `lang`.
    pub const fn description(self, lang: Lang) -> &'static str {
        match self {
            Self::Empty => lang.pick(
                "there is nothing to explain: paste a reply such as \"550 5.1.1 User unknown\"",
                "não há nada para explicar: cole uma resposta como \"550 5.1.1 User unknown\"",
            ),
            Self::NoCode => lang.pick(
                "no line starts with a three-digit reply code such as 250 or 550",
                "nenhuma linha começa com um código de resposta de três dígitos, como 250 ou 550",
            ),
        }
    }
}

/// A pasted reply, parsed and explained.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[cfg_attr(feature = "ts", tsify(missing_as_null))]
#[serde(rename_all = "camelCase")]
pub struct ExplainedReply {
    /// The reply code of the first line.
    pub code: u16,
    /// The enhanced code of the first line, if any.
    pub enhanced: Option<EnhancedCode>,
    /// The text of each line, without code, separator and enhanced code.
    pub lines: Vec<String>,
    /// The command the reply answered, when it was given or found in the log line.
    pub command: Option<String>,
    /// The catalogue entry for the code, if the code is known.
    pub entry: Option<Entry>,
    /// The enhanced code explained, if there is one.
    pub enhanced_entry: Option<EnhancedEntry>,
    /// What the reply means after `command`, when the command is known.
    pub context: Option<ContextNote>,
    /// What breaks the rules, or deserves a remark; empty for a clean reply.
    pub warnings: Vec<WarningView>,
}

struct Line {
    no: usize,
    code: u16,
    /// `Some(true)` for `-`, `Some(false)` for a space or the line end, `None` for a bad one.
    more: Option<bool>,
    enhanced: Option<EnhancedCode>,
}

/// A transcript prefix some tools put before server lines (swaks `<-`, `<~`; `S:`).
fn strip_prefix(line: &str) -> &str {
    let t = line.trim();
    for p in ["<-", "<~", "<**", "S:"] {
        if let Some(rest) = t.strip_prefix(p) {
            return rest.trim_start();
        }
    }
    t
}

fn starts_with_code(s: &str) -> bool {
    s.len() >= 3 && s.as_bytes()[..3].iter().all(u8::is_ascii_digit)
}

/// The class digit of a leading `d.d{1,3}.d{1,3}` token, whether or not the class is valid.
fn enhanced_shape(text: &str) -> Option<u8> {
    let token = text.split(' ').next()?;
    let mut parts = token.split('.');
    let class = parts.next()?;
    let ok = |p: Option<&str>| {
        p.is_some_and(|p| !p.is_empty() && p.len() <= 3 && p.bytes().all(|b| b.is_ascii_digit()))
    };
    if class.len() == 1 && ok(Some(class)) && ok(parts.next()) && ok(parts.next()) {
        parts.next().is_none().then(|| class.as_bytes()[0] - b'0')
    } else {
        None
    }
}

/// Splits a Postfix-style log line: `… said: 550 5.1.1 … (in reply to RCPT TO command)` gives
/// the reply part and the command.
fn from_log(line: &str) -> Option<(&str, Option<&str>)> {
    let at = line.find("said: ")?;
    let rest = &line[at + 6..];
    starts_with_code(rest).then(|| split_in_reply_to(rest))
}

fn split_in_reply_to(line: &str) -> (&str, Option<&str>) {
    match line.rfind("(in reply to ") {
        Some(at) => {
            let cmd = line[at + 13..]
                .trim_end_matches(')')
                .trim_end_matches(" command")
                .trim();
            (line[..at].trim_end(), Some(cmd))
        }
        None => (line, None),
    }
}

/// Parses and explains `input`: one reply line or several (CRLF or LF), as pasted from a log.
/// `command` is the command that got the reply, if known (`RCPT`, `DATA`, `MAIL FROM:<a@b>`);
/// it enables the wrong-command check and the contextual sentence.
pub fn explain_reply(
    input: &str,
    command: Option<&str>,
    lang: Lang,
) -> Result<ExplainedReply, ExplainError> {
    let mut warnings: Vec<WarningView> = Vec::new();
    let mut warn = |kind: ReplyWarning, line: Option<usize>| {
        if !warnings.iter().any(|w| w.kind == kind) {
            warnings.push(WarningView {
                kind,
                severity: kind.severity(),
                text: kind.description(lang),
                rule: kind.rule(),
                line,
            });
        }
    };

    let mut lines: Vec<Line> = Vec::new();
    let mut texts: Vec<&str> = Vec::new();
    let mut found_command: Option<&str> = None;
    let mut any = false;
    for (i, raw) in input.lines().enumerate() {
        let no = i + 1;
        let mut line = strip_prefix(raw);
        if line.is_empty() {
            continue;
        }
        any = true;
        if raw.len() + 2 > 512 {
            warn(ReplyWarning::LineTooLong, Some(no));
        }
        if lines.is_empty() && !starts_with_code(line) {
            // Lines before the first code are log context; a Postfix log line may hold the reply.
            match from_log(line) {
                Some((reply, cmd)) => {
                    line = reply;
                    found_command = cmd.or(found_command);
                }
                None => continue,
            }
        } else if lines.is_empty() || starts_with_code(line) {
            let (reply, cmd) = split_in_reply_to(line);
            line = reply;
            found_command = cmd.or(found_command);
        }
        if !starts_with_code(line) {
            warn(ReplyWarning::LineWithoutCode, Some(no));
            texts.push(line);
            continue;
        }
        let (code_ok, more, rest) = match ReplyLine::parse(line) {
            Ok(p) => (true, Some(p.more), p.text),
            Err(e) => {
                let sep = line.as_bytes().get(3).copied();
                let (more, rest) = match sep {
                    None => (Some(false), ""),
                    Some(b' ') => (Some(false), &line[4..]),
                    Some(b'-') => (Some(true), &line[4..]),
                    Some(_) => (None, line[3..].trim_start()),
                };
                if e == ReplyError::BadSeparator || more.is_none() {
                    warn(ReplyWarning::BadSeparator, Some(no));
                }
                (e != ReplyError::BadCode, more, rest)
            }
        };
        let code: u16 = line[..3].parse().unwrap_or(0);
        if !code_ok {
            warn(ReplyWarning::CodeOutsideGrammar, Some(no));
        }
        let (enh, text) = split_enhanced(rest);
        match enhanced_shape(rest) {
            Some(_) if code / 100 == 3 => warn(ReplyWarning::EnhancedOnIntermediate, Some(no)),
            Some(c) if !matches!(c, 2 | 4 | 5) => warn(ReplyWarning::EnhancedBadClass, Some(no)),
            _ => {}
        }
        // A token with a bad class was not split off: it stays in the text.
        lines.push(Line {
            no,
            code,
            more,
            enhanced: enh,
        });
        texts.push(text);
    }
    if !any {
        return Err(ExplainError::Empty);
    }
    let Some(first) = lines.first() else {
        return Err(ExplainError::NoCode);
    };
    let code = first.code;
    let enhanced_code = first.enhanced;

    let last = lines.len() - 1;
    for (i, l) in lines.iter().enumerate() {
        if l.code != code {
            warn(ReplyWarning::CodeChanged, Some(l.no));
        }
        if l.enhanced != enhanced_code {
            warn(ReplyWarning::EnhancedInconsistent, Some(l.no));
        }
        if i < last && l.more == Some(false) {
            warn(ReplyWarning::EarlyLastLine, Some(l.no));
        }
        if i == last && l.more == Some(true) {
            warn(ReplyWarning::UnfinishedReply, Some(l.no));
        }
    }
    let in_grammar = ReplyLine::parse(&input_code(code)).is_ok();
    if in_grammar && !is_known(code) {
        warn(ReplyWarning::UnknownCode, None);
    }
    let mut enhanced_entry = None;
    if let Some(e) = enhanced_code {
        if matches!(code / 100, 2 | 4 | 5) && u16::from(e.class) != code / 100 {
            warn(ReplyWarning::EnhancedClassMismatch, Some(first.no));
        }
        enhanced_entry = enhanced(e, lang);
        if enhanced_entry.as_ref().is_none_or(|x| !x.registered) {
            warn(ReplyWarning::EnhancedUnregistered, Some(first.no));
        }
    }

    let command = command
        .or(found_command)
        .map(str::trim)
        .filter(|c| !c.is_empty());
    let mut context = None;
    if let Some(answers) = command.and_then(Prompt::parse) {
        // The one judge of RFC 5321 §4.3.2, as the server and the client use it.
        match fit(answers, code) {
            Fit::Wrong => warn(ReplyWarning::WrongCommand, None),
            Fit::UnlistedRefusal => warn(ReplyWarning::UnlistedRefusal, None),
            Fit::Unusual => warn(ReplyWarning::UnusualCode, None),
            _ => {}
        }
        let reply = Reply::new(code, enhanced_code, "");
        let ctx = Context {
            answers,
            stage: None,
        };
        // A whole command line (`AUTH PLAIN alice wonderland`) lets the sentence say more.
        let said = Said {
            line: command,
            voice: Voice::You,
        };
        context = Some(in_context_with(&reply, &ctx, &said, lang));
    }

    Ok(ExplainedReply {
        code,
        enhanced: enhanced_code,
        lines: texts.into_iter().map(str::to_owned).collect(),
        command: command.map(str::to_owned),
        entry: entry(code, lang),
        enhanced_entry,
        context,
        warnings,
    })
}

/// The code as a bare reply line, to check it against the grammar of [`ReplyLine::parse`].
fn input_code(code: u16) -> String {
    let mut s = String::with_capacity(3);
    for d in [code / 100 % 10, code / 10 % 10, code % 10] {
        s.push(char::from(b'0' + d as u8));
    }
    s
}
