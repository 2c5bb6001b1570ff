//! Sentences that must be true where they are shown: the digit texts for every code of their
//! class, the "When you see it" texts against the RFC 5321 §4.3.2 table, and the "In this
//! session" sentences for what a learner (or the simulated client) actually typed.

use smtp_sim_core::command::Verb;
use smtp_sim_core::sequence::{replies, Closing, Prompt};
use smtp_sim_explain::{class_of, entry, Lang, CODES};

const EN: Lang = Lang::En;
const PT: Lang = Lang::PtBr;

/// The codes after which the server closes the connection: QUIT's reply and the 421 it sends on
/// its own (RFC 5321 §3.8, §4.3.2).
fn closing_codes() -> Vec<u16> {
    let mut codes = replies(Prompt::Command(Verb::Quit)).usual.to_vec();
    codes.extend(replies(Prompt::Closing(Closing::Timeout)).usual);
    codes
}

#[test]
fn class_texts_hold_for_the_codes_that_close_the_connection() {
    // Before: 221's class said "you can send the next command" right after the server closed.
    for code in closing_codes() {
        for lang in Lang::ALL {
            let class = class_of(code, lang).unwrap();
            assert!(
                class.meaning.contains(&code.to_string()),
                "{code} {lang:?}: the {} text does not say what happens after {code}: {}",
                class.pattern,
                class.meaning
            );
        }
        let en = class_of(code, EN).unwrap().meaning;
        assert!(!en.contains("you can send the next command"), "{en}");
    }
}

/// The verbs a "When you see it" text names right after "after" (en) or "depois do" (pt).
fn verbs_after(text: &str, markers: &[&str]) -> Vec<&'static str> {
    let mut out = Vec::new();
    for m in markers {
        for (i, _) in text.match_indices(m) {
            let rest = text.get(i + m.len()..).unwrap_or_default();
            let word: String = rest.chars().take_while(char::is_ascii_alphabetic).collect();
            if let Some(v) =
                Verb::from_word(word.as_bytes()).filter(|_| word == word.to_uppercase())
            {
                out.push(v.as_str());
            }
        }
    }
    out
}

#[test]
fn when_you_see_it_names_only_commands_that_get_the_code() {
    // Before: 450 said "sometimes after MAIL FROM" while RFC 5321 §4.3.2 lists it for RCPT and
    // the end of data only.
    for code in CODES {
        for (lang, markers) in [
            (EN, &["after ", "After "][..]),
            (
                PT,
                &[
                    "depois do ",
                    "depois de ",
                    "Depois do ",
                    "após o ",
                    "Após o ",
                ][..],
            ),
        ] {
            let e = entry(code, lang).unwrap();
            if e.produced_by
                .iter()
                .any(|p| p.contains("any") || p.contains("qualquer"))
            {
                continue;
            }
            for verb in verbs_after(e.when, markers) {
                assert!(
                    e.produced_by.contains(&verb),
                    "{code} {lang:?}: \"when\" names {verb}, the command table gives {:?}: {}",
                    e.produced_by,
                    e.when
                );
            }
        }
    }
}

// ---- "In this session": a real server session, explained as the page explains it -----------

use smtp_sim_core::base64;
use smtp_sim_core::client::{ClientConfig, Credentials, Envelope};
use smtp_sim_core::reply::Reply;
use smtp_sim_core::server::{Event, ServerConfig, ServerSession};
use smtp_sim_core::sim::{parse_fault, Entry, Simulation};
use smtp_sim_explain::{
    bad_commands_warning, explain_reply, in_context_with, Context, ContextNote, Said, Voice,
};

/// Explains one reply the way an adapter must: what it answers and the state before come with
/// the reply; the line is the one of the `Command` event just before it.
fn explain(
    reply: &Reply,
    answers: Prompt,
    before: smtp_sim_explain::Stage,
    line: Option<&str>,
    voice: Voice,
    lang: Lang,
) -> ContextNote {
    let line = match answers {
        Prompt::Command(_) | Prompt::Unknown | Prompt::AuthResponse => line,
        _ => None,
    };
    in_context_with(
        reply,
        &Context {
            answers,
            stage: Some(before),
        },
        &Said { line, voice },
        lang,
    )
}

