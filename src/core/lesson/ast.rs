//! What a parsed lesson holds: the header, the steps, their goals, fail lines and actions.

#[cfg(feature = "serde")]
use serde::Serialize;

use crate::lab::{LabChange, LabSettings};
use crate::reply::EnhancedCode;
use crate::server::{Extensions, Fault, FaultPoint, Persona, ServerConfig, State, WarningKind};

/// What the first line says the file is (§2).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
pub enum FileKind {
    /// `%smtp-lesson 1`.
    Lesson,
    /// `%smtp-transcript 1` (§18): a recorded session, a lesson without goals.
    Transcript,
    /// `%smtp-part 1`: lines for `include:`.
    Part,
}

/// A value with the line it was written on.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
pub struct At<T> {
    /// The line, from 1, in [`At::file`].
    pub line: u32,
    /// The file it comes from (a part's name for included lines).
    pub file: String,
    /// The value.
    pub item: T,
}

/// A text a learner reads, in the base language and its translations (§12).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
pub struct Text {
    /// The text in the base language (the first of `lang:`).
    pub base: String,
    /// `(language tag, text)` for each translation given.
    pub translations: Vec<(String, String)>,
    /// The line of the base text.
    pub line: u32,
}

impl Text {
    /// The text in `lang`, or the base text when that translation is missing.
    pub fn get(&self, lang: &str) -> &str {
        self.translations
            .iter()
            .find(|(l, _)| l.eq_ignore_ascii_case(lang))
            .map_or(self.base.as_str(), |(_, t)| t.as_str())
    }

    /// True when a translation into `lang` is given.
    pub fn has(&self, lang: &str) -> bool {
        self.translations
            .iter()
            .any(|(l, _)| l.eq_ignore_ascii_case(lang))
    }
}

/// The `>` lines of a block, gathered per language (§11, §12).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
pub struct Narration {
    /// `(language tag, lines)`: each line's text after `>` and one space, with its line number.
    pub languages: Vec<(String, Vec<(u32, String)>)>,
}

impl Narration {
    /// The lines in `lang`, or in `base` when that language has none.
    pub fn lines(&self, lang: &str, base: &str) -> &[(u32, String)] {
        let find = |l: &str| {
            self.languages
                .iter()
                .find(|(t, _)| t.eq_ignore_ascii_case(l))
                .map(|(_, lines)| lines.as_slice())
        };
        find(lang).or_else(|| find(base)).unwrap_or(&[])
    }

    /// The narration in `lang` (or the base language) as Markdown-lite blocks.
    pub fn blocks(&self, lang: &str, base: &str) -> Vec<super::markdown::Block> {
        let lines: Vec<&str> = self
            .lines(lang, base)
            .iter()
            .map(|(_, l)| l.as_str())
            .collect();
        super::markdown::blocks(&lines)
    }
}

/// The server a lesson talks to (§7).
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
pub struct ServerSetup {
    /// `persona:`.
    pub persona: Persona,
    /// `hostname:`.
    pub hostname: String,
    /// `ehlo:` and `auth: none`.
    pub extensions: Extensions,
    /// `size:`.
    pub size: usize,
    /// `max-recipients:`.
    pub max_recipients: usize,
    /// `max-errors:`.
    pub max_errors: u32,
    /// `user:` lines; empty for the demo account.
    pub users: Vec<(String, String)>,
}

impl Default for ServerSetup {
    fn default() -> Self {
        let c = ServerConfig::default();
        Self {
            persona: c.persona,
            hostname: c.hostname,
            extensions: c.extensions,
            size: c.max_message_size,
            max_recipients: c.max_recipients,
            max_errors: c.max_errors,
            users: Vec::new(),
        }
    }
}

