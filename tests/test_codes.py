"""One catalogue of message codes: used everywhere, with one severity each."""

from __future__ import annotations

import ast
import inspect
import json
import re
from pathlib import Path

import pytest

from remiss import codes
from remiss.checks.positions import text_diagnostic
from remiss.errors import ERROR, WARNING, Diagnostic, UnknownCode
from remiss.sourcemap import SourceMap
from tests.conftest import ROOT, run_remiss

SRC = ROOT / "src" / "remiss"
CODE = re.compile(r"^[EWT]\d{3}$")


def source_files() -> list[Path]:
    """Every module of remiss except the catalogue itself."""
    return sorted(p for p in SRC.rglob("*.py") if p != SRC / "codes.py")


def literals(tree: ast.AST) -> list[ast.Constant]:
    return [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and CODE.match(node.value)
    ]


def codes_in_source() -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for path in source_files():
        tree = ast.parse(path.read_text("utf-8"))
        for node in literals(tree):
            where = f"{path.relative_to(ROOT)}:{node.lineno}"
            found.setdefault(node.value, []).append(where)
    return found


def test_every_code_in_the_source_is_catalogued() -> None:
    used = codes_in_source()
    assert len(used) > 50
    missing = {code: where for code, where in used.items() if code not in codes.CODES}
    assert missing == {}


def test_every_catalogued_code_is_used_in_the_source() -> None:
    dead = sorted(set(codes.CODES) - set(codes_in_source()))
    assert dead == []


def test_catalogue_lists_each_code_once() -> None:
    listed = [c.code for f in codes.FAMILIES for c in f.codes]
    assert len(listed) == len(set(listed)) == len(codes.CODES)


def test_w_codes_are_warnings_and_e_and_t_codes_errors() -> None:
    for code in codes.CODES.values():
        expected = WARNING if code.code.startswith("W") else ERROR
        assert code.severity == expected, code.code


def test_meanings_are_one_swedish_line_that_fits_a_table() -> None:
    for code in codes.CODES.values():
        assert code.meaning, code.code
        assert code.meaning.strip() == code.meaning, code.code
        assert "\n" not in code.meaning, code.code
        assert "|" not in code.meaning, code.code
        assert code.section, code.code


# Helpers that create a diagnostic and the severity they give it when the call
# names none. The public ones are read from their signatures.
def _default(function: object) -> str:
    return inspect.signature(function).parameters["severity"].default


CREATORS = {
    "Diagnostic": _default(Diagnostic),
    "diagnostic": _default(SourceMap.diagnostic),
    "text_diagnostic": _default(text_diagnostic),
    "_failed": _default(Diagnostic),  # input/yaml: Diagnostic without severity
    "_abort": ERROR,  # input/yaml: Diagnostic(..., ERROR, ...)
    "warn": _default(text_diagnostic),  # checks/accessibility
    "ExpressionError": ERROR,  # input/expressions makes each one an error
    "PdfUnavailable": ERROR,  # build/batch reports it as an error
    "at_field": ERROR,  # review/importrun: an import problem at a case field
    "at_doc": ERROR,  # review/importrun: an import problem in the document
}


def _callee(call: ast.Call) -> str:
    func = call.func
    return func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")


def _severity(call: ast.Call) -> str | None:
    """Return the severity a creator call gives, or None when it passes one on."""
    for keyword in call.keywords:
        if keyword.arg == "severity":
            value = keyword.value
            named = value.id if isinstance(value, ast.Name) else ""
            return {"ERROR": ERROR, "WARNING": WARNING}.get(named)
    for arg in call.args:
        if isinstance(arg, ast.Name) and arg.id in ("ERROR", "WARNING"):
            return {"ERROR": ERROR, "WARNING": WARNING}[arg.id]
    return CREATORS[_callee(call)]


