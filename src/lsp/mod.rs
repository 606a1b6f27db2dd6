//! `immuta-preflight lsp`: a language server over standard input and output, the native binary's
//! fifth door over the same `check`: diagnostics on open and on every change, quick fixes and
//! "fix all", hover on a finding (the rule's docs) and on a field (the schema's words and
//! values), and completion of member names and enum values.
//!
//! The protocol's types are rust-analyzer's `lsp-types`. The framing is ours: lsp-server's reader
//! thread stops at the first message that is not JSON, and a malformed message must get an error
//! response, never end the server.
//!
//! Three threads: one reads messages, one checks documents, and the main one answers. A check
//! that is overtaken by a newer change is dropped before it starts (the checker keeps only the
//! latest text of each document) or its result is dropped when it ends, so a huge document
//! never queues up work, and requests are answered while it is being checked.

mod features;
mod framing;
mod options;

use immuta_preflight_core::position::{LineIndex, Unit};
use immuta_preflight_core::{Options, Report, check};
use immuta_preflight_service::documents::{Document, Documents};
use immuta_preflight_service::{editor, failure};
use lsp_types as lsp;
use serde_json::{Value, json};
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, Sender};

/// What the main thread waits for.
enum Event {
    Incoming(framing::Incoming),
    /// A check ended: its report, or the line that says it failed inside immuta-preflight.
    Checked(Box<(Job, Result<Report, String>)>),
}

/// A document's text to check, at the service's own count of its changes.
struct Job {
    uri: lsp::Uri,
    revision: u64,
    text: Arc<str>,
    options: Options,
}

impl Job {
    fn of(uri: lsp::Uri, document: &Document) -> Job {
        Job { uri, revision: document.revision, text: document.text.clone(), options: document.options.clone() }
    }
}

