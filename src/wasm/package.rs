//! The exports of the npm package that the page does not use: `checkFiles`, `rules`, `explain`,
//! `schema`, `render` and the `bin`'s `runCli` (feature `package-api`, on by default).

use super::{Result, from_js, optional, to_js, type_error};
use crate::cli::{self, ConfigPlace, Host, ReadError, WriteError};
use crate::js::{self, JsFile, JsOptions, RenderOptions, ReportIn};
use crate::{Kind, rules, schemas};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

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
