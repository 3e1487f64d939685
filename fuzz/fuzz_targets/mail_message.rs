//! E-mail messages the hotline's Maildir intake reads (`web::mail_intake::parse`): whatever is
//! accepted has a checked sender address and a Message-ID that cannot break the reply's
//! headers (no line breaks, no angle brackets inside), and a text that is not empty and is cut
//! to the intake's limit.
#![no_main]
use libfuzzer_sys::fuzz_target;
use mayak_web::mail_intake::{MAX_TEXT_CHARS, parse};

fuzz_target!(|data: &[u8]| {
    if let Ok(p) = parse(data) {
        assert!(mayak_domain::validate::email_address("from", &p.from).is_ok());
        assert!(!p.from.contains(['\r', '\n']));
        if let Some(id) = &p.message_id {
            assert!(id.starts_with('<') && id.ends_with('>'));
            assert!(!id.contains(['\r', '\n', ' ']));
            assert!(!id[1..id.len() - 1].contains(['<', '>']));
        }
        assert!(!p.text.trim().is_empty());
        assert!(p.text.chars().count() <= MAX_TEXT_CHARS + 1);
    }
});
