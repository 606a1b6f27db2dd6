//! Every rule's `## Example` is run: its first fenced block, checked as a payload, must produce a
//! finding of that rule. A rule whose example cannot be one text says why below.

use immuta_preflight_core::{Code, Format, Options, check};

/// Rules whose example is prose, each with the reason it cannot be one checked text.
const NOT_ONE_TEXT: &[(&str, &str)] = &[
    ("private-key-structure", "it needs a whole generated key whose DER structure is wrong"),
    ("duplicate-connection-key", "a check across files: two files"),
    ("duplicate-integration", "a check across files: two files"),
    ("script-mismatch", "a check across files: two files"),
    ("input-limit", "a text over 16 MiB"),
    ("internal-error", "only a bug in immuta-preflight makes one"),
];

/// The first fenced block of the doc's `## Example` section, and its language.
fn example(doc: &str) -> Option<(&str, &str)> {
    let section = doc.split("## Example").nth(1)?.split("\n## ").next()?;
    let open = section.find("```")?;
    let rest = &section[open + 3..];
    let (language, body) = rest.split_once('\n')?;
    Some((language.trim(), &body[..body.find("```")?]))
}

#[test]
fn every_rules_example_produces_its_finding() {
    let mut failures = Vec::new();
    let mut run = 0;
    for code in Code::ALL {
        let Some((language, text)) = example(code.doc().body) else {
            let reason = NOT_ONE_TEXT.iter().find(|(c, _)| *c == code.as_str());
            assert!(reason.is_some(), "{code}: its ## Example has no fenced block to run, and no reason is given");
            continue;
        };
        assert!(!NOT_ONE_TEXT.iter().any(|(c, _)| *c == code.as_str()), "{code} has an example now: run it");
        let format = match language {
            "yaml" => Some(Format::Yaml),
            "sh" => Some(Format::Curl),
            _ => Some(Format::Json),
        };
        // A JSON example written as members (the part of a payload that matters) is checked as
        // the object that holds them.
        let text = if format == Some(Format::Json) && !text.trim_start().starts_with('{') {
            format!("{{{text}}}")
        } else {
            text.to_string()
        };
        let report = check(&text, &Options { format, ..Options::default() });
        run += 1;
        if !report.diagnostics.iter().any(|d| d.code == *code) {
            let found: Vec<&str> = report.diagnostics.iter().map(|d| d.code.as_str()).collect();
            failures.push(format!("{code}: its example gives {found:?}\n{text}"));
        }
    }
    assert!(failures.is_empty(), "{} of {run} examples miss their rule:\n{}", failures.len(), failures.join("\n"));
}
