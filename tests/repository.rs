//! The command line in a team's repository, with the real binary in temporary folders (a real
//! `git init` where `.gitignore` matters): folders, `--fix` and `--diff`, the config file, rule
//! options, templates and the checks across files.

mod common;

use immuta_preflight_core::{Options, apply_fixes, check, redactions};
use std::path::{Path, PathBuf};
use std::process::Command;

/// A new, empty folder for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("repository").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch folder");
    dir
}

fn git_init(dir: &Path) {
    let status = Command::new("git").args(["init", "-q"]).current_dir(dir).status().expect("git");
    assert!(status.success());
}

fn put(dir: &Path, name: &str, text: impl AsRef<[u8]>) {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().expect("a parent")).expect("folders");
    std::fs::write(path, text).expect("write");
}

fn fixture(name: &str) -> String {
    common::load(&common::root().join(name))
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn cli(dir: &Path, args: &[&str]) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_immuta-preflight"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .output()
        .expect("run the CLI");
    Run {
        code: output.status.code().expect("an exit code"),
        stdout: String::from_utf8(output.stdout).expect("UTF-8"),
        stderr: String::from_utf8(output.stderr).expect("UTF-8"),
    }
}

fn cli_owned(dir: &Path, args: &[String]) -> Run {
    cli(dir, &args.iter().map(String::as_str).collect::<Vec<_>>())
}

/// The paths of the files in a JSON report.
fn paths(json: &str) -> Vec<String> {
    let value: serde_json::Value = serde_json::from_str(json).expect("JSON output");
    value["files"].as_array().expect("files").iter().map(|f| f["path"].as_str().expect("path").to_string()).collect()
}

