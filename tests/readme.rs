//! The README cannot drift: its rule table, usage text and example output are compared with what
//! the code produces.

use std::process::Command;

fn section(readme: &str, name: &str) -> String {
    let start = format!("<!-- {name}:start -->\n");
    let end = format!("<!-- {name}:end -->");
    let from = readme.find(&start).unwrap_or_else(|| panic!("README lacks {start}")) + start.len();
    let to = readme[from..].find(&end).unwrap_or_else(|| panic!("README lacks {end}")) + from;
    readme[from..to].to_string()
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
fn rule_table_matches_the_rules() {
    let readme = std::fs::read_to_string("README.md").expect("README.md");
    assert_eq!(section(&readme, "rules").trim(), immuta_preflight::rules::markdown_table().trim());
}

#[test]
fn usage_matches_the_help_text() {
    let readme = std::fs::read_to_string("README.md").expect("README.md");
    assert_eq!(fenced(&section(&readme, "usage")), run(&["--help"]));
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
    let readme = std::fs::read_to_string("README.md").expect("README.md");
    let steps = section(&readme, "add-a-rule");
    let named = named_things_exist(&steps);
    assert!(named >= 9, "only {named} names checked in: {steps}");
    let registry = std::fs::read_to_string("src/rules/registry.rs").expect("registry");
    for item in ["macro_rules! registry", "pub const RUN_ORDER", "pub fn as_warning", "pub fn as_note"] {
        let source = if item.starts_with("pub fn as_") { "src/diagnostic.rs" } else { "src/rules/registry.rs" };
        let text = if source == "src/rules/registry.rs" {
            registry.clone()
        } else {
            std::fs::read_to_string(source).expect(source)
        };
        assert!(text.contains(item), "{source} lacks {item}");
    }
    for path in std::fs::read_dir("src/rules").expect("src/rules").map(|e| e.expect("entry").path()) {
        let text = std::fs::read_to_string(&path).expect("rule file");
        if text.contains("pub const DOC: Doc") {
            assert!(
                text.contains("pub fn check(ctx: &Context, sink: &mut Sink)"),
                "{}: no check entry point",
                path.display()
            );
        }
    }
    assert!(steps.contains("INSTA_UPDATE=always cargo test --test snapshots"));
    assert!(std::fs::read_to_string("tests/snapshots.rs").expect("snapshots.rs").contains("INSTA_UPDATE=always"));
}

/// "How to add a field" names files and make targets: each must exist.
#[test]
fn the_steps_to_add_a_field_name_what_exists() {
    let readme = std::fs::read_to_string("README.md").expect("README.md");
    let steps = section(&readme, "add-a-field");
    let named = named_things_exist(&steps);
    assert!(named >= 7, "only {named} names checked in: {steps}");
    let values = std::fs::read_to_string("src/values/mod.rs").expect("src/values/mod.rs");
    assert!(values.contains("pub const SLUGS"), "Form::SLUGS");
}
