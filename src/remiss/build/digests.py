"""What an output depends on, and digests that tell whether it changed.

A source's digest covers the bytes of every file it was built from and
remiss's own code, never modification times: a checkout or a copy does not
make anything stale, a changed byte does.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from pathlib import Path

from remiss import __version__
from remiss.build.statcache import StatCache
from remiss.input.discover import source_files
from remiss.resources import BUILTIN_LOOKS, BUILTIN_TEMPLATES

BUILTIN_KEY = "<remiss>/"
_LOOK_FILES = frozenset(path.name for path in BUILTIN_LOOKS.values())


def dependency_key(resolved: Path, root: Path) -> str:
    """Return how the manifest names a dependency (a resolved path).

    A file of remiss's own is named `<remiss>/…` wherever remiss is
    installed, also in a virtual environment inside the project (as the
    README sets one up), so that a teammate's install names it the same.
    In a checkout of remiss itself the built-in folder is the project's own
    `templates/`: its templates are then the project's (a non-editable
    install finds them there first), while a built-in look (the reference
    documents) is still `<remiss>/…`, as every other install names it.
    """
    builtin = BUILTIN_TEMPLATES
    if resolved.is_relative_to(builtin):
        inside = resolved.relative_to(builtin).as_posix()
        if builtin != root / "templates" or inside in _LOOK_FILES:
            return BUILTIN_KEY + inside
    try:
        return resolved.relative_to(root).as_posix()
    except ValueError:
        return resolved.as_posix()


def folder_key(resolved: Path, root: Path) -> str:
    """Return a dependency's key; a folder's ends with "/" (see Hasher.file)."""
    key = dependency_key(resolved, root)
    return f"{key}/" if resolved.is_dir() else key


def keys_located(hasher: Hasher, keys: Sequence[str], root: Path) -> list[str]:
    """Return the files (and folders, ending with "/") that keys name.

    Only a folder inside the project is looked through: a manifest edited
    to name "/" or "../../" makes its source stale, not a walk of the disk.
    """
    out = []
    for key in keys:
        located = hasher.located(key, root)
        if key.endswith("/") and (
            os.path.isabs(key) or ".." in key.split("/") or key.startswith(BUILTIN_KEY)
        ):
            located = located.rstrip("/")  # a folder read as a file: "saknas"
        out.append(located)
    return out


def dependency_path(key: str, root: Path) -> Path:
    return Path(dependency_file(key, str(root)))


def dependency_file(key: str, root: str) -> str:
    """Return the file a dependency key names, as a string (cheap)."""
    if key.startswith(BUILTIN_KEY):
        return os.path.join(BUILTIN_TEMPLATES, key[len(BUILTIN_KEY) :])
    return key if os.path.isabs(key) else os.path.join(root, key)


def code_fingerprint() -> str:
    """Return what remiss itself adds to every digest: its version.

    The templates and the reference document an output was made from are
    dependencies of their own (hashed by content), so a digest says nothing
    about where or how remiss is installed: a clone anywhere, with remiss
    installed any supported way, agrees with the committed outputs. Hashing
    remiss's own source files instead cost 11 ms per command and made every
    install path and every unreleased change a reason to rebuild everything.
    """
    return f"remiss {__version__}"


class Hasher:
    """Hash each file once per build, and not at all when the stat cache
    knows it (see statcache)."""

    def __init__(self, cache: StatCache | None = None) -> None:
        self.cache = cache if cache is not None else StatCache()
        self._located: dict[str, str] = {}
        self._folders: dict[str, str] = {}

    def located(self, key: str, root: Path) -> str:
        """Return the file a dependency key names (remembered: the keys of a
        project's templates and settings recur in every source)."""
        found = self._located.get(key)
        if found is None:
            found = self._located[key] = dependency_file(key, str(root))
        return found

    def file(self, path: str | os.PathLike[str]) -> str:
        text = os.fspath(path)
        if text.endswith("/"):
            return self.folder(text)
        return self.cache.digest(path)

    def folder(self, path: str) -> str:
        """Return a digest of the case and meeting files in a folder: their
        names and contents. A source that looks through a folder (a
        remissammanställning finding its answers) depends on it: a new,
        removed or changed file there makes the source stale. Names nothing,
        so a public manifest that lists the folder tells no file's name."""
        found = self._folders.get(path)
        if found is None:
            h = hashlib.sha256(b"folder")
            base = Path(path)
            for file in source_files([base]):
                name = file.relative_to(base).as_posix()
                h.update(f"{name}\0{self.cache.digest(file)}\n".encode())
            found = self._folders[path] = h.hexdigest()
        return found

    def digest(self, paths: Sequence[str | os.PathLike[str]], settings: str) -> str:
        h = hashlib.sha256(f"{code_fingerprint()}|{settings}".encode())
        for p in paths:
            h.update(self.file(p).encode())
        return h.hexdigest()
