//! YAML → [`Node`], built from `saphyr-parser` events so every node keeps its span. Scalars are
//! typed by the YAML 1.2 core schema (so `yes` stays a string, as in Immuta's own YAML reader).

use super::{Parsed, Problem, Seen, has_room};
use crate::diagnostic::Span;
use crate::document::{Arena, Member, Node, Value, push_token};
use crate::model::limits::MAX_DEPTH;
use crate::model::templates::{Syntax, template_at, whole_template};
use crate::position::LineIndex;
use saphyr_parser::{Event, Marker, Parser, ScalarStyle};
use serde_json::Number;
use std::collections::HashMap;

/// Aliases may not blow a small file up into a huge tree ("billion laughs").
const MAX_NODES: usize = 1_000_000;

/// The parser's events come from a scanner we do not own, so its loop is bounded by a budget
/// instead of a position: no YAML text yields more than two events per byte (`[:,:]` is the
/// densest form), so a stream that goes past this is a scanner that stopped moving.
fn event_budget(text: &str) -> usize {
    4 * text.len() + 64
}

/// The scanner hands over each scalar as its own copy; the tree's are copied into `arena`.
pub fn parse<'a>(text: &'a str, arena: &'a Arena) -> Parsed<'a> {
    // An unquoted `{{ expr }}` is a flow mapping to YAML; each is read as the plain scalar of as
    // many `x` bytes, so that every span stays the same, and then as a template value.
    let jinja = jinja_values(text);
    let masked = if jinja.is_empty() { std::borrow::Cow::Borrowed(text) } else { masked(text, &jinja).into() };
    let original = text;
    let text = masked.as_ref();
    let mut builder = Builder {
        arena,
        index: LineIndex::new(text),
        jinja,
        text,
        original,
        parsed: Parsed::default(),
        stack: Vec::new(),
        anchors: HashMap::new(),
        nodes: 0,
        documents: 0,
    };
    builder.run();
    builder.parsed
}

enum Frame<'a> {
    Mapping { start: usize, anchor: usize, members: Vec<Member<'a>>, seen: Seen, pending_key: Option<(&'a str, Span)> },
    Sequence { start: usize, anchor: usize, items: Vec<Node<'a>> },
}

struct Builder<'t, 'a> {
    arena: &'a Arena,
    index: LineIndex<'t>,
    /// The starts of the unquoted `{{ expr }}` values, sorted.
    jinja: Vec<usize>,
    /// The text the scanner reads: the original with each `{{ expr }}` masked.
    text: &'t str,
    /// The text itself, on whose characters every span must start and end: a place inside a
    /// masked template is inside one of its characters when they are not ASCII.
    original: &'t str,
    parsed: Parsed<'a>,
    stack: Vec<Frame<'a>>,
    anchors: HashMap<usize, Node<'a>>,
    nodes: usize,
    documents: usize,
}

