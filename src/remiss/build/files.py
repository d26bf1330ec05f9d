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

from remiss.errors import PathEscape
from remiss.input.files import read_or_none  # noqa: F401 - re-exported


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


TEMP_SUFFIX = ".remiss-tmp"


def atomic_write(path: Path, data: bytes) -> None:
    """Write `data` to `path`: readers see the old or the new file, never half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp: str | None = None
    try:
        fd, tmp = tempfile.mkstemp(
            prefix=f".{path.name}.", suffix=TEMP_SUFFIX, dir=path.parent
        )
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except FileNotFoundError:
                pass
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


def contained(out_dir: Path, name: str) -> Path:
    """Return out_dir/name, refusing any name that leaves out_dir."""
    if not name or "/" in name or "\\" in name or name in (".", "..") or "\0" in name:
        raise PathEscape(name)
    target = (out_dir / name).resolve()
    base = out_dir.resolve()
    if target.parent != base:
        raise PathEscape(name)
    return target
