//! What every fuzz target asserts of any input: `check_bytes` returns, every span lies inside the
//! text on character boundaries, every position is 1-based, every renderer (text, JSON, SARIF,
//! GitHub) returns, and the fixes apply. A panic anywhere is the crash libFuzzer reports.

use immuta_preflight::render::{self, FileResult, OutputFormat};
use immuta_preflight::{Format, Options, Report, apply_fixes, check_bytes};

const FORMATS: [OutputFormat; 4] = [OutputFormat::Text, OutputFormat::Json, OutputFormat::Sarif, OutputFormat::Github];

/// Checks `bytes` as a file of the given format and asserts the invariants.
pub fn check_everything(bytes: &[u8], format: Option<Format>) {
    let options = Options { kind: None, format };
    let (text, report) = check_bytes(bytes, &options);
    assert_spans_inside(&text, &report);
    let file = FileResult { path: "fuzz.json", source: &text, report: &report };
    for output in FORMATS {
        let rendered = render::render(output, std::slice::from_ref(&file), false);
        if matches!(output, OutputFormat::Json | OutputFormat::Sarif) {
            serde_json::from_str::<serde_json::Value>(&rendered).expect("JSON and SARIF output is JSON");
        }
    }
}

/// Applies every safe fix and checks the result again.
pub fn fix_everything(bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    let fixed = apply_fixes(&text, &Options::default(), None);
    let (_, report) = check_bytes(fixed.as_bytes(), &Options::default());
    assert_spans_inside(&fixed, &report);
}

fn assert_spans_inside(text: &str, report: &Report) {
    for d in &report.diagnostics {
        assert!(d.span.start <= d.span.end && d.span.end <= text.len(), "{} span {:?}", d.code, d.span);
        assert!(
            text.is_char_boundary(d.span.start) && text.is_char_boundary(d.span.end),
            "{} span {:?}",
            d.code,
            d.span
        );
        assert!(d.location.line >= 1 && d.location.column >= 1);
        for edit in d.fix.iter().flat_map(|fix| &fix.edits) {
            assert!(edit.span.start <= edit.span.end && edit.span.end <= text.len(), "{} edit {:?}", d.code, edit.span);
        }
    }
    for secret in &report.redactions {
        assert!(secret.start <= secret.end && secret.end <= text.len(), "redaction {secret:?}");
    }
}
