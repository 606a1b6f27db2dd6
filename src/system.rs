//! The host of the native and WASI binaries: the real file system, standard input and the
//! terminal, behind the service's `Host` primitives.

use crate::cli::{Entry, EntryKind, Host, MAX_BYTES, ReadError};
use std::io::{IsTerminal, Read, Write};
use std::path::Path;

/// The system the binary runs on.
pub struct System;

impl Host for System {
    fn read(&mut self, path: &str) -> Result<Vec<u8>, ReadError> {
        let mut bytes = Vec::new();
        if path == "-" {
            std::io::stdin().lock().take(MAX_BYTES).read_to_end(&mut bytes).map_err(read_error)?;
            return Ok(bytes);
        }
        let file = std::fs::File::open(path).map_err(|error| outside_sandbox(path).unwrap_or(read_error(error)))?;
        if file.metadata().is_ok_and(|m| m.is_dir()) {
            return Err(ReadError::IsDirectory);
        }
        file.take(MAX_BYTES).read_to_end(&mut bytes).map_err(read_error)?;
        Ok(bytes)
    }

    fn is_terminal(&self) -> bool {
        std::io::stdout().is_terminal()
    }

    fn current_dir(&mut self) -> Option<String> {
        if cfg!(target_os = "wasi") && std::env::var_os(WASI_CWD).is_none() {
            // A runner that opened only the current folder: nothing above it can be seen.
            return Some(".".into());
        }
        std::env::current_dir().ok()?.into_os_string().into_string().ok()
    }

    fn exists(&mut self, path: &str) -> bool {
        Path::new(path).exists()
    }

    fn list(&mut self, path: &str) -> Result<Vec<Entry>, ReadError> {
        let mut entries = Vec::new();
        for entry in std::fs::read_dir(path).map_err(read_error)? {
            let entry = entry.map_err(read_error)?;
            let name = entry.file_name().into_string().map_err(|name| {
                ReadError::Other(format!("{} has a name that is not UTF-8", Path::new(path).join(name).display()))
            })?;
            let kind = match entry.file_type() {
                Ok(kind) if kind.is_dir() => EntryKind::Folder,
                Ok(kind) if kind.is_file() => EntryKind::File,
                _ => EntryKind::Other,
            };
            entries.push(Entry { name, kind });
        }
        Ok(entries)
    }

    fn env(&self, name: &str) -> Option<String> {
        std::env::var(name).ok()
    }

    fn canonical(&mut self, path: &str) -> Result<String, String> {
        let real = match std::fs::canonicalize(path) {
            Ok(real) => real,
            // WASI cannot resolve links: a file that is not one is its own path.
            Err(error) if error.kind() == std::io::ErrorKind::Unsupported => {
                let meta = std::fs::symlink_metadata(path).map_err(|error| error.to_string())?;
                if meta.file_type().is_symlink() {
                    return Err("it is a symbolic link, which this WebAssembly build cannot follow".into());
                }
                match self.current_dir() {
                    Some(here) if here != "." => Path::new(&here).join(path),
                    _ => return Ok(path.to_string()),
                }
            }
            Err(error) => return Err(error.to_string()),
        };
        real.into_os_string().into_string().map_err(|_| format!("{path} resolves to a name that is not UTF-8"))
    }

    fn create_new(&mut self, path: &str, bytes: &[u8]) -> Result<(), String> {
        let mut file =
            std::fs::OpenOptions::new().write(true).create_new(true).open(path).map_err(|error| error.to_string())?;
        file.write_all(bytes).and_then(|()| file.sync_all()).map_err(|error| error.to_string())
    }

    fn copy_permissions(&mut self, from: &str, to: &str) -> Result<(), String> {
        let permissions = std::fs::metadata(from).map_err(|error| error.to_string())?.permissions();
        match std::fs::set_permissions(to, permissions) {
            // WASI has no permissions to keep.
            Err(error) if cfg!(target_os = "wasi") && error.kind() == std::io::ErrorKind::Unsupported => Ok(()),
            other => other.map_err(|error| error.to_string()),
        }
    }

    fn rename(&mut self, from: &str, to: &str) -> Result<(), String> {
        std::fs::rename(from, to).map_err(|error| error.to_string())
    }

    fn remove(&mut self, path: &str) {
        let _ = std::fs::remove_file(path);
    }
}

fn read_error(error: std::io::Error) -> ReadError {
    match error.kind() {
        std::io::ErrorKind::NotFound => ReadError::NotFound,
        std::io::ErrorKind::PermissionDenied => ReadError::PermissionDenied,
        std::io::ErrorKind::IsADirectory => ReadError::IsDirectory,
        _ => ReadError::Other(error.to_string()),
    }
}

/// Under WASI the module sees only the directories its runner opened for it (the hooks open the
/// current one): a path outside them fails as if it did not exist, which would mislead.
fn outside_sandbox(path: &str) -> Option<ReadError> {
    let sandboxed = cfg!(target_os = "wasi") && std::env::var_os(WASI_CWD).is_none();
    (sandboxed && (path.starts_with('/') || path.starts_with(".."))).then(|| {
        ReadError::Other("it is outside the current directory, the only one this WebAssembly build can see".into())
    })
}

/// WASI has no current folder of its own. The runners (the hook's, the npm `bin`) open the file
/// system's root and name the current folder in this variable, so that the module reads paths,
/// walks folders and finds the config file as the native binary does. A runner that opens only
/// the current folder (as `wasmtime run --dir=.` does) leaves it unset.
pub const WASI_CWD: &str = "IMMUTA_PREFLIGHT_CWD";