impl ServerSetup {
    /// The engine's configuration, with the lesson's header rules as its faults.
    pub fn config(&self, rules: &[At<Fault>]) -> ServerConfig {
        let mut c = ServerConfig {
            hostname: self.hostname.clone(),
            persona: self.persona,
            extensions: self.extensions,
            max_recipients: self.max_recipients,
            max_message_size: self.size,
            max_errors: self.max_errors,
            faults: rules.iter().map(|r| r.item.clone()).collect(),
            ..ServerConfig::default()
        };
        if !self.users.is_empty() {
            c.users = self.users.clone();
        }
        c
    }
}

/// A parsed lesson, transcript or part.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
pub struct Lesson {
    /// The file name as given.
    pub file: String,
    /// Lesson, transcript or part.
    pub kind: FileKind,
    /// `id:` (empty for a transcript or part).
    pub id: String,
    /// `title:` and its translations.
    pub title: Text,
    /// `summary:`.
    pub summary: Option<Text>,
    /// `lang:`, the base language first (`["en"]` by default).
    pub langs: Vec<String>,
    /// `minutes:`.
    pub minutes: Option<u32>,
    /// `revision:` (1 by default).
    pub revision: u32,
    /// `author:`.
    pub author: Option<String>,
    /// `license:`.
    pub license: Option<String>,
    /// The server set-up keys.
    pub server: ServerSetup,
    /// The header's server set-up lines as written (`persona:` … `reply:`), for a skeleton.
    pub server_keys: Vec<String>,
    /// The header's `reply:` rules.
    pub rules: Vec<At<Fault>>,
    /// The header's `lab:` (lab lessons).
    pub lab: Option<LabSettings>,
    /// The header's `setup:` lines.
    pub setup: Vec<At<String>>,
    /// The header's narration: the lesson's introduction.
    pub intro: Narration,
    /// The header's fail lines, tried after each step's own.
    pub fails: Vec<FailLine>,
    /// The steps, in order. A transcript's body is its steps' actions (one unnamed step when it
    /// has no `##` markers).
    pub steps: Vec<Step>,
    /// A transcript's `engine:`.
    pub engine: Option<String>,
    /// A transcript's `lesson:` (`id@revision`).
    pub lesson_ref: Option<String>,
}

impl Lesson {
    /// The base language.
    pub fn base_lang(&self) -> &str {
        self.langs.first().map_or("en", String::as_str)
    }

    /// True for a lab lesson (a `lab:` line in the header, §15).
    pub fn is_lab(&self) -> bool {
        self.lab.is_some()
    }
}

/// What a step is, from the lines it has (§5).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub enum StepKind {
    /// Has goals and no transcript lines.
    Goal,
    /// Has `C:`, `S:` or `|` lines (§13).
    Transcript,
    /// Neither: narration and *Continue*.
    Read,
}

/// One step.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
pub struct Step {
    /// The id on its heading.
    pub id: String,
    /// The title on its heading, and `title[LANG]:` translations.
    pub title: Text,
    /// The heading's line.
    pub line: u32,
    /// Its narration.
    pub narration: Narration,
    /// Its goals, AND-ed.
    pub goals: Vec<At<Goal>>,
    /// Its fail lines.
    pub fails: Vec<FailLine>,
    /// Its hints, in order.
    pub hints: Vec<Text>,
    /// Its `reply:` rules.
    pub rules: Vec<At<Fault>>,
    /// Its `lab:` set-up.
    pub lab: Option<LabChange>,
    /// Its `setup:` lines.
    pub setup: Vec<At<String>>,
    /// Its actions in order: the solution of a goal step, the script of a transcript step.
    pub actions: Vec<At<Action>>,
}

impl Step {
    /// A step with its heading only (id, title, line); the parser fills in the rest.
    pub(crate) fn heading(id: String, title: Text, line: u32) -> Self {
        Self {
            id,
            title,
            line,
            narration: Narration::default(),
            goals: Vec::new(),
            fails: Vec::new(),
            hints: Vec::new(),
            rules: Vec::new(),
            lab: None,
            setup: Vec::new(),
            actions: Vec::new(),
        }
    }

