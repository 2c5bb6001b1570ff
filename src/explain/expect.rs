//! What the simulated client waits for at each step, for a learner who plays the server: the
//! reply a well-behaved server sends, and how a given reply fits.
//!
//! Which codes fit is the core's one table ([`smtp_sim_core::sequence`], RFC 5321 §4.3.2), the
//! same the client itself acts on; this module holds only the words.

use serde::Serialize;

use super::Lang;
use smtp_sim_core::client::State;
use smtp_sim_core::command::Verb;
use smtp_sim_core::reply::ReplyError;
pub use smtp_sim_core::sequence::Fit;
use smtp_sim_core::sequence::{replies, Prompt};

/// What the client expects after the command it sent last.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct Expectation {
    /// What the client waits on, by name: `CONNECT` (the greeting), `EHLO`, `MAIL`, …,
    /// `END-OF-DATA` ([`Prompt::name`]).
    // `answers` serialises as this same name.
    #[serde(skip)]
    pub command: &'static str,
    /// What the reply answers.
    pub answers: Prompt,
    /// The codes a well-behaved server uses to let the client go on.
    pub usual: &'static [u16],
    /// The reply a well-behaved server sends here, as a line on the wire (without CRLF).
    pub example: &'static str,
    /// One sentence: what lets the client go on, what refuses.
    pub text: &'static str,
    /// Where the rule is written.
    pub rfc: &'static str,
}

/// A reply judged against the step.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct Judgement {
    /// How it fits.
    pub fit: Fit,
    /// False when the reply is wrong, malformed or unsolicited.
    pub ok: bool,
    /// One sentence saying what this means for the client.
    pub text: &'static str,
}

/// (what the reply answers, example, rfc, en, pt).
type Row = (
    Prompt,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
);

const ROWS: &[Row] = &one_lang!(3 => 4; [
    (
        Prompt::Connect,
        "220 mx.example.test ESMTP ready",
        "RFC 5321 §3.1",
        "The client has just connected and waits for the greeting: 220 says the server is ready; 554 refuses the connection; 421 asks it to come back later.",
        "O cliente acabou de se conectar e espera a saudação: 220 diz que o servidor está pronto; 554 recusa a conexão; 421 pede que volte mais tarde.",
    ),
    (
        Prompt::Command(Verb::Ehlo),
        "250 mx.example.test",
        "RFC 5321 §4.1.1.1",
        "EHLO expects 250: its first line greets the client and any further lines (250-PIPELINING, …) list the extensions, every line but the last with a hyphen after the code; 500 or 502 makes the client fall back to HELO.",
        "EHLO espera 250: a primeira linha cumprimenta o cliente e as demais (250-PIPELINING, …) listam as extensões, todas menos a última com hífen depois do código; 500 ou 502 fazem o cliente recorrer ao HELO.",
    ),
    (
        Prompt::Command(Verb::Helo),
        "250 mx.example.test",
        "RFC 5321 §4.1.1.1",
        "HELO expects 250, without a list of extensions; a 4yz or 5yz ends the session.",
        "HELO espera 250, sem lista de extensões; um 4yz ou 5yz encerra a sessão.",
    ),
    (
        Prompt::Command(Verb::StartTls),
        "220 2.0.0 Ready to start TLS",
        "RFC 3207 §4",
        "STARTTLS expects 220 to begin the TLS handshake; any other reply lets the client go on without TLS.",
        "STARTTLS espera 220 para começar a negociação TLS; qualquer outra resposta faz o cliente seguir sem TLS.",
    ),
    (
        Prompt::Command(Verb::Auth),
        "235 2.7.0 Authentication successful",
        "RFC 4954 §4",
        "AUTH expects 334 with a challenge, or 235 once the login succeeded; 535 rejects the credentials.",
        "AUTH espera 334 com um desafio, ou 235 quando o login deu certo; 535 rejeita as credenciais.",
    ),
    (
        Prompt::Command(Verb::Mail),
        "250 2.1.0 Sender OK",
        "RFC 5321 §4.1.1.2",
        "MAIL expects 250 to accept the sender; a 4yz or 5yz refuses the whole message.",
        "MAIL espera 250 para aceitar o remetente; um 4yz ou 5yz recusa a mensagem inteira.",
    ),
    (
        Prompt::Command(Verb::Rcpt),
        "250 2.1.5 Recipient OK",
        "RFC 5321 §4.1.1.3",
        "RCPT expects 250 (or 251) to accept this recipient; a 4yz means try this one later (450 greylisting, 452 too many recipients), a 5yz means it will never work (550 no such user).",
        "RCPT espera 250 (ou 251) para aceitar este destinatário; um 4yz significa tentar este mais tarde (450 greylisting, 452 destinatários demais), um 5yz significa que nunca vai funcionar (550 usuário inexistente).",
    ),
    (
        Prompt::Command(Verb::Data),
        "354 End data with <CR><LF>.<CR><LF>",
        "RFC 5321 §4.1.1.4",
        "DATA expects 354 to go on (send the message now), or a 4yz or 5yz to refuse; a 2yz does not fit, because the message has not been sent yet.",
        "DATA espera 354 para seguir (envie a mensagem agora), ou um 4yz ou 5yz para recusar; um 2yz não cabe aqui, porque a mensagem ainda não foi enviada.",
    ),
    (
        Prompt::EndOfData,
        "250 2.0.0 Message accepted for delivery",
        "RFC 5321 §4.1.1.4",
        "After the final dot the client expects 250: the server takes responsibility for the message; a 4yz means try again later, a 5yz means it failed.",
        "Depois do ponto final o cliente espera 250: o servidor assume a responsabilidade pela mensagem; um 4yz significa tentar de novo mais tarde, um 5yz significa que falhou.",
    ),
    (
        Prompt::Command(Verb::Bdat),
        "250 2.0.0 Chunk accepted",
        "RFC 3030 §2",
        "Each BDAT chunk expects 250; a 4yz or 5yz refuses the message.",
        "Cada bloco BDAT espera 250; um 4yz ou 5yz recusa a mensagem.",
    ),
    (
        Prompt::Command(Verb::Quit),
        "221 2.0.0 Bye",
        "RFC 5321 §4.1.1.10",
        "QUIT expects 221, after which the server closes the connection; whatever it gets, the client closes too.",
        "QUIT espera 221, e depois o servidor fecha a conexão; receba o que receber, o cliente também fecha.",
    ),
]);

