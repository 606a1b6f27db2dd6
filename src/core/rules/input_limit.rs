//! Rule `input-limit`: the text is more than the checker reads, or has more findings than it
//! lists. These bounds keep every door (the page on each keystroke, the npm package, the hook)
//! fast and small whatever is pasted into it.

//!
//! The bounds are in `crate::model::limits`; the note after the first findings is made by the
//! sink, which owns the finding limit.

use super::{Code, Context, Doc, Sink};
use crate::diagnostic::{Diagnostic, Span};
use crate::model::limits::MAX_TEXT_BYTES;

pub const DOC: Doc = Doc {
    summary: "The text is larger than 16 MiB, which is not read, or has more than 1,000 findings, of which the first 1,000 are listed.",
    body: r#"## What it checks
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

/// The only finding of a text larger than [`MAX_TEXT_BYTES`], which is not read.
pub fn check(ctx: &Context, sink: &mut Sink) {
    let Some(len) = ctx.oversized else { return };
    sink.push(
        Diagnostic::new(
            Code::InputLimit,
            "",
            Span::empty(0),
            format!(
                "this text is {}the {} MiB immuta-preflight reads; it was not checked",
                size(len),
                MAX_TEXT_BYTES >> 20
            ),
        )
        .with_help("check the request body alone: an Immuta integration or connection payload is a few kilobytes"),
    );
}

/// The size, unless the reader stopped at the limit (the command line reads one byte past it).
fn size(len: usize) -> String {
    if len == MAX_TEXT_BYTES + 1 {
        "larger than ".to_string()
    } else {
        format!("{:.1} MB, larger than ", len as f64 / 1e6)
    }
}
