"""Shared test helpers: golden files, the schema check and the CLI runners."""

from __future__ import annotations

import difflib
import io
import os
import shutil
import subprocess
import sys
import textwrap
import traceback
import warnings
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from lxml import etree

from remiss.cli.zygote import exit_status
from tests.ooxml.validate import validate_docx

if TYPE_CHECKING:
    from tests.office import Office

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


def example_project(folder: Path, *names: str) -> Path:
    """Return `folder` as a project with the example remiss.yaml and the
    named files of the example cases/ folder."""
    shutil.copy(ROOT / "remiss.yaml", folder / "remiss.yaml")
    (folder / "cases").mkdir()
    for name in names:
        shutil.copy(CASES / name, folder / "cases" / name)
    return folder


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
    # Commands run in a new process each, never in a background process left
    # by another run (tests/test_background.py tests that one on purpose).
    os.environ["REMISS_BAKGRUND"] = "0"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="rewrite the golden files from the current output",
    )


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture(scope="session")
def office() -> Iterator[Office]:
    """One LibreOffice for every test that reads a document back with it."""
    from tests.office import Office

    shared = Office()
    try:
        yield shared
    finally:
        shared.close()


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


def pandoc_plain(path: Path) -> str:
    """Return a .docx as pandoc reads it, as plain text without wrapping."""
    return subprocess.run(
        ["pandoc", "-f", "docx", "-t", "plain", "--wrap=none", str(path)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


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


# Read by Python or the C library only when a process starts, so a test that
# sets them must run the real command in a subprocess (run_remiss).
_START_ONLY_ENV = frozenset(
    {"TZ", "LANG", "LANGUAGE", "LC_ALL", "LC_CTYPE", "PYTHONPATH", "PYTHONHASHSEED"}
)

# Python's own warning filters, as a fresh `python -m remiss` has them.
_DEFAULT_WARNING_FILTERS = (
    ("default", DeprecationWarning, "__main__"),
    ("ignore", DeprecationWarning, ""),
    ("ignore", PendingDeprecationWarning, ""),
    ("ignore", ImportWarning, ""),
    ("ignore", ResourceWarning, ""),
)


def _forget_process_caches() -> None:
    """Empty remiss's per-process caches, as a new process starts without them."""
    for name, module in list(sys.modules.items()):
        if name != "remiss" and not name.startswith("remiss."):
            continue
        for value in list(vars(module).values()):
            if getattr(value, "__module__", None) == name and hasattr(
                value, "cache_clear"
            ):
                value.cache_clear()


def _show_warning(message, category, filename, lineno, file=None, line=None):  # type: ignore[no-untyped-def]
    sys.stderr.write(warnings.formatwarning(message, category, filename, lineno, line))


def _as_text(data: bytes) -> str:
    """Decode captured output as subprocess.run(text=True) does."""
    return data.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")


def invoke_remiss(
    *args: str, cwd: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run the `remiss` command in this process, as run_remiss would in a new one.

    The same command line, working folder, environment, exit status, stdout
    and stderr (with the traceback Python would print, should an exception
    escape), without the half second or more a new Python spends importing
    remiss. remiss's per-process caches are emptied first, as in a new
    process. For tests that read what a command prints or writes; tests about
    the process itself (signals, locale, time zone, worker pools, a missing
    program) use run_remiss.
    """
    from remiss.cli.app import main

    late = _START_ONLY_ENV.intersection(env or {})
    assert not late, f"{sorted(late)} only take effect in a new process: run_remiss"
    out, err = io.BytesIO(), io.BytesIO()
    # Python's streams on a pipe: UTF-8, stderr never fails on a character.
    stdout = io.TextIOWrapper(out, encoding="utf-8", errors="strict")
    stderr = io.TextIOWrapper(err, encoding="utf-8", errors="backslashreplace")
    saved = os.getcwd(), sys.argv, sys.stdout, sys.stderr, dict(os.environ)
    _forget_process_caches()
    try:
        if "COLUMNS" not in os.environ:  # behind run_remiss's pipe: 80 columns
            os.environ["COLUMNS"] = "80"
        os.environ.update(env or {})
        if cwd is not None:
            os.chdir(cwd)
        sys.argv = ["remiss", *args]  # the command reads --debug from here
        sys.stdout, sys.stderr = stdout, stderr
        with warnings.catch_warnings():
            warnings.resetwarnings()
            for action, category, module in reversed(_DEFAULT_WARNING_FILTERS):
                warnings.filterwarnings(action, category=category, module=module)
            warnings.showwarning = _show_warning
            try:
                main.main(args=list(args), prog_name="python -m remiss")
                code = 0
            except SystemExit as exc:
                code = exit_status(exc.code)
            except KeyboardInterrupt:
                raise  # Ctrl-C at the test run stops the test run
            except BaseException:  # noqa: BLE001 - as Python's last resort does
                traceback.print_exc()
                code = 1
    finally:
        stdout.flush()
        stderr.flush()
        os.chdir(saved[0])
        sys.argv, sys.stdout, sys.stderr = saved[1:4]
        os.environ.clear()
        os.environ.update(saved[4])
    return subprocess.CompletedProcess(
        [sys.executable, "-m", "remiss", *args],
        code,
        _as_text(out.getvalue()),
        _as_text(err.getvalue()),
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
