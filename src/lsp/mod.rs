//! `immuta-preflight lsp`: a language server over standard input and output, the native binary's
//! fifth door over the same `check`. Work in progress (issue 17): diagnostics, quick fixes, "fix
//! all", hover on a finding and position encodings are here; completion and hover on fields are
//! not yet.
//!
//! The protocol's types are rust-analyzer's `lsp-types`. The framing is ours: lsp-server's reader
//! thread stops at the first message that is not JSON, and a malformed message must get an error
//! response, never end the server.

mod framing;
mod position;

use immuta_preflight::cli::config::{Config, FILE_NAME};
use immuta_preflight::{Format, Options, Report, Severity, apply_fixes, check, rules};
use lsp_types as lsp;
use position::{Encoding, Lines};
use serde_json::{Value, json};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::mpsc;

/// Runs the server until `exit`; returns the exit code (1 when `exit` came before `shutdown`).
pub fn serve() -> i32 {
    let (sender, receiver) = mpsc::channel();
    std::thread::spawn(move || framing::read_all(std::io::stdin().lock(), sender));
    let mut out = std::io::stdout().lock();
    let mut server = Server::default();
    while let Ok(incoming) = receiver.recv() {
        let mut batch = vec![incoming];
        // Whatever else has arrived: a document changed again is checked once, at its latest text.
        batch.extend(receiver.try_iter());
        for message in server.handle_batch(batch) {
            if framing::write(&mut out, &message).is_err() {
                return 1;
            }
        }
        if let Some(code) = server.exit_code {
            return code;
        }
    }
    // Standard input closed without `exit`.
    1
}

#[derive(Default)]
pub struct Server {
    encoding: Option<Encoding>,
    documents: HashMap<lsp::Uri, Document>,
    shut_down: bool,
    pub exit_code: Option<i32>,
}

struct Document {
    text: String,
    options: Options,
    report: Option<Report>,
}

impl Server {
    /// Handles what arrived together; a document's diagnostics are published once, after the
    /// last change of the batch.
    pub fn handle_batch(&mut self, batch: Vec<framing::Incoming>) -> Vec<Value> {
        let mut out = Vec::new();
        let mut changed: Vec<lsp::Uri> = Vec::new();
        for incoming in batch {
            match incoming {
                framing::Incoming::Message(message) => self.handle(message, &mut out, &mut changed),
                framing::Incoming::Malformed(why) => out.push(error_response(Value::Null, -32700, &why)),
            }
            if self.exit_code.is_some() {
                break;
            }
        }
        for uri in changed {
            out.extend(self.publish(&uri));
        }
        out
    }

    fn handle(&mut self, message: Value, out: &mut Vec<Value>, changed: &mut Vec<lsp::Uri>) {
        let method = message.get("method").and_then(Value::as_str).map(str::to_string);
        let id = message.get("id").cloned();
        let params = message.get("params").cloned().unwrap_or(Value::Null);
        let Some(method) = method else {
            // A response to us (we send no requests), or not a message at all.
            if id.is_none() || message.get("result").is_none() && message.get("error").is_none() {
                out.push(error_response(id.unwrap_or(Value::Null), -32600, "not a JSON-RPC request or notification"));
            }
            return;
        };
        match id {
            Some(id) => out.push(match self.request(&method, params) {
                Ok(result) => json!({ "jsonrpc": "2.0", "id": id, "result": result }),
                Err((code, why)) => error_response(id, code, &why),
            }),
            None => self.notification(&method, params, changed),
        }
    }

    fn request(&mut self, method: &str, params: Value) -> Result<Value, (i32, String)> {
        if self.encoding.is_none() && method != "initialize" {
            return Err((-32002, "the server is not initialized yet: send `initialize` first".into()));
        }
        if self.shut_down {
            return Err((-32600, "the server is shut down: only `exit` is left".into()));
        }
        match method {
            "initialize" => {
                let params: lsp::InitializeParams = parse(params)?;
                let offered = params.capabilities.general.and_then(|g| g.position_encodings).unwrap_or_default();
                let encoding =
                    if offered.contains(&lsp::PositionEncodingKind::UTF8) { Encoding::Utf8 } else { Encoding::Utf16 };
                self.encoding = Some(encoding);
                Ok(json!({
                    "capabilities": {
                        "positionEncoding": if encoding == Encoding::Utf8 { "utf-8" } else { "utf-16" },
                        "textDocumentSync": { "openClose": true, "change": 1 },
                        "codeActionProvider": { "codeActionKinds": ["quickfix", "source.fixAll"] },
                        "hoverProvider": true,
                    },
                    "serverInfo": { "name": "immuta-preflight", "version": immuta_preflight::VERSION },
                }))
            }
            "shutdown" => {
                self.shut_down = true;
                Ok(Value::Null)
            }
            "textDocument/codeAction" => {
                let params: lsp::CodeActionParams = parse(params)?;
                Ok(self.code_actions(&params))
            }
            "textDocument/hover" => {
                let params: lsp::HoverParams = parse(params)?;
                Ok(self.hover(&params.text_document_position_params))
            }
            other => Err((-32601, format!("immuta-preflight does not answer `{other}`"))),
        }
    }

