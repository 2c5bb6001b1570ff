//! `smtp-sim lesson check` (§16): a lesson's solution passes, an idle learner and a learner
//! missing the last action do not, every text has its translations, and nothing contradicts.

use std::rc::Rc;

use super::ast::*;
use super::run::{Explainer, LessonRun};
use super::{Diagnostic, Severity};

/// Checks a parsed lesson (or replays a transcript, §18.4). `explain` reads the texts of
/// `explain:` actions (the catalogue's *Explain a real reply*).
pub fn check(lesson: &Lesson, explain: Explainer<'_>) -> Vec<Diagnostic> {
    if lesson.kind == FileKind::Transcript {
        return super::transcript::replay(lesson).drift;
    }
    let mut out = Vec::new();
    let rc = Rc::new(lesson.clone());
    solution_passes(lesson, &rc, explain, &mut out);
    for (k, step) in lesson.steps.iter().enumerate() {
        let kind = step.kind();
        if kind == StepKind::Read {
            continue;
        }
        // 3. An idle learner does not pass.
        let run = LessonRun::replay_to(Rc::clone(&rc), k, explain);
        if run.records().get(k).is_some_and(|r| r.completed) {
            let held: Vec<String> = step.goals.iter().map(|g| g.item.to_string()).collect();
            out.push(Diagnostic::of_line(
                lesson,
                step.line,
                Severity::Error,
                format!(
                    "step {:?}: an idle learner passes this step (goals already true: {})",
                    step.id,
                    held.join(", ")
                ),
            ));
            continue;
        }
        // 4. Nor does one missing the last action.
        let inputs: Vec<&At<Action>> = step.actions.iter().filter(|a| a.item.is_input()).collect();
        if let Some((last, init)) = inputs.split_last() {
            let mut run = LessonRun::replay_to(Rc::clone(&rc), k, explain);
            for a in init {
                if run.current_step() != Some(k) {
                    break;
                }
                run.perform(&a.item, explain);
            }
            if run.records().get(k).is_some_and(|r| r.completed) {
                out.push(Diagnostic::of_line(
                    lesson,
                    step.line,
                    Severity::Error,
                    format!(
                        "step {:?}: the solution without its last action (line {}) still passes",
                        step.id, last.line
                    ),
                ));
            }
        }
    }
    contradictions(lesson, &mut out);
    translations(lesson, &mut out);
    out.sort_by_key(|d| (d.line, d.severity == Severity::Warning));
    out
}

/// 2. The whole lesson, every step's solution in turn: each step completes during its own.
fn solution_passes(
    lesson: &Lesson,
    rc: &Rc<Lesson>,
    explain: Explainer<'_>,
    out: &mut Vec<Diagnostic>,
) {
    let mut run = LessonRun::new(Rc::clone(rc));
    for (k, step) in lesson.steps.iter().enumerate() {
        if run.current_step() != Some(k) {
            // Completed during an earlier step's actions (check 4 names that step).
            continue;
        }
        let before = run.records()[k].attempts;
        run.play(k, explain);
        if run.records()[k].attempts > before {
            out.push(Diagnostic::of_line(
                lesson,
                step.line,
                Severity::Warning,
                format!(
                    "step {:?}: a fail text shows while its solution plays",
                    step.id
                ),
            ));
        }
        if !run.records()[k].completed {
            let missing: Vec<String> = run
                .goals()
                .iter()
                .zip(&step.goals)
                .filter(|(held, _)| !**held)
                .map(|(_, g)| g.item.to_string())
                .collect();
            let why = if step.kind() == StepKind::Transcript && missing.is_empty() {
                "the script's replies do not match its S: lines".to_owned()
            } else {
                format!("still false: {}", missing.join(", "))
            };
            out.push(Diagnostic::of_line(
                lesson,
                step.line,
                Severity::Error,
                format!(
                    "step {:?}: the solution does not reach the goals ({why})",
                    step.id
                ),
            ));
            run.force_complete();
        }
    }
    for (k, line) in run.message_lines_outside_data.clone() {
        let id = &lesson.steps[k].id;
        out.push(Diagnostic::of_line(
            lesson,
            line,
            Severity::Warning,
            format!("step {id:?}: this | line reaches the server outside DATA, as a command"),
        ));
    }
}

