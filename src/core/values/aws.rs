//! AWS values: regions, account IDs, IAM role ARNs, S3 Access Grants locations and access keys.
//! Sources: the AWS SDK partition file (region grammar per partition, the region list) [D]; the
//! AZ page [D]; ARN and IAM identifier pages and the IAM API model (role names and paths) [D]; S3
//! bucket naming rules and Access Grants locations [D]; the IAM `AccessKey` API (16–128 word
//! characters, `AKIA`/`ASIA`) [D]; the 20/40-character shapes and their alphabets [I].

use super::{all_digits, strip_prefix_ignore_case};

/// Regions listed in the SDK partition file at the time of writing [D]. The list grows every
/// year: a region missing from it is only a note.
pub const KNOWN_REGIONS: &[&str] = &[
    "af-south-1",
    "ap-east-1",
    "ap-east-2",
    "ap-northeast-1",
    "ap-northeast-2",
    "ap-northeast-3",
    "ap-south-1",
    "ap-south-2",
    "ap-southeast-1",
    "ap-southeast-2",
    "ap-southeast-3",
    "ap-southeast-4",
    "ap-southeast-5",
    "ap-southeast-7",
    "ca-central-1",
    "ca-west-1",
    "eu-central-1",
    "eu-central-2",
    "eu-north-1",
    "eu-south-1",
    "eu-south-2",
    "eu-west-1",
    "eu-west-2",
    "eu-west-3",
    "il-central-1",
    "me-central-1",
    "me-south-1",
    "mx-central-1",
    "sa-east-1",
    "us-east-1",
    "us-east-2",
    "us-west-1",
    "us-west-2",
    "cn-north-1",
    "cn-northwest-1",
    "us-gov-east-1",
    "us-gov-west-1",
    "eusc-de-east-1",
];

/// What is wrong with an `awsRegion`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Region {
    /// An Availability Zone code (`us-east-1a`): the region with a letter on.
    Zone { region: String },
    /// An AZ ID (`use1-az1`).
    ZoneId,
    /// Upper case (`US-EAST-1`).
    UpperCase { lower: String },
    /// The GCP spelling (`us-east1`), as Immuta's S3 how-to writes it.
    GcpStyle { region: String },
    /// A pseudo-region of the SDK (`aws-global`).
    Pseudo,
    /// Matches no partition's grammar.
    Unknown,
    /// Matches the grammar but is not in [`KNOWN_REGIONS`].
    Unlisted,
}

pub fn region(text: &str) -> Option<Region> {
    if text.bytes().any(|b| b.is_ascii_uppercase()) {
        let lower = text.to_ascii_lowercase();
        return Some(region(&lower).unwrap_or(Region::UpperCase { lower }));
    }
    if KNOWN_REGIONS.contains(&text) {
        return None;
    }
    if text.starts_with("aws-") && text.ends_with("global") {
        return Some(Region::Pseudo);
    }
    if let Some(region) = text.strip_suffix(|c: char| c.is_ascii_lowercase()).filter(|r| partition(r).is_some()) {
        return Some(Region::Zone { region: region.to_string() });
    }
    if let Some((code, number)) = text.split_once("-az") {
        let letters = code.trim_end_matches(|c: char| c.is_ascii_digit());
        if all_digits(number)
            && letters.len() < code.len()
            && !letters.is_empty()
            && letters.bytes().all(|b| b.is_ascii_lowercase())
        {
            return Some(Region::ZoneId);
        }
    }
    if partition(text).is_some() {
        return Some(Region::Unlisted);
    }
    // `us-east1` → `us-east-1`: a digit run glued to the last word.
    let split = text.len() - text.bytes().rev().take_while(u8::is_ascii_digit).count();
    if split > 0 && split < text.len() && !text[..split].ends_with('-') {
        let dashed = format!("{}-{}", &text[..split], &text[split..]);
        if partition(&dashed).is_some() {
            return Some(Region::GcpStyle { region: dashed });
        }
    }
    Some(Region::Unknown)
}

