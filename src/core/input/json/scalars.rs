//! Scalars: strings (with the raw line breaks of pasted keys), strings in the wrong quotes,
//! numbers, literals and their look-alikes, and unquoted `<placeholders>`.

use super::{Parser, fix};
use crate::diagnostic::{Edit, Span};
use crate::document::{Chars, Node, Value};
use crate::input::RawBreaks;
use crate::input::cursor::Progress;
use serde_json::Number;

impl<'a> Parser<'a> {
    pub(super) fn string_value(&mut self) -> Node<'a> {
        let start = self.pos;
        match self.string_literal() {
            Some((text, span, chars)) => Node::with_chars(Value::String(text), span, chars),
            None => Node::new(Value::Invalid, Span::new(start, self.pos)),
        }
    }

    /// A double-quoted JSON string. Raw line breaks are recorded (they are the classic PEM paste
    /// mistake) and parsing goes on; `None` only when the string never ends.
    pub(super) fn string_literal(&mut self) -> Option<(&'a str, Span, Chars)> {
        let start = self.pos;
        self.pos += 1;
        // The value's character kinds, gathered while its bytes are read anyway.
        let mut chars = Chars::default();
        self.plain_run(&mut chars);
        // Most strings hold no escape and no line break: a slice of the text, nothing copied.
        if self.peek() == Some(b'"') {
            let text = &self.src[start + 1..self.pos];
            self.pos += 1;
            return Some((text, Span::new(start, self.pos), chars));
        }
        let mut out = std::mem::take(&mut self.scratch);
        out.clear();
        out.push_str(&self.src[start + 1..self.pos]);
        let mut breaks = Vec::new();
        let mut progress = Progress::default();
        while progress.advanced(self.pos) {
            let chunk_start = self.pos;
            self.plain_run(&mut chars);
            out.push_str(&self.src[chunk_start..self.pos]);
            let written = out.len();
            match self.peek() {
                Some(b'"') => {
                    self.pos += 1;
                    break;
                }
                Some(b'\\') => self.escape(&mut out),
                Some(b'\n' | b'\r') => {
                    breaks.push(self.pos);
                    let crlf = self.bytes[self.pos] == b'\r' && self.bytes.get(self.pos + 1) == Some(&b'\n');
                    let len = if crlf { 2 } else { 1 };
                    out.push_str(&self.src[self.pos..self.pos + len]);
                    self.pos += len;
                }
                Some(b) => {
                    let span = Span::new(self.pos, self.pos + 1);
                    let escaped = match b {
                        b'\t' => "\\t".to_string(),
                        _ => format!("\\u{b:04x}"),
                    };
                    self.problem(
                        span,
                        "a control character (such as a tab) inside a string must be escaped",
                        format!("write it as `{escaped}`"),
                        Some(fix("escape the control character", vec![Edit::replace(span, escaped)])),
                    );
                    out.push(b as char);
                    self.pos += 1;
                }
                None => {
                    self.fatal(
                        Span::new(start, start + 1),
                        "this string is never closed: the closing `\"` is missing",
                        "add the closing double quote",
                    );
                    return None;
                }
            }
            chars.add_all(&out.as_bytes()[written..]);
        }
        let span = Span::new(start, self.pos);
        if !breaks.is_empty() {
            if self.looks_like_unclosed_string() {
                self.fatal(
                    Span::new(start, start + 1),
                    "this string runs across lines: its closing `\"` is probably missing",
                    "close the string on the line where it starts",
                );
                return None;
            }
            self.parsed.raw_breaks.push(RawBreaks { pointer: self.pointer(), string: span, breaks });
        }
        let text = self.arena.alloc_str(&out);
        self.scratch = out;
        Some((text, span, chars))
    }

    /// Moves past the bytes that stand for themselves in a string (no quote, backslash or control
    /// character), adding their kinds to `chars`.
    fn plain_run(&mut self, chars: &mut Chars) {
        while let Some(&b) = self.bytes.get(self.pos) {
            if b == b'"' || b == b'\\' || b < 0x20 {
                break;
            }
            chars.add(b);
            self.pos += 1;
        }
    }

    /// After a string that swallowed line breaks, a `:` right behind it means the string really
    /// ended early and we ran into the next member.
    pub(super) fn looks_like_unclosed_string(&self) -> bool {
        let rest = &self.src[self.pos..];
        let trimmed = rest.trim_start_matches([' ', '\t']);
        trimmed.starts_with(':') || trimmed.starts_with(|c: char| c.is_ascii_alphanumeric())
    }

    pub(super) fn escape(&mut self, out: &mut String) {
        let start = self.pos;
        self.pos += 1;
        let Some(c) = self.peek_char() else { return };
        self.pos += c.len_utf8();
        match c {
            '"' => out.push('"'),
            '\\' => out.push('\\'),
            '/' => out.push('/'),
            'b' => out.push('\u{8}'),
            'f' => out.push('\u{c}'),
            'n' => out.push('\n'),
            'r' => out.push('\r'),
            't' => out.push('\t'),
            'u' => {
                let Some(first) = self.hex4() else {
                    self.bad_escape(start, "`\\u` must be followed by four hex digits");
                    return;
                };
                let code = if (0xD800..0xDC00).contains(&first) {
                    let save = self.pos;
                    if self.src[self.pos..].starts_with("\\u") {
                        self.pos += 2;
                        match self.hex4() {
                            Some(low) if (0xDC00..0xE000).contains(&low) => {
                                0x10000 + ((first - 0xD800) << 10) + (low - 0xDC00)
                            }
                            _ => {
                                self.pos = save;
                                0xFFFD
                            }
                        }
                    } else {
                        0xFFFD
                    }
                } else {
                    first
                };
                if code == 0xFFFD && first != 0xFFFD || (0xDC00..0xE000).contains(&first) {
                    self.bad_escape(start, "a `\\u` escape encodes half of a surrogate pair without the other half");
                }
                out.push(char::from_u32(code).unwrap_or('\u{FFFD}'));
            }
            other => {
                self.bad_escape(start, "invalid escape sequence");
                out.push(other);
            }
        }
    }

    pub(super) fn bad_escape(&mut self, start: usize, message: &str) {
        let span = Span::new(start, self.pos);
        self.problem(
            span,
            message,
            "valid escapes are \\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX; write a lone backslash as \\\\",
            None,
        );
    }

    pub(super) fn hex4(&mut self) -> Option<u32> {
        let digits = self.src.get(self.pos..self.pos + 4)?;
        let code = u32::from_str_radix(digits, 16).ok().filter(|_| digits.bytes().all(|b| b.is_ascii_hexdigit()))?;
        self.pos += 4;
        Some(code)
    }

    /// A string in the wrong quotes: reported with a fix that swaps in straight double quotes.
    pub(super) fn quoted_with(&mut self, open: char, closers: &[char], what: &str) -> Node<'a> {
        let start = self.pos;
        self.pos += open.len_utf8();
        let content_start = self.pos;
        let mut out = String::new();
        let mut progress = Progress::default();
        while progress.advanced(self.pos) {
            let Some(c) = self.peek_char() else {
                self.fatal(
                    Span::new(start, content_start),
                    format!("a string opened with {what} is never closed"),
                    "use straight double quotes: \"...\"",
                );
                return Node::new(Value::Invalid, Span::new(start, self.pos));
            };
            if c == '\n' {
                self.fatal(
                    Span::new(start, content_start),
                    format!("a string opened with {what} is never closed on its line"),
                    "use straight double quotes: \"...\"",
                );
                return Node::new(Value::Invalid, Span::new(start, self.pos));
            }
            if closers.contains(&c) {
                break;
            }
            if c == '\\' && open == '\'' {
                self.pos += 1;
                if let Some(next) = self.peek_char() {
                    out.push(next);
                    self.pos += next.len_utf8();
                }
                continue;
            }
            out.push(c);
            self.pos += c.len_utf8();
        }
        let content_end = self.pos;
        let close_len = self.peek_char().map_or(0, char::len_utf8);
        self.pos += close_len;
        let span = Span::new(start, self.pos);
        let raw = &self.src[content_start..content_end];
        let safe = !raw.contains(['"', '\\']);
        let edits = vec![
            Edit::replace(Span::new(start, content_start), "\""),
            Edit::replace(Span::new(content_end, self.pos), "\""),
        ];
        let message = if what.starts_with("curly") {
            format!("{what} (as pasted from a document or chat) instead of straight double quotes")
        } else {
            format!("a string in {what}; JSON strings use double quotes")
        };
        self.problem(
            span,
            message,
            "use straight double quotes: \"...\"",
            safe.then(|| fix("use straight double quotes", edits)),
        );
        Node::new(Value::String(self.arena.alloc_str(&out)), span)
    }

    pub(super) fn number(&mut self) -> Node<'a> {
        let start = self.pos;
        let end = self.scan_word();
        let text = &self.src[start..end];
        self.pos = end;
        let span = Span::new(start, end);
        if is_json_number(text) {
            if let Ok(number) = serde_json::from_str::<Number>(text) {
                return Node::new(Value::Number(number), span);
            }
            self.problem(span, "this number is too large to represent", "use a smaller number", None);
            return Node::new(Value::Invalid, span);
        }
        let help = if text.len() > 1 && text.starts_with('0') && text[1..].bytes().all(|b| b.is_ascii_digit()) {
            "JSON numbers cannot have leading zeros; drop them, or quote the value if it is an identifier"
        } else {
            "JSON numbers look like 443, -1, 0.5 or 1e3; quote the value if it is text"
        };
        self.problem(span, "this is not a valid JSON number", help, None);
        Node::new(Value::Invalid, span)
    }

    /// `true`, `false`, `null`, or one of their look-alikes from other languages, or bare text.
    pub(super) fn word(&mut self) -> Node<'a> {
        let start = self.pos;
        let end = self.scan_word();
        self.pos = end;
        let span = Span::new(start, end);
        let word = &self.src[start..end];
        let (value, replacement) = match word {
            "true" => return Node::new(Value::Bool(true), span),
            "false" => return Node::new(Value::Bool(false), span),
            "null" => return Node::new(Value::Null, span),
            "True" | "TRUE" => (Value::Bool(true), "true"),
            "False" | "FALSE" => (Value::Bool(false), "false"),
            "None" | "NULL" | "Null" | "nil" | "undefined" => (Value::Null, "null"),
            _ => {
                self.problem(
                    span,
                    "unquoted text where a value belongs",
                    "put text in double quotes (\"...\"); numbers and true/false/null stay bare",
                    None,
                );
                return Node::new(Value::Invalid, span);
            }
        };
        self.problem(
            span,
            format!("`{word}` is not JSON; write `{replacement}`"),
            "JSON literals are lower-case true, false and null (this looks like Python or another language)",
            Some(fix(format!("replace with `{replacement}`"), vec![Edit::replace(span, replacement)])),
        );
        Node::new(value, span)
    }

    /// An unquoted `${VAR}`, `$VAR` or `{{ expr }}`: a template value, which a tool fills in
    /// before the request is sent (`model::templates`).
    pub(super) fn template(&mut self) -> Option<Node<'a>> {
        let start = self.pos;
        let (len, _) = crate::model::templates::template_at(&self.src[start..])?;
        self.pos = start + len;
        self.parsed.templates = true;
        Some(Node::new(Value::Template, Span::new(start, start + len)))
    }

    /// `<your-Snowflake-port>` left unquoted, as in Immuta's example requests.
    pub(super) fn placeholder_or_word(&mut self) -> Node<'a> {
        let start = self.pos;
        let line_end = self.src[start..].find('\n').map_or(self.src.len(), |i| start + i);
        if let Some(close) = self.src[start..line_end].find('>') {
            let end = start + close + 1;
            self.pos = end;
            let span = Span::new(start, end);
            let token = &self.src[start..end];
            let shown =
                if crate::model::placeholders::is_placeholder(token) { format!(" `{token}`") } else { String::new() };
            self.problem(
                span,
                format!("unquoted placeholder{shown}: this is not JSON until it is replaced"),
                "replace the placeholder with your real value: a number such as 443 stays bare, text goes in double quotes",
                None,
            );
            return Node::new(Value::Invalid, span);
        }
        let span = self.char_span(start);
        self.fatal(span, "expected a value, found `<`", "replace the placeholder with a real value");
        Node::new(Value::Invalid, span)
    }
}

