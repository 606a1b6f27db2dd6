//! The rules of one `.gitignore` (or `.ignore`, or `.git/info/exclude`) file, as git reads them
//! (gitignore(5)), matched without a regex engine. The command line's walk reads these
//! (`walk.rs`), in the native and WASI binaries and in the npm `bin` alike.
//!
//! - A blank line or one starting with `#` matches nothing; `\#` and `\!` start a literal `#`/`!`.
//! - Trailing spaces are dropped unless escaped (`\ `).
//! - `!` re-includes what an earlier line excluded; the last line that matches decides.
//! - A trailing `/` matches folders only.
//! - A pattern with a `/` at its start or middle is relative to the file's folder; any other
//!   matches a name at any depth. `*` and `?` never match `/`; `**` matches across folders.
//! - Braces are literal, as in git (unlike the config file's globs).

/// One file's rules.
#[derive(Debug, Default)]
pub struct Rules {
    lines: Vec<Rule>,
}

#[derive(Debug)]
struct Rule {
    /// A fast-glob pattern, relative to the file's folder.
    glob: String,
    negated: bool,
    folders_only: bool,
}

/// What the matching line said.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Ignore,
    /// A `!` line: kept, even if a less specific file ignores it.
    Keep,
}

impl Rules {
    pub fn parse(text: &str) -> Rules {
        Rules { lines: text.lines().filter_map(Rule::parse).collect() }
    }

    /// The verdict of the last line matching `relative` (`/`-separated, relative to the file's
    /// folder), or `None` when no line matches.
    pub fn verdict(&self, relative: &str, is_folder: bool) -> Option<Verdict> {
        self.lines
            .iter()
            .rev()
            .find(|rule| (is_folder || !rule.folders_only) && fast_glob::glob_match(&rule.glob, relative))
            .map(|rule| if rule.negated { Verdict::Keep } else { Verdict::Ignore })
    }
}

impl Rule {
    fn parse(line: &str) -> Option<Rule> {
        let line = line.strip_suffix('\r').unwrap_or(line);
        let line = trim_unescaped_trailing_spaces(line);
        if line.is_empty() || line.starts_with('#') {
            return None;
        }
        let (negated, line) = match line.strip_prefix('!') {
            Some(rest) => (true, rest),
            None => (false, line),
        };
        let (folders_only, line) = match line.strip_suffix('/') {
            Some(rest) => (true, rest),
            None => (false, line),
        };
        if line.is_empty() {
            return None;
        }
        let anchored = line.contains('/');
        let line = line.strip_prefix('/').unwrap_or(line);
        // Git has no brace alternation, and a leading `!` here is literal (fast-glob would
        // negate): escape both.
        let mut glob = String::with_capacity(line.len() + 4);
        if !anchored && !line.starts_with("**/") {
            glob.push_str("**/");
        }
        for (index, c) in line.char_indices() {
            if matches!(c, '{' | '}') || (c == '!' && index == 0) {
                glob.push('\\');
            }
            glob.push(c);
        }
        fast_glob::validate(&glob).ok()?;
        Some(Rule { glob, negated, folders_only })
    }
}

fn trim_unescaped_trailing_spaces(line: &str) -> &str {
    let mut end = line.len();
    while line[..end].ends_with(' ') {
        let before = &line[..end - 1];
        if before.ends_with('\\') && !before.ends_with("\\\\") {
            break;
        }
        end -= 1;
    }
    &line[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ignored(rules: &str, path: &str, is_folder: bool) -> bool {
        Rules::parse(rules).verdict(path, is_folder) == Some(Verdict::Ignore)
    }

    #[test]
    fn names_match_at_any_depth_and_slashes_anchor() {
        assert!(ignored("scratch.json", "scratch.json", false));
        assert!(ignored("scratch.json", "a/b/scratch.json", false));
        assert!(ignored("*.tmp", "a/x.tmp", false));
        assert!(!ignored("*.tmp", "a/x.tmp.json", false));
        assert!(ignored("/top.json", "top.json", false));
        assert!(!ignored("/top.json", "a/top.json", false));
        assert!(ignored("a/b.json", "a/b.json", false));
        assert!(!ignored("a/b.json", "x/a/b.json", false));
        assert!(ignored("a/*.json", "a/b.json", false));
        assert!(!ignored("a/*.json", "a/c/b.json", false));
        assert!(ignored("a/**/b.json", "a/b.json", false));
        assert!(ignored("a/**/b.json", "a/x/y/b.json", false));
        assert!(ignored("**/gen", "x/gen", true));
        assert!(ignored("a/**", "a/x/y", false));
        assert!(ignored("fil?.json", "file.json", false));
        assert!(ignored("[a-c].json", "b.json", false));
        assert!(!ignored("[!a-c].json", "b.json", false));
    }

    #[test]
    fn folder_patterns_negation_and_the_last_line_deciding() {
        assert!(ignored("generated/", "generated", true));
        assert!(!ignored("generated/", "generated", false));
        assert!(ignored("generated/", "x/generated", true));
        let rules = Rules::parse("*.json\n!keep.json\n");
        assert_eq!(rules.verdict("a.json", false), Some(Verdict::Ignore));
        assert_eq!(rules.verdict("keep.json", false), Some(Verdict::Keep));
        assert_eq!(rules.verdict("a.yaml", false), None);
        let rules = Rules::parse("!keep.json\n*.json\n");
        assert_eq!(rules.verdict("keep.json", false), Some(Verdict::Ignore));
    }

    #[test]
    fn comments_blanks_escapes_spaces_and_braces_as_git_reads_them() {
        assert_eq!(Rules::parse("# a comment\n\n   \n").lines.len(), 0);
        assert!(ignored("\\#hash.json", "#hash.json", false));
        assert!(ignored("\\!bang.json", "!bang.json", false));
        assert!(ignored("trailing.json   ", "trailing.json", false));
        assert!(ignored("space\\ ", "space ", false));
        assert!(ignored("{a,b}.json", "{a,b}.json", false));
        assert!(!ignored("{a,b}.json", "a.json", false));
        assert!(ignored("crlf.json\r\n", "crlf.json", false));
        assert!(ignored("a\\*.json", "a*.json", false));
        assert!(!ignored("a\\*.json", "ab.json", false));
        // A line fast-glob cannot read matches nothing, as git skips it.
        assert!(!ignored("a/[b", "a/[b", false));
    }
}
