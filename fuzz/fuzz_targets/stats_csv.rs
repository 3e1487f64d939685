//! Microdata CSV given to `mayak stats aggregate/synth`: parsed, and what parses writes back to
//! the same table.
#![no_main]
use libfuzzer_sys::fuzz_target;
use mayak_stats::Table;

fuzz_target!(|data: &[u8]| {
    if let Ok(t) = Table::from_csv(data) {
        let again = Table::from_csv(&t.to_csv()).expect("its own CSV parses");
        assert_eq!(t, again);
    }
});
