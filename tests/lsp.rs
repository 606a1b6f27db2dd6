//! `immuta-preflight lsp`, driven over standard input and output as an editor drives it.

mod common;

use immuta_preflight_core::{Options, check};
use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};

struct Client {
    child: Child,
    input: ChildStdin,
    output: BufReader<ChildStdout>,
    next_id: i64,
    /// Messages read while waiting for a response, in order.
    skipped: std::collections::VecDeque<Value>,
}

impl Client {
    fn start() -> Client {
        Client::start_with(&[])
    }

    fn start_with(env: &[(&str, &str)]) -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_immuta-preflight"))
            .arg("lsp")
            .env_remove("RUST_BACKTRACE")
            .envs(env.iter().copied())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("start the server");
        let input = child.stdin.take().expect("stdin");
        let output = BufReader::new(child.stdout.take().expect("stdout"));
        Client { child, input, output, next_id: 1, skipped: Default::default() }
    }

    fn send_raw(&mut self, body: &[u8]) {
        write!(self.input, "Content-Length: {}\r\n\r\n", body.len()).expect("write");
        self.input.write_all(body).expect("write");
        self.input.flush().expect("flush");
    }

    fn notify(&mut self, method: &str, params: Value) {
        let body = json!({ "jsonrpc": "2.0", "method": method, "params": params });
        self.send_raw(body.to_string().as_bytes());
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        let body = json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params });
        self.send_raw(body.to_string().as_bytes());
        loop {
            let message = self.read();
            if message["id"] == json!(id) {
                return message;
            }
            self.skipped.push_back(message);
        }
    }

    fn receive(&mut self) -> Value {
        self.skipped.pop_front().unwrap_or_else(|| self.read())
    }

    fn read(&mut self) -> Value {
        let mut length = 0;
        loop {
            let mut line = String::new();
            assert!(self.output.read_line(&mut line).expect("read") > 0, "the server closed its output");
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some(value) = line.strip_prefix("Content-Length: ") {
                length = value.parse().expect("a length");
            }
        }
        let mut body = vec![0; length];
        self.output.read_exact(&mut body).expect("a body");
        serde_json::from_slice(&body).expect("JSON")
    }

    fn diagnostics(&mut self) -> Value {
        loop {
            let message = self.receive();
            if message["method"] == "textDocument/publishDiagnostics" {
                return message["params"].clone();
            }
        }
    }

    fn initialize(&mut self, encodings: Option<&[&str]>) -> Value {
        let capabilities = match encodings {
            Some(list) => json!({ "general": { "positionEncodings": list } }),
            None => json!({}),
        };
        let answer =
            self.request("initialize", json!({ "processId": null, "rootUri": null, "capabilities": capabilities }));
        self.notify("initialized", json!({}));
        answer
    }

    fn finish(mut self) -> i32 {
        assert_eq!(self.request("shutdown", Value::Null)["result"], Value::Null);
        self.notify("exit", Value::Null);
        self.child.wait().expect("the server ends").code().expect("an exit code")
    }
}

