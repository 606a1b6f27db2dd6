//! GitHub Actions workflow commands: `::error file=…,line=…,col=…::message`.

use super::FileResult;
use immuta_preflight_core::diagnostic::Severity;

pub fn render(files: &[FileResult]) -> String {
    let mut out = String::new();
    for file in files {
        for d in &file.report.diagnostics {
            let command = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "notice",
            };
            let l = d.location;
            let mut message = d.message.clone();
            if let Some(help) = &d.help {
                message.push_str("\nhelp: ");
                message.push_str(help);
            }
            for r in &d.related {
                message.push_str(&format!(
                    "\nsee also: {}:{}:{}: {}",
                    r.path, r.location.line, r.location.column, r.message
                ));
            }
            out.push_str(&format!(
                "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}\n",
                property(file.path),
                l.line,
                l.column,
                l.end_line,
                l.end_column,
                property(&format!("immuta-preflight ({})", d.code)),
                data(&message)
            ));
        }
    }
    out
}

/// Escaping of a command's message, per the Actions toolkit.
fn data(text: &str) -> String {
    text.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escaping of a command's property value, per the Actions toolkit.
fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}
