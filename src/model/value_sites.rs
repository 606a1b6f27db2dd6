//! Which field holds which value form, per technology: one row per field. A row on the
//! `connection` side covers its `nativeIntegration` twin too (`crate::model::twins`). Sources: the
//! payload references of each API [D] for where the fields are; value-forms.md for each form.

use crate::kind::Technology::{self, *};
use crate::values::Form::{self, *};

/// A field and the form of its value, on payloads of `technology`. A pointer ending in `/*`
/// means every item of the array there.
pub struct ValueSite {
    pub pointer: &'static str,
    pub technology: Technology,
    pub form: Form,
}

const fn site(pointer: &'static str, technology: Technology, form: Form) -> ValueSite {
    ValueSite { pointer, technology, form }
}

pub const VALUE_SITES: &[ValueSite] = &[
    // Snowflake: integrations and scripts (`config`), connections (`connection`, twins included).
    site("/config/host", Snowflake, Host(Snowflake)),
    site("/connection/hostname", Snowflake, Host(Snowflake)),
    site("/config/port", Snowflake, Port(Snowflake)),
    site("/connection/port", Snowflake, Port(Snowflake)),
    site("/config/warehouse", Snowflake, SnowflakeIdentifier),
    site("/connection/warehouse", Snowflake, SnowflakeIdentifier),
    site("/config/role", Snowflake, SnowflakeIdentifier),
    site("/connection/role", Snowflake, SnowflakeIdentifier),
    site("/config/database", Snowflake, SnowflakeIdentifier),
    site("/nativeIntegration/config/database", Snowflake, SnowflakeIdentifier),
    site("/config/userRolePattern/exclude/*", Snowflake, SnowflakeIdentifier),
    site("/nativeIntegration/userRolePattern/exclude/*", Snowflake, SnowflakeIdentifier),
    site("/config/password", Snowflake, Secret),
    site("/connection/password", Snowflake, Secret),
    site("/config/privateKeyPassword", Snowflake, Secret),
    site("/connection/privateKeyPassword", Snowflake, Secret),
    site("/config/oAuthClientConfig/clientSecret", Snowflake, Secret),
    site("/connection/oAuthClientConfig/clientSecret", Snowflake, Secret),
    site("/config/oAuthClientConfig/publicCertificateThumbprint", Snowflake, Thumbprint),
    site("/connection/oAuthClientConfig/publicCertificateThumbprint", Snowflake, Thumbprint),
    site("/config/oAuthClientConfig/authorityUrl", Snowflake, AuthorityUrl),
    site("/connection/oAuthClientConfig/authorityUrl", Snowflake, AuthorityUrl),
    // Databricks Unity Catalog.
    site("/config/workspaceUrl", Databricks, Host(Databricks)),
    site("/connection/hostname", Databricks, Host(Databricks)),
    site("/config/port", Databricks, Port(Databricks)),
    site("/connection/port", Databricks, Port(Databricks)),
    site("/config/httpPath", Databricks, HttpPath),
    site("/connection/httpPath", Databricks, HttpPath),
    site("/config/token", Databricks, DatabricksToken),
    site("/connection/token", Databricks, DatabricksToken),
    site("/config/oAuthClientConfig/clientId", Databricks, ClientId),
    site("/connection/oAuthClientConfig/clientId", Databricks, ClientId),
    site("/config/oAuthClientConfig/clientSecret", Databricks, Secret),
    site("/connection/oAuthClientConfig/clientSecret", Databricks, Secret),
    site("/config/oAuthClientConfig/authorityUrl", Databricks, AuthorityUrl),
    site("/connection/oAuthClientConfig/authorityUrl", Databricks, AuthorityUrl),
    site("/config/oAuthClientConfig/scope", Databricks, OAuthScope),
    site("/connection/oAuthClientConfig/scope", Databricks, OAuthScope),
    // Redshift and Azure Synapse Analytics.
    site("/config/host", Redshift, Host(Redshift)),
    site("/config/port", Redshift, Port(Redshift)),
    site("/config/password", Redshift, Secret),
    site("/config/okta/password", Redshift, Secret),
    site("/config/host", Synapse, Host(Synapse)),
    site("/config/port", Synapse, Port(Synapse)),
    site("/config/password", Synapse, Secret),
    // Native S3.
    site("/config/awsRegion", S3, AwsRegion),
    site("/config/awsAccountId", S3, AwsAccountId),
    site("/config/awsLocationRole", S3, RoleArn),
    site("/config/awsRoleToAssume", S3, RoleArn),
    site("/config/awsLocationPath", S3, S3Location),
    site("/config/awsAccessKeyId", S3, AwsAccessKeyId),
    site("/config/awsSecretAccessKey", S3, AwsSecretAccessKey),
    // Google BigQuery (the key file's own fields are in CREDENTIAL_SITES).
    site("/config/location", BigQuery, BigQueryLocation),
    site("/config/dataset", BigQuery, BigQueryDataset),
];

