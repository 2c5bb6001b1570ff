//! Language tags, fault descriptions and persona names on any text: never a panic; a fault that
//! parses writes one well-formed reply line, never two (issue 8, defect 10).
#![no_main]

use libfuzzer_sys::fuzz_target;
use smtp_sim_core::reply::ReplyParser;
use smtp_sim_core::server::{Persona, State};
use smtp_sim_core::sim::parse_fault;
use smtp_sim_explain::Lang;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Some(lang) = Lang::parse(&text) {
        assert_eq!(Lang::parse(lang.tag()), Some(lang));
    }
    if let Some(p) = Persona::from_name(&text) {
        assert_eq!(Persona::from_name(p.name()), Some(p));
    }
    let _ = State::from_name(&text);
    if let Ok(fault) = parse_fault(&text) {
        let wire = fault.reply.to_bytes();
        let mut p = ReplyParser::new();
        p.feed(&wire);
        let first = p.next_reply();
        assert!(matches!(first, Some(Ok(_))), "{text:?} wrote {wire:?}: {first:?}");
        assert!(p.next_reply().is_none() && !p.has_partial(), "{text:?} wrote {wire:?}");
    }
});
