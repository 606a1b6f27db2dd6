//! Any bytes as the language server's standard input: its framing and its dispatch.
#![no_main]

libfuzzer_sys::fuzz_target!(|bytes: &[u8]| immuta_preflight_fuzz::serve(bytes));
