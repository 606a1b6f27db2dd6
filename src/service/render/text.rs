//! Human output: `file:line:col: severity[code]: message`, the source line with the problem
//! underlined (secrets masked as `[REDACTED]`), then help and fix notes.

use super::FileResult;
use immuta_preflight_core::diagnostic::{Diagnostic, Severity, Span};
use immuta_preflight_core::position::LineIndex;
use immuta_preflight_core::secrets::REDACTED;

/// Longest source line shown whole; longer lines are cut to a window around the finding.
const MAX_FRAME_WIDTH: usize = 110;

struct Style {
    color: bool,
}

impl Style {
    fn paint(&self, code: &str, text: &str) -> String {
        if self.color { format!("\x1b[{code}m{text}\x1b[0m") } else { text.to_string() }
    }

    fn severity(&self, severity: Severity) -> &'static str {
        match severity {
            Severity::Error => "1;31",
            Severity::Warning => "1;33",
            Severity::Info => "1;36",
        }
    }
}

pub fn render(files: &[FileResult], color: bool) -> String {
    render_run(files, color, None)
}

/// As [`render`]; with `skipped`, the summary also counts the payloads checked and the files
/// skipped (when folders were walked).
pub fn render_run(files: &[FileResult], color: bool, skipped: Option<usize>) -> String {
    let style = Style { color };
    let mut out = String::new();
    let (mut errors, mut warnings, mut infos) = (0, 0, 0);
    for file in files {
        let index = LineIndex::new(file.source);
        for d in &file.report.diagnostics {
            match d.severity {
                Severity::Error => errors += 1,
                Severity::Warning => warnings += 1,
                Severity::Info => infos += 1,
            }
            diagnostic(&mut out, &style, file, &index, d);
        }
    }
    let summary = match skipped {
        None => summary(errors, warnings, infos, files.len()),
        Some(skipped) => format!(
            "{}: {} checked, {} skipped",
            found(errors, warnings, infos),
            plural(files.len(), "payload"),
            plural(skipped, "file")
        ),
    };
    out.push_str(&style.paint("1", &summary));
    out.push('\n');
    out
}

/// "2 errors, 1 warning in 1 file" (or "no problems in 1 file").
pub fn summary(errors: usize, warnings: usize, infos: usize, files: usize) -> String {
    format!("{} in {}", found(errors, warnings, infos), plural(files, "file"))
}

/// "2 errors, 1 warning" (or "no problems").
fn found(errors: usize, warnings: usize, infos: usize) -> String {
    let parts: Vec<String> = [(errors, "error"), (warnings, "warning"), (infos, "note")]
        .into_iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, word)| plural(n, word))
        .collect();
    if parts.is_empty() { "no problems".to_string() } else { parts.join(", ") }
}

fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

fn diagnostic(out: &mut String, style: &Style, file: &FileResult, index: &LineIndex, d: &Diagnostic) {
    let l = d.location;
    let severity = style.paint(style.severity(d.severity), &format!("{}[{}]", d.severity.as_str(), d.code));
    out.push_str(&format!("{}:{}:{}: {severity}: {}\n", file.path, l.line, l.column, style.paint("1", &d.message)));
    let gutter = " ".repeat(frame(out, style, file, index, d) + 1);
    if let Some(help) = &d.help {
        out.push_str(&format!("{gutter}{} help: {help}\n", style.paint("1;34", "=")));
    }
    if let Some(fix) = &d.fix {
        out.push_str(&format!("{gutter}{} fix available: {}\n", style.paint("1;34", "="), fix.message));
    }
    for r in &d.related {
        let place = format!("{}:{}:{}", r.path, r.location.line, r.location.column);
        out.push_str(&format!("{gutter}{} see also: {place}: {}\n", style.paint("1;34", "="), r.message));
    }
}

/// Prints the code frame; returns the width of its line-number gutter.
fn frame(out: &mut String, style: &Style, file: &FileResult, index: &LineIndex, d: &Diagnostic) -> usize {
    if file.source.is_empty() {
        return 1;
    }
    let line = index.line_of(d.span.start.min(file.source.len()));
    let line_span = index.line_span(line);
    let shown = near(file.source, line_span, d.span.start, &file.report.redactions);
    let (display, start_col, end_col) = masked_line(file.source, shown, &file.report.redactions, d.span);
    let cut = (shown.start > line_span.start, shown.end < line_span.end);
    let (display, start_col, end_col) = window(&display, start_col, end_col, cut);
    let number = (line + 1).to_string();
    let gutter = " ".repeat(number.len());
    let bar = style.paint("1;34", "|");
    let width = end_col.saturating_sub(start_col).max(1);
    let underline = format!("{}{}", " ".repeat(start_col), style.paint(style.severity(d.severity), &"^".repeat(width)));
    out.push_str(&format!(
        "{gutter} {bar}\n{} {bar} {display}\n{gutter} {bar} {underline}\n",
        style.paint("1;34", &number)
    ));
    number.len()
}

