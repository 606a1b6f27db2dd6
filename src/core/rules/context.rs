//! What a rule reads: the facts the earlier stages established, each computed once. [`Context`]
//! holds what every text has (its problems, its raw line breaks, the curl request, what it was
//! found to be); [`Payload`] what a recognised payload adds (the tree, kind, variant, schema
//! violations, keys). Rules read facts and never compute them again.

use super::{Code, field, truncate};
use crate::credential::{self, Credential, EmbeddedKey};
use crate::diagnostic::{Diagnostic, Edit, Fix, Part, Span};
use crate::document::{Arena, Node, Value, split_pointer};
use crate::input::{Format, Problem, RawBreaks, Request};
use crate::kind::{Kind, Technology, Variant};
use crate::model::key_sites::{Site, site, sites};
use crate::model::limits::MAX_FINDINGS;
use crate::model::twins::{TECHNOLOGY, twins};
use crate::model::value_sites::value_sites;
use crate::schemas::Violation;
use crate::source_map::SourceMap;
use crate::values::{Form, judged};
use crate::{pem, secrets};
use std::borrow::Cow;
use std::cell::OnceCell;
use std::sync::OnceLock;

/// The facts about one checked text.
pub struct Context<'a> {
    pub source: &'a str,
    pub format: Format,
    /// The length of a text too large to read, which is then all there is.
    pub oversized: Option<usize>,
    /// What the readers found, in text order per reader (the encoding's first).
    pub problems: &'a [Problem],
    /// Strings that held real line breaks.
    pub raw_breaks: &'a [RawBreaks],
    pub request: Option<&'a Request>,
    /// The tree holds template values.
    pub templates: bool,
    pub subject: &'a Subject,
    /// The facts about the payload, when the subject is one.
    pub payload: Option<Payload<'a>>,
}

/// What the text was found to be, which decides what can be checked beyond its syntax.
#[derive(Debug, Clone, PartialEq)]
pub enum Subject {
    /// Nothing more: there is no tree, or it could not be read to its end.
    Unread,
    /// A curl command for an endpoint whose body this tool does not check.
    UnsupportedEndpoint { span: Span, endpoint: String },
    /// An object that is no payload kind the checker knows; `start` is its first character.
    UnknownKind { start: Span },
    /// A document whose top level is not an object.
    NotAnObject { span: Span, type_name: &'static str },
    /// A payload of a known kind, checked in full against the schema variant chosen for it.
    Payload { kind: Kind, variant: Variant },
}

impl<'a> Context<'a> {
    /// The private keys pasted with real line breaks (for `private-key-newlines`).
    pub fn raw_keys(&self) -> impl Iterator<Item = &'a RawBreaks> {
        self.listed_raw_breaks().filter(|raw| site(&raw.pointer).is_some())
    }

    /// The other strings with real line breaks (for `syntax`).
    pub fn raw_strings(&self) -> impl Iterator<Item = &'a RawBreaks> {
        self.listed_raw_breaks().filter(|raw| site(&raw.pointer).is_none())
    }

    fn listed_raw_breaks(&self) -> impl Iterator<Item = &'a RawBreaks> {
        self.raw_breaks.iter().take(MAX_FINDINGS)
    }

    pub fn payload(&self) -> Option<&Payload<'a>> {
        self.payload.as_ref()
    }
}

/// The schema violations of a payload, grouped by the rule that reports them, each group in the
/// validator's order.
#[derive(Debug, Default)]
pub struct Violations {
    pub missing: Vec<Violation>,
    pub wrong_type: Vec<Violation>,
    pub unknown: Vec<Violation>,
    pub invalid: Vec<Violation>,
}

/// A recognised payload and the facts about it.
pub struct Payload<'a> {
    pub root: &'a Node<'a>,
    pub source: &'a str,
    /// The check's arena, which the tree read from inside a string (the credential) goes into.
    arena: &'a Arena,
    pub kind: Kind,
    pub variant: &'a Variant,
    pub format: Format,
    pub violations: &'a Violations,
    /// Why the variant's schema could not be run (a bug in the embedded schemas), if it could not.
    pub schema_failure: Option<&'a str>,
    keys: OnceCell<Vec<KeyValue<'a>>>,
    credential: OnceCell<Option<Credential<'a>>>,
    values: OnceCell<FormValues<'a>>,
}

/// The payload's form values, and the run each site's values take in it (an array site may hold
/// thousands), so a rule asking for some forms passes over a whole run at once.
#[derive(Default)]
struct FormValues<'a> {
    all: Vec<FormValue<'a>>,
    runs: Vec<(Form, std::ops::Range<usize>)>,
}

