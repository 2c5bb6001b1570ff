//! The evaluator: a lesson running against the engine (§14, §15).
//!
//! [`LessonRun`] is sans-IO like the sessions it drives: the caller hands it what the learner
//! did ([`LessonRun::write`], [`LessonRun::explained`], [`LessonRun::toggle`], …) and polls
//! [`RunEvent`]s. Goals are evaluated per *exchange* — one command with everything it caused —
//! against the engine's state and the step's history, never against what was typed (§14.3).

use std::collections::VecDeque;
use std::rc::Rc;

#[cfg(feature = "serde")]
use serde::Serialize;

use super::ast::*;
use crate::command::Verb;
use crate::lab::{self, LabChange, LabRun, LabSettings};
use crate::reply::EnhancedCode;
use crate::sequence::Prompt;
use crate::server::{Event, FaultPoint, Message, ServerSession, State, WarningKind};

/// Reads a pasted text with *Explain a real reply* (the catalogue's reader, which the core does
/// not hold): the reply code and enhanced code it found, or `None`.
pub type Explainer<'a> = &'a mut dyn FnMut(&str) -> Option<(u16, Option<EnhancedCode>)>;

/// The evaluator stops a run after this many engine events (§2).
pub const MAX_EVENTS: usize = 100_000;

/// What happened to one step, for `smtp-step` and `smtp-lesson-complete` (§14.4).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[cfg_attr(feature = "serde", serde(rename_all = "camelCase"))]
pub struct StepRecord {
    /// Fail texts shown (fail lines and transcript mismatches).
    pub attempts: u32,
    /// Hints revealed.
    pub hints_revealed: u32,
    /// *Show me* was used.
    pub shown: bool,
    /// The step is complete.
    pub completed: bool,
}

/// Which fail line fired.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
pub enum FailRef {
    /// The n-th fail line of the step.
    Step(usize),
    /// The n-th fail line of the header.
    Header(usize),
}

/// Something the run did, in order. Texts are never here except the lesson's own (the element
/// takes them from the [`Lesson`]); everything else is rendered by the catalogue.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
pub enum RunEvent {
    /// A write to the server: the learner's, or a set-up line (shown greyed).
    Sent {
        /// The bytes.
        bytes: Vec<u8>,
        /// Written by set-up or a replay, not by the learner.
        setup: bool,
    },
    /// The server's bytes.
    Received {
        /// The bytes.
        bytes: Vec<u8>,
        /// Caused by set-up or a replay.
        setup: bool,
    },
    /// Something the engine did.
    Server {
        /// The event.
        event: Event,
        /// Caused by set-up or a replay.
        setup: bool,
    },
    /// A step became active.
    StepStarted {
        /// Its index.
        step: usize,
    },
    /// A step is complete.
    StepCompleted {
        /// Its index.
        step: usize,
        /// Its attempts, hints and *Show me*.
        record: StepRecord,
    },
    /// The last step is complete.
    LessonCompleted {
        /// Attempts over all steps.
        attempts: u32,
        /// Hints revealed over all steps.
        hints: u32,
        /// Steps where *Show me* was used.
        shown: u32,
    },
    /// A fail line fired: show its text (an attempt).
    Fail {
        /// The active step.
        step: usize,
        /// Which line.
        fail: FailRef,
        /// The step's attempts so far.
        attempts: u32,
    },
    /// In a transcript step the replies did not match the `S:` lines (the built-in fail, §13).
    Mismatch {
        /// The active step.
        step: usize,
        /// The `S:` text that found no reply line.
        expected: String,
        /// The first reply line not taken, if any.
        got: Option<String>,
        /// The step's attempts so far.
        attempts: u32,
    },
    /// A transcript step's script starts over (its goals did not hold at its end).
    ScriptRestarted {
        /// The step.
        step: usize,
    },
    /// After every second attempt the next hint is offered (not revealed).
    HintOffered {
        /// The step.
        step: usize,
        /// The hint's index.
        hint: usize,
    },
    /// A hint was revealed.
    HintRevealed {
        /// The step.
        step: usize,
        /// The hint's index.
        hint: usize,
    },
    /// *Explain a real reply* read a code.
    Explained {
        /// The reply code.
        code: u16,
        /// The enhanced code, if any.
        enhanced: Option<EnhancedCode>,
    },
    /// A lab run.
    Lab(Box<LabRun>),
    /// The lab's settings changed (by set-up or a toggle).
    LabChanged {
        /// The new settings.
        settings: LabSettings,
        /// Changed by set-up.
        setup: bool,
    },
    /// The run stopped after [`MAX_EVENTS`] engine events.
    EventLimit,
}

