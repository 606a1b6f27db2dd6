//! Completion at a cursor, for the language server and the page alike: the member names the
//! schema variant in force allows in the object at the cursor (those not yet present), or the
//! values its schema names for the member whose value is being written, quoted as the format
//! wants. The text is usually half-typed, so the cursor's place is found by a scan of the text
//! before it (JSON: the open objects and arrays and the keys that lead to them; YAML: the
//! indentation of the lines above), not by the parser; the variant comes from what the parser
//! makes of the whole text.

use immuta_preflight_core::document::{Arena, Value as NodeValue};
use immuta_preflight_core::input::{self, Format};
use immuta_preflight_core::kind::{self, Kind};
use immuta_preflight_core::schemas::{self, Field};
use serde::Serialize;
use serde_json::Value;

/// One suggestion: `insert` replaces the text from `from` to the cursor.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Completion {
    pub label: String,
    pub insert: String,
    /// `member` or `value`.
    pub kind: &'static str,
    pub detail: Option<String>,
    /// Byte offsets of the text `insert` replaces: the typed prefix with its opening quote, up to
    /// the cursor or past a closing quote right after it (an editor's auto-closed quote).
    pub from: usize,
    pub to: usize,
}

/// Where the cursor is.
#[derive(Debug, PartialEq)]
struct Place {
    /// Reference tokens of the object the cursor is in (for a value: the object holding it).
    path: Vec<String>,
    /// `None`: a member name is being written; `Some(key)`: the value of `key`.
    value_of: Option<String>,
    /// What is typed of the name or value so far, and where it starts.
    prefix: String,
    from: usize,
    /// Keys already in the object, as far as the scan saw them.
    present: Vec<String>,
}

/// The completions at byte `offset` of `text`.
pub fn complete(text: &str, offset: usize, kind: Option<Kind>, format: Option<Format>) -> Vec<Completion> {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let arena = Arena::new();
    let parsed = input::parse(text, format, &arena);
    let format = parsed.format.or(format).unwrap_or(Format::Json);
    let place = match format {
        Format::Yaml => yaml_place(text, offset),
        _ => json_place(text, offset),
    };
    let Some(mut place) = place else { return Vec::new() };
    let quoted = format != Format::Yaml;
    let to =
        if quoted && place.prefix.starts_with('"') && text[offset..].starts_with('"') { offset + 1 } else { offset };
    let is_object = |p: &input::Parsed<'_>| p.root.as_ref().is_some_and(|r| matches!(r.value, NodeValue::Object(_)));
    // Half a name or value usually leaves the text unreadable: without it, it often reads.
    let without_prefix;
    let parsed = if is_object(&parsed) && !parsed.fatal {
        parsed
    } else {
        without_prefix = format!("{}{}", &text[..place.from], &text[to..]);
        input::parse(&without_prefix, Some(format), &arena)
    };
    let Some(root) = parsed.root.as_ref().filter(|r| matches!(r.value, NodeValue::Object(_))) else {
        return Vec::new();
    };
    let Some(kind) = kind.or_else(|| kind::kind_from_shape(root)) else { return Vec::new() };
    let variant = kind::select_variant(kind, root).def;
    if let Some(NodeValue::Object(members)) = root.pointer(&pointer_of(&place.path)).map(|n| &n.value) {
        place.present.extend(members.iter().map(|m| m.key.to_string()));
    }
    let fields = schemas::fields_at(&variant, &place.path);
    let quoted = format != Format::Yaml;
    let to =
        if quoted && place.prefix.starts_with('"') && text[offset..].starts_with('"') { offset + 1 } else { offset };
    let mut found = match &place.value_of {
        None => members(&fields, &place, quoted),
        Some(key) => values(&fields, key, &place, quoted),
    };
    for completion in &mut found {
        completion.to = to;
    }
    found
}

/// What the schema variant in force says of a field: for the hover on a member's name or value.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FieldInfo {
    pub pointer: String,
    pub name: String,
    pub description: Option<String>,
    pub values: Vec<Value>,
    /// The member's name and value in the text.
    pub from: usize,
    pub to: usize,
}

