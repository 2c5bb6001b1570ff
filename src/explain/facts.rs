//! Language-neutral facts: which commands may get which replies, RFC sections, the enhanced codes
//! commonly sent with each reply, and real servers' wordings.

use serde::Serialize;

use super::Lang;
use smtp_sim_core::command::Verb;
use smtp_sim_core::sequence::{replies, Prompt, ANY_COMMAND};

/// How a well-known server words a reply, with where that wording comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct Wild {
    /// The server or service.
    pub server: &'static str,
    /// The reply as it sends it (host names and addresses replaced by examples).
    pub reply: &'static str,
    /// Where the wording was read.
    pub source: &'static str,
}

/// Facts about one code.
#[derive(Debug)]
pub(crate) struct Facts {
    pub code: u16,
    pub rfc: &'static [&'static str],
    pub enhanced: &'static [&'static str],
    pub wild: &'static [Wild],
}

/// The prompts the reference lists, in session order.
/// The prompts a reply can answer that the catalogue describes, in the order a session meets
/// them (the greeting first, the extensions last).
pub const PROMPTS: [Prompt; 16] = [
    Prompt::Connect,
    Prompt::Command(Verb::Ehlo),
    Prompt::Command(Verb::Helo),
    Prompt::Command(Verb::Mail),
    Prompt::Command(Verb::Rcpt),
    Prompt::Command(Verb::Data),
    Prompt::EndOfData,
    Prompt::Command(Verb::Bdat),
    Prompt::Command(Verb::Rset),
    Prompt::Command(Verb::Vrfy),
    Prompt::Command(Verb::Expn),
    Prompt::Command(Verb::Help),
    Prompt::Command(Verb::Noop),
    Prompt::Command(Verb::Quit),
    Prompt::Command(Verb::StartTls),
    Prompt::Command(Verb::Auth),
];

/// The commands that may get `code` (the core's RFC 5321 §4.3.2 table), as display labels in
/// `lang`.
pub(crate) fn produced_by(code: u16, lang: Lang) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = PROMPTS
        .iter()
        .filter(|p| {
            let r = replies(**p);
            r.usual.contains(&code) || r.listed.contains(&code)
        })
        .map(|p| prompt_label(*p, lang))
        .collect();
    if ANY_COMMAND.contains(&code) {
        out.push(lang.pick("any command", "qualquer comando"));
    }
    // 421 may also replace the greeting (RFC 5321 §3.1 and §4.2.3).
    if code == 421 {
        out.insert(0, prompt_label(Prompt::Connect, lang));
    }
    out
}

/// A prompt with its label in one language, for a list a person picks from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct PromptLabel {
    /// The prompt, by name (`CONNECT`, `EHLO`, `END-OF-DATA`).
    pub prompt: Prompt,
    /// How it is shown ([`prompt_label`]).
    pub label: &'static str,
}

/// Every prompt of [`PROMPTS`] with its label in `lang`.
pub fn prompt_labels(lang: Lang) -> Vec<PromptLabel> {
    PROMPTS
        .iter()
        .map(|&prompt| PromptLabel {
            prompt,
            label: prompt_label(prompt, lang),
        })
        .collect()
}

/// How a prompt is shown: real verbs as they are, the others in words.
pub fn prompt_label(prompt: Prompt, lang: Lang) -> &'static str {
    match prompt {
        Prompt::Connect => lang.pick("connection (greeting)", "conexão (saudação)"),
        Prompt::EndOfData => lang.pick("end of data (.)", "fim dos dados (.)"),
        Prompt::AuthResponse => lang.pick("AUTH response", "resposta ao AUTH"),
        Prompt::Unknown => lang.pick("unknown command", "comando desconhecido"),
        Prompt::Closing(_) => lang.pick("nothing: the server closes", "nada: o servidor encerra"),
        Prompt::Command(v) => v.as_str(),
    }
}

const POSTFIX: &str = "Postfix smtpd";
const POSTFIX_SRC: &str = "postfix/src/smtpd/smtpd.c and Postfix logs";
const GMAIL: &str = "Gmail";
const GMAIL_SRC: &str =
    "Google Workspace Admin Help, \"Gmail SMTP errors and codes\" (answer 3726730)";
const GMAIL_LOG: &str = "Gmail bounces quoted in public issue trackers";

const fn w(server: &'static str, reply: &'static str, source: &'static str) -> Wild {
    Wild {
        server,
        reply,
        source,
    }
}

