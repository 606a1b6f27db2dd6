//! A tolerant JSON parser that keeps spans and recovers from the usual paste damage (smart quotes,
//! trailing commas, comments, single quotes, unquoted `<placeholders>`, real line breaks inside
//! strings) so that every problem is reported in one pass, each with its exact position.
//!
//! Messages never quote the text of a value: a broken value may be a secret. Only structural
//! characters, member names and `<placeholder>` tokens are echoed.

use super::{Parsed, RawBreaks};
use crate::diagnostic::{Diagnostic, Edit, Fix, Severity, Span};
use crate::document::{Member, Node, Value, join, push_token};
use crate::rules::{duplicate_key, syntax};
use serde_json::Number;

/// Deeper nesting than any Immuta payload needs; bounds recursion on hostile input.
pub const MAX_DEPTH: usize = 128;

pub fn parse(src: &str) -> Parsed {
    let mut parser =
        Parser { src, bytes: src.as_bytes(), pos: 0, parsed: Parsed::default(), path: Vec::new(), depth: 0 };
    parser.document();
    parser.parsed
}

struct Parser<'a> {
    src: &'a str,
    bytes: &'a [u8],
    pos: usize,
    parsed: Parsed,
    /// Where the parser is, as segments; turned into a pointer only when a problem is reported.
    path: Vec<Segment>,
    depth: usize,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Container {
    Object,
    Array,
}

enum Segment {
    Key(String),
    Index(usize),
}

