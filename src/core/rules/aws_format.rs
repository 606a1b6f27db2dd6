//! Rule `aws-format`: AWS regions, account IDs, role ARNs, S3 locations and access keys.

use super::{Code, Context, Doc, Payload, Sink, edits, field};
use crate::diagnostic::Diagnostic;
use crate::rules::context::FormValue;
use crate::values::Form;
use crate::values::aws::{self, AccessKey, Account, Location, Region, RoleArn};

pub const DOC: Doc = Doc {
    summary: "AWS values of a Native S3 integration: region, account ID, role ARNs, S3 location, access keys, and that they agree.",
    body: r#"## What it checks
The `config` of a Native S3 integration:
- `awsRegion`: an **error** for an Availability Zone (`us-east-1a`, `use1-az1`) or a pseudo-region
  (`aws-global`); a **warning** for the GCP spelling (`us-east1`, which Immuta's own S3 how-to
  writes), capitals, or anything outside the region grammar of every AWS partition; a **note** for a
  region that fits the grammar but is not in the list this release knows (regions are added yearly).
- `awsAccountId`: an **error** unless exactly 12 digits (`1111-2222-3333` gets a fix).
- `awsLocationRole`, `awsRoleToAssume`: an **error** unless `arn:<partition>:iam::<12 digits>:role/[<path>/]<name>`
  (a missing colon, a region in an IAM ARN, an STS or user ARN, a bad role name); a **warning** when
  the ARN's account is not `awsAccountId`, or its partition does not match the region's.
- `awsLocationPath`: an **error** for a value that is no `s3://` URI (an HTTPS URL, `s3a://`, a bucket
  ARN, no scheme) or a bucket name S3 does not allow; a **warning** for `S3://` and for a `*`.
- `awsAccessKeyId`, `awsSecretAccessKey`: an **error** for an ID outside the IAM API's 16–128 word
  characters; a **warning** for an `ASIA…` temporary key (these payloads have no session token),
  another IAM ID (`AROA…`), a key not shaped `AKIA` + 16, a secret not 40 characters, the two
  swapped, or an `aws_access_key_id =` prefix from a credentials file. Secrets are never shown.

## Why
AWS rejects each of these, but only when Immuta calls it, one at a time. Sources: the AWS SDK
partition file (region grammar and list), the AZ page, ARN and IAM identifier references, the IAM
`CreateRole` and `AccessKey` API models, S3 bucket naming rules and Access Grants locations [D];
the key shapes and the cross-checks [I]; Immuta's S3 how-to writes `us-east1` (see the
disagreements in docs/rules.md); value-forms.md §3.

## Example
```json
{ "type": "Native S3", "autoBootstrap": false, "config": { "awsRegion": "us-west2",
  "awsAccountId": "11112222333", "awsLocationRole": "arn:aws:iam:111122223333:role/r" } }
```

## Fix
Write the value AWS shows: `us-west-2`, the 12-digit account ID, `arn:aws:iam::111122223333:role/r`,
`s3://bucket/prefix`. The fix does it where the edit is mechanical.
"#,
};

pub fn check(ctx: &Context, sink: &mut Sink) {
    let Some(ctx) = ctx.payload() else { return };
    let region = ctx.values_where(|f| f == Form::AwsRegion).next().and_then(FormValue::cleaned);
    let account = ctx.values_where(|f| f == Form::AwsAccountId).next().and_then(FormValue::cleaned);
    let aws = [
        Form::AwsRegion,
        Form::AwsAccountId,
        Form::RoleArn,
        Form::S3Location,
        Form::AwsAccessKeyId,
        Form::AwsSecretAccessKey,
    ];
    for value in ctx.values_where(|f| aws.contains(&f)) {
        let Some(text) = value.cleaned() else { continue };
        let found = match value.form {
            Form::AwsRegion => region_finding(ctx, value, &text),
            Form::AwsAccountId => account_finding(ctx, value, &text),
            Form::RoleArn => arn_finding(ctx, value, &text, region.as_deref(), account.as_deref()),
            Form::S3Location => location_finding(ctx, value, &text),
            Form::AwsAccessKeyId => key_finding(ctx, value, &text, aws::access_key_id(&text)),
            Form::AwsSecretAccessKey => key_finding(ctx, value, &text, aws::secret_access_key(&text)),
            _ => None,
        };
        sink.extend(found);
    }
}

fn finding(value: &FormValue, message: String, help: impl Into<String>) -> Diagnostic {
    Diagnostic::new(Code::AwsFormat, value.pointer().as_ref(), value.node.span, message).with_help(help)
}

