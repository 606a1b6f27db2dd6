//! The JavaScript shape of the API, for the wasm door (`src/wasm/lib.rs`): reports are the CLI's JSON
//! diagnostics with UTF-16 offsets added, and a report handed back to `render` is read here. Pure
//! Rust, so it is tested natively like the rest of the core; the wasm door only converts values.

pub mod diagnostic;

use crate::render::{FileResult, OutputFormat};
use diagnostic::{JsonDiagnostic, JsonEdit, JsonEditContent, JsonPart};
use immuta_preflight_core::diagnostic::{Diagnostic, Edit, Fix, Location, Part, Span};
use immuta_preflight_core::input::Format;
use immuta_preflight_core::position::LineIndex;
use immuta_preflight_core::rules::selection::{RuleOptions, parse_codes, parse_severity};
use immuta_preflight_core::rules::{self, Code};
use immuta_preflight_core::{Kind, Options, Report, suggest};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

/// The result of `check`: a plain object (JSON.stringify keeps all of it).
#[derive(Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS), ts(rename = "Report"))]
#[serde(rename_all = "camelCase")]
pub struct JsReport<'a> {
    /// The payload kind: as given, from the curl URL, or from the payload's members.
    #[cfg_attr(feature = "typescript", ts(type = "Kind | null"))]
    pub kind: Option<&'static str>,
    #[cfg_attr(feature = "typescript", ts(type = "Technology | null"))]
    pub technology: Option<&'static str>,
    pub authentication_type: Option<&'a str>,
    #[cfg_attr(feature = "typescript", ts(type = "Format"))]
    pub format: Format,
    /// In the order of their positions.
    pub diagnostics: Vec<JsonDiagnostic<'a>>,
}

/// `report` (of `text`) in its JavaScript shape.
pub fn report<'a>(report: &'a Report, text: &str) -> JsReport<'a> {
    let utf16 = LineIndex::new(text);
    JsReport {
        kind: report.kind.map(Kind::id),
        technology: report.technology,
        authentication_type: report.authentication_type.as_deref(),
        format: report.format,
        diagnostics: report.diagnostics.iter().map(|d| diagnostic::diagnostic(d, Some(&utf16))).collect(),
    }
}

/// The options of `check`, `checkFiles`, `applyFixes` and `complete`.
// The wasm door refuses members not in `NAMES` (serde's `deny_unknown_fields` has no effect
// there: serde-wasm-bindgen reads only the known members), and in `rules` those not in
// [`JsRules::NAMES`].
#[derive(Debug, Default, Deserialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS), ts(rename = "CheckOptions"))]
pub struct JsOptions {
    /// The payload kind; detected when not given.
    #[cfg_attr(feature = "typescript", ts(optional, type = "Kind"))]
    kind: Option<String>,
    /// A hint; the text itself is looked at first.
    #[cfg_attr(feature = "typescript", ts(optional, type = "Format"))]
    format: Option<Format>,
    /// Which rules are reported, and how severely: as `[rules]` of `immuta-preflight.toml`.
    #[cfg_attr(feature = "typescript", ts(optional))]
    rules: Option<JsRules>,
}

/// Which rules are reported, as the config file's `[rules]`. `syntax`, `internal-error` and
/// `input-limit` are always reported: they say a text was not wholly checked.
#[derive(Debug, Default, Deserialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS), ts(rename = "RuleOptions"))]
pub struct JsRules {
    /// Rules (or groups) not reported.
    #[cfg_attr(feature = "typescript", ts(optional, type = "readonly (RuleCode | RuleGroup)[]"))]
    ignore: Option<Vec<String>>,
    /// Only these rules (or groups) are reported.
    #[cfg_attr(feature = "typescript", ts(optional, type = "readonly (RuleCode | RuleGroup)[]"))]
    select: Option<Vec<String>>,
    /// A severity in place of the rule's own.
    #[cfg_attr(feature = "typescript", ts(optional, type = "{ readonly [code in RuleCode | RuleGroup]?: Severity }"))]
    severity: Option<std::collections::BTreeMap<String, String>>,
}

impl JsRules {
    pub const NAMES: &[&str] = &["ignore", "select", "severity"];
}

impl JsOptions {
    pub const NAMES: &[&str] = &["kind", "format", "rules"];
    /// The nested options objects: `(member, its names, an example)`.
    pub const NESTED: &[(&str, &[&str], &str)] = &[("rules", JsRules::NAMES, "{ ignore: [\"placeholder\"] }")];

    pub fn resolve(self) -> Result<Options, String> {
        let kind = self.kind.as_deref().map(Kind::parse).transpose()?;
        let rules = self.rules.map(JsRules::resolve).transpose()?.unwrap_or_default();
        Ok(Options { kind, format: self.format, rules })
    }
}

