//! A whole `curl ... -d '...'` command as copied from Immuta's docs: split it into shell words the
//! way bash would, take the body, the URL and the method, and map every position in the body back
//! to the pasted command so findings point at the right line and column of what the user pasted.

use super::cursor::{Cursor, Progress};
use super::{Parsed, Problem, Request, parse_body};
use crate::diagnostic::{Edit, Part, Span};
use crate::document::{Arena, Member, Node, Value};

/// Where a shell script's command starts: after blank lines and `#` comment lines (a shebang).
pub fn command_start(source: &str) -> usize {
    let mut at = 0;
    for line in source.split_inclusive('\n') {
        let text = line.trim_start_matches(['\u{FEFF}', ' ', '\t', '\r', '\n']);
        if !(text.is_empty() || text.starts_with('#')) {
            break;
        }
        at += line.len();
    }
    at
}

/// Whether `text` is a curl command: after blank and `#` comment lines (a shebang) and a `$ `
/// prompt, the word `curl`.
pub fn is_command(text: &str) -> bool {
    let script = text[command_start(text)..].trim_start_matches(['\u{FEFF}', ' ', '\t', '\r', '\n']);
    looks_like_curl(script.strip_prefix("$ ").unwrap_or(script))
}

fn looks_like_curl(text: &str) -> bool {
    let word = text.split(|c: char| c.is_whitespace()).next().unwrap_or("");
    // `curl\` and a line break: the command goes on on the next line.
    let word = word.strip_suffix('\\').unwrap_or(word);
    word == "curl" || word.ends_with("/curl") || word == "curl.exe"
}

/// One shell word: its decoded text, where it came from, and how each run of it maps back.
#[derive(Debug, Clone)]
struct Word {
    text: String,
    span: Span,
    segments: Vec<Segment>,
}

/// `text[body..body_end]` came from `source[src..src_end]`. A `literal` segment is a verbatim
/// copy from inside single quotes, where any edit to the body is also a valid edit to the command.
#[derive(Debug, Clone, Copy)]
struct Segment {
    body: usize,
    body_end: usize,
    src: usize,
    src_end: usize,
    literal: bool,
}

pub fn parse<'a>(source: &'a str, arena: &'a Arena) -> Parsed<'a> {
    let words = split_words(source);
    let mut method: Option<String> = None;
    let mut url: Option<Word> = None;
    let mut data: Vec<Word> = Vec::new();
    let mut yaml = false;
    let mut secret_spans = Vec::new();
    let mut notes: Vec<Problem> = Vec::new();
    let mut json_flag = false;
    let mut iter = words.iter().skip(1).peekable();
    while let Some(word) = iter.next() {
        let w = word.text.as_str();
        let (flag, inline) = split_flag(w);
        match flag {
            "-X" | "--request" => method = take_arg(inline, &mut iter).map(|a| a.to_ascii_uppercase()),
            "-d" | "--data" | "--data-raw" | "--data-binary" | "--data-ascii" | "--json" => {
                json_flag |= flag == "--json";
                if let Some(arg) = take_arg_word(inline, word, &mut iter) {
                    data.push(arg);
                }
            }
            "-H" | "--header" => {
                if let Some(arg) = take_arg_word(inline, word, &mut iter) {
                    let lower = arg.text.to_ascii_lowercase();
                    if lower.starts_with("authorization:")
                        || lower.starts_with("x-api-key:")
                        || lower.starts_with("cookie:")
                    {
                        secret_spans.push(arg.span);
                    }
                    if lower.starts_with("content-type:") && lower.contains("yaml") {
                        yaml = true;
                    }
                }
            }
            "-u" | "--user" | "--oauth2-bearer" | "-E" | "--cert" | "--pass" => {
                if let Some(arg) = take_arg_word(inline, word, &mut iter) {
                    secret_spans.push(arg.span);
                }
            }
            "--url" => url = take_arg_word(inline, word, &mut iter),
            f if TAKES_ARGUMENT.contains(&f) => {
                take_arg(inline, &mut iter);
            }
            _ if w.starts_with('-') && w.len() > 1 => {}
            _ => {
                if url.is_none() {
                    url = Some(word.clone());
                }
            }
        }
    }

    let request = url.as_ref().map(|u| {
        let method = method.clone().unwrap_or_else(|| if data.is_empty() { "GET".into() } else { "POST".into() });
        let (path, offset) = url_path(&u.text);
        let start = map_offset(&u.segments, offset, false).unwrap_or(u.span.start);
        // An empty path inside an escape maps its end before its start.
        let end = map_offset(&u.segments, offset + path.len(), true).unwrap_or(u.span.end).max(start);
        Request { method, path, path_span: Span::new(start, end) }
    });

    let Some(body) = data.first() else {
        let mut parsed = Parsed { request, secret_spans, ..Parsed::default() };
        let span = words.first().map_or(Span::empty(0), |w| w.span);
        parsed.problems.push(Problem::NoBody { span });
        parsed.fatal = true;
        return parsed;
    };
    if data.len() > 1 {
        notes.push(Problem::SeveralBodies { span: data[1].span });
    }
    if let Some(file) = body.text.strip_prefix('@') {
        let mut parsed = Parsed { request, secret_spans, ..Parsed::default() };
        parsed.problems.push(Problem::BodyInFile { span: body.span, file: file.to_string() });
        parsed.fatal = true;
        return parsed;
    }

    // The body is decoded from the command's quoting, a text of its own, kept in the arena.
    let mut parsed = parse_body(arena.alloc_str(&body.text), yaml && !json_flag, arena);
    remap(&mut parsed, &body.segments, body.span, arena);
    parsed.problems.extend(notes);
    parsed.request = request;
    parsed.secret_spans.extend(secret_spans);
    parsed
}

