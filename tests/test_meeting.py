"""Meeting files: numbering, checks across files, agenda and combined document."""

from __future__ import annotations

import io
import shutil
import textwrap
import zipfile
from pathlib import Path

import docx
import pytest

from remiss.input.meeting import load_meeting
from remiss.input.project import load_project
from remiss.render.meeting import render_meeting
from tests.conftest import CASES, ROOT, assert_valid_docx, docx_text

MEETING = CASES / "sammantrade-2011-08-23.yaml"


@pytest.fixture(scope="module")
def sample():
    project = load_project(ROOT)
    result = load_meeting(MEETING, project)
    assert [d.format() for d in result.diagnostics] == []
    return result, project


def test_items_are_numbered_in_order_with_lettered_sub_items(sample) -> None:
    result, _ = sample
    numbered = [(e.number, e.kind) for e in result.entries if e.kind != "rubrik"]
    assert numbered == [
        ("1", "text"),
        ("2", "text"),
        ("3", "ärende"),
        ("4", "ärende"),
        ("5", "grupp"),
        ("6", "text"),
        ("7", "text"),  # Övriga frågor: a category with nothing under it
    ]
    assert result.entries[-1].title == "Övriga frågor"
    group = next(e for e in result.entries if e.kind == "grupp")
    assert [c.number for c in group.children] == ["5 a)", "5 b)", "5 c)"]


def test_sample_meeting_builds_agenda_and_combined_document(sample) -> None:
    result, project = sample
    made = render_meeting(result, project, ("md", "docx"))
    assert sorted(made.outputs) == [
        "forsokslagenheter.docx",
        "forsokslagenheter.md",
        "sammantrade-2011-08-23-handlingar.docx",
        # the protokoll and its utdrag: the example meeting has `protokoll:`
        # and its § numbers are in the project's paragrafregister.json
        "sammantrade-2011-08-23-protokoll.docx",
        "sammantrade-2011-08-23-protokoll.md",
        *(
            f"sammantrade-2011-08-23-utdrag-{n}.{s}"
            for n in range(101, 108)
            for s in ("docx", "md")
        ),
        "sammantrade-2011-08-23.docx",
        "sammantrade-2011-08-23.md",
        "sekretess-lvu-overklagande.docx",
        "sekretess-lvu-overklagande.md",
    ]
    for name, data in made.outputs.items():
        if name.endswith(".docx"):
            assert_valid_docx(data)
    agenda = docx.Document(io.BytesIO(made.outputs["sammantrade-2011-08-23.docx"]))
    headings = [
        (p.style.name, p.text)
        for p in agenda.paragraphs
        if p.style.name.startswith("Heading") or "rubrik" in p.style.name
    ]
    # One heading style per kind: items 1 and 2 are items, not categories.
    assert headings[:4] == [
        ("Heading 1", "Föredragningslista"),
        (
            "Punktrubrik",
            "1.\tSammanträdets öppnande och godkännande av föredragningslista",
        ),
        (
            "Punktrubrik",
            "2.\tVal av protokolljusterare och tid för justering av protokollet",
        ),
        ("Heading 2", "Sekretessärenden"),
    ]
    assert (
        "Punktrubrik",
        "4.\tSvar på remiss om motion (2011:31) om en jämlik fördelning av försöks- "
        "och träningslägenheter",
    ) in headings
    assert ("Underpunktrubrik", "5 b)\tDelegationsbeslut fattade under juni 2011") in (
        headings
    )
    assert headings[-1] == ("Punktrubrik", "7.\tÖvriga frågor")
    text = docx_text(made.outputs["sammantrade-2011-08-23.docx"])
    assert "Dnr 325-827/2011" in text
    assert "Handläggare: Anna Lindqvist" in text
    assert "Socialnämnden överlämnar ärendet till kommunstyrelsen." in text


def test_combined_document_has_a_section_per_document(sample) -> None:
    result, project = sample
    made = render_meeting(result, project, ("docx",))
    data = made.outputs["sammantrade-2011-08-23-handlingar.docx"]
    combined = docx.Document(io.BytesIO(data))
    assert len(combined.sections) == 3  # agenda, secret case, remiss answer
    headers = [s.header.tables[0].cell(0, 1).text for s in combined.sections]
    assert headers[0].startswith("Föredragningslista")
    assert all(h.startswith("Tjänsteutlåtande") for h in headers[1:])
    # Each handling says which agenda item it belongs to; the agenda does not.
    assert "Punkt" not in headers[0]
    assert [h.splitlines()[-1] for h in headers[1:]] == ["Punkt 3", "Punkt 4"]
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        document = archive.read("word/document.xml").decode()
        assert document.count('<w:pgNumType w:start="1"/>') == 3
        header = archive.read("word/header1_s2.xml").decode()
    assert "SECTIONPAGES" in header
    assert "325-827/2011" in header
    # Agenda first, then the documents in agenda order.
    text = docx_text(data)
    order = [
        text.index("Föredragningslista"),
        text.index("Överklagande av förvaltningsrättens dom"),
        text.index("Sammanfattning\nKarin Rågsjö"),
    ]
    assert order == sorted(order)


