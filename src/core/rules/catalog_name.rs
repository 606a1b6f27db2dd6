//! Rule `catalog-name`: the Databricks catalog Immuta creates must have a plain identifier name.

use super::{Code, Context, Doc, Sink};
use crate::diagnostic::Diagnostic;
use crate::kind::Technology;
use crate::model::catalogue::pointers_of_form;

pub const DOC: Doc = Doc {
    summary: "The Databricks catalog name may hold only letters, digits and underscores, and may not start with a digit.",
    body: r#"## What it checks
`config.catalog` (integration and script payloads) and `nativeIntegration.config.catalog`
(connections) of Databricks Unity Catalog: letters, digits and underscores only, not starting with a
digit (`^[A-Za-z_][A-Za-z0-9_]*$`).

## Why
Immuta's docs: "The catalog name may only contain letters, numbers, and underscores and cannot start
with a number." Immuta creates this catalog; a name like `immuta-catalog` fails only when the setup
script runs.

## Example
```json
{ "type": "Databricks", "autoBootstrap": false, "config": { "catalog": "1immuta-catalog" } }
```

## Fix
Use a name such as `immuta_catalog`, and use the same name in the script request and in the
connection's `nativeIntegration.config`.
"#,
};

pub fn check(ctx: &Context, sink: &mut Sink) {
    let Some(ctx) = ctx.payload() else { return };
    if ctx.technology() != Some(Technology::Databricks) {
        return;
    }
    // The catalogue's `catalog-name` fields: `config.catalog`, `nativeIntegration.config.catalog`.
    for &pointer in pointers_of_form("catalog-name") {
        let Some(node) = ctx.node(pointer) else {
            continue;
        };
        let Some(name) = node.as_str() else { continue };
        if name.is_empty() || crate::model::placeholders::is_placeholder(name) {
            continue;
        }
        let problem = if name.starts_with(|c: char| c.is_ascii_digit()) {
            "starts with a digit"
        } else if let Some(bad) = name.chars().find(|c| !(c.is_ascii_alphanumeric() || *c == '_')) {
            match bad {
                '-' => "contains a hyphen",
                ' ' => "contains a space",
                '.' => "contains a period",
                _ => "contains a character other than letters, digits and underscores",
            }
        } else {
            continue;
        };
        let suggestion = suggested(name);
        sink.push(
            Diagnostic::new(Code::CatalogName, pointer, node.span, format!("the catalog name {} {problem}", super::truncate(&format!("\"{name}\""), 80)))
                .with_help(format!("a catalog name may hold only letters, digits and underscores and may not start with a digit, e.g. \"{suggestion}\"; use the same name in the script request and in the connection")),
        );
    }
}

fn suggested(name: &str) -> String {
    let mut fixed: String = name.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '_' }).collect();
    if fixed.starts_with(|c: char| c.is_ascii_digit()) {
        fixed.insert(0, '_');
    }
    fixed
}
