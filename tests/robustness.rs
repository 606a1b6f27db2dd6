//! No input makes the checker panic: every fixture, mutated many times (bytes deleted, tricky
//! characters inserted, text cut short), goes through `check` and `apply_fixes`, and every
//! reported position lies inside the text.

mod common;

use immuta_preflight_core::{Format, Options, apply_fixes, check};

/// A small deterministic generator (xorshift), so a failure is reproducible.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 as usize
    }
}

const INSERTS: &[&str] = &[
    "\"", "{", "}", "[", "]", ",", ":", "\\", "\n", "\r\n", "“", "’", "é", "🚀", "\u{a0}", "<x>", "'", "#", "*", "&a",
    "- ", "\t", "\\u12", "0x", "1e999",
];

fn mutate(text: &str, rng: &mut Rng) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    for _ in 0..1 + rng.next() % 3 {
        if chars.is_empty() {
            break;
        }
        let at = rng.next() % chars.len();
        match rng.next() % 4 {
            0 => {
                chars.remove(at);
            }
            1 => {
                let insert = INSERTS[rng.next() % INSERTS.len()];
                for (i, c) in insert.chars().enumerate() {
                    chars.insert(at + i, c);
                }
            }
            2 => chars.truncate(at),
            _ => {
                let other = rng.next() % chars.len();
                chars.swap(at, other);
            }
        }
    }
    chars.into_iter().collect()
}

#[test]
fn mutated_fixtures_never_panic_and_positions_stay_in_bounds() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut runs = 0;
    for path in common::fixtures("valid").into_iter().chain(common::fixtures("invalid")) {
        let original = common::load(&path);
        for round in 0..40 {
            let text = mutate(&original, &mut rng);
            for format in [None, Some(Format::Json), Some(Format::Yaml)] {
                let options = Options { format, ..Default::default() };
                let report = check(&text, &options);
                for d in &report.diagnostics {
                    assert!(
                        d.span.start <= d.span.end && d.span.end <= text.len(),
                        "{} round {round}: span {:?} outside the text",
                        common::name(&path),
                        d.span
                    );
                    assert!(d.location.line >= 1 && d.location.column >= 1);
                }
                runs += 1;
            }
            if round % 8 == 0 {
                let fixed = apply_fixes(&text, &Options::default(), None);
                assert!(!fixed.is_empty() || text.trim().is_empty() || fixed == text || text.len() < 3);
            }
        }
    }
    assert!(runs > 5000, "only {runs} runs");
}

#[test]
fn hostile_shapes_are_reported_not_fatal() {
    let deep = "[".repeat(100_000);
    let report = check(&deep, &Options::default());
    assert_eq!(report.diagnostics[0].code, "syntax");
    assert!(report.diagnostics[0].message.contains("nested more than"));
    let deep_yaml = "- ".repeat(5_000) + "x";
    assert!(
        check(&deep_yaml, &Options { format: Some(Format::Yaml), ..Default::default() })
            .diagnostics
            .iter()
            .any(|d| d.code == "syntax")
    );
    for text in ["", "   \n", "\u{feff}", "null", "[]", "\"text\"", "42", "curl", "curl -d", "type: [", "\u{0}"] {
        let report = check(text, &Options::default());
        assert!(!report.diagnostics.is_empty(), "{text:?} gives no finding");
    }
}

/// Templates and ignore comments are looked for in bounded windows: a long line full of them is
/// read in one pass (a quadratic search would take minutes here), and what it holds is reported.
#[test]
fn long_lines_of_template_and_comment_marks_are_read_in_one_pass() {
    let json = format!("{{\"type\": \"Trino\", \"config\": [{}]}}", "{{ x }}, ".repeat(40_000) + "{{ x }}");
    let report = check(&json, &Options::default());
    assert!(report.diagnostics.iter().any(|d| d.code == "template"), "{:?}", report.diagnostics.first());
    let unclosed = format!("{{\"type\": \"Trino\", \"config\": [{}]}}", "{{ x, ".repeat(40_000));
    assert!(check(&unclosed, &Options::default()).diagnostics.iter().any(|d| d.code == "syntax"));
    let yaml = format!("type: Trino\nconfig: {}\n", "{{ a }} ".repeat(40_000));
    assert!(!check(&yaml, &Options { format: Some(Format::Yaml), ..Default::default() }).diagnostics.is_empty());
    let comments = format!("type: Trino\nconfig: 1 {}\n", "# immuta-preflight: ignore[é ".repeat(20_000));
    let report = check(&comments, &Options { format: Some(Format::Yaml), ..Default::default() });
    assert!(report.diagnostics.iter().any(|d| d.code == "unknown-field"), "the rest is still checked");
}
