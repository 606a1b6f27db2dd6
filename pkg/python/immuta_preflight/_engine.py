"""The engine: the immuta-preflight command line compiled to wasm32-wasip1, run by the wasmtime
package in this process. The module is compiled once per process (and cached on disk by wasmtime
across processes); each call gets a fresh instance, which costs well under a millisecond, so a bug
that traps one call leaves nothing behind for the next. A call sees no file system: its text comes
in on standard input, and the answer goes out on standard output."""

from __future__ import annotations

import atexit
import contextlib
import os
import tempfile
import threading
from importlib import resources
from typing import NamedTuple, Sequence

import wasmtime

MODULE = "immuta-preflight.wasm"
_lock = threading.Lock()
_compiled: tuple[wasmtime.Engine, wasmtime.Module, wasmtime.Linker] | None = None
_scratch = threading.local()


class Ran(NamedTuple):
    code: int
    stdout: str
    stderr: str
    trapped: bool


def _module() -> tuple[wasmtime.Engine, wasmtime.Module, wasmtime.Linker]:
    global _compiled
    with _lock:
        if _compiled is None:
            config = wasmtime.Config()
            # wasmtime's compile cache: later processes load the machine code instead of compiling.
            if os.environ.get("IMMUTA_PREFLIGHT_NO_CACHE") is None:
                config.cache = True
            engine = wasmtime.Engine(config)
            with resources.as_file(resources.files(__package__) / MODULE) as path:
                module = wasmtime.Module.from_file(engine, str(path))
            linker = wasmtime.Linker(engine)
            linker.define_wasi()
            _compiled = (engine, module, linker)
        return _compiled


def _stdin_path() -> str:
    """A file of this thread's own for standard input (WASI reads standard input from a file)."""
    path = getattr(_scratch, "path", None)
    if path is None:
        handle, path = tempfile.mkstemp(prefix="immuta-preflight-", suffix=".stdin")
        os.close(handle)
        _scratch.path = path
        atexit.register(_remove, path)
    return path


def _remove(path: str) -> None:
    with contextlib.suppress(OSError):
        os.remove(path)


def run(args: Sequence[str], stdin: str = "") -> Ran:
    """Runs the command line with `args` on `stdin`; its exit code and output."""
    engine, module, linker = _module()
    path = _stdin_path()
    with open(path, "w", encoding="utf-8", newline="") as file:
        file.write(stdin)
    out: list[bytes] = []
    err: list[bytes] = []
    wasi = wasmtime.WasiConfig()
    wasi.argv = ["immuta-preflight", *args]
    wasi.stdin_file = path
    wasi.stdout_custom = out.append
    wasi.stderr_custom = err.append
    store = wasmtime.Store(engine)
    store.set_wasi(wasi)
    code, trapped = 0, False
    try:
        instance = linker.instantiate(store, module)
        instance.exports(store)["_start"](store)
    except wasmtime.ExitTrap as exit_:
        code = exit_.code
    except wasmtime.Trap:
        code, trapped = 3, True
    decode = lambda chunks: b"".join(chunks).decode("utf-8", errors="replace")  # noqa: E731
    return Ran(code, decode(out), decode(err), trapped)
