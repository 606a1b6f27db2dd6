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
