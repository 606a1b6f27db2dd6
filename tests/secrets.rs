//! No output ever contains a secret: for every fixture, no secret value and no line of any test
//! key appears in the text, JSON, SARIF or GitHub output.

mod common;

use immuta_preflight_core::document::Arena;
use immuta_preflight_core::{check, input, secrets};
use immuta_preflight_service::render::{FileResult, OutputFormat, render};

/// Secrets that live outside the payload tree (headers of curl fixtures, key passphrases).
const OTHER_SECRETS: &[&str] = &[
    "fake0api0key0for0tests00000000000",
    "fake0bearer0token0for0tests0000",
    "fake-bearer-token-for-tests-0000",
    "throwaway-passphrase",
    // Passwords inside connection strings pasted into host fields (host-format fixtures).
    "jdbc-Secret-99",
    "sqlserver-Secret-42",
];

#[test]
fn no_output_format_contains_a_secret() {
    let key_lines = common::key_lines();
    let mut checked = 0;
    for path in common::fixtures("valid").into_iter().chain(common::fixtures("invalid")) {
        let text = common::load(&path);
        let options = common::options(&path, None);
        let report = check(&text, &options);
        let mut secrets: Vec<String> = OTHER_SECRETS.iter().map(|s| s.to_string()).collect();
        // Every document of a YAML stream, each a payload of its own.
        let arena = Arena::new();
        let parsed = input::parse(&text, options.format, &arena);
        for root in parsed.root.iter().chain(&parsed.more_documents) {
            let values = secrets::secret_values(root);
            // A secret pasted with a line break or space at an end must not leak without it either.
            let trimmed: Vec<String> = values.iter().map(|s| s.trim().to_string()).collect();
            // The newer Connections API nests its enum constants under `credential`, which makes them
            // secret by name; the rule docs name the constant, which is no secret.
            let constant = |s: &String| s == "OAuthWithCertificate";
            secrets.extend(
                values.into_iter().chain(trimmed).filter(|s| s.len() >= 6 && !s.starts_with('<') && !constant(s)),
            );
        }
        let name = common::name(&path);
        let file = FileResult { path: &name, source: &text, report: &report };
        for format in OutputFormat::ALL {
            for color in [false, true] {
                let output = render(format, std::slice::from_ref(&file), color);
                for secret in secrets.iter().chain(&key_lines) {
                    assert!(
                        !output.contains(secret.as_str()),
                        "{name}: {format:?} output contains a secret ({} chars)",
                        secret.len()
                    );
                    checked += 1;
                }
            }
        }
        // The shape of every placeholder in a secret field is not echoed either.
        let json = render(OutputFormat::Json, std::slice::from_ref(&file), false);
        assert!(!json.contains("your-Snowflake-password"), "{name}");
    }
    assert!(checked > 1000, "only {checked} checks ran");
}

#[test]
fn masked_frames_still_point_at_the_right_place() {
    let path = common::root().join("invalid/mismatch-databricks.json");
    let text = common::load(&path);
    let report = check(&text, &common::options(&path, None));
    let file = FileResult { path: "p.json", source: &text, report: &report };
    let output = render(OutputFormat::Text, &[file], false);
    assert!(output.contains("21 |       \"token\": \"[REDACTED]\",\n   |                ^^^^^^^^^^^^\n"), "{output}");
}

/// Secrets found by the test itself, by field name, not by the engine's own secret detection.
fn secrets_by_name(text: &str, format: Option<immuta_preflight_core::Format>) -> Vec<String> {
    const NAMES: &[&str] =
        &["password", "secret", "token", "passphrase", "credential", "apikey", "privatekey", "accesskey", "content"];
    let mut found = Vec::new();
    let arena = Arena::new();
    let parsed = input::parse(text, format, &arena);
    for root in parsed.root.iter().chain(&parsed.more_documents) {
        root.walk(&mut |path, node| {
            let pointer = path.pointer().to_ascii_lowercase();
            let name = pointer.rsplit('/').next().unwrap_or_default().replace(['_', '-'], "");
            if let Some(value) = node.as_str()
                && NAMES.iter().any(|n| name.contains(n))
                && value.len() >= 6
                && !value.starts_with('<')
            {
                found.push(value.to_string());
            }
        });
    }
    found
}

#[test]
fn the_cli_prints_no_secret_in_any_format() {
    let dir = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("secrets-cli");
    std::fs::create_dir_all(&dir).expect("scratch dir");
    let mut secrets: Vec<String> = OTHER_SECRETS.iter().map(|s| s.to_string()).chain(common::key_lines()).collect();
    let mut paths = Vec::new();
    for path in common::fixtures("valid").into_iter().chain(common::fixtures("invalid")) {
        let text = common::load(&path);
        secrets.extend(secrets_by_name(&text, common::options(&path, None).format));
        let copy = dir.join(common::name(&path).replace('/', "__"));
        std::fs::write(&copy, &text).expect("write fixture");
        paths.push(copy);
    }
    secrets.sort();
    secrets.dedup();
    assert!(secrets.len() > 100, "only {} secrets", secrets.len());
    for format in ["text", "json", "sarif", "github"] {
        for color in ["never", "always"] {
            let output = std::process::Command::new(env!("CARGO_BIN_EXE_immuta-preflight"))
                .args(["check", "--format", format, "--color", color])
                .args(&paths)
                .output()
                .expect("run the CLI");
            assert_eq!(output.status.code(), Some(1), "{format}");
            let printed = String::from_utf8_lossy(&output.stdout) + String::from_utf8_lossy(&output.stderr);
            assert!(printed.len() > 10_000, "{format} printed {} bytes", printed.len());
            for secret in &secrets {
                assert!(
                    !printed.contains(secret.as_str()),
                    "{format} output contains a secret ({} chars)",
                    secret.len()
                );
            }
        }
    }
}