#[test]
fn folders_are_walked_as_ripgrep_walks_them() {
    let dir = scratch("walk");
    git_init(&dir);
    put(&dir, "payloads/broken.json", fixture("invalid/wrong-type.json"));
    put(&dir, "payloads/deep/trino.yaml", "type: Trino\n");
    put(
        &dir,
        "payloads/register.sh",
        "#!/bin/sh\n".to_string() + &fixture("valid/integration-script/redshift-userPassword-curl.sh"),
    );
    put(&dir, "payloads/notes.txt", "remember to rotate the key\n");
    put(&dir, "payloads/request.txt", fixture("valid/integration/databricks-token-curl.sh"));
    put(&dir, "payloads/README.md", "# payloads\n");
    put(&dir, "package.json", "{ \"name\": \"app\", \"type\": \"module\" }\n");
    put(&dir, ".hidden/secret.json", fixture("invalid/wrong-type.json"));
    put(&dir, "generated/out.json", fixture("invalid/wrong-type.json"));
    put(&dir, ".gitignore", "generated/\n");
    put(&dir, "local/.ignore", "scratch.json\n");
    put(&dir, "local/scratch.json", fixture("invalid/wrong-type.json"));

    let everything = cli(&dir, &["check", "--format", "json"]);
    assert_eq!(everything.code, 1, "{}", everything.stderr);
    assert_eq!(
        paths(&everything.stdout),
        ["payloads/broken.json", "payloads/deep/trino.yaml", "payloads/register.sh", "payloads/request.txt"]
    );
    let text = cli(&dir, &["check"]);
    // The notes: the legacy onboarding of the Trino and Databricks integrations.
    assert!(text.stdout.ends_with("2 errors, 2 notes: 4 payloads checked, 1 file skipped\n"), "{}", text.stdout);

    // A folder named, and a hidden or ignored file named: named files are always checked.
    let named = cli(&dir, &["check", "--format", "json", "payloads/deep", "generated/out.json", ".hidden/secret.json"]);
    assert_eq!(paths(&named.stdout), ["payloads/deep/trino.yaml", "generated/out.json", ".hidden/secret.json"]);
    // Outside a repository, .gitignore is not read (as ripgrep), .ignore still is. (The target
    // folder is inside this project's repository, so this part is in the system's temporary one.)
    let outside_dir = std::env::temp_dir().join(format!("immuta-preflight-walk-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&outside_dir);
    for name in [".gitignore", "generated/out.json", "local/.ignore", "local/scratch.json"] {
        put(&outside_dir, name, std::fs::read(dir.join(name)).expect("copy"));
    }
    let outside = cli(&outside_dir, &["check", "--format", "json", "."]);
    let _ = std::fs::remove_dir_all(&outside_dir);
    assert!(paths(&outside.stdout).contains(&"generated/out.json".to_string()));
    assert!(!paths(&outside.stdout).contains(&"local/scratch.json".to_string()));
}

/// The fixtures `--fix` changes, each with its options and the CLI arguments that give them.
fn fixable() -> Vec<(String, String, Options, Vec<String>)> {
    common::fixtures("invalid")
        .into_iter()
        .filter_map(|path| {
            let text = common::load(&path);
            let options = common::fixture_options(&path);
            let kind = common::kind_of(&path).map(|k| vec!["--kind".to_string(), k.id().to_string()]);
            (apply_fixes(&text, &options, None) != text)
                .then(|| (common::name(&path), text, options, kind.unwrap_or_default()))
        })
        .collect()
}

#[test]
fn fix_and_diff_on_every_fixable_fixture_keep_the_rest_and_mask_secrets() {
    let fixable = fixable();
    assert!(fixable.len() >= 15, "{} fixable fixtures", fixable.len());
    let dir = scratch("fix");
    let key_lines = common::key_lines();
    for (name, text, options, kind) in &fixable {
        let with_kind = |args: &[&str]| -> Vec<String> {
            let mut all: Vec<String> = vec![args[0].to_string()];
            all.extend(kind.iter().cloned());
            all.extend(args[1..].iter().map(|a| a.to_string()));
            all
        };
        let file = name.replace('/', "-");
        let crlf_file = format!("crlf-{file}");
        let crlf = text.replace("\r\n", "\n").replace('\n', "\r\n");
        put(&dir, &file, text);
        put(&dir, &crlf_file, &crlf);

        // One file at a time: the file and its copy would be duplicates of each other.
        let diff = cli_owned(&dir, &with_kind(&["check", "--diff", &file]));
        assert_eq!(diff.code, 1, "{name}: {}", diff.stderr);
        assert!(diff.stdout.starts_with(&format!("--- a/{file}\n+++ b/{file}\n@@ ")), "{name}: {}", diff.stdout);
        assert!(diff.stderr.contains("1 file would be changed by --fix"), "{name}: {}", diff.stderr);
        assert_eq!(std::fs::read_to_string(dir.join(&file)).unwrap(), *text, "{name}: --diff wrote the file");
        for secret in redactions(text).iter().filter_map(|s| text.get(s.start..s.end)) {
            for part in secret.split(['\n', '\r']).filter(|p| p.trim().len() >= 6) {
                assert!(!diff.stdout.contains(part.trim()), "{name}: the diff shows a secret's text: {}", diff.stdout);
            }
        }
        for line in &key_lines {
            assert!(!diff.stdout.contains(line.as_str()), "{name}: the diff shows a key line");
        }

        let fixed = cli_owned(&dir, &with_kind(&["check", "--fix", &file]));
        cli_owned(&dir, &with_kind(&["check", "--fix", &crlf_file]));
        let after = std::fs::read_to_string(dir.join(&file)).unwrap();
        assert_eq!(after, apply_fixes(text, options, None), "{name}: the file holds what the fixes make");
        let report = check(&after, options);
        assert!(report.diagnostics.iter().all(|d| d.fix.is_none()), "{name}: a fixable finding is left");
        assert_eq!(fixed.code, i32::from(report.has_errors()), "{name}: {}", fixed.stdout);
        let after_crlf = std::fs::read_to_string(dir.join(&crlf_file)).unwrap();
        let lone_lf = after_crlf
            .bytes()
            .enumerate()
            .any(|(i, b)| b == b'\n' && (i == 0 || after_crlf.as_bytes()[i - 1] != b'\r'));
        assert!(!lone_lf, "{name}: the CRLF file got a bare line feed");
        assert_eq!(after_crlf.replace("\r\n", "\n"), after.replace("\r\n", "\n"), "{name}: CRLF and LF fixed alike");
        // Nothing is left to fix: a second run changes nothing.
        let again = cli_owned(&dir, &with_kind(&["check", "--diff", &file]));
        assert_eq!((again.code, again.stdout.as_str()), (0, ""), "{name}");
    }
}

#[test]
fn fix_keeps_permissions_encoding_and_fixes_standard_input() {
    let dir = scratch("fix-details");
    let text = fixture("invalid/private-key-newlines-raw.json");
    put(&dir, "key.json", &text);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(dir.join("key.json"), std::fs::Permissions::from_mode(0o640)).unwrap();
        let run = cli(&dir, &["check", "--fix", "key.json"]);
        assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
        let mode = std::fs::metadata(dir.join("key.json")).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o640);
        assert_eq!(
            std::fs::read_to_string(dir.join("key.json")).unwrap(),
            fixture("valid/connection/snowflake-keyPair.json")
        );
        let left: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(left, ["key.json"], "no temporary file is left behind");
    }

    // UTF-16 stays UTF-16 (and the encoding itself is a finding that is not fixed).
    let utf16: Vec<u8> = [0xFF, 0xFE].into_iter().chain(text.encode_utf16().flat_map(u16::to_le_bytes)).collect();
    put(&dir, "utf16.json", &utf16);
    cli(&dir, &["check", "--fix", "utf16.json"]);
    let bytes = std::fs::read(dir.join("utf16.json")).unwrap();
    assert_eq!(&bytes[..2], [0xFF, 0xFE]);
    let units: Vec<u16> = bytes[2..].chunks(2).map(|p| u16::from_le_bytes([p[0], p[1]])).collect();
    assert_eq!(String::from_utf16(&units).unwrap(), fixture("valid/connection/snowflake-keyPair.json"));

    // Bytes that are not UTF-8 would be lost: the file is not written.
    let mut latin1 = fixture("invalid/wrong-type.json").into_bytes();
    latin1.extend_from_slice(b" \xe9");
    put(&dir, "latin1.json", &latin1);
    let run = cli(&dir, &["check", "--fix", "latin1.json"]);
    assert!(run.stderr.contains("latin1.json was not fixed: it holds bytes that are not UTF-8"), "{}", run.stderr);
    assert_eq!(std::fs::read(dir.join("latin1.json")).unwrap(), latin1);

    // Standard input: the fixed text on stdout, the report on stderr.
    let mut child = Command::new(env!("CARGO_BIN_EXE_immuta-preflight"))
        .args(["check", "--fix", "-"])
        .env("NO_COLOR", "1")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child.stdin.take().unwrap().write_all(text.as_bytes()).unwrap();
    let output = child.wait_with_output().unwrap();
    assert_eq!(String::from_utf8(output.stdout).unwrap(), fixture("valid/connection/snowflake-keyPair.json"));
    assert!(String::from_utf8(output.stderr).unwrap().contains("no problems in 1 file"));
}

