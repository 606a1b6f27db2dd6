//! Renderers: text (with code frames), JSON, SARIF 2.1.0 and GitHub workflow annotations. Each
//! consumes the same [`FileResult`]s; none of them ever prints a secret.

pub mod github;
pub mod json;
pub mod sarif;
pub mod text;

use immuta_preflight_core::Report;
use serde::{Deserialize, Serialize};

/// One checked file: its name, its text (for code frames and positions) and its report.
pub struct FileResult<'a> {
    pub path: &'a str,
    pub source: &'a str,
    pub report: &'a Report,
}

/// The output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum OutputFormat {
    Text,
    Json,
    Sarif,
    Github,
}

impl OutputFormat {
    pub const ALL: [OutputFormat; 4] =
        [OutputFormat::Text, OutputFormat::Json, OutputFormat::Sarif, OutputFormat::Github];

    pub fn from_id(id: &str) -> Option<OutputFormat> {
        match id {
            "text" => Some(OutputFormat::Text),
            "json" => Some(OutputFormat::Json),
            "sarif" => Some(OutputFormat::Sarif),
            "github" => Some(OutputFormat::Github),
            _ => None,
        }
    }
}

/// Renders every file in `format`; `color` applies to text only.
pub fn render(format: OutputFormat, files: &[FileResult], color: bool) -> String {
    render_run(format, files, color, None)
}

/// As [`render`]; with `skipped` (folders were walked), the text summary also says how many
/// payloads were checked and how many files skipped.
pub fn render_run(format: OutputFormat, files: &[FileResult], color: bool, skipped: Option<usize>) -> String {
    match format {
        OutputFormat::Text => text::render_run(files, color, skipped),
        OutputFormat::Json => json::render(files),
        OutputFormat::Sarif => sarif::render(files),
        OutputFormat::Github => github::render(files),
    }
}