/// The partition whose region grammar `region` matches (`^(us|eu|…)-\w+-\d+$` and the rest).
pub fn partition(region: &str) -> Option<&'static str> {
    let parts: Vec<&str> = region.split('-').collect();
    let word = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit());
    let number = |p: &str| !p.is_empty() && p.len() <= 2 && all_digits(p);
    let tail_ok = |from: usize| parts.len() == from + 2 && word(parts[from]) && number(parts[from + 1]);
    match parts.as_slice() {
        ["us", "gov", ..] if tail_ok(2) => Some("aws-us-gov"),
        ["us", "iso", ..] if tail_ok(2) => Some("aws-iso"),
        ["us", "isob", ..] if tail_ok(2) => Some("aws-iso-b"),
        ["us", "isof", ..] if tail_ok(2) => Some("aws-iso-f"),
        ["eu", "isoe", ..] if tail_ok(2) => Some("aws-iso-e"),
        ["eusc", "de", ..] if tail_ok(2) => Some("aws-eusc"),
        ["cn", ..] if tail_ok(1) => Some("aws-cn"),
        [p, ..] if ["us", "eu", "ap", "sa", "ca", "me", "af", "il", "mx"].contains(p) && tail_ok(1) => Some("aws"),
        _ => None,
    }
}

/// What is wrong with an `awsAccountId`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Account {
    /// `1111-2222-3333`, as the console shows it.
    Hyphenated {
        digits: String,
    },
    /// Digits, but not 12 of them.
    Length(usize),
    NotDigits,
}

pub fn account(text: &str) -> Option<Account> {
    if text.len() == 12 && all_digits(text) {
        return None;
    }
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    if text.contains('-') && digits.len() == 12 && text.chars().all(|c| c.is_ascii_digit() || c == '-') {
        return Some(Account::Hyphenated { digits });
    }
    if all_digits(text) {
        return Some(Account::Length(text.len()));
    }
    Some(Account::NotDigits)
}

/// The partitions ARNs name [D].
pub const PARTITIONS: &[&str] =
    &["aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b", "aws-iso-e", "aws-iso-f", "aws-eusc"];

/// An IAM role ARN, read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Arn<'a> {
    pub partition: &'a str,
    pub account: &'a str,
}

/// What is wrong with a role ARN.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RoleArn {
    /// No `arn:` at the start: a role name alone, or something else.
    NotAnArn {
        name_only: bool,
    },
    /// `arn:aws:iam:111122223333:role/x`: a colon missing before the account; `at` is where it goes.
    MissingColon {
        at: usize,
    },
    /// Fewer or more parts than `arn:partition:service:region:account:resource`.
    Parts(usize),
    Partition(String),
    /// Not IAM: an STS assumed-role ARN, an S3 ARN…
    Service(String),
    /// IAM ARNs leave the region empty; `range` is the region's text.
    Region {
        range: (usize, usize),
    },
    Account(String),
    /// `user/…`, `instance-profile/…`, or no `role/`.
    NotARole(String),
    /// The role name (or path) breaks IAM's rules: 1–64 of `[A-Za-z0-9+=,.@_-]`.
    Name,
}

