//! The real-reply explainer (page and `smtp-sim explain`) on any pasted text, with or without
//! the command it answered, in both languages: never a panic (issue 8: `>J\xc4\xaa` once was).
#![no_main]

use libfuzzer_sys::fuzz_target;
use smtp_sim_explain::{enhanced_str, explain_text, lookup, read_pasted, Lang};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    // An optional command before the first NUL: `RCPT\0550 5.1.1 x`.
    let (command, pasted) = match text.split_once('\0') {
        Some((c, p)) => (Some(c), p),
        None => (None, &*text),
    };
    let _ = read_pasted(pasted);
    for lang in [Lang::En, Lang::PtBr] {
        let _ = explain_text(pasted, command, lang);
        let _ = lookup(pasted, lang);
        let _ = enhanced_str(pasted, lang);
    }
});
