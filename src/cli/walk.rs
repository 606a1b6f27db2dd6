//! Walking a folder, over the host's file-system primitives (so the native and WASI binaries and
//! the npm `bin` walk alike): the files a repository keeps, as ripgrep's walker finds them, without
//! a regex engine in the wasm modules.
//!
//! - Hidden files and folders (a name starting with `.`) are skipped, and symbolic links.
//! - `.ignore` files are read everywhere; `.gitignore`, `.git/info/exclude` and the global
//!   excludes file (git's `core.excludesFile`, read from `$GIT_CONFIG_GLOBAL` or the user's git
//!   config, else `$XDG_CONFIG_HOME/git/ignore` or
//!   `~/.config/git/ignore`) only inside a repository.
//! - The folders above the walked one count too, up to the repository's root.
//! - A `.ignore` match, at any depth, wins over a `.gitignore` one, which wins over the excludes;
//!   among files of one kind, the deepest folder's decides (ripgrep's precedence).
//! - An ignored folder is not entered. Entries are visited in name order, depth first.

use super::gitignore::{Rules, Verdict};
use immuta_preflight_service::host::{EntryKind, Host, ReadError};

/// The files under `root` to check, each path starting with `root`.
pub fn files(host: &mut dyn Host, root: &str) -> Result<Vec<String>, ReadError> {
    let absolute = match host.current_dir() {
        Some(here) => normalize(&join(&here, root)),
        None => normalize(root),
    };
    let repository = ancestors(&absolute).find(|folder| host.exists(&join(folder, ".git")));
    let mut walker = Walker { repository, ignores: Vec::new(), gitignores: Vec::new(), excludes: Vec::new() };
    if let Some(repository) = walker.repository.clone() {
        for file in [Some(join(&repository, ".git/info/exclude")), global_excludes(host)].into_iter().flatten() {
            if let Some(text) = read_text(host, &file) {
                walker.excludes.push((repository.clone(), Rules::parse(&text)));
            }
        }
    }
    let above: Vec<String> = match &walker.repository {
        Some(repository) => ancestors(&absolute).skip(1).take_while(|a| inside(a, repository)).collect(),
        None => ancestors(&absolute).skip(1).collect(),
    };
    for folder in above.iter().rev() {
        walker.enter(host, folder);
    }
    let mut found = Vec::new();
    let shown = match root.trim_end_matches('/') {
        "" => root,
        trimmed => trimmed,
    };
    walker.visit(host, &absolute, shown, &mut found)?;
    Ok(found)
}

struct Walker {
    repository: Option<String>,
    /// The rules of each folder entered, outermost first.
    ignores: Vec<(String, Rules)>,
    gitignores: Vec<(String, Rules)>,
    excludes: Vec<(String, Rules)>,
}

impl Walker {
    /// Reads the folder's ignore files; returns how many of each it pushed.
    fn enter(&mut self, host: &mut dyn Host, folder: &str) -> (usize, usize) {
        let mut read = |name: &str, into: &mut Vec<(String, Rules)>| {
            let text = read_text(host, &join(folder, name));
            text.map(|text| into.push((folder.to_string(), Rules::parse(&text)))).is_some() as usize
        };
        let ignores = read(".ignore", &mut self.ignores);
        let gitignores = if self.repository.is_some() { read(".gitignore", &mut self.gitignores) } else { 0 };
        (ignores, gitignores)
    }

    fn visit(
        &mut self,
        host: &mut dyn Host,
        folder: &str,
        shown: &str,
        found: &mut Vec<String>,
    ) -> Result<(), ReadError> {
        let mut entries = host.list(folder).map_err(|error| match error {
            ReadError::Other(reason) => ReadError::Other(format!("{shown}: {reason}")),
            other => other,
        })?;
        entries.sort_by(|a, b| a.name.as_bytes().cmp(b.name.as_bytes()));
        let (ignores, gitignores) = self.enter(host, folder);
        let mut outcome = Ok(());
        for entry in entries {
            if entry.name.starts_with('.') || entry.kind == EntryKind::Other {
                continue;
            }
            let is_folder = entry.kind == EntryKind::Folder;
            let path = join(folder, &entry.name);
            if self.ignored(&path, is_folder) {
                continue;
            }
            let shown = join(shown, &entry.name);
            if is_folder {
                outcome = self.visit(host, &path, &shown, found);
                if outcome.is_err() {
                    break;
                }
            } else {
                found.push(shown);
            }
        }
        self.ignores.truncate(self.ignores.len() - ignores);
        self.gitignores.truncate(self.gitignores.len() - gitignores);
        outcome
    }

    fn ignored(&self, path: &str, is_folder: bool) -> bool {
        for rules in [&self.ignores, &self.gitignores, &self.excludes] {
            for (folder, rules) in rules.iter().rev() {
                let Some(relative) = relative_to(path, folder) else { continue };
                if let Some(verdict) = rules.verdict(&relative.replace('\\', "/"), is_folder) {
                    return verdict == Verdict::Ignore;
                }
            }
        }
        false
    }
}

fn read_text(host: &mut dyn Host, path: &str) -> Option<String> {
    host.read(path).ok().and_then(|bytes| String::from_utf8(bytes).ok())
}

