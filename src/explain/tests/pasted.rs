//! The pasted-text explainer on the shapes the issue names, one test each, and every sentence it
//! can say in both languages. The corpus test (`corpus.rs`) checks the same on real texts.

use smtp_sim_core::reply::EnhancedCode;
use smtp_sim_explain::{
    action_text, command_from_text, explain_reply, explain_text, format_text, lookup,
    note_template, Action, AdviceKind, CommandFrom, ExplainError, Format, Lang, Lookup, NoteKind,
    Software, StatusFrom,
};

const EN: Lang = Lang::En;
const PT: Lang = Lang::PtBr;

fn e(class: u8, subject: u16, detail: u16) -> Option<EnhancedCode> {
    Some(EnhancedCode::new(class, subject, detail))
}

#[test]
fn every_sentence_of_the_reader_is_written_in_both_languages() {
    let pairs = AdviceKind::ALL
        .iter()
        .map(|k| (k.text(EN), k.text(PT)))
        .chain(
            NoteKind::ALL
                .iter()
                .map(|k| (note_template(*k, EN), note_template(*k, PT))),
        )
        .chain(
            Format::ALL
                .iter()
                .map(|f| (format_text(*f, EN), format_text(*f, PT))),
        )
        .chain(
            Action::ALL
                .iter()
                .map(|a| (action_text(*a, EN), action_text(*a, PT))),
        )
        .chain(
            CommandFrom::ALL
                .iter()
                .map(|c| (command_from_text(*c, EN), command_from_text(*c, PT))),
        );
    for (en, pt) in pairs {
        assert!(!en.is_empty() && !pt.is_empty());
        assert_ne!(en, pt, "not translated: {en}");
    }
    let (en, pt) = (
        ExplainError::NoCode.description(EN),
        ExplainError::NoCode.description(PT),
    );
    assert_ne!(en, pt);
    assert!(en.contains("5.1.1") && pt.contains("5.1.1"));
}

#[test]
fn a_reply_copied_with_literal_crlf_is_split_and_says_so() {
    // A JavaScript string literal as a validator library printed a Barracuda refusal.
    let pasted = "'554-Service unavailable; Client host [x] blocked using\\r\\n554-Barracuda \
                  Reputation;\\r\\n554 http://www.barracudanetworks.com/reputation/\\r\\n'";
    let t = explain_text(pasted, None, EN).unwrap();
    let r = t.reply.as_ref().unwrap();
    assert_eq!(r.lines.len(), 3);
    assert!(r.warnings.is_empty(), "{:?}", r.warnings);
    assert_eq!(t.remote, Some(Software::Barracuda));
    assert_eq!(t.advice.kind, AdviceKind::BlockList);
    let n = t
        .notes
        .iter()
        .find(|n| n.kind == NoteKind::LiteralCrlf)
        .unwrap();
    assert_eq!(
        n.text,
        "Split at 3 literal \\r\\n (backslash, r, backslash, n), read as line breaks."
    );
    let pt = explain_text(pasted, None, PT).unwrap();
    assert!(pt.notes[0]
        .text
        .starts_with("Dividido em 3 \\r\\n literais"));
    // The same reply pasted with real line ends reads the same, without the note.
    let real = explain_text(&pasted.replace("\\r\\n", "\n"), None, EN).unwrap();
    assert_eq!((real.code, real.reply.unwrap().lines.len()), (Some(554), 3));
    assert!(real.notes.is_empty());
}

#[test]
fn exim_names_the_command_and_the_host() {
    let pasted = "  kijitora@example.jp\n    SMTP error from remote mail server after RCPT \
                  TO:<kijitora@example.jp>:\n    host mx.example.jp [192.0.2.153]: 550 5.1.1 \
                  <kijitora@example.jp>... User Unknown";
    let t = explain_text(pasted, None, EN).unwrap();
    assert_eq!(t.format, Format::Exim);
    assert_eq!(t.writer, Some(Software::Exim));
    assert_eq!((t.code, t.enhanced), (Some(550), e(5, 1, 1)));
    assert_eq!(t.answers, Some("RCPT"));
    assert_eq!(t.command_from, Some(CommandFrom::Stated));
    assert_eq!(t.remote_host.as_deref(), Some("mx.example.jp"));
    // "<address>... User Unknown" is Sendmail's way of wording it.
    assert_eq!(t.remote, Some(Software::Sendmail));
    assert_eq!(t.recipient.as_deref(), Some("kijitora@example.jp"));
    assert_eq!(t.advice.kind, AdviceKind::CheckAddress);
    // Exim's log writes a multi-line reply with a literal \n between the lines.
    let log = "2024-01-01 10:00:00 1abcde-000000-00 ** a@b.example R=r T=t H=mx.b.example \
               [192.0.2.1]: SMTP error from remote mail server after end of data: \
               550-first\\n550 second";
    let t = explain_text(log, None, EN).unwrap();
    assert_eq!(t.answers, Some("END-OF-DATA"));
    assert_eq!(t.action, Some(Action::Failed));
    assert_eq!(t.reply.unwrap().lines, ["first", "second"]);
}