/// What a step has seen since it became active (set-up excluded).
#[derive(Clone, Debug, Default)]
struct History {
    /// Each reply: code, enhanced code, what it answers.
    replies: Vec<(u16, Option<EnhancedCode>, Vec<Point>)>,
    messages: Vec<Message>,
    warnings: Vec<WarningKind>,
    explained: Vec<(u16, Option<EnhancedCode>)>,
    /// The last lab run's (accepted, delivered).
    lab: Option<(u32, u32)>,
}

enum Engine {
    Client(Box<ServerSession>),
    Lab {
        settings: LabSettings,
        last: Option<Vec<u8>>,
        run: Option<Box<LabRun>>,
    },
}

/// A lesson being run.
pub struct LessonRun {
    lesson: Rc<Lesson>,
    engine: Engine,
    step: usize,
    records: Vec<StepRecord>,
    history: History,
    events: VecDeque<RunEvent>,
    /// A transcript step's next input (an index into its inputs).
    script: usize,
    /// Set-up and activation check still to do for the active step.
    pending_activation: bool,
    /// Replaying (restart, lesson check): events greyed, fail lines not shown.
    replaying: bool,
    engine_events: usize,
    stopped: bool,
    /// A fail text showed while replaying (for `lesson check`'s lint): (step, line).
    pub(crate) fails_in_replay: Vec<(usize, u32)>,
    /// `|` lines that reached the engine outside DATA: (step, line).
    pub(crate) message_lines_outside_data: Vec<(usize, u32)>,
    /// Fail texts that would have shown while replaying.
    shadow_attempts: usize,
}

impl LessonRun {
    /// Starts a lesson: the session (or the lab), the header's set-up, step 1.
    pub fn new(lesson: impl Into<Rc<Lesson>>) -> Self {
        Self::started(lesson.into(), false)
    }

    /// A run started with the header's set-up and step 1 done; `replaying`: what it does is
    /// greyed and fail texts are not shown (a replay, `lesson check`).
    fn started(lesson: Rc<Lesson>, replaying: bool) -> Self {
        let mut run = Self {
            engine: Self::engine(&lesson),
            records: vec![StepRecord::default(); lesson.steps.len()],
            lesson,
            step: 0,
            history: History::default(),
            events: VecDeque::new(),
            script: 0,
            pending_activation: false,
            replaying,
            engine_events: 0,
            stopped: false,
            fails_in_replay: Vec::new(),
            message_lines_outside_data: Vec::new(),
            shadow_attempts: 0,
        };
        run.start();
        run
    }

    fn engine(lesson: &Lesson) -> Engine {
        match lesson.lab {
            Some(settings) => Engine::Lab {
                settings,
                last: None,
                run: None,
            },
            None => Engine::Client(Box::new(ServerSession::new(
                lesson.server.config(&lesson.rules),
            ))),
        }
    }

    fn start(&mut self) {
        self.drain_engine(true);
        if self.lesson.lab.is_none() {
            let lines: Vec<String> = self.lesson.setup.iter().map(|s| s.item.clone()).collect();
            for l in lines {
                self.send_line(&l, true);
            }
        }
        if !self.lesson.steps.is_empty() {
            self.activate(0);
            self.finish_action();
        }
    }

    // ---- where the run stands -----------------------------------------------------------------

    /// The lesson.
    pub fn lesson(&self) -> &Lesson {
        &self.lesson
    }

    /// The active step, or `None` once the lesson is complete.
    pub fn current_step(&self) -> Option<usize> {
        (self.step < self.lesson.steps.len()).then_some(self.step)
    }

    /// True once every step is complete.
    pub fn is_complete(&self) -> bool {
        self.step >= self.lesson.steps.len()
    }

    /// What happened to each step.
    pub fn records(&self) -> &[StepRecord] {
        &self.records
    }

    /// The session (client lessons).
    pub fn session(&self) -> Option<&ServerSession> {
        match &self.engine {
            Engine::Client(s) => Some(s),
            Engine::Lab { .. } => None,
        }
    }

