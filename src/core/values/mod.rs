//! The value layer: what form a field's value takes (a hostname, an AWS region, a role ARN…) and
//! one small checker per form that says what is wrong with a value of the right JSON type. Which
//! field holds which form is a table, `crate::model::value_sites`; the rules that turn these typed
//! problems into findings are `host-format`, `http-path`, `aws-format`, `unusual-port`,
//! `credential-format`, `identifier-format`, `gcp-format`, `whitespace` and
//! `private-key-structure`. Plain hand-written functions: no regex engine.

pub mod aws;
pub mod chars;
pub mod der;
pub mod gcp;
pub mod host;
pub mod http_path;
pub mod identifier;
pub mod oauth;
pub mod port;

use crate::kind::Technology;
use crate::model::placeholders::{DOCS_SAMPLES, MASKS, is_placeholder, is_template};

/// The form a field's value takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// A bare hostname of the platform's endpoint.
    Host(Technology),
    /// A Databricks compute's HTTP path.
    HttpPath,
    AwsRegion,
    AwsAccountId,
    /// An IAM role ARN.
    RoleArn,
    /// An S3 Access Grants location (`s3://bucket/prefix`).
    S3Location,
    AwsAccessKeyId,
    AwsSecretAccessKey,
    /// A Snowflake object name (warehouse, role, database).
    SnowflakeIdentifier,
    /// A TCP port of the platform's endpoint.
    Port(Technology),
    /// A Databricks personal access token.
    DatabricksToken,
    /// A Databricks service principal's OAuth client ID (a UUID).
    ClientId,
    /// An Entra certificate thumbprint.
    Thumbprint,
    /// An OAuth token endpoint URL.
    AuthorityUrl,
    /// The Databricks OAuth scope.
    OAuthScope,
    BigQueryLocation,
    BigQueryDataset,
    GcpProjectId,
    ServiceAccountEmail,
    /// A password or client secret: free text, judged only for invisible characters.
    Secret,
}

impl Form {
    /// Whether the form has an ASCII grammar without whitespace, fixed by a standard or the
    /// platform's docs: then whitespace, an invisible character or a look-alike in it is an error.
    pub fn strict(self) -> bool {
        use Form::*;
        matches!(
            self,
            Host(_)
                | HttpPath
                | AwsRegion
                | AwsAccountId
                | RoleArn
                | S3Location
                | AwsAccessKeyId
                | AuthorityUrl
                | BigQueryLocation
                | BigQueryDataset
                | GcpProjectId
                | ServiceAccountEmail
        )
    }

    /// Whether the form is ASCII by nature, so a look-alike character in it (an en dash, a
    /// full-width dot) is a copy accident.
    pub fn ascii(self) -> bool {
        use Form::*;
        self.strict() || matches!(self, DatabricksToken | ClientId | Thumbprint | OAuthScope | AwsSecretAccessKey)
    }

    /// The catalogue's `x-form` names (src/core/schemas/*.json): `host` and `port` take the
    /// technology of the payload the field is in.
    pub const SLUGS: [&'static str; 20] = [
        "host",
        "http-path",
        "aws-region",
        "aws-account-id",
        "role-arn",
        "s3-location",
        "aws-access-key-id",
        "aws-secret-access-key",
        "snowflake-identifier",
        "port",
        "databricks-token",
        "client-id",
        "thumbprint",
        "authority-url",
        "oauth-scope",
        "bigquery-location",
        "bigquery-dataset",
        "gcp-project-id",
        "service-account-email",
        "secret",
    ];

    /// The form an `x-form` name stands for, on a field of a `technology` payload.
    pub fn from_slug(slug: &str, technology: Technology) -> Option<Form> {
        use Form::*;
        Some(match slug {
            "host" => Host(technology),
            "http-path" => HttpPath,
            "aws-region" => AwsRegion,
            "aws-account-id" => AwsAccountId,
            "role-arn" => RoleArn,
            "s3-location" => S3Location,
            "aws-access-key-id" => AwsAccessKeyId,
            "aws-secret-access-key" => AwsSecretAccessKey,
            "snowflake-identifier" => SnowflakeIdentifier,
            "port" => Port(technology),
            "databricks-token" => DatabricksToken,
            "client-id" => ClientId,
            "thumbprint" => Thumbprint,
            "authority-url" => AuthorityUrl,
            "oauth-scope" => OAuthScope,
            "bigquery-location" => BigQueryLocation,
            "bigquery-dataset" => BigQueryDataset,
            "gcp-project-id" => GcpProjectId,
            "service-account-email" => ServiceAccountEmail,
            "secret" => Secret,
            _ => return None,
        })
    }