/// Git's global excludes file: `core.excludesFile` in the user's git config, else the XDG one.
fn global_excludes(host: &mut dyn Host) -> Option<String> {
    let home = host.env("HOME");
    let config_home = host.env("XDG_CONFIG_HOME").or_else(|| home.as_ref().map(|h| join(h, ".config")));
    let configs = match host.env("GIT_CONFIG_GLOBAL") {
        Some(global) => [Some(global), None],
        None => [home.as_ref().map(|h| join(h, ".gitconfig")), config_home.as_ref().map(|c| join(c, "git/config"))],
    };
    for config in configs.into_iter().flatten() {
        if let Some(file) = read_text(host, &config).and_then(|text| core_excludes_file(&text)) {
            return Some(match (file.strip_prefix("~/"), &home) {
                (Some(rest), Some(home)) => join(home, rest),
                _ => file,
            });
        }
    }
    config_home.map(|c| join(&c, "git/ignore"))
}
/// `excludesfile = <path>` in a git config's `[core]` section (names are case-insensitive).
fn core_excludes_file(config: &str) -> Option<String> {
    let mut in_core = false;
    let mut found = None;
    for line in config.lines().map(str::trim) {
        if line.starts_with('[') {
            in_core = line.trim_start_matches('[').trim_end_matches(']').trim().eq_ignore_ascii_case("core");
        } else if in_core
            && let Some((key, value)) = line.split_once('=')
            && key.trim().eq_ignore_ascii_case("excludesfile")
        {
            found = Some(value.trim().trim_matches('"').to_string());
        }
    }
    found
}

/// `path` under `folder`, or `path` itself when it is absolute (`/…`, `C:\\…`).
fn join(folder: &str, path: &str) -> String {
    if is_absolute(path) || folder.is_empty() {
        path.to_string()
    } else if folder.ends_with(['/', '\\']) {
        format!("{folder}{path}")
    } else {
        format!("{folder}/{path}")
    }
}

fn is_absolute(path: &str) -> bool {
    path.starts_with(['/', '\\']) || path.as_bytes().get(1) == Some(&b':')
}

/// `path` with its `.` and `..` steps worked out by name.
fn normalize(path: &str) -> String {
    let root_end = if path.as_bytes().get(1) == Some(&b':') {
        3.min(path.len())
    } else {
        usize::from(path.starts_with(['/', '\\']))
    };
    let (root, rest) = path.split_at(root_end);
    let mut parts: Vec<&str> = Vec::new();
    for part in rest.split(['/', '\\']) {
        match part {
            "" | "." => {}
            ".." if parts.last().is_some_and(|p| *p != "..") => {
                parts.pop();
            }
            ".." if !root.is_empty() => {}
            part => parts.push(part),
        }
    }
    let joined = parts.join("/");
    match (root.is_empty(), joined.is_empty()) {
        (true, true) => ".".into(),
        (true, false) => joined,
        (false, _) => format!("{}{joined}", root.replace('\\', "/")),
    }
}

/// `path`, then each folder above it.
fn ancestors(path: &str) -> impl Iterator<Item = String> {
    let mut next = Some(path.to_string());
    std::iter::from_fn(move || {
        let current = next.take()?;
        let trimmed = current.trim_end_matches('/');
        next = match trimmed.rfind('/') {
            Some(cut) if cut == 0 || trimmed[..cut].ends_with(':') => Some(trimmed[..=cut].to_string()),
            Some(cut) => Some(trimmed[..cut].to_string()),
            // A relative path's last folder is the current one.
            None if !is_absolute(&current) && trimmed != "." => Some(".".to_string()),
            None => None,
        }
        .filter(|p| *p != current);
        Some(current)
    })
}

/// `path` relative to `folder` (`None` when it is not inside it).
fn relative_to<'p>(path: &'p str, folder: &str) -> Option<&'p str> {
    if folder == "." {
        return (!is_absolute(path)).then(|| path.strip_prefix("./").unwrap_or(path));
    }
    let rest = path.strip_prefix(folder.trim_end_matches('/'))?;
    rest.strip_prefix('/').or((rest.is_empty()).then_some(rest))
}

fn inside(path: &str, folder: &str) -> bool {
    relative_to(path, folder).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_worked_out_by_name() {
        assert_eq!(normalize("/a/b/./c/../d"), "/a/b/d");
        assert_eq!(normalize("/a/.."), "/");
        assert_eq!(normalize("C:\\a\\b\\..\\c"), "C:/a/c");
        assert_eq!(normalize("./x"), "x");
        assert_eq!(join("/a", "b"), "/a/b");
        assert_eq!(join("/a", "/b"), "/b");
        let all: Vec<String> = ancestors("/a/b").collect();
        assert_eq!(all, ["/a/b", "/a", "/"]);
        assert_eq!(relative_to("/a/b/c", "/a"), Some("b/c"));
        assert_eq!(relative_to("/ab", "/a"), None);
        assert_eq!(relative_to("/a/b", "/"), Some("a/b"));
        let relative: Vec<String> = ancestors("d/e").collect();
        assert_eq!(relative, ["d/e", "d", "."]);
        assert_eq!(relative_to("./x/y", "."), Some("x/y"));
    }
}
