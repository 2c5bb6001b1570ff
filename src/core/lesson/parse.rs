//! The parser: lines into a [`Lesson`], every problem a [`Diagnostic`] (§3–§13, §17, §18).

use super::ast::*;
use super::markdown;
use super::syntax::{self, did_you_mean, either, Cursor, Line, Problem, Tok};
use super::{Diagnostic, Severity};
use crate::forced::PathPattern;
use crate::lab::{LabChange, LabSettings, Relay};
use crate::reply::{EnhancedCode, Reply};
use crate::server::{Extensions, Fault, FaultPoint, FaultTimes, Persona, State, WarningKind};

/// Reads an included part: given its path (already joined to the including file's folder, as
/// `lessons/parts/envelope.smtp`), its bytes, or `None` when it cannot be read.
pub type Include<'a> = &'a mut dyn FnMut(&str) -> Option<Vec<u8>>;

/// Parses a lesson, transcript or part. `file` is the name used in diagnostics and to resolve
/// `include:` paths; `include` reads parts. Returns the lesson, or every error found (at most
/// 100).
pub fn parse(file: &str, bytes: &[u8], include: Include<'_>) -> Result<Lesson, Vec<Diagnostic>> {
    let mut p = Parser::new(file, Some(include));
    p.file(file, bytes, true);
    p.finish()
}

/// Parses a lesson given as text with no way to read parts (an inline lesson, `inline`):
/// `include:` is an error.
pub fn parse_text(file: &str, text: &str) -> Result<Lesson, Vec<Diagnostic>> {
    let mut p = Parser::new(file, None);
    p.file(file, text.as_bytes(), true);
    p.finish()
}

/// Prepares the text of an inline `<script type="text/x-smtp-lesson">` (§2): drops one newline
/// right after the opening tag and the whitespace prefix common to all non-blank lines.
pub fn dedent_inline(text: &str) -> String {
    let text = text
        .strip_prefix("\r\n")
        .or_else(|| text.strip_prefix('\n'))
        .unwrap_or(text);
    let indent = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start_matches([' ', '\t']).len())
        .min()
        .unwrap_or(0);
    text.lines()
        .map(|l| l.get(indent..).unwrap_or(l.trim_start_matches([' ', '\t'])))
        .collect::<Vec<_>>()
        .join("\n")
}

const IDENTITY: [&str; 8] = [
    "id", "title", "summary", "lang", "minutes", "revision", "author", "license",
];
const SERVER: [&str; 8] = [
    "persona",
    "hostname",
    "ehlo",
    "auth",
    "user",
    "size",
    "max-recipients",
    "max-errors",
];
const STEP_KEYS: [&str; 7] = [
    "goal", "hint", "solution", "send", "toggle", "explain", "title",
];
const BOTH: [&str; 5] = ["reply", "lab", "setup", "include", "fail"];
const TRANSCRIPT_ONLY: [&str; 2] = ["engine", "lesson"];
const TRANSLATABLE: [&str; 4] = ["title", "summary", "hint", "fail"];

const GOALS: [&str; 19] = [
    "reply",
    "state",
    "closed",
    "recipients",
    "recipient",
    "accepted",
    "envelope-from",
    "envelope-to",
    "body-has",
    "header",
    "has-line",
    "message-size",
    "warning",
    "tls",
    "authenticated",
    "split",
    "lab",
    "explained",
    "not",
];
const CONDITIONS: [&str; 7] = [
    "reply",
    "state",
    "closed",
    "warning",
    "accepted",
    "split",
    "explained",
];
const EXTENSIONS: [&str; 10] = [
    "PIPELINING",
    "SIZE",
    "8BITMIME",
    "SMTPUTF8",
    "ENHANCEDSTATUSCODES",
    "CHUNKING",
    "STARTTLS",
    "AUTH",
    "DSN",
    "HELP",
];

/// A header translation's tag, checked once `lang:` is known: (tag, file, line, column, the
/// include chain).
type DeferredTag = (String, String, u32, u32, Vec<(String, u32)>);

/// Where a line stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Block {
    Header,
    Step,
}

/// Translations and counts waiting for the end of their block.
#[derive(Default)]
struct Pending {
    /// `(lang, text, file, line, column)` of `hint[LANG]` lines, in order.
    hints: Vec<(String, String, String, u32, u32)>,
    /// `(lang, written condition, text, file, line, column)` of `fail[LANG]` lines.
    fails: Vec<(String, String, String, String, u32, u32)>,
    /// The action index of the last `explain:` when nothing else came after it.
    explain: Option<usize>,
    /// Lines of the block's actions, for the 1000 limit.
    actions: usize,
    /// `(line, file)` of the first hint, fail, solution, send, toggle or explain line, for the
    /// read-step check.
    first_step_only: Option<(&'static str, String, u32)>,
    /// `(line, file)` of the first `solution:`.
    first_solution: Option<(String, u32)>,
    /// Whether an input came before (for `S:` placement).
    inputs: usize,
}

struct Parser<'a> {
    top: String,
    include: Option<Include<'a>>,
    diags: Vec<Diagnostic>,
    errors: usize,
    stopped: bool,
    lesson: Lesson,
    block: Block,
    /// A transcript's body has begun (header keys are over).
    body: bool,
    /// `(key, line)` of header keys given once.
    seen: Vec<(String, u32)>,
    /// Header translations to check once `lang:` is known: (tag, file, line, column, chain).
    header_tags: Vec<DeferredTag>,
    lang_given: bool,
    /// `auth:` given (not `none`) at this line.
    auth_on: Option<u32>,
    step_lines: Vec<(String, u32)>,
    pending: Pending,
    /// The include chain: (including file, line), outermost first.
    chain: Vec<(String, u32)>,
    /// Files being read (cycle detection).
    open: Vec<String>,
    parts: usize,
    lines: usize,
    rules: usize,
}

impl<'a> Parser<'a> {
    fn new(file: &str, include: Option<Include<'a>>) -> Self {
        Self {
            top: file.to_owned(),
            include,
            diags: Vec::new(),
            errors: 0,
            stopped: false,
            lesson: Lesson {
                file: file.to_owned(),
                kind: FileKind::Lesson,
                id: String::new(),
                title: Text::default(),
                summary: None,
                langs: vec!["en".into()],
                minutes: None,
                revision: 1,
                author: None,
                license: None,
                server: ServerSetup::default(),
                server_keys: Vec::new(),
                rules: Vec::new(),
                lab: None,
                setup: Vec::new(),
                intro: Narration::default(),
                fails: Vec::new(),
                steps: Vec::new(),
                engine: None,
                lesson_ref: None,
            },
            block: Block::Header,
            body: false,
            seen: Vec::new(),
            header_tags: Vec::new(),
            lang_given: false,
            auth_on: None,
            step_lines: Vec::new(),
            pending: Pending::default(),
            chain: Vec::new(),
            open: Vec::new(),
            parts: 0,
            lines: 0,
            rules: 0,
        }
    }

    // ---- diagnostics ------------------------------------------------------------------------

    fn report(&mut self, file: &str, line: u32, column: u32, severity: Severity, msg: String) {
        if self.stopped {
            return;
        }
        if severity == Severity::Error {
            if self.errors == syntax::MAX_ERRORS {
                self.stopped = true;
                self.diags.push(Diagnostic {
                    file: file.to_owned(),
                    line,
                    column,
                    severity,
                    message: "too many errors; stopping".into(),
                    included_from: Vec::new(),
                });
                return;
            }
            self.errors += 1;
        }
        self.diags.push(Diagnostic {
            file: file.to_owned(),
            line,
            column,
            severity,
            message: msg,
            included_from: self.chain.iter().rev().cloned().collect(),
        });
    }

    fn err(&mut self, file: &str, line: u32, column: u32, msg: impl Into<String>) {
        self.report(file, line, column, Severity::Error, msg.into());
    }

    fn finish(mut self) -> Result<Lesson, Vec<Diagnostic>> {
        let top = self.top.clone();
        self.end_block(&top);
        if self.block == Block::Header {
            self.end_header(&top);
        }
        if self.lesson.kind == FileKind::Lesson && !self.stopped {
            if self.lesson.steps.is_empty() {
                self.err(
                    &top,
                    1,
                    1,
                    "a lesson needs at least one step (\"## id: Title\")",
                );
            } else if self.lesson.steps.iter().all(|s| s.kind() == StepKind::Read) {
                let line = self.lesson.steps[0].line;
                self.err(
                    &top,
                    line,
                    1,
                    "every step is a read step: at least one needs a goal or a C:/S:/| script",
                );
            }
        }
        if self.errors > 0 {
            return Err(self.diags);
        }
        Ok(self.lesson)
    }

    // ---- files and lines ----------------------------------------------------------------------

