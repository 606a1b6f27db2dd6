//! The CLI's output formats and exit codes: 0 clean, 1 errors found, 2 bad usage or input. The
//! command runs over an in-memory [`Host`], as the doors run it over theirs; two tests at the end
//! run the real binary, for what only it does (the file system, standard input, the exit status).

mod common;

use immuta_preflight::cli::{self, Host, Outcome, ReadError};
use std::collections::HashMap;
use std::process::{Command, Stdio};

/// Files by name, and standard input: everything the command may read.
#[derive(Default)]
struct Memory {
    files: HashMap<String, Vec<u8>>,
    stdin: Vec<u8>,
    /// What another program saves over a file between its read and its write.
    saved_meanwhile: Option<(String, Vec<u8>)>,
}

impl Host for Memory {
    fn read(&mut self, path: &str) -> Result<Vec<u8>, ReadError> {
        if path == "-" {
            return Ok(std::mem::take(&mut self.stdin));
        }
        let bytes = self.files.get(path).cloned().ok_or(ReadError::NotFound)?;
        if let Some((name, text)) = self.saved_meanwhile.take_if(|(name, _)| name == path) {
            self.files.insert(name, text);
        }
        Ok(bytes)
    }

    fn create_new(&mut self, path: &str, bytes: &[u8]) -> Result<(), String> {
        if self.files.contains_key(path) {
            return Err("exists".into());
        }
        self.files.insert(path.to_string(), bytes.to_vec());
        Ok(())
    }

    fn rename(&mut self, from: &str, to: &str) -> Result<(), String> {
        let bytes = self.files.remove(from).ok_or("gone")?;
        self.files.insert(to.to_string(), bytes);
        Ok(())
    }

    fn remove(&mut self, path: &str) {
        self.files.remove(path);
    }

    fn is_terminal(&self) -> bool {
        false
    }
}

impl Memory {
    /// A host holding these fixtures (keys substituted), each under its fixture name.
    fn with(fixtures: &[&str]) -> Memory {
        let mut host = Memory::default();
        for name in fixtures {
            host.add(name, common::load(&common::root().join(name)));
        }
        host
    }

    fn add(&mut self, name: &str, text: impl Into<Vec<u8>>) {
        self.files.insert(name.to_string(), text.into());
    }

    fn run(&mut self, args: &[&str]) -> Outcome {
        cli::run(args.iter().map(Into::into).collect(), self)
    }
}

fn run(args: &[&str]) -> Outcome {
    Memory::default().run(args)
}

#[test]
fn a_valid_payload_exits_zero() {
    let path = "valid/connection/snowflake-keyPair-encrypted.json";
    let output = Memory::with(&[path]).run(&["check", path]);
    assert_eq!(output.code, 0, "{}", output.stdout);
    assert_eq!(output.stdout, "no problems in 1 file\n");
}

#[test]
fn errors_exit_one_with_file_line_column() {
    let p = "invalid/integration-script/catalog-name.json";
    let output = Memory::with(&[p]).run(&["check", "--kind", "integration-script", p]);
    assert_eq!(output.code, 1);
    let text = output.stdout;
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
    let path = "invalid/unknown-kind.json";
    let output = Memory::with(&[path]).run(&["check", path]);
    assert_eq!(output.code, 0);
    assert!(output.stdout.contains("warning[unknown-kind]"));
}

#[test]
fn any_file_with_errors_makes_the_run_fail() {
    let (good, bad) = ("valid/integration/s3-auto.json", "invalid/wrong-type.json");
    let output = Memory::with(&[good, bad]).run(&["check", good, bad]);
    assert_eq!(output.code, 1);
    assert!(output.stdout.ends_with("2 errors in 2 files\n"));
}

#[test]
fn json_output_lists_files_kinds_and_diagnostics() {
    let path = "invalid/wrong-type.json";
    let output = Memory::with(&[path]).run(&["check", "--format", "json", path]);
    assert_eq!(output.code, 1);
    let value: serde_json::Value = serde_json::from_str(&output.stdout).expect("JSON");
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
    let p = "invalid/mismatch-type.json";
    let mut host = Memory::with(&[p]);
    let sarif = host.run(&["check", "-f", "sarif", p]);
    assert_eq!(sarif.code, 1);
    let log: serde_json::Value = serde_json::from_str(&sarif.stdout).expect("SARIF is JSON");
    assert_eq!(log["version"], "2.1.0");
    let result = &log["runs"][0]["results"][0];
    assert_eq!(result["ruleId"], "mismatch");
    assert_eq!(result["locations"][0]["physicalLocation"]["region"]["startLine"], 16);
    let rule_index = result["ruleIndex"].as_u64().unwrap() as usize;
    assert_eq!(log["runs"][0]["tool"]["driver"]["rules"][rule_index]["id"], "mismatch");
    let text = host.run(&["check", "--format=github", p]).stdout;
    assert!(
        text.starts_with(&format!(
            "::error file={p},line=16,col=13,endLine=16,endColumn=25,title=immuta-preflight (mismatch)::"
        )),
        "{text}"
    );
}

