//! `immuta-preflight.toml`: what a team decided for its repository. Read with `toml`'s parser alone
//! (no serde), so that every key and value keeps its span: each mistake is reported at its
//! line:column, with a did-you-mean, and all of them at once.
//!
//! ```toml
//! exclude = ["fixtures/**"]
//! [rules]
//! ignore = ["recommended-setting"]
//! severity = { unknown-field = "error" }
//! [[overrides]]
//! files = ["scripts/**"]
//! kind = "integration-script"
//! ignore = ["disputed-field"]
//! ```

use crate::host::{ConfigPlace, Host};
use immuta_preflight_core::position::LineIndex;
use immuta_preflight_core::rules::selection::{RuleOptions, parse_codes, parse_severity};
use immuta_preflight_core::{Kind, Options, suggest};
use std::ops::Range;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// The file's name, which `check` looks for from the current folder up to the repository root.
pub const FILE_NAME: &str = "immuta-preflight.toml";

/// Where the config file that applies to the files in `folder` (an absolute path) was found:
/// [`FILE_NAME`] in `folder` or the nearest folder above it, up to the root of the repository (the
/// folder holding `.git`). Every door looks for it this way: the command line from the current
/// folder, the language server from a document's folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// The folder holding the config file.
    pub folder: String,
    /// How many folders above `folder` it is (0: in it).
    pub depth: usize,
}

impl Found {
    /// The config file's path.
    pub fn path(&self) -> String {
        join(&self.folder, FILE_NAME)
    }

    /// `path` (inside the config file's folder) relative to that folder, with `/`: what the
    /// file's globs match.
    pub fn relative<'p>(&self, path: &'p str) -> Option<&'p str> {
        let rest = path.strip_prefix(self.folder.trim_end_matches(['/', '\\']))?;
        match rest.strip_prefix(['/', '\\']) {
            Some(inside) => Some(inside),
            None => rest.is_empty().then_some(rest),
        }
    }
}

/// Looks for the config file that applies to the files in `folder`, through `host`.
pub fn discover(host: &mut dyn Host, folder: &str) -> Option<Found> {
    let mut current = folder.trim_end_matches(['/', '\\']).to_string();
    if current.is_empty() {
        current = folder.get(..1)?.to_string();
    }
    for depth in 0.. {
        if host.exists(&join(&current, FILE_NAME)) {
            return Some(Found { folder: current, depth });
        }
        if host.exists(&join(&current, ".git")) {
            return None;
        }
        current = parent(&current)?.to_string();
    }
    None
}

/// The config file for the current folder, and the current folder relative to the config
/// file's folder (`""` when they are the same, else `sub/dir/`).
pub fn find(host: &mut dyn Host) -> Option<ConfigPlace> {
    let here = host.current_dir()?;
    let found = discover(host, &here)?;
    let base =
        found.relative(&here).filter(|rest| !rest.is_empty()).map(|rest| format!("{}/", rest.replace('\\', "/")));
    Some(ConfigPlace { path: format!("{}{FILE_NAME}", "../".repeat(found.depth)), base: base.unwrap_or_default() })
}

/// The config file given with `--config`, and the current folder relative to its folder.
pub fn at(host: &mut dyn Host, path: &str) -> ConfigPlace {
    let folder = parent(path).unwrap_or(".");
    let base = match (host.current_dir(), host.canonical(folder)) {
        (Some(here), Ok(folder)) => Found { folder, depth: 0 }
            .relative(&here)
            .filter(|rest| !rest.is_empty())
            .map(|rest| format!("{}/", rest.replace('\\', "/"))),
        _ => None,
    };
    ConfigPlace { path: path.to_string(), base: base.unwrap_or_default() }
}

/// The options a file is checked with: its format from its name, and the kind and rule options that
/// the config file applying to its folder gives its path. A config file that does not read is left
/// out here: the command line reports its mistakes, and [`resolve`] returns them.
pub fn options_for(host: &mut dyn Host, path: &str) -> Options {
    resolve(host, path).options
}

