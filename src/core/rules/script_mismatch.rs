//! Rule `script-mismatch`, a check across files: a setup-script request and the payload that
//! registers its integration disagree. It runs when several files are checked together
//! ([`crate::across`]).

use super::Doc;

pub const DOC: Doc = Doc {
    summary: "A setup-script request and the connection or integration checked with it disagree (host, catalog, role, warehouse…).",
    body: r#"## What it checks
When several files are checked together, that a `POST /integrations/scripts/create` request and the
payload that registers its integration (a connection's `nativeIntegration`, or an integration
configuration) agree on the values the script is written from: host or workspace URL,
authentication type, catalog, warehouse, role, username and OAuth client id. A script is paired with
the payload of its technology on the same host, or, when there is one of each for a technology,
with that one (then a different host is reported too). Names are compared without letter case;
client ids and authentication types as written. The finding is on the later file and names the other
file with its line and column.

## Why
The script creates the role, user, warehouse grants or catalog objects for exactly the values it was
made from; an integration registered with others runs against objects the script did not create, and
fails its connection test or, worse, works with the wrong grants. This is inferred from the script
endpoint taking the integration's own configuration, so the findings are warnings.

## Example
`scripts/create.json` has `"catalog": "immuta_catalog"`; `connections/databricks.json` registers its
integration with `"catalog": "main"`.

## Fix
Use the same value in both, and run the script again if it was made from the wrong one.
"#,
};

