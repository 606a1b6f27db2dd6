//! Any bytes after `curl `, so that the input is always read as a pasted curl command: the
//! argument splitter, the URL and the body extraction.
#![no_main]

libfuzzer_sys::fuzz_target!(|bytes: &[u8]| {
    let mut command = b"curl ".to_vec();
    command.extend_from_slice(bytes);
    immuta_preflight_fuzz::check_everything(&command, None);
});
