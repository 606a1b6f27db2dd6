//! Rule `duplicate-integration`, a check across files: two integration payloads of one type for
//! the same host (or, for S3, the same name or location). It runs when several files are checked
//! together ([`crate::across`]).

use super::Doc;

pub const DOC: Doc = Doc {
    summary: "Two integration payloads checked together configure the same type on the same host; Immuta answers 409.",
    body: r#"## What it checks
When several files are checked together, that no two integration configurations
(`POST /integrations`) of the same type name the same host: `config.host` for Snowflake, Redshift and
Azure Synapse Analytics, `config.workspaceUrl` for Databricks (hosts compared without `https://`, a
trailing `/` or letter case), and for Native S3 the same `config.name` or `config.awsLocationPath`.
The finding is on the later file and names the earlier one with its line and column.

## Why
Immuta answers the second with 409 "Snowflake integration already exists on host …" (documented in
the integrations API reference), and S3 integration names and location paths are unique across S3
integrations (documented in the S3 how-to): errors. For Databricks, Redshift and Synapse the same
answer is inferred from Snowflake's, so those findings are warnings.

## Example
`integrations/snowflake.json` and `integrations/snowflake-new.json` both configure `Snowflake` on
`acme.snowflakecomputing.com`.

## Fix
Keep one configuration per host. To change an existing integration, send `PUT /integrations/{id}`
with the new configuration instead of a second `POST`.
"#,
};

