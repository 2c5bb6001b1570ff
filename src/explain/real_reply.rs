//! Explains what people paste from real logs and bounces: the [`formats`](super::formats)
//! readers find the reply, who wrote it and what it answered; here it is checked against the
//! rules it should follow (each line read with [`PastedLine`]) and explained in a language, with
//! what the sender should do and a summary per recipient.

use serde::Serialize;

use super::advice::{advice, Advice};
use super::context::{in_context_with, Context, ContextNote, Said, Voice};
use super::formats::{self, Action, CommandFrom, Finding, Format, NoteKind, RawLine, StatusFrom};
use super::{enhanced, entry, is_known, prompt_label, EnhancedEntry, Entry, Lang, Software};
use smtp_sim_core::reply::{code_in_grammar, EnhancedCode, PastedLine, Reply, Separator};
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

/// Why a pasted text could not be explained at all.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum ExplainError {
    /// Nothing but blank lines.
    Empty,
    /// Neither a reply code nor an enhanced status code anywhere.
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
                "no SMTP reply code (such as 250 or 550) and no enhanced status code (such as \
                 5.1.1) was found in the text",
                "nenhum código de resposta SMTP (como 250 ou 550) nem código de status estendido \
                 (como 5.1.1) foi encontrado no texto",
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
    /// The command the reply answered, when it was given or found in the text, in the text's
    /// words (`RCPT TO`, `end of DATA`).
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

/// One failed (or reported) recipient of a bounce, summarised.
#[derive(Clone, Debug, Serialize)]
pub struct RecipientSummary {
    /// The recipient's address.
    pub address: String,
    /// The reply code, when the text gives one.
    pub code: Option<u16>,
    /// The enhanced status code: the reply's own, else the one the report gives.
    pub enhanced: Option<EnhancedCode>,
    /// What the reply answered (`RCPT`, `END-OF-DATA`, `CONNECT` …), when known.
    pub answers: Option<&'static str>,
    /// The remote host that replied, as the text names it.
    pub remote_host: Option<String>,
    /// The server or provider that replied, when it can be told.
    pub remote: Option<Software>,
    /// What the delivery came to, when the text says.
    pub action: Option<Action>,
    /// The reply's text, its lines joined, without codes.
    pub text: String,
    /// What to do about it.
    pub advice: Advice,
}

/// Something the reader did to read the text, in the requested language.
#[derive(Clone, Debug, Serialize)]
pub struct NoteView {
    /// What was done.
    pub kind: NoteKind,
    /// The sentence.
    pub text: String,
}

/// Anything pasted — a reply, a log line, a bounce, a transcript — read and explained.
#[derive(Clone, Debug, Serialize)]
pub struct ExplainedText {
    /// How the text was laid out.
    pub format: Format,
    /// That layout in words, in the requested language.
    pub format_text: &'static str,
    /// The software or provider that wrote the text (the log, the bounce, the library's error),
    /// when it can be told.
    pub writer: Option<Software>,
    /// The server or provider whose reply the text carries, when it can be told.
    pub remote: Option<Software>,
    /// The remote host that replied, as the text names it.
    pub remote_host: Option<String>,
    /// The recipient the explained reply is about, when the text names one.
    pub recipient: Option<String>,
    /// The reply code, when the text gives one.
    pub code: Option<u16>,
    /// The enhanced status code: the reply's own, else the one the text gives elsewhere.
    pub enhanced: Option<EnhancedCode>,
    /// Where `enhanced` came from.
    pub enhanced_from: Option<StatusFrom>,
    /// `enhanced` explained part by part.
    pub enhanced_entry: Option<EnhancedEntry>,
    /// What the reply answered, as a stable name: a verb (`RCPT`), `CONNECT` or `END-OF-DATA`.
    pub answers: Option<&'static str>,
    /// That, in words, in the requested language (`RCPT`, `end of data (.)`).
    pub answers_text: Option<&'static str>,
    /// How the command is known.
    pub command_from: Option<CommandFrom>,
    /// The reply itself, checked line by line; `None` when the text gives only a status.
    pub reply: Option<ExplainedReply>,
    /// What the delivery came to, when the text says.
    pub action: Option<Action>,
    /// What the sender should do.
    pub advice: Advice,
    /// Every recipient the text reports, in its order (a bounce names one or several).
    pub recipients: Vec<RecipientSummary>,
    /// What was done to read the text.
    pub notes: Vec<NoteView>,
}

