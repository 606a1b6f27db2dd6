//! A YAML scalar decoded from its source text as saphyr's scanner decodes it, keeping where each
//! decoded byte came from: plain, single- and double-quoted scalars on one line or folded over
//! several, and literal and folded blocks with their chomping and indentation indicators.
//!
//! The map is exact or absent. Each decoded character owns the source bytes up to the next one's,
//! so deleting its range deletes it: an escape (`\x41`, `''`) is one character, a line fold (the
//! spaces, the line break and the next line's indentation) is the one space or line break it
//! decodes to. A fold that decodes to several line breaks, and the line breaks a block scalar's
//! chomping adds or keeps, have no source of their own: those bytes are marked inexact, and no
//! span or edit is made of them. The caller compares the decoded text with the reader's value and
//! keeps the map only when they agree.

use crate::diagnostic::Span;

/// How the scalar at a span is written, with what its decoding needs beyond its own text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Plain,
    Single,
    Double,
    Block(Block),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Block {
    literal: bool,
    chomp: Chomp,
    /// The indentation an indicator fixed (`|2`), as a column; `None` when the first line sets it.
    explicit: Option<usize>,
    /// The empty lines between the header and the first content line: how many, and the widest.
    leading_breaks: usize,
    leading_width: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Chomp {
    Strip,
    Clip,
    Keep,
}

/// Where a scalar's decoding starts and ends in the source, and how it is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Layout {
    pub style: Style,
    /// The decoded region: inside the quotes; for a block, from the start of its first content
    /// line (indentation included) to the end of the scalar.
    pub region: Span,
}

/// A decoded scalar: `raw[i]` is the region offset of decoded byte `i` (one more entry for the
/// end), and `inexact[i]` says that byte has no source of its own.
#[derive(Debug, Default)]
pub struct Decoded {
    pub text: String,
    pub raw: Vec<usize>,
    pub inexact: Vec<bool>,
}

impl Decoded {
    fn push(&mut self, c: char, at: usize, exact: bool) {
        self.text.push(c);
        for _ in 0..c.len_utf8() {
            self.raw.push(at);
            self.inexact.push(!exact);
        }
    }

    /// The line breaks and spaces a fold decodes to, owning `from..` up to the next character:
    /// exact only when the fold is one character.
    fn fold(&mut self, from: usize, text: &str) {
        let exact = text.len() == 1;
        for c in text.chars() {
            self.push(c, from, exact);
        }
    }

    fn finish(mut self, end: usize) -> Self {
        self.raw.push(end);
        self
    }
}

/// The layout of the scalar whose node spans `span` in `source`; `None` for anything else (an
/// alias, an empty span, a block whose header cannot be found).
pub fn layout(source: &str, span: Span) -> Option<Layout> {
    let text = source.get(span.start..span.end)?;
    if let Some((block, line_start)) = block_header(source, span.start) {
        return Some(Layout { style: Style::Block(block), region: Span::new(line_start, span.end) });
    }
    let skipped = skip_properties(text);
    let rest = &text[skipped..];
    let start = span.start + skipped;
    let style = match rest.as_bytes().first()? {
        b'*' => return None,
        b'"' => Style::Double,
        b'\'' => Style::Single,
        _ => return Some(Layout { style: Style::Plain, region: Span::new(start, span.end) }),
    };
    let quote = rest.as_bytes()[0];
    (rest.len() >= 2 && rest.as_bytes()[rest.len() - 1] == quote)
        .then(|| Layout { style, region: Span::new(start + 1, span.end - 1) })
}

/// The length of the anchors and tags (`&a !!str `) before a scalar's own text.
fn skip_properties(text: &str) -> usize {
    let bytes = text.as_bytes();
    let mut at = 0;
    while at < bytes.len() && (bytes[at] == b'&' || bytes[at] == b'!') {
        while at < bytes.len() && !is_white(bytes[at]) {
            at += 1;
        }
        while at < bytes.len() && is_white(bytes[at]) {
            at += 1;
        }
    }
    at
}

fn is_white(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r')
}

fn is_break(b: u8) -> bool {
    b == b'\n' || b == b'\r'
}

fn is_blank(b: u8) -> bool {
    b == b' ' || b == b'\t'
}

