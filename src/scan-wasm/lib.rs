//! The page's end-of-data scanner module: [`smtp_sim_scan::DataReceiver`] behind a few raw
//! `extern "C"` exports, read by the hand-written class in `www/scanner.js` (no wasm-bindgen: a
//! handful of functions need no glue, and the module stays a few kilobytes).
//!
//! The boundary copies once: JS writes each chunk straight at the message's end in wasm memory
//! ([`scanner_input`] gives the address: the input region is the message's spare room),
//! [`scanner_feed`] scans it there, moving octets left only past a removed stuffing dot, and the
//! message is read where it lies ([`scanner_message_ptr`], [`scanner_message_len`]). A run with
//! no dot to remove is never copied inside wasm. build.sh builds it at
//! opt-level 3 (the `scan-wasm` profile) in two flavours, with `simd128` and without; the JS side
//! picks one at load time with `WebAssembly.validate`.
//!
//! The rules are the scanner's (RFC 5321 §4.1.1.4: the data ends at `CRLF . CRLF`; §4.5.2: a
//! line's leading dot is removed): see [`smtp_sim_scan`].
//!
//! Every function takes the handle [`scanner_new`] returned. They are `unsafe`: wasm has no way
//! to check a handle, so the JS class keeps it private and never uses it after [`scanner_free`].

#![cfg(target_arch = "wasm32")]
#![warn(missing_docs)]

use smtp_sim_scan::{DataReceiver, DataStatus, LineEnd};

/// One scanner: the receiver (its message and input region) and room for its stats.
pub struct Scanner {
    rx: DataReceiver,
    /// [`scanner_stats`] writes here, so JS reads six numbers with no allocation.
    stats: [u32; 6],
}

/// What [`scanner_feed`] returns while the end of data has not been seen.
pub const INCOMPLETE: u32 = u32::MAX;
/// What [`scanner_feed`] returns when `len` is larger than the input region.
pub const TOO_LONG: u32 = u32::MAX - 1;

/// A scanner at the start of message content (just after the CRLF that ended DATA). `line_end`:
/// 0 [`LineEnd::Crlf`] (only `CRLF . CRLF` ends the data, RFC 5321 §2.3.8), 1
/// [`LineEnd::Normalize`], 2 [`LineEnd::Lf`] (pre-2023 Postfix, open to smuggling); anything else
/// is `Crlf`. `limit`: octets of message kept (the rest is scanned and counted, not stored);
/// `u32::MAX` for no limit.
#[no_mangle]
pub extern "C" fn scanner_new(line_end: u32, limit: u32) -> *mut Scanner {
    let line_end = match line_end {
        1 => LineEnd::Normalize,
        2 => LineEnd::Lf,
        _ => LineEnd::Crlf,
    };
    let limit = if limit == u32::MAX {
        usize::MAX
    } else {
        limit as usize
    };
    Box::into_raw(Box::new(Scanner {
        rx: DataReceiver::with_options(line_end, limit),
        stats: [0; 6],
    }))
}

/// Frees a scanner, its input region and its message.
///
/// # Safety
/// `s` comes from [`scanner_new`] and is not used again.
#[no_mangle]
pub unsafe extern "C" fn scanner_free(s: *mut Scanner) {
    // SAFETY: the caller hands back a pointer from `Box::into_raw`, once.
    drop(unsafe { Box::from_raw(s) });
}

/// The address of the scanner's input region: `len` octets right after the message kept so far
/// ([`DataReceiver::input`]). JS writes the next chunk there, then calls [`scanner_feed`]. The
/// region moves whenever the message grows, so JS asks for it before every chunk; asking may
/// grow wasm memory, which detaches every JS view of it. Its old contents are not kept.
///
/// # Safety
/// `s` comes from [`scanner_new`] and was not freed.
#[no_mangle]
pub unsafe extern "C" fn scanner_input(s: *mut Scanner, len: usize) -> *mut u8 {
    // SAFETY: a live handle, as the caller promises; wasm32 has one thread.
    unsafe { &mut *s }.rx.input_ptr(len)
}

