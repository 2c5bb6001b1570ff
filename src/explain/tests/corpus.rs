//! Every record of the corpus of real replies and bounces (`tests/corpus/replies/*.txt`, grammar
//! in `tests/corpus/README.md`) read by the explainer in both languages: the reply code, the
//! enhanced code, the command it answered, the recipients of a whole bounce, who wrote it and
//! whose reply it carries, and a clean error for the texts that hold no reply.
//!
//! Run with `--nocapture` to see the counts per format.

use std::collections::BTreeMap;
use std::fs;
use std::path::PathBuf;

use smtp_sim_core::sequence::Prompt;
use smtp_sim_explain::{explain_text, ExplainError, ExplainedText, Lang, Software};

/// One record: its id, its file, its fields and its text.
struct Record {
    id: String,
    file: String,
    fields: Vec<(String, String)>,
    text: String,
}

impl Record {
    fn get(&self, key: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    fn field(&self, key: &str) -> &str {
        self.get(key)
            .unwrap_or_else(|| panic!("{}: no field {key}", self.id))
    }
}

/// The record reader the corpus README describes: split on LF; `%%` starts a record; `key:
/// value` lines up to `---`; then the text up to the next `%%`, trailing empty lines dropped.
fn parse(file: &str, content: &str) -> Vec<Record> {
    let mut out: Vec<Record> = Vec::new();
    let mut in_text = false;
    let mut text: Vec<&str> = Vec::new();
    let finish = |out: &mut Vec<Record>, text: &mut Vec<&str>| {
        while text.last().is_some_and(|l| l.is_empty()) {
            text.pop();
        }
        if let Some(r) = out.last_mut() {
            r.text = text.join("\n");
        }
        text.clear();
    };
    for line in content.split('\n') {
        if let Some(id) = line.strip_prefix("%%") {
            finish(&mut out, &mut text);
            out.push(Record {
                id: id.trim().to_owned(),
                file: file.to_owned(),
                fields: Vec::new(),
                text: String::new(),
            });
            in_text = false;
        } else if let Some(r) = out.last_mut() {
            if in_text {
                text.push(line);
            } else if line == "---" {
                in_text = true;
            } else {
                let (k, v) = line
                    .split_once(": ")
                    .unwrap_or_else(|| panic!("{file}: {}: bad field line {line:?}", r.id));
                r.fields.push((k.to_owned(), v.trim().to_owned()));
            }
        } else {
            assert!(line.is_empty(), "{file}: text before the first record");
        }
    }
    finish(&mut out, &mut text);
    out
}

fn corpus() -> Vec<Record> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpus/replies");
    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .expect("the corpus directory")
        .map(|e| e.expect("a directory entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    let mut out = Vec::new();
    for f in files {
        let name = f.file_name().unwrap().to_string_lossy().into_owned();
        out.extend(parse(&name, &fs::read_to_string(&f).unwrap()));
    }
    out
}

/// Records whose command the source names but the text does not: the reader cannot know it, and
/// must not claim another.
const COMMAND_ONLY_IN_SOURCE: &[(&str, &str)] = &[
    ("barracuda-dsn-ube", "a DSN names no command"),
    (
        "barracuda-literal-crlf-reputation",
        "a 554 with no command before it: greeting or not",
    ),
    (
        "dsn-barracuda-thundermail-single",
        "the DATA command is named elsewhere in the report",
    ),
    (
        "dsn-diagnostic-recipient-no-longer",
        "a DSN names no command",
    ),
    ("dsn-exim-two-recipients", "a DSN names no command"),
    (
        "eop-606-banned-ip-rcpt",
        "the Exim line naming RCPT was not quoted",
    ),
    ("exchange-eop-spamhaus-as3130", "a reply alone"),
    (
        "exchange-iis-protocol-log-plus-encoded",
        "BDAT is on the log line before",
    ),
    (
        "exchange-online-status-code-line",
        "the NDR names no command",
    ),
    (
        "exchange-swiftmailer-5-7-60",
        "250 was expected, which many commands get",
    ),
    (
        "exim-debug-smtp-arrows",
        "the RCPT line is earlier in the debug output",
    ),
    ("gmail-table-421-tls-required", "a table row"),
    ("gmail-table-450-receiving-too-quickly", "a table row"),
    ("gmail-table-454-pipelining-starttls", "a table row"),
    ("icloud-cs01-plain", "a reply alone"),
    (
        "icloud-spamhaus-validator-debug",
        "the validator's earlier lines",
    ),
    (
        "literal-amavis-pipelined-replies",
        "three pipelined replies; the commands are not shown",
    ),
    (
        "literal-smtplib-gmail-unsolicited",
        "the last line of a reply, alone",
    ),
    (
        "literal-smtplib-queued-spaced-colon",
        "the 250 after the data; the dot is not shown",
    ),
    (
        "mailkit-gmx-two-line-550",
        "the maintainer says so, not the log",
    ),
    (
        "messagelabs-relay-auth-multiline",
        "the bounce names no command",
    ),
    ("mimecast-anti-spoofing", "a reply alone"),
    ("mimecast-dsn-space-before-colon", "a DSN names no command"),
    ("other-ionos-json-array", "the issue says so, not the array"),
    ("other-hmailserver-remote-replied", "an issue title"),
    ("other-mox-short", "an issue title"),
    (
        "other-opensmtpd-lmtp-tempfail",
        "the issue says so, not the log",
    ),
    ("other-plain-hash-enhanced", "a reply alone"),
    ("other-plain-multiline-spamhaus-quotes", "a reply alone"),
    ("other-plain-weird-dumb", "a reply alone"),
    (
        "other-python-bytes-tuple-icloud-docker",
        "an exception's text",
    ),
    (
        "other-swiftmailer-unauthenticated-trailing-space",
        "250 was expected, which many commands get",
    ),
    ("outlook-451-4-7-650-s3113", "a reply alone"),
    (
        "outlook-s3150-exim-line",
        "the Exim line naming MAIL was not quoted",
    ),
    ("outlook-sc001-old-hotmail", "a reply alone"),
    (
        "postfix-doc-bdat-last-250",
        "the BDAT line is left out of the item",
    ),
    ("postfix-ref-dnsbl-554", "a reply alone"),
    ("postfix-ref-sender-domain-not-found", "a reply alone"),
    ("sendmail-doc-user-unknown", "a documented reply alone"),
    ("sendmail-log-sent-relay", "a log line names no command"),
    ("gmail-dmarc-single-line", "a reply alone"),
    ("yahoo-bl21-spamhaus", "a reply alone"),
    ("yahoo-bl23-enhanced-mid-text", "a reply alone"),
    ("yahoo-tss04-deferred", "a reply alone"),
    ("yahoo-tss04-postal-complaints", "a reply alone"),
];

fn same_family(a: Software, b: Software) -> bool {
    a.family() == b.family()
}

/// How a claim about the writer or the remote compared with the record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Claim {
    Exact,
    Family,
    /// A client program wrapping a reply, where the record names the server instead.
    Client,
    /// The record cannot check it (it says `unknown`, or names no separate remote).
    Unchecked,
    Wrong,
}

fn compare(claim: Software, named: &str) -> Claim {
    match Software::from_name(named) {
        Some(n) if n == claim => Claim::Exact,
        Some(n) if same_family(n, claim) => Claim::Family,
        _ => Claim::Wrong,
    }
}

#[derive(Default)]
struct Counts {
    records: usize,
    read: usize,
    errors: usize,
    commands_found: usize,
    commands_named: usize,
    commands_claimed_unverified: usize,
    recipients_checked: usize,
    writers: BTreeMap<String, usize>,
    remotes: BTreeMap<String, usize>,
}

/// Checks one reading of one record; returns what is wrong.
fn check(r: &Record, t: &Result<ExplainedText, ExplainError>, counts: &mut Counts) -> Vec<String> {
    let mut bad = Vec::new();
    let expect = r.field("expect");
    if expect == "error" {
        match t {
            Err(ExplainError::NoCode) => {}
            other => bad.push(format!(
                "expected no reply, got {:?}",
                other.as_ref().map(|t| (t.code, t.enhanced))
            )),
        }
        return bad;
    }
    let Ok(t) = t else {
        bad.push(format!("no reading: {t:?}"));
        return bad;
    };
    let code = t.code.map_or("none".to_owned(), |c| c.to_string());
    if code != r.field("code") {
        bad.push(format!("code {code}, record {}", r.field("code")));
    }
    let enh = t.enhanced.map_or("none".to_owned(), |e| e.to_string());
    if enh != r.field("enhanced") {
        bad.push(format!("enhanced {enh}, record {}", r.field("enhanced")));
    }
    // The enhanced code is explained part by part, and the reply code by its entry.
    if t.enhanced.is_some() != t.enhanced_entry.is_some() {
        bad.push("enhanced code not explained part by part".into());
    }
    if t.code.is_some() != t.reply.is_some() {
        bad.push("reply code not explained".into());
    }
    // The command, compared as what it answers (Prompt::parse of the record's word).
    let named = r.field("command");
    let wanted = (named != "unknown")
        .then(|| Prompt::parse(named).unwrap_or_else(|| panic!("{}: command {named}", r.id)));
    let claimed = t
        .answers
        .map(|a| Prompt::parse(a).unwrap_or_else(|| panic!("{}: answers {a}", r.id)));
    let excused = COMMAND_ONLY_IN_SOURCE.iter().any(|(id, _)| *id == r.id);
    match (wanted, claimed) {
        (Some(w), Some(c)) if w == c => {
            counts.commands_named += 1;
            counts.commands_found += 1;
            if excused {
                bad.push("command now found: take it off COMMAND_ONLY_IN_SOURCE".into());
            }
        }
        (Some(w), Some(c)) => bad.push(format!("answers {}, record {}", c.name(), w.name())),
        (Some(_), None) => {
            counts.commands_named += 1;
            if !excused {
                bad.push(format!("command {named} not found"));
            }
        }
        (None, Some(_)) => counts.commands_claimed_unverified += 1,
        (None, None) => {}
    }
    if let Some(list) = r.get("recipients") {
        counts.recipients_checked += 1;
        let want: Vec<String> = list.split(" ; ").map(|s| s.trim().to_owned()).collect();
        let got: Vec<String> = t
            .recipients
            .iter()
            .map(|s| {
                format!(
                    "{} {} {}",
                    s.address,
                    s.code.map_or("none".to_owned(), |c| c.to_string()),
                    s.enhanced.map_or("none".to_owned(), |e| e.to_string())
                )
            })
            .collect();
        if want != got {
            bad.push(format!("recipients {got:?}, record {want:?}"));
        }
    }
    // Who wrote it, and whose reply it carries.
    let writer = r.field("writer");
    let remote = r.get("remote");
    if let Some(w) = t.writer {
        let c = if writer == "unknown" {
            Claim::Unchecked
        } else {
            match compare(w, writer) {
                Claim::Wrong if w.is_client() => Claim::Client,
                c => c,
            }
        };
        if c == Claim::Wrong {
            bad.push(format!("writer {}, record {writer}", w.name()));
        }
        *counts.writers.entry(format!("{c:?}")).or_default() += 1;
    }
    if let Some(rm) = t.remote {
        // With no remote named, the record's writer is the reply's author, unless the record
        // names the program that wrapped the reply (then the author is not known to it).
        let names_wrapper = t
            .writer
            .is_some_and(|w| matches!(compare(w, writer), Claim::Exact | Claim::Family));
        let c = match remote {
            Some(named) => compare(rm, named),
            None if writer == "unknown" || names_wrapper => Claim::Unchecked,
            None => compare(rm, writer),
        };
        if c == Claim::Wrong {
            bad.push(format!(
                "remote {}, record {}",
                rm.name(),
                remote.unwrap_or(writer)
            ));
        }
        *counts.remotes.entry(format!("{c:?}")).or_default() += 1;
    }
    bad
}

#[test]
fn every_corpus_record_is_read_correctly_in_both_languages() {
    let records = corpus();
    assert!(records.len() >= 285, "{} records", records.len());
    let mut counts = Counts::default();
    let mut per_format: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut failures = Vec::new();
    for (id, why) in COMMAND_ONLY_IN_SOURCE {
        let r = records.iter().find(|r| r.id == *id);
        assert!(
            r.is_some_and(|r| r.field("command") != "unknown"),
            "{id} ({why}) is not a record that names a command"
        );
    }
    let mut ids = std::collections::HashSet::new();
    for r in &records {
        assert!(ids.insert(r.id.clone()), "duplicate id {}", r.id);
        counts.records += 1;
        let en = explain_text(&r.text, None, Lang::En);
        let pt = explain_text(&r.text, None, Lang::PtBr);
        let mut bad = check(r, &en, &mut Counts::default());
        bad.extend(check(r, &pt, &mut counts));
        // Both languages read the same thing and say it in their own words.
        match (&en, &pt) {
            (Ok(a), Ok(b)) => {
                let facts = |t: &ExplainedText| {
                    (
                        t.code,
                        t.enhanced,
                        t.answers,
                        t.writer,
                        t.remote,
                        t.recipients.len(),
                        t.notes.len(),
                    )
                };
                if facts(a) != facts(b) {
                    bad.push("the two languages read different things".into());
                }
                if a.advice.text == b.advice.text || a.format_text == b.format_text {
                    bad.push("advice or format not translated".into());
                }
                for (x, y) in a.notes.iter().zip(&b.notes) {
                    if x.text == y.text || x.text.is_empty() {
                        bad.push(format!("note {:?} not translated", x.kind));
                    }
                }
                for s in a.recipients.iter().chain(&b.recipients) {
                    if s.advice.text.is_empty() {
                        bad.push(format!("no advice for {}", s.address));
                    }
                }
            }
            (Err(a), Err(b)) => {
                counts.errors += 1;
                if a != b || a.description(Lang::En) == a.description(Lang::PtBr) {
                    bad.push("error not the same or not translated".into());
                }
            }
            _ => bad.push("one language read it, the other did not".into()),
        }
        let entry = per_format.entry(r.field("format").to_owned()).or_default();
        entry.0 += 1;
        if bad.is_empty() {
            counts.read += 1;
            entry.1 += 1;
        } else {
            failures.push(format!("{} ({}): {}", r.id, r.file, bad.join("; ")));
        }
    }
    eprintln!("format            records  read correctly");
    for (f, (n, ok)) in &per_format {
        eprintln!("{f:16}  {n:7}  {ok:7}");
    }
    eprintln!(
        "total             {:7}  {:7}  ({} read as holding no reply, as expected)",
        counts.records, counts.read, counts.errors
    );
    eprintln!(
        "commands: {} of {} the records name found, the rest only in the source; {} claimed \
         where the record says unknown",
        counts.commands_found, counts.commands_named, counts.commands_claimed_unverified
    );
    eprintln!("recipients lists checked: {}", counts.recipients_checked);
    eprintln!("writer claims: {:?}", counts.writers);
    eprintln!("remote claims: {:?}", counts.remotes);
    assert!(
        failures.is_empty(),
        "{} of {} records misread:\n{}",
        failures.len(),
        records.len(),
        failures.join("\n")
    );
}

#[test]
fn the_record_reader_follows_the_grammar() {
    let recs = parse(
        "x.txt",
        "%% a\nsource: s\nformat: plain\n---\n550 x\n\n  indented\n\n\n%% b\nk: v\n---\nline\n",
    );
    assert_eq!(recs.len(), 2);
    assert_eq!(recs[0].text, "550 x\n\n  indented");
    assert_eq!(recs[0].get("format"), Some("plain"));
    assert_eq!(recs[1].text, "line");
}
