"""The output folder's manifest: what remiss wrote, and from what."""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass, field
from pathlib import Path

from remiss.build.files import (
    StagedWrites,
    atomic_write,
    contained,
    read_or_none,
    sha256,
)

MANIFEST = ".remiss-manifest.json"


@dataclass
class SourceRecord:
    """What one source (case or meeting file) was built from, and into."""

    digest: str
    depends: list[str]
    outputs: list[str]

    def as_json(self) -> dict[str, object]:
        return {
            "indata": self.digest,
            "beroenden": self.depends,
            "utdata": self.outputs,
        }


@dataclass
class Manifest:
    """What remiss wrote into one output folder.

    `files`: per output file, the hash of the bytes remiss wrote (to notice a
    hand edit). `sources`: per source file, the digest of what it was built
    from, the files it depends on, and the outputs it made (for incremental
    builds).
    """

    folder: Path
    files: dict[str, dict[str, str]] = field(default_factory=dict)
    sources: dict[str, SourceRecord] = field(default_factory=dict)
    changed: bool = False
    _base: Path | None = field(default=None, repr=False, compare=False)
    set_aside: bool = False  # the file was there but could not be understood

    @classmethod
    def load(cls, folder: Path) -> Manifest:
        path = folder / MANIFEST
        files: dict[str, dict[str, str]] = {}
        sources: dict[str, SourceRecord] = {}
        try:
            data = json.loads(path.read_text("utf-8"))
        except FileNotFoundError:
            data = {}
        except (OSError, ValueError, RecursionError):
            # Unreadable or not JSON: set aside. Everything is then built as
            # if for the first time, and nothing it does not know is removed.
            data = None
        if isinstance(data, dict):
            raw_files = data.get("filer", {})
            if isinstance(raw_files, dict):
                files = {
                    k: v
                    for k, v in raw_files.items()
                    if isinstance(v, dict) and isinstance(v.get("sha256"), str)
                }
            raw_sources = data.get("källor", {})
            if isinstance(raw_sources, dict):
                for key, value in raw_sources.items():
                    try:
                        sources[key] = SourceRecord(
                            str(value["indata"]),
                            [str(x) for x in value["beroenden"]],
                            [str(x) for x in value["utdata"]],
                        )
                    except (KeyError, TypeError):
                        continue
        made = cls(folder, files, sources)
        made.set_aside = data is None or not isinstance(data, dict)
        return made

    def save(self) -> None:
        if not self.changed:
            return
        text = json.dumps(
            {
                "version": 1,
                "filer": self.files,
                "källor": {k: v.as_json() for k, v in self.sources.items()},
            },
            ensure_ascii=False,
            indent=1,
            sort_keys=True,
        )
        atomic_write(self.folder / MANIFEST, (text + "\n").encode("utf-8"))
        self.changed = False

    def target(self, name: str) -> Path:
        """Return the path of output `name`, refusing names that leave the
        folder (PathEscape); the folder is resolved once."""
        if self._base is None:
            self._base = self.folder.resolve()
        return contained(self._base, name, resolved=True)

    def status(self, name: str, current: bytes | None) -> str:
        """Return 'new', 'ours' (unchanged since we wrote it) or 'edited'."""
        if current is None:
            return "new"
        entry = self.files.get(name)
        if entry is None:
            return "edited"
        return "ours" if entry.get("sha256") == sha256(current) else "edited"

    def record(self, name: str, data: bytes) -> None:
        self.record_digest(name, sha256(data))

    def record_digest(self, name: str, digest: str) -> None:
        entry = {"sha256": digest}
        if self.files.get(name) != entry:
            self.files[name] = entry
            self.changed = True

    def forget(self, name: str) -> None:
        if self.files.pop(name, None) is not None:
            self.changed = True

    def record_source(self, key: str, record: SourceRecord) -> None:
        if self.sources.get(key) != record:
            self.sources[key] = record
            self.changed = True

    def drop_source(self, key: str) -> None:
        if self.sources.pop(key, None) is not None:
            self.changed = True


@dataclass
class WriteOutcome:
    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    refused: list[Path] = field(default_factory=list)


def write_outputs(
    manifest: Manifest,
    outputs: dict[str, bytes],
    *,
    force: bool = False,
    staged: StagedWrites | None = None,
    owner: str = "",
) -> WriteOutcome:
    """Write name -> bytes into the manifest's folder, protecting edited files.

    With `staged`, new files are only staged (for `owner`) and the manifest
    records each once its commit has put it in place.
    """
    outcome = WriteOutcome()
    for name, data in outputs.items():
        target = manifest.target(name)
        current = read_or_none(target)
        if current == data:
            manifest.record(name, data)
            outcome.unchanged.append(target)
            continue
        if manifest.status(name, current) == "edited" and not force:
            outcome.refused.append(target)
            continue
        if staged is None:
            atomic_write(target, data)
            manifest.record(name, data)
        else:
            staged.stage(
                target,
                data,
                owner=owner,
                done=functools.partial(manifest.record_digest, name, sha256(data)),
            )
        outcome.written.append(target)
    return outcome
