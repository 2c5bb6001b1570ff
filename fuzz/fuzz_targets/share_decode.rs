//! The share-link decoder on any string: it never panics, never inflates past 1 MiB, and what
//! decodes reads as a transcript (or not) and encodes back to a link that decodes to the same text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use smtp_sim_core::capture;
use smtp_sim_core::share::{decode, encode, MAX_TEXT};

fuzz_target!(|data: &[u8]| {
    let link = String::from_utf8_lossy(data);
    if let Ok(text) = decode(&link) {
        assert!(text.len() <= MAX_TEXT);
        assert_eq!(decode(&encode(&text)).as_deref(), Ok(text.as_str()));
        if let Some(t) = capture::read(&text) {
            let _ = capture::write(&t.lines, &t.meta, false);
            let _ = capture::steps(&t.lines);
        }
    }
});
