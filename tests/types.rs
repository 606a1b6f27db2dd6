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
    let current = immuta_preflight_service::typescript::with_unions(&text).expect("the generated block's markers");
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
