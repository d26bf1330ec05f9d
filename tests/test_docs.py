"""The README's table of message codes is the catalogue in remiss.codes."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from remiss import codes
from tests.conftest import ROOT

README = ROOT / "README.md"


def test_readme_table_is_generated_from_the_catalogue() -> None:
    section = codes.readme_section(README.read_text("utf-8"))
    assert section == codes.markdown_table(), (
        "README:s tabell över koder skiljer sig från src/remiss/codes.py; "
        "kör 'python -m remiss.codes README.md'"
    )


def test_readme_table_stands_under_its_heading() -> None:
    text = README.read_text("utf-8")
    heading = text.index("### Koder i meddelandena")
    following = text.index("\n#", heading + 1)
    assert heading < text.index(codes.BEGIN) < text.index(codes.END) < following


def test_readme_table_lists_every_code_once() -> None:
    rows = re.findall(r"^\| ([EWT]\d{3}) \|", codes.markdown_table(), flags=re.M)
    assert sorted(rows) == sorted(codes.CODES)
    assert len(rows) == len(set(rows))


def test_every_section_named_in_the_catalogue_is_a_readme_heading() -> None:
    text = README.read_text("utf-8")
    headings = {h.strip() for h in re.findall(r"^#{2,4} (.+)$", text, flags=re.M)}
    named = {c.section for c in codes.CODES.values()}
    assert named - headings == set()
    anchors = {codes.anchor(h) for h in headings}
    assert len(anchors) == len(headings), "two headings would share a link"


def test_anchor_is_the_one_github_gives() -> None:
    assert codes.anchor("PDF och PDF/A") == "#pdf-och-pdfa"
    assert codes.anchor("Bygga allt, bara det som ändrats") == (
        "#bygga-allt-bara-det-som-ändrats"
    )


def _readme_copy(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "README.md"
    path.write_text(text, encoding="utf-8")
    return path


def test_module_rewrites_a_stale_table_in_place(tmp_path: Path) -> None:
    real = README.read_text("utf-8")
    stale = real.replace("| E002 | fel | tabbtecken i indraget |", "| E002 | fel | x |")
    assert stale != real
    path = _readme_copy(tmp_path, stale)
    result = run_remiss_codes(str(path))
    assert result.returncode == 0, result.stderr
    assert "uppdaterad" in result.stdout
    assert path.read_text("utf-8") == real
    again = run_remiss_codes(str(path))
    assert again.returncode == 0
    assert again.stdout == ""


def test_module_refuses_a_readme_without_markers(tmp_path: Path) -> None:
    path = _readme_copy(tmp_path, "# remiss\n")
    result = run_remiss_codes(str(path))
    assert result.returncode == 2
    assert "markeringarna" in result.stderr
    assert "Traceback" not in result.stderr
    assert path.read_text("utf-8") == "# remiss\n"


def test_module_says_when_the_readme_is_missing(tmp_path: Path) -> None:
    result = run_remiss_codes(str(tmp_path / "finns-inte.md"))
    assert result.returncode == 2
    assert "kan inte läsas" in result.stderr
    assert "Traceback" not in result.stderr


def run_remiss_codes(*args: str):  # type: ignore[no-untyped-def]
    import subprocess

    return subprocess.run(
        [sys.executable, "-m", "remiss.codes", *args],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