/// The options of a file, and where they came from.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Resolved {
    pub options: Options,
    /// The config file that applies to the file, found or not readable.
    pub config: Option<String>,
    /// The config file's mistakes, each `path:line:column: message`; its options are then left out.
    pub problems: Vec<String>,
}

/// The options for the file at `path` (see [`options_for`]), the config file they came from, and
/// its mistakes: what an editor shows beside a document.
pub fn resolve(host: &mut dyn Host, path: &str) -> Resolved {
    let mut resolved = Resolved {
        options: Options { format: immuta_preflight_core::Format::from_path(path), ..Options::default() },
        ..Resolved::default()
    };
    let folder = parent(path).unwrap_or(path);
    let Some(found) = discover(host, folder) else { return resolved };
    let config_path = found.path();
    let text = match host.read(&config_path).map(String::from_utf8) {
        Ok(Ok(text)) => text,
        Ok(Err(_)) => {
            resolved.problems.push(format!("{config_path}:1:1: this is not UTF-8 text"));
            String::new()
        }
        Err(error) => {
            resolved.problems.push(crate::host::message(&config_path, error));
            String::new()
        }
    };
    if resolved.problems.is_empty()
        && let Some(relative) = found.relative(path)
    {
        match Config::parse(&config_path, &text) {
            Ok(config) => {
                let for_file = config.for_file(&relative.replace('\\', "/"));
                resolved.options.kind = for_file.kind;
                resolved.options.rules = for_file.rules;
            }
            Err(problems) => resolved.problems = problems,
        }
    }
    resolved.config = Some(config_path);
    resolved
}

fn join(folder: &str, name: &str) -> String {
    if folder.ends_with(['/', '\\']) { format!("{folder}{name}") } else { format!("{folder}/{name}") }
}

/// The folder above `path` (`/a/b` → `/a`, `/a` → `/`, `C:\\a` → `C:\\`); `None` at a root.
fn parent(path: &str) -> Option<&str> {
    let cut = path.trim_end_matches(['/', '\\']).rfind(['/', '\\'])?;
    let parent = &path[..cut];
    Some(if parent.is_empty() || parent.ends_with(':') { &path[..=cut] } else { parent })
}

/// A parsed config file.
#[derive(Debug, Default)]
pub struct Config {
    exclude: Vec<Pattern>,
    rules: RuleOptions,
    overrides: Vec<Override>,
}

#[derive(Debug)]
struct Override {
    files: Vec<Pattern>,
    kind: Option<Kind>,
    rules: RuleOptions,
}

/// A glob, matched against a path relative to the config file's folder (`/` separated). A
/// pattern without `/` matches a name at any depth, as in `.gitignore`; a pattern that matches a
/// folder matches everything in it.
#[derive(Debug)]
struct Pattern(String);

impl Pattern {
    fn matches(&self, relative: &str) -> bool {
        let relative = relative.trim_start_matches("./");
        let mut prefix_end = relative.len();
        loop {
            if fast_glob::glob_match(&self.0, &relative[..prefix_end]) {
                return true;
            }
            match relative[..prefix_end].rfind('/') {
                Some(slash) => prefix_end = slash,
                None => return false,
            }
        }
    }
}

/// What the config says for one file.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ForFile {
    pub kind: Option<Kind>,
    pub rules: RuleOptions,
}

