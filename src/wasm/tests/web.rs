//! The JS contract of the wasm adapter, checked in headless Chromium (wasm-bindgen-test): the
//! objects a page receives, read back through `Reflect` exactly as JavaScript would see them.
//!
//! Run: `CHROMEDRIVER=/usr/bin/chromedriver
//! CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner
//! cargo test --target wasm32-unknown-unknown --test web` (or `./build.sh test`).
#![cfg(target_arch = "wasm32")]

use js_sys::{Array, Object, Reflect, Uint8Array};
use smtp_sim_wasm::server_session::SessionOptions;
use smtp_sim_wasm::shared::MessageForm;
use smtp_sim_wasm::{
    catalog_labels, explain_code, explain_enhanced, ClientRole, DotScanner, ServerSession,
    Simulation,
};
use tsify::Ts;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn get(obj: &JsValue, key: &str) -> JsValue {
    Reflect::get(obj, &JsValue::from_str(key)).expect("readable property")
}

fn string(obj: &JsValue, key: &str) -> String {
    get(obj, key)
        .as_string()
        .unwrap_or_else(|| panic!("{key} is a string"))
}

fn options(pairs: &[(&str, &str)]) -> Ts<SessionOptions> {
    let obj = Object::new();
    for (k, v) in pairs {
        Reflect::set(&obj, &JsValue::from_str(k), &JsValue::from_str(v)).unwrap();
    }
    Ts::new_unchecked(obj.into())
}

fn events(exchange: &JsValue) -> Vec<JsValue> {
    Array::from(&get(exchange, "events")).iter().collect()
}

/// The reply codes in an exchange, in order.
fn codes(exchange: &JsValue) -> Vec<u16> {
    events(exchange)
        .iter()
        .filter(|e| string(e, "type") == "Reply")
        .map(|e| get(&get(e, "reply"), "code").as_f64().unwrap() as u16)
        .collect()
}

fn session() -> ServerSession {
    ServerSession::new(Some(options(&[
        ("persona", "Strict"),
        ("hostname", "mx.web.test"),
        ("language", "en"),
    ])))
    .map_err(JsValue::from)
    .expect("valid options")
}

#[wasm_bindgen_test]
fn greeting_is_a_220_reply_object() {
    let mut s = session();
    let ex: JsValue = s.poll().unwrap().into();
    assert_eq!(codes(&ex), [220]);
    assert_eq!(get(&events(&ex)[0], "id").as_f64(), Some(0.0));
    assert_eq!(string(&events(&ex)[0], "answers"), "CONNECT");
    let reply = get(&events(&ex)[0], "reply");
    assert!(
        get(&reply, "enhanced").is_null(),
        "no enhanced code in a greeting"
    );
    assert_eq!(
        Array::from(&get(&reply, "lines"))
            .get(0)
            .as_string()
            .unwrap(),
        "mx.web.test ESMTP smtp-sim"
    );
    assert_eq!(string(&reply, "wire"), "220 mx.web.test ESMTP smtp-sim\r\n");
    assert_eq!(string(&ex, "output"), "220 mx.web.test ESMTP smtp-sim\r\n");
    assert_eq!(string(&ex, "state"), "Connected");
    assert_eq!(get(&ex, "closed").as_bool(), Some(false));
    // Nothing more until the client speaks.
    assert!(codes(&s.poll().unwrap().into()).is_empty());
}

