//! The command line for programs that embed the WASI module (the Python library): exported
//! functions that run it on a text held in memory, in an instance kept between calls, so that a
//! call costs the check and not a fresh instance's start (measured in Python: 1.2 ms a 3 KB check
//! through `_start`, most of it starting up). A request is JSON `{"args": [...], "stdin": "..."}`;
//! the answer JSON `{"code": 0, "stdout": "...", "stderr": "..."}`. No file system is visible.

use crate::cli;
use immuta_preflight_service::host::{Host, ReadError};
use serde::{Deserialize, Serialize};
#[cfg(target_os = "wasi")]
use std::cell::RefCell;

#[derive(Deserialize)]
struct Request {
    args: Vec<String>,
    #[serde(default)]
    stdin: String,
}

#[derive(Serialize)]
struct Answer {
    code: i32,
    stdout: String,
    stderr: String,
}

/// A host with standard input and nothing else.
struct Memory {
    stdin: Vec<u8>,
}

impl Host for Memory {
    fn read(&mut self, path: &str) -> Result<Vec<u8>, ReadError> {
        if path == "-" {
            Ok(std::mem::take(&mut self.stdin))
        } else {
            Err(ReadError::Other("this embedding of immuta-preflight reads only its input".into()))
        }
    }

    fn is_terminal(&self) -> bool {
        false
    }
}

#[cfg(target_os = "wasi")]
thread_local! {
    static ANSWER: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

/// Runs one request (JSON bytes); the answer's bytes, as JSON.
pub fn answer(request: &[u8]) -> Vec<u8> {
    let answer = match serde_json::from_slice::<Request>(request) {
        Ok(request) => {
            let outcome = cli::run(
                request.args.into_iter().map(Into::into).collect(),
                &mut Memory { stdin: request.stdin.into_bytes() },
            );
            Answer { code: outcome.code, stdout: outcome.stdout, stderr: outcome.stderr }
        }
        Err(error) => {
            Answer { code: 2, stdout: String::new(), stderr: format!("immuta-preflight: not a request: {error}\n") }
        }
    };
    serde_json::to_vec(&answer).unwrap_or_default()
}

#[cfg(target_os = "wasi")]
/// Room for a request of `len` bytes, which `immuta_preflight_run` takes back.
#[unsafe(no_mangle)]
pub extern "C" fn immuta_preflight_alloc(len: usize) -> *mut u8 {
    let mut room = Vec::<u8>::with_capacity(len);
    let pointer = room.as_mut_ptr();
    std::mem::forget(room);
    pointer
}

#[cfg(target_os = "wasi")]
/// Runs the request of `len` bytes at `pointer` (from `immuta_preflight_alloc`, freed here); the
/// answer's length. The answer stays at `immuta_preflight_answer()` until the next call.
///
/// # Safety
/// `pointer` must come from `immuta_preflight_alloc(len)`, with `len` bytes written there.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn immuta_preflight_run(pointer: *mut u8, len: usize) -> usize {
    // The command line's panic hook: one line naming the file, never the panic's message (which
    // can quote the text); `_start` is never called, so it is installed here.
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(immuta_preflight_service::failure::install_hook);
    // SAFETY: the caller passes back the allocation of `immuta_preflight_alloc(len)`, filled.
    let request = unsafe { Vec::from_raw_parts(pointer, len, len) };
    let bytes = answer(&request);
    let length = bytes.len();
    ANSWER.with(|answer| *answer.borrow_mut() = bytes);
    length
}

#[cfg(target_os = "wasi")]
/// Where the last answer is.
#[unsafe(no_mangle)]
pub extern "C" fn immuta_preflight_answer() -> *const u8 {
    ANSWER.with(|answer| answer.borrow().as_ptr())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_request_is_answered_as_the_command_line_would() {
        let request =
            br#"{"args": ["check", "--no-config", "-f", "json", "-"], "stdin": "{\"connectionKey\": \"a.b\"}"}"#;
        let first: serde_json::Value = serde_json::from_slice(&answer(request)).expect("JSON");
        assert_eq!(first["code"], 1);
        let report: serde_json::Value =
            serde_json::from_str(first["stdout"].as_str().expect("stdout")).expect("a report");
        let codes: Vec<&str> = report["files"][0]["diagnostics"]
            .as_array()
            .expect("findings")
            .iter()
            .filter_map(|d| d["code"].as_str())
            .collect();
        assert!(codes.contains(&"connection-key"), "{codes:?}");
        let broken: serde_json::Value = serde_json::from_slice(&answer(b"{")).expect("JSON");
        assert_eq!(broken["code"], 2);
        let file: serde_json::Value =
            serde_json::from_slice(&answer(br#"{"args": ["check", "/etc/passwd"]}"#)).expect("JSON");
        assert!(file["stderr"].as_str().is_some_and(|e| e.contains("reads only its input")), "{file}");
    }
}