/// Options (other than the ones handled above) whose value is the next word.
const TAKES_ARGUMENT: &[&str] = &[
    "-o",
    "--output",
    "-A",
    "--user-agent",
    "-b",
    "--cookie",
    "-c",
    "--cookie-jar",
    "-e",
    "--referer",
    "-F",
    "--form",
    "-K",
    "--config",
    "-m",
    "--max-time",
    "--connect-timeout",
    "-r",
    "--range",
    "-T",
    "--upload-file",
    "-w",
    "--write-out",
    "-x",
    "--proxy",
    "--cacert",
    "--capath",
    "--key",
    "--resolve",
    "--retry",
    "-y",
    "-Y",
    "-z",
    "--data-urlencode",
    "--limit-rate",
];

/// `-XPOST` → (`-X`, Some("POST")); `--request=POST` → (`--request`, Some("POST")).
fn split_flag(word: &str) -> (&str, Option<&str>) {
    if let Some(rest) = word.strip_prefix("--") {
        return match rest.split_once('=') {
            Some((name, value)) => (&word[..2 + name.len()], Some(value)),
            None => (word, None),
        };
    }
    if word.len() > 2 && word.starts_with('-') && word.is_char_boundary(2) {
        let flag = &word[..2];
        if matches!(flag, "-X" | "-d" | "-H" | "-u") {
            return (flag, Some(&word[2..]));
        }
    }
    (word, None)
}

fn take_arg<'w>(inline: Option<&str>, iter: &mut impl Iterator<Item = &'w Word>) -> Option<String> {
    match inline {
        Some(text) => Some(text.to_string()),
        None => iter.next().map(|w| w.text.clone()),
    }
}

/// The argument as a word of its own (with segments), for `-d` and friends. An inline argument
/// (`-d{...}`, `--data={...}`) is the flag's word with the flag cut off.
fn take_arg_word<'w>(inline: Option<&str>, word: &'w Word, iter: &mut impl Iterator<Item = &'w Word>) -> Option<Word> {
    match inline {
        Some(arg) => Some(word.tail(word.text.len() - arg.len())),
        None => iter.next().cloned(),
    }
}

