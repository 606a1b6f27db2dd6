//! immuta-preflight checks Immuta API payloads before they are sent: integration configurations,
//! setup-script requests, connection registrations and connection updates, as JSON, YAML or a
//! whole pasted `curl` command. [`check`] returns every problem at once with a stable code, an
//! exact position, help and (where safe) a fix, and never echoes a secret.
//!
//! The core is pure: no I/O and no clock. The CLI and the wasm bindings are thin doors over
//! [`check`], [`apply_fixes`] and the renderers in [`render`].

pub mod cli;
pub mod diagnostic;
pub mod document;
pub mod input;
pub mod js;
pub mod kind;
pub mod pem;
pub mod position;
pub mod render;
pub mod rules;
pub mod schemas;
pub mod secrets;
pub mod suggest;
#[cfg(all(target_arch = "wasm32", target_os = "unknown"))]
mod wasm;

pub use diagnostic::{Diagnostic, Edit, Fix, Location, Part, Severity, Span};
pub use input::Format;
pub use kind::{Kind, Technology};

use document::{Member, Node, Value};
use kind::Variant;
use position::LineIndex;
use rules::Context;
use schemas::Problem;
use std::collections::HashMap;

/// The crate version, as shown by `--version` and in SARIF output.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// How to read and classify the input.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    /// The payload kind; detected from the curl URL or the payload's shape when `None`.
    pub kind: Option<Kind>,
    /// A format hint (from a file extension); the text itself is sniffed first.
    pub format: Option<Format>,
}

/// The result of checking one text.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub kind: Option<Kind>,
    /// The technology's API name (`Snowflake`, `Google BigQuery`, ...), when recognised.
    pub technology: Option<&'static str>,
    pub authentication_type: Option<String>,
    pub format: Format,
    /// Sorted by position.
    pub diagnostics: Vec<Diagnostic>,
    /// Source ranges holding secrets, which renderers must mask.
    pub redactions: Vec<Span>,
}

impl Report {
    pub fn count(&self, severity: Severity) -> usize {
        self.diagnostics.iter().filter(|d| d.severity == severity).count()
    }

    pub fn has_errors(&self) -> bool {
        self.count(Severity::Error) > 0
    }
}

/// Checks one payload text.
pub fn check(text: &str, options: &Options) -> Report {
    check_with(text, options, Vec::new())
}

/// Checks a file's bytes, which need not be UTF-8: UTF-16 (with its byte-order mark) is decoded,
/// and bytes that are not UTF-8 become U+FFFD, each reported as a `syntax` error, before the
/// text is checked as usual. Returns the text the report's positions refer to.
pub fn check_bytes(bytes: &[u8], options: &Options) -> (String, Report) {
    let (text, encoding) = input::encoding::decode(bytes);
    let report = check_with(&text, options, encoding);
    (text, report)
}

/// The whole text masked and one `input-limit` error: a text this large is not parsed.
fn too_large(text: &str, options: &Options) -> Report {
    let mut diagnostic = rules::input_limit::too_large(text.len());
    diagnostic.location = LineIndex::new("").location(diagnostic.span);
    Report {
        kind: options.kind,
        technology: None,
        authentication_type: None,
        format: options.format.unwrap_or(Format::Json),
        diagnostics: vec![diagnostic],
        redactions: vec![Span::new(0, text.len())],
    }
}

