//! The map between a decoded string and its source is exact in every scalar style, or absent.
//!
//! Every string value of every valid fixture, written in every style (JSON, JSON with every
//! non-ASCII character escaped, YAML plain, single- and double-quoted, double-quoted with escapes,
//! literal and folded blocks, each on one line and folded over two), with a hostile character
//! inserted at its start, middle or end, or at a line fold. For each text: `check` and
//! `apply_fixes` return; every span and every edit lies inside the text on character boundaries;
//! every string of the tree has a map; and deleting a character through its map, where the map
//! vouches for that edit, reads back as the value without that character.

mod common;

use immuta_preflight_core::document::Arena;
use immuta_preflight_core::document::{Node, Value};
use immuta_preflight_core::input::{self, Format};
use immuta_preflight_core::source_map::SourceMap;
use immuta_preflight_core::{Options, apply_fixes, check};
use serde_json::Value as Json;

const HOSTILE: [char; 20] = [
    '\u{1}', '\u{7f}', '\u{fffd}', 'é', '😀', '\u{200b}', '\u{a0}', '\r', '\t', '#', ':', '"', '\'', '{', '&', '*',
    '!', '%', '@', '`',
];

#[derive(Clone, Copy, Debug, PartialEq)]
enum Style {
    Json,
    JsonEscaped,
    Plain,
    Single,
    Double,
    DoubleEscaped,
    Literal,
    Folded,
}

const STYLES: [Style; 8] = [
    Style::Json,
    Style::JsonEscaped,
    Style::Plain,
    Style::Single,
    Style::Double,
    Style::DoubleEscaped,
    Style::Literal,
    Style::Folded,
];

/// Where the hostile character goes in a value.
#[derive(Clone, Copy, Debug)]
enum Place {
    Start,
    Middle,
    End,
    /// In the middle, with the value folded onto the next line right after it.
    Fold,
}

const PLACES: [Place; 4] = [Place::Start, Place::Middle, Place::End, Place::Fold];

