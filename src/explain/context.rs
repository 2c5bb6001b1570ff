//! One sentence that explains a reply after the command that produced it, in the state the
//! session was in: "You sent DATA after at least one accepted recipient, so …".

use serde::Serialize;

use super::{class_of, text, Lang};
use smtp_sim_core::command::Verb;
use smtp_sim_core::reply::Reply;
use smtp_sim_core::sequence::{Closing, Prompt};

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

/// The contextual sentence for a reply.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct ContextNote {
    /// The reply code it explains.
    pub code: u16,
    /// The sentence.
    pub text: &'static str,
    /// False when no sentence fits this command and state, and `text` is the code's generic
    /// description.
    pub specific: bool,
}

use Stage::*;

/// (what it answers (None: anything), code, states before (empty: any), enhanced (subject,
/// detail) or None, en, pt).
type Rule = (
    Option<Prompt>,
    u16,
    &'static [Stage],
    Option<(u16, u16)>,
    &'static str,
    &'static str,
);

const ANY: Option<Prompt> = None;
const CONNECT: Option<Prompt> = Some(Prompt::Connect);
const END_OF_DATA: Option<Prompt> = Some(Prompt::EndOfData);

/// The key for a command with this verb.
const fn cmd(v: Verb) -> Option<Prompt> {
    Some(Prompt::Command(v))
}

/// The key for a 421 the server sends on its own.
const fn closing(why: Closing) -> Option<Prompt> {
    Some(Prompt::Closing(why))
}

