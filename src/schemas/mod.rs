//! The embedded JSON Schemas (one file per kind, plus `common.json`) and the code that runs them.
//!
//! All files share one `$defs` namespace. Rust picks a variant (`integration-snowflake-keyPair`,
//! `connection-databricks-token`, ...) and validates against `{"$defs": ..., "$ref": "#/$defs/<variant>"}`;
//! each variant's validator is compiled once, on first use. Editors get a self-contained document
//! per kind from [`schema_for`].

use crate::kind::Kind;
use jsonschema::Validator;
use jsonschema::error::ValidationErrorKind;
use serde_json::{Map, Value, json};
use std::collections::{BTreeSet, HashMap, HashSet};
use std::sync::{Arc, Mutex, OnceLock};

const FILES: [(&str, &str); 5] = [
    ("common", include_str!("common.json")),
    ("integration", include_str!("integration.json")),
    ("integration-script", include_str!("integration-script.json")),
    ("connection", include_str!("connection.json")),
    ("connection-update", include_str!("connection-update.json")),
];

struct Catalog {
    defs: Map<String, Value>,
    roots: HashMap<&'static str, Value>,
    /// Why a file could not be read, if one could not: then no variant is trusted to be whole.
    unreadable: Option<String>,
    compiled: Mutex<HashMap<String, Result<Arc<Compiled>, String>>>,
}

/// A variant's validator and the document it was compiled from (to read descriptions back).
pub struct Compiled {
    validator: Validator,
    document: Value,
}

fn catalog() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(|| {
        let mut defs = Map::new();
        let mut roots = HashMap::new();
        let mut unreadable = None;
        for (name, text) in FILES {
            // The files are part of the crate and parsed by a unit test; if one is unreadable all
            // the same, every check reports it (as `internal-error`) rather than checking less.
            let mut file = match serde_json::from_str::<Value>(text) {
                Ok(Value::Object(file)) => file,
                Ok(_) => {
                    unreadable.get_or_insert(format!("{name}.json is not a JSON object"));
                    continue;
                }
                Err(error) => {
                    unreadable.get_or_insert(format!("{name}.json does not parse: {error}"));
                    continue;
                }
            };
            if let Some(Value::Object(file_defs)) = file.remove("$defs") {
                defs.extend(file_defs);
            }
            if let Some(root) = file.remove("root") {
                roots.insert(name, root);
            }
        }
        Catalog { defs, roots, unreadable, compiled: Mutex::new(HashMap::new()) }
    })
}

/// The definitions reachable from `start` through `$ref`s.
fn reachable(defs: &Map<String, Value>, start: &Value) -> Map<String, Value> {
    let mut seen = BTreeSet::new();
    let mut stack = Vec::new();
    collect_refs(start, &mut stack);
    while let Some(name) = stack.pop() {
        if seen.insert(name.clone())
            && let Some(def) = defs.get(&name)
        {
            collect_refs(def, &mut stack);
        }
    }
    seen.into_iter().filter_map(|name| defs.get(&name).map(|d| (name, d.clone()))).collect()
}

fn collect_refs(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (key, v) in map {
                if key == "$ref"
                    && let Some(name) = v.as_str().and_then(|r| r.strip_prefix("#/$defs/"))
                {
                    out.push(name.to_string());
                }
                collect_refs(v, out);
            }
        }
        Value::Array(items) => items.iter().for_each(|v| collect_refs(v, out)),
        _ => {}
    }
}

/// The compiled validator of a variant (`$defs` name), or why there is none: the variant has no
/// definition, a definition it needs is missing, or the schema does not compile.
pub fn compiled(variant: &str) -> Result<Arc<Compiled>, String> {
    let catalog = catalog();
    let mut cache = catalog.compiled.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    if let Some(found) = cache.get(variant) {
        return found.clone();
    }
    let entry = compile(catalog, variant);
    cache.insert(variant.to_string(), entry.clone());
    entry
}

