//! What the checks across files compare: the values that identify a connection or an integration
//! on an Immuta tenant, and the fields a setup-script request shares with the payload that
//! registers its integration. No secret is in these tables: their values appear in messages.

use crate::kind::{Kind, Technology};

/// How sure a fact is: a documented one makes errors, an inferred one warnings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Confidence {
    Documented,
    Inferred,
}

/// A connection's key: unique on a tenant, "used in all API calls made to update or delete the
/// connection" [D] (the connection registration reference, P1; the UI's Display Name, C4).
pub const CONNECTION_KEY: &str = "/connectionKey";

/// A value that no two integrations of a technology may share.
pub struct Identity {
    pub technology: Technology,
    pub pointer: &'static str,
    /// How the message names it ("on host", "named").
    pub says: &'static str,
    /// Compared as a host or path: without `https://`, a trailing `/` or letter case.
    pub as_host: bool,
    pub confidence: Confidence,
    /// What Immuta answers to the second.
    pub answer: &'static str,
}

/// Sources: Snowflake's 409 "Snowflake integration already exists on host …" [D] (integrations API
/// reference S5, P9); S3's "integration name is unique across Immuta S3 integrations" and the same
/// for `awsLocationPath` [D] (S3 how-to, F2); the other hosts by analogy with Snowflake's [I].
pub const INTEGRATION_IDENTITY: &[Identity] = &[
    Identity {
        technology: Technology::Snowflake,
        pointer: "/config/host",
        says: "on host",
        as_host: true,
        confidence: Confidence::Documented,
        answer: "409 \"Snowflake integration already exists on host\"",
    },
    Identity {
        technology: Technology::Databricks,
        pointer: "/config/workspaceUrl",
        says: "on workspace",
        as_host: true,
        confidence: Confidence::Inferred,
        answer: "409 \"integration already exists on host\", as it does for Snowflake",
    },
    Identity {
        technology: Technology::Redshift,
        pointer: "/config/host",
        says: "on host",
        as_host: true,
        confidence: Confidence::Inferred,
        answer: "409 \"integration already exists on host\", as it does for Snowflake",
    },
    Identity {
        technology: Technology::Synapse,
        pointer: "/config/host",
        says: "on host",
        as_host: true,
        confidence: Confidence::Inferred,
        answer: "409 \"integration already exists on host\", as it does for Snowflake",
    },
    Identity {
        technology: Technology::S3,
        pointer: "/config/name",
        says: "named",
        as_host: false,
        confidence: Confidence::Documented,
        answer: "an error: the name must be unique across S3 integrations",
    },
    Identity {
        technology: Technology::S3,
        pointer: "/config/awsLocationPath",
        says: "for the location",
        as_host: true,
        confidence: Confidence::Documented,
        answer: "an error: the location path must be unique across S3 integrations",
    },
];

/// A field the setup script was made for: `scripts/create` writes the script from these values,
/// so the integration registered afterwards must use the same ones, or it runs against objects
/// the script did not create [I] (the script endpoint takes the integration's own config, S5).
pub struct ScriptTwin {
    pub name: &'static str,
    /// In the script request; the first that is present counts.
    pub script: &'static [&'static str],
    /// In a connection payload (its integration's config first, then the connection).
    pub connection: &'static [&'static str],
    /// Letter case matters (a client id is compared as written; names are not).
    pub case_sensitive: bool,
    /// Compared as hostnames (no `https://`, no trailing `/`).
    pub host: bool,
    /// Compared only when the other payload sets its integration up by hand
    /// (`autoBootstrap: false`, as the script is for): with `autoBootstrap: true`, these name the
    /// admin that bootstraps, not the system account the script creates.
    pub manual_only: bool,
}

/// Where a payload says whether Immuta bootstraps the integration itself.
pub const AUTO_BOOTSTRAP: &[&str] = &["/nativeIntegration/autoBootstrap", "/autoBootstrap"];

pub const SCRIPT_TWINS: &[ScriptTwin] = &[
    ScriptTwin {
        name: "host",
        script: &["/config/host", "/config/workspaceUrl"],
        connection: &["/nativeIntegration/config/host", "/connection/hostname"],
        case_sensitive: false,
        host: true,
        manual_only: false,
    },
    ScriptTwin {
        name: "authentication type",
        script: &["/config/authenticationType"],
        connection: &["/nativeIntegration/config/authenticationType", "/connection/authenticationType"],
        case_sensitive: true,
        host: false,
        manual_only: false,
    },
    ScriptTwin {
        name: "catalog",
        script: &["/config/catalog"],
        connection: &["/nativeIntegration/config/catalog"],
        case_sensitive: false,
        host: false,
        manual_only: false,
    },
    ScriptTwin {
        name: "warehouse",
        script: &["/config/warehouse"],
        connection: &["/nativeIntegration/config/warehouse", "/connection/warehouse"],
        case_sensitive: false,
        host: false,
        manual_only: false,
    },
    ScriptTwin {
        name: "role",
        script: &["/config/role"],
        connection: &["/nativeIntegration/config/role", "/connection/role"],
        case_sensitive: false,
        host: false,
        manual_only: true,
    },
    ScriptTwin {
        name: "username",
        script: &["/config/username"],
        connection: &["/nativeIntegration/config/username", "/connection/username"],
        case_sensitive: false,
        host: false,
        manual_only: true,
    },
    ScriptTwin {
        name: "client id",
        script: &["/config/oAuthClientConfig/clientId"],
        connection: &["/nativeIntegration/config/oAuthClientConfig/clientId", "/connection/oAuthClientConfig/clientId"],
        case_sensitive: true,
        host: false,
        manual_only: false,
    },
];

/// The pointers whose values a report keeps for the checks across files, for a payload of `kind`
/// (worked out once from the tables above).
pub fn fact_pointers(kind: Kind) -> &'static [&'static str] {
    static POINTERS: std::sync::OnceLock<[Vec<&'static str>; 4]> = std::sync::OnceLock::new();
    let all = POINTERS.get_or_init(|| Kind::ALL.map(pointers_of));
    let index = Kind::ALL.iter().position(|k| *k == kind).unwrap_or(0);
    &all[index]
}

fn pointers_of(kind: Kind) -> Vec<&'static str> {
    let mut pointers: Vec<&'static str> = match kind {
        Kind::Connection => {
            let mut p = vec![CONNECTION_KEY, "/connection/technology", "/nativeIntegration/type"];
            p.extend(AUTO_BOOTSTRAP);
            p.extend(SCRIPT_TWINS.iter().flat_map(|t| t.connection.iter().copied()));
            p
        }
        Kind::Integration | Kind::IntegrationScript => {
            let mut p = vec!["/type"];
            p.extend(AUTO_BOOTSTRAP);
            p.extend(INTEGRATION_IDENTITY.iter().map(|i| i.pointer));
            p.extend(SCRIPT_TWINS.iter().flat_map(|t| t.script.iter().copied()));
            p
        }
        Kind::ConnectionUpdate => Vec::new(),
    };
    pointers.sort_unstable();
    pointers.dedup();
    pointers
}