#[wasm_bindgen_test]
fn a_session_through_data_and_quit() {
    let mut s = session();
    s.poll().unwrap();
    let mut send = |line: &str| -> JsValue { s.send_line(line).unwrap().into() };

    let ehlo = send("EHLO client.web.test");
    assert_eq!(codes(&ehlo), [250]);
    assert_eq!(string(&ehlo, "state"), "Ready");
    let reply = get(&events(&ehlo)[1], "reply");
    assert!(
        Array::from(&get(&reply, "lines")).length() > 1,
        "EHLO reply lists extensions"
    );
    assert!(string(&reply, "wire").starts_with("250-mx.web.test"));
    assert!(events(&ehlo)
        .iter()
        .any(|e| string(e, "type") == "Command" && string(e, "prompt") == "EHLO"));

    assert_eq!(codes(&send("MAIL FROM:<alice@web.test>")), [250]);
    assert_eq!(codes(&send("RCPT TO:<bob@web.test>")), [250]);
    let data = send("DATA");
    assert_eq!(codes(&data), [354]);
    assert_eq!(string(&data, "state"), "Data");
    assert!(events(&data)
        .iter()
        .any(|e| string(e, "type") == "StateChanged" && string(e, "to") == "Data"));

    assert!(codes(&send("Subject: hi")).is_empty());
    assert!(codes(&send("")).is_empty());
    assert!(codes(&send("..leading dot")).is_empty());
    let end = send(".");
    assert_eq!(codes(&end), [250]);
    let message = events(&end)
        .into_iter()
        .find(|e| string(e, "type") == "MessageReceived")
        .expect("a message event after the end of data");
    assert_eq!(string(&message, "reversePath"), "alice@web.test");
    assert_eq!(
        Array::from(&get(&message, "recipients"))
            .get(0)
            .as_string()
            .unwrap(),
        "bob@web.test"
    );
    let content = get(&message, "content");
    assert!(content.is_instance_of::<Uint8Array>(), "content is bytes");
    assert_eq!(
        Uint8Array::from(content).to_vec(),
        b"Subject: hi\r\n\r\n.leading dot\r\n"
    );

    let quit = send("QUIT");
    assert_eq!(codes(&quit), [221]);
    let bye = JsValue::from(s.explain(last_id(&quit)).unwrap());
    let text = string(&get(&bye, "context"), "text");
    assert!(
        text.starts_with("You said QUIT"),
        "the reader typed it: {text}"
    );
    assert_eq!(string(&quit, "state"), "Closed");
    assert_eq!(get(&quit, "closed").as_bool(), Some(true));
    assert!(s.closed());
}

#[wasm_bindgen_test]
fn out_of_order_rcpt_gets_503_and_the_session_goes_on() {
    let mut s = session();
    s.poll().unwrap();
    s.send_line("EHLO client.web.test").unwrap();
    let ex: JsValue = s.send_line("RCPT TO:<bob@web.test>").unwrap().into();
    assert_eq!(codes(&ex), [503]);
    assert_eq!(string(&ex, "state"), "Ready");
    let ex: JsValue = s.send_line("MAIL FROM:<a@web.test>").unwrap().into();
    assert_eq!(codes(&ex), [250]);
}

#[wasm_bindgen_test]
fn raw_bytes_split_anywhere_and_reset() {
    let mut s = session();
    s.poll().unwrap();
    let a: JsValue = s.send_bytes(b"EHLO spl").unwrap().into();
    assert!(codes(&a).is_empty(), "no reply to half a line");
    let b: JsValue = s.send_bytes(b"it.test\r\nNOOP\r\n").unwrap().into();
    assert_eq!(codes(&b), [250, 250], "pipelined lines answered in order");
    s.reset();
    let ex: JsValue = s.poll().unwrap().into();
    assert_eq!(codes(&ex), [220]);
    assert_eq!(get(&events(&ex)[0], "id").as_f64(), Some(0.0));
    assert_eq!(string(&ex, "state"), "Connected");
}

