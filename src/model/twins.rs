//! Fields that a connection payload states twice: once in `connection` and once in
//! `nativeIntegration`, which must agree. Source: the connection registration pages (Snowflake,
//! Databricks Unity Catalog) [D]; Lake Formation's `technology`/`type` pair only [I].

use crate::kind::Technology;

const SNOWFLAKE: &[Technology] = &[Technology::Snowflake];
const DATABRICKS: &[Technology] = &[Technology::Databricks];
const BOTH: &[Technology] = &[Technology::Snowflake, Technology::Databricks];
/// Only `technology`/`type` is known to pair up for every connection, Lake Formation included.
const ALL: &[Technology] = &[Technology::Snowflake, Technology::Databricks, Technology::LakeFormation];

/// `(connection side, nativeIntegration side, technologies)`.
pub const TWINS: &[(&str, &str, &[Technology])] = &[
    ("/connection/technology", "/nativeIntegration/type", ALL),
    ("/connection/hostname", "/nativeIntegration/config/host", BOTH),
    ("/connection/port", "/nativeIntegration/config/port", BOTH),
    ("/connection/authenticationType", "/nativeIntegration/config/authenticationType", BOTH),
    ("/connection/warehouse", "/nativeIntegration/config/warehouse", SNOWFLAKE),
    ("/connection/username", "/nativeIntegration/config/username", SNOWFLAKE),
    ("/connection/password", "/nativeIntegration/config/password", SNOWFLAKE),
    ("/connection/privateKeyPassword", "/nativeIntegration/config/privateKeyPassword", SNOWFLAKE),
    ("/connection/privateKey/keyName", "/nativeIntegration/config/privateKey/keyName", SNOWFLAKE),
    ("/connection/privateKey/userFilename", "/nativeIntegration/config/privateKey/userFilename", SNOWFLAKE),
    ("/connection/privateKey/content", "/nativeIntegration/config/privateKey/content", SNOWFLAKE),
    ("/connection/token", "/nativeIntegration/config/token", DATABRICKS),
    (
        "/connection/oAuthClientConfig/useCertificate",
        "/nativeIntegration/config/oAuthClientConfig/useCertificate",
        BOTH,
    ),
    ("/connection/oAuthClientConfig/clientId", "/nativeIntegration/config/oAuthClientConfig/clientId", BOTH),
    ("/connection/oAuthClientConfig/authorityUrl", "/nativeIntegration/config/oAuthClientConfig/authorityUrl", BOTH),
    ("/connection/oAuthClientConfig/scope", "/nativeIntegration/config/oAuthClientConfig/scope", BOTH),
    ("/connection/oAuthClientConfig/resource", "/nativeIntegration/config/oAuthClientConfig/resource", BOTH),
    ("/connection/oAuthClientConfig/clientSecret", "/nativeIntegration/config/oAuthClientConfig/clientSecret", BOTH),
    (
        "/connection/oAuthClientConfig/publicCertificateThumbprint",
        "/nativeIntegration/config/oAuthClientConfig/publicCertificateThumbprint",
        SNOWFLAKE,
    ),
    (
        "/connection/oAuthClientConfig/oauthPrivateKey/keyName",
        "/nativeIntegration/config/oAuthClientConfig/oauthPrivateKey/keyName",
        SNOWFLAKE,
    ),
    (
        "/connection/oAuthClientConfig/oauthPrivateKey/userFilename",
        "/nativeIntegration/config/oAuthClientConfig/oauthPrivateKey/userFilename",
        SNOWFLAKE,
    ),
    (
        "/connection/oAuthClientConfig/oauthPrivateKey/content",
        "/nativeIntegration/config/oAuthClientConfig/oauthPrivateKey/content",
        SNOWFLAKE,
    ),
];

/// Key objects that the script request writes as plain strings and a connection's
/// `nativeIntegration.config` wants as the same object as in `connection`.
pub const OBJECT_TWINS: &[(&str, &str)] = &[
    ("/connection/privateKey", "/nativeIntegration/config/privateKey"),
    ("/connection/oAuthClientConfig/oauthPrivateKey", "/nativeIntegration/config/oAuthClientConfig/oauthPrivateKey"),
];

/// The `connection` side of a `nativeIntegration` pointer, if the two must agree.
pub fn twin_of(native: &str, technology: Option<Technology>) -> Option<&'static str> {
    TWINS
        .iter()
        .find(|(_, n, techs)| *n == native && technology.is_some_and(|t| techs.contains(&t)))
        .map(|(c, _, _)| *c)
}
