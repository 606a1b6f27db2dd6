//! Rule `whitespace`: characters nobody means to send, in any string value.

use super::{Code, Context, Doc, Payload, Sink, field};
use crate::credential::POINTER as CREDENTIAL;
use crate::diagnostic::{Diagnostic, Fix};
use crate::document::{Node, Value};
use crate::input::Format;
use crate::model::key_sites::site;
use crate::secrets::is_secret;
use crate::values::chars::{self, Class, Found};
use crate::values::{Form, judged};

pub const DOC: Doc = Doc {
    summary: "Whitespace at either end, line breaks, tabs, invisible characters, odd spaces and look-alikes in string values.",
    body: r#"## What it checks
Every string value of the payload, secrets included (private keys and the BigQuery key file have
their own rules), for:
- a space, tab or line break at the start or end (`"COMPUTE_WH "`, a token copied with its `\n`);
- a line break or tab anywhere;
- an invisible character: zero-width space, joiner, word joiner, soft hyphen, byte-order mark,
  left-to-right mark and the other bidirectional controls;
- a space other than U+0020 (no-break, narrow no-break, ideographic…);
- in a field whose value is ASCII by nature (hostnames, regions, ARNs, IDs, tokens, thumbprints):
  any space, and look-alikes of ASCII punctuation such as U+2011 NON-BREAKING HYPHEN, an en dash
  or a full-width dot.

An **error** in a field with an ASCII grammar fixed by a standard or the platform's docs (a
hostname, RFC 1123; an AWS region, account ID, ARN or S3 location; an HTTP path; a token endpoint
URL; a BigQuery location, dataset or project): the value cannot work. A **warning** elsewhere,
where Immuta may trim, or the character may be meant. A space inside a password, a display name or
a quoted Snowflake name is fine and is not reported.

## Why
Docs sites and chat tools put zero-width spaces into long values as wrap points; word processors
turn `-` into a dash and spaces into no-break spaces; `echo` and copied files end with a line
break; the Windows certificate dialog puts a left-to-right mark before a thumbprint. None of these
can be seen, Immuta sends them on as written, and the platform answers with a failed connection.
Sources: RFC 8259 §7 and RFC 1123 [D]; Unicode `Default_Ignorable_Code_Point` and UTS #39 [D];
CVE-2021-42574 (bidirectional controls) [D]; where each comes from: value-forms.md §9 [I].

## Example
```json
"connection": { "hostname": "acme\u2011test.snowflakecomputing.com", "token": "dapi…\n" }
```

## Fix
Delete the characters (a look-alike becomes its ASCII character). The fix edits only those
characters, by position, so on a secret it never carries the secret's text. A line break or tab
inside a free-text value has no fix: what was meant is not known.
"#,
};

pub fn check(ctx: &Context, sink: &mut Sink) {
    let Some(ctx) = ctx.payload() else { return };
    ctx.root.walk(&mut |path, node| {
        let Value::String(text) = &node.value else { return };
        if sink.full() || node.chars().printable_ascii() {
            return;
        }
        let pointer = path.pointer();
        if site(&pointer).is_some() || pointer == CREDENTIAL || text.contains("-----BEGIN ") || !judged(text) {
            return;
        }
        let form = ctx.form_of(node);
        let secret = is_secret(&pointer);
        let (strict, ascii) = form.map_or((false, false), |f| (f.strict(), f.ascii()));
        let mut found = chars::scan(text, strict, ascii);
        if ctx.format != Format::Yaml {
            // A control character written raw in JSON is a syntax finding already.
            if let Some(map) = ctx.map(node) {
                found.retain(|f| {
                    !(f.ch < ' ' && map.range(f.at, f.at + 1).is_some_and(|r| ctx.text(r).starts_with(f.ch)))
                });
            }
        }
        if secret && !ascii {
            // A password may hold spaces, even at its ends, and any letter.
            found.retain(|f| !matches!(f.class, Class::Space | Class::LookAlike(_)));
        }
        if let Some(diagnostic) = finding(ctx, &pointer, node, text, &found, form, secret) {
            sink.push(diagnostic);
        }
    });
}

fn finding(
    ctx: &Payload,
    pointer: &str,
    node: &Node,
    text: &str,
    found: &[Found],
    form: Option<Form>,
    secret: bool,
) -> Option<Diagnostic> {
    let first = found.first()?;
    let (_, trail) = chars::blank_edges(text);
    let at_end = |f: &Found| f.at >= trail;
    let place = if first.position == 1 {
        "starts with".to_string()
    } else if found.iter().all(at_end) {
        "ends with".to_string()
    } else {
        format!("has, at character {},", first.position)
    };
    let more = match found.len() {
        1 => String::new(),
        n if n > chars::MAX_FOUND => format!(" (and at least {} more such characters)", chars::MAX_FOUND),
        n => format!(" (and {} more such character{})", n - 1, if n == 2 { "" } else { "s" }),
    };
    let message = format!("{} {place} {}{more}", field(pointer), phrase(first));
    let strict = form.is_some_and(Form::strict);
    let help = match form {
        Some(f) if strict => format!(
            "{} holds no whitespace, invisible or look-alike characters; remove them{}",
            f.name(),
            if matches!(f, Form::Host(_)) { " (RFC 1123 allows letters, digits, hyphens and dots)" } else { "" }
        ),
        _ if secret => "Immuta sends a secret exactly as written, so the platform would get this character too; remove it (the fix deletes only these characters)".to_string(),
        _ => "remove it: nobody can see it, and Immuta sends the value as written".to_string(),
    };
    let span = ctx.map(node).and_then(|m| m.range(first.at, first.at + first.ch.len_utf8())).unwrap_or(node.span);
    let fix = (found.len() <= chars::MAX_FOUND)
        .then(|| fix(ctx, node, text, found, strict || form.is_some_and(Form::ascii), secret))
        .flatten();
    let diagnostic = Diagnostic::new(Code::Whitespace, pointer, span, message).with_help(help).with_fix(fix);
    Some(if strict { diagnostic } else { diagnostic.as_warning() })
}

fn phrase(found: &Found) -> String {
    let name = chars::describe(found.ch);
    match found.class {
        Class::LineBreak if found.ch == '\n' || found.ch == '\r' => "a line break".to_string(),
        Class::Tab => "a tab".to_string(),
        Class::Space => "a space".to_string(),
        Class::LineBreak | Class::OtherSpace => name,
        Class::Invisible => format!("an invisible {name}"),
        Class::Control => format!("the control character {name}"),
        Class::LookAlike(ascii) => format!("{name}, a look-alike of `{ascii}`"),
    }
}

/// The edits that delete the characters (or write a look-alike's ASCII character), or `None` when
/// one of them has no mechanical fix: a line break, tab or odd space inside free text.
fn fix(ctx: &Payload, node: &Node, text: &str, found: &[Found], ascii: bool, secret: bool) -> Option<Fix> {
    let map = ctx.map(node)?;
    let (lead, trail) = chars::blank_edges(text);
    let mut changes = Vec::new();
    for f in found {
        let edge = f.at < lead || f.at >= trail;
        let (from, to) = (f.at, f.at + f.ch.len_utf8());
        match f.class {
            Class::LookAlike(c) => changes.push((from, to, c.to_string())),
            Class::Invisible | Class::Control => changes.push((from, to, String::new())),
            _ if edge || ascii => changes.push((from, to, String::new())),
            Class::OtherSpace if !secret => changes.push((from, to, " ".to_string())),
            _ => return None,
        }
    }
    let edits = map.edits(&changes)?;
    Some(Fix { message: "remove the unwanted characters".to_string(), edits })
}