#[wasm_bindgen_test]
fn bad_options_throw_errors() {
    for (field, bad) in [
        ("persona", "paranoid"),
        ("persona", "strict"),
        ("language", "fr"),
        // Issue 8: these once sliced inside the é and trapped the module.
        ("language", "ené"),
        ("language", "café"),
        ("hostname", "has space"),
        ("hostname", "mx.exämple.test"),
    ] {
        let err = ServerSession::new(Some(options(&[(field, bad)])))
            .err()
            .expect("rejected");
        let err = JsValue::from(err);
        assert!(err.is_instance_of::<js_sys::Error>());
        let message = string(&err, "message");
        let named = format!("smtp-sim: options.{field}: ");
        assert!(message.starts_with(&named), "{message}");
    }
    assert!(ServerSession::new(None).is_ok(), "options are optional");
    assert!(
        ServerSession::new(Some(options(&[("hostname", "[192.0.2.1]")]))).is_ok(),
        "an address literal is a name a server may give itself"
    );
}

#[wasm_bindgen_test]
fn dot_scanner_whole_input() {
    let mut d = DotScanner::new();
    assert_eq!(d.feed(b"Hi\r\n..dot\r\n.x\r\n.\r\nQUIT\r\n"), 18.0);
    assert!(d.is_complete());
    assert_eq!(d.message_length(), 13);
    assert_eq!(d.take_message(), b"Hi\r\n.dot\r\nx\r\n");
}

#[wasm_bindgen_test]
fn dot_scanner_terminator_split_across_chunks() {
    let input: &[u8] = b"line one\r\n..two\r\n.\r\nNEXT";
    let body: &[u8] = b"line one\r\n.two\r\n";
    // Every split point, the CRLF.CRLF terminator's own bytes included.
    for cut in 0..=input.len() {
        let mut d = DotScanner::new();
        let (a, b) = input.split_at(cut);
        let first = d.feed(a);
        let total = if first < 0.0 {
            let second = d.feed(b);
            assert!(second >= 0.0, "ended in the second chunk (cut {cut})");
            a.len() + second as usize
        } else {
            first as usize
        };
        assert_eq!(total, input.len() - 4, "NEXT is not consumed (cut {cut})");
        assert_eq!(d.take_message(), body, "cut {cut}");
    }
    // And byte by byte.
    let mut d = DotScanner::new();
    let mut results = Vec::new();
    for byte in input {
        results.push(d.feed(std::slice::from_ref(byte)));
    }
    let end = results.iter().position(|r| *r >= 0.0).unwrap();
    assert_eq!(end, input.len() - 5, "the terminator's LF ends it");
    assert_eq!(results[end], 1.0);
    assert!(results[end + 1..].iter().all(|r| *r == 0.0));
}

#[wasm_bindgen_test]
fn dot_scanner_after_the_end_and_take() {
    let mut d = DotScanner::new();
    assert_eq!(d.feed(b"a\r\n"), -1.0);
    assert_eq!(d.message_length(), 3);
    assert_eq!(d.feed(b".\r\n"), 3.0);
    assert_eq!(
        d.feed(b"more\r\n.\r\n"),
        0.0,
        "nothing consumed after the end"
    );
    assert_eq!(d.message_length(), 3);
    assert_eq!(d.take_message(), b"a\r\n");
    assert_eq!(d.message_length(), 0, "takeMessage empties it");
    assert!(d.take_message().is_empty());
}

#[wasm_bindgen_test]
fn dot_scanner_bare_lf_does_not_end_and_empty_body() {
    let mut d = DotScanner::new();
    assert_eq!(d.feed(b"a\n.\nb\r\n"), -1.0, "LF . LF is not the end");
    assert_eq!(d.feed(b".\r\n"), 3.0);
    assert_eq!(d.take_message(), b"a\n.\nb\r\n");

    let mut d = DotScanner::new();
    assert_eq!(d.feed(b".\r\n"), 3.0, "a lone dot first is an empty body");
    assert_eq!(d.message_length(), 0);
}

/// Scans `wire` in chunks of `chunk` octets through `feed` / `takeMessage` (copies at the
/// boundary): every feed's result, and the message.
fn scan_copying(wire: &[u8], chunk: usize) -> (Vec<f64>, Vec<u8>) {
    let mut d = DotScanner::new();
    let results = wire.chunks(chunk).map(|c| d.feed(c)).collect();
    (results, d.take_message())
}