/// The layout of a text, in words.
pub const fn format_text(f: Format, lang: Lang) -> &'static str {
    match f {
        Format::Reply => lang.pick("reply lines", "linhas de resposta"),
        Format::Transcript => lang.pick("a session transcript", "a transcrição de uma sessão"),
        Format::Postfix => lang.pick(
            "Postfix log or bounce text",
            "log ou texto de devolução do Postfix",
        ),
        Format::Exim => lang.pick("Exim bounce or log", "devolução ou log do Exim"),
        Format::Sendmail => lang.pick(
            "Sendmail bounce, transcript or log",
            "devolução, transcrição ou log do Sendmail",
        ),
        Format::Qmail => lang.pick("qmail bounce", "devolução do qmail"),
        Format::Exchange => lang.pick(
            "Exchange or Microsoft 365 non-delivery report",
            "relatório de não entrega do Exchange ou do Microsoft 365",
        ),
        Format::DeliveryStatus => lang.pick(
            "delivery-status fields (RFC 3464)",
            "campos de status de entrega (RFC 3464)",
        ),
        Format::Message => lang.pick(
            "a whole bounce message",
            "uma mensagem de devolução inteira",
        ),
        Format::ProviderBounce => lang.pick(
            "a provider's or gateway's own bounce",
            "a devolução própria de um provedor ou gateway",
        ),
        Format::ClientError => lang.pick(
            "a client program's error message",
            "a mensagem de erro de um programa cliente",
        ),
        Format::Table => lang.pick(
            "a row of a published table of errors",
            "uma linha de uma tabela de erros publicada",
        ),
        Format::Found => lang.pick(
            "a reply found inside other text",
            "uma resposta encontrada no meio de outro texto",
        ),
    }
}

/// What a delivery came to, in words.
pub const fn action_text(a: Action, lang: Lang) -> &'static str {
    match a {
        Action::Failed => lang.pick("failed", "falhou"),
        Action::Delayed => lang.pick(
            "delayed (still being retried)",
            "atrasada (ainda em novas tentativas)",
        ),
        Action::Delivered => lang.pick("delivered", "entregue"),
        Action::Relayed => lang.pick(
            "relayed (no further reports)",
            "repassada (sem mais relatórios)",
        ),
        Action::Expanded => lang.pick(
            "delivered and forwarded to more addresses",
            "entregue e encaminhada para mais endereços",
        ),
        Action::Deliverable => lang.pick(
            "deliverable (address test)",
            "entregável (teste de endereço)",
        ),
    }
}

/// How the command a reply answered is known, in words.
pub const fn command_from_text(c: CommandFrom, lang: Lang) -> &'static str {
    match c {
        CommandFrom::Given => lang.pick("as you said", "como você disse"),
        CommandFrom::Stated => lang.pick("named in the text", "citado no texto"),
        CommandFrom::Layout => lang.pick(
            "from where the reply sits in the text",
            "pela posição da resposta no texto",
        ),
        CommandFrom::Code => lang.pick(
            "implied by the code: only this command gets it",
            "deduzido do código: só este comando o recebe",
        ),
        CommandFrom::Wording => lang.pick(
            "implied by what the reply refused",
            "deduzido do que a resposta recusou",
        ),
    }
}

