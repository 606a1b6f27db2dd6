//! A BigQuery credential: a service account's JSON key file, given as one JSON string inside the
//! payload. Read once per check ([`read`]) for the `bigquery-credential` rule and for the key rules,
//! which check the `private_key` inside it as they check any other key.

use crate::diagnostic::{Fix, Span};
use crate::document::{Arena, Node};
use crate::input::Format;
use crate::input::{Parsed, json};
use crate::model::placeholders::is_placeholder;
use crate::pem;
use crate::source_map::SourceMap;

/// Where the credential lives in an integration payload.
pub const POINTER: &str = "/config/credential";

/// The credential string, the JSON inside it, and the map from that JSON back to the source.
pub struct Credential<'a> {
    pub node: &'a Node<'a>,
    pub inner: Parsed<'a>,
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
pub fn read<'a>(source: &'a str, root: &'a Node<'a>, format: Format, arena: &'a Arena) -> Option<Credential<'a>> {
    let node = root.pointer(POINTER)?;
    let text = node.as_str()?;
    if text.trim().is_empty() || is_placeholder(text) {
        return None;
    }
    let mut credential = Credential {
        node,
        inner: json::parse(text, arena),
        map: SourceMap::of_value(source, node, format),
        key_facts: None,
    };
    credential.key_facts = credential.private_key_node().and_then(Node::as_str).map(pem::analyze);
    Some(credential)
}

impl Credential<'_> {
    /// A span inside the decoded credential, as a span of the source (the whole string when the
    /// source is no plain JSON string literal).
    pub fn span(&self, inner: Span) -> Span {
        self.map.as_ref().and_then(|m| m.span(inner)).unwrap_or(self.node.span)
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

    fn private_key_node(&self) -> Option<&Node<'_>> {
        if !self.reads_cleanly() {
            return None;
        }
        self.inner.root.as_ref()?.get("private_key")
    }
}