/// A test that fails leaves no server behind (it would hold the test run's standard error open).
impl Drop for Client {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

/// A payload with non-ASCII text before its findings: `é` and `𝄞` count 2 and 4 bytes, 1 and 2
/// UTF-16 units.
const PAYLOAD: &str =
    "{\n  \"connectionKey\": \"é𝄞-key\", \"connection\": { \"technology\": \"Snowflake\", \"port\": \"443\" }\n}\n";
const URI: &str = "file:///tmp/immuta-preflight-lsp-test/payload.json";

fn column(line: &str, byte: usize, utf16: bool) -> usize {
    if utf16 { line[..byte].encode_utf16().count() } else { byte }
}

#[test]
fn diagnostics_match_the_cli_in_both_position_encodings() {
    let expected = check(PAYLOAD, &Options::default());
    assert!(expected.diagnostics.iter().any(|d| d.code.as_str() == "wrong-type"));
    for (offered, utf16) in [(Some(&["utf-8", "utf-16"][..]), false), (None, true), (Some(&["utf-16"][..]), true)] {
        let mut client = Client::start();
        let answer = client.initialize(offered);
        let negotiated = answer["result"]["capabilities"]["positionEncoding"].clone();
        assert_eq!(negotiated, json!(if utf16 { "utf-16" } else { "utf-8" }));
        client.notify(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": URI, "languageId": "json", "version": 1, "text": PAYLOAD } }),
        );
        let published = client.diagnostics();
        let found = published["diagnostics"].as_array().expect("a list");
        assert_eq!(found.len(), expected.diagnostics.len(), "{found:?}");
        for (lsp, ours) in found.iter().zip(&expected.diagnostics) {
            assert_eq!(lsp["code"], json!(ours.code.as_str()));
            assert_eq!(lsp["message"], json!(ours.message));
            let line_start = PAYLOAD[..ours.span.start].rfind('\n').map_or(0, |i| i + 1);
            let line_text = &PAYLOAD[line_start..];
            let start = json!({
                "line": ours.location.line - 1,
                "character": column(line_text, ours.span.start - line_start, utf16),
            });
            assert_eq!(lsp["range"]["start"], start, "{lsp}");
        }
        assert_eq!(client.finish(), 0);
    }
}

#[test]
fn a_quick_fix_and_fix_all_edit_the_document_and_hover_explains_the_rule() {
    let mut client = Client::start();
    client.initialize(Some(&["utf-16"]));
    client.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": URI, "languageId": "json", "version": 1, "text": PAYLOAD } }),
    );
    let published = client.diagnostics();
    let wrong_type = published["diagnostics"]
        .as_array()
        .expect("a list")
        .iter()
        .find(|d| d["code"] == "wrong-type")
        .expect("the port as a string")
        .clone();
    let actions = client.request(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": URI }, "range": wrong_type["range"], "context": { "diagnostics": [wrong_type] } }),
    );
    let actions = actions["result"].as_array().expect("actions").clone();
    let quick = actions.iter().find(|a| a["kind"] == "quickfix").expect("a quick fix");
    let edits = &quick["edit"]["changes"][URI];
    assert_eq!(edits[0]["newText"], "443");
    let all = actions.iter().find(|a| a["kind"] == "source.fixAll").expect("fix all");
    let fixed = all["edit"]["changes"][URI][0]["newText"].as_str().expect("the fixed text");
    assert_eq!(fixed, immuta_preflight_core::apply_fixes(PAYLOAD, &Options::default(), None));
    let hover = client.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": URI }, "position": wrong_type["range"]["start"] }),
    );
    let docs = hover["result"]["contents"]["value"].as_str().expect("markdown");
    assert!(docs.starts_with("**wrong-type**") && docs.contains("## What it checks"), "{docs}");
    // The edited document is checked again at its new text.
    client.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": URI, "version": 2 }, "contentChanges": [{ "text": fixed }] }),
    );
    let again = client.diagnostics();
    assert!(again["diagnostics"].as_array().expect("a list").iter().all(|d| d["code"] != "wrong-type"));
    assert_eq!(client.finish(), 0);
}

#[test]
fn a_quick_fix_in_a_crlf_document_writes_crlf_as_check_fix_does() {
    let text = std::fs::read_to_string(common::root().join("invalid/missing-field.json")).expect("the fixture");
    let text = text.replace('\n', "\r\n");
    let mut client = Client::start();
    client.initialize(Some(&["utf-16"]));
    open(&mut client, URI, &text);
    let whole = json!({ "start": { "line": 0, "character": 0 }, "end": { "line": 99, "character": 0 } });
    let actions = client.request(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": URI }, "range": whole, "context": { "diagnostics": [] } }),
    );
    let actions = actions["result"].as_array().expect("actions").clone();
    let copy =
        actions.iter().find(|a| a["title"].as_str().is_some_and(|t| t.starts_with("copy `connection.password`")));
    let edit = copy.expect("the fix that copies the password")["edit"]["changes"][URI][0].clone();
    let new_text = edit["newText"].as_str().expect("the edit's text");
    assert!(new_text.contains("\r\n") && !new_text.replace("\r\n", "").contains('\n'), "{new_text:?}");
    // Applied to the document, the edit gives what `check --fix` writes.
    let at = |position: &Value| {
        let line = position["line"].as_u64().expect("a line") as usize;
        let start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
        start + position["character"].as_u64().expect("a column") as usize
    };
    let (from, to) = (at(&edit["range"]["start"]), at(&edit["range"]["end"]));
    let edited = format!("{}{new_text}{}", &text[..from], &text[to..]);
    assert_eq!(edited, immuta_preflight_core::apply_fixes(&text, &Options::default(), Some(&["missing-field"])));
    assert_eq!(client.finish(), 0);
}

