//! Rule `input-limit`: the text is more than the checker reads, or has more findings than it
//! lists. These bounds keep every door (the page on each keystroke, the npm package, the hook)
//! fast and small whatever is pasted into it.

use super::Rule;
use crate::diagnostic::{Diagnostic, Severity, Span};

/// Larger texts are not parsed. No Immuta payload comes near this: a body with a private key in it
/// is a few kilobytes.
pub const MAX_TEXT_BYTES: usize = 16 * 1024 * 1024;

/// At most this many findings are listed, and the checker stops producing more once it has them,
/// so that a pathological text (a million stray quotes) costs bounded time and memory.
pub const MAX_FINDINGS: usize = 1000;

pub const RULE: Rule = Rule {
    code: "input-limit",
    severity: Severity::Error,
    summary: "The text is larger than 16 MiB, which is not read, or has more than 1,000 findings, of which the first 1,000 are listed.",
    doc: r#"## What it checks
That the text is within what immuta-preflight reads:

- **at most 16 MiB.** A larger text is not parsed at all; this error is its only finding. (The
  command line reads no more than that from a file.)
- **at most 1,000 findings.** Past that, the checker stops looking, lists the first 1,000 in text
  order, and adds this rule as a note at the end.

Nesting deeper than 128 levels is reported by `syntax`.

## Why
An Immuta request body is a few kilobytes. Something much larger is the wrong file, a paste that
went wrong, or generated output, and checking it would only make the page, the hook or your
tooling slow. These bounds keep every check fast and small, whatever is pasted.

## Example
A 20 MB export pasted instead of the connection body, or a document whose every line has the same
mistake.

## Fix
Check the request body alone. With more than 1,000 findings, fix the first ones (often one
mistake repeated, which `applyFixes` may fix at once) and check again.
"#,
};

/// The only finding of a text larger than [`MAX_TEXT_BYTES`].
pub fn too_large(len: usize) -> Diagnostic {
    Diagnostic::new(
        RULE.code,
        RULE.severity,
        "",
        Span::empty(0),
        format!(
            "this text is {}the {} MiB immuta-preflight reads; it was not checked",
            size(len),
            MAX_TEXT_BYTES >> 20
        ),
    )
    .with_help("check the request body alone: an Immuta integration or connection payload is a few kilobytes")
}

/// The note after the first [`MAX_FINDINGS`] findings, at the end of the text.
pub fn more_findings(end: usize) -> Diagnostic {
    Diagnostic::new(
        RULE.code,
        Severity::Info,
        "",
        Span::empty(end),
        format!("immuta-preflight stopped after {MAX_FINDINGS} findings; there may be more"),
    )
    .with_help("fix the findings above (often one mistake repeated) and check again to see the rest")
}

/// Whether `found` already holds as many findings as are listed: producers stop there.
pub fn full(found: &[Diagnostic]) -> bool {
    found.len() >= MAX_FINDINGS
}

/// The size, unless the reader stopped at the limit (the command line reads one byte past it).
fn size(len: usize) -> String {
    if len == MAX_TEXT_BYTES + 1 {
        "larger than ".to_string()
    } else {
        format!("{:.1} MB, larger than ", len as f64 / 1e6)
    }
}
