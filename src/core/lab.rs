//! The two-hop SMTP smuggling lab: the same bytes read by a relay (A) and an inbound server (B).
//!
//! SMTP smuggling (SEC Consult, December 2023; CVE-2023-51764/5/6) needs two servers that
//! disagree on where a message ends. The attacker talks to relay A, which checks who they are and
//! relays each message it accepts to B; if B ends the data earlier than A did, the rest of A's
//! message reaches B as commands — a second message A never checked. [`run`] plays both hops
//! with the engine's own sessions: hop 1, the attacker's prelude and bytes to A; hop 2, A as a
//! client sending each accepted message to B, its content as A's [`Relay`] setting emits it.
//!
//! The relays are models of what real software did, named by behaviour (the "resembles" notes
//! cite their sources); B is one of the engine's [`Persona`]s. [`matrix`] runs every known
//! vector ([`VECTORS`]: hannob's `smtpsmug` list and The-Login's outbound extras) against every
//! persona.

#[cfg(feature = "serde")]
use serde::Serialize;

use crate::data::{dot_stuff, LineEnd};
use crate::names;
use crate::sequence::Prompt;
use crate::server::{Event, Message, Persona, ServerConfig, ServerSession, State};
use crate::sim::Side;

/// What relay A does with the message content it accepted, when it sends it on to B.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
pub enum Relay {
    /// Ends data only at CRLF.CRLF, keeps bare CR and LF as data, and relays the content as it
    /// came, dot-stuffing only the lines that begin after a CRLF. Resembles Exchange Online in
    /// 2023, per SEC Consult's write-up.
    #[default]
    Passthrough,
    /// Refuses a message holding a bare LF with `550 5.5.2 … Error: bare <LF> received` and
    /// relays nothing: Postfix `smtpd_forbid_bare_newline = reject` (the strict persona).
    Reject,
    /// Turns every bare CR and LF into CRLF, *then* dot-stuffs (RFC 5321 §4.5.2), then relays:
    /// "normalize, then stuff", the fix.
    Normalize,
    /// Dot-stuffs the lines that begin after a CRLF, then turns bare CR and LF into CRLF without
    /// stuffing again, which can write a real CRLF.CRLF into the content. A model of Cisco's
    /// "Clean" option, inferred from Cisco's FAQ ("replacing the single characters with the
    /// complete <CRLF>") and CERT-EU 2023-098's advice to use "Allow"; a model, not a vendor
    /// claim.
    Clean,
}

names::names!(Relay {
    Passthrough,
    Reject,
    Normalize,
    Clean
});

/// The lab's two switches.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
pub struct LabSettings {
    /// Hop A.
    pub relay: Relay,
    /// Hop B.
    pub inbound: Persona,
}

/// A change of one or both switches (`lab:` in a step, `toggle:`), or a test of them (the goal
/// `lab`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
pub struct LabChange {
    /// Hop A's new setting, if it changes.
    pub relay: Option<Relay>,
    /// Hop B's new setting, if it changes.
    pub inbound: Option<Persona>,
}

impl LabSettings {
    /// Applies a change.
    pub fn apply(&mut self, change: LabChange) {
        if let Some(r) = change.relay {
            self.relay = r;
        }
        if let Some(p) = change.inbound {
            self.inbound = p;
        }
    }

    /// True when every setting the change names is the current one.
    pub fn satisfies(&self, change: LabChange) -> bool {
        change.relay.is_none_or(|r| r == self.relay)
            && change.inbound.is_none_or(|p| p == self.inbound)
    }
}

/// How a session read a span of its input.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
pub enum Reading {
    /// Message content.
    Data,
    /// Command lines.
    Commands,
}

/// A run of bytes read the same way.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
pub struct Span {
    /// First byte (offset into [`Ribbon::bytes`]).
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// How they were read.
    pub reading: Reading,
}

/// Bytes a hop read, and how: the page's byte ribbon. The offset where a [`Reading::Data`] span
/// ends is where that hop decided the data ended.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
pub struct Ribbon {
    /// The bytes.
    pub bytes: Vec<u8>,
    /// Consecutive spans covering all of them (up to where the session closed).
    pub spans: Vec<Span>,
    /// Where the data ended: one past the last byte of each terminator.
    pub ends: Vec<usize>,
}

impl Ribbon {
    /// The offsets (one past the last byte of the terminator) where the data ended.
    pub fn ends(&self) -> &[usize] {
        &self.ends
    }
}