def severities_in_source() -> tuple[list[tuple[str, str, str]], list[str]]:
    """Return (place, code, severity) for each code literal whose severity the
    source shows, and the places of those it does not.

    A literal given to a creator gets that call's severity. A literal kept in
    a table (or compared with) gets the severity of the module's creator
    calls that take their code from a variable, when they all agree."""
    found, unknown = [], []
    for path in source_files():
        tree = ast.parse(path.read_text("utf-8"))
        calls = [
            n
            for n in ast.walk(tree)
            if isinstance(n, ast.Call) and _callee(n) in CREATORS
        ]
        direct: dict[int, str | None] = {}
        passed_on: set[str] = set()
        for call in calls:
            given = [*call.args, *(k.value for k in call.keywords)]
            mine = [n for n in given if n in literals(call)]
            for node in mine:
                direct[id(node)] = _severity(call)
            if not mine and _severity(call) is not None:
                # None: the call copies the severity of another diagnostic
                passed_on.add(_severity(call))
        for node in literals(tree):
            place = f"{path.relative_to(SRC)}:{node.lineno}"
            severity = direct.get(id(node))
            if severity is None and id(node) not in direct and len(passed_on) == 1:
                severity = next(iter(passed_on))
            if severity is None:
                unknown.append(f"{place} {node.value}")
            else:
                found.append((place, node.value, severity))
    return found, unknown


def test_each_code_is_given_the_catalogued_severity() -> None:
    found, unknown = severities_in_source()
    wrong = [
        f"{place} {code} {severity}"
        for place, code, severity in found
        if codes.CODES[code].severity != severity
    ]
    assert wrong == []
    assert len(found) > 80
    # The klarspråk rules name their codes as constants; every finding becomes
    # a warning in checks/plain_language.py. errors.py holds ExpressionError's
    # default code (E701) and PdfUnavailable's (E501), errors like every code
    # those classes carry.
    assert all(
        "klarsprak/text.py" in place
        or (place.startswith("errors.py:") and place.endswith((" E701", " E501")))
        for place in unknown
    ), unknown


def test_klarsprak_findings_are_warnings() -> None:
    from remiss.checks import klarsprak

    named = {v for k, v in vars(klarsprak).items() if k.startswith("W_")}
    assert len(named) == 7
    assert {codes.CODES[c].severity for c in named} == {WARNING}
    tree = ast.parse((SRC / "checks" / "plain_language.py").read_text("utf-8"))
    made = [
        call
        for call in ast.walk(tree)
        if isinstance(call, ast.Call)
        and _callee(call) == "Diagnostic"
        and any(ast.unparse(a) == "finding.code" for a in call.args)
    ]
    assert [_severity(call) for call in made] == [WARNING]


def test_diagnostic_with_an_unknown_code_fails() -> None:
    with pytest.raises(UnknownCode, match="E999"):
        Diagnostic("a.yaml", 1, 1, "E999", "x")


def test_diagnostic_with_another_severity_than_catalogued_fails() -> None:
    with pytest.raises(UnknownCode, match="W001.*warning"):
        Diagnostic("a.yaml", 1, 1, "W001", "x", severity=ERROR)
    with pytest.raises(UnknownCode):
        Diagnostic("a.yaml", 1, 1, "E001", "x", severity=WARNING)


def test_diagnostic_with_a_catalogued_code_is_made() -> None:
    d = Diagnostic("a.yaml", 2, 3, "W102", "x", severity=WARNING)
    assert not d.is_error
    assert d.headline() == "a.yaml:2:3: W102 x"


def test_koder_json_is_the_catalogue() -> None:
    result = run_remiss("koder", "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert [e["kod"] for e in data] == [c.code for f in codes.FAMILIES for c in f.codes]
    first = data[0]
    assert first == {
        "kod": "E001",
        "allvarlighet": "fel",
        "område": "YAML-filen",
        "betyder": codes.CODES["E001"].meaning,
        "beskrivs_i": "Ärendefilen",
    }


def test_koder_shows_the_codes_asked_for_and_refuses_unknown_ones() -> None:
    one = run_remiss("koder", "w712")
    assert one.returncode == 0
    assert one.stdout.splitlines()[1:] == [
        "W712  varning  ett tal i texten står i en tabell men är inget uttryck "
        "(README: Talen i texten kommer från tabellen)"
    ]
    bad = run_remiss("koder", "E999")
    assert bad.returncode == 2
    assert "okänd kod E999" in bad.stderr
    assert bad.stdout == ""


def test_koder_command_prints_the_catalogue() -> None:
    result = run_remiss("koder")
    assert result.returncode == 0, result.stderr
    lines = [line for line in result.stdout.splitlines() if re.match(r"[EWT]\d", line)]
    assert [line[:4] for line in lines] == [
        c.code for f in codes.FAMILIES for c in f.codes
    ]
    assert "W201  varning  referensdokumentet saknar en formatmall" in result.stdout
    assert "E003  fel      filen är inte UTF-8" in result.stdout
