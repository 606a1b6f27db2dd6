"""The Python library against the native command line, on every fixture, as text and as a dict."""

import json
import re
import sysconfig
from dataclasses import asdict

import pytest

import immuta_preflight as ip
from immuta_preflight import _engine
from conftest import FIXTURES, ROOT, fixture_paths, native

PATHS = fixture_paths()
DEMO = (FIXTURES / "invalid" / "demo-databricks-connection.json").read_text()
TOKENS = re.findall(r'"token": "(dapi\w+)"', DEMO)
KEY = (FIXTURES / "keys" / "rsa.pem").read_text().strip()


def as_native(diagnostic: ip.Diagnostic) -> dict:
    """A diagnostic in the CLI's JSON shape, for comparison."""
    shaped = {
        "code": diagnostic.code,
        "severity": diagnostic.severity.value,
        "message": diagnostic.message,
        "pointer": diagnostic.pointer,
        "line": diagnostic.line,
        "column": diagnostic.column,
        "endLine": diagnostic.end_line,
        "endColumn": diagnostic.end_column,
    }
    if diagnostic.help is not None:
        shaped["help"] = diagnostic.help
    return shaped


def without_fix(found):
    return [{k: v for k, v in d.items() if k not in ("fix", "related")} for d in found]


def test_it_is_the_installed_wheel_that_is_tested():
    assert ip.__file__.startswith(sysconfig.get_paths()["purelib"]), ip.__file__
    assert str(ROOT / "pkg") not in ip.__file__


@pytest.mark.parametrize("path", PATHS, ids=lambda p: str(p.relative_to(FIXTURES)))
def test_the_same_verdicts_as_the_native_cli(path):
    text = path.read_text(encoding="utf-8")
    kind, expected = native(text)
    report = ip.check(text)
    assert report.kind == kind
    assert [as_native(d) for d in report.diagnostics] == without_fix(expected)
    assert [d.fix is not None for d in report.diagnostics] == ["fix" in d for d in expected]
    assert report.has_errors == any(d["severity"] == "error" for d in expected)
    assert report.text == text


@pytest.mark.parametrize("path", [p for p in PATHS if p.suffix == ".json"], ids=lambda p: str(p.relative_to(FIXTURES)))
def test_a_dict_is_checked_as_the_json_it_serialises_to(path):
    try:
        payload = json.loads(path.read_text(encoding="utf-8"))
    except ValueError:
        pytest.skip("not valid JSON: only text can carry it")
    report = ip.check(payload)
    kind, expected = native(report.text)
    assert json.loads(report.text) == payload
    assert report.kind == kind
    assert [as_native(d) for d in report.diagnostics] == without_fix(expected)


def test_kind_rules_fixes_and_the_rules_documentation():
    report = ip.check(DEMO, rules={"ignore": ["unknown-field", "mismatch"]})
    assert [d.code for d in report.diagnostics] == ["connection-key", "wrong-type", "catalog-name"]
    assert [d.code for d in ip.check(DEMO, rules={"select": ["wrong-type"]}).diagnostics] == ["wrong-type"]
    port = ip.check(DEMO).diagnostics[1]
    assert port.fix == ip.Fix("remove the quotes", (ip.Edit(ip.Position(6, 13, 6, 18), "443"),))
    token = ip.check(DEMO).diagnostics[3]
    assert token.fix.edits[0].parts == (ip.Position(9, 14, 9, 52),), "the fix copies the token by position"
    fixed = ip.apply_fixes(DEMO)
    assert '"port": 443,' in fixed and ip.check(fixed).diagnostics[0].code == "connection-key"
    assert ip.check("{}", kind="connection").kind == "connection"
    assert ip.explain("wrong-type").startswith("# wrong-type (error)")
    codes = [rule.code for rule in ip.rules()]
    assert "private-key-newlines" in codes and len(codes) == len(set(codes)) >= 30
    assert all(isinstance(rule.severity, ip.Severity) for rule in ip.rules())


def test_mistakes_in_the_call_say_what_to_write():
    with pytest.raises(ValueError, match="unknown kind `conection`; did you mean `connection`?"):
        ip.check("{}", kind="conection")
    with pytest.raises(ValueError, match="unknown rule"):
        ip.explain("nope")
    with pytest.raises(ValueError, match="unknown option `ignor`"):
        ip.check("{}", rules={"ignor": ["x"]})
    with pytest.raises(TypeError, match="must be a list of rule codes"):
        ip.check("{}", rules={"ignore": "unknown-field"})
    with pytest.raises(TypeError, match="decode bytes first"):
        ip.check(b"{}")
    with pytest.raises(TypeError, match="not int"):
        ip.check(3)


def test_no_secret_in_repr_or_str():
    payload = json.loads((FIXTURES / "valid" / "connection" / "snowflake-keyPair.json").read_text())
    payload["connection"]["privateKey"]["content"] = KEY.replace("\n", "\n\n")
    payload["nativeIntegration"]["config"]["privateKey"]["content"] = "short"
    reports = [ip.check(DEMO), ip.check(json.loads(DEMO)), ip.check(payload), ip.check(DEMO.replace('"443"', '"44'))]
    for report in reports:
        shown = repr(report) + str(report) + "".join(repr(d) + str(d) for d in report.diagnostics)
        shown += repr([asdict(d) for d in report.diagnostics])
        for secret in TOKENS + KEY.splitlines()[1:-1]:
            assert secret not in shown
        assert report.text not in shown


def test_after_a_failure_inside_the_engine_the_next_call_works():
    with pytest.raises(ip.ImmutaPreflightError, match="internal error while checking `<stdin>`"):
        ip._run(["check", "--no-config", "--internal-test-panic", "<stdin>", "-"], DEMO)
    assert [d.code for d in ip.check(DEMO).diagnostics][:2] == ["connection-key", "wrong-type"]
    ran = _engine.run(["--version"])
    assert ran.code == 0 and ran.stdout.startswith("immuta-preflight ")