/// Scans the first `len` octets of the input region where they lie: [`INCOMPLETE`] while the
/// end of data has not been seen (the whole chunk was consumed), otherwise the octets of this
/// chunk consumed, terminator included (0 after the end); [`TOO_LONG`] when `len` is larger than
/// the region. May grow wasm memory (rarely: a bare LF stored as CRLF needs room).
///
/// # Safety
/// `s` comes from [`scanner_new`] and was not freed; since [`scanner_input`] (with `len` or
/// more) JS has written the `len` octets at its address (www/scanner.js's `feed` always does;
/// `feedInput` asks it of its caller, and octets left unwritten are only stale octets of wasm
/// memory).
#[no_mangle]
pub unsafe extern "C" fn scanner_feed(s: *mut Scanner, len: usize) -> u32 {
    // SAFETY: a live handle, and the region written, as the caller promises.
    match unsafe { (*s).rx.feed_written(len) } {
        None => TOO_LONG,
        Some(DataStatus::Incomplete) => INCOMPLETE,
        Some(DataStatus::Complete { consumed }) => consumed as u32,
    }
}

/// Where the unstuffed message kept so far starts in wasm memory (valid until the next call).
///
/// # Safety
/// `s` comes from [`scanner_new`] and was not freed.
#[no_mangle]
pub unsafe extern "C" fn scanner_message_ptr(s: *const Scanner) -> *const u8 {
    // SAFETY: a live handle, as the caller promises.
    unsafe { &*s }.rx.message().as_ptr()
}

/// Octets of unstuffed message kept so far (at most the limit).
///
/// # Safety
/// `s` comes from [`scanner_new`] and was not freed.
#[no_mangle]
pub unsafe extern "C" fn scanner_message_len(s: *const Scanner) -> usize {
    // SAFETY: a live handle, as the caller promises.
    unsafe { &*s }.rx.message().len()
}

/// Empties the kept message (JS has copied it: `takeMessage`); the scan goes on, and the next
/// chunk reuses the message's memory.
///
/// # Safety
/// `s` comes from [`scanner_new`] and was not freed.
#[no_mangle]
pub unsafe extern "C" fn scanner_clear_message(s: *mut Scanner) {
    // SAFETY: a live handle, as the caller promises.
    unsafe { &mut *s }.rx.clear_message();
}

/// 1 once the terminator has been seen, else 0.
///
/// # Safety
/// `s` comes from [`scanner_new`] and was not freed.
#[no_mangle]
pub unsafe extern "C" fn scanner_complete(s: *const Scanner) -> u32 {
    // SAFETY: a live handle, as the caller promises.
    u32::from(unsafe { &*s }.rx.is_complete())
}

/// 1 when the content grew beyond the limit (RFC 1870: 552 after the end), else 0.
///
/// # Safety
/// `s` comes from [`scanner_new`] and was not freed.
#[no_mangle]
pub unsafe extern "C" fn scanner_exceeded_limit(s: *const Scanner) -> u32 {
    // SAFETY: a live handle, as the caller promises.
    u32::from(unsafe { &*s }.rx.exceeded_limit())
}

/// The address of six `u32`, written now: the scanner's [`smtp_sim_scan::DataStats`] — size,
/// bare LF, bare CR, unstuffed lines, long lines, longest line — each saturated at `u32::MAX`.
///
/// # Safety
/// `s` comes from [`scanner_new`] and was not freed.
#[no_mangle]
pub unsafe extern "C" fn scanner_stats(s: *mut Scanner) -> *const u32 {
    // SAFETY: a live handle, as the caller promises.
    let s = unsafe { &mut *s };
    let st = s.rx.stats();
    let n = |v: usize| u32::try_from(v).unwrap_or(u32::MAX);
    s.stats = [
        n(st.size),
        n(st.bare_lf),
        n(st.bare_cr),
        n(st.unstuffed),
        n(st.long_lines),
        n(st.longest_line),
    ];
    s.stats.as_ptr()
}
