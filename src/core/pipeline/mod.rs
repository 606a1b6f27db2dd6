//! One check, as a pipeline of named stages, each a function of what the stages before it found:
//!
//! 1. **read**: bytes → text, with the encoding's problems; a text too large is not read further;
//! 2. **parse**: text → tree, with the readers' problems (JSON, YAML or a curl command);
//! 3. **classify**: the payload kind, technology and authentication type (the schema variant);
//! 4. **validate**: the variant's schema violations, grouped by the rule that reports them;
//! 5. **rules**: every rule reads those facts and adds its findings to one sink;
//! 6. **settle**: one precedence table drops what another finding explains; text order;
//! 7. **locate**: line and column for the findings that are kept (and no others);
//! 8. **report**: the [`Report`], with the ranges that hold secrets.

mod inline;

pub use inline::silence as silence_inline;
mod settle;

pub use settle::{PRECEDENCE, Precedence};

use crate::diagnostic::{Diagnostic, Part, Span};
use crate::document::{self, Arena, Node, Value};
use crate::input::{self, Format, Parsed, Problem};
use crate::kind::{self, Kind, Technology, Variant};
use crate::model::limits::MAX_TEXT_BYTES;
use crate::position::LineIndex;
use crate::rules::context::Violations;
use crate::rules::{self, Context, Payload, Sink, Subject};
use crate::schemas;
use crate::secrets;
use crate::source_map::SourceMap;
use crate::{Options, Report};

/// Runs every stage on `text`, whose decoding found `encoding` (stage 1 for bytes).
pub fn run(text: &str, options: &Options, encoding: Vec<Problem>) -> Report {
    let oversized = (text.len() > MAX_TEXT_BYTES).then_some(text.len());
    let arena = document::arena_for(text);
    let mut parsed = match oversized {
        Some(_) => Parsed::default(),
        None => input::parse(text, options.format, &arena),
    };
    let format = parsed.format.or(options.format).unwrap_or(Format::Json);
    let redactions = match oversized {
        Some(len) => vec![Span::new(0, len)],
        None => redactions_of(&parsed, text),
    };
    let mut problems = if oversized.is_some() { Vec::new() } else { encoding };
    problems.append(&mut parsed.problems);

    let read = Read { parsed: &parsed, text, arena: &arena, format, oversized, options };
    // A YAML stream is checked document by document; the reader's problems belong to the first.
    let first = read.document(parsed.root.as_ref(), &problems);
    let mut findings = first.findings;
    let mut facts = first.facts;
    for root in &parsed.more_documents {
        let later = read.document(Some(root), &[]);
        findings.extend(later.findings);
        facts.extend(later.facts);
    }
    let mut findings = Sink::settled(findings).finish(text.len());
    locate(&mut findings, if oversized.is_some() { "" } else { text });
    if format == Format::Yaml && oversized.is_none() {
        inline::apply(text, &mut findings);
    }

    let variant = match &first.subject {
        Subject::Payload { variant, .. } => Some(variant),
        _ => None,
    };
    Report {
        kind: first.kind,
        technology: variant.and_then(|v| v.technology).map(Technology::name),
        authentication_type: variant.and_then(|v| v.auth.clone()),
        format,
        diagnostics: findings,
        redactions,
        facts,
    }
}

/// What every document of one text shares.
struct Read<'a> {
    parsed: &'a Parsed<'a>,
    text: &'a str,
    arena: &'a Arena,
    format: Format,
    oversized: Option<usize>,
    options: &'a Options,
}

/// What stages 3 to 6 found in one document.
struct Checked {
    kind: Option<Kind>,
    subject: Subject,
    findings: Vec<Diagnostic>,
    facts: Vec<crate::across::Fact>,
}

impl Read<'_> {
    /// Stages 3 to 6 on the document `root` (none when the text could not be read).
    fn document(&self, root: Option<&Node<'_>>, problems: &[Problem]) -> Checked {
        let (parsed, text, format) = (self.parsed, self.text, self.format);
        let (kind, subject) = classify(parsed, root, text, self.options.kind);
        let variant = match &subject {
            Subject::Payload { variant, .. } => Some(variant),
            _ => None,
        };
        let technology = variant.and_then(|v| v.technology);
        let validated = match (&subject, root) {
            (Subject::Payload { variant, .. }, Some(root)) => validate(variant, root),
            _ => (Violations::default(), None),
        };

        let mut sink = Sink::default();
        {
            let payload = match (&subject, root) {
                (Subject::Payload { kind, variant }, Some(root)) => {
                    let (violations, failure) = &validated;
                    Some(Payload::new(root, text, self.arena, *kind, variant, format, violations, failure.as_deref()))
                }
                _ => None,
            };
            let raw_breaks = if root.is_some() { &parsed.raw_breaks[..] } else { &[] };
            let ctx = Context {
                source: text,
                format,
                oversized: self.oversized,
                problems,
                raw_breaks,
                request: parsed.request.as_ref(),
                templates: parsed.templates,
                subject: &subject,
                payload,
            };
            rules::run_all(&ctx, &mut sink);
        }
        settle::settle(&settle::Facts { root, technology }, sink.findings());
        self.options.rules.apply(sink.findings());
        let facts = match (&subject, root) {
            (Subject::Payload { kind, .. }, Some(root)) => crate::across::facts(root, *kind),
            _ => Vec::new(),
        };
        Checked { kind, subject, findings: std::mem::take(sink.findings()), facts }
    }
}

