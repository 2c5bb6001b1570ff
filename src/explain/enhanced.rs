//! Enhanced status codes, `class.subject.detail` (RFC 3463, registry of RFC 5248).
//!
//! The detail's meaning depends only on the subject, not on the class: `X.1.1` is "bad
//! destination mailbox address" whether it comes as 4.1.1 or 5.1.1 (RFC 3463 §3). A detail not
//! in the table falls back to the subject's text.

use serde::Serialize;

use super::Lang;
use smtp_sim_core::reply::EnhancedCode;

/// One part of an enhanced code, explained.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct Part {
    /// The number.
    pub value: u16,
    /// Its name.
    pub name: &'static str,
    /// What it means.
    pub meaning: &'static str,
}

/// An enhanced status code, each part explained.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[cfg_attr(feature = "ts", tsify(missing_as_null))]
pub struct EnhancedEntry {
    /// The code.
    // `text` says the same, as every log writes it.
    #[serde(skip)]
    pub code: EnhancedCode,
    /// The code as written, e.g. `5.1.1`.
    pub text: String,
    /// The class: success, persistent transient failure, permanent failure.
    pub class: Part,
    /// The subject: what area the status is about.
    pub subject: Part,
    /// The detail, when it is one the catalogue knows.
    pub detail: Option<Part>,
    /// True when the detail is in the IANA registry (as far as the catalogue knows it).
    pub registered: bool,
    /// Where the detail is defined (or the subject, when the detail is unknown).
    pub rfc: &'static str,
    /// True while the detail's, the subject's or the class's name and meaning wait for the texts
    /// file (they are then empty): a `texts-file` build before [`crate::load_texts`]. Absent
    /// when false.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub pending: bool,
}

/// One line of the enhanced-code reference.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct EnhancedSummary {
    /// The subject number (the `1` of `X.1.1`).
    pub subject: u16,
    /// The detail number (the last `1` of `X.1.1`).
    pub detail: u16,
    /// The detail's name.
    pub name: &'static str,
    /// What it means.
    pub meaning: &'static str,
    /// Where it is defined.
    pub rfc: &'static str,
    /// True while `name` and `meaning` wait for the texts file (they are then empty). Absent
    /// when false.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub pending: bool,
}

type Row = (&'static str, &'static str, &'static str, &'static str);

// Classes 2, 4, 5 (RFC 3463 §2): (en name, en meaning, pt name, pt meaning).
const CLASS_2: Row = one_row!(0 => 2, 1 => 3; (
    "Success",
    "The action succeeded.",
    "Sucesso",
    "A ação deu certo.",
));
const CLASS_4: Row = one_row!(0 => 2, 1 => 3; (
    "Persistent transient failure",
    "The message is fine, but a temporary condition stopped it. Sending it again later may work.",
    "Falha transitória persistente",
    "A mensagem está correta, mas uma condição temporária a impediu. Reenviar mais tarde pode \
     funcionar.",
));
const CLASS_5: Row = one_row!(0 => 2, 1 => 3; (
    "Permanent failure",
    "Sending the same message again will not work; something has to change first.",
    "Falha permanente",
    "Reenviar a mesma mensagem não vai funcionar; algo precisa mudar antes.",
));

