//! Scanning that cannot stand still. Every reader here (curl, JSON, YAML, PEM) walks its text in
//! loops, and one branch that forgets to move on spins for ever while it allocates: eight bytes,
//! `curl $'\`, once took the engine to 23 GB. Two tools rule that out:
//!
//! - [`Cursor`]: a position in a text whose consuming methods take at least one character
//!   whenever any is left, and only ever land on character boundaries;
//! - [`Progress`]: a guard every scanning loop asks at the top of each pass. A pass that did not
//!   move ends the loop in release builds (a result cut short, never a hang) and panics in debug
//!   builds, which is how `cargo test` and the fuzzers build, so the bug is reported at once.

use crate::diagnostic::Span;

/// A reading position in `text` that only moves forward.
#[derive(Debug, Clone)]
pub struct Cursor<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Cursor<'a> {
    pub fn new(text: &'a str, pos: usize) -> Self {
        let mut cursor = Cursor { text, pos: 0 };
        cursor.move_to(pos);
        cursor
    }

    pub fn pos(&self) -> usize {
        self.pos
    }

    pub fn at_end(&self) -> bool {
        self.pos >= self.text.len()
    }

    /// The text from the cursor on.
    pub fn rest(&self) -> &'a str {
        &self.text[self.pos..]
    }

    pub fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.pos).copied()
    }

    /// The byte `ahead` bytes after the cursor.
    pub fn peek_at(&self, ahead: usize) -> Option<u8> {
        self.text.as_bytes().get(self.pos + ahead).copied()
    }

    /// Consumes `bytes` bytes, rounded up to a character boundary, and at least one character:
    /// the span consumed (empty only at the end of the text).
    pub fn bump(&mut self, bytes: usize) -> Span {
        let start = self.pos;
        let first = self.rest().chars().next().map_or(0, char::len_utf8);
        self.move_to(start + bytes.max(first));
        Span::new(start, self.pos)
    }

    /// Consumes up to the first character for which `stop` holds, or to the end, and at least one
    /// character: the span consumed (empty only at the end of the text).
    pub fn take_until(&mut self, stop: impl Fn(char) -> bool) -> Span {
        let end = self.rest().char_indices().skip(1).find(|&(_, c)| stop(c)).map_or(self.rest().len(), |(i, _)| i);
        self.bump(end)
    }

    /// Skips what `skip` matches at the cursor, repeatedly (`skip` returns the length of one match,
    /// 0 for none); a match is at least one character long, so this ends.
    pub fn skip(&mut self, skip: impl Fn(&str) -> usize) {
        let mut progress = Progress::default();
        while progress.advanced(self.pos) && !self.at_end() {
            match skip(self.rest()) {
                0 => break,
                n => {
                    self.bump(n);
                }
            }
        }
    }

    /// Moves forward to `to` (clamped to the text, rounded up to a character boundary); never back.
    fn move_to(&mut self, to: usize) {
        let mut to = to.min(self.text.len()).max(self.pos);
        while !self.text.is_char_boundary(to) {
            to += 1;
        }
        self.pos = to;
    }
}

/// Guards one scanning loop: ask [`Progress::advanced`] with the current position at the top of
/// every pass.
#[derive(Debug, Default)]
pub struct Progress {
    last: Option<usize>,
}

impl Progress {
    /// Whether the position moved forward since the last pass (always, on the first). `false`
    /// means the loop would spin: release builds end it; debug builds panic, naming the caller.
    #[track_caller]
    pub fn advanced(&mut self, pos: usize) -> bool {
        let moved = self.last.is_none_or(|last| pos > last);
        debug_assert!(moved, "a scanning loop stood still at byte {pos}");
        self.last = Some(pos);
        moved
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_consuming_call_takes_a_character_until_the_end() {
        let mut cursor = Cursor::new("a\\\\é", 0);
        assert_eq!(cursor.bump(0), Span::new(0, 1));
        assert_eq!(cursor.take_until(|c| c == '\\'), Span::new(1, 2), "a stop at the cursor still consumes");
        assert_eq!(cursor.bump(1), Span::new(2, 3));
        assert_eq!(cursor.bump(1), Span::new(3, 5), "rounded up to the end of `é`");
        assert!(cursor.at_end());
        assert_eq!(cursor.bump(5), Span::empty(5));
        assert_eq!(cursor.take_until(|_| true), Span::empty(5));
    }

    #[test]
    fn a_cursor_never_moves_back_or_inside_a_character() {
        let cursor = Cursor::new("é", 1);
        assert_eq!(cursor.pos(), 2);
        let mut cursor = Cursor::new("abc", 9);
        assert_eq!(cursor.pos(), 3);
        cursor.move_to(1);
        assert_eq!(cursor.pos(), 3);
    }

    #[test]
    fn skip_ends_on_a_match_of_nothing() {
        let mut cursor = Cursor::new("  \\\nx", 0);
        cursor.skip(|rest| match rest.as_bytes() {
            [b' ', ..] => 1,
            [b'\\', b'\n', ..] => 2,
            _ => 0,
        });
        assert_eq!(cursor.pos(), 4);
    }

    #[test]
    fn progress_allows_forward_passes_only() {
        let mut progress = Progress::default();
        assert!(progress.advanced(0));
        assert!(progress.advanced(3));
        let stood_still = std::panic::catch_unwind(move || progress.advanced(3));
        if cfg!(debug_assertions) {
            assert!(stood_still.is_err(), "debug builds panic");
        } else {
            assert_eq!(stood_still.ok(), Some(false), "release builds end the loop");
        }
    }
}
