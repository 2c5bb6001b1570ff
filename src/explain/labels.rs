//! Headings and short labels, per language, for whoever renders the catalogue.

use serde::Serialize;

use super::Lang;

/// The headings the page and the terminal show around catalogue texts.
#[derive(Debug, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Labels {
    /// Heading of [`super::Entry::description`].
    pub description: &'static str,
    /// Heading of [`super::Entry::when`].
    pub when: &'static str,
    /// Heading of [`super::Entry::next`].
    pub next: &'static str,
    /// Heading of [`super::Entry::fix`].
    pub fix: &'static str,
    /// Heading of [`super::Entry::confusions`].
    pub confusions: &'static str,
    /// Heading of [`super::Entry::produced_by`].
    pub produced_by: &'static str,
    /// Heading of [`super::Entry::rfc`].
    pub rfc: &'static str,
    /// Heading of [`super::Entry::enhanced`].
    pub enhanced: &'static str,
    /// Heading of [`super::Entry::in_the_wild`].
    pub in_the_wild: &'static str,
    /// The first digit.
    pub class: &'static str,
    /// The second digit.
    pub category: &'static str,
    /// Heading of a comparison's differences.
    pub differences: &'static str,
    /// Heading of a comparison's "when to use which".
    pub when_to_use: &'static str,
    /// Heading of the hand-written note on a confused pair.
    pub note: &'static str,
    /// Commands both codes answer.
    pub shared_commands: &'static str,
    /// Heading of the parsed lines of a pasted reply.
    pub reply_text: &'static str,
    /// Heading of the warnings about a pasted reply.
    pub warnings: &'static str,
    /// Heading of the one-sentence contextual explanation.
    pub in_context: &'static str,
    /// The subject part of an enhanced code.
    pub subject: &'static str,
    /// The detail part of an enhanced code.
    pub detail: &'static str,
    /// Said of an enhanced code that is not in the IANA registry.
    pub unregistered: &'static str,
    /// Shown when a list is empty.
    pub none: &'static str,
    /// Heading of what a pasted text was read as (its layout, who wrote it, what it answered).
    pub read_as: &'static str,
    /// The software or provider that wrote a pasted text.
    pub written_by: &'static str,
    /// The server or provider whose reply a pasted text carries.
    pub reply_from: &'static str,
    /// The recipient a reply is about.
    pub recipient: &'static str,
    /// The command a reply answered.
    pub answers: &'static str,
    /// Heading of what the sender should do.
    pub what_to_do: &'static str,
    /// Heading of the per-recipient summary of a bounce.
    pub recipients: &'static str,
    /// Heading of what was done to read a pasted text.
    pub how_read: &'static str,
    /// An enhanced status code given without a reply code.
    pub status: &'static str,
}

static EN: Labels = Labels {
    description: "Description",
    when: "When you see it",
    next: "What the client does next",
    fix: "How to fix it",
    confusions: "Often confused with",
    produced_by: "Commands that get it",
    rfc: "Defined in",
    enhanced: "Enhanced codes sent with it",
    in_the_wild: "How real servers word it",
    class: "Class",
    category: "Category",
    differences: "Key differences",
    when_to_use: "When to use which",
    note: "Why people mix them up",
    shared_commands: "Both can answer",
    reply_text: "Reply text",
    warnings: "Warnings",
    in_context: "In this session",
    subject: "Subject",
    detail: "Detail",
    unregistered: "not in the IANA registry; only its class and subject are standard",
    none: "none",
    read_as: "Read as",
    written_by: "Written by",
    reply_from: "Reply from",
    recipient: "Recipient",
    answers: "Answers",
    what_to_do: "What to do",
    recipients: "Recipients",
    how_read: "How it was read",
    status: "Enhanced status code",
};

static PT: Labels = Labels {
    description: "Descrição",
    when: "Quando você o vê",
    next: "O que o cliente faz em seguida",
    fix: "Como corrigir",
    confusions: "Costuma ser confundido com",
    produced_by: "Comandos que o recebem",
    rfc: "Definido em",
    enhanced: "Códigos estendidos enviados com ele",
    in_the_wild: "Como servidores reais o escrevem",
    class: "Classe",
    category: "Categoria",
    differences: "Diferenças principais",
    when_to_use: "Quando usar qual",
    note: "Por que as pessoas os confundem",
    shared_commands: "Ambos podem responder a",
    reply_text: "Texto da resposta",
    warnings: "Avisos",
    in_context: "Nesta sessão",
    subject: "Tema (subject)",
    detail: "Detalhe",
    unregistered: "fora do registro da IANA; só a classe e o tema são padronizados",
    none: "nenhum",
    read_as: "Lido como",
    written_by: "Escrito por",
    reply_from: "Resposta de",
    recipient: "Destinatário",
    answers: "Responde a",
    what_to_do: "O que fazer",
    recipients: "Destinatários",
    how_read: "Como foi lido",
    status: "Código de status estendido",
};

/// The labels for `lang`.
pub fn labels(lang: Lang) -> &'static Labels {
    match lang.built() {
        Lang::En => &EN,
        Lang::PtBr => &PT,
    }
}
