//! The command parser on any line (RFC 5321 §4.1): never a panic; the strict parser accepts
//! nothing the lenient one refuses; the grammar helpers take any text; the IPv6 literal check
//! accepts exactly what std's Ipv6Addr parser accepts.
#![no_main]

use libfuzzer_sys::fuzz_target;
use smtp_sim_core::command::{
    is_address_literal, is_domain, is_ipv6_address, is_xtext, split_verb, Command, Verb,
};

fuzz_target!(|data: &[u8]| {
    let strict = Command::parse(data);
    let lenient = Command::parse_lenient(data);
    if let Ok(c) = &strict {
        assert_eq!(lenient.as_ref().ok(), Some(c), "strict accepts, lenient differs");
        let _ = c.verb();
    }
    let (verb, _args) = split_verb(data);
    let _ = Verb::from_word(verb);
    let text = String::from_utf8_lossy(data);
    let _ = is_domain(&text);
    let _ = is_address_literal(&text);
    assert_eq!(
        is_ipv6_address(&text),
        text.parse::<std::net::Ipv6Addr>().is_ok(),
        "the IPv6 check and std differ"
    );
    let _ = is_xtext(&text);
});
