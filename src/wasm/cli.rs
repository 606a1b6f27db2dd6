//! The npm `bin`'s door (feature `cli`): the command line, the same code as the native binary's,
//! over the file system's primitives that Node.js hands in. Built into a module of its own
//! (`make pkg`: pkg/dist/cli), so that the library module that users import and bundle does not
//! carry the command line's arguments, walk, diff and writes.

use super::{Result, from_js, to_js, type_error};
use immuta_preflight::cli::{self, Entry, EntryKind, Host, ReadError};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

/// The command line, for the npm package's `bin`: the same code as the native binary's, walking,
/// finding the config file and writing fixes itself over `host`, whose methods are the file
/// system's primitives in Node.js: `read(path)` (a file's bytes; `-` is standard input),
/// `isTerminal()` (whether standard output is one),
/// `list(folder)` (`[{ name, kind }]`, kind `"file"`, `"folder"` or `"other"`), `exists(path)`,
/// `cwd()`, `env(name)`, `canonical(path)`, `createNew(path, bytes)`, `copyPermissions(from, to)`,
/// `rename(from, to)` and `remove(path)`; a failure is a thrown Node.js file-system error.
/// Returns `{ code, stdout, stderr }`.
#[wasm_bindgen(js_name = runCli)]
pub fn run_cli(args: Vec<String>, host: JsValue) -> Result<JsValue> {
    let mut host = NodeHost::new(&host)?;
    to_js(&cli::run(args.into_iter().map(Into::into).collect(), &mut host))
}

/// The host's methods, each looked up once, when `runCli` is called.
struct NodeHost {
    methods: Vec<(&'static str, js_sys::Function)>,
}

impl NodeHost {
    const METHODS: [&str; 11] = [
        "read",
        "isTerminal",
        "list",
        "exists",
        "cwd",
        "env",
        "canonical",
        "createNew",
        "copyPermissions",
        "rename",
        "remove",
    ];

    fn new(host: &JsValue) -> Result<NodeHost> {
        let method = |name: &'static str| {
            js_sys::Reflect::get(host, &JsValue::from_str(name))
                .ok()
                .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
                .map(|function| (name, function))
                .ok_or_else(|| type_error(format!("runCli(args, host): host.{name} must be a function")))
        };
        Ok(NodeHost { methods: Self::METHODS.into_iter().map(method).collect::<Result<_>>()? })
    }

    /// Calls `host[name](...args)`: its result, or the thrown error.
    fn call(&self, name: &str, args: &[JsValue]) -> std::result::Result<JsValue, JsValue> {
        let (_, function) = self.methods.iter().find(|(known, _)| *known == name).expect("one of METHODS");
        function.apply(&JsValue::NULL, &args.iter().collect::<js_sys::Array>())
    }

    fn done(&self, name: &str, args: &[JsValue]) -> std::result::Result<(), String> {
        self.call(name, args).map(|_| ()).map_err(|error| message(file_error(error)))
    }
}

impl Host for NodeHost {
    fn read(&mut self, path: &str) -> std::result::Result<Vec<u8>, ReadError> {
        let bytes = self.call("read", &[path.into()]).map_err(file_error)?;
        bytes
            .dyn_into::<js_sys::Uint8Array>()
            .map(|array| array.to_vec())
            .map_err(|_| ReadError::Other("the reader returned no bytes".into()))
    }

    fn is_terminal(&self) -> bool {
        self.call("isTerminal", &[]).is_ok_and(|answer| answer.is_truthy())
    }

    fn current_dir(&mut self) -> Option<String> {
        self.call("cwd", &[]).ok()?.as_string()
    }

    fn exists(&mut self, path: &str) -> bool {
        self.call("exists", &[path.into()]).is_ok_and(|found| found.is_truthy())
    }

    fn list(&mut self, path: &str) -> std::result::Result<Vec<Entry>, ReadError> {
        let found = self.call("list", &[path.into()]).map_err(file_error)?;
        let entries: Vec<EntryIn> = from_js(found).map_err(ReadError::Other)?;
        Ok(entries.into_iter().map(EntryIn::entry).collect())
    }

    fn env(&self, name: &str) -> Option<String> {
        self.call("env", &[name.into()]).ok()?.as_string()
    }

    fn canonical(&mut self, path: &str) -> std::result::Result<String, String> {
        let found = self.call("canonical", &[path.into()]).map_err(|error| message(file_error(error)))?;
        found.as_string().ok_or_else(|| "canonical() returned no path".into())
    }

    fn create_new(&mut self, path: &str, bytes: &[u8]) -> std::result::Result<(), String> {
        self.done("createNew", &[path.into(), js_sys::Uint8Array::from(bytes).into()])
    }

    fn copy_permissions(&mut self, from: &str, to: &str) -> std::result::Result<(), String> {
        self.done("copyPermissions", &[from.into(), to.into()])
    }

    fn rename(&mut self, from: &str, to: &str) -> std::result::Result<(), String> {
        self.done("rename", &[from.into(), to.into()])
    }

    fn remove(&mut self, path: &str) {
        let _ = self.call("remove", &[path.into()]);
    }
}

/// `{ name, kind }` from `list`.
#[derive(serde::Deserialize)]
struct EntryIn {
    name: String,
    kind: String,
}

impl EntryIn {
    fn entry(self) -> Entry {
        let kind = match self.kind.as_str() {
            "file" => EntryKind::File,
            "folder" => EntryKind::Folder,
            _ => EntryKind::Other,
        };
        Entry { name: self.name, kind }
    }
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

fn message(error: ReadError) -> String {
    match error {
        ReadError::NotFound => "no such file".into(),
        ReadError::PermissionDenied => "permission denied".into(),
        ReadError::IsDirectory => "it is a folder".into(),
        ReadError::Other(reason) => reason,
    }
}
