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
mod position;

use immuta_preflight::cli::failure;
use immuta_preflight::{Options, Report, check};
use lsp_types as lsp;
use position::{Encoding, Lines};
use serde_json::{Value, json};
use std::collections::HashMap;
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, Sender};

/// What the main thread waits for.
enum Event {
    Incoming(framing::Incoming),
    /// A check ended: its report, or the line that says it failed inside immuta-preflight.
    Checked(Box<(Job, Result<Report, String>)>),
}

/// A document's text to check, at the server's own count of its changes.
struct Job {
    uri: lsp::Uri,
    revision: u64,
    text: Arc<str>,
    options: Options,
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
    encoding: Option<Encoding>,
    documents: HashMap<lsp::Uri, Document>,
    jobs: Option<Sender<Job>>,
    revisions: u64,
    shut_down: bool,
    exit_code: Option<i32>,
}

pub struct Document {
    pub text: Arc<str>,
    pub options: Options,
    /// The client's version, echoed in the diagnostics.
    version: Option<i32>,
    revision: u64,
    /// The report of this text, once checked.
    pub report: Option<Report>,
    /// Checking this text failed inside immuta-preflight: it has no report, and none is made.
    pub failed: bool,
}

impl Document {
    /// The report of the current text: the checker's, or one made now when a code action is asked
    /// for first.
    pub fn report(&mut self) -> &Report {
        self.report.get_or_insert_with(|| check(&self.text, &self.options))
    }
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
        if self.encoding.is_none() && method != "initialize" {
            return Err((-32002, "the server is not initialized yet: send `initialize` first".into()));
        }
        if self.shut_down {
            return Err((-32600, "the server is shut down: only `exit` is left".into()));
        }
        let encoding = self.encoding.unwrap_or(Encoding::Utf16);
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
                        "completionProvider": { "triggerCharacters": ["\"", ":"] },
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
                let uri = params.text_document.uri.clone();
                Ok(self.documents.get_mut(&uri).map_or(json!([]), |d| features::code_actions(d, &params, encoding)))
            }
            "textDocument/hover" => {
                let params: lsp::HoverParams = parse(params)?;
                let at = params.text_document_position_params;
                let document = self.documents.get(&at.text_document.uri);
                Ok(document.map_or(Value::Null, |d| features::hover(d, at.position, encoding)))
            }
            "textDocument/completion" => {
                let params: lsp::CompletionParams = parse(params)?;
                let at = params.text_document_position;
                let document = self.documents.get(&at.text_document.uri);
                Ok(document.map_or(json!([]), |d| features::completion(d, at.position, encoding)))
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
                self.update(uri, params.text_document.text, version, Some(options));
            }
            "textDocument/didChange" => {
                let params = parse::<lsp::DidChangeTextDocumentParams>(params).ok()?;
                let text = params.content_changes.into_iter().last()?.text;
                let uri = params.text_document.uri;
                if self.documents.contains_key(&uri) {
                    self.update(uri, text, Some(params.text_document.version), None);
                }
            }
            "textDocument/didClose" => {
                let params = parse::<lsp::DidCloseTextDocumentParams>(params).ok()?;
                self.documents.remove(&params.text_document.uri)?;
                return Some(publish(&params.text_document.uri, None, Vec::new()));
            }
            _ => {}
        }
        None
    }

    /// Takes a document's new text and sends it to the checker.
    fn update(&mut self, uri: lsp::Uri, text: String, version: Option<i32>, options: Option<Options>) {
        self.revisions += 1;
        let revision = self.revisions;
        let text: Arc<str> = text.into();
        let options = match (options, self.documents.get(&uri)) {
            (Some(options), _) => options,
            (None, Some(document)) => document.options.clone(),
            (None, None) => Options::default(),
        };
        let job = Job { uri: uri.clone(), revision, text: text.clone(), options: options.clone() };
        self.documents.insert(uri, Document { text, options, version, revision, report: None, failed: false });
        if let Some(jobs) = &self.jobs {
            // The checker ends only with the server.
            let _ = jobs.send(job);
        }
    }

    /// A check ended: its diagnostics are published if the document has not changed since.
    fn checked(&mut self, job: Job, report: Result<Report, String>) -> Option<Value> {
        let encoding = self.encoding?;
        let document = self.documents.get_mut(&job.uri).filter(|d| d.revision == job.revision)?;
        let report = match report {
            Ok(report) => document.report.insert(report),
            Err(line) => {
                document.failed = true;
                return Some(publish(&job.uri, document.version, vec![failure_diagnostic(&line)]));
            }
        };
        // Not a payload: no diagnostics, as `check --payloads-only`.
        let diagnostics = if report.kind.is_none() {
            Vec::new()
        } else {
            let lines = Lines::new(&document.text);
            report.diagnostics.iter().map(|d| features::diagnostic(d, &lines, encoding, &job.uri)).collect()
        };
        Some(publish(&job.uri, document.version, diagnostics))
    }
}

/// The one finding of a document whose check failed inside immuta-preflight, at its start.
fn failure_diagnostic(line: &str) -> Value {
    let start = json!({ "line": 0, "character": 0 });
    json!({
        "range": { "start": start, "end": start },
        "severity": 1,
        "code": "internal-error",
        "source": "immuta-preflight",
        "message": line.trim_end(),
    })
}

fn publish(uri: &lsp::Uri, version: Option<i32>, diagnostics: Vec<Value>) -> Value {
    let mut params = json!({ "uri": uri, "diagnostics": diagnostics });
    if let Some(version) = version {
        params["version"] = json!(version);
    }
    json!({ "jsonrpc": "2.0", "method": "textDocument/publishDiagnostics", "params": params })
}

fn parse<T: serde::de::DeserializeOwned>(params: Value) -> Result<T, (i32, String)> {
    serde_json::from_value(params).map_err(|error| (-32602, format!("invalid params: {error}")))
}

fn error_response(id: Value, code: i32, message: &str) -> Value {
    json!({ "jsonrpc": "2.0", "id": id, "error": { "code": code, "message": message } })
}