/// One hop: a session, what crossed its wire and what it accepted.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
pub struct Hop {
    /// The writes on the wire, in order: the client's, then the server's answer to them.
    pub wire: Vec<(Side, Vec<u8>)>,
    /// The server's events.
    pub events: Vec<Event>,
    /// The messages it accepted.
    pub messages: Vec<Message>,
}

impl Hop {
    /// The first refusal (4yz or 5yz) of a message, if any: its code.
    pub fn refusal(&self) -> Option<u16> {
        self.events.iter().find_map(|e| match e {
            Event::Reply {
                reply,
                answers: Prompt::EndOfData,
                ..
            } if reply.code >= 400 => Some(reply.code),
            _ => None,
        })
    }
}

/// One run of the lab.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
pub struct LabRun {
    /// The settings it ran with.
    pub settings: LabSettings,
    /// Hop 1: the attacker and relay A.
    pub relay: Hop,
    /// How A read the attacker's bytes (after the prelude).
    pub relay_ribbon: Ribbon,
    /// Hop 2: A and inbound server B.
    pub inbound: Hop,
    /// How B read the content of each message A relayed (the bytes after B's 354).
    pub inbound_ribbons: Vec<Ribbon>,
}

impl LabRun {
    /// Messages A accepted.
    pub fn accepted(&self) -> usize {
        self.relay.messages.len()
    }

    /// Messages B accepted.
    pub fn delivered(&self) -> usize {
        self.inbound.messages.len()
    }
}

/// Relay A's name for itself.
pub const RELAY_HOST: &str = "relay.example.test";
/// Inbound B's name.
pub const INBOUND_HOST: &str = "mx.example.test";

/// The attacker's usual prelude: hello, envelope, DATA.
pub const PRELUDE: [&str; 4] = [
    "EHLO evil.example.test",
    "MAIL FROM:<mallory@evil.example.test>",
    "RCPT TO:<bia@example.test>",
    "DATA",
];

/// Runs the lab: `prelude` lines (each sent as one write with CRLF), then `bytes` to A; then
/// every message A accepted to B.
pub fn run(settings: LabSettings, prelude: &[&str], bytes: &[u8]) -> LabRun {
    let mut a = relay_config(settings.relay);
    a.hostname = RELAY_HOST.into();
    let (relay, relay_ribbon) = attack(a, prelude, bytes);
    let (inbound, inbound_ribbons) = deliver(settings, &relay.messages);
    LabRun {
        settings,
        relay,
        relay_ribbon,
        inbound,
        inbound_ribbons,
    }
}

/// The attacker's bytes sent straight to B, with no relay: the research table's setting.
pub fn direct(inbound: Persona, prelude: &[&str], bytes: &[u8]) -> (Hop, Ribbon) {
    attack(
        ServerConfig {
            persona: inbound,
            hostname: INBOUND_HOST.into(),
            ..ServerConfig::default()
        },
        prelude,
        bytes,
    )
}

fn relay_config(relay: Relay) -> ServerConfig {
    match relay {
        Relay::Reject => ServerConfig {
            persona: Persona::Strict,
            ..ServerConfig::default()
        },
        _ => ServerConfig {
            persona: Persona::Lenient,
            data_line_end: Some(LineEnd::Crlf),
            ..ServerConfig::default()
        },
    }
}

/// A session fed one write at a time, recording the wire and accepting every message.
struct Fed {
    session: ServerSession,
    hop: Hop,
}

impl Fed {
    fn new(config: ServerConfig) -> Self {
        let mut f = Self {
            session: ServerSession::new(config),
            hop: Hop::default(),
        };
        f.drain();
        f.flush();
        f
    }

    fn drain(&mut self) {
        while let Some(e) = self.session.poll_event() {
            if let Event::MessageReceived(m) = &e {
                self.session
                    .accept_message(&(self.hop.messages.len() + 1).to_string());
                self.hop.messages.push(m.clone());
            }
            self.hop.events.push(e);
        }
    }

    fn flush(&mut self) {
        let out = self.session.take_output();
        if !out.is_empty() {
            self.hop.wire.push((Side::Server, out));
        }
    }

    /// One write.
    fn write(&mut self, bytes: &[u8]) {
        if self.session.is_closed() {
            return;
        }
        self.hop.wire.push((Side::Client, bytes.to_vec()));
        self.session.receive(bytes);
        self.drain();
        self.flush();
    }

