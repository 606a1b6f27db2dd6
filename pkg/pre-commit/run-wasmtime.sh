#!/bin/sh
# The `immuta-preflight-wasmtime` pre-commit hook: the CLI's WebAssembly build under the wasmtime
# command (whose compile cache is on by default), seeing only the current directory.
if ! command -v wasmtime >/dev/null 2>&1; then
    echo "immuta-preflight-wasmtime needs the wasmtime command (https://wasmtime.dev);" >&2
    echo "without it, use the immuta-preflight hook, which needs only Python" >&2
    exit 2
fi
exec wasmtime run --dir=. "$(dirname "$0")/immuta_preflight_hook/immuta-preflight.wasm" "$@"
