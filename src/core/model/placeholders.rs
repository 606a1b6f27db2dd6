//! Text that was meant to be replaced: the docs' `<placeholders>`, the masks a GET response
//! returns, and the docs' sample values. Source: the example requests of every API page [D].
//! The JSON reader asks [`is_placeholder`] too, to name an unquoted placeholder.

/// Samples from Immuta's example requests that nobody means to send.
pub const DOCS_SAMPLES: &[&str] = &[
    "organization.us-east-1.snowflakecomputing.com",
    "www.example-workspace.cloud.databricks.com",
    "organization.azure.com",
    "organization.aws.amazon.com",
    "your-immuta-url.com",
    "www.organization.immuta.com",
    "abc1234",
    "taylor@snowflake.com",
    "taylor@redshift.com",
    "taylor@synapse.com",
    "846e9e43c86a4ct1be14290d95127d13f",
];

pub const MASKS: &[&str] = &["<REDACTED>", "[REDACTED]", "REDACTED", "********"];

/// Whether `text` is a `<placeholder>` from the docs.
pub fn is_placeholder(text: &str) -> bool {
    // Every placeholder has a `<`; most values do not, and memchr finds that out fast.
    if !text.contains('<') {
        return false;
    }
    let t = text.trim();
    (t.len() > 2 && t.starts_with('<') && t.ends_with('>'))
        || ["<your-", "<your_", "<the-", "<placeholder", "<insert"].iter().any(|p| t.contains(p))
}

/// Whether `text` holds a template expression (`${VAR}`, `{{ var }}`) that a tool fills in before
/// the request is sent: its form is unknown until then, so no value rule judges it.
pub fn is_template(text: &str) -> bool {
    if !text.bytes().any(|b| b == b'{') {
        return false;
    }
    let between = |open: &str, close: &str| text.find(open).is_some_and(|at| text[at + open.len()..].contains(close));
    between("${", "}") || between("{{", "}}")
}
