//! Rule `private-key-newlines`: a PEM value whose line breaks are wrong.

use super::{Context, Rule, field};
use crate::diagnostic::{Diagnostic, Fix, Severity};
use crate::input::{Format, RawBreaks};
use crate::pem::{self, Breaks};

pub const RULE: Rule = Rule {
    code: "private-key-newlines",
    severity: Severity::Error,
    summary: "A private key's line breaks are wrong: pasted raw into JSON, escaped twice (\\\\n), or lost.",
    doc: r#"## What it checks
Every private-key field (`config.privateKey`, `config.oAuthClientConfig.oauthPrivateKey`,
`connection.privateKey.content`, `connection.oAuthClientConfig.oauthPrivateKey.content`, their
`nativeIntegration.config` copies, and the `private_key` inside a BigQuery `credential`) for the
three ways its line breaks go wrong:

- **pasted raw**: the key was pasted with its real line breaks, which makes the JSON invalid. The
  checker still finds the field, names it, and points at it;
- **escaped twice**: the JSON says `\\n`, so Immuta receives a backslash and an `n` instead of a
  line break (typical when a script adds `\n` to a key and then serialises it again);
- **lost**: the key is on one line, or its lines are joined by spaces.

## Why
Immuta's docs: "Replace new lines in the private key with a backslash before the new line
character: `\n`. If you are using another means of configuration, such as a Python script, the `\n`
should not be added." A key with broken line breaks cannot be read, and the request fails with an
error that does not say why.

## Example
```json
"privateKey": {
  "keyName": "PRIV_KEY_FILE",
  "userFilename": "rsa_key.p8",
  "content": "-----BEGIN PRIVATE KEY-----
MIIEvQIBADANBgkqhkiG9w0BAQEFAASC...
-----END PRIVATE KEY-----"
}
```

## Fix
In hand-written JSON, write each line break inside the key as `\n`:
`"-----BEGIN PRIVATE KEY-----\nMIIEvQ...\n-----END PRIVATE KEY-----"`. In YAML, use a block
scalar (`content: |`) with the key's real lines. From a script, pass the real multi-line key and let
the JSON library escape it. The fix rewrites only the line breaks, one `\n` at a time, so it never
copies key material anywhere.
"#,
};

/// A private key pasted with real line breaks (the JSON is invalid because of it).
pub fn raw(raw: &RawBreaks, source: &str) -> Diagnostic {
    Diagnostic::new(
        RULE.code,
        RULE.severity,
        raw.pointer.clone(),
        raw.string,
        format!(
            "the private key in {} was pasted with real line breaks, which JSON does not allow inside a string",
            field(&raw.pointer)
        ),
    )
    .with_help("write each line break inside the key as \\n (the fix does exactly that)")
    .with_fix(Some(raw.escape_fix(source)))
}

pub fn run(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for key in ctx.keys() {
        out.extend(check_value(ctx, key.site.pointer, &key.facts, key.node.span, "the private key in"));
    }
}

/// The line-break finding for one decoded PEM value at `pointer` (also used for the private key
/// inside a BigQuery credential, with its own wording).
pub fn check_value(
    ctx: &Context,
    pointer: &str,
    facts: &pem::Facts,
    span: crate::diagnostic::Span,
    what: &str,
) -> Option<Diagnostic> {
    let literal = double_quoted(ctx.source, span);
    let (message, help, fix) = match facts.breaks {
        Breaks::Fine => return None,
        Breaks::DoubleEscaped => {
            let fix = literal.map(|(content, start)| Fix {
                message: "write \\n instead of \\\\n".into(),
                edits: pem::undo_double_escapes(content, start),
            });
            let help = if ctx.format == Format::Yaml && literal.is_none() {
                "this YAML scalar keeps \\n as two characters: use a block scalar (`content: |`) with the key's real lines, or a double-quoted string"
            } else {
                "write each line break as \\n, not \\\\n; if a script builds the JSON, give it the real multi-line key and add no \\n yourself"
            };
            (
                format!(
                    "{what} {} has its line breaks escaped twice (\\\\n), so Immuta would receive a backslash and an `n` instead of line breaks",
                    field(pointer)
                ),
                help,
                fix,
            )
        }
        Breaks::Lost => {
            let fix = literal
                .filter(|(content, _)| !content.contains('\\'))
                .and_then(|(content, start)| pem::restore_breaks(content, start))
                .map(|edits| Fix { message: "put the line breaks back as \\n".into(), edits });
            (
                format!(
                    "{what} {} is on a single line: its line breaks were lost or replaced by spaces",
                    field(pointer)
                ),
                if ctx.format == Format::Yaml {
                    "YAML folds the lines of a plain or quoted multi-line value into one: write the key as a block scalar (`content: |` and the key's lines indented below it)"
                } else {
                    "put \\n after the BEGIN line, between the base64 lines and before the END line"
                },
                fix,
            )
        }
    };
    Some(
        ctx.diagnostic(&RULE, pointer, span, message)
            .with_help(help)
            .with_fix(fix.filter(|_| ctx.format != Format::Yaml || literal.is_some())),
    )
}

/// The content of a double-quoted string literal and where it starts.
pub fn double_quoted(source: &str, span: crate::diagnostic::Span) -> Option<(&str, usize)> {
    let text = source.get(span.start..span.end)?;
    (text.len() >= 2 && text.starts_with('"') && text.ends_with('"'))
        .then(|| (&text[1..text.len() - 1], span.start + 1))
}
