//! `--store DIR`: each accepted message becomes one `.eml` file, trace headers first.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use smtp_sim_core::server::Message;

/// A directory that receives one file per accepted message.
#[derive(Clone, Debug)]
pub struct Store {
    dir: PathBuf,
}

/// Who delivered a message, for the `Received:` header's `from` clause.
#[derive(Clone, Copy, Debug)]
pub struct Delivery<'a> {
    /// The receiving server's name (`by` clause).
    pub hostname: &'a str,
    /// The client's IP address; `None` when there is no network peer (stdio).
    pub peer: Option<IpAddr>,
    /// The id the server gave the message (`id` clause).
    pub id: &'a str,
    /// When the message was accepted.
    pub time: SystemTime,
}

impl Store {
    /// Uses `dir`, creating it if needed, and checks at once that a file can be written there
    /// (a probe file is created, synced and removed), so a store that can never work stops the
    /// start-up instead of losing the first message. Hidden temporary files left by a server
    /// that was killed while storing are removed.
    pub fn open(dir: impl Into<PathBuf>) -> io::Result<Self> {
        let dir = dir.into();
        if fs::metadata(&dir).is_ok_and(|m| !m.is_dir()) {
            return Err(io::Error::other("not a directory"));
        }
        fs::create_dir_all(&dir)?;
        let store = Self { dir };
        let probe = store.dir.join(format!(".{}.tmp", unique_name()));
        let written = OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&probe)
            .and_then(|mut f| f.write_all(b"probe").and_then(|()| f.sync_all()));
        let _ = fs::remove_file(&probe);
        written.map_err(|e| io::Error::new(e.kind(), format!("cannot write there: {e}")))?;
        store.remove_leftovers(false);
        Ok(store)
    }

    /// Writes `message` as `DIR/<unique>.eml` and returns its path. The file appears whole or not
    /// at all: it is written under a hidden temporary name in the same directory, synced, then
    /// renamed (rename within one directory is atomic on POSIX file systems).
    pub fn save(&self, message: &Message, delivery: &Delivery) -> io::Result<PathBuf> {
        let name = unique_name();
        let tmp = self.dir.join(format!(".{name}.tmp"));
        let path = self.dir.join(format!("{name}.eml"));
        let result = write_new(&tmp, message, delivery).and_then(|()| fs::rename(&tmp, &path));
        if result.is_err() {
            let _ = fs::remove_file(&tmp);
        }
        result.map(|()| path)
    }

    /// Removes hidden temporary files of this process (a store cut short by the shutdown) and,
    /// unless `own_only`, those of processes that no longer run (killed while storing). A
    /// temporary file of another running server sharing the directory is left alone. Returns
    /// how many were removed.
    pub fn remove_leftovers(&self, own_only: bool) -> usize {
        let Ok(entries) = fs::read_dir(&self.dir) else {
            return 0;
        };
        let me = std::process::id();
        let mut removed = 0;
        for entry in entries.flatten() {
            let name = entry.file_name();
            let Some(pid) = name.to_str().and_then(temp_owner) else {
                continue;
            };
            let stale = pid == me || (!own_only && !process_runs(pid));
            if stale && fs::remove_file(entry.path()).is_ok() {
                removed += 1;
            }
        }
        removed
    }
}

/// The process id in a temporary file's name `.SECS.NANOS.PID.N.tmp`, if it is one.
fn temp_owner(name: &str) -> Option<u32> {
    let inner = name.strip_prefix('.')?.strip_suffix(".tmp")?;
    let fields: Vec<&str> = inner.split('.').collect();
    match fields[..] {
        [secs, nanos, pid, n]
            if [secs, nanos, n]
                .iter()
                .all(|f| !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit())) =>
        {
            pid.parse().ok()
        }
        _ => None,
    }
}

/// Whether a process with this id runs (Linux: it has a `/proc` entry). Elsewhere every
/// process counts as running, so nothing of another process is ever removed.
fn process_runs(pid: u32) -> bool {
    let proc = Path::new("/proc");
    !proc.join("self").exists() || proc.join(pid.to_string()).exists()
}

