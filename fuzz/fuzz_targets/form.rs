//! Posted forms and query strings: `application/x-www-form-urlencoded` bytes into the pairs
//! every page handler reads (`FormPairs`), and the date fields they parse.
#![no_main]
use libfuzzer_sys::fuzz_target;
use mayak_web::forms::{FormPairs, parse_date};

fuzz_target!(|data: &[u8]| {
    let Ok(pairs) = serde_urlencoded::from_bytes::<Vec<(String, String)>>(data) else {
        return;
    };
    let form = FormPairs(pairs);
    for name in ["birth_date", "given_on", "planned_from", "q", "status"] {
        let _ = form.all(name);
        let _ = form.checked(name);
        let mut e = mayak_domain::FieldErrors::default();
        let parsed = parse_date(name, form.get(name), &mut e, false);
        // A date is either parsed or refused with a message, never both.
        assert!(parsed.is_none() || e.is_empty());
    }
});
