"""Writing outputs safely: atomic files, a manifest, and hand-edit protection.

Why: a secretary's batch may be interrupted, and a handläggare may improve a
generated .docx in Word. A write either completes or leaves the old file; a
file that changed since remiss wrote it is not overwritten without --force.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


TEMP_SUFFIX = ".remiss-tmp"


def _temporary(path: Path, data: bytes, *, durable: bool) -> str:
    """Write `data` to a new temporary file beside `path`; return its name."""
    fd, tmp = tempfile.mkstemp(
        prefix=f".{path.name}.", suffix=TEMP_SUFFIX, dir=path.parent
    )
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
    except BaseException:
        _unlink(tmp)
        raise
    return tmp


def _unlink(name: str) -> None:
    try:
        os.unlink(name)
    except FileNotFoundError:
        pass


def atomic_write(path: Path, data: bytes, *, durable: bool = True) -> None:
    """Write `data` to `path`: readers see the old or the new file, never half.

    durable false skips the fsync: for files whose loss in a crash costs
    nothing but time (a cache).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = _temporary(path, data, durable=durable)
    try:
        os.replace(tmp, path)
    except BaseException:
        _unlink(tmp)
        raise


def remove_leftovers(folder: Path) -> list[Path]:
    """Remove temporary files an interrupted write may have left in a folder."""
    removed = []
    for path in folder.glob(f".*{TEMP_SUFFIX}"):
        try:
            path.unlink()
            removed.append(path)
        except OSError:
            pass
    return removed


class PathEscape(ValueError):
    """An output name that would land outside the output folder."""


def contained(out_dir: Path, name: str, *, resolved: bool = False) -> Path:
    """Return out_dir/name, refusing any name that leaves out_dir.

    resolved says out_dir is already resolved (spares resolving it again).
    """
    if not name or "/" in name or "\\" in name or name in (".", "..") or "\0" in name:
        raise PathEscape(name)
    base = out_dir if resolved else out_dir.resolve()
    target = base / name
    if target.is_symlink() and target.resolve().parent != base:
        raise PathEscape(name)
    return target


def read_or_none(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None
