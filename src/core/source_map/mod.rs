//! Where each byte of a decoded string value came from in the source, so a finding or a fix can
//! point at one character inside a string: a JSON escape (`\n`, `\u00a0`) is one decoded character
//! but several source bytes. Used for the BigQuery credential (JSON inside a JSON string) and for the
//! value rules, which name and delete single characters of a value. A YAML scalar is mapped in
//! whichever style it is written ([`yaml`]).
//!
//! A map is exact or absent: every offset it gives lies on a character boundary of the source,
//! and deleting the source range of decoded characters deletes exactly those characters. Where a
//! decoded character has no source of its own (a fold that became several line breaks), no span
//! or edit is made of it.

pub mod yaml;

use crate::diagnostic::{Edit, Fix, Span};
use crate::document::{Node, double_quoted};
use crate::input::Format;
use crate::input::cursor::Progress;

/// Maps offsets in a decoded string back to the source it came from.
pub struct SourceMap<'a> {
    source: &'a str,
    /// `raw[i]` is the source offset of decoded byte `i`; one extra entry for the end.
    raw: Vec<usize>,
    /// For a YAML scalar: how it is written, so that an edit can be checked by decoding the
    /// edited text again; its decoded text; and which decoded bytes have no source of their own.
    yaml: Option<(yaml::Layout, String, Vec<bool>)>,
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
        (raw.len() == decoded.len() + 1).then_some(SourceMap { source, raw, yaml: None })
    }

    pub fn offset(&self, decoded: usize) -> usize {
        self.raw.get(decoded).or(self.raw.last()).copied().unwrap_or(0)
    }

    /// The source range of a decoded range; `None` when part of it has no source of its own.
    pub fn span(&self, inner: Span) -> Option<Span> {
        if let Some((_, _, inexact)) = &self.yaml
            && inexact.get(inner.start..inner.end.min(inexact.len())).is_none_or(|part| part.contains(&true))
        {
            return None;
        }
        let start = self.offset(inner.start);
        let end = self.offset(inner.end).max(start);
        Some(Span::new(start, end))
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
    /// a YAML scalar in its style ([`yaml::decode`]). `None` when the decoding disagrees with the
    /// reader's value, so that no span or edit can land inside a character or off its meaning.
    pub fn of_value(source: &'a str, node: &Node, format: Format) -> Option<Self> {
        let decoded = node.as_str()?;
        if format != Format::Yaml {
            return SourceMap::new(source, node.span, decoded);
        }
        let layout = yaml::layout(source, node.span)?;
        let region = source.get(layout.region.start..layout.region.end)?;
        let map = yaml::decode(layout.style, region)?;
        // Only a decoding that agrees with the reader's is a map of this value.
        if map.text != decoded {
            return None;
        }
        let raw = map.raw.iter().map(|offset| layout.region.start + offset).collect();
        Some(SourceMap { source, raw, yaml: Some((layout, map.text, map.inexact)) })
    }

    /// The edits that replace each decoded range `from..to` with its text, or `None` when a range
    /// has no exact source or, in YAML, when the edited text would not read back as the value
    /// with those replacements (a fold that would change, a plain scalar that would start with an
    /// indicator or stop being a string). The texts are written as they are: in JSON, the caller
    /// escapes them.
    pub fn edits<T: AsRef<str>>(&self, changes: &[(usize, usize, T)]) -> Option<Vec<Edit>> {
        let mut edits = Vec::with_capacity(changes.len());
        for (from, to, text) in changes {
            let span = self.range(*from, *to)?;
            let text = text.as_ref();
            edits.push(if text.is_empty() { Edit::delete(span) } else { Edit::replace(span, text) });
        }
        if let Some((layout, decoded, _)) = &self.yaml {
            self.read_back(layout, decoded, changes, &edits)?;
        }
        Some(edits)
    }

    /// Whether the YAML scalar, edited, decodes to the value with the changes made.
    fn read_back<T: AsRef<str>>(
        &self,
        layout: &yaml::Layout,
        decoded: &str,
        changes: &[(usize, usize, T)],
        edits: &[Edit],
    ) -> Option<()> {
        let mut sorted: Vec<_> = changes.iter().zip(edits).collect();
        sorted.sort_by_key(|((from, to, _), _)| (*from, *to));
        let (mut expected, mut region) = (String::new(), String::new());
        let (mut decoded_at, mut source_at) = (0, layout.region.start);
        for ((from, to, text), edit) in sorted {
            if *from < decoded_at || edit.span.start < source_at || edit.span.end > layout.region.end {
                return None;
            }
            expected.push_str(decoded.get(decoded_at..*from)?);
            expected.push_str(text.as_ref());
            region.push_str(self.source.get(source_at..edit.span.start)?);
            region.push_str(text.as_ref());
            (decoded_at, source_at) = (*to, edit.span.end);
        }
        expected.push_str(decoded.get(decoded_at..)?);
        region.push_str(self.source.get(source_at..layout.region.end)?);
        let again = yaml::decode(layout.style, &region)?;
        let plain_string = layout.style != yaml::Style::Plain || crate::input::yaml::stays_plain_string(&expected);
        (again.text == expected && plain_string).then_some(())
    }

    /// The source range of the decoded bytes `from..to`, when it has an exact one.
    pub fn range(&self, from: usize, to: usize) -> Option<Span> {
        self.span(Span::new(from, to))
    }

    /// The length of the decoded value, in bytes.
    pub fn len(&self) -> usize {
        self.raw.len() - 1
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
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
            let arena = crate::document::Arena::new();
            let parsed = json::parse(&source, &arena);
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
        let arena = crate::document::Arena::new();
        let node = json::parse(source, &arena).root.and_then(|root| root.get("a").cloned()).expect("the string");
        assert!(SourceMap::new(source, node.span, "not what the literal decodes to").is_none());
    }
}
