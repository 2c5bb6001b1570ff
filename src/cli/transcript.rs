//! The annotated transcript `send` and `demo` print on stdout: `C:`/`S:` lines are the bytes on
//! the wire, `~` lines the client's reasoning with the rule it applied, `#` lines what the
//! simulated server did, then the outcome. Everything from the wire or from the other side goes
//! through [`untrusted`].

use std::io::Write;

use smtp_sim_core::client::{self, EventKind, Outcome};
use smtp_sim_core::reply::Reply;
use smtp_sim_core::server;
use smtp_sim_core::sim::Side;
use smtp_sim_explain::{self as catalog, Lang};

use crate::term::{untrusted, untrusted_bytes};

/// Prints one session's transcript to `out`.
pub struct Transcript<W: Write> {
    out: W,
    lang: Lang,
    /// Bytes of an unfinished line, per side (client, server).
    partial: [Vec<u8>; 2],
}

impl<W: Write> Transcript<W> {
    /// A transcript whose notes and rules are in `lang`.
    pub fn new(out: W, lang: Lang) -> Self {
        Self {
            out,
            lang,
            partial: [Vec::new(), Vec::new()],
        }
    }

    /// Bytes one side sent: each complete line is printed with its side's prefix, CRLF removed;
    /// an unfinished line waits for the rest (or for [`Transcript::flush_wire`]).
    pub fn wire(&mut self, from: Side, bytes: &[u8]) {
        let i = from as usize;
        self.partial[i].extend_from_slice(bytes);
        while let Some(lf) = self.partial[i].iter().position(|&b| b == b'\n') {
            let line: Vec<u8> = self.partial[i].drain(..=lf).collect();
            self.line(from, &line);
        }
    }

    /// Prints what is left of unfinished lines.
    pub fn flush_wire(&mut self) {
        for from in [Side::Client, Side::Server] {
            let rest = std::mem::take(&mut self.partial[from as usize]);
            if !rest.is_empty() {
                self.line(from, &rest);
            }
        }
    }

    fn line(&mut self, from: Side, line: &[u8]) {
        let body = line.strip_suffix(b"\n").unwrap_or(line);
        let body = body.strip_suffix(b"\r").unwrap_or(body);
        let prefix = match from {
            Side::Client => "C: ",
            Side::Server => "S: ",
        };
        let _ = writeln!(self.out, "{prefix}{}", untrusted_bytes(body));
    }

    /// A client event: its note, its rule. Commands, content and replies are not printed: they
    /// are the wire lines (content only when lines were dot-stuffed).
    pub fn client_event(&mut self, e: &client::Event) {
        let lang = self.lang;
        let text = match &e.kind {
            EventKind::Note(n) => catalog::client_note(*n, lang).to_string(),
            EventKind::MalformedReply(err) => {
                format!("malformed reply: {}", catalog::reply_problem(*err, lang))
            }
            EventKind::Recipient { address, status } => {
                format!("<{}>: {status:?}", untrusted(address))
            }
            EventKind::Content {
                octets,
                stuffed_lines,
            } if *stuffed_lines > 0 => {
                format!("content: {octets} octets, {stuffed_lines} line(s) dot-stuffed")
            }
            EventKind::Finished(s) => format!("finished: {s:?}"),
            _ => return,
        };
        let _ = match e.rule {
            None => writeln!(self.out, "   ~ {text}"),
            Some(r) => writeln!(self.out, "   ~ {text}  [{}]", catalog::client_rule(r, lang)),
        };
    }

    /// What the simulated server did, where it is worth a line.
    pub fn server_event(&mut self, e: &server::Event) {
        let text = match e {
            server::Event::StateChanged { from, to } => format!("{from:?} → {to:?}"),
            server::Event::MessageReceived(m) => format!(
                "message received: {} octets for {}",
                m.content.len(),
                untrusted(&m.recipients.join(", "))
            ),
            server::Event::Warning(w) => format!("warning: {w:?}"),
            _ => return,
        };
        let _ = writeln!(self.out, "   # server: {}", untrusted(&text));
    }

    /// Something the adapter saw that neither side said (the connection closed, a timeout).
    pub fn note(&mut self, text: &str) {
        let _ = writeln!(self.out, "   ~ {}", untrusted(text));
    }

    /// The outcome: the status, then each recipient with the reply that decided it.
    pub fn summary(&mut self, o: &Outcome) {
        let _ = writeln!(self.out, "status: {:?}", o.status);
        for r in &o.recipients {
            let reply = r.reply.as_ref().map(reply_line).unwrap_or_default();
            let _ = writeln!(
                self.out,
                "  {:?} <{}> {}",
                r.status,
                untrusted(&r.address),
                untrusted(reply.trim_end())
            );
        }
        if let Some(e) = o.error {
            let _ = writeln!(self.out, "  error: {}", catalog::client_error(e, self.lang));
        }
        let _ = self.out.flush();
    }
}

/// `550 5.1.1 text`: the code, the enhanced code if any, the text of every line.
fn reply_line(r: &Reply) -> String {
    let mut s = r.code.to_string();
    if let Some(e) = r.enhanced {
        s.push(' ');
        s.push_str(&e.to_string());
    }
    s.push(' ');
    s.push_str(&r.text());
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn printed(f: impl FnOnce(&mut Transcript<&mut Vec<u8>>)) -> String {
        let mut out = Vec::new();
        f(&mut Transcript::new(&mut out, Lang::En));
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn wire_lines_wait_for_their_end_and_are_escaped() {
        let s = printed(|t| {
            t.wire(Side::Server, b"220 mx ESMTP\r\n250-a");
            t.wire(Side::Client, b"EHLO x\r\n");
            t.wire(Side::Server, b"\x1b]0;PWNED\x07\r\n");
            t.wire(Side::Server, b"550 \xc2\x9b31m \xe2\x80\xae");
            t.flush_wire();
        });
        assert_eq!(
            s,
            "S: 220 mx ESMTP\nC: EHLO x\nS: 250-a\\x1b]0;PWNED\\x07\nS: 550 \\u{9b}31m \\u{202e}\n"
        );
    }
}