impl<'a> Builder<'_, 'a> {
    fn run(&mut self) {
        // The YAML scanner takes a NUL for the end of the text and then reports something
        // unrelated ("unexpected end of stream"); YAML allows no NUL anywhere, so say so.
        if let Some(nul) = self.text.find('\0') {
            self.fatal(
                Span::new(nul, nul + 1),
                "a NUL character (U+0000) cannot appear in YAML",
                "remove it; NUL bytes usually come from a binary file or a file saved as UTF-16",
            );
            return;
        }
        let mut parser = Parser::new_from_str(self.text);
        let mut budget = event_budget(self.text);
        loop {
            if budget == 0 {
                debug_assert!(false, "the YAML scanner produced more events than the text can hold");
                let end = self.text.len();
                self.fatal(Span::empty(end), "the YAML reader stopped making progress", "report this file as a bug");
                return;
            }
            budget -= 1;
            let event = match parser.next() {
                None => break,
                Some(Ok(event)) => event,
                Some(Err(error)) => {
                    let mut offset = self.offset(error.marker());
                    // The scanner marks the start of the token it was reading; a tab is the
                    // usual culprit, so point at the tab itself.
                    if error.info().contains("tab")
                        && let Some(tab) = self.text[offset..].find('\t')
                    {
                        offset += tab;
                    }
                    // One character, which may be several bytes: a span must end on a boundary.
                    let width = self.original[offset..].chars().next().map_or(0, char::len_utf8);
                    let span = Span::new(offset, offset + width);
                    let help = self.scan_help(offset);
                    self.fatal(span, format!("YAML syntax error: {}", error.info()), help);
                    return;
                }
            };
            let (event, span) = event;
            let start = self.offset(&span.start);
            let end = self.offset(&span.end);
            match event {
                Event::DocumentStart(_) => self.documents += 1,
                Event::MappingStart(anchor, _) => {
                    if !self.enter(start) {
                        return;
                    }
                    self.stack.push(Frame::Mapping {
                        start,
                        anchor,
                        members: Vec::new(),
                        seen: Seen::default(),
                        pending_key: None,
                    });
                }
                Event::SequenceStart(anchor, _) => {
                    if !self.enter(start) {
                        return;
                    }
                    self.stack.push(Frame::Sequence { start, anchor, items: Vec::new() });
                }
                Event::MappingEnd => {
                    if let Some(Frame::Mapping { start, anchor, members, seen, .. }) = self.stack.pop() {
                        let end = members.last().map_or(end, |m| m.value.span.end).max(start);
                        let members = self.arena.alloc_slice_fill_iter(members);
                        let object = Node::object(members, Span::new(start, end), seen.any_repeated());
                        self.add(object, anchor);
                    }
                }
                Event::SequenceEnd => {
                    if let Some(Frame::Sequence { start, anchor, items }) = self.stack.pop() {
                        let end = items.last().map_or(end, |n| n.span.end).max(end.min(self.text.len()));
                        let items = self.arena.alloc_slice_fill_iter(items);
                        self.add(Node::new(Value::Array(items), Span::new(start, end)), anchor);
                    }
                }
                Event::Scalar(text, style, anchor, tag) => {
                    let span = Span::new(start, end);
                    let plain_str = tag.as_ref().is_some_and(|t| t.suffix == "str");
                    let template = style == ScalarStyle::Plain
                        && (self.jinja.binary_search(&start).is_ok() || whole_template(&text).is_some());
                    let value = if template {
                        self.parsed.templates = true;
                        Value::Template
                    } else if style == ScalarStyle::Plain && !plain_str {
                        plain_scalar(self.arena.alloc_str(&text))
                    } else {
                        Value::String(self.arena.alloc_str(&text))
                    };
                    self.add(Node::new(value, span), anchor);
                }
                Event::Alias(id) => match self.anchors.get(&id).cloned() {
                    Some(node) => {
                        self.nodes += count(&node);
                        if self.nodes > MAX_NODES {
                            self.fatal(
                                Span::new(start, end),
                                "YAML aliases expand into too many values",
                                "remove the alias chain",
                            );
                            return;
                        }
                        self.add(Node::new(node.value, Span::new(start, end)), 0);
                    }
                    None => {
                        self.fatal(
                            Span::new(start, end),
                            "this YAML alias refers to an unknown anchor",
                            "define the anchor (&name) before using it (*name)",
                        );
                        return;
                    }
                },
                Event::StreamStart | Event::StreamEnd | Event::DocumentEnd | Event::Nothing => {}
            }
            if self.parsed.fatal {
                return;
            }
        }
        if self.parsed.root.is_none() && !self.parsed.fatal {
            self.fatal(Span::empty(0), "the document is empty", "paste the body of the request");
        }
    }

    /// Places a finished node: as a mapping key, a mapping value, a sequence item, or the root.
    fn add(&mut self, node: Node<'a>, anchor: usize) {
        self.nodes += 1;
        if anchor != 0 {
            self.anchors.insert(anchor, node.clone());
        }
        let mut duplicate = None;
        match self.stack.last_mut() {
            None => {
                // In a stream, an empty document gives way to the next and is not checked.
                match &self.parsed.root {
                    None => self.parsed.root = Some(node),
                    Some(first) if is_empty_document(first) => self.parsed.root = Some(node),
                    Some(_) if is_empty_document(&node) => {}
                    Some(_) => self.parsed.more_documents.push(node),
                }
            }
            Some(Frame::Sequence { items, .. }) => items.push(node),
            Some(Frame::Mapping { members, seen, pending_key, .. }) => match pending_key.take() {
                None => {
                    let key = match node.value {
                        Value::String(s) => s,
                        Value::Number(n) => self.arena.alloc_str(&n.to_string()),
                        Value::Bool(b) => {
                            if b {
                                "true"
                            } else {
                                "false"
                            }
                        }
                        Value::Null => "",
                        _ => {
                            self.fatal(
                                node.span,
                                "a YAML mapping key must be plain text",
                                "use a simple key such as `host:`",
                            );
                            return;
                        }
                    };
                    *pending_key = Some((key, node.span));
                }
                Some((key, key_span)) => {
                    if seen.repeated(members, key) {
                        duplicate = Some((key, key_span));
                    }
                    members.push(Member { key, key_span, value: node });
                }
            },
        }
        // The pointer only for a duplicate: a path per node would cost an allocation each.
        if let Some((key, span)) = duplicate
            && has_room(&self.parsed.problems)
        {
            let mut pointer = self.path();
            push_token(&mut pointer, key);
            self.parsed.problems.push(Problem::DuplicateKey { pointer, key: key.to_string(), span });
        }
    }

    fn enter(&mut self, start: usize) -> bool {
        if self.stack.len() >= MAX_DEPTH {
            self.fatal(
                Span::empty(start),
                format!("the document is nested more than {MAX_DEPTH} levels deep"),
                "Immuta payloads are a few levels deep",
            );
            return false;
        }
        true
    }

    /// The pointer of the next node to be placed, derived from the open collections.
    fn path(&self) -> String {
        let mut path = String::new();
        for frame in &self.stack {
            match frame {
                Frame::Mapping { pending_key: Some((key, _)), .. } => push_token(&mut path, key),
                Frame::Mapping { .. } => {}
                Frame::Sequence { items, .. } => push_token(&mut path, &items.len().to_string()),
            }
        }
        path
    }

    fn offset(&self, marker: &Marker) -> usize {
        let mut offset = self.index.offset_of(marker.line(), marker.col());
        while !self.original.is_char_boundary(offset) {
            offset -= 1;
        }
        offset
    }

    fn scan_help(&self, offset: usize) -> String {
        let line = self.index.line_span(self.index.line_of(offset));
        if self.text[line.start..line.end].starts_with('\t') || self.text[offset..].starts_with('\t') {
            "YAML indentation must use spaces, not tabs".to_string()
        } else {
            "check the indentation and the quoting around this point; text with `: ` or `#` in it needs quotes"
                .to_string()
        }
    }

    fn problem(&mut self, span: Span, message: impl Into<String>, help: impl Into<String>) {
        if !has_room(&self.parsed.problems) {
            return;
        }
        let (pointer, message, help) = (self.path(), message.into(), help.into());
        self.parsed.problems.push(Problem::Syntax { pointer, span, message, help, fix: None, minor: false });
    }

    fn fatal(&mut self, span: Span, message: impl Into<String>, help: impl Into<String>) {
        self.problem(span, message, help);
        self.parsed.fatal = true;
    }
}