/// The same through the input region and the message view, as the documented JS loop does it:
/// the region starts at `region` octets, is asked for again when shorter than a chunk (or
/// detached by memory growth: its length is then 0), and the message is read as a view.
fn scan_in_place(wire: &[u8], chunk: usize, region: usize) -> (Vec<f64>, Vec<u8>) {
    let (results, message, _) = scan_in_place_counting(wire, chunk, region);
    (results, message)
}

/// [`scan_in_place`], also counting the views found detached by memory growth.
fn scan_in_place_counting(wire: &[u8], chunk: usize, region: usize) -> (Vec<f64>, Vec<u8>, usize) {
    let mut d = DotScanner::new();
    let mut view = d.input_buffer(region);
    let mut results = Vec::new();
    let mut detached = 0;
    for c in wire.chunks(chunk) {
        if (view.length() as usize) < c.len() {
            detached += usize::from(view.length() == 0);
            view = d.input_buffer(c.len());
        }
        view.subarray(0, c.len() as u32).copy_from(c);
        results.push(d.feed_input(c.len()).expect("len within the region"));
    }
    (results, d.message_view().to_vec(), detached)
}

/// Mail-like content with every case the scanner treats specially: stuffed dots, a dot alone on
/// a line early, bare CR and bare LF, long lines, then the terminator and bytes after it.
fn scanner_corpus(lines: usize) -> Vec<u8> {
    let mut seed: u32 = 12;
    let mut next = move || {
        seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
        seed >> 16
    };
    let mut wire = Vec::new();
    for _ in 0..lines {
        match next() % 8 {
            0 => wire.extend_from_slice(b".."),
            1 => wire.extend_from_slice(b"..."),
            2 => wire.push(b'\r'),
            3 => wire.extend_from_slice(b"a\nb\n.\n"),
            _ => {}
        }
        let len = (next() % 300) as usize;
        wire.extend((0..len).map(|k| b"abc .\r xyz"[k % 10]));
        wire.extend_from_slice(b"\r\n");
    }
    wire.extend_from_slice(b".\r\nQUIT\r\n");
    wire
}

#[wasm_bindgen_test]
fn dot_scanner_in_place_matches_copying_for_every_chunking() {
    let wire = scanner_corpus(200);
    let (whole, message) = scan_copying(&wire, wire.len());
    assert_eq!(whole, [(wire.len() - 6) as f64], "QUIT is not consumed");
    assert!(message.len() > 1000);
    // 1-octet chunks, every small size, sizes around the 64-octet blocks, the whole at once;
    // regions smaller than the chunks (grown on demand), equal, and larger.
    let chunks = (1..=70).chain([127, 128, 129, 1000, 4096, wire.len()]);
    for chunk in chunks {
        let copying = scan_copying(&wire, chunk);
        for region in [1, chunk, chunk + 100] {
            assert_eq!(
                scan_in_place(&wire, chunk, region),
                copying,
                "chunk {chunk}, region {region}"
            );
        }
    }
}

#[wasm_bindgen_test]
fn dot_scanner_in_place_survives_memory_growth() {
    // Megabytes of message grow wasm memory while the loop holds a view of the region: the
    // detached view (length 0) is asked for again, and the output stays identical.
    let wire = scanner_corpus(40_000);
    assert!(wire.len() > 4 << 20, "{} octets", wire.len());
    let copying = scan_copying(&wire, 65_536);
    let (results, message, detached) = scan_in_place_counting(&wire, 65_536, 65_536);
    assert!(detached > 0, "memory grew while a view was held");
    assert_eq!((results, message), copying);
    assert_eq!(
        scan_in_place(&wire, 65_536, 4096),
        copying,
        "chunks larger than the region"
    );
}

