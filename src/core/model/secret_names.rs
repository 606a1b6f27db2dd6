//! Which member names hold credentials, and the one policy that decides whether a value is secret.
//! Both the pointer test (`crate::secrets::is_secret`, for messages) and the tree walk that finds
//! the ranges to mask (`crate::secrets::secret_spans`) apply [`Secrecy::member`], so they cannot
//! disagree. Sources: every credential field in the API pages [D]; the hints are ours.

use crate::model::catalogue::{FACTS, split};
use std::sync::OnceLock;

/// Member names whose values are credentials: the names of the catalogue's `x-secret` fields,
/// and the key file's own `private_key` (inside the BigQuery credential, which no schema describes).
pub fn secret_names() -> &'static [&'static str] {
    static NAMES: OnceLock<Vec<&'static str>> = OnceLock::new();
    NAMES.get_or_init(|| {
        let mut names: Vec<&'static str> =
            FACTS.iter().filter(|f| f.secret).map(|f| split(f.pointer).1).chain(KEY_FILE_SECRETS).collect();
        names.sort_unstable();
        names.dedup();
        names
    })
}

/// Secret members of the BigQuery key file.
const KEY_FILE_SECRETS: [&str; 1] = ["private_key"];

/// Parts of a member name that mark an unknown field as probably secret too (lower-case ASCII).
pub const SECRET_HINTS: &[&str] =
    &["password", "passwd", "secret", "token", "credential", "privatekey", "apikey", "passphrase"];

/// Members of a key object that describe the key and are not the key (`privateKey.keyName`).
pub const KEY_METADATA: &[&str] = &["keyName", "userFilename"];

/// What is known about secrecy at one place of the tree, walking down from the root.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Secrecy {
    /// The value here is a secret (or part of one).
    pub secret: bool,
    /// A member above (or this one) is named as a secret, so everything below is secret too,
    /// except a key's metadata scalars.
    inside: bool,
}

impl Secrecy {
    /// The secrecy of member `name` of a value with this secrecy. A key's `keyName` is shown; a
    /// value nested under it inside a secret is not (nothing is gained by showing it).
    pub fn member(self, name: &str) -> Secrecy {
        let named = is_secret_name(name);
        let metadata = KEY_METADATA.contains(&name);
        Secrecy { secret: named || (self.inside && !metadata), inside: named || self.inside }
    }

    /// The secrecy of an item of an array with this secrecy.
    pub fn item(self) -> Secrecy {
        Secrecy { secret: self.secret || self.inside, inside: self.inside }
    }
}

pub fn is_secret_name(name: &str) -> bool {
    // Sorted once: a search, not a scan, for every member of every payload.
    secret_names().binary_search(&name).is_ok() || SECRET_HINTS.iter().any(|hint| contains_ignore_case(name, hint))
}

/// `needle` must be lower-case ASCII.
fn contains_ignore_case(haystack: &str, needle: &str) -> bool {
    let first = needle.as_bytes()[0];
    haystack.len() >= needle.len()
        && haystack
            .as_bytes()
            .windows(needle.len())
            .any(|w| w[0].to_ascii_lowercase() == first && w.eq_ignore_ascii_case(needle.as_bytes()))
}