/// A block scalar's span starts at its first content character, after the header line (`key: |-`)
/// and any empty lines: found by looking back from `content`. Returns the block and the start of
/// the content's line.
fn block_header(source: &str, content: usize) -> Option<(Block, usize)> {
    let bytes = source.as_bytes();
    let line_start = source[..content].rfind(['\n', '\r']).map_or(0, |b| b + 1);
    if !bytes[line_start..content].iter().all(|&b| b == b' ') {
        return None;
    }
    // Back over the empty lines to the header's line.
    let mut end = line_start;
    let (mut leading_breaks, mut leading_width) = (0, 0);
    let header = loop {
        if end == 0 {
            return None;
        }
        let mut line_end = end - 1;
        if bytes[line_end] == b'\n' && line_end > 0 && bytes[line_end - 1] == b'\r' {
            line_end -= 1;
        }
        let start = source[..line_end].rfind(['\n', '\r']).map_or(0, |b| b + 1);
        let line = &source[start..line_end];
        if line.bytes().all(|b| b == b' ') {
            leading_breaks += 1;
            leading_width = leading_width.max(line.len());
            end = start;
            continue;
        }
        break line;
    };
    let code = match header.find(" #").or_else(|| header.find("\t#")) {
        Some(comment) => &header[..comment],
        None => header,
    };
    let token = code.trim_end().rsplit([' ', '\t']).next()?;
    let literal = match token.as_bytes().first()? {
        b'|' => true,
        b'>' => false,
        _ => return None,
    };
    let (mut chomp, mut digit) = (Chomp::Clip, None);
    for b in token[1..].bytes() {
        match b {
            b'-' if chomp == Chomp::Clip => chomp = Chomp::Strip,
            b'+' if chomp == Chomp::Clip => chomp = Chomp::Keep,
            b'1'..=b'9' if digit.is_none() => digit = Some(b),
            _ => return None,
        }
    }
    let explicit = digit.map(|_| content - line_start);
    Some((Block { literal, chomp, explicit, leading_breaks, leading_width }, line_start))
}

/// Decodes `region` (the layout's region, cut from the source or edited) in `style`.
pub fn decode(style: Style, region: &str) -> Option<Decoded> {
    match style {
        Style::Plain => flow(region, None),
        Style::Single => flow(region, Some(b'\'')),
        Style::Double => flow(region, Some(b'"')),
        Style::Block(block) => block_scalar(block, region),
    }
}

/// Plain and quoted scalars: runs of characters (escapes decoded), the blanks between them kept,
/// and line breaks folded (one break with the blanks around it to a space, `n + 1` breaks to `n`).
fn flow(text: &str, quote: Option<u8>) -> Option<Decoded> {
    let bytes = text.as_bytes();
    let mut out = Decoded::default();
    let mut at = 0;
    while at < bytes.len() {
        // A run of characters.
        let mut escaped_break = None;
        while at < bytes.len() && !is_white(bytes[at]) {
            match (quote, bytes[at]) {
                (Some(b'\''), b'\'') => {
                    if bytes.get(at + 1) != Some(&b'\'') {
                        return None;
                    }
                    out.push('\'', at, true);
                    at += 2;
                }
                (Some(b'"'), b'"') => return None,
                (Some(b'"'), b'\\') if bytes.get(at + 1).is_some_and(|&b| is_break(b)) => {
                    escaped_break = Some(at);
                    at = skip_break(bytes, at + 1);
                    break;
                }
                (Some(b'"'), b'\\') => {
                    let (c, width) = escape(&text[at..])?;
                    out.push(c, at, true);
                    at += width;
                }
                _ => {
                    let c = text[at..].chars().next()?;
                    out.push(c, at, true);
                    at += c.len_utf8();
                }
            }
        }
        // The blanks and line breaks after it.
        let group = escaped_break.unwrap_or(at);
        let mut leading_blanks = escaped_break.is_some();
        let mut leading_break = false;
        let mut trailing_breaks = 0;
        let mut whitespace = String::new();
        while at < bytes.len() && is_white(bytes[at]) {
            if is_blank(bytes[at]) {
                if !leading_blanks {
                    whitespace.push(bytes[at] as char);
                }
                at += 1;
            } else {
                if leading_blanks {
                    trailing_breaks += 1;
                } else {
                    whitespace.clear();
                    leading_break = true;
                    leading_blanks = true;
                }
                at = skip_break(bytes, at);
            }
        }
        if at == bytes.len() && quote.is_none() {
            // A plain scalar's span ends at its last character: nothing trails it.
            if group != at {
                return None;
            }
            break;
        }
        if !leading_blanks {
            for (i, c) in whitespace.char_indices() {
                out.push(c, group + i, true);
            }
        } else if leading_break && trailing_breaks == 0 {
            out.fold(group, " ");
        } else {
            out.fold(group, &"\n".repeat(trailing_breaks));
        }
    }
    Some(out.finish(bytes.len()))
}

