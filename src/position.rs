//! Byte offsets to 1-based line and column (columns count characters, not bytes).

use crate::diagnostic::{Location, Span};

/// Start offsets of every line of a text, for offset → line:column lookups.
pub struct LineIndex<'a> {
    text: &'a str,
    line_starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        let mut line_starts = vec![0];
        for (i, b) in text.bytes().enumerate() {
            if b == b'\n' {
                line_starts.push(i + 1);
            }
        }
        LineIndex { text, line_starts }
    }

    /// 0-based line number holding `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        match self.line_starts.binary_search(&offset) {
            Ok(line) => line,
            Err(next) => next - 1,
        }
    }

    /// 1-based (line, column) of a byte offset; offsets inside a character snap back to its start.
    pub fn position(&self, offset: usize) -> (usize, usize) {
        let offset = self.floor_char_boundary(offset.min(self.text.len()));
        let line = self.line_of(offset);
        let start = self.line_starts[line];
        let column = self.text[start..offset].chars().count();
        (line + 1, column + 1)
    }

    pub fn location(&self, span: Span) -> Location {
        let (line, column) = self.position(span.start);
        let (end_line, end_column) = self.position(span.end.max(span.start));
        Location { line, column, end_line, end_column }
    }

    /// Byte offset of a 1-based line and 0-based character column (clamped to the line).
    pub fn offset_of(&self, line: usize, char_column: usize) -> usize {
        let Some(&start) = self.line_starts.get(line.saturating_sub(1)) else {
            return self.text.len();
        };
        let end = self.line_end(line - 1);
        self.text[start..end].char_indices().nth(char_column).map_or(end, |(i, _)| start + i)
    }

    /// Byte span of a 0-based line, without its line terminator.
    pub fn line_span(&self, line: usize) -> Span {
        let start = self.line_starts.get(line).copied().unwrap_or(self.text.len());
        Span::new(start, self.line_end(line))
    }

    fn line_end(&self, line: usize) -> usize {
        let mut end = self.line_starts.get(line + 1).map_or(self.text.len(), |next| next - 1);
        if end > 0 && self.text.as_bytes().get(end - 1) == Some(&b'\r') && end > self.line_starts[line] {
            end -= 1;
        }
        end
    }

    fn floor_char_boundary(&self, mut offset: usize) -> usize {
        while offset > 0 && !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        offset
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_characters_not_bytes() {
        let text = "{\n  \"city\": \"Zürich\", \"x\": 1\n}";
        let index = LineIndex::new(text);
        let x = text.find("\"x\"").unwrap();
        assert_eq!(index.position(x), (2, 21));
        assert_eq!(index.position(0), (1, 1));
        assert_eq!(index.position(text.len()), (3, 2));
    }

    #[test]
    fn offset_of_inverts_position() {
        let text = "ab\ncdé\nf";
        let index = LineIndex::new(text);
        assert_eq!(index.offset_of(2, 2), text.find('é').unwrap());
        assert_eq!(index.offset_of(3, 5), text.len());
        assert_eq!(index.line_span(1), Span::new(3, 7));
    }
}
