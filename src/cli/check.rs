//! `immuta-preflight check`: the files named and the payloads in the folders named, with the
//! config file's choices; `--fix` writes the safe fixes, `--diff` shows them; then the checks
//! across files, and one report.

use super::files::{self as gather_files, Input};
use super::{ConfigPlace, Done, Host, Outcome, USAGE, WriteError, diff, failure, print, text};
use immuta_preflight_core::input::encoding::encode_like;
use immuta_preflight_core::rules::selection::{RuleOptions, parse_codes};
use immuta_preflight_core::{Format, Kind, Options, apply_fixes, check_bytes};
use immuta_preflight_service::config::Config;
use immuta_preflight_service::files;
use immuta_preflight_service::render::{self, FileResult, OutputFormat};
use lexopt::prelude::*;

#[derive(Default)]
struct Args {
    kind: Option<Kind>,
    payloads_only: bool,
    format: Option<OutputFormat>,
    color: Option<bool>,
    fix: bool,
    diff: bool,
    config: Option<String>,
    no_config: bool,
    rules: RuleOptions,
    paths: Vec<String>,
    /// Files an earlier run of the WASI module failed on (`--internal-failure`, from the hook's
    /// runners): reported as failed, not checked again.
    failed: Vec<String>,
    /// A file on which to fail on purpose (`--internal-test-panic`), for the tests of the doors.
    test_panic: Option<String>,
}

/// One file as read and checked.
struct File {
    input: Input,
    checked: files::File,
}

impl std::borrow::Borrow<files::File> for File {
    fn borrow(&self) -> &files::File {
        &self.checked
    }
}

impl std::borrow::BorrowMut<files::File> for File {
    fn borrow_mut(&mut self) -> &mut files::File {
        &mut self.checked
    }
}

pub(super) fn command(parser: lexopt::Parser, host: &mut dyn Host) -> Done {
    let Some(args) = parse(parser)? else { return print(USAGE) };
    let mut stderr = String::new();
    let (config, base) = load_config(host, &args)?;
    let paths = if args.paths.is_empty() { vec![".".to_string()] } else { args.paths.clone() };
    let gathered = gather_files::gather(host, &paths, config.as_ref(), &base)?;
    if args.fix && gathered.inputs.iter().any(|i| i.path == "-") && gathered.inputs.len() > 1 {
        return Err("--fix prints the fixed standard input; check it on its own, without other files".into());
    }
    let mut skipped = gathered.excluded;
    let mut checked = Vec::with_capacity(gathered.inputs.len());
    let mut internal = !args.failed.is_empty();
    for input in gathered.inputs {
        if args.failed.contains(&input.display) {
            continue;
        }
        let for_file = config.as_ref().map(|c| c.for_file(&input.relative)).unwrap_or_default();
        let mut rules = for_file.rules;
        rules.extend(&args.rules);
        let options = Options { kind: args.kind.or(for_file.kind), format: Format::from_path(&input.path), rules };
        let checking = || {
            if args.test_panic.as_ref() == Some(&input.display) {
                panic!("a panic provoked by a test");
            }
            check_bytes(&input.bytes, &options)
        };
        let (source, report) = match failure::guarded(&input.display, checking) {
            Ok(checked) => checked,
            Err(line) => {
                stderr.push_str(&line);
                internal = true;
                continue;
            }
        };
        // A file is a payload if its kind was given, or told by its URL or its members.
        if report.kind.is_none() && (!input.named || args.payloads_only) {
            skipped += 1;
            continue;
        }
        let checked_file = files::File { name: input.display.clone(), text: source, options, report };
        checked.push(File { input, checked: checked_file });
    }

    if args.diff {
        let outcome = diff_outcome(&checked, stderr);
        let code = if internal || outcome.code == failure::STATUS { failure::STATUS } else { outcome.code };
        return Ok(Outcome { code, ..outcome });
    }
    let mut stdout_text = None;
    let mut failed_write = false;
    if args.fix {
        for file in &mut checked {
            match fix(host, file) {
                Ok(Fixed::Nothing) => {}
                Ok(Fixed::Written(count)) => {
                    let plural = if count == 1 { "" } else { "s" };
                    stderr.push_str(&format!(
                        "immuta-preflight: fixed {} ({count} finding{plural})\n",
                        file.input.display
                    ));
                }
                Ok(Fixed::Text(text)) => stdout_text = Some(text),
                Err(NotFixed::LeftAlone(message)) => stderr.push_str(&format!("immuta-preflight: {message}\n")),
                Err(NotFixed::WriteFailed(message)) => {
                    failed_write = true;
                    stderr.push_str(&format!("immuta-preflight: {message}\n"));
                }
                Err(NotFixed::Failed(line)) => {
                    internal = true;
                    stderr.push_str(&line);
                }
            }
            if file.input.path == "-" && stdout_text.is_none() {
                stdout_text = Some(file.checked.text.clone());
            }
        }
    }
    files::add_findings_across(&mut checked);

    let results: Vec<FileResult> = checked
        .iter()
        .map(|f| FileResult { path: &f.input.display, source: &f.checked.text, report: &f.checked.report })
        .collect();
    let color = args.color.unwrap_or_else(|| immuta_preflight_service::host::color(host));
    let shown_skipped = gathered.walked.then_some(skipped);
    let report = render::render_run(args.format.unwrap_or(OutputFormat::Text), &results, color, shown_skipped);
    let errors = checked.iter().any(|f| f.checked.report.has_errors());
    let code = if internal {
        failure::STATUS
    } else if failed_write {
        2
    } else {
        i32::from(errors)
    };
    Ok(match stdout_text {
        // `--fix -`: the fixed text is the output; the report goes with the messages.
        Some(text) => Outcome { code, stdout: text, stderr: stderr + &report },
        None => Outcome { code, stdout: report, stderr },
    })
}