/// A string (or number, for ports) at a field of the value-site table, with the form it takes.
pub struct FormValue<'a> {
    /// The table's pointer (without the `/*` of an array's items).
    site: &'static str,
    /// The item's index, for a value inside an array.
    index: Option<usize>,
    pub node: &'a Node<'a>,
    pub form: Form,
}

impl<'a> FormValue<'a> {
    /// The string, when it is one that is judged by form (not a placeholder, template or mask).
    pub fn judged_text(&self) -> Option<&'a str> {
        self.node.as_str().filter(|text| judged(text))
    }

    /// The judged string without the characters `whitespace` reports for its form (look-alikes
    /// become ASCII), so each form rule judges what the user meant.
    pub fn cleaned(&self) -> Option<String> {
        self.judged_text().map(|text| crate::values::cleaned(text, self.form))
    }

    /// The value's pointer, made only when a finding needs it (an array may hold thousands).
    pub fn pointer(&self) -> Cow<'static, str> {
        match self.index {
            None => Cow::Borrowed(self.site),
            Some(i) => Cow::Owned(format!("{}/{i}", self.site)),
        }
    }
}

/// A value site with its twin expanded, split into its parent object and member name.
struct FormSite {
    pointer: &'static str,
    parent: &'static str,
    member: &'static str,
    /// The pointer names every item of an array (`/*`).
    items: bool,
    form: Form,
}

/// The sites of `technology`, twins included, worked out from the tables once per process.
fn sites_of(technology: Technology) -> &'static [FormSite] {
    static SITES_BY_TECHNOLOGY: OnceLock<Vec<(Technology, Vec<FormSite>)>> = OnceLock::new();
    let all = SITES_BY_TECHNOLOGY.get_or_init(|| {
        Technology::ALL
            .iter()
            .map(|&technology| {
                let mut sites = Vec::new();
                for row in value_sites().iter().filter(|s| s.technology == technology) {
                    let twin = twins().iter().find(|t| t.connection == row.pointer && t.holds_for(Some(technology)));
                    for pointer in std::iter::once(row.pointer).chain(twin.map(|t| t.native)) {
                        let bare = pointer.strip_suffix("/*");
                        let Some((parent, member)) = split_pointer(bare.unwrap_or(pointer)) else { continue };
                        // A twin may declare the form itself too.
                        if sites.iter().any(|s: &FormSite| s.pointer == bare.unwrap_or(pointer)) {
                            continue;
                        }
                        sites.push(FormSite {
                            pointer: bare.unwrap_or(pointer),
                            parent,
                            member,
                            items: bare.is_some(),
                            form: row.form,
                        });
                    }
                }
                (technology, sites)
            })
            .collect()
    });
    all.iter().find(|(t, _)| *t == technology).map_or(&[], |(_, sites)| sites.as_slice())
}

/// The value at a site (already found: `node`), or each item of the array an items site names.
fn push_values<'a>(site: &FormSite, node: &'a Node<'a>, found: &mut Vec<FormValue<'a>>) {
    let form = site.form;
    match (site.items, &node.value) {
        (true, Value::Array(items)) => {
            let site = site.pointer;
            found.extend(items.iter().enumerate().map(|(i, node)| FormValue { site, index: Some(i), node, form }));
        }
        (true, _) => {}
        (false, _) => found.push(FormValue { site: site.pointer, index: None, node, form }),
    }
}

/// A private-key field present in the payload as a string, analysed once for all key rules.
pub struct KeyValue<'a> {
    pub site: &'static Site,
    pub node: &'a Node<'a>,
    pub text: &'a str,
    pub facts: pem::Facts,
}

