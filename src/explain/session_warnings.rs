//! What the server's warnings teach: the things a session does that are not error replies (a bare
//! LF, bytes pipelined after STARTTLS, a password sent in clear), explained for the learner.
//!
//! The server reports them as [`smtp_sim_core::server::Warning`], whose kind is a
//! [`WarningKind`](smtp_sim_core::server::WarningKind); this table holds the teaching text, in
//! every language, so the page and the terminal explain them from one source.

use serde::Serialize;

use super::{Lang, Severity};

use smtp_sim_core::server::WarningKind;

/// A server warning explained, in one language.
#[derive(Clone, Copy, Debug, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[cfg_attr(feature = "ts", tsify(missing_as_null))]
#[serde(rename_all = "camelCase")]
pub struct SessionWarningText {
    /// Which warning.
    pub kind: WarningKind,
    /// A rule the client broke, or a remark.
    pub severity: Severity,
    /// A few words naming it.
    pub title: &'static str,
    /// What happened and why it matters.
    pub text: &'static str,
    /// What the warning's count counts, for the kinds that count something.
    pub count_label: Option<&'static str>,
    /// The rule's source.
    pub rule: &'static str,
}

/// (severity, rule, en title, en text, en count label, pt title, pt text, pt count label).
type Row = (
    Severity,
    &'static str,
    &'static str,
    &'static str,
    Option<&'static str>,
    &'static str,
    &'static str,
    Option<&'static str>,
);

const fn row(kind: WarningKind) -> Row {
    match kind {
        WarningKind::BareLfInCommand => (
            Severity::Rule,
            "RFC 5321 §2.3.8",
            "Bare LF after a command",
            "That line ended with a bare LF, not CRLF. SMTP lines end with CR LF; this persona \
             let it through, as many servers do for people typing into nc. A strict server \
             waits for the CR LF.",
            None,
            "LF sozinho depois de um comando",
            "Essa linha terminou com LF sozinho, não com CRLF. Linhas SMTP terminam com CR LF; \
             este perfil aceitou, como muitos servidores fazem para quem digita no nc. Um \
             servidor rigoroso espera o CR LF.",
            None,
        ),
        WarningKind::BareLfInData => (
            Severity::Rule,
            "RFC 5321 §2.3.8",
            "Bare LF inside the message",
            "Some message lines ended with a bare LF. The server kept them as data: they are \
             part of the message and can never end it. Only CR LF . CR LF ends the data.",
            Some("lines"),
            "LF sozinho dentro da mensagem",
            "Algumas linhas da mensagem terminaram com LF sozinho. O servidor as guardou como \
             dados: fazem parte da mensagem e nunca podem encerrá-la. Só CR LF . CR LF encerra \
             os dados.",
            Some("linhas"),
        ),
        WarningKind::BareCrInData => (
            Severity::Rule,
            "RFC 5321 §2.3.8",
            "Bare CR inside the message",
            "The message held CR bytes that no LF followed. The server kept them as data; a CR \
             on its own ends nothing in SMTP.",
            Some("bytes"),
            "CR sozinho dentro da mensagem",
            "A mensagem tinha bytes CR sem um LF depois. O servidor os guardou como dados; um CR \
             sozinho não encerra nada no SMTP.",
            Some("bytes"),
        ),
        WarningKind::DiscardedAfterStartTls => (
            Severity::Rule,
            "RFC 3207 §4.2",
            "Bytes sent right after STARTTLS",
            "The client sent more bytes after STARTTLS without waiting for the 220. The server \
             threw them away: anything read before the TLS handshake could have been injected \
             by an attacker (CVE-2011-0411), so it must not be carried into the encrypted \
             session.",
            Some("octets"),
            "Bytes enviados logo depois do STARTTLS",
            "O cliente mandou mais bytes depois do STARTTLS sem esperar o 220. O servidor os \
             descartou: o que chega antes da negociação TLS pode ter sido injetado por um \
             atacante (CVE-2011-0411), então não pode passar para a sessão criptografada.",
            Some("octetos"),
        ),
        WarningKind::AuthWithoutTls => (
            Severity::Note,
            "RFC 4954 §4",
            "AUTH without TLS",
            "Authentication on a connection without TLS. Base64 is an encoding, not encryption: \
             anyone watching the network can read the user name and password. Real servers \
             offer AUTH only after STARTTLS.",
            None,
            "AUTH sem TLS",
            "Autenticação numa conexão sem TLS. Base64 é uma codificação, não criptografia: \
             quem observa a rede consegue ler o usuário e a senha. Servidores reais só oferecem \
             AUTH depois do STARTTLS.",
            None,
        ),
        WarningKind::LongLines => (
            Severity::Rule,
            "RFC 5321 §4.5.3.1.6",
            "Lines longer than 1000 octets",
            "Some message lines were longer than the 1000 octets (CRLF included) a text line may \
             have. This persona took the message anyway, as Postfix does; a strict server refuses \
             it after the final dot, and some servers or clients on the way would break or cut \
             such lines.",
            Some("lines"),
            "Linhas com mais de 1000 octetos",
            "Algumas linhas da mensagem passavam dos 1000 octetos (com o CRLF) que uma linha de \
             texto pode ter. Este perfil aceitou a mensagem mesmo assim, como o Postfix faz; um \
             servidor rigoroso a recusa depois do ponto final, e servidores ou clientes no caminho \
             poderiam quebrar ou cortar essas linhas.",
            Some("linhas"),
        ),
        WarningKind::NonStandardEndOfData => (
            Severity::Rule,
            "RFC 5321 §4.1.1.4, CVE-2023-51764",
            "Message ended without CRLF . CRLF",
            "The message ended at a dot line with a bare LF. A strict server waits for \
             CR LF . CR LF. When two servers disagree on where a message ends, an attacker can \
             hide a second, forged message inside the first: that is SMTP smuggling.",
            None,
            "Mensagem encerrada sem CRLF . CRLF",
            "A mensagem terminou numa linha com ponto e LF sozinho. Um servidor rigoroso espera \
             CR LF . CR LF. Quando dois servidores discordam sobre onde a mensagem termina, um \
             atacante consegue esconder uma segunda mensagem, forjada, dentro da primeira: isso \
             é o SMTP smuggling.",
            None,
        ),
    }
}

/// The teaching text for a server warning, in `lang`.
pub const fn session_warning(kind: WarningKind, lang: Lang) -> SessionWarningText {
    let r = row(kind);
    let (title, text, count_label) = match lang {
        Lang::En => (r.2, r.3, r.4),
        Lang::PtBr => (r.5, r.6, r.7),
    };
    SessionWarningText {
        kind,
        severity: r.0,
        title,
        text,
        count_label,
        rule: r.1,
    }
}
