//! What the simulated client's steps say, in every language: the sentence for each rule it
//! follows ([`smtp_sim_core::client::Rule`]), the few words of each conclusion it reaches
//! ([`smtp_sim_core::client::Note`]) and its session-level problems ([`smtp_sim_core::client::ClientError`]).
//!
//! The client emits only these identifiers; the page and the terminal render them here, in the
//! reader's language. Every rule's sentence starts with its source (`Rule::source`) in both
//! languages, so the citation never drifts from the core.

use super::Lang;
use smtp_sim_core::client::{ClientError, Note, Rule};
use smtp_sim_core::sim::FaultSpecError;

/// The rule, with its source first: `RFC 5321 §3.1: wait for the 220 greeting …`.
pub const fn client_rule(rule: Rule, lang: Lang) -> &'static str {
    let (en, pt) = match rule {
        Rule::Greeting => (
            "RFC 5321 §3.1: wait for the 220 greeting before sending anything",
            "RFC 5321 §3.1: esperar a saudação 220 antes de enviar qualquer coisa",
        ),
        Rule::GreetingRefused => (
            "RFC 5321 §3.1: a 554 greeting refuses the connection; the client sends QUIT and waits for the reply",
            "RFC 5321 §3.1: uma saudação 554 recusa a conexão; o cliente envia QUIT e espera a resposta",
        ),
        Rule::ServiceClosing => (
            "RFC 5321 §3.8: 421 means the server is closing the connection; the session ends without QUIT",
            "RFC 5321 §3.8: 421 quer dizer que o servidor está fechando a conexão; a sessão termina sem QUIT",
        ),
        Rule::Ehlo => (
            "RFC 5321 §3.2: a client that supports extensions opens with EHLO",
            "RFC 5321 §3.2: um cliente que entende extensões começa com EHLO",
        ),
        Rule::Helo => (
            "RFC 5321 §4.1.1.1: HELO, the client asked not to use extensions",
            "RFC 5321 §4.1.1.1: HELO, porque o cliente foi configurado para não usar extensões",
        ),
        Rule::HeloFallback => (
            "RFC 5321 §3.2: EHLO was not recognised (500/502); fall back to HELO, without extensions",
            "RFC 5321 §3.2: o EHLO não foi reconhecido (500/502); o cliente recorre ao HELO, sem extensões",
        ),
        Rule::AdvertisedOnly => (
            "RFC 5321 §2.2.2: use only the extensions the EHLO reply lists",
            "RFC 5321 §2.2.2: usar só as extensões listadas na resposta ao EHLO",
        ),
        Rule::StartTls => (
            "RFC 3207 §4: STARTTLS was advertised; ask for TLS before sending the envelope",
            "RFC 3207 §4: o servidor anunciou STARTTLS; o cliente pede TLS antes de enviar o envelope",
        ),
        Rule::StartTlsEhlo => (
            "RFC 3207 §4.2: after the TLS handshake the client forgets what it knew and sends EHLO again (handshake simulated)",
            "RFC 3207 §4.2: depois da negociação TLS o cliente esquece o que sabia e envia EHLO de novo (negociação simulada)",
        ),
        Rule::StartTlsRefused => (
            "RFC 3207 §4: TLS was refused; the client goes on without it (opportunistic TLS)",
            "RFC 3207 §4: o TLS foi recusado; o cliente segue sem ele (TLS oportunista)",
        ),
        Rule::Auth => (
            "RFC 4954 §4: log in with a mechanism the server listed (PLAIN per RFC 4616, else LOGIN)",
            "RFC 4954 §4: autenticar com um mecanismo que o servidor listou (PLAIN, conforme a RFC 4616, ou então LOGIN)",
        ),
        Rule::AuthAccepted => (
            "RFC 4954 §6: 235, authentication succeeded",
            "RFC 4954 §6: 235, a autenticação deu certo",
        ),
        Rule::AuthFailed => (
            "RFC 4954 §6: authentication failed; the transaction cannot go on",
            "RFC 4954 §6: a autenticação falhou; a transação não pode continuar",
        ),
        Rule::AuthCancel => (
            "RFC 4954 §4: an unexpected 334 challenge; the client cancels with \"*\"",
            "RFC 4954 §4: um desafio 334 inesperado; o cliente cancela com \"*\"",
        ),
        Rule::AuthUnavailable => (
            "RFC 4954 §4: credentials were given but the server lists no PLAIN or LOGIN mechanism",
            "RFC 4954 §4: há credenciais, mas o servidor não lista nenhum mecanismo PLAIN ou LOGIN",
        ),
        Rule::Mail => (
            "RFC 5321 §4.1.1.2: MAIL starts the transaction with the reverse-path",
            "RFC 5321 §4.1.1.2: MAIL abre a transação com o endereço de retorno (reverse-path)",
        ),
        Rule::Pipeline => (
            "RFC 2920 §3.1: PIPELINING advertised; MAIL, every RCPT and DATA go as one group, DATA last",
            "RFC 2920 §3.1: PIPELINING anunciado; MAIL, todos os RCPT e o DATA vão num só grupo, com o DATA por último",
        ),
        Rule::Rcpt => (
            "RFC 5321 §4.1.1.3: one RCPT per recipient",
            "RFC 5321 §4.1.1.3: um RCPT para cada destinatário",
        ),
        Rule::RcptAccepted => (
            "RFC 5321 §4.3.2: 250 or 251, the recipient is accepted",
            "RFC 5321 §4.3.2: 250 ou 251, o destinatário foi aceito",
        ),
        Rule::TooManyRecipients => (
            "RFC 5321 §4.5.3.1.10: 452 (or 552) too many recipients; send no more RCPT, deliver to those accepted and retry the rest later",
            "RFC 5321 §4.5.3.1.10: 452 (ou 552), destinatários demais; não mandar mais RCPT, entregar aos que foram aceitos e tentar os outros mais tarde",
        ),
        Rule::RcptTemporary => (
            "RFC 5321 §4.2.1: 4yz, this recipient failed for now; retry it later",
            "RFC 5321 §4.2.1: 4yz, este destinatário falhou por enquanto; tentar de novo mais tarde",
        ),
        Rule::RcptPermanent => (
            "RFC 5321 §4.2.1: 5yz, this recipient failed for good; do not retry it",
            "RFC 5321 §4.2.1: 5yz, este destinatário falhou de vez; não adianta tentar de novo",
        ),
        Rule::MailRefused => (
            "RFC 5321 §4.2.1: MAIL refused, so no recipient can get the message (4yz: retry later; 5yz: failed)",
            "RFC 5321 §4.2.1: MAIL recusado, então nenhum destinatário pode receber a mensagem (4yz: tentar mais tarde; 5yz: falhou)",
        ),
        Rule::NoRecipients => (
            "RFC 5321 §3.3: no recipient was accepted, so DATA is not sent",
            "RFC 5321 §3.3: nenhum destinatário foi aceito, então o DATA não é enviado",
        ),
        Rule::Data => (
            "RFC 5321 §4.1.1.4: at least one recipient accepted; DATA asks to send the content",
            "RFC 5321 §4.1.1.4: pelo menos um destinatário foi aceito; o DATA pede para enviar o conteúdo",
        ),
        Rule::Content => (
            "RFC 5321 §4.5.2: 354, send the content: CRLF line ends, a dot added to every line that starts with one, then the \".\" line",
            "RFC 5321 §4.5.2: 354, enviar o conteúdo: linhas terminadas em CRLF, um ponto a mais em toda linha que começa com ponto e, no fim, a linha \".\"",
        ),
        Rule::EmptyData => (
            "RFC 2920 §3.1: DATA was accepted although no recipient was; send the \".\" line alone to leave data mode",
            "RFC 2920 §3.1: o DATA foi aceito, mas nenhum destinatário foi; enviar só a linha \".\" para sair do modo de dados",
        ),
        Rule::DataRefused => (
            "RFC 5321 §4.3.2: DATA refused; the accepted recipients did not get the message",
            "RFC 5321 §4.3.2: DATA recusado; os destinatários aceitos não receberam a mensagem",
        ),
        Rule::Delivered => (
            "RFC 5321 §4.2.5: 250 after the content; the server has taken responsibility for the message",
            "RFC 5321 §4.2.5: 250 depois do conteúdo; o servidor assumiu a responsabilidade pela mensagem",
        ),
        Rule::NotDelivered => (
            "RFC 5321 §4.2.5: the content was refused (4yz: retry later; 5yz: failed); the client keeps responsibility",
            "RFC 5321 §4.2.5: o conteúdo foi recusado (4yz: tentar mais tarde; 5yz: falhou); a responsabilidade continua com o cliente",
        ),
        Rule::Bdat => (
            "RFC 3030 §2: CHUNKING advertised; BDAT sends exactly n octets, no dot-stuffing, no \".\" line",
            "RFC 3030 §2: CHUNKING anunciado; o BDAT envia exatamente n octetos, sem duplicar pontos e sem a linha \".\"",
        ),
        Rule::BdatRefused => (
            "RFC 3030 §4.2: a BDAT chunk was refused; send no more chunks",
            "RFC 3030 §4.2: um bloco BDAT foi recusado; não enviar mais blocos",
        ),
        Rule::Smtputf8 => (
            "RFC 6531 §3.4: non-ASCII addresses or headers; MAIL carries SMTPUTF8",
            "RFC 6531 §3.4: endereços ou cabeçalhos com caracteres fora do ASCII; o MAIL leva SMTPUTF8",
        ),
        Rule::EightBitMime => (
            "RFC 6152 §3: the content has 8-bit octets; MAIL carries BODY=8BITMIME",
            "RFC 6152 §3: o conteúdo tem octetos de 8 bits; o MAIL leva BODY=8BITMIME",
        ),
        Rule::NeedsExtension => (
            "RFC 6152 §3, RFC 6531 §3.2: the message needs 8BITMIME or SMTPUTF8 and the server does not offer it; the client does not send it",
            "RFC 6152 §3, RFC 6531 §3.2: a mensagem precisa de 8BITMIME ou SMTPUTF8 e o servidor não oferece; o cliente não a envia",
        ),
        Rule::TooLarge => (
            "RFC 1870 §6.1: the message is larger than the server's SIZE; the client does not send it",
            "RFC 1870 §6.1: a mensagem é maior que o SIZE do servidor; o cliente não a envia",
        ),
        Rule::Quit => (
            "RFC 5321 §4.1.1.10: QUIT ends the session (and aborts any open transaction, so no RSET is needed)",
            "RFC 5321 §4.1.1.10: QUIT encerra a sessão (e cancela qualquer transação aberta, por isso o RSET não é necessário)",
        ),
        Rule::QuitReply => (
            "RFC 5321 §4.1.1.10: the reply to QUIT; close the connection",
            "RFC 5321 §4.1.1.10: a resposta ao QUIT; fechar a conexão",
        ),
        Rule::AbandonData => (
            "RFC 5321 §3.8: the session is being abandoned and the server waits for content; closing the connection makes it drop the transaction without delivering",
            "RFC 5321 §3.8: a sessão está sendo abandonada e o servidor espera o conteúdo; fechar a conexão faz o servidor descartar a transação sem entregar nada",
        ),
        Rule::Malformed => (
            "RFC 5321 §4.2: a reply the client cannot read; it gives up and sends QUIT",
            "RFC 5321 §4.2: uma resposta que o cliente não consegue ler; ele desiste e envia QUIT",
        ),
        Rule::Unexpected => (
            "RFC 5321 §4.3.2: this reply code does not fit the command; the client gives up and sends QUIT",
            "RFC 5321 §4.3.2: este código de resposta não combina com o comando; o cliente desiste e envia QUIT",
        ),
        Rule::Unsolicited => (
            "RFC 5321 §4.2: every reply answers one command; this one answers none, so the client gives up",
            "RFC 5321 §4.2: cada resposta responde a um comando; esta não responde a nenhum, então o cliente desiste",
        ),
        Rule::SessionTemporary => (
            "RFC 5321 §4.2.1: 4yz, the session cannot go on now; retry later",
            "RFC 5321 §4.2.1: 4yz, a sessão não pode continuar agora; tentar mais tarde",
        ),
        Rule::SessionPermanent => (
            "RFC 5321 §4.2.1: 5yz, the session cannot go on",
            "RFC 5321 §4.2.1: 5yz, a sessão não pode continuar",
        ),
        Rule::Closed => (
            "RFC 5321 §3.8: the connection closed before the session ended; undelivered recipients are retried later",
            "RFC 5321 §3.8: a conexão caiu antes do fim da sessão; os destinatários que não receberam serão tentados de novo mais tarde",
        ),
        Rule::Timeout => (
            "RFC 5321 §4.5.3.2: no reply in time; the client gives up and retries later",
            "RFC 5321 §4.5.3.2: nenhuma resposta a tempo; o cliente desiste e tenta de novo mais tarde",
        ),
        Rule::BadEnvelope => (
            "RFC 5321 §4.1.2: an address is empty or holds a line break, angle bracket or control character; it is not sent",
            "RFC 5321 §4.1.2: um endereço está vazio ou contém quebra de linha, sinal de < ou > ou caractere de controle; ele não é enviado",
        ),
    };
    lang.pick(en, pt)
}

