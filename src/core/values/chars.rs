//! Characters that do not belong in a value: whitespace at either end, line breaks and tabs,
//! invisible format characters (zero-width spaces, bidi controls, the BOM), spaces other than
//! U+0020, and look-alikes of ASCII punctuation. Sources: RFC 8259 §7 (control characters),
//! Unicode DerivedCoreProperties `Default_Ignorable_Code_Point` and UTS #39 confusables [D];
//! CVE-2021-42574 (bidi controls) [D]; where each comes from is value-forms.md §9.

use crate::document::Chars;

/// What kind of unwanted character one is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    /// CR, LF, NEL, U+2028, U+2029.
    LineBreak,
    Tab,
    /// U+0020 (only unwanted at either end, or anywhere in a strict form).
    Space,
    /// A space other than U+0020: NBSP, narrow NBSP, ideographic space…
    OtherSpace,
    /// A default-ignorable format character: zero-width space, joiner, BOM, soft hyphen, bidi.
    Invisible,
    /// Another control character (U+0000–U+001F, U+007F–U+009F).
    Control,
    /// A look-alike of ASCII punctuation, with the ASCII character it stands for.
    LookAlike(char),
}

/// One unwanted character of a value: its byte offset in the decoded value and what it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    pub at: usize,
    pub ch: char,
    pub class: Class,
    /// Its position counted in characters from 1, for messages.
    pub position: usize,
}

pub fn class(ch: char) -> Option<Class> {
    Some(match ch {
        '\n' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}' => Class::LineBreak,
        '\t' => Class::Tab,
        ' ' => Class::Space,
        '\u{a0}' | '\u{1680}' | '\u{2000}'..='\u{200a}' | '\u{202f}' | '\u{205f}' | '\u{3000}' => Class::OtherSpace,
        '\u{ad}'
        | '\u{34f}'
        | '\u{61c}'
        | '\u{115f}'
        | '\u{1160}'
        | '\u{17b4}'
        | '\u{17b5}'
        | '\u{180b}'..='\u{180f}'
        | '\u{200b}'..='\u{200f}'
        | '\u{202a}'..='\u{202e}'
        | '\u{2060}'..='\u{206f}'
        | '\u{3164}'
        | '\u{fe00}'..='\u{fe0f}'
        | '\u{feff}'
        | '\u{ffa0}'
        | '\u{1bca0}'..='\u{1bca3}'
        | '\u{e0000}'..='\u{e0fff}' => Class::Invisible,
        '\0'..='\u{1f}' | '\u{7f}'..='\u{9f}' => Class::Control,
        _ => return look_alike(ch).map(Class::LookAlike),
    })
}

/// The ASCII character a look-alike stands for: typographic dashes and minus, full-width forms,
/// CJK full stops, division and fraction slashes (UTS #39, UTS #46).
pub fn look_alike(ch: char) -> Option<char> {
    Some(match ch {
        '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{fe58}' | '\u{fe63}' => '-',
        '\u{3002}' | '\u{ff61}' | '\u{2024}' => '.',
        '\u{2215}' | '\u{2044}' => '/',
        '\u{ff01}'..='\u{ff5e}' => char::from_u32(ch as u32 - 0xfee0)?,
        _ => return None,
    })
}

/// At most this many unwanted characters are listed for one value; a value with more gets no
/// fix (the edits would outweigh the text) and its finding says so.
pub const MAX_FOUND: usize = 1000;

/// The unwanted characters of `text`, at most [`MAX_FOUND`] + 1 of them. A space inside a
/// free-text value is fine, and so is a look-alike (a display name may hold an en dash); `strict`
/// (a form with an ASCII grammar) reports both, and `ascii` reports look-alikes.
pub fn scan(text: &str, strict: bool, ascii: bool) -> Vec<Found> {
    let mut found = Vec::new();
    for_each_unwanted(text, strict, ascii, |f| {
        found.push(f);
        found.len() <= MAX_FOUND
    });
    found
}

/// The text without the characters [`scan`] would report (however many): look-alikes become
/// their ASCII character.
pub fn clean(text: &str, strict: bool, ascii: bool) -> String {
    let mut out = String::with_capacity(text.len());
    let mut from = 0;
    for_each_unwanted(text, strict, ascii, |f| {
        out.push_str(&text[from..f.at]);
        if let Class::LookAlike(c) = f.class {
            out.push(c);
        }
        from = f.at + f.ch.len_utf8();
        true
    });
    out.push_str(&text[from..]);
    out
}

/// Calls `visit` with each unwanted character in text order, while it returns true.
fn for_each_unwanted(text: &str, strict: bool, ascii: bool, mut visit: impl FnMut(Found) -> bool) {
    // Most values are plain printable ASCII: nothing to find, and no character to decode.
    if Chars::of(text).printable_ascii() {
        return;
    }
    let (lead, trail) = blank_edges(text);
    for (index, (at, ch)) in text.char_indices().enumerate() {
        if ('!'..='~').contains(&ch) {
            continue;
        }
        let Some(class) = class(ch) else { continue };
        let wanted = match class {
            Class::Space => strict || at < lead || at >= trail,
            Class::LookAlike(_) => ascii,
            _ => true,
        };
        if wanted && !visit(Found { at, ch, class, position: index + 1 }) {
            return;
        }
    }
}

