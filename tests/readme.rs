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
