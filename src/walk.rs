//! Walking a folder, for the binaries only (`src/main.rs`; the library does no I/O): the files a
//! repository keeps, as ripgrep's walker finds them, without a regex engine in the WASI module.
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

use immuta_preflight::cli::ReadError;
use immuta_preflight::cli::gitignore::{Rules, Verdict};
use std::path::{Path, PathBuf};

/// The files under `root` to check, each path starting with `root`.
pub fn files(root: &Path) -> Result<Vec<String>, ReadError> {
    // Under WASI the sandbox's folders are reached by the relative paths the runner opened.
    let absolute = match std::path::absolute(root) {
        Ok(absolute) if !cfg!(target_os = "wasi") => absolute,
        _ => root.to_path_buf(),
    };
    let repository = absolute.ancestors().find(|folder| folder.join(".git").exists()).map(Path::to_path_buf);
    let mut walker = Walker { repository, ignores: Vec::new(), gitignores: Vec::new(), excludes: Vec::new() };
    if let Some(repository) = walker.repository.clone() {
        for file in [Some(repository.join(".git/info/exclude")), global_excludes()].into_iter().flatten() {
            if let Ok(text) = std::fs::read_to_string(&file) {
                walker.excludes.push((repository.clone(), Rules::parse(&text)));
            }
        }
    }
    let above: Vec<&Path> = match &walker.repository {
        Some(repository) => absolute.ancestors().skip(1).take_while(|a| a.starts_with(repository)).collect(),
        None => absolute.ancestors().skip(1).collect(),
    };
    for folder in above.into_iter().rev() {
        walker.enter(folder);
    }
    let mut found = Vec::new();
    walker.visit(&absolute, root, &mut found)?;
    Ok(found)
}

struct Walker {
    repository: Option<PathBuf>,
    /// The rules of each folder entered, outermost first.
    ignores: Vec<(PathBuf, Rules)>,
    gitignores: Vec<(PathBuf, Rules)>,
    excludes: Vec<(PathBuf, Rules)>,
}

impl Walker {
    /// Reads the folder's ignore files; returns how many of each it pushed.
    fn enter(&mut self, folder: &Path) -> (usize, usize) {
        let read = |name: &str, into: &mut Vec<(PathBuf, Rules)>| {
            let text = std::fs::read_to_string(folder.join(name)).ok();
            text.map(|text| into.push((folder.to_path_buf(), Rules::parse(&text)))).is_some() as usize
        };
        let ignores = read(".ignore", &mut self.ignores);
        let gitignores = if self.repository.is_some() { read(".gitignore", &mut self.gitignores) } else { 0 };
        (ignores, gitignores)
    }

    fn visit(&mut self, folder: &Path, shown: &Path, found: &mut Vec<String>) -> Result<(), ReadError> {
        let entries = std::fs::read_dir(folder).map_err(|error| match error.kind() {
            std::io::ErrorKind::NotFound => ReadError::NotFound,
            std::io::ErrorKind::PermissionDenied => ReadError::PermissionDenied,
            _ => ReadError::Other(format!("{}: {error}", shown.display())),
        })?;
        let mut entries: Vec<_> = entries
            .map(|entry| entry.map_err(|error| ReadError::Other(format!("{}: {error}", shown.display()))))
            .collect::<Result<_, _>>()?;
        entries.sort_by_key(|entry| entry.file_name());
        let (ignores, gitignores) = self.enter(folder);
        let mut outcome = Ok(());
        for entry in entries {
            let name = entry.file_name();
            let Some(name) = name.to_str() else {
                let path = shown.join(&name);
                outcome = Err(ReadError::Other(format!("{} has a name that is not UTF-8", path.display())));
                break;
            };
            let Ok(kind) = entry.file_type() else { continue };
            if name.starts_with('.') || !(kind.is_dir() || kind.is_file()) {
                continue;
            }
            let path = folder.join(name);
            if self.ignored(&path, kind.is_dir()) {
                continue;
            }
            let shown = shown.join(name);
            if kind.is_dir() {
                outcome = self.visit(&path, &shown, found);
                if outcome.is_err() {
                    break;
                }
            } else if let Some(text) = shown.to_str() {
                found.push(text.to_string());
            }
        }
        self.ignores.truncate(self.ignores.len() - ignores);
        self.gitignores.truncate(self.gitignores.len() - gitignores);
        outcome
    }

    fn ignored(&self, path: &Path, is_folder: bool) -> bool {
        for rules in [&self.ignores, &self.gitignores, &self.excludes] {
            for (folder, rules) in rules.iter().rev() {
                let Some(relative) = path.strip_prefix(folder).ok().and_then(Path::to_str) else { continue };
                let relative = relative.replace('\\', "/");
                if let Some(verdict) = rules.verdict(&relative, is_folder) {
                    return verdict == Verdict::Ignore;
                }
            }
        }
        false
    }
}

/// Git's global excludes file: `core.excludesFile` in the user's git config, else the XDG one.
fn global_excludes() -> Option<PathBuf> {
    let home = std::env::var_os("HOME").map(PathBuf::from);
    let config_home =
        std::env::var_os("XDG_CONFIG_HOME").map(PathBuf::from).or_else(|| home.as_ref().map(|h| h.join(".config")));
    let configs = match std::env::var_os("GIT_CONFIG_GLOBAL") {
        Some(global) => [Some(PathBuf::from(global)), None],
        None => [home.as_ref().map(|h| h.join(".gitconfig")), config_home.as_ref().map(|c| c.join("git/config"))],
    };
    for config in configs.into_iter().flatten() {
        if let Some(file) = std::fs::read_to_string(config).ok().and_then(|text| core_excludes_file(&text)) {
            return Some(match (file.strip_prefix("~/"), &home) {
                (Some(rest), Some(home)) => home.join(rest),
                _ => PathBuf::from(file),
            });
        }
    }
    config_home.map(|c| c.join("git/ignore"))
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
