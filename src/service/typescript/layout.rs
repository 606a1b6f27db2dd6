//! How a ts-rs declaration (`type Name = { a: A, b: B, };`, on one line) is written into
//! `index.d.ts`: an interface one member a line, with its docs; the types that others flatten in
//! extended by name; an enum's variants as an exclusive union.

use ts_rs::{Config, TS};

/// A type others flatten in: its name, its members as ts-rs writes them, and its inline form.
pub struct Base {
    name: String,
    members: Vec<String>,
    inline: String,
}

impl Base {
    pub fn of<T: TS>(config: &Config) -> Base {
        let inline = T::inline(config);
        let members = object_members(&inline).map(members).unwrap_or_default().into_iter().map(|m| m.1).collect();
        Base { name: T::name(config), members, inline }
    }
}

/// A declaration, exported and laid out one member a line: an interface for an object type
/// (extending the bases whose members it has), a type otherwise (a base's inline form by name).
pub fn declaration(decl: &str, docs: Option<String>, bases: &[Base]) -> String {
    let mut out = docs.map(|d| doc_comment(&d, "")).unwrap_or_default();
    let (name, body) = decl
        .strip_prefix("type ")
        .and_then(|d| d.split_once(" = "))
        .map(|(name, body)| (name, body.trim_end_matches(';').trim()))
        .unwrap_or_else(|| panic!("ts-rs declares `type Name = ...;`, not {decl}"));
    let Some(members) = object_members(body) else {
        let body = bases.iter().fold(body.to_string(), |body, base| body.replace(&base.inline, &base.name));
        let body = unquote_keys(&body).replace(", }", " }");
        out.push_str(&format!("export type {name} = {};\n", exclusive(&body)));
        return out;
    };
    let mut members = self::members(members);
    let extended: Vec<&Base> = bases
        .iter()
        .filter(|base| base.name != name && base.members.iter().all(|m| members.iter().any(|(_, own)| own == m)))
        .collect();
    members.retain(|(_, member)| !extended.iter().any(|base| base.members.contains(member)));
    let extends: Vec<&str> = extended.iter().map(|base| base.name.as_str()).collect();
    let extends = if extends.is_empty() { String::new() } else { format!(" extends {}", extends.join(", ")) };
    out.push_str(&format!("export interface {name}{extends} {{\n"));
    for (docs, member) in members {
        out.push_str(&docs.map(|d| doc_comment(&d, "  ")).unwrap_or_default());
        out.push_str(&format!("  {};\n", array_suffix(&member)));
    }
    out.push_str("}\n");
    out
}

/// What is between the braces of `body` when it is one object type (`{ ... }`), not a union or
/// an intersection of several.
fn object_members(body: &str) -> Option<&str> {
    let inner = body.strip_prefix('{')?.strip_suffix('}')?;
    let mut depth = 0i32;
    for c in inner.chars() {
        depth += match c {
            '{' => 1,
            '}' => -1,
            _ => 0,
        };
        if depth < 0 {
            return None;
        }
    }
    Some(inner)
}

/// The members of an object type's body, each with its doc comment: split at the commas
/// outside brackets and strings.
fn members(body: &str) -> Vec<(Option<String>, String)> {
    let mut found = Vec::new();
    let (mut depth, mut quoted, mut current, mut docs) = (0i32, false, String::new(), None);
    let mut rest = body;
    while let Some(c) = rest.chars().next() {
        if !quoted && depth == 0 && rest.starts_with("/**") {
            let end = rest.find("*/").expect("a doc comment ends") + 2;
            docs = Some(rest[..end].to_string());
            rest = &rest[end..];
            continue;
        }
        rest = &rest[c.len_utf8()..];
        match c {
            '"' => quoted = !quoted,
            '{' | '[' | '(' | '<' if !quoted => depth += 1,
            '}' | ']' | ')' | '>' if !quoted => depth -= 1,
            ',' if !quoted && depth == 0 => {
                found.push((docs.take(), current.trim().to_string()));
                current.clear();
                continue;
            }
            _ => {}
        }
        current.push(c);
    }
    if !current.trim().is_empty() {
        found.push((docs.take(), current.trim().to_string()));
    }
    found
}