/// The middle of `text`, on a character boundary.
fn middle(text: &str) -> usize {
    let mut at = text.len() / 2;
    while !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

/// The value with `hostile` inserted; for `Fold`, also where the fold goes.
fn insert(value: &str, hostile: char, place: Place) -> (String, Option<usize>) {
    let at = match place {
        Place::Start => 0,
        Place::End => value.len(),
        Place::Middle | Place::Fold => middle(value),
    };
    let text = format!("{}{hostile}{}", &value[..at], &value[at..]);
    let fold = matches!(place, Place::Fold).then_some(at + hostile.len_utf8());
    (text, fold)
}

/// A string as a YAML scalar of `style`, continuing at `indent` when it spans lines, or as a
/// double-quoted scalar where the style cannot hold it.
fn scalar(text: &str, style: Style, fold: Option<usize>, indent: usize) -> String {
    let pad = " ".repeat(indent);
    let (head, tail) = fold.map_or((text, ""), |at| text.split_at(at));
    let plain_safe = |s: &str| {
        !s.is_empty()
            && immuta_preflight_core::input::yaml::stays_plain_string(s)
            && !s.contains(['\r', '\n'])
            && !s.contains(" *")
            && !s.contains(" &")
            && !s.contains(" !")
    };
    let block_safe = |s: &str| {
        !s.is_empty() && !s.contains('\r') && !s.starts_with([' ', '\t']) && !s.ends_with('\n') && !s.contains("\n ")
    };
    match style {
        Style::Plain if plain_safe(text) && (tail.is_empty() || plain_safe(head) && plain_safe(tail)) => {
            if tail.is_empty() { text.to_string() } else { format!("{head}\n{pad}{tail}") }
        }
        Style::Single
            if !text.contains(['\r', '\n']) && !tail.starts_with([' ', '\t']) && !head.ends_with([' ', '\t']) =>
        {
            let quote = |s: &str| s.replace('\'', "''");
            if tail.is_empty() {
                format!("'{}'", quote(text))
            } else {
                format!("'{}\n{pad}{}'", quote(head), quote(tail))
            }
        }
        Style::Literal | Style::Folded if block_safe(text) && !(style == Style::Folded && text.contains('\n')) => {
            let indicator = if style == Style::Literal { "|-" } else { ">-" };
            let mut lines: Vec<String> = head.split('\n').map(str::to_string).collect();
            if !tail.is_empty() {
                if tail.starts_with([' ', '\t']) || head.ends_with([' ', '\t']) {
                    return scalar(text, Style::Double, fold, indent);
                }
                lines.extend(tail.split('\n').map(str::to_string));
            }
            let body: Vec<String> = lines.iter().map(|l| format!("{pad}{l}")).collect();
            format!("{indicator}\n{}", body.join("\n"))
        }
        Style::DoubleEscaped => double(text, fold, &pad, true),
        _ => double(text, fold, &pad, false),
    }
}

fn double(text: &str, fold: Option<usize>, pad: &str, escape_all: bool) -> String {
    let escape = |s: &str| {
        let mut out = String::new();
        for c in s.chars() {
            match c {
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                '\n' => out.push_str("\\n"),
                '\r' => out.push_str("\\r"),
                '\t' if escape_all => out.push_str("\\t"),
                '\u{a0}' if escape_all => out.push_str("\\_"),
                c if (c as u32) < 0x20 || c == '\u{7f}' => out.push_str(&format!("\\x{:02x}", c as u32)),
                c if escape_all && (c as u32) > 0xffff => out.push_str(&format!("\\U{:08x}", c as u32)),
                c if escape_all && !c.is_ascii() => out.push_str(&format!("\\u{:04x}", c as u32)),
                c => out.push(c),
            }
        }
        out
    };
    match fold.map(|at| text.split_at(at)) {
        // A fold keeps no blanks at its edges: escape them (`\ `, `\t`) so they stay.
        Some((head, tail)) => {
            let edge = |s: String| s.replace(' ', "\\ ").replace('\t', "\\t");
            let head = escape(head);
            let tail = escape(tail);
            let head_trim = head.trim_end_matches([' ', '\t']);
            let head = format!("{head_trim}{}", edge(head[head_trim.len()..].to_string()));
            let tail_trim = tail.trim_start_matches([' ', '\t']);
            let tail = format!("{}{tail_trim}", edge(tail[..tail.len() - tail_trim.len()].to_string()));
            format!("\"{head}\n{pad}{tail}\"")
        }
        None => format!("\"{}\"", escape(text)),
    }
}

/// A key as YAML writes it: plain when it is a plain word.
fn key(name: &str) -> String {
    if !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-') {
        name.to_string()
    } else {
        serde_json::to_string(name).expect("a key")
    }
}

/// The counter picks each string's place in turn, so one text holds every place.
struct Writer<'a> {
    style: Style,
    hostile: char,
    counter: usize,
    out: &'a mut String,
}

impl Writer<'_> {
    fn mutate(&mut self, value: &str) -> (String, Option<usize>) {
        // Each style puts each value's character in another place.
        let style = STYLES.iter().position(|s| *s == self.style).unwrap_or(0);
        let place = PLACES[(self.counter + style) % PLACES.len()];
        self.counter += 1;
        insert(value, self.hostile, place)
    }

    fn json(&mut self, value: &Json) -> Json {
        match value {
            Json::String(s) => Json::String(self.mutate(s).0),
            Json::Array(items) => Json::Array(items.iter().map(|v| self.json(v)).collect()),
            Json::Object(members) => Json::Object(members.iter().map(|(k, v)| (k.clone(), self.json(v))).collect()),
            other => other.clone(),
        }
    }

    fn yaml(&mut self, value: &Json, indent: usize) {
        let pad = " ".repeat(indent);
        match value {
            Json::Object(members) => {
                for (name, member) in members {
                    self.out.push_str(&format!("{pad}{}:", key(name)));
                    self.nested(member, indent);
                }
            }
            Json::Array(items) => {
                for item in items {
                    self.out.push_str(&format!("{pad}-"));
                    self.nested(item, indent);
                }
            }
            _ => unreachable!("the root is a collection"),
        }
    }

    fn nested(&mut self, value: &Json, indent: usize) {
        match value {
            Json::Object(m) if m.is_empty() => self.out.push_str(" {}\n"),
            Json::Array(a) if a.is_empty() => self.out.push_str(" []\n"),
            Json::Object(_) | Json::Array(_) => {
                self.out.push('\n');
                self.yaml(value, indent + 2);
            }
            Json::String(s) => {
                let (text, fold) = self.mutate(s);
                let written = scalar(&text, self.style, fold, indent + 2);
                self.out.push_str(&format!(" {written}\n"));
            }
            other => self.out.push_str(&format!(" {other}\n")),
        }
    }
}

