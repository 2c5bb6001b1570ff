//! `LessonRun`: a lesson (`docs/lesson-format.md`) running against the engine in the page.
//!
//! The core's evaluator does the work (`smtp_sim_core::lesson::LessonRun`): goals are judged on
//! the engine's state, never on keystrokes (§9, §14). This class hands the page the lesson's own
//! texts in one language (narration as Markdown-lite blocks, hints and fail texts as inline
//! runs), and after every action what happened, in order: the writes (set-up lines greyed), the
//! engine's events with reply ids for `explain`, steps started and completed, fail lines fired,
//! hints offered, lab runs. Behind the cargo feature `lessons`.

use std::rc::Rc;

use serde::{Deserialize, Serialize};
use tsify::{Ts, Tsify};
use wasm_bindgen::prelude::*;

use smtp_sim_core::lab::{LabChange, Relay};
use smtp_sim_core::lesson::markdown::{self, Block, Inline};
use smtp_sim_core::lesson::{
    self as core_lesson, Action, FailRef, Goal, Lesson, RunEvent, StepKind, StepRecord,
};
use smtp_sim_core::reply::EnhancedCode;
use smtp_sim_core::server::{Persona, State};
use smtp_sim_explain::{Guide, Lang, Voice};

use crate::lab::LabView;
use crate::replies::{explain_and_language, Replies};
use crate::server_session::SessionEvent;
use crate::shared::{from_js, js_error, json_js, to_js, Limits};

/// Options for `new LessonRun(text, options)`; every field is optional.
#[derive(Debug, Default, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct LessonOptions {
    /// The file name in error messages. Default `"lesson.smtp"`.
    #[tsify(optional)]
    pub file: Option<String>,
    /// The text comes from a page's `<script type="text/x-smtp-lesson">`: one newline after the
    /// tag and the common indentation are dropped first (§2), and errors name `inline`.
    #[tsify(optional)]
    pub inline: Option<bool>,
    /// Language of the lesson's texts and of explanations. Default `"en"`.
    #[tsify(optional)]
    pub language: Option<Lang>,
    /// Resume at this step (saved progress): the steps before it are replayed by their
    /// solutions, greyed (§14.6). Default 0.
    #[tsify(optional)]
    pub resume_at: Option<usize>,
}

/// A goal of a step, for the checklist: its kind and its value as the lesson writes them.
#[derive(Serialize, Tsify)]
#[tsify(missing_as_null)]
#[serde(rename_all = "camelCase")]
pub struct GoalView {
    /// The goal word (`reply`, `state`, `accepted`, `split`, …), after any `not`.
    pub kind: String,
    /// The rest of the goal as written (`354`, `rcpt`, `1 2`), or `""`.
    pub detail: String,
    /// `not GOAL`.
    pub negated: bool,
    /// The whole goal as written (`reply 354 to data`).
    pub written: String,
}

/// One action of a step's solution (what *Show me* plays), as the learner would do it.
#[derive(Serialize, Tsify)]
#[tsify(missing_as_null)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum SolutionView {
    /// A typed line (`solution:`, `C:`, `|`): the text, without its CRLF.
    Line {
        /// The text.
        text: String,
    },
    /// `send:` bytes, written with the lesson's tokens (`<CRLF>`, `\xHH`).
    Bytes {
        /// The tokens.
        tokens: String,
    },
    /// A lab switch: `toggle: HOP=NAME`.
    Toggle {
        /// Relay A's new setting, if it changes.
        relay: Option<String>,
        /// Inbound B's new setting, if it changes.
        inbound: Option<Persona>,
    },
    /// A paste into *Explain a real reply*.
    Explain {
        /// The text.
        text: String,
    },
}

/// One step in the element's language.
#[derive(Serialize, Tsify)]
#[tsify(missing_as_null)]
#[serde(rename_all = "camelCase")]
pub struct StepView {
    /// The step's stable id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Goal, transcript or read step.
    pub kind: StepKind,
    /// Its narration.
    pub narration: Vec<Block>,
    /// Its goals, in order.
    pub goals: Vec<GoalView>,
    /// How many hints it has (revealed one at a time).
    pub hints: usize,
    /// Its solution (or script), in order.
    pub solution: Vec<SolutionView>,
}