/// A payload with one unknown field (a warning) and recommended settings (notes), nothing else.
fn noted_and_warned() -> String {
    fixture("invalid/recommended-setting.json").replacen('{', "{\n  \"comment\": \"prod\",", 1)
}

const CONFIG: &str = r#"exclude = ["fixtures/**"]

[rules]
ignore = ["recommended-setting"]
severity = { unknown-field = "error" }

[[overrides]]
files = ["scripts/**"]
kind = "integration-script"
ignore = ["disputed-field"]
"#;

#[test]
fn the_config_file_is_found_upwards_and_every_key_applies() {
    let dir = scratch("config");
    git_init(&dir);
    put(&dir, "immuta-preflight.toml", CONFIG);
    put(&dir, "fixtures/broken.json", fixture("invalid/wrong-type.json"));
    // recommended-setting (info) and unknown-field (a warning, raised to an error) in one file.
    put(&dir, "payloads/trino.json", noted_and_warned());
    put(&dir, "scripts/create.json", fixture("valid/integration-script/snowflake-userPassword.json"));

    let run = cli(&dir, &["check", "--format", "json"]);
    let value: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    let files = value["files"].as_array().unwrap();
    let names: Vec<&str> = files.iter().map(|f| f["path"].as_str().unwrap()).collect();
    assert_eq!(names, ["payloads/trino.json", "scripts/create.json"], "fixtures/** is excluded");
    let trino: Vec<(&str, &str)> = files[0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["code"].as_str().unwrap(), d["severity"].as_str().unwrap()))
        .collect();
    assert_eq!(trino, [("unknown-field", "error")]);
    assert_eq!(files[1]["kind"], "integration-script", "the override's kind");
    assert_eq!(run.code, 1);
    assert!(cli(&dir, &["check"]).stdout.ends_with(": 2 payloads checked, 1 file skipped\n"));

    // From a subfolder the same file is found, and its globs stay relative to its folder.
    let sub = cli(&dir.join("scripts"), &["check", "--format", "json", "."]);
    let sub_value: serde_json::Value = serde_json::from_str(&sub.stdout).expect("JSON");
    assert_eq!(sub_value["files"][0]["kind"], "integration-script");
    // --no-config, and --config naming another file.
    let bare = cli(&dir, &["check", "--no-config", "--format", "json", "payloads"]);
    assert!(bare.stdout.contains("recommended-setting"));
    put(&dir, "other.toml", "[rules]\nignore = [\"unknown-field\"]\n");
    let other = cli(&dir, &["check", "--config", "other.toml", "payloads"]);
    assert_eq!(other.code, 0, "{}", other.stdout);
    assert!(!other.stdout.contains("unknown-field") && other.stdout.contains("recommended-setting"));

    // The search stops at the repository root.
    let nested = dir.join("vendor/project");
    put(&nested, "payloads/trino.json", noted_and_warned());
    git_init(&nested);
    let inner = cli(&nested, &["check"]);
    assert!(inner.stdout.contains("warning[unknown-field]"), "the outer config is not read: {}", inner.stdout);
}

