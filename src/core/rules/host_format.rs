//! Rule `host-format`: a host field holds a bare hostname of its platform.

use super::{Code, Context, Doc, Payload, Sink, edits, field};
use crate::diagnostic::Diagnostic;
use crate::kind::Technology;
use crate::rules::context::FormValue;
use crate::values::host::{self, Belonging, Invalid, Wrapping};
use crate::values::{Form, chars, judged};

pub const DOC: Doc = Doc {
    summary: "A host field holds a bare hostname of its platform: no scheme, port, path or connection string.",
    body: r#"## What it checks
The host fields (`config.host`, `config.workspaceUrl`, `connection.hostname`,
`nativeIntegration.config.host`), per platform:
- a **warning** for a value wrapped around the host: a scheme (`https://`, `jdbc:snowflake://`,
  `jdbc:sqlserver://`…), an ADO.NET `Server=tcp:…,1433`, a port (`:443`), a path or trailing `/`,
  a query, `user@`, `;key=value` parameters, a trailing dot;
- an **error** for a host that is no hostname (RFC 1123): a character other than letters, digits,
  `-` and `.`, an empty label (`a..b`), a label over 63 characters, a name over 253, a label that
  starts or ends with `-`;
- a **warning** for a host of another platform (a Databricks workspace on a Snowflake connection),
  a known wrong endpoint (Snowsight's `app.snowflake.com`, the Databricks account console, an Azure
  Databricks host without its `.<n>` label, the Synapse Studio endpoint), and an `_` outside a
  Snowflake account name (DNS resolves it; TLS checks often do not);
- a **warning** for a host outside its platform's domains: a near miss of one
  (`…snowflakecomputing.co`, `…snowflakecomputing`, `myorg-account.snowflake.com`,
  `…azuresynapse.ne`, `…redshift.amazonaws.co`, `…cloud.databricks.co`) comes with the fix to the
  domain meant; a bare Snowflake account identifier (`myorg-account123`, `xy12345.us-east-2.aws`)
  with the fix that adds `.snowflakecomputing.com`; any other domain says which domains the
  platform's hostnames end in;
- a **note** for a Redshift host outside Amazon's domains: Redshift clusters may have a custom
  domain name (a CNAME), so it is only said.

Platforms without endpoint domains of their own (BigQuery, S3, Trino) are not compared.
Whitespace and invisible characters are `whitespace`'s.

## Why
Immuta's docs call the field "the URL of your account", so people paste the URL; every example
holds a bare host, and whether Immuta strips a scheme is not documented, hence a warning. A
hostname's grammar is RFC 1123's, hence an error. Sources: RFC 952/1123/3986 [D]; the platforms'
endpoint forms (Snowflake account identifiers, Databricks workspace URLs, Synapse and Redshift
endpoints) [D]; JDBC and ADO.NET string forms [D]; value-forms.md §1, §2, §5, §6. The domains are
[D]; that a host outside them is a mistake is [I], hence a warning (value-forms.md §1.3, §5.2);
Redshift custom domain names [D].

## Example
```json
{ "connectionKey": "acme", "connection": { "technology": "Snowflake", "hostname": "https://acme.eu-west-1.snowflakecomputing.com/" } }
```

## Fix
Write only the host: `acme.eu-west-1.snowflakecomputing.com` (the fix does it). A port goes to
`port`, a database to its own field. A pasted connection string's password is never shown.
"#,
};

pub fn check(ctx: &Context, sink: &mut Sink) {
    let Some(ctx) = ctx.payload() else { return };
    for value in ctx.values_where(|f| matches!(f, Form::Host(_))) {
        let Form::Host(technology) = value.form else { continue };
        let Some(text) = value.node.as_str() else { continue };
        // The usual value, a bare lower-case hostname, has nothing to take apart.
        if !text.ends_with('.')
            && text.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'.' || b == b'-')
        {
            if judged(text) {
                sink.extend(judge_host(ctx, value, text, technology, true));
            }
            continue;
        }
        if !judged(text) {
            continue;
        }
        let cleaned = crate::values::cleaned(text, value.form);
        if cleaned.is_empty() {
            continue;
        }
        let reading = host::read(&cleaned);
        if !reading.wrapping.is_empty() {
            sink.push(wrapped(ctx, value, &reading, technology));
        }
        let bare = reading.wrapping.is_empty() && reading.host == text;
        if let Some(diagnostic) = judge_host(ctx, value, &reading.host, technology, bare) {
            sink.push(diagnostic);
        }
    }
}

