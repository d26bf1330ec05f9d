"""Nothing is lost: atomic writes, the manifest and path containment."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from remiss.build import files
from remiss.build.files import (
    TEMP_SUFFIX,
    CommitFailed,
    PathEscape,
    StagedWrites,
    atomic_write,
    contained,
)
from remiss.build.manifest import Manifest, write_outputs


def test_interrupted_write_leaves_the_old_file(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "a.docx"
    target.write_bytes(b"old version")

    def interrupted(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        atomic_write(target, b"new version that never lands")
    assert target.read_bytes() == b"old version"
    assert [p.name for p in tmp_path.iterdir()] == ["a.docx"], "no temporary file left"


def test_full_disk_leaves_the_old_file(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "a.md"
    target.write_bytes(b"old")
    real_replace = os.replace

    def no_space(src, dst):  # noqa: ANN001
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", no_space)
    with pytest.raises(OSError, match="No space"):
        atomic_write(target, b"new")
    monkeypatch.setattr(os, "replace", real_replace)
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.md"]


def test_write_then_read_back(tmp_path: Path) -> None:
    atomic_write(tmp_path / "sub" / "x.md", b"text")
    assert (tmp_path / "sub" / "x.md").read_bytes() == b"text"


@pytest.mark.parametrize(
    "name",
    ["../x.md", "/etc/passwd", "a/b.md", "..", ".", "", "a\\b.md", "x\0.md"],
)
def test_names_outside_the_output_folder_are_refused(tmp_path: Path, name: str):
    with pytest.raises(PathEscape):
        contained(tmp_path, name)


def test_plain_name_is_contained(tmp_path: Path) -> None:
    assert (
        contained(tmp_path, "325-827-2011.docx")
        == (tmp_path / "325-827-2011.docx").resolve()
    )


def test_manifest_protects_edited_files(tmp_path: Path) -> None:
    manifest = Manifest.load(tmp_path)
    outcome = write_outputs(manifest, {"a.md": b"one"})
    assert [p.name for p in outcome.written] == ["a.md"]
    manifest.save()
    (tmp_path / "a.md").write_bytes(b"edited by hand")
    manifest = Manifest.load(tmp_path)
    outcome = write_outputs(manifest, {"a.md": b"two"})
    assert [p.name for p in outcome.refused] == ["a.md"]
    assert (tmp_path / "a.md").read_bytes() == b"edited by hand"
    outcome = write_outputs(manifest, {"a.md": b"two"}, force=True)
    assert (tmp_path / "a.md").read_bytes() == b"two"


def test_manifest_is_deterministic(tmp_path: Path) -> None:
    for order in (["b.md", "a.md"], ["a.md", "b.md"]):
        folder = tmp_path / "-".join(order)
        manifest = Manifest.load(folder)
        write_outputs(manifest, {n: n.encode() for n in order})
        manifest.save()
    first, second = (tmp_path / "b.md-a.md", tmp_path / "a.md-b.md")
    assert (first / ".remiss-manifest.json").read_bytes() == (
        second / ".remiss-manifest.json"
    ).read_bytes()


def test_corrupt_manifest_protects_everything(tmp_path: Path) -> None:
    (tmp_path / ".remiss-manifest.json").write_text("{inte json", encoding="utf-8")
    (tmp_path / "a.md").write_bytes(b"someone's file")
    outcome = write_outputs(Manifest.load(tmp_path), {"a.md": b"new"})
    assert outcome.refused
    assert (tmp_path / "a.md").read_bytes() == b"someone's file"


def test_leftover_temporary_files_are_removed(tmp_path: Path) -> None:
    from remiss.build.files import remove_leftovers

    stray = tmp_path / f".a.docx.x1y2{TEMP_SUFFIX}"
    stray.write_bytes(b"half")
    keep = tmp_path / "a.docx"
    keep.write_bytes(b"whole")
    assert remove_leftovers(tmp_path) == [stray]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.docx"]


def stage_two(tmp_path: Path) -> tuple[StagedWrites, list[str]]:
    (tmp_path / "a.md").write_bytes(b"old a")
    (tmp_path / "b.md").write_bytes(b"old b")
    staged = StagedWrites()
    done: list[str] = []
    for name in ("a.md", "b.md"):
        staged.stage(
            tmp_path / name,
            f"new {name[0]}".encode(),
            owner=f"cases/{name[0]}.yaml",
            done=lambda name=name: done.append(name),
        )
    return staged, done


def contents(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_staged_files_land_only_when_committed(tmp_path: Path) -> None:
    staged, done = stage_two(tmp_path)
    assert (tmp_path / "a.md").read_bytes() == b"old a"
    assert len(list(tmp_path.glob(f".*{TEMP_SUFFIX}"))) == 2
    staged.commit()
    assert contents(tmp_path) == {"a.md": b"new a", "b.md": b"new b"}
    assert done == ["a.md", "b.md"]


def test_failed_sync_leaves_the_old_files(tmp_path: Path, monkeypatch) -> None:
    staged, done = stage_two(tmp_path)

    def failing(names: list[str]) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(files, "sync_files", failing)
    with pytest.raises(CommitFailed) as caught:
        staged.commit()
    assert caught.value.owners == {"cases/a.yaml", "cases/b.yaml"}
    assert contents(tmp_path) == {"a.md": b"old a", "b.md": b"old b"}
    assert done == []


def test_interrupted_commit_leaves_the_old_files(tmp_path: Path, monkeypatch) -> None:
    staged, done = stage_two(tmp_path)
    real_replace = os.replace
    calls: list[str] = []

    def interrupted_after_one(src, dst):  # noqa: ANN001
        if calls:
            raise KeyboardInterrupt
        calls.append(dst)
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", interrupted_after_one)
    with pytest.raises(KeyboardInterrupt):
        staged.commit()
    # Each file is whole: the one renamed is new, the other old.
    assert contents(tmp_path) == {"a.md": b"new a", "b.md": b"old b"}
    assert done == ["a.md"]


def test_interrupted_stage_is_never_committed(tmp_path: Path, monkeypatch) -> None:
    staged, _ = stage_two(tmp_path)
    (tmp_path / "c.md").write_bytes(b"old c")

    def interrupted(path, mode):  # noqa: ANN001
        raise KeyboardInterrupt  # after the data, before the file is complete

    monkeypatch.setattr(os, "chmod", interrupted)
    with pytest.raises(KeyboardInterrupt):
        staged.stage(tmp_path / "c.md", b"new c")
    monkeypatch.undo()
    staged.commit()
    assert contents(tmp_path) == {"a.md": b"new a", "b.md": b"new b", "c.md": b"old c"}


@pytest.mark.skipif(files._syncfs() is None, reason="syncfs is Linux-only")
def test_one_sync_for_a_whole_batch(tmp_path: Path, monkeypatch) -> None:
    syncs: list[int] = []
    fsyncs: list[int] = []
    real_syncfs = files._syncfs()
    real_fsync = os.fsync

    def counting_syncfs(fd: int) -> int:
        syncs.append(fd)
        return real_syncfs(fd)  # type: ignore[misc]

    def counting_fsync(fd: int) -> None:
        fsyncs.append(fd)
        real_fsync(fd)

    monkeypatch.setattr(files, "_syncfs", lambda: counting_syncfs)
    monkeypatch.setattr(os, "fsync", counting_fsync)
    staged = StagedWrites()
    for i in range(20):
        staged.stage(tmp_path / f"{i}.md", b"x" * i)
    staged.commit()
    assert len(list(tmp_path.glob("*.md"))) == 20
    assert len(syncs) == 1
    assert len(fsyncs) == 1, "the folder, once"


def test_a_build_whose_files_cannot_be_synced_records_nothing(
    tmp_path: Path, monkeypatch
) -> None:
    import shutil

    from remiss.build.batch import build
    from remiss.input.discover import discover
    from remiss.input.project import load_project
    from remiss.render.source import make_jobs
    from tests.conftest import CASES

    (tmp_path / "cases").mkdir()
    shutil.copy(CASES / "forsokslagenheter.yaml", tmp_path / "cases" / "a.yaml")
    project = load_project(tmp_path)
    jobs = make_jobs(discover(project.root), project.root)

    def failing(names: list[str]) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files, "sync_files", failing)
    out = tmp_path / "output"
    report = build(project, jobs, out, ("md", "docx"))
    assert report.failed_sources == ["cases/a.yaml"]
    assert report.written == []
    assert [d.code for d in report.diagnostics] == ["E312"]
    assert "disken är full" in report.diagnostics[0].message
    assert sorted(p.name for p in out.iterdir()) == []
    monkeypatch.undo()
    report = build(project, jobs, out, ("md", "docx"))
    assert sorted(p.name for p in report.written) == ["a.docx", "a.md"]
