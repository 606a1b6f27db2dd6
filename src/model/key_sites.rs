//! Where private keys live in payloads, and where each key's passphrase goes. Source: the
//! Snowflake key-pair and OAuth pages of the integration and connection APIs [D].

/// A field that holds a PEM private key, and where its password lives (if Immuta has one).
pub struct Site {
    pub pointer: &'static str,
    pub password: Option<&'static str>,
}

/// Every private-key field of every payload kind, in string or object form.
pub const SITES: &[Site] = &[
    Site { pointer: "/config/privateKey", password: Some("/config/privateKeyPassword") },
    Site { pointer: "/config/oAuthClientConfig/oauthPrivateKey", password: None },
    Site { pointer: "/connection/privateKey/content", password: Some("/connection/privateKeyPassword") },
    Site { pointer: "/connection/privateKey", password: Some("/connection/privateKeyPassword") },
    Site { pointer: "/connection/oAuthClientConfig/oauthPrivateKey/content", password: None },
    Site { pointer: "/connection/oAuthClientConfig/oauthPrivateKey", password: None },
    Site {
        pointer: "/nativeIntegration/config/privateKey/content",
        password: Some("/nativeIntegration/config/privateKeyPassword"),
    },
    Site {
        pointer: "/nativeIntegration/config/privateKey",
        password: Some("/nativeIntegration/config/privateKeyPassword"),
    },
    Site { pointer: "/nativeIntegration/config/oAuthClientConfig/oauthPrivateKey/content", password: None },
    Site { pointer: "/nativeIntegration/config/oAuthClientConfig/oauthPrivateKey", password: None },
];

pub fn site(pointer: &str) -> Option<&'static Site> {
    SITES.iter().find(|s| s.pointer == pointer)
}
