//! Every invalid fixture yields exactly the findings in its `.expected` sidecar: one line per
//! finding, `severity code pointer line:column`, in report order. A first line `kind K` passes
//! `--kind K`. Set UPDATE_EXPECTED=1 to rewrite the sidecars (then review the diff by hand).

mod common;

use immuta_preflight::{Kind, check, rules};
use std::collections::BTreeSet;

fn expected_path(path: &std::path::Path) -> std::path::PathBuf {
    path.with_extension("expected")
}

#[test]
fn invalid_fixtures_report_exactly_what_is_expected() {
    let update = std::env::var_os("UPDATE_EXPECTED").is_some();
    let mut failures = Vec::new();
    for path in common::fixtures("invalid") {
        let sidecar = std::fs::read_to_string(expected_path(&path)).unwrap_or_default();
        let kind =
            sidecar.lines().find_map(|l| l.strip_prefix("kind ")).map(|k| Kind::from_id(k.trim()).expect("known kind"));
        let expected: Vec<&str> = sidecar.lines().filter(|l| !l.starts_with("kind ") && !l.trim().is_empty()).collect();
        let report = check(&common::load(&path), &common::options(&path, kind));
        let actual: Vec<String> = report
            .diagnostics
            .iter()
            .map(|d| {
                format!(
                    "{} {} {} {}:{}",
                    d.severity.as_str(),
                    d.code,
                    if d.pointer.is_empty() { "\"\"" } else { &d.pointer },
                    d.location.line,
                    d.location.column
                )
            })
            .collect();
        if update {
            let mut text = kind.map(|k| format!("kind {}\n", k.id())).unwrap_or_default();
            text.extend(actual.iter().map(|l| format!("{l}\n")));
            std::fs::write(expected_path(&path), text).expect("write sidecar");
        } else if actual != expected {
            failures.push(format!(
                "{}\n  expected:\n    {}\n  actual:\n    {}",
                common::name(&path),
                expected.join("\n    "),
                actual.join("\n    ")
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_rule_has_a_failing_fixture() {
    let mut covered = BTreeSet::new();
    for path in common::fixtures("invalid") {
        let sidecar = std::fs::read_to_string(expected_path(&path)).unwrap_or_default();
        for line in sidecar.lines().filter(|l| !l.starts_with("kind ")) {
            if let Some(code) = line.split_whitespace().nth(1) {
                covered.insert(code.to_string());
            }
        }
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
