//! A file's bytes to text. Editors on Windows still save UTF-16 now and then, and a payload pasted
//! through a Latin-1 tool carries bytes that are not UTF-8; both are reported as `syntax` errors
//! and the rest of the text is checked anyway, so one bad byte does not hide every other problem.

use super::{Problem, has_room};
use crate::diagnostic::Span;

const REPLACEMENT: char = char::REPLACEMENT_CHARACTER;

/// The text (bad bytes as U+FFFD) and the findings about its encoding, whose spans refer to it.
pub fn decode(bytes: &[u8]) -> (String, Vec<Problem>) {
    if let Some(big_endian) = utf16_order(bytes) {
        return utf16(&bytes[2..], big_endian);
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return (text.to_string(), Vec::new());
    }
    let mut text = String::with_capacity(bytes.len() + 16);
    let mut findings = Vec::new();
    for chunk in bytes.utf8_chunks() {
        text.push_str(chunk.valid());
        let invalid = chunk.invalid();
        if invalid.is_empty() {
            continue;
        }
        let at = text.len();
        text.push(REPLACEMENT);
        if has_room(&findings) {
            let what = if invalid.len() == 1 {
                "this byte is".to_string()
            } else {
                format!("these {} bytes are", invalid.len())
            };
            findings.push(not_text(
                Span::new(at, at + REPLACEMENT.len_utf8()),
                format!("{what} not UTF-8 text (shown as �)"),
                "save the file as UTF-8; it may have been saved as Latin-1 or Windows-1252",
            ));
        }
    }
    (text, findings)
}

/// `Some(true)` for a big-endian UTF-16 byte-order mark, `Some(false)` for little-endian.
fn utf16_order(bytes: &[u8]) -> Option<bool> {
    match bytes {
        [0xFE, 0xFF, ..] => Some(true),
        [0xFF, 0xFE, ..] => Some(false),
        _ => None,
    }
}

fn utf16(bytes: &[u8], big_endian: bool) -> (String, Vec<Problem>) {
    let units: Vec<u16> = bytes
        .chunks(2)
        .map(|pair| match pair {
            [a, b] if big_endian => u16::from_be_bytes([*a, *b]),
            [a, b] => u16::from_le_bytes([*a, *b]),
            _ => REPLACEMENT as u16,
        })
        .collect();
    let text = String::from_utf16_lossy(&units);
    let finding = not_text(
        Span::empty(0),
        "the file is UTF-16 text; Immuta reads request bodies as UTF-8".into(),
        "save the file as UTF-8 (in most editors: Save with Encoding → UTF-8)",
    );
    (text, vec![finding])
}

/// `text` in the encoding of `original` (the bytes it was decoded from), for writing a fixed file
/// back: UTF-8 stays UTF-8, UTF-16 keeps its byte order and mark. `None` when `original` would not
/// come back byte for byte (bytes that are not UTF-8, a broken UTF-16 pair), so that writing
/// would lose what was there.
pub fn encode_like(original: &[u8], text: &str) -> Option<Vec<u8>> {
    let encode = |text: &str| -> Vec<u8> {
        match utf16_order(original) {
            Some(big_endian) => {
                let mark: [u8; 2] = if big_endian { [0xFE, 0xFF] } else { [0xFF, 0xFE] };
                let units = text.encode_utf16();
                let mut bytes = mark.to_vec();
                if big_endian {
                    bytes.extend(units.flat_map(u16::to_be_bytes));
                } else {
                    bytes.extend(units.flat_map(u16::to_le_bytes));
                }
                bytes
            }
            None => text.as_bytes().to_vec(),
        }
    };
    (encode(&decode(original).0) == original).then(|| encode(text))
}

fn not_text(span: Span, message: String, help: &str) -> Problem {
    Problem::Syntax { pointer: String::new(), span, message, help: help.into(), fix: None, minor: false }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_passes_through_and_bad_bytes_are_marked() {
        assert_eq!(decode("{\"a\": \"é\"}".as_bytes()), ("{\"a\": \"é\"}".to_string(), Vec::new()));
        let (text, findings) = decode(b"{\"a\": \"caf\xe9\", \"b\": \"\xc3\x28\"}");
        assert_eq!(text, "{\"a\": \"caf\u{fffd}\", \"b\": \"\u{fffd}(\"}");
        assert_eq!(findings.len(), 2);
        let span = findings[0].span();
        assert_eq!(&text[span.start..span.end], "\u{fffd}");
        assert!(
            matches!(&findings[0], Problem::Syntax { message, .. } if message.starts_with("this byte is not UTF-8"))
        );
    }

    #[test]
    fn utf16_is_decoded_from_either_byte_order() {
        let le: Vec<u8> =
            [0xFF, 0xFE].into_iter().chain("{\"a\":1}".encode_utf16().flat_map(u16::to_le_bytes)).collect();
        let be: Vec<u8> =
            [0xFE, 0xFF].into_iter().chain("{\"a\":1}".encode_utf16().flat_map(u16::to_be_bytes)).collect();
        for bytes in [le, be] {
            let (text, findings) = decode(&bytes);
            assert_eq!(text, "{\"a\":1}");
            assert!(matches!(&findings[0], Problem::Syntax { message, .. } if message.contains("UTF-16")));
        }
        assert_eq!(decode(&[0xFF, 0xFE, 0x41]).0, "\u{fffd}");
    }

    #[test]
    fn text_is_encoded_back_as_it_came_or_not_at_all() {
        let le: Vec<u8> = [0xFF, 0xFE].into_iter().chain("{}".encode_utf16().flat_map(u16::to_le_bytes)).collect();
        let fixed = encode_like(&le, "{ }").unwrap();
        assert_eq!(decode(&fixed).0, "{ }");
        assert_eq!(&fixed[..2], [0xFF, 0xFE]);
        assert_eq!(encode_like("\u{feff}{}".as_bytes(), "\u{feff}{ }").unwrap(), "\u{feff}{ }".as_bytes());
        assert_eq!(encode_like(b"{\"a\": \"caf\xe9\"}", "x"), None, "a Latin-1 byte would be lost");
        assert_eq!(encode_like(&[0xFF, 0xFE, 0x41], "x"), None);
    }

    #[test]
    fn bad_bytes_past_the_limit_are_replaced_but_not_listed() {
        let bytes = vec![0xFF; crate::model::limits::MAX_FINDINGS + 10];
        let (text, findings) = decode(&bytes);
        assert_eq!(text.chars().count(), crate::model::limits::MAX_FINDINGS + 10);
        assert_eq!(findings.len(), crate::model::limits::MAX_FINDINGS);
    }
}
