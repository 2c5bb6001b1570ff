//! English texts, one row per reply code, in ascending order.

use super::texts_file::keep_first;
use super::{t, CodeText};

// The long texts of the codes outside FIRST_CODES go to the texts file in a `texts-file` build.
pub(crate) static TEXTS: [CodeText; 34] = keep_first([
    t(
        211,
        "System status",
        "Information about the server's status, for a person to read. It reports; it does not \
         confirm an action.",
        "In reply to HELP (RFC 5321 lists 211 and 214 as its success replies) or to a \
         site-specific status command. Few servers send it today; most answer HELP with 214.",
        "Nothing changes in the session. Read the text if you asked for it, then go on with your \
         next command.",
        "Nothing to fix: this is an informational success reply.",
        &[
            (214, "Both can answer HELP. 214 carries help text; 211 is meant for system status."),
            (250, "Both are 2xx, but 250 confirms that an action was done; 211 only informs."),
        ],
    ),
    t(
        214,
        "Help message",
        "The server's help text for a human reader: how to use this server, or what a \
         non-standard command does.",
        "After HELP, with or without a command name (HELP MAIL). It is often a multi-line reply.",
        "Nothing changes in the session. Read it and carry on; programs ignore the text.",
        "Nothing to fix. If you expected help and got 502, the server does not implement HELP.",
        &[
            (211, "Both can answer HELP. 211 is for system status, 214 for help text."),
            (
                250,
                "Some servers answer HELP with 250 (aiosmtpd does), but RFC 5321 §4.3.2 lists \
                 only 211 and 214 as HELP's success replies.",
            ),
        ],
    ),
    t(
        220,
        "Service ready",
        "The server greets you and is ready for commands; the text starts with its host name. The \
         same code answers STARTTLS, meaning \"go ahead with the TLS handshake\".",
        "Right after the TCP connection opens, before you type anything. Also in reply to \
         STARTTLS (RFC 3207), just before the TLS handshake.",
        "After the greeting, send EHLO (or HELO for plain SMTP). After a 220 to STARTTLS, do the \
         TLS handshake and then send EHLO again: the session starts over.",
        "Nothing to fix. If you get 554 or 421 instead of 220 when you connect, the server \
         refuses the session; if you get nothing at all, check the host, the port and any \
         firewall.",
        &[
            (
                221,
                "Both are x2z replies about the connection. 220 opens the session; 221 closes it \
                 after QUIT.",
            ),
            (
                250,
                "220 is only the greeting or the STARTTLS go-ahead. The reply to EHLO is 250, not \
                 220.",
            ),
            (554, "A server that will not talk to you greets you with 554 instead of 220."),
        ],
    ),
    t(
        221,
        "Service closing transmission channel",
        "The server says goodbye and closes the connection. It is the normal, successful reply to \
         QUIT.",
        "Only after you send QUIT (RFC 5321 §3.8, §4.3.2), in any state: after a message, right \
         after the greeting, or in the middle of a transaction (which is then thrown away).",
        "Close your side of the connection. The session is over; connect again to send more mail.",
        "Nothing to fix: this is what a clean ending looks like. A server that shuts down or drops \
         an idle client sends 421, not 221 (RFC 5321 §3.8, §4.2.3). A server that ends a session \
         you did not QUIT with 221 is using the wrong code.",
        &[
            (
                421,
                "Both close the connection. 221 is the success reply to your QUIT; 421 means the \
                 server is closing on its own (shutdown, overload, timeout), and it is never the \
                 answer to QUIT.",
            ),
            (220, "220 opens the session, 221 ends it."),
        ],
    ),
    t(
        235,
        "Authentication succeeded",
        "Your AUTH exchange succeeded: the server now knows who you are (RFC 4954). It usually \
         comes with 2.7.0.",
        "After AUTH with an initial response (AUTH PLAIN …), or after your last answer to a 334 \
         challenge.",
        "Go on with MAIL FROM. Do not send AUTH again in this session: a second AUTH gets 503.",
        "Nothing to fix.",
        &[
            (
                334,
                "334 means the exchange goes on and the server wants another answer; 235 means it \
                 is over and it worked.",
            ),
            (535, "535 is the failed ending of the same exchange: wrong user name or password."),
        ],
    ),
    t(
        250,
        "Requested mail action okay, completed",
        "The command worked. It is the most common reply: the server accepted your greeting, a \
         sender, a recipient, a finished message, or a reset.",
        "After EHLO/HELO (EHLO's 250 is multi-line and lists the extensions), MAIL, RCPT, RSET, \
         NOOP, VRFY, and after the final \".\" of a message or a BDAT chunk. Typical enhanced \
         codes: 2.1.0 for a sender, 2.1.5 for a recipient, 2.0.0 or 2.6.0 for a message.",
        "Send the next command of the sequence: MAIL after EHLO, RCPT after MAIL, DATA once a \
         recipient is accepted, and a new MAIL or QUIT after the message.",
        "Nothing to fix. After the final \".\", 250 means the server has taken responsibility for \
         delivering the message (RFC 5321 §4.2.5); the client can forget it.",
        &[
            (
                354,
                "DATA gets 354 (\"send the message now\"), not 250. The 250 for the message comes \
                 after the final \".\".",
            ),
            (251, "251 also accepts a recipient, but adds that the server will forward it."),
            (252, "252 answers VRFY without confirming the address; 250 confirms it."),
        ],
    ),
    t(
        251,
        "User not local; will forward",
        "The recipient is accepted, but does not live on this server; the server will forward the \
         message to the address it names (RFC 5321 §3.4).",
        "After RCPT TO or VRFY for an address the server knows has moved. It is rare: most \
         servers forward without saying so and answer 250.",
        "Treat it like 250: the recipient is accepted. Go on with more RCPT or with DATA. You may \
         update your records with the new address.",
        "Nothing to fix; the message will be delivered.",
        &[
            (
                551,
                "Both name the user's new address. 251 accepts and forwards for you; 551 refuses, \
                 and the sender has to use the new address.",
            ),
            (250, "250 accepts without any note about forwarding."),
        ],
    ),
    t(
        252,
        "Cannot VRFY user, but will accept message",
        "The server will not say whether the address exists, but it will accept mail for it and \
         try to deliver.",
        "After VRFY (and sometimes EXPN) on a server that keeps its users private. RFC 5321 §3.5.3 \
         and §7.3 say a server that disables VRFY must answer 252, not an error.",
        "Carry on. VRFY told you nothing; the only way to know whether the address works is to \
         send the message.",
        "Nothing to fix. Servers hide their users on purpose, so that spammers cannot harvest \
         addresses.",
        &[
            (250, "250 to VRFY confirms the address; 252 neither confirms nor denies it."),
            (
                502,
                "Some servers answer a disabled VRFY with 502 (Mailpit does); RFC 5321 §7.3 asks \
                 for 252.",
            ),
        ],
    ),
    t(
        334,
        "Server challenge",
        "The AUTH exchange goes on: the server sends a challenge in base64 and waits for your \
         answer on a line of its own (RFC 4954).",
        "After AUTH, and after each answer while the mechanism needs more. With AUTH LOGIN the two \
         challenges decode to \"Username:\" and \"Password:\"; AUTH PLAIN without an initial \
         response gets an empty challenge (\"334 \").",
        "Send one line holding only your answer, base64-encoded, with no command word. Send \"*\" \
         to cancel; the server then replies 501.",
        "Nothing to fix. If you did not expect it, your client sent AUTH without the initial \
         response: send the credentials now.",
        &[
            (
                354,
                "Both are 3xx: the server waits for more. After 334 you send one base64 line; after \
                 354 you send a whole message ending with \".\".",
            ),
            (235, "235 ends the exchange with success; 334 means it is not finished."),
        ],
    ),
    t(
        354,
        "Start mail input",
        "The server accepted DATA and waits for the message: headers, a blank line, the body, and \
         then a line holding only \".\" (the bytes CRLF . CRLF). It is a 3xx reply: nothing has \
         been accepted yet.",
        "After DATA, once at least one RCPT was accepted. With PIPELINING it can arrive together \
         with the replies to MAIL and RCPT.",
        "Send the message and end it with a line holding only \".\". On the way, the client \
         dot-stuffs: a line that starts with \".\" is sent with one more \".\" in front (RFC 5321 \
         §4.5.2), and the server removes it again. Then wait for the real verdict: 250, or a \
         4xx/5xx error.",
        "Nothing to fix in the 354 itself. If the message arrives cut short or changed, check the \
         client's dot-stuffing: a body line \".hidden\" goes on the wire as \"..hidden\", and a \
         line holding only \".\" goes as \"..\", so it does not end the message early. Every line \
         must end with CRLF, not a bare LF.",
        &[
            (
                250,
                "250 means done; 354 means \"go on, send the message\". The 250 for the message \
                 comes only after the final \".\".",
            ),
            (334, "Both are 3xx and wait for more input, but 334 belongs to AUTH."),
            (503, "DATA before any accepted recipient gets 503 instead of 354."),
            (554, "If every recipient was refused, DATA may get 554 instead of 354."),
        ],
    ),
    t(
        421,
        "Service not available, closing transmission channel",
        "The server is closing the connection on its own, for a reason it expects to pass: it is \
         shutting down, overloaded, or you were idle too long. It may answer any command, or \
         replace the greeting (RFC 5321 §3.8, §4.2.3).",
        "When you connect (too many connections, rate limits); in reply to any command when the \
         server must shut down; when a timeout expires (Postfix: \"421 4.4.2 … Error: timeout \
         exceeded\"); after too many errors in one session.",
        "The connection is closing: do not send QUIT and do not wait for 221. The open \
         transaction is lost, so a mail client keeps the message in its queue and tries again \
         later; 4xx means temporary.",
        "Retry later. If it happens every time, slow down (fewer connections, fewer messages per \
         connection), reply faster so you do not hit timeouts, and check whether your IP address \
         is being rate-limited.",
        &[
            (
                221,
                "221 is the polite reply to your QUIT. 421 is the server hanging up on its own; a \
                 server that drops an idle client must use 421, not 221.",
            ),
            (554, "554 at connect refuses the session for good; 421 says try again later."),
            (450, "450 refuses one command for now but keeps the session open; 421 ends it."),
        ],
    ),
    t(
        432,
        "A password transition is needed",
        "The server wants a password change, or one login with a plain-text mechanism so that it \
         can store your password in a new form (RFC 4954 §6, enhanced code 4.7.12).",
        "After AUTH with a mechanism the server cannot use for your account yet.",
        "You are not logged in. Log in once with PLAIN over TLS, or change the password as your \
         provider says; then use your usual mechanism again.",
        "Follow your provider's instructions for the password change. The problem is the \
         account, not your SMTP commands.",
        &[
            (535, "535 says the credentials are wrong; 432 says they need a transition first."),
            (534, "534 says the mechanism is too weak for this server, for good."),
        ],
    ),
    t(
        450,
        "Mailbox unavailable (temporary)",
        "The action was not taken because the mailbox is unavailable for now: busy, locked, or \
         blocked for a while by a policy. Greylisting uses this code.",
        "After RCPT TO, or after the end of the message (the final dot, or BDAT … LAST) when a \
         policy refuses it: the places RFC 5321 §4.3.2 lists it. A refused sender shows up at \
         RCPT too, since Postfix checks the sender when the first recipient arrives (\"450 4.1.8 \
         … Sender address rejected\"). Gmail sends \"450 4.2.1\" when a user receives mail too \
         fast.",
        "The command failed, but the session goes on and other recipients may still be accepted. \
         A mail server keeps the message and retries later, after minutes rather than seconds.",
        "Wait and retry. Greylisting lets the second attempt through after a few minutes. If it \
         never passes, read the text: it usually names the policy (sender domain not found, rate \
         limit).",
        &[
            (
                550,
                "Same meaning, different time: 450 says \"not now, try later\"; 550 says \"no, and \
                 retrying will not help\".",
            ),
            (451, "451 blames an error inside the server; 450 is about the mailbox or a policy."),
            (452, "452 is about storage or too many recipients."),
        ],
    ),
    t(
        451,
        "Local error in processing",
        "Something went wrong inside the server while it worked on your command: a disk problem, a \
         DNS lookup that timed out, a filter that failed. The error is temporary.",
        "After MAIL, RCPT, or at the end of DATA. Common when the server cannot check the sender's \
         domain or cannot write the message to its queue.",
        "The command failed, but you may try again. At the end of DATA the message was NOT \
         accepted: keep it and retry later.",
        "Retry later. The fault is on the server's side; if it persists, write to its postmaster.",
        &[
            (
                554,
                "451 is temporary: try again later. 554 refuses the transaction for good: do not \
                 retry it unchanged.",
            ),
            (450, "450 is about the mailbox or a policy; 451 is an error inside the server."),
            (421, "421 also fails temporarily but closes the connection; 451 keeps it open."),
        ],
    ),
    t(
        452,
        "Insufficient system storage",
        "The server cannot take this right now because a resource ran short: disk space, or room \
         for more recipients in this transaction.",
        "After MAIL when the SIZE you declared does not fit the free space (RFC 1870); after RCPT \
         once you pass the recipient limit (\"452 4.5.3 Too many recipients\", RFC 5321 \
         §4.5.3.1.10); at the end of DATA.",
        "For too many recipients: keep the ones already accepted, send the message with DATA, then \
         send the rest in a new transaction. Otherwise retry later.",
        "Split long recipient lists into several transactions (a server must accept at least 100 \
         per message). If disk space is short, wait; the server's admin has to free some.",
        &[
            (
                552,
                "552 is permanent: the message is bigger than the server ever accepts. 452 is \
                 temporary: not now, or not this many at once. RFC 5321 wants 452 for too many \
                 recipients, and a client should treat a 552 there as temporary too.",
            ),
            (450, "450 is a mailbox or policy problem; 452 is a lack of resources."),
        ],
    ),
    t(
        454,
        "TLS not available / temporary authentication failure",
        "A temporary security failure. After STARTTLS it means TLS cannot start right now (RFC \
         3207); after AUTH, that the server could not check your credentials right now, for \
         example because its user database is down (RFC 4954, 4.7.0).",
        "After STARTTLS or AUTH.",
        "The session goes on unchanged. Do not send your password in clear text because TLS \
         failed: retry later, or quit and reconnect.",
        "Retry later. If STARTTLS fails every time, the server's certificate or TLS setup is \
         broken; tell its admin.",
        &[
            (535, "535 says your credentials are wrong; 454 says they could not be checked now."),
            (530, "530 says you must use TLS or log in first; 454 says that step failed for now."),
        ],
    ),
    t(
        455,
        "Server unable to accommodate parameters",
        "The server understood the parameters of MAIL FROM or RCPT TO but cannot handle them at \
         the moment (RFC 5321 §4.1.1.11).",
        "After MAIL or RCPT with ESMTP parameters (SIZE=, NOTIFY=, RET=, …) that the server \
         cannot honour right now.",
        "Temporary: retry later, or without the parameter if it is optional.",
        "Check which parameter the text names; drop the optional ones, or wait.",
        &[
            (555, "555 says the parameter is unknown or not implemented, for good."),
            (452, "452 is a shortage of storage; 455 is about the parameters."),
        ],
    ),
    t(
        500,
        "Syntax error, command unrecognized",
        "The server could not read the line as a command: the command word is unknown, or the \
         line is too long or malformed.",
        "After any line that is not a command: a typo (EHOL), a line over 512 octets (RFC 5321 \
         §4.5.3.1.4), or message text sent before DATA got 354. During AUTH, \"500 5.5.6\" means \
         an answer line was too long.",
        "Nothing happened and the session state is unchanged. Send a correct command.",
        "Check the spelling of the command word and the length of the line. If you were typing \
         message text, send DATA first and wait for 354.",
        &[
            (501, "501: the command word is fine, its arguments are not. 500: the command itself is unknown or unreadable."),
            (502, "502: the server knows the command but does not implement it."),
            (503, "503: the command is valid but comes at the wrong moment."),
            (504, "504: the command is fine but one parameter value is not supported."),
        ],
    ),
    t(
        501,
        "Syntax error in parameters or arguments",
        "The command word is known, but what follows it is wrong: a missing or malformed address, \
         an argument where none is allowed, or bad base64 during AUTH.",
        "After MAIL FROM without angle brackets, RCPT TO with a broken address, HELO or EHLO \
         without a domain, DATA, RSET or QUIT with arguments, or \"*\" to cancel AUTH. Common \
         enhanced codes: 5.5.2, 5.5.4, 5.1.3, 5.1.7.",
        "The command was not carried out and the state is unchanged (RFC 5321 §4.1.4). Send it \
         again, corrected.",
        "Write addresses inside angle brackets, with nothing between the colon and the \"<\": \
         MAIL FROM:<alice@example.com>. Give EHLO your host name. Send DATA, RSET and QUIT with \
         no arguments.",
        &[
            (500, "500: the command word itself is unknown. 501: the word is known, its arguments are wrong."),
            (502, "502: the command is not implemented at all, whatever its arguments."),
            (503, "503: the command and its arguments are fine, the moment is wrong."),
            (504, "504: the argument is well-formed but names something unsupported, such as an AUTH mechanism."),
            (553, "553: the address can be read but is not allowed."),
            (555, "555: the address is fine, but an ESMTP parameter after it is not supported."),
        ],
    ),
    t(
        502,
        "Command not implemented",
        "The server recognises the command but does not implement it (RFC 5321 §4.2.4).",
        "After commands a server chose not to support: EXPN, HELP, VRFY on some servers, TURN, or \
         an extension's command it did not list in its EHLO reply. A very old server without \
         ESMTP answers EHLO with 502; greet it with HELO.",
        "Nothing happened. Go on without that command; after a 502 to EHLO, send HELO.",
        "Use only commands and extensions the server listed in its EHLO reply. A server must not \
         advertise a command it answers with 502.",
        &[
            (
                500,
                "500: the server does not know the word at all. Postfix answers unknown commands \
                 with \"502 5.5.2 Error: command not recognized\", so in the wild you meet 502 \
                 where RFC 5321 suggests 500.",
            ),
            (501, "501: the command exists and works, but these arguments are wrong."),
            (
                503,
                "503: implemented, but not now. Some servers (go-smtp) send 502 for sequence \
                 errors; RFC 5321 wants 503.",
            ),
            (504, "504: the command works, but one parameter value is not implemented."),
        ],
    ),
    t(
        503,
        "Bad sequence of commands",
        "The command is valid, but not at this point of the session. SMTP has a fixed order: \
         EHLO, then MAIL, then RCPT, then DATA. Servers that send enhanced codes pair 503 with \
         5.5.1.",
        "MAIL before EHLO/HELO, RCPT before MAIL, DATA before any recipient was accepted (Postfix: \
         \"503 5.5.1 Error: need RCPT command\"), a second MAIL inside a transaction, AUTH twice, \
         AUTH during a transaction, or any command but QUIT after a 554 greeting.",
        "Nothing happened and the state is unchanged. Send the missing step first, then the \
         command again.",
        "Follow the order: EHLO → (STARTTLS → EHLO) → (AUTH) → MAIL FROM → RCPT TO (at least one \
         accepted) → DATA → message → \".\" → QUIT, or a new MAIL. RSET throws away a half-built \
         transaction.",
        &[
            (500, "500: the line is not a command at all. 503: a good command at the wrong time."),
            (501, "501: the arguments are wrong. 503: they may be fine, the moment is not."),
            (502, "502: the command is not implemented, whenever you send it."),
            (504, "504: a parameter value is not supported; timing has nothing to do with it."),
            (
                554,
                "When every recipient was refused, servers answer DATA with 503 or 554; RFC 5321 \
                 §3.3 allows both.",
            ),
        ],
    ),
    t(
        504,
        "Command parameter not implemented",
        "The command and its syntax are fine, but one parameter value is not supported.",
        "AUTH with a mechanism the server does not offer (AUTH CRAM-MD5 when it lists only PLAIN \
         LOGIN); HELO or EHLO with a name the server's policy refuses (Postfix: \"need \
         fully-qualified hostname\"); VRFY, EXPN or HELP with an argument the server does not \
         handle.",
        "Nothing happened. Try again with a supported value.",
        "Read the EHLO reply: the AUTH line lists the mechanisms on offer. Give EHLO your full \
         host name.",
        &[
            (500, "500: the command itself is unknown. 504: the command is known, one value is not."),
            (501, "501: the arguments are malformed. 504: they are well-formed but unsupported."),
            (502, "502: the whole command is not implemented. 504: only this parameter is not."),
            (503, "503: the command is fine but out of order."),
            (555, "555 is the specific code for unsupported MAIL FROM and RCPT TO parameters."),
        ],
    ),
    t(
        521,
        "Host does not accept mail",
        "This host never accepts mail. It is the greeting of a machine that exists but runs no \
         mail service for anyone (RFC 7504).",
        "Instead of 220, right after you connect. The server then closes, or answers every \
         command except QUIT with 521.",
        "Send QUIT and close. Do not retry this host: the failure is permanent. Try the domain's \
         other MX hosts, if it has any.",
        "Check that you reached the right host: look up the domain's MX records. If it is your \
         own host, it is set up to refuse mail.",
        &[
            (
                554,
                "554 at connect also refuses the session, often by policy (a blocklisted IP \
                 address); 521 says this host takes no mail from anyone.",
            ),
            (556, "556 says a domain does not accept mail; 521 says this host does not."),
            (421, "421 at connect is temporary; 521 is permanent."),
        ],
    ),
    t(
        530,
        "Authentication required",
        "Access is denied until you log in or secure the connection. RFC 4954 uses \"530 5.7.0 \
         Authentication required\"; RFC 3207 uses \"530 Must issue a STARTTLS command first\".",
        "After MAIL (most often), RCPT or DATA on a submission server (port 587) that requires a \
         login, or after almost any command on a server that requires TLS first.",
        "The command was refused. Do what the text asks: STARTTLS, then EHLO, then AUTH; then \
         send the command again.",
        "Set your client to use STARTTLS and to log in (user name and password, or an app \
         password) before it sends mail.",
        &[
            (535, "535: you tried to log in and failed. 530: you have not logged in yet."),
            (538, "538 answers AUTH itself: this mechanism needs an encrypted connection first."),
            (
                550,
                "A relay refused because you did not log in usually gets 550 or 554 with 5.7.1 on \
                 RCPT, not 530.",
            ),
        ],
    ),
    t(
        534,
        "Authentication mechanism is too weak",
        "The server refuses the AUTH mechanism you chose as too weak for this account or its \
         policy (RFC 4954, 5.7.9).",
        "After AUTH PLAIN or LOGIN when the server wants something stronger, or when the provider \
         requires an app password or OAuth.",
        "You are not logged in. Use a stronger mechanism from the EHLO reply, or the login method \
         the provider asks for.",
        "Pick another mechanism from the AUTH line of the EHLO reply, or follow the provider's \
         rules (app password, OAuth 2.0).",
        &[
            (535, "535: the mechanism is fine, the credentials are wrong."),
            (538, "538: the mechanism is fine, but only over TLS."),
            (504, "504: the server does not know the mechanism at all."),
        ],
    ),
    t(
        535,
        "Authentication credentials invalid",
        "The login failed: the user name, the password or the token is wrong. It usually comes \
         with 5.7.8 (RFC 4954).",
        "At the end of an AUTH exchange: after your last answer to 334, or after AUTH PLAIN with \
         an initial response.",
        "You are still not logged in. You may try AUTH again with the right credentials; many \
         servers close the connection after a few failures.",
        "Check the user name (often the full address) and the password. Many providers, Gmail \
         among them, want an app password or OAuth instead of the account password.",
        &[
            (530, "530: you must log in and have not. 535: you tried and it failed."),
            (538, "538: refused before the credentials were checked, because the connection is not encrypted."),
            (534, "534: the mechanism itself is not accepted."),
            (454, "454: the server could not check your credentials now; try later."),
        ],
    ),
    t(
        538,
        "Encryption required for requested authentication mechanism",
        "The server will not run this AUTH mechanism over an unencrypted connection (RFC 4954, \
         5.7.11).",
        "After AUTH PLAIN or AUTH LOGIN before STARTTLS, on a server that offers them only over \
         TLS.",
        "You are not logged in. Send STARTTLS, complete the handshake, send EHLO again, then AUTH.",
        "Turn on STARTTLS (port 587) or implicit TLS (port 465) in your client.",
        &[
            (530, "530 refuses other commands until you log in or start TLS; 538 is the reply to AUTH itself."),
            (535, "535: the credentials were checked and are wrong; 538: they were not even checked."),
            (534, "534: the mechanism is too weak even over TLS."),
        ],
    ),
    t(
        550,
        "Mailbox unavailable",
        "A permanent refusal: the mailbox does not exist, you have no access, or a policy rejects \
         the command. The enhanced code says which: 5.1.1 unknown user, 5.7.1 refused by policy, \
         5.7.26 failed sender authentication checks.",
        "After RCPT TO for an unknown user or a relay attempt; after MAIL FROM for a refused \
         sender; after the end of DATA when a content filter or DMARC rejects the message; after \
         EHLO when the server refuses the client.",
        "Do not retry the same thing. After a RCPT, the other recipients may still work: carry on \
         with them. After the end of DATA, the message was not accepted and the sender gets a \
         bounce.",
        "For 5.1.1, check the address for typos. For 5.7.x, log in before relaying, and set up \
         SPF, DKIM and DMARC for your domain. Read the text: servers put the reason there.",
        &[
            (450, "450 is the temporary version: retry later. 550 is final."),
            (
                553,
                "553 says the address itself is not acceptable (its form, or you may not use it); \
                 550 says the mailbox is unavailable or the action is denied.",
            ),
            (
                554,
                "554 refuses the whole transaction or session; 550 usually one recipient. Postfix \
                 sends \"Relay access denied\" as 554.",
            ),
            (551, "551 says the user is elsewhere and names the address to use."),
        ],
    ),
    t(
        551,
        "User not local; please try another address",
        "The recipient is not here and this server will not forward the mail. The text usually \
         names the address to use instead (RFC 5321 §3.4).",
        "After RCPT TO or VRFY for a user who has moved. It is rare: most servers forward (250 or \
         251) or reject with 550.",
        "The recipient is refused. A person can resend to the address in the reply; a mail server \
         simply bounces the message.",
        "Update the address to the one the server names.",
        &[
            (251, "251 accepts and forwards for you; 551 refuses and tells you where to go."),
            (550, "550 refuses without pointing anywhere."),
        ],
    ),
    t(
        552,
        "Exceeded storage allocation",
        "Permanent: the message is too big for the server or for the mailbox. It usually comes \
         with 5.3.4 (message too big for the system) or 5.2.2 (mailbox full).",
        "After MAIL FROM with a SIZE= above the server's fixed limit (RFC 1870); at the end of \
         DATA when the message was larger than allowed; after RCPT for a full mailbox.",
        "The message was not accepted. Do not send it again unchanged.",
        "Make the message smaller: compress attachments, or share a link instead. The SIZE line of \
         the EHLO reply gives the limit in octets.",
        &[
            (
                452,
                "452 is temporary: not enough room now, or too many recipients at once. 552 is \
                 permanent. RFC 5321 §4.5.3.1.10 wants 452 for too many recipients, and clients \
                 treat a 552 there as temporary.",
            ),
            (554, "554 is a general failure of the transaction; 552 is specifically about size or storage."),
        ],
    ),
    t(
        553,
        "Mailbox name not allowed",
        "The address is not acceptable as written or as used: the mailbox name has a bad form, or \
         it is a sender address you may not use.",
        "After MAIL FROM with an address your login does not own (Postfix: \"Sender address \
         rejected: not owned by user\"); after RCPT TO with an invalid mailbox name; with a \
         non-ASCII address when SMTPUTF8 was not declared (553 5.6.7, RFC 6531).",
        "The command was refused and the state is unchanged. Correct the address and send the \
         command again.",
        "Use a sender address your account may send as, and check the mailbox name for forbidden \
         characters. For an internationalised address, add SMTPUTF8 to MAIL FROM on a server that \
         advertises it.",
        &[
            (550, "550: the mailbox is unavailable or access is denied. 553: the name itself is not allowed."),
            (501, "501: the command is malformed (brackets, missing address). 553: the command is fine, the address is not acceptable."),
        ],
    ),
    t(
        554,
        "Transaction failed",
        "A permanent failure of the whole transaction. As a greeting it means \"no SMTP service \
         here\" for you (RFC 5321 §3.1, §4.2.3).",
        "As the greeting instead of 220 (a blocklisted client); after DATA when no recipient was \
         accepted (Postfix: \"554 5.5.1 Error: no valid recipients\"); at the end of DATA when the \
         content is rejected. Postfix also refuses relaying with 554 5.7.1.",
        "Do not retry unchanged. After a 554 greeting send only QUIT: the server answers anything \
         else with 503 (RFC 5321 §3.1). After the end of DATA, the message was not accepted.",
        "Read the text and the enhanced code: 5.7.1 is policy (relaying, reputation, spam), 5.6.x \
         is about the content. For a blocked IP address, check the blocklists and contact the \
         server's admin.",
        &[
            (451, "451 is a temporary local error: try again later. 554 is permanent."),
            (550, "550 usually refuses one recipient or sender; 554 the whole transaction or session."),
            (503, "With no valid recipient, DATA gets 503 or 554; RFC 5321 §3.3 allows both."),
            (421, "421 at connect says \"later\"; 554 at connect says \"not for you\"."),
        ],
    ),
    t(
        555,
        "MAIL FROM/RCPT TO parameters not recognized or not implemented",
        "A parameter after the address in MAIL FROM or RCPT TO is unknown, or belongs to an \
         extension the server did not advertise (RFC 5321 §4.1.1.11). It usually comes with 5.5.4.",
        "After MAIL FROM:<a@example.com> FOO=bar, or SIZE=, BODY=, SMTPUTF8 when the server did \
         not list that extension in its EHLO reply (or when you greeted it with HELO).",
        "The command was refused and the state is unchanged. Send it again without the \
         parameter.",
        "Use only parameters of extensions the EHLO reply lists. If you sent HELO, send EHLO \
         instead.",
        &[
            (501, "501: the command syntax is wrong. 555: the syntax is fine, a parameter is not supported."),
            (504, "504 covers unsupported parameters of other commands, such as an AUTH mechanism."),
            (455, "455: the parameter is supported but cannot be handled right now."),
        ],
    ),
    t(
        556,
        "Domain does not accept mail",
        "The recipient's domain accepts no mail at all, for example because it publishes a \"null \
         MX\" (RFC 7504, RFC 7505). It often comes with 5.1.10.",
        "After RCPT TO, from a relay or submission server that looked up the recipient's domain \
         and found that it takes no mail.",
        "The recipient is refused for good. Carry on with the other recipients, if any.",
        "Check the domain of the address: it may be mistyped, or the domain is not used for mail.",
        &[
            (521, "521 says this host takes no mail; 556 says the recipient's domain takes none."),
            (550, "550 refuses a mailbox; 556 refuses the whole domain."),
        ],
    ),
]);
