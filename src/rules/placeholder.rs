//! Rule `placeholder`: a value still holding a documentation placeholder or a masked value.

use super::{Context, Rule, field};
use crate::diagnostic::{Diagnostic, Severity};
use crate::document::Value;
use crate::secrets;

pub const RULE: Rule = Rule {
    code: "placeholder",
    severity: Severity::Error,
    summary: "A value still holds a docs placeholder such as <your-Snowflake-hostname-url>, or a masked [REDACTED] value.",
    doc: r#"## What it checks
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
"connection": { "hostname": "<your-Snowflake-hostname-url>", "password": "<REDACTED>" }
```

## Fix
Replace the placeholder with your real value. Placeholders in secret fields are never echoed.
"#,
};

/// Samples from Immuta's example requests that nobody means to send.
const DOCS_SAMPLES: &[&str] = &[
    "organization.us-east-1.snowflakecomputing.com",
    "www.example-workspace.cloud.databricks.com",
    "organization.azure.com",
    "organization.aws.amazon.com",
    "your-immuta-url.com",
    "www.organization.immuta.com",
    "abc1234",
    "taylor@snowflake.com",
    "taylor@redshift.com",
    "taylor@synapse.com",
    "846e9e43c86a4ct1be14290d95127d13f",
];

const MASKS: &[&str] = &["<REDACTED>", "[REDACTED]", "REDACTED", "********"];

/// Whether `text` is a `<placeholder>` from the docs.
pub fn is_placeholder(text: &str) -> bool {
    // Every placeholder has a `<`; most values do not, and memchr finds that out fast.
    if !text.contains('<') {
        return false;
    }
    let t = text.trim();
    (t.len() > 2 && t.starts_with('<') && t.ends_with('>'))
        || ["<your-", "<your_", "<the-", "<placeholder", "<insert"].iter().any(|p| t.contains(p))
}

pub fn run(ctx: &Context, out: &mut Vec<Diagnostic>) {
    ctx.root.walk(&mut |path, node| {
        let Value::String(text) = &node.value else { return };
        if super::input_limit::full(out) {
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
            out.push(
                ctx.diagnostic(
                    &RULE,
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
            out.push(
                ctx.diagnostic(&RULE, pointer, node.span, message)
                    .with_help("replace the placeholder, angle brackets included, with your real value"),
            );
        } else if DOCS_SAMPLES.contains(&text.as_str()) {
            let message = if secret {
                format!("{name} still holds a sample value from Immuta's docs")
            } else {
                format!("{name} is \"{text}\", the sample value from Immuta's docs")
            };
            out.push(
                ctx.diagnostic(&RULE, pointer, node.span, message)
                    .with_severity(Severity::Warning)
                    .with_help("replace the example value with your own"),
            );
        }
    });
}
