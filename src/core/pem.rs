//! What a PEM value looks like after JSON/YAML decoding. Shared by the `private-key-*` rules and
//! the BigQuery credential check; where keys live is in `crate::model::key_sites`.

use crate::diagnostic::{Edit, Span};
use crate::input::cursor::Progress;
use crate::values::der::{DECODE, INVALID, PAD, WHITESPACE};

/// How the line breaks of a decoded PEM value look.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Breaks {
    Fine,
    /// The decoded text holds a literal backslash + `n`: the JSON said `\\n`.
    DoubleEscaped,
    /// BEGIN and END are there but there is no line break at all: one line, or joined by spaces.
    Lost,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Facts {
    pub begin: Option<String>,
    pub end: Option<String>,
    pub breaks: Breaks,
    pub encrypted: bool,
    /// Why the base64 body is not valid, if it is not.
    pub body_problem: Option<&'static str>,
}

impl Facts {
    pub fn is_private_key(&self) -> bool {
        self.begin.as_deref().is_some_and(|l| l.ends_with("PRIVATE KEY"))
    }
}

pub fn analyze(text: &str) -> Facts {
    let begin = marker(text, "-----BEGIN ");
    let end = marker(text, "-----END ");
    let breaks = if text.contains("\\n") {
        Breaks::DoubleEscaped
    } else if begin.is_some() && end.is_some() && !text.contains('\n') {
        Breaks::Lost
    } else {
        Breaks::Fine
    };
    let encrypted =
        begin.as_deref().is_some_and(|l| l.contains("ENCRYPTED")) || text.contains("Proc-Type: 4,ENCRYPTED");
    let body_problem = match (&begin, &end) {
        (Some(_), Some(_)) => body(text).and_then(base64_problem),
        _ => None,
    };
    Facts { begin, end, breaks, encrypted, body_problem }
}

/// The label of the first `-----BEGIN <label>-----` (or END) marker.
fn marker(text: &str, prefix: &str) -> Option<String> {
    let start = text.find(prefix)? + prefix.len();
    let len = text[start..].find("-----")?;
    Some(text[start..start + len].trim().to_string())
}

/// The text between the BEGIN and END lines.
pub fn body(text: &str) -> Option<&str> {
    let after_begin = text.find("-----BEGIN ")?;
    let body_start = after_begin + 11 + text[after_begin + 11..].find("-----")? + 5;
    let body_end = body_start + text[body_start..].find("-----END ")?;
    Some(&text[body_start..body_end])
}

/// Why a PEM body is not valid base64, in one pass over its bytes. Line breaks, spaces and `\n`
/// pairs (breaks escaped once too often, reported by `private-key-newlines`) are skipped, and so are
/// RFC 1421 header lines such as `Proc-Type: 4,ENCRYPTED`.
fn base64_problem(raw: &str) -> Option<&'static str> {
    let mut data = 0usize;
    let mut padding = 0usize;
    let mut invalid = false;
    for line in raw.split('\n') {
        if line.contains(':') {
            continue;
        }
        let bytes = line.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            match DECODE[bytes[i] as usize] {
                WHITESPACE => {}
                PAD => padding += 1,
                INVALID if bytes[i] == b'\\' && matches!(bytes.get(i + 1), Some(b'n' | b'r')) => i += 1,
                INVALID => invalid = true,
                _ => {
                    invalid |= padding > 0;
                    data += 1;
                }
            }
            i += 1;
        }
    }
    if data + padding == 0 {
        Some("there is nothing between the BEGIN and END lines")
    } else if invalid {
        Some("it holds characters that are not base64")
    } else if padding > 2 {
        Some("it has too much `=` padding")
    } else if (data + padding) % 4 != 0 {
        Some("its length is not a multiple of 4, so part of it is missing")
    } else {
        None
    }
}