    /// Goal, transcript or read step.
    pub fn kind(&self) -> StepKind {
        let script = self.actions.iter().any(|a| {
            matches!(
                a.item,
                Action::Command(_) | Action::MessageLine(_) | Action::Expect(_)
            )
        });
        if script {
            StepKind::Transcript
        } else if self.goals.is_empty() {
            StepKind::Read
        } else {
            StepKind::Goal
        }
    }
}

/// Something sent or done: a solution action, or a line of a transcript step's script.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
pub enum Action {
    /// `solution: TEXT`: TEXT and CRLF, one write.
    Solution(String),
    /// `C: TEXT`: a command line, TEXT and CRLF, one write.
    Command(String),
    /// `| TEXT`: a message line, TEXT and CRLF, one write.
    MessageLine(String),
    /// `send: BYTES`: raw bytes, one write.
    Send(Vec<u8>),
    /// `toggle: HOP=NAME …`: a lab switch.
    Toggle(LabChange),
    /// `explain: TEXT` lines, joined with LF: a paste into *Explain a real reply*.
    Explain(String),
    /// `S: TEXT`: a reply line expected after the input before it (prefix match).
    Expect(String),
}

impl Action {
    /// The bytes this action writes to the server, if it writes any.
    pub fn bytes(&self) -> Option<Vec<u8>> {
        match self {
            Action::Solution(t) | Action::Command(t) | Action::MessageLine(t) => {
                let mut b = t.as_bytes().to_vec();
                b.extend_from_slice(b"\r\n");
                Some(b)
            }
            Action::Send(b) => Some(b.clone()),
            _ => None,
        }
    }

    /// True for the actions a learner performs (everything but `S:`).
    pub fn is_input(&self) -> bool {
        !matches!(self, Action::Expect(_))
    }
}

/// A reply code pattern: three digits, each possibly `x` (§4.3).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
pub struct CodePattern(pub [Option<u8>; 3]);

impl CodePattern {
    /// True when `code` has the pattern's digit at every position that is not `x`.
    pub fn matches(self, code: u16) -> bool {
        let digits = [
            (code / 100 % 10) as u8,
            (code / 10 % 10) as u8,
            (code % 10) as u8,
        ];
        self.0
            .iter()
            .zip(digits)
            .all(|(p, d)| p.is_none_or(|p| p == d))
    }

    /// The first digit (the class), which is never a wildcard.
    pub fn class(self) -> u8 {
        self.0[0].unwrap_or(0)
    }
}

impl core::fmt::Display for CodePattern {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        for d in self.0 {
            match d {
                Some(d) => write!(f, "{d}")?,
                None => f.write_str("x")?,
            }
        }
        Ok(())
    }
}

/// `N` (at least N) or `=N` (exactly N) (§4.2).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
pub struct Count {
    /// The number.
    pub n: u32,
    /// Exactly, rather than at least.
    pub exact: bool,
}

impl Count {
    /// True when `value` satisfies the count.
    pub fn holds(self, value: usize) -> bool {
        let n = self.n as usize;
        if self.exact {
            value == n
        } else {
            value >= n
        }
    }
}

impl core::fmt::Display for Count {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        if self.exact {
            f.write_str("=")?;
        }
        write!(f, "{}", self.n)
    }
}

/// An address in a goal (§4.4): `<>` or `<local@domain>`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
pub struct Path {
    /// `None` for the null path `<>`; else the local part and the domain.
    pub address: Option<(String, String)>,
}

impl Path {
    /// True when `address` (as the engine stores it: `local@domain`, or empty for `<>`) is this
    /// path: local parts equal as written, domains equal ignoring ASCII case (RFC 5321 §2.4).
    pub fn is(&self, address: &str) -> bool {
        match (&self.address, address.rsplit_once('@')) {
            (None, _) => address.is_empty(),
            (Some((l, d)), Some((al, ad))) => l == al && d.eq_ignore_ascii_case(ad),
            (Some(_), None) => false,
        }
    }
}

