//! What the server answers about a document, in lsp-types' typed values: its diagnostics, code
//! actions, hover and completion. Each draws on the core and the service (`check`, a fix
//! resolved against the text, `apply_fixes`, the rules' docs, completion and hover), as the
//! command line and the page do.

use immuta_preflight_core::position::{LineIndex, Unit};
use immuta_preflight_core::{Diagnostic, Severity, apply_fixes, rules};
use immuta_preflight_service::complete::{complete, describe};
use immuta_preflight_service::documents::Document;
use lsp_types as lsp;
use std::collections::HashMap;

const RULES_URL: &str = "https://github.com/immuta-preflight/immuta-preflight/blob/main/docs/rules.md";

/// A finding in the protocol's terms.
pub fn diagnostic(finding: &Diagnostic, lines: &LineIndex, unit: Unit, uri: &lsp::Uri) -> lsp::Diagnostic {
    let severity = match finding.severity {
        Severity::Error => lsp::DiagnosticSeverity::ERROR,
        Severity::Warning => lsp::DiagnosticSeverity::WARNING,
        Severity::Info => lsp::DiagnosticSeverity::INFORMATION,
    };
    let range = range(lines, finding.span.start, finding.span.end, unit);
    let related = finding.help.as_ref().map(|help| {
        vec![lsp::DiagnosticRelatedInformation {
            location: lsp::Location { uri: uri.clone(), range },
            message: format!("help: {help}"),
        }]
    });
    lsp::Diagnostic {
        range,
        severity: Some(severity),
        code: Some(lsp::NumberOrString::String(finding.code.as_str().to_string())),
        code_description: rules_url(finding.code.as_str()).map(|href| lsp::CodeDescription { href }),
        source: Some("immuta-preflight".into()),
        message: finding.message.clone(),
        related_information: related,
        ..lsp::Diagnostic::default()
    }
}

/// The documentation of a rule, on the web.
fn rules_url(code: &str) -> Option<lsp::Uri> {
    format!("{RULES_URL}#{code}").parse().ok()
}

/// A quick fix for each finding in the range that has a fix, and "Fix all" when any has one.
pub fn code_actions(
    document: &mut Document,
    params: &lsp::CodeActionParams,
    unit: Unit,
) -> Vec<lsp::CodeActionOrCommand> {
    let text = document.text.clone();
    let options = document.options.clone();
    if document.failed {
        return Vec::new();
    }
    let report = document.report();
    if report.kind.is_none() {
        return Vec::new();
    }
    let lines = LineIndex::new(&text);
    let from = lines.offset_at(params.range.start.line as usize, params.range.start.character as usize, unit);
    let to = lines.offset_at(params.range.end.line as usize, params.range.end.character as usize, unit);
    let uri = &params.text_document.uri;
    let edit = |edits: Vec<lsp::TextEdit>| lsp::WorkspaceEdit {
        changes: Some(HashMap::from([(uri.clone(), edits)])),
        ..lsp::WorkspaceEdit::default()
    };
    let mut actions = Vec::new();
    for finding in &report.diagnostics {
        let Some(fix) = &finding.fix else { continue };
        if finding.span.end < from || finding.span.start > to {
            continue;
        }
        let edits = fix
            .resolve(&text)
            .into_iter()
            .map(|e| lsp::TextEdit { range: range(&lines, e.span.start, e.span.end, unit), new_text: e.text })
            .collect();
        actions.push(lsp::CodeActionOrCommand::CodeAction(lsp::CodeAction {
            title: format!("{} ({})", fix.message, finding.code.as_str()),
            kind: Some(lsp::CodeActionKind::QUICKFIX),
            diagnostics: Some(vec![diagnostic(finding, &lines, unit, uri)]),
            edit: Some(edit(edits)),
            ..lsp::CodeAction::default()
        }));
    }
    if report.diagnostics.iter().any(|d| d.fix.is_some()) {
        let fixed = apply_fixes(&text, &options, None);
        let whole = lsp::TextEdit { range: range(&lines, 0, text.len(), unit), new_text: fixed };
        actions.push(lsp::CodeActionOrCommand::CodeAction(lsp::CodeAction {
            title: "Fix all safe issues (immuta-preflight)".into(),
            kind: Some(lsp::CodeActionKind::SOURCE_FIX_ALL),
            edit: Some(edit(vec![whole])),
            ..lsp::CodeAction::default()
        }));
    }
    actions
}

/// On a finding: its rule's documentation (the text of `explain`). Elsewhere on a field's name or
/// value: what the schema variant in force says of the field, and the values it allows.
pub fn hover(document: &Document, position: lsp::Position, unit: Unit) -> Option<lsp::Hover> {
    let text = document.text.clone();
    let lines = LineIndex::new(&text);
    let offset = lines.offset_at(position.line as usize, position.character as usize, unit);
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
        return Some(markdown(value, range(&lines, finding.span.start, finding.span.end, unit)));
    }
    let field = describe(&text, offset, document.options.kind, document.options.format)?;
    let mut value = format!("**`{}`** (`{}`)", field.name, field.pointer);
    if let Some(description) = &field.description {
        value.push_str(&format!("\n\n{description}"));
    }
    if !field.values.is_empty() {
        let values: Vec<String> = field.values.iter().map(|v| format!("`{v}`")).collect();
        value.push_str(&format!("\n\nAllowed values: {}", values.join(", ")));
    }
    Some(markdown(value, range(&lines, field.from, field.to, unit)))
}

fn markdown(value: String, range: lsp::Range) -> lsp::Hover {
    lsp::Hover {
        contents: lsp::HoverContents::Markup(lsp::MarkupContent { kind: lsp::MarkupKind::Markdown, value }),
        range: Some(range),
    }
}

/// Member names the variant allows at the cursor and not yet present, or the values of the
/// member being written; each replaces what is typed of it.
pub fn completion(document: &Document, position: lsp::Position, unit: Unit) -> lsp::CompletionList {
    let lines = LineIndex::new(&document.text);
    let offset = lines.offset_at(position.line as usize, position.character as usize, unit);
    let found = complete(&document.text, offset, document.options.kind, document.options.format);
    let items = found
        .into_iter()
        .map(|c| lsp::CompletionItem {
            kind: Some(if c.kind == "member" {
                lsp::CompletionItemKind::PROPERTY
            } else {
                lsp::CompletionItemKind::VALUE
            }),
            filter_text: Some(c.insert.trim_end_matches([':', ' ']).to_string()),
            text_edit: Some(lsp::CompletionTextEdit::Edit(lsp::TextEdit {
                range: range(&lines, c.from, c.to, unit),
                new_text: c.insert,
            })),
            documentation: c.detail.map(|value| {
                lsp::Documentation::MarkupContent(lsp::MarkupContent { kind: lsp::MarkupKind::Markdown, value })
            }),
            label: c.label,
            ..lsp::CompletionItem::default()
        })
        .collect();
    lsp::CompletionList { is_incomplete: false, items }
}

fn range(lines: &LineIndex, start: usize, end: usize, unit: Unit) -> lsp::Range {
    lsp::Range { start: position(lines, start, unit), end: position(lines, end, unit) }
}

pub fn position(lines: &LineIndex, offset: usize, unit: Unit) -> lsp::Position {
    let (line, character) = lines.line_column(offset, unit);
    lsp::Position { line: line as u32, character: character as u32 }
}