/// The field whose name or (scalar) value is at byte `offset`, if the variant in force declares it.
pub fn describe(text: &str, offset: usize, kind: Option<Kind>, format: Option<Format>) -> Option<FieldInfo> {
    let arena = Arena::new();
    let parsed = input::parse(text, format, &arena);
    let root = parsed.root.as_ref().filter(|r| matches!(r.value, NodeValue::Object(_)))?;
    let kind = kind.or_else(|| kind::kind_from_shape(root))?;
    let variant = kind::select_variant(kind, root).def;
    let mut path = Vec::new();
    let mut node = root;
    loop {
        match &node.value {
            NodeValue::Object(members) => {
                let member = members.iter().find(|m| {
                    let end = m.value.span.end.max(m.key_span.end);
                    m.key_span.start <= offset && offset <= end
                })?;
                let on_name = member.key_span.start <= offset && offset <= member.key_span.end;
                let scalar = !matches!(member.value.value, NodeValue::Object(_) | NodeValue::Array(_));
                if on_name || scalar {
                    let field = schemas::fields_at(&variant, &path).into_iter().find(|f| f.name == member.key)?;
                    path.push(member.key.to_string());
                    return Some(FieldInfo {
                        pointer: pointer_of(&path),
                        name: field.name,
                        description: field.description,
                        values: field.values,
                        from: member.key_span.start,
                        to: member.value.span.end,
                    });
                }
                path.push(member.key.to_string());
                node = &member.value;
            }
            NodeValue::Array(items) => {
                let index = items.iter().position(|i| i.span.start <= offset && offset <= i.span.end)?;
                path.push(index.to_string());
                node = &items[index];
            }
            _ => return None,
        }
    }
}

/// The JSON pointer of reference tokens `path`.
fn pointer_of(path: &[String]) -> String {
    let mut pointer = String::new();
    for token in path {
        immuta_preflight_core::document::push_token(&mut pointer, token);
    }
    pointer
}

fn members(fields: &[Field], place: &Place, quoted: bool) -> Vec<Completion> {
    let prefix = place.prefix.trim_start_matches('"');
    fields
        .iter()
        // A member written already is left out, unless it is the very name being typed.
        .filter(|f| f.name.starts_with(prefix) && (f.name == prefix || !place.present.contains(&f.name)))
        .map(|f| Completion {
            label: f.name.clone(),
            insert: if quoted { format!("\"{}\": ", f.name) } else { format!("{}: ", f.name) },
            kind: "member",
            detail: f.description.clone(),
            from: place.from,
            to: place.from,
        })
        .collect()
}

fn values(fields: &[Field], key: &str, place: &Place, quoted: bool) -> Vec<Completion> {
    let Some(field) = fields.iter().find(|f| f.name == key) else { return Vec::new() };
    let prefix = place.prefix.trim_start_matches('"');
    field
        .values
        .iter()
        .filter_map(|value| {
            let (label, insert) = match value {
                Value::String(s) if quoted => (s.to_string(), serde_json::to_string(s).ok()?),
                Value::String(s) => (s.to_string(), yaml_scalar(s)),
                other => (other.to_string(), other.to_string()),
            };
            label.starts_with(prefix).then(|| Completion {
                label,
                insert,
                kind: "value",
                detail: field.description.clone(),
                from: place.from,
                to: place.from,
            })
        })
        .collect()
}

/// A YAML scalar for `s`: plain when YAML would read it back as the same string, else quoted.
fn yaml_scalar(s: &str) -> String {
    let plain = !s.is_empty()
        && s.chars().all(|c| c.is_ascii_alphanumeric() || "-_./".contains(c))
        && !matches!(s, "true" | "false" | "null" | "yes" | "no" | "on" | "off" | "~")
        && s.parse::<f64>().is_err();
    if plain { s.to_string() } else { serde_json::to_string(s).unwrap_or_default() }
}

struct Frame {
    object: bool,
    key: Option<String>,
    /// After a key and before its colon.
    after_key: bool,
    /// After a colon (object) or an opening bracket or comma (array): a value is next.
    expects_value: bool,
    index: usize,
    keys: Vec<String>,
    /// The token that leads from the parent to this container.
    token: Option<String>,
}

