"""What an output depends on, and digests that tell whether it changed.

A source's digest covers the bytes of every file it was built from and
remiss's own code, never modification times: a checkout or a copy does not
make anything stale, a changed byte does.
"""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path

from remiss import __version__
from remiss.build.files import read_or_none, sha256
from remiss.resources import BUILTIN_TEMPLATES

BUILTIN_KEY = "<remiss>/"


def dependency_key(path: Path, root: Path) -> str:
    resolved = path.resolve()
    try:
        return resolved.relative_to(root).as_posix()
    except ValueError:
        pass
    try:
        return BUILTIN_KEY + resolved.relative_to(BUILTIN_TEMPLATES).as_posix()
    except ValueError:
        return resolved.as_posix()


def dependency_path(key: str, root: Path) -> Path:
    if key.startswith(BUILTIN_KEY):
        return BUILTIN_TEMPLATES / key[len(BUILTIN_KEY) :]
    path = Path(key)
    return path if path.is_absolute() else root / path


@functools.lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """Return the remiss version and a digest of its own code.

    Why the code too: an output depends on the program that made it; with the
    version alone, a changed but unreleased remiss would leave stale files.
    """
    h = hashlib.sha256(__version__.encode())
    package = Path(__file__).resolve().parents[1]
    for path in sorted(package.rglob("*.py")):
        h.update(path.relative_to(package).as_posix().encode())
        h.update(path.read_bytes())
    return h.hexdigest()


class Hasher:
    """Hash each file once per build."""

    def __init__(self) -> None:
        self.cache: dict[Path, str] = {}

    def file(self, path: Path) -> str:
        cached = self.cache.get(path)
        if cached is None:
            data = read_or_none(path)
            cached = sha256(data) if data is not None else "saknas"
            self.cache[path] = cached
        return cached

    def digest(self, paths: list[Path], settings: str) -> str:
        h = hashlib.sha256(f"{code_fingerprint()}|{settings}".encode())
        for p in paths:
            h.update(self.file(p).encode())
        return h.hexdigest()
