//! Rule `unknown-field`: a member the payload kind does not have.

use super::{Code, Context, Doc, Payload, Sink, field};
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::document::{Member, Node, join};
use crate::kind::{Kind, Technology};
use crate::model::limits::MAX_FINDINGS;
use crate::model::renames::renamed_from;
use crate::schemas::{Problem, Violation};
use crate::suggest;
use std::collections::HashMap;

pub const DOC: Doc = Doc {
    summary: "A key the payload kind does not have, with a did-you-mean (hostName → hostname).",
    body: r#"## What it checks
Every member name against the fields of the payload kind, technology and authentication type, with
a did-you-mean for near misses (`hostName` → `hostname`, `workspace` → `workspaces`). It also
reports credentials of another authentication type (`password` with `keyPair`), members a
`PUT /data/connection/{connectionKey}` body does not take (`nativeIntegration`, `settings`,
`options`, `connectionKey`), and anything besides `type` in a Trino body. In an object whose schema
takes any member (an integration of an unknown `type`, an undocumented object), a member whose name
is a near miss of a required one that is missing (`tye` for `type`) is reported too, with the
rename.

## Why
A misspelt optional field is silently ignored: the payload is accepted and the setting you meant is
not applied. A misspelt required field shows up as a missing one; together the two findings make
the mistake obvious.

## Example
```json
{ "connectionKey": "acme", "connection": { "technology": "Snowflake", "hostName": "acme.snowflakecomputing.com" } }
```

## Fix
Rename or remove the member. A name that differs from a known one only in letter case comes with a
fix.
"#,
};

const PUT_ONLY_CONNECTION: [&str; 4] = ["nativeIntegration", "settings", "options", "connectionKey"];

/// Every member the schema does not know, one finding per name; then the members of objects that
/// take any member whose name is a near miss of a required one that is missing.
pub fn check(ctx: &Context, sink: &mut Sink) {
    let Some(ctx) = ctx.payload() else { return };
    near_misses_of_missing_members(ctx, sink);
    sink.until_full(&ctx.violations.unknown, |violation, sink| {
        let Problem::Unknown(names) = &violation.problem else { return };
        // One map per object, not a scan per name: a payload may have thousands of them.
        let members: HashMap<&str, &Member> = ctx
            .root
            .pointer(&violation.pointer)
            .map_or(&[][..], Node::members)
            .iter()
            .map(|member| (member.key, member))
            .collect();
        for name in names.iter().take(MAX_FINDINGS) {
            if let Some(member) = members.get(name.as_str()) {
                sink.extend(unknown(ctx, violation, name, member));
            }
        }
    });
}

/// `tye` where `type` is required and missing, in an object whose schema takes other members (an
/// integration of an unknown type, an undocumented object): not an error by the schema, but
/// almost surely the missing member, misspelt. A warning, with the rename.
fn near_misses_of_missing_members(ctx: &Payload, sink: &mut Sink) {
    if ctx.violations.missing.is_empty() {
        return;
    }
    let unknown: Vec<String> = ctx
        .violations
        .unknown
        .iter()
        .filter_map(|v| match &v.problem {
            Problem::Unknown(names) => Some(names.iter().map(move |n| join(&v.pointer, n))),
            _ => None,
        })
        .flatten()
        .collect();
    for violation in &ctx.violations.missing {
        let Problem::Missing(wanted) = &violation.problem else { continue };
        let Some(object) = ctx.root.pointer(&violation.pointer) else { continue };
        for member in object.members() {
            let pointer = join(&violation.pointer, member.key);
            if member.key == *wanted
                || unknown.contains(&pointer)
                || suggest::closest(member.key, [wanted.as_str()]).is_none()
            {
                continue;
            }
            sink.push(
                Diagnostic::new(
                    Code::UnknownField,
                    &pointer,
                    member.key_span,
                    format!(
                        "{} is not a field Immuta knows here; did you mean `{wanted}`, which is missing?",
                        field(&pointer)
                    ),
                )
                .as_warning()
                .with_help(format!("rename it to `{wanted}`"))
                .with_fix(rename(ctx, member.key_span, wanted)),
            );
        }
    }
}

/// `member` is the payload's (last) member called `name` in the object at `violation.pointer`.
fn unknown(ctx: &Payload, violation: &Violation, name: &str, member: &Member) -> Option<Diagnostic> {
    let pointer = join(&violation.pointer, name);
    let span = member.key_span;
    let (message, help) = if ctx.kind == Kind::ConnectionUpdate
        && violation.pointer.is_empty()
        && PUT_ONLY_CONNECTION.contains(&name)
    {
        (
            format!("PUT /data/connection/{{connectionKey}} takes only `connection`; `{name}` is not used here"),
            "remove it: the connection key comes from the URL, and integration settings change through PUT /integrations/{id}".to_string(),
        )
    } else if ctx.technology() == Some(Technology::Trino) && violation.pointer.is_empty() {
        (
            format!("the Trino body is only {{\"type\": \"Trino\"}}; `{name}` is not used"),
            "remove it; the rest of a Trino setup happens in the Immuta UI and the cluster's properties file"
                .to_string(),
        )
    } else if let Some(rename) = renamed_from(&violation.pointer, name) {
        let (to, why) = (rename.to, rename.why);
        (format!("{} is called `{to}` here", field(&pointer)), format!("rename it to `{to}`: {why}"))
    } else if let Some(auth) = other_auth_credential(ctx, name) {
        (
            format!("{} is not used with authenticationType \"{auth}\"", field(&pointer)),
            "remove it, or change authenticationType if you meant the other method".to_string(),
        )
    } else {
        let suggestion = suggest::closest(name, violation.known.iter().map(String::as_str));
        let help = match suggestion {
            Some(s) => format!("did you mean `{s}`?"),
            None if violation.known.is_empty() => "remove it".to_string(),
            None => format!("known fields here: {}", violation.known.join(", ")),
        };
        (format!("{} is not a field Immuta knows here", field(&pointer)), help)
    };
    let renamed = renamed_from(&violation.pointer, name).map(|rename| rename.to);
    let fix = renamed
        .or_else(|| {
            suggest::closest(name, violation.known.iter().map(String::as_str)).filter(|s| suggest::case_only(name, s))
        })
        .filter(|s| ctx.node(&join(&violation.pointer, s)).is_none())
        .and_then(|s| rename(ctx, span, s));
    Some(Diagnostic::new(Code::UnknownField, &pointer, span, message).with_help(help).with_fix(fix))
}

fn rename(ctx: &Payload, span: crate::diagnostic::Span, to: &str) -> Option<Fix> {
    let text = ctx.text(span);
    let replacement = if text.starts_with('"') { format!("\"{to}\"") } else { to.to_string() };
    Some(Fix { message: format!("rename to `{to}`"), edits: vec![Edit::replace(span, replacement)] })
}

/// For a credential member that belongs to another auth type: the current auth type.
fn other_auth_credential<'a>(ctx: &'a Payload, name: &str) -> Option<&'a str> {
    const CREDENTIALS: [&str; 8] = [
        "username",
        "password",
        "privateKey",
        "privateKeyPassword",
        "oAuthClientConfig",
        "token",
        "awsAccessKeyId",
        "awsSecretAccessKey",
    ];
    let auth = ctx.variant.auth.as_deref()?;
    (CREDENTIALS.contains(&name) || name == "awsRoleToAssume").then_some(auth)
}