// Subjects 0–7 (RFC 3463 §2 and §3.1–§3.8).
const SUBJECTS: [Row; 8] = one_lang!(0 => 2, 1 => 3; [
    (
        "Other or undefined status",
        "No more specific subject applies.",
        "Status outro ou indefinido",
        "Nenhum tema mais específico se aplica.",
    ),
    (
        "Addressing status",
        "About an address: the sender's or a recipient's.",
        "Status de endereçamento",
        "Sobre um endereço: o do remetente ou o de um destinatário.",
    ),
    (
        "Mailbox status",
        "About the recipient's mailbox: it exists, but is full, disabled or limited.",
        "Status da caixa postal",
        "Sobre a caixa postal do destinatário: ela existe, mas está cheia, desativada ou \
         limitada.",
    ),
    (
        "Mail system status",
        "About the receiving mail system as a whole: storage, size limits, features.",
        "Status do sistema de correio",
        "Sobre o sistema de correio que recebe como um todo: armazenamento, limites de tamanho, \
         recursos.",
    ),
    (
        "Network and routing status",
        "About the network or the route to the destination: DNS, connections, timeouts, loops.",
        "Status de rede e roteamento",
        "Sobre a rede ou o caminho até o destino: DNS, conexões, tempos limite, laços.",
    ),
    (
        "Mail delivery protocol status",
        "About the SMTP dialogue itself: commands, syntax, order, limits of the protocol.",
        "Status do protocolo de entrega",
        "Sobre o próprio diálogo SMTP: comandos, sintaxe, ordem, limites do protocolo.",
    ),
    (
        "Message content or media status",
        "About the message's content or format: encoding, conversion, character sets.",
        "Status do conteúdo ou da mídia da mensagem",
        "Sobre o conteúdo ou o formato da mensagem: codificação, conversão, conjuntos de \
         caracteres.",
    ),
    (
        "Security or policy status",
        "About security and policy: authentication, permissions, spam and sender checks.",
        "Status de segurança ou política",
        "Sobre segurança e política: autenticação, permissões, spam e verificações do remetente.",
    ),
]);

/// (subject, detail, rfc, en name, en meaning, pt name, pt meaning), sorted by (subject, detail).
type Detail = (
    u16,
    u16,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
);

