//! Checking a set of files together: each as `check` would, then the checks across files (the
//! same connection key twice, say), whose findings go to each file's report under that file's
//! rule options and inline ignore comments. The command line and the wasm door's `checkFiles`
//! both check sets this way.

use immuta_preflight_core::across::{self, Checked};
use immuta_preflight_core::{Format, Options, Report, check};
use std::borrow::BorrowMut;

/// One file of a set, checked.
#[derive(Debug, Clone)]
pub struct File {
    /// Its path, as the findings across files name it.
    pub name: String,
    /// The text the report's positions refer to.
    pub text: String,
    pub options: Options,
    pub report: Report,
}

impl File {
    /// Checks `text` on its own, its format also told by `name`'s extension.
    pub fn check(name: String, text: String, options: &Options) -> File {
        let options = Options { format: options.format.or(Format::from_path(&name)), ..options.clone() };
        let report = check(&text, &options);
        File { name, text, options, report }
    }
}

/// Checks `files` (each a name and a text) together, with the same options.
pub fn check_files(files: impl IntoIterator<Item = (String, String)>, options: &Options) -> Vec<File> {
    let mut checked: Vec<File> = files.into_iter().map(|(name, text)| File::check(name, text, options)).collect();
    add_findings_across(&mut checked);
    checked
}

/// Adds the findings of the checks across files to the files' reports. The files may be the
/// service's [`File`]s or a door's own, holding one.
pub fn add_findings_across<F: BorrowMut<File>>(files: &mut [F]) {
    if files.len() < 2 {
        return;
    }
    let found = {
        let together: Vec<Checked> = files
            .iter()
            .map(|f| {
                let f = f.borrow();
                Checked::new(&f.name, &f.text, &f.report)
            })
            .collect();
        across::check(&together)
    };
    for (index, finding) in found {
        let file = files[index].borrow_mut();
        across::add(&mut file.report, &file.text, &file.options.rules, finding);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use immuta_preflight_core::Code;

    const CONNECTION: &str = "connectionKey: shared  # immuta-preflight: ignore[duplicate-connection-key]\n\
        connection:\n  technology: Snowflake\n  hostname: acme.snowflakecomputing.com\n";

    fn duplicates(files: &[File]) -> usize {
        files.iter().flat_map(|f| &f.report.diagnostics).filter(|d| d.code == Code::DuplicateConnectionKey).count()
    }

    #[test]
    fn an_inline_ignore_comment_silences_a_finding_across_files() {
        let commented =
            [("a.yaml".to_string(), CONNECTION.to_string()), ("b.yaml".to_string(), CONNECTION.to_string())];
        assert_eq!(duplicates(&check_files(commented, &Options::default())), 0);
        let plain = CONNECTION.replace("  # immuta-preflight: ignore[duplicate-connection-key]", "");
        let uncommented = [("a.yaml".to_string(), plain.clone()), ("b.yaml".to_string(), plain)];
        assert_eq!(duplicates(&check_files(uncommented, &Options::default())), 1, "reported on the second file");
    }
}