/// The lesson in the element's language.
#[derive(Serialize, Tsify)]
#[tsify(missing_as_null)]
#[serde(rename_all = "camelCase")]
pub struct LessonView {
    /// The lesson's stable id.
    pub id: String,
    /// `revision:` (progress is kept per `id@revision`).
    pub revision: u32,
    /// Its title.
    pub title: String,
    /// `summary:`, if any.
    pub summary: Option<String>,
    /// `minutes:`, if any.
    pub minutes: Option<u32>,
    /// The languages it is written in, the base first.
    pub langs: Vec<String>,
    /// The language of these texts (the element's, or the base language when the lesson lacks
    /// it).
    pub lang: String,
    /// A lab lesson (§15): the learner sends bytes through the two-hop lab.
    pub lab: bool,
    /// The introduction.
    pub intro: Vec<Block>,
    /// The steps.
    pub steps: Vec<StepView>,
}

/// Something the run did, in order.
#[derive(Serialize, Tsify)]
#[tsify(missing_as_null)]
#[serde(tag = "type")]
pub enum LessonEvent {
    /// A write to the server: the learner's, or a set-up or replayed line (`setup`, greyed).
    Sent {
        /// The bytes, decoded as UTF-8 (lossy), for the transcript.
        text: String,
        /// The same bytes with the lesson's tokens.
        tokens: String,
        /// A set-up or replayed write.
        setup: bool,
    },
    /// An engine event (a reply has its id, for `explain`).
    Server {
        /// The event.
        event: SessionEvent,
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
        /// Attempts, hints revealed, *Show me* used.
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
    /// A fail line fired: its text, an attempt.
    Fail {
        /// The active step.
        step: usize,
        /// The text, in the run's language.
        text: Vec<Inline>,
        /// The step's attempts so far.
        attempts: u32,
    },
    /// A transcript step's replies did not match its `S:` lines (§13).
    Mismatch {
        /// The active step.
        step: usize,
        /// The `S:` text no reply line started with.
        expected: String,
        /// The first reply line not taken, if any.
        got: Option<String>,
        /// The step's attempts so far.
        attempts: u32,
    },
    /// A transcript step starts its script over.
    ScriptRestarted {
        /// The step.
        step: usize,
    },
    /// The next hint is offered (after every second attempt), not revealed.
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
        /// Its text, in the run's language.
        text: Vec<Inline>,
    },
    /// *Explain a real reply* read a code.
    Explained {
        /// The reply code.
        code: u16,
        /// The enhanced code, if any.
        enhanced: Option<EnhancedCode>,
    },
    /// A lab run (lab lessons).
    Lab {
        /// The run.
        run: Box<LabView>,
    },
    /// The lab's settings changed (set-up or a toggle).
    LabChanged {
        /// Relay A.
        relay: String,
        /// Inbound B.
        inbound: Persona,
        /// By set-up.
        setup: bool,
    },
    /// The run stopped after 100,000 engine events.
    EventLimit,
}

/// What one call did, and where the lesson stands after it.
#[derive(Serialize, Tsify)]
#[tsify(missing_as_null)]
#[serde(rename_all = "camelCase")]
pub struct LessonExchange {
    /// What happened, in order.
    pub events: Vec<LessonEvent>,
    /// The server's output as text.
    pub output: String,
    /// The session's state (`Ready` in a lab lesson, which has no single session).
    pub state: State,
    /// The session is closed.
    pub closed: bool,
    /// The active step, or `null` once the lesson is complete.
    pub step: Option<usize>,
    /// For each goal of the active step, whether it holds now.
    pub goals: Vec<bool>,
    /// Every step is complete.
    pub complete: bool,
}

/// A lab switch from JS: `{ relay: "normalize" }`, `{ inbound: "Lenient" }`, or both.
#[derive(Debug, Default, Deserialize, Tsify)]
pub struct LabSwitch {
    /// Relay A: `passthrough`, `reject`, `normalize` or `clean` (any case).
    #[tsify(optional)]
    pub relay: Option<String>,
    /// Inbound B.
    #[tsify(optional)]
    pub inbound: Option<Persona>,
}

