//! What the server answers about a document: its diagnostics in the protocol's terms, code
//! actions, hover and completion. Each draws on the library (`check`, `apply_fixes`, `rules`,
//! `complete`), as the command line and the page do.

use super::Document;
use super::position::{Encoding, Lines};
use immuta_preflight::complete::{complete, describe};
use immuta_preflight::{Diagnostic, Part, Severity, apply_fixes, rules};
use lsp_types as lsp;
use serde_json::{Value, json};

const RULES_URL: &str = "https://github.com/immuta-preflight/immuta-preflight/blob/main/README.md#rules";

pub fn diagnostic(finding: &Diagnostic, lines: &Lines, encoding: Encoding, uri: &lsp::Uri) -> Value {
    let severity = match finding.severity {
        Severity::Error => 1,
        Severity::Warning => 2,
        Severity::Info => 3,
    };
    let range = range(lines, finding.span.start, finding.span.end, encoding);
    let mut value = json!({
        "range": range,
        "severity": severity,
        "code": finding.code.as_str(),
        "codeDescription": { "href": RULES_URL },
        "source": "immuta-preflight",
        "message": finding.message,
    });
    if let Some(help) = &finding.help {
        value["relatedInformation"] =
            json!([{ "location": { "uri": uri, "range": range }, "message": format!("help: {help}") }]);
    }
    value
}

/// A quick fix for each finding in the range that has a fix, and "Fix all" when any has one.
pub fn code_actions(document: &mut Document, params: &lsp::CodeActionParams, encoding: Encoding) -> Value {
    let text = document.text.clone();
    let options = document.options.clone();
    if document.failed {
        return json!([]);
    }
    let report = document.report();
    if report.kind.is_none() {
        return json!([]);
    }
    let lines = Lines::new(&text);
    let from = lines.offset(params.range.start, encoding);
    let to = lines.offset(params.range.end, encoding);
    let uri = &params.text_document.uri;
    let mut actions = Vec::new();
    for finding in &report.diagnostics {
        let Some(fix) = &finding.fix else { continue };
        if finding.span.end < from || finding.span.start > to {
            continue;
        }
        let edits: Vec<Value> = fix
            .edits
            .iter()
            .map(|edit| {
                let new_text: String = edit
                    .parts
                    .iter()
                    .map(|part| match part {
                        Part::Text(text) => text.as_str(),
                        Part::Copy { from, .. } => text.get(from.start..from.end).unwrap_or_default(),
                    })
                    .collect();
                json!({ "range": range(&lines, edit.span.start, edit.span.end, encoding), "newText": new_text })
            })
            .collect();
        actions.push(json!({
            "title": format!("{} ({})", fix.message, finding.code.as_str()),
            "kind": "quickfix",
            "diagnostics": [diagnostic(finding, &lines, encoding, uri)],
            "edit": { "changes": { uri.as_str(): edits } },
        }));
    }
    if report.diagnostics.iter().any(|d| d.fix.is_some()) {
        let fixed = apply_fixes(&text, &options, None);
        actions.push(json!({
            "title": "Fix all safe issues (immuta-preflight)",
            "kind": "source.fixAll",
            "edit": { "changes": { uri.as_str(): [{
                "range": range(&lines, 0, text.len(), encoding),
                "newText": fixed,
            }] } },
        }));
    }
    Value::Array(actions)
}

/// On a finding: its rule's documentation (the text of `explain`). Elsewhere on a field's name or
/// value: what the schema variant in force says of the field, and the values it allows.
pub fn hover(document: &Document, position: lsp::Position, encoding: Encoding) -> Value {
    let text = document.text.clone();
    let lines = Lines::new(&text);
    let offset = lines.offset(position, encoding);
    // Only a report already made: a hover never waits for a check.
    let finding = document
        .report
        .as_ref()
        .filter(|r| r.kind.is_some())
        .and_then(|r| r.diagnostics.iter().find(|d| d.span.start <= offset && offset <= d.span.end));
    if let Some(finding) = finding
        && let Some(rule) = rules::find(finding.code.as_str())
    {
        let value = format!("**{}** ({})\n\n{}\n\n{}", rule.code, rule.severity.as_str(), rule.summary, rule.doc);
        return json!({
            "contents": { "kind": "markdown", "value": value },
            "range": range(&lines, finding.span.start, finding.span.end, encoding),
        });
    }
    let Some(field) = describe(&text, offset, document.options.kind, document.options.format) else {
        return Value::Null;
    };
    let mut value = format!("**`{}`** (`{}`)", field.name, field.pointer);
    if let Some(description) = &field.description {
        value.push_str(&format!("\n\n{description}"));
    }
    if !field.values.is_empty() {
        let values: Vec<String> = field.values.iter().map(|v| format!("`{v}`")).collect();
        value.push_str(&format!("\n\nAllowed values: {}", values.join(", ")));
    }
    json!({
        "contents": { "kind": "markdown", "value": value },
        "range": range(&lines, field.from, field.to, encoding),
    })
}

/// Member names the variant allows at the cursor and not yet present, or the values of the
/// member being written; each replaces what is typed of it.
pub fn completion(document: &Document, position: lsp::Position, encoding: Encoding) -> Value {
    let lines = Lines::new(&document.text);
    let offset = lines.offset(position, encoding);
    let found = complete(&document.text, offset, document.options.kind, document.options.format);
    let items: Vec<Value> = found
        .iter()
        .map(|c| {
            let filter = c.insert.trim_end_matches([':', ' ']);
            let mut item = json!({
                "label": c.label,
                // Property and Value.
                "kind": if c.kind == "member" { 10 } else { 12 },
                "filterText": filter,
                "textEdit": { "range": range(&lines, c.from, c.to, encoding), "newText": c.insert },
            });
            if let Some(detail) = &c.detail {
                item["documentation"] = json!({ "kind": "markdown", "value": detail });
            }
            item
        })
        .collect();
    json!({ "isIncomplete": false, "items": items })
}

fn range(lines: &Lines, start: usize, end: usize, encoding: Encoding) -> lsp::Range {
    lsp::Range { start: lines.position(start, encoding), end: lines.position(end, encoding) }
}
