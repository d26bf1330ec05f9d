"""Protokoll and utdrag: § numbers through the year, decisions, the public version."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from .conftest import ROOT, assert_valid_docx, example_project, invoke_remiss

MEETING = "sammantrade-2011-08-23"
CASES = ["forsokslagenheter.yaml", "sekretess-lvu-overklagande.yaml"]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return example_project(tmp_path, f"{MEETING}.yaml", *CASES)


def _protokoll(project: Path, meeting: str = MEETING, *extra: str) -> str:
    done = invoke_remiss("protokoll", f"cases/{meeting}.yaml", *extra, cwd=project)
    assert done.returncode == 0, done.stderr
    return done.stderr


def _register(project: Path) -> list[tuple[int, str, str]]:
    data = json.loads((project / "paragrafregister.json").read_text("utf-8"))
    return [
        (n["paragraf"], n["sammanträde"], n["avser"])
        for n in data["Socialnämnden"]["2011"]
    ]


def test_the_example_meeting_becomes_a_protokoll_with_utdrag(project: Path) -> None:
    said = _protokoll(project)
    assert "§ 101–107 gavs till 7 punkter" in said
    out = project / "output"
    text = (out / f"{MEETING}-protokoll.md").read_text("utf-8")
    headings = [line for line in text.splitlines() if line.startswith("## § ")]
    assert [h.split()[2] for h in headings] == [str(n) for n in range(101, 108)]
    assert "## § 104 Svar på remiss om motion (2011:31)" in text
    section = text.split("## § 104", 1)[1].split("\n## ", 1)[0]
    assert "- Karin Rågsjö (V) yrkar att nämnden tillstyrker motionen." in section
    assert (
        "Bifall till förvaltningens förslag: 5 ja, 1 nej och 0 som avstod." in section
    )
    assert "Karin Rågsjö (V) reserverar sig mot beslutet: Innerstaden" in section
    assert "Mona Eriksson (MP): Uppföljningen" in section
    assert "Socialnämnden beslutar enligt förvaltningens förslag:" in section
    assert "Beslutet sänds till: Kommunstyrelsen" in section
    assert "Föredragningslistan godkänns." in text
    assert "Justerare: Ingrid Wallin och Hassan Yilmaz" in text
    # one utdrag per §, addressed to those the decision is sent to
    for number in range(101, 108):
        docx = (out / f"{MEETING}-utdrag-{number}.docx").read_bytes()
        assert_valid_docx(docx)
    extract = (out / f"{MEETING}-utdrag-104.md").read_text("utf-8")
    assert "Till Kommunstyrelsen" in extract
    assert "## § 104 " in extract
    assert "§ 105" not in extract
    assert_valid_docx((out / f"{MEETING}-protokoll.docx").read_bytes())
    # running it again gives no new numbers and changes nothing
    before = (project / "paragrafregister.json").read_bytes()
    assert "gavs" not in _protokoll(project)
    assert (project / "paragrafregister.json").read_bytes() == before


@pytest.mark.skipif(shutil.which("pandoc") is None, reason="pandoc saknas")
def test_pandoc_reads_the_protokoll(project: Path) -> None:
    _protokoll(project)
    text = subprocess.run(
        ["pandoc", "-f", "docx", "-t", "plain", "--wrap=none",
         str(project / "output" / f"{MEETING}-protokoll.docx")],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert "§ 104 Svar på remiss" in text
    assert "reserverar sig mot beslutet" in text


def test_numbers_continue_through_the_year_and_are_never_reused(project: Path) -> None:
    _protokoll(project)
    second = project / "cases" / "sammantrade-2011-09-20.yaml"
    second.write_text(
        "nämnd: Socialnämnden\ndatum: 2011-09-20\npunkter:\n"
        "  - text: Sammanträdets öppnande\n  - text: Information om budgeten\n"
        "protokoll:\n  justerare: [Per Lind]\n  justering: 2011-09-22\n"
        "  paragrafer:\n    '1': {beslut: Föredragningslistan godkänns.}\n"
        "    '2': {beslut: Informationen läggs till handlingarna.}\n",
        "utf-8",
    )
    assert "§ 108–109 gavs" in _protokoll(project, "sammantrade-2011-09-20")
    # an item added to the first meeting afterwards gets the next free number;
    # "Övriga frågor", item 7 while nothing stood under it, becomes a heading
    # again and its § 107 is not given to anything else
    first = project / "cases" / f"{MEETING}.yaml"
    first.write_text(
        (first.read_text("utf-8") + "  - text: Fråga om lokaler\n").replace(
            "beslut: Inga övriga frågor togs upp.",
            "beslut: Frågan besvaras vid nästa sammanträde.",
        ),
        "utf-8",
    )
    assert "§ 110 gavs till en punkt" in _protokoll(project)
    numbers = [n for n, _, _ in _register(project)]
    assert numbers == list(range(101, 111))
    text = (project / "output" / f"{MEETING}-protokoll.md").read_text("utf-8")
    assert "## § 106 Förvaltningschefen informerar" in text  # unchanged
    assert "## § 110 Fråga om lokaler" in text
    assert "## § 107" not in text
    assert "## § 108 Sammanträdets öppnande" in (
        project / "output" / "sammantrade-2011-09-20-protokoll.md"
    ).read_text("utf-8")


CANARIES = ("KANARIE-YRKANDE", "KANARIE-RESERVATION", "KANARIE-BESLUT")


def test_the_public_protokoll_keeps_a_confidential_paragraph_number_only(
    project: Path,
) -> None:
    meeting = project / "cases" / f"{MEETING}.yaml"
    meeting.write_text(
        meeting.read_text("utf-8").replace(
            '    "4":\n',
            '    "3":\n      beslut: KANARIE-BESLUT enligt förslaget.\n'
            "      yrkanden:\n        - {av: Per Lind (FP), text: KANARIE-YRKANDE}\n"
            "      reservationer:\n"
            "        - {av: Per Lind (FP), text: KANARIE-RESERVATION}\n"
            '    "4":\n',
        ),
        "utf-8",
    )
    _protokoll(project)
    internal = (project / "output" / f"{MEETING}-protokoll.md").read_text("utf-8")
    assert all(c in internal for c in CANARIES)
    assert "Omfattas av sekretess." in internal
    _protokoll(project, MEETING, "--public")
    public = project / "output" / "offentlig"
    text = (public / f"{MEETING}-protokoll.md").read_text("utf-8")
    assert "## § 103 Sekretessärende" in text
    assert "## § 104 Svar på remiss" in text
    assert not (public / f"{MEETING}-utdrag-103.docx").exists()
    assert (public / f"{MEETING}-utdrag-104.docx").exists()
    secret_case = (ROOT / "cases" / "sekretess-lvu-overklagande.yaml").read_text(
        "utf-8"
    )
    words = [*CANARIES, "förvaltningsrättens dom", "1.6-0512/2011", "inhibition"]
    assert all(w in secret_case or w in CANARIES for w in words)
    for path in sorted(public.rglob("*")):
        if not path.is_file():
            continue
        assert "lvu" not in path.name.lower(), path
        data = path.read_bytes()
        parts = [data]
        if path.suffix == ".docx":
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                parts = [archive.read(n) for n in archive.namelist()]
        for part in parts:
            for word in words:
                assert word.encode("utf-8") not in part, (path.name, word)


def _check(project: Path) -> str:
    done = invoke_remiss("check", f"cases/{MEETING}.yaml", cwd=project)
    return done.stderr


def test_checks_of_the_protokoll(project: Path) -> None:
    meeting = project / "cases" / f"{MEETING}.yaml"
    text = meeting.read_text("utf-8")
    assert "W925 punkt 1, 2, 3, 4, 5, 6, 7 har inget paragrafnummer" in _check(project)
    broken = (
        text.replace("justering: 2011-08-30", "justering: 2011-08-01")
        .replace('    "5":\n      beslut: Anmälan läggs till handlingarna.\n', "")
        .replace('    "6":\n', '    "16":\n      beslut: Fel punkt.\n    "6":\n')
    )
    meeting.write_text(broken, "utf-8")
    said = _check(project)
    assert "E923 justeringen (2011-08-01) är före sammanträdet (2011-08-23)" in said
    assert "E921 punkt 5 saknar beslut i protokollet" in said
    assert "E926 det finns ingen punkt 16 på föredragningslistan" in said
    line = next(i for i, t in enumerate(broken.splitlines(), 1) if '"16":' in t)
    assert f"cases/{MEETING}.yaml:{line}:5: E926" in said
    assert invoke_remiss("check", f"cases/{MEETING}.yaml", cwd=project).returncode == 1


def test_a_decided_case_with_another_decision_is_flagged(project: Path) -> None:
    case = project / "cases" / "forsokslagenheter.yaml"
    case.write_text(
        case.read_text("utf-8").replace("status: klar", "status: beslutad"), "utf-8"
    )
    meeting = project / "cases" / f"{MEETING}.yaml"
    meeting.write_text(
        meeting.read_text("utf-8").replace(
            '    "4":\n',
            '    "4":\n      beslut: Socialnämnden tillstyrker motionen.\n',
        ),
        "utf-8",
    )
    assert "W924 punkt 4: beslutet i protokollet är inte förslaget" in _check(project)


def test_a_number_given_twice_is_an_error(project: Path) -> None:
    _protokoll(project)
    register = project / "paragrafregister.json"
    data = json.loads(register.read_text("utf-8"))
    data["Socialnämnden"]["2011"][1]["paragraf"] = 101  # as after a bad merge
    register.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    done = invoke_remiss("render", f"cases/{MEETING}.yaml", "-o", "ut", cwd=project)
    assert done.returncode == 1
    assert "E922 paragrafregistret ger § 101 två gånger" in done.stderr
    assert not (project / "ut" / f"{MEETING}-protokoll.md").exists()


def _long_note(project: Path, sentences: int) -> None:
    """Give § 106 a protokollsanteckning of so many sentences."""
    meeting = project / "cases" / f"{MEETING}.yaml"
    text = meeting.read_text("utf-8")
    sentence = (
        "Nämnden diskuterade frågan om uppföljning och fördelning av "
        "lägenheter i staden."
    )
    said = " ".join([sentence] * sentences)
    old = "      beslut: Informationen läggs till handlingarna.\n"
    assert old in text
    meeting.write_text(
        text.replace(
            old,
            old + "      protokollsanteckningar:\n"
            "        - av: Mona Eriksson (MP)\n"
            f'          text: "{said}"\n',
        ),
        "utf-8",
    )


def test_the_signatures_are_kept_with_the_last_paragraph_in_word(
    project: Path,
) -> None:
    """The paragraph before the signatures keeps with them, and three
    signatures share the width equally, so each line fits its column."""
    _protokoll(project)
    docx = (project / "output" / f"{MEETING}-protokoll.docx").read_bytes()
    assert_valid_docx(docx)
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        xml = archive.read("word/document.xml").decode("utf-8")
    table = xml.rindex("<w:tbl>")
    before = xml[xml.rindex("<w:p>", 0, table) : table]
    assert "<w:keepNext/>" in before
    assert before.endswith("Inga övriga frågor togs upp.</w:t></w:r></w:p>")
    widths = xml[table:].split("</w:tblGrid>")[0].split('<w:gridCol w:w="')[1:]
    widths = [int(w.split('"')[0]) for w in widths]
    assert len(widths) == 3
    assert max(widths) - min(widths) <= 2


@pytest.mark.skipif(
    (shutil.which("soffice") is None or shutil.which("pdftotext") is None)
    and os.environ.get("CI") != "true",
    reason="LibreOffice eller poppler-utils saknas",
)
def test_the_signatures_never_stand_alone_on_the_last_page(project: Path) -> None:
    """A protokoll whose last § ends at the foot of a page: LibreOffice
    moves that § to the last page with the signatures (without the kept
    paragraph, the signatures stood alone there)."""
    _long_note(project, 30)
    _protokoll(project, MEETING, "--format", "pdf")
    pdf = project / "output" / f"{MEETING}-protokoll.pdf"
    pages = []
    for number in range(1, 30):
        run = subprocess.run(
            ["pdftotext", "-layout", "-f", str(number), "-l", str(number), pdf, "-"],
            capture_output=True,
            text=True,
            check=False,
        )
        if run.returncode != 0:
            break
        pages.append(run.stdout)
    assert len(pages) > 1
    last = pages[-1]
    assert "Justerare" in last
    assert "§ 107" in last
    assert "Inga övriga frågor togs upp." in last


def test_a_meeting_file_with_errors_is_a_finding_with_its_place(project: Path) -> None:
    """Errors in the meeting file are findings (exit 1) that name the line
    and column, as in every other command; exit 2 is for usage."""
    meeting = project / "cases" / f"{MEETING}.yaml"
    text = meeting.read_text("utf-8")
    old = "      beslut: Inga övriga frågor togs upp.\n"
    assert old in text
    meeting.write_text(text.replace(old, '      beslut: ""\n'), "utf-8")
    line = 1 + text.splitlines().index(old.rstrip("\n"))
    done = invoke_remiss("protokoll", f"cases/{MEETING}.yaml", cwd=project)
    assert done.returncode == 1, done.stderr
    assert f"cases/{MEETING}.yaml:{line}:15: E102" in done.stderr
    assert "Traceback" not in done.stderr
    assert not (project / "paragrafregister.json").exists()


@pytest.mark.parametrize(
    ("register", "where", "why"),
    [
        ("{trasig", "1:2", "JSON-texten är trasig"),
        (
            '{"Socialnämnden": {"2011": [\n  {"paragraf": -5, '
            '"sammanträde": "2011-08-23", "avser": "text:x"}]}}',
            "2:4",
            "'paragraf' ska vara ett heltal från 1 till 99999, inte -5",
        ),
        (
            '{"Socialnämnden": {"2011": [{"paragraf": 1e999}]}}',
            "1:1",
            "'paragraf' ska vara ett heltal från 1 till 99999, inte Infinity",
        ),
        ('{"Socialnämnden": []}', "1:1", "åren ska vara nycklar med värden"),
    ],
)
def test_a_broken_register_is_a_located_finding(
    project: Path, register: str, where: str, why: str
) -> None:
    """A register broken by hand or by a merge: E927 with its place, exit 1,
    and no § given or document written from it."""
    path = project / "paragrafregister.json"
    path.write_text(register, "utf-8")
    done = invoke_remiss("protokoll", f"cases/{MEETING}.yaml", cwd=project)
    assert done.returncode == 1, done.stderr
    assert (
        f"paragrafregister.json:{where}: E927 paragrafregistret kan inte läsas: {why}"
        in done.stderr
    )
    assert "Traceback" not in done.stderr
    assert path.read_text("utf-8") == register
    assert not (project / "output" / f"{MEETING}-protokoll.md").exists()
    built = invoke_remiss("build", cwd=project)
    assert built.returncode == 1, built.stderr
    assert "E927" in built.stderr
    assert not (project / "output" / f"{MEETING}-protokoll.md").exists()
