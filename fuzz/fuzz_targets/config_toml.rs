//! The configuration file (`mayak serve --config FILE`): any text into the real `FileConfig`.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = mayak_cli::config::FileConfig::parse(text);
    }
});