const RULES: &[Rule] = &[
    (CONNECT, 220, &[], None,
     "The connection is open and the server greeted you. Introduce yourself with EHLO.",
     "A conexão está aberta e o servidor cumprimentou você. Apresente-se com EHLO."),
    (CONNECT, 554, &[], None,
     "The server refused you as soon as you connected. Only QUIT is useful now.",
     "O servidor recusou você logo na conexão. Agora só o QUIT adianta."),
    (CONNECT, 421, &[], None,
     "The server is busy or shutting down and hung up before the session began. Try again later.",
     "O servidor está ocupado ou sendo desligado e encerrou antes de a sessão começar. Tente mais tarde."),
    (CONNECT, 521, &[], None,
     "This host takes no mail at all. Look for the domain's real mail server.",
     "Este host não recebe e-mail nenhum. Procure o servidor de e-mail de verdade do domínio."),
    (cmd(Verb::Ehlo), 250, &[], None,
     "You said EHLO, so the server answered with its name and, one per line, the extensions it \
      supports. Next: MAIL FROM (or STARTTLS and AUTH first).",
     "Você disse EHLO, então o servidor respondeu com o nome dele e, uma por linha, as extensões \
      que suporta. Próximo passo: MAIL FROM (ou antes STARTTLS e AUTH)."),
    (cmd(Verb::Helo), 250, &[], None,
     "You said HELO, so this is plain SMTP with no extensions. Next: MAIL FROM.",
     "Você disse HELO, então esta é uma sessão SMTP simples, sem extensões. Próximo passo: MAIL FROM."),
    (cmd(Verb::Ehlo), 502, &[], None,
     "This server does not speak ESMTP. Greet it with HELO instead.",
     "Este servidor não fala ESMTP. Cumprimente-o com HELO."),
    (cmd(Verb::Ehlo), 501, &[], None,
     "EHLO needs your host name after it, for example EHLO client.example.com.",
     "O EHLO precisa do nome do seu host depois dele, por exemplo EHLO client.example.com."),
    (cmd(Verb::Helo), 501, &[], None,
     "HELO needs your host name after it, for example HELO client.example.com.",
     "O HELO precisa do nome do seu host depois dele, por exemplo HELO client.example.com."),
    (cmd(Verb::Mail), 250, &[], None,
     "The server accepted the sender, so a mail transaction has begun. Now name the recipients \
      with RCPT TO.",
     "O servidor aceitou o remetente, então uma transação de e-mail começou. Agora informe os \
      destinatários com RCPT TO."),
    (cmd(Verb::Mail), 503, &[Connected], None,
     "You sent MAIL before greeting the server. Send EHLO first.",
     "Você enviou MAIL antes de cumprimentar o servidor. Envie EHLO primeiro."),
    (cmd(Verb::Mail), 503, &[Mail, Rcpt], None,
     "A transaction is already open. Finish it with DATA or drop it with RSET before a new MAIL.",
     "Já existe uma transação aberta. Termine-a com DATA ou descarte-a com RSET antes de um novo MAIL."),
    (cmd(Verb::Mail), 501, &[], None,
     "The server could not read the sender address. Write it as MAIL FROM:<you@example.com>.",
     "O servidor não conseguiu ler o endereço do remetente. Escreva MAIL FROM:<voce@example.com>."),
    (cmd(Verb::Mail), 530, &[], None,
     "This server wants you to log in (or start TLS) before you send mail.",
     "Este servidor quer que você se autentique (ou inicie o TLS) antes de enviar e-mails."),
    (cmd(Verb::Mail), 552, &[], None,
     "The SIZE you announced is more than this server ever accepts.",
     "O SIZE que você anunciou é maior do que este servidor aceita."),
    (cmd(Verb::Mail), 555, &[], None,
     "A parameter after the sender address is not supported here. Send MAIL again without it.",
     "Um parâmetro depois do endereço do remetente não é suportado aqui. Envie o MAIL de novo sem ele."),
    (cmd(Verb::Mail), 553, &[], None,
     "The server will not take this sender address. Use one your account may send as.",
     "O servidor não aceita este endereço de remetente. Use um que a sua conta possa usar."),
    (cmd(Verb::Rcpt), 250, &[Mail], None,
     "The first recipient is accepted. Add more with RCPT TO, or send DATA to start the message.",
     "O primeiro destinatário foi aceito. Acrescente outros com RCPT TO ou envie DATA para começar a mensagem."),
    (cmd(Verb::Rcpt), 250, &[], None,
     "One more recipient accepted. Add more, or send DATA.",
     "Mais um destinatário aceito. Acrescente outros ou envie DATA."),
    (cmd(Verb::Rcpt), 503, &[], None,
     "You named a recipient before the sender. Send MAIL FROM first.",
     "Você informou um destinatário antes do remetente. Envie MAIL FROM primeiro."),
    (cmd(Verb::Rcpt), 452, &[], Some((5, 3)),
     "You reached this server's recipient limit for one message. Send the message now, and the \
      other recipients in a new transaction.",
     "Você chegou ao limite de destinatários por mensagem deste servidor. Envie a mensagem agora \
      e os outros destinatários em uma nova transação."),
    (cmd(Verb::Rcpt), 550, &[], None,
     "The server refused this recipient (unknown user, or relaying not allowed). Recipients \
      already accepted are not affected.",
     "O servidor recusou este destinatário (usuário desconhecido ou relay não permitido). Os \
      destinatários já aceitos não são afetados."),
    (cmd(Verb::Rcpt), 554, &[], None,
     "The server refused this recipient by policy, often because it will not relay for you. \
      Recipients already accepted are not affected.",
     "O servidor recusou este destinatário por política, muitas vezes porque não faz relay para \
      você. Os destinatários já aceitos não são afetados."),
    (cmd(Verb::Rcpt), 450, &[], None,
     "This recipient is refused for now. A mail server would try it again later.",
     "Este destinatário foi recusado por enquanto. Um servidor de e-mail tentaria de novo mais tarde."),
    (cmd(Verb::Rcpt), 501, &[], None,
     "The server could not read the recipient address. Write it as RCPT TO:<friend@example.org>.",
     "O servidor não conseguiu ler o endereço do destinatário. Escreva RCPT TO:<amigo@example.org>."),
    (cmd(Verb::Data), 354, &[], None,
     "You sent DATA after at least one accepted recipient, so the server is ready for the message. \
      End it with a line holding only \".\".",
     "Você enviou DATA depois de pelo menos um destinatário aceito, então o servidor está pronto \
      para a mensagem. Termine-a com uma linha só com \".\"."),
    (cmd(Verb::Data), 503, &[Mail], None,
     "No recipient has been accepted yet, so there is nowhere to deliver. Send RCPT TO first.",
     "Nenhum destinatário foi aceito ainda, então não há para onde entregar. Envie RCPT TO primeiro."),
    (cmd(Verb::Data), 503, &[], None,
     "There is no open transaction. Send MAIL FROM and RCPT TO before DATA.",
     "Não há transação aberta. Envie MAIL FROM e RCPT TO antes do DATA."),
    (cmd(Verb::Data), 554, &[Mail, Rcpt], None,
     "Every recipient was refused, so the server will not take a message.",
     "Todos os destinatários foram recusados, então o servidor não vai aceitar uma mensagem."),
    (END_OF_DATA, 250, &[], None,
     "The server received the whole message and took responsibility for delivering it. You can \
      send another MAIL or QUIT.",
     "O servidor recebeu a mensagem inteira e assumiu a responsabilidade pela entrega. Você pode \
      enviar outro MAIL ou QUIT."),
    (END_OF_DATA, 552, &[], None,
     "The message was bigger than this server accepts, so it was not taken.",
     "A mensagem era maior do que este servidor aceita, então não foi recebida."),
    (END_OF_DATA, 554, &[], None,
     "The server read the message and rejected it (content or policy). It was not taken.",
     "O servidor leu a mensagem e a rejeitou (conteúdo ou política). Ela não foi recebida."),
    (END_OF_DATA, 550, &[], None,
     "The server read the message and refused it by policy. It was not taken.",
     "O servidor leu a mensagem e a recusou por política. Ela não foi recebida."),
    (END_OF_DATA, 451, &[], None,
     "The server failed while storing the message. It was not taken; try again later.",
     "O servidor falhou ao guardar a mensagem. Ela não foi recebida; tente mais tarde."),
    (END_OF_DATA, 452, &[], None,
     "The server ran short of space for the message. It was not taken; try again later.",
     "Faltou espaço no servidor para a mensagem. Ela não foi recebida; tente mais tarde."),
    (cmd(Verb::Bdat), 250, &[], None,
     "The chunk arrived. Send the next BDAT; if this one was LAST, the message is accepted.",
     "O bloco chegou. Envie o próximo BDAT; se este era o LAST, a mensagem foi aceita."),
    (cmd(Verb::Bdat), 503, &[], None,
     "BDAT needs an accepted recipient first, and cannot be mixed with DATA in one message.",
     "O BDAT precisa de um destinatário aceito antes e não pode ser misturado com DATA na mesma mensagem."),
    (cmd(Verb::Rset), 250, &[], None,
     "The transaction was dropped. You are back to just after EHLO.",
     "A transação foi descartada. Você voltou ao ponto logo depois do EHLO."),
    (cmd(Verb::Noop), 250, &[], None,
     "NOOP does nothing; the 250 only shows that the connection is alive.",
     "O NOOP não faz nada; o 250 só mostra que a conexão está viva."),
    (cmd(Verb::Vrfy), 252, &[], None,
     "The server will not say whether this address exists, but will accept mail for it.",
     "O servidor não diz se este endereço existe, mas aceita e-mails para ele."),
    (cmd(Verb::Vrfy), 250, &[], None,
     "The server confirmed that this address exists.",
     "O servidor confirmou que este endereço existe."),
    (cmd(Verb::Vrfy), 550, &[], None,
     "The server says there is no such user here.",
     "O servidor diz que este usuário não existe aqui."),
    (cmd(Verb::Help), 214, &[], None,
     "You asked for help; the text is for you to read, and the session state has not changed.",
     "Você pediu ajuda; o texto é para você ler, e o estado da sessão não mudou."),
    (cmd(Verb::Quit), 221, &[], None,
     "You said QUIT, so the server said goodbye and is closing the connection. The session is over.",
     "Você disse QUIT, então o servidor se despediu e está fechando a conexão. A sessão acabou."),
    (cmd(Verb::StartTls), 220, &[], None,
     "The server is ready for the TLS handshake. After it, send EHLO again: the session starts over.",
     "O servidor está pronto para o handshake TLS. Depois dele, envie EHLO de novo: a sessão recomeça."),
    (cmd(Verb::StartTls), 454, &[], None,
     "TLS cannot start right now. Do not send your password without it; try again later.",
     "O TLS não pode começar agora. Não envie sua senha sem ele; tente mais tarde."),
    (cmd(Verb::StartTls), 503, &[], None,
     "TLS is already active, or STARTTLS came at the wrong moment (it must come before MAIL).",
     "O TLS já está ativo, ou o STARTTLS veio na hora errada (ele deve vir antes do MAIL)."),
    (cmd(Verb::Auth), 334, &[], None,
     "The server wants the next piece of your login, base64-encoded, on a line of its own.",
     "O servidor quer a próxima parte do seu login, em base64, em uma linha só dela."),
    (cmd(Verb::Auth), 235, &[], None,
     "Your login worked. Go on with MAIL FROM.",
     "Seu login funcionou. Siga com MAIL FROM."),
    (cmd(Verb::Auth), 535, &[], None,
     "The user name or password was wrong, so you are not logged in.",
     "O usuário ou a senha estava errado, então você não está autenticado."),
    (cmd(Verb::Auth), 538, &[], None,
     "This login method needs an encrypted connection. Send STARTTLS first.",
     "Este método de login exige uma conexão criptografada. Envie STARTTLS antes."),
    (cmd(Verb::Auth), 504, &[], None,
     "The server does not offer this mechanism. Pick one from the AUTH line of the EHLO reply.",
     "O servidor não oferece este mecanismo. Escolha um da linha AUTH da resposta ao EHLO."),
    (cmd(Verb::Auth), 503, &[], None,
     "You are already logged in, or a mail transaction is open; AUTH is not allowed now.",
     "Você já está autenticado, ou há uma transação aberta; o AUTH não é permitido agora."),
    (cmd(Verb::Auth), 501, &[], None,
     "The AUTH exchange was cancelled, or your answer was not valid base64.",
     "A troca do AUTH foi cancelada, ou sua resposta não era base64 válido."),
    (cmd(Verb::Auth), 454, &[], None,
     "The server could not check your login right now. Try again later.",
     "O servidor não conseguiu conferir seu login agora. Tente mais tarde."),
    (closing(Closing::Timeout), 421, &[], None,
     "You were silent for too long, so the server gave up on the session (RFC 5321 §4.5.3.2). \
      Nothing half-sent was kept; a mail client would connect again later.",
     "Você ficou em silêncio por tempo demais, então o servidor desistiu da sessão (RFC 5321 \
      §4.5.3.2). Nada do que estava pela metade foi guardado; um cliente de e-mail se conectaria de novo mais tarde."),
    (closing(Closing::Shutdown), 421, &[], None,
     "The server is shutting down and closed the session politely first (RFC 5321 §3.8). \
      Nothing was lost that had been accepted with 250; try again later.",
     "O servidor está sendo desligado e encerrou a sessão educadamente antes (RFC 5321 §3.8). \
      Nada que tenha recebido 250 se perdeu; tente mais tarde."),
    (closing(Closing::Busy), 421, &[], None,
     "The server has no room for another session right now, so it said so instead of greeting \
      you. Try again in a moment.",
     "O servidor não tem espaço para mais uma sessão agora, então avisou isso em vez de \
      cumprimentar você. Tente de novo daqui a pouco."),
    (closing(Closing::TooManyErrors), 421, &[], None,
     "That was one bad command too many in a row, so the server closed the session (RFC 5321 \
      §7.8 allows it as a defence). Reset and type the commands carefully; HELP lists them.",
     "Foi um comando errado a mais em sequência, então o servidor encerrou a sessão (a RFC \
      5321 §7.8 permite isso como defesa). Reinicie e digite os comandos com cuidado; HELP lista todos."),
    (closing(Closing::TooManyAuthFailures), 421, &[], None,
     "Too many failed logins, so the server closed the session, as real servers do against \
      password guessing (RFC 4954 §4). The demo account is alice / wonderland.",
     "Logins falhos demais, então o servidor encerrou a sessão, como servidores reais fazem \
      contra quem tenta adivinhar senhas (RFC 4954 §4). A conta de demonstração é alice / wonderland."),
    (ANY, 421, &[], None,
     "The server is closing the connection on its own (timeout, shutdown or too many errors). \
      The session is over; a mail client would try again later.",
     "O servidor está fechando a conexão por conta própria (tempo esgotado, desligamento ou erros \
      demais). A sessão acabou; um cliente de e-mail tentaria de novo mais tarde."),
    (ANY, 500, &[], None,
     "The server could not understand that line as a command. Check the spelling.",
     "O servidor não entendeu essa linha como um comando. Confira a grafia."),
    (ANY, 501, &[], None,
     "The command is known, but its arguments could not be read.",
     "O comando é conhecido, mas os argumentos não puderam ser lidos."),
    (ANY, 502, &[], None,
     "This server does not implement that command. Carry on without it.",
     "Este servidor não implementa esse comando. Siga sem ele."),
    (ANY, 503, &[], None,
     "That command is valid, but not at this point of the session.",
     "Esse comando é válido, mas não neste ponto da sessão."),
    (ANY, 530, &[], None,
     "The server wants you to log in (or start TLS) before this command.",
     "O servidor quer que você se autentique (ou inicie o TLS) antes deste comando."),
];