    /// Reads one file: the top-level one (`top`) or a part.
    fn file(&mut self, file: &str, bytes: &[u8], top: bool) {
        let mut problems = Vec::new();
        let lines = syntax::lines(bytes, &mut problems);
        let too_big = bytes.len() > syntax::MAX_FILE;
        for p in problems {
            self.err(file, p.line, p.column, p.message);
        }
        if too_big {
            // Nothing of it was read.
            self.stopped = top;
            return;
        }
        let mut iter = lines.into_iter();
        let first = iter.next();
        let first_text = first.as_ref().map_or("", |l| l.text.as_str());
        let first_no = first.as_ref().map_or(1, |l| l.number);
        let kind = match version(first_text) {
            Ok(kind) => kind,
            Err((col, msg)) => {
                self.err(file, first_no, col, msg);
                // Without knowing what the file is, nothing else can be read.
                self.stopped = top;
                return;
            }
        };
        if top {
            if kind == FileKind::Part {
                self.err(
                    file,
                    first_no,
                    1,
                    "a part is read through include:, not on its own",
                );
                return;
            }
            self.lesson.kind = kind;
        } else if kind != FileKind::Part {
            self.err(
                file,
                first_no,
                1,
                format!("an included file starts with \"%smtp-part 1\", found {first_text:?}"),
            );
            return;
        }
        self.open.push(file.to_owned());
        for line in iter {
            if self.stopped {
                break;
            }
            self.lines += 1;
            if self.lines > syntax::MAX_LINES {
                self.err(
                    file,
                    line.number,
                    1,
                    "the lesson and its parts have more than 50000 lines",
                );
                self.stopped = true;
                break;
            }
            self.line(file, &line, !top);
        }
        self.open.pop();
    }

    fn line(&mut self, file: &str, l: &Line, in_part: bool) {
        let t = l.text.as_str();
        let n = l.number;
        if t.is_empty() {
            return;
        }
        let first = t.chars().next().unwrap_or(' ');
        // Consecutive explain: lines are one paste; comments do not break the run.
        let comment = t.starts_with('#') && !t.starts_with("##");
        if !comment && !t.starts_with("explain:") {
            self.pending.explain = None;
        }
        match first {
            ' ' | '\t' => self.err(
                file,
                n,
                1,
                "a line may not start with a space; keys, >, |, C:, S:, # and ## start in column 1",
            ),
            '%' => self.err(file, n, 1, "a \"%\" line may only be the first line"),
            '#' if t.starts_with("## ") => {
                if in_part {
                    self.err(file, n, 1, "a part has no steps: no \"##\" headings");
                } else {
                    self.heading(file, n, t.strip_prefix("## ").unwrap_or_default());
                }
            }
            '#' if t.starts_with("##") => self.err(
                file,
                n,
                3,
                "expected a space after \"##\" (a step is \"## id: Title\")",
            ),
            '#' => {}
            '>' => self.narration(file, n, t.strip_prefix('>').unwrap_or_default()),
            '|' => {
                let text = one_space(file, n, 2, t.strip_prefix('|').unwrap_or_default(), "|");
                match text {
                    Ok(text) => self.script(file, n, "|", Action::MessageLine(text.to_owned())),
                    Err(p) => self.err(file, p.line, p.column, p.message),
                }
            }
            'C' | 'S' if t.get(1..2) == Some(":") => {
                let (key, rest) = t.split_at_checked(2).unwrap_or_default();
                match one_space(file, n, 3, rest, key) {
                    Ok(text) => {
                        let action = if first == 'C' {
                            Action::Command(text.to_owned())
                        } else {
                            Action::Expect(text.to_owned())
                        };
                        self.script(file, n, key, action);
                    }
                    Err(p) => self.err(file, p.line, p.column, p.message),
                }
            }
            'a'..='z' => self.keyline(file, n, t),
            'A'..='Z' => {
                let word: String = t
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
                    .collect();
                self.err(
                    file,
                    n,
                    1,
                    format!(
                        "keys are lower case: write {:?}, not {word:?}",
                        word.to_ascii_lowercase()
                    ),
                );
            }
            _ => {
                let found: String = t.chars().take(12).collect();
                self.err(
                    file,
                    n,
                    1,
                    format!(
                        "a line starts with a key (a to z), >, |, C:, S:, # or ##; found {found:?}"
                    ),
                );
            }
        }
    }

    // ---- blocks -----------------------------------------------------------------------------

    fn heading(&mut self, file: &str, n: u32, rest: &str) {
        let Some((id, title)) = rest.split_once(':') else {
            self.err(
                file,
                n,
                4,
                "expected \"## id: Title\" (a colon after the step id)",
            );
            return;
        };
        if self.lesson.kind == FileKind::Lesson && self.lesson.steps.len() >= 100 {
            self.err(file, n, 1, "a lesson has at most 100 steps");
            return;
        }
        let title_col = 4 + id.chars().count() as u32 + 1;
        let title_trim = title.trim_start_matches([' ', '\t']);
        let title_col = title_col + (title.len() - title_trim.len()) as u32;
        if !is_id(id) {
            self.err(
                file,
                n,
                4,
                format!(
                    "a step id is lower-case letters and digits joined by single hyphens, at most 64 characters; found {id:?}"
                ),
            );
        } else if let Some((_, line)) = self.step_lines.iter().find(|(i, _)| i == id) {
            let line = *line;
            self.err(
                file,
                n,
                4,
                format!("step id {id:?} is already used at line {line}"),
            );
        }
        if title.is_empty() || !title.starts_with([' ', '\t']) || title_trim.is_empty() {
            self.err(
                file,
                n,
                title_col,
                "expected a title after \"id:\", as in \"## hello: Say hello\"",
            );
        } else if title_trim.chars().count() > 120 {
            self.err(file, n, title_col, "a title is at most 120 characters");
        }
        self.end_block(file);
        if self.block == Block::Header {
            self.end_header(file);
        }
        self.block = Block::Step;
        self.body = true;
        self.step_lines.push((id.to_owned(), n));
        let title = Text {
            base: title_trim.to_owned(),
            translations: Vec::new(),
            line: n,
        };
        self.lesson
            .steps
            .push(Step::heading(id.to_owned(), title, n));
    }

    /// The header is complete: check what needed all of it.
    fn end_header(&mut self, file: &str) {
        let base = self.lesson.base_lang().to_owned();
        let langs = self.lesson.langs.clone();
        for (tag, f, line, col, chain) in std::mem::take(&mut self.header_tags) {
            let saved = std::mem::replace(&mut self.chain, chain);
            self.check_tag(&f, line, col, &tag, &base, &langs);
            self.chain = saved;
        }
        match self.lesson.kind {
            FileKind::Lesson => {
                if self.lesson.id.is_empty() {
                    self.err(file, 1, 1, "the header needs an id: line (id: first-mail)");
                }
                if self.lesson.title.base.is_empty() {
                    self.err(file, 1, 1, "the header needs a title: line");
                }
            }
            FileKind::Transcript => {
                if self.lesson.langs.len() > 1 {
                    self.err(file, 1, 1, "a transcript's lang: is one language tag");
                }
            }
            FileKind::Part => {}
        }
        if let Some(line) = self.auth_on {
            if !self.lesson.server.extensions.auth {
                self.err(
                    file,
                    line,
                    1,
                    "auth: conflicts with ehlo:, which drops AUTH",
                );
            }
        }
    }

