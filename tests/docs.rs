//! The README and the docs cannot drift: the rule table and every rule's documentation are
//! generated (`make docs` writes them), and the usage text and example output are compared with
//! what the command prints. The README stays a front door: at most 300 lines.

use std::process::Command;

fn section(readme: &str, name: &str) -> String {
    let (from, to) = bounds(readme, name);
    readme[from..to].to_string()
}

fn bounds(text: &str, name: &str) -> (usize, usize) {
    let start = format!("<!-- {name}:start -->\n");
    let end = format!("<!-- {name}:end -->");
    let from = text.find(&start).unwrap_or_else(|| panic!("no {start}")) + start.len();
    let to = text[from..].find(&end).unwrap_or_else(|| panic!("no {end}")) + from;
    (from, to)
}

fn read(path: &str) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The generated part `name` of the file at `path` is `generated` (written by `make docs`).
fn generated(path: &str, name: &str, generated: &str) {
    let text = read(path);
    let (from, to) = bounds(&text, name);
    if std::env::var_os("IMMUTA_PREFLIGHT_WRITE_DOCS").is_some() {
        std::fs::write(path, format!("{}{generated}{}", &text[..from], &text[to..])).expect("write the docs");
    } else {
        assert!(text[from..to] == *generated, "{path}: `{name}` is out of date: run `make docs`");
    }
}

fn fenced(block: &str) -> String {
    let body = block.trim().strip_prefix("```text\n").and_then(|b| b.strip_suffix("```")).expect("a ```text block");
    body.to_string()
}

fn run(args: &[&str]) -> String {
    let output =
        Command::new(env!("CARGO_BIN_EXE_immuta-preflight")).args(args).env("NO_COLOR", "1").output().expect("run");
    String::from_utf8(output.stdout).expect("UTF-8")
}

#[test]
fn the_rule_table_and_every_rules_docs_are_the_rules() {
    generated("docs/rules.md", "rules", &immuta_preflight_core::rules::markdown_table());
    generated("docs/rules.md", "rule-docs", &immuta_preflight_core::rules::markdown_docs());
}

#[test]
fn usage_matches_the_help_text() {
    assert_eq!(fenced(&section(&read("docs/configuration.md"), "usage")), run(&["--help"]));
}

#[test]
fn the_readme_is_a_front_door_whose_links_lead_somewhere() {
    let readme = read("README.md");
    let lines = readme.lines().count();
    assert!(lines <= 300, "README.md has {lines} lines; the reference belongs in docs/");
    let mut linked = 0;
    for file in ["README.md", "docs/rules.md", "docs/configuration.md", "docs/doors.md", "docs/editors.md"] {
        let text = read(file);
        let folder = std::path::Path::new(file).parent().expect("a folder");
        for link in text.split("](").skip(1).filter_map(|rest| rest.split(')').next()) {
            if link.starts_with("http") || link.starts_with('#') || link.starts_with('<') {
                continue;
            }
            let path = link.split('#').next().unwrap_or_default();
            assert!(folder.join(path).exists(), "{file} links to {link}, which does not exist");
            linked += 1;
        }
    }
    assert!(linked >= 10, "only {linked} links checked");
}

#[test]
fn example_output_is_what_the_command_prints() {
    let readme = std::fs::read_to_string("README.md").expect("README.md");
    assert!(readme.contains("```sh\nmake serve\nmake test\n```\n"), "the two set-up commands");
    assert!(
        readme.contains("```sh\ncargo run -q -- check tests/fixtures/invalid/demo-databricks-connection.json\n```")
    );
    assert_eq!(
        fenced(&section(&readme, "example")),
        run(&["check", "tests/fixtures/invalid/demo-databricks-connection.json"])
    );
}

/// Checks that every make target and path a section of steps names (in backquotes) exists, and
/// says how many it checked.
fn named_things_exist(steps: &str) -> usize {
    let makefile = std::fs::read_to_string("Makefile").expect("Makefile");
    let mut named = 0;
    for quoted in steps.split('`').skip(1).step_by(2) {
        if let Some(target) = quoted.strip_prefix("make ") {
            assert!(makefile.lines().any(|l| l.starts_with(&format!("{target}:"))), "no make target {target}");
            named += 1;
        } else if quoted.contains('/') && !quoted.contains(' ') && !quoted.contains('<') {
            assert!(std::path::Path::new(quoted).exists(), "README names {quoted}, which does not exist");
            named += 1;
        }
    }
    named
}

/// "How to add a rule" names files, folders, items and make targets: each must exist, so the
/// steps stay true when the code moves.
#[test]
fn the_steps_to_add_a_rule_name_what_exists() {
    let steps = section(&read("docs/development.md"), "add-a-rule");
    let named = named_things_exist(&steps);
    assert!(named >= 9, "only {named} names checked in: {steps}");
    for (source, item) in [
        ("src/core/rules/mod.rs", "registry::registry! {"),
        ("src/core/rules/registry.rs", "macro_rules! registry"),
        ("src/core/diagnostic.rs", "pub fn as_warning"),
        ("src/core/diagnostic.rs", "pub fn as_note"),
    ] {
        assert!(read(source).contains(item), "{source} lacks {item}");
    }
    // A rule of one file has its check; a check across files has none, only its docs.
    for code in immuta_preflight_core::Code::ALL {
        let path = format!("src/core/rules/{}.rs", code.as_str().replace('-', "_"));
        let has_check = read(&path).contains("pub fn check(ctx: &Context, sink: &mut Sink)");
        assert_eq!(has_check, code.check().is_some(), "{path}");
    }
    assert!(steps.contains("INSTA_UPDATE=always cargo test --test snapshots"));
    assert!(std::fs::read_to_string("tests/snapshots.rs").expect("snapshots.rs").contains("INSTA_UPDATE=always"));
}

/// "How to add a field" names files and make targets: each must exist.
#[test]
fn the_steps_to_add_a_field_name_what_exists() {
    let steps = section(&read("docs/development.md"), "add-a-field");
    let named = named_things_exist(&steps);
    assert!(named >= 7, "only {named} names checked in: {steps}");
    let values = std::fs::read_to_string("src/core/values/mod.rs").expect("src/core/values/mod.rs");
    assert!(values.contains("pub const SLUGS"), "Form::SLUGS");
}

/// The VS Code extension's manifest and its documents agree: its version is the engine's, the
/// README installs the `.vsix` `make vscode` builds, and every setting is documented.
#[test]
fn the_vscode_extension_is_documented_as_it_is_built() {
    let manifest: serde_json::Value =
        serde_json::from_str(&read("pkg/vscode/package.json")).expect("pkg/vscode/package.json is JSON");
    let version = manifest["version"].as_str().expect("a version");
    assert_eq!(version, immuta_preflight_core::VERSION, "the extension's version is the engine's");
    let readme = read("README.md");
    let install = format!("code --install-extension target/vscode/immuta-preflight-{version}.vsix");
    assert!(readme.contains(&install), "the README says `{install}`");
    let settings = manifest["contributes"]["configuration"]["properties"].as_object().expect("settings");
    assert!(settings.len() >= 3);
    for document in ["docs/editors.md", "pkg/vscode/README.md"] {
        let text = read(document);
        for setting in settings.keys() {
            assert!(text.contains(&format!("`{setting}`")), "{document} does not document `{setting}`");
        }
    }
    for entry in ["main", "browser", "icon", "publisher", "license", "repository", "categories"] {
        assert!(manifest.get(entry).is_some(), "the manifest has no `{entry}`, which the Marketplace needs");
    }
}