impl JsRules {
    /// The rule options, every code checked (a group names its rules).
    pub fn resolve(self) -> Result<RuleOptions, String> {
        let codes = |list: Vec<String>, ignoring: bool| -> Result<Vec<Code>, String> {
            let mut codes = Vec::new();
            for name in &list {
                codes.extend(parse_codes(name, ignoring).map_err(|m| format!("rules: {m}"))?);
            }
            Ok(codes)
        };
        let mut rules = RuleOptions {
            ignore: self.ignore.map(|l| codes(l, true)).transpose()?.unwrap_or_default(),
            select: self.select.map(|l| codes(l, false)).transpose()?,
            ..RuleOptions::default()
        };
        for (code, severity) in self.severity.unwrap_or_default() {
            let codes = parse_codes(&code, false).map_err(|m| format!("rules.severity: {m}"))?;
            let severity = parse_severity(&severity).map_err(|m| format!("rules.severity: {m}"))?;
            rules.severity.extend(codes.into_iter().map(|code| (code, severity)));
        }
        Ok(rules)
    }
}

/// A file for `checkFiles`.
#[derive(Debug, Deserialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS), ts(rename = "FileInput"))]
pub struct JsFile {
    /// Shown in `related` locations; its extension is a format hint.
    pub path: String,
    pub text: String,
}

/// A report of `checkFiles`: the file's path and its report.
#[derive(Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS), ts(rename = "FileReport"))]
pub struct JsFileReport<'a> {
    path: &'a str,
    #[serde(flatten)]
    report: JsReport<'a>,
}

/// Checks `files` together (see [`crate::files::check_files`]).
pub fn check_files(files: Vec<JsFile>, options: &Options) -> Vec<crate::files::File> {
    crate::files::check_files(files.into_iter().map(|f| (f.path, f.text)), options)
}

/// The reports of [`check_files`] in their JavaScript shape.
pub fn file_reports(checked: &[crate::files::File]) -> Vec<JsFileReport<'_>> {
    checked.iter().map(|file| JsFileReport { path: &file.name, report: report(&file.report, &file.text) }).collect()
}

/// The rule codes a caller named for `applyFixes`, checked against the known codes.
pub fn fix_codes(codes: Option<Vec<String>>) -> Result<Option<Vec<&'static str>>, String> {
    codes.map(|codes| codes.iter().map(|code| known_code(code).map(Code::as_str)).collect()).transpose()
}

fn known_code(code: &str) -> Result<Code, String> {
    Code::find(code).ok_or_else(|| {
        suggest::unknown("rule code", code, rules::ALL.iter().map(|r| r.code), || "rules() lists them".into())
    })
}

/// A suggestion at the cursor: a member name the payload's schema allows there, or a value.
// (As [`crate::complete::Completion`], with UTF-16 offsets.)
#[derive(Debug, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS), ts(rename = "Completion"))]
pub struct CompletionOut {
    /// What to show: the member's name, or the value as it reads.
    label: String,
    /// What to write: `"name": ` in JSON, `name: ` in YAML, or the value, quoted as the format wants.
    insert: String,
    #[cfg_attr(feature = "typescript", ts(type = "\"member\" | \"value\""))]
    kind: &'static str,
    /// The schema's description of the member, if it has one.
    detail: Option<String>,
    /// UTF-16 offsets of the text `insert` replaces (what is typed of the name or value, its quotes included).
    from: usize,
    to: usize,
}

/// The completions at UTF-16 offset `offset` of `text`.
pub fn completions(text: &str, offset: usize, options: &Options) -> Vec<CompletionOut> {
    let utf16 = LineIndex::new(text);
    crate::complete::complete(text, utf16.byte(offset), options.kind, options.format)
        .into_iter()
        .map(|c| CompletionOut {
            label: c.label,
            insert: c.insert,
            kind: c.kind,
            detail: c.detail,
            from: utf16.utf16(c.from),
            to: utf16.utf16(c.to),
        })
        .collect()
}

/// One edit of a fix for JavaScript: UTF-16 offsets of the text it replaces, and its new text.
#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct EditOut {
    pub from: usize,
    pub to: usize,
    pub insert: String,
}

/// The edits of the fix of the `index`th finding of `check(text, options)`, resolved against
/// `text` (copies taken from it, line breaks as it writes them); `None` when that finding has no
/// fix.
pub fn fix_edits(text: &str, index: usize, options: &Options) -> Option<Vec<EditOut>> {
    let report = immuta_preflight_core::check(text, options);
    let fix = report.diagnostics.get(index)?.fix.as_ref()?;
    let lines = LineIndex::new(text);
    let edits = fix.resolve(text).into_iter();
    Some(
        edits
            .map(|e| EditOut { from: lines.utf16(e.span.start), to: lines.utf16(e.span.end), insert: e.text })
            .collect(),
    )
}

