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
# A panic inside the module (a bug) traps it: the module has printed the one line that names the
# file, wasmtime's report of the trap (a wasm backtrace) is dropped, and the command runs again
# with `--internal-failure FILE`, so that the other files are still checked; the exit status is
# then the CLI's 3.
module="$(dirname "$0")/immuta_preflight_hook/immuta-preflight.wasm"
errors=$(mktemp) || exit 2
trap 'rm -f "$errors"' EXIT
runs=0
arguments=$#
while :; do
    wasmtime run --dir=. "$module" "$@" 2>"$errors"
    status=$?
    if ! grep -q '^Error: failed to run main module' "$errors"; then
        cat "$errors" >&2
        exit "$status"
    fi
    sed '/^Error: failed to run main module/,$d' "$errors" >&2
    file=$(sed -n 's/^immuta-preflight [^ ]*: internal error while checking `\(.*\)` (.*/\1/p' "$errors" | head -n 1)
    runs=$((runs + 1))
    # A failure outside any one file, or more runs than arguments, ends the run.
    if [ -z "$file" ] || [ "$file" = "the files" ] || [ "$runs" -gt "$arguments" ]; then
        exit 3
    fi
    set -- "$@" --internal-failure "$file"
done
