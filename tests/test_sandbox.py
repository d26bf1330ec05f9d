"""A project template is input, not code: it runs in a sandbox, reads only the
template folders, and stays within budgets; each failure is a T-code."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from remiss.errors import TemplateProblem
from remiss.text.templates import environment, get_template, render_template
from tests.conftest import ROOT, run_remiss

HOSTILE = {
    "kod": (
        "{{ cycler.__init__.__globals__.os.popen('touch KANARIE').read() }}",
        "T004",
    ),
    "kod2": ("{{ lipsum.__globals__['os'].system('touch KANARIE') }}", "T004"),
    "absolut": ("{% include '/etc/passwd' %}", "T001"),
    "upp": ("{% include '../../remiss.yaml' %}", "T001"),
    "noll": ("{{ 1/0 }}", "T004"),
    "sig-själv": ("{% include 'sig-själv.md.j2' %}", "T004"),
    "makro": ("{% macro f(n) %}{{ f(n+1) }}{% endmacro %}{{ f(1) }}", "T004"),
    "slinga": ("{% for i in range(100000000) %}x{% endfor %}", "T004"),
    "nästlad": (
        "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}"
        "{% endfor %}",
        "T004",
    ),
    "gånger": ("{{ 'x' * 1000000000 }}", "T004"),
    "bredd": ("{{ 'x' | center(1000000000) }}", "T004"),
    "format": ("{{ '%1000000000s' % 'a' }}", "T004"),
    "upphöjt": ("{{ ((10 ** 64) ** 64) ** 64 }}", "T004"),
}


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    templates = tmp_path / "templates"
    templates.mkdir()
    for name, (text, _) in HOSTILE.items():
        (templates / f"{name}.md.j2").write_text(text, "utf-8")
    (tmp_path / "hemlig.txt").write_text("HEMLIGT INNEHÅLL", "utf-8")
    os.symlink(tmp_path / "hemlig.txt", templates / "länk.md.j2")
    (templates / "via-länk.md.j2").write_text("{% include 'länk.md.j2' %}", "utf-8")
    environment.cache_clear()
    return templates


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_a_hostile_template_is_stopped_with_its_code(
    folder: Path, name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(folder.parent)
    start = time.monotonic()
    with pytest.raises(TemplateProblem) as caught:
        render_template(get_template((folder,), name), {})
    assert time.monotonic() - start < 5
    diagnostic = caught.value.diagnostic
    assert diagnostic.code == HOSTILE[name][1]
    assert diagnostic.path.endswith(f"{name}.md.j2")
    assert diagnostic.line >= 1
    assert not (folder.parent / "KANARIE").exists()
    assert not (folder / "KANARIE").exists()


def test_a_link_out_of_the_template_folder_is_not_followed(folder: Path) -> None:
    with pytest.raises(TemplateProblem) as caught:
        render_template(get_template((folder,), "via-länk"), {})
    assert caught.value.diagnostic.code == "T001"
    assert "HEMLIGT" not in caught.value.diagnostic.format()
    with pytest.raises(TemplateProblem):
        get_template((folder,), "länk")


def test_an_ordinary_template_still_renders(folder: Path) -> None:
    (folder / "vanlig.md.j2").write_text(
        "{% for i in range(3) %}{{ i }}{% endfor %} {{ 'ab' * 2 }} "
        "{{ 'x' | center(5) }}|{{ '%3s' % 'a' }}",
        "utf-8",
    )
    out = render_template(get_template((folder,), "vanlig"), {})
    assert out == "012 abab   x  |  a\n"


def test_a_build_goes_on_past_a_hostile_template(tmp_path: Path) -> None:
    project = tmp_path / "projekt"
    (project / "cases").mkdir(parents=True)
    (project / "templates").mkdir()
    shutil.copy(ROOT / "remiss.yaml", project / "remiss.yaml")
    for name in ("forsokslagenheter", "bostadsforsorjningsprogram"):
        shutil.copy(ROOT / "cases" / f"{name}.yaml", project / "cases")
    (project / "templates" / "elak.md.j2").write_text(HOSTILE["kod"][0], "utf-8")
    case = project / "cases" / "forsokslagenheter.yaml"
    case.write_text("mall: elak\n" + case.read_text("utf-8"), "utf-8")
    result = run_remiss("build", "-j", "1", cwd=project)
    assert result.returncode == 1, result.stderr
    assert "templates/elak.md.j2:1:1: T004" in result.stderr
    assert "internt fel" not in result.stderr
    assert (project / "output" / "bostadsforsorjningsprogram.docx").is_file()
    assert not (project / "output" / "forsokslagenheter.docx").exists()
    assert not list(project.rglob("KANARIE"))


def test_a_template_not_in_utf8_is_t002_at_its_byte(tmp_path: Path) -> None:
    project = tmp_path / "projekt"
    (project / "cases").mkdir(parents=True)
    (project / "templates").mkdir()
    shutil.copy(ROOT / "remiss.yaml", project / "remiss.yaml")
    shutil.copy(ROOT / "cases" / "forsokslagenheter.yaml", project / "cases")
    (project / "templates" / "tjansteutlatande.md.j2").write_bytes(
        b"# Rubrik\n\nSocialn\xe4mnden\n"
    )
    result = run_remiss("render", "cases/forsokslagenheter.yaml", cwd=project)
    assert result.returncode == 1, result.stderr
    assert (
        "templates/tjansteutlatande.md.j2:3:8: T002 mallen är inte sparad som UTF-8"
        in result.stderr
    )


@pytest.mark.parametrize(
    ("expression", "said"),
    [
        ("{{ 1 + 'a' }}", "fel sorts värde i ett uttryck"),
        ("{{ 1.5 | round(2, 'nope') }}", "mallen kunde inte köras"),
        ("{{ none.x }}", "mallen använder något som inte finns"),
    ],
)
def test_a_failing_expression_in_a_template_is_told_in_swedish(
    folder: Path, expression: str, said: str
) -> None:
    (folder / "fel.md.j2").write_text(expression, "utf-8")
    with pytest.raises(TemplateProblem) as caught:
        render_template(get_template((folder,), "fel"), {})
    message = caught.value.diagnostic.message
    assert said in message
    for english in ("unsupported", "operand", "method must", "type(s)", "NoneType"):
        assert english not in message
