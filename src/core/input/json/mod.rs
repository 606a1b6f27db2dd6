//! A tolerant JSON parser that keeps spans and recovers from the usual paste damage (smart quotes,
//! trailing commas, comments, single quotes, unquoted `<placeholders>`, real line breaks inside
//! strings) so that every problem is reported in one pass, each with its exact position.
//!
//! Messages never quote the text of a value: a broken value may be a secret. Only structural
//! characters, member names and `<placeholder>` tokens are echoed.

mod blanks;
mod scalars;

use super::cursor::Progress;
use super::{Parsed, Problem, Seen, has_room};
use crate::diagnostic::{Edit, Fix, Span};
use crate::document::{Arena, Member, Node, Value, join, push_token};
use crate::model::limits::MAX_DEPTH;

/// Reads `src`; the tree's containers and decoded strings go into `arena`.
pub fn parse<'a>(src: &'a str, arena: &'a Arena) -> Parsed<'a> {
    let mut parser = Parser {
        src,
        bytes: src.as_bytes(),
        arena,
        pos: 0,
        parsed: Parsed::default(),
        path: Vec::new(),
        depth: 0,
        // Deep enough for a usual payload's open containers without growing.
        members: Vec::with_capacity(32),
        items: Vec::with_capacity(32),
        scratch: String::new(),
    };
    parser.document();
    parser.parsed
}

struct Parser<'a> {
    src: &'a str,
    bytes: &'a [u8],
    arena: &'a Arena,
    pos: usize,
    parsed: Parsed<'a>,
    /// Where the parser is, as segments; turned into a pointer only when a problem is reported.
    path: Vec<Segment<'a>>,
    depth: usize,
    /// The members and items of the open containers, innermost last: a container's children are
    /// gathered here and copied into the arena once, when it closes.
    members: Vec<Member<'a>>,
    items: Vec<Node<'a>>,
    /// Where a string with escapes is decoded before it is copied into the arena.
    scratch: String,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Container {
    Object,
    Array,
}

enum Segment<'a> {
    Key(&'a str),
    Index(usize),
}

impl<'a> Parser<'a> {
    fn document(&mut self) {
        if self.src.starts_with('\u{FEFF}') {
            let span = Span::new(0, 3);
            self.problem_with(
                true,
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

    fn value(&mut self) -> Node<'a> {
        let start = self.pos;
        let Some(c) = self.peek_char() else {
            self.fatal(Span::empty(start), "unexpected end of input: a value is missing", "complete the document");
            return Node::new(Value::Invalid, Span::empty(start));
        };
        match c {
            '{' | '$' if let Some(template) = self.template() => template,
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
                let span = self.unexpected(start, c, "a value", "check for a stray character");
                Node::new(Value::Invalid, span)
            }
        }
    }

    fn object(&mut self) -> Node<'a> {
        let open = self.pos;
        self.pos += 1;
        if !self.enter(open) {
            return Node::new(Value::Invalid, Span::new(open, open + 1));
        }
        let base = self.members.len();
        let mut seen = Seen::default();
        let mut progress = Progress::default();
        while progress.advanced(self.pos) {
            if self.closed(open, Container::Object) {
                break;
            }
            if self.peek() == Some(b',') {
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
            if seen.repeated(&self.members[base..], key) {
                self.report_duplicate(key, key_span);
            }
            let value_end = value.span.end;
            self.members.push(Member { key, key_span, value });
            if !self.separator(b'}', value_end, Container::Object) {
                break;
            }
        }
        self.depth -= 1;
        let members = self.arena.alloc_slice_fill_iter(self.members.drain(base..));
        Node::object(members, Span::new(open, self.pos), seen.any_repeated())
    }

    fn array(&mut self) -> Node<'a> {
        let open = self.pos;
        self.pos += 1;
        if !self.enter(open) {
            return Node::new(Value::Invalid, Span::new(open, open + 1));
        }
        let base = self.items.len();
        let mut progress = Progress::default();
        while progress.advanced(self.pos) {
            if self.closed(open, Container::Array) {
                break;
            }
            self.path.push(Segment::Index(self.items.len() - base));
            let item = self.value();
            self.path.pop();
            if self.parsed.fatal {
                break;
            }
            let item_end = item.span.end;
            self.items.push(item);
            if !self.separator(b']', item_end, Container::Array) {
                break;
            }
        }
        self.depth -= 1;
        let items = self.arena.alloc_slice_fill_iter(self.items.drain(base..));
        Node::new(Value::Array(items), Span::new(open, self.pos))
    }

