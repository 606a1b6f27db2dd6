//! Rule `bigquery-credential`: the BigQuery `credential` string must hold a service-account key
//! file's JSON, with a usable private key inside.

use super::{Context, Rule, field, placeholder, private_key_format, private_key_newlines};
use crate::diagnostic::{Diagnostic, Edit, Fix, Severity, Span};
use crate::document::Node;
use crate::input::cursor::Progress;
use crate::input::json;
use crate::kind::Technology;

pub const RULE: Rule = Rule {
    code: "bigquery-credential",
    severity: Severity::Error,
    summary: "The BigQuery credential is not a service-account key file's JSON (type, project_id, private_key, client_email).",
    doc: r#"## What it checks
`config.credential` of a Google BigQuery integration is the content of the service account's JSON
key file, as one string. The checker parses that inner JSON and reports, at their real positions:

- inner JSON that does not parse;
- `type` other than `service_account`;
- a missing `project_id`, `private_key` or `client_email`;
- the inner `private_key`'s line breaks and format (reported as `private-key-newlines` and
  `private-key-format`).

## Why
The key file is JSON inside a JSON string, so every quote and every `\n` must be escaped once more.
Immuta's own example gets this wrong: its `private_key` holds `\n` where the inner JSON needs `\\n`,
so the inner JSON gets real line breaks inside a string and cannot be parsed.

## Example
```json
"credential": "{\"type\":\"service_account\",\"project_id\":\"my-project\",\"private_key\":\"-----BEGIN PRIVATE KEY-----\nMIIE...\n-----END PRIVATE KEY-----\n\"}"
```

## Fix
Escape the key file's JSON as a string: every `"` becomes `\"`, and every `\n` inside
`private_key` becomes `\\n`. Easiest: `jq -Rs . key.json` prints the file as a ready JSON string.
"#,
};

pub fn run(ctx: &Context, out: &mut Vec<Diagnostic>) {
    if ctx.technology() != Some(Technology::BigQuery) {
        return;
    }
    let pointer = "/config/credential";
    let Some(node) = ctx.node(pointer) else {
        return;
    };
    let Some(text) = node.as_str() else { return };
    if text.trim().is_empty() || placeholder::is_placeholder(text) {
        return;
    }
    let map = SourceMap::new(ctx.source, node.span, text);
    let inner = json::parse(text);
    for raw in &inner.raw_breaks {
        if raw.pointer == "/private_key" {
            let fix = map.as_ref().and_then(|m| m.escape_breaks(&raw.breaks));
            out.push(
                Diagnostic::new(private_key_newlines::RULE.code, Severity::Error, pointer, map.as_ref().map_or(node.span, |m| m.span(raw.string)), format!("the `private_key` inside {} has line breaks that the inner JSON does not allow: inside this string they must be written \\\\n", field(pointer)))
                    .with_help("the key file is JSON inside a JSON string: each \\n of private_key must become \\\\n")
                    .with_fix(fix),
            );
        } else {
            out.push(inner_error(
                ctx,
                pointer,
                map.as_ref().map_or(node.span, |m| m.span(raw.string)),
                "a string inside it holds a real line break",
            ));
        }
    }
    for problem in &inner.diagnostics {
        let span = map.as_ref().map_or(node.span, |m| m.span(problem.span));
        out.push(inner_error(ctx, pointer, span, &problem.message));
    }
    if inner.fatal || !inner.raw_breaks.is_empty() {
        return;
    }
    let Some(root) = inner.root else { return };
    let span_of = |n: &Node| map.as_ref().map_or(node.span, |m| m.span(n.span));
    match root.get("type").and_then(Node::as_str) {
        Some("service_account") => {}
        Some(other) => out.push(
            ctx.diagnostic(
                &RULE,
                pointer,
                root.get("type").map_or(node.span, span_of),
                format!("the credential's `type` is \"{}\", not \"service_account\"", super::truncate(other, 40)),
            )
            .with_help("use the JSON key file of a service account (its type is service_account)"),
        ),
        None => out.push(missing(ctx, pointer, node.span, "type")),
    }
    for name in ["project_id", "private_key", "client_email"] {
        if root.get(name).is_none() {
            out.push(missing(ctx, pointer, node.span, name));
        }
    }
    if let Some(key) = root.get("private_key")
        && let Some(key_text) = key.as_str()
    {
        let span = span_of(key);
        let facts = crate::pem::analyze(key_text);
        if let Some(d) = private_key_newlines::check_value(ctx, pointer, &facts, span, "the `private_key` inside") {
            // Positions inside an escaped string: the value-level fix does not apply here.
            out.push(Diagnostic { fix: None, ..d });
        }
        out.extend(private_key_format::check_value(ctx, pointer, key_text, &facts, span, "private_key"));
    }
}

fn inner_error(ctx: &Context, pointer: &str, span: Span, message: &str) -> Diagnostic {
    ctx.diagnostic(&RULE, pointer, span, format!("the credential is not valid JSON: {message}"))
        .with_help("the key file is JSON inside a JSON string: escape each \" as \\\" and each \\n of private_key as \\\\n (jq -Rs . key.json does it)")
}

fn missing(ctx: &Context, pointer: &str, span: Span, name: &str) -> Diagnostic {
    ctx.diagnostic(
        &RULE,
        pointer,
        span,
        format!("the credential has no `{name}`: it is not a complete service-account key file"),
    )
    .with_help("paste the whole JSON key file downloaded for the service account")
}

/// Maps offsets in a decoded JSON string back to the source literal it came from.
struct SourceMap<'a> {
    source: &'a str,
    /// `raw[i]` is the source offset of decoded byte `i`; one extra entry for the end.
    raw: Vec<usize>,
}

impl<'a> SourceMap<'a> {
    /// The map of the JSON string literal at `span`, whose decoded value is `decoded`; `None` when
    /// the source is no such literal (YAML, say) or the two disagree on the decoded length.
    fn new(source: &'a str, span: Span, decoded: &str) -> Option<Self> {
        let (content, start) = private_key_newlines::double_quoted(source, span)?;
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

    fn offset(&self, decoded: usize) -> usize {
        self.raw.get(decoded).or(self.raw.last()).copied().unwrap_or(0)
    }

    fn span(&self, inner: Span) -> Span {
        let start = self.offset(inner.start);
        let end = self.offset(inner.end).max(start);
        Span::new(start, end)
    }

    /// Turns each `\n` escape that became a real line break in the inner JSON into `\\n`.
    fn escape_breaks(&self, breaks: &[usize]) -> Option<Fix> {
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