def write_meeting(folder: Path, body: str) -> Path:
    for name in ("forsokslagenheter.yaml", "bostadsforsorjningsprogram.yaml"):
        shutil.copy(CASES / name, folder / name)
    path = folder / "mote.yaml"
    path.write_text(textwrap.dedent(body), encoding="utf-8")
    return path


def test_cross_file_checks_name_the_meeting_line(tmp_path: Path) -> None:
    path = write_meeting(
        tmp_path,
        """\
        nämnd: Socialnämnden
        datum: 2011-09-20
        punkter:
          - text: Öppnande
          - ärende: finns-inte.yaml
          - ärende: forsokslagenheter.yaml
          - ärende: forsokslagenheter.yaml
          - text: Information
            nummer: 3
        """,
    )
    result = load_meeting(path, load_project(tmp_path))
    headlines = [d.headline().split(": ", 1)[1] for d in result.diagnostics]
    assert [d.line for d in result.diagnostics] == [5, 6, 6, 7, 9]
    assert headlines[0] == "E302 ärendefilen 'finns-inte.yaml' finns inte"
    assert headlines[1].startswith("W301 remissvaret 'forsokslagenheter.yaml' ska vara")
    assert headlines[2] == (
        "W303 ärendet 'forsokslagenheter.yaml' är skrivet för sammanträdet "
        "2011-08-23, men det här sammanträdet är 2011-09-20"
    )
    assert headlines[3].startswith("E303 ärendet 'forsokslagenheter.yaml' står redan")
    assert headlines[4] == "E301 punkt nummer 3 finns redan (rad 6)"


def test_case_for_another_committee_is_reported(tmp_path: Path) -> None:
    path = write_meeting(
        tmp_path,
        """\
        nämnd: Äldrenämnden
        datum: 2011-08-23
        punkter:
          - ärende: forsokslagenheter.yaml
        """,
    )
    result = load_meeting(path, load_project(tmp_path))
    (diag,) = result.diagnostics
    assert diag.code == "E305"
    assert "går till Socialnämnden" in diag.message
    assert diag.line == 4


def test_own_numbers_continue_the_count(tmp_path: Path) -> None:
    path = write_meeting(
        tmp_path,
        """\
        nämnd: Socialnämnden
        datum: 2011-08-23
        punkter:
          - text: Öppnande
          - text: Särskild punkt
            nummer: 10
          - text: Nästa
          - text: Extra
            nummer: 11 a
        """,
    )
    result = load_meeting(path, load_project(tmp_path))
    assert result.diagnostics == []
    assert [e.number for e in result.entries] == ["1", "10", "11", "11 a"]


def test_item_with_two_kinds_is_refused(tmp_path: Path) -> None:
    path = write_meeting(
        tmp_path,
        """\
        nämnd: Socialnämnden
        datum: 2011-08-23
        punkter:
          - text: Öppnande
            rubrik: Remissärenden
        """,
    )
    result = load_meeting(path, load_project(tmp_path))
    (diag,) = result.diagnostics
    assert diag.line == 4
    assert "precis en av 'text', 'rubrik', 'ärende' och 'grupp'" in diag.message


def test_item_must_be_a_case_inside_the_project(tmp_path: Path) -> None:
    path = write_meeting(
        tmp_path,
        """\
        nämnd: Socialnämnden
        datum: 2011-08-23
        punkter:
          - ärende: mote.yaml
          - ärende: ../utanför.yaml
        """,
    )
    (tmp_path.parent / "utanför.yaml").write_text("rubrik: x\n", encoding="utf-8")
    result = load_meeting(path, load_project(tmp_path))
    assert [(d.line, d.code) for d in result.diagnostics] == [(4, "E306"), (5, "E307")]
    assert (
        "'mote.yaml' är en mötesfil, inte ett ärende" in result.diagnostics[0].message
    )


def test_a_group_inside_a_group_is_an_error_not_a_lost_item(tmp_path: Path) -> None:
    """An agenda has two levels (5, 5 a): the case in a group inside a group
    used to be left out of the agenda without a word."""
    path = write_meeting(
        tmp_path,
        """\
        nämnd: Socialnämnden
        datum: 2011-08-23
        punkter:
          - grupp: Anmälningar
            punkter:
              - grupp: Delegationsbeslut
                punkter:
                  - ärende: forsokslagenheter.yaml
              - text: Protokoll från pensionärsrådet
        """,
    )
    result = load_meeting(path, load_project(tmp_path))
    errors = [d for d in result.diagnostics if d.is_error]
    assert [(d.line, d.col, d.code) for d in errors] == [(6, 9, "E308")]
    assert errors[0].message == "en grupp kan inte ligga i en annan grupp"
    assert not result.ok