/// Fields inside the BigQuery credential (the service account's key file) and their forms.
pub const CREDENTIAL_SITES: &[(&str, Form)] = &[("project_id", GcpProjectId), ("client_email", ServiceAccountEmail)];

/// A DNS domain that belongs to one platform's endpoints.
#[derive(Debug, PartialEq, Eq)]
pub struct Domain {
    pub suffix: &'static str,
    pub technology: Technology,
    pub name: &'static str,
}

const fn domain(suffix: &'static str, technology: Technology, name: &'static str) -> Domain {
    Domain { suffix, technology, name }
}

/// The endpoint domains of each platform (value-forms.md §1, §2, §5) [D]; `snowflakecomputing.mil`
/// is in Snowflake's drivers only [I], the `.us` Databricks domains are [R].
pub const DOMAINS: &[Domain] = &[
    domain("snowflakecomputing.com", Snowflake, "a Snowflake account hostname"),
    domain("snowflakecomputing.cn", Snowflake, "a Snowflake account hostname"),
    domain("snowflakecomputing.mil", Snowflake, "a Snowflake account hostname"),
    domain("snowflake.com", Snowflake, "a Snowflake web address"),
    domain("cloud.databricks.com", Databricks, "a Databricks workspace hostname"),
    domain("gcp.databricks.com", Databricks, "a Databricks workspace hostname"),
    domain("azuredatabricks.net", Databricks, "an Azure Databricks workspace hostname"),
    domain("databricks.azure.cn", Databricks, "an Azure Databricks workspace hostname"),
    domain("cloud.databricks.us", Databricks, "a Databricks workspace hostname"),
    domain("azuredatabricks.us", Databricks, "an Azure Databricks workspace hostname"),
    domain("azuresynapse.net", Synapse, "an Azure Synapse hostname"),
    domain("sql.azuresynapse.azure.cn", Synapse, "an Azure Synapse hostname"),
    domain("database.windows.net", Synapse, "an Azure SQL hostname"),
    domain("redshift.amazonaws.com", Redshift, "an Amazon Redshift cluster hostname"),
    domain("redshift.amazonaws.com.cn", Redshift, "an Amazon Redshift cluster hostname"),
    domain("redshift-serverless.amazonaws.com", Redshift, "an Amazon Redshift Serverless hostname"),
    domain("redshift-serverless.amazonaws.com.cn", Redshift, "an Amazon Redshift Serverless hostname"),
];

/// A platform's usual port, and the other ports its docs allow.
#[derive(Debug, PartialEq, Eq)]
pub struct PortRule {
    pub technology: Technology,
    pub usual: u16,
    /// Ranges the platform documents as allowed besides the usual port.
    pub allowed: &'static [(u16, u16)],
    pub source: &'static str,
}

/// Snowflake and Databricks: HTTPS on 443 [D]. Synapse: 1433 in every connection string [D].
/// Redshift: 5439 by default; RA3 and Serverless take 5431–5455 and 8191–8215, DC2 1150–65535 [D].
pub const PORTS: &[PortRule] = &[
    PortRule { technology: Snowflake, usual: 443, allowed: &[], source: "Snowflake clients connect over HTTPS on 443" },
    PortRule { technology: Databricks, usual: 443, allowed: &[], source: "Databricks JDBC/ODBC settings: Port = 443" },
    PortRule { technology: Synapse, usual: 1433, allowed: &[], source: "Synapse connection strings use 1433" },
    PortRule {
        technology: Redshift,
        usual: 5439,
        allowed: &[(5431, 5455), (8191, 8215), (1150, 65535)],
        source: "Redshift's default is 5439 (RA3 and Serverless: 5431–5455 or 8191–8215; DC2: 1150–65535)",
    },
];

/// Well-known ports of other systems, to name where a port was copied from.
pub const KNOWN_PORTS: &[(u16, &str)] = &[
    (443, "the HTTPS port (Snowflake, Databricks)"),
    (5439, "Redshift's default port"),
    (1433, "the SQL Server and Synapse port"),
    (5432, "PostgreSQL's default port"),
    (3306, "MySQL's default port"),
    (8080, "Trino's default HTTP port"),
    (80, "the plain HTTP port"),
    (10000, "the Spark Thrift server port"),
];
