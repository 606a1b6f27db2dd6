#!/bin/sh
# The `immuta-preflight-wasmtime` pre-commit hook: the CLI's WebAssembly build under the wasmtime
# command (whose compile cache is on by default). The module is given the file system's root and
# told the current folder, so that it reads paths, walks folders and finds the config file itself,
# as the native binary does.
if ! command -v wasmtime >/dev/null 2>&1; then
    echo "immuta-preflight-wasmtime needs the wasmtime command (https://wasmtime.dev);" >&2
    echo "without it, use the immuta-preflight hook, which needs only Python" >&2
    exit 2
fi
# A panic inside the module (a bug) traps it: the module has printed the one line that names the
# file, wasmtime's report of the trap (a wasm backtrace) is dropped, and the command runs again
# with `--internal-failure FILE`, so that the other files are still checked; the exit status is
# then the CLI's 3.
module="$(cd "$(dirname "$0")/../python/immuta_preflight" && pwd)/immuta-preflight.wasm"
errors=$(mktemp) || exit 2
trap 'rm -f "$errors"' EXIT
runs=0
arguments=$#
while :; do
    wasmtime run --dir=/::/ --env IMMUTA_PREFLIGHT_CWD="$(pwd -P)" --env NO_COLOR --env TERM --env HOME \
        --env XDG_CONFIG_HOME --env GIT_CONFIG_GLOBAL "$module" "$@" 2>"$errors"
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
