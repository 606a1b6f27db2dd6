//! The field catalogue (the schema files' fields and their `x-` keywords) is the one place facts
//! are declared: what else lists a fact (the technology and authentication enums in `kind.rs`, the
//! TypeScript unions, the page's key members, the users' field reference) must agree with it.

use immuta_preflight_core::Technology;
use immuta_preflight_core::model::catalogue::RULE_FORMS;
use immuta_preflight_core::model::key_sites;
use immuta_preflight_core::schemas::{self, reference};
use immuta_preflight_core::values::Form;
use std::collections::BTreeSet;

/// Every value the catalogue allows at `member` (e.g. `/config/authenticationType`) in the
/// variants of `prefix` and `technology`.
fn values_at(prefix: &str, technology: Option<Technology>, pointer: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for variant in schemas::variant_names() {
        let Some((_, t, _)) = reference::describe(&variant) else { continue };
        if !variant.starts_with(prefix) || t != technology {
            continue;
        }
        for entry in reference::entries(&variant).into_iter().filter(|e| e.pointer == pointer) {
            found.extend(entry.values.into_iter().flatten().filter_map(|v| v.as_str().map(str::to_string)));
        }
    }
    found
}

#[test]
fn the_integration_types_are_the_catalogues() {
    let declared = values_at("integration-", None, "/type");
    let engine: BTreeSet<String> = Technology::INTEGRATION_TYPES.iter().map(|(name, _)| name.to_string()).collect();
    assert_eq!(declared, engine);
    for (name, technology) in Technology::INTEGRATION_TYPES {
        assert_eq!(technology.name(), name);
    }
}

#[test]
fn the_authentication_types_are_the_catalogues() {
    for technology in Technology::ALL {
        let mut declared = values_at("integration-", Some(technology), "/config/authenticationType");
        declared.extend(values_at("connection-", Some(technology), "/connection/authenticationType"));
        let engine: BTreeSet<String> = technology.auth_types().iter().map(|a| a.to_string()).collect();
        assert_eq!(declared, engine, "{technology:?}");
    }
}

#[test]
fn the_connection_technologies_are_the_catalogues() {
    for technology in [Technology::Snowflake, Technology::Databricks] {
        let declared = values_at("connection-", Some(technology), "/connection/technology");
        assert!(declared.contains(technology.name()), "{technology:?}: {declared:?}");
        for name in &declared {
            assert!(Technology::from_connection_technology(name).is_some(), "{name} is not recognised");
        }
    }
}

/// The string literals of `export type <name> = | "a" | "b";` in `pkg/index.d.ts`.
fn union(name: &str) -> BTreeSet<String> {
    let types = std::fs::read_to_string("pkg/index.d.ts").expect("pkg/index.d.ts");
    let start = format!("export type {name} =");
    let from = types.find(&start).unwrap_or_else(|| panic!("index.d.ts lacks {start}")) + start.len();
    let body = &types[from..from + types[from..].find(';').expect("the type ends")];
    body.split('"').skip(1).step_by(2).map(str::to_string).collect()
}

#[test]
fn the_typescript_technologies_are_the_catalogues() {
    let mut declared = values_at("integration-", None, "/type");
    declared.insert(Technology::LakeFormation.name().to_string());
    assert_eq!(union("Technology"), declared);
}

/// The page's key-file button recognises a key by its member name: the engine's list
/// (`keyMembers()`), the last member of every key site.
#[test]
fn the_key_members_are_the_catalogues_key_sites() {
    let names: BTreeSet<&str> = key_sites::member_names().into_iter().collect();
    let sites: BTreeSet<&str> =
        key_sites::sites().iter().map(|s| s.pointer.rsplit('/').next().unwrap_or_default()).collect();
    assert_eq!(names, sites);
    assert_eq!(names, BTreeSet::from(["content", "oauthPrivateKey", "privateKey"]));
}

/// The `x-` keywords are well formed: a known form, a twin that exists, a passphrase member that
/// exists, and a source with a confidence tag for every fact.
#[test]
fn every_declared_fact_is_well_formed() {
    let mut checked = 0;
    for variant in schemas::variant_names() {
        let entries = reference::entries(&variant);
        let pointers: BTreeSet<&str> = entries.iter().map(|e| e.pointer.as_str()).collect();
        for entry in &entries {
            if let Some(form) = &entry.form {
                let known = Form::SLUGS.contains(&form.as_str()) || RULE_FORMS.contains(&form.as_str());
                assert!(known, "{variant} {}: unknown form {form}", entry.pointer);
            }
            if let Some(twin) = &entry.twin {
                assert!(
                    pointers.contains(twin.as_str()),
                    "{variant} {}: its twin {twin} is not a field",
                    entry.pointer
                );
            }
            let declares = entry.form.is_some() || entry.twin.is_some() || entry.secret || entry.key;
            if declares {
                let source = entry.source.as_deref().unwrap_or_default();
                assert!(
                    ["[D]", "[I]", "[R]", "[D-3p]"].iter().any(|tag| source.starts_with(tag)),
                    "{variant} {}: no source with a confidence tag",
                    entry.pointer
                );
                checked += 1;
            }
        }
    }
    for site in key_sites::sites() {
        if let Some(password) = site.password {
            assert!(password.ends_with("Password"), "{}: passphrase at {password}", site.pointer);
        }
    }
    assert!(checked > 200, "only {checked} declared facts");
}

/// The users' field reference is generated from the catalogue; `make docs` rewrites it.
#[test]
fn the_field_reference_is_up_to_date() {
    let generated = reference::markdown();
    if std::env::var_os("IMMUTA_PREFLIGHT_WRITE_DOCS").is_some() {
        std::fs::write("docs/fields.md", &generated).expect("docs/fields.md is writable");
    }
    let written = std::fs::read_to_string("docs/fields.md").unwrap_or_default();
    assert!(written == generated, "docs/fields.md is out of date: run `make docs`");
    assert!(generated.contains("| `/connection/hostname` | string | yes |"), "{generated}");
}
