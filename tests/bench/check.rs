//! `make bench`: median wall time of one `check` on a typical 3 KB connection payload and on
//! 50 KB and 200 KB ones, natively. Prints numbers; asserts nothing (speed is measured, never
//! tested). Leaves the payloads and the medians in `target/bench/` for the wasm benchmark
//! (`tests/bench/wasm.mjs`), which measures the same payloads and reports the ratio, and for the
//! page's benchmark (`tests/bench/www.mjs`), which types into the 3 KB and 50 KB ones.

#[path = "payload.rs"]
mod payload;

use immuta_preflight_core::{Options, check};
use payload::connection_payload;
use std::time::{Duration, Instant};

/// (median, fastest) of `runs` checks of `text`.
/// The median and fastest `check` of `text`, which must have no error, or `error` as its first finding.
fn measure(text: &str, runs: usize, error: Option<&str>) -> (Duration, Duration) {
    let options = Options::default();
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            let report = std::hint::black_box(check(std::hint::black_box(text), &options));
            let elapsed = start.elapsed();
            match error {
                None => assert!(
                    !report.has_errors(),
                    "the benchmark payload must be valid: {:?}",
                    report.diagnostics.first()
                ),
                Some(code) => assert_eq!(report.diagnostics.first().map(|d| d.code.as_str()), Some(code)),
            }
            elapsed
        })
        .collect();
    times.sort();
    (times[times.len() / 2], times[0])
}

fn main() {
    // `make bench-compare` asks for the comparison set's numbers only.
    if let Ok(list) = std::env::var("BENCH_COMPARE") {
        return compare(&list);
    }
    let small = connection_payload(3 * 1024, false);
    let keyed = connection_payload(0, true);
    let medium = connection_payload(50 * 1024, true);
    let large = connection_payload(200 * 1024, true);
    let first = Instant::now();
    check(&small, &Options::default());
    println!(
        "first check in the process (the validators are compiled in; nothing is built on first use): {:.2} ms",
        first.elapsed().as_secs_f64() * 1e3
    );
    let out = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench");
    let _ = std::fs::create_dir_all(&out);
    let mut medians = Vec::new();
    for (name, label, text, runs) in [
        ("small", "3 KB user/password", &small, 5000),
        ("keyed", "key-pair", &keyed, 5000),
        ("medium", "50 KB key-pair", &medium, 1000),
        ("large", "200 KB key-pair", &large, 200),
    ] {
        let (median, fastest) = measure(text, runs, None);
        let _ = std::fs::write(out.join(format!("{name}.json")), text);
        medians.push(format!("\"{name}\": {:.3}", median.as_secs_f64() * 1e6));
        println!(
            "check, {label} connection payload ({} bytes): median {:.1} µs, fastest {:.1} µs, over {runs} runs",
            text.len(),
            median.as_secs_f64() * 1e6,
            fastest.as_secs_f64() * 1e6
        );
    }
    let _ = std::fs::write(out.join("native.json"), format!("{{ {} }}\n", medians.join(", ")));
    let (median, fastest) = measure(ONCE_HUNG, 5000, Some("curl-command"));
    println!(
        "check, the 8 bytes `{ONCE_HUNG}` that once never returned: median {:.1} µs, fastest {:.1} µs, over 5000 runs",
        median.as_secs_f64() * 1e6,
        fastest.as_secs_f64() * 1e6
    );
}

/// An ANSI-C quote ending in a backslash: the curl reader used to loop on it for ever.
const ONCE_HUNG: &str = "curl $'\\";

/// The comparison set (a list of `kind path` lines): the median time of one pass over every
/// payload, checked as its kind, and how many payloads had an error or a warning. Prints JSON.
fn compare(list: &str) {
    let listed = std::fs::read_to_string(list).expect("the comparison list");
    let payloads: Vec<(Options, String)> = listed
        .lines()
        .filter_map(|line| line.split_once(' '))
        .map(|(kind, path)| {
            let kind = immuta_preflight_core::Kind::from_id(kind).expect("a kind");
            (Options { kind: Some(kind), ..Default::default() }, std::fs::read_to_string(path).expect("a payload"))
        })
        .collect();
    let flagged: Vec<bool> = payloads
        .iter()
        .map(|(options, text)| {
            let report = check(text, options);
            report.diagnostics.iter().any(|d| d.severity != immuta_preflight_core::Severity::Info)
        })
        .collect();
    let mut passes: Vec<Duration> = (0..15)
        .map(|_| {
            let start = Instant::now();
            for (options, text) in &payloads {
                std::hint::black_box(check(std::hint::black_box(text), options));
            }
            start.elapsed()
        })
        .collect();
    passes.sort();
    let flags: Vec<&str> = flagged.iter().map(|f| if *f { "true" } else { "false" }).collect();
    println!(
        "{{ \"passMicros\": {:.1}, \"payloads\": {}, \"flagged\": [{}] }}",
        passes[passes.len() / 2].as_secs_f64() * 1e6,
        payloads.len(),
        flags.join(",")
    );
}
