//! immuta-preflight checks Immuta API payloads before they are sent: integration configurations,
//! setup-script requests, connection registrations and connection updates, as JSON, YAML or a
//! whole pasted `curl` command. [`check`] returns every problem at once with a stable code, an
//! exact position, help and (where safe) a fix, and never echoes a secret.
//!
//! This crate is the core, and it is pure: no I/O and no clock, and none of the doors' crates.
//! Everything around a check (the config file, several files at once, the renderers, the wire
//! types) is in the service crate, `immuta-preflight-service`, which every door calls. How a check
//! runs is in [`pipeline`]; the rules are in [`rules`], the domain facts they read in [`model`].

pub mod across;
pub mod credential;
pub mod diagnostic;
pub mod document;
pub mod fixes;
pub mod input;
pub mod kind;
pub mod model;
pub mod pem;
pub mod pipeline;
pub mod position;
pub mod rules;
pub mod schemas;
pub mod secrets;
pub mod source_map;
pub mod suggest;
pub mod values;

pub use diagnostic::{Diagnostic, Edit, Fix, Location, Part, Related, Severity, Span};
pub use fixes::{TextEdit, apply_fixes};
pub use input::Format;
pub use kind::{Kind, Technology};
pub use rules::Code;
pub use rules::selection::RuleOptions;

/// The crate version, as shown by `--version` and in SARIF output.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// How to read and classify the input.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    /// The payload kind; detected from the curl URL or the payload's shape when `None`.
    pub kind: Option<Kind>,
    /// A format hint (from a file extension); the text itself is sniffed first.
    pub format: Option<Format>,
    /// Which rules are reported, and at what severity.
    pub rules: RuleOptions,
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
    /// The values that the checks across files compare ([`across`]).
    pub facts: Vec<across::Fact>,
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
    pipeline::run(text, options, Vec::new())
}

/// Checks a file's bytes, which need not be UTF-8: UTF-16 (with its byte-order mark) is decoded,
/// and bytes that are not UTF-8 become U+FFFD, each reported as a `syntax` error, before the
/// text is checked as usual. Returns the text the report's positions refer to.
pub fn check_bytes(bytes: &[u8], options: &Options) -> (String, Report) {
    let (text, encoding) = input::encoding::decode(bytes);
    let report = pipeline::run(&text, options, encoding);
    (text, report)
}

/// The ranges of `text` that hold secrets, which renderers mask: what `check` reports as
/// [`Report::redactions`], without running the rules.
pub fn redactions(text: &str) -> Vec<Span> {
    let arena = document::Arena::new();
    pipeline::redactions_of(&input::parse(text, None, &arena), text)
}
