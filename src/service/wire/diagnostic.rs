//! The diagnostic on the wire, both ways: what the JSON output, the npm package's reports and
//! the language server's clients read, and what `render` reads back. One set of types: the
//! fields of a [`Diagnostic`], its range flattened in, with UTF-16 offsets for JavaScript.

use immuta_preflight_core::Severity;
use immuta_preflight_core::diagnostic::{Diagnostic, Fix, Location, Part, Span};
use immuta_preflight_core::position::LineIndex;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

/// One finding. Messages and help never contain a secret.
// (The fields of [`Diagnostic`] with its range flattened in.)
#[derive(Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS), ts(rename = "Diagnostic"))]
#[serde(rename_all = "camelCase")]
pub struct JsonDiagnostic<'a> {
    #[cfg_attr(feature = "typescript", ts(type = "RuleCode"))]
    pub code: Cow<'a, str>,
    #[cfg_attr(feature = "typescript", ts(type = "Severity"))]
    pub severity: Severity,
    pub message: Cow<'a, str>,
    /// RFC 6901 JSON pointer into the payload; `""` is the whole payload.
    #[serde(default)]
    pub pointer: Cow<'a, str>,
    #[serde(flatten)]
    pub range: JsonRange,
    /// What to type instead.
    #[serde(default)]
    #[cfg_attr(feature = "typescript", ts(optional = false))]
    pub help: Option<Cow<'a, str>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", ts(optional))]
    pub fix: Option<JsonFix<'a>>,
    /// Places in other files the finding names: only findings of the checks across files have it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<JsonRelated<'a>>,
}

/// A place in another file: its path, 1-based line and column, and what is there.
#[derive(Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS), ts(rename = "RelatedLocation"))]
#[serde(rename_all = "camelCase")]
pub struct JsonRelated<'a> {
    pub path: Cow<'a, str>,
    #[serde(flatten)]
    pub location: Location,
    pub message: Cow<'a, str>,
}

/// A range of the checked text: 1-based `line` and `column` (columns count characters, i.e.
/// Unicode code points), and `start`/`end` as UTF-16 code-unit offsets, which index the JS string
/// directly: `text.slice(d.start, d.end)`.
// (The offsets are for JavaScript callers only: the CLI's JSON output has none.)
#[derive(Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS), ts(rename = "TextRange"))]
#[serde(rename_all = "camelCase")]
pub struct JsonRange {
    #[serde(flatten)]
    pub location: Location,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", ts(optional = false, type = "number"))]
    pub start: Option<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", ts(optional = false, type = "number"))]
    pub end: Option<usize>,
}

impl JsonRange {
    pub fn new(location: Location, span: Span, utf16: Option<&LineIndex<'_>>) -> Self {
        let offsets = utf16.map(|index| index.utf16_range(span));
        JsonRange { location, start: offsets.map(|o| o.0), end: offsets.map(|o| o.1) }
    }
}

/// A safe, mechanical change that resolves the diagnostic; `applyFixes` applies it.
#[derive(Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS), ts(rename = "Fix"))]
pub struct JsonFix<'a> {
    pub message: Cow<'a, str>,
    pub edits: Vec<JsonEdit<'a>>,
}

/// Replace the range with `text`, or (when a part copies a secret) with `parts` in order.
#[derive(Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS), ts(rename = "Edit"))]
#[serde(rename_all = "camelCase")]
pub struct JsonEdit<'a> {
    #[serde(flatten)]
    pub range: JsonRange,
    #[serde(flatten)]
    pub content: JsonEditContent<'a>,
}

/// What an edit puts in its range: `text`, or `parts`, never both.
#[derive(Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
#[serde(untagged)]
pub enum JsonEditContent<'a> {
    Text { text: Cow<'a, str> },
    Parts { parts: Vec<JsonPart<'a>> },
}

/// A piece of replacement text, or a copy of another range of the same text (how a fix moves a
/// secret without carrying it).
#[derive(Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS), ts(rename = "EditPart"))]
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
                Some(text) => JsonEdit { range, content: JsonEditContent::Text { text: Cow::Owned(text) } },
                None => JsonEdit {
                    range,
                    content: JsonEditContent::Parts {
                        parts: edit
                            .parts
                            .iter()
                            .map(|p| match p {
                                Part::Text(t) => JsonPart::Text(Cow::Borrowed(t)),
                                Part::Copy { from, location } => {
                                    JsonPart::CopyFrom(JsonRange::new(*location, *from, utf16))
                                }
                            })
                            .collect(),
                    },
                },
            }
        })
        .collect();
    JsonFix { message: Cow::Borrowed(&fix.message), edits }
}
