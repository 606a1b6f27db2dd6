//! Credentials that have a shape: Databricks personal access tokens (`dapi` + 32 hex [I]: AWS's
//! Databricks rotation doc, Databricks' CLI example, secret scanners), service principals' client
//! IDs (UUIDs [I]), Entra certificate thumbprints (SHA-1/SHA-256 as hex or base64url [D Entra];
//! which one Immuta expects is [R]), OAuth token endpoints (an `https` URL [D]; Databricks'
//! `/oidc/v1/token` [D]) and the Databricks scope `all-apis` [D].

use super::{all_hex, is_uuid, strip_prefix_ignore_case};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Token {
    /// `Bearer ` before the token; `len` is the prefix's length.
    Bearer { len: usize },
    /// A JWT (`eyJ…`): an OAuth access token, which expires within the hour.
    Jwt,
    /// An OAuth client secret (`dose…`) where a personal access token belongs.
    ClientSecret,
    /// `dapi…` of the wrong length or alphabet.
    Shape(usize),
    /// No `dapi` at the start.
    NotPat,
}

pub fn token(text: &str) -> Option<Token> {
    if let Some(rest) = strip_prefix_ignore_case(text, "bearer") {
        let trimmed = rest.trim_start_matches(' ');
        if trimmed.len() < rest.len() {
            return Some(Token::Bearer { len: text.len() - trimmed.len() });
        }
    }
    if text.starts_with("eyJ") && text.matches('.').count() == 2 {
        return Some(Token::Jwt);
    }
    if text.starts_with("dose") {
        return Some(Token::ClientSecret);
    }
    let Some(body) = text.strip_prefix("dapi") else { return Some(Token::NotPat) };
    let (hex, suffix) = body.split_once('-').unwrap_or((body, ""));
    let suffix_ok = suffix.is_empty() || (suffix.len() == 1 && suffix.as_bytes()[0].is_ascii_digit());
    let hex_ok = hex.len() == 32 && hex.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
    (!(hex_ok && suffix_ok)).then(|| Token::Shape(text.chars().count()))
}

