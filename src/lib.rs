//! The command-line door of immuta-preflight, and its language server: arguments, the folder walk,
//! `--fix` and `--diff`, over a [`Host`](immuta_preflight_service::host::Host). The native and WASI binaries
//! (`src/main.rs`) and the npm package's `bin` (through the wasm door, `src/wasm`) run this same
//! code. The engine is the core crate (`src/core`); what every door shares is the service crate
//! (`src/service`).

pub mod cli;
// The language server needs threads and lsp-types: the native build only.
#[cfg(not(target_family = "wasm"))]
pub mod lsp;
// The real file system, for the native and WASI binaries (the wasm door brings its own host).
pub mod system;

pub use immuta_preflight_core::VERSION;
