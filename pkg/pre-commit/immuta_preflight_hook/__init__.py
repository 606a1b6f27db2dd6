"""The pre-commit hook: the immuta-preflight command line, compiled to wasm32-wasip1, run by the
wasmtime Python package. Nothing but Python is needed on the user's machine.

wasmtime's compile cache is on, so only the first run compiles the module (about 2 s); later runs
load the cached machine code. The module sees the current directory (the repository root, where
pre-commit runs hooks) and nothing else.
"""

import os
import sys
from importlib import resources

import wasmtime

MODULE = "immuta-preflight.wasm"


def run(args, cache=True, module=None):
    """Runs the CLI with `args` (without the program name); returns its exit code. `module` is
    another build of it to run instead of the packaged one."""
    config = wasmtime.Config()
    if cache:
        config.cache = True
    engine = wasmtime.Engine(config)
    if module is None:
        with resources.as_file(resources.files(__package__) / MODULE) as path:
            compiled = wasmtime.Module.from_file(engine, str(path))
    else:
        compiled = wasmtime.Module.from_file(engine, module)
    linker = wasmtime.Linker(engine)
    linker.define_wasi()
    store = wasmtime.Store(engine)
    wasi = wasmtime.WasiConfig()
    wasi.argv = ["immuta-preflight", *args]
    wasi.inherit_stdin()
    wasi.inherit_stdout()
    wasi.inherit_stderr()
    # Read-only: the CLI only reads the files it is given.
    wasi.preopen_dir(".", ".", fs_mutable=False)
    # What the CLI reads of its environment: whether colour is wanted.
    wasi.env = [(name, os.environ[name]) for name in ("NO_COLOR", "TERM") if name in os.environ]
    store.set_wasi(wasi)
    instance = linker.instantiate(store, compiled)
    try:
        instance.exports(store)["_start"](store)
    except wasmtime.ExitTrap as exit_:
        return exit_.code
    return 0


def main():
    sys.exit(run(sys.argv[1:], cache=os.environ.get("IMMUTA_PREFLIGHT_NO_CACHE") is None))