fn check_with(text: &str, options: &Options, mut diagnostics: Vec<Diagnostic>) -> Report {
    if text.len() > rules::input_limit::MAX_TEXT_BYTES {
        return too_large(text, options);
    }
    let parsed = input::parse(text, options.format);
    let format = parsed.format.unwrap_or(Format::Json);
    let redactions = redactions_of(&parsed, text);
    diagnostics.extend(parsed.diagnostics);
    let mut kind = options.kind;
    let mut variant: Option<Variant> = None;

    if let Some(root) = &parsed.root {
        for raw in parsed.raw_breaks.iter().take(rules::input_limit::MAX_FINDINGS) {
            diagnostics.push(if pem::site(&raw.pointer).is_some() {
                rules::private_key_newlines::raw(raw, text)
            } else {
                rules::syntax::raw_breaks(raw, text)
            });
        }
        let mut checkable = true;
        if kind.is_none() {
            if let Some(request) = &parsed.request {
                match kind::kind_from_request(request) {
                    Ok(found) => kind = Some(found),
                    Err(endpoint) => {
                        diagnostics.push(rules::curl_command::unsupported_endpoint(request.path_span, &endpoint));
                        checkable = false;
                    }
                }
            }
            if checkable && kind.is_none() {
                kind = kind::kind_from_shape(root);
            }
        }
        if !parsed.fatal && checkable {
            let first_char = Span::new(
                root.span.start,
                root.span.start + text[root.span.start..].chars().next().map_or(0, char::len_utf8),
            );
            match (&root.value, kind) {
                (Value::Object(_), Some(kind)) => {
                    let chosen = kind::select_variant(kind, root);
                    let ctx = Context::new(root, text, kind, &chosen, format);
                    schema_diagnostics(&ctx, &mut diagnostics);
                    rules::run_all(&ctx, &mut diagnostics);
                    variant = Some(chosen);
                }
                (Value::Object(_), None) => diagnostics.push(rules::unknown_kind::diagnostic(first_char)),
                (Value::Invalid, _) => {}
                (_, _) => diagnostics.push(rules::wrong_type::not_an_object(root.span, root.type_name())),
            }
        }
        let invalid = invalid_pointers(root);
        if !invalid.is_empty() {
            diagnostics.retain(|d| {
                d.code == rules::syntax::RULE.code || !invalid.iter().any(|at| at_or_below(&d.pointer, at))
            });
        }
        drop_mismatches_already_explained(&mut diagnostics, variant.as_ref().and_then(|v| v.technology));
    }

    diagnostics.sort_by(|a, b| {
        (a.span.start, a.span.end, a.severity, a.code).cmp(&(b.span.start, b.span.end, b.severity, b.code))
    });
    diagnostics.dedup_by(|a, b| a.code == b.code && a.span == b.span && a.message == b.message);
    if rules::input_limit::full(&diagnostics) {
        diagnostics.truncate(rules::input_limit::MAX_FINDINGS);
        diagnostics.push(rules::input_limit::more_findings(text.len()));
    }
    // Positions last, for the findings that are kept only.
    if !diagnostics.is_empty() {
        let index = LineIndex::new(text);
        for diagnostic in &mut diagnostics {
            diagnostic.location = index.location(diagnostic.span);
            for edit in diagnostic.fix.iter_mut().flat_map(|fix| &mut fix.edits) {
                edit.location = index.location(edit.span);
                for part in &mut edit.parts {
                    if let Part::Copy { from, location } = part {
                        *location = index.location(*from);
                    }
                }
            }
        }
    }

    Report {
        kind,
        technology: variant.as_ref().and_then(|v| v.technology).map(Technology::name),
        authentication_type: variant.and_then(|v| v.auth),
        format,
        diagnostics,
        redactions,
    }
}

/// The ranges of `text` that hold secrets, which renderers mask: what `check` reports as
/// [`Report::redactions`], without running the rules.
pub fn redactions(text: &str) -> Vec<Span> {
    redactions_of(&input::parse(text, None), text)
}

fn redactions_of(parsed: &input::Parsed, text: &str) -> Vec<Span> {
    let mut spans = parsed.secret_spans.clone();
    if let Some(root) = &parsed.root {
        spans.extend(secrets::secret_spans(root, text));
    }
    spans.sort();
    spans.dedup();
    spans
}