impl Config {
    /// Reads the config file `text`; `name` is how errors name it. Every mistake is an error
    /// line `name:line:column: message`.
    pub fn parse(name: &str, text: &str) -> Result<Config, Vec<String>> {
        let index = LineIndex::new(text);
        let at = |span: Range<usize>, message: String| {
            let (line, column) = index.position(span.start);
            format!("{name}:{line}:{column}: {message}")
        };
        let table = match DeTable::parse(text) {
            Ok(table) => table,
            Err(error) => {
                let span = error.span().unwrap_or(0..0);
                return Err(vec![at(span, format!("this is not valid TOML: {}", error.message().trim()))]);
            }
        };
        let mut reader = Reader::default();
        let config = reader.config(table.get_ref());
        if reader.problems.is_empty() {
            return Ok(config);
        }
        reader.problems.sort_by_key(|(span, _)| span.start);
        Err(reader.problems.into_iter().map(|(span, message)| at(span, message)).collect())
    }

    /// Whether a walk leaves out the file at `relative` (to the config file's folder).
    pub fn excludes(&self, relative: &str) -> bool {
        self.exclude.iter().any(|p| p.matches(relative))
    }

    /// The kind and rule options for the file at `relative`: `[rules]`, then each override whose
    /// `files` match it, in the order they are written.
    pub fn for_file(&self, relative: &str) -> ForFile {
        let mut found = ForFile { kind: None, rules: self.rules.clone() };
        for over in self.overrides.iter().filter(|o| o.files.iter().any(|p| p.matches(relative))) {
            found.kind = over.kind.or(found.kind);
            found.rules.extend(&over.rules);
        }
        found
    }
}

type Table<'i> = DeTable<'i>;
type Value<'i> = Spanned<DeValue<'i>>;

#[derive(Default)]
struct Reader {
    problems: Vec<(Range<usize>, String)>,
}

impl Reader {
    fn problem(&mut self, span: Range<usize>, message: impl Into<String>) {
        self.problems.push((span, message.into()));
    }

    /// The members of `table`, each checked against `known` (an unknown key is a problem).
    fn members<'t, 'i>(&mut self, table: &'t Table<'i>, known: &[&str], place: &str) -> Vec<(&'t str, &'t Value<'i>)> {
        let mut found = Vec::new();
        for (key, value) in table {
            let name: &str = key.get_ref();
            if known.contains(&name) {
                found.push((name, value));
            } else {
                let message = match suggest::closest(name, known.iter().copied()) {
                    Some(near) => format!("unknown key `{name}`{place}; did you mean `{near}`?"),
                    None => format!("unknown key `{name}`{place}; the keys are {}", known.join(", ")),
                };
                self.problem(key.span(), message);
            }
        }
        found
    }

    fn config(&mut self, table: &Table) -> Config {
        let mut config = Config::default();
        for (key, value) in self.members(table, &["exclude", "rules", "overrides"], "") {
            match key {
                "exclude" => config.exclude = self.patterns(value, "exclude"),
                "rules" => match value.get_ref().as_table() {
                    Some(rules) => {
                        config.rules = self.rule_options(rules, &["ignore", "select", "severity"], " in [rules]")
                    }
                    None => {
                        self.problem(value.span(), "`rules` is a table: write `[rules]` and `ignore = [...]` below it")
                    }
                },
                _ => match value.get_ref().as_array() {
                    Some(items) => {
                        for item in items.iter() {
                            match item.get_ref().as_table() {
                                Some(table) => {
                                    if let Some(over) = self.override_of(table, item.span()) {
                                        config.overrides.push(over);
                                    }
                                }
                                None => self.problem(item.span(), "each override is a table: write `[[overrides]]`"),
                            }
                        }
                    }
                    None => self.problem(value.span(), "`overrides` is a list of tables: write `[[overrides]]`"),
                },
            }
        }
        config
    }

