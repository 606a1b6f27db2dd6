//! Rule `credential-format`: credentials and OAuth settings that have a known shape.

use super::{Code, Context, Doc, Payload, Sink, edits, field};
use crate::diagnostic::Diagnostic;
use crate::kind::Technology;
use crate::rules::context::FormValue;
use crate::values::oauth::{self, Authority, Thumbprint, Token};
use crate::values::{Form, host, judged};

pub const DOC: Doc = Doc {
    summary: "Shapes of Databricks tokens and client IDs, certificate thumbprints, token endpoint URLs and the OAuth scope.",
    body: r#"## What it checks
All **warnings**, since the shapes are seen rather than documented, or Immuta's expectation is not:
- Databricks `token`: `Bearer ` in front (the fix removes it), a JWT (`eyJ…`, an OAuth access token
  that expires within the hour), an OAuth secret (`dose…`), or not `dapi` + 32 hexadecimal
  characters (with an optional `-<digit>`). The token is never shown.
- Databricks `oAuthClientConfig.clientId`: not a UUID, which service principals' IDs are.
- `oAuthClientConfig.publicCertificateThumbprint`: not 40 or 64 hexadecimal digits nor a 27- or
  43-character base64url `x5t`; separators (`84:E0:…`) and an OpenSSL `SHA1 Fingerprint=` prefix get a
  fix; 38 or 39 digits mean a tool dropped leading zeros.
- `oAuthClientConfig.authorityUrl`: not `https://`; for Databricks, not the workspace's
  `/oidc/v1/token` endpoint, or another workspace than the connection's host.
- Databricks `oAuthClientConfig.scope`: `all_apis` or `all apis` for `all-apis`.

## Why
Each of these is accepted as a string and fails at the first token request. Sources: AWS's
Databricks token rotation doc, Databricks' CLI example and secret scanners (`dapi` + 32 hex) [I];
Databricks OAuth M2M docs (`/oidc/v1/token`, `all-apis`) [D]; Microsoft Entra certificate
credentials (`x5t`, `x5t#S256`) [D]; which thumbprint form Immuta expects is not documented [R];
value-forms.md §2, §7.

## Example
```json
{ "type": "Snowflake", "autoBootstrap": false, "config": { "authenticationType": "oAuthClientCredentials",
  "oAuthClientConfig": { "scope": "all_apis", "publicCertificateThumbprint": "84:E0:5C:1D:98:BC:E3:A5:42:1D:22:5B:14:0B:36:E8:6A:3D:55:34" } } }
```

## Fix
Write the value as the platform shows it: `all-apis`, the thumbprint's hex digits alone, the token
without `Bearer `.
"#,
};

pub fn check(ctx: &Context, sink: &mut Sink) {
    let Some(ctx) = ctx.payload() else { return };
    let forms = [Form::DatabricksToken, Form::ClientId, Form::Thumbprint, Form::AuthorityUrl, Form::OAuthScope];
    for value in ctx.values_where(|f| forms.contains(&f)) {
        let (Some(text), Some(cleaned)) = (value.judged_text(), value.cleaned()) else { continue };
        let exact = cleaned == text;
        let found = match value.form {
            Form::DatabricksToken => token(ctx, value, &cleaned, exact),
            Form::ClientId if !oauth::client_id(&cleaned) => Some(warning(
                value,
                format!(
                    "{} is not shaped like a Databricks service principal's client ID (a UUID)",
                    field(&value.pointer())
                ),
                "copy the service principal's Application ID (8-4-4-4-12 hexadecimal digits) from the account console",
            )),
            Form::Thumbprint => thumbprint(ctx, value, &cleaned),
            Form::AuthorityUrl => authority(ctx, value, &cleaned),
            Form::OAuthScope => oauth::scope(&cleaned).map(|scope| {
                warning(
                    value,
                    format!(
                        "{} is \"{}\"; Databricks' scope is \"{scope}\"",
                        field(&value.pointer()),
                        super::truncate(&cleaned, 40)
                    ),
                    "machine-to-machine OAuth uses the scope all-apis",
                )
                .with_fix(edits::replace(ctx, value.node, scope, format!("write {scope}")))
            }),
            _ => None,
        };
        sink.extend(found);
    }
}

