//! Two codes side by side. Everything is derived from the codes' facts and texts; the pairs that
//! people actually confuse get one more hand-written note.

use serde::Serialize;

use super::{entry, labels, Entry, Lang};

/// One row of "key differences": an aspect and each code's value for it.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct Difference {
    /// The aspect, e.g. "Class".
    pub aspect: &'static str,
    /// The first code's value.
    pub a: &'static str,
    /// The second code's value.
    pub b: &'static str,
    /// True when both codes share this value.
    pub same: bool,
}

/// Two codes compared.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[cfg_attr(feature = "ts", tsify(missing_as_null))]
#[serde(rename_all = "camelCase")]
pub struct Comparison {
    /// The language of the texts.
    #[serde(rename = "language")]
    pub lang: Lang,
    /// The first code's entry.
    pub a: Entry,
    /// The second code's entry.
    pub b: Entry,
    /// One sentence on what the two classes mean together.
    pub summary: &'static str,
    /// Class, category and next step, side by side.
    pub differences: Vec<Difference>,
    /// Commands that may get either code.
    pub shared_commands: Vec<&'static str>,
    /// The hand-written note, for pairs that people confuse.
    pub note: Option<&'static str>,
    /// True while the pair's hand-written note or its summary waits for the texts file (`note`
    /// is then null, `summary` empty): a `texts-file` build before [`crate::load_texts`]. Absent
    /// when false; the entries say their own.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub pending: bool,
}

/// Compares `a` and `b`; `None` when either code is unknown.
pub fn compare(a: u16, b: u16, lang: Lang) -> Option<Comparison> {
    let sa = entry(a, lang)?;
    let sb = entry(b, lang)?;
    let l = labels(lang);
    let differences = vec![
        Difference {
            aspect: l.class,
            a: sa.class.name,
            b: sb.class.name,
            same: sa.class.digit == sb.class.digit,
        },
        Difference {
            aspect: l.category,
            a: sa.category.name,
            b: sb.category.name,
            same: sa.category.digit == sb.category.digit,
        },
        Difference {
            aspect: l.next,
            a: sa.next,
            b: sb.next,
            same: a == b,
        },
    ];
    let shared_commands = sa
        .produced_by
        .iter()
        .filter(|c| sb.produced_by.contains(c))
        .copied()
        .collect();
    let texts = comparison_texts(a, b, lang);
    Some(Comparison {
        lang,
        summary: texts.summary,
        differences,
        shared_commands,
        note: texts.note,
        pending: texts.pending,
        a: sa,
        b: sb,
    })
}

/// What a [`Comparison`] says beyond the two codes' entries, as its fields hold it: the first
/// load's module has no `compare` and builds the rest from the entries and labels (www/compare.js).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[cfg_attr(feature = "ts", tsify(missing_as_null))]
pub struct ComparisonTexts {
    /// [`Comparison::summary`]: the summary of the two codes' classes, empty while pending.
    pub summary: &'static str,
    /// [`Comparison::note`]: the pair's hand-written note, if it has one and it is loaded.
    pub note: Option<&'static str>,
    /// [`Comparison::pending`]: the note or the summary waits for the texts file. Absent when
    /// false.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub pending: bool,
}

/// The summary and note of comparing codes `a` and `b` (either order), whether the catalogue
/// knows the codes or not: [`compare`] of two known codes holds exactly these.
pub fn comparison_texts(a: u16, b: u16, lang: Lang) -> ComparisonTexts {
    let (note, note_pending) = curated_note(a, b, lang);
    // The class is the first digit (digits::class_of).
    let summary = class_pair((a / 100) as u8, (b / 100) as u8, lang);
    ComparisonTexts {
        summary: summary.unwrap_or(""),
        note,
        pending: note_pending || summary.is_none(),
    }
}

/// The pairs of classes a summary is written for, lower first (the texts files' order).
pub(crate) const CLASS_PAIRS: [(u8, u8); 10] = [
    (2, 2),
    (2, 3),
    (2, 4),
    (2, 5),
    (3, 3),
    (3, 4),
    (3, 5),
    (4, 4),
    (4, 5),
    (5, 5),
];