// A `texts-file` build leaves every detail's name and meaning to the texts file: the first screen
// (the greeting) shows no enhanced code.
const DETAILS: &[Detail] = &keep_none(one_lang!(3 => 5, 4 => 6; [
    (0, 0, "RFC 3463 §3.1", "Other undefined status",
     "Nothing more specific to say; 2.0.0 is a plain \"OK\".",
     "Outro status indefinido",
     "Nada mais específico a dizer; 2.0.0 é um simples \"OK\"."),
    (1, 0, "RFC 3463 §3.2", "Other address status",
     "Something about an address; 2.1.0 usually means \"sender accepted\".",
     "Outro status de endereço",
     "Algo sobre um endereço; 2.1.0 costuma significar \"remetente aceito\"."),
    (1, 1, "RFC 3463 §3.2", "Bad destination mailbox address",
     "The part before the @ does not exist at the destination: no such user.",
     "Endereço de caixa postal de destino inválido",
     "A parte antes do @ não existe no destino: usuário inexistente."),
    (1, 2, "RFC 3463 §3.2", "Bad destination system address",
     "The part after the @ is wrong: the domain or host cannot receive this mail.",
     "Endereço de sistema de destino inválido",
     "A parte depois do @ está errada: o domínio ou host não pode receber esta mensagem."),
    (1, 3, "RFC 3463 §3.2", "Bad destination mailbox address syntax",
     "The recipient address is malformed.",
     "Sintaxe inválida no endereço de destino",
     "O endereço do destinatário está malformado."),
    (1, 5, "RFC 3463 §3.2", "Destination address valid",
     "The recipient address is fine; 2.1.5 is the usual \"recipient accepted\".",
     "Endereço de destino válido",
     "O endereço do destinatário está certo; 2.1.5 é o \"destinatário aceito\" de sempre."),
    (1, 6, "RFC 3463 §3.2", "Destination mailbox has moved, no forwarding address",
     "The mailbox used to exist here but has moved, and no new address is known.",
     "A caixa postal mudou, sem endereço de encaminhamento",
     "A caixa postal existia aqui, mas mudou, e não se conhece o novo endereço."),
    (1, 7, "RFC 3463 §3.2", "Bad sender's mailbox address syntax",
     "The sender address (MAIL FROM) is malformed.",
     "Sintaxe inválida no endereço do remetente",
     "O endereço do remetente (MAIL FROM) está malformado."),
    (1, 8, "RFC 3463 §3.2", "Bad sender's system address",
     "The sender's domain does not exist or cannot receive replies, so bounces could not be \
      returned.",
     "Endereço de sistema do remetente inválido",
     "O domínio do remetente não existe ou não pode receber respostas, então as devoluções não \
      teriam para onde voltar."),
    (1, 10, "RFC 7505", "Recipient address has null MX",
     "The recipient's domain publishes a null MX: it accepts no mail.",
     "O endereço do destinatário tem null MX",
     "O domínio do destinatário publica um null MX: ele não aceita e-mails."),
    (2, 0, "RFC 3463 §3.3", "Other or undefined mailbox status",
     "The mailbox exists, but something about it stops delivery.",
     "Status de caixa postal outro ou indefinido",
     "A caixa postal existe, mas algo nela impede a entrega."),
    (2, 1, "RFC 3463 §3.3", "Mailbox disabled, not accepting messages",
     "The mailbox exists but does not take messages now (disabled, or receiving too fast).",
     "Caixa postal desativada, não aceita mensagens",
     "A caixa postal existe, mas não aceita mensagens agora (desativada, ou recebendo rápido \
      demais)."),
    (2, 2, "RFC 3463 §3.3", "Mailbox full",
     "The recipient's mailbox is over its quota.",
     "Caixa postal cheia",
     "A caixa postal do destinatário passou da cota."),
    (2, 3, "RFC 3463 §3.3", "Message length exceeds administrative limit",
     "The message is larger than this mailbox's limit.",
     "Tamanho da mensagem acima do limite administrativo",
     "A mensagem é maior do que o limite desta caixa postal."),
    (3, 0, "RFC 3463 §3.4", "Other or undefined mail system status",
     "The receiving system had a problem; often a temporary internal error.",
     "Status do sistema de correio outro ou indefinido",
     "O sistema que recebe teve um problema; muitas vezes um erro interno temporário."),
    (3, 1, "RFC 3463 §3.4", "Mail system full",
     "The receiving system is out of storage.",
     "Sistema de correio cheio",
     "O sistema que recebe está sem espaço de armazenamento."),
    (3, 2, "RFC 3463 §3.4", "System not accepting network messages",
     "The host is not accepting mail now: shutting down, or not a mail server.",
     "Sistema não está aceitando mensagens da rede",
     "O host não está aceitando e-mails agora: está sendo desligado ou não é um servidor de \
      e-mail."),
    (3, 3, "RFC 3463 §3.4", "System not capable of selected features",
     "The message needs a feature this system does not support.",
     "Sistema sem suporte aos recursos escolhidos",
     "A mensagem precisa de um recurso que este sistema não oferece."),
    (3, 4, "RFC 3463 §3.4", "Message too big for system",
     "The message is larger than the system-wide size limit.",
     "Mensagem grande demais para o sistema",
     "A mensagem é maior do que o limite de tamanho do sistema."),
    (4, 0, "RFC 3463 §3.5", "Other or undefined network or routing status",
     "A network or routing problem without a more specific code.",
     "Status de rede ou roteamento outro ou indefinido",
     "Um problema de rede ou roteamento sem código mais específico."),
    (4, 1, "RFC 3463 §3.5", "No answer from host",
     "The destination host did not answer the connection attempt.",
     "Sem resposta do host",
     "O host de destino não respondeu à tentativa de conexão."),
    (4, 2, "RFC 3463 §3.5", "Bad connection",
     "The connection was made but broke or timed out during the session.",
     "Conexão ruim",
     "A conexão foi feita, mas caiu ou estourou o tempo durante a sessão."),
    (4, 3, "RFC 3463 §3.5", "Directory server failure",
     "A lookup service (such as DNS) failed, so the route could not be found.",
     "Falha no servidor de diretório",
     "Um serviço de consulta (como o DNS) falhou, então não deu para achar o caminho."),
    (4, 4, "RFC 3463 §3.5", "Unable to route",
     "No route to the destination could be found (for example, no MX or A record).",
     "Impossível rotear",
     "Não foi encontrado caminho até o destino (por exemplo, sem registro MX ou A)."),
    (4, 5, "RFC 3463 §3.5", "Mail system congestion",
     "The system is too busy to take the message now.",
     "Congestionamento do sistema de correio",
     "O sistema está ocupado demais para aceitar a mensagem agora."),
    (4, 7, "RFC 3463 §3.5", "Delivery time expired",
     "The message stayed in the queue longer than allowed and was given up.",
     "Tempo de entrega esgotado",
     "A mensagem ficou na fila mais tempo do que o permitido e foi abandonada."),
    (5, 0, "RFC 3463 §3.6", "Other or undefined protocol status",
     "A protocol problem without a more specific code.",
     "Status de protocolo outro ou indefinido",
     "Um problema de protocolo sem código mais específico."),
    (5, 1, "RFC 3463 §3.6", "Invalid command",
     "The command is not valid here: unknown, not implemented, or out of sequence (503 uses \
      5.5.1).",
     "Comando inválido",
     "O comando não é válido aqui: desconhecido, não implementado ou fora de ordem (o 503 usa \
      5.5.1)."),
    (5, 2, "RFC 3463 §3.6", "Syntax error",
     "The command could not be parsed.",
     "Erro de sintaxe",
     "Não foi possível interpretar o comando."),
    (5, 3, "RFC 3463 §3.6", "Too many recipients",
     "More recipients than the server takes in one transaction; send the rest in another.",
     "Destinatários demais",
     "Mais destinatários do que o servidor aceita em uma transação; envie o resto em outra."),
    (5, 4, "RFC 3463 §3.6", "Invalid command arguments",
     "The command is valid, but one of its arguments or parameters is not.",
     "Argumentos de comando inválidos",
     "O comando é válido, mas um dos argumentos ou parâmetros não é."),
    (5, 5, "RFC 3463 §3.6", "Wrong protocol version",
     "The two sides do not speak compatible protocol versions.",
     "Versão de protocolo errada",
     "Os dois lados não falam versões compatíveis do protocolo."),
    (5, 6, "RFC 4954 §4", "Authentication exchange line is too long",
     "An answer line in the AUTH exchange was longer than the server accepts.",
     "Linha da troca de autenticação longa demais",
     "Uma linha de resposta na troca do AUTH ficou maior do que o servidor aceita."),
    (6, 0, "RFC 3463 §3.7", "Other or undefined media error",
     "Something about the message content is not acceptable.",
     "Erro de mídia outro ou indefinido",
     "Algo no conteúdo da mensagem não é aceitável."),
    (6, 3, "RFC 3463 §3.7", "Conversion required but not supported",
     "The message would have to be converted for this destination, and it cannot be.",
     "Conversão necessária, mas não suportada",
     "A mensagem precisaria ser convertida para este destino, e isso não é possível."),
    (6, 7, "RFC 6531", "Non-ASCII addresses not permitted",
     "An address has non-ASCII characters, but SMTPUTF8 is not in use.",
     "Endereços não ASCII não permitidos",
     "Um endereço tem caracteres fora do ASCII, mas o SMTPUTF8 não está em uso."),
    (6, 8, "RFC 6531", "UTF-8 string reply is required, but not permitted by the client",
     "The answer would need UTF-8, but the client did not ask for SMTPUTF8.",
     "Resposta em UTF-8 necessária, mas não permitida pelo cliente",
     "A resposta precisaria de UTF-8, mas o cliente não pediu SMTPUTF8."),
    (7, 0, "RFC 3463 §3.8", "Other or undefined security status",
     "A security or policy matter; 2.7.0 is the usual \"authenticated\", 5.7.0 \
      \"authentication required\".",
     "Status de segurança outro ou indefinido",
     "Uma questão de segurança ou política; 2.7.0 é o \"autenticado\" de sempre, e 5.7.0, \
      \"autenticação obrigatória\"."),
    (7, 1, "RFC 3463 §3.8", "Delivery not authorized, message refused",
     "A policy forbids this: relaying without login, a blocked sender, a spam verdict.",
     "Entrega não autorizada, mensagem recusada",
     "Uma política proíbe isto: relay sem login, remetente bloqueado, mensagem considerada spam."),
    (7, 8, "RFC 4954 §6", "Authentication credentials invalid",
     "The user name or password is wrong.",
     "Credenciais de autenticação inválidas",
     "O usuário ou a senha está errado."),
    (7, 9, "RFC 4954 §6", "Authentication mechanism is too weak",
     "The AUTH mechanism is not strong enough for this server's policy.",
     "Mecanismo de autenticação fraco demais",
     "O mecanismo de AUTH não é forte o bastante para a política deste servidor."),
    (7, 10, "RFC 5248", "Encryption needed",
     "This action needs an encrypted connection.",
     "Criptografia necessária",
     "Esta ação exige uma conexão criptografada."),
    (7, 11, "RFC 4954 §6", "Encryption required for requested authentication mechanism",
     "This AUTH mechanism is offered only after STARTTLS.",
     "Criptografia exigida para o mecanismo de autenticação",
     "Este mecanismo de AUTH só é oferecido depois do STARTTLS."),
    (7, 12, "RFC 4954 §6", "A password transition is needed",
     "Log in once with a plain-text mechanism (over TLS) so the server can update the stored \
      password.",
     "É preciso fazer a transição da senha",
     "Entre uma vez com um mecanismo de texto simples (sobre TLS) para o servidor atualizar a \
      senha guardada."),
    (7, 13, "RFC 5248", "User account disabled",
     "The account exists but is disabled.",
     "Conta de usuário desativada",
     "A conta existe, mas está desativada."),
    (7, 23, "RFC 7372", "SPF validation failed",
     "The sending host is not allowed by the sender domain's SPF record.",
     "Falha na validação SPF",
     "O host que envia não é permitido pelo registro SPF do domínio do remetente."),
    (7, 25, "RFC 7372", "Reverse DNS validation failed",
     "The sending IP address has no matching reverse DNS name.",
     "Falha na validação do DNS reverso",
     "O IP que envia não tem um nome de DNS reverso correspondente."),
    (7, 26, "RFC 7372", "Multiple authentication checks failed",
     "Several sender checks (SPF, DKIM, DMARC) failed together; Gmail uses it for \
      unauthenticated mail.",
     "Várias verificações de autenticação falharam",
     "Várias verificações do remetente (SPF, DKIM, DMARC) falharam juntas; o Gmail o usa para \
      mensagens não autenticadas."),
    (7, 27, "RFC 7505", "Sender address has null MX",
     "The sender's domain publishes a null MX, so it can receive no bounces.",
     "O endereço do remetente tem null MX",
     "O domínio do remetente publica um null MX, então não pode receber devoluções."),
]));

