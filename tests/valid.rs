//! Every valid fixture (one per kind × technology × auth type, in JSON, YAML and curl form) checks
//! clean, and its kind is detected from its shape or URL.

mod common;

use immuta_preflight_core::document::Arena;
use immuta_preflight_core::{Kind, Severity, check};

#[test]
fn valid_fixtures_have_no_findings() {
    let fixtures = common::fixtures("valid");
    assert!(fixtures.len() >= 30, "only {} valid fixtures", fixtures.len());
    let mut failures = Vec::new();
    for path in &fixtures {
        let kind_dir = path.parent().and_then(|p| p.file_name()).and_then(|n| n.to_str()).unwrap_or_default();
        let kind = Kind::from_id(kind_dir).expect("fixtures live in a folder named after their kind");
        let text = common::load(path);
        let report = check(&text, &common::options(path, Some(kind)));
        // Only notes about the docs are expected: `unconfirmed`, for payloads Immuta's docs do not
        // detail, and `deprecated`, for legacy onboarding through POST /integrations.
        let findings: Vec<String> = report
            .diagnostics
            .iter()
            .filter(|d| !(matches!(d.code.as_str(), "unconfirmed" | "deprecated") && d.severity == Severity::Info))
            .map(|d| {
                format!(
                    "{}:{}: {}[{}] {} {}",
                    d.location.line,
                    d.location.column,
                    d.severity.as_str(),
                    d.code,
                    d.pointer,
                    d.message
                )
            })
            .collect();
        if !findings.is_empty() {
            failures.push(format!("{}:\n  {}", common::name(path), findings.join("\n  ")));
        }
        assert!(
            report.technology.is_some() || kind_dir.is_empty(),
            "{}: technology not recognised",
            common::name(path)
        );
    }
    assert!(failures.is_empty(), "valid fixtures with findings:\n{}", failures.join("\n"));
}

#[test]
fn kinds_are_detected_from_shape_or_url() {
    for path in common::fixtures("valid") {
        let kind_dir =
            path.parent().and_then(|p| p.file_name()).and_then(|n| n.to_str()).unwrap_or_default().to_string();
        let is_curl = path.extension().is_some_and(|e| e == "sh");
        // A script request has the shape of an integration; only its URL tells them apart.
        if kind_dir == "integration-script" && !is_curl {
            continue;
        }
        let report = check(&common::load(&path), &common::options(&path, None));
        assert_eq!(report.kind.map(Kind::id), Some(kind_dir.as_str()), "{}", common::name(&path));
    }
}

#[test]
fn every_technology_and_auth_type_has_a_valid_fixture() {
    let mut seen = std::collections::BTreeSet::new();
    for path in common::fixtures("valid") {
        let kind_dir =
            path.parent().and_then(|p| p.file_name()).and_then(|n| n.to_str()).unwrap_or_default().to_string();
        let report = check(&common::load(&path), &common::options(&path, Kind::from_id(&kind_dir)));
        seen.insert(format!(
            "{kind_dir} {} {}",
            report.technology.unwrap_or("?"),
            report.authentication_type.as_deref().unwrap_or("-")
        ));
    }
    let expected = [
        "integration Snowflake userPassword",
        "integration Snowflake keyPair",
        "integration Snowflake oAuthClientCredentials",
        "integration Databricks token",
        "integration Databricks oAuthM2M",
        "integration Azure Synapse Analytics userPassword",
        "integration Redshift userPassword",
        // Redshift okta is deprecated: invalid/deprecated-redshift-okta.json.
        "integration Google BigQuery -",
        "integration Native S3 accessKey",
        "integration Native S3 auto",
        "integration Trino -",
        "integration-script Snowflake userPassword",
        "integration-script Snowflake keyPair",
        "integration-script Snowflake oAuthClientCredentials",
        "integration-script Databricks token",
        "integration-script Databricks oAuthM2M",
        "integration-script Azure Synapse Analytics userPassword",
        "integration-script Redshift userPassword",
        "connection Snowflake userPassword",
        "connection Snowflake keyPair",
        "connection Snowflake oAuthClientCredentials",
        "connection Databricks token",
        "connection Databricks oAuthM2M",
        "connection AWS Lake Formation -",
        "connection-update Snowflake userPassword",
        "connection-update Snowflake keyPair",
        "connection-update Snowflake oAuthClientCredentials",
        "connection-update Databricks token",
        "connection-update Databricks oAuthM2M",
    ];
    for combination in expected {
        assert!(seen.contains(combination), "no valid fixture for {combination}; have {seen:#?}");
    }
}

#[test]
fn exported_schemas_accept_every_valid_fixture() {
    for path in common::fixtures("valid") {
        let kind_dir =
            path.parent().and_then(|p| p.file_name()).and_then(|n| n.to_str()).unwrap_or_default().to_string();
        let kind = Kind::from_id(&kind_dir).expect("kind folder");
        let validator =
            jsonschema::draft202012::new(&immuta_preflight_core::schemas::schema_for(kind)).expect("schema compiles");
        let text = common::load(&path);
        let options = common::options(&path, Some(kind));
        let arena = Arena::new();
        let root = immuta_preflight_core::input::parse(&text, options.format, &arena).root.expect("parses");
        let errors: Vec<String> = validator
            .iter_errors(&root.to_json())
            .map(|e| format!("{} at {}", e.kind().keyword(), e.instance_path().as_str()))
            .collect();
        assert!(
            errors.is_empty(),
            "{}: the exported {} schema rejects a valid payload: {errors:?}",
            common::name(&path),
            kind.id()
        );
    }
}

#[test]
fn exported_schemas_catch_schema_level_mistakes() {
    let validator =
        jsonschema::draft202012::new(&immuta_preflight_core::schemas::schema_for(Kind::Connection)).expect("compiles");
    let path = common::root().join("invalid/missing-field.json");
    let value: serde_json::Value = serde_json::from_str(&common::load(&path)).expect("JSON");
    let missing: Vec<String> = validator
        .iter_errors(&value)
        .filter(|e| e.kind().keyword() == "required")
        .map(|e| e.instance_path().as_str().to_string())
        .collect();
    assert!(missing.contains(&"/connection".to_string()), "{missing:?}");
}
