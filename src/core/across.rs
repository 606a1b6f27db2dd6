//! The checks across files, run when several payloads are checked together: a connection key
//! registered twice (`duplicate-connection-key`), an integration configured twice on one host
//! (`duplicate-integration`), and a setup-script request that disagrees with the payload that
//! registers its integration (`script-mismatch`). Each report keeps the few values these compare
//! ([`Fact`]s, from the table in [`crate::model::across`]); each finding is on the later file and
//! names the other file's place in [`Diagnostic::related`].

use crate::diagnostic::{Diagnostic, Location, Related, Span};
use crate::document::Node;
use crate::kind::{Kind, Technology};
use crate::model::across::{
    AUTO_BOOTSTRAP, CONNECTION_KEY, Confidence, INTEGRATION_IDENTITY, SCRIPT_TWINS, ScriptTwin, fact_pointers,
};
use crate::position::LineIndex;
use crate::rules::{Code, field, truncate};
use crate::{Report, RuleOptions};
use std::cell::OnceCell;
use std::collections::HashMap;

/// A string value at a pointer of the table, and where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fact {
    pub pointer: &'static str,
    pub value: String,
    pub span: Span,
}

/// The facts of a payload of `kind`: strings, and booleans as `true`/`false` (a template value is
/// neither, and is not compared).
pub fn facts(root: &Node, kind: Kind) -> Vec<Fact> {
    fact_pointers(kind)
        .iter()
        .filter_map(|&pointer| {
            let node = root.pointer(pointer)?;
            let value = match node.as_bool() {
                Some(flag) => flag.to_string(),
                None => node.as_str()?.to_string(),
            };
            Some(Fact { pointer, value, span: node.span })
        })
        .collect()
}

/// One checked file.
pub struct Checked<'a> {
    pub path: &'a str,
    pub source: &'a str,
    pub report: &'a Report,
    /// The source's lines, indexed on the first finding that needs a position in this file.
    lines: OnceCell<LineIndex<'a>>,
}

impl<'a> Checked<'a> {
    pub fn new(path: &'a str, source: &'a str, report: &'a Report) -> Self {
        Checked { path, source, report, lines: OnceCell::new() }
    }

    fn location(&self, span: Span) -> Location {
        self.lines.get_or_init(|| LineIndex::new(self.source)).location(span)
    }
}

impl Checked<'_> {
    fn fact(&self, pointer: &str) -> Option<&Fact> {
        self.report.facts.iter().find(|f| f.pointer == pointer)
    }

    fn first_fact(&self, pointers: &[&str]) -> Option<&Fact> {
        pointers.iter().find_map(|p| self.fact(p))
    }

    fn technology(&self) -> Option<Technology> {
        let name = self.report.technology?;
        Technology::ALL.into_iter().find(|t| t.name() == name)
    }
}

/// The findings across `files`, each with the index of the file it is on.
pub fn check(files: &[Checked]) -> Vec<(usize, Diagnostic)> {
    let mut found = Vec::new();
    duplicate_connection_keys(files, &mut found);
    duplicate_integrations(files, &mut found);
    script_mismatches(files, &mut found);
    found
}

fn duplicate_connection_keys(files: &[Checked], found: &mut Vec<(usize, Diagnostic)>) {
    let mut first: HashMap<&str, (usize, &Fact)> = HashMap::new();
    for (index, file) in files.iter().enumerate().filter(|(_, f)| f.report.kind == Some(Kind::Connection)) {
        let Some(key) = file.fact(CONNECTION_KEY) else { continue };
        match first.get(key.value.as_str()) {
            Some(&(earlier, earlier_key)) => {
                let message = format!(
                    "the connection key `{}` is also registered by {}; Immuta refuses a second registration of a key",
                    shown(file, key),
                    files[earlier].path
                );
                let related = related(&files[earlier], earlier_key.span, "the first registration of this key");
                let finding = Diagnostic::new(Code::DuplicateConnectionKey, CONNECTION_KEY, key.span, message)
                    .with_help("give this connection its own key; to change the registered one, send a connection update (PUT /data/connection/{connectionKey})");
                found.push((index, located(file, finding, related)));
            }
            None => {
                first.insert(&key.value, (index, key));
            }
        }
    }
}

