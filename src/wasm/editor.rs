//! `Editor`, for the VS Code extension (feature `editor`): the open documents of the service's
//! `documents`, their options from the config file (found by the service's `config` over a
//! [`Snapshot`] of what the extension fetched through `workspace.fs`), and what the service's
//! `editor` says of them: findings, hover, code actions, completion. The language server answers
//! from the same functions. Offsets in and out are UTF-16, as VS Code's `positionAt` takes them.

use super::{Result, from_js, to_js, type_error};
use immuta_preflight_core::RuleOptions;
use immuta_preflight_core::position::LineIndex;
use immuta_preflight_service::documents::Documents;
use immuta_preflight_service::editor::{self, ActionKind};
use immuta_preflight_service::snapshot::{Entry, Snapshot};
use immuta_preflight_service::wire::{self as js, JsRules};
use immuta_preflight_service::{config, wire::diagnostic};
use serde::Serialize;
use std::collections::HashMap;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
#[derive(Default)]
pub struct Editor {
    documents: Documents,
    /// The editor's settings, applied after the config file's, as one more override.
    settings: RuleOptions,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Opened {
    /// Paths to fetch before the document can be opened; empty once it is open.
    missing: Vec<String>,
    /// The config file that applies to the document.
    config: Option<String>,
    /// Its mistakes, `path:line:column: message`; its options are then left out.
    problems: Vec<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ActionOut {
    title: String,
    /// `quickfix` or `fixAll`.
    kind: &'static str,
    /// The index of the finding it fixes, in the report's `diagnostics`.
    finding: Option<usize>,
    edits: Vec<js::EditOut>,
}

#[derive(Serialize)]
struct HoverOut {
    markdown: String,
    from: usize,
    to: usize,
}

fn offset(value: f64, what: &str) -> Result<usize> {
    if value.is_finite() && value >= 0.0 {
        Ok(value as usize)
    } else {
        Err(type_error(format!("{what} must be a UTF-16 offset")))
    }
}

#[wasm_bindgen]
impl Editor {
    #[wasm_bindgen(constructor)]
    pub fn new() -> Editor {
        Editor::default()
    }

    /// The editor's rule settings, `{ ignore, select, severity }` as the config file's `[rules]`;
    /// documents opened after this are checked with them.
    pub fn configure(&mut self, rules: JsValue) -> Result<()> {
        let rules: JsRules = from_js(rules).map_err(|e| type_error(format!("settings: {e}")))?;
        self.settings = rules.resolve().map_err(|e| type_error(format!("settings: {e}")))?;
        Ok(())
    }

    /// Opens `uri` (whose path is `path`) with `text`, its options found through `files`, what the
    /// extension fetched: path to a file's text, `true` for a folder or a file it did not read,
    /// `false` for nothing there. While `missing` is not empty, fetch those and call again.
    pub fn open(&mut self, uri: String, path: String, text: String, files: JsValue) -> Result<JsValue> {
        let files: HashMap<String, serde_json_like::Fetched> =
            from_js(files).map_err(|e| type_error(format!("open(files): {e}")))?;
        let entries = files.into_iter().map(|(path, fetched)| (path, fetched.into())).collect();
        let mut snapshot = Snapshot::new(entries);
        let mut resolved = config::resolve(&mut snapshot, &path);
        let missing = snapshot.missing();
        if missing.is_empty() {
            resolved.options.rules.extend(&self.settings);
            self.documents.open(&uri, text, None, resolved.options);
        }
        to_js(&Opened { missing, config: resolved.config, problems: resolved.problems })
    }

    /// The document's new text; `false` when it is not open.
    pub fn change(&mut self, uri: &str, text: String) -> bool {
        self.documents.change(uri, text, None).is_some()
    }

    pub fn close(&mut self, uri: &str) {
        self.documents.close(uri);
    }

    /// The document's report: kind, technology and authentication type, and the findings the
    /// editor shows (none when it is not a payload); `undefined` when it is not open.
    pub fn report(&mut self, uri: &str) -> Result<JsValue> {
        let Some(document) = self.documents.get_mut(uri) else { return Ok(JsValue::UNDEFINED) };
        let text = document.text.clone();
        let utf16 = LineIndex::new(&text);
        let report = document.report();
        let mut out = js::report(report, &text);
        out.diagnostics = editor::published(report).iter().map(|d| diagnostic::diagnostic(d, Some(&utf16))).collect();
        to_js(&out)
    }

    /// The hover at UTF-16 `at`: `{ markdown, from, to }`, or `null`.
    pub fn hover(&mut self, uri: &str, at: f64) -> Result<JsValue> {
        let Some(document) = self.documents.get_mut(uri) else { return Ok(JsValue::NULL) };
        document.report();
        let lines = LineIndex::new(&document.text);
        let found = editor::hover(document, lines.byte(offset(at, "hover(uri, at): at")?));
        to_js(&found.map(|h| HoverOut {
            markdown: h.markdown,
            from: lines.utf16(h.span.start),
            to: lines.utf16(h.span.end),
        }))
    }

    /// The completions at UTF-16 `at`, as the package's `complete`.
    pub fn complete(&mut self, uri: &str, at: f64) -> Result<JsValue> {
        let Some(document) = self.documents.get(uri) else { return to_js(&Vec::<()>::new()) };
        to_js(&js::completions(&document.text, offset(at, "complete(uri, at): at")?, &document.options))
    }

    /// The code actions for the UTF-16 range `from..to`: a quick fix for each finding there that
    /// has one, and, with `fix_all`, "Fix all" when any finding has a fix.
    pub fn actions(&mut self, uri: &str, from: f64, to: f64, fix_all: bool) -> Result<JsValue> {
        let Some(document) = self.documents.get_mut(uri) else { return to_js(&Vec::<()>::new()) };
        let text = document.text.clone();
        let lines = LineIndex::new(&text);
        let (from, to) = (lines.byte(offset(from, "actions: from")?), lines.byte(offset(to, "actions: to")?));
        let actions: Vec<ActionOut> = editor::actions(document, from, to, fix_all)
            .into_iter()
            .map(|action| ActionOut {
                title: action.title,
                kind: match action.kind {
                    ActionKind::QuickFix => "quickfix",
                    ActionKind::FixAll => "fixAll",
                },
                finding: action.finding,
                edits: action
                    .edits
                    .into_iter()
                    .map(|e| js::EditOut {
                        from: lines.utf16(e.span.start),
                        to: lines.utf16(e.span.end),
                        insert: e.text,
                    })
                    .collect(),
            })
            .collect();
        to_js(&actions)
    }

    /// The documentation of the rule `code`, on the web.
    #[wasm_bindgen(js_name = ruleUrl)]
    pub fn rule_url(code: &str) -> String {
        editor::rule_url(code)
    }
}

/// What the extension fetched at a path, as JavaScript gives it.
mod serde_json_like {
    use super::Entry;
    use serde::Deserialize;

    #[derive(Deserialize)]
    #[serde(untagged)]
    pub enum Fetched {
        Text(String),
        Present(bool),
    }

    impl From<Fetched> for Entry {
        fn from(fetched: Fetched) -> Entry {
            match fetched {
                Fetched::Text(text) => Entry::File(Some(text)),
                Fetched::Present(true) => Entry::Folder,
                Fetched::Present(false) => Entry::Missing,
            }
        }
    }
}
