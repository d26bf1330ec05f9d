"""The command as a user runs it: exit codes, messages, files written.

A real `python -m remiss` process for one test of each command; the others
run it in-process with invoke_remiss, which gives the same streams and codes.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import CASES, ROOT, docx_text, invoke_remiss, run_remiss
from tests.test_build import BUILD_EXAMPLES


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the example meeting, its cases and its paragraph register."""
    (tmp_path / "cases").mkdir()
    for name in BUILD_EXAMPLES:
        shutil.copy(CASES / name, tmp_path / "cases" / name)
    shutil.copy(ROOT / "remiss.yaml", tmp_path / "remiss.yaml")
    shutil.copy(ROOT / "paragrafregister.json", tmp_path / "paragrafregister.json")
    return tmp_path


def test_render_writes_md_and_docx_and_a_summary(project: Path) -> None:
    result = run_remiss("render", "cases/forsokslagenheter.yaml", cwd=project)
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    assert result.stderr.strip().splitlines()[-1] == "2 dokument skapade, 0 oförändrade"
    out = project / "output"
    assert sorted(p.name for p in out.iterdir()) == [
        ".remiss-manifest.json",
        "forsokslagenheter.docx",
        "forsokslagenheter.md",
    ]
    manifest = json.loads((out / ".remiss-manifest.json").read_text("utf-8"))
    assert set(manifest["filer"]) == {"forsokslagenheter.docx", "forsokslagenheter.md"}


def test_render_again_writes_nothing(project: Path) -> None:
    invoke_remiss("render", "cases", cwd=project)
    before = {p.name: p.stat().st_mtime_ns for p in (project / "output").iterdir()}
    result = invoke_remiss("render", "cases", cwd=project)
    assert result.returncode == 0
    # 4 cases (md, docx, a chart), the agenda (md, docx, combined docx), the
    # protokoll (md, docx) and 7 utdrag (md, docx)
    assert "0 dokument skapade, 28 oförändrade" in result.stderr
    after = {p.name: p.stat().st_mtime_ns for p in (project / "output").iterdir()}
    assert before == after


def test_format_and_output_folder(project: Path) -> None:
    result = invoke_remiss(
        "render",
        "cases/forsokslagenheter.yaml",
        "--format",
        "md",
        "-o",
        "ut",
        cwd=project,
    )
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in (project / "ut").glob("[!.]*")) == [
        "forsokslagenheter.md"
    ]


def test_unknown_format_is_a_usage_error(project: Path) -> None:
    result = invoke_remiss("render", "cases", "--format", "pdf,odt", cwd=project)
    assert result.returncode == 2
    assert "okänt format" in result.stderr
    assert "Traceback" not in result.stderr


def test_missing_case_file_is_a_usage_error(project: Path) -> None:
    result = invoke_remiss("render", "cases/finns-inte.yaml", cwd=project)
    assert result.returncode == 2
    assert "cases/finns-inte.yaml: filen finns inte" in result.stderr


def test_unknown_option_is_explained_in_swedish(project: Path) -> None:
    result = invoke_remiss("render", "--snabbt", "cases", cwd=project)
    assert result.returncode == 2
    assert "remiss: Flaggan '--snabbt' finns inte." in result.stderr


def test_check_clean_project_exits_zero(project: Path) -> None:
    result = run_remiss("check", cwd=project)
    assert result.returncode == 0, result.stderr
    lines = result.stderr.strip().splitlines()
    assert lines[-1] == "5 filer kontrollerade: 0 fel, 0 varningar"
    assert "cases/forsokslagenheter.yaml: LIX 41 (medelsvår" in result.stderr


def test_check_reports_findings_with_position_and_exits_one(project: Path) -> None:
    case = project / "cases" / "forsokslagenheter.yaml"
    text = case.read_text("utf-8").replace("sammanfattning:", "sammanfatning:")
    case.write_text(text, encoding="utf-8")
    line = (
        text.splitlines().index(
            next(x for x in text.splitlines() if x.startswith("sammanfatning:"))
        )
        + 1
    )
    result = invoke_remiss("check", cwd=project)
    assert result.returncode == 1
    assert (
        f"cases/forsokslagenheter.yaml:{line}:1: E101 okänd nyckel 'sammanfatning'"
        in (result.stderr)
    )
    assert "tips: menade du 'sammanfattning'?" in result.stderr
    assert "E102 nyckeln 'sammanfattning' saknas" not in result.stderr
    assert "E304 ärendet 'forsokslagenheter.yaml' har fel" in result.stderr
    assert result.stderr.count("E101") == 1
    assert result.stderr.strip().endswith("5 filer kontrollerade: 2 fel, 0 varningar")


