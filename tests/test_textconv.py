"""`remiss textconv`: the text of a Word document as a reader sees it, for
`git diff`. A document remiss renders reads as `remiss diff` reads the case;
numbering, tables and content controls of documents from elsewhere read as
Word shows them. (Documents LibreOffice writes are compared with
LibreOffice's own reading in tests/test_import_office.py.)"""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import pytest

from remiss.docx.textconv import docx_text
from remiss.review.readtext import HEADER, reader_lines
from tests.conftest import CASES, ROOT, invoke_remiss
from tests.office import office_needed

EXAMPLES = sorted(p.stem for p in CASES.glob("*.yaml") if "sammantrade" not in p.stem)


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("textconv")
    shutil.copytree(CASES, root / "cases")
    shutil.copy(ROOT / "remiss.yaml", root / "remiss.yaml")
    files = [f"cases/{name}.yaml" for name in EXAMPLES]
    result = invoke_remiss("render", *files, cwd=root)
    assert result.returncode == 0, result.stderr
    return root / "output"


@pytest.mark.parametrize("name", EXAMPLES)
def test_a_rendered_case_reads_as_remiss_diff_reads_it(rendered, name) -> None:
    """Line for line the text `remiss diff` compares: headings without
    marks, decisions with their numbers, table cells between tabs."""
    shown = docx_text((rendered / f"{name}.docx").read_bytes())
    body = [line for line in shown.splitlines() if line and not line.startswith("[Sid")]
    markdown = (rendered / f"{name}.md").read_text("utf-8")
    assert body == [
        line.text for line in reader_lines(markdown) if line.heading != HEADER
    ]
    assert not [line for line in body if line.startswith(("#", "|"))]


W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _docx(body: str, numbering: str = "", styles: str = "") -> bytes:
    """A Word document of the given body XML, as another program writes it."""
    parts = {
        "word/document.xml": f"<w:document {W}><w:body>{body}</w:body></w:document>"
    }
    if numbering:
        parts["word/numbering.xml"] = f"<w:numbering {W}>{numbering}</w:numbering>"
    if styles:
        parts["word/styles.xml"] = f"<w:styles {W}>{styles}</w:styles>"
    kinds = {"document": "document.main", "numbering": "numbering", "styles": "styles"}
    overrides = "".join(
        f'<Override PartName="/{name}" ContentType="{_MAIN}.'
        f'{kinds[Path(name).stem]}+xml"/>'
        for name in parts
    )
    relations = "".join(
        f'<Relationship Id="r{n}" Type="{_REL}/{Path(name).stem}" '
        f'Target="{Path(name).name}"/>'
        for n, name in enumerate(parts)
        if name != "word/document.xml"
    )
    package = "http://schemas.openxmlformats.org/package/2006"
    parts["[Content_Types].xml"] = (
        f'<?xml version="1.0"?><Types xmlns="{package}/content-types">'
        '<Default Extension="rels" ContentType="application/'
        'vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f"{overrides}</Types>"
    )
    parts["_rels/.rels"] = (
        f'<Relationships xmlns="{package}/relationships"><Relationship Id="r" '
        f'Type="{_REL}/officeDocument" Target="word/document.xml"/></Relationships>'
    )
    parts["word/_rels/document.xml.rels"] = (
        f'<Relationships xmlns="{package}/relationships">{relations}</Relationships>'
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
    return out.getvalue()


def _p(text: str, num: tuple[int, int] | None = None, style: str = "") -> str:
    props = f'<w:pStyle w:val="{style}"/>' if style else ""
    if num is not None:
        props += (
            f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>'
        )
    return f"<w:p><w:pPr>{props}</w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"


def _level(ilvl: int, fmt: str, text: str, start: int = 1) -> str:
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/></w:lvl>'
    )


