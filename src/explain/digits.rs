//! What the first and second digits of a reply code mean (RFC 5321 §4.2.1).

use serde::Serialize;

use super::Lang;

/// One digit of a reply code, explained.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct Digit {
    /// The digit itself.
    pub digit: u8,
    /// How the digit is written in a pattern: `3xx` for a class, `x5z` for a category.
    pub pattern: &'static str,
    /// Its name, e.g. "Positive Intermediate".
    pub name: &'static str,
    /// What it tells the client.
    pub meaning: &'static str,
}

// (pattern, en name, en meaning, pt name, pt meaning), indexed by digit - 2. Each meaning must be
// true of every code in its class: 2yz includes 221 (the server closes), 4yz includes 421 (it
// closes too), 5yz includes 554 and 521 in place of the greeting.
const CLASSES: [(&str, &str, &str, &str, &str); 4] = one_lang!(1 => 3, 2 => 4; [
    (
        "2xx",
        "Positive Completion",
        "The server did what was asked: this step is finished. After most 2xx replies the \
         client sends its next command; after 221 the server closes the connection, as QUIT asked.",
        "Conclusão positiva",
        "O servidor fez o que foi pedido: esta etapa terminou. Depois da maioria das respostas \
         2xx o cliente envia o próximo comando; depois do 221 o servidor fecha a conexão, como o \
         QUIT pediu.",
    ),
    (
        "3xx",
        "Positive Intermediate",
        "The server accepted the command but needs more before the action is complete: the \
         message after 354, the next AUTH answer after 334.",
        "Intermediária positiva",
        "O servidor aceitou o comando, mas precisa de mais dados para concluir a ação: a \
         mensagem depois do 354, a próxima resposta do AUTH depois do 334.",
    ),
    (
        "4xx",
        "Transient Negative Completion",
        "Not done this time, but the cause is temporary: the same request may work later, \
         unchanged. After 421 the server closes the connection, so \"later\" means in a new one.",
        "Conclusão negativa transitória",
        "Não foi feito desta vez, mas a causa é temporária: o mesmo pedido pode funcionar mais \
         tarde, sem mudanças. Depois do 421 o servidor fecha a conexão, então \"mais tarde\" quer \
         dizer em uma nova.",
    ),
    (
        "5xx",
        "Permanent Negative Completion",
        "Not done, and the same request unchanged will fail again. Something must change first: \
         the command, the address, the message or the setup.",
        "Conclusão negativa permanente",
        "Não foi feito, e o mesmo pedido sem mudanças vai falhar de novo. Algo precisa mudar \
         antes: o comando, o endereço, a mensagem ou a configuração.",
    ),
]);

// Indexed by the second digit, 0–5.
const CATEGORIES: [(&str, &str, &str, &str, &str); 6] = one_lang!(1 => 3, 2 => 4; [
    (
        "x0z",
        "Syntax",
        "About the form of the command: syntax errors, and commands that are well-formed but \
         unknown, unsupported or out of place.",
        "Sintaxe",
        "Sobre a forma do comando: erros de sintaxe e comandos bem escritos, mas desconhecidos, \
         não suportados ou fora de lugar.",
    ),
    (
        "x1z",
        "Information",
        "Replies to requests for information, such as status or help.",
        "Informação",
        "Respostas a pedidos de informação, como status ou ajuda.",
    ),
    (
        "x2z",
        "Connections",
        "About the transmission channel itself: opening it, closing it.",
        "Conexões",
        "Sobre o próprio canal de transmissão: abrir e fechar a conexão.",
    ),
    (
        "x3z",
        "Unspecified",
        "Not assigned by RFC 5321. Extensions use it; AUTH (RFC 4954) puts 235, 334, 432, 530, \
         534, 535 and 538 here.",
        "Não especificada",
        "Não definida pela RFC 5321. As extensões a usam; o AUTH (RFC 4954) coloca aqui 235, \
         334, 432, 530, 534, 535 e 538.",
    ),
    (
        "x4z",
        "Unspecified",
        "Not assigned by RFC 5321 and not used by the common extensions.",
        "Não especificada",
        "Não definida pela RFC 5321 e não usada pelas extensões comuns.",
    ),
    (
        "x5z",
        "Mail system",
        "About the receiving mail system and the requested transfer: mailboxes, storage, \
         policy, the message itself.",
        "Sistema de correio",
        "Sobre o sistema de correio que recebe e a transferência pedida: caixas postais, \
         armazenamento, políticas, a própria mensagem.",
    ),
]);

fn build(
    digit: u8,
    row: &(
        &'static str,
        &'static str,
        &'static str,
        &'static str,
        &'static str,
    ),
    lang: Lang,
) -> Digit {
    Digit {
        digit,
        pattern: row.0,
        name: lang.pick(row.1, row.3),
        meaning: lang.pick(row.2, row.4),
    }
}

/// The class (first digit) of `code`; `None` outside 2xx–5xx.
pub fn class_of(code: u16, lang: Lang) -> Option<Digit> {
    let d = (code / 100) as u8;
    let row = CLASSES.get(usize::from(d).checked_sub(2)?)?;
    Some(build(d, row, lang))
}

/// The category (second digit) of `code`; `None` for a second digit above 5.
pub fn category_of(code: u16, lang: Lang) -> Option<Digit> {
    let d = (code / 10 % 10) as u8;
    let row = CATEGORIES.get(usize::from(d))?;
    Some(build(d, row, lang))
}
