"""Nothing is lost: atomic writes, the manifest and path containment."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from remiss.build.files import PathEscape, atomic_write, contained
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
    from remiss.build.files import TEMP_SUFFIX, remove_leftovers

    stray = tmp_path / f".a.docx.x1y2{TEMP_SUFFIX}"
    stray.write_bytes(b"half")
    keep = tmp_path / "a.docx"
    keep.write_bytes(b"whole")
    assert remove_leftovers(tmp_path) == [stray]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.docx"]
