//! Rule `syntax`: the text is not valid JSON or YAML. Read from the problems the readers in `crate::input` report.

use super::context::raw_break_finding;
use super::{Code, Context, Doc, Sink, field};
use crate::diagnostic::Diagnostic;
use crate::input::Problem;

pub const DOC: Doc = Doc {
    summary: "Not valid JSON or YAML; recognises smart quotes, trailing commas, single quotes, comments and unquoted <placeholders>.",
    body: r#"## What it checks
That the payload is valid JSON (or YAML). The parser does not stop at the first mistake: it
recognises the usual paste damage, reports it with its exact position, and keeps going, so every
problem shows up at once:

- curly quotes (“ ” ‘ ’) from a document, chat or web page;
- a trailing comma after the last member, a missing comma, `=` instead of `:`;
- strings in single quotes, member names without quotes;
- `//`, `/* */` and `#` comments;
- an unquoted placeholder such as `"port": <your-Snowflake-port>`, as in Immuta's examples;
- `True`, `False`, `None` (Python), non-breaking spaces, a byte-order mark (a warning);
- a real line break inside a string (a private key pasted as is is reported by
  `private-key-newlines` instead).

## Why
Immuta answers a broken body with a bare HTTP 400. Most of these mistakes are invisible in an
editor and come from copying examples out of documentation.

## Example
```json
{
  “type”: "Snowflake",
  "config": { "port": <your-Snowflake-port>, },
}
```

## Fix
Use straight double quotes, remove trailing commas and comments, and replace every placeholder with
a real value: a number such as `443` stays bare, text goes in double quotes. Most of these findings
come with a mechanical fix (`applyFixes`).
"#,
};

/// The readers' syntax problems, then every string (not a private key) with real line breaks.
pub fn check(ctx: &Context, sink: &mut Sink) {
    for problem in ctx.problems {
        if let Problem::Syntax { pointer, span, message, help, fix, minor } = problem {
            let diagnostic = Diagnostic::new(Code::Syntax, pointer.as_str(), *span, message.as_str())
                .with_help(help.as_str())
                .with_fix(fix.clone());
            sink.push(if *minor { diagnostic.as_warning() } else { diagnostic });
        }
    }
    for raw in ctx.raw_strings() {
        let message = format!("{} contains a real line break; JSON strings must write it as \\n", field(&raw.pointer));
        let help = "write each line break inside the string as \\n";
        sink.push(raw_break_finding(Code::Syntax, raw, ctx.source, message, help));
    }
}
