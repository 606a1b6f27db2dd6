"""`make bench-python`: the Python library's `check`, in the virtualenv `make test-python` installs
it into. Prints the first call of a process (the module compiled, or loaded from wasmtime's cache)
and the median of warm calls on the 3 KB payload of the native benchmark; records them into
target/bench/results.json for the targets table. Asserts nothing."""

import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

import immuta_preflight as ip

ROOT = Path(__file__).resolve().parents[2]
RESULTS = ROOT / "target" / "bench" / "results.json"
SMALL = ROOT / "target" / "bench" / "small.json"
payload = (SMALL if SMALL.exists() else ROOT / "tests/fixtures/valid/connection/snowflake-userPassword.json").read_text()

FIRST = "import time, immuta_preflight as ip, sys; t = time.perf_counter(); ip.check(sys.stdin.read()); print(time.perf_counter() - t)"
firsts = [
    float(subprocess.run([sys.executable, "-c", FIRST], input=payload, capture_output=True, text=True, check=True).stdout)
    for _ in range(5)
]
ip.check(payload)
warm = []
for _ in range(300):
    started = time.perf_counter()
    ip.check(payload)
    warm.append(time.perf_counter() - started)
median_ms = statistics.median(warm) * 1000
print(f"Python check, first call of a process (wasmtime's cache warm): median {statistics.median(firsts) * 1000:.1f} ms over 5 processes")
print(f"Python check, {len(payload)} bytes, warm: median {median_ms:.2f} ms, fastest {min(warm) * 1000:.2f} ms, over {len(warm)} calls")
results = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
results.update({"pythonWarmMs": median_ms, "pythonFirstMs": statistics.median(firsts) * 1000})
RESULTS.parent.mkdir(parents=True, exist_ok=True)
RESULTS.write_text(json.dumps(results, indent=2) + "\n")