    /// The current block is complete: pair translations, check the step's kind.
    fn end_block(&mut self, file: &str) {
        let pending = std::mem::take(&mut self.pending);
        let base = self.lesson.base_lang().to_owned();
        // Narration: unclosed ``` blocks and links.
        let narration = match self.block {
            Block::Header => self.lesson.intro.clone(),
            Block::Step => self
                .lesson
                .steps
                .last()
                .map(|s| s.narration.clone())
                .unwrap_or_default(),
        };
        let narration_file = file.to_owned();
        for (lang, lines) in &narration.languages {
            // Where the text starts: after "> ", or after ">[pt-BR] ".
            let col0 = if *lang == base {
                3
            } else {
                lang.chars().count() as u32 + 5
            };
            let mut open: Option<u32> = None;
            for (n, text) in lines {
                if text == "```" {
                    open = if open.is_some() { None } else { Some(*n) };
                    continue;
                }
                if open.is_none() {
                    for (col, msg) in markdown::check_inline(text, col0) {
                        self.err(&narration_file, *n, col, msg);
                    }
                }
            }
            if let Some(n) = open {
                self.err(&narration_file, n, col0, "this ``` block is not closed");
            }
        }
        // Hint translations by position.
        let mut counts: Vec<(String, usize)> = Vec::new();
        for (lang, text, f, line, col) in pending.hints {
            let count = match counts.iter_mut().find(|(l, _)| *l == lang) {
                Some((_, c)) => {
                    *c += 1;
                    *c
                }
                None => {
                    counts.push((lang.clone(), 1));
                    1
                }
            };
            let hints = match self.block {
                Block::Step => self.lesson.steps.last_mut().map(|s| &mut s.hints),
                Block::Header => None,
            };
            match hints.and_then(|h| h.get_mut(count - 1)) {
                Some(h) => h.translations.push((lang, text)),
                None => {
                    let have = self.lesson.steps.last().map_or(0, |s| s.hints.len());
                    self.err(
                        &f,
                        line,
                        col,
                        format!(
                            "hint[{lang}] number {count} has no hint: to translate (this step has {have})"
                        ),
                    );
                }
            }
        }
        // Fail translations by condition.
        for (lang, written, text, f, line, col) in pending.fails {
            let fails = match self.block {
                Block::Header => Some(&mut self.lesson.fails),
                Block::Step => self.lesson.steps.last_mut().map(|s| &mut s.fails),
            };
            match fails.and_then(|fs| fs.iter_mut().find(|f| f.written == written)) {
                Some(fl) => fl.text.translations.push((lang, text)),
                None => self.err(
                    &f,
                    line,
                    col,
                    format!("fail[{lang}] translates no fail: line with the condition {written:?}"),
                ),
            }
        }
        let _ = base;
        if self.block != Block::Step {
            return;
        }
        let Some(step) = self.lesson.steps.last() else {
            return;
        };
        let (id, line) = (step.id.clone(), step.line);
        let kind = step.kind();
        let has_solution = step.actions.iter().any(|a| {
            matches!(
                a.item,
                Action::Solution(_) | Action::Send(_) | Action::Explain(_) | Action::Toggle(_)
            )
        });
        let lab = self.lesson.is_lab();
        match kind {
            StepKind::Read => {
                if let Some((key, f, l)) = pending.first_step_only {
                    self.err(
                        &f,
                        l,
                        1,
                        format!(
                            "step {id:?} has no goal: add a goal: line, or remove its {key} lines (a read step has only narration)"
                        ),
                    );
                }
            }
            StepKind::Goal => {
                if self.lesson.kind == FileKind::Lesson && !has_solution {
                    let what = if lab {
                        "send: or toggle:"
                    } else {
                        "solution:, send: or explain:"
                    };
                    self.err(
                        file,
                        line,
                        1,
                        format!("step {id:?} has goals but no solution ({what})"),
                    );
                }
            }
            StepKind::Transcript => {
                if let Some((f, l)) = pending.first_solution {
                    self.err(
                        &f,
                        l,
                        1,
                        "a transcript step's script is its solution: remove the solution: lines",
                    );
                }
            }
        }
    }

    /// The actions, narration and so on of the block being read.
    fn step_mut(&mut self) -> Option<&mut Step> {
        match self.block {
            Block::Step => self.lesson.steps.last_mut(),
            Block::Header => None,
        }
    }

    fn narration(&mut self, file: &str, n: u32, rest: &str) {
        if self.lesson.kind == FileKind::Transcript {
            self.err(file, n, 1, "a transcript has no narration (> lines)");
            return;
        }
        let (lang, rest, col) = match rest.strip_prefix('[') {
            Some(r) => match r.split_once(']') {
                Some((tag, after)) => {
                    let tag_col = 3;
                    match self.tag(file, n, tag_col, tag) {
                        Some(t) => (t, after, 3 + tag.chars().count() as u32 + 1),
                        None => return,
                    }
                }
                None => {
                    self.err(
                        file,
                        n,
                        2,
                        "expected \"]\" after the language tag, as in >[pt-BR]",
                    );
                    return;
                }
            },
            None => (self.lesson.base_lang().to_owned(), rest, 2),
        };
        let text = match rest.strip_prefix(' ') {
            Some(t) => t,
            None if rest.is_empty() => "",
            None => {
                self.err(file, n, col, "expected a space after \">\"");
                return;
            }
        };
        let narration = match self.step_mut() {
            Some(s) => &mut s.narration,
            None => &mut self.lesson.intro,
        };
        let i = match narration.languages.iter().position(|(l, _)| *l == lang) {
            Some(i) => i,
            None => {
                narration.languages.push((lang, Vec::new()));
                narration.languages.len() - 1
            }
        };
        let entry = &mut narration.languages[i].1;
        if entry.len() < 500 {
            entry.push((n, text.to_owned()));
        } else {
            self.err(
                file,
                n,
                1,
                "a block has at most 500 narration lines per language",
            );
        }
    }

    /// A `C:`, `S:` or `|` line.
    fn script(&mut self, file: &str, n: u32, key: &str, action: Action) {
        let transcript = self.lesson.kind == FileKind::Transcript;
        if let Action::MessageLine(t) = &action {
            if t == "." {
                self.err(
                    file,
                    n,
                    1,
                    "\"| .\" is not a message line: the final dot ends the data, write it as \"C: .\"",
                );
                return;
            }
        }
        if let Action::Expect(t) = &action {
            let b = t.as_bytes();
            if b.len() < 3
                || !b[..3].iter().all(u8::is_ascii_digit)
                || b.get(3).is_some_and(|c| !matches!(c, b' ' | b'-'))
            {
                self.err(
                    file,
                    n,
                    4,
                    format!("an S: line starts with a reply code, as in \"S: 250\"; found {t:?}"),
                );
                return;
            }
        }
        if transcript {
            self.body = true;
            self.ensure_transcript_step(n);
        } else if self.block == Block::Header {
            self.err(
                file,
                n,
                1,
                format!(
                    "{key:?} belongs in a step (after a \"## id: Title\" line), not in the header"
                ),
            );
            return;
        } else if self.lesson.is_lab() {
            self.err(
                file,
                n,
                1,
                format!("a lab lesson's steps take send: and toggle:, not {key}"),
            );
            return;
        }
        if !transcript && matches!(action, Action::Expect(_)) && self.pending.inputs == 0 {
            self.err(
                file,
                n,
                1,
                "an S: line comes after the input it answers (the greeting is sent before step 1)",
            );
            return;
        }
        if action.is_input() {
            self.pending.inputs += 1;
        }
        self.push_action(file, n, action);
    }

    fn ensure_transcript_step(&mut self, n: u32) {
        if self.lesson.steps.is_empty() {
            self.block = Block::Step;
            // A transcript without `##` markers: one unnamed step.
            self.lesson
                .steps
                .push(Step::heading(String::new(), Text::default(), n));
        }
    }

    fn push_action(&mut self, file: &str, n: u32, action: Action) {
        self.pending.actions += 1;
        if self.pending.actions > 1000 {
            self.err(file, n, 1, "a block has at most 1000 actions");
            return;
        }
        let item = At {
            line: n,
            file: file.to_owned(),
            item: action,
        };
        if let Some(s) = self.step_mut() {
            s.actions.push(item);
        }
    }

    // ---- key lines ----------------------------------------------------------------------------

