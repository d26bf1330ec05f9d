"""The build journal: what a build is about to put in place, said first.

Why: the manifest is what tells a file remiss wrote from a file a person
edited. A build that is killed (`kill -9`, a power cut, a full disk) after
renaming new outputs into place but before saving the manifest used to leave
those outputs unrecorded, and the next build refused them as hand-edited.

How: before each batch of renames (files.StagedWrites.commit) a line is
appended to the journal `.remiss-journal.json` in the output folder with the
name and sha256 of every file about to be put in place, and synced to disk.
The manifest is saved at the end of the build and the journal then removed.
The next build, finding a journal, takes every entry whose file now holds
exactly those bytes as written by remiss (a file whose rename never
happened, or that a person has since changed, does not match and keeps what
the manifest says) before it builds anything, and removes the journal once
its own manifest is saved. A journal grows by a line per batch of renames.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from remiss.build.files import open_own, own_file, safe_name, sha256, sync_folder
from remiss.build.manifest import Manifest

JOURNAL = ".remiss-journal.json"


class Journal:
    """The journal of one build into one folder: one line of JSON per batch,
    appended and synced before the batch's renames (a line cut off by a crash
    is the batch whose renames never began, and is skipped)."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / JOURNAL
        self._fd: int | None = None

    def add(self, placed: dict[Path, str]) -> None:
        """Durably note these files (target -> sha256) before they are renamed."""
        line = json.dumps({t.name: d for t, d in placed.items()}, sort_keys=True)
        if self._fd is None:
            # Appended to a journal a cut-off build left: its lines hold until
            # this build's manifest is saved too.
            self._fd = open_own(self.path, os.O_WRONLY | os.O_APPEND | _BINARY)
            sync_folder(str(self.path.parent))
        os.write(self._fd, (line + "\n").encode("utf-8"))
        os.fsync(self._fd)

    def close(self) -> None:
        """Remove the journal: the manifest now says all it said."""
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
        try:
            os.unlink(self.path)
        except OSError:
            pass  # none was written, or it stays and is read again: harmless


_BINARY = getattr(os, "O_BINARY", 0)


def _entries(raw: bytes) -> dict[str, str]:
    """Return name -> sha256 from the journal's lines; a torn line is skipped."""
    found: dict[str, str] = {}
    for line in raw.splitlines():
        try:
            batch = json.loads(line.decode("utf-8"))
        except (ValueError, UnicodeDecodeError, RecursionError):
            continue
        if isinstance(batch, dict):
            found.update(
                (k, v) for k, v in batch.items() if isinstance(v, str) and safe_name(k)
            )
    return found


def replay(manifest: Manifest) -> list[str]:
    """Record in the manifest what an earlier, cut-off build wrote; return the
    names taken as remiss's. The journal stays until the manifest is saved."""
    try:
        raw = own_file(manifest.folder / JOURNAL)
    except OSError:
        raw = None
    if raw is None:
        return []
    taken = []
    for name, digest in sorted(_entries(raw).items()):
        try:
            current = own_file(manifest.folder / name)
        except OSError:
            continue  # unreadable: the manifest keeps what it said
        if current is not None and sha256(current) == digest:
            manifest.record_digest(name, digest)
            taken.append(name)
    return taken
