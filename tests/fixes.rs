//! Applying the safe fixes resolves the findings they belong to, and produces valid payloads.

mod common;

use immuta_preflight_core::{Options, Severity, apply_fixes, check};
use std::path::Path;

fn fixture(name: &str) -> (String, Options) {
    let path = common::root().join(name);
    (common::load(&path), common::options(&path, None))
}

/// The findings left, but the legacy-onboarding note (`deprecated`, info), which no fix removes.
fn codes(text: &str, options: &Options) -> Vec<String> {
    let report = check(text, options);
    let left = report.diagnostics.iter().filter(|d| !(d.code == "deprecated" && d.severity == Severity::Info));
    left.map(|d| format!("{} {}", d.code, d.pointer)).collect()
}

#[test]
fn escaping_a_raw_pasted_key_makes_the_payload_valid_and_keeps_the_key() {
    let (text, options) = fixture("invalid/private-key-newlines-raw.json");
    assert!(serde_json::from_str::<serde_json::Value>(&text).is_err());
    let fixed = apply_fixes(&text, &options, Some(&["private-key-newlines"]));
    assert_eq!(codes(&fixed, &options), Vec::<String>::new());
    let (valid, _) = fixture("valid/connection/snowflake-keyPair.json");
    assert_eq!(fixed, valid, "the fix restores exactly the correctly escaped key");
}

#[test]
fn double_escaped_and_one_line_keys_are_restored() {
    for (name, original) in [
        ("invalid/private-key-newlines-double.json", "valid/connection/snowflake-keyPair.json"),
        ("invalid/private-key-newlines-oneline.json", "valid/integration/snowflake-keyPair.json"),
    ] {
        let (text, options) = fixture(name);
        let fixed = apply_fixes(&text, &options, None);
        assert_eq!(codes(&fixed, &options), Vec::<String>::new(), "{name}");
        assert_eq!(fixed, fixture(original).0, "{name}");
    }
}

#[test]
fn the_bigquery_docs_example_is_repaired() {
    let (text, options) = fixture("invalid/bigquery-credential-docs.sh");
    let fixed = apply_fixes(&text, &options, None);
    assert_eq!(codes(&fixed, &options), Vec::<String>::new());
    assert!(fixed.starts_with("curl -X 'POST'"), "the command around the body is kept");
}

#[test]
fn mismatches_are_fixed_by_copying_the_connection_side() {
    let (text, options) = fixture("invalid/mismatch-databricks.json");
    let fixed = apply_fixes(&text, &options, Some(&["mismatch"]));
    assert_eq!(codes(&fixed, &options), Vec::<String>::new());
    let value: serde_json::Value = serde_json::from_str(&fixed).expect("valid JSON");
    assert_eq!(value["nativeIntegration"]["config"]["host"], value["connection"]["hostname"]);
    assert_eq!(value["nativeIntegration"]["config"]["token"], value["connection"]["token"]);
}

#[test]
fn a_missing_twin_is_inserted_with_the_objects_indentation() {
    let (text, options) = fixture("invalid/missing-field.json");
    let fixed = apply_fixes(&text, &options, Some(&["missing-field"]));
    let remaining = codes(&fixed, &options);
    assert!(!remaining.iter().any(|c| c.contains("/nativeIntegration/config/password")), "{remaining:?}");
    let value: serde_json::Value = serde_json::from_str(&fixed).expect("valid JSON");
    assert_eq!(value["nativeIntegration"]["config"]["password"], value["connection"]["password"]);
    assert!(fixed.contains("\n      \"password\": \"fake-Missing-Passw0rd!\",\n      \"host\""), "{fixed}");
    // Fields with no connection twin (warehouse here has none to copy) stay reported.
    assert!(remaining.iter().any(|c| c == "missing-field /connection/warehouse"));
}

#[test]
fn paste_damage_is_repaired_except_what_needs_a_human() {
    let (text, options) = fixture("invalid/syntax-paste-damage.json");
    let fixed = apply_fixes(&text, &options, None);
    let remaining = codes(&fixed, &options);
    assert_eq!(remaining, vec!["syntax /connection/port".to_string()], "only the placeholder value is left: {fixed}");
    let with_port = fixed.replace("<your-Snowflake-port>", "443");
    assert_eq!(codes(&with_port, &options), Vec::<String>::new());
    assert!(serde_json::from_str::<serde_json::Value>(&with_port).is_ok());
}

#[test]
fn type_and_case_slips_are_fixed() {
    let (text, options) = fixture("invalid/wrong-type.json");
    let fixed = apply_fixes(&text, &options, Some(&["wrong-type"]));
    assert!(fixed.contains("\"port\": 443,"));
    let (text, options) = fixture("invalid/invalid-value-enums.json");
    let fixed = apply_fixes(&text, &options, Some(&["invalid-value"]));
    assert!(fixed.contains("\"authenticationType\": \"keyPair\""));
    let yaml = fixture("invalid/wrong-type-yaml.yaml");
    let fixed = apply_fixes(&yaml.0, &yaml.1, None);
    assert!(fixed.contains("enabled: true\n"), "{fixed}");
}

