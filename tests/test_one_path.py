"""Every command renders the one way: a broken case or template gets the same
code, at the same place, from render, build, check, diff and a meeting."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, run_remiss

CASES = ROOT / "cases"
NO_MATPLOTLIB = "import sys; sys.modules['matplotlib'] = None; "


def _project(tmp_path: Path, case: str) -> Path:
    project = tmp_path / "projekt"
    (project / "cases").mkdir(parents=True)
    shutil.copy(ROOT / "remiss.yaml", project / "remiss.yaml")
    shutil.copy(CASES / f"{case}.yaml", project / "cases" / "a.yaml")
    (project / "cases" / "möte.yaml").write_text(
        "nämnd: Socialnämnden\ndatum: 2011-08-23\npunkter:\n  - ärende: a.yaml\n",
        encoding="utf-8",
    )
    return project


def _remiss(project: Path, *args: str, hide_matplotlib: bool = False):
    if not hide_matplotlib:
        return run_remiss(*args, cwd=project)
    code = NO_MATPLOTLIB + "from remiss.cli import main; main()"
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        cwd=project,
        check=False,
        timeout=300,
    )


def _sweep(project: Path, *, hide_matplotlib: bool = False) -> dict[str, object]:
    """Run every command on the broken project; return each one's result."""
    old = project / "gammal.yaml"
    shutil.copy(project / "cases" / "a.yaml", old)
    commands = {
        "render": ("render", "cases/a.yaml", "-o", "ut-render"),
        "render-möte": ("render", "cases/möte.yaml", "-o", "ut-möte"),
        "build": ("build", "-j", "1"),
        "check": ("check", "cases/a.yaml"),
        "check-möte": ("check", "cases/möte.yaml"),
        "diff": ("diff", "gammal.yaml", "cases/a.yaml"),
    }
    return {
        name: _remiss(project, *args, hide_matplotlib=hide_matplotlib)
        for name, args in commands.items()
    }


def _assert_same_answer(results: dict[str, object], expected: str) -> None:
    for name, result in results.items():
        stderr = result.stderr  # type: ignore[attr-defined]
        assert "internt fel" not in stderr, (name, stderr)
        assert "Traceback" not in stderr, (name, stderr)
        assert result.returncode == 1, (name, result.returncode, stderr)  # type: ignore[attr-defined]
        assert expected in stderr, (name, stderr)


def test_a_broken_project_template_gets_t003_from_every_command(tmp_path: Path):
    project = _project(tmp_path, "forsokslagenheter")
    templates = project / "templates"
    templates.mkdir()
    builtin = (ROOT / "templates" / "tjansteutlatande.md.j2").read_text("utf-8")
    lines = builtin.split("\n")
    lines.insert(3, "{{ finns_inte }}")
    (templates / "tjansteutlatande.md.j2").write_text("\n".join(lines), "utf-8")
    results = _sweep(project)
    _assert_same_answer(
        results,
        "templates/tjansteutlatande.md.j2:4:1: T003 mallen använder något som "
        "inte finns: 'finns_inte'",
    )


def test_a_chart_without_matplotlib_gets_e720_from_every_command(tmp_path: Path):
    project = _project(tmp_path, "hemloshetskartlaggning")
    results = _sweep(project, hide_matplotlib=True)
    # check renders Markdown too, so it meets the missing library as well.
    line = next(
        n
        for n, text in enumerate(
            (project / "cases" / "a.yaml").read_text("utf-8").split("\n"), 1
        )
        if text.strip().startswith("diagram:")
    )
    _assert_same_answer(results, f"cases/a.yaml:{line}:")
    for name, result in results.items():
        assert "E720 diagram kräver matplotlib" in result.stderr, name  # type: ignore[attr-defined]


@pytest.mark.parametrize("broken", ["{{ 1/0 }}", "{% include 'saknas.md.j2' %}"])
def test_whatever_a_template_raises_is_a_t_code_at_its_line(
    tmp_path: Path, broken: str
) -> None:
    project = _project(tmp_path, "forsokslagenheter")
    (project / "templates").mkdir()
    (project / "templates" / "tjansteutlatande.md.j2").write_text(
        "# Rubrik\n\n" + broken + "\n", "utf-8"
    )
    result = run_remiss("render", "cases/a.yaml", "-o", "ut", cwd=project)
    assert result.returncode == 1, result.stderr
    assert "templates/tjansteutlatande.md.j2:3:1: T00" in result.stderr
    assert "internt fel" not in result.stderr
