//! Every rule: one module, one stable kebab-case code, and its documentation written once beside
//! it in the module's `RULE` constant. `immuta-preflight explain`, `rules`, the README table and
//! the wasm API all read these constants.

pub mod bigquery_credential;
pub mod catalog_name;
pub mod connection_key;
pub mod curl_command;
pub mod disputed_field;
pub mod duplicate_key;
pub mod input_limit;
pub mod invalid_value;
pub mod mismatch;
pub mod missing_field;
pub mod placeholder;
pub mod private_key_format;
pub mod private_key_newlines;
pub mod private_key_password;
pub mod recommended_setting;
pub mod syntax;
pub mod unconfirmed;
pub mod unknown_field;
pub mod unknown_kind;
pub mod wrong_type;

use crate::diagnostic::{Diagnostic, Severity, Span};
use crate::document::{Node, Value, dotted, split_pointer};
use crate::input::Format;
use crate::kind::{Kind, Technology, Variant};
use crate::{pem, secrets};
use serde::Serialize;
use std::cell::OnceCell;

/// A rule's identity and documentation. `doc` is Markdown with the sections *What it checks*,
/// *Why*, *Example* and *Fix*.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Rule {
    pub code: &'static str,
    /// The usual severity; a few findings of a rule are softer (see the rule's doc).
    pub severity: Severity,
    pub summary: &'static str,
    pub doc: &'static str,
}

/// Every rule, in the order the README lists them.
pub const ALL: &[&Rule] = &[
    &syntax::RULE,
    &missing_field::RULE,
    &wrong_type::RULE,
    &invalid_value::RULE,
    &unknown_field::RULE,
    &catalog_name::RULE,
    &connection_key::RULE,
    &mismatch::RULE,
    &private_key_newlines::RULE,
    &private_key_format::RULE,
    &private_key_password::RULE,
    &placeholder::RULE,
    &recommended_setting::RULE,
    &bigquery_credential::RULE,
    &duplicate_key::RULE,
    &disputed_field::RULE,
    &unconfirmed::RULE,
    &unknown_kind::RULE,
    &curl_command::RULE,
    &input_limit::RULE,
];

pub fn find(code: &str) -> Option<&'static Rule> {
    ALL.iter().copied().find(|rule| rule.code == code)
}

/// The rule table of the README, generated from the rules themselves (a test keeps them equal).
pub fn markdown_table() -> String {
    let mut out = String::from("| code | severity | what it checks |\n|---|---|---|\n");
    for rule in ALL {
        out.push_str(&format!(
            "| `{}` | {} | {} |\n",
            rule.code,
            rule.severity.as_str(),
            rule.summary.replace('|', "\\|")
        ));
    }
    out
}

/// What a rule sees: the tree, the source text, and what the payload was found to be.
pub struct Context<'a> {
    pub root: &'a Node,
    pub source: &'a str,
    pub kind: Kind,
    pub variant: &'a Variant,
    pub format: Format,
    keys: OnceCell<Vec<KeyValue<'a>>>,
}

/// A private-key field present in the payload as a string, analysed once for all key rules.
pub struct KeyValue<'a> {
    pub site: &'static pem::Site,
    pub node: &'a Node,
    pub text: &'a str,
    pub facts: pem::Facts,
}

impl<'a> Context<'a> {
    pub fn new(root: &'a Node, source: &'a str, kind: Kind, variant: &'a Variant, format: Format) -> Self {
        Context { root, source, kind, variant, format, keys: OnceCell::new() }
    }

    /// Every private-key field holding a string, with its PEM facts.
    pub fn keys(&self) -> &[KeyValue<'a>] {
        self.keys.get_or_init(|| {
            pem::SITES
                .iter()
                .filter_map(|site| {
                    let node = self.root.pointer(site.pointer)?;
                    let text = node.as_str()?;
                    Some(KeyValue { site, node, text, facts: pem::analyze(text) })
                })
                .collect()
        })
    }
}

impl Context<'_> {
    pub fn technology(&self) -> Option<Technology> {
        self.variant.technology
    }

    pub fn node(&self, pointer: &str) -> Option<&Node> {
        self.root.pointer(pointer)
    }

    /// A value for a message: quoted text, or `None` when the field holds a secret.
    pub fn shown(&self, pointer: &str, node: &Node) -> Option<String> {
        if secrets::is_secret(pointer) {
            return None;
        }
        Some(match &node.value {
            Value::String(s) => format!("\"{}\"", truncate(s, 80)),
            Value::Object(_) => "an object".to_string(),
            Value::Array(_) => "an array".to_string(),
            _ => node.to_json().to_string(),
        })
    }

    /// Where a missing member of the object at `parent` belongs: the parent's member name, or the
    /// start of the document for a top-level member.
    pub fn missing_span(&self, parent: &str) -> Span {
        if let Some(member) = self.root.pointer_member(parent) {
            return member.key_span;
        }
        let start = self.root.span.start;
        let width = self.source[start..].chars().next().map_or(0, char::len_utf8);
        Span::new(start, start + width)
    }

    /// The span to underline for the value at `pointer` (its key when the value is an object).
    pub fn value_span(&self, pointer: &str) -> Span {
        match (self.root.pointer(pointer), self.root.pointer_member(pointer)) {
            (Some(node), Some(member)) if matches!(node.value, Value::Object(_) | Value::Array(_)) => member.key_span,
            (Some(node), _) => node.span,
            (None, _) => split_pointer(pointer).map_or(Span::default(), |(parent, _)| self.missing_span(parent)),
        }
    }

    /// The source text of a node (for copy fixes and code frames).
    pub fn text(&self, span: Span) -> &str {
        self.source.get(span.start..span.end).unwrap_or("")
    }

    pub fn diagnostic(&self, rule: &Rule, pointer: &str, span: Span, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(rule.code, rule.severity, pointer, span, message)
    }
}

/// `config.port` in backticks, the way messages name fields; the root is "the payload".
pub fn field(pointer: &str) -> String {
    if pointer.is_empty() { dotted(pointer) } else { format!("`{}`", dotted(pointer)) }
}

pub fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let cut: String = text.chars().take(max).collect();
        format!("{cut}…")
    }
}

/// Runs every rule that reads the parsed tree (the schema-derived ones are run by `check`).
pub fn run_all(ctx: &Context, out: &mut Vec<Diagnostic>) {
    catalog_name::run(ctx, out);
    connection_key::run(ctx, out);
    mismatch::run(ctx, out);
    private_key_newlines::run(ctx, out);
    private_key_format::run(ctx, out);
    private_key_password::run(ctx, out);
    bigquery_credential::run(ctx, out);
    placeholder::run(ctx, out);
    recommended_setting::run(ctx, out);
    disputed_field::run(ctx, out);
    unconfirmed::run(ctx, out);
    missing_field::run_soft(ctx, out);
    invalid_value::run_endpoint_checks(ctx, out);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_kebab_case_and_documented() {
        let mut codes: Vec<&str> = ALL.iter().map(|r| r.code).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), ALL.len(), "duplicate rule code");
        for rule in ALL {
            assert!(rule.code.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'), "{}", rule.code);
            for section in ["## What it checks", "## Why", "## Example", "## Fix"] {
                assert!(rule.doc.contains(section), "{} lacks {section}", rule.code);
            }
        }
    }
}
