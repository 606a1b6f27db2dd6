//! Diagnostics are plain data: every renderer (text, JSON, SARIF, GitHub) and every door (CLI, wasm)
//! consumes the same [`Diagnostic`] values.

use crate::rules::Code;
use serde::{Deserialize, Serialize};

/// A byte range `[start, end)` in the checked text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, PartialOrd, Ord, Hash)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub const fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    pub const fn empty(at: usize) -> Self {
        Span { start: at, end: at }
    }
}

/// How serious a finding is. `error` means the request would be rejected or would misbehave.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// A 1-based line and column pair; columns count Unicode scalar values (characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Location {
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
}

/// One piece of replacement text: either literal text, or a copy of another range of the same
/// document. Copies let a fix move a secret without the secret ever appearing in the output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    Text(String),
    /// `location` is the line:column of `from`, filled in by `check` like a diagnostic's.
    Copy {
        from: Span,
        location: Location,
    },
}

impl Part {
    pub fn copy(from: Span) -> Self {
        Part::Copy { from, location: Location::default() }
    }
}

/// Replace `span` with the concatenation of `parts`. `location` is filled in by `check`, so the
/// edit can be rendered without the source text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub span: Span,
    pub location: Location,
    pub parts: Vec<Part>,
}

impl Edit {
    pub fn new(span: Span, parts: Vec<Part>) -> Self {
        Edit { span, location: Location::default(), parts }
    }

    pub fn replace(span: Span, text: impl Into<String>) -> Self {
        Edit::new(span, vec![Part::Text(text.into())])
    }

    pub fn insert(at: usize, text: impl Into<String>) -> Self {
        Edit::replace(Span::empty(at), text)
    }

    pub fn delete(span: Span) -> Self {
        Edit::new(span, Vec::new())
    }

    pub fn copy(span: Span, from: Span) -> Self {
        Edit::new(span, vec![Part::copy(from)])
    }
}

/// A safe, mechanical change that resolves the diagnostic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    /// What the fix does, in a few words ("escape the line breaks as \n").
    pub message: String,
    pub edits: Vec<Edit>,
}

/// One finding. `pointer` is an RFC 6901 JSON pointer into the payload (`""` for the whole
/// document); `span` is the byte range of the offending value, key, or insertion point.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    pub code: Code,
    pub severity: Severity,
    pub message: String,
    pub pointer: String,
    pub span: Span,
    pub location: Location,
    pub help: Option<String>,
    pub fix: Option<Fix>,
    /// Other places the finding is about: the file a checks-across-files finding compares with.
    pub related: Vec<Related>,
}

/// A place in another file that a finding names ("see also").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Related {
    pub path: String,
    pub span: Span,
    pub location: Location,
    /// What is there, in a few words ("the first registration of `acme`").
    pub message: String,
}

impl Diagnostic {
    /// A finding of the rule `code`, with the rule's usual severity, no help and no fix; its
    /// location is filled in by `check`.
    pub fn new(code: Code, pointer: impl Into<String>, span: Span, message: impl Into<String>) -> Self {
        Diagnostic {
            code,
            severity: code.severity(),
            message: message.into(),
            pointer: pointer.into(),
            span,
            location: Location::default(),
            help: None,
            fix: None,
            related: Vec::new(),
        }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn with_fix(mut self, fix: Option<Fix>) -> Self {
        self.fix = fix;
        self
    }

    /// Makes this one of the rule's softer findings, a warning (its doc says which and why).
    pub fn as_warning(self) -> Self {
        self.softened(Severity::Warning)
    }

    /// Makes this one of the rule's notes (its doc says which and why).
    pub fn as_note(self) -> Self {
        self.softened(Severity::Info)
    }

    /// The registry declares each rule's softer severities; the sink rejects any other (in debug
    /// builds, so every fixture checks it).
    fn softened(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }
}