/// The sentence for a note; `{n}` stands for its count.
pub const fn note_template(kind: NoteKind, lang: Lang) -> &'static str {
    use NoteKind::*;
    match kind {
        LiteralCrlf => lang.pick(
            "Split at {n} literal \\r\\n (backslash, r, backslash, n), read as line breaks.",
            "Dividido em {n} \\r\\n literais (barra invertida, r, barra invertida, n), lidos como \
             quebras de linha.",
        ),
        LiteralLf => lang.pick(
            "Split at {n} literal \\n (backslash, n), read as line breaks.",
            "Dividido em {n} \\n literais (barra invertida, n), lidos como quebras de linha.",
        ),
        HtmlEntities => lang.pick(
            "HTML entities such as &lt; were read as the characters they stand for.",
            "Entidades HTML como &lt; foram lidas como os caracteres que representam.",
        ),
        Unwrapped => lang.pick(
            "{n} wrapped lines were joined to the line before them.",
            "{n} linhas quebradas foram juntadas à linha anterior.",
        ),
        Flattened => lang.pick(
            "A multi-line reply written on one line was split back into its {n} lines.",
            "Uma resposta de várias linhas escrita numa linha só foi separada de novo em {n} \
             linhas.",
        ),
        PlusEncoded => lang.pick(
            "The log writes spaces as +; they were read as spaces.",
            "O log escreve os espaços como +; eles foram lidos como espaços.",
        ),
        Recipients => lang.pick(
            "The text reports {n} recipients: each is summarised, the first is explained.",
            "O texto relata {n} destinatários: cada um é resumido, o primeiro é explicado.",
        ),
        Replies => lang.pick(
            "The text holds {n} replies: the first is explained.",
            "O texto traz {n} respostas: a primeira é explicada.",
        ),
        PipelinedSendmail => lang.pick(
            "Sendmail shows only the last command it pipelined (>>> DATA): the {n} refusals \
             before the last reply answered RCPT.",
            "O Sendmail mostra só o último comando que enviou em pipeline (>>> DATA): as {n} \
             recusas antes da última resposta responderam ao RCPT.",
        ),
        SendmailDataPhase => lang.pick(
            "Sendmail's transcript never shows the final dot: the refusal after >>> DATA is read \
             as the reply to the end of the data.",
            "A transcrição do Sendmail nunca mostra o ponto final: a recusa depois de >>> DATA é \
             lida como a resposta ao fim dos dados.",
        ),
        PartialReply => lang.pick(
            "Only the first line of a multi-line reply was kept by the program that wrote this.",
            "O programa que escreveu isto guardou só a primeira linha de uma resposta de várias \
             linhas.",
        ),
        CodeApart => lang.pick(
            "The code and the text were given apart (a tuple or separate fields) and were read as \
             one reply.",
            "O código e o texto vieram separados (uma tupla ou campos separados) e foram lidos \
             como uma resposta só.",
        ),
        TableRow => lang.pick(
            "This is a row of a published table, not a reply as a server sends it; it was read as \
             the reply it describes.",
            "Esta é uma linha de uma tabela publicada, não uma resposta como um servidor a envia; \
             foi lida como a resposta que descreve.",
        ),
        ReversedArrows => lang.pick(
            "Here >>> marks what was received and <<< what was sent: the reverse of Sendmail's \
             transcripts.",
            "Aqui >>> marca o que foi recebido e <<< o que foi enviado: o contrário das \
             transcrições do Sendmail.",
        ),
        NoReplyCode => lang.pick(
            "The text gives an enhanced status code but no reply code.",
            "O texto traz um código de status estendido, mas nenhum código de resposta.",
        ),
        StatusFromDsn => lang.pick(
            "The reply has no enhanced code of its own; the one shown is the Status: field of the \
             delivery-status report.",
            "A resposta não tem código estendido próprio; o mostrado é o campo Status: do \
             relatório de status de entrega.",
        ),
        StatusFromLog => lang.pick(
            "The enhanced code shown is the dsn= field of the log line.",
            "O código estendido mostrado é o campo dsn= da linha de log.",
        ),
        StatusFromQmail => lang.pick(
            "The enhanced code shown is qmail's own status, (#…), after its text.",
            "O código estendido mostrado é o status do próprio qmail, (#…), depois do texto.",
        ),
        StatusFromSendmail => lang.pick(
            "The reply has no enhanced code of its own; the one shown is from Sendmail's own line \
             about the recipient.",
            "A resposta não tem código estendido próprio; o mostrado vem da linha do próprio \
             Sendmail sobre o destinatário.",
        ),
        CommandFromCode => lang.pick(
            "The text does not name the command; only one command gets this reply code.",
            "O texto não diz o comando; só um comando recebe este código de resposta.",
        ),
        MicrosoftRecipientNotFound => lang.pick(
            "Exchange and Microsoft 365 send 5.1.10 for a recipient their address lookup did not \
             find; the registry's meaning of 5.1.10 (a domain with a null MX, RFC 7505) does not \
             apply here.",
            "O Exchange e o Microsoft 365 enviam 5.1.10 para um destinatário que a busca de \
             endereços deles não encontrou; o significado do registro para 5.1.10 (um domínio \
             com MX nulo, RFC 7505) não se aplica aqui.",
        ),
        CommandFromWording => lang.pick(
            "The text does not name the command; the reply's words say what it refused, which \
             points to it.",
            "O texto não diz o comando; as palavras da resposta dizem o que ela recusou, o que \
             indica qual foi.",
        ),
    }
}

fn note(kind: NoteKind, count: usize, lang: Lang) -> NoteView {
    NoteView {
        kind,
        text: note_template(kind, lang).replace("{n}", &count.to_string()),
    }
}