/// A doc comment as ts-rs writes it (`/**\n * line\n */`), on one line when it fits.
fn doc_comment(docs: &str, indent: &str) -> String {
    let lines: Vec<&str> = docs
        .lines()
        .map(str::trim)
        .filter(|l| *l != "/**" && *l != "*/")
        .map(|l| l.trim_start_matches('*').trim())
        .collect();
    let one = format!("{indent}/** {} */\n", lines.join(" "));
    if lines.len() == 1 && one.len() <= 120 {
        return one;
    }
    let mut out = format!("{indent}/**\n");
    for line in lines {
        out.push_str(&format!("{indent} *{}{line}\n", if line.is_empty() { "" } else { " " }));
    }
    out.push_str(&format!("{indent} */\n"));
    out
}

/// `{ "text": string }` as `{ text: string }`: ts-rs quotes the keys of an enum's variants.
fn unquote_keys(body: &str) -> String {
    let mut out = body.to_string();
    while let Some(start) = out.find("{ \"") {
        let Some(length) = out[start + 3..].find("\": ") else { break };
        let key = out[start + 3..start + 3 + length].to_string();
        if !key.chars().all(|c| c.is_alphanumeric() || c == '_') {
            break;
        }
        out.replace_range(start..start + 3 + length + 1, &format!("{{ {key}"));
    }
    out
}

/// A union of objects of one member each (an enum's variants), alone or intersected last
/// (`A & (...)`), made exclusive: each variant says the others' members are absent, so that a
/// caller can read `edit.text ?? ...` without narrowing first.
fn exclusive(body: &str) -> String {
    let (head, union, tail) = match body.strip_suffix(')').and_then(|b| b.split_once(" & (")) {
        Some((head, union)) => (format!("{head} & ("), union, ")"),
        None => (String::new(), body, ""),
    };
    let variants: Option<Vec<(&str, &str)>> =
        union.split(" | ").map(|v| v.strip_prefix("{ ")?.strip_suffix(" }")?.split_once(": ")).collect();
    let Some(variants) = variants.filter(|v| v.len() > 1 && v.iter().all(|(_, t)| !t.contains(['{', ',', ';']))) else {
        return body.to_string();
    };
    let exclusive: Vec<String> = variants
        .iter()
        .map(|(key, value)| {
            let absent: Vec<String> = variants
                .iter()
                .filter(|(other, _)| other != key)
                .map(|(other, _)| format!("; {other}?: never"))
                .collect();
            format!("{{ {key}: {}{} }}", array_type(value), absent.concat())
        })
        .collect();
    format!("{head}{}{tail}", exclusive.join(" | "))
}

/// `Array<T>` as `T[]` when `T` is one name.
fn array_type(value: &str) -> String {
    match value.strip_prefix("Array<").and_then(|t| t.strip_suffix('>')) {
        Some(inner) if inner.chars().all(|c| c.is_alphanumeric() || c == '_') => format!("{inner}[]"),
        _ => value.to_string(),
    }
}

/// `name: Array<T>` as `name: T[]` when `T` is one name.
fn array_suffix(member: &str) -> String {
    match member.split_once(": ") {
        Some((name, value)) => format!("{name}: {}", array_type(value)),
        None => member.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_enum_union_becomes_exclusive_alone_or_intersected() {
        assert_eq!(exclusive("{ a: string } | { b: Array<X> }"), "{ a: string; b?: never } | { b: X[]; a?: never }");
        assert_eq!(exclusive("R & ({ a: string } | { b: X })"), "R & ({ a: string; b?: never } | { b: X; a?: never })");
        assert_eq!(exclusive("\"x\" | \"y\""), "\"x\" | \"y\"", "a union of strings is left alone");
        assert_eq!(exclusive("{ a: string, b: X }"), "{ a: string, b: X }", "one object is left alone");
    }

    #[test]
    fn members_split_outside_brackets_and_strings_and_keep_their_docs() {
        let body = " /**\n * Doc, with a comma.\n */\na: { [k in K]?: V }, b: \"x, y\" | null, c: Array<T>, ";
        let found = members(body);
        assert_eq!(
            found.iter().map(|(_, m)| m.as_str()).collect::<Vec<_>>(),
            ["a: { [k in K]?: V }", "b: \"x, y\" | null", "c: Array<T>"]
        );
        assert_eq!(doc_comment(found[0].0.as_deref().expect("a doc"), "  "), "  /** Doc, with a comma. */\n");
        assert_eq!(array_suffix("c: Array<T>"), "c: T[]");
        assert_eq!(object_members("{ a: A } | { b: B }"), None);
    }
}