    fn notification(&mut self, method: &str, params: Value, changed: &mut Vec<lsp::Uri>) {
        let mut touched = |uri: lsp::Uri| {
            if !changed.contains(&uri) {
                changed.push(uri);
            }
        };
        match method {
            "exit" => self.exit_code = Some(if self.shut_down { 0 } else { 1 }),
            "textDocument/didOpen" => {
                if let Ok(params) = parse::<lsp::DidOpenTextDocumentParams>(params) {
                    let uri = params.text_document.uri;
                    let options = options_for(&uri);
                    self.documents
                        .insert(uri.clone(), Document { text: params.text_document.text, options, report: None });
                    touched(uri);
                }
            }
            "textDocument/didChange" => {
                if let Ok(params) = parse::<lsp::DidChangeTextDocumentParams>(params)
                    && let Some(document) = self.documents.get_mut(&params.text_document.uri)
                    && let Some(last) = params.content_changes.into_iter().last()
                {
                    document.text = last.text;
                    document.report = None;
                    touched(params.text_document.uri);
                }
            }
            "textDocument/didClose" => {
                if let Ok(params) = parse::<lsp::DidCloseTextDocumentParams>(params) {
                    self.documents.remove(&params.text_document.uri);
                    touched(params.text_document.uri);
                }
            }
            _ => {}
        }
    }

    /// Checks the document (if it is still open) and publishes its diagnostics.
    fn publish(&mut self, uri: &lsp::Uri) -> Option<Value> {
        let encoding = self.encoding?;
        let diagnostics = match self.documents.get_mut(uri) {
            Some(document) => {
                let report = document.report.get_or_insert_with(|| check(&document.text, &document.options));
                // Not a payload: no diagnostics, as `check --payloads-only`.
                if report.kind.is_none() {
                    Vec::new()
                } else {
                    let lines = Lines::new(&document.text);
                    report.diagnostics.iter().map(|d| diagnostic(d, &lines, encoding, uri)).collect()
                }
            }
            None => Vec::new(),
        };
        Some(json!({
            "jsonrpc": "2.0",
            "method": "textDocument/publishDiagnostics",
            "params": { "uri": uri, "diagnostics": diagnostics },
        }))
    }

    fn code_actions(&self, params: &lsp::CodeActionParams) -> Value {
        let (Some(encoding), Some(document)) = (self.encoding, self.documents.get(&params.text_document.uri)) else {
            return json!([]);
        };
        let Some(report) = document.report.as_ref().filter(|r| r.kind.is_some()) else { return json!([]) };
        let lines = Lines::new(&document.text);
        let from = lines.offset(params.range.start, encoding);
        let to = lines.offset(params.range.end, encoding);
        let uri = &params.text_document.uri;
        let mut actions = Vec::new();
        for finding in &report.diagnostics {
            let Some(fix) = &finding.fix else { continue };
            if finding.span.end < from || finding.span.start > to {
                continue;
            }
            let edits: Vec<Value> = fix
                .edits
                .iter()
                .map(|edit| {
                    let text: String = edit
                        .parts
                        .iter()
                        .map(|part| match part {
                            immuta_preflight::Part::Text(text) => text.as_str(),
                            immuta_preflight::Part::Copy { from, .. } => {
                                document.text.get(from.start..from.end).unwrap_or_default()
                            }
                        })
                        .collect();
                    json!({ "range": range(&lines, edit.span.start, edit.span.end, encoding), "newText": text })
                })
                .collect();
            actions.push(json!({
                "title": format!("{} ({})", fix.message, finding.code.as_str()),
                "kind": "quickfix",
                "diagnostics": [diagnostic(finding, &lines, encoding, uri)],
                "edit": { "changes": { uri.as_str(): edits } },
            }));
        }
        if report.diagnostics.iter().any(|d| d.fix.is_some()) {
            let fixed = apply_fixes(&document.text, &document.options, None);
            actions.push(json!({
                "title": "Fix all safe issues (immuta-preflight)",
                "kind": "source.fixAll",
                "edit": { "changes": { uri.as_str(): [{
                    "range": range(&lines, 0, document.text.len(), encoding),
                    "newText": fixed,
                }] } },
            }));
        }
        Value::Array(actions)
    }

