//! Google Cloud values of a BigQuery integration: project IDs (6–30 of `[a-z0-9-]`, a letter first,
//! no `-` last [D]), service-account e-mails (`<id>@<project>.iam.gserviceaccount.com` [D]; the
//! default accounts' `developer.`/`appspot.` forms [I]), dataset names (1–1024 of
//! `[A-Za-z0-9_]` [D]) and locations (`US`, `EU` or a region such as `us-east1` [D list; I grammar]).
//! Source: gcloud projects create, IAM service-account types, BigQuery datasets and locations.

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// The AWS spelling (`us-east-1`): `fixed` is the GCP one.
    AwsStyle {
        fixed: String,
    },
    /// A zone (`us-east1-b`): datasets live in regions.
    Zone {
        region: String,
    },
    /// `us` or `eu`: BigQuery documents upper case [D]; whether lower case is taken is [R].
    LowerMultiRegion {
        fixed: String,
    },
    Unknown,
}

pub fn location(text: &str) -> Option<Location> {
    if matches!(text, "US" | "EU") || region(text) {
        return None;
    }
    if matches!(text, "us" | "eu") {
        return Some(Location::LowerMultiRegion { fixed: text.to_ascii_uppercase() });
    }
    if let Some((region_part, zone)) = text.rsplit_once('-') {
        if region(region_part) && zone.len() == 1 && zone.as_bytes()[0].is_ascii_lowercase() {
            return Some(Location::Zone { region: region_part.to_string() });
        }
        let joined = format!("{region_part}{zone}");
        if zone.bytes().all(|b| b.is_ascii_digit()) && region(&joined) {
            return Some(Location::AwsStyle { fixed: joined });
        }
    }
    Some(Location::Unknown)
}

/// `us-east1`, `europe-west10`, `northamerica-northeast1`: words, a dash, a word ending in digits.
fn region(text: &str) -> bool {
    let Some((first, second)) = text.split_once('-') else { return false };
    let digits = second.bytes().rev().take_while(u8::is_ascii_digit).count();
    let word = &second[..second.len() - digits];
    !first.is_empty()
        && first.bytes().all(|b| b.is_ascii_lowercase())
        && (1..=2).contains(&digits)
        && !word.is_empty()
        && word.bytes().all(|b| b.is_ascii_lowercase())
}

/// Why a project ID breaks Google's rules, if it does.
pub fn project_id(text: &str) -> Option<&'static str> {
    // Legacy domain-scoped IDs (`example.com:my-project`) may exist [R]: judged by their project part.
    let text = text.rsplit_once(':').filter(|(domain, _)| domain.contains('.')).map_or(text, |(_, id)| id);
    let bytes = text.as_bytes();
    if super::all_digits(text) {
        return Some("it is a project number; the key file's project_id is the project ID");
    }
    if !(6..=30).contains(&bytes.len()) {
        return Some("a project ID has 6 to 30 characters");
    }
    if !bytes.iter().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || *b == b'-') {
        return Some("a project ID holds only lower-case letters, digits and hyphens");
    }
    if !bytes[0].is_ascii_lowercase() {
        return Some("a project ID starts with a letter");
    }
    if bytes[bytes.len() - 1] == b'-' {
        return Some("a project ID does not end with a hyphen");
    }
    None
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Email {
    /// Not `<id>@<project>.iam.gserviceaccount.com` (nor a default account's form).
    NotServiceAccount,
    /// The account belongs to another project than the key file's `project_id`.
    OtherProject { project: String },
}

pub fn service_account_email(email: &str, project_id: Option<&str>) -> Option<Email> {
    let Some((account, domain)) = email.split_once('@') else { return Some(Email::NotServiceAccount) };
    if account.is_empty() {
        return Some(Email::NotServiceAccount);
    }
    if domain == "developer.gserviceaccount.com" || domain.ends_with(".appspot.gserviceaccount.com") {
        return None;
    }
    let Some(project) = domain.strip_suffix(".iam.gserviceaccount.com") else { return Some(Email::NotServiceAccount) };
    match project_id.filter(|id| !id.contains(':')) {
        Some(id) if id != project => Some(Email::OtherProject { project: project.to_string() }),
        _ => None,
    }
}

/// Why a dataset name breaks BigQuery's rules, if it does.
pub fn dataset(text: &str) -> Option<&'static str> {
    if text.len() > 1024 {
        return Some("a dataset name has at most 1,024 characters");
    }
    if text.contains(['.', ':']) {
        return Some("it is qualified with a project; the field takes the dataset name alone");
    }
    (!text.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_'))
        .then_some("a dataset name holds only letters, digits and underscores")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locations() {
        for fine in ["US", "EU", "us-east1", "europe-west2", "northamerica-northeast2", "europe-west12"] {
            assert_eq!(location(fine), None, "{fine}");
        }
        assert_eq!(location("us-east-1"), Some(Location::AwsStyle { fixed: "us-east1".into() }));
        assert_eq!(location("us-east1-b"), Some(Location::Zone { region: "us-east1".into() }));
        assert_eq!(location("us"), Some(Location::LowerMultiRegion { fixed: "US".into() }));
        assert_eq!(location("eastus"), Some(Location::Unknown));
    }

    #[test]
    fn projects_accounts_and_datasets() {
        assert_eq!(project_id("fake-project-123"), None);
        assert_eq!(project_id("abcdef"), None);
        assert!(project_id("123456789012").is_some());
        assert!(project_id("My_Project").is_some());
        assert!(project_id("proj-").is_some());
        assert_eq!(project_id("example.com:my-project"), None);
        assert_eq!(
            service_account_email("immuta-fake@fake-project-123.iam.gserviceaccount.com", Some("fake-project-123")),
            None
        );
        assert_eq!(service_account_email("123456789012-compute@developer.gserviceaccount.com", Some("p-123456")), None);
        assert_eq!(
            service_account_email("immuta@other-proj.iam.gserviceaccount.com", Some("fake-project-123")),
            Some(Email::OtherProject { project: "other-proj".into() })
        );
        assert_eq!(service_account_email("alice@example.com", None), Some(Email::NotServiceAccount));
        assert_eq!(dataset("Immuta_Meta"), None);
        assert!(dataset("immuta-meta").is_some());
        assert!(dataset("proj.dataset").is_some());
    }
}
