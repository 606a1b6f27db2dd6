//! Rule `connection-key`: the connection's key is a name with a restricted alphabet.

use super::{Code, Context, Doc, Sink};
use crate::diagnostic::Diagnostic;
use crate::kind::Kind;
use crate::model::catalogue::pointers_of_form;

pub const DOC: Doc = Doc {
    summary: "connectionKey may hold only letters, digits, hyphens and underscores, and may not be a reserved name.",
    body: r#"## What it checks
`connectionKey` of `POST /data/connection`: letters, digits, hyphens and underscores only, and not
one of the reserved names `data`, `connection`, `object`, `crawl`, `search`, `settings`, `metadata`,
`permission`, `sync`, `bulk`, `upgrade` (a different letter case of one of them is a warning).

## Why
The key is the connection's display name and the prefix of every object path under it
(`/data/object/<connectionKey>/...`). Immuta's docs say to avoid periods and "restricted words";
the Connections API's schema gives the exact alphabet and reserved names.

## Example
```json
{ "connectionKey": "acme.snowflake" }
```

## Fix
Use a name such as `acme-snowflake`.
"#,
};

const RESERVED: [&str; 11] = [
    "data",
    "connection",
    "object",
    "crawl",
    "search",
    "settings",
    "metadata",
    "permission",
    "sync",
    "bulk",
    "upgrade",
];

pub fn check(ctx: &Context, sink: &mut Sink) {
    let Some(ctx) = ctx.payload() else { return };
    if ctx.kind != Kind::Connection {
        return;
    }
    // The catalogue's `connection-key` field, `connectionKey`.
    let Some((pointer, node)) = pointers_of_form("connection-key").iter().find_map(|&p| Some((p, ctx.node(p)?))) else {
        return;
    };
    let Some(key) = node.as_str() else { return };
    if key.is_empty() || crate::model::placeholders::is_placeholder(key) {
        return;
    }
    let shown = super::truncate(key, 80);
    if let Some(bad) = key.chars().find(|c| !(c.is_ascii_alphanumeric() || *c == '-' || *c == '_')) {
        let what = match bad {
            '.' => "a period".to_string(),
            ' ' => "a space".to_string(),
            '/' => "a slash".to_string(),
            c if c.is_ascii_graphic() => format!("`{c}`"),
            _ => "a character other than letters, digits, hyphens and underscores".to_string(),
        };
        let suggestion: String =
            key.chars().map(|c| if c.is_ascii_alphanumeric() || c == '_' { c } else { '-' }).collect();
        sink.push(
            Diagnostic::new(
                Code::ConnectionKey,
                pointer,
                node.span,
                format!("the connection key \"{shown}\" contains {what}"),
            )
            .with_help(format!("use only letters, digits, hyphens and underscores, e.g. \"{suggestion}\"")),
        );
    } else if RESERVED.contains(&key) {
        sink.push(
            Diagnostic::new(
                Code::ConnectionKey,
                pointer,
                node.span,
                format!("\"{key}\" is a reserved name and cannot be a connection key"),
            )
            .with_help(format!("choose another name, e.g. \"{key}-1\" or \"my-{key}\"")),
        );
    } else if RESERVED.iter().any(|r| r.eq_ignore_ascii_case(key)) {
        sink.push(
            Diagnostic::new(
                Code::ConnectionKey,
                pointer,
                node.span,
                format!(
                    "\"{key}\" differs from the reserved name \"{}\" only in letter case",
                    key.to_ascii_lowercase()
                ),
            )
            .as_warning()
            .with_help("choose a name that is clearly not a reserved word"),
        );
    }
}
