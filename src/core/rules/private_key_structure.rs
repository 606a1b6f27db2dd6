//! Rule `private-key-structure`: the key inside the PEM lines is whole, and of a kind that works.

use super::{Code, Context, Doc, Sink, field};
use crate::credential::POINTER;
use crate::diagnostic::{Diagnostic, Span};
use crate::kind::Technology;
use crate::pem::{self, Breaks, Facts};
use crate::values::der::{self, Algorithm, Broken};

pub const DOC: Doc = Doc {
    summary: "The private key's DER structure is whole (nothing cut or added), matches its label, and is RSA of at least 2048 bits.",
    body: r#"## What it checks
A private key whose PEM lines are in order (`private-key-format` checks those) is decoded from
base64 and its DER structure read:
- an **error** when the outer SEQUENCE declares more bytes than the body holds (a line of the body
  was lost: markers intact, every line 64 characters, and still cut), or fewer (a line doubled, or
  text after the key); when the body is no DER at all; when `PRIVATE KEY` holds an encrypted key or
  `ENCRYPTED PRIVATE KEY` a plain one; when the fields inside do not follow PKCS#8 (or PKCS#1 for
  `RSA PRIVATE KEY`); when an encrypted key names no PBES2, PBES1 or PKCS#12 scheme; and, on
  Snowflake, when the RSA modulus is below 2048 bits;
- a **warning** for an EC, EdDSA or other non-RSA key: Snowflake's docs generate RSA keys, and
  whether Immuta takes the others is not documented.

The key is never shown; messages give only lengths and kinds.

## Why
Snowflake rejects a damaged or short key with one generic JWT error, long after the request was
accepted. Sources: RFC 7468 (labels), RFC 5208 and 5958 (PKCS#8), RFC 8018 (PBES2), RFC 7292,
RFC 8017 (RSA), ITU-T X.690 (DER lengths) [D]; Snowflake key-pair authentication (RSA, at least
2048 bits) [D]; Immuta's support of EC keys [R]; value-forms.md §8.

## Example
A key file from which one 64-character line in the middle was lost while copying.

## Fix
Paste the key again from its file (`cat rsa_key.p8`); generate a 2048-bit RSA key with
`openssl genrsa 2048 | openssl pkcs8 -topk8 -nocrypt -out rsa_key.p8` if it is short.
"#,
};

pub fn check(ctx: &Context, sink: &mut Sink) {
    let Some(ctx) = ctx.payload() else { return };
    let snowflake = ctx.technology() == Some(Technology::Snowflake);
    // A connection states its key twice; the twin's structure is the same, so it is read once.
    let mut last: Option<(&str, Option<Analysis>)> = None;
    for key in ctx.keys() {
        let analysis = match &last {
            Some((text, analysis)) if *text == key.text => analysis.clone(),
            _ => analyze(key.text, &key.facts),
        };
        sink.extend(analysis.clone().and_then(|a| finding(a, key.site.pointer, key.node.span, None, snowflake)));
        last = Some((key.text, analysis));
    }
    if let Some(key) = ctx.credential_key() {
        let analysis = analyze(key.text, key.facts);
        sink.extend(analysis.and_then(|a| finding(a, POINTER, key.span, Some("private_key"), false)));
    }
}

type Analysis = Result<Algorithm, Broken>;

/// What the DER body of a PEM value holds, when its PEM lines are in order (else
/// `private-key-format` and `private-key-newlines` speak for it).
fn analyze(text: &str, facts: &Facts) -> Option<Analysis> {
    let label = facts.begin.as_deref()?;
    if !facts.is_private_key()
        || facts.end.as_deref() != Some(label)
        || facts.body_problem.is_some()
        || facts.breaks == Breaks::DoubleEscaped
        || text.contains("Proc-Type:")
    {
        return None;
    }
    let body = pem::body(text)?;
    let der = if body.contains(':') {
        der::base64(&body.lines().filter(|line| !line.contains(':')).collect::<String>())?
    } else {
        der::base64(body)?
    };
    der::analyze(label, &der)
}

/// The finding for one key's analysis; `inner` names a field inside the value (the BigQuery
/// credential's `private_key`).
fn finding(analysis: Analysis, pointer: &str, span: Span, inner: Option<&str>, snowflake: bool) -> Option<Diagnostic> {
    if matches!(analysis, Ok(Algorithm::Rsa(_) | Algorithm::Encrypted(_)))
        && !(snowflake && matches!(analysis, Ok(Algorithm::Rsa(b)) if b < 2048))
    {
        return None;
    }
    let name = &match inner {
        Some(inner) => format!("`{inner}` in {}", field(pointer)),
        None => field(pointer),
    };
    let at = |message: String, help: &str| {
        Diagnostic::new(Code::PrivateKeyStructure, pointer, span, message).with_help(help)
    };
    let again = "paste the key again, whole, from its file";
    match analysis {
        Err(broken) => Some(match broken {
            Broken::Truncated { declared, actual } => at(
                format!("{name} is cut: its structure declares {declared} bytes but the body holds {actual} ({} missing, {})", declared - actual, lines((declared - actual).div_ceil(48))),
                again,
            ),
            Broken::Trailing(extra) => at(format!("{name} has {extra} bytes after the end of the key: a line doubled, or a second key"), again),
            Broken::NotDer => at(format!("{name} decodes to something that is not a key (no DER structure)"), again),
            Broken::EncryptedUnderPlainLabel => at(
                format!("{name} is labelled PRIVATE KEY but holds an encrypted key"),
                "label it -----BEGIN ENCRYPTED PRIVATE KEY----- (and END likewise) and give its password, or export the key unencrypted",
            ),
            Broken::PlainUnderEncryptedLabel => at(
                format!("{name} is labelled ENCRYPTED PRIVATE KEY but holds an unencrypted key"),
                "label it -----BEGIN PRIVATE KEY----- (and END likewise), and send no password for it",
            ),
            Broken::Malformed(why) => at(format!("{name} is damaged: {why}"), again),
            Broken::UnknownEncryption => at(format!("{name} is encrypted with a scheme PKCS#8 readers do not know"), "export it again with openssl pkcs8 -topk8 -v2 aes-256-cbc"),
        }),
        Ok(Algorithm::Rsa(bits)) if snowflake && bits < 2048 => Some(at(
            format!("{name} is a {bits}-bit RSA key; Snowflake requires at least 2048 bits"),
            "generate a 2048-bit key: openssl genrsa 2048 | openssl pkcs8 -topk8 -nocrypt -out rsa_key.p8, and set its public key on the Snowflake user",
        )),
        Ok(Algorithm::Ec(curve)) => Some(at(format!("{name} is an EC key ({curve}), not RSA"), "Snowflake's key-pair docs generate RSA keys, and Immuta's support of EC keys is not documented; use a 2048-bit RSA key").as_warning()),
        Ok(Algorithm::EdDsa(curve)) => Some(at(format!("{name} is an {curve} key, not RSA"), "use a 2048-bit RSA key, as Snowflake's key-pair docs generate").as_warning()),
        Ok(Algorithm::Other(oid)) => Some(at(format!("{name} is a key of the algorithm {oid}, not RSA"), "use a 2048-bit RSA key, as Snowflake's key-pair docs generate").as_warning()),
        Ok(_) => None,
    }
}

/// How many 64-character base64 lines (48 bytes each) that is, in words.
fn lines(count: usize) -> String {
    if count == 1 {
        "one line of the base64 body".to_string()
    } else {
        format!("about {count} lines of the base64 body")
    }
}