/// Turns schema violations into `missing-field`, `wrong-type`, `invalid-value` and
/// `unknown-field` diagnostics.
fn schema_diagnostics(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let compiled = schemas::compiled(&ctx.variant.def);
    for violation in compiled.violations(&ctx.root.to_json()) {
        if rules::input_limit::full(out) {
            break;
        }
        match &violation.problem {
            Problem::Missing(name) => out.push(rules::missing_field::from_violation(ctx, &violation, name)),
            Problem::WrongType(expected) => out.extend(rules::wrong_type::from_violation(ctx, &violation, expected)),
            Problem::Unknown(names) => {
                // One map per object, not a scan per name: a payload may have thousands of them.
                let members: HashMap<&str, &Member> = ctx
                    .root
                    .pointer(&violation.pointer)
                    .map_or(&[][..], Node::members)
                    .iter()
                    .map(|member| (member.key.as_str(), member))
                    .collect();
                for name in names.iter().take(rules::input_limit::MAX_FINDINGS) {
                    if let Some(member) = members.get(name.as_str()) {
                        out.extend(rules::unknown_field::from_violation(ctx, &violation, name, member));
                    }
                }
            }
            _ => out.extend(rules::invalid_value::from_violation(ctx, &violation)),
        }
    }
}

/// A twin whose value is already reported as wrong (`"port": "443"`) needs no mismatch on top.
fn drop_mismatches_already_explained(diagnostics: &mut Vec<Diagnostic>, technology: Option<Technology>) {
    let wrong: Vec<String> = diagnostics
        .iter()
        .filter(|d| d.code == rules::wrong_type::RULE.code || d.code == rules::invalid_value::RULE.code)
        .map(|d| d.pointer.clone())
        .collect();
    diagnostics.retain(|d| {
        d.code != rules::mismatch::RULE.code
            || !(wrong.contains(&d.pointer)
                || rules::mismatch::twin_of(&d.pointer, technology).is_some_and(|twin| wrong.iter().any(|w| w == twin)))
    });
}

/// The pointers of the values that could not be read (each already a syntax finding), found in
/// one walk so that filtering many findings against them stays linear.
fn invalid_pointers(root: &Node) -> Vec<String> {
    let mut found = Vec::new();
    root.walk(&mut |path, node| {
        if matches!(node.value, Value::Invalid) {
            found.push(path.pointer());
        }
    });
    found
}

/// Whether `pointer` is `at` or below it.
fn at_or_below(pointer: &str, at: &str) -> bool {
    pointer.strip_prefix(at).is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}

/// Applies the safe fixes of `codes` (all codes when `None`) and returns the new text. Runs the
/// checker again after each round, because one fix (escaping a key's line breaks) can make the
/// text parse and so reveal the next (a mismatch); stops when nothing changes.
pub fn apply_fixes(text: &str, options: &Options, codes: Option<&[&str]>) -> String {
    let mut current = text.to_string();
    for _ in 0..8 {
        let report = check(&current, options);
        let fixes = report
            .diagnostics
            .iter()
            .filter(|d| codes.is_none_or(|c| c.contains(&d.code)))
            .filter_map(|d| d.fix.as_ref());
        let mut edits: Vec<(Span, String)> = Vec::new();
        for fix in fixes {
            let resolved: Vec<(Span, String)> = fix.edits.iter().map(|e| (e.span, resolve(&current, e))).collect();
            // A fix applies whole or not at all.
            let clashes = resolved.iter().any(|(span, _)| edits.iter().any(|(other, _)| overlaps(*span, *other)));
            if !clashes {
                edits.extend(resolved);
            }
        }
        if edits.is_empty() {
            break;
        }
        edits.sort_by_key(|(span, _)| (span.start, span.end));
        let mut next = String::with_capacity(current.len() + 64);
        let mut at = 0;
        for (span, text) in &edits {
            if span.start < at
                || span.end > current.len()
                || !current.is_char_boundary(span.start)
                || !current.is_char_boundary(span.end)
            {
                continue;
            }
            next.push_str(&current[at..span.start]);
            next.push_str(text);
            at = span.end;
        }
        next.push_str(&current[at..]);
        if next == current {
            break;
        }
        current = next;
    }
    current
}

fn resolve(text: &str, edit: &Edit) -> String {
    edit.parts
        .iter()
        .map(|part| match part {
            Part::Text(t) => t.as_str(),
            Part::Copy { from, .. } => text.get(from.start..from.end).unwrap_or(""),
        })
        .collect()
}

/// Two edits clash when their ranges overlap; insertions at the same point do not.
fn overlaps(a: Span, b: Span) -> bool {
    a.start < b.end && b.start < a.end
}
