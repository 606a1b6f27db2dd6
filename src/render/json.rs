//! `{"files": [{"path", "kind", "diagnostics": [...]}]}`: the machine-readable output.

use super::FileResult;
use crate::diagnostic::{Diagnostic, Fix, Location, Part, Span};
use crate::position::Utf16Index;
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

/// A diagnostic as JSON: the fields of [`Diagnostic`] with its range flattened in.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct JsonDiagnostic<'a> {
    pub code: &'static str,
    pub severity: &'static str,
    pub message: &'a str,
    pub pointer: &'a str,
    #[serde(flatten)]
    pub range: JsonRange,
    pub help: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fix: Option<JsonFix<'a>>,
    /// Places in other files the finding names (checks across files only).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<JsonRelated<'a>>,
}

/// `{ path, line, column, endLine, endColumn, message }`: a place in another file.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct JsonRelated<'a> {
    pub path: &'a str,
    #[serde(flatten)]
    pub location: Location,
    pub message: &'a str,
}

/// `line`, `column`, `endLine`, `endColumn`; and, for JavaScript callers, `start` and `end` as
/// UTF-16 code-unit offsets (how JS strings and editors index text).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct JsonRange {
    #[serde(flatten)]
    pub location: Location,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end: Option<usize>,
}

impl JsonRange {
    fn new(location: Location, span: Span, utf16: Option<&Utf16Index>) -> Self {
        let offsets = utf16.map(|index| index.range(span));
        JsonRange { location, start: offsets.map(|o| o.0), end: offsets.map(|o| o.1) }
    }
}

#[derive(Serialize)]
pub struct JsonFix<'a> {
    pub message: &'a str,
    pub edits: Vec<JsonEdit<'a>>,
}

/// An edit: replace the range with `text`, or (when a part copies a secret) with `parts` in order.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct JsonEdit<'a> {
    #[serde(flatten)]
    pub range: JsonRange,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parts: Option<Vec<JsonPart<'a>>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub enum JsonPart<'a> {
    Text(&'a str),
    CopyFrom(JsonRange),
}

/// The JSON form of one diagnostic; `utf16` adds UTF-16 offsets to every range.
pub fn diagnostic<'a>(d: &'a Diagnostic, utf16: Option<&Utf16Index>) -> JsonDiagnostic<'a> {
    JsonDiagnostic {
        code: d.code.as_str(),
        severity: d.severity.as_str(),
        message: &d.message,
        pointer: &d.pointer,
        range: JsonRange::new(d.location, d.span, utf16),
        help: d.help.as_deref(),
        fix: d.fix.as_ref().map(|f| fix(f, utf16)),
        related: d
            .related
            .iter()
            .map(|r| JsonRelated { path: &r.path, location: r.location, message: &r.message })
            .collect(),
    }
}

fn fix<'a>(fix: &'a Fix, utf16: Option<&Utf16Index>) -> JsonFix<'a> {
    let edits = fix
        .edits
        .iter()
        .map(|edit| {
            let range = JsonRange::new(edit.location, edit.span, utf16);
            let literal: Option<String> =
                edit.parts.iter().map(|p| if let Part::Text(t) = p { Some(t.as_str()) } else { None }).collect();
            match literal {
                Some(text) => JsonEdit { range, text: Some(text), parts: None },
                None => JsonEdit {
                    range,
                    text: None,
                    parts: Some(
                        edit.parts
                            .iter()
                            .map(|p| match p {
                                Part::Text(t) => JsonPart::Text(t),
                                Part::Copy { from, location } => {
                                    JsonPart::CopyFrom(JsonRange::new(*location, *from, utf16))
                                }
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
        .map(|file| JsonFile {
            path: file.path,
            kind: file.report.kind.map(crate::Kind::id),
            diagnostics: file.report.diagnostics.iter().map(|d| diagnostic(d, None)).collect(),
        })
        .collect();
    let mut out = serde_json::to_string_pretty(&Output { files }).unwrap_or_else(|_| "{\"files\":[]}".to_string());
    out.push('\n');
    out
}
