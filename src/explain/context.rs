//! One sentence that explains a reply after what it answers, in the state the session was in:
//! "You sent DATA after at least one accepted recipient, so …".
//!
//! A sentence is picked from one table by what the reply answers (a command, an unknown line,
//! an AUTH response, the end of data, nothing: the server closing on its own), its code, the
//! state before, and clues read from the line itself with the core's own parser: an empty line,
//! a near-miss of a verb (`EHOL`), a line too long, an address too long, plain text where AUTH
//! wants base64. Each sentence is written in the second person for a learner who typed the
//! commands and, where it addresses them, has a third-person twin for a simulated client.

use std::borrow::Cow;

use serde::Serialize;

use super::{class_of, text, Lang};
use smtp_sim_core::base64;
use smtp_sim_core::command::{split_verb, Command, CommandError, Verb, MAX_COMMAND_LINE};
use smtp_sim_core::reply::Reply;
use smtp_sim_core::sequence::{Closing, Prompt};
use smtp_sim_core::server::ServerConfig;

/// Where a session stood before the command: the server's own [`State`](smtp_sim_core::server::State).
pub use smtp_sim_core::server::State as Stage;

/// What the learner did just before the reply.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Context {
    /// What the reply answers: the greeting, a command, the end of data, … (the server's
    /// [`smtp_sim_core::server::Event::Reply`] says it; a pasted reply's is read with
    /// [`Prompt::parse`]).
    pub answers: Prompt,
    /// The session state before the command, if known.
    pub stage: Option<Stage>,
}

/// Who sent what a reply answers: the grammatical person of the sentence.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize)]
pub enum Voice {
    /// The reader typed the commands ("You are the client"): "You said QUIT, so …".
    #[default]
    You,
    /// A simulated client sent them ("Watch", "You are the server"): "The client said QUIT,
    /// so …".
    Client,
}

/// What [`in_context_with`] reads beyond [`Context`]: the line the reply answers and who sent
/// it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Said<'a> {
    /// The line the reply answers, as the server's `Event::Command` before it shows it (line end
    /// removed), when the reply answers a line: a command, an unknown word, an AUTH response.
    /// `None` when it is not known.
    pub line: Option<&'a str>,
    /// Who sent it.
    pub voice: Voice,
}

/// The contextual sentence for a reply.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct ContextNote {
    /// The reply code it explains.
    pub code: u16,
    /// The sentence.
    pub text: Cow<'static, str>,
    /// False when no sentence fits this command and state, and `text` is the code's generic
    /// description.
    pub specific: bool,
    /// True while the sentence waits for the texts file (`text` is then empty): a `texts-file`
    /// build before [`crate::load_texts`]. Absent when false.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub pending: bool,
}

use Stage::*;

/// What a rule answers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Key {
    /// Exactly this.
    Is(Prompt),
    /// A command with one of these verbs.
    OneOf(&'static [Verb]),
    /// AUTH, or a response inside its exchange.
    Auth,
    /// Any command with a known verb.
    AnyCommand,
    /// Anything.
    Any,
}

impl Key {
    fn covers(self, p: Prompt) -> bool {
        match self {
            Key::Is(q) => q == p,
            Key::OneOf(verbs) => matches!(p, Prompt::Command(v) if verbs.contains(&v)),
            Key::Auth => matches!(p, Prompt::Command(Verb::Auth) | Prompt::AuthResponse),
            Key::AnyCommand => matches!(p, Prompt::Command(_)),
            Key::Any => true,
        }
    }

    /// Narrower keys win: a sentence for MAIL before one for any command.
    const fn breadth(self) -> u8 {
        match self {
            Key::Is(_) => 0,
            Key::OneOf(_) | Key::Auth => 1,
            Key::AnyCommand => 2,
            Key::Any => 3,
        }
    }
}

/// What the reply or the line must show for a rule to apply.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Clue {
    /// Nothing more than the key, code and state.
    None,
    /// The reply's enhanced code has this subject and detail.
    Enhanced(u16, u16),
    /// The line was empty.
    EmptyLine,
    /// The line's first word is one edit (or one swap of neighbours) from a verb: `EHOL`.
    NearVerb,
    /// The line's first word starts with a verb run into what follows: `MAILFROM:<a@b>`.
    GluedVerb,
    /// A 500 that can only mean the line was too long: its verb is known, or it is longer than
    /// any command line may be (RFC 5321 §4.5.3.1.4).
    TooLong,
    /// The core's parser refuses the line with this error.
    Refused(CommandError),
    /// `AUTH PLAIN user password`: two words where one base64 string goes (RFC 4616 §2).
    PlainPair,
    /// `AUTH PLAIN text`: plain text where base64 goes.
    PlainText,
    /// `AUTH LOGIN text`: the user name in plain text where base64 goes.
    LoginText,
    /// A one-word answer to a 334 challenge in plain text.
    ResponseText,
    /// A two-word answer to a 334 challenge, as if user and password went together.
    ResponsePair,
    /// `BDAT n LAST`.
    LastChunk,
    /// `BDAT n` without LAST.
    MoreChunks,
}

/// A sentence in English and Portuguese.
type Pair = (&'static str, &'static str);

/// One row of the table.
#[derive(Clone, Copy, Debug)]
struct Rule {
    key: Key,
    code: u16,
    /// The states before, or empty for any (and for an unknown state).
    stages: &'static [Stage],
    clue: Clue,
    /// The sentence as written for the learner who typed the commands.
    you: Pair,
    /// Its third-person twin, where `you` addresses the learner.
    client: Option<Pair>,
}

/// A row: this key and code get these sentences.
const fn r(key: Key, code: u16, en: &'static str, pt: &'static str) -> Rule {
    Rule {
        key,
        code,
        stages: &[],
        clue: Clue::None,
        you: super::pair(en, pt),
        client: None,
    }
}

impl Rule {
    /// Only when the state before was one of these.
    const fn at(mut self, stages: &'static [Stage]) -> Rule {
        self.stages = stages;
        self
    }

    /// Only when the reply or the line shows this.
    const fn given(mut self, clue: Clue) -> Rule {
        self.clue = clue;
        self
    }

    /// The third-person twin, for a simulated client.
    const fn client(mut self, en: &'static str, pt: &'static str) -> Rule {
        self.client = Some(super::pair(en, pt));
        self
    }

    /// Sort key: a clue beats a state, a state beats a narrower key; ties go to table order.
    fn rank(&self) -> (bool, bool, u8) {
        (
            self.clue == Clue::None,
            self.stages.is_empty(),
            self.key.breadth(),
        )
    }
}

const fn cmd(v: Verb) -> Key {
    Key::Is(Prompt::Command(v))
}

const CONNECT: Key = Key::Is(Prompt::Connect);
const END_OF_DATA: Key = Key::Is(Prompt::EndOfData);
const UNKNOWN: Key = Key::Is(Prompt::Unknown);
const AUTH_RESPONSE: Key = Key::Is(Prompt::AuthResponse);
const HELLO: Key = Key::OneOf(&[Verb::Ehlo, Verb::Helo]);
const MAIL_OR_RCPT: Key = Key::OneOf(&[Verb::Mail, Verb::Rcpt]);
/// The commands a 503 sends back to EHLO when they come before it (RFC 5321 §4.1.4).
const AFTER_HELLO: Key = Key::OneOf(&[
    Verb::Mail,
    Verb::Rcpt,
    Verb::Data,
    Verb::Bdat,
    Verb::StartTls,
    Verb::Auth,
]);
const TRANSACTION: &[Stage] = &[Mail, Rcpt, Bdat];

/// The key for a 421 the server sends on its own.
const fn closing(why: Closing) -> Key {
    Key::Is(Prompt::Closing(why))
}

/// True when the texts file carries a rule's sentences: every rule but the greeting's, which the
/// first screen shows.
const fn rule_in_file(rule: &Rule) -> bool {
    !(rule.code == 220 && matches!(rule.key, Key::Is(Prompt::Connect)))
}

