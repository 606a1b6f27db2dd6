//! Rule `template`: the file is a payload template, whose unquoted `${VAR}`, `$VAR` or
//! `{{ expr }}` values a tool fills in before sending; one note per file.

use super::{Code, Context, Doc, Sink};
use crate::diagnostic::Diagnostic;
use crate::document::Value;
use crate::model::templates::{Syntax, whole_template};

pub const DOC: Doc = Doc {
    summary: "The file is a template: its unquoted ${VAR}, $VAR or {{ expr }} values are read as values and not checked.",
    body: r#"## What it checks
Nothing is wrong: this note says that the payload is a template, and which template syntax it uses.
An unquoted `${VAR}` or `$VAR` (envsubst, shell) or `{{ expr }}` (Jinja, as Ansible and Helm write
it) where a JSON or YAML value belongs is read as a *template value*: no syntax error, and no rule
judges its type or form, or calls it a placeholder, since its value is known only once the tool
has filled it in. The rest of the payload is checked as usual. A quoted template (`"${HOST}"`) is a
string, and the value rules leave it alone too. One note per file, at the first template value.

## Why
Teams keep payload templates in git and fill them in CI (`envsubst < connection.json.tmpl`), so a
template must not fail the check, and nobody should believe that its template values were checked.

## Example
```json
{ "connectionKey": "acme", "connection": { "technology": "Snowflake", "port": ${SNOWFLAKE_PORT} } }
```

## Fix
Nothing to fix. To check the filled-in values too, check the output of the tool
(`envsubst < connection.json.tmpl | immuta-preflight check -`). To silence the note, ignore `template`
in `immuta-preflight.toml`.
"#,
};

pub fn check(ctx: &Context, sink: &mut Sink) {
    let Some(root) = ctx.payload().map(|p| p.root).filter(|_| ctx.templates) else { return };
    let mut first = None;
    let mut count = 0;
    let mut syntaxes: Vec<Syntax> = Vec::new();
    root.walk(&mut |_, node| {
        if matches!(node.value, Value::Template) {
            count += 1;
            first = first.or(Some(node.span));
            let text = ctx.source.get(node.span.start..node.span.end).unwrap_or("");
            if let Some(syntax) = whole_template(text).filter(|s| !syntaxes.contains(s)) {
                syntaxes.push(syntax);
            }
        }
    });
    let Some(span) = first else { return };
    syntaxes.sort();
    let names: Vec<&str> = syntaxes.iter().map(|s| s.name()).collect();
    let values = if count == 1 { "1 template value".to_string() } else { format!("{count} template values") };
    sink.push(
        Diagnostic::new(
            Code::Template,
            "",
            span,
            format!("this payload is a template ({}): its {values} are not checked", names.join(" and ")),
        )
        .with_help("check the filled-in payload to check them too, e.g. `envsubst < file | immuta-preflight check -`"),
    );
}

#[cfg(test)]
mod tests {
    use crate::rules::Code;
    use crate::{Options, check};

    #[test]
    fn a_template_value_at_a_secret_field_is_masked_like_the_secret_it_may_be() {
        let text = "type: Snowflake\nconfig:\n  password: $ecretPassw0rd\n  host: acme.snowflakecomputing.com\n";
        let report = check(text, &Options::default());
        let note = report.diagnostics.iter().find(|d| d.code == Code::Template).expect("a template note");
        assert_eq!(note.location.line, 3);
        let secret = text.find("$ecretPassw0rd").expect("the secret");
        let covered = report.redactions.iter().any(|r| r.start <= secret && secret + "$ecretPassw0rd".len() <= r.end);
        assert!(covered, "the renderers mask what the redactions cover: {:?}", report.redactions);
    }
}