    /// Before a member or item: whether the container ends here, consuming its closing bracket,
    /// or the text ends first (reported, fatal).
    fn closed(&mut self, open: usize, container: Container) -> bool {
        self.skip_blank();
        let (close, message, help) = match container {
            Container::Object => (
                b'}',
                "this object is never closed: `}` is missing",
                "add the closing `}` (a paste may have been cut short)",
            ),
            Container::Array => (b']', "this array is never closed: `]` is missing", "add the closing `]`"),
        };
        match self.peek() {
            Some(b) if b == close => {
                self.pos += 1;
                true
            }
            None => {
                self.fatal(Span::new(open, open + 1), message, help);
                true
            }
            _ => false,
        }
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

    fn key(&mut self) -> Option<(&'a str, Span)> {
        let start = self.pos;
        let c = self.peek_char()?;
        match c {
            '"' => {
                let (text, span, _) = self.string_literal()?;
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
                let span = node.span;
                let text = match node.value {
                    Value::String(text) => text,
                    _ => "",
                };
                (!self.parsed.fatal).then_some((text, span))
            }
            c if is_word_char(c) => {
                let end = self.scan_word();
                let name = &self.src[start..end];
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
                self.unexpected(start, c, "a member name in double quotes", "write `\"name\": value`");
                None
            }
        }
    }

    // ----- blanks, comments, helpers -----

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

    fn report_duplicate(&mut self, key: &str, key_span: Span) {
        if has_room(&self.parsed.problems) {
            let pointer = join(&self.pointer(), key);
            self.parsed.problems.push(Problem::DuplicateKey { pointer, key: key.to_string(), span: key_span });
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
        self.problem_with(false, span, message, help, fix);
    }

    fn problem_with(
        &mut self,
        minor: bool,
        span: Span,
        message: impl Into<String>,
        help: impl Into<String>,
        fix: Option<Fix>,
    ) {
        if !has_room(&self.parsed.problems) {
            return;
        }
        let (pointer, message, help) = (self.pointer(), message.into(), help.into());
        self.parsed.problems.push(Problem::Syntax { pointer, span, message, help, fix, minor });
    }

    fn fatal(&mut self, span: Span, message: impl Into<String>, help: impl Into<String>) {
        self.problem(span, message, help, None);
        self.parsed.fatal = true;
    }

    /// "expected {expected}, found …" at the character `c` at `at`, which ends the parse; its span.
    fn unexpected(&mut self, at: usize, c: char, expected: &str, help: &str) -> Span {
        let span = self.char_span(at);
        self.fatal(span, format!("expected {expected}, found {}", describe_char(c)), help);
        span
    }
}

fn fix(message: impl Into<String>, edits: Vec<Edit>) -> Fix {
    Fix { message: message.into(), edits }
}

fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '$'
}

/// Names a character without quoting text that might belong to a secret: structural characters
/// are shown, anything else is only described.
fn describe_char(c: char) -> String {
    match c {
        '{' | '}' | '[' | ']' | ':' | ',' | ';' | '=' | '(' | ')' | '"' | '\'' | '<' | '>' => {
            format!("`{c}`")
        }
        '\u{201C}' | '\u{201D}' | '\u{2018}' | '\u{2019}' => "a curly quote".to_string(),
        '\0' => "a NUL character (U+0000)".to_string(),
        '\u{FFFD}' => "a byte that is not UTF-8 (shown as �)".to_string(),
        c if c.is_control() => format!("the control character U+{:04X}", c as u32),
        _ => "an unexpected character".to_string(),
    }
}
