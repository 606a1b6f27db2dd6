//! How every rule is declared once (as ruff's `codes.rs`): the declarations themselves are in
//! `rules/mod.rs`, in one `registry!` list. A finding is made from a [`Code`], which carries its
//! severity, so no call site can pair a code with a severity the rule does not declare. The doc text lives beside each rule, in
//! its module's `DOC`; `immuta-preflight explain`, `rules`, docs/rules.md and the wasm API all
//! read it through this table.

use super::{ALL, Code, Context, Sink};
use crate::diagnostic::Severity;
use serde::{Serialize, Serializer};
use std::fmt;
use std::sync::OnceLock;

/// A rule's documentation: a one-line summary, and Markdown with the sections *What it checks*,
/// *Why*, *Example* and *Fix*.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Doc {
    pub summary: &'static str,
    pub body: &'static str,
}

/// A rule's documentation: Markdown with the sections What it checks, Why, Example and Fix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS), ts(rename = "RuleDoc"))]
pub struct Rule {
    #[cfg_attr(feature = "typescript", ts(type = "RuleCode"))]
    pub code: &'static str,
    /// The usual severity; a few findings of a rule are softer (see the rule's doc).
    #[cfg_attr(feature = "typescript", ts(type = "Severity"))]
    pub severity: Severity,
    pub summary: &'static str,
    pub doc: &'static str,
}

/// What every rule is: a function of the facts that adds findings to the sink.
pub type Check = fn(&Context, &mut Sink);

/// Declares every rule, once: its code, its module (the `mod` item itself), its usual severity
/// and the softer ones some findings take, and either its place in the run order (`runs N`) or
/// `across` for a check across files, which has no check of one file (see [`crate::across`]).
/// Everything else is made from this: the modules, [`Code`], [`ALL`], [`run_order`], the rule
/// table of the docs (`markdown_table`) and the TypeScript `RuleCode` union
/// (`immuta_preflight_service::typescript`).
macro_rules! registry {
    ($($variant:ident = $code:literal in $module:ident, $severity:ident [$($softer:ident),*], $run:ident $($rank:literal)?;)+) => {
        $(mod $module;)+

        /// A rule's stable code.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Code {
            $($variant,)+
        }

        impl Code {
            /// Every code, in the order the docs list the rules.
            pub const ALL: &[Code] = &[$(Code::$variant,)+];

            pub const fn as_str(self) -> &'static str {
                match self {
                    $(Code::$variant => $code,)+
                }
            }

            /// The usual severity of the rule's findings.
            pub const fn severity(self) -> $crate::diagnostic::Severity {
                match self {
                    $(Code::$variant => $crate::diagnostic::Severity::$severity,)+
                }
            }

            /// The softer severities some of the rule's findings take, as its doc explains.
            pub const fn softer(self) -> &'static [$crate::diagnostic::Severity] {
                match self {
                    $(Code::$variant => &[$($crate::diagnostic::Severity::$softer),*],)+
                }
            }

            pub const fn doc(self) -> &'static $crate::rules::Doc {
                match self {
                    $(Code::$variant => &$module::DOC,)+
                }
            }

            /// The rule's check of one file, and its place in the run order; `None` for a check
            /// across files.
            pub const fn check(self) -> Option<(u32, $crate::rules::Check)> {
                match self {
                    $(Code::$variant => registry::runs!($module, $run $($rank)?),)+
                }
            }

            pub const fn rule(self) -> &'static $crate::rules::Rule {
                match self {
                    $(Code::$variant => &$crate::rules::Rule {
                        code: $code,
                        severity: $crate::diagnostic::Severity::$severity,
                        summary: $module::DOC.summary,
                        doc: $module::DOC.body,
                    },)+
                }
            }
        }

        /// Every rule, in the order the docs list them.
        pub const ALL: &[&$crate::rules::Rule] = &[$(Code::$variant.rule(),)+];
    };
}

/// A rule's check and place in the run order, from its declaration's `runs N` or `across`.
macro_rules! runs {
    ($module:ident, runs $rank:literal) => {
        Some(($rank, $module::check))
    };
    ($module:ident, across) => {
        None
    };
}

pub(crate) use {registry, runs};

/// The rules of one file, in the order they run. Findings are sorted by position afterwards, so
/// the order only decides which findings are made first when a text has more than the finding
/// limit: the readers' findings first, then the schema's, then the rules that read the tree.
pub fn run_order() -> &'static [(Code, Check)] {
    static ORDER: OnceLock<Vec<(Code, Check)>> = OnceLock::new();
    ORDER.get_or_init(|| {
        let mut ranked: Vec<(u32, Code, Check)> =
            Code::ALL.iter().filter_map(|&code| code.check().map(|(rank, check)| (rank, code, check))).collect();
        ranked.sort_by_key(|(rank, ..)| *rank);
        ranked.into_iter().map(|(_, code, check)| (code, check)).collect()
    })
}

impl Code {
    pub fn find(code: &str) -> Option<Code> {
        Code::ALL.iter().copied().find(|c| c.as_str() == code)
    }

    /// Whether a finding of this rule may have `severity`.
    pub fn allows(self, severity: Severity) -> bool {
        severity == self.severity() || self.softer().contains(&severity)
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Code {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl PartialEq<str> for Code {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Code {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

pub fn find(code: &str) -> Option<&'static Rule> {
    Code::find(code).map(Code::rule)
}

/// Every rule's documentation, for docs/rules.md: a `### code` section each (its anchor is the
/// code, which the language server links to), in the order of the table.
pub fn markdown_docs() -> String {
    let mut out = String::new();
    for rule in ALL {
        let body = rule.doc.replace("\n## ", "\n#### ");
        let body = body.strip_prefix("## ").map_or(body.clone(), |rest| format!("#### {rest}"));
        out.push_str(&format!(
            "### {}\n\n**{}**: {}\n\n{}\n\n",
            rule.code,
            rule.severity.as_str(),
            rule.summary,
            body.trim_end()
        ));
    }
    out
}

/// The rule table of the docs, generated from the rules themselves (a test keeps them equal).
pub fn markdown_table() -> String {
    let mut out = String::from("| code | severity | what it checks |\n|---|---|---|\n");
    for rule in ALL {
        out.push_str(&format!(
            "| `{}` | {} | {} |\n",
            rule.code,
            rule.severity.as_str(),
            rule.summary.replace('|', "\\|")
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_kebab_case_and_documented() {
        let mut codes: Vec<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), Code::ALL.len(), "duplicate rule code");
        for code in Code::ALL {
            assert!(code.as_str().bytes().all(|b| b.is_ascii_lowercase() || b == b'-'), "{code}");
            for section in ["## What it checks", "## Why", "## Example", "## Fix"] {
                assert!(code.doc().body.contains(section), "{code} lacks {section}");
            }
            assert!(!code.softer().contains(&code.severity()), "{code}");
        }
    }

    #[test]
    fn every_rule_of_one_file_has_its_own_place_in_the_run_order() {
        let mut ranks: Vec<u32> = Code::ALL.iter().filter_map(|c| c.check().map(|(rank, _)| rank)).collect();
        ranks.sort_unstable();
        let expected: Vec<u32> = (1..=ranks.len() as u32).collect();
        assert_eq!(ranks, expected, "the ranks are 1, 2, 3, ... each once");
        let across: Vec<&str> = Code::ALL.iter().filter(|c| c.check().is_none()).map(|c| c.as_str()).collect();
        assert_eq!(across, ["duplicate-connection-key", "duplicate-integration", "script-mismatch"]);
    }
}
