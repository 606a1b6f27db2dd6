//! A payload file's bytes, with a clear message when they cannot be read. What the bytes hold
//! (UTF-16, bytes that are not UTF-8, more than the checker reads) is for `check_bytes` to report.

use super::Host;
use crate::model::limits::MAX_TEXT_BYTES;

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
