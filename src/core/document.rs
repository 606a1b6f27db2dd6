//! The parsed payload: one tree for JSON and YAML alike, where every key and value keeps the byte
//! span it came from, so any finding can be reported at its exact line and column.

use crate::diagnostic::Span;
use serde_json::{Map, Number, Value as Json};
use std::borrow::Cow;

/// Where a check's tree lives: one per check, dropped with the tree.
pub type Arena = bumpalo::Bump;

/// An arena sized for the tree of `text`: a payload's tree takes two to four times its text
/// (measured on the benchmark payloads), so one chunk holds a usual payload's; past a few hundred
/// KB the arena grows as it fills instead of reserving for a text mostly made of long strings.
pub fn arena_for(text: &str) -> Arena {
    Arena::with_capacity(text.len().saturating_mul(4).min(256 * 1024))
}

/// For tests that keep a tree: `json` read as JSON, its text and arena leaked.
#[cfg(test)]
pub(crate) fn leaked_tree(json: String) -> Node<'static> {
    let text: &'static str = Box::leak(json.into_boxed_str());
    let arena: &'static Arena = Box::leak(Box::new(Arena::new()));
    crate::input::json::parse(text, arena).root.expect("a JSON value")
}

/// A value with the span of its source text (for strings: including the quotes).
#[derive(Debug, Clone, PartialEq)]
pub struct Node<'src> {
    pub value: Value<'src>,
    pub span: Span,
    chars: Chars,
    /// An object with two members of one name (the reader reports it): the schema validators,
    /// which see one member per name, then skip all but the last.
    duplicate_names: bool,
}

/// The kinds of character a string value holds, found once when the tree is built: the rules that
/// look for unusual characters (whitespace, embedded credentials, names that need quotes) then pass
/// over the thousands of plain strings of a large payload without reading them again.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Chars(u8);

impl Chars {
    /// A space, a control character or any non-ASCII character: outside `!`..=`~`.
    const UNPRINTABLE: u8 = 1;
    /// `=` or `@`: where a connection string or URL carries a credential.
    const CREDENTIAL_MARK: u8 = 2;
    /// Anything but ASCII letters, digits, `_` and `$` (a plain Snowflake name holds only these).
    const NOT_NAME: u8 = 4;

    const TABLE: [u8; 256] = {
        let mut table = [0u8; 256];
        let mut b = 0;
        while b < 256 {
            let byte = b as u8;
            let mut set = 0;
            if !(byte > b' ' && byte < 0x7f) {
                set |= Self::UNPRINTABLE;
            }
            if byte == b'=' || byte == b'@' {
                set |= Self::CREDENTIAL_MARK;
            }
            if !(byte.is_ascii_alphanumeric() || byte == b'_' || byte == b'$') {
                set |= Self::NOT_NAME;
            }
            table[b] = set;
            b += 1;
        }
        table
    };

    pub fn of(text: &str) -> Chars {
        let mut chars = Chars::default();
        chars.add_all(text.as_bytes());
        chars
    }

    pub fn add(&mut self, byte: u8) {
        self.0 |= Self::TABLE[byte as usize];
    }

    pub fn add_all(&mut self, bytes: &[u8]) {
        self.0 |= bytes.iter().fold(0, |set, &b| set | Self::TABLE[b as usize]);
    }

    /// Only printable ASCII (`!`..=`~`): no whitespace, control, invisible or look-alike character.
    pub fn printable_ascii(self) -> bool {
        self.0 & Self::UNPRINTABLE == 0
    }

    /// Holds `=` or `@`.
    pub fn has_credential_mark(self) -> bool {
        self.0 & Self::CREDENTIAL_MARK != 0
    }

    /// Only ASCII letters, digits, `_` and `$`.
    pub fn name_chars_only(self) -> bool {
        self.0 & Self::NOT_NAME == 0
    }
}

/// The tree lives as long as `'src`: strings and member names are slices of the text that was
/// read, and containers (and a string whose escapes had to be decoded) are allocated in the
/// check's [`Arena`]. Reading a payload then allocates a few arena chunks, not one block per
/// container, and the tree is freed at once with its arena (nothing in it needs dropping).
#[derive(Debug, Clone, PartialEq)]
pub enum Value<'src> {
    Null,
    Bool(bool),
    Number(Number),
    String(&'src str),
    Array(&'src [Node<'src>]),
    Object(&'src [Member<'src>]),
    /// Source text that could not be read as a value (an unquoted `<placeholder>`, a bare word).
    /// Already reported as a syntax problem; other rules leave it alone.
    Invalid,
    /// An unquoted template expression (`${VAR}`, `{{ expr }}`) that a tool fills in before the
    /// request is sent: its value is not known, so no rule judges it (`template` notes it).
    Template,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Member<'src> {
    pub key: &'src str,
    pub key_span: Span,
    pub value: Node<'src>,
}

