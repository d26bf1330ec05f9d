"""`remiss import` and case format 1.1, without LibreOffice: a case with
groups of decisions, headings of its own and persons with roles comes back
from its own Word document as the same case (`--ny`); documents made with
python-docx stand for shapes remiss never writes; edits of lists reach the
right item however many were removed before."""

from __future__ import annotations

import difflib
from pathlib import Path

import docx
import pytest

from remiss.docx.textconv import docx_text
from remiss.model.case import HEADINGS
from remiss.review.fixedheadings import heading_key, is_group
from tests.conftest import invoke_remiss

CASE_1_1 = """\
diarienummer: KS 2012/345
datum: 2012-05-02
nämnd: Kommunfullmäktige
förvaltning: Stadsledningskontoret
dokumenttyp: Utlåtande

handläggare:
  - namn: Anna Berg
    roll: Föredragande borgarråd

underskrifter:
  - namn: Karl Ek
    roll: Föredragande
    titel: Stadsdirektör
  - namn: Eva Ås
    titel: Avdelningschef

rubrik: Svar på motion om fler parkbänkar

motion:
  titel: om fler parkbänkar

rubriker:
  förslag_till_beslut: Kommunstyrelsen föreslår att kommunfullmäktige beslutar följande
  bakgrund: Ärendets bakgrund
  bilagor: Bilaga

förslag_till_beslut:
  - rubrik: Förslag till kommunstyrelsen
    beslut:
      - Kommunstyrelsen godkänner svaret.
  - rubrik: Förslag till kommunfullmäktige
    beslut:
      - Kommunfullmäktige avslår motionen.
      - Kommunfullmäktige anser motionen besvarad.

sammanfattning: |
  Motionären vill ha fler bänkar.

bakgrund: |
  Motionen lämnades i mars.

synpunkter: |
  Kontoret delar inte bedömningen.

avsnitt:
  - rubrik: Barnperspektiv
    text: |
      Barn vill också sitta.

bilagor:
  - Motionen
  - Karta

beslut_sänds_till:
  - Parkförvaltningen
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project whose remiss.yaml names one fixed heading its own way."""
    folder = tmp_path / "p"
    (folder / "cases").mkdir(parents=True)
    (folder / "remiss.yaml").write_text(
        "standard:\n  rubriker:\n    synpunkter: Kontorets synpunkter\n", "utf-8"
    )
    (folder / "cases" / "a.yaml").write_text(CASE_1_1, "utf-8")
    return folder


def _render(project: Path, name: str) -> bytes:
    result = invoke_remiss("render", f"cases/{name}.yaml", cwd=project)
    assert result.returncode == 0, result.stderr
    return (project / "output" / f"{name}.docx").read_bytes()


def test_a_1_1_case_comes_back_from_its_document_as_it_was(project: Path) -> None:
    document = project / "a.docx"
    document.write_bytes(_render(project, "a"))
    result = invoke_remiss("import", str(document), "--ny", "cases/b.yaml", cwd=project)
    assert result.returncode == 0, result.stderr
    made = (project / "cases" / "b.yaml").read_text("utf-8")
    # The same case, key by key; blank lines are the import's own. The
    # heading remiss.yaml gives is not repeated in the case.
    assert [line for line in made.splitlines() if line] == [
        line for line in CASE_1_1.splitlines() if line
    ]
    # And so the same document, word for word (both are drafts).
    assert docx_text(_render(project, "b")) == docx_text(document.read_bytes())


def _document(path: Path, paragraphs: list[tuple[str, str]]) -> None:
    """A .docx of (style, text) paragraphs, as another program writes it."""
    made = docx.Document()
    made.sections[0].header.paragraphs[0].text = "Kommunledningskontoret\tDnr KS 1/2"
    for style, text in paragraphs:
        made.add_paragraph(text, style=style)
    made.save(str(path))