/// The summary of two classes: the build's, or the loaded texts file's (`None` before it is
/// loaded; a `texts-file` build leaves them to the file, Compare's first use fetches it).
fn class_pair(x: u8, y: u8, lang: Lang) -> Option<&'static str> {
    let pair = if x <= y { (x, y) } else { (y, x) };
    let index = CLASS_PAIRS.iter().position(|p| *p == pair).unwrap_or(9);
    if cfg!(feature = "texts-file") {
        return crate::texts_file::loaded_field(6, index, 0);
    }
    Some(class_pair_built(index, lang))
}

/// The summary of the class pair at `index` of [`CLASS_PAIRS`], as written here.
pub(crate) fn class_pair_built(index: usize, lang: Lang) -> &'static str {
    match CLASS_PAIRS.get(index).copied().unwrap_or((5, 5)) {
        (2, 2) => lang.pick(
            "Both are 2xx: each reports a finished step. They differ in which step it was.",
            "Os dois são 2xx: cada um informa uma etapa concluída. A diferença é qual etapa foi.",
        ),
        (2, 3) => lang.pick(
            "The 2xx reply finishes a step. The 3xx reply accepts the command but waits for more \
             input before anything is done.",
            "A resposta 2xx conclui uma etapa. A resposta 3xx aceita o comando, mas espera mais \
             dados antes de fazer qualquer coisa.",
        ),
        (2, 4) => lang.pick(
            "The 2xx reply is a success. The 4xx reply is a temporary failure: nothing was done, \
             but the same command may work later.",
            "A resposta 2xx é um sucesso. A resposta 4xx é uma falha temporária: nada foi feito, \
             mas o mesmo comando pode funcionar mais tarde.",
        ),
        (2, 5) => lang.pick(
            "The 2xx reply is a success. The 5xx reply is a permanent failure: nothing was done, \
             and the same command will fail again.",
            "A resposta 2xx é um sucesso. A resposta 5xx é uma falha permanente: nada foi feito, \
             e o mesmo comando vai falhar de novo.",
        ),
        (3, 3) => lang.pick(
            "Both are 3xx: in each case the server waits for more input from you.",
            "Os dois são 3xx: nos dois casos o servidor espera mais dados seus.",
        ),
        (3, 4) => lang.pick(
            "The 3xx reply says \"go on, send more\". The 4xx reply is a temporary failure: try \
             again later.",
            "A resposta 3xx diz \"continue, mande mais\". A resposta 4xx é uma falha temporária: \
             tente mais tarde.",
        ),
        (3, 5) => lang.pick(
            "The 3xx reply says \"go on, send more\". The 5xx reply is a permanent failure: \
             change something before you try again.",
            "A resposta 3xx diz \"continue, mande mais\". A resposta 5xx é uma falha permanente: \
             mude algo antes de tentar de novo.",
        ),
        (4, 4) => lang.pick(
            "Both are temporary failures (4xx): nothing was done, and the same command may work \
             later. They differ in the cause.",
            "Os dois são falhas temporárias (4xx): nada foi feito, e o mesmo comando pode \
             funcionar mais tarde. A diferença está na causa.",
        ),
        (4, 5) => lang.pick(
            "Both are failures. The 4xx one is temporary, so retry later; the 5xx one is \
             permanent, so change something first.",
            "Os dois são falhas. A 4xx é temporária, então tente mais tarde; a 5xx é permanente, \
             então mude algo antes.",
        ),
        _ => lang.pick(
            "Both are permanent failures (5xx): repeating the same command will fail again. They \
             differ in what is wrong.",
            "Os dois são falhas permanentes (5xx): repetir o mesmo comando vai falhar de novo. A \
             diferença está no que está errado.",
        ),
    }
}

