//! The lesson parser against the error table of `docs/lesson-format.md` §17: each bad file gives
//! exactly the line the spec prints; the good files parse.

use smtp_sim_core::lesson::{self, parse, parse_text, Action, Goal, Lesson, StepKind};

/// Where the offending line stands.
#[derive(Clone, Copy)]
enum Context {
    /// The file is just this line (then a valid rest).
    First,
    /// In the header.
    Header,
    /// In step "envelope", whose heading is line 7.
    Step,
}

/// A valid lesson with `bad` at line `at`.
fn file_with(at: usize, bad: &str, context: Context) -> String {
    let mut lines: Vec<String> = Vec::new();
    let push_at = |lines: &mut Vec<String>, n: usize| {
        while lines.len() + 1 < n {
            lines.push("# filler".into());
        }
    };
    match context {
        Context::First => {
            lines.push(bad.into());
            lines.extend(
                [
                    "id: bad",
                    "title: Bad",
                    "## s: S",
                    "goal: reply 250",
                    "solution: NOOP",
                ]
                .map(String::from),
            );
        }
        Context::Header => {
            let mut header: Vec<String> =
                ["%smtp-lesson 1", "id: bad", "title: Bad", "lang: en pt-BR"]
                    .map(String::from)
                    .to_vec();
            while header.len() + 1 < at {
                header.push("# filler".into());
            }
            header.insert(at - 1, bad.into());
            lines = header;
            lines.extend(
                ["## envelope: Envelope", "goal: reply 250", "solution: NOOP"].map(String::from),
            );
        }
        Context::Step => {
            lines.extend(
                ["%smtp-lesson 1", "id: bad", "title: Bad", "lang: en pt-BR"].map(String::from),
            );
            push_at(&mut lines, 7);
            lines.push("## envelope: Envelope".into());
            let mut body: Vec<String> = ["goal: reply 250", "solution: NOOP"]
                .map(String::from)
                .to_vec();
            while 7 + body.len() + 1 < at {
                body.push("# filler".into());
            }
            body.insert(at - 8, bad.into());
            lines.extend(body);
        }
    }
    lines.join("\n") + "\n"
}

fn errors_of(text: &str) -> Vec<String> {
    match parse_text("bad.smtp", text) {
        Ok(_) => Vec::new(),
        Err(d) => d.iter().map(ToString::to_string).collect(),
    }
}

