"""A stand-in for the wasmtime command in the hook tests (building the real one takes a quarter of
an hour). It accepts what pkg/pre-commit/run-wasmtime.sh passes, `run --dir=. MODULE ARGS...`,
records those arguments in a file of its own in the directory named first (pre-commit runs
several at once), and runs MODULE with the wasmtime Python package, seeing only the current
directory, as `wasmtime run --dir=.` would."""

import json
import os
import sys

from immuta_preflight_hook import run

log_dir, arguments = sys.argv[1], sys.argv[2:]
os.makedirs(log_dir, exist_ok=True)
with open(os.path.join(log_dir, f"{os.getpid()}.json"), "w") as out:
    json.dump(arguments, out)
if arguments[:2] != ["run", "--dir=."] or len(arguments) < 3:
    sys.exit(f"wasmtime stand-in: unexpected arguments {arguments}")
sys.exit(run(arguments[3:], module=arguments[2]))
