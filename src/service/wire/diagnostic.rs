//! The diagnostic on the wire, both ways: what the JSON output, the npm package's reports and
//! the language server's clients read, and what `render` reads back. One set of types: the
//! fields of a [`Diagnostic`], its range flattened in, with UTF-16 offsets for JavaScript.

use immuta_preflight_core::Severity;
use immuta_preflight_core::diagnostic::{Diagnostic, Fix, Location, Part, Span};
use immuta_preflight_core::position::LineIndex;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

/// A diagnostic as JSON: the fields of [`Diagnostic`] with its range flattened in.
#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct JsonDiagnostic<'a> {
    pub code: Cow<'a, str>,
    pub severity: Severity,
    pub message: Cow<'a, str>,
    #[serde(default)]
    pub pointer: Cow<'a, str>,
    #[serde(flatten)]
    pub range: JsonRange,
    #[serde(default)]
    pub help: Option<Cow<'a, str>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fix: Option<JsonFix<'a>>,
    /// Places in other files the finding names (checks across files only).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<JsonRelated<'a>>,
}

/// `{ path, line, column, endLine, endColumn, message }`: a place in another file.
#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct JsonRelated<'a> {
    pub path: Cow<'a, str>,
    #[serde(flatten)]
    pub location: Location,
    pub message: Cow<'a, str>,
}

/// `line`, `column`, `endLine`, `endColumn`; and, for JavaScript callers, `start` and `end` as
/// UTF-16 code-unit offsets (how JS strings and editors index text).
#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct JsonRange {
    #[serde(flatten)]
    pub location: Location,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<usize>,
}

impl JsonRange {
    pub fn new(location: Location, span: Span, utf16: Option<&LineIndex<'_>>) -> Self {
        let offsets = utf16.map(|index| index.utf16_range(span));
        JsonRange { location, start: offsets.map(|o| o.0), end: offsets.map(|o| o.1) }
    }
}

#[derive(Debug, Serialize, Deserialize)]
pub struct JsonFix<'a> {
    pub message: Cow<'a, str>,
    pub edits: Vec<JsonEdit<'a>>,
}

/// An edit: replace the range with `text`, or (when a part copies a secret) with `parts` in order.
#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct JsonEdit<'a> {
    #[serde(flatten)]
    pub range: JsonRange,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<Cow<'a, str>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parts: Option<Vec<JsonPart<'a>>>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum JsonPart<'a> {
    Text(Cow<'a, str>),
    CopyFrom(JsonRange),
}

/// The JSON form of one diagnostic; `utf16` adds UTF-16 offsets to every range.
pub fn diagnostic<'a>(d: &'a Diagnostic, utf16: Option<&LineIndex<'_>>) -> JsonDiagnostic<'a> {
    JsonDiagnostic {
        code: Cow::Borrowed(d.code.as_str()),
        severity: d.severity,
        message: Cow::Borrowed(&d.message),
        pointer: Cow::Borrowed(&d.pointer),
        range: JsonRange::new(d.location, d.span, utf16),
        help: d.help.as_deref().map(Cow::Borrowed),
        fix: d.fix.as_ref().map(|f| fix(f, utf16)),
        related: d
            .related
            .iter()
            .map(|r| JsonRelated {
                path: Cow::Borrowed(&r.path),
                location: r.location,
                message: Cow::Borrowed(&r.message),
            })
            .collect(),
    }
}

fn fix<'a>(fix: &'a Fix, utf16: Option<&LineIndex<'_>>) -> JsonFix<'a> {
    let edits = fix
        .edits
        .iter()
        .map(|edit| {
            let range = JsonRange::new(edit.location, edit.span, utf16);
            let literal: Option<String> =
                edit.parts.iter().map(|p| if let Part::Text(t) = p { Some(t.as_str()) } else { None }).collect();
            match literal {
                Some(text) => JsonEdit { range, text: Some(Cow::Owned(text)), parts: None },
                None => JsonEdit {
                    range,
                    text: None,
                    parts: Some(
                        edit.parts
                            .iter()
                            .map(|p| match p {
                                Part::Text(t) => JsonPart::Text(Cow::Borrowed(t)),
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
    JsonFix { message: Cow::Borrowed(&fix.message), edits }
}