/// §17's table, row by row (its `\|` is a Markdown-escaped `|`).
#[test]
fn the_error_table() {
    let rows: &[(usize, &str, Context, &str)] = &[
        (1, "id: intro", Context::First, r#"bad.smtp:1:1: error: expected "%smtp-lesson 1", "%smtp-transcript 1" or "%smtp-part 1" on the first line, found "id: intro""#),
        (1, "%smtp-lesson 2", Context::First, "bad.smtp:1:14: error: unsupported version 2 of smtp-lesson; this parser reads version 1"),
        (9, "goals: reply 354", Context::Step, r#"bad.smtp:9:1: error: unknown key "goals" (did you mean "goal"?); a step takes goal, fail, hint, solution, setup, send, toggle, explain, reply, lab, include, title[LANG], C:, S:, |, > or ##"#),
        (14, "persona: lenient", Context::Step, r#"bad.smtp:14:1: error: "persona" belongs in the header (before the first step), not in step "envelope""#),
        (12, "goal: replied 354", Context::Step, r#"bad.smtp:12:7: error: unknown goal "replied" (did you mean "reply"?); expected reply, state, closed, recipients, recipient, accepted, envelope-from, envelope-to, body-has, header, has-line, message-size, warning, tls, authenticated, split, lab, explained or not"#),
        (12, "goal: state greeted", Context::Step, r#"bad.smtp:12:13: error: unknown state "greeted"; expected connected, ready, auth, mail, rcpt, data, bdat or closed"#),
        (12, "goal: reply 3541", Context::Step, r#"bad.smtp:12:13: error: expected a reply code (three characters: 2 to 5, then digits or x, as in 354 or 5xx), found "3541""#),
        (13, "fail: reply 503 Too early", Context::Step, r#"bad.smtp:13:17: error: expected "=>" between the condition and the text, as in "fail: reply 503 => Too early", found "Too""#),
        (12, "goal: reply 354 # the go-ahead", Context::Step, r##"bad.smtp:12:17: error: unexpected "#" after the goal; comments are whole lines only"##),
        (20, "send: Hi<lf>.<CRLF>", Context::Step, r#"bad.smtp:20:9: error: "<lf>" is not a token; tokens are upper case: <CR>, <LF>, <CRLF>, <SP>, <TAB>, <NUL>"#),
        (21, r"send: Hi\x0", Context::Step, r#"bad.smtp:21:9: error: "\x" needs two hex digits, as in \x0D"#),
        (3, "title[pt-PT]: Olá", Context::Header, r#"bad.smtp:3:7: error: language "pt-PT" is not declared; lang: lists en, pt-BR"#),
        (18, "## envelope: Again", Context::Step, r#"bad.smtp:18:4: error: step id "envelope" is already used at line 7"#),
        (18, "##envelope: Again", Context::Step, r###"bad.smtp:18:3: error: expected a space after "##" (a step is "## id: Title")"###),
        (16, "goal[pt-BR]: reply 354", Context::Step, r#"bad.smtp:16:6: error: goal is not translated (goals are the same in every language); remove "[pt-BR]""#),
        (22, "reply: DATA => 354", Context::Step, "bad.smtp:22:16: error: a forced reply to data must be 4xx or 5xx, not 354"),
        // Found by the options fuzz target (for faults): no reply code has a second digit over 5.
        (22, "reply: RCPT => 476", Context::Step, r#"bad.smtp:22:16: error: expected a reply code (three digits, 2 to 5 first, 0 to 5 second, as in 550), found "476""#),
        (7, "  goal: reply 354", Context::Header, "bad.smtp:7:1: error: a line may not start with a space; keys, >, |, C:, S:, # and ## start in column 1"),
        (30, "> See [RFC 5321](http://www.rfc-editor.org/rfc/rfc5321)", Context::Step, r#"bad.smtp:30:18: error: links must start with https://, found "http://www.rfc-editor.org/rfc/rfc5321""#),
    ];
    for (i, &(at, bad, context, expected)) in rows.iter().enumerate() {
        let text = file_with(at, bad, context);
        assert_eq!(
            text.lines().nth(at - 1),
            Some(bad),
            "row {}: the file is built wrong",
            i + 1
        );
        let errors = errors_of(&text);
        assert_eq!(errors, [expected], "row {}:\n{text}", i + 1);
    }
}

#[test]
fn limits() {
    let long = format!("# {}", "x".repeat(5000));
    let errors = errors_of(&file_with(7, &long, Context::Header));
    assert_eq!(
        errors,
        ["bad.smtp:7:4097: error: line is longer than 4096 bytes"]
    );
    let big = format!("%smtp-lesson 1\n# {}\n", "x".repeat(1_100_000));
    assert_eq!(
        errors_of(&big),
        ["bad.smtp:1:1: error: file is larger than 1 MiB (1048576 bytes)"]
    );
    // Error floods stop at 100.
    let mut flood = String::from("%smtp-lesson 1\nid: a\ntitle: A\n");
    for _ in 0..500 {
        flood.push_str("bogus: x\n");
    }
    let errors = errors_of(&flood);
    assert_eq!(errors.len(), 101);
    assert!(errors[100].ends_with("too many errors; stopping"));
}

/// The complete lesson of §1.
const FIRST_354: &str = "%smtp-lesson 1
id: first-354
title: Get the server to say 354
title[pt-BR]: Faça o servidor dizer 354
lang: en pt-BR
setup: EHLO pc.example.test

## envelope: Open a mail transaction
title[pt-BR]: Abra uma transação de e-mail
> DATA works only after `MAIL FROM` and at least one accepted `RCPT TO`.
>[pt-BR] DATA só funciona depois de `MAIL FROM` e de ao menos um `RCPT TO` aceito.
goal: reply 354
fail: reply 503 => Too early: name the sender and a recipient first.
fail[pt-BR]: reply 503 => Cedo demais: informe remetente e destinatário antes.
hint: `MAIL FROM:<ana@example.test>` names the sender.
hint[pt-BR]: `MAIL FROM:<ana@example.test>` informa o remetente.
solution: MAIL FROM:<ana@example.test>
solution: RCPT TO:<bia@example.test>
solution: DATA
";

#[test]
fn good_files() {
    let l: Lesson = parse_text("first-354.smtp", FIRST_354).unwrap();
    assert_eq!(l.id, "first-354");
    assert_eq!(l.title.get("pt-BR"), "Faça o servidor dizer 354");
    assert_eq!(l.setup[0].item, "EHLO pc.example.test");
    let s = &l.steps[0];
    assert_eq!(s.kind(), StepKind::Goal);
    assert_eq!(s.goals[0].item.to_string(), "reply 354");
    assert_eq!(
        s.fails[0].text.get("pt-BR"),
        "Cedo demais: informe remetente e destinatário antes."
    );
    assert_eq!(
        s.hints[0].get("pt-BR"),
        "`MAIL FROM:<ana@example.test>` informa o remetente."
    );
    assert_eq!(s.actions.len(), 3);
    assert_eq!(s.narration.lines("pt-BR", "en").len(), 1);

    // CRLF line ends, a byte order mark, trailing spaces: the same lesson.
    let crlf = format!("\u{feff}{}", FIRST_354.replace('\n', "  \r\n"));
    assert_eq!(parse_text("first-354.smtp", &crlf).unwrap().steps, l.steps);

    // A transcript step, a send: with tokens, explain lines joined, reply rules.
    let t = parse_text(
        "t.smtp",
        "%smtp-lesson 1
id: t
title: T
reply: RCPT <*@gone.example.test> 2 times => 550 5.1.1 User unknown
## stuff: Stuff
C: DATA
S: 354
| ..profile
C: .
S: 250
goal: has-line \".profile\"
hint: h
## raw: Raw
send: MAIL FROM:<a@b.test><CRLF>RCPT TO:<c@d.test><CRLF>
explain: 550 5.1.1 one
explain: two
goal: not reply 5xx to rcpt
goal: explained 550 5.1.1
",
    )
    .unwrap();
    assert_eq!(t.steps[0].kind(), StepKind::Transcript);
    assert_eq!(
        t.rules[0].item.reply.to_bytes(),
        b"550 5.1.1 User unknown\r\n"
    );
    assert_eq!(
        t.steps[1].actions[0].item,
        Action::Send(b"MAIL FROM:<a@b.test>\r\nRCPT TO:<c@d.test>\r\n".to_vec())
    );
    assert_eq!(
        t.steps[1].actions[1].item,
        Action::Explain("550 5.1.1 one\ntwo".into())
    );
    assert!(matches!(t.steps[1].goals[0].item, Goal::Not(_)));
}

#[test]
fn includes() {
    let mut parts = |path: &str| match path {
        "lessons/parts/hello.smtp" => Some(b"%smtp-part 1\nsetup: EHLO pc.example.test\n".to_vec()),
        "lessons/parts/loop.smtp" => Some(b"%smtp-part 1\ninclude: loop.smtp\n".to_vec()),
        "lessons/parts/bad.smtp" => Some(b"%smtp-part 1\ngoal: reply 250\n".to_vec()),
        _ => None,
    };
    let lesson = |inc: &str| {
        format!("%smtp-lesson 1\nid: a\ntitle: A\ninclude: {inc}\n## s: S\ngoal: reply 250\nsolution: NOOP\n")
    };
    let ok = parse(
        "lessons/a.smtp",
        lesson("parts/hello.smtp").as_bytes(),
        &mut parts,
    )
    .unwrap();
    assert_eq!(ok.setup[0].item, "EHLO pc.example.test");
    let errs = |inc: &str, parts: &mut dyn FnMut(&str) -> Option<Vec<u8>>| -> Vec<String> {
        parse("lessons/a.smtp", lesson(inc).as_bytes(), parts)
            .unwrap_err()
            .iter()
            .map(ToString::to_string)
            .collect()
    };
    assert_eq!(
        errs("parts/loop.smtp", &mut parts),
        [
            r#"lessons/parts/loop.smtp:2:10: error: "lessons/parts/loop.smtp" is already being included (a cycle) (included from lessons/a.smtp:4)"#
        ]
    );
    assert_eq!(
        errs("parts/bad.smtp", &mut parts),
        [
            r###"lessons/parts/bad.smtp:2:1: error: "goal" belongs in a step (after a "## id: Title" line), not in the header (included from lessons/a.smtp:4)"###
        ]
    );
    assert_eq!(
        errs("parts/none.smtp", &mut parts),
        [r#"lessons/a.smtp:4:10: error: cannot read "lessons/parts/none.smtp""#]
    );
    assert_eq!(
        errs("../x.smtp", &mut parts)[0],
        r#"lessons/a.smtp:4:10: error: an include path is relative, made of A-Z a-z 0-9 . _ - /, without . or .. parts, and ends in .smtp; found "../x.smtp""#
    );
    // Inline lessons cannot include.
    assert!(parse_text("inline", &lesson("parts/hello.smtp")).is_err());
}

/// Hostile input: no panic, bounded output, whatever the bytes.
#[test]
fn arbitrary_bytes_never_panic() {
    use proptest::prelude::*;
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig::with_cases(512));
    let alphabet: Vec<u8> =
        b"%smtp-lesson 1\n##: goal reply 354 <CRLF> \\x0 > [ ] ( ) ` * \" => | C: S: \r\t".to_vec();
    runner
        .run(
            &proptest::collection::vec(proptest::sample::select(alphabet), 0..400),
            |bytes| {
                let mut with_header = b"%smtp-lesson 1\n".to_vec();
                with_header.extend_from_slice(&bytes);
                for input in [&bytes, &with_header] {
                    let result = parse("fuzz.smtp", input, &mut |_: &str| None);
                    if let Err(d) = result {
                        prop_assert!(d.len() <= 101);
                    }
                }
                Ok(())
            },
        )
        .unwrap();
    let _ = lesson::encode_send(b"x");
}
