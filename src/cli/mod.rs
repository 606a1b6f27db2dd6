//! The `immuta-preflight` command line, over a [`Host`] that reads files: the native and WASI
//! binaries (`src/main.rs`) and the npm package's `bin` (through the wasm door) run this same code,
//! so their output and exit codes are the same.

mod read;

pub use read::{MAX_BYTES, ReadError};

use crate::render::{self, FileResult, OutputFormat};
use crate::{Format, Kind, Options, Report, check_bytes, rules, schemas};
use lexopt::prelude::*;
use std::ffi::OsString;

/// What the command needs from the system it runs on.
pub trait Host {
    /// The bytes of the file at `path`, or of standard input for `-`. Reading more than
    /// [`MAX_BYTES`] is never needed: a text that long is reported as too large, not parsed.
    fn read(&mut self, path: &str) -> Result<Vec<u8>, ReadError>;
    /// Whether `--color auto` means colour: standard output is a terminal, `NO_COLOR` is unset
    /// and `TERM` is not `dumb`.
    fn color(&self) -> bool;
}

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
  immuta-preflight check [--kind KIND] [--payloads-only] [--format FORMAT] [--color WHEN] [FILE|-]...
  immuta-preflight explain CODE
  immuta-preflight rules [--markdown]
  immuta-preflight schema KIND

Commands:
  check      Check payload files (JSON, YAML, or a pasted curl command); - reads stdin
  explain    Print the documentation of a rule, e.g. `explain private-key-newlines`
  rules      List every rule with its code and severity
  schema     Print the JSON Schema of a payload kind, for editors

Options:
  -k, --kind KIND      integration, integration-script, connection or connection-update
                       (default: from the curl URL, else from the payload's members)
      --payloads-only  skip, silently, files that do not look like Immuta payloads
                       (package.json, a CI workflow): for hooks over every JSON and YAML
                       file; with --kind, every file is checked as that kind
  -f, --format FORMAT  text (default), json, sarif or github
      --color WHEN     auto (default), always or never
  -h, --help           Print this help
  -V, --version        Print the version

Exit status: 0 no errors, 1 errors found, 2 bad usage or unreadable input.
";

/// Runs the command with `args` (without the program name).
pub fn run(args: Vec<OsString>, host: &mut dyn Host) -> Outcome {
    match dispatch(args, host) {
        Ok((code, stdout)) => Outcome { code, stdout, stderr: String::new() },
        Err(message) => Outcome {
            code: 2,
            stdout: String::new(),
            stderr: format!("immuta-preflight: {message}\nRun `immuta-preflight --help` for usage.\n"),
        },
    }
}

/// An exit code and what goes to standard output, or a usage error.
type Done = Result<(i32, String), String>;

fn dispatch(args: Vec<OsString>, host: &mut dyn Host) -> Done {
    let mut parser = lexopt::Parser::from_args(args);
    let command = match parser.next().map_err(|e| e.to_string())? {
        None => return Err("no command given; try `immuta-preflight check payload.json`".into()),
        Some(Short('h') | Long("help")) => return print(USAGE),
        Some(Short('V') | Long("version")) => {
            return print(&format!("immuta-preflight {}\n", crate::VERSION));
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
        "check" => check_command(parser, host),
        "explain" => explain_command(parser),
        "rules" => rules_command(parser),
        "schema" => schema_command(parser),
        "help" => print(USAGE),
        other => Err(crate::suggest::unknown("command", other, ["check", "explain", "rules", "schema"], || {
            "the commands are check, explain, rules and schema".into()
        })),
    }
}

fn print(text: &str) -> Done {
    Ok((0, text.to_string()))
}

fn check_command(mut parser: lexopt::Parser, host: &mut dyn Host) -> Done {
    let mut kind = None;
    let mut payloads_only = false;
    let mut format = OutputFormat::Text;
    let mut color: Option<bool> = None;
    let mut paths: Vec<String> = Vec::new();
    while let Some(arg) = parser.next().map_err(|e| e.to_string())? {
        match arg {
            Short('k') | Long("kind") => kind = Some(Kind::parse(&text(parser.value())?)?),
            Long("payloads-only") => payloads_only = true,
            Short('f') | Long("format") => {
                let value = text(parser.value())?;
                format = OutputFormat::from_id(&value)
                    .ok_or_else(|| format!("unknown format `{value}`; use text, json, sarif or github"))?;
            }
            Long("color") | Long("colour") => {
                color = match text(parser.value())?.as_str() {
                    "auto" => None,
                    "always" => Some(true),
                    "never" => Some(false),
                    other => {
                        return Err(format!("unknown --color value `{other}`; use auto, always or never"));
                    }
                }
            }
            Short('h') | Long("help") => return print(USAGE),
            Value(path) => paths.push(path.string().map_err(|p| format!("the file name {p:?} is not valid text"))?),
            other => return Err(other.unexpected().to_string()),
        }
    }
    if paths.is_empty() {
        return Err("no input; name payload files, or - to read standard input".into());
    }
    let mut sources = Vec::with_capacity(paths.len());
    for path in &paths {
        sources.push(read::payload(host, path)?);
    }
    let checked: Vec<(String, String, Report)> = paths
        .iter()
        .zip(&sources)
        .map(|(path, bytes)| {
            let (source, report) = check_bytes(bytes, &Options { kind, format: Format::from_path(path) });
            let display = if path == "-" { "<stdin>".to_string() } else { path.clone() };
            (display, source, report)
        })
        // A file is a payload if its kind was given, or told by its URL or its members.
        .filter(|(_, _, report)| !payloads_only || report.kind.is_some())
        .collect();
    let files: Vec<FileResult> =
        checked.iter().map(|(path, source, report)| FileResult { path, source, report }).collect();
    let color = color.unwrap_or_else(|| host.color());
    let code = if checked.iter().any(|(_, _, report)| report.has_errors()) { 1 } else { 0 };
    Ok((code, render::render(format, &files, color)))
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
        None => Err(crate::suggest::unknown("rule", &code, rules::ALL.iter().map(|r| r.code), || {
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