impl<'src> Node<'src> {
    pub fn new(value: Value<'src>, span: Span) -> Self {
        let chars = match &value {
            Value::String(text) => Chars::of(text),
            _ => Chars::default(),
        };
        Node { value, span, chars, duplicate_names: false }
    }

    /// An object node; `duplicate_names`: the reader found a name twice among `members`.
    pub fn object(members: &'src [Member<'src>], span: Span, duplicate_names: bool) -> Self {
        Node { value: Value::Object(members), span, chars: Chars::default(), duplicate_names }
    }

    /// Whether the reader found a member name twice in this object.
    pub fn has_duplicate_names(&self) -> bool {
        self.duplicate_names
    }

    /// A string node whose character kinds the reader gathered while reading it: they must be
    /// those of `value`'s text.
    pub fn with_chars(value: Value<'src>, span: Span, chars: Chars) -> Self {
        debug_assert!(matches!(&value, Value::String(text) if Chars::of(text) == chars));
        Node { value, span, chars, duplicate_names: false }
    }

    /// The kinds of character the string holds (none for other values).
    pub fn chars(&self) -> Chars {
        self.chars
    }

    /// Whether the value is not known: unreadable, or a template to be filled in.
    pub fn is_opaque(&self) -> bool {
        matches!(self.value, Value::Invalid | Value::Template)
    }

    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self.value {
            Value::Bool(b) => Some(b),
            _ => None,
        }
    }

    pub fn members(&self) -> &[Member<'src>] {
        match &self.value {
            Value::Object(members) => members,
            _ => &[],
        }
    }

    /// The member named `key`; with duplicate keys the last one wins, as in most JSON parsers.
    pub fn member(&self, key: &str) -> Option<&Member<'src>> {
        self.members().iter().rev().find(|m| m.key == key)
    }

    pub fn get(&self, key: &str) -> Option<&Node<'src>> {
        self.member(key).map(|m| &m.value)
    }

    /// Follows an RFC 6901 pointer such as `/connection/port`.
    pub fn pointer(&self, pointer: &str) -> Option<&Node<'src>> {
        if pointer.is_empty() {
            return Some(self);
        }
        // Rules look up a few fixed pointers many times: split by bytes, not by a searcher.
        let mut node = self;
        let mut rest = pointer.strip_prefix('/')?;
        loop {
            let (token, next) = match rest.bytes().position(|b| b == b'/') {
                Some(slash) => (&rest[..slash], Some(&rest[slash + 1..])),
                None => (rest, None),
            };
            let token = unescape_token(token);
            node = match &node.value {
                Value::Object(_) => node.get(&token)?,
                Value::Array(items) => items.get(token.parse::<usize>().ok()?)?,
                _ => return None,
            };
            match next {
                Some(next) => rest = next,
                None => return Some(node),
            }
        }
    }

    /// The member whose value sits at `pointer` (to reach its key span).
    pub fn pointer_member(&self, pointer: &str) -> Option<&Member<'src>> {
        let (parent, last) = split_pointer(pointer)?;
        self.pointer(parent)?.member(&unescape_token(last))
    }

    /// Calls `visit(path, node)` for this node and every node below it, depth first. The path
    /// becomes a pointer only when asked ([`Path::pointer`]), so a walk over a large document
    /// costs no allocation per node.
    pub fn walk<'a, F: FnMut(&Path<'a>, &'a Node<'src>)>(&'a self, visit: &mut F) {
        let mut path = Path(Vec::new());
        self.walk_inner(&mut path, visit);
    }

    // Generic, not `dyn`: each walk's visitor is inlined into its own loop over the tree.
    fn walk_inner<'a, F: FnMut(&Path<'a>, &'a Node<'src>)>(&'a self, path: &mut Path<'a>, visit: &mut F) {
        visit(path, self);
        match &self.value {
            Value::Object(members) => {
                for member in members.iter() {
                    path.0.push(Step::Key(member.key));
                    member.value.walk_inner(path, visit);
                    path.0.pop();
                }
            }
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    path.0.push(Step::Index(i));
                    item.walk_inner(path, visit);
                    path.0.pop();
                }
            }
            _ => {}
        }
    }

    /// Plain JSON for the schema validator. Duplicate keys: the last one wins.
    pub fn to_json(&self) -> Json {
        match &self.value {
            Value::Null | Value::Invalid | Value::Template => Json::Null,
            Value::Bool(b) => Json::Bool(*b),
            Value::Number(n) => Json::Number(n.clone()),
            Value::String(s) => Json::String(s.to_string()),
            Value::Array(items) => Json::Array(items.iter().map(Node::to_json).collect()),
            Value::Object(members) => {
                let mut map = Map::with_capacity(members.len());
                for member in members.iter() {
                    map.insert(member.key.to_string(), member.value.to_json());
                }
                Json::Object(map)
            }
        }
    }

    /// A short name for the value's type, for messages ("a string", "an object").
    pub fn type_name(&self) -> &'static str {
        match &self.value {
            Value::Null => "null",
            Value::Bool(_) => "a boolean",
            Value::Number(n) if n.is_f64() => "a number",
            Value::Number(_) => "an integer",
            Value::String(_) => "a string",
            Value::Array(_) => "an array",
            Value::Object(_) => "an object",
            Value::Invalid => "not a value",
            Value::Template => "a template value",
        }
    }

    /// Structural equality of the values, ignoring spans (numbers compare by value).
    pub fn same_value(&self, other: &Node<'_>) -> bool {
        match (&self.value, &other.value) {
            (Value::Number(a), Value::Number(b)) => a.as_f64() == b.as_f64(),
            (Value::Array(a), Value::Array(b)) => {
                a.len() == b.len() && a.iter().zip(b.iter()).all(|(x, y)| x.same_value(y))
            }
            (Value::Object(_), Value::Object(_)) => self.to_json() == other.to_json(),
            (a, b) => a == b,
        }
    }
}