    /// On a finding: its rule's documentation (the text of `explain`).
    fn hover(&self, at: &lsp::TextDocumentPositionParams) -> Value {
        let (Some(encoding), Some(document)) = (self.encoding, self.documents.get(&at.text_document.uri)) else {
            return Value::Null;
        };
        let Some(report) = document.report.as_ref().filter(|r| r.kind.is_some()) else { return Value::Null };
        let lines = Lines::new(&document.text);
        let offset = lines.offset(at.position, encoding);
        let Some(finding) = report.diagnostics.iter().find(|d| d.span.start <= offset && offset <= d.span.end) else {
            return Value::Null;
        };
        let Some(rule) = rules::find(finding.code.as_str()) else { return Value::Null };
        json!({
            "contents": { "kind": "markdown", "value": format!("**{}** ({})\n\n{}\n\n{}", rule.code, rule.severity.as_str(), rule.summary, rule.doc) },
            "range": range(&lines, finding.span.start, finding.span.end, encoding),
        })
    }
}

fn parse<T: serde::de::DeserializeOwned>(params: Value) -> Result<T, (i32, String)> {
    serde_json::from_value(params).map_err(|error| (-32602, format!("invalid params: {error}")))
}

fn error_response(id: Value, code: i32, message: &str) -> Value {
    json!({ "jsonrpc": "2.0", "id": id, "error": { "code": code, "message": message } })
}

fn range(lines: &Lines, start: usize, end: usize, encoding: Encoding) -> lsp::Range {
    lsp::Range { start: lines.position(start, encoding), end: lines.position(end, encoding) }
}

fn diagnostic(finding: &immuta_preflight::Diagnostic, lines: &Lines, encoding: Encoding, uri: &lsp::Uri) -> Value {
    let severity = match finding.severity {
        Severity::Error => 1,
        Severity::Warning => 2,
        Severity::Info => 3,
    };
    let range = range(lines, finding.span.start, finding.span.end, encoding);
    let mut value = json!({
        "range": range,
        "severity": severity,
        "code": finding.code.as_str(),
        "codeDescription": { "href": format!("{}#rules", RULES_URL) },
        "source": "immuta-preflight",
        "message": finding.message,
    });
    if let Some(help) = &finding.help {
        value["relatedInformation"] =
            json!([{ "location": { "uri": uri, "range": range }, "message": format!("help: {help}") }]);
    }
    value
}

const RULES_URL: &str = "https://github.com/immuta-preflight/immuta-preflight/blob/main/README.md";

/// The options for a document: its format from its name, and the kind and rule options the
/// project's config file gives its path (the config found from its folder up to the repository
/// root). A config that does not read is left out: the command line reports its mistakes.
fn options_for(uri: &lsp::Uri) -> Options {
    let path = file_path(uri);
    let format = path.as_deref().and_then(Path::to_str).and_then(Format::from_path);
    let mut options = Options { format, ..Options::default() };
    let Some(path) = path else { return options };
    for folder in path.ancestors().skip(1) {
        let config_path = folder.join(FILE_NAME);
        if let Ok(text) = std::fs::read_to_string(&config_path) {
            if let (Ok(config), Ok(relative)) = (Config::parse(FILE_NAME, &text), path.strip_prefix(folder)) {
                let for_file = config.for_file(&relative.to_string_lossy().replace('\\', "/"));
                options.kind = for_file.kind;
                options.rules = for_file.rules;
            }
            break;
        }
        if folder.join(".git").exists() {
            break;
        }
    }
    options
}

fn file_path(uri: &lsp::Uri) -> Option<PathBuf> {
    let text = uri.as_str().strip_prefix("file://")?;
    let mut bytes = Vec::with_capacity(text.len());
    let mut rest = text.as_bytes();
    while let Some((&b, tail)) = rest.split_first() {
        if b == b'%' && tail.len() >= 2 {
            let hex = std::str::from_utf8(&tail[..2]).ok()?;
            bytes.push(u8::from_str_radix(hex, 16).ok()?);
            rest = &tail[2..];
        } else {
            bytes.push(b);
            rest = tail;
        }
    }
    Some(PathBuf::from(String::from_utf8(bytes).ok()?))
}
