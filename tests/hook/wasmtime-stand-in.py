"""A stand-in for the wasmtime command in the hook tests (building the real one takes a quarter of
an hour). It accepts what pkg/pre-commit/run-wasmtime.sh passes, `run --dir=/::/ --env NAME[=VALUE]...
MODULE ARGS...`, records those arguments in a file of its own in the directory named first
(pre-commit runs several at once), and runs MODULE with the wasmtime Python package as the real
command would: the file system's root opened, and the current folder named in
IMMUTA_PREFLIGHT_CWD (which must be the current folder). A trap is reported as the real command reports it: the
module's stderr, then `Error: failed to run main module` with wasmtime's causes, and exit status
134 (128 + SIGABRT)."""

import json
import os
import sys

from immuta_preflight.hook import _engine, _run_once
import wasmtime

log_dir, arguments = sys.argv[1], sys.argv[2:]
os.makedirs(log_dir, exist_ok=True)
with open(os.path.join(log_dir, f"{os.getpid()}.json"), "w") as out:
    json.dump(arguments, out)
if arguments[:2] != ["run", "--dir=/::/"]:
    sys.exit(f"wasmtime stand-in: unexpected arguments {arguments}")
rest = arguments[2:]
passed = {}
while rest[:1] == ["--env"] and len(rest) >= 2:
    name, _, value = rest[1].partition("=")
    passed[name] = value if value else os.environ.get(name)
    rest = rest[2:]
if passed.get("IMMUTA_PREFLIGHT_CWD") != os.getcwd() or not rest:
    sys.exit(f"wasmtime stand-in: unexpected arguments {arguments}")
module, arguments = rest[0], rest
engine = _engine(cache=False)
trapped, code, errors = _run_once(engine, wasmtime.Module.from_file(engine, module), rest[1:])
sys.stderr.write(errors)
if trapped:
    sys.stderr.write(
        f"Error: failed to run main module `{module}`\n\nCaused by:\n    0: failed to invoke command default\n"
        "    1: error while executing at wasm backtrace:\n           0: 0x1234 - <unknown>!__rust_start_panic\n"
        "    2: wasm trap: wasm `unreachable` instruction executed\n"
    )
    sys.exit(134)
sys.exit(code)
