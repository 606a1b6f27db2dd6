//! The documents an editor has open: each one's latest text, its options (found once, when it is
//! opened, through the config file), the client's version, and its report once checked. The
//! language server keeps its documents here; a check that finishes after a newer change is
//! dropped, since its revision is no longer the document's.

use immuta_preflight_core::{Options, Report, check};
use std::collections::HashMap;
use std::sync::Arc;

/// One open document.
#[derive(Debug)]
pub struct Document {
    pub text: Arc<str>,
    pub options: Options,
    /// The client's version, echoed in what is published about it.
    pub version: Option<i32>,
    /// This service's own count of the document's changes.
    pub revision: u64,
    /// The report of this text, once checked.
    pub report: Option<Report>,
    /// Checking this text failed inside immuta-preflight: it has no report, and none is made.
    pub failed: bool,
}

impl Document {
    /// The report of the current text: the one the checker made, or one made now.
    pub fn report(&mut self) -> &Report {
        self.report.get_or_insert_with(|| check(&self.text, &self.options))
    }
}

/// The open documents, by URI.
#[derive(Debug, Default)]
pub struct Documents {
    open: HashMap<String, Document>,
    revisions: u64,
}

impl Documents {
    /// Opens `uri` with `text` and its options: the document as it now is.
    pub fn open(&mut self, uri: &str, text: String, version: Option<i32>, options: Options) -> &Document {
        self.revisions += 1;
        let document =
            Document { text: text.into(), options, version, revision: self.revisions, report: None, failed: false };
        self.open.insert(uri.to_string(), document);
        &self.open[uri]
    }

    /// The new text of an open document (its options kept); `None` when it is not open.
    pub fn change(&mut self, uri: &str, text: String, version: Option<i32>) -> Option<&Document> {
        self.revisions += 1;
        let document = self.open.get_mut(uri)?;
        *document = Document {
            text: text.into(),
            options: std::mem::take(&mut document.options),
            version,
            revision: self.revisions,
            report: None,
            failed: false,
        };
        Some(document)
    }

    pub fn close(&mut self, uri: &str) -> Option<Document> {
        self.open.remove(uri)
    }

    pub fn get(&self, uri: &str) -> Option<&Document> {
        self.open.get(uri)
    }

    pub fn get_mut(&mut self, uri: &str) -> Option<&mut Document> {
        self.open.get_mut(uri)
    }

    /// Keeps the result of checking `revision` of `uri`, when the document is still at that
    /// revision: the report, or the failure. `None` when the result is out of date.
    pub fn checked(&mut self, uri: &str, revision: u64, report: Result<Report, ()>) -> Option<&mut Document> {
        let document = self.open.get_mut(uri).filter(|d| d.revision == revision)?;
        match report {
            Ok(report) => document.report = Some(report),
            Err(()) => document.failed = true,
        }
        Some(document)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_check_overtaken_by_a_change_is_dropped_and_options_stay() {
        let mut documents = Documents::default();
        let options = Options { kind: Some(immuta_preflight_core::Kind::Connection), ..Options::default() };
        let first = documents.open("file:///a.json", "{}".into(), Some(1), options.clone()).revision;
        let second =
            documents.change("file:///a.json", "{\"connectionKey\": \"x\"}".into(), Some(2)).expect("open").revision;
        assert!(second > first);
        let stale = check("{}", &options);
        assert!(
            documents.checked("file:///a.json", first, Ok(stale)).is_none(),
            "the first text's report is out of date"
        );
        let document = documents.get_mut("file:///a.json").expect("open");
        assert_eq!(document.options, options);
        assert_eq!(document.report().kind, Some(immuta_preflight_core::Kind::Connection));
        assert!(documents.change("file:///b.json", String::new(), None).is_none());
        assert!(documents.close("file:///a.json").is_some() && documents.get("file:///a.json").is_none());
    }
}
