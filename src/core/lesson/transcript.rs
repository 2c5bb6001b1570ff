//! Transcripts (§18): replaying one against the engine, and turning one into a lesson skeleton.

use super::ast::*;
use super::syntax::encode_send;
use super::{Diagnostic, Severity};
use crate::server::{Event, ServerSession, State};

/// One input of a replayed transcript.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Replayed {
    /// The step (a `##` marker, or the one unnamed step) and the action's index in it.
    pub step: usize,
    /// The action's index in its step.
    pub action: usize,
    /// The state before and after the input.
    pub before: State,
    /// The state after it.
    pub after: State,
    /// The reply lines it caused, as on the wire without CRLF.
    pub lines: Vec<String>,
    /// The codes of the replies it caused.
    pub codes: Vec<u16>,
    /// A message was accepted.
    pub accepted: bool,
}

/// The result of a replay.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Replay {
    /// The greeting's lines.
    pub greeting: Vec<String>,
    /// Each input.
    pub inputs: Vec<Replayed>,
    /// Differences from the recorded `S:` lines (§18.4).
    pub drift: Vec<Diagnostic>,
}

fn reply_lines(events: &[Event]) -> (Vec<String>, Vec<u16>) {
    let mut lines = Vec::new();
    let mut codes = Vec::new();
    for e in events {
        if let Event::Reply { reply, .. } = e {
            codes.push(reply.code);
            let wire = reply.to_bytes();
            lines.extend(
                String::from_utf8_lossy(&wire)
                    .split("\r\n")
                    .filter(|l| !l.is_empty())
                    .map(str::to_owned),
            );
        }
    }
    (lines, codes)
}

fn drain(s: &mut ServerSession) -> Vec<Event> {
    let mut out = Vec::new();
    while let Some(e) = s.poll_event() {
        if let Event::MessageReceived(m) = &e {
            s.accept_message(&m.id.to_string());
        }
        out.push(e);
    }
    s.take_output();
    out
}

/// Replays a transcript (or a lesson's transcript steps in order) and compares every reply line
/// with the recorded `S:` lines, exactly and completely (§18.4). A `C: … <redacted>` exchange is
/// replayed cancelled (RFC 4954 §4: `*`) and not compared.
pub fn replay(lesson: &Lesson) -> Replay {
    let mut s = ServerSession::new(lesson.server.config(&lesson.rules));
    let (greeting, _) = reply_lines(&drain(&mut s));
    let mut out = Replay {
        greeting: greeting.clone(),
        ..Replay::default()
    };
    // The lines the engine gave for the current input, and the recorded ones.
    let mut engine = greeting;
    let mut recorded: Vec<(u32, String)> = Vec::new();
    let mut input_line = 1;
    let mut redacted = false;
    let flush = |engine: &mut Vec<String>,
                 recorded: &mut Vec<(u32, String)>,
                 input_line: u32,
                 redacted: bool,
                 drift: &mut Vec<Diagnostic>| {
        let rec = std::mem::take(recorded);
        let got = std::mem::take(engine);
        if redacted {
            if let Some((line, _)) = rec.first() {
                drift.push(Diagnostic::of_line(
                    lesson,
                    *line,
                    Severity::Warning,
                    "not replayed: credentials redacted".into(),
                ));
            }
            return;
        }
        for i in 0..rec.len().max(got.len()) {
            match (rec.get(i), got.get(i)) {
                (Some((line, r)), Some(g)) if r != g => drift.push(Diagnostic::of_line(
                    lesson,
                    *line,
                    Severity::Error,
                    format!("drift: recorded {r:?}, the engine says {g:?}"),
                )),
                (Some((line, r)), None) => drift.push(Diagnostic::of_line(
                    lesson,
                    *line,
                    Severity::Error,
                    format!("drift: recorded {r:?}, the engine says nothing more"),
                )),
                (None, Some(g)) => drift.push(Diagnostic::of_line(
                    lesson,
                    rec.last().map_or(input_line, |(l, _)| *l),
                    Severity::Error,
                    format!("drift: the engine also says {g:?}"),
                )),
                _ => {}
            }
        }
    };
    for (k, step) in lesson.steps.iter().enumerate() {
        for (i, a) in step.actions.iter().enumerate() {
            if let Action::Expect(t) = &a.item {
                recorded.push((a.line, t.clone()));
                continue;
            }
            let Some(mut bytes) = a.item.bytes() else {
                continue;
            };
            flush(
                &mut engine,
                &mut recorded,
                input_line,
                redacted,
                &mut out.drift,
            );
            input_line = a.line;
            redacted = false;
            if let Action::Command(t) = &a.item {
                if t == "<redacted>" {
                    bytes = b"*\r\n".to_vec();
                    redacted = true;
                } else if let Some(cmd) = t.strip_suffix(" <redacted>") {
                    bytes = format!("{cmd}\r\n").into_bytes();
                    redacted = true;
                }
            }
            let before = s.state();
            s.receive(&bytes);
            let events = drain(&mut s);
            let (lines, codes) = reply_lines(&events);
            engine = lines.clone();
            out.inputs.push(Replayed {
                step: k,
                action: i,
                before,
                after: s.state(),
                lines,
                codes,
                accepted: events
                    .iter()
                    .any(|e| matches!(e, Event::MessageReceived(_))),
            });
            if redacted && s.state() == State::Auth {
                // Answer the 334 with "*": the exchange is cancelled.
                s.receive(b"*\r\n");
                drain(&mut s);
            }
        }
    }
    flush(
        &mut engine,
        &mut recorded,
        input_line,
        redacted,
        &mut out.drift,
    );
    out
}

