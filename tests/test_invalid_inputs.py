"""The corpus of bad case files: every mistake gets a message that points at it.

Each file in tests/fixtures/invalid/ holds one kind of mistake. Its header
comments (or, for files that cannot hold a comment, a sidecar NN-name.expect)
say what `remiss check` should print:

    # expect: tests/fixtures/invalid/NN-name.yaml:14:3: E102 ...   (one per message)
    # exit: 1
    # defect: ...        today's headlines differ from the expected ones
    # defect-codes: ...  today's codes or exit status differ as well
    # defect-hint: ...   today's message lacks a 'tips:' line or is not Swedish

The expectations record what the tool SHOULD print; where it does not yet, the
`defect` lines turn the affected test into a strict xfail, so a fix shows up as
an unexpected pass and the header can then be cleaned up.
"""

from __future__ import annotations

import functools
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.conftest import ROOT, invoke_remiss

FIXTURES = ROOT / "tests" / "fixtures" / "invalid"
HEADLINE = re.compile(r"^\S+:\d+:\d+: [EW]\d{3} ")
CODE = re.compile(r"^\S+:\d+:\d+: ([EW]\d{3}) ")
SUMMARY = re.compile(r"^\d+ \w+ kontroller")  # "1 fil kontrollerad: 1 fel, ..."
# Fragments of PyYAML's and pydantic's English that must never reach a user.
ENGLISH = re.compile(
    r"\b(or|but|found|expected|while|scanning|unacceptable|exceeded|maximum|"
    r"depth|document|allowed|Input should|Field required|Value error)\b|"
    r"<unicode string>"
)


@dataclass(frozen=True)
class Expectation:
    headlines: tuple[str, ...]
    exit: int
    defects: dict[str, str] = field(default_factory=dict)

    @property
    def codes(self) -> list[str]:
        return codes_of(self.headlines)


def _fixtures() -> list[Path]:
    return sorted(p for p in FIXTURES.iterdir() if p.suffix != ".expect")


def _rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def expectation(path: Path) -> Expectation:
    """Read the header comments of a fixture, or its .expect sidecar."""
    sidecar = path.with_suffix(".expect")
    raw = sidecar.read_bytes() if sidecar.exists() else path.read_bytes()
    text = raw.decode("utf-8", errors="replace").removeprefix("\ufeff")
    headlines: list[str] = []
    exit_code: int | None = None
    defects: dict[str, str] = {}
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        key, _, value = line[1:].strip().partition(": ")
        if key == "expect":
            headlines.append(value)
        elif key == "exit":
            exit_code = int(value)
        elif key in ("defect", "defect-codes", "defect-hint"):
            defects[key] = value
    assert exit_code is not None, f"{path.name}: no '# exit:' line"
    return Expectation(tuple(headlines), exit_code, defects)


@functools.cache
def check(name: str) -> subprocess.CompletedProcess[str]:
    """Run `remiss check` on one fixture once per session."""
    return invoke_remiss("check", _rel(FIXTURES / name), cwd=ROOT)


def headlines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if HEADLINE.match(line)]


def codes_of(lines: list[str] | tuple[str, ...]) -> list[str]:
    """Return the codes (E102, W001 ...) of headlines, in order."""
    return [m.group(1) for m in map(CODE.match, lines) if m]


def blocks(stderr: str) -> list[list[str]]:
    """Split stderr into one block of lines per diagnostic."""
    out: list[list[str]] = []
    for line in stderr.splitlines():
        if HEADLINE.match(line):
            out.append([line])
        elif SUMMARY.match(line):
            break
        elif out:
            out[-1].append(line)
    return out


def _params(defect_key: str) -> list[object]:
    params = []
    for path in _fixtures():
        reason = expectation(path).defects.get(defect_key)
        marks = (
            [pytest.mark.xfail(reason=f"defect: {reason}", strict=True)]
            if reason
            else []
        )
        params.append(pytest.param(path.name, id=path.name, marks=marks))
    return params


def test_corpus_is_well_formed() -> None:
    names = [p.name for p in _fixtures()]
    assert len(names) >= 30
    assert len({n[:2] for n in names}) == len(names), "fixture numbers must be unique"
    for path in _fixtures():
        expected = expectation(path)
        assert expected.headlines, f"{path.name}: no '# expect:' line"
        for line in expected.headlines:
            assert HEADLINE.match(line), f"{path.name}: bad expect line {line!r}"
            assert line.startswith(_rel(path) + ":"), f"{path.name}: wrong path"
        if "defect-codes" in expected.defects:
            assert "defect" in expected.defects, f"{path.name}: codes imply headlines"


@pytest.mark.parametrize("name", _params("defect"))
def test_headlines_and_exit(name: str) -> None:
    """The exact first line of every message, and the exit status."""
    expected = expectation(FIXTURES / name)
    result = check(name)
    assert "Traceback" not in result.stderr
    assert headlines(result.stderr) == list(expected.headlines), result.stderr
    assert result.returncode == expected.exit, result.stderr


@pytest.mark.parametrize("name", _params("defect-codes"))
def test_codes_and_exit(name: str) -> None:
    """Coarser than the headlines: the right codes, in order, and exit status."""
    expected = expectation(FIXTURES / name)
    result = check(name)
    assert codes_of(headlines(result.stderr)) == expected.codes, result.stderr
    assert result.returncode == expected.exit, result.stderr