/// Stage 3: the kind from the option, else the curl URL, else the payload's shape; then what can
/// be checked, with the schema variant of an object of a known kind.
fn classify(parsed: &Parsed, root: Option<&Node<'_>>, text: &str, given: Option<Kind>) -> (Option<Kind>, Subject) {
    let Some(root) = root else {
        return (given, Subject::Unread);
    };
    let mut kind = given;
    if kind.is_none() {
        if let Some(request) = &parsed.request {
            match kind::kind_from_request(request) {
                Ok(found) => kind = Some(found),
                Err(endpoint) => return (None, Subject::UnsupportedEndpoint { span: request.path_span, endpoint }),
            }
        }
        if kind.is_none() {
            kind = kind::kind_from_shape(root);
        }
    }
    if parsed.fatal {
        return (kind, Subject::Unread);
    }
    let subject = match (&root.value, kind) {
        (Value::Object(_), Some(kind)) => Subject::Payload { kind, variant: kind::select_variant(kind, root) },
        (Value::Object(_), None) => {
            let start = root.span.start;
            let width = text[start..].chars().next().map_or(0, char::len_utf8);
            Subject::UnknownKind { start: Span::new(start, start + width) }
        }
        (Value::Invalid | Value::Template, _) => Subject::Unread,
        (_, _) => Subject::NotAnObject { span: root.span, type_name: root.type_name() },
    };
    (kind, subject)
}

/// Stage 4: the variant's schema violations, or why its schema could not be run.
fn validate(variant: &Variant, root: &Node) -> (Violations, Option<String>) {
    let compiled = match schemas::compiled(&variant.def) {
        Ok(compiled) => compiled,
        Err(reason) => return (Violations::default(), Some(reason)),
    };
    let mut violations = Violations::default();
    for violation in compiled.violations(root) {
        let group = match violation.problem {
            schemas::Problem::Missing(_) => &mut violations.missing,
            schemas::Problem::WrongType(_) => &mut violations.wrong_type,
            schemas::Problem::Unknown(_) => &mut violations.unknown,
            _ => &mut violations.invalid,
        };
        group.push(violation);
    }
    (violations, None)
}

/// Stage 7: positions last, for the findings that are kept only.
fn locate(findings: &mut [Diagnostic], text: &str) {
    if findings.is_empty() {
        return;
    }
    let index = LineIndex::new(text);
    for diagnostic in findings {
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

/// The ranges of `text` that hold secrets, which renderers mask.
pub fn redactions_of(parsed: &Parsed, text: &str) -> Vec<Span> {
    let mut spans = parsed.secret_spans.clone();
    // Every document of a YAML stream: a secret in the second is masked as one in the first.
    for root in parsed.root.iter().chain(&parsed.more_documents) {
        spans.extend(secrets::secret_spans(root, text));
        let format = parsed.format.unwrap_or(Format::Json);
        root.walk(&mut |_, node| {
            let Some(value) = node.as_str().filter(|_| node.chars().has_credential_mark()) else { return };
            let ranges = crate::values::host::embedded_secrets(value);
            if ranges.is_empty() {
                return;
            }
            let mapped: Option<Vec<Span>> = SourceMap::of_value(text, node, format)
                .and_then(|map| ranges.iter().map(|&(from, to)| map.range(from, to)).collect());
            match mapped {
                Some(mapped) => spans.extend(mapped),
                None => spans.push(secrets::content_span(node.span, text)),
            }
        });
    }
    spans.sort();
    spans.dedup();
    spans
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Code;

    /// A variant whose schema cannot be loaded gives an `internal-error`, and the rules that do
    /// not need the schema still run: never a clean report that checked less than it says.
    #[test]
    fn a_schema_that_cannot_be_loaded_is_reported() {
        let text = r#"{"connectionKey": "k", "connection": {"technology": "Snowflake", "hostname": "<your-host>"}}"#;
        let arena = Arena::new();
        let parsed = input::parse(text, None, &arena);
        let root = parsed.root.as_ref().expect("a tree");
        let variant = Variant {
            def: "connection-snowflake-carrierPigeon".into(),
            technology: Some(Technology::Snowflake),
            auth: None,
        };
        let validated = validate(&variant, root);
        assert!(validated.1.as_deref().is_some_and(|why| why.contains("no schema named")), "{:?}", validated.1);
        let (violations, failure) = (&validated.0, validated.1.as_deref());
        let payload = Payload::new(root, text, &arena, Kind::Connection, &variant, Format::Json, violations, failure);
        let subject = Subject::Payload { kind: Kind::Connection, variant: variant.clone() };
        let ctx = Context {
            source: text,
            format: Format::Json,
            oversized: None,
            problems: &[],
            raw_breaks: &[],
            request: None,
            templates: false,
            subject: &subject,
            payload: Some(payload),
        };
        let mut sink = Sink::default();
        rules::run_all(&ctx, &mut sink);
        let findings = sink.finish(text.len());
        let codes: Vec<Code> = findings.iter().map(|d| d.code).collect();
        let recommended = Code::RecommendedSetting;
        assert_eq!(codes, [Code::InternalError, Code::Placeholder, recommended, recommended, recommended]);
        assert_eq!(
            findings[0].message,
            "immuta-preflight could not load its schema for connection-snowflake-carrierPigeon, so fields were not \
             checked: there is no schema named connection-snowflake-carrierPigeon"
        );
        assert_eq!(findings[0].severity, crate::Severity::Error);
    }
}
