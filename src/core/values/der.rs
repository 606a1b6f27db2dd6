//! What a private key's base64 body holds: its DER structure read far enough to tell a whole key
//! from a damaged one, which algorithm it is for, and how large an RSA modulus is. Sources: RFC 7468
//! (labels), RFC 5208/5958 (PKCS#8), RFC 8018 (PBES2), RFC 7292 (PKCS#12 PBE), RFC 8017 (PKCS#1),
//! RFC 5480 (EC), RFC 8410 (Ed25519) and ITU-T X.690 (DER lengths) [D].

/// What the key is, when its structure is whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Algorithm {
    /// RSA, with its modulus size in bits.
    Rsa(usize),
    /// EC, with the curve's name.
    Ec(&'static str),
    EdDsa(&'static str),
    Other(String),
    /// Encrypted (EncryptedPrivateKeyInfo), with its scheme's name.
    Encrypted(&'static str),
}

/// Why the structure is broken.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Broken {
    /// The decoded body does not start with a DER SEQUENCE.
    NotDer,
    /// The outer SEQUENCE declares more bytes than the body holds.
    Truncated { declared: usize, actual: usize },
    /// Bytes after the outer SEQUENCE: a second key, or junk.
    Trailing(usize),
    /// Labelled `PRIVATE KEY`, but the content is an EncryptedPrivateKeyInfo.
    EncryptedUnderPlainLabel,
    /// Labelled `ENCRYPTED PRIVATE KEY`, but the content is a plain PrivateKeyInfo.
    PlainUnderEncryptedLabel,
    /// The fields inside do not follow the label's structure.
    Malformed(&'static str),
    /// An encryption scheme no PKCS#8 reader knows.
    UnknownEncryption,
}

/// Reads the DER body of a PEM key with `label` (`PRIVATE KEY`, `ENCRYPTED PRIVATE KEY`,
/// `RSA PRIVATE KEY`). `None` for labels whose structure is not checked here.
pub fn analyze(label: &str, der: &[u8]) -> Option<Result<Algorithm, Broken>> {
    let check = match label {
        "PRIVATE KEY" => plain_pkcs8,
        "ENCRYPTED PRIVATE KEY" => encrypted_pkcs8,
        "RSA PRIVATE KEY" => pkcs1,
        _ => return None,
    };
    Some(outer(der).and_then(check))
}

/// The content of the outer SEQUENCE, which must span the whole body exactly.
fn outer(der: &[u8]) -> Result<&[u8], Broken> {
    if der.first() != Some(&0x30) {
        return Err(Broken::NotDer);
    }
    let (header, declared) = length(der, 1).ok_or(Broken::NotDer)?;
    let total = header.saturating_add(declared);
    if total > der.len() {
        return Err(Broken::Truncated { declared: total, actual: der.len() });
    }
    if total < der.len() {
        return Err(Broken::Trailing(der.len() - total));
    }
    Ok(&der[header..])
}

/// The header size and content length of the element whose length byte is at `at`.
fn length(der: &[u8], at: usize) -> Option<(usize, usize)> {
    let first = *der.get(at)?;
    if first < 0x80 {
        return Some((at + 1, first as usize));
    }
    let count = (first & 0x7f) as usize;
    if count == 0 || count > 4 {
        return None;
    }
    let bytes = der.get(at + 1..at + 1 + count)?;
    let length = bytes.iter().try_fold(0usize, |n, b| n.checked_mul(256).map(|n| n | *b as usize))?;
    Some((at + 1 + count, length))
}

/// A reader over a sequence's elements.
struct Elements<'a>(&'a [u8]);

impl<'a> Elements<'a> {
    /// The next element: its tag and content.
    fn next(&mut self) -> Option<(u8, &'a [u8])> {
        let tag = *self.0.first()?;
        let (header, len) = length(self.0, 1)?;
        let end = header.checked_add(len)?;
        let content = self.0.get(header..end)?;
        self.0 = &self.0[end..];
        Some((tag, content))
    }

    fn expect(&mut self, tag: u8, what: &'static str) -> Result<&'a [u8], Broken> {
        match self.next() {
            Some((t, content)) if t == tag => Ok(content),
            _ => Err(Broken::Malformed(what)),
        }
    }
}

const INTEGER: u8 = 0x02;
const OCTET_STRING: u8 = 0x04;
const OID: u8 = 0x06;
const SEQUENCE: u8 = 0x30;

const RSA: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01];
const RSA_PSS: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0a];
const EC: &[u8] = &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01];
const CURVES: &[(&[u8], &str)] = &[
    (&[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07], "P-256"),
    (&[0x2b, 0x81, 0x04, 0x00, 0x22], "P-384"),
    (&[0x2b, 0x81, 0x04, 0x00, 0x23], "P-521"),
    (&[0x2b, 0x81, 0x04, 0x00, 0x0a], "secp256k1"),
];
const EDDSA: &[(&[u8], &str)] = &[(&[0x2b, 0x65, 0x70], "Ed25519"), (&[0x2b, 0x65, 0x71], "Ed448")];
const PBES2: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x05, 0x0d];
/// PKCS#5 v1.5 PBES1 schemes share this prefix (1.2.840.113549.1.5.x).
const PBES1_PREFIX: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x05];
/// PKCS#12 PBE schemes (1.2.840.113549.1.12.1.x).
const PKCS12_PBE_PREFIX: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x0c, 0x01];

