//! Every schema variant of `src/core/schemas/*.json` in one document for jsonschema's `validator`
//! macro, which the engine expands (`variants_validator!`): a payload is checked as
//! `{"<variant>": payload}`. And the
//! catalogue's facts (the `x-` keywords of the schema files), one row per field and technology,
//! for the rules to read without parsing the files.

include!(concat!(env!("OUT_DIR"), "/validators.rs"));
include!(concat!(env!("OUT_DIR"), "/facts.rs"));

/// What the schema files say about one field of the payloads of one technology, beyond its
/// type: the rows of `FACTS`.
#[derive(Debug)]
pub struct Fact {
    /// The variants (`connection-snowflake-keyPair`, ...) that have the field with these facts.
    pub variants: &'static [&'static str],
    /// The technology's slug (`snowflake`).
    pub technology: &'static str,
    /// `/connection/hostname`; `/*` stands for every item of an array.
    pub pointer: &'static str,
    /// The schema allows an object here.
    pub object: bool,
    /// `x-form`: the form of the value (`host`, `aws-region`, ...).
    pub form: Option<&'static str>,
    /// `x-twin` (here, or on an object above it): the `connection` field it must equal.
    pub twin: Option<&'static str>,
    /// `x-secret`: the value is a credential.
    pub secret: bool,
    /// `x-key`: the field holds a private key; `Some(member)` names its passphrase's sibling.
    pub key: Option<Option<&'static str>>,
    /// `x-recommended`: the value Immuta's docs recommend.
    pub recommended: Option<Recommended>,
    /// `x-missing`: a requirement kept as a warning.
    pub missing: Option<Missing>,
    /// `x-deprecated`: a value (or the field itself) that Immuta has deprecated.
    pub deprecated: Option<Deprecated>,
    /// `x-open-enum`: why a value outside the field's `enum` is only a warning.
    pub open_enum: Option<&'static str>,
    /// `x-immutable`: why the field cannot change in `PUT /integrations/{id}`.
    pub immutable: Option<&'static str>,
    /// `x-source` (here or above): where the facts come from, with their confidence tag.
    pub source: &'static str,
}

#[derive(Debug)]
pub struct Deprecated {
    /// The JSON value (as text) that is deprecated; `None`: the field's presence.
    pub when: Option<&'static str>,
    /// A warning (`true`) or a note.
    pub warning: bool,
    /// Only for these payload kinds; every kind of the variant when empty.
    pub kinds: &'static [&'static str],
    pub message: &'static str,
    /// What to do instead.
    pub instead: &'static str,
    pub source: &'static str,
}

#[derive(Debug)]
pub struct Recommended {
    pub value: bool,
    /// A missing setting is reported too (its default differs from the recommendation).
    pub when_missing: bool,
    pub why: &'static str,
}

#[derive(Debug)]
pub struct Missing {
    /// Only for these payload kinds (`integration`, ...); every kind of the variant when empty.
    pub kinds: &'static [&'static str],
    /// Only when the payload's `autoBootstrap` is true.
    pub when_auto_bootstrap: bool,
    pub why: &'static str,
}

/// The `technology` field's `x-outline`: connection technologies Immuta registers in its UI but
/// publishes no API body for, so a payload of one is checked only in outline.
#[derive(Debug)]
pub struct Outline {
    pub names: &'static [&'static str],
    pub source: &'static str,
}
