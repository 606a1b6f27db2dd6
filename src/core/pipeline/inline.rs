//! YAML's inline `# immuta-preflight: ignore[code, …]` comments: each silences the findings of
//! those rules on its own line or, written alone on a line, on the line below. A code that is not a
//! rule's is reported (a warning), so that a misspelt comment is not silently without effect.

use crate::diagnostic::{Diagnostic, Span};
use crate::position::LineIndex;
use crate::rules::Code;
use crate::rules::selection::{ALWAYS_REPORTED, parse_codes};

const MARKER: &str = "immuta-preflight: ignore[";
/// Misspelt codes reported per text, at most: a file of broken comments needs no more to be fixed.
const MAX_REPORTED: usize = 100;

/// Drops the findings the comments of `text` silence, and reports their unknown codes.
pub fn apply(text: &str, findings: &mut Vec<Diagnostic>) {
    if !text.contains(MARKER) {
        return;
    }
    let index = LineIndex::new(text);
    let (silenced, unknown) = scan(text, &index);
    drop_silenced(&silenced, findings);
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

/// Drops the findings that the comments of `text` silence, and nothing else: for findings added
/// after the check (those of the checks across files), whose text was already checked.
pub fn silence(text: &str, findings: &mut Vec<Diagnostic>) {
    if text.contains(MARKER) {
        drop_silenced(&scan(text, &LineIndex::new(text)).0, findings);
    }
}

fn drop_silenced(silenced: &[(usize, Code)], findings: &mut Vec<Diagnostic>) {
    findings.retain(|d| {
        ALWAYS_REPORTED.contains(&d.code)
            || !silenced.iter().any(|&(line, code)| line == d.location.line && code == d.code)
    });
}

/// The (line, code) pairs that the comments silence, and the misspelt codes.
#[allow(clippy::type_complexity)]
fn scan(text: &str, index: &LineIndex) -> (Vec<(usize, Code)>, Vec<(Span, String)>) {
    let mut silenced: Vec<(usize, Code)> = Vec::new();
    let mut unknown = Vec::new();
    let mut from = 0;
    // The line last looked at, where it starts and where its comment starts: found once per line.
    let mut current: (usize, usize, Option<usize>) = (0, 0, None);
    while let Some(at) = text[from..].find(MARKER).map(|i| from + i) {
        from = at + MARKER.len();
        let line = index.position(at).0;
        if current.0 != line {
            let span = index.line_span(line - 1);
            current = (line, span.start, comment_start(&text[span.start..span.end]).map(|i| span.start + i));
        }
        let (_, line_start, comment) = current;
        // The marker follows a `#`, inside the line's comment.
        let Some(hash) = text[..at].trim_end().strip_suffix('#').map(str::len) else { continue };
        if comment.is_none_or(|start| hash < start) {
            continue;
        }
        let mut end = text.len().min(from + 1024);
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let rest = &text[from..end];
        let Some(close) = rest.find([']', '\n']).filter(|&c| rest.as_bytes()[c] == b']').map(|c| from + c) else {
            continue;
        };
        let alone = text[line_start..hash].trim().is_empty();
        let target = if alone { line + 1 } else { line };
        let mut offset = from;
        for name in text[from..close].split(',') {
            let trimmed = name.trim();
            let start = offset + (name.len() - name.trim_start().len());
            offset += name.len() + 1;
            match parse_codes(trimmed, true) {
                Ok(codes) => silenced.extend(codes.into_iter().map(|code| (target, code))),
                Err(message) if !trimmed.is_empty() && unknown.len() < MAX_REPORTED => {
                    unknown.push((Span::new(start, start + trimmed.len()), message))
                }
                Err(_) => {}
            }
        }
    }
    (silenced, unknown)
}

/// Where the comment of a YAML line starts: its first `#` at the start of the line or after a
/// blank, outside quotes.
fn comment_start(line: &str) -> Option<usize> {
    let mut quote = None;
    let mut previous = ' ';
    for (i, c) in line.char_indices() {
        match (quote, c) {
            (None, '#') if previous == ' ' || previous == '\t' => return Some(i),
            (None, '"' | '\'') => quote = Some(c),
            (Some(open), c) if c == open => quote = None,
            _ => {}
        }
        previous = c;
    }
    None
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
        assert_eq!(comment_start("  host: \"a # b\""), None);
        assert_eq!(comment_start("  host: x # a # b"), Some(10));
        assert_eq!(comment_start("# alone"), Some(0));
    }
}
