//! Byte offsets of the engine and LSP positions: a line, and a column counted in UTF-8 bytes or
//! in UTF-16 code units (the protocol's default), as negotiated at `initialize`.

use lsp_types::Position;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
}

/// Where each line of a text starts.
pub struct Lines<'t> {
    text: &'t str,
    starts: Vec<usize>,
}

impl<'t> Lines<'t> {
    pub fn new(text: &'t str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.bytes().enumerate().filter(|&(_, b)| b == b'\n').map(|(i, _)| i + 1));
        Lines { text, starts }
    }

    /// The position of byte `offset` (clamped to the text, and back to a character boundary).
    pub fn position(&self, offset: usize, encoding: Encoding) -> Position {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&start| start <= offset) - 1;
        let before = &self.text[self.starts[line]..offset];
        let character = match encoding {
            Encoding::Utf8 => before.len(),
            Encoding::Utf16 => before.encode_utf16().count(),
        };
        Position { line: line as u32, character: character as u32 }
    }

    /// The byte offset of `position`; a column past the end of its line means the line's end.
    pub fn offset(&self, position: Position, encoding: Encoding) -> usize {
        let Some(&start) = self.starts.get(position.line as usize) else { return self.text.len() };
        let end = self.starts.get(position.line as usize + 1).map_or(self.text.len(), |next| next - 1);
        let line = &self.text[start..end];
        let wanted = position.character as usize;
        let mut counted = 0;
        for (index, c) in line.char_indices() {
            if counted >= wanted {
                return start + index;
            }
            counted += match encoding {
                Encoding::Utf8 => c.len_utf8(),
                Encoding::Utf16 => c.len_utf16(),
            };
        }
        end
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_bytes_or_utf16_units() {
        // "é" is 2 bytes and 1 UTF-16 unit; "𝄞" is 4 bytes and 2 units.
        let text = "{\n  \"é𝄞\": 1\n}";
        let lines = Lines::new(text);
        let one = text.find('1').expect("a 1");
        assert_eq!(lines.position(one, Encoding::Utf8), Position { line: 1, character: 12 });
        assert_eq!(lines.position(one, Encoding::Utf16), Position { line: 1, character: 9 });
        for encoding in [Encoding::Utf8, Encoding::Utf16] {
            assert_eq!(lines.offset(lines.position(one, encoding), encoding), one);
        }
        assert_eq!(
            lines.offset(Position { line: 1, character: 99 }, Encoding::Utf16),
            text.rfind('\n').expect("a break")
        );
        assert_eq!(lines.offset(Position { line: 9, character: 0 }, Encoding::Utf8), text.len());
        assert_eq!(lines.position(text.len() + 5, Encoding::Utf8), Position { line: 2, character: 1 });
    }
}
