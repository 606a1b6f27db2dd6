//! The benchmarks' payloads, shared by `check.rs` (time) and `memory.rs` (peak heap).

/// A Snowflake connection like the docs' example, padded to the wanted size with roles in
/// `userRolePattern.exclude`. With `key_pair`, both halves carry the throwaway 2048-bit test key
/// (which alone makes the payload 4.5 KB); otherwise they carry a user name and password.
pub fn connection_payload(target_bytes: usize, key_pair: bool) -> String {
    let key = include_str!("../fixtures/keys/rsa.pem").trim_end().replace('\n', "\\n");
    let credentials = if key_pair {
        format!(
            r#""authenticationType": "keyPair",
    "username": "IMMUTA_SYSTEM_ACCOUNT",
    "privateKey": {{ "keyName": "PRIV_KEY_FILE", "userFilename": "rsa_key.p8", "content": "{key}" }}"#
        )
    } else {
        r#""authenticationType": "userPassword",
    "username": "IMMUTA_SYSTEM_ACCOUNT",
    "password": "bench-Passw0rd-not-a-secret""#
            .to_string()
    };
    let build = |roles: usize| {
        let exclude: Vec<String> = (0..roles).map(|i| format!("\"ETL_SERVICE_ROLE_{i:06}\"")).collect();
        format!(
            r#"{{
  "connectionKey": "acme-snowflake-kp",
  "connection": {{
    "technology": "Snowflake",
    "hostname": "acme-test.us-east-1.snowflakecomputing.com",
    "port": 443,
    "warehouse": "IMMUTA_WH",
    "role": "IMMUTA_SYSTEM_ROLE",
    {credentials}
  }},
  "settings": {{ "isActive": false }},
  "options": {{ "forceRecursiveCrawl": true }},
  "nativeIntegration": {{
    "type": "Snowflake",
    "autoBootstrap": false,
    "config": {{
      "host": "acme-test.us-east-1.snowflakecomputing.com",
      "port": 443,
      "warehouse": "IMMUTA_WH",
      "database": "IMMUTA_FAKE_DB",
      {credentials},
      "audit": {{ "enabled": true }},
      "workspaces": {{ "enabled": false }},
      "impersonation": {{ "enabled": false }},
      "lineage": {{ "enabled": false }}
    }},
    "userRolePattern": {{ "exclude": [{}] }}
  }}
}}"#,
            exclude.join(", ")
        )
    };
    let mut roles = 0;
    while build(roles).len() < target_bytes {
        roles += 1.max((target_bytes - build(roles).len()) / 30);
    }
    build(roles)
}