#[test]
fn every_mistake_in_the_config_file_stops_the_run_at_its_line_and_column() {
    let dir = scratch("config-errors");
    git_init(&dir);
    put(&dir, "p.json", "{ \"type\": \"Trino\" }\n");
    let cases = [
        ("exlude = []\n", "immuta-preflight.toml:1:1: unknown key `exlude`; did you mean `exclude`?"),
        (
            "[rules]\nignore = [\"placeholdr\"]\n",
            "immuta-preflight.toml:2:11: unknown rule code `placeholdr`; did you mean `placeholder`?",
        ),
        ("[rules]\nignore = [\"syntax\"]\n", "immuta-preflight.toml:2:11: `syntax` cannot be ignored"),
        (
            "[rules]\nseverity = { placeholder = \"eror\" }\n",
            "immuta-preflight.toml:2:28: unknown severity `eror`; did you mean `error`?",
        ),
        ("[rules]\nselect = \"placeholder\"\n", "immuta-preflight.toml:2:10: `select` is a list of strings"),
        ("exclude = [\"a/[b\"]\n", "immuta-preflight.toml:1:12: `a/[b` is not a valid glob"),
        ("[[overrides]]\nfiles = [\"s/**\"]\nkind = \"scirpt\"\n", "immuta-preflight.toml:3:8: unknown kind `scirpt`"),
        ("[[overrides]]\nkind = \"connection\"\n", "an override needs `files`"),
        (
            "[[overrides]]\nfiles = []\nignored = []\n",
            "immuta-preflight.toml:3:1: unknown key `ignored` in [[overrides]]; did you mean `ignore`?",
        ),
        ("[rules\n", "immuta-preflight.toml:1:"),
    ];
    for (config, message) in cases {
        put(&dir, "immuta-preflight.toml", config);
        let run = cli(&dir, &["check", "p.json"]);
        assert_eq!(run.code, 2, "{config}");
        assert!(run.stderr.contains(message), "{config}: {}", run.stderr);
        assert!(run.stdout.is_empty());
    }
    let missing = cli(&dir, &["check", "--config", "nope.toml", "p.json"]);
    assert_eq!(missing.code, 2);
    assert!(missing.stderr.contains("cannot read nope.toml: no such file"), "{}", missing.stderr);
}

