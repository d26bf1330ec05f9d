"""Builds that are killed, interrupted or run two at once, in real processes:
the next build finishes cleanly and refuses nothing.

A build is stopped at the worst moment deterministically: the test variable
files.PAUSE_VARIABLE makes it wait right after renaming a batch of new files
into place, before the manifest says they are remiss's.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from remiss.build.files import PAUSE_VARIABLE
from tests.conftest import CASES, ROOT, invoke_remiss, run_remiss

COPIES = 9


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "cases").mkdir()
    shutil.copy(ROOT / "remiss.yaml", tmp_path / "remiss.yaml")
    text = (CASES / "forsokslagenheter.yaml").read_text("utf-8")
    for i in range(COPIES):
        (tmp_path / "cases" / f"f{i}.yaml").write_text(text, encoding="utf-8")
    return tmp_path


def start(project: Path, *args: str, **env: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "remiss", "build", "-j", "1", *args],
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, **env},
    )


def paused(project: Path) -> tuple[subprocess.Popen[str], Path]:
    """Start a build and return it once it has put files in place that its
    manifest does not yet record."""
    marker = project.parent / f"{project.name}-paused"
    process = start(project, **{PAUSE_VARIABLE: str(marker)})
    deadline = time.monotonic() + 180
    while not marker.exists():
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "the build never reached the pause"
        time.sleep(0.05)
    return process, marker


def edit_every_case(project: Path) -> None:
    for case in (project / "cases").glob("*.yaml"):
        text = case.read_text("utf-8")
        case.write_text(text.replace("Utredare", "Utredningssekreterare"), "utf-8")


def assert_next_build_refuses_nothing(project: Path) -> None:
    out = project / "output"
    written = [p.name for p in out.glob("*.*") if not p.name.startswith(".")]
    assert written, "the killed build had put files in place"
    edit_every_case(project)
    again = run_remiss("build", "-j", "1", cwd=project)
    assert again.returncode == 0, again.stderr
    assert "skyddade" not in again.stderr
    assert "har ändrats sedan remiss skrev den" not in again.stderr
    assert again.stderr.strip().endswith(
        f"{2 * COPIES} dokument skapade, 0 oförändrade"
    ), again.stderr
    assert_consistent(out)
    assert sorted(p.name for p in out.iterdir() if p.name.startswith(".")) == [
        ".remiss-manifest.json"
    ], "no lock, journal or temporary file is left"


def assert_consistent(out: Path) -> None:
    """Every output is in the manifest with the digest of what it holds."""
    manifest = json.loads((out / ".remiss-manifest.json").read_text("utf-8"))
    files = {p.name for p in out.iterdir() if not p.name.startswith(".")}
    assert set(manifest["filer"]) == files
    for name in files:
        data = (out / name).read_bytes()
        assert manifest["filer"][name]["sha256"] == hashlib.sha256(data).hexdigest()


def test_a_build_killed_after_renaming_leaves_nothing_refused(project: Path):
    process, _ = paused(project)
    process.kill()  # SIGKILL: no finally, no manifest
    process.communicate(timeout=60)
    assert process.returncode == -signal.SIGKILL
    assert (project / "output" / ".remiss-journal.json").exists()
    assert_next_build_refuses_nothing(project)


def test_a_build_interrupted_after_renaming_leaves_nothing_refused(project: Path):
    process, _ = paused(project)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 130, stderr
    assert "Traceback" not in stderr
    assert_next_build_refuses_nothing(project)


def test_a_second_build_names_the_process_it_waited_for(project: Path) -> None:
    first, _ = paused(project)
    try:
        second = run_remiss(
            "build", "-j", "1", cwd=project, env={"REMISS_LAS_VANTAN": "0.5"}
        )
        assert second.returncode == 2, second.stderr
        assert (
            f"remiss: en annan körning bygger redan i output (process {first.pid})"
        ) in second.stderr
    finally:
        first.kill()
        first.communicate(timeout=60)
    # The dead build's lock is taken over without anyone removing it.
    assert (project / "output" / ".remiss-lock").exists()
    assert_next_build_refuses_nothing(project)


def test_two_builds_at_once_leave_a_consistent_manifest(project: Path) -> None:
    wait = {"REMISS_LAS_VANTAN": "300"}
    one = start(project, **wait)
    two = start(project, "--alla", **wait)
    for process in (one, two):
        _, stderr = process.communicate(timeout=300)
        assert process.returncode == 0, stderr
    assert_consistent(project / "output")
    assert_next_build_refuses_nothing(project)


def test_a_full_disk_when_saving_the_manifest_leaves_nothing_refused(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from remiss.build import manifest as manifests

    real = manifests.atomic_write

    def full(path: Path, data: bytes, **options: bool) -> None:
        if path.name == ".remiss-manifest.json":
            raise OSError(errno.ENOSPC, "No space left on device", str(path))
        real(path, data, **options)

    monkeypatch.setattr(manifests, "atomic_write", full)
    result = invoke_remiss("build", "-j", "1", cwd=project)
    assert result.returncode == 1, result.stderr
    assert "output/.remiss-manifest.json" in result.stderr
    assert "E312" in result.stderr
    assert "internt fel" not in result.stderr
    monkeypatch.setattr(manifests, "atomic_write", real)
    assert_next_build_refuses_nothing(project)


def test_a_journal_line_cut_off_by_a_crash_is_skipped(tmp_path: Path) -> None:
    from remiss.build.journal import JOURNAL, replay
    from remiss.build.manifest import Manifest

    (tmp_path / "a.md").write_bytes(b"a")
    (tmp_path / "b.md").write_bytes(b"b")
    (tmp_path / "c.md").write_bytes(b"edited since")
    sha = {n: hashlib.sha256(n.encode()).hexdigest() for n in "abc"}
    whole = json.dumps({"a.md": sha["a"], "c.md": sha["c"], "../x": sha["a"]})
    torn = json.dumps({"b.md": sha["b"]})[:-3]
    (tmp_path / JOURNAL).write_text(f"{whole}\n{torn}", "utf-8")
    manifest = Manifest.load(tmp_path)
    assert replay(manifest) == ["a.md"]
    assert manifest.status("a.md", b"a") == "ours"
    assert manifest.status("b.md", b"b") == "edited"
    assert manifest.status("c.md", b"edited since") == "edited"