/// The part of `line` around `at` that a frame can show. A minified payload is one line of
/// megabytes, and each of up to a thousand frames must not walk all of it. A secret is shown as
/// `[REDACTED]` whatever its length, so the part never starts or ends inside one.
fn near(source: &str, line: Span, at: usize, redactions: &[Span]) -> Span {
    let inside = |offset: usize| redactions.iter().find(|r| r.start < offset && offset < r.end).copied();
    let mut at = at.clamp(line.start, line.end);
    if let Some(secret) = inside(at) {
        at = secret.start.max(line.start);
    }
    while !source.is_char_boundary(at) {
        at -= 1;
    }
    let back = |from: usize| {
        source[line.start..from].char_indices().rev().nth(MAX_FRAME_WIDTH).map_or(line.start, |(i, _)| line.start + i)
    };
    let ahead =
        |from: usize| source[from..line.end].char_indices().nth(MAX_FRAME_WIDTH).map_or(line.end, |(i, _)| from + i);
    let mut start = back(at);
    if let Some(secret) = inside(start) {
        start = back(secret.start.max(line.start));
    }
    let mut end = ahead(ahead(at));
    if let Some(secret) = inside(end) {
        end = ahead(secret.end.min(line.end));
    }
    Span::new(start, end)
}

/// The line's text for display with secret ranges replaced by `[REDACTED]`, and the display
/// columns of the part of `target` on this line.
fn masked_line(source: &str, line: Span, redactions: &[Span], target: Span) -> (String, usize, usize) {
    let mut display = String::new();
    let mut columns = 0;
    let (mut start_col, mut end_col) = (None, None);
    let redactions: Vec<Span> =
        redactions.iter().filter(|r| r.start < line.end && r.end > line.start).copied().collect();
    let target_end = target.end.min(line.end).max(target.start);
    let mut at = line.start;
    let mark = |offset: usize, columns: usize, start_col: &mut Option<usize>, end_col: &mut Option<usize>| {
        if offset == target.start && start_col.is_none() {
            *start_col = Some(columns);
        }
        if offset == target_end && end_col.is_none() && start_col.is_some() {
            *end_col = Some(columns);
        }
    };
    while at < line.end {
        mark(at, columns, &mut start_col, &mut end_col);
        if let Some(secret) = redactions.iter().find(|r| r.start <= at && at < r.end && r.start < r.end) {
            let stop = secret.end.min(line.end);
            let covers_start = target.start >= at && target.start < stop;
            if covers_start && start_col.is_none() {
                start_col = Some(columns);
            }
            display.push_str(REDACTED);
            columns += REDACTED.len();
            if target_end > at && target_end <= stop && end_col.is_none() && start_col.is_some() {
                end_col = Some(columns);
            }
            at = stop;
            continue;
        }
        let c = source[at..].chars().next().unwrap_or(' ');
        display.push(if c == '\t' { ' ' } else { c });
        columns += 1;
        at += c.len_utf8();
    }
    mark(at, columns, &mut start_col, &mut end_col);
    let start = start_col.unwrap_or(if target.start < line.start { 0 } else { columns });
    let end = end_col.unwrap_or(columns).max(start);
    (display, start, end)
}

/// Cuts a long line to a window around the underlined columns; `cut` says whether `display` is
/// already a part of its line, on the left and on the right.
fn window(display: &str, start: usize, end: usize, cut: (bool, bool)) -> (String, usize, usize) {
    let chars: Vec<char> = display.chars().collect();
    if chars.len() <= MAX_FRAME_WIDTH && cut == (false, false) {
        return (display.to_string(), start, end);
    }
    let from = start.saturating_sub(30).min(chars.len());
    let to = (from + MAX_FRAME_WIDTH).min(chars.len());
    let mut shown: String = chars[from..to].iter().collect();
    let mut offset = 0;
    if from > 0 || cut.0 {
        shown.insert(0, '…');
        offset = 1;
    }
    if to < chars.len() || cut.1 {
        shown.push('…');
    }
    let start = start - from + offset;
    let end = (end.min(to) - from + offset).max(start);
    (shown, start, end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_masked_and_underlines_follow() {
        let source = r#"  "password": "hunter22", "port": "443""#;
        let secret = Span::new(15, 23);
        assert_eq!(&source[secret.start..secret.end], "hunter22");
        let port = source.find("\"443\"").unwrap();
        let (display, start, end) =
            masked_line(source, Span::new(0, source.len()), &[secret], Span::new(port, port + 5));
        assert_eq!(display, r#"  "password": "[REDACTED]", "port": "443""#);
        assert_eq!(&display[start..end], "\"443\"");
        let (_, s, e) = masked_line(source, Span::new(0, source.len()), &[secret], Span::new(14, 24));
        assert_eq!((s, e), (14, 26));
    }

    #[test]
    fn long_lines_are_windowed() {
        let line = "x".repeat(500);
        let (shown, start, end) = window(&line, 300, 305, (false, false));
        assert!(shown.chars().count() <= MAX_FRAME_WIDTH + 2);
        assert_eq!(end - start, 5);
    }
}
