//! Every hostile input of `tests/fixtures/hostile.json` (empty, binary, 20 MB, 100 000 levels deep,
//! a million findings, ...) gets its expected first finding and finding count, from the library
//! and from the command line, within bounded memory and time, and never panics.
//!
//! The memory bound is counted, not sampled: this test binary's allocator records the peak of
//! live heap bytes. The time bound is a hang guard, far above the measured times (which
//! `make bench` prints); it is not a speed target.

mod common;
#[path = "common/counting.rs"]
mod counting;

use counting::Counting;
use immuta_preflight_core::{Code, Format, Options, RuleOptions, apply_fixes, check_bytes};
use std::process::Command;
use std::time::{Duration, Instant};

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Peak heap while checking: at most this many times the input, plus a fixed allowance.
const HEAP_PER_INPUT_BYTE: usize = 20;
const HEAP_ALLOWANCE: usize = 64 << 20;
/// A hang guard for one case (check and apply every fix), far above the slowest measured case.
const HANG_GUARD: Duration = Duration::from_secs(60);

fn summary(d: &immuta_preflight_core::Diagnostic) -> String {
    format!("{} {} {}:{}", d.severity.as_str(), d.code, d.location.line, d.location.column)
}

/// One `#[test]`, so that no other test allocates while a peak is being measured.
#[test]
fn hostile_inputs_get_their_expected_findings_in_bounded_memory_and_time() {
    let cases = common::hostile();
    assert!(cases.len() >= 20);
    let dir = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("hostile");
    std::fs::create_dir_all(&dir).expect("scratch dir");
    let mut failures = Vec::new();
    let ignored = common::hostile_ignored();
    let rules = RuleOptions {
        ignore: ignored.iter().map(|c| Code::ALL.iter().copied().find(|k| k.as_str() == c).expect("a code")).collect(),
        ..Default::default()
    };
    for case in &cases {
        let options = Options { format: Format::from_path(&case.file), rules: rules.clone(), ..Default::default() };
        let base = counting::start();
        let started = Instant::now();
        let (text, report) = check_bytes(&case.bytes, &options);
        let fixed = apply_fixes(&text, &options, None);
        let elapsed = started.elapsed();
        let peak = counting::peak_since(base);
        drop(fixed);
        println!(
            "{:45} {:>9} bytes {:>8.1} ms {:>6} MB peak",
            case.name,
            case.bytes.len(),
            elapsed.as_secs_f64() * 1e3,
            peak >> 20
        );

        let mut problems = Vec::new();
        let first = report.diagnostics.first().map(summary).unwrap_or_default();
        if !first.starts_with(&case.first) {
            problems.push(format!("first finding `{first}`, expected `{}`", case.first));
        }
        if !report.diagnostics.iter().any(|d| d.message.contains(&case.message)) {
            problems.push(format!("no message contains {:?}", case.message));
        }
        if report.diagnostics.len() != case.count {
            problems.push(format!("{} findings, expected {}", report.diagnostics.len(), case.count));
        }
        if let Some(last) = &case.last {
            let actual = report.diagnostics.last().map(summary).unwrap_or_default();
            if !actual.starts_with(last.as_str()) {
                problems.push(format!("last finding `{actual}`, expected `{last}`"));
            }
        }
        for d in &report.diagnostics {
            if d.span.end > text.len() || !text.is_char_boundary(d.span.start) || !text.is_char_boundary(d.span.end) {
                problems.push(format!("span {:?} is not inside the text", d.span));
            }
        }
        if peak > HEAP_PER_INPUT_BYTE * case.bytes.len() + HEAP_ALLOWANCE {
            problems.push(format!("peak heap {} MB", peak >> 20));
        }
        if elapsed > HANG_GUARD {
            problems.push(format!("took {elapsed:?}"));
        }

        // The command line: same first finding, and exit code 1 exactly when there are errors.
        let path = dir.join(&case.file);
        std::fs::write(&path, &case.bytes).expect("write case");
        let output = Command::new(env!("CARGO_BIN_EXE_immuta-preflight"))
            .args(["check", "--color", "never"])
            .args(ignored.iter().flat_map(|code| ["--ignore", code.as_str()]))
            .arg(&path)
            .output()
            .expect("run the CLI");
        let stdout = String::from_utf8_lossy(&output.stdout);
        let (severity, rest) = case.first.split_once(' ').unwrap_or_default();
        let (code, at) = rest.split_once(' ').unwrap_or((rest, ""));
        let prefix = format!("{}:{}", path.display(), at);
        let heading = format!(": {severity}[{code}]: ");
        if !(stdout.starts_with(&prefix) && stdout.lines().next().is_some_and(|l| l.contains(&heading))) {
            problems.push(format!("CLI output starts {:?}", stdout.lines().next().unwrap_or("")));
        }
        let expected_code = if report.has_errors() { 1 } else { 0 };
        if output.status.code() != Some(expected_code) {
            problems.push(format!("CLI exit {:?}: {}", output.status.code(), String::from_utf8_lossy(&output.stderr)));
        }
        if !problems.is_empty() {
            failures.push(format!("{}: {}", case.name, problems.join("; ")));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}
