//! The `immuta-preflight` command, built natively and for `wasm32-wasip1`: the library's CLI over
//! the real file system ([`System`]), standard streams and exit code; natively also `lsp`.

use immuta_preflight::cli;
use immuta_preflight::system::{System, WASI_CWD};
use immuta_preflight_service::failure;
use std::io::Write;

fn main() {
    let args: Vec<std::ffi::OsString> = std::env::args_os().skip(1).collect();
    if cfg!(target_os = "wasi")
        && let Some(folder) = std::env::var_os(WASI_CWD)
        && let Err(error) = std::env::set_current_dir(&folder)
    {
        eprintln!(
            "immuta-preflight: cannot enter the current folder {folder:?} ({error}); is the file system's root opened?"
        );
        std::process::exit(2);
    }
    failure::install_hook();
    #[cfg(not(target_family = "wasm"))]
    if args.len() == 1 && args[0] == "lsp" {
        std::process::exit(immuta_preflight::lsp::serve());
    }
    // Each file is guarded on its own; this catches a failure after them (the checks across
    // files, the report).
    let outcome = failure::guarded("the files", || cli::run(args, &mut System)).unwrap_or_else(|line| cli::Outcome {
        code: failure::STATUS,
        stdout: String::new(),
        stderr: line,
    });
    // A closed pipe (`| head`) is not an error worth a message.
    let _ = std::io::stdout().lock().write_all(outcome.stdout.as_bytes());
    let _ = std::io::stderr().lock().write_all(outcome.stderr.as_bytes());
    std::process::exit(outcome.code);
}