    fn override_of(&mut self, table: &Table, span: Range<usize>) -> Option<Override> {
        let known = ["files", "kind", "ignore", "select", "severity"];
        let mut over = Override { files: Vec::new(), kind: None, rules: RuleOptions::default() };
        let mut has_files = false;
        for (key, value) in self.members(table, &known, " in [[overrides]]") {
            match key {
                "files" => {
                    has_files = true;
                    over.files = self.patterns(value, "files");
                }
                "kind" => match value.get_ref().as_str() {
                    Some(kind) => match Kind::parse(kind) {
                        Ok(kind) => over.kind = Some(kind),
                        Err(message) => self.problem(value.span(), message),
                    },
                    None => self.problem(value.span(), "`kind` is a string, e.g. kind = \"integration-script\""),
                },
                _ => {}
            }
        }
        over.rules = self.rule_options(table, &[], "");
        if !has_files {
            self.problem(span, "an override needs `files`, e.g. files = [\"scripts/**\"]");
            return None;
        }
        Some(over)
    }

    /// `ignore`, `select` and `severity` of `table`; with `known`, other keys are problems.
    fn rule_options(&mut self, table: &Table, known: &[&str], place: &str) -> RuleOptions {
        let members: Vec<(&str, &Value)> = if known.is_empty() {
            table.iter().map(|(k, v)| (k.get_ref().as_ref(), v)).collect()
        } else {
            self.members(table, known, place)
        };
        let mut options = RuleOptions::default();
        for (key, value) in members {
            match key {
                "ignore" => options.ignore = self.codes(value, "ignore", true),
                "select" => options.select = Some(self.codes(value, "select", false)),
                "severity" => match value.get_ref().as_table() {
                    Some(severities) => {
                        for (code, severity) in severities {
                            let code_found = parse_codes(code.get_ref(), false);
                            let severity_found = match severity.get_ref().as_str() {
                                Some(name) => parse_severity(name),
                                None => Err("a severity is \"error\", \"warning\" or \"info\"".into()),
                            };
                            match (code_found, severity_found) {
                                (Ok(codes), Ok(severity)) => {
                                    options.severity.extend(codes.into_iter().map(|code| (code, severity)))
                                }
                                (Err(message), _) => self.problem(code.span(), message),
                                (_, Err(message)) => self.problem(severity.span(), message),
                            }
                        }
                    }
                    None => self
                        .problem(value.span(), "`severity` is a table, e.g. severity = { unknown-field = \"error\" }"),
                },
                _ => {}
            }
        }
        options
    }

    fn strings<'v>(&mut self, value: &'v Value, key: &str, example: &str) -> Vec<(&'v str, Range<usize>)> {
        let Some(items) = value.get_ref().as_array() else {
            self.problem(value.span(), format!("`{key}` is a list of strings, e.g. {key} = [{example}]"));
            return Vec::new();
        };
        let mut found = Vec::new();
        for item in items.iter() {
            match item.get_ref().as_str() {
                Some(text) => found.push((text, item.span())),
                None => self.problem(item.span(), format!("`{key}` holds strings, e.g. {key} = [{example}]")),
            }
        }
        found
    }

    fn codes(&mut self, value: &Value, key: &str, for_ignoring: bool) -> Vec<immuta_preflight_core::Code> {
        let mut codes = Vec::new();
        for (code, span) in self.strings(value, key, "\"recommended-setting\"") {
            match parse_codes(code, for_ignoring) {
                Ok(found) => codes.extend(found),
                Err(message) => self.problem(span, message),
            }
        }
        codes
    }

    fn patterns(&mut self, value: &Value, key: &str) -> Vec<Pattern> {
        let mut patterns = Vec::new();
        for (text, span) in self.strings(value, key, "\"fixtures/**\"") {
            match glob(text) {
                Ok(pattern) => patterns.push(pattern),
                Err(message) => self.problem(span, message),
            }
        }
        patterns
    }
}

