"""The native command line, which the library must agree with: built by `make test-python`."""

import json
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CLI = ROOT / "target" / "debug" / "immuta-preflight"
FIXTURES = ROOT / "tests" / "fixtures"
PAYLOAD_SUFFIXES = {".json", ".yaml", ".yml", ".sh"}


def fixture_paths():
    return sorted(p for p in FIXTURES.rglob("*") if p.suffix in PAYLOAD_SUFFIXES and "keys" not in p.parts)


def native(text: str, *args: str):
    """The native CLI's report of `text` read from standard input: (kind, diagnostics)."""
    run = subprocess.run(
        [str(CLI), "check", "-f", "json", "--no-config", *args, "-"],
        input=text.encode("utf-8"),
        capture_output=True,
        check=False,
    )
    assert run.returncode in (0, 1), run.stderr.decode()
    [file] = json.loads(run.stdout)["files"]
    return file.get("kind"), file["diagnostics"]


@pytest.fixture(scope="session", autouse=True)
def cli_is_built():
    if not CLI.exists():
        pytest.exit(f"{CLI} is missing: run `make test-python` (it builds it)", returncode=2)