impl LabSwitch {
    /// The core's change; throws on an unknown relay name.
    pub fn change(self) -> Result<LabChange, js_sys::Error> {
        let relay = match self.relay {
            Some(r) => Some(Relay::from_name(&r).ok_or_else(|| {
                js_error("relay: expected passthrough, reject, normalize or clean")
            })?),
            None => None,
        };
        Ok(LabChange {
            relay,
            inbound: self.inbound,
        })
    }
}

/// A lesson running against the engine; the learner plays the client (or, in a lab lesson, the
/// attacker in front of relay A).
///
/// ```js
/// const run = new LessonRun(text, { language: "pt-BR" });
/// run.lesson();                  // title, steps, narration, goals …
/// run.poll();                    // greeting, set-up lines, StepStarted 0
/// run.sendLine("EHLO pc.example.test"); // … StepCompleted 0, StepStarted 1
/// ```
#[wasm_bindgen]
pub struct LessonRun {
    run: core_lesson::LessonRun,
    lesson: Rc<Lesson>,
    language: Lang,
    replies: Replies,
}

explain_and_language!(LessonRun);

/// The lesson's language tag for a catalogue language.
fn tag(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "en",
        Lang::PtBr => "pt-BR",
    }
}

/// The catalogue reads a pasted text for `explain:` actions and the explain box.
fn explainer(text: &str) -> Option<(u16, Option<EnhancedCode>)> {
    smtp_sim_explain::explain_reply(text, None, Lang::En)
        .ok()
        .map(|r| (r.code, r.enhanced))
}

#[wasm_bindgen]
impl LessonRun {
    /// Parses a lesson and starts it (the session or the lab, the header's set-up, step 1 — or
    /// the saved step, `resumeAt`); call `poll()` for what that did. Throws with every
    /// diagnostic (`file:line:column: error: …`, one per line) when the lesson has errors.
    #[wasm_bindgen(constructor)]
    pub fn new(text: &str, options: Option<Ts<LessonOptions>>) -> Result<LessonRun, js_sys::Error> {
        let options: LessonOptions = match options {
            Some(o) => from_js(o.js_value(), "options")?,
            None => LessonOptions::default(),
        };
        let inline = options.inline.unwrap_or(false);
        let (file, text) = if inline {
            ("inline".to_owned(), core_lesson::dedent_inline(text))
        } else {
            (
                options.file.unwrap_or_else(|| "lesson.smtp".to_owned()),
                text.to_owned(),
            )
        };
        let lesson = core_lesson::parse_text(&file, &text).map_err(|d| {
            let lines: Vec<String> = d.iter().map(ToString::to_string).collect();
            js_error(&lines.join("\n"))
        })?;
        if lesson.kind != core_lesson::FileKind::Lesson {
            return Err(js_error("expected a lesson (%smtp-lesson 1)"));
        }
        let lesson = Rc::new(lesson);
        let resume = options.resume_at.unwrap_or(0).min(lesson.steps.len());
        let run = if resume > 0 {
            core_lesson::LessonRun::replay_to(Rc::clone(&lesson), resume, &mut explainer)
        } else {
            core_lesson::LessonRun::new(Rc::clone(&lesson))
        };
        Ok(Self {
            run,
            lesson,
            language: options.language.unwrap_or(Lang::En),
            replies: Replies::new(Voice::You),
        })
    }

