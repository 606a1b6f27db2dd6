//! Any bytes, read as `immuta-preflight.toml`.
#![no_main]

libfuzzer_sys::fuzz_target!(|bytes: &[u8]| immuta_preflight_fuzz::read_config(bytes));