    /// What the form is called in messages.
    pub fn name(self) -> &'static str {
        use Form::*;
        match self {
            Host(_) => "a hostname",
            HttpPath => "an HTTP path",
            AwsRegion => "an AWS region",
            AwsAccountId => "an AWS account ID",
            RoleArn => "an IAM role ARN",
            S3Location => "an S3 location",
            AwsAccessKeyId => "an AWS access key ID",
            AwsSecretAccessKey => "an AWS secret access key",
            SnowflakeIdentifier => "a Snowflake object name",
            Port(_) => "a port",
            DatabricksToken => "a Databricks token",
            ClientId => "a client ID",
            Thumbprint => "a certificate thumbprint",
            AuthorityUrl => "a token endpoint URL",
            OAuthScope => "an OAuth scope",
            BigQueryLocation => "a BigQuery location",
            BigQueryDataset => "a BigQuery dataset name",
            GcpProjectId => "a Google Cloud project ID",
            ServiceAccountEmail => "a service account e-mail",
            Secret => "a secret",
        }
    }
}

/// Whether a value is judged by form at all: not a `<placeholder>`, a template (`${VAR}`,
/// `{{ var }}`), a mask from a GET response or a sample from the docs (the `placeholder` rule
/// reports those), and not empty.
pub fn judged(text: &str) -> bool {
    let trimmed = text.trim();
    !(trimmed.is_empty()
        || is_placeholder(text)
        || is_template(text)
        || MASKS.contains(&trimmed)
        || DOCS_SAMPLES.contains(&trimmed))
}

/// The value without the characters the `whitespace` rule reports for its form (a look-alike
/// becomes its ASCII character), so each form rule judges what the user meant and no character is
/// reported twice.
pub fn cleaned(text: &str, form: Form) -> String {
    chars::clean(text, form.strict(), form.ascii())
}

/// Strips a prefix, ignoring ASCII case.
pub(crate) fn strip_prefix_ignore_case<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    (text.len() >= prefix.len()
        && text.is_char_boundary(prefix.len())
        && text[..prefix.len()].eq_ignore_ascii_case(prefix))
    .then(|| &text[prefix.len()..])
}

pub(crate) fn all_digits(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit())
}

pub(crate) fn all_hex(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|b| b.is_ascii_hexdigit())
}

/// `8-4-4-4-12` hex digits.
pub fn is_uuid(text: &str) -> bool {
    let groups: Vec<&str> = text.split('-').collect();
    groups.len() == 5 && groups.iter().zip([8, 4, 4, 4, 12]).all(|(g, n)| g.len() == n && all_hex(g))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every checker on every value with a multi-byte character put at every position, and cut at
    /// every character: none may panic (they slice text by byte offsets they compute).
    #[test]
    fn checkers_take_any_text() {
        let seeds = [
            "https://acme.eu-west-1.snowflakecomputing.com:443/path?x=1",
            "jdbc:sqlserver://h:1433;password=x",
            "Server=tcp:h,1433;Database=d",
            "databricks://token:dapi1@h?http_path=x",
            "us-east1",
            "US-EAST-1a",
            "use1-az1",
            "1111-2222-3333",
            "arn:aws:iam:111122223333:role/x",
            "arn:aws:iam:us-east-1:111122223333:role/a/b",
            "s3://b/p*",
            "https://b.s3.us-east-1.amazonaws.com/p",
            "aws_access_key_id = AKIAIOSFODNN7EXAMPLE",
            "Bearer dapi0123",
            "SHA1 Fingerprint=84:E0",
            "httpPath=/sql/1.0/warehouses/0123456789abcdef;ssl=1",
            "sql/protocolv1/o/0/0000-00000-abc123",
            "us-east1-b",
            "a@b.iam.gserviceaccount.com",
            "example.com:proj",
            "\u{201c}WH\u{201d}",
        ];
        let inserts = ['é', '€', '😀', '\u{200b}', ':', '/', '-', '.', '@', '='];
        for seed in seeds {
            let mut variants = vec![seed.to_string()];
            for (at, _) in seed.char_indices().chain(std::iter::once((seed.len(), ' '))) {
                variants.push(seed[..at].to_string());
                for c in inserts {
                    variants.push(format!("{}{c}{}", &seed[..at], &seed[at..]));
                }
            }
            for text in &variants {
                let text = text.as_str();
                let reading = host::read(text);
                let _ = (host::invalid(&reading.host), host::embedded_secrets(text));
                for technology in Technology::ALL {
                    let _ = host::belonging(&reading.host, technology);
                }
                let _ = (aws::region(text), aws::account(text), aws::role_arn(text), aws::location(text));
                let _ = (aws::access_key_id(text), aws::secret_access_key(text), http_path::check(text));
                let _ = (oauth::token(text), oauth::thumbprint(text), oauth::scope(text));
                let _ = oauth::authority(text, true, Some("h"));
                let _ = (gcp::location(text), gcp::project_id(text), gcp::dataset(text));
                let _ = gcp::service_account_email(text, Some("p"));
                let _ = (identifier::check(text), chars::scan(text, true, true), chars::clean(text, false, false));
                let _ = der::base64(text).map(|bytes| der::analyze("PRIVATE KEY", &bytes));
            }
        }
    }
}
