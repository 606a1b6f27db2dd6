//! Hostnames: a pasted URL, JDBC or ADO.NET string taken apart to the host it names, the host
//! checked against RFC 1123 (letters, digits and hyphens; labels of 1–63 characters; at most 253
//! in all), and the host's domain compared with the platform's. Sources: RFC 952/1035/1123/3986
//! [D]; the platforms' endpoint forms in value-forms.md §1, §2, §5, §6 [D]; the connection-string
//! forms of Snowflake, Databricks, Microsoft and AWS JDBC docs [D].

use crate::kind::Technology;
use crate::model::value_sites::{CUSTOM_DOMAINS, DOMAINS, Domain, NOT_ENDPOINTS, endpoint_domains};

/// What a host field held, taken apart.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Reading {
    /// The host it names (as written, case kept).
    pub host: String,
    /// The wrapping that was around the host, in the order found: `https://`, `:443`, `/path`…
    pub wrapping: Vec<Wrapping>,
    /// Where the host starts and ends in the cleaned text, when the rest can be dropped.
    pub host_range: (usize, usize),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Wrapping {
    /// `https://`, `jdbc:snowflake://`…: the scheme as written.
    Scheme(String),
    /// `Server=tcp:` or `tcp:` of an ADO.NET or ODBC string.
    AdoNet,
    Port(String),
    Path,
    Query,
    /// A user name (and maybe a password) before `@`.
    UserInfo,
    /// `;key=value` parameters of a JDBC or ODBC string.
    Parameters,
    TrailingDot,
}

impl Wrapping {
    pub fn describe(&self) -> String {
        match self {
            Wrapping::Scheme(s) => format!("the scheme `{s}`"),
            Wrapping::AdoNet => "the connection-string keyword `Server=tcp:`".to_string(),
            Wrapping::Port(p) => format!("the port `:{p}`"),
            Wrapping::Path => "a path".to_string(),
            Wrapping::Query => "a query".to_string(),
            Wrapping::UserInfo => "a user name before `@`".to_string(),
            Wrapping::Parameters => "connection parameters".to_string(),
            Wrapping::TrailingDot => "a trailing dot".to_string(),
        }
    }
}

/// Takes a pasted value apart. `text` has no whitespace or invisible characters left.
pub fn read(text: &str) -> Reading {
    let mut wrapping = Vec::new();
    let mut start = 0;
    let lower = text.to_ascii_lowercase();
    // ADO.NET / ODBC: `Server=tcp:host,1433;Database=…` or `tcp:host,1433`.
    if let Some(at) = lower.find("server=") {
        start = at + "server=".len();
        wrapping.push(Wrapping::AdoNet);
        if lower[start..].starts_with("tcp:") {
            start += 4;
        }
    } else if lower.starts_with("tcp:") {
        start = 4;
        wrapping.push(Wrapping::AdoNet);
    } else if let Some(scheme_end) = lower.find("://") {
        let scheme = &lower[..scheme_end];
        if !scheme.is_empty() && scheme.bytes().all(|b| b.is_ascii_alphanumeric() || b == b':' || b == b'+') {
            wrapping.push(Wrapping::Scheme(text[..scheme_end + 3].to_string()));
            start = scheme_end + 3;
        }
    }
    let rest = &text[start..];
    // The authority ends at the first `/`, `?`, `#`, `;` or `\` (a SQL Server instance), or at the
    // comma before an ADO.NET port.
    let end = rest.find(['/', '?', '#', ';', '\\']).unwrap_or(rest.len());
    let mut authority = &rest[..end];
    let mut host_start = start;
    if let Some(at) = authority.rfind('@') {
        wrapping.push(Wrapping::UserInfo);
        host_start += at + 1;
        authority = &authority[at + 1..];
    }
    let mut host = authority;
    if let Some(comma) = host.find(',') {
        wrapping.push(Wrapping::Port(host[comma + 1..].to_string()));
        host = &host[..comma];
    } else if let Some(colon) = host.rfind(':').filter(|_| !host.starts_with('[')) {
        let port = &host[colon + 1..];
        if port.bytes().all(|b| b.is_ascii_digit()) {
            wrapping.push(Wrapping::Port(port.to_string()));
            host = &host[..colon];
        }
    }
    match rest.as_bytes().get(end) {
        Some(b'/') | Some(b'\\') => wrapping.push(Wrapping::Path),
        Some(b'?') | Some(b'#') => wrapping.push(Wrapping::Query),
        Some(b';') => wrapping.push(Wrapping::Parameters),
        _ => {}
    }
    let mut host_end = host_start + host.len();
    if host.len() > 1 && host.ends_with('.') {
        wrapping.push(Wrapping::TrailingDot);
        host = &host[..host.len() - 1];
        host_end -= 1;
    }
    Reading { host: host.to_string(), wrapping, host_range: (host_start, host_end) }
}