    /// The lab's settings (lab lessons).
    pub fn lab_settings(&self) -> Option<LabSettings> {
        match &self.engine {
            Engine::Lab { settings, .. } => Some(*settings),
            Engine::Client(_) => None,
        }
    }

    /// The last lab run (lab lessons).
    pub fn last_lab_run(&self) -> Option<&LabRun> {
        match &self.engine {
            Engine::Lab { run, .. } => run.as_deref(),
            Engine::Client(_) => None,
        }
    }

    /// For each goal of the active step, whether it holds now (the checklist).
    pub fn goals(&self) -> Vec<bool> {
        self.active()
            .map(|s| s.goals.iter().map(|g| self.holds(&g.item)).collect())
            .unwrap_or_default()
    }

    /// In a transcript step, the input the element offers next.
    pub fn next_input(&self) -> Option<&At<Action>> {
        let step = self.active()?;
        step.actions
            .iter()
            .filter(|a| a.item.is_input())
            .nth(self.script)
    }

    /// The next event, oldest first.
    pub fn poll_event(&mut self) -> Option<RunEvent> {
        self.events.pop_front()
    }

    fn active(&self) -> Option<&Step> {
        self.lesson.steps.get(self.step)
    }

    // ---- what the learner does ----------------------------------------------------------------

    /// One write: a typed line with its CRLF, a paste (all its lines in one write, §14.3), a
    /// `send:`. In a lab lesson, the attacker's bytes: a lab run.
    pub fn write(&mut self, bytes: &[u8]) {
        if self.stopped || self.is_complete() {
            return;
        }
        if matches!(self.engine, Engine::Lab { .. }) {
            self.lab_send(bytes);
        } else if self
            .active()
            .is_some_and(|s| s.kind() == StepKind::Transcript)
        {
            self.script_input(bytes);
        } else {
            let exchanges = self.client_write(bytes, false);
            for ex in exchanges {
                self.exchange(&ex);
            }
        }
        self.finish_action();
    }

    /// A typed line: `text` and CRLF, one write.
    pub fn type_line(&mut self, text: &str) {
        let mut b = text.as_bytes().to_vec();
        b.extend_from_slice(b"\r\n");
        self.write(&b);
    }

    /// *Explain a real reply* read a reply with this code.
    pub fn explained(&mut self, code: u16, enhanced: Option<EnhancedCode>) {
        if self.stopped || self.is_complete() {
            return;
        }
        self.push(RunEvent::Explained { code, enhanced });
        self.history.explained.push((code, enhanced));
        self.judge(&[Fire::Explained(code, enhanced)]);
        self.finish_action();
    }

    /// Flips lab switches; the lab runs again with the bytes sent last, if any (§8.7).
    pub fn toggle(&mut self, change: LabChange) {
        if self.stopped || self.is_complete() {
            return;
        }
        let Engine::Lab { settings, last, .. } = &mut self.engine else {
            return;
        };
        settings.apply(change);
        let (s, last) = (*settings, last.clone());
        self.push(RunEvent::LabChanged {
            settings: s,
            setup: self.replaying,
        });
        match last {
            Some(bytes) => self.lab_send(&bytes),
            None => self.judge(&[]),
        }
        self.finish_action();
    }

    /// *Continue* on a read step.
    pub fn continue_read(&mut self) {
        if self.active().is_some_and(|s| s.kind() == StepKind::Read) {
            self.complete();
            self.finish_action();
        }
    }

    /// Reveals the next hint of the active step; its index, or `None` when all are shown.
    pub fn reveal_hint(&mut self) -> Option<usize> {
        let step = self.current_step()?;
        let n = self.records[step].hints_revealed as usize;
        (n < self.lesson.steps[step].hints.len()).then(|| {
            self.records[step].hints_revealed += 1;
            self.push(RunEvent::HintRevealed { step, hint: n });
            n
        })
    }

    /// One action of a solution, done as the learner would (§14.5).
    pub fn perform(&mut self, action: &Action, explain: Explainer<'_>) {
        match action {
            Action::Toggle(c) => self.toggle(*c),
            Action::Explain(text) => {
                if let Some((code, e)) = explain(text) {
                    self.explained(code, e);
                }
            }
            Action::Expect(_) => {}
            other => {
                if let Some(b) = other.bytes() {
                    self.write(&b);
                }
            }
        }
    }