#[wasm_bindgen_test]
fn dot_scanner_feed_input_beyond_the_region_throws() {
    let mut d = DotScanner::new();
    let view = d.input_buffer(4);
    assert_eq!(view.length(), 4);
    view.copy_from(b"a\r\n.");
    let e = d.feed_input(5).expect_err("5 octets of a 4-octet region");
    let m = string(&e.into(), "message");
    assert!(m.starts_with("smtp-sim: DotScanner.feedInput"), "{m}");
    assert_eq!(d.message_length(), 0, "nothing was scanned");
    assert_eq!(d.feed_input(4).unwrap(), -1.0);
    assert_eq!(
        d.input_buffer(2).length(),
        2,
        "a smaller view of the same region"
    );
    d.input_buffer(2).copy_from(b"\r\n");
    assert_eq!(d.feed_input(2).unwrap(), 2.0);
    assert_eq!(d.message_view().to_vec(), b"a\r\n");
    assert_eq!(
        d.take_message(),
        b"a\r\n",
        "the copying convenience still works"
    );
    assert_eq!(d.message_view().length(), 0);
}

fn lang<T: tsify::Tsify>(tag: &str) -> Ts<T> {
    Ts::new_unchecked(JsValue::from_str(tag))
}

/// The id of the last reply in an exchange.
fn last_id(exchange: &JsValue) -> usize {
    let reply = events(exchange)
        .into_iter()
        .filter(|e| string(e, "type") == "Reply")
        .last()
        .expect("a reply");
    get(&reply, "id").as_f64().unwrap() as usize
}

#[wasm_bindgen_test]
fn explanations_follow_the_command_state_and_language() {
    let mut s = session();
    let greeting: JsValue = s.poll().unwrap().into();
    let hello = JsValue::from(s.explain(last_id(&greeting)).unwrap());
    assert_eq!(string(&hello, "answers"), "CONNECT");
    assert!(!string(&get(&hello, "entry"), "name").is_empty());

    s.send_line("EHLO client.web.test").unwrap();
    s.send_line("MAIL FROM:<alice@web.test>").unwrap();
    s.send_line("RCPT TO:<bob@web.test>").unwrap();
    let data: JsValue = s.send_line("DATA").unwrap().into();
    let ex = JsValue::from(s.explain(last_id(&data)).unwrap());
    assert_eq!(string(&ex, "language"), "en");
    assert_eq!(string(&ex, "answers"), "DATA");
    assert_eq!(string(&ex, "before"), "Rcpt");
    assert_eq!(get(&get(&ex, "reply"), "code").as_f64(), Some(354.0));
    let entry = get(&ex, "entry");
    assert_eq!(get(&entry, "code").as_f64(), Some(354.0));
    assert_eq!(get(&get(&entry, "class"), "digit").as_f64(), Some(3.0));
    assert!(Array::from(&get(&entry, "rfc")).length() > 0);
    assert!(Array::is_array(&get(&entry, "producedBy")));
    assert!(Array::is_array(&get(&entry, "inTheWild")));
    let context = get(&ex, "context");
    assert_eq!(get(&context, "specific").as_bool(), Some(true));
    let english = string(&context, "text");

    s.send_line("Hello").unwrap();
    let end: JsValue = s.send_line(".").unwrap().into();
    let ex = JsValue::from(s.explain(last_id(&end)).unwrap());
    assert_eq!(
        string(&ex, "answers"),
        "END-OF-DATA",
        "the reply answers the end of data"
    );
    assert_eq!(string(&ex, "before"), "Data");
    let enhanced = get(&ex, "enhanced");
    assert_eq!(string(&enhanced, "text"), "2.0.0");
    assert_eq!(get(&get(&enhanced, "class"), "value").as_f64(), Some(2.0));

    s.set_language(lang("pt-BR")).unwrap();
    let ex = JsValue::from(s.explain(last_id(&data)).unwrap());
    assert_eq!(string(&ex, "language"), "pt-BR");
    assert_ne!(string(&get(&ex, "context"), "text"), english);
    assert!(s.set_language(lang("xx")).is_err());
    assert!(s.explain(999).is_err(), "an unknown id throws");
}

