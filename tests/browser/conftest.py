"""Fixtures for tests in a real headless Chromium: one browser per session,
and a `remiss serve` of a copy of the example project."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.browser.cdp import Browser, Tab, find_chromium
from tests.conftest import CASES, ROOT

SHOTS = (
    Path(os.environ.get("REMISS_SCREENSHOTS", ""))
    if os.environ.get("REMISS_SCREENSHOTS")
    else None
)


def _chromium() -> str:
    binary = find_chromium()
    if binary is None:
        message = "Chromium är inte installerat (apt-get install chromium)"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{message}; under CI=true måste webbläsartesterna köras")
        pytest.skip(message)
    return binary


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    chromium = Browser(_chromium())
    try:
        yield chromium
    finally:
        chromium.close()


@pytest.fixture
def tab(browser: Browser) -> Iterator[Tab]:
    page = browser.tab()
    try:
        yield page
    finally:
        page.close()


def copy_project(folder: Path) -> Path:
    """Copy the example project (cases and remiss.yaml) into folder."""
    shutil.copytree(CASES, folder / "cases")
    shutil.copy(ROOT / "remiss.yaml", folder / "remiss.yaml")
    return folder


@dataclass
class Served:
    """A running `remiss serve` and the project it shows."""

    process: subprocess.Popen[str]
    url: str
    root: Path

    def stop(self) -> tuple[int, str]:
        """Stop the server as Ctrl-C does; return its exit code and stderr."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
        try:
            _, err = self.process.communicate(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            _, err = self.process.communicate()
        return self.process.returncode, err


def start_server(root: Path, *args: str) -> Served:
    process = subprocess.Popen(
        [sys.executable, "-m", "remiss", "serve", str(root), "--port", "0", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    assert process.stdout is not None
    line = process.stdout.readline()
    if "http://" not in line:
        process.kill()
        _, err = process.communicate()
        pytest.fail(f"remiss serve did not start: {line!r} {err}")
    url = line[line.index("http://") :].strip()
    return Served(process, url, root)


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    server = start_server(copy_project(tmp_path / "projekt"))
    try:
        yield server
    finally:
        server.stop()


def shot(tab: Tab, name: str) -> None:
    """Keep a screenshot when REMISS_SCREENSHOTS names a folder."""
    if SHOTS is not None:
        SHOTS.mkdir(parents=True, exist_ok=True)
        tab.screenshot(SHOTS / name, full_page=True)
