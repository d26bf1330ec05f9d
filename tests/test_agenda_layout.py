"""Agendas as secretaries set them: one heading kind per level, hanging
numbers, drafts marked, items without a case file, groups without a title.

The agenda is read back as Word (schema validator, python-docx for the
styles, pandoc for the text) and as Markdown by pandoc.
"""

from __future__ import annotations

import io
import re
import textwrap
import zipfile
from pathlib import Path

import docx
import pytest

from remiss.docx.looks import build_reference
from tests.conftest import assert_valid_docx, invoke_remiss
from tests.test_format_1_1 import outline, pandoc_json, pandoc_needed, plain_docx

CASE = """\
diarienummer: {dnr}
datum: 2019-05-02
sammanträde: {meeting}
status: {status}
nämnd: Kommunstyrelsen
förvaltning: Stadsledningskontoret
handläggare:
  - namn: Eva Ek
    roll: Föredragande borgarråd
  - namn: Per Persson
rubrik: {title}
motion:
  titel: Fler gröna ytor
ställningstagande: avstyrker
rubriker:
  förslag_till_beslut: Kommunstyrelsen föreslår att kommunfullmäktige beslutar följande
förslag_till_beslut:
  - rubrik: Förslag till kommunstyrelsen
    beslut:
      - Kommunstyrelsen föreslår kommunfullmäktige att avslå motionen.
  - rubrik: Förslag till kommunfullmäktige
    beslut:
      - Kommunfullmäktige avslår motionen.
      - Kommunfullmäktige uppdrar åt kommunstyrelsen att följa frågan.
sammanfattning: |
  Text.
"""