/// The details as this build keeps them: with `texts-file`, no name or meaning (at compile time).
const fn keep_none<const N: usize>(mut rows: [Detail; N]) -> [Detail; N] {
    let mut i = 0;
    while cfg!(feature = "texts-file") && i < N {
        (rows[i].3, rows[i].4, rows[i].5, rows[i].6) = ("", "", "", "");
        i += 1;
    }
    rows
}

/// How many details the table has: the texts file has one record per detail.
pub(crate) const DETAIL_COUNT: usize = DETAILS.len();

/// The enhanced section of a texts file of `lang`: `name US meaning` per detail `here` takes (by
/// subject and detail), the others' records empty.
#[cfg(not(feature = "texts-file"))]
pub(crate) fn details_for_file(
    lang: Lang,
    rs: &str,
    us: &str,
    here: &dyn Fn(u16, u16) -> bool,
) -> String {
    let records: Vec<String> = DETAILS
        .iter()
        .map(|d| match here(d.0, d.1) {
            true => format!("{}{us}{}", lang.pick(d.3, d.5), lang.pick(d.4, d.6)),
            false => String::new(),
        })
        .collect();
    records.join(rs)
}

/// The name and meaning of the detail at `index`, in `lang`: the build's, or the loaded texts
/// file's (`None` before it is loaded).
fn words(index: usize, lang: Lang) -> Option<(&'static str, &'static str)> {
    if !cfg!(feature = "texts-file") {
        let d = &DETAILS[index];
        return Some((lang.pick(d.3, d.5), lang.pick(d.4, d.6)));
    }
    let field = |n| crate::texts_file::loaded_field(4, index, n);
    Some((field(0)?, field(1)?))
}

