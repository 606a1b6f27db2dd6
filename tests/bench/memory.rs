//! `make bench`: the peak heap of one `check` of a 1 MB payload, natively, as a multiple of its
//! size, and the number of allocations one check of the 3 KB payload makes. Counted, not sampled: this binary's allocator records the peak of live heap bytes (as
//! tests/hostile.rs does), so it is a benchmark of its own and the timing one runs without it.
//! Prints numbers; asserts nothing. Leaves the ratio in `target/bench/memory.json` for the targets
//! table.

#[path = "payload.rs"]
mod payload;

use immuta_preflight_core::{Format, Options, check};
use payload::connection_payload;
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);
static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        let live = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
        PEAK.fetch_max(live, Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        if new_size > layout.size() {
            let live = LIVE.fetch_add(new_size - layout.size(), Ordering::Relaxed) + new_size - layout.size();
            PEAK.fetch_max(live, Ordering::Relaxed);
        } else {
            LIVE.fetch_sub(layout.size() - new_size, Ordering::Relaxed);
        }
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// The peak of live heap bytes while `text` is checked, beyond what was live before.
fn peak_of(text: &str, options: &Options) -> usize {
    let base = LIVE.load(Ordering::Relaxed);
    PEAK.store(base, Ordering::Relaxed);
    let report = check(text, options);
    assert!(!report.has_errors(), "the benchmark payload must be valid: {:?}", report.diagnostics.first());
    drop(report);
    PEAK.load(Ordering::Relaxed) - base
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
    let before = ALLOCATIONS.load(Ordering::Relaxed);
    drop(check(&small, &Options::default()));
    let allocations = ALLOCATIONS.load(Ordering::Relaxed) - before;
    println!("allocations of one check of the 3 KB user/password payload ({} bytes): {allocations}", small.len());
    ratios.push(format!("\"allocations\": {allocations}"));
    let out = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench");
    let _ = std::fs::create_dir_all(&out);
    let _ = std::fs::write(out.join("memory.json"), format!("{{ {} }}\n", ratios.join(", ")));
}