fn parse(mut parser: lexopt::Parser) -> Result<Option<Args>, String> {
    let mut args = Args::default();
    while let Some(arg) = parser.next().map_err(|e| e.to_string())? {
        match arg {
            Short('k') | Long("kind") => args.kind = Some(Kind::parse(&text(parser.value())?)?),
            Long("payloads-only") => args.payloads_only = true,
            Long("fix") => args.fix = true,
            Long("diff") => args.diff = true,
            Long("config") => args.config = Some(text(parser.value())?),
            Long("no-config") => args.no_config = true,
            Long("ignore") => {
                for code in codes(&text(parser.value())?, true)? {
                    if !args.rules.ignore.contains(&code) {
                        args.rules.ignore.push(code);
                    }
                }
            }
            Long("select") => {
                let mut codes = codes(&text(parser.value())?, false)?;
                let mut selected = args.rules.select.take().unwrap_or_default();
                selected.append(&mut codes);
                args.rules.select = Some(selected);
            }
            Short('f') | Long("format") => {
                let value = text(parser.value())?;
                args.format = Some(
                    OutputFormat::from_id(&value)
                        .ok_or_else(|| format!("unknown format `{value}`; use text, json, sarif or github"))?,
                );
            }
            Long("color") | Long("colour") => {
                args.color = match text(parser.value())?.as_str() {
                    "auto" => None,
                    "always" => Some(true),
                    "never" => Some(false),
                    other => return Err(format!("unknown --color value `{other}`; use auto, always or never")),
                }
            }
            Long("internal-failure") => args.failed.push(text(parser.value())?),
            Long("internal-test-panic") => args.test_panic = Some(text(parser.value())?),
            Short('h') | Long("help") => return Ok(None),
            Value(path) => {
                args.paths.push(path.string().map_err(|p| format!("the file name {p:?} is not valid text"))?)
            }
            other => return Err(other.unexpected().to_string()),
        }
    }
    if args.fix && args.diff {
        return Err("--fix writes the fixes and --diff only shows them; choose one".into());
    }
    if args.config.is_some() && args.no_config {
        return Err("--config and --no-config contradict each other; choose one".into());
    }
    Ok(Some(args))
}

/// `a,b` → the codes, each checked.
fn codes(list: &str, for_ignoring: bool) -> Result<Vec<immuta_preflight_core::Code>, String> {
    let mut codes = Vec::new();
    for name in list.split(',').map(str::trim).filter(|c| !c.is_empty()) {
        codes.extend(parse_codes(name, for_ignoring)?);
    }
    Ok(codes)
}

/// The config file (and the current folder relative to its folder), when there is one.
fn load_config(host: &mut dyn Host, args: &Args) -> Result<(Option<Config>, String), String> {
    if args.no_config {
        return Ok((None, String::new()));
    }
    let place = match &args.config {
        Some(path) => immuta_preflight_service::config::at(host, path),
        None => match immuta_preflight_service::config::find(host) {
            Some(place) => place,
            None => return Ok((None, String::new())),
        },
    };
    let ConfigPlace { path, base } = place;
    let bytes = immuta_preflight_service::host::payload(host, &path)?;
    let text = String::from_utf8(bytes).map_err(|_| format!("{path} is not UTF-8 text"))?;
    match Config::parse(&path, &text) {
        Ok(config) => Ok((Some(config), base)),
        Err(errors) => Err(format!(
            "{} in the config file:\n{}",
            if errors.len() == 1 { "a mistake".to_string() } else { format!("{} mistakes", errors.len()) },
            errors.join("\n")
        )),
    }
}

