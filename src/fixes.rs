//! Applying the safe fixes of a check to its text, round after round.

use crate::diagnostic::{Edit, Part, Span};
use crate::{Options, check};

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
            .filter(|d| codes.is_none_or(|c| c.contains(&d.code.as_str())))
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
