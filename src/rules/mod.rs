//! Every rule: one module, one stable kebab-case code, one entry point `check(&Context, &mut Sink)`,
//! and its documentation written once beside it in the module's `DOC`. The [`registry`] ties each
//! code to its severity, its doc and its check; [`context`] holds the facts a rule reads.

pub mod context;
pub mod registry;
pub mod selection;
mod sink;

mod api_shape;
mod aws_format;
mod bigquery_credential;
mod catalog_name;
mod connection_key;
mod credential_format;
mod curl_command;
mod deprecated;
mod disputed_field;
mod duplicate_connection_key;
mod duplicate_integration;
mod duplicate_key;
mod edits;
mod gcp_format;
mod host_format;
mod http_path;
mod identifier_format;
mod input_limit;
mod internal_error;
mod invalid_value;
mod mismatch;
mod missing_field;
mod placeholder;
mod private_key_format;
mod private_key_newlines;
mod private_key_password;
mod private_key_structure;
mod recommended_setting;
mod script_mismatch;
mod syntax;
mod template;
mod unconfirmed;
mod unknown_field;
mod unknown_kind;
mod unusual_port;
mod whitespace;
mod wrong_type;

pub use context::{Context, Payload, Subject};
pub use registry::{ALL, Code, Doc, Rule, find, markdown_table};
pub use sink::Sink;

use crate::document::dotted;

/// Runs every rule, in the registry's run order.
pub fn run_all(ctx: &Context, sink: &mut Sink) {
    for code in registry::RUN_ORDER {
        (code.check())(ctx, sink);
    }
}

/// `config.port` in backticks, the way messages name fields; the root is "the payload".
pub fn field(pointer: &str) -> String {
    if pointer.is_empty() { dotted(pointer) } else { format!("`{}`", dotted(pointer)) }
}

pub fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let cut: String = text.chars().take(max).collect();
        format!("{cut}…")
    }
}