    /// *Show me*: plays the active step's solution (its script, in a transcript step).
    pub fn show_me(&mut self, explain: Explainer<'_>) {
        let Some(step) = self.current_step() else {
            return;
        };
        self.records[step].shown = true;
        self.play(step, explain);
    }

    /// Plays step `step`'s actions while it is the active one.
    pub(crate) fn play(&mut self, step: usize, explain: Explainer<'_>) {
        let lesson = Rc::clone(&self.lesson);
        let s = &lesson.steps[step];
        if s.kind() == StepKind::Read {
            return self.continue_read();
        }
        for a in s.actions.iter().filter(|a| a.item.is_input()) {
            if self.step != step || self.stopped {
                break;
            }
            if let (Action::MessageLine(_), Some(session)) = (&a.item, self.session()) {
                if session.state() != State::Data {
                    self.message_lines_outside_data.push((step, a.line));
                }
            }
            let before = self.fails_shown();
            self.perform(&a.item, explain);
            if self.replaying && self.fails_shown() > before {
                self.fails_in_replay.push((step, a.line));
            }
        }
    }

    fn fails_shown(&self) -> usize {
        self.records
            .iter()
            .map(|r| r.attempts as usize)
            .sum::<usize>()
            + self.shadow_attempts
    }

    /// *Restart step*: a new session, every earlier step's activation and solution replayed
    /// (shown greyed), then the active step activated again (§14.6).
    pub fn restart_step(&mut self, explain: Explainer<'_>) {
        let target = self.step.min(self.lesson.steps.len());
        let records = self.records.clone();
        let mut fresh = Self::replay_to(Rc::clone(&self.lesson), target, explain);
        fresh.records = records;
        if target < fresh.records.len() {
            fresh.records[target].completed = false;
        }
        let events: Vec<RunEvent> = fresh.events.drain(..).collect();
        *self = fresh;
        self.events.extend(events);
    }

    /// A run with steps `0..target` replayed by their solutions (greyed), and step `target`
    /// active: resuming at a saved step, *Restart step*, and `lesson check`.
    pub fn replay_to(lesson: Rc<Lesson>, target: usize, explain: Explainer<'_>) -> Self {
        let mut run = Self::started(lesson, true);
        while run.step < target && !run.stopped {
            let step = run.step;
            run.play(step, explain);
            if run.step == step {
                // The solution did not complete it (a broken lesson): move on regardless.
                run.complete();
                run.finish_action();
            }
        }
        run.replaying = false;
        run
    }

    /// Completes the active step without its goals (for `lesson check`, to go on checking the
    /// steps after a broken one).
    pub(crate) fn force_complete(&mut self) {
        if !self.is_complete() {
            self.complete();
            self.finish_action();
        }
    }

    // ---- steps ----------------------------------------------------------------------------------

    fn push(&mut self, e: RunEvent) {
        self.events.push_back(e);
    }

    fn activate(&mut self, k: usize) {
        self.step = k;
        self.history = History::default();
        self.script = 0;
        let lesson = Rc::clone(&self.lesson);
        let step = &lesson.steps[k];
        match &mut self.engine {
            Engine::Client(s) => {
                s.set_step_faults(step.rules.iter().map(|r| r.item.clone()).collect())
            }
            Engine::Lab { settings, .. } => {
                if let Some(change) = step.lab {
                    settings.apply(change);
                    let s = *settings;
                    self.events.push_back(RunEvent::LabChanged {
                        settings: s,
                        setup: true,
                    });
                }
            }
        }
        self.push(RunEvent::StepStarted { step: k });
        self.pending_activation = true;
    }

    /// The end of an action: set-up lines of a step activated during it, then its activation
    /// check (§14.2).
    fn finish_action(&mut self) {
        while self.pending_activation && !self.is_complete() {
            self.pending_activation = false;
            let lesson = Rc::clone(&self.lesson);
            let step = &lesson.steps[self.step];
            if matches!(self.engine, Engine::Client(_)) {
                for s in &step.setup {
                    self.send_line(&s.item, true);
                }
            }
            if step.kind() == StepKind::Goal && self.all_goals_hold() {
                self.complete();
            }
        }
    }

