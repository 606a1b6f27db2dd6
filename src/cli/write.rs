//! Replacing a file with its fixed text, over the host's file-system primitives (so the native and
//! WASI binaries and the npm `bin` write alike): the new bytes go to a temporary file beside it,
//! which is renamed over it, so that a failure leaves the file whole; a file that changed since it
//! was read is left alone.

use immuta_preflight_service::host::{Host, ReadError, WriteError};

/// Replaces the file at `path`, which held `was` when it was read, with `bytes`, keeping its
/// permissions. A symbolic link is followed, so the file it names is the one replaced.
pub fn replace(host: &mut dyn Host, path: &str, was: &[u8], bytes: &[u8]) -> Result<(), WriteError> {
    let target = host.canonical(path).map_err(WriteError::Other)?;
    unchanged(host, &target, was)?;
    let (folder, name) = match target.rfind(['/', '\\']) {
        Some(cut) => (&target[..=cut], &target[cut + 1..]),
        None => ("", target.as_str()),
    };
    let temporary = (0..100)
        .map(|n| format!("{folder}.{name}.immuta-preflight-{n}.tmp"))
        .find(|temporary| host.create_new(temporary, bytes).is_ok())
        .ok_or_else(|| WriteError::Other(format!("cannot create a temporary file beside {path}")))?;
    let finished = host
        .copy_permissions(&target, &temporary)
        // Read once more just before the rename: an editor may have saved the file meanwhile.
        .map_err(WriteError::Other)
        .and_then(|()| unchanged(host, &target, was))
        .and_then(|()| host.rename(&temporary, &target).map_err(WriteError::Other));
    if finished.is_err() {
        host.remove(&temporary);
    }
    finished
}

fn unchanged(host: &mut dyn Host, path: &str, was: &[u8]) -> Result<(), WriteError> {
    match host.read(path) {
        Ok(current) if current == was => Ok(()),
        Ok(_) => Err(WriteError::Changed),
        Err(ReadError::NotFound) => Err(WriteError::Other("no such file".into())),
        Err(ReadError::PermissionDenied) => Err(WriteError::Other("permission denied".into())),
        Err(ReadError::IsDirectory) => Err(WriteError::Other("it is a folder".into())),
        Err(ReadError::Other(reason)) => Err(WriteError::Other(reason)),
    }
}
