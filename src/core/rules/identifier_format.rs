//! Rule `identifier-format`: Snowflake object names that Snowflake reads as written.

use super::{Code, Context, Doc, Sink, field};
use crate::diagnostic::Diagnostic;
use crate::values::Form;
use crate::values::identifier::{self, Problem};

pub const DOC: Doc = Doc {
    summary: "Snowflake warehouse, role and database names: at most 255 characters, and plain identifiers unless quoted.",
    body: r#"## What it checks
Snowflake's `warehouse`, `role`, `database` and `userRolePattern.exclude` names:
- an **error** for a name over 255 characters, which no Snowflake object has;
- a **warning** for a name that is not a plain identifier (a letter or `_`, then letters, digits,
  `_` and `$`): one with a hyphen or a space, one starting with a digit, a qualified `DB.SCHEMA`
  in a field for one object, or typographic quotes around it (`“My WH”`). A name written with
  ASCII double quotes (`"\"My Warehouse\""`) is taken as quoted and is fine.

## Why
Snowflake resolves an unquoted name in upper case and accepts anything else only double-quoted
[D]. Whether Immuta quotes the names it is given is not documented [R], so a name that needs quotes
may not be found: a warning, not an error. Source: Snowflake's identifier syntax page;
value-forms.md §1.

## Example
```json
{ "type": "Snowflake", "autoBootstrap": false, "config": { "warehouse": "IMMUTA-WH", "role": "DB.ROLE" } }
```

## Fix
Use the object's plain name, such as `IMMUTA_WH`, or rename the object in Snowflake.
"#,
};

pub fn check(ctx: &Context, sink: &mut Sink) {
    let Some(ctx) = ctx.payload() else { return };
    for value in ctx.values_where(|f| f == Form::SnowflakeIdentifier) {
        // Most names are plain identifiers, known from the characters the reader saw: pass over
        // them before anything is read again or copied.
        if value.node.as_str().is_some_and(|t| t.len() <= 255 && identifier::unquoted_with(t, value.node.chars())) {
            continue;
        }
        let Some(name) = value.cleaned() else { continue };
        let Some(problem) = identifier::check(name.trim()) else { continue };
        let what = field(&value.pointer());
        let at = |message: String, help: &str| {
            Diagnostic::new(Code::IdentifierFormat, value.pointer().as_ref(), value.node.span, message).with_help(help)
        };
        sink.push(match problem {
            Problem::TooLong(n) => at(format!("{what} is {n} characters long; a Snowflake name has at most 255"), "use the object's name as Snowflake shows it"),
            Problem::SmartQuotes => at(format!("{what} is wrapped in typographic quotes"), "Snowflake quotes names with ASCII \"; write the name without the curly quotes").as_warning(),
            Problem::Qualified => at(format!("{what} is a qualified name; the field takes one object's name"), "write the object's name alone, without its database or schema").as_warning(),
            Problem::NeedsQuotes(why) => at(
                format!("{what} {why}, so Snowflake finds it only as a double-quoted name"),
                "use a plain name (letters, digits, _ and $, not starting with a digit), e.g. with _ for - ; whether Immuta quotes names is not documented",
            )
            .as_warning(),
        });
    }
}
