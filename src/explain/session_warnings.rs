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
    /// True while `title`, `text` and `count_label` wait for the texts file (empty, and null):
    /// a `texts-file` build before [`crate::load_texts`]. Absent when false.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub pending: bool,
}

/// (en title, en text, en count label, pt title, pt text, pt count label).
type Row = (
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
            "Bare LF after a command",
            "That line ended with a bare LF, not CRLF, which SMTP does not allow. What a server \
             does about it is a setting (Postfix calls it smtpd_forbid_bare_newline): the strict \
             persona refuses the line with 550 and hangs up, as Postfix's \"reject\" does; the \
             lenient and vulnerable personas read the LF as the end of the line, as Postfix \
             does by default. A terminal sends LF: with nc, use nc -C, which sends CR LF.",
            None,
            "LF sozinho depois de um comando",
            "Essa linha terminou com LF sozinho, não com CRLF, e o SMTP não permite isso. O que \
             o servidor faz com ela é uma configuração (no Postfix, smtpd_forbid_bare_newline): o \
             perfil rigoroso recusa a linha com 550 e desliga, como o \"reject\" do Postfix; os \
             perfis tolerante e vulnerável leem o LF como fim de linha, como o Postfix faz por \
             padrão. Um terminal manda LF: no nc, use nc -C, que manda CR LF.",
            None,
        ),
        WarningKind::BareLfInData => (
            "Bare LF inside the message",
            "Some message lines ended with a bare LF, not CRLF. Servers differ here, and SMTP \
             smuggling lives in the difference: the strict persona reads the message to its \
             CR LF . CR LF and then refuses it with 550 (Postfix's \"reject\"); the lenient one \
             stores each bare LF as CR LF and still ends the message only at CR LF . CR LF \
             (Postfix's default, \"normalize\"); the vulnerable one also ends it at a dot line \
             next to a bare LF (Postfix before 3.9).",
            Some("lines"),
            "LF sozinho dentro da mensagem",
            "Algumas linhas da mensagem terminaram com LF sozinho, não com CRLF. Os servidores \
             divergem aqui, e o SMTP smuggling vive dessa diferença: o perfil rigoroso lê a \
             mensagem até o CR LF . CR LF e então a recusa com 550 (o \"reject\" do Postfix); o \
             tolerante guarda cada LF sozinho como CR LF e continua encerrando a mensagem só em \
             CR LF . CR LF (o padrão do Postfix, \"normalize\"); o vulnerável também a encerra \
             numa linha com ponto junto de um LF sozinho (o Postfix antes da 3.9).",
            Some("linhas"),
        ),
        WarningKind::BareCrInData => (
            "Bare CR inside the message",
            "The message held CR bytes that no LF followed. The server kept them as data: no \
             persona here ends a line at a CR alone. Postfix replaces such stray CRs with spaces \
             (cleanup_replace_stray_cr_lf), so that a server further on cannot read them \
             differently.",
            Some("bytes"),
            "CR sozinho dentro da mensagem",
            "A mensagem tinha bytes CR sem um LF depois. O servidor os guardou como dados: nenhum \
             perfil aqui encerra uma linha num CR sozinho. O Postfix troca esses CRs soltos por \
             espaços (cleanup_replace_stray_cr_lf), para que um servidor mais adiante não possa \
             lê-los de outro jeito.",
            Some("bytes"),
        ),
        WarningKind::DiscardedAfterStartTls => (
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
            "Lines longer than 1000 octets",
            "Some message lines were longer than the 1000 octets (CRLF included) a text line may \
             have. This persona took the message anyway, as Postfix does; the strict persona \
             refuses it after the final dot, and some servers or clients on the way would break or cut \
             such lines.",
            Some("lines"),
            "Linhas com mais de 1000 octetos",
            "Algumas linhas da mensagem passavam dos 1000 octetos (com o CRLF) que uma linha de \
             texto pode ter. Este perfil aceitou a mensagem mesmo assim, como o Postfix faz; o \
             perfil rigoroso a recusa depois do ponto final, e servidores ou clientes no caminho \
             poderiam quebrar ou cortar essas linhas.",
            Some("linhas"),
        ),
        WarningKind::LongLocalPart => (
            "Local part over 64 octets",
            "The part before the @ is longer than 64 octets, the size RFC 5321 says every server \
             must accept. This server took it, as Postfix does and as §4.5.3.1 asks (servers \
             should not impose such limits; SRS, VERP and BATV return paths are often longer), \
             but a client should keep to 64: some servers refuse longer ones with 501.",
            Some("octets"),
            "Parte local com mais de 64 octetos",
            "A parte antes do @ tem mais de 64 octetos, o tamanho que a RFC 5321 diz que todo \
             servidor deve aceitar. Este servidor aceitou, como o Postfix faz e como o §4.5.3.1 \
             pede (servidores não deveriam impor esses limites; caminhos de retorno SRS, VERP e \
             BATV costumam ser maiores), mas um cliente deve ficar nos 64: alguns servidores \
             recusam os mais longos com 501.",
            Some("octetos"),
        ),
        WarningKind::NonStandardEndOfData => (
            "Message ended without CRLF . CRLF",
            "The message ended at a dot line with a bare LF before or after it, not at \
             CR LF . CR LF. A server that ends data there (the vulnerable persona, like Postfix \
             before 3.9) can be made to see two messages where the relay before it saw one: the \
             bytes after this end are read as new commands. That is SMTP smuggling.",
            None,
            "Mensagem encerrada sem CRLF . CRLF",
            "A mensagem terminou numa linha com ponto que tem um LF sozinho antes ou depois, e \
             não em CR LF . CR LF. Um servidor que encerra os dados aí (o perfil vulnerável, como \
             o Postfix antes da 3.9) pode ser levado a ver duas mensagens onde o relay antes dele \
             viu uma: os bytes depois desse fim são lidos como comandos novos. Isso é o SMTP \
             smuggling.",
            None,
        ),
    }
}

