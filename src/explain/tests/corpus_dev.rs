//! Development view of the corpus: prints what the reader finds for every record.

use std::fs;
use std::path::PathBuf;

use smtp_sim_explain::read_pasted;

struct Record {
    id: String,
    fields: Vec<(String, String)>,
    text: String,
}

impl Record {
    fn get(&self, k: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.as_str())
    }
}

fn records() -> Vec<Record> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpus/replies");
    let mut files: Vec<_> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let mut out = Vec::new();
    for f in files {
        let s = fs::read_to_string(&f).unwrap();
        let mut cur: Option<(Record, bool, Vec<String>)> = None;
        for line in s.split('\n') {
            if let Some(id) = line.strip_prefix("%%") {
                if let Some((mut r, _, mut t)) = cur.take() {
                    while t.last().is_some_and(|l| l.is_empty()) {
                        t.pop();
                    }
                    r.text = t.join("\n");
                    out.push(r);
                }
                cur = Some((
                    Record {
                        id: id.trim().to_owned(),
                        fields: Vec::new(),
                        text: String::new(),
                    },
                    false,
                    Vec::new(),
                ));
            } else if let Some((r, body, t)) = cur.as_mut() {
                if *body {
                    t.push(line.to_owned());
                } else if line == "---" {
                    *body = true;
                } else if let Some((k, v)) = line.split_once(": ") {
                    r.fields.push((k.to_owned(), v.trim().to_owned()));
                }
            }
        }
        if let Some((mut r, _, mut t)) = cur.take() {
            while t.last().is_some_and(|l| l.is_empty()) {
                t.pop();
            }
            r.text = t.join("\n");
            out.push(r);
        }
    }
    out
}

#[test]
#[ignore]
fn show() {
    let only = std::env::var("ONLY").ok();
    let mut bad = 0;
    for r in records() {
        if only.as_deref().is_some_and(|o| !r.id.contains(o)) {
            continue;
        }
        let rd = read_pasted(&r.text);
        let p = rd.primary();
        let code = p
            .and_then(|f| f.code())
            .map_or("none".to_string(), |c| c.to_string());
        let enh = p
            .and_then(|f| f.enhanced())
            .map_or("none".to_string(), |e| e.0.to_string());
        let cmd = p
            .and_then(|f| f.command.as_ref())
            .map_or("unknown".to_string(), |c| {
                smtp_sim_core::sequence::Prompt::name(c.prompt).to_string()
            });
        let want_cmd = r.get("command").unwrap();
        let want_cmd = if want_cmd == "unknown" {
            "unknown".to_string()
        } else {
            smtp_sim_core::sequence::Prompt::parse(want_cmd)
                .map_or("?".into(), |p| p.name().to_string())
        };
        let ok_code = code == r.get("code").unwrap();
        let ok_enh = enh == r.get("enhanced").unwrap();
        let ok_cmd = cmd == want_cmd || cmd == "unknown";
        let rec: Vec<String> = rd
            .recipients()
            .map(|f| {
                format!(
                    "{} {} {}",
                    f.recipient.as_deref().unwrap_or(""),
                    f.code().map_or("none".into(), |c| c.to_string()),
                    f.enhanced().map_or("none".into(), |e| e.0.to_string())
                )
            })
            .collect();
        let ok_rec = r
            .get("recipients")
            .is_none_or(|want| want.split(" ; ").map(str::to_owned).collect::<Vec<_>>() == rec);
        let writer = rd.writer.map(|w| w.name()).unwrap_or("-");
        let remote = p.and_then(|f| f.remote).map(|w| w.name()).unwrap_or("-");
        let all = ok_code && ok_enh && ok_cmd && ok_rec;
        if !all {
            bad += 1;
        }
        if !all || std::env::var("ALL").is_ok() {
            println!(
                "{} {:40} fmt={:?} code={}{} enh={}{} cmd={}{}(want {}) w={}/{} r={}/{} rec={}{:?}",
                if all { "  " } else { "XX" },
                r.id,
                rd.format,
                code,
                if ok_code { "" } else { "!" },
                enh,
                if ok_enh { "" } else { "!" },
                cmd,
                if ok_cmd { "" } else { "!" },
                want_cmd,
                writer,
                r.get("writer").unwrap(),
                remote,
                r.get("remote").unwrap_or("-"),
                if ok_rec { "" } else { "!" },
                rec
            );
        }
    }
    println!("{bad} bad");
}
