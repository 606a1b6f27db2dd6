//! `check --diff`: what `--fix` would change, as a unified diff, with every secret masked. Each
//! line shown has the bytes of a secret (before the fix, or after it) replaced by `[REDACTED]`, so
//! a key moved or re-escaped by a fix appears as `[REDACTED]` on both sides.

use immuta_preflight_core::diagnostic::Span;
use immuta_preflight_core::secrets::REDACTED;
use similar::{DiffTag, TextDiff};

/// Lines of unchanged text shown around each change.
const CONTEXT: usize = 3;

/// One side of the diff: a text and the ranges of it that hold secrets (sorted).
pub struct Side<'a> {
    pub text: &'a str,
    pub redactions: &'a [Span],
}

/// The unified diff from `old` to `new` for the file `path`; empty when they are the same.
pub fn unified(path: &str, old: &Side, new: &Side) -> String {
    if old.text == new.text {
        return String::new();
    }
    let diff = TextDiff::from_lines(old.text, new.text);
    let (old_lines, new_lines) = (diff.old_slices(), diff.new_slices());
    let mut out = format!("--- a/{path}\n+++ b/{path}\n");
    for group in diff.grouped_ops(CONTEXT) {
        let (Some(first), Some(last)) = (group.first(), group.last()) else { continue };
        let (old_range, new_range) =
            (first.old_range().start..last.old_range().end, first.new_range().start..last.new_range().end);
        out.push_str(&format!("@@ -{} +{} @@\n", header(&old_range), header(&new_range)));
        for op in &group {
            let (tag, olds, news) = op.as_tag_tuple();
            match tag {
                DiffTag::Equal => lines(&mut out, ' ', old, &old_lines[olds]),
                DiffTag::Delete => lines(&mut out, '-', old, &old_lines[olds]),
                DiffTag::Insert => lines(&mut out, '+', new, &new_lines[news]),
                DiffTag::Replace => {
                    lines(&mut out, '-', old, &old_lines[olds]);
                    lines(&mut out, '+', new, &new_lines[news]);
                }
            }
        }
    }
    out
}

/// `start,count` of a hunk (1-based; an empty range names the line before it).
fn header(range: &std::ops::Range<usize>) -> String {
    let count = range.end - range.start;
    let start = if count == 0 { range.start } else { range.start + 1 };
    format!("{start},{count}")
}

fn lines(out: &mut String, sign: char, side: &Side, lines: &[&str]) {
    for line in lines {
        // The slices are of `side.text`, so their offsets are where they start in it.
        let start = line.as_ptr() as usize - side.text.as_ptr() as usize;
        let content = line.trim_end_matches(['\n', '\r']);
        out.push(sign);
        out.push_str(&masked(side, Span::new(start, start + content.len())));
        out.push('\n');
        if content.len() == line.len() {
            out.push_str("\\ No newline at end of file\n");
        }
    }
}

/// The text of `span` with every secret in it replaced by `[REDACTED]`.
fn masked(side: &Side, span: Span) -> String {
    let mut out = String::new();
    let mut at = span.start;
    let first = side.redactions.partition_point(|r| r.end <= span.start);
    for secret in side.redactions[first..].iter().take_while(|r| r.start < span.end) {
        let from = secret.start.max(at);
        if from > at {
            out.push_str(&side.text[at..from]);
        }
        if secret.end > at {
            out.push_str(REDACTED);
            at = secret.end.min(span.end);
        }
    }
    if at < span.end {
        out.push_str(&side.text[at..span.end]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hunks_have_context_and_secrets_are_masked_on_both_sides() {
        let old = "a\nb\nc\nkey: s3cret\nd\ne\nf\ng\nh\n";
        let new = "a\nb\nc\nkey: 's3cret'\nd\ne\nf\ng\nh\n";
        let secret_old = [Span::new(old.find("s3cret").unwrap(), old.find("s3cret").unwrap() + 6)];
        let at = new.find("'s3cret'").unwrap();
        let secret_new = [Span::new(at, at + 8)];
        let diff = unified(
            "p.yaml",
            &Side { text: old, redactions: &secret_old },
            &Side { text: new, redactions: &secret_new },
        );
        assert_eq!(
            diff,
            "--- a/p.yaml\n+++ b/p.yaml\n@@ -1,7 +1,7 @@\n a\n b\n c\n-key: [REDACTED]\n+key: [REDACTED]\n d\n e\n f\n"
        );
        assert!(!diff.contains("s3cret"));
    }

    #[test]
    fn no_change_is_no_diff_and_a_missing_final_newline_is_said() {
        let same = Side { text: "x", redactions: &[] };
        assert_eq!(unified("p", &same, &same), "");
        let diff = unified("p", &Side { text: "x", redactions: &[] }, &Side { text: "y\n", redactions: &[] });
        assert_eq!(diff, "--- a/p\n+++ b/p\n@@ -1,1 +1,1 @@\n-x\n\\ No newline at end of file\n+y\n");
    }

    #[test]
    fn a_secret_over_several_lines_is_masked_on_each() {
        let text = "k: |\n  AAA\n  BBB\nz: 1\n";
        let start = text.find("AAA").unwrap();
        let end = text.find("z:").unwrap() - 1;
        let side = Side { text, redactions: &[Span::new(start, end)] };
        assert_eq!(masked(&side, Span::new(5, 10)), "  [REDACTED]");
        assert_eq!(masked(&side, Span::new(11, 16)), "[REDACTED]");
    }
}
