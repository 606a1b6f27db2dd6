//! Rule `http-path`: a Databricks `httpPath` is a compute's HTTP path, in a form Databricks gives.

use super::{Code, Context, Doc, Sink, edits, field};
use crate::diagnostic::Diagnostic;
use crate::values::{Form, http_path};

pub const DOC: Doc = Doc {
    summary: "A Databricks httpPath is /sql/1.0/warehouses/<id> or sql/protocolv1/o/<workspace>/<cluster>, not a URL or an ID.",
    body: r#"## What it checks
`config.httpPath` and `connection.httpPath` of Databricks: `/sql/1.0/warehouses/<id>`, the older
`/sql/1.0/endpoints/<id>`, or a cluster's `sql/protocolv1/o/<workspace-id>/<cluster-id>` (with or
without the leading `/`, as Immuta's own example writes it). A **warning** for a whole URL, a
piece of a JDBC string (`httpPath=…;`), the warehouse ID alone, `/sql/1.0/warehouse/` (singular),
backslashes, a query (`?o=…`), a trailing `/`, or any other form.

## Why
Databricks' connection details show the HTTP path next to the server hostname, and people copy the
wrong one, or the whole JDBC URL. The forms are Databricks' [D]; the ID shapes are seen, not
documented [I], so only the form is checked, and as a warning. Source: Databricks' compute
connection details and SQL connector docs; value-forms.md §2.

## Example
```json
{ "connectionKey": "acme", "connection": { "technology": "Databricks",
  "httpPath": "https://dbc-a1b2345c-d6e7.cloud.databricks.com/sql/1.0/warehouses/0123456789abcdef" } }
```

## Fix
Write the path alone: `/sql/1.0/warehouses/0123456789abcdef` (the fix does it where the path can be
read from the value).
"#,
};

pub fn check(ctx: &Context, sink: &mut Sink) {
    let Some(ctx) = ctx.payload() else { return };
    for value in ctx.values_where(|f| f == Form::HttpPath) {
        let Some(cleaned) = value.cleaned() else { continue };
        let Some(problem) = http_path::check(&cleaned) else { continue };
        let help = match &problem.fixed {
            Some(path) => format!("write the path alone: \"{}\"", super::truncate(path, 100)),
            None => "copy the HTTP Path from the compute's Connection details tab: /sql/1.0/warehouses/<id> for a SQL warehouse, sql/protocolv1/o/<workspace-id>/<cluster-id> for a cluster".to_string(),
        };
        let fix = problem
            .fixed
            .as_deref()
            .and_then(|path| edits::replace(ctx, value.node, path, "write the HTTP path alone"));
        sink.push(
            Diagnostic::new(
                Code::HttpPath,
                value.pointer().as_ref(),
                value.node.span,
                format!("{} is {}, not a Databricks HTTP path", field(&value.pointer()), problem.what),
            )
            .with_help(help)
            .with_fix(fix),
        );
    }
}
