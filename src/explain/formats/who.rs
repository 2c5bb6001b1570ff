//! Which software or provider wrote a text, or the reply it carries: from host names, from the
//! tags providers put in their replies (`- gsmtp`, `[TSS04]`, `…prod.protection.outlook.com`),
//! from the recipient's domain and, last, from wordings only one server uses.

use serde::Serialize;

use super::text::contains_ci;

/// Declares [`Software`], its list [`Software::ALL`] and [`Software::name`] from one table, so
/// that a product cannot be added to one of them and forgotten in another.
macro_rules! software {
    ($($variant:ident => $name:literal,)*) => {
        /// A mail server, provider, gateway or client program the readers can name.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[allow(missing_docs)] // Each variant is the product its name says.
        pub enum Software {
            $($variant,)*
        }

        impl Software {
            /// Every product, for tests and references.
            pub const ALL: [Software; [$($name),*].len()] = [$(Software::$variant),*];

            /// The product's name as its makers write it.
            pub const fn name(self) -> &'static str {
                match self {
                    $(Software::$variant => $name,)*
                }
            }
        }
    };
}

software! {
    Postfix => "Postfix",
    Exim => "Exim",
    Sendmail => "Sendmail",
    Qmail => "qmail",
    Exchange => "Exchange",
    ExchangeOnline => "Exchange Online",
    OutlookCom => "Outlook.com",
    Gmail => "Gmail",
    GoogleWorkspace => "Google Workspace",
    GoogleGroups => "Google Groups",
    Yahoo => "Yahoo",
    Aol => "AOL",
    ICloud => "iCloud",
    Proofpoint => "Proofpoint",
    Mimecast => "Mimecast",
    Barracuda => "Barracuda",
    MessageLabs => "Symantec MessageLabs",
    SymantecGateway => "Symantec Messaging Gateway",
    TrendMicro => "Trend Micro",
    AmazonSes => "Amazon SES",
    OpenSmtpd => "OpenSMTPD",
    DovecotLmtp => "Dovecot LMTP",
    Gmx => "GMX",
    TOnline => "T-Online",
    Orange => "Orange",
    Ionos => "IONOS",
    NttDocomo => "NTT Docomo",
    UkrNet => "ukr.net",
    SendGrid => "SendGrid",
    ForwardEmail => "Forward Email",
    MagicMail => "MagicMail",
    Thundermail => "Thundermail",
    HMailServer => "hMailServer",
    ZoneMta => "ZoneMTA",
    Maddy => "maddy",
    Roundcube => "Roundcube",
    MyBb => "MyBB",
    RubyNetSmtp => "Ruby Net::SMTP",
    SwiftMailer => "SwiftMailer",
    PhpMailer => "PHPMailer",
    Nodemailer => "Nodemailer",
    NodeSmtpServer => "smtp-server",
    PythonSmtplib => "Python smtplib",
    Swaks => "swaks",
    Amavis => "amavis",
    IisSmtp => "IIS SMTP",
    OracleMessaging => "Oracle Messaging Server",
}

/// Serialised as its name ("Exchange Online"), as the page shows it.
impl Serialize for Software {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}

/// A group of products that share their formats, where a text often cannot tell which one
/// wrote it (Exchange on premises or online; Gmail or a Google Workspace domain).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum Family {
    /// Gmail, Google Workspace, Google Groups: the same servers (`- gsmtp`).
    Google,
    /// Exchange, Exchange Online, Outlook.com: Exchange and Exchange Online Protection.
    Microsoft,
    /// Yahoo and AOL: Yahoo runs AOL's mail.
    Yahoo,
    /// A product on its own.
    Own(Software),
}

impl Software {
    /// The product whose name is `name` (as [`Software::name`] writes it, any case).
    pub fn from_name(name: &str) -> Option<Software> {
        Software::ALL
            .into_iter()
            .find(|s| s.name().eq_ignore_ascii_case(name.trim()))
    }

    /// The group of products that share its formats.
    pub const fn family(self) -> Family {
        use Software::*;
        match self {
            Gmail | GoogleWorkspace | GoogleGroups => Family::Google,
            Exchange | ExchangeOnline | OutlookCom => Family::Microsoft,
            Yahoo | Aol => Family::Yahoo,
            other => Family::Own(other),
        }
    }

