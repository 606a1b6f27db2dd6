//! The npm package's TypeScript types list exactly what the engine has: every rule code in
//! `RuleCode` and every technology name in `Technology` (the JavaScript tests compare `RuleCode`
//! with `rules()` too).

use immuta_preflight_core::{Code, Technology};

/// The string literals of `export type <name> = | "a" | "b";` in `pkg/index.d.ts`.
fn union(name: &str) -> Vec<String> {
    let types = std::fs::read_to_string("pkg/index.d.ts").expect("pkg/index.d.ts");
    let start = format!("export type {name} =");
    let from = types.find(&start).unwrap_or_else(|| panic!("index.d.ts lacks {start}")) + start.len();
    let body = &types[from..from + types[from..].find(';').expect("the type ends")];
    let mut found: Vec<String> = body.split('"').skip(1).step_by(2).map(str::to_string).collect();
    found.sort();
    found
}

/// The generated unions of `pkg/index.d.ts` are the engine's (`make docs` writes them).
#[test]
fn the_generated_unions_are_up_to_date() {
    let path = "pkg/index.d.ts";
    let text = std::fs::read_to_string(path).expect("pkg/index.d.ts");
    let current = immuta_preflight_service::typescript::with_generated(&text).expect("the generated block's markers");
    if std::env::var_os("IMMUTA_PREFLIGHT_WRITE_DOCS").is_some() {
        std::fs::write(path, &current).expect("write pkg/index.d.ts");
    } else {
        assert!(current == text, "pkg/index.d.ts is out of date: run `make docs`");
    }
}

#[test]
fn rule_code_lists_every_code() {
    let mut codes: Vec<String> = Code::ALL.iter().map(|c| c.as_str().to_string()).collect();
    codes.sort();
    assert_eq!(union("RuleCode"), codes);
}

#[test]
fn rule_group_lists_every_group() {
    assert_eq!(union("RuleGroup"), immuta_preflight_core::rules::selection::groups());
}

#[test]
fn technology_lists_every_technology() {
    let mut names: Vec<String> = Technology::ALL.iter().map(|t| t.name().to_string()).collect();
    names.sort();
    assert_eq!(union("Technology"), names);
}

/// The members of `export interface <name>` in `pkg/index.d.ts` (with those of the interface it
/// extends).
fn interface(name: &str) -> std::collections::BTreeSet<String> {
    let types = std::fs::read_to_string("pkg/index.d.ts").expect("pkg/index.d.ts");
    let start = format!("export interface {name} ");
    let from = types.find(&start).unwrap_or_else(|| panic!("index.d.ts lacks {start}"));
    let header = &types[from..from + types[from..].find('{').expect("a body")];
    let body = &types[from + header.len() + 1..];
    let body = &body[..body.find("\n}").expect("the interface ends")];
    let mut members: std::collections::BTreeSet<String> = body
        .lines()
        .map(str::trim)
        .filter(|l| !l.starts_with("/*") && !l.starts_with('*') && l.contains(':'))
        .map(|l| l.split([':', '?']).next().expect("a name").to_string())
        .collect();
    if let Some(parent) = header.split(" extends ").nth(1) {
        members.extend(interface(parent.trim()));
    }
    members
}

/// The keys of every object at `path` (`diagnostics[]`, `diagnostics[].fix`, ...) in `value`.
fn keys(value: &serde_json::Value, path: &[&str]) -> std::collections::BTreeSet<String> {
    let Some((first, rest)) = path.split_first() else {
        return value.as_object().map(|o| o.keys().cloned().collect()).unwrap_or_default();
    };
    match first.strip_suffix("[]") {
        Some(name) => value[name].as_array().into_iter().flatten().flat_map(|item| keys(item, rest)).collect(),
        None => keys(&value[first], rest),
    }
}

/// The generated interfaces of the report list exactly the members that the service's wire
/// types write: a report with every kind of member (a fix with a copy, one across files).
#[test]
fn the_report_interfaces_are_the_wire_types() {
    let connection = "connectionKey: shared\nconnection:\n  technology: Snowflake\n  hostname: acme.snowflakecomputing.com\n  port: \"443\"\n";
    let checked = immuta_preflight_service::files::check_files(
        [("a.yaml".to_string(), connection.to_string()), ("b.yaml".to_string(), connection.to_string())],
        &immuta_preflight_core::Options::default(),
    );
    let missing = std::fs::read_to_string("tests/fixtures/invalid/missing-field.json").expect("the fixture");
    let copy = immuta_preflight_service::files::check_files(
        [("c.json".to_string(), missing)],
        &immuta_preflight_core::Options::default(),
    );
    let reports: Vec<serde_json::Value> = immuta_preflight_service::wire::file_reports(&checked)
        .iter()
        .chain(&immuta_preflight_service::wire::file_reports(&copy))
        .map(|r| serde_json::to_value(r).expect("JSON"))
        .collect();
    let all = serde_json::json!({ "reports": reports });
    let mut report = keys(&all, &["reports[]"]);
    report.remove("path");
    assert_eq!(report, interface("Report"));
    assert_eq!(keys(&all, &["reports[]", "diagnostics[]"]), interface("Diagnostic"));
    assert_eq!(keys(&all, &["reports[]", "diagnostics[]", "fix"]), interface("Fix"));
    assert_eq!(keys(&all, &["reports[]", "diagnostics[]", "related[]"]), interface("RelatedLocation"));
    let edits = keys(&all, &["reports[]", "diagnostics[]", "fix", "edits[]"]);
    let mut range = interface("TextRange");
    range.extend(["text".to_string(), "parts".to_string()]);
    assert_eq!(edits, range, "an edit is a TextRange with `text` or `parts`");
}
