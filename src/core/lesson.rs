//! Lessons: the `.smtp` lesson and transcript format (`docs/lesson-format.md`), parsed and run.
//!
//! - [`parse`] reads a lesson, a transcript or a part, sans-IO: the caller hands over the bytes
//!   and a closure that returns the bytes of an `include:`d part. Every problem is a
//!   [`Diagnostic`] naming `file:line:column` and what was expected (§17); unknown keys are
//!   errors; the limits of §2 bound its work and memory on any input.
//! - [`LessonRun`] runs a lesson against the engine (a [`ServerSession`](crate::server), or the
//!   two-hop [`lab`](crate::lab)): it takes the learner's input and reports what happened as
//!   [`RunEvent`]s — engine events, steps completed, fail lines fired, hints offered. Goals are
//!   judged on the engine's state, never on keystrokes (§9, §14).
//! - [`check`] is `smtp-sim lesson check` (§16): the solution passes, an idle learner and one
//!   missing the last action do not.
//! - [`transcript`] replays a transcript and turns it into a lesson skeleton (§18).
//!
//! What it does not do: read files (includes come through a closure), render text for learners
//! (a lesson's own texts are handed out as written, with their Markdown-lite parsed into
//! [`markdown::Block`]s; every other word a learner reads comes from the catalogue), or explain a
//! pasted reply (the caller reads it with the catalogue and passes the code to
//! [`LessonRun::explained`]). The diagnostics are English, as §17 fixes them for authors.

mod ast;
pub mod check;
pub mod markdown;
mod parse;
mod run;
mod syntax;
pub mod transcript;

pub use ast::*;
pub use parse::{dedent_inline, parse, parse_text, Include};
pub use run::{Explainer, FailRef, LessonRun, RunEvent, StepRecord, MAX_EVENTS};
pub use syntax::{decode_send, encode_send};

#[cfg(feature = "serde")]
use serde::Serialize;

/// How bad a [`Diagnostic`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
pub enum Severity {
    /// The file cannot be used (the parser does not run a lesson with errors).
    Error,
    /// The file works, but an author should look (a missing translation, a step without hint).
    Warning,
}

/// One problem in a lesson file: where, how bad, and what (§17).
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
pub struct Diagnostic {
    /// The file's name as given (a part's own name; `inline` for a page's inline lesson).
    pub file: String,
    /// The line, from 1.
    pub line: u32,
    /// The column in Unicode scalar values, from 1.
    pub column: u32,
    /// Error or warning.
    pub severity: Severity,
    /// What was found and what was expected, in English.
    pub message: String,
    /// For a problem inside a part: the file and line of each `include:` that led to it,
    /// innermost first.
    pub included_from: Vec<(String, u32)>,
}

impl Diagnostic {
    /// A problem with a whole line (column 1) of `lesson`'s own file, as `lesson check` and a
    /// transcript's replay report them.
    pub(crate) fn of_line(lesson: &Lesson, line: u32, severity: Severity, message: String) -> Self {
        Self {
            file: lesson.file.clone(),
            line,
            column: 1,
            severity,
            message,
            included_from: Vec::new(),
        }
    }
}

impl core::fmt::Display for Diagnostic {
    /// `FILE:LINE:COLUMN: error: MESSAGE`, then ` (included from FILE:LINE)` per include.
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        let severity = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(
            f,
            "{}:{}:{}: {severity}: {}",
            self.file, self.line, self.column, self.message
        )?;
        for (file, line) in &self.included_from {
            write!(f, " (included from {file}:{line})")?;
        }
        Ok(())
    }
}
