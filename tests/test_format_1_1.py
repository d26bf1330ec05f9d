"""Case format 1.1: documents that fit every kommun.

Every key of the 1.1 table, each read back from the outputs: the Markdown by
pandoc's own reader, the Word document by the schema validator and pandoc.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import textwrap
from pathlib import Path
from typing import Any

import pytest

from remiss.input.case import load_case
from remiss.input.project import load_project
from remiss.render.source import render_file
from tests.conftest import assert_valid_docx, invoke_remiss

pandoc_needed = pytest.mark.skipif(
    shutil.which("pandoc") is None and os.environ.get("CI") != "true",
    reason="pandoc är inte installerat (apt-get install pandoc)",
)

HEAD = """\
diarienummer: KS 2019/12
datum: 2019-05-02
status: klar
handläggare:
  - namn: Eva Ek
rubrik: Svar på motion om fler gröna ytor
"""

ONE_DECISION = """\
förslag_till_beslut:
  - Kommunstyrelsen avslår motionen.
sammanfattning: |
  Förvaltningen avstyrker motionen.
"""


def with_decision(extra: str) -> str:
    """The case body with one decision, a summary and `extra`."""
    return ONE_DECISION + textwrap.dedent(extra)


def project(root: Path, standard: str = "") -> Path:
    (root / "cases").mkdir(parents=True, exist_ok=True)
    (root / "remiss.yaml").write_text(
        "standard:\n  nämnd: Kommunstyrelsen\n  förvaltning: Stadsledningskontoret\n"
        + textwrap.indent(textwrap.dedent(standard), "  "),
        encoding="utf-8",
    )
    return root


def case(root: Path, body: str, name: str = "arende.yaml", head: str = HEAD) -> Path:
    path = root / "cases" / name
    path.write_text(head + textwrap.dedent(body), encoding="utf-8")
    return path


def render(path: Path, root: Path) -> tuple[str, bytes]:
    rendered = render_file(path, load_project(root))
    errors = [d.format() for d in rendered.diagnostics if d.is_error]
    assert errors == []
    docx = rendered.outputs["docx"]
    assert_valid_docx(docx)
    return rendered.outputs["md"].decode("utf-8"), docx


def pandoc_json(data: bytes, reader: str) -> list[dict[str, Any]]:
    """Return the blocks pandoc reads from Markdown or a .docx."""
    result = subprocess.run(
        ["pandoc", "-f", reader, "-t", "json"],
        input=data,
        capture_output=True,
        check=True,
    )
    blocks: list[dict[str, Any]] = json.loads(result.stdout)["blocks"]
    return blocks


def plain(inlines: list[dict[str, Any]]) -> str:
    out = []
    for node in inlines:
        kind, content = node["t"], node.get("c")
        if kind == "Str":
            out.append(content)
        elif kind in ("Space", "SoftBreak", "LineBreak"):
            out.append(" ")
        elif kind in ("Emph", "Strong", "Span", "Quoted", "Link"):
            inner = content[-1] if kind == "Quoted" else content
            if kind in ("Span", "Link"):
                inner = content[1]
            out.append(plain(inner))
    return "".join(out)


def outline(blocks: list[dict[str, Any]]) -> list[tuple[str, Any]]:
    """Headers (level, text), paragraphs and list items, flattened in order."""
    out: list[tuple[str, Any]] = []
    for block in blocks:
        kind, content = block["t"], block.get("c")
        if kind == "Header":
            out.append(("h", (content[0], plain(content[2]))))
        elif kind in ("Para", "Plain"):
            out.append(("p", plain(content)))
        elif kind == "OrderedList":
            start = content[0][0]
            for n, item in enumerate(content[1], start):
                out.append(("ol", (n, plain(item[0]["c"]))))
        elif kind == "BulletList":
            for item in content:
                out.append(("ul", plain(item[0]["c"])))
        elif kind == "Div":
            out.extend(outline(content[1]))
    return out


# -- rubriker ---------------------------------------------------------------


@pandoc_needed
def test_headings_come_from_the_project_and_the_case_key_by_key(
    tmp_path: Path,
) -> None:
    root = project(
        tmp_path,
        """\
        rubriker:
          förslag_till_beslut: Förslag till beslut
          bilagor: Bilagor till utlåtandet
        """,
    )
    path = case(
        root,
        with_decision(
            """\
        rubriker:
          bilagor: Bilaga
          sammanfattning: Kort om ärendet
        bilagor:
          - Motionen
        """
        ),
    )
    md, docx = render(path, root)
    for read in (pandoc_json(md.encode(), "markdown"), pandoc_json(docx, "docx")):
        headers = [text for kind, text in outline(read) if kind == "h"]
        # The project's heading where the case has none; the case's where it has.
        assert (2, "Förslag till beslut") in headers
        assert (2, "Kort om ärendet") in headers
        assert (2, "Bilaga") in headers
        assert (2, "Bilagor till utlåtandet") not in headers
        texts = [text for kind, text in outline(read) if kind == "p"]
        assert not any("Förvaltningens förslag till beslut" in t for t in texts)


def test_an_unknown_heading_key_in_the_project_is_said_at_remiss_yaml(
    tmp_path: Path,
) -> None:
    root = project(tmp_path, "rubriker:\n  sammanfatning: Kort\n")
    case(root, ONE_DECISION)
    result = invoke_remiss("check", "cases/arende.yaml", cwd=root)
    assert result.returncode == 1
    assert "remiss.yaml:5:5: E101 okänd nyckel 'rubriker.sammanfatning'" in (
        result.stderr
    )
    assert "menade du 'sammanfattning'?" in result.stderr


# -- förslag_till_beslut ------------------------------------------------------


@pandoc_needed
def test_decisions_to_two_bodies_have_their_headings_and_own_numbering(
    tmp_path: Path,
) -> None:
    root = project(tmp_path)
    path = case(
        root,
        """\
        förslag_till_beslut:
          - rubrik: Förslag till kommunstyrelsen
            beslut:
              - Kommunstyrelsen föreslår kommunfullmäktige att avslå motionen.
              - Kommunstyrelsen förklarar beslutet omedelbart justerat.
          - rubrik: Förslag till kommunfullmäktige
            beslut:
              - Kommunfullmäktige avslår motionen.
              - Kommunfullmäktige uppdrar åt kommunstyrelsen att följa frågan.
        sammanfattning: |
          Förvaltningen avstyrker motionen.
        """,
    )
    md, docx = render(path, root)
    for read in (pandoc_json(md.encode(), "markdown"), pandoc_json(docx, "docx")):
        flat = outline(read)
        first = flat.index(("h", (3, "Förslag till kommunstyrelsen")))
        second = flat.index(("h", (3, "Förslag till kommunfullmäktige")))
        assert flat[first + 1 : first + 3] == [
            (
                "ol",
                (1, "Kommunstyrelsen föreslår kommunfullmäktige att avslå motionen."),
            ),
            ("ol", (2, "Kommunstyrelsen förklarar beslutet omedelbart justerat.")),
        ]
        assert flat[second + 1 : second + 3] == [
            ("ol", (1, "Kommunfullmäktige avslår motionen.")),
            (
                "ol",
                (2, "Kommunfullmäktige uppdrar åt kommunstyrelsen att följa frågan."),
            ),
        ]
    # Word numbers each group from 1: two lists, each restarting.
    assert md.count("\n1. ") == 2


@pandoc_needed
def test_a_single_decision_stands_without_a_number(tmp_path: Path) -> None:
    root = project(tmp_path)
    md, docx = render(case(root, ONE_DECISION), root)
    for read in (pandoc_json(md.encode(), "markdown"), pandoc_json(docx, "docx")):
        flat = outline(read)
        at = flat.index(("h", (2, "Förvaltningens förslag till beslut")))
        assert flat[at + 1] == ("p", "Kommunstyrelsen avslår motionen.")
        assert not any(kind == "ol" for kind, _ in flat)


def test_decisions_and_groups_may_not_be_mixed(tmp_path: Path) -> None:
    root = project(tmp_path)
    case(
        root,
        """\
        förslag_till_beslut:
          - Kommunstyrelsen avslår motionen.
          - rubrik: Förslag till kommunfullmäktige
            beslut: [Kommunfullmäktige avslår motionen.]
        sammanfattning: Text.
        """,
    )
    result = invoke_remiss("check", "cases/arende.yaml", cwd=root)
    assert result.returncode == 1
    assert "arende.yaml:9:5: E103 beslut 2: listan blandar beslut och grupper" in (
        result.stderr
    )


def test_a_grouped_decision_need_not_name_the_committee(tmp_path: Path) -> None:
    """W705 is for the committee's own decisions; a group speaks for its body."""
    root = project(tmp_path)
    case(
        root,
        """\
        förslag_till_beslut:
          - rubrik: Förslag till kommunfullmäktige
            beslut: [Kommunfullmäktige avslår motionen.]
          - rubrik: Förslag till kommunstyrelsen
            beslut: [Motionen avslås.]
        sammanfattning: Text.
        """,
    )
    result = invoke_remiss("check", "cases/arende.yaml", cwd=root)
    assert "W705" not in result.stderr, result.stderr
    # The other decision rules still hold, at the decision's own line.
    plain_case = case(
        root,
        """\
        förslag_till_beslut:
          - rubrik: Förslag till kommunfullmäktige
            beslut: [att avslå motionen]
        sammanfattning: Text.
        """,
        name="att.yaml",
    )
    result = invoke_remiss("check", plain_case.relative_to(root).as_posix(), cwd=root)
    assert "att.yaml:9:14: W706 grupp 1, beslut 1:" in result.stderr, result.stderr