/// The rules as this build keeps them: with `texts-file`, the sentences of those the texts file
/// carries become empty (at compile time, so they never reach the binary).
const fn keep_greeting<const N: usize>(mut rules: [Rule; N]) -> [Rule; N] {
    let mut i = 0;
    while cfg!(feature = "texts-file") && i < N {
        if rule_in_file(&rules[i]) {
            rules[i].you = ("", "");
            if rules[i].client.is_some() {
                rules[i].client = Some(("", ""));
            }
        }
        i += 1;
    }
    rules
}

/// How many rules the table has: the texts file has one record per rule.
pub(crate) const RULE_COUNT: usize = RULES.len();

/// The context section of a texts file of `lang` (records joined by `rs`, fields by `us`): the
/// sentences of the rules whose code `here` takes, the others' records empty.
#[cfg(not(feature = "texts-file"))]
pub(crate) fn rules_for_file(lang: Lang, rs: &str, us: &str, here: &dyn Fn(u16) -> bool) -> String {
    let records: Vec<String> = RULES
        .iter()
        .map(|r| match r.client {
            _ if !rule_in_file(r) || !here(r.code) => String::new(),
            Some(c) => format!("{}{us}{}", lang.pick(r.you.0, r.you.1), lang.pick(c.0, c.1)),
            None => format!("{}{us}", lang.pick(r.you.0, r.you.1)),
        })
        .collect();
    records.join(rs)
}