/// Feeds each line (CRLF added) to a default server and explains every reply after the
/// greeting: (code, sentence).
fn session(lines: &[&str], voice: Voice, lang: Lang) -> Vec<(u16, String)> {
    let mut s = ServerSession::new(ServerConfig::default());
    let mut out = Vec::new();
    let mut last_line: Option<String> = None;
    let mut drain = |s: &mut ServerSession, out: &mut Vec<(u16, String)>| {
        while let Some(e) = s.poll_event() {
            match e {
                Event::Command { line, .. } => last_line = Some(line),
                Event::Reply {
                    reply,
                    answers,
                    before,
                } => {
                    let n = explain(&reply, answers, before, last_line.as_deref(), voice, lang);
                    assert!(
                        n.specific,
                        "{} after {last_line:?}: no sentence",
                        reply.code
                    );
                    out.push((reply.code, n.text.into_owned()));
                }
                Event::MessageReceived(_) => s.accept_message("1"),
                _ => {}
            }
        }
    };
    drain(&mut s, &mut out);
    out.clear();
    for line in lines {
        s.receive(format!("{line}\r\n").as_bytes());
        drain(&mut s, &mut out);
    }
    out
}

/// The "In this session" sentence for a reply pasted with the command it answered.
fn pasted(reply: &str, command: &str) -> String {
    let r = explain_reply(reply, Some(command), EN).expect("a reply");
    r.context.expect("a sentence").text.into_owned()
}

/// The sentence for the last reply.
fn last(lines: &[&str]) -> (u16, String) {
    session(lines, Voice::You, EN).pop().expect("a reply")
}

const TX: [&str; 3] = [
    "EHLO c.example",
    "MAIL FROM:<a@b.example>",
    "RCPT TO:<c@d.example>",
];

#[test]
fn a_line_too_long_is_explained_as_too_long() {
    // Before: "…could not understand that line as a command. Check the spelling."
    let long = format!("NOOP {}", "x".repeat(520));
    let (code, text) = last(&["EHLO c.example", &long]);
    assert_eq!(code, 500);
    assert!(text.contains("longer than a command line may be"), "{text}");
    assert!(!text.contains("spelling"), "{text}");
    let junk = "x".repeat(600);
    assert!(last(&[&junk]).1.contains("512 octets"));
    // Pasted from a log, with the command it answered.
    let text = pasted("500 5.5.2 Line too long", "NOOP");
    assert!(text.contains("longer than a command line"), "{text}");
}

#[test]
fn a_message_line_too_long_is_named_after_the_end_of_data() {
    let body = "a".repeat(1200);
    let mut lines = TX.to_vec();
    lines.extend(["DATA", "Subject: x", "", &body, "."]);
    let (code, text) = last(&lines);
    assert_eq!(code, 554);
    assert!(text.contains("longer than 1000 octets"), "{text}");
    assert!(text.contains("whole message was refused"), "{text}");
}

#[test]
fn auth_and_starttls_refusals_follow_the_state_before() {
    // Before: AUTH or STARTTLS before EHLO got "already logged in / TLS already active".
    for cmd in ["AUTH PLAIN AGFsaWNlAHdvbmRlcmxhbmQ=", "STARTTLS"] {
        let (code, text) = last(&[cmd]);
        assert_eq!(code, 503);
        assert!(
            text.contains("before greeting the server") && text.contains("EHLO"),
            "{text}"
        );
        assert!(!text.contains("already"), "{text}");
    }
    let plain = "AUTH PLAIN AGFsaWNlAHdvbmRlcmxhbmQ=";
    let again = last(&["EHLO c.example", plain, "AUTH LOGIN"]).1;
    assert!(again.contains("already logged in"), "{again}");
    let mut in_tx = TX.to_vec();
    in_tx.push(plain);
    let text = last(&in_tx).1;
    assert!(
        text.contains("inside a mail transaction") && text.contains("before MAIL"),
        "{text}"
    );
    in_tx.pop();
    in_tx.push("STARTTLS");
    let text = last(&in_tx).1;
    assert!(text.contains("STARTTLS comes before MAIL"), "{text}");
    let text = last(&["EHLO c.example", "STARTTLS", "EHLO c.example", "STARTTLS"]).1;
    assert!(text.contains("TLS is already active:"), "{text}");
}

