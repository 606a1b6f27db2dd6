//! Rule `unconfirmed`: parts of a payload whose fields Immuta's docs do not confirm, so they are
//! checked only in outline.

use super::{Code, Context, Doc, Sink};
use crate::diagnostic::Diagnostic;
use crate::kind::Technology;
use crate::model::catalogue::is_outline_technology;
use crate::model::twins::TECHNOLOGY;

pub const DOC: Doc = Doc {
    summary: "The payload uses a technology or method whose fields are not documented (AWS Lake Formation, connections Immuta registers in its UI only, Redshift okta); checked only in outline.",
    body: r#"## What it checks
Nothing fails here. This note says when a payload is checked only in outline because Immuta's
public docs do not list its fields:

- AWS Lake Formation connections: only `connectionKey`, `connection`, `nativeIntegration`, and
  `connection.technology` against `nativeIntegration.type`, are checked;
- Redshift with `authenticationType: "okta"`: the `okta` object is not checked;
- connections of technologies that Immuta registers in its UI but publishes no API body for
  (Amazon Redshift, Google BigQuery, Trino, PostgreSQL, MySQL, MariaDB, Oracle, SQL Server,
  Teradata, Databricks Lakebase): only `connectionKey` and `connection.technology` against
  `nativeIntegration.type` are checked. Source: the Aug-2026 docs index [D-3p],
  immuta-docs-3.md §3.1; the list is the catalogue's `x-outline` (src/core/schemas/connection.json).

## Why
A validator that invented field names would raise false errors. The checker says what it does not
know instead.

## Example
```json
{ "connectionKey": "lf", "connection": { "technology": "AWS Lake Formation" }, "nativeIntegration": { "type": "AWS Lake Formation" } }
```

## Fix
None needed. Check these payloads with `POST /data/connection/test` before sending them for real.
"#,
};

pub fn check(ctx: &Context, sink: &mut Sink) {
    let Some(ctx) = ctx.payload() else { return };
    if let Some(note) = outline_technology(ctx) {
        sink.push(note);
    }
    match ctx.technology() {
        Some(Technology::LakeFormation) => {
            let pointer = "/connection/technology";
            sink.push(
                Diagnostic::new(Code::Unconfirmed, pointer, ctx.value_span(pointer), "AWS Lake Formation connections are checked only in outline: field-level rules are not available yet, because Immuta's docs do not list their fields")
                    .with_help("dry-run the payload with POST /data/connection/test"),
            );
        }
        Some(Technology::Redshift) if ctx.variant.auth.as_deref() == Some("okta") => {
            let pointer = "/config/authenticationType";
            sink.push(
                Diagnostic::new(Code::Unconfirmed, pointer, ctx.value_span(pointer), "okta authentication for Redshift is not confirmed by Immuta's public docs; its fields are not checked")
                    .with_help("dry-run the integration, or use userPassword"),
            );
        }
        _ => {}
    }
}

/// A connection of a technology that Immuta registers in its UI but publishes no API body for.
fn outline_technology(ctx: &crate::rules::Payload) -> Option<Diagnostic> {
    let (node, value) = ctx.undescribed_technology()?;
    is_outline_technology(value).then(|| {
        Diagnostic::new(
            Code::Unconfirmed,
            TECHNOLOGY,
            node.span,
            format!(
                "{} connections are checked only in outline: Immuta registers them in its UI and publishes no API body for them",
                super::truncate(value, 60)
            ),
        )
        .with_help("only connectionKey, connection.technology and its nativeIntegration twin are checked; dry-run the payload with POST /data/connection/test")
    })
}
