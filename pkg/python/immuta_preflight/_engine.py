"""The engine: the immuta-preflight command line compiled to wasm32-wasip1, run by the wasmtime
package in this process. The module is compiled once per process (and cached on disk by wasmtime
across processes). Each thread keeps one instance and calls the function the module exports for
embedders (src/cli/embedded.rs): the command line on a text in memory, without starting a fresh
instance each time. A bug that traps the instance throws it away; the next call starts another.
No file system is visible to it."""

from __future__ import annotations

import json
import os
import threading
from importlib import resources
from typing import NamedTuple, Sequence

import wasmtime

MODULE = "immuta-preflight.wasm"
_lock = threading.Lock()
_compiled: tuple[wasmtime.Engine, wasmtime.Module, wasmtime.Linker] | None = None
_local = threading.local()


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


class _Instance:
    """This thread's instance of the module, and its exports."""

    def __init__(self) -> None:
        engine, module, linker = _module()
        self.store = wasmtime.Store(engine)
        wasi = wasmtime.WasiConfig()
        wasi.argv = ["immuta-preflight"]
        self.stderr: list[bytes] = []
        wasi.stderr_custom = self.stderr.append
        self.store.set_wasi(wasi)
        exports = linker.instantiate(self.store, module).exports(self.store)
        self.memory = exports["memory"]
        self.alloc = exports["immuta_preflight_alloc"]
        self.run = exports["immuta_preflight_run"]
        self.answer = exports["immuta_preflight_answer"]

    def call(self, request: bytes) -> dict:
        pointer = self.alloc(self.store, len(request))
        self.memory.write(self.store, request, pointer)
        length = self.run(self.store, pointer, len(request))
        start = self.answer(self.store)
        return json.loads(self.memory.read(self.store, start, start + length))


def run(args: Sequence[str], stdin: str = "") -> Ran:
    """Runs the command line with `args` on `stdin`; its exit code and output."""
    instance = getattr(_local, "instance", None)
    if instance is None:
        instance = _local.instance = _Instance()
    request = json.dumps({"args": list(args), "stdin": stdin}).encode("utf-8")
    try:
        answer = instance.call(request)
    except wasmtime.Trap:
        # A panic (a bug) traps the instance, which is left unusable: the next call gets a new one.
        _local.instance = None
        line = b"".join(instance.stderr).decode("utf-8", errors="replace")
        return Ran(3, "", line, True)
    return Ran(answer["code"], answer["stdout"], answer["stderr"], False)