#[test]
fn malformed_messages_get_errors_and_the_server_goes_on() {
    let mut client = Client::start();
    client.send_raw(b"{ this is not json");
    let error = client.receive();
    assert_eq!(error["error"]["code"], -32700, "{error}");
    assert_eq!(error["id"], Value::Null);
    let early = client.request("textDocument/hover", json!({}));
    assert_eq!(early["error"]["code"], -32002, "{early}");
    client.initialize(None);
    let bad_params = client.request("textDocument/hover", json!({ "textDocument": 7 }));
    assert_eq!(bad_params["error"]["code"], -32602, "{bad_params}");
    let unknown = client.request("workspace/symbol", json!({ "query": "x" }));
    assert_eq!(unknown["error"]["code"], -32601, "{unknown}");
    client.send_raw(b"[1, 2]");
    assert_eq!(client.receive()["error"]["code"], -32700);
    // A document that is not a payload gets no diagnostics.
    client.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": "file:///tmp/package.json", "languageId": "json", "version": 1, "text": "{\"name\": \"app\"}" } }),
    );
    assert_eq!(client.diagnostics()["diagnostics"], json!([]));
    assert_eq!(client.finish(), 0);
}

#[test]
fn exit_without_shutdown_is_exit_code_one() {
    let mut client = Client::start();
    client.initialize(None);
    client.notify("exit", Value::Null);
    assert_eq!(client.child.wait().expect("ends").code(), Some(1));
}

fn open(client: &mut Client, uri: &str, text: &str) -> Value {
    client.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": uri, "languageId": "json", "version": 1, "text": text } }),
    );
    client.diagnostics()
}

/// The position of the first `|` in `text`, and the text without it (UTF-16 columns).
fn cursor(text: &str) -> (Value, String) {
    let at = text.find('|').expect("a cursor");
    let line = text[..at].matches('\n').count();
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let character = text[line_start..at].encode_utf16().count();
    (json!({ "line": line, "character": character }), text.replacen('|', "", 1))
}

fn labels(answer: &Value) -> Vec<String> {
    answer["result"]["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|i| i["label"].as_str().expect("a label").to_string())
        .collect()
}

#[test]
fn completion_offers_missing_members_and_quoted_enum_values_in_json_and_yaml() {
    let mut client = Client::start();
    client.initialize(None);
    let (at, text) = cursor(
        "{\n  \"connectionKey\": \"é𝄞\",\n  \"connection\": {\n    \"technology\": \"Snowflake\",\n    \"authenticationType\": \"userPassword\",\n    \"wa|\"\n  }\n}\n",
    );
    open(&mut client, URI, &text);
    let answer = client.request("textDocument/completion", json!({ "textDocument": { "uri": URI }, "position": at }));
    assert_eq!(labels(&answer), ["warehouse"]);
    let edit = &answer["result"]["items"][0]["textEdit"];
    assert_eq!(edit["newText"], "\"warehouse\": ");
    // From the opening quote through the editor's closing one.
    assert_eq!(edit["range"]["start"]["character"], 4);
    assert_eq!(edit["range"]["end"]["character"], 8);

    let yaml_uri = "file:///tmp/immuta-preflight-lsp-test/payload.yaml";
    let (at, text) =
        cursor("connectionKey: k\nconnection:\n  technology: Snowflake\n  hostname: h\n  authenticationType: |\n");
    client.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": yaml_uri, "languageId": "yaml", "version": 1, "text": text } }),
    );
    client.diagnostics();
    let answer =
        client.request("textDocument/completion", json!({ "textDocument": { "uri": yaml_uri }, "position": at }));
    let items = answer["result"]["items"].as_array().expect("items");
    let key_pair = items.iter().find(|i| i["label"] == "keyPair").expect("keyPair");
    assert_eq!(key_pair["textEdit"]["newText"], "keyPair", "plain in YAML");
    assert!(labels(&answer).contains(&"userPassword".to_string()));
    assert_eq!(client.finish(), 0);
}

