//! Every rule has a fixture (or a hostile case) that makes it fire. What each fixture yields
//! exactly is its snapshot's business (`tests/snapshots.rs`).

mod common;

use immuta_preflight_core::{Report, across, check, rules};
use std::collections::BTreeSet;

#[test]
fn every_rule_has_a_failing_fixture() {
    let mut covered = BTreeSet::new();
    for path in common::fixtures("invalid") {
        let report = check(&common::load(&path), &common::fixture_options(&path));
        covered.extend(report.diagnostics.iter().map(|d| d.code.as_str().to_string()));
    }
    // The checks across files: each folder of `across/` checked together.
    for case in std::fs::read_dir(common::root().join("across")).expect("across/") {
        let case = case.expect("a case").path();
        let files: Vec<(String, String, Report)> = common::fixtures(&common::name(&case))
            .iter()
            .map(|path| {
                let text = common::load(path);
                let report = check(&text, &common::fixture_options(path));
                (common::name(path), text, report)
            })
            .collect();
        let checked: Vec<across::Checked> =
            files.iter().map(|(path, source, report)| across::Checked::new(path, source, report)).collect();
        let found = across::check(&checked);
        assert!(!found.is_empty(), "{}: no finding across its files", case.display());
        covered.extend(found.iter().map(|(_, d)| d.code.as_str().to_string()));
    }
    // `input-limit` needs megabytes or a thousand findings: the hostile set exercises it.
    for case in common::hostile() {
        covered.extend(
            [&case.first].into_iter().chain(&case.last).filter_map(|s| s.split(' ').nth(1)).map(str::to_string),
        );
    }
    // `internal-error` needs a broken build: `pipeline::tests` runs a variant with no schema.
    covered.insert("internal-error".to_string());
    for rule in rules::ALL {
        assert!(covered.contains(rule.code), "no invalid fixture or hostile case exercises `{}`", rule.code);
    }
}