/// Reads and explains anything pasted: reply lines, a transcript, a log line, a bounce's body or
/// its delivery-status fields, a whole bounce message, a library's error. `command` is the
/// command the reply answered, if the user knows it (`RCPT`, `MAIL FROM:<a@b>`, `.`); it takes
/// precedence over what the text says.
pub fn explain_text(
    input: &str,
    command: Option<&str>,
    lang: Lang,
) -> Result<ExplainedText, ExplainError> {
    let reading = formats::read(input);
    if !reading.any_text {
        return Err(ExplainError::Empty);
    }
    let Some(primary) = reading.findings.iter().find(|f| f.has_code()) else {
        return Err(ExplainError::NoCode);
    };
    let mut notes: Vec<NoteView> = reading
        .notes
        .iter()
        .map(|n| note(n.kind, n.count, lang))
        .collect();

    let given = command
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .and_then(|c| Prompt::parse(c).map(|p| (p, c)));
    let (answers, wording, command_from, line) = match (given, &primary.command) {
        (Some((p, c)), _) => (
            Some(p),
            Some(c.to_owned()),
            Some(CommandFrom::Given),
            Some(c),
        ),
        (None, Some(c)) => (
            Some(c.prompt),
            (!c.wording.is_empty()).then(|| c.wording.clone()),
            Some(c.from),
            c.line.as_deref(),
        ),
        (None, None) => (None, None, None, None),
    };
    match command_from {
        Some(CommandFrom::Code) => notes.push(note(NoteKind::CommandFromCode, 0, lang)),
        Some(CommandFrom::Wording) => notes.push(note(NoteKind::CommandFromWording, 0, lang)),
        _ => {}
    }
    // A command the user typed that names no prompt is still shown, as the old explainer did.
    let wording = wording.or_else(|| {
        command
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .map(str::to_owned)
    });

    let plain = reading.format == Format::Reply;
    let reply = (!primary.reply.is_empty()).then(|| {
        check_reply(
            &primary.reply,
            plain,
            primary.partial,
            answers,
            wording.clone(),
            line,
            lang,
        )
    });
    let enhanced = primary.enhanced();
    if let Some((_, from)) = enhanced {
        let kind = match from {
            StatusFrom::Dsn => Some(NoteKind::StatusFromDsn),
            StatusFrom::Log if primary.code().is_some() => Some(NoteKind::StatusFromLog),
            StatusFrom::Qmail if primary.code().is_some() => Some(NoteKind::StatusFromQmail),
            StatusFrom::Sendmail => Some(NoteKind::StatusFromSendmail),
            _ => None,
        };
        if let Some(k) = kind.filter(|_| primary.code().is_some() || from != StatusFrom::Dsn) {
            notes.push(note(k, 0, lang));
        }
    }
    let microsoft = [reading.writer, primary.remote]
        .into_iter()
        .flatten()
        .any(|s| s.family() == super::Family::Microsoft);
    if enhanced.is_some_and(|(e, _)| e.subject == 1 && e.detail == 10) && microsoft {
        notes.push(note(NoteKind::MicrosoftRecipientNotFound, 0, lang));
    }
    let code = primary.code();
    if code.is_none()
        && enhanced.is_some()
        && !notes.iter().any(|n| n.kind == NoteKind::NoReplyCode)
    {
        notes.push(note(NoteKind::NoReplyCode, 0, lang));
    }
    let text = reply_text(primary);
    let what_to_do = advice(
        code,
        enhanced.map(|e| e.0),
        &text,
        answers,
        primary.action,
        lang,
    );
    let recipients = reading
        .findings
        .iter()
        .filter_map(|f| {
            let address = f.recipient.clone()?;
            let e = f.enhanced().map(|e| e.0);
            let text = reply_text(f);
            let answers = f.command.as_ref().map(|c| c.prompt);
            Some(RecipientSummary {
                address,
                code: f.code(),
                enhanced: e,
                answers: answers.map(Prompt::name),
                remote_host: f.host.clone(),
                remote: f.remote,
                action: f.action,
                advice: advice(f.code(), e, &text, answers, f.action, lang),
                text,
            })
        })
        .collect();
    Ok(ExplainedText {
        format: reading.format,
        format_text: format_text(reading.format, lang),
        writer: reading.writer,
        remote: primary.remote,
        remote_host: primary.host.clone(),
        recipient: primary.recipient.clone(),
        code,
        enhanced: enhanced.map(|e| e.0),
        enhanced_from: enhanced.map(|e| e.1),
        enhanced_entry: enhanced.and_then(|e| super::enhanced(e.0, lang)),
        answers: answers.map(Prompt::name),
        answers_text: answers.map(|p| prompt_label(p, lang)),
        command_from,
        reply,
        action: primary.action,
        advice: what_to_do,
        recipients,
        notes,
    })
}