# -- motion, roll, yrkanden -------------------------------------------------


def test_a_motion_without_a_number_is_named_by_title_and_movers(
    tmp_path: Path,
) -> None:
    root = project(tmp_path)
    path = case(
        root,
        with_decision(
            """\
        remiss:
          från: Kommunfullmäktige
          diarienummer: KF 2019/3
        motion:
          titel: Fler gröna ytor
          motionärer:
            - {namn: Anna Andersson, parti: mp}
            - {namn: Bo Berg, parti: c}
          yrkanden:
            - att kommunen tar fram en plan för gröna ytor
            - att planen redovisas före 2020
        """
        ),
    )
    md, _ = render(path, root)
    assert (
        "Kommunfullmäktige har begärt kommunstyrelsens yttrande över motionen "
        "”Fler gröna ytor”, Dnr KF 2019/3, från Anna Andersson (MP) och Bo Berg (C)."
    ) in md
    assert (
        "Motionärerna föreslår:\n\n- att kommunen tar fram en plan för gröna ytor\n"
        "- att planen redovisas före 2020\n"
    ) in md
    assert "motion ()" not in md
    assert "None" not in md


def test_a_motion_title_starting_with_om_follows_the_word_motion(
    tmp_path: Path,
) -> None:
    root = project(tmp_path)
    path = case(
        root,
        with_decision(
            """\
        remiss: {från: Kommunfullmäktige}
        motion:
          titel: om fler gröna ytor
          motionärer: [{namn: Anna Andersson}]
        """
        ),
    )
    md, _ = render(path, root)
    assert "yttrande över motion om fler gröna ytor, från Anna Andersson." in md