/// Where [`Node::walk`] is: the member names and indices from the root.
pub struct Path<'a>(Vec<Step<'a>>);

enum Step<'a> {
    Key(&'a str),
    Index(usize),
}

impl Path<'_> {
    /// The RFC 6901 pointer of this place.
    pub fn pointer(&self) -> String {
        let mut pointer = String::new();
        for step in &self.0 {
            match step {
                Step::Key(key) => push_token(&mut pointer, key),
                Step::Index(i) => push_token(&mut pointer, &i.to_string()),
            }
        }
        pointer
    }
}

/// Appends one escaped reference token (`~` → `~0`, `/` → `~1`) to a pointer.
pub fn push_token(pointer: &mut String, token: &str) {
    pointer.push('/');
    for c in token.chars() {
        match c {
            '~' => pointer.push_str("~0"),
            '/' => pointer.push_str("~1"),
            c => pointer.push(c),
        }
    }
}

/// `parent` + `/token`, escaped.
pub fn join(parent: &str, token: &str) -> String {
    let mut pointer = parent.to_string();
    push_token(&mut pointer, token);
    pointer
}

pub fn unescape_token(token: &str) -> Cow<'_, str> {
    if token.bytes().any(|b| b == b'~') {
        Cow::Owned(token.replace("~1", "/").replace("~0", "~"))
    } else {
        Cow::Borrowed(token)
    }
}

/// The content of the double-quoted string literal at `span` of `source`, and where it starts.
pub fn double_quoted(source: &str, span: Span) -> Option<(&str, usize)> {
    let text = source.get(span.start..span.end)?;
    (text.len() >= 2 && text.starts_with('"') && text.ends_with('"'))
        .then(|| (&text[1..text.len() - 1], span.start + 1))
}

/// Splits `/a/b/c` into (`/a/b`, `c`); `None` for the root pointer.
pub fn split_pointer(pointer: &str) -> Option<(&str, &str)> {
    let slash = pointer.rfind('/')?;
    Some((&pointer[..slash], &pointer[slash + 1..]))
}

/// `/nativeIntegration/config/host` → `nativeIntegration.config.host`, the way Immuta's docs name
/// fields.
pub fn dotted(pointer: &str) -> String {
    if pointer.is_empty() {
        return "the payload".to_string();
    }
    pointer.trim_start_matches('/').split('/').map(unescape_token).collect::<Vec<_>>().join(".")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn leaf(s: &str) -> Node<'_> {
        Node::new(Value::String(s), Span::default())
    }

    #[test]
    fn pointers_resolve_and_escape() {
        let items = [leaf("x")];
        let members =
            [Member { key: "a/b", key_span: Span::default(), value: Node::new(Value::Array(&items), Span::default()) }];
        let doc = Node::object(&members, Span::default(), false);
        assert_eq!(doc.pointer("/a~1b/0").and_then(Node::as_str), Some("x"));
        assert!(doc.pointer("/a~1b/1").is_none());
        let mut seen = Vec::new();
        doc.walk(&mut |p, _| seen.push(p.pointer()));
        assert_eq!(seen, ["", "/a~1b", "/a~1b/0"]);
        assert_eq!(dotted("/nativeIntegration/config/host"), "nativeIntegration.config.host");
        assert_eq!(split_pointer("/a/b"), Some(("/a", "b")));
    }
}