impl<'a> Payload<'a> {
    // Each is a fact of its own, from a different stage of the pipeline.
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        root: &'a Node<'a>,
        source: &'a str,
        arena: &'a Arena,
        kind: Kind,
        variant: &'a Variant,
        format: Format,
        violations: &'a Violations,
        schema_failure: Option<&'a str>,
    ) -> Self {
        Payload {
            root,
            source,
            arena,
            kind,
            variant,
            format,
            violations,
            schema_failure,
            keys: OnceCell::new(),
            credential: OnceCell::new(),
            values: OnceCell::new(),
        }
    }

    /// Every private-key field holding a string, with its PEM facts.
    pub fn keys(&self) -> &[KeyValue<'a>] {
        self.keys.get_or_init(|| {
            sites()
                .iter()
                .filter_map(|site| {
                    let node = self.root.pointer(site.pointer)?;
                    let text = node.as_str()?;
                    Some(KeyValue { site, node, text, facts: pem::analyze(text) })
                })
                .collect()
        })
    }

    /// The BigQuery credential, read once, when the payload is a BigQuery integration with one.
    pub fn credential(&self) -> Option<&Credential<'a>> {
        self.credential
            .get_or_init(|| {
                (self.technology() == Some(Technology::BigQuery))
                    .then(|| credential::read(self.source, self.root, self.format, self.arena))
                    .flatten()
            })
            .as_ref()
    }

    /// The private key inside the BigQuery credential, when the credential reads cleanly.
    pub fn credential_key(&self) -> Option<EmbeddedKey<'_>> {
        self.credential()?.private_key()
    }

    /// Every field of the value-site table present in this payload (twins and array items
    /// included), in table order.
    fn values(&self) -> &[FormValue<'a>] {
        &self.form_values().all
    }

    /// The values whose form `wanted` accepts, in table order.
    pub fn values_where(&self, wanted: impl Fn(Form) -> bool) -> impl Iterator<Item = &FormValue<'a>> {
        let values = self.form_values();
        values.runs.iter().filter(move |(form, _)| wanted(*form)).flat_map(|(_, run)| &values.all[run.clone()])
    }

    fn form_values(&self) -> &FormValues<'a> {
        self.values.get_or_init(|| {
            let Some(technology) = self.technology() else { return FormValues::default() };
            // Every site sits in one of a few objects (`config`, `connection`…): find each once.
            let mut parents: Vec<(&str, Option<&'a Node<'a>>)> = Vec::new();
            let mut found = FormValues::default();
            for site in sites_of(technology) {
                let object = match parents.iter().find(|(p, _)| *p == site.parent) {
                    Some((_, node)) => *node,
                    None => {
                        let node = self.node(site.parent);
                        parents.push((site.parent, node));
                        node
                    }
                };
                if let Some(node) = object.and_then(|o| o.get(site.member)) {
                    let start = found.all.len();
                    push_values(site, node, &mut found.all);
                    found.runs.push((site.form, start..found.all.len()));
                }
            }
            found
        })
    }

    /// The form of the value `node` (a node of this payload's tree), if the table names one.
    pub fn form_of(&self, node: &Node) -> Option<Form> {
        self.values().iter().find(|v| std::ptr::eq(v.node, node)).map(|v| v.form)
    }

    /// The map from the decoded string at `node` back to the source, when there is one.
    pub fn map(&self, node: &Node) -> Option<SourceMap<'a>> {
        SourceMap::of_value(self.source, node, self.format)
    }

    pub fn technology(&self) -> Option<Technology> {
        self.variant.technology
    }

    /// A connection's `technology` that picked no variant (no schema describes it): its node and
    /// text, for the rules that say what is known of it.
    pub fn undescribed_technology(&self) -> Option<(&'a Node<'a>, &'a str)> {
        if self.technology().is_some() || !matches!(self.kind, Kind::Connection | Kind::ConnectionUpdate) {
            return None;
        }
        let node = self.node(TECHNOLOGY)?;
        Some((node, node.as_str()?))
    }

    pub fn node(&self, pointer: &str) -> Option<&'a Node<'a>> {
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
    pub fn text(&self, span: Span) -> &'a str {
        self.source.get(span.start..span.end).unwrap_or("")
    }

    /// Replaces `target` with the value at `left`: by position for a secret, else as text.
    pub fn copy_fix(&self, left: &str, source: &Node, target: Span) -> Option<Fix> {
        let text = self.text(source.span);
        if text.is_empty() || (self.format == Format::Yaml && text.contains('\n')) {
            return None;
        }
        let part = if secrets::is_secret(left) { Part::copy(source.span) } else { Part::Text(text.to_string()) };
        Some(Fix { message: format!("copy the value of {}", field(left)), edits: vec![Edit::new(target, vec![part])] })
    }
}

/// The finding for a string pasted with real line breaks, with the fix that writes each of them
/// as `\n`: one small edit per break, so the fix never carries the (secret) text around it.
pub fn raw_break_finding(code: Code, raw: &RawBreaks, source: &str, message: String, help: &str) -> Diagnostic {
    let bytes = source.as_bytes();
    let edits = raw
        .breaks
        .iter()
        .map(|&at| {
            let len = if bytes.get(at) == Some(&b'\r') && bytes.get(at + 1) == Some(&b'\n') { 2 } else { 1 };
            Edit::replace(Span::new(at, at + len), "\\n")
        })
        .collect();
    let fix = Fix { message: "write each line break as \\n".to_string(), edits };
    Diagnostic::new(code, raw.pointer.as_str(), raw.string, message).with_help(help).with_fix(Some(fix))
}
