"""How pages look in a reader: columns that hold long names, and a meeting's
combined PDF whose every page counts the pages of its own document.

Read back from real PDFs (LibreOffice, then poppler's pdftotext page by page
and pikepdf for the outline). Each test makes its PDFs in one LibreOffice
call.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pikepdf
import pytest

from tests.conftest import (
    CASES,
    ROOT,
    assert_valid_docx,
    invoke_remiss,
    pandoc_plain,
    run_remiss,
)

needs_office = pytest.mark.skipif(
    (shutil.which("soffice") is None or shutil.which("pdftotext") is None)
    and os.environ.get("CI") != "true",
    reason="LibreOffice eller poppler-utils saknas "
    "(apt-get install libreoffice-writer-nogui poppler-utils)",
)

LONG_UNIT = (
    "Avdelningen för stadsövergripande sociala frågor, enheten för "
    "hemlöshet och boendefrågorna"
)
LONG_NAME = "Anna-Karin Lindqvist Bergström af Sillén Johansson"


def page_text(pdf: Path, page: int) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", "-f", str(page), "-l", str(page), str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.replace("\u00a0", " ")


def pages(pdf: Path) -> int:
    with pikepdf.open(pdf) as opened:
        return len(opened.pages)


def _project(folder: Path) -> Path:
    folder.mkdir()
    (folder / "cases").mkdir()
    shutil.copy(ROOT / "remiss.yaml", folder / "remiss.yaml")
    return folder


@needs_office
def test_long_names_wrap_in_their_own_column(tmp_path: Path) -> None:
    assert len(LONG_UNIT) == 90
    assert len(LONG_NAME) == 50
    project = _project(tmp_path / "p")
    text = (CASES / "forsokslagenheter.yaml").read_text("utf-8")
    text = text.replace(
        "avdelning: Avdelningen för stadsövergripande sociala frågor",
        f"avdelning: {LONG_UNIT}",
    ).replace("  - namn: Anna Lindqvist", f"  - namn: {LONG_NAME}")
    (project / "cases" / "lang.yaml").write_text(text, "utf-8")
    result = run_remiss(
        "render", "cases/lang.yaml", "--format", "docx,pdf", cwd=project
    )
    assert result.returncode == 0, result.stderr
    docx = project / "output" / "lang.docx"
    assert_valid_docx(docx.read_bytes())
    read = pandoc_plain(docx)
    assert "Till Socialnämnden" in read

    first = page_text(project / "output" / "lang.pdf", 1)
    lines = first.splitlines()
    # The Dnr stands whole on one line, in the header's right column.
    dnr = next(line for line in lines if "Dnr" in line)
    assert "Dnr 325-827/2011" in dnr
    right = dnr.index("Dnr")
    # The long unit wraps in the left column: no word of it reaches the
    # right column, and the right column starts at the same place throughout.
    for word in ("hemlöshet", "boendefrågorna", "enheten"):
        (line,) = [x for x in lines if word in x]
        assert line.index(word) < right, line
    header_right = [
        line.index(label)
        for label in ("Tjänsteutlåtande", "Sida 1")
        for line in lines
        if label in line
    ]
    assert header_right == [right, right]
    # The officer's long name wraps in its column; the addressee stands in
    # the right column, on the header's grid, not one space after the name.
    (till,) = [line for line in lines if "Till Socialnämnden" in line]
    assert till.index("Till Socialnämnden") == right
    assert till[:right].strip() != ""
    assert till[:right].endswith("  ")
    officer = " ".join(
        line[:right].strip() for line in lines[lines.index(till) - 1 :][:4]
    )
    assert "Sillén" in officer
    assert "Johansson" in officer


MEETING_HEAD = """\
nämnd: Socialnämnden
datum: 2011-08-23
förvaltning: Socialförvaltningen
punkter:
"""


def _attachment(path: Path, count: int) -> None:
    """Write a PDF of `count` blank pages, as a scanned remiss would be."""
    with pikepdf.new() as pdf:
        for _ in range(count):
            pdf.add_blank_page(page_size=(595, 842))
        pdf.save(path)


@needs_office
def test_every_page_of_a_combined_pdf_counts_its_own_document(
    tmp_path: Path,
) -> None:
    project = _project(tmp_path / "p")
    base = (CASES / "forsokslagenheter.yaml").read_text("utf-8")
    sentence = "Förvaltningen har gått igenom fördelningen stadsdel för stadsdel. "
    extra = "\n\n".join(["  " + (sentence * 8).strip()] * 10) + "\n\n"
    items = []
    for n in range(1, 17):
        # Every third case is longer, so the documents differ in length.
        text = base.replace(
            "rubrik: Svar på remiss om motion (2011:31)",
            f"rubrik: Ärende nummer {n} – svar på remiss om motion (2011:31)",
        )
        if n % 3 == 0:
            text = text.replace("ärendet: |\n", "ärendet: |\n" + extra, 1)
        if n == 5:  # the remitted motion goes with the handling
            text += (
                "\nbilagor:\n  - Kommunstyrelsens remiss\n"
                "  - titel: Motion (2011:31)\n    fil: bilagor/motion.pdf\n"
            )
        (project / "cases" / f"arende{n:02d}.yaml").write_text(text, "utf-8")
        items.append(f"  - ärende: arende{n:02d}.yaml\n")
    (project / "cases" / "bilagor").mkdir()
    _attachment(project / "cases" / "bilagor" / "motion.pdf", 2)
    meeting = project / "cases" / "mote.yaml"
    meeting.write_text(MEETING_HEAD + "".join(items), "utf-8")
    result = run_remiss("render", "cases/mote.yaml", "--format", "pdf", cwd=project)
    assert result.returncode == 0, result.stderr
    out = project / "output"
    combined = out / "mote-handlingar.pdf"
    names = ["mote", *(f"arende{n:02d}" for n in range(1, 17))]
    own = {name: pages(out / f"{name}.pdf") for name in names}
    assert len(set(own.values())) >= 2, own  # documents of different lengths
    expected: list[tuple[int, int, str]] = []  # (page, of pages, document)
    for name in names:
        expected += [(x, own[name], name) for x in range(1, own[name] + 1)]
        if name == "arende05":
            expected += [(x, 0, "bilaga") for x in (1, 2)]
    assert pages(combined) == len(expected)
    for number, (page, total, name) in enumerate(expected, 1):
        text = page_text(combined, number)
        found = re.findall(r"Sida (\d+) \((\d+)\)", text)
        if name == "bilaga":
            assert text.strip() == "", number  # appended as it is
            continue
        assert found == [(str(page), str(total))], (number, name, found)
        if name != "mote":
            # Each handling says which agenda item it is, on every page.
            assert f"Punkt {int(name[-2:])}" in text, (number, name)
            assert f"Ärende nummer {int(name[-2:])} –" in text or page > 1

    with pikepdf.open(combined) as pdf, pdf.open_outline() as outline:
        titles = [item.title for item in outline.root]
        starts = [
            pdf.pages.index(pikepdf.Page(item.destination[0])) for item in outline.root
        ]
        (fifth,) = [item for item in outline.root if item.title.startswith("Punkt 5.")]
        attached = [
            (c.title, pdf.pages.index(pikepdf.Page(c.destination[0])))
            for c in fifth.children
            if c.title.startswith("Bilaga")
        ]
        # Under each handling, its own headings, on its own pages.
        within = []
        for item, start in zip(outline.root[1:], starts[1:], strict=True):
            heads = [c for c in item.children if not c.title.startswith("Bilaga")]
            within.append(
                (
                    [c.title for c in heads][:3],
                    all(
                        start <= pdf.pages.index(pikepdf.Page(c.destination[0]))
                        for c in heads
                    ),
                )
            )
    assert titles[0] == "Föredragningslista"
    assert titles[1:] == [
        f"Punkt {n}. Ärende nummer {n} – svar på remiss om motion (2011:31) om en "
        "jämlik fördelning av försöks- och träningslägenheter"
        for n in range(1, 17)
    ]
    first_pages = [
        i
        for i, (page, _, name) in enumerate(expected)
        if page == 1 and name != "bilaga"
    ]
    assert starts == first_pages
    heads = ["Förvaltningens förslag till beslut", "Sammanfattning", "Bakgrund"]
    assert within == [(heads, True)] * 16
    # The attachment, numbered as the case lists it, right after its handling.
    assert attached == [
        ("Bilaga 2. Motion (2011:31)", [n for _, _, n in expected].index("bilaga"))
    ]


def _footer_text(docx: Path) -> str:
    with zipfile.ZipFile(docx) as archive:
        xml = archive.read("word/footer1.xml").decode("utf-8")
    return "\n".join(
        "".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", p))
        for p in re.findall(r"<w:p\b.*?</w:p>|<w:p/>", xml)
    ).strip()


def test_footer_shows_the_contacts_remiss_yaml_gives(tmp_path: Path) -> None:
    project = _project(tmp_path / "p")
    shutil.copy(CASES / "forsokslagenheter.yaml", project / "cases" / "a.yaml")
    result = invoke_remiss("render", "cases/a.yaml", "--format", "docx", cwd=project)
    assert result.returncode == 0, result.stderr
    docx = project / "output" / "a.docx"
    assert_valid_docx(docx.read_bytes())
    assert _footer_text(docx) == ""  # nothing given, nothing shown
    with (project / "remiss.yaml").open("a", encoding="utf-8") as config:
        config.write(
            "kontaktuppgifter:\n"
            "  besöksadress: Swedenborgsgatan 20\n"
            "  postadress: Box 44, 104 20 Stockholm\n"
            "  telefon: 08-508 25 000\n"
            "  webbplats: stockholm.se\n"
        )
    result = invoke_remiss("render", "cases/a.yaml", "--format", "docx", cwd=project)
    assert result.returncode == 0, result.stderr
    assert_valid_docx(docx.read_bytes())
    assert _footer_text(docx) == (
        "Besöksadress Swedenborgsgatan 20 · Postadress Box 44, 104 20 Stockholm\n"
        "Telefon 08-508 25 000 · stockholm.se"
    )


@needs_office
def test_an_unreadable_attachment_stops_the_combined_pdf(tmp_path: Path) -> None:
    project = _project(tmp_path / "p")
    text = (CASES / "forsokslagenheter.yaml").read_text("utf-8")
    text += "\nbilagor:\n  - titel: Motionen\n    fil: motion.pdf\n"
    (project / "cases" / "a.yaml").write_text(text, "utf-8")
    # Starts as a PDF does, but is cut off: only joining finds it out.
    (project / "cases" / "motion.pdf").write_bytes(b"%PDF-1.7\n1 0 obj\n<<")
    meeting = project / "cases" / "mote.yaml"
    meeting.write_text(MEETING_HEAD + "  - ärende: a.yaml\n", "utf-8")
    result = run_remiss("render", "cases/mote.yaml", "--format", "pdf", cwd=project)
    assert result.returncode == 1, result.stderr
    line = text.splitlines().index("    fil: motion.pdf") + 1
    assert (
        f"cases/a.yaml:{line}:10: E503 bilagan motion.pdf kan inte läggas till i "
        "mote-handlingar.pdf (filen är skadad eller ingen PDF)" in result.stderr
    )
    assert "Traceback" not in result.stderr
    assert not (project / "output" / "mote-handlingar.pdf").exists()


def _claims_pdfa(pdf_path: Path) -> str:
    with pikepdf.open(pdf_path) as pdf:
        return str(pdf.open_metadata().get("pdfaid:part", ""))


@needs_office
def test_an_attachment_that_is_not_pdfa_takes_away_the_pdfa_claim(
    tmp_path: Path,
) -> None:
    """With --pdfa, the combined PDF claims PDF/A only if every appended
    attachment says it is PDF/A too; otherwise W504 at the `fil:` line."""
    project = _project(tmp_path / "p")
    text = (CASES / "forsokslagenheter.yaml").read_text("utf-8")
    for name, attachment in (("a", "skannad.pdf"), ("b", "arkiv.pdf")):
        (project / "cases" / f"{name}.yaml").write_text(
            text + f"\nbilagor:\n  - titel: Bilaga\n    fil: {attachment}\n", "utf-8"
        )
    _attachment(project / "cases" / "skannad.pdf", 1)
    # An attachment that says it is PDF/A-2b (as an archive's files do).
    _attachment(project / "cases" / "arkiv.pdf", 1)
    with pikepdf.open(
        project / "cases" / "arkiv.pdf", allow_overwriting_input=True
    ) as pdf:
        with pdf.open_metadata() as meta:
            meta["pdfaid:part"] = "2"
            meta["pdfaid:conformance"] = "B"
        pdf.save(project / "cases" / "arkiv.pdf")
    meeting = project / "cases" / "mote.yaml"
    meeting.write_text(MEETING_HEAD + "  - ärende: b.yaml\n", "utf-8")
    pdfa = ("--format", "pdf", "--pdfa")
    result = run_remiss("render", "cases/mote.yaml", *pdfa, cwd=project)
    assert result.returncode == 0, result.stderr
    assert "W504" not in result.stderr
    assert _claims_pdfa(project / "output" / "mote-handlingar.pdf") == "2"

    meeting.write_text(MEETING_HEAD + "  - ärende: a.yaml\n", "utf-8")
    result = run_remiss("render", "cases/mote.yaml", *pdfa, cwd=project)
    assert result.returncode == 0, result.stderr
    line = (text + "\nbilagor:\n").count("\n") + 2
    assert (
        f"cases/a.yaml:{line}:10: W504 bilagan skannad.pdf säger inte att den är "
        "PDF/A, så mote-handlingar.pdf märks inte som PDF/A" in result.stderr
    )
    assert _claims_pdfa(project / "output" / "mote-handlingar.pdf") == ""
    assert _claims_pdfa(project / "output" / "mote.pdf") == "2"  # the agenda is


def test_import_reads_the_layout_tables_back(tmp_path: Path) -> None:
    # An old document made by remiss: officer, addressee and signatures stand
    # in layout tables, and `import --ny` finds them there.
    shutil.copy(ROOT / "remiss.yaml", tmp_path / "remiss.yaml")
    (tmp_path / "cases").mkdir()
    docx = ROOT / "output" / "forsokslagenheter.docx"
    result = invoke_remiss("import", str(docx), "--ny", "cases/ny.yaml", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "fick ingen plats" not in result.stderr
    text = (tmp_path / "cases" / "ny.yaml").read_text("utf-8")
    for line in (
        "nämnd: Socialnämnden",
        "sammanträde: 2011-08-23",
        "  - namn: Anna Lindqvist",
        "underskrifter:\n  - namn: Margareta Holmberg\n    titel: Förvaltningschef\n"
        "  - namn: Per Sandberg\n    titel: Avdelningschef\n",
    ):
        assert line in text, line
