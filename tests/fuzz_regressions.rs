//! Every input the fuzzers ever failed on (`tests/fuzz/regressions/`) and every fixture goes
//! through the fuzz targets' own invariants, natively, in every `make test`: as JSON, as YAML, as
//! the body of a curl command, with every fix applied, and through the readers alone; the seeds of
//! the config, completion and language-server targets go through theirs.

#[path = "fuzz/src/lib.rs"]
mod invariants;

mod common;

use immuta_preflight_core::Format;

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
    // In two threads: the machines this runs on have two cores. (The harness's heap bound is the
    // process's: with inputs of a few kilobytes, its 64 MiB allowance covers both threads.)
    let (first, second) = inputs.split_at(inputs.len() / 2);
    std::thread::scope(|scope| {
        for half in [first, second] {
            scope.spawn(move || {
                for bytes in half {
                    invariants::check_everything(bytes, Some(Format::Json));
                    invariants::check_everything(bytes, Some(Format::Yaml));
                    let mut command = b"curl ".to_vec();
                    command.extend_from_slice(bytes);
                    invariants::check_everything(&command, None);
                    invariants::fix_everything(bytes);
                    invariants::read_everything(bytes);
                }
            });
        }
    });
}

#[test]
fn the_seeds_of_the_config_completion_and_server_targets_keep_their_invariants() {
    let seeds = common::root().join("../fuzz/seeds");
    let read = |target: &str| -> Vec<Vec<u8>> {
        std::fs::read_dir(seeds.join(target))
            .unwrap_or_else(|e| panic!("tests/fuzz/seeds/{target}: {e}"))
            .map(|entry| std::fs::read(entry.expect("entry").path()).expect("read"))
            .collect()
    };
    for bytes in read("config") {
        invariants::read_config(&bytes);
    }
    for bytes in read("complete") {
        invariants::complete_and_describe(&bytes);
    }
    #[cfg(not(target_family = "wasm"))]
    the_server_answers(&read("lsp"), &seeds);
}

#[cfg(not(target_family = "wasm"))]
fn the_server_answers(session: &[Vec<u8>], seeds: &std::path::Path) {
    assert!(session.len() >= 2);
    for bytes in session {
        invariants::serve(bytes);
    }
    // The whole session is answered: initialize, the three requests and shutdown.
    let answers = immuta_preflight::lsp::replay(&std::fs::read(seeds.join("lsp/session.bin")).expect("the session"));
    let ids: Vec<i64> = answers.iter().filter_map(|a| a["id"].as_i64()).collect();
    assert_eq!(ids, [1, 2, 3, 4, 5], "{answers:?}");
    assert!(answers.iter().all(|a| a.get("error").is_none()), "{answers:?}");
}
