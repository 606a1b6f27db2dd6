//! Rule `duplicate-key`: the same member name twice in one object.

use super::{Code, Context, Doc, Sink};
use crate::diagnostic::Diagnostic;
use crate::input::Problem;

pub const DOC: Doc = Doc {
    summary: "A member name appears twice in one object; most parsers silently keep the last one.",
    body: r#"## What it checks
That no object has the same member name twice.

## Why
JSON parsers, Immuta's included, do not complain about a repeated name: most keep the last value and
drop the first without a word. A payload edited by hand often ends up with an old and a new `host`,
and the one you see first is not the one that is sent.

## Example
```json
{ "connection": { "hostname": "old.snowflakecomputing.com", "hostname": "new.snowflakecomputing.com" } }
```

## Fix
Delete the member you do not mean. The checker uses the last one, as Immuta will.
"#,
};

pub fn check(ctx: &Context, sink: &mut Sink) {
    for problem in ctx.problems {
        if let Problem::DuplicateKey { pointer, key, span } = problem {
            sink.push(Diagnostic::new(Code::DuplicateKey, pointer.as_str(), *span, message(key)).with_help(format!(
                "delete the `{key}` member you do not mean (the checker, like Immuta, reads the later one)"
            )));
        }
    }
}

/// What a duplicate member means (also said of one inside a BigQuery credential).
pub(super) fn message(key: &str) -> String {
    format!("`{key}` appears twice in this object; the later value wins and the earlier one is ignored")
}