/// Explains `reply` after `ctx`: a specific sentence when one fits the command, the state and the
/// enhanced code; otherwise the code's generic description (`specific: false`).
pub fn in_context(reply: &Reply, ctx: &Context, lang: Lang) -> ContextNote {
    let code = reply.code;
    // A reply while receiving content answers the end of the data, whatever the last line was.
    let answers = match ctx.stage {
        Some(Stage::Data) if !matches!(ctx.answers, Prompt::Closing(_)) => Prompt::EndOfData,
        _ => ctx.answers,
    };
    let fits = |r: &&Rule| {
        r.1 == code
            && (r.2.is_empty() || ctx.stage.is_some_and(|s| r.2.contains(&s)))
            && r.3.is_none_or(|(s, d)| {
                reply
                    .enhanced
                    .is_some_and(|e| e.subject == s && e.detail == d)
            })
    };
    let found = RULES
        .iter()
        .filter(|r| r.0 == Some(answers))
        .find(fits)
        .or_else(|| RULES.iter().filter(|r| r.0.is_none()).find(fits));
    if let Some(r) = found {
        return ContextNote {
            code,
            text: lang.pick(r.4, r.5),
            specific: true,
        };
    }
    let generic = text(code, lang)
        .map(|t| t.description)
        .or_else(|| class_of(code, lang).map(|c| c.meaning))
        .unwrap_or_else(|| {
            lang.pick(
                "This is not a valid SMTP reply code.",
                "Este não é um código de resposta SMTP válido.",
            )
        });
    ContextNote {
        code,
        text: generic,
        specific: false,
    }
}
