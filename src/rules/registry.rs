//! Every rule code, with its severity, its documentation and its check, declared once (as ruff's
//! `codes.rs`). A finding is made from a [`Code`], which carries its severity, so no call site can
//! pair a code with a severity the rule does not declare. The doc text lives beside each rule, in
//! its module's `DOC`; `immuta-preflight explain`, `rules`, the README table and the wasm API all
//! read it through this table.

use super::{Context, Sink};
use crate::diagnostic::Severity;
use serde::{Serialize, Serializer};
use std::fmt;

/// A rule's documentation: a one-line summary, and Markdown with the sections *What it checks*,
/// *Why*, *Example* and *Fix*.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Doc {
    pub summary: &'static str,
    pub body: &'static str,
}

/// A rule as the doors show it: `{code, severity, summary, doc}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Rule {
    pub code: &'static str,
    /// The usual severity; a few findings of a rule are softer (see the rule's doc).
    pub severity: Severity,
    pub summary: &'static str,
    pub doc: &'static str,
}

/// What every rule is: a function of the facts that adds findings to the sink.
pub type Check = fn(&Context, &mut Sink);

macro_rules! registry {
    ($($variant:ident = $code:literal, $module:ident, $severity:ident $(, softer: $($softer:ident)+)?;)+) => {
        /// A rule's stable code.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Code {
            $($variant,)+
        }

        impl Code {
            /// Every code, in the order the README lists the rules.
            pub const ALL: &[Code] = &[$(Code::$variant,)+];

            pub const fn as_str(self) -> &'static str {
                match self {
                    $(Code::$variant => $code,)+
                }
            }

            /// The usual severity of the rule's findings.
            pub const fn severity(self) -> Severity {
                match self {
                    $(Code::$variant => Severity::$severity,)+
                }
            }

            /// The softer severities some of the rule's findings take, as its doc explains.
            pub const fn softer(self) -> &'static [Severity] {
                match self {
                    $(Code::$variant => &[$($(Severity::$softer),+)?],)+
                }
            }

            pub const fn doc(self) -> &'static Doc {
                match self {
                    $(Code::$variant => &super::$module::DOC,)+
                }
            }

            /// The rule's one entry point.
            pub const fn check(self) -> Check {
                match self {
                    $(Code::$variant => super::$module::check,)+
                }
            }

            pub const fn rule(self) -> &'static Rule {
                match self {
                    $(Code::$variant => &Rule {
                        code: $code,
                        severity: Severity::$severity,
                        summary: super::$module::DOC.summary,
                        doc: super::$module::DOC.body,
                    },)+
                }
            }
        }

        /// Every rule, in the order the README lists them.
        pub const ALL: &[&Rule] = &[$(Code::$variant.rule(),)+];
    };
}

registry! {
    Syntax = "syntax", syntax, Error, softer: Warning;
    MissingField = "missing-field", missing_field, Error, softer: Warning;
    WrongType = "wrong-type", wrong_type, Error;
    InvalidValue = "invalid-value", invalid_value, Error, softer: Warning;
    UnknownField = "unknown-field", unknown_field, Warning;
    CatalogName = "catalog-name", catalog_name, Error;
    ConnectionKey = "connection-key", connection_key, Error, softer: Warning;
    Mismatch = "mismatch", mismatch, Error;
    PrivateKeyNewlines = "private-key-newlines", private_key_newlines, Error;
    PrivateKeyFormat = "private-key-format", private_key_format, Error;
    PrivateKeyStructure = "private-key-structure", private_key_structure, Error, softer: Warning;
    PrivateKeyPassword = "private-key-password", private_key_password, Error, softer: Warning;
    Placeholder = "placeholder", placeholder, Error, softer: Warning;
    HostFormat = "host-format", host_format, Error, softer: Warning Info;
    HttpPath = "http-path", http_path, Warning;
    UnusualPort = "unusual-port", unusual_port, Error, softer: Warning;
    AwsFormat = "aws-format", aws_format, Error, softer: Warning Info;
    GcpFormat = "gcp-format", gcp_format, Error, softer: Warning Info;
    CredentialFormat = "credential-format", credential_format, Warning;
    IdentifierFormat = "identifier-format", identifier_format, Error, softer: Warning;
    Whitespace = "whitespace", whitespace, Error, softer: Warning;
    ApiShape = "api-shape", api_shape, Error, softer: Warning;
    RecommendedSetting = "recommended-setting", recommended_setting, Info;
    Template = "template", template, Info;
    BigqueryCredential = "bigquery-credential", bigquery_credential, Error;
    DuplicateKey = "duplicate-key", duplicate_key, Warning;
    DuplicateConnectionKey = "duplicate-connection-key", duplicate_connection_key, Error;
    DuplicateIntegration = "duplicate-integration", duplicate_integration, Error, softer: Warning;
    ScriptMismatch = "script-mismatch", script_mismatch, Warning;
    DisputedField = "disputed-field", disputed_field, Warning;
    Unconfirmed = "unconfirmed", unconfirmed, Info;
    Deprecated = "deprecated", deprecated, Warning, softer: Info;
    UnknownKind = "unknown-kind", unknown_kind, Warning;
    CurlCommand = "curl-command", curl_command, Error, softer: Warning Info;
    InputLimit = "input-limit", input_limit, Error, softer: Info;
    InternalError = "internal-error", internal_error, Error;
}

