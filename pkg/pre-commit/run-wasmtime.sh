#!/bin/sh
# The `immuta-preflight-wasmtime` pre-commit hook: the CLI's WebAssembly build under the wasmtime
# command (whose compile cache is on by default), seeing only the current directory.
if ! command -v wasmtime >/dev/null 2>&1; then
    echo "immuta-preflight-wasmtime needs the wasmtime command (https://wasmtime.dev);" >&2
    echo "without it, use the immuta-preflight hook, which needs only Python" >&2
    exit 2
fi
# The module sees only the current folder: say so when the native CLI would read a config file
# from a folder above it (up to the repository root).
if [ ! -f immuta-preflight.toml ]; then
    folder=$(pwd)
    while [ ! -e "$folder/.git" ] && [ "$folder" != / ]; do
        folder=$(dirname "$folder")
        if [ -f "$folder/immuta-preflight.toml" ]; then
            echo "immuta-preflight: $folder/immuta-preflight.toml is not read: the hook sees only the current folder; run it from the folder of the config file, or pass --config with a path inside this one" >&2
            break
        fi
    done
fi
exec wasmtime run --dir=. "$(dirname "$0")/immuta_preflight_hook/immuta-preflight.wasm" "$@"
