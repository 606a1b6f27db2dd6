//! Rule `invalid-value`: a value of the right type that the endpoint does not allow.

use super::{Code, Context, Doc, Payload, Sink, field};
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::document::{Node, Value};
use crate::input::Format;
use crate::input::Request;
use crate::kind::{Kind, Technology};
use crate::model::catalogue::{fact_at, facts_for, form_at, is_outline_technology};
use crate::model::twins::TECHNOLOGY;
use crate::schemas::{Problem, Violation};
use crate::suggest;
use serde_json::Value as Json;

pub const DOC: Doc = Doc {
    summary: "A value that is not allowed: enums (with did-you-mean), port range, keyName, autoBootstrap, datasetSuffix, ...",
    body: r#"## What it checks
Values the endpoint does not accept, among them:

- enums: `type`, `authenticationType` per technology, `technology`, with a did-you-mean
  (`keypair` → `keyPair`); a platform's name misspelt (`Snowflak`, `databricks`) comes with the fix,
  and a connection whose `technology` is a near miss of `Snowflake` or `Databricks` is checked as
  that technology's, so nothing else goes unchecked;
- a connection `technology` that is neither documented for the API (`Snowflake`, `Databricks`, AWS
  Lake Formation) nor one Immuta registers in its UI only (see `unconfirmed`): a **warning**, since
  Immuta may have added it [D-3p, immuta-docs-3.md §3.1];
- `port` outside 0-65535, and empty strings where a value is required;
- `privateKey.keyName` must be `PRIV_KEY_FILE`; `oauthPrivateKey.keyName` is
  `oauth client certificate`;
- `autoBootstrap` must be `false` for Google BigQuery and Native S3, and in a connection's
  `nativeIntegration` (the payload reference accepts only `false` there);
- Azure Synapse Analytics supports only `userPassword`;
- BigQuery `datasetSuffix` must start with `_` (the forms of S3 role ARNs and `s3://` paths are
  `aws-format`'s);
- `useCertificate` must match the credentials given, and `nativeIntegration.unityCatalog` is `true`
  for Databricks;
- `POST /integrations/scripts/create` exists only for Snowflake, Databricks, Azure Synapse Analytics
  and Redshift; `autoBootstrap: true` there is a **warning** (a script is for manual setup).

## Why
These are the rules behind most of the API's 400 responses, and the enum values are case-sensitive.

## Example
```json
{ "connectionKey": "acme", "connection": { "technology": "Snowflake", "authenticationType": "keypair", "port": 70000 } }
```

## Fix
Use one of the allowed values. A value that differs from an allowed one only in letter case, or a
boolean that has only one allowed value, comes with a fix.
"#,
};

/// Every value the schema does not allow, then the checks that depend on the endpoint.
pub fn check(ctx: &Context, sink: &mut Sink) {
    let request = ctx.request;
    let Some(ctx) = ctx.payload() else { return };
    sink.until_full(&ctx.violations.invalid, |violation, sink| sink.extend(invalid(ctx, violation)));
    endpoint_checks(ctx, request, sink);
}

fn invalid(ctx: &Payload, violation: &Violation) -> Option<Diagnostic> {
    let pointer = &violation.pointer;
    let node = ctx.node(pointer)?;
    let name = field(pointer);
    let shown = ctx.shown(pointer, node);
    let is = shown.as_ref().map_or(String::new(), |v| format!(" is {v}, which is"));
    let mut fix = None;
    let (message, mut help) = match &violation.problem {
        Problem::NotAllowed(options) if options.len() == 1 => {
            let expected = &options[0];
            if let (Json::Bool(b), Value::Bool(_)) = (expected, &node.value) {
                fix = Some(Fix {
                    message: format!("set it to {b}"),
                    edits: vec![Edit::replace(node.span, b.to_string())],
                });
            }
            if let (Some(wanted), Some(actual)) = (expected.as_str(), node.as_str())
                && suggest::case_only(actual, wanted)
            {
                fix = rewrite_string(ctx, node, wanted);
            }
            (format!("{name} must be {expected}"), None)
        }
        Problem::NotAllowed(options) => {
            let allowed: Vec<&str> = options.iter().filter_map(Json::as_str).collect();
            let suggestion = node.as_str().and_then(|actual| suggest::closest(actual, allowed.iter().copied()));
            // A platform's name is long and unlike the others: its near miss is a slip, fixed as
            // surely as a case slip.
            let platform = form_at(&ctx.variant.def, pointer) == Some("platform");
            if let (Some(wanted), Some(actual)) = (suggestion, node.as_str())
                && (platform || suggest::case_only(actual, wanted))
            {
                fix = rewrite_string(ctx, node, wanted);
            }
            let list = allowed.iter().map(|a| format!("\"{a}\"")).collect::<Vec<_>>().join(", ");
            let verb = if is.is_empty() { " is".to_string() } else { is.clone() };
            (format!("{name}{verb} not one of {list}"), suggestion.map(|s| format!("did you mean \"{s}\"?")))
        }
        Problem::Range { minimum, maximum } => {
            let range = match (minimum, maximum) {
                (Some(lo), Some(hi)) => format!("from {lo} to {hi}"),
                (Some(lo), None) => format!("at least {lo}"),
                (None, Some(hi)) => format!("at most {hi}"),
                (None, None) => "in range".to_string(),
            };
            (
                format!(
                    "{name}{} must be {range}",
                    if is.is_empty() {
                        String::new()
                    } else {
                        format!(" is {}, but it", shown.clone().unwrap_or_default())
                    }
                ),
                None,
            )
        }
        Problem::Empty => (format!("{name} is empty"), Some("fill in the value".to_string())),
        Problem::Pattern => (
            format!(
                "{name}{} does not have the required form",
                if is.is_empty() { String::new() } else { format!(" ({})", shown.clone().unwrap_or_default()) }
            ),
            None,
        ),
        _ => (format!("{name} is not a valid value here"), None),
    };
    if let Some(description) = &violation.description {
        help = Some(match help {
            Some(h) => format!("{h} {description}"),
            None => description.clone(),
        });
    }
    let mut diagnostic = Diagnostic::new(Code::InvalidValue, pointer, ctx.value_span(pointer), message).with_fix(fix);
    // A field whose documented values are not all known: another value is only a warning.
    if let Some(why) = fact_at(&ctx.variant.def, pointer).and_then(|f| f.open_enum) {
        help = Some(format!("{} (only a warning: {why})", help.unwrap_or_default()).trim_start().to_string());
        diagnostic = diagnostic.as_warning();
    }
    diagnostic.help = help;
    Some(diagnostic)
}

/// Replaces a string value, keeping its quoting style.
fn rewrite_string(ctx: &Payload, node: &Node, wanted: &str) -> Option<Fix> {
    let text = ctx.text(node.span);
    let replacement = match text.chars().next() {
        Some('"') => format!("\"{wanted}\""),
        Some('\'') => format!("'{wanted}'"),
        _ if ctx.format == Format::Yaml => wanted.to_string(),
        _ => return None,
    };
    Some(Fix { message: format!("replace with \"{wanted}\""), edits: vec![Edit::replace(node.span, replacement)] })
}

/// A connection's technology that no schema variant checks: a warning, unless it is one that
/// Immuta registers in its UI only (the `unconfirmed` note says so) or AWS Lake Formation.
fn connection_technology(ctx: &Payload, sink: &mut Sink) {
    let Some((node, value)) = ctx.undescribed_technology() else { return };
    let pointer = TECHNOLOGY;
    if is_outline_technology(value) || !crate::values::judged(value) {
        return;
    }
    let documented = Technology::CONNECTION_TECHNOLOGIES.map(|t| format!("\"{}\"", t.name())).join(", ");
    sink.push(
        Diagnostic::new(
            Code::InvalidValue,
            pointer,
            node.span,
            format!(
                "{} is {}, which is not a technology Immuta documents for connections",
                field(pointer),
                super::truncate(&format!("\"{value}\""), 80)
            ),
        )
        .as_warning()
        .with_help(format!(
            "use {documented} or an AWS Lake Formation name; nothing else of this payload is checked field by field"
        )),
    );
}

/// Fields that `PUT /integrations/{id}` cannot change (the catalogue's `x-immutable`), when the
/// curl command says the request is that PUT.
fn immutable_in_put(ctx: &Payload, request: Option<&Request>, sink: &mut Sink) {
    if ctx.kind != Kind::Integration || request.is_none_or(|r| r.method != "PUT") {
        return;
    }
    for fact in facts_for(ctx.kind, &ctx.variant.def) {
        let (Some(why), Some(node)) = (fact.immutable, ctx.node(fact.pointer)) else { continue };
        sink.push(
            Diagnostic::new(
                Code::InvalidValue,
                fact.pointer,
                node.span,
                format!("{} cannot change in PUT /integrations/{{id}}", field(fact.pointer)),
            )
            .as_warning()
            .with_help(format!("leave it out of the PUT body unless it is unchanged: {why}")),
        );
    }
}

/// Checks that depend on the endpoint rather than the body's shape.
fn endpoint_checks(ctx: &Payload, request: Option<&Request>, sink: &mut Sink) {
    connection_technology(ctx, sink);
    immutable_in_put(ctx, request, sink);
    if ctx.kind != Kind::IntegrationScript {
        return;
    }
    let (Some(technology), Some(node)) = (ctx.technology(), ctx.node("/type")) else { return };
    let initial = request.is_some_and(|r| r.path.trim_end_matches('/').ends_with("/scripts/initial-create"));
    if initial && !Technology::INITIAL_SCRIPT_TYPES.contains(&technology) {
        sink.push(
            Diagnostic::new(Code::InvalidValue, "/type", node.span, format!("POST /integrations/scripts/initial-create is documented for Azure Synapse Analytics and Redshift only, not {}", technology.name()))
                .as_warning()
                .with_help("for other platforms, the setup script comes from POST /integrations/scripts/create"),
        );
    } else if !initial && !Technology::SCRIPT_TYPES.contains(&technology) {
        sink.push(
            Diagnostic::new(Code::InvalidValue, "/type", node.span, format!("POST /integrations/scripts/create does not write scripts for {}", technology.name()))
                .with_help("scripts exist for Snowflake, Databricks, Azure Synapse Analytics and Redshift; configure this integration with POST /integrations"),
        );
    }
    // BigQuery and S3 already get an error for autoBootstrap true.
    let already_an_error = matches!(ctx.technology(), Some(Technology::BigQuery | Technology::S3));
    if let Some(node) = ctx.node("/autoBootstrap")
        && node.as_bool() == Some(true)
        && !already_an_error
    {
        sink.push(
            Diagnostic::new(
                Code::InvalidValue,
                "/autoBootstrap",
                node.span,
                "`autoBootstrap` is true in a script request; a setup script is for manual setup",
            )
            .as_warning()
            .with_help("set autoBootstrap to false, as in every example of POST /integrations/scripts/create")
            .with_fix(Some(Fix { message: "set it to false".into(), edits: vec![Edit::replace(node.span, "false")] })),
        );
    }
}