/// The JSON number grammar: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
fn is_json_number(text: &str) -> bool {
    let b = text.as_bytes();
    // The end of the run of digits starting at `i`.
    let digits = |i: usize| i + b[i.min(b.len())..].iter().take_while(|c| c.is_ascii_digit()).count();
    let mut i = usize::from(b.first() == Some(&b'-'));
    match b.get(i) {
        Some(b'0') => i += 1,
        Some(b'1'..=b'9') => i = digits(i),
        _ => return false,
    }
    if b.get(i) == Some(&b'.') {
        let end = digits(i + 1);
        if end == i + 1 {
            return false;
        }
        i = end;
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1 + usize::from(matches!(b.get(i + 1), Some(b'+' | b'-')));
        let end = digits(i);
        if end == i {
            return false;
        }
        i = end;
    }
    i == b.len()
}

#[cfg(test)]
mod tests {
    use super::is_json_number;

    #[test]
    fn the_json_number_grammar() {
        for ok in ["0", "-0", "443", "-1.5", "1e3", "2.5E-7", "10"] {
            assert!(is_json_number(ok), "{ok}");
        }
        for bad in ["", "-", "0443", "1.", ".5", "+1", "1e", "1e+", "0x1F", "1.2.3"] {
            assert!(!is_json_number(bad), "{bad}");
        }
    }
}