    fn all_goals_hold(&self) -> bool {
        self.active()
            .is_some_and(|s| !s.goals.is_empty() && s.goals.iter().all(|g| self.holds(&g.item)))
    }

    fn complete(&mut self) {
        let k = self.step;
        if k >= self.lesson.steps.len() {
            return;
        }
        self.records[k].completed = true;
        self.push(RunEvent::StepCompleted {
            step: k,
            record: self.records[k],
        });
        if k + 1 < self.lesson.steps.len() {
            self.activate(k + 1);
        } else {
            self.step = self.lesson.steps.len();
            let (a, h, s) = self.records.iter().fold((0, 0, 0), |(a, h, s), r| {
                (a + r.attempts, h + r.hints_revealed, s + u32::from(r.shown))
            });
            if let Engine::Client(s) = &mut self.engine {
                s.set_step_faults(Vec::new());
            }
            self.push(RunEvent::LessonCompleted {
                attempts: a,
                hints: h,
                shown: s,
            });
        }
    }

    // ---- the client session ---------------------------------------------------------------------

    fn send_line(&mut self, text: &str, setup: bool) {
        let mut b = text.as_bytes().to_vec();
        b.extend_from_slice(b"\r\n");
        self.client_write(&b, setup);
    }

    /// Feeds one write; returns its events cut into exchanges (§14.3).
    fn client_write(&mut self, bytes: &[u8], setup: bool) -> Vec<Vec<Event>> {
        let setup = setup || self.replaying;
        self.push(RunEvent::Sent {
            bytes: bytes.to_vec(),
            setup,
        });
        if let Engine::Client(s) = &mut self.engine {
            s.receive(bytes);
        }
        let events = self.drain_engine(setup);
        let mut exchanges: Vec<Vec<Event>> = Vec::new();
        let mut cut = true;
        for e in events {
            if matches!(e, Event::Command { .. }) {
                cut = true;
            }
            if cut || exchanges.is_empty() {
                exchanges.push(Vec::new());
                cut = false;
            }
            let into_data = matches!(
                e,
                Event::StateChanged {
                    to: State::Data,
                    ..
                }
            );
            exchanges.last_mut().expect("pushed above").push(e);
            if into_data {
                cut = true;
            }
        }
        exchanges
    }

    /// Takes the engine's events and output, accepting each message at once (the lesson's
    /// server stores in memory, which cannot fail).
    fn drain_engine(&mut self, setup: bool) -> Vec<Event> {
        let Engine::Client(s) = &mut self.engine else {
            return Vec::new();
        };
        let mut out = Vec::new();
        while let Some(e) = s.poll_event() {
            if let Event::MessageReceived(m) = &e {
                s.accept_message(&m.id.to_string());
            }
            out.push(e);
        }
        let bytes = s.take_output();
        self.engine_events += out.len();
        for e in &out {
            self.events.push_back(RunEvent::Server {
                event: e.clone(),
                setup,
            });
        }
        if !bytes.is_empty() {
            self.events.push_back(RunEvent::Received { bytes, setup });
        }
        if self.engine_events > MAX_EVENTS && !self.stopped {
            self.stopped = true;
            self.events.push_back(RunEvent::EventLimit);
        }
        out
    }

    /// Records an exchange in the step's history; completes the step if its goals hold, or
    /// shows the first fail line it fires.
    fn exchange(&mut self, events: &[Event]) {
        if self.is_complete() {
            return;
        }
        let replies = self.record(events);
        let fired = fired_events(events, &replies);
        self.judge(&fired);
    }