#[test]
fn hover_on_a_field_gives_its_description_and_allowed_values() {
    let mut client = Client::start();
    client.initialize(Some(&["utf-8"]));
    let (at, text) = cursor(
        "{\n  \"connectionKey\": \"k\",\n  \"connection\": {\n    \"technology\": \"Snowflake\",\n    \"authentica|tionType\": \"keyPair\"\n  }\n}\n",
    );
    open(&mut client, URI, &text);
    let hover = client.request("textDocument/hover", json!({ "textDocument": { "uri": URI }, "position": at }));
    let value = hover["result"]["contents"]["value"].as_str().expect("markdown");
    assert!(value.starts_with("**`authenticationType`** (`/connection/authenticationType`)"), "{value}");
    assert!(value.contains("Allowed values:") && value.contains("`\"keyPair\"`"), "{value}");
    let nothing = client.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": URI }, "position": { "line": 7, "character": 0 } }),
    );
    assert_eq!(nothing["result"], Value::Null);
    // Closing a document clears its diagnostics.
    client.notify("textDocument/didClose", json!({ "textDocument": { "uri": URI } }));
    let cleared = client.diagnostics();
    assert_eq!((cleared["uri"].as_str(), &cleared["diagnostics"]), (Some(URI), &json!([])));
    assert_eq!(client.finish(), 0);
}

#[test]
fn a_huge_document_changed_again_and_again_is_not_checked_for_every_change() {
    let mut items = String::new();
    for n in 0..40_000 {
        items.push_str(&format!("{{\"a\": \"{}\", \"n\": {n}}},\n", "b".repeat(20)));
    }
    let huge = |port: usize| {
        format!(
            "{{\"connectionKey\": \"k\", \"connection\": {{\"technology\": \"Snowflake\", \"port\": \"{port}\", \"extra\": [{items}0]}}}}"
        )
    };
    let mut client = Client::start();
    client.initialize(None);
    let changes = 20;
    client.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": URI, "languageId": "json", "version": 1, "text": huge(1) } }),
    );
    for version in 2..=changes {
        client.notify(
            "textDocument/didChange",
            json!({ "textDocument": { "uri": URI, "version": version }, "contentChanges": [{ "text": huge(version) }] }),
        );
    }
    // Answered while checks may still run.
    let hover = client.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": URI }, "position": { "line": 0, "character": 3 } }),
    );
    assert!(hover["result"]["contents"]["value"].as_str().is_some_and(|v| v.contains("connectionKey")), "{hover}");
    let mut published = Vec::new();
    loop {
        let message = client.receive();
        if message["method"] == "textDocument/publishDiagnostics" {
            published.push(message["params"]["version"].as_i64().expect("a version"));
            if published.last() == Some(&(changes as i64)) {
                break;
            }
        }
    }
    assert!(published.len() < changes / 2, "checked {} times for {changes} texts: {published:?}", published.len());
    assert!(published.windows(2).all(|w| w[0] < w[1]), "{published:?}");
    assert_eq!(client.finish(), 0);
}

#[test]
fn the_config_file_applies_and_an_override_naming_a_kind_checks_a_non_payload() {
    let root = std::env::temp_dir().join(format!("immuta-preflight-lsp-config-{}", std::process::id()));
    std::fs::create_dir_all(root.join("scripts")).expect("a folder");
    std::fs::create_dir_all(root.join(".git")).expect("a repository root");
    let config = "[rules]\nignore = [\"wrong-type\"]\n\n[[overrides]]\nfiles = [\"scripts/**\"]\nkind = \"integration-script\"\n";
    std::fs::write(root.join("immuta-preflight.toml"), config).expect("the config");
    let uri = |path: &str| format!("file://{}/{path}", root.display());
    let mut client = Client::start();
    client.initialize(None);
    // Outside the override, not a payload: nothing; inside it, checked as its kind.
    let plain = open(&mut client, &uri("notes.json"), "{\"name\": \"x\"}");
    assert_eq!(plain["diagnostics"], json!([]));
    let script = open(&mut client, &uri("scripts/s.json"), "{\"name\": \"x\"}");
    let codes: Vec<&str> =
        script["diagnostics"].as_array().expect("a list").iter().filter_map(|d| d["code"].as_str()).collect();
    assert!(codes.contains(&"missing-field"), "{codes:?}");
    // The config's [rules] apply: the port as a string is not reported.
    let payload = open(&mut client, &uri("payload.json"), PAYLOAD);
    let codes: Vec<&str> =
        payload["diagnostics"].as_array().expect("a list").iter().filter_map(|d| d["code"].as_str()).collect();
    assert!(!codes.is_empty() && !codes.contains(&"wrong-type"), "{codes:?}");
    assert_eq!(client.finish(), 0);
    std::fs::remove_dir_all(&root).expect("clean up");
}