// The options of `render` (unknown members refused by the wasm door, as for [`JsOptions`]).
#[derive(Debug, Default, Deserialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct RenderOptions {
    /// The checked text: the text format then shows code frames, with secrets masked.
    #[cfg_attr(feature = "typescript", ts(optional))]
    source: Option<String>,
    /// The file name in the output; `<input>` when not given.
    #[cfg_attr(feature = "typescript", ts(optional))]
    path: Option<String>,
    /// ANSI colours in the text format; off when not given.
    #[cfg_attr(feature = "typescript", ts(optional))]
    color: Option<bool>,
}

impl RenderOptions {
    pub const NAMES: &[&str] = &["source", "path", "color"];
}

/// Renders a report (as `check` returned it, or edited by the caller) with the CLI's renderers.
pub fn render(report: ReportIn, format: &str, options: RenderOptions) -> Result<String, String> {
    let format = OutputFormat::from_id(format)
        .ok_or_else(|| format!("unknown format `{format}`; use \"text\", \"json\", \"sarif\" or \"github\""))?;
    let source = options.source.unwrap_or_default();
    let report = report.into_report(&source)?;
    let path = options.path.unwrap_or_else(|| "<input>".to_string());
    let file = FileResult { path: &path, source: &source, report: &report };
    Ok(crate::render::render(format, &[file], options.color.unwrap_or(false)))
}

/// A report coming back from JavaScript. Positions are read from line and column (the UTF-16
/// offsets are derived data); members the renderers do not use are ignored.
#[derive(Debug, Deserialize)]
pub struct ReportIn {
    #[serde(default)]
    kind: Option<String>,
    diagnostics: Vec<JsonDiagnostic<'static>>,
}

impl ReportIn {
    /// The report as the renderers take it. With a `source`, spans are found from line and
    /// column, and the source's secrets are masked whatever the report says.
    fn into_report(self, source: &str) -> Result<Report, String> {
        let kind = self.kind.as_deref().map(Kind::parse).transpose()?;
        let index = LineIndex::new(source);
        let span = |l: Location| -> Span {
            if source.is_empty() {
                return Span::default();
            }
            let start = index.offset_of(l.line, l.column.saturating_sub(1));
            let end = index.offset_of(l.end_line, l.end_column.saturating_sub(1)).max(start);
            Span::new(start, end)
        };
        let diagnostics = self
            .diagnostics
            .into_iter()
            .map(|d| {
                let location = d.range.location;
                let fix = d.fix.map(|fix| Fix {
                    message: fix.message.into_owned(),
                    edits: fix.edits.into_iter().map(|e| edit(e, &span)).collect(),
                });
                Ok(Diagnostic {
                    code: known_code(&d.code)?,
                    severity: d.severity,
                    message: d.message.into_owned(),
                    pointer: d.pointer.into_owned(),
                    span: span(location),
                    location,
                    help: d.help.map(Cow::into_owned),
                    fix,
                    related: Vec::new(),
                })
            })
            .collect::<Result<Vec<_>, String>>()?;
        let redactions = immuta_preflight_core::redactions(source);
        Ok(Report {
            kind,
            technology: None,
            authentication_type: None,
            format: Format::Json,
            diagnostics,
            redactions,
            facts: Vec::new(),
        })
    }
}

/// An edit read back: its range from line and column, its parts as they were written.
fn edit(edit: JsonEdit<'_>, span: &dyn Fn(Location) -> Span) -> Edit {
    let location = edit.range.location;
    let parts = match edit.content {
        JsonEditContent::Parts { parts } => parts
            .into_iter()
            .map(|part| match part {
                JsonPart::Text(text) => Part::Text(text.into_owned()),
                JsonPart::CopyFrom(range) => Part::Copy { from: span(range.location), location: range.location },
            })
            .collect(),
        JsonEditContent::Text { text } => vec![Part::Text(text.into_owned())],
    };
    Edit { span: span(location), location, parts }
}

#[cfg(test)]
mod tests {
    use super::*;
    use immuta_preflight_core::check;

    fn round_trip(text: &str) -> ReportIn {
        let checked = check(text, &Options::default());
        let value = serde_json::to_value(report(&checked, text)).unwrap();
        serde_json::from_value(value).unwrap()
    }

    const PAYLOAD: &str =
        "{\n  \"city\": \"Zürich 🚀\", \"connectionKey\": \"Bad Key\",\n  \"technology\": \"Snowflake\"\n}";

