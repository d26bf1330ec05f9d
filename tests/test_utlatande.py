"""The third built-in look: kommunstyrelsens utlåtande to kommunfullmäktige."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest

from tests.conftest import CASES, ROOT, assert_valid_docx, invoke_remiss, pandoc_plain

CASE = "ks-utlatande-forsokslagenheter.yaml"


def _render(project: Path) -> Path:
    result = invoke_remiss("render", f"cases/{CASE}", "--format", "docx", cwd=project)
    assert result.returncode == 0, result.stderr
    return project / "output" / CASE.replace(".yaml", ".docx")


def _part(docx: Path, name: str) -> str:
    with zipfile.ZipFile(docx) as archive:
        return archive.read(name).decode("utf-8")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "cases").mkdir()
    shutil.copy(CASES / CASE, tmp_path / "cases" / CASE)
    shutil.copy(ROOT / "remiss.yaml", tmp_path / "remiss.yaml")
    return tmp_path


def test_the_bundled_utlatande_has_its_own_look(project: Path) -> None:
    docx = _render(project)
    assert_valid_docx(docx.read_bytes())
    header = _part(docx, "word/header1.xml")
    assert "Utlåtande 2011:187 RI" in header
    assert "Dnr\u00a0325-827/2011" in header
    # No administration or officer block in the header, none in the body.
    assert "Stadsledningskontoret" not in header
    text = pandoc_plain(docx)
    assert "Till Kommunfullmäktige" not in text
    assert "Handläggare" not in text
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    first = lines.index(
        "Kommunstyrelsen föreslår att kommunfullmäktige beslutar följande"
    )
    assert lines[first + 1 : first + 3] == [
        "Kommunfullmäktige avslår motionen.",
        "Föredragande borgarråd Ingrid Sandell anför följande.",
    ]
    closing = lines.index(
        "Jag föreslår att kommunstyrelsen föreslår kommunfullmäktige besluta följande."
    )
    assert closing > lines.index("Mina synpunkter")
    assert lines[closing + 1] == "Kommunfullmäktige avslår motionen."


def test_a_project_reference_document_wins_over_the_templates_look(
    project: Path,
) -> None:
    with (project / "remiss.yaml").open("a", encoding="utf-8") as config:
        config.write("referensdokument: standard\n")
    header = _part(_render(project), "word/header1.xml")
    assert "Stadsledningskontoret" in header  # the standard look names it


def test_new_template_writes_the_utlatande_look(tmp_path: Path) -> None:
    result = invoke_remiss(
        "new-template", "mall.docx", "--utseende", "utlatande", cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "mall.docx").read_bytes() == (
        ROOT / "templates" / "reference-utlatande.docx"
    ).read_bytes()