/// The fixture written in `style` with `hostile` in every string.
fn write(fixture: &Json, style: Style, hostile: char) -> (String, Format) {
    let mut out = String::new();
    let mut writer = Writer { style, hostile, counter: 0, out: &mut out };
    match style {
        Style::Json | Style::JsonEscaped => {
            let mutated = writer.json(fixture);
            let text = serde_json::to_string_pretty(&mutated).expect("JSON");
            let text = if style == Style::JsonEscaped {
                text.chars()
                    .map(|c| {
                        if c.is_ascii() {
                            c.to_string()
                        } else {
                            c.encode_utf16(&mut [0; 2]).iter().map(|u| format!("\\u{u:04x}")).collect()
                        }
                    })
                    .collect()
            } else {
                text
            };
            (text, Format::Json)
        }
        _ => {
            writer.yaml(fixture, 0);
            (out, Format::Yaml)
        }
    }
}

fn on_boundary(text: &str, start: usize, end: usize) -> bool {
    start <= end && end <= text.len() && text.is_char_boundary(start) && text.is_char_boundary(end)
}

/// Every string node of the tree, with its pointer.
fn strings<'a>(root: &'a Node<'a>) -> Vec<(String, &'a Node<'a>)> {
    let mut out = Vec::new();
    root.walk(&mut |path, node| {
        if matches!(node.value, Value::String(_)) {
            out.push((path.pointer(), node));
        }
    });
    out
}

/// Which character of each value a round of deletions takes.
#[derive(Clone, Copy, Debug)]
enum Victim {
    Hostile,
    Before,
    After,
    Last,
}

/// What one text gave: its problems, and how many deletions through a map were tried and vouched.
#[derive(Default)]
struct Outcome {
    problems: Vec<String>,
    tried: usize,
    vouched: usize,
}

