//! Where private keys live in payloads, and where each key's passphrase goes: worked out from the
//! catalogue's `x-key` keywords. A key object (`{"keyName", "userFilename", "content"}`) is a site
//! in both forms: its `content`, and the object itself written as a plain string by mistake.
//! Source: the Snowflake key-pair and OAuth pages of the integration and connection APIs [D].

use crate::model::catalogue::{FACTS, split};
use std::sync::OnceLock;

/// A field that holds a PEM private key, and where its password lives (if Immuta has one).
pub struct Site {
    pub pointer: &'static str,
    pub password: Option<&'static str>,
}

/// Every private-key field of every payload kind, in string or object form.
pub fn sites() -> &'static [Site] {
    static SITES: OnceLock<Vec<Site>> = OnceLock::new();
    SITES.get_or_init(|| {
        let mut sites: Vec<Site> = Vec::new();
        for fact in FACTS {
            let Some(password) = fact.key else { continue };
            let password = password.map(|member| made(format!("{}/{member}", split(fact.pointer).0)));
            let mut add = |pointer: &'static str| {
                if !sites.iter().any(|s| s.pointer == pointer) {
                    sites.push(Site { pointer, password });
                }
            };
            if fact.object {
                add(made(format!("{}/content", fact.pointer)));
            }
            add(fact.pointer);
        }
        sites
    })
}

/// The names of the members that hold a private key (`privateKey`, `content`, ...), each once, in
/// the order of [`sites`]: what the page's "Insert key file" looks for on the cursor's line.
pub fn member_names() -> Vec<&'static str> {
    let mut names: Vec<&'static str> = Vec::new();
    for site in sites() {
        let name = split(site.pointer).1;
        if !names.contains(&name) {
            names.push(name);
        }
    }
    names
}

pub fn site(pointer: &str) -> Option<&'static Site> {
    sites().iter().find(|s| s.pointer == pointer)
}

/// A pointer made once per process for a table that lives as long as the process.
fn made(pointer: String) -> &'static str {
    Box::leak(pointer.into_boxed_str())
}