impl core::fmt::Display for Path {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match &self.address {
            None => f.write_str("<>"),
            Some((l, d)) => write!(f, "<{l}@{d}>"),
        }
    }
}

/// What a reply answers, in a goal or fail line: a [`FaultPoint`] or `unknown` (§9).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
pub enum Point {
    /// A command, the greeting or the end of data.
    At(FaultPoint),
    /// A line that is not a command.
    Unknown,
}

/// The `reply` goal and fail condition.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
pub struct ReplyMatch {
    /// The code pattern.
    pub code: CodePattern,
    /// The enhanced code, when given.
    pub enhanced: Option<EnhancedCode>,
    /// What it answers, when given.
    pub to: Option<Point>,
}

/// A goal (§9).
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
pub enum Goal {
    /// `reply CODE [ENH] [to POINT]` (step).
    Reply(ReplyMatch),
    /// `state NAME` (live).
    State(State),
    /// `closed` (live).
    Closed,
    /// `recipients COUNT` (live).
    Recipients(Count),
    /// `recipient PATH` (live).
    Recipient(Path),
    /// `accepted COUNT` (step).
    Accepted(Count),
    /// `envelope-from PATH` (message).
    EnvelopeFrom(Path),
    /// `envelope-to PATH` (message).
    EnvelopeTo(Path),
    /// `body-has "TEXT"` (message).
    BodyHas(String),
    /// `header NAME "TEXT"` (message).
    Header(String, String),
    /// `has-line "TEXT"` (message).
    HasLine(String),
    /// `message-size COUNT` (message).
    MessageSize(Count),
    /// `warning NAME` (step).
    Warning(WarningKind),
    /// `tls` (live).
    Tls,
    /// `authenticated [USER]` (live).
    Authenticated(Option<String>),
    /// `split A B` (step, lab).
    Split(u32, u32),
    /// `lab HOP=NAME …` (live, lab).
    Lab(LabChange),
    /// `explained CODE [ENH]` (step).
    Explained(CodePattern, Option<EnhancedCode>),
    /// `not GOAL`.
    Not(Box<Goal>),
}

/// A fail condition: an event that fires (§10).
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
pub enum Condition {
    /// Each matching reply.
    Reply(ReplyMatch),
    /// Each change of state into NAME.
    State(State),
    /// The close of the session.
    Closed,
    /// Each warning of that kind.
    Warning(WarningKind),
    /// Each accepted message.
    Accepted,
    /// Each lab run with that result.
    Split(u32, u32),
    /// Each matching explanation.
    Explained(CodePattern, Option<EnhancedCode>),
}

/// `fail: CONDITION => TEXT` and its translations.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
pub struct FailLine {
    /// When it fires.
    pub condition: Condition,
    /// The condition as written (spaces collapsed), which pairs translations.
    pub written: String,
    /// What it says.
    pub text: Text,
}

/// The name of a warning in a lesson (§9.2): the engine's kind in kebab case.
pub fn warning_name(kind: WarningKind) -> &'static str {
    match kind {
        WarningKind::BareLfInCommand => "bare-lf-in-command",
        WarningKind::BareLfInData => "bare-lf-in-data",
        WarningKind::BareCrInData => "bare-cr-in-data",
        WarningKind::DiscardedAfterStartTls => "discarded-after-starttls",
        WarningKind::AuthWithoutTls => "auth-without-tls",
        WarningKind::LongLines => "long-lines",
        WarningKind::NonStandardEndOfData => "non-standard-end-of-data",
        WarningKind::LongLocalPart => "long-local-part",
    }
}