// Placeholders, filled from the line: {verb} (the command the sentence is about), {typed} (what
// was typed), {b64} (its base64), {user} and {pass}.
const RULES: &[Rule] = &keep_greeting([
    // ---- the greeting ---------------------------------------------------------------------
    r(
        CONNECT,
        220,
        "The connection is open and the server greeted you. Introduce yourself with EHLO.",
        "A conexão está aberta e o servidor cumprimentou você. Apresente-se com EHLO.",
    )
    .client(
        "The connection is open and the server greeted the client, which introduces itself \
         next with EHLO.",
        "A conexão está aberta e o servidor cumprimentou o cliente, que em seguida se apresenta \
         com EHLO.",
    ),
    r(
        CONNECT,
        554,
        "The server refused you as soon as you connected. Only QUIT is useful now.",
        "O servidor recusou você logo na conexão. Agora só o QUIT adianta.",
    )
    .client(
        "The server refused the client as soon as it connected. Only QUIT is useful now.",
        "O servidor recusou o cliente logo na conexão. Agora só o QUIT adianta.",
    ),
    r(
        CONNECT,
        421,
        "The server is busy or shutting down and hung up before the session began; a later try \
         may work.",
        "O servidor está ocupado ou sendo desligado e encerrou antes de a sessão começar; uma \
         nova tentativa mais tarde pode dar certo.",
    ),
    r(
        CONNECT,
        521,
        "This host takes no mail at all; the domain's real mail server is elsewhere.",
        "Este host não recebe e-mail nenhum; o servidor de e-mail de verdade do domínio está em \
         outro lugar.",
    ),
    // ---- EHLO and HELO --------------------------------------------------------------------
    r(
        HELLO,
        250,
        "You said {verb} in the middle of a mail transaction, so the server threw away its \
         sender and recipients, as RSET does (RFC 5321 §4.1.4). Start again with MAIL FROM.",
        "Você disse {verb} no meio de uma transação de e-mail, então o servidor descartou o \
         remetente e os destinatários dela, como faz o RSET (RFC 5321 §4.1.4). Recomece com \
         MAIL FROM.",
    )
    .at(TRANSACTION)
    .client(
        "The client said {verb} in the middle of a mail transaction, so the server threw away \
         its sender and recipients, as RSET does (RFC 5321 §4.1.4). The transaction starts \
         again with MAIL FROM.",
        "O cliente disse {verb} no meio de uma transação de e-mail, então o servidor descartou \
         o remetente e os destinatários dela, como faz o RSET (RFC 5321 §4.1.4). A transação \
         recomeça com MAIL FROM.",
    ),
    r(
        cmd(Verb::Ehlo),
        250,
        "You said EHLO, so the server answered with its name and, one per line, the extensions \
         it supports. Next: MAIL FROM (or STARTTLS and AUTH first).",
        "Você disse EHLO, então o servidor respondeu com o nome dele e, uma por linha, as \
         extensões que suporta. Próximo passo: MAIL FROM (ou antes STARTTLS e AUTH).",
    )
    .client(
        "The client said EHLO, so the server answered with its name and, one per line, the \
         extensions it supports. Next: MAIL FROM (or STARTTLS and AUTH first).",
        "O cliente disse EHLO, então o servidor respondeu com o nome dele e, uma por linha, as \
         extensões que suporta. Próximo passo: MAIL FROM (ou antes STARTTLS e AUTH).",
    ),
    r(
        cmd(Verb::Helo),
        250,
        "You said HELO, so this is plain SMTP with no extensions. Next: MAIL FROM.",
        "Você disse HELO, então esta é uma sessão SMTP simples, sem extensões. Próximo passo: \
         MAIL FROM.",
    )
    .client(
        "The client said HELO, so this is plain SMTP with no extensions. Next: MAIL FROM.",
        "O cliente disse HELO, então esta é uma sessão SMTP simples, sem extensões. Próximo \
         passo: MAIL FROM.",
    ),
    r(
        cmd(Verb::Ehlo),
        502,
        "This server does not speak ESMTP. Greet it with HELO instead.",
        "Este servidor não fala ESMTP. Cumprimente-o com HELO.",
    )
    .client(
        "This server does not speak ESMTP, so the client greets it with HELO instead.",
        "Este servidor não fala ESMTP, então o cliente o cumprimenta com HELO.",
    ),
    r(
        HELLO,
        501,
        "{verb} needs your host name after it, for example {verb} client.example.com.",
        "O {verb} precisa do nome do seu host depois dele, por exemplo {verb} \
         client.example.com.",
    )
    .client(
        "{verb} needs the client's host name after it, for example {verb} client.example.com.",
        "O {verb} precisa do nome do host do cliente depois dele, por exemplo {verb} \
         client.example.com.",
    ),
    r(
        HELLO,
        503,
        "The server refused this session at the greeting, so it takes nothing but QUIT.",
        "O servidor recusou esta sessão já na saudação, então só aceita o QUIT.",
    ),
    // ---- before the hello -----------------------------------------------------------------
    r(
        AFTER_HELLO,
        503,
        "You sent {verb} before greeting the server. Send EHLO first: the mail transaction, \
         STARTTLS and AUTH all come after it (RFC 5321 §4.1.4).",
        "Você enviou {verb} antes de cumprimentar o servidor. Envie EHLO primeiro: a transação \
         de e-mail, o STARTTLS e o AUTH vêm todos depois dele (RFC 5321 §4.1.4).",
    )
    .at(&[Connected])
    .client(
        "The client sent {verb} before greeting the server. EHLO comes first: the mail \
         transaction, STARTTLS and AUTH all come after it (RFC 5321 §4.1.4).",
        "O cliente enviou {verb} antes de cumprimentar o servidor. O EHLO vem primeiro: a \
         transação de e-mail, o STARTTLS e o AUTH vêm todos depois dele (RFC 5321 §4.1.4).",
    ),
    // ---- MAIL -----------------------------------------------------------------------------
    r(
        cmd(Verb::Mail),
        250,
        "The server accepted the sender, so a mail transaction has begun. Name the recipients \
         now, with RCPT TO.",
        "O servidor aceitou o remetente, então uma transação de e-mail começou. Informe agora \
         os destinatários, com RCPT TO.",
    )
    .client(
        "The server accepted the sender, so a mail transaction has begun. Next the client names \
         the recipients with RCPT TO.",
        "O servidor aceitou o remetente, então uma transação de e-mail começou. Em seguida o \
         cliente informa os destinatários com RCPT TO.",
    ),
    r(
        cmd(Verb::Mail),
        503,
        "A transaction is already open. It ends with the message (DATA, or BDAT … LAST) or \
         with RSET, before a new MAIL.",
        "Já existe uma transação aberta. Ela termina com a mensagem (DATA, ou BDAT … LAST) ou \
         com RSET, antes de um novo MAIL.",
    )
    .at(TRANSACTION),
    r(
        MAIL_OR_RCPT,
        501,
        "The address is too long, not unreadable: with its angle brackets it has more than the \
         256 octets RFC 5321 §4.5.3.1.3 allows for a path. A shorter address works.",
        "O endereço é longo demais, não ilegível: com os sinais < e > ele tem mais que os 256 \
         octetos que a RFC 5321 §4.5.3.1.3 permite para um caminho. Um endereço mais curto \
         funciona.",
    )
    .given(Clue::Refused(CommandError::PathTooLong)),
    r(
        cmd(Verb::Mail),
        501,
        "The server could not read the sender address; the form is MAIL \
         FROM:<name@example.com>, with the angle brackets.",
        "O servidor não conseguiu ler o endereço do remetente; a forma é MAIL \
         FROM:<nome@example.com>, com os sinais < e >.",
    ),
    r(
        cmd(Verb::Mail),
        530,
        "This server wants you to log in (or start TLS) before you send mail.",
        "Este servidor quer que você se autentique (ou inicie o TLS) antes de enviar e-mails.",
    )
    .client(
        "This server wants the client to log in (or start TLS) before it sends mail.",
        "Este servidor quer que o cliente se autentique (ou inicie o TLS) antes de enviar \
         e-mails.",
    ),
    r(
        cmd(Verb::Mail),
        552,
        "The SIZE you announced is more than this server ever accepts.",
        "O SIZE que você anunciou é maior do que este servidor aceita.",
    )
    .client(
        "The SIZE the client announced is more than this server ever accepts.",
        "O SIZE que o cliente anunciou é maior do que este servidor aceita.",
    ),
    r(
        cmd(Verb::Mail),
        555,
        "A parameter after the sender address is not supported here (the EHLO reply did not \
         list it); MAIL without it works.",
        "Um parâmetro depois do endereço do remetente não é suportado aqui (a resposta ao EHLO \
         não o listou); o MAIL sem ele funciona.",
    ),
    r(
        cmd(Verb::Mail),
        553,
        "The server will not take this sender address: the account may not send as it.",
        "O servidor não aceita este endereço de remetente: a conta não pode enviar como ele.",
    ),
    // ---- RCPT -----------------------------------------------------------------------------
    r(
        cmd(Verb::Rcpt),
        250,
        "The first recipient is accepted. More may follow with RCPT TO; then DATA starts the \
         message.",
        "O primeiro destinatário foi aceito. Outros podem vir com RCPT TO; depois, o DATA \
         começa a mensagem.",
    )
    .at(&[Mail]),
    r(
        cmd(Verb::Rcpt),
        250,
        "One more recipient accepted. More may follow, or DATA.",
        "Mais um destinatário aceito. Outros podem vir, ou o DATA.",
    ),
    r(
        cmd(Verb::Rcpt),
        503,
        "Recipients come before the message, and this one came after a BDAT chunk. The message \
         ends with BDAT … LAST, or RSET drops it.",
        "Os destinatários vêm antes da mensagem, e este veio depois de um bloco BDAT. A mensagem \
         termina com BDAT … LAST, ou o RSET a descarta.",
    )
    .at(&[Bdat]),
    r(
        cmd(Verb::Rcpt),
        503,
        "A recipient needs a sender first: MAIL FROM comes before RCPT TO.",
        "Um destinatário precisa de um remetente antes: o MAIL FROM vem antes do RCPT TO.",
    ),
    r(
        cmd(Verb::Rcpt),
        452,
        "This server's recipient limit for one message is reached. The message goes now to \
         those accepted, and the other recipients in a new transaction (RFC 5321 §4.5.3.1.10).",
        "O limite de destinatários por mensagem deste servidor foi atingido. A mensagem vai \
         agora para os aceitos, e os outros destinatários em uma nova transação (RFC 5321 \
         §4.5.3.1.10).",
    )
    .given(Clue::Enhanced(5, 3)),
    r(
        cmd(Verb::Rcpt),
        550,
        "The server refused this recipient (unknown user, or relaying not allowed). Recipients \
         already accepted are not affected.",
        "O servidor recusou este destinatário (usuário desconhecido ou relay não permitido). Os \
         destinatários já aceitos não são afetados.",
    ),
    r(
        cmd(Verb::Rcpt),
        554,
        "The server refused this recipient by policy, often because it does not relay for this \
         client. Recipients already accepted are not affected.",
        "O servidor recusou este destinatário por política, muitas vezes porque não faz relay \
         para este cliente. Os destinatários já aceitos não são afetados.",
    ),
    r(
        cmd(Verb::Rcpt),
        450,
        "This recipient is refused for now. A mail server would try it again later.",
        "Este destinatário foi recusado por enquanto. Um servidor de e-mail tentaria de novo \
         mais tarde.",
    ),
    r(
        cmd(Verb::Rcpt),
        501,
        "The server could not read the recipient address; the form is RCPT \
         TO:<friend@example.org>, with the angle brackets.",
        "O servidor não conseguiu ler o endereço do destinatário; a forma é RCPT \
         TO:<amigo@example.org>, com os sinais < e >.",
    ),
    // ---- DATA and the end of data ---------------------------------------------------------
    r(
        cmd(Verb::Data),
        354,
        "You sent DATA after at least one accepted recipient, so the server is ready for the \
         message. End it with a line holding only \".\".",
        "Você enviou DATA depois de pelo menos um destinatário aceito, então o servidor está \
         pronto para a mensagem. Termine-a com uma linha só com \".\".",
    )
    .client(
        "The client sent DATA after at least one accepted recipient, so the server is ready \
         for the message, which ends with a line holding only \".\".",
        "O cliente enviou DATA depois de pelo menos um destinatário aceito, então o servidor \
         está pronto para a mensagem, que termina com uma linha só com \".\".",
    ),
    r(
        cmd(Verb::Data),
        503,
        "No recipient has been accepted yet, so there is nowhere to deliver: RCPT TO comes \
         first.",
        "Nenhum destinatário foi aceito ainda, então não há para onde entregar: o RCPT TO vem \
         antes.",
    )
    .at(&[Mail]),
    r(
        cmd(Verb::Data),
        503,
        "This message is coming in BDAT chunks, and DATA cannot be mixed in (RFC 3030 §3). The \
         message ends with BDAT … LAST, or RSET drops it.",
        "Esta mensagem está vindo em blocos BDAT, e o DATA não pode ser misturado (RFC 3030 §3). \
         A mensagem termina com BDAT … LAST, ou o RSET a descarta.",
    )
    .at(&[Bdat]),
    r(
        cmd(Verb::Data),
        503,
        "There is no open transaction: MAIL FROM and RCPT TO come before DATA.",
        "Não há transação aberta: o MAIL FROM e o RCPT TO vêm antes do DATA.",
    ),
    r(
        cmd(Verb::Data),
        554,
        "Every recipient was refused, so the server will not take a message.",
        "Todos os destinatários foram recusados, então o servidor não vai aceitar uma mensagem.",
    )
    .at(&[Mail, Rcpt]),
    r(
        END_OF_DATA,
        554,
        "A line of the message was longer than 1000 octets with its CR LF (RFC 5321 \
         §4.5.3.1.6); the reply names it. The whole message was refused, not just that line: \
         wrapped lines, or a body encoded as quoted-printable or base64, get through.",
        "Uma linha da mensagem tinha mais de 1000 octetos com o CR LF (RFC 5321 §4.5.3.1.6); a \
         resposta diz qual. A mensagem inteira foi recusada, não só aquela linha: linhas \
         quebradas, ou um corpo codificado em quoted-printable ou base64, passam.",
    )
    .given(Clue::Enhanced(6, 0)),
    r(
        END_OF_DATA,
        250,
        "The server received the whole message and took responsibility for delivering it. \
         Next: another MAIL, or QUIT.",
        "O servidor recebeu a mensagem inteira e assumiu a responsabilidade pela entrega. \
         Próximo passo: outro MAIL, ou QUIT.",
    ),
    r(
        END_OF_DATA,
        552,
        "The message was bigger than this server accepts, so it was not taken.",
        "A mensagem era maior do que este servidor aceita, então não foi recebida.",
    ),
    r(
        END_OF_DATA,
        554,
        "The server read the message and rejected it (content or policy). It was not taken.",
        "O servidor leu a mensagem e a rejeitou (conteúdo ou política). Ela não foi recebida.",
    ),
    r(
        END_OF_DATA,
        550,
        "The server read the message and refused it by policy. It was not taken.",
        "O servidor leu a mensagem e a recusou por política. Ela não foi recebida.",
    ),
    r(
        END_OF_DATA,
        451,
        "The server failed while storing the message. It was not taken; a later try may work.",
        "O servidor falhou ao guardar a mensagem. Ela não foi recebida; uma nova tentativa mais \
         tarde pode dar certo.",
    ),
    r(
        END_OF_DATA,
        452,
        "The server ran short of space for the message. It was not taken; a later try may work.",
        "Faltou espaço no servidor para a mensagem. Ela não foi recebida; uma nova tentativa \
         mais tarde pode dar certo.",
    ),
    // ---- BDAT -----------------------------------------------------------------------------
    r(
        cmd(Verb::Bdat),
        250,
        "That was the LAST chunk: the server has the whole message and took responsibility for \
         delivering it. Next: another MAIL, or QUIT.",
        "Esse era o bloco LAST: o servidor tem a mensagem inteira e assumiu a responsabilidade \
         pela entrega. Próximo passo: outro MAIL, ou QUIT.",
    )
    .given(Clue::LastChunk),
    r(
        cmd(Verb::Bdat),
        250,
        "The chunk arrived and was added to the message; the reply counts its octets. More \
         chunks follow with BDAT, and the last one says BDAT n LAST.",
        "O bloco chegou e foi juntado à mensagem; a resposta conta os octetos dele. Outros \
         blocos vêm com BDAT, e o último diz BDAT n LAST.",
    )
    .given(Clue::MoreChunks),
    r(
        cmd(Verb::Bdat),
        250,
        "The chunk arrived. More follow with BDAT; after BDAT … LAST, the 250 means the whole \
         message was accepted.",
        "O bloco chegou. Outros vêm com BDAT; depois de BDAT … LAST, o 250 quer dizer que a \
         mensagem inteira foi aceita.",
    ),
    r(
        cmd(Verb::Bdat),
        503,
        "BDAT needs an open transaction with an accepted recipient: MAIL FROM, then RCPT TO. Its \
         chunk was read and thrown away.",
        "O BDAT precisa de uma transação aberta com um destinatário aceito: MAIL FROM, depois \
         RCPT TO. O bloco dele foi lido e descartado.",
    ),
    r(
        cmd(Verb::Bdat),
        501,
        "The BDAT line named a size but had something other than LAST after it. The server \
         still read that many octets as the chunk (RFC 3030 §2: they are message data, never \
         commands), threw them away and then refused the line.",
        "A linha BDAT trazia um tamanho, mas depois dele algo que não era LAST. O servidor leu \
         mesmo assim essa quantidade de octetos como o bloco (RFC 3030 §2: são dados da \
         mensagem, nunca comandos), descartou-os e então recusou a linha.",
    ),
    r(
        cmd(Verb::Bdat),
        521,
        "The BDAT line had no size the server could read, so it cannot tell where the chunk \
         that follows ends: anything after it could be message data or commands. It refused \
         and closed the connection, as Postfix does, rather than run data as commands (RFC \
         3030 §2).",
        "A linha BDAT não tinha um tamanho que o servidor conseguisse ler, então ele não sabe \
         onde termina o bloco que vem depois: o que segue pode ser dados da mensagem ou \
         comandos. Ele recusou e fechou a conexão, como o Postfix faz, em vez de executar dados \
         como comandos (RFC 3030 §2).",
    ),
    // ---- the other commands ---------------------------------------------------------------
    r(
        cmd(Verb::Rset),
        250,
        "No transaction was open, so RSET changed nothing; the 250 only confirms it.",
        "Não havia transação aberta, então o RSET não mudou nada; o 250 só confirma isso.",
    )
    .at(&[Connected, Ready]),
    r(
        cmd(Verb::Rset),
        250,
        "The transaction was dropped: the session is back to just after EHLO.",
        "A transação foi descartada: a sessão voltou ao ponto logo depois do EHLO.",
    ),
    r(
        cmd(Verb::Noop),
        250,
        "NOOP does nothing; the 250 only shows that the connection is alive.",
        "O NOOP não faz nada; o 250 só mostra que a conexão está viva.",
    ),
    r(
        cmd(Verb::Vrfy),
        252,
        "The server will not say whether this address exists, but will accept mail for it.",
        "O servidor não diz se este endereço existe, mas aceita e-mails para ele.",
    ),
    r(
        cmd(Verb::Vrfy),
        250,
        "The server confirmed that this address exists.",
        "O servidor confirmou que este endereço existe.",
    ),
    r(
        cmd(Verb::Vrfy),
        550,
        "The server says there is no such user here.",
        "O servidor diz que este usuário não existe aqui.",
    ),
    r(
        cmd(Verb::Help),
        214,
        "You asked for help; the text is for you to read, and the session state has not \
         changed.",
        "Você pediu ajuda; o texto é para você ler, e o estado da sessão não mudou.",
    )
    .client(
        "The client asked for help; the text is for a person to read, and the session state \
         has not changed.",
        "O cliente pediu ajuda; o texto é para uma pessoa ler, e o estado da sessão não mudou.",
    ),
    r(
        cmd(Verb::Quit),
        221,
        "You said QUIT, so the server said goodbye and is closing the connection. The session \
         is over.",
        "Você disse QUIT, então o servidor se despediu e está fechando a conexão. A sessão \
         acabou.",
    )
    .client(
        "The client said QUIT, so the server said goodbye and is closing the connection. The \
         session is over.",
        "O cliente disse QUIT, então o servidor se despediu e está fechando a conexão. A sessão \
         acabou.",
    ),
    // ---- STARTTLS -------------------------------------------------------------------------
    r(
        cmd(Verb::StartTls),
        220,
        "The server is ready for the TLS handshake. Send EHLO again after it: the session starts \
         over.",
        "O servidor está pronto para o handshake TLS. Envie EHLO de novo depois dele: a sessão \
         recomeça.",
    )
    .client(
        "The server is ready for the TLS handshake. After it, the client sends EHLO again: the \
         session starts over.",
        "O servidor está pronto para o handshake TLS. Depois dele, o cliente envia EHLO de \
         novo: a sessão recomeça.",
    ),
    r(
        cmd(Verb::StartTls),
        454,
        "TLS cannot start right now. Do not send your password without it; try again later.",
        "O TLS não pode começar agora. Não envie sua senha sem ele; tente mais tarde.",
    )
    .client(
        "TLS cannot start right now; a careful client sends no password without it and tries \
         again later.",
        "O TLS não pode começar agora; um cliente cuidadoso não envia senha sem ele e tenta de \
         novo mais tarde.",
    ),
    r(
        cmd(Verb::StartTls),
        503,
        "TLS is already active: STARTTLS works once per connection (RFC 3207 §4.2).",
        "O TLS já está ativo: o STARTTLS funciona uma vez por conexão (RFC 3207 §4.2).",
    )
    .at(&[Ready]),
    r(
        cmd(Verb::StartTls),
        503,
        "A mail transaction is open, and STARTTLS comes before MAIL: the handshake starts the \
         session over (RFC 3207 §4.2). RSET drops the transaction.",
        "Há uma transação de e-mail aberta, e o STARTTLS vem antes do MAIL: o handshake \
         recomeça a sessão (RFC 3207 §4.2). O RSET descarta a transação.",
    )
    .at(TRANSACTION),
    r(
        cmd(Verb::StartTls),
        503,
        "TLS is already active, or STARTTLS came at the wrong moment: it comes after EHLO and \
         before MAIL.",
        "O TLS já está ativo, ou o STARTTLS veio na hora errada: ele vem depois do EHLO e antes \
         do MAIL.",
    ),
    // ---- AUTH and its exchange ------------------------------------------------------------
    r(
        Key::Auth,
        334,
        "The server wants the next piece of your login, base64-encoded, on a line of its own.",
        "O servidor quer a próxima parte do seu login, em base64, em uma linha só dela.",
    )
    .client(
        "The server wants the next piece of the client's login, base64-encoded, on a line of \
         its own.",
        "O servidor quer a próxima parte do login do cliente, em base64, em uma linha só dela.",
    ),
    r(
        Key::Auth,
        235,
        "The login worked; next comes MAIL FROM.",
        "O login funcionou; em seguida vem o MAIL FROM.",
    ),
    r(
        Key::Auth,
        535,
        "The user name or password was wrong, so you are not logged in. This server's demo \
         account is {user} / {pass}.",
        "O usuário ou a senha estava errado, então você não está autenticado. A conta de \
         demonstração deste servidor é {user} / {pass}.",
    )
    .at(&[Ready, Auth])
    .client(
        "The user name or password was wrong, so the client is not logged in. This server's \
         demo account is {user} / {pass}.",
        "O usuário ou a senha estava errado, então o cliente não está autenticado. A conta de \
         demonstração deste servidor é {user} / {pass}.",
    ),
    r(
        Key::Auth,
        535,
        "The user name or password was wrong, so there is no login.",
        "O usuário ou a senha estava errado, então não há login.",
    ),
    r(
        Key::Auth,
        538,
        "This login method needs an encrypted connection: STARTTLS comes first.",
        "Este método de login exige uma conexão criptografada: o STARTTLS vem antes.",
    ),
    r(
        cmd(Verb::Auth),
        504,
        "The server does not offer this mechanism; the AUTH line of the EHLO reply lists those \
         it does.",
        "O servidor não oferece este mecanismo; a linha AUTH da resposta ao EHLO lista os que \
         ele oferece.",
    ),
    r(
        cmd(Verb::Auth),
        503,
        "You are already logged in: AUTH works once per session (RFC 4954 §4).",
        "Você já está autenticado: o AUTH funciona uma vez por sessão (RFC 4954 §4).",
    )
    .at(&[Ready])
    .client(
        "The client is already logged in: AUTH works once per session (RFC 4954 §4).",
        "O cliente já está autenticado: o AUTH funciona uma vez por sessão (RFC 4954 §4).",
    ),
    r(
        cmd(Verb::Auth),
        503,
        "AUTH is not allowed inside a mail transaction: it comes before MAIL (RFC 4954 §4). RSET \
         drops the transaction.",
        "O AUTH não é permitido dentro de uma transação de e-mail: ele vem antes do MAIL (RFC \
         4954 §4). O RSET descarta a transação.",
    )
    .at(TRANSACTION),
    r(
        cmd(Verb::Auth),
        503,
        "AUTH is not allowed now: it comes after EHLO, before MAIL, and once per session (RFC \
         4954 §4).",
        "O AUTH não é permitido agora: ele vem depois do EHLO, antes do MAIL, e uma vez por \
         sessão (RFC 4954 §4).",
    ),
    r(
        cmd(Verb::Auth),
        501,
        "AUTH PLAIN takes one base64 string, not a user name and a password: the bytes NUL, \
         user, NUL, password, encoded together (RFC 4616 §2). For {user} and {pass}: AUTH PLAIN \
         {b64}",
        "O AUTH PLAIN recebe uma única string em base64, não um usuário e uma senha: os bytes \
         NUL, usuário, NUL, senha, codificados juntos (RFC 4616 §2). Para {user} e {pass}: AUTH \
         PLAIN {b64}",
    )
    .given(Clue::PlainPair),
    r(
        cmd(Verb::Auth),
        501,
        "The initial response of AUTH PLAIN is base64, not plain text: the bytes NUL, user, NUL, \
         password, encoded together (RFC 4616 §2). For the demo account {user} / {pass}: AUTH \
         PLAIN {b64}",
        "A resposta inicial do AUTH PLAIN é base64, não texto puro: os bytes NUL, usuário, NUL, \
         senha, codificados juntos (RFC 4616 §2). Para a conta de demonstração {user} / {pass}: \
         AUTH PLAIN {b64}",
    )
    .given(Clue::PlainText),
    r(
        cmd(Verb::Auth),
        501,
        "The initial response of AUTH LOGIN is the user name in base64, not plain text: \
         \"{typed}\" is {b64}, so AUTH LOGIN {b64}",
        "A resposta inicial do AUTH LOGIN é o nome de usuário em base64, não texto puro: \
         \"{typed}\" é {b64}, então AUTH LOGIN {b64}",
    )
    .given(Clue::LoginText),
    r(
        AUTH_RESPONSE,
        501,
        "The server expected base64 here, not plain text: \"{typed}\" in base64 is {b64}.",
        "O servidor esperava base64 aqui, não texto puro: \"{typed}\" em base64 é {b64}.",
    )
    .given(Clue::ResponseText),
    r(
        AUTH_RESPONSE,
        501,
        "The server expected one base64 string here. After AUTH PLAIN it is NUL, user, NUL, \
         password, encoded together (RFC 4616 §2): for {user} and {pass}, {b64}. AUTH LOGIN asks \
         for the user name and the password one at a time, each in base64.",
        "O servidor esperava uma única string em base64 aqui. Depois do AUTH PLAIN ela é NUL, \
         usuário, NUL, senha, codificados juntos (RFC 4616 §2): para {user} e {pass}, {b64}. O \
         AUTH LOGIN pede o usuário e a senha um de cada vez, cada um em base64.",
    )
    .given(Clue::ResponsePair),
    r(
        Key::Auth,
        501,
        "The AUTH exchange was cancelled with \"*\": there is no login, and AUTH may start \
         again.",
        "A troca do AUTH foi cancelada com \"*\": não há login, e o AUTH pode começar de novo.",
    )
    .given(Clue::Enhanced(7, 0)),
    r(
        Key::Auth,
        501,
        "The answer was not valid base64, so the AUTH exchange ended without a login.",
        "A resposta não era base64 válido, então a troca do AUTH terminou sem login.",
    )
    .given(Clue::Enhanced(5, 2)),
    r(
        cmd(Verb::Auth),
        501,
        "AUTH takes a mechanism and at most one base64 initial response: AUTH PLAIN, AUTH PLAIN \
         <base64>, AUTH LOGIN.",
        "O AUTH recebe um mecanismo e no máximo uma resposta inicial em base64: AUTH PLAIN, AUTH \
         PLAIN <base64>, AUTH LOGIN.",
    )
    .given(Clue::Enhanced(5, 4)),
    r(
        Key::Auth,
        501,
        "The AUTH exchange was cancelled, or the answer was not valid base64.",
        "A troca do AUTH foi cancelada, ou a resposta não era base64 válido.",
    ),
    r(
        AUTH_RESPONSE,
        500,
        "That answer was longer than the 12288 octets an AUTH line may have (RFC 4954 §4), so \
         the exchange ended without a login.",
        "Essa resposta tinha mais que os 12288 octetos que uma linha do AUTH pode ter (RFC 4954 \
         §4), então a troca terminou sem login.",
    ),
    r(
        Key::Auth,
        454,
        "The server could not check the login right now; a later try may work.",
        "O servidor não conseguiu conferir o login agora; uma nova tentativa mais tarde pode dar \
         certo.",
    ),
    // ---- the server closes on its own -----------------------------------------------------
    r(
        closing(Closing::Timeout),
        421,
        "You were silent for too long, so the server gave up on the session (RFC 5321 \
         §4.5.3.2). Nothing half-sent was kept; a mail client would connect again later.",
        "Você ficou em silêncio por tempo demais, então o servidor desistiu da sessão (RFC 5321 \
         §4.5.3.2). Nada do que estava pela metade foi guardado; um cliente de e-mail se \
         conectaria de novo mais tarde.",
    )
    .client(
        "The client was silent for too long, so the server gave up on the session (RFC 5321 \
         §4.5.3.2). Nothing half-sent was kept; a mail client would connect again later.",
        "O cliente ficou em silêncio por tempo demais, então o servidor desistiu da sessão (RFC \
         5321 §4.5.3.2). Nada do que estava pela metade foi guardado; um cliente de e-mail se \
         conectaria de novo mais tarde.",
    ),
    r(
        closing(Closing::Shutdown),
        421,
        "The server is shutting down and closed the session politely first (RFC 5321 §3.8). \
         Nothing was lost that had been accepted with 250; a later try may work.",
        "O servidor está sendo desligado e encerrou a sessão educadamente antes (RFC 5321 §3.8). \
         Nada que tenha recebido 250 se perdeu; uma nova tentativa mais tarde pode dar certo.",
    ),
    r(
        closing(Closing::Busy),
        421,
        "The server has no room for another session right now, so it said so instead of \
         greeting you. Try again in a moment.",
        "O servidor não tem espaço para mais uma sessão agora, então avisou isso em vez de \
         cumprimentar você. Tente de novo daqui a pouco.",
    )
    .client(
        "The server has no room for another session right now, so it said so instead of \
         greeting the client, which tries again in a moment.",
        "O servidor não tem espaço para mais uma sessão agora, então avisou isso em vez de \
         cumprimentar o cliente, que tenta de novo daqui a pouco.",
    ),
    r(
        closing(Closing::TooManyErrors),
        421,
        "That was one bad command too many in a row, so the server closed the session (RFC 5321 \
         §7.8 allows it as a defence). Reset and type the commands carefully; HELP lists them.",
        "Foi um comando errado a mais em sequência, então o servidor encerrou a sessão (a RFC \
         5321 §7.8 permite isso como defesa). Reinicie e digite os comandos com cuidado; HELP \
         lista todos.",
    )
    .client(
        "The client sent one bad command too many in a row, so the server closed the session \
         (RFC 5321 §7.8 allows it as a defence).",
        "O cliente enviou um comando errado a mais em sequência, então o servidor encerrou a \
         sessão (a RFC 5321 §7.8 permite isso como defesa).",
    ),
    r(
        closing(Closing::TooManyAuthFailures),
        421,
        "Too many failed logins, so the server closed the session, as real servers do against \
         password guessing (RFC 4954 §4). The demo account is {user} / {pass}.",
        "Logins falhos demais, então o servidor encerrou a sessão, como servidores reais fazem \
         contra quem tenta adivinhar senhas (RFC 4954 §4). A conta de demonstração é {user} / \
         {pass}.",
    ),
    r(
        Key::Any,
        421,
        "The server is closing the connection on its own (timeout, shutdown or too many \
         errors). The session is over; a mail client would try again later.",
        "O servidor está fechando a conexão por conta própria (tempo esgotado, desligamento ou \
         erros demais). A sessão acabou; um cliente de e-mail tentaria de novo mais tarde.",
    ),
    // ---- lines the server could not take --------------------------------------------------
    r(
        Key::Any,
        500,
        "The line was longer than a command line may be: 512 octets with its CR LF (RFC 5321 \
         §4.5.3.1.4; MAIL and RCPT get more with some extensions). The server threw the whole \
         line away without reading it; a shorter line works.",
        "A linha era maior do que uma linha de comando pode ser: 512 octetos com o CR LF (RFC \
         5321 §4.5.3.1.4; MAIL e RCPT ganham mais com algumas extensões). O servidor descartou \
         a linha inteira sem lê-la; uma linha mais curta funciona.",
    )
    .given(Clue::TooLong),
    r(
        UNKNOWN,
        500,
        "An empty line is not a command. The server answered 500 and counted it as a bad \
         command; too many in a row and it closes the session.",
        "Uma linha vazia não é um comando. O servidor respondeu 500 e a contou como um comando \
         errado; erros demais em sequência e ele encerra a sessão.",
    )
    .given(Clue::EmptyLine),
    r(
        UNKNOWN,
        500,
        "There is no such command. Did you mean {verb}?",
        "Esse comando não existe. Você quis dizer {verb}?",
    )
    .given(Clue::NearVerb)
    .client(
        "There is no such command; the client probably meant {verb}.",
        "Esse comando não existe; o cliente provavelmente quis dizer {verb}.",
    ),
    r(
        UNKNOWN,
        500,
        "{verb} needs a space after it: the server read the whole word as a command it does not \
         know.",
        "O {verb} precisa de um espaço depois dele: o servidor leu a palavra inteira como um \
         comando que não conhece.",
    )
    .given(Clue::GluedVerb),
    r(
        Key::Any,
        500,
        "The server did not recognise the first word as a command; HELP lists the ones it \
         knows.",
        "O servidor não reconheceu a primeira palavra como um comando; o HELP lista os que ele \
         conhece.",
    ),
    r(
        Key::AnyCommand,
        501,
        "{verb} takes no argument, so the server refused the whole line.",
        "O {verb} não recebe argumento, então o servidor recusou a linha inteira.",
    )
    .given(Clue::Refused(CommandError::UnexpectedArgument)),
    r(
        Key::Any,
        501,
        "The command is known, but its arguments could not be read.",
        "O comando é conhecido, mas os argumentos não puderam ser lidos.",
    ),
    r(
        Key::Any,
        502,
        "This server does not implement that command; the session goes on without it.",
        "Este servidor não implementa esse comando; a sessão segue sem ele.",
    ),
    r(
        Key::Any,
        503,
        "That command is valid, but not at this point of the session.",
        "Esse comando é válido, mas não neste ponto da sessão.",
    ),
    r(
        Key::Any,
        530,
        "The server wants you to log in (or start TLS) before this command.",
        "O servidor quer que você se autentique (ou inicie o TLS) antes deste comando.",
    )
    .client(
        "The server wants the client to log in (or start TLS) before this command.",
        "O servidor quer que o cliente se autentique (ou inicie o TLS) antes deste comando.",
    ),
]);