fn row(state: State) -> Option<&'static Row> {
    let prompt = state.prompt()?;
    ROWS.iter().find(|r| r.0 == prompt)
}

/// What the client waits for in `state`; `None` once the session is over.
pub fn expectation(state: State, lang: Lang) -> Option<Expectation> {
    row(state).map(|r| Expectation {
        command: r.0.name(),
        answers: r.0,
        usual: replies(r.0).usual,
        example: r.1,
        text: lang.pick(r.3, r.4),
        rfc: r.2,
    })
}

/// How a reply with `code` fits when the client waits in `state` (the core's [`fit`]).
pub fn judge(state: State, code: u16, lang: Lang) -> Judgement {
    judgement(state.fit(code).unwrap_or(Fit::Unsolicited), lang)
}

/// The sentence for a fit.
pub fn judgement(fit: Fit, lang: Lang) -> Judgement {
    let (en, pt) = match fit {
        Fit::Usual => (
            "That is what a well-behaved server answers here.",
            "É o que um servidor bem-comportado responde aqui.",
        ),
        Fit::Unusual => (
            "The client goes on, because a client acts on the first digit, but this is not the code servers send at this step.",
            "O cliente segue, porque um cliente age pelo primeiro dígito, mas este não é o código que os servidores enviam neste passo.",
        ),
        Fit::Refusal => (
            "A refusal, which this step allows: see how the client reacts.",
            "Uma recusa, que este passo permite: veja como o cliente reage.",
        ),
        Fit::UnlistedRefusal => (
            "A refusal RFC 5321 §4.3.2 does not list for this step; the client takes it as a refusal all the same, by its first digit. See how it reacts.",
            "Uma recusa que a RFC 5321 §4.3.2 não lista para este passo; o cliente a toma como recusa mesmo assim, pelo primeiro dígito. Veja como ele reage.",
        ),
        Fit::Closing => (
            "421 closes the session at any step: the client stops at once, without QUIT, and will retry later.",
            "421 encerra a sessão em qualquer passo: o cliente para na hora, sem QUIT, e tentará de novo mais tarde.",
        ),
        Fit::Wrong => (
            "The first digit does not fit this command, so the client cannot go on: it gives up and says QUIT.",
            "O primeiro dígito não combina com este comando, então o cliente não pode seguir: ele desiste e envia QUIT.",
        ),
        Fit::Malformed => (
            "A reply line is three digits, then a space (or a hyphen when more lines follow), then text, as in “250 OK”. The client cannot read this one, so it gives up and says QUIT.",
            "Uma linha de resposta tem três dígitos, depois um espaço (ou um hífen quando vêm mais linhas) e um texto, como em “250 OK”. O cliente não consegue ler esta, então desiste e envia QUIT.",
        ),
        Fit::Unsolicited => (
            "The client is not waiting for any reply: every reply answers one command, and the session is over.",
            "O cliente não espera nenhuma resposta: cada resposta responde a um comando, e a sessão acabou.",
        ),
    };
    Judgement {
        fit,
        ok: !matches!(fit, Fit::Wrong | Fit::Malformed | Fit::Unsolicited),
        text: lang.pick(en, pt),
    }
}