#[test]
fn exchange_lines_and_the_meaning_of_5_1_10() {
    let t = explain_text(
        "Remote Server returned '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not \
         found by SMTP address lookup'",
        None,
        EN,
    )
    .unwrap();
    assert_eq!((t.code, t.enhanced), (Some(550), e(5, 1, 10)));
    assert_eq!(t.writer, Some(Software::Exchange));
    assert_eq!(t.answers, Some("RCPT"));
    assert_eq!(t.command_from, Some(CommandFrom::Wording));
    assert!(t
        .notes
        .iter()
        .any(|n| n.kind == NoteKind::MicrosoftRecipientNotFound));
    let t = explain_text("#550 4.4.7 QUEUE.Expired; message expired ##", None, EN).unwrap();
    assert_eq!((t.code, t.enhanced), (Some(550), e(4, 4, 7)));
    assert_eq!(t.advice.kind, AdviceKind::Expired);
    // The classes disagree on purpose in Exchange's expiry; the checks still say so.
    let warnings = t.reply.unwrap().warnings;
    assert!(warnings.iter().any(|w| w.text.contains("class")));
}

#[test]
fn delivery_status_fields() {
    let t = explain_text("Diagnostic-Code: smtp; 552 5.2.2 Mailbox full", None, EN).unwrap();
    assert_eq!((t.code, t.enhanced), (Some(552), e(5, 2, 2)));
    assert_eq!(t.format, Format::DeliveryStatus);
    assert_eq!(t.advice.kind, AdviceKind::MailboxFull);
    // The reply has no enhanced code: the Status field gives it, and the note says where from.
    let t = explain_text(
        "Final-Recipient: rfc822;a@b.example\nAction: failed\nStatus: 5.0.0\n\
         Diagnostic-Code: smtp; 550 Go away",
        None,
        PT,
    )
    .unwrap();
    assert_eq!((t.code, t.enhanced), (Some(550), e(5, 0, 0)));
    assert_eq!(t.enhanced_from, Some(StatusFrom::Dsn));
    assert!(t.notes.iter().any(|n| n.kind == NoteKind::StatusFromDsn));
    assert_eq!(t.recipients[0].action, Some(Action::Failed));
    // A status alone is read as one; looking it up gives the enhanced code.
    let t = explain_text("Status: 5.1.1", None, EN).unwrap();
    assert_eq!((t.code, t.enhanced), (None, e(5, 1, 1)));
    assert!(t.reply.is_none());
    assert!(t.notes.iter().any(|n| n.kind == NoteKind::NoReplyCode));
    assert!(matches!(lookup("Status: 5.1.1", EN), Ok(Lookup::Enhanced(x)) if x.text == "5.1.1"));
    assert_eq!(
        explain_reply("Status: 5.1.1", None, EN).unwrap_err(),
        ExplainError::NoCode
    );
}

#[test]
fn sendmail_pipelining_and_its_data_phase() {
    // Sendmail prints the last command it pipelined, then every reply that came back.
    let t = explain_text(
        "... while talking to mx.example.org.:\n>>> DATA\n<<< 550 5.1.1 <a@example.org>... User \
         unknown\n<<< 503 5.0.0 Need RCPT (recipient)",
        None,
        EN,
    )
    .unwrap();
    assert_eq!(t.answers, Some("RCPT"));
    assert!(t
        .notes
        .iter()
        .any(|n| n.kind == NoteKind::PipelinedSendmail));
    // A lone refusal after ">>> DATA" answers the end of the data: the dot is never shown.
    let t = explain_text(">>> DATA\n<<< 552 5.7.0 Content rejected", None, EN).unwrap();
    assert_eq!(t.answers, Some("END-OF-DATA"));
    assert!(t
        .notes
        .iter()
        .any(|n| n.kind == NoteKind::SendmailDataPhase));
    // Its log keeps only the first line of a multi-line reply: no "unfinished reply" then.
    let t = explain_text(
        "Apr 11 04:21:21 www sm-mta[79055]: s3B8: to=<u@example.com>, relay=mx.example.com. \
         [192.0.2.1], dsn=4.0.0, stat=Deferred: 421-4.7.0 Our system has detected",
        None,
        EN,
    )
    .unwrap();
    assert_eq!((t.code, t.enhanced), (Some(421), e(4, 7, 0)));
    assert!(t.reply.unwrap().warnings.is_empty());
    assert!(t.notes.iter().any(|n| n.kind == NoteKind::PartialReply));
}