/// (lower code, higher code, English note, Portuguese note). A `texts-file` build keeps only the
/// first screen's notes; the others come from the texts file.
const CURATED: &[(u16, u16, &str, &str)] = &crate::texts_file::keep_first_notes(
    one_lang!(2 => 3; [
        (
            221,
            421,
            "Some reference pages get this wrong: an unexpected 221 does not mean the server is \
             shutting down or timing out. 221 only ever answers QUIT (RFC 5321 §3.8). When \
             the server closes on its own (shutdown, overload, idle timeout), it sends 421 and may do \
             so in reply to any command (§4.2.3). So: you said goodbye → 221; the server hung up on \
             you → 421, and a mail client retries later.",
            "Algumas páginas de referência erram aqui: um 221 inesperado não quer dizer que o \
             servidor está desligando ou que o tempo esgotou. O 221 só responde ao QUIT (RFC 5321 \
             §3.8). Quando o servidor fecha por conta própria (desligamento, sobrecarga, tempo \
             ocioso esgotado), ele envia 421, e pode fazer isso em resposta a qualquer comando \
             (§4.2.3). Resumindo: você se despediu → 221; o servidor encerrou por conta própria \
             → 421, e um cliente de e-mail tenta de novo mais tarde.",
        ),
        (
            250,
            354,
            "Learners often expect 250 after DATA. The DATA command only opens the door: 354 says \
             \"send the message now\". The message is accepted only when the final \".\" line gets \
             its 250. Until then the client is responsible for the message, and a 4xx/5xx after the \
             \".\" means it was not accepted (RFC 5321 §4.2.5).",
            "Quem está aprendendo costuma esperar um 250 depois do DATA. O comando DATA só abre a \
             porta: o 354 diz \"mande a mensagem agora\". A mensagem só é aceita quando a linha \
             final \".\" recebe o 250. Até lá a responsabilidade é do cliente, e um 4xx/5xx depois \
             do \".\" quer dizer que ela não foi aceita (RFC 5321 §4.2.5).",
        ),
        (
            450,
            550,
            "Same words in the RFC (\"mailbox unavailable\"), different first digit. 450 is \
             temporary: greylisting, a busy mailbox, a rate limit; the sending server keeps the \
             message and tries again. 550 is permanent: no such user, or a policy that will not \
             change; the sender gets a bounce. Servers choose between them; the client only obeys \
             the first digit.",
            "As mesmas palavras na RFC (\"caixa postal indisponível\"), primeiro dígito diferente. O \
             450 é temporário: greylisting, caixa ocupada, limite de taxa; o servidor que envia \
             guarda a mensagem e tenta de novo. O 550 é permanente: usuário inexistente ou uma \
             política que não vai mudar; o remetente recebe uma devolução. Quem escolhe entre os dois \
             é o servidor; o cliente só obedece ao primeiro dígito.",
        ),
        (
            451,
            554,
            "Both can end a message after the final \".\", and in both cases the message was not \
             accepted. The difference is what happens next: after 451 (a local error, temporary) \
             the sending server keeps the message and retries; after 554 (transaction failed, \
             permanent) it gives up and returns a bounce.",
            "Os dois podem vir depois do \".\" final, e nos dois casos a mensagem não foi aceita. A \
             diferença é o que vem depois: após um 451 (erro local, temporário) o servidor que envia \
             guarda a mensagem e tenta de novo; após um 554 (falha na transação, permanente) ele \
             desiste e devolve a mensagem ao remetente.",
        ),
        (
            452,
            552,
            "Both talk about storage. 452 is \"not now\": the disk is short, or you passed the \
             recipient limit of this transaction (RFC 5321 §4.5.3.1.10 asks for 452 there). 552 is \
             \"never like this\": the message is bigger than allowed. Some old servers send 552 for \
             too many recipients; RFC 5321 tells clients to treat that case as temporary anyway.",
            "Os dois falam de armazenamento. O 452 é \"agora não\": falta disco, ou você passou do \
             limite de destinatários desta transação (a RFC 5321 §4.5.3.1.10 pede 452 nesse caso). \
             O 552 é \"assim, nunca\": a mensagem é maior do que o permitido. Alguns servidores \
             antigos enviam 552 para destinatários demais; a RFC 5321 manda o cliente tratar esse \
             caso como temporário mesmo assim.",
        ),
        (
            500,
            501,
            "Look at what was wrong: the command word (500) or what follows it (501). \"EHOL \
             client.example\" gets 500; \"MAIL FROM: alice@example.com\" (no angle brackets) gets \
             501.",
            "Veja o que estava errado: o nome do comando (500) ou o que vem depois dele (501). \
             \"EHOL client.example\" recebe 500; \"MAIL FROM: alice@example.com\" (sem < >) recebe \
             501.",
        ),
        (
            500,
            502,
            "500 means \"I do not know this word\"; 502 means \"I know it, but I do not do it\". In \
             practice the line is blurred: Postfix answers unknown words with 502 5.5.2. The RFC \
             reading is: typo → 500, EXPN on a server that disabled it → 502.",
            "O 500 quer dizer \"não conheço esta palavra\"; o 502, \"conheço, mas não faço\". Na \
             prática a linha é borrada: o Postfix responde a palavras desconhecidas com 502 5.5.2. \
             Pela RFC: erro de digitação → 500; EXPN em um servidor que o desativou → 502.",
        ),
        (
            500,
            503,
            "500 is about the line itself; 503 about its timing. \"DATA\" before any RCPT is a \
             perfectly good command at the wrong moment, so it gets 503, not 500. MailHog answers \
             out-of-order commands with 500, which RFC 5321 does not allow.",
            "O 500 fala da própria linha; o 503, do momento dela. Um \"DATA\" antes de qualquer RCPT \
             é um comando perfeito na hora errada, então recebe 503, e não 500. O MailHog responde \
             500 a comandos fora de ordem, o que a RFC 5321 não permite.",
        ),
        (
            500,
            504,
            "500: the server does not understand the command. 504: it understands it, but one \
             parameter value is not supported, like \"AUTH CRAM-MD5\" on a server without that \
             mechanism.",
            "500: o servidor não entende o comando. 504: ele entende, mas o valor de um parâmetro \
             não é suportado, como \"AUTH CRAM-MD5\" em um servidor sem esse mecanismo.",
        ),
        (
            501,
            502,
            "501 says the command exists but you wrote its arguments wrong; fixing them will help. \
             502 says the command is not implemented; no argument will help.",
            "O 501 diz que o comando existe, mas os argumentos foram escritos errado; corrigi-los \
             resolve. O 502 diz que o comando não é implementado; nenhum argumento vai resolver.",
        ),
        (
            501,
            503,
            "Both leave the state unchanged. 501: fix the arguments and resend. 503: the command was \
             fine; send the step you skipped first (EHLO, MAIL or RCPT).",
            "Os dois deixam o estado como estava. 501: corrija os argumentos e reenvie. 503: o \
             comando estava certo; envie antes a etapa que você pulou (EHLO, MAIL ou RCPT).",
        ),
        (
            501,
            504,
            "501: the argument is malformed. 504: the argument is well-formed but names something \
             the server does not support. \"AUTH\" with no mechanism gets 501; \"AUTH FOO\" gets \
             504.",
            "501: o argumento está malformado. 504: o argumento está bem escrito, mas indica algo \
             que o servidor não suporta. \"AUTH\" sem mecanismo recebe 501; \"AUTH FOO\" recebe 504.",
        ),
        (
            502,
            503,
            "502: never, on this server. 503: not now. go-smtp answers sequence errors with 502; RFC \
             5321 wants 503, because the same command works once the earlier steps are done.",
            "502: nunca, neste servidor. 503: agora não. O go-smtp responde a erros de sequência com \
             502; a RFC 5321 pede 503, porque o mesmo comando funciona depois que as etapas \
             anteriores forem feitas.",
        ),
        (
            502,
            504,
            "502: the whole command is not implemented. 504: the command is, but not with this \
             parameter. Try another value after a 504; drop the command after a 502.",
            "502: o comando inteiro não é implementado. 504: o comando é, mas não com este \
             parâmetro. Depois de um 504, tente outro valor; depois de um 502, desista do comando.",
        ),
        (
            503,
            504,
            "503 is about order, 504 about a parameter value. AUTH during a transaction gets 503; \
             AUTH with an unknown mechanism gets 504.",
            "O 503 fala de ordem; o 504, do valor de um parâmetro. AUTH no meio de uma transação \
             recebe 503; AUTH com um mecanismo desconhecido recebe 504.",
        ),
        (
            530,
            535,
            "530: you have not logged in and the server requires it. 535: you tried to log in and \
             the credentials were wrong. After 530, start AUTH; after 535, fix the user name or \
             password.",
            "530: você não se autenticou e o servidor exige. 535: você tentou se autenticar e as \
             credenciais estavam erradas. Depois de um 530, comece o AUTH; depois de um 535, \
             corrija o usuário ou a senha.",
        ),
        (
            530,
            538,
            "Both send you to STARTTLS in practice, but they answer different commands: 530 answers \
             MAIL, RCPT and the like (\"log in / start TLS first\"); 538 answers AUTH itself (\"not \
             this mechanism over a clear connection\").",
            "Na prática os dois mandam você para o STARTTLS, mas respondem a comandos diferentes: o \
             530 responde a MAIL, RCPT e afins (\"autentique-se / inicie o TLS antes\"); o 538 \
             responde ao próprio AUTH (\"este mecanismo não, em conexão aberta\").",
        ),
        (
            535,
            538,
            "Both answer AUTH. 538 comes before any password check: the connection is not \
             encrypted. 535 comes after the check: the credentials are wrong. Encrypting will not \
             fix a 535.",
            "Os dois respondem ao AUTH. O 538 vem antes de qualquer conferência de senha: a conexão \
             não está criptografada. O 535 vem depois da conferência: as credenciais estão erradas. \
             Criptografar não resolve um 535.",
        ),
        (
            550,
            553,
            "550 is about the mailbox or the permission (no such user, relay denied, policy). 553 \
             is about the address as a name: malformed, not allowed as sender, or non-ASCII without \
             SMTPUTF8. Both are permanent; the fix for 553 is usually to write the address \
             differently.",
            "O 550 fala da caixa postal ou da permissão (usuário inexistente, relay negado, \
             política). O 553 fala do endereço como nome: malformado, não permitido como remetente, \
             ou não ASCII sem SMTPUTF8. Os dois são permanentes; a solução do 553 costuma ser \
             escrever o endereço de outro jeito.",
        ),
        (
            251,
            551,
            "Both say the user is not local and usually name the new address (RFC 5321 §3.4). 251 \
             is a success: the server forwards the message for you. 551 is a refusal: you must send \
             it to the new address yourself.",
            "Os dois dizem que o usuário não é local e costumam informar o novo endereço (RFC 5321 \
             §3.4). O 251 é um sucesso: o servidor encaminha a mensagem por você. O 551 é uma \
             recusa: você mesmo precisa enviá-la para o novo endereço.",
        ),
    ]),
);

/// The pair's hand-written note, and true when it has one that waits for the texts file.
fn curated_note(a: u16, b: u16, lang: Lang) -> (Option<&'static str>, bool) {
    let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
    let Some(c) = CURATED.iter().find(|c| c.0 == lo && c.1 == hi) else {
        return (None, false);
    };
    if !crate::texts_file::lazy_note(lo, hi) {
        return (Some(lang.pick(c.2, c.3)), false);
    }
    match crate::texts_file::loaded_note(lo, hi) {
        Some(note) => (Some(note), false),
        None => (None, true),
    }
}

/// The curated rows as this build keeps them (the texts file's writer reads them).
pub(crate) fn curated_rows() -> &'static [(u16, u16, &'static str, &'static str)] {
    CURATED
}

/// The pairs with a hand-written note, lower code first.
pub fn curated_pairs() -> Vec<(u16, u16)> {
    CURATED.iter().map(|c| (c.0, c.1)).collect()
}