fn compile(catalog: &Catalog, variant: &str) -> Result<Arc<Compiled>, String> {
    if let Some(reason) = &catalog.unreadable {
        return Err(reason.clone());
    }
    if !catalog.defs.contains_key(variant) {
        return Err(format!("there is no schema named {variant}"));
    }
    let start = json!({ "$ref": format!("#/$defs/{variant}") });
    let defs = reachable(&catalog.defs, &start);
    let mut refs = Vec::new();
    defs.values().for_each(|def| collect_refs(def, &mut refs));
    if let Some(missing) = refs.iter().find(|name| !defs.contains_key(*name)) {
        return Err(format!("{variant} refers to {missing}, which no schema file defines"));
    }
    let document = json!({ "$defs": defs, "$ref": format!("#/$defs/{variant}") });
    let validator =
        jsonschema::draft202012::new(&document).map_err(|error| format!("{variant} does not compile: {error}"))?;
    Ok(Arc::new(Compiled { validator, document }))
}

/// The self-contained JSON Schema for a kind, for editors and other validators.
pub fn schema_for(kind: Kind) -> Value {
    let catalog = catalog();
    let root = catalog.roots.get(kind.id()).cloned().unwrap_or_else(|| json!({}));
    let mut document = Map::new();
    document.insert("$schema".into(), json!("https://json-schema.org/draft/2020-12/schema"));
    document.insert("$id".into(), json!(format!("https://immuta-preflight.dev/schemas/{}.json", kind.id())));
    let defs = reachable(&catalog.defs, &root);
    if let Value::Object(root) = root {
        document.extend(root);
    }
    document.insert("$defs".into(), Value::Object(defs));
    Value::Object(document)
}

/// One schema violation, in the terms the rules need.
#[derive(Debug, Clone, PartialEq)]
pub struct Violation {
    /// Pointer of the instance value the keyword failed on.
    pub pointer: String,
    pub problem: Problem,
    /// The most specific `description` on the schema path, if any: it becomes the help text.
    pub description: Option<String>,
    /// Member names the failing schema object declares (for did-you-mean on unknown fields).
    pub known: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Problem {
    Missing(String),
    WrongType(Vec<String>),
    NotAllowed(Vec<Value>),
    Range { minimum: Option<f64>, maximum: Option<f64> },
    Empty,
    Pattern,
    Unknown(Vec<String>),
    Other,
}

impl Compiled {
    pub fn violations(&self, instance: &Value) -> Vec<Violation> {
        let mut out = Vec::new();
        // Bounded: a million wrong items would otherwise cost a million violations.
        for error in self.validator.iter_errors(instance).take(crate::model::limits::MAX_FINDINGS) {
            let pointer = error.instance_path().as_str().to_string();
            let path = self.walk(error.evaluation_path().as_str());
            let holder = path.iter().rev().nth(1).copied();
            let mut description =
                path.iter().rev().skip(1).find_map(|node| node.get("description")?.as_str()).map(str::to_string);
            if let (ValidationErrorKind::Required { property }, Some(holder)) = (error.kind(), holder) {
                description = property.as_str().and_then(|name| self.property_description(holder, name));
            }
            let problem = match error.kind() {
                ValidationErrorKind::Required { property } => {
                    Problem::Missing(property.as_str().unwrap_or_default().to_string())
                }
                ValidationErrorKind::Type { .. } => {
                    Problem::WrongType(holder.and_then(|h| h.get("type")).map(type_names).unwrap_or_default())
                }
                ValidationErrorKind::Enum { options } => {
                    Problem::NotAllowed(options.as_array().cloned().unwrap_or_default())
                }
                ValidationErrorKind::Constant { expected_value } => {
                    Problem::NotAllowed(vec![(**expected_value).clone()])
                }
                ValidationErrorKind::Minimum { .. } | ValidationErrorKind::Maximum { .. } => Problem::Range {
                    minimum: holder.and_then(|h| h.get("minimum")).and_then(Value::as_f64),
                    maximum: holder.and_then(|h| h.get("maximum")).and_then(Value::as_f64),
                },
                ValidationErrorKind::MinLength { .. } => Problem::Empty,
                ValidationErrorKind::Pattern { .. } => Problem::Pattern,
                ValidationErrorKind::AdditionalProperties { unexpected }
                | ValidationErrorKind::UnevaluatedProperties { unexpected } => Problem::Unknown(unexpected.clone()),
                _ => Problem::Other,
            };
            let mut problem = problem;
            let known = match (&mut problem, holder) {
                (Problem::Unknown(names), Some(holder)) => {
                    let known = self.declared_properties(holder);
                    // A failed `allOf` branch yields no annotations in 2020-12, so its declared
                    // members come back as "unevaluated"; they are not unknown.
                    names.retain(|name| !known.contains(name));
                    known
                }
                _ => Vec::new(),
            };
            out.push(Violation { pointer, problem, description, known });
        }
        drop_unknowns_that_failed_elsewhere(&mut out);
        out
    }

