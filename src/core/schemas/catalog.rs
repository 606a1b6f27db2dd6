//! The schema files merged into one `$defs` namespace, and the self-contained document of each
//! variant. Shared by `build.rs` (which compiles every variant into Rust code) and the library
//! (which reads descriptions and exports schemas), so both see the same documents.
//!
//! Only `serde_json` here: `build.rs` includes this file as a module of its own.

use serde_json::{Map, Value, json};
use std::collections::{BTreeSet, HashMap};

pub const FILES: [(&str, &str); 5] = [
    ("common", include_str!("common.json")),
    ("integration", include_str!("integration.json")),
    ("integration-script", include_str!("integration-script.json")),
    ("connection", include_str!("connection.json")),
    ("connection-update", include_str!("connection-update.json")),
];

pub struct Catalog {
    pub defs: Map<String, Value>,
    pub roots: HashMap<&'static str, Value>,
    /// Why a file could not be read, if one could not: then no variant is trusted to be whole.
    pub unreadable: Option<String>,
}

impl Catalog {
    pub fn read() -> Catalog {
        let mut defs = Map::new();
        let mut roots = HashMap::new();
        let mut unreadable = None;
        for (name, text) in FILES {
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
        Catalog { defs, roots, unreadable }
    }

    /// Names of the definitions that are whole variants, the ones a payload is checked against.
    pub fn variant_names(&self) -> Vec<String> {
        let prefixes = ["integration-", "connection-", "update-"];
        self.defs
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

    /// The definitions reachable from `start` through `$ref`s.
    pub fn reachable(&self, start: &Value) -> Map<String, Value> {
        let mut seen = BTreeSet::new();
        let mut stack = Vec::new();
        collect_refs(start, &mut stack);
        while let Some(name) = stack.pop() {
            if seen.insert(name.clone())
                && let Some(def) = self.defs.get(&name)
            {
                collect_refs(def, &mut stack);
            }
        }
        seen.into_iter().filter_map(|name| self.defs.get(&name).map(|d| (name, d.clone()))).collect()
    }

    /// `{"$defs": <what the variant needs>, "$ref": "#/$defs/<variant>"}`, or why there is none:
    /// the variant has no definition, or a definition it needs is missing.
    pub fn variant_document(&self, variant: &str) -> Result<Value, String> {
        if let Some(reason) = &self.unreadable {
            return Err(reason.clone());
        }
        if !self.defs.contains_key(variant) {
            return Err(format!("there is no schema named {variant}"));
        }
        let start = json!({ "$ref": format!("#/$defs/{variant}") });
        let defs = self.reachable(&start);
        let mut refs = Vec::new();
        defs.values().for_each(|def| collect_refs(def, &mut refs));
        if let Some(missing) = refs.iter().find(|name| !defs.contains_key(*name)) {
            return Err(format!("{variant} refers to {missing}, which no schema file defines"));
        }
        Ok(json!({ "$defs": defs, "$ref": format!("#/$defs/{variant}") }))
    }
}

/// The `$defs` names that `value` refers to (`#/$defs/<name>`), at any depth.
pub fn collect_refs(value: &Value, out: &mut Vec<String>) {
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

/// One field of a variant, as the schema files declare it: the catalogue's unit. Everything the
/// engine knows about a field is a keyword of one of its `parts`: JSON Schema's own (`type`,
/// `enum`, `const`, `required` in the parent) and the catalogue's extensions, `x-form`, `x-twin`,
/// `x-secret`, `x-key`, `x-recommended`, `x-missing`, `x-source` (see README, "How to add a
/// field").
pub struct Field<'a> {
    /// `/connection/hostname`; `/*` stands for every item of an array.
    pub pointer: String,
    /// The parent object lists it in `required`.
    pub required: bool,
    /// The schema objects that declare it: the place of use first, then what it refers to and
    /// includes (`$ref`, `allOf`), so a keyword at the place of use wins.
    pub parts: Vec<&'a Map<String, Value>>,
    /// The nearest `x-source` on the way down from the variant: where the fact comes from.
    pub source: Option<&'a str>,
    /// The `connection` field it must equal: its `x-twin`, or its parent's twin and its own name
    /// (an object's twin pairs its members).
    pub twin: Option<String>,
}

impl<'a> Field<'a> {
    /// The first part's value of `keyword`.
    pub fn keyword(&self, keyword: &str) -> Option<&'a Value> {
        self.parts.iter().find_map(|part| part.get(keyword))
    }

    /// The JSON types the schema allows here (`type`, or the type of a `const`/`enum`); empty
    /// when the schema says nothing.
    pub fn types(&self) -> Vec<&'a str> {
        let mut types = Vec::new();
        for part in &self.parts {
            match part.get("type") {
                Some(Value::String(t)) => types.push(t.as_str()),
                Some(Value::Array(list)) => types.extend(list.iter().filter_map(Value::as_str)),
                _ => {}
            }
        }
        types.sort_unstable();
        types.dedup();
        types
    }