/// What the client concluded, in a few words: `waiting for the server's greeting`.
pub const fn client_note(note: Note, lang: Lang) -> &'static str {
    let (en, pt) = match note {
        Note::AwaitingGreeting => (
            "waiting for the server's greeting",
            "esperando a saudação do servidor",
        ),
        Note::ConnectionClosed => ("the connection closed", "a conexão caiu"),
        Note::TimedOut => (
            "timed out waiting for a reply",
            "o tempo de espera pela resposta acabou",
        ),
        Note::ServerClosing => (
            "the server is closing the session",
            "o servidor está encerrando a sessão",
        ),
        Note::ClosingMidData => (
            "closing without ending the data",
            "fechando a conexão sem terminar os dados",
        ),
        Note::SessionOver => ("session over", "sessão encerrada"),
        Note::UnexpectedReply => ("unexpected reply code", "código de resposta inesperado"),
        Note::ConnectionRefused => (
            "the server refuses this connection",
            "o servidor recusa esta conexão",
        ),
        Note::ExtensionsRead => (
            "read the extensions the server offers",
            "lidas as extensões que o servidor oferece",
        ),
        Note::TryingHelo => (
            "EHLO not recognised; trying HELO",
            "EHLO não reconhecido; tentando HELO",
        ),
        Note::TlsUp => (
            "TLS is up (simulated); saying EHLO again",
            "TLS ativo (simulado); enviando EHLO de novo",
        ),
        Note::WithoutTls => ("going on without TLS", "seguindo sem TLS"),
        Note::LoggedIn => ("logged in", "autenticado"),
        Note::AuthFailed => ("authentication failed", "a autenticação falhou"),
        Note::NoMoreRecipients => (
            "no more RCPT in this transaction",
            "nenhum RCPT a mais nesta transação",
        ),
        Note::DataRefused => ("DATA refused", "DATA recusado"),
        Note::Delivered => ("message delivered", "mensagem entregue"),
        Note::ChunkRefused => ("chunk refused", "bloco recusado"),
        Note::NoRecipientAccepted => ("no recipient accepted", "nenhum destinatário aceito"),
        Note::CannotLogIn => ("cannot log in", "não dá para autenticar"),
        Note::NoRecipientToSend => (
            "no recipient to send to",
            "nenhum destinatário para quem enviar",
        ),
        Note::MessageNotAcceptable => (
            "the server cannot take this message",
            "o servidor não tem como receber esta mensagem",
        ),
        Note::TooLarge => (
            "the message is too large for this server",
            "a mensagem é grande demais para este servidor",
        ),
        Note::EnvelopePipelined => (
            "sending the envelope as one group",
            "enviando o envelope num só grupo",
        ),
    };
    lang.pick(en, pt)
}