NUMBERING = (
    '<w:abstractNum w:abstractNumId="0">'
    + _level(0, "decimal", "%1.")
    + _level(1, "lowerLetter", "%2)")
    + "</w:abstractNum>"
    '<w:abstractNum w:abstractNumId="1">'
    + _level(0, "upperRoman", "%1", start=3)
    + _level(1, "decimal", "%1.%2")
    + "</w:abstractNum>"
    '<w:abstractNum w:abstractNumId="2">'
    + _level(0, "bullet", "\uf0b7")
    + "</w:abstractNum>"
    '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
    '<w:num w:numId="2"><w:abstractNumId w:val="0"/>'
    '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'
    '<w:num w:numId="3"><w:abstractNumId w:val="0"/></w:num>'
    '<w:num w:numId="4"><w:abstractNumId w:val="1"/></w:num>'
    '<w:num w:numId="5"><w:abstractNumId w:val="2"/></w:num>'
)


LISTS = "".join(
    [
        _p("Beslut", num=(1, 0)),
        _p("Första delen", num=(1, 1)),
        _p("Andra delen", num=(1, 1)),
        _p("Beslut igen", num=(1, 0)),
        _p("Mellan listorna."),
        _p("Ny lista", num=(2, 0)),
        _p("Samma slags lista", num=(3, 0)),
        _p("Kapitel", num=(4, 0)),
        _p("Avsnitt", num=(4, 1)),
        _p("Punkt", num=(5, 0)),
    ]
)


def test_numbers_are_written_as_word_shows_them() -> None:
    """Letters, roman numbers, several levels; a list that restarts begins at
    1 again, another list of the same kind counts on."""
    assert docx_text(_docx(LISTS, NUMBERING)) == (
        "1. Beslut\n"
        "  a) Första delen\n"
        "  b) Andra delen\n"
        "2. Beslut igen\n"
        "\n"
        "Mellan listorna.\n"
        "\n"
        "1. Ny lista\n"
        "2. Samma slags lista\n"
        "III Kapitel\n"
        "  III.1 Avsnitt\n"
        "• Punkt\n"
    )


def test_headings_tables_and_content_controls_read_as_text() -> None:
    styles = (
        '<w:style w:type="paragraph" w:styleId="Rubrik1"><w:name w:val="heading 1"/>'
        "</w:style>"
        '<w:style w:type="paragraph" w:styleId="Numrerad"><w:name w:val="List Number"/>'
        '<w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>'
    )
    cell = "<w:tc>{}</w:tc>"
    table = (
        "<w:tbl>"
        + "<w:tr>"
        + cell.format(_p("Del av staden"))
        + cell.format(_p("Platser"))
        + "</w:tr><w:tr>"
        + cell.format(_p("Norr") + _p("med öarna"))
        + cell.format("<w:tbl><w:tr>" + cell.format(_p("40")) + "</w:tr></w:tbl><w:p/>")
        + "</w:tr></w:tbl>"
    )
    body = (
        _p("Ärendet", style="Rubrik1")
        + _p("Enligt stilen", style="Numrerad")
        + "<w:sdt><w:sdtContent>"
        + _p("I en innehållskontroll.")
        + "</w:sdtContent></w:sdt>"
        + table
        + '<w:p><w:r><w:t xml:space="preserve">Rad ett</w:t><w:br/>'
        "<w:t>rad två</w:t></w:r></w:p>"
    )
    assert docx_text(_docx(body, NUMBERING, styles)) == (
        "Ärendet\n"
        "\n"
        "1. Enligt stilen\n"
        "\n"
        "I en innehållskontroll.\n"
        "\n"
        "Del av staden\tPlatser\n"
        "Norr med öarna\t40\n"
        "\n"
        "Rad ett\n"
        "rad två\n"
    )


@office_needed
def test_numbers_are_those_libreoffice_shows(office, tmp_path) -> None:
    document = tmp_path / "listor.docx"
    document.write_bytes(_docx(LISTS, NUMBERING))
    seen = [line.strip() for line in office.text("none", document).splitlines()]
    shown = [line.strip() for line in docx_text(document.read_bytes()).splitlines()]
    assert [line for line in shown if line] == [line for line in seen if line]
