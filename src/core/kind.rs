//! Payload kinds, technologies, and how a payload's kind and schema variant are told from its URL
//! (for a curl command) or its shape.

use crate::document::Node;
use crate::input::Request;
use serde::{Deserialize, Serialize};

/// Which Immuta request body a payload is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// `POST /integrations`, `PUT /integrations/{id}`.
    Integration,
    /// `POST /integrations/scripts/create`.
    IntegrationScript,
    /// `POST /data/connection`, `POST /data/connection/test`.
    Connection,
    /// `PUT /data/connection/{connectionKey}`.
    ConnectionUpdate,
}

impl Kind {
    pub const ALL: [Kind; 4] = [Kind::Integration, Kind::IntegrationScript, Kind::Connection, Kind::ConnectionUpdate];

    pub fn id(self) -> &'static str {
        match self {
            Kind::Integration => "integration",
            Kind::IntegrationScript => "integration-script",
            Kind::Connection => "connection",
            Kind::ConnectionUpdate => "connection-update",
        }
    }

    pub fn from_id(id: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.id() == id)
    }

    /// Like [`Kind::from_id`], with an error that suggests the kind the user meant.
    pub fn parse(id: &str) -> Result<Kind, String> {
        let ids = Kind::ALL.map(Kind::id);
        Kind::from_id(id)
            .ok_or_else(|| crate::suggest::unknown("kind", id, ids, || format!("use one of {}", ids.join(", "))))
    }
}

/// The data platforms Immuta integrates with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Technology {
    Snowflake,
    Databricks,
    Synapse,
    Redshift,
    BigQuery,
    S3,
    Trino,
    LakeFormation,
}

impl Technology {
    pub const ALL: [Technology; 8] = [
        Technology::Snowflake,
        Technology::Databricks,
        Technology::Synapse,
        Technology::Redshift,
        Technology::BigQuery,
        Technology::S3,
        Technology::Trino,
        Technology::LakeFormation,
    ];

    /// The integration `type` strings, exactly as the API takes them.
    pub const INTEGRATION_TYPES: [(&'static str, Technology); 7] = [
        ("Snowflake", Technology::Snowflake),
        ("Databricks", Technology::Databricks),
        ("Azure Synapse Analytics", Technology::Synapse),
        ("Redshift", Technology::Redshift),
        ("Google BigQuery", Technology::BigQuery),
        ("Native S3", Technology::S3),
        ("Trino", Technology::Trino),
    ];

    /// The platforms `POST /integrations/scripts/create` writes scripts for.
    pub const SCRIPT_TYPES: [Technology; 4] =
        [Technology::Snowflake, Technology::Databricks, Technology::Synapse, Technology::Redshift];

    /// The platforms `POST /integrations/scripts/initial-create` writes the first script for
    /// (immuta-docs-3.md §3.3 [D]).
    pub const INITIAL_SCRIPT_TYPES: [Technology; 2] = [Technology::Synapse, Technology::Redshift];

    pub fn slug(self) -> &'static str {
        match self {
            Technology::Snowflake => "snowflake",
            Technology::Databricks => "databricks",
            Technology::Synapse => "synapse",
            Technology::Redshift => "redshift",
            Technology::BigQuery => "bigquery",
            Technology::S3 => "s3",
            Technology::Trino => "trino",
            Technology::LakeFormation => "lakeformation",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Technology::Snowflake => "Snowflake",
            Technology::Databricks => "Databricks",
            Technology::Synapse => "Azure Synapse Analytics",
            Technology::Redshift => "Redshift",
            Technology::BigQuery => "Google BigQuery",
            Technology::S3 => "Native S3",
            Technology::Trino => "Trino",
            Technology::LakeFormation => "AWS Lake Formation",
        }
    }

    pub fn from_integration_type(value: &str) -> Option<Technology> {
        Technology::INTEGRATION_TYPES.iter().find(|(name, _)| *name == value).map(|(_, t)| *t)
    }

