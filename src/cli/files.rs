//! The files a `check` reads: those named, and the payload files in the folders named (walked by
//! the host, as ripgrep walks them), less those the config file excludes.

use super::{Host, ReadError};
use immuta_preflight_core::input::{self, Candidate};
use immuta_preflight_service::config::Config;
use immuta_preflight_service::host as read;

/// One file to check.
pub struct Input {
    /// The path as the host reads it (`-` for standard input).
    pub path: String,
    /// The path as the output shows it.
    pub display: String,
    /// The path relative to the config file's folder, which its globs match.
    pub relative: String,
    pub bytes: Vec<u8>,
    /// Named on the command line: always checked. Files found in folders are checked only when
    /// they are payloads.
    pub named: bool,
}

/// What the paths named.
#[derive(Default)]
pub struct Gathered {
    pub inputs: Vec<Input>,
    /// Files in folders that the config file excludes.
    pub excluded: usize,
    /// Whether a folder was walked (the summary then counts payloads and skipped files).
    pub walked: bool,
}

/// The files `paths` name; `base` is the current folder relative to the config file's.
pub fn gather(host: &mut dyn Host, paths: &[String], config: Option<&Config>, base: &str) -> Result<Gathered, String> {
    let mut gathered = Gathered::default();
    let mut seen = std::collections::HashSet::new();
    for path in paths {
        if path == "-" {
            let bytes = read::payload(host, path)?;
            gathered.inputs.push(Input {
                path: path.clone(),
                display: "<stdin>".into(),
                relative: "<stdin>".into(),
                bytes,
                named: true,
            });
            continue;
        }
        match host.read(path) {
            Err(ReadError::IsDirectory) => {
                gathered.walked = true;
                let found = super::walk::files(host, path).map_err(|error| read::message(path, error))?;
                for file in found {
                    let display = shown(&file);
                    let relative = relative(base, &display);
                    if !seen.insert(display.clone()) {
                        continue;
                    }
                    if config.is_some_and(|c| c.excludes(&relative)) {
                        gathered.excluded += 1;
                        continue;
                    }
                    let Some(candidate) = input::candidate(&display) else { continue };
                    let bytes = read::payload(host, &file)?;
                    if candidate == Candidate::Payload || is_curl_command(&bytes) {
                        gathered.inputs.push(Input { path: file, display, relative, bytes, named: false });
                    }
                }
            }
            result => {
                let bytes = read::bytes_or_message(path, result)?;
                let display = shown(path);
                if seen.insert(display.clone()) {
                    let relative = relative(base, &display);
                    gathered.inputs.push(Input { path: path.clone(), display, relative, bytes, named: true });
                }
            }
        }
    }
    Ok(gathered)
}

fn shown(path: &str) -> String {
    let mut shown = path;
    while let Some(rest) = shown.strip_prefix("./") {
        shown = rest;
    }
    if shown.is_empty() { ".".into() } else { shown.to_string() }
}

/// Whether the file's text is a curl command (as the reader tells one, from its first 4 KB).
pub fn is_curl_command(bytes: &[u8]) -> bool {
    immuta_preflight_core::input::curl::is_command(&String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]))
}

/// `path` (relative to the current folder) relative to the config file's folder, `base` being the
/// current folder relative to it; `..` steps are resolved by name.
pub fn relative(base: &str, path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for part in base.split('/').chain(path.split('/')) {
        match part {
            "" | "." => {}
            ".." => {
                if parts.last().is_some_and(|p| *p != "..") {
                    parts.pop();
                } else {
                    parts.push("..");
                }
            }
            part => parts.push(part),
        }
    }
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_relative_to_the_config_folder() {
        assert_eq!(relative("", "./a/b.json"), "a/b.json");
        assert_eq!(relative("sub/dir/", "a.json"), "sub/dir/a.json");
        assert_eq!(relative("sub/dir/", "../a.json"), "sub/a.json");
        assert_eq!(relative("", "../a.json"), "../a.json");
        assert_eq!(shown("./././x.json"), "x.json");
        assert_eq!(input::candidate("a/.json"), None);
        assert_eq!(input::candidate("a/B.YML"), Some(Candidate::Payload));
        assert_eq!(input::candidate("b.jsonc"), Some(Candidate::Payload));
        assert_eq!(input::candidate("notes.txt"), Some(Candidate::IfCurlCommand));
        assert_eq!(input::candidate("Makefile"), None);
    }

    #[test]
    fn curl_commands_are_told_from_other_scripts() {
        assert!(is_curl_command(b"#!/bin/sh\n# register\n\ncurl -X POST https://x/api"));
        assert!(is_curl_command(b"  curl\\\n -d '{}'"));
        assert!(!is_curl_command(b"#!/bin/sh\nset -e\ncurl https://x"));
        assert!(!is_curl_command(b"curlew migration notes"));
    }
}
