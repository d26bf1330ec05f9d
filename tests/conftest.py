"""Shared test helpers: golden files, the schema check and a CLI runner."""

from __future__ import annotations

import difflib
import io
import os
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from tests.ooxml.validate import validate_docx

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = Path(__file__).resolve().parent / "golden"
CASES = ROOT / "cases"


MINIMAL_HEAD = """\
diarienummer: 1
datum: 2011-01-01
nämnd: Socialnämnden
förvaltning: Socialförvaltningen
handläggare: [{namn: A}]
rubrik: R
förslag_till_beslut: [Socialnämnden beslutar.]
"""


def write_case(folder: Path, body: str, name: str = "a.yaml") -> Path:
    """Write a small valid case head (7 lines) followed by `body`."""
    path = folder / name
    path.write_text(MINIMAL_HEAD + textwrap.dedent(body), encoding="utf-8")
    return path


@pytest.fixture(autouse=True, scope="session")
def _own_template_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Compiled templates of the test run go to a folder of its own, not to the
    user's cache (the commands run in subprocesses inherit the setting)."""
    os.environ["REMISS_CACHE"] = str(tmp_path_factory.mktemp("cache"))


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="rewrite the golden files from the current output",
    )


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


def compare_golden(name: str, actual: str, update: bool) -> None:
    """Compare text with tests/golden/NAME, showing a unified diff on failure."""
    path = GOLDEN / name
    if update or not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
        if not update:
            pytest.fail(f"golden file {name} was missing and has been written")
        return
    expected = path.read_text(encoding="utf-8")
    if expected != actual:
        diff = "".join(
            difflib.unified_diff(
                expected.splitlines(True),
                actual.splitlines(True),
                f"golden/{name}",
                "actual",
            )
        )
        pytest.fail(f"{name} differs from the golden file:\n{diff}")


def pretty_part(docx: bytes, part: str) -> str:
    """Return one XML part of a .docx, indented for reading and diffing."""
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        root = etree.fromstring(archive.read(part))
    etree.indent(root, space=" ")
    return etree.tostring(root, encoding="unicode") + "\n"


def assert_valid_docx(data: bytes) -> None:
    """Fail with the validator's findings when a .docx is not schema-valid."""
    problems = validate_docx(data)
    assert problems == [], "\n".join(problems)


def run_remiss(
    *args: str, cwd: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run the real `remiss` command in a subprocess."""
    full_env = {**os.environ, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "remiss", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=full_env,
        check=False,
        timeout=300,
    )


def docx_text(data: bytes) -> str:
    """Return the visible text of document.xml, one paragraph a line."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        root = etree.fromstring(archive.read("word/document.xml"))
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    lines = []
    for paragraph in root.iter(f"{w}p"):
        parts = []
        for node in paragraph.iter(f"{w}t", f"{w}tab", f"{w}br"):
            parts.append(node.text or "" if node.tag == f"{w}t" else " ")
        lines.append("".join(parts))
    return "\n".join(lines)
