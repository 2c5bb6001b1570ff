//! Signals for the server subcommands. SIGTERM and SIGINT end `serve` and `stdio` in order:
//! every open session gets `421 4.3.2` (RFC 5321 §3.8), then the process exits 0.
//!
//! `signal-hook` rather than `ctrlc`: it names exactly the signals wanted (ctrlc catches SIGINT,
//! and SIGTERM only with a feature that adds SIGHUP too), its iterator lets the waiting thread
//! be the main thread instead of a handler thread of its own, and it also installs the SIGXFSZ
//! handler below; its dependencies are libc and its registry crate (ctrlc brings nix).

use std::io;
use std::sync::atomic::AtomicBool;
use std::sync::Arc;

use signal_hook::consts::{SIGINT, SIGTERM, SIGXFSZ};
use signal_hook::iterator::Signals;

/// Starts catching SIGTERM and SIGINT; from now on they are delivered to the returned iterator
/// instead of killing the process. Call it before the first session can start.
pub fn catch() -> io::Result<Signals> {
    // A write over a file-size limit (RLIMIT_FSIZE) raises SIGXFSZ, whose default action kills
    // the process; with a handler installed the write fails with EFBIG instead, and the store
    // answers 452 like any full disk.
    signal_hook::flag::register(SIGXFSZ, Arc::new(AtomicBool::new(false)))?;
    Signals::new([SIGTERM, SIGINT])
}

/// The name of a caught signal, for the closing line.
pub fn name(signal: i32) -> &'static str {
    match signal {
        SIGTERM => "SIGTERM",
        SIGINT => "SIGINT",
        _ => "signal",
    }
}
