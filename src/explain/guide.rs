//! Where a session stands and what may come next, in words: the stage, the inputs allowed next
//! and a hint, for a learner typing the commands. The facts come from the core
//! ([`State`], [`ServerSession::inputs`](smtp_sim_core::server::ServerSession::inputs)); this
//! module only words them, so an open BDAT chunk reads as one, not as the state around it.

use std::borrow::Cow;

use serde::Serialize;

use super::Lang;
use smtp_sim_core::server::{Input, State};

/// One input allowed next, in words.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct InputWords {
    /// What it is.
    pub input: Input,
    /// How it is shown: the verb or character as it is typed, or words for the others.
    pub text: Cow<'static, str>,
    /// True when `text` is typed as it is (`MAIL`, `*`, `.`), false when it describes what to
    /// type ("a base64 answer").
    pub literal: bool,
}

/// The stage, the inputs allowed next and a hint, in one language.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct Guide {
    /// Where the session stands: "Recipient accepted: more, or DATA", or, while a BDAT chunk
    /// is open, "Receiving a chunk: 3 octets left".
    pub stage: Cow<'static, str>,
    /// What to do next; while a chunk is open, how it ends and the way out.
    pub hint: Cow<'static, str>,
    /// What the server takes next, in the core's order.
    pub allowed: Vec<InputWords>,
}

/// The stage and the hint of each state: (en stage, en hint, pt stage, pt hint).
fn words(state: State) -> (&'static str, &'static str, &'static str, &'static str) {
    match state {
        State::Connected => (
            "Connected: waiting for EHLO",
            "Next: introduce yourself with EHLO and a name for your computer.",
            "Conectado: aguardando EHLO",
            "Próximo passo: apresente-se com EHLO e um nome para o seu computador.",
        ),
        State::Ready => (
            "Greeted: ready for a message",
            "Next: say who the message is from, with MAIL FROM:<address>.",
            "Apresentado: pronto para uma mensagem",
            "Próximo passo: diga de quem é a mensagem, com MAIL FROM:<endereço>.",
        ),
        State::Auth => (
            "Authenticating",
            "Next: send your credentials in base64, or * to give up.",
            "Autenticando",
            "Próximo passo: envie suas credenciais em base64, ou * para desistir.",
        ),
        State::Mail => (
            "Sender accepted: waiting for recipients",
            "Next: name a recipient with RCPT TO:<address>.",
            "Remetente aceito: aguardando destinatários",
            "Próximo passo: indique um destinatário com RCPT TO:<endereço>.",
        ),
        State::Rcpt => (
            "Recipient accepted: more, or DATA",
            "Next: add another recipient, or type DATA to write the message.",
            "Destinatário aceito: mais um, ou DATA",
            "Próximo passo: mais um destinatário, ou DATA para escrever a mensagem.",
        ),
        State::Data => (
            "Writing the message",
            "Headers first, then an empty line, then the text. A line with only . sends it.",
            "Escrevendo a mensagem",
            "Primeiro os cabeçalhos, depois uma linha vazia, depois o texto. Uma linha só com . \
             a envia.",
        ),
        State::Bdat => (
            "Sending chunks (BDAT)",
            "Next: send the next chunk with BDAT, or the last one with BDAT n LAST.",
            "Enviando blocos (BDAT)",
            "Próximo passo: envie o próximo bloco com BDAT, ou o último com BDAT n LAST.",
        ),
        State::Closed => (
            "Closed",
            "The server closed the connection. Reset the session to start again.",
            "Encerrada",
            "O servidor encerrou a conexão. Reinicie a sessão para começar de novo.",
        ),
    }
}

/// How one input is shown in `lang`.
pub fn input_words(input: Input, lang: Lang) -> InputWords {
    let (text, literal): (Cow<'static, str>, bool) = match input {
        Input::Command(v) => (v.as_str().into(), true),
        Input::AuthResponse => (
            lang.pick("a base64 answer", "uma resposta em base64")
                .into(),
            false,
        ),
        Input::AuthCancel => ("*".into(), true),
        Input::MessageLine => (
            lang.pick("message lines", "linhas da mensagem").into(),
            false,
        ),
        Input::EndOfData => (".".into(), true),
        Input::ChunkOctets { left } => (
            super::fill(
                lang.pick("chunk octets ({n} left)", "octetos do bloco (faltam {n})"),
                &[("{n}", &decimal(left))],
            )
            .into(),
            false,
        ),
    };
    InputWords {
        input,
        text,
        literal,
    }
}

/// The stage, the inputs allowed next and a hint for a session in `state` that takes `inputs`
/// next (pass [`ServerSession::inputs`](smtp_sim_core::server::ServerSession::inputs), which
/// knows about an open BDAT chunk). Written for the learner who types the commands.
pub fn guide(state: State, inputs: &[Input], lang: Lang) -> Guide {
    let allowed = inputs.iter().map(|&i| input_words(i, lang)).collect();
    let chunk = inputs.iter().find_map(|i| match i {
        Input::ChunkOctets { left } => Some(*left),
        _ => None,
    });
    let (stage, hint): (Cow<'static, str>, Cow<'static, str>) = match chunk {
        // RFC 3030 §2: the chunk is read to its last octet, whatever the bytes say.
        Some(left) => {
            let n = decimal(left);
            (
                super::fill(
                    lang.pick(
                        "Receiving a chunk: {n} octets left",
                        "Recebendo um bloco: faltam {n} octetos",
                    ),
                    &[("{n}", &n)],
                )
                .into(),
                super::fill(
                    lang.pick(
                    "Everything typed now is message content, DATA and RSET included, until {n} \
                     more octets have arrived (RFC 3030 §2); each Enter adds its line ending (2 \
                     octets for CR LF). Then the server answers. To get out without finishing \
                     the chunk, reset the session.",
                    "Tudo o que for digitado agora é conteúdo da mensagem, DATA e RSET também, \
                     até chegarem mais {n} octetos (RFC 3030 §2); cada Enter soma o fim de linha \
                     (2 octetos com CR LF). Então o servidor responde. Para sair sem terminar o \
                     bloco, reinicie a sessão.",
                    ),
                    &[("{n}", &n)],
                )
                .into(),
            )
        }
        None => {
            let (en_stage, en_hint, pt_stage, pt_hint) = words(state);
            (
                lang.pick(en_stage, pt_stage).into(),
                lang.pick(en_hint, pt_hint).into(),
            )
        }
    };
    Guide {
        stage,
        hint,
        allowed,
    }
}

/// `n` in decimal, without `core::fmt` (smtp_sim_core::push_decimal).
fn decimal(n: u64) -> String {
    let mut s = String::new();
    smtp_sim_core::push_decimal(&mut s, n);
    s
}