fn json_place(text: &str, offset: usize) -> Option<Place> {
    let bytes = text.as_bytes();
    let mut stack: Vec<Frame> = Vec::new();
    let mut i = 0;
    while i < offset {
        match bytes[i] {
            b'{' | b'[' => {
                let token = stack
                    .last()
                    .map(|f| if f.object { f.key.clone().unwrap_or_default() } else { f.index.to_string() });
                let object = bytes[i] == b'{';
                stack.push(Frame {
                    object,
                    key: None,
                    after_key: false,
                    expects_value: !object,
                    index: 0,
                    keys: Vec::new(),
                    token,
                });
                i += 1;
            }
            b'}' | b']' => {
                stack.pop();
                if let Some(f) = stack.last_mut() {
                    f.expects_value = false;
                }
                i += 1;
            }
            b':' => {
                if let Some(f) = stack.last_mut() {
                    f.after_key = false;
                    f.expects_value = true;
                }
                i += 1;
            }
            b',' => {
                if let Some(f) = stack.last_mut() {
                    f.expects_value = !f.object;
                    f.index += 1;
                    if f.object {
                        f.key = None;
                    }
                }
                i += 1;
            }
            b'"' => {
                let start = i;
                i += 1;
                let mut closed = false;
                while i < offset {
                    match bytes[i] {
                        b'\\' => i += 2,
                        b'"' => {
                            closed = true;
                            i += 1;
                            break;
                        }
                        _ => i += 1,
                    }
                }
                let i_end = i.min(offset);
                let frame = stack.last_mut()?;
                if !closed {
                    // The cursor is inside this string.
                    return Some(place_at(&stack, start, &text[start..i_end]));
                }
                let content = serde_json::from_str::<String>(&text[start..i_end]).unwrap_or_default();
                if frame.object && !frame.expects_value {
                    frame.key = Some(content.clone());
                    frame.keys.push(content);
                    frame.after_key = true;
                } else {
                    frame.expects_value = false;
                }
            }
            b if b.is_ascii_whitespace() => i += 1,
            _ => {
                let start = i;
                while i < offset && !b" \t\r\n,:{}[]\"".contains(&bytes[i]) {
                    i += 1;
                }
                if i == offset {
                    return Some(place_at(&stack, start, &text[start..i]));
                }
                if let Some(f) = stack.last_mut() {
                    f.expects_value = false;
                }
            }
        }
    }
    Some(place_at(&stack, offset, ""))
}

/// The place for a token `typed` starting at `from`, in the innermost open container.
fn place_at(stack: &[Frame], from: usize, typed: &str) -> Place {
    let path: Vec<String> = stack.iter().skip(1).filter_map(|f| f.token.clone()).collect();
    let Some(frame) = stack.last() else {
        return Place { path, value_of: None, prefix: String::new(), from, present: Vec::new() };
    };
    let value_of = (frame.object && frame.expects_value).then(|| frame.key.clone()).flatten();
    Place { path, value_of, prefix: typed.to_string(), from, present: frame.keys.clone() }
}