/// Where the run of blanks (whitespace and invisible characters) at the start of `text` ends, and
/// where the one at its end starts.
pub fn blank_edges(text: &str) -> (usize, usize) {
    let blank = |c: char| c.is_whitespace() || class(c) == Some(Class::Invisible);
    let lead = text.char_indices().find(|(_, c)| !blank(*c)).map_or(text.len(), |(at, _)| at);
    let trail = text.char_indices().rev().find(|(_, c)| !blank(*c)).map_or(lead, |(at, c)| at + c.len_utf8());
    (lead, trail.max(lead))
}

/// The name of a character for a message: `U+200B ZERO WIDTH SPACE`.
pub fn describe(ch: char) -> String {
    let name = match ch {
        '\n' => "LINE FEED (a line break)",
        '\r' => "CARRIAGE RETURN (a line break)",
        '\t' => "CHARACTER TABULATION (a tab)",
        ' ' => "SPACE",
        '\u{85}' => "NEXT LINE",
        '\u{a0}' => "NO-BREAK SPACE",
        '\u{ad}' => "SOFT HYPHEN",
        '\u{200b}' => "ZERO WIDTH SPACE",
        '\u{200c}' => "ZERO WIDTH NON-JOINER",
        '\u{200d}' => "ZERO WIDTH JOINER",
        '\u{200e}' => "LEFT-TO-RIGHT MARK",
        '\u{200f}' => "RIGHT-TO-LEFT MARK",
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => "bidirectional control",
        '\u{202f}' => "NARROW NO-BREAK SPACE",
        '\u{2028}' => "LINE SEPARATOR",
        '\u{2029}' => "PARAGRAPH SEPARATOR",
        '\u{2060}' => "WORD JOINER",
        '\u{3000}' => "IDEOGRAPHIC SPACE",
        '\u{feff}' => "ZERO WIDTH NO-BREAK SPACE (a byte-order mark)",
        '\u{2010}' => "HYPHEN",
        '\u{2011}' => "NON-BREAKING HYPHEN",
        '\u{2012}' => "FIGURE DASH",
        '\u{2013}' => "EN DASH",
        '\u{2014}' => "EM DASH",
        '\u{2015}' => "HORIZONTAL BAR",
        '\u{2212}' => "MINUS SIGN",
        '\u{3002}' => "IDEOGRAPHIC FULL STOP",
        '\u{ff0e}' => "FULLWIDTH FULL STOP",
        '\u{ff61}' => "HALFWIDTH IDEOGRAPHIC FULL STOP",
        '\u{2215}' => "DIVISION SLASH",
        '\u{2044}' => "FRACTION SLASH",
        '\u{ff01}'..='\u{ff5e}' => "a full-width form",
        '\u{2000}'..='\u{200a}' => "a typographic space",
        _ => "",
    };
    let code = format!("U+{:04X}", ch as u32);
    if name.is_empty() { code } else { format!("{code} {name}") }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn classes(text: &str, strict: bool) -> Vec<(usize, Class)> {
        scan(text, strict, strict).iter().map(|f| (f.position, f.class)).collect()
    }

    #[test]
    fn free_text_keeps_inner_spaces_and_look_alikes() {
        assert!(classes("a password with spaces – and a dash", false).is_empty());
        assert_eq!(classes("dapi0123\n", false), [(9, Class::LineBreak)]);
        assert_eq!(classes(" COMPUTE_WH  ", false), [(1, Class::Space), (12, Class::Space), (13, Class::Space)]);
        assert_eq!(classes("tab\there", false), [(4, Class::Tab)]);
        assert_eq!(classes("\u{200e}84E0", false), [(1, Class::Invisible)]);
        assert_eq!(classes("pass\u{a0}word", false), [(5, Class::OtherSpace)]);
    }

    #[test]
    fn strict_forms_report_every_space_and_look_alike() {
        let host = "acme\u{2011}test .snowflakecomputing\u{3002}com";
        assert_eq!(classes(host, true), [(5, Class::LookAlike('-')), (10, Class::Space), (30, Class::LookAlike('.'))]);
        assert_eq!(clean(host, true, true), "acme-test.snowflakecomputing.com");
        assert_eq!(clean("us\u{2010}east\u{2010}1", true, true), "us-east-1");
        let many = format!("a{}b", "\u{a0}".repeat(MAX_FOUND * 2));
        assert_eq!(scan(&many, true, true).len(), MAX_FOUND + 1);
        assert_eq!(clean(&many, true, true), "ab");
    }

    #[test]
    fn characters_are_named() {
        assert_eq!(describe('\u{200b}'), "U+200B ZERO WIDTH SPACE");
        assert_eq!(describe('\u{2011}'), "U+2011 NON-BREAKING HYPHEN");
        assert_eq!(describe('\u{1f600}'), "U+1F600");
    }
}