#[test]
fn ignore_and_select_on_the_command_line() {
    let dir = scratch("rule-options");
    put(&dir, "trino.json", noted_and_warned());
    let all = cli(&dir, &["check", "trino.json"]);
    assert!(all.stdout.contains("unknown-field") && all.stdout.contains("recommended-setting"), "{}", all.stdout);
    let ignored = cli(&dir, &["check", "--ignore", "unknown-field,recommended-setting,deprecated", "trino.json"]);
    assert_eq!(ignored.stdout, "no problems in 1 file\n");
    let group =
        cli(&dir, &["check", "--ignore", "unknown", "--ignore", "recommended-setting,deprecated", "trino.json"]);
    assert_eq!(group.stdout, "no problems in 1 file\n", "the group `unknown` holds unknown-field");
    let selected = cli(&dir, &["check", "--select", "unknown-field", "trino.json"]);
    assert!(selected.stdout.contains("unknown-field") && !selected.stdout.contains("recommended-setting"));
    let bad = cli(&dir, &["check", "--ignore", "unknown-fields", "trino.json"]);
    assert_eq!(bad.code, 2);
    assert!(bad.stderr.contains("did you mean `unknown-field`?"), "{}", bad.stderr);
}

#[test]
fn templates_are_checked_as_payloads_in_json_and_yaml() {
    let dir = scratch("templates");
    for name in ["invalid/template-envsubst.json", "invalid/template-jinja.yaml"] {
        let file = name.trim_start_matches("invalid/");
        put(&dir, file, fixture(name));
        let run = cli(&dir, &["check", "--format", "json", file]);
        assert_eq!(run.code, 0, "{name}: {}", run.stdout);
        let value: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
        let codes: Vec<&str> =
            value["files"][0]["diagnostics"].as_array().unwrap().iter().map(|d| d["code"].as_str().unwrap()).collect();
        // Both are integrations of a platform whose legacy onboarding is deprecated: a note.
        assert_eq!(codes, ["deprecated", "template"], "{name}");
    }
    // Quoted, a template is a string: `port` is then a string where a number belongs.
    put(
        &dir,
        "quoted.json",
        fixture("invalid/template-envsubst.json").replace("${SNOWFLAKE_PORT}", "\"${SNOWFLAKE_PORT}\""),
    );
    assert!(cli(&dir, &["check", "quoted.json"]).stdout.contains("error[wrong-type]"));
    // `{{` that is not a template stays a syntax error.
    put(&dir, "object.json", "{ \"type\": \"Trino\", \"config\": {{\"a\": 1}} }\n");
    let object = cli(&dir, &["check", "object.json"]);
    assert_eq!(object.code, 1);
    assert!(object.stdout.contains("error[syntax]"), "{}", object.stdout);
}

