//! Shared test helpers: loading fixtures with the throwaway keys substituted, and listing them.
#![allow(dead_code)]

use immuta_preflight::{Format, Kind, Options};
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

fn service_account(private_key_json: &str) -> String {
    format!(
        "{{\"type\":\"service_account\",\"project_id\":\"fake-project-123\",\"private_key_id\":\"fakeid\",\"private_key\":\"{private_key_json}\",\"client_email\":\"immuta-fake@fake-project-123.iam.gserviceaccount.com\",\"client_id\":\"000000000000000000000\",\"token_uri\":\"https://oauth2.googleapis.com/token\"}}"
    )
}

/// The `{{name}}` placeholders fixtures may use, and what each becomes.
pub fn substitutions() -> Vec<(&'static str, String)> {
    let rsa = key("rsa");
    let encrypted = key("rsa-encrypted");
    let cert = key("cert");
    let good_inner = service_account(&json_escape(&format!("{rsa}\n")));
    // Immuta's own BigQuery example: the key's line breaks are escaped for the outer JSON only,
    // so the inner JSON receives real line breaks inside a string.
    let docs_inner = service_account(&format!("{rsa}\n"));
    vec![
        ("{{rsa}}", json_escape(&rsa)),
        ("{{rsa_encrypted}}", json_escape(&encrypted)),
        ("{{cert}}", json_escape(&cert)),
        ("{{rsa_raw}}", rsa.clone()),
        ("{{rsa_double}}", rsa.replace('\n', "\\\\n")),
        ("{{rsa_oneline}}", rsa.replace('\n', " ")),
        ("{{rsa_truncated}}", json_escape(&format!("{}\n-----END PRIVATE KEY-----", &rsa[..rsa.len() - 40]))),
        ("{{bq_credential}}", json_escape(&good_inner)),
        ("{{bq_credential_docs}}", json_escape(&docs_inner)),
    ]
}

/// A fixture's text with every placeholder substituted.
pub fn load(path: &Path) -> String {
    let mut text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    for (token, value) in substitutions() {
        text = text.replace(token, &value);
    }
    text
}

/// Every line of every throwaway key body: none may ever appear in any output.
pub fn key_lines() -> Vec<String> {
    ["rsa", "rsa-encrypted", "cert"]
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
    Options { kind, format: Format::from_path(&path.to_string_lossy()) }
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