pub fn role_arn(text: &str) -> Result<Arn<'_>, RoleArn> {
    let Some(rest) = text.strip_prefix("arn:") else {
        let name_only = !text.is_empty() && text.bytes().all(role_name_byte);
        return Err(RoleArn::NotAnArn { name_only });
    };
    let parts: Vec<&str> = rest.splitn(5, ':').collect();
    if parts.len() == 4 && parts[1] == "iam" && all_digits(parts[2]) {
        // `arn:aws:iam:<account>:role/x`: the empty region's colon is missing.
        let at = 4 + parts[0].len() + 1 + parts[1].len() + 1;
        return Err(RoleArn::MissingColon { at });
    }
    if parts.len() != 5 {
        return Err(RoleArn::Parts(parts.len() + 1));
    }
    let [partition, service, region, account, resource] = [parts[0], parts[1], parts[2], parts[3], parts[4]];
    if !PARTITIONS.contains(&partition) {
        return Err(RoleArn::Partition(partition.to_string()));
    }
    if service != "iam" {
        return Err(RoleArn::Service(service.to_string()));
    }
    if !region.is_empty() {
        let start = 4 + partition.len() + 1 + service.len() + 1;
        return Err(RoleArn::Region { range: (start, start + region.len()) });
    }
    if !(account.len() == 12 && all_digits(account)) {
        return Err(RoleArn::Account(account.to_string()));
    }
    let Some(path_and_name) = resource.strip_prefix("role/") else {
        let kind = resource.split('/').next().unwrap_or(resource);
        return Err(RoleArn::NotARole(kind.to_string()));
    };
    let (path, name) = path_and_name.rsplit_once('/').unwrap_or(("", path_and_name));
    let path_ok = path.len() < 512 && path.bytes().all(|b| (0x21..=0x7e).contains(&b));
    if name.is_empty() || name.len() > 64 || !name.bytes().all(role_name_byte) || !path_ok {
        return Err(RoleArn::Name);
    }
    Ok(Arn { partition, account })
}

fn role_name_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"+=,.@_-".contains(&b)
}

/// What is wrong with an `awsLocationPath`, and the `s3://` form when it can be written for the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// `S3://…`: AWS's own API text writes it, but the scheme is lower case everywhere else.
    UpperScheme { fixed: String },
    /// An HTTPS object URL, a Hadoop scheme (`s3a://`), a bucket ARN, `s3:/`, or no scheme at all.
    NotS3Uri { what: &'static str, fixed: Option<String> },
    /// The bucket breaks S3's naming rules.
    Bucket { bucket: String, why: &'static str },
    /// A `*`: grant scopes take wildcards, locations do not [I].
    Wildcard,
}

pub fn location(text: &str) -> Option<Location> {
    if let Some(rest) = text.strip_prefix("s3://") {
        if rest.contains('*') {
            return Some(Location::Wildcard);
        }
        let bucket = rest.split('/').next().unwrap_or("");
        if bucket.is_empty() {
            return (!rest.is_empty()).then(|| Location::NotS3Uri {
                what: "`s3:///` (one slash too many)",
                fixed: Some(format!("s3://{}", rest.trim_start_matches('/'))),
            });
        }
        return bucket_problem(bucket).map(|why| Location::Bucket { bucket: bucket.to_string(), why });
    }
    if let Some(rest) = strip_prefix_ignore_case(text, "s3://") {
        return Some(Location::UpperScheme { fixed: format!("s3://{rest}") });
    }
    for (prefix, what) in [("s3a://", "a Hadoop `s3a://` URI"), ("s3n://", "a Hadoop `s3n://` URI")] {
        if let Some(rest) = text.strip_prefix(prefix) {
            return Some(Location::NotS3Uri { what, fixed: Some(format!("s3://{rest}")) });
        }
    }
    if let Some(rest) = text.strip_prefix("arn:aws:s3:::").or_else(|| text.strip_prefix("arn:aws-cn:s3:::")) {
        return Some(Location::NotS3Uri { what: "a bucket ARN", fixed: Some(format!("s3://{rest}")) });
    }
    if let Some(rest) = text.strip_prefix("s3:/").or_else(|| text.strip_prefix("s3:")) {
        return Some(Location::NotS3Uri {
            what: "`s3:` without `//`",
            fixed: Some(format!("s3://{}", rest.trim_start_matches('/'))),
        });
    }
    if let Some(rest) = strip_prefix_ignore_case(text, "https://").or_else(|| strip_prefix_ignore_case(text, "http://"))
    {
        return Some(Location::NotS3Uri { what: "an HTTPS URL", fixed: https_to_s3(rest) });
    }
    let bucket = text.split('/').next().unwrap_or("");
    let fixed = bucket_problem(bucket).is_none().then(|| format!("s3://{text}"));
    Some(Location::NotS3Uri { what: "a path without `s3://`", fixed })
}

/// `bucket.s3.us-east-1.amazonaws.com/prefix` or `s3.us-east-1.amazonaws.com/bucket/prefix`.
fn https_to_s3(rest: &str) -> Option<String> {
    let (authority, path) = rest.split_once('/').unwrap_or((rest, ""));
    if !authority.ends_with(".amazonaws.com") {
        return None;
    }
    let labels: Vec<&str> = authority.split('.').collect();
    let s3 = labels.iter().position(|l| *l == "s3" || l.starts_with("s3-"))?;
    if s3 == 0 {
        return (!path.is_empty()).then(|| format!("s3://{path}"));
    }
    let bucket = labels[..s3].join(".");
    Some(if path.is_empty() { format!("s3://{bucket}") } else { format!("s3://{bucket}/{path}") })
}

/// Why a general-purpose bucket name breaks S3's rules, if it does [D].
pub fn bucket_problem(bucket: &str) -> Option<&'static str> {
    let bytes = bucket.as_bytes();
    if !(3..=63).contains(&bytes.len()) {
        return Some("a bucket name has 3 to 63 characters");
    }
    if !bytes.iter().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || *b == b'.' || *b == b'-') {
        return Some("a bucket name holds only lower-case letters, digits, dots and hyphens");
    }
    if !(bytes[0].is_ascii_alphanumeric() && bytes[bytes.len() - 1].is_ascii_alphanumeric()) {
        return Some("a bucket name starts and ends with a letter or digit");
    }
    if bucket.contains("..") {
        return Some("a bucket name has no two dots in a row");
    }
    if bucket.split('.').count() == 4 && bucket.split('.').all(all_digits) {
        return Some("a bucket name is not an IP address");
    }
    if ["xn--", "sthree-", "amzn-s3-demo-"].iter().any(|p| bucket.starts_with(p)) && !bucket.ends_with("-an") {
        return Some("a bucket name may not start with xn--, sthree- or amzn-s3-demo-");
    }
    if ["-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"].iter().any(|s| bucket.ends_with(s)) {
        return Some("a bucket name may not end with -s3alias, --ol-s3, .mrap, --x-s3 or --table-s3");
    }
    None
}

