//! Rule `duplicate-key`: the same member name twice in one object.

use super::Rule;
use crate::diagnostic::{Diagnostic, Severity, Span};

pub const RULE: Rule = Rule {
    code: "duplicate-key",
    severity: Severity::Warning,
    summary: "A member name appears twice in one object; most parsers silently keep the last one.",
    doc: r#"## What it checks
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

pub fn diagnostic(pointer: &str, key: &str, second: Span) -> Diagnostic {
    Diagnostic::new(
        RULE.code,
        RULE.severity,
        pointer,
        second,
        format!("`{key}` appears twice in this object; the later value wins and the earlier one is ignored"),
    )
    .with_help(format!("delete the `{key}` member you do not mean (the checker, like Immuta, reads the later one)"))
}
