"""The pre-commit hook: the immuta-preflight command line, compiled to wasm32-wasip1, run by the
wasmtime Python package. Nothing but Python is needed on the user's machine.

wasmtime's compile cache is on, so only the first run compiles the module (about 0.3 s); later runs
load the cached machine code. The module is given the file system's root (read-only, unless the
arguments ask for `--fix`) and told the current folder, so that it reads paths, walks folders and
finds the config file itself, as the native binary does.
"""

import os
import re
import sys
import tempfile
from importlib import resources

import wasmtime

MODULE = "immuta-preflight.wasm"
# The CLI's exit status when a file could not be checked because of a bug in immuta-preflight.
INTERNAL_FAILURE = 3
# The line the module prints before a panic traps it, naming the file it was checking.
FAILED_FILE = re.compile(r"^immuta-preflight \S+: internal error while checking `(.+)` \(", re.MULTILINE)
# What the CLI reads of its environment: colour, and git's global excludes for the walk.
ENVIRONMENT = ("NO_COLOR", "TERM", "HOME", "XDG_CONFIG_HOME", "GIT_CONFIG_GLOBAL")


def _root_and_cwd():
    """The root of the file system holding the current folder, and the current folder as the module
    sees it under that root (`/` separators)."""
    here = os.getcwd()
    drive, _ = os.path.splitdrive(here)
    root = drive + os.sep
    relative = os.path.relpath(here, root)
    return root, "/" if relative == "." else "/" + relative.replace(os.sep, "/")


def run(args, cache=True, module=None):
    """Runs the CLI with `args` (without the program name); returns its exit code. `module` is
    another build of it to run instead of the packaged one.

    A panic inside the module (a bug) traps it: the module has printed the one line that names the
    file, and the command runs again with `--internal-failure FILE`, so that the other files are
    still checked; the exit status is then the CLI's 3."""
    engine = _engine(cache)
    if module is None:
        with resources.as_file(resources.files(__package__) / MODULE) as path:
            compiled = wasmtime.Module.from_file(engine, str(path))
    else:
        compiled = wasmtime.Module.from_file(engine, module)
    failed = []
    while True:
        trapped, code, errors = _run_once(engine, compiled, [*args, *failed])
        sys.stderr.write(errors)
        sys.stderr.flush()
        if not trapped:
            return code
        found = FAILED_FILE.search(errors)
        file = found.group(1) if found else None
        # A failure outside any one file, or one that repeats, ends the run.
        if file is None or file == "the files" or file in failed[1::2] or len(failed) > 2 * len(args):
            return INTERNAL_FAILURE
        failed += ["--internal-failure", file]


def _engine(cache):
    config = wasmtime.Config()
    # Cranelift without its optimizations compiles the module a fifth sooner (measured: 0.33 s to
    # 0.26 s), which is what a cold run waits for; checking a commit's files is milliseconds either way.
    config.cranelift_opt_level = "none"
    if cache:
        config.cache = True
    return wasmtime.Engine(config)


def _run_once(engine, compiled, args):
    """One run of the module: whether it trapped, its exit code, and what it wrote to stderr
    (kept apart, so that a trap's line can be read)."""
    linker = wasmtime.Linker(engine)
    linker.define_wasi()
    store = wasmtime.Store(engine)
    wasi = wasmtime.WasiConfig()
    wasi.argv = ["immuta-preflight", *args]
    wasi.inherit_stdin()
    wasi.inherit_stdout()
    with tempfile.TemporaryDirectory() as scratch:
        errors_path = os.path.join(scratch, "stderr")
        wasi.stderr_file = errors_path
        # Read-only, unless the CLI is to write fixes: then it may replace the files it fixes.
        root, cwd = _root_and_cwd()
        wasi.preopen_dir(root, "/", fs_mutable="--fix" in args)
        # The current folder, which WASI has not: the module enters it first.
        wasi.env = [("IMMUTA_PREFLIGHT_CWD", cwd)] + [
            (name, os.environ[name]) for name in ENVIRONMENT if name in os.environ
        ]
        store.set_wasi(wasi)
        instance = linker.instantiate(store, compiled)
        trapped, code = False, 0
        try:
            instance.exports(store)["_start"](store)
        except wasmtime.ExitTrap as exit_:
            code = exit_.code
        except wasmtime.Trap:
            trapped, code = True, INTERNAL_FAILURE
        sys.stdout.flush()
        with open(errors_path, encoding="utf-8", errors="replace") as errors:
            return trapped, code, errors.read()


def main():
    sys.exit(run(sys.argv[1:], cache=os.environ.get("IMMUTA_PREFLIGHT_NO_CACHE") is None))