MEETING = """\
nämnd: Kommunstyrelsen
datum: 2019-05-15
punkter:
  - text: Upprop
  - text: Information om budgetläget
    diarienummer: KS 2019/99
    underrubrik: Muntlig information
  - text: Ett hemligt ärende utan ärendefil
    diarienummer: KS 2019/98
    underrubrik: Enskild
    sekretess: ja
  - rubrik: Beslutsärenden
  - ärende: utkast.yaml
  - ärende: klar.yaml
  - rubrik: Anmälningsärenden
  - punkter:
      - text: Anmälan av delegationsbeslut
        diarienummer: KS 2019/1
      - text: Anmälan av protokoll från arbetsutskottet
  - grupp: Skrivelser
    punkter:
      - text: Skrivelse från revisorerna
  - rubrik: Övriga frågor
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("agenda")
    (root / "cases").mkdir()
    (root / "remiss.yaml").write_text("standard: {}\n", encoding="utf-8")
    title = "Svar på motion om fler gröna ytor, en rubrik lång nog att brytas i listan"
    (root / "cases" / "utkast.yaml").write_text(
        CASE.format(
            dnr="KS 2019/12", meeting="2019-05-15", status="utkast", title=title
        ),
        encoding="utf-8",
    )
    (root / "cases" / "klar.yaml").write_text(
        CASE.format(
            dnr="KS 2019/13", meeting="2019-05-22", status="klar", title="Ett klart"
        ),
        encoding="utf-8",
    )
    (root / "cases" / "mote.yaml").write_text(MEETING, encoding="utf-8")
    internal = invoke_remiss("build", "--format", "md,docx,html", cwd=root)
    assert internal.returncode == 0, internal.stderr  # warnings, said below
    (root / "check.txt").write_text(internal.stderr, encoding="utf-8")
    public = invoke_remiss("build", "--public", "--format", "md,docx", cwd=root)
    assert public.returncode == 0, public.stderr
    return root


def agenda(root: Path, public: bool = False) -> tuple[str, bytes]:
    folder = root / "output" / ("offentlig" if public else "")
    data = (folder / "mote.docx").read_bytes()
    assert_valid_docx(data)
    return (folder / "mote.md").read_text(encoding="utf-8"), data


def titles(data: bytes) -> list[tuple[str, str]]:
    """(style, text) of every heading of the agenda, in order."""
    document = docx.Document(io.BytesIO(data))
    return [
        (p.style.name, p.text)
        for p in document.paragraphs
        if p.style.name.startswith("Heading") or p.style.name.endswith("unktrubrik")
    ]


def test_each_kind_of_line_has_its_own_heading_level(built: Path) -> None:
    md, data = agenda(built)
    assert titles(data) == [
        ("Heading 1", "Föredragningslista"),
        ("Punktrubrik", "1.\tUpprop"),
        ("Punktrubrik", "2.\tInformation om budgetläget"),
        ("Punktrubrik", "3.\tEtt hemligt ärende utan ärendefil"),
        ("Heading 2", "Beslutsärenden"),
        (
            "Punktrubrik",
            "4.\tUTKAST: Svar på motion om fler gröna ytor, en rubrik lång nog att "
            "brytas i listan",
        ),
        ("Punktrubrik", "5.\tEtt klart"),
        ("Heading 2", "Anmälningsärenden"),
        # A group without a title: its sub-items stand as items.
        ("Punktrubrik", "6 a)\tAnmälan av delegationsbeslut"),
        ("Punktrubrik", "6 b)\tAnmälan av protokoll från arbetsutskottet"),
        ("Punktrubrik", "7.\tSkrivelser"),
        ("Underpunktrubrik", "7 a)\tSkrivelse från revisorerna"),
        # Övriga frågor has nothing under it: an item, not an empty heading.
        ("Punktrubrik", "8.\tÖvriga frågor"),
    ]
    headers = [
        level
        for kind, (level, _) in (
            (k, v) for k, v in outline(pandoc_json(md.encode(), "markdown")) if k == "h"
        )
    ]
    # The level follows the nesting, never skipping one: items before any
    # category (and Övriga frågor after the last) stand right under the title.
    assert headers == [1, 2, 2, 2, 2, 3, 3, 2, 3, 3, 3, 4, 2]
    assert outline_levels(data) == [0, 1, 1, 1, 1, 2, 2, 1, 2, 2, 2, 3, 1]


def outline_levels(data: bytes) -> list[int]:
    """The outline level (0-based) of every heading, as Word reads it."""
    document = docx.Document(io.BytesIO(data))
    levels = []
    for p in document.paragraphs:
        style = p.style
        if not (style.name.startswith("Heading") or style.name.endswith("unktrubrik")):
            continue
        direct = p._p.find(f"{W}pPr/{W}outlineLvl")
        while direct is None and style is not None:
            direct = style.element.find(f"{W}pPr/{W}outlineLvl")
            style = style.base_style
        assert direct is not None, p.text
        levels.append(int(direct.get(f"{W}val")))
    return levels


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def test_item_titles_are_headings_with_a_hanging_number(built: Path) -> None:
    _, data = agenda(built)
    document = docx.Document(io.BytesIO(data))
    item = document.styles["Punktrubrik"]
    sub = document.styles["Underpunktrubrik"]
    # Outline levels from the heading styles: navigation and PDF bookmarks.
    assert item.base_style.name == "Heading 3"
    assert sub.base_style.name == "Heading 4"
    for style in (item, sub):
        fmt = style.paragraph_format
        # The number hangs by the indent; the tab stop is where the title starts.
        assert fmt.first_line_indent < 0
        assert fmt.left_indent == -fmt.first_line_indent + (
            0 if style is item else fmt.left_indent + fmt.first_line_indent
        )
        assert [t.position for t in fmt.tab_stops] == [fmt.left_indent]
    # Smaller than the category, sub-items smaller than items.
    sizes = {
        name: document.styles[name].font.size or document.styles["Normal"].font.size
        for name in ("Heading 2", "Heading 3", "Underpunktrubrik")
    }
    assert sizes["Heading 2"] > sizes["Heading 3"] >= sizes["Underpunktrubrik"]


@pandoc_needed
def test_details_of_items_with_and_without_case_files(built: Path) -> None:
    md, data = agenda(built)
    text = plain_docx(data)
    for shown in (text, md):
        assert "Muntlig information" in shown
        assert "Dnr KS 2019/99" in shown
        assert "Dnr KS 2019/1" in shown
        assert "Föredragande borgarråd: Eva Ek" in shown
        assert "Handläggare: Per Persson" in shown
        assert "Stadsledningskontoret avstyrker motionen" in shown
        assert "ställningstagande" not in shown
        assert "avstyrker\n" not in shown
    flat = outline(pandoc_json(data, "docx"))
    start = flat.index(
        ("p", "Kommunstyrelsen föreslår att kommunfullmäktige beslutar följande:")
    )
    assert flat[start + 1 : start + 6] == [
        ("p", "Förslag till kommunstyrelsen:"),
        ("p", "Kommunstyrelsen föreslår kommunfullmäktige att avslå motionen."),
        ("p", "Förslag till kommunfullmäktige:"),
        ("ol", (1, "Kommunfullmäktige avslår motionen.")),
        ("ol", (2, "Kommunfullmäktige uppdrar åt kommunstyrelsen att följa frågan.")),
    ]


def test_the_public_agenda_hides_what_a_secret_item_carries(built: Path) -> None:
    md, data = agenda(built, public=True)
    assert "Offentlig version" in md
    for shown in (md, plain_docx(data)):
        assert "KS 2019/98" not in shown
        assert "Enskild" not in shown
        assert "Ett hemligt ärende" not in shown
        assert "Sekretessärende" in shown
        assert "Dnr KS 2019/99" in shown


def test_a_draft_and_a_case_for_another_meeting_are_warned_at_the_item(
    built: Path,
) -> None:
    said = (built / "check.txt").read_text(encoding="utf-8")
    assert (
        "cases/mote.yaml:13:13: W302 ärendet 'utkast.yaml' är fortfarande ett utkast"
    ) in said
    assert (
        "cases/mote.yaml:14:13: W303 ärendet 'klar.yaml' är skrivet för sammanträdet "
        "2019-05-22, men det här sammanträdet är 2019-05-15"
    ) in said
    assert len(re.findall(r": W30[23] ", said)) == 2


def test_html_agenda_sets_items_as_headings(built: Path) -> None:
    html = (built / "output" / "mote.html").read_text(encoding="utf-8")
    assert re.search(r'<h2 class="punktrubrik">1\. Upprop</h2>', html), html
    assert re.search(r'<h3 class="punktrubrik">5\. .*Ett klart.*</h3>', html), html
    assert '<h4 class="underpunktrubrik">7 a) Skrivelse' in html
    # An item looks like an item whatever its level: its class sets the size.
    assert ".punktrubrik,.underpunktrubrik{font-size:11pt" in html


def test_a_reference_without_the_agenda_styles_keeps_headings(
    tmp_path: Path,
) -> None:
    """An organisation's own Word template from before: items look like
    heading 3 and sub-items like heading 4, with a warning that names the
    style; their outline level is still where they stand."""
    (tmp_path / "cases").mkdir()
    reference = build_reference()
    with zipfile.ZipFile(io.BytesIO(reference)) as archive:
        parts = {n: archive.read(n) for n in archive.namelist()}
    styles = parts["word/styles.xml"].decode("utf-8")
    styles = re.sub(
        r'<w:style [^>]*w:styleId="(Under)?[Pp]unktrubrik".*?</w:style>',
        "",
        styles,
        flags=re.S,
    )
    assert "unktrubrik" not in styles
    parts["word/styles.xml"] = styles.encode("utf-8")
    with zipfile.ZipFile(tmp_path / "egen.docx", "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    (tmp_path / "remiss.yaml").write_text(
        "referensdokument: egen.docx\n", encoding="utf-8"
    )
    (tmp_path / "cases" / "mote.yaml").write_text(
        textwrap.dedent(
            """\
            nämnd: Kommunstyrelsen
            datum: 2019-05-15
            punkter:
              - text: Upprop
              - grupp: Anmälningar
                punkter:
                  - text: Delegationsbeslut
            """
        ),
        encoding="utf-8",
    )
    result = invoke_remiss("build", cwd=tmp_path)
    assert "W201 referensdokumentet saknar formatmallen 'Punktrubrik'" in result.stderr
    data = (tmp_path / "output" / "mote.docx").read_bytes()
    assert_valid_docx(data)
    assert titles(data)[1:] == [
        ("Heading 3", "1.\tUpprop"),
        ("Heading 3", "2.\tAnmälningar"),
        ("Heading 4", "2 a)\tDelegationsbeslut"),
    ]
    assert outline_levels(data) == [0, 1, 1, 2]


def test_published_index_gives_decisions_as_the_agenda_does() -> None:
    from remiss.publish.index import _resolution

    assert _resolution([{"rubrik": None, "beslut": ["Nämnden godkänner."]}]) == (
        "Nämnden godkänner."
    )
    assert _resolution(
        [
            {"rubrik": "Förslag till kommunstyrelsen", "beslut": ["A.", "B."]},
            {"rubrik": "Förslag till kommunfullmäktige", "beslut": ["C."]},
        ]
    ) == (
        "Förslag till kommunstyrelsen:\n1. A.\n2. B.\n"
        "Förslag till kommunfullmäktige:\nC."
    )
