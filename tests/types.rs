//! The npm package's TypeScript types list exactly what the engine has: every rule code in
//! `RuleCode` and every technology name in `Technology` (the JavaScript tests compare `RuleCode`
//! with `rules()` too).

use immuta_preflight::{Code, Technology};

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

#[test]
fn rule_code_lists_every_code() {
    let mut codes: Vec<String> = Code::ALL.iter().map(|c| c.as_str().to_string()).collect();
    codes.sort();
    assert_eq!(union("RuleCode"), codes);
}

#[test]
fn rule_group_lists_every_group() {
    assert_eq!(union("RuleGroup"), immuta_preflight::rules::selection::groups());
}

#[test]
fn technology_lists_every_technology() {
    let mut names: Vec<String> = Technology::ALL.iter().map(|t| t.name().to_string()).collect();
    names.sort();
    assert_eq!(union("Technology"), names);
}