    /// The lesson's texts in the run's language (the base language where a translation is
    /// missing): title, introduction, each step's narration, goals and solution.
    pub fn lesson(&self) -> Result<Ts<LessonView>, js_sys::Error> {
        let l = &self.lesson;
        let want = tag(self.language);
        let lang = if l.langs.iter().any(|x| x.eq_ignore_ascii_case(want)) {
            want
        } else {
            l.base_lang()
        };
        let base = l.base_lang();
        to_js(&LessonView {
            id: l.id.clone(),
            revision: l.revision,
            title: l.title.get(lang).to_owned(),
            summary: l.summary.as_ref().map(|s| s.get(lang).to_owned()),
            minutes: l.minutes,
            langs: l.langs.clone(),
            lang: lang.to_owned(),
            lab: l.is_lab(),
            intro: l.intro.blocks(lang, base),
            steps: l
                .steps
                .iter()
                .map(|s| StepView {
                    id: s.id.clone(),
                    title: s.title.get(lang).to_owned(),
                    kind: s.kind(),
                    narration: s.narration.blocks(lang, base),
                    goals: s.goals.iter().map(|g| goal_view(&g.item)).collect(),
                    hints: s.hints.len(),
                    solution: s
                        .actions
                        .iter()
                        .filter_map(|a| solution_view(&a.item))
                        .collect(),
                })
                .collect(),
        })
    }

    /// What happened since the last call (after `new`: the greeting, the set-up, step 1).
    pub fn poll(&mut self) -> Result<Ts<LessonExchange>, js_sys::Error> {
        self.exchange()
    }

    /// A typed line: the text and CRLF, one write (§14.3).
    #[wasm_bindgen(js_name = sendLine)]
    pub fn send_line(&mut self, line: &str) -> Result<Ts<LessonExchange>, js_sys::Error> {
        self.run.type_line(line);
        self.exchange()
    }

    /// Raw bytes, one write: a paste, a `send:` line, or in a lab lesson the attacker's bytes
    /// (a lab run).
    #[wasm_bindgen(js_name = sendBytes)]
    pub fn send_bytes(&mut self, bytes: &[u8]) -> Result<Ts<LessonExchange>, js_sys::Error> {
        self.run.write(bytes);
        self.exchange()
    }

    /// Flips lab switches (lab lessons); the lab runs again with the bytes sent last (§8.7).
    pub fn toggle(&mut self, switch: Ts<LabSwitch>) -> Result<Ts<LessonExchange>, js_sys::Error> {
        let switch: LabSwitch = from_js(switch.js_value(), "switch")?;
        self.run.toggle(switch.change()?);
        self.exchange()
    }

    /// A text pasted into *Explain a real reply*: the catalogue reads its code (`explained`
    /// goals, §9).
    #[wasm_bindgen(js_name = explainPaste)]
    pub fn explain_paste(&mut self, text: &str) -> Result<Ts<LessonExchange>, js_sys::Error> {
        if let Some((code, enhanced)) = explainer(text) {
            self.run.explained(code, enhanced);
        }
        self.exchange()
    }

    /// *Continue* on a read step.
    #[wasm_bindgen(js_name = continueRead)]
    pub fn continue_read(&mut self) -> Result<Ts<LessonExchange>, js_sys::Error> {
        self.run.continue_read();
        self.exchange()
    }

    /// Reveals the active step's next hint (a `HintRevealed` event with its text), if any is
    /// left.
    #[wasm_bindgen(js_name = revealHint)]
    pub fn reveal_hint(&mut self) -> Result<Ts<LessonExchange>, js_sys::Error> {
        self.run.reveal_hint();
        self.exchange()
    }

    /// *Show me*: plays the active step's solution, evaluated as if the learner did it (§14.5).
    #[wasm_bindgen(js_name = showMe)]
    pub fn show_me(&mut self) -> Result<Ts<LessonExchange>, js_sys::Error> {
        self.run.show_me(&mut explainer);
        self.exchange()
    }

    /// *Restart step*: a fresh session, the earlier steps replayed greyed, the active step again
    /// (§14.6). Reply ids start again from 0.
    #[wasm_bindgen(js_name = restartStep)]
    pub fn restart_step(&mut self) -> Result<Ts<LessonExchange>, js_sys::Error> {
        self.run.restart_step(&mut explainer);
        self.replies = Replies::new(Voice::You);
        self.exchange()
    }

    /// The active step, or `undefined` once the lesson is complete.
    #[wasm_bindgen(getter, js_name = currentStep)]
    pub fn current_step(&self) -> Option<usize> {
        self.run.current_step()
    }

