//! Participant lists uploaded as CSV (trainings): any bytes, as text, split into records.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let rows = mayak_web::pages::prevention_trainings::parse_csv(&text);
    // Every field is text from the input; no record is invented from nothing.
    let chars: usize = rows.iter().flatten().map(|f| f.chars().count()).sum();
    assert!(chars <= text.chars().count());
});