    /// `connection.technology`: Snowflake and Databricks exactly; AWS Lake Formation by any
    /// spelling, because its exact value is not documented.
    pub fn from_connection_technology(value: &str) -> Option<Technology> {
        match value {
            "Snowflake" => Some(Technology::Snowflake),
            "Databricks" => Some(Technology::Databricks),
            _ => {
                let lower = value.to_ascii_lowercase().replace([' ', '_', '-'], "");
                (lower.contains("lakeformation") || lower == "glue" || lower == "awsglue")
                    .then_some(Technology::LakeFormation)
            }
        }
    }

    /// The technology a `connection.technology` value means: the exact value, or the near miss of
    /// one Immuta documents (`snowflake`, `Databrick`), so that a slip there does not leave the
    /// rest of the payload unchecked (the schema reports the slip itself).
    pub fn meant_by_connection_technology(value: &str) -> Option<Technology> {
        Technology::from_connection_technology(value).or_else(|| {
            let documented = Technology::CONNECTION_TECHNOLOGIES.map(Technology::name);
            crate::suggest::closest(value, documented)
                .and_then(|name| Technology::CONNECTION_TECHNOLOGIES.into_iter().find(|t| t.name() == name))
        })
    }

    /// The technologies whose connection payloads Immuta documents field by field.
    pub const CONNECTION_TECHNOLOGIES: [Technology; 2] = [Technology::Snowflake, Technology::Databricks];

    /// The documented `authenticationType` values, and whether each is only unconfirmed ([R]).
    pub fn auth_types(self) -> &'static [&'static str] {
        match self {
            Technology::Snowflake => &["userPassword", "keyPair", "oAuthClientCredentials"],
            Technology::Databricks => &["token", "oAuthM2M"],
            Technology::Synapse => &["userPassword"],
            Technology::Redshift => &["userPassword", "okta"],
            Technology::S3 => &["auto", "accessKey"],
            Technology::BigQuery | Technology::Trino | Technology::LakeFormation => &[],
        }
    }
}

/// The schema variant chosen for a payload, and what it was chosen from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Variant {
    /// A `$defs` name in the embedded schemas.
    pub def: String,
    pub technology: Option<Technology>,
    pub auth: Option<String>,
}

/// Picks the schema variant for a payload of `kind` from its technology and authentication type.
pub fn select_variant(kind: Kind, root: &Node) -> Variant {
    match kind {
        Kind::Integration | Kind::IntegrationScript => {
            let technology = root.get("type").and_then(Node::as_str).and_then(Technology::from_integration_type);
            let def = |rest: &str| format!("integration-{rest}");
            match technology {
                None => Variant { def: def("any"), technology, auth: None },
                Some(Technology::Trino) => Variant { def: def("trino"), technology, auth: None },
                Some(Technology::BigQuery) => Variant { def: def("bigquery"), technology, auth: None },
                Some(Technology::Synapse) => Variant {
                    def: def("synapse-userPassword"),
                    technology,
                    auth: auth_at(root, "/config").map(str::to_string),
                },
                Some(t) => with_auth(t, "integration", root, "/config"),
            }
        }
        Kind::Connection | Kind::ConnectionUpdate => {
            let prefix = if kind == Kind::Connection { "connection" } else { "update" };
            let technology = root
                .pointer("/connection/technology")
                .and_then(Node::as_str)
                .and_then(Technology::meant_by_connection_technology);
            match technology {
                None => Variant { def: format!("{prefix}-any"), technology, auth: None },
                Some(Technology::LakeFormation) => {
                    Variant { def: format!("{prefix}-lakeformation"), technology, auth: None }
                }
                Some(t) => with_auth(t, prefix, root, "/connection"),
            }
        }
    }
}

fn auth_at<'a>(root: &'a Node<'a>, object: &str) -> Option<&'a str> {
    root.pointer(object)?.get("authenticationType")?.as_str()
}