/// The unquoted `{{ expr }}` that are values: after `key:` or `-` on their line. One pass over
/// the lines.
fn jinja_values(text: &str) -> Vec<usize> {
    let mut found = Vec::new();
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let mut from = 0;
        while let Some(at) = line[from..].find("{{").map(|i| from + i) {
            from = at + 2;
            let before = line[..at].trim_end();
            let value_place = before.ends_with(':') || before.ends_with(" -") || before == "-";
            if value_place && let Some((len, _)) = template_at(&line[at..]) {
                found.push(line_start + at);
                from = at + len;
            }
        }
        line_start += line.len();
    }
    found
}

/// `text` with each `{{ expr }}` starting at `starts` replaced by as many `x` bytes.
fn masked(text: &str, starts: &[usize]) -> String {
    let mut bytes = text.as_bytes().to_vec();
    for &start in starts {
        let (len, _) = template_at(&text[start..]).unwrap_or((0, Syntax::Jinja));
        bytes[start..start + len].fill(b'x');
    }
    // Only whole characters were replaced, by ASCII.
    String::from_utf8(bytes).unwrap_or_else(|_| text.to_string())
}

fn count(node: &Node) -> usize {
    1 + match &node.value {
        Value::Array(items) => items.iter().map(count).sum(),
        Value::Object(members) => members.iter().map(|m| count(&m.value)).sum(),
        _ => 0,
    }
}

/// Whether `text`, written as a plain scalar in place of another, reads back as this string: it
/// resolves to a string, starts with no indicator, and holds nothing that would end it or start a
/// comment, a mapping or a flow collection.
pub fn stays_plain_string(text: &str) -> bool {
    let Some(first) = text.chars().next() else { return false };
    let last = text.chars().next_back().unwrap_or(first);
    matches!(plain_scalar(text), Value::String(_))
        && !"-?:,[]{}#&*!|>'\"%@`".contains(first)
        && !first.is_whitespace()
        && !last.is_whitespace()
        && last != ':'
        && ![": ", ":\t", " #", "\t#", "---", "..."].iter().any(|s| text.contains(s))
        && !text.contains([',', '[', ']', '{', '}'])
}

