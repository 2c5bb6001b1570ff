//! What the sender should do about a reply: one sentence, chosen from the reply's words (a
//! block list, DMARC, a full mailbox), then its enhanced code (RFC 3463 subjects and details),
//! then its code and the command it answered, then its class.

use serde::Serialize;

use super::formats::Action;
use super::Lang;
use smtp_sim_core::command::Verb;
use smtp_sim_core::reply::EnhancedCode;
use smtp_sim_core::sequence::Prompt;

/// The kind of thing to do.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum AdviceKind {
    /// It worked.
    Nothing,
    /// The server waits for the next step (3yz).
    Waiting,
    /// An address test found the address deliverable.
    Deliverable,
    /// A temporary refusal: the sending server retries.
    RetryLater,
    /// The recipient's mailbox does not exist.
    CheckAddress,
    /// The recipient's domain has no mail server.
    CheckDomain,
    /// The recipient's mailbox is full.
    MailboxFull,
    /// The recipient's mailbox is disabled or has moved.
    MailboxDisabled,
    /// The sender's address is refused.
    SenderAddress,
    /// The message is too big.
    TooBig,
    /// The sending domain fails SPF, DKIM or DMARC.
    AuthenticateDomain,
    /// The user name or password was refused.
    Credentials,
    /// The server wants a login first.
    LoginRequired,
    /// The server will not relay for this sender.
    Relay,
    /// The sending IP address is on a block list or has a poor reputation.
    BlockList,
    /// Too many messages or connections too fast.
    RateLimit,
    /// The sending server's name or reverse DNS is refused.
    HostName,
    /// The receiving server refused to talk at all (at the greeting or the first command).
    ConnectionRefused,
    /// TLS is required first.
    TlsRequired,
    /// The content was refused (spam, a virus, a policy).
    Content,
    /// The message waited too long in a queue.
    Expired,
    /// A mail loop.
    Loop,
    /// A protocol problem between the two servers.
    Protocol,
    /// Refused by a policy the reply explains.
    Policy,
    /// A permanent refusal with nothing more specific to say.
    Permanent,
}

/// What to do, in one sentence.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Advice {
    /// The kind of thing to do.
    pub kind: AdviceKind,
    /// What to do, in the requested language.
    pub text: &'static str,
}

impl AdviceKind {
    /// Every kind, in declaration order.
    pub const ALL: [AdviceKind; 25] = [
        AdviceKind::Nothing,
        AdviceKind::Waiting,
        AdviceKind::Deliverable,
        AdviceKind::RetryLater,
        AdviceKind::CheckAddress,
        AdviceKind::CheckDomain,
        AdviceKind::MailboxFull,
        AdviceKind::MailboxDisabled,
        AdviceKind::SenderAddress,
        AdviceKind::TooBig,
        AdviceKind::AuthenticateDomain,
        AdviceKind::Credentials,
        AdviceKind::LoginRequired,
        AdviceKind::Relay,
        AdviceKind::BlockList,
        AdviceKind::RateLimit,
        AdviceKind::HostName,
        AdviceKind::ConnectionRefused,
        AdviceKind::TlsRequired,
        AdviceKind::Content,
        AdviceKind::Expired,
        AdviceKind::Loop,
        AdviceKind::Protocol,
        AdviceKind::Policy,
        AdviceKind::Permanent,
    ];

