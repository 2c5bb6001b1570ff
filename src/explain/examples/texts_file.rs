//! Writes the texts file of one language to stdout (build.sh: `www/pkg/texts_<lang>.bin`, read by
//! the page's one-language wasm modules, which leave those texts out).
//!
//!     cargo run -q -p smtp-sim-explain --example texts_file -- en > www/pkg/texts_en.bin

#[cfg(not(feature = "texts-file"))]
use std::io::Write;

#[cfg(not(feature = "texts-file"))]
fn main() {
    let tag = std::env::args().nth(1).unwrap_or_default();
    let Some(lang) = smtp_sim_explain::Lang::parse(&tag) else {
        eprintln!("usage: texts_file en|pt-BR");
        std::process::exit(2);
    };
    let text = smtp_sim_explain::texts_file(lang);
    std::io::stdout()
        .write_all(text.as_bytes())
        .expect("stdout");
}

/// A `texts-file` build lacks the texts it would write.
#[cfg(feature = "texts-file")]
fn main() {
    eprintln!("texts_file: build it without the texts-file feature");
    std::process::exit(1);
}
