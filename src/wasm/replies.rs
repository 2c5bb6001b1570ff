//! The replies a handle has shown, kept so `explain(id)` can explain them later. An id is the
//! index of a reply in its handle, from 0: the only thing this adapter adds to a reply. With each
//! reply it keeps the line it answered and who typed it, so the "In this session" sentence can
//! quote the line and speak to the right person.

use serde::Serialize;
use tsify::{Ts, Tsify};

use smtp_sim_core::reply::Reply;
use smtp_sim_core::sequence::Prompt;
use smtp_sim_core::server::{Event, State};
use smtp_sim_explain::{self as catalog, ContextNote, EnhancedEntry, Entry, Lang, Said, Voice};

use crate::json::{object, ToJson};
use crate::shared::{js_error, json_js};

/// A reply with what the core says it answers, and the line it answered if the core showed one.
#[derive(Debug)]
struct Answered {
    reply: Reply,
    answers: Prompt,
    before: State,
    line: Option<String>,
}

/// The replies of one handle, by id.
#[derive(Debug)]
pub struct Replies {
    replies: Vec<Answered>,
    /// Who typed the lines the replies answer: the learner, or a simulated client.
    voice: Voice,
    /// The line of the last `Command` event, until a reply answers it.
    line: Option<String>,
}

impl Replies {
    /// No replies yet; the lines they answer are typed by `voice`.
    pub fn new(voice: Voice) -> Self {
        Self {
            replies: Vec::new(),
            voice,
            line: None,
        }
    }

    /// Keeps a reply; returns its id.
    pub fn push(&mut self, reply: &Reply, answers: Prompt, before: State) -> usize {
        self.replies.push(Answered {
            reply: reply.clone(),
            answers,
            before,
            line: self.line.take(),
        });
        self.replies.len() - 1
    }

    /// Notes a server event: a command's line is kept for the reply that answers it, a reply is
    /// kept and gets its id.
    pub fn observe(&mut self, event: &Event) -> Option<usize> {
        match event {
            Event::Command { line, .. } => {
                self.line = Some(line.clone());
                None
            }
            Event::Reply {
                reply,
                answers,
                before,
            } => Some(self.push(reply, *answers, *before)),
            _ => None,
        }
    }

    fn get(&self, id: usize) -> Result<&Answered, js_sys::Error> {
        self.replies
            .get(id)
            .ok_or_else(|| js_error("no reply with that id in this session"))
    }

    /// The reply with this id.
    pub fn reply(&self, id: usize) -> Result<&Reply, js_sys::Error> {
        self.get(id).map(|a| &a.reply)
    }

    /// The reply with this id explained in `lang`: its catalogue entry, its enhanced code, and
    /// the sentence for the command and state that led to it.
    pub fn explain(&self, id: usize, lang: Lang) -> Result<Ts<Explanation>, js_sys::Error> {
        let a = self.get(id)?;
        let context = catalog::Context {
            answers: a.answers,
            stage: Some(a.before),
        };
        json_js(&Explanation {
            language: lang,
            id,
            reply: a.reply.clone(),
            answers: a.answers,
            before: a.before,
            entry: catalog::entry(a.reply.code, lang),
            enhanced: a.reply.enhanced.and_then(|e| catalog::enhanced(e, lang)),
            context: catalog::in_context_with(
                &a.reply,
                &context,
                &Said {
                    line: a.line.as_deref(),
                    voice: self.voice,
                },
                lang,
            ),
        })
    }
}

/// One reply of a session explained, in the handle's language.
#[derive(Serialize, Tsify)]
#[tsify(missing_as_null)]
pub struct Explanation {
    /// The language of the texts.
    pub language: Lang,
    /// The reply's id.
    pub id: usize,
    /// The reply.
    pub reply: Reply,
    /// What it answers (the greeting, a command, the end of data, …).
    pub answers: Prompt,
    /// The server's state before that.
    pub before: State,
    /// The catalogue's entry for the code; null for a code it does not know.
    pub entry: Option<Entry>,
    /// The enhanced code explained part by part; null when the reply has none.
    pub enhanced: Option<EnhancedEntry>,
    /// The sentence for the command and state that led to the reply.
    pub context: ContextNote,
}

impl ToJson for Explanation {
    fn write(&self, out: &mut String) {
        object(
            out,
            &[
                ("language", &self.language),
                ("id", &self.id),
                ("reply", &self.reply),
                ("answers", &self.answers),
                ("before", &self.before),
                ("entry", &self.entry),
                ("enhanced", &self.enhanced),
                ("context", &self.context),
            ],
        );
    }
}

/// The methods every class with replies and a language shares (`ServerSession`, `Simulation`,
/// `ClientRole`): `explain(id)` and the `language` property. The class has the fields
/// `replies: Replies` and `language: Lang`.
macro_rules! explain_and_language {
    ($class:ident) => {
        #[wasm_bindgen::prelude::wasm_bindgen]
        impl $class {
            /// Explains the reply with this id (ids count this handle's replies from 0): the
            /// catalogue entry for its code, its enhanced code, and the sentence for the command
            /// and state that led to it, in the handle's language.
            pub fn explain(
                &self,
                id: usize,
            ) -> Result<tsify::Ts<$crate::replies::Explanation>, js_sys::Error> {
                self.replies.explain(id, self.language)
            }

            /// The language of everything this handle words: explanations, and the simulated
            /// client's notes and rules. (The page only sets it: not in the lite modules.)
            #[cfg(feature = "script-api")]
            #[wasm_bindgen(getter)]
            pub fn language(&self) -> Result<tsify::Ts<smtp_sim_explain::Lang>, js_sys::Error> {
                Ok(tsify::Ts::new_unchecked(self.language.tag().into()))
            }

            /// Switches that language from now on. Throws on anything but "en" or "pt-BR".
            #[wasm_bindgen(setter)]
            pub fn set_language(
                &mut self,
                language: tsify::Ts<smtp_sim_explain::Lang>,
            ) -> Result<(), js_sys::Error> {
                self.language = $crate::shared::lang(language)?;
                Ok(())
            }
        }
    };
}

pub(crate) use explain_and_language;
