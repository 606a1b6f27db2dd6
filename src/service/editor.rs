//! What an editor shows about an open document, in the service's terms (byte offsets into its
//! text): the findings it publishes, the hover, and the code actions. The language server turns
//! these into lsp-types values and the VS Code extension (through the wasm door's `Editor`) into
//! VS Code's, so both say the same things in the same words.

use crate::documents::Document;
use immuta_preflight_core::diagnostic::Span;
use immuta_preflight_core::{Diagnostic, Report, apply_fixes, rules};

/// Where every rule's documentation is, one anchor per rule code.
pub const RULES_URL: &str = "https://github.com/immuta-preflight/immuta-preflight/blob/main/docs/rules.md";

/// The documentation of the rule `code`, on the web.
pub fn rule_url(code: &str) -> String {
    format!("{RULES_URL}#{code}")
}

/// The findings an editor shows for the document: none when its text is not an Immuta payload
/// (a `package.json`, a workflow), as `check --payloads-only`, unless the config file gives it a
/// kind.
pub fn published(report: &Report) -> &[Diagnostic] {
    if report.kind.is_none() { &[] } else { &report.diagnostics }
}

/// Markdown about the place at `offset`, and the range it is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hover {
    pub markdown: String,
    pub span: Span,
}

/// On a finding: its rule's documentation (the text of `explain`). Elsewhere on a field's name or
/// value: what the schema variant in force says of the field, and the values it allows. Only a
/// report already made is read: a hover never waits for a check.
pub fn hover(document: &Document, offset: usize) -> Option<Hover> {
    let finding = document
        .report
        .as_ref()
        .filter(|r| r.kind.is_some())
        .and_then(|r| r.diagnostics.iter().find(|d| d.span.start <= offset && offset <= d.span.end));
    if let Some(finding) = finding
        && let Some(rule) = rules::find(finding.code.as_str())
    {
        let markdown = format!("**{}** ({})\n\n{}\n\n{}", rule.code, rule.severity.as_str(), rule.summary, rule.doc);
        return Some(Hover { markdown, span: finding.span });
    }
    let field = crate::complete::describe(&document.text, offset, document.options.kind, document.options.format)?;
    let mut markdown = format!("**`{}`** (`{}`)", field.name, field.pointer);
    if let Some(description) = &field.description {
        markdown.push_str(&format!("\n\n{description}"));
    }
    if !field.values.is_empty() {
        let values: Vec<String> = field.values.iter().map(|v| format!("`{v}`")).collect();
        markdown.push_str(&format!("\n\nAllowed values: {}", values.join(", ")));
    }
    Some(Hover { markdown, span: Span::new(field.from, field.to) })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActionKind {
    /// The fix of one finding.
    QuickFix,
    /// Every safe fix at once, as `check --fix`: what `editor.codeActionsOnSave` runs.
    FixAll,
}

/// A change the editor offers: its title, and the edits it makes to the document's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Action {
    pub title: String,
    pub kind: ActionKind,
    /// The index of the finding a quick fix resolves, in [`published`].
    pub finding: Option<usize>,
    pub edits: Vec<immuta_preflight_core::fixes::TextEdit>,
}