impl Word {
    /// The word from byte `from` of its text on, with its segments cut to match.
    fn tail(&self, from: usize) -> Word {
        let mut segments = Vec::new();
        for s in self.segments.iter().filter(|s| s.body_end > from) {
            let mut s = *s;
            if s.body < from {
                if s.literal || s.body_end - s.body == s.src_end - s.src {
                    s.src += from - s.body;
                }
                s.body = from;
            }
            s.body -= from;
            s.body_end -= from;
            segments.push(s);
        }
        let start = segments.first().map_or(self.span.end, |s| s.src);
        Word { text: self.text[from..].to_string(), span: Span::new(start, self.span.end), segments }
    }
}

fn url_path(url: &str) -> (String, usize) {
    let after_scheme = url.find("://").map_or(0, |i| i + 3);
    let path_start = url[after_scheme..].find('/').map_or(url.len(), |i| after_scheme + i);
    let path_end = url[path_start..].find(['?', '#']).map_or(url.len(), |i| path_start + i);
    (url[path_start..path_end].to_string(), path_start)
}

/// Bash-like word splitting: single quotes, double quotes, `$'...'`, backslash escapes and
/// backslash-newline continuations. Stops at an unquoted `|`, `;` or `&`. Every step goes through
/// a [`Cursor`], so each pass of each loop consumes input.
fn split_words(source: &str) -> Vec<Word> {
    let begin = command_start(source);
    let prompt = source[begin..].trim_start().starts_with("$ ");
    let start = if prompt { source[begin..].find('$').map_or(begin, |p| begin + p + 1) } else { begin };
    let mut cursor = Cursor::new(source, start);
    let mut words = Vec::new();
    let mut progress = Progress::default();
    while progress.advanced(cursor.pos()) {
        cursor.skip(|rest| match rest.as_bytes() {
            [b'\\', b'\n', ..] => 2,
            [b'\\', b'\r', b'\n', ..] => 3,
            [b, ..] if b.is_ascii_whitespace() => 1,
            _ => 0,
        });
        if cursor.at_end() || matches!(cursor.peek(), Some(b'|' | b';' | b'&' | b'#')) {
            break;
        }
        words.push(word(source, &mut cursor));
    }
    words
}

/// One shell word, from the cursor (not at a blank) to the blank or operator that ends it.
fn word(source: &str, cursor: &mut Cursor) -> Word {
    let mut word = Word { text: String::new(), span: Span::empty(cursor.pos()), segments: Vec::new() };
    let mut progress = Progress::default();
    while progress.advanced(cursor.pos()) {
        match cursor.peek() {
            None => break,
            Some(b) if b.is_ascii_whitespace() || matches!(b, b'|' | b';' | b'&') => break,
            Some(b'\'') => {
                let start = cursor.pos();
                let end = source[start + 1..].find('\'').map_or(source.len(), |p| start + 1 + p);
                push_run(&mut word, source, Span::new(start + 1, end), true);
                cursor.bump(end + 1 - start);
            }
            Some(b'"') => double_quoted(source, cursor, &mut word),
            Some(b'$') if cursor.peek_at(1) == Some(b'\'') => ansi_c_quoted(source, cursor, &mut word),
            Some(b'\\') if cursor.peek_at(1) == Some(b'\n') => {
                cursor.bump(2);
            }
            Some(b'\\') => {
                // Two bytes, rounded up to the end of the escaped character (or the text).
                let span = cursor.bump(2);
                push_escape(&mut word, span, &source[span.start + 1..span.end]);
            }
            Some(_) => {
                let run = cursor
                    .take_until(|c| c.is_ascii_whitespace() || matches!(c, '\'' | '"' | '\\' | '|' | ';' | '&' | '$'));
                push_run(&mut word, source, run, false);
            }
        }
    }
    word.span.end = cursor.pos();
    word
}

/// `"..."`: only `\"`, `\\`, `\$` and `` \` `` are escapes, and backslash-newline vanishes.
fn double_quoted(source: &str, cursor: &mut Cursor, word: &mut Word) {
    cursor.bump(1);
    let mut progress = Progress::default();
    while progress.advanced(cursor.pos()) {
        match (cursor.peek(), cursor.peek_at(1)) {
            (None | Some(b'"'), _) => break,
            (Some(b'\\'), Some(b'"' | b'\\' | b'$' | b'`')) => {
                let span = cursor.bump(2);
                push_escape(word, span, &source[span.start + 1..span.end]);
            }
            (Some(b'\\'), Some(b'\n')) => {
                cursor.bump(2);
            }
            // Any other backslash, the last byte included, is itself.
            _ => {
                let run = cursor.take_until(|c| c == '"' || c == '\\');
                push_run(word, source, run, false);
            }
        }
    }
    cursor.bump(1);
}

