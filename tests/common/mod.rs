//! Shared test helpers: loading fixtures with the throwaway keys substituted, and listing them.
#![allow(dead_code)]

use immuta_preflight_core::{Format, Kind, Options};
use std::path::{Path, PathBuf};

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn key(name: &str) -> String {
    let text = std::fs::read_to_string(root().join("keys").join(format!("{name}.pem"))).expect("test key");
    text.trim_end().to_string()
}

/// A string as the inside of a JSON string literal.
pub fn json_escape(text: &str) -> String {
    let quoted = serde_json::to_string(text).expect("string");
    quoted[1..quoted.len() - 1].to_string()
}

/// The `{{name}}` placeholders fixtures may use, and what each becomes: the table of
/// `keys/substitutions.json`, which the JavaScript tests read too.
pub fn substitutions() -> Vec<(String, String)> {
    let text = std::fs::read_to_string(root().join("keys/substitutions.json")).expect("substitutions.json");
    let table: serde_json::Value = serde_json::from_str(&text).expect("substitutions.json is JSON");
    let service_account = table["serviceAccount"].as_str().expect("serviceAccount");
    table["substitutions"]
        .as_array()
        .expect("substitutions")
        .iter()
        .map(|entry| {
            let mut value = key(entry["key"].as_str().expect("key"));
            for step in entry["steps"].as_array().expect("steps") {
                value = match step.as_str().expect("a step") {
                    "json-escape" => json_escape(&value),
                    "double-escape" => value.replace('\n', "\\\\n"),
                    "one-line" => value.replace('\n', " "),
                    "cut" => format!("{}\n-----END PRIVATE KEY-----", &value[..value.len() - 40]),
                    "newline" => format!("{value}\n"),
                    "drop-line" => {
                        let mut lines: Vec<&str> = value.lines().collect();
                        lines.remove(10);
                        lines.join("\n")
                    }
                    "other-project" => value.replace("@fake-project-123.iam", "@other-project-9.iam"),
                    "service-account" => service_account.replace("{private_key}", &value),
                    other => panic!("substitutions.json: unknown step {other}"),
                };
            }
            (entry["token"].as_str().expect("token").to_string(), value)
        })
        .collect()
}

/// A fixture's text with every placeholder substituted.
pub fn load(path: &Path) -> String {
    let mut text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    for (token, value) in substitutions() {
        text = text.replace(&token, &value);
    }
    text
}

/// Every line of every throwaway key body: none may ever appear in any output.
pub fn key_lines() -> Vec<String> {
    ["rsa", "rsa-encrypted", "cert", "rsa-1024", "ec-p256"]
        .iter()
        .flat_map(|name| key(name).lines().filter(|l| !l.starts_with("-----")).map(str::to_string).collect::<Vec<_>>())
        .collect()
}

/// Payload files (not `.expected` sidecars) under `dir`, sorted.
pub fn fixtures(dir: &str) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![root().join(dir)];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
            } else if matches!(path.extension().and_then(|e| e.to_str()), Some("json" | "yaml" | "yml" | "sh")) {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// Options for a fixture: the format from its extension and, if given, a kind.
pub fn options(path: &Path, kind: Option<Kind>) -> Options {
    Options { kind, format: Format::from_path(&path.to_string_lossy()), ..Default::default() }
}

/// The kind a fixture is checked as: the name of the folder it is in, when that names a kind
/// (`valid/connection/…`, `invalid/integration-script/…`); otherwise it is detected.
pub fn kind_of(path: &Path) -> Option<Kind> {
    path.parent().and_then(|dir| dir.file_name()).and_then(|name| name.to_str()).and_then(Kind::from_id)
}

/// The options a fixture's expectations were made with: its format, and the kind of its folder.
pub fn fixture_options(path: &Path) -> Options {
    options(path, kind_of(path))
}

pub fn name(path: &Path) -> String {
    path.strip_prefix(root()).unwrap_or(path).to_string_lossy().into_owned()
}

/// One case of `hostile.json`: a generated input and what it must produce.
pub struct Hostile {
    pub name: String,
    pub file: String,
    pub bytes: Vec<u8>,
    /// `severity code line:column` of the first finding (or a prefix of it).
    pub first: String,
    pub message: String,
    pub count: usize,
    /// `severity code` of the last finding, when given.
    pub last: Option<String>,
}

/// The rules `hostile.json` leaves out of every case (`"ignore"`).
pub fn hostile_ignored() -> Vec<String> {
    let text = std::fs::read_to_string(root().join("hostile.json")).expect("hostile.json");
    let doc: serde_json::Value = serde_json::from_str(&text).expect("hostile.json is JSON");
    doc["ignore"].as_array().into_iter().flatten().filter_map(|c| c.as_str().map(str::to_string)).collect()
}

pub fn hostile() -> Vec<Hostile> {
    let text = std::fs::read_to_string(root().join("hostile.json")).expect("hostile.json");
    let doc: serde_json::Value = serde_json::from_str(&text).expect("hostile.json is JSON");
    let field = |case: &serde_json::Value, name: &str| case[name].as_str().unwrap_or_default().to_string();
    doc["cases"]
        .as_array()
        .expect("cases")
        .iter()
        .map(|case| Hostile {
            name: field(case, "name"),
            file: field(case, "file"),
            bytes: case["parts"].as_array().expect("parts").iter().flat_map(hostile_part).collect(),
            first: field(case, "first"),
            message: field(case, "message"),
            count: case["count"].as_u64().expect("count") as usize,
            last: case["last"].as_str().map(str::to_string),
        })
        .collect()
}

fn hostile_part(part: &serde_json::Value) -> Vec<u8> {
    let times = part["times"].as_u64().unwrap_or(1) as usize;
    if let Some(text) = part["text"].as_str() {
        if !text.contains("{i}") {
            return text.repeat(times).into_bytes();
        }
        return (0..times).flat_map(|i| text.replace("{i}", &i.to_string()).into_bytes()).collect();
    }
    if let Some(hex) = part["hex"].as_str() {
        let bytes: Vec<u8> =
            (0..hex.len()).step_by(2).map(|i| u8::from_str_radix(&hex[i..i + 2], 16).expect("hex")).collect();
        return bytes.repeat(times);
    }
    let text = part["utf16le"].as_str().expect("a part is text, hex or utf16le");
    [0xFF, 0xFE].into_iter().chain(text.encode_utf16().flat_map(u16::to_le_bytes)).collect()
}

/// A finding as the snapshots list it: `severity code pointer line:column`.
pub fn finding_line(d: &immuta_preflight_core::Diagnostic) -> String {
    let pointer = if d.pointer.is_empty() { "\"\"" } else { &d.pointer };
    format!("{} {} {pointer} {}:{}", d.severity.as_str(), d.code, d.location.line, d.location.column)
}

/// The snapshot of a fixture (`invalid/x.json` → `invalid__x__json`, in `tests/snapshots/`).
pub fn snapshot_name(fixture: &str) -> String {
    fixture.replace(['/', '.'], "__")
}
