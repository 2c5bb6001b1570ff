//! `Simulation`: the simulated client delivering a message to our server, step by step ("Watch").

use serde::Serialize;
use tsify::{Ts, Tsify};
use wasm_bindgen::prelude::*;

use smtp_sim_core::client::Envelope;
use smtp_sim_core::server::ServerConfig;
use smtp_sim_core::sim::{self, Entry, Side};
use smtp_sim_explain::{self as catalog, Lang, Voice};

use crate::client_role::{ClientStep, OutcomeView};
use crate::replies::{explain_and_language, Replies};
use crate::server_session::SessionEvent;
use crate::shared::{js_error, to_js, Form, MessageForm};

/// One entry of a simulation's transcript, in order: the core's entries, with a reply's id and
/// the client's words in the handle's language.
#[derive(Serialize, Tsify)]
#[serde(tag = "type", content = "value")]
pub enum SimEntry {
    /// Bytes one side sent, as text (CRLF kept).
    Wire {
        /// Who sent them.
        from: Side,
        /// The bytes as text.
        text: String,
    },
    /// Something the client did or concluded.
    Client(ClientStep),
    /// Something the server did.
    Server(SessionEvent),
}

/// A simulated client and our server back to back, stepped one exchange at a time: "Watch".
///
/// ```js
/// const sim = new Simulation({ to: ["bob@mx.example.test"], faults: ["rcpt:450"] });
/// while (!sim.isDone) sim.step();   // SimEntry[] per step: wire bytes, both sides' events
/// sim.outcome();                    // { status: "RetryLater", recipients: [...] }
/// sim.free();
/// ```
#[wasm_bindgen]
pub struct Simulation {
    sim: sim::Simulation,
    envelope: Envelope,
    language: Lang,
    replies: Replies,
}

explain_and_language!(Simulation);

#[wasm_bindgen]
impl Simulation {
    /// A simulation of the client delivering the form's message to our server, with the
    /// form's faults. Throws on a bad field, fault, persona or language, with the reason.
    #[wasm_bindgen(constructor)]
    pub fn new(form: Option<Ts<MessageForm>>) -> Result<Simulation, js_sys::Error> {
        let form = Form::read(form)?;
        let mut server = ServerConfig {
            persona: form.persona,
            ..ServerConfig::default()
        };
        for spec in &form.faults {
            let fault = sim::parse_fault(spec.trim()).map_err(|e| {
                let mut m = String::from("fault \"");
                m.push_str(spec);
                m.push_str("\": ");
                m.push_str(catalog::fault_spec_error(e, form.language));
                js_error(&m)
            })?;
            server.faults.push(fault);
        }
        Ok(Self {
            sim: sim::Simulation::new(form.config, form.envelope.clone(), &form.message, server),
            envelope: form.envelope,
            language: form.language,
            replies: Replies::new(Voice::Client),
        })
    }

    /// Runs one exchange; returns the entries it added (the first call includes the client's
    /// note that it waits for the greeting). Empty once the session is over.
    pub fn step(&mut self) -> Result<Vec<Ts<SimEntry>>, js_sys::Error> {
        // The client's first note (it waits for the greeting) comes with the first step.
        let start = if self.sim.steps() == 0 {
            0
        } else {
            self.sim.transcript().len()
        };
        self.sim.step();
        self.entries(start)
    }

    /// Steps to the end; returns every entry added.
    pub fn run(&mut self) -> Result<Vec<Ts<SimEntry>>, js_sys::Error> {
        let start = self.sim.transcript().len();
        self.sim.run();
        self.entries(start)
    }

    /// True once the session is over.
    #[wasm_bindgen(getter, js_name = isDone)]
    pub fn is_done(&self) -> bool {
        self.sim.is_done()
    }

    /// Who the message is from and to.
    #[wasm_bindgen(getter)]
    pub fn envelope(&self) -> Result<Ts<Envelope>, js_sys::Error> {
        to_js(&self.envelope)
    }

    /// The client's view of the result: per recipient, delivered, failed or retry later.
    pub fn outcome(&self) -> Result<Ts<OutcomeView>, js_sys::Error> {
        to_js(&OutcomeView::new(self.sim.outcome(), self.language))
    }

    fn entries(&mut self, start: usize) -> Result<Vec<Ts<SimEntry>>, js_sys::Error> {
        let Self {
            sim,
            language,
            replies,
            ..
        } = self;
        sim.transcript()[start..]
            .iter()
            .map(|e| {
                to_js(&match e.clone() {
                    Entry::Wire { from, text } => SimEntry::Wire { from, text },
                    Entry::Client(c) => SimEntry::Client(ClientStep::new(c, *language)),
                    Entry::Server(s) => SimEntry::Server(SessionEvent::new(s, replies)),
                })
            })
            .collect()
    }
}
