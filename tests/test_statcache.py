"""The stat cache: unchanged files are not read, changed ones always are."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from remiss.build.batch import build
from remiss.build.statcache import CACHE_DIR, CACHE_FILE, RACY_NS, StatCache
from remiss.input.discover import discover
from remiss.input.project import load_project
from remiss.render.meeting import COMBINED_SUFFIX
from remiss.render.source import make_jobs
from tests.conftest import CASES, ROOT
from tests.test_build import BUILD_EXAMPLES


def later() -> int:
    """A clock far enough ahead that files written now are not racy."""
    return time.time_ns() + 10 * RACY_NS


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def reload(root: Path, **kwargs: object) -> StatCache:
    return StatCache.load(root, **kwargs)  # type: ignore[arg-type]


def test_digest_and_kind_of_a_file(tmp_path: Path) -> None:
    case = tmp_path / "a.yaml"
    case.write_bytes(b"rubrik: R\n")
    meeting = tmp_path / "m.yaml"
    meeting.write_bytes(b"# m\r\npunkter:\n  - text: T\n")
    cache = StatCache(tmp_path)
    assert cache.digest(case) == sha(b"rubrik: R\n")
    assert not cache.is_meeting(case)
    assert cache.is_meeting(meeting)
    assert cache.digest(tmp_path / "saknas.yaml") == "saknas"
    assert cache.reads == 2


def test_a_trusted_entry_is_not_read_again(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_bytes(b"punkter: []\n")
    cache = StatCache(tmp_path, clock=later)
    cache.digest(path)
    cache.save()
    # The stat matches, so the cache is believed: a digest planted in it is
    # what comes back, and the file is not read.
    saved = tmp_path / CACHE_DIR / CACHE_FILE
    data = json.loads(saved.read_text("utf-8"))
    data["filer"]["a.yaml"][4] = "0" * 64
    data["filer"]["a.yaml"][5] = 0
    saved.write_text(json.dumps(data), "utf-8")
    again = reload(tmp_path, clock=later)
    assert again.digest(path) == "0" * 64
    assert not again.is_meeting(path)
    assert again.reads == 0
    # --alla trusts nothing.
    everything = reload(tmp_path, trust=False, clock=later)
    assert everything.digest(path) == sha(b"punkter: []\n")
    assert everything.is_meeting(path)
    assert everything.reads == 1


def test_a_racy_entry_is_read_until_it_is_old_enough(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_bytes(b"one\n")
    cache = StatCache(tmp_path)  # the real clock: the file is brand new
    cache.digest(path)
    cache.save()
    saved = tmp_path / CACHE_DIR / CACHE_FILE
    data = json.loads(saved.read_text("utf-8"))
    assert data["filer"]["a.yaml"][6] == 1, "recorded as racy"
    # A change the stat cannot see (here: planted), as a write in the same
    # clock tick would be, is caught because a racy entry is always read.
    data["filer"]["a.yaml"][4] = "0" * 64
    saved.write_text(json.dumps(data), "utf-8")
    again = reload(tmp_path, clock=later)
    assert again.digest(path) == sha(b"one\n")
    assert again.reads == 1
    again.save()
    # Hashed when old enough, it is trusted from then on.
    third = reload(tmp_path, clock=later)
    assert third.digest(path) == sha(b"one\n")
    assert third.reads == 0


def test_same_size_and_same_mtime_is_still_a_change(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_bytes(b"rubrik: Gammal\n")
    cache = StatCache(tmp_path, clock=later)
    cache.digest(path)
    cache.save()
    before = path.stat()
    with open(path, "r+b") as handle:  # same inode, same size
        handle.write(b"rubrik: Ny    \n")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = path.stat()
    assert (after.st_size, after.st_mtime_ns, after.st_ino) == (
        before.st_size,
        before.st_mtime_ns,
        before.st_ino,
    )
    again = reload(tmp_path, clock=later)
    assert again.digest(path) == sha(b"rubrik: Ny    \n")
    assert again.reads == 1


def test_deleted_files_are_forgotten(tmp_path: Path) -> None:
    for name in ("a.yaml", "b.yaml"):
        (tmp_path / name).write_bytes(name.encode())
    cache = StatCache(tmp_path, clock=later)
    cache.digest(tmp_path / "a.yaml")
    cache.digest(tmp_path / "b.yaml")
    cache.save()
    (tmp_path / "b.yaml").unlink()
    (tmp_path / "c.yaml").write_bytes(b"c")
    again = reload(tmp_path, clock=later)
    again.digest(tmp_path / "c.yaml")
    again.save()
    saved = json.loads((tmp_path / CACHE_DIR / CACHE_FILE).read_text("utf-8"))
    assert sorted(saved["filer"]) == ["a.yaml", "c.yaml"]


def test_a_broken_cache_is_an_empty_one(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_bytes(b"a")
    (tmp_path / CACHE_DIR).mkdir()
    (tmp_path / CACHE_DIR / CACHE_FILE).write_text(
        '{"version": 1, "filer": {"a', "utf-8"
    )
    cache = reload(tmp_path, clock=later)
    assert cache.digest(tmp_path / "a.yaml") == sha(b"a")
    (tmp_path / CACHE_DIR / CACHE_FILE).write_text(
        '{"version": 1, "filer": {"a.yaml": [1, "x"]}}', "utf-8"
    )
    cache = reload(tmp_path, clock=later)
    assert cache.digest(tmp_path / "a.yaml") == sha(b"a")


@pytest.mark.skipif(shutil.which("git") is None, reason="git saknas")
def test_git_ignores_the_cache_folder(tmp_path: Path) -> None:
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    (tmp_path / "a.yaml").write_bytes(b"a")
    cache = StatCache(tmp_path)
    cache.digest(tmp_path / "a.yaml")
    cache.save()
    assert (tmp_path / CACHE_DIR / CACHE_FILE).exists()
    status = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=all"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert status.splitlines() == ["?? a.yaml"]


# --------------------------------------------------------------------------
# In a build


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The meeting and its four cases of the example project (see test_build)."""
    (tmp_path / "cases").mkdir()
    for name in BUILD_EXAMPLES:
        shutil.copy(CASES / name, tmp_path / "cases" / name)
    shutil.copy(ROOT / "remiss.yaml", tmp_path / "remiss.yaml")
    return tmp_path