/// YAML 1.2 core schema resolution of a plain scalar.
/// A document of a stream with nothing in it (`---` and then the next `---`, or a closing one):
/// no payload to check, and nothing wrong.
fn is_empty_document(node: &Node<'_>) -> bool {
    matches!(node.value, Value::Null) && node.span.start == node.span.end
}

fn plain_scalar(text: &str) -> Value<'_> {
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return Value::Null,
        "true" | "True" | "TRUE" => return Value::Bool(true),
        "false" | "False" | "FALSE" => return Value::Bool(false),
        _ => {}
    }
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        if let Ok(n) = text.parse::<i64>() {
            return Value::Number(n.into());
        }
        if let Ok(n) = digits.parse::<u64>()
            && !text.starts_with('-')
        {
            return Value::Number(n.into());
        }
    }
    if let Some(hex) = text.strip_prefix("0x")
        && let Ok(n) = i64::from_str_radix(hex, 16)
    {
        return Value::Number(n.into());
    }
    if let Some(oct) = text.strip_prefix("0o")
        && let Ok(n) = i64::from_str_radix(oct, 8)
    {
        return Value::Number(n.into());
    }
    if looks_like_float(digits)
        && let Some(n) = text.parse::<f64>().ok().and_then(Number::from_f64)
    {
        return Value::Number(n);
    }
    Value::String(text)
}

fn looks_like_float(s: &str) -> bool {
    let mantissa_end = s.find(['e', 'E']).unwrap_or(s.len());
    let (mantissa, exponent) = s.split_at(mantissa_end);
    let mantissa_ok = !mantissa.is_empty()
        && mantissa.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && mantissa.bytes().filter(|&b| b == b'.').count() <= 1
        && mantissa.bytes().any(|b| b.is_ascii_digit());
    let exponent_ok = exponent.is_empty() || {
        let e = exponent[1..].strip_prefix(['-', '+']).unwrap_or(&exponent[1..]);
        !e.is_empty() && e.bytes().all(|b| b.is_ascii_digit())
    };
    mantissa_ok && exponent_ok
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_a_spanned_tree() {
        let text = "type: Snowflake\nconfig:\n  port: 443\n  host: \"a.b\"\n  list: [1, x]\n";
        let arena = Arena::new();
        let parsed = parse(text, &arena);
        assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
        let root = parsed.root.unwrap();
        let port = root.pointer("/config/port").unwrap();
        assert_eq!(port.value, Value::Number(443.into()));
        assert_eq!(&text[port.span.start..port.span.end], "443");
        let host = root.pointer("/config/host").unwrap();
        assert_eq!(&text[host.span.start..host.span.end], "\"a.b\"");
        assert_eq!(root.pointer("/config/list/1").and_then(Node::as_str), Some("x"));
        let member = root.pointer_member("/config/host").unwrap();
        assert_eq!(&text[member.key_span.start..member.key_span.end], "host");
    }

    #[test]
    fn core_schema_scalars() {
        assert_eq!(plain_scalar("yes"), Value::String("yes"));
        assert_eq!(plain_scalar("~"), Value::Null);
        assert_eq!(plain_scalar("-12"), Value::Number((-12).into()));
        assert!(matches!(plain_scalar("1.5e3"), Value::Number(_)));
        assert_eq!(plain_scalar("1.2.3"), Value::String("1.2.3"));
    }

    #[test]
    fn duplicate_keys_and_errors_are_reported() {
        let arena = Arena::new();
        let parsed = parse("a: 1\na: 2\n", &arena);
        assert!(
            matches!(&parsed.problems[0], Problem::DuplicateKey { pointer, key, .. } if pointer == "/a" && key == "a")
        );
        let broken = parse("a: [1,\nb: 2", &arena);
        assert!(broken.fatal);
        assert!(matches!(broken.problems[0], Problem::Syntax { .. }));
    }

    #[test]
    fn the_densest_yaml_stays_within_the_event_budget() {
        for unit in ["[:,:]", "{:,:}", "[?,?]", "{?,?}", "[[]]", "- - ", "? ? ", "[a,b]", "&a [*a,*a]", "!!str "] {
            let text = unit.repeat(200);
            let events = Parser::new_from_str(&text).take_while(Result::is_ok).count();
            assert!(events <= 2 * text.len() + 8, "{unit}: {events} events for {} bytes", text.len());
            assert!(events < event_budget(&text));
        }
    }

    #[test]
    fn alias_bombs_are_bounded() {
        let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..12 {
            text.push_str(&format!(
                "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n",
                p = i - 1
            ));
        }
        let arena = Arena::new();
        let parsed = parse(&text, &arena);
        assert!(parsed.fatal);
    }
}
