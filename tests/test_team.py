"""A project shared in git: a tampered manifest, symbolic links, decided
cases, a case's files written together, and the lock on the output folder."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import CASES, ROOT, invoke_remiss


@pytest.fixture
def project(tmp_path: Path) -> Path:
    folder = tmp_path / "projekt"
    folder.mkdir()
    shutil.copytree(CASES, folder / "cases")
    shutil.copy(ROOT / "remiss.yaml", folder / "remiss.yaml")
    return folder


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def state(folder: Path) -> dict[str, tuple[int, bytes]]:
    return {
        p.name: (p.stat().st_mtime_ns, p.read_bytes())
        for p in sorted(folder.iterdir())
        if p.is_file() and not p.is_symlink()
    }


def tamper(manifest: Path, names: dict[str, str]) -> None:
    data = json.loads(manifest.read_text("utf-8"))
    for name, sha in names.items():
        data["filer"][name] = {"sha256": sha}
    data["källor"]["cases/borttagen.yaml"] = {
        "indata": "0",
        "beroenden": [],
        "utdata": sorted(names),
    }
    manifest.write_text(json.dumps(data, ensure_ascii=False, indent=1), "utf-8")


def test_a_tampered_public_manifest_removes_nothing_outside_its_folder(
    project: Path, tmp_path: Path
) -> None:
    assert invoke_remiss("build", "--public", cwd=project).returncode == 0
    manifest = project / "output" / "offentlig" / ".remiss-manifest.json"
    case = project / "cases" / "forsokslagenheter.yaml"
    elsewhere = tmp_path / "annan.txt"
    elsewhere.write_text("någon annans fil\n", "utf-8")
    tamper(
        manifest,
        {
            "../../cases/forsokslagenheter.yaml": digest(case),
            str(elsewhere): digest(elsewhere),
            ".remiss-lock": hashlib.sha256(b"").hexdigest(),
        },
    )
    result = invoke_remiss("build", "--public", cwd=project)
    assert result.returncode == 0, result.stderr
    assert case.exists()
    assert elsewhere.exists()
    assert "borttagen" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if "W312" in line]
    assert len(lines) == 3, result.stderr
    for line in lines:
        assert line.startswith("output/offentlig/.remiss-manifest.json:")
        _, row, col, _ = line.split(":", 3)
        assert int(row) > 1
        assert int(col) > 1
    assert "../../cases/forsokslagenheter.yaml" in result.stderr
    # The entries are struck when the manifest is saved; the next build is quiet.
    saved = manifest.read_text("utf-8")
    assert 'forsokslagenheter.yaml"' not in saved.split('"källor"')[0]
    assert str(elsewhere) not in saved
    again = invoke_remiss("build", "--public", cwd=project)
    assert again.returncode == 0, again.stderr
    assert "W312" not in again.stderr


def test_a_dependency_in_the_manifest_that_is_no_file_is_never_read(
    project: Path, tmp_path: Path
) -> None:
    assert invoke_remiss("build", cwd=project).returncode == 0
    manifest = project / "output" / ".remiss-manifest.json"
    data = json.loads(manifest.read_text("utf-8"))
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    for record in data["källor"].values():
        record["beroenden"] = ["/dev/zero", str(fifo), *record["beroenden"]]
    manifest.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "remiss", "build"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "5 källor redan aktuella" not in result.stderr


def test_an_orphan_is_removed_only_while_it_holds_what_remiss_wrote(
    project: Path,
) -> None:
    assert invoke_remiss("build", "--public", cwd=project).returncode == 0
    folder = project / "output" / "offentlig"
    (project / "cases" / "bostadsforsorjningsprogram.yaml").unlink()
    (folder / "bostadsforsorjningsprogram.md").write_text("ändrad för hand\n", "utf-8")
    target = project / "kvar.docx"
    target.write_bytes((folder / "bostadsforsorjningsprogram.docx").read_bytes())
    (folder / "bostadsforsorjningsprogram.docx").unlink()
    os.symlink(target, folder / "bostadsforsorjningsprogram.docx")
    result = invoke_remiss("build", "--public", cwd=project)
    assert result.returncode == 0, result.stderr
    assert (folder / "bostadsforsorjningsprogram.md").read_text(
        "utf-8"
    ) == "ändrad för hand\n"
    assert "W310" in result.stderr
    assert (folder / "bostadsforsorjningsprogram.docx").is_symlink()
    assert target.exists()


def test_an_output_that_is_a_symbolic_link_is_never_written_through(
    project: Path,
) -> None:
    assert invoke_remiss("build", cwd=project).returncode == 0
    out = project / "output"
    md = out / "forsokslagenheter.md"
    other = out / "hemloshetskartlaggning.md"
    md.unlink()
    os.symlink(other.name, md)
    before, result = edit_and_build(project)
    assert "output/forsokslagenheter.md: här står en symbolisk länk" in result.stderr
    assert "output/forsokslagenheter.docx: skrevs inte heller" in result.stderr
    assert md.is_symlink()
    after = state(out)
    for name in ("forsokslagenheter.docx", "hemloshetskartlaggning.md"):
        assert after[name] == before[name]
    forced = invoke_remiss("build", "--force", cwd=project)
    assert forced.returncode == 0, forced.stderr
    assert not md.is_symlink()
    assert "output/forsokslagenheter.md: länken ersattes med en vanlig fil" in (
        forced.stderr
    )
    assert "Annie" in md.read_text("utf-8")
    assert other.read_bytes() == before["hemloshetskartlaggning.md"][1]


def test_an_output_folder_that_is_a_link_to_another_is_refused(
    project: Path,
) -> None:
    assert invoke_remiss("build", cwd=project).returncode == 0
    before = state(project / "output")
    os.symlink(".", project / "output" / "offentlig")
    result = invoke_remiss("build", "--public", cwd=project)
    assert result.returncode == 2, result.stderr
    assert "remiss: output/offentlig är en symbolisk länk" in result.stderr
    assert state(project / "output") == before


def edit_and_build(
    project: Path,
) -> tuple[dict[str, tuple[int, bytes]], subprocess.CompletedProcess[str]]:
    """Change a case's text, build, and return the output folder as it was
    before and the build's outcome (findings: exit 1)."""
    case = project / "cases" / "forsokslagenheter.yaml"
    case.write_text(case.read_text("utf-8").replace("Anna", "Annie"), "utf-8")
    before = state(project / "output")
    result = invoke_remiss("build", cwd=project)
    assert result.returncode == 1, result.stderr
    return before, result