def test_groups_without_a_common_heading_are_groups_and_said(
    project: Path,
) -> None:
    source = project / "gammal.docx"
    _document(
        source,
        [
            ("Normal", "Handläggare: Lena Holm\tTill Kommunstyrelsen"),
            ("Normal", "2021-11-03"),
            ("Heading 1", "Detaljplan för Norra kajen"),
            ("Heading 2", "Förslag till kommunstyrelsen"),
            ("List Number", "Kommunstyrelsen godkänner planen."),
            ("Heading 2", "Förslag till kommunfullmäktige"),
            ("List Number", "Kommunfullmäktige antar planen."),
            ("List Number", "Kommunfullmäktige anvisar medel."),
            ("Heading 2", "Sammanfattning"),
            ("Normal", "Planen ger bostäder vid kajen."),
        ],
    )
    result = invoke_remiss("import", str(source), "--ny", "cases/n.yaml", cwd=project)
    text = (project / "cases" / "n.yaml").read_text("utf-8")
    assert (
        "förslag_till_beslut:\n"
        "  - rubrik: Förslag till kommunstyrelsen\n"
        "    beslut:\n"
        "      - Kommunstyrelsen godkänner planen.\n"
        "  - rubrik: Förslag till kommunfullmäktige\n"
        "    beslut:\n"
        "      - Kommunfullmäktige antar planen.\n"
        "      - Kommunfullmäktige anvisar medel.\n"
    ) in text
    assert "rubriker:" not in text
    # The template sets a heading over the groups; the import says so.
    assert result.returncode == 1
    assert (
        "W805 förslagen till beslut står i grupper utan en gemensam rubrik; "
        "dokumentet får rubriken ”Förvaltningens förslag till beslut”"
    ) in result.stderr


@pytest.fixture
def single(project: Path) -> Path:
    document = project / "a.docx"
    document.write_bytes(_render(project, "a"))
    return document


def test_a_paragraph_after_a_decision_without_number_is_a_decision(
    project: Path, single: Path
) -> None:
    edited = docx.Document(str(single))
    paragraphs = edited.paragraphs
    alone = next(
        n
        for n, p in enumerate(paragraphs)
        if p.text == "Kommunstyrelsen godkänner svaret."
    )
    paragraphs[alone + 1].insert_paragraph_before(
        "Kommunstyrelsen tackar motionären.", style=paragraphs[alone].style
    )
    out = project / "ändrat.docx"
    edited.save(str(out))
    case = project / "cases" / "a.yaml"
    result = invoke_remiss("import", str(out), "cases/a.yaml", cwd=project)
    assert result.returncode == 0, result.stderr
    assert _changed(CASE_1_1, case.read_text("utf-8")) == [
        "+      - Kommunstyrelsen tackar motionären."
    ]