    /// In a transcript step, the input the element offers next (§13), or `null`.
    #[wasm_bindgen(js_name = nextInput)]
    pub fn next_input(&self) -> Result<Option<Ts<SolutionView>>, js_sys::Error> {
        self.run
            .next_input()
            .and_then(|a| solution_view(&a.item))
            .map(|v| to_js(&v))
            .transpose()
    }

    /// True once every step is complete.
    #[wasm_bindgen(getter, js_name = isComplete)]
    pub fn is_complete(&self) -> bool {
        self.run.is_complete()
    }

    /// For each goal of the active step, whether it holds now.
    pub fn goals(&self) -> Vec<u8> {
        self.run.goals().into_iter().map(u8::from).collect()
    }

    /// What happened to each step: attempts, hints revealed, *Show me*, completed.
    pub fn records(&self) -> Result<Ts<Records>, js_sys::Error> {
        to_js(&Records(self.run.records().to_vec()))
    }

    /// Where the session stands (`Ready` in a lab lesson).
    pub fn state(&self) -> Result<Ts<State>, js_sys::Error> {
        Ok(Ts::new_unchecked(self.session_state().name().into()))
    }

    /// True once the session is closed.
    #[wasm_bindgen(getter)]
    pub fn closed(&self) -> bool {
        self.run.session().is_some_and(|s| s.is_closed())
    }

    /// Octets of an open BDAT chunk still to come, or `null`.
    #[wasm_bindgen(js_name = chunkRemaining)]
    pub fn chunk_remaining(&self) -> Option<f64> {
        self.run
            .session()
            .and_then(|s| s.chunk_remaining())
            .map(|n| n as f64)
    }

    /// The limits the session enforces and the recipients accepted so far (client lessons), or
    /// `null` in a lab lesson.
    pub fn limits(&self) -> Result<Option<Ts<Limits>>, js_sys::Error> {
        self.run
            .session()
            .map(|s| json_js(&Limits::of(s)))
            .transpose()
    }

    /// The stage, a hint and the inputs allowed next, in the run's language (the catalogue's).
    pub fn guide(&self) -> Result<Ts<Guide>, js_sys::Error> {
        let inputs = self.run.session().map(|s| s.inputs()).unwrap_or_default();
        json_js(&smtp_sim_explain::guide(
            self.session_state(),
            &inputs,
            self.language,
        ))
    }

    /// The lab's settings now (lab lessons), or `null`.
    #[wasm_bindgen(js_name = labSettings)]
    pub fn lab_settings(&self) -> Result<Option<Ts<LabSettingsView>>, js_sys::Error> {
        self.run
            .lab_settings()
            .map(|s| {
                to_js(&LabSettingsView {
                    relay: s.relay.name().to_ascii_lowercase(),
                    inbound: s.inbound,
                })
            })
            .transpose()
    }

    /// The last lab run (lab lessons), or `null`.
    #[wasm_bindgen(js_name = labRun)]
    pub fn lab_run(&self) -> Result<Option<Ts<LabView>>, js_sys::Error> {
        self.run
            .last_lab_run()
            .map(|r| to_js(&LabView::new(r)))
            .transpose()
    }

    fn session_state(&self) -> State {
        self.run.session().map_or(State::Ready, |s| s.state())
    }