/// A session-level problem, as a short sentence (`the server closed the connection`).
pub fn client_error(error: ClientError, lang: Lang) -> &'static str {
    let (en, pt) = match error {
        ClientError::MalformedReply(e) => return super::reply_problem(e, lang),
        ClientError::UnsolicitedReply => (
            "the server sent a reply nobody asked for",
            "o servidor mandou uma resposta que ninguém pediu",
        ),
        ClientError::UnexpectedReply => (
            "the reply code does not fit the command",
            "o código de resposta não combina com o comando",
        ),
        ClientError::ConnectionClosed => (
            "the server closed the connection",
            "o servidor fechou a conexão",
        ),
        ClientError::Timeout => (
            "the server did not answer in time",
            "o servidor não respondeu a tempo",
        ),
        ClientError::AuthUnavailable => (
            "the server offers no AUTH mechanism the client knows",
            "o servidor não oferece nenhum mecanismo de AUTH que o cliente conheça",
        ),
        ClientError::AuthTooManyChallenges => (
            "the server asked for more AUTH steps than the mechanism has, so the client cancelled",
            "o servidor pediu mais passos de AUTH do que o mecanismo tem, e o cliente cancelou",
        ),
        ClientError::ExtensionMissing => (
            "the message needs an extension the server does not offer",
            "a mensagem precisa de uma extensão que o servidor não oferece",
        ),
        ClientError::MessageTooLarge => (
            "the message is larger than the server accepts",
            "a mensagem é maior do que o servidor aceita",
        ),
        ClientError::BadEnvelope => (
            "the envelope cannot be sent",
            "o envelope não pode ser enviado",
        ),
    };
    lang.pick(en, pt)
}

