//! The wasm door: the library's API for JavaScript, exported with wasm-bindgen. It only converts
//! values; what the values mean lives in [`crate::js`] and the core. `pkg/` wraps these exports in
//! the npm package (loading, `kinds`, `version`, TypeScript types).

use crate::cli::{self, ConfigPlace, Host, ReadError, WriteError};
use crate::js::{self, JsFile, JsOptions, RenderOptions, ReportIn};
use crate::{Kind, rules, schemas, suggest};
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
        console_error(&format!("immuta-preflight {}: internal error at {place}", crate::VERSION));
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
    let report = crate::check(&text, &options);
    to_js(&js::report(&report, &text))
}

#[wasm_bindgen(js_name = checkFiles)]
pub fn check_files(files: JsValue, options: JsValue) -> Result<JsValue> {
    let wrong =
        || type_error("checkFiles(files): files must be an array of { path, text } objects with string members");
    if !js_sys::Array::is_array(&files) {
        return Err(wrong());
    }
    let files: Vec<JsFile> = from_js(files).map_err(|_| wrong())?;
    let options = optional::<JsOptions>(options, "checkFiles options", JsOptions::NAMES, JsOptions::NESTED)?
        .resolve()
        .map_err(type_error)?;
    let checked = js::check_files(&files, &options);
    to_js(&js::file_reports(&files, &checked))
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
    Ok(crate::apply_fixes(&text, &options, codes.as_deref()))
}

#[wasm_bindgen]
pub fn rules() -> Result<JsValue> {
    to_js(&rules::ALL)
}

/// The rule's documentation, or `undefined` for an unknown code.
#[wasm_bindgen]
pub fn explain(code: JsValue) -> Result<JsValue> {
    match code.as_string().and_then(|code| rules::find(&code)) {
        Some(rule) => to_js(rule),
        None => Ok(JsValue::UNDEFINED),
    }
}

#[wasm_bindgen]
pub fn schema(kind: JsValue) -> Result<JsValue> {
    let kind = kind.as_string().ok_or_else(|| type_error("schema(kind): kind must be a string"))?;
    to_js(&schemas::schema_for(Kind::parse(&kind).map_err(type_error)?))
}

#[wasm_bindgen]
pub fn render(report: JsValue, format: JsValue, options: JsValue) -> Result<String> {
    let report: ReportIn =
        from_js(report).map_err(|e| type_error(format!("render(report): not a report from check(): {e}")))?;
    let format = format.as_string().ok_or_else(|| {
        type_error("render(report, format): format must be \"text\", \"json\", \"sarif\" or \"github\"")
    })?;
    let options = optional::<RenderOptions>(options, "render options", RenderOptions::NAMES, &[])?;
    js::render(report, &format, options).map_err(type_error)
}

#[wasm_bindgen]
pub fn kinds() -> Vec<String> {
    Kind::ALL.iter().map(|k| k.id().to_string()).collect()
}

#[wasm_bindgen]
pub fn version() -> String {
    crate::VERSION.to_string()
}

/// The command line, for the npm package's `bin`. `host` has the methods of [`Host`], in
/// JavaScript: `read(path)` returns a file's bytes (`-` is standard input) or throws a Node.js
/// file-system error; `walk(folder)` the paths of the files in it to check; `write(path, was,
/// bytes)` returns `"changed"` when the file no longer holds `was`; `findConfig()` and
/// `configAt(path)` return `{ path, base }` (or `null`). Returns `{ code, stdout, stderr }`.
#[wasm_bindgen(js_name = runCli)]
pub fn run_cli(args: Vec<String>, host: JsValue, color: bool) -> Result<JsValue> {
    let method = |name: &str| -> Result<js_sys::Function> {
        js_sys::Reflect::get(&host, &JsValue::from_str(name))
            .ok()
            .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
            .ok_or_else(|| type_error(format!("runCli(args, host): host.{name} must be a function")))
    };
    let mut host = NodeHost {
        read: method("read")?,
        walk: method("walk")?,
        write: method("write")?,
        find_config: method("findConfig")?,
        config_at: method("configAt")?,
        color,
    };
    to_js(&cli::run(args.into_iter().map(Into::into).collect(), &mut host))
}

struct NodeHost {
    read: js_sys::Function,
    walk: js_sys::Function,
    write: js_sys::Function,
    find_config: js_sys::Function,
    config_at: js_sys::Function,
    color: bool,
}

impl Host for NodeHost {
    fn read(&mut self, path: &str) -> std::result::Result<Vec<u8>, ReadError> {
        let bytes = self.read.call1(&JsValue::NULL, &JsValue::from_str(path)).map_err(file_error)?;
        bytes
            .dyn_into::<js_sys::Uint8Array>()
            .map(|array| array.to_vec())
            .map_err(|_| ReadError::Other("the reader returned no bytes".into()))
    }

    fn color(&self) -> bool {
        self.color
    }

    fn walk(&mut self, path: &str) -> std::result::Result<Vec<String>, ReadError> {
        let found = self.walk.call1(&JsValue::NULL, &JsValue::from_str(path)).map_err(file_error)?;
        from_js(found).map_err(ReadError::Other)
    }

    fn write(&mut self, path: &str, was: &[u8], bytes: &[u8]) -> std::result::Result<(), WriteError> {
        let (was, bytes) = (js_sys::Uint8Array::from(was), js_sys::Uint8Array::from(bytes));
        match self.write.call3(&JsValue::NULL, &JsValue::from_str(path), &was, &bytes) {
            Ok(answer) if answer.as_string().as_deref() == Some("changed") => Err(WriteError::Changed),
            Ok(_) => Ok(()),
            Err(error) => Err(WriteError::Other(match file_error(error) {
                ReadError::Other(message) => message,
                ReadError::NotFound => "no such file".into(),
                ReadError::PermissionDenied => "permission denied".into(),
                ReadError::IsDirectory => "it is a folder".into(),
            })),
        }
    }

    fn find_config(&mut self) -> Option<ConfigPlace> {
        place(self.find_config.call0(&JsValue::NULL).ok()?)
    }

    fn config_at(&mut self, path: &str) -> ConfigPlace {
        self.config_at
            .call1(&JsValue::NULL, &JsValue::from_str(path))
            .ok()
            .and_then(place)
            .unwrap_or_else(|| ConfigPlace { path: path.to_string(), base: String::new() })
    }
}

/// `{ path, base }` from JavaScript.
fn place(value: JsValue) -> Option<ConfigPlace> {
    let property = |name: &str| js_sys::Reflect::get(&value, &JsValue::from_str(name)).ok()?.as_string();
    Some(ConfigPlace { path: property("path")?, base: property("base").unwrap_or_default() })
}

/// A Node.js file-system error, by its `code` (`ENOENT`, ...).
fn file_error(error: JsValue) -> ReadError {
    let property = |name: &str| js_sys::Reflect::get(&error, &JsValue::from_str(name)).ok().and_then(|v| v.as_string());
    match property("code").as_deref() {
        Some("ENOENT") => ReadError::NotFound,
        Some("EACCES" | "EPERM") => ReadError::PermissionDenied,
        Some("EISDIR") => ReadError::IsDirectory,
        _ => ReadError::Other(property("message").unwrap_or_else(|| "unknown error".into())),
    }
}