#[test]
fn checks_across_files_name_the_other_file_in_every_format() {
    let dir = scratch("across");
    put(&dir, "a/acme.json", fixture("across/duplicate-connection-key/connection/acme.json"));
    put(&dir, "b/acme-copy.yaml", fixture("across/duplicate-connection-key/connection/acme-copy.yaml"));
    put(&dir, "c/snowflake.json", fixture("across/duplicate-integration/integration/snowflake.json"));
    put(
        &dir,
        "c/snowflake-reporting.json",
        fixture("across/duplicate-integration/integration/snowflake-reporting.json"),
    );
    put(&dir, "d/connection.json", fixture("across/script-mismatch/connection/databricks.json"));
    put(&dir, "d/scripts/create.json", fixture("across/script-mismatch/integration-script/databricks.json"));
    put(&dir, "immuta-preflight.toml", "[[overrides]]\nfiles = [\"d/scripts/**\"]\nkind = \"integration-script\"\n");

    let text = cli(&dir, &["check"]);
    assert_eq!(text.code, 1, "{}{}", text.stdout, text.stderr);
    for (finding, see_also) in [
        (
            "b/acme-copy.yaml:2:16: error[duplicate-connection-key]",
            "= see also: a/acme.json:2:20: the first registration",
        ),
        (
            "c/snowflake.json:5:13: error[duplicate-integration]",
            "= see also: c/snowflake-reporting.json:5:13: the first configuration",
        ),
        (
            "d/scripts/create.json:15:16: warning[script-mismatch]",
            "= see also: d/connection.json:34:18: the catalog there",
        ),
    ] {
        assert!(text.stdout.contains(finding), "{finding}: {}", text.stdout);
        assert!(text.stdout.contains(see_also), "{see_also}: {}", text.stdout);
    }

    let json: serde_json::Value = serde_json::from_str(&cli(&dir, &["check", "--format", "json"]).stdout).unwrap();
    let related: Vec<String> = json["files"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|f| f["diagnostics"].as_array().unwrap().iter())
        .flat_map(|d| d["related"].as_array().cloned().unwrap_or_default())
        .map(|r| format!("{}:{}:{}", r["path"].as_str().unwrap(), r["line"], r["column"]))
        .collect();
    assert_eq!(related, ["a/acme.json:2:20", "c/snowflake-reporting.json:5:13", "d/connection.json:34:18"]);

    let sarif: serde_json::Value = serde_json::from_str(&cli(&dir, &["check", "--format", "sarif"]).stdout).unwrap();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    let located: Vec<String> = results
        .iter()
        .filter_map(|r| r["relatedLocations"].as_array())
        .map(|l| {
            let place = &l[0]["physicalLocation"];
            format!("{}:{}", place["artifactLocation"]["uri"].as_str().unwrap(), place["region"]["startLine"])
        })
        .collect();
    assert_eq!(located, ["a/acme.json:2", "c/snowflake-reporting.json:5", "d/connection.json:34"]);

    let github = cli(&dir, &["check", "--format", "github"]).stdout;
    assert!(github.contains("%0Asee also: a/acme.json:2:20: the first registration of this key"), "{github}");

    // One file alone has no check across files.
    let alone = cli(&dir, &["check", "b/acme-copy.yaml"]);
    assert_eq!(alone.code, 0, "{}", alone.stdout);
}

