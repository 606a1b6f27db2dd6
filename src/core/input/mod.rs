//! Text → [`Node`] tree: JSON (tolerant, see [`json`]), YAML, or a whole pasted `curl` command whose
//! body is extracted and whose URL and method are kept for kind detection. Every span in the result
//! points into the text the user gave, whatever the format.

pub mod curl;
pub mod cursor;
pub mod encoding;
pub mod json;
pub mod yaml;

use crate::diagnostic::{Fix, Span};
use crate::document::{Arena, Member, Node};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

/// The text formats the checker reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Json,
    Yaml,
    Curl,
}

/// Whether a file found in a folder is checked, by its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Candidate {
    /// A payload file: always read.
    Payload,
    /// Read when its text is a curl command (a `.sh` or `.txt` file may hold anything).
    IfCurlCommand,
}

/// The extensions of payload files: the format each one hints, and whether a walk checks it. The
/// one table of them, for every door.
const EXTENSIONS: &[(&str, Option<Format>, Candidate)] = &[
    ("json", Some(Format::Json), Candidate::Payload),
    ("jsonc", Some(Format::Json), Candidate::Payload),
    ("yaml", Some(Format::Yaml), Candidate::Payload),
    ("yml", Some(Format::Yaml), Candidate::Payload),
    ("sh", Some(Format::Curl), Candidate::IfCurlCommand),
    ("curl", Some(Format::Curl), Candidate::IfCurlCommand),
    // A pasted command saved as text; its text alone tells what it is.
    ("txt", None, Candidate::IfCurlCommand),
];

fn extension_entry(path: &str) -> Option<&'static (&'static str, Option<Format>, Candidate)> {
    let name = path.rsplit(['/', '\\']).next()?;
    let (stem, extension) = name.rsplit_once('.')?;
    if stem.is_empty() {
        return None;
    }
    EXTENSIONS.iter().find(|(known, ..)| known.eq_ignore_ascii_case(extension))
}

impl Format {
    /// A format hint from a file name's extension (`.json`, `.yaml`, `.yml`, `.sh`, `.curl`).
    pub fn from_path(path: &str) -> Option<Format> {
        extension_entry(path).and_then(|(_, format, _)| *format)
    }
}

/// Whether a file found in a folder is checked, by its name; `None` when it is not a payload's.
pub fn candidate(path: &str) -> Option<Candidate> {
    extension_entry(path).map(|(_, _, candidate)| *candidate)
}

/// A request line recovered from a curl command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    pub method: String,
    /// The URL path, without scheme, host or query: `/data/connection`.
    pub path: String,
    pub path_span: Span,
}

/// A string that held real line breaks (invalid JSON); kept so the rules can decide whether it is a
/// private key (`private-key-newlines`) or any other string (`syntax`).
#[derive(Debug, Clone, PartialEq)]
pub struct RawBreaks {
    pub pointer: String,
    pub string: Span,
    /// Offsets of each `\n`, `\r` or `\r\n` inside the string.
    pub breaks: Vec<usize>,
}

/// What a reader found wrong with the text. Readers state facts; the rules (`syntax`,
/// `duplicate-key`, `curl-command`) decide what each becomes as a finding.
#[derive(Debug, Clone, PartialEq)]
pub enum Problem {
    /// Not valid JSON or YAML, or not UTF-8 text, in the words of the reader that found it. A
    /// `minor` problem (a byte-order mark) does not stop Immuta from reading the body.
    Syntax { pointer: String, span: Span, message: String, help: String, fix: Option<Fix>, minor: bool },
    /// The member `key` appears twice in the object at `pointer`; `span` is the second one.
    DuplicateKey { pointer: String, key: String, span: Span },
    /// A curl command without `-d` (or `--data`, `--json`...): `span` is the word `curl`.
    NoBody { span: Span },
    /// The body is read from a file (`-d @payload.json`), which is not here to check.
    BodyInFile { span: Span, file: String },
    /// More than one `-d`; `span` is the second, which curl joins to the first with `&`.
    SeveralBodies { span: Span },
}

impl Problem {
    /// The range the problem is about.
    pub fn span(&self) -> Span {
        match self {
            Problem::Syntax { span, .. }
            | Problem::DuplicateKey { span, .. }
            | Problem::NoBody { span }
            | Problem::BodyInFile { span, .. }
            | Problem::SeveralBodies { span } => *span,
        }
    }

    /// The range the problem is about, for mapping a curl body back to the command.
    pub fn span_mut(&mut self) -> &mut Span {
        match self {
            Problem::Syntax { span, .. }
            | Problem::DuplicateKey { span, .. }
            | Problem::NoBody { span }
            | Problem::BodyInFile { span, .. }
            | Problem::SeveralBodies { span } => span,
        }
    }