/// 6. A goal and a fail line with the same condition; an enhanced code the server never sends.
fn contradictions(lesson: &Lesson, out: &mut Vec<Diagnostic>) {
    let no_enhanced = !lesson.server.extensions.enhanced_status_codes;
    for step in &lesson.steps {
        for f in &step.fails {
            // With other goals beside it, such a fail line speaks while they are not met yet;
            // alone, the goal wins whenever it fires.
            let same = match step.goals.as_slice() {
                [g] if same_condition(&g.item, &f.condition) => Some(g),
                _ => None,
            };
            if let Some(g) = same {
                out.push(Diagnostic::of_line(
                    lesson,
                    f.text.line,
                    Severity::Error,
                    format!(
                        "step {:?}: this fail line has the condition of the step's only goal (line {}): the goal wins whenever it fires, so it never shows",
                        step.id, g.line
                    ),
                ));
            }
            if no_enhanced && condition_has_enhanced(&f.condition) {
                out.push(Diagnostic::of_line(
                    lesson,
                    f.text.line,
                    Severity::Error,
                    "this fail line names an enhanced code, but ehlo: drops ENHANCEDSTATUSCODES: no reply carries one".into(),
                ));
            }
        }
        for g in &step.goals {
            if no_enhanced && goal_has_enhanced(&g.item) {
                out.push(Diagnostic::of_line(
                    lesson,
                    g.line,
                    Severity::Error,
                    "this goal names an enhanced code, but ehlo: drops ENHANCEDSTATUSCODES: no reply carries one".into(),
                ));
            }
        }
    }
}

fn same_condition(g: &Goal, c: &Condition) -> bool {
    match (g, c) {
        (Goal::Reply(a), Condition::Reply(b)) => a == b,
        (Goal::State(a), Condition::State(b)) => a == b,
        (Goal::Closed, Condition::Closed) => true,
        (Goal::Warning(a), Condition::Warning(b)) => a == b,
        (Goal::Split(a, b), Condition::Split(x, y)) => (a, b) == (x, y),
        (Goal::Explained(a, e), Condition::Explained(b, f)) => a == b && e == f,
        _ => false,
    }
}

fn goal_has_enhanced(g: &Goal) -> bool {
    match g {
        Goal::Reply(m) => m.enhanced.is_some(),
        Goal::Not(g) => goal_has_enhanced(g),
        _ => false,
    }
}

fn condition_has_enhanced(c: &Condition) -> bool {
    matches!(c, Condition::Reply(m) if m.enhanced.is_some())
}

/// Check 5: every base text has a counterpart in every other language of `lang:`, and every
/// goal or transcript step has a hint.
fn translations(lesson: &Lesson, out: &mut Vec<Diagnostic>) {
    let base = lesson.base_lang();
    for lang in lesson.langs.iter().skip(1) {
        let mut warn = |line: u32, what: String| {
            out.push(Diagnostic::of_line(
                lesson,
                line,
                Severity::Warning,
                format!("{what} has no {lang} translation"),
            ));
        };
        if !lesson.title.has(lang) {
            warn(lesson.title.line, "the title".into());
        }
        if let Some(s) = &lesson.summary {
            if !s.has(lang) {
                warn(s.line, "the summary".into());
            }
        }
        if let Some(line) = missing_narration(&lesson.intro, lang, base) {
            warn(line, "the introduction".into());
        }
        for step in &lesson.steps {
            let id = &step.id;
            if !step.title.has(lang) {
                warn(step.line, format!("the title of step {id:?}"));
            }
            if let Some(line) = missing_narration(&step.narration, lang, base) {
                warn(line, format!("the narration of step {id:?}"));
            }
            for (i, h) in step.hints.iter().enumerate() {
                if !h.has(lang) {
                    warn(h.line, format!("hint {} of step {id:?}", i + 1));
                }
            }
            for f in &step.fails {
                if !f.text.has(lang) {
                    warn(
                        f.text.line,
                        format!("the fail line {:?} of step {id:?}", f.written),
                    );
                }
            }
        }
        for f in &lesson.fails {
            if !f.text.has(lang) {
                warn(
                    f.text.line,
                    format!("the fail line {:?} of the header", f.written),
                );
            }
        }
    }
    for step in &lesson.steps {
        if step.kind() != StepKind::Read && step.hints.is_empty() {
            out.push(Diagnostic::of_line(
                lesson,
                step.line,
                Severity::Warning,
                format!("step {:?} has no hint", step.id),
            ));
        }
    }
}