    fn keyline(&mut self, file: &str, n: u32, t: &str) {
        let key_len = t
            .find(|c: char| !(c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'))
            .unwrap_or(t.len());
        let (key, mut rest) = t.split_at_checked(key_len).unwrap_or((t, ""));
        let mut col = key_len as u32 + 1;
        let mut tag = None;
        if let Some(r) = rest.strip_prefix('[') {
            let Some((tg, after)) = r.split_once(']') else {
                self.err(
                    file,
                    n,
                    col,
                    "expected \"]\" after the language tag, as in title[pt-BR]:",
                );
                return;
            };
            tag = Some((tg.to_owned(), col + 1));
            col += tg.chars().count() as u32 + 2;
            rest = after;
        }
        let Some(value) = rest.strip_prefix(':') else {
            let found: String = rest.chars().take(12).collect();
            self.err(
                file,
                n,
                col,
                format!("expected \":\" after the key {key:?}, found {found:?}"),
            );
            return;
        };
        col += 1;
        // Text keys lose exactly one space; other values are trimmed (§3).
        let text_key = matches!(key, "setup" | "solution" | "explain");
        let (value, vcol) = if text_key {
            match value.strip_prefix(' ') {
                Some(v) => (v, col + 1),
                None => (value, col),
            }
        } else {
            let trimmed = value.trim_start_matches([' ', '\t']);
            (trimmed, col + (value.len() - trimmed.len()) as u32)
        };
        if !self.key_allowed(file, n, key) {
            return;
        }
        if self.block == Block::Header && (SERVER.contains(&key) || key == "reply") {
            self.lesson.server_keys.push(t.to_owned());
        }
        let lang = match tag {
            None => None,
            Some((tg, tcol)) => {
                if !TRANSLATABLE.contains(&key) {
                    let what = match key {
                        "goal" => "goals",
                        "solution" => "solutions",
                        "setup" => "set-up lines",
                        _ => "its value",
                    };
                    let are = if what == "its value" { "is" } else { "are" };
                    self.err(
                        file,
                        n,
                        tcol,
                        format!("{key} is not translated ({what} {are} the same in every language); remove \"[{tg}]\""),
                    );
                    return;
                }
                if key == "title" && self.block == Block::Header || key == "summary" {
                    // Checked once lang: is known.
                    let Some(canon) = canonical_tag(&tg) else {
                        self.err(
                            file,
                            n,
                            tcol,
                            format!("expected a language tag such as en or pt-BR, found {tg:?}"),
                        );
                        return;
                    };
                    self.header_tags.push((
                        canon.clone(),
                        file.to_owned(),
                        n,
                        tcol,
                        self.chain.clone(),
                    ));
                    Some(canon)
                } else {
                    match self.tag(file, n, tcol, &tg) {
                        Some(t) => Some(t),
                        None => return,
                    }
                }
            }
        };
        if value.is_empty() && !text_key {
            self.err(file, n, vcol, format!("{key}: needs a value"));
            return;
        }
        match key {
            "title" if self.block == Block::Step => match lang {
                Some(l) => {
                    if let Some(s) = self.step_mut() {
                        s.title.translations.push((l, value.to_owned()));
                    }
                }
                None => self.err(
                    file,
                    n,
                    1,
                    "a step's title is on its \"##\" line; title[LANG]: translates it",
                ),
            },
            "goal" => self.goal_line(file, n, value, vcol),
            "fail" => self.fail_line(file, n, value, vcol, lang),
            "hint" => {
                self.step_only("hint", file, n);
                let hints_here = self.step_mut().map_or(0, |s| s.hints.len());
                match lang {
                    Some(l) => {
                        self.pending
                            .hints
                            .push((l, value.to_owned(), file.to_owned(), n, 1))
                    }
                    None => {
                        if hints_here >= 16 {
                            self.err(file, n, 1, "a step has at most 16 hints");
                            return;
                        }
                        for (c, m) in markdown::check_inline(value, vcol) {
                            self.err(file, n, c, m);
                        }
                        if let Some(s) = self.step_mut() {
                            s.hints.push(Text {
                                base: value.to_owned(),
                                translations: Vec::new(),
                                line: n,
                            });
                        }
                    }
                }
            }
            "solution" => {
                self.step_only("solution", file, n);
                if self.lesson.is_lab() {
                    self.err(file, n, 1, "a lab lesson's steps take send: and toggle:, not solution:");
                    return;
                }
                if self.pending.first_solution.is_none() {
                    self.pending.first_solution = Some((file.to_owned(), n));
                }
                self.push_action(file, n, Action::Solution(value.to_owned()));
            }
            "send" => match syntax::decode_send(value, vcol) {
                Ok(bytes) => {
                    if self.lesson.kind == FileKind::Transcript {
                        self.body = true;
                        self.ensure_transcript_step(n);
                        self.pending.inputs += 1;
                        self.push_action(file, n, Action::Send(bytes));
                    } else {
                        self.step_only("send", file, n);
                        self.pending.inputs += 1;
                        self.push_action(file, n, Action::Send(bytes));
                    }
                }
                Err((c, m)) => self.err(file, n, c, m),
            },
            "explain" => {
                self.step_only("explain", file, n);
                if self.lesson.is_lab() {
                    self.err(file, n, 1, "a lab lesson's steps take send: and toggle:, not explain:");
                    return;
                }
                let joined = self.pending.explain.and_then(|i| {
                    let s = self.step_mut()?;
                    match &mut s.actions.get_mut(i)?.item {
                        Action::Explain(t) => {
                            t.push('\n');
                            t.push_str(value);
                            Some(())
                        }
                        _ => None,
                    }
                });
                if joined.is_none() {
                    self.push_action(file, n, Action::Explain(value.to_owned()));
                    self.pending.explain = self.step_mut().map(|s| s.actions.len() - 1);
                }
            }
            "toggle" => {
                self.step_only("toggle", file, n);
                if !self.lesson.is_lab() {
                    self.err(file, n, 1, "toggle: is for lab lessons (a header with a lab: line)");
                    return;
                }
                match lab_change(value, vcol) {
                    Ok(c) => self.push_action(file, n, Action::Toggle(c)),
                    Err((c, m)) => self.err(file, n, c, m),
                }
            }
            "setup" => {
                let item = At {
                    line: n,
                    file: file.to_owned(),
                    item: value.to_owned(),
                };
                match self.step_mut() {
                    Some(s) => s.setup.push(item),
                    None => self.lesson.setup.push(item),
                }
            }
            "reply" => {
                self.rules += 1;
                if self.rules > 64 {
                    self.err(file, n, 1, "a lesson has at most 64 reply: rules");
                    return;
                }
                match reply_rule(value, vcol) {
                    Ok(f) => {
                        let item = At {
                            line: n,
                            file: file.to_owned(),
                            item: f,
                        };
                        match self.step_mut() {
                            Some(s) => s.rules.push(item),
                            None => self.lesson.rules.push(item),
                        }
                    }
                    Err((c, m)) => self.err(file, n, c, m),
                }
            }
            "lab" => match lab_change(value, vcol) {
                Ok(change) => match self.block {
                    Block::Header => match (change.relay, change.inbound) {
                        (Some(relay), Some(inbound)) => {
                            self.once(file, n, "lab");
                            self.lesson.lab = Some(LabSettings { relay, inbound });
                        }
                        _ => self.err(
                            file,
                            n,
                            vcol,
                            "the header's lab: names both hops, as in \"lab: relay=passthrough inbound=vulnerable\"",
                        ),
                    },
                    Block::Step => {
                        if !self.lesson.is_lab() {
                            self.err(file, n, 1, "lab: in a step needs a lab lesson (a header with a lab: line)");
                            return;
                        }
                        if let Some(s) = self.step_mut() {
                            s.lab = Some(change);
                        }
                    }
                },
                Err((c, m)) => self.err(file, n, c, m),
            },
            "include" => self.include_line(file, n, value, vcol),
            _ => self.header_key(file, n, key, value, vcol, lang),
        }
    }

    /// Remembers a step-only key for the read-step check.
    fn step_only(&mut self, key: &'static str, file: &str, n: u32) {
        if self.pending.first_step_only.is_none() {
            self.pending.first_step_only = Some((key, file.to_owned(), n));
        }
    }

    /// Header keys given at most once.
    fn once(&mut self, file: &str, n: u32, key: &str) -> bool {
        if let Some((_, line)) = self.seen.iter().find(|(k, _)| k == key) {
            let line = *line;
            self.err(
                file,
                n,
                1,
                format!("{key}: is already given at line {line}"),
            );
            return false;
        }
        self.seen.push((key.to_owned(), n));
        true
    }

    /// Is `key` known, and allowed where it stands? Reports why not.
    fn key_allowed(&mut self, file: &str, n: u32, key: &str) -> bool {
        let transcript = self.lesson.kind == FileKind::Transcript;
        let in_part = self.open.len() > 1;
        let known_lesson = IDENTITY.contains(&key)
            || SERVER.contains(&key)
            || STEP_KEYS.contains(&key)
            || BOTH.contains(&key);
        if key == "mode" {
            self.err(
                file,
                n,
                1,
                "\"mode\" is reserved for a later version of the format",
            );
            return false;
        }
        if transcript {
            let header_keys = ["lang", "reply"];
            let ok_header = SERVER.contains(&key)
                || TRANSCRIPT_ONLY.contains(&key)
                || header_keys.contains(&key);
            if key == "send" {
                return true;
            }
            if ok_header {
                if self.body {
                    self.err(
                        file,
                        n,
                        1,
                        format!("{key:?} belongs in the transcript's header, before the first S:, C:, | or send: line"),
                    );
                    return false;
                }
                return true;
            }
            if known_lesson {
                self.err(file, n, 1, format!("{key:?} is not used in a transcript"));
            } else {
                self.unknown_key(file, n, key, "a transcript takes engine, lesson, lang, persona, hostname, ehlo, auth, user, size, max-recipients, max-errors, reply, send, C:, S:, |, # or ##");
            }
            return false;
        }
        if TRANSCRIPT_ONLY.contains(&key) {
            self.err(file, n, 1, format!("{key:?} is used only in a transcript"));
            return false;
        }
        if !known_lesson {
            match self.block {
                Block::Step => self.unknown_key(file, n, key, "a step takes goal, fail, hint, solution, setup, send, toggle, explain, reply, lab, include, title[LANG], C:, S:, |, > or ##"),
                Block::Header => self.unknown_key(file, n, key, "the header takes id, title, summary, lang, minutes, revision, author, license, persona, hostname, ehlo, auth, user, size, max-recipients, max-errors, reply, lab, setup, include, fail, > or ##"),
            }
            return false;
        }
        if in_part && IDENTITY.contains(&key) && !(key == "title" && self.block == Block::Step) {
            self.err(
                file,
                n,
                1,
                format!("{key:?} belongs to the lesson itself, not to a part"),
            );
            return false;
        }
        match self.block {
            Block::Step if IDENTITY.contains(&key) && key != "title" || SERVER.contains(&key) => {
                let step = self
                    .lesson
                    .steps
                    .last()
                    .map(|s| s.id.clone())
                    .unwrap_or_default();
                self.err(
                    file,
                    n,
                    1,
                    format!("{key:?} belongs in the header (before the first step), not in step {step:?}"),
                );
                false
            }
            Block::Header if STEP_KEYS.contains(&key) && key != "title" => {
                self.err(
                    file,
                    n,
                    1,
                    format!("{key:?} belongs in a step (after a \"## id: Title\" line), not in the header"),
                );
                false
            }
            _ => true,
        }
    }

    fn unknown_key(&mut self, file: &str, n: u32, key: &str, takes: &str) {
        let mut all: Vec<&str> = Vec::new();
        all.extend(IDENTITY);
        all.extend(SERVER);
        all.extend(STEP_KEYS);
        all.extend(BOTH);
        let hint = did_you_mean(key, &all);
        self.err(file, n, 1, format!("unknown key {key:?}{hint}; {takes}"));
    }

    /// Checks a language tag against `lang:`; returns it in canonical form.
    fn tag(&mut self, file: &str, n: u32, col: u32, tag: &str) -> Option<String> {
        let Some(canon) = canonical_tag(tag) else {
            self.err(
                file,
                n,
                col,
                format!("expected a language tag such as en or pt-BR, found {tag:?}"),
            );
            return None;
        };
        if self.block == Block::Header {
            self.header_tags
                .push((canon.clone(), file.to_owned(), n, col, self.chain.clone()));
            return Some(canon);
        }
        let base = self.lesson.base_lang().to_owned();
        let langs = self.lesson.langs.clone();
        if self.check_tag(file, n, col, &canon, &base, &langs) {
            Some(canon)
        } else {
            None
        }
    }

    fn check_tag(
        &mut self,
        file: &str,
        n: u32,
        col: u32,
        tag: &str,
        base: &str,
        langs: &[String],
    ) -> bool {
        if tag.eq_ignore_ascii_case(base) {
            self.err(
                file,
                n,
                col,
                format!("{tag:?} is the base language (the first of lang:): write the text without a tag"),
            );
            return false;
        }
        if !langs.iter().any(|l| l.eq_ignore_ascii_case(tag)) {
            self.err(
                file,
                n,
                col,
                format!(
                    "language {tag:?} is not declared; lang: lists {}",
                    langs.join(", ")
                ),
            );
            return false;
        }
        true
    }

    // ---- header keys --------------------------------------------------------------------------

    fn header_key(
        &mut self,
        file: &str,
        n: u32,
        key: &str,
        value: &str,
        vcol: u32,
        lang: Option<String>,
    ) {
        let once_key = lang.is_none() && key != "user";
        if once_key && !self.once(file, n, key) {
            return;
        }
        let mut cur = Cursor::new(value, vcol);
        let result: Result<(), (u32, String)> = (|| {
            match key {
                "id" => {
                    if !is_id(value) {
                        return Err((vcol, format!("an id is lower-case letters and digits joined by single hyphens, at most 64 characters; found {value:?}")));
                    }
                    self.lesson.id = value.to_owned();
                }
                "title" | "summary" => {
                    let max = if key == "title" { 120 } else { 300 };
                    if value.chars().count() > max {
                        return Err((vcol, format!("a {key} is at most {max} characters")));
                    }
                    match (key, lang) {
                        ("title", None) => {
                            self.lesson.title.base = value.to_owned();
                            self.lesson.title.line = n;
                        }
                        ("title", Some(l)) => {
                            self.lesson.title.translations.push((l, value.to_owned()))
                        }
                        (_, None) => {
                            let s = self.lesson.summary.get_or_insert_with(Text::default);
                            s.base = value.to_owned();
                            s.line = n;
                        }
                        (_, Some(l)) => self
                            .lesson
                            .summary
                            .get_or_insert_with(Text::default)
                            .translations
                            .push((l, value.to_owned())),
                    }
                }
                "lang" => {
                    let mut langs: Vec<String> = Vec::new();
                    while let Some(tok) = cur.next() {
                        let Some(t) = canonical_tag(tok.text) else {
                            return Err((
                                tok.col,
                                format!(
                                    "expected a language tag such as en or pt-BR, found {:?}",
                                    tok.text
                                ),
                            ));
                        };
                        if langs.iter().any(|l| l.eq_ignore_ascii_case(&t)) {
                            return Err((tok.col, format!("{t:?} is listed twice")));
                        }
                        langs.push(t);
                    }
                    if langs.len() > 8 {
                        return Err((vcol, "a lesson has at most 8 languages".into()));
                    }
                    self.lang_given = true;
                    self.lesson.langs = langs;
                }
                "minutes" => self.lesson.minutes = Some(number(cur.next(), 1, 180)?),
                "revision" => self.lesson.revision = number(cur.next(), 1, 999_999)?,
                "author" => self.lesson.author = Some(value.to_owned()),
                "license" => self.lesson.license = Some(value.to_owned()),
                "engine" => self.lesson.engine = Some(value.to_owned()),
                "lesson" => self.lesson.lesson_ref = Some(value.to_owned()),
                "persona" => {
                    let tok = cur.next().unwrap_or(Tok {
                        text: "",
                        col: vcol,
                    });
                    self.lesson.server.persona = Persona::from_name(tok.text).ok_or_else(|| {
                        (
                            tok.col,
                            format!(
                                "unknown persona {:?}; expected strict, lenient or vulnerable",
                                tok.text
                            ),
                        )
                    })?;
                }
                "hostname" => {
                    if !crate::command::is_domain(value) || !value.is_ascii() {
                        return Err((
                            vcol,
                            format!(
                                "expected a domain name such as mx.example.test, found {value:?}"
                            ),
                        ));
                    }
                    self.lesson.server.hostname = value.to_owned();
                }
                "ehlo" => self.lesson.server.extensions = ehlo(value, vcol)?,
                "auth" => {
                    let words: Vec<String> = value
                        .split_whitespace()
                        .map(str::to_ascii_uppercase)
                        .collect();
                    match words.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
                        ["NONE"] => self.lesson.server.extensions.auth = false,
                        ["PLAIN", "LOGIN"] => self.auth_on = Some(n),
                        _ => return Err((vcol, "this engine offers PLAIN and LOGIN together: write \"auth: PLAIN LOGIN\" or \"auth: none\"".into())),
                    }
                }
                "user" => {
                    let (Some(name), Some(pass), None) = (cur.next(), cur.next(), cur.next())
                    else {
                        return Err((vcol, "expected \"user: NAME PASSWORD\", two words".into()));
                    };
                    self.lesson
                        .server
                        .users
                        .push((name.text.to_owned(), pass.text.to_owned()));
                }
                "size" => self.lesson.server.size = number(cur.next(), 1, 104_857_600)? as usize,
                "max-recipients" => {
                    self.lesson.server.max_recipients = number(cur.next(), 1, 1000)? as usize
                }
                "max-errors" => self.lesson.server.max_errors = number(cur.next(), 0, 100)?,
                _ => {}
            }
            if matches!(
                key,
                "minutes" | "revision" | "persona" | "size" | "max-recipients" | "max-errors"
            ) {
                if let Some(extra) = cur.next() {
                    return Err((
                        extra.col,
                        format!("unexpected {:?} after the value", extra.text),
                    ));
                }
            }
            Ok(())
        })();
        if let Err((c, m)) = result {
            self.err(file, n, c, m);
        }
    }

    // ---- goals and fail lines -------------------------------------------------------------------

    fn goal_line(&mut self, file: &str, n: u32, value: &str, vcol: u32) {
        if self.lesson.kind == FileKind::Transcript {
            return;
        }
        let mut cur = Cursor::new(value, vcol);
        let goal = match goal(&mut cur, false) {
            Ok(g) => g,
            Err((c, m)) => return self.err(file, n, c, m),
        };
        if let Some(extra) = cur.next() {
            let msg = if extra.text.starts_with('#') {
                "unexpected \"#\" after the goal; comments are whole lines only".to_owned()
            } else {
                format!("unexpected {:?} after the goal", extra.text)
            };
            return self.err(file, n, extra.col, msg);
        }
        let Some(step) = self.step_mut() else { return };
        if step.goals.len() >= 32 {
            return self.err(file, n, 1, "a step has at most 32 goals");
        }
        if let Some(same) = step.goals.iter().find(|g| g.item == goal) {
            let line = same.line;
            return self.err(
                file,
                n,
                vcol,
                format!("the same goal is already at line {line}"),
            );
        }
        step.goals.push(At {
            line: n,
            file: file.to_owned(),
            item: goal,
        });
    }

    fn fail_line(&mut self, file: &str, n: u32, value: &str, vcol: u32, lang: Option<String>) {
        if self.block == Block::Step {
            self.step_only("fail", file, n);
        }
        let mut cur = Cursor::new(value, vcol);
        let cond_col = cur.col();
        let condition = match condition(&mut cur) {
            Ok(c) => c,
            Err((c, m)) => return self.err(file, n, c, m),
        };
        let cond_end = cur.col();
        match cur.next() {
            Some(t) if t.text == "=>" => {}
            Some(t) => {
                return self.err(
                    file,
                    n,
                    t.col,
                    format!(
                        "expected \"=>\" between the condition and the text, as in \"fail: reply 503 => Too early\", found {:?}",
                        t.text
                    ),
                )
            }
            None => {
                return self.err(
                    file,
                    n,
                    cond_end,
                    "expected \"=>\" between the condition and the text, as in \"fail: reply 503 => Too early\"",
                )
            }
        }
        let text = cur.rest();
        if text.text.is_empty() {
            return self.err(file, n, text.col, "expected a text after \"=>\"");
        }
        for (c, m) in markdown::check_inline(text.text, text.col) {
            self.err(file, n, c, m);
        }
        // The condition as written, spaces collapsed: it pairs translations.
        let start = (cond_col - vcol) as usize;
        let written: String = value
            .chars()
            .skip(start)
            .take((cond_end - cond_col) as usize)
            .collect::<String>()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        if let Some(l) = lang {
            self.pending
                .fails
                .push((l, written, text.text.to_owned(), file.to_owned(), n, 1));
            return;
        }
        let fails = match self.step_mut() {
            Some(s) => &mut s.fails,
            None => &mut self.lesson.fails,
        };
        if fails.len() >= 32 {
            return self.err(file, n, 1, "a block has at most 32 fail lines");
        }
        if let Some(same) = fails.iter().find(|f| f.written == written) {
            let line = same.text.line;
            return self.err(
                file,
                n,
                cond_col,
                format!("a fail: line with the condition {written:?} is already at line {line}"),
            );
        }
        fails.push(FailLine {
            condition,
            written,
            text: Text {
                base: text.text.to_owned(),
                translations: Vec::new(),
                line: n,
            },
        });
    }

    // ---- include ------------------------------------------------------------------------------

    fn include_line(&mut self, file: &str, n: u32, value: &str, vcol: u32) {
        if self.include.is_none() {
            return self.err(
                file,
                n,
                vcol,
                "an inline lesson cannot include files (it has no address to read them from)",
            );
        }
        let ok_chars = value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-' | '/'));
        let ok_segments = !value.starts_with('/')
            && value
                .split('/')
                .all(|s| !s.is_empty() && s != "." && s != "..");
        if !ok_chars || !ok_segments || !value.ends_with(".smtp") {
            return self.err(
                file,
                n,
                vcol,
                format!("an include path is relative, made of A-Z a-z 0-9 . _ - /, without . or .. parts, and ends in .smtp; found {value:?}"),
            );
        }
        let path = match file.rsplit_once('/') {
            Some((dir, _)) => format!("{dir}/{value}"),
            None => value.to_owned(),
        };
        if self.open.contains(&path) {
            return self.err(
                file,
                n,
                vcol,
                format!("{path:?} is already being included (a cycle)"),
            );
        }
        if self.chain.len() >= 4 {
            return self.err(file, n, vcol, "includes nest at most 4 deep");
        }
        self.parts += 1;
        if self.parts > 32 {
            return self.err(file, n, vcol, "a lesson includes at most 32 parts");
        }
        let Some(bytes) = self.include.as_mut().and_then(|read| read(&path)) else {
            return self.err(file, n, vcol, format!("cannot read {path:?}"));
        };
        self.chain.push((file.to_owned(), n));
        self.file(&path, &bytes, false);
        self.chain.pop();
    }
}

// ---- values ---------------------------------------------------------------------------------

/// The version line (§2).
fn version(first: &str) -> Result<FileKind, (u32, String)> {
    let kinds = [
        ("%smtp-lesson", FileKind::Lesson),
        ("%smtp-transcript", FileKind::Transcript),
        ("%smtp-part", FileKind::Part),
    ];
    for (name, kind) in kinds {
        if let Some(v) = first.strip_prefix(name).and_then(|r| r.strip_prefix(' ')) {
            if v == "1" {
                return Ok(kind);
            }
            if !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()) {
                return Err((
                    name.len() as u32 + 2,
                    format!(
                        "unsupported version {v} of {}; this parser reads version 1",
                        name.trim_start_matches('%')
                    ),
                ));
            }
        }
    }
    Err((
        1,
        format!("expected \"%smtp-lesson 1\", \"%smtp-transcript 1\" or \"%smtp-part 1\" on the first line, found {first:?}"),
    ))
}

