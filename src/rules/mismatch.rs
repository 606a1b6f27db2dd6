//! Rule `mismatch`: a `connection` value and its `nativeIntegration` twin must be equal.

use super::{Context, Rule, field};
use crate::diagnostic::{Diagnostic, Edit, Fix, Part, Severity};
use crate::document::{Node, Value};
use crate::input::Format;
use crate::kind::{Kind, Technology};
use crate::secrets;

pub const RULE: Rule = Rule {
    code: "mismatch",
    severity: Severity::Error,
    summary: "A connection value and its nativeIntegration twin disagree (technology/type, hostname/host, port, credentials, ...).",
    doc: r#"## What it checks
In `POST /data/connection`, each value that appears twice, once under `connection` and once under
`nativeIntegration`, must be the same in both places:

| connection | nativeIntegration |
|---|---|
| `technology` | `type` |
| `hostname` | `config.host` |
| `port`, `authenticationType` | `config.port`, `config.authenticationType` |
| `warehouse`, `username`, `password`, `privateKeyPassword` (Snowflake) | the same names under `config` |
| `privateKey.keyName` / `.userFilename` / `.content` (Snowflake) | `config.privateKey.*` |
| `token` (Databricks) | `config.token` |
| `oAuthClientConfig.*` and its `oauthPrivateKey.*` | `config.oAuthClientConfig.*` |

The finding points at the `nativeIntegration` side and names the `connection` side. Values that
differ only in letter case, an `https://` prefix or a trailing slash are still reported (Immuta
compares exactly), with a note saying so.

## Why
Immuta's tables say "Same as connection.hostname", "Same as connection.port", and so on. The two
halves are usually edited separately, and a connection registered with two different hosts or
passwords fails in ways that are hard to trace.

## Example
```json
"connection": { "technology": "Databricks", "hostname": "dbc-1234-abcd.cloud.databricks.com" },
"nativeIntegration": { "type": "Databricks", "config": { "host": "dbc-9999-wxyz.cloud.databricks.com" } }
```

## Fix
Make both the same. The fix copies the `connection` value into its `nativeIntegration` twin; for a
secret it copies by position, so the secret never appears in the fix itself.
"#,
};

const SNOWFLAKE: &[Technology] = &[Technology::Snowflake];
const DATABRICKS: &[Technology] = &[Technology::Databricks];
const BOTH: &[Technology] = &[Technology::Snowflake, Technology::Databricks];
/// Only `technology`/`type` is known to pair up for every connection, Lake Formation included.
const ALL: &[Technology] = &[Technology::Snowflake, Technology::Databricks, Technology::LakeFormation];

/// `(connection side, nativeIntegration side, technologies)`.
pub const TWINS: &[(&str, &str, &[Technology])] = &[
    ("/connection/technology", "/nativeIntegration/type", ALL),
    ("/connection/hostname", "/nativeIntegration/config/host", BOTH),
    ("/connection/port", "/nativeIntegration/config/port", BOTH),
    ("/connection/authenticationType", "/nativeIntegration/config/authenticationType", BOTH),
    ("/connection/warehouse", "/nativeIntegration/config/warehouse", SNOWFLAKE),
    ("/connection/username", "/nativeIntegration/config/username", SNOWFLAKE),
    ("/connection/password", "/nativeIntegration/config/password", SNOWFLAKE),
    ("/connection/privateKeyPassword", "/nativeIntegration/config/privateKeyPassword", SNOWFLAKE),
    ("/connection/privateKey/keyName", "/nativeIntegration/config/privateKey/keyName", SNOWFLAKE),
    ("/connection/privateKey/userFilename", "/nativeIntegration/config/privateKey/userFilename", SNOWFLAKE),
    ("/connection/privateKey/content", "/nativeIntegration/config/privateKey/content", SNOWFLAKE),
    ("/connection/token", "/nativeIntegration/config/token", DATABRICKS),
    (
        "/connection/oAuthClientConfig/useCertificate",
        "/nativeIntegration/config/oAuthClientConfig/useCertificate",
        BOTH,
    ),
    ("/connection/oAuthClientConfig/clientId", "/nativeIntegration/config/oAuthClientConfig/clientId", BOTH),
    ("/connection/oAuthClientConfig/authorityUrl", "/nativeIntegration/config/oAuthClientConfig/authorityUrl", BOTH),
    ("/connection/oAuthClientConfig/scope", "/nativeIntegration/config/oAuthClientConfig/scope", BOTH),
    ("/connection/oAuthClientConfig/resource", "/nativeIntegration/config/oAuthClientConfig/resource", BOTH),
    ("/connection/oAuthClientConfig/clientSecret", "/nativeIntegration/config/oAuthClientConfig/clientSecret", BOTH),
    (
        "/connection/oAuthClientConfig/publicCertificateThumbprint",
        "/nativeIntegration/config/oAuthClientConfig/publicCertificateThumbprint",
        SNOWFLAKE,
    ),
    (
        "/connection/oAuthClientConfig/oauthPrivateKey/keyName",
        "/nativeIntegration/config/oAuthClientConfig/oauthPrivateKey/keyName",
        SNOWFLAKE,
    ),
    (
        "/connection/oAuthClientConfig/oauthPrivateKey/userFilename",
        "/nativeIntegration/config/oAuthClientConfig/oauthPrivateKey/userFilename",
        SNOWFLAKE,
    ),
    (
        "/connection/oAuthClientConfig/oauthPrivateKey/content",
        "/nativeIntegration/config/oAuthClientConfig/oauthPrivateKey/content",
        SNOWFLAKE,
    ),
];