    /// True for a program on the sending side (a client library, a mail client, a test tool, a
    /// content filter) that wraps the reply of the server it talked to in its own words.
    pub const fn is_client(self) -> bool {
        use Software::*;
        matches!(
            self,
            Roundcube
                | MyBb
                | RubyNetSmtp
                | SwiftMailer
                | PhpMailer
                | Nodemailer
                | PythonSmtplib
                | Swaks
                | Amavis
        )
    }
}

/// Tags only one provider puts into its replies: they name the reply's author wherever the reply
/// was quoted.
pub(crate) fn from_reply_tags(reply: &str) -> Option<Software> {
    let t = reply.trim_end();
    if t.contains("- gsmtp") || t.ends_with(" gsmtp") {
        return Some(Software::Gmail);
    }
    if contains_ci(t, "- gcdp ") {
        return Some(Software::GoogleWorkspace);
    }
    if contains_ci(t, "support.google.com/mail") {
        return Some(Software::Gmail);
    }
    if yahoo_tag(t)
        || contains_ci(t, "postmaster.yahooinc.com")
        || contains_ci(t, "verizonmedia.com")
    {
        return Some(Software::Yahoo);
    }
    if t.contains("[CS01]") || contains_ci(t, "support.apple.com") {
        return Some(Software::ICloud);
    }
    if microsoft_consumer(t) {
        return Some(Software::OutlookCom);
    }
    let exchange = [
        "RESOLVER.ADR.",
        "RESOLVER.RST.",
        "STOREDRV.",
        "QUEUE.Expired",
        "SMTPSEND.",
    ];
    if exchange.iter().any(|m| t.contains(m)) {
        return Some(Software::Exchange);
    }
    let online = [
        "prod.protection.outlook.com",
        "prod.outlook.com",
        "sender.office.com",
    ];
    if online.iter().any(|m| contains_ci(t, m)) {
        return Some(Software::ExchangeOnline);
    }
    None
}

/// Yahoo's bracketed error tags: `[TSS04]`, `[TS03]`, `[BL21]` (two letters or three, then two
/// digits; Microsoft's `[BL2NAM02FT061…]` is longer).
fn yahoo_tag(t: &str) -> bool {
    t.split('[').skip(1).any(|rest| {
        let Some((tag, _)) = rest.split_once(']') else {
            return false;
        };
        let letters = tag.trim_end_matches(|c: char| c.is_ascii_digit());
        let digits = tag.len() - letters.len();
        digits == 2 && matches!(letters, "TSS" | "TS" | "BL")
    })
}

/// Outlook.com's own (consumer) block-list wordings and tags.
fn microsoft_consumer(t: &str) -> bool {
    [
        "(S3150)",
        "(S3140)",
        "(S3113)",
        "(AS3150)",
        "SC-001",
        "DY-001",
        "mail.live.com",
        "Hotmail",
    ]
    .iter()
    .any(|m| t.contains(m))
        || t.contains("Unfortunately, messages from") && t.contains("weren't sent")
}

/// The provider that runs a host, from its name.
pub(crate) fn from_host(host: &str) -> Option<Software> {
    let h = host.to_ascii_lowercase();
    let has = |s: &str| h.contains(s);
    Some(if has("aspmx") && has("google.com") {
        Software::GoogleWorkspace
    } else if has("googlegroups") {
        Software::GoogleGroups
    } else if has("google.com") || has("googlemail.com") {
        Software::Gmail
    } else if has("olc.protection.outlook.com") || has("hotmail.com") || has("outlook-com.") {
        Software::OutlookCom
    } else if has("outlook.com") || has("onmicrosoft.com") {
        Software::ExchangeOnline
    } else if has("mx-aol") || has(".aol.com") {
        Software::Aol
    } else if has("yahoodns.net") || has("yahoo.com") {
        Software::Yahoo
    } else if has("icloud.com") || has("me.com") || has("apple.com") || has("appleid.com") {
        Software::ICloud
    } else if has("pphosted.com") || has("proofpoint") {
        Software::Proofpoint
    } else if has("mimecast") {
        Software::Mimecast
    } else if has("barracudanetworks.com") {
        Software::Barracuda
    } else if has("messagelabs.com") {
        Software::MessageLabs
    } else if has("inbound-smtp.") && has("amazonaws.com") {
        Software::AmazonSes
    } else if has("dovecot-lmtp") {
        Software::DovecotLmtp
    } else if has("gmx.net") || has("gmx.com") {
        Software::Gmx
    } else if has("t-online.de") {
        Software::TOnline
    } else if has("orange.fr") {
        Software::Orange
    } else if has("ionos.") || has("1und1.") || has("kundenserver.de") {
        Software::Ionos
    } else if has("docomo.ne.jp") {
        Software::NttDocomo
    } else if has("ukr.net") {
        Software::UkrNet
    } else if has("sendgrid.net") {
        Software::SendGrid
    } else if has("forwardemail.net") {
        Software::ForwardEmail
    } else if has("thundermail.com") {
        Software::Thundermail
    } else {
        return None;
    })
}

