//! Which findings a run reports, and at what severity: the config file's `[rules]` and
//! `[[overrides]]`, the CLI's `--ignore` and `--select`, the npm `rules` option and YAML's inline
//! `# immuta-preflight: ignore[code]` comments all end here, after the findings are settled (so a
//! finding another one explains stays dropped, whichever of them is ignored).

use super::Code;
use crate::diagnostic::{Diagnostic, Severity};
use crate::suggest;

/// Rules whose findings are always reported: each says the file was not (wholly) checked, and
/// silencing it would make a file nobody could read look clean.
pub const ALWAYS_REPORTED: &[Code] = &[Code::Syntax, Code::InternalError, Code::InputLimit];

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RuleOptions {
    /// Rules whose findings are dropped.
    pub ignore: Vec<Code>,
    /// When given, only these rules' findings are kept (and [`ALWAYS_REPORTED`]).
    pub select: Option<Vec<Code>>,
    /// A severity that replaces the rule's own, for each of its findings.
    pub severity: Vec<(Code, Severity)>,
}

impl RuleOptions {
    pub fn is_default(&self) -> bool {
        *self == RuleOptions::default()
    }

    /// Whether findings of `code` are kept.
    pub fn reports(&self, code: Code) -> bool {
        ALWAYS_REPORTED.contains(&code)
            || (!self.ignore.contains(&code) && self.select.as_ref().is_none_or(|only| only.contains(&code)))
    }

    /// Adds `more` on top of these options: its ignores and severities join (a later severity for
    /// the same rule wins), and its selection replaces this one.
    pub fn extend(&mut self, more: &RuleOptions) {
        self.ignore.extend(more.ignore.iter().filter(|c| !self.ignore.contains(c)).collect::<Vec<_>>());
        if more.select.is_some() {
            self.select.clone_from(&more.select);
        }
        for &(code, severity) in &more.severity {
            self.severity.retain(|(c, _)| *c != code);
            self.severity.push((code, severity));
        }
    }

    /// Drops the findings not reported and sets the severities asked for.
    pub fn apply(&self, findings: &mut Vec<Diagnostic>) {
        if self.is_default() {
            return;
        }
        findings.retain(|d| self.reports(d.code));
        for finding in findings {
            if let Some(&(_, severity)) = self.severity.iter().find(|(code, _)| *code == finding.code) {
                finding.severity = severity;
            }
        }
    }
}

/// The rules `name` names: one rule's code, or a group of rules, the first words that two or more
/// codes share (`private-key` is the four `private-key-*` rules, `duplicate` the three `duplicate-*`);
/// else a message with a did-you-mean. `for_ignoring` refuses the rules that are always reported.
pub fn parse_codes(name: &str, for_ignoring: bool) -> Result<Vec<Code>, String> {
    let found: Vec<Code> = match Code::find(name) {
        Some(code) => vec![code],
        None => group(name),
    };
    if found.is_empty() {
        return Err(suggest::unknown("rule code", name, Code::ALL.iter().map(|c| c.as_str()), || {
            "`immuta-preflight rules` lists them".into()
        }));
    }
    if for_ignoring && let Some(always) = found.iter().find(|c| ALWAYS_REPORTED.contains(c)) {
        return Err(format!("`{always}` cannot be ignored: its findings say that a file was not wholly checked"));
    }
    Ok(found)
}

/// The rules of the group `name`: the codes that start with `name` and a `-`, when there are at
/// least two (a group of one would only be a second name for a rule).
fn group(name: &str) -> Vec<Code> {
    let members: Vec<Code> = Code::ALL
        .iter()
        .copied()
        .filter(|c| c.as_str().strip_prefix(name).is_some_and(|rest| rest.starts_with('-')))
        .collect();
    if members.len() >= 2 { members } else { Vec::new() }
}

/// Every group's name, sorted (the npm types list them as `RuleGroup`).
pub fn groups() -> Vec<String> {
    let mut names: Vec<String> = Code::ALL
        .iter()
        .flat_map(|c| c.as_str().match_indices('-').map(|(i, _)| c.as_str()[..i].to_string()).collect::<Vec<_>>())
        .filter(|name| group(name).len() >= 2)
        .collect();
    names.sort();
    names.dedup();
    names
}

/// A severity by its name.
pub fn parse_severity(name: &str) -> Result<Severity, String> {
    match name {
        "error" => Ok(Severity::Error),
        "warning" => Ok(Severity::Warning),
        "info" => Ok(Severity::Info),
        other => Err(suggest::unknown("severity", other, ["error", "warning", "info"], || {
            "the severities are error, warning and info".into()
        })),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Span;

    fn finding(code: Code) -> Diagnostic {
        Diagnostic::new(code, "", Span::default(), "m")
    }

    #[test]
    fn ignore_select_and_severity_apply_and_reading_problems_stay() {
        let all = || vec![finding(Code::Syntax), finding(Code::Placeholder), finding(Code::UnknownField)];
        let mut found = all();
        RuleOptions { ignore: vec![Code::Placeholder], ..Default::default() }.apply(&mut found);
        assert_eq!(found.iter().map(|d| d.code).collect::<Vec<_>>(), [Code::Syntax, Code::UnknownField]);
        let mut found = all();
        RuleOptions { select: Some(vec![Code::Placeholder]), ..Default::default() }.apply(&mut found);
        assert_eq!(found.iter().map(|d| d.code).collect::<Vec<_>>(), [Code::Syntax, Code::Placeholder]);
        let mut found = all();
        RuleOptions { severity: vec![(Code::UnknownField, Severity::Error)], ..Default::default() }.apply(&mut found);
        assert_eq!(found[2].severity, Severity::Error);
    }

    #[test]
    fn later_options_add_to_earlier_ones() {
        let mut options = RuleOptions {
            ignore: vec![Code::Placeholder],
            severity: vec![(Code::UnknownField, Severity::Error)],
            ..Default::default()
        };
        options.extend(&RuleOptions {
            ignore: vec![Code::Placeholder, Code::DisputedField],
            severity: vec![(Code::UnknownField, Severity::Info)],
            select: None,
        });
        assert_eq!(options.ignore, [Code::Placeholder, Code::DisputedField]);
        assert_eq!(options.severity, [(Code::UnknownField, Severity::Info)]);
    }

    #[test]
    fn names_are_checked_with_a_suggestion() {
        assert_eq!(
            parse_codes("placeholdr", false).unwrap_err(),
            "unknown rule code `placeholdr`; did you mean `placeholder`?"
        );
        assert!(parse_codes("syntax", true).unwrap_err().contains("cannot be ignored"));
        assert_eq!(parse_codes("syntax", false), Ok(vec![Code::Syntax]));
        let keys =
            vec![Code::PrivateKeyNewlines, Code::PrivateKeyFormat, Code::PrivateKeyStructure, Code::PrivateKeyPassword];
        assert_eq!(parse_codes("private-key", true), Ok(keys.clone()));
        assert_eq!(parse_codes("private", true), Ok(keys));
        assert!(parse_codes("private-k", true).is_err(), "a group ends where a word does");
        assert!(parse_codes("input", true).is_err(), "a group has two rules at least");
        assert_eq!(groups(), ["duplicate", "private", "private-key", "unknown"]);
        assert_eq!(parse_severity("warn").unwrap_err(), "unknown severity `warn`; did you mean `warning`?");
    }
}
