//! Byte offsets of a text and its positions, in the one index every door uses: 1-based line and
//! column in characters (the diagnostics), UTF-16 offsets (JavaScript), and 0-based line and
//! column in UTF-8 bytes or UTF-16 code units (the language server, as negotiated).

use crate::diagnostic::{Location, Span};

/// What a column counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Char,
    Utf8,
    Utf16,
}

/// Start offsets of every line of a text, for offset → line:column lookups and back.
pub struct LineIndex<'a> {
    text: &'a str,
    /// Built on first use: a report with no findings (the common case) needs no line, only its
    /// UTF-16 offsets, and a scan of a 200 KB text is a tenth of a millisecond in wasm.
    line_starts: std::cell::OnceCell<Vec<usize>>,
    /// A column costs a binary search, not a count along its line: a long one-line payload may
    /// have a thousand findings.
    checkpoints: Checkpoints,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        LineIndex { text, line_starts: std::cell::OnceCell::new(), checkpoints: Checkpoints::new(text) }
    }

    /// The byte offset where each line starts.
    fn line_starts(&self) -> &[usize] {
        self.line_starts.get_or_init(|| {
            let mut starts = vec![0];
            starts.extend(self.text.bytes().enumerate().filter(|&(_, b)| b == b'\n').map(|(i, _)| i + 1));
            starts
        })
    }

    /// How many characters `text[..offset]` holds (`offset` on a character boundary).
    fn chars_before(&self, offset: usize) -> usize {
        let at = self.checkpoints.at_byte(offset);
        at.chars + (offset - at.byte)
    }

    /// 0-based line number holding `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        match self.line_starts().binary_search(&offset) {
            Ok(line) => line,
            Err(next) => next - 1,
        }
    }

    /// 1-based (line, column) of a byte offset; offsets inside a character snap back to its start.
    pub fn position(&self, offset: usize) -> (usize, usize) {
        let offset = self.floor_char_boundary(offset.min(self.text.len()));
        let line = self.line_of(offset);
        let start = self.line_starts()[line];
        let column = self.chars_before(offset) - self.chars_before(start);
        (line + 1, column + 1)
    }

    pub fn location(&self, span: Span) -> Location {
        let (line, column) = self.position(span.start);
        let (end_line, end_column) = self.position(span.end.max(span.start));
        Location { line, column, end_line, end_column }
    }

    /// Byte offset of a 1-based line and 0-based character column (clamped to the line).
    pub fn offset_of(&self, line: usize, char_column: usize) -> usize {
        let line = line.max(1);
        let Some(&start) = self.line_starts().get(line.saturating_sub(1)) else {
            return self.text.len();
        };
        let end = self.line_end(line - 1);
        self.text[start..end].char_indices().nth(char_column).map_or(end, |(i, _)| start + i)
    }

    /// Byte span of a 0-based line, without its line terminator.
    pub fn line_span(&self, line: usize) -> Span {
        let start = self.line_starts().get(line).copied().unwrap_or(self.text.len());
        Span::new(start, self.line_end(line))
    }

    /// The 0-based line and column, counted in `unit`, of byte `offset` (clamped to the text, and
    /// back to a character boundary).
    pub fn line_column(&self, offset: usize, unit: Unit) -> (usize, usize) {
        let offset = self.floor_char_boundary(offset.min(self.text.len()));
        let line = self.line_of(offset);
        let start = self.line_starts()[line];
        let column = match unit {
            Unit::Char => self.chars_before(offset) - self.chars_before(start),
            Unit::Utf8 => offset - start,
            Unit::Utf16 => self.utf16(offset) - self.utf16(start),
        };
        (line, column)
    }

    /// The byte offset of a 0-based `line` and a `column` counted in `unit`; a column past the
    /// end of its line means the line's end, a line past the text's end the text's end.
    pub fn offset_at(&self, line: usize, column: usize, unit: Unit) -> usize {
        let Some(&start) = self.line_starts().get(line) else { return self.text.len() };
        let end = self.line_end(line);
        let offset = match unit {
            Unit::Char => return self.offset_of(line + 1, column),
            Unit::Utf8 => start.saturating_add(column),
            Unit::Utf16 => self.byte(self.utf16(start).saturating_add(column)),
        };
        self.floor_char_boundary(offset.min(end))
    }

    /// The UTF-16 offset of a byte offset (inside a character: of the character's start).
    pub fn utf16(&self, offset: usize) -> usize {
        let offset = self.floor_char_boundary(offset.min(self.text.len()));
        let at = self.checkpoints.at_byte(offset);
        at.utf16 + (offset - at.byte)
    }

    /// The byte offset of a UTF-16 offset (inside a surrogate pair: of the character's start).
    pub fn byte(&self, utf16: usize) -> usize {
        let at = self.checkpoints.at_utf16(utf16);
        self.floor_char_boundary((at.byte + (utf16 - at.utf16)).min(self.text.len()))
    }

    /// A span's UTF-16 offsets.
    pub fn utf16_range(&self, span: Span) -> (usize, usize) {
        (self.utf16(span.start), self.utf16(span.end))
    }

    fn line_end(&self, line: usize) -> usize {
        let mut end = self.line_starts().get(line + 1).map_or(self.text.len(), |next| next - 1);
        if end > 0 && self.text.as_bytes().get(end - 1) == Some(&b'\r') && end > self.line_starts()[line] {
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

/// Counts at the start of a text and just past each of its non-ASCII characters. Between two
/// checkpoints the text is ASCII, where a byte is one character and one UTF-16 code unit, so any
/// offset converts with one binary search.
struct Checkpoints(Vec<Checkpoint>);

#[derive(Clone, Copy)]
struct Checkpoint {
    byte: usize,
    chars: usize,
    utf16: usize,
}

impl Checkpoints {
    fn new(text: &str) -> Self {
        let mut points = vec![Checkpoint { byte: 0, chars: 0, utf16: 0 }];
        if !text.is_ascii() {
            let (mut chars, mut utf16) = (0, 0);
            for (at, c) in text.char_indices() {
                chars += 1;
                utf16 += c.len_utf16();
                if !c.is_ascii() {
                    points.push(Checkpoint { byte: at + c.len_utf8(), chars, utf16 });
                }
            }
        }
        Checkpoints(points)
    }

    /// The last checkpoint at or before byte `offset`.
    fn at_byte(&self, offset: usize) -> Checkpoint {
        self.0[self.0.partition_point(|p| p.byte <= offset) - 1]
    }

    /// The last checkpoint at or before UTF-16 offset `utf16`.
    fn at_utf16(&self, utf16: usize) -> Checkpoint {
        self.0[self.0.partition_point(|p| p.utf16 <= utf16) - 1]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_offsets_count_code_units() {
        let text = "{\"city\": \"Zürich 🚀\", \"x\": 1}";
        let index = LineIndex::new(text);
        let x = text.find("\"x\"").unwrap();
        let expected = text[..x].encode_utf16().count();
        assert_eq!(index.utf16(x), expected);
        assert_eq!(expected, x - 1 - 2, "ü is 2 bytes and 1 unit; 🚀 is 4 bytes and 2 units");
        assert_eq!(index.byte(expected), x);
        let rocket = text.find('🚀').unwrap();
        assert_eq!(index.utf16(rocket + 2), index.utf16(rocket), "inside a character snaps to its start");
        assert_eq!(index.byte(index.utf16(rocket) + 1), rocket, "inside a surrogate pair snaps to its start");
        assert_eq!(index.utf16(text.len() + 5), text.encode_utf16().count());
        assert_eq!(index.byte(10_000), text.len());
        let ascii = LineIndex::new("abc");
        assert_eq!((ascii.utf16(2), ascii.byte(2)), (2, 2));
    }

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
    fn columns_agree_with_counting_along_the_line() {
        let text = "é🚀a\n  ü x\r\n\n日本語 \"k\": 1 🚀\nend";
        let index = LineIndex::new(text);
        for offset in (0..=text.len()).filter(|&o| text.is_char_boundary(o)) {
            let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
            let line = text[..offset].matches('\n').count() + 1;
            let column = text[line_start..offset].chars().count() + 1;
            assert_eq!(index.position(offset), (line, column), "offset {offset}");
        }
    }

    #[test]
    fn lsp_columns_count_bytes_or_utf16_units() {
        // "é" is 2 bytes and 1 UTF-16 unit; "𝄞" is 4 bytes and 2 units.
        let text = "{\n  \"é𝄞\": 1\r\n}";
        let index = LineIndex::new(text);
        let one = text.find('1').expect("a 1");
        assert_eq!(index.line_column(one, Unit::Utf8), (1, 12));
        assert_eq!(index.line_column(one, Unit::Utf16), (1, 9));
        assert_eq!(index.line_column(one, Unit::Char), (1, 8));
        for unit in [Unit::Utf8, Unit::Utf16, Unit::Char] {
            let (line, column) = index.line_column(one, unit);
            assert_eq!(index.offset_at(line, column, unit), one);
        }
        assert_eq!(index.offset_at(1, 99, Unit::Utf16), text.find('\r').expect("a CR"), "the line's end");
        assert_eq!(index.offset_at(1, 6, Unit::Utf8), text.find('𝄞').expect("𝄞"), "inside a character: its start");
        assert_eq!(index.offset_at(9, 0, Unit::Utf8), text.len());
        assert_eq!(index.line_column(text.len() + 5, Unit::Utf8), (2, 1));
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
