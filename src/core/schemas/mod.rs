//! The embedded JSON Schemas (one file per kind, plus `common.json`) and the code that runs them.
//!
//! All files share one `$defs` namespace. Rust picks a variant (`integration-snowflake-keyPair`,
//! `connection-databricks-token`, ...) and validates against `{"$defs": ..., "$ref": "#/$defs/<variant>"}`;
//! each variant's validator is compiled once, on first use. Editors get a self-contained document
//! per kind from [`schema_for`].

use crate::document::Node;
use crate::kind::Kind;
use catalog::Catalog;
use jsonschema::error::ValidationErrorKind;
use serde_json::{Map, Value, json};
use std::collections::HashSet;
use std::sync::OnceLock;

mod catalog;
pub mod reference;
mod tree;

/// The generated validators, reading the engine's tree ([`tree::Tree`]).
mod validators {
    type __ValidatorJson = super::tree::Tree;
    immuta_preflight_schemas::variants_validator!();
}

/// The variants compiled to Rust (the `immuta-preflight-schemas` crate), all in one validator.
use immuta_preflight_schemas as generated;

/// The catalog, and its definitions as one object: what the generated validators' keyword
/// locations (`/$defs/port/type`) point into.
struct Schemas {
    catalog: Catalog,
    defs_value: Value,
}

fn schemas() -> &'static Schemas {
    static SCHEMAS: OnceLock<Schemas> = OnceLock::new();
    SCHEMAS.get_or_init(|| {
        // The files are part of the crate and parsed by a unit test; if one is unreadable all
        // the same, every check reports it (as `internal-error`) rather than checking less.
        let catalog = Catalog::read();
        let defs_value = Value::Object(catalog.defs.clone());
        Schemas { catalog, defs_value }
    })
}

/// A variant that has a generated validator. The schema files themselves are read (parsed from
/// the embedded JSON) only when a payload has violations, to describe them: a payload that
/// checks clean never needs them.
pub struct Compiled {
    name: &'static str,
}

/// The validator of a variant (`$defs` name), or why there is none: the variant has no
/// definition, or a definition it needs is missing (then `build.rs` compiled none).
pub fn compiled(variant: &str) -> Result<Compiled, String> {
    if let Some(name) = generated::NAMES.iter().find(|name| **name == variant) {
        return Ok(Compiled { name });
    }
    let catalog = &schemas().catalog;
    let reason = catalog.unreadable.clone().or_else(|| catalog.variant_document(variant).err());
    Err(reason.unwrap_or_else(|| format!("{variant} was not compiled")))
}

/// The self-contained JSON Schema for a kind, for editors and other validators.
pub fn schema_for(kind: Kind) -> Value {
    let catalog = &schemas().catalog;
    let root = catalog.roots.get(kind.id()).cloned().unwrap_or_else(|| json!({}));
    let mut document = Map::new();
    document.insert("$schema".into(), json!("https://json-schema.org/draft/2020-12/schema"));
    document.insert("$id".into(), json!(format!("https://immuta-preflight.dev/schemas/{}.json", kind.id())));
    let defs = catalog.reachable(&root);
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
    /// The generated validator's errors for `payload` checked as this variant, in the form the
    /// validator checks a variant in: `{"<variant>": payload}`.
    fn errors<'i>(&self, payload: &'i Node<'i>) -> jsonschema::ErrorIterator<'i> {
        validators::Variants::iter_errors(tree::Instance::Variant { name: self.name, payload })
    }

    pub fn violations(&self, payload: &Node<'_>) -> Vec<Violation> {
        let prefix_len = 1 + self.name.len();
        let mut out = Vec::new();
        // Bounded: a million wrong items would otherwise cost a million violations.
        for error in self.errors(payload).take(crate::model::limits::MAX_FINDINGS) {
            let pointer = error.instance_path().as_str().get(prefix_len..).unwrap_or_default().to_string();
            let path = self.evaluation_nodes(&pointer, error.schema_path().as_str());
            let holder = path.iter().rev().nth(1).copied();
            let mut description =
                path.iter().rev().skip(1).find_map(|node| node.get("description")?.as_str()).map(str::to_string);
            if let (ValidationErrorKind::Required { property }, Some(holder)) = (error.kind(), holder) {
                description = property.as_str().and_then(|name| property_description(holder, name));
            }
            let mut problem = match error.kind() {
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
            // A variant's own requirements before those it inherits, each in its `required` order.
            let order = (path.len(), required_index(holder, &problem));
            let known = match (&mut problem, holder) {
                (Problem::Unknown(names), Some(holder)) => {
                    let known = declared_properties(holder);
                    // A failed `allOf` branch yields no annotations in 2020-12, so its declared
                    // members may come back as "unevaluated"; they are not unknown.
                    names.retain(|name| !known.contains(name));
                    known
                }
                _ => Vec::new(),
            };
            out.push((order, Violation { pointer, problem, description, known }));
        }
        // Generated checks do not run in keyword order, so violations of one place are sorted:
        // the rules then see one order whatever the engine's.
        out.sort_by(|(a_order, a), (b_order, b)| {
            (&a.pointer, a.problem.rank(), a_order).cmp(&(&b.pointer, b.problem.rank(), b_order))
        });
        let mut out: Vec<Violation> = out.into_iter().map(|(_, violation)| violation).collect();
        drop_unknowns_that_failed_elsewhere(&mut out);
        out
    }

    /// The schema nodes the validator passed through from the variant's root to the failing
    /// keyword (`keyword_location`, such as `/$defs/port/type`), following `$ref`s as it did and
    /// stepping into `properties` along the instance `pointer`; the last node is the keyword's
    /// value. A description written beside a `$ref` is on this path, not on the keyword location.
    fn evaluation_nodes(&self, pointer: &str, keyword_location: &str) -> Vec<&'static Value> {
        let at_keyword = keyword_path(keyword_location);
        // Every compiled variant has a definition (build.rs compiled it from one).
        let Some(root) = schemas().defs_value.get(self.name) else { return at_keyword };
        let Some((&keyword, _)) = at_keyword.split_last() else { return vec![root] };
        let holder = at_keyword.iter().rev().nth(1).copied();
        let tokens: Vec<String> = pointer.split('/').skip(1).map(unescape).collect();
        let mut path = Vec::new();
        let mut budget = SEARCH_BUDGET;
        match holder {
            Some(holder) if search(root, &tokens, holder, &mut path, &mut budget) => {
                path.push(keyword);
                path
            }
            // Not reached from the root (it should always be): the keyword's own place still
            // holds the nearest descriptions.
            _ => at_keyword,
        }
    }
}

