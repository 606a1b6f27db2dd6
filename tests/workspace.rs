//! The workspace is what the docs say: a pure core, a service, and the doors. The core's manifest
//! names none of the doors' crates, and none of its dependencies brings one of the workspace's
//! doors or their crates (the compiler then keeps the core pure). A door crate that jsonschema
//! brings for its own use (wasm-bindgen, through ahash's getrandom on the web) is not the core's.

use serde_json::Value;
use std::collections::{BTreeSet, HashMap};
use std::process::Command;

/// The crates of the doors: the command line's, the config file's, the language server's, the
/// diff's, the globs', the wasm ones, and the workspace's own doors and service.
const DOOR_CRATES: &[&str] = &[
    "lexopt",
    "toml",
    "lsp-types",
    "similar",
    "fast-glob",
    "wasm-bindgen",
    "js-sys",
    "serde-wasm-bindgen",
    "immuta-preflight",
    "immuta-preflight-service",
    "immuta-preflight-wasm",
];

fn metadata() -> Value {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let output =
        Command::new(cargo).args(["metadata", "--format-version", "1", "--locked"]).output().expect("cargo metadata");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    serde_json::from_slice(&output.stdout).expect("JSON")
}

#[test]
fn the_core_depends_on_no_doors_crate() {
    let metadata = metadata();
    let names: HashMap<&str, &str> = metadata["packages"]
        .as_array()
        .expect("packages")
        .iter()
        .map(|p| (p["id"].as_str().expect("an id"), p["name"].as_str().expect("a name")))
        .collect();
    let members: BTreeSet<&str> = metadata["workspace_members"]
        .as_array()
        .expect("members")
        .iter()
        .map(|m| names[m.as_str().expect("id")])
        .collect();
    for crate_name in ["immuta-preflight", "immuta-preflight-core", "immuta-preflight-service", "immuta-preflight-wasm"]
    {
        assert!(members.contains(crate_name), "{crate_name} is not a workspace member: {members:?}");
    }
    // Each package's dependencies that it builds with (not its tests' dev-dependencies).
    let nodes: HashMap<&str, Vec<&str>> = metadata["resolve"]["nodes"]
        .as_array()
        .expect("the resolved graph")
        .iter()
        .map(|n| {
            let dependencies = n["deps"].as_array().expect("deps");
            let built = dependencies.iter().filter(|d| {
                d["dep_kinds"].as_array().expect("dep kinds").iter().any(|k| k["kind"].as_str() != Some("dev"))
            });
            (n["id"].as_str().expect("an id"), built.map(|d| d["pkg"].as_str().expect("a package id")).collect())
        })
        .collect();
    let core = names.iter().find(|(_, name)| **name == "immuta-preflight-core").map(|(id, _)| *id).expect("the core");
    let direct: BTreeSet<&str> = nodes[core].iter().map(|id| names[id]).collect();
    let named: Vec<&&str> = DOOR_CRATES.iter().filter(|door| direct.contains(**door)).collect();
    assert!(named.is_empty(), "the core's Cargo.toml names {named:?}");
    let mut reached = BTreeSet::new();
    let mut stack = vec![core];
    while let Some(id) = stack.pop() {
        for dependency in &nodes[id] {
            if reached.insert(names[dependency]) {
                stack.push(dependency);
            }
        }
    }
    let wasm = ["wasm-bindgen", "js-sys", "serde-wasm-bindgen"];
    let doors: Vec<&&str> = DOOR_CRATES.iter().filter(|d| !wasm.contains(d) && reached.contains(**d)).collect();
    assert!(doors.is_empty(), "the core depends, through its dependencies, on {doors:?}");
    assert!(reached.contains("jsonschema") && direct.contains("serde_json"), "the graph was read: {reached:?}");
}