/// The name of a point in `reply:` and `to` (§7.9).
pub fn point_name(point: FaultPoint) -> &'static str {
    match point {
        FaultPoint::Greeting => "greeting",
        FaultPoint::Helo => "helo",
        FaultPoint::Ehlo => "ehlo",
        FaultPoint::Mail => "mail",
        FaultPoint::Rcpt => "rcpt",
        FaultPoint::Data => "data",
        FaultPoint::EndOfData => "end-of-data",
        FaultPoint::Bdat => "bdat",
        FaultPoint::Rset => "rset",
        FaultPoint::Noop => "noop",
        FaultPoint::Quit => "quit",
        FaultPoint::Vrfy => "vrfy",
        FaultPoint::Expn => "expn",
        FaultPoint::Help => "help",
        FaultPoint::StartTls => "starttls",
        FaultPoint::Auth => "auth",
    }
}

/// The state name in a lesson (§9.1): the engine's, in lower case.
pub fn state_name(state: State) -> &'static str {
    match state {
        State::Connected => "connected",
        State::Ready => "ready",
        State::Auth => "auth",
        State::Mail => "mail",
        State::Rcpt => "rcpt",
        State::Data => "data",
        State::Bdat => "bdat",
        State::Closed => "closed",
    }
}

impl core::fmt::Display for Point {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            Point::At(p) => f.write_str(point_name(*p)),
            Point::Unknown => f.write_str("unknown"),
        }
    }
}

impl core::fmt::Display for ReplyMatch {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "reply {}", self.code)?;
        if let Some(e) = self.enhanced {
            write!(f, " {e}")?;
        }
        if let Some(p) = self.to {
            write!(f, " to {p}")?;
        }
        Ok(())
    }
}

fn quoted(f: &mut core::fmt::Formatter<'_>, s: &str) -> core::fmt::Result {
    f.write_str("\"")?;
    for c in s.chars() {
        if matches!(c, '"' | '\\') {
            f.write_str("\\")?;
        }
        write!(f, "{c}")?;
    }
    f.write_str("\"")
}

fn lab_words(f: &mut core::fmt::Formatter<'_>, c: &LabChange) -> core::fmt::Result {
    if let Some(r) = c.relay {
        write!(f, " relay={}", r.name().to_ascii_lowercase())?;
    }
    if let Some(p) = c.inbound {
        write!(f, " inbound={}", p.name().to_ascii_lowercase())?;
    }
    Ok(())
}

impl core::fmt::Display for Goal {
    /// The goal as a lesson writes it.
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            Goal::Reply(m) => write!(f, "{m}"),
            Goal::State(s) => write!(f, "state {}", state_name(*s)),
            Goal::Closed => f.write_str("closed"),
            Goal::Recipients(c) => write!(f, "recipients {c}"),
            Goal::Recipient(p) => write!(f, "recipient {p}"),
            Goal::Accepted(c) => write!(f, "accepted {c}"),
            Goal::EnvelopeFrom(p) => write!(f, "envelope-from {p}"),
            Goal::EnvelopeTo(p) => write!(f, "envelope-to {p}"),
            Goal::BodyHas(t) => {
                f.write_str("body-has ")?;
                quoted(f, t)
            }
            Goal::Header(n, t) => {
                write!(f, "header {n} ")?;
                quoted(f, t)
            }
            Goal::HasLine(t) => {
                f.write_str("has-line ")?;
                quoted(f, t)
            }
            Goal::MessageSize(c) => write!(f, "message-size {c}"),
            Goal::Warning(k) => write!(f, "warning {}", warning_name(*k)),
            Goal::Tls => f.write_str("tls"),
            Goal::Authenticated(None) => f.write_str("authenticated"),
            Goal::Authenticated(Some(u)) => write!(f, "authenticated {u}"),
            Goal::Split(a, b) => write!(f, "split {a} {b}"),
            Goal::Lab(c) => {
                f.write_str("lab")?;
                lab_words(f, c)
            }
            Goal::Explained(c, e) => {
                write!(f, "explained {c}")?;
                if let Some(e) = e {
                    write!(f, " {e}")?;
                }
                Ok(())
            }
            Goal::Not(g) => write!(f, "not {g}"),
        }
    }
}
