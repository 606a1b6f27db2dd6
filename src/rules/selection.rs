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

/// The rule `code` names, or a message with a did-you-mean; `for_ignoring` refuses the rules that
/// are always reported.
pub fn parse_code(code: &str, for_ignoring: bool) -> Result<Code, String> {
    let found = Code::find(code).ok_or_else(|| {
        suggest::unknown("rule code", code, Code::ALL.iter().map(|c| c.as_str()), || {
            "`immuta-preflight rules` lists them".into()
        })
    })?;
    if for_ignoring && ALWAYS_REPORTED.contains(&found) {
        return Err(format!("`{found}` cannot be ignored: its findings say that a file was not wholly checked"));
    }
    Ok(found)
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
            parse_code("placeholdr", false).unwrap_err(),
            "unknown rule code `placeholdr`; did you mean `placeholder`?"
        );
        assert!(parse_code("syntax", true).unwrap_err().contains("cannot be ignored"));
        assert_eq!(parse_code("syntax", false), Ok(Code::Syntax));
        assert_eq!(parse_severity("warn").unwrap_err(), "unknown severity `warn`; did you mean `warning`?");
    }
}
