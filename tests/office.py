"""One LibreOffice for the whole test run, to read .docx files back as text.

Starting LibreOffice with a fresh profile costs more than a second of CPU, and
the tests read back dozens of documents; tests/tools/lo_changes.py in its
`serve` mode keeps one private office open and converts each request with it.
"""

from __future__ import annotations

import os
import select
import shutil
import subprocess
from pathlib import Path

import pytest

LO_SCRIPT = Path(__file__).resolve().parent / "tools" / "lo_changes.py"
SYSTEM_PYTHON = "/usr/bin/python3"
TIMEOUT = 300  # seconds for one document, as a LibreOffice of its own had


def has_uno() -> bool:
    if shutil.which("soffice") is None or not Path(SYSTEM_PYTHON).exists():
        return False
    probe = subprocess.run(
        [SYSTEM_PYTHON, "-c", "import uno"], capture_output=True, check=False
    )
    return probe.returncode == 0


office_needed = pytest.mark.skipif(
    not has_uno() and os.environ.get("CI") != "true",
    reason="LibreOffice med python3-uno saknas (apt-get install python3-uno)",
)


class Office:
    """A LibreOffice that opens .docx files and saves their text."""

    def __init__(self) -> None:
        self.process = subprocess.Popen(
            [SYSTEM_PYTHON, str(LO_SCRIPT), "serve"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            encoding="utf-8",
        )

    def text(self, mode: str, path: Path) -> str:
        """Return the text of `path` after accepting or rejecting all changes
        (mode accept or reject), or as it is (none)."""
        assert self.process.stdin is not None
        assert self.process.stdout is not None
        target = path.with_suffix(f".{mode}.txt")
        self.process.stdin.write(f"{mode}\t{path.resolve()}\t{target.resolve()}\n")
        self.process.stdin.flush()
        ready, _, _ = select.select([self.process.stdout], [], [], TIMEOUT)
        if not ready:  # a late answer must not be taken for the next one's
            self.process.kill()
            raise AssertionError(f"LibreOffice did not answer in {TIMEOUT} s: {path}")
        reply = self.process.stdout.readline()
        assert reply == "ok\n", reply or "LibreOffice quit"
        return target.read_text("utf-8-sig")

    def close(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        try:
            self.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
