//! Snowflake object names. Unquoted identifiers: a letter or `_`, then letters, digits, `_` and `$`,
//! at most 255 characters, resolved in upper case; anything else needs double quotes, and a quoted
//! name is still at most 255 characters. Source: Snowflake's identifier syntax page [D]. Whether
//! Immuta quotes the names it is given is not documented [R].

use crate::document::Chars;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// Over 255 characters: no Snowflake name is that long.
    TooLong(usize),
    /// Typographic quotes around the name; Snowflake quotes with ASCII `"`.
    SmartQuotes,
    /// `DB.SCHEMA` in a field for one object.
    Qualified,
    /// A name that works only double-quoted: what it holds that needs the quotes.
    NeedsQuotes(&'static str),
}

pub fn check(name: &str) -> Option<Problem> {
    if name.len() <= 255 && unquoted(name) {
        return None;
    }
    let chars = name.chars().count();
    if chars > 255 {
        return Some(Problem::TooLong(chars));
    }
    if name.starts_with(['\u{201c}', '\u{2018}', '\u{201e}']) || name.ends_with(['\u{201d}', '\u{2019}']) {
        return Some(Problem::SmartQuotes);
    }
    if name.len() >= 2 && name.starts_with('"') && name.ends_with('"') {
        return None;
    }
    let mut parts = name.split('.');
    if name.contains('.') && parts.all(unquoted) {
        return Some(Problem::Qualified);
    }
    if unquoted(name) {
        return None;
    }
    let why = if name.starts_with(|c: char| c.is_ascii_digit()) {
        "starts with a digit"
    } else if name.contains('-') {
        "holds a hyphen"
    } else if name.contains(' ') {
        "holds a space"
    } else {
        "holds a character other than letters, digits, `_` and `$`"
    };
    Some(Problem::NeedsQuotes(why))
}

/// Whether Snowflake finds `name` unquoted, given the kinds of character it holds (the reader
/// gathered them for a payload's strings): a letter or `_`, then letters, digits, `_` and `$`.
pub fn unquoted_with(name: &str, chars: Chars) -> bool {
    chars.name_chars_only() && name.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
}

fn unquoted(name: &str) -> bool {
    unquoted_with(name, Chars::of(name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        for fine in ["IMMUTA_WH", "immuta_wh", "_ETL", "MY$ROLE", "ACCOUNTADMIN", "\"My Warehouse\""] {
            assert_eq!(check(fine), None, "{fine}");
        }
        assert_eq!(check("IMMUTA-WH"), Some(Problem::NeedsQuotes("holds a hyphen")));
        assert_eq!(check("1WH"), Some(Problem::NeedsQuotes("starts with a digit")));
        assert_eq!(check("My Warehouse"), Some(Problem::NeedsQuotes("holds a space")));
        assert_eq!(check("DB.SCHEMA"), Some(Problem::Qualified));
        assert_eq!(check("\u{201c}My WH\u{201d}"), Some(Problem::SmartQuotes));
        assert_eq!(check(&"A".repeat(256)), Some(Problem::TooLong(256)));
    }
}