#[wasm_bindgen_test]
fn catalogue_lookups() {
    let en = JsValue::from(explain_code(221, lang("en")).unwrap());
    let pt = JsValue::from(explain_code(221, lang("pt-BR")).unwrap());
    assert_eq!(string(&en, "language"), "en");
    assert_eq!(string(&pt, "language"), "pt-BR");
    assert_ne!(string(&en, "description"), string(&pt, "description"));
    assert!(JsValue::from(explain_code(299, lang("en")).unwrap()).is_null());
    let e = JsValue::from(explain_enhanced("5.1.1", lang("en")).unwrap());
    assert_eq!(get(&get(&e, "subject"), "value").as_f64(), Some(1.0));
    assert!(JsValue::from(explain_enhanced("nope", lang("en")).unwrap()).is_null());
    let labels = JsValue::from(catalog_labels(lang("pt-BR")).unwrap());
    assert_eq!(string(&labels, "fix"), "Como corrigir");
    assert!(explain_code(250, lang("fr")).is_err());
}

// ---- the simulated client: "Watch" (Simulation) and "You are the server" (ClientRole) ----

fn form(to: &[&str], faults: &[&str]) -> Ts<MessageForm> {
    let obj = Object::new();
    let strings = |v: &[&str]| -> Array { v.iter().map(|s| JsValue::from_str(s)).collect() };
    Reflect::set(&obj, &"to".into(), &strings(to)).unwrap();
    Reflect::set(&obj, &"faults".into(), &strings(faults)).unwrap();
    Reflect::set(&obj, &"subject".into(), &"Web".into()).unwrap();
    Reflect::set(&obj, &"body".into(), &"Hi\n.dot\n".into()).unwrap();
    Ts::new_unchecked(obj.into())
}

fn statuses(outcome: &JsValue) -> Vec<String> {
    Array::from(&get(outcome, "recipients"))
        .iter()
        .map(|r| string(&r, "status"))
        .collect()
}

#[wasm_bindgen_test]
fn a_simulation_stepped_to_the_end() {
    let mut sim = Simulation::new(Some(form(&["b@web.test", "c@web.test"], &[])))
        .map_err(JsValue::from)
        .unwrap();
    let mut server_codes = Vec::new();
    let mut client_lines = String::new();
    let mut steps = 0;
    let mut messages = 0;
    while !sim.is_done() {
        steps += 1;
        assert!(steps < 50, "the simulation ends by itself");
        for e in sim.step().unwrap().into_iter().map(JsValue::from) {
            let value = get(&e, "value");
            match string(&e, "type").as_str() {
                // The server's events reach a step as they reach a session's exchange: the
                // message's bytes are a Uint8Array there too.
                "Server" if string(&value, "type") == "MessageReceived" => {
                    messages += 1;
                    let content = get(&value, "content");
                    assert!(content.is_instance_of::<Uint8Array>(), "content is bytes");
                    assert!(Uint8Array::from(content).length() > 0);
                    assert_eq!(string(&value, "reversePath"), "alice@client.example.test");
                }
                "Server" if string(&value, "type") == "Reply" => {
                    let code = get(&get(&value, "reply"), "code").as_f64().unwrap() as u16;
                    server_codes.push(code);
                    let id = get(&value, "id").as_f64().unwrap() as usize;
                    let ex = JsValue::from(sim.explain(id).unwrap());
                    assert!(!get(&ex, "entry").is_null(), "every reply has an entry");
                }
                "Wire" if string(&value, "from") == "Client" => {
                    client_lines += &string(&value, "text")
                }
                _ => {}
            }
        }
    }
    assert_eq!(server_codes, [220, 250, 250, 250, 250, 354, 250, 221]);
    assert_eq!(messages, 1, "one message delivered");
    // The simulated client said QUIT, not the reader: the sentence says so.
    let bye = JsValue::from(sim.explain(server_codes.len() - 1).unwrap());
    let text = string(&get(&bye, "context"), "text");
    assert!(text.starts_with("The client said QUIT"), "{text}");
    assert!(
        client_lines.contains("\r\n..dot\r\n.\r\nQUIT\r\n"),
        "dot-stuffed"
    );
    let outcome: JsValue = sim.outcome().unwrap().into();
    assert_eq!(string(&outcome, "status"), "Delivered");
    assert_eq!(statuses(&outcome), ["Delivered", "Delivered"]);
    assert!(sim.step().unwrap().is_empty());
}