fn wrapped(ctx: &Payload, value: &FormValue, reading: &host::Reading, technology: Technology) -> Diagnostic {
    let what = match reading.wrapping.first() {
        Some(Wrapping::Scheme(s)) if s.to_ascii_lowercase().starts_with("jdbc:") => "a JDBC connection string",
        Some(Wrapping::Scheme(s)) if s.to_ascii_lowercase().starts_with("http") => "a URL",
        Some(Wrapping::Scheme(_)) => "a connection URL",
        Some(Wrapping::AdoNet) => "an ADO.NET connection string",
        _ => "a host with more around it",
    };
    let parts: Vec<String> = reading.wrapping.iter().map(Wrapping::describe).collect();
    let mut help = format!("write only the hostname: \"{}\"", super::truncate(&reading.host, 100));
    let port = reading.wrapping.iter().find_map(|w| match w {
        Wrapping::Port(p) => Some(p.as_str()),
        _ => None,
    });
    if let Some(port) = port.filter(|p| *p != "443" || matches!(technology, Technology::Synapse | Technology::Redshift))
    {
        help.push_str(&format!("; put the port {port} in `port`"));
    }
    let fix = (!reading.host.is_empty() && host::invalid(&reading.host).is_none())
        .then(|| edits::replace(ctx, value.node, &reading.host, "keep only the hostname"))
        .flatten();
    Diagnostic::new(
        Code::HostFormat,
        value.pointer().as_ref(),
        value.node.span,
        format!("{} is {what}, not a bare hostname: it has {}", field(&value.pointer()), join(&parts)),
    )
    .as_warning()
    .with_help(help)
    .with_fix(fix)
}

/// What is wrong with a host, with a fix when the value is the host alone (`bare`).
fn judge_host(ctx: &Payload, value: &FormValue, host: &str, technology: Technology, bare: bool) -> Option<Diagnostic> {
    // Made only for a finding: most hosts have none.
    let name = || field(&value.pointer());
    let at = |message: String, help: &str| {
        Diagnostic::new(Code::HostFormat, value.pointer().as_ref(), value.node.span, message).with_help(help)
    };
    if let Some(invalid) = host::invalid(host) {
        let why = match invalid {
            Invalid::Empty => "is empty once the rest is taken away".to_string(),
            Invalid::Character(c) if c.is_ascii() => format!("holds `{c}`, which no hostname may hold"),
            Invalid::Character(c) => format!("holds {}, which no hostname may hold", chars::describe(c)),
            Invalid::EmptyLabel => "has an empty label (two dots in a row, or a dot at the start)".to_string(),
            Invalid::LabelTooLong(n) => format!("has a label of {n} characters; a label has at most 63"),
            Invalid::TooLong(n) => format!("is {n} characters long; a hostname has at most 253"),
            Invalid::HyphenAtEdge(label) => format!("has the label `{label}`, which starts or ends with `-`"),
        };
        return Some(at(
            format!("{} is not a valid hostname: it {why}", name()),
            "a hostname is labels of letters, digits and hyphens joined by dots (RFC 1123); copy it from the platform's connection details",
        ));
    }
    let diagnostic = match host::belonging(host, technology) {
        Belonging::Fine => return None,
        Belonging::Other(domain) => at(
            format!("{} is {}, but this is a {} payload", name(), domain.name, technology.name()),
            &format!(
                "use the {} hostname here; check that the payload and the host are for the same platform",
                technology.name()
            ),
        ),
        Belonging::WrongEndpoint(why) => {
            at(format!("{} is {why}", name()), "copy the hostname from the platform's connection details")
        }
        Belonging::Underscore => at(
            format!("{} holds `_`, which hostnames do not (RFC 952/1123)", name()),
            "DNS resolves it, but TLS certificate checks often fail; use the hyphenated name if the platform has one",
        ),
        Belonging::NearMiss { fixed, suffix } => {
            let fix = bare.then(|| edits::replace(ctx, value.node, &fixed, format!("write .{suffix}"))).flatten();
            return Some(
                at(
                    format!("{} does not end in a {} domain: did you mean `.{suffix}`?", name(), technology.name()),
                    &format!("write \"{}\"", super::truncate(&fixed, 100)),
                )
                .as_warning()
                .with_fix(fix),
            );
        }
        Belonging::BareAccount { fixed } => {
            let fix = bare.then(|| edits::replace(ctx, value.node, &fixed, "add .snowflakecomputing.com")).flatten();
            return Some(
                at(
                    format!("{} is a Snowflake account identifier, not a hostname", name()),
                    "add `.snowflakecomputing.com`: Immuta connects to the account's hostname (<account_identifier>.snowflakecomputing.com)",
                )
                .as_warning()
                .with_fix(fix),
            );
        }
        Belonging::OffDomain { custom: true } => {
            return Some(
                at(
                    format!("{} is not in a {} domain", name(), technology.name()),
                    "fine if it is a custom domain name you set up for the cluster (a CNAME to its endpoint); otherwise copy the endpoint from the cluster's details",
                )
                .as_note(),
            );
        }
        Belonging::OffDomain { custom: false } => at(
            format!("{} is not in a {} domain", name(), technology.name()),
            &format!(
                "copy the hostname from the platform's connection details; {} hostnames end in {}",
                technology.name(),
                domains_of(technology)
            ),
        ),
    };
    Some(diagnostic.as_warning())
}

/// `a`, `a and b`, `a, b and c`.
pub fn join(parts: &[String]) -> String {
    match parts {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// `.a`, `.b` or `.c`: the endpoint domains of a platform, for help text.
fn domains_of(technology: Technology) -> String {
    let suffixes: Vec<String> =
        crate::model::value_sites::endpoint_domains(technology).map(|suffix| format!("`.{suffix}`")).collect();
    match suffixes.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
    }
}