fn examine(text: &str, format: Format, hostile: char) -> Outcome {
    let mut outcome = Outcome::default();
    let problems = &mut outcome.problems;
    let options = Options { format: Some(format), ..Default::default() };
    let report = check(text, &options);
    for d in &report.diagnostics {
        if !on_boundary(text, d.span.start, d.span.end) {
            problems.push(format!("span {:?} of {} off a character boundary", d.span, d.code));
        }
        for edit in d.fix.iter().flat_map(|f| &f.edits) {
            if !on_boundary(text, edit.span.start, edit.span.end) {
                problems.push(format!("an edit of {} at {:?} off a character boundary", d.code, edit.span));
            }
        }
    }
    if report.diagnostics.iter().any(|d| d.fix.is_some()) {
        apply_fixes(text, &options, None);
    }
    let arena = Arena::new();
    let parsed = input::parse(text, Some(format), &arena);
    let Some(root) = parsed.root.as_ref() else {
        return outcome;
    };
    let mut maps = Vec::new();
    for (pointer, node) in strings(root) {
        let value = node.as_str().expect("a string");
        let Some(map) = SourceMap::of_value(text, node, format) else {
            // A `{{ template }}` is read as a masked value: its text is not its source.
            if !text[node.span.start..node.span.end].contains("{{") {
                problems.push(format!("{pointer}: no map for {value:?} at {:?}", node.span));
            }
            continue;
        };
        for (at, c) in value.char_indices() {
            if let Some(range) = map.range(at, at + c.len_utf8())
                && !on_boundary(text, range.start, range.end)
            {
                problems.push(format!("{pointer}: character {at} maps off a boundary, to {range:?}"));
            }
        }
        maps.push((pointer, value, map));
    }
    // Each round deletes one character of every value at once, through the maps, and reads the
    // text again: every value must read back as itself without that character.
    for victim in [Victim::Hostile, Victim::Before, Victim::After, Victim::Last] {
        let mut edits = Vec::new();
        let mut expected = Vec::new();
        for (pointer, value, map) in &maps {
            let chars: Vec<(usize, char)> = value.char_indices().collect();
            let Some(hostile_at) = chars.iter().position(|&(_, c)| c == hostile) else { continue };
            let index = match victim {
                Victim::Hostile => Some(hostile_at),
                Victim::Before => hostile_at.checked_sub(1),
                Victim::After => Some(hostile_at + 1),
                Victim::Last => chars.len().checked_sub(1),
            };
            let Some(&(at, c)) = index.and_then(|i| chars.get(i)) else { continue };
            let end = at + c.len_utf8();
            outcome.tried += 1;
            let Some(found) = map.edits(&[(at, end, "")]) else { continue };
            outcome.vouched += 1;
            edits.extend(found);
            expected.push((pointer, format!("{}{}", &value[..at], &value[end..]), c));
        }
        edits.sort_by_key(|e| e.span.start);
        let mut edited = text.to_string();
        for edit in edits.iter().rev() {
            edited.replace_range(edit.span.start..edit.span.end, "");
        }
        let reread = input::parse(&edited, Some(format), &arena);
        for (pointer, value, c) in expected {
            let got = reread.root.as_ref().and_then(|r| r.pointer(pointer)).and_then(Node::as_str);
            if got != Some(value.as_str()) {
                problems.push(format!(
                    "{pointer}: deleting {c:?} ({victim:?}) should leave {value:?}, reads back as {got:?}"
                ));
            }
        }
    }
    outcome
}

#[test]
fn every_style_maps_exactly_with_hostile_characters_anywhere() {
    let fixtures: Vec<_> =
        common::fixtures("valid").into_iter().filter(|p| p.extension().is_some_and(|e| e != "sh")).collect();
    assert!(fixtures.len() >= 30, "the valid fixtures: {}", fixtures.len());
    let cases: Vec<_> = fixtures
        .iter()
        .flat_map(|path| {
            let source = common::load(path);
            let arena = Arena::new();
            let parsed = input::parse(&source, Format::from_path(&path.to_string_lossy()), &arena);
            let fixture = parsed.root.as_ref().map(Node::to_json).expect("a valid fixture parses");
            let name = common::name(path);
            STYLES.into_iter().flat_map(move |style| {
                let (name, fixture) = (name.clone(), fixture.clone());
                HOSTILE.into_iter().map(move |hostile| (name.clone(), fixture.clone(), style, hostile))
            })
        })
        .collect();
    // Two workers: the machines this runs on have two cores.
    let failures: Vec<String> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..2)
            .map(|worker| {
                let cases = &cases;
                scope.spawn(move || {
                    let mut failures = Vec::new();
                    let (mut tried, mut vouched) = (0, 0);
                    for (name, fixture, style, hostile) in cases.iter().skip(worker).step_by(2) {
                        let (text, format) = write(fixture, *style, *hostile);
                        let outcome = examine(&text, format, *hostile);
                        (tried, vouched) = (tried + outcome.tried, vouched + outcome.vouched);
                        for problem in outcome.problems {
                            failures.push(format!("{name} as {style:?} with {hostile:?}: {problem}"));
                        }
                    }
                    (failures, tried, vouched)
                })
            })
            .collect();
        let results: Vec<_> = workers.into_iter().map(|w| w.join().expect("a worker")).collect();
        let (tried, vouched) = results.iter().fold((0, 0), |(t, v), r| (t + r.1, v + r.2));
        println!("{} texts; {vouched} of {tried} deletions through a map vouched for and read back", cases.len());
        // Most deletions are exact: a map that vouched for none would pass the rest vacuously.
        assert!(vouched * 10 >= tried * 7, "only {vouched} of {tried} deletions vouched for");
        results.into_iter().flat_map(|r| r.0).collect()
    });
    assert!(
        failures.is_empty(),
        "{} problems, the first:\n{}",
        failures.len(),
        failures.iter().take(30).cloned().collect::<Vec<_>>().join("\n")
    );
}