/// What is wrong with an access key ID or secret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AccessKey {
    /// `AWS_ACCESS_KEY_ID=` or `aws_secret_access_key =` pasted from a credentials file; `len` is
    /// the prefix's length in bytes.
    AssignmentPrefix { len: usize },
    /// Outside the IAM API's 16–128 word characters [D].
    OutsideApi,
    /// An `ASIA…` key: temporary, and these payloads have no session token [D prefix; I effect].
    Temporary,
    /// Another IAM unique-ID prefix (`AIDA` user, `AROA` role…) [I].
    UniqueId(&'static str),
    /// Not `AKIA` + 16 of `[A-Z2-7]` [I].
    Shape,
    /// The secret looks like a key ID, or the ID like a secret: swapped [I].
    Swapped,
    /// A secret that is not 40 characters of `[A-Za-z0-9/+]` [I].
    SecretShape(usize),
}

pub fn access_key_id(text: &str) -> Option<AccessKey> {
    if let Some(len) = assignment_prefix(text) {
        return Some(AccessKey::AssignmentPrefix { len });
    }
    if text.len() == 40 && text.bytes().any(|b| b.is_ascii_lowercase() || b == b'/' || b == b'+') {
        return Some(AccessKey::Swapped);
    }
    if !(16..=128).contains(&text.len()) || !text.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
        return Some(AccessKey::OutsideApi);
    }
    let prefix = &text[..4];
    for (p, what) in [
        ("AIDA", "an IAM user's unique ID"),
        ("AROA", "an IAM role's unique ID"),
        ("AGPA", "an IAM group's unique ID"),
        ("ANPA", "a policy's unique ID"),
    ] {
        if prefix == p {
            return Some(AccessKey::UniqueId(what));
        }
    }
    if prefix == "ASIA" {
        return Some(AccessKey::Temporary);
    }
    let shape = prefix == "AKIA"
        && text.len() == 20
        && text[4..].bytes().all(|b| b.is_ascii_uppercase() || (b'2'..=b'7').contains(&b));
    (!shape).then_some(AccessKey::Shape)
}