fn region_finding(ctx: &Payload, value: &FormValue, text: &str) -> Option<Diagnostic> {
    let problem = aws::region(text)?;
    let name = field(&value.pointer());
    let quoted = format!("\"{}\"", super::truncate(text, 40));
    let replace = |to: &str| edits::replace(ctx, value.node, to, format!("write {to}"));
    Some(match problem {
        Region::Zone { region } => finding(
            value,
            format!("{name} is {quoted}, an Availability Zone, not a region"),
            format!("use the region the zone is in: \"{region}\""),
        )
        .with_fix(replace(&region)),
        Region::ZoneId => finding(value, format!("{name} is {quoted}, an Availability Zone ID, not a region"), "use the region code, such as us-east-1"),
        Region::Pseudo => finding(value, format!("{name} is {quoted}, a pseudo-region of the AWS SDK, not a region"), "use the region of the Access Grants instance, such as us-east-1"),
        Region::UpperCase { lower } => finding(value, format!("{name} is {quoted}; AWS region codes are lower case"), format!("write \"{lower}\""))
            .as_warning()
            .with_fix(replace(&lower)),
        Region::GcpStyle { region } => finding(
            value,
            format!("{name} is {quoted}, a Google Cloud spelling; AWS writes \"{region}\""),
            "AWS region codes end in -<number> (us-east-1); Immuta's S3 how-to writes `us-east1`, its payload reference `us-east-1`",
        )
        .as_warning()
        .with_fix(replace(&region)),
        Region::Unknown => finding(value, format!("{name} is {quoted}, which is not an AWS region code"), "use a region code such as us-east-1 or eu-west-2 (not a display name, nor an Azure or GCP region)").as_warning(),
        Region::Unlisted => finding(
            value,
            format!("{name} is {quoted}, which is not a region this release knows"),
            "regions are added every year; check the spelling against the AWS console",
        )
        .as_note(),
    })
}

fn account_finding(ctx: &Payload, value: &FormValue, text: &str) -> Option<Diagnostic> {
    let problem = aws::account(text)?;
    let name = field(&value.pointer());
    Some(match problem {
        Account::Hyphenated { digits } => finding(
            value,
            format!("{name} is written with hyphens, as the console shows it"),
            format!("write the 12 digits alone: \"{digits}\""),
        )
        .with_fix(edits::replace(ctx, value.node, &digits, "remove the hyphens")),
        Account::Length(n) => finding(
            value,
            format!("{name} has {n} digits; an AWS account ID has 12"),
            "copy the account ID again from the AWS console; keep any leading zeros",
        ),
        Account::NotDigits => finding(
            value,
            format!("{name} is not an AWS account ID, which is 12 digits"),
            "use the 12-digit account ID, not an alias or a canonical user ID",
        ),
    })
}

fn arn_finding(
    ctx: &Payload,
    value: &FormValue,
    text: &str,
    region: Option<&str>,
    account: Option<&str>,
) -> Option<Diagnostic> {
    let name = field(&value.pointer());
    let exact = value.node.as_str() == Some(text);
    let shape = "an IAM role ARN reads arn:aws:iam::<12-digit account>:role/<name>";
    let arn = match aws::role_arn(text) {
        Ok(arn) => arn,
        Err(problem) => {
            let (why, fix) = match problem {
                RoleArn::NotAnArn { name_only: true } => ("is a role name, not its ARN".to_string(), None),
                RoleArn::NotAnArn { name_only: false } => ("is not an ARN".to_string(), None),
                RoleArn::MissingColon { at } => (
                    "has one colon where two belong: the region part of an IAM ARN is empty (`iam::`)".to_string(),
                    edits::insert(ctx, value.node, at, ":", "add the missing colon").filter(|_| exact),
                ),
                RoleArn::Parts(n) => (format!("has {n} parts; an ARN has 6, separated by colons"), None),
                RoleArn::Partition(p) if p.is_empty() => ("has no partition (`arn::`)".to_string(), None),
                RoleArn::Partition(p) => {
                    (format!("names the partition `{}`, which AWS does not have", super::truncate(&p, 20)), None)
                }
                RoleArn::Service(s) if s == "sts" => {
                    ("is an STS (assumed-role session) ARN, not the role's ARN".to_string(), None)
                }
                RoleArn::Service(s) => {
                    (format!("is an ARN of `{}`, not of an IAM role", super::truncate(&s, 20)), None)
                }
                RoleArn::Region { range } => (
                    "has a region; IAM ARNs leave it empty".to_string(),
                    edits::delete(ctx, value.node, &[range], "remove the region").filter(|_| exact),
                ),
                RoleArn::Account(a) => {
                    (format!("has the account `{}`; an account ID is 12 digits", super::truncate(&a, 20)), None)
                }
                RoleArn::NotARole(kind) => {
                    (format!("is the ARN of a `{}`, not of a role", super::truncate(&kind, 20)), None)
                }
                RoleArn::Name => {
                    ("has a role name outside IAM's rules (1–64 of letters, digits and +=,.@_-)".to_string(), None)
                }
            };
            return Some(finding(value, format!("{name} {why}"), shape).with_fix(fix));
        }
    };
    if let Some(account) = account.filter(|a| aws::account(a).is_none() && *a != arn.account) {
        return Some(
            finding(
                value,
                format!("{name} is a role of account {}, but `awsAccountId` is {account}", arn.account),
                "the role normally belongs to the integration's account; check both",
            )
            .as_warning(),
        );
    }
    let region_partition = region.and_then(aws::partition)?;
    (region_partition != arn.partition).then(|| {
        finding(
            value,
            format!("{name} is in the partition `{}`, but `awsRegion` is in `{region_partition}`", arn.partition),
            format!("a role of a {region_partition} region reads arn:{region_partition}:iam::…"),
        )
        .as_warning()
    })
}