#[test]
fn fixes_never_touch_text_outside_their_edits() {
    for path in common::fixtures("valid") {
        let text = common::load(&path);
        assert_eq!(apply_fixes(&text, &common::options(&path, None), None), text, "{}", common::name(Path::new(&path)));
    }
}

#[test]
fn a_script_config_pasted_as_is_gets_workspace_url_renamed() {
    let (text, options) = fixture("invalid/unknown-field-renamed.json");
    let fixed = apply_fixes(&text, &options, None);
    assert_eq!(codes(&fixed, &options), Vec::<String>::new());
    assert_eq!(fixed, fixture("valid/connection/databricks-token.json").0);
}

#[test]
fn a_key_pasted_as_a_string_gets_the_connections_object() {
    let (text, options) = fixture("invalid/wrong-type-key-string.json");
    let report = check(&text, &options);
    let fix = report.diagnostics[0].fix.as_ref().expect("a fix");
    assert!(matches!(fix.edits[0].parts[0], immuta_preflight_core::Part::Copy { .. }), "a secret moves by position");
    let fixed = apply_fixes(&text, &options, None);
    assert_eq!(codes(&fixed, &options), Vec::<String>::new());
    let value: serde_json::Value = serde_json::from_str(&fixed).expect("valid JSON");
    assert_eq!(value["nativeIntegration"]["config"]["privateKey"], value["connection"]["privateKey"]);
}

/// The value rules' fixes turn each mechanical mistake into the value the platform takes, and
/// leave exactly the findings that need a human.
#[test]
fn value_fixes_leave_only_what_needs_a_human() {
    for (name, left) in [
        ("invalid/host-format-url.json", &[][..]),
        ("invalid/host-format-jdbc.json", &[]),
        ("invalid/host-format-synapse.json", &[]),
        ("invalid/whitespace.json", &[]),
        ("invalid/whitespace-databricks.json", &[]),
        ("invalid/http-path.json", &[]),
        ("invalid/http-path-id.yaml", &[]),
        ("invalid/unusual-port.json", &[]),
        ("invalid/credential-format-token.json", &[]),
        ("invalid/api-shape-settings.json", &[]),
        ("invalid/aws-format.json", &["aws-format /config/awsAccountId"]),
        ("invalid/aws-format-accounts.json", &["aws-format /config/awsRoleToAssume"]),
        (
            "invalid/credential-format.json",
            &[
                "credential-format /config/oAuthClientConfig/clientId",
                "credential-format /config/oAuthClientConfig/authorityUrl",
            ],
        ),
        ("invalid/gcp-format.json", &["gcp-format /config/dataset", "gcp-format /config/credential"]),
    ] {
        let (text, options) = fixture(name);
        let fixed = apply_fixes(&text, &options, None);
        assert_eq!(codes(&fixed, &options), left, "{name}:\n{fixed}");
    }
    let (text, options) = fixture("invalid/whitespace.json");
    let fixed = apply_fixes(&text, &options, None);
    for value in [
        r#""hostname": "acme-test.snowflakecomputing.com","#,
        r#""host": "acme-test.snowflakecomputing.com","#,
        r#""warehouse": "COMPUTE_WH","#,
        r#""username": "IMMUTA SYSTEM","#,
        r#""password": "fake-Connection-Passw0rd!""#,
    ] {
        assert!(fixed.contains(value), "{value} not in\n{fixed}");
    }
    let (text, options) = fixture("invalid/aws-format.json");
    let fixed = apply_fixes(&text, &options, None);
    for value in [
        r#""awsRegion": "us-west-2","#,
        r#""awsLocationRole": "arn:aws:iam::111122223333:role/fake-location-role","#,
        r#""awsLocationPath": "s3://fake-bucket/prefix","#,
    ] {
        assert!(fixed.contains(value), "{value} not in\n{fixed}");
    }
}

/// A fix on a secret deletes characters by position: no edit of it carries any text (a look-alike
/// would become one ASCII character, which is no secret either).
#[test]
fn fixes_on_secrets_only_delete() {
    let mut seen = 0;
    for name in
        ["invalid/whitespace.json", "invalid/whitespace-databricks.json", "invalid/credential-format-token.json"]
    {
        let (text, options) = fixture(name);
        for d in check(&text, &options).diagnostics {
            if !immuta_preflight_core::secrets::is_secret(&d.pointer) {
                continue;
            }
            let fix = d.fix.as_ref().unwrap_or_else(|| panic!("{name}: {} has no fix", d.pointer));
            for edit in &fix.edits {
                assert!(edit.parts.is_empty(), "{name}: an edit of {} writes text", d.pointer);
                seen += 1;
            }
        }
    }
    assert!(seen >= 4, "only {seen} edits on secrets");
}