#[test]
fn the_simulated_client_is_spoken_of_in_the_third_person() {
    // Before: Watch said "You said QUIT" although the simulated client said it.
    for (lang, want) in [(EN, "The client said QUIT"), (PT, "O cliente disse QUIT")] {
        let (code, text) = session(&["QUIT"], Voice::Client, lang).pop().unwrap();
        assert_eq!(code, 221);
        assert!(text.starts_with(want), "{text}");
    }
    let you = session(&["QUIT"], Voice::You, PT).pop().unwrap().1;
    assert!(you.starts_with("Você disse QUIT"), "{you}");
}

/// True when the sentence speaks to the reader.
fn speaks_to_reader(text: &str) -> bool {
    text.split(|c: char| !c.is_alphanumeric()).any(|w| {
        ["you", "your", "você", "seu", "sua"]
            .iter()
            .any(|p| p.eq_ignore_ascii_case(w))
    })
}

#[test]
fn a_whole_watch_run_never_says_you() {
    let faults = [
        vec![],
        vec!["rcpt:450:once"],
        vec!["mail:421"],
        vec!["greeting:554"],
        vec!["data:554"],
    ];
    let clients = [
        ClientConfig::default(),
        ClientConfig {
            chunking: true,
            bdat_chunk_size: 4,
            starttls: true,
            auth: Some(Credentials {
                user: "alice".into(),
                password: "wonderland".into(),
            }),
            ..ClientConfig::default()
        },
    ];
    let mut explained = 0;
    for faults in &faults {
        for client in &clients {
            let server = ServerConfig {
                faults: faults.iter().map(|f| parse_fault(f).unwrap()).collect(),
                ..ServerConfig::default()
            };
            let envelope = Envelope {
                reverse_path: "alice@client.test".into(),
                recipients: vec!["bob@mx.test".into(), "carol@mx.test".into()],
            };
            let mut sim = Simulation::new(
                client.clone(),
                envelope,
                b"Subject: x\r\n\r\nHi\r\n",
                server,
            );
            sim.run();
            let mut line: Option<String> = None;
            for entry in sim.transcript() {
                match entry {
                    Entry::Server(Event::Command { line: l, .. }) => line = Some(l.clone()),
                    Entry::Server(Event::Reply {
                        reply,
                        answers,
                        before,
                    }) => {
                        for lang in Lang::ALL {
                            let n = explain(
                                reply,
                                *answers,
                                *before,
                                line.as_deref(),
                                Voice::Client,
                                lang,
                            );
                            assert!(
                                !speaks_to_reader(&n.text),
                                "{} {lang:?}: {}",
                                reply.code,
                                n.text
                            );
                            explained += 1;
                        }
                    }
                    _ => {}
                }
            }
        }
    }
    assert!(explained > 50, "{explained}");
}

#[test]
fn a_near_miss_suggests_the_verb_and_an_empty_line_says_so() {
    // Before: "EHOL" and an empty line both got "Check the spelling".
    let text = last(&["EHOL c.example"]).1;
    assert!(text.contains("Did you mean EHLO?"), "{text}");
    let watch = session(&["EHOL c.example"], Voice::Client, EN)
        .pop()
        .unwrap()
        .1;
    assert!(watch.contains("the client probably meant EHLO"), "{watch}");
    let pt = session(&["EHOL c.example"], Voice::You, PT)
        .pop()
        .unwrap()
        .1;
    assert!(pt.contains("Você quis dizer EHLO?"), "{pt}");
    for (typed, verb) in [
        ("MIAL FROM:<a@b.example>", "MAIL"),
        ("RCTP TO:<a@b.example>", "RCPT"),
        ("QUITT", "QUIT"),
    ] {
        assert!(
            last(&[typed]).1.contains(&format!("mean {verb}?")),
            "{typed}"
        );
    }
    let glued = last(&["EHLO c.example", "MAILFROM:<a@b.example>"]).1;
    assert!(glued.starts_with("MAIL needs a space after it"), "{glued}");
    let empty = last(&[""]).1;
    assert!(empty.contains("empty line is not a command"), "{empty}");
    assert!(!empty.contains("spelling"));
    let unknown = last(&["XYZZY"]).1;
    assert!(unknown.contains("did not recognise"), "{unknown}");
}