fn duplicate_integrations(files: &[Checked], found: &mut Vec<(usize, Diagnostic)>) {
    let mut first: HashMap<(&str, String), (usize, &Fact)> = HashMap::new();
    for (index, file) in files.iter().enumerate().filter(|(_, f)| f.report.kind == Some(Kind::Integration)) {
        let Some(technology) = file.technology() else { continue };
        for identity in INTEGRATION_IDENTITY.iter().filter(|i| i.technology == technology) {
            let Some(fact) = file.fact(identity.pointer) else { continue };
            let same = (identity.pointer, normalized(&fact.value, identity.as_host));
            match first.get(&same) {
                Some(&(earlier, earlier_fact)) => {
                    let message = format!(
                        "a {} integration {} `{}` is also configured by {}; Immuta answers the second with {}",
                        technology.name(),
                        identity.says,
                        shown(file, fact),
                        files[earlier].path,
                        identity.answer
                    );
                    let related = related(&files[earlier], earlier_fact.span, "the first configuration");
                    let mut finding = Diagnostic::new(Code::DuplicateIntegration, identity.pointer, fact.span, message)
                        .with_help(
                            "keep one configuration per integration; to change the existing one, send PUT /integrations/{id}. \
                             If one of the two is a setup-script request (scripts/create), say so: `--kind integration-script`, \
                             or `kind = \"integration-script\"` in an [[overrides]] of immuta-preflight.toml",
                        );
                    if identity.confidence == Confidence::Inferred {
                        finding = finding.as_warning();
                    }
                    found.push((index, located(file, finding, related)));
                }
                None => {
                    first.insert(same, (index, fact));
                }
            }
        }
    }
}

fn script_mismatches(files: &[Checked], found: &mut Vec<(usize, Diagnostic)>) {
    let is_partner = |f: &Checked| matches!(f.report.kind, Some(Kind::Connection | Kind::Integration));
    let host = &SCRIPT_TWINS[0];
    for (script_index, script) in
        files.iter().enumerate().filter(|(_, f)| f.report.kind == Some(Kind::IntegrationScript))
    {
        let Some(technology) = script.technology() else { continue };
        let partners: Vec<usize> =
            (0..files.len()).filter(|&i| is_partner(&files[i]) && files[i].technology() == Some(technology)).collect();
        let same_host: Vec<usize> = partners
            .iter()
            .copied()
            .filter(|&i| compared(host, script, &files[i]).is_some_and(|(_, _, different)| !different))
            .collect();
        let scripts_of_technology = files
            .iter()
            .filter(|f| f.report.kind == Some(Kind::IntegrationScript) && f.technology() == Some(technology))
            .count();
        let paired = if !same_host.is_empty() {
            same_host
        } else if partners.len() == 1 && scripts_of_technology == 1 {
            partners
        } else {
            Vec::new()
        };
        for partner in paired {
            let by_hand = files[partner].first_fact(AUTO_BOOTSTRAP).is_none_or(|f| f.value == "false");
            for twin in SCRIPT_TWINS.iter().filter(|t| by_hand || !t.manual_only) {
                if let Some((ours, theirs, true)) = compared(twin, script, &files[partner]) {
                    found.push(mismatch(files, twin, (script_index, ours), (partner, theirs)));
                }
            }
        }
    }
}