/// The teaching text for a server warning, in `lang`. A `texts-file` build reads the words from
/// the texts file (no page shows a warning before a command is typed).
pub fn session_warning(kind: WarningKind, lang: Lang) -> SessionWarningText {
    if !cfg!(feature = "texts-file") {
        return built(kind, lang);
    }
    let (severity, rule) = facts(kind);
    let field = |n| crate::texts_file::loaded_field(3, kind as usize, n);
    SessionWarningText {
        kind,
        severity,
        title: field(0).unwrap_or(""),
        text: field(1).unwrap_or(""),
        count_label: field(2).filter(|l| !l.is_empty()),
        rule,
        pending: field(0).is_none(),
    }
}

/// The severity and the rule of a warning: no sentence, every build keeps them.
const fn facts(kind: WarningKind) -> (Severity, &'static str) {
    match kind {
        WarningKind::BareLfInCommand => (Severity::Rule, "RFC 5321 §2.3.8"),
        WarningKind::BareLfInData => (Severity::Rule, "RFC 5321 §2.3.8"),
        WarningKind::BareCrInData => (Severity::Rule, "RFC 5321 §2.3.8"),
        WarningKind::DiscardedAfterStartTls => (Severity::Rule, "RFC 3207 §4.2"),
        WarningKind::AuthWithoutTls => (Severity::Note, "RFC 4954 §4"),
        WarningKind::LongLines => (Severity::Rule, "RFC 5321 §4.5.3.1.6"),
        WarningKind::LongLocalPart => (Severity::Rule, "RFC 5321 §4.5.3.1.1"),
        WarningKind::NonStandardEndOfData => (Severity::Rule, "RFC 5321 §4.1.1.4, CVE-2023-51764"),
    }
}

/// The teaching text as the table holds it (a build with every text; the texts file's writer).
pub(crate) const fn built(kind: WarningKind, lang: Lang) -> SessionWarningText {
    let r = row(kind);
    let (title, text, count_label) = match lang.built() {
        Lang::En => (r.0, r.1, r.2),
        Lang::PtBr => (r.3, r.4, r.5),
    };
    let (severity, rule) = facts(kind);
    SessionWarningText {
        kind,
        severity,
        title,
        text,
        count_label,
        rule,
        pending: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 9: notices raised in one session never contradict each other, and none calls the
    /// strict persona lenient.
    #[test]
    fn notices_do_not_contradict() {
        for lang in [Lang::En, Lang::PtBr] {
            let data = session_warning(WarningKind::BareLfInData, lang).text;
            // Raised right before NonStandardEndOfData on the vulnerable persona.
            assert!(!data.contains("never") && !data.contains("nunca"), "{data}");
            let command = session_warning(WarningKind::BareLfInCommand, lang).text;
            // Raised on every persona, the strict one included.
            for claim in ["let it through", "this persona", "este perfil aceitou"] {
                assert!(!command.contains(claim), "{command}");
            }
        }
    }
}
