//! Rule `internal-error`: immuta-preflight could not run one of its own checks. Never expected:
//! the embedded schemas are parsed and compiled by the tests, and every variant `select_variant`
//! can choose is checked to have one. If it happens anyway, the user hears of it instead of
//! getting a clean report that checked less than it claims.

use super::{Code, Context, Doc, Sink};
use crate::diagnostic::Diagnostic;

pub const DOC: Doc = Doc {
    summary: "immuta-preflight could not run one of its own checks (a bug: please report it); the report is incomplete.",
    body: r#"## What it checks
Nothing about your payload. This error says that immuta-preflight itself could not run a check it
meant to run: the schema for the payload's variant (technology and authentication type) did not
load. The other rules still ran; the schema's findings (missing fields, wrong types, values not
allowed, unknown fields) are absent, so the report is incomplete.

## Why
A checker that silently checks less than it claims is worse than one that says so. This cannot
happen in a released build (the tests compile every schema variant), but if it does, a clean report
must not follow.

## Example
`error[internal-error]: immuta-preflight could not load its schema for connection-snowflake-keyPair`

## Fix
Report it at the project's issue tracker with the version (`immuta-preflight --version`); the
payload is not needed, only its technology and `authenticationType`.
"#,
};

pub fn check(ctx: &Context, sink: &mut Sink) {
    let Some(payload) = ctx.payload() else { return };
    let Some(failure) = payload.schema_failure else { return };
    sink.push(
        Diagnostic::new(
            Code::InternalError,
            "",
            payload.missing_span(""),
            format!(
                "immuta-preflight could not load its schema for {}, so fields were not checked: {failure}",
                payload.variant.def
            ),
        )
        .with_help("this is a bug in immuta-preflight: please report it with the output of --version"),
    );
}
