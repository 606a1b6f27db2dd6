//! `{"files": [{"path", "kind", "diagnostics": [...]}]}`: the machine-readable output.

use super::FileResult;
use crate::diagnostic::{Diagnostic, Fix, Location, Part};
use crate::position::LineIndex;
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

/// A diagnostic as JSON: the fields of [`Diagnostic`] with its location flattened in.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct JsonDiagnostic<'a> {
    pub code: &'static str,
    pub severity: &'static str,
    pub message: &'a str,
    pub pointer: &'a str,
    #[serde(flatten)]
    pub location: Location,
    pub help: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fix: Option<JsonFix<'a>>,
}

#[derive(Serialize)]
pub struct JsonFix<'a> {
    pub message: &'a str,
    pub edits: Vec<JsonEdit>,
}

/// An edit: replace the range with `text`, or (when a part copies a secret) with `parts` in order.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct JsonEdit {
    #[serde(flatten)]
    pub location: Location,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parts: Option<Vec<JsonPart>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub enum JsonPart {
    Text(String),
    CopyFrom(Location),
}

pub fn diagnostic<'a>(d: &'a Diagnostic, index: &LineIndex) -> JsonDiagnostic<'a> {
    JsonDiagnostic {
        code: d.code,
        severity: d.severity.as_str(),
        message: &d.message,
        pointer: &d.pointer,
        location: d.location,
        help: d.help.as_deref(),
        fix: d.fix.as_ref().map(|f| fix(f, index)),
    }
}

fn fix<'a>(fix: &'a Fix, index: &LineIndex) -> JsonFix<'a> {
    let edits = fix
        .edits
        .iter()
        .map(|edit| {
            let location = index.location(edit.span);
            let literal: Option<String> =
                edit.parts.iter().map(|p| if let Part::Text(t) = p { Some(t.as_str()) } else { None }).collect();
            match literal {
                Some(text) => JsonEdit { location, text: Some(text), parts: None },
                None => JsonEdit {
                    location,
                    text: None,
                    parts: Some(
                        edit.parts
                            .iter()
                            .map(|p| match p {
                                Part::Text(t) => JsonPart::Text(t.clone()),
                                Part::Copy(span) => JsonPart::CopyFrom(index.location(*span)),
                            })
                            .collect(),
                    ),
                },
            }
        })
        .collect();
    JsonFix { message: &fix.message, edits }
}

pub fn render(files: &[FileResult]) -> String {
    let files = files
        .iter()
        .map(|file| {
            let index = LineIndex::new(file.source);
            JsonFile {
                path: file.path,
                kind: file.report.kind.map(crate::Kind::id),
                diagnostics: file.report.diagnostics.iter().map(|d| diagnostic(d, &index)).collect(),
            }
        })
        .collect();
    let mut out = serde_json::to_string_pretty(&Output { files }).unwrap_or_else(|_| "{\"files\":[]}".to_string());
    out.push('\n');
    out
}
