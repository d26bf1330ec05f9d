"""Remissammanställning: a case that summarises the answers to its remiss."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from .conftest import ROOT, assert_valid_docx, example_project, invoke_remiss

KS = "ks-motion-2011-31"
ANSWERS = [
    "forsokslagenheter.yaml",
    "remissvar-enskede-arsta-vantor.yaml",
    "remissvar-kungsholmen.yaml",
    "remissvar-ostermalm.yaml",
    "remissvar-skarpnack.yaml",
]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The example project's remiss: kommunstyrelsen's case and five answers."""
    return example_project(tmp_path, f"{KS}.yaml", *ANSWERS)


def _table(markdown: str) -> list[list[str]]:
    """The rows of the answers' pipe table, cell texts stripped."""
    lines = [line for line in markdown.splitlines() if line.startswith("| ")]
    assert lines[0].startswith("| Instans | Datum | Ställningstagande |")
    return [[c.strip() for c in line.strip("|").split(" | ")] for line in lines[1:]]


def _render(project: Path, *extra: str) -> tuple[str, bytes, str]:
    done = invoke_remiss("render", f"cases/{KS}.yaml", "-o", "ut", *extra, cwd=project)
    assert done.returncode == 0, done.stderr
    out = project / "ut"
    return (
        (out / f"{KS}.md").read_text("utf-8"),
        (out / f"{KS}.docx").read_bytes(),
        done.stderr,
    )


def test_the_table_has_a_row_per_answer_with_its_stance_and_flags(
    project: Path,
) -> None:
    markdown, docx, stderr = _render(project)
    rows = _table(markdown)
    assert [r[:3] for r in rows] == [
        ["Enskede-Årsta-Vantörs stadsdelsnämnd", "2011-08-25", "Tillstyrker"],
        ["Kungsholmens stadsdelsnämnd", "2011-08-29", "Avstyrker"],
        ["Skarpnäcks stadsdelsnämnd", "2011-08-30", "Ingen erinran"],
        ["Socialnämnden", "2011-08-10", "Avstyrker"],
        ["Östermalms stadsdelsnämnd", "2011-09-06 (sent)", "Tillstyrker delvis"],
    ]
    # the gist: the marked field, or else the summary's first paragraph
    assert rows[1][3].startswith("Lägenheterna bör ligga där den enskilde")
    assert rows[2][3].startswith("Förvaltningen har inget att invända")
    assert "inte dess andel på 25 procent" in rows[4][3]
    assert "I stadsdelen finns" not in rows[4][3]  # only the first paragraph
    assert "5 av 6 instanser har svarat" in markdown
    assert "Har inte svarat: Rinkeby-Kista stadsdelsnämnd." in markdown
    assert "Östermalms stadsdelsnämnd (2011-09-06)" in markdown
    # the table stands under Ärendets beredning, after its text
    section = markdown.split("## Ärendets beredning", 1)[1].split("\n## ", 1)[0]
    assert "Svaren sammanfattas i tabellen." in section
    assert "| Instans |" in section
    # missing and late answers are shown in the document, not as findings
    assert "W90" not in stderr
    assert_valid_docx(docx)
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        body = archive.read("word/document.xml").decode("utf-8")
    assert body.count("<w:tr") >= 6  # header and five answers


