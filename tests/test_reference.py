"""The organisation's own Word template: styles by name, placeholders, looks."""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from collections.abc import Mapping
from pathlib import Path

import pytest

from remiss.input.project import load_project
from remiss.render.source import render_file
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


def with_own_style(project: Path, style: str) -> None:
    """Give the project a case template that asks for a style of its own."""
    builtin = (ROOT / "templates" / "tjansteutlatande.md.j2").read_text("utf-8")
    (project / "templates").mkdir()
    (project / "templates" / "tjansteutlatande.md.j2").write_text(
        builtin + f'\n::: {{custom-style="{style}"}}\nBilaga 1\n:::\n', "utf-8"
    )


def test_a_missing_style_is_reported_at_remiss_yaml_on_every_render(
    project: Path,
) -> None:
    swedish_reference(project / "mall.docx", drop_style="Källa")
    with_own_style(project, "Bilagetext")
    located = [
        ("remiss.yaml", 4, 19, "referensdokumentet saknar formatmallen 'Bilagetext'"),
        ("remiss.yaml", 4, 19, "referensdokumentet saknar formatmallen 'Källa'"),
    ]
    for case in ("forsokslagenheter", "hemloshetskartlaggning", "forsokslagenheter"):
        rendered = render_with(project, "mall.docx", case)
        found = [
            (Path(d.path).name, d.line, d.col, d.message)
            for d in rendered.diagnostics
            if d.code == "W201"
        ]
        assert sorted(found) == located, case
        assert "Bilaga 1" in pretty_part(rendered.outputs["docx"], "word/document.xml")


def snapshot(value: object) -> object:
    """Return a deep, plain copy of a value: dataclasses (every attribute they
    hold), mappings, sequences and sets as dicts, lists and sorted lists."""
    if hasattr(value, "__dict__") and not isinstance(value, type):
        return (type(value).__name__, {k: snapshot(v) for k, v in vars(value).items()})
    if isinstance(value, Mapping):
        return {k: snapshot(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [snapshot(v) for v in value]
    if isinstance(value, (set, frozenset)):
        return sorted(snapshot(v) for v in value)
    return value


def test_writing_leaves_the_cached_reference_unchanged(project: Path) -> None:
    from remiss.blocks import Document, Paragraph, Run
    from remiss.docx.reference import load_reference
    from remiss.docx.writer import DocProperties, Section, write_sections

    swedish_reference(project / "mall.docx", drop_style="Källa")
    with_own_style(project, "Bilagetext")
    reference = load_reference(project / "mall.docx")
    before = snapshot(reference)
    assert before[1]["lacking"] == ["Källa"]  # the snapshot sees the fields

    render_with(project, "mall.docx", "forsokslagenheter")
    render_with(project, "mall.docx", "hemloshetskartlaggning")
    props = DocProperties("T", "C", "2011-08-23", placeholders={"datum": "i dag"})
    doc = Document([Paragraph("Okänd", [Run("text", ("Strong",))], list_id=1)])
    _, warnings = write_sections(
        [Section(doc, props), Section(doc, props)],
        props,
        reference,
        revision=("A", "2011-08-23T00:00:00Z"),
    )
    assert [w.message for w in warnings] == [
        "referensdokumentet saknar formatmallen 'Okänd'"
    ]

    assert load_reference(project / "mall.docx") is reference  # still the cached one
    assert snapshot(reference) == before


def test_the_reference_cannot_be_changed(project: Path) -> None:
    from dataclasses import FrozenInstanceError

    from remiss.docx.reference import load_reference

    reference = load_reference(swedish_reference(project / "mall.docx"))
    with pytest.raises(FrozenInstanceError):
        reference.styles = {}  # type: ignore[misc]
    with pytest.raises(TypeError):
        reference.styles["heading 1"] = "Annan"  # type: ignore[index]
    with pytest.raises(TypeError):
        reference.static["word/styles.xml"] = reference.content_types  # type: ignore[index]
    with pytest.raises(FrozenInstanceError):
        reference.templates["word/header1.xml"].text = ""  # type: ignore[misc]
    with pytest.raises(AttributeError):
        reference.order.append("word/extra.xml")  # type: ignore[attr-defined]


def test_a_meeting_says_each_missing_style_once_at_remiss_yaml(project: Path) -> None:
    from remiss.input.meeting import load_meeting
    from remiss.render.meeting import render_meeting

    swedish_reference(project / "mall.docx", drop_style="Källa")
    with_own_style(project, "Bilagetext")
    (project / "remiss.yaml").write_text("referensdokument: mall.docx\n", "utf-8")
    settings = load_project(project)
    meeting = load_meeting(project / "cases" / "sammantrade-2011-08-23.yaml", settings)
    for _ in range(2):
        made = render_meeting(meeting, settings, ("md", "docx"))
        found = [
            (Path(d.path).name, d.line, d.col, d.message)
            for d in made.diagnostics
            if d.code == "W201"
        ]
        lacking = "referensdokumentet saknar formatmallen"
        assert sorted(found) == [
            ("remiss.yaml", 1, 19, f"{lacking} 'Bilagetext'"),
            ("remiss.yaml", 1, 19, f"{lacking} 'Källa'"),
        ]
