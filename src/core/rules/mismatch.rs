//! Rule `mismatch`: a `connection` value and its `nativeIntegration` twin must be equal.

use super::{Code, Context, Doc, Sink, field};
use crate::diagnostic::Diagnostic;
use crate::kind::Kind;
use crate::model::twins::twins;

pub const DOC: Doc = Doc {
    summary: "A connection value and its nativeIntegration twin disagree (technology/type, hostname/host, port, credentials, ...).",
    body: r#"## What it checks
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

`technology`/`type` must agree whatever the technology, even one with no documented fields (X1
[D], immuta-payloads.md §3.6). The pairs are the catalogue's `x-twin` keywords (docs/fields.md,
"must equal").

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
secret it copies by position, so the secret never appears in the fix itself. When the `connection`
value has a finding of its own (a malformed host, a damaged key), there is no fix: copying it would
spread the mistake.
"#,
};

pub fn check(ctx: &Context, sink: &mut Sink) {
    let Some(ctx) = ctx.payload() else { return };
    if ctx.kind != Kind::Connection {
        return;
    }
    for twin in twins().iter().filter(|t| t.holds_for(ctx.technology())) {
        let (left, right) = (twin.connection, twin.native);
        let (Some(a), Some(b)) = (ctx.node(left), ctx.node(right)) else {
            continue;
        };
        if a.same_value(b) || a.is_opaque() || b.is_opaque() {
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
        sink.push(
            Diagnostic::new(Code::Mismatch, right, span, message)
                .with_help(help)
                .with_fix(ctx.copy_fix(left, a, b.span)),
        );
    }
}

fn normalized(value: &str) -> String {
    let lower = value.trim().to_ascii_lowercase();
    let without_scheme = lower.strip_prefix("https://").or_else(|| lower.strip_prefix("http://")).unwrap_or(&lower);
    without_scheme.trim_end_matches('/').to_string()
}
