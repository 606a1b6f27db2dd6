//! The options a document is checked with, found by the service as for any other file.

use immuta_preflight_core::Options;
use lsp_types as lsp;

/// The options for a document: its format from its name, and the kind and rule options that the
/// project's config file gives its path (see `immuta_preflight_service::config::options_for`).
pub fn options_for(uri: &lsp::Uri) -> Options {
    match file_path(uri) {
        Some(path) => immuta_preflight_service::config::options_for(&mut crate::system::System, &path),
        None => Options::default(),
    }
}

/// The path of a `file:` URI, decoded.
fn file_path(uri: &lsp::Uri) -> Option<String> {
    let text = uri.as_str().strip_prefix("file://")?;
    let mut bytes = Vec::with_capacity(text.len());
    let mut rest = text.as_bytes();
    while let Some((&b, tail)) = rest.split_first() {
        if b == b'%' && tail.len() >= 2 {
            let hex = std::str::from_utf8(&tail[..2]).ok()?;
            bytes.push(u8::from_str_radix(hex, 16).ok()?);
            rest = &tail[2..];
        } else {
            bytes.push(b);
            rest = tail;
        }
    }
    String::from_utf8(bytes).ok()
}