@pytest.mark.skipif(shutil.which("pandoc") is None, reason="pandoc saknas")
def test_pandoc_reads_the_table_from_the_word_document(project: Path) -> None:
    _, docx, _ = _render(project)
    (project / "k.docx").write_bytes(docx)
    text = subprocess.run(
        ["pandoc", "-f", "docx", "-t", "plain", "--wrap=none", str(project / "k.docx")],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    for words in ("Kungsholmens stadsdelsnämnd", "Ingen erinran", "2011-09-06 (sent)"):
        assert words in text


def test_an_edited_answer_rebuilds_the_summary(project: Path) -> None:
    assert invoke_remiss("build", cwd=project).returncode == 0
    target = project / "output" / f"{KS}.md"
    before = target.read_text("utf-8")
    answer = project / "cases" / "remissvar-skarpnack.yaml"
    answer.write_text(
        answer.read_text("utf-8").replace(
            "ställningstagande: ingen_erinran", "ställningstagande: avstyrker"
        ),
        "utf-8",
    )
    assert invoke_remiss("build", cwd=project).returncode == 0
    after = target.read_text("utf-8")
    assert before != after
    assert _table(after)[2][:3] == [
        "Skarpnäcks stadsdelsnämnd",
        "2011-08-30",
        "Avstyrker",
    ]


def test_an_incremental_build_finds_a_new_answer_and_loses_a_removed_one(
    project: Path,
) -> None:
    """An answer found by its diarienummer is a file the summary did not
    know of: adding, answering in, or removing any case file rebuilds it."""
    assert invoke_remiss("build", cwd=project).returncode == 0
    target = project / "output" / f"{KS}.md"
    cases = project / "cases"
    new = cases / "remissvar-norrmalm.yaml"
    new.write_text(
        (cases / "remissvar-kungsholmen.yaml")
        .read_text("utf-8")
        .replace("Kungsholmen", "Norrmalm")
        .replace("1.6-377/2011", "1.6-999/2011"),
        "utf-8",
    )
    done = invoke_remiss("build", cwd=project)
    assert done.returncode == 0, done.stderr
    assert any(
        row[0] == "Norrmalms stadsdelsnämnd"
        for row in _table(target.read_text("utf-8"))
    )

    # An unchanged folder: nothing is rebuilt.
    done = invoke_remiss("build", cwd=project)
    assert "0 dokument skapade" in done.stderr
    assert "redan aktuella" in done.stderr

    # A case that starts answering (gets the referral's diarienummer) counts.
    other = cases / "annat.yaml"
    other.write_text(
        new.read_text("utf-8")
        .replace("Norrmalm", "Vällingby")
        .replace("325-827/2011", "999-1/2011")
        .replace("1.6-999/2011", "1.6-998/2011")
        .replace("status: beslutad", "status: klar"),  # a decided text is final
        "utf-8",
    )
    assert invoke_remiss("build", cwd=project).returncode == 0
    assert "Vällingby" not in target.read_text("utf-8")
    other.write_text(
        other.read_text("utf-8").replace("999-1/2011", "325-827/2011"), "utf-8"
    )
    assert invoke_remiss("build", cwd=project).returncode == 0
    assert "Vällingby" in target.read_text("utf-8")

    new.unlink()
    other.unlink()
    assert invoke_remiss("build", cwd=project).returncode == 0
    rows = [row[0] for row in _table(target.read_text("utf-8"))]
    assert "Norrmalms stadsdelsnämnd" not in rows
    assert "Vällingby stadsdelsnämnd" not in rows


def test_a_manifest_naming_a_folder_outside_the_project_is_not_walked(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A hand-edited dependency "/" or "../" makes the source stale; remiss
    does not look through folders outside the project to find that out."""
    import json

    from remiss.build import digests

    assert invoke_remiss("build", cwd=project).returncode == 0
    manifest = project / "output" / ".remiss-manifest.json"
    data = json.loads(manifest.read_text("utf-8"))
    record = data["källor"][f"cases/{KS}.yaml"]
    assert "cases/" in record["beroenden"]
    record["beroenden"] += ["/", "../", "<remiss>/"]
    manifest.write_text(json.dumps(data, ensure_ascii=False), "utf-8")

    walked: list[str] = []
    real = digests.source_files

    def spy(paths):  # type: ignore[no-untyped-def]
        walked.extend(str(p) for p in paths)
        return real(paths)

    monkeypatch.setattr(digests, "source_files", spy)
    monkeypatch.chdir(project)
    from remiss.cli import run_here

    with pytest.raises(SystemExit) as done:
        run_here(["build"])
    assert done.value.code == 0
    assert walked
    assert all(Path(p).is_relative_to(project) for p in walked)


def test_a_confidential_answer_says_nothing_in_the_public_version(
    project: Path,
) -> None:
    answer = project / "cases" / "remissvar-kungsholmen.yaml"
    text = answer.read_text("utf-8").replace(
        "ställningstagande: avstyrker",
        "sekretess:\n  grund: 26 kap. 1 § OSL\nställningstagande: avstyrker",
    )
    text = text.replace("en kvot för", "KANARIEFAGEL en kvot för")
    answer.write_text(text, "utf-8")
    internal, _, _ = _render(project)
    row = _table(internal)[1]
    assert row[0] == "Kungsholmens stadsdelsnämnd (sekretess)"
    assert "KANARIEFAGEL" in row[3]
    public, docx, _ = _render(project, "--public")
    row = _table(public)[1]
    assert row == [
        "Kungsholmens stadsdelsnämnd",
        "2011-08-29",
        "Omfattas av sekretess",
        "Omfattas av sekretess",
    ]
    assert "KANARIEFAGEL" not in public
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        for name in archive.namelist():
            assert b"KANARIEFAGEL" not in archive.read(name), name
    # the stance of a confidential answer is not counted in the public opening
    assert "2 avstyrker" not in public.split("| Instans", 1)[0]


def test_listed_answer_files_missing_or_broken_are_named(project: Path) -> None:
    ks = project / "cases" / f"{KS}.yaml"
    ks.write_text(
        ks.read_text("utf-8").replace(
            "  svar_senast: 2011-08-31\n",
            "  svar_senast: 2011-08-31\n  ärenden:\n    - remissvar-skarpnack.yaml\n"
            "    - finns-inte.yaml\n    - trasig.yaml\n    - ../../utanfor.yaml\n"
            f"    - {KS}.yaml\n    - mote.yaml\n",
        ),
        "utf-8",
    )
    (project / "cases" / "trasig.yaml").write_text("diarienummer: [\n", "utf-8")
    shutil.copy(
        ROOT / "cases" / "sammantrade-2011-08-23.yaml", project / "cases" / "mote.yaml"
    )
    markdown, _, stderr = _render(project)
    assert [r[0] for r in _table(markdown)] == ["Skarpnäcks stadsdelsnämnd"]
    assert "W901 svaret 'finns-inte.yaml' finns inte i projektet" in stderr
    assert "W902 svaret 'trasig.yaml' har fel" in stderr
    assert "W901 svaret '../../utanfor.yaml' finns inte i projektet" in stderr
    assert f"W903 '{KS}.yaml' är ärendet självt, inte ett remissvar" in stderr
    assert "W903 'mote.yaml' är en mötesfil, inte ett remissvar" in stderr
    assert "kör 'remiss check cases/trasig.yaml'" in stderr
    assert "1 av 6 instanser har svarat" in markdown


def test_without_a_list_the_instanser_come_from_the_answers(project: Path) -> None:
    ks = project / "cases" / f"{KS}.yaml"
    text = ks.read_text("utf-8")
    start = text.index("  instanser:")
    end = text.index("  svar_senast:")
    ks.write_text(text[:start] + text[end:], "utf-8")
    markdown, _, _ = _render(project)
    # Socialnämnden named Enskede-Årsta-Vantör and Östermalm; all five answered
    assert "5 instanser har svarat" in markdown
    assert "Har inte svarat" not in markdown


def test_a_case_without_the_key_renders_as_before(project: Path) -> None:
    done = invoke_remiss(
        "render", "cases/forsokslagenheter.yaml", "-o", "ut", cwd=project
    )
    assert done.returncode == 0
    assert (project / "ut" / "forsokslagenheter.md").read_bytes() == (
        ROOT / "output" / "forsokslagenheter.md"
    ).read_bytes()


def test_an_answer_a_meeting_makes_confidential_is_hidden_in_public(
    project: Path,
) -> None:
    (project / "cases" / "sammantrade.yaml").write_text(
        "nämnd: Skarpnäcks stadsdelsnämnd\ndatum: 2011-08-30\npunkter:\n"
        "  - ärende: remissvar-skarpnack.yaml\n    sekretess: true\n",
        "utf-8",
    )
    done = invoke_remiss("build", "--public", cwd=project)
    assert done.returncode == 0, done.stderr
    public = project / "output" / "offentlig"
    row = _table((public / f"{KS}.md").read_text("utf-8"))[2]
    assert row == [
        "Skarpnäcks stadsdelsnämnd",
        "2011-08-30",
        "Omfattas av sekretess",
        "Omfattas av sekretess",
    ]
    assert not (public / "remissvar-skarpnack.md").exists()
    manifest = (public / ".remiss-manifest.json").read_text("utf-8")
    assert "remissvar-skarpnack" not in manifest
    assert "Förvaltningen har inget att invända" not in (public / f"{KS}.md").read_text(
        "utf-8"
    )
    # the internal build shows the answer, marked
    assert invoke_remiss("build", cwd=project).returncode == 0
    internal = _table((project / "output" / f"{KS}.md").read_text("utf-8"))[2]
    assert internal[0] == "Skarpnäcks stadsdelsnämnd (sekretess)"
    assert internal[2] == "Ingen erinran"
