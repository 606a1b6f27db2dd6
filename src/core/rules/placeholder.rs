//! Rule `placeholder`: a value still holding a documentation placeholder or a masked value.

use super::{Code, Context, Doc, Sink, field};
use crate::diagnostic::Diagnostic;
use crate::document::Value;
use crate::model::placeholders::{DOCS_SAMPLES, MASKS, is_placeholder};
use crate::secrets;

pub const DOC: Doc = Doc {
    summary: "A value still holds a docs placeholder such as <your-Snowflake-hostname-url>, or a masked [REDACTED] value.",
    body: r#"## What it checks
Every string value, for text that was meant to be replaced:

- a placeholder from Immuta's examples, such as `"<your-Snowflake-hostname-url>"` or
  `"https://<your-immuta-url>/..."` (**error**);
- a masked value copied from a GET response, such as `"<REDACTED>"` or `"[REDACTED]"` (**error**);
- a sample value from the docs' examples, such as `organization.us-east-1.snowflakecomputing.com`
  or the password `abc1234` (**warning**).

An unquoted placeholder (`"port": <your-Snowflake-port>`) is invalid JSON and is reported by
`syntax`.

## Why
Requests copied from the docs pass a JSON parser with their placeholders still in them, and the
server's error rarely names the field. A `GET /data/connection` response masks credentials; sending
it back in a `PUT` replaces the real password with the mask.

## Example
```json
{ "connectionKey": "acme", "connection": { "technology": "Snowflake", "hostname": "<your-Snowflake-hostname-url>", "password": "<REDACTED>" } }
```

## Fix
Replace the placeholder with your real value. Placeholders in secret fields are never echoed.
"#,
};

pub fn check(ctx: &Context, sink: &mut Sink) {
    let Some(ctx) = ctx.payload() else { return };
    ctx.root.walk(&mut |path, node| {
        let Value::String(text) = &node.value else { return };
        if sink.full() {
            return;
        }
        let trimmed = text.trim();
        let suspicious = trimmed.len() <= 64 && (MASKS.contains(&trimmed) || DOCS_SAMPLES.contains(&trimmed))
            || is_placeholder(text);
        if !suspicious {
            return;
        }
        let pointer = &path.pointer();
        let secret = secrets::is_secret(pointer);
        let name = field(pointer);
        if MASKS.contains(&text.trim()) {
            sink.push(
                Diagnostic::new(
                    Code::Placeholder,
                    pointer,
                    node.span,
                    format!("{name} holds a masked value, as returned by a GET request, instead of the real value"),
                )
                .with_help(
                    "put the real value here; GET responses mask credentials and sending the mask back would store it",
                ),
            );
        } else if is_placeholder(text) {
            let message = if secret {
                format!("{name} still holds a documentation placeholder")
            } else {
                format!("{name} still holds the placeholder {}", super::truncate(&format!("\"{text}\""), 100))
            };
            sink.push(
                Diagnostic::new(Code::Placeholder, pointer, node.span, message)
                    .with_help("replace the placeholder, angle brackets included, with your real value"),
            );
        } else if DOCS_SAMPLES.contains(text) {
            let message = if secret {
                format!("{name} still holds a sample value from Immuta's docs")
            } else {
                format!("{name} is \"{text}\", the sample value from Immuta's docs")
            };
            sink.push(
                Diagnostic::new(Code::Placeholder, pointer, node.span, message)
                    .as_warning()
                    .with_help("replace the example value with your own"),
            );
        }
    });
}
