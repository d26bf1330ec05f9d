"""Internal documents of a confidential case say so, with the ground, on
every page: the Word header, the document properties, the Markdown, and the
item on the internal agenda."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT, assert_valid_docx, invoke_remiss, write_case

GROUND = "26 kap. 1 § OSL"
MARKING = f"SEKRETESS enligt {GROUND}"
SUMMARY = "sammanfattning: Kort.\n"

needs_office = pytest.mark.skipif(
    (shutil.which("soffice") is None or shutil.which("pdftotext") is None)
    and os.environ.get("CI") != "true",
    reason="LibreOffice eller poppler-utils saknas",
)

# Enough text for two pages.
LONG = "\n\n".join(
    f"  Stycke {n}. Förvaltningen har gått igenom utredningen och de uppgifter "
    "som kommit in under hösten. Bedömningen bygger på samtal med barnet, "
    "vårdnadshavarna, skolan och hälso- och sjukvården." * 2
    for n in range(1, 16)
)


def project(tmp_path: Path) -> Path:
    (tmp_path / "cases").mkdir()
    shutil.copy(ROOT / "remiss.yaml", tmp_path / "remiss.yaml")
    return tmp_path


def part(docx: bytes, name: str) -> str:
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        return archive.read(name).decode("utf-8")


def headers(docx: bytes) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        return {
            n: archive.read(n).decode("utf-8")
            for n in archive.namelist()
            if n.startswith("word/header")
        }


def pdf_pages(path: Path) -> list[str]:
    pages = []
    number = 1
    while True:
        run = subprocess.run(
            ["pdftotext", "-layout", "-f", str(number), "-l", str(number), str(path)]
            + ["-"],
            capture_output=True,
            text=True,
            check=False,
        )
        if run.returncode != 0 or number > 50:
            return pages
        pages.append(run.stdout)
        number += 1


@needs_office
def test_every_page_of_a_confidential_case_is_marked_with_its_ground(
    tmp_path: Path,
) -> None:
    folder = project(tmp_path)
    write_case(
        folder / "cases",
        f"sekretess:\n  grund: {GROUND}\nsammanfattning: |\n{LONG}\n",
        "lvu.yaml",
    )
    result = invoke_remiss("build", "--format", "md,docx,pdf", cwd=folder)
    assert result.returncode == 0, result.stderr
    out = folder / "output"
    docx = (out / "lvu.docx").read_bytes()
    assert_valid_docx(docx)
    assert [n for n, xml in headers(docx).items() if MARKING in xml] != []
    assert f"<cp:category>{MARKING}</cp:category>" in part(docx, "docProps/core.xml")
    markdown = (out / "lvu.md").read_text("utf-8")
    assert f"**{MARKING}**" in markdown
    assert f'sekretessmarkering: "{MARKING}"' in markdown
    # LibreOffice lays the pages out; every one of them carries the marking.
    pages = pdf_pages(out / "lvu.pdf")
    assert len(pages) >= 2
    for number, text in enumerate(pages, 1):
        assert MARKING in " ".join(text.split()), f"sidan {number} saknar markering"


def test_without_a_ground_the_marking_is_sekretess_alone(tmp_path: Path) -> None:
    folder = project(tmp_path)
    write_case(folder / "cases", "sekretess: ja\n" + SUMMARY, "hemlig.yaml")
    write_case(folder / "cases", SUMMARY, "oppen.yaml")
    result = invoke_remiss("build", cwd=folder)
    assert result.returncode == 0, result.stderr
    secret = (folder / "output" / "hemlig.docx").read_bytes()
    assert_valid_docx(secret)
    header = "".join(headers(secret).values())
    assert "<w:t>SEKRETESS</w:t>" in header
    assert "enligt" not in header
    assert "<cp:category>SEKRETESS</cp:category>" in part(secret, "docProps/core.xml")
    plain = (folder / "output" / "oppen.docx").read_bytes()
    assert "SEKRETESS" not in "".join(headers(plain).values())
    assert "SEKRETESS" not in part(plain, "docProps/core.xml")
    assert "SEKRETESS" not in (folder / "output" / "oppen.md").read_text("utf-8")


MEETING = """\
nämnd: Socialnämnden
datum: 2011-01-20
förvaltning: Socialförvaltningen
punkter:
  - ärende: a.yaml
    sekretess: true
  - ärende: b.yaml
  - ärende: c.yaml
  - grupp: Anmälningar
    sekretess: true
    punkter:
      - ärende: d.yaml
