//! Rule `api-shape`: a body written for another endpoint than the one it is sent to.

use super::{Code, Context, Doc, Payload, Sink, field};
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::document::{Node, Value, join};
use crate::kind::Kind;

pub const DOC: Doc = Doc {
    summary: "A /data/connection body in the newer /api/connections shape, or a GET response's wrapped settings pasted into a request.",
    body: r#"## What it checks
Connection payloads (`POST /data/connection`, `PUT /data/connection/{connectionKey}`):
- a **warning** for a body in the shape of the newer Connections API (`/api/connections`, private
  preview): a `connection.clientConfiguration` object, the authentication type
  `OAuthWithCertificate`, or a key object with `filename` (where `/data/connection` has
  `userFilename`). One finding says so, instead of a row of unknown fields;
- an **error** for a `settings` or `options` member written as a GET response returns it,
  `{"value": true, "hasDescendantsWithOverrides": false}`, where the request takes the value itself.

## Why
The two APIs share the word "connection" and the docs link them, so bodies get copied from one to
the other; and `GET /data/object` wraps every setting. The request's fields are booleans [D].
Sources: the Connections API schema (`clientConfiguration`, `OAuthWithCertificate`,
`privateKey.filename`) [D], its relation to `/data/connection` [I]; the `GET /data/object` response
(`settings.activateNewChildren {value, hasDescendantsWithOverrides}`) [D];
immuta-docs-update.md §H and Q17.

## Example
```json
{ "connectionKey": "acme", "connection": { "technology": "Snowflake", "hostname": "acme.snowflakecomputing.com" },
  "settings": { "isActive": { "value": false, "hasDescendantsWithOverrides": false } } }
```

## Fix
Write the setting's value alone (`"isActive": false`); the fix does it. For the newer shape, use the
`/data/connection` fields of the registration payload reference (`connection.authenticationType`,
`connection.privateKey.userFilename`…), or send the body to `/api/connections`.
"#,
};

pub fn check(ctx: &Context, sink: &mut Sink) {
    let Some(ctx) = ctx.payload() else { return };
    if !matches!(ctx.kind, Kind::Connection | Kind::ConnectionUpdate) {
        return;
    }
    if let Some((pointer, what)) = newer_api_marker(ctx) {
        sink.push(
            Diagnostic::new(
                Code::ApiShape,
                "/connection",
                ctx.value_span(&pointer),
                format!("{} is written in the shape of the newer Connections API (/api/connections): {what}", field("/connection")),
            )
            .as_warning()
            .with_help("POST /data/connection takes the fields of its registration payload reference (authenticationType, privateKey.userFilename…); send this body to /api/connections, or rewrite it"),
        );
    }
    for group in ["/settings", "/options"] {
        for member in ctx.node(group).map(Node::members).unwrap_or_default() {
            let Some(inner) = wrapped_value(&member.value) else { continue };
            let pointer = join(group, member.key);
            let fix = Fix {
                message: "write the value alone".to_string(),
                edits: vec![Edit::copy(member.value.span, inner.span)],
            };
            sink.push(
                Diagnostic::new(
                    Code::ApiShape,
                    pointer.as_str(),
                    member.key_span,
                    format!("{} is written as a GET response returns it, wrapped in {{\"value\": …}}", field(&pointer)),
                )
                .with_help("a request takes the value itself, e.g. \"isActive\": false")
                .with_fix(Some(fix)),
            );
        }
    }
}

/// The first sign of the newer API's shape, and what it is.
fn newer_api_marker(ctx: &Payload) -> Option<(String, &'static str)> {
    if ctx.node("/connection/clientConfiguration").is_some() {
        return Some(("/connection/clientConfiguration".into(), "`clientConfiguration` holds its credentials"));
    }
    let mut found = None;
    ctx.node("/connection")?.walk(&mut |path, node| {
        if found.is_some() {
            return;
        }
        if node.as_str() == Some("OAuthWithCertificate") {
            found = Some((
                format!("/connection{}", path.pointer()),
                "its authentication type is one only that API has (OAuth with a certificate)",
            ));
        } else if node.get("filename").is_some() && node.get("userFilename").is_none() && node.get("content").is_some()
        {
            found = Some((
                format!("/connection{}/filename", path.pointer()),
                "a key object with `filename` (here it is `userFilename`)",
            ));
        }
    });
    found
}

/// The value of `{"value": v, "hasDescendantsWithOverrides": b}`.
fn wrapped_value<'a>(node: &'a Node<'a>) -> Option<&'a Node<'a>> {
    let Value::Object(members) = &node.value else { return None };
    let value = node.get("value")?;
    let only_wrapper = members.iter().all(|m| m.key == "value" || m.key == "hasDescendantsWithOverrides");
    (only_wrapper && !matches!(value.value, Value::Object(_))).then_some(value)
}