fn with_auth(technology: Technology, prefix: &str, root: &Node, object: &str) -> Variant {
    let slug = technology.slug();
    // A case slip (`keypair`) is reported by the schema; checking against the meant variant
    // finds everything else at the same time.
    let auth =
        auth_at(root, object).and_then(|a| technology.auth_types().iter().copied().find(|t| t.eq_ignore_ascii_case(a)));
    let Some(auth) = auth else {
        return Variant { def: format!("{prefix}-{slug}-any"), technology: Some(technology), auth: None };
    };
    let def = if auth == "oAuthClientCredentials" {
        let oauth = root.pointer(object).and_then(|o| o.get("oAuthClientConfig"));
        let certificate = match oauth.and_then(|o| o.get("useCertificate")).and_then(Node::as_bool) {
            Some(flag) => flag,
            None => oauth.is_none_or(|o| o.get("clientSecret").is_none()),
        };
        let flavour = if certificate { "certificate" } else { "secret" };
        format!("{prefix}-{slug}-{auth}-{flavour}")
    } else {
        format!("{prefix}-{slug}-{auth}")
    };
    Variant { def, technology: Some(technology), auth: Some(auth.to_string()) }
}

/// What a curl command's method and URL say the body is; `Err` names an endpoint that has a body
/// this tool does not check.
pub fn kind_from_request(request: &Request) -> Result<Kind, String> {
    let path = request.path.trim_end_matches('/');
    let method = request.method.as_str();
    let tail = |marker: &str| path.find(marker).map(|i| &path[i..]);
    if let Some(rest) = tail("/integrations") {
        let segments: Vec<&str> = rest.split('/').skip(2).collect();
        return match (method, segments.as_slice()) {
            ("POST", []) => Ok(Kind::Integration),
            ("PUT", [_id]) => Ok(Kind::Integration),
            // The first script's body is the integration's [I]: checked as a script request.
            ("POST", ["scripts", "create" | "initial-create"]) => Ok(Kind::IntegrationScript),
            _ => Err(format!("{method} {rest}")),
        };
    }
    if let Some(rest) = tail("/data/connection") {
        let segments: Vec<&str> = rest.split('/').skip(3).collect();
        return match (method, segments.as_slice()) {
            ("POST", []) | ("POST", ["test"]) => Ok(Kind::Connection),
            ("PUT", [_key]) => Ok(Kind::ConnectionUpdate),
            _ => Err(format!("{method} {rest}")),
        };
    }
    Err(format!("{method} {path}"))
}

/// Guesses the kind from the payload's members.
pub fn kind_from_shape(root: &Node) -> Option<Kind> {
    let has = |key: &str| root.get(key).is_some();
    if has("connectionKey") || has("nativeIntegration") {
        Some(Kind::Connection)
    } else if has("connection") {
        Some(Kind::ConnectionUpdate)
    } else if type_names_a_platform(root) || (has("config") && (has("autoBootstrap") || has("type"))) {
        Some(Kind::Integration)
    } else {
        None
    }
}

