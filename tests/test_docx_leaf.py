"""The Word writer is a leaf: remiss.docx imports only the standard library,
lxml, the foundation modules it needs and itself."""

from __future__ import annotations

import ast
import subprocess
import sys

import pytest

from tests.conftest import ROOT

DOCX = ROOT / "src" / "remiss" / "docx"

ALLOWED_REMISS = ("remiss.errors", "remiss.codes", "remiss.blocks", "remiss.docx")

ALLOWED_THIRD_PARTY = ("lxml",)


def _allowed(module: str) -> bool:
    top = module.split(".")[0]
    if top == "__future__" or top in sys.stdlib_module_names:
        return True
    if top in ALLOWED_THIRD_PARTY:
        return True
    return any(module == a or module.startswith(a + ".") for a in ALLOWED_REMISS)


def imported_modules(source: str, package: str = "remiss.docx") -> list[str]:
    """Return every module the source imports, anywhere in it (also inside
    functions and `if TYPE_CHECKING:`), relative imports made absolute."""
    found: list[str] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                parent = ".".join(parts[: len(parts) - node.level + 1])
                base = f"{parent}.{base}" if base else parent
            if base in ("remiss", "remiss.docx") or not node.module:
                # `from remiss import text`: each name may be a module.
                found.extend(f"{base}.{alias.name}" for alias in node.names)
            else:
                found.append(base)
    return found


def forbidden_imports(source: str) -> list[str]:
    return [m for m in imported_modules(source) if not _allowed(m)]


def test_docx_imports_only_the_foundation() -> None:
    modules = sorted(DOCX.glob("*.py"))
    assert len(modules) >= 9  # the package is really there
    problems = {
        path.name: bad
        for path in modules
        if (bad := forbidden_imports(path.read_text(encoding="utf-8")))
    }
    assert problems == {}


def test_docx_modules_take_no_private_names_from_each_other() -> None:
    taken = {
        f"{path.name}: {node.module}.{alias.name}"
        for path in sorted(DOCX.glob("*.py"))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
        if alias.name.startswith("_") and node.module != "__future__"
    }
    assert taken == set()


@pytest.mark.parametrize(
    "line",
    [
        "from remiss.text.charts import DPI, png_size",
        "import pydantic",
        "from jinja2.sandbox import SandboxedEnvironment",
        "from remiss import formatting",
        "from remiss.model import tables",
        "from .. import render",
        "def f():\n    from remiss.input.case import load_case\n",
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import remiss.text\n",
    ],
)
def test_the_import_check_sees_a_forbidden_import(line: str) -> None:
    assert forbidden_imports(line)


@pytest.mark.parametrize(
    "line",
    [
        "import re",
        "from lxml import etree",
        "from remiss.errors import Diagnostic",
        "from remiss.blocks import Run",
        "from remiss.docx.oxml import esc",
        "from . import oxml",
        "from .png import DPI",
    ],
)
def test_the_import_check_lets_the_foundation_through(line: str) -> None:
    assert forbidden_imports(line) == []


def test_writing_a_document_loads_no_model_template_or_text_module() -> None:
    """Importing and running the writer in a fresh process pulls in none of
    pydantic, jinja2 or remiss's higher stages."""
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from remiss.blocks import Document, Paragraph, Run\n"
        "from remiss.docx.reference import load_reference\n"
        "from remiss.docx.writer import DocProperties, write_docx\n"
        f"ref = load_reference(Path({str(ROOT / 'templates' / 'reference.docx')!r}))\n"
        "doc = Document([Paragraph('Normal', [Run('Hej')])])\n"
        "write_docx(doc, DocProperties('T', 'C', '2011-01-01'), ref)\n"
        "print('\\n'.join(sorted(sys.modules)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    loaded = set(result.stdout.split())
    assert "remiss.docx.writer" in loaded
    heavy = {"pydantic", "jinja2", "mistune", "click", "yaml", "ruamel"}
    assert loaded & heavy == set()
    higher = {m for m in loaded if m.startswith("remiss.") and not _allowed(m)}
    assert higher == set()