    /// One write, fed a byte at a time to learn how each byte was read (the result does not
    /// depend on how input is split).
    fn write_traced(&mut self, bytes: &[u8]) -> Ribbon {
        let mut ribbon = Ribbon {
            bytes: bytes.to_vec(),
            ..Ribbon::default()
        };
        if self.session.is_closed() {
            return ribbon;
        }
        self.hop.wire.push((Side::Client, bytes.to_vec()));
        for (i, b) in bytes.iter().enumerate() {
            if self.session.is_closed() {
                break;
            }
            // A span of data always ends in a state change, and commands come between two
            // messages, so grouping by the state before each byte finds every end.
            let reading = if self.session.state() == State::Data {
                Reading::Data
            } else {
                Reading::Commands
            };
            match ribbon.spans.last_mut() {
                Some(s) if s.reading == reading => s.end = i + 1,
                _ => ribbon.spans.push(Span {
                    start: i,
                    end: i + 1,
                    reading,
                }),
            }
            self.session.receive(core::slice::from_ref(b));
            self.drain();
            if reading == Reading::Data && self.session.state() != State::Data {
                ribbon.ends.push(i + 1);
            }
        }
        self.flush();
        ribbon
    }
}

/// Hop 1 (or the direct run): the prelude, the bytes, then QUIT if the session is still open
/// and not in DATA.
fn attack(config: ServerConfig, prelude: &[&str], bytes: &[u8]) -> (Hop, Ribbon) {
    let mut fed = Fed::new(config);
    for line in prelude {
        let mut l = line.as_bytes().to_vec();
        l.extend_from_slice(b"\r\n");
        fed.write(&l);
    }
    let ribbon = fed.write_traced(bytes);
    if !fed.session.is_closed() && fed.session.state() != State::Data {
        fed.write(b"QUIT\r\n");
    }
    (fed.hop, ribbon)
}

/// Hop 2: A, as a client, sends each accepted message to B over one session, then QUIT.
fn deliver(settings: LabSettings, messages: &[Message]) -> (Hop, Vec<Ribbon>) {
    let mut ribbons = Vec::new();
    if messages.is_empty() {
        return (Hop::default(), ribbons);
    }
    let mut fed = Fed::new(ServerConfig {
        persona: settings.inbound,
        hostname: INBOUND_HOST.into(),
        ..ServerConfig::default()
    });
    fed.write(format!("EHLO {RELAY_HOST}\r\n").as_bytes());
    for m in messages {
        if fed.session.state() != State::Ready {
            break;
        }
        fed.write(format!("MAIL FROM:<{}>\r\n", m.reverse_path).as_bytes());
        for r in &m.recipients {
            fed.write(format!("RCPT TO:<{r}>\r\n").as_bytes());
        }
        fed.write(b"DATA\r\n");
        if fed.session.state() != State::Data {
            fed.write(b"RSET\r\n");
            continue;
        }
        ribbons.push(fed.write_traced(&emit(settings.relay, &m.content)));
        if fed.session.state() == State::Data {
            // B still waits for the end: a relay would time out here.
            fed.session.timeout();
            fed.drain();
            fed.flush();
        }
    }
    if !fed.session.is_closed() {
        fed.write(b"QUIT\r\n");
    }
    (fed.hop, ribbons)
}

/// The bytes A sends after B's 354 for a message whose content (as A stored it) is `content`:
/// stuffed as the relay setting stuffs, with the `.` CRLF terminator.
pub fn emit(relay: Relay, content: &[u8]) -> Vec<u8> {
    match relay {
        Relay::Normalize => dot_stuff(content),
        Relay::Passthrough | Relay::Reject => {
            let mut out = stuff_after_crlf(content);
            out.extend_from_slice(b".\r\n");
            out
        }
        Relay::Clean => {
            let mut out = clean(&stuff_after_crlf(content));
            out.extend_from_slice(b".\r\n");
            out
        }
    }
}

/// Adds a dot to every line that starts with one, where only CRLF ends a line; ends the content
/// with CRLF if it does not already.
fn stuff_after_crlf(content: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(content.len() + 8);
    let mut at_start = true;
    for (i, &b) in content.iter().enumerate() {
        if at_start && b == b'.' {
            out.push(b'.');
        }
        out.push(b);
        at_start = b == b'\n' && i > 0 && content[i - 1] == b'\r';
    }
    if !content.is_empty() && !content.ends_with(b"\r\n") {
        out.extend_from_slice(b"\r\n");
    }
    out
}

/// Every bare CR and bare LF becomes CRLF; nothing else changes.
fn clean(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len() + 8);
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'\r' if bytes.get(i + 1) == Some(&b'\n') => {
                out.extend_from_slice(b"\r\n");
                i += 2;
                continue;
            }
            b'\r' | b'\n' => out.extend_from_slice(b"\r\n"),
            _ => out.push(b),
        }
        i += 1;
    }
    out
}