/// A lesson skeleton from a transcript (§18.5): the inputs as `solution:` lines (`send:` lines
/// stay), the recorded replies as comments, and suggested goals per step. It parses; a teacher
/// sharpens its goals.
pub fn skeleton(lesson: &Lesson) -> String {
    let replay = replay(lesson);
    let mut out = String::from("%smtp-lesson 1\n");
    let id = lesson
        .lesson_ref
        .as_deref()
        .and_then(|r| r.split('@').next())
        .filter(|id| !id.is_empty())
        .unwrap_or("untitled");
    out.push_str(&format!("id: {id}\ntitle: TODO\nlang: en\n"));
    if !lesson.base_lang().eq_ignore_ascii_case("en") {
        out.push_str(&format!("# recorded in {}\n", lesson.base_lang()));
    }
    for l in &lesson.server_keys {
        out.push_str(l);
        out.push('\n');
    }
    let markers = lesson.steps.iter().any(|s| !s.id.is_empty());
    // Group the inputs into steps.
    let mut groups: Vec<Vec<&Replayed>> = vec![Vec::new()];
    let mut last_step = 0;
    for r in &replay.inputs {
        if markers && r.step != last_step && !groups.last().is_some_and(Vec::is_empty) {
            groups.push(Vec::new());
        }
        last_step = r.step;
        groups.last_mut().expect("never empty").push(r);
        let moved = r.after != r.before
            && (matches!(r.after, State::Data | State::Closed)
                || (r.after == State::Ready
                    && matches!(r.before, State::Connected | State::Data | State::Auth)));
        if !markers && moved {
            groups.push(Vec::new());
        }
    }
    groups.retain(|g| !g.is_empty());
    for (n, group) in groups.iter().enumerate() {
        out.push_str(&format!("\n## step-{}: TODO\n", n + 1));
        if n == 0 {
            for g in &replay.greeting {
                out.push_str(&format!("# S: {g}\n"));
            }
        }
        for r in group {
            let a = &lesson.steps[r.step].actions[r.action];
            match &a.item {
                Action::Command(t) | Action::MessageLine(t) | Action::Solution(t) => {
                    out.push_str(&format!("solution: {t}\n"));
                }
                Action::Send(b) => out.push_str(&format!("send: {}\n", encode_send(b))),
                _ => {}
            }
            for l in &r.lines {
                out.push_str(&format!("# S: {l}\n"));
            }
        }
        let last = group.last().expect("groups are not empty");
        if let Some(code) = group.iter().rev().find_map(|r| r.codes.last()) {
            out.push_str(&format!("goal: reply {code}\n"));
        }
        if last.after == State::Closed {
            out.push_str("goal: closed\n");
        } else {
            out.push_str(&format!("goal: state {}\n", state_name(last.after)));
        }
        if group.iter().any(|r| r.accepted) {
            out.push_str("goal: accepted 1\n");
        }
        out.push_str("# hint: TODO\n");
    }
    out
}
