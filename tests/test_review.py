"""Reproducible outputs, textconv, the README's git example, drafts, decided cases."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from remiss.docx.textconv import docx_text
from tests.conftest import CASES, ROOT, invoke_remiss, run_remiss


def copy_project(target: Path) -> Path:
    target.mkdir(parents=True)
    shutil.copytree(CASES, target / "cases")
    shutil.copy(ROOT / "remiss.yaml", target / "remiss.yaml")
    return target


def build_bytes(
    folder: Path,
    env: dict[str, str],
    run: Callable[..., subprocess.CompletedProcess[str]] = run_remiss,
) -> dict[str, bytes]:
    result = run("build", "-j", "1", cwd=folder, env=env)
    assert result.returncode == 0, result.stderr
    out = folder / "output"
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*.*")}


def test_same_inputs_give_the_same_bytes_anywhere(tmp_path: Path) -> None:
    first = build_bytes(
        copy_project(tmp_path / "a"), {"TZ": "Europe/Stockholm", "LC_ALL": "C.UTF-8"}
    )
    time.sleep(1.1)  # a different second on the clock
    second = build_bytes(
        copy_project(tmp_path / "en annan mapp" / "b"),
        {"TZ": "America/Los_Angeles", "LC_ALL": "sv_SE.UTF-8", "LANG": "sv_SE.UTF-8"},
    )
    assert sorted(first) == sorted(second)
    assert first == second
    for name, data in first.items():  # and equal to what is committed
        committed = ROOT / "output" / name
        if committed.exists() and name.endswith((".md", ".docx")):
            assert committed.read_bytes() == data, name


def test_zip_members_have_fixed_times_and_order(tmp_path: Path) -> None:
    built = build_bytes(copy_project(tmp_path / "a"), {}, invoke_remiss)
    data = built["forsokslagenheter.docx"]
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        infos = archive.infolist()
    assert infos[0].filename == "[Content_Types].xml"
    assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}


def test_source_date_epoch_sets_times(tmp_path: Path) -> None:
    env = {"SOURCE_DATE_EPOCH": "1314748800"}  # 2011-08-31 00:00:00 UTC
    data = build_bytes(copy_project(tmp_path / "a"), env)["forsokslagenheter.docx"]
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert {i.date_time for i in archive.infolist()} == {(2011, 8, 31, 0, 0, 0)}
        core = archive.read("docProps/core.xml").decode()
    assert ">2011-08-31T00:00:00Z</dcterms:modified>" in core
    assert ">2011-08-10T00:00:00Z</dcterms:created>" in core


def test_textconv_prints_reading_order() -> None:
    data = (ROOT / "output" / "hemloshetskartlaggning.docx").read_bytes()
    text = docx_text(data)
    # The header's columns, left then right, a line each.
    assert text.startswith("[Sidhuvud] Socialförvaltningen\n")
    assert "\n[Sidhuvud] Tjänsteutlåtande\n[Sidhuvud] Dnr\u00a0" in text
    assert "\nHemlöshet i Stockholm 2011 – resultat av kartläggningen\n" in text
    assert "\nFörvaltningens förslag till beslut\n\n1. Socialnämnden" in text
    assert "\n2. Socialnämnden" in text
    assert "\nSituation\t2009\t2011\tFörändring\n" in text
    # What a reader sees, no Markdown: no heading marks, no pipes.
    assert not re.search(r"(?m)^(#|\|)", text)


def test_textconv_shows_tracked_changes(tmp_path: Path) -> None:
    new = tmp_path / "ny.yaml"
    new.write_text(
        (CASES / "forsokslagenheter.yaml")
        .read_text("utf-8")
        .replace("[Innerstaden, 62]", "[Innerstaden, 70]"),
        encoding="utf-8",
    )
    out = tmp_path / "red.docx"
    invoke_remiss(
        "diff", str(CASES / "forsokslagenheter.yaml"), str(new), "-o", str(out)
    )
    result = invoke_remiss("textconv", str(out))
    assert result.returncode == 0
    assert "\nInnerstaden\t[-62-]{+70+}\t" in result.stdout


def test_textconv_refuses_what_is_not_a_docx(tmp_path: Path) -> None:
    bad = tmp_path / "x.docx"
    bad.write_text("inte en zip", encoding="utf-8")
    result = run_remiss("textconv", str(bad))
    assert result.returncode == 2
    assert "inget läsbart Word-dokument" in result.stderr


def test_pre_commit_hooks_name_real_commands() -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))
    entries = {h["id"]: h["entry"] for h in hooks}
    assert entries == {
        "remiss-check": "remiss check",
        "remiss-build-check": "remiss build --check",
        "remiss-build-public-check": "remiss build --public --check",
    }
    for entry in entries.values():
        args = entry.split()[1:]
        assert invoke_remiss(*args, "--help").returncode == 0


def test_drafts_are_marked_and_finished_cases_are_not() -> None:
    draft = (ROOT / "output" / "bostadsforsorjningsprogram.md").read_text("utf-8")
    assert 'status: "utkast"' in draft
    assert "\n# UTKAST: " in draft
    final = (ROOT / "output" / "forsokslagenheter.md").read_text("utf-8")
    assert "UTKAST" not in final
    with zipfile.ZipFile(ROOT / "output" / "bostadsforsorjningsprogram.docx") as z:
        assert "UTKAST" in z.read("word/header1.xml").decode()


@pytest.fixture
def decided(tmp_path: Path) -> Path:
    project = copy_project(tmp_path / "p")
    case = project / "cases" / "forsokslagenheter.yaml"
    case.write_text(case.read_text("utf-8").replace("status: klar", "status: beslutad"))
    assert invoke_remiss("build", "-j", "1", cwd=project).returncode == 0
    return project


def test_changed_decided_case_is_reported(decided: Path) -> None:
    assert invoke_remiss("check", cwd=decided).returncode == 0
    case = decided / "cases" / "forsokslagenheter.yaml"
    text = case.read_text("utf-8")
    case.write_text(text.replace("[Innerstaden, 62]", "[Innerstaden, 70]"))
    line = text.splitlines().index("status: beslutad") + 1
    result = invoke_remiss("check", cwd=decided)
    assert result.returncode == 1
    assert (
        f"cases/forsokslagenheter.yaml:{line}:9: E401 ärendet är beslutat, men texten "
        "skiljer sig från den byggda versionen (output/forsokslagenheter.md)"
    ) in result.stderr


def test_decided_case_may_be_reopened(decided: Path) -> None:
    case = decided / "cases" / "forsokslagenheter.yaml"
    text = case.read_text("utf-8").replace("status: beslutad", "status: klar")
    case.write_text(text.replace("[Innerstaden, 62]", "[Innerstaden, 70]"))
    assert invoke_remiss("check", cwd=decided).returncode == 0