pub fn secret_access_key(text: &str) -> Option<AccessKey> {
    if let Some(len) = assignment_prefix(text) {
        return Some(AccessKey::AssignmentPrefix { len });
    }
    if text.len() == 20 && (text.starts_with("AKIA") || text.starts_with("ASIA")) {
        return Some(AccessKey::Swapped);
    }
    let shape = text.len() == 40 && text.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'/' || b == b'+');
    (!shape).then_some(AccessKey::SecretShape(text.chars().count()))
}

/// The length of an `aws_access_key_id = ` style prefix, case-insensitive, `=` or `:`.
fn assignment_prefix(text: &str) -> Option<usize> {
    for name in ["aws_access_key_id", "aws_secret_access_key", "awsaccesskeyid", "awssecretaccesskey"] {
        let Some(rest) = strip_prefix_ignore_case(text, name) else { continue };
        let Some(value) = rest.trim_start_matches([' ', '"']).strip_prefix(['=', ':']) else { continue };
        return Some(text.len() - value.trim_start_matches([' ', '"']).len());
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regions() {
        for fine in ["us-east-1", "us-gov-west-1", "cn-northwest-1", "ap-southeast-7", "mx-central-1", "eusc-de-east-1"]
        {
            assert_eq!(region(fine), None, "{fine}");
        }
        assert_eq!(region("us-west2"), Some(Region::GcpStyle { region: "us-west-2".into() }));
        assert_eq!(region("us-east1"), Some(Region::GcpStyle { region: "us-east-1".into() }));
        assert_eq!(region("us-east-1a"), Some(Region::Zone { region: "us-east-1".into() }));
        assert_eq!(region("use1-az1"), Some(Region::ZoneId));
        assert_eq!(region("US-EAST-1"), Some(Region::UpperCase { lower: "us-east-1".into() }));
        assert_eq!(region("aws-global"), Some(Region::Pseudo));
        assert_eq!(region("eastus"), Some(Region::Unknown));
        assert_eq!(region("europe-west2"), Some(Region::Unknown));
        assert_eq!(region("ap-southeast-9"), Some(Region::Unlisted));
        assert_eq!(region("us-eastö1"), Some(Region::Unknown));
        assert_eq!(region("ö"), Some(Region::Unknown));
        assert_eq!(partition("us-gov-east-1"), Some("aws-us-gov"));
        assert_eq!(partition("cn-north-1"), Some("aws-cn"));
    }

    #[test]
    fn accounts() {
        assert_eq!(account("012345678901"), None);
        assert_eq!(account("1111-2222-3333"), Some(Account::Hyphenated { digits: "111122223333".into() }));
        assert_eq!(account("11112222333"), Some(Account::Length(11)));
        assert_eq!(account("my-alias"), Some(Account::NotDigits));
    }

    #[test]
    fn role_arns() {
        for fine in [
            "arn:aws:iam::111122223333:role/fake-immuta-role",
            "arn:aws-us-gov:iam::111122223333:role/r",
            "arn:aws-cn:iam::111122223333:role/r",
            "arn:aws:iam::111122223333:role/service-role/MyRole",
            "arn:aws:iam::111122223333:role/division_abc/subdivision_xyz/MyRole",
            "arn:aws:iam::111122223333:role/Immuta.S3@grants",
        ] {
            assert!(role_arn(fine).is_ok(), "{fine}");
        }
        assert_eq!(role_arn("arn:aws:iam:111122223333:role/x"), Err(RoleArn::MissingColon { at: 12 }));
        assert_eq!(role_arn("arn:aws:iam:us-east-1:111122223333:role/x"), Err(RoleArn::Region { range: (12, 21) }));
        assert_eq!(role_arn("arn:aws:sts::111122223333:assumed-role/R/s"), Err(RoleArn::Service("sts".into())));
        assert_eq!(role_arn("arn:aws:iam::111122223333:user/x"), Err(RoleArn::NotARole("user".into())));
        assert_eq!(role_arn("arn:aws:iam::11112222333:role/x"), Err(RoleArn::Account("11112222333".into())));
        assert_eq!(role_arn("arn:amazon:iam::111122223333:role/x"), Err(RoleArn::Partition("amazon".into())));
        assert_eq!(role_arn("my-role"), Err(RoleArn::NotAnArn { name_only: true }));
        assert_eq!(role_arn("arn:aws:iam::111122223333:role/a b"), Err(RoleArn::Name));
    }

    #[test]
    fn locations() {
        for fine in [
            "s3://",
            "s3://my-bucket",
            "s3://my-bucket/",
            "s3://my.bucket.name/prefix/sub/",
            "s3://amzn-s3-demo-bucket-111122223333-us-west-2-an/data",
        ] {
            assert_eq!(location(fine), None, "{fine}");
        }
        assert_eq!(
            location("my-bucket/prefix"),
            Some(Location::NotS3Uri { what: "a path without `s3://`", fixed: Some("s3://my-bucket/prefix".into()) })
        );
        assert_eq!(location("S3://b-1/p"), Some(Location::UpperScheme { fixed: "s3://b-1/p".into() }));
        assert_eq!(
            location("https://bkt.s3.us-east-1.amazonaws.com/p/q"),
            Some(Location::NotS3Uri { what: "an HTTPS URL", fixed: Some("s3://bkt/p/q".into()) })
        );
        assert_eq!(
            location("https://s3.us-east-1.amazonaws.com/bkt/p"),
            Some(Location::NotS3Uri { what: "an HTTPS URL", fixed: Some("s3://bkt/p".into()) })
        );
        assert_eq!(
            location("arn:aws:s3:::bkt/p"),
            Some(Location::NotS3Uri { what: "a bucket ARN", fixed: Some("s3://bkt/p".into()) })
        );
        assert!(matches!(location("s3://My_Bucket/p"), Some(Location::Bucket { .. })));
        assert_eq!(location("s3://bkt/prefix*"), Some(Location::Wildcard));
    }

    #[test]
    fn access_keys() {
        assert_eq!(access_key_id("AKIAIOSFODNN7EXAMPLE"), None);
        assert_eq!(access_key_id("ASIAIOSFODNN7EXAMPLE"), Some(AccessKey::Temporary));
        assert_eq!(access_key_id("AROAIOSFODNN7EXAMPLE"), Some(AccessKey::UniqueId("an IAM role's unique ID")));
        assert_eq!(access_key_id("AKIA-short"), Some(AccessKey::OutsideApi));
        assert_eq!(access_key_id("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"), Some(AccessKey::Swapped));
        assert_eq!(
            access_key_id("AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE"),
            Some(AccessKey::AssignmentPrefix { len: 18 })
        );
        assert_eq!(
            access_key_id("aws_access_key_id = AKIAIOSFODNN7EXAMPLE"),
            Some(AccessKey::AssignmentPrefix { len: 20 })
        );
        assert_eq!(secret_access_key("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"), None);
        assert_eq!(secret_access_key("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEYx"), Some(AccessKey::SecretShape(41)));
        assert_eq!(secret_access_key("AKIAIOSFODNN7EXAMPLE"), Some(AccessKey::Swapped));
    }
}
