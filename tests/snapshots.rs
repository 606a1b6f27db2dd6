//! One snapshot per invalid fixture: every finding as `severity code pointer line:column`, in
//! report order, then the rendered text output, code frames included, so that any change of a
//! finding, its wording or its position is reviewed as a diff. A fixture in a folder named after a
//! kind (`invalid/integration-script/…`) is checked as that kind. `INSTA_UPDATE=always cargo test
//! --test snapshots` rewrites them (then review the diff by hand); the JavaScript tests read the
//! finding lines from the same files.
//!
//! Each fixture is a test of its own (libtest-mimic: a harness of test cases found at run time), so
//! every failing snapshot is reported, and one runs by name:
//! `cargo test --test snapshots -- invalid/wrong-type.json`.

mod common;

use immuta_preflight_core::check;
use immuta_preflight_service::render::{FileResult, OutputFormat, render};
use libtest_mimic::{Arguments, Trial};
use std::path::Path;

fn matches_its_snapshot(path: &Path) {
    let text = common::load(path);
    let report = check(&text, &common::fixture_options(path));
    let name = common::name(path);
    let findings: Vec<String> = report.diagnostics.iter().map(common::finding_line).collect();
    let output = render(OutputFormat::Text, &[FileResult { path: &name, source: &text, report: &report }], false);
    let snapshot = format!("findings:\n{}\n\ntext:\n{output}", findings.join("\n"));
    insta::assert_snapshot!(common::snapshot_name(&name), snapshot);
}

fn json_output_shape() {
    let path = common::root().join("invalid/wrong-type.json");
    let text = common::load(&path);
    let report = check(&text, &common::options(&path, None));
    let output =
        render(OutputFormat::Json, &[FileResult { path: "wrong-type.json", source: &text, report: &report }], false);
    insta::assert_snapshot!("json_wrong_type", output);
}

fn main() {
    let mut trials: Vec<Trial> = common::fixtures("invalid")
        .into_iter()
        .map(|path| {
            Trial::test(common::name(&path), move || {
                matches_its_snapshot(&path);
                Ok(())
            })
        })
        .collect();
    trials.push(Trial::test("json_output_shape", || {
        json_output_shape();
        Ok(())
    }));
    libtest_mimic::run(&Arguments::from_args(), trials).exit();
}
