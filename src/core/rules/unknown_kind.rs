//! Rule `unknown-kind`: the payload's kind could not be told from its URL or shape.

use super::{Code, Context, Doc, Sink, Subject};
use crate::diagnostic::Diagnostic;

pub const DOC: Doc = Doc {
    summary: "Not recognisable as an integration or connection payload; pass --kind to check it anyway.",
    body: r#"## What it checks
That the payload can be recognised. The kind comes from `--kind`, else from a curl command's method
and URL, else from the payload's members: `connectionKey` or `nativeIntegration` make a connection,
`connection` alone a connection update, `type` an integration.

## Why
Without knowing the endpoint there is nothing to check the fields against. A file that is not an
Immuta payload at all (a `package.json`, a workflow) is reported only as this warning, so a hook over
all JSON and YAML files does not fail on it.

## Example
```json
{ "hostname": "acme.snowflakecomputing.com", "port": 443 }
```

## Fix
Pass the kind: `--kind integration`, `integration-script`, `connection` or `connection-update`, or
add the member that names it (`type` for an integration, `connection` for a connection).
"#,
};

pub fn check(ctx: &Context, sink: &mut Sink) {
    if let Subject::UnknownKind { start } = *ctx.subject {
        sink.push(
            Diagnostic::new(
                Code::UnknownKind,
                "",
                start,
                "this does not look like an Immuta integration or connection payload",
            )
            .with_help("pass --kind integration, integration-script, connection or connection-update to check it"),
        );
    }
}