/// Key objects that the script request writes as plain strings and a connection's
/// `nativeIntegration.config` wants as the same object as in `connection`.
pub const OBJECT_TWINS: &[(&str, &str)] = &[
    ("/connection/privateKey", "/nativeIntegration/config/privateKey"),
    ("/connection/oAuthClientConfig/oauthPrivateKey", "/nativeIntegration/config/oAuthClientConfig/oauthPrivateKey"),
];

/// The `connection` side of a `nativeIntegration` pointer, if the two must agree.
pub fn twin_of(native: &str, technology: Option<Technology>) -> Option<&'static str> {
    TWINS
        .iter()
        .find(|(_, n, techs)| *n == native && technology.is_some_and(|t| techs.contains(&t)))
        .map(|(c, _, _)| *c)
}

pub fn run(ctx: &Context, out: &mut Vec<Diagnostic>) {
    if ctx.kind != Kind::Connection {
        return;
    }
    let Some(technology) = ctx.technology() else {
        return;
    };
    for (left, right, techs) in TWINS {
        if !techs.contains(&technology) {
            continue;
        }
        let (Some(a), Some(b)) = (ctx.node(left), ctx.node(right)) else {
            continue;
        };
        if a.same_value(b) || matches!(a.value, Value::Invalid) || matches!(b.value, Value::Invalid) {
            continue;
        }
        let message = match (ctx.shown(right, b), ctx.shown(left, a)) {
            (Some(bv), Some(av)) => {
                format!("{} is {bv} but {} is {av}; they must be the same", field(right), field(left))
            }
            _ => format!("{} differs from {}; they must be the same", field(right), field(left)),
        };
        let mut help = format!("set {} to the value of {}", field(right), field(left));
        if let (Some(x), Some(y)) = (a.as_str(), b.as_str())
            && normalized(x) == normalized(y)
        {
            help.push_str(" (they differ only in letter case, an https:// prefix or a trailing slash, but Immuta compares them exactly)");
        }
        let span = ctx.value_span(right);
        out.push(ctx.diagnostic(&RULE, right, span, message).with_help(help).with_fix(copy_fix(ctx, left, a, b.span)));
    }
}

/// Replaces the target range with the connection value: by position for a secret, else as text.
pub fn copy_fix(ctx: &Context, left: &str, source: &Node, target: crate::diagnostic::Span) -> Option<Fix> {
    let text = ctx.text(source.span);
    if text.is_empty() || (ctx.format == Format::Yaml && text.contains('\n')) {
        return None;
    }
    let part = if secrets::is_secret(left) { Part::copy(source.span) } else { Part::Text(text.to_string()) };
    Some(Fix { message: format!("copy the value of {}", field(left)), edits: vec![Edit::new(target, vec![part])] })
}

fn normalized(value: &str) -> String {
    let lower = value.trim().to_ascii_lowercase();
    let without_scheme = lower.strip_prefix("https://").or_else(|| lower.strip_prefix("http://")).unwrap_or(&lower);
    without_scheme.trim_end_matches('/').to_string()
}