/// A quick fix for each finding in `from..=to` that has a fix, and, with `fix_all`, "Fix all" when
/// any finding has one. "Fix all" fixes the whole text (a second check): an editor that asks for
/// actions on every move of the cursor, only to light a bulb, leaves it out.
pub fn actions(document: &mut Document, from: usize, to: usize, fix_all: bool) -> Vec<Action> {
    if document.failed {
        return Vec::new();
    }
    let text = document.text.clone();
    let options = document.options.clone();
    let findings = published(document.report());
    let mut actions: Vec<Action> = findings
        .iter()
        .enumerate()
        .filter(|(_, finding)| finding.span.end >= from && finding.span.start <= to)
        .filter_map(|(index, finding)| {
            let fix = finding.fix.as_ref()?;
            Some(Action {
                title: format!("{} ({})", fix.message, finding.code.as_str()),
                kind: ActionKind::QuickFix,
                finding: Some(index),
                edits: fix.resolve(&text),
            })
        })
        .collect();
    if fix_all && findings.iter().any(|d| d.fix.is_some()) {
        let fixed = apply_fixes(&text, &options, None);
        actions.push(Action {
            title: "Fix all safe issues (immuta-preflight)".into(),
            kind: ActionKind::FixAll,
            finding: None,
            edits: vec![immuta_preflight_core::fixes::TextEdit { span: Span::new(0, text.len()), text: fixed }],
        });
    }
    actions
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::documents::Documents;
    use immuta_preflight_core::Options;

    /// The README's demo: a quoted port (fixable), two values that must equal their twins
    /// (fixable, one of them a token), and more.
    const DEMO: &str = include_str!("../../tests/fixtures/invalid/demo-databricks-connection.json");
    const TOKEN: &str = "dapi00000000000000000000000000000005";

    #[test]
    fn a_text_that_is_no_payload_publishes_nothing_and_offers_nothing() {
        let mut documents = Documents::default();
        documents.open("file:///package.json", "{\"name\": \"x\", \"private\": 3}".into(), None, Options::default());
        let document = documents.get_mut("file:///package.json").expect("open");
        assert!(published(document.report()).is_empty());
        assert!(actions(document, 0, 100, true).is_empty());
    }

    #[test]
    fn a_fix_all_action_is_offered_with_the_quick_fixes_and_equals_apply_fixes() {
        let mut documents = Documents::default();
        documents.open("file:///c.json", DEMO.into(), None, Options::default());
        let document = documents.get_mut("file:///c.json").expect("open");
        let port = DEMO.find("\"443\"").expect("the quoted port");
        let offered = actions(document, port, port, true);
        assert_eq!(offered.len(), 2, "{offered:?}");
        let quick = &offered[0];
        assert_eq!((quick.kind, quick.title.as_str()), (ActionKind::QuickFix, "remove the quotes (wrong-type)"));
        assert_eq!(quick.edits.iter().map(|e| e.text.as_str()).collect::<Vec<_>>(), ["443"]);
        assert_eq!(offered[1].kind, ActionKind::FixAll);
        assert_eq!(offered[1].edits[0].text, apply_fixes(DEMO, &Options::default(), None));
        let everywhere = actions(document, 0, DEMO.len(), true);
        assert_eq!(everywhere.iter().filter(|a| a.kind == ActionKind::QuickFix).count(), 3, "{everywhere:?}");
        assert_eq!(actions(document, 0, DEMO.len(), false).len(), 3, "no \"Fix all\" unless asked for");
        assert!(everywhere.iter().all(|a| !a.title.contains(TOKEN)), "a title never quotes the token");
        // Far from every finding: only "Fix all".
        let none_here = actions(document, 0, 1, true);
        assert!(none_here.iter().all(|a| a.kind == ActionKind::FixAll), "{none_here:?}");
        assert!(hover(document, port).is_some_and(|h| h.markdown.starts_with("**wrong-type**")));
    }

    #[test]
    fn the_hover_on_a_finding_is_its_rules_documentation() {
        let mut documents = Documents::default();
        documents.open("file:///c.json", DEMO.into(), None, Options::default());
        let document = documents.get_mut("file:///c.json").expect("open");
        let finding = published(document.report()).iter().find(|d| d.code.as_str() == "catalog-name").cloned();
        let finding = finding.expect("the catalog's finding");
        let hover = hover(document, finding.span.start + 1).expect("a hover");
        assert!(hover.markdown.starts_with("**catalog-name** (error)"), "{}", hover.markdown);
        assert_eq!(hover.span, finding.span);
        assert_eq!(rule_url("syntax"), format!("{RULES_URL}#syntax"));
    }
}
