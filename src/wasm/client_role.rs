//! `ClientRole`: the simulated client alone; the caller plays the server ("You are the server").
//! Also the client's steps and outcome with their words, which `Simulation` shares.

use serde::Serialize;
use tsify::{Ts, Tsify};
use wasm_bindgen::prelude::*;

use smtp_sim_core::client::{
    self, ClientError, ClientSession, Envelope, EventKind, Outcome, Reading, RecipientResult,
    Status,
};
use smtp_sim_core::reply::Reply;
use smtp_sim_core::sequence::Fit;
use smtp_sim_explain::{self as catalog, Expectation, Judgement, Lang, Voice};

use crate::replies::{explain_and_language, Replies};
use crate::shared::{to_js, to_value, Form, MessageForm};

/// A client event with its words in the handle's language.
#[derive(Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
#[tsify(type = "ClientEvent & { ruleText: string | null; text: string | null }")]
pub struct ClientStep {
    #[serde(flatten)]
    pub event: client::Event,
    /// The rule the client followed, with its source; null when none is worth citing.
    pub rule_text: Option<&'static str>,
    /// What a `Note` concludes, or what is wrong with a `MalformedReply`; null for other kinds.
    pub text: Option<&'static str>,
}

impl ClientStep {
    /// The event with its words in `lang`.
    pub fn new(event: client::Event, lang: Lang) -> Self {
        let text = match &event.kind {
            EventKind::Note(note) => Some(catalog::client_note(*note, lang)),
            EventKind::MalformedReply(e) => Some(catalog::reply_problem(*e, lang)),
            _ => None,
        };
        Self {
            rule_text: event.rule.map(|r| catalog::client_rule(r, lang)),
            text,
            event,
        }
    }
}

/// One recipient at the end (or so far), with the rule that decided it in the handle's language.
#[derive(Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
#[tsify(missing_as_null)]
pub struct RecipientOutcome {
    #[serde(flatten)]
    pub result: RecipientResult,
    /// The rule that decided it, with its source; null while none has.
    pub rule_text: Option<&'static str>,
}

/// Who got the message, who did not, and why, with the words in the handle's language.
#[derive(Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
#[tsify(missing_as_null)]
pub struct OutcomeView {
    /// The session as a whole.
    pub status: Status,
    /// Every recipient, in envelope order.
    pub recipients: Vec<RecipientOutcome>,
    /// The first session-level problem; null when none.
    pub error: Option<ClientError>,
    /// That problem in a few words; null when none.
    pub error_text: Option<&'static str>,
}

impl OutcomeView {
    /// The core's outcome with its words in `lang`.
    pub fn new(outcome: Outcome, lang: Lang) -> Self {
        Self {
            status: outcome.status,
            recipients: outcome
                .recipients
                .into_iter()
                .map(|result| RecipientOutcome {
                    rule_text: result.rule.map(|r| catalog::client_rule(r, lang)),
                    result,
                })
                .collect(),
            error_text: outcome.error.map(|e| catalog::client_error(e, lang)),
            error: outcome.error,
        }
    }
}

/// A learner's reply judged against the step: how it fits, what that means, what was expected.
#[derive(Serialize, Tsify)]
#[tsify(missing_as_null)]
pub struct Verdict {
    #[serde(flatten)]
    pub judgement: Judgement,
    /// For a line that could not be read: what is wrong with it; else null.
    pub problem: Option<&'static str>,
    /// What the client was waiting for; null when it waited for nothing.
    pub expected: Option<Expectation>,
}

/// What the client did after `start()` or one reply line.
#[derive(Serialize, Tsify)]
#[tsify(missing_as_null)]
pub struct ClientTurn {
    /// The id of the reply the line completed (for `explain`); null for `start()`, continuation
    /// lines and lines the client could not read.
    pub id: Option<usize>,
    /// That reply.
    pub reply: Option<Reply>,
    /// True after a continuation line (`250-…`): the client waits for the reply's last line.
    pub partial: bool,
    /// Null for `start()` and continuation lines.
    pub verdict: Option<Verdict>,
    /// Lines the client sent in answer (commands and message content), without CRLF.
    pub sent: Vec<String>,
    /// What the client did and concluded, in order.
    pub events: Vec<ClientStep>,
    /// What the client waits for now; null once it is done.
    pub expect: Option<Expectation>,
    /// The reply the client waits for.
    #[tsify(type = "ClientState")]
    pub state: client::State,
    /// True once the client has closed the session.
    pub done: bool,
}

#[wasm_bindgen]
extern "C" {
    /// `Expectation | null` in TypeScript.
    #[wasm_bindgen(typescript_type = "Expectation | null")]
    pub type ExpectationOrNull;
}

