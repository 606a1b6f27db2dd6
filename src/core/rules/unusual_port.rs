//! Rule `unusual-port`: a port the platform does not listen on.

use super::{Code, Context, Doc, Sink, field};
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::document::Value;
use crate::values::{Form, port};

pub const DOC: Doc = Doc {
    summary: "A port that cannot work (0), or that is not the platform's: 443 for Snowflake and Databricks, 1433 for Synapse, Redshift's ranges.",
    body: r#"## What it checks
`port` (`config.port`, `connection.port`, `nativeIntegration.config.port`) against the platform:
- an **error** for port 0, which no TCP connection can use (ports above 65535 are `invalid-value`'s);
- a **warning** for a port other than the platform's: Snowflake and Databricks are reached over
  HTTPS on 443; Synapse's connection strings use 1433; Redshift listens on 5439 by default and
  allows 5431–5455 and 8191–8215 (RA3, Serverless) or 1150–65535 (DC2). A well-known port of
  another system (Redshift's 5439 or Synapse's 1433 on Snowflake, PostgreSQL's 5432 on Redshift)
  is named, since it was probably copied from another payload.

## Why
A port copied from another platform's payload fails only when Immuta tries to connect. A proxy can
listen elsewhere, so a port that is merely unusual is a warning. Sources: Snowflake's hostname
allow-list page (443), Databricks' JDBC/ODBC settings (443), Microsoft's Synapse connection
strings (1433), Redshift's CreateCluster `Port` and Serverless docs [D]; value-forms.md §1, §2, §5.

## Example
```json
{ "type": "Snowflake", "autoBootstrap": false, "config": { "host": "acme.snowflakecomputing.com", "port": 5439 } }
```

## Fix
Use the platform's port (443 for Snowflake and Databricks); the fix writes it.
"#,
};

pub fn check(ctx: &Context, sink: &mut Sink) {
    let Some(ctx) = ctx.payload() else { return };
    for value in ctx.values_where(|f| matches!(f, Form::Port(_))) {
        let Form::Port(technology) = value.form else { continue };
        let Value::Number(number) = &value.node.value else { continue };
        let Some(found) = number.as_u64() else { continue };
        let name = field(&value.pointer());
        let diagnostic = match port::check(found, technology) {
            None => continue,
            Some(port::Problem::Zero) => Diagnostic::new(
                Code::UnusualPort,
                value.pointer().as_ref(),
                value.node.span,
                format!("{name} is 0, which no connection can use"),
            )
            .with_help("use the platform's port"),
            Some(port::Problem::Unusual { rule, known }) => {
                let known = known.map(|k| format!(", {k}")).unwrap_or_default();
                let fix = Fix {
                    message: format!("use port {}", rule.usual),
                    edits: vec![Edit::replace(value.node.span, rule.usual.to_string())],
                };
                Diagnostic::new(
                    Code::UnusualPort,
                    value.pointer().as_ref(),
                    value.node.span,
                    format!("{name} is {found}{known}; {} is reached on {}", technology.name(), rule.usual),
                )
                .as_warning()
                .with_help(format!("{}; keep {found} only if a proxy listens there", rule.source))
                .with_fix(Some(fix))
            }
        };
        sink.push(diagnostic);
    }
}