/// Runs the server until `exit`; returns the exit code (1 when `exit` came before `shutdown`).
pub fn serve() -> i32 {
    let (events, inbox) = mpsc::channel();
    let reader = events.clone();
    std::thread::spawn(move || {
        framing::read_all(std::io::stdin().lock(), |incoming| reader.send(Event::Incoming(incoming)).is_ok())
    });
    let (jobs, queue) = mpsc::channel();
    std::thread::spawn(move || run_checks(&queue, &events));
    let mut out = std::io::stdout().lock();
    let mut server = Server { jobs: Some(jobs), ..Server::default() };
    while let Ok(event) = inbox.recv() {
        let messages = match event {
            Event::Incoming(incoming) => handle_guarded(&mut server, incoming),
            Event::Checked(done) => server.checked(done.0, done.1).into_iter().collect(),
        };
        for message in messages {
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

/// Handles the messages framed in `input` one after another, as the server would, but on this
/// thread and without checking documents in the background (a code action checks its document on
/// demand): the answers, in order. For the fuzz target of the server's framing and dispatch.
pub fn replay(input: &[u8]) -> Vec<Value> {
    let mut server = Server::default();
    let mut answers = Vec::new();
    framing::read_all(input, |incoming| {
        answers.extend(handle_guarded(&mut server, incoming));
        server.exit_code.is_none()
    });
    answers
}

/// A message handled; a failure inside immuta-preflight while handling it is answered, when it was
/// a request, with an internal error, and the server goes on.
fn handle_guarded(server: &mut Server, incoming: framing::Incoming) -> Vec<Value> {
    let id = match &incoming {
        framing::Incoming::Message(message) => message.get("id").cloned(),
        framing::Incoming::Malformed(_) => None,
    };
    failure::guarded("a request", || server.handle(incoming)).unwrap_or_else(|line| match id {
        Some(id) => vec![error_response(id, -32603, line.trim_end())],
        None => Vec::new(),
    })
}

/// The checker: of all the jobs waiting, only the latest of each document is checked.
fn run_checks(queue: &Receiver<Job>, events: &Sender<Event>) {
    let mut waiting: Vec<Job> = Vec::new();
    loop {
        if waiting.is_empty() {
            match queue.recv() {
                Ok(job) => waiting.push(job),
                Err(_) => return,
            }
        }
        for job in queue.try_iter() {
            waiting.retain(|w| w.uri != job.uri);
            waiting.push(job);
        }
        let job = waiting.remove(0);
        let report = failure::guarded(job.uri.as_str(), || {
            // The tests' way to make a check fail: a marker in the text.
            if std::env::var("IMMUTA_PREFLIGHT_TEST_PANIC_ON").is_ok_and(|marker| job.text.contains(&marker)) {
                panic!("a panic provoked by a test");
            }
            check(&job.text, &job.options)
        });
        if events.send(Event::Checked(Box::new((job, report)))).is_err() {
            return;
        }
    }
}

#[derive(Default)]
struct Server {
    /// What the client's columns count, as negotiated at `initialize`: UTF-8 bytes when it
    /// offers them, else UTF-16 code units (the protocol's default).
    unit: Option<Unit>,
    documents: Documents,
    jobs: Option<Sender<Job>>,
    shut_down: bool,
    exit_code: Option<i32>,
}

impl Server {
    fn handle(&mut self, incoming: framing::Incoming) -> Vec<Value> {
        let message = match incoming {
            framing::Incoming::Message(message) => message,
            framing::Incoming::Malformed(why) => return vec![error_response(Value::Null, -32700, &why)],
        };
        let method = message.get("method").and_then(Value::as_str).map(str::to_string);
        let id = message.get("id").cloned();
        let params = message.get("params").cloned().unwrap_or(Value::Null);
        let Some(method) = method else {
            // A response to us (we send no requests), or not a message at all.
            if id.is_none() || message.get("result").is_none() && message.get("error").is_none() {
                return vec![error_response(
                    id.unwrap_or(Value::Null),
                    -32600,
                    "not a JSON-RPC request or notification",
                )];
            }
            return Vec::new();
        };
        match id {
            Some(id) => vec![match self.request(&method, params) {
                Ok(result) => json!({ "jsonrpc": "2.0", "id": id, "result": result }),
                Err((code, why)) => error_response(id, code, &why),
            }],
            None => self.notification(&method, params).into_iter().collect(),
        }
    }

    fn request(&mut self, method: &str, params: Value) -> Result<Value, (i32, String)> {
        if self.unit.is_none() && method != "initialize" {
            return Err((-32002, "the server is not initialized yet: send `initialize` first".into()));
        }
        if self.shut_down {
            return Err((-32600, "the server is shut down: only `exit` is left".into()));
        }
        let unit = self.unit.unwrap_or(Unit::Utf16);
        match method {
            "initialize" => {
                let params: lsp::InitializeParams = parse(params)?;
                let offered = params.capabilities.general.and_then(|g| g.position_encodings).unwrap_or_default();
                let utf8 = offered.contains(&lsp::PositionEncodingKind::UTF8);
                self.unit = Some(if utf8 { Unit::Utf8 } else { Unit::Utf16 });
                to_value(initialized(utf8))
            }
            "shutdown" => {
                self.shut_down = true;
                Ok(Value::Null)
            }
            "textDocument/codeAction" => {
                let params: lsp::CodeActionParams = parse(params)?;
                let uri = params.text_document.uri.clone();
                to_value(
                    self.documents
                        .get_mut(uri.as_str())
                        .map(|d| features::code_actions(d, &params, unit))
                        .unwrap_or_default(),
                )
            }
            "textDocument/hover" => {
                let params: lsp::HoverParams = parse(params)?;
                let at = params.text_document_position_params;
                let document = self.documents.get(at.text_document.uri.as_str());
                to_value(document.and_then(|d| features::hover(d, at.position, unit)))
            }
            "textDocument/completion" => {
                let params: lsp::CompletionParams = parse(params)?;
                let at = params.text_document_position;
                let document = self.documents.get(at.text_document.uri.as_str());
                match document {
                    Some(d) => to_value(features::completion(d, at.position, unit)),
                    None => to_value(Vec::<lsp::CompletionItem>::new()),
                }
            }
            other => Err((-32601, format!("immuta-preflight does not answer `{other}`"))),
        }
    }

    fn notification(&mut self, method: &str, params: Value) -> Option<Value> {
        match method {
            "exit" => self.exit_code = Some(if self.shut_down { 0 } else { 1 }),
            "textDocument/didOpen" => {
                let params = parse::<lsp::DidOpenTextDocumentParams>(params).ok()?;
                let uri = params.text_document.uri;
                let options = options::options_for(&uri);
                let version = Some(params.text_document.version);
                let document = self.documents.open(uri.as_str(), params.text_document.text, version, options);
                let job = Job::of(uri, document);
                self.send(job);
            }
            "textDocument/didChange" => {
                let params = parse::<lsp::DidChangeTextDocumentParams>(params).ok()?;
                let text = params.content_changes.into_iter().last()?.text;
                let uri = params.text_document.uri;
                let document = self.documents.change(uri.as_str(), text, Some(params.text_document.version))?;
                let job = Job::of(uri, document);
                self.send(job);
            }
            "textDocument/didClose" => {
                let params = parse::<lsp::DidCloseTextDocumentParams>(params).ok()?;
                self.documents.close(params.text_document.uri.as_str())?;
                return Some(publish(&params.text_document.uri, None, Vec::new()));
            }
            _ => {}
        }
        None
    }

    /// Sends a document's new text to the checker.
    fn send(&self, job: Job) {
        if let Some(jobs) = &self.jobs {
            // The checker ends only with the server.
            let _ = jobs.send(job);
        }
    }

    /// A check ended: its diagnostics are published if the document has not changed since.
    fn checked(&mut self, job: Job, report: Result<Report, String>) -> Option<Value> {
        let unit = self.unit?;
        let failure = report.as_ref().err().cloned();
        let document = self.documents.checked(job.uri.as_str(), job.revision, report.map_err(|_| ()))?;
        if let Some(line) = failure {
            return Some(publish(&job.uri, document.version, vec![failure_diagnostic(&line)]));
        }
        let report = document.report.as_ref()?;
        let lines = LineIndex::new(&document.text);
        let diagnostics =
            editor::published(report).iter().map(|d| features::diagnostic(d, &lines, unit, &job.uri)).collect();
        Some(publish(&job.uri, document.version, diagnostics))
    }
}

/// The one finding of a document whose check failed inside immuta-preflight, at its start.
fn failure_diagnostic(line: &str) -> lsp::Diagnostic {
    lsp::Diagnostic {
        severity: Some(lsp::DiagnosticSeverity::ERROR),
        code: Some(lsp::NumberOrString::String("internal-error".into())),
        source: Some("immuta-preflight".into()),
        message: line.trim_end().to_string(),
        ..lsp::Diagnostic::default()
    }
}

fn publish(uri: &lsp::Uri, version: Option<i32>, diagnostics: Vec<lsp::Diagnostic>) -> Value {
    let params = lsp::PublishDiagnosticsParams { uri: uri.clone(), diagnostics, version };
    json!({ "jsonrpc": "2.0", "method": "textDocument/publishDiagnostics", "params": params })
}

/// What the server can do, and its position encoding.
fn initialized(utf8: bool) -> lsp::InitializeResult {
    let trigger = vec!["\"".to_string(), ":".to_string()];
    lsp::InitializeResult {
        capabilities: lsp::ServerCapabilities {
            position_encoding: Some(if utf8 {
                lsp::PositionEncodingKind::UTF8
            } else {
                lsp::PositionEncodingKind::UTF16
            }),
            text_document_sync: Some(lsp::TextDocumentSyncCapability::Options(lsp::TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(lsp::TextDocumentSyncKind::FULL),
                ..lsp::TextDocumentSyncOptions::default()
            })),
            code_action_provider: Some(lsp::CodeActionProviderCapability::Options(lsp::CodeActionOptions {
                code_action_kinds: Some(vec![lsp::CodeActionKind::QUICKFIX, lsp::CodeActionKind::SOURCE_FIX_ALL]),
                ..lsp::CodeActionOptions::default()
            })),
            hover_provider: Some(lsp::HoverProviderCapability::Simple(true)),
            completion_provider: Some(lsp::CompletionOptions {
                trigger_characters: Some(trigger),
                ..lsp::CompletionOptions::default()
            }),
            ..lsp::ServerCapabilities::default()
        },
        server_info: Some(lsp::ServerInfo {
            name: "immuta-preflight".into(),
            version: Some(immuta_preflight_core::VERSION.into()),
        }),
    }
}

fn to_value(value: impl serde::Serialize) -> Result<Value, (i32, String)> {
    serde_json::to_value(value).map_err(|error| (-32603, error.to_string()))
}

fn parse<T: serde::de::DeserializeOwned>(params: Value) -> Result<T, (i32, String)> {
    serde_json::from_value(params).map_err(|error| (-32602, format!("invalid params: {error}")))
}

fn error_response(id: Value, code: i32, message: &str) -> Value {
    json!({ "jsonrpc": "2.0", "id": id, "error": { "code": code, "message": message } })
}
