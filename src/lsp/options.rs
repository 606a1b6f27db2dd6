//! The options a document is checked with: its format from its name, and what the project's
//! config file says of its path.

use immuta_preflight::cli::config::{Config, FILE_NAME};
use immuta_preflight::{Format, Options};
use lsp_types as lsp;
use std::path::{Path, PathBuf};

/// The options for a document: its format from its name, and the kind and rule options the
/// project's config file gives its path (the config found from its folder up to the repository
/// root). A config that does not read is left out: the command line reports its mistakes.
pub fn options_for(uri: &lsp::Uri) -> Options {
    let path = file_path(uri);
    let format = path.as_deref().and_then(Path::to_str).and_then(Format::from_path);
    let mut options = Options { format, ..Options::default() };
    let Some(path) = path else { return options };
    for folder in path.ancestors().skip(1) {
        let config_path = folder.join(FILE_NAME);
        if let Ok(text) = std::fs::read_to_string(&config_path) {
            if let (Ok(config), Ok(relative)) = (Config::parse(FILE_NAME, &text), path.strip_prefix(folder)) {
                let for_file = config.for_file(&relative.to_string_lossy().replace('\\', "/"));
                options.kind = for_file.kind;
                options.rules = for_file.rules;
            }
            break;
        }
        if folder.join(".git").exists() {
            break;
        }
    }
    options
}

fn file_path(uri: &lsp::Uri) -> Option<PathBuf> {
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
    Some(PathBuf::from(String::from_utf8(bytes).ok()?))
}