/// Providers named by a web address or product name inside a reply (weaker than a host name:
/// a reply may quote another's).
pub(crate) fn from_reply_mentions(reply: &str) -> Option<Software> {
    let mentions: &[(&str, Software)] = &[
        ("proofpoint.com", Software::Proofpoint),
        ("mimecast.com", Software::Mimecast),
        ("barracudanetworks.com", Software::Barracuda),
        ("messagelabs.com", Software::MessageLabs),
        ("MagicMail", Software::MagicMail),
        ("postmaster.gmx.com", Software::Gmx),
        ("gmx.net (mxgmx", Software::Gmx),
        ("ionos.com", Software::Ionos),
        ("postmaster.1und1.de", Software::Ionos),
        ("Microsoft ESMTP MAIL Service", Software::Exchange),
    ];
    mentions
        .iter()
        .find(|(m, _)| contains_ci(reply, m))
        .map(|&(_, s)| s)
}

/// Wordings only one server writes into its own replies.
pub(crate) fn from_reply_wording(reply: &str) -> Option<Software> {
    let postfix = [
        "Recipient address rejected:",
        "Sender address rejected:",
        "Client host rejected:",
        "Helo command rejected:",
        "Relay access denied",
        "Service unavailable; Client host [",
        "Service unavailable; client [",
    ];
    if postfix.iter().any(|w| reply.contains(w)) {
        return Some(Software::Postfix);
    }
    if reply.contains("User doesn't exist:") {
        return Some(Software::DovecotLmtp);
    }
    // Sendmail writes "<address>... User unknown".
    if let Some((_, tail)) = reply.split_once("... ") {
        let sendmail = [
            "User unknown",
            "Host unknown",
            "Local configuration error",
            "Deferred",
        ];
        if sendmail.iter().any(|w| {
            tail.get(..w.len())
                .is_some_and(|t| t.eq_ignore_ascii_case(w))
        }) {
            return Some(Software::Sendmail);
        }
    }
    None
}

/// The provider of a mailbox, from its domain (only the big consumer providers).
pub(crate) fn from_recipient(address: &str) -> Option<Software> {
    let domain = address.rsplit_once('@')?.1.to_ascii_lowercase();
    let d = domain.trim_end_matches('>');
    let is = |names: &[&str]| {
        names
            .iter()
            .any(|n| d == *n || d.starts_with(&format!("{n}.")))
    };
    Some(if is(&["gmail", "googlemail"]) {
        Software::Gmail
    } else if is(&["hotmail", "outlook", "live", "msn"]) {
        Software::OutlookCom
    } else if is(&["yahoo", "ymail"]) {
        Software::Yahoo
    } else if is(&["aol", "aim"]) {
        Software::Aol
    } else if is(&["icloud", "me", "mac"]) {
        Software::ICloud
    } else if d.ends_with(".onmicrosoft.com") {
        Software::ExchangeOnline
    } else {
        return None;
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for s in Software::ALL {
            assert_eq!(Software::from_name(s.name()), Some(s));
        }
    }

    #[test]
    fn tags_and_hosts() {
        assert_eq!(from_reply_tags("x 41si.27 - gsmtp"), Some(Software::Gmail));
        assert_eq!(
            from_host("mx02.mail.icloud.com[17.57.155.25]"),
            Some(Software::ICloud)
        );
        assert_eq!(
            from_host("ALT1.ASPMX.L.GOOGLE.COM"),
            Some(Software::GoogleWorkspace)
        );
        assert_eq!(
            from_reply_wording("550 5.1.1 <a@b>... User Unknown"),
            Some(Software::Sendmail)
        );
        assert_eq!(from_recipient("x@gmail.com"), Some(Software::Gmail));
        assert_eq!(from_recipient("x@example.com"), None);
    }
}
