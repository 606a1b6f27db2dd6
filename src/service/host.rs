//! What the service needs from the system it runs on ([`Host`]), and a payload file's bytes, with
//! a clear message when they cannot be read. What the bytes hold (UTF-16, bytes that are not
//! UTF-8, more than the checker reads) is for `check_bytes` to report.

use immuta_preflight_core::model::limits::MAX_TEXT_BYTES;

/// What the service and the command line need from the system they run on: the file system's
/// primitives, and nothing more. Finding the config file, walking folders and replacing a file
/// safely are worked out from these, once, in Rust (`crate::config`, the command line's walk and
/// writes), so every door does them alike. Reading is all a plain check needs; the other methods
/// have defaults for a host that cannot walk folders, write files or look for a config file,
/// which then says so.
pub trait Host {
    /// The bytes of the file at `path`, or of standard input for `-`. Reading more than
    /// [`MAX_BYTES`] is never needed: a text that long is reported as too large, not parsed.
    /// A folder is [`ReadError::IsDirectory`].
    fn read(&mut self, path: &str) -> Result<Vec<u8>, ReadError>;
    /// Whether standard output is a terminal (see [`color`]).
    fn is_terminal(&self) -> bool;
    /// The current folder, as an absolute path; `None` where there is none to tell (a host that
    /// cannot look for a config file).
    fn current_dir(&mut self) -> Option<String> {
        None
    }
    /// Whether anything (a file or a folder) is at `path`.
    fn exists(&mut self, path: &str) -> bool {
        let _ = path;
        false
    }
    /// The entries of the folder at `path`, in any order; a symbolic link is
    /// [`EntryKind::Other`] (a walk does not follow it).
    fn list(&mut self, path: &str) -> Result<Vec<Entry>, ReadError> {
        let _ = path;
        Err(ReadError::Other("this build of immuta-preflight cannot walk folders; name the files".into()))
    }
    /// An environment variable: the walk finds git's global excludes file through `HOME`,
    /// `XDG_CONFIG_HOME` and `GIT_CONFIG_GLOBAL`.
    fn env(&self, name: &str) -> Option<String> {
        let _ = name;
        None
    }
    /// The absolute path of `path`, every symbolic link in it resolved.
    fn canonical(&mut self, path: &str) -> Result<String, String> {
        Ok(path.to_string())
    }
    /// Creates the file `path`, which must not exist yet, holding `bytes`, flushed to disk.
    fn create_new(&mut self, path: &str, bytes: &[u8]) -> Result<(), String> {
        let _ = (path, bytes);
        Err("this build of immuta-preflight cannot write files".into())
    }
    /// Gives the file `to` the permissions of the file `from`, where the system has them.
    fn copy_permissions(&mut self, from: &str, to: &str) -> Result<(), String> {
        let _ = (from, to);
        Ok(())
    }
    /// Renames `from` to `to`, replacing `to`.
    fn rename(&mut self, from: &str, to: &str) -> Result<(), String> {
        let _ = (from, to);
        Err("this build of immuta-preflight cannot write files".into())
    }
    /// Removes the file `path`, if it can.
    fn remove(&mut self, path: &str) {
        let _ = path;
    }
}

/// Whether `--color auto` means colour: standard output is a terminal, `NO_COLOR` is unset and
/// `TERM` is not `dumb`.
pub fn color(host: &dyn Host) -> bool {
    host.is_terminal() && host.env("NO_COLOR").is_none() && host.env("TERM").is_none_or(|term| term != "dumb")
}

/// One entry of a folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub name: String,
    pub kind: EntryKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryKind {
    File,
    Folder,
    /// A symbolic link, a device, ...: left out of a walk.
    Other,
}

/// A config file, and the current folder relative to the config file's folder (`""` when they
/// are the same, else `sub/dir/`): globs in the file are relative to its folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigPlace {
    pub path: String,
    pub base: String,
}

/// Why a file was not written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WriteError {
    /// The file changed on disk after it was read: left alone, so that nothing is lost.
    Changed,
    Other(String),
}

/// Hosts read at most this many bytes: one past the limit, which `check_bytes` reports.
pub const MAX_BYTES: u64 = MAX_TEXT_BYTES as u64 + 1;

/// Why a file could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadError {
    NotFound,
    PermissionDenied,
    IsDirectory,
    Other(String),
}

pub fn payload(host: &mut dyn Host, path: &str) -> Result<Vec<u8>, String> {
    let result = host.read(path);
    bytes_or_message(path, result)
}

/// The bytes read, or the message for why they could not be.
pub fn bytes_or_message(path: &str, result: Result<Vec<u8>, ReadError>) -> Result<Vec<u8>, String> {
    let mut bytes = result.map_err(|error| message(path, error))?;
    // Every host reads at most this much; a host that read more is cut to the same length here.
    bytes.truncate(MAX_BYTES as usize);
    Ok(bytes)
}

/// Why `path` could not be read, in a sentence.
pub fn message(path: &str, error: ReadError) -> String {
    let name = if path == "-" { "standard input" } else { path };
    match error {
        ReadError::NotFound => format!("cannot read {name}: no such file"),
        ReadError::PermissionDenied => format!("cannot read {name}: permission denied"),
        ReadError::IsDirectory => format!("{name} is a folder, which cannot be read here"),
        ReadError::Other(reason) => format!("cannot read {name}: {reason}"),
    }
}