/// The script's and its partner's values of `twin`, and whether they disagree; `None` when
/// either lacks it.
fn compared<'a>(twin: &ScriptTwin, script: &'a Checked, partner: &'a Checked) -> Option<(&'a Fact, &'a Fact, bool)> {
    let (ours, theirs) = (script.first_fact(twin.script)?, partner_fact(twin, partner)?);
    let (a, b) = if twin.host {
        (normalized(&ours.value, true), normalized(&theirs.value, true))
    } else if twin.case_sensitive {
        (ours.value.trim().to_string(), theirs.value.trim().to_string())
    } else {
        (ours.value.trim().to_lowercase(), theirs.value.trim().to_lowercase())
    };
    Some((ours, theirs, a != b))
}

fn partner_fact<'a>(twin: &ScriptTwin, partner: &'a Checked) -> Option<&'a Fact> {
    match partner.report.kind {
        Some(Kind::Connection) => partner.first_fact(twin.connection),
        _ => partner.first_fact(twin.script),
    }
}

/// The finding on the later of the two files, naming the other.
fn mismatch(
    files: &[Checked],
    twin: &ScriptTwin,
    script: (usize, &Fact),
    partner: (usize, &Fact),
) -> (usize, Diagnostic) {
    let ((on, fact), (other, other_fact)) = if script.0 > partner.0 { (script, partner) } else { (partner, script) };
    let script = script.0;
    let other_is = if other == script {
        "the setup-script request"
    } else {
        "the payload that registers this script's integration,"
    };
    let message = format!(
        "the {} is `{}` here but `{}` in {other_is} {}",
        twin.name,
        shown(&files[on], fact),
        shown(&files[other], other_fact),
        files[other].path
    );
    let help = format!(
        "the script is written for the values of its request: use the same {} in both ({} here), and run the script again if it was made from the wrong one",
        twin.name,
        field(fact.pointer)
    );
    let related = related(&files[other], other_fact.span, &format!("the {} there", twin.name));
    let finding = Diagnostic::new(Code::ScriptMismatch, fact.pointer, fact.span, message).with_help(help);
    (on, located(&files[on], finding, related))
}

/// A fact's value for a message: cut to 60 characters, and `[REDACTED]` if any of it is masked
/// in its file (a host holding `user:password@`, say).
fn shown(file: &Checked, fact: &Fact) -> String {
    let masked = file.report.redactions.iter().any(|r| r.start < fact.span.end && fact.span.start < r.end);
    if masked { crate::secrets::REDACTED.to_string() } else { truncate(&fact.value, 60) }
}

/// As a host: without scheme, trailing `/` or letter case; otherwise only trimmed.
fn normalized(value: &str, host: bool) -> String {
    let value = value.trim();
    if !host {
        return value.to_string();
    }
    let lower = value.to_ascii_lowercase();
    let bare = lower.strip_prefix("https://").or_else(|| lower.strip_prefix("http://")).unwrap_or(&lower);
    bare.trim_end_matches('/').to_string()
}

fn related(file: &Checked, span: Span, message: &str) -> Related {
    Related { path: file.path.to_string(), span, location: file.location(span), message: message.to_string() }
}

fn located(file: &Checked, mut finding: Diagnostic, related: Related) -> Diagnostic {
    finding.location = file.location(finding.span);
    finding.related.push(related);
    finding
}

