//! The rendered text output of every invalid fixture, code frames included, is snapshotted so
//! that any change of wording or position is reviewed as a diff.

mod common;

use immuta_preflight::check;
use immuta_preflight::render::{FileResult, OutputFormat, render};

#[test]
fn text_output_of_invalid_fixtures() {
    for path in common::fixtures("invalid") {
        let sidecar = std::fs::read_to_string(path.with_extension("expected")).unwrap_or_default();
        let kind = sidecar
            .lines()
            .find_map(|l| l.strip_prefix("kind "))
            .and_then(|k| immuta_preflight::Kind::from_id(k.trim()));
        let text = common::load(&path);
        let report = check(&text, &common::options(&path, kind));
        let name = common::name(&path);
        let output = render(OutputFormat::Text, &[FileResult { path: &name, source: &text, report: &report }], false);
        let snapshot = name.replace(['/', '.'], "__");
        insta::assert_snapshot!(snapshot, output);
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