#[test]
fn ten_empty_lines_after_the_greeting_close_for_too_many_errors() {
    // Before: "…hung up before the session began", although the greeting had been sent.
    let lines = [""; 10];
    let all = session(&lines, Voice::You, EN);
    let (code, text) = all.last().unwrap();
    assert_eq!(*code, 421);
    assert!(text.contains("one bad command too many"), "{text}");
}

#[test]
fn a_malformed_bdat_says_what_happened_to_its_chunk() {
    // Issue 13, item 2: a readable size means the chunk was read; none means the close.
    let tx = [
        "EHLO c.example",
        "MAIL FROM:<a@b.example>",
        "RCPT TO:<c@d.example>",
    ];
    for (lang, line, code, words) in [
        (EN, "BDAT 4 FINAL", 501, "still read that many octets"),
        (PT, "BDAT 4 FINAL", 501, "leu mesmo assim"),
        (EN, "BDAT x", 521, "cannot tell where the chunk"),
        (PT, "BDAT x", 521, "não sabe onde termina"),
    ] {
        let lines = [&tx[..], &[line, "NO"]].concat();
        let all = session(&lines, Voice::You, lang);
        let (got, text) = all.last().unwrap();
        assert_eq!(*got, code, "{all:?}");
        assert!(text.contains(words), "{text}");
    }
}

#[test]
fn three_failed_logins_close_and_the_sentence_says_why() {
    // Issue 8, defect 9: the server now stops password guessing after three failures.
    let bad = "AUTH PLAIN AGFsaWNlAHF1ZWVu"; // alice / queen
    let lines = ["EHLO c.example", bad, bad, bad];
    for (lang, voice, words) in [
        (EN, Voice::You, "Too many failed logins"),
        (PT, Voice::You, "Logins falhos demais"),
        // One sentence serves both voices: it does not speak to the reader.
        (EN, Voice::Client, "Too many failed logins"),
        (PT, Voice::Client, "Logins falhos demais"),
    ] {
        let all = session(&lines, voice, lang);
        let (code, text) = all.last().unwrap();
        assert_eq!(*code, 421, "{all:?}");
        assert!(text.contains(words), "{text}");
        assert!(text.contains("RFC 4954 §4"), "{text}");
    }
}

#[test]
fn plain_text_where_auth_wants_base64_shows_the_base64() {
    // Before: "The command is known, but its arguments could not be read."
    let (code, text) = last(&["EHLO c.example", "AUTH LOGIN", "alice"]);
    assert_eq!(code, 501);
    let alice = base64::encode(b"alice");
    assert_eq!(alice, "YWxpY2U=");
    assert!(
        text.contains("expected base64") && text.contains(&alice),
        "{text}"
    );
    let text = last(&["EHLO c.example", "AUTH LOGIN alice"]).1;
    assert!(text.contains(&format!("AUTH LOGIN {alice}")), "{text}");
    // Before: "The AUTH exchange was cancelled, or your answer was not valid base64."
    let plain = base64::encode(b"\0alice\0wonderland");
    for line in ["AUTH PLAIN alice wonderland", "AUTH PLAIN alice"] {
        let text = last(&["EHLO c.example", line]).1;
        assert!(text.contains("NUL, user, NUL, password"), "{text}");
        assert!(text.contains(&format!("AUTH PLAIN {plain}")), "{text}");
    }
    let text = last(&["EHLO c.example", "AUTH PLAIN", "alice wonderland"]).1;
    assert!(text.contains(&plain), "{text}");
    let text = last(&["EHLO c.example", "AUTH LOGIN", "*"]).1;
    assert!(text.contains("cancelled"), "{text}");
    // What was typed is shown as typed; the base64 is the core's.
    let pt = session(&["EHLO c.example", "AUTH LOGIN", "bob"], Voice::You, PT)
        .pop()
        .unwrap()
        .1;
    assert!(
        pt.contains(&format!("\"bob\" em base64 é {}", base64::encode(b"bob"))),
        "{pt}"
    );
}