@pytest.mark.parametrize("name", _params("defect-hint"))
def test_every_message_has_a_swedish_hint(name: str) -> None:
    """Each message is in Swedish and ends with a 'tips:' the user can act on."""
    result = check(name)
    found = blocks(result.stderr)
    assert found, result.stderr
    for block in found:
        assert any(line.startswith("tips: ") for line in block), "\n".join(block)
        text = "\n".join(line for line in block if not re.match(r"^\s*\d* \| ", line))
        match = ENGLISH.search(text)
        assert match is None, f"English {match.group()!r} in:\n{text}"


@pytest.mark.parametrize("name", [p.name for p in _fixtures()])
def test_never_crashes_and_never_runs_code(name: str) -> None:
    """No traceback, no internal error, no shell command: for every fixture."""
    result = check(name)
    assert "Traceback" not in result.stderr
    assert "internt fel" not in result.stderr
    assert result.returncode in (0, 1), result.stderr
    assert "hacked" not in result.stdout
    assert SUMMARY.match(result.stderr.rstrip().splitlines()[-1]), result.stderr


def test_bom_is_only_a_warning() -> None:
    result = check("08-bom.yaml")
    assert result.returncode == 0
    assert codes_of(headlines(result.stderr)) == ["W001"]
    strict = invoke_remiss(
        "check", "--strict", _rel(FIXTURES / "08-bom.yaml"), cwd=ROOT
    )
    assert strict.returncode == 1


def _long_case(text: str) -> str:
    body = "\n".join("  " + line if line else "" for line in text.split("\n"))
    return (
        "diarienummer: 1.6-0463/2011\n"
        "datum: 2011-08-10\n"
        "nämnd: Socialnämnden\n"
        "förvaltning: Socialförvaltningen\n"
        "handläggare:\n"
        "  - namn: Anna Lindqvist\n"
        "rubrik: Ett mycket långt ärende\n"
        "förslag_till_beslut:\n"
        "  - Socialnämnden godkänner tjänsteutlåtandet.\n"
        "sammanfattning: |\n" + body + "\n"
    )


def test_very_long_text_is_fine(tmp_path: Path) -> None:
    """200 000 characters of sammanfattning: no error, and all of it in the docx."""
    from remiss.input.project import load_project
    from remiss.render.source import render_file
    from tests.conftest import assert_valid_docx, docx_text

    sentence = "Förvaltningen avstyrker motionen om försökslägenheter. "
    paragraphs = [(sentence * 40).strip() + f" Stycke {i}." for i in range(100)]
    # one paragraph of a single 20 000 character line, too
    paragraphs.append("Lång" + "a" * 20_000 + "rad.")
    text = "\n\n".join(paragraphs)
    assert len(text) > 200_000
    path = tmp_path / "langt.yaml"
    path.write_text(_long_case(text), encoding="utf-8")

    result = invoke_remiss("check", str(path), cwd=ROOT)
    assert result.returncode == 0, result.stderr
    # warnings (such as the plain-language check's) are fine; errors are not
    assert [c for c in codes_of(headlines(result.stderr)) if c[0] == "E"] == []
    assert "Traceback" not in result.stderr

    rendered = render_file(path, load_project(None))
    assert rendered.ok, [d.format() for d in rendered.diagnostics]
    assert_valid_docx(rendered.outputs["docx"])
    shown = docx_text(rendered.outputs["docx"])
    assert "Stycke 99." in shown
    assert "Lång" + "a" * 20_000 + "rad." in shown
    assert shown.count("Förvaltningen avstyrker motionen") >= 4000


# Two mistakes in one file: the spec says all problems are reported at once.
_TWO_MISTAKES = {
    "control character and misspelt key": (
        'rubrik: "Svar\\x07 på remiss"\nsammanfatning: Kort.\n',
        {"E006", "E101"},
    ),
    "duplicate key and misspelt key": (
        "rubrik: Svar på remiss\nrubrik: Svar\nsammanfatning: Kort.\n",
        {"E009", "E101"},
    ),
    "bad date and bad motion number": (
        "rubrik: Svar på remiss\nsammanfattning: Kort.\n"
        "sammanträde: 2011-02-30\nmotion:\n  nummer: 2011-31\n",
        {"E104", "E105"},
    ),
}


@pytest.mark.parametrize("name", list(_TWO_MISTAKES))
def test_all_problems_are_reported_at_once(name: str, tmp_path: Path) -> None:
    from remiss.input.case import load_case
    from remiss.input.project import load_project

    extra, codes = _TWO_MISTAKES[name]
    path = tmp_path / "arende.yaml"
    path.write_text(
        "diarienummer: 1.6-0463/2011\ndatum: 2011-08-10\nnämnd: Socialnämnden\n"
        "förvaltning: Socialförvaltningen\nhandläggare:\n  - namn: Anna Lindqvist\n"
        "förslag_till_beslut:\n  - Socialnämnden godkänner.\n" + extra,
        encoding="utf-8",
    )
    result = load_case(path, load_project(None))
    found = {d.code for d in result.diagnostics}
    assert codes <= found, [d.headline() for d in result.diagnostics]
