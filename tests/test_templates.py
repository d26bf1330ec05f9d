"""Templates: errors name the template and line; case text stays data."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from remiss.input.project import load_project
from remiss.render.source import render_file
from remiss.text.markdown import escape_inline, safe_block
from tests.conftest import CASES, docx_text, invoke_remiss


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "cases").mkdir()
    shutil.copy(CASES / "forsokslagenheter.yaml", tmp_path / "cases" / "a.yaml")
    (tmp_path / "templates").mkdir()
    return tmp_path


def test_project_template_overrides_the_builtin(project: Path) -> None:
    (project / "templates" / "tjansteutlatande.md.j2").write_text(
        "# {{ rubrik }}\n\nEgen mall för {{ nämnd }}.\n", encoding="utf-8"
    )
    result = invoke_remiss("render", "cases/a.yaml", "--format", "md", cwd=project)
    assert result.returncode == 0, result.stderr
    text = (project / "output" / "a.md").read_text("utf-8")
    assert text.endswith("Egen mall för Socialnämnden.\n")


def test_undefined_variable_names_template_and_line(project: Path) -> None:
    (project / "templates" / "tjansteutlatande.md.j2").write_text(
        "# {{ rubrik }}\n\n{{ okänd }}\n", encoding="utf-8"
    )
    result = invoke_remiss("render", "cases/a.yaml", cwd=project)
    assert result.returncode == 1
    assert (
        "templates/tjansteutlatande.md.j2:3:1: T003 mallen använder något som inte "
        "finns: 'okänd'" in result.stderr
    )
    assert not (project / "output" / "a.docx").exists()


def test_syntax_error_names_template_and_line(project: Path) -> None:
    (project / "templates" / "tjansteutlatande.md.j2").write_text(
        "# {{ rubrik }}\n\n{% for x in %}\n", encoding="utf-8"
    )
    result = invoke_remiss("check", "cases", cwd=project)
    assert result.returncode == 1
    assert "templates/tjansteutlatande.md.j2:3:1: T002 syntaxfel i mallen" in (
        result.stderr
    )
    assert "Traceback" not in result.stderr


def test_missing_template_points_at_the_case_line(project: Path) -> None:
    case = project / "cases" / "a.yaml"
    case.write_text(
        "mall: beslutsunderlag\n" + case.read_text("utf-8"), encoding="utf-8"
    )
    result = invoke_remiss("render", "cases/a.yaml", cwd=project)
    assert result.returncode == 1
    assert "cases/a.yaml:1:7: T001 mallen 'beslutsunderlag' finns inte" in result.stderr
    assert "templates/beslutsunderlag.md.j2" in result.stderr


def test_missing_reference_document_points_at_remiss_yaml(project: Path) -> None:
    (project / "remiss.yaml").write_text(
        "standard:\n  nämnd: Socialnämnden\nreferensdokument: mallar/vår.docx\n",
        encoding="utf-8",
    )
    result = invoke_remiss("render", "cases/a.yaml", cwd=project)
    assert result.returncode == 1
    assert "remiss.yaml:3:19: T010 referensdokumentet finns inte" in result.stderr


def test_broken_reference_document_is_explained(project: Path) -> None:
    (project / "trasig.docx").write_bytes(b"not a zip")
    (project / "remiss.yaml").write_text(
        "referensdokument: trasig.docx\n", encoding="utf-8"
    )
    result = invoke_remiss("render", "cases/a.yaml", cwd=project)
    assert result.returncode == 1
    assert "T010 referensdokumentet är ingen läsbar .docx-fil" in result.stderr


def test_case_text_is_never_a_template(project: Path) -> None:
    case = project / "cases" / "a.yaml"
    text = case.read_text("utf-8").replace(
        "sammanfattning: |\n",
        "sammanfattning: |\n  Se {{ 7 * 7 }} och {% if true %}ja{% endif %}.\n\n",
    )
    case.write_text(text, encoding="utf-8")
    rendered = render_file(case, load_project(project))
    assert rendered.ok
    md = rendered.outputs["md"].decode("utf-8")
    assert "Se {{ 7 * 7 }} och {% if true %}ja{% endif %}." in md
    assert "Se {{ 7 * 7 }} och {% if true %}ja{% endif %}." in docx_text(
        rendered.outputs["docx"]
    )


def test_raw_html_is_shown_as_text(project: Path) -> None:
    case = project / "cases" / "a.yaml"
    text = case.read_text("utf-8").replace(
        "sammanfattning: |\n",
        "sammanfattning: |\n  Före <script>alert(1)</script> efter.\n\n"
        "  <div>block</div>\n\n",
    )
    text = text.replace("rubrik: Svar", "rubrik: <b>Svar</b>")
    case.write_text(text, encoding="utf-8")
    rendered = render_file(case, load_project(project))
    md = rendered.outputs["md"].decode("utf-8")
    assert "Före \\<script>alert(1)\\</script> efter." in md
    assert "# \\<b\\>Svar\\</b\\>" in md
    body = docx_text(rendered.outputs["docx"])
    assert "Före <script>alert(1)</script> efter." in body
    assert "<div>block</div>" in body
    assert "<b>Svar</b>" in body


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("# inte rubrik", "\\# inte rubrik"),
        ("- inte lista", "\\- inte lista"),
        ("1. inte lista", "1\\. inte lista"),
        ("a *b* [c](d) | e", "a \\*b\\* \\[c\\](d) \\| e"),
        ("::: {.sidhuvud}", "\\::: {.sidhuvud}"),
        ("rad ett\nrad två", "rad ett rad två"),
    ],
)
def test_escape_inline(text: str, expected: str) -> None:
    assert escape_inline(text) == expected


def test_safe_block_moves_headings_and_escapes_divs() -> None:
    block = safe_block("# Del\n\ntext\n\n## Underdel\n\n:::\n<i>x</i>")
    assert block == "### Del\n\ntext\n\n#### Underdel\n\n\\:::\n\\<i>x\\</i>"