    /// The schema nodes an evaluation path (`/$ref/allOf/0/properties/port/type`) passes through,
    /// following `$ref`s; the last one is the failing keyword's value.
    fn walk(&self, evaluation_path: &str) -> Vec<&Value> {
        let mut nodes = vec![&self.document];
        let mut node = &self.document;
        for token in evaluation_path.split('/').skip(1) {
            let token = token.replace("~1", "/").replace("~0", "~");
            let next = if token == "$ref" {
                node.get("$ref").and_then(Value::as_str).and_then(|r| self.resolve(r))
            } else {
                match node {
                    Value::Object(map) => map.get(&token),
                    Value::Array(items) => token.parse::<usize>().ok().and_then(|i| items.get(i)),
                    _ => None,
                }
            };
            let Some(next) = next else { break };
            node = next;
            nodes.push(node);
        }
        nodes
    }

    fn resolve(&self, reference: &str) -> Option<&Value> {
        self.document.get("$defs")?.get(reference.strip_prefix("#/$defs/")?)
    }

    /// A schema object and every object it pulls in through `$ref` and `allOf` (bounded).
    fn composed<'s>(&'s self, schema: &'s Value) -> Vec<&'s Value> {
        let mut found = Vec::new();
        let mut stack = vec![schema];
        while let Some(node) = stack.pop() {
            if found.len() > 64 {
                break;
            }
            found.push(node);
            if let Some(target) = node.get("$ref").and_then(Value::as_str).and_then(|r| self.resolve(r)) {
                stack.push(target);
            }
            if let Some(Value::Array(parts)) = node.get("allOf") {
                stack.extend(parts.iter());
            }
        }
        found
    }

    /// The `description` of member `name` as declared by a schema object (or by what it refers to).
    fn property_description(&self, schema: &Value, name: &str) -> Option<String> {
        self.composed(schema).into_iter().find_map(|node| {
            let property = node.get("properties")?.get(name)?;
            let target = property.get("$ref").and_then(Value::as_str).and_then(|r| self.resolve(r));
            let found = property.get("description").or_else(|| target?.get("description"));
            found.and_then(Value::as_str).map(str::to_string)
        })
    }