    /// The sentence, in `lang`.
    pub const fn text(self, lang: Lang) -> &'static str {
        use AdviceKind::*;
        match self {
            Nothing => lang.pick(
                "Nothing to do: the server accepted it.",
                "Nada a fazer: o servidor aceitou.",
            ),
            Waiting => lang.pick(
                "Nothing is wrong: the server waits for the next step (the message after 354, the \
                 next line of the login after 334).",
                "Nada está errado: o servidor espera o próximo passo (a mensagem depois do 354, a \
                 próxima linha do login depois do 334).",
            ),
            Deliverable => lang.pick(
                "Nothing to do: the address test passed, so mail to this address would be accepted.",
                "Nada a fazer: o teste do endereço passou, então e-mails para ele seriam aceitos.",
            ),
            RetryLater => lang.pick(
                "Wait: this is temporary, and the sending server tries again by itself for a few \
                 days. If it gave up, send the message again later; if it keeps happening, ask the \
                 recipient's postmaster.",
                "Espere: é temporário, e o servidor que envia tenta de novo sozinho por alguns dias. \
                 Se ele desistiu, envie a mensagem de novo mais tarde; se continuar acontecendo, \
                 fale com o postmaster do destinatário.",
            ),
            CheckAddress => lang.pick(
                "Check the recipient's address for typos: this mailbox does not exist there. If the \
                 address is right, the person has to give you a new one; remove it from your lists.",
                "Confira o endereço do destinatário: esta caixa postal não existe lá. Se o endereço \
                 estiver certo, a pessoa precisa passar um novo; tire-o das suas listas.",
            ),
            CheckDomain => lang.pick(
                "Check the domain after the @: it has no mail server that takes mail (a typo, or a \
                 domain that no longer exists or does not accept e-mail).",
                "Confira o domínio depois do @: ele não tem servidor de e-mail que receba mensagens \
                 (um erro de digitação, ou um domínio que não existe mais ou não aceita e-mail).",
            ),
            MailboxFull => lang.pick(
                "The recipient's mailbox is full. Tell them another way, or send again later once \
                 they have made room; a smaller message may also get through.",
                "A caixa postal do destinatário está cheia. Avise por outro meio, ou envie de novo \
                 mais tarde, quando houver espaço; uma mensagem menor também pode passar.",
            ),
            MailboxDisabled => lang.pick(
                "The recipient's mailbox is disabled or has moved. Ask the person for their current \
                 address.",
                "A caixa postal do destinatário está desativada ou mudou. Peça à pessoa o endereço \
                 atual.",
            ),
            SenderAddress => lang.pick(
                "Your sender address (MAIL FROM) is refused: send from an address in a domain that \
                 exists in the DNS and that you are allowed to send as.",
                "O seu endereço de remetente (MAIL FROM) foi recusado: envie de um endereço num \
                 domínio que exista no DNS e que você tenha permissão de usar.",
            ),
            TooBig => lang.pick(
                "The message is too big for this server. Send a smaller one: put large files behind \
                 a link instead of attaching them.",
                "A mensagem é grande demais para este servidor. Envie uma menor: coloque arquivos \
                 grandes num link em vez de anexá-los.",
            ),
            AuthenticateDomain => lang.pick(
                "The receiving server cannot verify that your domain sent this. The domain's \
                 administrator should publish SPF, sign with DKIM and align DMARC for the server \
                 that sends (and forwarders should rewrite the sender).",
                "O servidor que recebe não consegue verificar que o seu domínio enviou isto. O \
                 administrador do domínio deve publicar SPF, assinar com DKIM e alinhar o DMARC \
                 para o servidor que envia (e quem encaminha deve reescrever o remetente).",
            ),
            Credentials => lang.pick(
                "The user name or password was refused. Check them; many providers want an app \
                 password or OAuth instead of the account password.",
                "O usuário ou a senha foram recusados. Confira; muitos provedores pedem uma senha de \
                 aplicativo ou OAuth em vez da senha da conta.",
            ),
            LoginRequired => lang.pick(
                "This server wants you to log in before it takes mail: turn on SMTP \
                 authentication in your mail program (usually on port 587 with STARTTLS).",
                "Este servidor quer que você faça login antes de aceitar e-mails: ative a \
                 autenticação SMTP no seu programa de e-mail (normalmente na porta 587 com \
                 STARTTLS).",
            ),
            Relay => lang.pick(
                "This server does not handle mail for that domain and will not pass it on for you. \
                 Send through your own provider's server, logged in, or check that the recipient's \
                 domain points to the right server.",
                "Este servidor não cuida dos e-mails desse domínio e não vai repassá-los para você. \
                 Envie pelo servidor do seu provedor, com login, ou confira se o domínio do \
                 destinatário aponta para o servidor certo.",
            ),
            BlockList => lang.pick(
                "The sending server's IP address is on a block list or has a poor reputation. Its \
                 administrator should find out why (an open relay, a compromised account, a \
                 dynamic IP), fix it, and ask the listed block list or provider to remove it.",
                "O endereço IP do servidor que envia está numa lista de bloqueio ou tem má \
                 reputação. O administrador dele deve descobrir o motivo (relay aberto, conta \
                 invadida, IP dinâmico), corrigir e pedir a remoção à lista ou ao provedor citado.",
            ),
            RateLimit => lang.pick(
                "Too much mail, too fast, for this server or account. Slow down and spread the \
                 sending out; the sending server retries temporary refusals by itself.",
                "E-mail demais, rápido demais, para este servidor ou conta. Diminua o ritmo e \
                 distribua os envios; o servidor que envia repete sozinho as recusas temporárias.",
            ),
            HostName => lang.pick(
                "The sending server's name is refused: give its IP address a reverse DNS name that \
                 resolves back to it, and have it greet with that name in EHLO.",
                "O nome do servidor que envia foi recusado: dê ao IP dele um nome de DNS reverso que \
                 resolva de volta para ele, e faça-o se apresentar com esse nome no EHLO.",
            ),
            ConnectionRefused => lang.pick(
                "The receiving server refused to talk to the sending server at all. The usual \
                 causes are a block list, a missing reverse DNS name or a policy against the \
                 sender's network: the sending server's administrator should read the reply and \
                 check the IP address's reputation.",
                "O servidor que recebe se recusou a conversar com o servidor que envia. As causas \
                 comuns são uma lista de bloqueio, a falta de DNS reverso ou uma política contra a \
                 rede de quem envia: o administrador do servidor que envia deve ler a resposta e \
                 verificar a reputação do endereço IP.",
            ),
            TlsRequired => lang.pick(
                "This server requires an encrypted connection: the sending server must use \
                 STARTTLS (or implicit TLS) before sending.",
                "Este servidor exige conexão criptografada: o servidor que envia precisa usar \
                 STARTTLS (ou TLS implícito) antes de enviar.",
            ),
            Content => lang.pick(
                "The content was refused (spam filter, virus scanner or content rule). Look at what \
                 the reply blames, change the message or its attachments, and send again.",
                "O conteúdo foi recusado (filtro de spam, antivírus ou regra de conteúdo). Veja o \
                 que a resposta aponta, mude a mensagem ou os anexos e envie de novo.",
            ),
            Expired => lang.pick(
                "The message waited too long in a queue and was given up. Send it again; if the \
                 recipient's server is often unreachable, tell its postmaster.",
                "A mensagem esperou demais numa fila e foi abandonada. Envie de novo; se o servidor \
                 do destinatário costuma ficar inacessível, avise o postmaster dele.",
            ),
            Loop => lang.pick(
                "The message went round in a loop between servers or forwarding rules. Check the \
                 forwarding and aliases of the addresses involved.",
                "A mensagem ficou rodando entre servidores ou regras de encaminhamento. Confira os \
                 encaminhamentos e apelidos dos endereços envolvidos.",
            ),
            Protocol => lang.pick(
                "The two servers did not follow SMTP the same way. Nothing for the person sending \
                 to fix: the sending server's administrator should look at this reply.",
                "Os dois servidores não seguiram o SMTP do mesmo jeito. Nada a corrigir por quem \
                 envia: o administrador do servidor que envia deve ver esta resposta.",
            ),
            Policy => lang.pick(
                "Refused by the receiving side's policy. The reply's text says which rule; fix \
                 that, or ask the recipient to have their postmaster allow your mail.",
                "Recusado pela política de quem recebe. O texto da resposta diz qual regra; corrija \
                 isso, ou peça ao destinatário que o postmaster dele libere os seus e-mails.",
            ),
            Permanent => lang.pick(
                "A permanent refusal: sending the same message again will fail. Read the reply's \
                 text for the reason, change what it names, or contact the recipient another way.",
                "Uma recusa permanente: enviar a mesma mensagem de novo vai falhar. Leia o texto da \
                 resposta para saber o motivo, mude o que ele aponta ou fale com o destinatário por \
                 outro meio.",
            ),
        }
    }
}

