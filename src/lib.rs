//! smtp-sim: an SMTP simulator core.
//!
//! A sans-IO implementation of both sides of an SMTP session (RFC 5321 and the extensions people
//! meet), with a catalogue that explains every reply in English and Brazilian Portuguese.
//!
//! What it does: parses commands, runs the server state machine, scans message content for the
//! end of data, drives a client through a delivery, and explains replies. Callers feed it bytes
//! and take back replies and events.
//!
//! What it does not do: no sockets, files, clocks, threads or DOM here. The native command line
//! (`src/main.rs`) and the WebAssembly adapter (`src/wasm.rs`) do the I/O. No real TLS and no
//! real mail delivery: STARTTLS is simulated and accepted messages are handed to the caller.
//!
//! | module | what lives there |
//! |---|---|
//! | [`command`] | SMTP commands and their parser (paths, ESMTP parameters) |
//! | [`base64`] | the base64 codec AUTH uses |
//! | [`reply`] | replies, enhanced status codes, the streaming reply parser |
//! | [`data`] | the DATA and BDAT receivers, dot-stuffing |
//! | [`server`] | the server session state machine and its configuration |
//! | [`catalog`] | what every reply code means, in English and Portuguese; comparisons; the explainer |
//! | [`client`] | the client session: an envelope and a message in, commands out |
//! | [`sim`] | a client and a server wired back to back, and the transcript |
//! | `wasm` | the WebAssembly adapter: the JS API of the page (wasm32 only) |
#![deny(missing_docs)]

pub mod base64;
pub mod catalog;
pub mod client;
pub mod command;
pub mod data;
pub mod reply;
pub mod server;
pub mod sim;
#[cfg(target_arch = "wasm32")]
pub mod wasm;