/// The classes 2, 4, 5 then the subjects 0 to 7, as written (the texts file's order).
const fn written_parts() -> [Row; PART_COUNT] {
    let mut out = [
        CLASS_2,
        CLASS_4,
        CLASS_5,
        SUBJECTS[0],
        SUBJECTS[0],
        SUBJECTS[0],
        SUBJECTS[0],
        SUBJECTS[0],
        SUBJECTS[0],
        SUBJECTS[0],
        SUBJECTS[0],
    ];
    let mut i = 1;
    while i < SUBJECTS.len() {
        out[3 + i] = SUBJECTS[i];
        i += 1;
    }
    out
}

/// How many classes and subjects the texts file has (one record each, in the session's part).
pub(crate) const PART_COUNT: usize = 11;

/// The classes and subjects as this build keeps them: a `texts-file` build leaves their names
/// and meanings to the texts file (at compile time): the first screen shows no enhanced code.
const PARTS: [Row; PART_COUNT] = {
    let mut rows = written_parts();
    let mut i = 0;
    while cfg!(feature = "texts-file") && i < PART_COUNT {
        rows[i] = ("", "", "", "");
        i += 1;
    }
    rows
};

/// The classes' and subjects' section of the texts file of `lang`: `name US meaning` each.
#[cfg(not(feature = "texts-file"))]
pub(crate) fn parts_for_file(lang: Lang, rs: &str, us: &str) -> String {
    let records: Vec<String> = PARTS
        .iter()
        .map(|r| format!("{}{us}{}", lang.pick(r.0, r.2), lang.pick(r.1, r.3)))
        .collect();
    records.join(rs)
}