/// Writes the sweep's texts into the folder `IMMUTA_PREFLIGHT_SWEEP` names (`make sweep`), with
/// `findings.json`: each text's findings from the native engine (`severity code line:column-
/// endLine:endColumn`), and the text `apply_fixes` makes of it. The other doors' tests (WASI, npm,
/// the page) check every text and must agree. Does nothing without the variable.
#[test]
fn write_the_sweep_corpus() {
    let Some(dir) = std::env::var_os("IMMUTA_PREFLIGHT_SWEEP").map(std::path::PathBuf::from) else { return };
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("the sweep folder");
    let mut written = 0;
    let mut expected = serde_json::Map::new();
    let fixtures: Vec<_> =
        common::fixtures("valid").into_iter().filter(|p| p.extension().is_some_and(|e| e != "sh")).collect();
    for path in &fixtures {
        let source = common::load(path);
        let arena = Arena::new();
        let parsed = input::parse(&source, Format::from_path(&path.to_string_lossy()), &arena);
        let fixture = parsed.root.as_ref().map(Node::to_json).expect("a valid fixture parses");
        let stem = path.file_stem().and_then(|s| s.to_str()).expect("a name").to_string();
        let kind = path.parent().and_then(|p| p.file_name()).and_then(|n| n.to_str()).expect("a folder");
        for (s, style) in STYLES.into_iter().enumerate() {
            for (h, hostile) in HOSTILE.into_iter().enumerate() {
                let (text, format) = write(&fixture, style, hostile);
                let extension = if format == Format::Json { "json" } else { "yaml" };
                let name = format!("{kind}-{stem}-{s}{h:02}.{extension}");
                std::fs::write(dir.join(&name), &text).expect("a sweep file");
                expected.insert(name, findings(&text, format));
                written += 1;
            }
        }
    }
    assert_eq!(written, STYLES.len() * HOSTILE.len() * fixtures.len());
    // The inputs that once made every door fail, beside them.
    for name in [
        "yaml-folded-plain-value-control-then-non-ascii.yaml",
        "yaml-folded-connection-key-zero-width-and-no-break-space.yaml",
    ] {
        let text =
            std::fs::read_to_string(common::root().join("../fuzz/regressions").join(name)).expect("a regression");
        std::fs::write(dir.join(format!("regression-{name}")), &text).expect("a sweep file");
        expected.insert(format!("regression-{name}"), findings(&text, Format::Yaml));
    }
    let manifest = serde_json::to_string(&expected).expect("JSON");
    std::fs::write(dir.join("findings.json"), manifest).expect("findings.json");
}

/// What the native engine makes of a sweep text: its findings, and its text with every fix.
fn findings(text: &str, format: Format) -> Json {
    let options = Options { format: Some(format), ..Default::default() };
    let report = check(text, &options);
    let found: Vec<String> = report
        .diagnostics
        .iter()
        .map(|d| {
            let l = &d.location;
            format!("{} {} {}:{}-{}:{}", d.severity.as_str(), d.code, l.line, l.column, l.end_line, l.end_column)
        })
        .collect();
    serde_json::json!({ "findings": found, "fixed": apply_fixes(text, &options, None) })
}