def decide(case: Path) -> None:
    text = case.read_text("utf-8")
    case.write_text(text.replace("status: klar", "status: beslutad"), "utf-8")


def test_a_decided_document_is_not_rewritten_without_force(project: Path) -> None:
    case = project / "cases" / "forsokslagenheter.yaml"
    decide(case)
    assert invoke_remiss("build", cwd=project).returncode == 0
    out = project / "output"
    before = state(out)
    text = case.read_text("utf-8")
    case.write_text(text.replace("Anna Lindqvist", "Anna Berg"), "utf-8")
    result = invoke_remiss("build", cwd=project)
    assert result.returncode == 1, result.stderr
    line = 1 + text.splitlines().index("status: beslutad")
    assert f"cases/forsokslagenheter.yaml:{line}:9: E401" in result.stderr
    after = state(out)
    for name in ("forsokslagenheter.md", "forsokslagenheter.docx"):
        assert after[name] == before[name], "the decided files are untouched"
    # The meeting that takes the case up keeps its documents as they were:
    # its combined documents hold the decided text (E402).
    meeting = [n for n in before if n.startswith("sammantrade-2011-08-23")]
    assert "sammantrade-2011-08-23-handlingar.docx" in meeting
    assert all(after[n] == before[n] for n in meeting)
    assert "cases/sammantrade-2011-08-23.yaml:1:1: E402" in result.stderr
    assert "cases/forsokslagenheter.yaml" in result.stderr.split("E402")[1]
    again = invoke_remiss("build", cwd=project)
    assert again.returncode == 1
    assert "E401" in again.stderr
    forced = invoke_remiss("build", "--force", cwd=project)
    assert forced.returncode == 0, forced.stderr
    for name in ("forsokslagenheter.md", "forsokslagenheter.docx"):
        assert (
            f"output/{name}: skrevs över med --force fast ärendet är beslutat"
        ) in forced.stderr
    assert "Anna Berg" in (out / "forsokslagenheter.md").read_text("utf-8")
    assert state(out)["forsokslagenheter.docx"] != before["forsokslagenheter.docx"]
    combined = state(out)["sammantrade-2011-08-23-handlingar.docx"]
    assert combined != before["sammantrade-2011-08-23-handlingar.docx"]
    assert invoke_remiss("build", cwd=project).returncode == 0