def test_a_failed_case_does_not_stop_the_others(project: Path) -> None:
    invoke_remiss("render", "cases", cwd=project)
    old = (project / "output" / "forsokslagenheter.docx").read_bytes()
    case = project / "cases" / "forsokslagenheter.yaml"
    case.write_text(
        case.read_text("utf-8").replace("datum: 2011-08-10", "datum: 2011-02-30")
    )
    other = project / "cases" / "hemloshetskartlaggning.yaml"
    other.write_text(
        other.read_text("utf-8").replace(
            "Hemlöshet i Stockholm", "Hemlösheten i Stockholm"
        )
    )
    result = invoke_remiss("render", "cases", cwd=project)
    assert result.returncode == 1
    assert "E104" in result.stderr
    # The meeting lists the broken case, so it fails too and keeps its files.
    assert "2 dokument skapade, 5 oförändrade, 2 filer med fel" in result.stderr
    assert (project / "output" / "forsokslagenheter.docx").read_bytes() == old
    assert (project / "output" / "sammantrade-2011-08-23-handlingar.docx").exists()


def test_hand_edited_output_is_not_overwritten(project: Path) -> None:
    invoke_remiss("render", "cases/forsokslagenheter.yaml", cwd=project)
    target = project / "output" / "forsokslagenheter.md"
    target.write_text(target.read_text("utf-8") + "\nMin egen rad.\n", encoding="utf-8")
    edited = target.read_bytes()
    case = project / "cases" / "forsokslagenheter.yaml"
    case.write_text(
        case.read_text("utf-8").replace("Utredare", "Utredningssekreterare")
    )
    result = invoke_remiss("render", "cases/forsokslagenheter.yaml", cwd=project)
    assert result.returncode == 1
    assert "output/forsokslagenheter.md: filen har ändrats sedan remiss skrev den" in (
        result.stderr
    )
    assert "--force" in result.stderr
    assert target.read_bytes() == edited
    # A case's files move together: its Word file is not rewritten either.
    assert "output/forsokslagenheter.docx: skrevs inte heller" in result.stderr
    assert "Utredningssekreterare" not in docx_text(
        (project / "output" / "forsokslagenheter.docx").read_bytes()
    )
    assert (
        "0 dokument skapade, 0 oförändrade, 1 skyddade mot överskrivning"
        in result.stderr
    )
    result = invoke_remiss(
        "render", "cases/forsokslagenheter.yaml", "--force", cwd=project
    )
    assert result.returncode == 0
    assert "Utredningssekreterare" in target.read_text("utf-8")


def test_file_not_made_by_remiss_is_protected(project: Path) -> None:
    out = project / "output"
    out.mkdir()
    (out / "forsokslagenheter.md").write_text("Någon annans fil\n", encoding="utf-8")
    result = invoke_remiss("render", "cases/forsokslagenheter.yaml", cwd=project)
    assert result.returncode == 1
    assert (out / "forsokslagenheter.md").read_text("utf-8") == "Någon annans fil\n"


def test_new_template_writes_a_reference_document(project: Path) -> None:
    result = run_remiss("new-template", "mall.docx", cwd=project)
    assert result.returncode == 0, result.stderr
    assert (project / "mall.docx").read_bytes() == (
        ROOT / "templates" / "reference.docx"
    ).read_bytes()
    again = run_remiss("new-template", "mall.docx", cwd=project)
    assert again.returncode == 2
    assert "finns redan" in again.stderr


def test_version_and_help_are_swedish(project: Path) -> None:
    assert run_remiss("--version", cwd=project).stdout.startswith("remiss ")
    helptext = run_remiss("--help", cwd=project).stdout
    assert "Skapa tjänsteutlåtanden" in helptext
    assert "Kontrollera ärende- och mötesfiler" in helptext
