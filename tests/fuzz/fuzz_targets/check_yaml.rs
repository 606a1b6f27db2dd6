//! Any bytes, read as a `.yaml` file.
#![no_main]

libfuzzer_sys::fuzz_target!(|bytes: &[u8]| {
    immuta_preflight_fuzz::check_everything(bytes, Some(immuta_preflight_core::Format::Yaml));
});