/// Whether a failed store means "no room" (RFC 3463 §3.4 4.3.1, "mail system full"): the disk
/// is full, a quota is exhausted, or a file-size limit was reached.
pub fn is_full(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::StorageFull | io::ErrorKind::QuotaExceeded | io::ErrorKind::FileTooLarge
    )
}

/// Queue ids unique in one server run and across runs, in the style of Postfix's hexadecimal
/// ids: the run's start time (seconds) and the process id, then a counter.
#[derive(Debug)]
pub struct QueueIds {
    prefix: String,
    next: AtomicU64,
}

impl QueueIds {
    /// Ids for a run that started at `start`.
    pub fn new(start: SystemTime) -> Self {
        let secs = start
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0);
        Self {
            prefix: format!("{:08X}{:06X}", secs & 0xffff_ffff, std::process::id()),
            next: AtomicU64::new(1),
        }
    }

    /// The next id: the prefix, then the counter in hexadecimal (at least 4 digits).
    pub fn next(&self) -> String {
        let n = self.next.fetch_add(1, Ordering::Relaxed);
        format!("{}{n:04X}", self.prefix)
    }
}

fn write_new(tmp: &Path, message: &Message, delivery: &Delivery) -> io::Result<()> {
    let mut file: File = OpenOptions::new().write(true).create_new(true).open(tmp)?;
    let mut bytes = trace_headers(message, delivery).into_bytes();
    bytes.extend_from_slice(&message.content);
    file.write_all(&bytes)?;
    file.sync_all()
}

/// A name no other message in this or another process gets: time, process id, counter. The
/// process id lets [`Store::remove_leftovers`] tell whose temporary file it is.
fn unique_name() -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let since = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default();
    format!(
        "{}.{:09}.{}.{n}",
        since.as_secs(),
        since.subsec_nanos(),
        std::process::id()
    )
}

/// `Return-Path:` then `Received:` (RFC 5321 §4.4), CRLF-terminated and folded.
///
/// The `for` clause names the recipient only when there is exactly one: RFC 5321 §4.4 allows a
/// single path there, and listing one of several would leak the others' presence (§7.2).
pub fn trace_headers(message: &Message, delivery: &Delivery) -> String {
    let mut h = String::with_capacity(256);
    h.push_str("Return-Path: <");
    push_clean(&mut h, &message.reverse_path);
    h.push_str(">\r\nReceived: from ");
    push_clean(&mut h, &message.helo);
    // TCP-info (RFC 5321 §4.4): the peer's name only for loopback, where it is known without a
    // DNS lookup; otherwise the address literal alone.
    match delivery.peer {
        Some(ip) if ip.is_loopback() => {
            h.push_str(" (localhost ");
            push_literal(&mut h, ip);
            h.push(')');
        }
        Some(ip) => {
            h.push_str(" (");
            push_literal(&mut h, ip);
            h.push(')');
        }
        None => {}
    }
    h.push_str("\r\n\tby ");
    push_clean(&mut h, delivery.hostname);
    h.push_str(" (smtp-sim) with ");
    h.push_str(message.protocol);
    h.push_str(" id ");
    push_clean(&mut h, delivery.id);
    if let [only] = message.recipients.as_slice() {
        h.push_str("\r\n\tfor <");
        push_clean(&mut h, only);
        h.push('>');
    }
    h.push_str(";\r\n\t");
    h.push_str(&rfc5322_date(delivery.time));
    h.push_str("\r\n");
    h
}

/// An address literal (RFC 5321 §4.1.3): `[192.0.2.1]` or `[IPv6:2001:db8::1]`.
fn push_literal(h: &mut String, ip: IpAddr) {
    match ip {
        IpAddr::V4(v4) => h.push_str(&format!("[{v4}]")),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => h.push_str(&format!("[{v4}]")),
            None => h.push_str(&format!("[IPv6:{v6}]")),
        },
    }
}

