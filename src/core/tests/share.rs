//! Share links (`share`): the codec's round trip, its choice of codec, and a table of every way
//! a tampered or truncated link fails — each a named error, never a panic.
#![cfg(feature = "share")]

use proptest::prelude::*;
use smtp_sim_core::base64::encode_url;
use smtp_sim_core::share::{
    decode, encode, encode_with, payload_of, url, Codec, ShareError, MAX_TEXT,
};

/// A typical ten-command session as the page exports it (shared with the CLI's tests).
const SESSION: &str = include_str!("../../../tests/fixtures/export.smtp");

#[test]
fn a_session_is_deflated_when_that_is_shorter() {
    let link = encode(SESSION);
    assert!(link.starts_with("1.z."), "{link}");
    let t = encode_with(SESSION, Codec::Text);
    assert!(link.len() < t.len(), "z {} vs t {}", link.len(), t.len());
    assert_eq!(decode(&link).unwrap(), SESSION);
    assert_eq!(decode(&t).unwrap(), SESSION);
}

#[test]
fn a_short_text_stays_plain() {
    let text = "%smtp-transcript 1\nC: NOOP\n";
    assert!(encode(text).starts_with("1.t."));
    assert_eq!(decode(&encode(text)).unwrap(), text);
}

#[test]
fn urls_keep_their_base_and_drop_its_fragment() {
    assert!(url("index.html", SESSION).starts_with("index.html#s=1.z."));
    let u = url("https://example.test/sim/?lang=pt-BR#old", SESSION);
    assert!(
        u.starts_with("https://example.test/sim/?lang=pt-BR#s=1.z."),
        "{u}"
    );
    for form in [
        u.clone(),
        format!("#s={}", encode(SESSION)),
        encode(SESSION),
    ] {
        assert_eq!(decode(&form).unwrap(), SESSION, "{form}");
    }
    assert_eq!(payload_of("x.html#s=1.t.QQ&lang=en"), "1.t.QQ");
}

#[test]
fn every_bad_link_is_a_named_error() {
    let z = encode_with(SESSION, Codec::Deflate);
    let deflated = smtp_sim_core::base64::decode_url(z.strip_prefix("1.z.").unwrap()).unwrap();
    let truncated = format!("1.z.{}", encode_url(&deflated[..deflated.len() / 2]));
    // 2 MiB of one byte deflates to a couple of kilobytes: a bomb for a careless inflater.
    let bomb = format!(
        "1.z.{}",
        encode_url(&miniz_oxide_compress(&vec![b'a'; 2 * MAX_TEXT]))
    );
    assert!(bomb.len() < 10_000, "{}", bomb.len());
    let big_t = format!("1.t.{}", encode_url(&vec![b'a'; MAX_TEXT + 1]));
    let rows: Vec<(&str, String, ShareError)> = vec![
        ("empty", String::new(), ShareError::Shape),
        ("no codec", "1".into(), ShareError::Shape),
        ("no payload", "1.t".into(), ShareError::Shape),
        (
            "bad version",
            "2.t.QQ".into(),
            ShareError::Version("2".into()),
        ),
        (
            "version 0",
            "0.z.QQ".into(),
            ShareError::Version("0".into()),
        ),
        ("bad codec", "1.x.QQ".into(), ShareError::Codec("x".into())),
        (
            "codec word",
            "1.gz.QQ".into(),
            ShareError::Codec("gz".into()),
        ),
        ("padding", "1.t.QQ==".into(), ShareError::Base64),
        ("standard alphabet", "1.t.+/8".into(), ShareError::Base64),
        ("lone character", "1.t.QUJDR".into(), ShareError::Base64),
        ("stray bits", "1.t.QR".into(), ShareError::Base64),
        ("bad base64 in z", "1.z.*".into(), ShareError::Base64),
        ("not deflate", "1.z.____".into(), ShareError::Deflate),
        ("truncated deflate", truncated, ShareError::Deflate),
        ("empty deflate", "1.z.".into(), ShareError::Deflate),
        ("deflate bomb", bomb, ShareError::TooLarge),
        ("text over 1 MiB", big_t, ShareError::TooLarge),
        ("not UTF-8", "1.t._w".into(), ShareError::NotUtf8),
    ];
    for (name, link, want) in rows {
        assert_eq!(decode(&link), Err(want.clone()), "{name}: {link:.60}");
        assert!(!want.to_string().is_empty());
    }
}

fn miniz_oxide_compress(bytes: &[u8]) -> Vec<u8> {
    // The same raw DEFLATE the codec writes, reached through it: a `z` link of the text.
    let link = encode_with(std::str::from_utf8(bytes).unwrap(), Codec::Deflate);
    smtp_sim_core::base64::decode_url(link.strip_prefix("1.z.").unwrap()).unwrap()
}

proptest! {
    #[test]
    fn any_text_round_trips(text in "\\PC{0,300}") {
        prop_assert_eq!(decode(&encode(&text)).unwrap(), text.clone());
        prop_assert_eq!(decode(&encode_with(&text, Codec::Text)).unwrap(), text.clone());
        prop_assert_eq!(decode(&encode_with(&text, Codec::Deflate)).unwrap(), text);
    }

    #[test]
    fn any_string_decodes_or_fails_cleanly(s in "(1\\.[tz]\\.)?[A-Za-z0-9_=+/.-]{0,200}") {
        let _ = decode(&s);
    }
}