    /// Goals first, then fail lines (§14.3 steps 2 and 3).
    fn judge(&mut self, fired: &[Fire<'_>]) {
        if self.is_complete() {
            return;
        }
        let kind = self.active().map(Step::kind);
        if kind == Some(StepKind::Goal) && self.all_goals_hold() {
            self.complete();
            return;
        }
        self.fail_check(fired);
    }

    /// Shows the first fail line an event fires (step's, then header's); returns whether one
    /// fired.
    fn fail_check(&mut self, fired: &[Fire<'_>]) -> bool {
        let Some(step) = self.active() else {
            return false;
        };
        let k = self.step;
        let mut hit = None;
        'events: for f in fired {
            for (i, fl) in step.fails.iter().enumerate() {
                if f.fires(&fl.condition) {
                    hit = Some(FailRef::Step(i));
                    break 'events;
                }
            }
            for (i, fl) in self.lesson.fails.iter().enumerate() {
                if f.fires(&fl.condition) {
                    hit = Some(FailRef::Header(i));
                    break 'events;
                }
            }
        }
        let Some(fail) = hit else { return false };
        self.attempt(k, |attempts| RunEvent::Fail {
            step: k,
            fail,
            attempts,
        });
        true
    }

    /// Counts an attempt and shows it; offers the next hint after every second one (§14.4).
    fn attempt(&mut self, k: usize, event: impl FnOnce(u32) -> RunEvent) {
        if self.replaying {
            self.shadow_attempts += 1;
            return;
        }
        self.records[k].attempts += 1;
        let attempts = self.records[k].attempts;
        self.push(event(attempts));
        let next = self.records[k].hints_revealed as usize;
        if attempts.is_multiple_of(2) && next < self.lesson.steps[k].hints.len() {
            self.push(RunEvent::HintOffered {
                step: k,
                hint: next,
            });
        }
    }

    /// Adds an exchange's events to the history; returns each reply's points.
    fn record(&mut self, events: &[Event]) -> Vec<Vec<Point>> {
        let message_here = events
            .iter()
            .any(|e| matches!(e, Event::MessageReceived(_)));
        let mut points_of_replies = Vec::new();
        let mut last: Vec<Point> = Vec::new();
        for e in events {
            match e {
                Event::Reply { reply, answers, .. } => {
                    let mut points = match answers {
                        Prompt::Connect => vec![Point::At(FaultPoint::Greeting)],
                        Prompt::Command(v) => vec![Point::At(FaultPoint::of(*v))],
                        Prompt::Unknown => vec![Point::Unknown],
                        Prompt::AuthResponse => vec![Point::At(FaultPoint::Auth)],
                        Prompt::EndOfData => vec![Point::At(FaultPoint::EndOfData)],
                        // The 421 after too many errors answers the bad command (§9).
                        Prompt::Closing(_) => last.clone(),
                    };
                    if *answers == Prompt::Command(Verb::Bdat) && message_here {
                        points.push(Point::At(FaultPoint::EndOfData));
                    }
                    last = points.clone();
                    self.history
                        .replies
                        .push((reply.code, reply.enhanced, points.clone()));
                    points_of_replies.push(points);
                }
                Event::MessageReceived(m) => self.history.messages.push(m.clone()),
                Event::Warning(w) => self.history.warnings.push(w.kind()),
                _ => {}
            }
        }
        points_of_replies
    }

    // ---- transcript steps -----------------------------------------------------------------------

    /// One input of a transcript step, judged as a whole (§13).
    fn script_input(&mut self, bytes: &[u8]) {
        let lesson = Rc::clone(&self.lesson);
        let step = &lesson.steps[self.step];
        let inputs: Vec<usize> = step
            .actions
            .iter()
            .enumerate()
            .filter(|(_, a)| a.item.is_input())
            .map(|(i, _)| i)
            .collect();
        let at = inputs.get(self.script).copied().unwrap_or(0);
        let expects: Vec<&str> = step.actions[at + 1..]
            .iter()
            .take_while(|a| !a.item.is_input())
            .filter_map(|a| match &a.item {
                Action::Expect(t) => Some(t.as_str()),
                _ => None,
            })
            .collect();
        let exchanges = self.client_write(bytes, false);
        let events: Vec<Event> = exchanges.into_iter().flatten().collect();
        let replies = self.record(&events);
        let lines: Vec<String> = events
            .iter()
            .filter_map(|e| match e {
                Event::Reply { reply, .. } => Some(reply.to_bytes()),
                _ => None,
            })
            .flat_map(|b| {
                String::from_utf8_lossy(&b)
                    .split("\r\n")
                    .filter(|l| !l.is_empty())
                    .map(str::to_owned)
                    .collect::<Vec<_>>()
            })
            .collect();
        let mut taken = vec![false; lines.len()];
        let mut missing = None;
        for want in &expects {
            match lines
                .iter()
                .enumerate()
                .find(|(i, l)| !taken[*i] && l.starts_with(want))
            {
                Some((i, _)) => taken[i] = true,
                None => {
                    missing = Some((*want).to_owned());
                    break;
                }
            }
        }
        if missing.is_none() {
            self.script += 1;
        }
        let done = self.script >= inputs.len();
        if done && self.goals_hold_for_script() {
            self.complete();
            return;
        }
        let fired = fired_events(&events, &replies);
        let shown = self.fail_check(&fired);
        if let (false, Some(expected)) = (shown, missing) {
            let got = lines
                .iter()
                .zip(&taken)
                .find(|(_, t)| !**t)
                .map(|(l, _)| l.clone());
            let k = self.step;
            self.attempt(k, |attempts| RunEvent::Mismatch {
                step: k,
                expected,
                got,
                attempts,
            });
        }
        if done {
            self.script = 0;
            let k = self.step;
            self.push(RunEvent::ScriptRestarted { step: k });
        }
    }

    fn goals_hold_for_script(&self) -> bool {
        self.active()
            .is_some_and(|s| s.goals.iter().all(|g| self.holds(&g.item)))
    }

    // ---- the lab ----------------------------------------------------------------------------------

    fn lab_send(&mut self, bytes: &[u8]) {
        let Engine::Lab { settings, .. } = &self.engine else {
            return;
        };
        let settings = *settings;
        let mut prelude: Vec<String> = self.lesson.setup.iter().map(|s| s.item.clone()).collect();
        if let Some(step) = self.active() {
            prelude.extend(step.setup.iter().map(|s| s.item.clone()));
        }
        let prelude: Vec<&str> = prelude.iter().map(String::as_str).collect();
        let run = lab::run(settings, &prelude, bytes);
        let split = (run.accepted() as u32, run.delivered() as u32);
        if let Engine::Lab {
            last, run: slot, ..
        } = &mut self.engine
        {
            *last = Some(bytes.to_vec());
            *slot = Some(Box::new(run.clone()));
        }
        self.engine_events += run.relay.events.len() + run.inbound.events.len();
        self.push(RunEvent::Lab(Box::new(run)));
        self.history.lab = Some(split);
        self.judge(&[Fire::Split(split.0, split.1)]);
    }

    // ---- goals ----------------------------------------------------------------------------------

    /// The last message accepted since the step became active.
    fn message(&self) -> Option<&Message> {
        self.history.messages.last()
    }

    fn holds(&self, goal: &Goal) -> bool {
        let session = self.session();
        match goal {
            Goal::Reply(m) => self
                .history
                .replies
                .iter()
                .any(|(code, e, points)| reply_matches(m, *code, *e, points)),
            Goal::State(s) => session.is_some_and(|x| x.state() == *s),
            Goal::Closed => session.is_some_and(ServerSession::is_closed),
            Goal::Recipients(c) => session.is_some_and(|x| c.holds(x.recipients().len())),
            Goal::Recipient(p) => session.is_some_and(|x| x.recipients().iter().any(|r| p.is(r))),
            Goal::Accepted(c) => c.holds(self.history.messages.len()),
            Goal::EnvelopeFrom(p) => self.message().is_some_and(|m| p.is(&m.reverse_path)),
            Goal::EnvelopeTo(p) => self
                .message()
                .is_some_and(|m| m.recipients.iter().any(|r| p.is(r))),
            Goal::BodyHas(t) => self
                .message()
                .is_some_and(|m| contains(&m.content, t.as_bytes())),
            Goal::Header(name, t) => self
                .message()
                .is_some_and(|m| header_has(&m.content, name, t)),
            Goal::HasLine(t) => self.message().is_some_and(|m| has_line(&m.content, t)),
            Goal::MessageSize(c) => self.message().is_some_and(|m| c.holds(m.content.len())),
            Goal::Warning(k) => self.history.warnings.contains(k),
            Goal::Tls => session.is_some_and(ServerSession::is_tls),
            Goal::Authenticated(user) => session
                .and_then(ServerSession::authenticated_user)
                .is_some_and(|u| user.as_deref().is_none_or(|w| w == u)),
            Goal::Split(a, b) => self.history.lab == Some((*a, *b)),
            Goal::Lab(change) => self.lab_settings().is_some_and(|s| s.satisfies(*change)),
            Goal::Explained(p, e) => self
                .history
                .explained
                .iter()
                .any(|(c, ce)| p.matches(*c) && e.is_none_or(|e| Some(e) == *ce)),
            Goal::Not(g) => !self.holds(g),
        }
    }
}

/// An event a fail condition can fire on (§10).
#[derive(Clone, Copy, Debug)]
enum Fire<'a> {
    Reply(u16, Option<EnhancedCode>, &'a [Point]),
    State(State),
    Warning(WarningKind),
    Accepted,
    Split(u32, u32),
    Explained(u16, Option<EnhancedCode>),
}

impl Fire<'_> {
    fn fires(&self, c: &Condition) -> bool {
        match (self, c) {
            (Fire::Reply(code, e, points), Condition::Reply(m)) => {
                reply_matches(m, *code, *e, points)
            }
            (Fire::State(to), Condition::State(s)) => s == to,
            (Fire::State(to), Condition::Closed) => *to == State::Closed,
            (Fire::Warning(k), Condition::Warning(w)) => k == w,
            (Fire::Accepted, Condition::Accepted) => true,
            (Fire::Split(a, b), Condition::Split(x, y)) => (a, b) == (x, y),
            (Fire::Explained(code, e), Condition::Explained(p, want)) => {
                p.matches(*code) && want.is_none_or(|w| Some(w) == *e)
            }
            _ => false,
        }
    }
}

