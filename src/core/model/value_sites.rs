//! Which field holds which value form, per technology, worked out from the catalogue's `x-form`
//! keywords (`crate::model::catalogue`); and the facts about the forms themselves: the platforms'
//! domains and ports. A field's `nativeIntegration` twin has its form too (`crate::model::twins`).
//! Sources: the payload references of each API [D] for where the fields are; value-forms.md for
//! each form.

use crate::kind::Technology::{self, *};
use crate::model::catalogue::{FACTS, technology};
use crate::values::Form::{self, *};
use std::sync::OnceLock;

/// A field and the form of its value, on payloads of `technology`. A pointer ending in `/*`
/// means every item of the array there.
pub struct ValueSite {
    pub pointer: &'static str,
    pub technology: Technology,
    pub form: Form,
}

/// Every field with an `x-form`, once per technology.
pub fn value_sites() -> &'static [ValueSite] {
    static SITES: OnceLock<Vec<ValueSite>> = OnceLock::new();
    SITES.get_or_init(|| {
        let mut sites: Vec<ValueSite> = Vec::new();
        for fact in FACTS {
            let (Some(technology), Some(slug)) = (technology(fact), fact.form) else { continue };
            let Some(form) = Form::from_slug(slug, technology) else { continue };
            if !sites.iter().any(|s| s.pointer == fact.pointer && s.technology == technology) {
                sites.push(ValueSite { pointer: fact.pointer, technology, form });
            }
        }
        sites
    })
}

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

/// Domains of a platform that hold no endpoint a payload wants, and the domain meant instead:
/// `myorg-account.snowflake.com` is a misspelt account hostname (value-forms.md §1.3) [I].
pub const NOT_ENDPOINTS: &[(&str, &str)] = &[("snowflake.com", "snowflakecomputing.com")];

/// Platforms whose endpoints may sit on a custom domain of the customer's own: Redshift custom
/// domain names (a CNAME to the cluster) [D, Amazon Redshift "Using a custom domain name"].
pub const CUSTOM_DOMAINS: &[Technology] = &[Redshift];

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

/// The domains of `technology`'s endpoints: its `DOMAINS` but those in `NOT_ENDPOINTS`.
pub fn endpoint_domains(technology: Technology) -> impl Iterator<Item = &'static str> {
    DOMAINS
        .iter()
        .filter(move |d| d.technology == technology)
        .map(|d| d.suffix)
        .filter(|suffix| !NOT_ENDPOINTS.iter().any(|(wrong, _)| wrong == suffix))
}

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
