//! The CLI's output formats and exit codes: 0 clean, 1 errors found, 2 bad usage or input.

mod common;

use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_immuta-preflight"))
}

fn run(args: &[&str]) -> Output {
    bin().args(args).env("NO_COLOR", "1").output().expect("run the CLI")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// A fixture with its keys substituted, written to a scratch file.
fn materialise(name: &str) -> PathBuf {
    let source = common::root().join(name);
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("cli-fixtures");
    std::fs::create_dir_all(&dir).expect("scratch dir");
    let target = dir.join(name.replace('/', "__"));
    std::fs::write(&target, common::load(&source)).expect("write fixture");
    target
}

#[test]
fn a_valid_payload_exits_zero() {
    let path = materialise("valid/connection/snowflake-keyPair-encrypted.json");
    let output = run(&["check", path.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    assert_eq!(stdout(&output), "no problems in 1 file\n");
}

#[test]
fn errors_exit_one_with_file_line_column() {
    let path = materialise("invalid/catalog-name.json");
    let p = path.to_str().unwrap();
    let output = run(&["check", "--kind", "integration-script", p]);
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    assert!(
        text.starts_with(&format!(
            "{p}:9:16: error[catalog-name]: the catalog name \"1immuta-catalog\" starts with a digit\n"
        )),
        "{text}"
    );
    assert!(text.ends_with("1 error in 1 file\n"), "{text}");
}

#[test]
fn warnings_alone_exit_zero() {
    let path = materialise("invalid/unknown-kind.json");
    let output = run(&["check", path.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0));
    assert!(stdout(&output).contains("warning[unknown-kind]"));
}

#[test]
fn any_file_with_errors_makes_the_run_fail() {
    let good = materialise("valid/integration/trino.json");
    let bad = materialise("invalid/wrong-type.json");
    let output = run(&["check", good.to_str().unwrap(), bad.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stdout(&output).ends_with("2 errors in 2 files\n"));
}

#[test]
fn json_output_lists_files_kinds_and_diagnostics() {
    let path = materialise("invalid/wrong-type.json");
    let output = run(&["check", "--format", "json", path.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    let value: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let file = &value["files"][0];
    assert_eq!(file["kind"], "connection-update");
    assert_eq!(file["diagnostics"][0]["code"], "wrong-type");
    assert_eq!(file["diagnostics"][0]["pointer"], "/connection/port");
    assert_eq!(file["diagnostics"][0]["line"], 5);
    assert_eq!(file["diagnostics"][0]["column"], 13);
    assert_eq!(value.as_object().unwrap().keys().collect::<Vec<_>>(), ["files"]);
}

#[test]
fn sarif_and_github_formats() {
    let path = materialise("invalid/mismatch-type.json");
    let p = path.to_str().unwrap();
    let sarif = run(&["check", "-f", "sarif", p]);
    assert_eq!(sarif.status.code(), Some(1));
    let log: serde_json::Value = serde_json::from_slice(&sarif.stdout).expect("SARIF is JSON");
    assert_eq!(log["version"], "2.1.0");
    let result = &log["runs"][0]["results"][0];
    assert_eq!(result["ruleId"], "mismatch");
    assert_eq!(result["locations"][0]["physicalLocation"]["region"]["startLine"], 16);
    let rule_index = result["ruleIndex"].as_u64().unwrap() as usize;
    assert_eq!(log["runs"][0]["tool"]["driver"]["rules"][rule_index]["id"], "mismatch");
    let github = run(&["check", "--format=github", p]);
    let text = stdout(&github);
    assert!(
        text.starts_with(&format!(
            "::error file={p},line=16,col=13,endLine=16,endColumn=25,title=immuta-preflight (mismatch)::"
        )),
        "{text}"
    );
}

#[test]
fn standard_input_is_read_with_a_dash() {
    let mut child = bin().args(["check", "-"]).stdin(Stdio::piped()).stdout(Stdio::piped()).spawn().expect("spawn");
    use std::io::Write;
    child.stdin.take().unwrap().write_all(b"type: Trino\nconfig: {}\n").unwrap();
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert!(stdout(&output).starts_with("<stdin>:2:1: warning[unknown-field]"), "{}", stdout(&output));
}

#[test]
fn bad_usage_and_unreadable_input_exit_two() {
    let missing = run(&["check", "does-not-exist.json"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(stderr(&missing).contains("cannot read does-not-exist.json: no such file"), "{}", stderr(&missing));
    let kind = run(&["check", "--kind", "conection", "x.json"]);
    assert_eq!(kind.status.code(), Some(2));
    assert!(stderr(&kind).contains("did you mean `connection`?"));
    assert_eq!(run(&["check", "--bogus"]).status.code(), Some(2));
    assert_eq!(run(&["check"]).status.code(), Some(2));
    assert_eq!(run(&[]).status.code(), Some(2));
    assert!(stderr(&run(&["chek"])).contains("did you mean `check`?"));
}

#[test]
fn bytes_that_are_not_utf8_are_a_finding_at_their_position_and_the_rest_is_checked() {
    let latin1 = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("latin1.json");
    std::fs::write(&latin1, b"{\"type\": \"Trino\", \"name\": \"caf\xe9\"}").unwrap();
    let output = run(&["check", "--color", "never", latin1.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    assert!(text.contains("latin1.json:1:31: error[syntax]: this byte is not UTF-8 text"), "{text}");
    assert!(text.contains("warning[unknown-field]"), "the rest is still checked: {text}");
}

#[test]
fn explain_rules_schema_and_version() {
    let explain = run(&["explain", "private-key-newlines"]);
    assert_eq!(explain.status.code(), Some(0));
    let text = stdout(&explain);
    assert!(text.starts_with("# private-key-newlines (error)"));
    assert!(text.contains("## What it checks") && text.contains("## Fix"));
    let unknown = run(&["explain", "catalog-nam"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(stderr(&unknown).contains("did you mean `catalog-name`?"));

    let rules = stdout(&run(&["rules"]));
    for rule in immuta_preflight::rules::ALL {
        assert!(rules.contains(rule.code), "{}", rule.code);
    }
    assert_eq!(stdout(&run(&["rules", "--markdown"])), immuta_preflight::rules::markdown_table());

    let schema = run(&["schema", "connection"]);
    assert_eq!(schema.status.code(), Some(0));
    let value: serde_json::Value = serde_json::from_slice(&schema.stdout).expect("schema is JSON");
    assert_eq!(value["$schema"], "https://json-schema.org/draft/2020-12/schema");
    assert!(value["$defs"]["connection-snowflake-keyPair"].is_object());
    assert_eq!(run(&["schema", "nope"]).status.code(), Some(2));

    assert_eq!(stdout(&run(&["--version"])), format!("immuta-preflight {}\n", env!("CARGO_PKG_VERSION")));
    assert!(stdout(&run(&["--help"])).contains("Exit status: 0 no errors, 1 errors found, 2 bad usage"));
}

#[test]
fn payloads_only_skips_files_that_are_not_payloads_and_checks_the_rest() {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("cli-others");
    std::fs::create_dir_all(&dir).expect("scratch dir");
    let others = [
        ("package.json", "{ \"name\": \"app\", \"type\": \"module\", \"scripts\": { \"test\": \"node --test\" } }\n"),
        ("tsconfig.json", "{ \"compilerOptions\": { \"strict\": true } }\n"),
        ("ci.yml", "name: CI\non: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n"),
    ];
    let paths: Vec<String> = others
        .iter()
        .map(|(name, text)| {
            let path = dir.join(name);
            std::fs::write(&path, text).expect("write");
            path.to_string_lossy().into_owned()
        })
        .collect();
    let others_only: Vec<&str> = paths.iter().map(String::as_str).collect();
    let output = run(&[&["check", "--payloads-only"], others_only.as_slice()].concat());
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    assert_eq!(stdout(&output), "no problems in 0 files\n");

    // Without the flag the same files are reported as not payloads (a warning each).
    let output = run(&[&["check"], others_only.as_slice()].concat());
    assert_eq!(stdout(&output).matches("warning[unknown-kind]").count(), 3, "{}", stdout(&output));

    let broken = materialise("invalid/private-key-newlines-raw.json");
    let broken_path = broken.to_string_lossy().into_owned();
    let all: Vec<&str> = [others_only.as_slice(), &[broken_path.as_str()]].concat();
    let output = run(&[&["check", "--payloads-only"], all.as_slice()].concat());
    assert_eq!(output.status.code(), Some(1));
    let out = stdout(&output);
    assert!(out.starts_with(&format!("{}:14:18: error[private-key-newlines]", broken.display())), "{out}");
    assert!(out.ends_with("1 error in 1 file\n"), "{out}");
    assert!(!out.contains("package.json") && !out.contains("unknown-kind"), "{out}");

    // With --kind nothing is skipped: every file is checked as that kind.
    let output = run(&[&["check", "--payloads-only", "--kind", "integration"], others_only.as_slice()].concat());
    assert_eq!(output.status.code(), Some(1), "{}", stdout(&output));
    assert!(stdout(&output).contains("package.json"));
}
