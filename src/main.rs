//! The `immuta-preflight` command: a thin door over the library, built natively and for
//! `wasm32-wasip1`. Exit codes: 0 no errors, 1 errors found, 2 bad usage or unreadable input.

mod cli;

fn main() {
    let args: Vec<std::ffi::OsString> = std::env::args_os().skip(1).collect();
    std::process::exit(cli::run(args));
}
