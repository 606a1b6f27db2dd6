//! The conformance suites others wrote (`../shared/suites`: JSONTestSuite and yaml-test-suite),
//! read in place: every file goes through `check` and `apply_fixes` without an internal failure,
//! and the verdicts (valid text accepted, invalid text rejected with a `syntax` finding) do not
//! fall below what main scores: JSON 95/95 accepted and 188/188 rejected; YAML 94/94 invalid
//! rejected and 288/308 valid accepted (251 when the suites were added; streams of several
//! documents and flow collections at the root of a `.yaml` file are read since). The 20 valid
//! texts still refused hold complex keys (`? [a, b]: c`), which no JSON payload can be, or no
//! document at all.

use immuta_preflight_core::{Format, Kind, Options, apply_fixes, check_bytes};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

/// The suites' folder: `IMMUTA_PREFLIGHT_SUITES`, or `shared/suites` beside the checkout.
fn suites() -> Option<PathBuf> {
    let dir = std::env::var_os("IMMUTA_PREFLIGHT_SUITES")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/suites"));
    if dir.is_dir() {
        return Some(dir);
    }
    // CI always has the suites beside the checkout; elsewhere they may be absent.
    assert!(std::env::var_os("CI").is_none(), "the conformance suites are missing: {}", dir.display());
    eprintln!("skipped: no conformance suites at {} (set IMMUTA_PREFLIGHT_SUITES)", dir.display());
    None
}

/// Whether the text is accepted (no `syntax` finding), or the internal failure it caused.
fn verdict(bytes: &[u8], format: Format) -> Result<bool, String> {
    let options = Options { format: Some(format), ..Default::default() };
    // Checked also as a connection, so that every rule runs over the suite's trees.
    let as_connection = Options { kind: Kind::from_id("connection"), ..options.clone() };
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        let (text, report) = check_bytes(bytes, &options);
        apply_fixes(&text, &options, None);
        let (text, _) = check_bytes(bytes, &as_connection);
        apply_fixes(&text, &as_connection, None);
        report.diagnostics.iter().all(|d| d.code.as_str() != "syntax")
    }));
    outcome.map_err(|panic| {
        panic
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap_or_default()
    })
}

#[derive(Default, Debug)]
struct Score {
    accepted: usize,
    valid: usize,
    rejected: usize,
    invalid: usize,
}

impl Score {
    fn add(&mut self, valid: bool, accepted: bool) {
        if valid {
            self.valid += 1;
            self.accepted += usize::from(accepted);
        } else {
            self.invalid += 1;
            self.rejected += usize::from(!accepted);
        }
    }
}

#[test]
fn json_test_suite_keeps_its_verdicts() {
    let Some(dir) = suites() else { return };
    let mut score = Score::default();
    let mut failures = Vec::new();
    for entry in std::fs::read_dir(dir.join("JSONTestSuite")).expect("JSONTestSuite") {
        let path = entry.expect("entry").path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_string();
        if !name.ends_with(".json") {
            continue;
        }
        let bytes = std::fs::read(&path).expect("a suite file");
        match verdict(&bytes, Format::Json) {
            Ok(accepted) if name.starts_with("y_") => score.add(true, accepted),
            Ok(accepted) if name.starts_with("n_") => score.add(false, accepted),
            Ok(_) => {}
            Err(panic) => failures.push(format!("{name}: internal failure: {panic}")),
        }
    }
    println!(
        "JSONTestSuite: y_ accepted {}/{}, n_ rejected {}/{}",
        score.accepted, score.valid, score.rejected, score.invalid
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert_eq!((score.accepted, score.valid), (95, 95), "every y_ file accepted");
    assert_eq!((score.rejected, score.invalid), (188, 188), "every n_ file rejected");
}

#[test]
fn yaml_test_suite_keeps_its_verdicts() {
    let Some(dir) = suites() else { return };
    let mut score = Score::default();
    let mut failures = Vec::new();
    let mut stack = vec![dir.join("yaml-test-suite")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("a suite folder") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
            } else if path.file_name().is_some_and(|n| n == "in.yaml") {
                let bytes = std::fs::read(&path).expect("in.yaml");
                let valid = !dir.join("error").exists();
                match verdict(&bytes, Format::Yaml) {
                    Ok(accepted) => score.add(valid, accepted),
                    Err(panic) => failures.push(format!("{}: internal failure: {panic}", path.display())),
                }
            }
        }
    }
    println!(
        "yaml-test-suite: valid accepted {}/{}, invalid rejected {}/{}",
        score.accepted, score.valid, score.rejected, score.invalid
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert_eq!((score.rejected, score.invalid), (94, 94), "every invalid text rejected");
    assert_eq!(score.valid, 308);
    assert!(score.accepted >= 288, "valid texts accepted: {} of 308, fewer than main's 288", score.accepted);
}
