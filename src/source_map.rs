//! Where each byte of a decoded string value came from in the source, so a finding or a fix can
//! point at one character inside a string: a JSON escape (`\n`, `\u00a0`) is one decoded character
//! but several source bytes. Used for the BigQuery credential (JSON inside a JSON string) and for the
//! value rules, which name and delete single characters of a value.

use crate::diagnostic::{Edit, Fix, Span};
use crate::document::{Node, double_quoted};
use crate::input::Format;
use crate::input::cursor::Progress;

/// Maps offsets in a decoded JSON string back to the source literal it came from.
pub struct SourceMap<'a> {
    source: &'a str,
    /// `raw[i]` is the source offset of decoded byte `i`; one extra entry for the end.
    raw: Vec<usize>,
}

impl<'a> SourceMap<'a> {
    /// The map of the JSON string literal at `span`, whose decoded value is `decoded`; `None` when
    /// the source is no such literal (YAML, say) or the two disagree on the decoded length.
    pub fn new(source: &'a str, span: Span, decoded: &str) -> Option<Self> {
        let (content, start) = double_quoted(source, span)?;
        let bytes = content.as_bytes();
        let mut raw = Vec::with_capacity(content.len() + 1);
        let mut i = 0;
        let mut progress = Progress::default();
        while progress.advanced(i) && i < bytes.len() {
            let (consumed, decoded_len) = if bytes[i] == b'\\' { escape_widths(content, i) } else { (1, 1) };
            raw.extend(std::iter::repeat_n(start + i, decoded_len));
            i += consumed;
        }
        raw.push(start + content.len());
        // A map is only as good as its agreement with the reader that decoded the string: one
        // that disagrees would point inside characters.
        (raw.len() == decoded.len() + 1).then_some(SourceMap { source, raw })
    }

    pub fn offset(&self, decoded: usize) -> usize {
        self.raw.get(decoded).or(self.raw.last()).copied().unwrap_or(0)
    }

    pub fn span(&self, inner: Span) -> Span {
        let start = self.offset(inner.start);
        let end = self.offset(inner.end).max(start);
        Span::new(start, end)
    }

    /// Turns each `\n` escape that became a real line break in the inner JSON into `\\n`.
    pub fn escape_breaks(&self, breaks: &[usize]) -> Option<Fix> {
        let mut edits = Vec::new();
        for &b in breaks {
            let at = self.offset(b);
            match self.source.get(at..at + 2) {
                Some("\\n") | Some("\\r") => edits.push(Edit::replace(Span::new(at, at + 2), "\\\\n")),
                _ => return None,
            }
        }
        Some(Fix { message: "escape the key's line breaks for the inner JSON (\\\\n)".into(), edits })
    }
}

/// The escape at `content[at]` (a backslash), as the JSON reader decodes it: how many source bytes
/// it takes and how many bytes it decodes to (`\u` without four hex digits decodes to nothing, a
/// lone surrogate to U+FFFD, a surrogate pair to one four-byte character).
fn escape_widths(content: &str, at: usize) -> (usize, usize) {
    let hex4 = |from: usize| {
        let digits = content.get(from..from + 4)?;
        digits.bytes().all(|b| b.is_ascii_hexdigit()).then(|| u32::from_str_radix(digits, 16).ok())?
    };
    match content[at + 1..].chars().next() {
        None => (1, 0),
        Some('u') => match hex4(at + 2) {
            None => (2, 0),
            Some(0xD800..0xDC00) => match content[at + 6..].starts_with("\\u").then(|| hex4(at + 8)).flatten() {
                Some(0xDC00..0xE000) => (12, 4),
                _ => (6, 3),
            },
            Some(code) => (6, char::from_u32(code).map_or(3, char::len_utf8)),
        },
        Some(c) => (1 + c.len_utf8(), c.len_utf8()),
    }
}

impl<'a> SourceMap<'a> {
    /// The map of a string value of the tree: a JSON (or curl) string literal through its escapes;
    /// a YAML scalar only when its source text is its value, bare or between quotes. `None` when
    /// the two cannot be matched byte for byte, so no edit can land inside a character.
    pub fn of_value(source: &'a str, node: &Node, format: Format) -> Option<Self> {
        let decoded = node.as_str()?;
        if format != Format::Yaml {
            return SourceMap::new(source, node.span, decoded);
        }
        let text = source.get(node.span.start..node.span.end)?;
        let start = if text == decoded {
            node.span.start
        } else if text.len() == decoded.len() + 2 && &text[1..text.len() - 1] == decoded {
            node.span.start + 1
        } else {
            return None;
        };
        Some(SourceMap { source, raw: (start..=start + decoded.len()).collect() })
    }

    /// The source range of the decoded bytes `from..to`.
    pub fn range(&self, from: usize, to: usize) -> Span {
        self.span(Span::new(from, to))
    }

    /// The source range of the whole value, without quotes.
    pub fn content(&self) -> Span {
        self.range(0, self.raw.len() - 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::json;

    /// The map agrees with the JSON reader on every escape form, so every mapped offset of the
    /// decoded text lands on a character boundary of the source.
    #[test]
    fn the_source_map_decodes_as_the_json_reader_does() {
        for literal in [
            r#""plain é text""#,
            r#""\"\\\/\b\f\n\r\t""#,
            r#""\u00e9\u20ac\ud83d\ude80""#,
            r#""\ud800 lone \udc00 low \ud800\u0041""#,
            r#""\u12 short \u      spaces \uZZZZ""#,
            r#""\é \x""#,
        ] {
            let source = format!("{{\"a\": {literal}}}");
            let parsed = json::parse(&source);
            let node = parsed.root.as_ref().and_then(|root| root.get("a")).expect("the string");
            let decoded = node.as_str().expect("a string");
            let map = SourceMap::new(&source, node.span, decoded).unwrap_or_else(|| panic!("no map for {literal}"));
            for (offset, _) in decoded.char_indices() {
                assert!(source.is_char_boundary(map.offset(offset)), "{literal}: offset {offset}");
            }
        }
    }

    #[test]
    fn a_map_that_would_disagree_is_refused() {
        let source = r#"{"a": "\u00e9"}"#;
        let node = json::parse(source).root.and_then(|root| root.get("a").cloned()).expect("the string");
        assert!(SourceMap::new(source, node.span, "not what the literal decodes to").is_none());
    }
}
