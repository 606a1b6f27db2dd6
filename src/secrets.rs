//! Which values are secrets, and the source ranges that must be masked wherever text is shown.
//! Nothing the checker outputs may contain a secret: messages never quote one, and code frames
//! replace these ranges with `[REDACTED]` (the convention of Immuta's own API).

use crate::diagnostic::Span;
use crate::document::{Node, Value, split_pointer, unescape_token};

/// The masking text, as Immuta's API writes masked values.
pub const REDACTED: &str = "[REDACTED]";

/// Member names whose values are credentials.
const SECRET_NAMES: &[&str] = &[
    "password",
    "token",
    "clientSecret",
    "privateKey",
    "privateKeyPassword",
    "oauthPrivateKey",
    "awsSecretAccessKey",
    "awsAccessKeyId",
    "credential",
    "private_key",
];

/// Parts of a member name that mark an unknown field as probably secret too.
const SECRET_HINTS: &[&str] =
    &["password", "passwd", "secret", "token", "credential", "privatekey", "apikey", "passphrase"];

/// Whether the value at `pointer` is (part of) a secret.
pub fn is_secret(pointer: &str) -> bool {
    let mut rest = pointer;
    while let Some((parent, last)) = split_pointer(rest) {
        if is_secret_name(&unescape_token(last)) && !is_key_metadata(pointer, rest) {
            return true;
        }
        rest = parent;
    }
    false
}

fn is_secret_name(name: &str) -> bool {
    SECRET_NAMES.contains(&name) || SECRET_HINTS.iter().any(|hint| contains_ignore_case(name, hint))
}

/// `needle` must be lower-case ASCII.
fn contains_ignore_case(haystack: &str, needle: &str) -> bool {
    let first = needle.as_bytes()[0];
    haystack.len() >= needle.len()
        && haystack
            .as_bytes()
            .windows(needle.len())
            .any(|w| w[0].to_ascii_lowercase() == first && w.eq_ignore_ascii_case(needle.as_bytes()))
}

/// `privateKey.keyName` and `privateKey.userFilename` describe a key; they are not the key.
fn is_key_metadata(pointer: &str, secret_ancestor: &str) -> bool {
    pointer != secret_ancestor && (pointer.ends_with("/keyName") || pointer.ends_with("/userFilename"))
}

/// Source ranges of every secret value in the tree: the text between a string's quotes (so a
/// frame shows `"password": "[REDACTED]"`), or the whole value for YAML block scalars.
pub fn secret_spans(root: &Node, source: &str) -> Vec<Span> {
    let mut spans = Vec::new();
    collect_secrets(root, false, &mut |node| spans.push(content_span(node.span, source)));
    spans
}

/// Visits every scalar inside a secret, deciding secrecy top-down: a member is secret if its
/// name is, or if it sits inside a secret (except a key's `keyName` and `userFilename`). This is
/// [`is_secret`] without rebuilding a pointer for every node.
fn collect_secrets<'a>(node: &'a Node, secret: bool, found: &mut dyn FnMut(&'a Node)) {
    match &node.value {
        Value::Object(members) => {
            for member in members {
                let metadata = member.key == "keyName" || member.key == "userFilename";
                let inside = (secret && !metadata) || is_secret_name(&member.key);
                collect_secrets(&member.value, inside, found);
            }
        }
        Value::Array(items) => items.iter().for_each(|item| collect_secrets(item, secret, found)),
        Value::String(_) | Value::Number(_) | Value::Invalid if secret => found(node),
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
    collect_secrets(root, false, &mut |node| {
        if let Value::String(s) = &node.value {
            values.push(s.clone());
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

    #[test]
    fn content_spans_drop_quotes() {
        let source = r#"{"password": "s3cret"}"#;
        let span = Span::new(13, 21);
        assert_eq!(&source[span.start..span.end], "\"s3cret\"");
        let inner = content_span(span, source);
        assert_eq!(&source[inner.start..inner.end], "s3cret");
    }
}