/// The reply's words, its lines joined, without codes; or the text's own words when it gives no
/// reply.
fn reply_text(f: &Finding) -> String {
    if f.reply.is_empty() {
        return f.detail.clone().unwrap_or_default();
    }
    let texts: Vec<&str> = f
        .reply
        .iter()
        .map(|l| PastedLine::parse(&l.text).map_or(l.text.as_str(), |p| p.text))
        .collect();
    texts
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Parses and explains `input` as a reply: one reply line or several (CRLF or LF), or any text
/// that holds one (a log line, a bounce, a transcript; see [`explain_text`]). `command` is the
/// command that got the reply, if known (`RCPT`, `DATA`, `MAIL FROM:<a@b>`); it enables the
/// wrong-command check and the contextual sentence.
pub fn explain_reply(
    input: &str,
    command: Option<&str>,
    lang: Lang,
) -> Result<ExplainedReply, ExplainError> {
    explain_text(input, command, lang)?
        .reply
        .ok_or(ExplainError::NoCode)
}

/// Checks a reply's lines against RFC 5321 §4.2 and RFC 2034 §4, and explains it. `plain` says
/// the user pasted the lines themselves (a line without a code is then flagged); `partial` that
/// the writer kept only some of them (an unfinished reply is then not flagged).
fn check_reply(
    raw: &[RawLine],
    plain: bool,
    partial: bool,
    answers: Option<Prompt>,
    command: Option<String>,
    said_line: Option<&str>,
    lang: Lang,
) -> ExplainedReply {
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
    struct Line {
        no: usize,
        code: u16,
        more: Option<bool>,
        enhanced: Option<EnhancedCode>,
    }
    let mut lines: Vec<Line> = Vec::new();
    let mut texts: Vec<String> = Vec::new();
    for l in raw {
        if l.text.len() + 2 > 512 {
            warn(ReplyWarning::LineTooLong, Some(l.no));
        }
        let Some(p) = PastedLine::parse(&l.text) else {
            if plain {
                warn(ReplyWarning::LineWithoutCode, Some(l.no));
            }
            texts.push(l.text.clone());
            continue;
        };
        let more = match p.separator {
            Separator::Hyphen => Some(true),
            Separator::Space | Separator::End => Some(false),
            Separator::Colon | Separator::Other => {
                warn(ReplyWarning::BadSeparator, Some(l.no));
                (p.separator == Separator::Colon).then_some(false)
            }
        };
        if !code_in_grammar(p.code) {
            warn(ReplyWarning::CodeOutsideGrammar, Some(l.no));
        }
        match p.bad_class {
            Some(_) if p.code / 100 == 3 => warn(ReplyWarning::EnhancedOnIntermediate, Some(l.no)),
            Some(_) => warn(ReplyWarning::EnhancedBadClass, Some(l.no)),
            None => {}
        }
        if p.enhanced.is_some() && p.code / 100 == 3 {
            warn(ReplyWarning::EnhancedOnIntermediate, Some(l.no));
        }
        lines.push(Line {
            no: l.no,
            code: p.code,
            more,
            enhanced: p.enhanced,
        });
        texts.push(p.text.to_owned());
    }
    let first = lines.first();
    let code = first.map_or(0, |l| l.code);
    let enhanced_code = first.and_then(|l| l.enhanced);
    let first_no = first.map(|l| l.no);
    let last = lines.len().saturating_sub(1);
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
        if i == last && l.more == Some(true) && !partial {
            warn(ReplyWarning::UnfinishedReply, Some(l.no));
        }
    }
    if code_in_grammar(code) && !is_known(code) {
        warn(ReplyWarning::UnknownCode, None);
    }
    let mut enhanced_entry = None;
    if let Some(e) = enhanced_code {
        if matches!(code / 100, 2 | 4 | 5) && u16::from(e.class) != code / 100 {
            warn(ReplyWarning::EnhancedClassMismatch, first_no);
        }
        enhanced_entry = enhanced(e, lang);
        if enhanced_entry.as_ref().is_none_or(|x| !x.registered) {
            warn(ReplyWarning::EnhancedUnregistered, first_no);
        }
    }
    let mut context = None;
    if let Some(answers) = answers {
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
            line: said_line,
            voice: Voice::You,
        };
        context = Some(in_context_with(&reply, &ctx, &said, lang));
    }
    ExplainedReply {
        code,
        enhanced: enhanced_code,
        lines: texts,
        command,
        entry: entry(code, lang),
        enhanced_entry,
        context,
        warnings,
    }
}