def test_a_person_is_shown_with_the_role_given(tmp_path: Path) -> None:
    root = project(tmp_path)
    path = case(
        root,
        with_decision(
            """\
        underskrifter:
          - {namn: Karin Wanngård, roll: Finansborgarråd}
        """
        ),
        head=HEAD.replace(
            "  - namn: Eva Ek\n",
            "  - namn: Eva Ek\n    roll: Föredragande borgarråd\n"
            "  - namn: Per Persson\n",
        ),
    )
    md, docx = render(path, root)
    assert "Föredragande borgarråd: Eva Ek\\\nHandläggare: Per Persson" in md
    assert "Finansborgarråd\\\nKarin Wanngård" in md
    text = plain_docx(docx)
    assert "Föredragande borgarråd: Eva Ek" in text
    assert "Handläggare: Eva Ek" not in text


def plain_docx(docx: bytes) -> str:
    return subprocess.run(
        ["pandoc", "-f", "docx", "-t", "plain", "--wrap=none"],
        input=docx,
        capture_output=True,
        check=True,
    ).stdout.decode("utf-8")


# -- bilagor ------------------------------------------------------------------


def pdf(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"%PDF-1.4\n%%EOF\n")
    return path


ATTACHMENTS = ONE_DECISION + textwrap.dedent(
    """\
    bilagor:
      - Motionen
      - titel: Yttrande från stadsbyggnadskontoret
        fil: {fil}
    """
)