/// The class or subject at `index` of [`PARTS`], and true while its words wait for the texts
/// file (they are then empty).
fn part(value: u16, index: usize, lang: Lang) -> (Part, bool) {
    let words = if cfg!(feature = "texts-file") {
        let field = |n| crate::texts_file::loaded_field(7, index, n);
        field(0).zip(field(1))
    } else {
        let r = &PARTS[index];
        Some((lang.pick(r.0, r.2), lang.pick(r.1, r.3)))
    };
    let (name, meaning) = words.unwrap_or(("", ""));
    (
        Part {
            value,
            name,
            meaning,
        },
        words.is_none(),
    )
}

fn detail(subject: u16, detail: u16) -> Option<(usize, &'static Detail)> {
    DETAILS
        .binary_search_by_key(&(subject, detail), |d| (d.0, d.1))
        .ok()
        .map(|i| (i, &DETAILS[i]))
}

/// The explanation of `code`; `None` when its class or subject is unknown. An unknown detail
/// falls back to the subject's text, with `detail: None` and `registered: false`.
pub fn enhanced(code: EnhancedCode, lang: Lang) -> Option<EnhancedEntry> {
    let class_index = match code.class {
        2 => 0,
        4 => 1,
        5 => 2,
        _ => return None,
    };
    if usize::from(code.subject) >= SUBJECTS.len() {
        return None;
    }
    let (class, class_pending) = part(u16::from(code.class), class_index, lang);
    let (subject, subject_pending) = part(code.subject, 3 + usize::from(code.subject), lang);
    let d = detail(code.subject, code.detail);
    let w = d.map(|(i, _)| words(i, lang));
    let (name, meaning) = w.flatten().unwrap_or(("", ""));
    Some(EnhancedEntry {
        code,
        text: code.text(),
        class,
        subject,
        detail: d.map(|(_, d)| Part {
            value: d.1,
            name,
            meaning,
        }),
        registered: d.is_some(),
        rfc: d.map_or("RFC 3463 §2", |(_, d)| d.2),
        pending: w == Some(None) || class_pending || subject_pending,
    })
}

/// [`enhanced`] for a code written as text, e.g. `"5.7.1"`.
pub fn enhanced_str(code: &str, lang: Lang) -> Option<EnhancedEntry> {
    enhanced(EnhancedCode::parse(code.trim())?, lang)
}

/// Every detail the catalogue explains, as `X.subject.detail`: the enhanced-code reference.
pub fn all_enhanced(lang: Lang) -> Vec<EnhancedSummary> {
    DETAILS
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let w = words(i, lang);
            let (name, meaning) = w.unwrap_or(("", ""));
            EnhancedSummary {
                subject: d.0,
                detail: d.1,
                name,
                meaning,
                rfc: d.2,
                pending: w.is_none(),
            }
        })
        .collect()
}
