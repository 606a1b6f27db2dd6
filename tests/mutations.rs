//! Every documented fact, proven by mutation. Each valid fixture is changed one place at a time,
//! as a new user's mistakes come, and each change the field catalogue says must be found is
//! found, at that place, with the expected code: key typos, type flips, enum slips, a required
//! field deleted, one twin changed, and each value form broken its characteristic way. Changes to
//! free text (names, passwords) must raise no error: the guard against false alarms. The
//! mutations are derived from the catalogue (`schemas::reference::entries`), never listed here by
//! field, so a field added to the catalogue is mutated too. Each fixture is written as JSON and
//! as YAML. The run prints a recall table per class and kind.

mod common;

use immuta_preflight_core::document::Arena;
use immuta_preflight_core::document::{Node, Value as NodeValue};
use immuta_preflight_core::schemas::reference::{self, Entry};
use immuta_preflight_core::values::judged;
use immuta_preflight_core::{Format, Kind, Options, Severity, check, input, kind};
use serde_json::{Value, json};
use std::collections::BTreeMap;

/// What a mutation must produce.
#[derive(Debug, Clone)]
enum Expect {
    /// A warning or an error with this code at this pointer, on the line of that member.
    Find { code: &'static str, at: String },
    /// A warning or an error with this code at or below this pointer (a deletion that changes
    /// the variant: what is missing is then the other variant's).
    FindUnder { code: &'static str, under: String },
    /// A mismatch at this pointer that does not offer to copy its (malformed) twin over it.
    NoCopy { at: String },
    /// No error anywhere.
    NoError,
}

struct Mutation {
    class: &'static str,
    /// What was done, for the failure message.
    what: String,
    payload: Value,
    expect: Expect,
}

/// The last reference token of a pointer, and its parent.
fn split(pointer: &str) -> (&str, &str) {
    pointer.rsplit_once('/').unwrap_or(("", pointer))
}

fn with(payload: &Value, pointer: &str, value: Value) -> Value {
    let mut out = payload.clone();
    if let Some(slot) = out.pointer_mut(pointer) {
        *slot = value;
    }
    out
}

fn without(payload: &Value, pointer: &str) -> Value {
    let mut out = payload.clone();
    let (parent, name) = split(pointer);
    if let Some(Value::Object(map)) = out.pointer_mut(parent) {
        map.remove(name);
    }
    out
}

fn renamed(payload: &Value, pointer: &str, to: &str) -> Value {
    let mut out = payload.clone();
    let (parent, name) = split(pointer);
    if let Some(Value::Object(map)) = out.pointer_mut(parent)
        && let Some(value) = map.remove(name)
    {
        map.insert(to.to_string(), value);
    }
    out
}

/// A letter dropped from the middle (`hostname` → `hostame`).
fn dropped(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let middle = chars.len() / 2;
    chars.iter().enumerate().filter(|(i, _)| *i != middle).map(|(_, c)| c).collect()
}

/// The same letters in another case (`Snowflake` → `snowflake`; `keyPair` → `KEYPAIR`).
fn recased(text: &str) -> String {
    let lower = text.to_lowercase();
    if lower != text { lower } else { text.to_uppercase() }
}

/// The form of a field: its own, or its twin's (a twin has the form of its `connection` side).
fn form_of<'a>(entry: &'a Entry, entries: &'a [Entry]) -> Option<&'a str> {
    entry.form.as_deref().or_else(|| {
        let twin = entry.twin.as_deref()?;
        entries.iter().find(|e| e.pointer == twin)?.form.as_deref()
    })
}

/// Each form broken its characteristic ways: `(class, broken value, expected code)`.
fn form_breaks(form: &str, value: &str) -> Vec<(&'static str, String, &'static str)> {
    let mut out = Vec::new();
    let mut push = |class, broken: String, code| {
        if broken != value {
            out.push((class, broken, code));
        }
    };
    match form {
        "host" => {
            if let Some((rest, _)) = value.rsplit_once('.') {
                push("host: suffix cut", rest.to_string(), "host-format");
            }
            push("host: suffix misspelt", value[..value.len() - 1].to_string(), "host-format");
            push("host: scheme pasted", format!("https://{value}"), "host-format");
            push("host: port pasted", format!("{value}:443"), "host-format");
            push("whitespace", format!("{value} "), "whitespace");
        }
        "http-path" => {
            // A cluster's `sql/protocolv1/…` path may go without its `/` [D]; a warehouse's may not.
            if value.starts_with("/sql/1.0/") {
                push("http-path: no leading slash", value.trim_start_matches('/').to_string(), "http-path");
            }
            push("whitespace", format!("{value} "), "whitespace");
        }
        "aws-region" => push("aws: region upper-case", value.to_uppercase(), "aws-format"),
        "aws-account-id" => push("aws: account id cut", value[1..].to_string(), "aws-format"),
        "role-arn" => push("aws: not a role", value.replace(":role/", ":user/"), "aws-format"),
        "s3-location" => push("aws: s3:// lost", value.trim_start_matches("s3://").to_string(), "aws-format"),
        "aws-access-key-id" => push("aws: key id cut", value[1..].to_string(), "aws-format"),
        "aws-secret-access-key" => push("aws: secret key cut", value[1..].to_string(), "aws-format"),
        "databricks-token" => {
            push("token: prefix lost", value.trim_start_matches("dapi").to_string(), "credential-format")
        }
        "client-id" => push("client id cut", value[1..].to_string(), "credential-format"),
        "thumbprint" => push("thumbprint cut", value[1..].to_string(), "credential-format"),
        "authority-url" => push("authority url over http", value.replace("https://", "http://"), "credential-format"),
        "bigquery-dataset" => push("dataset: hyphen", format!("{value}-x"), "gcp-format"),
        "snowflake-identifier" | "secret" => push("invisible character", format!("{value}\u{200b}"), "whitespace"),
        _ => {}
    }
    out
}

/// A private key with one line lost in the middle.
fn line_lost(pem: &str) -> Option<String> {
    let mut lines: Vec<&str> = pem.lines().collect();
    (lines.len() > 6).then(|| {
        lines.remove(lines.len() / 2);
        lines.join("\n")
    })
}

/// `pointer` set to `value`, to be found there with `code`.
fn set(class: &'static str, payload: &Value, pointer: &str, value: Value, code: &'static str) -> Mutation {
    Mutation {
        class,
        what: format!("{pointer} = {value}"),
        payload: with(payload, pointer, value),
        expect: Expect::Find { code, at: pointer.to_string() },
    }
}

/// The mutations of one payload that the catalogue's `entries` call for.
fn mutations(kind: Kind, payload: &Value, entries: &[Entry]) -> Vec<Mutation> {
    let mut out = Vec::new();
    let variant_of = |payload: &Value| {
        let text = payload.to_string();
        let arena = Arena::new();
        kind::select_variant(kind, &input::parse(&text, Some(Format::Json), &arena).root.expect("JSON")).def
    };
    let variant = variant_of(payload);
    for entry in entries.iter().filter(|e| !e.pointer.is_empty() && !e.pointer.contains("/*")) {
        let pointer = entry.pointer.as_str();
        let Some(value) = payload.pointer(pointer) else { continue };
        let (parent, name) = split(pointer);
        let find = |code, at: &str| Expect::Find { code, at: at.to_string() };
        // A key typo: an unknown member, reported where it is, where the catalogue says members
        // are closed or the member is required (in an open object a new member may be fine).
        let closed = entries.iter().any(|e| e.pointer == parent && e.closed);
        if name.len() > 3 && (closed || entry.required) {
            let typo = dropped(name);
            out.push(Mutation {
                class: "key typo",
                what: format!("{pointer} renamed {typo}"),
                payload: renamed(payload, pointer, &typo),
                expect: find("unknown-field", &format!("{parent}/{typo}")),
            });
        }
        // A required field deleted.
        if entry.required || entry.soft {
            let deleted = without(payload, pointer);
            let expect = if variant_of(&deleted) == variant {
                find("missing-field", pointer)
            } else {
                Expect::FindUnder { code: "missing-field", under: parent.to_string() }
            };
            out.push(Mutation {
                class: "required deleted",
                what: format!("{pointer} deleted"),
                payload: deleted,
                expect,
            });
        }
        // A type flip.
        let flipped = match value {
            Value::String(_) if entry.types == ["string"] => Some(json!(12345)),
            Value::Number(n) => Some(json!(n.to_string())),
            Value::Bool(b) if entry.types == ["boolean"] => Some(json!(b.to_string())),
            Value::Object(_) if entry.types == ["object"] => Some(json!("object")),
            Value::Array(_) if entry.types == ["array"] => Some(json!("array")),
            _ => None,
        };
        if let Some(flipped) = flipped {
            out.push(set("type flip", payload, pointer, flipped, "wrong-type"));
        }
        // An enum slip: a letter dropped, the case changed.
        if let (Some(values), Some(text)) = (&entry.values, value.as_str())
            && values.iter().any(|v| v.as_str() == Some(text))
        {
            for slip in [dropped(text), recased(text)] {
                if values.iter().any(|v| v.as_str() == Some(slip.as_str())) {
                    continue;
                }
                out.push(set("enum slip", payload, pointer, json!(slip), "invalid-value"));
            }
        }
        // One twin changed: the nativeIntegration side now differs (an enum's to another of its
        // values: a value outside the enum is an enum slip, found as such).
        if let Some(twin) = &entry.twin
            && payload.pointer(twin) == Some(value)
        {
            let other = entry.values.as_ref().and_then(|values| values.iter().find(|v| *v != value).cloned());
            let changed = match value {
                _ if entry.values.is_some() => other,
                Value::String(s) => Some(json!(format!("{s}x"))),
                Value::Number(n) => n.as_u64().map(|n| json!(n + 1)),
                Value::Bool(b) => Some(json!(!b)),
                _ => None,
            };
            if let Some(changed) = changed {
                out.push(set("twin changed", payload, pointer, changed, "mismatch"));
            }
        }
        // A template or placeholder is not judged by form: nothing to break.
        let Some(text) = value.as_str().filter(|text| judged(text)) else { continue };
        // Each value form broken its way (twins broken on both sides, so only the form is wrong).
        if let Some(form) = form_of(entry, entries) {
            for (class, broken, code) in form_breaks(form, text) {
                if broken.is_empty() {
                    continue;
                }
                let mut changed = with(payload, pointer, json!(broken));
                let twins = entries.iter().filter(|e| e.twin.as_deref() == Some(pointer)).map(|e| e.pointer.as_str());
                for other in twins.chain(entry.twin.as_deref()) {
                    changed = with(&changed, other, json!(broken));
                }
                out.push(Mutation {
                    class,
                    what: format!("{pointer} = {broken:?}"),
                    payload: changed,
                    expect: find(code, pointer),
                });
                // Broken on the connection side only: the mismatch must not copy it.
                for native in entries.iter().filter(|e| e.twin.as_deref() == Some(pointer)) {
                    if payload.pointer(&native.pointer) == Some(value) {
                        out.push(Mutation {
                            class: "malformed twin not copied",
                            what: format!("{pointer} = {broken:?}, {} unchanged", native.pointer),
                            payload: with(payload, pointer, json!(broken)),
                            expect: Expect::NoCopy { at: native.pointer.clone() },
                        });
                    }
                }
            }
        }
        if entry.key
            && let Some(broken) = line_lost(text)
        {
            out.push(Mutation {
                class: "key: a line lost",
                what: format!("{pointer}: a line of the key lost"),
                payload: with(payload, pointer, json!(broken)),
                expect: find("private-key-structure", pointer),
            });
        }
        // Free text: any other text is fine (twins changed together).
        let free = entry.types == ["string"]
            && entry.values.is_none()
            && entry.pattern.is_none()
            && form_of(entry, entries).is_none()
            && !entry.key
            && entry.twin.is_none();
        if free {
            let other = "Other free text, 42 ünïcode";
            let mut changed = with(payload, pointer, json!(other));
            for twin in entries.iter().filter(|e| e.twin.as_deref() == Some(pointer)) {
                changed = with(&changed, &twin.pointer, json!(other));
            }
            out.push(Mutation {
                class: "free text",
                what: format!("{pointer} = {other:?}"),
                payload: changed,
                expect: Expect::NoError,
            });
        }
    }
    out
}

/// A JSON value as block YAML, strings double-quoted (YAML's double-quoted style reads JSON's
/// escapes).
fn yaml(value: &Value, indent: usize, out: &mut String) {
    let pad = " ".repeat(indent);
    match value {
        Value::Object(map) if !map.is_empty() => {
            for (key, item) in map {
                out.push_str(&format!("{pad}{}:", serde_json::to_string(key).expect("a key")));
                match item {
                    Value::Object(m) if !m.is_empty() => {
                        out.push('\n');
                        yaml(item, indent + 2, out);
                    }
                    Value::Array(a) if !a.is_empty() => {
                        out.push('\n');
                        yaml(item, indent + 2, out);
                    }
                    _ => out.push_str(&format!(" {item}\n")),
                }
            }
        }
        Value::Array(items) if !items.is_empty() => {
            for item in items {
                match item {
                    Value::Object(m) if !m.is_empty() => {
                        out.push_str(&format!("{pad}-\n"));
                        yaml(item, indent + 2, out);
                    }
                    _ => out.push_str(&format!("{pad}- {item}\n")),
                }
            }
        }
        _ => out.push_str(&format!("{pad}{value}\n")),
    }
}

fn render(payload: &Value, format: Format) -> String {
    match format {
        Format::Yaml => {
            let mut out = String::new();
            yaml(payload, 0, &mut out);
            out
        }
        _ => serde_json::to_string_pretty(payload).expect("JSON") + "\n",
    }
}

/// The lines a finding about `pointer` may start on: its member's name and its value's first
/// line (a missing member: its parent's).
fn lines_of(root: &Node, text: &str, pointer: &str) -> Vec<usize> {
    let line = |offset: usize| text[..offset.min(text.len())].matches('\n').count() + 1;
    let mut lines = Vec::new();
    let (parent, name) = split(pointer);
    if let Some(Node { value: NodeValue::Object(members), .. }) = root.pointer(parent)
        && let Some(member) = members.iter().find(|m| m.key == name)
    {
        lines.push(line(member.key_span.start));
        lines.push(line(member.value.span.start));
        return lines;
    }
    if let Some(node) = root.pointer(parent) {
        lines.push(line(node.span.start));
        let (grand, name) = split(parent);
        if let Some(Node { value: NodeValue::Object(members), .. }) = root.pointer(grand)
            && let Some(member) = members.iter().find(|m| m.key == name)
        {
            lines.push(line(member.key_span.start));
        }
    }
    lines
}

#[derive(Default)]
struct Tally {
    found: usize,
    total: usize,
}

type Tallies = BTreeMap<(String, &'static str, &'static str), Tally>;

/// Every mutation of the fixtures at `paths`, checked: the tally per kind, class and format, and
/// the mutations not found as expected.
fn run(paths: &[std::path::PathBuf]) -> (Tallies, Vec<String>) {
    let mut tally: Tallies = BTreeMap::new();
    let mut misses = Vec::new();
    for path in paths {
        let kind = common::kind_of(path).expect("valid fixtures are in a folder named after their kind");
        let text = common::load(path);
        let arena = Arena::new();
        let format = Format::from_path(&path.to_string_lossy());
        let root = input::parse(&text, format, &arena).root.expect("a valid fixture parses");
        let variant = kind::select_variant(kind, &root);
        let entries = reference::entries(&variant.def);
        let payload = root.to_json();
        for mutation in mutations(kind, &payload, &entries) {
            for format in [Format::Json, Format::Yaml] {
                let text = render(&mutation.payload, format);
                let report = check(&text, &Options { kind: Some(kind), format: Some(format), ..Default::default() });
                let ok = match &mutation.expect {
                    Expect::Find { code, at } => {
                        let arena = Arena::new();
                        let root = input::parse(&text, Some(format), &arena).root.expect("a rendered payload parses");
                        let lines = lines_of(&root, &text, at);
                        report.diagnostics.iter().any(|d| {
                            d.code == *code
                                && d.pointer == *at
                                && d.severity <= Severity::Warning
                                && lines.contains(&d.location.line)
                        })
                    }
                    Expect::FindUnder { code, under } => report.diagnostics.iter().any(|d| {
                        d.code == *code
                            && d.severity <= Severity::Warning
                            && d.pointer
                                .strip_prefix(under.as_str())
                                .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
                    }),
                    Expect::NoCopy { at } => {
                        report.diagnostics.iter().any(|d| d.code == "mismatch" && d.pointer == *at && d.fix.is_none())
                    }
                    Expect::NoError => report.diagnostics.iter().all(|d| d.severity != Severity::Error),
                };
                let format_name = if format == Format::Json { "JSON" } else { "YAML" };
                let row = tally.entry((kind.id().to_string(), mutation.class, format_name)).or_default();
                row.total += 1;
                if ok {
                    row.found += 1;
                } else {
                    let got: Vec<String> = report.diagnostics.iter().map(common::finding_line).collect();
                    misses.push(format!(
                        "{} ({format_name}) {}: expected {:?}; got {got:?}",
                        common::name(path),
                        mutation.what,
                        mutation.expect
                    ));
                }
            }
        }
    }
    (tally, misses)
}

#[test]
fn every_declared_fact_is_found_where_it_is_broken() {
    // The fixtures split between two threads: the machines this runs on have two cores.
    let fixtures = common::fixtures("valid");
    let (even, odd): (Vec<_>, Vec<_>) = fixtures.iter().cloned().enumerate().partition(|(i, _)| i % 2 == 0);
    let halves: Vec<Vec<std::path::PathBuf>> =
        [even, odd].into_iter().map(|half| half.into_iter().map(|(_, p)| p).collect()).collect();
    let results = std::thread::scope(|scope| {
        let workers: Vec<_> = halves.iter().map(|half| scope.spawn(|| run(half))).collect();
        workers.into_iter().map(|w| w.join().expect("a worker")).collect::<Vec<_>>()
    });
    let mut tally: Tallies = BTreeMap::new();
    let mut misses = Vec::new();
    for (part, missed) in results {
        for (key, t) in part {
            let row = tally.entry(key).or_default();
            row.total += t.total;
            row.found += t.found;
        }
        misses.extend(missed);
    }
    let table = table(&tally);
    println!("\n{table}");
    readme_has(&table);
    let total: usize = tally.values().map(|t| t.total).sum();
    assert!(total > 2000, "only {total} mutations");
    assert!(misses.is_empty(), "{} of {total} mutations not as expected:\n{}", misses.len(), misses.join("\n"));
}

/// The recall table of docs/catalogue.md is this run's (`make docs` writes it).
fn readme_has(table: &str) {
    let readme = std::fs::read_to_string("docs/catalogue.md").expect("docs/catalogue.md");
    let (start, end) = ("<!-- recall:start -->\n", "<!-- recall:end -->");
    let from = readme.find(start).expect("docs/catalogue.md has the recall table") + start.len();
    let to = readme.find(end).expect("the recall table ends");
    if std::env::var_os("IMMUTA_PREFLIGHT_WRITE_DOCS").is_some() {
        std::fs::write("docs/catalogue.md", format!("{}{table}{}", &readme[..from], &readme[to..]))
            .expect("docs/catalogue.md");
        return;
    }
    assert!(readme[from..to] == *table, "the recall table of docs/catalogue.md is out of date: run `make docs`");
}

/// The recall table: per kind and class, what was found (free text: what raised no error).
fn table(tally: &BTreeMap<(String, &'static str, &'static str), Tally>) -> String {
    let mut out = String::from("| kind | class | JSON | YAML |\n|---|---|---|---|\n");
    let mut rows: BTreeMap<(&str, &str), [String; 2]> = BTreeMap::new();
    for ((kind, class, format), t) in tally {
        let cell = format!("{}/{} ({:.0} %)", t.found, t.total, 100.0 * t.found as f64 / t.total.max(1) as f64);
        rows.entry((kind.as_str(), class)).or_default()[usize::from(*format == "YAML")] = cell;
    }
    for ((kind, class), [json, yaml]) in rows {
        out.push_str(&format!("| {kind} | {class} | {json} | {yaml} |\n"));
    }
    let total: usize = tally.values().map(|t| t.total).sum();
    let found: usize = tally.values().map(|t| t.found).sum();
    out.push_str(&format!("| **all** | | **{found}/{total}** in JSON and YAML | |\n"));
    out
}