/// What the line shows, read once.
#[derive(Debug, Default)]
struct Reading<'a> {
    /// The verb the sentence is about: the command's, or the one a near-miss points to.
    verb: Option<Verb>,
    empty: bool,
    near: bool,
    glued: bool,
    too_long: bool,
    refused: Option<CommandError>,
    plain_pair: bool,
    plain_text: bool,
    login_text: bool,
    response_text: bool,
    response_pair: bool,
    last_chunk: Option<bool>,
    /// Plain text to show in base64.
    typed: Option<&'a str>,
    /// A user and password for AUTH PLAIN.
    account: Option<(&'a str, &'a str)>,
}

impl<'a> Reading<'a> {
    fn of(answers: Prompt, line: Option<&'a str>) -> Self {
        let mut r = Reading {
            verb: match answers {
                Prompt::Command(v) => Some(v),
                _ => None,
            },
            // A known verb answered 500 can only have been too long (RFC 5321 §4.2.4).
            too_long: matches!(answers, Prompt::Command(_)),
            ..Reading::default()
        };
        let Some(line) = line else {
            return r;
        };
        match answers {
            Prompt::Unknown => {
                let (word, _) = split_verb(line.as_bytes());
                let word = core::str::from_utf8(word).unwrap_or("");
                r.empty = line.trim().is_empty();
                r.too_long = line.len() > MAX_COMMAND_LINE - 2;
                if let Some(v) = near_verb(word) {
                    r.verb = Some(v);
                    r.near = true;
                } else if let Some(v) = glued_verb(word) {
                    r.verb = Some(v);
                    r.glued = true;
                }
            }
            Prompt::Command(v) => {
                r.refused = Command::parse(line.as_bytes()).err();
                let mut words = line.split_whitespace().skip(1);
                match v {
                    Verb::Auth => {
                        let mech = words.next().unwrap_or("");
                        let rest: Vec<&str> = words.collect();
                        let plain = mech.eq_ignore_ascii_case("PLAIN");
                        match rest[..] {
                            [user, pass] if plain => {
                                r.plain_pair = true;
                                r.account = Some((user, pass));
                            }
                            [word] if base64::decode(word).is_none() && printable(word) => {
                                if plain {
                                    r.plain_text = true;
                                } else if mech.eq_ignore_ascii_case("LOGIN") {
                                    r.login_text = true;
                                    r.typed = Some(word);
                                }
                            }
                            _ => {}
                        }
                    }
                    Verb::Bdat => {
                        if let Ok(Command::Bdat { last, .. }) = Command::parse(line.as_bytes()) {
                            r.last_chunk = Some(last);
                        }
                    }
                    _ => {}
                }
            }
            Prompt::AuthResponse if line != "*" && base64::decode(line).is_none() => {
                match line.split(' ').collect::<Vec<_>>()[..] {
                    [user, pass] if printable(user) && printable(pass) => {
                        r.response_pair = true;
                        r.account = Some((user, pass));
                    }
                    _ if printable(line) => {
                        r.response_text = true;
                        r.typed = Some(line);
                    }
                    _ => {}
                }
            }
            _ => {}
        }
        r
    }