/// Adds a finding of [`check`] to the report of its file (`text`), under that file's rule options
/// and its inline ignore comments, in text order (after the findings at the same place).
pub fn add(report: &mut Report, text: &str, rules: &RuleOptions, finding: Diagnostic) {
    let mut kept = vec![finding];
    rules.apply(&mut kept);
    if report.format == crate::Format::Yaml {
        crate::pipeline::silence_inline(text, &mut kept);
    }
    for finding in kept {
        let place = (finding.span.start, finding.span.end);
        let at = report.diagnostics.partition_point(|d| (d.span.start, d.span.end) <= place);
        report.diagnostics.insert(at, finding);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Options, check as check_one};

    fn checked<'a>(files: &'a [(&'a str, &'a str, Report)]) -> Vec<Checked<'a>> {
        files.iter().map(|(path, source, report)| Checked::new(path, source, report)).collect()
    }

    fn run(texts: &[(&'static str, &'static str)]) -> Vec<(usize, Diagnostic)> {
        let files: Vec<(&str, &str, Report)> = texts
            .iter()
            .map(|(p, t)| {
                let kind = p.starts_with("script").then_some(Kind::IntegrationScript);
                (*p, *t, check_one(t, &Options { kind, ..Default::default() }))
            })
            .collect();
        check(&checked(&files))
    }

    const SNOWFLAKE: &str =
        r#"{"type": "Snowflake", "config": {"host": "acme.snowflakecomputing.com", "warehouse": "WH"}}"#;

    #[test]
    fn the_same_key_twice_is_on_the_later_file_with_the_earlier_place() {
        let a = "{\n  \"connectionKey\": \"acme\",\n  \"connection\": {\"technology\": \"Snowflake\"}\n}";
        let found = run(&[("a.json", a), ("b.json", a), ("c.json", &a[..0])]);
        assert_eq!(found.len(), 1);
        let (on, finding) = &found[0];
        assert_eq!((*on, finding.code), (1, Code::DuplicateConnectionKey));
        assert_eq!(finding.related[0].path, "a.json");
        assert_eq!((finding.related[0].location.line, finding.related[0].location.column), (2, 20));
        assert_eq!((finding.location.line, finding.location.column), (2, 20));
    }

    #[test]
    fn the_same_host_twice_is_a_duplicate_integration_whatever_its_spelling() {
        let other = r#"{"type": "Snowflake", "config": {"host": "https://ACME.snowflakecomputing.com/"}}"#;
        let found = run(&[("a.json", SNOWFLAKE), ("b.json", other)]);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].1.code, Code::DuplicateIntegration);
        assert_eq!(found[0].1.severity, crate::Severity::Error);
        assert!(found[0].1.message.contains("409"), "{}", found[0].1.message);
        let elsewhere = r#"{"type": "Snowflake", "config": {"host": "other.snowflakecomputing.com"}}"#;
        assert!(run(&[("a.json", SNOWFLAKE), ("b.json", elsewhere)]).is_empty());
    }

    #[test]
    fn a_value_holding_a_credential_is_not_quoted() {
        let with_password =
            r#"{"type": "Snowflake", "config": {"host": "https://admin:s3cretPw@acme.snowflakecomputing.com"}}"#;
        let again = r#"{"type": "Snowflake", "config": {"host": "acme.snowflakecomputing.com"}}"#;
        let found = run(&[("a.json", with_password), ("b.json", again), ("c.json", with_password)]);
        assert!(!found.is_empty());
        for (_, finding) in &found {
            assert!(!finding.message.contains("s3cretPw"), "{}", finding.message);
        }
    }

    #[test]
    fn a_script_and_its_integration_that_disagree_are_reported() {
        let script =
            r#"{"type": "Snowflake", "config": {"host": "acme.snowflakecomputing.com", "warehouse": "OTHER_WH"}}"#;
        let found = run(&[("script.json", script), ("integration.json", SNOWFLAKE)]);
        let Some((on, finding)) = found.iter().find(|(_, d)| d.code == Code::ScriptMismatch) else {
            panic!("no script-mismatch: {found:?}")
        };
        assert_eq!(*on, 1);
        assert_eq!(finding.pointer, "/config/warehouse");
        assert!(finding.message.contains("`WH` here but `OTHER_WH`"), "{}", finding.message);
        assert_eq!(finding.related[0].path, "script.json");
        let same = r#"{"type": "Snowflake", "config": {"host": "acme.snowflakecomputing.com", "warehouse": "wh"}}"#;
        assert!(
            run(&[("script.json", same), ("integration.json", SNOWFLAKE)])
                .iter()
                .all(|(_, d)| d.code != Code::ScriptMismatch)
        );
    }
}
