"""The organisation's own Word template: styles by name, placeholders, looks."""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from pathlib import Path

import pytest

from remiss.input.project import load_project
from remiss.render.case import render_file
from tests.conftest import CASES, ROOT, assert_valid_docx, pretty_part

SWEDISH_IDS = {
    "Heading1": "Rubrik1",
    "Heading2": "Rubrik2",
    "Heading3": "Rubrik3",
    "ListNumber": "Numreradlista",
    "ListBullet": "Punktlista",
    "TableGrid": "Tabellrutnt",
    "Header": "Sidhuvud",
    "Strong": "Stark",
}


def swedish_reference(target: Path, *, drop_style: str | None = None) -> Path:
    """Make a reference document the way Swedish Word saves one: its own style
    ids, and a placeholder split over several runs in the header."""
    source = ROOT / "templates" / "reference.docx"
    with zipfile.ZipFile(source) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    styles = parts["word/styles.xml"].decode()
    for english, swedish in SWEDISH_IDS.items():
        # Word keeps the English built-in name (w:name) and localises the id.
        styles = styles.replace(f'w:styleId="{english}"', f'w:styleId="{swedish}"')
        styles = re.sub(
            rf'<w:(basedOn|next|link) w:val="{english}"/>',
            rf'<w:\1 w:val="{swedish}"/>',
            styles,
        )
    if drop_style:
        styles = re.sub(
            rf'<w:style [^>]*w:styleId="{drop_style}".*?</w:style>',
            "",
            styles,
            flags=re.S,
        )
    parts["word/styles.xml"] = styles.encode()
    header = parts["word/header1.xml"].decode()
    header = header.replace('w:val="Header"', 'w:val="Sidhuvud"')
    split = (
        '{{ diarie</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">'
        "nummer }}"
    )
    assert "{{ diarienummer }}" in header
    header = header.replace("{{ diarienummer }}", split)
    parts["word/header1.xml"] = header.encode()
    with zipfile.ZipFile(target, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return target


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(CASES, tmp_path / "cases")
    return tmp_path


def render_with(project: Path, reference: str, case: str = "forsokslagenheter"):
    (project / "remiss.yaml").write_text(
        "standard:\n  förvaltning: Socialförvaltningen\n  nämnd: Socialnämnden\n"
        f"referensdokument: {reference}\n",
        encoding="utf-8",
    )
    rendered = render_file(project / "cases" / f"{case}.yaml", load_project(project))
    assert rendered.ok, [d.format() for d in rendered.diagnostics]
    return rendered


def test_swedish_style_ids_are_found_by_name(project: Path) -> None:
    swedish_reference(project / "mall.docx")
    rendered = render_with(project, "mall.docx")
    data = rendered.outputs["docx"]
    assert_valid_docx(data)
    document = pretty_part(data, "word/document.xml")
    assert '<w:pStyle w:val="Rubrik1"/>' in document
    assert '<w:pStyle w:val="Rubrik2"/>' in document
    assert '<w:pStyle w:val="Numreradlista"/>' in document
    assert '<w:tblStyle w:val="Tabellrutnt"/>' in document
    assert '<w:rStyle w:val="Stark"/>' in document
    for english in SWEDISH_IDS:
        assert f'w:val="{english}"' not in document
    assert [d for d in rendered.diagnostics if d.code == "W201"] == []


def test_split_placeholder_in_header_is_filled(project: Path) -> None:
    swedish_reference(project / "mall.docx")
    data = render_with(project, "mall.docx").outputs["docx"]
    header = pretty_part(data, "word/header1.xml")
    assert "325-827/2011" in header
    assert "{{" not in header
    assert "diarie<" not in header


def test_missing_style_falls_back_with_a_warning(project: Path) -> None:
    swedish_reference(project / "mall.docx", drop_style="Källa")
    rendered = render_with(project, "mall.docx")
    warnings = [d for d in rendered.diagnostics if d.code == "W201"]
    assert any("formatmallen 'Källa'" in d.message for d in warnings)
    assert_valid_docx(rendered.outputs["docx"])
    document = pretty_part(rendered.outputs["docx"], "word/document.xml")
    assert "Källa: Bostadsförmedlingen" in document


@pytest.mark.parametrize("case", ["forsokslagenheter", "hemloshetskartlaggning"])
def test_modern_look_uses_its_own_styles_logo_and_footer(project: Path, case: str):
    data = render_with(project, "modern", case).outputs["docx"]
    assert_valid_docx(data)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = archive.namelist()
        styles = archive.read("word/styles.xml").decode()
        header = archive.read("word/header1.xml").decode()
        footer = archive.read("word/footer1.xml").decode()
    assert "word/media/logo.png" in names
    assert 'w:color w:val="1F4E79"' in styles  # the look's heading colour
    assert 'descr="Organisationens logotyp"' in header
    assert "Socialförvaltningen – Socialnämnden" in footer


def test_new_template_can_be_restyled_and_used(project: Path) -> None:
    from tests.conftest import invoke_remiss

    assert (
        invoke_remiss(
            "new-template", "var.docx", "--utseende", "modern", cwd=project
        ).returncode
        == 0
    )
    rendered = render_with(project, "var.docx")
    assert_valid_docx(rendered.outputs["docx"])


def test_check_reports_the_reference_document_at_remiss_yaml(project: Path) -> None:
    from tests.conftest import invoke_remiss

    swedish_reference(project / "mall.docx", drop_style="Källa")
    (project / "remiss.yaml").write_text(
        "standard:\n  nämnd: Socialnämnden\nreferensdokument: mall.docx\n",
        encoding="utf-8",
    )
    result = invoke_remiss("check", cwd=project)
    assert (
        "remiss.yaml:3:19: W201 referensdokumentet saknar formatmallen 'Källa'"
        in result.stderr
    )
    assert result.stderr.count("W201") == 1
    rendered = invoke_remiss("render", "cases/forsokslagenheter.yaml", cwd=project)
    assert rendered.stderr.count("W201") == 1
