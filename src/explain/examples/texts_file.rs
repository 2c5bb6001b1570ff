//! Writes the two texts files of one language into a directory (build.sh: `www/pkg/texts_<lang>.bin`
//! and `texts_<lang>_rare.bin`, read by the page's one-language wasm modules, which leave those
//! texts out).
//!
//!     cargo run -q -p smtp-sim-explain --example texts_file -- en www/pkg

#[cfg(not(feature = "texts-file"))]
use std::io::Write;

#[cfg(not(feature = "texts-file"))]
fn main() {
    let tag = std::env::args().nth(1).unwrap_or_default();
    let dir = std::env::args().nth(2);
    let (Some(lang), Some(dir)) = (smtp_sim_explain::Lang::parse(&tag), dir) else {
        eprintln!("usage: texts_file en|pt-BR DIR");
        std::process::exit(2);
    };
    let [first, rare] = smtp_sim_explain::texts_files(lang);
    for (name, text) in [("", first), ("_rare", rare)] {
        let path = format!("{dir}/texts_{}{name}.bin", lang.tag());
        std::fs::File::create(&path)
            .and_then(|mut f| f.write_all(text.as_bytes()))
            .expect("the texts file");
    }
}

/// A `texts-file` build lacks the texts it would write.
#[cfg(feature = "texts-file")]
fn main() {
    eprintln!("texts_file: build it without the texts-file feature");
    std::process::exit(1);
}
