"""The bundled examples, rendered: golden files, schema check, read back."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
from pathlib import Path

import docx
import pytest

from remiss.input.meeting import is_meeting_file
from remiss.input.project import find_project_root, load_project
from remiss.render.source import render_file
from tests.conftest import (
    CASES,
    ROOT,
    assert_valid_docx,
    compare_golden,
    pretty_part,
)
from tests.office import Office, office_needed

EXAMPLES = sorted(p for p in CASES.glob("*.yaml") if not is_meeting_file(p))
NUMBERING_XML = "word/numbering.xml"


EXPECTED: dict[str, set[str]] = {}  # codes an example shows on purpose


def render(path: Path) -> dict[str, bytes]:
    project = load_project(find_project_root(path.parent))
    rendered = render_file(path, project)
    expected = EXPECTED.get(path.stem, set())
    assert {d.code for d in rendered.diagnostics} >= expected
    errors = [d.format() for d in rendered.diagnostics if d.code not in expected]
    assert not errors, errors
    assert rendered.ok
    return rendered.outputs


@pytest.fixture(scope="module")
def outputs() -> dict[str, dict[str, bytes]]:
    return {p.stem: render(p) for p in EXAMPLES}


def test_there_are_three_examples_of_different_shapes() -> None:
    assert {p.stem for p in EXAMPLES} >= {
        "forsokslagenheter",
        "bostadsforsorjningsprogram",
        "hemloshetskartlaggning",
    }


@pytest.mark.parametrize("stem", [p.stem for p in EXAMPLES])
def test_markdown_matches_golden(stem: str, outputs, update_golden: bool) -> None:
    compare_golden(f"{stem}.md", outputs[stem]["md"].decode("utf-8"), update_golden)


@pytest.mark.parametrize("stem", [p.stem for p in EXAMPLES])
@pytest.mark.parametrize(
    "part",
    ["word/document.xml", "word/header1.xml", "docProps/core.xml", NUMBERING_XML],
)
def test_docx_parts_match_golden(stem: str, part: str, outputs, update_golden):
    name = f"{stem}.{part.replace('/', '_')}"
    compare_golden(name, pretty_part(outputs[stem]["docx"], part), update_golden)


@pytest.mark.parametrize("stem", [p.stem for p in EXAMPLES])
def test_docx_is_schema_valid(stem: str, outputs) -> None:
    assert_valid_docx(outputs[stem]["docx"])


@pytest.mark.parametrize("stem", [p.stem for p in EXAMPLES])
def test_committed_outputs_are_up_to_date(stem: str, outputs) -> None:
    for key, data in outputs[stem].items():
        name = f"{stem}.{key}" if key in ("md", "docx") else key
        committed = ROOT / "output" / name
        assert committed.exists(), (
            f"{committed} saknas: kör 'remiss render cases/*.yaml'"
        )
        assert committed.read_bytes() == data, (
            f"{committed} är inaktuell: kör 'remiss render cases/*.yaml' och checka in"
        )


def _numbering_of(paragraph) -> tuple[str, str] | None:
    ppr = paragraph._p.pPr
    if ppr is None or ppr.numPr is None:
        return None
    return (ppr.numPr.ilvl.val, ppr.numPr.numId.val)


def test_read_back_with_python_docx(outputs) -> None:
    document = docx.Document(io.BytesIO(outputs["forsokslagenheter"]["docx"]))
    headings = [
        (p.style.name, p.text)
        for p in document.paragraphs
        if p.style.name.startswith("Heading")
    ]
    assert headings == [
        (
            "Heading 1",
            "Svar på remiss om motion (2011:31) om en jämlik fördelning av "
            "försöks- och träningslägenheter",
        ),
        ("Heading 2", "Förvaltningens förslag till beslut"),
        ("Heading 2", "Sammanfattning"),
        ("Heading 2", "Bakgrund"),
        ("Heading 2", "Ärendet"),
        ("Heading 2", "Ärendets beredning"),
        ("Heading 2", "Förvaltningens synpunkter och förslag"),
        ("Heading 2", "Beslutet sänds till"),
    ]
    decisions = [p for p in document.paragraphs if p.style.name == "List Number"]
    assert [p.text for p in decisions] == [
        "Socialnämnden godkänner för sin del tjänsteutlåtandet som svar på remissen.",
        "Socialnämnden överlämnar ärendet till kommunstyrelsen.",
    ]
    numbering = {_numbering_of(p) for p in decisions}
    assert len(numbering) == 1, "one real numbered list"
    assert None not in numbering
    (table,) = [t for t in document.tables if t.style and t.style.name == "Table Grid"]
    cells = [[c.text for c in row.cells] for row in table.rows]
    assert cells == [
        ["Läge", "Antal", "Andel"],
        ["Innerstaden", "62", "4,9\u00a0%"],
        ["Övriga stadsdelar", "1\u00a0215", "95,1\u00a0%"],
        ["Totalt", "1\u00a0277", "100,0\u00a0%"],
    ]
    assert table.style.name == "Table Grid"
    header_row = table.rows[0]._tr
    assert header_row.trPr is not None
    w_ns = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    tbl_header = f"{{{w_ns}}}tblHeader"
    assert header_row.trPr.find(tbl_header) is not None
    number_cell = table.rows[1].cells[1].paragraphs[0]
    assert number_cell.style.name == "Tabelltal"
    assert number_cell.style.paragraph_format.alignment == 2  # right


def test_every_list_restarts_at_one(outputs) -> None:
    document = docx.Document(io.BytesIO(outputs["hemloshetskartlaggning"]["docx"]))
    numbered = [p for p in document.paragraphs if p.style.name == "List Number"]
    lists = {}
    for p in numbered:
        lists.setdefault(_numbering_of(p)[1], []).append(p.text)
    assert len(lists) >= 2, "decisions and the numbered list in the text are separate"
    numbering_xml = pretty_part(
        outputs["hemloshetskartlaggning"]["docx"], NUMBERING_XML
    )
    for num_id in lists:
        block = re.search(
            rf'<w:num w:numId="{num_id}">.*?</w:num>', numbering_xml, flags=re.S
        )
        assert block is not None
        assert '<w:startOverride w:val="1"/>' in block.group(0)


def test_header_properties_and_language(outputs) -> None:
    data = outputs["forsokslagenheter"]["docx"]
    header = pretty_part(data, "word/header1.xml")
    for text in (
        "Socialförvaltningen",
        "Tjänsteutlåtande",
        "Dnr\u00a0325-827/2011",  # "Dnr" and its number stay on one line
        "2011-08-10",
    ):
        assert text in header
    assert "PAGE" in header
    assert "NUMPAGES" in header
    assert "UTKAST" not in header  # status: klar
    draft = pretty_part(
        outputs["bostadsforsorjningsprogram"]["docx"], "word/header1.xml"
    )
    assert "UTKAST" in draft
    document = docx.Document(io.BytesIO(data))
    props = document.core_properties
    assert props.title.startswith("Svar på remiss om motion (2011:31)")
    assert props.author == "Socialförvaltningen"
    assert props.identifier == "325-827/2011"
    assert props.language == "sv-SE"
    assert props.created.isoformat().startswith("2011-08-10")
    styles = pretty_part(data, "word/styles.xml")
    assert 'w:lang w:val="sv-SE"' in styles


def _grid(table) -> list[int]:
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    return [int(c.get(f"{w}w")) for c in table._tbl.iter(f"{w}gridCol")]


def test_first_page_shows_officer_and_addressee(outputs) -> None:
    document = docx.Document(io.BytesIO(outputs["forsokslagenheter"]["docx"]))
    adressat, signatures = [
        t
        for t in document.tables
        if t.rows[0].cells[0].paragraphs[0].style.name in ("Adressat", "Underskrift")
    ]
    officer, addressee = (c.text for c in adressat.rows[0].cells)
    assert "Handläggare: Anna Lindqvist" in officer
    assert "Telefon: 08-508 25 000" in officer
    assert "Till Socialnämnden" in addressee
    assert "Sammanträde 2011-08-23" in addressee
    assert [c.paragraphs[0].style.name for c in signatures.rows[0].cells] == [
        "Underskrift",
        "Underskrift",
    ]
    assert "Förvaltningschef" in signatures.rows[0].cells[0].text
    assert "Avdelningschef" in signatures.rows[0].cells[1].text
    # Header and body share one grid: their columns line up on the page.
    (header,) = document.sections[0].header.tables
    assert _grid(adressat) == _grid(signatures) == _grid(header)
    assert sum(_grid(header)) == 9070  # the text width of the standard look


def test_background_is_written_from_the_referral(outputs) -> None:
    md = outputs["forsokslagenheter"]["md"].decode("utf-8")
    section = md.split("## Bakgrund", 1)[1].split("## ", 1)[0]
    assert (
        "Kommunstyrelsen har begärt socialnämndens yttrande över motion (2011:31)"
        in section
    )
    assert "Dnr 325-827/2011" in section  # as in the header, not "dnr"
    # The motion's att-satser, as the motion has them.
    assert (
        "Motionären föreslår:\n\n- att kommunfullmäktige ger i uppdrag att ta fram"
        in section
    )
    assert "Karin Rågsjö (V)" in section
    assert (
        "Enskede-Årsta-Vantörs stadsdelsnämnd och Östermalms stadsdelsnämnd" in section
    )
    assert "den 31 augusti 2011" in section


def test_markdown_is_pandoc_compatible(outputs) -> None:
    md = outputs["forsokslagenheter"]["md"].decode("utf-8")
    assert md.startswith("---\n")
    assert "\n# Svar på remiss" in md
    assert "\n| Läge | Antal | Andel |\n|:---|---:|---:|\n" in md
    assert md.endswith("\n")
    assert not md.endswith("\n\n")


needs_pandoc = pytest.mark.skipif(
    shutil.which("pandoc") is None and os.environ.get("CI") != "true",
    reason="pandoc är inte installerat",
)


@needs_pandoc
def test_pandoc_reads_the_markdown_and_the_docx(outputs, tmp_path: Path) -> None:
    md = tmp_path / "a.md"
    md.write_bytes(outputs["forsokslagenheter"]["md"])
    template = tmp_path / "meta.tpl"
    template.write_text("$title$|$lang$\n", encoding="utf-8")
    meta = subprocess.run(
        [
            "pandoc",
            str(md),
            "-t",
            "plain",
            "--columns",
            "1000",
            "--template",
            str(template),
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert meta.strip().startswith("Svar på remiss om motion")
    assert meta.strip().endswith("|sv-SE")
    path = tmp_path / "a.docx"
    path.write_bytes(outputs["forsokslagenheter"]["docx"])
    text = subprocess.run(
        ["pandoc", "-f", "docx", "-t", "markdown", str(path)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "# Svar på remiss om motion (2011:31)" in text
    assert "1.  Socialnämnden godkänner" in text
    assert "Övriga stadsdelar" in text


@office_needed
def test_libreoffice_opens_the_docx(outputs, tmp_path: Path, office: Office) -> None:
    path = tmp_path / "forsokslagenheter.docx"
    path.write_bytes(outputs["forsokslagenheter"]["docx"])
    text = office.text("none", path)
    assert "Förvaltningens förslag till beslut" in text
    assert "Socialnämnden överlämnar ärendet till kommunstyrelsen." in text
    assert "Övriga stadsdelar" in text