/// For a JSON string literal whose source text equals its value (no escapes), the edits that put
/// `\n` back where a PEM's line breaks belong: after the BEGIN line, between base64 lines (where
/// spaces now stand, or every 64 characters) and before the END line. Only `\n` is ever inserted.
/// `None` for a body that is not ASCII: it is no base64 to cut into lines (`private-key-format`
/// says so), and a cut every 64 bytes could fall inside a character.
pub fn restore_breaks(literal: &str, literal_start: usize) -> Option<Vec<Edit>> {
    let begin = literal.find("-----BEGIN ")?;
    let body_start = begin + 11 + literal[begin + 11..].find("-----")? + 5;
    let end_marker = body_start + literal[body_start..].find("-----END ")?;
    let body = &literal[body_start..end_marker];
    if !body.is_ascii() {
        return None;
    }
    let mut edits = Vec::new();
    let mut chunk_len = 0;
    let mut i = 0;
    let bytes = body.as_bytes();
    let at = |offset: usize| literal_start + body_start + offset;
    let leading = bytes.iter().take_while(|b| **b == b' ').count();
    edits.push(Edit::replace(Span::new(at(0), at(leading)), "\\n"));
    i += leading;
    let mut progress = Progress::default();
    while progress.advanced(i) && i < bytes.len() {
        if bytes[i] == b' ' {
            let run = bytes[i..].iter().take_while(|b| **b == b' ').count();
            edits.push(Edit::replace(Span::new(at(i), at(i + run)), "\\n"));
            i += run;
            chunk_len = 0;
            continue;
        }
        if chunk_len == 64 {
            edits.push(Edit::insert(at(i), "\\n"));
            chunk_len = 0;
        }
        chunk_len += 1;
        i += 1;
    }
    if !body.ends_with(' ') {
        edits.push(Edit::insert(at(bytes.len()), "\\n"));
    }
    Some(edits)
}

/// Edits turning each `\\n` escape (decoded: backslash + n) of a JSON string literal into `\n`.
pub fn undo_double_escapes(literal: &str, literal_start: usize) -> Vec<Edit> {
    let bytes = literal.as_bytes();
    let mut edits = Vec::new();
    let mut i = 0;
    let mut progress = Progress::default();
    while progress.advanced(i) && i + 1 < bytes.len() {
        if bytes[i] == b'\\' {
            if bytes[i + 1] == b'\\' && bytes.get(i + 2) == Some(&b'n') {
                edits.push(Edit::replace(Span::new(literal_start + i, literal_start + i + 3), "\\n"));
                i += 3;
            } else {
                i += 2;
            }
        } else {
            i += 1;
        }
    }
    edits
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn facts_of_common_shapes() {
        let good = analyze("-----BEGIN PRIVATE KEY-----\nMIIBVAIBADAN\n-----END PRIVATE KEY-----\n");
        assert_eq!(good.breaks, Breaks::Fine);
        assert_eq!(good.body_problem, None);
        assert!(good.is_private_key() && !good.encrypted);
        let escaped = analyze("-----BEGIN PRIVATE KEY-----\\nMIIBVAIBADAN\\n-----END PRIVATE KEY-----");
        assert_eq!(escaped.breaks, Breaks::DoubleEscaped);
        assert_eq!(escaped.body_problem, None);
        let lost = analyze("-----BEGIN ENCRYPTED PRIVATE KEY----- MIIBVAIB ADAN -----END ENCRYPTED PRIVATE KEY-----");
        assert_eq!(lost.breaks, Breaks::Lost);
        assert!(lost.encrypted);
        let cut = analyze("-----BEGIN PRIVATE KEY-----\nMIIBVAIBADA\n-----END PRIVATE KEY-----");
        assert!(cut.body_problem.unwrap().contains("multiple of 4"));
        let cert = analyze("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----");
        assert!(!cert.is_private_key());
    }

    #[test]
    fn breaks_are_not_restored_in_a_body_that_is_not_ascii() {
        let body = format!("{}é{}", "A".repeat(63), "B".repeat(10));
        assert_eq!(restore_breaks(&format!("-----BEGIN PRIVATE KEY----- {body} -----END PRIVATE KEY-----"), 0), None);
    }

    #[test]
    fn restoring_breaks_only_inserts_newline_escapes() {
        let literal = "-----BEGIN PRIVATE KEY----- AAAA BBBB -----END PRIVATE KEY-----";
        let edits = restore_breaks(literal, 0).unwrap();
        let mut text = literal.to_string();
        for edit in edits.iter().rev() {
            let crate::diagnostic::Part::Text(t) = &edit.parts[0] else { panic!() };
            assert_eq!(t, "\\n");
            text.replace_range(edit.span.start..edit.span.end, t);
        }
        assert_eq!(text, "-----BEGIN PRIVATE KEY-----\\nAAAA\\nBBBB\\n-----END PRIVATE KEY-----");
    }

    #[test]
    fn undoing_double_escapes() {
        let literal = r"-----BEGIN PRIVATE KEY-----\\nAAAA\\n-----END PRIVATE KEY-----\n";
        let edits = undo_double_escapes(literal, 10);
        assert_eq!(edits.len(), 2);
        assert_eq!(edits[0].span, Span::new(10 + 27, 10 + 30));
    }
}
