//! The field catalogue as data ([`entries`]: every field of a variant with everything declared
//! about it) and as the users' field reference ([`markdown`], `docs/fields.md`, kept true by a
//! test). The mutation tests derive their mutations from [`entries`].

use super::schemas;
use crate::kind::{Kind, Technology};
use crate::model::key_sites;
use serde_json::Value;
use std::fmt::Write;

/// One field of one variant, with every fact the catalogue declares about it.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// `/connection/hostname`; `/*` stands for every item of an array.
    pub pointer: String,
    pub required: bool,
    /// The JSON types allowed (empty: not constrained).
    pub types: Vec<String>,
    /// The values `enum` or `const` allow.
    pub values: Option<Vec<Value>>,
    /// A `pattern` the value must match.
    pub pattern: Option<String>,
    /// `x-form`.
    pub form: Option<String>,
    /// The `connection` field it must equal.
    pub twin: Option<String>,
    pub secret: bool,
    /// It holds a private key (`x-key`, or the `content` of a key object).
    pub key: bool,
    /// An object that takes no member besides those declared.
    pub closed: bool,
    /// `x-recommended`: the recommended value.
    pub recommended: Option<Value>,
    /// `x-missing`: a missing value is only a warning.
    pub soft: bool,
    pub source: Option<String>,
    pub description: Option<String>,
}

/// Every field of `variant` (parents before children; the root first, as the pointer ""), or none
/// if there is no such variant.
pub fn entries(variant: &str) -> Vec<Entry> {
    let catalog = &schemas().catalog;
    catalog
        .fields(variant)
        .into_iter()
        .map(|field| Entry {
            pointer: field.pointer.clone(),
            required: field.required,
            types: field.types().into_iter().map(str::to_string).collect(),
            values: field.values().map(|values| values.into_iter().cloned().collect()),
            pattern: field.keyword("pattern").and_then(Value::as_str).map(str::to_string),
            form: field.keyword("x-form").and_then(Value::as_str).map(str::to_string),
            twin: field.twin.clone(),
            secret: field.keyword("x-secret").and_then(Value::as_bool).unwrap_or(false),
            key: key_sites::site(&field.pointer).is_some(),
            closed: field.parts.iter().any(|p| {
                p.get("unevaluatedProperties") == Some(&Value::Bool(false))
                    || p.get("additionalProperties") == Some(&Value::Bool(false))
            }),
            recommended: field.keyword("x-recommended").and_then(|r| r.get("value")).cloned(),
            soft: field.keyword("x-missing").is_some(),
            source: field.source.map(str::to_string),
            description: field.keyword("description").and_then(Value::as_str).map(str::to_string),
        })
        .collect()
}

/// The kind and technology of a variant's name, and the authentication type it stands for.
pub fn describe(variant: &str) -> Option<(Vec<Kind>, Option<Technology>, Option<&str>)> {
    let mut parts = variant.splitn(3, '-');
    let kinds = match parts.next()? {
        "integration" => vec![Kind::Integration, Kind::IntegrationScript],
        "connection" => vec![Kind::Connection],
        "update" => vec![Kind::ConnectionUpdate],
        _ => return None,
    };
    let technology = parts.next().and_then(|slug| Technology::ALL.into_iter().find(|t| t.slug() == slug));
    Some((kinds, technology, parts.next().filter(|auth| *auth != "any")))
}

/// The field reference for users: per payload kind and technology, every field with its type,
/// whether it is required, its values, form, twin and source.
pub fn markdown() -> String {
    let mut out = String::from(
        "# Field reference\n\n\
         Every field immuta-preflight knows, per payload and technology, generated from the field catalogue \
         (`src/core/schemas/*.json`; see docs/development.md, \"How to add a field\"). Do not edit: `make docs` writes it, \
         and a test fails when it is out of date.\n\n\
         Columns: **required** (`yes`, `warn` when a missing value is only a warning, or empty); **values** \
         (the values allowed); **form** (the value's form, checked by the value rules); **must equal** (the \
         `connection` field a `nativeIntegration` field must equal); **auth** (the authentication types \
         the field belongs to, when not all). Secrets are marked 🔒; their values never appear in output. \
         Sources: [D] documented, [I] inferred, [R] unconfirmed.\n",
    );
    let names = super::variant_names();
    for prefix in ["integration", "connection", "update"] {
        for technology in Technology::ALL {
            let variants: Vec<&String> = names
                .iter()
                .filter(|name| describe(name).is_some_and(|(_, t, _)| t == Some(technology)))
                .filter(|name| name.starts_with(&format!("{prefix}-")))
                .collect();
            if variants.is_empty() {
                continue;
            }
            let title = match prefix {
                "integration" => {
                    "Integration (`POST /integrations`, `PUT /integrations/{id}`, `POST /integrations/scripts/create`)"
                }
                "connection" => "Connection (`POST /data/connection`, `POST /data/connection/test`)",
                _ => "Connection update (`PUT /data/connection/{connectionKey}`)",
            };
            let _ = write!(out, "\n## {title}: {}\n\n", technology.name());
            table(&mut out, &variants);
        }
    }
    out
}

/// One table for the variants of one kind and technology: a row per field, with the
/// authentication types that have it when not all do.
fn table(out: &mut String, variants: &[&String]) {
    let documented: Vec<(&str, Vec<Entry>)> = variants
        .iter()
        .filter_map(|v| describe(v).map(|(_, _, auth)| (auth.unwrap_or(""), entries(v))))
        .filter(|(auth, _)| !auth.is_empty() || variants.len() == 1)
        .collect();
    let mut rows: Vec<(Entry, Vec<&str>)> = Vec::new();
    for (auth, entries) in &documented {
        for entry in entries.iter().filter(|e| !e.pointer.is_empty()) {
            match rows.iter_mut().find(|(e, _)| e.pointer == entry.pointer) {
                Some((_, auths)) => auths.push(auth),
                None => rows.push((entry.clone(), vec![auth])),
            }
        }
    }
    rows.sort_by(|(a, _), (b, _)| a.pointer.cmp(&b.pointer));
    out.push_str(
        "| field | type | required | values | form | must equal | auth | source |\n|---|---|---|---|---|---|---|---|\n",
    );
    for (entry, auths) in rows {
        let auth = if auths.len() == documented.len() { String::new() } else { auths.join(", ") };
        let required = if entry.required {
            "yes"
        } else if entry.soft {
            "warn"
        } else {
            ""
        };
        let mut values = entry
            .values
            .as_ref()
            .map_or(String::new(), |values| values.iter().map(|v| format!("`{v}`")).collect::<Vec<_>>().join(" "));
        if let Some(recommended) = &entry.recommended {
            values.push_str(&format!("recommended: `{recommended}`"));
        }
        let secret = if entry.secret { " 🔒" } else { "" };
        let _ = writeln!(
            out,
            "| `{}`{secret} | {} | {required} | {values} | {} | {} | {auth} | {} |",
            entry.pointer,
            entry.types.join(", "),
            entry.form.as_deref().unwrap_or(""),
            entry.twin.as_deref().map_or(String::new(), |t| format!("`{t}`")),
            entry.source.as_deref().unwrap_or("").replace('|', "\\|"),
        );
    }
}
