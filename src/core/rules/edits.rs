//! Fixes inside a string value, made through the value's source map so that an edit lands on the
//! exact characters it means (a `\n` escape is two source bytes for one decoded character) and a fix
//! on a secret only ever deletes or inserts characters by position, never carrying its text.

use super::Payload;
use crate::diagnostic::Fix;
use crate::document::Node;
use crate::input::Format;

/// Deletes the decoded byte ranges `ranges` of the string at `node`.
pub fn delete(ctx: &Payload, node: &Node, ranges: &[(usize, usize)], message: impl Into<String>) -> Option<Fix> {
    let map = ctx.map(node)?;
    let changes: Vec<_> = ranges.iter().map(|&(from, to)| (from, to, "")).collect();
    Some(Fix { message: message.into(), edits: map.edits(&changes)? })
}

/// Inserts `text` (a few characters of punctuation, never a value's text) at decoded offset `at`.
pub fn insert(ctx: &Payload, node: &Node, at: usize, text: &str, message: impl Into<String>) -> Option<Fix> {
    let map = ctx.map(node)?;
    Some(Fix { message: message.into(), edits: map.edits(&[(at, at, text)])? })
}

/// Replaces the whole string at `node` with `value`, which must not be a secret. In YAML only a
/// value that stays a plain scalar is written.
pub fn replace(ctx: &Payload, node: &Node, value: &str, message: impl Into<String>) -> Option<Fix> {
    let map = ctx.map(node)?;
    let text = match ctx.format {
        Format::Yaml => {
            let plain = value.bytes().all(|b| b.is_ascii_alphanumeric() || b"._/-".contains(&b))
                && value.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '/' || c == '_');
            if !plain || ctx.text(node.span).starts_with(['"', '\'']) && value.contains(['"', '\'', '\\']) {
                return None;
            }
            value.to_string()
        }
        _ => {
            let quoted = serde_json::to_string(value).ok()?;
            quoted[1..quoted.len() - 1].to_string()
        }
    };
    Some(Fix { message: message.into(), edits: map.edits(&[(0, map.len(), &text)])? })
}