#[test]
fn a_given_command_wins_over_the_text() {
    let pasted = "<a@b.example>: host mx.b.example[192.0.2.1] said: 554 5.7.1 Rejected (in \
                  reply to RCPT TO command)";
    let t = explain_text(pasted, None, EN).unwrap();
    assert_eq!(
        (t.answers, t.command_from),
        (Some("RCPT"), Some(CommandFrom::Stated))
    );
    let t = explain_text(pasted, Some("."), EN).unwrap();
    assert_eq!(
        (t.answers, t.command_from),
        (Some("END-OF-DATA"), Some(CommandFrom::Given))
    );
    assert!(t.reply.unwrap().warnings.is_empty());
}

#[test]
fn texts_without_a_reply_fail_cleanly() {
    for pasted in [
        "2023-03-24 10:02:24 1pfdJV-004eVE-9X == u@x.example R=dnslookup T=remote_smtp defer \
         (113): No route to host",
        "delivery 245: failure: Unable_to_run_qmail-remote./",
        "Action: failed",
        "<a@b.example>: lost connection with mx.b.example[192.0.2.1] while performing the HELO \
         handshake",
        "Diagnostic-Code: smtp; DNS Error: 80335577 DNS type 'mx' lookup responded NXDOMAIN",
    ] {
        assert_eq!(
            explain_text(pasted, None, EN).unwrap_err(),
            ExplainError::NoCode,
            "{pasted}"
        );
    }
    assert_eq!(
        explain_text(" \n ", None, PT).unwrap_err(),
        ExplainError::Empty
    );
}

#[test]
fn gmail_bounces_old_and_new() {
    // Gmail's wording since 2016 (the shape of its "Address not found" bounce).
    let t = explain_text(
        "Address not found\n\nYour message wasn't delivered to someone@example.com because the \
         address couldn't be found, or is unable to receive mail.\n\nThe response from the \
         remote server was:\n550 5.1.1 <someone@example.com>: Recipient address rejected: User \
         unknown in virtual mailbox table",
        None,
        EN,
    )
    .unwrap();
    assert_eq!(t.writer, Some(Software::Gmail));
    assert_eq!(t.remote, Some(Software::Postfix));
    assert_eq!(t.recipient.as_deref(), Some("someone@example.com"));
    assert_eq!(
        (t.code, t.enhanced, t.answers),
        (Some(550), e(5, 1, 1), Some("RCPT"))
    );
}

#[test]
fn outlook_ndr_lines_and_sendmail_log_statuses() {
    let t = explain_text(
        "user@example.com\n#< #5.1.1 smtp;550 5.1.1 RESOLVER.ADR.RecipNotFound; not found>",
        None,
        EN,
    )
    .unwrap();
    assert_eq!(t.writer, Some(Software::Exchange));
    assert_eq!((t.code, t.enhanced), (Some(550), e(5, 1, 1)));
    assert_eq!(t.recipient.as_deref(), Some("user@example.com"));
    // Sendmail logs only dsn= and a summary when the remote reply is not kept.
    let t = explain_text(
        "Oct  3 15:40:44 mx sm-mta[9471]: 093D: to=<a@b.example>, delay=00:00:06, mailer=esmtp, \
         relay=mx.b.example. [192.0.2.1], dsn=5.1.1, stat=User unknown",
        None,
        PT,
    )
    .unwrap();
    assert_eq!((t.code, t.enhanced), (None, e(5, 1, 1)));
    assert_eq!(t.enhanced_from, Some(StatusFrom::Log));
    assert_eq!(t.writer, Some(Software::Sendmail));
    assert_eq!(t.remote_host.as_deref(), Some("mx.b.example"));
    assert_eq!(t.advice.kind, AdviceKind::CheckAddress);
}