/// Client-supplied text in a header: controls (CR and LF above all) and bidi or invisible
/// format characters become `?`, so nothing a client sends can start a header line of its own
/// or reorder what a reader sees.
fn push_clean(h: &mut String, text: &str) {
    h.extend(
        text.chars()
            .map(|c| if crate::term::is_unsafe(c) { '?' } else { c }),
    );
}

/// The RFC 5322 §3.3 date-time of `time` in UTC: `Mon, 2 Feb 2026 09:05:03 +0000`.
pub fn rfc5322_date(time: SystemTime) -> String {
    const DAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let secs = time
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let days = secs / 86_400;
    let rem = secs % 86_400;
    let (year, month, day) = civil_from_days(days);
    format!(
        "{}, {day} {} {year} {:02}:{:02}:{:02} +0000",
        DAYS[(days % 7) as usize],
        MONTHS[(month - 1) as usize],
        rem / 3600,
        rem / 60 % 60,
        rem % 60
    )
}

/// Days since 1970-01-01 to (year, month 1–12, day 1–31) in the proleptic Gregorian calendar,
/// by Howard Hinnant's `civil_from_days` (eras of 400 years starting on 1 March).
fn civil_from_days(days: u64) -> (u64, u64, u64) {
    let z = days + 719_468;
    let era = z / 146_097;
    let doe = z % 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + u64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn at(secs: u64) -> SystemTime {
        UNIX_EPOCH + Duration::from_secs(secs)
    }

    #[test]
    fn dates_match_known_instants() {
        let rows = [
            (0, "Thu, 1 Jan 1970 00:00:00 +0000"),
            (951_782_400, "Tue, 29 Feb 2000 00:00:00 +0000"),
            (1_234_567_890, "Fri, 13 Feb 2009 23:31:30 +0000"),
            (1_709_164_799, "Wed, 28 Feb 2024 23:59:59 +0000"),
            (1_709_251_199, "Thu, 29 Feb 2024 23:59:59 +0000"),
            (1_735_689_600, "Wed, 1 Jan 2025 00:00:00 +0000"),
            (4_102_444_800, "Fri, 1 Jan 2100 00:00:00 +0000"),
        ];
        for (secs, want) in rows {
            assert_eq!(rfc5322_date(at(secs)), want, "{secs}");
        }
    }

    fn message(recipients: &[&str]) -> Message {
        Message {
            id: 1,
            helo: "client.example".into(),
            protocol: "ESMTP",
            reverse_path: String::new(),
            recipients: recipients.iter().map(|r| r.to_string()).collect(),
            content: b"Subject: x\r\n\r\nbody\r\n".to_vec(),
            smtputf8: false,
            body: None,
            declared_size: None,
            authenticated: None,
            chunked: false,
        }
    }

    fn delivery(peer: Option<IpAddr>) -> Delivery<'static> {
        Delivery {
            hostname: "mx.example.test",
            peer,
            id: "ABC1",
            time: at(1_234_567_890),
        }
    }

    #[test]
    fn trace_headers_for_one_recipient_name_it() {
        let h = trace_headers(
            &message(&["bob@example.org"]),
            &delivery(Some("127.0.0.1".parse().unwrap())),
        );
        assert_eq!(
            h,
            "Return-Path: <>\r\n\
             Received: from client.example (localhost [127.0.0.1])\r\n\
             \tby mx.example.test (smtp-sim) with ESMTP id ABC1\r\n\
             \tfor <bob@example.org>;\r\n\
             \tFri, 13 Feb 2009 23:31:30 +0000\r\n"
        );
    }

    #[test]
    fn trace_headers_for_several_recipients_name_none() {
        let h = trace_headers(
            &message(&["a@x.test", "b@x.test"]),
            &delivery(Some("::1".parse().unwrap())),
        );
        assert!(h.contains("(localhost [IPv6:::1])"), "{h}");
        assert!(!h.contains("for <"), "{h}");
        assert!(h.contains("id ABC1;\r\n\tFri,"), "{h}");
    }

    #[test]
    fn client_text_cannot_start_a_header_line() {
        let mut m = message(&["x@y.test\r\nBcc: evil@z.test"]);
        m.helo = "a\nX-Injected: 1".into();
        let h = trace_headers(&m, &delivery(Some("192.0.2.7".parse().unwrap())));
        assert!(!h.contains("\nX-Injected"), "{h}");
        assert!(!h.contains("\nBcc"), "{h}");
        assert!(h.contains("from a?X-Injected: 1 ([192.0.2.7])\r\n"), "{h}");
        let lines: Vec<&str> = h.split('\n').collect();
        assert_eq!(lines.last(), Some(&""), "{h:?}");
        assert!(
            lines[..lines.len() - 1].iter().all(|l| l.ends_with('\r')),
            "{h:?}"
        );
    }

    #[test]
    fn save_writes_one_whole_file_and_no_temporaries() {
        let dir = std::env::temp_dir().join(format!("smtp-sim-store-unit-{}", unique_name()));
        let store = Store::open(&dir).unwrap();
        let m = message(&["bob@example.org"]);
        let a = store.save(&m, &delivery(None)).unwrap();
        let b = store.save(&m, &delivery(None)).unwrap();
        assert_ne!(a, b);
        let names: Vec<_> = fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        assert_eq!(names.len(), 2, "{names:?}");
        assert!(names.iter().all(|n| n.ends_with(".eml")), "{names:?}");
        let bytes = fs::read(&a).unwrap();
        assert!(bytes.starts_with(b"Return-Path: <>\r\nReceived: from client.example\r\n"));
        assert!(bytes.ends_with(&m.content));
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn open_removes_temporaries_of_dead_processes_and_keeps_others() {
        let dir = std::env::temp_dir().join(format!("smtp-sim-store-sweep-{}", unique_name()));
        fs::create_dir_all(&dir).unwrap();
        let me = std::process::id();
        // pid 0 never names a user process; our own pid counts as stale at start-up.
        let dead = dir.join(".1700000000.000000001.0.3.tmp");
        let own = dir.join(format!(".1700000000.000000002.{me}.4.tmp"));
        let other = dir.join(".notours.tmp");
        for f in [&dead, &own, &other] {
            fs::write(f, b"half a message").unwrap();
        }
        Store::open(&dir).unwrap();
        assert!(!dead.exists() && !own.exists());
        assert!(
            other.exists(),
            "a file not named by the store is not ours to remove"
        );
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn temp_names_name_their_process() {
        let name = format!(".{}.tmp", unique_name());
        assert_eq!(temp_owner(&name), Some(std::process::id()));
        for other in [".x.tmp", "1.2.3.4.tmp", ".1.2.3.4.eml", ".a.2.3.4.tmp"] {
            assert_eq!(temp_owner(other), None, "{other}");
        }
    }

    #[test]
    fn queue_ids_are_unique_and_hexadecimal() {
        let ids = QueueIds::new(at(1_234_567_890));
        let a = ids.next();
        let b = ids.next();
        assert_ne!(a, b);
        assert!(a.starts_with("499602D2"), "{a}");
        assert!(
            a.bytes()
                .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_lowercase()),
            "{a}"
        );
        let later = QueueIds::new(at(1_234_567_891)).next();
        assert_ne!(a, later, "another run gets other ids");
    }

    #[test]
    fn bidi_controls_do_not_reach_a_header() {
        let mut m = message(&["x\u{202e}gpj.exe@y.test"]);
        m.reverse_path = "a\u{2066}\u{9b}b@c.test".into();
        let h = trace_headers(&m, &delivery(None));
        let unsafe_chars = h
            .chars()
            .filter(|c| !matches!(c, '\r' | '\n' | '\t'))
            .any(crate::term::is_unsafe);
        assert!(!unsafe_chars, "{h:?}");
        assert!(h.contains("Return-Path: <a??b@c.test>"), "{h:?}");
        assert!(h.contains("for <x?gpj.exe@y.test>"), "{h:?}");
    }
}
