//! Rule `missing-field`: a required member is absent (from the schemas, plus a few softer
//! requirements kept as warnings because the docs disagree or only imply them).

use super::{Code, Context, Doc, Payload, Sink, field};
use crate::diagnostic::{Diagnostic, Edit, Fix, Part};
use crate::document::{Value, join, split_pointer};
use crate::input::Format;
use crate::kind::Kind;
use crate::model::catalogue::facts_for;
use crate::model::renames::renamed_to;
use crate::model::twins::twin_of;
use crate::schemas::{Problem, Violation};
use crate::secrets;

pub const DOC: Doc = Doc {
    summary: "A required field is absent, per payload kind, technology and authentication type.",
    body: r#"## What it checks
That every field the endpoint requires is present, for the payload's kind, technology and
`authenticationType`: for example `connection.warehouse` and `connection.role` for Snowflake,
`privateKey` for `keyPair`, `oAuthClientConfig.clientSecret` when `useCertificate` is false. The `pointer` is the path of the missing member, e.g.
`/connection/warehouse`, and the position is where it belongs (the object's name).

Softer requirements are **warnings**: Snowflake's `nativeIntegration.config.audit`, `workspaces`,
`impersonation` and `lineage` (marked required in the connection tables, optional in the script
request), `config.role` with `autoBootstrap: true` (every example has it; no page says it is
required), and Native S3's `awsRoleToAssume` with `auto` (the payload reference requires it; the S3
how-to calls the role optional and its own example omits it).

## Why
A missing field is the most common HTTP 400, and the server names only the first one.

## Example
```json
{ "connectionKey": "acme", "connection": { "technology": "Snowflake", "hostname": "acme.snowflakecomputing.com", "port": 443 } }
```

## Fix
Add the field. A field that must equal its `connection` twin comes with a fix that copies the
value over.
"#,
};

/// Every required member the schema found missing, then the requirements kept as warnings.
pub fn check(ctx: &Context, sink: &mut Sink) {
    let Some(ctx) = ctx.payload() else { return };
    sink.until_full(&ctx.violations.missing, |violation, sink| {
        if let Problem::Missing(name) = &violation.problem {
            sink.push(missing(ctx, violation, name));
        }
    });
    soft(ctx, sink);
}

fn missing(ctx: &Payload, violation: &Violation, name: &str) -> Diagnostic {
    let pointer = join(&violation.pointer, name);
    let span = ctx.missing_span(&violation.pointer);
    let context = match (ctx.technology(), &ctx.variant.auth) {
        (Some(t), Some(auth)) => format!(" ({} with {auth})", t.name()),
        (Some(t), None) => format!(" ({})", t.name()),
        _ => String::new(),
    };
    let help = match &violation.description {
        Some(description) => format!("add \"{name}\" to {}: {description}", field(&violation.pointer)),
        None => format!("add \"{name}\" to {}", field(&violation.pointer)),
    };
    // `workspaceUrl` where `host` belongs: the rename (an unknown-field fix) is the fix here.
    let renamed_from = renamed_to(&violation.pointer, name)
        .filter(|rename| ctx.node(&join(rename.parent, rename.from)).is_some())
        .map(|rename| rename.from);
    if let Some(from) = renamed_from {
        return Diagnostic::new(Code::MissingField, &pointer, span, format!("{} is missing{context}", field(&pointer)))
            .with_help(format!("rename `{from}` to `{name}`"));
    }
    let fix = twin_of(&pointer, ctx.technology())
        .filter(|_| ctx.kind == Kind::Connection)
        .and_then(|twin| ctx.node(twin).map(|node| (twin, node)))
        .and_then(|(twin, node)| {
            let text = ctx.text(node.span);
            let part = if secrets::is_secret(twin) { Part::copy(node.span) } else { Part::Text(text.to_string()) };
            insert_member(ctx, &violation.pointer, name, part)
                .map(|edits| Fix { message: format!("copy {} here", field(twin)), edits })
        });
    Diagnostic::new(Code::MissingField, &pointer, span, format!("{} is missing{context}", field(&pointer)))
        .with_help(help)
        .with_fix(fix)
}

/// Edits that add `"name": <value>` as the first member of the JSON object at `parent`, in the
/// object's own indentation.
fn insert_member(ctx: &Payload, parent: &str, name: &str, value: Part) -> Option<Vec<Edit>> {
    if ctx.format != Format::Json {
        return None;
    }
    let object = ctx.node(parent)?;
    let Value::Object(members) = &object.value else {
        return None;
    };
    let key = format!("\"{name}\": ");
    match members.first() {
        Some(first) => {
            let line_start = ctx.source[..first.key_span.start].rfind('\n').map_or(0, |i| i + 1);
            let indent = &ctx.source[line_start..first.key_span.start];
            let separator = if indent.trim().is_empty() { format!(",\n{indent}") } else { ", ".to_string() };
            Some(vec![Edit::new(
                crate::diagnostic::Span::empty(first.key_span.start),
                vec![Part::Text(key), value, Part::Text(separator)],
            )])
        }
        None => {
            Some(vec![Edit::new(crate::diagnostic::Span::empty(object.span.start + 1), vec![Part::Text(key), value])])
        }
    }
}

/// Requirements that are implied or disputed: reported as warnings.
fn soft(ctx: &Payload, sink: &mut Sink) {
    let rows = facts_for(ctx.kind, &ctx.variant.def);
    for (pointer, soft) in rows.filter_map(|fact| Some((fact.pointer, fact.missing.as_ref()?))) {
        if ctx.node(pointer).is_some() {
            continue;
        }
        if soft.when_auto_bootstrap && ctx.root.get("autoBootstrap").and_then(|n| n.as_bool()) != Some(true) {
            continue;
        }
        let Some((parent, _)) = split_pointer(pointer) else {
            continue;
        };
        if ctx.node(parent).is_none() {
            continue;
        }
        sink.push(
            Diagnostic::new(
                Code::MissingField,
                pointer,
                ctx.missing_span(parent),
                format!("{} is missing", field(pointer)),
            )
            .as_warning()
            .with_help(format!("add it: {}", soft.why)),
        );
    }
}