/// The order the rules run in. Findings are sorted by position afterwards, so the order only
/// decides which findings are made first when a text has more than the finding limit: the
/// readers' findings first, then the schema's, then the rules that read the tree.
pub const RUN_ORDER: &[Code] = &[
    Code::Syntax,
    Code::DuplicateKey,
    Code::CurlCommand,
    Code::InternalError,
    Code::MissingField,
    Code::WrongType,
    Code::UnknownField,
    Code::InvalidValue,
    Code::CatalogName,
    Code::ConnectionKey,
    Code::Mismatch,
    Code::PrivateKeyNewlines,
    Code::PrivateKeyFormat,
    Code::PrivateKeyStructure,
    Code::PrivateKeyPassword,
    Code::BigqueryCredential,
    Code::Placeholder,
    Code::ApiShape,
    Code::HostFormat,
    Code::HttpPath,
    Code::UnusualPort,
    Code::AwsFormat,
    Code::GcpFormat,
    Code::CredentialFormat,
    Code::IdentifierFormat,
    Code::Whitespace,
    Code::RecommendedSetting,
    Code::DisputedField,
    Code::Unconfirmed,
    Code::Deprecated,
    Code::UnknownKind,
    Code::Template,
    Code::InputLimit,
    // Checks across files: nothing to do in one file.
    Code::DuplicateConnectionKey,
    Code::DuplicateIntegration,
    Code::ScriptMismatch,
];

impl Code {
    pub fn find(code: &str) -> Option<Code> {
        Code::ALL.iter().copied().find(|c| c.as_str() == code)
    }

    /// Whether a finding of this rule may have `severity`.
    pub fn allows(self, severity: Severity) -> bool {
        severity == self.severity() || self.softer().contains(&severity)
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Code {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl PartialEq<str> for Code {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Code {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

pub fn find(code: &str) -> Option<&'static Rule> {
    Code::find(code).map(Code::rule)
}

/// The rule table of the README, generated from the rules themselves (a test keeps them equal).
pub fn markdown_table() -> String {
    let mut out = String::from("| code | severity | what it checks |\n|---|---|---|\n");
    for rule in ALL {
        out.push_str(&format!(
            "| `{}` | {} | {} |\n",
            rule.code,
            rule.severity.as_str(),
            rule.summary.replace('|', "\\|")
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_kebab_case_and_documented() {
        let mut codes: Vec<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), Code::ALL.len(), "duplicate rule code");
        for code in Code::ALL {
            assert!(code.as_str().bytes().all(|b| b.is_ascii_lowercase() || b == b'-'), "{code}");
            for section in ["## What it checks", "## Why", "## Example", "## Fix"] {
                assert!(code.doc().body.contains(section), "{code} lacks {section}");
            }
            assert!(!code.softer().contains(&code.severity()), "{code}");
        }
    }

    #[test]
    fn every_rule_runs_exactly_once() {
        let mut run: Vec<Code> = RUN_ORDER.to_vec();
        run.sort();
        let mut all = Code::ALL.to_vec();
        all.sort();
        assert_eq!(run, all);
    }
}
