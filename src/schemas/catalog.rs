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