def _changed(old: str, new: str) -> list[str]:
    return [
        line
        for line in difflib.unified_diff(old.splitlines(), new.splitlines(), n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]


def test_an_edited_heading_of_the_case_goes_to_rubriker(project: Path) -> None:
    case = project / "cases" / "a.yaml"
    new = project / "ny.yaml"
    new.write_text(
        CASE_1_1.replace("bakgrund: Ärendets bakgrund", "bakgrund: Tidigare beslut"),
        "utf-8",
    )
    out = project / "granskning.docx"
    invoke_remiss("diff", "cases/a.yaml", "ny.yaml", "-o", str(out), cwd=project)
    result = invoke_remiss("import", str(out), "cases/a.yaml", cwd=project)
    assert result.returncode == 0, result.stderr
    assert "ändrat rubriker.bakgrund" in result.stderr
    assert case.read_text("utf-8") == new.read_text("utf-8")


def test_an_edited_heading_from_the_template_says_how_to_name_it(
    project: Path,
) -> None:
    """A heading the case does not name (here: the built-in Sammanfattning)
    cannot be written back, but the message says where its words go."""
    case = project / "cases" / "a.yaml"
    new = project / "ny.yaml"
    new.write_text(
        CASE_1_1.replace(
            "  bilagor: Bilaga\n",
            "  bilagor: Bilaga\n  sammanfattning: Ärendet i korthet\n",
        ),
        "utf-8",
    )
    out = project / "granskning.docx"
    invoke_remiss("diff", "cases/a.yaml", "ny.yaml", "-o", str(out), cwd=project)
    result = invoke_remiss("import", str(out), "cases/a.yaml", cwd=project)
    assert result.returncode == 1
    assert "rubriken kommer från mallen" in result.stderr
    assert (
        "skriv rubriken i ärendefilen under rubriker:, som sammanfattning: "
        "Ärendet i korthet"
    ) in result.stderr
    assert case.read_text("utf-8") == CASE_1_1


def test_items_are_found_after_an_earlier_one_was_removed(project: Path) -> None:
    """Removing the first decision of a group and editing its last changes
    exactly those two (the place of an item is its place as typed)."""
    case = project / "cases" / "a.yaml"
    three = CASE_1_1.replace(
        "      - Kommunfullmäktige anser motionen besvarad.\n",
        "      - Kommunfullmäktige anser motionen besvarad.\n"
        "      - Kommunfullmäktige uppdrar åt parkförvaltningen att se över "
        "bänkarna.\n",
    )
    case.write_text(three, "utf-8")
    new = project / "ny.yaml"
    new.write_text(
        three.replace("      - Kommunfullmäktige avslår motionen.\n", "").replace(
            "se över bänkarna", "räkna bänkarna"
        ),
        "utf-8",
    )
    out = project / "granskning.docx"
    invoke_remiss("diff", "cases/a.yaml", "ny.yaml", "-o", str(out), cwd=project)
    result = invoke_remiss("import", str(out), "cases/a.yaml", cwd=project)
    assert result.returncode == 0, result.stderr
    assert case.read_text("utf-8") == new.read_text("utf-8")


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Förvaltningens förslag till beslut", "förslag_till_beslut"),
        ("Förslag till beslut", "förslag_till_beslut"),
        (
            "Kommunstyrelsen föreslår att kommunfullmäktige beslutar följande",
            "förslag_till_beslut",
        ),
        ("Stadsledningskontorets förslag till beslut", "förslag_till_beslut"),
        ("Ärendet i korthet", "sammanfattning"),
        ("Ärendebeskrivning", "ärendet"),
        ("Beredning", "beredning"),
        ("Synpunkter", "synpunkter"),
        ("Förvaltningens synpunkter", "synpunkter"),
        ("Socialförvaltningens bedömning", "synpunkter"),
        ("Kontorets synpunkter och förslag", "synpunkter"),
        ("Bilaga", "bilagor"),
        ("Beslutet skickas till", "beslut_sänds_till"),
        ("Barnperspektiv", None),
        ("Föredragande borgarrådets yttrande", None),
        ("Ekonomiska konsekvenser", None),
    ],
)
def test_fixed_headings_are_known_by_their_variants(text: str, key: str | None) -> None:
    assert heading_key(text, HEADINGS) == key


def test_a_project_heading_is_known_by_its_own_text() -> None:
    own = dict(HEADINGS, ärendet="Så här ligger det till")
    assert heading_key("Så här ligger det till", own) == "ärendet"
    assert heading_key("Så här ligger det till", HEADINGS) is None


@pytest.mark.parametrize(
    ("text", "group"),
    [
        ("Förslag till kommunfullmäktige", True),
        ("Förslag till beslut i kommunstyrelsen", True),
        ("Kommunstyrelsen föreslår att kommunfullmäktige beslutar följande", True),
        ("Förslag till beslut", False),
        ("Sammanfattning", False),
    ],
)
def test_a_heading_of_the_decisions_to_one_body(text: str, group: bool) -> None:
    assert is_group(text) is group