/// The walk keeps what git keeps: the same tree's `git ls-files --cached --others
/// --exclude-standard`, less hidden files, is the oracle for every `.gitignore` rule here. Then
/// what only the walker reads: `.ignore` (over `.gitignore`), the global excludes file, and
/// the rules of the folders above a walked subfolder.
#[test]
fn the_walk_keeps_what_git_keeps() {
    let dir = scratch("walk-as-git");
    git_init(&dir);
    let rules = "# payloads we generate\n*.gen.yaml\n!keep.gen.yaml\n/root-only.yaml\nbuild/\ndocs/**/draft.yaml\n\
                 {a,b}.yaml\nspaced.yaml   \n\\#hash.yaml\nlogs/*\n!logs/kept.yaml\n";
    put(&dir, ".gitignore", rules);
    put(&dir, "sub/.gitignore", "!x.gen.yaml\nlocal.yaml\n");
    put(&dir, ".git/info/exclude", "excluded.yaml\n");
    for name in [
        "a.yaml",
        "x.gen.yaml",
        "keep.gen.yaml",
        "root-only.yaml",
        "sub/root-only.yaml",
        "build/a.yaml",
        "sub/build/b.yaml",
        "docs/draft.yaml",
        "docs/a/b/draft.yaml",
        "docs/final.yaml",
        "{a,b}.yaml",
        "b.yaml",
        "spaced.yaml",
        "#hash.yaml",
        "logs/one.yaml",
        "logs/kept.yaml",
        "sub/x.gen.yaml",
        "sub/local.yaml",
        "local.yaml",
        "excluded.yaml",
        "deep/er/excluded.yaml",
        "z.yaml",
    ] {
        put(&dir, name, "type: Trino\n");
    }
    let git = Command::new("git")
        .args(["ls-files", "--cached", "--others", "--exclude-standard"])
        .current_dir(&dir)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .output()
        .expect("git ls-files");
    let mut expected: Vec<String> = String::from_utf8(git.stdout)
        .expect("UTF-8")
        .lines()
        .filter(|path| path.ends_with(".yaml") && !path.split('/').any(|part| part.starts_with('.')))
        .map(str::to_string)
        .collect();
    expected.sort();
    let mut walked = paths(&cli(&dir, &["check", "--format", "json"]).stdout);
    walked.sort();
    assert_eq!(walked, expected);
    assert!(walked.contains(&"keep.gen.yaml".to_string()) && !walked.contains(&"x.gen.yaml".to_string()));
    assert!(walked.contains(&"sub/x.gen.yaml".to_string()) && walked.contains(&"logs/kept.yaml".to_string()));

    // `.ignore` wins over a `.gitignore` that keeps the file.
    put(&dir, "sub/.ignore", "x.gen.yaml\n");
    assert!(!paths(&cli(&dir, &["check", "--format", "json"]).stdout).contains(&"sub/x.gen.yaml".to_string()));
    // A subfolder walked alone still obeys the repository root's rules.
    let sub = paths(&cli(&dir.join("docs"), &["check", "--format", "json", "."]).stdout);
    assert_eq!(sub, ["final.yaml"]);
    // The global excludes file named by the git config.
    put(&dir, "../walk-as-git-global/config", "[core]\n\texcludesFile = \"GLOBAL_IGNORE\"\n");
    let global_config = dir.join("../walk-as-git-global/config");
    put(&dir, "../walk-as-git-global/ignore", "z.yaml\n");
    let config_text = std::fs::read_to_string(&global_config).expect("config");
    let ignore_path = dir.join("../walk-as-git-global/ignore");
    put(
        &dir,
        "../walk-as-git-global/config",
        config_text.replace("GLOBAL_IGNORE", ignore_path.to_str().expect("UTF-8")),
    );
    let output = Command::new(env!("CARGO_BIN_EXE_immuta-preflight"))
        .args(["check", "--format", "json"])
        .current_dir(&dir)
        .env("GIT_CONFIG_GLOBAL", &global_config)
        .output()
        .expect("run the CLI");
    let walked_global = paths(&String::from_utf8(output.stdout).expect("UTF-8"));
    assert!(
        walked.contains(&"z.yaml".to_string()) && !walked_global.contains(&"z.yaml".to_string()),
        "{walked_global:?}"
    );
    #[cfg(unix)]
    {
        // Symbolic links are not followed, as ripgrep's walker.
        std::os::unix::fs::symlink(dir.join("a.yaml"), dir.join("link.yaml")).expect("symlink");
        assert!(!paths(&cli(&dir, &["check", "--format", "json"]).stdout).contains(&"link.yaml".to_string()));
    }
}
