//! Benchmark-only: `src/data.rs` (the very file the library ships) behind a raw wasm boundary
//! with no wasm-bindgen, to measure what a copy-light JS API would give (issue 12):
//!
//! - JS writes each chunk straight into an input buffer that lives in wasm memory
//!   (`input(cap)` gives its address; `Uint8Array.set` is the one copy in), then calls
//!   `feed(len)`: no allocation and no second copy per feed.
//! - The message is read through `message_ptr()` / `message_len()` as a view of wasm memory
//!   (JS copies it only if it must keep it).
//!
//! One scanner per instance (a benchmark needs no more). Not shipped; see bench/RESULTS.md.
#![allow(missing_docs, dead_code)]

#[path = "../../../src/data.rs"]
mod data;

use data::{DataReceiver, DataStatus};

static mut STATE: Option<(DataReceiver, Vec<u8>)> = None;

#[allow(static_mut_refs)]
fn state() -> &'static mut (DataReceiver, Vec<u8>) {
    // SAFETY: wasm32 without threads: one caller at a time, and no reference outlives a call.
    unsafe { STATE.get_or_insert_with(|| (DataReceiver::new(), Vec::new())) }
}

/// A fresh scanner (the input buffer is kept).
#[no_mangle]
pub extern "C" fn reset() {
    state().0 = DataReceiver::new();
}

/// The address of an input buffer of at least `cap` octets in wasm memory.
#[no_mangle]
pub extern "C" fn input(cap: usize) -> *mut u8 {
    let s = state();
    if s.1.len() < cap {
        s.1.resize(cap, 0);
    }
    s.1.as_mut_ptr()
}

/// Scans the first `len` octets of the input buffer: −1 until the end of data, then the octets
/// of this chunk consumed.
#[no_mangle]
pub extern "C" fn feed(len: usize) -> i32 {
    let (rx, buf) = state();
    match rx.feed(&buf[..len.min(buf.len())]) {
        DataStatus::Incomplete => -1,
        DataStatus::Complete { consumed } => consumed as i32,
    }
}

#[no_mangle]
pub extern "C" fn message_ptr() -> *const u8 {
    state().0.message().as_ptr()
}

#[no_mangle]
pub extern "C" fn message_len() -> usize {
    state().0.message().len()
}
