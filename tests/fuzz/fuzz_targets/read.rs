//! The readers alone (JSON, YAML, curl, PEM): fast enough to reach a scanning loop that stands
//! still within seconds.
#![no_main]

libfuzzer_sys::fuzz_target!(|bytes: &[u8]| {
    immuta_preflight_fuzz::read_everything(bytes);
});