/// PrivateKeyInfo: SEQUENCE { INTEGER 0|1, AlgorithmIdentifier, OCTET STRING, … }.
fn plain_pkcs8(body: &[u8]) -> Result<Algorithm, Broken> {
    let mut fields = Elements(body);
    match fields.next() {
        Some((INTEGER, [0] | [1])) => {}
        Some((SEQUENCE, _)) => return Err(Broken::EncryptedUnderPlainLabel),
        _ => return Err(Broken::Malformed("a PKCS#8 key starts with its version, 0 or 1")),
    }
    let mut algorithm = Elements(fields.expect(SEQUENCE, "the algorithm identifier is missing")?);
    let oid = algorithm.expect(OID, "the algorithm identifier has no OID")?;
    let key = fields.expect(OCTET_STRING, "the key itself is missing")?;
    if oid == RSA || oid == RSA_PSS {
        return rsa_bits(key).map(Algorithm::Rsa);
    }
    if oid == EC {
        let curve = algorithm.next().filter(|(tag, _)| *tag == OID).map(|(_, c)| c);
        let name = curve.and_then(|c| CURVES.iter().find(|(oid, _)| *oid == c)).map_or("an unnamed curve", |(_, n)| n);
        return Ok(Algorithm::Ec(name));
    }
    if let Some((_, name)) = EDDSA.iter().find(|(o, _)| *o == oid) {
        return Ok(Algorithm::EdDsa(name));
    }
    Ok(Algorithm::Other(dotted_oid(oid)))
}

/// EncryptedPrivateKeyInfo: SEQUENCE { AlgorithmIdentifier { OID, params }, OCTET STRING }.
fn encrypted_pkcs8(body: &[u8]) -> Result<Algorithm, Broken> {
    let mut fields = Elements(body);
    let scheme = match fields.next() {
        Some((SEQUENCE, scheme)) => scheme,
        Some((INTEGER, _)) => return Err(Broken::PlainUnderEncryptedLabel),
        _ => return Err(Broken::Malformed("an encrypted key starts with its encryption scheme")),
    };
    let oid = Elements(scheme).expect(OID, "the encryption scheme has no OID")?;
    fields.expect(OCTET_STRING, "the encrypted data is missing")?;
    let name = if oid == PBES2 {
        "PBES2"
    } else if oid.starts_with(PKCS12_PBE_PREFIX) {
        "PKCS#12 PBE"
    } else if oid.starts_with(PBES1_PREFIX) && oid.len() == PBES1_PREFIX.len() + 1 {
        "PBES1"
    } else {
        return Err(Broken::UnknownEncryption);
    };
    Ok(Algorithm::Encrypted(name))
}

/// RSAPrivateKey (PKCS#1): SEQUENCE { INTEGER version, INTEGER modulus, … }.
fn pkcs1(body: &[u8]) -> Result<Algorithm, Broken> {
    modulus_bits(body).map(Algorithm::Rsa)
}

/// The RSAPrivateKey inside a PKCS#8 OCTET STRING.
fn rsa_bits(key: &[u8]) -> Result<usize, Broken> {
    let mut inner = Elements(key);
    let sequence = inner.expect(SEQUENCE, "the RSA key inside is not a SEQUENCE")?;
    modulus_bits(sequence)
}

fn modulus_bits(sequence: &[u8]) -> Result<usize, Broken> {
    let mut fields = Elements(sequence);
    fields.expect(INTEGER, "the RSA key has no version")?;
    let modulus = fields.expect(INTEGER, "the RSA key has no modulus")?;
    let significant: &[u8] = {
        let skip = modulus.iter().take_while(|b| **b == 0).count();
        &modulus[skip..]
    };
    Ok(significant.first().map_or(0, |b| (significant.len() - 1) * 8 + (8 - b.leading_zeros() as usize)))
}

/// `1.2.840.113549.1.1.1` from its DER bytes.
fn dotted_oid(oid: &[u8]) -> String {
    let Some((&first, rest)) = oid.split_first() else { return String::new() };
    let mut parts = vec![(first / 40).min(2) as u64, (first as u64).saturating_sub(40 * (first / 40).min(2) as u64)];
    let mut value = 0u64;
    for &b in rest {
        value = value << 7 | (b & 0x7f) as u64;
        if b & 0x80 == 0 {
            parts.push(value);
            value = 0;
        }
    }
    parts.iter().map(u64::to_string).collect::<Vec<_>>().join(".")
}