    #[test]
    fn completion_offsets_are_utf16_code_units() {
        let text = "{\"connectionKey\": \"𝄞\", \"connection\": {\"technology\": \"Snowflake\", \"wa\"}}";
        let cursor = text.encode_utf16().count() - 3;
        let found = completions(text, cursor, &Options::default());
        let warehouse = found.iter().find(|c| c.label == "warehouse").expect("warehouse");
        let units: Vec<u16> = text.encode_utf16().collect();
        assert_eq!(String::from_utf16(&units[warehouse.from..warehouse.to]).unwrap(), "\"wa\"");
    }

    #[test]
    fn a_fix_is_resolved_with_the_texts_line_breaks_and_utf16_offsets() {
        let text = "{\r\n  \"city\": \"Zürich\",\r\n  \"connectionKey\": \"sf\",\r\n  \"connection\": {\r\n    \"technology\": \"Snowflake\",\r\n    \"port\": \"443\"\r\n  }\r\n}\r\n";
        let checked = check(text, &Options::default());
        let index = checked.diagnostics.iter().position(|d| d.code == Code::WrongType).expect("the port as a string");
        let edits = fix_edits(text, index, &Options::default()).expect("a fix");
        let units: Vec<u16> = text.encode_utf16().collect();
        assert_eq!(String::from_utf16(&units[edits[0].from..edits[0].to]).unwrap(), "\"443\"");
        assert_eq!(edits[0].insert, "443");
        assert_eq!(fix_edits(text, checked.diagnostics.len(), &Options::default()), None);
    }

    #[test]
    fn offsets_are_utf16_code_units() {
        let checked = check(PAYLOAD, &Options { kind: Some(Kind::Connection), ..Default::default() });
        let value = serde_json::to_value(report(&checked, PAYLOAD)).unwrap();
        let key = value["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["code"] == "connection-key")
            .expect("the connection key is reported");
        let bad = PAYLOAD.find("\"Bad Key\"").unwrap();
        let utf16: Vec<u16> = PAYLOAD.encode_utf16().collect();
        let start = key["start"].as_u64().unwrap() as usize;
        let end = key["end"].as_u64().unwrap() as usize;
        assert_eq!(String::from_utf16(&utf16[start..end]).unwrap(), "\"Bad Key\"");
        assert_eq!(start, bad - 3, "ü is 1 unit for 2 bytes, 🚀 2 units for 4 bytes");
        assert_eq!((key["line"].as_u64(), key["column"].as_u64()), (Some(2), Some(40)));
    }

    #[test]
    fn a_report_renders_the_same_after_a_round_trip() {
        let checked = check(PAYLOAD, &Options::default());
        for format in OutputFormat::ALL {
            let direct = crate::render::render(
                format,
                &[FileResult { path: "p.json", source: PAYLOAD, report: &checked }],
                false,
            );
            let options = RenderOptions { source: Some(PAYLOAD.into()), path: Some("p.json".into()), color: None };
            let id = serde_json::to_value(format).unwrap();
            assert_eq!(render(round_trip(PAYLOAD), id.as_str().unwrap(), options).unwrap(), direct);
        }
    }

    #[test]
    fn without_the_source_there_are_no_frames_and_fixes_keep_their_positions() {
        let text = "{\"connectionKey\": \"sf\", \"connection\": {\"technology\": \"Snowflake\", \"port\": \"443\"}}";
        let json = render(round_trip(text), "json", RenderOptions::default()).unwrap();
        assert!(json.contains("\"column\": 75"), "the fix's edit keeps its position: {json}");
        let with_source = crate::render::render(
            OutputFormat::Json,
            &[FileResult { path: "<input>", source: text, report: &check(text, &Options::default()) }],
            false,
        );
        assert_eq!(json, with_source);
        let plain = render(round_trip(text), "text", RenderOptions::default()).unwrap();
        assert!(plain.starts_with("<input>:1:"), "{plain}");
        assert!(!plain.contains(" | "), "no code frame without the source: {plain}");
    }

    #[test]
    fn bad_input_gets_a_clear_error() {
        let mut report = round_trip(PAYLOAD);
        assert!(render(round_trip(PAYLOAD), "xml", RenderOptions::default()).unwrap_err().contains("\"sarif\""));
        report.diagnostics[0].code = "catalog-nme".into();
        let error = render(report, "text", RenderOptions::default()).unwrap_err();
        assert_eq!(error, "unknown rule code `catalog-nme`; did you mean `catalog-name`?");
        let options = JsOptions { kind: Some("conection".into()), ..Default::default() };
        assert_eq!(options.resolve().unwrap_err(), "unknown kind `conection`; did you mean `connection`?");
        assert_eq!(
            fix_codes(Some(vec!["private-key-newline".into()])).unwrap_err(),
            "unknown rule code `private-key-newline`; did you mean `private-key-newlines`?"
        );
        assert_eq!(fix_codes(None), Ok(None));
    }
}
