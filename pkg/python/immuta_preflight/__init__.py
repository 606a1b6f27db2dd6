"""immuta-preflight for Python: check an Immuta API payload before you send it.

    import immuta_preflight as ip

    report = ip.check(payload)          # a dict, or the text of JSON, YAML or a curl command
    if report.has_errors:
        raise SystemExit(str(report))   # every finding, one per line, no secret in any of them
    requests.post(url, json=payload)

The engine is the immuta-preflight command line compiled to WebAssembly, run in this process by
the wasmtime package: no Rust and no other program is needed. Its findings are the command line's,
with the same codes, positions and fixes.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, Iterable, Mapping, Optional, Sequence, Tuple, Union

from . import _engine

__all__ = [
    "Diagnostic",
    "Edit",
    "Fix",
    "ImmutaPreflightError",
    "Position",
    "Report",
    "Rule",
    "Severity",
    "apply_fixes",
    "check",
    "explain",
    "rules",
]

Payload = Union[str, Mapping[str, Any], Sequence[Any]]
RuleSelection = Mapping[str, Iterable[str]]


class ImmutaPreflightError(RuntimeError):
    """immuta-preflight failed inside (a bug): the payload was not checked. The next call works;
    please report the message (not the payload) at the address it gives."""


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True)
class Position:
    """A range of the checked text: 1-based lines, and columns counted in characters."""

    line: int
    column: int
    end_line: int
    end_column: int


@dataclass(frozen=True)
class Edit:
    """Replace `range` with `text`; or, when the fix copies another value of the payload (a
    secret, say), with `parts`: strings, and positions whose text is copied."""

    range: Position
    text: Optional[str] = None
    parts: Tuple[Union[str, Position], ...] = ()


@dataclass(frozen=True)
class Fix:
    """A safe, mechanical change that resolves the finding; `apply_fixes` applies it."""

    message: str
    edits: Tuple[Edit, ...]


@dataclass(frozen=True)
class Diagnostic:
    """One finding. Its message and help never contain a secret."""

    code: str
    severity: Severity
    message: str
    #: RFC 6901 JSON pointer into the payload; "" is the whole payload.
    pointer: str
    line: int
    column: int
    end_line: int
    end_column: int
    #: What to type instead.
    help: Optional[str] = None
    fix: Optional[Fix] = None

    def __str__(self) -> str:
        text = f"{self.line}:{self.column}: {self.severity.value}[{self.code}]: {self.message}"
        return f"{text} (help: {self.help})" if self.help else text


@dataclass(frozen=True)
class Report:
    """The findings for one payload, in the order of their positions."""

    #: "integration", "integration-script", "connection" or "connection-update"; None when the
    #: text is not recognised as an Immuta payload.
    kind: Optional[str]
    diagnostics: Tuple[Diagnostic, ...]
    #: The text that was checked (for a dict, the JSON it was written as): positions refer to it.
    #: Left out of repr(), since it holds the payload's secrets.
    text: str = field(repr=False)

    @property
    def has_errors(self) -> bool:
        return any(d.severity is Severity.ERROR for d in self.diagnostics)

    @property
    def errors(self) -> Tuple[Diagnostic, ...]:
        return tuple(d for d in self.diagnostics if d.severity is Severity.ERROR)

    def __str__(self) -> str:
        if not self.diagnostics:
            return "no findings"
        return "\n".join(str(d) for d in self.diagnostics)


@dataclass(frozen=True)
class Rule:
    code: str
    severity: Severity
    summary: str


def _text(payload: Payload) -> str:
    if isinstance(payload, str):
        return payload
    if isinstance(payload, (bytes, bytearray)):
        raise TypeError("check(payload): decode bytes first, e.g. payload.decode('utf-8')")
    if isinstance(payload, (Mapping, list, tuple)):
        # Non-ASCII kept as it is, so that columns count the characters a person sees.
        return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"
    raise TypeError(f"check(payload): payload must be text (JSON, YAML or curl), a dict or a list, not {type(payload).__name__}")


def _options(kind: Optional[str], rules: Optional[RuleSelection]) -> list:
    args = ["--no-config", "--color", "never"]
    if kind is not None:
        args += ["--kind", kind]
    for name, codes in (rules or {}).items():
        if name not in ("ignore", "select"):
            raise ValueError(f"rules: unknown option `{name}`; the options are ignore and select")
        if isinstance(codes, str):
            raise TypeError(f"rules[{name!r}] must be a list of rule codes, e.g. [{codes!r}]")
        args += [f"--{name}", ",".join(codes)]
    return args


def _run(args: list, stdin: str = "") -> _engine.Ran:
    ran = _engine.run(args, stdin)
    if ran.trapped or ran.code == 3:
        line = ran.stderr.strip().splitlines()
        raise ImmutaPreflightError(line[0] if line else "immuta-preflight failed inside (a bug)")
    if ran.code == 2:
        message = ran.stderr.strip().splitlines()[0].removeprefix("immuta-preflight: ")
        raise ValueError(message)
    return ran


def _position(item: Mapping[str, Any]) -> Position:
    return Position(item["line"], item["column"], item["endLine"], item["endColumn"])


def _fix(item: Optional[Mapping[str, Any]]) -> Optional[Fix]:
    if not item:
        return None
    edits = []
    for edit in item["edits"]:
        parts = tuple(p["text"] if "text" in p else _position(p["copyFrom"]) for p in edit.get("parts", ()))
        edits.append(Edit(_position(edit), edit.get("text"), parts))
    return Fix(item["message"], tuple(edits))


def check(payload: Payload, *, kind: Optional[str] = None, rules: Optional[RuleSelection] = None) -> Report:
    """Checks `payload`: the text of JSON, YAML or a curl command, or a dict or list (checked as
    the JSON it serialises to, which the report's `text` holds). `kind` skips detection;
    `rules` is `{"ignore": [...]}` and/or `{"select": [...]}` (rule codes or groups)."""
    text = _text(payload)
    ran = _run(["check", "-f", "json", *_options(kind, rules), "-"], text)
    [file] = json.loads(ran.stdout)["files"]
    diagnostics = tuple(
        Diagnostic(
            code=d["code"],
            severity=Severity(d["severity"]),
            message=d["message"],
            pointer=d.get("pointer", ""),
            line=d["line"],
            column=d["column"],
            end_line=d["endLine"],
            end_column=d["endColumn"],
            help=d.get("help"),
            fix=_fix(d.get("fix")),
        )
        for d in file["diagnostics"]
    )
    return Report(kind=file.get("kind"), diagnostics=diagnostics, text=text)


def apply_fixes(payload: Payload, *, kind: Optional[str] = None, rules: Optional[RuleSelection] = None) -> str:
    """The text with every safe fix applied (as `immuta-preflight check --fix`)."""
    return _run(["check", "--fix", *_options(kind, rules), "-"], _text(payload)).stdout


def explain(code: str) -> str:
    """The documentation of the rule `code` (Markdown); ValueError for a code that is not one."""
    return _run(["explain", code]).stdout


def rules() -> Tuple[Rule, ...]:
    """Every rule: its code, severity and one-line summary."""
    found = []
    for line in _run(["rules"]).stdout.splitlines():
        parts = line.split(None, 2)
        if len(parts) == 3:
            found.append(Rule(parts[0], Severity(parts[1]), parts[2]))
    return tuple(found)