type Words = &'static [(&'static [&'static str], AdviceKind)];

/// Words in a reply that name the cause more precisely than its codes, checked in order.
const CAUSES: Words = &[
    (
        &[
            "smtp authentication",
            "authentication required",
            "must authenticate",
            "unauthenticated senders",
        ],
        AdviceKind::LoginRequired,
    ),
    (
        &[
            "rate limit",
            "rate limited",
            "unusual rate",
            "receiving mail at a rate",
            "receiving mail too quickly",
            "too many connections",
            "too many messages",
            "sending quota",
            "unexpected volume",
            "temporarily deferred",
        ],
        AdviceKind::RateLimit,
    ),
    (
        &[
            "relay access denied",
            "relaying denied",
            "relay not permitted",
            "not permitted to relay",
            "not configured to relay",
            "unable to relay",
            "relay through this server",
            "we do not relay",
        ],
        AdviceKind::Relay,
    ),
    (
        &[
            "dmarc",
            "spf",
            "dkim",
            "unauthenticated email",
            "mail is unauthenticated",
            "sender is unauthenticated",
            "authentication level",
        ],
        AdviceKind::AuthenticateDomain,
    ),
    (
        &[
            "username and password not accepted",
            "authentication failed",
            "invalid login",
            "invalid credentials",
            "bad credentials",
        ],
        AdviceKind::Credentials,
    ),
    (&["send as this sender"], AdviceKind::SenderAddress),
    (
        &[
            "protocol violation",
            "improper sequence",
            "line limit exceeded",
            "syntax error",
        ],
        AdviceKind::Protocol,
    ),
    (
        &[
            "tls required",
            "must issue a starttls",
            "encryption required",
        ],
        AdviceKind::TlsRequired,
    ),
    (
        &[
            "mailbox full",
            "mailbox is full",
            "over quota",
            "quota exceeded (mailbox",
            "mailbox for user is full",
            "insufficient storage",
        ],
        AdviceKind::MailboxFull,
    ),
    (
        &[
            "blocked using",
            "block list",
            "blocklist",
            "blacklist",
            "spamhaus",
            " rbl",
            "dnsbl",
            "reputation",
            "banned sending ip",
            "blocked - see",
            "blocked for spamming",
            "ip in prison",
            "permanently deferred",
            "envelope blocked",
            "host network not allowed",
            "weren't sent",
            "not accepted from this ip",
        ],
        AdviceKind::BlockList,
    ),
    (
        &[
            "reverse dns",
            "ptr record",
            "dns ptr",
            "cannot find your hostname",
            "helo command rejected",
            "invalid helo",
        ],
        AdviceKind::HostName,
    ),
    (
        &[
            "message size",
            "too big",
            "too large",
            "size exceeds",
            "exceeds fixed maximum",
        ],
        AdviceKind::TooBig,
    ),
    (
        &[
            "unsolicited",
            "spam",
            "virus",
            "content rejected",
            "content presents",
            "ube,",
            "security policies",
            "anti-spoofing",
        ],
        AdviceKind::Content,
    ),
    (
        &["too many hops", "mail loop", "loop detected"],
        AdviceKind::Loop,
    ),
    (
        &["expired", "too long in the queue", "retry timeout"],
        AdviceKind::Expired,
    ),
    (
        &["sender address rejected", "domain of sender address"],
        AdviceKind::SenderAddress,
    ),
];

/// Words that say the address is wrong; read after the enhanced code, which is more precise
/// (`553 5.1.8 … does not exist` is about the sender).
const ADDRESS: Words = &[
    (
        &[
            "user unknown",
            "unknown user",
            "no such user",
            "does not exist",
            "doesn't exist",
            "recipient not found",
            "recipnotfound",
            "recipientnotfound",
            "invalid recipient",
            "mailbox unavailable",
            "recipient unknown",
            "no mailbox here",
            "illegal user",
            "illegal alias",
            "inactive email address",
            "no longer on server",
            "doesn't have a",
            "user not found",
        ],
        AdviceKind::CheckAddress,
    ),
    (
        &[
            "host unknown",
            "domain not found",
            "host not found",
            "no mx",
            "null mx",
            "does not accept mail",
            "does not accept email",
            "domain is not reachable",
        ],
        AdviceKind::CheckDomain,
    ),
];

/// What the sender should do about a reply with this code, enhanced code and text, answering
/// `answers`.
pub fn advice(
    code: Option<u16>,
    enhanced: Option<EnhancedCode>,
    text: &str,
    answers: Option<Prompt>,
    action: Option<Action>,
    lang: Lang,
) -> Advice {
    let kind = kind(code, enhanced, text, answers, action);
    Advice {
        kind,
        text: kind.text(lang),
    }
}

fn kind(
    code: Option<u16>,
    enhanced: Option<EnhancedCode>,
    text: &str,
    answers: Option<Prompt>,
    action: Option<Action>,
) -> AdviceKind {
    use AdviceKind::*;
    let class = code
        .map(|c| c / 100)
        .or_else(|| enhanced.map(|e| u16::from(e.class)));
    if action == Some(Action::Deliverable) {
        return Deliverable;
    }
    match class {
        Some(2) => return Nothing,
        Some(3) => return Waiting,
        _ => {}
    }
    let lower = text.to_ascii_lowercase();
    let find = |table: Words| {
        table
            .iter()
            .find(|(words, _)| words.iter().any(|w| lower.contains(w)))
            .map(|&(_, k)| k)
    };
    if let Some(k) = find(CAUSES) {
        return k;
    }
    let temporary = class == Some(4) || action == Some(Action::Delayed);
    if let Some(k) = enhanced.and_then(|e| by_detail(e, temporary)) {
        return k;
    }
    if let Some(k) = find(ADDRESS).filter(|_| !temporary) {
        return k;
    }
    if let Some(k) = enhanced.and_then(|e| by_subject(e, temporary)) {
        return k;
    }
    if temporary {
        return RetryLater;
    }
    match (code, answers) {
        (Some(_), Some(Prompt::Connect)) => ConnectionRefused,
        (Some(_), Some(Prompt::Command(Verb::Helo | Verb::Ehlo))) => HostName,
        (Some(535), _) => Credentials,
        (Some(530), _) => LoginRequired,
        (Some(552), Some(Prompt::Command(Verb::Mail))) => TooBig,
        (Some(552), _) => MailboxFull,
        (Some(551), _) => MailboxDisabled,
        (Some(556), _) => CheckDomain,
        (Some(500..=504), _) => Protocol,
        (Some(550 | 553), Some(Prompt::Command(Verb::Rcpt))) => CheckAddress,
        (Some(550 | 553), Some(Prompt::Command(Verb::Mail))) => SenderAddress,

        (Some(554 | 550), Some(Prompt::EndOfData)) => Content,
        _ => Permanent,
    }
}

/// RFC 3463's details (and RFC 4954's, RFC 7372's), where they say what to do.
fn by_detail(e: EnhancedCode, temporary: bool) -> Option<AdviceKind> {
    use AdviceKind::*;
    Some(match (e.subject, e.detail) {
        (1, 1 | 3 | 10) => CheckAddress,
        (1, 6) => MailboxDisabled,
        (1, 2) | (4, 4) => CheckDomain,
        (1, 7 | 8) | (7, 27) => SenderAddress,
        (2, 1) | (7, 13) => MailboxDisabled,
        (2, 2) => MailboxFull,
        (2, 3) | (3, 4) => TooBig,
        (4, 6) => Loop,
        (4, 7) => Expired,
        (7, 8) => Credentials,
        (7, 10 | 11) => TlsRequired,
        (7, 23..=26) => AuthenticateDomain,
        (7, 0 | 1) if !temporary => Policy,
        _ => return None,
    })
}

/// RFC 3463's subjects, when the detail says nothing more.
fn by_subject(e: EnhancedCode, temporary: bool) -> Option<AdviceKind> {
    use AdviceKind::*;
    Some(match e.subject {
        5 => Protocol,
        6 => Content,
        7 if !temporary => Policy,
        _ => return None,
    })
}
