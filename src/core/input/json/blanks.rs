//! Blanks between tokens: JSON whitespace, plus comments and look-alike spaces, which are
//! reported (with a fix) and skipped.

use super::{Parser, fix};
use crate::diagnostic::{Edit, Span};
use crate::input::cursor::Progress;

impl<'a> Parser<'a> {
    /// Skips JSON whitespace; reports comments and non-ASCII spaces (with fixes) and skips them too.
    pub(super) fn skip_blank(&mut self) {
        let mut progress = Progress::default();
        while progress.advanced(self.pos) {
            while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
                self.pos += 1;
            }
            // Only `/`, `#` and non-ASCII bytes can start what is handled below.
            if !matches!(self.peek(), Some(b'/' | b'#' | 0x80..)) {
                return;
            }
            let rest = &self.src[self.pos..];
            let comment_end = if rest.starts_with("//") || rest.starts_with('#') {
                // Up to the line break, CRLF's `\r` excluded: the fix deletes the comment, not the break.
                Some(rest.find(['\r', '\n']).map_or(self.src.len(), |i| self.pos + i))
            } else {
                rest.strip_prefix("/*").map(|body| body.find("*/").map_or(self.src.len(), |i| self.pos + 2 + i + 2))
            };
            if let Some(end) = comment_end {
                let span = Span::new(self.pos, end);
                self.problem(
                    span,
                    "JSON does not allow comments",
                    "remove the comment",
                    Some(fix("remove the comment", vec![Edit::delete(span)])),
                );
                self.pos = end;
            } else if let Some(c) = rest.chars().next().filter(|c| is_odd_space(*c)) {
                let start = self.pos;
                let mut end = start;
                for ch in rest.chars().take_while(|ch| is_odd_space(*ch) || *ch == ' ') {
                    end += ch.len_utf8();
                }
                let span = Span::new(start, end);
                let replacement = " ".repeat(self.src[start..end].chars().count());
                self.problem(
                    span,
                    format!("a {} (as pasted from a web page) where JSON allows only plain spaces", space_name(c)),
                    "replace it with a plain space",
                    Some(fix("replace with plain spaces", vec![Edit::replace(span, replacement)])),
                );
                self.pos = end;
            } else {
                return;
            }
        }
    }
}

/// Spaces that look blank on screen but are not JSON whitespace.
fn is_odd_space(c: char) -> bool {
    matches!(c, '\u{A0}' | '\u{2000}'..='\u{200B}' | '\u{202F}' | '\u{205F}' | '\u{3000}' | '\u{FEFF}')
}

fn space_name(c: char) -> &'static str {
    match c {
        '\u{A0}' | '\u{202F}' => "non-breaking space",
        '\u{200B}' | '\u{FEFF}' => "zero-width space",
        _ => "Unicode space",
    }
}
