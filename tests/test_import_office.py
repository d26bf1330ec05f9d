"""`remiss import` on documents edited and written by LibreOffice.

One LibreOffice process (tests/tools/lo_edit.py) makes every document this
module needs, as a person would: a case rendered by remiss is edited with
change tracking on (a word, a decision, a table cell, a comment) and with
plain edits; three earlier tjänsteutlåtanden are written from scratch. The
imports are then checked against what LibreOffice shows after accepting the
changes, and against `git diff` of the case in a real repository.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import textwrap
from pathlib import Path

import pytest

from remiss.docx.textconv import docx_text
from remiss.review.wordread import WordPara, read_word
from tests.conftest import ROOT, run_remiss
from tests.import_documents import (
    CASE,
    GROUPED,
    GROUPED_CASE,
    GROUPED_EDITS,
    KOMMUNSTYRELSEN,
    PARAGRAPHS,
    PLAIN,
    SEED,
    TRACKED,
    UNMAPPABLE,
    VARIANTS,
)
from tests.office import SYSTEM_PYTHON, office_needed

LO_EDIT = Path(__file__).resolve().parent / "tools" / "lo_edit.py"
pytestmark = office_needed


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Render the case and let one LibreOffice write every document."""
    root = tmp_path_factory.mktemp("import")
    project = root / "projekt"
    (project / "cases").mkdir(parents=True)
    (project / "remiss.yaml").write_text("standard: {}\n", encoding="utf-8")
    (project / "cases" / "platser.yaml").write_text(CASE, encoding="utf-8")
    (project / "cases" / "plan.yaml").write_text(GROUPED_CASE, encoding="utf-8")
    result = run_remiss("render", "cases/platser.yaml", "cases/plan.yaml", cwd=project)
    assert result.returncode == 0, result.stderr
    rendered = project / "output" / "platser.docx"
    docs = root / "dokument"
    docs.mkdir()
    examples = root / "exempel"
    examples.mkdir()
    shutil.copytree(ROOT / "cases", examples / "cases")
    shutil.copy(ROOT / "remiss.yaml", examples / "remiss.yaml")
    for name in EXAMPLES:
        made = run_remiss("render", f"cases/{name}.yaml", cwd=examples)
        assert made.returncode == 0, made.stderr
    jobs = [
        {
            "source": str(examples / "output" / f"{name}.docx"),
            "target": str(docs / f"{name}.docx"),
            "ops": [],
        }
        for name in EXAMPLES
    ]
    jobs += [
        {
            "source": str(rendered),
            "target": str(docs / "spårat.docx"),
            "track": True,
            "author": "Chefen",
            "ops": TRACKED,
        },
        {"source": str(rendered), "target": str(docs / "rakt.docx"), "ops": PLAIN},
        {
            "source": str(rendered),
            "target": str(docs / "stycken.docx"),
            "track": True,
            "ops": PARAGRAPHS,
        },
        {
            "source": str(rendered),
            "target": str(docs / "omöjligt.docx"),
            "ops": UNMAPPABLE,
        },
        {"source": None, "target": str(docs / "seed.docx"), "ops": SEED},
        {"source": None, "target": str(docs / "ks.docx"), "ops": KOMMUNSTYRELSEN},
        {"source": None, "target": str(docs / "grupper.docx"), "ops": GROUPED},
        {"source": None, "target": str(docs / "varianter.docx"), "ops": VARIANTS},
        {
            "source": str(project / "output" / "plan.docx"),
            "target": str(docs / "plan-spårat.docx"),
            "track": True,
            "author": "Chefen",
            "ops": GROUPED_EDITS,
        },
    ]
    batch = root / "jobb.json"
    batch.write_text(json.dumps(jobs, ensure_ascii=False), encoding="utf-8")
    subprocess.run([SYSTEM_PYTHON, str(LO_EDIT), str(batch)], check=True, timeout=600)
    return {"project": project, "docs": docs, "examples": examples}


EXAMPLES = (
    "bostadsforsorjningsprogram",
    "forsokslagenheter",
    "hemloshetskartlaggning",
    "sekretess-lvu-overklagande",
)


