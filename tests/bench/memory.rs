//! `make bench`: the peak heap of one `check` of a 1 MB payload, natively, as a multiple of its
//! size, and the number of allocations one check of the 3 KB payload makes. Counted, not sampled:
//! the allocator of tests/common/counting.rs (which tests/hostile.rs uses too) records the peak of
//! live heap bytes, so this is a benchmark of its own and the timing one runs without it.
//! Prints numbers; asserts nothing. Leaves the ratio in `target/bench/memory.json` for the targets
//! table.

#[path = "../common/counting.rs"]
mod counting;
#[path = "payload.rs"]
mod payload;

use counting::Counting;
use immuta_preflight_core::{Format, Options, check};
use payload::connection_payload;

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// The peak of live heap bytes while `text` is checked, beyond what was live before.
fn peak_of(text: &str, options: &Options) -> usize {
    let base = counting::start();
    let report = check(text, options);
    assert!(!report.has_errors(), "the benchmark payload must be valid: {:?}", report.diagnostics.first());
    drop(report);
    counting::peak_since(base)
}

/// `value` as block-style YAML (as people write it), every string double-quoted.
fn block_yaml(value: &serde_json::Value, indent: usize, out: &mut String) {
    let pad = " ".repeat(indent);
    match value {
        serde_json::Value::Object(members) => {
            for (key, value) in members {
                out.push_str(&format!("{pad}{key}:"));
                match value {
                    serde_json::Value::Object(_) | serde_json::Value::Array(_) => {
                        out.push('\n');
                        block_yaml(value, indent + 2, out);
                    }
                    scalar => out.push_str(&format!(" {scalar}\n")),
                }
            }
        }
        serde_json::Value::Array(items) => {
            for item in items {
                out.push_str(&format!("{pad}- {item}\n"));
            }
        }
        scalar => out.push_str(&format!("{pad}{scalar}\n")),
    }
}

fn main() {
    let json = connection_payload(1 << 20, true);
    let mut yaml = String::new();
    block_yaml(&serde_json::from_str(&json).expect("JSON"), 0, &mut yaml);
    let as_yaml = Options { format: Some(Format::Yaml), ..Default::default() };
    let cases = [
        ("json", "JSON", &json, Options::default()),
        ("yaml", "block-style YAML", &yaml, as_yaml.clone()),
        ("flow", "flow-style YAML (the JSON text, read as YAML)", &json, as_yaml),
    ];
    let mut ratios = Vec::new();
    for (key, label, text, options) in &cases {
        let peak = peak_of(text, options);
        let ratio = peak as f64 / text.len() as f64;
        ratios.push(format!("\"{key}\": {ratio:.1}"));
        println!(
            "peak heap, checking a 1 MB key-pair connection payload as {label} ({} bytes): {:.1} MB, {ratio:.1}× the input",
            text.len(),
            peak as f64 / f64::from(1 << 20),
        );
    }
    // Allocations (and reallocations) of one check of the 3 KB payload, after a first check has
    // initialised what is built once per process.
    let small = connection_payload(3 * 1024, false);
    check(&small, &Options::default());
    let before = counting::allocations();
    drop(check(&small, &Options::default()));
    let allocations = counting::allocations() - before;
    println!("allocations of one check of the 3 KB user/password payload ({} bytes): {allocations}", small.len());
    ratios.push(format!("\"allocations\": {allocations}"));
    let out = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench");
    let _ = std::fs::create_dir_all(&out);
    let _ = std::fs::write(out.join("memory.json"), format!("{{ {} }}\n", ratios.join(", ")));
}
