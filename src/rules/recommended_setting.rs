//! Rule `recommended-setting`: values Immuta's docs recommend.

use super::{Code, Context, Doc, Sink, field};
use crate::diagnostic::Diagnostic;
use crate::document::split_pointer;
use crate::kind::{Kind, Technology};
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
"settings": { "isActive": true }
```

## Fix
Set the recommended value, unless you mean otherwise.
"#,
};

struct Recommendation {
    pointer: &'static str,
    value: bool,
    when_missing: bool,
    kinds: &'static [Kind],
    techs: &'static [Technology],
    why: &'static str,
}

const CONNECTION: &[Kind] = &[Kind::Connection];
const INTEGRATION: &[Kind] = &[Kind::Integration, Kind::IntegrationScript];
const BOTH_TECHS: &[Technology] = &[Technology::Snowflake, Technology::Databricks];
const SNOWFLAKE: &[Technology] = &[Technology::Snowflake];

const TABLE: &[Recommendation] = &[
    Recommendation {
        pointer: "/settings/isActive",
        value: false,
        when_missing: true,
        kinds: CONNECTION,
        techs: BOTH_TECHS,
        why: "new data objects then stay inactive until you review them",
    },
    Recommendation {
        pointer: "/options/forceRecursiveCrawl",
        value: true,
        when_missing: true,
        kinds: CONNECTION,
        techs: BOTH_TECHS,
        why: "inactive objects are then crawled too and their children kept inactive",
    },
    Recommendation {
        pointer: "/config/audit/enabled",
        value: true,
        when_missing: true,
        kinds: INTEGRATION,
        techs: BOTH_TECHS,
        why: "query audit is off by default",
    },
    Recommendation {
        pointer: "/nativeIntegration/config/audit/enabled",
        value: true,
        when_missing: true,
        kinds: CONNECTION,
        techs: BOTH_TECHS,
        why: "query audit is off by default",
    },
    Recommendation {
        pointer: "/config/workspaces/enabled",
        value: false,
        when_missing: false,
        kinds: INTEGRATION,
        techs: SNOWFLAKE,
        why: "project workspaces cannot be combined with Snowflake table grants",
    },
    Recommendation {
        pointer: "/nativeIntegration/config/workspaces/enabled",
        value: false,
        when_missing: false,
        kinds: CONNECTION,
        techs: SNOWFLAKE,
        why: "project workspaces cannot be combined with Snowflake table grants",
    },
    Recommendation {
        pointer: "/config/lineage/enabled",
        value: false,
        when_missing: false,
        kinds: INTEGRATION,
        techs: SNOWFLAKE,
        why: "the docs recommend leaving lineage ingestion off",
    },
    Recommendation {
        pointer: "/nativeIntegration/config/lineage/enabled",
        value: false,
        when_missing: false,
        kinds: CONNECTION,
        techs: SNOWFLAKE,
        why: "the docs recommend leaving lineage ingestion off",
    },
];

pub fn check(ctx: &Context, sink: &mut Sink) {
    let Some(ctx) = ctx.payload() else { return };
    let Some(technology) = ctx.technology() else {
        return;
    };
    for rec in TABLE {
        if !rec.kinds.contains(&ctx.kind) || !rec.techs.contains(&technology) {
            continue;
        }
        let recommended = json!(rec.value);
        match ctx.node(rec.pointer) {
            Some(node) if node.to_json() != recommended && matches!(node.to_json(), Json::Bool(_)) => {
                sink.push(
                    Diagnostic::new(
                        Code::RecommendedSetting,
                        rec.pointer,
                        node.span,
                        format!("{} is {}; Immuta recommends {}", field(rec.pointer), node.to_json(), rec.value),
                    )
                    .with_help(format!("set it to {} unless you mean otherwise: {}", rec.value, rec.why)),
                );
            }
            None if rec.when_missing => {
                let mut parent = split_pointer(rec.pointer).map_or("", |(p, _)| p);
                while !parent.is_empty() && ctx.node(parent).is_none() {
                    parent = split_pointer(parent).map_or("", |(p, _)| p);
                }
                sink.push(
                    Diagnostic::new(
                        Code::RecommendedSetting,
                        rec.pointer,
                        ctx.missing_span(parent),
                        format!("{} is not set; Immuta recommends {}", field(rec.pointer), rec.value),
                    )
                    .with_help(format!("add it with the value {}: {}", rec.value, rec.why)),
                );
            }
            _ => {}
        }
    }
}
