"""Only http, https, mailto and relative links are live in the documents;
any other scheme is shown as text, with a warning at its line."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from remiss.blocks import is_live_link
from remiss.input.project import load_project
from remiss.render.source import render_file
from tests.conftest import run_remiss, write_case

LIVE = ["https://www.stockholm.se", "http://x.se/a?b=1", "mailto:a@b.se", "bilaga.pdf",
        "../dokument/plan.pdf", "#ärendet"]  # fmt: skip
DEAD = [
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    "java\tscript:alert(1)",
    " javascript:alert(1)",
    "vbscript:msgbox(1)",
    "data:text/html;base64,PHNjcmlwdD4=",
    "file:///etc/passwd",
    "//evil.example/x",
    "\\\\server\\share\\x.docx",
    "C:/Windows/system.ini",
]


@pytest.mark.parametrize("url", LIVE)
def test_ordinary_links_stay_live(url: str) -> None:
    assert is_live_link(url)


@pytest.mark.parametrize("url", DEAD)
def test_other_schemes_are_not_live(url: str) -> None:
    assert not is_live_link(url)


def test_a_dangerous_link_is_text_in_word_and_a_warning_in_check(tmp_path: Path):
    path = write_case(
        tmp_path,
        """\
        sammanfattning: |
          Se [planen](javascript:alert(1)) och [sidan](https://www.stockholm.se)
          samt [filen](file:///etc/passwd).
        """,
    )
    rendered = render_file(path, load_project(None))
    assert rendered.ok, [d.format() for d in rendered.diagnostics]
    with zipfile.ZipFile(io.BytesIO(rendered.outputs["docx"])) as z:
        rels = z.read("word/_rels/document.xml.rels").decode()
        document = z.read("word/document.xml").decode()
    assert "https://www.stockholm.se" in rels
    assert "javascript" not in rels
    assert "file:" not in rels
    assert "planen" in document
    assert "filen" in document
    result = run_remiss("check", str(path), cwd=tmp_path)
    assert result.returncode == 0, result.stderr  # warnings only
    assert "W604 sammanfattning: länken 'javascript:alert(1)' blir inte klickbar" in (
        result.stderr
    )
    assert "W604 sammanfattning: länken 'file:///etc/passwd'" in result.stderr
    assert "stockholm.se' blir inte" not in result.stderr