    fn shows(&self, clue: Clue, reply: &Reply) -> bool {
        match clue {
            Clue::None => true,
            Clue::Enhanced(s, d) => reply
                .enhanced
                .is_some_and(|e| e.subject == s && e.detail == d),
            Clue::EmptyLine => self.empty,
            Clue::NearVerb => self.near,
            Clue::GluedVerb => self.glued,
            Clue::TooLong => self.too_long,
            Clue::Refused(e) => self.refused == Some(e),
            Clue::PlainPair => self.plain_pair,
            Clue::PlainText => self.plain_text,
            Clue::LoginText => self.login_text,
            Clue::ResponseText => self.response_text,
            Clue::ResponsePair => self.response_pair,
            Clue::LastChunk => self.last_chunk == Some(true),
            Clue::MoreChunks => self.last_chunk == Some(false),
        }
    }

    /// The sentence with its placeholders filled.
    fn fill(&self, template: &'static str) -> Cow<'static, str> {
        if !template.as_bytes().contains(&b'{') {
            return Cow::Borrowed(template);
        }
        let demo = ServerConfig::default().users.into_iter().next();
        let (user, pass) = match (self.account, &demo) {
            (Some((u, p)), _) => (u, p),
            (None, Some((u, p))) => (u.as_str(), p.as_str()),
            (None, None) => ("", ""),
        };
        let b64 = match self.typed {
            Some(typed) => base64::encode(typed.as_bytes()),
            None => plain_response(user, pass),
        };
        Cow::Owned(super::fill(
            template,
            &[
                ("{verb}", self.verb.map_or("", Verb::as_str)),
                ("{typed}", self.typed.unwrap_or("")),
                ("{b64}", &b64),
                ("{user}", user),
                ("{pass}", pass),
            ],
        ))
    }
}

/// The AUTH PLAIN message for a user and password: base64 of NUL user NUL password (RFC 4616
/// §2, with an empty authorisation identity).
fn plain_response(user: &str, pass: &str) -> String {
    let mut raw = vec![0];
    raw.extend_from_slice(user.as_bytes());
    raw.push(0);
    raw.extend_from_slice(pass.as_bytes());
    base64::encode(&raw)
}

/// Short enough to quote in a sentence, and nothing a terminal would act on.
fn printable(s: &str) -> bool {
    !s.is_empty() && s.len() <= 64 && !s.chars().any(char::is_control)
}

/// The verb `word` is one typo away from: one letter added, dropped or changed, or two
/// neighbours swapped (`EHOL`). Words under three letters are too short to guess from.
fn near_verb(word: &str) -> Option<Verb> {
    if word.len() < 3 || !word.is_ascii() {
        return None;
    }
    let w = word.to_ascii_uppercase();
    Verb::ALL
        .into_iter()
        .find(|v| one_typo(w.as_bytes(), v.as_str().as_bytes()))
}

/// True when `a` and `b` differ by exactly one insertion, deletion, substitution or swap of
/// neighbouring letters.
fn one_typo(a: &[u8], b: &[u8]) -> bool {
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let (a, b) = (&a[prefix..], &b[prefix..]);
    match (a.len(), b.len()) {
        (0, 0) => false,
        (m, n) if m == n => {
            a[1..] == b[1..] || (m >= 2 && a[0] == b[1] && a[1] == b[0] && a[2..] == b[2..])
        }
        (m, n) if m == n + 1 => a[1..] == *b,
        (m, n) if m + 1 == n => *a == b[1..],
        _ => false,
    }
}

/// The verb `word` starts with, when more follows it without a space: `MAILFROM:<a@b>`.
fn glued_verb(word: &str) -> Option<Verb> {
    Verb::ALL.into_iter().find(|v| {
        let name = v.as_str();
        word.len() > name.len()
            && word
                .get(..name.len())
                .is_some_and(|head| head.eq_ignore_ascii_case(name))
    })
}

/// Explains `reply` after `ctx` for a learner who typed the commands, without the line: a
/// specific sentence when one fits the command, the state and the enhanced code; otherwise the
/// code's generic description (`specific: false`). [`in_context_with`] also reads the line.
pub fn in_context(reply: &Reply, ctx: &Context, lang: Lang) -> ContextNote {
    in_context_with(reply, ctx, &Said::default(), lang)
}

/// Explains `reply` after `ctx` and the line in `said`, in `said`'s voice: a specific sentence
/// when one fits what the reply answers, the state before, the enhanced code and what the line
/// shows; otherwise the code's generic description (`specific: false`).
pub fn in_context_with(reply: &Reply, ctx: &Context, said: &Said, lang: Lang) -> ContextNote {
    let code = reply.code;
    // A reply while receiving content answers the end of the data, whatever the last line was.
    let answers = match ctx.stage {
        Some(Stage::Data) if !matches!(ctx.answers, Prompt::Closing(_)) => Prompt::EndOfData,
        _ => ctx.answers,
    };
    let reading = Reading::of(answers, said.line);
    let found = RULES
        .iter()
        .enumerate()
        .filter(|(_, r)| {
            r.code == code
                && r.key.covers(answers)
                && (r.stages.is_empty() || ctx.stage.is_some_and(|s| r.stages.contains(&s)))
                && reading.shows(r.clue, reply)
        })
        .min_by_key(|(_, r)| r.rank());
    if let Some((i, r)) = found {
        let twin = said.voice == Voice::Client && r.client.is_some();
        let sentence = if cfg!(feature = "texts-file") && rule_in_file(r) {
            crate::texts_file::loaded_field(2, i, usize::from(twin))
        } else {
            let (en, pt) = if twin {
                r.client.unwrap_or(r.you)
            } else {
                r.you
            };
            Some(lang.pick(en, pt))
        };
        return ContextNote {
            code,
            text: sentence.map_or(Cow::Borrowed(""), |s| reading.fill(s)),
            specific: true,
            pending: sentence.is_none(),
        };
    }
    // No sentence fits: the code's description (from the texts file for most codes), else the
    // class's meaning.
    let long = crate::texts_file::long(code, lang);
    let pending = long.is_none() && text(code, lang).is_some();
    let generic = match long {
        Some(l) => l.description,
        None if pending => "",
        None => class_of(code, lang).map(|c| c.meaning).unwrap_or_else(|| {
            lang.pick(
                "This is not a valid SMTP reply code.",
                "Este não é um código de resposta SMTP válido.",
            )
        }),
    };
    ContextNote {
        code,
        text: Cow::Borrowed(generic),
        specific: false,
        pending,
    }
}

/// A warning before the server closes for too many bad commands in a row (RFC 5321 §7.8), for
/// the last three: `left` is [`ServerSession::bad_commands_left`](smtp_sim_core::server::ServerSession::bad_commands_left).
/// `None` while more are left.
pub fn bad_commands_warning(left: u32, lang: Lang) -> Option<&'static str> {
    let (en, pt) = match left {
        1 => (
            "One more bad command and the server will close the session.",
            "Mais um comando errado e o servidor vai encerrar a sessão.",
        ),
        2 => (
            "2 more bad commands and the server will close the session.",
            "Mais 2 comandos errados e o servidor vai encerrar a sessão.",
        ),
        3 => (
            "3 more bad commands and the server will close the session.",
            "Mais 3 comandos errados e o servidor vai encerrar a sessão.",
        ),
        _ => return None,
    };
    Some(lang.pick(en, pt))
}

