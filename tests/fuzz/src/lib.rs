//! What every fuzz target asserts of any input: `check_bytes` returns, every span lies inside the
//! text on character boundaries, every position is 1-based, every renderer (text, JSON, SARIF,
//! GitHub) returns, and the fixes apply, all within the hostile-input memory bound. A panic
//! anywhere, or an allocation past the bound, is the crash libFuzzer reports.

use immuta_preflight_core::{Format, Options, Report, apply_fixes, check_bytes};
use immuta_preflight_service::render::{self, FileResult, OutputFormat};
use std::alloc::{GlobalAlloc, Layout, System};
use std::io::Write;
use std::sync::atomic::{AtomicUsize, Ordering};

/// The hostile-input bound (tests/hostile.rs): while one input is checked, at most this many
/// bytes per input byte, plus the allowance, are live on the heap.
pub const HEAP_PER_INPUT_BYTE: usize = 20;
pub const HEAP_ALLOWANCE: usize = 64 << 20;

/// Counts live heap bytes and refuses an allocation that would go past [`LIMIT`]. The refusal
/// aborts the process at once ("memory allocation of N bytes failed"), which libFuzzer reports as
/// a crash with the input saved, instead of a runaway input growing for gigabytes until the RSS
/// limit.
struct Budgeted;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static LIMIT: AtomicUsize = AtomicUsize::new(usize::MAX);

impl Budgeted {
    fn take(&self, bytes: usize) -> bool {
        let live = LIVE.fetch_add(bytes, Ordering::Relaxed) + bytes;
        if live <= LIMIT.load(Ordering::Relaxed) {
            return true;
        }
        LIVE.fetch_sub(bytes, Ordering::Relaxed);
        // Unbuffered and allocation-free: this runs inside the allocator.
        let _ = std::io::stderr()
            .write_all(b"immuta-preflight fuzz: over the memory bound (20 x the input + 64 MiB) on one input\n");
        false
    }
}

unsafe impl GlobalAlloc for Budgeted {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if !self.take(layout.size()) {
            return std::ptr::null_mut();
        }
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if new_size > layout.size() && !self.take(new_size - layout.size()) {
            return std::ptr::null_mut();
        }
        let moved = unsafe { System.realloc(ptr, layout, new_size) };
        if new_size < layout.size() {
            LIVE.fetch_sub(layout.size() - new_size, Ordering::Relaxed);
        } else if moved.is_null() {
            LIVE.fetch_sub(new_size - layout.size(), Ordering::Relaxed);
        }
        moved
    }
}

#[global_allocator]
static ALLOCATOR: Budgeted = Budgeted;

/// Runs `work` on an input of `len` bytes under the memory bound.
fn within_bound<T>(len: usize, work: impl FnOnce() -> T) -> T {
    let bound = LIVE.load(Ordering::Relaxed) + HEAP_PER_INPUT_BYTE * len + HEAP_ALLOWANCE;
    LIMIT.store(bound, Ordering::Relaxed);
    let result = work();
    LIMIT.store(usize::MAX, Ordering::Relaxed);
    result
}

const FORMATS: [OutputFormat; 4] = [OutputFormat::Text, OutputFormat::Json, OutputFormat::Sarif, OutputFormat::Github];

/// Checks `bytes` as a file of the given format and asserts the invariants.
pub fn check_everything(bytes: &[u8], format: Option<Format>) {
    within_bound(bytes.len(), || check_and_render(bytes, format));
}

fn check_and_render(bytes: &[u8], format: Option<Format>) {
    let options = Options { format, ..Default::default() };
    let (text, report) = check_bytes(bytes, &options);
    assert_spans_inside(&text, &report);
    let file = FileResult { path: "fuzz.json", source: &text, report: &report };
    for output in FORMATS {
        let rendered = render::render(output, std::slice::from_ref(&file), false);
        if matches!(output, OutputFormat::Json | OutputFormat::Sarif) {
            serde_json::from_str::<serde_json::Value>(&rendered).expect("JSON and SARIF output is JSON");
        }
    }
}

/// Applies every safe fix and checks the result again.
pub fn fix_everything(bytes: &[u8]) {
    within_bound(bytes.len(), || fix_and_check(bytes));
}

fn fix_and_check(bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    let fixed = apply_fixes(&text, &Options::default(), None);
    let (_, report) = check_bytes(fixed.as_bytes(), &Options::default());
    assert_spans_inside(&fixed, &report);
}