#[test]
fn typed_text_that_looks_like_a_placeholder_is_shown_as_typed() {
    // Before: each placeholder was replaced in turn over the whole sentence, so "{b64}" typed as
    // the answer became the base64 of itself, and "{user}" the demo account's name.
    for typed in ["{b64}", "{user}", "{pass}{"] {
        let text = last(&["EHLO c.example", "AUTH LOGIN", typed]).1;
        let b64 = base64::encode(typed.as_bytes());
        assert!(
            text.contains(&format!("\"{typed}\" in base64 is {b64}.")),
            "{text}"
        );
    }
}

#[test]
fn an_address_too_long_is_too_long_not_unreadable() {
    // Before: "The server could not read the sender address." (A domain over 255 octets always
    // makes the path longer than 256, so the path limit is the one a learner meets.)
    let path = format!(
        "{}@{}.example",
        "a".repeat(60),
        vec!["d".repeat(60); 4].join(".")
    );
    let mail = format!("MAIL FROM:<{path}>");
    let (code, text) = last(&["EHLO c.example", &mail]);
    assert_eq!(code, 501, "{mail}");
    assert!(
        text.contains("too long, not unreadable") && text.contains("256 octets"),
        "{text}"
    );
}

#[test]
fn a_local_part_over_64_octets_is_accepted() {
    // Issue 13, item 3: RFC 5321 §4.5.3.1 asks servers not to limit it; SRS return paths
    // exceed 64 octets. Before: 501 "its local part has more than the 64 octets".
    let srs = format!("SRS0=HHH=TT=example.com={}", "y".repeat(80));
    let mut lines = TX[..1].to_vec();
    let mail = format!("MAIL FROM:<{srs}@b.example>");
    let rcpt = format!("RCPT TO:<{}@d.example>", "x".repeat(65));
    lines.push(&mail);
    lines.push(&rcpt);
    let all = session(&lines, Voice::You, EN);
    assert_eq!(
        all.iter().map(|(c, _)| *c).collect::<Vec<_>>(),
        [250, 250, 250]
    );
}

#[test]
fn ehlo_inside_a_transaction_says_it_was_thrown_away() {
    let mut lines = TX.to_vec();
    lines.push("EHLO again.example");
    let text = last(&lines).1;
    assert!(
        text.contains("threw away its sender and recipients"),
        "{text}"
    );
    assert!(text.contains("§4.1.4"), "{text}");
}

#[test]
fn the_last_bad_commands_are_announced() {
    assert_eq!(
        bad_commands_warning(2, EN),
        Some("2 more bad commands and the server will close the session.")
    );
    assert!(bad_commands_warning(1, PT)
        .unwrap()
        .contains("Mais um comando errado"));
    assert_eq!(bad_commands_warning(4, EN), None);
    assert_eq!(bad_commands_warning(0, EN), None);
    // Counted by the core: the warning comes before the 421, never after it.
    let mut s = ServerSession::new(ServerConfig::default());
    let mut warned = Vec::new();
    while !s.is_closed() {
        s.receive(b"\r\n");
        if let Some(w) = s
            .bad_commands_left()
            .and_then(|n| bad_commands_warning(n, EN))
        {
            warned.push(w);
        }
    }
    assert_eq!(warned.len(), 3, "{warned:?}");
    assert!(warned[2].starts_with("One more"));
}

#[test]
fn the_503_before_the_hello_is_the_same_for_every_transaction_command() {
    for cmd in [
        "MAIL FROM:<a@b.example>",
        "RCPT TO:<c@d.example>",
        "DATA",
        "BDAT 0 LAST",
    ] {
        let (code, text) = last(&[cmd]);
        assert_eq!(code, 503);
        assert!(text.contains("before greeting the server"), "{cmd}: {text}");
    }
}