/// What is wrong with a reply line that could not be read (RFC 5321 §4.2).
pub fn reply_problem(e: ReplyError, lang: Lang) -> &'static str {
    let (en, pt) = match e {
        ReplyError::BadCode => (
            "The line does not start with a three-digit code (first digit 2 to 5, second 0 to 5).",
            "A linha não começa com um código de três dígitos (primeiro dígito de 2 a 5, segundo de 0 a 5).",
        ),
        ReplyError::BadSeparator => (
            "The code is not followed by a space, a hyphen or the end of the line.",
            "O código não é seguido de espaço, hífen ou fim de linha.",
        ),
        ReplyError::CodeChanged => (
            "A continuation line carries a different code from the first line of the reply.",
            "Uma linha de continuação traz um código diferente da primeira linha da resposta.",
        ),
        ReplyError::LineTooLong => (
            "The line is longer than the 512 octets a reply line may have.",
            "A linha passa dos 512 octetos que uma linha de resposta pode ter.",
        ),
        ReplyError::NotUtf8 => (
            "The line is not valid UTF-8.",
            "A linha não é UTF-8 válido.",
        ),
        ReplyError::TooManyLines => (
            "The reply has more lines than a client reads.",
            "A resposta tem mais linhas do que um cliente lê.",
        ),
    };
    lang.pick(en, pt)
}

#[cfg(test)]
mod tests {
    use super::*;
    use smtp_sim_core::client::{ClientConfig, ClientSession, Envelope, EventKind, Note};
    use smtp_sim_core::reply::Reply;

    /// A client driven to `target` by well-behaved replies (no pipelining, one recipient).
    fn client_at(target: State) -> ClientSession {
        let config = ClientConfig {
            pipelining: false,
            ..ClientConfig::default()
        };
        let envelope = Envelope {
            reverse_path: "a@example.test".into(),
            recipients: vec!["b@example.test".into()],
        };
        let mut c = ClientSession::new(config, envelope, b"Subject: x\r\n\r\nhi\r\n");
        for _ in 0..10 {
            c.take_output();
            while c.poll_event().is_some() {}
            if c.state() == target {
                return c;
            }
            let e = expectation(c.state(), Lang::En).expect("a step");
            c.receive(format!("{}\r\n", e.example).as_bytes());
        }
        panic!("never reached {target:?}");
    }

    /// For every step and every first digit, the table agrees with what the client does: a
    /// wrong reply is exactly one the client gives up on as unexpected.
    #[test]
    fn fits_agree_with_the_client() {
        use State::*;
        for state in [Greeting, Ehlo, Mail, Rcpt, Data, Content, Quit] {
            for code in [220, 250, 354, 450, 550, 421] {
                let mut c = client_at(state);
                c.receive_reply(Reply::new(code, None, "x"));
                let mut gave_up = false;
                while let Some(e) = c.poll_event() {
                    gave_up |= e.kind == EventKind::Note(Note::UnexpectedReply);
                }
                let fit = judge(state, code, Lang::En).fit;
                assert_eq!(fit == Fit::Wrong, gave_up, "{state:?} {code}: {fit:?}");
                if code == 421 && state != Quit {
                    assert_eq!(fit, Fit::Closing);
                    assert!(c.is_closed(), "421 ends the session");
                }
            }
        }
    }

    #[test]
    fn usual_and_examples_line_up() {
        for state in State::ALL.into_iter().filter(|s| *s != State::Done) {
            let e = expectation(state, Lang::PtBr).unwrap();
            let code: u16 = e.example.get(..3).unwrap().parse().unwrap();
            assert!(e.usual.contains(&code), "{state:?}");
            assert_eq!(judge(state, code, Lang::En).fit, Fit::Usual);
            assert!(!e.text.is_empty() && e.rfc.starts_with("RFC "));
        }
        assert!(expectation(State::Done, Lang::En).is_none());
        assert_eq!(judge(State::Done, 250, Lang::En).fit, Fit::Unsolicited);
        assert_eq!(judge(State::Data, 250, Lang::En).fit, Fit::Wrong);
        assert_eq!(judge(State::Data, 354, Lang::En).fit, Fit::Usual);
        assert_eq!(judge(State::Greeting, 250, Lang::En).fit, Fit::Unusual);
        assert_eq!(judge(State::Rcpt, 450, Lang::En).fit, Fit::Refusal);
        assert!(!judge(State::Data, 250, Lang::En).ok);
    }
}