"""


def test_a_meeting_item_makes_the_case_confidential_as_if_it_said_so(
    tmp_path: Path,
) -> None:
    folder = project(tmp_path)
    cases = folder / "cases"
    for name in "abd":
        write_case(cases, SUMMARY, f"{name}.yaml")
    write_case(cases, f"sekretess:\n  grund: {GROUND}\n" + SUMMARY, "c.yaml")
    (cases / "mote.yaml").write_text(MEETING, encoding="utf-8")
    # Rendered alone, the case is still found to be confidential.
    alone = invoke_remiss("render", "cases/a.yaml", "-o", "ensam", cwd=folder)
    assert alone.returncode == 0, alone.stderr
    assert "SEKRETESS" in "".join(
        headers((folder / "ensam" / "a.docx").read_bytes()).values()
    )
    result = invoke_remiss("build", "-j", "1", cwd=folder)
    assert result.returncode == 0, result.stderr
    out = folder / "output"
    for name, marked in (("a", True), ("b", False), ("c", True), ("d", True)):
        docx = (out / f"{name}.docx").read_bytes()
        assert_valid_docx(docx)
        header = "".join(headers(docx).values())
        assert ("SEKRETESS" in header) is marked, name
        assert ("SEKRETESS" in (out / f"{name}.md").read_text("utf-8")) is marked
    # The internal agenda marks each confidential item, with its ground.
    agenda = (out / "mote.md").read_text("utf-8")
    assert agenda.count("**SEKRETESS**") == 3  # a, the group and its item
    assert f"**{MARKING}**" in agenda  # c
    assert "4 a)\tUTKAST: R\n:::\n\n**SEKRETESS**" in agenda
    # In the combined document each case's section has its own header: the
    # agenda's is not marked, a's and c's are.
    combined = (out / "mote-handlingar.docx").read_bytes()
    assert_valid_docx(combined)
    found = headers(combined)
    assert "SEKRETESS" not in found["word/header1.xml"]
    assert sum("SEKRETESS" in xml for xml in found.values()) == 3


def test_a_reference_document_may_place_the_marking_itself(tmp_path: Path) -> None:
    """A reference whose header has `{{ sekretess }}` gets it there, once."""
    folder = project(tmp_path)
    source = ROOT / "templates" / "reference.docx"
    with zipfile.ZipFile(source) as archive:
        parts = {n: archive.read(n) for n in archive.namelist()}
    header = parts["word/header1.xml"].decode("utf-8")
    assert "{{ utkast }}" in header
    parts["word/header1.xml"] = header.replace(
        "{{ utkast }}", "{{ utkast }} {{ sekretess }}"
    ).encode("utf-8")
    own = folder / "egen.docx"
    with zipfile.ZipFile(own, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    (folder / "remiss.yaml").write_text(
        (ROOT / "remiss.yaml").read_text("utf-8") + "referensdokument: egen.docx\n",
        encoding="utf-8",
    )
    write_case(folder / "cases", f"sekretess:\n  grund: {GROUND}\n" + SUMMARY)
    result = invoke_remiss("build", cwd=folder)
    assert result.returncode == 0, result.stderr
    docx = (folder / "output" / "a.docx").read_bytes()
    assert_valid_docx(docx)
    text = "".join(headers(docx).values())
    assert text.count(MARKING) == 1
    assert f" {MARKING}</w:t>" in text  # where the reference put it


MEETING_WITH_GROUNDS = f"""\
nämnd: Socialnämnden
datum: 2011-01-20
förvaltning: Socialförvaltningen
punkter:
  - ärende: a.yaml
    sekretess:
      grund: {GROUND}
  - grupp: Anmälningar
    sekretess:
      grund: 25 kap. 1 § OSL
    punkter:
      - ärende: b.yaml
      - ärende: c.yaml
        sekretess:
          grund: 24 kap. 8 § OSL
  - text: Information om ett enskilt ärende
    sekretess:
      grund: 26 kap. 1 § OSL
"""


def test_a_meeting_item_gives_its_ground_to_the_case_and_the_agenda(
    tmp_path: Path,
) -> None:
    """`sekretess: {grund: …}` on a meeting item, as on a case: the case's
    pages, its properties and the agenda item say the ground; a group's
    ground goes to the items that give none of their own."""
    folder = project(tmp_path)
    cases = folder / "cases"
    for name in "abc":
        write_case(cases, SUMMARY, f"{name}.yaml")
    (cases / "mote.yaml").write_text(MEETING_WITH_GROUNDS, encoding="utf-8")
    result = invoke_remiss("build", "-j", "1", cwd=folder)
    assert result.returncode == 0, result.stderr
    out = folder / "output"
    for name, ground in (
        ("a", GROUND),
        ("b", "25 kap. 1 § OSL"),
        ("c", "24 kap. 8 § OSL"),
    ):
        docx = (out / f"{name}.docx").read_bytes()
        assert_valid_docx(docx)
        marking = f"SEKRETESS enligt {ground}"
        assert marking in "".join(headers(docx).values()), name
        assert f"<cp:category>{marking}</cp:category>" in part(
            docx, "docProps/core.xml"
        )
        assert marking in (out / f"{name}.md").read_text("utf-8")
    agenda = (out / "mote.md").read_text("utf-8")
    for ground in (GROUND, "25 kap. 1 § OSL", "24 kap. 8 § OSL", "26 kap. 1 § OSL"):
        assert f"**SEKRETESS enligt {ground}**" in agenda, ground
    assert "**SEKRETESS**" not in agenda  # every item has its ground
    # A case rendered alone is still marked with the ground the meeting gives.
    alone = invoke_remiss("render", "cases/b.yaml", "-o", "ensam", cwd=folder)
    assert alone.returncode == 0, alone.stderr
    docx = (folder / "ensam" / "b.docx").read_bytes()
    assert "SEKRETESS enligt 25 kap. 1 § OSL" in "".join(headers(docx).values())
    # The public version holds none of it.
    public = invoke_remiss("build", "--public", "-j", "1", cwd=folder)
    assert public.returncode == 0, public.stderr
    shown = (out / "offentlig" / "mote.md").read_text("utf-8")
    assert "OSL" not in shown
    assert "Information om ett enskilt ärende" not in shown
