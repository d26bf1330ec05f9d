"""Compiled templates are kept between commands, and never outlive an edit."""

from __future__ import annotations

from pathlib import Path

import pytest

from remiss.model.project import Project
from remiss.text.templates import _cache_dir, template_files
from tests.conftest import run_remiss, write_case


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "remiss.yaml").write_text("standard: {}\n", encoding="utf-8")
    (tmp_path / "templates").mkdir()
    write_case(tmp_path, "sammanfattning: S\nmall: egen\n")
    return tmp_path


def render(project: Path, cache: Path) -> str:
    result = run_remiss(
        "render",
        "a.yaml",
        "--format",
        "md",
        "-o",
        "ut",
        cwd=project,
        env={"REMISS_CACHE": str(cache)},
    )
    assert result.returncode == 0, result.stderr
    return (project / "ut" / "a.md").read_text(encoding="utf-8")


def test_a_compiled_template_is_kept_and_follows_edits(project: Path) -> None:
    template = project / "templates" / "egen.md.j2"
    cache = project / "cache"
    template.write_text("# {{ rubrik }}\n", encoding="utf-8")
    assert render(project, cache) == "# R\n"
    kept = list((cache / "templates").iterdir())
    assert len(kept) == 1
    assert render(project, cache) == "# R\n"
    template.write_text("Rubrik: {{ rubrik }}\n", encoding="utf-8")
    assert render(project, cache) == "Rubrik: R\n"


def test_a_cache_that_cannot_be_made_is_no_error(project: Path) -> None:
    (project / "templates" / "egen.md.j2").write_text("# {{ rubrik }}\n", "utf-8")
    blocked = project / "inte-en-mapp"
    blocked.write_text("", encoding="utf-8")  # a file where the folder would go
    assert render(project, blocked) == "# R\n"


@pytest.mark.parametrize(
    ("main", "expected"),
    [
        ("# {{ rubrik }}\n", ["egen.md.j2"]),
        ("{% include 'del.md.j2' %}\n", ["egen.md.j2", "del.md.j2"]),
        ("{%- from 'del.md.j2' import x -%}\n", ["egen.md.j2", "del.md.j2"]),
        ("{# {% include 'del.md.j2' %} #}\n", ["egen.md.j2"]),
    ],
)
def test_the_templates_a_case_depends_on(
    project: Path, main: str, expected: list[str]
) -> None:
    (project / "templates" / "egen.md.j2").write_text(main, encoding="utf-8")
    (project / "templates" / "del.md.j2").write_text("{{ rubrik }}\n", "utf-8")
    found = template_files(Project(root=project), "egen")
    assert [p.name for p in found] == expected


def test_the_cache_folder_follows_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REMISS_CACHE", str(tmp_path / "egen"))
    assert _cache_dir() == str(tmp_path / "egen" / "templates")
    monkeypatch.delenv("REMISS_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert _cache_dir() == str(tmp_path / "xdg" / "remiss" / "templates")
    monkeypatch.setenv("XDG_CACHE_HOME", "relativ")  # not absolute: ignored
    monkeypatch.setenv("HOME", str(tmp_path / "hem"))
    assert _cache_dir() == str(tmp_path / "hem" / ".cache" / "remiss" / "templates")
    shared = tmp_path / "delad"
    (shared / "templates").mkdir(parents=True)
    (shared / "templates").chmod(0o777)
    monkeypatch.setenv("REMISS_CACHE", str(shared))
    assert _cache_dir() is None  # others could put code there
