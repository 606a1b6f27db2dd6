//! The wasm door: the service's API for JavaScript, exported with wasm-bindgen. It only converts
//! values; what the values mean lives in the service's `wire` module and the core. Built for
//! wasm32-unknown-unknown only: on any other target this crate is empty. `pkg/` wraps these exports in
//! the npm package (loading, `kinds`, `version`, TypeScript types).
//!
//! Here is what every build exports, the page's included (`check`, `applyFixes`, `fixEdits`, `complete`,
//! `kinds`, `version`); the rest of the package's API is in [`package`], behind the default feature
//! `package-api`, which the page's build leaves out (`make www`): a smaller module to inline. The
//! npm `bin`'s `runCli` is in [`cli`], behind the feature `cli`, built into a module of its own; the
//! VS Code extension's `Editor` is in [`editor`], behind the feature `editor`, likewise.

#![cfg(all(target_arch = "wasm32", target_os = "unknown"))]

use immuta_preflight_core::{Kind, VERSION, suggest};
use immuta_preflight_service::wire::{self as js, JsOptions};
use serde::Serialize;
use serde::de::DeserializeOwned;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = console, js_name = error)]
    fn console_error(message: &str);
}

#[wasm_bindgen(start)]
fn start() {
    // A panic is a bug; it traps the instance, and the JavaScript side starts a new one. Its
    // place in the code reaches the console, its message does not: a panic message can quote the
    // text it was working on (a slice of a string, say), and that text may be a secret.
    std::panic::set_hook(Box::new(|info| {
        let place = info.location().map_or_else(|| "an unknown place".into(), |l| format!("{}:{}", l.file(), l.line()));
        console_error(&format!("immuta-preflight {}: internal error at {place}", VERSION));
    }));
}

/// Panics, as a bug in the engine would: the doors' recovery tests call it. Not part of the
/// package's API (the package does not export it).
#[wasm_bindgen(js_name = __panicForTests)]
pub fn panic_for_tests() {
    panic!("a panic provoked by a test");
}

type Result<T> = std::result::Result<T, JsValue>;

fn type_error(message: impl std::fmt::Display) -> JsValue {
    js_sys::TypeError::new(&message.to_string()).into()
}

/// Plain objects and `null`s, never `Map`s or `undefined`: the shape `JSON.stringify` keeps.
fn to_js(value: &impl Serialize) -> Result<JsValue> {
    value.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).map_err(type_error)
}

fn text_argument(value: JsValue, function: &str) -> Result<String> {
    value.as_string().ok_or_else(|| {
        let found = value.js_typeof().as_string().unwrap_or_default();
        type_error(format!(
            "{function}(text): text must be a string, not {found}; read files with readFileSync(path, \"utf8\")"
        ))
    })
}

/// An optional options object: `undefined` and `null` mean "not given". A member that is not
/// one of `names` is refused, since a misspelt option that silently did nothing would be worse;
/// so is one of a `nested` options object (`(member, its names, an example)`).
fn optional<T: DeserializeOwned + Default>(
    value: JsValue,
    what: &str,
    names: &[&str],
    nested: &[(&str, &[&str], &str)],
) -> Result<T> {
    if value.is_undefined() || value.is_null() {
        return Ok(T::default());
    }
    known_members(&value, what, &format!("{{ {}: ... }}", names[0]), "options", names)?;
    for (member, member_names, example) in nested {
        let inner = js_sys::Reflect::get(&value, &JsValue::from_str(member)).unwrap_or(JsValue::UNDEFINED);
        if !inner.is_undefined() && !inner.is_null() {
            known_members(&inner, &format!("{what}: {member}"), example, &format!("{member} options"), member_names)?;
        }
    }
    from_js(value).map_err(|e| type_error(format!("{what}: {e}")))
}

/// Refuses `value` unless it is an object whose members are all in `names`.
fn known_members(value: &JsValue, place: &str, example: &str, noun: &str, names: &[&str]) -> Result<()> {
    if !value.is_object() || js_sys::Array::is_array(value) {
        return Err(type_error(format!("{place} must be an object such as {example}")));
    }
    for key in js_sys::Object::keys(value.unchecked_ref::<js_sys::Object>()).iter().filter_map(|k| k.as_string()) {
        if !names.contains(&key.as_str()) {
            let message = suggest::unknown("option", &key, names.iter().copied(), || {
                format!("the {noun} are {}", names.join(", "))
            });
            return Err(type_error(format!("{place}: {message}")));
        }
    }
    Ok(())
}