/// Why a fault description (`COMMAND:CODE[:once|always][:TEXT]`) could not be read.
pub fn fault_spec_error(error: FaultSpecError, lang: Lang) -> &'static str {
    let (en, pt) = match error {
        FaultSpecError::UnknownCommand => (
            "unknown command: use greeting, helo, ehlo, starttls, auth, mail, rcpt, data, end, \
             bdat, rset, noop, quit, vrfy, expn or help",
            "comando desconhecido: use greeting, helo, ehlo, starttls, auth, mail, rcpt, data, \
             end, bdat, rset, noop, quit, vrfy, expn ou help",
        ),
        FaultSpecError::BadCode => (
            "the reply code must be three digits from 200 to 559, the second one 0 to 5 (RFC \
             5321 §4.2)",
            "o código de resposta deve ter três dígitos, de 200 a 559, o segundo de 0 a 5 (RFC \
             5321 §4.2)",
        ),
        FaultSpecError::ControlCharacter => (
            "the reply text may not hold line breaks (CR, LF) or other control characters: a \
             line break would end the reply and send whatever follows as a second one",
            "o texto da resposta não pode ter quebras de linha (CR, LF) nem outros caracteres de \
             controle: uma quebra de linha terminaria a resposta e enviaria o resto como uma \
             segunda",
        ),
        FaultSpecError::TooLong => (
            "the reply text is too long: a reply line holds at most 512 octets, code and line \
             end included (RFC 5321 §4.5.3.1.5)",
            "o texto da resposta é longo demais: uma linha de resposta tem no máximo 512 octetos, \
             contando o código e o fim de linha (RFC 5321 §4.5.3.1.5)",
        ),
    };
    lang.pick(en, pt)
}
