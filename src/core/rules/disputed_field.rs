//! Rule `disputed-field`: a field whose place or form Immuta's docs disagree about.

use super::{Code, Context, Doc, Sink, field};
use crate::diagnostic::Diagnostic;
use crate::document::Value;
use crate::kind::{Kind, Technology};

pub const DOC: Doc = Doc {
    summary: "A field whose location or form Immuta's docs disagree about (userRolePattern), used in a way only one version supports.",
    body: r#"## What it checks
Fields on which Immuta's pages contradict each other. The checker accepts every documented form and
warns where the choice matters:

- `userRolePattern` of a Snowflake connection: the connection tables put it at
  `nativeIntegration.userRolePattern`, the script request at `config.userRolePattern` (so a copied
  config has it at `nativeIntegration.config.userRolePattern`). Either is accepted; both at once is
  a warning, all the more if they differ.
- `userRolePattern` written as an array: one table says array, every example uses the object
  `{"exclude": [...]}`.

## Why
Until Immuta settles it, a payload that uses one form may be read differently than you expect.
Saying so is better than silently picking a side.

## Example
```json
{ "connectionKey": "acme", "connection": { "technology": "Snowflake", "hostname": "acme.snowflakecomputing.com" },
  "nativeIntegration": { "type": "Snowflake", "userRolePattern": { "exclude": [] }, "config": { "userRolePattern": { "exclude": ["ETL"] } } } }
```

## Fix
Keep one `userRolePattern`, in the object form `{"exclude": ["ROLE", ...]}`.
"#,
};

const USER_ROLE_PATTERNS: [&str; 3] =
    ["/config/userRolePattern", "/nativeIntegration/userRolePattern", "/nativeIntegration/config/userRolePattern"];

pub fn check(ctx: &Context, sink: &mut Sink) {
    let Some(ctx) = ctx.payload() else { return };
    if ctx.technology() != Some(Technology::Snowflake) {
        return;
    }
    for pointer in USER_ROLE_PATTERNS {
        if let Some(node) = ctx.node(pointer)
            && matches!(node.value, Value::Array(_))
        {
            sink.push(
                Diagnostic::new(Code::DisputedField, pointer, ctx.value_span(pointer), format!("{} is an array; one table of Immuta's docs says so, but every example uses the object {{\"exclude\": [...]}}", field(pointer)))
                    .with_help("write it as {\"exclude\": [\"ROLE\", ...]}"),
            );
        }
    }
    if ctx.kind != Kind::Connection {
        return;
    }
    let (Some(outer), Some(inner)) = (ctx.node(USER_ROLE_PATTERNS[1]), ctx.node(USER_ROLE_PATTERNS[2])) else {
        return;
    };
    let differ = if outer.same_value(inner) { "" } else { ", and the two differ" };
    sink.push(
        Diagnostic::new(Code::DisputedField, USER_ROLE_PATTERNS[2], ctx.value_span(USER_ROLE_PATTERNS[2]), format!("`userRolePattern` is given both in `nativeIntegration` and in `nativeIntegration.config`{differ}"))
            .with_help("Immuta's docs disagree on its place (the connection tables: nativeIntegration.userRolePattern; the script config: config.userRolePattern); keep one"),
    );
}
