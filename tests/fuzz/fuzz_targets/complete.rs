//! Completion and hover at any offset of any text.
#![no_main]

libfuzzer_sys::fuzz_target!(|bytes: &[u8]| immuta_preflight_fuzz::complete_and_describe(bytes));
