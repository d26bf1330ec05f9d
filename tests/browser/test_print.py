"""Printed from the browser, an HTML page looks like the Word document: A4,
and the header with Dnr, date and "Sida N (M)" on every page."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.browser.cdp import Tab
from tests.conftest import CASES, run_remiss

pytestmark = pytest.mark.skipif(
    shutil.which("pdftotext") is None and os.environ.get("CI") != "true",
    reason="poppler-utils saknas (apt-get install poppler-utils)",
)


def printed(tab: Tab, page: Path, tmp_path: Path) -> list[str]:
    """Return the text of each printed page."""
    tab.open(page.as_uri())
    pdf = tmp_path / (page.stem + ".pdf")
    pdf.write_bytes(tab.pdf())
    info = subprocess.run(
        ["pdfinfo", str(pdf)], capture_output=True, text=True, check=True
    ).stdout
    assert "pts (A4)" in info, info
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return text.split("\f")[:-1]


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("utskrift")
    done = run_remiss(
        "render", str(CASES / "forsokslagenheter.yaml"),
        str(CASES / "bostadsforsorjningsprogram.yaml"),
        str(CASES / "sammantrade-2011-08-23.yaml"),
        str(CASES / "sekretess-lvu-overklagande.yaml"),
        "--format", "html", "-o", str(out),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return out


def test_every_printed_page_has_the_word_header(
    rendered: Path, tab: Tab, tmp_path: Path
) -> None:
    pages = printed(tab, rendered / "forsokslagenheter.html", tmp_path)
    assert len(pages) >= 2
    for number, text in enumerate(pages, 1):
        assert "Socialförvaltningen" in text
        assert "Tjänsteutlåtande" in text
        assert "Dnr 325-827/2011" in text
        assert f"Sida {number} ({len(pages)})" in text
        assert "2011-08-10" in text
    assert "Svar på remiss om motion (2011:31)" in pages[0]
    assert "Alla ärenden" not in "".join(pages)


def test_draft_and_secrecy_are_marked_on_every_printed_page(
    rendered: Path, tab: Tab, tmp_path: Path
) -> None:
    pages = printed(tab, rendered / "bostadsforsorjningsprogram.html", tmp_path)
    assert len(pages) >= 2
    assert all("UTKAST" in text for text in pages)
    assert not any("SEKRETESS" in text for text in pages)
    secret = printed(tab, rendered / "sekretess-lvu-overklagande.html", tmp_path)
    assert all("SEKRETESS" in text for text in secret)
    assert not any("UTKAST" in text for text in secret)


def test_each_document_of_the_combined_page_prints_with_its_own_header(
    rendered: Path, tab: Tab, tmp_path: Path
) -> None:
    pages = printed(tab, rendered / "sammantrade-2011-08-23-handlingar.html", tmp_path)

    def header(text: str) -> str:
        return "\n".join(text.strip("\n").splitlines()[:4])

    assert "Föredragningslista" in header(pages[0])
    assert "Dnr" not in header(pages[0])  # the meeting has none
    starts = [i for i, text in enumerate(pages) if "Till Socialnämnden" in text]
    assert len(starts) == 2  # the two cases, each from a new page
    assert "Dnr 1.6-0512/2011" in header(pages[starts[0]])
    assert "Dnr 325-827/2011" in header(pages[starts[1]])
    assert "Sida" in header(pages[starts[1]])