#[wasm_bindgen_test]
fn a_fault_on_the_first_rcpt() {
    let mut sim = Simulation::new(Some(form(&["b@web.test", "c@web.test"], &["rcpt:450"])))
        .map_err(JsValue::from)
        .unwrap();
    sim.run().unwrap();
    let outcome: JsValue = sim.outcome().unwrap().into();
    assert_eq!(string(&outcome, "status"), "PartiallyDelivered");
    assert_eq!(statuses(&outcome), ["RetryLater", "Delivered"]);
    assert!(Simulation::new(Some(form(&["b@web.test"], &["rcpt:999"]))).is_err());
}

#[wasm_bindgen_test]
fn the_learner_plays_the_server() {
    let mut c = ClientRole::new(Some(form(&["b@web.test"], &[])))
        .map_err(JsValue::from)
        .unwrap();
    let first: JsValue = c.start().unwrap().into();
    assert_eq!(Array::from(&get(&first, "sent")).length(), 0);
    assert_eq!(string(&get(&first, "expect"), "answers"), "CONNECT");
    let mut answer = |line: &str| -> JsValue { c.reply(line).unwrap().into() };
    let sent = |turn: &JsValue| -> Vec<String> {
        Array::from(&get(turn, "sent"))
            .iter()
            .map(|s| s.as_string().unwrap())
            .collect()
    };
    assert!(sent(&answer("220 mx.web.test ESMTP"))[0].starts_with("EHLO "));
    assert!(sent(&answer("250 mx.web.test"))[0].starts_with("MAIL FROM:<"));
    assert_eq!(sent(&answer("250 ok")), ["RCPT TO:<b@web.test>"]);
    assert_eq!(sent(&answer("250 ok")), ["DATA"]);
    let wrong = answer("250 ok");
    let verdict = get(&wrong, "verdict");
    assert_eq!(string(&verdict, "fit"), "Wrong");
    assert_eq!(get(&verdict, "ok").as_bool(), Some(false));
    assert!(string(&get(&verdict, "expected"), "text").contains("354"));
    assert_eq!(sent(&wrong), ["QUIT"], "the client gives up");
    let bye = answer("221 bye");
    assert_eq!(get(&bye, "done").as_bool(), Some(true));
    let outcome: JsValue = c.outcome().unwrap().into();
    assert_eq!(statuses(&outcome), ["RetryLater"]);
    let after: JsValue = c.reply("250 more").unwrap().into();
    assert_eq!(string(&get(&after, "verdict"), "fit"), "Unsolicited");
}

#[wasm_bindgen_test]
fn a_malformed_reply_is_explained() {
    let mut c = ClientRole::new(None).map_err(JsValue::from).unwrap();
    c.start().unwrap();
    let turn: JsValue = c.reply("hello").unwrap().into();
    let verdict = get(&turn, "verdict");
    assert_eq!(string(&verdict, "fit"), "Malformed");
    assert!(string(&verdict, "problem").contains("three-digit"));
    assert!(get(&turn, "reply").is_null());
}
