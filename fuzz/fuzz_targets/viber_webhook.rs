//! Viber bot webhook callbacks (the body of `POST /channels/viber`): the signature check never
//! panics and accepts exactly its own signature, and whatever parses keeps the limits the
//! adapter relies on (a sender id and a message token of bounded length, the text cut to
//! `MAX_TEXT` characters and never blank, a short message type).
#![no_main]
use libfuzzer_sys::fuzz_target;
use mayak_domain::viber::{self, Event, MAX_TEXT};

fuzz_target!(|data: &[u8]| {
    let token = b"fuzz-token";
    let signature = viber::signature(token, data);
    assert!(viber::signature_ok(token, data, &signature));
    assert!(!viber::signature_ok(b"another-token", data, &signature));
    // The body itself as the signature header: read as hex without a panic.
    let _ = viber::signature_ok(token, data, &String::from_utf8_lossy(data));
    match viber::parse(data) {
        Some(Event::Message {
            sender,
            token,
            text,
            kind,
            ..
        }) => {
            assert!(!sender.is_empty() && sender.len() <= 100);
            assert!(!token.is_empty());
            if let Some(t) = text {
                assert!(t.chars().count() <= MAX_TEXT);
                assert!(!t.trim().is_empty());
            }
            assert!(kind.chars().count() <= 20);
        }
        Some(Event::Acknowledge(event)) => assert!(viber::EVENTS.contains(&event.as_str())),
        Some(Event::ConversationStarted { .. }) | None => {}
    }
});
