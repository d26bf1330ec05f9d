"""Every example document is accessible by construction (EN 301 549 / WCAG 2.1)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from lxml import etree

from tests.conftest import ROOT, invoke_remiss, write_case

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
DOCS = sorted((ROOT / "output").rglob("*.docx"))


def parts(path: Path) -> dict[str, etree._Element]:
    with zipfile.ZipFile(path) as archive:
        return {
            name: etree.fromstring(archive.read(name))
            for name in archive.namelist()
            if name.endswith(".xml") and name.startswith(("word/", "docProps/"))
        }


def test_there_are_documents_to_check() -> None:
    assert len(DOCS) >= 10


@pytest.mark.parametrize("path", DOCS, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_document_is_accessible(path: Path) -> None:
    xml = parts(path)
    core = xml["docProps/core.xml"]
    ns = {
        "dc": "http://purl.org/dc/elements/1.1/",
        "dcterms": "http://purl.org/dc/terms/",
    }
    assert core.findtext("dc:language", namespaces=ns) == "sv-SE"
    assert (core.findtext("dc:title", namespaces=ns) or "").strip()
    assert core.findtext("dcterms:created", namespaces=ns)
    if not path.stem.startswith("sammantrade"):
        assert core.findtext("dc:identifier", namespaces=ns), "Dnr in the properties"
    styles = xml["word/styles.xml"]
    lang = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
    assert lang is not None
    assert lang.get(f"{W}val") == "sv-SE"
    levels = {}
    names = {}
    for style in styles.iter(f"{W}style"):
        sid = style.get(f"{W}styleId")
        names[sid] = style.find(f"{W}name").get(f"{W}val")
        outline = style.find(f"{W}pPr/{W}outlineLvl")
        if outline is not None:
            levels[sid] = int(outline.get(f"{W}val")) + 1
    body = xml["word/document.xml"].find(f"{W}body")
    # Headings in order, without skipped levels, in each document of a file.
    previous = 0
    for p in body.iter(f"{W}p"):
        style = p.find(f"{W}pPr/{W}pStyle")
        level = levels.get(style.get(f"{W}val")) if style is not None else None
        if level is None:
            continue
        assert level <= previous + 1 or level == 1, "".join(p.itertext())
        previous = level
    # Real list styles.
    for p in body.iter(f"{W}p"):
        if p.find(f"{W}pPr/{W}numPr") is not None:
            style = p.find(f"{W}pPr/{W}pStyle").get(f"{W}val")
            assert names[style] in ("List Number", "List Bullet")
    # Tables with a style and a repeating header row; a layout table (columns
    # side by side, style Layouttabell) is one row and has no header row.
    for table in body.iter(f"{W}tbl"):
        style = table.find(f"{W}tblPr/{W}tblStyle")
        assert style is not None
        first = table.find(f"{W}tr")
        if names[style.get(f"{W}val")] == "Layouttabell":
            assert len(table.findall(f"{W}tr")) == 1
            assert first.find(f"{W}trPr/{W}tblHeader") is None
            continue
        assert first.find(f"{W}trPr/{W}tblHeader") is not None
    # No empty paragraphs used as spacing (a section break is not spacing).
    for p in body.iter(f"{W}p"):
        if p.getparent().tag == f"{W}tc":
            continue
        text = "".join(t.text or "" for t in p.iter(f"{W}t"))
        has_content = text.strip() or p.find(f".//{W}drawing") is not None
        assert has_content or p.find(f"{W}pPr/{W}sectPr") is not None
    # Alternative text on every image, in the body and in headers.
    for name, root in xml.items():
        for doc_pr in root.iter(f"{WP}docPr"):
            assert (doc_pr.get("descr") or "").strip(), name


def test_check_reports_accessibility_problems_in_case_text(tmp_path: Path) -> None:
    case = write_case(
        tmp_path,
        """\
        sammanfattning: |
          Inledning.

          # Del ett

          ### Detalj

          ![](bild.png)
        avsnitt:
          - rubrik: Tabell
            text: |
              | | |
              |---|---|
              | a | b |
        """,
    )
    result = invoke_remiss("check", str(case), cwd=tmp_path)
    assert result.returncode == 0  # warnings
    headlines = [line for line in result.stderr.splitlines() if ": W6" in line]
    assert headlines == [
        "a.yaml:13:3: W601 sammanfattning: rubriknivå 3 följer på nivå 1",
        "a.yaml:15:3: W602 sammanfattning: en bild saknar alternativtext",
        "a.yaml:19:7: W603 avsnitt 1, text: en tabell saknar rubrikrad",
    ]
    assert invoke_remiss("check", "--strict", str(case), cwd=tmp_path).returncode == 1