/// The events of an exchange a fail line may fire on, in order.
fn fired_events<'a>(events: &[Event], replies: &'a [Vec<Point>]) -> Vec<Fire<'a>> {
    let mut out = Vec::new();
    let mut r = 0;
    for e in events {
        match e {
            Event::Reply { reply, .. } => {
                let points = replies.get(r).map_or(&[][..], Vec::as_slice);
                r += 1;
                out.push(Fire::Reply(reply.code, reply.enhanced, points));
            }
            Event::StateChanged { to, .. } => out.push(Fire::State(*to)),
            Event::Warning(w) => out.push(Fire::Warning(w.kind())),
            Event::MessageReceived(_) => out.push(Fire::Accepted),
            _ => {}
        }
    }
    out
}

fn reply_matches(m: &ReplyMatch, code: u16, e: Option<EnhancedCode>, points: &[Point]) -> bool {
    m.code.matches(code)
        && m.enhanced.is_none_or(|want| e == Some(want))
        && m.to.is_none_or(|to| points.contains(&to))
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    needle.is_empty() || hay.windows(needle.len()).any(|w| w == needle)
}

/// The content's lines split at CRLF (a bare LF does not split); the piece after a final CRLF
/// is not a line.
fn lines(content: &[u8]) -> Vec<&[u8]> {
    let mut out = Vec::new();
    let mut rest = content;
    while !rest.is_empty() {
        match rest.windows(2).position(|w| w == b"\r\n") {
            Some(i) => {
                out.push(&rest[..i]);
                rest = &rest[i + 2..];
            }
            None => {
                out.push(rest);
                break;
            }
        }
    }
    out
}