fn glob(text: &str) -> Result<Pattern, String> {
    let trimmed = text.trim_start_matches("./").trim_end_matches('/');
    if trimmed.is_empty() {
        return Err(format!("`{text}` is not a glob; write a path pattern such as \"fixtures/**\""));
    }
    let anchored = if trimmed.contains('/') { trimmed.to_string() } else { format!("**/{trimmed}") };
    // A leading `!` would negate the glob; written in a config it means a file named `!…`.
    let anchored = match anchored.strip_prefix('!') {
        Some(rest) => format!("\\!{rest}"),
        None => anchored,
    };
    fast_glob::validate(&anchored).map_err(|error| {
        let why = match error.kind {
            fast_glob::ErrorKind::UnclosedBracket => "unclosed character class; missing ']'",
            fast_glob::ErrorKind::UnclosedBrace => "unclosed alternation; missing '}'",
            fast_glob::ErrorKind::TrailingBackslash => "dangling '\\'; write '\\\\' for a backslash",
            _ => "more (or deeper) {…} groups than the 10 supported",
        };
        format!("`{text}` is not a valid glob: {why}")
    })?;
    Ok(Pattern(anchored))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs_match_as_in_gitignore_with_literal_separators() {
        let cases: &[(&str, &str, bool)] = &[
            ("*.json", "a.json", true),
            ("*.json", "deep/down/a.json", true),
            ("payloads/*.json", "payloads/a.json", true),
            ("payloads/*.json", "payloads/x/a.json", false),
            ("payloads/?.json", "payloads/a.json", true),
            ("payloads/?.json", "payloads//.json", false),
            ("p?yloads/a.json", "p/yloads/a.json", false),
            ("fixtures/**", "fixtures/x/y/z.yaml", true),
            ("fixtures/**/a.json", "fixtures/a.json", true),
            ("fixtures", "fixtures/x/a.json", true),
            ("fixtures", "other/fixtures/a.json", true),
            ("fixtures", "fixturesx/a.json", false),
            ("*.{json,yaml}", "x/a.yaml", true),
            ("*.{json,yaml}", "x/a.yml", false),
            ("[!a]*.json", "b.json", true),
            ("[!a]*.json", "a.json", false),
            ("[a-c].json", "b.json", true),
            ("\\*.json", "*.json", true),
            ("\\*.json", "a.json", false),
            ("!keep.json", "!keep.json", true),
            ("!keep.json", "other.json", false),
            ("./scripts/", "scripts/a.json", true),
        ];
        for &(pattern, path, expected) in cases {
            let compiled = glob(pattern).unwrap_or_else(|e| panic!("{pattern}: {e}"));
            assert_eq!(compiled.matches(path), expected, "{pattern} against {path}");
        }
        for (pattern, why) in
            [("a/{b,c", "missing '}'"), ("a\\", "dangling"), ("{a{b{c{d{e{f{g{h{i{j{k}}}}}}}}}}}", "10 supported")]
        {
            let message = glob(pattern).err().unwrap_or_else(|| panic!("{pattern} is not valid"));
            assert!(message.contains(why), "{pattern}: {message}");
        }
    }
    use immuta_preflight_core::Code;
    use immuta_preflight_core::diagnostic::Severity;

    const EXAMPLE: &str = r#"exclude = ["fixtures/**", "*.tmpl.json"]
[rules]
ignore = ["recommended-setting"]
severity = { unknown-field = "error" }
[[overrides]]
files = ["scripts/**"]
kind = "integration-script"
ignore = ["disputed-field"]
[[overrides]]
files = ["scripts/strict/**"]
select = ["placeholder"]
severity = { placeholder = "warning" }
"#;

    #[test]
    fn every_key_is_read() {
        let config = Config::parse("c.toml", EXAMPLE).unwrap();
        assert!(config.excludes("fixtures/a/b.json"));
        assert!(config.excludes("./fixtures/b.json"));
        assert!(config.excludes("deep/x.tmpl.json"), "a pattern without / matches at any depth");
        assert!(!config.excludes("payloads/fixtures.json"));
        let plain = config.for_file("payloads/a.json");
        assert_eq!(plain.kind, None);
        assert_eq!(plain.rules.ignore, [Code::RecommendedSetting]);
        assert_eq!(plain.rules.severity, [(Code::UnknownField, Severity::Error)]);
        let script = config.for_file("scripts/create.json");
        assert_eq!(script.kind, Some(Kind::IntegrationScript));
        assert_eq!(script.rules.ignore, [Code::RecommendedSetting, Code::DisputedField]);
        assert_eq!(script.rules.select, None);
        let strict = config.for_file("scripts/strict/create.json");
        assert_eq!(strict.kind, Some(Kind::IntegrationScript), "overrides add up, in order");
        assert_eq!(strict.rules.select, Some(vec![Code::Placeholder]));
        assert_eq!(
            strict.rules.severity,
            [(Code::UnknownField, Severity::Error), (Code::Placeholder, Severity::Warning)]
        );
    }

    #[test]
    fn every_mistake_is_reported_at_its_place_with_a_suggestion() {
        let text = "exlude = [\"a\"]\n[rules]\nignore = [\"placeholdr\", \"syntax\"]\nseverity = { unknown-field = \"fatal\" }\n\
                    [[overrides]]\nkind = \"conection\"\n[[overrides]]\nfiles = [\"a/[b\"]\nignor = []\n";
        let errors = Config::parse("c.toml", text).unwrap_err();
        assert_eq!(
            errors,
            [
                "c.toml:1:1: unknown key `exlude`; did you mean `exclude`?",
                "c.toml:3:11: unknown rule code `placeholdr`; did you mean `placeholder`?",
                "c.toml:3:25: `syntax` cannot be ignored: its findings say that a file was not wholly checked",
                "c.toml:4:30: unknown severity `fatal`; the severities are error, warning and info",
                "c.toml:5:1: an override needs `files`, e.g. files = [\"scripts/**\"]",
                "c.toml:6:8: unknown kind `conection`; did you mean `connection`?",
                "c.toml:8:10: `a/[b` is not a valid glob: unclosed character class; missing ']'",
                "c.toml:9:1: unknown key `ignor` in [[overrides]]; did you mean `ignore`?",
            ]
        );
    }

    /// Every prefix of a config file, and the file with any one byte changed to a character that
    /// TOML gives a meaning, is read or refused with messages: never a panic.
    #[test]
    fn any_damaged_config_is_an_answer_not_a_panic() {
        let mut answers = 0;
        for end in 0..=EXAMPLE.len() {
            let _ = Config::parse("c.toml", &EXAMPLE[..end]);
            answers += 1;
        }
        for at in 0..EXAMPLE.len() {
            for replacement in ["[", "]", "=", "\"", "'", "{", "}", ",", "#", "\n", "é", "*", "\\"] {
                let damaged = format!("{}{replacement}{}", &EXAMPLE[..at], &EXAMPLE[at + 1..]);
                match Config::parse("c.toml", &damaged) {
                    Ok(_) => answers += 1,
                    Err(errors) => {
                        assert!(!errors.is_empty() && errors.iter().all(|e| e.starts_with("c.toml:")), "{errors:?}");
                        answers += 1;
                    }
                }
            }
        }
        assert_eq!(answers, EXAMPLE.len() + 1 + EXAMPLE.len() * 13);
    }

    #[test]
    fn toml_that_does_not_parse_is_one_error() {
        let errors = Config::parse("c.toml", "[rules]\nignore = [\"a\"\n").unwrap_err();
        assert_eq!(errors.len(), 1);
        assert!(errors[0].starts_with("c.toml:2:"), "{errors:?}");
        assert!(errors[0].contains("not valid TOML"), "{errors:?}");
        let errors = Config::parse("c.toml", "rules = 3\nexclude = \"a\"\n").unwrap_err();
        assert_eq!(
            errors,
            [
                "c.toml:1:9: `rules` is a table: write `[rules]` and `ignore = [...]` below it",
                "c.toml:2:11: `exclude` is a list of strings, e.g. exclude = [\"fixtures/**\"]"
            ]
        );
    }
}