/// The offset after the line break at `at` (CRLF is one).
fn skip_break(bytes: &[u8], at: usize) -> usize {
    if bytes[at] == b'\r' && bytes.get(at + 1) == Some(&b'\n') { at + 2 } else { at + 1 }
}

/// The double-quoted escape at the start of `text` (a backslash): its character and width.
fn escape(text: &str) -> Option<(char, usize)> {
    let mut chars = text[1..].chars();
    let c = chars.next()?;
    let simple = match c {
        '0' => '\0',
        'a' => '\x07',
        'b' => '\x08',
        't' | '\t' => '\t',
        'n' => '\n',
        'v' => '\x0b',
        'f' => '\x0c',
        'r' => '\r',
        'e' => '\x1b',
        ' ' => ' ',
        '"' => '"',
        '/' => '/',
        '\\' => '\\',
        'N' => '\u{85}',
        '_' => '\u{a0}',
        'L' => '\u{2028}',
        'P' => '\u{2029}',
        'x' | 'u' | 'U' => {
            let digits = match c {
                'x' => 2,
                'u' => 4,
                _ => 8,
            };
            let hex = text.get(2..2 + digits)?;
            if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
                return None;
            }
            return Some((char::from_u32(u32::from_str_radix(hex, 16).ok()?)?, 2 + digits));
        }
        _ => return None,
    };
    Some((simple, 1 + c.len_utf8()))
}

/// A literal or folded block, from the start of its first content line to its end, as saphyr's
/// `scan_block_scalar` decodes it.
fn block_scalar(block: Block, text: &str) -> Option<Decoded> {
    let bytes = text.as_bytes();
    let mut out = Decoded::default();
    let spaces = |from: usize| bytes[from..].iter().take_while(|&&b| b == b' ').count();
    // Skips up to `indent` spaces and the empty lines after them; returns where it stopped, the
    // column there and the empty lines' count.
    let skip_indent = |mut at: usize, indent: usize| {
        let mut breaks = 0;
        loop {
            let width = spaces(at).min(indent);
            at += width;
            if at < bytes.len() && is_break(bytes[at]) {
                breaks += 1;
                at = skip_break(bytes, at);
            } else {
                return (at, width, breaks);
            }
        }
    };
    // The block's indentation: an indicator's, or the widest of the leading empty lines and the
    // first content line's.
    let (indent, (mut at, mut column, leading)) = match block.explicit {
        Some(indent) => (indent, skip_indent(0, indent)),
        None => {
            let (mut at, mut widest, mut breaks) = (0, block.leading_width, 0);
            let width = loop {
                let width = spaces(at);
                widest = widest.max(width);
                if at + width < bytes.len() && is_break(bytes[at + width]) {
                    breaks += 1;
                    at = skip_break(bytes, at + width);
                } else {
                    break width;
                }
            };
            (widest, (at + width, width, breaks))
        }
    };
    // Empty lines before the first content line: line breaks with no source of their own.
    for _ in 0..block.leading_breaks + leading {
        out.push('\n', 0, false);
    }
    let mut leading_break = false;
    let mut leading_blank = false;
    let mut trailing = 0;
    let mut group = at;
    let mut content_end = at;
    while column == indent && at < bytes.len() && !is_break(bytes[at]) {
        let trailing_blank = is_blank(bytes[at]);
        let joined = if !block.literal && leading_break && !leading_blank && !trailing_blank {
            if trailing == 0 { " ".to_string() } else { "\n".repeat(trailing) }
        } else {
            "\n".repeat(trailing + usize::from(leading_break))
        };
        out.fold(group, &joined);
        leading_blank = trailing_blank;
        while at < bytes.len() && !is_break(bytes[at]) {
            let c = text[at..].chars().next()?;
            out.push(c, at, true);
            at += c.len_utf8();
        }
        content_end = at;
        if at == bytes.len() {
            // A last line without its line break: the scanner counts it as ended.
            leading_break = false;
            trailing = 0;
            column = indent.max(1);
            break;
        }
        group = at;
        leading_break = true;
        (at, column, trailing) = skip_indent(skip_break(bytes, at), indent);
    }
    // The chomping: what trails the last content line, none of it a character's own source.
    let content_chars = out.raw.len();
    if block.chomp != Chomp::Strip {
        if leading_break {
            out.push('\n', group, false);
        }
        if at == bytes.len() && column >= indent.max(1) {
            out.push('\n', at, false);
        }
    }
    if block.chomp == Chomp::Keep {
        for _ in 0..trailing {
            out.push('\n', at, false);
        }
    }
    // The last character owns no line break after it, unless chomping kept one.
    let end = if out.raw.len() == content_chars { content_end } else { text.len() };
    Some(out.finish(end))
}
