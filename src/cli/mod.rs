//! The `immuta-preflight` command line, over a [`Host`] that reads files, walks folders, writes
//! fixes and finds the config file: the native and WASI binaries (`src/main.rs`) and the npm
//! package's `bin` (through the wasm door) run this same code, so their output and exit codes are
//! the same. `check` is in [`check`]; what it reads in [`files`] and [`config`].

mod check;
mod diff;
pub mod embedded;
mod files;
pub mod gitignore;
mod walk;
mod write;

use immuta_preflight_service::failure;
pub use immuta_preflight_service::host::{ConfigPlace, Entry, EntryKind, Host, MAX_BYTES, ReadError, WriteError};

use immuta_preflight_core::{Kind, rules, schemas};
use lexopt::prelude::*;
use std::ffi::OsString;

/// What a run printed, and its exit code: 0 no errors, 1 errors found, 2 bad usage or
/// unreadable input.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Outcome {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

pub const USAGE: &str = "\
immuta-preflight: check Immuta API payloads before you send them

Usage:
  immuta-preflight check [OPTIONS] [PATH|-]...
  immuta-preflight explain CODE
  immuta-preflight rules [--markdown]
  immuta-preflight schema KIND
  immuta-preflight lsp

Commands:
  check      Check payload files (JSON, YAML, or a pasted curl command) and folders of them;
             with no path, the current folder; - reads stdin
  explain    Print the documentation of a rule, e.g. `explain private-key-newlines`
  rules      List every rule with its code and severity
  schema     Print the JSON Schema of a payload kind, for editors
  lsp        Run the language server over standard input and output, for editors
             (the native binary only)

Options of check:
  -k, --kind KIND      integration, integration-script, connection or connection-update
                       (default: from the curl URL, else from the payload's members)
      --payloads-only  skip, silently, named files that do not look like Immuta payloads
                       (files found in folders are always skipped so); with --kind, every
                       file is checked as that kind
      --fix            apply every safe fix to the files (stdin: print the fixed text), then
                       report what is left
      --diff           print what --fix would change, as a unified diff (secrets masked),
                       and write nothing; exit status 1 when there is something to change
      --ignore CODES   do not report these rules (comma-separated, or the option repeated)
      --select CODES   report only these rules
      --config FILE    read this config file instead of looking for immuta-preflight.toml
                       from the current folder up to the repository root
      --no-config      read no config file
  -f, --format FORMAT  text (default), json, sarif or github
      --color WHEN     auto (default), always or never
  -h, --help           Print this help
  -V, --version        Print the version

Folders are walked as ripgrep walks them (.gitignore, .ignore and hidden files are left out),
for *.json, *.yaml, *.yml and curl commands (*.sh, *.curl, *.txt starting with `curl`).

Exit status: 0 no errors, 1 errors found, 2 bad usage or unreadable input, 3 a file
could not be checked (a bug in immuta-preflight: one line names the file; the others are checked).
";

/// Runs the command with `args` (without the program name).
pub fn run(args: Vec<OsString>, host: &mut dyn Host) -> Outcome {
    match dispatch(args, host) {
        Ok(outcome) => outcome,
        Err(message) => Outcome {
            code: 2,
            stdout: String::new(),
            stderr: format!("immuta-preflight: {message}\nRun `immuta-preflight --help` for usage.\n"),
        },
    }
}

/// What a run printed and its exit code, or a usage error.
type Done = Result<Outcome, String>;

fn dispatch(args: Vec<OsString>, host: &mut dyn Host) -> Done {
    let mut parser = lexopt::Parser::from_args(args);
    let command = match parser.next().map_err(|e| e.to_string())? {
        None => return Err("no command given; try `immuta-preflight check payload.json`".into()),
        Some(Short('h') | Long("help")) => return print(USAGE),
        Some(Short('V') | Long("version")) => {
            return print(&format!("immuta-preflight {}\n", immuta_preflight_core::VERSION));
        }
        Some(Value(command)) => command.string().map_err(|_| "the command is not valid text".to_string())?,
        Some(other) => {
            return Err(format!(
                "{} needs a command before it, e.g. `immuta-preflight check --kind connection file.json`",
                other.unexpected()
            ));
        }
    };
    match command.as_str() {
        "check" => check::command(parser, host),
        "explain" => explain_command(parser),
        "rules" => rules_command(parser),
        "schema" => schema_command(parser),
        "help" => print(USAGE),
        // The native binary serves `lsp` itself, before the library sees it.
        "lsp" => Err("`lsp` takes no arguments, and runs only in the native binary (not in the WASI module \
                      or the npm package): run `immuta-preflight lsp`"
            .into()),
        other => Err(immuta_preflight_core::suggest::unknown(
            "command",
            other,
            ["check", "explain", "rules", "schema", "lsp"],
            || "the commands are check, explain, rules, schema and lsp".into(),
        )),
    }
}

fn print(text: &str) -> Done {
    Ok(Outcome { code: 0, stdout: text.to_string(), stderr: String::new() })
}

fn text(value: Result<OsString, lexopt::Error>) -> Result<String, String> {
    value.map_err(|e| e.to_string())?.into_string().map_err(|v| format!("{v:?} is not valid text"))
}

fn one_value(mut parser: lexopt::Parser, what: &str) -> Result<String, String> {
    let mut found = None;
    while let Some(arg) = parser.next().map_err(|e| e.to_string())? {
        match arg {
            Value(v) if found.is_none() => {
                found = Some(v.string().map_err(|_| format!("the {what} is not valid text"))?)
            }
            Short('h') | Long("help") => return Ok(String::new()),
            other => return Err(other.unexpected().to_string()),
        }
    }
    found.ok_or_else(|| format!("name a {what}"))
}

fn explain_command(parser: lexopt::Parser) -> Done {
    let code = one_value(parser, "rule code, e.g. `explain catalog-name`")?;
    if code.is_empty() {
        return print(USAGE);
    }
    match rules::find(&code) {
        Some(rule) => {
            print(&format!("# {} ({})\n\n{}\n\n{}", rule.code, rule.severity.as_str(), rule.summary, rule.doc))
        }
        None => Err(immuta_preflight_core::suggest::unknown("rule", &code, rules::ALL.iter().map(|r| r.code), || {
            "`immuta-preflight rules` lists them".into()
        })),
    }
}

fn rules_command(mut parser: lexopt::Parser) -> Done {
    let mut markdown = false;
    while let Some(arg) = parser.next().map_err(|e| e.to_string())? {
        match arg {
            Long("markdown") => markdown = true,
            Short('h') | Long("help") => return print(USAGE),
            other => return Err(other.unexpected().to_string()),
        }
    }
    if markdown {
        return print(&rules::markdown_table());
    }
    let width = rules::ALL.iter().map(|r| r.code.len()).max().unwrap_or(0);
    let lines: String =
        rules::ALL.iter().map(|r| format!("{:width$}  {:7}  {}\n", r.code, r.severity.as_str(), r.summary)).collect();
    print(&lines)
}

fn schema_command(parser: lexopt::Parser) -> Done {
    let value = one_value(parser, "payload kind (integration, integration-script, connection or connection-update)")?;
    if value.is_empty() {
        return print(USAGE);
    }
    let kind = Kind::parse(&value)?;
    let mut text = serde_json::to_string_pretty(&schemas::schema_for(kind)).map_err(|e| e.to_string())?;
    text.push('\n');
    print(&text)
}
