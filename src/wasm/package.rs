//! The exports of the npm package that the page does not use: `checkFiles`, `rules`, `explain`,
//! `schema` and `render` (feature `package-api`, on by default).

use super::{Result, from_js, optional, to_js, type_error};
use immuta_preflight_core::{Kind, rules, schemas};
use immuta_preflight_service::wire::{self as js, JsFile, JsOptions, RenderOptions, ReportIn};
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
    let checked = js::check_files(files, &options);
    to_js(&js::file_reports(&checked))
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
