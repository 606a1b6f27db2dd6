//! The service of immuta-preflight: the one API that every door calls (the command line, the
//! language server, the wasm door of the npm package and the page). The engine itself is the core
//! crate, `immuta-preflight-core`; here is everything around a check:
//!
//! - [`host`]: what the service needs from the system it runs on, and reading a file;
//! - [`config`]: the config file, and the options it gives each file;
//! - [`documents`]: the documents an editor has open, and their reports;
//! - [`editor`]: what an editor shows of a document: findings, hover, code actions;
//! - [`files`]: checking a set of files, with the checks across files;
//! - [`complete`]: completion and hover;
//! - [`snapshot`]: a host for doors whose file system answers asynchronously (VS Code's);
//! - [`render`]: the text, JSON, SARIF and GitHub renderers of the same data;
//! - [`wire`]: the wire types of reports, options and completions (serde);
//! - [`typescript`]: the npm package's TypeScript types, from the engine's lists and the wire types
//!   (feature `typescript`, for the tests);
//! - [`failure`]: a bug while checking one file, caught and reported in one line.

pub mod complete;
pub mod config;
pub mod documents;
pub mod editor;
pub mod failure;
pub mod files;
pub mod host;
pub mod render;
pub mod snapshot;
#[cfg(feature = "typescript")]
pub mod typescript;
pub mod wire;

pub use immuta_preflight_core as core;
pub use immuta_preflight_core::VERSION;
