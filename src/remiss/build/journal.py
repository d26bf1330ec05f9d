"""The build journal: what a build is about to put in place, said first.

Why: the manifest is what tells a file remiss wrote from a file a person
edited. A build that is killed (`kill -9`, a power cut, a full disk) after
renaming new outputs into place but before saving the manifest used to leave
those outputs unrecorded, and the next build refused them as hand-edited.

How: before each batch of renames (files.StagedWrites.commit) the journal
`.remiss-journal.json` in the output folder is written durably with the name
and sha256 of every file about to be put in place, added to what the build
has journaled before. The manifest is saved at the end of the build and the
journal then removed. The next build, finding a journal, takes every entry
whose file now holds exactly those bytes as written by remiss (a file whose
rename never happened, or that a person has since changed, does not match
and keeps what the manifest says), saves the manifest and removes the
journal, before it builds anything.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from remiss.build.files import atomic_write, own_file, safe_name, sha256, sync_folder
from remiss.build.manifest import Manifest

JOURNAL = ".remiss-journal.json"


class Journal:
    """The journal of one build into one folder."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / JOURNAL
        self.entries: dict[str, str] = {}

    def add(self, placed: dict[Path, str]) -> None:
        """Durably note these files (target -> sha256) before they are renamed."""
        for target, digest in placed.items():
            self.entries[target.name] = digest
        text = json.dumps({"version": 1, "filer": self.entries}, sort_keys=True)
        atomic_write(self.path, text.encode("utf-8"))
        sync_folder(str(self.path.parent))

    def close(self) -> None:
        """Remove the journal: the manifest now says all it said."""
        try:
            os.unlink(self.path)
        except FileNotFoundError:
            pass
        self.entries = {}


def replay(manifest: Manifest) -> list[str]:
    """Record in the manifest what an earlier, cut-off build wrote; save it and
    remove the journal. Return the names taken as remiss's."""
    path = manifest.folder / JOURNAL
    raw = own_file(path)
    if raw is None:
        return []
    try:
        data = json.loads(raw.decode("utf-8"))
        entries = data["filer"] if isinstance(data, dict) else {}
    except (ValueError, KeyError, UnicodeDecodeError, RecursionError):
        entries = {}
    taken = []
    if isinstance(entries, dict):
        for name, digest in sorted(entries.items()):
            if not safe_name(name) or not isinstance(digest, str):
                continue
            current = own_file(manifest.folder / name)
            if current is not None and sha256(current) == digest:
                manifest.record_digest(name, digest)
                taken.append(name)
    manifest.save()
    Journal(manifest.folder).close()
    return taken