def test_a_decided_word_file_is_kept_also_when_only_word_is_built(
    project: Path,
) -> None:
    case = project / "cases" / "forsokslagenheter.yaml"
    decide(case)
    assert invoke_remiss("build", cwd=project).returncode == 0
    docx = project / "output" / "forsokslagenheter.docx"
    before = docx.read_bytes()
    case.write_text(case.read_text("utf-8").replace("Anna", "Annie"), "utf-8")
    result = invoke_remiss("build", "--format", "docx", cwd=project)
    assert result.returncode == 1, result.stderr
    assert "E401" in result.stderr
    assert docx.read_bytes() == before


def test_a_protected_word_file_keeps_its_markdown(project: Path) -> None:
    assert invoke_remiss("build", cwd=project).returncode == 0
    out = project / "output"
    docx = out / "forsokslagenheter.docx"
    docx.write_bytes(docx.read_bytes() + b"\0")  # saved again by Word
    before, result = edit_and_build(project)
    assert "output/forsokslagenheter.docx: filen har ändrats" in result.stderr
    assert "output/forsokslagenheter.md: skrevs inte heller" in result.stderr
    after = state(out)
    for name in ("forsokslagenheter.md", "forsokslagenheter.docx"):
        assert after[name] == before[name]
    forced = invoke_remiss("build", "--force", cwd=project)
    assert forced.returncode == 0, forced.stderr
    assert "output/forsokslagenheter.docx: ersatt med --force" in forced.stderr
    assert "Annie" in (out / "forsokslagenheter.md").read_text("utf-8")


def test_a_second_build_says_which_process_holds_the_folder(project: Path) -> None:
    from remiss.build.lock import BuildLock

    with BuildLock(project / "output"):
        result = invoke_remiss("build", cwd=project, env={"REMISS_LAS_VANTAN": "0.3"})
    assert result.returncode == 2, result.stderr
    assert (
        f"remiss: en annan körning bygger redan i output (process {os.getpid()})"
        in result.stderr
    )
    assert not (project / "output" / ".remiss-manifest.json").exists()


def test_the_lock_of_a_dead_build_is_taken_over_and_then_removed(
    project: Path,
) -> None:
    out = project / "output"
    out.mkdir()
    (out / ".remiss-lock").write_text("999999999\n", "ascii")
    result = invoke_remiss("build", cwd=project, env={"REMISS_LAS_VANTAN": "0"})
    assert result.returncode == 0, result.stderr
    assert not (out / ".remiss-lock").exists()
    assert not (out / ".remiss-journal.json").exists()


def test_an_output_folder_that_cannot_be_made_is_e312_not_a_lock_failure(
    project: Path,
) -> None:
    (project / "output").write_text("en fil, ingen mapp\n", "utf-8")
    result = invoke_remiss("build", cwd=project)
    assert result.returncode == 1, result.stderr
    assert "E312" in result.stderr
    assert "internt fel" not in result.stderr


@pytest.mark.parametrize(
    "name", [".remiss-lock", ".remiss-journal.json", ".remiss-manifest.json"]
)
def test_remiss_own_files_committed_as_links_are_never_written_through(
    project: Path, name: str
) -> None:
    assert invoke_remiss("build", cwd=project).returncode == 0
    case = project / "cases" / "forsokslagenheter.yaml"
    before = case.read_bytes()
    if name == ".remiss-manifest.json":
        (project / "output" / name).unlink()
    os.symlink(case, project / "output" / name)
    (project / "cases" / "hemloshetskartlaggning.yaml").touch()
    (project / "output" / "hemloshetskartlaggning.md").unlink()
    result = invoke_remiss("build", cwd=project)
    assert result.returncode == 0, result.stderr
    assert case.read_bytes() == before
    assert not (project / "output" / name).is_symlink()


def test_a_cache_folder_committed_as_a_link_is_not_written_through(
    project: Path,
) -> None:
    os.symlink("cases", project / ".remiss")
    before = sorted(p.name for p in (project / "cases").iterdir())
    result = invoke_remiss("build", cwd=project)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in (project / "cases").iterdir()) == before