    /// The values `enum` or `const` allow, if either is declared.
    pub fn values(&self) -> Option<Vec<&'a Value>> {
        self.parts.iter().find_map(|part| match (part.get("enum"), part.get("const")) {
            (Some(Value::Array(values)), _) => Some(values.iter().collect()),
            (_, Some(value)) => Some(vec![value]),
            _ => None,
        })
    }
}

impl Catalog {
    /// Every field of `variant`, parents before children, in declaration order. The `$ref`s and
    /// `allOf`s are followed; `if`/`then`, `not` and the root documents' selection are not (the
    /// variant is already chosen).
    pub fn fields(&self, variant: &str) -> Vec<Field<'_>> {
        let mut out = Vec::new();
        if let Some(Value::Object(def)) = self.defs.get(variant) {
            self.flatten(vec![def], String::new(), true, (None, None), &mut out, 0);
        }
        out
    }

    fn flatten<'a>(
        &'a self,
        uses: Vec<&'a Map<String, Value>>,
        pointer: String,
        required: bool,
        (inherited_source, inherited_twin): (Option<&'a str>, Option<String>),
        out: &mut Vec<Field<'a>>,
        depth: usize,
    ) {
        let mut parts = Vec::new();
        uses.into_iter().for_each(|schema| self.parts_of(schema, &mut parts, 0));
        let keyword = |name: &str| parts.iter().find_map(|p| p.get(name).and_then(Value::as_str));
        let source = keyword("x-source").or(inherited_source);
        let twin = keyword("x-twin").map(str::to_string).or(inherited_twin);
        // Each member with every schema that declares it, and whether any part requires it.
        let mut members: Vec<(String, Vec<&'a Map<String, Value>>)> = Vec::new();
        let mut names_required = BTreeSet::new();
        for part in &parts {
            if let Some(Value::Object(properties)) = part.get("properties") {
                for (name, schema) in properties {
                    let Value::Object(schema) = schema else { continue };
                    match members.iter_mut().find(|(n, _)| n == name) {
                        Some((_, list)) => list.push(schema),
                        None => members.push((name.clone(), vec![schema])),
                    }
                }
            }
            if let Some(Value::Object(items)) = part.get("items") {
                match members.iter_mut().find(|(n, _)| n == "*") {
                    Some((_, list)) => list.push(items),
                    None => members.push(("*".to_string(), vec![items])),
                }
            }
            if let Some(Value::Array(names)) = part.get("required") {
                names_required.extend(names.iter().filter_map(Value::as_str));
            }
        }
        out.push(Field { pointer: pointer.clone(), required, parts, source, twin: twin.clone() });
        // The schemas nest a few levels; a cycle of `$ref`s would be a mistake in a file.
        if depth > 16 {
            return;
        }
        for (name, schemas) in members {
            let required = names_required.contains(name.as_str());
            let twin = twin.as_ref().map(|twin| format!("{twin}/{name}"));
            self.flatten(schemas, format!("{pointer}/{name}"), required, (source, twin), out, depth + 1);
        }
    }

    /// `schema`, then what its `$ref` and `allOf` bring in, in that order.
    fn parts_of<'a>(&'a self, schema: &'a Map<String, Value>, out: &mut Vec<&'a Map<String, Value>>, depth: usize) {
        out.push(schema);
        if depth > 32 {
            return;
        }
        if let Some(Value::Object(target)) = schema
            .get("$ref")
            .and_then(Value::as_str)
            .and_then(|r| r.strip_prefix("#/$defs/"))
            .and_then(|n| self.defs.get(n))
        {
            self.parts_of(target, out, depth + 1);
        }
        if let Some(Value::Array(all)) = schema.get("allOf") {
            for item in all {
                if let Value::Object(item) = item {
                    self.parts_of(item, out, depth + 1);
                }
            }
        }
    }
}
