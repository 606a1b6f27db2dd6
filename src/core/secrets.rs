//! Which values are secrets, and the source ranges that must be masked wherever text is shown.
//! Nothing the checker outputs may contain a secret: messages never quote one, and code frames
//! replace these ranges with `[REDACTED]` (the convention of Immuta's own API).

use crate::diagnostic::Span;
use crate::document::{Node, Value, unescape_token};
use crate::model::secret_names::Secrecy;

/// The masking text, as Immuta's API writes masked values.
pub const REDACTED: &str = "[REDACTED]";

/// Whether the value at `pointer` is (part of) a secret.
pub fn is_secret(pointer: &str) -> bool {
    let mut secrecy = Secrecy::default();
    for token in pointer.split('/').skip(1) {
        secrecy = secrecy.member(&unescape_token(token));
    }
    secrecy.secret
}

/// Source ranges of every secret value in the tree: the text between a string's quotes (so a
/// frame shows `"password": "[REDACTED]"`), or the whole value for YAML block scalars.
pub fn secret_spans(root: &Node, source: &str) -> Vec<Span> {
    let mut spans = Vec::new();
    collect_secrets(root, Secrecy::default(), &mut |node| spans.push(content_span(node.span, source)));
    spans
}

/// Visits every scalar inside a secret, deciding secrecy top-down by the one policy
/// ([`Secrecy::member`]) that [`is_secret`] applies to a pointer.
fn collect_secrets<'a>(node: &'a Node<'a>, secrecy: Secrecy, found: &mut dyn FnMut(&'a Node<'a>)) {
    match &node.value {
        Value::Object(members) => {
            for member in members.iter() {
                collect_secrets(&member.value, secrecy.member(member.key), found);
            }
        }
        Value::Array(items) => items.iter().for_each(|item| collect_secrets(item, secrecy.item(), found)),
        // A template value at a secret field may be the secret itself (`password: $ecret` in YAML).
        Value::String(_) | Value::Number(_) | Value::Invalid | Value::Template if secrecy.secret => found(node),
        _ => {}
    }
}

/// A string literal's span without its quotes.
pub fn content_span(span: Span, source: &str) -> Span {
    let text = source.get(span.start..span.end).unwrap_or("");
    let quoted = |c: char| matches!(c, '"' | '\'');
    match (text.chars().next(), text.chars().last()) {
        (Some(open), Some(close)) if quoted(open) && quoted(close) && text.len() >= 2 => {
            Span::new(span.start + 1, span.end - 1)
        }
        _ => span,
    }
}

/// Every secret string in the tree, for tests that assert none of them reaches any output.
pub fn secret_values(root: &Node) -> Vec<String> {
    let mut values = Vec::new();
    collect_secrets(root, Secrecy::default(), &mut |node| {
        if let Value::String(s) = &node.value {
            values.push(s.to_string());
        }
    });
    values
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secret_fields_are_recognised() {
        assert!(is_secret("/connection/password"));
        assert!(is_secret("/connection/privateKey/content"));
        assert!(!is_secret("/connection/privateKey/keyName"));
        assert!(!is_secret("/connection/privateKey/userFilename"));
        assert!(is_secret("/config/oAuthClientConfig/clientSecret"));
        assert!(is_secret("/config/credential"));
        assert!(is_secret("/config/dbPassword"));
        assert!(!is_secret("/connection/hostname"));
        assert!(!is_secret("/connection/authenticationType"));
    }

    /// The pointer test and the masking walk are one policy: they agree on every value of a tree
    /// that mixes secrets, key metadata and the odd shapes around them.
    #[test]
    fn the_pointer_test_and_the_masking_walk_agree() {
        let text = r#"{"connection": {"privateKey": {"keyName": "k", "userFilename": "f", "content": "c",
            "nested": {"keyName": "n"}, "odd": {"keyName": {"deep": "d"}}, "list": ["a", {"keyName": "x"}]},
            "password": ["p", {"inner": 1}], "hostname": "h", "dbPassword": "x",
            "meta": {"keyName": "plain"}}}"#;
        let arena = crate::document::Arena::new();
        let root = crate::input::parse(text, None, &arena).root.expect("a tree");
        let masked = secret_spans(&root, text);
        let mut checked = 0;
        root.walk(&mut |path, node| {
            if matches!(node.value, Value::String(_) | Value::Number(_)) {
                let pointer = path.pointer();
                let in_mask = masked.contains(&content_span(node.span, text));
                assert_eq!(is_secret(&pointer), in_mask, "{pointer}");
                checked += 1;
            }
        });
        assert_eq!(checked, 12);
        assert!(!is_secret("/connection/privateKey/nested/keyName"));
        assert!(is_secret("/connection/privateKey/odd/keyName/deep"));
        assert!(!is_secret("/connection/meta/keyName"));
    }

    #[test]
    fn content_spans_drop_quotes() {
        let source = r#"{"password": "s3cret"}"#;
        let span = Span::new(13, 21);
        assert_eq!(&source[span.start..span.end], "\"s3cret\"");
        let inner = content_span(span, source);
        assert_eq!(&source[inner.start..inner.end], "s3cret");
    }
}