/// The first base narration line when `lang` has none.
fn missing_narration(n: &Narration, lang: &str, base: &str) -> Option<u32> {
    let has = |l: &str| {
        n.languages
            .iter()
            .any(|(t, lines)| t.eq_ignore_ascii_case(l) && !lines.is_empty())
    };
    if has(base) && !has(lang) {
        n.languages
            .iter()
            .find(|(t, _)| t.eq_ignore_ascii_case(base))
            .and_then(|(_, lines)| lines.first())
            .map(|(line, _)| *line)
    } else {
        None
    }
}

/// One entry of `lessons/index.txt` (Appendix B).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IndexEntry {
    /// The line.
    pub line: u32,
    /// The lesson's id.
    pub id: String,
    /// Its file, relative to the index.
    pub file: String,
    /// Its minutes.
    pub minutes: u32,
    /// Its title in English.
    pub title_en: String,
    /// Its title in Brazilian Portuguese.
    pub title_pt: String,
}

/// Reads a lesson index (`%smtp-index 1`).
pub fn parse_index(file: &str, text: &str) -> Result<Vec<IndexEntry>, Vec<Diagnostic>> {
    let mut errors = Vec::new();
    let mut entries: Vec<IndexEntry> = Vec::new();
    let err = |errors: &mut Vec<Diagnostic>, line: u32, message: String| {
        errors.push(Diagnostic {
            file: file.to_owned(),
            line,
            column: 1,
            severity: Severity::Error,
            message,
            included_from: Vec::new(),
        })
    };
    let mut lines = text.lines().enumerate();
    match lines.next() {
        Some((_, "%smtp-index 1")) => {}
        other => {
            let found = other.map_or("", |(_, l)| l);
            err(
                &mut errors,
                1,
                format!("expected \"%smtp-index 1\" on the first line, found {found:?}"),
            );
            return Err(errors);
        }
    }
    for (i, line) in lines {
        let n = i as u32 + 1;
        let line = line.trim_end();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let fields: Vec<&str> = line.split(" | ").collect();
        let [id, f, minutes, en, pt] = fields.as_slice() else {
            err(
                &mut errors,
                n,
                "expected five fields: id | file | minutes | title (en) | title (pt-BR)".into(),
            );
            continue;
        };
        let Ok(minutes) = minutes.parse::<u32>() else {
            err(
                &mut errors,
                n,
                format!("expected minutes as a number, found {minutes:?}"),
            );
            continue;
        };
        if entries.iter().any(|e| e.id == *id) {
            err(&mut errors, n, format!("the id {id:?} is listed twice"));
        }
        entries.push(IndexEntry {
            line: n,
            id: (*id).to_owned(),
            file: (*f).to_owned(),
            minutes,
            title_en: (*en).to_owned(),
            title_pt: (*pt).to_owned(),
        });
    }
    if errors.is_empty() {
        Ok(entries)
    } else {
        Err(errors)
    }
}

/// The index's fields must equal the lesson's own `id`, `minutes`, `title`, `title[pt-BR]`.
pub fn check_index_entry(index_file: &str, entry: &IndexEntry, lesson: &Lesson) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut differs = |what: &str, index: String, own: String| {
        if index != own {
            out.push(Diagnostic {
                file: index_file.to_owned(),
                line: entry.line,
                column: 1,
                severity: Severity::Error,
                message: format!(
                    "{what}: the index says {index:?}, {} says {own:?}",
                    entry.file
                ),
                included_from: Vec::new(),
            });
        }
    };
    differs("id", entry.id.clone(), lesson.id.clone());
    differs(
        "minutes",
        entry.minutes.to_string(),
        lesson.minutes.map(|m| m.to_string()).unwrap_or_default(),
    );
    differs("title", entry.title_en.clone(), lesson.title.base.clone());
    differs(
        "title[pt-BR]",
        entry.title_pt.clone(),
        lesson.title.get("pt-BR").to_owned(),
    );
    out
}
