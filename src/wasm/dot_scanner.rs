//! `DotScanner`: the DATA receiver on its own, for pages and benchmarks that scan message content.

use wasm_bindgen::prelude::*;

use smtp_sim_core::data::{DataReceiver, DataStatus};

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
#[wasm_bindgen]
#[derive(Default)]
pub struct DotScanner {
    rx: DataReceiver,
}

#[wasm_bindgen]
impl DotScanner {
    /// A scanner at the start of message content (just after the CRLF of the DATA command).
    #[wasm_bindgen(constructor)]
    pub fn new() -> DotScanner {
        Self::default()
    }

    /// Scans a chunk. Returns −1 while the end of data has not been seen (the whole chunk was
    /// consumed); otherwise how many bytes of this chunk were consumed, terminator included.
    /// After the end, consumes nothing and returns 0.
    pub fn feed(&mut self, chunk: &[u8]) -> f64 {
        match self.rx.feed(chunk) {
            DataStatus::Incomplete => -1.0,
            DataStatus::Complete { consumed } => consumed as f64,
        }
    }

    /// Octets of unstuffed content held so far.
    #[wasm_bindgen(js_name = messageLength)]
    pub fn message_length(&self) -> usize {
        self.rx.message().len()
    }

    /// Takes the unstuffed content out; `messageLength()` is 0 afterwards.
    #[wasm_bindgen(js_name = takeMessage)]
    pub fn take_message(&mut self) -> Vec<u8> {
        self.rx.take_message()
    }

    /// True once the terminator has been seen.
    #[wasm_bindgen(js_name = isComplete)]
    pub fn is_complete(&self) -> bool {
        self.rx.is_complete()
    }
}
