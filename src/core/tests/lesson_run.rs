//! The evaluator (`docs/lesson-format.md` §13–§15) and `lesson check` (§16): goals judged on
//! the engine's state per exchange, fail lines and hints, transcript steps, lab steps; and the
//! checks that catch a lesson whose idle or naive learner passes.

use std::rc::Rc;

use smtp_sim_core::lesson::{check::check, parse_text, FailRef, Lesson, LessonRun, RunEvent};
use smtp_sim_core::reply::EnhancedCode;

fn lesson(text: &str) -> Lesson {
    parse_text("t.smtp", text).unwrap_or_else(|d| panic!("{}", d[0]))
}

fn events(run: &mut LessonRun) -> Vec<RunEvent> {
    std::iter::from_fn(|| run.poll_event()).collect()
}

fn fails(events: &[RunEvent]) -> Vec<(usize, FailRef, u32)> {
    events
        .iter()
        .filter_map(|e| match e {
            RunEvent::Fail {
                step,
                fail,
                attempts,
            } => Some((*step, *fail, *attempts)),
            _ => None,
        })
        .collect()
}

fn no_explainer(_: &str) -> Option<(u16, Option<EnhancedCode>)> {
    None
}

fn problems(text: &str) -> Vec<String> {
    check(&lesson(text), &mut no_explainer)
        .iter()
        .map(ToString::to_string)
        .collect()
}

const FIRST_354: &str = "%smtp-lesson 1
id: first-354
title: Say 354
setup: EHLO pc.example.test
fail: reply 500 => Not a command.
## envelope: Open a mail transaction
goal: reply 354
fail: reply 503 => Too early.
hint: one
hint: two
solution: MAIL FROM:<ana@example.test>
solution: RCPT TO:<bia@example.test>
solution: DATA
## message: Send it
goal: accepted 1
solution: hi
solution: .
";

#[test]
fn goals_on_state_fail_lines_and_hints() {
    let mut run = LessonRun::new(lesson(FIRST_354));
    let start = events(&mut run);
    assert!(start.contains(&RunEvent::StepStarted { step: 0 }));
    // The greeting and the set-up line are greyed.
    assert!(start
        .iter()
        .all(|e| !matches!(e, RunEvent::Sent { setup: false, .. })));
    run.type_line("DATA");
    run.type_line("RCPT TO:<bia@example.test>");
    let e = events(&mut run);
    assert_eq!(
        fails(&e),
        [(0, FailRef::Step(0), 1), (0, FailRef::Step(0), 2)]
    );
    // After the second attempt the first hint is offered, not revealed.
    assert!(e.contains(&RunEvent::HintOffered { step: 0, hint: 0 }));
    run.type_line("FOO");
    assert_eq!(fails(&events(&mut run)), [(0, FailRef::Header(0), 3)]);
    assert_eq!(run.reveal_hint(), Some(0));
    // Any path that reaches the goal passes: here everything pipelined in one write.
    run.write(b"MAIL FROM:<x@example.test>\r\nRCPT TO:<y@example.test>\r\nDATA\r\n");
    let e = events(&mut run);
    assert!(e.contains(&RunEvent::StepStarted { step: 1 }));
    assert_eq!(run.records()[0].attempts, 3);
    assert_eq!(run.records()[0].hints_revealed, 1);
    assert!(run.records()[0].completed);
    assert_eq!(run.current_step(), Some(1));
    // DATA's content and its end in one write: the end of data is an exchange of its own.
    run.write(b"hello\r\n.\r\n");
    let e = events(&mut run);
    assert!(run.is_complete());
    assert!(matches!(
        e.last(),
        Some(RunEvent::LessonCompleted {
            attempts: 3,
            hints: 1,
            shown: 0
        })
    ));
}

#[test]
fn goals_win_over_fail_lines_in_the_same_exchange() {
    let text = "%smtp-lesson 1
id: a
title: A
## hello: Hello
goal: state ready
fail: reply 250 => That should not show.
solution: EHLO pc.example.test
";
    let mut run = LessonRun::new(lesson(text));
    run.type_line("EHLO pc.example.test");
    let e = events(&mut run);
    assert!(fails(&e).is_empty());
    assert!(run.is_complete());
}