fn has_line(content: &[u8], text: &str) -> bool {
    lines(content).contains(&text.as_bytes())
}

/// A header field NAME (ASCII case-insensitive) whose unfolded value holds TEXT (RFC 5322
/// §2.2.3); the header section ends at the first empty line.
fn header_has(content: &[u8], name: &str, text: &str) -> bool {
    let mut fields: Vec<Vec<u8>> = Vec::new();
    for line in lines(content) {
        if line.is_empty() {
            break;
        }
        if matches!(line.first(), Some(b' ' | b'\t')) {
            if let Some(f) = fields.last_mut() {
                f.extend_from_slice(line);
            }
        } else {
            fields.push(line.to_vec());
        }
    }
    fields.iter().any(|f| {
        let Some(colon) = f.iter().position(|&b| b == b':') else {
            return false;
        };
        f[..colon].eq_ignore_ascii_case(name.as_bytes())
            && contains(&f[colon + 1..], text.as_bytes())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn message_goals() {
        let m = b"From: Ana\r\n <ana@example.test>\r\nSubject: hi\r\n\r\n..x\r\n.\r\n\r\n";
        assert!(header_has(m, "from", "<ana@example.test>"));
        assert!(!header_has(m, "To", "ana"));
        assert!(has_line(m, "."));
        assert!(has_line(m, ""));
        assert!(!has_line(b"a\r\n", ""));
        assert!(!has_line(b"a\nb\r\n", "b"));
    }
}