/// The text with every safe fix applied (line endings as the file has them), or `None` when
/// there is nothing to fix.
fn fixed_text(file: &File) -> Option<String> {
    if file.checked.report.diagnostics.iter().all(|d| d.fix.is_none()) {
        return None;
    }
    let fixed = apply_fixes(&file.checked.text, &file.checked.options, None);
    (fixed != file.checked.text).then_some(fixed)
}

/// What `--fix` did to one file.
enum Fixed {
    Nothing,
    /// The file was written; this many findings fewer.
    Written(usize),
    /// The fixed standard input.
    Text(String),
}

/// Why a file with fixes was not fixed, in a message for the user; the file is as it was.
enum NotFixed {
    /// On purpose: writing it would lose something.
    LeftAlone(String),
    /// Writing failed (exit status 2).
    WriteFailed(String),
    /// Fixing failed inside immuta-preflight: the line that says so.
    Failed(String),
}

/// Applies the file's fixes: writes it (standard input: returns the fixed text), then checks it
/// again.
fn fix(host: &mut dyn Host, file: &mut File) -> Result<Fixed, NotFixed> {
    let Some(fixed) = failure::guarded(&file.input.display, || fixed_text(file)).map_err(NotFixed::Failed)? else {
        return Ok(Fixed::Nothing);
    };
    let shown = &file.input.display;
    let Some(bytes) = encode_like(&file.input.bytes, &fixed) else {
        return Err(NotFixed::LeftAlone(format!(
            "{shown} was not fixed: it holds bytes that are not UTF-8, which writing it would lose"
        )));
    };
    if file.input.path != "-" {
        super::write::replace(host, &file.input.path, &file.input.bytes, &bytes).map_err(|error| match error {
            WriteError::Changed => NotFixed::LeftAlone(format!(
                "{shown} changed on disk since it was read; it was left alone, check it again"
            )),
            WriteError::Other(reason) => NotFixed::WriteFailed(format!("cannot write {shown}: {reason}")),
        })?;
    }
    let (source, report) = check_bytes(&bytes, &file.checked.options);
    let fewer = file.checked.report.diagnostics.len().saturating_sub(report.diagnostics.len());
    file.checked.text = source;
    file.checked.report = report;
    file.input.bytes = bytes;
    Ok(if file.input.path == "-" { Fixed::Text(fixed) } else { Fixed::Written(fewer) })
}

/// `--diff`: the diffs on stdout; exit status 1 when a file would change.
fn diff_outcome(checked: &[File], mut stderr: String) -> Outcome {
    let mut stdout = String::new();
    let mut changed = 0;
    let mut internal = false;
    for file in checked {
        let fixed = match failure::guarded(&file.input.display, || fixed_text(file)) {
            Ok(fixed) => fixed,
            Err(line) => {
                stderr.push_str(&line);
                internal = true;
                continue;
            }
        };
        let Some(fixed) = fixed else { continue };
        if encode_like(&file.input.bytes, &fixed).is_none() {
            stderr.push_str(&format!(
                "immuta-preflight: {} would not be fixed: it holds bytes that are not UTF-8\n",
                file.input.display
            ));
            continue;
        }
        let after = immuta_preflight_core::redactions(&fixed);
        let old = diff::Side { text: &file.checked.text, redactions: &file.checked.report.redactions };
        let new = diff::Side { text: &fixed, redactions: &after };
        stdout.push_str(&diff::unified(&file.input.display, &old, &new));
        changed += 1;
    }
    let plural = if changed == 1 { "" } else { "s" };
    stderr.push_str(&format!("immuta-preflight: {changed} file{plural} would be changed by --fix\n"));
    let code = if internal { failure::STATUS } else { i32::from(changed > 0) };
    Outcome { code, stdout, stderr }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contradicting_options_are_refused() {
        let parse_args = |args: &[&str]| parse(lexopt::Parser::from_args(args.iter().copied())).map(|a| a.is_some());
        assert!(parse_args(&["--fix", "--diff"]).unwrap_err().contains("choose one"));
        assert!(parse_args(&["--config", "c.toml", "--no-config"]).unwrap_err().contains("contradict"));
        assert_eq!(
            parse_args(&["--ignore", "placeholder,unknown-fild"]).unwrap_err(),
            "unknown rule code `unknown-fild`; did you mean `unknown-field`?"
        );
        assert_eq!(parse_args(&["--select", "syntax", "--ignore", "placeholder"]), Ok(true));
    }
}
