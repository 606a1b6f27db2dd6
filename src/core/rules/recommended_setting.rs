//! Rule `recommended-setting`: values Immuta's docs recommend.

use super::{Code, Context, Doc, Sink, field};
use crate::diagnostic::Diagnostic;
use crate::document::split_pointer;
use crate::model::catalogue::facts_for;
use serde_json::{Value as Json, json};

pub const DOC: Doc = Doc {
    summary: "A setting differs from the value Immuta's docs recommend (settings.isActive false, audit.enabled true, ...).",
    body: r#"## What it checks
The settings for which Immuta's docs say "Set to ... for the recommended configuration":

| setting | recommended | where |
|---|---|---|
| `settings.isActive` | `false` | connections |
| `options.forceRecursiveCrawl` | `true` | connections |
| `audit.enabled` | `true` | Snowflake and Databricks, in `config` and `nativeIntegration.config` |
| `workspaces.enabled` | `false` | Snowflake |
| `lineage.enabled` | `false` | Snowflake |

A setting with another value is reported; so is a missing `settings.isActive`,
`options.forceRecursiveCrawl` or `audit.enabled`, whose defaults differ from the recommendation.
Information only: these never fail a check.

## Why
`isActive: false` keeps newly found objects inactive until you look at them; `forceRecursiveCrawl:
true` keeps inactive objects' children in step; audit gives you query logs. Workspaces cannot be
combined with Snowflake table grants.

## Example
```json
{ "connectionKey": "acme", "connection": { "technology": "Snowflake", "hostname": "acme.snowflakecomputing.com" }, "settings": { "isActive": true } }
```

## Fix
Set the recommended value, unless you mean otherwise.
"#,
};

pub fn check(ctx: &Context, sink: &mut Sink) {
    let Some(ctx) = ctx.payload() else { return };
    let rows = facts_for(ctx.kind, &ctx.variant.def);
    for (pointer, rec) in rows.filter_map(|fact| Some((fact.pointer, fact.recommended.as_ref()?))) {
        let recommended = json!(rec.value);
        match ctx.node(pointer) {
            Some(node) if node.to_json() != recommended && matches!(node.to_json(), Json::Bool(_)) => {
                sink.push(
                    Diagnostic::new(
                        Code::RecommendedSetting,
                        pointer,
                        node.span,
                        format!("{} is {}; Immuta recommends {}", field(pointer), node.to_json(), rec.value),
                    )
                    .with_help(format!("set it to {} unless you mean otherwise: {}", rec.value, rec.why)),
                );
            }
            None if rec.when_missing => {
                let mut parent = split_pointer(pointer).map_or("", |(p, _)| p);
                while !parent.is_empty() && ctx.node(parent).is_none() {
                    parent = split_pointer(parent).map_or("", |(p, _)| p);
                }
                sink.push(
                    Diagnostic::new(
                        Code::RecommendedSetting,
                        pointer,
                        ctx.missing_span(parent),
                        format!("{} is not set; Immuta recommends {}", field(pointer), rec.value),
                    )
                    .with_help(format!("add it with the value {}: {}", rec.value, rec.why)),
                );
            }
            _ => {}
        }
    }
}