#[test]
fn standard_input_is_read_with_a_dash() {
    let mut host = Memory { stdin: b"type: Trino\nconfig: {}\n".to_vec(), ..Memory::default() };
    let output = host.run(&["check", "-"]);
    assert_eq!(output.code, 0);
    // Trino's legacy onboarding note first (1:7), then the finding.
    assert!(output.stdout.contains("\n<stdin>:2:1: warning[unknown-field]"), "{}", output.stdout);
}

#[test]
fn bad_usage_and_unreadable_input_exit_two() {
    let missing = run(&["check", "does-not-exist.json"]);
    assert_eq!(missing.code, 2);
    assert!(missing.stderr.contains("cannot read does-not-exist.json: no such file"), "{}", missing.stderr);
    let kind = run(&["check", "--kind", "conection", "x.json"]);
    assert_eq!(kind.code, 2);
    assert!(kind.stderr.contains("did you mean `connection`?"));
    assert_eq!(run(&["check", "--bogus"]).code, 2);
    assert_eq!(run(&["check"]).code, 2);
    assert_eq!(run(&[]).code, 2);
    assert!(run(&["chek"]).stderr.contains("did you mean `check`?"));
}

#[test]
fn bytes_that_are_not_utf8_are_a_finding_at_their_position_and_the_rest_is_checked() {
    let mut host = Memory::default();
    host.add("latin1.json", b"{\"type\": \"Trino\", \"name\": \"caf\xe9\"}".to_vec());
    let output = host.run(&["check", "--color", "never", "latin1.json"]);
    assert_eq!(output.code, 1);
    let text = output.stdout;
    assert!(text.contains("latin1.json:1:31: error[syntax]: this byte is not UTF-8 text"), "{text}");
    assert!(text.contains("warning[unknown-field]"), "the rest is still checked: {text}");
}

#[test]
fn explain_rules_schema_and_version() {
    let explain = run(&["explain", "private-key-newlines"]);
    assert_eq!(explain.code, 0);
    let text = explain.stdout;
    assert!(text.starts_with("# private-key-newlines (error)"));
    assert!(text.contains("## What it checks") && text.contains("## Fix"));
    let unknown = run(&["explain", "catalog-nam"]);
    assert_eq!(unknown.code, 2);
    assert!(unknown.stderr.contains("did you mean `catalog-name`?"));

    let rules = run(&["rules"]).stdout;
    for rule in immuta_preflight_core::rules::ALL {
        assert!(rules.contains(rule.code), "{}", rule.code);
    }
    assert_eq!(run(&["rules", "--markdown"]).stdout, immuta_preflight_core::rules::markdown_table());

    let schema = run(&["schema", "connection"]);
    assert_eq!(schema.code, 0);
    let value: serde_json::Value = serde_json::from_str(&schema.stdout).expect("schema is JSON");
    assert_eq!(value["$schema"], "https://json-schema.org/draft/2020-12/schema");
    assert!(value["$defs"]["connection-snowflake-keyPair"].is_object());
    assert_eq!(run(&["schema", "nope"]).code, 2);

    assert_eq!(run(&["--version"]).stdout, format!("immuta-preflight {}\n", env!("CARGO_PKG_VERSION")));
    assert!(run(&["--help"]).stdout.contains("Exit status: 0 no errors, 1 errors found, 2 bad usage"));
}

#[test]
fn payloads_only_skips_files_that_are_not_payloads_and_checks_the_rest() {
    let others = [
        ("package.json", "{ \"name\": \"app\", \"type\": \"module\", \"scripts\": { \"test\": \"node --test\" } }\n"),
        ("tsconfig.json", "{ \"compilerOptions\": { \"strict\": true } }\n"),
        ("ci.yml", "name: CI\non: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n"),
    ];
    let broken = "invalid/private-key-newlines-raw.json";
    let mut host = Memory::with(&[broken]);
    for (name, text) in others {
        host.add(name, text);
    }
    let others_only: Vec<&str> = others.iter().map(|(name, _)| *name).collect();
    let output = host.run(&[&["check", "--payloads-only"], others_only.as_slice()].concat());
    assert_eq!(output.code, 0, "{}", output.stdout);
    assert_eq!(output.stdout, "no problems in 0 files\n");

    // Without the flag the same files are reported as not payloads (a warning each).
    let output = host.run(&[&["check"], others_only.as_slice()].concat());
    assert_eq!(output.stdout.matches("warning[unknown-kind]").count(), 3, "{}", output.stdout);

    let all: Vec<&str> = [others_only.as_slice(), &[broken]].concat();
    let output = host.run(&[&["check", "--payloads-only"], all.as_slice()].concat());
    assert_eq!(output.code, 1);
    let out = output.stdout;
    assert!(out.starts_with(&format!("{broken}:14:18: error[private-key-newlines]")), "{out}");
    assert!(out.ends_with("1 error in 1 file\n"), "{out}");
    assert!(!out.contains("package.json") && !out.contains("unknown-kind"), "{out}");

    // With --kind nothing is skipped: every file is checked as that kind.
    let output = host.run(&[&["check", "--payloads-only", "--kind", "integration"], others_only.as_slice()].concat());
    assert_eq!(output.code, 1, "{}", output.stdout);
    assert!(output.stdout.contains("package.json"));
}

