"""remiss build: incremental rules, --check, parallel workers, public builds."""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import pytest

from tests.conftest import CASES, ROOT, invoke_remiss, run_remiss

# The build tests count sources and documents: they use the example
# project's meeting and its four cases. The remissammanställning's answers
# have tests of their own (test_compilation), and without the paragraph
# register the meeting makes no protokoll (test_minutes).
BUILD_EXAMPLES = (
    "sammantrade-2011-08-23.yaml",
    "bostadsforsorjningsprogram.yaml",
    "forsokslagenheter.yaml",
    "hemloshetskartlaggning.yaml",
    "sekretess-lvu-overklagande.yaml",
)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "cases").mkdir()
    for name in BUILD_EXAMPLES:
        shutil.copy(CASES / name, tmp_path / "cases" / name)
    shutil.copytree(ROOT / "templates", tmp_path / "templates")
    shutil.copy(ROOT / "remiss.yaml", tmp_path / "remiss.yaml")
    return tmp_path


def snapshot(folder: Path) -> dict[str, tuple[int, bytes]]:
    return {
        p.relative_to(folder).as_posix(): (p.stat().st_mtime_ns, p.read_bytes())
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_first_build_makes_everything_and_second_writes_nothing(project: Path):
    first = invoke_remiss("build", "-j", "1", cwd=project)
    assert first.returncode == 0, first.stderr
    assert first.stderr.strip().endswith("12 dokument skapade, 0 oförändrade")
    before = snapshot(project / "output")
    second = invoke_remiss("build", cwd=project)
    assert second.returncode == 0
    assert second.stderr.strip() == (
        "0 dokument skapade, 0 oförändrade, 5 källor redan aktuella"
    )
    assert snapshot(project / "output") == before


def test_changing_a_template_rebuilds_its_documents_only(project: Path) -> None:
    invoke_remiss("build", cwd=project)
    before = snapshot(project / "output")
    agenda = project / "templates" / "foredragningslista.md.j2"
    agenda.write_text(agenda.read_text("utf-8") + "\nSlut på listan.\n", "utf-8")
    result = invoke_remiss("build", "-j", "1", cwd=project)
    assert result.returncode == 0, result.stderr
    after = snapshot(project / "output")
    changed = sorted(k for k in after if after[k] != before.get(k))
    assert changed == [
        ".remiss-manifest.json",
        "sammantrade-2011-08-23-handlingar.docx",
        "sammantrade-2011-08-23.docx",
        "sammantrade-2011-08-23.md",
    ]
    assert "4 källor redan aktuella" in result.stderr


def test_changing_a_case_rebuilds_it_and_its_meeting(project: Path) -> None:
    invoke_remiss("build", cwd=project)
    case = project / "cases" / "forsokslagenheter.yaml"
    case.write_text(
        case.read_text("utf-8").replace("Utredare", "Utredningssekreterare")
    )
    check = invoke_remiss("build", "--check", cwd=project)
    assert check.returncode == 1
    assert "cases/forsokslagenheter.yaml: utdata saknas eller är inaktuella" in (
        check.stderr
    )
    assert "cases/sammantrade-2011-08-23.yaml: utdata saknas" in check.stderr
    assert "2 källor behöver byggas, 3 aktuella" in check.stderr
    result = invoke_remiss("build", cwd=project)
    assert result.returncode == 0
    assert "Utredningssekreterare" in (
        project / "output" / "forsokslagenheter.md"
    ).read_text("utf-8")
    assert invoke_remiss("build", "--check", cwd=project).returncode == 0


def test_check_on_a_fresh_project_reports_missing_outputs(project: Path) -> None:
    result = invoke_remiss("build", "--check", cwd=project)
    assert result.returncode == 1
    assert "5 källor behöver byggas, 0 aktuella" in result.stderr
    assert not (project / "output").exists()


def test_changing_remiss_yaml_rebuilds_everything(project: Path) -> None:
    invoke_remiss("build", cwd=project)
    config = project / "remiss.yaml"
    config.write_text(config.read_text("utf-8") + "  avdelning: Stabsenheten\n")
    result = invoke_remiss("build", "--check", cwd=project)
    assert "5 källor behöver byggas" in result.stderr


def test_deleted_output_is_rebuilt(project: Path) -> None:
    invoke_remiss("build", cwd=project)
    (project / "output" / "hemloshetskartlaggning.docx").unlink()
    result = invoke_remiss("build", cwd=project)
    assert result.returncode == 0
    assert (project / "output" / "hemloshetskartlaggning.docx").exists()
    assert "1 dokument skapat" in result.stderr


def test_parallel_build_gives_the_same_bytes(project: Path, tmp_path: Path) -> None:
    one = run_remiss("build", "-j", "1", "-o", str(tmp_path / "ett"), cwd=project)
    two = run_remiss("build", "-j", "2", "-o", str(tmp_path / "två"), cwd=project)
    assert one.returncode == two.returncode == 0
    first = {k: v[1] for k, v in snapshot(tmp_path / "ett").items()}
    second = {k: v[1] for k, v in snapshot(tmp_path / "två").items()}
    assert first == second


def test_log_gets_plain_progress_lines(project: Path) -> None:
    result = invoke_remiss("build", "-j", "1", cwd=project)
    lines = result.stderr.splitlines()
    assert "[1/5] cases/bostadsforsorjningsprogram.yaml: 2 filer" in lines
    # Meetings come after the cases, whose parsed documents they use.
    assert "[4/5] cases/sekretess-lvu-overklagande.yaml: 2 filer" in lines
    assert "[5/5] cases/sammantrade-2011-08-23.yaml: 3 filer" in lines


def test_build_outside_a_project_is_a_usage_error(tmp_path: Path) -> None:
    result = invoke_remiss("build", cwd=tmp_path)
    assert result.returncode == 2
    assert "ingen ärendemapp hittades" in result.stderr


MARKERS = ["QZXSEKRETESSMARKÖR1", "QZXSEKRETESSMARKÖR2", "QZXSEKRETESSMARKÖR3"]


def all_bytes(folder: Path) -> list[tuple[str, bytes]]:
    """Return every file's bytes, and every member of every zip, unpacked."""
    out = []
    for path in sorted(folder.rglob("*")):
        if not path.is_file():
            continue
        data = path.read_bytes()
        out.append((path.as_posix(), data))
        if data[:2] == b"PK":
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                for name in archive.namelist():
                    out.append((f"{path}!{name}", archive.read(name)))
    return out


def test_public_build_never_contains_confidential_content(project: Path) -> None:
    secret = project / "cases" / "sekretess-lvu-overklagande.yaml"
    text = secret.read_text("utf-8")
    text = text.replace("Jonas Berg", f"Jonas {MARKERS[0]}")
    text = text.replace("1.6-0512/2011", f"1.6-{MARKERS[1]}")
    text = text.replace(
        "Nämnden ansökte i juni 2011", f"Nämnden ansökte ({MARKERS[2]}) i juni 2011"
    )
    text = text.replace("rubrik: Överklagande", f"rubrik: {MARKERS[2]} Överklagande")
    secret.write_text(text, encoding="utf-8")
    internal = invoke_remiss("build", cwd=project)
    assert internal.returncode == 0, internal.stderr
    inside = b"".join(data for _, data in all_bytes(project / "output"))
    for marker in MARKERS:  # the markers are really there internally
        assert marker.encode("utf-8") in inside
    public = invoke_remiss("build", "--public", cwd=project)
    assert public.returncode == 0, public.stderr
    folder = project / "output" / "offentlig"
    names = sorted(p.name for p in folder.iterdir())
    assert "sekretess-lvu-overklagande.docx" not in names
    assert not any("sekretess-lvu" in n for n in names)
    for where, data in all_bytes(folder):
        for marker in MARKERS:
            assert marker.encode("utf-8") not in data, f"{marker} in {where}"
            assert marker.encode("utf-16-le") not in data, f"{marker} in {where}"
        assert b"LVU" not in data, where
        assert "Överklagande".encode() not in data, where
    agenda = (folder / "sammantrade-2011-08-23.md").read_text("utf-8")
    assert "### 3.\tSekretessärende" in agenda
    assert "Offentlig version" in agenda


def test_case_that_becomes_confidential_is_removed_from_the_public_folder(
    project: Path,
) -> None:
    assert invoke_remiss("build", "--public", cwd=project).returncode == 0
    folder = project / "output" / "offentlig"
    assert (folder / "hemloshetskartlaggning.docx").exists()
    case = project / "cases" / "hemloshetskartlaggning.yaml"
    case.write_text("sekretess: true\n" + case.read_text("utf-8"), encoding="utf-8")
    result = invoke_remiss("build", "--public", cwd=project)
    assert result.returncode == 0, result.stderr
    assert not (folder / "hemloshetskartlaggning.docx").exists()
    assert not (folder / "hemloshetskartlaggning.md").exists()
    assert "hemloshetskartlaggning.docx: borttagen" in result.stderr


@pytest.fixture
def whole_project(tmp_path: Path) -> Path:
    """The whole example project, as committed."""
    shutil.copytree(CASES, tmp_path / "cases")
    shutil.copytree(ROOT / "templates", tmp_path / "templates")
    shutil.copy(ROOT / "remiss.yaml", tmp_path / "remiss.yaml")
    shutil.copy(ROOT / "paragrafregister.json", tmp_path / "paragrafregister.json")
    return tmp_path


@pytest.mark.parametrize("flags", [(), ("--public",)])
def test_committed_example_outputs_are_current(
    whole_project: Path, flags: tuple[str, ...]
) -> None:
    project = whole_project
    result = invoke_remiss("build", "-j", "1", *flags, cwd=project)
    assert result.returncode == 0, result.stderr
    folder = "output/offentlig" if flags else "output"
    built = {
        p.relative_to(project / folder).as_posix(): p.read_bytes()
        for p in (project / folder).glob("*.*")
        if not p.name.startswith(".")
    }
    committed = {
        p.relative_to(ROOT / folder).as_posix(): p.read_bytes()
        for p in (ROOT / folder).glob("*.*")
        if not p.name.startswith(".")
    }
    assert sorted(built) == sorted(committed)
    stale = [name for name in built if built[name] != committed[name]]
    assert stale == [], (
        f"inaktuella i {folder}: {stale}; kör 'remiss build' och "
        "'remiss build --public' och checka in"
    )


def test_ctrl_c_stops_cleanly_and_the_next_build_goes_on(tmp_path: Path) -> None:
    import os
    import signal
    import subprocess
    import sys
    import time

    (tmp_path / "cases").mkdir()
    shutil.copy(ROOT / "remiss.yaml", tmp_path / "remiss.yaml")
    text = (CASES / "forsokslagenheter.yaml").read_text("utf-8")
    for i in range(400):
        (tmp_path / "cases" / f"f{i:03}.yaml").write_text(text, encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-m", "remiss", "build", "-j", "2"],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    out = tmp_path / "output"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and len(list(out.glob("*.docx"))) < 5:
        time.sleep(0.05)
    os.kill(process.pid, signal.SIGINT)
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 130, stderr
    assert "remiss: avbrutet" in stderr
    assert "Traceback" not in stderr
    assert not list(out.glob(".*.remiss-tmp")), "no half-written files"
    written = len(list(out.glob("*.docx")))
    assert 0 < written < 400, stderr
    again = run_remiss("build", "-j", "2", cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    assert len(list(out.glob("*.docx"))) == 400
    assert "redan aktuella" in again.stderr


def test_a_public_render_of_one_file_removes_no_other_published_file(
    project: Path,
) -> None:
    assert invoke_remiss("build", "--public", cwd=project).returncode == 0
    folder = project / "output" / "offentlig"
    before = sorted(p.name for p in folder.iterdir())
    assert len(before) > 3
    meeting = next(p for p in (project / "cases").glob("sammantrade*.yaml"))
    result = invoke_remiss("render", str(meeting), "--public", cwd=project)
    assert result.returncode == 0, result.stderr
    assert "borttagen" not in result.stderr
    assert sorted(p.name for p in folder.iterdir()) == before
    again = invoke_remiss("build", "--public", cwd=project)
    assert again.returncode == 0, again.stderr
    assert sorted(p.name for p in folder.iterdir()) == before


def test_remiss_installed_inside_the_project_is_named_the_same_in_the_manifest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from remiss.build import digests

    inside = tmp_path / ".venv" / "lib" / "site-packages" / "remiss" / "templates"
    monkeypatch.setattr(digests, "BUILTIN_TEMPLATES", inside)
    key = digests.dependency_key(inside / "reference.docx", tmp_path)
    assert key == "<remiss>/reference.docx"
    assert digests.dependency_key(tmp_path / "cases" / "a.yaml", tmp_path) == (
        "cases/a.yaml"
    )
    # A checkout of remiss itself: its templates are the project's, its
    # looks (reference documents) are remiss's, as for any other install.
    monkeypatch.setattr(digests, "BUILTIN_TEMPLATES", tmp_path / "templates")
    key = digests.dependency_key(tmp_path / "templates" / "reference.docx", tmp_path)
    assert key == "<remiss>/reference.docx"
    key = digests.dependency_key(
        tmp_path / "templates" / "tjansteutlatande.md.j2", tmp_path
    )
    assert key == "templates/tjansteutlatande.md.j2"