const fn f(
    code: u16,
    rfc: &'static [&'static str],
    enhanced: &'static [&'static str],
    wild: &'static [Wild],
) -> Facts {
    Facts {
        code,
        rfc,
        enhanced,
        wild,
    }
}

/// The facts as this build keeps them: with `texts-file`, the real servers' wordings of the codes
/// whose entries the texts file carries are left out (at compile time).
const fn keep_first_wild<const N: usize>(mut rows: [Facts; N]) -> [Facts; N] {
    let mut i = 0;
    while i < N {
        if crate::texts_file::lazy(rows[i].code) {
            rows[i].wild = &[];
        }
        i += 1;
    }
    rows
}

// The wordings of the codes outside FIRST_CODES go to the texts file in a `texts-file` build.
pub(crate) static FACTS: [Facts; 34] = keep_first_wild([
    f(
        211,
        &["RFC 5321 §4.2.2", "RFC 5321 §4.3.2"],
        &["2.0.0"],
        &[],
    ),
    f(
        214,
        &["RFC 5321 §4.2.2", "RFC 5321 §4.3.2"],
        &["2.0.0"],
        &[],
    ),
    f(
        220,
        &["RFC 5321 §3.1", "RFC 5321 §4.2.2", "RFC 3207 §4"],
        &["2.0.0"],
        &[
            w(
                POSTFIX,
                "220 mail.example.com ESMTP Postfix",
                "Postfix smtpd_banner default",
            ),
            w(POSTFIX, "220 2.0.0 Ready to start TLS", POSTFIX_SRC),
        ],
    ),
    f(
        221,
        &["RFC 5321 §3.8", "RFC 5321 §4.1.1.10", "RFC 5321 §4.2.2"],
        &["2.0.0"],
        &[w(POSTFIX, "221 2.0.0 Bye", POSTFIX_SRC)],
    ),
    f(
        235,
        &["RFC 4954 §4", "RFC 4954 §6"],
        &["2.7.0"],
        &[w(
            POSTFIX,
            "235 2.7.0 Authentication successful",
            POSTFIX_SRC,
        )],
    ),
    f(
        250,
        &["RFC 5321 §4.2.2", "RFC 5321 §4.2.5", "RFC 5321 §4.3.2"],
        &["2.0.0", "2.1.0", "2.1.5", "2.6.0"],
        &[
            w(POSTFIX, "250 2.1.0 Ok", POSTFIX_SRC),
            w(POSTFIX, "250 2.1.5 Ok", POSTFIX_SRC),
            w(POSTFIX, "250 2.0.0 Ok: queued as 4BQx2h0Zz1z3", POSTFIX_SRC),
        ],
    ),
    f(251, &["RFC 5321 §3.4", "RFC 5321 §4.2.2"], &["2.1.5"], &[]),
    f(
        252,
        &["RFC 5321 §3.5.3", "RFC 5321 §4.2.2", "RFC 5321 §7.3"],
        &["2.0.0", "2.1.5"],
        &[w(POSTFIX, "252 2.0.0 alice", POSTFIX_SRC)],
    ),
    f(
        334,
        &["RFC 4954 §4"],
        &[],
        &[w(
            "AUTH LOGIN servers (Postfix, Exchange, …)",
            "334 VXNlcm5hbWU6",
            "base64 of \"Username:\"; RFC 4954 §4 defines the empty or base64 challenge",
        )],
    ),
    f(
        354,
        &["RFC 5321 §3.3", "RFC 5321 §4.1.1.4", "RFC 5321 §4.5.2"],
        &[],
        &[w(
            POSTFIX,
            "354 End data with <CR><LF>.<CR><LF>",
            POSTFIX_SRC,
        )],
    ),
    f(
        421,
        &["RFC 5321 §3.8", "RFC 5321 §4.2.3", "RFC 5321 §4.5.3.2"],
        &["4.4.2", "4.7.0", "4.3.2"],
        &[
            w(
                POSTFIX,
                "421 4.4.2 mail.example.com Error: timeout exceeded",
                POSTFIX_SRC,
            ),
            w(
                GMAIL,
                "421 4.7.0 Try again later, closing connection.",
                GMAIL_SRC,
            ),
        ],
    ),
    f(432, &["RFC 4954 §6"], &["4.7.12"], &[]),
    f(
        450,
        &["RFC 5321 §4.2.3", "RFC 5321 §4.3.2"],
        &["4.2.1", "4.2.0", "4.1.8", "4.7.1"],
        &[
            w(
                GMAIL,
                "450 4.2.1 The user you are trying to contact is receiving mail too quickly. \
                 Please resend your message at a later time.",
                GMAIL_SRC,
            ),
            w(
                POSTFIX,
                "450 4.1.8 <bob@example.org>: Sender address rejected: Domain not found",
                POSTFIX_SRC,
            ),
        ],
    ),
    f(
        451,
        &["RFC 5321 §4.2.3", "RFC 5321 §4.3.2"],
        &["4.3.0", "4.4.2", "4.7.1"],
        &[
            w(
                GMAIL,
                "451 4.3.0 Mail server temporarily rejected message.",
                GMAIL_SRC,
            ),
            w(GMAIL, "451 4.4.2 Timeout - closing connection.", GMAIL_SRC),
            w(
                POSTFIX,
                "451 4.3.0 Error: queue file write error",
                POSTFIX_SRC,
            ),
        ],
    ),
    f(
        452,
        &["RFC 5321 §4.2.3", "RFC 5321 §4.5.3.1.10", "RFC 1870 §6"],
        &["4.5.3", "4.3.1", "4.2.2"],
        &[
            w(POSTFIX, "452 4.5.3 Error: too many recipients", POSTFIX_SRC),
            w(
                POSTFIX,
                "452 4.3.1 Insufficient system storage",
                POSTFIX_SRC,
            ),
            w(
                GMAIL,
                "452 4.2.2 The email account that you tried to reach is over quota.",
                GMAIL_SRC,
            ),
        ],
    ),
    f(
        454,
        &["RFC 3207 §4", "RFC 4954 §6"],
        &["4.7.0"],
        &[
            w(
                POSTFIX,
                "454 4.7.0 TLS not available due to local problem",
                POSTFIX_SRC,
            ),
            w(
                GMAIL,
                "454 4.5.0 SMTP protocol violation, no commands allowed to pipeline after \
                 STARTTLS, see RFC 3207.",
                GMAIL_SRC,
            ),
        ],
    ),
    f(
        455,
        &["RFC 5321 §4.1.1.11", "RFC 5321 §4.2.3"],
        &["4.5.4"],
        &[],
    ),
    f(
        500,
        &[
            "RFC 5321 §4.2.3",
            "RFC 5321 §4.3.2",
            "RFC 5321 §4.5.3.1.4",
            "RFC 4954 §4",
        ],
        &["5.5.2", "5.5.1", "5.5.6"],
        &[w(POSTFIX, "500 5.5.2 Error: bad syntax", POSTFIX_SRC)],
    ),
    f(
        501,
        &["RFC 5321 §4.1.4", "RFC 5321 §4.2.3", "RFC 4954 §4"],
        &["5.5.2", "5.5.4", "5.1.3", "5.1.7"],
        &[w(
            POSTFIX,
            "501 5.5.4 Syntax: RCPT TO:<address>",
            POSTFIX_SRC,
        )],
    ),
    f(
        502,
        &["RFC 5321 §4.2.3", "RFC 5321 §4.2.4"],
        &["5.5.1", "5.5.2"],
        &[w(
            POSTFIX,
            "502 5.5.2 Error: command not recognized",
            POSTFIX_SRC,
        )],
    ),
    f(
        503,
        &["RFC 5321 §3.3", "RFC 5321 §4.1.4", "RFC 5321 §4.2.3"],
        &["5.5.1"],
        &[
            w(POSTFIX, "503 5.5.1 Error: need RCPT command", POSTFIX_SRC),
            w(
                POSTFIX,
                "503 5.5.1 Error: send HELO/EHLO first",
                POSTFIX_SRC,
            ),
            w(POSTFIX, "503 5.5.1 Error: nested MAIL command", POSTFIX_SRC),
        ],
    ),
    f(
        504,
        &["RFC 5321 §4.2.3", "RFC 4954 §4"],
        &["5.5.4", "5.5.2", "5.7.4"],
        &[w(
            POSTFIX,
            "504 5.5.2 <localhost>: Helo command rejected: need fully-qualified hostname",
            POSTFIX_SRC,
        )],
    ),
    f(521, &["RFC 7504 §3"], &[], &[]),
    f(
        530,
        &["RFC 4954 §6", "RFC 3207 §4"],
        &["5.7.0"],
        &[
            w(
                POSTFIX,
                "530 5.7.0 Must issue a STARTTLS command first",
                POSTFIX_SRC,
            ),
            w(
                GMAIL,
                "530 5.7.0 Must issue a STARTTLS command first.",
                GMAIL_LOG,
            ),
        ],
    ),
    f(534, &["RFC 4954 §6"], &["5.7.9"], &[]),
    f(
        535,
        &["RFC 4954 §6"],
        &["5.7.8"],
        &[
            w(
                POSTFIX,
                "535 5.7.8 Error: authentication failed: authentication failure",
                POSTFIX_SRC,
            ),
            w(
                GMAIL,
                "535-5.7.8 Username and Password not accepted. For more information, go to\n\
                 535 5.7.8  https://support.google.com/mail/?p=BadCredentials … - gsmtp",
                GMAIL_LOG,
            ),
        ],
    ),
    f(
        538,
        &["RFC 4954 §6"],
        &["5.7.11"],
        &[w(
            "Nodemailer smtp-server (Ethereal Email)",
            "538 Error: Must issue a STARTTLS command first",
            "session transcript quoted in a public tutorial",
        )],
    ),
    f(
        550,
        &["RFC 5321 §4.2.3", "RFC 5321 §4.3.2"],
        &["5.1.1", "5.7.1", "5.7.26", "5.1.0", "5.2.1"],
        &[
            w(
                GMAIL,
                "550-5.1.1 The email account that you tried to reach does not exist. Please try\n\
                 550-5.1.1 double-checking the recipient's email address for typos or\n\
                 550 5.1.1 unnecessary spaces. … - gsmtp",
                GMAIL_SRC,
            ),
            w(
                POSTFIX,
                "550 5.1.1 <bob@example.org>: Recipient address rejected: User unknown in \
                 virtual mailbox table",
                POSTFIX_SRC,
            ),
            w(
                GMAIL,
                "550-5.7.26 This mail is unauthenticated, which poses a security risk to the\n\
                 550-5.7.26 sender and Gmail users, and has been blocked. …",
                GMAIL_LOG,
            ),
            w(
                "Exchange Online",
                "550 5.6.11 SMTPSEND.BareLinefeedsAreIllegal; message contains bare linefeeds, \
                 which cannot be sent via DATA and receiving system does not support BDAT",
                "Microsoft Learn, \"Fix error code 550 5.6.11 in Exchange Online\", and bounces \
                 quoted in public issue trackers",
            ),
        ],
    ),
    f(551, &["RFC 5321 §3.4", "RFC 5321 §4.2.3"], &["5.1.6"], &[]),
    f(
        552,
        &["RFC 5321 §4.2.3", "RFC 5321 §4.5.3.1.10", "RFC 1870 §6"],
        &["5.3.4", "5.2.2", "5.2.3"],
        &[w(
            POSTFIX,
            "552 5.3.4 Message size exceeds fixed limit",
            POSTFIX_SRC,
        )],
    ),
    f(
        553,
        &["RFC 5321 §4.2.3", "RFC 6531"],
        &["5.1.3", "5.7.1", "5.6.7", "5.1.7"],
        &[w(
            POSTFIX,
            "553 5.7.1 <alice@example.com>: Sender address rejected: not owned by user \
             bob@example.com",
            POSTFIX_SRC,
        )],
    ),
    f(
        554,
        &["RFC 5321 §3.1", "RFC 5321 §3.3", "RFC 5321 §4.2.3"],
        &["5.7.1", "5.5.1", "5.5.0", "5.6.0"],
        &[
            w(
                POSTFIX,
                "554 5.7.1 <bob@example.org>: Relay access denied",
                POSTFIX_SRC,
            ),
            w(POSTFIX, "554 5.5.1 Error: no valid recipients", POSTFIX_SRC),
            w(
                POSTFIX,
                "554 5.5.0 Error: SMTP protocol synchronization",
                POSTFIX_SRC,
            ),
        ],
    ),
    f(
        555,
        &["RFC 5321 §4.1.1.11", "RFC 5321 §4.2.3"],
        &["5.5.4"],
        &[w(
            POSTFIX,
            "555 5.5.4 Unsupported option: FOO=bar",
            POSTFIX_SRC,
        )],
    ),
    f(556, &["RFC 7504 §3", "RFC 7505"], &["5.1.10"], &[]),
]);

pub(crate) fn facts(code: u16) -> Option<&'static Facts> {
    FACTS
        .binary_search_by_key(&code, |f| f.code)
        .ok()
        .map(|i| &FACTS[i])
}