#[test]
fn starttls_completes_only_after_the_new_hello() {
    let text = "%smtp-lesson 1
id: a
title: A
setup: EHLO pc.example.test
## tls: TLS
goal: tls
goal: state ready
solution: STARTTLS
solution: EHLO pc.example.test
";
    let mut run = LessonRun::new(lesson(text));
    run.type_line("STARTTLS");
    assert!(!run.is_complete());
    assert_eq!(run.goals(), [true, false]);
    run.type_line("EHLO pc.example.test");
    assert!(run.is_complete());
}

#[test]
fn step_rules_and_message_goals() {
    let text = "%smtp-lesson 1
id: a
title: A
reply: RCPT <*@gone.example.test> => 550 5.1.1 User unknown
setup: EHLO pc.example.test
## moved: Moved
reply: RCPT <davi@moved.example.test> once => 251 2.1.5 Will forward
goal: reply 251 to rcpt
goal: recipient <davi@MOVED.example.test>
goal: recipients =1
solution: MAIL FROM:<ana@example.test>
solution: RCPT TO:<davi@moved.example.test>
## send: Send
goal: reply 550 5.1.1 to rcpt
goal: accepted 1
goal: header Subject \"hi there\"
goal: has-line \".\"
goal: envelope-to <davi@moved.example.test>
goal: not envelope-to <x@gone.example.test>
solution: RCPT TO:<x@gone.example.test>
solution: DATA
solution: Subject: hi
solution:  there
solution:
solution: ..
solution: .
";
    let l = lesson(text);
    assert!(
        problems(text).iter().all(|p| p.contains("has no hint")),
        "{:?}",
        problems(text)
    );
    let mut run = LessonRun::new(l);
    run.type_line("MAIL FROM:<ana@example.test>");
    run.type_line("RCPT TO:<davi@moved.example.test>");
    assert_eq!(run.current_step(), Some(1));
    // The step's rule is retired with its step: davi is an ordinary recipient now.
    let mut fresh = LessonRun::replay_to(Rc::new(lesson(text)), 1, &mut no_explainer);
    fresh.type_line("RSET");
    fresh.type_line("MAIL FROM:<ana@example.test>");
    fresh.type_line("RCPT TO:<davi@moved.example.test>");
    let e = events(&mut fresh);
    assert!(e.iter().any(
        |e| matches!(e, RunEvent::Received { bytes, .. } if bytes.starts_with(b"250 2.1.5 Ok"))
    ));
}

#[test]
fn transcript_steps_match_s_lines_and_restart() {
    let text = "%smtp-lesson 1
id: a
title: A
setup: EHLO pc.example.test
## stuff: Stuff
C: MAIL FROM:<ana@example.test>
S: 250
C: RCPT TO:<bia@example.test>
S: 250
C: DATA
S: 354
| ..profile
C: .
S: 250
goal: has-line \".profile\"
hint: h
";
    let mut run = LessonRun::new(lesson(text));
    assert_eq!(
        run.next_input().map(|a| a.line),
        Some(6),
        "the first input is offered"
    );
    // A wrong input: the built-in mismatch fail, and the same input is offered again.
    run.type_line("RCPT TO:<bia@example.test>");
    let e = events(&mut run);
    assert!(e.iter().any(
        |e| matches!(e, RunEvent::Mismatch { expected, got: Some(got), .. }
        if expected == "250" && got.starts_with("503"))
    ));
    assert_eq!(run.next_input().map(|a| a.line), Some(6));
    for line in [
        "MAIL FROM:<ana@example.test>",
        "RCPT TO:<bia@example.test>",
        "DATA",
        ".profile",
        ".",
    ] {
        run.type_line(line);
    }
    // The script ran to its end, but the stored line lost its dot: the goal does not hold and
    // the script starts over.
    let e = events(&mut run);
    assert!(e.contains(&RunEvent::ScriptRestarted { step: 0 }));
    assert!(!run.is_complete());
    let mut run = LessonRun::new(lesson(text));
    run.show_me(&mut no_explainer);
    assert!(run.is_complete());
    assert!(run.records()[0].shown);
}

#[test]
fn explained_goals() {
    let text = "%smtp-lesson 1
id: a
title: A
## bounce: Bounce
goal: explained 550 5.1.1
fail: explained 4xx => Temporary.
explain: said: 550 5.1.1 no such user
";
    let mut run = LessonRun::new(lesson(text));
    run.explained(451, None);
    assert_eq!(fails(&events(&mut run)), [(0, FailRef::Step(0), 1)]);
    run.explained(550, Some(EnhancedCode::new(5, 1, 1)));
    assert!(run.is_complete());
}

