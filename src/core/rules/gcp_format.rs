//! Rule `gcp-format`: the Google Cloud values of a BigQuery integration.

use super::{Code, Context, Doc, Payload, Sink, edits, field};
use crate::credential::POINTER;
use crate::diagnostic::Diagnostic;
use crate::model::value_sites::CREDENTIAL_SITES;
use crate::values::gcp::{self, Email, Location};
use crate::values::{Form, judged};

pub const DOC: Doc = Doc {
    summary: "BigQuery location and dataset, and the key file's project_id and client_email.",
    body: r#"## What it checks
A Google BigQuery integration's `config`:
- `location`: `US`, `EU` or a region such as `us-east1`. An **error** for a zone (`us-east1-b`);
  a **warning** for the AWS spelling (`us-east-1`, with a fix) or any other form; a **note** for
  lower-case `us`/`eu` (BigQuery writes them in capitals; whether lower case is taken is unconfirmed).
- `dataset`: an **error** unless 1–1,024 letters, digits and underscores (no `-`, no `project.`).
- Inside the credential (the key file): an **error** for a `project_id` outside Google's rules (6–30
  lower-case letters, digits and hyphens, a letter first, no `-` last; not the project number);
  a **warning** for a `client_email` that is no service account's, or one of another project.

## Why
BigQuery rejects each of these when Immuta first uses the integration. Sources: BigQuery dataset
naming and locations, `gcloud projects create`, IAM service-account types [D]; the location
grammar and the default accounts' forms [I]; Immuta validates "Non-matching service account in
key file" [D], whose rule is not published [R]; value-forms.md §4.

## Example
```json
{ "type": "Google BigQuery", "autoBootstrap": false, "config": { "location": "us-east-1", "dataset": "immuta-meta" } }
```

## Fix
Write `us-east1`, `immuta_meta`; use the key file as Google downloads it.
"#,
};

pub fn check(ctx: &Context, sink: &mut Sink) {
    let Some(ctx) = ctx.payload() else { return };
    for value in ctx.values_where(|f| matches!(f, Form::BigQueryLocation | Form::BigQueryDataset)) {
        let Some(cleaned) = value.cleaned() else { continue };
        let name = field(&value.pointer());
        let at = |message: String, help: String| {
            Diagnostic::new(Code::GcpFormat, value.pointer().as_ref(), value.node.span, message).with_help(help)
        };
        let quoted = format!("\"{}\"", super::truncate(&cleaned, 40));
        let found = match value.form {
            Form::BigQueryLocation => gcp::location(&cleaned).map(|problem| match problem {
                Location::Zone { region } => at(
                    format!("{name} is {quoted}, a zone; datasets live in a region or multi-region"),
                    format!("use the zone's region: \"{region}\""),
                )
                .with_fix(edits::replace(ctx, value.node, &region, format!("write {region}"))),
                Location::AwsStyle { fixed } => at(
                    format!("{name} is {quoted}, an AWS spelling; Google writes \"{fixed}\""),
                    format!("write \"{fixed}\""),
                )
                .as_warning()
                .with_fix(edits::replace(ctx, value.node, &fixed, format!("write {fixed}"))),
                Location::LowerMultiRegion { fixed } => at(
                    format!("{name} is {quoted}; BigQuery writes the multi-region \"{fixed}\""),
                    format!("write \"{fixed}\""),
                )
                .as_note()
                .with_fix(edits::replace(ctx, value.node, &fixed, format!("write {fixed}"))),
                Location::Unknown => at(
                    format!("{name} is {quoted}, which is not a BigQuery location"),
                    "use US, EU or a region such as us-east1 or europe-west2".to_string(),
                )
                .as_warning(),
            }),
            Form::BigQueryDataset => gcp::dataset(&cleaned).map(|why| {
                at(
                    format!("{name} is {quoted}: {why}"),
                    "use letters, digits and underscores, e.g. immuta_meta".to_string(),
                )
            }),
            _ => None,
        };
        sink.extend(found);
    }
    credential(ctx, sink);
}

/// The key file's own fields, found in the credential's inner JSON.
fn credential(ctx: &Payload, sink: &mut Sink) {
    let Some(credential) = ctx.credential().filter(|c| c.reads_cleanly()) else { return };
    let Some(inner) = credential.inner.root.as_ref() else { return };
    let project = inner.get("project_id").and_then(|n| n.as_str());
    for (member, form) in CREDENTIAL_SITES {
        let Some(node) = inner.get(member) else { continue };
        let Some(text) = node.as_str().filter(|t| judged(t)) else { continue };
        let name = format!("`{member}` in {}", field(POINTER));
        let span = credential.span(node.span);
        let at = |message: String, help: &str| Diagnostic::new(Code::GcpFormat, POINTER, span, message).with_help(help);
        let found =
            match form {
                Form::GcpProjectId => gcp::project_id(text).map(|why| {
                    at(
                        format!("{name} is \"{}\": {why}", super::truncate(text, 40)),
                        "use the key file exactly as Google Cloud downloads it",
                    )
                }),
                Form::ServiceAccountEmail => {
                    gcp::service_account_email(text, project.filter(|p| gcp::project_id(p).is_none())).map(|problem| {
                        match problem {
                    Email::NotServiceAccount => at(
                        format!("{name} is not a service account's e-mail (<name>@<project>.iam.gserviceaccount.com)"),
                        "use a service account's key file, not a user's credentials",
                    )
                    .as_warning(),
                    Email::OtherProject { project: other } => at(
                        format!(
                            "{name} is a service account of the project \"{}\", not of `project_id`",
                            super::truncate(&other, 40)
                        ),
                        "Immuta checks that the key file's service account matches; use the key file as downloaded",
                    )
                    .as_warning(),
                }
                    })
                }
                _ => None,
            };
        sink.extend(found);
    }
}