impl Parser<'_> {
    fn document(&mut self) {
        if self.src.starts_with('\u{FEFF}') {
            let span = Span::new(0, 3);
            self.problem_with(
                Severity::Warning,
                span,
                "the file starts with a byte-order mark (U+FEFF), which JSON does not allow",
                "save the file as UTF-8 without a BOM",
                Some(fix("remove the byte-order mark", vec![Edit::delete(span)])),
            );
            self.pos = 3;
        }
        self.skip_blank();
        if self.at_end() {
            let span = Span::empty(self.pos);
            self.fatal(span, "the document is empty", "paste the JSON body of the request");
            return;
        }
        let root = self.value();
        if !self.parsed.fatal {
            self.skip_blank();
            if !self.at_end() {
                let span = Span::new(self.pos, self.src.len());
                self.problem(
                    span,
                    "unexpected text after the end of the JSON document",
                    "a request body holds exactly one JSON value; remove the extra text or a stray closing bracket",
                    None,
                );
            }
        }
        self.parsed.root = Some(root);
    }

    // ----- values -----

    fn value(&mut self) -> Node {
        let start = self.pos;
        let Some(c) = self.peek_char() else {
            self.fatal(Span::empty(start), "unexpected end of input: a value is missing", "complete the document");
            return Node::new(Value::Invalid, Span::empty(start));
        };
        match c {
            '{' => self.object(),
            '[' => self.array(),
            '"' => self.string_value(),
            '-' | '0'..='9' => self.number(),
            '\'' => self.quoted_with('\'', &['\''], "single quotes"),
            '\u{201C}' | '\u{201D}' => self.quoted_with(c, &['\u{201C}', '\u{201D}', '"'], "curly quotes"),
            '\u{2018}' | '\u{2019}' => self.quoted_with(c, &['\u{2018}', '\u{2019}', '\''], "curly single quotes"),
            '<' => self.placeholder_or_word(),
            c if c.is_ascii_alphabetic() || c == '_' || c == '+' || c == '.' => self.word(),
            ',' | '}' | ']' => {
                self.problem(
                    Span::empty(start),
                    "a value is missing here",
                    "write a value (a string in double quotes, a number, true, false, null, an object or an array)",
                    None,
                );
                Node::new(Value::Invalid, Span::empty(start))
            }
            _ => {
                let span = self.char_span(start);
                self.fatal(
                    span,
                    format!("expected a value, found {}", describe_char(c)),
                    "check for a stray character",
                );
                Node::new(Value::Invalid, span)
            }
        }
    }

    fn object(&mut self) -> Node {
        let open = self.pos;
        self.pos += 1;
        if !self.enter(open) {
            return Node::new(Value::Invalid, Span::new(open, open + 1));
        }
        let mut members: Vec<Member> = Vec::new();
        loop {
            self.skip_blank();
            match self.peek() {
                Some(b'}') => {
                    self.pos += 1;
                    break;
                }
                None => {
                    self.fatal(
                        Span::new(open, open + 1),
                        "this object is never closed: `}` is missing",
                        "add the closing `}` (a paste may have been cut short)",
                    );
                    break;
                }
                Some(b',') => {
                    let span = Span::new(self.pos, self.pos + 1);
                    self.problem(
                        span,
                        "extra comma",
                        "remove the comma",
                        Some(fix("remove the comma", vec![Edit::delete(span)])),
                    );
                    self.pos += 1;
                    continue;
                }
                _ => {}
            }
            let Some((key, key_span)) = self.key() else {
                break;
            };
            self.skip_blank();
            match self.peek() {
                Some(b':') => self.pos += 1,
                Some(b'=') => {
                    let span = Span::new(self.pos, self.pos + 1);
                    self.problem(
                        span,
                        "`=` used instead of `:`",
                        "JSON separates a member name from its value with `:`",
                        Some(fix("replace `=` with `:`", vec![Edit::replace(span, ":")])),
                    );
                    self.pos += 1;
                }
                _ if self.starts_value() => {
                    self.problem(
                        Span::empty(key_span.end),
                        format!("`:` is missing after the member name `{key}`"),
                        "write `:` between the name and its value",
                        Some(fix("insert `:`", vec![Edit::insert(key_span.end, ":")])),
                    );
                }
                _ => {
                    let span = self.char_span(self.pos);
                    self.fatal(span, format!("expected `:` after the member name `{key}`"), "write `\"name\": value`");
                    break;
                }
            }
            self.skip_blank();
            self.path.push(Segment::Key(key));
            let value = self.value();
            let Some(Segment::Key(key)) = self.path.pop() else { break };
            if self.parsed.fatal {
                break;
            }
            self.check_duplicate(&members, &key, key_span);
            let value_end = value.span.end;
            members.push(Member { key, key_span, value });
            if !self.separator(b'}', value_end, Container::Object) {
                break;
            }
        }
        self.depth -= 1;
        Node::new(Value::Object(members), Span::new(open, self.pos))
    }

    fn array(&mut self) -> Node {
        let open = self.pos;
        self.pos += 1;
        if !self.enter(open) {
            return Node::new(Value::Invalid, Span::new(open, open + 1));
        }
        let mut items = Vec::new();
        loop {
            self.skip_blank();
            match self.peek() {
                Some(b']') => {
                    self.pos += 1;
                    break;
                }
                None => {
                    self.fatal(
                        Span::new(open, open + 1),
                        "this array is never closed: `]` is missing",
                        "add the closing `]`",
                    );
                    break;
                }
                _ => {}
            }
            self.path.push(Segment::Index(items.len()));
            let item = self.value();
            self.path.pop();
            if self.parsed.fatal {
                break;
            }
            let item_end = item.span.end;
            items.push(item);
            if !self.separator(b']', item_end, Container::Array) {
                break;
            }
        }
        self.depth -= 1;
        Node::new(Value::Array(items), Span::new(open, self.pos))
    }

    /// After a member or item: a `,` (a trailing one is reported), the closing bracket, or a missing
    /// comma (reported, with a fix). `false` when the container cannot be read any further.
    fn separator(&mut self, close: u8, element_end: usize, container: Container) -> bool {
        let (closer, element, elements) = match container {
            Container::Object => ("}", "member", "members"),
            Container::Array => ("]", "item", "items"),
        };
        self.skip_blank();
        match self.peek() {
            Some(b',') => {
                let comma = self.pos;
                self.pos += 1;
                self.skip_blank();
                if self.peek() == Some(close) {
                    let span = Span::new(comma, comma + 1);
                    self.problem(
                        span,
                        format!("trailing comma before `{closer}`"),
                        format!("JSON does not allow a comma after the last {element}"),
                        Some(fix("remove the trailing comma", vec![Edit::delete(span)])),
                    );
                }
                true
            }
            Some(b) if b == close => true,
            None => true,
            _ if (container == Container::Object && self.starts_key())
                || (container == Container::Array && self.starts_value()) =>
            {
                self.problem(
                    Span::empty(element_end),
                    format!("`,` is missing between two {elements}"),
                    format!("separate {elements} with a comma"),
                    Some(fix("insert `,`", vec![Edit::insert(element_end, ",")])),
                );
                true
            }
            _ => {
                let span = self.char_span(self.pos);
                let found = self.peek_char().map_or("the end".to_string(), describe_char);
                self.fatal(
                    span,
                    format!("expected `,` or `{closer}`, found {found}"),
                    format!(
                        "close the {} or separate {elements} with commas",
                        if container == Container::Object { "object" } else { "array" }
                    ),
                );
                false
            }
        }
    }

    fn enter(&mut self, open: usize) -> bool {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            self.fatal(
                Span::new(open, open + 1),
                format!("the document is nested more than {MAX_DEPTH} levels deep"),
                "Immuta payloads are a few levels deep; check for a runaway paste",
            );
            return false;
        }
        true
    }

    fn key(&mut self) -> Option<(String, Span)> {
        let start = self.pos;
        let c = self.peek_char()?;
        match c {
            '"' => {
                let (text, span) = self.string_literal()?;
                Some((text, span))
            }
            '\'' | '\u{201C}' | '\u{201D}' | '\u{2018}' | '\u{2019}' => {
                let node = match c {
                    '\'' => self.quoted_with('\'', &['\''], "single quotes"),
                    '\u{2018}' | '\u{2019}' => {
                        self.quoted_with(c, &['\u{2018}', '\u{2019}', '\''], "curly single quotes")
                    }
                    _ => self.quoted_with(c, &['\u{201C}', '\u{201D}', '"'], "curly quotes"),
                };
                let text = node.as_str().unwrap_or_default().to_string();
                (!self.parsed.fatal).then_some((text, node.span))
            }
            c if is_word_char(c) => {
                let end = self.scan_word();
                let name = self.src[start..end].to_string();
                let span = Span::new(start, end);
                self.problem(
                    span,
                    format!("the member name `{name}` is not in double quotes"),
                    format!("write \"{name}\""),
                    Some(fix("quote the member name", vec![Edit::insert(start, "\""), Edit::insert(end, "\"")])),
                );
                Some((name, span))
            }
            _ => {
                let span = self.char_span(start);
                self.fatal(
                    span,
                    format!("expected a member name in double quotes, found {}", describe_char(c)),
                    "write `\"name\": value`",
                );
                None
            }
        }
    }

    fn string_value(&mut self) -> Node {
        let start = self.pos;
        match self.string_literal() {
            Some((text, span)) => Node::new(Value::String(text), span),
            None => Node::new(Value::Invalid, Span::new(start, self.pos)),
        }
    }

    /// A double-quoted JSON string. Raw line breaks are recorded (they are the classic PEM paste
    /// mistake) and parsing goes on; `None` only when the string never ends.
    fn string_literal(&mut self) -> Option<(String, Span)> {
        let start = self.pos;
        self.pos += 1;
        let mut out = String::new();
        let mut breaks = Vec::new();
        loop {
            let chunk_start = self.pos;
            while let Some(&b) = self.bytes.get(self.pos) {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.pos += 1;
            }
            out.push_str(&self.src[chunk_start..self.pos]);
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
        Some((out, span))
    }

    /// After a string that swallowed line breaks, a `:` right behind it means the string really
    /// ended early and we ran into the next member.
    fn looks_like_unclosed_string(&self) -> bool {
        let rest = &self.src[self.pos..];
        let trimmed = rest.trim_start_matches([' ', '\t']);
        trimmed.starts_with(':') || trimmed.starts_with(|c: char| c.is_ascii_alphanumeric())
    }

    fn escape(&mut self, out: &mut String) {
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

    fn bad_escape(&mut self, start: usize, message: &str) {
        let span = Span::new(start, self.pos);
        self.problem(
            span,
            message,
            "valid escapes are \\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX; write a lone backslash as \\\\",
            None,
        );
    }

    fn hex4(&mut self) -> Option<u32> {
        let digits = self.src.get(self.pos..self.pos + 4)?;
        let code = u32::from_str_radix(digits, 16).ok().filter(|_| digits.bytes().all(|b| b.is_ascii_hexdigit()))?;
        self.pos += 4;
        Some(code)
    }

    /// A string in the wrong quotes: reported with a fix that swaps in straight double quotes.
    fn quoted_with(&mut self, open: char, closers: &[char], what: &str) -> Node {
        let start = self.pos;
        self.pos += open.len_utf8();
        let content_start = self.pos;
        let mut out = String::new();
        loop {
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
        Node::new(Value::String(out), span)
    }

    fn number(&mut self) -> Node {
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
    fn word(&mut self) -> Node {
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

    /// `<your-Snowflake-port>` left unquoted, as in Immuta's example requests.
    fn placeholder_or_word(&mut self) -> Node {
        let start = self.pos;
        let line_end = self.src[start..].find('\n').map_or(self.src.len(), |i| start + i);
        if let Some(close) = self.src[start..line_end].find('>') {
            let end = start + close + 1;
            self.pos = end;
            let span = Span::new(start, end);
            let token = &self.src[start..end];
            let shown =
                if crate::rules::placeholder::is_placeholder(token) { format!(" `{token}`") } else { String::new() };
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

    // ----- blanks, comments, helpers -----

    /// Skips JSON whitespace; reports comments and non-ASCII spaces (with fixes) and skips them too.
    fn skip_blank(&mut self) {
        loop {
            while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
                self.pos += 1;
            }
            // Only `/`, `#` and non-ASCII bytes can start what is handled below.
            if !matches!(self.peek(), Some(b'/' | b'#' | 0x80..)) {
                return;
            }
            let rest = &self.src[self.pos..];
            if rest.starts_with("//") || rest.starts_with('#') {
                let end = rest.find('\n').map_or(self.src.len(), |i| self.pos + i);
                let span = Span::new(self.pos, end);
                self.problem(
                    span,
                    "JSON does not allow comments",
                    "remove the comment",
                    Some(fix("remove the comment", vec![Edit::delete(span)])),
                );
                self.pos = end;
            } else if let Some(body) = rest.strip_prefix("/*") {
                let end = body.find("*/").map_or(self.src.len(), |i| self.pos + 2 + i + 2);
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

    fn starts_value(&self) -> bool {
        self.peek_char().is_some_and(|c| {
            matches!(c, '{' | '[' | '"' | '\'' | '-' | '<' | '\u{201C}' | '\u{201D}' | '\u{2018}' | '\u{2019}')
                || is_word_char(c)
        })
    }

    fn starts_key(&self) -> bool {
        self.peek_char().is_some_and(|c| {
            matches!(c, '"' | '\'' | '\u{201C}' | '\u{201D}' | '\u{2018}' | '\u{2019}') || is_word_char(c)
        })
    }

    fn scan_word(&self) -> usize {
        let mut end = self.pos;
        while let Some(c) = self.src[end..].chars().next() {
            if is_word_char(c) || matches!(c, '+' | '-' | '.') {
                end += c.len_utf8();
            } else {
                break;
            }
        }
        end.max(self.pos + self.peek_char().map_or(0, char::len_utf8)).min(self.src.len())
    }

    fn check_duplicate(&mut self, members: &[Member], key: &str, key_span: Span) {
        if members.iter().any(|m| m.key == key) {
            let pointer = join(&self.pointer(), key);
            self.parsed.diagnostics.push(duplicate_key::diagnostic(&pointer, key, key_span));
        }
    }

    fn pointer(&self) -> String {
        let mut pointer = String::new();
        for segment in &self.path {
            match segment {
                Segment::Key(key) => push_token(&mut pointer, key),
                Segment::Index(i) => push_token(&mut pointer, &i.to_string()),
            }
        }
        pointer
    }

    fn at_end(&self) -> bool {
        self.pos >= self.bytes.len()
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn peek_char(&self) -> Option<char> {
        self.src.get(self.pos..)?.chars().next()
    }

    fn char_span(&self, at: usize) -> Span {
        let len = self.src.get(at..).and_then(|s| s.chars().next()).map_or(0, char::len_utf8);
        Span::new(at, at + len)
    }

    fn problem(&mut self, span: Span, message: impl Into<String>, help: impl Into<String>, fix: Option<Fix>) {
        self.problem_with(Severity::Error, span, message, help, fix);
    }

    fn problem_with(
        &mut self,
        severity: Severity,
        span: Span,
        message: impl Into<String>,
        help: impl Into<String>,
        fix: Option<Fix>,
    ) {
        let diagnostic =
            Diagnostic::new(syntax::RULE.code, severity, self.pointer(), span, message).with_help(help).with_fix(fix);
        self.parsed.diagnostics.push(diagnostic);
    }

    fn fatal(&mut self, span: Span, message: impl Into<String>, help: impl Into<String>) {
        self.problem(span, message, help, None);
        self.parsed.fatal = true;
    }
}

fn fix(message: impl Into<String>, edits: Vec<Edit>) -> Fix {
    Fix { message: message.into(), edits }
}

fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '$'
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

/// Names a character without quoting text that might belong to a secret: structural characters
/// are shown, anything else is only described.
fn describe_char(c: char) -> String {
    match c {
        '{' | '}' | '[' | ']' | ':' | ',' | ';' | '=' | '(' | ')' | '"' | '\'' | '<' | '>' => {
            format!("`{c}`")
        }
        '\u{201C}' | '\u{201D}' | '\u{2018}' | '\u{2019}' => "a curly quote".to_string(),
        _ => "an unexpected character".to_string(),
    }
}

/// The JSON number grammar: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
fn is_json_number(text: &str) -> bool {
    let b = text.as_bytes();
    let mut i = 0;
    if b.get(i) == Some(&b'-') {
        i += 1;
    }
    match b.get(i) {
        Some(b'0') => i += 1,
        Some(b'1'..=b'9') => {
            while b.get(i).is_some_and(u8::is_ascii_digit) {
                i += 1;
            }
        }
        _ => return false,
    }
    if b.get(i) == Some(&b'.') {
        i += 1;
        let digits = i;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        if i == digits {
            return false;
        }
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        let digits = i;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        if i == digits {
            return false;
        }
    }
    i == b.len()
}
