"""A project's Dnr pattern is matched in linear time, whatever it is."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from remiss.input.case import load_case
from remiss.input.project import load_project
from remiss.model.patterns import full_match, pattern_problem
from tests.conftest import write_case


def _project(folder: Path, pattern: str) -> None:
    (folder / "remiss.yaml").write_text(
        f"diarienummer_mönster: '{pattern}'\n", encoding="utf-8"
    )


def test_a_catastrophic_pattern_answers_at_once(tmp_path: Path) -> None:
    _project(tmp_path, "^(a+)+$")
    dnr = "a" * 5000 + "b"
    path = write_case(tmp_path, "sammanfattning: S\n")
    text = path.read_text("utf-8").replace(
        "diarienummer: 1\n", f"diarienummer: {dnr}\n"
    )
    path.write_text(text, "utf-8")
    start = time.monotonic()
    result = load_case(path, load_project(tmp_path))
    assert time.monotonic() - start < 5
    assert [d.code for d in result.diagnostics] == ["E107"]


@pytest.mark.parametrize(
    ("pattern", "problem"),
    [
        ("(a)\\1", "bakåtreferens"),
        ("a(?=b)", "lookahead"),
        ("a(?<!b)", "lookbehind"),
        ("(", "inget giltigt reguljärt uttryck"),
    ],
)
def test_patterns_remiss_cannot_run_are_explained(pattern: str, problem: str):
    found = pattern_problem(pattern)
    assert found is not None
    assert problem in found


def test_ordinary_patterns_work() -> None:
    pattern = r"^\d{3}-\d+/\d{4}$"
    assert pattern_problem(pattern) is None
    assert full_match(pattern, "325-827/2011")
    assert not full_match(pattern, "325-827/11")
    assert full_match(r"(KS|SN) \d+/\d+", "SN 18/0098")


def test_a_bad_pattern_is_located_in_remiss_yaml(tmp_path: Path) -> None:
    _project(tmp_path, "(a)\\1")
    project = load_project(tmp_path)
    [diag] = project.diagnostics
    assert (diag.line, diag.code) == (1, "E105")
    assert "bakåtreferens" in diag.message


def test_a_chart_of_a_huge_table_is_refused_at_its_line(tmp_path: Path) -> None:
    rows = "\n".join(f"      - [Rad {i}, {i}]" for i in range(20_000))
    path = write_case(
        tmp_path,
        """\
        sammanfattning: S
        ärendet: Ä
        statistik:
          t:
            rubrik: Stor
            kolumner: [Namn, Antal]
            diagram: linje
            rader:
        """,
    )
    path.write_text(path.read_text("utf-8") + rows + "\n", "utf-8")
    start = time.monotonic()
    result = load_case(path, load_project(None))
    assert time.monotonic() - start < 30
    found = [d for d in result.diagnostics if d.code == "E721"]
    assert len(found) == 1
    assert "högst 60 rader, tabellen har 20000" in found[0].message