def test_an_attachment_with_a_file_is_listed_and_its_file_given(
    tmp_path: Path,
) -> None:
    root = project(tmp_path)
    pdf(root / "cases" / "bilagor" / "yttrande.pdf")
    path = case(root, ATTACHMENTS.replace("{fil}", "bilagor/yttrande.pdf"))
    md, _ = render(path, root)
    assert "Bilaga 1. Motionen  \nBilaga 2. Yttrande från stadsbyggnadskontoret" in md
    loaded = load_case(path, load_project(root))
    assert loaded.case is not None
    assert loaded.case.attachment_titles == [
        "Motionen",
        "Yttrande från stadsbyggnadskontoret",
    ]
    files = loaded.case.attachment_files(path.parent)
    assert files == [root / "cases" / "bilagor" / "yttrande.pdf"]
    assert files[0].read_bytes().startswith(b"%PDF-")


@pytest.mark.parametrize(
    ("written", "code", "message"),
    [
        ("saknas.pdf", "E111", "filen 'saknas.pdf' finns inte"),
        ("bilagor", "E111", "filen 'bilagor' finns inte (det är en mapp)"),
        ("../../utanfor.pdf", "E112", "'../../utanfor.pdf' ligger utanför"),
        ("länk/hemlig.pdf", "E112", "(via den symboliska länken 'länk')"),
        ("bilagor/text.pdf", "E113", "'bilagor/text.pdf' är ingen PDF-fil"),
        ("kö.pdf", "E111", "filen 'kö.pdf' finns inte (det är ingen vanlig fil)"),
        ("x" * 300 + ".pdf", "E111", "finns inte"),  # a name too long to look up
    ],
)
def test_an_attachment_file_must_be_a_pdf_inside_the_project(
    tmp_path: Path, written: str, code: str, message: str
) -> None:
    root = project(tmp_path / "projekt")
    pdf(tmp_path / "utanfor.pdf")
    pdf(tmp_path / "hemligt" / "hemlig.pdf")
    (root / "cases" / "länk").symlink_to(tmp_path / "hemligt")
    (root / "cases" / "bilagor").mkdir()
    (root / "cases" / "bilagor" / "text.pdf").write_text("inte en pdf")
    os.mkfifo(root / "cases" / "kö.pdf")  # never opened: reading it would wait
    case(root, ATTACHMENTS.replace("{fil}", written))
    result = invoke_remiss("check", "cases/arende.yaml", cwd=root)
    assert result.returncode == 1
    headline = f"cases/arende.yaml:14:10: {code} bilaga 2, fil: "
    assert headline in result.stderr, result.stderr
    assert message in result.stderr
    assert "tips: " in result.stderr
    build = invoke_remiss("build", cwd=root)
    assert build.returncode == 1
    assert not (root / "output" / "arende.docx").exists()


# -- details: Dnr and the table caption ---------------------------------------


@pandoc_needed
def test_a_table_caption_is_a_block_of_its_own(tmp_path: Path) -> None:
    root = project(tmp_path)
    path = case(
        root,
        with_decision(
            """\
        ärendet: |
          Tabellen visar läget.
        statistik:
          lagenheter:
            rubrik: Lägenheter efter läge
            kolumner: [Läge, Antal]
            rader:
              - [Innerstaden, 62]
        """
        ),
    )
    md, _ = render(path, root)
    blocks = pandoc_json(md.encode(), "markdown")
    paragraphs = [plain(b["c"]) for b in blocks if b["t"] == "Para"]
    assert "Tabellen visar läget." in paragraphs
    captions = [
        plain(b["c"][1][0]["c"])
        for b in blocks
        if b["t"] == "Div" and ["custom-style", "Tabellrubrik"] in b["c"][0][2]
    ]
    assert captions == ["Lägenheter efter läge"]