    /// Member names a schema object declares, through `allOf` and `$ref`.
    fn declared_properties(&self, schema: &Value) -> Vec<String> {
        let mut names: Vec<String> = self
            .composed(schema)
            .into_iter()
            .filter_map(|node| node.get("properties")?.as_object())
            .flat_map(|properties| properties.keys().cloned())
            .collect();
        names.sort();
        names.dedup();
        names
    }
}

fn type_names(value: &Value) -> Vec<String> {
    match value {
        Value::String(s) => vec![s.clone()],
        Value::Array(items) => items.iter().filter_map(|v| v.as_str().map(str::to_string)).collect(),
        _ => Vec::new(),
    }
}

/// `unevaluatedProperties` also lists members whose own value failed (a failed subschema gives
/// no annotations); those already have a precise error of their own.
fn drop_unknowns_that_failed_elsewhere(violations: &mut Vec<Violation>) {
    // Every failed pointer and each of its ancestors, so that each name is one lookup however
    // many violations there are.
    let mut failed_at_or_below: HashSet<String> = HashSet::new();
    for violation in violations.iter().filter(|v| !matches!(v.problem, Problem::Unknown(_))) {
        let mut pointer = violation.pointer.as_str();
        while failed_at_or_below.insert(pointer.to_string()) {
            let Some((parent, _)) = crate::document::split_pointer(pointer) else { break };
            pointer = parent;
        }
    }
    for violation in violations.iter_mut() {
        if let Problem::Unknown(names) = &mut violation.problem {
            let parent = &violation.pointer;
            names.retain(|name| !failed_at_or_below.contains(&crate::document::join(parent, name)));
        }
    }
    violations.retain(|v| !matches!(&v.problem, Problem::Unknown(names) if names.is_empty()));
}

/// Names of every variant definition, for tests and tooling.
pub fn variant_names() -> Vec<String> {
    let prefixes = ["integration-", "connection-", "update-"];
    catalog()
        .defs
        .keys()
        .filter(|name| prefixes.iter().any(|p| name.starts_with(p)))
        .filter(|name| {
            !name.starts_with("connection-object-")
                && !name.starts_with("connection-oauth")
                && *name != "connection-top"
                && *name != "integration-top"
        })
        .cloned()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_file_parses_and_every_reference_resolves() {
        for (name, text) in FILES {
            let parsed: Value = serde_json::from_str(text).unwrap_or_else(|e| panic!("{name}.json: {e}"));
            let mut refs = Vec::new();
            collect_refs(&parsed, &mut refs);
            for r in refs {
                assert!(catalog().defs.contains_key(&r), "{name}.json refers to missing definition {r}");
            }
        }
    }

    #[test]
    fn every_variant_compiles() {
        let names = variant_names();
        assert!(names.len() > 30, "{names:?}");
        for name in names {
            if let Err(reason) = compiled(&name) {
                panic!("variant {name}: {reason}");
            }
        }
    }

    #[test]
    fn a_variant_without_a_schema_is_an_error_not_silence() {
        let reason = compiled("connection-snowflake-carrierPigeon").err().expect("no such schema");
        assert!(reason.contains("no schema named connection-snowflake-carrierPigeon"), "{reason}");
    }

    #[test]
    fn exported_schemas_are_self_contained_and_valid() {
        for kind in Kind::ALL {
            let schema = schema_for(kind);
            assert!(jsonschema::draft202012::new(&schema).is_ok(), "{}", kind.id());
            let mut refs = Vec::new();
            collect_refs(&schema, &mut refs);
            for r in refs {
                assert!(schema["$defs"].get(&r).is_some(), "{}: {r} not bundled", kind.id());
            }
        }
    }

    #[test]
    fn violations_carry_pointer_description_and_known_fields() {
        let instance = json!({"type": "Trino", "config": {}});
        let violations = compiled("integration-trino").expect("compiles").violations(&instance);
        assert_eq!(violations.len(), 1);
        assert_eq!(violations[0].problem, Problem::Unknown(vec!["config".into()]));
        assert_eq!(violations[0].known, vec!["type".to_string()]);
        let port = json!({"type": "Redshift", "autoBootstrap": true, "config": {"host": "h", "database": "d", "initialDatabase": "i", "authenticationType": "userPassword", "username": "u", "password": "p", "port": "5439"}});
        let violations = compiled("integration-redshift-userPassword").expect("compiles").violations(&port);
        assert_eq!(violations.len(), 1, "{violations:?}");
        assert_eq!(violations[0].pointer, "/config/port");
        assert_eq!(violations[0].problem, Problem::WrongType(vec!["integer".into()]));
        assert!(violations[0].description.as_deref().unwrap_or_default().contains("0 to 65535"));
    }
}
