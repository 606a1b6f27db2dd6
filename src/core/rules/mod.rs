//! Every rule: one module, one stable kebab-case code, one entry point `check(&Context, &mut Sink)`
//! (a check across files has none: [`crate::across`] runs those), and its documentation written
//! once beside it in the module's `DOC`. The `registry!` list below declares each rule once: its
//! module, code, severities and place in the run order; [`context`] holds the facts a rule reads.

pub mod context;
pub mod registry;
pub mod selection;
mod sink;

mod edits;

pub use context::{Context, Payload, Subject};
pub use registry::{Check, Doc, Rule, find, markdown_docs, markdown_table, run_order};
pub use sink::Sink;

registry::registry! {
    Syntax = "syntax" in syntax, Error [Warning], runs 1;
    MissingField = "missing-field" in missing_field, Error [Warning], runs 5;
    WrongType = "wrong-type" in wrong_type, Error [], runs 6;
    InvalidValue = "invalid-value" in invalid_value, Error [Warning], runs 8;
    UnknownField = "unknown-field" in unknown_field, Warning [], runs 7;
    CatalogName = "catalog-name" in catalog_name, Error [], runs 9;
    ConnectionKey = "connection-key" in connection_key, Error [Warning], runs 10;
    Mismatch = "mismatch" in mismatch, Error [], runs 11;
    PrivateKeyNewlines = "private-key-newlines" in private_key_newlines, Error [], runs 12;
    PrivateKeyFormat = "private-key-format" in private_key_format, Error [], runs 13;
    PrivateKeyStructure = "private-key-structure" in private_key_structure, Error [Warning], runs 14;
    PrivateKeyPassword = "private-key-password" in private_key_password, Error [Warning], runs 15;
    Placeholder = "placeholder" in placeholder, Error [Warning], runs 17;
    HostFormat = "host-format" in host_format, Error [Warning, Info], runs 19;
    HttpPath = "http-path" in http_path, Warning [], runs 20;
    UnusualPort = "unusual-port" in unusual_port, Error [Warning], runs 21;
    AwsFormat = "aws-format" in aws_format, Error [Warning, Info], runs 22;
    GcpFormat = "gcp-format" in gcp_format, Error [Warning, Info], runs 23;
    CredentialFormat = "credential-format" in credential_format, Warning [], runs 24;
    IdentifierFormat = "identifier-format" in identifier_format, Error [Warning], runs 25;
    Whitespace = "whitespace" in whitespace, Error [Warning], runs 26;
    ApiShape = "api-shape" in api_shape, Error [Warning], runs 18;
    RecommendedSetting = "recommended-setting" in recommended_setting, Info [], runs 27;
    Template = "template" in template, Info [], runs 32;
    BigqueryCredential = "bigquery-credential" in bigquery_credential, Error [], runs 16;
    DuplicateKey = "duplicate-key" in duplicate_key, Warning [], runs 2;
    DuplicateConnectionKey = "duplicate-connection-key" in duplicate_connection_key, Error [], across;
    DuplicateIntegration = "duplicate-integration" in duplicate_integration, Error [Warning], across;
    ScriptMismatch = "script-mismatch" in script_mismatch, Warning [], across;
    DisputedField = "disputed-field" in disputed_field, Warning [], runs 28;
    Unconfirmed = "unconfirmed" in unconfirmed, Info [], runs 29;
    Deprecated = "deprecated" in deprecated, Warning [Info], runs 30;
    UnknownKind = "unknown-kind" in unknown_kind, Warning [], runs 31;
    CurlCommand = "curl-command" in curl_command, Error [Warning, Info], runs 3;
    InputLimit = "input-limit" in input_limit, Error [Info], runs 33;
    InternalError = "internal-error" in internal_error, Error [], runs 4;
}

use crate::document::dotted;

/// Runs every rule of one file, in the run order.
pub fn run_all(ctx: &Context, sink: &mut Sink) {
    for (_, check) in run_order() {
        check(ctx, sink);
    }
}

/// `config.port` in backticks, the way messages name fields; the root is "the payload".
pub fn field(pointer: &str) -> String {
    if pointer.is_empty() { dotted(pointer) } else { format!("`{}`", dotted(pointer)) }
}

pub fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let cut: String = text.chars().take(max).collect();
        format!("{cut}…")
    }
}
