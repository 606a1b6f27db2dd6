//! Applying the safe fixes of a check to its text: one fix resolved into plain edits (what an
//! editor's quick fix applies), or all of them, round after round.

use crate::diagnostic::{Edit, Fix, Part, Span};
use crate::{Options, check};
use std::borrow::Cow;

/// Applies the safe fixes of `codes` (all codes when `None`) and returns the new text. Runs the
/// checker again after each round, because one fix (escaping a key's line breaks) can make the
/// text parse and so reveal the next (a mismatch); stops when nothing changes. In a text whose
/// every line ends in CRLF, the line breaks a fix writes are CRLF too.
pub fn apply_fixes(text: &str, options: &Options, codes: Option<&[&str]>) -> String {
    let mut current = text.to_string();
    let crlf = ends_lines_with_crlf(text);
    for _ in 0..8 {
        let report = check(&current, options);
        let fixes = report
            .diagnostics
            .iter()
            .filter(|d| codes.is_none_or(|c| c.contains(&d.code.as_str())))
            .filter_map(|d| d.fix.as_ref());
        let mut edits: Vec<(Span, String)> = Vec::new();
        for fix in fixes {
            let resolved: Vec<(Span, String)> =
                fix.edits.iter().map(|e| (e.span, resolve(&current, e, crlf))).collect();
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

/// One edit of a fix, resolved against the text: the range it replaces and its new text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextEdit {
    pub span: Span,
    pub text: String,
}

impl Fix {
    /// The fix's edits resolved against `text` (the text it was found in): copies taken from it,
    /// and the line breaks it writes written as the text writes them (CRLF in a text whose every
    /// line ends so), as `apply_fixes` writes them.
    pub fn resolve(&self, text: &str) -> Vec<TextEdit> {
        let crlf = ends_lines_with_crlf(text);
        self.edits.iter().map(|edit| TextEdit { span: edit.span, text: resolve(text, edit, crlf) }).collect()
    }
}

/// Whether every line of `text` ends in CRLF (and there is one).
fn ends_lines_with_crlf(text: &str) -> bool {
    text.contains("\r\n")
        && text.bytes().enumerate().all(|(i, b)| b != b'\n' || i > 0 && text.as_bytes()[i - 1] == b'\r')
}

fn resolve(text: &str, edit: &Edit, crlf: bool) -> String {
    edit.parts
        .iter()
        .map(|part| match part {
            Part::Text(t) if crlf && t.contains('\n') => Cow::Owned(t.replace("\r\n", "\n").replace('\n', "\r\n")),
            Part::Text(t) => Cow::Borrowed(t.as_str()),
            Part::Copy { from, .. } => Cow::Borrowed(text.get(from.start..from.end).unwrap_or("")),
        })
        .collect()
}

/// Two edits clash when their ranges overlap; insertions at the same point do not.
fn overlaps(a: Span, b: Span) -> bool {
    a.start < b.end && b.start < a.end
}
