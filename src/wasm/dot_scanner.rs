//! `DotScanner`: the DATA receiver on its own, for pages and benchmarks that scan message content.
//!
//! Two ways in and out. `feed(bytes)` / `takeMessage()` copy across the boundary (wasm-bindgen
//! allocates, copies and frees for every chunk; the message comes back as a fresh array): simple,
//! and right for small inputs. For bulk content, `inputBuffer(len)` / `feedInput(len)` let JS
//! write each chunk straight into a region of wasm memory the scanner owns, and `messageView()`
//! reads the message where it lies: one copy in, none out (bench/RESULTS.md has the numbers).
//!
//! This class serves the page (the client mode's message preview, with the engine's trap
//! recovery). For bulk content, `www/scanner.js` has the same calls on the same scanner in a
//! small module of its own, built at opt-level 3 with SIMD: several times faster. The page calls
//! only `feed` and `takeMessage`: the first-load modules have nothing else (feature `script-api`).

#[cfg(feature = "script-api")]
use js_sys::Uint8Array;
use wasm_bindgen::prelude::*;

use smtp_sim_core::data::{DataReceiver, DataStatus};

#[cfg(feature = "script-api")]
use crate::shared::js_error;

/// The DATA receiver on its own: finds the end of data (`CRLF . CRLF`) and removes stuffing dots
/// (RFC 5321 §4.5.2: `..x` → `.x`, `.x` → `x`). The CRLF before the final dot belongs to the
/// message; bare LF never ends it.
///
/// ```js
/// const d = new DotScanner();
/// d.feed(enc.encode("Hi\r\n..dot\r\n")); // -1: not ended yet
/// d.feed(enc.encode(".\r\nQUIT\r\n"));   // 3: the terminator; "QUIT\r\n" is not consumed
/// d.takeMessage();                      // "Hi\r\n.dot\r\n"
/// ```
///
/// Without copies at the boundary (bulk content):
///
/// ```js
/// const d = new DotScanner();
/// let region = d.inputBuffer(65536);
/// for (const chunk of chunks) {
///   // A view of wasm memory is detached (length 0) when the memory grows: ask again then.
///   if (region.length < chunk.length) region = d.inputBuffer(chunk.length);
///   region.set(chunk);
///   if (d.feedInput(chunk.length) >= 0) break;
/// }
/// const body = d.messageView(); // valid until the next call into the module
/// ```
#[wasm_bindgen]
#[derive(Default)]
pub struct DotScanner {
    rx: DataReceiver,
    /// The input region JS writes chunks into (`inputBuffer`), scanned by `feedInput`. It moves
    /// only when `inputBuffer` asks for more than it holds.
    #[cfg(feature = "script-api")]
    input: Vec<u8>,
}

/// −1 while the end has not been seen, else the octets of the chunk consumed.
fn status(s: DataStatus) -> f64 {
    match s {
        DataStatus::Incomplete => -1.0,
        DataStatus::Complete { consumed } => consumed as f64,
    }
}

#[wasm_bindgen]
impl DotScanner {
    /// A scanner at the start of message content (just after the CRLF of the DATA command).
    #[wasm_bindgen(constructor)]
    pub fn new() -> DotScanner {
        Self::default()
    }

    /// Scans a chunk (copied into wasm memory by the glue). Returns −1 while the end of data has
    /// not been seen (the whole chunk was consumed); otherwise how many bytes of this chunk were
    /// consumed, terminator included. After the end, consumes nothing and returns 0.
    pub fn feed(&mut self, chunk: &[u8]) -> f64 {
        status(self.rx.feed(chunk))
    }

    /// A view of the first `len` octets of the scanner's input region in wasm memory, grown to
    /// at least `len` octets if smaller: write a chunk into it (`view.set(chunk)`), then call
    /// `feedInput(chunk.length)`. The region stays where it is until a later call asks for more
    /// than it holds; a view of it is detached (its length becomes 0) whenever wasm memory grows
    /// (any call may grow it), so check `view.length` before writing, and ask again when short.
    #[cfg(feature = "script-api")]
    #[wasm_bindgen(js_name = inputBuffer)]
    pub fn input_buffer(&mut self, len: usize) -> Uint8Array {
        if self.input.len() < len {
            // A fresh region: the old contents need not be kept (nor copied by a realloc).
            self.input = Vec::new();
            self.input = vec![0; len];
        }
        // SAFETY: the view covers memory this scanner owns; it is only read or written by JS
        // before the next call into the module, as documented (growth detaches it).
        unsafe { Uint8Array::view(&self.input[..len]) }
    }

    /// Scans the first `len` octets of the input region (what JS wrote through `inputBuffer`),
    /// exactly as `feed` scans a chunk: −1 while the end of data has not been seen, otherwise the
    /// octets of this chunk consumed, terminator included. Throws when `len` is larger than the
    /// region.
    #[cfg(feature = "script-api")]
    #[wasm_bindgen(js_name = feedInput)]
    pub fn feed_input(&mut self, len: usize) -> Result<f64, js_sys::Error> {
        let Some(chunk) = self.input.get(..len) else {
            return Err(js_error(
                "DotScanner.feedInput: len is larger than the input region (call inputBuffer(len) first)",
            ));
        };
        Ok(status(self.rx.feed(chunk)))
    }

    /// Octets of unstuffed content held so far.
    #[cfg(feature = "script-api")]
    #[wasm_bindgen(js_name = messageLength)]
    pub fn message_length(&self) -> usize {
        self.rx.message().len()
    }

    /// The unstuffed content held so far, as a view of wasm memory: no copy. Valid until the next
    /// call into the module (a feed may move the message, and growth detaches the view); copy it
    /// (`view.slice()`) to keep it, or use `takeMessage()`.
    #[cfg(feature = "script-api")]
    #[wasm_bindgen(js_name = messageView)]
    pub fn message_view(&self) -> Uint8Array {
        // SAFETY: the view covers the receiver's message, read by JS before the next call into
        // the module, as documented.
        unsafe { Uint8Array::view(self.rx.message()) }
    }

    /// Takes the unstuffed content out as a fresh copy; `messageLength()` is 0 afterwards.
    #[wasm_bindgen(js_name = takeMessage)]
    pub fn take_message(&mut self) -> Vec<u8> {
        self.rx.take_message()
    }

    /// True once the terminator has been seen.
    #[cfg(feature = "script-api")]
    #[wasm_bindgen(js_name = isComplete)]
    pub fn is_complete(&self) -> bool {
        self.rx.is_complete()
    }
}
