//! Where rules put their findings. The sink owns the finding limit: producers ask [`Sink::full`]
//! and stop, and [`Sink::finish`] keeps the first findings in text order and says so.

use super::Code;
use crate::diagnostic::{Diagnostic, Span};
use crate::model::limits::MAX_FINDINGS;

#[derive(Debug, Default)]
pub struct Sink {
    found: Vec<Diagnostic>,
}

impl Sink {
    pub fn push(&mut self, diagnostic: Diagnostic) {
        let (code, severity) = (diagnostic.code, diagnostic.severity);
        debug_assert!(code.allows(severity), "the registry declares no {severity:?} findings of {code}");
        self.found.push(diagnostic);
    }

    pub fn extend(&mut self, diagnostics: impl IntoIterator<Item = Diagnostic>) {
        for diagnostic in diagnostics {
            self.push(diagnostic);
        }
    }

    /// Whether the sink already holds as many findings as are listed: producers stop there.
    pub fn full(&self) -> bool {
        self.found.len() >= MAX_FINDINGS
    }

    /// Reports on each of `items` in turn, as long as the sink is not full: the loop of every
    /// rule that turns a list of facts (schema violations) into findings.
    pub fn until_full<T>(&mut self, items: &[T], mut report: impl FnMut(&T, &mut Sink)) {
        for item in items {
            if self.full() {
                break;
            }
            report(item, self);
        }
    }

    /// The findings, for the stages after the rules.
    pub fn findings(&mut self) -> &mut Vec<Diagnostic> {
        &mut self.found
    }

    /// A sink of findings already settled, whose severities the user's rule settings may have
    /// changed (so not checked against the registry again): the documents of one stream, joined.
    pub fn settled(found: Vec<Diagnostic>) -> Sink {
        Sink { found }
    }

    /// The findings in text order, cut to the limit, with a note at `end` (the end of the text)
    /// when it was reached.
    pub fn finish(mut self, end: usize) -> Vec<Diagnostic> {
        if self.found.len() >= MAX_FINDINGS {
            self.found.truncate(MAX_FINDINGS);
            self.found.push(
                Diagnostic::new(
                    Code::InputLimit,
                    "",
                    Span::empty(end),
                    format!("immuta-preflight stopped after {MAX_FINDINGS} findings; there may be more"),
                )
                .as_note()
                .with_help("fix the findings above (often one mistake repeated) and check again to see the rest"),
            );
        }
        self.found
    }
}