#[cfg(test)]
mod tests {
    use super::*;

    const EN_YOU: &[&str] = &["you", "your", "yours", "yourself"];
    const PT_YOU: &[&str] = &["você", "vocês", "seu", "sua", "seus", "suas"];
    /// Verbs that open a sentence in the imperative: they address the reader too.
    const EN_DO: &[&str] = &[
        "Send",
        "Try",
        "Use",
        "Write",
        "Add",
        "Check",
        "Greet",
        "Finish",
        "Reset",
        "Pick",
        "Introduce",
        "Wait",
        "Look",
        "Type",
        "Start",
        "Encode",
        "Drop",
        "Wrap",
        "Press",
        "Name",
        "Keep",
        "Make",
        "Give",
        "Say",
        "Ask",
        "Do",
        "Log",
        "End",
        "Go",
        "Carry",
    ];
    const PT_DO: &[&str] = &[
        "Envie",
        "Tente",
        "Use",
        "Escreva",
        "Acrescente",
        "Confira",
        "Cumprimente",
        "Cumprimente-o",
        "Termine",
        "Termine-a",
        "Reinicie",
        "Escolha",
        "Apresente-se",
        "Siga",
        "Espere",
        "Procure",
        "Digite",
        "Comece",
        "Recomece",
        "Mande",
        "Codifique",
        "Descarte",
        "Informe",
        "Quebre",
        "Diga",
    ];