/// Why a host is not a valid hostname (RFC 1123), if it is not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Invalid {
    Empty,
    /// A character outside letters, digits, `-`, `.` (and `_`, which DNS allows).
    Character(char),
    EmptyLabel,
    LabelTooLong(usize),
    TooLong(usize),
    /// A label that starts or ends with a hyphen.
    HyphenAtEdge(String),
}

pub fn invalid(host: &str) -> Option<Invalid> {
    if host.is_empty() {
        return Some(Invalid::Empty);
    }
    if let Some(bad) = host.chars().find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_'))) {
        return Some(Invalid::Character(bad));
    }
    if host.len() > 253 {
        return Some(Invalid::TooLong(host.len()));
    }
    for label in host.split('.') {
        if label.is_empty() {
            return Some(Invalid::EmptyLabel);
        }
        if label.len() > 63 {
            return Some(Invalid::LabelTooLong(label.len()));
        }
        if label.starts_with('-') || label.ends_with('-') {
            return Some(Invalid::HyphenAtEdge(label.to_string()));
        }
    }
    None
}

/// What a well-formed host says about the platform it belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Belonging {
    /// The platform's own domain, or a domain of no platform this tool knows (a private CNAME).
    Fine,
    /// The domain of another platform.
    Other(&'static Domain),
    /// A known wrong endpoint of the right platform (an account console, a web UI).
    WrongEndpoint(&'static str),
    /// An underscore outside a Snowflake account name: DNS takes it, TLS stacks often do not.
    Underscore,
    /// The platform's domain misspelt or cut short: `fixed` is the host with the domain meant.
    NearMiss { fixed: String, suffix: &'static str },
    /// A Snowflake account identifier without its domain (`myorg-account123`, `xy12345.us-east-2.aws`).
    BareAccount { fixed: String },
    /// A domain of no platform: `custom` when the platform allows custom domain names.
    OffDomain { custom: bool },
}

pub fn belonging(host: &str, technology: Technology) -> Belonging {
    let lower: std::borrow::Cow<str> =
        if host.bytes().any(|b| b.is_ascii_uppercase()) { host.to_ascii_lowercase().into() } else { host.into() };
    let lower = lower.as_ref();
    let domain = DOMAINS.iter().find(|d| ends_with_domain(lower, d.suffix));
    if let Some(d) = domain.filter(|d| d.technology != technology) {
        return Belonging::Other(d);
    }
    if let Some(why) = wrong_endpoint(lower, technology) {
        return Belonging::WrongEndpoint(why);
    }
    let endpoint = domain.filter(|d| !NOT_ENDPOINTS.iter().any(|(suffix, _)| *suffix == d.suffix));
    let own: Vec<&'static str> = endpoint_domains(technology).collect();
    if endpoint.is_none() && !own.is_empty() {
        return off_domain(host, lower, technology, &own);
    }
    // A Snowflake account name may hold `_` (its first label); no other label may.
    let underscore_allowed =
        technology == Technology::Snowflake && domain.is_some() && !lower.split('.').skip(1).any(|l| l.contains('_'));
    if lower.contains('_') && !underscore_allowed {
        return Belonging::Underscore;
    }
    Belonging::Fine
}

/// A host outside its platform's domains: a near miss of one (its fix), a bare Snowflake account
/// identifier, or another domain.
fn off_domain(host: &str, lower: &str, technology: Technology, own: &[&'static str]) -> Belonging {
    let keep = |cut: usize| &host[..host.len() - cut];
    for (wrong, meant) in NOT_ENDPOINTS {
        if ends_with_domain(lower, wrong) && own.contains(meant) {
            return Belonging::NearMiss { fixed: format!("{}{meant}", keep(wrong.len())), suffix: meant };
        }
    }
    let labels: Vec<&str> = lower.split('.').collect();
    let mut best: Option<(usize, String, &'static str)> = None;
    for suffix in own.iter().copied() {
        let k = suffix.split('.').count();
        // The domain misspelt (`snowflakecomputing.co`), or its last label lost (`…snowflakecomputing`).
        let candidates =
            [(k, suffix.to_string()), (k - 1, suffix.rsplit_once('.').map_or(String::new(), |(s, _)| s.to_string()))];
        for (n, expected) in candidates {
            if n == 0 || labels.len() <= n {
                continue;
            }
            let tail = labels[labels.len() - n..].join(".");
            let distance = if n == k {
                strsim::damerau_levenshtein(&tail, suffix)
            } else if tail == expected {
                1
            } else {
                9
            };
            if (1..=2).contains(&distance) && best.as_ref().is_none_or(|(d, _, _)| distance < *d) {
                best = Some((distance, format!("{}{suffix}", keep(tail.len())), suffix));
            }
        }
    }
    if let Some((_, fixed, suffix)) = best {
        return Belonging::NearMiss { fixed, suffix };
    }
    if technology == Technology::Snowflake && is_account_identifier(&labels) {
        return Belonging::BareAccount { fixed: format!("{host}.snowflakecomputing.com") };
    }
    Belonging::OffDomain { custom: CUSTOM_DOMAINS.contains(&technology) }
}

/// `myorg-account123`, `xy12345`, `xy12345.us-east-2.aws`, `xy12345.us-east-1`: an account
/// identifier as Snowflake's connectors take it, not a hostname [value-forms.md §1.3, I].
fn is_account_identifier(labels: &[&str]) -> bool {
    let region = |label: &str| {
        let parts: Vec<&str> = label.split('-').collect();
        parts.len() >= 3
            && parts[..parts.len() - 1].iter().all(|p| p.bytes().all(|b| b.is_ascii_lowercase()))
            && parts[parts.len() - 1].bytes().all(|b| b.is_ascii_digit())
    };
    match labels {
        [_] => true,
        [_, rest @ ..] => {
            let (last, before) = rest.split_last().expect("rest is not empty");
            matches!(*last, "aws" | "azure" | "gcp") && before.len() == 1 || rest.len() == 1 && region(last)
        }
        [] => false,
    }
}

fn ends_with_domain(host: &str, suffix: &str) -> bool {
    host.len() > suffix.len() && host.ends_with(suffix) && host.as_bytes()[host.len() - suffix.len() - 1] == b'.'
}

/// Endpoints of the right platform that are not the one a connection needs [D/I, value-forms.md].
fn wrong_endpoint(host: &str, technology: Technology) -> Option<&'static str> {
    let first = host.split('.').next().unwrap_or("");
    match technology {
        Technology::Snowflake if host == "app.snowflake.com" || ends_with_domain(host, "app.snowflake.com") => {
            Some("the Snowsight web address, not the account's hostname (<orgname>-<account>.snowflakecomputing.com)")
        }
        Technology::Databricks if first == "accounts" => {
            Some("the Databricks account console, not a workspace: use the workspace URL's host")
        }
        Technology::Databricks
            if first.starts_with("adb-") && host.split('.').count() == 3 && host.ends_with(".azuredatabricks.net") =>
        {
            Some(
                "an Azure Databricks host without its `.<n>` label: per-workspace URLs read adb-<workspace-id>.<n>.azuredatabricks.net",
            )
        }
        Technology::Synapse if host == "web.azuresynapse.net" || ends_with_domain(host, "dev.azuresynapse.net") => {
            Some("the Synapse Studio (dev) endpoint, not a SQL endpoint (<workspace>.sql.azuresynapse.net)")
        }
        _ => None,
    }
}

/// The byte ranges of credentials inside a pasted connection string: the password of a
/// `scheme://user:password@host` URL, and the values of `password=`, `pwd=`, `token=` and
/// `secret=` parameters. Code frames mask them, as they mask secret fields.
pub fn embedded_secrets(text: &str) -> Vec<(usize, usize)> {
    let mut ranges = Vec::new();
    if text.len() < 8 || !text.bytes().any(|b| b == b'=' || b == b'@') {
        return ranges;
    }
    if let Some(scheme_end) = text.find("://") {
        let authority_start = scheme_end + 3;
        let rest = &text[authority_start..];
        let authority = &rest[..rest.find(['/', '?', '#']).unwrap_or(rest.len())];
        if let Some(at) = authority.rfind('@') {
            if let Some(colon) = authority[..at].find(':') {
                ranges.push((authority_start + colon + 1, authority_start + at));
            }
        }
    }
    // Found from each `=` back to its key, without a lower-case copy: a private key or a long
    // token has one `=` or two, at its end.
    const KEYS: [&str; 4] = ["password", "pwd", "token", "secret"];
    let bytes = text.as_bytes();
    let mut resume = [0usize; KEYS.len()];
    for (eq, _) in text.match_indices('=') {
        for (key, resume) in KEYS.iter().zip(resume.iter_mut()) {
            let Some(found) = eq.checked_sub(key.len()) else { continue };
            if found < *resume || !bytes[found..eq].eq_ignore_ascii_case(key.as_bytes()) {
                continue;
            }
            let start = eq + 1;
            let boundary = found == 0 || matches!(bytes[found - 1], b';' | b'&' | b'?' | b' ' | b'_');
            let end = start + text[start..].find([';', '&']).unwrap_or(text.len() - start);
            if boundary && end > start {
                ranges.push((start, end));
            }
            *resume = end.max(start);
        }
    }
    ranges
}

#[cfg(test)]
mod tests {
    use super::*;
    use Technology::*;

    #[test]
    fn realistic_hosts_are_fine() {
        for (host, technology) in [
            ("myorg-account123.snowflakecomputing.com", Snowflake),
            ("myorg-my_account.snowflakecomputing.com", Snowflake),
            ("MyOrg-Account123.SnowflakeComputing.com", Snowflake),
            ("xy12345.us-east-2.aws.snowflakecomputing.com", Snowflake),
            ("myorg-account123.privatelink.snowflakecomputing.com", Snowflake),
            ("myorg-account123.snowflakecomputing.cn", Snowflake),
            ("dbc-a1b2345c-d6e7.cloud.databricks.com", Databricks),
            ("adb-5555555555555555.19.azuredatabricks.net", Databricks),
            ("8757561887652360.0.gcp.databricks.com", Databricks),
            ("fake-workspace-ondemand.sql.azuresynapse.net", Synapse),
            ("sqlpoolserver.database.windows.net", Synapse),
            ("default.123456789012.us-east-1.redshift-serverless.amazonaws.com", Redshift),
            ("examplecluster.abc123xyz789.us-west-2.redshift.amazonaws.com.cn", Redshift),
        ] {
            let reading = read(host);
            assert!(reading.wrapping.is_empty(), "{host}: {:?}", reading.wrapping);
            assert_eq!(invalid(&reading.host), None, "{host}");
            assert_eq!(belonging(&reading.host, technology), Belonging::Fine, "{host}");
        }
    }

    #[test]
    fn pasted_strings_are_taken_apart() {
        let cases: [(&str, &str, &[Wrapping]); 7] = [
            (
                "https://acme.eu-west-1.snowflakecomputing.com/",
                "acme.eu-west-1.snowflakecomputing.com",
                &[Wrapping::Scheme("https://".into()), Wrapping::Path],
            ),
            ("acme.snowflakecomputing.com:443", "acme.snowflakecomputing.com", &[Wrapping::Port("443".into())]),
            (
                "jdbc:snowflake://acme.snowflakecomputing.com/?warehouse=WH",
                "acme.snowflakecomputing.com",
                &[Wrapping::Scheme("jdbc:snowflake://".into()), Wrapping::Path],
            ),
            (
                "jdbc:sqlserver://ws.sql.azuresynapse.net:1433;database=db;password=x",
                "ws.sql.azuresynapse.net",
                &[Wrapping::Scheme("jdbc:sqlserver://".into()), Wrapping::Port("1433".into()), Wrapping::Parameters],
            ),
            (
                "Server=tcp:ws.sql.azuresynapse.net,1433;Database=db",
                "ws.sql.azuresynapse.net",
                &[Wrapping::AdoNet, Wrapping::Port("1433".into()), Wrapping::Parameters],
            ),
            (
                "cluster.abc.us-east-1.redshift.amazonaws.com:5439/dev",
                "cluster.abc.us-east-1.redshift.amazonaws.com",
                &[Wrapping::Port("5439".into()), Wrapping::Path],
            ),
            (
                "databricks://token:dapiabc@dbc-a1b2345c-d6e7.cloud.databricks.com?http_path=x",
                "dbc-a1b2345c-d6e7.cloud.databricks.com",
                &[Wrapping::Scheme("databricks://".into()), Wrapping::UserInfo, Wrapping::Query],
            ),
        ];
        for (text, host, wrapping) in cases {
            let reading = read(text);
            assert_eq!(reading.host, host, "{text}");
            assert_eq!(&text[reading.host_range.0..reading.host_range.1], host, "{text}");
            assert_eq!(reading.wrapping, wrapping, "{text}");
        }
    }

    #[test]
    fn credentials_inside_connection_strings_are_found() {
        let text = "jdbc:sqlserver://h:1433;database=d;user=u;password=s3cret;encrypt=true";
        let ranges = embedded_secrets(text);
        assert_eq!(ranges.iter().map(|&(a, b)| &text[a..b]).collect::<Vec<_>>(), ["s3cret"]);
        let url = "databricks://token:dapi123@host?http_path=x";
        assert_eq!(embedded_secrets(url).iter().map(|&(a, b)| &url[a..b]).collect::<Vec<_>>(), ["dapi123"]);
        let spark = "jdbc:spark://h:443/default;AuthMech=3;UID=token;PWD=dapi456";
        assert_eq!(embedded_secrets(spark).iter().map(|&(a, b)| &spark[a..b]).collect::<Vec<_>>(), ["dapi456"]);
        assert!(embedded_secrets("acme.snowflakecomputing.com").is_empty());
    }

    #[test]
    fn hosts_off_their_platforms_domain() {
        let near = |host: &str, technology| match belonging(host, technology) {
            Belonging::NearMiss { fixed, .. } => fixed,
            other => panic!("{host}: {other:?}"),
        };
        assert_eq!(near("myorg-account.snowflakecomputing.co", Snowflake), "myorg-account.snowflakecomputing.com");
        assert_eq!(near("myorg-account.snowflakecomputing", Snowflake), "myorg-account.snowflakecomputing.com");
        assert_eq!(near("myorg-account.snowflake.com", Snowflake), "myorg-account.snowflakecomputing.com");
        assert_eq!(near("MyOrg-Account.SnowflakeComputing.con", Snowflake), "MyOrg-Account.snowflakecomputing.com");
        assert_eq!(near("ws.sql.azuresynapse.ne", Synapse), "ws.sql.azuresynapse.net");
        assert_eq!(near("c.abc.us-east-1.redshift.amazonaws.co", Redshift), "c.abc.us-east-1.redshift.amazonaws.com");
        assert_eq!(near("dbc-a1b2345c-d6e7.cloud.databricks.co", Databricks), "dbc-a1b2345c-d6e7.cloud.databricks.com");
        for bare in ["myorg-account123", "xy12345", "xy12345.us-east-2.aws", "xy12345.us-east-1"] {
            assert_eq!(
                belonging(bare, Snowflake),
                Belonging::BareAccount { fixed: format!("{bare}.snowflakecomputing.com") },
                "{bare}"
            );
        }
        assert_eq!(belonging("warehouse.internal.example.com", Redshift), Belonging::OffDomain { custom: true });
        assert_eq!(belonging("warehouse.internal.example.com", Synapse), Belonging::OffDomain { custom: false });
        assert_eq!(belonging("example.com", Snowflake), Belonging::OffDomain { custom: false });
        // Platforms with no endpoint domain to compare with.
        assert_eq!(belonging("trino.example.com", Trino), Belonging::Fine);
    }

    #[test]
    fn hosts_of_other_platforms_and_wrong_endpoints() {
        assert!(matches!(
            belonging("dbc-a1b2345c-d6e7.cloud.databricks.com", Snowflake),
            Belonging::Other(d) if d.technology == Databricks
        ));
        assert!(matches!(belonging("accounts.cloud.databricks.com", Databricks), Belonging::WrongEndpoint(_)));
        assert!(matches!(
            belonging("adb-5555555555555555.azuredatabricks.net", Databricks),
            Belonging::WrongEndpoint(_)
        ));
        assert!(matches!(belonging("myws.dev.azuresynapse.net", Synapse), Belonging::WrongEndpoint(_)));
        assert!(matches!(belonging("app.snowflake.com", Snowflake), Belonging::WrongEndpoint(_)));
        assert_eq!(belonging("my_host.redshift.amazonaws.com", Redshift), Belonging::Underscore);
        assert_eq!(invalid("a..b"), Some(Invalid::EmptyLabel));
        assert_eq!(invalid("-a.b"), Some(Invalid::HyphenAtEdge("-a".into())));
        assert_eq!(invalid("a!b.com"), Some(Invalid::Character('!')));
        assert_eq!(invalid(&"a".repeat(64)), Some(Invalid::LabelTooLong(64)));
    }
}
