"""remiss diff: changes in words, word diffs, and Word redlines read back by pandoc."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from remiss.input.case import load_case
from remiss.input.project import load_project
from remiss.review.diff import describe_changes, word_diff
from tests.conftest import (
    CASES,
    ROOT,
    assert_valid_docx,
    invoke_remiss,
    run_remiss,
)
from tests.office import Office, office_needed

BASE = (CASES / "forsokslagenheter.yaml").read_text("utf-8")

pandoc_needed = pytest.mark.skipif(
    shutil.which("pandoc") is None and os.environ.get("CI") != "true",
    reason="pandoc är inte installerat (apt-get install pandoc)",
)


def variant(tmp_path: Path, name: str, *edits: tuple[str, str]) -> Path:
    text = BASE
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new)
    path = tmp_path / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


SCENARIOS = {
    "ord i ett stycke": [
        ("Resten finns i andra stadsdelar.", "Resten ligger i övriga delar av staden."),
    ],
    "ett beslut": [
        (
            "Socialnämnden överlämnar ärendet till kommunstyrelsen.",
            "Socialnämnden överlämnar ärendet till kommunfullmäktige.",
        )
    ],
    "en tabellcell": [("[Innerstaden, 62]", "[Innerstaden, 70]")],
    "en rubrik": [
        (
            "rubrik: Svar på remiss om motion (2011:31)",
            "rubrik: Yttrande över motion (2011:31)",
        )
    ],
    "ett avsnitt läggs till": [
        (
            "beslut_sänds_till:",
            "avsnitt:\n  - rubrik: Barnperspektiv\n    text: |\n      Barn i "
            "familjer som bor i en träningslägenhet behöver stöd.\n\n"
            "      Förvaltningen följer upp det.\nbeslut_sänds_till:",
        )
    ],
    "ett avsnitt tas bort": [("beredning: |", "ignorerad_beredning: |")],
    "ett beslut läggs till och en rad tas bort": [
        (
            "  - Socialnämnden överlämnar ärendet till kommunstyrelsen.",
            "  - Socialnämnden överlämnar ärendet till kommunstyrelsen.\n"
            "  - Socialnämnden förklarar paragrafen omedelbart justerad.",
        ),
        ("      - [Övriga stadsdelar, 1215]\n", ""),
    ],
}


def pandoc_text(path: Path, *extra: str) -> str:
    """Return pandoc's plain text of a .docx, without blank lines.

    Why without blank lines: pandoc 2.17 (Debian 12) does not apply row-level
    revisions (w:trPr/w:ins, w:trPr/w:del), so a deleted row survives "accept"
    as a row of empty cells, which plain text shows as a blank line. Word and
    LibreOffice remove the row; the row marker is asserted in the XML instead.
    Likewise it keeps a list item whose paragraph was inserted (on "reject")
    or deleted (on "accept") as an empty item, which shows as a bare "3.";
    such bare markers are dropped, every word is still compared.

    Tables are as wide as their content, and a redline's table fits both
    versions' content, so the space pandoc pads columns with and its table
    rules may differ: they are set aside, the cells' words are not.

    A paragraph added at the end of a list that a table follows is marked as
    Word marks it: the mark of the item before it is the inserted one (see
    writer._marks_before_tables). pandoc numbers such a list one too far on
    "reject", so list numbers are set aside here; the LibreOffice test below
    compares them exactly.
    """
    text = subprocess.run(
        ["pandoc", "-f", "docx", "-t", "plain", "--wrap=none", *extra, str(path)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    lines = [
        _LIST_NUMBER.sub("#.", " ".join(line.split())) for line in text.splitlines()
    ]
    return "\n".join(
        line for line in lines if line.strip(" -") and not _BARE_ITEM.match(line)
    )


_BARE_ITEM = re.compile(r"^\s*(\d+\.|#\.|-)$")


_LIST_NUMBER = re.compile(r"^\d+\.(?= |$)")


@pandoc_needed
@pytest.mark.parametrize("scenario", list(SCENARIOS))
def test_redline_accepts_to_new_and_rejects_to_old(tmp_path: Path, scenario: str):
    old = variant(tmp_path, "gammal")
    edits = SCENARIOS[scenario]
    if scenario == "ett avsnitt tas bort":
        # drop the beredning section from NEW
        text = BASE
        start = text.index("beredning: |")
        end = text.index("synpunkter: |")
        new = tmp_path / "ny.yaml"
        new.write_text(text[:start] + text[end:], encoding="utf-8")
    else:
        new = variant(tmp_path, "ny", *edits)
    out = tmp_path / "red.docx"
    result = invoke_remiss("diff", str(old), str(new), "-o", str(out), cwd=ROOT)
    assert result.returncode == 1, result.stderr
    data = out.read_bytes()
    assert_valid_docx(data)
    document = _document_xml(data)
    assert b"<w:ins " in document or b"<w:del " in document
    rendered = tmp_path / "docs"
    invoke_remiss("render", str(old), str(new), "-o", str(rendered), cwd=ROOT)
    assert pandoc_text(out, "--track-changes=accept") == pandoc_text(
        rendered / "ny.docx"
    )
    assert pandoc_text(out, "--track-changes=reject") == pandoc_text(
        rendered / "gammal.docx"
    )


@pandoc_needed
def test_removed_table_row_is_a_row_deletion(tmp_path: Path) -> None:
    old = variant(tmp_path, "gammal")
    new = variant(tmp_path, "ny", ("      - [Övriga stadsdelar, 1215]\n", ""))
    out = tmp_path / "red.docx"
    invoke_remiss("diff", str(old), str(new), "-o", str(out), cwd=ROOT)
    xml = _document_xml(out.read_bytes()).decode()
    row = xml[xml.rindex("<w:tr>", 0, xml.index("Övriga stadsdelar")) :]
    row = row[: row.index("</w:tr>")]
    assert "<w:trPr><w:cantSplit/><w:del " in row
    assert '<w:delText xml:space="preserve">Övriga stadsdelar</w:delText>' in row


@office_needed
@pytest.mark.parametrize("scenario", list(SCENARIOS))
def test_libreoffice_accept_all_gives_new_and_reject_all_old(
    tmp_path: Path, scenario: str, office: Office
) -> None:
    old = variant(tmp_path, "gammal")
    if scenario == "ett avsnitt tas bort":
        start, end = BASE.index("beredning: |"), BASE.index("synpunkter: |")
        new = tmp_path / "ny.yaml"
        new.write_text(BASE[:start] + BASE[end:], encoding="utf-8")
    else:
        new = variant(tmp_path, "ny", *SCENARIOS[scenario])
    out = tmp_path / "red.docx"
    assert (
        invoke_remiss("diff", str(old), str(new), "-o", str(out), cwd=ROOT).returncode
        == 1
    )
    rendered = tmp_path / "docs"
    invoke_remiss("render", str(old), str(new), "-o", str(rendered), cwd=ROOT)
    # Exactly, with no normalising: LibreOffice applies row and paragraph marks.
    assert office.text("accept", out) == office.text("none", rendered / "ny.docx")
    assert office.text("reject", out) == office.text("none", rendered / "gammal.docx")


def _document_xml(data: bytes) -> bytes:
    import io
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read("word/document.xml")


@pandoc_needed
def test_changed_words_are_marked_not_whole_paragraphs(tmp_path: Path) -> None:
    old = variant(tmp_path, "gammal")
    new = variant(tmp_path, "ny", *SCENARIOS["ett beslut"], *SCENARIOS["en tabellcell"])
    out = tmp_path / "red.docx"
    invoke_remiss(
        "diff", str(old), str(new), "-o", str(out), "--författare", "Anna Lindqvist",
        "--datum", "2011-08-31T14:30", cwd=ROOT,
    )  # fmt: skip
    xml = _document_xml(out.read_bytes()).decode()
    deleted = [
        chunk.split(">", 1)[1]
        for chunk in xml.split('<w:delText xml:space="preserve"')[1:]
    ]
    deleted = [d.split("</w:delText>", 1)[0] for d in deleted]
    assert "kommunstyrelsen" in deleted
    assert "62" in deleted
    assert not any("Socialnämnden" in d for d in deleted)
    assert 'w:author="Anna Lindqvist"' in xml
    assert 'w:date="2011-08-31T14:30:00Z"' in xml


def test_changes_are_described_in_words(tmp_path: Path) -> None:
    project = load_project(ROOT)
    old = load_case(variant(tmp_path, "gammal"), project).typed
    new = load_case(
        variant(
            tmp_path,
            "ny",
            *SCENARIOS["ett beslut"],
            *SCENARIOS["en tabellcell"],
            ("status: klar", "status: beslutad"),
        ),
        project,
    ).typed
    # As typed: the changed figure, not every text whose expressions use it.
    assert describe_changes(old, new) == [
        "status: klar → beslutad",
        "beslut 2 ändrat",
        "statistik lagenheter, rad Innerstaden: 62 → 70",
    ]


def test_changes_in_groups_of_decisions_name_the_group(tmp_path: Path) -> None:
    from tests.test_agenda_layout import CASE as CASE_1_1

    (tmp_path / "remiss.yaml").write_text("standard: {}\n", encoding="utf-8")
    text = CASE_1_1.format(dnr="KS 1", meeting="2019-05-15", status="klar", title="R")
    changed = text.replace("Förslag till kommunfullmäktige", "Förslag till KF")
    changed = changed.replace("Kommunfullmäktige avslår", "Kommunfullmäktige bifaller")
    changed = changed.replace("      - Kommunstyrelsen föreslår", "      - Nu föreslår")
    project = load_project(tmp_path)
    cases = []
    for name, body in (("gammal.yaml", text), ("ny.yaml", changed)):
        (tmp_path / name).write_text(body, encoding="utf-8")
        cases.append(load_case(tmp_path / name, project).typed)
    assert describe_changes(*cases) == [
        "grupp 1, beslut 1 ändrat",
        "grupp 2, rubrik: Förslag till kommunfullmäktige → Förslag till KF",
        "grupp 2, beslut 1 ändrat",
    ]


def test_word_diff_marks_words_and_names_the_section() -> None:
    old = "# T\n\n## Ärendet\n\nEn gammal mening här.\n\nOrört stycke."
    new = "# T\n\n## Ärendet\n\nEn ny mening här.\n\nOrört stycke.\n\nTillagt."
    assert word_diff(old, new, color=False) == [
        "@@ Ärendet @@",
        "En [-gammal-]{+ny+} mening här.",
        "{+Tillagt.+}",
    ]


def test_no_difference_exits_zero(tmp_path: Path) -> None:
    same = variant(tmp_path, "a")
    result = invoke_remiss("diff", str(same), str(same), cwd=ROOT)
    assert result.returncode == 0
    assert result.stdout == ""
    assert "inga skillnader" in result.stderr


def test_diff_against_a_git_revision(tmp_path: Path) -> None:
    git = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org"]
    subprocess.run([*git, "init", "-q"], cwd=tmp_path, check=True)
    (tmp_path / "cases").mkdir()
    case = tmp_path / "cases" / "x.yaml"
    case.write_text(BASE, encoding="utf-8")
    subprocess.run([*git, "add", "."], cwd=tmp_path, check=True)
    subprocess.run([*git, "commit", "-qm", "ett"], cwd=tmp_path, check=True)
    case.write_text(BASE.replace("[Innerstaden, 62]", "[Innerstaden, 70]"), "utf-8")
    result = run_remiss("diff", "HEAD:cases/x.yaml", "cases/x.yaml", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert "statistik lagenheter, rad Innerstaden: 62 → 70" in result.stdout
    bad = run_remiss("diff", "HEAD~5:cases/x.yaml", "cases/x.yaml", cwd=tmp_path)
    assert bad.returncode == 2
    assert "kunde inte läsa filen ur git" in bad.stderr