fn warning(value: &FormValue, message: String, help: &str) -> Diagnostic {
    Diagnostic::new(Code::CredentialFormat, value.pointer().as_ref(), value.node.span, message)
        .with_help(help)
        .as_warning()
}

fn token(ctx: &Payload, value: &FormValue, text: &str, exact: bool) -> Option<Diagnostic> {
    let problem = oauth::token(text)?;
    let name = field(&value.pointer());
    Some(match problem {
        Token::Bearer { len } => {
            warning(value, format!("{name} starts with `Bearer `, which Immuta adds itself"), "keep only the token")
                .with_fix(edits::delete(ctx, value.node, &[(0, len)], "remove `Bearer `").filter(|_| exact))
        }
        Token::Jwt => warning(
            value,
            format!("{name} is a JWT (an OAuth access token), which expires within the hour"),
            "use a personal access token (dapi…), or authenticationType oAuthM2M with the service principal's client ID and secret",
        ),
        Token::ClientSecret => warning(
            value,
            format!("{name} looks like an OAuth client secret (dose…), not a personal access token"),
            "put an OAuth secret in oAuthClientConfig.clientSecret with authenticationType oAuthM2M, or use a personal access token (dapi…)",
        ),
        Token::Shape(n) => warning(
            value,
            format!(
                "{name} is {n} characters long; a Databricks personal access token is dapi + 32 hexadecimal characters (36)"
            ),
            "copy the token again, whole: Databricks shows it only once, so generate a new one if it is lost",
        ),
        Token::NotPat => warning(
            value,
            format!("{name} does not start with `dapi`, as Databricks personal access tokens do"),
            "generate a personal access token under User settings → Developer → Access tokens",
        ),
    })
}

fn thumbprint(ctx: &Payload, value: &FormValue, text: &str) -> Option<Diagnostic> {
    let problem = oauth::thumbprint(text)?;
    let name = field(&value.pointer());
    Some(match problem {
        Thumbprint::Decorated { fixed } => warning(
            value,
            format!("{name} holds separators or a prefix around the thumbprint"),
            "write the hexadecimal digits alone",
        )
        .with_fix(edits::replace(ctx, value.node, &fixed, "keep the hexadecimal digits only")),
        Thumbprint::DroppedZeros(n) => warning(
            value,
            format!("{name} has {n} hexadecimal digits; a SHA-1 thumbprint has 40"),
            "a tool dropped the leading zero of a byte; copy the thumbprint from the Entra app's Certificates page",
        ),
        Thumbprint::Shape(n) => warning(
            value,
            format!("{name} ({n} characters) is neither 40 or 64 hexadecimal digits nor a base64url x5t"),
            "copy the certificate's thumbprint from the Entra app's Certificates & secrets page",
        ),
    })
}

fn authority(ctx: &Payload, value: &FormValue, text: &str) -> Option<Diagnostic> {
    let name = field(&value.pointer());
    let databricks = ctx.technology() == Some(Technology::Databricks);
    let workspace = ["/connection/hostname", "/config/workspaceUrl"]
        .iter()
        .filter_map(|p| ctx.node(p)?.as_str())
        .find(|h| judged(h))
        .map(|h| host::read(h.trim()).host);
    Some(match oauth::authority(text, databricks, workspace.as_deref())? {
        Authority::NotHttps => warning(
            value,
            format!("{name} is not an https:// URL"),
            "write the token endpoint's full URL, starting with https://",
        ),
        Authority::NotTokenEndpoint => warning(
            value,
            format!("{name} is not the workspace's token endpoint"),
            "Databricks M2M OAuth uses https://<workspace host>/oidc/v1/token",
        ),
        Authority::OtherHost { host } => warning(
            value,
            format!("{name} is the endpoint of {}, not of the connection's workspace", super::truncate(&host, 80)),
            "use the token endpoint of the workspace the connection names: https://<workspace host>/oidc/v1/token",
        ),
    })
}