    /// True when `text` speaks to the reader: a second-person word, or a sentence opening with
    /// an imperative.
    fn addresses_reader(text: &str, pronouns: &[&str], imperatives: &[&str]) -> bool {
        let words = text
            .split(|c: char| !c.is_alphanumeric() && c != '-' && c != '\'')
            .filter(|w| !w.is_empty());
        if words
            .clone()
            .any(|w| pronouns.iter().any(|p| p.eq_ignore_ascii_case(w)))
        {
            return true;
        }
        text.split(['.', ';', ':', '?', '!'])
            .filter_map(|s| s.split_whitespace().next())
            .any(|first| imperatives.contains(&first))
    }

    fn second_person(pair: Pair) -> bool {
        addresses_reader(pair.0, EN_YOU, EN_DO) || addresses_reader(pair.1, PT_YOU, PT_DO)
    }

    #[test]
    fn every_second_person_sentence_has_a_third_person_twin() {
        for rule in RULES {
            match rule.client {
                None => assert!(
                    !second_person(rule.you),
                    "{:?} {}: speaks to the reader but has no third-person twin: {:?}",
                    rule.key,
                    rule.code,
                    rule.you
                ),
                Some(twin) => {
                    assert!(
                        !second_person(twin),
                        "{:?} {}: the twin still speaks to the reader: {twin:?}",
                        rule.key,
                        rule.code
                    );
                    assert!(
                        second_person(rule.you),
                        "{:?} {}: a twin for a sentence that needs none",
                        rule.key,
                        rule.code
                    );
                }
            }
        }
    }

