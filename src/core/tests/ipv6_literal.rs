//! The IPv6 address-literal check (RFC 5321 §4.1.3, text forms of RFC 4291 §2.2) written by
//! hand accepts exactly what `std::net::Ipv6Addr`'s parser accepts, which it replaces.

use proptest::prelude::*;
use smtp_sim_core::command::{is_address_literal, is_ipv6_address};
use std::net::Ipv6Addr;

fn std_accepts(s: &str) -> bool {
    s.parse::<Ipv6Addr>().is_ok()
}

#[test]
fn fixed_cases_agree_with_std() {
    let cases: &[(&str, bool)] = &[
        ("::", true),
        ("::1", true),
        ("1::", true),
        ("2001:db8::1", true),
        ("2001:DB8:0:0:8:800:200C:417A", true),
        ("1:2:3:4:5:6:7:8", true),
        ("1:2:3:4:5:6:7::", true),
        ("::2:3:4:5:6:7:8", true),
        ("0000:0000:0000:0000:0000:0000:0000:0001", true),
        ("::ffff:192.0.2.1", true),
        ("::192.0.2.1", true),
        ("1:2:3:4:5:6:1.2.3.4", true),
        ("1::255.255.255.255", true),
        ("1:2:3:4:5::1.2.3.4", true),
        ("", false),
        (":", false),
        (":::", false),
        (":1::2", false),
        ("1::2:", false),
        (":1:2:3:4:5:6:7:8", false),
        ("1:2:3:4:5:6:7:8:", false),
        ("1:2:3:4:5:6:7", false),
        ("1:2:3:4:5:6:7:8:9", false),
        ("1:2:3:4:5:6:7:8::", false),
        ("::1:2:3:4:5:6:7:8", false),
        ("1::2::3", false),
        ("12345::", false),
        ("1:2:3:4:5:6:7:12345", false),
        ("fe80::1%eth0", false),
        ("fe80::1%1", false),
        ("::g", false),
        ("1:2:3:4:5:6:7:1.2.3.4", false),
        ("1:2:3:4:5:6::1.2.3.4", false),
        ("1.2.3.4::", false),
        ("1.2.3.4", false),
        ("::1.2.3", false),
        ("::1.2.3.4.5", false),
        ("::1.2.3.256", false),
        ("::01.2.3.4", false),
        ("::1.2.3.4:5", false),
        ("::0.0.0.0", true),
        (" ::1", false),
        ("::1 ", false),
        ("[::1]", false),
        ("::é", false),
    ];
    for &(text, want) in cases {
        assert_eq!(
            std_accepts(text),
            want,
            "std on {text:?}: the case's expectation is wrong"
        );
        assert_eq!(is_ipv6_address(text), want, "{text:?}");
        assert_eq!(
            is_address_literal(&format!("[IPv6:{text}]")),
            want,
            "[IPv6:{text}]"
        );
    }
}

/// Text built from IPv6's own pieces, so most of it is near-valid and the edges get hit.
fn near_ipv6() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => "[0-9a-fA-F]{1,5}",
        3 => Just(":".to_string()),
        2 => Just("::".to_string()),
        1 => "(0|[1-9][0-9]{0,3}|0[0-9]{1,2})(\\.(0|[1-9][0-9]{0,3}|0[0-9]{1,2})){2,4}",
        1 => Just(".".to_string()),
        1 => "[%g ]",
    ];
    prop::collection::vec(piece, 0..18).prop_map(|p| p.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4096))]

    #[test]
    fn near_ipv6_text_agrees_with_std(text in near_ipv6()) {
        prop_assert_eq!(is_ipv6_address(&text), std_accepts(&text), "{:?}", text);
    }

    #[test]
    fn any_text_agrees_with_std(text in "[0-9a-fA-F:.%]{0,45}") {
        prop_assert_eq!(is_ipv6_address(&text), std_accepts(&text), "{:?}", text);
    }

    #[test]
    fn every_address_std_writes_is_accepted(bits in any::<u128>(), v4 in any::<u32>()) {
        let addr = Ipv6Addr::from(bits);
        prop_assert!(is_ipv6_address(&addr.to_string()), "{}", addr);
        let mapped = std::net::Ipv4Addr::from(v4).to_ipv6_mapped();
        prop_assert!(is_ipv6_address(&mapped.to_string()), "{}", mapped);
        let full = addr.segments().map(|g| format!("{g:x}")).join(":");
        prop_assert!(is_ipv6_address(&full), "{}", full);
    }
}
