//! A BigQuery credential: a service account's JSON key file, given as one JSON string inside the
//! payload. Read once per check ([`read`]) for the `bigquery-credential` rule and for the key rules,
//! which check the `private_key` inside it as they check any other key.

use crate::diagnostic::{Edit, Fix, Span};
use crate::document::{Node, double_quoted};
use crate::input::cursor::Progress;
use crate::input::{Parsed, json};
use crate::model::placeholders::is_placeholder;
use crate::pem;

/// Where the credential lives in an integration payload.
pub const POINTER: &str = "/config/credential";

/// The credential string, the JSON inside it, and the map from that JSON back to the source.
pub struct Credential<'a> {
    pub node: &'a Node,
    pub inner: Parsed,
    map: Option<SourceMap<'a>>,
    /// The PEM facts of the `private_key` inside, analysed once for the key rules.
    key_facts: Option<pem::Facts>,
}

/// The `private_key` of a credential that reads cleanly, with its PEM facts.
pub struct EmbeddedKey<'a> {
    pub text: &'a str,
    pub facts: &'a pem::Facts,
    pub span: Span,
}

/// The credential at [`POINTER`], unless it is absent, blank or a placeholder.
pub fn read<'a>(source: &'a str, root: &'a Node) -> Option<Credential<'a>> {
    let node = root.pointer(POINTER)?;
    let text = node.as_str()?;
    if text.trim().is_empty() || is_placeholder(text) {
        return None;
    }
    let mut credential =
        Credential { node, inner: json::parse(text), map: SourceMap::new(source, node.span, text), key_facts: None };
    credential.key_facts = credential.private_key_node().and_then(Node::as_str).map(pem::analyze);
    Some(credential)
}

impl Credential<'_> {
    /// A span inside the decoded credential, as a span of the source (the whole string when the
    /// source is no plain JSON string literal).
    pub fn span(&self, inner: Span) -> Span {
        self.map.as_ref().map_or(self.node.span, |m| m.span(inner))
    }

    /// The fix that escapes, for the inner JSON, the line breaks at `breaks` of the decoded text.
    pub fn escape_breaks(&self, breaks: &[usize]) -> Option<Fix> {
        self.map.as_ref().and_then(|m| m.escape_breaks(breaks))
    }

    /// Whether the inner JSON was read to its end without a line break inside a string.
    pub fn reads_cleanly(&self) -> bool {
        !self.inner.fatal && self.inner.raw_breaks.is_empty()
    }

    pub fn private_key(&self) -> Option<EmbeddedKey<'_>> {
        let key = self.private_key_node()?;
        Some(EmbeddedKey { text: key.as_str()?, facts: self.key_facts.as_ref()?, span: self.span(key.span) })
    }

    fn private_key_node(&self) -> Option<&Node> {
        if !self.reads_cleanly() {
            return None;
        }
        self.inner.root.as_ref()?.get("private_key")
    }
}

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

#[cfg(test)]
mod tests {
    use super::*;

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