/// A check that fails inside immuta-preflight is one error diagnostic on its document, with no
/// text of the document in it, and every other document is still checked.
#[test]
fn a_failed_check_is_one_error_on_its_document_and_the_server_goes_on() {
    let mut client = Client::start_with(&[("IMMUTA_PREFLIGHT_TEST_PANIC_ON", "CRASH-MARKER")]);
    client.initialize(None);
    let crashing = r#"{"connectionKey": "CRASH-MARKER", "connection": {"technology": "Snowflake"}}"#;
    let failed = open(&mut client, "file:///tmp/crash.json", crashing);
    assert_eq!(failed["uri"], "file:///tmp/crash.json");
    let diagnostics = failed["diagnostics"].as_array().expect("diagnostics");
    assert_eq!(diagnostics.len(), 1, "{failed}");
    assert_eq!((&diagnostics[0]["code"], &diagnostics[0]["severity"]), (&json!("internal-error"), &json!(1)));
    let message = diagnostics[0]["message"].as_str().expect("a message");
    assert!(message.contains("internal error while checking") && message.contains("src/lsp/mod.rs"), "{message}");
    assert!(!message.contains("CRASH-MARKER") && !message.contains("provoked"), "{message}");
    // No quick fix is made from the failed text, and a hover is still answered.
    let actions = client.request(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": "file:///tmp/crash.json" },
                "range": { "start": { "line": 0, "character": 0 }, "end": { "line": 0, "character": 5 } },
                "context": { "diagnostics": [] } }),
    );
    assert_eq!(actions["result"], json!([]));
    let broken = r#"{"connectionKey": "k", "connection": {"technology": "Snowflake", "port": "443"}}"#;
    let next = open(&mut client, URI, broken);
    assert_eq!(next["uri"], URI);
    let codes: Vec<&str> =
        next["diagnostics"].as_array().expect("diagnostics").iter().filter_map(|d| d["code"].as_str()).collect();
    assert!(codes.contains(&"wrong-type") && codes.contains(&"missing-field"), "{codes:?}");
    assert_eq!(client.finish(), 0);
}

/// The two YAML texts that once silenced the server for good: each gets the CLI's findings, at the
/// CLI's places, and a broken payload opened after them is still checked.
#[test]
fn the_texts_that_once_silenced_the_server_get_the_clis_findings() {
    let mut client = Client::start();
    client.initialize(Some(&["utf-8"]));
    let regressions = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz/regressions");
    for name in [
        "yaml-folded-plain-value-control-then-non-ascii.yaml",
        "yaml-folded-connection-key-zero-width-and-no-break-space.yaml",
    ] {
        let text = std::fs::read_to_string(regressions.join(name)).expect("a regression");
        let uri = format!("file:///tmp/{name}");
        client.notify(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": uri, "languageId": "yaml", "version": 1, "text": text } }),
        );
        let published = client.diagnostics();
        assert_eq!(published["uri"], json!(uri));
        let expected =
            check(&text, &Options { format: Some(immuta_preflight_core::Format::Yaml), ..Default::default() });
        let found = published["diagnostics"].as_array().expect("a list");
        let places = |line: usize, byte: usize| json!({ "line": line, "character": byte });
        assert_eq!(found.len(), expected.diagnostics.len(), "{name}: {found:?}");
        for (lsp, ours) in found.iter().zip(&expected.diagnostics) {
            assert_eq!(lsp["code"], json!(ours.code.as_str()), "{name}");
            let line_start = text[..ours.span.start].rfind('\n').map_or(0, |i| i + 1);
            assert_eq!(lsp["range"]["start"], places(ours.location.line - 1, ours.span.start - line_start), "{name}");
        }
    }
    let broken = r#"{"connectionKey": "k", "connection": {"technology": "Snowflake", "port": "443"}}"#;
    let next = open(&mut client, URI, broken);
    assert!(next["diagnostics"].as_array().expect("a list").iter().any(|d| d["code"] == "wrong-type"), "{next}");
    assert_eq!(client.finish(), 0);
}
