//! Any text, with every safe fix applied, then checked again.
#![no_main]

libfuzzer_sys::fuzz_target!(|bytes: &[u8]| {
    immuta_preflight_fuzz::fix_everything(bytes);
});
