//! Rule `private-key-newlines`: a PEM value whose line breaks are wrong.

use super::context::raw_break_finding;
use super::{Code, Context, Doc, Payload, Sink, field};
use crate::credential::POINTER;
use crate::diagnostic::{Diagnostic, Fix};
use crate::document::double_quoted;
use crate::input::Format;
use crate::pem::{self, Breaks};

pub const DOC: Doc = Doc {
    summary: "A private key's line breaks are wrong: pasted raw into JSON, escaped twice (\\\\n), or lost.",
    body: r#"## What it checks
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
{ "connectionKey": "acme", "connection": { "technology": "Snowflake", "authenticationType": "keyPair", "privateKey": {
  "keyName": "PRIV_KEY_FILE",
  "userFilename": "rsa_key.p8",
  "content": "-----BEGIN PRIVATE KEY-----
MIIEvQIBADANBgkqhkiG9w0BAQEFAASC...
-----END PRIVATE KEY-----"
} } }
```

## Fix
In hand-written JSON, write each line break inside the key as `\n`:
`"-----BEGIN PRIVATE KEY-----\nMIIEvQ...\n-----END PRIVATE KEY-----"`. In YAML, use a block
scalar (`content: |`) with the key's real lines. From a script, pass the real multi-line key and let
the JSON library escape it. The fix rewrites only the line breaks, one `\n` at a time, so it never
copies key material anywhere.
"#,
};

/// Keys pasted with real line breaks (the JSON is invalid because of it), then every key whose
/// decoded line breaks are lost or doubled, then the key inside a BigQuery credential.
pub fn check(ctx: &Context, sink: &mut Sink) {
    for raw in ctx.raw_keys() {
        let message = format!(
            "the private key in {} was pasted with real line breaks, which JSON does not allow inside a string",
            field(&raw.pointer)
        );
        let help = "write each line break inside the key as \\n (the fix does exactly that)";
        sink.push(raw_break_finding(Code::PrivateKeyNewlines, raw, ctx.source, message, help));
    }
    let Some(ctx) = ctx.payload() else { return };
    for key in ctx.keys() {
        sink.extend(check_value(ctx, key.site.pointer, &key.facts, key.node.span, "the private key in"));
    }
    let Some(credential) = ctx.credential() else { return };
    let pointer = POINTER;
    for raw in credential.inner.raw_breaks.iter().filter(|raw| raw.pointer == "/private_key") {
        sink.push(
            Diagnostic::new(Code::PrivateKeyNewlines, pointer, credential.span(raw.string), format!("the `private_key` inside {} has line breaks that the inner JSON does not allow: inside this string they must be written \\\\n", field(pointer)))
                .with_help("the key file is JSON inside a JSON string: each \\n of private_key must become \\\\n")
                .with_fix(credential.escape_breaks(&raw.breaks)),
        );
    }
    if let Some(key) = ctx.credential_key()
        && let Some(d) = check_value(ctx, pointer, key.facts, key.span, "the `private_key` inside")
    {
        // Positions inside an escaped string: the value-level fix does not apply here.
        sink.push(Diagnostic { fix: None, ..d });
    }
}

/// The line-break finding for one decoded PEM value at `pointer` (also used for the private key
/// inside a BigQuery credential, with its own wording).
fn check_value(
    ctx: &Payload,
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
        Diagnostic::new(Code::PrivateKeyNewlines, pointer, span, message)
            .with_help(help)
            .with_fix(fix.filter(|_| ctx.format != Format::Yaml || literal.is_some())),
    )
}
