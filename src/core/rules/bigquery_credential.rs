//! Rule `bigquery-credential`: the BigQuery `credential` string must hold a service-account key
//! file's JSON, with a usable private key inside.

use super::{Code, Context, Doc, Sink, duplicate_key};
use crate::credential::POINTER;
use crate::diagnostic::{Diagnostic, Span};
use crate::document::Node;
use crate::input::Problem;

pub const DOC: Doc = Doc {
    summary: "The BigQuery credential is not a service-account key file's JSON (type, project_id, private_key, client_email).",
    body: r#"## What it checks
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
{ "type": "Google BigQuery", "autoBootstrap": false, "config": {
  "credential": "{\"type\":\"service_account\",\"project_id\":\"my-project\",\"private_key\":\"-----BEGIN PRIVATE KEY-----\\nMIIE...\\n-----END PRIVATE KEY-----\\n\"}" } }
```

## Fix
Escape the key file's JSON as a string: every `"` becomes `\"`, and every `\n` inside
`private_key` becomes `\\n`. Easiest: `jq -Rs . key.json` prints the file as a ready JSON string.
"#,
};

/// The credential's own JSON, then its type and members. The key inside it is checked by the
/// `private-key-*` rules, as every key is.
pub fn check(ctx: &Context, sink: &mut Sink) {
    let Some(ctx) = ctx.payload() else { return };
    let Some(credential) = ctx.credential() else { return };
    let (pointer, node) = (POINTER, credential.node);
    for raw in credential.inner.raw_breaks.iter().filter(|raw| raw.pointer != "/private_key") {
        sink.push(inner_error(pointer, credential.span(raw.string), "a string inside it holds a real line break"));
    }
    for problem in &credential.inner.problems {
        let message = match problem {
            Problem::Syntax { message, .. } => message.clone(),
            Problem::DuplicateKey { key, .. } => duplicate_key::message(key),
            Problem::NoBody { .. } | Problem::BodyInFile { .. } | Problem::SeveralBodies { .. } => continue,
        };
        sink.push(inner_error(pointer, credential.span(problem.span()), &message));
    }
    if !credential.reads_cleanly() {
        return;
    }
    let Some(root) = &credential.inner.root else { return };
    let span_of = |n: &Node| credential.span(n.span);
    match root.get("type").and_then(Node::as_str) {
        Some("service_account") => {}
        Some(other) => sink.push(
            Diagnostic::new(
                Code::BigqueryCredential,
                pointer,
                root.get("type").map_or(node.span, span_of),
                format!("the credential's `type` is \"{}\", not \"service_account\"", super::truncate(other, 40)),
            )
            .with_help("use the JSON key file of a service account (its type is service_account)"),
        ),
        None => sink.push(missing(pointer, node.span, "type")),
    }
    for name in ["project_id", "private_key", "client_email"] {
        if root.get(name).is_none() {
            sink.push(missing(pointer, node.span, name));
        }
    }
}

fn inner_error(pointer: &str, span: Span, message: &str) -> Diagnostic {
    Diagnostic::new(Code::BigqueryCredential, pointer, span, format!("the credential is not valid JSON: {message}"))
        .with_help("the key file is JSON inside a JSON string: escape each \" as \\\" and each \\n of private_key as \\\\n (jq -Rs . key.json does it)")
}

fn missing(pointer: &str, span: Span, name: &str) -> Diagnostic {
    Diagnostic::new(
        Code::BigqueryCredential,
        pointer,
        span,
        format!("the credential has no `{name}`: it is not a complete service-account key file"),
    )
    .with_help("paste the whole JSON key file downloaded for the service account")
}
