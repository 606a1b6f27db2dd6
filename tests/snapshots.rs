//! One snapshot per invalid fixture: every finding as `severity code pointer line:column`, in
//! report order, then the rendered text output, code frames included, so that any change of a
//! finding, its wording or its position is reviewed as a diff. A fixture in a folder named after a
//! kind (`invalid/integration-script/…`) is checked as that kind. `INSTA_UPDATE=always cargo test
//! --test snapshots` rewrites them (then review the diff by hand); the JavaScript tests read the
//! finding lines from the same files.

mod common;

use immuta_preflight::check;
use immuta_preflight::render::{FileResult, OutputFormat, render};

#[test]
fn every_invalid_fixture_matches_its_snapshot() {
    for path in common::fixtures("invalid") {
        let text = common::load(&path);
        let report = check(&text, &common::fixture_options(&path));
        let name = common::name(&path);
        let findings: Vec<String> = report.diagnostics.iter().map(common::finding_line).collect();
        let output = render(OutputFormat::Text, &[FileResult { path: &name, source: &text, report: &report }], false);
        let snapshot = format!("findings:\n{}\n\ntext:\n{output}", findings.join("\n"));
        insta::assert_snapshot!(common::snapshot_name(&name), snapshot);
    }
}

#[test]
fn json_output_shape() {
    let path = common::root().join("invalid/wrong-type.json");
    let text = common::load(&path);
    let report = check(&text, &common::options(&path, None));
    let output =
        render(OutputFormat::Json, &[FileResult { path: "wrong-type.json", source: &text, report: &report }], false);
    insta::assert_snapshot!("json_wrong_type", output);
}
