//! An internal failure: a panic (a bug) while checking or fixing one file. The user is told in
//! one line, with the version, the file and the place in the code, never the panic's message or
//! a backtrace (either can quote the text being checked), and the run goes on with the other
//! files and ends with [`STATUS`].
//!
//! Natively the panic is caught around each file. Under WASI a panic aborts the instance, so the
//! panic hook prints the same line before the trap, and the hook's runners run the command again
//! with `--internal-failure FILE`, which reports that file as failed and checks the rest.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Mutex;

/// The exit status of a run in which a file could not be checked.
pub const STATUS: i32 = 3;

/// The file being checked, and where the last panic happened.
static FILE: Mutex<Option<String>> = Mutex::new(None);
static PLACE: Mutex<Option<String>> = Mutex::new(None);

/// The one line that reports a failure while checking `file`.
pub fn line(file: &str, place: &str) -> String {
    format!(
        "immuta-preflight {}: internal error while checking `{file}` ({place}); this is a bug: please report \
         this line (not the file) at https://github.com/immuta-preflight/immuta-preflight/issues\n",
        crate::VERSION
    )
}

/// Installs the panic hook of the command line: it keeps the panic's place for [`guarded`] and
/// prints nothing, unless `RUST_BACKTRACE` asks for Rust's own report. Under WASI, where the
/// panic ends the process, it prints the line itself.
pub fn install_hook() {
    let rust_report = std::env::var_os("RUST_BACKTRACE").is_some_and(|v| v != "0");
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let place =
            info.location().map_or_else(|| "unknown place".to_string(), |l| format!("{}:{}", l.file(), l.line()));
        if rust_report {
            default(info);
        }
        if cfg!(target_os = "wasi") {
            let file = FILE.lock().ok().and_then(|f| f.clone());
            eprint!("{}", line(file.as_deref().unwrap_or("the files"), &place));
        }
        if let Ok(mut last) = PLACE.lock() {
            *last = Some(place);
        }
    }));
}

/// Runs `work` on `file`; a panic in it becomes the line that reports it.
pub fn guarded<T>(file: &str, work: impl FnOnce() -> T) -> Result<T, String> {
    if let Ok(mut current) = FILE.lock() {
        *current = Some(file.to_string());
    }
    let result = catch_unwind(AssertUnwindSafe(work));
    if let Ok(mut current) = FILE.lock() {
        *current = None;
    }
    result.map_err(|_| {
        let place = PLACE.lock().ok().and_then(|mut p| p.take());
        line(file, place.as_deref().unwrap_or("unknown place"))
    })
}