    fn exchange(&mut self) -> Result<Ts<LessonExchange>, js_sys::Error> {
        let lang = tag(self.language);
        let mut events = Vec::new();
        let mut output = Vec::new();
        while let Some(e) = self.run.poll_event() {
            let view = match e {
                RunEvent::Sent { bytes, setup } => LessonEvent::Sent {
                    text: String::from_utf8_lossy(&bytes).into_owned(),
                    tokens: core_lesson::encode_send(&bytes),
                    setup,
                },
                RunEvent::Received { bytes, .. } => {
                    output.extend_from_slice(&bytes);
                    continue;
                }
                RunEvent::Server { event, setup } => LessonEvent::Server {
                    event: SessionEvent::new(event, &mut self.replies),
                    setup,
                },
                RunEvent::StepStarted { step } => LessonEvent::StepStarted { step },
                RunEvent::StepCompleted { step, record } => {
                    LessonEvent::StepCompleted { step, record }
                }
                RunEvent::LessonCompleted {
                    attempts,
                    hints,
                    shown,
                } => LessonEvent::LessonCompleted {
                    attempts,
                    hints,
                    shown,
                },
                RunEvent::Fail {
                    step,
                    fail,
                    attempts,
                } => {
                    let line = match fail {
                        FailRef::Step(i) => {
                            self.lesson.steps.get(step).and_then(|s| s.fails.get(i))
                        }
                        FailRef::Header(i) => self.lesson.fails.get(i),
                    };
                    let text = line.map(|f| f.text.get(lang)).unwrap_or_default();
                    LessonEvent::Fail {
                        step,
                        text: markdown::inline(text),
                        attempts,
                    }
                }
                RunEvent::Mismatch {
                    step,
                    expected,
                    got,
                    attempts,
                } => LessonEvent::Mismatch {
                    step,
                    expected,
                    got,
                    attempts,
                },
                RunEvent::ScriptRestarted { step } => LessonEvent::ScriptRestarted { step },
                RunEvent::HintOffered { step, hint } => LessonEvent::HintOffered { step, hint },
                RunEvent::HintRevealed { step, hint } => {
                    let text = self
                        .lesson
                        .steps
                        .get(step)
                        .and_then(|s| s.hints.get(hint))
                        .map(|h| h.get(lang))
                        .unwrap_or_default();
                    LessonEvent::HintRevealed {
                        step,
                        hint,
                        text: markdown::inline(text),
                    }
                }
                RunEvent::Explained { code, enhanced } => LessonEvent::Explained { code, enhanced },
                RunEvent::Lab(run) => LessonEvent::Lab {
                    run: Box::new(LabView::new(&run)),
                },
                RunEvent::LabChanged { settings, setup } => LessonEvent::LabChanged {
                    relay: settings.relay.name().to_ascii_lowercase(),
                    inbound: settings.inbound,
                    setup,
                },
                RunEvent::EventLimit => LessonEvent::EventLimit,
            };
            events.push(view);
        }
        to_js(&LessonExchange {
            events,
            output: String::from_utf8_lossy(&output).into_owned(),
            state: self.session_state(),
            closed: self.closed(),
            step: self.run.current_step(),
            goals: self.run.goals(),
            complete: self.run.is_complete(),
        })
    }
}

/// The lab's two switches: relay A's setting and inbound B's persona.
#[derive(Serialize, Tsify)]
#[tsify(missing_as_null)]
pub struct LabSettingsView {
    /// `passthrough`, `reject`, `normalize` or `clean`.
    pub relay: String,
    /// B's persona.
    pub inbound: Persona,
}

/// Each step's record, in order.
#[derive(Serialize, Tsify)]
#[tsify(missing_as_null)]
pub struct Records(pub Vec<StepRecord>);

/// A goal as the checklist shows it.
fn goal_view(goal: &Goal) -> GoalView {
    let (negated, inner) = match goal {
        Goal::Not(g) => (true, g.as_ref()),
        g => (false, g),
    };
    let written = inner.to_string();
    let (kind, detail) = written.split_once(' ').unwrap_or((written.as_str(), ""));
    GoalView {
        kind: kind.to_owned(),
        detail: detail.to_owned(),
        negated,
        written: goal.to_string(),
    }
}

fn solution_view(action: &Action) -> Option<SolutionView> {
    Some(match action {
        Action::Solution(t) | Action::Command(t) | Action::MessageLine(t) => {
            SolutionView::Line { text: t.clone() }
        }
        Action::Send(b) => SolutionView::Bytes {
            tokens: core_lesson::encode_send(b),
        },
        Action::Toggle(c) => SolutionView::Toggle {
            relay: c.relay.map(|r| r.name().to_ascii_lowercase()),
            inbound: c.inbound,
        },
        Action::Explain(t) => SolutionView::Explain { text: t.clone() },
        Action::Expect(_) => return None,
    })
}
