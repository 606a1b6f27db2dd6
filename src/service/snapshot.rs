//! A [`Host`] for doors whose file system answers only asynchronously, as VS Code's
//! `workspace.fs` does (on the web it is the only file system there is): what they have fetched,
//! and the paths the service asked about that they have not. The door runs the service on the
//! snapshot, fetches what it was missing, and runs it again until nothing is missing; so finding
//! the config file stays the service's work, in Rust, and the door only fetches.

use crate::host::{Host, ReadError};
use std::cell::RefCell;
use std::collections::{BTreeSet, HashMap};

/// What is at a path, as the door found it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entry {
    /// A file, and its text (a file the door did not read, `.git` as a file, say, has none).
    File(Option<String>),
    Folder,
    /// Nothing is there, or it cannot be read.
    Missing,
}

/// The paths a door has fetched, and those the service went on to ask about.
#[derive(Debug, Default)]
pub struct Snapshot {
    entries: HashMap<String, Entry>,
    missing: RefCell<BTreeSet<String>>,
}

impl Snapshot {
    pub fn new(entries: HashMap<String, Entry>) -> Snapshot {
        Snapshot { entries, missing: RefCell::default() }
    }

    /// The paths asked about and not in the snapshot, sorted: what the door fetches next.
    pub fn missing(&self) -> Vec<String> {
        self.missing.borrow().iter().cloned().collect()
    }

    fn entry(&self, path: &str) -> Option<&Entry> {
        let entry = self.entries.get(path);
        if entry.is_none() {
            self.missing.borrow_mut().insert(path.to_string());
        }
        entry
    }
}

impl Host for Snapshot {
    fn read(&mut self, path: &str) -> Result<Vec<u8>, ReadError> {
        match self.entry(path) {
            Some(Entry::File(Some(text))) => Ok(text.clone().into_bytes()),
            Some(Entry::File(None)) => Err(ReadError::Other("the editor did not read it".into())),
            Some(Entry::Folder) => Err(ReadError::IsDirectory),
            Some(Entry::Missing) | None => Err(ReadError::NotFound),
        }
    }

    fn is_terminal(&self) -> bool {
        false
    }

    fn exists(&mut self, path: &str) -> bool {
        matches!(self.entry(path), Some(Entry::File(_) | Entry::Folder))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::resolve;
    use immuta_preflight_core::Kind;

    /// Runs `resolve` as a door would: fetching what the snapshot lacks from `disk`, round after
    /// round; returns the rounds' requests and the result.
    fn fetch_until_done(disk: &HashMap<&str, Entry>, path: &str) -> (Vec<Vec<String>>, crate::config::Resolved) {
        let mut known = HashMap::new();
        let mut rounds = Vec::new();
        loop {
            let mut snapshot = Snapshot::new(known.clone());
            let resolved = resolve(&mut snapshot, path);
            let missing = snapshot.missing();
            if missing.is_empty() {
                return (rounds, resolved);
            }
            for path in &missing {
                known.insert(path.clone(), disk.get(path.as_str()).cloned().unwrap_or(Entry::Missing));
            }
            rounds.push(missing);
        }
    }

    #[test]
    fn the_config_is_found_in_rounds_of_fetches_and_read_as_on_disk() {
        let config =
            "[[overrides]]\nfiles = [\"scripts/**\"]\nkind = \"integration-script\"\nignore = [\"unknown-field\"]\n";
        let disk = HashMap::from([
            ("/repo/.git", Entry::Folder),
            ("/repo/immuta-preflight.toml", Entry::File(Some(config.to_string()))),
        ]);
        let (rounds, resolved) = fetch_until_done(&disk, "/repo/scripts/deep/a.yaml");
        // What is not known yet is not there: the first run asks about every folder up to the root,
        // and one round of fetches (with the config file's text) is all it takes.
        assert_eq!(rounds.len(), 1, "{rounds:?}");
        assert_eq!(rounds[0].len(), 8, "the config file and .git in each of 4 folders: {rounds:?}");
        assert!(rounds[0].contains(&"/repo/scripts/deep/immuta-preflight.toml".to_string()));
        assert_eq!(resolved.config.as_deref(), Some("/repo/immuta-preflight.toml"));
        assert!(resolved.problems.is_empty(), "{:?}", resolved.problems);
        assert_eq!(resolved.options.kind, Some(Kind::IntegrationScript));
        assert_eq!(resolved.options.format, Some(immuta_preflight_core::Format::Yaml));
        assert!(!resolved.options.rules.is_default());
    }

    #[test]
    fn a_git_folder_ends_the_search_and_a_broken_config_is_reported_not_used() {
        let disk = HashMap::from([
            ("/repo/.git", Entry::Folder),
            ("/immuta-preflight.toml", Entry::File(Some(String::new()))),
        ]);
        let (_, resolved) = fetch_until_done(&disk, "/repo/a.json");
        assert_eq!(resolved.config, None, "the search stops at the repository's root");
        let broken = HashMap::from([("/w/immuta-preflight.toml", Entry::File(Some("[rules]\nignor = []\n".into())))]);
        let (_, resolved) = fetch_until_done(&broken, "/w/a.json");
        assert_eq!(resolved.config.as_deref(), Some("/w/immuta-preflight.toml"));
        assert_eq!(resolved.problems.len(), 1, "{:?}", resolved.problems);
        assert!(
            resolved.problems[0].starts_with("/w/immuta-preflight.toml:2:1: unknown key `ignor`"),
            "{:?}",
            resolved.problems
        );
        assert!(resolved.options.rules.is_default());
    }
}
