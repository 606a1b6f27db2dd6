//! Rule `wrong-type`: a value of the wrong JSON type.

use super::{Code, Context, Doc, Payload, Sink, Subject, field};
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::document::Value;
use crate::kind::Kind;
use crate::model::twins::object_twins;
use crate::schemas::{Problem, Violation};
use crate::secrets;

pub const DOC: Doc = Doc {
    summary: "A value has the wrong type, e.g. \"port\": \"443\" (a string where a number belongs).",
    body: r#"## What it checks
That each field has the type the endpoint expects: numbers for `port`, booleans for
`autoBootstrap`, `useCertificate` and the `enabled` flags, objects for `settings`, `options` and a
connection's `privateKey`, strings for names, hosts and credentials. A payload that is not a JSON
object at all is reported here too.

## Why
`"port": "443"` looks right and is rejected. YAML users meet the reverse: `enabled: yes` is a
string in YAML 1.2, not a boolean.

## Example
```json
{ "connectionKey": "acme", "connection": { "technology": "Snowflake", "port": "443" } }
```

## Fix
Write numbers and booleans without quotes (`443`, `true`). For a number or boolean written as a
string, the fix removes the quotes.
"#,
};

/// Every value the schema found of the wrong type, or a document that is not an object at all.
pub fn check(ctx: &Context, sink: &mut Sink) {
    if let Subject::NotAnObject { span, type_name } = *ctx.subject {
        sink.push(
            Diagnostic::new(Code::WrongType, "", span, format!("the payload must be a JSON object, not {type_name}"))
                .with_help("an Immuta request body is one object: { \"type\": ... } or { \"connectionKey\": ..., \"connection\": ... }"),
        );
    }
    let Some(ctx) = ctx.payload() else { return };
    sink.until_full(&ctx.violations.wrong_type, |violation, sink| {
        if let Problem::WrongType(expected) = &violation.problem {
            sink.extend(wrong_type(ctx, violation, expected));
        }
    });
}

fn wrong_type(ctx: &Payload, violation: &Violation, expected: &[String]) -> Option<Diagnostic> {
    let pointer = &violation.pointer;
    let node = ctx.node(pointer)?;
    let wanted = expected.iter().map(|t| article(t)).collect::<Vec<_>>().join(" or ");
    let secret = secrets::is_secret(pointer);
    let shown = match (&node.value, secret) {
        (Value::String(s), false) if s.chars().count() <= 40 => format!("the string \"{s}\""),
        _ => node.type_name().to_string(),
    };
    let name = if pointer.is_empty() { "the payload".to_string() } else { field(pointer) };
    let message = format!("{name} must be {wanted}, not {shown}");
    let unquoted = unquote(node, expected).filter(|_| !secret);
    let help = match (&unquoted, &violation.description) {
        (Some(text), _) => format!("write {text} without quotes"),
        (None, Some(description)) => description.clone(),
        (None, None) => match expected.first().map(String::as_str) {
            Some("string") => "put the value in double quotes".to_string(),
            Some("boolean") => "write true or false, without quotes".to_string(),
            Some("integer") => "write a whole number, without quotes".to_string(),
            Some("object") => "write an object: { \"name\": value, ... }".to_string(),
            Some("array") => "write an array: [ value, ... ]".to_string(),
            _ => format!("use {wanted}"),
        },
    };
    let mut fix =
        unquoted.map(|text| Fix { message: "remove the quotes".into(), edits: vec![Edit::replace(node.span, text)] });
    // A key pasted from the script request as a string, where the connection's object belongs.
    if let Some((twin, source)) = object_twins()
        .filter(|(_, native)| *native == pointer && ctx.kind == Kind::Connection)
        .find_map(|(twin, _)| ctx.node(twin).filter(|n| matches!(n.value, Value::Object(_))).map(|n| (twin, n)))
    {
        fix = ctx.copy_fix(twin, source, node.span);
    }
    Some(Diagnostic::new(Code::WrongType, pointer, ctx.value_span(pointer), message).with_help(help).with_fix(fix))
}

/// The bare form of a number or boolean written as a string, when that is what was expected.
fn unquote(node: &crate::document::Node, expected: &[String]) -> Option<String> {
    let text = node.as_str()?.trim();
    let wants = |t: &str| expected.iter().any(|e| e == t);
    if (wants("integer") && text.parse::<i64>().is_ok())
        || (wants("number") && text.parse::<f64>().is_ok_and(f64::is_finite))
    {
        return Some(text.to_string());
    }
    if wants("boolean") && matches!(text, "true" | "false") {
        return Some(text.to_string());
    }
    None
}

fn article(type_name: &str) -> String {
    match type_name {
        "integer" | "object" | "array" => format!("an {type_name}"),
        "null" => "null".to_string(),
        other => format!("a {other}"),
    }
}