#[test]
fn a_chunk_reply_names_the_chunk_it_answers() {
    let mut lines = TX.to_vec();
    // "BDAT 2" takes the CR LF of the empty line as its chunk.
    lines.extend(["BDAT 2", "", "BDAT 0 LAST"]);
    let all = session(&lines, Voice::You, EN);
    let (chunk, end) = (&all[all.len() - 2].1, &all[all.len() - 1].1);
    assert!(
        chunk.contains("added to the message") && !chunk.contains("if this one"),
        "{chunk}"
    );
    assert!(end.contains("That was the LAST chunk"), "{end}");
}

// ---- the stage, the inputs allowed next and the hint ----------------------------------------

use smtp_sim_core::server::{Input, State};
use smtp_sim_explain::guide;

#[test]
fn an_open_chunk_is_the_stage_the_only_input_and_the_hint() {
    // Before: the page showed "Recipient accepted: more, or DATA", allowed "RCPT DATA BDAT …"
    // and "type DATA", and DATA became chunk content.
    let mut s = ServerSession::new(ServerConfig::default());
    for line in TX {
        s.receive(format!("{line}\r\n").as_bytes());
    }
    s.receive(b"BDAT 3\r\n");
    let g = guide(s.state(), &s.inputs(), EN);
    assert_eq!(g.stage, "Receiving a chunk: 3 octets left");
    assert_eq!(g.allowed.len(), 1);
    assert_eq!(g.allowed[0].input, Input::ChunkOctets { left: 3 });
    assert_eq!(g.allowed[0].text, "chunk octets (3 left)");
    assert!(
        g.hint.contains("DATA and RSET included") && g.hint.contains("3"),
        "{}",
        g.hint
    );
    assert!(g.hint.contains("reset the session"), "{}", g.hint);
    let pt = guide(s.state(), &s.inputs(), PT);
    assert_eq!(pt.stage, "Recebendo um bloco: faltam 3 octetos");
    assert!(pt.hint.contains("reinicie a sessão"), "{}", pt.hint);
    s.receive(b"DAT");
    let g = guide(s.state(), &s.inputs(), EN);
    assert_eq!(g.stage, "Sending chunks (BDAT)");
    assert!(g.allowed.iter().any(|a| a.text == "BDAT" && a.literal));
}

#[test]
fn every_state_has_a_stage_a_hint_and_its_inputs_in_both_languages() {
    for state in State::ALL {
        let en = guide(state, state.inputs(), EN);
        let pt = guide(state, state.inputs(), PT);
        assert!(!en.stage.is_empty() && !en.hint.is_empty(), "{state:?}");
        assert_ne!(en.stage, pt.stage, "{state:?}");
        assert_ne!(en.hint, pt.hint, "{state:?}");
        assert_eq!(en.allowed.len(), state.inputs().len());
    }
    let rcpt = guide(State::Rcpt, State::Rcpt.inputs(), EN);
    assert!(rcpt.allowed.iter().any(|a| a.text == "DATA" && a.literal));
    let auth = guide(State::Auth, State::Auth.inputs(), PT);
    let texts: Vec<_> = auth
        .allowed
        .iter()
        .map(|a| (a.text.as_ref(), a.literal))
        .collect();
    assert_eq!(texts, [("uma resposta em base64", false), ("*", true)]);
    assert!(guide(State::Closed, &[], EN).allowed.is_empty());
}

#[test]
fn a_pasted_reply_reads_the_whole_command_line_when_given() {
    let local = "a".repeat(250);
    let mail = format!("MAIL FROM:<{local}@b.example>");
    let text = pasted("501 5.5.4 Path too long", &mail);
    assert!(text.contains("too long, not unreadable"), "{text}");
    let text = pasted("501 5.5.4 Syntax error", "AUTH PLAIN alice wonderland");
    assert!(
        text.contains(&base64::encode(b"\0alice\0wonderland")),
        "{text}"
    );
    // A verb alone still gets the sentence for the verb.
    let text = pasted("501 5.1.7 Bad sender address syntax", "MAIL");
    assert!(text.contains("could not read the sender address"), "{text}");
}
