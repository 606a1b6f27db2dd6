"""The pre-commit hook: the immuta-preflight command line, compiled to wasm32-wasip1, run by the
wasmtime Python package. Nothing but Python is needed on the user's machine.

wasmtime's compile cache is on, so only the first run compiles the module (about 0.3 s); later runs
load the cached machine code. The module sees the current directory (the repository root, where
pre-commit runs hooks) and nothing else: read-only, unless the arguments ask for `--fix`.
"""

import os
import sys
from importlib import resources

import wasmtime

MODULE = "immuta-preflight.wasm"
CONFIG = "immuta-preflight.toml"


def config_out_of_sight(here="."):
    """The config file that the native CLI would read from a folder above `here` (up to the
    repository root), which the sandboxed module cannot see; None when there is none."""
    folder = os.path.abspath(here)
    if os.path.isfile(os.path.join(folder, CONFIG)):
        return None
    while not os.path.exists(os.path.join(folder, ".git")):
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent
        if os.path.isfile(os.path.join(folder, CONFIG)):
            return os.path.join(folder, CONFIG)
    return None


def run(args, cache=True, module=None):
    """Runs the CLI with `args` (without the program name); returns its exit code. `module` is
    another build of it to run instead of the packaged one."""
    config = wasmtime.Config()
    # Cranelift without its optimizations compiles the module a fifth sooner (measured: 0.33 s to
    # 0.26 s), which is what a cold run waits for; checking a commit's files is milliseconds either way.
    config.cranelift_opt_level = "none"
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
    # Read-only, unless the CLI is to write fixes: then it may replace the files it fixes.
    wasi.preopen_dir(".", ".", fs_mutable="--fix" in args)
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
    args = sys.argv[1:]
    unseen = config_out_of_sight() if "--config" not in args and "--no-config" not in args else None
    if unseen is not None:
        sys.stderr.write(
            f"immuta-preflight: {unseen} is not read: the hook sees only the current folder; "
            "run it from the folder of the config file, or pass --config with a path inside this one\n"
        )
    sys.exit(run(args, cache=os.environ.get("IMMUTA_PREFLIGHT_NO_CACHE") is None))