def run_build(root: Path, cache: StatCache):  # type: ignore[no-untyped-def]
    project = load_project(root)
    jobs = make_jobs(discover(project.root), project.root, cache.is_meeting)
    return build(project, jobs, root / "output", ("md", "docx"), cache=cache)


def test_a_no_op_build_reads_no_file(project: Path) -> None:
    first = run_build(project, StatCache.load(project, clock=later))
    assert len(first.written) == 12
    # The first no-op reads the outputs (the first build only wrote them).
    second = reload(project, clock=later)
    assert run_build(project, second).fresh_sources == 5
    assert second.reads == 12
    third = reload(project, clock=later)
    report = run_build(project, third)
    assert report.fresh_sources == 5
    assert report.written == []
    assert third.reads == 0, "neither sources, templates nor outputs are read"


def test_a_change_the_stat_barely_shows_is_rebuilt(project: Path) -> None:
    for _ in range(2):
        run_build(project, StatCache.load(project, clock=later))
    case = project / "cases" / "forsokslagenheter.yaml"
    before = case.stat()
    text = case.read_bytes()
    changed = text.replace(b"Utredare", b"Utredarn")
    assert len(changed) == len(text)
    assert changed != text
    with open(case, "r+b") as handle:
        handle.write(changed)
    os.utime(case, ns=(before.st_atime_ns, before.st_mtime_ns))
    report = run_build(project, StatCache.load(project, clock=later))
    assert report.fresh_sources == 3  # the case and its meeting are rebuilt
    assert "Utredarn" in (project / "output" / "forsokslagenheter.md").read_text(
        "utf-8"
    )


def test_an_output_edited_by_hand_is_noticed(project: Path) -> None:
    for _ in range(2):
        run_build(project, StatCache.load(project, clock=later))
    output = project / "output" / "hemloshetskartlaggning.md"
    output.write_text(output.read_text("utf-8") + "\nEgen rad.\n", "utf-8")
    report = run_build(project, StatCache.load(project, clock=later))
    assert report.fresh_sources == 4
    assert report.refused == [output.resolve()]


def test_the_combined_document_is_the_same_with_documents_reused(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import remiss.render.meeting as meeting_module

    parsed: list[str] = []
    real = meeting_module.parse_document

    def counting(markdown: str):  # type: ignore[no-untyped-def]
        parsed.append(markdown)
        return real(markdown)

    monkeypatch.setattr(meeting_module, "parse_document", counting)
    run_build(project, StatCache())
    combined = project / "output" / f"sammantrade-2011-08-23{COMBINED_SUFFIX}.docx"
    reused = combined.read_bytes()
    assert len(parsed) == 1, "only the agenda: its two cases came parsed"
    # Now only the meeting is rebuilt: it renders and parses its cases itself.
    meeting = project / "cases" / "sammantrade-2011-08-23.yaml"
    meeting.write_text(meeting.read_text("utf-8") + "# en kommentar\n", "utf-8")
    parsed.clear()
    report = run_build(project, StatCache())
    assert report.fresh_sources == 4
    assert len(parsed) == 3
    assert combined.read_bytes() == reused
