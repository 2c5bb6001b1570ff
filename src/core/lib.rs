//! smtp-sim-core: the SMTP protocol, sans-IO.
//!
//! Both sides of an SMTP session (RFC 5321 and the extensions people meet) as state machines
//! that take bytes and return bytes and events: the command parser, the server session, the DATA
//! and BDAT receivers (the end-of-data scanner and dot-unstuffing), the client session, and a
//! simulation that wires a client to a server in memory.
//!
//! What it does not do: no sockets, files, clocks, threads or DOM; no text for people beyond the
//! reply lines a server puts on the wire (every explanation lives in `smtp-sim-explain`, which
//! depends on this crate, never the reverse); no real TLS (the adapter wraps the stream) and no
//! real delivery (accepted messages are handed to the caller). The adapters around it are
//! `smtp-sim-wasm` (the browser) and the `smtp-sim` binary (the terminal).
//!
//! | module | what lives there |
//! |---|---|
//! | [`command`] | SMTP commands and their parser (paths, ESMTP parameters) |
//! | [`base64`] | the base64 codec AUTH uses |
//! | [`reply`] | replies, enhanced status codes, the streaming reply parser |
//! | [`data`] | the DATA and BDAT receivers, dot-stuffing |
//! | [`sequence`] | which replies answer which commands (RFC 5321 §4.3.2): the one judge of a reply |
//! | [`server`] | the server session state machine and its configuration |
//! | [`forced`] | forced replies: which fault strikes a command, address patterns, counts |
//! | [`client`] | the client session: an envelope and a message in, commands out |
//! | [`sim`] | a client and a server wired back to back, and the transcript |
//! | [`lab`] | the two-hop SMTP smuggling lab: relay A and inbound B read the same bytes |
//! | [`lesson`] | the `.smtp` lesson format: parser, evaluator, `lesson check`, transcripts |
//! | [`capture`] | transcripts as text both ways: our export, `C:`/`S:`, swaks, telnet/nc |
//! | [`share`] | share links `#s=1.<codec>.<payload>` (cargo feature `share`) |
#![deny(missing_docs)]

mod names;

pub mod base64;
pub mod capture;
pub mod client;
pub mod command;
pub mod data;
pub mod forced;
pub mod lab;
pub mod lesson;
pub mod reply;
pub mod sequence;
pub mod server;
#[cfg(feature = "share")]
pub mod share;
pub mod sim;