    fn placeholders(s: &str) -> Vec<&str> {
        let mut out: Vec<&str> = s
            .match_indices('{')
            .filter_map(|(i, _)| {
                let rest = s.get(i..)?;
                rest.find('}').and_then(|j| rest.get(..=j))
            })
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    #[test]
    fn every_sentence_fills_the_same_placeholders_in_each_language_and_voice() {
        let known = ["{verb}", "{typed}", "{b64}", "{user}", "{pass}"];
        for rule in RULES {
            let want = placeholders(rule.you.0);
            for s in [
                Some(rule.you.1),
                rule.client.map(|c| c.0),
                rule.client.map(|c| c.1),
            ]
            .into_iter()
            .flatten()
            {
                assert_eq!(placeholders(s), want, "{s}");
            }
            assert!(want.iter().all(|p| known.contains(p)), "{want:?}");
        }
    }

    /// Every sentence of the table is in the module or in one part of the texts files: the
    /// greeting's stays in every build, the parts carry the others, each in its rule's record
    /// (the `texts-file` build finds them there by the rule's position), the session's codes'
    /// in part 1.
    #[cfg(not(feature = "texts-file"))]
    #[test]
    fn every_sentence_is_in_the_module_or_in_the_texts_file() {
        let session = crate::session_codes();
        for lang in Lang::ALL {
            let files = crate::texts_files(lang);
            let [first, rare] = files.each_ref().map(|file| {
                let section = file.split('\u{1d}').nth(2).unwrap();
                section.split('\u{1e}').collect::<Vec<&str>>()
            });
            assert_eq!((first.len(), rare.len()), (RULES.len(), RULES.len()));
            let mut kept = 0;
            for (i, rule) in RULES.iter().enumerate() {
                let in_first = session.contains(&rule.code);
                let (here, other) = if in_first {
                    (first[i], rare[i])
                } else {
                    (rare[i], first[i])
                };
                assert_eq!(other, "", "a sentence is in one part only");
                let twin = rule.client.map(|(en, pt)| lang.pick(en, pt));
                if rule_in_file(rule) {
                    let fields: Vec<&str> = here.split('\u{1f}').collect();
                    assert_eq!(
                        fields,
                        [lang.pick(rule.you.0, rule.you.1), twin.unwrap_or("")]
                    );
                } else {
                    kept += 1;
                    assert_eq!(here, "", "a kept sentence is not in the file twice");
                }
            }
            assert_eq!(kept, 1, "the greeting's sentence only");
        }
    }

    #[test]
    fn one_typo_is_one_edit_or_one_swap() {
        for (word, verb) in [
            ("EHOL", Some(Verb::Ehlo)),
            ("ehlo", None),
            ("HELLO", Some(Verb::Helo)),
            ("EHL", Some(Verb::Ehlo)),
            ("MIAL", Some(Verb::Mail)),
            ("RCTP", Some(Verb::Rcpt)),
            ("QUITT", Some(Verb::Quit)),
            ("STARTTSL", Some(Verb::StartTls)),
            ("DATE", Some(Verb::Data)),
            ("XYZZY", None),
            ("OHLE", None),
            ("EH", None),
        ] {
            let found = if Verb::from_word(word.as_bytes()).is_some() {
                None
            } else {
                near_verb(word)
            };
            assert_eq!(found, verb, "{word}");
        }
    }
}