#[test]
fn a_file_changed_on_disk_since_it_was_read_is_left_alone() {
    let name = "invalid/private-key-newlines-raw.json";
    let mut host = Memory::with(&[name]);
    host.saved_meanwhile = Some((name.to_string(), b"{ \"edited\": \"by someone else\" }".to_vec()));
    let output = host.run(&["check", "--fix", name]);
    assert!(
        output.stderr.contains(&format!("{name} changed on disk since it was read; it was left alone, check it again")),
        "{}",
        output.stderr
    );
    assert_eq!(host.files[name], b"{ \"edited\": \"by someone else\" }", "the other program's text is kept");
    assert_eq!(output.code, 1, "the findings of the text that was read stand");
    // Without the interference, the same run writes the fix.
    let mut host = Memory::with(&[name]);
    assert_eq!(host.run(&["check", "--fix", name]).code, 0);
    assert!(!String::from_utf8_lossy(&host.files[name]).contains("-----BEGIN PRIVATE KEY-----\n"));
}

/// The real binary: a file on disk, and the process's exit status.
#[test]
fn the_binary_reads_files_and_exits_with_the_outcome_code() {
    let dir = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("cli-fixtures");
    std::fs::create_dir_all(&dir).expect("scratch dir");
    let path = dir.join("wrong-type.json");
    std::fs::write(&path, common::load(&common::root().join("invalid/wrong-type.json"))).expect("write fixture");
    let output = binary().args(["check", "--color", "never"]).arg(&path).output().expect("run the CLI");
    assert_eq!(output.status.code(), Some(1));
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(text.starts_with(&format!("{}:5:13: error[wrong-type]", path.display())), "{text}");
    let missing = binary().args(["check"]).arg(dir.join("nothing-here.json")).output().expect("run the CLI");
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no such file"));
    // A folder is walked.
    let folder = binary().args(["check", "--format", "json"]).arg(&dir).output().expect("run");
    assert_eq!(folder.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&folder.stdout).contains("wrong-type.json"));
}

/// The real binary's standard input.
#[test]
fn the_binary_reads_standard_input() {
    use std::io::Write;
    let mut child = binary().args(["check", "-"]).stdin(Stdio::piped()).stdout(Stdio::piped()).spawn().expect("spawn");
    child.stdin.take().expect("stdin").write_all(b"type: Trino\nconfig: {}\n").expect("write");
    let output = child.wait_with_output().expect("wait");
    assert_eq!(output.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&output.stdout).contains("\n<stdin>:2:1: warning[unknown-field]"));
}

fn binary() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_immuta-preflight"));
    command.env("NO_COLOR", "1");
    command
}

/// A failure inside immuta-preflight on one file is one line (version, file, place in the code;
/// no text of the file, no backtrace) and exit status 3; the other files are still checked and
/// fixed. `--internal-failure` (what the hook's runners pass after a trap) reports a file as failed
/// without checking it.
#[test]
fn an_internal_failure_is_one_line_and_status_three_and_the_other_files_are_checked() {
    let dir = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("cli-internal-failure");
    std::fs::create_dir_all(&dir).expect("scratch dir");
    std::fs::write(dir.join("broken.json"), common::load(&common::root().join("invalid/wrong-type.json")))
        .expect("write");
    std::fs::write(dir.join("crash.json"), r#"{"connectionKey": "SECRET-LOOKING-TEXT"}"#).expect("write");
    let run = |args: &[&str]| {
        let output = binary().current_dir(&dir).env_remove("RUST_BACKTRACE").args(args).output().expect("run the CLI");
        (
            output.status.code(),
            String::from_utf8_lossy(&output.stdout).into_owned(),
            String::from_utf8_lossy(&output.stderr).into_owned(),
        )
    };
    let line = format!(
        "immuta-preflight {}: internal error while checking `crash.json` (src/cli/check.rs:",
        env!("CARGO_PKG_VERSION")
    );
    let (code, stdout, stderr) = run(&["check", "--internal-test-panic", "crash.json", "crash.json", "broken.json"]);
    assert_eq!(code, Some(3), "{stdout}{stderr}");
    assert!(stdout.starts_with("broken.json:5:13: error[wrong-type]"), "{stdout}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.starts_with(&line), "{stderr}");
    assert!(!stderr.contains("SECRET-LOOKING-TEXT") && !stderr.contains("panicked") && !stderr.contains("backtrace"));
    // --fix goes on with the other files.
    let (code, _, stderr) =
        run(&["check", "--fix", "--internal-test-panic", "crash.json", "crash.json", "broken.json"]);
    assert_eq!(code, Some(3));
    assert!(stderr.contains("fixed broken.json"), "{stderr}");
    // A file a runner reports as failed is not read again, and the run's status says so.
    let (code, stdout, stderr) =
        run(&["check", "--format", "json", "--internal-failure", "crash.json", "crash.json", "broken.json"]);
    assert_eq!(code, Some(3), "{stderr}");
    assert!(stdout.contains("broken.json") && !stdout.contains("crash.json"), "{stdout}");
}