/// The text after `C:`, `S:`, `|`: one space removed; nothing but a space may follow the key.
fn one_space<'t>(
    _file: &str,
    n: u32,
    col: u32,
    rest: &'t str,
    key: &str,
) -> Result<&'t str, Problem> {
    match rest.strip_prefix(' ') {
        Some(t) => Ok(t),
        None if rest.is_empty() => Ok(""),
        None => Err(Problem::new(
            n,
            col,
            format!("expected a space after {key:?}"),
        )),
    }
}

/// id = lower-case letters and digits joined by single hyphens, at most 64 characters.
fn is_id(id: &str) -> bool {
    id.len() <= 64
        && !id.is_empty()
        && id.split('-').all(|p| {
            !p.is_empty()
                && p.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

/// A language tag in its canonical form (`pt-BR`), or `None` when it is not one (§3).
fn canonical_tag(tag: &str) -> Option<String> {
    let (lang, sub) = match tag.split_once('-') {
        Some((l, s)) => (l, Some(s)),
        None => (tag, None),
    };
    if !(2..=3).contains(&lang.len()) || !lang.bytes().all(|b| b.is_ascii_alphabetic()) {
        return None;
    }
    let mut out = lang.to_ascii_lowercase();
    if let Some(s) = sub {
        out.push('-');
        match s.len() {
            2 if s.bytes().all(|b| b.is_ascii_alphabetic()) => {
                out.push_str(&s.to_ascii_uppercase())
            }
            4 if s.bytes().all(|b| b.is_ascii_alphabetic()) => {
                let (initial, tail) = s.split_at_checked(1).unwrap_or_default();
                out.push_str(&initial.to_ascii_uppercase());
                out.push_str(&tail.to_ascii_lowercase());
            }
            3 if s.bytes().all(|b| b.is_ascii_digit()) => out.push_str(s),
            _ => return None,
        }
    }
    Some(out)
}

fn number(tok: Option<Tok<'_>>, min: u32, max: u32) -> Result<u32, (u32, String)> {
    let Some(tok) = tok else {
        return Err((1, format!("expected a number from {min} to {max}")));
    };
    let n = (tok.text.len() <= 9
        && !tok.text.is_empty()
        && tok.text.bytes().all(|b| b.is_ascii_digit()))
    .then(|| tok.text.parse::<u32>().ok())
    .flatten()
    .filter(|n| (min..=max).contains(n));
    n.ok_or_else(|| {
        (
            tok.col,
            format!(
                "expected a number from {min} to {max}, found {:?}",
                tok.text
            ),
        )
    })
}

fn count(cur: &mut Cursor<'_>) -> Result<Count, (u32, String)> {
    let col = cur.col();
    let Some(tok) = cur.next() else {
        return Err((
            col,
            "expected a count: a number, or =N for exactly N".into(),
        ));
    };
    let (exact, digits) = match tok.text.strip_prefix('=') {
        Some(d) => (true, d),
        None => (false, tok.text),
    };
    if digits.is_empty() || digits.len() > 9 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err((
            tok.col,
            format!(
                "expected a count (a number, or =N for exactly N), found {:?}",
                tok.text
            ),
        ));
    }
    Ok(Count {
        n: digits.parse().unwrap_or(0),
        exact,
    })
}

fn code_pattern(cur: &mut Cursor<'_>) -> Result<CodePattern, (u32, String)> {
    let tok = cur.next_or_end();
    let b = tok.text.as_bytes();
    let ok = b.len() == 3
        && (b'2'..=b'5').contains(&b[0])
        && b[1..].iter().all(|c| c.is_ascii_digit() || *c == b'x');
    if !ok {
        return Err((
            tok.col,
            format!(
                "expected a reply code (three characters: 2 to 5, then digits or x, as in 354 or 5xx), found {:?}",
                tok.text
            ),
        ));
    }
    let d = |c: u8| (c != b'x').then_some(c - b'0');
    Ok(CodePattern([d(b[0]), d(b[1]), d(b[2])]))
}

/// An optional enhanced code after a reply code of class `class`.
fn enhanced_after(
    cur: &mut Cursor<'_>,
    class: u8,
    code: &str,
) -> Result<Option<EnhancedCode>, (u32, String)> {
    let Some(tok) = cur.peek() else {
        return Ok(None);
    };
    if !tok.text.starts_with(|c: char| c.is_ascii_digit()) {
        return Ok(None);
    }
    cur.next();
    let e = EnhancedCode::parse(tok.text).ok_or_else(|| {
        (
            tok.col,
            format!(
                "expected an enhanced code such as 5.1.1 (RFC 3463), found {:?}",
                tok.text
            ),
        )
    })?;
    if e.class != class {
        return Err((
            tok.col,
            format!("the enhanced code {e} does not fit the reply code {code}: its first digit must be {class}"),
        ));
    }
    Ok(Some(e))
}

fn point_from(word: &str, unknown_ok: bool) -> Option<Point> {
    if unknown_ok && word.eq_ignore_ascii_case("unknown") {
        return Some(Point::Unknown);
    }
    FaultPoint::ALL
        .into_iter()
        .find(|p| point_name(*p).eq_ignore_ascii_case(word))
        .map(Point::At)
}

fn points_list(unknown: bool) -> String {
    let mut names: Vec<&str> = FaultPoint::ALL.iter().map(|p| point_name(*p)).collect();
    if unknown {
        names.push("unknown");
    }
    either(&names)
}

fn reply_match(cur: &mut Cursor<'_>) -> Result<ReplyMatch, (u32, String)> {
    let code = code_pattern(cur)?;
    let written = code.to_string();
    let enhanced = enhanced_after(cur, code.class(), &written)?;
    let mut to = None;
    if cur
        .peek()
        .is_some_and(|t| t.text.eq_ignore_ascii_case("to"))
    {
        cur.next();
        let tok = cur.next_or_end();
        to = Some(point_from(tok.text, true).ok_or_else(|| {
            (
                tok.col,
                format!(
                    "unknown point {:?}; expected {}",
                    tok.text,
                    points_list(true)
                ),
            )
        })?);
    }
    Ok(ReplyMatch { code, enhanced, to })
}

fn state(cur: &mut Cursor<'_>) -> Result<State, (u32, String)> {
    named(cur, "state", &State::ALL, state_name)
}

fn warning(cur: &mut Cursor<'_>) -> Result<WarningKind, (u32, String)> {
    named(cur, "warning", &WarningKind::ALL, warning_name)
}

/// The next word as one of `all`, by its `name` in any case; else "unknown `what` …; expected"
/// and every name.
fn named<T: Copy>(
    cur: &mut Cursor<'_>,
    what: &str,
    all: &[T],
    name: fn(T) -> &'static str,
) -> Result<T, (u32, String)> {
    let tok = cur.next_or_end();
    all.iter()
        .find(|x| name(**x).eq_ignore_ascii_case(tok.text))
        .copied()
        .ok_or_else(|| {
            let names: Vec<&str> = all.iter().map(|x| name(*x)).collect();
            (
                tok.col,
                format!("unknown {what} {:?}; expected {}", tok.text, either(&names)),
            )
        })
}

fn path(cur: &mut Cursor<'_>) -> Result<Path, (u32, String)> {
    let tok = cur.next_or_end();
    let bad = || {
        (
            tok.col,
            format!(
                "expected a path such as <ana@example.test> or <>, found {:?}",
                tok.text
            ),
        )
    };
    let inner = tok
        .text
        .strip_prefix('<')
        .and_then(|t| t.strip_suffix('>'))
        .ok_or_else(bad)?;
    if tok.text.len() > 256 {
        return Err((tok.col, "a path is at most 256 characters".into()));
    }
    if inner.is_empty() {
        return Ok(Path { address: None });
    }
    match inner.rsplit_once('@') {
        Some((l, d)) if !l.is_empty() && !d.is_empty() && !inner.contains(['<', '>']) => Ok(Path {
            address: Some((l.to_owned(), d.to_owned())),
        }),
        _ => Err(bad()),
    }
}

fn split(cur: &mut Cursor<'_>) -> Result<(u32, u32), (u32, String)> {
    let a = number(cur.next(), 0, 99)?;
    let b = number(cur.next(), 0, 99)?;
    Ok((a, b))
}

fn explained(cur: &mut Cursor<'_>) -> Result<(CodePattern, Option<EnhancedCode>), (u32, String)> {
    let code = code_pattern(cur)?;
    let written = code.to_string();
    let e = enhanced_after(cur, code.class(), &written)?;
    Ok((code, e))
}

/// A goal (§9); `negated` when it follows `not`.
fn goal(cur: &mut Cursor<'_>, negated: bool) -> Result<Goal, (u32, String)> {
    let tok = cur.next_or_end();
    let kind = tok.text.to_ascii_lowercase();
    Ok(match kind.as_str() {
        "reply" => Goal::Reply(reply_match(cur)?),
        "state" => Goal::State(state(cur)?),
        "closed" => Goal::Closed,
        "recipients" => Goal::Recipients(count(cur)?),
        "recipient" => Goal::Recipient(path(cur)?),
        "accepted" => Goal::Accepted(count(cur)?),
        "envelope-from" => Goal::EnvelopeFrom(path(cur)?),
        "envelope-to" => Goal::EnvelopeTo(path(cur)?),
        "body-has" => Goal::BodyHas(cur.string().map(|(s, _)| s)?),
        "header" => {
            let name = cur.next_or_end();
            if name.text.is_empty()
                || !name
                    .text
                    .bytes()
                    .all(|b| (0x21..=0x7e).contains(&b) && b != b':')
            {
                return Err((
                    name.col,
                    format!(
                        "expected a header field name such as Subject, found {:?}",
                        name.text
                    ),
                ));
            }
            Goal::Header(name.text.to_owned(), cur.string().map(|(s, _)| s)?)
        }
        "has-line" => Goal::HasLine(cur.string().map(|(s, _)| s)?),
        "message-size" => Goal::MessageSize(count(cur)?),
        "warning" => Goal::Warning(warning(cur)?),
        "tls" => Goal::Tls,
        "authenticated" => Goal::Authenticated(cur.next().map(|t| t.text.to_owned())),
        "split" => {
            let (a, b) = split(cur)?;
            Goal::Split(a, b)
        }
        "lab" => {
            let rest = cur.rest();
            Goal::Lab(lab_change(rest.text, rest.col)?)
        }
        "explained" => {
            let (c, e) = explained(cur)?;
            Goal::Explained(c, e)
        }
        "not" if negated => {
            return Err((
                tok.col,
                "\"not not\" is not allowed: write the goal itself".into(),
            ))
        }
        "not" => Goal::Not(Box::new(goal(cur, true)?)),
        "predicted" => {
            return Err((
                tok.col,
                "the goal \"predicted\" is reserved for a later version of the format".into(),
            ))
        }
        _ => {
            let hint = did_you_mean(tok.text, &GOALS);
            return Err((
                tok.col,
                format!(
                    "unknown goal {:?}{hint}; expected {}",
                    tok.text,
                    either(&GOALS)
                ),
            ));
        }
    })
}

/// A fail condition (§10).
fn condition(cur: &mut Cursor<'_>) -> Result<Condition, (u32, String)> {
    let tok = cur.peek_or_end();
    let kind = tok.text.to_ascii_lowercase();
    if !CONDITIONS.contains(&kind.as_str()) {
        if GOALS.contains(&kind.as_str()) {
            return Err((
                tok.col,
                format!(
                    "{:?} is not an event; a fail condition is {}",
                    tok.text,
                    either(&CONDITIONS)
                ),
            ));
        }
        let hint = did_you_mean(tok.text, &CONDITIONS);
        return Err((
            tok.col,
            format!(
                "unknown fail condition {:?}{hint}; expected {}",
                tok.text,
                either(&CONDITIONS)
            ),
        ));
    }
    cur.next();
    Ok(match kind.as_str() {
        "reply" => Condition::Reply(reply_match(cur)?),
        "state" => Condition::State(state(cur)?),
        "closed" => Condition::Closed,
        "warning" => Condition::Warning(warning(cur)?),
        "accepted" => Condition::Accepted,
        "split" => {
            let (a, b) = split(cur)?;
            Condition::Split(a, b)
        }
        _ => {
            let (c, e) = explained(cur)?;
            Condition::Explained(c, e)
        }
    })
}

/// `relay=NAME inbound=NAME` (§7.10, §8.7).
fn lab_change(value: &str, vcol: u32) -> Result<LabChange, (u32, String)> {
    let mut cur = Cursor::new(value, vcol);
    let mut change = LabChange::default();
    let mut any = false;
    while let Some(tok) = cur.next() {
        let Some((hop, name)) = tok.text.split_once('=') else {
            return Err((
                tok.col,
                format!(
                    "expected HOP=NAME, as in relay=passthrough or inbound=strict, found {:?}",
                    tok.text
                ),
            ));
        };
        let name_col = tok.col + hop.chars().count() as u32 + 1;
        match hop.to_ascii_lowercase().as_str() {
            "relay" => {
                change.relay = Some(Relay::from_name(name).ok_or_else(|| {
                    (
                        name_col,
                        format!(
                        "unknown relay {name:?}; expected passthrough, reject, normalize or clean"
                    ),
                    )
                })?)
            }
            "inbound" => {
                change.inbound = Some(Persona::from_name(name).ok_or_else(|| {
                    (
                        name_col,
                        format!(
                        "unknown inbound persona {name:?}; expected strict, lenient or vulnerable"
                    ),
                    )
                })?)
            }
            _ => {
                return Err((
                    tok.col,
                    format!("unknown hop {hop:?}; expected relay or inbound"),
                ))
            }
        }
        any = true;
    }
    if !any {
        return Err((vcol, "expected relay=NAME, inbound=NAME or both".into()));
    }
    Ok(change)
}

/// `ehlo:` (§7.3).
fn ehlo(value: &str, vcol: u32) -> Result<Extensions, (u32, String)> {
    let mut cur = Cursor::new(value, vcol);
    if value.eq_ignore_ascii_case("none") {
        return Ok(set_all(false));
    }
    let mut seen: Vec<String> = Vec::new();
    let mut signed: Option<bool> = None;
    let mut ext = set_all(false);
    let mut first = true;
    while let Some(tok) = cur.next() {
        let (sign, word) = if let Some(w) = tok.text.strip_prefix('+') {
            (Some(true), w)
        } else if let Some(w) = tok.text.strip_prefix('-') {
            (Some(false), w)
        } else {
            (None, tok.text)
        };
        let is_signed = sign.is_some();
        match signed {
            None => signed = Some(is_signed),
            Some(s) if s != is_signed => {
                return Err((
                    tok.col,
                    "write either the keywords advertised (ehlo: PIPELINING SIZE) or changes to the default (ehlo: -CHUNKING -DSN), not both".into(),
                ))
            }
            _ => {}
        }
        if first && is_signed {
            ext = Extensions::default();
        }
        first = false;
        let upper = word.to_ascii_uppercase();
        if !EXTENSIONS.contains(&upper.as_str()) {
            return Err((
                tok.col,
                format!(
                    "unknown extension {word:?}; expected {}",
                    either(&EXTENSIONS)
                ),
            ));
        }
        if seen.contains(&upper) {
            return Err((tok.col, format!("{upper} is listed twice")));
        }
        seen.push(upper.clone());
        set(&mut ext, &upper, sign.unwrap_or(true));
    }
    Ok(ext)
}

fn set_all(on: bool) -> Extensions {
    let mut e = Extensions::default();
    for k in EXTENSIONS {
        set(&mut e, k, on);
    }
    e
}

fn set(e: &mut Extensions, keyword: &str, on: bool) {
    match keyword {
        "PIPELINING" => e.pipelining = on,
        "SIZE" => e.size = on,
        "8BITMIME" => e.eightbitmime = on,
        "SMTPUTF8" => e.smtputf8 = on,
        "ENHANCEDSTATUSCODES" => e.enhanced_status_codes = on,
        "CHUNKING" => e.chunking = on,
        "STARTTLS" => e.starttls = on,
        "AUTH" => e.auth = on,
        "DSN" => e.dsn = on,
        _ => e.help = on,
    }
}

/// `reply: POINT [PATTERN] [TIMES] => CODE [ENH] [TEXT]` (§7.9).
fn reply_rule(value: &str, vcol: u32) -> Result<Fault, (u32, String)> {
    let mut cur = Cursor::new(value, vcol);
    let tok = cur.next_or_end();
    let Some(Point::At(point)) = point_from(tok.text, false) else {
        return Err((
            tok.col,
            format!(
                "unknown point {:?}; expected {}",
                tok.text,
                points_list(false)
            ),
        ));
    };
    let mut pattern = None;
    if let Some(t) = cur.peek().filter(|t| t.text.starts_with('<')) {
        cur.next();
        if !matches!(point, FaultPoint::Mail | FaultPoint::Rcpt) {
            return Err((
                t.col,
                "an address pattern goes only with mail or rcpt".into(),
            ));
        }
        pattern = Some(PathPattern::parse(t.text).map_err(|e| {
            let why = match e {
                crate::forced::PatternError::TooLong => {
                    "a path pattern is at most 256 characters".to_owned()
                }
                _ => format!(
                    "expected an address pattern such as <*@gone.example.test> or <>, found {:?}",
                    t.text
                ),
            };
            (t.col, why)
        })?);
    }
    let mut times = FaultTimes::Always;
    if let Some(t) = cur.peek() {
        if t.text.eq_ignore_ascii_case("once") {
            cur.next();
            times = FaultTimes::Once;
        } else if t.text.eq_ignore_ascii_case("always") {
            cur.next();
            times = FaultTimes::Always;
        } else if t.text.bytes().all(|b| b.is_ascii_digit()) {
            let n = number(cur.next(), 1, 100)?;
            let col = cur.col();
            match cur.next() {
                Some(w) if w.text.eq_ignore_ascii_case("times") => times = FaultTimes::Times(n),
                other => {
                    let found = other.map_or("", |w| w.text);
                    return Err((other.map_or(col, |w| w.col), format!("expected \"times\" after the count, as in \"2 times\", found {found:?}")));
                }
            }
        }
    }
    let col = cur.col();
    match cur.next() {
        Some(t) if t.text == "=>" => {}
        other => {
            let found = other.map_or("", |t| t.text);
            return Err((
                other.map_or(col, |t| t.col),
                format!("expected \"=>\" before the reply, as in \"reply: RCPT <*@gone.example.test> => 550 5.1.1 User unknown\", found {found:?}"),
            ));
        }
    }
    let code_tok = cur.next_or_end();
    let b = code_tok.text.as_bytes();
    // Reply-code = %x32-35 %x30-35 %x30-39 (RFC 5321 §4.2).
    let digits = b.len() == 3 && b.iter().all(u8::is_ascii_digit);
    if !(digits && (b'2'..=b'5').contains(&b[0]) && (b'0'..=b'5').contains(&b[1])) {
        return Err((
            code_tok.col,
            format!(
                "expected a reply code (three digits, 2 to 5 first, 0 to 5 second, as in 550), found {:?}",
                code_tok.text
            ),
        ));
    }
    let code: u16 = code_tok.text.parse().unwrap_or(0);
    let allowed: &[u16] = match point {
        FaultPoint::Mail => &[250],
        FaultPoint::Rcpt => &[250, 251],
        FaultPoint::EndOfData => &[250],
        FaultPoint::Vrfy => &[250, 251, 252],
        _ => &[],
    };
    if code < 400 && !allowed.contains(&code) {
        let mut list: Vec<String> = allowed.iter().map(u16::to_string).collect();
        list.push("4xx".into());
        list.push("5xx".into());
        let list: Vec<&str> = list.iter().map(String::as_str).collect();
        return Err((
            code_tok.col,
            format!(
                "a forced reply to {} must be {}, not {code}",
                point_name(point),
                either(&list)
            ),
        ));
    }
    let enhanced = enhanced_after(&mut cur, (code / 100) as u8, code_tok.text)?;
    let text = cur.rest().text;
    let usual = crate::sim::usual_reply(code);
    let reply = match (enhanced, text.is_empty()) {
        (None, true) => usual,
        (e, true) => Reply::new(code, e, usual.lines.concat()),
        (e, false) => Reply::new(code, e, text),
    };
    Ok(Fault {
        command: point,
        reply,
        times,
        pattern,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags() {
        assert_eq!(canonical_tag("pt-br").as_deref(), Some("pt-BR"));
        assert_eq!(canonical_tag("zh-hant").as_deref(), Some("zh-Hant"));
        assert_eq!(canonical_tag("es-419").as_deref(), Some("es-419"));
        assert_eq!(canonical_tag("p"), None);
    }

    #[test]
    fn dedent() {
        assert_eq!(
            dedent_inline("\n    %smtp-lesson 1\n      > x\n\n    id: a"),
            "%smtp-lesson 1\n  > x\n\nid: a"
        );
    }
}