@pytest.mark.parametrize("name", EXAMPLES)
def test_a_document_saved_unchanged_changes_nothing(made, name) -> None:
    """LibreOffice writes the XML its own way; nothing of that is an edit."""
    case = made["examples"] / "cases" / f"{name}.yaml"
    before = case.read_bytes()
    result = run_remiss(
        "import",
        str(made["docs"] / f"{name}.docx"),
        f"cases/{name}.yaml",
        cwd=made["examples"],
    )
    assert result.returncode == 0, result.stderr
    assert "inga ändringar att föra in" in result.stderr
    assert case.read_bytes() == before


def _repo(made: dict[str, Path], tmp_path: Path) -> Path:
    """A fresh git repository with the project committed."""
    project = tmp_path / "p"
    shutil.copytree(made["project"], project)
    for args in (
        ["init", "-q"],
        ["-c", "user.name=t", "-c", "user.email=t@t", "add", "-A"],
        ["-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "ärende"],
    ):
        subprocess.run(["git", *args], cwd=project, check=True)
    return project


def _diff(project: Path, name: str = "platser") -> list[str]:
    out = subprocess.run(
        ["git", "diff", "-U0", "--", f"cases/{name}.yaml"],
        cwd=project,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return [
        line
        for line in out.splitlines()
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]


def _rendered(project: Path, name: str = "platser") -> bytes:
    result = run_remiss("render", f"cases/{name}.yaml", cwd=project)
    assert result.returncode == 0, result.stderr
    return (project / "output" / f"{name}.docx").read_bytes()


def test_tracked_changes_come_back_into_the_case(made, tmp_path) -> None:
    project = _repo(made, tmp_path)
    edited = made["docs"] / "spårat.docx"
    result = run_remiss("import", str(edited), "cases/platser.yaml", cwd=project)
    # A comment is listed, so the exit code says there is something to read.
    assert result.returncode == 1, result.stderr
    assert "W804 kommentar från Chefen: ”Källa?”" in result.stderr
    line = CASE.splitlines().index("synpunkter: >") + 1
    assert f"cases/platser.yaml:{line}:" in result.stderr  # where it is
    assert "ändrat" in result.stderr
    assert sorted(_diff(project)) == sorted(
        [
            "-  Förvaltningen anser att platserna är för få i den norra delen av "
            "staden.",
            "+  Förvaltningen anser att platserna är alldeles för få i den norra "
            "delen av staden.",
            "-  - Socialnämnden godkänner för sin del tjänsteutlåtandet som svar på "
            "remissen.",
            "+  - Socialnämnden godkänner tjänsteutlåtandet som svar på remissen.",
            "-      - [Söder, 55]",
            "+      - [Söder, 60]",
        ]
    )
    # The text pandoc reads with the changes accepted is what the case renders.
    assert _pandoc(_rendered(project)) == _pandoc(edited.read_bytes())
    # And remiss's own reading of both agrees, paragraph by paragraph.
    accepted = read_word(edited.read_bytes())
    again = read_word(_rendered(project))
    assert [b.text for b in again.blocks] == [b.text for b in accepted.blocks]
    # The document itself has them as tracked changes (textconv shows them).
    marked = docx_text(edited.read_bytes())
    assert "[-godkänner för sin del-]{+godkänner+}" in marked


def _pandoc(data: bytes) -> str:
    """The document's text as pandoc reads it with tracked changes accepted.

    List numbers are left out: LibreOffice gives a list item it tracked a
    change in a list of its own, so it shows as "1." again."""
    result = subprocess.run(
        [
            "pandoc",
            "--track-changes=accept",
            "-f",
            "docx",
            "-t",
            "plain",
            "--wrap=none",
        ],
        input=data,
        capture_output=True,
        check=True,
    )
    text = result.stdout.decode("utf-8")
    return re.sub(r"(?m)^\d+\.(\s)", r"#.\1", text)


def test_rejecting_the_changes_changes_nothing(made, tmp_path) -> None:
    project = _repo(made, tmp_path)
    edited = made["docs"] / "spårat.docx"
    result = run_remiss(
        "import", "--avvisa", str(edited), "cases/platser.yaml", cwd=project
    )
    assert "inga ändringar att föra in" in result.stderr
    assert _diff(project) == []


def test_plain_edits_touch_only_the_edited_lines(made, tmp_path) -> None:
    project = _repo(made, tmp_path)
    edited = made["docs"] / "rakt.docx"
    result = run_remiss("importera", str(edited), "cases/platser.yaml", cwd=project)
    assert result.returncode == 0, result.stderr
    assert sorted(_diff(project)) == sorted(
        [
            "-  Behovet av korttidsplatser växer när fler äldre bor kvar hemma",
            "+  Behovet av korttidsplatser växer när fler äldre vill bo kvar hemma",
            "-      Nya platser kostar omkring 1,2 miljoner kronor per plats och år.",
            "+      Nya platser kostar cirka 1,3 miljoner kronor per plats och år.",
            '-  - "Kommunstyrelsens remiss"',
            '+  - "Kommunstyrelsens remiss med bilagor"',
        ]
    )
    assert _pandoc(_rendered(project)) == _pandoc(edited.read_bytes())


def test_a_paragraph_added_and_one_removed(made, tmp_path) -> None:
    project = _repo(made, tmp_path)
    edited = made["docs"] / "stycken.docx"
    result = run_remiss("import", str(edited), "cases/platser.yaml", cwd=project)
    assert result.returncode == 0, result.stderr
    # Where git puts the blank line of a new paragraph is its own choice.
    assert sorted(_diff(project)) == [
        "+",
        "+  Förvaltningen vill också se fler platser i söder.",
        "-",
        "-      Kostnaden delas med regionen.",
    ]
    assert _pandoc(_rendered(project)) == _pandoc(edited.read_bytes())


def test_what_cannot_be_placed_is_listed_and_nothing_written(made, tmp_path) -> None:
    project = _repo(made, tmp_path)
    before = (project / "cases" / "platser.yaml").read_bytes()
    edited = made["docs"] / "omöjligt.docx"
    result = run_remiss("import", str(edited), "cases/platser.yaml", cwd=project)
    assert result.returncode == 1
    assert (
        "E803 siffran 40 i Ärendet kommer från statistik.platser; i dokumentet "
        "står 45" in result.stderr
    )
    assert "rubriken kommer från mallen" in result.stderr
    assert "Kort sammanfattning" in result.stderr
    assert "E802 ändring i sidhuvudet eller sidfoten" in result.stderr
    assert "ny tabell som inte hör till något fält i ärendet" in result.stderr
    assert "inget skrivet" in result.stderr
    assert (project / "cases" / "platser.yaml").read_bytes() == before
    # The avsnitt heading is a field: with --delvis it is written.
    partial = run_remiss(
        "import", "--delvis", str(edited), "cases/platser.yaml", cwd=project
    )
    assert partial.returncode == 1
    assert _diff(project) == [
        "-  - rubrik: Ekonomiska konsekvenser",
        "+  - rubrik: Ekonomi",
    ]


def test_a_document_from_another_case_is_refused(made, tmp_path) -> None:
    project = _repo(made, tmp_path)
    other = project / "cases" / "annat.yaml"
    other.write_text(CASE.replace("1.6-0463/2011", "1.6-0999/2011"), encoding="utf-8")
    result = run_remiss(
        "import", str(made["docs"] / "rakt.docx"), "cases/annat.yaml", cwd=project
    )
    assert result.returncode == 1
    assert "E801 dokumentet gjordes från Dnr 1.6-0463/2011" in result.stderr


def _headings(data: bytes) -> list[str]:
    """The section headings after the title: styled as headings of level 2,
    or (in older documents) bold lines of their own."""
    found = [
        (b.level, " ".join(b.text.split()))
        for b in read_word(data).blocks
        if isinstance(b, WordPara)
        and (b.level or (b.runs and all(r.bold for r in b.runs)))
    ]
    return [text for level, text in found[1:] if level in (0, 2)]


@pytest.mark.parametrize("name", ["seed", "ks", "grupper", "varianter"])
def test_earlier_documents_become_cases(made, tmp_path, name) -> None:
    """Whatever a document calls its fixed sections, the case renders with
    the same headings in the same order, and nothing is left unplaced."""
    project = _repo(made, tmp_path)
    source = made["docs"] / f"{name}.docx"
    result = run_remiss(
        "import", str(source), "--ny", f"cases/{name}.yaml", cwd=project
    )
    assert result.returncode == 0, result.stderr
    assert "W805" not in result.stderr
    check = run_remiss("check", f"cases/{name}.yaml", cwd=project)
    assert check.returncode in (0, 1), check.stderr
    assert "0 fel" in check.stderr
    render = run_remiss("render", f"cases/{name}.yaml", cwd=project)
    assert render.returncode == 0, render.stderr
    made = (project / "output" / f"{name}.docx").read_bytes()
    assert _headings(made) == _headings(source.read_bytes())
    # Nothing is written over.
    again = run_remiss("import", str(source), "--ny", f"cases/{name}.yaml", cwd=project)
    assert again.returncode == 2
    assert "finns redan" in again.stderr


@pytest.mark.parametrize("name", ["seed", "ks", "grupper", "varianter"])
def test_textconv_reads_a_libreoffice_document_as_libreoffice_shows_it(
    made, tmp_path, office, name
) -> None:
    """Line for line, list numbers included; LibreOffice writes a table's
    cells on lines of their own where textconv separates them by tabs, and
    leaves out the page header."""
    document = tmp_path / f"{name}.docx"
    shutil.copy(made["docs"] / f"{name}.docx", document)
    seen = office.text("none", document).replace("\t", "\n").splitlines()
    body = "\n".join(
        line
        for line in docx_text(document.read_bytes()).splitlines()
        if not line.startswith("[Sidhuvud]")
    )
    shown = body.replace("\t", "\n").splitlines()
    assert [line.strip() for line in shown if line] == [
        line.strip() for line in seen if line.strip()
    ]


def _imported(made: dict[str, Path], tmp_path: Path, name: str) -> tuple[Path, str]:
    """Import an earlier document as a new case; the project and the case."""
    project = _repo(made, tmp_path)
    source = made["docs"] / f"{name}.docx"
    run_remiss("import", str(source), "--ny", f"cases/{name}.yaml", cwd=project)
    return project, (project / "cases" / f"{name}.yaml").read_text("utf-8")


def test_kommunstyrelsen_keeps_its_heading_and_its_borgarrad(made, tmp_path) -> None:
    project, text = _imported(made, tmp_path, "ks")
    assert (
        textwrap.dedent(
            """\
        handläggare:
          - namn: Anna Berg
            roll: Föredragande borgarråd
        """
        )
        in text
    )
    assert "förslag_till_beslut:\n  - Programmet för bostadsförsörjning antas.\n" in (
        text
    )
    assert (
        "rubriker:\n  förslag_till_beslut: Kommunstyrelsen föreslår att "
        "kommunfullmäktige beslutar följande\n\nförslag_till_beslut:\n"
    ) in text
    assert "dokumenttyp: Utlåtande" in text
    # The role stands before the name in the new document, as it did.
    run_remiss("render", "cases/ks.yaml", cwd=project)
    shown = docx_text((project / "output" / "ks.docx").read_bytes())
    assert "Föredragande borgarråd: Anna Berg\tTill Kommunfullmäktige" in shown


def test_decisions_to_two_bodies_become_groups(made, tmp_path) -> None:
    project, text = _imported(made, tmp_path, "grupper")
    assert "dokumenttyp: Tjänsteskrivelse" in text
    run_remiss("render", "cases/grupper.yaml", cwd=project)
    blocks = read_word((project / "output" / "grupper.docx").read_bytes()).blocks
    groups = [" ".join(b.text.split()) for b in blocks if getattr(b, "level", 0) == 3]
    assert groups == ["Förslag till kommunstyrelsen", "Förslag till kommunfullmäktige"]


def test_headings_a_kommun_names_otherwise_are_kept(made, tmp_path) -> None:
    project, text = _imported(made, tmp_path, "varianter")
    assert (
        textwrap.dedent(
            """\
        rubriker:
          förslag_till_beslut: Förslag till beslut
          ärendet: Ärendebeskrivning
          beredning: Beredning
          synpunkter: Förvaltningens synpunkter
          bilagor: Bilaga
          beslut_sänds_till: Beslutet skickas till

        förslag_till_beslut:
        """
        )
        in text
    )
    # A single decision without a number, a motion without one.
    assert (
        "förslag_till_beslut:\n  - Kommunstyrelsen föreslår kommunfullmäktige att "
        "avslå motionen.\n" in text
    )
    assert "motion:\n  titel: om fler parkbänkar i Kungsängen\n" in text
    assert "ärendet: |\n  Motionen lämnades" in text
    assert "beslut_sänds_till:\n  - Samhällsbyggnadskontoret\n" in text
    assert "bilagor:\n  - Motion om fler parkbänkar\n" in text


def test_edits_of_grouped_decisions_and_own_headings_come_back(
    made, tmp_path, office
) -> None:
    project = _repo(made, tmp_path)
    edited = made["docs"] / "plan-spårat.docx"
    result = run_remiss("import", str(edited), "cases/plan.yaml", cwd=project)
    assert result.returncode == 0, result.stderr
    assert sorted(_diff(project, "plan")) == sorted(
        [
            "-  - rubrik: Förslag till kommunstyrelsen",
            "+  - rubrik: Förslag till kommunstyrelsens arbetsutskott",
            "-      - Kommunfullmäktige antar detaljplanen.",
            "-      - Kommunfullmäktige uppdrar åt kommunstyrelsen att följa upp "
            "planen.",
            "+      - Kommunfullmäktige antar planen.",
            "+      - Kommunfullmäktige anvisar medel för en ny förskola.",
            "-  Förvaltningen anser att planen är väl avvägd.",
            "+  Förvaltningen anser att planen är väl avvägd och genomförbar.",
            "-  synpunkter: Förvaltningens bedömning",
            "+  synpunkter: Förvaltningens samlade bedömning",
        ]
    )
    # LibreOffice shows the new case as it shows the edited document with its
    # changes accepted (pandoc keeps an empty list item where a numbered
    # paragraph was deleted with tracking on).
    shown = tmp_path / "plan.docx"
    shown.write_bytes(_rendered(project, "plan"))
    copy = tmp_path / "spårat.docx"
    shutil.copy(edited, copy)
    assert office.text("none", shown) == office.text("accept", copy)


def test_seed_document_keeps_its_facts(made, tmp_path) -> None:
    project, text = _imported(made, tmp_path, "seed")
    assert "diarienummer: 325-827/2011" in text
    assert "datum: 2011-08-10" in text
    assert "nämnd: Socialnämnden" in text
    assert "förvaltning: Socialförvaltningen" in text
    assert "  - namn: Karin Ek" in text
    assert (
        textwrap.dedent(
            """\
        förslag_till_beslut:
          - Socialnämnden godkänner för sin del tjänsteutlåtandet som svar på remissen.
          - Socialnämnden överlämnar ärendet till kommunstyrelsen.
        """
        )
        in text
    )
    assert "  | Innerstaden | 62 |" in text
    assert (
        'motion:\n  nummer: "2011:31"\n  titel: om försöks- och träningslägenheter\n'
        in text
    )


def test_groups_of_decisions_and_the_heading_are_kept(made, tmp_path) -> None:
    project = _repo(made, tmp_path)
    source = made["docs"] / "grupper.docx"
    run_remiss("import", str(source), "--ny", "cases/grupper.yaml", cwd=project)
    text = (project / "cases" / "grupper.yaml").read_text("utf-8")
    assert (
        "rubriker:\n  förslag_till_beslut: Förslag till beslut\n\n"
        "förslag_till_beslut:\n"
        "  - rubrik: Förslag till kommunstyrelsen\n"
        "    beslut:\n"
        "      - Kommunstyrelsen godkänner planförslaget.\n"
        "  - rubrik: Förslag till kommunfullmäktige\n"
        "    beslut:\n"
        "      - Kommunfullmäktige antar detaljplanen.\n"
    ) in text
