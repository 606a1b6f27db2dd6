//! Rule `private-key-format`: a private-key field that does not hold a well-formed PEM private key.

use super::{Code, Context, Doc, Sink, field};
use crate::credential::POINTER;
use crate::diagnostic::{Diagnostic, Span};
use crate::model::placeholders::is_placeholder;
use crate::pem;

pub const DOC: Doc = Doc {
    summary: "A private key with missing or mismatched BEGIN/END lines, a damaged base64 body, or a certificate or public key instead.",
    body: r#"## What it checks
That each private-key field holds one PEM private key: a `-----BEGIN ... PRIVATE KEY-----` line, a
base64 body whose length is a multiple of 4, and an `-----END ... PRIVATE KEY-----` line with the
same label. A certificate (`BEGIN CERTIFICATE`) or a public key (`BEGIN PUBLIC KEY`) in a
private-key field is reported too.

## Why
Copying a key out of a terminal or a secrets manager often drops its first or last line or part of
its body, and the key and the certificate of a pair are easy to mix up. Immuta can only tell you
that authentication failed.

## Example
```json
{ "connectionKey": "acme", "connection": { "technology": "Snowflake", "authenticationType": "keyPair", "privateKey": { "keyName": "PRIV_KEY_FILE",
  "userFilename": "rsa_key.pub", "content": "-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA...\n-----END PUBLIC KEY-----" } } }
```

## Fix
Paste the whole private key file, from its BEGIN line to its END line (for Snowflake key-pair
authentication that is the `rsa_key.p8` you generated, not `rsa_key.pub`).
"#,
};

pub fn check(ctx: &Context, sink: &mut Sink) {
    let Some(ctx) = ctx.payload() else { return };
    for key in ctx.keys() {
        sink.extend(check_value(key.site.pointer, key.text, &key.facts, key.node.span, ""));
    }
    if let Some(key) = ctx.credential_key() {
        sink.extend(check_value(POINTER, key.text, key.facts, key.span, "private_key"));
    }
}

/// The format finding for one decoded PEM value; `inner` names a field inside the value (for the
/// BigQuery credential's `private_key`).
fn check_value(pointer: &str, text: &str, facts: &pem::Facts, span: Span, inner: &str) -> Option<Diagnostic> {
    if text.trim().is_empty() || is_placeholder(text) {
        return None;
    }
    let name = if inner.is_empty() { field(pointer) } else { format!("`{inner}` in {}", field(pointer)) };
    let (message, help) = match (&facts.begin, &facts.end) {
        (None, _) => (
            format!("{name} does not hold a PEM key: the -----BEGIN PRIVATE KEY----- line is missing"),
            "paste the whole key file, starting with its -----BEGIN ... PRIVATE KEY----- line".to_string(),
        ),
        (Some(_), None) => (
            format!("{name} has no -----END ...----- line: the key looks cut off"),
            "paste the key up to and including its -----END ... PRIVATE KEY----- line".to_string(),
        ),
        (Some(begin), Some(end)) if begin != end => (
            format!("{name} starts with BEGIN {begin} but ends with END {end}"),
            "the BEGIN and END lines must carry the same label; paste the key file again".to_string(),
        ),
        (Some(label), _) if !facts.is_private_key() => {
            let what = if label.contains("CERTIFICATE") {
                "a certificate"
            } else if label.contains("PUBLIC") {
                "a public key"
            } else {
                "not a private key"
            };
            (
                format!("{name} holds {what} (BEGIN {label}), not a private key"),
                "use the private key of the pair (the .p8 or .pem file with PRIVATE KEY in its first line)".to_string(),
            )
        }
        _ => match facts.body_problem {
            Some(problem) => (
                format!("the base64 body of {name} is damaged: {problem}"),
                "copy the key again, whole, from its file".to_string(),
            ),
            None => return None,
        },
    };
    Some(Diagnostic::new(Code::PrivateKeyFormat, pointer, span, message).with_help(help))
}
