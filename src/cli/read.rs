//! A payload file's bytes to UTF-8 text, with a clear message for everything else.

use super::Host;

/// Larger inputs are refused rather than read: no Immuta payload comes near this.
pub const MAX_BYTES: u64 = 16 * 1024 * 1024;

/// Why a file could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadError {
    NotFound,
    PermissionDenied,
    IsDirectory,
    Other(String),
}

pub fn payload(host: &mut dyn Host, path: &str) -> Result<String, String> {
    let name = if path == "-" { "standard input" } else { path };
    let bytes = host.read(path).map_err(|error| match error {
        ReadError::NotFound => format!("cannot read {name}: no such file"),
        ReadError::PermissionDenied => format!("cannot read {name}: permission denied"),
        ReadError::IsDirectory => format!("{name} is a directory; name the payload files in it"),
        ReadError::Other(reason) => format!("cannot read {name}: {reason}"),
    })?;
    if bytes.len() as u64 > MAX_BYTES {
        return Err(format!("{name} is larger than {} MiB; that is not an Immuta payload", MAX_BYTES / 1024 / 1024));
    }
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(format!("{name} is UTF-16 text; save it as UTF-8"));
    }
    String::from_utf8(bytes).map_err(|e| {
        format!("{name} is not UTF-8 text (invalid byte at offset {}); save it as UTF-8", e.utf8_error().valid_up_to())
    })
}