/// The value of each base64 character; `WHITESPACE` (ASCII whitespace) and `PAD` mark the
/// others that may appear. `pem` classifies a key's body with it too.
pub(crate) const DECODE: [u8; 256] = {
    let mut table = [INVALID; 256];
    let alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut i = 0;
    while i < alphabet.len() {
        table[alphabet[i] as usize] = i as u8;
        i += 1;
    }
    table[b' ' as usize] = WHITESPACE;
    table[b'\t' as usize] = WHITESPACE;
    table[b'\n' as usize] = WHITESPACE;
    table[b'\r' as usize] = WHITESPACE;
    table[0x0c] = WHITESPACE;
    table[b'=' as usize] = PAD;
    table
};
pub(crate) const INVALID: u8 = 0xff;
pub(crate) const WHITESPACE: u8 = 0xfe;
pub(crate) const PAD: u8 = 0xfd;

/// Decodes standard base64, skipping whitespace; `None` on any other character or bad padding.
pub fn base64(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len() / 4 * 3 + 3);
    let mut buffer = 0u32;
    let mut bits = 0u32;
    let mut padding = 0;
    for &b in text.as_bytes() {
        match DECODE[b as usize] {
            WHITESPACE => {}
            PAD => padding += 1,
            INVALID => return None,
            _ if padding > 0 => return None,
            value => {
                buffer = buffer << 6 | value as u32;
                bits += 6;
                if bits >= 8 {
                    bits -= 8;
                    out.push((buffer >> bits) as u8);
                }
            }
        }
    }
    (padding <= 2).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_decodes() {
        assert_eq!(base64("TWFu"), Some(b"Man".to_vec()));
        assert_eq!(base64("TW\nE="), Some(b"Ma".to_vec()));
        assert_eq!(base64("TQ=="), Some(b"M".to_vec()));
        assert_eq!(base64("T!=="), None);
    }

    #[test]
    fn lengths_and_oids() {
        assert_eq!(length(&[0x30, 0x82, 0x04, 0xbc], 1), Some((4, 1212)));
        assert_eq!(length(&[0x30, 0x05], 1), Some((2, 5)));
        assert_eq!(dotted_oid(RSA), "1.2.840.113549.1.1.1");
        assert_eq!(dotted_oid(&[0x2b, 0x65, 0x70]), "1.3.101.112");
    }

    /// Every prefix of a real key, and the key with each byte changed, reads without a panic.
    #[test]
    fn damaged_keys_never_panic() {
        let pem = include_str!("../../../tests/fixtures/keys/rsa.pem");
        let body: String = pem.lines().filter(|l| !l.starts_with("-----")).collect();
        let der = base64(&body).expect("the test key is base64");
        assert_eq!(analyze("PRIVATE KEY", &der), Some(Ok(Algorithm::Rsa(2048))));
        assert_eq!(analyze("ENCRYPTED PRIVATE KEY", &der), Some(Err(Broken::PlainUnderEncryptedLabel)));
        let encrypted = include_str!("../../../tests/fixtures/keys/rsa-encrypted.pem");
        let encrypted: String = encrypted.lines().filter(|l| !l.starts_with("-----")).collect();
        let encrypted = base64(&encrypted).expect("base64");
        assert_eq!(analyze("ENCRYPTED PRIVATE KEY", &encrypted), Some(Ok(Algorithm::Encrypted("PBES2"))));
        assert_eq!(analyze("PRIVATE KEY", &encrypted), Some(Err(Broken::EncryptedUnderPlainLabel)));
        let ec = include_str!("../../../tests/fixtures/keys/ec-p256.pem");
        let ec: String = ec.lines().filter(|l| !l.starts_with("-----")).collect();
        assert_eq!(analyze("PRIVATE KEY", &base64(&ec).expect("base64")), Some(Ok(Algorithm::Ec("P-256"))));
        for cut in 0..der.len() {
            assert!(matches!(analyze("PRIVATE KEY", &der[..cut]), Some(Err(_))), "cut at {cut}");
        }
        for at in 0..der.len().min(64) {
            for byte in [0x00, 0x30, 0x7f, 0x80, 0x84, 0xff] {
                let mut changed = der.clone();
                changed[at] = byte;
                for label in ["PRIVATE KEY", "ENCRYPTED PRIVATE KEY", "RSA PRIVATE KEY"] {
                    let _ = analyze(label, &changed);
                }
            }
        }
    }

    #[test]
    fn outer_lengths_must_match_the_body() {
        let whole = [0x30, 0x03, 0x02, 0x01, 0x00];
        assert!(outer(&whole).is_ok());
        assert_eq!(outer(&whole[..4]), Err(Broken::Truncated { declared: 5, actual: 4 }));
        assert_eq!(outer(&[0x30, 0x03, 0x02, 0x01, 0x00, 0x00]), Err(Broken::Trailing(1)));
        assert_eq!(outer(&[0x02, 0x01, 0x00]), Err(Broken::NotDer));
    }
}
