//! Settling the findings of all rules into one report: which finding explains which, declared in
//! one table, then text order and one copy of each.

use crate::diagnostic::Diagnostic;
use crate::document::Node;
use crate::kind::Technology;
use crate::model::twins::twin_of;
use crate::rules::Code;

/// What settling knows besides the findings.
pub struct Facts<'a> {
    pub root: Option<&'a Node<'a>>,
    pub technology: Option<Technology>,
}

/// One precedence: findings it drops because another finding (or a fact) already explains them.
pub struct Precedence {
    pub says: &'static str,
    pub apply: fn(&Facts, &mut Vec<Diagnostic>),
}

/// Every precedence between findings, applied in this order. (Schema violations that only echo
/// another violation, as `unevaluatedProperties` does for a member whose value failed, are never
/// made into findings: `crate::schemas` drops them while reading the validator's output.)
pub const PRECEDENCE: &[Precedence] = &[
    Precedence {
        says: "a value that could not be read (a syntax finding), or a template value (a template note), explains every other finding at or below it",
        apply: drop_inside_unreadable_values,
    },
    Precedence {
        says: "a wrong-type or invalid-value error at P, or at P's twin, explains a mismatch at P",
        apply: drop_mismatches_already_explained,
    },
    Precedence {
        says: "a finding at the connection side of a mismatch (a malformed value) withdraws the mismatch's fix, which would copy the malformed value over its twin",
        apply: withhold_copies_of_malformed_values,
    },
    Precedence {
        says: "a body written in another API's shape (api-shape at P) explains the unknown-field, wrong-type, invalid-value and mismatch findings at or below P",
        apply: drop_findings_of_another_shape,
    },
];

/// Applies [`PRECEDENCE`], then sorts by position and drops repeated findings.
pub fn settle(facts: &Facts, findings: &mut Vec<Diagnostic>) {
    if facts.root.is_some() {
        for precedence in PRECEDENCE {
            (precedence.apply)(facts, findings);
        }
    }
    findings.sort_by(|a, b| {
        (a.span.start, a.span.end, a.severity, a.code.as_str()).cmp(&(
            b.span.start,
            b.span.end,
            b.severity,
            b.code.as_str(),
        ))
    });
    findings.dedup_by(|a, b| a.code == b.code && a.span == b.span && a.message == b.message);
}

fn drop_inside_unreadable_values(facts: &Facts, findings: &mut Vec<Diagnostic>) {
    let Some(root) = facts.root else { return };
    let invalid = invalid_pointers(root);
    if !invalid.is_empty() {
        findings.retain(|d| {
            matches!(d.code, Code::Syntax | Code::Template) || !invalid.iter().any(|at| at_or_below(&d.pointer, at))
        });
    }
}

fn drop_mismatches_already_explained(facts: &Facts, findings: &mut Vec<Diagnostic>) {
    let wrong: Vec<String> = findings
        .iter()
        .filter(|d| (d.code == Code::WrongType || d.code == Code::InvalidValue) && d.severity == crate::Severity::Error)
        .map(|d| d.pointer.clone())
        .collect();
    findings.retain(|d| {
        d.code != Code::Mismatch
            || !(wrong.contains(&d.pointer)
                || twin_of(&d.pointer, facts.technology).is_some_and(|twin| wrong.iter().any(|w| w == twin)))
    });
}

/// The rules that judge a value: a finding of one says the value itself is malformed (or, for
/// `invalid-value`, not one Immuta documents).
const MALFORMED_VALUE_CODES: [Code; 12] = [
    Code::InvalidValue,
    Code::HostFormat,
    Code::HttpPath,
    Code::AwsFormat,
    Code::CredentialFormat,
    Code::IdentifierFormat,
    Code::GcpFormat,
    Code::Whitespace,
    Code::UnusualPort,
    Code::PrivateKeyFormat,
    Code::PrivateKeyStructure,
    Code::PrivateKeyNewlines,
];

// The signature of every precedence (the others drop findings); this one only edits them.
#[allow(clippy::ptr_arg)]
fn withhold_copies_of_malformed_values(facts: &Facts, findings: &mut Vec<Diagnostic>) {
    let malformed: Vec<String> = findings
        .iter()
        .filter(|d| MALFORMED_VALUE_CODES.contains(&d.code) && d.severity <= crate::Severity::Warning)
        .map(|d| d.pointer.clone())
        .collect();
    for finding in findings.iter_mut().filter(|d| d.code == Code::Mismatch && d.fix.is_some()) {
        let Some(source) = twin_of(&finding.pointer, facts.technology) else { continue };
        if malformed.iter().any(|m| m == source) {
            finding.fix = None;
            let note = format!(
                "; {} has a problem of its own (see its finding): correct it first, then make both the same",
                crate::rules::field(source)
            );
            finding.help = Some(finding.help.take().unwrap_or_default() + &note);
        }
    }
}

fn drop_findings_of_another_shape(_: &Facts, findings: &mut Vec<Diagnostic>) {
    let shapes: Vec<String> = findings.iter().filter(|d| d.code == Code::ApiShape).map(|d| d.pointer.clone()).collect();
    if shapes.is_empty() {
        return;
    }
    let explained = [Code::UnknownField, Code::WrongType, Code::InvalidValue, Code::Mismatch];
    findings.retain(|d| !(explained.contains(&d.code) && shapes.iter().any(|at| at_or_below(&d.pointer, at))));
}

/// The pointers of the values that could not be read (each already a syntax finding) and of
/// template values, found in one walk so that filtering many findings against them stays linear.
fn invalid_pointers(root: &Node) -> Vec<String> {
    let mut found = Vec::new();
    root.walk(&mut |path, node| {
        if node.is_opaque() {
            found.push(path.pointer());
        }
    });
    found
}

/// Whether `pointer` is `at` or below it.
fn at_or_below(pointer: &str, at: &str) -> bool {
    pointer.strip_prefix(at).is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}
