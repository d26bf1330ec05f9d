"""Reading the files remiss is given or has made."""

from __future__ import annotations

from pathlib import Path


def read_or_none(path: Path) -> bytes | None:
    """Return a file's bytes, or None when there is no such file."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None
