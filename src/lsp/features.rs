//! What the server answers about a document, in lsp-types' typed values: its diagnostics, code
//! actions, hover and completion. Each is the service's answer (`editor`, `complete`), converted:
//! the VS Code extension converts the same answers into VS Code's values.

use immuta_preflight_core::position::{LineIndex, Unit};
use immuta_preflight_core::{Diagnostic, Severity};
use immuta_preflight_service::complete::complete;
use immuta_preflight_service::documents::Document;
use immuta_preflight_service::editor::{self, ActionKind};
use lsp_types as lsp;
use std::collections::HashMap;

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
    editor::rule_url(code).parse().ok()
}

/// The service's code actions in the range: a quick fix for each finding with a fix, and "Fix all".
pub fn code_actions(
    document: &mut Document,
    params: &lsp::CodeActionParams,
    unit: Unit,
) -> Vec<lsp::CodeActionOrCommand> {
    let text = document.text.clone();
    let lines = LineIndex::new(&text);
    let from = lines.offset_at(params.range.start.line as usize, params.range.start.character as usize, unit);
    let to = lines.offset_at(params.range.end.line as usize, params.range.end.character as usize, unit);
    let uri = &params.text_document.uri;
    // Always with "Fix all": clients ask for code actions when the user does.
    let actions = editor::actions(document, from, to, true);
    let findings = editor::published(document.report());
    actions
        .into_iter()
        .map(|action| {
            let edits = action
                .edits
                .into_iter()
                .map(|e| lsp::TextEdit { range: range(&lines, e.span.start, e.span.end, unit), new_text: e.text })
                .collect();
            let (kind, diagnostics) = match action.kind {
                ActionKind::QuickFix => (
                    lsp::CodeActionKind::QUICKFIX,
                    action.finding.and_then(|i| findings.get(i)).map(|f| vec![diagnostic(f, &lines, unit, uri)]),
                ),
                ActionKind::FixAll => (lsp::CodeActionKind::SOURCE_FIX_ALL, None),
            };
            lsp::CodeActionOrCommand::CodeAction(lsp::CodeAction {
                title: action.title,
                kind: Some(kind),
                diagnostics,
                edit: Some(lsp::WorkspaceEdit {
                    changes: Some(HashMap::from([(uri.clone(), edits)])),
                    ..lsp::WorkspaceEdit::default()
                }),
                ..lsp::CodeAction::default()
            })
        })
        .collect()
}

/// The service's hover: a finding's rule documentation, or a field's.
pub fn hover(document: &Document, position: lsp::Position, unit: Unit) -> Option<lsp::Hover> {
    let lines = LineIndex::new(&document.text);
    let offset = lines.offset_at(position.line as usize, position.character as usize, unit);
    let found = editor::hover(document, offset)?;
    Some(markdown(found.markdown, range(&lines, found.span.start, found.span.end, unit)))
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