/// The simulated client alone: the caller plays the server ("You are the server").
///
/// ```js
/// const c = new ClientRole({ to: ["bob@mx.example.test"] });
/// c.start();                   // the client waits for the greeting; turn.expect.example is "220 …"
/// c.reply("220 mx.example.test ESMTP");  // sent: ["EHLO client.example.test"]
/// c.reply("250");              // sent: ["MAIL FROM:<…>"]
/// c.free();
/// ```
#[wasm_bindgen]
pub struct ClientRole {
    client: ClientSession,
    language: Lang,
    replies: Replies,
}

explain_and_language!(ClientRole);

#[wasm_bindgen]
impl ClientRole {
    /// A client that will deliver the form's message; it waits for the greeting. Throws on a
    /// bad field or language.
    #[wasm_bindgen(constructor)]
    pub fn new(form: Option<Ts<MessageForm>>) -> Result<ClientRole, js_sys::Error> {
        let form = Form::read(form)?;
        Ok(Self {
            client: ClientSession::new(form.config, form.envelope, &form.message),
            language: form.language,
            replies: Replies::new(Voice::Client),
        })
    }

    /// What the client does first: nothing sent, it waits for the greeting (`expect`).
    pub fn start(&mut self) -> Result<Ts<ClientTurn>, js_sys::Error> {
        self.turn(None, false, None)
    }

    /// Feeds one reply line typed by the learner (CRLF is added; anything after a line break
    /// is dropped) and returns what the client did about it.
    pub fn reply(&mut self, line: &str) -> Result<Ts<ClientTurn>, js_sys::Error> {
        let lang = self.language;
        let waiting = self.client.state();
        let verdict = |fit: Fit, problem| Verdict {
            judgement: catalog::judgement(fit, lang),
            problem,
            expected: catalog::expectation(waiting, lang),
        };
        match self.client.receive_line(line) {
            Reading::Partial => self.turn(None, true, None),
            Reading::Reply {
                reply,
                answers,
                before,
                fit,
            } => {
                let id = self.replies.push(&reply, answers, before);
                self.turn(Some(id), false, Some(verdict(fit, None)))
            }
            Reading::Malformed { error, .. } => {
                let problem = Some(catalog::reply_problem(error, lang));
                self.turn(None, false, Some(verdict(Fit::Malformed, problem)))
            }
            Reading::Unsolicited => self.turn(None, false, Some(verdict(Fit::Unsolicited, None))),
        }
    }

    /// What the client waits for now, and what a well-behaved server answers; null once done.
    pub fn expect(&self) -> Result<ExpectationOrNull, js_sys::Error> {
        let e = catalog::expectation(self.client.state(), self.language);
        Ok(to_value(&e)?.unchecked_into())
    }

    /// The reply the client waits for.
    pub fn state(&self) -> Result<Ts<client::State>, js_sys::Error> {
        to_js(&self.client.state())
    }

    /// Who the message is from and to.
    #[wasm_bindgen(getter)]
    pub fn envelope(&self) -> Result<Ts<Envelope>, js_sys::Error> {
        to_js(self.client.envelope())
    }

    /// True once the client has closed the session.
    #[wasm_bindgen(getter, js_name = isDone)]
    pub fn is_done(&self) -> bool {
        self.client.is_closed()
    }

    /// Who got the message, who did not, and why (final once `isDone`).
    pub fn outcome(&self) -> Result<Ts<OutcomeView>, js_sys::Error> {
        to_js(&OutcomeView::new(self.client.outcome(), self.language))
    }

    /// Drains the client into one turn.
    fn turn(
        &mut self,
        id: Option<usize>,
        partial: bool,
        verdict: Option<Verdict>,
    ) -> Result<Ts<ClientTurn>, js_sys::Error> {
        let lang = self.language;
        let mut events = Vec::new();
        while let Some(e) = self.client.poll_event() {
            events.push(ClientStep::new(e, lang));
        }
        let mut sent = Vec::new();
        let bytes = self.client.take_output();
        if !bytes.is_empty() {
            let text = String::from_utf8_lossy(&bytes);
            let text = text.strip_suffix('\n').unwrap_or(&text);
            sent.extend(
                text.split('\n')
                    .map(|l| l.trim_end_matches('\r').to_owned()),
            );
        }
        let reply = match id {
            Some(id) => Some(self.replies.reply(id)?.clone()),
            None => None,
        };
        to_js(&ClientTurn {
            id,
            reply,
            partial,
            verdict,
            sent,
            events,
            expect: catalog::expectation(self.client.state(), lang),
            state: self.client.state(),
            done: self.client.is_closed(),
        })
    }
}
