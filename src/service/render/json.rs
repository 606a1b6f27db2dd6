//! `{"files": [{"path", "kind", "diagnostics": [...]}]}`: the machine-readable output.

use super::FileResult;
use crate::wire::diagnostic::{JsonDiagnostic, diagnostic};
use serde::Serialize;

#[derive(Serialize)]
struct Output<'a> {
    files: Vec<JsonFile<'a>>,
}

#[derive(Serialize)]
struct JsonFile<'a> {
    path: &'a str,
    kind: Option<&'static str>,
    diagnostics: Vec<JsonDiagnostic<'a>>,
}

pub fn render(files: &[FileResult]) -> String {
    let files = files
        .iter()
        .map(|file| JsonFile {
            path: file.path,
            kind: file.report.kind.map(immuta_preflight_core::Kind::id),
            diagnostics: file.report.diagnostics.iter().map(|d| diagnostic(d, None)).collect(),
        })
        .collect();
    let mut out = serde_json::to_string_pretty(&Output { files }).unwrap_or_else(|_| "{\"files\":[]}".to_string());
    out.push('\n');
    out
}