/// Whether a Databricks client ID has the UUID shape service principals get.
pub fn client_id(text: &str) -> bool {
    is_uuid(text)
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Thumbprint {
    /// Hex with separators or an OpenSSL `SHA1 Fingerprint=` prefix: `fixed` is the plain hex.
    Decorated { fixed: String },
    /// 38 or 39 hex digits: a tool dropped the leading zeros of a byte.
    DroppedZeros(usize),
    /// No thumbprint form at all.
    Shape(usize),
}

pub fn thumbprint(text: &str) -> Option<Thumbprint> {
    let plain = |t: &str| {
        (matches!(t.len(), 40 | 64) && all_hex(t))
            || (matches!(t.trim_end_matches('=').len(), 27 | 43)
                && t.trim_end_matches('=').bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'))
    };
    if plain(text) {
        return None;
    }
    let after_prefix =
        text.split_once('=').filter(|(p, _)| p.to_ascii_lowercase().contains("fingerprint")).map_or(text, |(_, v)| v);
    let hex: String = after_prefix.chars().filter(|c| !matches!(c, ':' | ' ' | '-')).collect();
    if hex != text && plain(&hex) && all_hex(&hex) {
        return Some(Thumbprint::Decorated { fixed: hex });
    }
    if matches!(text.len(), 38 | 39) && all_hex(text) {
        return Some(Thumbprint::DroppedZeros(text.len()));
    }
    Some(Thumbprint::Shape(text.chars().count()))
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Authority {
    NotHttps,
    /// A Databricks endpoint that is not the token endpoint (`/oidc/v1/authorize`, no `/v1/`).
    NotTokenEndpoint,
    /// The endpoint of another workspace than the connection's host.
    OtherHost {
        host: String,
    },
}

/// `workspace` is the payload's Databricks host, when it has one.
pub fn authority(url: &str, databricks: bool, workspace: Option<&str>) -> Option<Authority> {
    let Some(rest) = strip_prefix_ignore_case(url, "https://") else { return Some(Authority::NotHttps) };
    if !databricks {
        return None;
    }
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    let accounts = host.starts_with("accounts.");
    if !accounts && path.trim_end_matches('/') != "oidc/v1/token" {
        return Some(Authority::NotTokenEndpoint);
    }
    match workspace {
        Some(w) if !accounts && !w.eq_ignore_ascii_case(host) => Some(Authority::OtherHost { host: host.to_string() }),
        _ => None,
    }
}

/// The Databricks scope as written for `all-apis`, when it is a misspelling of it.
pub fn scope(text: &str) -> Option<&'static str> {
    let normal: String =
        text.to_ascii_lowercase().chars().map(|c| if c == '_' || c == ' ' { '-' } else { c }).collect();
    (text != "all-apis" && (normal == "all-apis" || normal.split('-').collect::<Vec<_>>() == ["all", "apis"]))
        .then_some("all-apis")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens() {
        assert_eq!(token("dapi0123456789abcdef0123456789abcdef"), None);
        assert_eq!(token("dapi0123456789abcdef0123456789abcdef-2"), None);
        assert_eq!(token("Bearer dapi0123456789abcdef0123456789abcdef"), Some(Token::Bearer { len: 7 }));
        assert_eq!(token("dapi0123456789abcdef0123456789abcde"), Some(Token::Shape(35)));
        assert_eq!(token("eyJhbGciOi.eyJzdWIi.sig"), Some(Token::Jwt));
        assert_eq!(token("dose0123"), Some(Token::ClientSecret));
        assert_eq!(token("abc"), Some(Token::NotPat));
    }

    #[test]
    fn thumbprints() {
        assert_eq!(thumbprint("84E05C1D98BCE3A5421D225B140B36E86A3D5534"), None);
        assert_eq!(thumbprint("hOBcHZi846VCHSJbFAs26Go9VTQ"), None);
        assert_eq!(
            thumbprint("84:E0:5C:1D:98:BC:E3:A5:42:1D:22:5B:14:0B:36:E8:6A:3D:55:34"),
            Some(Thumbprint::Decorated { fixed: "84E05C1D98BCE3A5421D225B140B36E86A3D5534".into() })
        );
        assert_eq!(
            thumbprint("SHA1 Fingerprint=84:E0:5C:1D:98:BC:E3:A5:42:1D:22:5B:14:0B:36:E8:6A:3D:55:34"),
            Some(Thumbprint::Decorated { fixed: "84E05C1D98BCE3A5421D225B140B36E86A3D5534".into() })
        );
        assert_eq!(thumbprint("4E05C1D98BCE3A5421D225B140B36E86A3D5534"), Some(Thumbprint::DroppedZeros(39)));
        assert_eq!(thumbprint("FAKETHUMBPRINT0123456789ABCDEF"), Some(Thumbprint::Shape(30)));
    }

    #[test]
    fn authorities_and_scopes() {
        let host = Some("dbc-a1b2345c-d6e7.cloud.databricks.com");
        assert_eq!(authority("https://dbc-a1b2345c-d6e7.cloud.databricks.com/oidc/v1/token", true, host), None);
        assert_eq!(
            authority("https://dbc-a1b2345c-d6e7.cloud.databricks.com/oidc/v1/authorize", true, host),
            Some(Authority::NotTokenEndpoint)
        );
        assert_eq!(
            authority("https://adb-1.2.azuredatabricks.net/oidc/v1/token", true, host),
            Some(Authority::OtherHost { host: "adb-1.2.azuredatabricks.net".into() })
        );
        assert_eq!(authority("login.microsoftonline.com/x/oauth2/v2.0/token", false, None), Some(Authority::NotHttps));
        assert_eq!(authority("https://login.microsoftonline.com/x/oauth2/v2.0/token", false, None), None);
        assert_eq!(scope("all_apis"), Some("all-apis"));
        assert_eq!(scope("all apis"), Some("all-apis"));
        assert_eq!(scope("all-apis"), None);
        assert_eq!(scope("sql"), None);
    }
}