const LAB: &str = "%smtp-lesson 1
id: lab
title: Lab
lab: relay=passthrough inbound=vulnerable
setup: EHLO evil.example.test
setup: MAIL FROM:<mallory@evil.example.test>
setup: RCPT TO:<bia@example.test>
setup: DATA
## split: Split
goal: split 1 2
fail: split 1 1 => One only.
send: Hi<LF>.<CRLF>MAIL FROM:<ceo@bank.example.test><CRLF>RCPT TO:<bia@example.test><CRLF>DATA<CRLF>Pay.<CRLF>.<CRLF>
## fix: Fix B
goal: lab inbound=lenient
goal: split 1 1
toggle: inbound=lenient
";

#[test]
fn lab_steps() {
    let mut run = LessonRun::new(lesson(LAB));
    run.write(b"Hi\r\n.\r\n");
    let e = events(&mut run);
    assert_eq!(fails(&e), [(0, FailRef::Step(0), 1)]);
    assert!(e
        .iter()
        .any(|e| matches!(e, RunEvent::Lab(r) if r.delivered() == 1)));
    run.write(b"Hi\n.\r\nMAIL FROM:<ceo@bank.example.test>\r\nRCPT TO:<bia@example.test>\r\nDATA\r\nPay.\r\n.\r\n");
    assert_eq!(run.current_step(), Some(1));
    // The toggle runs the lab again with the bytes sent last.
    run.toggle(smtp_sim_core::lab::LabChange {
        relay: None,
        inbound: Some(smtp_sim_core::server::Persona::Lenient),
    });
    assert!(run.is_complete());
    assert!(problems(LAB).iter().all(|p| p.contains("has no hint")));
}

#[test]
fn check_catches_broken_lessons() {
    // The header's set-up already says hello: an idle learner passes step "hello".
    let idle = "%smtp-lesson 1
id: a
title: A
setup: EHLO pc.example.test
## hello: Hello
goal: state ready
hint: h
solution: EHLO pc.example.test
## mail: Mail
goal: state mail
hint: h
solution: MAIL FROM:<a@b.test>
solution: NOOP
";
    assert_eq!(
        problems(idle),
        [
            "t.smtp:5:1: error: step \"hello\": an idle learner passes this step (goals already true: state ready)",
            "t.smtp:9:1: error: step \"mail\": the solution without its last action (line 13) still passes",
        ]
    );
    let unreachable = "%smtp-lesson 1
id: a
title: A
lang: en pt-BR
title[pt-BR]: A
## data: Data
title[pt-BR]: Dados
> Go.
goal: reply 354
goal: accepted 1
hint: h
solution: EHLO x.test
solution: MAIL FROM:<a@b.test>
";
    assert_eq!(
        problems(unreachable),
        [
            "t.smtp:6:1: error: step \"data\": the solution does not reach the goals (still false: reply 354, accepted 1)",
            "t.smtp:8:1: warning: the narration of step \"data\" has no pt-BR translation",
            "t.smtp:11:1: warning: hint 1 of step \"data\" has no pt-BR translation",
        ]
    );
}

#[test]
fn what_a_reply_answers() {
    // The 421 after too many errors answers the bad command; BDAT LAST's 250 answers
    // end-of-data too.
    let text = "%smtp-lesson 1
id: a
title: A
max-errors: 2
setup: EHLO pc.example.test
## bdat: BDAT
goal: reply 250 to end-of-data
solution: MAIL FROM:<a@b.test>
solution: RCPT TO:<c@d.test>
send: BDAT 2 LAST<CRLF>hi
## errors: Errors
goal: reply 421 to rcpt
goal: closed
solution: RCPT TO:<c@d.test>
solution: RCPT TO:<c@d.test>
";
    let mut run = LessonRun::new(lesson(text));
    run.type_line("MAIL FROM:<a@b.test>");
    run.type_line("RCPT TO:<c@d.test>");
    assert_eq!(run.current_step(), Some(0));
    run.write(b"BDAT 2 LAST\r\nhi");
    assert_eq!(run.current_step(), Some(1));
    run.type_line("RCPT TO:<c@d.test>");
    assert!(!run.is_complete());
    run.type_line("RCPT TO:<c@d.test>");
    assert!(run.is_complete());
}
