//! Rule `duplicate-connection-key`, a check across files: two connection payloads register the
//! same `connectionKey`. It runs when several files are checked together ([`crate::across`]).

use super::Doc;

pub const DOC: Doc = Doc {
    summary: "Two connection payloads checked together register the same connectionKey; Immuta refuses the second.",
    body: r#"## What it checks
When several files are checked together (a folder, several paths, a commit's files in the hook),
that no two connection registrations (`POST /data/connection`) use the same `connectionKey`. The
finding is on the later file, and names the earlier one with its line and column (`related` in
JSON, `relatedLocations` in SARIF, "see also" in text).

## Why
The connection key is unique on a tenant and "will be used in all API calls made to update or
delete the connection" (Immuta's connection registration reference and its UI, documented). A copied
payload whose key was not changed is refused when it is sent, after the first one was registered.

## Example
`payloads/prod.json` and `payloads/prod-copy.json` both hold `"connectionKey": "acme-snowflake"`.

## Fix
Give each connection its own key, or delete the copy. To update an existing connection, send a
connection update (`PUT /data/connection/{connectionKey}`) instead of a second registration.
"#,
};