/// Where a missing member stands in its `required` list (0 for any other problem).
fn required_index(holder: Option<&Value>, problem: &Problem) -> usize {
    let Problem::Missing(name) = problem else { return 0 };
    let required = holder.and_then(|h| h.get("required")).and_then(Value::as_array);
    required.and_then(|names| names.iter().position(|n| n.as_str() == Some(name))).unwrap_or(0)
}

/// Schema nodes visited at most per violation: the variants are a few hundred nodes each.
const SEARCH_BUDGET: usize = 20_000;

/// Depth-first from `node` to `target` (the same node, by address), consuming one instance
/// token at each `properties` or `items` step; `path` holds the nodes on the way.
fn search(
    node: &'static Value,
    instance: &[String],
    target: &'static Value,
    path: &mut Vec<&'static Value>,
    budget: &mut usize,
) -> bool {
    if *budget == 0 {
        return false;
    }
    *budget -= 1;
    path.push(node);
    if instance.is_empty() && std::ptr::eq(node, target) {
        return true;
    }
    if let Value::Object(map) = node {
        for (keyword, value) in map {
            let found = match (keyword.as_str(), value) {
                ("$ref", Value::String(reference)) => {
                    resolve(reference).is_some_and(|next| search(next, instance, target, path, budget))
                }
                ("allOf" | "anyOf" | "oneOf", Value::Array(parts)) => {
                    parts.iter().any(|part| search(part, instance, target, path, budget))
                }
                ("if" | "then" | "else" | "not", _) => search(value, instance, target, path, budget),
                ("properties", Value::Object(properties)) => match instance.split_first() {
                    Some((name, rest)) => {
                        properties.get(name).is_some_and(|next| search(next, rest, target, path, budget))
                    }
                    None => false,
                },
                ("items", _) => match instance.split_first() {
                    Some((index, rest)) if index.parse::<usize>().is_ok() => search(value, rest, target, path, budget),
                    _ => false,
                },
                _ => false,
            };
            if found {
                return true;
            }
        }
    }
    path.pop();
    false
}

/// The nodes a keyword location (`/$defs/port/type`) names, from `$defs` down.
fn keyword_path(location: &str) -> Vec<&'static Value> {
    let mut tokens = location.split('/').skip(1).map(unescape);
    if tokens.next().as_deref() != Some("$defs") {
        return Vec::new();
    }
    let defs = &schemas().defs_value;
    let mut nodes = Vec::new();
    let mut node = defs;
    for token in tokens {
        let next = match node {
            Value::Object(map) => map.get(&token),
            Value::Array(items) => token.parse::<usize>().ok().and_then(|i| items.get(i)),
            _ => None,
        };
        let Some(next) = next else { break };
        node = next;
        nodes.push(node);
    }
    nodes
}

