//! The field catalogue, as the rules read it. Every fact about a field is declared once, in the
//! schema files (`src/core/schemas/*.json`): JSON Schema keywords for its type, whether it is required
//! and its values, and the catalogue's `x-` keywords for the rest (`x-form`, `x-twin`,
//! `x-secret`, `x-key`, `x-recommended`, `x-missing`, `x-source`). `build.rs` turns the `x-`
//! keywords into [`FACTS`]; the tables in `crate::model` (value sites, twins, key sites, secret
//! names) are worked out from them here, once per process.

use crate::kind::{Kind, Technology};
pub use immuta_preflight_schemas::{FACTS, Fact, Missing, OUTLINE, Outline, Recommended};
use std::collections::HashMap;
use std::sync::OnceLock;

/// The technology of a row.
pub fn technology(fact: &Fact) -> Option<Technology> {
    Technology::ALL.into_iter().find(|t| t.slug() == fact.technology)
}

/// The rows that hold for a payload of `kind` checked against `variant`: those of a variant that
/// has the field. A variant with no schema (`schemas::compiled` reports it) gets the rows of its
/// technology and payload kind, so that what does not need the schema is still checked.
pub fn facts_for(kind: Kind, variant: &str) -> impl Iterator<Item = &'static Fact> + '_ {
    let known = rows_by_variant().get(variant).map_or(&[][..], Vec::as_slice);
    // Only a variant without a schema (an internal failure) is matched by name.
    let unknown = !immuta_preflight_schemas::NAMES.contains(&variant);
    let alike = move |other: &str| other.split('-').take(2).eq(variant.split('-').take(2));
    let by_name = FACTS.iter().filter(move |fact| unknown && fact.variants.iter().any(|v| alike(v)));
    known
        .iter()
        .copied()
        .chain(by_name)
        .filter(move |fact| fact.missing.as_ref().is_none_or(|m| m.kinds.is_empty() || m.kinds.contains(&kind.id())))
}

/// Each variant's rows, worked out once per process: a check then looks its variant up once
/// instead of comparing names row by row.
fn rows_by_variant() -> &'static HashMap<&'static str, Vec<&'static Fact>> {
    static ROWS: OnceLock<HashMap<&'static str, Vec<&'static Fact>>> = OnceLock::new();
    ROWS.get_or_init(|| {
        let mut rows: HashMap<&'static str, Vec<&'static Fact>> = HashMap::new();
        for fact in FACTS {
            for variant in fact.variants {
                rows.entry(variant).or_default().push(fact);
            }
        }
        rows
    })
}

/// The parent object's pointer and the member name of a field's pointer.
pub fn split(pointer: &'static str) -> (&'static str, &'static str) {
    pointer.rsplit_once('/').unwrap_or(("", pointer))
}

/// `x-form` names whose values a rule of their own checks (not the value layer's `Form`s):
/// platform names (`type`, `technology`), `connectionKey`, the Databricks catalog and the BigQuery
/// key file.
pub const RULE_FORMS: [&str; 4] = ["platform", "connection-key", "catalog-name", "service-account-key"];

/// The pointers of the fields whose form is `form`, in any payload (worked out once per process).
pub fn pointers_of_form(form: &str) -> &'static [&'static str] {
    static POINTERS: OnceLock<HashMap<&'static str, Vec<&'static str>>> = OnceLock::new();
    let all = POINTERS.get_or_init(|| {
        let mut all: HashMap<&'static str, Vec<&'static str>> = HashMap::new();
        for fact in FACTS {
            let Some(form) = fact.form else { continue };
            let pointers = all.entry(form).or_default();
            if !pointers.contains(&fact.pointer) {
                pointers.push(fact.pointer);
            }
        }
        all
    });
    all.get(form).map_or(&[], Vec::as_slice)
}

/// The catalogue's row for `pointer` in `variant`, if the field has one.
pub fn fact_at(variant: &str, pointer: &str) -> Option<&'static Fact> {
    rows_by_variant().get(variant)?.iter().copied().find(|f| f.pointer == pointer)
}

/// The form the catalogue declares for `pointer` in `variant`.
pub fn form_at(variant: &str, pointer: &str) -> Option<&'static str> {
    fact_at(variant, pointer).and_then(|f| f.form)
}

/// Whether a `connection.technology` names a technology that Immuta registers as a connection but
/// publishes no API body for (letter case, spaces, `-` and `_` aside).
pub fn is_outline_technology(value: &str) -> bool {
    let squeeze = |text: &str| -> String {
        text.chars().filter(|c| !matches!(c, ' ' | '-' | '_')).flat_map(char::to_lowercase).collect()
    };
    let value = squeeze(value);
    OUTLINE.names.iter().any(|name| squeeze(name) == value)
}