/// `$'...'`: C escapes. A backslash with nothing after it (the text ends) is itself.
fn ansi_c_quoted(source: &str, cursor: &mut Cursor, word: &mut Word) {
    cursor.bump(2);
    let mut progress = Progress::default();
    while progress.advanced(cursor.pos()) {
        match (cursor.peek(), cursor.peek_at(1)) {
            (None | Some(b'\''), _) => break,
            (Some(b'\\'), Some(escaped)) => {
                // Two bytes, rounded up to the end of the escaped character.
                let span = cursor.bump(2);
                let decoded = match escaped {
                    b'n' => "\n",
                    b't' => "\t",
                    b'r' => "\r",
                    b'\\' => "\\",
                    b'\'' => "'",
                    b'"' => "\"",
                    _ => &source[span.start..span.end],
                };
                push_escape(word, span, decoded);
            }
            _ => {
                let run = cursor.take_until(|c| c == '\'' || c == '\\');
                push_run(word, source, run, false);
            }
        }
    }
    cursor.bump(1);
}

fn push_run(word: &mut Word, source: &str, run: Span, literal: bool) {
    let body = word.text.len();
    word.text.push_str(&source[run.start..run.end]);
    word.segments.push(Segment { body, body_end: word.text.len(), src: run.start, src_end: run.end, literal });
}

fn push_escape(word: &mut Word, source_span: Span, decoded: &str) {
    let body = word.text.len();
    word.text.push_str(decoded);
    word.segments.push(Segment {
        body,
        body_end: word.text.len(),
        src: source_span.start,
        src_end: source_span.end,
        literal: false,
    });
}

/// Body offset → command offset. Inside an escape, a start maps to its start and an end to its end.
fn map_offset(segments: &[Segment], offset: usize, is_end: bool) -> Option<usize> {
    let index = segments.partition_point(|s| if is_end { s.body_end < offset } else { s.body_end <= offset });
    let segment = segments.get(index).or_else(|| segments.last())?;
    if offset < segment.body || offset > segment.body_end {
        return Some(if offset < segment.body { segment.src } else { segment.src_end });
    }
    if segment.literal || (segment.body_end - segment.body == segment.src_end - segment.src) {
        Some(segment.src + (offset - segment.body))
    } else if is_end && offset > segment.body {
        Some(segment.src_end)
    } else {
        Some(segment.src)
    }
}

/// Whether the body range lies in one single-quoted run, where a body edit is a command edit.
fn literal_range(segments: &[Segment], span: Span) -> bool {
    segments.iter().any(|s| s.literal && s.body <= span.start && span.end <= s.body_end)
}

fn remap<'a>(parsed: &mut Parsed<'a>, segments: &[Segment], whole: Span, arena: &'a Arena) {
    let map_span = |span: Span| -> Span {
        let start = map_offset(segments, span.start, false).unwrap_or(whole.start);
        let end = map_offset(segments, span.end, true).unwrap_or(whole.end).max(start);
        Span::new(start, end)
    };
    for root in parsed.root.iter_mut().chain(&mut parsed.more_documents) {
        *root = remapped(root, &map_span, arena);
    }
    for problem in &mut parsed.problems {
        let span = problem.span_mut();
        *span = map_span(*span);
        if let Some(slot) = problem.fix_mut()
            && let Some(fix) = slot.as_mut()
        {
            let editable = fix.edits.iter().all(|e| edit_is_literal(e, segments));
            if editable {
                for edit in &mut fix.edits {
                    edit.span = map_span(edit.span);
                }
            } else {
                *slot = None;
            }
        }
    }
    for raw in &mut parsed.raw_breaks {
        raw.string = map_span(raw.string);
        for b in &mut raw.breaks {
            *b = map_offset(segments, *b, false).unwrap_or(whole.start);
        }
    }
}

