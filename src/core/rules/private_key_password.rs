//! Rule `private-key-password`: an encrypted private key without its password, or the reverse.

use super::{Code, Context, Doc, Sink, field};
use crate::diagnostic::Diagnostic;
use crate::document::split_pointer;
use crate::model::placeholders::is_placeholder;

pub const DOC: Doc = Doc {
    summary: "An ENCRYPTED PRIVATE KEY without privateKeyPassword (a warning for a password given with an unencrypted key).",
    body: r#"## What it checks
- An encrypted key (`-----BEGIN ENCRYPTED PRIVATE KEY-----`, or a legacy key with
  `Proc-Type: 4,ENCRYPTED`) needs `privateKeyPassword` beside it: an **error** when it is missing.
- A `privateKeyPassword` given with a key that is not encrypted is a **warning**: it is ignored at
  best, and it usually means the wrong key file was pasted.
- An encrypted OAuth private key is a **warning**: Immuta documents no password field for it.

## Why
Immuta's payload reference: `privateKeyPassword` is "Required if the private key is encrypted".
Without it the key cannot be opened and the connection fails.

## Example
```json
{ "connectionKey": "acme", "connection": { "technology": "Snowflake", "authenticationType": "keyPair", "privateKey": {
  "keyName": "PRIV_KEY_FILE", "userFilename": "rsa_key.p8",
  "content": "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIFHDBOBgkqhkiG9w0BBQ0w...\n-----END ENCRYPTED PRIVATE KEY-----" } } }
```

## Fix
Add `"privateKeyPassword": "<the key's passphrase>"` next to `privateKey` (and to its
`nativeIntegration.config` copy), or use an unencrypted key
(`openssl pkcs8 -in rsa_key.p8 -out rsa_key_plain.p8`).
"#,
};

pub fn check(ctx: &Context, sink: &mut Sink) {
    let Some(ctx) = ctx.payload() else { return };
    for key in ctx.keys() {
        let (site, facts) = (key.site, &key.facts);
        if is_placeholder(key.text) {
            continue;
        }
        if facts.begin.is_none() {
            continue;
        }
        let Some(password_pointer) = site.password else {
            if facts.encrypted {
                let span = ctx.value_span(site.pointer);
                sink.push(
                    Diagnostic::new(
                        Code::PrivateKeyPassword,
                        site.pointer,
                        span,
                        format!(
                            "the OAuth key in {} is encrypted, and Immuta documents no password field for it",
                            field(site.pointer)
                        ),
                    )
                    .as_warning()
                    .with_help("use an unencrypted key: openssl pkcs8 -in key.p8 -out key_plain.p8"),
                );
            }
            continue;
        };
        let password = ctx.node(password_pointer).and_then(|n| n.as_str()).filter(|p| !p.is_empty());
        match (facts.encrypted, password) {
            (true, None) => {
                let parent = split_pointer(password_pointer).map_or("", |(p, _)| p);
                let span = ctx.missing_span(parent);
                sink.push(
                    Diagnostic::new(Code::PrivateKeyPassword, password_pointer, span, format!("the key in {} is encrypted, but {} is missing", field(site.pointer), field(password_pointer)))
                        .with_help("add \"privateKeyPassword\": \"<the key's passphrase>\" beside privateKey, or use an unencrypted key"),
                );
            }
            (false, Some(_)) => {
                let span = ctx.value_span(password_pointer);
                sink.push(
                    Diagnostic::new(
                        Code::PrivateKeyPassword,
                        password_pointer,
                        span,
                        format!(
                            "{} is set, but the key in {} is not encrypted",
                            field(password_pointer),
                            field(site.pointer)
                        ),
                    )
                    .as_warning()
                    .with_help("remove privateKeyPassword, or check that you pasted the encrypted key you meant"),
                );
            }
            _ => {}
        }
    }
}
