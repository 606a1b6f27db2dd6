//! Reading a payload file (or stdin) as UTF-8 text, with a clear message for everything else.

use std::io::Read;

/// Larger inputs are refused rather than read: no Immuta payload comes near this.
pub const MAX_BYTES: u64 = 16 * 1024 * 1024;

pub fn payload(path: &str) -> Result<String, String> {
    let bytes = if path == "-" {
        let mut bytes = Vec::new();
        std::io::stdin()
            .lock()
            .take(MAX_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| format!("cannot read standard input: {e}"))?;
        bytes
    } else {
        let file = std::fs::File::open(path).map_err(|e| format!("cannot read {path}: {}", describe(&e)))?;
        if file.metadata().map(|m| m.is_dir()).unwrap_or(false) {
            return Err(format!("{path} is a directory; name the payload files in it"));
        }
        let mut bytes = Vec::new();
        file.take(MAX_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| format!("cannot read {path}: {}", describe(&e)))?;
        bytes
    };
    let name = if path == "-" { "standard input" } else { path };
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

fn describe(error: &std::io::Error) -> String {
    match error.kind() {
        std::io::ErrorKind::NotFound => "no such file".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => error.to_string(),
    }
}