/// A value from JavaScript, with serde's message (without the "Error: " of its JS form).
fn from_js<T: DeserializeOwned>(value: JsValue) -> std::result::Result<T, String> {
    serde_wasm_bindgen::from_value(value).map_err(|e| e.to_string().trim_start_matches("Error: ").to_string())
}

#[wasm_bindgen]
pub fn check(text: JsValue, options: JsValue) -> Result<JsValue> {
    let text = text_argument(text, "check")?;
    let options = optional::<JsOptions>(options, "check options", JsOptions::NAMES, JsOptions::NESTED)?
        .resolve()
        .map_err(type_error)?;
    let report = immuta_preflight_core::check(&text, &options);
    to_js(&js::report(&report, &text))
}

#[wasm_bindgen(js_name = applyFixes)]
pub fn apply_fixes(text: JsValue, codes: JsValue, options: JsValue) -> Result<String> {
    let text = text_argument(text, "applyFixes")?;
    let codes: Option<Vec<String>> = if codes.is_undefined() || codes.is_null() {
        None
    } else {
        let wrong = || {
            type_error("applyFixes(text, codes): codes must be an array of rule codes, e.g. [\"private-key-newlines\"]")
        };
        if !js_sys::Array::is_array(&codes) {
            return Err(wrong());
        }
        Some(from_js(codes).map_err(|_| wrong())?)
    };
    let codes = js::fix_codes(codes).map_err(type_error)?;
    let options = optional::<JsOptions>(options, "applyFixes options", JsOptions::NAMES, JsOptions::NESTED)?
        .resolve()
        .map_err(type_error)?;
    Ok(immuta_preflight_core::apply_fixes(&text, &options, codes.as_deref()))
}

/// The edits of the fix of the `index`th finding that `check(text, options)` reports, as UTF-16
/// `{ from, to, insert }`, resolved against `text`; `null` when it has no fix.
#[wasm_bindgen(js_name = fixEdits)]
pub fn fix_edits(text: JsValue, index: JsValue, options: JsValue) -> Result<JsValue> {
    let text = text_argument(text, "fixEdits")?;
    let index = index.as_f64().filter(|i| i.is_finite() && *i >= 0.0 && i.fract() == 0.0).ok_or_else(|| {
        type_error("fixEdits(text, index): index must be a finding's index in check(text).diagnostics")
    })?;
    let options = optional::<JsOptions>(options, "fixEdits options", JsOptions::NAMES, JsOptions::NESTED)?
        .resolve()
        .map_err(type_error)?;
    to_js(&js::fix_edits(&text, index as usize, &options))
}

/// Completions at a UTF-16 `offset` of `text`, as the language server offers them, with `from`
/// and `to` as UTF-16 offsets of the text each one replaces.
#[wasm_bindgen]
pub fn complete(text: JsValue, offset: JsValue, options: JsValue) -> Result<JsValue> {
    let text = text_argument(text, "complete")?;
    let offset = offset
        .as_f64()
        .filter(|o| o.is_finite() && *o >= 0.0)
        .ok_or_else(|| type_error("complete(text, offset): offset must be a UTF-16 offset into text, e.g. 0"))?;
    let options = optional::<JsOptions>(options, "complete options", JsOptions::NAMES, JsOptions::NESTED)?
        .resolve()
        .map_err(type_error)?;
    to_js(&js::completions(&text, offset as usize, &options))
}

/// The names of the members that hold a private key, for the page's "Insert key file".
#[wasm_bindgen(js_name = keyMembers)]
pub fn key_members() -> Vec<String> {
    immuta_preflight_core::model::key_sites::member_names().into_iter().map(String::from).collect()
}

#[wasm_bindgen]
pub fn kinds() -> Vec<String> {
    Kind::ALL.iter().map(|k| k.id().to_string()).collect()
}

#[wasm_bindgen]
pub fn version() -> String {
    VERSION.to_string()
}

#[cfg(feature = "cli")]
mod cli;
#[cfg(feature = "editor")]
mod editor;
#[cfg(feature = "package-api")]
mod package;
