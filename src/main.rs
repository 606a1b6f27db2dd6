//! The `immuta-preflight` command, built natively and for `wasm32-wasip1`: the library's CLI over
//! the real file system, standard streams and exit code.

use immuta_preflight::cli::config::FILE_NAME;
use immuta_preflight::cli::{self, ConfigPlace, Host, MAX_BYTES, ReadError, WriteError};
use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};

// The language server needs threads and lsp-types: the native binary only.
#[cfg(not(target_family = "wasm"))]
mod lsp;
mod walk;

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

    fn walk(&mut self, path: &str) -> Result<Vec<String>, ReadError> {
        walk::files(Path::new(path))
    }

    fn write(&mut self, path: &str, was: &[u8], bytes: &[u8]) -> Result<(), WriteError> {
        write_replacing(Path::new(path), was, bytes).map_err(|error| match error {
            Replace::Changed => WriteError::Changed,
            Replace::Failed(error) => WriteError::Other(error.to_string()),
        })
    }

    fn find_config(&mut self) -> Option<ConfigPlace> {
        if cfg!(target_os = "wasi") {
            // The sandbox is the current folder: nothing above it can be seen.
            return Path::new(FILE_NAME).is_file().then(|| ConfigPlace { path: FILE_NAME.into(), base: String::new() });
        }
        let here = std::env::current_dir().ok()?;
        for (depth, folder) in here.ancestors().enumerate() {
            if folder.join(FILE_NAME).is_file() {
                let path = format!("{}{FILE_NAME}", "../".repeat(depth));
                return Some(ConfigPlace { path, base: base_of(&here, folder) });
            }
            if folder.join(".git").exists() {
                break;
            }
        }
        None
    }

    fn config_at(&mut self, path: &str) -> ConfigPlace {
        let folder = Path::new(path).parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        let base = match (std::env::current_dir(), std::fs::canonicalize(folder)) {
            (Ok(here), Ok(folder)) => base_of(&here, &folder),
            _ => String::new(),
        };
        ConfigPlace { path: path.to_string(), base }
    }
}

/// `here` relative to `folder`, as `a/b/` (empty when it is not inside it).
fn base_of(here: &Path, folder: &Path) -> String {
    here.strip_prefix(folder)
        .ok()
        .and_then(|rest| rest.to_str())
        .filter(|rest| !rest.is_empty())
        .map(|rest| format!("{}/", rest.replace('\\', "/")))
        .unwrap_or_default()
}

enum Replace {
    Changed,
    Failed(std::io::Error),
}

impl From<std::io::Error> for Replace {
    fn from(error: std::io::Error) -> Self {
        Replace::Failed(error)
    }
}

/// Writes `bytes` to a new file beside `path` and renames it over `path`, so that a failure leaves
/// the file whole; refuses when `path` no longer holds `was`. A symbolic link is followed, so the
/// file it names is the one replaced.
fn write_replacing(path: &Path, was: &[u8], bytes: &[u8]) -> Result<(), Replace> {
    let target: PathBuf = if std::fs::symlink_metadata(path)?.file_type().is_symlink() {
        std::fs::canonicalize(path)?
    } else {
        path.to_path_buf()
    };
    let permissions = std::fs::metadata(&target)?.permissions();
    if std::fs::read(&target)? != was {
        return Err(Replace::Changed);
    }
    let folder = target.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = target.file_name().and_then(|n| n.to_str()).unwrap_or("payload");
    let (temporary, file) = (0..100)
        .find_map(|n| {
            let temporary = folder.join(format!(".{name}.immuta-preflight-{n}.tmp"));
            std::fs::OpenOptions::new().write(true).create_new(true).open(&temporary).ok().map(|f| (temporary, f))
        })
        .ok_or_else(|| std::io::Error::other(format!("cannot create a temporary file in {}", folder.display())))?;
    let result = finish_replacing(file, &temporary, &target, was, bytes, permissions);
    if result.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    result
}

fn finish_replacing(
    file: std::fs::File,
    temporary: &Path,
    target: &Path,
    was: &[u8],
    bytes: &[u8],
    permissions: std::fs::Permissions,
) -> Result<(), Replace> {
    // The file is closed at the end of this block, before it is renamed.
    {
        let mut file = file;
        file.write_all(bytes)?;
        file.sync_all()?;
    }
    match std::fs::set_permissions(temporary, permissions) {
        // WASI has no permissions to keep.
        Err(error) if cfg!(target_os = "wasi") && error.kind() == std::io::ErrorKind::Unsupported => {}
        other => other?,
    }
    // Read once more just before the rename: an editor may have saved the file meanwhile.
    if std::fs::read(target)? != was {
        return Err(Replace::Changed);
    }
    std::fs::rename(temporary, target)?;
    Ok(())
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
    cli::failure::install_hook();
    #[cfg(not(target_family = "wasm"))]
    if args.len() == 1 && args[0] == "lsp" {
        std::process::exit(lsp::serve());
    }
    // Each file is guarded on its own; this catches a failure after them (the checks across
    // files, the report).
    let outcome = cli::failure::guarded("the files", || cli::run(args, &mut System))
        .unwrap_or_else(|line| cli::Outcome { code: cli::failure::STATUS, stdout: String::new(), stderr: line });
    // A closed pipe (`| head`) is not an error worth a message.
    let _ = std::io::stdout().lock().write_all(outcome.stdout.as_bytes());
    let _ = std::io::stderr().lock().write_all(outcome.stderr.as_bytes());
    std::process::exit(outcome.code);
}