fn unescape(token: &str) -> String {
    token.replace("~1", "/").replace("~0", "~")
}

fn resolve(reference: &str) -> Option<&'static Value> {
    schemas().defs_value.get(reference.strip_prefix("#/$defs/")?)
}

/// A schema object and every object it pulls in through `$ref` and `allOf`.
fn composed(schema: &'static Value) -> Vec<&'static Value> {
    subschemas(schema, false)
}

/// A schema object with what it pulls in through `$ref` and `allOf`, and, when `branches`, its
/// `then`/`else` branches too (bounded: a schema that refers to itself stops at the bound).
fn subschemas(schema: &'static Value, branches: bool) -> Vec<&'static Value> {
    let mut found = Vec::new();
    let mut stack = vec![schema];
    while let Some(node) = stack.pop() {
        if found.len() > 256 {
            break;
        }
        found.push(node);
        if let Some(target) = node.get("$ref").and_then(Value::as_str).and_then(resolve) {
            stack.push(target);
        }
        if let Some(Value::Array(parts)) = node.get("allOf") {
            stack.extend(parts.iter());
        }
        if branches {
            stack.extend(["then", "else"].iter().filter_map(|k| node.get(*k)));
        }
    }
    found
}

/// The `description` of member `name` as declared by a schema object (or by what it refers to).
fn property_description(schema: &'static Value, name: &str) -> Option<String> {
    composed(schema).into_iter().find_map(|node| {
        let property = node.get("properties")?.get(name)?;
        let target = property.get("$ref").and_then(Value::as_str).and_then(resolve);
        let found = property.get("description").or_else(|| target?.get("description"));
        found.and_then(Value::as_str).map(str::to_string)
    })
}

/// Member names a schema object declares, through `allOf` and `$ref`.
fn declared_properties(schema: &'static Value) -> Vec<String> {
    let mut names: Vec<String> = composed(schema)
        .into_iter()
        .filter_map(|node| node.get("properties")?.as_object())
        .flat_map(|properties| properties.keys().cloned())
        .collect();
    names.sort();
    names.dedup();
    names
}

impl Problem {
    /// The order of violations that share a place.
    fn rank(&self) -> u8 {
        match self {
            Problem::WrongType(_) => 0,
            Problem::Missing(_) => 1,
            Problem::NotAllowed(_) => 2,
            Problem::Range { .. } => 3,
            Problem::Empty => 4,
            Problem::Pattern => 5,
            Problem::Unknown(_) => 6,
            Problem::Other => 7,
        }
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

/// A member a schema object declares, for completion: its name, description and the values
/// its schema allows (`enum`, `const`, or `true`/`false` for a boolean), if it names them.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub name: String,
    pub description: Option<String>,
    pub values: Vec<Value>,
}

/// The members that variant `variant` declares for the object at `path` (reference tokens from
/// the root), through `$ref`, `allOf` and conditional branches; none for an unknown variant.
pub fn fields_at(variant: &str, path: &[String]) -> Vec<Field> {
    let Some(root) = schemas().defs_value.get(variant) else { return Vec::new() };
    let mut nodes = vec![root];
    for token in path {
        nodes =
            nodes.into_iter().flat_map(alternatives).filter_map(|node| node.get("properties")?.get(token)).collect();
    }
    let mut fields: Vec<Field> = Vec::new();
    for node in nodes.into_iter().flat_map(alternatives) {
        let Some(Value::Object(properties)) = node.get("properties") else { continue };
        for (name, schema) in properties {
            let description = property_description(node, name);
            let values = allowed_values(schema);
            match fields.iter_mut().find(|f| &f.name == name) {
                Some(field) => {
                    field.description = field.description.take().or(description);
                    push_unique(&mut field.values, values);
                }
                None => fields.push(Field { name: name.clone(), description, values }),
            }
        }
    }
    fields.sort_by(|a, b| a.name.cmp(&b.name));
    fields
}

/// A schema object with everything it pulls in, conditional branches included: what a member
/// may be, whichever branch applies.
fn alternatives(schema: &'static Value) -> Vec<&'static Value> {
    subschemas(schema, true)
}

fn push_unique(values: &mut Vec<Value>, more: impl IntoIterator<Item = Value>) {
    for value in more {
        if !values.contains(&value) {
            values.push(value);
        }
    }
}

fn allowed_values(schema: &'static Value) -> Vec<Value> {
    let mut values = Vec::new();
    for node in alternatives(schema) {
        if let Some(Value::Array(options)) = node.get("enum") {
            push_unique(&mut values, options.iter().cloned());
        }
        if let Some(constant) = node.get("const") {
            push_unique(&mut values, [constant.clone()]);
        }
        if node.get("type").and_then(Value::as_str) == Some("boolean") {
            push_unique(&mut values, [Value::Bool(true), Value::Bool(false)]);
        }
    }
    values
}

/// Names of every variant definition, for tests and tooling.
pub fn variant_names() -> Vec<String> {
    schemas().catalog.variant_names()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_file_parses_and_every_reference_resolves() {
        for (name, text) in catalog::FILES {
            let parsed: Value = serde_json::from_str(text).unwrap_or_else(|e| panic!("{name}.json: {e}"));
            let mut refs = Vec::new();
            catalog::collect_refs(&parsed, &mut refs);
            for r in refs {
                assert!(schemas().catalog.defs.contains_key(&r), "{name}.json refers to missing definition {r}");
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
            catalog::collect_refs(&schema, &mut refs);
            for r in refs {
                assert!(schema["$defs"].get(&r).is_some(), "{}: {r} not bundled", kind.id());
            }
        }
    }

    /// `value` read as the engine reads a payload.
    fn tree(value: &Value) -> Node<'static> {
        crate::document::leaked_tree(value.to_string())
    }

    #[test]
    fn violations_carry_pointer_description_and_known_fields() {
        let instance = tree(&json!({"type": "Trino", "config": {}}));
        let violations = compiled("integration-trino").expect("compiles").violations(&instance);
        assert_eq!(violations.len(), 1);
        assert_eq!(violations[0].problem, Problem::Unknown(vec!["config".into()]));
        assert_eq!(violations[0].known, vec!["type".to_string()]);
        let port = tree(
            &json!({"type": "Redshift", "autoBootstrap": true, "config": {"host": "h", "database": "d", "initialDatabase": "i", "authenticationType": "userPassword", "username": "u", "password": "p", "port": "5439"}}),
        );
        let violations = compiled("integration-redshift-userPassword").expect("compiles").violations(&port);
        assert_eq!(violations.len(), 1, "{violations:?}");
        assert_eq!(violations[0].pointer, "/config/port");
        assert_eq!(violations[0].problem, Problem::WrongType(vec!["integer".into()]));
        assert!(violations[0].description.as_deref().unwrap_or_default().contains("0 to 65535"));
    }

    /// The generated validators against jsonschema's runtime validator (a dev-only comparison):
    /// every variant, every JSON fixture and a few edge values; the same verdict and the same
    /// failing places. `unevaluatedProperties` is left out of the places: the engines list
    /// different names after a failed `allOf` branch, which `violations` filters either way.
    #[test]
    fn generated_validators_agree_with_the_runtime_engine() {
        let mut instances = vec![json!({}), json!([]), json!(null), json!("x"), json!({"config": {"port": -1}})];
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures");
        for folder in ["valid", "invalid"] {
            for entry in std::fs::read_dir(root.join(folder)).expect("fixtures folder") {
                let path = entry.expect("an entry").path();
                if let Some(Ok(value)) = (path.extension().is_some_and(|e| e == "json"))
                    .then(|| std::fs::read_to_string(&path).map(|t| serde_json::from_str::<Value>(&t)))
                    .and_then(Result::ok)
                {
                    instances.push(value);
                }
            }
        }
        assert!(instances.len() > 40, "{}", instances.len());
        let places = |errors: &mut dyn Iterator<Item = jsonschema::ValidationError<'_>>| {
            let mut found: Vec<(String, String)> = errors
                .filter(|e| !matches!(e.kind(), ValidationErrorKind::UnevaluatedProperties { .. }))
                .map(|e| (e.instance_path().as_str().to_string(), e.schema_path().as_str().to_string()))
                .collect();
            found.sort();
            found.dedup();
            found
        };
        for name in variant_names() {
            let document = schemas().catalog.variant_document(&name).expect("a document");
            let runtime = jsonschema::draft202012::new(&document).expect("compiles at runtime");
            let generated = compiled(&name).expect("generated");
            let prefix = format!("/{name}");
            for instance in &instances {
                let expected = places(&mut runtime.iter_errors(instance));
                let payload = tree(instance);
                let mut found = places(&mut generated.errors(&payload));
                for (pointer, _) in &mut found {
                    *pointer = pointer.strip_prefix(&prefix).expect("under the variant").to_string();
                }
                assert_eq!(
                    runtime.is_valid(instance),
                    generated.errors(&payload).next().is_none(),
                    "{name}: {instance}"
                );
                assert_eq!(found, expected, "{name}: {instance}");
            }
        }
    }
}