fn location_finding(ctx: &Payload, value: &FormValue, text: &str) -> Option<Diagnostic> {
    let problem = aws::location(text)?;
    let name = field(&value.pointer());
    let replace = |to: &str| edits::replace(ctx, value.node, to, format!("write {to}"));
    Some(match problem {
        Location::UpperScheme { fixed } => finding(
            value,
            format!("{name} starts with `S3://`; the scheme is written `s3://`"),
            format!("write \"{}\"", super::truncate(&fixed, 100)),
        )
        .as_warning()
        .with_fix(replace(&fixed)),
        Location::NotS3Uri { what, fixed } => {
            let help = fixed.as_deref().map_or(
                "write the location as s3://<bucket>/<prefix>, or s3:// for the whole account".to_string(),
                |f| format!("write \"{}\"", super::truncate(f, 100)),
            );
            finding(value, format!("{name} is {what}, not an s3:// location"), help)
                .with_fix(fixed.as_deref().and_then(replace))
        }
        Location::Bucket { bucket, why } => finding(
            value,
            format!("{name} names the bucket \"{}\": {why}", super::truncate(&bucket, 70)),
            "use the bucket's name exactly as S3 shows it",
        ),
        Location::Wildcard => finding(
            value,
            format!("{name} holds `*`; a location is a bucket or prefix, without wildcards"),
            "write the prefix itself: s3://bucket/prefix/",
        )
        .as_warning(),
    })
}

fn key_finding(ctx: &Payload, value: &FormValue, text: &str, problem: Option<AccessKey>) -> Option<Diagnostic> {
    let problem = problem?;
    let name = field(&value.pointer());
    let exact = value.node.as_str() == Some(text);
    Some(match problem {
        AccessKey::AssignmentPrefix { len } => finding(
            value,
            format!("{name} starts with a variable name and `=`, as in a credentials file"),
            "keep only the key itself",
        )
        .as_warning()
        .with_fix(edits::delete(ctx, value.node, &[(0, len)], "remove the variable name").filter(|_| exact)),
        AccessKey::OutsideApi => finding(
            value,
            format!("{name} is not an access key ID: AWS's are 16 to 128 letters and digits"),
            "copy the access key ID (AKIA…) from the IAM console",
        ),
        AccessKey::Temporary => finding(
            value,
            format!("{name} is a temporary key (ASIA…), which expires, and these payloads have no session token"),
            "create a long-term access key (AKIA…) for Immuta, or use authenticationType auto",
        )
        .as_warning(),
        AccessKey::UniqueId(what) => finding(
            value,
            format!("{name} starts like {what}, not an access key ID"),
            "copy the access key ID (AKIA…) from the IAM console",
        )
        .as_warning(),
        AccessKey::Shape => finding(
            value,
            format!("{name} does not look like an access key ID (AKIA + 16 capitals and digits)"),
            "copy the access key ID again from the IAM console",
        )
        .as_warning(),
        AccessKey::Swapped => finding(
            value,
            format!("{name} looks like the other half of the key pair"),
            "check that the access key ID and the secret access key are not swapped",
        )
        .as_warning(),
        AccessKey::SecretShape(n) => finding(
            value,
            format!("{name} is {n} characters long; AWS secret access keys are 40"),
            "copy the secret again, whole, from where it was saved when the key was created",
        )
        .as_warning(),
    })
}