fn yaml_place(text: &str, offset: usize) -> Option<Place> {
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let line = &text[line_start..offset];
    let indent = line.len() - line.trim_start_matches(' ').len();
    let written = &line[indent..];
    let (value_of, prefix, from) = match written.split_once(':') {
        Some((key, value)) => {
            let typed = value.trim_start();
            (Some(key.trim().to_string()), typed.to_string(), offset - typed.len())
        }
        None => (None, written.to_string(), line_start + indent),
    };
    // The parents: each line above that is indented less than the last one found, `key:` alone.
    let mut path = Vec::new();
    let mut present = Vec::new();
    let mut limit = indent;
    for above in text[..line_start].lines().rev() {
        let content = above.trim_start_matches(' ');
        if content.is_empty() || content.starts_with('#') {
            continue;
        }
        let depth = above.len() - content.len();
        let key = content.split_once(':').map(|(k, _)| k.trim().trim_matches('"').to_string());
        if depth == limit && path.is_empty() {
            present.extend(key.clone());
        }
        if depth < limit {
            match key {
                Some(key) => path.push(key),
                None => return None,
            }
            limit = depth;
            if depth == 0 {
                break;
            }
        }
    }
    path.reverse();
    Some(Place { path, value_of, prefix, from, present })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(text_with_cursor: &str, format: Option<Format>) -> Vec<String> {
        let offset = text_with_cursor.find('|').expect("a cursor");
        let text = text_with_cursor.replacen('|', "", 1);
        complete(&text, offset, None, format).into_iter().map(|c| c.label).collect()
    }

    const CONNECTION: &str = "{\n  \"connectionKey\": \"k\",\n  \"connection\": {\n    \"technology\": \"Snowflake\",\n    \"authenticationType\": \"userPassword\",\n    |\n  }\n}";

    #[test]
    fn json_members_not_yet_present_and_enum_values_quoted() {
        let members = labels(CONNECTION, None);
        assert!(members.contains(&"hostname".to_string()) && members.contains(&"warehouse".to_string()), "{members:?}");
        assert!(!members.contains(&"technology".to_string()), "{members:?}");
        let typed = labels(&CONNECTION.replace('|', "\"wa|"), None);
        assert_eq!(typed, ["warehouse"]);
        let at_value = "{\n  \"connectionKey\": \"k\",\n  \"connection\": {\n    \"technology\": \"Snowflake\",\n    \"authenticationType\": |\n  }\n}";
        let offset = at_value.find('|').expect("cursor");
        let text = at_value.replacen('|', "", 1);
        let values = complete(&text, offset, None, None);
        let user = values.iter().find(|c| c.label == "userPassword").expect("userPassword");
        assert_eq!(user.insert, "\"userPassword\"");
        assert!(values.iter().any(|c| c.label == "keyPair"), "{values:?}");
    }

    #[test]
    fn yaml_members_and_plain_values() {
        let text =
            "connectionKey: k\nconnection:\n  technology: Snowflake\n  authenticationType: userPassword\n  ho|\n";
        assert_eq!(labels(text, Some(Format::Yaml)), ["hostname"]);
        let text = "connectionKey: k\nconnection:\n  technology: Snowflake\n  hostname: h\n  authenticationType: |\n";
        let offset = text.find('|').expect("cursor");
        let values = complete(&text.replacen('|', "", 1), offset, None, Some(Format::Yaml));
        assert!(values.iter().any(|c| c.insert == "keyPair"), "{values:?}");
    }

    #[test]
    fn an_auto_closed_quote_is_replaced_too() {
        let text = "{\n  \"connectionKey\": \"k\",\n  \"connection\": {\n    \"technology\": \"Snowflake\",\n    \"authenticationType\": \"key\"\n  }\n}";
        let cursor = text.find("key\"").expect("the value") + 3;
        let found = complete(text, cursor, None, None);
        let key_pair = found.iter().find(|c| c.label == "keyPair").expect("keyPair");
        assert_eq!(&text[key_pair.from..key_pair.to], "\"key\"");
        assert_eq!(key_pair.insert, "\"keyPair\"");
    }

    #[test]
    fn describe_names_the_field_under_the_cursor_with_its_values() {
        let text = "{\n  \"connectionKey\": \"k\",\n  \"connection\": {\n    \"technology\": \"Snowflake\",\n    \"authenticationType\": \"keyPair\"\n  }\n}";
        let at = text.find("authenticationType").expect("the key") + 2;
        let info = describe(text, at, None, None).expect("a field");
        assert_eq!(info.pointer, "/connection/authenticationType");
        assert!(info.values.contains(&Value::from("userPassword")), "{info:?}");
        let on_value = describe(text, text.find("keyPair").expect("the value"), None, None).expect("a field");
        assert_eq!(on_value.name, "authenticationType");
        assert_eq!(
            describe(text, text.find("connection\"").expect("the key") + 1, None, None).map(|i| i.pointer),
            Some("/connection".into())
        );
        assert_eq!(describe(text, 0, None, None), None);
    }

    #[test]
    fn nothing_to_offer_outside_a_payload_or_past_the_end() {
        assert!(labels("{\"name\": \"app\", |}", None).is_empty());
        assert!(complete("{", 99, None, None).is_empty());
        assert!(labels("not json at all |", None).is_empty());
    }
}
