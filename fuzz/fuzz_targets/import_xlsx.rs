//! Participant lists uploaded as XLSX (trainings): any bytes as a workbook (a ZIP of XML).
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = mayak_web::pages::prevention_trainings::parse_xlsx(data);
});
