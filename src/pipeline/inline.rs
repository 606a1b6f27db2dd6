//! YAML's inline `# immuta-preflight: ignore[code, …]` comments: each silences the findings of
//! those rules on its own line or, written alone on a line, on the line below. A code that is not a
//! rule's is reported (a warning), so that a misspelt comment is not silently without effect.

use crate::diagnostic::{Diagnostic, Span};
use crate::position::LineIndex;
use crate::rules::Code;
use crate::rules::selection::{ALWAYS_REPORTED, parse_code};

const MARKER: &str = "immuta-preflight: ignore[";

/// Drops the findings the comments of `text` silence, and reports their unknown codes.
pub fn apply(text: &str, findings: &mut Vec<Diagnostic>) {
    if !text.contains(MARKER) {
        return;
    }
    let index = LineIndex::new(text);
    let mut silenced: Vec<(usize, Code)> = Vec::new();
    let mut unknown = Vec::new();
    let mut from = 0;
    while let Some(at) = text[from..].find(MARKER).map(|i| from + i) {
        from = at + MARKER.len();
        let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
        let Some(hash) = comment_start(&text[line_start..at]).map(|i| line_start + i) else { continue };
        let Some(close) = text[from..].find(']').map(|i| from + i).filter(|&c| !text[from..c].contains('\n')) else {
            continue;
        };
        let line = index.position(at).0;
        let alone = text[line_start..hash].trim().is_empty();
        let target = if alone { line + 1 } else { line };
        let mut offset = from;
        for name in text[from..close].split(',') {
            let trimmed = name.trim();
            let start = offset + (name.len() - name.trim_start().len());
            offset += name.len() + 1;
            match parse_code(trimmed, true) {
                Ok(code) => silenced.push((target, code)),
                Err(message) if !trimmed.is_empty() => unknown.push((Span::new(start, start + trimmed.len()), message)),
                Err(_) => {}
            }
        }
    }
    findings.retain(|d| {
        ALWAYS_REPORTED.contains(&d.code)
            || !silenced.iter().any(|&(line, code)| line == d.location.line && code == d.code)
    });
    for (span, message) in unknown {
        let mut finding =
            Diagnostic::new(Code::Syntax, "", span, format!("this ignore comment has no effect: {message}"))
                .with_help("write the codes of the findings to silence, e.g. `# immuta-preflight: ignore[placeholder]`")
                .as_warning();
        finding.location = index.location(span);
        findings.push(finding);
    }
    findings.sort_by_key(|d| (d.span.start, d.span.end));
}

/// Where the `#` that makes `before` (the line up to the marker) a comment is: the last `#` at the
/// line's start or after a blank, outside quotes.
fn comment_start(before: &str) -> Option<usize> {
    let hash = before.trim_end().strip_suffix('#').map(str::len)?;
    let preceded = hash == 0 || before[..hash].ends_with([' ', '\t']);
    let quotes_closed = before[..hash].matches('"').count() % 2 == 0 && before[..hash].matches('\'').count() % 2 == 0;
    (preceded && quotes_closed).then_some(hash)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Options, check};

    const PAYLOAD: &str = "type: Snowflake\nautoBootstrap: false\nconfig:\n  host: <your-host>\n";

    fn codes(text: &str) -> Vec<(Code, usize)> {
        let options = Options { format: Some(crate::Format::Yaml), ..Default::default() };
        check(text, &options).diagnostics.iter().map(|d| (d.code, d.location.line)).collect()
    }

    #[test]
    fn a_comment_on_the_line_or_alone_above_it_silences_that_rule_there() {
        assert!(codes(PAYLOAD).contains(&(Code::Placeholder, 4)));
        let on_line = PAYLOAD.replace("<your-host>", "<your-host>  # immuta-preflight: ignore[placeholder]");
        assert!(!codes(&on_line).iter().any(|(c, _)| *c == Code::Placeholder));
        let above = PAYLOAD.replace("  host:", "  # immuta-preflight: ignore[missing-field, placeholder]\n  host:");
        assert!(!codes(&above).iter().any(|(c, l)| *c == Code::Placeholder && *l == 5));
        let other_rule = PAYLOAD.replace("<your-host>", "<your-host>  # immuta-preflight: ignore[whitespace]");
        assert!(codes(&other_rule).iter().any(|(c, _)| *c == Code::Placeholder));
    }

    #[test]
    fn a_misspelt_code_is_reported_and_a_quoted_marker_is_not_a_comment() {
        let misspelt = PAYLOAD.replace("<your-host>", "<your-host>  # immuta-preflight: ignore[placeholdr]");
        let found = check(&misspelt, &Options::default());
        let warning = found.diagnostics.iter().find(|d| d.code == Code::Syntax).expect("a warning");
        assert!(warning.message.contains("did you mean `placeholder`?"), "{}", warning.message);
        assert!(found.diagnostics.iter().any(|d| d.code == Code::Placeholder));
        assert_eq!(comment_start("  host: \"a #"), None);
        assert_eq!(comment_start("  host: x #"), Some(10));
    }
}
