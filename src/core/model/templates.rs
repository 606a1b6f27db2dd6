//! Payload templates: files whose values a tool fills in before the request is sent, with
//! envsubst (`${VAR}`, `$VAR`) or Jinja (`{{ expr }}`, as Ansible and Helm write it). An unquoted
//! template where a value belongs is read as a template value (not a syntax error); a quoted one is
//! a string, which the value rules already leave alone (`placeholders::is_template`).

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Syntax {
    Envsubst,
    Jinja,
}

impl Syntax {
    pub fn name(self) -> &'static str {
        match self {
            Syntax::Envsubst => "envsubst `${VAR}`",
            Syntax::Jinja => "Jinja `{{ expr }}`",
        }
    }
}

/// The longest template read, so that looking for one costs the same whatever the text.
const MAX_LEN: usize = 512;

/// The template that `text` starts with, as its length in bytes and its syntax. A template is on
/// one line, at most 512 bytes: `${NAME…}`, `$NAME`, or `{{ expr }}` whose expression is not empty
/// and holds no brace and no `":` (so that `{{"a": 1}}`, a mistyped object, stays a syntax error).
pub fn template_at(text: &str) -> Option<(usize, Syntax)> {
    let mut window = text.len().min(MAX_LEN);
    while !text.is_char_boundary(window) {
        window -= 1;
    }
    let head = &text[..window];
    let line = &head[..head.find(['\n', '\r']).unwrap_or(head.len())];
    if let Some(rest) = line.strip_prefix("{{") {
        let close = rest.find("}}")?;
        let expression = &rest[..close];
        let plausible =
            !expression.trim().is_empty() && !expression.contains(['{', '}']) && !expression.contains("\":");
        return plausible.then_some((close + 4, Syntax::Jinja));
    }
    let rest = line.strip_prefix('$')?;
    let starts_name = |s: &str| s.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_');
    if let Some(inner) = rest.strip_prefix('{') {
        let close = inner.find('}')?;
        return starts_name(inner).then_some((close + 3, Syntax::Envsubst));
    }
    if !starts_name(rest) {
        return None;
    }
    let name = rest.bytes().take_while(|b| b.is_ascii_alphanumeric() || *b == b'_').count();
    Some((name + 1, Syntax::Envsubst))
}

/// The syntax of `text` when the whole of it (trimmed) is one template.
pub fn whole_template(text: &str) -> Option<Syntax> {
    let text = text.trim();
    template_at(text).filter(|(len, _)| *len == text.len()).map(|(_, syntax)| syntax)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_are_told_from_other_text() {
        assert_eq!(template_at("${SNOWFLAKE_PORT},"), Some((17, Syntax::Envsubst)));
        assert_eq!(template_at("$PORT }"), Some((5, Syntax::Envsubst)));
        assert_eq!(template_at("{{ port | int }}\n"), Some((16, Syntax::Jinja)));
        assert_eq!(template_at("{{\"a\": 1}}"), None);
        assert_eq!(template_at("{{ }}"), None);
        assert_eq!(template_at("{{ a\n}}"), None);
        assert_eq!(template_at("$1"), None);
        assert_eq!(template_at("${1}"), None);
        assert_eq!(whole_template(" ${HOST} "), Some(Syntax::Envsubst));
        assert_eq!(whole_template("${HOST}.snowflakecomputing.com"), None);
    }
}