fn edit_is_literal(edit: &Edit, segments: &[Segment]) -> bool {
    let target = literal_range(segments, edit.span) || literal_range(segments, Span::empty(edit.span.start));
    target
        && edit.parts.iter().all(|part| match part {
            Part::Text(text) => !text.contains('\''),
            Part::Copy { from, .. } => literal_range(segments, *from),
        })
}

/// The tree with every span mapped: its containers are shared slices, so they are copied.
fn remapped<'a>(node: &Node<'a>, map_span: &dyn Fn(Span) -> Span, arena: &'a Arena) -> Node<'a> {
    let mut out = node.clone();
    out.span = map_span(node.span);
    match node.value {
        Value::Array(items) => {
            out.value = Value::Array(arena.alloc_slice_fill_iter(items.iter().map(|n| remapped(n, map_span, arena))));
        }
        Value::Object(members) => {
            out.value = Value::Object(arena.alloc_slice_fill_iter(members.iter().map(|member| Member {
                key: member.key,
                key_span: map_span(member.key_span),
                value: remapped(&member.value, map_span, arena),
            })));
        }
        _ => {}
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOCS: &str = "curl -X 'PUT' \\\n    'https://<your-immuta-url>/data/connection/yourConnectionKey' \\\n    -H 'accept: application/json' \\\n    -H 'Authorization: <your-bearer-token>' \\\n    -d '{\n     \"connection\": {\n       \"port\": 443\n     }\n    }'";

    #[test]
    fn extracts_method_path_and_body_positions() {
        let arena = Arena::new();
        let parsed = parse(DOCS, &arena);
        let request = parsed.request.as_ref().unwrap();
        assert_eq!(request.method, "PUT");
        assert_eq!(request.path, "/data/connection/yourConnectionKey");
        assert_eq!(&DOCS[request.path_span.start..request.path_span.end], "/data/connection/yourConnectionKey");
        let port = parsed.root.as_ref().unwrap().pointer("/connection/port").unwrap();
        assert_eq!(&DOCS[port.span.start..port.span.end], "443");
        assert_eq!(parsed.secret_spans.len(), 1);
        assert!(DOCS[parsed.secret_spans[0].start..parsed.secret_spans[0].end].starts_with("'Authorization"));
    }

    #[test]
    fn double_quoted_bodies_map_through_escapes() {
        let source = r#"curl https://x/integrations --data "{\"type\": \"Trino\", \"port\": 4}""#;
        let arena = Arena::new();
        let parsed = parse(source, &arena);
        assert_eq!(parsed.request.as_ref().unwrap().method, "POST");
        let port = parsed.root.as_ref().unwrap().pointer("/port").unwrap();
        assert_eq!(&source[port.span.start..port.span.end], "4");
        let kind = parsed.root.as_ref().unwrap().pointer("/type").unwrap();
        assert_eq!(&source[kind.span.start..kind.span.end], r#"\"Trino\""#);
    }

    #[test]
    fn every_document_of_a_yaml_body_maps_back_to_the_command() {
        let source = "curl https://x/integrations -H 'Content-Type: application/yaml' -d 'type: Trino\n---\nport: 4\n'";
        let arena = Arena::new();
        let parsed = parse(source, &arena);
        let later = parsed.more_documents.first().expect("a second document");
        let port = later.pointer("/port").unwrap();
        assert_eq!(&source[port.span.start..port.span.end], "4");
        assert_eq!(port.span.start, source.find("4\n").unwrap());
    }

    #[test]
    fn commands_without_a_body_are_reported() {
        let arena = Arena::new();
        let parsed = parse("curl https://x/integrations", &arena);
        assert!(parsed.fatal);
        assert_eq!(parsed.problems, vec![Problem::NoBody { span: Span::new(0, 4) }]);
        let from_file = parse("curl -X POST https://x/data/connection -d @payload.json", &arena);
        assert!(matches!(&from_file.problems[0], Problem::BodyInFile { file, .. } if file == "payload.json"));
    }
}