/// Whether `type` is a data platform's name, or close enough to be a misspelt one. A bare `type`
/// is not enough: `package.json` has `"type": "module"`.
fn type_names_a_platform(root: &Node) -> bool {
    let names = Technology::INTEGRATION_TYPES.iter().map(|(name, _)| *name);
    root.get("type").and_then(Node::as_str).is_some_and(|value| crate::suggest::closest(value, names).is_some())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Span;

    fn request(method: &str, path: &str) -> Request {
        Request { method: method.into(), path: path.into(), path_span: Span::default() }
    }

    #[test]
    fn urls_decide_the_kind() {
        assert_eq!(kind_from_request(&request("POST", "/integrations")), Ok(Kind::Integration));
        assert_eq!(kind_from_request(&request("PUT", "/integrations/123")), Ok(Kind::Integration));
        assert_eq!(kind_from_request(&request("POST", "/integrations/scripts/create")), Ok(Kind::IntegrationScript));
        assert_eq!(kind_from_request(&request("POST", "/data/connection/test")), Ok(Kind::Connection));
        assert_eq!(kind_from_request(&request("PUT", "/data/connection/key")), Ok(Kind::ConnectionUpdate));
        assert!(kind_from_request(&request("DELETE", "/integrations/5")).is_err());
        let initial = request("POST", "/integrations/scripts/initial-create");
        assert_eq!(kind_from_request(&initial), Ok(Kind::IntegrationScript));
        // Integration ids are digit strings in Immuta's answers ("id": "1"); any id segment is one.
        for id in ["1", "123456789", "0042"] {
            assert_eq!(kind_from_request(&request("PUT", &format!("/api/integrations/{id}/"))), Ok(Kind::Integration));
        }
    }

    fn shape(json: &str) -> Option<Kind> {
        let arena = crate::document::Arena::new();
        kind_from_shape(&crate::input::parse(json, None, &arena).root.expect("a tree"))
    }

    #[test]
    fn a_type_must_name_a_platform_to_make_an_integration() {
        assert_eq!(shape(r#"{"type": "Snowflake"}"#), Some(Kind::Integration));
        assert_eq!(shape(r#"{"type": "snowflak"}"#), Some(Kind::Integration));
        assert_eq!(shape(r#"{"type": "Postgres", "config": {}}"#), Some(Kind::Integration));
        assert_eq!(shape(r#"{"autoBootstrap": true, "config": {}}"#), Some(Kind::Integration));
        // package.json, tsconfig.json, a GitHub workflow.
        assert_eq!(shape(r#"{"name": "app", "type": "module", "scripts": {}}"#), None);
        assert_eq!(shape(r#"{"compilerOptions": {"strict": true}}"#), None);
        assert_eq!(shape("name: CI\non: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n"), None);
    }

    /// Every variant `select_variant` can return, found by driving it with every technology
    /// spelling, every documented authentication type (and a case slip, and none), with and
    /// without a certificate: each has a schema that compiles.
    #[test]
    fn every_variant_select_variant_can_return_has_a_schema() {
        let mut chosen = std::collections::BTreeSet::new();
        for kind in Kind::ALL {
            for technology in Technology::ALL {
                let mut auths: Vec<Option<String>> = vec![None, Some("nonsense".into())];
                for auth in technology.auth_types() {
                    auths.push(Some(auth.to_string()));
                    auths.push(Some(auth.to_ascii_lowercase()));
                }
                for auth in auths {
                    for oauth in [None, Some(true), Some(false)] {
                        chosen.insert(select_variant(kind, &payload(kind, technology, auth.as_deref(), oauth)).def);
                    }
                }
            }
            let arena = crate::document::Arena::new();
            chosen.insert(select_variant(kind, &crate::input::parse("{}", None, &arena).root.expect("a tree")).def);
        }
        assert!(chosen.len() > 30, "{chosen:?}");
        for def in &chosen {
            if let Err(reason) = crate::schemas::compiled(def) {
                panic!("select_variant can return {def}: {reason}");
            }
        }
    }

    fn payload(kind: Kind, technology: Technology, auth: Option<&str>, certificate: Option<bool>) -> Node<'static> {
        let mut object = serde_json::Map::new();
        if let Some(auth) = auth {
            object.insert("authenticationType".into(), auth.into());
        }
        match certificate {
            Some(true) => object.insert("oAuthClientConfig".into(), serde_json::json!({"useCertificate": true})),
            Some(false) => object.insert("oAuthClientConfig".into(), serde_json::json!({"clientSecret": "s"})),
            None => None,
        };
        let json = match kind {
            Kind::Integration | Kind::IntegrationScript => {
                serde_json::json!({"type": technology.name(), "config": object})
            }
            Kind::Connection | Kind::ConnectionUpdate => {
                object.insert("technology".into(), technology.name().into());
                serde_json::json!({"connection": object})
            }
        };
        crate::document::leaked_tree(json.to_string())
    }

    #[test]
    fn lake_formation_is_recognised_by_any_spelling() {
        assert_eq!(Technology::from_connection_technology("AWS Lake Formation"), Some(Technology::LakeFormation));
        assert_eq!(Technology::from_connection_technology("LakeFormation"), Some(Technology::LakeFormation));
        assert_eq!(Technology::from_connection_technology("snowflake"), None);
    }

    #[test]
    fn a_slip_in_a_connection_technology_still_picks_its_variant() {
        for (written, meant) in [
            ("snowflake", Some(Technology::Snowflake)),
            ("Snowflak", Some(Technology::Snowflake)),
            ("Databrick", Some(Technology::Databricks)),
            ("DATABRICKS", Some(Technology::Databricks)),
            ("PostgreSQL", None),
            ("Redshift", None),
        ] {
            assert_eq!(Technology::meant_by_connection_technology(written), meant, "{written}");
        }
    }
}