fn assert_spans_inside(text: &str, report: &Report) {
    for d in &report.diagnostics {
        assert!(d.span.start <= d.span.end && d.span.end <= text.len(), "{} span {:?}", d.code, d.span);
        assert!(
            text.is_char_boundary(d.span.start) && text.is_char_boundary(d.span.end),
            "{} span {:?}",
            d.code,
            d.span
        );
        assert!(d.location.line >= 1 && d.location.column >= 1);
        for edit in d.fix.iter().flat_map(|fix| &fix.edits) {
            assert_inside(text, [edit.span]);
            let copies = edit.parts.iter().filter_map(|part| match part {
                immuta_preflight_core::Part::Copy { from, .. } => Some(*from),
                immuta_preflight_core::Part::Text(_) => None,
            });
            assert_inside(text, copies);
        }
    }
    for secret in &report.redactions {
        assert!(secret.start <= secret.end && secret.end <= text.len(), "redaction {secret:?}");
    }
}

/// The readers alone, without the rules and renderers around them, so that thousands of inputs a
/// second reach their scanning loops: the text decoded, then read as JSON, as YAML and as the
/// words after `curl `, and as a PEM value. Every span they return lies inside the text.
pub fn read_everything(bytes: &[u8]) {
    within_bound(bytes.len(), || read(bytes));
}

fn read(bytes: &[u8]) {
    let (text, decoding) = immuta_preflight_core::input::encoding::decode(bytes);
    assert_inside(&text, decoding.iter().map(|d| d.span()));
    let command = format!("curl {text}");
    for (source, hint) in [(text.as_str(), Some(Format::Json)), (text.as_str(), Some(Format::Yaml)), (&command, None)] {
        let arena = immuta_preflight_core::document::Arena::new();
        let parsed = immuta_preflight_core::input::parse(source, hint, &arena);
        assert_inside(source, parsed.problems.iter().map(|d| d.span()));
        assert_inside(source, parsed.secret_spans.iter().copied());
        if let Some(root) = &parsed.root {
            let mut spans = Vec::new();
            root.walk(&mut |_, node| spans.push(node.span));
            assert_inside(source, spans);
        }
    }
    immuta_preflight_core::pem::analyze(&text);
    let edits = immuta_preflight_core::pem::restore_breaks(&text, 0).into_iter().flatten();
    let undone = immuta_preflight_core::pem::undo_double_escapes(&text, 0);
    assert_inside(&text, edits.chain(undone).map(|e| e.span));
}

fn assert_inside(text: &str, spans: impl IntoIterator<Item = immuta_preflight_core::Span>) {
    for span in spans {
        assert!(span.start <= span.end && span.end <= text.len(), "span {span:?}");
        assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end), "span {span:?}");
    }
}

/// Reads `bytes` as a config file: every mistake is a message naming a line and column inside
/// the text, and a config that reads gives options for any path.
pub fn read_config(bytes: &[u8]) {
    within_bound(bytes.len(), || {
        let text = String::from_utf8_lossy(bytes);
        match immuta_preflight_service::config::Config::parse("c.toml", &text) {
            Ok(config) => {
                let _ = config.for_file("a/b.json");
                let _ = config.excludes("fixtures/x.json");
            }
            Err(errors) => {
                let lines = text.split('\n').count();
                for error in errors {
                    let place = error.strip_prefix("c.toml:").expect("an error names the file");
                    let line: usize = place.split(':').next().and_then(|l| l.parse().ok()).expect("a line");
                    assert!((1..=lines).contains(&line), "line {line} of {lines}: {error}");
                }
            }
        }
    });
}

/// Completion and hover at an offset into the text (its first two bytes, the rest the text):
/// every range returned lies inside the text on character boundaries.
pub fn complete_and_describe(bytes: &[u8]) {
    let Some((offset, rest)) = bytes.split_first_chunk::<2>() else { return };
    within_bound(rest.len(), || {
        let text = String::from_utf8_lossy(rest);
        let offset = usize::from(u16::from_le_bytes(*offset)) % (text.len() + 1);
        let inside = |from: usize, to: usize| {
            assert!(from <= to && to <= text.len(), "{from}..{to} of {}", text.len());
            assert!(text.is_char_boundary(from) && text.is_char_boundary(to));
        };
        for format in [None, Some(Format::Json), Some(Format::Yaml)] {
            for found in immuta_preflight_service::complete::complete(&text, offset, None, format) {
                inside(found.from, found.to);
            }
            if let Some(field) = immuta_preflight_service::complete::describe(&text, offset, None, format) {
                inside(field.from, field.to);
            }
        }
    });
}

/// Feeds `bytes` to the language server as its standard input: framing and dispatch answer every
/// request, malformed or not, and never panic. (The server is in the native build only.)
#[cfg(not(target_family = "wasm"))]
pub fn serve(bytes: &[u8]) {
    within_bound(bytes.len(), || {
        for answer in immuta_preflight::lsp::replay(bytes) {
            assert!(answer.get("jsonrpc").is_some_and(|v| v == "2.0"), "{answer}");
        }
    });
}