/// A malformed end of data an attacker puts between the first message and the smuggled one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
pub struct Vector {
    /// Its name (hannob's `smtpsmug` test names; The-Login's extras named the same way).
    pub name: &'static str,
    /// The bytes that should (not) end the data.
    pub ending: &'static [u8],
}

/// The known vectors: hannob/smtpsmug's (`lflf` … `nullafter`, `pipelining`: a proper end
/// followed by a pipelined second transaction) and The-Login/SMTP-Smuggling-Tools' outbound
/// extras.
pub const VECTORS: [Vector; 10] = [
    Vector {
        name: "lflf",
        ending: b"\n.\n",
    },
    Vector {
        name: "lfcrlf",
        ending: b"\n.\r\n",
    },
    Vector {
        name: "crlflf",
        ending: b"\r\n.\n",
    },
    Vector {
        name: "crcrlf",
        ending: b"\r.\r\n",
    },
    Vector {
        name: "crlfcr",
        ending: b"\r\n.\r",
    },
    Vector {
        name: "nullbefore",
        ending: b"\r\n\0.\r\n",
    },
    Vector {
        name: "nullafter",
        ending: b"\r\n.\0\r\n",
    },
    Vector {
        name: "pipelining",
        ending: b"\r\n.\r\n",
    },
    Vector {
        name: "crlfcrcrlf",
        ending: b"\r\n.\r\r\n",
    },
    Vector {
        name: "crcrlfcrcrlf",
        ending: b"\r\r\n.\r\r\n",
    },
];

/// The smuggled transaction that follows a vector.
pub const SMUGGLED: &[u8] = b"MAIL FROM:<ceo@bank.example.test>\r\nRCPT TO:<bia@example.test>\r\n\
DATA\r\nFrom: ceo@bank.example.test\r\n\r\nPlease pay the attached invoice today.\r\n.\r\n";

impl Vector {
    /// The attacker's bytes after DATA: a first line, the vector, the smuggled transaction.
    pub fn payload(&self) -> Vec<u8> {
        let mut p = b"Hi Bia".to_vec();
        p.extend_from_slice(self.ending);
        p.extend_from_slice(SMUGGLED);
        p
    }

    /// False for `<CRLF>.` followed by anything but CRLF: a compliant client dot-stuffs every
    /// line that starts with a dot, so no relay sends these bytes on however its user writes
    /// the message (Wietse Venema, hannob/smtpsmug#8: "An attacker cannot cause a mail service
    /// to send <CRLF>.<non-CRLF>"). Servers that refuse them are still right to (RFC 5321
    /// §2.3.8); the lab marks them instead of hiding them.
    pub fn producible(&self) -> bool {
        !self.ending.windows(3).enumerate().any(|(i, w)| {
            w[..2] == *b"\r\n" && w[2] == b'.' && !self.ending[i + 3..].starts_with(b"\r\n")
        })
    }
}

/// One cell of the matrix.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
pub struct Cell {
    /// The vector's name.
    pub vector: &'static str,
    /// B.
    pub inbound: Persona,
    /// A, or `None` when the attacker talks to B directly.
    pub relay: Option<Relay>,
    /// See [`Vector::producible`].
    pub producible: bool,
    /// Messages A accepted (`None` without A).
    pub accepted: Option<usize>,
    /// Messages B accepted.
    pub delivered: usize,
    /// B's refusal of a message (550 from a strict B), if any.
    pub refused: Option<u16>,
}

/// Every vector against every persona as B, through `relay` (or straight to B with `None`),
/// computed by running the engine.
pub fn matrix(relay: Option<Relay>) -> Vec<Cell> {
    let mut cells = Vec::new();
    for v in VECTORS {
        for inbound in Persona::ALL {
            let payload = v.payload();
            let cell = match relay {
                None => {
                    let (hop, _) = direct(inbound, &PRELUDE, &payload);
                    Cell {
                        vector: v.name,
                        inbound,
                        relay,
                        producible: v.producible(),
                        accepted: None,
                        delivered: hop.messages.len(),
                        refused: hop.refusal(),
                    }
                }
                Some(r) => {
                    let run = run(LabSettings { relay: r, inbound }, &PRELUDE, &payload);
                    Cell {
                        vector: v.name,
                        inbound,
                        relay,
                        producible: v.producible(),
                        accepted: Some(run.accepted()),
                        delivered: run.delivered(),
                        refused: run.inbound.refusal(),
                    }
                }
            };
            cells.push(cell);
        }
    }
    cells
}
