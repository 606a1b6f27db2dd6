//! The `immuta-preflight` command, built natively and for `wasm32-wasip1`: the library's CLI over
//! the real file system, standard streams and exit code.

use immuta_preflight::cli::{self, Host, MAX_BYTES, ReadError};
use std::io::{IsTerminal, Read, Write};

struct System;

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

    fn color(&self) -> bool {
        std::io::stdout().is_terminal()
            && std::env::var_os("NO_COLOR").is_none()
            && std::env::var("TERM").map_or(true, |t| t != "dumb")
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
    (cfg!(target_os = "wasi") && (path.starts_with('/') || path.starts_with(".."))).then(|| {
        ReadError::Other("it is outside the current directory, the only one this WebAssembly build can see".into())
    })
}

fn main() {
    let args: Vec<std::ffi::OsString> = std::env::args_os().skip(1).collect();
    let outcome = cli::run(args, &mut System);
    // A closed pipe (`| head`) is not an error worth a message.
    let _ = std::io::stdout().lock().write_all(outcome.stdout.as_bytes());
    let _ = std::io::stderr().lock().write_all(outcome.stderr.as_bytes());
    std::process::exit(outcome.code);
}
