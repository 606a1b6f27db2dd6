//! Rule `deprecated`: a value, field or way of onboarding that Immuta has deprecated or retired.

use super::{Code, Context, Doc, Sink};
use crate::diagnostic::Diagnostic;
use crate::model::catalogue::facts_for;

pub const DOC: Doc = Doc {
    summary: "Something Immuta has deprecated or retired: legacy onboarding through POST /integrations, Snowflake workspaces and lineage, Redshift okta.",
    body: r#"## What it checks
The catalogue's `x-deprecated` facts (src/core/schemas/*.json; docs/fields.md):

| where | what | severity |
|---|---|---|
| `type` of `POST /integrations` for Snowflake, Databricks and Trino | legacy onboarding: Immuta recommends a connection instead | note |
| Snowflake `workspaces.enabled: true` (`config`, `nativeIntegration.config`) | project workspaces reached end of life in 2026 | warning |
| Snowflake `lineage.enabled: true`, `lineage.lineageConfig` | lineage tag propagation reached end of life in 2026 | warning |
| Redshift `authenticationType: "okta"` | Okta authentication is deprecated | warning |

A setup-script request (`POST /integrations/scripts/create`) gets no onboarding note: it is a step
of registering a connection.

## Why
A deprecated setting is accepted today and may stop working without a change on your side; the
retired Snowflake features no longer do anything. Sources: Immuta's deprecations page, seen in a
third-party copy of its docs [D-3p] (so a warning at most), immuta-docs-3.md §0 items 8 and 12;
the Redshift pre-configuration page [D] for Okta.

## Example
```json
{ "type": "Snowflake", "config": { "workspaces": { "enabled": true } } }
```

## Fix
Register a connection (`POST /data/connection`) instead of an integration; turn the retired
features off; use `userPassword` for Redshift.
"#,
};

pub fn check(ctx: &Context, sink: &mut Sink) {
    let Some(ctx) = ctx.payload() else { return };
    let rows = facts_for(ctx.kind, &ctx.variant.def);
    for (pointer, deprecated) in rows.filter_map(|fact| Some((fact.pointer, fact.deprecated.as_ref()?))) {
        if !(deprecated.kinds.is_empty() || deprecated.kinds.contains(&ctx.kind.id())) {
            continue;
        }
        let Some(node) = ctx.node(pointer) else { continue };
        let matches = deprecated
            .when
            .is_none_or(|when| serde_json::from_str::<serde_json::Value>(when).is_ok_and(|w| w == node.to_json()));
        if !matches {
            continue;
        }
        let diagnostic = Diagnostic::new(Code::Deprecated, pointer, ctx.value_span(pointer), deprecated.message)
            .with_help(format!("{} ({})", deprecated.instead, deprecated.source));
        sink.push(if deprecated.warning { diagnostic } else { diagnostic.as_note() });
    }
}