    pub fn fix_mut(&mut self) -> Option<&mut Option<Fix>> {
        match self {
            Problem::Syntax { fix, .. } => Some(fix),
            _ => None,
        }
    }
}

/// The member names of an object so far. A small object (every Immuta object) is scanned; past
/// [`Seen::SCAN`] members the names go into a set, so that a huge object costs no n² to read.
#[derive(Default)]
pub(crate) struct Seen {
    names: HashSet<String>,
    any_repeated: bool,
}

impl Seen {
    const SCAN: usize = 16;

    /// Whether `key` is already a member's name (`members` are those read before it).
    pub(crate) fn repeated(&mut self, members: &[Member<'_>], key: &str) -> bool {
        let repeated = if members.len() < Self::SCAN {
            members.iter().any(|member| member.key == key)
        } else {
            if self.names.is_empty() {
                self.names.extend(members.iter().map(|member| member.key.to_string()));
            }
            !self.names.insert(key.to_string())
        };
        self.any_repeated |= repeated;
        repeated
    }

    /// Whether any name was repeated.
    pub(crate) fn any_repeated(&self) -> bool {
        self.any_repeated
    }
}

/// Readers stop recording problems at the finding limit (and keep reading).
pub(crate) fn has_room(problems: &[Problem]) -> bool {
    problems.len() < crate::model::limits::MAX_FINDINGS
}

/// What parsing produced: the tree (if any), the problems found, and facts the rules need.
#[derive(Debug, Default)]
pub struct Parsed<'src> {
    pub root: Option<Node<'src>>,
    /// The documents after the first of a YAML stream (`---`), each checked as a payload of its own.
    pub more_documents: Vec<Node<'src>>,
    pub problems: Vec<Problem>,
    pub raw_breaks: Vec<RawBreaks>,
    /// The document could not be read to its end; rules other than `syntax` are not run.
    pub fatal: bool,
    pub format: Option<Format>,
    pub request: Option<Request>,
    /// Source ranges that hold secrets outside the tree (an `Authorization` header, `-u user:pass`).
    pub secret_spans: Vec<Span>,
    /// The tree holds a template value (`Value::Template`).
    pub templates: bool,
}

/// Parses `text`, sniffing the format; `hint` (from a file extension) settles JSON vs YAML when
/// the text itself does not.
/// The tree lives in `arena`.
pub fn parse<'a>(text: &'a str, hint: Option<Format>, arena: &'a Arena) -> Parsed<'a> {
    let format = sniff(text, hint);
    let mut parsed = match format {
        Format::Curl => curl::parse(text, arena),
        Format::Json => json::parse(text, arena),
        Format::Yaml => yaml::parse(text, arena),
    };
    parsed.format = Some(format);
    parsed
}

/// Parses a body given in some format (shared by the curl door).
pub(crate) fn parse_body<'a>(body: &'a str, yaml_hint: bool, arena: &'a Arena) -> Parsed<'a> {
    let first = body.trim_start_matches(['\u{FEFF}', ' ', '\t', '\r', '\n']).chars().next();
    let json_like = matches!(first, Some('{' | '[' | '"'));
    if yaml_hint && !json_like { yaml::parse(body, arena) } else { json::parse(body, arena) }
}

fn sniff(text: &str, hint: Option<Format>) -> Format {
    let start = text.trim_start_matches(['\u{FEFF}', ' ', '\t', '\r', '\n']);
    if curl::is_command(text) {
        return Format::Curl;
    }
    // A `.yaml` file is YAML even when its root is a flow collection (`{connectionKey: x}`).
    match (start.chars().next(), hint) {
        (_, Some(Format::Yaml)) => Format::Yaml,
        (Some('{' | '['), _) | (_, Some(Format::Json)) => Format::Json,
        _ => Format::Yaml,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_formats() {
        assert_eq!(sniff("  {\"a\":1}", None), Format::Json);
        assert_eq!(sniff("type: Trino", None), Format::Yaml);
        assert_eq!(sniff("curl -X POST https://x/integrations -d '{}'", None), Format::Curl);
        assert_eq!(sniff("$ curl https://x", None), Format::Curl);
        assert_eq!(sniff("#!/bin/sh\n# register it\n\ncurl https://x", None), Format::Curl);
        assert_eq!(sniff("# a payload\ntype: Trino", None), Format::Yaml);
        assert_eq!(sniff("", Some(Format::Json)), Format::Json);
        assert_eq!(sniff("oops", Some(Format::Json)), Format::Json);
        assert_eq!(sniff("{connectionKey: x}", Some(Format::Yaml)), Format::Yaml);
        assert_eq!(sniff("{\"connectionKey\": \"x\"}", None), Format::Json);
        assert_eq!(Format::from_path("a/b.YML"), Some(Format::Yaml));
    }
}
