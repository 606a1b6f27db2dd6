//! Every input the fuzzers ever failed on (`tests/fuzz/regressions/`) and every fixture goes
//! through the fuzz targets' own invariants, natively, in every `make test`: as JSON, as YAML, as
//! the body of a curl command, with every fix applied, and through the readers alone.

#[path = "fuzz/src/lib.rs"]
mod invariants;

mod common;

use immuta_preflight::Format;

#[test]
fn fuzz_regressions_and_fixtures_keep_the_invariants() {
    let regressions = common::root().join("../fuzz/regressions");
    let mut inputs: Vec<Vec<u8>> = std::fs::read_dir(&regressions)
        .expect("tests/fuzz/regressions")
        .map(|entry| std::fs::read(entry.expect("entry").path()).expect("read"))
        .collect();
    assert!(!inputs.is_empty());
    inputs.extend(
        common::fixtures("valid").iter().chain(&common::fixtures("invalid")).map(|p| common::load(p).into_bytes()),
    );
    for bytes in &inputs {
        invariants::check_everything(bytes, Some(Format::Json));
        invariants::check_everything(bytes, Some(Format::Yaml));
        let mut command = b"curl ".to_vec();
        command.extend_from_slice(bytes);
        invariants::check_everything(&command, None);
        invariants::fix_everything(bytes);
        invariants::read_everything(bytes);
    }
}
